//! The tabs of the signed-in screen. Only tabs a person may use are shown, as
//! `domain::permissions` decides for the service too: the organization's
//! reports (skills, competencies, Learn analytics) to its Global Admins and MPN
//! Partner Admins alone (R10, R11, R18), Users to its Global Admins alone (R12,
//! R13, R17); the service refuses everyone else anyway. Support is everyone's: support engineers get their desk (lookups,
//! the queue, merges), everyone else their own tickets (R14).
//!
//! Each tab is a module implementing [`Tab`]: its state,
//! keys, actions, jobs and drawing. [`build`] is the one registration list.

pub mod associations;
pub mod competencies;
pub mod learning;
pub mod profile;
pub mod skills;
pub mod support;
pub mod users;

use crate::components::tab_bar::Titles;
use crate::tab::Tab;
use certlink_core::service::Session;
use certlink_domain::permissions::{OrgView, SupportDesk};
use certlink_domain::{Actor, may};

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
    /// Every tab, in the order of the number keys that pick them.
    pub const ALL: [TabId; 7] = [
        TabId::Profile,
        TabId::Associations,
        TabId::Skills,
        TabId::Competencies,
        TabId::Learning,
        TabId::Users,
        TabId::Support,
    ];

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

    /// The tabs a person sees, in the order their number keys pick them:
    /// each shown when `domain::permissions` lets the session open what it
    /// shows, so the tab bar and the service's refusals cannot disagree.
    /// Support engineers belong to no organization and hold no links, so
    /// Associations is not theirs, and their desk comes first. New tabs go
    /// after the existing ones so the number keys people learned keep their
    /// meaning.
    pub fn for_session(session: &Session) -> Vec<TabId> {
        let actor = session.actor();
        let order: &[TabId] = if may(&actor, SupportDesk::TicketQueue).is_ok() {
            &[TabId::Support, TabId::Profile]
        } else {
            &TabId::ALL
        };
        order
            .iter()
            .copied()
            .filter(|tab| tab.shown_to(&actor))
            .collect()
    }

    /// Whether `actor` may open what the tab shows.
    fn shown_to(self, actor: &Actor) -> bool {
        let opens = |view: OrgView| may(actor, view).is_ok();
        match self {
            // Everyone's own: their profile, their tickets or support's desk.
            TabId::Profile | TabId::Support => true,
            // R4, R7: links are held by people of an organization.
            TabId::Associations => actor.org().is_some(),
            TabId::Skills => opens(OrgView::SkillsReport),
            TabId::Competencies => opens(OrgView::CompetencyStatus),
            TabId::Learning => opens(OrgView::LearnAnalytics),
            TabId::Users => opens(OrgView::Accounts),
        }
    }
}

/// The tabs `session` sees, in order, each with its component: the one place
/// a tab is registered.
pub fn build(session: &Session) -> Vec<(TabId, Box<dyn Tab>)> {
    TabId::for_session(session)
        .into_iter()
        .map(|id| {
            let tab: Box<dyn Tab> = match id {
                TabId::Profile => Box::new(profile::ProfileTab::default()),
                TabId::Associations => {
                    Box::new(associations::AssociationsTab::for_session(session))
                }
                TabId::Skills => Box::new(skills::SkillsTab::default()),
                TabId::Competencies => Box::new(competencies::CompetenciesTab::default()),
                TabId::Learning => Box::new(learning::LearningTab::default()),
                TabId::Users => Box::new(users::UsersTab::default()),
                TabId::Support => Box::new(support::SupportTab::default()),
            };
            (id, tab)
        })
        .collect()
}

impl TabId {
    /// The tab bar's words for the tab.
    pub fn titles(self) -> Titles {
        Titles {
            full: self.title(),
            short: self.short_title(),
            tiny: self.tiny_title(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::tab_bar::{labels_at, tab_rects};
    use ratatui::layout::Rect;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn seven_tabs_fit_sixty_columns_in_words() {
        let tabs = TabId::ALL.map(TabId::titles);
        let labels = labels_at(60, &tabs);
        let width: usize = 1 + labels.iter().map(|l| l.width() + 1).sum::<usize>();
        assert!(width <= 60, "{width}: {labels:?}");
        assert!(labels.iter().all(|l| l.chars().any(char::is_alphabetic)));
        let rects = tab_rects(Rect::new(0, 0, 60, 1), &tabs);
        assert!(rects.iter().all(|r| r.width > 0 && r.right() <= 60));
    }
}
