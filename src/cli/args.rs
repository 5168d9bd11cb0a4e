//! The command line, as clap parses it. Names here are a contract for scripts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "certlink",
    version,
    about = "Link Microsoft certification profiles (MCIDs) to partner organizations"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The heading of the options every command takes: `--help` lists a
/// command's own options first and these after them (principle 9).
pub const GLOBAL: &str = "Global options";

#[derive(Debug, Args)]
pub struct Global {
    /// Database file [default: the platform data directory's certlink.redb]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Act as this person (password from CERTLINK_PASSWORD or a prompt)
    #[arg(long = "as", global = true, help_heading = GLOBAL, value_name = "EMAIL")]
    pub as_email: Option<String>,
    /// Output format
    #[arg(long, global = true, help_heading = GLOBAL, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Start the clock at this instant (sandbox databases only), e.g. 2026-11-23T09:00:00Z
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Terminal app: leave the mouse to the terminal (its own text selection)
    /// instead of clicking tabs and rows
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_mouse: bool,
    /// Language of tables, messages and screens: en or zh-CN [default:
    /// CERTLINK_LANG, then the saved preference, then LC_ALL/LC_MESSAGES/LANG]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "LANG")]
    pub lang: Option<certlink_i18n::Lang>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    /// Reports only (`report skills`, `report users`).
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the sandbox database with demo data, creating it the first time
    /// (~/.local/share/certlink/demo.redb on Linux, or --db PATH); run again, it
    /// reopens the sandbox as it was
    Demo {
        /// Replace the sandbox with a fresh one (refused for anything but a sandbox)
        #[arg(long)]
        reset: bool,
        /// Instead of the demo stories, generate this many people (for measuring
        /// at scale; an existing sandbox needs --reset)
        #[arg(long, value_name = "N", value_parser = people_count)]
        people: Option<usize>,
        /// Seed of the generator (same seed, same people)
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Create a new real database with its first organization and Global Admin
    Init {
        /// The first organization's name
        #[arg(long)]
        org_name: String,
        /// Its MPN ID (6–10 digits)
        #[arg(long)]
        mpn_id: String,
        /// Its first Global Admin's work email (password from CERTLINK_PASSWORD or a prompt)
        #[arg(long)]
        admin_email: String,
        /// Another email domain of the organization, besides the admin email's,
        /// which it gets first (R13a; repeatable)
        #[arg(long = "domain", value_name = "DOMAIN")]
        domains: Vec<String>,
    },
    /// Operator commands (need file access, not a sign-in)
    #[command(subcommand)]
    Admin(Admin),
    /// Your profile: PU access, linked MCID, and when you may associate next (R9)
    Profile {
        #[command(subcommand)]
        what: Option<ProfileCmd>,
    },
    /// Partner University access (R2)
    #[command(subcommand)]
    Pu(Pu),
    /// Associate your certification profile (R4; profile password from CERTLINK_MCID_PASSWORD or a prompt)
    Link {
        /// The sign-in email of your certification profile
        #[arg(long)]
        mcid_email: String,
        /// Read the profile password from the first line of standard input
        /// (scripts, and the only way over ssh)
        #[arg(long)]
        password_stdin: bool,
        /// When the MCID is linked to another organization: move it here
        /// without showing what the move does and asking (R6)
        #[arg(long)]
        yes: bool,
    },
    /// Remove access: end your own link (R7)
    Unlink,
    /// The audit trail of an MCID or an account, as you may see it (R16)
    History {
        /// The MCID whose trail to show
        #[arg(long, conflicts_with = "account", required_unless_present = "account")]
        mcid: Option<String>,
        /// The email of the account whose trail to show
        #[arg(long)]
        account: Option<String>,
        /// Entries per page, newest first (at most 1000)
        #[arg(long, default_value_t = 50, value_parser = page_size)]
        limit: usize,
        /// Continue after this entry (the `next_after` of the previous page)
        #[arg(long, value_name = "SEQ")]
        after: Option<u64>,
    },
    /// Accounts of your organization (Global Admin)
    #[command(subcommand)]
    User(User),
    /// Reports of your organization (Global Admins and MPN Partner Admins)
    #[command(subcommand)]
    Report(Report),
    /// Grant or revoke roles (Global Admin, R17)
    #[command(subcommand)]
    Role(RoleCmd),
    /// Your password
    #[command(subcommand)]
    Password(Password),
    /// Import learning records (JSON Lines or CSV; `-` for standard input). Support engineers and the operator
    Import {
        /// The file, or - for standard input
        file: String,
        /// The file's format [default: from the extension, else detected]
        #[arg(long, value_enum)]
        input_format: Option<InputFormatArg>,
    },
    /// Find people across organizations by email, name, MCID or MPN ID (support engineers)
    Lookup {
        /// An email or name (its beginning), an MCID or an MPN ID
        query: String,
        /// Show the full person view of this email instead of a list
        #[arg(long)]
        person: bool,
    },
    /// Support tickets (R14)
    #[command(subcommand)]
    Ticket(Ticket),
    /// Certification profiles (R15)
    #[command(subcommand)]
    Mcid(Mcid),
    /// Competency status of your organization (Global Admins and MPN Partner Admins, R11)
    #[command(subcommand)]
    Competency(CompetencyCmd),
    /// Serve certlink over SSH: this process holds the database and serves one
    /// session per connection (operator; docs/ssh.md)
    Serve {
        /// Address to listen on (port 0: any free port)
        #[arg(long, default_value = "127.0.0.1:2222")]
        listen: String,
        /// The ed25519 host key, created on first start [default: beside the database]
        #[arg(long, value_name = "PATH")]
        host_key: Option<PathBuf>,
        /// End an interactive session after this many seconds without a key press
        #[arg(long, default_value_t = 900, value_name = "SECONDS")]
        idle_timeout: u64,
        /// Take a verified backup at start and then at this interval, e.g. 24h,
        /// 30m, 90s, 7d (needs --backup-dir; docs/reliability/crash-and-backup.md)
        #[arg(long, value_name = "DURATION", value_parser = super::duration::parse_interval, requires = "backup_dir")]
        backup_every: Option<std::time::Duration>,
        /// Where scheduled backups go, as certlink-YYYYmmddTHHMMSSZ.redb (an existing directory)
        #[arg(long, value_name = "DIR", requires = "backup_every")]
        backup_dir: Option<PathBuf>,
        /// How many scheduled backups to keep (the newest; older ones are deleted
        /// after a new one is verified)
        #[arg(long, value_name = "K", default_value_t = 7, value_parser = clap::value_parser!(u64).range(1..))]
        backup_keep: u64,
        /// Connections at once, all sources together (24 per source address at most; docs/ssh.md "Limits")
        #[arg(long, value_name = "N", default_value_t = crate::ssh::limits::CONNECTIONS, value_parser = at_least_one)]
        max_connections: usize,
        /// Commands (`ssh HOST COMMAND`) running at once; more wait their turn (4 per person at most)
        #[arg(long, value_name = "N", default_value_t = crate::ssh::limits::COMMANDS, value_parser = at_least_one)]
        max_commands: usize,
        /// Close a connection that has not signed in after this many seconds
        #[arg(long, default_value_t = 60, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
        login_grace: u64,
        /// Interactive sessions at once (4 per person at most)
        #[arg(long, value_name = "N", default_value_t = crate::ssh::limits::SESSIONS, value_parser = at_least_one)]
        max_sessions: usize,
    },
    /// SSH public keys a person signs in with over `certlink serve` (operator; docs/ssh.md)
    #[command(subcommand)]
    Key(KeyCmd),
    /// The mail outbox beside the database (operator; R13, docs/outbox.md)
    #[command(subcommand)]
    Outbox(OutboxCmd),
}

/// What else the profile holds (issue 16).
#[derive(Debug, Subcommand)]
pub enum ProfileCmd {
    /// Show or save the language of your output, screens and mail (saved on
    /// your profile; --lang and CERTLINK_LANG still come first)
    Language {
        /// The language to save: en or zh-CN [default: show what is saved]
        #[arg(value_name = "LANG", conflicts_with = "clear")]
        language: Option<certlink_i18n::Lang>,
        /// Clear the saved language: --lang, CERTLINK_LANG or your locale decide
        #[arg(long)]
        clear: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCmd {
    /// Register a public key (an OpenSSH .pub file) for the account with this email
    Add {
        /// The account's email
        email: String,
        /// The public key file
        #[arg(long, value_name = "KEY.pub")]
        file: PathBuf,
    },
    /// The account's keys: fingerprint, algorithm, comment
    List {
        /// The account's email
        email: String,
    },
    /// Remove a key (by its SHA256 fingerprint, as `key list` shows it)
    Remove {
        /// The account's email
        email: String,
        /// The key's SHA256 fingerprint
        fingerprint: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum OutboxCmd {
    /// Every queued message: pending or sent, attempts and last error
    List {
        /// Only the messages not yet delivered
        #[arg(long)]
        pending: bool,
    },
    /// Deliver the pending messages over SMTP (`[smtp]` in the config file)
    Send,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Jsonl,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum CompetencyCmd {
    /// Each competency: required, current, met, and who counts
    List,
}

#[derive(Debug, Subcommand)]
pub enum Admin {
    /// Organizations
    #[command(subcommand)]
    Org(AdminOrg),
    /// Support engineers
    #[command(subcommand)]
    Support(AdminSupport),
    /// Certification profiles (password from CERTLINK_MCID_PASSWORD or a prompt)
    #[command(subcommand)]
    Profile(AdminProfile),
    /// Partner University accounts (password from CERTLINK_PU_PASSWORD or a prompt)
    #[command(subcommand)]
    Pu(AdminPu),
    /// Database settings
    #[command(subcommand)]
    Settings(AdminSettings),
    /// Clear a work account's sign-in lock (R1)
    Unlock {
        /// The account's email
        email: String,
    },
    /// Issue a temporary password (recovery; the person must change it)
    ResetPassword {
        /// The account's email
        email: String,
    },
    /// Check the database's integrity and the invariants of the rule book
    Check,
    /// Write a verified, consistent copy of the database to a new file (while
    /// `certlink serve` holds the database, its --backup-every takes the copies)
    Backup {
        /// The new file (refused if it exists)
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Put a backup in place of the database (--db), after verifying it; the
    /// replaced file is kept beside it. Refused while the database is in use
    Restore {
        /// The backup file (left untouched)
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Competency definitions (R11)
    #[command(subcommand)]
    Competency(AdminCompetency),
    /// Solutions Partner designations: definitions, size classes, imported metrics
    #[command(subcommand)]
    Designation(AdminDesignation),
}

#[derive(Debug, Subcommand)]
pub enum AdminDesignation {
    /// Add or replace solution areas' rules from a TOML file (docs/examples/designations.toml)
    Define {
        /// The TOML file of definitions
        #[arg(long)]
        file: std::path::PathBuf,
    },
    /// Set an organization's size class (the published numbers differ for them)
    Size {
        /// The organization's MPN ID
        #[arg(long)]
        mpn_id: String,
        /// enterprise or smb
        #[arg(long)]
        size: String,
    },
    /// Import performance and customer success per organization and area (JSON Lines, docs/import.md)
    Metrics {
        /// The JSON Lines file
        #[arg(long)]
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCompetency {
    /// Add or replace definitions from a TOML file (see docs/import.md)
    Define {
        /// The TOML file of definitions
        #[arg(long)]
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminOrg {
    /// Add an organization; without --domain it invites no one until a domain is added (R13a)
    Add {
        /// The organization's MPN ID (6–10 digits)
        #[arg(long)]
        mpn_id: String,
        /// The organization's name
        #[arg(long)]
        name: String,
        /// An email domain the organization owns (repeatable)
        #[arg(long = "domain", value_name = "DOMAIN")]
        domains: Vec<String>,
    },
    /// The email domains an organization's work accounts live in (R13a)
    #[command(subcommand)]
    Domain(OrgDomain),
}

#[derive(Debug, Subcommand)]
pub enum OrgDomain {
    /// Give a domain to an organization (refused if another one, or support, holds it)
    Add {
        /// The organization's MPN ID
        #[arg(long)]
        mpn_id: String,
        /// The email domain, e.g. contoso.com
        domain: String,
    },
    /// Take a domain from an organization (refused while live accounts use it)
    Remove {
        /// The organization's MPN ID
        #[arg(long)]
        mpn_id: String,
        /// The email domain
        domain: String,
    },
    /// The domains of one organization [default: of every organization and support]
    List {
        /// Only this organization's domains
        #[arg(long)]
        mpn_id: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminSupport {
    /// Add a support engineer, in a support domain (password from CERTLINK_PASSWORD or a prompt)
    Add {
        /// The engineer's email, in a support domain
        email: String,
        /// The engineer's display name
        #[arg(long)]
        name: String,
    },
    /// The email domains support engineers live in; no work account can (R13a)
    #[command(subcommand)]
    Domain(SupportDomain),
}

#[derive(Debug, Subcommand)]
pub enum SupportDomain {
    /// Make a domain a support domain (refused if an organization holds it)
    Add {
        /// The email domain
        domain: String,
    },
    /// Remove a support domain (refused while live support engineers use it)
    Remove {
        /// The email domain
        domain: String,
    },
    /// The support domains
    List,
}

#[derive(Debug, Subcommand)]
pub enum AdminProfile {
    /// Register a certification profile from outside systems
    Add {
        /// The profile's MCID
        #[arg(long)]
        mcid: String,
        /// The profile's sign-in email
        #[arg(long)]
        email: String,
        /// Display name on the profile [default: the email]
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminPu {
    /// Register a Partner University account from outside systems
    Add {
        /// The PU username
        #[arg(long)]
        username: String,
        /// The PU account's email
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminSettings {
    /// Every setting with its value and meaning
    Show,
    /// Change one setting (audited)
    Set {
        /// The setting's key, as `admin settings show` lists it
        key: String,
        /// Its new value
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum Pu {
    /// Get access with your PU credentials (password from CERTLINK_PU_PASSWORD or a prompt)
    Grant {
        /// Your Partner University username
        #[arg(long)]
        username: String,
        /// Read the PU password from the first line of standard input
        /// (scripts, and the only way over ssh)
        #[arg(long)]
        password_stdin: bool,
    },
    /// Remove access
    Remove,
}

#[derive(Debug, Subcommand)]
pub enum User {
    /// Every account of your organization, with status, roles, PU access and linked MCID
    List,
    /// Invite a work email: a temporary password is shown once and mailed through the outbox (R13)
    Invite {
        /// The work email to invite, in one of your organization's domains
        email: String,
        /// The person's display name
        #[arg(long)]
        name: String,
        /// Roles besides User (repeatable)
        #[arg(long = "role", value_enum)]
        roles: Vec<RoleName>,
    },
    /// New sign-in details for an invited account, optionally at a corrected email (R13)
    Resend {
        /// The invited account's email
        email: String,
        /// The corrected email
        #[arg(long = "email")]
        new_email: Option<String>,
    },
    /// Delete a departed person's account (R12; their MCID stays linked until removed from the report)
    Delete {
        /// The account's email
        email: String,
        /// Delete without showing what it does and asking
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum Ticket {
    /// Open a ticket about linking, unlinking, an MCID merge or anything else (R14)
    Open {
        /// What the ticket is about
        #[arg(long, value_enum)]
        category: TicketCategoryArg,
        /// What happened and what you need
        #[arg(long)]
        description: String,
    },
    /// Your tickets, newest first; for support engineers, the queue (open, then
    /// waiting on the user, then resolved), a page at a time
    List {
        /// Tickets per page (at most 1000)
        #[arg(long, default_value_t = 100, value_parser = page_size)]
        limit: usize,
        /// Continue after this position (the `next_after` of the previous page)
        #[arg(long, value_name = "CURSOR")]
        after: Option<String>,
    },
    /// One ticket with its conversation
    Show {
        /// The ticket number
        id: u64,
    },
    /// Add a reply
    Reply {
        /// The ticket number
        id: u64,
        /// The reply
        #[arg(long)]
        message: String,
    },
    /// Mark resolved (support engineers)
    Resolve {
        /// The ticket number
        id: u64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TicketCategoryArg {
    Linking,
    Unlinking,
    McidMerge,
    Other,
}

#[derive(Debug, Subcommand)]
pub enum Mcid {
    /// Merge a duplicate certification profile into a primary one (support, R15)
    Merge {
        /// The duplicate profile's MCID (it ends merged)
        #[arg(long)]
        from: String,
        /// The primary profile's MCID (it keeps everything)
        #[arg(long)]
        into: String,
        /// Merge without showing the preview and asking
        #[arg(long)]
        yes: bool,
        /// With --yes: merge even when the preview warns that the two profiles' names
        /// or emails differ (two different people?); without it such a merge is refused
        #[arg(long)]
        different_people: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum Report {
    /// The skills report (R10): every person and skill, reflected or pending (R3), and competency relevance
    Skills {
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Every account with PU access and linked Learning account yes/no (R10)
    Users {
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Solutions Partner designation scores: points per solution area, who counts, the next points
    /// (Global Admins and MPN Partner Admins)
    Designations,
    /// Learn analytics (R18) for a date range [default: the last 12 months]
    Learning {
        /// First day, YYYY-MM-DD
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD
        #[arg(long)]
        to: Option<String>,
    },
    /// Remove a departed person from the skills report: ends their link (R12)
    Remove {
        /// The departed person's MCID
        #[arg(long)]
        mcid: String,
        /// Remove without showing what it does and asking
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleName {
    PartnerAdmin,
    GlobalAdmin,
}

#[derive(Debug, Subcommand)]
pub enum RoleCmd {
    /// Give an account a role
    Grant {
        /// The account's email
        email: String,
        /// The role
        role: RoleName,
    },
    /// Take a role from an account (an organization keeps one Global Admin)
    Revoke {
        /// The account's email
        email: String,
        /// The role
        role: RoleName,
    },
}

#[derive(Debug, Subcommand)]
pub enum Password {
    /// Set a new password (current from CERTLINK_PASSWORD, new from CERTLINK_NEW_PASSWORD, or prompts)
    Change,
}

/// The most rows one page may ask for: bounded before any work (principle 6).
pub const MAX_PAGE: usize = 1000;

/// A page size (`--limit`): 1 to [`MAX_PAGE`].
fn page_size(text: &str) -> Result<usize, String> {
    whole_number_in(text, MAX_PAGE)
}

/// A whole number from 1 to `max`, or the usage error that says so.
fn whole_number_in(text: &str, max: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a whole number from 1 to {max}, not {text:?}"
        )),
    }
}

/// `demo --people N`: 1 to core's bound, as a usage error before any work.
fn people_count(text: &str) -> Result<usize, String> {
    whole_number_in(text, certlink_core::demo::MAX_PEOPLE)
}

/// A count of at least one (`serve --max-…`).
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "expected a whole number of at least 1, not {text:?}"
        )),
    }
}
