//! Support (R14–R16), everyone's tab with two faces. Support engineers get
//! their desk: *people* (a search across organizations by email, name, MCID or
//! MPN ID, and a person view that answers "why can't I link?") and the ticket
//! *queue*, switched by keys; MCID merges (R15) start from either. Everyone
//! else gets their own tickets: open one, read the replies, answer.
//! [`people`] and [`tickets`] hold and draw those parts, [`key_maps`] has a
//! key map per view, [`dialogs`] the ticket, reply and merge dialogs whose
//! jobs ([`calls`]) answer here. Lookups are indexed reads, made at once;
//! nothing here decides a rule.

pub mod calls;
pub mod dialogs;
pub mod key_maps;
pub mod people;
pub mod ticket_pager;
pub mod tickets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::components::list_filter::FilterChange;
use crate::jobs::Done;
use crate::keys::{self, Context};
use crate::tab::{Cx, Reads, Tab, View};
use crate::theme::Theme;
use calls::Answer;
use certlink_core::service::{ServiceError, Session};
use certlink_domain::may;
use certlink_domain::permissions::SupportDesk;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;
use people::PeopleDesk;
use tickets::TicketList;

use super::registry::{TabEntry, TabId};
pub use crate::action::SupportView;
use crate::components::tab_bar::Titles;

/// The Support tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Support,
    titles: Titles {
        full: "Support",
        short: "Support",
        tiny: "Supp",
    },
    // Everyone's: support's desk or the person's own tickets (R14).
    shown_to: |_| true,
    start: |_| Box::new(SupportTab::default()),
};

/// Which face the tab shows: support engineers' desk (lookups, the queue,
/// merges) for whoever the domain lets read the queue (R14), else the
/// person's own tickets.
fn at_the_desk(session: &Session) -> bool {
    may(&session.actor(), SupportDesk::TicketQueue).is_ok()
}

#[derive(Debug, Clone, Default)]
pub struct SupportTab {
    /// Support engineers only: which view is in front.
    pub view: SupportView,
    /// Support engineers only: lookups and the person view.
    pub people: PeopleDesk,
    /// The queue for support engineers; a person's own tickets otherwise.
    pub tickets: TicketList,
}

impl SupportTab {
    /// (the line naming the views, the view's area).
    pub fn layout(area: Rect) -> (Rect, Rect) {
        let bar = Rect {
            height: 1.min(area.height),
            ..area
        };
        let body = Rect {
            y: area.y + bar.height,
            height: area.height - bar.height,
            ..area
        };
        (bar, body)
    }

    /// Reply, resolve or open a ticket (R14); the service says who may.
    fn ticket_action(&mut self, action: Action, cx: &mut Cx) {
        let is_support = at_the_desk(cx.session);
        let lang = cx.lang();
        match (action, self.tickets.current_id()) {
            (Action::NewTicket, _) if !is_support => cx.open(dialogs::open_ticket(lang)),
            (Action::ReplyTicket, Some(id)) => cx.open(dialogs::reply(id, lang)),
            (Action::ResolveTicket, Some(id)) if is_support => {
                // Said before anything runs when it cannot work (R14).
                match self.resolvable(&cx.session.actor()) {
                    Ok(()) => cx.run(calls::resolve_ticket_in(cx.session.clone(), id, lang)),
                    Err(refusal) => cx.flash(lang.tui_support_ticket_refused(
                        id,
                        refusal.message(cx.dates()),
                        refusal.rule(),
                    )),
                }
            }
            _ => {}
        }
    }

    /// Whether the domain lets the reader resolve the ticket in front (R14).
    fn resolvable(&self, actor: &certlink_domain::Actor) -> Result<(), certlink_domain::Refusal> {
        let status = self
            .tickets
            .open
            .as_ref()
            .or_else(|| self.tickets.selected_ticket())
            .map(|t| t.status);
        match status {
            Some(status) => certlink_domain::tickets::may_resolve(actor, status),
            None => Ok(()),
        }
    }

    fn may_resolve(&self, session: &Session) -> bool {
        self.resolvable(&session.actor()).is_ok()
    }

    /// Runs the search box's query (`Service::lookup`); an empty one is
    /// answered in the list, in the service's words.
    fn search_people(&mut self, cx: &mut Cx) {
        let people = &mut self.people;
        let query = people.search.value().trim().to_string();
        match cx.service.lookup(cx.session, &query) {
            Ok(hits) => {
                people.found(query, hits);
                people.searching = false;
            }
            Err(e @ ServiceError::Invalid(_)) => {
                people.note = Some(dialogs::in_words(cx.service, &e, cx.lang()));
            }
            Err(e) => cx.show_error(&e),
        }
    }

