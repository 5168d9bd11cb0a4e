//! The linking state machine: (facts, actor, command, now) → events, or a refusal.
//!
//! The store gathers the facts a command needs inside its write transaction, calls
//! [`decide`], and applies the events in the same transaction. Nothing here does
//! I/O or reads a clock, so every rule is unit-tested directly.

use certlink_i18n::Lang;
use chrono::{DateTime, Utc};

use super::association_limit::{self, Block};
use super::domains::{Domain, DomainOwner, check_email_in_domains};
use super::ids::{AccountId, Email, Mcid, MpnId, PuUsername};
use super::link::{ActiveLink, EndReason};
use super::needs::Needs;
use super::refusal::{Credential, Missing, Refusal};
use super::roles::{Actor, Role, Roles};
use super::settings::Settings;
use super::throttle::Gate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccountStatus {
    /// R13: created by a Global Admin; the temporary password is not yet replaced.
    Invited,
    Active,
    /// R12: the person left; the account cannot sign in.
    Deleted,
}

impl AccountStatus {
    pub fn name(self) -> &'static str {
        match self {
            AccountStatus::Invited => "invited",
            AccountStatus::Active => "active",
            AccountStatus::Deleted => "deleted",
        }
    }
    /// The status as people read it ("invited", "已邀请"); [`AccountStatus::name`]
    /// is the id scripts read.
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            AccountStatus::Invited => lang.domain_account_invited(),
            AccountStatus::Active => lang.domain_account_active(),
            AccountStatus::Deleted => lang.domain_account_deleted(),
        }
    }
}

/// What decisions need to know about an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFacts {
    pub id: AccountId,
    /// `None` for support engineers.
    pub org: Option<MpnId>,
    pub roles: Roles,
    pub status: AccountStatus,
    pub linked_mcid: Option<Mcid>,
    pub pu: Option<PuUsername>,
}

/// What link decisions need to know about a certification profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFacts {
    pub mcid: Mcid,
    pub active_link: Option<ActiveLink>,
    /// R9: every association start of this MCID (combined after R15 merges).
    pub association_starts: Vec<DateTime<Utc>>,
}

/// The outcome of checking a password, done by the service before deciding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialCheck {
    Verified,
    Wrong,
    Gated(Gate),
}

impl CredentialCheck {
    fn require(self, credential: Credential) -> Result<(), Refusal> {
        match self {
            CredentialCheck::Verified | CredentialCheck::Gated(Gate::Open) => Ok(()),
            CredentialCheck::Wrong => Err(Refusal::WrongCredentials { credential }),
            CredentialCheck::Gated(Gate::Throttled { retry_after }) => Err(Refusal::Throttled {
                credential,
                retry_after,
            }),
            CredentialCheck::Gated(Gate::Locked { until }) => {
                Err(Refusal::Locked { credential, until })
            }
        }
    }
}

/// A command with the facts it is decided on.
#[derive(Debug, Clone)]
pub enum Command {
    /// R4–R6, R8, R9: link the profile whose credentials were checked. `profile`
    /// is `None` when the entered email names no profile.
    Link {
        me: AccountFacts,
        profile: Option<ProfileFacts>,
        credentials: CredentialCheck,
    },
    /// R7: end my own link.
    Unlink {
        me: AccountFacts,
        link: Option<ActiveLink>,
        mcid: Option<Mcid>,
    },
    /// R2: associate a PU account with mine. `known` is false when the username
    /// names no PU account.
    GrantPu {
        me: AccountFacts,
        username: PuUsername,
        known: bool,
        holder: Option<AccountFacts>,
        credentials: CredentialCheck,
    },
    /// R2: end my PU access.
    RemovePu { me: AccountFacts },
    /// R12: a Global Admin deletes an account of the organization.
    DeleteAccount {
        target: AccountFacts,
        other_active_global_admins: usize,
    },
    /// R12: a Global Admin ends the link of a departed person.
    RemoveFromReport {
        mcid: Mcid,
        link: Option<ActiveLink>,
        holder: Option<AccountFacts>,
    },
    /// R17: grant or revoke a role.
    SetRole {
        target: AccountFacts,
        role: Role,
        grant: bool,
        other_active_global_admins: usize,
    },
    /// R15: a support engineer merges a duplicate profile into a primary one.
    Merge { from: MergeFacts, into: MergeFacts },
}

