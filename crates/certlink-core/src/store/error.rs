//! Storage errors, each with a one-line message that says what happened, and
//! the [`Advice`] of what to do, which each front end words with its own
//! commands and options (the store knows none of them).
//!
//! redb's errors are sorted here into what a person can act on: the disk is
//! full, the disk failed (the store reopens the database for the next command),
//! the file is damaged (check it, restore a backup), or someone else holds it.

use std::path::PathBuf;

/// What a person can do about a store error, beyond what its message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// Another process (a server) holds the database: go through it, or stop it.
    UseTheHolder,
    /// The file's header is not certlink's: if it was a database, restore the
    /// newest backup.
    RestoreIfItWasOne,
    /// There is no database yet: create one (a real one, or a sandbox).
    CreateOne,
    /// The database's directory is missing: create it, or choose another path.
    CreateTheDirectory,
    /// Check the database, and restore the newest backup if the check finds
    /// damage; [`Damage`] says how sure the damage is.
    Recover(Damage),
}

/// How sure a store error is that the file is damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// redb found damaged bytes.
    Found,
    /// The command stopped on something unexpected: damage, or a bug.
    Possible,
    /// A disk error that may be passing: only if it repeats.
    IfItRepeats,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database {0} is in use by another certlink process")]
    InUse(PathBuf),
    #[error("{0} is not a certlink database")]
    NotCertlink(PathBuf),
    #[error("no database at {0}")]
    Missing(PathBuf),
    #[error("the directory of {0} does not exist")]
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
    #[error("the database is damaged ({0})")]
    Corrupt(String),
    /// The disk holding the database is full (ENOSPC, or a quota).
    #[error(
        "no space left on the disk that holds the database: this command was not completed and nothing of it is acknowledged; free some space, then check and try again"
    )]
    DiskFull,
    /// A read, write or sync failed. redb refuses further work on that open
    /// database; the store reopens it for the next command.
    #[error(
        "a disk error stopped this command ({0}): it was not completed and may not have been saved; the database is reopened for the next command, so check and try again"
    )]
    DiskFailed(String),
    /// The database is being reopened after a disk error while another
    /// command still holds the old one.
    #[error(
        "the database is being reopened after a disk error and another command still uses it: try again in a moment"
    )]
    Reopening,
    /// A panic was caught at a front end's boundary: the storage engine met
    /// damaged bytes it does not expect, or certlink has a bug.
    #[error(
        "certlink stopped on an unexpected error ({0}): the database may be damaged, or this is a bug"
    )]
    Stopped(String),
    #[error("database error: {0}")]
    Redb(String),
    #[error("{0} is a directory, not a database file: choose the path of a file")]
    IsDirectory(PathBuf),
    /// The file exists but this process may not open it.
    #[error(
        "permission denied on {0}: run certlink as the user who owns the database, or ask them to check its mode"
    )]
    PermissionDenied(PathBuf),
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

