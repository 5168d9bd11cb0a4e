//! Outgoing mail of the service (R13): sign-in details go to the [`Mailer`] the
//! service was opened with (the outbox beside the database, which a mail
//! transport drains); the service writes the message, the mailer stores it.

use chrono::{DateTime, Utc};

use certlink_domain::Email;
use certlink_i18n::Lang;
use certlink_i18n::width::{pad, width};

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
    /// What the person who acted learns: what failed, without file names
    /// (in English; [`NotQueued::said_in`]).
    pub said: String,
    /// The kind of I/O error that kept the outbox from storing it, if that
    /// was the cause (what [`NotQueued::said_in`] words).
    pub io_kind: Option<std::io::ErrorKind>,
    /// The whole error, for the operator's log.
    pub detail: String,
}

impl NotQueued {
    /// [`NotQueued::said`] in `lang` (an I/O error's kind in the system's
    /// own words).
    pub fn said_in(&self, lang: Lang) -> String {
        match self.io_kind {
            Some(kind) => lang.core_outbox_not_stored(kind.to_string()),
            None => self.said.clone(),
        }
    }
}

/// The sign-in details of an invitation (R13) as they are mailed, in `lang`:
/// `(subject, body)`. The two labels of the details line up by display
/// width, so the email and the password start in one column in both
/// languages.
pub fn sign_in_details(
    lang: Lang,
    to: &Email,
    name: &str,
    org_name: &str,
    invited_by: &str,
    temporary_password: &str,
) -> (String, String) {
    let subject = lang.mail_invitation_subject(org_name);
    let (email, password) = (
        lang.mail_invitation_email(),
        lang.mail_invitation_password(),
    );
    let cols = width(email).max(width(password));
    // A full-width colon carries its own space.
    let gap = if email.ends_with('：') { "" } else { " " };
    let body = format!(
        "{}\n\n{}\n\n{}\n  {}{gap}{to}\n  {}{gap}{temporary_password}\n\n{}\n{}\n",
        lang.mail_invitation_greeting(name),
        lang.mail_invitation_invited(invited_by, org_name),
        lang.mail_invitation_sign_in_with(),
        pad(email, cols),
        pad(password, cols),
        lang.mail_invitation_first_sign_in(),
        lang.mail_invitation_unexpected(),
    );
    (subject, body)
}

impl Service {
    /// Queues the sign-in details of an invitation, in `lang`. The temporary
    /// password appears here and nowhere else but the admin's screen
    /// (invariant 5). A failure is said in `said_in`, the language of the
    /// admin who acted.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn send_sign_in_details(
        &self,
        lang: Lang,
        said_in: Lang,
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
        let (subject, body) =
            sign_in_details(lang, to, name, org_name, invited_by, temporary_password);
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
                Delivery::Failed(e.said_in(said_in))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English mail, byte for byte as it has always been sent.
    #[test]
    fn the_english_sign_in_details_read_as_before() {
        let to: Email = "ada@contoso.com".parse().unwrap();
        let (subject, body) =
            sign_in_details(Lang::En, &to, "Ada", "Contoso", "Grace Admin", "Tmp-42");
        assert_eq!(subject, "Your certlink sign-in for Contoso");
        assert_eq!(
            body,
            "Hello Ada,\n\nGrace Admin invited you to Contoso on certlink.\n\n\
             Sign in with:\n  email:              ada@contoso.com\n  temporary password: Tmp-42\n\n\
             You will be asked to choose your own password at your first sign-in.\n\
             If you did not expect this message, tell your Global Admin.\n"
        );
    }

    #[test]
    fn the_chinese_sign_in_details_are_chinese_and_aligned() {
        let to: Email = "wang@contoso.com".parse().unwrap();
        let (subject, body) =
            sign_in_details(Lang::ZhCn, &to, "王小明", "康托索", "李华", "Tmp-42");
        assert_eq!(subject, "certlink 登录详细信息（康托索）");
        assert!(body.starts_with("王小明，你好：\n\n李华 邀请你加入 certlink 上的 康托索。"));
        let at = |needle: &str| {
            let line = body.lines().find(|l| l.contains(needle)).unwrap();
            width(&line[..line.find(needle).unwrap()])
        };
        assert_eq!(at("wang@contoso.com"), at("Tmp-42"), "{body}");
        assert!(body.contains(Lang::ZhCn.mail_invitation_unexpected()));
    }
}
