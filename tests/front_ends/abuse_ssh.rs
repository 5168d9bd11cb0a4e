//! Issue 13: every size, count and queue an SSH client controls has a bound
//! (docs/ssh.md "Limits", src/ssh/limits.rs). Each test runs the real
//! `certlink serve` on a demo sandbox and an in-process russh client; each
//! asserts counts, sizes or refusals (no timing), and that a legitimate person
//! still signs in and runs `profile` afterwards.

use crate::ssh_harness;

use std::time::Duration;

use russh::client;
use russh::{Channel, ChannelMsg, ChannelOpenFailure};
use serde_json::Value;
use ssh_harness::*;
use tokio::io::AsyncReadExt;
use tokio::time::Instant;

const PER_CONNECTION: usize = 10;
const PER_SOURCE: usize = 24;
const PER_PERSON: usize = 4;

/// A demo sandbox served with `extra` options, and its sign-ins.
fn served(extra: &[&str]) -> (tempfile::TempDir, Value, Server) {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, extra);
    (dir, sign_ins, server)
}

/// Someone else signs in (from their own address) and runs `profile`.
async fn legit_profile(server: &Server, sign_ins: &Value) {
    let email = "grace@contoso.com";
    let handle = sign_in_from(
        [127, 0, 0, 99],
        server,
        client::Config::default(),
        Pinned(server.fingerprint.clone()),
        email,
        &password_of(sign_ins, email),
    )
    .await;
    let profile = exec(&handle, "profile", b"").await;
    assert_eq!(profile.status, Some(0), "{}", profile.stderr);
    assert!(profile.stdout.contains(email) || !profile.stdout.is_empty());
}

