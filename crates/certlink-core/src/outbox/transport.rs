//! What drains the outbox (R13: "a real mail transport"). The outbox hands a
//! transport the envelope and the exact bytes of the file; the SMTP transport
//! (`smtp.rs`) is the real one, tests use their own.

/// The SMTP envelope of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// MAIL FROM (a transport may replace it with its configured sender).
    pub from: String,
    /// RCPT TO.
    pub to: Vec<String>,
}

/// Why one delivery failed. The text never holds a secret (see [`scrub`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryError {
    pub message: String,
    /// The server could not be reached at all (connection, TLS, timeout): the
    /// other pending messages would fail the same way, so the run stops there
    /// instead of waiting out one timeout per message.
    pub unreachable: bool,
}

impl std::fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A mail transport. `deliver` returns once the server accepted the message
/// (SMTP: the 250 after DATA), and only then does the outbox mark it sent.
pub trait Transport {
    fn deliver(&self, envelope: &Envelope, message: &[u8]) -> Result<(), DeliveryError>;

    /// Where messages go, for reports, e.g. `smtp://mail.example.com:587 (starttls)`.
    /// Never includes credentials.
    fn describe(&self) -> String;
}

/// Replaces every occurrence of `secret` in `text` (a server may echo what it
/// got; an error must never carry a password, invariant 5).
pub fn scrub(text: &str, secret: Option<&str>) -> String {
    match secret {
        Some(s) if !s.is_empty() => text.replace(s, "***"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_hides_the_secret() {
        assert_eq!(scrub("535 bad hunter2", Some("hunter2")), "535 bad ***");
        assert_eq!(scrub("535 bad", None), "535 bad");
        assert_eq!(scrub("535 bad", Some("")), "535 bad");
    }
}
