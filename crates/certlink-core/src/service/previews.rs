//! What a destructive command will do, read before it runs (issue 15,
//! principles 1, 3 and 9): the same facts and the same domain decision as the
//! command, on a read snapshot, so a front end can show the cost, or the
//! refusal (not found, not permitted, the last Global Admin), before it asks
//! for a confirmation. Nothing is written or audited: the act itself is.

use serde::Serialize;

use crate::store::Queries;
use certlink_domain::decide::decide;
use certlink_domain::designations::ScoreChange;
use certlink_domain::{Command, Email, Mcid};

use super::{Service, ServiceError, Session};

/// R12: the account a deletion would end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeletionPreview {
    pub email: Email,
    pub name: String,
    /// Stays linked, flagged in the skills report, until removed from it.
    pub linked_mcid: Option<Mcid>,
    /// Ends with the account (R2).
    pub pu_access: bool,
    /// What the person leaving the report does to the organization's
    /// Solutions Partner designation scores, once their MCID is removed from
    /// it (R12); empty for a reader who may not see the scores.
    pub designations: Vec<ScoreChange>,
}

/// R12: the link a removal from the report would end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovalPreview {
    pub mcid: Mcid,
    /// The departed holder's email, when the link is the organization's.
    pub holder_email: Option<Email>,
    pub holder_name: Option<String>,
    /// What the removal does to the organization's Solutions Partner
    /// designation scores; empty for a reader who may not see them.
    pub designations: Vec<ScoreChange>,
}

impl Service {
    /// R12: what `delete_account` would do, or the refusal it would meet.
    pub fn delete_account_preview(
        &self,
        session: &Session,
        email: &str,
    ) -> Result<DeletionPreview, ServiceError> {
        let email: Email = email.parse()?;
        let r = self.store.read()?;
        let now = self.now_after(r.last_event_at()?);
        let (actor, me) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let target = self
            .account_in_my_org(&r, &me, &email)?
            .map_err(ServiceError::Refused)?;
        let others = self.other_active_global_admins(&r, &target)?;
        decide(
            &actor,
            &Command::DeleteAccount {
                target: target.facts(),
                other_active_global_admins: others,
            },
            &r.settings()?,
            now,
        )?;
        let designations = match target.linked_mcid {
            Some(_) => self.departure_changes(&r, session, target.id)?,
            None => Vec::new(),
        };
        Ok(DeletionPreview {
            designations,
            email: target.email,
            name: target.name,
            linked_mcid: target.linked_mcid,
            pu_access: target.pu.is_some(),
        })
    }

    /// R12: what `remove_from_report` would do, or the refusal it would meet.
    pub fn remove_from_report_preview(
        &self,
        session: &Session,
        mcid: &str,
    ) -> Result<RemovalPreview, ServiceError> {
        let mcid: Mcid = mcid.parse()?;
        let r = self.store.read()?;
        let now = self.now_after(r.last_event_at()?);
        let (actor, me) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let link = r.active_link(mcid)?;
        let holder = match &link {
            Some(l) => r.account(l.account)?,
            None => None,
        };
        decide(
            &actor,
            &Command::RemoveFromReport {
                mcid,
                link: link.as_ref().map(|l| l.active()),
                holder: holder.as_ref().map(|h| h.facts()),
            },
            &r.settings()?,
            now,
        )?;
        // Allowed only for this organization's link: its holder may be named.
        let ours = link.is_some_and(|l| Some(l.org) == me.org());
        let holder = holder.filter(|_| ours);
        let designations = match &holder {
            Some(h) => self.departure_changes(&r, session, h.id)?,
            None => Vec::new(),
        };
        Ok(RemovalPreview {
            designations,
            mcid,
            holder_email: holder.as_ref().map(|h| h.email.clone()),
            holder_name: holder.map(|h| h.name),
        })
    }
}
