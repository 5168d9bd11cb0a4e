//! The store: redb tables, indexes, codecs, one write transaction per command, and
//! the schema version. It knows nothing of screens; rules are decided in `domain`.

pub mod backup;
mod codec;
mod error;
mod group;
#[cfg(test)]
mod group_tests;
pub mod holdings;
pub mod invariants;
pub mod records;
pub mod report;
mod report_versions;
pub mod schema;
mod source;
pub mod tables;
mod undo;
pub mod wal;
mod watched;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use redb::{Database, ReadTransaction, ReadableDatabase};

pub use error::{Advice, Damage, StoreError};
pub use source::{AccountSeek, KeepLink, ListSeek, Queries, Source, TicketListing};
pub use writer::{AuditEntry, Writer};

use certlink_domain::Settings;
use schema::{CURRENT_VERSION, KIND, KIND_REAL, KIND_SANDBOX, MIGRATIONS, Migration};
use wal::Wal;
use watched::{Health, Watched};

/// Whether a database is real or a sandbox (made by `certlink demo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Real,
    /// Accepts `--now` and cheap password hashes; shows demo sign-ins.
    Sandbox,
}

/// Builds a fresh backend over the same storage each time it is called: how a
/// store opened over a custom backend (the tests' simulated disk) reopens itself
/// after an I/O error, as a file store opens its path again.
pub type BackendFactory = dyn Fn() -> std::io::Result<Box<dyn redb::StorageBackend>> + Send + Sync;

/// How the store gets (another) `Database` over its storage.
enum Reopen {
    File(PathBuf),
    /// A test's storage, and the storage of its write-ahead log if it has one.
    Backend(Arc<BackendFactory>, Option<Arc<BackendFactory>>),
    /// In memory: nothing to reopen (and nothing that can fail).
    Never,
}

/// One open `Database` and what its backend has seen.
struct Live {
    db: Arc<Database>,
    health: Arc<Health>,
}

/// The store's current database. `live` is `None` after a failed reopen (the
/// next command tries again); `closing` is an old database whose close redb
/// deferred until a write transaction on it ends.
#[derive(Default)]
struct Slot {
    live: Option<Live>,
    closing: Option<Arc<Health>>,
}

/// The database of one certlink file (or of memory, or of a test's backend).
///
/// After an I/O error redb refuses every further operation on that `Database`
/// (`StorageError::PreviousIo`). The store notices (its backend is [`Watched`])
/// and the next command reopens the database, so a long-running `serve` keeps
/// its sessions: the failed command gets a clear error, the others go on.
pub struct Store {
    slot: RwLock<Slot>,
    reopen: Reopen,
    path: Option<PathBuf>,
    /// Commands take turns in shared write transactions (group commit).
    group: Arc<group::Group>,
    /// Each organization's report version (issue 17, `report_versions.rs`).
    report_versions: Arc<report_versions::ReportVersions>,
}

fn open_error(label: &Path, e: redb::DatabaseError) -> StoreError {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => StoreError::InUse(label.to_path_buf()),
        redb::DatabaseError::Storage(redb::StorageError::Io(io)) => match io.kind() {
            std::io::ErrorKind::NotFound => StoreError::NoDirectory(label.to_path_buf()),
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => {
                StoreError::NotCertlink(label.to_path_buf())
            }
            _ => error::from_backend_io(io),
        },
        redb::DatabaseError::Storage(
            e @ (redb::StorageError::Corrupted(_)
            | redb::StorageError::PreviousIo
            | redb::StorageError::DatabaseClosed),
        ) => StoreError::from(e),
        redb::DatabaseError::Storage(_) | redb::DatabaseError::UpgradeRequired(_) => {
            StoreError::NotCertlink(label.to_path_buf())
        }
        other => StoreError::Redb(other.to_string()),
    }
}

/// redb's page cache. Its default grows with what is read (a whole-organization
/// report would keep hundreds of MB). 16 MiB holds every index's upper levels at
/// a million people; reports read the organization-clustered report table in
/// one sequential scan, which the operating system's cache serves as well, so a
/// larger cache bought no speed but was half of a terminal session's memory
/// (issue #7: ≤ 64 MB at 1M; docs/performance.md).
const CACHE_BYTES: usize = 16 * 1024 * 1024;

