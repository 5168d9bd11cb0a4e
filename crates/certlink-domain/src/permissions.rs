//! Who may read what, asked one way: [`may`]`(actor, view)`. The views are the
//! organization's reports (R10 skills report, R11 competency status, R18 Learn
//! analytics), its accounts and roles (R12, R13, R17) and links, audit trails
//! (R16), support's lookups and ticket queue and one ticket (R14). Every read of
//! the service asks before it reads, and front ends ask the same question to
//! show only what a person may open (the terminal app's tabs), so the menu and
//! the refusal cannot disagree.
//!
//! An allowed read gets its *reach*, what it may show: one organization's rows
//! and no other's (invariant 4), or everything (support engineers). A refused
//! one gets a typed refusal that names the rule ([`Needs`]), or *not found*
//! where saying more would tell one organization about another.
//!
//! Which actions a row of the organization's accounts offers ([`account_actions`])
//! is decided here too, from the same facts as the commands themselves.

use super::decide::AccountStatus;
use super::ids::{AccountId, Email, MpnId};
use super::needs::Needs;
use super::refusal::{Missing, Refusal};
use super::roles::{Actor, Role, Roles};

/// Something a person may be allowed to read.
pub trait View {
    /// What an allowed read may show.
    type Reach;
    /// The reach for `actor`, or the refusal that says who may. Pure.
    fn allowed(&self, actor: &Actor) -> Result<Self::Reach, Refusal>;
}

/// May `actor` read `view`? The reach when allowed (the organization whose
/// rows it shows, how much of a trail), else the refusal.
pub fn may<V: View>(actor: &Actor, view: V) -> Result<V::Reach, Refusal> {
    view.allowed(actor)
}

/// The views of one organization, for its admins. Allowed, they reach the
/// admin's own organization and nothing of any other (invariant 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgView {
    /// R10: the skills report and its companion users export.
    SkillsReport,
    /// R11: the competency status.
    CompetencyStatus,
    /// R11's successor: the Solutions Partner designation scores (partner
    /// capability score per solution area), who counts and the next points.
    Designations,
    /// R18: Learn analytics.
    LearnAnalytics,
    /// R12, R13, R17: the accounts with their status and roles, and the
    /// organization's email domains (R13a), for managing them.
    Accounts,
    /// The organization's current links and who holds them.
    Links,
}

impl View for OrgView {
    type Reach = MpnId;

    fn allowed(&self, actor: &Actor) -> Result<MpnId, Refusal> {
        let refused = |needs| Err(Refusal::not_permitted(needs));
        let Actor::Member { org, roles, .. } = *actor else {
            return refused(match self {
                OrgView::Links => Needs::OrgLinksOfAnOrganization,
                _ => self.needs(),
            });
        };
        let allowed = match self {
            // R10, R11, R18: Global Admins and MPN Partner Admins.
            // The designation scores are the competency status's successor.
            OrgView::SkillsReport
            | OrgView::CompetencyStatus
            | OrgView::Designations
            | OrgView::LearnAnalytics => roles.is_admin(),
            OrgView::Accounts | OrgView::Links => roles.global_admin,
        };
        if allowed {
            Ok(org)
        } else {
            refused(self.needs())
        }
    }
}

impl OrgView {
    /// What a member who may not open the view lacks.
    fn needs(self) -> Needs {
        match self {
            OrgView::SkillsReport => Needs::SkillsReport,
            OrgView::CompetencyStatus => Needs::CompetencyStatus,
            OrgView::Designations => Needs::Designations,
            OrgView::LearnAnalytics => Needs::LearnAnalytics,
            OrgView::Accounts => Needs::OrgAccounts,
            OrgView::Links => Needs::OrgLinks,
        }
    }
}

/// R14: the support engineers' desk, which reaches across organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportDesk {
    /// Lookups by email, name, MCID or MPN ID, and the person view.
    PeopleLookup,
    /// Every ticket, open and waiting first.
    TicketQueue,
}

impl View for SupportDesk {
    type Reach = ();

    fn allowed(&self, actor: &Actor) -> Result<(), Refusal> {
        match actor {
            Actor::Support { .. } => Ok(()),
            _ => Err(Refusal::not_permitted(match self {
                SupportDesk::PeopleLookup => Needs::PeopleLookup,
                SupportDesk::TicketQueue => Needs::TicketQueue,
            })),
        }
    }
}

/// R14: one ticket, read by its opener and support engineers. Anyone else is
/// told it does not exist (tickets are private).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub opened_by: AccountId,
}

impl View for Ticket {
    type Reach = ();

    fn allowed(&self, actor: &Actor) -> Result<(), Refusal> {
        match actor {
            Actor::Support { .. } => Ok(()),
            a if a.account() == Some(self.opened_by) => Ok(()),
            _ => Err(Refusal::NotFound {
                what: Missing::Ticket,
            }),
        }
    }
}

/// R16: whose audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History<'a> {
    /// An account, by where it belongs; `email` names it in a refusal.
    Account {
        id: AccountId,
        org: Option<MpnId>,
        email: &'a Email,
    },
    /// An MCID; `own` when it is the reader's (linked through their account,
    /// or last associated through it).
    Mcid { own: bool },
}

