//! The store: redb tables, indexes, codecs, one write transaction per command, and
//! the schema version. It knows nothing of screens; rules are decided in `domain`.

mod codec;
mod error;
pub mod invariants;
pub mod records;
pub mod schema;
mod source;
pub mod tables;
mod writer;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use redb::{Database, ReadTransaction, ReadableDatabase};

pub use error::StoreError;
pub use source::{Queries, Source};
pub use writer::{AuditEntry, Writer};

use crate::domain::Settings;
use schema::{CURRENT_VERSION, KIND, KIND_REAL, KIND_SANDBOX, MIGRATIONS, Migration};

/// Whether a database is real or a sandbox (made by `certlink demo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Real,
    /// Accepts `--now` and cheap password hashes; shows demo sign-ins.
    Sandbox,
}

pub struct Store {
    db: Database,
    path: Option<PathBuf>,
}

fn open_error(path: &Path, e: redb::DatabaseError) -> StoreError {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => StoreError::InUse(path.to_path_buf()),
        redb::DatabaseError::Storage(redb::StorageError::Io(io)) => match io.kind() {
            std::io::ErrorKind::NotFound => StoreError::NoDirectory(path.to_path_buf()),
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => {
                StoreError::NotCertlink(path.to_path_buf())
            }
            _ => StoreError::Io(io),
        },
        redb::DatabaseError::Storage(_) | redb::DatabaseError::UpgradeRequired(_) => {
            StoreError::NotCertlink(path.to_path_buf())
        }
        other => StoreError::Redb(other.to_string()),
    }
}

/// redb's page cache. Its default grows with what is read (a whole-organization
/// report would keep hundreds of MB); 32 MiB holds every index's upper levels and
/// keeps a TUI session's and an export's memory flat.
const CACHE_BYTES: usize = 32 * 1024 * 1024;

fn builder() -> redb::Builder {
    let mut b = Database::builder();
    b.set_cache_size(CACHE_BYTES);
    b
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
    /// Creates a new database file; refuses an existing one.
    pub fn create(path: &Path, kind: DbKind, settings: &Settings) -> Result<Store, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                return Err(StoreError::NoDirectory(path.to_path_buf()));
            }
            _ => {}
        }
        let db = builder().create(path).map_err(|e| open_error(path, e))?;
        let store = Store {
            db,
            path: Some(path.to_path_buf()),
        };
        store.initialise(kind, settings)?;
        Ok(store)
    }

    /// A database in memory, for tests and benchmarks.
    pub fn in_memory(kind: DbKind, settings: &Settings) -> Result<Store, StoreError> {
        let db = Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .map_err(|e| StoreError::Redb(e.to_string()))?;
        let store = Store { db, path: None };
        store.initialise(kind, settings)?;
        Ok(store)
    }

    /// Opens an existing database, migrating an older schema after a backup copy.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with_migrations(path, CURRENT_VERSION, MIGRATIONS)
    }

    pub(crate) fn open_with_migrations(
        path: &Path,
        target: u64,
        steps: &[Migration],
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
            return Err(StoreError::NotCertlink(path.to_path_buf()));
        }
        let db = builder().open(path).map_err(|e| open_error(path, e))?;
        let found = schema::read_version(&db)
            .map_err(|_| StoreError::NotCertlink(path.to_path_buf()))?
            .ok_or_else(|| StoreError::NotCertlink(path.to_path_buf()))?;
        if found > target {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported: target,
            });
        }
        if found == target {
            add_missing_tables(&db)?;
        }
        if found < target {
            // Close, copy the untouched file aside, reopen and migrate.
            drop(db);
            let backup = schema::backup_path(path, found);
            std::fs::copy(path, &backup)?;
            tracing::info!(from = found, to = target, backup = %backup.display(), "migrating database schema");
            let db = builder().open(path).map_err(|e| open_error(path, e))?;
            schema::migrate(&db, found, target, steps)?;
            add_missing_tables(&db)?;
            return Ok(Store {
                db,
                path: Some(path.to_path_buf()),
            });
        }
        Ok(Store {
            db,
            path: Some(path.to_path_buf()),
        })
    }

    fn initialise(&self, kind: DbKind, settings: &Settings) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
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

    /// A consistent snapshot for reading; runs beside the single writer.
    pub fn read(&self) -> Result<ReadTransaction, StoreError> {
        Ok(self.db.begin_read()?)
    }

    /// Begins the one write transaction of a command, happening at `now`.
    pub fn write(&self, now: DateTime<Utc>) -> Result<Writer, StoreError> {
        Writer::new(self.db.begin_write()?, now)
    }

    /// redb's own integrity check (needs no open transactions).
    pub fn check_integrity(&mut self) -> Result<bool, StoreError> {
        self.db
            .check_integrity()
            .map_err(|e| StoreError::Corrupt(e.to_string()))
    }
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
        let store = Store::open_with_migrations(
            &path,
            next,
            &[Migration {
                from: CURRENT_VERSION,
                run: step,
            }],
        )
        .unwrap();
        assert_eq!(schema::read_version(&store.db).unwrap(), Some(next));
        let backup = schema::backup_path(&path, CURRENT_VERSION);
        assert!(backup.exists(), "a backup copy is taken before migrating");
        drop(store);
        let old = Store::open_with_migrations(&backup, CURRENT_VERSION, &[]).unwrap();
        assert_eq!(
            schema::read_version(&old.db).unwrap(),
            Some(CURRENT_VERSION)
        );
    }

    #[test]
    fn open_adds_the_ssh_key_tables_to_a_database_made_before_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.redb");
        let store = Store::create(&path, DbKind::Real, &Settings::production()).unwrap();
        let txn = store.db.begin_write().unwrap();
        txn.delete_table(tables::SSH_KEYS).unwrap();
        txn.delete_table(tables::SSH_KEY_OWNER).unwrap();
        txn.commit().unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        let r = store.read().unwrap();
        assert!(
            r.ssh_keys_of(crate::domain::AccountId(1))
                .unwrap()
                .is_empty()
        );
        assert_eq!(r.ssh_key_owner("SHA256:x").unwrap(), None);
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
