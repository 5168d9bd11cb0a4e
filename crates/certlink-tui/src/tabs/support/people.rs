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
use ratatui::widgets::{Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

use certlink_i18n::Lang;
use certlink_i18n::width::pad;

use crate::components::pane::{pane_block, render_table};
use crate::components::text_input::TextInput;
use crate::components::{list_row_at, scroll_offset, truncate};
use crate::tabs::users::view::{role_titles, status_word};
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
        self.render_search(frame, search, dates.lang, theme);
        match &self.person {
            Some(person) => render_person(frame, pane, person, self.scroll, dates, theme),
            None => self.render_hits(frame, pane, dates.lang, theme),
        }
    }

    fn render_search(&self, frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
        let label = lang.tui_support_search_label();
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
            Some(q) => lang.tui_support_search_again(q),
            None => lang.tui_support_search_hint().into(),
        };
        frame.render_widget(
            Line::styled(truncate(&text, usize::from(field.width)), theme.muted),
            field,
        );
    }

    fn render_hits(&self, frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
        // The lookup answers at most LOOKUP_LIMIT people: a full answer says
        // that more may match, never a silent cut (issue 15).
        let title = match &self.query {
            Some(q) if self.hits.len() >= LOOKUP_LIMIT => {
                lang.tui_support_people_matching_full(q, LOOKUP_LIMIT)
            }
            Some(q) => lang.tui_support_people_matching(q, self.hits.len()),
            None => lang.tui_support_people().to_string(),
        };
        let block = pane_block(title, true, theme);
        if self.hits.is_empty() {
            let text = match (&self.note, &self.query) {
                (Some(note), _) => note.clone(),
                (None, Some(_)) => lang.tui_support_no_one_matches().into(),
                (None, None) => lang.tui_support_find_a_person().into(),
            };
            let inner = block.inner(area);
            frame.render_widget(block, area);
            frame.render_widget(
                crate::components::wrapped(&[(&text, theme.muted)], inner.width),
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
                _ => lang.tui_support_org_support().into(),
            };
            let mut cells = vec![Span::raw(h.email.to_string())];
            if wide {
                cells.push(Span::raw(h.name.clone()));
            }
            cells.push(Span::raw(org));
            cells.push(Span::raw(status_word(h.status, lang)));
            cells.push(Span::raw(
                h.linked_mcid.map(|m| m.to_string()).unwrap_or_default(),
            ));
            Row::new(cells)
        });
        let mut header = vec![lang.tui_support_column_email()];
        let mut widths = vec![Constraint::Fill(3)];
        if wide {
            header.push(lang.tui_support_column_name());
            widths.push(Constraint::Fill(2));
        }
        header.extend([
            lang.tui_support_column_organization(),
            lang.tui_support_column_account_status(),
            lang.tui_support_column_mcid(),
        ]);
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
    let lang = dates.lang;
    // The labels padded by display width (a Han character takes two cells).
    let fact = |label: &str, value: String, style| {
        let text = format!("{}{value}", pad(label, LABEL_WIDTH.max(width_of(label))));
        Line::styled(truncate(&text, width), style)
    };
    let heading = |text: String| Line::styled(truncate(&text, width), theme.heading);
    let mut lines = Vec::new();
    let mut account = format!(
        "{} · {}",
        status_word(p.status, lang),
        role_titles(&p.roles.names(), lang)
    );
    if p.must_change_password {
        account.push_str(lang.tui_support_temporary_password());
    }
    lines.push(fact(lang.tui_support_fact_account(), account, theme.text));
    let org = match (&p.org_name, p.mpn_id) {
        (Some(name), Some(mpn)) => lang.tui_support_org_with_mpn(name, mpn.to_string()),
        _ => lang.tui_support_no_org().into(),
    };
    lines.push(fact(lang.tui_support_fact_organization(), org, theme.text));
    let pu = match &p.pu_username {
        Some(user) => lang.tui_support_pu_through(user.to_string()),
        None => lang.tui_support_pu_none().into(),
    };
    lines.push(fact(lang.tui_support_fact_pu(), pu, theme.text));
    let mcid = match (p.mcid, p.linked_mpn_id) {
        (Some(m), Some(org)) => lang.tui_support_mcid_linked(m.to_string(), org.to_string()),
        (Some(m), None) => lang.tui_support_mcid_not_linked(m.to_string()),
        (None, _) => lang.tui_support_mcid_none().into(),
    };
    lines.push(fact(lang.tui_support_fact_mcid(), mcid, theme.text));

    // R9: the reason most people ask.
    let a = &p.allowance;
    lines.push(heading(lang.tui_support_window_heading().into()));
    let since = a
        .window_since
        .map(|s| lang.tui_support_since(dates.date(s)))
        .unwrap_or_default();
    lines.push(fact(
        lang.tui_support_fact_used(),
        lang.tui_support_used(a.used, a.limit, since),
        theme.text,
    ));
    let last = a
        .last_start
        .map(|s| lang.tui_support_last_start(dates.date(s)))
        .unwrap_or_default();
    lines.push(fact(
        lang.tui_support_fact_cool_off(),
        lang.tui_support_cool_off(a.cool_off_days, last),
        theme.text,
    ));
    let (next, style) = match a.next_allowed {
        None => (
            format!("{}{}", Mark::OK, lang.tui_support_allowed_now()),
            theme.ok,
        ),
        Some(at) => {
            let why = match a.blocked_by {
                Some(AllowanceBlock::Limit) => lang.tui_support_limit_reached(),
                Some(AllowanceBlock::CoolOff) => lang.tui_support_in_cool_off(),
                None => "",
            };
            (
                format!("{}{why}", dates.moment_with_countdown(at)),
                theme.warn,
            )
        }
    };
    lines.push(fact(lang.tui_support_fact_next(), next, style));

    // Refusals before the history: with the window, they answer "why can't
    // I link?" on the first screen.
    lines.push(heading(lang.tui_support_refused_heading(most_recent_in(
        p.refusals.len(),
        PERSON_REFUSALS,
        lang,
    ))));
    if p.refusals.is_empty() {
        lines.push(Line::styled(lang.tui_support_none_recorded(), theme.muted));
    }
    for refusal in &p.refusals {
        lines.push(Line::styled(
            truncate(&refusal_line(refusal, dates), width),
            theme.warn,
        ));
    }
    lines.push(heading(lang.tui_support_links_heading(most_recent_in(
        p.links.len(),
        PERSON_LINKS,
        lang,
    ))));
    if p.links.is_empty() {
        lines.push(Line::styled(lang.tui_support_no_links(), theme.muted));
    }
    for link in &p.links {
        lines.push(Line::styled(
            truncate(&link_line(link, dates), width),
            theme.text,
        ));
    }

    lines
}

