//! Operator commands (`certlink admin ...`): whoever holds the database file. Never
//! reachable over SSH. Each is audited with actor *operator*. None of them can
//! create a link (R8).

use std::path::Path;

use crate::store::records::{
    AccountKind, AccountRecord, AuditActor, OrgRecord, ProfileRecord, PuRecord,
};
use crate::store::{AuditEntry, DbKind, Queries, invariants};
use certlink_domain::domains::{check_add_domain, check_email_in_domains};
use certlink_domain::limits;
use certlink_domain::{
    AccountId, AccountStatus, Domain, DomainOwner, Email, Mcid, MpnId, PuUsername, Roles, Settings,
};

use super::{AlreadyExists, Environment, InvalidInput, NotFound, Service, ServiceError, password};

/// What a new account starts as.
pub struct NewAccount<'a> {
    pub kind: AccountKind,
    pub email: &'a str,
    pub name: &'a str,
    pub roles: Roles,
    pub password: &'a str,
    /// R13: invited accounts hold a temporary password and must change it.
    pub status: AccountStatus,
}

impl NewAccount<'_> {
    fn kind_org(&self) -> Option<MpnId> {
        match self.kind {
            AccountKind::Member { org } => Some(org),
            AccountKind::Support => None,
        }
    }
}

/// A name of 1 to `limits::NAME` printable characters (organization names have
/// their own, equal, limit).
fn check_name(name: &str, what: &str, max: usize) -> Result<String, ServiceError> {
    Ok(limits::check_line(what, name, max).map_err(InvalidInput::OutOfLimits)?)
}

/// R13a: the admin email's domain, which `init` gives the first organization.
fn admin_domain(email: &Email) -> Result<Domain, ServiceError> {
    Domain::of(email).ok_or_else(|| InvalidInput::UnownableDomain(email.clone()).into())
}

