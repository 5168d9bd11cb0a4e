//! The command-line front end: parses arguments, signs in, calls the service, and
//! prints tables or JSON. It decides nothing itself.

pub mod args;
mod confirm;
mod designations;
mod duration;
mod error;
pub mod io;
mod language;
mod operator;
mod outbox;
mod output;
mod panics;
mod person;
mod progress;
mod reports;
pub mod secrets;
mod support;
pub mod usage;
pub mod wording;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use clap::Parser;

use args::{Cli, Command, Format, Global};
use certlink_core::outbox::{Outbox, OutboxMailer, configured_sender};
use certlink_core::service::{Environment, Mailer, Service, ServiceError, Session, SignInSource};
pub use error::CliError;
pub use io::Io;
pub use output::{Front, Table, pairs, print, print_json, report_error, report_error_to};

/// What the binary does with a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    panics::install_quiet_hook();
    let ctx = Ctx {
        global: cli.global,
        io: Io::process(),
        remote: None,
        lang: Default::default(),
        clock_ahead: Default::default(),
    };
    ctx.choose_lang(None);
    let format = ctx.global.format;
    // An unknown CERTLINK_LANG is said, not ignored: the person set it to
    // be spoken to in a language (`--lang` decides first and needs none).
    if let Err(error) = ctx.check_lang_env() {
        return report_error(&error, format, None, ctx.lang());
    }
    let Some(command) = cli.command else {
        // No command: the terminal app on the default database (or --db).
        let opened = ctx.open().map_err(plain);
        return match opened.and_then(|service| open_tui(&ctx, service, None)) {
            Ok(()) => 0,
            Err((error, dates)) => report_error(&error, format, dates.as_ref(), ctx.lang()),
        };
    };
    let code = match panics::contained(|| dispatch(&ctx, command)) {
        Ok(()) => 0,
        Err((error, dates)) => report_error(&error, format, dates.as_ref(), ctx.lang()),
    };
    ctx.note_clock();
    code
}

/// Runs a command for a person already signed in by another front end (SSH
/// exec): on that shared service, as that session, with the given streams.
/// The caller has refused what may not run there (src/ssh/exec.rs); the
/// service still checks every permission.
pub fn run_signed_in(command: Command, global: Global, io: Io, remote: Remote) -> u8 {
    let ctx = Ctx {
        global,
        io,
        remote: Some(remote),
        lang: Default::default(),
        clock_ahead: Default::default(),
    };
    let saved = ctx.remote.as_ref().and_then(|r| r.session.lang);
    ctx.choose_lang(saved);
    let service = ctx.remote.as_ref().map(|r| Arc::clone(&r.service));
    let result = panics::contained(|| dispatch(&ctx, command));
    if let (
        Err((CliError::Service(ServiceError::Store(certlink_core::StoreError::Stopped(_))), _)),
        Some(service),
    ) = (&result, service)
    {
        // The other sessions go on, on a freshly opened database.
        service.store().reopen_soon();
    }
    let code = match result {
        Ok(()) => 0,
        Err((error, dates)) => report_error_to(
            &error,
            ctx.format(),
            dates.as_ref(),
            &ctx.io,
            Front::SshExec,
            ctx.lang(),
        ),
    };
    ctx.note_clock();
    code
}

/// True when both stdin and stdout are terminals: the TUI can run.
pub(crate) fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Opens the terminal app on a service; `demo` lists the sandbox sign-ins on
/// the sign-in screen.
pub(crate) fn open_tui(
    ctx: &Ctx,
    service: Service,
    demo: Option<certlink_core::demo::DemoSignIns>,
) -> Result<(), Failure> {
    if ctx.format() != Format::Table || !interactive() {
        return Err(plain(CliError::Invalid(
            ctx.lang().cli_tui_needs_terminal().into(),
        )));
    }
    let options = certlink_tui::Options {
        mouse: !ctx.global.no_mouse,
        demo,
        log_dir: data_dir().ok(),
        lang: ctx.lang_choice(),
    };
    certlink_tui::run(service, options).map_err(|e| {
        plain(CliError::Invalid(
            ctx.lang().cli_terminal_failed(e.to_string()),
        ))
    })
}

