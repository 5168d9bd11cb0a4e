//! Field length limits, in one place (issue #8, abuse): every text a person or a
//! file brings in has a ceiling, so no input can fill the store, a report or a
//! screen, or make a command slow. The service and the import parser enforce
//! them with errors that say the field and the limit, before anything changes;
//! the TUI's text fields stop taking characters at the limit.
//!
//! Lengths are in characters (Unicode scalar values) unless the name says bytes.

/// RFC 5321: an address (a path of at most 256 octets, less the angle brackets)
/// has at most 254 octets. Applied in bytes, to the trimmed, lower-cased text.
pub const EMAIL_BYTES: usize = 254;

/// RFC 1035: a domain name has at most 253 octets in its text form (R13a).
pub const DOMAIN_BYTES: usize = 253;

/// The email domains one organization (or the support engineers) holds (R13a).
pub const DOMAINS_PER_OWNER: usize = 100;

/// A person's display name, a support engineer's name, a profile's name.
pub const NAME: usize = 200;

/// An organization's name.
pub const ORG_NAME: usize = 200;

/// A Partner University username.
pub const PU_USERNAME: usize = 64;

/// A password (work account, profile, PU). Longer input is never a password
/// that could have been set, so sign-in treats it as wrong without hashing it.
pub const PASSWORD: usize = 1024;

/// A ticket's description and each reply (R14).
pub const TICKET_TEXT: usize = 4000;

/// A support lookup query (R14): the longest thing looked up is an email.
pub const LOOKUP_QUERY: usize = EMAIL_BYTES;

/// A list's filter text (Users, issue 15): matched against names and emails,
/// so nothing longer than an email can match.
pub const LIST_FILTER: usize = EMAIL_BYTES;

/// A skill id (exam or certification code) in an import or a competency.
pub const SKILL_ID: usize = 64;

/// A skill's name in an import.
pub const SKILL_NAME: usize = 200;

/// A competency's id and name (R11).
pub const COMPETENCY_ID: usize = 64;
pub const COMPETENCY_NAME: usize = 200;

/// Skill ids one competency may name.
pub const COMPETENCY_SKILLS: usize = 200;

/// A competency definitions file (TOML), in bytes.
pub const COMPETENCY_FILE_BYTES: usize = 1024 * 1024;

/// One line (JSON Lines) or row (CSV) of a learning-records import, in bytes. A
/// full row with every field at its limit takes about 1.5 KiB.
pub const IMPORT_LINE_BYTES: usize = 4096;

/// A whole learning-records import, in bytes: about a million rows.
pub const IMPORT_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// An OpenSSH public key line, in bytes (a 16384-bit RSA key is about 2.8 KB).
pub const SSH_KEY_BYTES: usize = 8 * 1024;

/// A bracketed paste over SSH, in bytes: many times any field's limit (the
/// fields cut it), small enough that an endless paste cannot grow memory.
pub const PASTE_BYTES: usize = 64 * 1024;

/// The longest single-line text field the TUI offers (a ticket text).
pub const TEXT_FIELD: usize = TICKET_TEXT;

use certlink_i18n::Lang;

/// Why a field's value was refused, naming the field in the caller's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("{field} is {length} characters long; at most {max} are allowed")]
    TooManyChars {
        field: String,
        length: usize,
        max: usize,
    },
    #[error("{field} is {length} bytes long; at most {max} are allowed")]
    TooManyBytes {
        field: String,
        length: usize,
        max: usize,
    },
    #[error("{field} is empty")]
    Empty { field: String },
    #[error("{field} contains control characters")]
    ControlCharacters { field: String },
}

/// The fields callers name, in English as they name them, with their words.
/// A text of the catalog without placeholders.
type Words = fn(Lang) -> &'static str;