    /// Opens the person view of the selected hit (`Service::person`).
    fn open_person(&mut self, cx: &mut Cx) {
        let people = &mut self.people;
        let Some(email) = people.selected_hit().map(|h| h.email.clone()) else {
            return;
        };
        match cx.service.person(cx.session, email.as_str()) {
            Ok(view) => {
                people.person = Some(view);
                people.scroll = 0;
            }
            Err(e) => cx.show_error(&e),
        }
    }

    /// Opens the selected ticket's conversation (`Service::ticket`, as read now).
    fn read_ticket(&mut self, cx: &mut Cx) {
        let tickets = &mut self.tickets;
        let Some(id) = tickets.selected_ticket().map(|t| t.id) else {
            return;
        };
        match cx.service.ticket(cx.session, id) {
            Ok(ticket) => {
                tickets.open = Some(ticket);
                tickets.scroll = 0;
            }
            Err(e) => cx.show_error(&e),
        }
    }

    fn answered(&mut self, answer: Answer, cx: &mut Cx) {
        let lang = cx.lang();
        match answer {
            Answer::TicketOpened(id) => {
                cx.close_form();
                cx.refresh(self);
                self.tickets.select_id(id);
                cx.flash(lang.tui_support_ticket_opened(id));
            }
            Answer::TicketReplied(id) => {
                cx.close_form();
                cx.refresh(self);
                cx.flash(lang.tui_support_reply_added(id));
            }
            Answer::TicketResolved(id) => {
                cx.refresh(self);
                cx.flash(lang.tui_support_ticket_resolved(id));
            }
            Answer::Merged { from, into } => {
                cx.refresh(self);
                self.view = SupportView::People;
                cx.flash(lang.tui_support_merged(from, into));
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
        let (bar, body) = SupportTab::layout(area);
        let lang = dates.lang;
        if !at_the_desk(session) {
            frame.render_widget(
                Line::styled(lang.tui_support_your_tickets_heading(), theme.heading),
                bar,
            );
            self.tickets.render(frame, body, false, dates, theme);
            return;
        }
        self.render_view_bar(frame, bar, lang, theme);
        match self.view {
            SupportView::People => self.people.render(frame, body, dates, theme),
            SupportView::Tickets => self.tickets.render(frame, body, true, dates, theme),
        }
    }

    /// "People (p) │ Ticket queue (t): 1 open, 0 waiting": the view in front is
    /// marked, and the keys come from the key map.
    fn render_view_bar(&self, frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
        let key = |view| {
            keys::first_key(&key_maps::PEOPLE, &Action::ShowSupport(view))
                .unwrap_or_else(|| "?".into())
        };
        let (open, waiting) = self.tickets.counts();
        let people = lang.tui_support_view_people(key(SupportView::People));
        let queue = lang.tui_support_view_queue(key(SupportView::Tickets), open, waiting);
        let style = |view| {
            if self.view == view {
                theme.tab_active
            } else {
                theme.tab
            }
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(people, style(SupportView::People)),
                Span::raw("│"),
                Span::styled(queue, style(SupportView::Tickets)),
            ]),
            area,
        );
    }
}

