//! The profile's service calls (R2, R4, R7), as jobs: the password checks
//! take an argon2id hash, and each is a durable write. Their answers come back
//! to the tab as [`Answer`].

use crate::jobs::Job;
use certlink_core::service::{LinkOutcome, Session};

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
pub fn link(session: Session, email: String, password: String) -> Job {
    Job::new(
        "Link",
        "Checking the profile's credentials…",
        move |service| {
            service
                .link(&session, email.trim(), &password)
                .map(Answer::Linked)
        },
    )
}

/// R2: associates the Partner University account whose sign-in this is.
pub fn grant_pu(session: Session, username: String, password: String) -> Job {
    Job::new(
        "GrantPu",
        "Checking the Partner University credentials…",
        move |service| {
            service
                .grant_pu(&session, username.trim(), &password)
                .map(|()| Answer::PuGranted)
        },
    )
}

/// R7: ends the person's own link.
pub fn unlink(session: Session) -> Job {
    Job::new("Unlink", "Removing access…", move |service| {
        service.unlink(&session).map(|()| Answer::Unlinked)
    })
}

/// R2: ends the person's Partner University access.
pub fn remove_pu(session: Session) -> Job {
    Job::new(
        "RemovePu",
        "Removing Partner University access…",
        move |service| service.remove_pu(&session).map(|()| Answer::PuRemoved),
    )
}
