//! Logs go to `certlink.log` in the data directory through `tracing`, never to
//! the screen (it belongs to the TUI). `CERTLINK_LOG` sets the level (default
//! info). Nothing logged carries a password (invariant 5).

use std::path::Path;
use std::str::FromStr;

use tracing_appender::non_blocking::{NonBlocking, WorkerGuard};
use tracing_subscriber::filter::LevelFilter;

pub const LOG_FILE: &str = "certlink.log";

/// Starts file logging; keep the guard alive until exit so lines are flushed.
/// Returns None when the directory cannot be used (the app runs without logs).
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    certlink_core::private_files::create_dir_all(dir).ok()?;
    // Created here for its owner alone; the appender then only appends.
    drop(certlink_core::private_files::open_append(&dir.join(LOG_FILE)).ok()?);
    start(tracing_appender::non_blocking(
        tracing_appender::rolling::never(dir, LOG_FILE),
    ))
}

/// Makes `writer` the process's log at the level `CERTLINK_LOG` names
/// (default info); the TUI's file and `serve`'s standard error both start
/// here. Returns its guard, or None when a log was already set up.
pub fn start((writer, guard): (NonBlocking, WorkerGuard)) -> Option<WorkerGuard> {
    let level = std::env::var("CERTLINK_LOG")
        .ok()
        .and_then(|v| LevelFilter::from_str(&v).ok())
        .unwrap_or(LevelFilter::INFO);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .ok()?;
    Some(guard)
}
