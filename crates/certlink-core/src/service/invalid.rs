//! Why a command could not be done as asked (exit 2; nothing changed), as
//! values a front end can match. Each says what is wrong in words that name no
//! front end: where a front end's own option is the cause (`--now`, `--from`),
//! that front end words it (src/cli/wording.rs). Texts the domain's checks
//! produce (limits, settings, competency definitions) are carried as the
//! domain wrote them.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};

use certlink_domain::{AccountId, Email, Mcid, MpnId, ParseIdError, PuUsername};
use certlink_i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum InvalidInput {
    /// An id, email or number that does not parse.
    #[error(transparent)]
    Malformed(#[from] ParseIdError),
    /// A text outside the domain's limits (empty, too long, control characters).
    #[error("{0}")]
    OutOfLimits(#[from] certlink_domain::limits::FieldError),
    /// A ticket's text (R14) that cannot be stored.
    #[error("{part}: {why}")]
    TicketText {
        part: TicketPart,
        why: certlink_domain::tickets::TextError,
    },
    /// A setting's key or value the domain refuses.
    #[error("{0}")]
    Setting(#[from] certlink_domain::SettingError),
    /// A competency file (R11) that is not the expected TOML.
    #[error("competency file: {0}")]
    CompetencyFile(String),
    /// A competency definition (R11) the domain refuses.
    #[error("{0}")]
    Competency(#[from] certlink_domain::skills::CompetencyError),
    /// A designations file that is not the expected TOML.
    #[error("designations file: {0}")]
    DesignationFile(String),
    /// Designation rules the domain refuses.
    #[error("{}", .0.message(Lang::En))]
    Designation(certlink_domain::designations::DesignationError),
    /// A metrics import with bad lines: nothing of it was kept.
    #[error("nothing imported:\n{}", metrics_lines(.0))]
    MetricsNotImported(Vec<super::designations::MetricsError>),
    #[error("a metrics import holds at most {max} lines")]
    TooManyMetricsLines { max: usize },
    /// An import (learning records) with problems: nothing of it was kept.
    #[error("nothing imported:\n{}", lines(.0))]
    NothingImported(Vec<crate::import::RowError>),
    #[error("a password needs at least {min} characters")]
    PasswordTooShort { min: usize },
    #[error("the new password must differ from the current one")]
    PasswordUnchanged,
    #[error(transparent)]
    KeyText(KeyText),
    /// R13a: the first organization's domain comes from its admin's email.
    #[error("the domain of {0} is not a domain name an organization can own (R13a)")]
    UnownableDomain(Email),
    #[error("type an email, a name, an MCID or an MPN ID")]
    EmptyQuery,
    /// Principle 6: a page position that no page gave out.
    #[error("{0:?} is not a position a page gave out (use the next_after of the previous page)")]
    BadCursor(String),
    /// Principle 6: pages are bounded before any work.
    #[error("a page holds 1 to {max} rows")]
    PageSize { max: usize },
    /// A date range (R18) that ends before it starts.
    #[error("the range starts on {from}, after its end on {to}")]
    RangeReversed { from: NaiveDate, to: NaiveDate },
    #[error(transparent)]
    NotFound(NotFound),
    #[error(transparent)]
    AlreadyExists(AlreadyExists),
    /// A clock started at a chosen instant is for sandboxes only.
    #[error("a chosen start for the clock is accepted only on sandbox databases")]
    ClockStartOnlyOnSandbox,
    /// The clock never goes back: a chosen start must not precede history.
    #[error(
        "the clock's start {} is before the last recorded event ({}); the clock never goes back",
        start.to_rfc3339(),
        last.to_rfc3339()
    )]
    ClockStartBeforeLastEvent {
        start: DateTime<Utc>,
        last: DateTime<Utc>,
    },
    #[error("bulk generation is only for sandbox databases")]
    BulkOnlyOnSandbox,
    /// `demo --people N` past what the generator holds in memory.
    #[error("cannot generate {asked} people: at most {max}")]
    TooManyPeople { asked: usize, max: usize },
    /// The demo rebuilds only sandboxes.
    #[error("refusing to reset {}: {why}", path.display())]
    ResetRefused { path: PathBuf, why: ResetRefusal },
    /// The caller's writer of a streamed report failed.
    #[error("cannot write the report: {0}")]
    ReportOutput(std::io::Error),
    #[error(transparent)]
    Backups(BackupsProblem),
    #[error(transparent)]
    Unavailable(Unavailable),
    #[error(transparent)]
    Inconsistent(Inconsistency),
}

/// Which text of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketPart {
    Description,
    Message,
}

impl std::fmt::Display for TicketPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TicketPart::Description => "description",
            TicketPart::Message => "message",
        })
    }
}

