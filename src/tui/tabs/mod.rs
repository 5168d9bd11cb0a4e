//! The tabs of the signed-in screen. Only tabs a person may use are shown (by
//! role): the organization's reports (skills, competencies, Learn analytics)
//! to its Global Admins and MPN Partner Admins alone (R10, R11, R18; the
//! service refuses everyone else anyway).

pub mod associations;
pub mod competencies;
pub mod learning;
pub mod profile;
pub mod skills;

use crate::service::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabId {
    Profile,
    Associations,
    Skills,
    Competencies,
    Learning,
}

impl TabId {
    pub fn title(self) -> &'static str {
        match self {
            TabId::Profile => "Profile",
            TabId::Associations => "Associations",
            TabId::Skills => "Skills",
            TabId::Competencies => "Competencies",
            TabId::Learning => "Learn",
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
        }
    }

    /// The tabs a person sees. Support engineers belong to no organization and
    /// hold no links, so Associations is not theirs; the reports are for the
    /// organization's admins.
    pub fn for_session(session: &Session) -> Vec<TabId> {
        if session.is_support {
            return vec![TabId::Profile];
        }
        let mut tabs = vec![TabId::Profile, TabId::Associations];
        if session.org.is_some() && session.roles.is_admin() {
            tabs.extend([TabId::Skills, TabId::Competencies, TabId::Learning]);
        }
        tabs
    }
}