const FIELDS: [(&str, Words); 16] = [
    ("the name", Lang::domain_field_name),
    ("the filter", Lang::domain_field_filter),
    ("the query", Lang::domain_field_query),
    ("a competency id", Lang::domain_field_competency_id),
    ("the competency file", Lang::domain_field_competency_file),
    ("the password", Lang::domain_field_password),
    ("the public key", Lang::domain_field_public_key),
    (
        "the organization name",
        Lang::domain_field_organization_name,
    ),
    ("the profile name", Lang::domain_field_profile_name),
    (
        "the designations file",
        Lang::domain_field_designations_file,
    ),
    ("the metrics file", Lang::domain_field_metrics_file),
    (
        "the designations file version",
        Lang::domain_field_designations_version,
    ),
    ("a solution area id", Lang::domain_field_area_id),
    ("a solution area name", Lang::domain_field_area_name),
    ("a certification id", Lang::domain_field_certification_id),
    (
        "a certification name",
        Lang::domain_field_certification_name,
    ),
];

/// A field's name in `lang`; one this does not know stays as the caller wrote it.
fn field_in(field: &str, lang: Lang) -> &str {
    FIELDS
        .iter()
        .find(|(english, _)| *english == field)
        .map_or(field, |(_, words)| words(lang))
}

impl FieldError {
    /// Why the value was refused, in `lang` (Display is the English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FieldError::TooManyChars { field, length, max } => {
                lang.domain_field_too_many_chars(field_in(field, lang), *length, *max)
            }
            FieldError::TooManyBytes { field, length, max } => {
                lang.domain_field_too_many_bytes(field_in(field, lang), *length, *max)
            }
            FieldError::Empty { field } => lang.domain_field_empty(field_in(field, lang)),
            FieldError::ControlCharacters { field } => {
                lang.domain_field_control(field_in(field, lang))
            }
        }
    }
}

/// Refuses `value` if it has more than `max` characters, naming `field`.
pub fn check_chars(field: &str, value: &str, max: usize) -> Result<(), FieldError> {
    let length = value.chars().count();
    if length > max {
        return Err(FieldError::TooManyChars {
            field: field.to_string(),
            length,
            max,
        });
    }
    Ok(())
}

/// Refuses `value` if it has more than `max` bytes, naming `field`.
pub fn check_bytes(field: &str, value: &str, max: usize) -> Result<(), FieldError> {
    let length = value.len();
    if length > max {
        return Err(FieldError::TooManyBytes {
            field: field.to_string(),
            length,
            max,
        });
    }
    Ok(())
}

/// A single-line text of 1 to `max` printable characters, trimmed.
pub fn check_line(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let t = value.trim();
    if t.is_empty() {
        return Err(FieldError::Empty {
            field: field.to_string(),
        });
    }
    check_chars(field, t, max)?;
    if t.chars().any(char::is_control) {
        return Err(FieldError::ControlCharacters {
            field: field.to_string(),
        });
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_inclusive_and_name_the_field() {
        let at = "x".repeat(NAME);
        assert_eq!(check_line("the name", &at, NAME).unwrap(), at);
        let over = "x".repeat(NAME + 1);
        let e = check_line("the name", &over, NAME).unwrap_err();
        assert_eq!(
            e,
            FieldError::TooManyChars {
                field: "the name".into(),
                length: NAME + 1,
                max: NAME
            }
        );
        let e = e.to_string();
        assert!(
            e.contains("the name") && e.contains("201") && e.contains("200"),
            "{e}"
        );
        // Characters, not bytes: 200 CJK characters are 600 bytes and fit.
        assert!(check_line("the name", &"王".repeat(NAME), NAME).is_ok());
        assert!(check_bytes("the key", &"王".repeat(3), 8).is_err());
        assert!(check_line("the name", " \t ", NAME).is_err());
        assert!(check_line("the name", "a\u{1b}[2J", NAME).is_err());
    }

    #[test]
    fn field_errors_name_the_field_in_the_readers_language() {
        let e = check_line("the name", "", NAME).unwrap_err();
        assert_eq!(e.message(Lang::En), e.to_string());
        assert_eq!(e.message(Lang::ZhCn), "姓名为空");
        let e = check_chars("the password", &"x".repeat(2000), PASSWORD).unwrap_err();
        assert_eq!(e.message(Lang::En), e.to_string());
        assert!(e.message(Lang::ZhCn).starts_with("密码长 2000 个字符"));
    }
}