fn builder() -> redb::Builder {
    builder_with(CACHE_BYTES)
}

fn builder_with(cache_bytes: usize) -> redb::Builder {
    let mut b = Database::builder();
    b.set_cache_size(cache_bytes);
    b
}

/// Runs `f`, turning a panic inside redb (it has debug assertions, and damaged
/// bytes can reach code that does not expect them) into a "damaged" error: a
/// damaged file must give a clear message and a way to recovery, not a crash.
fn damaged_if_panics<T>(
    doing: &str,
    f: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(StoreError::Corrupt(format!(
            "the storage engine stopped on damaged data while {doing}"
        )))
    })
}

/// The backend of a database file; `create` makes a new file and refuses an
/// existing one.
fn file_backend(path: &Path, create: bool) -> Result<Box<dyn redb::StorageBackend>, StoreError> {
    // Opening a directory for writing fails with a bare "Is a directory" (or,
    // on some systems, reads as an empty file): say what is wrong instead.
    if path.is_dir() {
        return Err(StoreError::IsDirectory(path.to_path_buf()));
    }
    // A new database is its owner's alone (issue 13): it holds password hashes.
    let file = crate::private_files::private(
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(create),
    )
    .open(path)
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists(path.to_path_buf()),
        std::io::ErrorKind::NotFound if create => StoreError::NoDirectory(path.to_path_buf()),
        std::io::ErrorKind::NotFound => StoreError::Missing(path.to_path_buf()),
        _ => error::opening(path, e),
    })?;
    // redb would make an empty file into a new database: opening is not creating.
    if !create && file.metadata()?.len() == 0 {
        return Err(StoreError::NotCertlink(path.to_path_buf()));
    }
    let backend = redb::backends::FileBackend::new(file).map_err(|e| open_error(path, e))?;
    Ok(Box::new(backend))
}

/// The write-ahead log file of the database file at `db`; `create` empties
/// one left from an earlier database of the same name.
fn wal_file(db: &Path, create: bool) -> Result<Box<dyn redb::StorageBackend>, StoreError> {
    let path = wal::path_of(db);
    let existed = path.exists();
    // Private like the database: its records hold the same password hashes.
    let file = crate::private_files::private(
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(create),
    )
    .open(&path)
    .map_err(|e| error::opening(&path, e))?;
    if !existed {
        // A new file's name is durable only once its directory is flushed:
        // without it a power cut could take the log, records and all.
        backup::sync_directory(backup::directory_of(&path))?;
    }
    let backend = redb::backends::FileBackend::new(file).map_err(|e| open_error(&path, e))?;
    Ok(Box::new(backend))
}

impl Reopen {
    /// The write-ahead log of this storage, replayed into `db`: a database
    /// file has one; memory and the tests' backends commit durably in redb.
    fn wal(&self, db: &Database, create: bool) -> Result<Option<Wal>, StoreError> {
        let file = match self {
            Reopen::File(path) => wal_file(path, create)?,
            Reopen::Backend(_, Some(log)) => log().map_err(error::from_backend_io)?,
            Reopen::Backend(_, None) | Reopen::Never => return Ok(None),
        };
        let (log, _) =
            damaged_if_panics("replaying its write-ahead log", || Wal::recover(file, db))?;
        Ok(Some(log))
    }

    /// What errors call the database.
    fn label(&self) -> PathBuf {
        match self {
            Reopen::File(path) => path.clone(),
            Reopen::Backend(..) | Reopen::Never => PathBuf::from("the database"),
        }
    }

    /// Opens the storage again (an existing database).
    fn open(&self) -> Result<Live, StoreError> {
        let backend = match self {
            Reopen::File(path) => file_backend(path, false)?,
            Reopen::Backend(factory, _) => factory().map_err(error::from_backend_io)?,
            Reopen::Never => {
                return Err(StoreError::DiskFailed(
                    "an in-memory database cannot be reopened".into(),
                ));
            }
        };
        open_backend(backend, &self.label())
    }
}

/// A `Database` over `backend`, watched for I/O failures.
fn open_backend(backend: Box<dyn redb::StorageBackend>, label: &Path) -> Result<Live, StoreError> {
    open_backend_cached(backend, label, CACHE_BYTES)
}

