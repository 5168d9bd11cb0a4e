//! Every way a command can be refused, with what the person needs to know: the
//! rule, and what to do next. Messages are plain words, shared by every front end.

use chrono::{DateTime, Utc};

use super::ids::Mcid;
use super::needs::Needs;
use super::time::DateFormat;

/// Which password was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    WorkAccount,
    Profile,
    PartnerUniversity,
}

impl Credential {
    fn what(self) -> &'static str {
        match self {
            Credential::WorkAccount => "email or password",
            Credential::Profile => "certification profile email or password",
            Credential::PartnerUniversity => "Partner University username or password",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.code())]
pub enum Refusal {
    /// R1/R2/R4: the credentials did not verify (or name no one: we do not say which).
    WrongCredentials { credential: Credential },
    /// R1: too many failures from this source; try again after the instant.
    Throttled {
        credential: Credential,
        retry_after: DateTime<Utc>,
    },
    /// R1: too many failures; locked until the instant (the operator can unlock).
    Locked {
        credential: Credential,
        until: DateTime<Utc>,
    },
    /// R1: a deleted account cannot sign in.
    AccountDeleted,
    /// R13: a temporary password must be replaced before anything else.
    PasswordChangeRequired,
    /// A role or permission is missing; `needs` says which, who may, and the rule.
    NotPermitted { needs: Needs },
    /// R9: `used` of `limit` associations started since `since`.
    LimitReached {
        used: u32,
        limit: u32,
        since: DateTime<Utc>,
        next_allowed: DateTime<Utc>,
    },
    /// R9: the cool-off since the last start has not passed.
    CoolOff {
        cool_off_days: u32,
        next_allowed: DateTime<Utc>,
    },
    /// R4/R6: this account already holds the link to this organization.
    AlreadyLinkedHere { mcid: Mcid },
    /// R4: an account holds at most one MCID.
    UnlinkFirst { mcid: Mcid },
    /// R7: there is no link to remove.
    NotLinked,
    /// R2: the PU account is associated with another active account.
    PuHeldElsewhere,
    /// R2: this account already has PU access.
    PuAlreadyGranted,
    /// R2: there is no PU access to remove.
    NoPuAccess,
    /// R17: an organization keeps at least one active Global Admin.
    LastGlobalAdmin,
    /// R12: removal from the report is for departed (deleted) accounts.
    AccountStillActive,
    /// R12: the account is already deleted.
    AlreadyDeleted,
    /// R17: nothing to change.
    RoleUnchanged { detail: String },
    /// An email, MCID or other id that names nothing visible to the actor.
    NotFound { what: String },
    /// R13: the email belongs to a live account already.
    EmailInUse { email: String },
    /// R13: sign-in details are resent only to invited accounts.
    NotInvited { status: &'static str },
    /// R14: the ticket is already resolved.
    AlreadyResolved,
    /// R15: a profile cannot be merged into itself.
    MergeIntoItself,
    /// R15: the profile was already merged into another.
    AlreadyMerged { mcid: Mcid, into: Mcid },
    /// R13a: a work account's email is in one of its organization's domains (a
    /// support engineer's in a support domain); `domains` are the owner's.
    OutsideDomains {
        email: String,
        support: bool,
        domains: Vec<String>,
    },
    /// R13a: the domain belongs to another organization or to support (operator).
    DomainTaken { domain: String, owner: String },
    /// R13a: the owner holds the domain already (operator).
    DomainAlreadyHeld { domain: String },
    /// R13a: live accounts still use the domain (operator).
    DomainInUse { domain: String, accounts: u64 },
    /// R13a: an owner holds at most `limit` domains (operator).
    TooManyDomains { limit: usize },
}

impl Refusal {
    /// A missing permission.
    pub fn not_permitted(needs: Needs) -> Refusal {
        Refusal::NotPermitted { needs }
    }