/// Parses the process arguments; clap's own usage errors exit 2, as JSON
/// under `--format json` (principle 9).
pub fn parse() -> Cli {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => match usage::json_of(&error).filter(|_| usage::wants_json(&args)) {
            Some(json) => {
                output::print(&json);
                std::process::exit(error.exit_code());
            }
            None => error.exit(),
        },
    }
}

type Failure = (CliError, Option<certlink_domain::time::DateFormat>);

/// Attaches the service's date format to an error, so refusals show dates in the
/// display time zone with "in N days".
pub(crate) fn with_dates<E: Into<CliError>>(service: &Service) -> impl Fn(E) -> Failure + '_ {
    move |e| (e.into(), service.date_format().ok())
}

fn plain(e: impl Into<CliError>) -> Failure {
    (e.into(), None)
}

fn dispatch(ctx: &Ctx, command: Command) -> Result<(), Failure> {
    let csv_ok = matches!(
        command,
        Command::Report(args::Report::Skills { .. })
            | Command::Report(args::Report::Users { .. })
            | Command::Report(args::Report::Designations)
    );
    if ctx.format() == Format::Csv && !csv_ok {
        return Err(plain(CliError::Invalid(
            ctx.lang().cli_csv_only_reports().into(),
        )));
    }
    match command {
        Command::Demo {
            reset,
            people,
            seed,
        } => operator::demo(ctx, reset, people, seed),
        Command::Init {
            org_name,
            mpn_id,
            admin_email,
            domains,
        } => operator::init(ctx, &org_name, &mpn_id, &admin_email, &domains),
        Command::Admin(admin) => operator::admin(ctx, admin),
        Command::Profile { what: None } => person::profile(ctx),
        Command::Profile {
            what: Some(args::ProfileCmd::Language { language, clear }),
        } => language::run(ctx, language, clear),
        Command::Pu(pu) => person::pu(ctx, pu),
        Command::Link {
            mcid_email,
            password_stdin,
            yes,
        } => person::link(ctx, &mcid_email, password_stdin, yes),
        Command::Unlink => person::unlink(ctx),
        Command::History {
            mcid,
            account,
            limit,
            after,
        } => person::history(ctx, mcid, account, limit, after),
        Command::User(args::User::Delete { email, yes }) => person::delete_user(ctx, &email, yes),
        Command::User(args::User::List) => support::user_list(ctx),
        Command::User(args::User::Invite { email, name, roles }) => {
            support::invite(ctx, &email, &name, &roles)
        }
        Command::User(args::User::Resend { email, new_email }) => {
            support::resend(ctx, &email, new_email.as_deref())
        }
        Command::Lookup { query, person } => support::lookup(ctx, &query, person),
        Command::Ticket(t) => support::ticket(ctx, t),
        Command::Mcid(args::Mcid::Merge {
            from,
            into,
            yes,
            different_people,
        }) => {
            let confirmed = support::MergeConfirmed {
                yes,
                different_people,
            };
            support::merge(ctx, &from, &into, confirmed)
        }
        Command::Report(args::Report::Remove { mcid, yes }) => {
            person::remove_from_report(ctx, &mcid, yes)
        }
        Command::Report(args::Report::Skills { out }) => reports::skills(ctx, out),
        Command::Report(args::Report::Users { out }) => reports::users(ctx, out),
        Command::Report(args::Report::Learning { from, to }) => reports::learning(ctx, from, to),
        Command::Report(args::Report::Designations) => designations::report(ctx),
        Command::Competency(args::CompetencyCmd::List) => reports::competencies(ctx),
        Command::Import { file, input_format } => reports::import(ctx, &file, input_format),
        Command::Role(role) => person::role(ctx, role),
        Command::Password(args::Password::Change) => person::change_password(ctx),
        Command::Key(command) => operator::key(ctx, command),
        Command::Outbox(command) => outbox::run(ctx, command),
        Command::Serve {
            listen,
            host_key,
            idle_timeout,
            backup_every,
            backup_dir,
            backup_keep,
            max_connections,
            max_commands,
            max_sessions,
            login_grace,
        } => {
            let backups =
                backup_every
                    .zip(backup_dir)
                    .map(|(every, dir)| crate::ssh::BackupSchedule {
                        every,
                        dir,
                        keep: usize::try_from(backup_keep).unwrap_or(usize::MAX),
                    });
            let limits = crate::ssh::ServeLimits {
                connections: max_connections,
                commands: max_commands,
                sessions: max_sessions,
                login_grace: std::time::Duration::from_secs(login_grace),
            };
            operator::serve(ctx, listen, host_key, idle_timeout, backups, limits)
        }
    }
}

