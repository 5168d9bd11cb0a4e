//! Associations: the person's own link history (organization, from, to, reason)
//! and, for Global Admins, the organization's current links, read a page at a
//! time with `Service::org_links(after, limit)` so no screen loads a whole table.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Row, Table};

use super::registry::{TabEntry, TabId};
use crate::action::Action;
use crate::components::pane::{pane_block, render_empty, render_table};
use crate::components::scroll_offset;
use crate::components::tab_bar::Titles;
use crate::jobs::Done;
use crate::keys::{self, Binding, Context, KeyMap, ch, key};
use crate::tab::{Cx, Reads, Tab, View};
use crate::theme::{Mark, Theme};
use certlink_core::service::{LinkRow, OrgLinkRow, ServiceError, Session};
use certlink_domain::may;
use certlink_domain::permissions::OrgView;
use certlink_domain::time::DateFormat;
use certlink_domain::{AccountStatus, Refusal};

/// The Associations tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Associations,
    titles: Titles {
        full: "Associations",
        short: "Assoc.",
        tiny: "Assoc.",
    },
    // R4, R7: links are held by people of an organization.
    shown_to: |actor| actor.org().is_some(),
    start: |session| Box::new(AssociationsTab::for_session(session)),
};

/// Most history rows read (a person's own history is short).
pub const HISTORY_LIMIT: usize = 200;
/// Rows of the organization's links read per page.
pub const ORG_PAGE: usize = 50;
/// From this pane width on, the organization's links show the holder's email.
const WIDE: u16 = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    History,
    OrgLinks,
}

/// The loaded pages of the organization's current links.
#[derive(Debug, Clone, Default)]
pub struct OrgLinks {
    pub rows: Vec<OrgLinkRow>,
    pub selected: usize,
    /// The last page read was short: there is nothing more to read.
    pub complete: bool,
}

impl OrgLinks {
    /// Adds a page read after the last loaded row.
    pub fn append(&mut self, page: Vec<OrgLinkRow>) {
        self.complete = page.len() < ORG_PAGE;
        self.rows.extend(page);
    }
}

#[derive(Debug, Clone, Default)]
pub struct AssociationsTab {
    pub history: Vec<LinkRow>,
    pub history_selected: usize,
    /// Present for Global Admins only.
    pub org: Option<OrgLinks>,
    pub focus: Pane,
}

const PANES: &[Binding] = &[Binding {
    chords: &[ch('h'), ch('l'), key(KeyCode::Left), key(KeyCode::Right)],
    action: Action::NextPane,
    keys: "h/l ←/→",
    does: "switch pane",
    hint: true,
}];

