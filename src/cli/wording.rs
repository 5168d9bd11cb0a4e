//! The CLI's words for what core reports. Core says what happened; where the
//! cause or the way out is one of this command line's own options or commands
//! (`--now`, `--db`, `certlink admin check`), it is said here, so core names no
//! flag of any front end. SSH exec and the server's messages use these words
//! too: they run the same commands.

use certlink_core::outbox::OutboxError;
use certlink_core::service::{InvalidInput, NotFound, ServiceError, Warning};
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

use super::CliError;

/// The message of an error that is not a refusal (refusals are worded with
/// their dates and hints in `output.rs`), in English.
pub fn message(error: &CliError) -> String {
    message_in(error, &english_dates())
}

/// [`message`] in `dates.lang`. A `CliError::Invalid` was worded when it was
/// made (in the language output spoke then).
pub fn message_in(error: &CliError, dates: &DateFormat) -> String {
    match error {
        CliError::Service(e) => service_in(e, dates),
        CliError::Invalid(text) => text.clone(),
    }
}

/// A service error as the CLI says it, in English.
pub fn service(error: &ServiceError) -> String {
    service_in(error, &english_dates())
}

/// [`service`] in `dates.lang`: core's words ([`ServiceError::message`]),
/// with the CLI's own where the cause is one of its options.
pub fn service_in(error: &ServiceError, dates: &DateFormat) -> String {
    match error {
        ServiceError::Invalid(invalid) => invalid_in(invalid, dates.lang),
        other => other.message(dates),
    }
}

/// Dates for words that carry none worth a zone (store and invalid input):
/// UTC, in English.
fn english_dates() -> DateFormat {
    DateFormat::new(chrono_tz::UTC, chrono::Utc::now())
}

/// Invalid input, naming the option that caused it where there is one.
pub fn invalid(invalid: &InvalidInput) -> String {
    invalid_in(invalid, Lang::En)
}

/// [`invalid`] in `lang`.
pub fn invalid_in(invalid: &InvalidInput, lang: Lang) -> String {
    match invalid {
        InvalidInput::ClockStartOnlyOnSandbox => lang.cli_now_only_sandbox_demo().into(),
        InvalidInput::ClockStartBeforeLastEvent { start, last } => {
            lang.cli_now_before_last_event(start.to_rfc3339(), last.to_rfc3339())
        }
        InvalidInput::RangeReversed { from, to } => {
            lang.cli_range_reversed(from.to_string(), to.to_string())
        }
        InvalidInput::NotFound(NotFound::Key { email, .. }) => {
            lang.cli_key_not_found_see(invalid.message(lang), email.to_string())
        }
        InvalidInput::ResetRefused { .. } => lang.cli_reset_refused_demo(invalid.message(lang)),
        other => other.message(lang),
    }
}

/// A warning of `admin check`, naming the commands that settle it.
pub fn warning(warning: &Warning, lang: Lang) -> String {
    match warning {
        // Its parts are worded in core, in English (the operator's log).
        Warning::OutsideDomains { .. } => lang.cli_warning_outside_domains(warning.to_string()),
        Warning::MoreOutsideDomains(count) => lang.cli_warning_more_outside_domains(*count),
        Warning::ReadableByOthers(path) => {
            lang.cli_warning_readable_by_others(path.display().to_string())
        }
    }
}

