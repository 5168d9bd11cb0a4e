//! R13a, operator side: the email domains each organization owns, and the
//! support engineers' own (`certlink admin org domain …`, `admin support domain
//! …`). Every change is audited with actor *operator*, refusals too.

use serde::Serialize;

use crate::store::records::AuditActor;
use crate::store::{AuditEntry, Queries, Writer};
use certlink_domain::domains::{check_add_domain, check_remove_domain};
use certlink_domain::permissions::OrgView;
use certlink_domain::{Domain, DomainOwner, MpnId, Refusal};

use super::{NotFound, Service, ServiceError, Session};

/// A change of the domain tables, as the writer makes it.
type StoreChange = fn(&Writer, DomainOwner, &Domain) -> Result<(), crate::store::StoreError>;

/// One domain and who owns it (`admin org domain list`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DomainRow {
    /// `None` for a support domain.
    pub mpn_id: Option<MpnId>,
    /// The organization's name; "support engineers" for a support domain.
    pub owner: String,
    pub domain: Domain,
}

/// The audit entry of a domain command (actor operator).
pub(super) fn domain_entry(
    action: &'static str,
    owner: DomainOwner,
    domain: &Domain,
) -> AuditEntry {
    let mut entry = AuditEntry::new(AuditActor::Operator, action);
    if let DomainOwner::Org(mpn) = owner {
        entry.org = Some(mpn);
    }
    entry.detail = format!("{domain} of {owner}");
    entry
}

impl Service {
    /// The owner named on the command line: an existing organization's MPN ID,
    /// or `None` for the support engineers.
    fn domain_owner_named(
        &self,
        w: &Writer,
        mpn_id: Option<&str>,
    ) -> Result<DomainOwner, ServiceError> {
        let Some(mpn_id) = mpn_id else {
            return Ok(DomainOwner::Support);
        };
        let mpn: MpnId = mpn_id.parse()?;
        if w.org(mpn)?.is_none() {
            return Err(NotFound::OrgToChange(mpn).into());
        }
        Ok(DomainOwner::Org(mpn))
    }

    /// R13a: gives `domain` to the organization `mpn_id` (`None`: to the
    /// support engineers), refused if anyone holds it already.
    pub fn add_domain(&self, mpn_id: Option<&str>, domain: &str) -> Result<Domain, ServiceError> {
        self.change_domain(mpn_id, domain, "domain-add", |w, owner, domain| {
            let held = w.domains_of(owner)?.len();
            Ok(
                check_add_domain(domain, owner, w.domain_owner(domain)?, held)
                    .map(|()| Writer::add_domain as StoreChange),
            )
        })
    }

    /// R13a: takes `domain` from its owner; refused while live accounts use it
    /// (the refusal says how many).
    pub fn remove_domain(
        &self,
        mpn_id: Option<&str>,
        domain: &str,
    ) -> Result<Domain, ServiceError> {
        self.change_domain(mpn_id, domain, "domain-remove", |w, owner, domain| {
            let holder = w.domain_owner(domain)?;
            let live = if holder == Some(owner) {
                w.live_accounts_in_domain(owner, domain)?
            } else {
                0
            };
            Ok(check_remove_domain(domain, owner, holder, live)
                .map(|()| Writer::remove_domain as StoreChange))
        })
    }

    /// One domain command in one transaction: `decide` reads the facts and
    /// gives the store change, or the refusal that is audited instead.
    fn change_domain(
        &self,
        mpn_id: Option<&str>,
        domain: &str,
        action: &'static str,
        decide: impl FnOnce(
            &Writer,
            DomainOwner,
            &Domain,
        ) -> Result<Result<StoreChange, Refusal>, ServiceError>,
    ) -> Result<Domain, ServiceError> {
        let domain: Domain = domain.parse()?;
        let w = self.begin()?;
        let owner = self.domain_owner_named(&w, mpn_id)?;
        let entry = domain_entry(action, owner, &domain);
        match decide(&w, owner, &domain)? {
            Ok(change) => {
                change(&w, owner, &domain)?;
                w.audit(entry)?;
                w.commit()?;
                Ok(domain)
            }
            Err(r) => Err(self.refuse(w, entry, r)),
        }
    }

    /// Every domain (of one organization, of support, or all), by owner.
    pub fn domain_list(&self, of: DomainListing<'_>) -> Result<Vec<DomainRow>, ServiceError> {
        let r = self.store.read()?;
        let pairs = match of {
            DomainListing::All => r.all_domains()?,
            DomainListing::Support => owned(&r, DomainOwner::Support)?,
            DomainListing::Org(mpn_id) => {
                let mpn: MpnId = mpn_id.parse()?;
                if r.org(mpn)?.is_none() {
                    return Err(NotFound::Org(mpn).into());
                }
                owned(&r, DomainOwner::Org(mpn))?
            }
        };
        let mut rows = Vec::with_capacity(pairs.len());
        for (owner, domain) in pairs {
            let (mpn_id, name) = match owner {
                DomainOwner::Org(mpn) => {
                    (Some(mpn), r.org(mpn)?.map(|o| o.name).unwrap_or_default())
                }
                DomainOwner::Support => (None, "support engineers".to_string()),
            };
            rows.push(DomainRow {
                mpn_id,
                owner: name,
                domain,
            });
        }
        Ok(rows)
    }

    /// R13a: the domains of the signed-in Global Admin's organization (the
    /// Users tab's header), under the same permission as the user list.
    pub fn my_org_domains(&self, session: &Session) -> Result<Vec<Domain>, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::Accounts)?;
        Ok(r.domains_of(DomainOwner::Org(org))?)
    }
}

/// Which domains `domain_list` lists.
#[derive(Debug, Clone, Copy)]
pub enum DomainListing<'a> {
    All,
    Support,
    /// One organization, by MPN ID.
    Org(&'a str),
}

fn owned(r: &impl Queries, owner: DomainOwner) -> Result<Vec<(DomainOwner, Domain)>, ServiceError> {
    Ok(r.domains_of(owner)?
        .into_iter()
        .map(|d| (owner, d))
        .collect())
}
