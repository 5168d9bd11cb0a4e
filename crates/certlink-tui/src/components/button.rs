//! A button as drawn in a row: its label in brackets, so it reads as a button
//! without colour, and the cells a click presses, which are the label's own:
//! the blank rest of its row presses nothing (issue 15, principle 13).

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// A button's text: "[ Remove access ]".
pub fn text(label: &str) -> String {
    format!("[ {label} ]")
}

/// The cells of `drawn` (a button's text, or any clickable words) starting
/// `lead` cells into `row`, clipped to the row.
pub fn cells(row: Rect, lead: u16, drawn: &str) -> Rect {
    let x = row.x.saturating_add(lead).min(row.right());
    let width = u16::try_from(drawn.width()).unwrap_or(u16::MAX);
    Rect::new(x, row.y, width.min(row.right() - x), row.height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Position;

    #[test]
    fn a_button_covers_its_own_cells_only() {
        let row = Rect::new(10, 3, 40, 1);
        let at = cells(row, 2, &text("Yes"));
        assert_eq!(at, Rect::new(12, 3, 7, 1));
        assert!(at.contains(Position::new(18, 3)));
        assert!(!at.contains(Position::new(19, 3)), "blank space beside it");
        assert!(!at.contains(Position::new(11, 3)), "the mark before it");
        // A label wider than the row is cut at the row's end.
        assert_eq!(cells(row, 38, "[ long ]").width, 2);
    }
}
