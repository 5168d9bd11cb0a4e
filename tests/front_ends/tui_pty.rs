//! End to end: the real `certlink` binary in a pseudo-terminal, read through a
//! vt100 screen model (no tmux or other outside program). Each step waits for
//! content on the screen, with a deadline; nothing sleeps for a fixed time.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Generous: debug builds hash passwords and build the demo.
const DEADLINE: Duration = Duration::from_secs(60);

pub(super) struct Session {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts `certlink ARGS` in a `cols`×`rows` terminal, colour off, with
    /// its data directory (logs) inside `dir`.
    pub(super) fn start(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_env(dir, args, cols, rows, &[])
    }

    /// [`Session::start`] with environment variables set (`Some`) or
    /// removed (`None`), e.g. the locale.
    pub(super) fn start_env(
        dir: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, Option<&str>)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_certlink"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("NO_COLOR", "1");
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", dir);
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        for (name, value) in env {
            match value {
                Some(value) => cmd.env(name, value),
                None => cmd.env_remove(name),
            }
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn certlink");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let size = |n: u16| NonZeroU16::new(n).expect("non-zero size");
        Session {
            parser: vt100::Parser::new(size(rows), size(cols), 0),
            output,
            writer,
            child,
            _master: pty.master,
        }
    }

    pub(super) fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Feeds output to the screen model until `ready` holds, or fails with the
    /// screen as it was at the deadline.
    fn wait_until(&mut self, what: &str, ready: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if ready(&self.screen()) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; screen:\n{}", self.screen())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    if ready(&self.screen()) {
                        return;
                    }
                    panic!("certlink ended before {what}; screen:\n{}", self.screen())
                }
            }
        }
    }

    pub(super) fn wait_for(&mut self, text: &str) {
        self.wait_until(text, |screen| screen.contains(text));
    }

    pub(super) fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Waits for the process to end (the output closes first) and returns
    /// whether it succeeded.
    pub(super) fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + DEADLINE;
        loop {
            match self.output.recv_timeout(Duration::from_millis(100)) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(RecvTimeoutError::Disconnected) => {}
                Err(RecvTimeoutError::Timeout) => {}
            }
            if let Some(status) = self.child.try_wait().expect("child status") {
                // Drain what is left for the screen model: the reader thread
                // may not have passed on the last bytes yet when the child
                // is seen gone (a busy machine), so wait for it to end (the
                // pty's end of file), a little while at most.
                let until = Instant::now() + Duration::from_secs(2);
                loop {
                    match self.output.recv_timeout(Duration::from_millis(50)) {
                        Ok(bytes) => self.parser.process(&bytes),
                        Err(RecvTimeoutError::Disconnected) => break,
                        Err(RecvTimeoutError::Timeout) if Instant::now() >= until => break,
                        Err(RecvTimeoutError::Timeout) => {}
                    }
                }
                return status.success();
            }
            assert!(
                Instant::now() < deadline,
                "certlink did not exit; screen:\n{}",
                self.screen()
            );
        }
    }
}

#[test]
fn demo_sign_in_associate_and_read_the_allowance() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start(
        dir.path(),
        &["--db", db, "--now", "2026-11-23T12:00:00Z", "demo"],
        100,
        30,
    );
    // The sandbox lands on the sign-in screen with its demo sign-ins.
    s.wait_for("Demo sign-ins (sandbox only)");
    s.wait_for("edsger@contoso.com");

    s.send("edsger@contoso.com\tcertlink-demo\r");
    s.wait_for("Edsger Dijkstra · User · Contoso Ltd (1234567)");
    s.wait_for("Next association: ✓ allowed now");

    // Enter on the selected action opens the R4 dialog.
    s.send("\r");
    s.wait_for("Associate your Microsoft Learning account");
    s.send("edsger.dijkstra@learn.example.com\tlearn-demo-pass\r");
    // A frame may arrive in several reads: wait for each part of it.
    s.wait_for("Linked to Contoso Ltd (1234567) since 2026-11-23");
    s.wait_for("Used: 1 of 3 associations in 365 days (since 2026-11-23)");
    s.wait_for("Next association: 2026-12-23 12:00 UTC (in 30 days) · cool-off");
    s.wait_for("MCID 10000012 is now linked with your organization.");
    s.wait_until("the dialog to close", |screen| {
        !screen.contains("Associate your Microsoft Learning account")
    });
    let screen = s.screen();
    assert!(
        !screen.contains("learn-demo-pass"),
        "no password on screen: {screen}"
    );

    // The history tab shows the new link.
    s.send("2");
    s.wait_for("Your link history (1)");

    // q quits; the terminal leaves the alternate screen and the demo says where
    // its database is.
    s.send("q");
    assert!(s.wait_exit(), "certlink exits cleanly");
    assert!(!s.parser.screen().alternate_screen(), "terminal restored");
    assert!(s.screen().contains("Sandbox database at"), "{}", s.screen());
    // Logs went to the data directory, not the screen.
    let log = dir
        .path()
        .join("data")
        .join("certlink")
        .join("certlink.log");
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(log.contains("tui started"), "log: {log}");
    assert!(!log.contains("learn-demo-pass") && !log.contains("certlink-demo"));
}

