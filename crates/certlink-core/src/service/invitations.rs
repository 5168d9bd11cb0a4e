//! R13 provisioning: a Global Admin invites a work email; a temporary password is
//! shown once to the admin and goes to the invitee through the outbox; the person
//! must set a new password at first sign-in. If there is no answer, the admin
//! corrects the email and resends (the old details stop working).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::store::records::{AccountKind, AccountRecord};
use crate::store::{AuditEntry, Queries};
use certlink_domain::decide::{check_invite, check_resend};
use certlink_domain::limits;
use certlink_domain::permissions::{AccountAction, OrgView};
use certlink_domain::{AccountId, AccountStatus, DomainOwner, Email, Refusal, Roles};

use super::{AlreadyExists, InvalidInput, Service, ServiceError, Session, audit_actor, password};

/// What an invitation or a resend produced. The temporary password is shown once.
#[derive(Debug, Clone, Serialize)]
pub struct Invitation {
    pub email: Email,
    pub name: String,
    pub temporary_password: String,
    /// Where the sign-in details went, or why they could not be queued.
    pub delivery: Delivery,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub enum Delivery {
    /// Queued in the outbox. Its message id is the operator's (`outbox
    /// list`): it names the server's process and host, which the inviting
    /// admin has no need to see (issue 13).
    Queued,
    /// No outbox (an in-memory database): give the details to the person yourself.
    NoOutbox,
    /// The outbox refused the message: give the details yourself, or resend.
    Failed(String),
}

/// One account in the Users tab / `user list`.
#[derive(Debug, Clone, Serialize)]
pub struct UserListRow {
    /// For paging (`after`).
    pub id: AccountId,
    pub email: Email,
    pub name: String,
    pub status: AccountStatus,
    pub roles: Vec<&'static str>,
    pub pu_access: bool,
    pub linked_mcid: Option<certlink_domain::Mcid>,
    /// R13: for invited accounts, when the latest details went out.
    pub invited_at: Option<DateTime<Utc>>,
    /// What the reader can do with the account (R12, R13, R17), in order:
    /// `domain::permissions::account_actions`. Not part of the output.
    #[serde(skip)]
    pub offers: Vec<AccountAction>,
}

impl Service {
    /// Every account of the Global Admin's organization, a page at a time.
    pub fn list_users(
        &self,
        session: &Session,
        after: Option<AccountId>,
        limit: usize,
    ) -> Result<Vec<UserListRow>, ServiceError> {
        let r = self.store.read()?;
        let (actor, _) = self.actor(&r, session)?.map_err(ServiceError::Refused)?;
        let org = certlink_domain::may(&actor, OrgView::Accounts)?;
        let others = super::user_pages::OtherGlobalAdmins::of(&r, org)?;
        Ok(r.accounts_of_org(org, after, limit)?
            .into_iter()
            .map(|a| super::user_pages::user_row(&actor, a, &others))
            .collect())
    }

