//! The Users tab's service calls (R12, R13, R17), as jobs: invitations hash
//! a temporary password, and every change is a durable write. Their answers
//! come back to the tab as [`Answer`]; a temporary password only inside its
//! once-only popup's [`ShownOnce`] (R13, invariant 5).

use crate::jobs::{Failure, Job, failure_in};
use crate::popups::{Issued, ShownOnce};
use certlink_core::service::{Service, ServiceError, Session};
use certlink_domain::{Role, Roles};
use certlink_i18n::Lang;

/// What the Users tab's jobs answer.
pub enum Answer {
    /// R13: the answer holds the temporary password, for its one showing.
    SignInDetails(ShownOnce),
    AccountDeleted {
        email: String,
    },
    RemovedFromReport {
        mcid: String,
    },
    RoleChanged {
        email: String,
        role: Role,
        grant: bool,
    },
}

/// R13: a new account of the organization, with a temporary password.
pub fn invite_in(session: Session, email: String, name: String, roles: Roles, lang: Lang) -> Job {
    Job::new("Invite", lang.tui_users_progress_invite(), move |service| {
        service
            .invite(&session, &email, &name, roles)
            .map(|inv| Answer::SignInDetails(ShownOnce::new(Issued::Invited, inv)))
            .map_err(|e| worded(service, &e, lang))
    })
}

/// R13: new sign-in details for an invited account, optionally at a
/// corrected email.
pub fn resend_in(session: Session, email: String, new_email: Option<String>, lang: Lang) -> Job {
    Job::new("Resend", lang.tui_users_progress_resend(), move |service| {
        service
            .resend_invitation(&session, &email, new_email.as_deref())
            .map(|inv| Answer::SignInDetails(ShownOnce::new(Issued::Resent, inv)))
            .map_err(|e| worded(service, &e, lang))
    })
}

/// R12: deletes an account of the organization.
pub fn delete_account_in(session: Session, email: String, lang: Lang) -> Job {
    Job::new(
        "DeleteAccount",
        lang.tui_users_progress_delete(),
        move |service| {
            service
                .delete_account(&session, &email)
                .map(|()| Answer::AccountDeleted { email })
                .map_err(|e| worded(service, &e, lang))
        },
    )
}

/// R12: ends a departed person's link.
pub fn remove_from_report_in(session: Session, mcid: String, lang: Lang) -> Job {
    Job::new(
        "RemoveFromReport",
        lang.tui_users_progress_remove(),
        move |service| {
            service
                .remove_from_report(&session, &mcid)
                .map(|()| Answer::RemovedFromReport { mcid })
                .map_err(|e| worded(service, &e, lang))
        },
    )
}

/// R17: grants or revokes a role.
pub fn set_role_in(session: Session, email: String, role: Role, grant: bool, lang: Lang) -> Job {
    Job::new("SetRole", lang.tui_users_progress_role(), move |service| {
        service
            .set_role(&session, &email, role, grant)
            .map(|()| Answer::RoleChanged { email, role, grant })
            .map_err(|e| worded(service, &e, lang))
    })
}

/// A service error in words for a reader of `lang`, as the tabs' jobs answer
/// it: a refusal with the service's dates now, in that language, and its
/// rule; anything else as the app words it (`jobs::failure_in`).
pub fn worded(service: &Service, error: &ServiceError, lang: Lang) -> Failure {
    failure_in(service, lang, error)
}

/// [`invite_in`] for an English reader.
pub fn invite(session: Session, email: String, name: String, roles: Roles) -> Job {
    invite_in(session, email, name, roles, Lang::En)
}

/// [`resend_in`] for an English reader.
pub fn resend(session: Session, email: String, new_email: Option<String>) -> Job {
    resend_in(session, email, new_email, Lang::En)
}

/// [`delete_account_in`] for an English reader.
pub fn delete_account(session: Session, email: String) -> Job {
    delete_account_in(session, email, Lang::En)
}

/// [`remove_from_report_in`] for an English reader.
pub fn remove_from_report(session: Session, mcid: String) -> Job {
    remove_from_report_in(session, mcid, Lang::En)
}

/// [`set_role_in`] for an English reader.
pub fn set_role(session: Session, email: String, role: Role, grant: bool) -> Job {
    set_role_in(session, email, role, grant, Lang::En)
}
