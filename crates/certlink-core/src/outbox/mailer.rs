//! The outbox as the service's [`Mailer`]: the service writes a message, this
//! turns it into an RFC 5322 file in the outbox, from the sender the front end
//! read from the mail config (`[smtp] from`, else `certlink@localhost`).

use crate::service::{Mail, Mailer, NotQueued};

use super::{Mailbox, Message, Outbox, OutboxError};

/// Queues the service's mail in one outbox, from one sender.
#[derive(Debug, Clone)]
pub struct OutboxMailer {
    outbox: Outbox,
    sender: Mailbox,
}

impl OutboxMailer {
    pub fn new(outbox: Outbox, sender: Mailbox) -> OutboxMailer {
        OutboxMailer { outbox, sender }
    }
}

impl Mailer for OutboxMailer {
    fn queue(&self, mail: &Mail<'_>) -> Result<String, NotQueued> {
        let recipient = Mailbox::new(Some(mail.name), mail.to.as_str()).map_err(not_queued)?;
        let message = Message::new(
            self.sender.clone(),
            recipient,
            mail.subject,
            mail.body,
            mail.at,
        );
        self.outbox
            .enqueue(&message)
            .map(|id| id.0)
            .map_err(not_queued)
    }
}

/// What the person who acted learns is what failed; the file names stay in
/// the detail, for the operator's log.
fn not_queued(e: OutboxError) -> NotQueued {
    let said = match &e {
        OutboxError::Io { source, .. } => {
            format!("the outbox could not store it: {}", source.kind())
        }
        other => other.to_string(),
    };
    let io_kind = match &e {
        OutboxError::Io { source, .. } => Some(source.kind()),
        _ => None,
    };
    NotQueued {
        said,
        io_kind,
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use certlink_i18n::Lang;

    /// The admin who acted reads what failed in their language; the English
    /// is as it always was, and no file name is said in either.
    #[test]
    fn what_failed_is_said_in_the_admins_language() {
        let e = OutboxError::io(
            std::path::Path::new("/srv/outbox/tmp/1.eml"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        let not = not_queued(e);
        let kind = std::io::ErrorKind::PermissionDenied.to_string();
        assert_eq!(
            not.said_in(Lang::En),
            format!("the outbox could not store it: {kind}")
        );
        assert_eq!(not.said_in(Lang::En), not.said);
        let zh = not.said_in(Lang::ZhCn);
        assert_eq!(zh, Lang::ZhCn.core_outbox_not_stored(kind.as_str()));
        assert_ne!(zh, not.said);
        assert!(!zh.contains("/srv/"), "{zh}");
        assert!(not.detail.contains("/srv/outbox"), "{}", not.detail);
    }
}
