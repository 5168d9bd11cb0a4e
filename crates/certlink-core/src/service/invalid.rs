//! Why a command could not be done as asked (exit 2; nothing changed), as
//! values a front end can match. Each says what is wrong in words that name no
//! front end: where a front end's own option is the cause (`--now`, `--from`),
//! that front end words it (src/cli/wording.rs). Texts the domain's checks
//! produce (limits, settings, competency definitions) are carried as the
//! domain wrote them.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};

use certlink_domain::{AccountId, Email, Mcid, MpnId, ParseIdError, PuUsername};

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
    /// An import (learning records) with problems: nothing of it was kept.
    #[error("nothing imported:\n{}", .0.join("\n"))]
    NothingImported(Vec<String>),
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
