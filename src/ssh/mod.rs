//! `certlink serve`: certlink as its own SSH server (issue 6, docs/ssh.md).
//!
//! redb lets one process open a database file, so certlink cannot run once per
//! SSH login: this process holds the database (one `Arc<Service>`) and serves
//! every connection from it. The SSH layer is a thin front end: it signs
//! people in through `Service::sign_in` (R1 throttling and audit per source)
//! and hands commands to the CLI's own code; it never touches the store and
//! decides no rule.
//!
//! - [`server`]: listening, configuration, graceful shutdown;
//! - [`host_key`]: the ed25519 host key, created once and reused;
//! - [`handler`]: one connection: authentication, channels, what is refused;
//! - [`exec`]: `ssh HOST COMMAND`, what may run there; [`argv`] splits the line;
//! - [`channel_io`]: blocking `Read`/`Write` over a channel, bounded both ways;
//! - [`limits`]: every size, count and queue a client controls; [`gate`]
//!   shares slots fairly per source or person and in total;
//! - [`log`]: what the server records, to standard error, never blocking;
//! - [`locale`]: the client's language (`LANG`/`LC_*`/`CERTLINK_LANG` sent
//!   by the client; never the server's own environment);
//! - `session_tui`: the terminal app over a channel (pty, shell, resize, idle);
//!   [`input`] turns the client's key bytes into the app's events.

pub mod argv;
pub mod channel_io;
pub mod exec;
pub mod gate;
mod handler;
pub mod host_key;
pub mod input;
pub mod limits;
pub mod locale;
pub mod log;
mod server;
mod session_tui;

pub use limits::ServeLimits;
pub use server::{BackupSchedule, ServeOptions, serve};
