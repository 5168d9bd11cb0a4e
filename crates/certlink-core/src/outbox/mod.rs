//! The outbox (R13): sign-in details and other mail for people wait here until a
//! real mail transport drains them.
//!
//! For a database `X/certlink.redb` the outbox is the Maildir `X/certlink.outbox/`
//! (`tmp/`, `new/`, `cur/`): every message is an RFC 5322 file any mail client
//! opens, pending ones in `new/`, delivered ones in `cur/` as `NAME:2,S`. Beside
//! them, `state/NAME.json` records each message's envelope, attempts, last error
//! and delivery time (`record.rs` says why). `certlink outbox send` drains it over
//! SMTP when `[smtp]` is configured (`config.rs`, `smtp.rs`).
//!
//! The promise: a message is never lost. It is durable in `new/` before
//! `enqueue` returns; it is marked sent only after the server accepted it, so a
//! failure or a crash at any point leaves it pending, to be retried (at worst a
//! message is sent twice, never dropped). See docs/outbox.md.
//!
//! The service queues through [`OutboxMailer`], its `Mailer`; the dependency
//! goes one way (the outbox knows the service's mail trait, the service knows
//! no outbox).

mod config;
mod maildir;
mod mailer;
mod message;
mod record;
mod smtp;
mod transport;

#[cfg(test)]
mod tests;

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use config::{
    CONFIG_ENV, Config, DEFAULT_FROM, SmtpConfig, TlsMode, config_path, configured_sender,
};
pub use mailer::OutboxMailer;
pub use message::{Mailbox, Message};
pub use smtp::SmtpTransport;
pub use transport::{DeliveryError, Envelope, Transport};

use record::Record;

/// The id of a queued message: its Maildir unique name (the file name in `new/`
/// without the `:2,…` info), so `ls new/` and `certlink outbox list` agree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MessageId(pub String);

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Not yet accepted by a mail server; the next `send` tries it.
    Pending,
    /// Accepted by a mail server.
    Sent,
}

/// One message as `outbox list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueuedMessage {
    pub id: MessageId,
    /// `Name <email>` of the recipient.
    pub to: String,
    pub subject: String,
    pub queued_at: DateTime<Utc>,
    pub attempts: u32,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub state: State,
    /// The message file, to open with a mail client.
    pub path: PathBuf,
}

/// What one `send_pending` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SendReport {
    pub sent: Vec<MessageId>,
    /// Tried and refused or failed; they stay pending.
    pub failed: Vec<(MessageId, String)>,
    /// Not tried because the server was unreachable; they stay pending.
    pub not_attempted: Vec<MessageId>,
}

#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("outbox file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is not a valid email address")]
    InvalidAddress(String),
    #[error("cannot render the message: {0}")]
    Render(String),
    #[error("config file {path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("{0}")]
    Smtp(String),
    /// Another process is draining this outbox (the path of its lock).
    #[error("another process is draining this outbox ({0}); try again when it is done")]
    Busy(PathBuf),
}

impl OutboxError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> OutboxError {
        OutboxError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The Maildir outbox of one database.
#[derive(Debug, Clone)]
pub struct Outbox {
    root: PathBuf,
}

impl Outbox {
    /// `X/certlink.redb` → `X/certlink.outbox/`. Nothing is created until the
    /// first `enqueue`.
    pub fn for_database(db_path: &Path) -> Outbox {
        Outbox::at(db_path.with_extension("outbox"))
    }

