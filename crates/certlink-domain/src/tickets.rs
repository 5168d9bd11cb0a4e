//! R14 support tickets: who may open, answer and resolve them (who may read
//! one, and the queue, is `permissions`' [`permissions::Ticket`] and
//! [`permissions::SupportDesk::TicketQueue`]).

use std::fmt;
use std::str::FromStr;

use certlink_i18n::Lang;
use serde::{Deserialize, Serialize};

use super::ids::{AccountId, Malformed, ParseIdError};
use super::needs::Needs;
use super::permissions::{self, may};
use super::refusal::Refusal;
use super::roles::Actor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TicketCategory {
    Linking,
    Unlinking,
    /// Goes to Certification Support (R14, R15).
    McidMerge,
    Other,
}

impl TicketCategory {
    pub const ALL: [TicketCategory; 4] = [
        TicketCategory::Linking,
        TicketCategory::Unlinking,
        TicketCategory::McidMerge,
        TicketCategory::Other,
    ];
    pub fn name(self) -> &'static str {
        match self {
            TicketCategory::Linking => "linking",
            TicketCategory::Unlinking => "unlinking",
            TicketCategory::McidMerge => "mcid-merge",
            TicketCategory::Other => "other",
        }
    }
    /// "Linking problem", in English.
    pub fn title(self) -> &'static str {
        self.title_in(Lang::En)
    }
    /// The category as people read it, in `lang`.
    pub fn title_in(self, lang: Lang) -> &'static str {
        match self {
            TicketCategory::Linking => lang.domain_ticket_linking(),
            TicketCategory::Unlinking => lang.domain_ticket_unlinking(),
            TicketCategory::McidMerge => lang.domain_ticket_mcid_merge(),
            TicketCategory::Other => lang.domain_ticket_other(),
        }
    }
}

impl FromStr for TicketCategory {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase();
        TicketCategory::ALL
            .into_iter()
            .find(|c| c.name() == t)
            .ok_or_else(|| {
                ParseIdError::of(Malformed::Category {
                    text: format!("'{s}'"),
                })
            })
    }
}

impl fmt::Display for TicketCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TicketStatus {
    Open,
    WaitingOnUser,
    Resolved,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 3] = [
        TicketStatus::Open,
        TicketStatus::WaitingOnUser,
        TicketStatus::Resolved,
    ];
    pub fn name(self) -> &'static str {
        match self {
            TicketStatus::Open => "open",
            TicketStatus::WaitingOnUser => "waiting on user",
            TicketStatus::Resolved => "resolved",
        }
    }
    /// The status as people read it in `lang` ([`TicketStatus::name`] in English).
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            TicketStatus::Open => lang.domain_ticket_open(),
            TicketStatus::WaitingOnUser => lang.domain_ticket_waiting_on_user(),
            TicketStatus::Resolved => lang.domain_ticket_resolved(),
        }
    }
    /// Store key byte of the status index; part of the on-disk format.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// The longest description or reply (see `limits`).
pub const MAX_TEXT: usize = super::limits::TICKET_TEXT;

/// Why a ticket's description or reply cannot be stored (R14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the text is empty")]
    Empty,
    #[error("the text is longer than {MAX_TEXT} characters")]
    TooLong,
    #[error("the text contains control characters")]
    ControlCharacters,
}

impl TextError {
    /// What is wrong with the text, in `lang` (Display is the English).
    pub fn message(self, lang: Lang) -> String {
        match self {
            TextError::Empty => lang.domain_text_empty().into(),
            TextError::TooLong => lang.domain_text_too_long(MAX_TEXT),
            TextError::ControlCharacters => lang.domain_text_control().into(),
        }
    }
}

/// The text trimmed, or why it cannot be stored: line breaks and tabs are
/// kept, other control characters refused.
pub fn check_text(text: &str) -> Result<String, TextError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(TextError::Empty);
    }
    if t.chars().count() > MAX_TEXT {
        return Err(TextError::TooLong);
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(TextError::ControlCharacters);
    }
    Ok(t.to_string())
}

/// R14: any person of an organization opens tickets; support engineers answer them.
pub fn may_open(actor: &Actor) -> Result<(), Refusal> {
    match actor {
        Actor::Member { .. } => Ok(()),
        _ => Err(Refusal::not_permitted(Needs::OpenTicket)),
    }
}

/// R14: a reply by support waits on the user; a reply by the opener reopens.
pub fn reply_status(actor: &Actor, opened_by: AccountId) -> Result<TicketStatus, Refusal> {
    may(actor, permissions::Ticket { opened_by })?;
    Ok(match actor {
        Actor::Support { .. } => TicketStatus::WaitingOnUser,
        _ => TicketStatus::Open,
    })
}

/// R14: support engineers resolve tickets.
pub fn may_resolve(actor: &Actor, status: TicketStatus) -> Result<(), Refusal> {
    if !matches!(actor, Actor::Support { .. }) {
        return Err(Refusal::not_permitted(Needs::ResolveTicket));
    }
    if status == TicketStatus::Resolved {
        return Err(Refusal::AlreadyResolved);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusal::Missing;
    use crate::{MpnId, Roles};

    fn member(id: u64) -> Actor {
        Actor::Member {
            account: AccountId(id),
            org: MpnId::new(1_000_001).unwrap(),
            roles: Roles::GLOBAL_ADMIN,
        }
    }
    const SUPPORT: Actor = Actor::Support {
        account: AccountId(9),
    };

    #[test]
    fn r14_people_open_support_answers_and_resolves() {
        assert!(may_open(&member(1)).is_ok());
        assert!(may_open(&SUPPORT).is_err());
        let ticket = permissions::Ticket {
            opened_by: AccountId(1),
        };
        assert!(may(&member(1), ticket).is_ok());
        assert_eq!(
            may(&member(2), ticket),
            Err(Refusal::NotFound {
                what: Missing::Ticket
            })
        );
        assert!(may(&SUPPORT, ticket).is_ok());
        assert_eq!(
            reply_status(&member(2), AccountId(1)),
            Err(Refusal::NotFound {
                what: Missing::Ticket
            })
        );
        assert_eq!(
            reply_status(&SUPPORT, AccountId(1)),
            Ok(TicketStatus::WaitingOnUser)
        );
        assert_eq!(
            reply_status(&member(1), AccountId(1)),
            Ok(TicketStatus::Open)
        );
        assert!(
            may_resolve(&member(1), TicketStatus::Open).is_err(),
            "even a Global Admin cannot resolve"
        );
        assert!(may_resolve(&SUPPORT, TicketStatus::Open).is_ok());
        assert_eq!(
            may_resolve(&SUPPORT, TicketStatus::Resolved),
            Err(Refusal::AlreadyResolved)
        );
        assert!(may(&member(1), permissions::SupportDesk::TicketQueue).is_err());
    }

    #[test]
    fn categories_and_texts() {
        assert_eq!(
            "MCID-merge".parse::<TicketCategory>().unwrap(),
            TicketCategory::McidMerge
        );
        assert!("billing".parse::<TicketCategory>().is_err());
        assert_eq!(check_text("  "), Err(TextError::Empty));
        assert_eq!(
            check_text(&"x".repeat(MAX_TEXT + 1)),
            Err(TextError::TooLong)
        );
        assert_eq!(check_text("a\u{7}b"), Err(TextError::ControlCharacters));
        assert_eq!(check_text(" help\\nplease ").unwrap(), "help\\nplease");
    }
}