#[test]
fn too_small_terminal_says_so_and_ctrl_c_quits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start(
        dir.path(),
        &[
            "--db",
            db,
            "--now",
            "2026-11-23T12:00:00Z",
            "--no-mouse",
            "demo",
        ],
        50,
        12,
    );
    s.wait_for("terminal too small");
    s.wait_until("the size needed", |screen| {
        screen.replace('\n', " ").contains("need 60×16")
    });
    s.send("\x03");
    assert!(s.wait_exit());
    assert!(!s.parser.screen().alternate_screen());
}

/// Issue 15 as a newcomer meets it in a real terminal, on a fixed clock:
/// Remove access says what it costs (principle 1), the next Associate says
/// why not before any password; a departed person is removed from their
/// Skills row (principle 3) and the report shows it at once (principle 2).
#[test]
fn costs_before_the_act_and_removal_from_the_skills_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start(
        dir.path(),
        &["--db", db, "--now", "2026-11-23T12:00:00Z", "demo"],
        100,
        30,
    );
    s.wait_for("Demo sign-ins (sandbox only)");
    // Alan's MCID is at 3 of 3 (starts 300, 200 and 100 days before the clock).
    s.send("alan@contoso.com\tcertlink-demo\r");
    s.wait_for("Alan Turing · User · Contoso Ltd (1234567)");
    s.send("\r");
    s.wait_for("Remove access? (R7)");
    // The dialog wraps its text: each part as it sits on one line.
    s.wait_for("(3 of 3 associations used in 365");
    s.wait_for("limit is reached, so linking again is possible from 2027-01-27 12:00");
    s.send("y");
    s.wait_for("Access removed");
    // Associate now: refused with the date, and no password field opens.
    s.send("\r");
    s.wait_for("Not possible yet (R9)");
    s.wait_for("cannot start a new association now. Limit");
    s.wait_for("allowed from 2027-01-27 12:00 UTC (in 65 days).");
    assert!(
        !s.screen()
            .contains("Associate your Microsoft Learning account"),
        "no form: {}",
        s.screen()
    );
    s.send("\r");
    s.wait_until("the message to close", |screen| {
        !screen.contains("Not possible yet (R9)")
    });
    s.send("x");
    s.wait_for("Demo sign-ins (sandbox only)");

    // Ada removes Linus (departed, still linked) from his Skills row.
    s.send("ada@contoso.com\tcertlink-demo\r");
    s.wait_for("Ada Lovelace · Global Admin · Contoso Ltd (1234567)");
    s.send("3");
    s.wait_for("deleted (still linked)");
    s.wait_for("u remove departed");
    // The filter finds his row (of 8: Alan left the report with his link);
    // Enter gives the keys back to the rows.
    s.send("/linus");
    s.wait_for("1 of 8 rows");
    s.send("\r");
    s.wait_for("u removes from the report");
    s.send("u");
    s.wait_for("Remove from the skills report? (R12)");
    s.send("y");
    s.wait_for("removed from the skills report");
    s.wait_until("Linus to leave the report", |screen| {
        !screen.contains("deleted (still linked)") && screen.contains("0 of 7 rows")
    });
    s.send("q");
    assert!(s.wait_exit(), "certlink exits cleanly");
}

