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
}