/// The parsed global options and what follows from them.
pub struct Ctx {
    pub global: Global,
    /// Where output goes and input comes from.
    pub io: Io,
    /// Set when the person was signed in by the front end (SSH).
    remote: Option<Remote>,
    /// The language of output: `--lang` or `CERTLINK_LANG`, else the
    /// signed-in person's saved preference, else the locale (the client's
    /// over SSH). Set again once a sign-in brings the preference.
    lang: std::cell::Cell<certlink_i18n::Lang>,
    /// Principle 7: the sandbox clock, when it runs ahead of this machine's
    /// (its date in display words), found when the database is opened.
    clock_ahead: std::cell::RefCell<Option<ClockAhead>>,
}

/// A sandbox clock ahead of the machine's, as the CLI shows it.
#[derive(Debug, Clone)]
struct ClockAhead {
    at: DateTime<Utc>,
    shown: String,
}

/// A service shared by a server and the person it signed in.
pub struct Remote {
    pub service: Arc<Service>,
    pub session: Session,
    /// The language the client's own locale names (`LANG`/`LC_*` sent by
    /// the SSH client), never the server's.
    pub locale: Option<certlink_i18n::Lang>,
}

/// The service a command runs on: opened for this command, or shared.
pub enum Opened {
    Own(Service),
    Shared(Arc<Service>),
}

impl Deref for Opened {
    type Target = Service;
    fn deref(&self) -> &Service {
        match self {
            Opened::Own(s) => s,
            Opened::Shared(s) => s,
        }
    }
}

/// The outbox beside the database at `db` (R13), sending from the sender of
/// the mail config file (read now: a running server keeps the one it read).
pub(crate) fn mail_beside(db: &Path) -> Arc<dyn Mailer> {
    Arc::new(OutboxMailer::new(
        Outbox::for_database(db),
        configured_sender(),
    ))
}

/// The platform data directory (e.g. ~/.local/share/certlink).
pub fn data_dir() -> Result<PathBuf, CliError> {
    data_dir_in(certlink_i18n::Lang::En)
}

/// [`data_dir`], its error in `lang`.
pub fn data_dir_in(lang: certlink_i18n::Lang) -> Result<PathBuf, CliError> {
    directories::ProjectDirs::from("", "", "certlink")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| CliError::Invalid(lang.cli_no_home_directory().into()))
}

impl Ctx {
    pub fn format(&self) -> Format {
        self.global.format
    }

    /// `--db`, else the default database in the data directory (created if needed).
    pub fn db_path(&self) -> Result<PathBuf, CliError> {
        match &self.global.db {
            Some(p) => Ok(p.clone()),
            None => {
                let dir = data_dir_in(self.lang())?;
                certlink_core::private_files::create_dir_all(&dir).map_err(|e| {
                    CliError::Invalid(
                        self.lang()
                            .cli_cannot_create(dir.display().to_string(), e.to_string()),
                    )
                })?;
                Ok(dir.join("certlink.redb"))
            }
        }
    }

    pub fn now(&self) -> Result<Option<DateTime<Utc>>, CliError> {
        self.global
            .now
            .as_deref()
            .map(|s| {
                DateTime::parse_from_rfc3339(s.trim())
                    .map(|d| d.with_timezone(&Utc))
                    .map_err(|_| CliError::Invalid(self.lang().cli_now_not_rfc3339(s)))
            })
            .transpose()
    }

    /// What the service uses besides the database: the clock (`--now` starts
    /// a sandbox's clock there) and the outbox beside the database.
    pub fn environment(&self, db: &Path) -> Result<Environment, CliError> {
        let environment = Environment::default().with_mail(mail_beside(db));
        Ok(match self.now()? {
            Some(at) => environment.starting_at(at),
            None => environment,
        })
    }

    pub fn open(&self) -> Result<Service, CliError> {
        let db = self.db_path()?;
        // Principle 12: a migration on open shows progress and a summary.
        let lang = self.lang();
        let mut opening = progress::Operation::quiet(self, lang.cli_progress_opening());
        let service = Service::open_with_progress(&db, self.environment(&db)?, &mut opening)?;
        opening.finish_if_worked(lang.cli_progress_migrated());
        self.watch_clock(&service);
        Ok(service)
    }

