//! Maildir delivery, the part of the format a mail client relies on: a message is
//! written under `tmp/` with a unique name, synced, then renamed into `new/`, so a
//! reader never sees half a message and a crash leaves at worst a stray file in
//! `tmp/`. Sent messages move to `cur/` with the info suffix `:2,S`.
//!
//! The files hold temporary passwords (R13, invariant 5 allows them only here),
//! so directories are made 0700 and files 0600 on Unix.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;

use super::OutboxError;

/// The Maildir subdirectories, plus `state/` for certlink's delivery records.
pub(super) const TMP: &str = "tmp";
pub(super) const NEW: &str = "new";
pub(super) const CUR: &str = "cur";
pub(super) const STATE: &str = "state";

/// The info suffix of a delivered message: Maildir version 2, flag S.
pub(super) const SENT_INFO: &str = ":2,S";

/// How many fresh names to try before giving up on a unique one. A clash needs
/// the same second, microsecond, process, counter and 64 random bits.
const NAME_TRIES: usize = 8;

/// Creates `root` with `tmp/`, `new/`, `cur/` and `state/` (idempotent).
pub(super) fn create_dirs(root: &Path) -> Result<(), OutboxError> {
    for sub in [TMP, NEW, CUR, STATE] {
        let dir = root.join(sub);
        crate::private_files::create_dir_all(&dir).map_err(|e| OutboxError::io(&dir, e))?;
    }
    Ok(())
}

/// A name unique across processes and hosts, in the Maildir convention
/// `SECONDS.M<micros>P<pid>Q<counter>R<random>.HOST`. It sorts by time.
pub(super) fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = Utc::now();
    format!(
        "{}.M{:06}P{}Q{}R{}.{}",
        now.timestamp(),
        now.timestamp_subsec_micros(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        random_hex(),
        host_name()
    )
}

/// 64 random bits as hex; falls back to the clock if the OS has no randomness
/// (uniqueness then rests on the other parts of the name).
pub(crate) fn random_hex() -> String {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        bytes = Utc::now()
            .timestamp_nanos_opt()
            .unwrap_or_default()
            .to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// This machine's name, with `/` and `:` escaped as the Maildir spec asks.
fn host_name() -> String {
    let raw = fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .unwrap_or_default();
    let name = raw.trim();
    let name = if name.is_empty() { "localhost" } else { name };
    name.replace('/', "\\057").replace(':', "\\072")
}

/// Opens a new file for writing that must not exist yet, readable only by us.
fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Makes a rename or a new name in `dir` durable (on Unix a directory can be
/// opened and synced; elsewhere this is a no-op).
pub(super) fn sync_dir(dir: &Path) -> Result<(), OutboxError> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| OutboxError::io(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `bytes` to `tmp_path` (which must not exist), syncs it, renames it to
/// `final_path` and syncs the target directory: after this returns, the file is
/// on disk under its final name, and before, no reader saw a partial file.
pub(super) fn write_durably(
    tmp_path: &Path,
    final_path: &Path,
    bytes: &[u8],
) -> Result<(), OutboxError> {
    let result = (|| {
        let mut file = create_private(tmp_path).map_err(|e| OutboxError::io(tmp_path, e))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| OutboxError::io(tmp_path, e))?;
        fs::rename(tmp_path, final_path).map_err(|e| OutboxError::io(final_path, e))
    })();
    if result.is_err() {
        // Best effort: a stray temp file is harmless but untidy.
        let _ = fs::remove_file(tmp_path);
    }
    result?;
    if let Some(dir) = final_path.parent() {
        sync_dir(dir)?;
    }
    Ok(())
}

/// Delivers a message: `tmp/NAME` → `new/NAME`. The name must be fresh; a clash
/// with an existing temp file (another writer) is reported so the caller can
/// pick another name.
pub(super) fn deliver_new(root: &Path, name: &str, bytes: &[u8]) -> Result<(), OutboxError> {
    write_durably(
        &root.join(TMP).join(name),
        &root.join(NEW).join(name),
        bytes,
    )
}

/// A fresh name that no file in `new/`, `cur/` or `state/` uses yet.
pub(super) fn fresh_name(root: &Path) -> Result<String, OutboxError> {
    for _ in 0..NAME_TRIES {
        let name = unique_name();
        let taken = root.join(TMP).join(&name).exists()
            || root.join(NEW).join(&name).exists()
            || root.join(STATE).join(format!("{name}.json")).exists();
        if !taken {
            return Ok(name);
        }
    }
    Err(OutboxError::io(
        root,
        std::io::Error::other("could not find a unique message name"),
    ))
}

/// A message file found in `new/` or `cur/`.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The unique part of the file name (before any `:2,…` info).
    pub name: String,
    pub path: PathBuf,
    /// In `cur/` with the S flag: certlink delivered it (or a mail client
    /// marked it seen, which is why the delivery record decides, not this).
    pub flagged_sent: bool,
}

/// Every message file in `new/` and `cur/`, oldest name first. Dot files are
/// skipped (Maildir reserves them).
pub(super) fn scan(root: &Path) -> Result<Vec<Found>, OutboxError> {
    let mut found = Vec::new();
    for sub in [NEW, CUR] {
        let dir = root.join(sub);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(OutboxError::io(&dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| OutboxError::io(&dir, e))?;
            let Ok(file_name) = entry.file_name().into_string() else {
                continue;
            };
            if file_name.starts_with('.') {
                continue;
            }
            let (name, info) = match file_name.split_once(':') {
                Some((name, info)) => (name.to_string(), Some(info.to_string())),
                None => (file_name.clone(), None),
            };
            let flagged_sent = sub == CUR
                && info
                    .as_deref()
                    .and_then(|i| i.strip_prefix("2,"))
                    .is_some_and(|flags| flags.contains('S'));
            found.push(Found {
                name,
                path: entry.path(),
                flagged_sent,
            });
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// Moves a delivered message to `cur/NAME:2,S` and makes the move durable.
pub(super) fn mark_sent(root: &Path, found: &Found) -> Result<(), OutboxError> {
    let target = root.join(CUR).join(format!("{}{SENT_INFO}", found.name));
    if found.path == target {
        return Ok(());
    }
    fs::rename(&found.path, &target).map_err(|e| OutboxError::io(&target, e))?;
    sync_dir(&root.join(CUR))?;
    if let Some(from) = found.path.parent() {
        sync_dir(from)?;
    }
    Ok(())
}
