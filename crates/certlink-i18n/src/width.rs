//! Text laid out by display width: a Han character takes two terminal
//! columns, a combining mark none. Every table, bar and field that lines
//! text up measures it here, never in bytes or chars.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The ellipsis a cut text ends with (one column).
pub const ELLIPSIS: char = '…';

/// Terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` in at most `cols` columns: whole when it fits, else cut on a
/// character boundary with an ellipsis, never inside a wide character (a
/// Han character that would straddle the edge goes, and the ellipsis takes
/// its place).
pub fn fit(text: &str, cols: usize) -> Cow<'_, str> {
    if text.width() <= cols {
        return Cow::Borrowed(text);
    }
    if cols == 0 {
        return Cow::Borrowed("");
    }
    let room = cols - 1;
    let mut used = 0;
    let mut out = String::with_capacity(cols * 3);
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

/// `text` fitted to `cols` columns and padded with spaces to exactly
/// `cols` (a table cell, left-aligned).
pub fn pad(text: &str, cols: usize) -> String {
    let fitted = fit(text, cols);
    let mut out = fitted.into_owned();
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(used)));
    out
}

/// `text` fitted to `cols` columns, right-aligned (numbers).
pub fn pad_left(text: &str, cols: usize) -> String {
    let fitted = fit(text, cols);
    let used = fitted.width();
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(used)).collect();
    out.push_str(&fitted);
    out
}

/// Lines of at most `cols` columns: broken at spaces where there are any,
/// and between any two Han characters (Chinese has no spaces between
/// words), never inside a character. A word wider than a line is cut.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        // The line's length when it last could break (after a space or a
        // wide character), to move what follows to the next line.
        let mut last_break: Option<usize> = None;
        for c in paragraph.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > cols {
                if c == ' ' {
                    lines.push(std::mem::take(&mut line).trim_end().to_string());
                    used = 0;
                    last_break = None;
                    continue;
                }
                match last_break {
                    Some(at) if at > 0 => {
                        let rest = line.split_off(at);
                        lines.push(line.trim_end().to_string());
                        line = rest.trim_start().to_string();
                    }
                    _ => lines.push(std::mem::take(&mut line)),
                }
                used = line.width();
                last_break = None;
            }
            line.push(c);
            used += w;
            if c == ' ' || w == 2 {
                last_break = Some(line.len());
            }
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}
