//! One outgoing message (R13: the sign-in details of an invited person) and its
//! rendering as an RFC 5322 file.
//!
//! lettre's builder renders it, so the bytes in the Maildir are exactly the bytes
//! the SMTP transport sends: CRLF line endings, `MIME-Version: 1.0`,
//! `Content-Type: text/plain; charset=utf-8`, a transfer encoding lettre picks for
//! the body (7bit, quoted-printable or base64: safe for any text), and
//! RFC 2047 encoded words for non-ASCII display names and subjects.

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use lettre::message::{Mailbox as LettreMailbox, SinglePart};

use super::OutboxError;
use super::maildir::random_hex;

/// An email address with an optional display name, checked when made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    name: Option<String>,
    email: String,
}

impl Mailbox {
    /// Checks the address (RFC 5321 syntax, as lettre parses it). The display name
    /// may be any text; it is encoded when rendered.
    pub fn new(name: Option<&str>, email: &str) -> Result<Mailbox, OutboxError> {
        let email = email.trim();
        email
            .parse::<lettre::Address>()
            .map_err(|_| OutboxError::InvalidAddress(email.to_string()))?;
        let name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        Ok(Mailbox {
            name,
            email: email.to_string(),
        })
    }

    /// For addresses known valid at compile time (the default sender).
    pub(super) fn trusted(name: Option<&str>, email: &str) -> Mailbox {
        Mailbox {
            name: name.map(str::to_string),
            email: email.to_string(),
        }
    }

    pub fn email(&self) -> &str {
        &self.email
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The domain part, for the Message-ID.
    fn domain(&self) -> &str {
        self.email.rsplit_once('@').map_or("localhost", |(_, d)| d)
    }

    pub(super) fn to_lettre(&self) -> Result<LettreMailbox, OutboxError> {
        let address = self
            .email
            .parse::<lettre::Address>()
            .map_err(|_| OutboxError::InvalidAddress(self.email.clone()))?;
        Ok(LettreMailbox::new(self.name.clone(), address))
    }
}

impl std::fmt::Display for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} <{}>", self.email),
            None => f.write_str(&self.email),
        }
    }
}

/// A plain-text message to one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub from: Mailbox,
    pub to: Mailbox,
    pub subject: String,
    /// Plain text; `\n` line endings are fine (rendered as CRLF).
    pub body: String,
    /// `<unique@domain-of-from>`, made by [`Message::new`].
    pub message_id: String,
    /// The `Date` header. Callers pass the service's clock, so a sandbox on a
    /// shifted clock (`--now`) dates its mail consistently.
    pub date: DateTime<Utc>,
}

impl Message {
    /// A message with a fresh Message-ID.
    pub fn new(
        from: Mailbox,
        to: Mailbox,
        subject: &str,
        body: &str,
        date: DateTime<Utc>,
    ) -> Message {
        let message_id = format!(
            "<{}.{}@{}>",
            date.format("%Y%m%d%H%M%S"),
            random_hex(),
            from.domain()
        );
        Message {
            from,
            to,
            subject: subject.to_string(),
            body: body.to_string(),
            message_id,
            date,
        }
    }

    /// The RFC 5322 bytes, as lettre would send them.
    pub fn render(&self) -> Result<Vec<u8>, OutboxError> {
        let date = SystemTime::from(self.date);
        let built = lettre::Message::builder()
            .from(self.from.to_lettre()?)
            .to(self.to.to_lettre()?)
            .subject(self.subject.clone())
            .date(date)
            .message_id(Some(self.message_id.clone()))
            .singlepart(SinglePart::plain(self.body.clone()))
            .map_err(|e| OutboxError::Render(e.to_string()))?;
        Ok(built.formatted())
    }
}