pub static KEYS: KeyMap = KeyMap::acting(
    "Associations",
    &[
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::PAGE,
        PANES,
        keys::READ_AGAIN,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

/// What a move asks of the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    Done,
    /// The selection reached the last loaded row and more may exist.
    NeedNextPage,
}

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

    /// Reads the next page of the organization's links after the last loaded one.
    fn load_next_org_page(&mut self, cx: &mut Cx) {
        let Some(org) = &mut self.org else {
            return;
        };
        let after = org.rows.last().map(|r| r.link);
        match cx.service.org_links(cx.session, after, ORG_PAGE) {
            Ok(page) => org.append(page),
            Err(e) => cx.show_error(&e),
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

    /// Moves the selection of the focused pane by `delta` rows (clamped).
    pub fn move_by(&mut self, delta: isize) -> Moved {
        match self.focus {
            Pane::History => {
                let max = self.history.len().saturating_sub(1);
                self.history_selected = self.history_selected.saturating_add_signed(delta).min(max);
                Moved::Done
            }
            Pane::OrgLinks => {
                let Some(org) = &mut self.org else {
                    return Moved::Done;
                };
                let max = org.rows.len().saturating_sub(1);
                let wanted = org.selected.saturating_add_signed(delta);
                org.selected = wanted.min(max);
                if delta > 0 && wanted >= max && !org.complete {
                    Moved::NeedNextPage
                } else {
                    Moved::Done
                }
            }
        }
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

    /// The pane and row under a click.
    pub fn row_at(&self, area: Rect, column: u16, row: u16) -> Option<(Pane, usize)> {
        let (history, org) = self.layout(area);
        let at = Position::new(column, row);
        let hit = |pane: Rect, selected: usize, len: usize| -> Option<usize> {
            // Rows start under the top border and the header line.
            let first_row = pane.y + 2;
            if !pane.contains(at) || row < first_row || row >= pane.y + pane.height - 1 {
                return None;
            }
            let offset = scroll_offset(selected, AssociationsTab::visible(pane));
            let index = offset + usize::from(row - first_row);
            (index < len).then_some(index)
        };
        if let Some(i) = hit(history, self.history_selected, self.history.len()) {
            return Some((Pane::History, i));
        }
        match (org, &self.org) {
            (Some(pane), Some(links)) => {
                hit(pane, links.selected, links.rows.len()).map(|i| (Pane::OrgLinks, i))
            }
            _ => None,
        }
    }

    pub fn select(&mut self, pane: Pane, index: usize) {
        self.focus = pane;
        match pane {
            Pane::History => self.history_selected = index,
            Pane::OrgLinks => {
                if let Some(org) = &mut self.org {
                    org.selected = index;
                }
            }
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
            let org_name = session.org_name.as_deref().unwrap_or("your organization");
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
        let focused = self.focus == Pane::History;
        let title = format!(" Your link history ({}) ", self.history.len());
        let block = pane_block(title, focused, theme);
        if self.history.is_empty() {
            render_empty(
                frame,
                area,
                block,
                "No links yet: associate your Microsoft Learning account on the Profile tab.",
                theme,
            );
            return;
        }
        let (offset, visible) = window(area, self.history_selected);
        let rows = self.history.iter().skip(offset).take(visible).map(|l| {
            let to = match l.to {
                Some(t) => Span::raw(dates.date(t)),
                None => Span::styled(format!("{}now", Mark::OK), theme.ok),
            };
            let reason = l.reason.unwrap_or("(active)");
            Row::new(vec![
                Span::raw(l.org_name.clone()),
                Span::raw(dates.date(l.from)),
                to,
                Span::raw(reason),
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
        .header(Row::new(vec!["Organization", "From", "To", "Reason"]).style(theme.heading));
        render_table(
            frame,
            area,
            block,
            table,
            self.history_selected - offset,
            focused,
            theme,
        );
    }
}

impl Tab for AssociationsTab {
    fn keys(&self, _: &Session) -> Context {
        &KEYS
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 1] = [&KEYS];
        &MAPS
    }

    fn update(&mut self, action: Action, cx: &mut Cx) {
        let page = self.page(cx.body) as isize;
        let moved = match action {
            Action::NextPane => {
                self.toggle_pane();
                Moved::Done
            }
            other => match other.list_move(page) {
                Some(delta) => self.move_by(delta),
                None => Moved::Done,
            },
        };
        if moved == Moved::NeedNextPage {
            self.load_next_org_page(cx);
        }
    }

    fn click(&mut self, column: u16, row: u16, cx: &mut Cx) {
        if let Some((pane, i)) = self.row_at(cx.body, column, row) {
            self.select(pane, i);
        }
    }

    /// The tab starts no jobs.
    fn on_done(&mut self, _: Done, _: &mut Cx) {}

    /// The person's history and the first page of the organization's links
    /// again (the links may have changed), keeping selections in range.
    fn refresh_always(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        let (service, session) = (reads.service, reads.session);
        self.history = service.link_history(session, HISTORY_LIMIT)?;
        self.history_selected = self
            .history_selected
            .min(self.history.len().saturating_sub(1));
        if let Some(org) = &mut self.org {
            let loaded = org.rows.len().max(ORG_PAGE);
            match service.org_links(session, None, loaded) {
                Ok(rows) => {
                    org.complete = rows.len() < loaded;
                    org.rows = rows;
                    org.selected = org.selected.min(org.rows.len().saturating_sub(1));
                }
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
        self.draw(frame, area, view.session, view.dates, view.theme);
    }
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
    let more = if org.complete { "" } else { ", more below" };
    let title = format!(" Current links of {org_name} ({}{more}) ", org.rows.len());
    let block = pane_block(title, focused, theme);
    if org.rows.is_empty() {
        render_empty(
            frame,
            area,
            block,
            "No one in the organization has a linked profile.",
            theme,
        );
        return;
    }
    // Narrow terminals drop the email column rather than cut every cell.
    let with_email = area.width >= WIDE;
    let (offset, visible) = window(area, org.selected);
    let rows = org.rows.iter().skip(offset).take(visible).map(|l| {
        // R12: a departed person's link stays until a Global Admin removes it.
        let status = match l.holder_status {
            AccountStatus::Deleted => Span::styled("! departed", theme.warn),
            other => Span::raw(other.name()),
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
    let mut header = vec!["MCID", "Holder"];
    if with_email {
        widths.push(Constraint::Fill(3));
        header.push("Email");
    }
    widths.extend([Constraint::Length(10), Constraint::Length(10)]);
    header.extend(["Since", "Status"]);
    let table = Table::new(rows, widths).header(Row::new(header).style(theme.heading));
    render_table(
        frame,
        area,
        block,
        table,
        org.selected - offset,
        focused,
        theme,
    );
}
