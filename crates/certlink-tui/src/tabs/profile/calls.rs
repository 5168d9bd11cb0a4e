//! The profile's service calls (R2, R4, R7), as jobs: the password checks
//! take an argon2id hash, and each is a durable write. Their answers come back
//! to the tab as [`Answer`]. A refusal comes back in the reader's language
//! (its dates' words too).

use crate::jobs::{Failure, InWords, Job};
use certlink_core::service::{LinkOutcome, LinkStep, MovePreview, Service, ServiceError, Session};
use certlink_i18n::Lang;

/// A service error in words for a reader of `lang`: a refusal formats its
/// dates for them; anything else is put into words as every job's is.
fn in_words(service: &Service, error: ServiceError, lang: Lang) -> Failure {
    error.in_words(service, lang)
}

/// A move that stopped to ask (R6): what it would do, and the sign-in it
/// was asked with, to move with once the person confirms.
pub struct MoveAsked {
    pub preview: MovePreview,
    pub email: String,
    pub password: String,
}

/// What the profile's jobs answer.
pub enum Answer {
    /// R4 (and R6: a move or a take-over).
    Linked(LinkOutcome),
    /// R6: the link would move the MCID from another organization.
    ConfirmMove(Box<MoveAsked>),
    /// R2.
    PuGranted,
    /// R7.
    Unlinked,
    /// R2.
    PuRemoved,
    /// Issue 16: the language saved on the profile (`None`: cleared).
    Language(Option<certlink_i18n::Lang>),
}

/// R4, R8: links the certification profile whose sign-in this is; a move
/// (R6) stops to ask, answering what it would do with the sign-in to move
/// with once confirmed.
pub fn link(session: Session, email: String, password: String, lang: Lang) -> Job {
    Job::new(
        "Link",
        lang.tui_profile_checking_profile(),
        move |service| {
            let email = email.trim().to_string();
            match service.link_asking_before_move(&session, &email, &password) {
                Ok(LinkStep::Done(outcome)) => Ok(Answer::Linked(outcome)),
                Ok(LinkStep::ConfirmMove(preview)) => {
                    Ok(Answer::ConfirmMove(Box::new(MoveAsked {
                        preview,
                        email,
                        password,
                    })))
                }
                Err(e) => Err(in_words(service, e, lang)),
            }
        },
    )
}

/// R6, confirmed: moves the MCID here (the password is checked again).
pub fn link_move(session: Session, asked: MoveAsked, lang: Lang) -> Job {
    Job::new(
        "LinkMove",
        lang.tui_profile_checking_profile(),
        move |service| {
            service
                .link(&session, &asked.email, &asked.password)
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
