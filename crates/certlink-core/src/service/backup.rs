//! Backups and restores, for the operator (`certlink admin backup`, `admin
//! restore`) and for `certlink serve --backup-every` (issue 8; domain.md: backups
//! are operator commands, never reachable over SSH, audited with actor
//! *operator*). The copying and verifying is the store's (crates/certlink-core/src/store/backup.rs);
//! here: auditing, the names of scheduled copies, and keeping the newest K.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::store::backup::{BackupSummary, RestoreSummary};
use crate::store::records::AuditActor;
use crate::store::{AuditEntry, Store};

use super::{BackupsProblem, Service, ServiceError};

/// Scheduled copies are named `certlink-YYYYmmddTHHMMSSZ.redb` (UTC), so their
/// names sort by time and retention can go by name alone.
const SCHEDULED_PREFIX: &str = "certlink-";
const SCHEDULED_SUFFIX: &str = ".redb";
const SCHEDULED_STAMP: &str = "%Y%m%dT%H%M%SZ";

/// What one scheduled backup did.
#[derive(Debug, Clone)]
pub struct ScheduledBackup {
    pub summary: BackupSummary,
    /// Older scheduled copies deleted to keep the newest K.
    pub removed: Vec<PathBuf>,
}

/// The file name of a scheduled copy taken at `at`.
pub fn scheduled_name(at: DateTime<Utc>) -> String {
    format!(
        "{SCHEDULED_PREFIX}{}{SCHEDULED_SUFFIX}",
        at.format(SCHEDULED_STAMP)
    )
}

/// True for a name `scheduled_name` makes, and nothing else: retention never
/// touches a file it did not make.
fn is_scheduled_name(name: &str) -> bool {
    name.strip_prefix(SCHEDULED_PREFIX)
        .and_then(|rest| rest.strip_suffix(SCHEDULED_SUFFIX))
        .is_some_and(|stamp| NaiveDateTime::parse_from_str(stamp, SCHEDULED_STAMP).is_ok())
}

/// The scheduled copies in `dir`, oldest first.
pub fn scheduled_copies(dir: &Path) -> Result<Vec<PathBuf>, ServiceError> {
    let entries = std::fs::read_dir(dir).map_err(|source| BackupsProblem::Unreadable {
        dir: dir.to_path_buf(),
        source,
    })?;
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(is_scheduled_name))
        .map(|e| e.path())
        .collect();
    copies.sort();
    Ok(copies)
}

/// Removes `.certlink-….redb.partial` files: copies a scheduled backup was
/// writing when its process died. They were never verified nor given their
/// name, and only one scheduled backup runs at a time, so none is in use.
fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
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

impl Service {
    /// `certlink admin backup --to FILE`: a verified, consistent copy of the
    /// database (one read transaction; the writer keeps running). Audited.
    pub fn backup(&self, to: &Path) -> Result<BackupSummary, ServiceError> {
        let summary = self.store.backup_to(to)?;
        let w = self.begin()?;
        let mut entry = AuditEntry::new(AuditActor::Operator, "backup");
        entry.detail = format!(
            "verified copy written to {} ({} records)",
            summary.path.display(),
            summary.total_rows()
        );
        w.audit(entry)?;
        w.commit()?;
        Ok(summary)
    }

    /// One run of `serve --backup-every`: a verified copy in `dir` named by the
    /// time, then the scheduled copies beyond the newest `keep` are deleted. An
    /// older copy is deleted only after the new one was verified: a failed
    /// backup deletes nothing.
    pub fn scheduled_backup(
        &self,
        dir: &Path,
        keep: usize,
        at: DateTime<Utc>,
    ) -> Result<ScheduledBackup, ServiceError> {
        let keep = keep.max(1);
        remove_stale_partials(dir);
        let summary = self.backup(&dir.join(scheduled_name(at)))?;
        let copies = scheduled_copies(dir)?;
        let excess = copies.len().saturating_sub(keep);
        let mut removed = Vec::new();
        for old in copies.into_iter().take(excess) {
            // Never the copy just made, whatever the clock did.
            if old == summary.path {
                continue;
            }
            match std::fs::remove_file(&old) {
                Ok(()) => removed.push(old),
                Err(e) => {
                    tracing::warn!(file = %old.display(), error = %e, "cannot delete an old backup")
                }
            }
        }
        Ok(ScheduledBackup { summary, removed })
    }

    /// `certlink admin restore --from BACKUP`: verifies the backup, refuses while
    /// the database is open elsewhere, sets the current file aside and puts the
    /// backup in its place; then audits the restore in the restored database.
    pub fn restore(backup: &Path, db: &Path) -> Result<RestoreSummary, ServiceError> {
        let done = Store::restore(backup, db, Utc::now())?;
        let service = Service::open(db, None)?;
        let w = service.begin()?;
        let mut entry = AuditEntry::new(AuditActor::Operator, "restore");
        entry.detail = match &done.replaced_kept_at {
            Some(aside) => format!(
                "restored from {}; the replaced file is kept at {}",
                backup.display(),
                aside.display()
            ),
            None => format!("restored from {}", backup.display()),
        };
        w.audit(entry)?;
        w.commit()?;
        Ok(done)
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
        remove_stale_partials(dir.path());
        assert!(!stale.exists());
        assert!(other.exists());
    }
}
