//! The Users tab's dialogs and confirmations: the invitation (R13: work
//! email, name, roles), new sign-in details with an optional corrected email
//! (R13), and what deleting an account (R12), removing a departed person
//! from the report (R12) and changing a role (R17) will do, each carrying
//! the job it runs.

use super::calls;
use super::view::{holds, role_title};
use crate::components::dialog_form::{DialogForm, Item};
use crate::popups::{ConfirmDialog, FormDialog, Popup, Submitted, Submitting};
use certlink_core::service::{Service, Session, UserListRow};
use certlink_domain::Mcid;
use certlink_domain::designations::words::{self, WhatIfWhen};
use certlink_domain::{Role, Roles};
use certlink_i18n::Lang;

// Item indices of the invitation.
const INVITE_EMAIL: usize = 0;
const INVITE_NAME: usize = 1;
const INVITE_PARTNER_ADMIN: usize = 2;
const INVITE_GLOBAL_ADMIN: usize = 3;

fn text(form: &DialogForm, index: usize) -> String {
    form.text(index).trim().to_string()
}

/// R13: a new account; every account is a User, the roles ticked are added.
pub fn invite(lang: Lang) -> Popup {
    Popup::Dialog(FormDialog::new(
        lang.tui_users_invite_title().into(),
        lang.tui_users_invite_intro().into(),
        vec![
            Item::text(lang.tui_users_work_email()),
            Item::text(lang.tui_users_name()),
            Item::check(lang.tui_users_roles(), role_title(Role::PartnerAdmin, lang)),
            Item::check("", role_title(Role::GlobalAdmin, lang)),
        ],
        Box::new(move |form: &DialogForm, s: &Submitting| {
            Submitted::Run(calls::invite_in(
                s.session.clone(),
                text(form, INVITE_EMAIL),
                text(form, INVITE_NAME),
                Roles::USER
                    .with(Role::PartnerAdmin, form.checked(INVITE_PARTNER_ADMIN))
                    .with(Role::GlobalAdmin, form.checked(INVITE_GLOBAL_ADMIN)),
                lang,
            ))
        }),
    ))
}

/// R13: new sign-in details for the invited account `email`; the email
/// starts as it is, edit it to send to a corrected address.
pub fn resend(email: &str, lang: Lang) -> Popup {
    let old = email.to_string();
    Popup::Dialog(FormDialog::new(
        lang.tui_users_resend_title().into(),
        lang.tui_users_resend_intro(email),
        vec![Item::text_with(lang.tui_users_send_to(), email)],
        Box::new(move |form: &DialogForm, s: &Submitting| {
            let typed = text(form, 0);
            // The same address (any case) is no correction.
            let new_email = (!typed.eq_ignore_ascii_case(&old)).then_some(typed);
            Submitted::Run(calls::resend_in(
                s.session.clone(),
                old.clone(),
                new_email,
                lang,
            ))
        }),
    ))
}

/// A confirmation's text with its what-if line, when there is one.
pub fn with_what_if(text: String, what_if: Option<String>) -> String {
    match what_if {
        Some(line) => format!("{text}\n\n{line}"),
        None => text,
    }
}

/// R12: what deleting costs, that a linked MCID stays until removed, and
/// what its removal would do to the Solutions Partner designation scores.
pub fn confirm_delete(
    row: &UserListRow,
    service: &Service,
    session: &Session,
    lang: Lang,
) -> Popup {
    let link = match row.linked_mcid {
        Some(m) => lang.tui_users_delete_still_linked(m.to_string()),
        None => String::new(),
    };
    // The preview asks what the act will ask; a refusal shows when it runs.
    let what_if = service
        .delete_account_preview(session, row.email.as_str())
        .ok()
        .and_then(|p| words::what_if(&p.designations, lang, WhatIfWhen::OnceRemoved));
    Popup::Confirm(ConfirmDialog::new(
        lang.tui_users_delete_title().into(),
        with_what_if(
            lang.tui_users_delete_text(&row.name, row.email.to_string(), link),
            what_if,
        ),
        lang.tui_users_delete_yes(),
        calls::delete_account_in(session.clone(), row.email.to_string(), lang),
    ))
}

/// R12: the removal of a departed person's link, with what it does to the
/// designation scores; None when no MCID is linked.
pub fn confirm_removal(
    row: &UserListRow,
    service: &Service,
    session: &Session,
    lang: Lang,
) -> Option<Popup> {
    let mcid = row.linked_mcid?;
    let what_if = removal_what_if(service, session, mcid, lang);
    Some(Popup::Confirm(ConfirmDialog::new(
        lang.tui_users_removal_title().into(),
        with_what_if(
            lang.tui_users_removal_text(mcid.to_string(), &row.name),
            what_if,
        ),
        lang.tui_users_removal_yes(),
        calls::remove_from_report_in(session.clone(), mcid.to_string(), lang),
    )))
}

/// R17: grant the role if the account lacks it, else revoke it.
pub fn confirm_role(row: &UserListRow, role: Role, session: &Session, lang: Lang) -> Popup {
    let grant = !holds(row, role);
    let what = match role {
        Role::PartnerAdmin => lang.tui_users_what_partner_admin(),
        Role::GlobalAdmin => lang.tui_users_what_global_admin(),
    };
    let title = role_title(role, lang);
    let email = row.email.to_string();
    let (title, text, yes) = if grant {
        (
            lang.tui_users_grant_title(title),
            lang.tui_users_grant_text(&row.name, &email, title, what),
            lang.tui_users_grant_yes(),
        )
    } else {
        (
            lang.tui_users_revoke_title(title),
            lang.tui_users_revoke_text(title, &row.name, &email, what),
            lang.tui_users_revoke_yes(),
        )
    };
    Popup::Confirm(ConfirmDialog::new(
        title,
        text,
        yes,
        calls::set_role_in(session.clone(), email, role, grant, lang),
    ))
}

/// R12: the what-if line of removing `mcid` from the report, if it moves a
/// score (the Skills tab's removal asks it too).
pub fn removal_what_if(
    service: &Service,
    session: &Session,
    mcid: Mcid,
    lang: Lang,
) -> Option<String> {
    service
        .remove_from_report_preview(session, &mcid.to_string())
        .ok()
        .and_then(|p| words::what_if(&p.designations, lang, WhatIfWhen::Now))
}