fn open_backend_cached(
    backend: Box<dyn redb::StorageBackend>,
    label: &Path,
    cache_bytes: usize,
) -> Result<Live, StoreError> {
    let (watched, health) = Watched::new(backend);
    damaged_if_panics("opening it", || {
        let db = builder_with(cache_bytes)
            .create_with_backend(watched)
            .map_err(|e| open_error(label, e))?;
        Ok(Live {
            db: Arc::new(db),
            health,
        })
    })
}

/// Tables added to schema 1 after databases of it existed (the SSH keys): an
/// older file gets them, empty, when opened, so readers never meet a missing
/// table. Adding an empty table changes no record, so no version bump is needed.
fn add_missing_tables(db: &Database) -> Result<(), StoreError> {
    let r = db.begin_read()?;
    let missing = matches!(
        r.open_table(tables::SSH_KEYS),
        Err(redb::TableError::TableDoesNotExist(_))
    ) || matches!(
        r.open_table(tables::SSH_KEY_OWNER),
        Err(redb::TableError::TableDoesNotExist(_))
    );
    drop(r);
    if missing {
        let txn = db.begin_write()?;
        txn.open_table(tables::SSH_KEYS)?;
        txn.open_table(tables::SSH_KEY_OWNER)?;
        txn.commit()?;
    }
    Ok(())
}

impl Store {
    fn new(live: Live, reopen: Reopen, wal: Option<Wal>) -> Store {
        let path = match &reopen {
            Reopen::File(p) => Some(p.clone()),
            _ => None,
        };
        let group = Arc::<group::Group>::default();
        if let Some(log) = wal {
            group.set_wal(log);
        }
        Store {
            slot: RwLock::new(Slot {
                live: Some(live),
                closing: None,
            }),
            reopen,
            path,
            group,
            report_versions: Arc::default(),
        }
    }

