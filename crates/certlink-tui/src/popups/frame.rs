//! The frame every dialog is drawn in: its size on the screen and its border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::components::{centered, wrap};
use crate::theme::{Mark, Theme};
use certlink_i18n::width::fit;

/// The widest a dialog gets; narrower terminals get the full width less a margin.
const MAX_DIALOG_WIDTH: u16 = 72;

/// Where a dialog of `inner_height` content lines goes, borders included.
pub fn dialog_area(screen: Rect, inner_height: u16) -> Rect {
    let width = screen.width.saturating_sub(4).min(MAX_DIALOG_WIDTH);
    centered(screen, width, inner_height.saturating_add(2))
}

/// The inner width of a dialog on this screen, for measuring wrapped text.
pub fn dialog_inner_width(screen: Rect) -> u16 {
    screen
        .width
        .saturating_sub(4)
        .min(MAX_DIALOG_WIDTH)
        .saturating_sub(4)
}

/// Clears the dialog's area and draws its frame; returns the inner area (with a
/// one-cell margin left and right).
/// A title wider than the border is cut with an ellipsis, never inside a
/// wide character.
pub fn draw_frame(frame: &mut Frame, area: Rect, title: &str, theme: &Theme) -> Rect {
    clear(frame, area);
    // The corners and the space on each side of the title.
    let room = usize::from(area.width.saturating_sub(4));
    let title = certlink_i18n::width::fit(title, room);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {title} "), theme.heading));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// Clears `area` for a dialog, and the left half of any wide character
/// (a Han name in the table below) whose right half the dialog's left border
/// would cover: the terminal would show half a character beside the border,
/// or lose the border (width_tests.rs).
fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buffer.cell_mut((left, y))
            && certlink_i18n::width::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// A form dialog's status under its fields: the progress of its job, else
/// why the last submit was refused (wrapped to `width`), else nothing.
pub fn status_lines(width: u16, busy: Option<&str>, error: Option<&str>) -> Vec<String> {
    match (busy, error) {
        (Some(progress), _) => vec![fit(progress, usize::from(width)).into_owned()],
        (None, Some(error)) => wrap(&format!("{}{error}", Mark::REFUSED), width),
        (None, None) => Vec::new(),
    }
}

/// Draws `lines` from `y` to the bottom of `inner`: the progress in the
/// warning colour, a refusal in the error colour.
pub fn draw_status(
    frame: &mut Frame,
    inner: Rect,
    y: u16,
    lines: Vec<String>,
    busy: bool,
    theme: &Theme,
) {
    if y >= inner.bottom() {
        return;
    }
    let style = if busy { theme.warn } else { theme.error };
    let status: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
    frame.render_widget(
        Paragraph::new(status),
        Rect {
            y,
            height: inner.bottom() - y,
            ..inner
        },
    );
}
