//! The mail settings: `~/.config/certlink/config.toml` (the platform config
//! directory), or the file named by `CERTLINK_CONFIG`.
//!
//! ```toml
//! [smtp]
//! host = "smtp.example.com"
//! port = 587                            # default: 25 none, 587 starttls, 465 tls
//! tls = "starttls"                      # "none" | "starttls" | "tls" (default starttls)
//! from = "certlink@example.com"         # MAIL FROM, and the From of new messages
//! username = "certlink"                 # optional
//! password_env = "CERTLINK_SMTP_PASSWORD"  # the variable that holds the password
//! timeout_secs = 30                     # optional
//! ```
//!
//! The password itself is never in the file: only the name of the environment
//! variable that holds it (invariant 5: secrets appear in no file, log or error).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::OutboxError;
use super::message::Mailbox;

/// The environment variable that names another config file (tests, several setups).
pub const CONFIG_ENV: &str = "CERTLINK_CONFIG";

/// The From of messages when no `[smtp] from` is configured.
pub const DEFAULT_FROM: &str = "certlink@localhost";

/// The whole config file. Other sections may exist; this module reads `[smtp]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Config {
    pub smtp: Option<SmtpConfig>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain SMTP: for a relay on this machine (or a test server).
    None,
    /// Plain connection upgraded with STARTTLS, which is required.
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

impl TlsMode {
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::None => 25,
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TlsMode::None => "none",
            TlsMode::Starttls => "starttls",
            TlsMode::Tls => "tls",
        }
    }
}

/// `[smtp]`. Unknown keys are refused, so a typo (or a `password = ...` line)
/// is an error rather than silently ignored.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: Option<u16>,
    #[serde(default)]
    pub tls: TlsMode,
    pub from: String,
    pub username: Option<String>,
    /// The name of the environment variable holding the password.
    pub password_env: Option<String>,
    pub timeout_secs: Option<u64>,
}

impl SmtpConfig {
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(self.tls.default_port())
    }
}

/// Where the config file is: `CERTLINK_CONFIG`, else the platform config dir.
pub fn config_path() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_ENV) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => directories::ProjectDirs::from("", "", "certlink")
            .map(|d| d.config_dir().join("config.toml")),
    }
}

/// The From of new messages as the config file sets it (`[smtp] from`, else
/// the default). A config file that cannot be read does not stop mail: it is
/// queued from the default sender, and `certlink outbox send` reports the file.
pub fn configured_sender() -> Mailbox {
    Config::load()
        .map(|(config, _)| config.sender())
        .unwrap_or_else(|_| Config::default().sender())
}

impl Config {
    /// Loads the config file. A missing default file is an empty config; a
    /// missing file named by `CERTLINK_CONFIG` is an error (surely a mistake).
    pub fn load() -> Result<(Config, Option<PathBuf>), OutboxError> {
        let explicit = std::env::var_os(CONFIG_ENV).is_some_and(|p| !p.is_empty());
        let Some(path) = config_path() else {
            return Ok((Config::default(), None));
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok((Config::parse(&text, &path)?, Some(path))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                Ok((Config::default(), Some(path)))
            }
            Err(e) => Err(OutboxError::Config {
                path,
                message: e.to_string(),
            }),
        }
    }

    /// Parses config text. The error names the line but never quotes it: the
    /// line could hold a secret someone pasted in by mistake.
    pub fn parse(text: &str, path: &Path) -> Result<Config, OutboxError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| {
                text.as_bytes()[..span.start.min(text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1
            });
            let hint = if e.message().contains("unknown field `password`") {
                "; the password never goes in the file: name the environment variable that holds it with password_env"
            } else {
                ""
            };
            OutboxError::Config {
                path: path.to_path_buf(),
                message: match line {
                    Some(line) => format!("line {line}: {}{hint}", e.message()),
                    None => format!("{}{hint}", e.message()),
                },
            }
        })?;
        if let Some(smtp) = &config.smtp {
            smtp.check(path)?;
        }
        Ok(config)
    }

    /// The From of new messages: `[smtp] from`, else `certlink@localhost`.
    pub fn sender(&self) -> Mailbox {
        let configured = self
            .smtp
            .as_ref()
            .and_then(|s| Mailbox::new(Some("certlink"), &s.from).ok());
        match configured {
            Some(mailbox) => mailbox,
            None => Mailbox::trusted(Some("certlink"), DEFAULT_FROM),
        }
    }
}

impl SmtpConfig {
    fn check(&self, path: &Path) -> Result<(), OutboxError> {
        let bad = |message: String| OutboxError::Config {
            path: path.to_path_buf(),
            message,
        };
        if self.host.trim().is_empty() {
            return Err(bad("[smtp] host is empty".into()));
        }
        if self.from.parse::<lettre::Address>().is_err() {
            return Err(bad(format!(
                "[smtp] from = \"{}\" is not an email address",
                self.from
            )));
        }
        match (&self.username, &self.password_env) {
            (Some(_), None) => {
                return Err(bad(
                    "[smtp] username needs password_env: the name of the environment variable that holds the password".into(),
                ));
            }
            (None, Some(_)) => {
                return Err(bad("[smtp] password_env needs a username".into()));
            }
            _ => {}
        }
        if self.username.is_some() && self.tls == TlsMode::None && !is_loopback(&self.host) {
            return Err(bad(
                "[smtp] refusing to send the SMTP password unencrypted to another machine: set tls = \"starttls\" or \"tls\"".into(),
            ));
        }
        Ok(())
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, OutboxError> {
        Config::parse(text, Path::new("config.toml"))
    }

    #[test]
    fn no_smtp_section_is_fine_and_other_sections_are_left_alone() {
        let config = parse("[tui]\ntheme = \"dark\"\n").unwrap();
        assert!(config.smtp.is_none());
        assert_eq!(config.sender().email(), DEFAULT_FROM);
    }

    #[test]
    fn defaults_follow_the_tls_mode() {
        let config =
            parse("[smtp]\nhost = \"mail.example.com\"\nfrom = \"c@example.com\"\n").unwrap();
        let smtp = config.smtp.unwrap();
        assert_eq!(smtp.tls, TlsMode::Starttls);
        assert_eq!(smtp.port(), 587);
    }

    #[test]
    fn a_password_in_the_file_is_refused_without_quoting_it() {
        let err = parse("[smtp]\nhost = \"h\"\nfrom = \"c@example.com\"\npassword = \"hunter2\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 4"), "{err}");
        assert!(err.contains("password"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
    }

    #[test]
    fn credentials_need_tls_off_this_machine() {
        let text = "[smtp]\nhost = \"mail.example.com\"\ntls = \"none\"\nfrom = \"c@example.com\"\nusername = \"u\"\npassword_env = \"P\"\n";
        assert!(parse(text).is_err());
        let local = text.replace("mail.example.com", "127.0.0.1");
        assert!(parse(&local).is_ok());
    }

    #[test]
    fn username_and_password_env_come_together() {
        let text = "[smtp]\nhost = \"h\"\nfrom = \"c@example.com\"\nusername = \"u\"\n";
        assert!(
            parse(text)
                .unwrap_err()
                .to_string()
                .contains("password_env")
        );
    }
}
