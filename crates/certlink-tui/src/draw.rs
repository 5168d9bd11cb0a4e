//! Drawing: a pure function of the app's state into any `Frame` (a real
//! terminal or a `TestBackend`). The screen regions are computed here once and
//! also used for mouse hit-testing, so clicks land where things are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen};
use super::components::{centered, status_bar, tab_bar};
use super::popups::Popup;
use super::tabs::TabId;

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

fn status_area(area: Rect) -> Rect {
    Rect {
        y: area.y + area.height.saturating_sub(STATUS_HEIGHT),
        height: STATUS_HEIGHT.min(area.height),
        ..area
    }
}

fn tab_bar_area(area: Rect) -> Rect {
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

pub fn tab_at(area: Rect, tabs: &[TabId], column: u16, row: u16) -> Option<usize> {
    tab_bar::tab_at(tab_bar_area(area), tabs, column, row)
}

/// Draws the whole app.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if !fits(area) {
        draw_too_small(frame, area);
        return;
    }
    let theme = &app.theme;
    let busy = app.busy_label();
    // The part waiting on a job shows its progress: the dialog if one is open,
    // else the screen.
    let screen_busy = busy.as_deref().filter(|_| app.popups.is_empty());
    match &app.screen {
        Screen::SignIn(sign_in) => {
            sign_in.render(
                frame,
                status_free_area(area),
                app.demo.as_deref(),
                theme,
                screen_busy,
            );
        }
        Screen::PasswordChange(change) => {
            change.render(frame, status_free_area(area), theme, screen_busy);
        }
        Screen::Main(main) => {
            tab_bar::render(frame, tab_bar_area(area), &main.tabs, main.active, theme);
            let body = body_area(area);
            match main.active_tab() {
                TabId::Profile => {
                    main.profile
                        .render(frame, body, &main.session, &main.dates, theme)
                }
                TabId::Associations => {
                    main.associations
                        .render(frame, body, &main.session, &main.dates, theme)
                }
                TabId::Skills => main.skills.render(frame, body, theme, screen_busy),
                TabId::Competencies => {
                    main.competencies
                        .render(frame, body, &main.dates, theme, screen_busy)
                }
                TabId::Learning => main.learning.render(frame, body, theme, screen_busy),
                TabId::Users => main
                    .users
                    .render(frame, body, &main.session, &main.dates, theme),
                TabId::Support => {
                    main.support
                        .render(frame, body, &main.session, &main.dates, theme)
                }
            }
        }
    }
    let notice = match (&busy, &app.flash) {
        (Some(label), _) => status_bar::Notice::Busy(label),
        (None, Some(flash)) => status_bar::Notice::Flash(flash),
        (None, None) => status_bar::Notice::None,
    };
    status_bar::render(
        frame,
        status_area(area),
        app.session(),
        app.sandbox,
        app.context(),
        notice,
        theme,
    );
    let top = app.popups.len().saturating_sub(1);
    for (i, popup) in app.popups.iter().enumerate() {
        let popup_busy = busy.as_deref().filter(|_| i == top);
        match popup {
            Popup::Credentials(dialog) => dialog.render(frame, area, theme, popup_busy),
            Popup::Download(dialog) => dialog.render(frame, area, theme, popup_busy),
            Popup::Dialog(dialog) => dialog.render(frame, area, theme, popup_busy),
            Popup::ShownOnce(details) => details.render(frame, area, theme),
            Popup::Confirm(confirm) => confirm.render(frame, area, theme),
            Popup::Message(message) => message.render(frame, area, theme),
            Popup::Help(help) => help.render(frame, area, theme),
        }
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}): enlarge the window, or press Ctrl-C to quit",
        area.width, area.height
    );
    let inner = centered(area, area.width, 4.min(area.height));
    frame.render_widget(
        Paragraph::new(Line::raw(text))
            .wrap(Wrap { trim: true })
            .centered(),
        inner,
    );
}
