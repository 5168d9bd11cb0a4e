//! The directory of `certlink serve --backup-every`'s copies, as the service's
//! [`BackupShelf`]: copies are named `certlink-YYYYmmddTHHMMSSZ.redb` (UTC), so
//! their names sort by time and retention can go by name alone; the listing
//! shows only such names, so retention never touches the operator's own files.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::service::BackupShelf;

const SCHEDULED_PREFIX: &str = "certlink-";
const SCHEDULED_SUFFIX: &str = ".redb";
const SCHEDULED_STAMP: &str = "%Y%m%dT%H%M%SZ";

/// One directory of scheduled copies.
#[derive(Debug, Clone)]
pub struct BackupDir {
    dir: PathBuf,
}

impl BackupDir {
    pub fn new(dir: PathBuf) -> BackupDir {
        BackupDir { dir }
    }
}

/// The file name of a scheduled copy taken at `at`.
pub fn scheduled_name(at: DateTime<Utc>) -> String {
    format!(
        "{SCHEDULED_PREFIX}{}{SCHEDULED_SUFFIX}",
        at.format(SCHEDULED_STAMP)
    )
}

/// True for a name `scheduled_name` makes, and nothing else.
fn is_scheduled_name(name: &str) -> bool {
    name.strip_prefix(SCHEDULED_PREFIX)
        .and_then(|rest| rest.strip_suffix(SCHEDULED_SUFFIX))
        .is_some_and(|stamp| NaiveDateTime::parse_from_str(stamp, SCHEDULED_STAMP).is_ok())
}

impl BackupShelf for BackupDir {
    fn place_for(&self, at: DateTime<Utc>) -> PathBuf {
        self.dir.join(scheduled_name(at))
    }

    fn copies(&self) -> std::io::Result<Vec<PathBuf>> {
        let mut copies: Vec<PathBuf> = std::fs::read_dir(&self.dir)?
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_str().is_some_and(is_scheduled_name))
            .map(|e| e.path())
            .collect();
        copies.sort();
        Ok(copies)
    }

    fn remove(&self, copy: &Path) -> std::io::Result<()> {
        std::fs::remove_file(copy)
    }

    /// Removes `.certlink-….redb.partial` files: copies a scheduled backup was
    /// writing when its process died. They were never verified nor given their
    /// name, and only one scheduled backup runs at a time, so none is in use.
    fn clear_interrupted(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let stale = name
                .to_str()
                .and_then(|n| n.strip_prefix('.'))
                .and_then(|n| n.strip_suffix(".partial"))
                .is_some_and(is_scheduled_name);
            if stale && std::fs::remove_file(entry.path()).is_ok() {
                tracing::info!(file = %entry.path().display(), "removed the partial copy of an interrupted backup");
            }
        }
    }

    fn location(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn scheduled_names_sort_by_time_and_retention_knows_only_its_own() {
        let a = scheduled_name(Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap());
        let b = scheduled_name(Utc.with_ymd_and_hms(2026, 11, 2, 3, 4, 5).unwrap());
        assert_eq!(a, "certlink-20260102T030405Z.redb");
        assert!(a < b);
        assert!(is_scheduled_name(&a));
        for other in [
            "certlink.redb",
            "certlink-latest.redb",
            "certlink-20260102T030405Z.redb.partial",
            ".certlink-20260102T030405Z.redb.partial",
            "notes-20260102T030405Z.redb",
        ] {
            assert!(!is_scheduled_name(other), "{other}");
        }
    }

    #[test]
    fn the_partial_copy_of_an_interrupted_scheduled_backup_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".certlink-20260102T030405Z.redb.partial");
        let other = dir.path().join(".notes.partial");
        std::fs::write(&stale, b"half a copy").unwrap();
        std::fs::write(&other, b"not ours").unwrap();
        BackupDir::new(dir.path().to_path_buf()).clear_interrupted();
        assert!(!stale.exists());
        assert!(other.exists());
    }
}
