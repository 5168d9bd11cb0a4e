//! The person's own commands: link and unlink a certification profile (R4–R9) and
//! Partner University access (R2). Only the signed-in person can run them (R8).

use crate::store::{AuditEntry, Queries};
use certlink_domain::decide::decide;
use certlink_domain::{Command, Email, EndReason, Event, PuUsername};

use super::moving::{LinkStep, Move};
use super::sign_in::throttle_keys;
use super::{Service, ServiceError, Session, audit_actor};

/// What a successful link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkOutcome {
    /// A new association with the person's organization.
    Linked,
    /// R6: the MCID moved here from another organization.
    Moved,
    /// R6: the link moved to this account from an older account of the same organization.
    TookOver,
}

impl Service {
    /// R4: links the certification profile whose credentials the person enters;
    /// a move (R6) goes ahead at once. Front ends that ask first use
    /// [`Service::link_asking_before_move`].
    pub fn link(
        &self,
        session: &Session,
        profile_email: &str,
        profile_password: &str,
    ) -> Result<LinkOutcome, ServiceError> {
        match self.link_step(session, profile_email, profile_password, Move::Go)? {
            LinkStep::Done(outcome) => Ok(outcome),
            LinkStep::ConfirmMove(_) => Err(super::Inconsistency::MoveAsked.into()),
        }
    }

    /// R4 with R6 asked first: a new link or a take-over is made at once; a
    /// move stops once its password checked, changes nothing but the R1
    /// throttle (the check) and the audit (`link-move-asked`), and answers
    /// what the move would do ([`MovePreview`]). The person confirms with
    /// [`Service::link`], which checks the password again.
    pub fn link_asking_before_move(
        &self,
        session: &Session,
        profile_email: &str,
        profile_password: &str,
    ) -> Result<LinkStep, ServiceError> {
        self.link_step(session, profile_email, profile_password, Move::Ask)
    }

