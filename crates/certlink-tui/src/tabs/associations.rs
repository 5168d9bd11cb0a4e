//! Associations: the person's own link history (organization, from, to,
//! reason; R4, R7, R16) and, for Global Admins, the organization's current
//! links (R10, R12). Both lists follow issue 15, principle 6: a total in the
//! title, a `/` filter, and Home/End/PgUp/PgDn that reach the ends at once.
//! The organization's links are a [`PagedWindow`] read through
//! [`link_pager`] (a screen and a page ahead, filtered in the store: an
//! organization may hold 350,000 links); the history is short (at most
//! [`HISTORY_LIMIT`] rows) and is filtered as read.

pub mod link_pager;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Row, Table};

use super::registry::{TabEntry, TabId};
use crate::action::Action;
use crate::components::list_filter::{FilterChange, ListFilter, grouped};
use crate::components::list_row_at;
use crate::components::paged::PagedWindow;
use crate::components::pane::{pane_block, render_empty, render_table};
use crate::components::scroll_offset;
use crate::components::tab_bar::Titles;
use crate::jobs::Done;
use crate::keys::{self, Binding, Context, KeyMap, ch, key};
use crate::tab::{Cx, Reads, Tab, View};
use crate::theme::{Mark, Theme};
use certlink_core::service::{LinkRow, OrgLinkFilter, OrgLinkRow, ServiceError, Session};
use certlink_domain::may;
use certlink_domain::permissions::OrgView;
use certlink_domain::time::DateFormat;
use certlink_domain::{AccountStatus, EndReason, LinkId, Refusal};
use certlink_i18n::Lang;
use link_pager::OrgLinkPager;

/// The Associations tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Associations,
    titles: Titles {
        full: "Associations",
        short: "Assoc.",
        tiny: "Assoc",
    },
    // R4, R7: links are held by people of an organization.
    shown_to: |actor| actor.org().is_some(),
    start: |session| Box::new(AssociationsTab::for_session(session)),
};

/// Most history rows read (a person's own history is short); one more is
/// asked for to tell whether the list was cut there.
pub const HISTORY_LIMIT: usize = 200;
/// From this pane width on, the organization's links show the holder's email.
const WIDE: u16 = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    History,
    OrgLinks,
}

/// The person's link history as read, and the rows the filter keeps.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Newest first, at most [`HISTORY_LIMIT`].
    pub rows: Vec<LinkRow>,
    /// The history has more than [`HISTORY_LIMIT`] links: these are the
    /// most recent.
    pub cut: bool,
    /// Places in `rows` of the links the filter keeps, in order.
    pub shown: Vec<usize>,
    /// The selection, as a place in `shown`.
    pub selected: usize,
    /// The `/` filter: organization name or reason, applied to `rows`.
    pub filter: ListFilter,
    /// The language the reasons are shown (and filtered) in, as of the last
    /// read.
    pub lang: Lang,
}

impl History {
    /// The reason as the pane shows it (an active link has none yet), in
    /// the reader's words.
    fn reason(row: &LinkRow, lang: Lang) -> &'static str {
        match row.reason {
            None => lang.tui_assoc_active(),
            Some(name) => reason_in(name, lang),
        }
    }

    /// The selected link, if any is shown.
    pub fn selected_row(&self) -> Option<&LinkRow> {
        self.rows.get(*self.shown.get(self.selected)?)
    }

    /// New rows (or a new filter): keeps the same link selected when it is
    /// still shown, else the same place.
    pub(crate) fn set(&mut self, rows: Vec<LinkRow>, cut: bool) {
        let keep: Option<LinkId> = self.selected_row().map(|r| r.link);
        self.rows = rows;
        self.cut = cut;
        self.apply_filter(keep);
    }

    fn apply_filter(&mut self, keep: Option<LinkId>) {
        let wanted = self.filter.applied().to_lowercase();
        self.shown = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                // The reason as shown, and its English name (what the
                // audit record and the CLI call it).
                wanted.is_empty()
                    || r.org_name.to_lowercase().contains(&wanted)
                    || History::reason(r, self.lang).contains(&wanted)
                    || History::reason(r, Lang::En).contains(&wanted)
            })
            .collect();
        self.selected = keep
            .and_then(|link| self.shown.iter().position(|&i| self.rows[i].link == link))
            .unwrap_or(self.selected)
            .min(self.shown.len().saturating_sub(1));
    }

    /// A filter was applied or cleared: the first row shown is selected.
    fn filter_changed(&mut self) {
        self.selected = 0;
        self.apply_filter(None);
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// "(3)", "(1 of 3) · filter "x" · Esc clears", and when cut at the
    /// limit "(the most recent 200)", "(1 of the most recent 200) · ...".
    fn title(&self, lang: Lang) -> String {
        let all = if self.cut {
            lang.tui_assoc_most_recent(grouped(self.rows.len()))
        } else {
            grouped(self.rows.len())
        };
        if self.filter.is_active() {
            lang.tui_assoc_history_title_filtered(
                grouped(self.shown.len()),
                all,
                self.filter.applied(),
            )
        } else {
            lang.tui_assoc_history_title(all)
        }
    }
}