/// What is wrong with the text given as an SSH public key. None of them
/// repeats the text: a private key pasted by mistake must stay out of errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyText {
    #[error(
        "this is a private key: give the public key (the .pub file), and keep the private key secret"
    )]
    Private,
    #[error("expected exactly one OpenSSH public key line, e.g. `ssh-ed25519 AAAA… name@host`")]
    NotOneLine,
    /// The key library's words on why the line is not a key.
    #[error("not an OpenSSH public key ({0}): expected a line like `ssh-ed25519 AAAA… name@host`")]
    NotOpenSsh(String),
}

/// Something a command names that is not there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotFound {
    #[error("no organization with MPN ID {0}")]
    Org(MpnId),
    /// An organization a command would add to or change.
    #[error("no organization with MPN ID {0}: add it first")]
    OrgToChange(MpnId),
    #[error("no account with email {0}")]
    AccountWithEmail(Email),
    #[error("no account {0}")]
    Account(AccountId),
    #[error("no ticket #{0}")]
    Ticket(u64),
    #[error("{email} has no key {fingerprint}")]
    Key { email: Email, fingerprint: String },
}

/// Something a command would add that exists already.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AlreadyExists {
    #[error("an account with email {0} already exists")]
    AccountWithEmail(Email),
    #[error("an organization with MPN ID {0} already exists")]
    Org(MpnId),
    #[error("a profile with MCID {0} already exists")]
    Profile(Mcid),
    #[error("a profile with sign-in email {0} already exists")]
    ProfileWithEmail(Email),
    #[error("a Partner University account {0} already exists")]
    PuAccount(PuUsername),
    #[error("key {fingerprint} is already registered for {email}")]
    KeyOfThisAccount { fingerprint: String, email: Email },
    /// A key signs in one person.
    #[error(
        "key {fingerprint} is already registered for another account: a key signs in one person"
    )]
    KeyOfAnotherAccount { fingerprint: String },
}

/// Why the demo does not reset the file at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetRefusal {
    RealDatabase,
    NotCertlink,
}

impl std::fmt::Display for ResetRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ResetRefusal::RealDatabase => "it is a real certlink database",
            ResetRefusal::NotCertlink => "it is not a certlink database",
        })
    }
}

/// Scheduled backups that cannot be taken as asked.
#[derive(Debug, thiserror::Error)]
pub enum BackupsProblem {
    /// The service was opened without a place for scheduled copies.
    #[error("no place for scheduled backups was given")]
    NoShelf,
    #[error("cannot read the backup directory {}: {source}", dir.display())]
    Unreadable {
        dir: PathBuf,
        source: std::io::Error,
    },
}

/// A facility of the machine or a library that failed; the library's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unavailable {
    #[error("no randomness available: {0}")]
    Randomness(String),
    #[error("argon2 settings are unusable: {0}")]
    HashSettings(String),
    #[error("cannot hash password: {0}")]
    Hashing(String),
    #[error("cannot encode the key: {0}")]
    KeyEncoding(String),
}

/// What the service found missing that its own writes always keep (a damaged
/// or hand-edited database, or a bug).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Inconsistency {
    #[error("a refusal was applied")]
    RefusalApplied,
    #[error("a move to be made stopped to ask")]
    MoveAsked,
    #[error("no transaction")]
    NoTransaction,
    #[error("account vanished")]
    AccountVanished,
    #[error("ticket opener is missing")]
    TicketOpenerMissing,
    #[error("demo: no session for {0}")]
    DemoSession(String),
    #[error("generated ticket {0} is not open")]
    DemoTicket(usize),
    /// The demo's own learning records did not parse.
    #[error("demo learning records: {}", .0.join("; "))]
    DemoRecords(Vec<String>),
}

/// Rejected rows, one a line, in English (Display).
fn metrics_lines(problems: &[super::designations::MetricsError]) -> String {
    problems
        .iter()
        .map(|p| p.message(Lang::En))
        .collect::<Vec<_>>()
        .join("\n")
}

