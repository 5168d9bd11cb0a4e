//! The listening server: configuration, the accept loop (russh's), and a
//! graceful shutdown on Ctrl-C or SIGTERM: sessions are told, running commands
//! finish their writes, then the service (and with it the database) is dropped.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::MethodKind;
use russh::server::{Config, Server as _};

use super::handler::Connection;
use super::host_key;
use crate::service::Service;

pub struct ServeOptions {
    /// Address to listen on, e.g. 127.0.0.1:2222 (port 0: any free port).
    pub listen: String,
    pub host_key: PathBuf,
    /// An interactive session ends after this long without a key press.
    pub idle_timeout: Duration,
    /// `--backup-every`: verified copies of the database while serving.
    pub backups: Option<BackupSchedule>,
}

/// When and where `certlink serve` takes its backups (issue 8).
#[derive(Debug, Clone)]
pub struct BackupSchedule {
    /// The first copy is taken at start, then one per interval.
    pub every: Duration,
    /// An existing directory; copies are `certlink-YYYYmmddTHHMMSSZ.redb`.
    pub dir: PathBuf,
    /// How many scheduled copies to keep (the newest).
    pub keep: usize,
}

/// What every connection shares.
pub(super) struct Shared {
    pub service: Arc<Service>,
    /// Commands still running; shutdown waits for them (their writes finish).
    pub inflight: Inflight,
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
    let (key, created) = host_key::load_or_create(&options.host_key)?;
    let fingerprint = host_key::fingerprint(&key);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    let shared = Arc::new(Shared {
        service: Arc::new(service),
        inflight: Inflight::default(),
    });
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&options.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("cannot read the listening address: {e}"))?;
        let new = if created { ", new" } else { "" };
        crate::cli::print(&format!(
            "certlink: host key {fingerprint} ({}{new})\ncertlink: listening on {address}; connect with ssh -p {} EMAIL@{}\n",
            options.host_key.display(),
            address.port(),
            address.ip(),
        ));
        let mut server = Acceptor {
            shared: Arc::clone(&shared),
            listen: address,
            idle: options.idle_timeout,
        };
        if let Some(schedule) = options.backups.clone() {
            tokio::spawn(take_backups(Arc::clone(&shared), schedule));
        }
        let running = server.run_on_socket(Arc::new(config(key, options.idle_timeout)), &listener);
        let handle = running.handle();
        tokio::select! {
            result = running => result.map_err(|e| format!("the server stopped: {e}"))?,
            () = shutdown_signal() => {
                handle.shutdown("certlink is shutting down".into());
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
        // Key presses and screen updates are small: do not wait to batch them.
        nodelay: true,
        ..Config::default()
    }
}

/// Takes a backup at start and then every interval, on the served database,
/// beside the running sessions (a backup is one read transaction: writers are
/// not held up). The copy is made on a blocking thread; it counts as a running
/// command until its outcome is logged, so a shutdown lets it finish. A failed backup is logged and said on
/// standard output, deletes no older copy, and the next one is tried on time.
async fn take_backups(shared: Arc<Shared>, schedule: BackupSchedule) {
    let mut ticks = tokio::time::interval(schedule.every);
    // After a slow backup, wait a full interval rather than catching up in a burst.
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        // The first tick completes at once: the first copy is taken at start.
        ticks.tick().await;
        let guard = shared.inflight.guard();
        let service = Arc::clone(&shared.service);
        let dir = schedule.dir.clone();
        let keep = schedule.keep;
        let result = tokio::task::spawn_blocking(move || {
            service.scheduled_backup(&dir, keep, chrono::Utc::now())
        })
        .await;
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
                    "certlink: backup {} verified ({} records); {} older removed\n",
                    done.summary.path.display(),
                    done.summary.total_rows(),
                    done.removed.len()
                ));
            }
            Ok(Err(e)) => {
                tracing::error!(dir = %schedule.dir.display(), error = %e, "backup failed");
                crate::cli::print(&format!("certlink: backup failed: {e}\n"));
            }
            Err(e) => {
                tracing::error!(error = %e, "the backup task failed");
                crate::cli::print(&format!("certlink: backup failed: {e}\n"));
            }
        }
        // Held until the outcome is said: a shutdown never hides a backup made.
        drop(guard);
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
}

impl russh::server::Server for Acceptor {
    type Handler = Connection;

    fn new_client(&mut self, peer: Option<std::net::SocketAddr>) -> Connection {
        Connection::new(Arc::clone(&self.shared), peer, self.listen, self.idle)
    }
}
