//! The tabs of the signed-in screen. Only tabs a person may use are shown (by
//! role): the organization's reports (skills, competencies, Learn analytics)
//! to its Global Admins and MPN Partner Admins alone (R10, R11, R18), Users to
//! its Global Admins alone (R12, R13, R17); the service refuses everyone else
//! anyway. Support is everyone's: support engineers get their desk (lookups,
//! the queue, merges), everyone else their own tickets (R14).

pub mod associations;
pub mod competencies;
pub mod learning;
pub mod profile;
pub mod skills;
pub mod support;
pub mod users;

use certlink_core::service::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabId {
    Profile,
    Associations,
    Skills,
    Competencies,
    Learning,
    Users,
    Support,
}

impl TabId {
    pub fn title(self) -> &'static str {
        match self {
            TabId::Profile => "Profile",
            TabId::Associations => "Associations",
            TabId::Skills => "Skills",
            TabId::Competencies => "Competencies",
            TabId::Learning => "Learn",
            TabId::Users => "Users",
            TabId::Support => "Support",
        }
    }

    /// The title when the full ones do not fit the tab bar.
    pub fn short_title(self) -> &'static str {
        match self {
            TabId::Profile => "Profile",
            TabId::Associations => "Assoc.",
            TabId::Skills => "Skills",
            TabId::Competencies => "Compet.",
            TabId::Learning => "Learn",
            TabId::Users => "Users",
            TabId::Support => "Support",
        }
    }

    /// The shortest title, when even the short ones do not fit (an admin's
    /// seven tabs at 60 columns): still words, never bare numbers.
    pub fn tiny_title(self) -> &'static str {
        match self {
            TabId::Profile => "Prof.",
            TabId::Associations => "Assoc.",
            TabId::Skills => "Skills",
            TabId::Competencies => "Comp.",
            TabId::Learning => "Learn",
            TabId::Users => "Users",
            TabId::Support => "Supp.",
        }
    }

    /// The tabs a person sees. Support engineers belong to no organization and
    /// hold no links, so Associations is not theirs, and their desk comes first;
    /// the reports are for the organization's admins, Users for its Global
    /// Admins. New tabs go after the existing ones so the number keys people
    /// learned keep their meaning.
    pub fn for_session(session: &Session) -> Vec<TabId> {
        if session.is_support {
            return vec![TabId::Support, TabId::Profile];
        }
        let mut tabs = vec![TabId::Profile, TabId::Associations];
        if session.org.is_some() && session.roles.is_admin() {
            tabs.extend([TabId::Skills, TabId::Competencies, TabId::Learning]);
        }
        if session.org.is_some() && session.roles.global_admin {
            tabs.push(TabId::Users);
        }
        tabs.push(TabId::Support);
        tabs
    }
}
