//! The real mail transport (R13): SMTP through lettre, as `[smtp]` configures it.

use std::time::Duration;

use lettre::Transport as _;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};

use super::OutboxError;
use super::config::{SmtpConfig, TlsMode};
use super::transport::{DeliveryError, Envelope, Transport, scrub};

/// How long one SMTP conversation step may take unless `timeout_secs` says.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

pub struct SmtpTransport {
    inner: lettre::SmtpTransport,
    /// MAIL FROM for every message: the address the relay lets us send as.
    envelope_from: lettre::Address,
    /// Kept only to scrub it out of server replies, never shown.
    password: Option<String>,
    description: String,
}

impl SmtpTransport {
    /// Builds the transport. The password is read now from the variable that
    /// `password_env` names; an unset variable is an error that names the
    /// variable, never a value.
    pub fn from_config(config: &SmtpConfig) -> Result<SmtpTransport, OutboxError> {
        let host = config.host.trim();
        let port = config.port();
        let tls_parameters =
            || TlsParameters::new(host.to_string()).map_err(|e| OutboxError::Smtp(e.to_string()));
        let tls = match config.tls {
            TlsMode::None => Tls::None,
            TlsMode::Starttls => Tls::Required(tls_parameters()?),
            TlsMode::Tls => Tls::Wrapper(tls_parameters()?),
        };
        let timeout = config
            .timeout_secs
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_TIMEOUT);
        let mut builder = lettre::SmtpTransport::builder_dangerous(host)
            .port(port)
            .tls(tls)
            .timeout(Some(timeout));
        let mut password = None;
        if let (Some(username), Some(var)) = (&config.username, &config.password_env) {
            let secret = std::env::var(var).map_err(|_| {
                OutboxError::Smtp(format!(
                    "the SMTP password is read from the environment variable {var}, which is not set"
                ))
            })?;
            builder = builder.credentials(Credentials::new(username.clone(), secret.clone()));
            password = Some(secret);
        }
        let envelope_from = config
            .from
            .parse::<lettre::Address>()
            .map_err(|_| OutboxError::InvalidAddress(config.from.clone()))?;
        Ok(SmtpTransport {
            inner: builder.build(),
            envelope_from,
            password,
            description: format!("smtp://{host}:{port} (tls: {})", config.tls.label()),
        })
    }
}

impl Transport for SmtpTransport {
    fn deliver(&self, envelope: &Envelope, message: &[u8]) -> Result<(), DeliveryError> {
        let invalid = |what: &str| DeliveryError {
            message: format!("invalid recipient address {what}"),
            unreachable: false,
        };
        let to = envelope
            .to
            .iter()
            .map(|a| a.parse::<lettre::Address>().map_err(|_| invalid(a)))
            .collect::<Result<Vec<_>, _>>()?;
        let lettre_envelope = lettre::address::Envelope::new(Some(self.envelope_from.clone()), to)
            .map_err(|e| DeliveryError {
                message: e.to_string(),
                unreachable: false,
            })?;
        self.inner
            .send_raw(&lettre_envelope, message)
            .map(|_| ())
            .map_err(|e| {
                // An SMTP reply (4xx/5xx) or a client-side problem concerns this
                // message; anything else (connect, TLS, network, timeout) the server.
                let about_this_message = e.is_transient() || e.is_permanent() || e.is_client();
                DeliveryError {
                    message: scrub(&error_chain(&e), self.password.as_deref()),
                    unreachable: !about_this_message,
                }
            })
    }

    fn describe(&self) -> String {
        self.description.clone()
    }
}

/// lettre's error with its sources ("Connection error: Connection refused").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    // Bounded: error chains are short, but never trust a loop to end by itself.
    for _ in 0..8 {
        let Some(inner) = source else { break };
        let part = inner.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = inner.source();
    }
    text
}
