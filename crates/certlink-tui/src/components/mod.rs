//! Widgets shared by screens, tabs and popups, and small text helpers that
//! measure in terminal cells (wide CJK characters take two).

pub mod button;
pub mod dialog_form;
pub mod form;
pub mod list_filter;
pub mod paged;
pub mod pane;
pub mod sandbox_clock;
pub mod status_bar;
pub mod tab_bar;
pub mod text_area;
pub mod text_input;

use ratatui::layout::Rect;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Greedy word wrap to `width` cells; words longer than a line are cut.
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let sep = usize::from(!line.is_empty());
            if line.width() + sep + word.width() <= width {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                if line.width() + c.width().unwrap_or(0) > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

/// Cuts `text` to `width` cells, ending with "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.width().unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A rectangle of at most `width` × `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The first visible row of a list of `visible` rows that keeps `selected` in
/// view. Rendering and mouse hit-testing both use it, so they always agree.
pub fn scroll_offset(selected: usize, visible: usize) -> usize {
    if visible == 0 {
        return selected;
    }
    selected.saturating_sub(visible - 1)
}

/// The row under a click in a bordered pane with a header line, drawn with
/// [`scroll_offset`] from `selected`: the same arithmetic as the drawing.
pub fn list_row_at(
    pane: Rect,
    selected: usize,
    len: usize,
    column: u16,
    row: u16,
) -> Option<usize> {
    let first = pane.y + 2;
    let inside = pane.contains(ratatui::layout::Position::new(column, row));
    if !inside || row < first || row + 1 >= pane.bottom() {
        return None;
    }
    let visible = usize::from(pane.height.saturating_sub(3));
    let index = scroll_offset(selected, visible) + usize::from(row - first);
    (index < len).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_and_truncate_measure_cells() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("王小明王小明", 6), vec!["王小明", "王小明"]);
        assert_eq!(truncate("王小明", 5), "王小…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(scroll_offset(10, 4), 7);
        assert_eq!(scroll_offset(2, 4), 0);
    }
}
