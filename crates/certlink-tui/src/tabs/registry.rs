//! What registers a tab: its identity, its words in the tab bar, who sees it
//! and how it starts. Each tab module declares its own `ENTRY`; `tabs::REGISTRY`
//! lists them once, in number-key order.

use crate::components::tab_bar::Titles;
use crate::tab::Tab;
use certlink_core::service::Session;
use certlink_domain::Actor;
use certlink_i18n::Lang;

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
    Designations,
}

/// One tab as the app registers it.
pub struct TabEntry {
    pub id: TabId,
    /// The tab bar's words in English, from the full title down to the
    /// tiniest. The tab bar reads them in the reader's language from the
    /// catalog ([`TabId::titles`]); a test holds the two to the same words.
    pub titles: Titles,
    /// Whether `actor` may open what the tab shows: the tab asks
    /// `domain::permissions`, the same question the service asks.
    pub shown_to: fn(&Actor) -> bool,
    /// The tab's component for a signed-in session.
    pub start: fn(&Session) -> Box<dyn Tab>,
}

impl TabId {
    /// The tab bar's words for the tab in `lang` (the catalog's `tui-tab-…`).
    pub fn titles(self, lang: Lang) -> Titles {
        type Words = fn(Lang) -> &'static str;
        let (full, short, tiny): (Words, Words, Words) = match self {
            TabId::Profile => (
                Lang::tui_tab_profile,
                Lang::tui_tab_profile_short,
                Lang::tui_tab_profile_tiny,
            ),
            TabId::Associations => (
                Lang::tui_tab_associations,
                Lang::tui_tab_associations_short,
                Lang::tui_tab_associations_tiny,
            ),
            TabId::Skills => (
                Lang::tui_tab_skills,
                Lang::tui_tab_skills_short,
                Lang::tui_tab_skills_tiny,
            ),
            TabId::Competencies => (
                Lang::tui_tab_competencies,
                Lang::tui_tab_competencies_short,
                Lang::tui_tab_competencies_tiny,
            ),
            TabId::Learning => (
                Lang::tui_tab_learning,
                Lang::tui_tab_learning_short,
                Lang::tui_tab_learning_tiny,
            ),
            TabId::Users => (
                Lang::tui_tab_users,
                Lang::tui_tab_users_short,
                Lang::tui_tab_users_tiny,
            ),
            TabId::Support => (
                Lang::tui_tab_support,
                Lang::tui_tab_support_short,
                Lang::tui_tab_support_tiny,
            ),
            TabId::Designations => (
                Lang::tui_tab_designations,
                Lang::tui_tab_designations_short,
                Lang::tui_tab_designations_tiny,
            ),
        };
        Titles {
            full: full(lang),
            short: short(lang),
            tiny: tiny(lang),
        }
    }
}
