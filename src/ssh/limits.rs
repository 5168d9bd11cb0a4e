//! Every size, count and queue an SSH client controls, bounded in one place
//! (issue 13, docs/ssh.md "Limits"). `certlink serve` is one process shared by
//! every person: one hostile signed-in session must cost the others neither
//! memory, threads nor time.

use std::time::Duration;

/// The widest and tallest terminal the app draws for. A pty-req or
/// window-change asking for more gets this much (drawn in the top-left
/// corner); each drawn cell costs about 100 bytes in the app's two frame
/// buffers, so the largest session frame is about 10 MB instead of the
/// 400 GB a 65535×65535 request would ask for.
pub const MAX_COLUMNS: u16 = 500;
pub const MAX_ROWS: u16 = 200;
/// The smallest: ratatui needs at least one cell; the app says when it is too small.
pub const MIN_COLUMNS: u16 = 1;
pub const MIN_ROWS: u16 = 1;

/// Session channels one connection may have open at once (OpenSSH's
/// `MaxSessions` is 10). More are refused at open.
pub const CHANNELS_PER_CONNECTION: usize = 10;

/// `env` requests one session channel may make (OpenSSH's client sends one
/// per variable of `SendEnv`/`SetEnv`); each past this is refused. Only the
/// client's locale is kept (`LANG`, `LC_ALL`, `LC_MESSAGES`, `CERTLINK_LANG`:
/// src/ssh/locale.rs), so whatever a client sends, a channel holds at most
/// four values of [`ENV_VALUE_BYTES`] each; any other name is refused without
/// being kept.
pub const ENV_REQUESTS_PER_CHANNEL: usize = 32;
/// The longest locale value kept (`zh_CN.UTF-8@pinyin` is 18 bytes); a
/// longer one, or one that is not printable ASCII, is refused.
pub const ENV_VALUE_BYTES: usize = 64;

/// Connections from one source address at once. Extra ones are closed right
/// after the TCP accept, before any SSH work.
pub const CONNECTIONS_PER_SOURCE: usize = 24;
/// Connections at once in total (default of `serve --max-connections`).
pub const CONNECTIONS: usize = 256;

/// Default of `serve --login-grace`.
pub const LOGIN_GRACE: Duration = Duration::from_secs(60);

/// Password and key checks (argon2 for passwords, a store read for keys) run
/// on their own few blocking threads, never behind running commands.
pub const SIGN_IN_CHECKS: usize = 4;
/// Of those, at most this many from one source address at once; more wait.
pub const SIGN_IN_CHECKS_PER_SOURCE: usize = 2;

/// Exec commands running at once in total (default of `serve --max-commands`);
/// a command over it waits for its turn (first come, first served). A command
/// waiting for its client (standard input, a slow reader) holds its slot, so
/// the total is a multiple of the share per person: it takes 16 people each
/// holding all of theirs to make anyone wait.
pub const COMMANDS: usize = 64;
/// Exec commands one person may have running at once; one more is refused at
/// once (exit code 1, "busy"), so one person can hold at most this many of
/// the shared slots.
pub const COMMANDS_PER_PERSON: usize = 4;

/// Interactive sessions (one thread each, plus its job worker) at once in
/// total (default of `serve --max-sessions`), and per person; one more is
/// refused with exit code 1 and a message.
pub const SESSIONS: usize = 64;
pub const SESSIONS_PER_PERSON: usize = 4;

/// Key bytes waiting for an interactive session's thread. A session that
/// is not keeping up (e.g. its client stopped reading the screen) drops what
/// comes on top: nobody types 64 KiB ahead of the screen.
pub const TUI_INPUT_BYTES: usize = 64 * 1024;

/// Standard input waiting for a command that reads it (`import -`,
/// `--password-stdin`): past this the connection stops reading from the
/// client (TCP backpressure) until the command catches up.
pub const STDIN_QUEUE_BYTES: usize = 1024 * 1024;
/// While the command is itself held up writing its output, waiting for it to
/// read would deadlock the connection: input is then taken on top of the
/// queue, up to this much; past it standard input is cut (the command reads
/// an error, never a short end of file) and the channel closed with a reason.
pub const STDIN_HARD_BYTES: usize = 4 * STDIN_QUEUE_BYTES;

/// The totals an operator may change (`serve --max-connections`,
/// `--max-commands`, `--max-sessions`); the shares per source, person and
/// connection are fixed above.
#[derive(Debug, Clone, Copy)]
pub struct ServeLimits {
    pub connections: usize,
    pub commands: usize,
    pub sessions: usize,
    /// `serve --login-grace`: a connection not signed in by then is closed
    /// (OpenSSH's `LoginGraceTime`), so the unsigned cannot sit on slots.
    pub login_grace: Duration,
}

impl Default for ServeLimits {
    fn default() -> Self {
        ServeLimits {
            connections: CONNECTIONS,
            commands: COMMANDS,
            sessions: SESSIONS,
            login_grace: LOGIN_GRACE,
        }
    }
}

/// A terminal size from the client (pty-req, window-change), in what the app
/// draws: see [`MAX_COLUMNS`].
pub fn terminal_size(columns: u32, rows: u32) -> (u16, u16) {
    (
        clamp(columns, MIN_COLUMNS, MAX_COLUMNS),
        clamp(rows, MIN_ROWS, MAX_ROWS),
    )
}

fn clamp(cells: u32, min: u16, max: u16) -> u16 {
    u16::try_from(cells.clamp(u32::from(min), u32::from(max))).unwrap_or(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sizes_are_clamped_to_what_a_terminal_uses() {
        assert_eq!(terminal_size(80, 24), (80, 24));
        assert_eq!(terminal_size(65535, 65535), (MAX_COLUMNS, MAX_ROWS));
        assert_eq!(terminal_size(u32::MAX, u32::MAX), (MAX_COLUMNS, MAX_ROWS));
        assert_eq!(terminal_size(2000, 2000), (MAX_COLUMNS, MAX_ROWS));
        assert_eq!(terminal_size(0, 0), (MIN_COLUMNS, MIN_ROWS));
        assert_eq!(terminal_size(500, 200), (500, 200));
    }
}