/// R16: how much of a trail a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryReach {
    /// Every entry, every organization named: support engineers (and the
    /// operator), and a person reading their own profile's trail.
    Everything,
    /// Every entry of the subject, other organizations and their people
    /// hidden (invariant 4): a person's own account, or a Global Admin
    /// reading an account of their organization.
    HidingOtherOrgs(MpnId),
    /// Only the entries that concern the organization, others hidden: a
    /// Global Admin reading an MCID's trail.
    ConcerningOrg(MpnId),
}

impl HistoryReach {
    /// The organization the reader sees as theirs; `None` when they see every
    /// organization named.
    pub fn viewer_org(self) -> Option<MpnId> {
        match self {
            HistoryReach::Everything => None,
            HistoryReach::HidingOtherOrgs(org) | HistoryReach::ConcerningOrg(org) => Some(org),
        }
    }
}

impl View for History<'_> {
    type Reach = HistoryReach;

    fn allowed(&self, actor: &Actor) -> Result<HistoryReach, Refusal> {
        let refused = || Err(Refusal::not_permitted(Needs::History));
        let (org, roles) = match *actor {
            Actor::Support { .. } | Actor::Operator => return Ok(HistoryReach::Everything),
            Actor::Member { org, roles, .. } => (org, roles),
        };
        match *self {
            History::Account { id, .. } if actor.account() == Some(id) => {
                Ok(HistoryReach::HidingOtherOrgs(org))
            }
            History::Account { org: of, .. } if roles.global_admin && of == Some(org) => {
                Ok(HistoryReach::HidingOtherOrgs(org))
            }
            // Another organization's account (or support's) does not exist for
            // this reader (invariant 4).
            History::Account { org: of, email, .. } if of != Some(org) => Err(Refusal::NotFound {
                what: Missing::AccountInOrg {
                    email: email.to_string(),
                },
            }),
            History::Account { .. } => refused(),
            // The person's own profile: all of it is theirs.
            History::Mcid { own: true } => Ok(HistoryReach::Everything),
            History::Mcid { own: false } if roles.global_admin => {
                Ok(HistoryReach::ConcerningOrg(org))
            }
            History::Mcid { own: false } => refused(),
        }
    }
}

/// What can be done with one account of the organization, in the order a
/// front end lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    /// R13: new sign-in details, to the same or a corrected email.
    ResendDetails,
    /// R12: end a departed person's link (not an association, R9).
    RemoveFromReport,
    /// R12: delete the account.
    Delete,
    /// R17: grant the role, or revoke it when the account `holds` it.
    ToggleRole { role: Role, holds: bool },
}

/// The facts of an account that decide what its row offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountRow {
    /// `None` for support engineers.
    pub org: Option<MpnId>,
    pub status: AccountStatus,
    pub roles: Roles,
    /// R12: an MCID is linked through the account.
    pub linked: bool,
    /// R17: the organization's active Global Admins other than this account
    /// (the fact `decide` keeps the last one with).
    pub other_active_global_admins: usize,
}

impl AccountRow {
    /// R17: the organization's last active Global Admin, whom neither a
    /// deletion nor a revocation of the role may take away.
    pub fn is_last_global_admin(&self) -> bool {
        self.status == AccountStatus::Active
            && self.roles.global_admin
            && self.other_active_global_admins == 0
    }
}

/// The actions `actor` can try on the account, each one a command whose state
/// precondition the account meets (`decide` would not refuse it for being
/// invited, active or deleted): none for anyone but a Global Admin of the
/// account's organization (R12, R13, R17). The commands still decide; this
/// says what makes sense to offer: a deleted account is not deleted again
/// (R12), and the last active Global Admin is neither deleted nor loses the
/// role (R17), so neither is offered.
pub fn account_actions(actor: &Actor, row: &AccountRow) -> Vec<AccountAction> {
    let mut offered = Vec::new();
    if !row.org.is_some_and(|org| actor.is_global_admin_of(org)) {
        return offered;
    }
    match row.status {
        // R13: details are resent only to invited accounts.
        AccountStatus::Invited => offered.push(AccountAction::ResendDetails),
        // R12: removal is for departed people whose MCID is still linked.
        AccountStatus::Deleted if row.linked => offered.push(AccountAction::RemoveFromReport),
        AccountStatus::Deleted | AccountStatus::Active => {}
    }
    // R12, R17: a deleted account is neither deleted again nor given roles.
    if row.status != AccountStatus::Deleted {
        let last = row.is_last_global_admin();
        if !last {
            offered.push(AccountAction::Delete);
        }
        for role in [Role::PartnerAdmin, Role::GlobalAdmin] {
            // R17: the last Global Admin keeps the role.
            if last && role == Role::GlobalAdmin {
                continue;
            }
            offered.push(AccountAction::ToggleRole {
                role,
                holds: row.roles.has(role),
            });
        }
    }
    offered
}

#[cfg(test)]
mod tests;
