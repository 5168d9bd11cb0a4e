//! The listening server: configuration, the accept loop (our own, so that a
//! source over its share of connections is turned away before any SSH work),
//! and a graceful shutdown on Ctrl-C or SIGTERM: sessions are told, running
//! commands finish their writes, then the service (and with it the database)
//! is dropped.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use russh::server::{Config, run_stream};
use russh::{Disconnect, MethodKind};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast;

use super::gate::{Full, Gate};
use super::handler::Connection;
use super::host_key;
use super::limits::{self, ServeLimits};
use super::locale::{Speaks, both};
use certlink_core::service::Service;
use certlink_i18n::Lang;

pub struct ServeOptions {
    /// Address to listen on, e.g. 127.0.0.1:2222 (port 0: any free port).
    pub listen: String,
    pub host_key: PathBuf,
    /// An interactive session ends after this long without a key press.
    pub idle_timeout: Duration,
    /// `--backup-every`: verified copies of the database while serving.
    pub backups: Option<BackupSchedule>,
    /// `--max-connections`, `--max-commands`, `--max-sessions`, `--login-grace`.
    pub limits: ServeLimits,
    /// The operator's language (`--lang`, the server's own locale), for what
    /// `serve` prints on its standard output; never a remote person's.
    pub lang: Lang,
}

/// When and where `certlink serve` takes its backups (issue 8).
#[derive(Debug, Clone)]
pub struct BackupSchedule {
    /// The first copy is taken at start, then one per interval.
    pub every: Duration,
    /// An existing directory; copies are `certlink-YYYYmmddTHHMMSSZ.redb`.
    pub dir: PathBuf,
    /// How many scheduled copies to keep (the newest); the service opened
    /// for serving is given them with the directory (`ScheduledBackups`).
    pub keep: usize,
}

/// What every connection shares.
pub(super) struct Shared {
    pub service: Arc<Service>,
    /// Commands still running; shutdown waits for them (their writes finish).
    pub inflight: Inflight,
    /// Password and key checks, per source address (docs/ssh.md "Limits").
    pub sign_in: Gate,
    /// Exec commands, per person.
    pub commands: Gate,
    /// Interactive sessions, per person.
    pub sessions: Gate,
    pub limits: ServeLimits,
    /// A connection ended since the last trim (see [`give_back_memory`]).
    pub ended: AtomicBool,
}

/// Counts running commands: each holds a guard.
#[derive(Default)]
pub(super) struct Inflight(Arc<()>);

impl Inflight {
    pub fn guard(&self) -> Arc<()> {
        Arc::clone(&self.0)
    }

    fn running(&self) -> usize {
        Arc::strong_count(&self.0) - 1
    }
}

/// How long shutdown waits for running commands before giving up on them.
const DRAIN: Duration = Duration::from_secs(30);

/// Serves until Ctrl-C or SIGTERM. Prints the host key's fingerprint and the
/// address (scripts and tests wait for the "listening on" line).
pub fn serve(service: Service, options: ServeOptions) -> Result<(), String> {
    let _log = super::log::init();
    // Every client speaks one of them: the first person of each language does
    // not wait for its catalog (docs/performance.md, "Words").
    for lang in certlink_i18n::Lang::ALL {
        lang.warm();
    }
    let (key, created) = host_key::load_or_create(&options.host_key)?;
    let fingerprint = host_key::fingerprint(&key);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| options.lang.ssh_serve_no_runtime(e.to_string()))?;
    let limits = options.limits;
    let lang = options.lang;
    let shared = Arc::new(Shared {
        service: Arc::new(service),
        inflight: Inflight::default(),
        sign_in: Gate::new(limits::SIGN_IN_CHECKS, limits::SIGN_IN_CHECKS_PER_SOURCE),
        commands: Gate::new(limits.commands, limits::COMMANDS_PER_PERSON),
        sessions: Gate::new(limits.sessions, limits::SESSIONS_PER_PERSON),
        limits,
        ended: AtomicBool::new(false),
    });
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&options.listen)
            .await
            .map_err(|e| lang.ssh_serve_cannot_listen(&options.listen, e.to_string()))?;
        let address = listener
            .local_addr()
            .map_err(|e| lang.ssh_serve_no_address(e.to_string()))?;
        let new = if created { ", new" } else { "" };
        crate::cli::print(&format!(
            "certlink: host key {fingerprint} ({}{new})\ncertlink: listening on {address}; connect with ssh -p {} EMAIL@{}\n",
            options.host_key.display(),
            address.port(),
            address.ip(),
        ));
        let acceptor = Acceptor {
            shared: Arc::clone(&shared),
            listen: address,
            idle: options.idle_timeout,
            config: Arc::new(config(key, options.idle_timeout)),
            connections: Gate::new(limits.connections, limits::CONNECTIONS_PER_SOURCE),
            login_grace: limits.login_grace,
        };
        if let Some(schedule) = options.backups.clone() {
            tokio::spawn(take_backups(Arc::clone(&shared), schedule, lang));
        }
        tokio::spawn(give_back_memory(Arc::clone(&shared)));
        let (stop, _) = broadcast::channel::<()>(1);
        tokio::select! {
            () = acceptor.run(listener, stop.clone()) => {}
            () = shutdown_signal() => {
                // Each connection says it in its person's language.
                let _ = stop.send(());
                drain(&shared.inflight).await;
            }
        }
        Ok::<(), String>(())
    });
    // Interactive sessions end when their connection does; give them a moment.
    runtime.shutdown_timeout(Duration::from_secs(2));
    drop(shared);
    crate::cli::print("certlink: stopped\n");
    result
}