    /// The service for a person's command: the shared one over SSH, else the
    /// database opened now.
    pub fn service(&self) -> Result<Opened, CliError> {
        match &self.remote {
            Some(r) => {
                self.watch_clock(&r.service);
                Ok(Opened::Shared(Arc::clone(&r.service)))
            }
            None => self.open().map(Opened::Own),
        }
    }

    /// Principle 7: remembers a sandbox clock that runs ahead of this
    /// machine's, so the command's output can say so.
    pub(crate) fn watch_clock(&self, service: &Service) {
        let Ok(Some(at)) = service.sandbox_clock_ahead() else {
            return;
        };
        let shown = self
            .dates(service)
            .map(|d| d.date_time(at))
            .unwrap_or_else(|_| at.to_rfc3339());
        *self.clock_ahead.borrow_mut() = Some(ClockAhead { at, shown });
    }

    /// The note on a sandbox clock ahead of the machine's: on the error
    /// stream for tables (scripts parse standard output), as a key in JSON.
    fn note_clock(&self) {
        if self.format() == Format::Json {
            return;
        }
        if let Some(ahead) = self.clock_ahead.borrow().as_ref() {
            self.io.eprint(&format!(
                "{}\n",
                self.lang().cli_sandbox_clock(&ahead.shown)
            ));
        }
    }

    /// True when the command acts as a person (`--as`, or signed in over SSH),
    /// false for the operator.
    pub fn as_person(&self) -> bool {
        self.remote.is_some() || self.global.as_email.is_some()
    }

    /// True for the local CLI (progress bars and prompts on this terminal).
    pub fn is_local(&self) -> bool {
        self.remote.is_none()
    }

    pub fn print(&self, text: &str) {
        self.io.print(text);
    }

    /// Prints JSON; a sandbox clock ahead of the machine's rides along as the
    /// `sandbox_clock` key of an object (principle 7).
    pub fn print_json(&self, value: &serde_json::Value) {
        match (self.clock_ahead.borrow().as_ref(), value.as_object()) {
            (Some(ahead), Some(object)) => {
                let mut object = object.clone();
                object.insert(
                    "sandbox_clock".into(),
                    serde_json::json!({"now": ahead.at.to_rfc3339(), "ahead_of_machine": true}),
                );
                self.io.print_json(&serde_json::Value::Object(object));
            }
            _ => self.io.print_json(value),
        }
    }

    /// A secret a command asks for (a profile or PU password): the first line of
    /// standard input with `--password-stdin`, else the environment variable or
    /// a prompt. Over SSH there is neither: standard input is the only way.
    pub fn secret(
        &self,
        var: &str,
        prompt: secrets::Prompt,
        stdin: bool,
    ) -> Result<String, CliError> {
        if stdin {
            let line = self.io.read_line().map_err(|e| {
                CliError::Invalid(
                    self.lang()
                        .cli_password_stdin_unreadable(Io::line_error(&e, self.lang())),
                )
            })?;
            if line.is_empty() {
                return Err(CliError::Invalid(
                    self.lang().cli_password_stdin_empty().into(),
                ));
            }
            return Ok(line);
        }
        if self.remote.is_some() {
            return Err(CliError::Invalid(
                self.lang()
                    .cli_secret_not_over_ssh(prompt.name(self.lang())),
            ));
        }
        secrets::read(var, prompt, self.lang())
    }

    /// Signs in as `--as` (password from CERTLINK_PASSWORD or a prompt); over
    /// SSH, the session the server signed in.
    pub fn sign_in(&self, service: &Service) -> Result<Session, CliError> {
        if let Some(remote) = &self.remote {
            return Ok(self.speak_to(remote.session.clone()));
        }
        let email = self
            .global
            .as_email
            .as_deref()
            .ok_or_else(|| CliError::Invalid(self.lang().cli_pass_as().into()))?;
        let password = secrets::read(
            secrets::ACCOUNT_PASSWORD,
            secrets::Prompt::PasswordFor(email),
            self.lang(),
        )?;
        let session = service.sign_in(email, &password, &SignInSource::Local)?;
        Ok(self.speak_to(session))
    }

    /// A session just signed in: from now on output speaks the person's
    /// language (their saved preference counts now), and so does mail their
    /// actions send to someone with no preference of their own.
    pub(crate) fn speak_to(&self, mut session: Session) -> Session {
        self.choose_lang(session.lang);
        session.speaks = self.lang();
        session
    }

