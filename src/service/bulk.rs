//! Bulk loading for sandbox databases (`certlink demo --people N`): many people and
//! their histories in few transactions. Links still go through the domain's
//! decision function, so generated data obeys R4–R9 and every invariant; only the
//! per-command fsync and the password checks are skipped (the generator holds
//! every demo password, so each link is made "by the person"). Real databases
//! refuse it.

use chrono::{DateTime, Utc};

use crate::domain::decide::decide;
use crate::domain::skills::SkillRecord;
use crate::domain::{
    AccountId, AccountStatus, Actor, Command, CredentialCheck, Email, Mcid, MpnId, PuUsername,
    Roles,
};
use crate::store::records::{
    AccountKind, AccountRecord, AuditActor, OrgRecord, ProfileRecord, PuRecord,
};
use crate::store::{AuditEntry, Queries, Writer};

use super::{Service, ServiceError, audit_actor, password};

/// Operations per non-durable transaction.
const BATCH: usize = 20_000;

pub struct Bulk<'a> {
    service: &'a Service,
    writer: Option<Writer>,
    ops: usize,
    now: DateTime<Utc>,
    /// One hash for every generated password: hashing a million would take hours.
    account_hash: String,
    profile_hash: String,
    /// Links refused by a rule (R9 mostly), counted for the summary.
    pub refused_links: usize,
}

impl Service {
    /// Starts a bulk load at `start`. Sandbox only.
    pub fn bulk(
        &self,
        start: DateTime<Utc>,
        account_password: &str,
        profile_password: &str,
    ) -> Result<Bulk<'_>, ServiceError> {
        if !self.is_sandbox() {
            return Err(ServiceError::Invalid(
                "bulk generation is only for sandbox databases".into(),
            ));
        }
        let settings = self.settings()?;
        Ok(Bulk {
            service: self,
            writer: None,
            ops: 0,
            now: start,
            account_hash: password::hash(account_password, &settings)?,
            profile_hash: password::hash(profile_password, &settings)?,
            refused_links: 0,
        })
    }
}

