//! The Users tab's dialogs and confirmations: the invitation (R13: work
//! email, name, roles), new sign-in details with an optional corrected email
//! (R13), and what deleting an account (R12), removing a departed person
//! from the report (R12) and changing a role (R17) will do, each carrying
//! the job it runs.

use super::calls;
use super::view::holds;
use crate::components::dialog_form::{DialogForm, Item};
use crate::popups::{ConfirmDialog, FormDialog, Popup, Submitted, Submitting};
use certlink_core::service::{Session, UserListRow};
use certlink_domain::{Role, Roles};

// Item indices of the invitation.
const INVITE_EMAIL: usize = 0;
const INVITE_NAME: usize = 1;
const INVITE_PARTNER_ADMIN: usize = 2;
const INVITE_GLOBAL_ADMIN: usize = 3;

fn text(form: &DialogForm, index: usize) -> String {
    form.text(index).trim().to_string()
}

/// R13: a new account; every account is a User, the roles ticked are added.
pub fn invite() -> Popup {
    Popup::Dialog(FormDialog::new(
        "Invite a person (R13)".into(),
        "Creates a work account in your organization. Every account is a User; tick the roles it also holds. A temporary password is shown to you once and the sign-in details go to the work email.".into(),
        vec![
            Item::text("Work email"),
            Item::text("Name"),
            Item::check("Roles", Role::PartnerAdmin.title()),
            Item::check("", Role::GlobalAdmin.title()),
        ],
        Box::new(|form: &DialogForm, s: &Submitting| {
            Submitted::Run(calls::invite(
                s.session.clone(),
                text(form, INVITE_EMAIL),
                text(form, INVITE_NAME),
                Roles::USER
                    .with(Role::PartnerAdmin, form.checked(INVITE_PARTNER_ADMIN))
                    .with(Role::GlobalAdmin, form.checked(INVITE_GLOBAL_ADMIN)),
            ))
        }),
    ))
}

/// R13: new sign-in details for the invited account `email`; the email
/// starts as it is, edit it to send to a corrected address.
pub fn resend(email: &str) -> Popup {
    let old = email.to_string();
    Popup::Dialog(FormDialog::new(
        "New sign-in details (R13)".into(),
        format!(
            "New sign-in details for {email}: the old temporary password stops working. If the email was wrong, correct it here."
        ),
        vec![Item::text_with("Send to", email)],
        Box::new(move |form: &DialogForm, s: &Submitting| {
            let typed = text(form, 0);
            // The same address (any case) is no correction.
            let new_email = (!typed.eq_ignore_ascii_case(&old)).then_some(typed);
            Submitted::Run(calls::resend(s.session.clone(), old.clone(), new_email))
        }),
    ))
}

/// R12: what deleting costs, and that a linked MCID stays until removed.
pub fn confirm_delete(row: &UserListRow, session: &Session) -> Popup {
    let link = match row.linked_mcid {
        Some(m) => format!(
            " Their MCID {m} stays linked to the organization (flagged in the skills report) until you remove them from the report."
        ),
        None => String::new(),
    };
    Popup::Confirm(ConfirmDialog::new(
        "Delete the account? (R12)".into(),
        format!(
            "Delete {} <{}>? They can no longer sign in and their Partner University access ends.{link} The email can be invited again later.",
            row.name, row.email
        ),
        "Yes, delete",
        calls::delete_account(session.clone(), row.email.to_string()),
    ))
}

/// R12: the removal of a departed person's link; None when no MCID is linked.
pub fn confirm_removal(row: &UserListRow, session: &Session) -> Option<Popup> {
    let mcid = row.linked_mcid?;
    Some(Popup::Confirm(ConfirmDialog::new(
        "Remove from the skills report? (R12)".into(),
        format!(
            "End the link of MCID {mcid} ({}) with the organization (reason: removed by admin)? It is not an association and costs the person nothing (R9).",
            row.name
        ),
        "Yes, remove",
        calls::remove_from_report(session.clone(), mcid.to_string()),
    )))
}

/// R17: grant the role if the account lacks it, else revoke it.
pub fn confirm_role(row: &UserListRow, role: Role, session: &Session) -> Popup {
    let grant = !holds(row, role);
    let what = match role {
        Role::PartnerAdmin => {
            "MPN Partner Admins see the skills report, competencies and Learn analytics."
        }
        Role::GlobalAdmin => {
            "Global Admins also manage accounts and roles; an organization always keeps one."
        }
    };
    let (title, text, yes) = if grant {
        (
            format!("Grant {}? (R17)", role.title()),
            format!("Make {} <{}> {}? {what}", row.name, row.email, role.title()),
            "Yes, grant",
        )
    } else {
        (
            format!("Revoke {}? (R17)", role.title()),
            format!(
                "Take {} from {} <{}>? {what}",
                role.title(),
                row.name,
                row.email
            ),
            "Yes, revoke",
        )
    };
    Popup::Confirm(ConfirmDialog::new(
        title,
        text,
        yes,
        calls::set_role(session.clone(), row.email.to_string(), role, grant),
    ))
}
