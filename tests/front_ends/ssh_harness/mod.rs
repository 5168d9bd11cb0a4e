//! What the SSH end-to-end tests share: a demo sandbox, `certlink serve` on a
//! free loopback port (ready when it says so, killed when dropped), and an
//! in-process russh client that accepts only the host key the server printed.
//! Each test file uses a part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use russh::ChannelMsg;
use russh::client;
use russh::keys::{HashAlg, PublicKeyOrCertificate};
use serde_json::Value;

pub const NOW: &str = "2026-11-23T12:00:00Z";
/// The server's clock starts a minute after the demo was built (it never goes back).
pub const SERVE_NOW: &str = "2026-11-23T12:01:00Z";
pub const DEADLINE: Duration = Duration::from_secs(30);

pub fn certlink(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_certlink"));
    c.env_remove("CERTLINK_PASSWORD")
        .env("NO_COLOR", "1")
        .env("CERTLINK_CONFIG", db.with_extension("config.toml"))
        .args(["--db", db.to_str().unwrap()]);
    c
}

/// A demo sandbox; returns its sign-ins (JSON).
pub fn sandbox(dir: &Path) -> (PathBuf, Value) {
    let db = dir.join("demo.redb");
    let out = certlink(&db)
        .args(["--now", NOW, "demo", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(db.with_extension("config.toml"), "").unwrap();
    (db, serde_json::from_slice(&out.stdout).unwrap())
}

pub fn password_of(sign_ins: &Value, email: &str) -> String {
    sign_ins["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == email)
        .unwrap()["password"]
        .as_str()
        .unwrap()
        .to_string()
}

/// `certlink serve` on a free loopback port; killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub fingerprint: String,
    /// The server's standard output, line by line.
    pub lines: mpsc::Receiver<String>,
    /// Its log (standard error), line by line, when started with
    /// [`Server::start_logged`]; else its log is off.
    pub log: Option<mpsc::Receiver<String>>,
}

/// Sends each line `from` gives to a channel, on a thread of its own.
fn lines_of(from: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    lines
}

impl Server {
    /// Starts the server with `extra` arguments and waits, with a deadline, for
    /// it to say where it listens.
    pub fn start(db: &Path, extra: &[&str]) -> Server {
        Server::start_env(db, extra, &[])
    }

    /// [`Server::start`] with the server's own environment variables set.
    pub fn start_env(db: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        Server::spawn(db, extra, env, None)
    }

    /// [`Server::start`] with its log at `level`, read through [`Server::log`].
    pub fn start_logged(db: &Path, extra: &[&str], level: &str) -> Server {
        Server::spawn(db, extra, &[], Some(level))
    }

    fn spawn(db: &Path, extra: &[&str], env: &[(&str, &str)], log: Option<&str>) -> Server {
        let mut child = certlink(db)
            .args(["--now", SERVE_NOW, "serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            // The server's log would be mixed into the tests' output.
            .env("CERTLINK_LOG", log.unwrap_or("off"))
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(if log.is_some() {
                Stdio::piped()
            } else {
                Stdio::inherit()
            })
            .spawn()
            .unwrap();
        let lines = lines_of(child.stdout.take().unwrap());
        let log = child.stderr.take().map(lines_of);
        let mut server = Server {
            child,
            port: 0,
            fingerprint: String::new(),
            lines,
            log,
        };
        while server.port == 0 {
            let line = server
                .lines
                .recv_timeout(DEADLINE)
                .expect("certlink serve did not say it was listening");
            if let Some(rest) = line.strip_prefix("certlink: host key ") {
                server.fingerprint = rest.split(' ').next().unwrap().to_string();
            }
            if let Some(rest) = line.strip_prefix("certlink: listening on 127.0.0.1:") {
                server.port = rest.split(';').next().unwrap().parse().unwrap();
            }
        }
        server
    }

    /// SIGTERM, then waits (bounded) for the exit; true when it stopped cleanly.
    #[cfg(unix)]
    pub fn terminate(&mut self) -> bool {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()));
        let mut said_stopped = false;
        while let Ok(line) = self.lines.recv_timeout(DEADLINE) {
            said_stopped |= line == "certlink: stopped";
        }
        let deadline = std::time::Instant::now() + DEADLINE;
        while std::time::Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return said_stopped && status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Accepts only the host key the server printed.
pub struct Pinned(pub String);

impl client::Handler for Pinned {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(match key {
            PublicKeyOrCertificate::PublicKey { key, .. } => {
                key.fingerprint(HashAlg::Sha256).to_string() == self.0
            }
            PublicKeyOrCertificate::Certificate(_) => false,
        })
    }
}

/// Connects and tries a password; `None` when the server refuses it.
pub async fn connect(
    server: &Server,
    email: &str,
    password: &str,
) -> Option<client::Handle<Pinned>> {
    try_connect(server.port, &server.fingerprint, email, password).await
}

/// Connects by port and host-key fingerprint with a password that must sign in
/// (for tasks that cannot borrow the `Server`).
pub async fn connect_to(
    port: u16,
    fingerprint: &str,
    email: &str,
    password: &str,
) -> client::Handle<Pinned> {
    try_connect(port, fingerprint, email, password)
        .await
        .expect("the demo password signs in")
}

async fn try_connect(
    port: u16,
    fingerprint: &str,
    email: &str,
    password: &str,
) -> Option<client::Handle<Pinned>> {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(DEADLINE),
        ..Default::default()
    });
    let mut handle = client::connect(config, ("127.0.0.1", port), Pinned(fingerprint.to_string()))
        .await
        .unwrap();
    let auth = handle.authenticate_password(email, password).await.unwrap();
    auth.success().then_some(handle)
}

/// Connects with a password that must sign in.
pub async fn sign_in(server: &Server, email: &str, password: &str) -> client::Handle<Pinned> {
    connect(server, email, password)
        .await
        .expect("the demo password signs in")
}

/// What one exec produced.
pub struct Exec {
    pub stdout: String,
    pub stderr: String,
    pub status: Option<u32>,
}

/// Runs one command over a new channel, with `stdin`, to its end (bounded).
pub async fn exec(handle: &client::Handle<Pinned>, command: &str, stdin: &[u8]) -> Exec {
    exec_env(handle, &[], command, stdin).await
}

/// [`exec`] after sending the client's environment variables `env` (as
/// OpenSSH's `SendEnv`/`SetEnv` do, before the command).
pub async fn exec_env(
    handle: &client::Handle<Pinned>,
    env: &[(&str, &str)],
    command: &str,
    stdin: &[u8],
) -> Exec {
    let mut channel = handle.channel_open_session().await.unwrap();
    for (name, value) in env {
        channel.set_env(false, *name, *value).await.unwrap();
    }
    channel.exec(true, command).await.unwrap();
    if !stdin.is_empty() {
        channel.data_bytes(stdin.to_vec()).await.unwrap();
    }
    channel.eof().await.unwrap();
    let mut result = Exec {
        stdout: String::new(),
        stderr: String::new(),
        status: None,
    };
    let read = async {
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Data { data } => {
                    result.stdout.push_str(&String::from_utf8_lossy(&data))
                }
                ChannelMsg::ExtendedData { data, ext: 1 } => {
                    result.stderr.push_str(&String::from_utf8_lossy(&data))
                }
                ChannelMsg::ExitStatus { exit_status } => result.status = Some(exit_status),
                _ => {}
            }
        }
    };
    tokio::time::timeout(DEADLINE, read)
        .await
        .expect("the command did not end");
    result
}

/// A TCP connection to the server from `local` (another loopback address:
/// the server counts connections per source address).
pub async fn tcp_from(local: [u8; 4], port: u16) -> tokio::net::TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(std::net::SocketAddr::from((local, 0))).unwrap();
    socket
        .connect(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .unwrap()
}

/// Signs in with a password from `local`, with `handler` and `config`
/// (a window or buffer of the test's choice).
pub async fn sign_in_from<H>(
    local: [u8; 4],
    server: &Server,
    config: client::Config,
    handler: H,
    email: &str,
    password: &str,
) -> client::Handle<H>
where
    H: client::Handler<Error = russh::Error> + Send + 'static,
{
    let stream = tcp_from(local, server.port).await;
    let mut handle = client::connect_stream(Arc::new(config), stream, handler)
        .await
        .unwrap();
    let auth = handle.authenticate_password(email, password).await.unwrap();
    assert!(auth.success(), "{email} signs in");
    handle
}

/// The server's peak resident memory so far (VmHWM), in bytes.
#[cfg(target_os = "linux")]
pub fn peak_rss(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kib * 1024
}
