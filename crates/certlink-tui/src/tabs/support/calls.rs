//! The Support tab's service calls (R14, R15), as jobs: each is a durable
//! write. Their answers come back to the tab as [`Answer`].

use crate::jobs::Job;
use crate::tabs::users::calls::worded;
use certlink_core::service::Session;
use certlink_domain::tickets::TicketCategory;
use certlink_i18n::Lang;

/// What the Support tab's jobs answer (ticket ids, the merged MCIDs).
pub enum Answer {
    TicketOpened(u64),
    TicketReplied(u64),
    TicketResolved(u64),
    Merged { from: String, into: String },
}

/// R14: a new ticket of the person.
pub fn open_ticket_in(
    session: Session,
    category: TicketCategory,
    description: String,
    lang: Lang,
) -> Job {
    Job::new(
        "OpenTicket",
        lang.tui_support_progress_open(),
        move |service| {
            service
                .open_ticket(&session, category, &description)
                .map(|t| Answer::TicketOpened(t.id))
                .map_err(|e| worded(service, &e, lang))
        },
    )
}

/// R14: a reply to ticket `id`.
pub fn reply_ticket_in(session: Session, id: u64, message: String, lang: Lang) -> Job {
    Job::new(
        "ReplyTicket",
        lang.tui_support_progress_reply(),
        move |service| {
            service
                .reply_ticket(&session, id, &message)
                .map(|t| Answer::TicketReplied(t.id))
                .map_err(|e| worded(service, &e, lang))
        },
    )
}

/// R14: support resolves ticket `id`.
pub fn resolve_ticket_in(session: Session, id: u64, lang: Lang) -> Job {
    Job::new(
        "ResolveTicket",
        lang.tui_support_progress_resolve(),
        move |service| {
            service
                .resolve_ticket(&session, id)
                .map(|t| Answer::TicketResolved(t.id))
                .map_err(|e| worded(service, &e, lang))
        },
    )
}

/// R15: merges the duplicate profile `from` into the primary `into`.
pub fn merge_in(session: Session, from: String, into: String, lang: Lang) -> Job {
    Job::new("Merge", lang.tui_support_progress_merge(), move |service| {
        service
            .merge_profiles(&session, &from, &into)
            .map(|()| Answer::Merged { from, into })
            .map_err(|e| worded(service, &e, lang))
    })
}

/// [`open_ticket_in`] for an English reader.
pub fn open_ticket(session: Session, category: TicketCategory, description: String) -> Job {
    open_ticket_in(session, category, description, Lang::En)
}

/// [`reply_ticket_in`] for an English reader.
pub fn reply_ticket(session: Session, id: u64, message: String) -> Job {
    reply_ticket_in(session, id, message, Lang::En)
}

/// [`resolve_ticket_in`] for an English reader.
pub fn resolve_ticket(session: Session, id: u64) -> Job {
    resolve_ticket_in(session, id, Lang::En)
}

/// [`merge_in`] for an English reader.
pub fn merge(session: Session, from: String, into: String) -> Job {
    merge_in(session, from, into, Lang::En)
}
