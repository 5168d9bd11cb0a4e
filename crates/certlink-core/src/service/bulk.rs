//! Bulk loading for sandbox databases (`certlink demo --people N`): many people and
//! their histories in few transactions. Links still go through the domain's
//! decision function, so generated data obeys R4–R9 and every invariant; only the
//! per-command fsync and the password checks are skipped (the generator holds
//! every demo password, so each link is made "by the person"). Real databases
//! refuse it. Support tickets (R14) are opened, answered and resolved through the
//! domain's ticket rules and the Writer's `put_ticket`, as the service's ticket
//! commands do, so their opener and status indexes are the same.

use chrono::{DateTime, Utc};

use crate::store::records::{
    AccountKind, AccountRecord, AuditActor, OrgRecord, ProfileRecord, PuRecord, TicketMessage,
    TicketRecord,
};
use crate::store::{AuditEntry, Queries, Writer};
use certlink_domain::decide::decide;
use certlink_domain::domains::{check_add_domain, check_email_in_domains};
use certlink_domain::permissions::{Ticket, may};
use certlink_domain::skills::SkillRecord;
use certlink_domain::tickets::{self, TicketCategory, TicketStatus};
use certlink_domain::{
    AccountId, AccountStatus, Actor, Command, CredentialCheck, Domain, DomainOwner, Email, Mcid,
    MpnId, PuUsername, Refusal, Roles, Settings,
};