impl Bulk<'_> {
    /// The open transaction, starting a new one (non-durable) when needed.
    fn w(&mut self) -> Result<&mut Writer, ServiceError> {
        if self.ops >= BATCH {
            if let Some(w) = self.writer.take() {
                w.commit()?;
            }
            self.ops = 0;
        }
        if self.writer.is_none() {
            let mut w = self.service.store.write(self.now)?;
            w.set_bulk()?;
            self.writer = Some(w);
        }
        self.ops += 1;
        let now = self.now;
        let w = self
            .writer
            .as_mut()
            .ok_or_else(|| ServiceError::Invalid("no transaction".into()))?;
        w.advance_to(now);
        Ok(w)
    }

    /// Later operations happen at `at` (never before the previous ones).
    pub fn at(&mut self, at: DateTime<Utc>) {
        self.now = self.now.max(at);
    }

    pub fn org(&mut self, mpn: MpnId, name: &str) -> Result<(), ServiceError> {
        let w = self.w()?;
        w.insert_org(&OrgRecord {
            mpn_id: mpn,
            name: name.into(),
            created_at: w.now(),
        })?;
        let mut entry = AuditEntry::new(AuditActor::Operator, "org-add");
        entry.org = Some(mpn);
        entry.detail = name.into();
        w.audit(entry)?;
        Ok(())
    }

    pub fn account(
        &mut self,
        org: MpnId,
        email: &Email,
        name: &str,
        roles: Roles,
    ) -> Result<AccountId, ServiceError> {
        self.any_account(AccountKind::Member { org }, email, name, roles)
    }

    pub fn support(&mut self, email: &Email, name: &str) -> Result<AccountId, ServiceError> {
        self.any_account(AccountKind::Support, email, name, Roles::USER)
    }

    fn any_account(
        &mut self,
        kind: AccountKind,
        email: &Email,
        name: &str,
        roles: Roles,
    ) -> Result<AccountId, ServiceError> {
        let hash = self.account_hash.clone();
        let w = self.w()?;
        if w.account_by_email(email)?.is_some() {
            return Err(ServiceError::Invalid(format!(
                "an account with email {email} already exists"
            )));
        }
        let id = AccountId(w.next_id("account")?);
        w.put_account(&AccountRecord {
            id,
            kind,
            email: email.clone(),
            name: name.into(),
            roles,
            status: AccountStatus::Active,
            password_hash: hash,
            must_change_password: false,
            created_at: w.now(),
            invited_at: None,
            deleted_at: None,
            pu: None,
            pu_since: None,
            linked_mcid: None,
            last_mcid: None,
        })?;
        Ok(id)
    }

    pub fn profile(&mut self, mcid: Mcid, email: &Email, name: &str) -> Result<(), ServiceError> {
        let hash = self.profile_hash.clone();
        let w = self.w()?;
        w.put_profile(&ProfileRecord {
            mcid,
            email: email.clone(),
            display_name: name.into(),
            password_hash: hash,
            created_at: w.now(),
            merged_into: None,
        })?;
        Ok(())
    }

    pub fn pu(&mut self, username: &PuUsername, email: &Email) -> Result<(), ServiceError> {
        let hash = self.profile_hash.clone();
        let w = self.w()?;
        w.put_pu(&PuRecord {
            username: username.clone(),
            email: email.clone(),
            password_hash: hash,
            holder: None,
            created_at: w.now(),
        })?;
        Ok(())
    }

    /// The person of `account` links `mcid`, decided by the domain (R4–R9) and
    /// audited; a refusal changes nothing and is counted.
    pub fn link(&mut self, account: AccountId, mcid: Mcid) -> Result<bool, ServiceError> {
        let w = self.w()?;
        let settings = w.settings()?;
        let me = w
            .account(account)?
            .ok_or_else(|| ServiceError::Invalid(format!("no account {account}")))?;
        let Some(org) = me.org() else {
            return Ok(false);
        };
        let actor = Actor::Member {
            account,
            org,
            roles: me.roles,
        };
        let facts = w.profile_facts(mcid)?;
        let previous_org = facts.active_link.map(|l| l.org).filter(|o| *o != org);
        let command = Command::Link {
            me: me.facts(),
            profile: Some(facts),
            credentials: CredentialCheck::Verified,
        };
        match decide(&actor, &command, &settings, w.now()) {
            Ok(events) => {
                let mut entry = AuditEntry::new(audit_actor(&me), "link");
                entry.account = Some(account);
                entry.org = Some(org);
                entry.other_org = previous_org;
                entry.mcid = Some(mcid);
                entry.detail = "generated".into();
                w.apply_and_audit(&events, entry)?;
                Ok(true)
            }
            Err(_) => {
                self.refused_links += 1;
                Ok(false)
            }
        }
    }

    /// The person of `account` removes access (R7).
    pub fn unlink(&mut self, account: AccountId) -> Result<(), ServiceError> {
        let w = self.w()?;
        let settings = w.settings()?;
        let me = w
            .account(account)?
            .ok_or_else(|| ServiceError::Invalid(format!("no account {account}")))?;
        let Some(org) = me.org() else { return Ok(()) };
        let link = match me.linked_mcid {
            Some(m) => w.active_link(m)?.map(|l| l.active()),
            None => None,
        };
        let command = Command::Unlink {
            me: me.facts(),
            link,
            mcid: me.linked_mcid,
        };
        if let Ok(events) = decide(
            &Actor::Member {
                account,
                org,
                roles: me.roles,
            },
            &command,
            &settings,
            w.now(),
        ) {
            let mut entry = AuditEntry::new(audit_actor(&me), "unlink");
            entry.account = Some(account);
            entry.org = Some(org);
            entry.mcid = me.linked_mcid;
            w.apply_and_audit(&events, entry)?;
        }
        Ok(())
    }

    /// The person of `account` gets PU access with `username` (R2).
    pub fn grant_pu(
        &mut self,
        account: AccountId,
        username: &PuUsername,
    ) -> Result<(), ServiceError> {
        let w = self.w()?;
        let settings = w.settings()?;
        let me = w
            .account(account)?
            .ok_or_else(|| ServiceError::Invalid(format!("no account {account}")))?;
        let Some(org) = me.org() else { return Ok(()) };
        let pu = w.pu_account(username)?;
        let holder = match pu.as_ref().and_then(|p| p.holder) {
            Some(h) => w.account(h)?.map(|a| a.facts()),
            None => None,
        };
        let command = Command::GrantPu {
            me: me.facts(),
            username: username.clone(),
            known: pu.is_some(),
            holder,
            credentials: CredentialCheck::Verified,
        };
        if let Ok(events) = decide(
            &Actor::Member {
                account,
                org,
                roles: me.roles,
            },
            &command,
            &settings,
            w.now(),
        ) {
            let mut entry = AuditEntry::new(audit_actor(&me), "pu-grant");
            entry.account = Some(account);
            entry.org = Some(org);
            w.apply_and_audit(&events, entry)?;
        }
        Ok(())
    }

    pub fn skill(&mut self, record: &SkillRecord) -> Result<(), ServiceError> {
        let w = self.w()?;
        w.insert_skill(record)?;
        Ok(())
    }

    /// Ends the load with one durable commit.
    pub fn finish(mut self) -> Result<(), ServiceError> {
        let w = match self.writer.take() {
            Some(w) => w,
            None => self.service.store.write(self.now)?,
        };
        let mut entry = AuditEntry::new(AuditActor::Operator, "generate");
        entry.detail = format!("bulk load; {} links refused by R9", self.refused_links);
        w.audit(entry)?;
        w.commit()?;
        // The batches committed without fsync; one durable commit (redb's default
        // for a new write transaction) makes all of them durable.
        self.service.store.write(self.now)?.commit()?;
        Ok(())
    }
}