/// What a merge decision needs to know about each profile (R15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeFacts {
    pub mcid: Mcid,
    pub merged_into: Option<Mcid>,
    pub active_link: Option<ActiveLink>,
}

/// What a decided command changes. Applied by the store in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    LinkStarted {
        mcid: Mcid,
        org: MpnId,
        account: AccountId,
        counts_as_association: bool,
    },
    LinkEnded {
        link: ActiveLink,
        mcid: Mcid,
        reason: EndReason,
    },
    PuGranted {
        account: AccountId,
        username: PuUsername,
    },
    PuEnded {
        account: AccountId,
        username: PuUsername,
    },
    AccountDeleted {
        account: AccountId,
    },
    RolesChanged {
        account: AccountId,
        roles: Roles,
    },
    /// R15: skills, history and association starts of `from` move to `into`; a
    /// surviving link of `from` is re-pointed to `into`.
    ProfilesMerged {
        from: Mcid,
        into: Mcid,
    },
}

/// R8: only the person, signed in to their own active account, acts on their own
/// links and PU access.
fn require_self(actor: &Actor, me: &AccountFacts) -> Result<MpnId, Refusal> {
    match *actor {
        Actor::Member { account, org, .. } if account == me.id && me.org == Some(org) => {
            if me.status == AccountStatus::Deleted {
                Err(Refusal::AccountDeleted)
            } else {
                Ok(org)
            }
        }
        _ => Err(Refusal::not_permitted(Needs::OwnAccount)),
    }
}

