//! What a service call can end with besides success, and the exit code each maps to.

use crate::store::StoreError;
use certlink_domain::{ParseIdError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Refused by a rule, a permission, or credentials (exit 1). Audited.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// Malformed input or a usage error (exit 2). Nothing changed.
    #[error("{0}")]
    Invalid(String),
    /// The database could not be used (exit 3). Nothing changed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ServiceError {
    pub fn exit_code(&self) -> u8 {
        match self {
            ServiceError::Refused(_) => 1,
            ServiceError::Invalid(_) => 2,
            ServiceError::Store(_) => 3,
        }
    }
}

impl From<ParseIdError> for ServiceError {
    fn from(e: ParseIdError) -> Self {
        ServiceError::Invalid(e.0)
    }
}

impl From<Refusal> for ServiceError {
    fn from(r: Refusal) -> Self {
        ServiceError::Refused(r)
    }
}
