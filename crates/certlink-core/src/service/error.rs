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

#[cfg(test)]
mod tests {
    use super::*;
    use certlink_domain::Needs;
    use certlink_i18n::Lang;
    use chrono::TimeZone;

    /// The person reads the error in their language; the code, the rule
    /// and the exit code are the same in both.
    #[test]
    fn a_service_error_reads_in_the_readers_language() {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
            .unwrap();
        let en = DateFormat::new(chrono_tz::UTC, now);
        let zh = en.in_lang(Lang::ZhCn);
        let refused = ServiceError::Refused(Refusal::not_permitted(Needs::Invite));
        assert_eq!(
            refused.message(&en),
            "Not permitted: only a Global Admin invites people into the organization (R13)."
        );
        assert_eq!(
            refused.message(&zh),
            "不允许：只有全局管理员才能邀请人员加入组织（R13）。"
        );
        let invalid = ServiceError::Invalid(InvalidInput::EmptyQuery);
        assert_eq!(invalid.message(&en), invalid.to_string());
        assert_eq!(invalid.message(&zh), Lang::ZhCn.core_empty_query());
        assert_eq!(invalid.exit_code(), 2);
        let store = ServiceError::Store(StoreError::Corrupt("bad page".into()));
        assert_eq!(
            store.message(&en),
            crate::advice::words(&StoreError::Corrupt("bad page".into()))
        );
        assert_ne!(store.message(&zh), store.message(&en));
    }
}
