//! R14 support tickets: people open them; support engineers answer and resolve.
//! The permission rules are the domain's (`domain::tickets`; who reads a ticket
//! or the queue, `domain::permissions`).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::store::records::{TicketMessage, TicketRecord};
use crate::store::{AuditEntry, Queries};
use certlink_domain::permissions::Ticket;
use certlink_domain::tickets::{self, TicketCategory, TicketStatus};
use certlink_domain::{Actor, Email, MpnId, Refusal, may};

use super::{Inconsistency, InvalidInput, Service, ServiceError, Session, TicketPart, audit_actor};

/// A ticket as its reader sees it.
#[derive(Debug, Clone, Serialize)]
pub struct TicketView {
    pub id: u64,
    pub opened_by: Email,
    pub org: Option<MpnId>,
    pub category: TicketCategory,
    pub status: TicketStatus,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub messages: Vec<TicketMessageView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TicketMessageView {
    pub at: DateTime<Utc>,
    /// The author's email; support engineers show as "support".
    pub author: String,
    pub from_support: bool,
    pub text: String,
}

impl TicketView {
    fn of(t: &TicketRecord, opener: Email) -> TicketView {
        TicketView {
            id: t.id,
            opened_by: opener,
            org: t.org,
            category: t.category,
            status: t.status,
            opened_at: t.opened_at,
            updated_at: t.updated_at,
            messages: t
                .messages
                .iter()
                .map(|m| TicketMessageView {
                    at: m.at,
                    author: if m.from_support {
                        "support".into()
                    } else {
                        m.author_email.to_string()
                    },
                    from_support: m.from_support,
                    text: m.text.clone(),
                })
                .collect(),
        }
    }
}

impl Service {
    pub(super) fn ticket_view(
        &self,
        q: &impl Queries,
        t: &TicketRecord,
    ) -> Result<TicketView, ServiceError> {
        let opener = q
            .account(t.opened_by)?
            .map(|a| a.email)
            .ok_or(Inconsistency::TicketOpenerMissing)?;
        Ok(TicketView::of(t, opener))
    }

    /// R14: opens a ticket.
    pub fn open_ticket(
        &self,
        session: &Session,
        category: TicketCategory,
        description: &str,
    ) -> Result<TicketView, ServiceError> {
        let text = tickets::check_text(description).map_err(|why| InvalidInput::TicketText {
            part: TicketPart::Description,
            why,
        })?;
        let w = self.begin()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "ticket-open")),
        };
        let mut entry = AuditEntry::new(audit_actor(&me), "ticket-open");
        entry.account = Some(me.id);
        entry.org = me.org();
        if let Err(r) = tickets::may_open(&actor) {
            return Err(self.refuse(w, entry, r));
        }
        let id = w.next_id("ticket")?;
        let ticket = TicketRecord::opened(id, &me, category, text, w.now());
        w.put_ticket(&ticket)?;
        entry.detail = format!("ticket #{id} ({})", category.name());
        w.audit(entry)?;
        w.commit()?;
        Ok(TicketView::of(&ticket, me.email))
    }

    /// R14: a person's own tickets; for support engineers, the queue (open and
    /// waiting first, then recently resolved). The first `limit`; the CLI
    /// pages with [`Service::ticket_list_page`].
    pub fn tickets(
        &self,
        session: &Session,
        limit: usize,
    ) -> Result<Vec<TicketView>, ServiceError> {
        self.tickets_page(
            session,
            &super::TicketFilter::default(),
            super::TicketSeek::First,
            limit,
        )
    }

    /// R14: one ticket, for its opener or support.
    pub fn ticket(&self, session: &Session, id: u64) -> Result<TicketView, ServiceError> {
        let r = self.store.read()?;
        let (actor, _) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let t = r
            .ticket(id)?
            .ok_or(ServiceError::Refused(Refusal::NotFound {
                what: certlink_domain::Missing::Ticket,
            }))?;
        may(
            &actor,
            Ticket {
                opened_by: t.opened_by,
            },
        )?;
        self.ticket_view(&r, &t)
    }

    /// R14: adds a reply. Support replies wait on the user; the opener's reopen.
    pub fn reply_ticket(
        &self,
        session: &Session,
        id: u64,
        message: &str,
    ) -> Result<TicketView, ServiceError> {
        let text = tickets::check_text(message).map_err(|why| InvalidInput::TicketText {
            part: TicketPart::Message,
            why,
        })?;
        self.change_ticket(session, id, "ticket-reply", |actor, me, t| {
            let status = tickets::reply_status(actor, t.opened_by)?;
            t.status = status;
            t.messages.push(TicketMessage {
                at: t.updated_at,
                author: me.id,
                author_email: me.email.clone(),
                from_support: matches!(actor, Actor::Support { .. }),
                text: text.clone(),
            });
            Ok(())
        })
    }

    /// R14: support resolves a ticket.
    pub fn resolve_ticket(&self, session: &Session, id: u64) -> Result<TicketView, ServiceError> {
        self.change_ticket(session, id, "ticket-resolve", |actor, _, t| {
            may(
                actor,
                Ticket {
                    opened_by: t.opened_by,
                },
            )?;
            tickets::may_resolve(actor, t.status)?;
            t.status = TicketStatus::Resolved;
            Ok(())
        })
    }

    fn change_ticket(
        &self,
        session: &Session,
        id: u64,
        action: &'static str,
        change: impl FnOnce(
            &Actor,
            &crate::store::records::AccountRecord,
            &mut TicketRecord,
        ) -> Result<(), Refusal>,
    ) -> Result<TicketView, ServiceError> {
        let w = self.begin()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, action)),
        };
        let mut entry = AuditEntry::new(audit_actor(&me), action);
        entry.account = Some(me.id);
        entry.org = me.org();
        entry.detail = format!("ticket #{id}");
        let Some(mut ticket) = w.ticket(id)? else {
            return Err(self.refuse(
                w,
                entry,
                Refusal::NotFound {
                    what: certlink_domain::Missing::Ticket,
                },
            ));
        };
        ticket.updated_at = w.now();
        if let Err(r) = change(&actor, &me, &mut ticket) {
            return Err(self.refuse(w, entry, r));
        }
        w.put_ticket(&ticket)?;
        entry.detail = format!("ticket #{id}: {}", ticket.status.name());
        w.audit(entry)?;
        let view = self.ticket_view(&w, &ticket)?;
        w.commit()?;
        Ok(view)
    }
}