fn lines(problems: &[crate::import::RowError]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl InvalidInput {
    /// What is wrong, in `lang` (Display is the English). A library's or
    /// the store's own words inside (a TOML or I/O error) stay as the
    /// library wrote them.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            InvalidInput::Malformed(e) => e.message(lang),
            InvalidInput::OutOfLimits(e) => e.message(lang),
            InvalidInput::TicketText { part, why } => {
                lang.core_ticket_text(part.label_in(lang), why.message(lang))
            }
            InvalidInput::Setting(e) => e.message(lang),
            InvalidInput::CompetencyFile(e) => lang.core_competency_file(e.as_str()),
            InvalidInput::Competency(e) => e.message(lang),
            InvalidInput::DesignationFile(e) => lang.core_designation_file(e.as_str()),
            InvalidInput::Designation(e) => e.message(lang),
            InvalidInput::MetricsNotImported(problems) => {
                let lines: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
                format!("{}\n{}", lang.core_nothing_imported(), lines.join("\n"))
            }
            InvalidInput::TooManyMetricsLines { max } => lang.core_metrics_too_many_lines(*max),
            InvalidInput::NothingImported(problems) => {
                let lines: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
                format!("{}\n{}", lang.core_nothing_imported(), lines.join("\n"))
            }
            InvalidInput::PasswordTooShort { min } => lang.core_password_too_short(*min),
            InvalidInput::PasswordUnchanged => lang.core_password_unchanged().into(),
            InvalidInput::KeyText(k) => k.message(lang),
            InvalidInput::UnownableDomain(email) => lang.core_unownable_domain(email.as_str()),
            InvalidInput::EmptyQuery => lang.core_empty_query().into(),
            InvalidInput::BadCursor(cursor) => lang.core_bad_cursor(format!("{cursor:?}")),
            InvalidInput::PageSize { max } => lang.core_page_size(*max),
            InvalidInput::RangeReversed { from, to } => {
                lang.core_range_reversed(from.to_string(), to.to_string())
            }
            InvalidInput::NotFound(n) => n.message(lang),
            InvalidInput::AlreadyExists(a) => a.message(lang),
            InvalidInput::ClockStartOnlyOnSandbox => lang.core_clock_sandbox_only().into(),
            InvalidInput::ClockStartBeforeLastEvent { start, last } => {
                lang.core_clock_before_last(start.to_rfc3339(), last.to_rfc3339())
            }
            InvalidInput::BulkOnlyOnSandbox => lang.core_bulk_sandbox_only().into(),
            InvalidInput::TooManyPeople { asked, max } => lang.core_too_many_people(*asked, *max),
            InvalidInput::ResetRefused { path, why } => {
                lang.core_reset_refused(path.display().to_string(), why.message(lang))
            }
            InvalidInput::ReportOutput(e) => lang.core_report_output(e.to_string()),
            InvalidInput::Backups(b) => b.message(lang),
            InvalidInput::Unavailable(u) => u.message(lang),
            // A damaged database or a bug: the operator's words, in English.
            InvalidInput::Inconsistent(i) => i.to_string(),
        }
    }
}

impl TicketPart {
    /// "description", "message", in `lang`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            TicketPart::Description => lang.core_ticket_description(),
            TicketPart::Message => lang.core_ticket_message(),
        }
    }
}

impl KeyText {
    /// [`KeyText`]'s words in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            KeyText::Private => lang.core_key_private().into(),
            KeyText::NotOneLine => lang.core_key_not_one_line().into(),
            KeyText::NotOpenSsh(why) => lang.core_key_not_openssh(why.as_str()),
        }
    }
}

impl NotFound {
    /// [`NotFound`]'s words in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NotFound::Org(mpn) => lang.core_not_found_org(mpn.to_string()),
            NotFound::OrgToChange(mpn) => lang.core_not_found_org_to_change(mpn.to_string()),
            NotFound::AccountWithEmail(email) => {
                lang.core_not_found_account_with_email(email.as_str())
            }
            NotFound::Account(id) => lang.core_not_found_account(id.to_string()),
            NotFound::Ticket(id) => lang.core_not_found_ticket(id.to_string()),
            NotFound::Key { email, fingerprint } => {
                lang.core_not_found_key(email.as_str(), fingerprint.as_str())
            }
        }
    }
}

impl AlreadyExists {
    /// [`AlreadyExists`]'s words in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AlreadyExists::AccountWithEmail(email) => lang.core_exists_account(email.as_str()),
            AlreadyExists::Org(mpn) => lang.core_exists_org(mpn.to_string()),
            AlreadyExists::Profile(mcid) => lang.core_exists_profile(mcid.to_string()),
            AlreadyExists::ProfileWithEmail(email) => {
                lang.core_exists_profile_email(email.as_str())
            }
            AlreadyExists::PuAccount(username) => lang.core_exists_pu_account(username.to_string()),
            AlreadyExists::KeyOfThisAccount { fingerprint, email } => {
                lang.core_exists_key_here(fingerprint.as_str(), email.as_str())
            }
            AlreadyExists::KeyOfAnotherAccount { fingerprint } => {
                lang.core_exists_key_elsewhere(fingerprint.as_str())
            }
        }
    }
}

impl ResetRefusal {
    /// Why the demo does not reset the file, in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            ResetRefusal::RealDatabase => lang.core_reset_real_database(),
            ResetRefusal::NotCertlink => lang.core_reset_not_certlink(),
        }
    }
}

impl BackupsProblem {
    /// [`BackupsProblem`]'s words in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BackupsProblem::NoShelf => lang.core_backups_no_shelf().into(),
            BackupsProblem::Unreadable { dir, source } => {
                lang.core_backups_unreadable(dir.display().to_string(), source.to_string())
            }
        }
    }
}

