//! Backups and restores of a whole database file (issue 8, docs/reliability/crash-and-backup.md).
//!
//! A backup is a consistent copy taken from ONE read transaction: redb's MVCC
//! snapshot, so it runs beside the single writer (a serving `certlink serve`
//! keeps answering) and never holds half of a command. Every table listed by
//! `for_each_table!` is copied row by row into a new file; a table added there
//! is backed up without touching this file. The copy is written under a
//! temporary name in the target's directory, committed durably, reopened and
//! verified (redb's integrity check, schema version, the invariants of
//! domain.md, and the same row count in every table as the snapshot), synced,
//! and only then given its final name, without overwriting anything: a reader
//! never finds a half-written backup under the final name.
//!
//! A restore copies a verified backup into place after setting the replaced
//! file aside; it refuses while the database is open by another process.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use redb::{
    Key, ReadTransaction, ReadableDatabase, ReadableTableMetadata, TableDefinition, TableHandle,
    Value, WriteTransaction,
};

use super::schema::{self, CURRENT_VERSION};
use super::tables::{self, *};
use super::{Store, StoreError, builder, invariants, open_error};
use crate::progress::{Progress, Silent};

/// What a verified backup holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupSummary {
    /// Where the copy is (its final name).
    pub path: PathBuf,
    /// Rows per table, as in the source's snapshot and in the reopened copy.
    pub rows: Vec<(&'static str, u64)>,
    pub schema_version: u64,
    /// The copy's size on disk.
    pub bytes: u64,
    /// The newest event the copy holds (its point in time).
    pub last_event_at: Option<DateTime<Utc>>,
}

impl BackupSummary {
    pub fn total_rows(&self) -> u64 {
        self.rows.iter().map(|(_, n)| n).sum()
    }

