//! Backups and restores, for the operator (`certlink admin backup`, `admin
//! restore`) and for `certlink serve --backup-every` (issue 8; domain.md: backups
//! are operator commands, never reachable over SSH, audited with actor
//! *operator*). The copying and verifying is the store's (crates/certlink-core/src/store/backup.rs);
//! the place of scheduled copies is the [`BackupShelf`] the service was opened
//! with (crates/certlink-core/src/backup_dir.rs); here: auditing, and keeping
//! the newest K.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::store::backup::{BackupSummary, RestoreSummary};
use crate::store::records::AuditActor;
use crate::store::{AuditEntry, Store};

use super::{BackupsProblem, Environment, Service, ServiceError};

/// Where scheduled copies are kept. Its listing shows only copies it named,
/// so retention never touches a file it did not make.
pub trait BackupShelf: Send + Sync {
    /// Where a copy taken at `at` is written.
    fn place_for(&self, at: DateTime<Utc>) -> PathBuf;
    /// The copies on the shelf, oldest first.
    fn copies(&self) -> std::io::Result<Vec<PathBuf>>;
    /// Deletes one copy.
    fn remove(&self, copy: &Path) -> std::io::Result<()>;
    /// Removes what interrupted copies left (never verified nor named).
    fn clear_interrupted(&self);
    /// The shelf's place, for messages.
    fn location(&self) -> &Path;
}

/// What one scheduled backup did.
#[derive(Debug, Clone)]
pub struct ScheduledBackup {
    pub summary: BackupSummary,
    /// Older scheduled copies deleted to keep the newest K.
    pub removed: Vec<PathBuf>,
}

impl Service {
    /// `certlink admin backup --to FILE`: a verified, consistent copy of the
    /// database (one read transaction; the writer keeps running). Audited.
    pub fn backup(&self, to: &Path) -> Result<BackupSummary, ServiceError> {
        self.backup_with(to, &mut crate::progress::Silent)
    }

    /// [`Service::backup`], telling `progress` its stages (principle 12).
    pub fn backup_with(
        &self,
        to: &Path,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<BackupSummary, ServiceError> {
        let summary = self.store.backup_to_with(to, progress)?;
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

    /// One run of `serve --backup-every`: a verified copy on the shelf named by
    /// the time `at`, then the scheduled copies beyond the newest `keep` are
    /// deleted. An older copy is deleted only after the new one was verified: a
    /// failed backup deletes nothing.
    pub fn scheduled_backup(&self, at: DateTime<Utc>) -> Result<ScheduledBackup, ServiceError> {
        let scheduled = self.backups.as_ref().ok_or(BackupsProblem::NoShelf)?;
        let shelf = &scheduled.shelf;
        let keep = scheduled.keep.max(1);
        shelf.clear_interrupted();
        let summary = self.backup(&shelf.place_for(at))?;
        let copies = shelf
            .copies()
            .map_err(|source| BackupsProblem::Unreadable {
                dir: shelf.location().to_path_buf(),
                source,
            })?;
        let excess = copies.len().saturating_sub(keep);
        let mut removed = Vec::new();
        for old in copies.into_iter().take(excess) {
            // Never the copy just made, whatever the clock did.
            if old == summary.path {
                continue;
            }
            match shelf.remove(&old) {
                Ok(()) => removed.push(old),
                Err(e) => {
                    tracing::warn!(file = %old.display(), error = %e, "cannot delete an old backup")
                }
            }
        }
        Ok(ScheduledBackup { summary, removed })
    }

    /// `certlink admin restore --from BACKUP`: verifies the backup, refuses while
    /// the database is open elsewhere, sets the current file aside (named by the
    /// time of `environment`'s clock) and puts the backup in its place; then
    /// audits the restore in the restored database, opened with `environment`.
    pub fn restore(
        backup: &Path,
        db: &Path,
        environment: Environment,
    ) -> Result<RestoreSummary, ServiceError> {
        Self::restore_with(backup, db, environment, &mut crate::progress::Silent)
    }

    /// [`Service::restore`], telling `progress` its stages (principle 12).
    pub fn restore_with(
        backup: &Path,
        db: &Path,
        environment: Environment,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<RestoreSummary, ServiceError> {
        let done = Store::restore_with(backup, db, environment.clock.now(), progress)?;
        let service = Service::open(db, environment)?;
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
