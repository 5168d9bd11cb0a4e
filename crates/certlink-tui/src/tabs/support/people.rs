//! The support engineers' people desk (R14, R16): the search box, the people
//! found (`Service::lookup`, across organizations, deleted accounts too), and
//! the person view of one of them (`Service::person`): account, organization,
//! Partner University access, MCID, the association window (R9: used of the
//! limit, cool-off, next allowed date), the full link history with reasons and
//! the recent refused attempts with their rule. Everything to answer "why
//! can't I link?" without a database tool; nothing here decides anything.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::components::pane::{pane_block, render_table};
use crate::components::text_input::TextInput;
use crate::components::{list_row_at, scroll_offset, truncate};
use crate::tabs::users::view::role_titles;
use crate::theme::{Mark, Theme};
use certlink_core::service::{
    AuditView, LOOKUP_LIMIT, LinkRow, PERSON_LINKS, PERSON_REFUSALS, PersonHit, PersonView,
};
use certlink_domain::association_limit::Block as AllowanceBlock;
use certlink_domain::time::DateFormat;

/// From this pane width on, the results show names...
const WIDE: u16 = 76;
/// ...and from this one the organization's MPN ID beside its name.
const WITH_MPN_ID: u16 = 100;

#[derive(Debug, Clone, Default)]
pub struct PeopleDesk {
    pub search: TextInput,
    /// The keys go to the search box.
    pub searching: bool,
    /// The query the hits answer (run again after every change).
    pub query: Option<String>,
    pub hits: Vec<PersonHit>,
    pub selected: usize,
    /// Why the last search found nothing to show (an empty query).
    pub note: Option<String>,
    /// The person opened from the hits, if any.
    pub person: Option<PersonView>,
    /// The first line of the person view shown.
    pub scroll: usize,
}

impl PeopleDesk {
    /// (search line, results or person pane).
    pub fn layout(area: Rect) -> (Rect, Rect) {
        let search = Rect {
            height: 1.min(area.height),
            ..area
        };
        let pane = Rect {
            y: area.y + search.height,
            height: area.height - search.height,
            ..area
        };
        (search, pane)
    }

    /// Rows of hits that fit: a page.
    pub fn page(area: Rect) -> usize {
        usize::from(PeopleDesk::layout(area).1.height.saturating_sub(3)).max(1)
    }

    /// Lines of the person view that fit.
    pub fn person_page(area: Rect) -> usize {
        usize::from(PeopleDesk::layout(area).1.height.saturating_sub(2)).max(1)
    }

    /// The hit under a click, when the list is shown.
    pub fn row_at(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        let (_, pane) = PeopleDesk::layout(area);
        if self.person.is_some() {
            return None;
        }
        list_row_at(pane, self.selected, self.hits.len(), column, row)
    }