    /// Rows of one table (0 when the table is unknown).
    pub fn rows_of(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RestoreSummary {
    /// The backup as verified before it was copied.
    pub backup: BackupSummary,
    /// The database that now holds the backup's data.
    pub restored: PathBuf,
    /// Where the file it replaced was set aside (none when there was no file).
    pub replaced_kept_at: Option<PathBuf>,
}

/// Rows per table of a snapshot, in `for_each_table!` order.
fn count_rows(txn: &ReadTransaction) -> Result<Vec<(&'static str, u64)>, StoreError> {
    fn rows<K: Key + 'static, V: Value + 'static>(
        txn: &ReadTransaction,
        def: TableDefinition<K, V>,
    ) -> Result<u64, StoreError> {
        match txn.open_table(def) {
            Ok(t) => Ok(t.len()?),
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(0),
            Err(e) => Err(e.into()),
        }
    }
    let mut counts = Vec::new();
    macro_rules! count {
        ($table:ident) => {
            counts.push((tables::$table.name(), rows(txn, $table)?));
        };
    }
    tables::for_each_table!(count);
    Ok(counts)
}

/// Copies one table of the snapshot into the copy's write transaction. Keys
/// and values are copied as stored: no record is decoded, so a backup works on
/// any record the schema holds. A table missing from the source (a file made
/// before it existed) is created empty, as opening that file would.
fn copy_table<K: Key + 'static, V: Value + 'static>(
    from: &ReadTransaction,
    to: &WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<u64, StoreError> {
    let mut target = to.open_table(def)?;
    let source = match from.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let mut rows = 0u64;
    for row in redb::ReadableTable::iter(&source)? {
        let (k, v) = row?;
        target.insert(k.value(), v.value())?;
        rows += 1;
    }
    Ok(rows)
}

/// `dir/.NAME.partial`: the name a copy is written under until it is verified.
fn partial_path(target: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".partial");
    target.with_file_name(name)
}

/// The directory a file goes in ("." for a bare file name).
pub(super) fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Refuses a target that exists or whose directory does not.
fn check_target(target: &Path) -> Result<(), StoreError> {
    if target.exists() {
        return Err(StoreError::AlreadyExists(target.to_path_buf()));
    }
    if !directory_of(target).is_dir() {
        return Err(StoreError::NoDirectory(target.to_path_buf()));
    }
    if target.file_name().is_none() {
        return Err(StoreError::NotCertlink(target.to_path_buf()));
    }
    Ok(())
}

/// Makes a rename or a new name durable: on Linux, the directory entry is
/// persisted only when the directory itself is synced.
pub(super) fn sync_directory(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Gives `from` the name `to` without ever replacing a file at `to`: a hard
/// link fails when `to` exists. (A file system without hard links gets a
/// rename after a last existence check.)
fn publish(from: &Path, to: &Path) -> Result<(), StoreError> {
    match std::fs::hard_link(from, to) {
        Ok(()) => {
            std::fs::remove_file(from)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(StoreError::AlreadyExists(to.to_path_buf()));
        }
        Err(_) => {
            if to.exists() {
                return Err(StoreError::AlreadyExists(to.to_path_buf()));
            }
            std::fs::rename(from, to)?;
        }
    }
    sync_directory(directory_of(to))
}

/// Opens a database file on its own and checks it the way a backup is checked:
/// redb's integrity check, a schema this build reads, the invariants of
/// domain.md. Returns what it holds.
fn verify_file(path: &Path) -> Result<BackupSummary, StoreError> {
    verify_file_with(path, &mut Silent)
}

/// [`verify_file`], telling `progress` its stages (principle 12).
fn verify_file_with(path: &Path, progress: &mut dyn Progress) -> Result<BackupSummary, StoreError> {
    progress.stage("verifying: redb integrity", None);
    let mut db = builder().open(path).map_err(|e| open_error(path, e))?;
    let intact = db
        .check_integrity()
        .map_err(|e| StoreError::Corrupt(format!("{}: {e}", path.display())))?;
    if !intact {
        return Err(StoreError::Corrupt(format!(
            "{} failed redb's integrity check",
            path.display()
        )));
    }
    let version = schema::read_version(&db)
        .map_err(|_| StoreError::NotCertlink(path.to_path_buf()))?
        .ok_or_else(|| StoreError::NotCertlink(path.to_path_buf()))?;
    if version > CURRENT_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    let txn = db.begin_read()?;
    let problems = invariants::check_all_with(&txn, progress)?.violations;
    if !problems.is_empty() {
        return Err(StoreError::Corrupt(format!(
            "{} breaks {} invariant(s), first: {}",
            path.display(),
            problems.len(),
            problems[0]
        )));
    }
    Ok(BackupSummary {
        path: path.to_path_buf(),
        rows: count_rows(&txn)?,
        schema_version: version,
        bytes: std::fs::metadata(path)?.len(),
        last_event_at: super::Queries::last_event_at(&txn)?,
    })
}

impl Store {
    /// Writes a verified, consistent copy of the whole database to `target`
    /// (which must not exist). Runs beside the writer: one read transaction.
    pub fn backup_to(&self, target: &Path) -> Result<BackupSummary, StoreError> {
        self.backup_to_with(target, &mut Silent)
    }

    /// [`Store::backup_to`], telling `progress` its stages (principle 12).
    pub fn backup_to_with(
        &self,
        target: &Path,
        progress: &mut dyn Progress,
    ) -> Result<BackupSummary, StoreError> {
        check_target(target)?;
        let partial = partial_path(target);
        let result = self.write_copy(&partial, progress).and_then(|expected| {
            let verified = verify_file_with(&partial, progress)?;
            if verified.rows != expected {
                return Err(StoreError::Corrupt(format!(
                    "the copy's row counts differ from the database's: {}",
                    differences(&expected, &verified.rows)
                )));
            }
            File::open(&partial)?.sync_all()?;
            publish(&partial, target)?;
            Ok(BackupSummary {
                path: target.to_path_buf(),
                ..verified
            })
        });
        if result.is_err() {
            // Never leave a half-written or unverified copy behind.
            let _ = std::fs::remove_file(&partial);
        }
        result
    }

    /// Copies one snapshot into a new file at `partial`; returns the snapshot's
    /// row counts.
    fn write_copy(
        &self,
        partial: &Path,
        progress: &mut dyn Progress,
    ) -> Result<Vec<(&'static str, u64)>, StoreError> {
        // A stale partial file is the leftover of a backup that died; it was
        // never verified, so nothing is lost by removing it.
        match std::fs::remove_file(partial) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
        let snapshot = self.read()?;
        let expected = count_rows(&snapshot)?;
        progress.stage(
            "copying tables",
            Some(expected.iter().map(|(_, rows)| rows).sum()),
        );
        let file = crate::private_files::create_new(partial)?;
        let backend = redb::backends::FileBackend::new(file).map_err(|e| open_error(partial, e))?;
        let copy = builder()
            .create_with_backend(backend)
            .map_err(|e| open_error(partial, e))?;
        let txn = copy.begin_write()?;
        macro_rules! copy {
            ($table:ident) => {
                progress.advance(copy_table(&snapshot, &txn, $table)?);
            };
        }
        tables::for_each_table!(copy);
        // Durable (the default, Immediate): the copy is on disk when this returns.
        txn.commit()?;
        drop(copy);
        Ok(expected)
    }

    /// Checks a backup file without changing it: integrity, schema, invariants.
    /// Opening a redb file for writing (which the integrity check needs) may
    /// rewrite its header, so the check runs on a copy in the temp directory.
    pub fn verify_backup(path: &Path) -> Result<BackupSummary, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        // A fresh private directory (0700, a unique name): no clock needed to
        // keep two checks apart; it goes, with the copy, when dropped.
        let scratch_dir = tempfile::Builder::new()
            .prefix("certlink-verify-")
            .tempdir()?;
        let scratch = scratch_dir.path().join("backup.redb");
        let result = crate::private_files::copy(path, &scratch)
            .map_err(StoreError::from)
            .and_then(|_| verify_file(&scratch));
        drop(scratch_dir);
        Ok(BackupSummary {
            path: path.to_path_buf(),
            ..result.map_err(|e| renamed(e, &scratch, path))?
        })
    }

    /// Puts a verified backup in place as the database `target`. Refuses while
    /// another process has `target` open; the replaced file is kept beside it
    /// as `NAME.replaced-YYYYmmddTHHMMSSZ`. The backup file itself is untouched.
    pub fn restore(
        backup: &Path,
        target: &Path,
        now: DateTime<Utc>,
    ) -> Result<RestoreSummary, StoreError> {
        Self::restore_with(backup, target, now, &mut Silent)
    }

    /// [`Store::restore`], telling `progress` its stages (principle 12).
    pub fn restore_with(
        backup: &Path,
        target: &Path,
        now: DateTime<Utc>,
        progress: &mut dyn Progress,
    ) -> Result<RestoreSummary, StoreError> {
        if !backup.is_file() {
            return Err(StoreError::Missing(backup.to_path_buf()));
        }
        if !directory_of(target).is_dir() {
            return Err(StoreError::NoDirectory(target.to_path_buf()));
        }
        if target.exists() {
            // redb's file lock says whether a certlink process holds it. A
            // read-only open takes the lock without writing a byte and is
            // released at once; any other failure (a damaged file, one that
            // needs repair: what a restore is for) means no one holds it.
            if let Err(redb::DatabaseError::DatabaseAlreadyOpen) = builder().open_read_only(target)
            {
                return Err(StoreError::InUse(target.to_path_buf()));
            }
        }
        // The copy that will become the database is the one verified (the
        // backup file is only read).
        let partial = partial_path(target);
        let _ = std::fs::remove_file(&partial);
        progress.stage("copying the backup", None);
        let verified = crate::private_files::copy(backup, &partial)
            .map_err(StoreError::from)
            .and_then(|_| verify_file_with(&partial, progress))
            .and_then(|v| {
                File::open(&partial)?.sync_all()?;
                Ok(v)
            });
        let verified = match verified {
            Ok(v) => BackupSummary {
                path: backup.to_path_buf(),
                ..v
            },
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(renamed(e, &partial, backup));
            }
        };
        progress.stage("putting it in place", None);
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".replaced-{}", now.format("%Y%m%dT%H%M%SZ")));
        let aside = target.with_file_name(name);
        // The replaced database's write-ahead log (left by a crash) is part of
        // it: it goes aside with it, and is never replayed over the backup.
        let log = super::wal::path_of(target);
        let replaced_kept_at = if target.exists() || log.exists() {
            if aside.exists() {
                let _ = std::fs::remove_file(&partial);
                return Err(StoreError::AlreadyExists(aside));
            }
            if log.exists() {
                std::fs::rename(&log, super::wal::path_of(&aside))?;
            }
            if target.exists() {
                std::fs::rename(target, &aside)?;
            }
            Some(aside)
        } else {
            None
        };
        std::fs::rename(&partial, target)?;
        sync_directory(directory_of(target))?;
        Ok(RestoreSummary {
            backup: verified,
            restored: target.to_path_buf(),
            replaced_kept_at,
        })
    }
}