impl Unavailable {
    /// [`Unavailable`]'s words in `lang` (the library's words inside stay).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Unavailable::Randomness(e) => lang.core_unavailable_randomness(e.as_str()),
            Unavailable::HashSettings(e) => lang.core_unavailable_hash_settings(e.as_str()),
            Unavailable::Hashing(e) => lang.core_unavailable_hashing(e.as_str()),
            Unavailable::KeyEncoding(e) => lang.core_unavailable_key_encoding(e.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of invalid input says in English exactly what Display
    /// says, and in Chinese something else, with its ids kept.
    #[test]
    fn invalid_input_speaks_both_languages() {
        let email: Email = "wang@contoso.com".parse().unwrap();
        let mpn: MpnId = "1234567".parse().unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let all = [
            InvalidInput::PasswordTooShort { min: 12 },
            InvalidInput::PasswordUnchanged,
            InvalidInput::KeyText(KeyText::Private),
            InvalidInput::KeyText(KeyText::NotOneLine),
            InvalidInput::KeyText(KeyText::NotOpenSsh("bad base64".into())),
            InvalidInput::UnownableDomain(email.clone()),
            InvalidInput::EmptyQuery,
            InvalidInput::BadCursor("zz".into()),
            InvalidInput::PageSize { max: 500 },
            InvalidInput::RangeReversed {
                from: day(31),
                to: day(1),
            },
            InvalidInput::NotFound(NotFound::Org(mpn)),
            InvalidInput::NotFound(NotFound::OrgToChange(mpn)),
            InvalidInput::NotFound(NotFound::AccountWithEmail(email.clone())),
            InvalidInput::NotFound(NotFound::Account(AccountId(7))),
            InvalidInput::NotFound(NotFound::Ticket(42)),
            InvalidInput::NotFound(NotFound::Key {
                email: email.clone(),
                fingerprint: "SHA256:abc".into(),
            }),
            InvalidInput::AlreadyExists(AlreadyExists::AccountWithEmail(email.clone())),
            InvalidInput::AlreadyExists(AlreadyExists::Org(mpn)),
            InvalidInput::AlreadyExists(AlreadyExists::Profile(Mcid::new(123_456).unwrap())),
            InvalidInput::AlreadyExists(AlreadyExists::ProfileWithEmail(email.clone())),
            InvalidInput::AlreadyExists(AlreadyExists::PuAccount("wang01".parse().unwrap())),
            InvalidInput::AlreadyExists(AlreadyExists::KeyOfThisAccount {
                fingerprint: "SHA256:abc".into(),
                email: email.clone(),
            }),
            InvalidInput::AlreadyExists(AlreadyExists::KeyOfAnotherAccount {
                fingerprint: "SHA256:abc".into(),
            }),
            InvalidInput::ClockStartOnlyOnSandbox,
            InvalidInput::BulkOnlyOnSandbox,
            InvalidInput::TooManyPeople {
                asked: 200_000_000,
                max: 100_000_000,
            },
            InvalidInput::ResetRefused {
                path: "/tmp/x.redb".into(),
                why: ResetRefusal::RealDatabase,
            },
            InvalidInput::ResetRefused {
                path: "/tmp/x.redb".into(),
                why: ResetRefusal::NotCertlink,
            },
            InvalidInput::CompetencyFile("expected `=`".into()),
            InvalidInput::DesignationFile("expected `=`".into()),
            InvalidInput::Designation(certlink_domain::designations::DesignationError::Duplicate(
                "security".into(),
            )),
            InvalidInput::MetricsNotImported(vec![crate::service::MetricsError {
                line: 3,
                problem: crate::service::MetricsProblem::UnknownArea("x".into()),
            }]),
            InvalidInput::TooManyMetricsLines { max: 10 },
            InvalidInput::NothingImported(vec![crate::import::RowError {
                line: 2,
                reason: crate::import::Problem::NotUtf8,
            }]),
            InvalidInput::TicketText {
                part: TicketPart::Description,
                why: certlink_domain::tickets::TextError::Empty,
            },
            InvalidInput::TicketText {
                part: TicketPart::Message,
                why: certlink_domain::tickets::TextError::TooLong,
            },
            InvalidInput::Backups(BackupsProblem::NoShelf),
            InvalidInput::Unavailable(Unavailable::Hashing("x".into())),
        ];
        for invalid in all {
            let english = invalid.message(Lang::En);
            assert_eq!(english, invalid.to_string());
            let chinese = invalid.message(Lang::ZhCn);
            assert_ne!(chinese, english);
            assert!(
                chinese
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{chinese}"
            );
            for id in ["wang@contoso.com", "1234567", "SHA256:abc", "/tmp/x.redb"] {
                if english.contains(id) {
                    assert!(chinese.contains(id), "{chinese}");
                }
            }
        }
    }
}
