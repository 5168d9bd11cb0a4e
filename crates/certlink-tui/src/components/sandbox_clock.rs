//! The sandbox clock in the status bar (issue 15, principle 7): a sandbox
//! whose clock was moved ahead with `--now` says its date beside the SANDBOX
//! badge, so no one acts in 2027 without knowing. Signed in, the "as of"
//! stamp carries it (`status_bar::as_of_ahead`); before, on the sign-in
//! screen, this note over the status bar's first line; nothing when the
//! clock is in step.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::status_bar;
use crate::theme::Theme;
use certlink_core::service::{Service, Session};
use certlink_i18n::Lang;
use certlink_i18n::width::width as cols;

/// Columns of who is signed in the note never covers: the person's name.
const WHO_KEPT: u16 = 20;

/// The date and time of a sandbox clock ahead of the machine's (the note's
/// words are added in the reader's language when drawn), read once when a
/// front end starts the app (the clock only runs on from there); `None` when
/// in step. Tests use [`note_at`] on a machine time they choose.
pub fn note(service: &Service) -> Option<String> {
    note_at(service, chrono::Utc::now())
}

/// [`note`] against a given machine time.
pub fn note_at(service: &Service, machine_now: chrono::DateTime<chrono::Utc>) -> Option<String> {
    let at = service.sandbox_clock_ahead_of(machine_now).ok()??;
    Some(service.date_format().ok()?.date_time(at))
}

/// The note on the status bar for a sandbox clock at `moment` ([`note`]).
pub fn words(moment: &str, lang: Lang) -> String {
    format!("  {}", lang.tui_shell_clock_ahead(moment))
}

/// Draws the note for `moment` ([`note`]) on the status bar's first line,
/// left of the badge. It may cover the end of who is signed in (the
/// organization's number matters less than the year commands run in), never
/// the person's name.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    moment: &str,
    session: Option<&Session>,
    lang: Lang,
    theme: &Theme,
) {
    if area.height == 0 {
        return;
    }
    let note = words(moment, lang);
    let width = u16::try_from(cols(&note)).unwrap_or(u16::MAX);
    let badge = u16::try_from(cols(&status_bar::badge(lang))).unwrap_or(u16::MAX);
    let who = u16::try_from(cols(&status_bar::who(session, lang))).unwrap_or(u16::MAX);
    let kept = who.min(WHO_KEPT);
    let Some(x) = area.width.checked_sub(badge.saturating_add(width)) else {
        return;
    };
    if x < kept.saturating_add(1) {
        return;
    }
    frame.render_widget(
        Span::styled(note, theme.warn),
        Rect {
            x: area.x + x,
            y: area.y,
            width,
            height: 1,
        },
    );
}
