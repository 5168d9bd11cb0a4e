//! Schema version and migrations. The version lives in the `meta` table; an older
//! file is migrated on open after a backup copy, a newer one is refused.

use std::path::{Path, PathBuf};

use redb::{ReadableDatabase, WriteTransaction};

use super::StoreError;
use super::codec::{decode, encode};
use super::tables::META;

/// The schema this build writes.
pub const CURRENT_VERSION: u64 = 1;

pub const VERSION: &str = "schema_version";
pub const KIND: &str = "kind";
pub const KIND_SANDBOX: &[u8] = b"sandbox";
pub const KIND_REAL: &[u8] = b"real";
pub const SETTINGS: &str = "settings";
pub const LAST_EVENT_AT: &str = "last_event_at";

/// One step from `from` to `from + 1`, run inside the migration's write transaction.
pub struct Migration {
    pub from: u64,
    pub run: fn(&WriteTransaction) -> Result<(), StoreError>,
}

/// Steps from older schemas to [`CURRENT_VERSION`]. Version 1 is the first
/// released schema, so there is nothing to migrate yet; the mechanism is tested
/// with steps of its own (see the tests below).
pub const MIGRATIONS: &[Migration] = &[];

/// Reads the schema version of an open database; `None` if it is not a certlink file.
pub fn read_version(db: &redb::Database) -> Result<Option<u64>, StoreError> {
    let txn = db.begin_read()?;
    let table = match txn.open_table(META) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    match table.get(VERSION)? {
        Some(v) => Ok(Some(decode(v.value(), "schema version")?)),
        None => Ok(None),
    }
}

pub fn write_version(txn: &WriteTransaction, version: u64) -> Result<(), StoreError> {
    txn.open_table(META)?
        .insert(VERSION, encode(&version)?.as_slice())?;
    Ok(())
}

/// Where the copy taken before migrating from `version` goes.
pub fn backup_path(path: &Path, version: u64) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".v{version}.bak"));
    path.with_file_name(name)
}

/// Brings `db` from `found` to `target` with `steps`, in one write transaction.
pub fn migrate(
    db: &redb::Database,
    found: u64,
    target: u64,
    steps: &[Migration],
) -> Result<(), StoreError> {
    let txn = db.begin_write()?;
    let mut version = found;
    while version < target {
        let step = steps
            .iter()
            .find(|m| m.from == version)
            .ok_or_else(|| StoreError::Corrupt(format!("no migration from schema {version}")))?;
        (step.run)(&txn)?;
        version += 1;
    }
    write_version(&txn, version)?;
    txn.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use redb::TableDefinition;

    const EXTRA: TableDefinition<u64, u64> = TableDefinition::new("extra");

    fn add_extra(txn: &WriteTransaction) -> Result<(), StoreError> {
        txn.open_table(EXTRA)?.insert(1, 42)?;
        Ok(())
    }

    #[test]
    fn migrations_run_in_order_and_record_the_version() {
        let db = redb::Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .unwrap();
        let txn = db.begin_write().unwrap();
        write_version(&txn, 0).unwrap();
        txn.commit().unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(0));
        migrate(
            &db,
            0,
            1,
            &[Migration {
                from: 0,
                run: add_extra,
            }],
        )
        .unwrap();
        assert_eq!(read_version(&db).unwrap(), Some(1));
        let r = db.begin_read().unwrap();
        assert_eq!(
            r.open_table(EXTRA)
                .unwrap()
                .get(1)
                .unwrap()
                .unwrap()
                .value(),
            42
        );
    }

    #[test]
    fn a_missing_step_is_an_error_and_changes_nothing() {
        let db = redb::Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .unwrap();
        let txn = db.begin_write().unwrap();
        write_version(&txn, 0).unwrap();
        txn.commit().unwrap();
        assert!(
            migrate(
                &db,
                0,
                2,
                &[Migration {
                    from: 0,
                    run: add_extra
                }]
            )
            .is_err()
        );
        assert_eq!(read_version(&db).unwrap(), Some(0));
    }

    #[test]
    fn backup_sits_beside_the_file() {
        assert_eq!(
            backup_path(Path::new("/d/certlink.redb"), 1),
            PathBuf::from("/d/certlink.redb.v1.bak")
        );
    }
}