/// Where the person view's values start: the labels are padded to this
/// many cells (display width).
const LABEL_WIDTH: usize = 13;

/// A label's display width, one cell to spare (a label wider than
/// [`LABEL_WIDTH`] still leaves a space before its value).
fn width_of(label: &str) -> usize {
    certlink_i18n::width::width(label) + 1
}

/// How many a history list shows: the service reads the most recent
/// `limit`, so a full list says so instead of passing for all (issue 15).
#[cfg(test)]
fn most_recent(n: usize, limit: usize) -> String {
    most_recent_in(n, limit, Lang::En)
}

/// [`most_recent`] in `lang`.
fn most_recent_in(n: usize, limit: usize, lang: Lang) -> String {
    if n >= limit {
        lang.tui_support_most_recent(n, limit)
    } else {
        n.to_string()
    }
}

/// Why a link ended, in words; the audit's own name when it is none of
/// those known.
fn reason_words(reason: &str, lang: Lang) -> &str {
    use certlink_domain::link::EndReason;
    let words = [
        (EndReason::Moved, lang.tui_support_reason_moved()),
        (
            EndReason::AccountReplaced,
            lang.tui_support_reason_account_replaced(),
        ),
        (
            EndReason::RemovedByUser,
            lang.tui_support_reason_removed_by_user(),
        ),
        (
            EndReason::RemovedByAdmin,
            lang.tui_support_reason_removed_by_admin(),
        ),
        (EndReason::Merged, lang.tui_support_reason_merged()),
    ];
    words
        .into_iter()
        .find(|(r, _)| r.name() == reason)
        .map_or(reason, |(_, w)| w)
}

/// "  2026-08-15 → now  Contoso Ltd (1234567) · MCID 10000001"
fn link_line(l: &LinkRow, dates: &DateFormat) -> String {
    let lang = dates.lang;
    let to = l.to.map_or_else(
        || lang.tui_support_link_now().to_string(),
        |t| dates.date(t),
    );
    let mut text = format!(
        "  {} → {} {} ({}) · MCID {}",
        dates.date(l.from),
        pad(&to, 10.max(certlink_i18n::width::width(&to))),
        l.org_name,
        l.mpn_id,
        l.mcid
    );
    if let Some(reason) = l.reason {
        text.push_str(&format!(" · {}", reason_words(reason, lang)));
    }
    // R6/R12: a take-over or a removal is no new association.
    if !l.counts_as_association {
        text.push_str(lang.tui_support_not_new_association());
    }
    if !l.through_this_account {
        text.push_str(lang.tui_support_another_account());
    }
    text
}

/// "  2026-11-21 12:00 link: wrong credentials (R4) · detail"
fn refusal_line(r: &AuditView, dates: &DateFormat) -> String {
    // The audit keeps the refusal's code ("wrong_credentials"): as words in
    // English; another language shows the code itself (language-neutral,
    // as the CLI's JSON gives it) until the catalog words every code.
    let why = match dates.lang {
        Lang::En => r.outcome.replace('_', " "),
        _ => r.outcome.clone(),
    };
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