impl Tab for SupportTab {
    /// Which face, which view, what is open.
    fn keys(&self, session: &Session) -> Context {
        if self.tickets.filter.editing {
            return &key_maps::TICKET_FILTER;
        }
        if !at_the_desk(session) {
            return if self.tickets.open.is_some() {
                &key_maps::MY_TICKET
            } else {
                &key_maps::MY_TICKETS
            };
        }
        match self.view {
            SupportView::People if self.people.searching => &key_maps::SEARCH,
            SupportView::People if self.people.person.is_some() => &key_maps::PERSON,
            SupportView::People => &key_maps::PEOPLE,
            SupportView::Tickets if self.tickets.open.is_some() => {
                if self.may_resolve(session) {
                    &key_maps::QUEUE_TICKET
                } else {
                    &key_maps::QUEUE_TICKET_RESOLVED
                }
            }
            SupportView::Tickets if self.may_resolve(session) => &key_maps::QUEUE,
            SupportView::Tickets => &key_maps::QUEUE_RESOLVED,
        }
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 10] = [
            &key_maps::TICKET_FILTER,
            &key_maps::QUEUE_RESOLVED,
            &key_maps::QUEUE_TICKET_RESOLVED,
            &key_maps::PEOPLE,
            &key_maps::SEARCH,
            &key_maps::PERSON,
            &key_maps::QUEUE,
            &key_maps::QUEUE_TICKET,
            &key_maps::MY_TICKETS,
            &key_maps::MY_TICKET,
        ];
        &MAPS
    }

    fn update(&mut self, action: Action, cx: &mut Cx) {
        let (_, area) = SupportTab::layout(cx.body);
        let context = self.keys(cx.session);
        // Keys shared by the support engineers' views.
        match &action {
            Action::ShowSupport(view) if at_the_desk(cx.session) => {
                self.view = *view;
                return;
            }
            Action::MergeProfiles if at_the_desk(cx.session) => {
                cx.open(dialogs::merge(cx.lang()));
                return;
            }
            Action::Reload => {
                cx.refresh(self);
                return;
            }
            _ => {}
        }
        let queue = at_the_desk(cx.session);
        let page = TicketList::page(area);
        if context == &key_maps::TICKET_FILTER {
            if self.tickets.filter.update(&action) == FilterChange::Applied
                && let Err(e) = self.tickets.restart(cx.service, cx.session, queue, page)
            {
                cx.show_error(&e);
            }
            return;
        }
        if context == &key_maps::SEARCH {
            match action {
                Action::Activate => self.search_people(cx),
                Action::Back => self.people.searching = false,
                other => {
                    self.people.search.apply(&other);
                }
            }
        } else if context == &key_maps::PEOPLE {
            match (action.list_move(PeopleDesk::page(area) as isize), action) {
                (Some(delta), _) => self.people.move_by(delta),
                (None, Action::StartFilter) => self.people.searching = true,
                (None, Action::Activate) => self.open_person(cx),
                _ => {}
            }
        } else if context == &key_maps::PERSON {
            match (
                action.list_move(PeopleDesk::person_page(area) as isize),
                action,
            ) {
                (Some(delta), _) => self.people.scroll_by(delta, area, cx.dates()),
                (None, Action::Back) => self.people.person = None,
                _ => {}
            }
        } else if [
            &key_maps::QUEUE,
            &key_maps::QUEUE_RESOLVED,
            &key_maps::MY_TICKETS,
        ]
        .contains(&context)
        {
            match (action.list_move(page as isize), action) {
                (Some(delta), _) => {
                    self.tickets.move_by(delta);
                    if let Err(e) = self.tickets.fill(cx.service, cx.session, queue, page) {
                        cx.show_error(&e);
                    }
                }
                (None, Action::Activate) => self.read_ticket(cx),
                (None, Action::StartFilter) => self.tickets.filter.start(),
                (None, Action::Back) if self.tickets.filter.is_active() => {
                    self.tickets.filter.clear();
                    if let Err(e) = self.tickets.restart(cx.service, cx.session, queue, page) {
                        cx.show_error(&e);
                    }
                }
                (None, action) => self.ticket_action(action, cx),
            }
        } else if [
            &key_maps::QUEUE_TICKET,
            &key_maps::QUEUE_TICKET_RESOLVED,
            &key_maps::MY_TICKET,
        ]
        .contains(&context)
        {
            match (action.list_move(TicketList::page(area) as isize), action) {
                (Some(delta), _) => self.tickets.scroll_by(delta, area, cx.dates()),
                (None, Action::Back) => self.tickets.open = None,
                (None, action) => self.ticket_action(action, cx),
            }
        }
    }

    fn click(&mut self, column: u16, row: u16, cx: &mut Cx) {
        let (_, area) = SupportTab::layout(cx.body);
        if at_the_desk(cx.session) && self.view == SupportView::People {
            if let Some(i) = self.people.row_at(area, column, row) {
                self.people.selected = i;
            }
        } else if let Some(i) = self.tickets.row_at(area, column, row) {
            self.tickets.window.selected = i;
        }
    }

    fn on_done(&mut self, done: Done, cx: &mut Cx) {
        match done.take::<Answer>() {
            Some(Ok(answer)) => self.answered(answer, cx),
            Some(Err(failure)) => cx.failed(failure),
            None => {}
        }
    }

    /// The tickets (the queue, or the person's own), the ticket being read,
    /// and for support engineers the last search's people and the person
    /// being viewed, so every change shows at once.
    fn refresh_in_front(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        let (service, session) = (reads.service, reads.session);
        let (_, area) = SupportTab::layout(reads.body);
        self.tickets.reread(
            service,
            session,
            at_the_desk(session),
            TicketList::page(area),
        )?;
        if let Some(id) = self.tickets.open.as_ref().map(|t| t.id) {
            self.tickets.open = Some(service.ticket(session, id)?);
        }
        if !at_the_desk(session) {
            return Ok(());
        }
        let people = &mut self.people;
        if let Some(query) = people.query.clone() {
            let keep = people.selected_hit().map(|h| h.email.clone());
            people.hits = service.lookup(session, &query)?;
            people.selected = keep
                .and_then(|e| people.hits.iter().position(|h| h.email == e))
                .unwrap_or(people.selected)
                .min(people.hits.len().saturating_sub(1));
        }
        if let Some(email) = people.person.as_ref().map(|p| p.email.clone()) {
            people.person = Some(service.person(session, email.as_str())?);
        }
        Ok(())
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        // The dates in the reader's language (`view.lang`, also `dates.lang`).
        let dates = view.dates.in_lang(view.lang);
        self.draw(frame, area, view.session, &dates, view.theme);
    }
}
