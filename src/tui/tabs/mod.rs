//! The tabs of the signed-in screen. Only tabs a person may use are shown (by
//! role); tabs of later issues (reports, users, support) arrive with them.

pub mod associations;
pub mod profile;

use crate::service::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabId {
    Profile,
    Associations,
}

impl TabId {
    pub fn title(self) -> &'static str {
        match self {
            TabId::Profile => "Profile",
            TabId::Associations => "Associations",
        }
    }

    /// The tabs a person sees. Support engineers belong to no organization and
    /// hold no links, so Associations is not theirs.
    pub fn for_session(session: &Session) -> Vec<TabId> {
        if session.is_support {
            vec![TabId::Profile]
        } else {
            vec![TabId::Profile, TabId::Associations]
        }
    }
}
