//! certlink through SSH exec: the real `certlink serve` on a copy of the
//! fixture, N clients each signed in once on two connections (an account at
//! Contoso, one at Fabrikam), each move one exec channel:
//! `link --mcid-email P --password-stdin --yes` from the account not holding P.
//!
//! The server's clock runs in real time, so R9 (3 starts a year, 30 days
//! apart) would refuse a profile's second move. On the server's copy the
//! operator settings are widened to the most they allow (100 starts a year, no
//! cool-off) and each client uses a profile for [`MOVES_PER_PROFILE`] moves,
//! then takes a fresh one from a pool: an `unlink` and a first `link`, two
//! untimed commands every 98 moves, inside the series' wall time (2 % more
//! commands than moves counted).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use certlink_bench::MOVER_PROFILE_PASSWORD;
use certlink_bench::writers::{ORGS, add_account, sign_in};
use certlink_core::service::{Environment, LinkOutcome, Service};
use russh::client;
use russh::{ChannelMsg, Disconnect};

use crate::plan::Plan;
use crate::run::{Op, Outcome};
use crate::ssh_client::{KillOnDrop, Pinned, binary, connect};

/// Moves per profile: its first link and these moves are 99 starts, within the
/// widest R9 limit (100 a year); even, so the profile ends at the first
/// organization's account, which unlinks it before taking the next.
pub const MOVES_PER_PROFILE: usize = 98;
/// A command that has not ended by then has failed.
const EXEC_DEADLINE: Duration = Duration::from_secs(60);
/// Connections per source address (the server allows 24).
const PER_SOURCE: usize = 20;

/// Profiles no client has used yet.
struct Pool {
    profiles: Vec<String>,
    next: AtomicUsize,
}

impl Pool {
    fn take(&self) -> Option<&str> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        self.profiles.get(i).map(String::as_str)
    }
}

struct Client {
    /// Signed in as the client's account at Contoso (0) and at Fabrikam (1).
    connections: [client::Handle<Pinned>; 2],
    profile: String,
    /// Moves made with `profile`.
    moves: usize,
    /// The connection the next move links from.
    next: usize,
}

struct Exec {
    status: Option<u32>,
    stdout: String,
    stderr: String,
}

async fn exec(handle: &client::Handle<Pinned>, command: &str, stdin: &[u8]) -> Exec {
    let mut result = Exec {
        status: None,
        stdout: String::new(),
        stderr: String::new(),
    };
    let run = async {
        let mut channel = handle.channel_open_session().await?;
        channel.exec(true, command).await?;
        if !stdin.is_empty() {
            channel.data_bytes(stdin.to_vec()).await?;
        }
        channel.eof().await?;
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Data { data } => {
                    result.stdout.push_str(&String::from_utf8_lossy(&data))
                }
                ChannelMsg::ExtendedData { data, .. } => {
                    result.stderr.push_str(&String::from_utf8_lossy(&data))
                }
                ChannelMsg::ExitStatus { exit_status } => result.status = Some(exit_status),
                _ => {}
            }
        }
        Ok::<(), russh::Error>(())
    };
    match tokio::time::timeout(EXEC_DEADLINE, run).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => result.stderr.push_str(&format!("ssh: {e}")),
        Err(_) => result.stderr.push_str("the command did not end"),
    }
    result
}

fn link_command(profile: &str) -> String {
    format!("link --mcid-email {profile} --password-stdin --yes")
}

fn password_line() -> Vec<u8> {
    format!("{MOVER_PROFILE_PASSWORD}\n").into_bytes()
}

impl Client {
    /// One move, timed as one exec round trip. Before it, a client whose
    /// profile is used up takes the next (untimed); `None` when none is left.
    async fn step(&mut self, pool: &Pool) -> Option<(Duration, Op)> {
        if self.moves == MOVES_PER_PROFILE {
            let profile = pool.take()?.to_string();
            let out = exec(&self.connections[0], "unlink", b"").await;
            if out.status != Some(0) {
                return Some((
                    Duration::ZERO,
                    Op::Failed(format!("unlink: {}", out.stderr)),
                ));
            }
            let out = exec(
                &self.connections[0],
                &link_command(&profile),
                &password_line(),
            )
            .await;
            if out.status != Some(0) {
                return Some((Duration::ZERO, Op::Failed(format!("link: {}", out.stderr))));
            }
            (self.profile, self.moves, self.next) = (profile, 0, 1);
        }
        let started = Instant::now();
        let out = exec(
            &self.connections[self.next],
            &link_command(&self.profile),
            &password_line(),
        )
        .await;
        let took = started.elapsed();
        // The client's language is the server's default, English: the move's
        // answer names it (`cli-linked-moved`).
        let op = match out.status {
            Some(0) if out.stdout.contains("moved") => {
                self.moves += 1;
                self.next ^= 1;
                Op::Done
            }
            Some(0) => Op::Failed(format!("not a move: {}", out.stdout.trim())),
            Some(1) => Op::Refused(out.stderr.trim().to_string()),
            other => Op::Failed(format!("exit {other:?}: {}", out.stderr.trim())),
        };
        Some((took, op))
    }
}

