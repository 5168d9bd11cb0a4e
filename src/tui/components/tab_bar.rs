//! The tab bar: the app's name, then the tabs a person may use, numbered for
//! the number keys. Tab positions are computed once here for drawing and clicks.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::tui::tabs::TabId;
use crate::tui::theme::Theme;

const APP_NAME: &str = " certlink ";

fn label(index: usize, tab: TabId) -> String {
    format!(" {} {} ", index + 1, tab.title())
}

/// The cells each tab's label covers, in order.
pub fn tab_rects(area: Rect, tabs: &[TabId]) -> Vec<Rect> {
    let mut x = area.x + APP_NAME.width() as u16 + 1;
    let right = area.x + area.width;
    tabs.iter()
        .enumerate()
        .map(|(i, tab)| {
            let w = (label(i, *tab).width() as u16).min(right.saturating_sub(x));
            let r = Rect::new(x.min(right), area.y, w, 1);
            x = x.saturating_add(w + 1);
            r
        })
        .collect()
}

/// The tab under a click.
pub fn tab_at(area: Rect, tabs: &[TabId], column: u16, row: u16) -> Option<usize> {
    tab_rects(area, tabs)
        .iter()
        .position(|r| r.contains(Position::new(column, row)))
}

pub fn render(frame: &mut Frame, area: Rect, tabs: &[TabId], active: usize, theme: &Theme) {
    let mut spans = vec![Span::styled(APP_NAME, theme.heading), Span::raw("│")];
    for (i, tab) in tabs.iter().enumerate() {
        let style = if i == active {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(label(i, *tab), style));
        spans.push(Span::raw("│"));
    }
    frame.render_widget(Line::from(spans), area);
}
