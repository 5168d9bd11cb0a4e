//! The Support tab's flow (R14–R16): the search box and the person view for
//! support engineers, the ticket lists of both faces and their conversations,
//! the ticket and reply dialogs, and the MCID merge (R15): two MCIDs, then
//! `Service::merge_preview` shown in a confirmation, then the merge itself.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::{App, MainScreen, Screen};
use crate::jobs::{Job, JobSuccess, failure};
use crate::keys::Context;
use crate::popups::{ConfirmDialog, ConfirmPurpose, FormDialog, Popup};
use crate::tabs::support::people::PeopleDesk;
use crate::tabs::support::tickets::{TICKETS_LIMIT, TicketList};
use crate::tabs::support::{SupportTab, SupportView};
use crate::update::{edit_text, list_move};
use certlink_core::service::{MergePreview, Service, ServiceError};
use certlink_domain::time::DateFormat;

/// Reads the tab again: the tickets (the queue, or the person's own), the
/// ticket being read, and for support engineers the last search's people and
/// the person being viewed, so every change shows at once.
pub(crate) fn read_support(service: &Service, main: &mut MainScreen) -> Result<(), ServiceError> {
    let session = &main.session;
    let tab = &mut main.support;
    tab.tickets.load(service.tickets(session, TICKETS_LIMIT)?);
    if let Some(id) = tab.tickets.open.as_ref().map(|t| t.id) {
        tab.tickets.open = Some(service.ticket(session, id)?);
    }
    if !session.is_support {
        return Ok(());
    }
    let people = &mut tab.people;
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

impl App {
    pub(crate) fn update_support(&mut self, action: Action, body: Rect) -> Option<Job> {
        let Screen::Main(main) = &mut self.screen else {
            return None;
        };
        let (_, area) = SupportTab::layout(body);
        let context = main.support.context(&main.session);
        let dates = main.dates;
        let tab = &mut main.support;
        // Keys shared by the support engineers' views.
        match &action {
            Action::ShowSupport(view) if main.session.is_support => {
                tab.view = *view;
                return None;
            }
            Action::MergeProfiles if main.session.is_support => {
                self.popups.push(Popup::Dialog(FormDialog::merge()));
                return None;
            }
            Action::Reload => {
                self.refresh();
                return None;
            }
            _ => {}
        }
        match context {
            Context::SupportSearch => {
                let people = &mut tab.people;
                match action {
                    Action::Activate => self.search_people(),
                    Action::Back => people.searching = false,
                    other => {
                        edit_text(&mut people.search, &other);
                    }
                }
            }
            Context::SupportPeople => {
                let people = &mut tab.people;
                match (list_move(&action, PeopleDesk::page(area) as isize), action) {
                    (Some(delta), _) => people.move_by(delta),
                    (None, Action::StartFilter) => people.searching = true,
                    (None, Action::Activate) => self.open_person(),
                    _ => {}
                }
            }
            Context::SupportPerson => {
                let people = &mut tab.people;
                match (
                    list_move(&action, PeopleDesk::person_page(area) as isize),
                    action,
                ) {
                    (Some(delta), _) => people.scroll_by(delta, area, &dates),
                    (None, Action::Back) => people.person = None,
                    _ => {}
                }
            }
            Context::Queue | Context::MyTickets => {
                let tickets = &mut tab.tickets;
                match (list_move(&action, TicketList::page(area) as isize), action) {
                    (Some(delta), _) => tickets.move_by(delta),
                    (None, Action::Activate) => self.read_ticket(),
                    (None, action) => return self.ticket_action(action),
                }
            }
            Context::QueueTicket | Context::MyTicket => {
                let tickets = &mut tab.tickets;
                match (list_move(&action, TicketList::page(area) as isize), action) {
                    (Some(delta), _) => tickets.scroll_by(delta, area, &dates),
                    (None, Action::Back) => tickets.open = None,
                    (None, action) => return self.ticket_action(action),
                }
            }
            _ => {}
        }
        None
    }

    /// Reply, resolve or open a ticket (R14); the service says who may.
    fn ticket_action(&mut self, action: Action) -> Option<Job> {
        let main = self.main()?;
        let session = main.session.clone();
        let current = main.support.tickets.current_id();
        match (action, current) {
            (Action::NewTicket, _) if !session.is_support => {
                self.popups.push(Popup::Dialog(FormDialog::open_ticket()));
            }
            (Action::ReplyTicket, Some(id)) => {
                self.popups.push(Popup::Dialog(FormDialog::reply(id)));
            }
            (Action::ResolveTicket, Some(id)) if session.is_support => {
                return Some(Job::ResolveTicket { session, id });
            }
            _ => {}
        }
        None
    }

    /// Runs the search box's query (`Service::lookup`); an empty one is
    /// answered in the list, in the service's words.
    fn search_people(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let people = &mut main.support.people;
        let query = people.search.value().trim().to_string();
        match self.service.lookup(&main.session, &query) {
            Ok(hits) => {
                people.found(query, hits);
                people.searching = false;
            }
            Err(e @ ServiceError::Invalid(_)) => {
                people.note = Some(failure(&self.service, &e).message);
            }
            Err(e) => {
                let f = failure(&self.service, &e);
                self.show_failure(f);
            }
        }
    }

    /// Opens the person view of the selected hit (`Service::person`).
    fn open_person(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let people = &mut main.support.people;
        let Some(email) = people.selected_hit().map(|h| h.email.clone()) else {
            return;
        };
        match self.service.person(&main.session, email.as_str()) {
            Ok(view) => {
                people.person = Some(view);
                people.scroll = 0;
            }
            Err(e) => {
                let f = failure(&self.service, &e);
                self.show_failure(f);
            }
        }
    }

    /// Opens the selected ticket's conversation (`Service::ticket`, as read now).
    fn read_ticket(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let tickets = &mut main.support.tickets;
        let Some(id) = tickets.selected_ticket().map(|t| t.id) else {
            return;
        };
        match self.service.ticket(&main.session, id) {
            Ok(ticket) => {
                tickets.open = Some(ticket);
                tickets.scroll = 0;
            }
            Err(e) => {
                let f = failure(&self.service, &e);
                self.show_failure(f);
            }
        }
    }

    /// Enter in the merge dialog (R15): the preview replaces the dialog as a
    /// confirmation; a refusal stays in the dialog for fixing.
    pub(crate) fn preview_merge(&mut self, from: String, into: String) {
        let Some(main) = self.main() else {
            return;
        };
        let (session, dates) = (main.session.clone(), main.dates);
        match self.service.merge_preview(&session, &from, &into) {
            Ok(preview) => {
                self.popups.pop();
                self.popups.push(Popup::Confirm(ConfirmDialog::new(
                    ConfirmPurpose::Merge { from, into },
                    format!("Merge MCID {} into {}? (R15)", preview.from, preview.into),
                    merge_preview_text(&preview, &dates),
                    "Yes, merge",
                )));
            }
            Err(e) => {
                let message = failure(&self.service, &e).message;
                if let Some(Popup::Dialog(dialog)) = self.popups.last_mut() {
                    dialog.refused(message);
                }
            }
        }
    }

    /// A Support job's answer.
    pub(crate) fn support_job_done(&mut self, success: JobSuccess) {
        let close_dialog = |app: &mut App| {
            if matches!(app.popups.last(), Some(Popup::Dialog(_))) {
                app.popups.pop();
            }
        };
        match success {
            JobSuccess::TicketOpened(id) => {
                close_dialog(self);
                self.refresh();
                if let Screen::Main(main) = &mut self.screen {
                    main.support.tickets.select_id(id);
                }
                self.flash = Some(format!("Ticket #{id} opened: support answers here (R14)."));
            }
            JobSuccess::TicketReplied(id) => {
                close_dialog(self);
                self.refresh();
                self.flash = Some(format!("Reply added to ticket #{id}."));
            }
            JobSuccess::TicketResolved(id) => {
                self.refresh();
                self.flash = Some(format!("Ticket #{id} resolved."));
            }
            JobSuccess::Merged { from, into } => {
                self.refresh();
                if let Screen::Main(main) = &mut self.screen {
                    main.support.view = SupportView::People;
                }
                self.flash = Some(format!(
                    "MCID {from} merged into MCID {into}; its history now counts there (R15)."
                ));
            }
            _ => {}
        }
    }
}

/// What a merge will do (R15), in words: what moves, which link survives and
/// which ends, and the association window of the merged profile (R9).
pub fn merge_preview_text(p: &MergePreview, dates: &DateFormat) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut text = format!(
        "Duplicate MCID {} ({}) into primary MCID {} ({}).\nMoves: {}, {} of history, {}.",
        p.from,
        p.from_email,
        p.into,
        p.into_email,
        plural(p.skills_moving, "skill", "skills"),
        plural(p.links_moving, "link", "links"),
        plural(p.starts_moving, "association start", "association starts"),
    );
    text.push_str(&match &p.surviving_link {
        Some((org, holder)) => format!("\nSurvives: the link to {org} held by {holder}."),
        None => "\nNo link survives: neither profile is linked.".into(),
    });
    if let Some((org, holder)) = &p.ending_link {
        text.push_str(&format!(
            "\nEnds: the link to {org} held by {holder} (reason: merged)."
        ));
    }
    let a = &p.allowance_after;
    let next = match a.next_allowed {
        Some(at) => dates.date_with_countdown(at),
        None => "now".into(),
    };
    text.push_str(&format!(
        "\nAfter (R9): {} of {} associations used; next allowed {next}.",
        a.used, a.limit
    ));
    text
}
