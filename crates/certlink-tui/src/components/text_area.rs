//! A multi-line text field for ticket texts (R14, issue 15 principle 5):
//! Enter breaks the line, the arrows move the cursor across lines, long
//! lines wrap on screen (the text keeps them whole), and the text never
//! grows past the domain's limit for a ticket text (`tickets::MAX_TEXT`,
//! a line break counting as one character, as the domain counts it).
//! Widths are in terminal cells, so wide (CJK) text keeps the cursor in place.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

use super::{closes, opens};
use crate::action::{Action, EditOp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    /// The lines of the text, without their breaks; never empty.
    lines: Vec<String>,
    /// The cursor: its line, and its place in that line in characters.
    row: usize,
    column: usize,
    /// The most characters the text may hold, line breaks included.
    max_chars: usize,
}

impl TextArea {
    pub fn new(max_chars: usize) -> TextArea {
        TextArea {
            lines: vec![String::new()],
            row: 0,
            column: 0,
            max_chars,
        }
    }

    /// The text, its lines joined by line breaks.
    pub fn value(&self) -> String {
        self.lines.join("\n")
    }

    /// Characters in the text, line breaks included.
    pub fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.chars().count()).sum::<usize>() + self.lines.len() - 1
    }

    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    /// (line, character in the line) of the cursor.
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.column)
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines.get(row).map_or(0, |l| l.chars().count())
    }

    fn byte_at(line: &str, column: usize) -> usize {
        line.char_indices()
            .nth(column)
            .map_or(line.len(), |(i, _)| i)
    }

    fn has_room(&self) -> bool {
        self.chars() < self.max_chars
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() || !self.has_room() {
            return;
        }
        let Some(line) = self.lines.get_mut(self.row) else {
            return;
        };
        let at = TextArea::byte_at(line, self.column);
        line.insert(at, c);
        self.column += 1;
    }

    /// Breaks the line at the cursor.
    pub fn newline(&mut self) {
        if !self.has_room() {
            return;
        }
        let Some(line) = self.lines.get_mut(self.row) else {
            return;
        };
        let at = TextArea::byte_at(line, self.column);
        let rest = line.split_off(at);
        self.row += 1;
        self.column = 0;
        self.lines.insert(self.row, rest);
    }

    /// Pastes text with its line breaks (CR LF and CR as one break); tabs
    /// and other control characters are dropped; whatever passes the limit too.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for c in text.chars() {
            if !self.has_room() {
                break;
            }
            if c == '\n' {
                self.newline();
            } else {
                self.insert(c);
            }
        }
    }

    pub fn edit(&mut self, op: EditOp) {
        match op {
            EditOp::Backspace => self.backspace(),
            EditOp::Delete => self.delete(),
            EditOp::Left => self.left(),
            EditOp::Right => self.right(),
            EditOp::Home => self.column = 0,
            EditOp::End => self.column = self.line_len(self.row),
            EditOp::Clear => *self = TextArea::new(self.max_chars),
            EditOp::Newline => self.newline(),
        }
    }

    fn backspace(&mut self) {
        if self.column > 0 {
            self.column -= 1;
            self.delete();
        } else if self.row > 0 {
            // Joins the line to the one above.
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.column = self.line_len(self.row);
            if let Some(above) = self.lines.get_mut(self.row) {
                above.push_str(&line);
            }
        }
    }

    fn delete(&mut self) {
        if self.column < self.line_len(self.row) {
            if let Some(line) = self.lines.get_mut(self.row) {
                let at = TextArea::byte_at(line, self.column);
                line.remove(at);
            }
        } else if self.row + 1 < self.lines.len() {
            let below = self.lines.remove(self.row + 1);
            if let Some(line) = self.lines.get_mut(self.row) {
                line.push_str(&below);
            }
        }
    }

    fn left(&mut self) {
        if self.column > 0 {
            self.column -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.column = self.line_len(self.row);
        }
    }

    fn right(&mut self) {
        if self.column < self.line_len(self.row) {
            self.column += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.column = 0;
        }
    }

    /// Up or down a line, as near the same place as the line allows.
    fn vertical(&mut self, down: bool) {
        let target = if down {
            (self.row + 1 < self.lines.len()).then_some(self.row + 1)
        } else {
            self.row.checked_sub(1)
        };
        match target {
            Some(row) => {
                self.row = row;
                self.column = self.column.min(self.line_len(row));
            }
            // Past the first or last line: to its start or end.
            None if down => self.column = self.line_len(self.row),
            None => self.column = 0,
        }
    }

    /// Typing, paste, editing keys and the arrows up and down; false when
    /// the action is something else.
    pub fn apply(&mut self, action: &Action) -> bool {
        match action {
            Action::Type(c) => self.insert(*c),
            Action::Paste(text) => self.paste(text),
            Action::Edit(op) => self.edit(*op),
            Action::Up => self.vertical(false),
            Action::Down => self.vertical(true),
            _ => return false,
        }
        true
    }

    /// The text as shown `width` cells wide: each line cut into rows at the
    /// last space that fits (or at the width, for a word longer than a row),
    /// with the cursor's (row, cell) among them.
    fn layout(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(1);
        let mut rows: Vec<String> = Vec::new();
        let mut cursor = (0, 0);
        for (index, line) in self.lines.iter().enumerate() {
            // The row being filled: its characters with their widths.
            let mut row: Vec<(char, usize)> = Vec::new();
            let mut cursor_in_row: Option<usize> = None;
            let used = |row: &[(char, usize)]| row.iter().map(|(_, w)| w).sum::<usize>();
            for (column, c) in line.chars().enumerate() {
                let w = c.width().unwrap_or(0);
                if used(&row) + w > width {
                    // Break after the last space, or between two characters
                    // one of which is wide (Chinese has no spaces), keeping
                    // punctuation with what it closes or opens; else here.
                    let breaks_before = |k: usize| {
                        let (p, pw) = row[k - 1];
                        let (n, nw) = row.get(k).copied().unwrap_or((c, w));
                        p == ' ' || ((pw >= 2 || nw >= 2) && !closes(n) && !opens(p))
                    };
                    let split = (1..=row.len())
                        .rev()
                        .find(|&k| breaks_before(k))
                        .unwrap_or(row.len());
                    let tail = row.split_off(split);
                    rows.push(row.iter().map(|(ch, _)| ch).collect());
                    if let Some(at) = cursor_in_row {
                        if at >= split {
                            cursor_in_row = Some(at - split);
                        } else {
                            cursor = (rows.len() - 1, used(&row[..at]));
                            cursor_in_row = None;
                        }
                    }
                    row = tail;
                }
                if index == self.row && column == self.column {
                    cursor_in_row = Some(row.len());
                }
                row.push((c, w));
            }
            let total = used(&row);
            if index == self.row && self.column >= line.chars().count() {
                cursor_in_row = Some(row.len());
            }
            if let Some(at) = cursor_in_row {
                let cell = used(&row[..at.min(row.len())]);
                // After the last character at the edge: on the next row.
                cursor = if at >= row.len() && total >= width {
                    (rows.len() + 1, 0)
                } else {
                    (rows.len(), cell)
                };
            }
            rows.push(row.iter().map(|(ch, _)| ch).collect());
        }
        (rows, cursor)
    }

    /// Draws the text wrapped into `area`, scrolled to keep the cursor in
    /// view; with `focused`, places the terminal cursor.
    pub fn render(&self, frame: &mut Frame, area: Rect, style: Style, focused: bool) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let (rows, (cursor_row, cursor_cell)) = self.layout(usize::from(area.width));
        let height = usize::from(area.height);
        let first = (cursor_row + 1).saturating_sub(height);
        let shown: Vec<Line> = rows
            .into_iter()
            .skip(first)
            .take(height)
            .map(|r| {
                let pad = usize::from(area.width)
                    .saturating_sub(unicode_width::UnicodeWidthStr::width(r.as_str()));
                Line::styled(format!("{r}{}", " ".repeat(pad)), style)
            })
            .collect();
        // Blank rows below the text keep the field's style, so it shows
        // where the text goes.
        let blank = Line::styled(" ".repeat(usize::from(area.width)), style);
        let mut lines = shown;
        while lines.len() < height {
            lines.push(blank.clone());
        }
        frame.render_widget(Paragraph::new(lines), area);
        if focused {
            let x = area.x + u16::try_from(cursor_cell).unwrap_or(0).min(area.width - 1);
            let y = area.y
                + u16::try_from(cursor_row - first)
                    .unwrap_or(0)
                    .min(area.height - 1);
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextArea {
        let mut t = TextArea::new(100);
        for c in text.chars() {
            if c == '\n' {
                t.newline();
            } else {
                t.insert(c);
            }
        }
        t
    }

    #[test]
    fn enter_breaks_the_line_and_backspace_joins_it_again() {
        let mut t = typed("first\nsecond");
        assert_eq!(t.value(), "first\nsecond");
        assert_eq!(t.chars(), 12, "the break counts as one character");
        t.edit(EditOp::Home);
        t.edit(EditOp::Backspace);
        assert_eq!(t.value(), "firstsecond");
        assert_eq!(t.cursor(), (0, 5));
        t.edit(EditOp::Newline);
        t.edit(EditOp::Left);
        t.edit(EditOp::Delete);
        assert_eq!(
            t.value(),
            "firstsecond",
            "Del at a line's end joins the next"
        );
    }

    #[test]
    fn arrows_move_across_lines_keeping_the_place() {
        let mut t = typed("a long line\nshort\n王小明 wrote");
        assert_eq!(t.cursor(), (2, 9));
        t.apply(&Action::Up);
        assert_eq!(t.cursor(), (1, 5), "as near as the shorter line allows");
        t.apply(&Action::Up);
        assert_eq!(t.cursor(), (0, 5));
        t.apply(&Action::Up);
        assert_eq!(t.cursor(), (0, 0), "up on the first line: its start");
        t.edit(EditOp::Left);
        assert_eq!(t.cursor(), (0, 0));
        t.edit(EditOp::End);
        t.edit(EditOp::Right);
        assert_eq!(t.cursor(), (1, 0), "right at a line's end: the next line");
        t.apply(&Action::Down);
        t.apply(&Action::Down);
        assert_eq!(t.cursor(), (2, 9), "down on the last line: its end");
    }

    #[test]
    fn the_text_stops_at_the_limit_breaks_included() {
        let mut t = TextArea::new(5);
        t.paste("ab\r\ncd\ref");
        assert_eq!(t.value(), "ab\ncd");
        assert_eq!(t.chars(), 5);
        t.insert('x');
        t.newline();
        assert_eq!(t.value(), "ab\ncd");
        t.paste("\tq");
        assert_eq!(t.chars(), 5);
    }

    /// Issue 16: Chinese pasted (or committed by an IME, several characters
    /// at once) lands whole, counted in characters as the domain counts a
    /// ticket text, and the cursor stands after the wide characters.
    #[test]
    fn chinese_pasted_or_typed_and_the_cursor() {
        let mut t = TextArea::new(100);
        t.apply(&Action::Paste("王小明".into()));
        assert_eq!(t.value(), "王小明");
        assert_eq!(t.chars(), 3);
        assert_eq!(t.cursor(), (0, 3));
        assert_eq!(t.layout(20).1, (0, 6), "three wide characters: six cells");
        t.apply(&Action::Type('说'));
        t.edit(EditOp::Left);
        assert_eq!(t.layout(20).1, (0, 6));
        // The limit counts characters, not bytes.
        let mut full = TextArea::new(4);
        full.paste("王小明王小明");
        assert_eq!(full.value(), "王小明王");
    }

    #[test]
    fn long_lines_wrap_and_the_cursor_follows() {
        let t = typed("abcdefgh\nij");
        let (rows, cursor) = t.layout(3);
        assert_eq!(rows, ["abc", "def", "gh", "ij"]);
        assert_eq!(cursor, (3, 2));
        // Words move whole to the next row; the cursor goes with them.
        let mut words = typed("it worked at once");
        assert_eq!(words.layout(8).0, ["it ", "worked ", "at once"]);
        assert_eq!(words.layout(8).1, (2, 7));
        words.edit(EditOp::Home);
        for _ in 0..4 {
            words.edit(EditOp::Right);
        }
        assert_eq!(words.layout(8).1, (1, 1), "after the w of worked");
        let wide = typed("王小明");
        let (rows, cursor) = wide.layout(4);
        assert_eq!(rows, ["王小", "明"]);
        assert_eq!(cursor, (1, 2));
        // Chinese breaks between characters, not at the last space.
        let mixed = typed("Hi 我的认证没有显示。");
        let (rows, cursor) = mixed.layout(10);
        assert_eq!(rows, ["Hi 我的认", "证没有显", "示。"]);
        assert_eq!(cursor, (2, 4));
        // A full stop never starts a row: the character before it goes along.
        assert_eq!(typed("我的认证。").layout(8).0, ["我的认", "证。"]);
        let full = typed("abc");
        assert_eq!(full.layout(3).1, (1, 0), "at the edge: the next row");
    }
}