    pub fn selected_hit(&self) -> Option<&PersonHit> {
        self.hits.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.hits.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Scrolls the person view, keeping its last line on screen.
    pub fn scroll_by(&mut self, delta: isize, area: Rect, dates: &DateFormat) {
        let Some(person) = &self.person else {
            return;
        };
        let lines = person_lines(person, dates, &Theme::plain(), usize::MAX).len();
        let max = lines.saturating_sub(PeopleDesk::person_page(area));
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    /// New hits for `query`: the selection goes back to the first.
    pub fn found(&mut self, query: String, hits: Vec<PersonHit>) {
        self.query = Some(query);
        self.hits = hits;
        self.selected = 0;
        self.note = None;
        self.person = None;
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, dates: &DateFormat, theme: &Theme) {
        let (search, pane) = PeopleDesk::layout(area);
        self.render_search(frame, search, theme);
        match &self.person {
            Some(person) => render_person(frame, pane, person, self.scroll, dates, theme),
            None => self.render_hits(frame, pane, theme),
        }
    }

    fn render_search(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let label = "Search: ";
        frame.render_widget(Span::styled(label, theme.heading), area);
        let field = Rect {
            x: area.x + label.width() as u16,
            width: area.width.saturating_sub(label.width() as u16),
            ..area
        };
        if self.searching {
            self.search.render(frame, field, theme.input_focus, true);
            return;
        }
        let text = match &self.query {
            Some(q) => format!("{q} · / searches again"),
            None => "/ then an email, a name, an MCID or an MPN ID".into(),
        };
        frame.render_widget(
            Line::styled(truncate(&text, usize::from(field.width)), theme.muted),
            field,
        );
    }

    fn render_hits(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        // The lookup answers at most LOOKUP_LIMIT people: a full answer says
        // that more may match, never a silent cut (issue 15).
        let title = match &self.query {
            Some(q) if self.hits.len() >= LOOKUP_LIMIT => format!(
                " People matching \"{q}\" (the first {LOOKUP_LIMIT}; more may match: / to narrow) "
            ),
            Some(q) => format!(" People matching \"{q}\" ({}) ", self.hits.len()),
            None => " People ".to_string(),
        };
        let block = pane_block(title, true, theme);
        if self.hits.is_empty() {
            let text = match (&self.note, &self.query) {
                (Some(note), _) => note.clone(),
                (None, Some(_)) => "No one matches. Try part of an email or a name, a whole MCID or MPN ID.".into(),
                (None, None) => "Find a person by email, name, MCID or MPN ID, across every organization (deleted accounts too).".into(),
            };
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme.muted)).wrap(Wrap { trim: true }),
                inner,
            );
            return;
        }
        let (wide, with_mpn_id) = (area.width >= WIDE, area.width >= WITH_MPN_ID);
        let visible = usize::from(area.height.saturating_sub(3));
        let offset = scroll_offset(self.selected, visible);
        let rows = self.hits.iter().skip(offset).take(visible).map(|h| {
            let org = match (&h.org_name, h.mpn_id) {
                (Some(name), Some(mpn)) if with_mpn_id => format!("{name} ({mpn})"),
                (Some(name), _) => name.clone(),
                _ => "support".into(),
            };
            let mut cells = vec![Span::raw(h.email.to_string())];
            if wide {
                cells.push(Span::raw(h.name.clone()));
            }
            cells.push(Span::raw(org));
            cells.push(Span::raw(h.status.name()));
            cells.push(Span::raw(
                h.linked_mcid.map(|m| m.to_string()).unwrap_or_default(),
            ));
            Row::new(cells)
        });
        let mut header = vec!["Email"];
        let mut widths = vec![Constraint::Fill(3)];
        if wide {
            header.push("Name");
            widths.push(Constraint::Fill(2));
        }
        header.extend(["Organization", "Status", "MCID"]);
        widths.extend([
            Constraint::Fill(3),
            Constraint::Length(7),
            Constraint::Length(8),
        ]);
        let table = Table::new(rows, widths).header(Row::new(header).style(theme.heading));
        render_table(
            frame,
            area,
            block,
            table,
            self.selected - offset,
            true,
            theme,
        );
    }
}