/// An error opening or creating the file at `path`, said with its path.
pub(super) fn opening(path: &std::path::Path, e: std::io::Error) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::IsADirectory => StoreError::IsDirectory(path.to_path_buf()),
        std::io::ErrorKind::PermissionDenied => StoreError::PermissionDenied(path.to_path_buf()),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => StoreError::DiskFull,
        _ => StoreError::Open {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

impl StoreError {
    /// The same error again, for each command of a batch that one failure
    /// stopped (group commit): its kind and words, without the source's
    /// non-clonable parts.
    pub fn duplicate(&self) -> StoreError {
        match self {
            StoreError::InUse(p) => StoreError::InUse(p.clone()),
            StoreError::NotCertlink(p) => StoreError::NotCertlink(p.clone()),
            StoreError::Missing(p) => StoreError::Missing(p.clone()),
            StoreError::NoDirectory(p) => StoreError::NoDirectory(p.clone()),
            StoreError::AlreadyExists(p) => StoreError::AlreadyExists(p.clone()),
            StoreError::NewerSchema {
                path,
                found,
                supported,
            } => StoreError::NewerSchema {
                path: path.clone(),
                found: *found,
                supported: *supported,
            },
            StoreError::Corrupt(s) => StoreError::Corrupt(s.clone()),
            StoreError::DiskFull => StoreError::DiskFull,
            StoreError::DiskFailed(s) => StoreError::DiskFailed(s.clone()),
            StoreError::Reopening => StoreError::Reopening,
            StoreError::Stopped(s) => StoreError::Stopped(s.clone()),
            StoreError::Redb(s) => StoreError::Redb(s.clone()),
            StoreError::IsDirectory(p) => StoreError::IsDirectory(p.clone()),
            StoreError::PermissionDenied(p) => StoreError::PermissionDenied(p.clone()),
            StoreError::Open { path, source } => StoreError::Open {
                path: path.clone(),
                source: std::io::Error::new(source.kind(), source.to_string()),
            },
            StoreError::Io(e) => StoreError::Io(std::io::Error::new(e.kind(), e.to_string())),
        }
    }

    /// True when the open database can do no more work and must be reopened.
    pub fn is_disk_failure(&self) -> bool {
        matches!(self, StoreError::DiskFull | StoreError::DiskFailed(_))
    }

    /// What to do about it, for the front end to word; `None` when the
    /// message says it all.
    pub fn advice(&self) -> Option<Advice> {
        match self {
            StoreError::InUse(_) => Some(Advice::UseTheHolder),
            StoreError::NotCertlink(_) => Some(Advice::RestoreIfItWasOne),
            StoreError::Missing(_) => Some(Advice::CreateOne),
            StoreError::NoDirectory(_) => Some(Advice::CreateTheDirectory),
            StoreError::Corrupt(_) => Some(Advice::Recover(Damage::Found)),
            StoreError::Stopped(_) => Some(Advice::Recover(Damage::Possible)),
            StoreError::DiskFailed(_) => Some(Advice::Recover(Damage::IfItRepeats)),
            StoreError::AlreadyExists(_)
            | StoreError::NewerSchema { .. }
            | StoreError::DiskFull
            | StoreError::Reopening
            | StoreError::Redb(_)
            | StoreError::IsDirectory(_)
            | StoreError::PermissionDenied(_)
            | StoreError::Open { .. }
            | StoreError::Io(_) => None,
        }
    }
}

/// An I/O error of the storage backend.
pub(super) fn from_backend_io(io: std::io::Error) -> StoreError {
    match io.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => StoreError::DiskFull,
        _ => StoreError::DiskFailed(io.to_string()),
    }
}

pub(super) fn from_storage(e: redb::StorageError) -> StoreError {
    match e {
        redb::StorageError::Io(io) => from_backend_io(io),
        redb::StorageError::PreviousIo => {
            StoreError::DiskFailed("an earlier disk error stopped the open database".into())
        }
        redb::StorageError::DatabaseClosed => StoreError::Reopening,
        redb::StorageError::Corrupted(what) => StoreError::Corrupt(what),
        other => StoreError::Redb(other.to_string()),
    }
}

impl From<redb::StorageError> for StoreError {
    fn from(e: redb::StorageError) -> Self {
        from_storage(e)
    }
}

impl From<redb::TransactionError> for StoreError {
    fn from(e: redb::TransactionError) -> Self {
        match e {
            redb::TransactionError::Storage(s) => from_storage(s),
            other => StoreError::Redb(other.to_string()),
        }
    }
}

impl From<redb::TableError> for StoreError {
    fn from(e: redb::TableError) -> Self {
        match e {
            redb::TableError::Storage(s) => from_storage(s),
            other => StoreError::Redb(other.to_string()),
        }
    }
}

impl From<redb::CommitError> for StoreError {
    fn from(e: redb::CommitError) -> Self {
        match e {
            redb::CommitError::Storage(s) => from_storage(s),
            other => StoreError::Redb(other.to_string()),
        }
    }
}

impl From<redb::Error> for StoreError {
    fn from(e: redb::Error) -> Self {
        match e {
            redb::Error::Io(io) => from_backend_io(io),
            redb::Error::PreviousIo => {
                StoreError::DiskFailed("an earlier disk error stopped the open database".into())
            }
            redb::Error::DatabaseClosed => StoreError::Reopening,
            redb::Error::Corrupted(what) => StoreError::Corrupt(what),
            other => StoreError::Redb(other.to_string()),
        }
    }
}

impl From<redb::SetDurabilityError> for StoreError {
    fn from(e: redb::SetDurabilityError) -> Self {
        StoreError::Redb(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13, part 6: an error opening the file names the file, and what
    /// to do when it is a permission problem (tested here: as root, a mode
    /// cannot refuse).
    #[test]
    fn opening_errors_name_the_file() {
        let path = std::path::Path::new("/srv/certlink.redb");
        for kind in [
            std::io::ErrorKind::PermissionDenied,
            std::io::ErrorKind::IsADirectory,
            std::io::ErrorKind::Other,
        ] {
            let said = opening(path, std::io::Error::from(kind)).to_string();
            assert!(said.contains("/srv/certlink.redb"), "{said}");
            assert!(!said.contains("backup"), "{said}");
        }
        let denied = opening(
            path,
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert!(denied.to_string().contains("permission denied"));
    }
}
