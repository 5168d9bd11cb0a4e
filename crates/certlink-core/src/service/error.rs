//! What a service call can end with besides success, and the exit code each maps to.

use super::invalid::{
    AlreadyExists, BackupsProblem, Inconsistency, InvalidInput, KeyText, NotFound, Unavailable,
};
use crate::store::StoreError;
use certlink_domain::time::DateFormat;
use certlink_domain::{ParseIdError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Refused by a rule, a permission, or credentials (exit 1). Audited.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// Malformed input or a usage error (exit 2). Nothing changed.
    #[error(transparent)]
    Invalid(InvalidInput),
    /// The database could not be used (exit 3). Nothing changed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceError {
    /// What the person reads, in `dates.lang`: a refusal with its dates
    /// (`Refusal::message`), invalid input in plain words, a store error
    /// with its way out (`advice::words_in`). Display stays the English a
    /// log reads. A front end adds its own words where the cause is one of
    /// its options (the CLI's `--now`, src/cli/wording.rs).
    pub fn message(&self, dates: &DateFormat) -> String {
        match self {
            ServiceError::Refused(refusal) => refusal.message(dates),
            ServiceError::Invalid(invalid) => invalid.message(dates.lang),
            ServiceError::Store(e) => crate::advice::words_in(e, dates.lang),
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            ServiceError::Refused(_) => 1,
            // Principle 9: a thing a command names that is not there is "not
            // found" (exit 1) on every path, as the refusal of that name is.
            ServiceError::Invalid(InvalidInput::NotFound(_)) => 1,
            ServiceError::Invalid(_) => 2,
            ServiceError::Store(_) => 3,
        }
    }
}

impl From<Refusal> for ServiceError {
    fn from(r: Refusal) -> Self {
        ServiceError::Refused(r)
    }
}

impl From<InvalidInput> for ServiceError {
    fn from(e: InvalidInput) -> Self {
        ServiceError::Invalid(e)
    }
}

/// Each kind of invalid input converts straight into the service's error, so
/// `?` and `.into()` work on them as on the whole.
macro_rules! invalid_from {
    ($($kind:ident => $variant:ident),* $(,)?) => {$(
        impl From<$kind> for ServiceError {
            fn from(e: $kind) -> Self {
                ServiceError::Invalid(InvalidInput::$variant(e))
            }
        }
    )*};
}

invalid_from! {
    ParseIdError => Malformed,
    NotFound => NotFound,
    AlreadyExists => AlreadyExists,
    KeyText => KeyText,
    BackupsProblem => Backups,
    Unavailable => Unavailable,
    Inconsistency => Inconsistent,
}