fn render_person(
    frame: &mut Frame,
    area: Rect,
    person: &PersonView,
    scroll: usize,
    dates: &DateFormat,
    theme: &Theme,
) {
    let title = format!(" {} · {} ", person.name, person.email);
    let block = pane_block(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines = person_lines(person, dates, theme, width);
    let first = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    let shown: Vec<Line> = lines.into_iter().skip(first).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A heading line and indented facts; every line cut to `width`.
fn person_lines(
    p: &PersonView,
    dates: &DateFormat,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let fact = |label: &str, value: String, style| {
        let text = format!("{label:<13}{value}");
        Line::styled(truncate(&text, width), style)
    };
    let heading = |text: String| Line::styled(truncate(&text, width), theme.heading);
    let mut lines = Vec::new();
    let mut account = format!("{} · {}", p.status.name(), role_titles(&p.roles.names()));
    if p.must_change_password {
        account.push_str(" · temporary password not yet replaced (R13)");
    }
    lines.push(fact("Account", account, theme.text));
    let org = match (&p.org_name, p.mpn_id) {
        (Some(name), Some(mpn)) => format!("{name} (MPN ID {mpn})"),
        _ => "none (support engineer)".into(),
    };
    lines.push(fact("Organization", org, theme.text));
    let pu = match &p.pu_username {
        Some(user) => format!("access through {user} (R2)"),
        None => "no access".into(),
    };
    lines.push(fact("PU access", pu, theme.text));
    let mcid = match (p.mcid, p.linked_mpn_id) {
        (Some(m), Some(org)) => format!("{m}, linked to {org} through this account"),
        (Some(m), None) => format!("{m}, not linked now (last associated)"),
        (None, _) => "none associated yet (R4)".into(),
    };
    lines.push(fact("MCID", mcid, theme.text));

    // R9: the reason most people ask.
    let a = &p.allowance;
    lines.push(heading("Association window (R9)".into()));
    let since = a
        .window_since
        .map(|s| format!(" (since {})", dates.date(s)))
        .unwrap_or_default();
    lines.push(fact(
        "  Used",
        format!("{} of {} in 365 days{since}", a.used, a.limit),
        theme.text,
    ));
    let last = a
        .last_start
        .map(|s| format!(" · last start {}", dates.date(s)))
        .unwrap_or_default();
    lines.push(fact(
        "  Cool-off",
        format!("{} days between starts{last}", a.cool_off_days),
        theme.text,
    ));
    let (next, style) = match a.next_allowed {
        None => (format!("{}allowed now", Mark::OK), theme.ok),
        Some(at) => {
            let why = match a.blocked_by {
                Some(AllowanceBlock::Limit) => " · limit reached",
                Some(AllowanceBlock::CoolOff) => " · in cool-off",
                None => "",
            };
            (
                format!("{}{why}", dates.moment_with_countdown(at)),
                theme.warn,
            )
        }
    };
    lines.push(fact("  Next", next, style));

    // Refusals before the history: with the window, they answer "why can't
    // I link?" on the first screen.
    lines.push(heading(format!(
        "Refused attempts: {}",
        most_recent(p.refusals.len(), PERSON_REFUSALS)
    )));
    if p.refusals.is_empty() {
        lines.push(Line::styled("  none recorded", theme.muted));
    }
    for refusal in &p.refusals {
        lines.push(Line::styled(
            truncate(&refusal_line(refusal, dates), width),
            theme.warn,
        ));
    }
    lines.push(heading(format!(
        "Link history (R16): {}",
        most_recent(p.links.len(), PERSON_LINKS)
    )));
    if p.links.is_empty() {
        lines.push(Line::styled("  no links yet", theme.muted));
    }
    for link in &p.links {
        lines.push(Line::styled(
            truncate(&link_line(link, dates), width),
            theme.text,
        ));
    }

    lines
}

/// How many a history list shows: the service reads the most recent
/// `limit`, so a full list says so instead of passing for all (issue 15).
fn most_recent(n: usize, limit: usize) -> String {
    if n >= limit {
        format!("{n} (the most recent {limit})")
    } else {
        n.to_string()
    }
}

/// "  2026-08-15 → now  Contoso Ltd (1234567) · MCID 10000001"
fn link_line(l: &LinkRow, dates: &DateFormat) -> String {
    let to = l.to.map_or_else(|| "now".to_string(), |t| dates.date(t));
    let mut text = format!(
        "  {} → {to:<10} {} ({}) · MCID {}",
        dates.date(l.from),
        l.org_name,
        l.mpn_id,
        l.mcid
    );
    if let Some(reason) = l.reason {
        text.push_str(&format!(" · {reason}"));
    }
    // R6/R12: a take-over or a removal is no new association.
    if !l.counts_as_association {
        text.push_str(" · not a new association");
    }
    if !l.through_this_account {
        text.push_str(" · another account");
    }
    text
}

/// "  2026-11-21 12:00 link: wrong credentials (R4) · detail"
fn refusal_line(r: &AuditView, dates: &DateFormat) -> String {
    // The audit keeps the refusal's code ("wrong_credentials"); as words.
    let why = r.outcome.replace('_', " ");
    let rule = r
        .rule
        .as_deref()
        .map(|rule| format!(" ({rule})"))
        .unwrap_or_default();
    let mut text = format!("  {} {}: {why}{rule}", dates.date_time(r.at), r.action);
    if !r.detail.is_empty() {
        text.push_str(&format!(" · {}", r.detail));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_history_list_says_it_is_the_most_recent() {
        assert_eq!(most_recent(3, PERSON_REFUSALS), "3");
        assert_eq!(
            most_recent(PERSON_REFUSALS, PERSON_REFUSALS),
            "20 (the most recent 20)"
        );
        assert_eq!(most_recent(100, PERSON_LINKS), "100 (the most recent 100)");
    }
}
