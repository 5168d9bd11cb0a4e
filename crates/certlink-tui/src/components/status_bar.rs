//! The status bar: who is signed in (person, role, organization), when the
//! screen was read ("as of 10:42", one stamp for every tab) and, below, what
//! is happening or the keys of the screen in front, from its key map.

use super::truncate;
use crate::keys::{self, Context};
use crate::theme::{Mark, Theme};
use certlink_core::service::Session;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;
use certlink_i18n::width::{fit, pad, width as cols};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// What the second line says instead of hints.
pub enum Notice<'a> {
    Busy(&'a str),
    Flash(&'a str),
    None,
}

pub fn who(session: Option<&Session>, lang: Lang) -> String {
    let Some(s) = session else {
        return lang.tui_shell_not_signed_in().into();
    };
    let role = if s.is_support {
        lang.tui_shell_support_engineer()
    } else {
        s.roles.title_in(lang)
    };
    match (&s.org_name, s.org) {
        (Some(name), Some(mpn)) => format!("{} · {role} · {name} ({mpn})", s.name),
        _ => format!("{} · {role}", s.name),
    }
}

/// When the signed-in screen was read, in the service's clock and the
/// display time zone: "as of 10:42".
pub fn as_of(dates: &DateFormat) -> String {
    let at = dates.now.with_timezone(&dates.tz);
    dates.lang.tui_shell_as_of(at.format("%H:%M").to_string())
}

/// The stamp of a sandbox whose clock a `--now` moved ahead of the machine's
/// (issue 15, principle 7): the date as well, since it is not today's, and
/// the warning, in the one place that says when the screen was read.
pub fn as_of_ahead(dates: &DateFormat) -> String {
    dates.lang.tui_shell_as_of_ahead(dates.date_time(dates.now))
}

/// Columns of who is signed in a narrow status bar keeps before the stamp's words.
const WHO_KEPT: usize = 20;

/// The stamp on the status bar's first line, and whether it warns.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    pub text: &'a str,
    pub warns: bool,
}

/// The sandbox badge as the status bar draws it (" SANDBOX ").
pub fn badge(lang: Lang) -> String {
    format!(" {} ", lang.tui_shell_sandbox())
}

/// What the status bar shows: who, the stamp, the keys or a notice.
pub struct Bar<'a> {
    pub session: Option<&'a Session>,
    pub sandbox: bool,
    /// The stamp while signed in ([`as_of`], [`as_of_ahead`]).
    pub as_of: Option<Stamp<'a>>,
    pub context: Context,
    pub notice: Notice<'a>,
    pub lang: Lang,
}

pub fn render(frame: &mut Frame, area: Rect, bar: Bar<'_>, theme: &Theme) {
    let Bar {
        session,
        sandbox,
        as_of,
        context,
        notice,
        lang,
    } = bar;
    if area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    // The right end holds the short facts about the moment and the place, in
    // this order: when the screen was read, then the sandbox badge.
    let badge = if sandbox { badge(lang) } else { String::new() };
    let mut stamp = as_of.map(|s| format!("{} ", s.text)).unwrap_or_default();
    // A narrow screen keeps the person's name: the stamp drops its words
    // after " · " (its warning colour still says the clock is ahead).
    if width.saturating_sub(cols(&stamp) + cols(&badge) + 2) < WHO_KEPT
        && let Some((short, _)) = stamp.split_once(" · ")
    {
        stamp = format!("{short} ");
    }
    let stamp_style = if as_of.is_some_and(|s| s.warns) {
        theme.warn
    } else {
        theme.muted
    };
    let right = cols(&stamp) + cols(&badge);
    let who = truncate(&who(session, lang), width.saturating_sub(right + 2));
    let gap = width.saturating_sub(cols(&who) + 1 + right);
    let first = Line::from(vec![
        Span::styled(format!(" {who}"), theme.heading),
        Span::raw(" ".repeat(gap)),
        Span::styled(stamp, stamp_style),
        Span::styled(badge, theme.badge),
    ]);
    frame.render_widget(first, Rect { height: 1, ..area });
    if area.height < 2 {
        return;
    }
    let second = match notice {
        Notice::Busy(label) => Line::styled(
            format!(" {}", clip(label, width.saturating_sub(1))),
            theme.warn,
        ),
        Notice::Flash(text) => Line::from(vec![
            Span::styled(format!(" {}", Mark::OK), theme.ok),
            Span::raw(truncate(text, width.saturating_sub(3))),
        ]),
        Notice::None => hint_line(context, lang, width, theme),
    };
    frame.render_widget(
        second,
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
}

/// As many hints as fit, in key-table order; the ways to help, out and
/// between panes always fit ([`keys::always_hinted`]), since help lists the
/// rest. Measured in display columns (a Han character takes two); should
/// even the pinned ones not fit, the line is cut on a character boundary.
pub fn hint_line(context: Context, lang: Lang, width: usize, theme: &Theme) -> Line<'static> {
    let cost = |(keys, does): &(&str, &str)| cols(keys) + 1 + cols(does) + 2;
    let is_pinned = |(keys, does): &(&str, &str)| keys::always_hinted(context, lang, keys, does);
    let hints = keys::hints_in(context, lang);
    let pinned: usize = hints.iter().filter(|h| is_pinned(h)).map(cost).sum();
    let mut used = 1 + pinned;
    let mut shown = Vec::new();
    for hint in hints {
        if is_pinned(&hint) {
            shown.push(hint);
        } else if used + cost(&hint) <= width {
            used += cost(&hint);
            shown.push(hint);
        }
    }
    let mut spans = vec![Span::raw(" ")];
    let mut room = width.saturating_sub(1);
    for (keys, does) in shown {
        for (text, style) in [
            (keys.to_string(), theme.key),
            (format!(" {does}  "), theme.muted),
        ] {
            if room == 0 {
                break;
            }
            let fitted = clip(&text, room);
            room = room.saturating_sub(cols(&fitted));
            spans.push(Span::styled(fitted, style));
        }
    }
    Line::from(spans)
}

/// `text` in at most `room` columns: whole when it fits, without the spaces
/// it ends with when only they do not, else cut on a character boundary
/// with an ellipsis (never half a wide character).
fn clip(text: &str, room: usize) -> String {
    if cols(text) <= room {
        return text.to_string();
    }
    let trimmed = text.trim_end();
    if cols(trimmed) <= room {
        return pad(trimmed, room);
    }
    fit(text, room).into_owned()
}