/// An error about a scratch copy, told about the file the operator named.
fn renamed(e: StoreError, scratch: &Path, named: &Path) -> StoreError {
    let named = named.to_path_buf();
    match e {
        StoreError::NotCertlink(_) => StoreError::NotCertlink(named),
        StoreError::Missing(_) => StoreError::Missing(named),
        StoreError::NewerSchema {
            found, supported, ..
        } => StoreError::NewerSchema {
            path: named,
            found,
            supported,
        },
        StoreError::Corrupt(text) => StoreError::Corrupt(
            text.replace(&scratch.display().to_string(), &named.display().to_string()),
        ),
        other => other,
    }
}

/// "table: expected → found" for every table whose counts differ.
fn differences(expected: &[(&'static str, u64)], found: &[(&'static str, u64)]) -> String {
    expected
        .iter()
        .zip(found)
        .filter(|(a, b)| a != b)
        .map(|((name, a), (_, b))| format!("{name}: {a} → {b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DbKind;
    use certlink_domain::Settings;

    fn sample(dir: &Path) -> Store {
        let store = Store::create(&dir.join("c.redb"), DbKind::Sandbox, &Settings::sandbox())
            .expect("create");
        let txn = store.database().unwrap().begin_write().unwrap();
        {
            let mut orgs = txn.open_table(ORGS).unwrap();
            orgs.insert(1_234_567, b"not decoded by a backup".as_slice())
                .unwrap();
            let mut skills = txn.open_table(SKILLS).unwrap();
            skills
                .insert(("mcid:1", 2, "AZ-900", 7), b"x".as_slice())
                .unwrap();
        }
        txn.commit().unwrap();
        store
    }

    #[test]
    fn a_backup_copies_every_table_row_for_row_and_is_verified() {
        let dir = tempfile::tempdir().unwrap();
        let store = sample(dir.path());
        let target = dir.path().join("copy.redb");
        let summary = store.backup_to(&target).expect("backup");
        assert_eq!(summary.rows_of("orgs"), 1);
        assert_eq!(summary.rows_of("skills"), 1);
        assert_eq!(summary.schema_version, CURRENT_VERSION);
        assert_eq!(summary.rows, count_rows(&store.read().unwrap()).unwrap());
        assert!(!partial_path(&target).exists(), "no partial file is left");
        let copy = Store::open(&target).expect("the copy opens");
        let r = copy.read().unwrap();
        let orgs = r.open_table(ORGS).unwrap();
        assert_eq!(
            orgs.get(1_234_567).unwrap().unwrap().value(),
            b"not decoded by a backup"
        );
    }

    #[test]
    fn a_backup_refuses_an_existing_target_and_a_missing_directory() {
        let dir = tempfile::tempdir().unwrap();
        let store = sample(dir.path());
        let existing = dir.path().join("there.redb");
        std::fs::write(&existing, b"keep me").unwrap();
        assert!(matches!(
            store.backup_to(&existing),
            Err(StoreError::AlreadyExists(_))
        ));
        assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
        assert!(matches!(
            store.backup_to(&dir.path().join("no/such/dir/b.redb")),
            Err(StoreError::NoDirectory(_))
        ));
    }

    #[test]
    fn a_backup_does_not_count_a_write_that_commits_after_its_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let store = sample(dir.path());
        let partial = dir.path().join(".p.redb.partial");
        let expected = store.write_copy(&partial, &mut Silent).unwrap();
        let txn = store.database().unwrap().begin_write().unwrap();
        txn.open_table(ORGS)
            .unwrap()
            .insert(7_654_321, b"later".as_slice())
            .unwrap();
        txn.commit().unwrap();
        let found = verify_file(&partial).unwrap().rows;
        assert_eq!(
            found, expected,
            "the copy is the snapshot, not later writes"
        );
    }

    #[test]
    fn a_damaged_or_foreign_backup_is_refused_by_verify_and_restore() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.redb");
        std::fs::write(&junk, b"this is not a database").unwrap();
        assert!(Store::verify_backup(&junk).is_err());
        let target = dir.path().join("db.redb");
        std::fs::write(&target, b"the live file").unwrap();
        assert!(Store::restore(&junk, &target, Utc::now()).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"the live file");
        assert!(matches!(
            Store::verify_backup(&dir.path().join("none.redb")),
            Err(StoreError::Missing(_))
        ));
    }

    #[test]
    fn a_restore_refuses_a_database_in_use_and_keeps_the_replaced_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = sample(dir.path());
        let backup = dir.path().join("b.redb");
        store.backup_to(&backup).unwrap();
        let live = store.path().unwrap().to_path_buf();
        assert!(matches!(
            Store::restore(&backup, &live, Utc::now()),
            Err(StoreError::InUse(_))
        ));
        drop(store);
        let now = Utc::now();
        let done = Store::restore(&backup, &live, now).expect("restore");
        let aside = done.replaced_kept_at.expect("the replaced file is kept");
        assert!(aside.exists());
        assert!(Store::open(&live).is_ok());
        assert!(backup.exists(), "the backup itself stays");
    }

    /// A crashed database's write-ahead log belongs to it: a restore moves it
    /// aside with the replaced file and never replays it over the backup.
    #[test]
    fn a_restore_moves_the_replaced_database_s_log_aside_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = sample(dir.path());
        let backup = dir.path().join("b.redb");
        store.backup_to(&backup).unwrap();
        let live = store.path().unwrap().to_path_buf();
        drop(store);
        let log = crate::store::wal::path_of(&live);
        std::fs::write(&log, b"records of the crashed database").unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc();
        let done = Store::restore(&backup, &live, now).expect("restore");
        let aside = done.replaced_kept_at.expect("the replaced file is kept");
        assert_eq!(
            std::fs::read(crate::store::wal::path_of(&aside)).unwrap(),
            b"records of the crashed database"
        );
        assert!(
            !log.exists(),
            "no log of the old database beside the restored one"
        );
        assert!(Store::open(&live).is_ok());
    }

    #[test]
    fn verifying_a_backup_leaves_its_bytes_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = sample(dir.path());
        let backup = dir.path().join("b.redb");
        store.backup_to(&backup).unwrap();
        let before = std::fs::read(&backup).unwrap();
        Store::verify_backup(&backup).unwrap();
        assert!(std::fs::read(&backup).unwrap() == before);
        Store::restore(&backup, &dir.path().join("fresh.redb"), Utc::now()).unwrap();
        assert!(std::fs::read(&backup).unwrap() == before);
    }
}
