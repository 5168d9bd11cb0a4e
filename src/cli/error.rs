//! What a command ends with besides success: the service's answer, or the
//! command line's own complaint (usage, a local file it cannot read).

use certlink_core::StoreError;
use certlink_core::outbox::OutboxError;
use certlink_core::service::{InvalidInput, ServiceError};
use certlink_domain::ParseIdError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The command line's own words: a usage error, or a file or terminal this
    /// process cannot use (exit 2, like the service's invalid input).
    #[error("{0}")]
    Invalid(String),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Service(e) => e.exit_code(),
            CliError::Invalid(_) => 2,
        }
    }
}

impl From<InvalidInput> for CliError {
    fn from(e: InvalidInput) -> Self {
        CliError::Service(e.into())
    }
}

impl From<ParseIdError> for CliError {
    fn from(e: ParseIdError) -> Self {
        CliError::Service(e.into())
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Service(e.into())
    }
}

/// The outbox's files that cannot be used are like a database that cannot be
/// used (exit 3); bad addresses and settings are bad input (exit 2).
impl From<OutboxError> for CliError {
    fn from(e: OutboxError) -> Self {
        CliError::outbox(e, certlink_i18n::Lang::En)
    }
}

impl CliError {
    /// An outbox error, the CLI's words in `lang` (see the `From`).
    pub fn outbox(e: OutboxError, lang: certlink_i18n::Lang) -> Self {
        match e {
            OutboxError::Io { .. } | OutboxError::Busy(_) => {
                StoreError::Io(std::io::Error::other(super::wording::outbox_in(&e, lang))).into()
            }
            _ => CliError::Invalid(super::wording::outbox_in(&e, lang)),
        }
    }
}