    /// Commits every batch durably in the database file itself and empties
    /// the write-ahead log: afterwards the file alone holds everything
    /// (closing does this too).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.group
            .checkpoint(|| self.begin(|db| Ok(db.begin_write()?)))
    }

    /// Moves forward after every committed write that changed what `org`'s
    /// report shows: a pass made at one version is the present while it holds.
    pub fn report_version(&self, org: certlink_domain::MpnId) -> u64 {
        self.report_versions.version(org)
    }

    /// How many write transactions committed since the store opened, in this
    /// process (every session of `serve` shares the store, and redb's lock
    /// keeps other processes out).
    pub fn commits(&self) -> u64 {
        self.group.committed()
    }

    /// The most commands one durable commit has held since the store opened
    /// (group commit: 1 while people act one at a time).
    pub fn largest_batch(&self) -> usize {
        self.group.largest_batch()
    }

    /// Tests only: keeps a batch open for more commands for up to `age`
    /// instead of `group::MAX_BATCH_AGE`, so that a test that lines commands
    /// up in one batch gets that batch however slow the machine is.
    #[cfg(any(test, feature = "test-support"))]
    pub fn hold_batches_open_for(&self, age: std::time::Duration) {
        self.group.set_max_age(age);
    }

    /// Commands waiting for their turn to write, or holding it (the queue of
    /// group commit; tests use it to line commands up in one batch).
    pub fn commands_waiting(&self) -> u64 {
        self.group.waiting()
    }

    /// Creates a new database file; refuses an existing one.
    pub fn create(path: &Path, kind: DbKind, settings: &Settings) -> Result<Store, StoreError> {
        Self::create_with_cache(path, kind, settings, CACHE_BYTES)
    }

    /// [`Store::create`] with redb's page cache at `cache_bytes` instead of
    /// [`CACHE_BYTES`]: for a bulk load (`demo --people N`), whose random
    /// reads and writes over the whole file a small cache turns into a
    /// `pread`/`pwrite` each (docs/performance.md, "Ten million people").
    /// Reopen the file with [`Store::open`] once loaded.
    pub fn create_with_cache(
        path: &Path,
        kind: DbKind,
        settings: &Settings,
        cache_bytes: usize,
    ) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                return Err(StoreError::NoDirectory(path.to_path_buf()));
            }
            _ => {}
        }
        let live = open_backend_cached(file_backend(path, true)?, path, cache_bytes)?;
        let reopen = Reopen::File(path.to_path_buf());
        let log = reopen.wal(&live.db, true)?;
        let store = Store::new(live, reopen, log);
        store.initialise(kind, settings)?;
        // The new file's name, like its log's, lasts a power cut once its
        // directory is flushed.
        backup::sync_directory(backup::directory_of(path))?;
        Ok(store)
    }

    /// A database in memory, for tests and benchmarks.
    pub fn in_memory(kind: DbKind, settings: &Settings) -> Result<Store, StoreError> {
        let live = open_backend(
            Box::new(redb::backends::InMemoryBackend::new()),
            Path::new("memory"),
        )?;
        let store = Store::new(live, Reopen::Never, None);
        store.initialise(kind, settings)?;
        Ok(store)
    }

    /// Creates a new database over the storage that `backend` gives (it must be
    /// empty); after an I/O error the store calls `backend` again to reopen.
    /// Tests use it to run the store on a simulated disk that can fail or lose power.
    pub fn create_with_backend(
        backend: impl Fn() -> std::io::Result<Box<dyn redb::StorageBackend>> + Send + Sync + 'static,
        kind: DbKind,
        settings: &Settings,
    ) -> Result<Store, StoreError> {
        let reopen = Reopen::Backend(Arc::new(backend), None);
        let store = Store::new(reopen.open()?, reopen, None);
        store.initialise(kind, settings)?;
        Ok(store)
    }

    /// [`Store::create_with_backend`] with a write-ahead log, as a database
    /// file has, over the (empty) storage that `log` gives: how the tests run
    /// the log on a simulated disk that can fail or lose power.
    pub fn create_with_logged_backend(
        backend: impl Fn() -> std::io::Result<Box<dyn redb::StorageBackend>> + Send + Sync + 'static,
        log: impl Fn() -> std::io::Result<Box<dyn redb::StorageBackend>> + Send + Sync + 'static,
        kind: DbKind,
        settings: &Settings,
    ) -> Result<Store, StoreError> {
        let reopen = Reopen::Backend(Arc::new(backend), Some(Arc::new(log)));
        let live = reopen.open()?;
        let wal = reopen.wal(&live.db, true)?;
        let store = Store::new(live, reopen, wal);
        store.initialise(kind, settings)?;
        Ok(store)
    }

    /// Opens an existing database and its write-ahead log over test storage;
    /// see [`Store::create_with_logged_backend`].
    pub fn open_with_logged_backend(
        backend: impl Fn() -> std::io::Result<Box<dyn redb::StorageBackend>> + Send + Sync + 'static,
        log: impl Fn() -> std::io::Result<Box<dyn redb::StorageBackend>> + Send + Sync + 'static,
    ) -> Result<Store, StoreError> {
        Self::open_existing(
            Reopen::Backend(Arc::new(backend), Some(Arc::new(log))),
            CURRENT_VERSION,
            MIGRATIONS,
            &mut crate::progress::Silent,
        )
    }

    /// Opens an existing database over the storage that `backend` gives; see
    /// [`Store::create_with_backend`].
    pub fn open_with_backend(
        backend: impl Fn() -> std::io::Result<Box<dyn redb::StorageBackend>> + Send + Sync + 'static,
    ) -> Result<Store, StoreError> {
        Self::open_existing(
            Reopen::Backend(Arc::new(backend), None),
            CURRENT_VERSION,
            MIGRATIONS,
            &mut crate::progress::Silent,
        )
    }

    /// Opens an existing database, migrating an older schema after a backup copy.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with_progress(path, &mut crate::progress::Silent)
    }

    /// [`Store::open`], telling `progress` when it migrates (principle 12:
    /// a migration of a large database takes a while; an open that needs
    /// none reports nothing).
    pub fn open_with_progress(
        path: &Path,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<Store, StoreError> {
        Self::open_migrating(path, CURRENT_VERSION, MIGRATIONS, progress)
    }

    #[cfg(test)]
    pub(crate) fn open_with_migrations(
        path: &Path,
        target: u64,
        steps: &[Migration],
    ) -> Result<Store, StoreError> {
        Self::open_migrating(path, target, steps, &mut crate::progress::Silent)
    }

    fn open_migrating(
        path: &Path,
        target: u64,
        steps: &[Migration],
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(match path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                    StoreError::NoDirectory(path.to_path_buf())
                }
                _ => StoreError::Missing(path.to_path_buf()),
            });
        }
        if path.is_dir() {
            return Err(StoreError::IsDirectory(path.to_path_buf()));
        }
        Self::open_existing(Reopen::File(path.to_path_buf()), target, steps, progress)
    }

    fn open_existing(
        reopen: Reopen,
        target: u64,
        steps: &[Migration],
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<Store, StoreError> {
        let label = reopen.label();
        let mut live = reopen.open()?;
        let found = damaged_if_panics(
            "reading its schema version",
            || match schema::read_version(&live.db) {
                Ok(Some(found)) => Ok(found),
                Ok(None) => Err(StoreError::NotCertlink(label.clone())),
                Err(e) if e.is_disk_failure() => Err(e),
                Err(StoreError::Corrupt(what)) => Err(StoreError::Corrupt(what)),
                Err(_) => Err(StoreError::NotCertlink(label.clone())),
            },
        )?;
        if found > target {
            return Err(StoreError::NewerSchema {
                path: label,
                found,
                supported: target,
            });
        }
        // What was acknowledged after the last durable commit is in the log.
        let log = reopen.wal(&live.db, false)?;
        if found < target {
            if let Reopen::File(path) = &reopen {
                // Close, copy the untouched file aside, reopen and migrate.
                drop(live);
                let backup = schema::backup_path(path, found);
                // A copy left by an earlier, failed migration is of the same
                // untouched version.
                match std::fs::remove_file(&backup) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                    _ => {}
                }
                progress.stage("copying the database aside before migrating", None);
                crate::private_files::copy(path, &backup)?;
                tracing::info!(from = found, to = target, backup = %backup.display(), "migrating database schema");
                live = reopen.open()?;
            }
            progress.stage("migrating the schema", Some(target - found));
            schema::migrate(&live.db, found, target, steps, progress)?;
        }
        damaged_if_panics("opening its tables", || add_missing_tables(&live.db))?;
        Ok(Store::new(live, reopen, log))
    }

    fn initialise(&self, kind: DbKind, settings: &Settings) -> Result<(), StoreError> {
        let txn = self.database()?.begin_write()?;
        // Create every table up front so readers never meet a missing one.
        {
            use tables::*;
            macro_rules! create {
                ($table:ident) => {
                    txn.open_table($table)?;
                };
            }
            tables::for_each_table!(create);
            let mut meta = txn.open_table(META)?;
            meta.insert(
                KIND,
                if kind == DbKind::Sandbox {
                    KIND_SANDBOX
                } else {
                    KIND_REAL
                },
            )?;
            meta.insert(schema::SETTINGS, codec::encode(settings)?.as_slice())?;
        }
        schema::write_version(&txn, CURRENT_VERSION)?;
        txn.commit()?;
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The open database, reopened first if an I/O error stopped the last one.
    fn database(&self) -> Result<Arc<Database>, StoreError> {
        {
            let slot = self.slot.read().unwrap_or_else(|p| p.into_inner());
            if let Some(live) = &slot.live
                && !live.health.failed()
            {
                return Ok(Arc::clone(&live.db));
            }
        }
        self.recover()
    }

    /// Closes a database stopped by an I/O error and opens the storage again.
    /// Never waits: while another command still holds the old database it
    /// returns [`StoreError::Reopening`] ("try again") and a later call finishes.
    fn recover(&self) -> Result<Arc<Database>, StoreError> {
        let mut slot = self.slot.write().unwrap_or_else(|p| p.into_inner());
        if let Some(live) = &slot.live
            && !live.health.failed()
        {
            return Ok(Arc::clone(&live.db)); // another command reopened it meanwhile
        }
        if let Some(Live { db, health }) = slot.live.take() {
            match Arc::try_unwrap(db) {
                Ok(db) => {
                    // Closes it, or defers the close until a write transaction on it ends.
                    drop(db);
                    slot.closing = Some(health);
                }
                Err(db) => {
                    slot.live = Some(Live { db, health });
                    return Err(StoreError::Reopening);
                }
            }
        }
        if let Some(old) = &slot.closing {
            if !old.closed() {
                return Err(StoreError::Reopening);
            }
            slot.closing = None;
        }
        let live = self.reopen.open()?;
        // The batches acknowledged since the last durable commit were in the
        // old database's memory only: their records bring them back.
        self.group.with_wal(|log| match log.as_mut() {
            Some(log) => damaged_if_panics("replaying its write-ahead log", || {
                log.replay(&live.db).map(drop)
            }),
            None => Ok(()),
        })?;
        tracing::warn!(db = %self.reopen.label().display(), "database reopened after a disk error");
        let db = Arc::clone(&live.db);
        slot.live = Some(live);
        Ok(db)
    }

    /// Runs `begin` on the open database; if it finds the database stopped by a
    /// disk error, reopens once and runs it again.
    fn begin<T>(
        &self,
        begin: impl Fn(&Database) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let db = self.database()?;
        match begin(&db) {
            Err(e) if e.is_disk_failure() || matches!(e, StoreError::Reopening) => {
                drop(db);
                begin(&*self.recover()?)
            }
            other => other,
        }
    }

    /// Makes the next command reopen the database: after a panic inside the
    /// storage engine (damaged bytes), its in-memory state is not trusted.
    pub fn reopen_soon(&self) {
        let slot = self.slot.read().unwrap_or_else(|p| p.into_inner());
        if let Some(live) = &slot.live {
            live.health.mark_failed();
        }
    }

    /// A consistent snapshot for reading; runs beside the single writer.
    pub fn read(&self) -> Result<ReadTransaction, StoreError> {
        self.begin(|db| Ok(db.begin_read()?))
    }

    /// Begins a command happening at `now`: waits for its turn in the open
    /// batch's write transaction (group commit, [`group`]). Its
    /// [`Writer::commit`] returns once the batch holding it is durable.
    pub fn write(&self, now: DateTime<Utc>) -> Result<Writer, StoreError> {
        self.turn(now, false)
    }

    /// Begins a command that writes too much to share a transaction (a bulk
    /// load, an import): it gets a write transaction of its own, committed at
    /// its end with the durability it chose.
    pub fn write_alone(&self, now: DateTime<Utc>) -> Result<Writer, StoreError> {
        self.turn(now, true)
    }

    fn turn(&self, now: DateTime<Utc>, alone: bool) -> Result<Writer, StoreError> {
        let turn = self
            .group
            .enter(alone, || self.begin(|db| Ok(db.begin_write()?)))?;
        let reports = report_versions::Changes::new(Arc::clone(&self.report_versions));
        Writer::new(turn, now, Arc::clone(&self.group), reports)
    }

    /// redb's own integrity check (needs no open transactions). A panic of the
    /// storage engine on damaged bytes counts as "damaged".
    pub fn check_integrity(&mut self) -> Result<bool, StoreError> {
        self.checkpoint()?;
        drop(self.database()?);
        let slot = self.slot.get_mut().unwrap_or_else(|p| p.into_inner());
        let Some(live) = slot.live.as_mut() else {
            return Err(StoreError::Reopening);
        };
        let Some(db) = Arc::get_mut(&mut live.db) else {
            return Err(StoreError::Reopening);
        };
        damaged_if_panics("checking its integrity", || {
            db.check_integrity().map_err(|e| match e {
                redb::DatabaseError::Storage(s) => StoreError::from(s),
                other => StoreError::Corrupt(other.to_string()),
            })
        })
    }

    /// Moves every page to the front of the file and gives the free space at
    /// the end back (needs no open transactions). Returns whether the file
    /// changed. The population generator ends with it: its batches and its
    /// last, large transaction leave the file grown far beyond its data.
    pub fn compact(&mut self) -> Result<bool, StoreError> {
        self.checkpoint()?;
        drop(self.database()?);
        let slot = self.slot.get_mut().unwrap_or_else(|p| p.into_inner());
        let Some(live) = slot.live.as_mut() else {
            return Err(StoreError::Reopening);
        };
        let Some(db) = Arc::get_mut(&mut live.db) else {
            return Err(StoreError::Reopening);
        };
        let mut changed = false;
        // Each call moves what it can; a few rounds reach the end.
        for _ in 0..8 {
            let moved = db
                .compact()
                .map_err(|e| StoreError::Redb(format!("cannot compact the file: {e}")))?;
            if !moved {
                break;
            }
            changed = true;
        }
        Ok(changed)
    }
}