    /// An outbox at an explicit Maildir path.
    pub fn at(root: PathBuf) -> Outbox {
        Outbox { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Queues a message durably: its delivery record first, then the message
    /// file through `tmp/` into `new/`. A crash in between leaves a record
    /// without a message, which nothing lists or sends; a crash before the
    /// rename leaves only a stray file in `tmp/`. Either way no message that
    /// `enqueue` reported queued can be lost.
    pub fn enqueue(&self, message: &Message) -> Result<MessageId, OutboxError> {
        let bytes = message.render()?;
        maildir::create_dirs(&self.root)?;
        let name = maildir::fresh_name(&self.root)?;
        let record = Record::new(
            message.from.email().to_string(),
            message.to.email().to_string(),
            message.to.to_string(),
            message.subject.clone(),
            message.message_id.clone(),
            message.date,
        );
        record::write(&self.root, &name, &record)?;
        maildir::deliver_new(&self.root, &name, &bytes)?;
        Ok(MessageId(name))
    }

    /// Every message, oldest first; an outbox never used is empty.
    pub fn list(&self) -> Result<Vec<QueuedMessage>, OutboxError> {
        maildir::scan(&self.root)?
            .into_iter()
            .map(|found| {
                let record = record::read(&self.root, &found.name)?;
                Ok(queued(found, record))
            })
            .collect()
    }

    /// The pending messages, oldest first.
    pub fn pending(&self) -> Result<Vec<QueuedMessage>, OutboxError> {
        Ok(self
            .list()?
            .into_iter()
            .filter(|m| m.state == State::Pending)
            .collect())
    }

    /// Hands every pending message to `transport`, oldest first. Accepted ones
    /// are marked sent (record first, then the move to `cur/`); failed ones stay
    /// pending with one more attempt and the error. If the server is unreachable,
    /// the rest are left untouched for the next run. Only one `send_pending` runs
    /// per outbox at a time (a lock file), so two drains never double-send.
    pub fn send_pending(&self, transport: &dyn Transport) -> Result<SendReport, OutboxError> {
        let mut report = SendReport::default();
        if !self.root.join(maildir::NEW).exists() && !self.root.join(maildir::CUR).exists() {
            return Ok(report);
        }
        maildir::create_dirs(&self.root)?;
        let _lock = self.lock()?;
        let mut unreachable = false;
        for found in maildir::scan(&self.root)? {
            let Some(mut record) = record::read(&self.root, &found.name)? else {
                if found.flagged_sent {
                    continue;
                }
                // No envelope to send it with: a file put into the Maildir by
                // hand. It stays where it is, listed as pending.
                report.failed.push((
                    MessageId(found.name.clone()),
                    format!(
                        "no delivery record {}: certlink cannot tell whom to send it to",
                        record::path(&self.root, &found.name).display()
                    ),
                ));
                continue;
            };
            if record.sent_at.is_some() {
                // Delivered; a crash may have come before the move to `cur/`.
                if !found.flagged_sent {
                    maildir::mark_sent(&self.root, &found)?;
                }
                continue;
            }
            let id = MessageId(found.name.clone());
            if unreachable {
                report.not_attempted.push(id);
                continue;
            }
            let bytes = std::fs::read(&found.path).map_err(|e| OutboxError::io(&found.path, e))?;
            let envelope = Envelope {
                from: record.from.clone(),
                to: vec![record.to.clone()],
            };
            let outcome = transport.deliver(&envelope, &bytes);
            let now = Utc::now();
            record.attempts = record.attempts.saturating_add(1);
            record.last_attempt_at = Some(now);
            match outcome {
                Ok(()) => {
                    // The record is the truth: once it says sent, the message
                    // is never sent again. A crash before this write means one
                    // more delivery next time, never a lost message.
                    record.sent_at = Some(now);
                    record.last_error = None;
                    record::write(&self.root, &found.name, &record)?;
                    maildir::mark_sent(&self.root, &found)?;
                    report.sent.push(id);
                }
                Err(error) => {
                    record.last_error = Some(error.message.clone());
                    record::write(&self.root, &found.name, &record)?;
                    unreachable = error.unreachable;
                    report.failed.push((id, error.message));
                }
            }
        }
        Ok(report)
    }

    /// An exclusive, non-blocking lock on `state/send.lock`, released when the
    /// returned file is dropped (also when the process dies).
    fn lock(&self) -> Result<File, OutboxError> {
        let path = self.root.join(maildir::STATE).join("send.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| OutboxError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => Err(OutboxError::Busy(path)),
            Err(std::fs::TryLockError::Error(e)) => Err(OutboxError::io(&path, e)),
        }
    }
}

fn queued(found: maildir::Found, record: Option<Record>) -> QueuedMessage {
    let id = MessageId(found.name);
    match record {
        Some(r) => QueuedMessage {
            id,
            to: r.to_display,
            subject: r.subject,
            queued_at: r.queued_at,
            attempts: r.attempts,
            last_attempt_at: r.last_attempt_at,
            last_error: r.last_error,
            state: if r.sent_at.is_some() {
                State::Sent
            } else {
                State::Pending
            },
            sent_at: r.sent_at,
            path: found.path,
        },
        // A message without a record: shown as it is, pending unless marked
        // sent by name; its queue time is the file's.
        None => {
            let queued_at = std::fs::metadata(&found.path)
                .and_then(|m| m.modified())
                .map(DateTime::<Utc>::from)
                .unwrap_or_else(|_| Utc::now());
            QueuedMessage {
                id,
                to: "?".into(),
                subject: "?".into(),
                queued_at,
                attempts: 0,
                last_attempt_at: None,
                last_error: Some("no delivery record".into()),
                state: if found.flagged_sent {
                    State::Sent
                } else {
                    State::Pending
                },
                sent_at: None,
                path: found.path,
            }
        }
    }
}