use super::{
    AlreadyExists, Inconsistency, InvalidInput, NotFound, Service, ServiceError, TicketPart,
    audit_actor, password,
};

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
    /// R13a: the domains given so far, by owner (every account is checked
    /// against them, as `create_account` checks against the store).
    domains: std::collections::BTreeMap<DomainOwner, Vec<Domain>>,
    /// The sandbox's settings, read once: a load changes none of them.
    settings: std::sync::Arc<Settings>,
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
            return Err(InvalidInput::BulkOnlyOnSandbox.into());
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
            domains: Default::default(),
            settings: std::sync::Arc::new(settings),
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
            let mut w = self.service.store.write_alone(self.now)?;
            w.set_bulk()?;
            self.writer = Some(w);
        }
        self.ops += 1;
        let now = self.now;
        let w = self.writer.as_mut().ok_or(Inconsistency::NoTransaction)?;
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

    /// R13a: gives `domain` to `owner`, audited as `admin org domain add` is.
    pub fn domain(&mut self, owner: DomainOwner, domain: &Domain) -> Result<(), ServiceError> {
        let w = self.w()?;
        let held = w.domains_of(owner)?.len();
        check_add_domain(domain, owner, w.domain_owner(domain)?, held)?;
        w.add_domain(owner, domain)?;
        w.audit(super::domains::domain_entry("domain-add", owner, domain))?;
        self.domains.entry(owner).or_default().push(domain.clone());
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

    /// A support engineer with their own `password` (hashed once), audited as the
    /// operator's `account-add` is: support engineers sign in to the sandbox.
    pub fn support(
        &mut self,
        email: &Email,
        name: &str,
        password: &str,
    ) -> Result<AccountId, ServiceError> {
        password::check_new(password)?;
        let hash = password::hash(password, &self.service.settings()?)?;
        let id = self.any_account(AccountKind::Support, email, name, Roles::USER)?;
        let w = self.w()?;
        let mut record = w.account(id)?.ok_or(NotFound::Account(id))?;
        record.password_hash = hash;
        w.put_account(&record)?;
        let mut entry = AuditEntry::new(AuditActor::Operator, "account-add");
        entry.account = Some(id);
        entry.detail = format!(
            "support engineer {email} ({})",
            record.roles.names().join(", ")
        );
        w.audit(entry)?;
        Ok(id)
    }

    fn any_account(
        &mut self,
        kind: AccountKind,
        email: &Email,
        name: &str,
        roles: Roles,
    ) -> Result<AccountId, ServiceError> {
        let owner = match kind {
            AccountKind::Member { org } => DomainOwner::Org(org),
            AccountKind::Support => DomainOwner::Support,
        };
        let domains = self.domains.get(&owner).map_or(&[][..], Vec::as_slice);
        check_email_in_domains(email, owner, domains)?;
        let hash = self.account_hash.clone();
        let w = self.w()?;
        let id = AccountId(w.next_id("account")?);
        let created = w.create_account(&AccountRecord {
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
        if !created {
            return Err(AlreadyExists::AccountWithEmail(email.clone()).into());
        }
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
        let settings = self.settings.clone();
        let w = self.w()?;
        let me = w.account(account)?.ok_or(NotFound::Account(account))?;
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
        let settings = self.settings.clone();
        let w = self.w()?;
        let me = w.account(account)?.ok_or(NotFound::Account(account))?;
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
        let settings = self.settings.clone();
        let w = self.w()?;
        let me = w.account(account)?.ok_or(NotFound::Account(account))?;
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

    /// R14: the person of `account` opens a ticket, as `Service::open_ticket` does
    /// (domain check, record with its opener and status indexes, `ticket-open`
    /// audit). Returns the ticket's id.
    pub fn ticket(
        &mut self,
        account: AccountId,
        category: TicketCategory,
        description: &str,
    ) -> Result<u64, ServiceError> {
        let text = tickets::check_text(description).map_err(|why| InvalidInput::TicketText {
            part: TicketPart::Description,
            why,
        })?;
        let w = self.w()?;
        let (actor, me) = bulk_actor(w, account)?;
        tickets::may_open(&actor).map_err(ServiceError::Refused)?;
        let id = w.next_id("ticket")?;
        w.put_ticket(&TicketRecord::opened(id, &me, category, text, w.now()))?;
        let mut entry = AuditEntry::new(audit_actor(&me), "ticket-open");
        entry.account = Some(me.id);
        entry.org = me.org();
        entry.detail = format!("ticket #{id} ({})", category.name());
        w.audit(entry)?;
        Ok(id)
    }

    /// R14: `author` (the opener or a support engineer) answers ticket `id`, as
    /// `Service::reply_ticket` does: a support reply waits on the user, the
    /// opener's reopens.
    pub fn ticket_reply(
        &mut self,
        id: u64,
        author: AccountId,
        message: &str,
    ) -> Result<(), ServiceError> {
        let text = tickets::check_text(message).map_err(|why| InvalidInput::TicketText {
            part: TicketPart::Message,
            why,
        })?;
        self.change_ticket(id, author, "ticket-reply", |actor, me, t| {
            t.status = tickets::reply_status(actor, t.opened_by)?;
            t.messages.push(TicketMessage {
                at: t.updated_at,
                author: me.id,
                author_email: me.email.clone(),
                from_support: matches!(actor, Actor::Support { .. }),
                text,
            });
            Ok(())
        })
    }

    /// R14: support engineer `by` resolves ticket `id`, as `Service::resolve_ticket`.
    pub fn ticket_resolve(&mut self, id: u64, by: AccountId) -> Result<(), ServiceError> {
        self.change_ticket(id, by, "ticket-resolve", |actor, _, t| {
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

    /// One audited change of a ticket; a refusal is an error here (the generator
    /// only makes allowed changes).
    fn change_ticket(
        &mut self,
        id: u64,
        account: AccountId,
        action: &'static str,
        change: impl FnOnce(&Actor, &AccountRecord, &mut TicketRecord) -> Result<(), Refusal>,
    ) -> Result<(), ServiceError> {
        let w = self.w()?;
        let (actor, me) = bulk_actor(w, account)?;
        let mut ticket = w.ticket(id)?.ok_or(NotFound::Ticket(id))?;
        ticket.updated_at = w.now();
        change(&actor, &me, &mut ticket).map_err(ServiceError::Refused)?;
        w.put_ticket(&ticket)?;
        let mut entry = AuditEntry::new(audit_actor(&me), action);
        entry.account = Some(me.id);
        entry.org = me.org();
        entry.detail = format!("ticket #{id}: {}", ticket.status.name());
        w.audit(entry)?;
        Ok(())
    }

    /// Ends the load with one durable commit.
    pub fn finish(mut self) -> Result<(), ServiceError> {
        let w = match self.writer.take() {
            Some(w) => w,
            None => self.service.store.write_alone(self.now)?,
        };
        let mut entry = AuditEntry::new(AuditActor::Operator, "generate");
        entry.detail = format!("bulk load; {} links refused by R9", self.refused_links);
        w.audit(entry)?;
        // The batches left the report table to the end of the load (R10).
        w.rebuild_report()?;
        w.commit()?;
        // The batches committed without fsync; one durable commit (redb's default
        // for a new write transaction) makes all of them durable.
        self.service.store.write_alone(self.now)?.commit()?;
        Ok(())
    }
}

/// The actor of a generated command: the person of `account` (every generated
/// password is known to the generator, so no sign-in is needed).
fn bulk_actor(w: &Writer, account: AccountId) -> Result<(Actor, AccountRecord), ServiceError> {
    let me = w.account(account)?.ok_or(NotFound::Account(account))?;
    Ok((Actor::of_account(account, me.org(), me.roles), me))
}
