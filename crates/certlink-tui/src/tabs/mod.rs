//! The tabs of the signed-in screen. Only tabs a person may use are shown, as
//! `domain::permissions` decides for the service too: the organization's
//! reports (skills, competencies, Learn analytics) to its Global Admins and MPN
//! Partner Admins alone (R10, R11, R18), Users to its Global Admins alone (R12,
//! R13, R17); the service refuses everyone else anyway. Support is everyone's: support engineers get their desk (lookups,
//! the queue, merges), everyone else their own tickets (R14).
//!
//! Each tab is a module implementing [`Tab`]: its state, keys, actions, jobs
//! and drawing, and its `ENTRY` (titles, who sees it, how it starts);
//! [`REGISTRY`] is the one registration list.

pub mod associations;
pub mod competencies;
pub mod designations;
pub mod learning;
pub mod profile;
mod registry;
pub mod skills;
pub mod support;
pub mod users;

use crate::tab::Tab;
use certlink_core::service::Session;
use certlink_domain::may;
use certlink_domain::permissions::SupportDesk;

pub use registry::{TabEntry, TabId};

/// Every tab, in the order of the number keys that pick them: the one place a
/// tab is registered (its module declares the entry). New tabs go after the
/// existing ones so the number keys people learned keep their meaning.
pub const REGISTRY: [&TabEntry; 8] = [
    &profile::ENTRY,
    &associations::ENTRY,
    &skills::ENTRY,
    &competencies::ENTRY,
    &learning::ENTRY,
    &users::ENTRY,
    &support::ENTRY,
    // Last, so the number keys of the tabs before it stay as they were.
    &designations::ENTRY,
];

impl TabId {
    /// Every tab, in number-key order.
    pub fn all() -> [TabId; REGISTRY.len()] {
        REGISTRY.map(|entry| entry.id)
    }

    fn entry(self) -> &'static TabEntry {
        REGISTRY[self as usize]
    }

    /// The tabs a person sees, in the order their number keys pick them:
    /// each shown when `domain::permissions` lets the session open what it
    /// shows, so the tab bar and the service's refusals cannot disagree.
    /// Support engineers belong to no organization and hold no links, so
    /// Associations is not theirs, and their desk comes first.
    pub fn for_session(session: &Session) -> Vec<TabId> {
        let actor = session.actor();
        let order: Vec<TabId> = if may(&actor, SupportDesk::TicketQueue).is_ok() {
            vec![TabId::Support, TabId::Profile]
        } else {
            TabId::all().to_vec()
        };
        order
            .into_iter()
            .filter(|tab| (tab.entry().shown_to)(&actor))
            .collect()
    }
}

/// The tabs `session` sees, in order, each with its component.
pub fn build(session: &Session) -> Vec<(TabId, Box<dyn Tab>)> {
    TabId::for_session(session)
        .into_iter()
        .map(|id| (id, (id.entry().start)(session)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::tab_bar::{labels_at, tab_rects};
    use certlink_i18n::Lang;
    use ratatui::layout::Rect;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn every_tab_fits_sixty_columns_in_words() {
        for lang in Lang::ALL {
            let tabs = TabId::all().map(|t| t.titles(lang));
            let labels = labels_at(60, &tabs);
            let width: usize = 1 + labels.iter().map(|l| l.width() + 1).sum::<usize>();
            assert!(width <= 60, "{lang} {width}: {labels:?}");
            assert!(labels.iter().all(|l| l.chars().any(char::is_alphabetic)));
            let rects = tab_rects(Rect::new(0, 0, 60, 1), &tabs);
            assert!(rects.iter().all(|r| r.width > 0 && r.right() <= 60));
        }
    }

    /// The registry's English titles are the catalog's.
    #[test]
    fn the_catalog_has_the_registered_titles() {
        for entry in REGISTRY {
            assert_eq!(entry.id.titles(Lang::En), entry.titles, "{:?}", entry.id);
            let zh = entry.id.titles(Lang::ZhCn);
            assert_ne!(zh.full, entry.titles.full, "{:?}", entry.id);
        }
    }

    /// `TabId::entry` finds a tab by its place in the registry.
    #[test]
    fn each_tab_sits_at_its_own_place_in_the_registry() {
        for (place, entry) in REGISTRY.iter().enumerate() {
            assert_eq!(entry.id as usize, place, "{:?}", entry.id);
        }
    }
}
