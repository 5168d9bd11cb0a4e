//! The CLI's words for what core reports. Core says what happened; where the
//! cause or the way out is one of this command line's own options or commands
//! (`--now`, `--db`, `certlink admin check`), it is said here, so core names no
//! flag of any front end. SSH exec and the server's messages use these words
//! too: they run the same commands.

use certlink_core::outbox::OutboxError;
use certlink_core::service::{InvalidInput, NotFound, ServiceError, Warning};
use certlink_core::{Advice, Damage, StoreError};

/// Where to go when the file may be damaged.
const RECOVERY: &str = "run `certlink admin check`; if it reports damage, restore the newest backup (made by `certlink admin backup --to FILE`)";

use super::CliError;

/// The message of an error that is not a refusal (refusals are worded with
/// their dates and hints in `output.rs`).
pub fn message(error: &CliError) -> String {
    match error {
        CliError::Service(e) => service(e),
        CliError::Invalid(text) => text.clone(),
    }
}

/// A service error as the CLI says it.
pub fn service(error: &ServiceError) -> String {
    match error {
        ServiceError::Invalid(invalid) => self::invalid(invalid),
        ServiceError::Store(e) => store(e),
        ServiceError::Refused(_) => error.to_string(),
    }
}

/// A store error with its advice, naming the commands and options that follow it.
pub fn store(error: &StoreError) -> String {
    let what = error.to_string();
    match error.advice() {
        None => what,
        Some(Advice::UseTheHolder) => format!(
            "{what} (e.g. `certlink serve`); connect with ssh instead, or stop that process"
        ),
        Some(Advice::RestoreIfItWasOne) => format!(
            "{what} (if it was one, its header is damaged: restore the newest backup, made by `certlink admin backup --to FILE`)"
        ),
        Some(Advice::CreateOne) => {
            format!("{what}: create one with `certlink init` (or `certlink demo` for a sandbox)")
        }
        Some(Advice::CreateTheDirectory) => {
            format!("{what}: create it first or choose another --db path")
        }
        Some(Advice::Recover(Damage::Found)) => format!("{what}: {RECOVERY}"),
        Some(Advice::Recover(Damage::Possible)) => format!("{what}; {RECOVERY}"),
        Some(Advice::Recover(Damage::IfItRepeats)) => format!("{what} (if it repeats, {RECOVERY})"),
    }
}

/// Invalid input, naming the option that caused it where there is one.
pub fn invalid(invalid: &InvalidInput) -> String {
    match invalid {
        InvalidInput::ClockStartOnlyOnSandbox => {
            "--now is accepted only on sandbox databases (made by `certlink demo`)".into()
        }
        InvalidInput::ClockStartBeforeLastEvent { start, last } => format!(
            "--now {} is before the last recorded event ({}); the clock never goes back",
            start.to_rfc3339(),
            last.to_rfc3339()
        ),
        InvalidInput::RangeReversed { from, to } => format!("--from {from} is after --to {to}"),
        InvalidInput::NotFound(NotFound::Key { email, .. }) => {
            format!("{invalid} (see `certlink key list {email}`)")
        }
        InvalidInput::ResetRefused { .. } => {
            format!("{invalid}; `certlink demo` only replaces sandbox databases")
        }
        other => other.to_string(),
    }
}

/// A warning of `admin check`, naming the commands that settle it.
pub fn warning(warning: &Warning) -> String {
    match warning {
        Warning::OutsideDomains { .. } => {
            format!("{warning} (certlink admin org domain add|remove)")
        }
        other => other.to_string(),
    }
}

/// An outbox error, naming the command that drains the outbox.
pub fn outbox(error: &OutboxError) -> String {
    match error {
        OutboxError::Busy(lock) => format!(
            "another `certlink outbox send` is draining this outbox ({}); try again when it is done",
            lock.display()
        ),
        other => other.to_string(),
    }
}
