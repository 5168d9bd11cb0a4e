//! Typed identifiers. Parsing is strict so malformed input is refused at the edge
//! (exit code 2) before anything reaches the store.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a piece of input could not be parsed. The message is shown to people as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseIdError(pub String);

/// A partner organization's MPN ID: a 6–10 digit number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MpnId(u64);

impl MpnId {
    pub fn new(value: u64) -> Result<Self, ParseIdError> {
        if (100_000..=9_999_999_999).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ParseIdError(format!(
                "malformed MPN ID {value}: an MPN ID is a number of 6 to 10 digits"
            )))
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
            return Err(ParseIdError(format!(
                "malformed MPN ID '{s}': an MPN ID is a number of 6 to 10 digits"
            )));
        }
        t.parse::<u64>()
            .map_err(|_| ParseIdError(format!("malformed MPN ID '{s}'")))
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
            Err(ParseIdError(format!(
                "malformed MCID {value}: an MCID is a positive number of at most 18 digits"
            )))
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
            return Err(ParseIdError(format!(
                "malformed MCID '{s}': an MCID is a positive number of at most 18 digits"
            )));
        }
        t.parse::<u64>()
            .map_err(|_| ParseIdError(format!("malformed MCID '{s}'")))
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
        let bad = || ParseIdError(format!("malformed email address '{s}'"));
        if t.len() > super::limits::EMAIL_BYTES {
            return Err(ParseIdError(format!(
                "malformed email address: {} bytes long, at most {} are allowed (RFC 5321)",
                t.len(),
                super::limits::EMAIL_BYTES
            )));
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
            return Err(ParseIdError(format!(
                "malformed Partner University username '{s}': 1 to 64 characters, no spaces"
            )));
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
}
