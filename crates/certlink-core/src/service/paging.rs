//! Lists a page at a time, with where the next page starts (issue 15,
//! principle 6): a front end never stops at a limit without knowing, and
//! saying, that more rows remain. Each page reads at most one row past its
//! limit, never the whole table.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::store::Queries;
use crate::store::records::AuditRecord;
use certlink_domain::permissions::{History, HistoryReach, SupportDesk};
use certlink_domain::tickets::TicketStatus;
use certlink_domain::{Refusal, may};

use super::views::{AuditView, HistoryTarget};
use super::{InvalidInput, Service, ServiceError, Session, TicketFilter, TicketSeek, TicketView};

/// The most rows one page holds, whatever a client asks (bounded before any work).
pub const MAX_PAGE: usize = 1000;

/// Where the next page of tickets starts. A person's own tickets run newest
/// first by number; support's queue runs by status (open, waiting on the
/// user, resolved), oldest first within each, so its position names both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketCursor {
    pub status: Option<TicketStatus>,
    pub id: u64,
}

impl fmt::Display for TicketCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(s) => write!(f, "{}-{}", s.code(), self.id),
            None => write!(f, "{}", self.id),
        }
    }
}

impl Serialize for TicketCursor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for TicketCursor {
    type Err = InvalidInput;
    fn from_str(text: &str) -> Result<Self, InvalidInput> {
        let bad = || InvalidInput::BadCursor(text.chars().take(40).collect());
        let (status, id) = match text.split_once('-') {
            Some((code, id)) => {
                let code: u8 = code.parse().map_err(|_| bad())?;
                let status = TicketStatus::ALL
                    .into_iter()
                    .find(|s| s.code() == code)
                    .ok_or_else(bad)?;
                (Some(status), id)
            }
            None => (None, text),
        };
        Ok(TicketCursor {
            status,
            id: id.parse().map_err(|_| bad())?,
        })
    }
}

/// One page of tickets and where the next starts (`None`: this is the last).
#[derive(Debug, Clone, Serialize)]
pub struct TicketPage {
    pub tickets: Vec<TicketView>,
    pub next_after: Option<TicketCursor>,
}

/// One page of an audit trail, newest first, and the `seq` to continue after
/// (`None`: this is the last).
#[derive(Debug, Clone, Serialize)]
pub struct HistoryPage {
    pub entries: Vec<AuditView>,
    pub next_after: Option<u64>,
}

fn check_page(limit: usize) -> Result<(), ServiceError> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(InvalidInput::PageSize { max: MAX_PAGE }.into());
    }
    Ok(())
}

/// Keeps `limit` rows and says whether one more was read.
fn split_page<T>(mut rows: Vec<T>, limit: usize) -> (Vec<T>, bool) {
    let more = rows.len() > limit;
    rows.truncate(limit);
    (rows, more)
}

impl Service {
    /// R14: a page of the person's own tickets, or of support's queue, after
    /// `after` (the previous page's `next_after`): the terminal app's list
    /// read ([`Service::tickets_page`]) one row past the page, unfiltered.
    pub fn ticket_list_page(
        &self,
        session: &Session,
        after: Option<TicketCursor>,
        limit: usize,
    ) -> Result<TicketPage, ServiceError> {
        check_page(limit)?;
        let seek = match after {
            // A person's own list has one group: any status names it.
            Some(c) => TicketSeek::After(c.status.unwrap_or(TicketStatus::Open), c.id),
            None => TicketSeek::First,
        };
        let r = self.store.read()?;
        let (actor, _) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let queue = may(&actor, SupportDesk::TicketQueue).is_ok();
        drop(r);
        let rows = self.tickets_page(
            session,
            &TicketFilter::default(),
            seek,
            limit.saturating_add(1),
        )?;
        let (tickets, more) = split_page(rows, limit);
        let next_after = match (more, tickets.last()) {
            (true, Some(last)) => Some(TicketCursor {
                status: queue.then_some(last.status),
                id: last.id,
            }),
            _ => None,
        };
        Ok(TicketPage {
            tickets,
            next_after,
        })
    }

