//! The server's log: what `tracing` records while `certlink serve` runs
//! (scheduled backups that failed, connections turned away, jobs people ran,
//! skills passes computed, migrations) goes to standard error, where a service
//! manager (systemd's journal, a container runtime) keeps it. `CERTLINK_LOG`
//! sets the level (default info; `off` silences it).
//!
//! Writing never holds the server up: lines wait in a bounded queue for a
//! writer thread, and past [`QUEUED_LINES`] they are dropped, so a flood of
//! refused connections from one source, or a stalled stderr pipe, costs the
//! others neither memory nor time. Nothing logged carries a password
//! (invariant 5).

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};

/// Lines that may wait for standard error before new ones are dropped.
pub const QUEUED_LINES: usize = 10_000;

/// Starts the log; keep the guard until the server has stopped, so the
/// lines still queued are written. None when a log was already set up.
pub fn init() -> Option<WorkerGuard> {
    certlink_tui::logging::start(
        NonBlockingBuilder::default()
            .lossy(true)
            .buffered_lines_limit(QUEUED_LINES)
            .finish(std::io::stderr()),
    )
}
