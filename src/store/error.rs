//! Storage errors, each with a one-line message that says what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database {0} is in use by another certlink process (e.g. `certlink serve`); connect with ssh instead, or stop that process"
    )]
    InUse(PathBuf),
    #[error("{0} is not a certlink database")]
    NotCertlink(PathBuf),
    #[error(
        "no database at {0}: create one with `certlink init` (or `certlink demo` for a sandbox)"
    )]
    Missing(PathBuf),
    #[error("the directory of {0} does not exist: create it first or choose another --db path")]
    NoDirectory(PathBuf),
    #[error("{0} already exists: refusing to overwrite it")]
    AlreadyExists(PathBuf),
    #[error(
        "{path} was written by a newer certlink (schema {found}, this build knows up to {supported}): upgrade certlink"
    )]
    NewerSchema {
        path: PathBuf,
        found: u64,
        supported: u64,
    },
    #[error("the database is damaged: {0}; restore a backup or run `certlink admin check`")]
    Corrupt(String),
    #[error("database error: {0}")]
    Redb(String),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Redb(e.to_string())
            }
        }
    )*};
}
from_redb!(
    redb::Error,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::SetDurabilityError
);
