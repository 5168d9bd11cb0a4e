//! The delivery record of one message: `state/NAME.json` beside the Maildir.
//!
//! Why a sidecar and not the file name or the message: the message file must stay
//! byte for byte what lettre sends, and a mail client opening the Maildir may
//! rename files (moving `new/` to `cur/`, adding flags) without asking. So the
//! record, not the file's place, says whether a message was delivered; that way
//! an operator reading the outbox with mutt can never make an invitation count as
//! sent (R13: a message is never lost). Records are replaced atomically (write a
//! temp file, sync, rename).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::OutboxError;
use super::maildir::{self, STATE};

/// Bumped if the record's meaning changes; older readers refuse newer records.
const RECORD_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Record {
    pub version: u32,
    /// The envelope: where the SMTP transport sends it (header From / To).
    pub from: String,
    pub to: String,
    /// `Name <email>` or the email, for listings.
    pub to_display: String,
    /// The subject as text (the file has it encoded).
    pub subject: String,
    pub message_id: String,
    pub queued_at: DateTime<Utc>,
    pub attempts: u32,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The last failure, secret-free (see `transport::scrub`).
    pub last_error: Option<String>,
    /// Set once the transport accepted the message. The one source of truth
    /// for "sent".
    pub sent_at: Option<DateTime<Utc>>,
}

impl Record {
    pub fn new(
        from: String,
        to: String,
        to_display: String,
        subject: String,
        message_id: String,
        queued_at: DateTime<Utc>,
    ) -> Record {
        Record {
            version: RECORD_VERSION,
            from,
            to,
            to_display,
            subject,
            message_id,
            queued_at,
            attempts: 0,
            last_attempt_at: None,
            last_error: None,
            sent_at: None,
        }
    }
}

pub(super) fn path(root: &Path, name: &str) -> PathBuf {
    root.join(STATE).join(format!("{name}.json"))
}

/// Reads the record of `name`; `None` if there is none (a message put into the
/// Maildir by hand, or a record lost with its disk).
pub(super) fn read(root: &Path, name: &str) -> Result<Option<Record>, OutboxError> {
    let path = path(root, name);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OutboxError::io(&path, e)),
    };
    let record: Record = serde_json::from_str(&text)
        .map_err(|e| OutboxError::io(&path, std::io::Error::other(e.to_string())))?;
    if record.version > RECORD_VERSION {
        return Err(OutboxError::io(
            &path,
            std::io::Error::other("written by a newer certlink: upgrade certlink"),
        ));
    }
    Ok(Some(record))
}

/// Replaces the record of `name` atomically and durably.
pub(super) fn write(root: &Path, name: &str, record: &Record) -> Result<(), OutboxError> {
    let final_path = path(root, name);
    let json = serde_json::to_vec_pretty(record)
        .map_err(|e| OutboxError::io(&final_path, std::io::Error::other(e.to_string())))?;
    // A per-write temp name, so two writers never share a temp file.
    let tmp_path = root
        .join(STATE)
        .join(format!(".{name}.{}.tmp", maildir::random_hex()));
    maildir::write_durably(&tmp_path, &final_path, &json)
}
