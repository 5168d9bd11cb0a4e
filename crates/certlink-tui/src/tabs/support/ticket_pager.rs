//! How the Support tab's ticket list reads its tickets: the queue for
//! support engineers, a person's own otherwise (the service decides which),
//! a page at a time from `Service::tickets_page`, counted by
//! `Service::count_tickets`, both with the list's filter (R14; issue 15).

use certlink_core::service::{
    Service, ServiceError, Session, TicketFilter, TicketSeek, TicketView,
};

use crate::components::paged::{Pager, Seek};

pub struct TicketPager<'a> {
    service: &'a Service,
    session: &'a Session,
    filter: &'a TicketFilter,
    /// The support engineers' queue (oldest first in each status), else a
    /// person's own tickets (newest first).
    queue: bool,
}

impl<'a> TicketPager<'a> {
    pub fn new(
        service: &'a Service,
        session: &'a Session,
        filter: &'a TicketFilter,
        queue: bool,
    ) -> Self {
        TicketPager {
            service,
            session,
            filter,
            queue,
        }
    }
}

impl Pager for TicketPager<'_> {
    type Row = TicketView;

    fn counts(&self) -> Result<(usize, usize), ServiceError> {
        let all = self
            .service
            .count_tickets(self.session, &TicketFilter::default())?;
        let matching = if self.filter.is_empty() {
            all
        } else {
            self.service.count_tickets(self.session, self.filter)?
        };
        Ok((matching, all))
    }

    fn page(
        &self,
        seek: Seek<'_, TicketView>,
        limit: usize,
    ) -> Result<Vec<TicketView>, ServiceError> {
        let seek = match seek {
            Seek::First => TicketSeek::First,
            Seek::Last => TicketSeek::Last,
            Seek::After(t) => TicketSeek::After(t.status, t.id),
            Seek::Before(t) => TicketSeek::Before(t.status, t.id),
            // The row's place in its group, itself included: strictly after
            // the id below it in the queue; strictly after the id above it in
            // a person's newest-first list.
            Seek::From(t) if self.queue => match t.id.checked_sub(1) {
                Some(below) => TicketSeek::After(t.status, below),
                None => TicketSeek::First,
            },
            Seek::From(t) => TicketSeek::After(t.status, t.id.saturating_add(1)),
        };
        self.service
            .tickets_page(self.session, self.filter, seek, limit)
    }

    fn same(a: &TicketView, b: &TicketView) -> bool {
        a.id == b.id
    }
}