impl Drop for Store {
    /// A database closed with records in its log is checkpointed, so that the
    /// file alone (a copy made while nothing runs) holds everything. If that
    /// fails, the log stays and the next open replays it.
    fn drop(&mut self) {
        if self.group.log_holds_records()
            && let Err(e) = self.checkpoint()
        {
            tracing::warn!(error = %e, "cannot checkpoint the write-ahead log at close");
        }
    }
}

/// Applies `damage` to the raw tables in one transaction, then runs the
/// invariant checker: how the checker's tests show it sees each kind of damage.
#[cfg(test)]
pub(crate) fn damage_then_check(
    store: &Store,
    damage: impl FnOnce(&redb::WriteTransaction),
) -> Result<Vec<String>, StoreError> {
    store.checkpoint()?;
    let txn = store.database()?.begin_write()?;
    damage(&txn);
    txn.commit()?;
    invariants::check(&store.read()?)
}

/// A generated sandbox of `people` (seed 1, 23 Nov 2026) at `dir/name`, for
/// tests that need a populated file (migrations, the report table's checker).
#[cfg(test)]
pub(crate) fn generated_file(dir: &Path, name: &str, people: usize) -> PathBuf {
    let path = dir.join(name);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
        .unwrap()
        .to_utc();
    let (service, _, _) =
        crate::demo::build_population(&path, now, people, 1, &mut |_, _| {}).unwrap();
    drop(service);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_refuses_newer_schema_and_migrates_older_with_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.redb");
        drop(Store::create(&path, DbKind::Real, &Settings::production()).unwrap());

        // A build that knows only schema 0 refuses this file.
        match Store::open_with_migrations(&path, 0, &[]) {
            Err(StoreError::NewerSchema {
                found: CURRENT_VERSION,
                supported: 0,
                ..
            }) => {}
            Err(other) => panic!("unexpected error: {other}"),
            Ok(_) => panic!("a newer schema must be refused"),
        }

        fn step(txn: &redb::WriteTransaction) -> Result<(), StoreError> {
            txn.open_table(redb::TableDefinition::<u64, u64>::new("added_in_v2"))?
                .insert(1, 1)?;
            Ok(())
        }
        let next = CURRENT_VERSION + 1;
        // Principle 12: the migration tells its progress sink what it does.
        let mut log = crate::progress::StageLog::default();
        let store = Store::open_migrating(
            &path,
            next,
            &[Migration {
                from: CURRENT_VERSION,
                run: step,
            }],
            &mut log,
        )
        .unwrap();
        assert_eq!(
            log.names(),
            [
                "copying the database aside before migrating",
                "migrating the schema"
            ]
        );
        assert_eq!(log.stages[1].total, Some(1));
        assert_eq!(log.stages[1].done, 1);
        assert_eq!(
            schema::read_version(&store.database().unwrap()).unwrap(),
            Some(next)
        );
        let backup = schema::backup_path(&path, CURRENT_VERSION);
        assert!(backup.exists(), "a backup copy is taken before migrating");
        drop(store);
        let old = Store::open_with_migrations(&backup, CURRENT_VERSION, &[]).unwrap();
        assert_eq!(
            schema::read_version(&old.database().unwrap()).unwrap(),
            Some(CURRENT_VERSION)
        );
    }

    #[test]
    fn open_adds_the_ssh_key_tables_to_a_database_made_before_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.redb");
        let store = Store::create(&path, DbKind::Real, &Settings::production()).unwrap();
        let txn = store.database().unwrap().begin_write().unwrap();
        txn.delete_table(tables::SSH_KEYS).unwrap();
        txn.delete_table(tables::SSH_KEY_OWNER).unwrap();
        txn.commit().unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        let r = store.read().unwrap();
        assert!(
            r.ssh_keys_of(certlink_domain::AccountId(1))
                .unwrap()
                .is_empty()
        );
        assert_eq!(r.ssh_key_owner("SHA256:x").unwrap(), None);
    }

    fn fail_current(store: &Store) {
        let slot = store.slot.read().unwrap();
        slot.live.as_ref().unwrap().health.mark_failed();
    }

    #[test]
    fn a_file_store_reopens_itself_after_an_io_error_once_the_old_database_is_closed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.redb");
        let store = Store::create(&path, DbKind::Real, &Settings::production()).unwrap();
        let w = store.write(Utc::now()).unwrap();
        w.put_meta("probe", &1u64).unwrap();
        w.commit().unwrap();

        // A write transaction still runs on the failed database: redb defers
        // its close, so the file stays locked. The store says "try again", never waits.
        let live_writer = store.database().unwrap().begin_write().unwrap();
        fail_current(&store);
        assert!(matches!(store.read(), Err(StoreError::Reopening)));
        drop(live_writer);

        // Closed now: the next command reopens the file (its lock was released).
        let r = store.read().expect("reopened");
        let meta = r.open_table(tables::META).unwrap();
        assert!(
            meta.get("probe").unwrap().is_some(),
            "the committed change survives"
        );
        drop(meta);
        drop(r);
        let w = store.write(Utc::now()).expect("writes after the reopen");
        w.put_meta("probe2", &2u64).unwrap();
        w.commit().unwrap();
        drop(store);
        assert!(Store::open(&path).is_ok(), "the file is released on drop");
    }

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc()
    }

    fn probe(path: &Path) -> Option<u64> {
        let store = Store::open(path).unwrap();
        let r = store.read().unwrap();
        let meta = r.open_table(tables::META).unwrap();
        meta.get("probe")
            .unwrap()
            .map(|v| codec::decode(v.value(), "probe").unwrap())
    }

    /// A change acknowledged through the write-ahead log is, until a
    /// checkpoint, only in the log and in redb's memory: a copy of both files
    /// (what a kill leaves) opens with it, the database file alone without it.
    /// Closing checkpoints: afterwards the file alone holds it and the log is empty.
    #[test]
    fn the_log_carries_acknowledged_changes_until_closing_checkpoints_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.redb");
        let store = Store::create(&path, DbKind::Real, &Settings::production()).unwrap();
        store.checkpoint().unwrap();
        let w = store.write(at()).unwrap();
        w.put_meta("probe", &7u64).unwrap();
        w.commit().unwrap();
        let log = wal::path_of(&path);
        assert!(std::fs::metadata(&log).unwrap().len() > 0);

        let killed = dir.path().join("killed.redb");
        std::fs::copy(&path, &killed).unwrap();
        let alone = dir.path().join("alone.redb");
        std::fs::copy(&path, &alone).unwrap();
        std::fs::copy(&log, wal::path_of(&killed)).unwrap();
        assert_eq!(probe(&killed), Some(7), "the log brings it back");
        assert_eq!(
            std::fs::metadata(wal::path_of(&killed)).unwrap().len(),
            0,
            "replayed, the log is emptied"
        );
        assert_eq!(
            probe(&alone),
            None,
            "the file alone lacks it: the log was needed"
        );

        drop(store);
        assert_eq!(
            std::fs::metadata(&log).unwrap().len(),
            0,
            "closing checkpoints"
        );
        std::fs::remove_file(&log).unwrap();
        assert_eq!(
            probe(&path),
            Some(7),
            "the file alone holds it after closing"
        );
    }

    #[test]
    fn open_explains_bad_paths() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Store::open(&dir.path().join("none.redb")),
            Err(StoreError::Missing(_))
        ));
        assert!(matches!(
            Store::open(&dir.path().join("no/such/dir.redb")),
            Err(StoreError::NoDirectory(_))
        ));
        let junk = dir.path().join("junk.redb");
        std::fs::write(&junk, b"this is not a database at all, just some text").unwrap();
        assert!(matches!(
            Store::open(&junk),
            Err(StoreError::NotCertlink(_))
        ));
        std::fs::write(&junk, b"").unwrap();
        assert!(matches!(
            Store::open(&junk),
            Err(StoreError::NotCertlink(_))
        ));
        let path = dir.path().join("c.redb");
        let _held = Store::create(&path, DbKind::Real, &Settings::production()).unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::InUse(_))));
        assert!(matches!(
            Store::create(&path, DbKind::Real, &Settings::production()),
            Err(StoreError::AlreadyExists(_))
        ));
    }
}