/// Issue 15, principle 5, in a real terminal: in a ticket's text Enter
/// (CR) breaks the line and Ctrl-S (0x13, which raw mode passes through
/// instead of pausing output) sends it; the ticket shows both lines.
#[test]
fn a_ticket_text_takes_two_lines_and_ctrl_s_sends_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start(
        dir.path(),
        &["--db", db, "--now", "2026-11-23T12:00:00Z", "demo"],
        100,
        30,
    );
    s.wait_for("Demo sign-ins (sandbox only)");
    s.send("edsger@contoso.com\tcertlink-demo\r");
    s.wait_for("Edsger Dijkstra · User · Contoso Ltd (1234567)");
    s.send("3");
    s.wait_for("Your tickets (0)");
    s.send("n");
    s.wait_for("Open a support ticket (R14)");
    s.wait_for("Ctrl-S send");
    s.send("\t");
    s.wait_for("Enter new line");
    s.send("The link fails.\rIt says wrong password.");
    // 15 + the line break + 23 characters.
    s.wait_for("Text (39 of 4000 characters)");
    s.send("\x13");
    s.wait_for("opened: support answers here (R14)");
    s.wait_for("Your tickets (1)");
    s.send("\r");
    s.wait_for("It says wrong password.");
    let screen = s.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("The link fails."))
        .unwrap_or_else(|| panic!("the first line: {screen}"));
    assert!(
        lines[first + 1].contains("It says wrong password."),
        "two lines: {screen}"
    );
    s.send("\x03");
    assert!(s.wait_exit());
}

/// Issue 15, principles 3 and 6, in a real terminal: the Users tab's count,
/// `/` filter and End; the last Global Admin's row offers no delete.
#[test]
fn users_filter_counts_and_offers_only_what_can_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start(
        dir.path(),
        &["--db", db, "--now", "2026-11-23T12:00:00Z", "demo"],
        100,
        30,
    );
    s.wait_for("Demo sign-ins (sandbox only)");
    s.send("ada@contoso.com\tcertlink-demo\r");
    s.wait_for("Ada Lovelace · Global Admin · Contoso Ltd (1234567)");
    s.send("6");
    s.wait_for("Accounts of Contoso Ltd (11)");
    // Ada is selected: the organization's last Global Admin (R17).
    s.wait_for("the last Global Admin: not deleted, keeps the role (R17)");
    assert!(!s.screen().contains("d delete"), "{}", s.screen());
    // End: the last account at once.
    s.send("G");
    s.wait_for("Linus Torvalds <linus.torvalds@contoso.com> · User");
    s.send("/li\r");
    s.wait_for("(3 of 11) · filter \"li\" · Esc clears");
    s.send("\x1b");
    s.wait_for("Accounts of Contoso Ltd (11)");
    s.send("q");
    assert!(s.wait_exit());
}

/// Principle 12 (issue 15): on a terminal, `demo --people N` draws its
/// progress bar while it works and leaves a one-line summary with the time.
#[test]
fn generating_a_sandbox_shows_a_progress_bar_and_a_summary_on_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("many.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start(
        dir.path(),
        &[
            "--db",
            db,
            "--now",
            "2026-11-23T12:00:00Z",
            "--no-mouse",
            "demo",
            "--people",
            "3000",
        ],
        100,
        30,
    );
    s.wait_for("demo --people: generating people [");
    // Then the app opens on the sign-in screen; Ctrl-C leaves it.
    s.wait_until("the app", |screen| screen.contains("Sign in"));
    s.send("\x03");
    assert!(s.wait_exit());
    assert!(!s.parser.screen().alternate_screen());
    let screen = s.screen();
    assert!(screen.contains("Generated 3000 people in "), "{screen}");
}

/// Issue 15 (principles 2, 5): the sign-in hints say how to quit (Ctrl-C: a
/// `q` types), Enter on the email moves to the password instead of sending
/// an empty one, and the signed-in screen says when it was read.
#[test]
fn enter_moves_to_the_password_and_the_screen_says_when_it_was_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start(
        dir.path(),
        &["--db", db, "--now", "2026-11-23T12:00:00Z", "demo"],
        100,
        30,
    );
    s.wait_for("Demo sign-ins (sandbox only)");
    s.wait_for("Ctrl-C quit");
    // Enter moves on: the next key types into the password field. (Had it
    // sent the form, keys would wait for the refusal and the `x` be lost.)
    s.send("edsger@contoso.com\rx");
    s.wait_for("•");
    let screen = s.screen();
    assert!(!screen.contains("Wrong email or password"), "{screen}");
    // Ctrl-U clears the field; then the password, and Enter signs in.
    s.send("\x15certlink-demo\r");
    s.wait_for("Edsger Dijkstra · User · Contoso Ltd (1234567)");
    // The sandbox's clock started at --now and runs: the stamp is of that
    // minute or the next (a slow debug build). With the machine's clock
    // behind the sandbox's (CI's calendar check) the stamp names the date too.
    s.wait_until("the as-of stamp", |screen| {
        [
            "as of 12:00",
            "as of 12:01",
            "as of 2026-11-23 12:00",
            "as of 2026-11-23 12:01",
        ]
        .iter()
        .any(|stamp| screen.contains(stamp))
    });
    s.send("\x03");
    assert!(s.wait_exit(), "Ctrl-C quits cleanly");
}
