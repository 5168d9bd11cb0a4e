//! The storage backend every store runs on: the real one (a file, memory, or a
//! test's simulated disk) wrapped so that the store learns of an I/O failure
//! whichever read, write or sync met it, and of the moment redb has let go of
//! the storage. After an I/O failure redb refuses all further work on that
//! `Database` (`StorageError::PreviousIo`); the store then reopens it (see
//! `Store::recover`), which is only safe once the old one is closed.

use std::ops::Bound;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use redb::{BackendError, StorageBackend};

/// What the store needs to know about one open `Database`'s storage.
#[derive(Debug, Default)]
pub(super) struct Health {
    io_failed: AtomicBool,
    closed: AtomicBool,
}

impl Health {
    /// An I/O call failed: redb will refuse further work on this database.
    pub(super) fn failed(&self) -> bool {
        self.io_failed.load(Ordering::Acquire)
    }

    /// Treats this database as stopped: the store reopens it before the next
    /// command (after a panic inside the storage engine, and in unit tests of
    /// the reopen on real files, which cannot be made to fail).
    pub(super) fn mark_failed(&self) {
        self.io_failed.store(true, Ordering::Release);
    }

    /// redb has closed the storage (the database and any write transaction on it
    /// are gone): a new `Database` may open the same storage.
    pub(super) fn closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }
}

#[derive(Debug)]
pub(super) struct Watched {
    inner: Box<dyn StorageBackend>,
    health: Arc<Health>,
}

impl Watched {
    pub(super) fn new(inner: Box<dyn StorageBackend>) -> (Watched, Arc<Health>) {
        let health = Arc::new(Health::default());
        (
            Watched {
                inner,
                health: Arc::clone(&health),
            },
            health,
        )
    }

    fn watch<T>(&self, result: std::io::Result<T>) -> std::io::Result<T> {
        if result.is_err() {
            self.health.io_failed.store(true, Ordering::Release);
        }
        result
    }
}

impl StorageBackend for Watched {
    fn len(&self) -> std::io::Result<u64> {
        self.watch(self.inner.len())
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> std::io::Result<()> {
        self.watch(self.inner.read(offset, out))
    }

    fn set_len(&self, len: u64) -> std::io::Result<()> {
        self.watch(self.inner.set_len(len))
    }

    fn sync_data(&self) -> std::io::Result<()> {
        self.watch(self.inner.sync_data())
    }

    fn write(&self, offset: u64, data: &[u8]) -> std::io::Result<()> {
        self.watch(self.inner.write(offset, data))
    }

    fn close(&self) -> std::io::Result<()> {
        let result = self.inner.close();
        self.health.closed.store(true, Ordering::Release);
        result
    }

    // Locks are the file backend's (one writer process per file): passed through.
    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.try_lock_range(start, end)
    }

    fn try_lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, BackendError> {
        self.inner.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_range(start, end)
    }

    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.inner.unlock_range(start, end)
    }

    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.inner.query_lock_range(start, end)
    }
}