/// Decides a command. Pure: same inputs, same answer.
pub fn decide(
    actor: &Actor,
    command: &Command,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    match command {
        Command::Link {
            me,
            profile,
            credentials,
        } => decide_link(actor, me, profile.as_ref(), *credentials, settings, now),
        Command::Unlink { me, link, mcid } => {
            require_self(actor, me)?;
            // R7: being signed in is proof enough; no profile password.
            match (link, mcid) {
                (Some(link), Some(mcid)) if link.account == me.id => Ok(vec![Event::LinkEnded {
                    link: *link,
                    mcid: *mcid,
                    reason: EndReason::RemovedByUser,
                }]),
                _ => Err(Refusal::NotLinked),
            }
        }
        Command::GrantPu {
            me,
            username,
            known,
            holder,
            credentials,
        } => {
            require_self(actor, me)?;
            if me.pu.is_some() {
                return Err(Refusal::PuAlreadyGranted);
            }
            credentials.require(Credential::PartnerUniversity)?;
            if !known {
                // An unknown username gets the same answer as a wrong password.
                return Err(Refusal::WrongCredentials {
                    credential: Credential::PartnerUniversity,
                });
            }
            // R2: one PU account to one work account at a time.
            if holder
                .as_ref()
                .is_some_and(|h| h.id != me.id && h.status != AccountStatus::Deleted)
            {
                return Err(Refusal::PuHeldElsewhere);
            }
            let mut events = Vec::new();
            if let Some(h) = holder.as_ref().filter(|h| h.id != me.id) {
                // A deleted holder lost access when deleted; end any leftover.
                events.push(Event::PuEnded {
                    account: h.id,
                    username: username.clone(),
                });
            }
            events.push(Event::PuGranted {
                account: me.id,
                username: username.clone(),
            });
            Ok(events)
        }
        Command::RemovePu { me } => {
            require_self(actor, me)?;
            match &me.pu {
                Some(username) => Ok(vec![Event::PuEnded {
                    account: me.id,
                    username: username.clone(),
                }]),
                None => Err(Refusal::NoPuAccess),
            }
        }
        Command::DeleteAccount {
            target,
            other_active_global_admins,
        } => {
            let org = target.org.ok_or(Refusal::NotFound {
                what: Missing::ThatAccount,
            })?;
            if !actor.is_global_admin_of(org) {
                return Err(Refusal::not_permitted(Needs::DeleteAccount));
            }
            if target.status == AccountStatus::Deleted {
                return Err(Refusal::AlreadyDeleted);
            }
            if target.roles.global_admin
                && target.status == AccountStatus::Active
                && *other_active_global_admins == 0
            {
                return Err(Refusal::LastGlobalAdmin);
            }
            // R12: deleting does not unlink the MCID; R2: it ends PU access.
            let mut events = Vec::new();
            if let Some(username) = &target.pu {
                events.push(Event::PuEnded {
                    account: target.id,
                    username: username.clone(),
                });
            }
            events.push(Event::AccountDeleted { account: target.id });
            Ok(events)
        }
        Command::RemoveFromReport { mcid, link, holder } => {
            let Some(link) = link else {
                return Err(Refusal::NotFound {
                    what: Missing::Link { mcid: *mcid },
                });
            };
            if actor.org() != Some(link.org) {
                // Never reveal which organization holds someone else's MCID (invariant 4).
                return Err(Refusal::NotFound {
                    what: Missing::Link { mcid: *mcid },
                });
            }
            if !actor.is_global_admin_of(link.org) {
                return Err(Refusal::not_permitted(Needs::RemoveFromReport));
            }
            if holder
                .as_ref()
                .is_some_and(|h| h.status != AccountStatus::Deleted)
            {
                return Err(Refusal::AccountStillActive);
            }
            // R12: a removal is not an association and costs nothing under R9.
            Ok(vec![Event::LinkEnded {
                link: *link,
                mcid: *mcid,
                reason: EndReason::RemovedByAdmin,
            }])
        }
        Command::SetRole {
            target,
            role,
            grant,
            other_active_global_admins,
        } => {
            let org = target.org.ok_or(Refusal::NotFound {
                what: Missing::ThatAccount,
            })?;
            if !actor.is_global_admin_of(org) {
                return Err(Refusal::not_permitted(Needs::SetRole));
            }
            if target.status == AccountStatus::Deleted {
                return Err(Refusal::AlreadyDeleted);
            }
            if target.roles.has(*role) == *grant {
                return Err(Refusal::RoleUnchanged {
                    role: *role,
                    held: *grant,
                });
            }
            if !grant
                && *role == Role::GlobalAdmin
                && target.status == AccountStatus::Active
                && *other_active_global_admins == 0
            {
                return Err(Refusal::LastGlobalAdmin);
            }
            Ok(vec![Event::RolesChanged {
                account: target.id,
                roles: target.roles.with(*role, *grant),
            }])
        }
        Command::Merge { from, into } => {
            if !matches!(actor, Actor::Support { .. }) {
                return Err(Refusal::not_permitted(Needs::Merge));
            }
            if from.mcid == into.mcid {
                return Err(Refusal::MergeIntoItself);
            }
            for side in [from, into] {
                if let Some(target) = side.merged_into {
                    return Err(Refusal::AlreadyMerged {
                        mcid: side.mcid,
                        into: target,
                    });
                }
            }
            // R15: at most one link survives: the primary's, else the duplicate's.
            let mut events = Vec::new();
            if let (Some(dup), Some(_)) = (from.active_link, into.active_link) {
                events.push(Event::LinkEnded {
                    link: dup,
                    mcid: from.mcid,
                    reason: EndReason::Merged,
                });
            }
            events.push(Event::ProfilesMerged {
                from: from.mcid,
                into: into.mcid,
            });
            Ok(events)
        }
    }
}

/// R13: may `actor` invite `email` into their organization? `email_in_use`
/// says whether a live (invited or active) account already has the email; a
/// deleted account's email may be invited again (R12). R13a: the email is in
/// one of the organization's `domains`, checked before whether it is in use,
/// so an admin learns nothing about addresses outside their domains
/// (invariant 4).
pub fn check_invite(
    actor: &Actor,
    email_in_use: bool,
    email: &Email,
    domains: &[Domain],
) -> Result<MpnId, Refusal> {
    let Some(org) = actor.org().filter(|o| actor.is_global_admin_of(*o)) else {
        return Err(Refusal::not_permitted(Needs::Invite));
    };
    check_email_in_domains(email, DomainOwner::Org(org), domains)?;
    if email_in_use {
        return Err(Refusal::EmailInUse {
            email: email.to_string(),
        });
    }
    Ok(org)
}

