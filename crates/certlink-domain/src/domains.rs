//! R13a: an organization owns its email domains. Partner Center work accounts
//! live in the organization's own verified domains, so a Global Admin invites
//! (and re-addresses invitations) only within them, and one organization can
//! never take another's addresses. Support engineers have their own domains;
//! a domain has at most one owner, so no work account lives in a support domain.
//! The domains are operator data (`certlink admin org domain …`).

use std::fmt;
use std::str::FromStr;

use certlink_i18n::Lang;
use serde::{Deserialize, Serialize};

use super::ids::{DomainFault, Email, Malformed, MpnId, ParseIdError};
use super::limits;
use super::refusal::{Missing, Refusal};

/// A DNS domain name, lower case: dot-separated labels of ASCII letters, digits
/// and hyphens (1–63 each, no hyphen at either end), at least two labels, a
/// last label that is not a number, at most 253 bytes. Internationalized names
/// are written in their `xn--` form, as DNS holds them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Domain(String);

impl Domain {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domain of an email address, if it is a well-formed domain name
    /// (`Email` is lenient; an address whose domain is not one belongs to no
    /// organization).
    pub fn of(email: &Email) -> Option<Domain> {
        email.domain().parse().ok()
    }
}

impl FromStr for Domain {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let bad = |why: DomainFault| {
            ParseIdError::of(Malformed::Domain {
                text: format!("'{}'", s.trim()),
                why,
            })
        };
        if t.is_empty() {
            return Err(bad(DomainFault::Empty));
        }
        if t.len() > limits::DOMAIN_BYTES {
            return Err(bad(DomainFault::TooLong {
                length: t.len(),
                max: limits::DOMAIN_BYTES,
            }));
        }
        let labels: Vec<&str> = t.split('.').collect();
        if labels.len() < 2 {
            return Err(bad(DomainFault::TwoLabels));
        }
        for label in &labels {
            if label.is_empty() || label.len() > 63 {
                return Err(bad(DomainFault::LabelLength));
            }
            if !label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(bad(DomainFault::Characters));
            }
            if label.starts_with('-') || label.ends_with('-') {
                return Err(bad(DomainFault::Hyphen));
            }
        }
        if labels
            .last()
            .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad(DomainFault::Numeric));
        }
        Ok(Domain(t))
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who a domain belongs to: one organization, or the support engineers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DomainOwner {
    Org(MpnId),
    Support,
}

impl DomainOwner {
    /// "organization 1234567", "the support engineers", in `lang`.
    pub fn words(self, lang: Lang) -> String {
        match self {
            DomainOwner::Org(mpn) => lang.domain_owner_org(mpn.to_string()),
            DomainOwner::Support => lang.domain_owner_support().into(),
        }
    }
}

