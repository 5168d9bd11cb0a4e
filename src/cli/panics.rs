//! A panic is never what a person sees. Damaged bytes can make the storage
//! engine (redb) panic while reading (an index out of range in a damaged page);
//! a bug can too. The command then ends like any database error: one line that
//! says what happened and points to recovery (`certlink admin check`, restore the
//! newest backup), exit 3, and the panic's place goes to the log, not the screen.

use std::cell::RefCell;
use std::sync::Once;

use super::{CliError, Failure};
use certlink_core::StoreError;
use certlink_core::service::ServiceError;

thread_local! {
    /// Where the last panic on this thread happened (set by the hook).
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the default panic hook (which prints a backtrace hint) with one
/// that records the place for [`contained`] and logs it. The TUI installs its
/// own hook over this one while it runs (it must restore the terminal first).
pub fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_else(|| "unknown place".into());
            tracing::error!(at = %place, "panic caught at the command boundary");
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(place));
        }));
    });
}

/// Runs a command; a panic inside it becomes [`StoreError::Stopped`] (exit 3).
pub fn contained(command: impl FnOnce() -> Result<(), Failure>) -> Result<(), Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(command)).unwrap_or_else(|_| {
        let place = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "unknown place".into());
        // Only the place inside redb or certlink, not the machine's paths.
        let place = place
            .rsplit_once("/src/")
            .map(|(crate_dir, file)| {
                let krate = crate_dir.rsplit('/').next().unwrap_or(crate_dir);
                format!("{krate}/src/{file}")
            })
            .unwrap_or(place);
        Err((
            CliError::Service(ServiceError::Store(StoreError::Stopped(place))),
            None,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_command_becomes_a_database_error_with_the_way_to_recovery() {
        install_quiet_hook();
        let result = contained(|| panic!("index out of range in a damaged page"));
        let Err((error, _)) = result else {
            panic!("a panic must become an error");
        };
        assert_eq!(error.exit_code(), 3);
        let text = crate::cli::wording::message(&error);
        assert!(text.contains("certlink admin check"), "{text}");
        assert!(
            text.contains("src/cli/panics.rs"),
            "the place is named: {text}"
        );
        assert!(!text.contains("/root/"), "no machine paths: {text}");
    }
}