/// R13: may `actor` resend sign-in details to `target`, at `to` (its email, or
/// a corrected one that no live account uses: `new_email_in_use`)? R13a: `to`
/// is in one of the organization's `domains`.
pub fn check_resend(
    actor: &Actor,
    target: &AccountFacts,
    to: &Email,
    new_email_in_use: bool,
    domains: &[Domain],
) -> Result<(), Refusal> {
    let org = target.org.ok_or(Refusal::NotFound {
        what: Missing::ThatAccount,
    })?;
    if !actor.is_global_admin_of(org) {
        return Err(Refusal::not_permitted(Needs::Resend));
    }
    if target.status != AccountStatus::Invited {
        return Err(Refusal::NotInvited {
            status: target.status,
        });
    }
    check_email_in_domains(to, DomainOwner::Org(org), domains)?;
    if new_email_in_use {
        return Err(Refusal::EmailInUse {
            email: to.to_string(),
        });
    }
    Ok(())
}

fn decide_link(
    actor: &Actor,
    me: &AccountFacts,
    profile: Option<&ProfileFacts>,
    credentials: CredentialCheck,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Vec<Event>, Refusal> {
    // R8: a link is made by the person, with the profile's password.
    let org = require_self(actor, me)?;
    // R4: an account holds at most one MCID.
    if let Some(held) = me.linked_mcid
        && profile.is_none_or(|p| p.mcid != held)
    {
        return Err(Refusal::UnlinkFirst { mcid: held });
    }
    credentials.require(Credential::Profile)?;
    // An email that names no profile gets the same answer as a wrong password.
    let profile = profile.ok_or(Refusal::WrongCredentials {
        credential: Credential::Profile,
    })?;
    match profile.active_link {
        Some(link) if link.org == org && link.account == me.id => {
            Err(Refusal::AlreadyLinkedHere { mcid: profile.mcid })
        }
        Some(link) if link.org == org => {
            // R6: same organization through another account (a rehired person's new
            // account): the link moves to this account, no new association.
            Ok(vec![
                Event::LinkEnded {
                    link,
                    mcid: profile.mcid,
                    reason: EndReason::AccountReplaced,
                },
                Event::LinkStarted {
                    mcid: profile.mcid,
                    org,
                    account: me.id,
                    counts_as_association: false,
                },
            ])
        }
        other => {
            // R9: a new association (first link, relink, or move) must fit the limit.
            let allowance = association_limit::allowance(
                &profile.association_starts,
                settings.association_limit,
                settings.cool_off_days,
                now,
            );
            if let Some(next_allowed) = allowance.next_allowed {
                return Err(match allowance.blocked_by {
                    Some(Block::Limit) => Refusal::LimitReached {
                        used: allowance.used,
                        limit: allowance.limit,
                        since: allowance.window_since.unwrap_or(now),
                        next_allowed,
                    },
                    _ => Refusal::CoolOff {
                        cool_off_days: settings.cool_off_days,
                        next_allowed,
                    },
                });
            }
            let mut events = Vec::with_capacity(2);
            if let Some(link) = other {
                // R5/R6: moving ends the old organization's link in the same step.
                events.push(Event::LinkEnded {
                    link,
                    mcid: profile.mcid,
                    reason: EndReason::Moved,
                });
            }
            events.push(Event::LinkStarted {
                mcid: profile.mcid,
                org,
                account: me.id,
                counts_as_association: true,
            });
            Ok(events)
        }
    }
}

/// R1: the outcome of a sign-in attempt once the password was checked (or gated).
pub fn decide_sign_in(
    account: Option<&AccountFacts>,
    check: CredentialCheck,
) -> Result<AccountId, Refusal> {
    check.require(Credential::WorkAccount)?;
    match account {
        // Unknown email: the same words as a wrong password, so emails cannot be probed.
        None => Err(Refusal::WrongCredentials {
            credential: Credential::WorkAccount,
        }),
        Some(a) if a.status == AccountStatus::Deleted => Err(Refusal::AccountDeleted),
        Some(a) => Ok(a.id),
    }
}

#[cfg(test)]
mod tests;
