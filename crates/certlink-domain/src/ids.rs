//! Typed identifiers. Parsing is strict so malformed input is refused at the edge
//! (exit code 2) before anything reaches the store.

use std::fmt;
use std::str::FromStr;

use certlink_i18n::Lang;
use serde::{Deserialize, Serialize};

/// Why a piece of input could not be parsed: the English words (shown as
/// they are by Display) and what was wrong, for [`ParseIdError::message`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseIdError(pub String, pub(crate) Malformed);

impl ParseIdError {
    pub(crate) fn of(what: Malformed) -> ParseIdError {
        ParseIdError(what.words(Lang::En), what)
    }

    /// What was wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.1.words(lang)
    }
}

/// What did not parse. `text` is the input as the words show it (quoted
/// where the English quotes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Malformed {
    MpnId { text: String },
    MpnIdBare { text: String },
    Mcid { text: String },
    McidBare { text: String },
    Email { text: String },
    EmailTooLong { length: usize, max: usize },
    PuUsername { text: String },
    Role { text: String },
    Kind { text: String },
    Progress { text: String },
    Category { text: String },
    SizeClass { text: String },
    Domain { text: String, why: DomainFault },
}

/// Why a domain name is malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DomainFault {
    Empty,
    TooLong { length: usize, max: usize },
    TwoLabels,
    LabelLength,
    Characters,
    Hyphen,
    Numeric,
}

impl Malformed {
    fn words(&self, lang: Lang) -> String {
        match self {
            Malformed::MpnId { text } => lang.domain_parse_mpn_id(text.as_str()),
            Malformed::MpnIdBare { text } => lang.domain_parse_mpn_id_bare(text.as_str()),
            Malformed::Mcid { text } => lang.domain_parse_mcid(text.as_str()),
            Malformed::McidBare { text } => lang.domain_parse_mcid_bare(text.as_str()),
            Malformed::Email { text } => lang.domain_parse_email(text.as_str()),
            Malformed::EmailTooLong { length, max } => {
                lang.domain_parse_email_too_long(*length, *max)
            }
            Malformed::PuUsername { text } => lang.domain_parse_pu_username(text.as_str()),
            Malformed::Role { text } => lang.domain_parse_role(text.as_str()),
            Malformed::Kind { text } => lang.domain_parse_kind(text.as_str()),
            Malformed::Progress { text } => lang.domain_parse_progress(text.as_str()),
            Malformed::Category { text } => lang.domain_parse_category(text.as_str()),
            Malformed::SizeClass { text } => lang.designation_parse_size(text.as_str()),
            Malformed::Domain { text, why } => {
                let why = match why {
                    DomainFault::Empty => lang.domain_why_empty().to_string(),
                    DomainFault::TooLong { length, max } => lang.domain_why_too_long(*length, *max),
                    DomainFault::TwoLabels => lang.domain_why_two_labels().into(),
                    DomainFault::LabelLength => lang.domain_why_label_length().into(),
                    DomainFault::Characters => lang.domain_why_characters().into(),
                    DomainFault::Hyphen => lang.domain_why_hyphen().into(),
                    DomainFault::Numeric => lang.domain_why_numeric().into(),
                };
                lang.domain_parse_domain(text.as_str(), why)
            }
        }
    }
}

/// A partner organization's MPN ID: a 6–10 digit number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MpnId(u64);

impl MpnId {
    pub fn new(value: u64) -> Result<Self, ParseIdError> {
        if (100_000..=9_999_999_999).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ParseIdError::of(Malformed::MpnId {
                text: value.to_string(),
            }))
        }
    }
    pub fn get(self) -> u64 {
        self.0
    }
}

impl FromStr for MpnId {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty()
            || t.len() > 10
            || !t.bytes().all(|b| b.is_ascii_digit())
            || t.starts_with('0')
        {
            return Err(ParseIdError::of(Malformed::MpnId {
                text: format!("'{s}'"),
            }));
        }
        t.parse::<u64>()
            .map_err(|_| {
                ParseIdError::of(Malformed::MpnIdBare {
                    text: format!("'{s}'"),
                })
            })
            .and_then(Self::new)
    }
}

impl fmt::Display for MpnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A certification profile's MCID: a positive number (at most 18 digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mcid(u64);

impl Mcid {
    pub fn new(value: u64) -> Result<Self, ParseIdError> {
        if value == 0 || value > 999_999_999_999_999_999 {
            Err(ParseIdError::of(Malformed::Mcid {
                text: value.to_string(),
            }))
        } else {
            Ok(Self(value))
        }
    }
    pub fn get(self) -> u64 {
        self.0
    }
}