pub struct Ssh {
    runtime: tokio::runtime::Runtime,
    clients: Vec<Client>,
    pool: Arc<Pool>,
    _server: KillOnDrop,
}

impl Ssh {
    /// Copies the fixture for the server, adds the clients' accounts and
    /// `profiles` profiles (untimed), starts the server and signs every client
    /// in on both of its connections.
    pub fn start(dir: &Path, fixture: &Path, clients: usize, profiles: usize) -> Ssh {
        let db = dir.join("ssh.redb");
        std::fs::copy(fixture, &db).expect("copy the fixture for the server");
        let (emails, pool) = prepare(&db, clients, profiles.max(clients));
        let log = std::fs::File::create(dir.join("serve.log")).expect("server log");
        let mut child = Command::new(binary())
            .args(["--db", db.to_str().unwrap_or_default()])
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("certlink serve (build it first: cargo build --release --bin certlink)");
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
        assert!(
            port != 0,
            "the server did not start: see {}",
            dir.join("serve.log").display()
        );
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        let clients = runtime.block_on(async {
            let mut out = Vec::new();
            for (i, (pair, first)) in emails.into_iter().zip(&pool.profiles).enumerate() {
                let mut connections = Vec::new();
                for (side, email) in pair.iter().enumerate() {
                    let source = [127, 0, 0, 10 + ((2 * i + side) / PER_SOURCE) as u8];
                    connections.push(
                        connect(port, &fingerprint, email, source, Duration::from_secs(900)).await,
                    );
                }
                let [a, b]: [client::Handle<Pinned>; 2] =
                    connections.try_into().ok().expect("two connections");
                out.push(Client {
                    connections: [a, b],
                    profile: first.clone(),
                    moves: 0,
                    next: 1,
                });
            }
            out
        });
        Ssh {
            runtime,
            clients,
            pool,
            _server: server,
        }
    }

    /// The first `n` clients at once, each moving until the plan says stop.
    pub fn run(&mut self, n: usize, plan: &Plan) -> Outcome {
        let clients: Vec<Client> = self.clients.drain(..n).collect();
        let pool = Arc::clone(&self.pool);
        let ops = plan.ops;
        let deadline_after = Duration::from_secs_f64(plan.seconds);
        let (back, outcome) = self.runtime.block_on(async move {
            let started = Instant::now();
            let deadline = started + deadline_after;
            let tasks: Vec<_> = clients
                .into_iter()
                .map(|mut client| {
                    let pool = Arc::clone(&pool);
                    tokio::spawn(async move {
                        let mut out = Outcome::default();
                        let mut done = 0u64;
                        while match ops {
                            Some(ops) => done < ops,
                            None => Instant::now() < deadline,
                        } {
                            match client.step(&pool).await {
                                Some((took, op)) => out.add(took, op),
                                None => {
                                    out.stopped += 1;
                                    break;
                                }
                            }
                            done += 1;
                        }
                        (client, out)
                    })
                })
                .collect();
            let mut back = Vec::new();
            let mut total = Outcome::default();
            for t in tasks {
                let (client, out) = t.await.expect("a client panicked");
                back.push(client);
                total.merge(out);
            }
            total.wall = started.elapsed();
            (back, total)
        });
        self.clients.splice(0..0, back);
        outcome
    }
}

impl Drop for Ssh {
    fn drop(&mut self) {
        let clients = std::mem::take(&mut self.clients);
        self.runtime.block_on(async {
            for c in clients {
                for h in c.connections {
                    let _ = h.disconnect(Disconnect::ByApplication, "", "en").await;
                }
            }
        });
    }
}

/// On the server's copy, before it serves: R9 widened, the clients' accounts,
/// the pool's profiles, and each client's first profile linked from its
/// Contoso account. Returns the clients' emails and the pool (its first
/// `clients` profiles taken).
fn prepare(db: &Path, clients: usize, profiles: usize) -> (Vec<[String; 2]>, Arc<Pool>) {
    let service = Service::open(db, Environment::default()).expect("open the server's copy");
    service
        .set_setting("association_limit", "100")
        .expect("setting");
    service.set_setting("cool_off_days", "0").expect("setting");
    let emails: Vec<[String; 2]> = (0..clients)
        .map(|i| ORGS.map(|(_, domain)| format!("mwssh{i}@{domain}")))
        .collect();
    for pair in &emails {
        for (email, (org, _)) in pair.iter().zip(ORGS) {
            add_account(&service, email, org).expect("account");
        }
    }
    let profiles: Vec<String> = (0..profiles)
        .map(|j| {
            let email = format!("mwssh-p{j}@learn.example.com");
            service
                .add_profile(
                    &(85_000_000 + j).to_string(),
                    &email,
                    "Writer",
                    MOVER_PROFILE_PASSWORD,
                )
                .expect("profile");
            email
        })
        .collect();
    for (pair, profile) in emails.iter().zip(&profiles) {
        let session = sign_in(&service, &pair[0]);
        let linked = service
            .link(&session, profile, MOVER_PROFILE_PASSWORD)
            .expect("first link");
        assert_eq!(linked, LinkOutcome::Linked);
    }
    let pool = Pool {
        profiles,
        next: AtomicUsize::new(clients),
    };
    (emails, Arc::new(pool))
}
