//! A single-line text field: typing, editing keys, bracketed paste, and masking
//! for passwords. Widths are measured in terminal cells, so wide (CJK) text keeps
//! the cursor in place.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::action::{Action, EditOp};
use certlink_domain::limits;

/// What a masked field shows for each character.
const MASK: char = '•';

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Cursor position in characters (not bytes).
    cursor: usize,
    masked: bool,
}

impl TextInput {
    pub fn plain() -> TextInput {
        TextInput::default()
    }

    pub fn masked() -> TextInput {
        TextInput {
            masked: true,
            ..TextInput::default()
        }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_masked(&self) -> bool {
        self.masked
    }

    pub fn set(&mut self, value: &str) {
        self.value = value.to_string();
        self.cursor = self.value.chars().count();
    }

    /// Empties the field (passwords after every attempt).
    pub fn clear(&mut self) {
        self.value.clear();
        self.cursor = 0;
    }

    /// Takes the value out, leaving the field empty.
    pub fn take(&mut self) -> String {
        self.cursor = 0;
        std::mem::take(&mut self.value)
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_index)
            .map_or(self.value.len(), |(i, _)| i)
    }

    /// The most characters the field takes: the longest value the service
    /// accepts in any field (a password for masked fields). Typing or pasting
    /// past it does nothing, so no key stream can grow a field without bound.
    fn max_chars(&self) -> usize {
        if self.masked {
            limits::PASSWORD
        } else {
            limits::TEXT_FIELD
        }
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() || self.value.chars().count() >= self.max_chars() {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    /// Pastes text: line breaks and other control characters are dropped (a
    /// password copied with its newline still works).
    pub fn paste(&mut self, text: &str) {
        let room = self.max_chars().saturating_sub(self.value.chars().count());
        for c in text.chars().filter(|c| !c.is_control()).take(room) {
            self.insert(c);
        }
    }

    pub fn edit(&mut self, op: EditOp) {
        let len = self.value.chars().count();
        match op {
            EditOp::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.value.remove(at);
                self.cursor -= 1;
            }
            EditOp::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            EditOp::Left => self.cursor = self.cursor.saturating_sub(1),
            EditOp::Right => self.cursor = (self.cursor + 1).min(len),
            EditOp::Home => self.cursor = 0,
            EditOp::End => self.cursor = len,
            EditOp::Clear => self.clear(),
            EditOp::Backspace | EditOp::Delete | EditOp::Newline => {}
        }
    }

    /// Typing, paste and editing keys; false when the action is something else.
    pub fn apply(&mut self, action: &Action) -> bool {
        match action {
            Action::Type(c) => self.insert(*c),
            Action::Paste(text) => self.paste(text),
            Action::Edit(op) => self.edit(*op),
            _ => return false,
        }
        true
    }

    /// The characters as shown (masked or not).
    fn shown(&self) -> Vec<char> {
        if self.masked {
            vec![MASK; self.value.chars().count()]
        } else {
            self.value.chars().collect()
        }
    }

    /// Draws the field into `area` (one line); with `focused`, places the
    /// terminal cursor. Scrolls horizontally to keep the cursor visible.
    pub fn render(&self, frame: &mut Frame, area: Rect, style: Style, focused: bool) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let shown = self.shown();
        let width = |c: &char| c.width().unwrap_or(0);
        // Leave one cell for the cursor after the last character.
        let room = usize::from(area.width).saturating_sub(1);
        let mut start = 0;
        while shown[start..self.cursor.min(shown.len())]
            .iter()
            .map(width)
            .sum::<usize>()
            > room
        {
            start += 1;
        }
        let mut text = String::new();
        let mut used = 0;
        for c in &shown[start..] {
            if used + width(c) > usize::from(area.width) {
                break;
            }
            used += width(c);
            text.push(*c);
        }
        // Pad to the full width so the field's style shows where to type.
        text.push_str(&" ".repeat(usize::from(area.width).saturating_sub(used)));
        let line = Line::from(Span::styled(text, style));
        frame.render_widget(line, area);
        if focused {
            let before: usize = shown[start..self.cursor.min(shown.len())]
                .iter()
                .map(width)
                .sum();
            let x = area.x
                + u16::try_from(before)
                    .unwrap_or(area.width)
                    .min(area.width - 1);
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn typing_editing_and_paste() {
        let mut t = TextInput::plain();
        for c in "ab".chars() {
            t.insert(c);
        }
        t.edit(EditOp::Left);
        t.insert('王');
        assert_eq!(t.value(), "a王b");
        t.edit(EditOp::Home);
        t.edit(EditOp::Delete);
        assert_eq!(t.value(), "王b");
        t.edit(EditOp::End);
        t.edit(EditOp::Backspace);
        t.paste("pass\nword\r\n");
        assert_eq!(t.value(), "王password");
        t.edit(EditOp::Clear);
        assert_eq!(t.value(), "");
    }

    #[test]
    fn fields_stop_taking_characters_at_the_limit() {
        let mut t = TextInput::plain();
        t.paste(&"x".repeat(limits::TEXT_FIELD + 10));
        assert_eq!(t.value().chars().count(), limits::TEXT_FIELD);
        t.insert('y');
        assert_eq!(t.value().chars().count(), limits::TEXT_FIELD);
        let mut p = TextInput::masked();
        p.paste(&"x".repeat(limits::PASSWORD + 1));
        assert_eq!(p.value().chars().count(), limits::PASSWORD);
    }

    #[test]
    fn masked_fields_never_show_the_value() {
        let mut t = TextInput::masked();
        t.paste("secret");
        assert_eq!(t.shown(), vec![MASK; 6]);
        assert_eq!(t.take(), "secret");
        assert_eq!(t.value(), "");
    }

    /// Where the terminal cursor is after drawing `t` focused, `width` wide,
    /// and the cells drawn.
    fn drawn(t: &TextInput, width: u16) -> (u16, String) {
        let backend = ratatui::backend::TestBackend::new(width, 1);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal
            .draw(|frame| t.render(frame, frame.area(), Style::default(), true))
            .unwrap();
        let cursor = terminal.get_cursor_position().unwrap();
        let buffer = terminal.backend().buffer();
        // The cell under a wide character's second half holds a placeholder.
        let mut cells = String::new();
        let mut hidden = 0;
        for x in 0..width {
            let symbol = buffer[(x, 0)].symbol();
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            hidden = symbol.width().saturating_sub(1);
            cells.push_str(symbol);
        }
        (cursor.x, cells)
    }

    /// Issue 16: Chinese typed key by key, pasted, or committed by an IME
    /// (several characters in one paste) lands whole, and the cursor stands
    /// right after the wide characters: two cells each.
    #[test]
    fn chinese_typed_or_pasted_puts_the_cursor_after_its_cells() {
        let mut typed = TextInput::plain();
        for c in "王小明".chars() {
            assert!(typed.apply(&Action::Type(c)));
        }
        let mut pasted = TextInput::plain();
        assert!(pasted.apply(&Action::Paste("王小明".into())));
        for t in [&typed, &pasted] {
            assert_eq!(t.value(), "王小明");
            let (x, cells) = drawn(t, 20);
            assert_eq!(x, 6, "after three wide characters");
            assert!(cells.starts_with("王小明"), "{cells:?}");
        }
        // Back one character: the cursor moves two cells.
        typed.edit(EditOp::Left);
        assert_eq!(drawn(&typed, 20).0, 4);
        // Mixed Latin and Han.
        let mut mixed = TextInput::plain();
        mixed.paste("Ada 王");
        assert_eq!(drawn(&mixed, 20).0, 6);
    }

    /// A long Chinese value scrolls by cells: the cursor stays in the field,
    /// and no wide character is drawn cut at either edge.
    #[test]
    fn a_long_chinese_value_scrolls_by_cells() {
        let mut t = TextInput::plain();
        t.paste(&"王小明".repeat(5));
        for width in [5u16, 6, 7, 10] {
            let (x, cells) = drawn(&t, width);
            assert!(x < width, "cursor {x} in a field {width} wide");
            assert!(
                cells
                    .chars()
                    .all(|c| c == '王' || c == '小' || c == '明' || c == ' ')
            );
            assert!(cells.trim_end().width() <= usize::from(width));
            // The end of the text shows, right before the cursor.
            assert!(cells.trim_end().ends_with('明'), "{cells:?}");
            assert_eq!(usize::from(x), cells.trim_end().width(), "{cells:?}");
        }
        t.edit(EditOp::Home);
        let (x, cells) = drawn(&t, 7);
        assert_eq!(x, 0);
        assert!(cells.starts_with("王小明"), "{cells:?}");
    }

    /// The limit counts characters, as the domain's limits do
    /// (`certlink_domain::limits`): a Chinese name of 200 characters is
    /// 600 bytes and fits a 200-character limit.
    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let mut t = TextInput::plain();
        t.paste(&"王".repeat(limits::TEXT_FIELD + 5));
        assert_eq!(t.value().chars().count(), limits::TEXT_FIELD);
        assert!(limits::check_chars("the name", t.value(), limits::TEXT_FIELD).is_ok());
    }
}