impl fmt::Display for DomainOwner {
    /// In English; [`DomainOwner::words`] for a reader.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

/// R13a: may an account of `owner` have `email`? Only if the email's domain is
/// one of `domains`, the owner's. The refusal names the owner's domains and
/// never who else holds the address's domain (invariant 4).
pub fn check_email_in_domains(
    email: &Email,
    owner: DomainOwner,
    domains: &[Domain],
) -> Result<(), Refusal> {
    let inside = Domain::of(email).is_some_and(|d| domains.contains(&d));
    if inside {
        return Ok(());
    }
    Err(Refusal::OutsideDomains {
        email: email.to_string(),
        support: owner == DomainOwner::Support,
        domains: domains.iter().map(|d| d.to_string()).collect(),
    })
}

/// R13a, operator side: may `owner` add `domain`, which `holder` holds now (if
/// anyone) and the owner holds `held` of?
pub fn check_add_domain(
    domain: &Domain,
    owner: DomainOwner,
    holder: Option<DomainOwner>,
    held: usize,
) -> Result<(), Refusal> {
    match holder {
        Some(h) if h == owner => Err(Refusal::DomainAlreadyHeld {
            domain: domain.to_string(),
        }),
        Some(h) => Err(Refusal::DomainTaken {
            domain: domain.to_string(),
            owner: h,
        }),
        None if held >= limits::DOMAINS_PER_OWNER => Err(Refusal::TooManyDomains {
            limit: limits::DOMAINS_PER_OWNER,
        }),
        None => Ok(()),
    }
}

/// R13a, operator side: may `owner` give up `domain`? Not while `live_accounts`
/// (invited or active) of the owner still use it: they would be left outside
/// their organization's domains. Deleted accounts do not hold a domain.
pub fn check_remove_domain(
    domain: &Domain,
    owner: DomainOwner,
    holder: Option<DomainOwner>,
    live_accounts: u64,
) -> Result<(), Refusal> {
    if holder != Some(owner) {
        return Err(Refusal::NotFound {
            what: Missing::Domain {
                domain: domain.to_string(),
                owner,
            },
        });
    }
    if live_accounts > 0 {
        return Err(Refusal::DomainInUse {
            domain: domain.to_string(),
            accounts: live_accounts,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Domain {
        s.parse().unwrap()
    }
    fn email(s: &str) -> Email {
        s.parse().unwrap()
    }
    fn org(n: u64) -> DomainOwner {
        DomainOwner::Org(MpnId::new(n).unwrap())
    }

    #[test]
    fn r13a_domains_are_parsed_strictly_and_lower_cased() {
        assert_eq!(d(" Contoso.COM ").as_str(), "contoso.com");
        assert_eq!(
            d("mail.xn--bcher-kva.example").as_str(),
            "mail.xn--bcher-kva.example"
        );
        for bad in [
            "",
            "contoso",
            "@contoso.com",
            "contoso..com",
            ".contoso.com",
            "contoso.com.",
            "-contoso.com",
            "contoso-.com",
            "con_toso.com",
            "contoso.com/x",
            "bücher.example",
            "10.0.0.1",
            "ada@contoso.com",
        ] {
            assert!(bad.parse::<Domain>().is_err(), "{bad:?} must be refused");
        }
        let long = format!("{}.com", vec!["a".repeat(63); 4].join("."));
        assert!(long.len() > limits::DOMAIN_BYTES);
        assert!(
            long.parse::<Domain>()
                .unwrap_err()
                .0
                .contains("at most 253")
        );
        assert!(format!("{}.com", "a".repeat(64)).parse::<Domain>().is_err());
    }

    #[test]
    fn r13a_an_email_must_be_in_one_of_the_owners_domains() {
        let fabrikam = [d("fabrikam.com"), d("fabrikam.co.uk")];
        let owner = org(2_345_678);
        assert_eq!(
            check_email_in_domains(&email("new@fabrikam.co.uk"), owner, &fabrikam),
            Ok(())
        );
        let refused = check_email_in_domains(&email("evil@contoso.com"), owner, &fabrikam);
        assert_eq!(
            refused,
            Err(Refusal::OutsideDomains {
                email: "evil@contoso.com".into(),
                support: false,
                domains: vec!["fabrikam.com".into(), "fabrikam.co.uk".into()],
            })
        );
        // A subdomain is a domain of its own.
        assert!(check_email_in_domains(&email("x@eu.fabrikam.com"), owner, &fabrikam).is_err());
        // An address whose domain is no domain name belongs to no one.
        assert!(check_email_in_domains(&email("x@fab_rikam.com"), owner, &fabrikam).is_err());
        // No domains yet: nothing fits.
        assert!(check_email_in_domains(&email("x@fabrikam.com"), owner, &[]).is_err());
        let support = check_email_in_domains(
            &email("sam@contoso.com"),
            DomainOwner::Support,
            &[d("support.example.com")],
        );
        assert!(matches!(
            support,
            Err(Refusal::OutsideDomains { support: true, .. })
        ));
    }

    #[test]
    fn r13a_a_domain_has_one_owner_and_is_removed_only_when_no_live_account_uses_it() {
        let contoso = d("contoso.com");
        assert_eq!(check_add_domain(&contoso, org(1_234_567), None, 0), Ok(()));
        assert_eq!(
            check_add_domain(&contoso, org(2_345_678), Some(org(1_234_567)), 0),
            Err(Refusal::DomainTaken {
                domain: "contoso.com".into(),
                owner: org(1_234_567),
            })
        );
        assert_eq!(
            check_add_domain(&contoso, org(2_345_678), Some(DomainOwner::Support), 0),
            Err(Refusal::DomainTaken {
                domain: "contoso.com".into(),
                owner: DomainOwner::Support,
            })
        );
        assert!(matches!(
            check_add_domain(&contoso, org(1_234_567), Some(org(1_234_567)), 1),
            Err(Refusal::DomainAlreadyHeld { .. })
        ));
        assert!(matches!(
            check_add_domain(&contoso, org(1_234_567), None, limits::DOMAINS_PER_OWNER),
            Err(Refusal::TooManyDomains { .. })
        ));
        assert!(
            check_add_domain(
                &contoso,
                org(1_234_567),
                None,
                limits::DOMAINS_PER_OWNER - 1
            )
            .is_ok()
        );
        assert_eq!(
            check_remove_domain(&contoso, org(1_234_567), Some(org(1_234_567)), 2),
            Err(Refusal::DomainInUse {
                domain: "contoso.com".into(),
                accounts: 2
            })
        );
        assert_eq!(
            check_remove_domain(&contoso, org(1_234_567), Some(org(1_234_567)), 0),
            Ok(())
        );
        assert!(matches!(
            check_remove_domain(&contoso, org(2_345_678), Some(org(1_234_567)), 0),
            Err(Refusal::NotFound { .. })
        ));
    }
}
