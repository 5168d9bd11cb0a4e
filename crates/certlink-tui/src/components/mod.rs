//! Widgets shared by screens, tabs and popups, and small text helpers that
//! measure in terminal cells (wide CJK characters take two).

pub mod button;
pub mod dialog_form;
pub mod form;
pub mod list_filter;
pub mod paged;
pub mod pane;
pub mod reread;
pub mod sandbox_clock;
pub mod status_bar;
pub mod tab_bar;
pub mod text_area;
pub mod text_input;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A paragraph of `parts`, each wrapped to `width` columns by [`wrap`] in
/// its style (an empty part is an empty line). ratatui's own `Wrap` can put
/// a Han character in the last column, its right half over the border
/// (width_tests.rs), so text that may be Chinese is wrapped here.
pub fn wrapped(parts: &[(&str, Style)], width: u16) -> Paragraph<'static> {
    let mut lines = Vec::new();
    for (text, style) in parts {
        if text.is_empty() {
            lines.push(Line::default());
            continue;
        }
        lines.extend(
            wrap(text, width)
                .into_iter()
                .map(|line| Line::styled(line, *style)),
        );
    }
    Paragraph::new(lines)
}

/// Greedy word wrap to `width` cells; words longer than a line are cut.
/// Chinese has no spaces between words: a line may also break before or
/// after any wide (Han) character, except that closing punctuation
/// ("，。）") stays with what it closes and opening punctuation ("（“")
/// with what it opens. Never inside a character; every line fits `width`.
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            for (i, piece) in pieces(word).into_iter().enumerate() {
                // Words are joined by a space, the pieces of one word by nothing.
                let sep = usize::from(i == 0 && !line.is_empty());
                if line.width() + sep + piece.width() <= width {
                    if sep == 1 {
                        line.push(' ');
                    }
                    line.push_str(piece);
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in piece.chars() {
                    if line.width() + c.width().unwrap_or(0) > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Punctuation a line must not start with (it closes what came before).
pub(crate) fn closes(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '”'
            | '’'
            | '…'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | ')'
    )
}

/// Punctuation a line must not end with (it opens what comes after).
pub(crate) fn opens(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '《' | '〈' | '【' | '“' | '‘')
}

/// A word cut where a line may break: around each wide character, with
/// closing punctuation kept on the piece before it and opening punctuation
/// on the piece after it. A word without wide characters is one piece.
fn pieces(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (at, c) in word.char_indices() {
        if let Some(p) = prev {
            let wide = |c: char| c.width().unwrap_or(0) >= 2;
            let may_break = (wide(p) || wide(c)) && !closes(c) && !opens(p);
            if may_break {
                pieces.push(&word[start..at]);
                start = at;
            }
        }
        prev = Some(c);
    }
    pieces.push(&word[start..]);
    pieces
}

/// Cuts `text` to `width` cells, ending with "…" when cut (never inside a
/// wide character).
pub fn truncate(text: &str, width: usize) -> String {
    certlink_i18n::width::fit(text, width).into_owned()
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
        assert_eq!(truncate("王小明", 4), "王…");
        assert_eq!(truncate("王小明", 1), "…");
        assert_eq!(scroll_offset(10, 4), 7);
        assert_eq!(scroll_offset(2, 4), 0);
    }

    #[test]
    fn chinese_wraps_between_characters_and_keeps_punctuation() {
        let text = "请使用你的工作帐户登录，然后关联 Microsoft Learning 帐户。";
        for width in 4..40u16 {
            let lines = wrap(text, width);
            for l in &lines {
                assert!(l.width() <= usize::from(width), "{l:?} at {width}");
                assert!(!l.starts_with(['，', '。']), "{l:?} at {width}");
                assert!(!l.ends_with('（'), "{l:?} at {width}");
            }
            let joined: String = lines.concat();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""), "{width}");
        }
        assert_eq!(
            wrap("请使用你的工作帐户登录", 10),
            ["请使用你的", "工作帐户登", "录"]
        );
        assert_eq!(wrap("王小明王小明", 7), ["王小明", "王小明"]);
        // Han after Latin in one word, and a full stop that stays on its line.
        assert_eq!(wrap("R9已拒绝。", 6), ["R9已拒", "绝。"]);
        assert_eq!(wrap("R9已拒绝。", 7), ["R9已拒", "绝。"]);
        // A line as narrow as one wide character still holds it.
        assert_eq!(wrap("王小", 1), ["王", "小"]);
        // English wraps as before.
        assert_eq!(wrap("a  b   c", 3), ["a b", "c"]);
    }
}
