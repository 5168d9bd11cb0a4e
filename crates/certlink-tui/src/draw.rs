//! Drawing: a pure function of the app's state into any `Frame` (a real
//! terminal or a `TestBackend`): the screen in front (the signed-in screen
//! draws its tab bar and the tab in front), the status bar, then the popups.
//! Where things go is [`layout`]'s, shared with mouse hit-testing.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{App, Screen};
use crate::components::{centered, sandbox_clock, status_bar, tab_bar};
use crate::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::tab::View;
use certlink_i18n::Lang;

/// Draws the whole app.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if !layout::fits(area) {
        draw_too_small(frame, area, app.lang);
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
                layout::status_free_area(area),
                app.demo.as_deref(),
                app.lang,
                theme,
                screen_busy,
            );
        }
        Screen::PasswordChange(change) => {
            change.render(
                frame,
                layout::status_free_area(area),
                app.lang,
                theme,
                screen_busy,
            );
        }
        Screen::Main(main) => {
            let titles: Vec<_> = main.tabs.iter().map(|t| t.titles(app.lang)).collect();
            tab_bar::render(
                frame,
                layout::tab_bar_area(area),
                &titles,
                main.active,
                theme,
            );
            if let Some(tab) = main.components.get(main.active) {
                let view = View {
                    session: &main.session,
                    dates: &main.dates,
                    lang: app.lang,
                    theme,
                    busy: screen_busy,
                };
                tab.render(frame, layout::body_area(area), &view);
            }
        }
    }
    let notice = match (&busy, &app.flash) {
        (Some(label), _) => status_bar::Notice::Busy(label),
        (None, Some(flash)) => status_bar::Notice::Flash(flash),
        (None, None) => status_bar::Notice::None,
    };
    let ahead = app.sandbox_clock.is_some();
    let as_of = app.main().map(|main| {
        if ahead {
            status_bar::as_of_ahead(&main.dates)
        } else {
            status_bar::as_of(&main.dates)
        }
    });
    status_bar::render(
        frame,
        layout::status_area(area),
        status_bar::Bar {
            session: app.session(),
            sandbox: app.sandbox,
            as_of: as_of
                .as_deref()
                .map(|text| status_bar::Stamp { text, warns: ahead }),
            context: app.context(),
            notice,
            lang: app.lang,
        },
        theme,
    );
    // Signed in, the stamp says it; before, the note does.
    if let Some(moment) = app.sandbox_clock.as_ref().filter(|_| app.main().is_none()) {
        sandbox_clock::render(
            frame,
            layout::status_area(area),
            moment,
            app.session(),
            app.lang,
            theme,
        );
    }
    let top = app.popups.len().saturating_sub(1);
    for (i, popup) in app.popups.iter().enumerate() {
        let popup_busy = busy.as_deref().filter(|_| i == top);
        popup.render(frame, area, theme, popup_busy, app.lang);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, lang: Lang) {
    let text = lang.tui_shell_too_small(MIN_WIDTH, MIN_HEIGHT, area.width, area.height);
    let inner = centered(area, area.width, 4.min(area.height));
    frame.render_widget(
        crate::components::wrapped(&[(&text, ratatui::style::Style::default())], inner.width)
            .centered(),
        inner,
    );
}