/// "contoso.com, contoso.co.uk".
pub fn joined(domains: &[Domain]) -> String {
    domains
        .iter()
        .map(Domain::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Domains given on the command line, each well-formed, none twice.
pub fn parse_domains(domains: &[String]) -> Result<Vec<Domain>, ServiceError> {
    let mut out: Vec<Domain> = Vec::with_capacity(domains.len());
    for d in domains {
        let d: Domain = d.parse()?;
        if !out.contains(&d) {
            out.push(d);
        }
    }
    Ok(out)
}

fn operator_entry(action: &'static str) -> AuditEntry {
    AuditEntry::new(AuditActor::Operator, action)
}

impl Service {
    /// `certlink init`: a new real database with its first organization and
    /// Global Admin. R13a: the organization's first domain is the admin email's,
    /// with any `more_domains` beside it.
    pub fn init(
        path: &Path,
        org_name: &str,
        mpn_id: &str,
        admin_email: &str,
        admin_password: &str,
        more_domains: &[String],
    ) -> Result<Service, ServiceError> {
        let mpn: MpnId = mpn_id.parse()?;
        let org_name = check_name(org_name, "the organization name", limits::ORG_NAME)?;
        let email: Email = admin_email.parse()?;
        let mut domains = vec![admin_domain(&email)?.to_string()];
        domains.extend(more_domains.iter().cloned());
        parse_domains(&domains)?;
        password::check_new(admin_password)?;
        let service = Service::create(
            path,
            DbKind::Real,
            &Settings::production(),
            Environment::default(),
        )?;
        service.add_org_with_domains(&mpn.to_string(), &org_name, &domains)?;
        service.create_account(NewAccount {
            kind: AccountKind::Member { org: mpn },
            email: admin_email,
            name: "Global Admin",
            roles: Roles::GLOBAL_ADMIN,
            password: admin_password,
            status: AccountStatus::Active,
        })?;
        Ok(service)
    }

    /// Creates an account (operator paths, demo data, and invitations later).
    pub fn create_account(&self, new: NewAccount<'_>) -> Result<AccountId, ServiceError> {
        let email: Email = new.email.parse()?;
        let name = check_name(new.name, "the name", limits::NAME)?;
        password::check_new(new.password)?;
        let hash = password::hash(new.password, &self.settings()?)?;
        let w = self.begin()?;
        if w.account_by_email(&email)?.is_some() {
            return Err(AlreadyExists::AccountWithEmail(email).into());
        }
        if let AccountKind::Member { org } = new.kind
            && w.org(org)?.is_none()
        {
            return Err(NotFound::OrgToChange(org).into());
        }
        // R13a: a work account in its organization's domains, a support
        // engineer in a support domain.
        let owner = match new.kind {
            AccountKind::Member { org } => DomainOwner::Org(org),
            AccountKind::Support => DomainOwner::Support,
        };
        if let Err(r) = check_email_in_domains(&email, owner, &w.domains_of(owner)?) {
            let mut entry = operator_entry("account-add");
            entry.org = new.kind_org();
            entry.detail = format!("account {email}");
            return Err(self.refuse(w, entry, r));
        }
        let id = AccountId(w.next_id("account")?);
        let account = AccountRecord {
            id,
            kind: new.kind,
            email: email.clone(),
            name,
            roles: new.roles,
            status: new.status,
            password_hash: hash,
            must_change_password: new.status == AccountStatus::Invited,
            created_at: w.now(),
            invited_at: (new.status == AccountStatus::Invited).then(|| w.now()),
            deleted_at: None,
            pu: None,
            pu_since: None,
            linked_mcid: None,
            last_mcid: None,
        };
        if !w.create_account(&account)? {
            return Err(AlreadyExists::AccountWithEmail(email).into());
        }
        let mut entry = operator_entry("account-add");
        entry.account = Some(id);
        entry.org = account.org();
        entry.detail = format!(
            "{} {email} ({})",
            if account.org().is_some() {
                "work account"
            } else {
                "support engineer"
            },
            account.roles.names().join(", ")
        );
        w.audit(entry)?;
        w.commit()?;
        Ok(id)
    }

    /// An organization without domains yet: it invites no one until the
    /// operator adds one (R13a).
    pub fn add_org(&self, mpn_id: &str, name: &str) -> Result<(), ServiceError> {
        self.add_org_with_domains(mpn_id, name, &[]).map(drop)
    }

    /// An organization with its email domains (R13a), in one transaction: a
    /// domain held by anyone else refuses the whole command. Returns the
    /// domains as stored (lower case, each once).
    pub fn add_org_with_domains(
        &self,
        mpn_id: &str,
        name: &str,
        domains: &[String],
    ) -> Result<Vec<Domain>, ServiceError> {
        let mpn: MpnId = mpn_id.parse()?;
        let name = check_name(name, "the organization name", limits::ORG_NAME)?;
        let domains = parse_domains(domains)?;
        let w = self.begin()?;
        if w.org(mpn)?.is_some() {
            return Err(AlreadyExists::Org(mpn).into());
        }
        let owner = DomainOwner::Org(mpn);
        let mut entry = operator_entry("org-add");
        entry.org = Some(mpn);
        entry.detail = name.clone();
        for (held, domain) in domains.iter().enumerate() {
            if let Err(r) = check_add_domain(domain, owner, w.domain_owner(domain)?, held) {
                return Err(self.refuse(w, entry, r));
            }
            w.add_domain(owner, domain)?;
        }
        w.insert_org(&OrgRecord {
            mpn_id: mpn,
            name,
            created_at: w.now(),
        })?;
        if !domains.is_empty() {
            entry.detail = format!("{}, domains {}", entry.detail, joined(&domains));
        }
        w.audit(entry)?;
        w.commit()?;
        Ok(domains)
    }

    pub fn add_support(
        &self,
        email: &str,
        name: &str,
        password: &str,
    ) -> Result<AccountId, ServiceError> {
        self.create_account(NewAccount {
            kind: AccountKind::Support,
            email,
            name,
            roles: Roles::USER,
            password,
            status: AccountStatus::Active,
        })
    }

    /// Registers a certification profile (they come from outside systems).
    pub fn add_profile(
        &self,
        mcid: &str,
        email: &str,
        display_name: &str,
        password: &str,
    ) -> Result<Mcid, ServiceError> {
        let mcid: Mcid = mcid.parse()?;
        let email: Email = email.parse()?;
        let display_name = check_name(display_name, "the profile name", limits::NAME)?;
        password::check_new(password)?;
        let hash = password::hash(password, &self.settings()?)?;
        let w = self.begin()?;
        if w.profile(mcid)?.is_some() {
            return Err(AlreadyExists::Profile(mcid).into());
        }
        if w.profile_by_email(&email)?.is_some() {
            return Err(AlreadyExists::ProfileWithEmail(email).into());
        }
        w.put_profile(&ProfileRecord {
            mcid,
            email: email.clone(),
            display_name,
            password_hash: hash,
            created_at: w.now(),
            merged_into: None,
        })?;
        let mut entry = operator_entry("profile-add");
        entry.mcid = Some(mcid);
        entry.detail = format!("sign-in email {email}");
        w.audit(entry)?;
        w.commit()?;
        Ok(mcid)
    }

    /// Registers a Partner University account.
    pub fn add_pu(&self, username: &str, email: &str, password: &str) -> Result<(), ServiceError> {
        let username: PuUsername = username.parse()?;
        let email: Email = email.parse()?;
        password::check_new(password)?;
        let hash = password::hash(password, &self.settings()?)?;
        let w = self.begin()?;
        if w.pu_account(&username)?.is_some() {
            return Err(AlreadyExists::PuAccount(username).into());
        }
        w.put_pu(&PuRecord {
            username: username.clone(),
            email,
            password_hash: hash,
            holder: None,
            created_at: w.now(),
        })?;
        let mut entry = operator_entry("pu-add");
        entry.detail = format!("Partner University account {username}");
        w.audit(entry)?;
        w.commit()?;
        Ok(())
    }

    /// Changes one setting; a real database refuses a hash cost below OWASP's minimum.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<Settings, ServiceError> {
        let w = self.begin()?;
        let current = w.settings()?;
        let sandbox = w.is_sandbox()?;
        let next = current
            .with(key, value, sandbox)
            .map_err(InvalidInput::Setting)?;
        w.set_settings(&next)?;
        let old = current
            .entries()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
            .unwrap_or_default();
        let mut entry = operator_entry("setting-change");
        entry.detail = format!("{key}: {old} → {}", value.trim());
        w.audit(entry)?;
        w.commit()?;
        Ok(next)
    }

    /// R1: clears the lock and throttling of a work account's sign-in.
    pub fn unlock(&self, email: &str) -> Result<usize, ServiceError> {
        let email: Email = email.parse()?;
        let w = self.begin()?;
        let Some(account) = w.account_by_email(&email)? else {
            return Err(ServiceError::Refused(certlink_domain::Refusal::NotFound {
                what: certlink_domain::Missing::Account {
                    email: email.to_string(),
                },
            }));
        };
        let cleared = w.clear_failure_counts(&format!("signin|{email}"))?;
        let mut entry = operator_entry("unlock");
        entry.account = Some(account.id);
        entry.org = account.org();
        entry.detail = format!("account {email}");
        w.audit(entry)?;
        w.commit()?;
        Ok(cleared)
    }

    /// Recovery path (e.g. the last Global Admin locked out): a temporary password,
    /// returned once; the person must change it at sign-in (R13).
    pub fn reset_password(&self, email: &str) -> Result<String, ServiceError> {
        let email: Email = email.parse()?;
        let temporary = password::temporary()?;
        let hash = password::hash(&temporary, &self.settings()?)?;
        let w = self.begin()?;
        let Some(mut account) = w.account_by_email(&email)? else {
            return Err(ServiceError::Refused(certlink_domain::Refusal::NotFound {
                what: certlink_domain::Missing::Account {
                    email: email.to_string(),
                },
            }));
        };
        account.password_hash = hash;
        account.must_change_password = true;
        w.put_account(&account)?;
        w.clear_failure_counts(&format!("signin|{email}"))?;
        let mut entry = operator_entry("password-reset");
        entry.account = Some(account.id);
        entry.org = account.org();
        entry.detail = format!("temporary password issued for {email}");
        w.audit(entry)?;
        w.commit()?;
        Ok(temporary)
    }

    /// The organization an MCID is linked to now (operator view).
    pub fn linked_org(&self, mcid: &str) -> Result<Option<MpnId>, ServiceError> {
        let mcid: Mcid = mcid.parse()?;
        Ok(self.store.read()?.active_link(mcid)?.map(|l| l.org))
    }

    /// redb's integrity check of the file (needs exclusive use of the service).
    pub fn check_integrity(&mut self) -> Result<bool, ServiceError> {
        Ok(self.store.check_integrity()?)
    }

    /// Gives a file's free space back (see `Store::compact`); the population
    /// generator's last step.
    pub fn compact(&mut self) -> Result<bool, ServiceError> {
        Ok(self.store.compact()?)
    }

    /// Checks the invariants of domain.md on this database; empty when all hold.
    pub fn check_invariants(&self) -> Result<Vec<String>, ServiceError> {
        Ok(invariants::check(&self.store.read()?)?)
    }

    /// The invariants and what the operator should settle (`admin check`).
    pub fn check_all(&self) -> Result<invariants::Findings, ServiceError> {
        self.check_all_with(&mut crate::progress::Silent)
    }

    /// [`Service::check_all`], telling `progress` which table it checks
    /// (principle 12: `admin check` on a large database takes a while).
    pub fn check_all_with(
        &self,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<invariants::Findings, ServiceError> {
        let mut findings = invariants::check_all_with(&self.store.read()?, progress)?;
        findings.warnings.splice(0..0, self.file_mode_warning());
        Ok(findings)
    }

    /// A database file that other users of the machine may read: it holds
    /// password hashes and the audit trail (issue 13). True to the records,
    /// so a warning, not a violation.
    fn file_mode_warning(&self) -> Option<invariants::Warning> {
        let path = self.store_path()?;
        crate::private_files::open_to_others(path)
            .unwrap_or(false)
            .then(|| invariants::Warning::ReadableByOthers(path.to_path_buf()))
    }
}
