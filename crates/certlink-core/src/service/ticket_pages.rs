//! The ticket lists at scale (R14, issue 15 principle 6): the support
//! engineers' queue (open, then waiting on the user, then resolved, oldest
//! first in each) or a person's own tickets (newest first), a page at a
//! time from any point, narrowed by a filter the store applies, with their
//! count. No list stops silently at a fixed number of tickets.

use crate::store::records::TicketRecord;
use crate::store::tables::{TICKETS_BY_OPENER, TICKETS_BY_STATUS};
use crate::store::{ListSeek, Queries, TicketListing};
use certlink_domain::limits;
use certlink_domain::permissions::SupportDesk;
use certlink_domain::tickets::TicketStatus;
use certlink_domain::{Actor, may};

use super::{InvalidInput, Service, ServiceError, Session, TicketView};

/// Where a page of tickets starts: a row is named by its status as read
/// and its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketSeek {
    First,
    After(TicketStatus, u64),
    Before(TicketStatus, u64),
    Last,
}

/// Text that narrows a ticket list: tickets whose number ("#12"), status,
/// category, opener's email or any message contains it, in any case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketFilter {
    lowered: String,
}

impl TicketFilter {
    /// Refuses a text longer than [`limits::LIST_FILTER`] before any read.
    pub fn new(text: &str) -> Result<TicketFilter, ServiceError> {
        let text = text.trim();
        limits::check_chars("the filter", text, limits::LIST_FILTER)
            .map_err(InvalidInput::OutOfLimits)?;
        Ok(TicketFilter {
            lowered: text.to_lowercase(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.lowered.is_empty()
    }

    fn keeps(&self, t: &TicketRecord, opener: Option<&str>) -> bool {
        let f = self.lowered.as_str();
        format!("#{}", t.id).contains(f)
            || t.status.name().contains(f)
            || t.category.title().to_lowercase().contains(f)
            || opener.is_some_and(|e| e.contains(f))
            || t.messages.iter().any(|m| m.text.to_lowercase().contains(f))
    }
}

/// The reader's listing: the queue for whoever may read it, else their own.
fn listing_of(actor: &Actor, me: certlink_domain::AccountId) -> TicketListing {
    match may(actor, SupportDesk::TicketQueue) {
        Ok(()) => TicketListing {
            index: TICKETS_BY_STATUS,
            groups: TicketStatus::ALL
                .iter()
                .map(|s| u64::from(s.code()))
                .collect(),
            newest_first: false,
        },
        Err(_) => TicketListing {
            index: TICKETS_BY_OPENER,
            groups: vec![me.0],
            newest_first: true,
        },
    }
}

/// The group a row was read in: its status in the queue, the only one else.
fn group_of(listing: &TicketListing, status: TicketStatus) -> usize {
    if listing.groups.len() == 1 {
        return 0;
    }
    TicketStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0)
}

impl Service {
    /// A page of the reader's ticket list (R14) matching `filter`, at most
    /// `limit`, in list order, from `seek`.
    pub fn tickets_page(
        &self,
        session: &Session,
        filter: &TicketFilter,
        seek: TicketSeek,
        limit: usize,
    ) -> Result<Vec<TicketView>, ServiceError> {
        let r = self.store.read()?;
        let (actor, me) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let listing = listing_of(&actor, me.id);
        let seek = match seek {
            TicketSeek::First => ListSeek::First,
            TicketSeek::Last => ListSeek::Last,
            TicketSeek::After(status, id) => ListSeek::After {
                group: group_of(&listing, status),
                id,
            },
            TicketSeek::Before(status, id) => ListSeek::Before {
                group: group_of(&listing, status),
                id,
            },
        };
        let keep = |t: &TicketRecord| {
            filter.is_empty() || {
                let opener = r.account(t.opened_by).ok().flatten().map(|a| a.email);
                filter.keeps(t, opener.as_ref().map(|e| e.as_str()))
            }
        };
        r.tickets_listed(&listing, seek, limit, &keep)?
            .iter()
            .map(|(_, t)| self.ticket_view(&r, t))
            .collect()
    }

    /// How many tickets the reader's list has matching `filter`. Without a
    /// filter only the index is counted.
    pub fn count_tickets(
        &self,
        session: &Session,
        filter: &TicketFilter,
    ) -> Result<usize, ServiceError> {
        let r = self.store.read()?;
        let (actor, me) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let listing = listing_of(&actor, me.id);
        let keep = |t: &TicketRecord| {
            let opener = r.account(t.opened_by).ok().flatten().map(|a| a.email);
            filter.keeps(t, opener.as_ref().map(|e| e.as_str()))
        };
        let keep: Option<&dyn Fn(&TicketRecord) -> bool> =
            if filter.is_empty() { None } else { Some(&keep) };
        Ok(r.count_tickets_listed(&listing, keep)?)
    }

    /// R14: the queue's tickets of one status (support engineers): the
    /// index's keys counted, no ticket read.
    pub fn count_queue(
        &self,
        session: &Session,
        status: TicketStatus,
    ) -> Result<usize, ServiceError> {
        let r = self.store.read()?;
        self.may(&r, session, SupportDesk::TicketQueue)?;
        let listing = TicketListing {
            index: TICKETS_BY_STATUS,
            groups: vec![u64::from(status.code())],
            newest_first: false,
        };
        Ok(r.count_tickets_listed(&listing, None)?)
    }
}
