//! The tab bar: the app's name, then the tabs a person may use, numbered for
//! the number keys. Tab positions are computed once here for drawing and clicks.
//! When an admin's tabs do not fit, the app's name goes first, then the
//! titles get short, then tiny: every tab stays reachable by a click.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::theme::Theme;

const APP_NAME: &str = " certlink ";

/// A tab's title at its three lengths: full, short when the full ones do not
/// fit, tiny when even the short ones do not (an admin's seven tabs at 60
/// columns): still words, never bare numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Titles {
    pub full: &'static str,
    pub short: &'static str,
    pub tiny: &'static str,
}

/// What the bar shows at a width.
struct Labels {
    app_name: bool,
    labels: Vec<String>,
}

/// How long the titles are.
#[derive(Clone, Copy)]
enum Length {
    Full,
    Short,
    Tiny,
}

/// The fullest form of the bar that fits: full titles with the app's name,
/// without it, then short titles with and without it, then without the spaces
/// around each label, then the tiniest titles (a Global Admin's seven tabs at
/// 60 columns).
fn labels(width: u16, tabs: &[Titles]) -> Labels {
    let make = |length: Length, padded: bool| -> Vec<String> {
        tabs.iter()
            .enumerate()
            .map(|(i, tab)| {
                let title = match length {
                    Length::Full => tab.full,
                    Length::Short => tab.short,
                    Length::Tiny => tab.tiny,
                };
                if padded {
                    format!(" {} {title} ", i + 1)
                } else {
                    format!("{} {title}", i + 1)
                }
            })
            .collect()
    };
    let needs = |labels: &[String], app_name: bool| -> usize {
        let name = if app_name { APP_NAME.width() } else { 0 };
        name + 1 + labels.iter().map(|l| l.width() + 1).sum::<usize>()
    };
    let width = usize::from(width);
    let (full, short) = (make(Length::Full, true), make(Length::Short, true));
    let (compact, tiny) = (make(Length::Short, false), make(Length::Tiny, false));
    for (labels, app_name) in [
        (&full, true),
        (&full, false),
        (&short, true),
        (&short, false),
        (&compact, false),
    ] {
        if needs(labels, app_name) <= width {
            return Labels {
                app_name,
                labels: labels.clone(),
            };
        }
    }
    Labels {
        app_name: false,
        labels: tiny,
    }
}

/// The labels as drawn at `width` (tests check they fit).
pub fn labels_at(width: u16, tabs: &[Titles]) -> Vec<String> {
    labels(width, tabs).labels
}

/// The cells each tab's label covers, in order.
pub fn tab_rects(area: Rect, tabs: &[Titles]) -> Vec<Rect> {
    let bar = labels(area.width, tabs);
    let name = if bar.app_name { APP_NAME.width() } else { 0 };
    let mut x = area.x + name as u16 + 1;
    let right = area.x + area.width;
    bar.labels
        .iter()
        .map(|label| {
            let w = (label.width() as u16).min(right.saturating_sub(x));
            let r = Rect::new(x.min(right), area.y, w, 1);
            x = x.saturating_add(w + 1);
            r
        })
        .collect()
}

/// The tab under a click.
pub fn tab_at(area: Rect, tabs: &[Titles], column: u16, row: u16) -> Option<usize> {
    tab_rects(area, tabs)
        .iter()
        .position(|r| r.contains(Position::new(column, row)))
}

pub fn render(frame: &mut Frame, area: Rect, tabs: &[Titles], active: usize, theme: &Theme) {
    let bar = labels(area.width, tabs);
    let mut spans = Vec::new();
    if bar.app_name {
        spans.push(Span::styled(APP_NAME, theme.heading));
    }
    spans.push(Span::raw("│"));
    for (i, label) in bar.labels.into_iter().enumerate() {
        let style = if i == active {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw("│"));
    }
    frame.render_widget(Line::from(spans), area);
}
