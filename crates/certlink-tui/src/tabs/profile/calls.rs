//! The profile's service calls (R2, R4, R7), as jobs: the password checks
//! take an argon2id hash, and each is a durable write. Their answers come back
//! to the tab as [`Answer`]. A refusal comes back in the reader's language
//! (its dates' words too).

use crate::jobs::{Failure, InWords, Job};
use certlink_core::service::{LinkOutcome, Service, ServiceError, Session};
use certlink_i18n::Lang;

/// A service error in words for a reader of `lang`: a refusal formats its
/// dates for them; anything else is put into words as every job's is.
fn in_words(service: &Service, error: ServiceError, lang: Lang) -> Failure {
    error.in_words(service, lang)
}

/// What the profile's jobs answer.
pub enum Answer {
    /// R4 (and R6: a move or a take-over).
    Linked(LinkOutcome),
    /// R2.
    PuGranted,
    /// R7.
    Unlinked,
    /// R2.
    PuRemoved,
    /// Issue 16: the language saved on the profile (`None`: cleared).
    Language(Option<certlink_i18n::Lang>),
}

/// R4, R8: links the certification profile whose sign-in this is.
pub fn link(session: Session, email: String, password: String, lang: Lang) -> Job {
    Job::new(
        "Link",
        lang.tui_profile_checking_profile(),
        move |service| {
            service
                .link(&session, email.trim(), &password)
                .map(Answer::Linked)
                .map_err(|e| in_words(service, e, lang))
        },
    )
}

/// R2: associates the Partner University account whose sign-in this is.
pub fn grant_pu(session: Session, username: String, password: String, lang: Lang) -> Job {
    Job::new("GrantPu", lang.tui_profile_checking_pu(), move |service| {
        service
            .grant_pu(&session, username.trim(), &password)
            .map(|()| Answer::PuGranted)
            .map_err(|e| in_words(service, e, lang))
    })
}

/// R7: ends the person's own link.
pub fn unlink(session: Session, lang: Lang) -> Job {
    Job::new(
        "Unlink",
        lang.tui_profile_removing_access(),
        move |service| {
            service
                .unlink(&session)
                .map(|()| Answer::Unlinked)
                .map_err(|e| in_words(service, e, lang))
        },
    )
}

/// R2: ends the person's Partner University access.
pub fn remove_pu(session: Session, lang: Lang) -> Job {
    Job::new("RemovePu", lang.tui_profile_removing_pu(), move |service| {
        service
            .remove_pu(&session)
            .map(|()| Answer::PuRemoved)
            .map_err(|e| in_words(service, e, lang))
    })
}