/// An outbox error in `lang`, naming the command that drains the outbox.
pub fn outbox_in(error: &OutboxError, lang: Lang) -> String {
    match error {
        OutboxError::Busy(lock) => lang.cli_outbox_busy(lock.display().to_string()),
        // The system's, the parser's and the mail server's own words stay.
        OutboxError::Io { path, source } => {
            lang.cli_outbox_file(path.display().to_string(), source.to_string())
        }
        OutboxError::InvalidAddress(address) => lang.cli_outbox_invalid_address(address.as_str()),
        OutboxError::Render(e) => lang.cli_outbox_render(e.as_str()),
        OutboxError::Config { path, message } => {
            lang.cli_outbox_config(path.display().to_string(), message.as_str())
        }
        OutboxError::Smtp(e) => e.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use certlink_core::StoreError;
    use certlink_core::advice::words as store;
    use std::path::PathBuf;

    /// The store says what happened; with the CLI's advice the whole text is
    /// the one people have always read.
    #[test]
    fn store_errors_read_as_before_with_the_cli_advice() {
        let db = || PathBuf::from("/srv/certlink.redb");
        let said = [
            (
                StoreError::InUse(db()),
                "the database /srv/certlink.redb is in use by another certlink process (e.g. `certlink serve`); connect with ssh instead, or stop that process",
            ),
            (
                StoreError::NotCertlink(db()),
                "/srv/certlink.redb is not a certlink database (if it was one, its header is damaged: restore the newest backup, made by `certlink admin backup --to FILE`)",
            ),
            (
                StoreError::Missing(db()),
                "no database at /srv/certlink.redb: create one with `certlink init` (or `certlink demo` for a sandbox)",
            ),
            (
                StoreError::NoDirectory(db()),
                "the directory of /srv/certlink.redb does not exist: create it first or choose another --db path",
            ),
            (
                StoreError::Corrupt("bad page".into()),
                "the database is damaged (bad page): run `certlink admin check`; if it reports damage, restore the newest backup (made by `certlink admin backup --to FILE`)",
            ),
            (
                StoreError::DiskFailed("EIO".into()),
                "a disk error stopped this command (EIO): it was not completed and may not have been saved; the database is reopened for the next command, so check and try again (if it repeats, run `certlink admin check`; if it reports damage, restore the newest backup (made by `certlink admin backup --to FILE`))",
            ),
            (
                StoreError::Stopped("redb/src/page.rs:1".into()),
                "certlink stopped on an unexpected error (redb/src/page.rs:1): the database may be damaged, or this is a bug; run `certlink admin check`; if it reports damage, restore the newest backup (made by `certlink admin backup --to FILE`)",
            ),
            (
                StoreError::DiskFull,
                "no space left on the disk that holds the database: this command was not completed and nothing of it is acknowledged; free some space, then check and try again",
            ),
        ];
        for (error, text) in said {
            assert_eq!(store(&error), text);
            // The store alone names no command and no option.
            let own = error.to_string();
            assert!(!own.contains("`certlink") && !own.contains("--"), "{own}");
        }
    }

    /// Where the cause is one of the CLI's own options, the CLI names it.
    #[test]
    fn invalid_input_names_the_cli_options() {
        let at = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&chrono::Utc)
        };
        assert_eq!(
            invalid(&InvalidInput::ClockStartOnlyOnSandbox),
            "--now is accepted only on sandbox databases (made by `certlink demo`)"
        );
        assert_eq!(
            invalid(&InvalidInput::ClockStartBeforeLastEvent {
                start: at("2026-01-01T00:00:00Z"),
                last: at("2026-02-01T00:00:00Z"),
            }),
            "--now 2026-01-01T00:00:00+00:00 is before the last recorded event (2026-02-01T00:00:00+00:00); the clock never goes back"
        );
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            invalid(&InvalidInput::RangeReversed {
                from: day("2026-03-01"),
                to: day("2026-02-01"),
            }),
            "--from 2026-03-01 is after --to 2026-02-01"
        );
        assert_eq!(
            invalid(&InvalidInput::NotFound(NotFound::Key {
                email: "ada@contoso.com".parse().unwrap(),
                fingerprint: "SHA256:x".into(),
            })),
            "ada@contoso.com has no key SHA256:x (see `certlink key list ada@contoso.com`)"
        );
        assert_eq!(
            invalid(&InvalidInput::ResetRefused {
                path: PathBuf::from("/srv/certlink.redb"),
                why: certlink_core::service::ResetRefusal::RealDatabase,
            }),
            "refusing to reset /srv/certlink.redb: it is a real certlink database; `certlink demo` only replaces sandbox databases"
        );
    }

    /// `admin check`'s warnings read as before in English, and in Chinese
    /// keep the path, the count and the command.
    #[test]
    fn warnings_in_both_languages() {
        let path = PathBuf::from("/srv/certlink.redb");
        for w in [
            Warning::MoreOutsideDomains(12),
            Warning::ReadableByOthers(path.clone()),
        ] {
            assert_eq!(warning(&w, Lang::En), w.to_string());
            let zh = warning(&w, Lang::ZhCn);
            assert_ne!(zh, w.to_string());
            assert!(
                zh.contains("12") || zh.contains("chmod 600 /srv/certlink.redb"),
                "{zh}"
            );
        }
    }
}