    /// The service's date format, in the language output speaks.
    pub fn dates(&self, service: &Service) -> Result<certlink_domain::time::DateFormat, CliError> {
        Ok(service.date_format()?.in_lang(self.lang()))
    }

    /// The language output speaks now.
    pub fn lang(&self) -> certlink_i18n::Lang {
        self.lang.get()
    }

    /// What decides the language besides a saved preference: `--lang`,
    /// `CERTLINK_LANG` (a local run only: a server's environment is not the
    /// person's), and the locale (this process's, or the SSH client's).
    pub fn lang_choice(&self) -> certlink_i18n::Choice {
        use certlink_i18n::{Choice, Lang};
        match &self.remote {
            Some(remote) => Choice {
                explicit: self.global.lang,
                locale: remote.locale,
            },
            None => Choice {
                explicit: self.global.lang.or_else(|| {
                    std::env::var("CERTLINK_LANG")
                        .ok()
                        .and_then(|tag| Lang::from_tag(&tag))
                }),
                locale: Lang::from_locale(|name| std::env::var(name).ok()),
            },
        }
    }

    /// A local run's `CERTLINK_LANG` must name a language certlink speaks
    /// when it decides (no `--lang`); set but empty is unset. An SSH exec
    /// never reads the server's environment.
    fn check_lang_env(&self) -> Result<(), CliError> {
        if self.remote.is_some() || self.global.lang.is_some() {
            return Ok(());
        }
        match std::env::var("CERTLINK_LANG") {
            Ok(tag) if !tag.is_empty() && certlink_i18n::Lang::from_tag(&tag).is_none() => Err(
                CliError::Invalid(self.lang().cli_bad_certlink_lang(tag.as_str())),
            ),
            _ => Ok(()),
        }
    }

    /// Decides the language of output for a person who saved `saved`.
    pub fn choose_lang(&self, saved: Option<certlink_i18n::Lang>) {
        self.lang.set(self.lang_choice().for_person(saved));
    }

    /// Operator commands act through file access, not a sign-in.
    pub fn require_operator(&self) -> Result<(), CliError> {
        if self.global.as_email.is_some() {
            return Err(CliError::Invalid(self.lang().cli_operator_drop_as().into()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use certlink_i18n::Lang;

    fn ctx(args: &[&str]) -> Ctx {
        let cli = Cli::try_parse_from(args).unwrap();
        Ctx {
            global: cli.global,
            io: Io::new(
                Box::new(std::io::sink()),
                Box::new(std::io::sink()),
                Box::new(std::io::empty()),
            ),
            remote: None,
            lang: Default::default(),
            clock_ahead: Default::default(),
        }
    }

    fn session(saved: Option<Lang>) -> Session {
        Session {
            account: certlink_domain::AccountId(1),
            email: "wang@contoso.com".parse().unwrap(),
            name: "王小明".into(),
            org: None,
            org_name: None,
            roles: certlink_domain::Roles::USER,
            is_support: false,
            must_change_password: false,
            lang: saved,
            speaks: Lang::En,
        }
    }

    /// A sign-in brings the saved preference; `--lang` still decides over
    /// it; the session then speaks (mail) what the output speaks.
    #[test]
    fn a_sign_in_speaks_the_persons_language_unless_lang_says_otherwise() {
        let explicit = ctx(&["certlink", "--lang", "zh-CN", "profile"]);
        let signed_in = explicit.speak_to(session(Some(Lang::En)));
        assert_eq!(explicit.lang(), Lang::ZhCn);
        assert_eq!(signed_in.speaks, Lang::ZhCn);

        let explicit = ctx(&["certlink", "--lang", "en", "profile"]);
        assert_eq!(
            explicit.speak_to(session(Some(Lang::ZhCn))).speaks,
            Lang::En
        );

        // The environment's CERTLINK_LANG would decide first; without it the
        // saved preference does.
        if std::env::var("CERTLINK_LANG").is_err() {
            let saved = ctx(&["certlink", "profile"]);
            let signed_in = saved.speak_to(session(Some(Lang::ZhCn)));
            assert_eq!(saved.lang(), Lang::ZhCn);
            assert_eq!(signed_in.speaks, Lang::ZhCn);
        }
    }
}