/// Tries until `attempt` holds (bounded): for what the server does just after
/// it answered, e.g. giving a slot back when a connection or command ended.
async fn eventually<F, Fut>(what: &str, mut attempt: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + DEADLINE;
    while !attempt().await {
        assert!(Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Reads a channel until it closes (bounded): stdout, stderr, exit status.
async fn drain(mut channel: Channel<client::Msg>) -> (Vec<u8>, String, Option<u32>) {
    let (mut out, mut err, mut status) = (Vec::new(), String::new(), None);
    let read = async {
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Data { data } => out.extend_from_slice(&data),
                ChannelMsg::ExtendedData { data, ext: 1 } => {
                    err.push_str(&String::from_utf8_lossy(&data))
                }
                ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                _ => {}
            }
        }
    };
    tokio::time::timeout(DEADLINE, read)
        .await
        .expect("the channel did not end");
    (out, err, status)
}

/// A command that waits for its standard input: it holds a command slot
/// until the client sends EOF.
async fn blocked_command(handle: &client::Handle<Pinned>) -> Channel<client::Msg> {
    let mut channel = handle.channel_open_session().await.unwrap();
    channel
        .exec(
            true,
            "link --mcid-email nobody@learn.example.com --password-stdin",
        )
        .await
        .unwrap();
    // The server answers the request in the same step as it takes the person's
    // slot: once the answer is here, the command counts, whichever connection
    // the next request comes on (a busy machine may deliver that one first).
    let deadline = Instant::now() + DEADLINE;
    loop {
        match tokio::time::timeout_at(deadline, channel.wait()).await {
            Ok(Some(ChannelMsg::Success)) => return channel,
            Ok(Some(_)) => {}
            Ok(None) => panic!("the command's channel ended before the server answered"),
            Err(_) => panic!("no answer to the command within {DEADLINE:?}"),
        }
    }
}

/// Reads bytes until `done` holds for what came so far (bounded).
async fn read_until(channel: &mut Channel<client::Msg>, seen: &mut Vec<u8>, done: &[u8]) {
    let deadline = Instant::now() + DEADLINE;
    while !seen.windows(done.len()).any(|w| w == done) {
        match tokio::time::timeout_at(deadline, channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => seen.extend_from_slice(&data),
            Ok(Some(_)) => {}
            Ok(None) => panic!(
                "the channel ended before {:?}",
                String::from_utf8_lossy(done)
            ),
            Err(_) => panic!("no {:?} within {DEADLINE:?}", String::from_utf8_lossy(done)),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_terminal_is_drawn_at_the_largest_size_and_the_server_lives() {
    let (_dir, sign_ins, server) = served(&[]);
    let email = "alan@contoso.com";
    let handle = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    // 65535×65535 aborted the whole server (a 206 GB frame buffer).
    let mut channel = pty_shell(&handle, 65535, 65535).await;
    let mut seen = Vec::new();
    // The bottom row drawn is row 200 (cursor moves are 1-based "ESC [ row ; col H").
    read_until(&mut channel, &mut seen, b"\x1b[200;").await;
    channel.window_change(65535, 65535, 0, 0).await.unwrap();
    channel.window_change(2000, 2000, 0, 0).await.unwrap();
    channel.data(&b"2"[..]).await.unwrap();
    read_until(&mut channel, &mut seen, b"Your link history").await;
    let text = String::from_utf8_lossy(&seen);
    assert!(
        !text.contains("\x1b[201;"),
        "nothing below row 200 is drawn"
    );
    assert!(
        !text.contains(";501H"),
        "nothing right of column 500 is drawn"
    );
    legit_profile(&server, &sign_ins).await;
    // A size of zero is one cell, not a crash either.
    channel.window_change(0, 0, 0, 0).await.unwrap();
    legit_profile(&server, &sign_ins).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_connection_gets_at_most_ten_sessions_and_others_still_sign_in() {
    let (_dir, sign_ins, server) = served(&[]);
    let email = "alan@contoso.com";
    let handle = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let (mut open, mut refused) = (Vec::new(), 0);
    for _ in 0..3 * PER_CONNECTION {
        match handle.channel_open_session().await {
            Ok(channel) => open.push(channel),
            Err(russh::Error::ChannelOpenFailure(ChannelOpenFailure::ResourceShortage)) => {
                refused += 1
            }
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(open.len(), PER_CONNECTION, "channels per connection");
    assert_eq!(refused, 2 * PER_CONNECTION);
    legit_profile(&server, &sign_ins).await;
    // A channel whose command ended stops counting: the connection goes on.
    let first = open.remove(0);
    first.exec(true, "profile").await.unwrap();
    let (_, err, status) = drain(first).await;
    assert_eq!(status, Some(0), "{err}");
    let again = exec(&handle, "profile", b"").await;
    assert_eq!(again.status, Some(0), "{}", again.stderr);
}

/// Reads what the server says first on a raw TCP connection (bounded).
async fn greeting(stream: &mut tokio::net::TcpStream) -> String {
    let mut bytes = vec![0u8; 256];
    let n = tokio::time::timeout(DEADLINE, stream.read(&mut bytes))
        .await
        .expect("the server said nothing")
        .unwrap_or(0);
    String::from_utf8_lossy(&bytes[..n]).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_over_its_share_of_connections_is_turned_away_at_once() {
    let (_dir, sign_ins, server) = served(&[]);
    let mut held = Vec::new();
    for _ in 0..PER_SOURCE {
        let mut stream = tcp_from([127, 0, 0, 5], server.port).await;
        let hello = greeting(&mut stream).await;
        assert!(hello.starts_with("SSH-2.0-"), "{hello}");
        held.push(stream);
    }
    let mut extra = tcp_from([127, 0, 0, 5], server.port).await;
    let refusal = greeting(&mut extra).await;
    assert!(
        refusal.starts_with("certlink: refused: your address has 24 connections open"),
        "{refusal}"
    );
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(DEADLINE, extra.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "a refused connection is closed");
    // Another address is not affected.
    legit_profile(&server, &sign_ins).await;
    // A connection that ends gives its slot back.
    drop(held.pop());
    eventually("the slot came back", || async {
        let mut stream = tcp_from([127, 0, 0, 5], server.port).await;
        greeting(&mut stream).await.starts_with("SSH-2.0-")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_total_of_connections_is_bounded() {
    let (_dir, _sign_ins, server) = served(&["--max-connections", "3"]);
    let mut held = Vec::new();
    for last in 1..=3 {
        let mut stream = tcp_from([127, 0, 0, 10 + last], server.port).await;
        assert!(greeting(&mut stream).await.starts_with("SSH-2.0-"));
        held.push(stream);
    }
    let mut extra = tcp_from([127, 0, 0, 20], server.port).await;
    let refusal = greeting(&mut extra).await;
    assert!(
        refusal.starts_with("certlink: refused: the server has its most connections (3) open"),
        "{refusal}"
    );
}

/// The operator reads what the server turned away in its log (standard
/// error): a refused connection is one line naming its source.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_logs_a_refused_connection_to_standard_error() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = sandbox(dir.path());
    let server = Server::start_logged(&db, &["--max-connections", "1"], "info");
    let mut held = tcp_from([127, 0, 0, 31], server.port).await;
    assert!(greeting(&mut held).await.starts_with("SSH-2.0-"));
    let mut extra = tcp_from([127, 0, 0, 32], server.port).await;
    assert!(greeting(&mut extra).await.starts_with("certlink: refused"));
    let log = server.log.as_ref().expect("the log is read");
    let deadline = Instant::now() + DEADLINE;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        let Ok(line) = log.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        if line.contains("connection refused: too many") {
            assert!(
                line.contains("INFO") && line.contains("127.0.0.32"),
                "{line}"
            );
            return;
        }
        seen.push(line);
    }
    panic!("no refusal in the log: {seen:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_runs_at_most_four_commands_at_once_and_one_more_is_busy() {
    let (_dir, sign_ins, server) = served(&[]);
    let email = "alan@contoso.com";
    let password = password_of(&sign_ins, email);
    // Over two connections: the share is the person's, not the connection's.
    let first = sign_in(&server, email, &password).await;
    let second = sign_in(&server, email, &password).await;
    let mut running = Vec::new();
    for i in 0..PER_PERSON {
        let handle = if i % 2 == 0 { &first } else { &second };
        running.push(blocked_command(handle).await);
    }
    let busy = exec(&second, "profile", b"").await;
    assert_eq!(busy.status, Some(1), "{}", busy.stderr);
    assert!(
        busy.stderr
            .contains("busy: you have 4 commands running on this server"),
        "{}",
        busy.stderr
    );
    // Someone else is not held up by alan's commands.
    legit_profile(&server, &sign_ins).await;
    // One ends (EOF: no password, a usage error), and alan may run one more.
    let ended = running.pop().unwrap();
    ended.eof().await.unwrap();
    let (_, err, status) = drain(ended).await;
    assert_eq!(status, Some(2), "{err}");
    // The slot is given back as the command's thread ends, just after its exit status.
    eventually("the slot came back", || async {
        let again = exec(&second, "profile", b"").await;
        assert!(
            again.status == Some(0) || again.stderr.contains("busy"),
            "{}",
            again.stderr
        );
        again.status == Some(0)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_total_of_commands_a_command_waits_its_turn() {
    let (_dir, sign_ins, server) = served(&["--max-commands", "2"]);
    let email = "alan@contoso.com";
    let alan = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let mut running = vec![blocked_command(&alan).await, blocked_command(&alan).await];
    let grace = "grace@contoso.com";
    let other = sign_in(&server, grace, &password_of(&sign_ins, grace)).await;
    let mut waiting = other.channel_open_session().await.unwrap();
    waiting.exec(true, "profile").await.unwrap();
    waiting.eof().await.unwrap();
    // Both slots are alan's: grace's command waits (no output, no exit) ...
    let early = tokio::time::timeout(Duration::from_secs(2), async {
        loop {
            match waiting.wait().await {
                Some(ChannelMsg::Data { .. } | ChannelMsg::ExitStatus { .. }) | None => break,
                Some(_) => {}
            }
        }
    })
    .await;
    assert!(early.is_err(), "the command ran beyond --max-commands");
    // ... and runs as soon as one of them ends.
    running.pop().unwrap().eof().await.unwrap();
    let (out, err, status) = drain(waiting).await;
    assert_eq!(status, Some(0), "{err}");
    assert!(String::from_utf8_lossy(&out).contains("Grace"));
}

/// A channel with a pty of that size and the app on it.
async fn pty_shell(handle: &client::Handle<Pinned>, cols: u32, rows: u32) -> Channel<client::Msg> {
    let channel = handle.channel_open_session().await.unwrap();
    channel
        .request_pty(true, "xterm", cols, rows, 0, 0, &[])
        .await
        .unwrap();
    channel.request_shell(true).await.unwrap();
    channel
}

/// Opens an interactive session and waits for the first screen, or for its end.
async fn shell(handle: &client::Handle<Pinned>) -> (Channel<client::Msg>, Option<(String, u32)>) {
    let mut channel = pty_shell(handle, 80, 24).await;
    let (mut seen, mut err) = (Vec::new(), String::new());
    let deadline = Instant::now() + DEADLINE;
    while !String::from_utf8_lossy(&seen).contains("Profile") {
        match tokio::time::timeout_at(deadline, channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => seen.extend_from_slice(&data),
            Ok(Some(ChannelMsg::ExtendedData { data, ext: 1 })) => {
                err.push_str(&String::from_utf8_lossy(&data))
            }
            Ok(Some(ChannelMsg::ExitStatus { exit_status })) => {
                return (channel, Some((err, exit_status)));
            }
            Ok(Some(_)) => {}
            Ok(None) => panic!("the session ended without a status: {err}"),
            Err(_) => panic!("no first screen within {DEADLINE:?}"),
        }
    }
    (channel, None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interactive_sessions_are_bounded_per_person_and_in_total() {
    let (_dir, sign_ins, server) = served(&["--max-sessions", "5"]);
    let email = "alan@contoso.com";
    let alan = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let alan2 = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let mut open = Vec::new();
    for i in 0..PER_PERSON {
        let (channel, ended) = shell(if i < 2 { &alan } else { &alan2 }).await;
        assert!(ended.is_none(), "session {i} refused: {ended:?}");
        open.push(channel);
    }
    let (_, refused) = shell(&alan2).await;
    let (err, status) = refused.expect("a fifth session of one person is refused");
    assert_eq!(status, 1);
    assert!(
        err.contains("busy: you have 4 interactive sessions open"),
        "{err}"
    );
    let grace = "grace@contoso.com";
    let other = sign_in(&server, grace, &password_of(&sign_ins, grace)).await;
    let (channel, ended) = shell(&other).await;
    assert!(ended.is_none(), "grace has her own share: {ended:?}");
    open.push(channel);
    let third = "katherine@contoso.com";
    let late = sign_in(&server, third, &password_of(&sign_ins, third)).await;
    let (_, refused) = shell(&late).await;
    let (err, status) = refused.expect("past --max-sessions a session is refused");
    assert_eq!(status, 1);
    assert!(
        err.contains("the server has its most interactive sessions (5) open"),
        "{err}"
    );
    // Commands still run for everyone.
    let profile = exec(&late, "profile", b"").await;
    assert_eq!(profile.status, Some(0), "{}", profile.stderr);
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_a_session_cannot_keep_up_with_are_dropped_not_queued() {
    let (_dir, sign_ins, server) = served(&[]);
    let email = "alan@contoso.com";
    let handle = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let (channel, ended) = shell(&handle).await;
    assert!(ended.is_none());
    let before = peak_rss(&server);
    // 48 MiB of key presses, far faster than the app handles keys: they were
    // all queued (the server grew by about as much) before the bound.
    const FLOOD: usize = 48 * 1024 * 1024;
    let packet = b"jk".repeat(16 * 1024);
    let (mut reader, writer) = channel.split();
    let drained = tokio::spawn(async move {
        while let Some(msg) = reader.wait().await {
            if matches!(msg, ChannelMsg::ExitStatus { .. }) {
                return true;
            }
        }
        false
    });
    for _ in 0..FLOOD / packet.len() {
        writer.data(&packet[..]).await.unwrap();
    }
    let grown = peak_rss(&server).saturating_sub(before);
    assert!(
        grown < 16 * 1024 * 1024,
        "the server grew by {} MiB for {} MiB of keys",
        grown / (1024 * 1024),
        FLOOD / (1024 * 1024)
    );
    // The session still answers once it has caught up: `q` ends it (a `q`
    // sent while the queue is full is dropped like the rest, so repeat it).
    let deadline = Instant::now() + DEADLINE;
    while !drained.is_finished() {
        assert!(Instant::now() < deadline, "the session never took the q");
        writer.data(&b"q"[..]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(drained.await.unwrap(), "the session ended with a status");
    legit_profile(&server, &sign_ins).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_does_not_sign_in_is_closed_after_the_grace() {
    let (_dir, sign_ins, server) = served(&["--login-grace", "1"]);
    // One that never even sends its version line, one that stops after it:
    // both would hold their slots until the inactivity timeout (16 min).
    let mut silent = tcp_from([127, 0, 0, 30], server.port).await;
    assert!(greeting(&mut silent).await.starts_with("SSH-2.0-"));
    let mut stalled = tcp_from([127, 0, 0, 31], server.port).await;
    assert!(greeting(&mut stalled).await.starts_with("SSH-2.0-"));
    tokio::io::AsyncWriteExt::write_all(&mut stalled, b"SSH-2.0-stalled\r\n")
        .await
        .unwrap();
    for stream in [&mut silent, &mut stalled] {
        let mut rest = Vec::new();
        let closed = tokio::time::timeout(DEADLINE, stream.read_to_end(&mut rest)).await;
        assert!(closed.is_ok(), "the server closed it");
    }
    // A connection that signed in is not affected by the grace.
    let email = "alan@contoso.com";
    let handle = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let profile = exec(&handle, "profile", b"").await;
    assert_eq!(profile.status, Some(0), "{}", profile.stderr);
}
