//! Outgoing mail of the service (R13): sign-in details go to the outbox beside the
//! database, which a mail transport drains (`certlink outbox send`).

use chrono::{DateTime, Utc};

use crate::outbox::{Config, Mailbox, Message, Outbox};
use certlink_domain::Email;

use super::Service;
use super::invitations::Delivery;

impl Service {
    /// Queues the sign-in details of an invitation. The temporary password appears
    /// here and nowhere else but the admin's screen (invariant 5).
    pub(super) fn send_sign_in_details(
        &self,
        to: &Email,
        name: &str,
        org_name: &str,
        invited_by: &str,
        temporary_password: &str,
        at: DateTime<Utc>,
    ) -> Delivery {
        let Some(db) = self.store_path() else {
            return Delivery::NoOutbox;
        };
        let subject = format!("Your certlink sign-in for {org_name}");
        let body = format!(
            "Hello {name},\n\n{invited_by} invited you to {org_name} on certlink.\n\n\
             Sign in with:\n  email:              {to}\n  temporary password: {temporary_password}\n\n\
             You will be asked to choose your own password at your first sign-in.\n\
             If you did not expect this message, tell your Global Admin.\n"
        );
        // The From of the config file's [smtp] section, else the default.
        let from = Config::load()
            .map(|(c, _)| c.sender())
            .unwrap_or_else(|_| Config::default().sender());
        let recipient = match Mailbox::new(Some(name), to.as_str()) {
            Ok(m) => m,
            Err(e) => return Delivery::Failed(e.to_string()),
        };
        let message = Message::new(from, recipient, &subject, &body, at);
        match Outbox::for_database(db).enqueue(&message) {
            Ok(id) => {
                tracing::info!(message = %id, "invitation queued in the outbox");
                Delivery::Queued
            }
            // The whole error (with the outbox's file names) is the operator's
            // log; the admin who invited learns only what failed.
            Err(e) => {
                tracing::error!(error = %e, "the outbox refused an invitation");
                Delivery::Failed(match e {
                    crate::outbox::OutboxError::Io { source, .. } => {
                        format!("the outbox could not store it: {}", source.kind())
                    }
                    other => other.to_string(),
                })
            }
        }
    }
}