    /// Stable machine-readable code for scripts (`{"error":{"code":…}}`).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::WrongCredentials { .. } => "wrong_credentials",
            Refusal::Throttled { .. } => "throttled",
            Refusal::Locked { .. } => "locked",
            Refusal::AccountDeleted => "account_deleted",
            Refusal::PasswordChangeRequired => "password_change_required",
            Refusal::NotPermitted { .. } => "not_permitted",
            Refusal::LimitReached { .. } => "limit_reached",
            Refusal::CoolOff { .. } => "cool_off",
            Refusal::AlreadyLinkedHere { .. } => "already_linked_here",
            Refusal::UnlinkFirst { .. } => "unlink_first",
            Refusal::NotLinked => "not_linked",
            Refusal::PuHeldElsewhere => "pu_held_elsewhere",
            Refusal::PuAlreadyGranted => "pu_already_granted",
            Refusal::NoPuAccess => "no_pu_access",
            Refusal::LastGlobalAdmin => "last_global_admin",
            Refusal::AccountStillActive => "account_still_active",
            Refusal::AlreadyDeleted => "already_deleted",
            Refusal::RoleUnchanged { .. } => "role_unchanged",
            Refusal::NotFound { .. } => "not_found",
            Refusal::EmailInUse { .. } => "email_in_use",
            Refusal::NotInvited { .. } => "not_invited",
            Refusal::AlreadyResolved => "already_resolved",
            Refusal::MergeIntoItself => "merge_into_itself",
            Refusal::AlreadyMerged { .. } => "already_merged",
            Refusal::OutsideDomains { .. } => "outside_domains",
            Refusal::DomainTaken { .. } => "domain_taken",
            Refusal::DomainAlreadyHeld { .. } => "domain_already_held",
            Refusal::DomainInUse { .. } => "domain_in_use",
            Refusal::TooManyDomains { .. } => "too_many_domains",
        }
    }

    /// The rule of domain.md behind the refusal.
    pub fn rule(&self) -> &'static str {
        match self {
            Refusal::WrongCredentials { credential }
            | Refusal::Throttled { credential, .. }
            | Refusal::Locked { credential, .. } => match credential {
                Credential::WorkAccount => "R1",
                Credential::Profile => "R4",
                Credential::PartnerUniversity => "R2",
            },
            Refusal::AccountDeleted => "R1",
            Refusal::PasswordChangeRequired => "R13",
            Refusal::NotPermitted { needs } => needs.rule(),
            Refusal::LimitReached { .. } | Refusal::CoolOff { .. } => "R9",
            Refusal::AlreadyLinkedHere { .. } => "R6",
            Refusal::UnlinkFirst { .. } => "R4",
            Refusal::NotLinked => "R7",
            Refusal::PuHeldElsewhere | Refusal::PuAlreadyGranted | Refusal::NoPuAccess => "R2",
            Refusal::LastGlobalAdmin | Refusal::RoleUnchanged { .. } => "R17",
            Refusal::AccountStillActive | Refusal::AlreadyDeleted => "R12",
            Refusal::NotFound { .. } => "-",
            Refusal::EmailInUse { .. } | Refusal::NotInvited { .. } => "R13",
            Refusal::AlreadyResolved => "R14",
            Refusal::MergeIntoItself | Refusal::AlreadyMerged { .. } => "R15",
            Refusal::OutsideDomains { .. }
            | Refusal::DomainTaken { .. }
            | Refusal::DomainAlreadyHeld { .. }
            | Refusal::DomainInUse { .. }
            | Refusal::TooManyDomains { .. } => "R13a",
        }
    }

    /// The date a script may want to read, if the refusal carries one.
    pub fn next_allowed(&self) -> Option<DateTime<Utc>> {
        match self {
            Refusal::LimitReached { next_allowed, .. } | Refusal::CoolOff { next_allowed, .. } => {
                Some(*next_allowed)
            }
            Refusal::Locked { until, .. } => Some(*until),
            Refusal::Throttled { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// What the person reads: what happened and what to do.
    pub fn message(&self, dates: &DateFormat) -> String {
        match self {
            Refusal::WrongCredentials { credential } => {
                format!("Wrong {}. Check them and try again.", credential.what())
            }
            Refusal::Throttled { credential, retry_after } => {
                let secs = (*retry_after - dates.now).num_seconds().max(1);
                format!(
                    "Too many failed attempts with this {}. Wait {secs} s before trying again.",
                    credential.what()
                )
            }
            Refusal::Locked { credential, until } => format!(
                "Locked after too many failed attempts with this {} until {} UTC. Try again then, or ask the operator to unlock it.",
                credential.what(),
                until.format("%Y-%m-%d %H:%M")
            ),
            Refusal::AccountDeleted => {
                "This account has been deleted. Ask your Global Admin for a new invitation.".into()
            }
            Refusal::PasswordChangeRequired => {
                // How to set it depends on the front end, which adds it (cli/output.rs).
                "You signed in with a temporary password: set a new password first.".into()
            }
            Refusal::NotPermitted { needs } => format!("Not permitted: {}.", needs.who_may()),
            Refusal::LimitReached { used, limit, since, next_allowed } => format!(
                "Limit reached: {used} of {limit} associations used since {}. Your next association is allowed from {}.",
                dates.date(*since),
                dates.moment_with_countdown(*next_allowed)
            ),
            Refusal::CoolOff { cool_off_days, next_allowed } => format!(
                "We require a period of {cool_off_days} days between associations. Your next association is allowed from {}.",
                dates.moment_with_countdown(*next_allowed)
            ),
            Refusal::AlreadyLinkedHere { mcid } => {
                format!("MCID {mcid} is already linked to your organization through your account. Nothing to do.")
            }
            Refusal::UnlinkFirst { mcid } => format!(
                "Your account already holds MCID {mcid}. Remove access to it first, then associate the other profile."
            ),
            Refusal::NotLinked => "Your account has no linked certification profile. Nothing to remove.".into(),
            Refusal::PuHeldElsewhere => {
                "This Partner University account is associated with another work account. Remove access there first.".into()
            }
            Refusal::PuAlreadyGranted => {
                "Your account already has Partner University access. Remove access first to use another PU account.".into()
            }
            Refusal::NoPuAccess => "Your account has no Partner University access. Nothing to remove.".into(),
            Refusal::LastGlobalAdmin => {
                "An organization must keep at least one active Global Admin. Grant the role to someone else first.".into()
            }
            Refusal::AccountStillActive => {
                "That person's account is still active: they can remove access themselves, or a Global Admin deletes the account first.".into()
            }
            Refusal::AlreadyDeleted => "That account is already deleted.".into(),
            Refusal::RoleUnchanged { detail } => format!("Nothing changed: {detail}."),
            Refusal::NotFound { what } => format!("Not found: {what}."),
            Refusal::EmailInUse { email } => {
                format!("{email} already has an active or invited account. Check the address, or resend its invitation.")
            }
            Refusal::NotInvited { status } => format!(
                "That account is {status}: sign-in details are resent only to invited accounts. Invite the email again if the person left."
            ),
            Refusal::AlreadyResolved => "That ticket is already resolved.".into(),
            Refusal::MergeIntoItself => "A profile cannot be merged into itself: name two different MCIDs.".into(),
            Refusal::AlreadyMerged { mcid, into } => {
                format!("MCID {mcid} was already merged into MCID {into}. Merge into {into} instead.")
            }
            Refusal::OutsideDomains { email, support, domains } => {
                let listed = if domains.is_empty() {
                    "none yet".to_string()
                } else {
                    domains.join(", ")
                };
                if *support {
                    format!(
                        "{email} is not in a support domain (R13a): support engineers' addresses are in {listed}. Use one of them, or add the domain first (certlink admin support domain add)."
                    )
                } else {
                    format!(
                        "{email} is not in one of your organization's email domains (R13a): its work accounts live in {listed}. Use an address there, or ask the operator to add your domain (certlink admin org domain add)."
                    )
                }
            }
            Refusal::DomainTaken { domain, owner } => format!(
                "{domain} belongs to {owner} (R13a): a domain has one owner. Remove it there first if it has changed hands."
            ),
            Refusal::DomainAlreadyHeld { domain } => {
                format!("{domain} is already one of its domains. Nothing to do.")
            }
            Refusal::DomainInUse { domain, accounts } => format!(
                "{accounts} live account(s) still use {domain} (R13a): delete them, or re-address invited ones, before removing the domain."
            ),
            Refusal::TooManyDomains { limit } => format!(
                "An owner holds at most {limit} domains (R13a): remove one it no longer uses first."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn r9_limit_message_names_the_date_and_countdown() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let r = Refusal::LimitReached {
            used: 3,
            limit: 3,
            since: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
            next_allowed: Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap(),
        };
        assert_eq!(
            r.message(&DateFormat::new(chrono_tz::UTC, now)),
            "Limit reached: 3 of 3 associations used since 2026-03-01. Your next association is allowed from 2027-03-01 09:00 UTC (in 98 days)."
        );
        assert_eq!(r.rule(), "R9");
        assert_eq!(r.code(), "limit_reached");
    }

    // Issue 15, principle 10: at 00:05 on the day named the refusal gives the hour
    // it ends at, and its countdown is "today", not "in 1 day".
    #[test]
    fn r9_cool_off_message_gives_the_moment_in_the_display_zone() {
        let r = Refusal::CoolOff {
            cool_off_days: 30,
            next_allowed: Utc.with_ymd_and_hms(2027, 3, 31, 8, 0, 0).unwrap(),
        };
        let at_00_05_cest = Utc.with_ymd_and_hms(2027, 3, 30, 22, 5, 0).unwrap();
        assert_eq!(
            r.message(&DateFormat::new(chrono_tz::Europe::Berlin, at_00_05_cest)),
            "We require a period of 30 days between associations. Your next association is allowed from 2027-03-31 10:00 CEST (today)."
        );
        assert_eq!(
            r.message(&DateFormat::new(chrono_tz::UTC, at_00_05_cest)),
            "We require a period of 30 days between associations. Your next association is allowed from 2027-03-31 08:00 UTC (in 1 day)."
        );
    }

    #[test]
    fn not_permitted_names_the_rule_of_what_is_missing() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let dates = DateFormat::new(chrono_tz::UTC, now);
        for needs in Needs::ALL {
            let refusal = Refusal::NotPermitted { needs };
            assert_eq!(refusal.rule(), needs.rule());
            assert_eq!(refusal.code(), "not_permitted");
            assert_eq!(
                refusal.message(&dates),
                format!("Not permitted: {}.", needs.who_may())
            );
        }
        let merge = Refusal::NotPermitted {
            needs: Needs::Merge,
        };
        assert_eq!(merge.rule(), "R15");
        assert_eq!(
            merge.message(&dates),
            "Not permitted: only support engineers (Certification Support) merge profiles (R15)."
        );
        let links = Refusal::NotPermitted {
            needs: Needs::OrgLinks,
        };
        assert_eq!(links.rule(), "R8", "a view no rule names is R8's");
    }
}
