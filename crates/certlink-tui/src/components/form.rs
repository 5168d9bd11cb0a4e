//! A small form: labelled text fields, an optional shortcut button before them
//! (the R4 "Use <email> to associate…" offer), and the focus among them. Used by
//! the sign-in and new-password screens and the credentials dialog.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::button;
use super::text_input::TextInput;
use super::wrap;
use crate::action::Action;
use crate::theme::{Mark, Theme};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub input: TextInput,
}

impl Field {
    pub fn plain(label: &'static str) -> Field {
        Field {
            label,
            input: TextInput::plain(),
        }
    }
    pub fn masked(label: &'static str) -> Field {
        Field {
            label,
            input: TextInput::masked(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// A button shown before the fields; focus index 0 when present.
    pub shortcut: Option<String>,
    pub fields: Vec<Field>,
    focus: usize,
}

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        Form {
            shortcut: None,
            fields,
            focus: 0,
        }
    }

    /// Adds the shortcut button; focus starts on it, the obvious first step.
    pub fn with_shortcut(mut self, label: String) -> Form {
        self.shortcut = Some(label);
        self.focus = 0;
        self
    }

    fn offset(&self) -> usize {
        usize::from(self.shortcut.is_some())
    }

    fn focusables(&self) -> usize {
        self.fields.len() + self.offset()
    }

    pub fn shortcut_focused(&self) -> bool {
        self.shortcut.is_some() && self.focus == 0
    }

    /// The index in `fields` of the focused field, if a field has focus.
    pub fn focused_field(&self) -> Option<usize> {
        self.focus.checked_sub(self.offset())
    }

    pub fn focus_field(&mut self, index: usize) {
        if index < self.fields.len() {
            self.focus = index + self.offset();
        }
    }

    /// Focus by row (as [`Form::rows`] lists them), for mouse clicks.
    pub fn focus_row(&mut self, row: usize) {
        if row < self.focusables() {
            self.focus = row;
        }
    }

    pub fn value(&self, index: usize) -> &str {
        self.fields.get(index).map_or("", |f| f.input.value())
    }

    /// Something was typed into a field.
    pub fn has_input(&self) -> bool {
        self.fields.iter().any(|f| !f.input.value().is_empty())
    }

    /// The last field has focus: Enter submits there, elsewhere it moves on.
    pub fn on_last_field(&self) -> bool {
        self.focused_field()
            .is_some_and(|i| i + 1 >= self.fields.len())
    }

    pub fn field_mut(&mut self, index: usize) -> Option<&mut TextInput> {
        self.fields.get_mut(index).map(|f| &mut f.input)
    }

    /// Handles the form's own actions; false when the action is not for it.
    pub fn apply(&mut self, action: &Action) -> bool {
        let n = self.focusables();
        match action {
            Action::NextField => self.focus = (self.focus + 1) % n,
            Action::PrevField => self.focus = (self.focus + n - 1) % n,
            Action::Type(c) => self.with_focused(|i| i.insert(*c)),
            Action::Paste(text) => self.with_focused(|i| i.paste(text)),
            Action::Edit(op) => self.with_focused(|i| i.edit(*op)),
            _ => return false,
        }
        true
    }

    fn with_focused(&mut self, f: impl FnOnce(&mut TextInput)) {
        if let Some(i) = self.focused_field()
            && let Some(field) = self.fields.get_mut(i)
        {
            f(&mut field.input);
        }
    }

    fn label_width(&self) -> u16 {
        let widest = self
            .fields
            .iter()
            .map(|f| f.label.width())
            .max()
            .unwrap_or(0);
        u16::try_from(widest + 2).unwrap_or(u16::MAX)
    }

    fn shortcut_lines(&self, width: u16) -> Vec<String> {
        match &self.shortcut {
            // Room for the selection mark.
            Some(label) => wrap(label, width.saturating_sub(2)),
            None => Vec::new(),
        }
    }

    /// The lines the form needs at this width.
    pub fn height(&self, width: u16) -> u16 {
        let shortcut = self.shortcut_lines(width).len();
        u16::try_from(shortcut + self.fields.len()).unwrap_or(u16::MAX)
    }

    /// The area of each focusable row (shortcut, then fields), top to bottom.
    pub fn rows(&self, area: Rect) -> Vec<Rect> {
        let mut rows = Vec::new();
        let mut y = area.y;
        let bottom = area.y.saturating_add(area.height);
        let shortcut = u16::try_from(self.shortcut_lines(area.width).len()).unwrap_or(0);
        if self.shortcut.is_some() {
            let h = shortcut.min(bottom.saturating_sub(y));
            rows.push(Rect::new(area.x, y, area.width, h));
            y = y.saturating_add(h);
        }
        for _ in &self.fields {
            let h = u16::from(y < bottom);
            rows.push(Rect::new(area.x, y, area.width, h));
            y = y.saturating_add(1);
        }
        rows
    }

    /// The row a click at (column, row) lands on, as [`Form::rows`] lists
    /// them: a field anywhere on its line (it only takes focus), the
    /// shortcut button only on its own words, not the blank space beside
    /// them (a click there would press it).
    pub fn row_at(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        let at = Position::new(column, row);
        let rows = self.rows(area);
        let lead = u16::try_from(Mark::SELECTED.width()).unwrap_or(0);
        let on_shortcut = |r: &Rect| {
            self.shortcut_lines(area.width)
                .iter()
                .zip(r.rows())
                .any(|(text, line)| button::cells(line, lead, text).contains(at))
        };
        rows.iter().enumerate().find_map(|(i, r)| {
            let hit = if i == 0 && self.shortcut.is_some() {
                on_shortcut(r)
            } else {
                r.contains(at)
            };
            hit.then_some(i)
        })
    }

    /// Draws the form; `active` is false while a job runs (no cursor then).
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, active: bool) {
        let rows = self.rows(area);
        let mut rows = rows.into_iter();
        if self.shortcut.is_some()
            && let Some(row) = rows.next()
        {
            let focused = self.shortcut_focused();
            let (mark, style) = if focused {
                (Mark::SELECTED, theme.selected)
            } else {
                (Mark::UNSELECTED, theme.key)
            };
            let lines: Vec<Line> = self
                .shortcut_lines(area.width)
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    let lead = if i == 0 { mark } else { Mark::UNSELECTED };
                    Line::from(vec![Span::raw(lead), Span::styled(text, style)])
                })
                .collect();
            frame.render_widget(ratatui::widgets::Paragraph::new(lines), row);
        }
        let label_width = self.label_width();
        for (index, (field, row)) in self.fields.iter().zip(rows).enumerate() {
            if row.height == 0 {
                continue;
            }
            let focused = self.focused_field() == Some(index);
            let label_style = if focused { theme.heading } else { theme.text };
            let label = Rect {
                width: label_width.min(row.width),
                ..row
            };
            let input = Rect {
                x: row.x + label.width,
                width: row.width - label.width,
                ..row
            };
            frame.render_widget(Span::styled(field.label, label_style), label);
            let style = if focused {
                theme.input_focus
            } else {
                theme.input
            };
            field.input.render(frame, input, style, focused && active);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_cycles_through_shortcut_and_fields() {
        let mut form = Form::new(vec![Field::plain("Email"), Field::masked("Password")])
            .with_shortcut("Use a@b.c".into());
        assert!(form.shortcut_focused());
        assert!(
            form.apply(&Action::Type('x')),
            "typing on the button is a no-op"
        );
        assert_eq!(form.value(0), "");
        form.apply(&Action::NextField);
        assert_eq!(form.focused_field(), Some(0));
        form.apply(&Action::PrevField);
        form.apply(&Action::PrevField);
        assert_eq!(form.focused_field(), Some(1));
        form.apply(&Action::Paste("pw".into()));
        assert_eq!(form.value(1), "pw");
        assert!(!form.apply(&Action::Activate));
    }

    #[test]
    fn the_shortcut_is_pressed_on_its_words_only() {
        let form = Form::new(vec![Field::plain("Email"), Field::masked("Password")])
            .with_shortcut("Use a@b.c".into());
        let area = Rect::new(0, 0, 40, 3);
        // "▶ " then the words: cells 2 to 10.
        assert_eq!(form.row_at(area, 2, 0), Some(0));
        assert_eq!(form.row_at(area, 10, 0), Some(0));
        assert_eq!(form.row_at(area, 11, 0), None, "blank space beside it");
        assert_eq!(form.row_at(area, 30, 0), None);
        // A field's line focuses it anywhere.
        assert_eq!(form.row_at(area, 30, 1), Some(1));
        assert_eq!(form.row_at(area, 39, 2), Some(2));
    }
}
