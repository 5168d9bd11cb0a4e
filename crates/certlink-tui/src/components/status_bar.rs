//! The status bar: who is signed in (person, role, organization), when the
//! screen was read ("as of 10:42", one stamp for every tab) and, below, what
//! is happening or the keys of the screen in front, from its key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::truncate;
use crate::keys::{self, Context};
use crate::theme::{Mark, Theme};
use certlink_core::service::Session;
use certlink_domain::time::DateFormat;

/// What the second line says instead of hints.
pub enum Notice<'a> {
    Busy(&'a str),
    Flash(&'a str),
    None,
}

pub fn who(session: Option<&Session>) -> String {
    let Some(s) = session else {
        return "Not signed in".into();
    };
    let role = if s.is_support {
        "Support engineer"
    } else {
        s.roles.title()
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
    format!("as of {}", at.format("%H:%M"))
}

/// The stamp of a sandbox whose clock a `--now` moved ahead of the machine's
/// (issue 15, principle 7): the date as well, since it is not today's, and
/// the warning, in the one place that says when the screen was read.
pub fn as_of_ahead(dates: &DateFormat) -> String {
    format!("as of {} · clock ahead", dates.date_time(dates.now))
}

/// Columns of who is signed in a narrow status bar keeps before the stamp's words.
const WHO_KEPT: usize = 20;

/// The stamp on the status bar's first line, and whether it warns.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    pub text: &'a str,
    pub warns: bool,
}

/// `as_of` is the stamp while signed in ([`as_of`], [`as_of_ahead`]).
#[allow(clippy::too_many_arguments)]
pub fn render(
    frame: &mut Frame,
    area: Rect,
    session: Option<&Session>,
    sandbox: bool,
    as_of: Option<Stamp<'_>>,
    context: Context,
    notice: Notice<'_>,
    theme: &Theme,
) {
    if area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    // The right end holds the short facts about the moment and the place, in
    // this order: when the screen was read, then the sandbox badge.
    let badge = if sandbox { " SANDBOX " } else { "" };
    let mut stamp = as_of.map(|s| format!("{} ", s.text)).unwrap_or_default();
    // A narrow screen keeps the person's name: the stamp drops its words
    // after " · " (its warning colour still says the clock is ahead).
    if width.saturating_sub(stamp.width() + badge.width() + 2) < WHO_KEPT
        && let Some((short, _)) = stamp.split_once(" · ")
    {
        stamp = format!("{short} ");
    }
    let stamp_style = if as_of.is_some_and(|s| s.warns) {
        theme.warn
    } else {
        theme.muted
    };
    let right = stamp.width() + badge.width();
    let who = truncate(&who(session), width.saturating_sub(right + 2));
    let gap = width.saturating_sub(who.width() + 1 + right);
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
        Notice::Busy(label) => Line::styled(format!(" {label}"), theme.warn),
        Notice::Flash(text) => Line::from(vec![
            Span::styled(format!(" {}", Mark::OK), theme.ok),
            Span::raw(truncate(text, width.saturating_sub(3))),
        ]),
        Notice::None => hint_line(context, width, theme),
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
/// rest.
fn hint_line(context: Context, width: usize, theme: &Theme) -> Line<'static> {
    let cost = |(keys, does): &(&str, &str)| keys.width() + 1 + does.width() + 2;
    let is_pinned = |(keys, does): &(&str, &str)| keys::always_hinted(context, keys, does);
    let hints = keys::hints(context);
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
    for (keys, does) in shown {
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {does}  "), theme.muted));
    }
    Line::from(spans)
}
