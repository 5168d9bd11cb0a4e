//! What registers a tab: its identity, its words in the tab bar, who sees it
//! and how it starts. Each tab module declares its own `ENTRY`; `tabs::REGISTRY`
//! lists them once, in number-key order.

use crate::components::tab_bar::Titles;
use crate::tab::Tab;
use certlink_core::service::Session;
use certlink_domain::Actor;

/// A tab's identity: the number keys, the tab bar and the tests name tabs by it.
/// The discriminants are the tabs' places in `tabs::REGISTRY`.
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

/// One tab as the app registers it.
pub struct TabEntry {
    pub id: TabId,
    /// The tab bar's words, from the full title down to the tiniest.
    pub titles: Titles,
    /// Whether `actor` may open what the tab shows: the tab asks
    /// `domain::permissions`, the same question the service asks.
    pub shown_to: fn(&Actor) -> bool,
    /// The tab's component for a signed-in session.
    pub start: fn(&Session) -> Box<dyn Tab>,
}
