//! Where the parts of the screen go: computed here once, for drawing and for
//! mouse hit-testing alike, so clicks land where things are drawn.

use ratatui::layout::Rect;

use crate::components::tab_bar::{self, Titles};

/// Below this size the layout cannot hold: a clear message instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

const STATUS_HEIGHT: u16 = 2;

pub fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// The screen above the status bar.
pub fn status_free_area(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(STATUS_HEIGHT),
        ..area
    }
}

pub fn status_area(area: Rect) -> Rect {
    Rect {
        y: area.y + area.height.saturating_sub(STATUS_HEIGHT),
        height: STATUS_HEIGHT.min(area.height),
        ..area
    }
}

pub fn tab_bar_area(area: Rect) -> Rect {
    Rect { height: 1, ..area }
}

/// The signed-in screen's body: under the tab bar, above the status bar.
pub fn body_area(area: Rect) -> Rect {
    let above_status = status_free_area(area);
    Rect {
        y: above_status.y + 1,
        height: above_status.height.saturating_sub(1),
        ..above_status
    }
}

/// The tab under a click on the tab bar.
pub fn tab_at(area: Rect, tabs: &[Titles], column: u16, row: u16) -> Option<usize> {
    tab_bar::tab_at(tab_bar_area(area), tabs, column, row)
}