fn config(key: russh::keys::PrivateKey, idle: Duration) -> Config {
    Config {
        // Public keys registered per person (`certlink key add`), then passwords (R1).
        methods: russh::MethodSet::from(&[MethodKind::PublicKey, MethodKind::Password][..]),
        auth_rejection_time: Duration::from_secs(1),
        // OpenSSH probes with "none" first: no reason to make that slow.
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        // A backstop for half-open connections; live clients answer keepalives.
        inactivity_timeout: Some(idle + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 3,
        // Key presses and screen updates are small: do not wait to batch them
        // (set on each accepted socket).
        nodelay: true,
        ..Config::default()
    }
}

/// Takes a backup at start and then every interval, on the served database,
/// beside the running sessions (a backup is one read transaction: writers are
/// not held up). The copy is made on a blocking thread; it counts as a running
/// command until its outcome is logged, so a shutdown lets it finish. A failed backup is logged and said on
/// standard output, deletes no older copy, and the next one is tried on time.
async fn take_backups(shared: Arc<Shared>, schedule: BackupSchedule, lang: Lang) {
    let mut ticks = tokio::time::interval(schedule.every);
    // After a slow backup, wait a full interval rather than catching up in a burst.
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // Copies are named by the second they are taken in: two must never share
    // one, even when a busy machine starts one late and the next on time.
    let mut last_second: Option<i64> = None;
    loop {
        // The first tick completes at once: the first copy is taken at start.
        ticks.tick().await;
        let mut at = chrono::Utc::now();
        if last_second == Some(at.timestamp()) {
            let rest = 1000 - u64::from(at.timestamp_subsec_millis().min(999));
            tokio::time::sleep(Duration::from_millis(rest)).await;
            at = chrono::Utc::now();
        }
        last_second = Some(at.timestamp());
        let guard = shared.inflight.guard();
        let service = Arc::clone(&shared.service);
        let result = tokio::task::spawn_blocking(move || service.scheduled_backup(at)).await;
        match result {
            Ok(Ok(done)) => {
                tracing::info!(
                    file = %done.summary.path.display(),
                    records = done.summary.total_rows(),
                    bytes = done.summary.bytes,
                    removed = done.removed.len(),
                    "backup written and verified"
                );
                crate::cli::print(&format!(
                    "{}\n",
                    lang.ssh_serve_backup_verified(
                        done.summary.path.display().to_string(),
                        done.summary.total_rows(),
                        done.removed.len()
                    )
                ));
            }
            Ok(Err(e)) => {
                let dates =
                    certlink_domain::time::DateFormat::new(chrono_tz::UTC, at).in_lang(lang);
                let said = crate::cli::wording::service_in(&e, &dates);
                tracing::error!(dir = %schedule.dir.display(), error = %said, "backup failed");
                crate::cli::print(&format!("{}\n", lang.ssh_serve_backup_failed(&said)));
            }
            Err(e) => {
                tracing::error!(error = %e, "the backup task failed");
                crate::cli::print(&format!(
                    "{}\n",
                    lang.ssh_serve_backup_failed(e.to_string())
                ));
            }
        }
        // Held until the outcome is said: a shutdown never hides a backup made.
        drop(guard);
    }
}

/// Memory freed by connections that ended goes back to the system: glibc
/// keeps what a thread freed in its arena (crates/certlink-core/src/memory.rs), so after a
/// burst of connections (a flood of hostile ones) the server would stay at
/// its peak. At most one trim per interval, and none while nothing ended.
async fn give_back_memory(shared: Arc<Shared>) {
    let mut ticks = tokio::time::interval(Duration::from_secs(5));
    loop {
        ticks.tick().await;
        if shared.ended.swap(false, Ordering::SeqCst) {
            let _ = tokio::task::spawn_blocking(certlink_core::memory::trim).await;
        }
    }
}

/// Waits until running commands finish, at most [`DRAIN`].
async fn drain(inflight: &Inflight) {
    let deadline = Instant::now() + DRAIN;
    while inflight.running() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

struct Acceptor {
    shared: Arc<Shared>,
    /// Where clients reach us: the app shows it in `ssh …` commands.
    listen: std::net::SocketAddr,
    idle: Duration,
    config: Arc<Config>,
    /// Connections per source address and in total.
    connections: Gate,
    login_grace: Duration,
}

impl Acceptor {
    /// Accepts until told to stop; each connection runs in its own task and
    /// holds its slot until it ends. A connection over its source's share (or
    /// the total) gets one line and is closed: no key exchange, no task.
    async fn run(self, listener: TcpListener, stop: broadcast::Sender<()>) {
        let mut stopping = stop.subscribe();
        loop {
            let (socket, peer) = tokio::select! {
                _ = stopping.recv() => return,
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // E.g. out of file descriptors: keep serving the others.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
            };
            let source = peer.ip().to_string();
            let slot = match self.connections.try_enter(&source) {
                Ok(slot) => slot,
                Err(full) => {
                    refuse(&socket, full, self.shared.limits.connections);
                    tracing::info!(source, ?full, "connection refused: too many");
                    continue;
                }
            };
            let signed_in = Arc::new(AtomicBool::new(false));
            let speaks = Arc::new(Speaks::default());
            let handler = Connection::new(
                Arc::clone(&self.shared),
                peer,
                self.listen,
                self.idle,
                Arc::clone(&signed_in),
                Arc::clone(&speaks),
            );
            let config = Arc::clone(&self.config);
            let grace = self.login_grace;
            let mut stopping = stop.subscribe();
            let shared = Arc::clone(&self.shared);
            tokio::spawn(async move {
                let _slot = slot;
                let _ended = Ended(shared);
                let _ = socket.set_nodelay(true);
                let (socket, kill) = Killable::new(socket);
                // The client's version line comes within the grace too.
                let started = tokio::time::timeout(grace, run_stream(config, socket, handler));
                let Ok(Ok(session)) = started.await else {
                    return;
                };
                let handle = session.handle();
                let reason = tokio::select! {
                    _ = stopping.recv() => speaks.say(|lang| lang.ssh_shutting_down().to_string()),
                    () = unsigned_after(grace, &signed_in) => {
                        // Said if it can be; the connection ends either way
                        // (in a key exchange russh would not send it). Not
                        // signed in: the client's locale is not known, both
                        // languages are said.
                        let why = speaks.say(|lang| lang.ssh_not_signed_in(grace.as_secs()));
                        let _ = handle.disconnect(Disconnect::ByApplication, why, String::new()).await;
                        kill.kill();
                        return;
                    }
                    _ = session => return,
                };
                let _ = handle
                    .disconnect(Disconnect::ByApplication, reason, String::new())
                    .await;
            });
        }
    }
}

/// A connection's socket that the accept loop can end from outside: russh's
/// session task owns the socket, and a client stalled in the key exchange
/// never gets to read a disconnect.
struct Killable {
    inner: TcpStream,
    switch: Arc<KillSwitch>,
}

#[derive(Default)]
struct KillSwitch {
    killed: AtomicBool,
    waker: std::sync::Mutex<Option<std::task::Waker>>,
}

impl KillSwitch {
    fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
        let waker = self
            .waker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Killable {
    fn new(inner: TcpStream) -> (Killable, Arc<KillSwitch>) {
        let switch = Arc::new(KillSwitch::default());
        let killable = Killable {
            inner,
            switch: Arc::clone(&switch),
        };
        (killable, switch)
    }

    fn killed(&self, cx: &std::task::Context<'_>) -> bool {
        *self
            .switch
            .waker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(cx.waker().clone());
        self.switch.killed.load(Ordering::SeqCst)
    }
}

fn aborted<T>() -> std::task::Poll<std::io::Result<T>> {
    std::task::Poll::Ready(Err(std::io::ErrorKind::ConnectionAborted.into()))
}

impl tokio::io::AsyncRead for Killable {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        if self.killed(cx) {
            return aborted();
        }
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Killable {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        if self.killed(cx) {
            return aborted();
        }
        std::pin::Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Marks the end of a connection, however its task ends.
struct Ended(Arc<Shared>);

impl Drop for Ended {
    fn drop(&mut self) {
        self.0.ended.store(true, Ordering::SeqCst);
    }
}

/// Completes when the grace has passed without a sign-in; never after one.
async fn unsigned_after(grace: Duration, signed_in: &AtomicBool) {
    tokio::time::sleep(grace).await;
    if signed_in.load(Ordering::SeqCst) {
        std::future::pending::<()>().await;
    }
}

/// Says why (RFC 4253 §4.2 lets a server send lines before its version) and
/// closes; never waits for the client. Nothing of the client's locale is
/// known before the SSH exchange: one line in English, then one in Chinese.
fn refuse(socket: &TcpStream, full: Full, total: usize) {
    let why = |lang: Lang| match full {
        Full::Key => lang.ssh_refused_source(limits::CONNECTIONS_PER_SOURCE),
        Full::Total => lang.ssh_refused_total(total),
    };
    let lines = format!("{}\r\n", both(why, "\r\n"));
    let _ = socket.try_write(lines.as_bytes());
}