    /// R13: invites `email` into the admin's organization with `roles`.
    pub fn invite(
        &self,
        session: &Session,
        email: &str,
        name: &str,
        roles: Roles,
    ) -> Result<Invitation, ServiceError> {
        let email: Email = email.parse()?;
        let name = limits::check_line("the name", name, limits::NAME)
            .map_err(InvalidInput::OutOfLimits)?;
        let name = name.as_str();
        let temporary = password::temporary()?;
        let hash = password::hash(&temporary, &self.settings()?)?;
        let w = self.begin()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "user-invite")),
        };
        let mut entry = AuditEntry::new(audit_actor(&me), "user-invite");
        entry.org = me.org();
        entry.detail = format!("invited {email} ({})", roles.names().join(", "));
        let in_use = w.account_by_email(&email)?.is_some();
        let domains = match actor.org() {
            Some(org) => w.domains_of(DomainOwner::Org(org))?,
            None => Vec::new(),
        };
        let org = match check_invite(&actor, in_use, &email, &domains) {
            Ok(org) => org,
            Err(r) => return Err(self.refuse(w, entry, r)),
        };
        let id = AccountId(w.next_id("account")?);
        let created = w.create_account(&AccountRecord {
            id,
            kind: AccountKind::Member { org },
            email: email.clone(),
            name: name.to_string(),
            roles,
            status: AccountStatus::Invited,
            password_hash: hash,
            must_change_password: true,
            created_at: w.now(),
            invited_at: Some(w.now()),
            deleted_at: None,
            pu: None,
            pu_since: None,
            linked_mcid: None,
            last_mcid: None,
        })?;
        if !created {
            // Checked above (`in_use`) in this same transaction.
            return Err(AlreadyExists::AccountWithEmail(email).into());
        }
        entry.account = Some(id);
        w.audit(entry)?;
        let now = w.now();
        w.commit()?;
        let org_name = self
            .store
            .read()?
            .org(org)?
            .map(|o| o.name)
            .unwrap_or_default();
        // The mail speaks the recipient's saved language, else the admin's
        // front end's: a new account has saved none yet, so the latter.
        let delivery = self.send_sign_in_details(
            self.mail_language(id, session),
            session.speaks,
            &email,
            name,
            &org_name,
            &me.name,
            &temporary,
            now,
        );
        Ok(Invitation {
            email,
            name: name.to_string(),
            temporary_password: temporary,
            delivery,
        })
    }

    /// R13: new sign-in details for an invited account, optionally at a corrected
    /// email. The previous temporary password stops working.
    pub fn resend_invitation(
        &self,
        session: &Session,
        email: &str,
        new_email: Option<&str>,
    ) -> Result<Invitation, ServiceError> {
        let email: Email = email.parse()?;
        let new_email: Option<Email> = new_email.map(str::parse).transpose()?;
        let temporary = password::temporary()?;
        let hash = password::hash(&temporary, &self.settings()?)?;
        let w = self.begin()?;
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "user-resend")),
        };
        let mut entry = AuditEntry::new(audit_actor(&me), "user-resend");
        entry.org = me.org();
        entry.detail = match &new_email {
            Some(n) => format!("new sign-in details for {email}, corrected to {n}"),
            None => format!("new sign-in details for {email}"),
        };
        // The newest account with this email in the admin's organization, deleted
        // ones included, so "resending to a deleted account" is named as such.
        let target = w.account_by_email_any(&email)?;
        let Some(mut target) = target.filter(|t| t.org().is_some() && t.org() == me.org()) else {
            return Err(self.refuse(
                w,
                entry,
                Refusal::NotFound {
                    what: certlink_domain::Missing::AccountInOrg {
                        email: email.to_string(),
                    },
                },
            ));
        };
        entry.account = Some(target.id);
        let new_in_use = match &new_email {
            Some(n) if *n != target.email => w.account_by_email(n)?.is_some(),
            _ => false,
        };
        let to = new_email.clone().unwrap_or_else(|| target.email.clone());
        let domains = match target.org() {
            Some(org) => w.domains_of(DomainOwner::Org(org))?,
            None => Vec::new(),
        };
        if let Err(r) = check_resend(&actor, &target.facts(), &to, new_in_use, &domains) {
            return Err(self.refuse(w, entry, r));
        }
        if let Some(n) = &new_email {
            target.email = n.clone();
        }
        target.password_hash = hash;
        target.must_change_password = true;
        target.invited_at = Some(w.now());
        w.put_account(&target)?;
        w.clear_failure_counts(&format!("signin|{email}"))?;
        w.audit(entry)?;
        let now = w.now();
        w.commit()?;
        let org_name = match target.org() {
            Some(o) => self
                .store
                .read()?
                .org(o)?
                .map(|o| o.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        // The mail's language: the recipient's saved preference, else (for
        // someone who saved none) the language of the admin's front end.
        let delivery = self.send_sign_in_details(
            self.mail_language(target.id, session),
            session.speaks,
            &target.email,
            &target.name,
            &org_name,
            &me.name,
            &temporary,
            now,
        );
        Ok(Invitation {
            email: target.email,
            name: target.name,
            temporary_password: temporary,
            delivery,
        })
    }
}