impl FromStr for Mcid {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() || t.len() > 18 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseIdError::of(Malformed::Mcid {
                text: format!("'{s}'"),
            }));
        }
        t.parse::<u64>()
            .map_err(|_| {
                ParseIdError::of(Malformed::McidBare {
                    text: format!("'{s}'"),
                })
            })
            .and_then(Self::new)
    }
}

impl fmt::Display for Mcid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Internal, sequential id of an account (work account or support engineer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AccountId(pub u64);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Internal, sequential id of one link (one association of an MCID with an organization).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LinkId(pub u64);

/// An email address, normalised to lower case. Validation is deliberately simple
/// (one `@`, a dotted domain, no spaces): the goal is to catch typos, not to
/// implement RFC 5322.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What follows the `@` (R13a compares it with the owner's domains).
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

impl FromStr for Email {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase();
        let bad = || {
            ParseIdError::of(Malformed::Email {
                text: format!("'{s}'"),
            })
        };
        if t.len() > super::limits::EMAIL_BYTES {
            return Err(ParseIdError::of(Malformed::EmailTooLong {
                length: t.len(),
                max: super::limits::EMAIL_BYTES,
            }));
        }
        if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = t.split_once('@').ok_or_else(bad)?;
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
        {
            return Err(bad());
        }
        Ok(Self(t))
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Partner University username: 1–64 visible characters, kept as typed but
/// compared case-insensitively (stored lower case).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PuUsername(String);

impl PuUsername {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for PuUsername {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase();
        if t.is_empty()
            || t.chars().count() > super::limits::PU_USERNAME
            || t.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(ParseIdError::of(Malformed::PuUsername {
                text: format!("'{s}'"),
            }));
        }
        Ok(Self(t))
    }
}

impl fmt::Display for PuUsername {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mpn_id_is_six_to_ten_digits() {
        assert!("123456".parse::<MpnId>().is_ok());
        assert!("9999999999".parse::<MpnId>().is_ok());
        assert!("12345".parse::<MpnId>().is_err());
        assert!("12345678901".parse::<MpnId>().is_err());
        assert!("12a456".parse::<MpnId>().is_err());
        assert!("012345".parse::<MpnId>().is_err());
        assert!("".parse::<MpnId>().is_err());
    }

    #[test]
    fn mcid_is_positive_number() {
        assert_eq!("42".parse::<Mcid>().unwrap().get(), 42);
        assert!("0".parse::<Mcid>().is_err());
        assert!("-1".parse::<Mcid>().is_err());
        assert!("1e5".parse::<Mcid>().is_err());
        assert!("1234567890123456789".parse::<Mcid>().is_err());
    }

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            "  Ada@Contoso.COM ".parse::<Email>().unwrap().as_str(),
            "ada@contoso.com"
        );
        for bad in [
            "ada",
            "ada@",
            "@contoso.com",
            "ada@contoso",
            "a b@c.com",
            "a@b@c.com",
            "a@.com",
            "a@c..com",
        ] {
            assert!(bad.parse::<Email>().is_err(), "{bad} should be refused");
        }
    }

    /// Every parse error in English is its Display, byte for byte; in
    /// Chinese it is Chinese and still quotes the input.
    #[test]
    fn parse_errors_speak_both_languages() {
        use crate::domains::Domain;
        use crate::roles::Role;
        use crate::skills::{Progress, SkillKind};
        use crate::tickets::TicketCategory;
        let errors = [
            "12".parse::<MpnId>().unwrap_err(),
            MpnId::new(12).unwrap_err(),
            "x".parse::<Mcid>().unwrap_err(),
            "nobody".parse::<Email>().unwrap_err(),
            format!("{}@x.com", "a".repeat(400))
                .parse::<Email>()
                .unwrap_err(),
            "a b".parse::<PuUsername>().unwrap_err(),
            "boss".parse::<Role>().unwrap_err(),
            "video".parse::<SkillKind>().unwrap_err(),
            "halfway".parse::<Progress>().unwrap_err(),
            "billing".parse::<TicketCategory>().unwrap_err(),
            "".parse::<Domain>().unwrap_err(),
            "contoso".parse::<Domain>().unwrap_err(),
            "-x.com".parse::<Domain>().unwrap_err(),
            "contoso.123".parse::<Domain>().unwrap_err(),
            "con_toso.com".parse::<Domain>().unwrap_err(),
        ];
        for e in errors {
            assert_eq!(e.message(Lang::En), e.to_string());
            let zh = e.message(Lang::ZhCn);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            if let Some(quoted) = e.0.split('\'').nth(1) {
                assert!(zh.contains(quoted), "{zh}");
            }
        }
    }
}
