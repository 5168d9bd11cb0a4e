//! The terminal app over SSH (issue 6), end to end: the real `certlink serve`
//! on a loopback port with a demo sandbox, an in-process russh client asking
//! for a pty and a shell, and the bytes it receives read through a vt100
//! model. Every wait is on screen content (or the channel's end) with a
//! deadline; nothing sleeps a fixed time.

use std::num::NonZeroU16;
use std::time::Duration;

use russh::client;
use russh::{Channel, ChannelMsg};
use serde_json::Value;
use tokio::time::Instant;

use crate::ssh_harness;
use ssh_harness::*;

/// Between the demo and the server's start: the clock never goes back.
const INVITED_AT: &str = "2026-11-23T12:00:30Z";

fn size(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

/// An interactive session: the channel and the screen its bytes draw.
struct Shell {
    channel: Channel<client::Msg>,
    screen: vt100::Parser,
    stderr: String,
    status: Option<u32>,
    closed: bool,
}

impl Shell {
    async fn open(handle: &client::Handle<Pinned>, cols: u16, rows: u16) -> Shell {
        let channel = handle.channel_open_session().await.unwrap();
        channel
            .request_pty(true, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
            .await
            .unwrap();
        channel.request_shell(true).await.unwrap();
        Shell {
            channel,
            screen: vt100::Parser::new(size(rows), size(cols), 0),
            stderr: String::new(),
            status: None,
            closed: false,
        }
    }

    async fn send(&self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// Reads until `done` holds for the screen; fails with the screen as it
    /// was when the deadline passed.
    async fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        while !done(self.screen.screen()) {
            assert!(
                !self.closed,
                "the session ended before {what}:\n{}{}",
                self.screen.screen().contents(),
                self.stderr
            );
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Ok(Some(msg)) => self.take(msg),
                Ok(None) => self.closed = true,
                Err(_) => panic!(
                    "no {what} within {DEADLINE:?}; the screen:\n{}",
                    self.screen.screen().contents()
                ),
            }
        }
    }

    /// Reads until the server closes the channel.
    async fn wait_end(&mut self) {
        let deadline = Instant::now() + DEADLINE;
        while !self.closed {
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Ok(Some(msg)) => self.take(msg),
                Ok(None) => self.closed = true,
                Err(_) => panic!("the session did not end within {DEADLINE:?}"),
            }
        }
    }

    fn take(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::Data { data } => self.screen.process(&data),
            ChannelMsg::ExtendedData { data, ext: 1 } => {
                self.stderr.push_str(&String::from_utf8_lossy(&data))
            }
            ChannelMsg::ExitStatus { exit_status } => self.status = Some(exit_status),
            ChannelMsg::Close => self.closed = true,
            _ => {}
        }
    }

    fn text(screen: &vt100::Screen) -> String {
        screen.contents()
    }

    /// The line at `row` (0-based from the top).
    fn row(screen: &vt100::Screen, row: u16) -> String {
        let (_, cols) = screen.size();
        screen
            .rows(0, cols.get())
            .nth(usize::from(row))
            .unwrap_or_default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_runs_over_ssh_signed_in_and_follows_keys_and_resizes() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let email = "edsger@contoso.com";
    let handle = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let mut shell = Shell::open(&handle, 100, 30).await;

    // Signed in as the SSH user: no sign-in screen, the Profile tab at once,
    // in the alternate screen, drawn at the pty's size.
    shell
        .wait_for("the profile", |s| {
            let text = Shell::text(s);
            text.contains("Next association") && Shell::row(s, 28).contains("Edsger Dijkstra")
        })
        .await;
    assert!(shell.screen.screen().alternate_screen());
    assert!(shell.screen.screen().hide_cursor());
    assert!(!Shell::text(shell.screen.screen()).contains("Sign in"));

    // The same key table as the local app: `2` is the Associations tab.
    shell.send(b"2").await;
    shell
        .wait_for("the associations tab", |s| {
            Shell::text(s).contains("Your link history")
        })
        .await;

    // A lone Esc (no byte after it) still reaches the app: it closes help.
    shell.send(b"?").await;
    shell
        .wait_for("the help", |s| Shell::text(s).contains("Keys:"))
        .await;
    shell.send(b"\x1b").await;
    shell
        .wait_for("the help closed by Esc", |s| {
            !Shell::text(s).contains("Keys:") && Shell::text(s).contains("Your link history")
        })
        .await;

    // A window change redraws at once at the new size: the status bar moves
    // to the new second-to-last row.
    shell.channel.window_change(120, 40, 0, 0).await.unwrap();
    shell.screen.screen_mut().set_size(size(40), size(120));
    shell
        .wait_for("the redraw at 120×40", |s| {
            Shell::row(s, 38).contains("Edsger Dijkstra") && Shell::row(s, 0).contains("Support")
        })
        .await;

    // `q` quits: the client's screen is restored, exit status 0, channel closed.
    shell.send(b"q").await;
    shell.wait_end().await;
    assert_eq!(shell.status, Some(0), "{}", shell.stderr);
    assert!(!shell.screen.screen().alternate_screen());
    assert!(!shell.screen.screen().hide_cursor());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_skills_download_over_ssh_shows_the_command_instead_of_writing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let email = "grace@contoso.com";
    let handle = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let mut shell = Shell::open(&handle, 100, 30).await;
    shell
        .wait_for("the profile", |s| Shell::text(s).contains("Grace Hopper"))
        .await;
    shell.send(b"3").await;
    shell
        .wait_for("the skills report", |s| {
            Shell::text(s).contains("Skills report (R10)")
        })
        .await;
    // Keys wait while the report loads: ask again until the answer shows.
    let port = server.port.to_string();
    let deadline = Instant::now() + DEADLINE;
    while !Shell::text(shell.screen.screen()).contains("Download over ssh") {
        assert!(Instant::now() < deadline, "no download hint");
        shell.send(b"e").await;
        let hint = shell.wait_for("the download hint", |s| {
            Shell::text(s).contains("Download over ssh")
        });
        let _ = tokio::time::timeout(Duration::from_millis(500), hint).await;
    }
    let text = Shell::text(shell.screen.screen());
    for part in [
        format!("ssh -p {port}").as_str(),
        "grace@contoso.com@127.0.0.1",
        "report skills --format csv",
        "> skills.csv",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    // Nothing was written beside the server.
    let csvs = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .count();
    assert_eq!(csvs, 0);
    shell.send(b"\r").await;
    shell.send(b"q").await;
    shell.wait_end().await;
    assert_eq!(shell.status, Some(0));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_idle_session_is_closed_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &["--idle-timeout", "1"]);
    let email = "edsger@contoso.com";
    let handle = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let mut shell = Shell::open(&handle, 80, 24).await;
    shell.wait_end().await;
    assert_eq!(shell.status, Some(0));
    assert!(
        shell.stderr.contains("without a key press"),
        "{}",
        shell.stderr
    );
    assert!(!shell.screen.screen().alternate_screen());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_temporary_password_opens_on_the_password_change() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let admin = "ada@contoso.com";
    let out = certlink(&db)
        .args(["--now", INVITED_AT, "--as", admin, "--format", "json"])
        .args(["user", "invite", "hire@contoso.com", "--name", "New Hire"])
        .env("CERTLINK_PASSWORD", password_of(&sign_ins, admin))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let invited: Value = serde_json::from_slice(&out.stdout).unwrap();
    let temporary = invited["temporary_password"].as_str().unwrap();
    let server = Server::start(&db, &[]);
    let handle = sign_in(&server, "hire@contoso.com", temporary).await;
    let mut shell = Shell::open(&handle, 80, 24).await;
    shell
        .wait_for("the password change", |s| {
            Shell::text(s).contains("New password") && !Shell::text(s).contains("Profile")
        })
        .await;
    // Esc leaves it: over SSH that ends the session (no sign-in screen).
    shell.send(b"\x1b").await;
    shell.wait_end().await;
    assert_eq!(shell.status, Some(0));
}

