//! The clock of a test file's sandbox commands: every command runs at an
//! instant the test chose, one minute after the one before (a sandbox's clock
//! never goes back), so no outcome depends on the day the suite runs.

use std::sync::atomic::{AtomicI64, Ordering};

/// When the demo sandbox is built.
pub const T0: &str = "2026-11-23T12:00:00Z";

/// Minutes after T0 of the next command (shared by the file's tests: each
/// sandbox sees its own commands in order).
static MINUTES: AtomicI64 = AtomicI64::new(0);

/// The next instant, as `--now` takes it.
pub fn next_now() -> String {
    let minutes = MINUTES.fetch_add(1, Ordering::SeqCst) + 1;
    (chrono::DateTime::parse_from_rfc3339(T0).unwrap() + chrono::TimeDelta::minutes(minutes))
        .to_rfc3339()
}