    fn link_step(
        &self,
        session: &Session,
        profile_email: &str,
        profile_password: &str,
        moving: Move,
    ) -> Result<LinkStep, ServiceError> {
        let email: Email = profile_email.parse()?;
        let profile = self.store.read()?.profile_by_email(&email)?;
        let keys = throttle_keys(
            "profile",
            email.as_str(),
            &format!("account:{}", session.account.0),
        );
        // Held until the command has recorded its outcome (R1).
        let attempt = self.check_password(
            &keys,
            profile_password,
            profile.as_ref().map(|p| p.password_hash.as_str()),
        )?;
        let check = attempt.check;

        let w = self.begin()?;
        let settings = w.settings()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "link")),
        };
        self.record_check(&w, &keys, check)?;
        let mut entry = AuditEntry::new(audit_actor(&me), "link");
        entry.account = Some(me.id);
        entry.org = me.org();
        let facts = match w.profile_by_email(&email)? {
            Some(profile) => Some(w.profile_facts(profile.mcid)?),
            None => None,
        };
        entry.mcid = facts.as_ref().map(|f| f.mcid);
        let previous_org = facts.as_ref().and_then(|f| f.active_link).map(|l| l.org);
        let decision = decide(
            &actor,
            &Command::Link {
                me: me.facts(),
                profile: facts.clone(),
                credentials: check,
            },
            &settings,
            w.now(),
        );
        if let Ok(events) = &decision {
            entry.other_org = previous_org.filter(|o| Some(*o) != me.org());
            if moving == Move::Ask
                && outcome_of(events) == LinkOutcome::Moved
                && let Some(facts) = &facts
            {
                let preview = self.move_preview(&w, session, &me, facts, &settings, w.now())?;
                entry.action = "link-move-asked";
                entry.detail =
                    "a move from another organization, shown before it is made; nothing changed"
                        .into();
                w.audit(entry)?;
                w.commit()?;
                return Ok(LinkStep::ConfirmMove(preview));
            }
            entry.detail = describe_link(events);
        }
        let events = self.finish(w, decision, entry)?;
        Ok(LinkStep::Done(outcome_of(&events)))
    }

    /// R7: ends the person's own link; being signed in is proof enough.
    pub fn unlink(&self, session: &Session) -> Result<(), ServiceError> {
        let w = self.begin()?;
        let settings = w.settings()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "unlink")),
        };
        let link = match me.linked_mcid {
            Some(m) => w.active_link(m)?.map(|l| l.active()),
            None => None,
        };
        let mut entry = AuditEntry::new(audit_actor(&me), "unlink");
        entry.account = Some(me.id);
        entry.mcid = me.linked_mcid;
        entry.org = me.org();
        entry.detail = EndReason::RemovedByUser.name().into();
        let decision = decide(
            &actor,
            &Command::Unlink {
                me: me.facts(),
                link,
                mcid: me.linked_mcid,
            },
            &settings,
            w.now(),
        );
        self.finish(w, decision, entry)?;
        Ok(())
    }

    /// R2: associates the Partner University account whose credentials are entered.
    pub fn grant_pu(
        &self,
        session: &Session,
        username: &str,
        pu_password: &str,
    ) -> Result<(), ServiceError> {
        let username: PuUsername = username.parse()?;
        let pu = self.store.read()?.pu_account(&username)?;
        let keys = throttle_keys(
            "pu",
            username.as_str(),
            &format!("account:{}", session.account.0),
        );
        // Held until the command has recorded its outcome (R1).
        let attempt = self.check_password(
            &keys,
            pu_password,
            pu.as_ref().map(|p| p.password_hash.as_str()),
        )?;
        let check = attempt.check;

        let w = self.begin()?;
        let settings = w.settings()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "pu-grant")),
        };
        self.record_check(&w, &keys, check)?;
        let mut entry = AuditEntry::new(audit_actor(&me), "pu-grant");
        entry.account = Some(me.id);
        entry.org = me.org();
        let pu = w.pu_account(&username)?;
        let holder = match pu.as_ref().and_then(|p| p.holder) {
            Some(h) => w.account(h)?.map(|a| a.facts()),
            None => None,
        };
        if pu.is_some() {
            entry.detail = format!("Partner University account {username}");
        }
        let known = pu.is_some();
        let decision = decide(
            &actor,
            &Command::GrantPu {
                me: me.facts(),
                username,
                known,
                holder,
                credentials: check,
            },
            &settings,
            w.now(),
        );
        self.finish(w, decision, entry)?;
        Ok(())
    }

    /// R2: ends the person's Partner University access.
    pub fn remove_pu(&self, session: &Session) -> Result<(), ServiceError> {
        let w = self.begin()?;
        let settings = w.settings()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "pu-remove")),
        };
        let mut entry = AuditEntry::new(audit_actor(&me), "pu-remove");
        entry.account = Some(me.id);
        entry.org = me.org();
        if let Some(u) = &me.pu {
            entry.detail = format!("Partner University account {u}");
        }
        let decision = decide(
            &actor,
            &Command::RemovePu { me: me.facts() },
            &settings,
            w.now(),
        );
        self.finish(w, decision, entry)?;
        Ok(())
    }

    /// R4 shortcut: when the person's PU email is also a profile's sign-in email,
    /// the associate dialog offers it ("Use <email> to associate my Microsoft
    /// Learning account"). The password is still asked.
    pub fn profile_email_suggestion(
        &self,
        session: &Session,
    ) -> Result<Option<Email>, ServiceError> {
        let r = self.store.read()?;
        let Some(account) = r.account(session.account)? else {
            return Ok(None);
        };
        let Some(username) = account.pu else {
            return Ok(None);
        };
        let Some(pu) = r.pu_account(&username)? else {
            return Ok(None);
        };
        Ok(r.profile_by_email(&pu.email)?.map(|p| p.email))
    }
}

fn outcome_of(events: &[Event]) -> LinkOutcome {
    let ended = events.iter().find_map(|e| match e {
        Event::LinkEnded { reason, .. } => Some(*reason),
        _ => None,
    });
    match ended {
        Some(EndReason::Moved) => LinkOutcome::Moved,
        Some(EndReason::AccountReplaced) => LinkOutcome::TookOver,
        _ => LinkOutcome::Linked,
    }
}

/// Audit detail for a link; names no organization (the record's org fields do,
/// and are redacted per viewer: invariant 4).
fn describe_link(events: &[Event]) -> String {
    match outcome_of(events) {
        LinkOutcome::Linked => "new association".into(),
        LinkOutcome::Moved => "moved from another organization; new association".into(),
        LinkOutcome::TookOver => {
            "taken over from an older account of the same organization; not a new association"
                .into()
        }
    }
}
