//! Reads that say what an act will cost before anyone acts (issue 15,
//! principles 1 and 7): may this person's MCID start an association now, and if
//! not from when (R9); and whether a sandbox's clock runs ahead of the machine's.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::store::Queries;
use certlink_domain::association_limit::{self, Allowance};
use certlink_domain::{Email, Mcid, Refusal};

use super::{Service, ServiceError, Session};

/// R9 for the MCID linked through this account now, else the one last
/// associated through it: what the associate and remove-access actions show
/// before they run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssociationOutlook {
    /// The MCID the allowance is about (`None`: this account never associated one).
    pub mcid: Option<Mcid>,
    /// That profile's sign-in email.
    pub profile_email: Option<Email>,
    /// True while the MCID is linked through this account.
    pub linked_now: bool,
    pub allowance: Allowance,
}

impl AssociationOutlook {
    /// From when the next association may start; `None`: it may start now.
    pub fn next_allowed(&self) -> Option<DateTime<Utc>> {
        self.allowance.next_allowed
    }

    /// The R9 refusal a new association of this MCID would meet now, in the
    /// domain's own words and with its date; `None` when R9 allows it.
    pub fn refusal(&self) -> Option<Refusal> {
        // The domain's one wording of it (the terminal app asks the same).
        self.allowance.refusal()
    }

    /// True when a link of the profile with `profile_email` would be refused by
    /// R9 now: it is this outlook's own MCID, not linked now (a link held now
    /// is refused by R4 first, in the domain's words), and R9 holds it back.
    pub fn refuses(&self, profile_email: &Email) -> Option<Refusal> {
        if self.linked_now || self.profile_email.as_ref() != Some(profile_email) {
            return None;
        }
        self.refusal()
    }
}

/// How far a sandbox clock may run ahead of the machine's before front ends
/// say so: `--now` moved it (principle 7), not a second of drift.
const CLOCK_AHEAD_NOTE: TimeDelta = TimeDelta::minutes(5);

impl Service {
    /// R9: may this person's MCID associate now, and if not from when. Only
    /// the person's own MCID (linked, or last associated through this
    /// account): another profile's history is not shown without its password
    /// (R8).
    pub fn association_outlook(
        &self,
        session: &Session,
    ) -> Result<AssociationOutlook, ServiceError> {
        let r = self.store.read()?;
        let now = self.now_after(r.last_event_at()?);
        let settings = r.settings()?;
        let (_, account) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let mcid = account.linked_mcid.or(account.last_mcid);
        let (mut profile_email, mut starts, mut linked_now) = (None, Vec::new(), false);
        if let Some(m) = mcid {
            profile_email = r.profile(m)?.map(|p| p.email);
            starts = r.association_starts(m)?;
            linked_now = account.linked_mcid == Some(m)
                && r.active_link(m)?.is_some_and(|l| l.account == account.id);
        }
        let allowance = association_limit::allowance(
            &starts,
            settings.association_limit,
            settings.cool_off_days,
            now,
        );
        Ok(AssociationOutlook {
            mcid,
            profile_email,
            linked_now,
            allowance,
        })
    }

    /// Principle 7: the instant a sandbox's commands run at, when it is ahead
    /// of this machine's clock (a `--now` moved it, and the clock never goes
    /// back, so every later command runs after it). `None` on real databases
    /// and on sandboxes in step with the machine.
    pub fn sandbox_clock_ahead(&self) -> Result<Option<DateTime<Utc>>, ServiceError> {
        self.sandbox_clock_ahead_of(Utc::now())
    }

    /// [`Service::sandbox_clock_ahead`] against a given machine time (tests).
    pub fn sandbox_clock_ahead_of(
        &self,
        machine_now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        if !self.sandbox {
            return Ok(None);
        }
        let now = self.now()?;
        Ok((now - machine_now > CLOCK_AHEAD_NOTE).then_some(now))
    }
}
