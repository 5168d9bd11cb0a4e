//! Outgoing mail of the service (R13): sign-in details go to the [`Mailer`] the
//! service was opened with (the outbox beside the database, which a mail
//! transport drains); the service writes the message, the mailer stores it.

use chrono::{DateTime, Utc};

use certlink_domain::Email;

use super::Service;
use super::invitations::Delivery;

/// Where the service's mail goes. The outbox (crates/certlink-core/src/outbox)
/// is the real one; the front end that opens the service gives it.
pub trait Mailer: Send + Sync {
    /// Queues one message durably; returns its id.
    fn queue(&self, mail: &Mail<'_>) -> Result<String, NotQueued>;
}

/// One plain-text message to a person.
#[derive(Debug, Clone, Copy)]
pub struct Mail<'a> {
    pub to: &'a Email,
    /// The recipient's display name (may be empty).
    pub name: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub at: DateTime<Utc>,
}

/// Why a message was not queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotQueued {
    /// What the person who acted learns: what failed, without file names.
    pub said: String,
    /// The whole error, for the operator's log.
    pub detail: String,
}

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
        let Some(mailer) = &self.mail else {
            return Delivery::NoOutbox;
        };
        let subject = format!("Your certlink sign-in for {org_name}");
        let body = format!(
            "Hello {name},\n\n{invited_by} invited you to {org_name} on certlink.\n\n\
             Sign in with:\n  email:              {to}\n  temporary password: {temporary_password}\n\n\
             You will be asked to choose your own password at your first sign-in.\n\
             If you did not expect this message, tell your Global Admin.\n"
        );
        let mail = Mail {
            to,
            name,
            subject: &subject,
            body: &body,
            at,
        };
        match mailer.queue(&mail) {
            Ok(id) => {
                tracing::info!(message = %id, "invitation queued in the outbox");
                Delivery::Queued
            }
            // The whole error (with the outbox's file names) is the operator's
            // log; the admin who invited learns only what failed.
            Err(e) => {
                tracing::error!(error = %e.detail, "the outbox refused an invitation");
                Delivery::Failed(e.said)
            }
        }
    }
}