    /// R16: a page of the audit trail of an MCID or an account, newest first,
    /// strictly older than entry `after`, as this person may see it. An MCID
    /// or account certlink does not know is not found (never an empty page).
    pub fn history_page(
        &self,
        session: &Session,
        target: &HistoryTarget,
        after: Option<u64>,
        limit: usize,
    ) -> Result<HistoryPage, ServiceError> {
        check_page(limit)?;
        let r = self.store.read()?;
        let (actor, me) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let (reach, trail) = match target {
            HistoryTarget::Account(email) => {
                let target = r.account_by_email(email)?.ok_or_else(|| {
                    not_found(certlink_domain::Missing::Account {
                        email: email.to_string(),
                    })
                })?;
                let view = History::Account {
                    id: target.id,
                    org: target.org(),
                    email,
                };
                (may(&actor, view)?, Trail::Account(target.id))
            }
            HistoryTarget::Mcid(asked) => {
                let mcid = super::views::trail_holder(&r, *asked)?;
                let own = me.linked_mcid == Some(mcid) || me.last_mcid == Some(mcid);
                (may(&actor, History::Mcid { own })?, Trail::Mcid(mcid))
            }
        };
        let read = limit.saturating_add(1);
        let (records, more) = match reach {
            HistoryReach::Everything | HistoryReach::HidingOtherOrgs(_) => {
                split_page(trail.read(&r, after, read)?, limit)
            }
            // Only entries that concern this organization: one MCID's or one
            // account's trail, filtered (never a whole table).
            HistoryReach::ConcerningOrg(org) => split_page(
                trail
                    .read(&r, after, usize::MAX)?
                    .into_iter()
                    .filter(|a| a.org == Some(org) || a.other_org == Some(org))
                    .take(read)
                    .collect(),
                limit,
            ),
        };
        if records.is_empty() && after.is_none() {
            trail.must_exist(&r)?;
        }
        Ok(page_of(records, more, reach.viewer_org()))
    }

    /// The operator's page of the trail (local only: file access reads all).
    pub fn operator_history_page(
        &self,
        target: &HistoryTarget,
        after: Option<u64>,
        limit: usize,
    ) -> Result<HistoryPage, ServiceError> {
        check_page(limit)?;
        let r = self.store.read()?;
        let trail = match target {
            HistoryTarget::Mcid(m) => Trail::Mcid(super::views::trail_holder(&r, *m)?),
            HistoryTarget::Account(email) => Trail::Account(
                r.account_by_email(email)?
                    .ok_or_else(|| {
                        not_found(certlink_domain::Missing::Account {
                            email: email.to_string(),
                        })
                    })?
                    .id,
            ),
        };
        let (records, more) = split_page(trail.read(&r, after, limit.saturating_add(1))?, limit);
        if records.is_empty() && after.is_none() {
            trail.must_exist(&r)?;
        }
        Ok(page_of(records, more, None))
    }
}

fn not_found(what: certlink_domain::Missing) -> ServiceError {
    ServiceError::Refused(Refusal::NotFound { what })
}

fn page_of(
    records: Vec<AuditRecord>,
    more: bool,
    viewer_org: Option<certlink_domain::MpnId>,
) -> HistoryPage {
    let next_after = if more {
        records.last().map(|a| a.seq)
    } else {
        None
    };
    HistoryPage {
        entries: records
            .iter()
            .map(|a| AuditView::from_record(a, viewer_org))
            .collect(),
        next_after,
    }
}

/// The trail a history read walks, once its target is found.
#[derive(Debug, Clone, Copy)]
enum Trail {
    Account(certlink_domain::AccountId),
    Mcid(certlink_domain::Mcid),
}

impl Trail {
    fn read(
        self,
        r: &impl Queries,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<AuditRecord>, ServiceError> {
        Ok(match self {
            Trail::Account(id) => r.audit_of_account(id, after, limit)?,
            Trail::Mcid(mcid) => r.audit_of_mcid(mcid, after, limit)?,
        })
    }

    /// An MCID with no trail and no profile is one certlink never knew
    /// (principle 9: "not found", not an empty table).
    fn must_exist(self, r: &impl Queries) -> Result<(), ServiceError> {
        match self {
            Trail::Mcid(mcid) if r.profile(mcid)?.is_none() => {
                Err(not_found(certlink_domain::Missing::CertificationProfile {
                    mcid,
                }))
            }
            _ => Ok(()),
        }
    }
}