/// The server's threads whose name starts with `prefix` (Linux: /proc).
#[cfg(target_os = "linux")]
fn threads_named(pid: u32, prefix: &str) -> usize {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
        .filter(|name| name.starts_with(prefix))
        .count()
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread")]
async fn a_vanished_client_leaves_no_session_behind() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let pid = server.child.id();
    let email = "edsger@contoso.com";
    let handle = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let mut shell = Shell::open(&handle, 80, 24).await;
    shell
        .wait_for("the profile", |s| {
            Shell::text(s).contains("Edsger Dijkstra")
        })
        .await;
    // Thread names are cut at 15 bytes by the kernel.
    assert_eq!(threads_named(pid, "certlink-ssh-tu"), 1);
    // The client goes away without quitting: the connection drops.
    drop(shell);
    drop(handle);
    let deadline = Instant::now() + DEADLINE;
    while threads_named(pid, "certlink-ssh-tu") > 0 {
        assert!(Instant::now() < deadline, "the session thread lives on");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Issue 15, principle 2: two SSH sessions of one server share its service;
/// a ticket opened in one reaches the other's list with no key pressed
/// there, and the status bar says when that screen was read.
#[tokio::test(flavor = "multi_thread")]
async fn a_change_in_one_session_reaches_the_other_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let email = "edsger@contoso.com";
    let password = password_of(&sign_ins, email);
    let watching = sign_in(&server, email, &password).await;
    let mut watcher = Shell::open(&watching, 100, 30).await;
    watcher.send(b"3").await;
    watcher
        .wait_for("the empty ticket list", |s| {
            let text = Shell::text(s);
            text.contains("Your tickets (0)") && text.contains("as of ")
        })
        .await;

    let acting = sign_in(&server, email, &password).await;
    let mut actor = Shell::open(&acting, 100, 30).await;
    actor.send(b"3").await;
    actor
        .wait_for("the ticket list", |s| {
            Shell::text(s).contains("Your tickets (0)")
        })
        .await;
    // n opens the dialog; Tab moves from the category to the text, and
    // Ctrl-S sends it (Enter breaks a line there).
    actor.send(b"n").await;
    actor
        .wait_for("the ticket dialog", |s| {
            Shell::text(s).contains("Open a support ticket")
        })
        .await;
    actor.send(b"\tMy link fails\x13").await;
    actor
        .wait_for("the ticket in the actor's list", |s| {
            Shell::text(s).contains("Your tickets (1)")
        })
        .await;

    // Nothing was sent to the watcher: its screen reads again by itself.
    watcher
        .wait_for("the ticket in the other session", |s| {
            Shell::text(s).contains("Your tickets (1)")
        })
        .await;
}