/// The organization's current links around the selection (Global Admins).
#[derive(Debug, Clone, Default)]
pub struct OrgLinks {
    /// The rows on screen and a page either way, with their place and count.
    pub window: PagedWindow<OrgLinkRow>,
    /// The `/` filter: holder's name, email or MCID, applied by the service.
    pub filter: ListFilter,
}

impl OrgLinks {
    fn service_filter(&self) -> Result<OrgLinkFilter, ServiceError> {
        OrgLinkFilter::new(self.filter.applied())
    }

    pub fn selected_row(&self) -> Option<&OrgLinkRow> {
        self.window.selected_row()
    }
}

#[derive(Debug, Clone, Default)]
pub struct AssociationsTab {
    pub history: History,
    /// Present for Global Admins only.
    pub org: Option<OrgLinks>,
    pub focus: Pane,
}

const PANES: &[Binding] = &[Binding {
    chords: &[ch('h'), ch('l'), key(KeyCode::Left), key(KeyCode::Right)],
    action: Action::NextPane,
    keys: "h/l ←/→",
    does: certlink_i18n::Lang::tui_key_switch_pane,
    hint: true,
}];

pub static KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_associations,
    &[
        // The filter first, as on Users: where the hints are short of room,
        // `/` is shown before the tab keys (help lists every key).
        keys::FILTER,
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::PAGE,
        PANES,
        keys::READ_AGAIN,
        keys::CLEAR_FILTER_QUIET,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

/// One pane only (a person without the organization's links): no pane
/// switch to offer.
pub static KEYS_ONE_PANE: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_associations,
    &[
        keys::FILTER,
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::PAGE,
        keys::READ_AGAIN,
        keys::CLEAR_FILTER_QUIET,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

/// The filter line of the focused pane has the keys.
pub static KEYS_FILTERING: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_associations_filter,
    &[
        keys::IN_FILTER,
        keys::EDIT,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

impl AssociationsTab {
    /// The tab of `session`: the organization's pane for Global Admins only.
    pub fn for_session(session: &Session) -> AssociationsTab {
        AssociationsTab {
            // The organization's links pane, for whoever may read them (the domain's answer).
            org: may(&session.actor(), OrgView::Links)
                .is_ok()
                .then(OrgLinks::default),
            ..AssociationsTab::default()
        }
    }

    /// (history pane, organization pane).
    pub fn layout(&self, area: Rect) -> (Rect, Option<Rect>) {
        match self.org {
            None => (area, None),
            Some(_) => {
                let [history, org] =
                    Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(area);
                (history, Some(org))
            }
        }
    }

    pub fn toggle_pane(&mut self) {
        self.focus = match (self.focus, &self.org) {
            (Pane::History, Some(_)) => Pane::OrgLinks,
            _ => Pane::History,
        };
    }

    /// The focused pane's filter.
    fn focused_filter(&mut self) -> &mut ListFilter {
        match (self.focus, &mut self.org) {
            (Pane::OrgLinks, Some(org)) => &mut org.filter,
            _ => &mut self.history.filter,
        }
    }

    fn is_filtering(&self) -> bool {
        self.history.filter.editing || self.org.as_ref().is_some_and(|o| o.filter.editing)
    }

    /// Visible rows of a pane: its inner height less the header.
    fn visible(pane: Rect) -> usize {
        usize::from(pane.height.saturating_sub(3))
    }

    /// A page, for PgUp/PgDn: the focused pane's visible rows.
    pub fn page(&self, area: Rect) -> usize {
        let (history, org) = self.layout(area);
        let pane = match self.focus {
            Pane::History => history,
            Pane::OrgLinks => org.unwrap_or(history),
        };
        AssociationsTab::visible(pane).max(1)
    }

    /// A page of the organization's pane: what its window reads around the
    /// selection.
    fn org_page(&self, area: Rect) -> usize {
        let (history, org) = self.layout(area);
        AssociationsTab::visible(org.unwrap_or(history)).max(1)
    }

    /// The pane and row (its place in the list) under a click.
    pub fn row_at(&self, area: Rect, column: u16, row: u16) -> Option<(Pane, usize)> {
        let (history, org) = self.layout(area);
        let h = &self.history;
        if let Some(i) = list_row_at(history, h.selected, h.shown.len(), column, row) {
            return Some((Pane::History, i));
        }
        match (org, &self.org) {
            (Some(pane), Some(links)) => {
                let w = &links.window;
                list_row_at(pane, w.selected, w.total, column, row).map(|i| (Pane::OrgLinks, i))
            }
            _ => None,
        }
    }

    /// Reads what the organization's pane lacks after a move or a click.
    fn fill_org(&mut self, cx: &mut Cx) {
        let page = self.org_page(cx.body);
        let Some(org) = &mut self.org else {
            return;
        };
        let read = org.service_filter().and_then(|filter| {
            let pager = OrgLinkPager::new(cx.service, cx.session, &filter);
            org.window.fill(&pager, page)
        });
        if let Err(e) = read {
            cx.show_error(&e);
        }
    }

    /// A new filter on the organization's pane: the list from its first row.
    fn org_filter_changed(&mut self, cx: &mut Cx) {
        let page = self.org_page(cx.body);
        let Some(org) = &mut self.org else {
            return;
        };
        let read = org.service_filter().and_then(|filter| {
            let pager = OrgLinkPager::new(cx.service, cx.session, &filter);
            org.window.restart(&pager, page)
        });
        if let Err(e) = read {
            cx.show_error(&e);
        }
    }

    /// The focused pane's filter changed.
    fn filter_changed(&mut self, cx: &mut Cx) {
        match (self.focus, self.org.is_some()) {
            (Pane::OrgLinks, true) => self.org_filter_changed(cx),
            _ => self.history.filter_changed(),
        }
    }

    fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        session: &Session,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        let (history_area, org_area) = self.layout(area);
        self.render_history(frame, history_area, dates, theme);
        if let (Some(pane), Some(org)) = (org_area, &self.org) {
            let org_name = session
                .org_name
                .as_deref()
                .unwrap_or(dates.lang.tui_assoc_your_organization());
            render_org_links(
                frame,
                pane,
                org,
                org_name,
                self.focus == Pane::OrgLinks,
                dates,
                theme,
            );
        }
    }

    fn render_history(&self, frame: &mut Frame, area: Rect, dates: &DateFormat, theme: &Theme) {
        let lang = dates.lang;
        let focused = self.focus == Pane::History;
        let h = &self.history;
        let block = pane_block(h.title(lang), focused, theme);
        if h.shown.is_empty() {
            let text = if h.filter.is_active() {
                lang.tui_assoc_history_no_match()
            } else {
                lang.tui_assoc_history_empty()
            };
            render_empty(frame, area, block, text, theme);
            render_filter_line(frame, area, &h.filter, dates.lang, theme);
            return;
        }
        let (offset, visible) = window(area, h.selected);
        let rows = h
            .shown
            .iter()
            .skip(offset)
            .take(visible)
            .filter_map(|&i| h.rows.get(i))
            .map(|l| {
                let to = match l.to {
                    Some(t) => Span::raw(dates.date(t)),
                    None => Span::styled(format!("{}{}", Mark::OK, lang.tui_assoc_now()), theme.ok),
                };
                Row::new(vec![
                    Span::raw(l.org_name.clone()),
                    Span::raw(dates.date(l.from)),
                    to,
                    Span::raw(History::reason(l, lang)),
                ])
            });
        let table = Table::new(
            rows,
            [
                Constraint::Fill(3),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Fill(2),
            ],
        )
        .header(
            Row::new(vec![
                lang.tui_assoc_col_organization(),
                lang.tui_assoc_col_from(),
                lang.tui_assoc_col_to(),
                lang.tui_assoc_col_reason(),
            ])
            .style(theme.heading),
        );
        render_table(
            frame,
            area,
            block,
            table,
            h.selected - offset,
            focused,
            theme,
        );
        render_filter_line(frame, area, &h.filter, dates.lang, theme);
    }
}

impl Tab for AssociationsTab {
    fn keys(&self, _: &Session) -> Context {
        if self.is_filtering() {
            return &KEYS_FILTERING;
        }
        if self.org.is_none() {
            return &KEYS_ONE_PANE;
        }
        &KEYS
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 3] = [&KEYS, &KEYS_ONE_PANE, &KEYS_FILTERING];
        &MAPS
    }

    fn update(&mut self, action: Action, cx: &mut Cx) {
        if self.is_filtering() {
            if self.focused_filter().update(&action) == FilterChange::Applied {
                self.filter_changed(cx);
            }
            return;
        }
        let page = self.page(cx.body) as isize;
        if let Some(delta) = action.list_move(page) {
            match (self.focus, &mut self.org) {
                (Pane::OrgLinks, Some(org)) => {
                    org.window.move_by(delta);
                    self.fill_org(cx);
                }
                _ => self.history.move_by(delta),
            }
            return;
        }
        match action {
            Action::NextPane => self.toggle_pane(),
            Action::StartFilter => self.focused_filter().start(),
            Action::Back if self.focused_filter().is_active() => {
                self.focused_filter().clear();
                self.filter_changed(cx);
            }
            Action::Reload => cx.refresh(self),
            _ => {}
        }
    }

    fn click(&mut self, column: u16, row: u16, cx: &mut Cx) {
        match self.row_at(cx.body, column, row) {
            Some((Pane::History, i)) => {
                self.focus = Pane::History;
                self.history.selected = i;
            }
            Some((Pane::OrgLinks, i)) => {
                self.focus = Pane::OrgLinks;
                if let Some(org) = &mut self.org {
                    org.window.selected = i;
                }
                self.fill_org(cx);
            }
            None => {}
        }
    }

    /// The tab starts no jobs.
    fn on_done(&mut self, _: Done, _: &mut Cx) {}

    /// The person's history (short: read whole, up to the limit) and the
    /// organization's counts and the rows on screen again (a screen and a
    /// page ahead, from the same first row, with the same filter), keeping
    /// the selected link of each: cheap enough for every change any session
    /// commits.
    fn refresh_in_front(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        let (service, session) = (reads.service, reads.session);
        let mut rows = service.link_history(session, HISTORY_LIMIT + 1)?;
        self.history.lang = reads.dates.lang;
        let cut = rows.len() > HISTORY_LIMIT;
        rows.truncate(HISTORY_LIMIT);
        self.history.set(rows, cut);
        let page = self.org_page(reads.body);
        if let Some(org) = &mut self.org {
            let filter = org.service_filter()?;
            let pager = OrgLinkPager::new(service, session, &filter);
            match org.window.reread(&pager, page) {
                Ok(()) => {}
                // The role was revoked meanwhile: the pane goes away (R17).
                Err(ServiceError::Refused(Refusal::NotPermitted { .. })) => {
                    self.org = None;
                    self.focus = Pane::default();
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(
            frame,
            area,
            view.session,
            &view.dates.in_lang(view.lang),
            view.theme,
        );
    }
}

/// The filter line while it is typed, over the pane's bottom border: the
/// pane keeps its rows, so paging and clicks keep their arithmetic.
fn render_filter_line(
    frame: &mut Frame,
    pane: Rect,
    filter: &ListFilter,
    lang: Lang,
    theme: &Theme,
) {
    if !filter.editing || pane.height < 3 || pane.width < 3 {
        return;
    }
    let line = Rect {
        x: pane.x + 1,
        y: pane.bottom() - 1,
        width: pane.width - 2,
        height: 1,
    };
    filter.render(frame, line, theme, lang);
}

/// The first row shown and how many fit in a pane, by [`scroll_offset`] (as
/// clicks compute it). Only those rows are built.
fn window(pane: Rect, selected: usize) -> (usize, usize) {
    let visible = AssociationsTab::visible(pane);
    (scroll_offset(selected, visible), visible)
}

fn render_org_links(
    frame: &mut Frame,
    area: Rect,
    org: &OrgLinks,
    org_name: &str,
    focused: bool,
    dates: &DateFormat,
    theme: &Theme,
) {
    let lang = dates.lang;
    let w = &org.window;
    let counts = org.filter.title_counts(lang, w.total, w.all);
    let title = if org.filter.is_active() {
        lang.tui_assoc_org_title_filtered(org_name, counts)
    } else {
        lang.tui_assoc_org_title(org_name, counts)
    };
    let block = pane_block(title, focused, theme);
    if w.rows.is_empty() {
        let text = if org.filter.is_active() {
            lang.tui_assoc_org_no_match()
        } else {
            lang.tui_assoc_org_empty()
        };
        render_empty(frame, area, block, text, theme);
        render_filter_line(frame, area, &org.filter, dates.lang, theme);
        return;
    }
    // Narrow terminals drop the email column rather than cut every cell.
    let with_email = area.width >= WIDE;
    // Places in the whole list; the window holds the rows from `first`.
    let (offset, visible) = window(area, w.selected);
    let rows = (offset..offset + visible)
        .map_while(|position| w.row(position))
        .map(|l| {
            // R12: a departed person's link stays until a Global Admin removes it.
            let status = match l.holder_status {
                AccountStatus::Deleted => Span::styled(lang.tui_assoc_departed(), theme.warn),
                other => Span::raw(status_in(other, lang)),
            };
            let mut cells = vec![
                Span::raw(l.mcid.to_string()),
                Span::raw(l.holder_name.clone()),
            ];
            if with_email {
                cells.push(Span::raw(l.holder_email.clone()));
            }
            cells.extend([Span::raw(dates.date(l.since)), status]);
            Row::new(cells)
        });
    let mut widths = vec![Constraint::Length(8), Constraint::Fill(2)];
    let mut header = vec![lang.tui_assoc_col_mcid(), lang.tui_assoc_col_holder()];
    if with_email {
        widths.push(Constraint::Fill(3));
        header.push(lang.tui_assoc_col_email());
    }
    widths.extend([Constraint::Length(10), Constraint::Length(10)]);
    header.extend([lang.tui_assoc_col_since(), lang.tui_assoc_col_status()]);
    let table = Table::new(rows, widths).header(Row::new(header).style(theme.heading));
    render_table(
        frame,
        area,
        block,
        table,
        w.selected - offset,
        focused,
        theme,
    );
    render_filter_line(frame, area, &org.filter, dates.lang, theme);
}

/// A link's end reason (the domain's `EndReason::name`, as `LinkRow`
/// carries it) in the reader's words; a name this tab does not know is
/// shown as it is.
fn reason_in(name: &'static str, lang: Lang) -> &'static str {
    let reasons = [
        EndReason::Moved,
        EndReason::AccountReplaced,
        EndReason::RemovedByUser,
        EndReason::RemovedByAdmin,
        EndReason::Merged,
    ];
    match reasons.into_iter().find(|r| r.name() == name) {
        Some(EndReason::Moved) => lang.tui_assoc_reason_moved(),
        Some(EndReason::AccountReplaced) => lang.tui_assoc_reason_account_replaced(),
        Some(EndReason::RemovedByUser) => lang.tui_assoc_reason_removed_by_user(),
        Some(EndReason::RemovedByAdmin) => lang.tui_assoc_reason_removed_by_admin(),
        Some(EndReason::Merged) => lang.tui_assoc_reason_merged(),
        None => name,
    }
}

/// A holder's account status in the reader's words.
fn status_in(status: AccountStatus, lang: Lang) -> &'static str {
    match status {
        AccountStatus::Invited => lang.tui_assoc_status_invited(),
        AccountStatus::Active => lang.tui_assoc_status_active(),
        AccountStatus::Deleted => lang.tui_assoc_status_deleted(),
    }
}
