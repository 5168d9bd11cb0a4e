//! `certlink serve` under load (issue 6): server memory with 100 concurrent idle
//! interactive sessions, and key press to the updated screen bytes on loopback
//! with 20 sessions typing at once. Not a criterion benchmark: it drives the
//! real server and prints its figures.
//!
//! Run: `cargo build --release && cargo bench -p certlink-bench --bench ssh_sessions`
//! (it uses `target/release/certlink`, on a generated sandbox of 10,000 people).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use russh::client;
use russh::{Channel, ChannelMsg};

#[path = "common/ssh_client.rs"]
mod ssh_client;
use ssh_client::{KillOnDrop, Pinned, binary, connect};

const IDLE_SESSIONS: usize = 100;
const TYPING_SESSIONS: usize = 20;
const KEYS_PER_SESSION: usize = 50;
const NOW: &str = "2026-11-23T12:00:00Z";
const SERVE_NOW: &str = "2026-11-23T12:01:00Z";

fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kib| kib / 1024.0)
        .unwrap_or(0.0)
}

/// Active accounts of the demo's three organizations, as their admins list them.
fn active_people(db: &std::path::Path) -> Vec<String> {
    let mut people = Vec::new();
    for (minute, admin) in ["ada@contoso.com", "tim@fabrikam.com", "annie@northwind.com"]
        .iter()
        .enumerate()
    {
        let out = Command::new(binary())
            .env("CERTLINK_PASSWORD", certlink_core::demo::ACCOUNT_PASSWORD)
            .args(["--db", db.to_str().unwrap_or_default()])
            .args(["--now", &format!("2026-11-23T12:00:{:02}Z", 10 + minute)])
            .args(["--as", admin, "user", "list"])
            .output()
            .expect("user list");
        // The table: EMAIL first, a STATUS column further on.
        for line in String::from_utf8_lossy(&out.stdout).lines().skip(1) {
            let mut words = line.split_whitespace();
            if let Some(email) = words.next()
                && words.any(|w| w == "active")
            {
                people.push(email.to_string());
            }
        }
    }
    people
}

/// Opens an interactive session (pty + shell) and waits for its first screen.
/// From `source`: the server allows 24 connections per address (docs/ssh.md "Limits").
async fn open_session(
    port: u16,
    fingerprint: &str,
    email: &str,
    source: [u8; 4],
) -> (client::Handle<Pinned>, Channel<client::Msg>) {
    let handle = connect(port, fingerprint, email, source, Duration::from_secs(120)).await;
    let mut channel = handle.channel_open_session().await.expect("channel");
    channel
        .request_pty(true, "xterm-256color", 120, 40, 0, 0, &[])
        .await
        .expect("pty");
    channel.request_shell(true).await.expect("shell");
    let mut seen = 0;
    while seen < 2000 {
        match tokio::time::timeout(Duration::from_secs(30), channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => seen += data.len(),
            Ok(Some(_)) => {}
            _ => break,
        }
    }
    (handle, channel)
}

/// Sends a key and times until the first screen bytes come back, then drains
/// the rest of the frame.
async fn key_latency(channel: &mut Channel<client::Msg>, key: &[u8]) -> Duration {
    let started = Instant::now();
    channel.data_bytes(key.to_vec()).await.expect("send");
    let mut first = None;
    loop {
        let wait = if first.is_some() {
            Duration::from_millis(30)
        } else {
            Duration::from_secs(10)
        };
        match tokio::time::timeout(wait, channel.wait()).await {
            Ok(Some(ChannelMsg::Data { .. })) => {
                first.get_or_insert_with(|| started.elapsed());
            }
            Ok(Some(_)) => {}
            _ => break,
        }
    }
    first.unwrap_or(Duration::from_secs(10))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.redb");
    let made = Command::new(binary())
        .args([
            "--db",
            db.to_str().unwrap_or_default(),
            "--now",
            NOW,
            "demo",
            "--people",
            "10000",
            "--format",
            "json",
        ])
        .stdout(Stdio::null())
        .status()
        .expect("build with `cargo build --release` first");
    assert!(made.success());
    // Four interactive sessions per person at most: one session each for
    // 100 active people of the three organizations (read before serving:
    // the server holds the file).
    let people = active_people(&db);
    assert!(
        people.len() >= IDLE_SESSIONS,
        "{} active people",
        people.len()
    );
    let mut child = Command::new(binary())
        .args([
            "--db",
            db.to_str().unwrap_or_default(),
            "--now",
            SERVE_NOW,
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--max-sessions",
            "128",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let stdout = child.stdout.take().expect("stdout");
    let server = KillOnDrop(child);
    let (mut port, mut fingerprint) = (0u16, String::new());
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let Some(rest) = line.strip_prefix("certlink: host key ") {
            fingerprint = rest.split(' ').next().unwrap_or_default().to_string();
        }
        if let Some(rest) = line.strip_prefix("certlink: listening on 127.0.0.1:") {
            port = rest
                .split(';')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            break;
        }
    }
    let pid = server.0.id();
    println!("server RSS before sessions: {:.1} MiB", rss_mib(pid));
    let mut sessions = Vec::new();
    for (i, email) in people.iter().take(IDLE_SESSIONS).enumerate() {
        let source = [127, 0, 0, 2 + (i % 8) as u8];
        sessions.push(open_session(port, &fingerprint, email, source).await);
    }
    println!(
        "server RSS with {IDLE_SESSIONS} idle interactive sessions: {:.1} MiB",
        rss_mib(pid)
    );

    let mut tasks = Vec::new();
    for (_, mut channel) in sessions.drain(..TYPING_SESSIONS) {
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::with_capacity(KEYS_PER_SESSION);
            for k in 0..KEYS_PER_SESSION {
                // Move between the first two tabs: each key redraws the screen.
                let key: &[u8] = if k % 2 == 0 { b"2" } else { b"1" };
                samples.push(key_latency(&mut channel, key).await);
            }
            samples
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("typing task"));
    }
    all.sort();
    let at = |q: f64| all[((all.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "key press to first screen bytes, {TYPING_SESSIONS} sessions typing ({} keys): p50 {:?}, p99 {:?}, max {:?}",
        all.len(),
        at(0.5),
        at(0.99),
        all[all.len() - 1]
    );
    println!("server RSS at the end: {:.1} MiB", rss_mib(pid));
    drop(sessions);
}
