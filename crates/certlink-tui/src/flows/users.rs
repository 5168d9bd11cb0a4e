//! The Users tab's flow (R12, R13, R17): paging the accounts in, the
//! invitation and resend dialogs, the confirmations before a deletion, a
//! removal from the report or a role change, and what each answer shows. The
//! temporary password of an answer goes into its once-only popup and nowhere
//! else (R13, invariant 5).

use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::{App, MainScreen, Screen};
use crate::jobs::{Job, JobSuccess, failure};
use crate::popups::{ConfirmDialog, ConfirmPurpose, FormDialog, Popup};
use crate::tabs::users::{UsersTab, holds};
use crate::update::list_move;
use certlink_core::service::{Service, ServiceError, UserListRow};
use certlink_domain::{Refusal, Role};

/// Reads the first rows of the organization's accounts again: as many as were
/// loaded, and at least the screen plus a page ahead.
pub(crate) fn read_users(
    service: &Service,
    main: &mut MainScreen,
    body: Rect,
) -> Result<(), ServiceError> {
    let tab = &mut main.users;
    let asked = tab.rows.len().max(tab.rows_wanted(body));
    match service.list_users(&main.session, None, asked) {
        Ok(rows) => {
            tab.domains = service
                .my_org_domains(&main.session)?
                .iter()
                .map(ToString::to_string)
                .collect();
            tab.replace(rows, asked);
            Ok(())
        }
        // The role was revoked meanwhile (R17): say so in the tab.
        Err(ServiceError::Refused(refusal @ Refusal::NotPermitted { .. })) => {
            tab.rows.clear();
            tab.refused = Some(refusal.message(&main.dates));
            Ok(())
        }
        Err(e) => Err(e),
    }
}

impl App {
    pub(crate) fn update_users(&mut self, action: Action, body: Rect) -> Option<Job> {
        let Screen::Main(main) = &mut self.screen else {
            return None;
        };
        let page = UsersTab::page(body) as isize;
        if let Some(delta) = list_move(&action, page) {
            main.users.move_by(delta);
            self.read_users_ahead(body);
            return None;
        }
        let row = main.users.selected_row().cloned();
        match (action, row) {
            (Action::InviteUser, _) => self.popups.push(Popup::Dialog(FormDialog::invite())),
            (Action::Reload, _) => self.refresh(),
            (_, None) => {}
            (Action::ResendInvitation, Some(row)) => self
                .popups
                .push(Popup::Dialog(FormDialog::resend(row.email.as_str()))),
            (Action::DeleteUser, Some(row)) => self.popups.push(confirm_delete(&row)),
            (Action::RemoveFromReport, Some(row)) => match confirm_removal(&row) {
                Some(popup) => self.popups.push(popup),
                None => {
                    self.flash = Some(format!(
                        "No MCID is linked through {}: nothing to remove from the report.",
                        row.email
                    ));
                }
            },
            (Action::ToggleRole(role), Some(row)) => {
                self.popups.push(confirm_role(&row, role));
            }
            _ => {}
        }
        None
    }

    /// Reads the next rows when the screen plus a page ahead is not loaded yet.
    fn read_users_ahead(&mut self, body: Rect) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let tab = &mut main.users;
        let wanted = tab.rows_wanted(body);
        if tab.complete || tab.rows.len() >= wanted {
            return;
        }
        let asked = wanted - tab.rows.len();
        let after = tab.rows.last().map(|r| r.id);
        match self.service.list_users(&main.session, after, asked) {
            Ok(page) => tab.append(page, asked),
            Err(e) => {
                let f = failure(&self.service, &e);
                self.show_failure(f);
            }
        }
    }

    /// A Users job's answer.
    pub(crate) fn users_job_done(&mut self, success: JobSuccess) {
        match success {
            JobSuccess::SignInDetails(details) => {
                if matches!(self.popups.last(), Some(Popup::Dialog(_))) {
                    self.popups.pop();
                }
                self.refresh();
                self.popups.push(Popup::ShownOnce(details));
            }
            JobSuccess::AccountDeleted { email } => {
                self.refresh();
                self.flash = Some(format!(
                    "Deleted {email}. A linked MCID stays linked until you remove it from the report (R12)."
                ));
            }
            JobSuccess::RemovedFromReport { mcid } => {
                self.refresh();
                self.flash = Some(format!(
                    "MCID {mcid} removed from the skills report: its link ended, at no cost to the person (R12)."
                ));
            }
            JobSuccess::RoleChanged { email, role, grant } => {
                self.refresh();
                self.flash = Some(if grant {
                    format!("{email} is now {} (R17).", role.title())
                } else {
                    format!("{email} is no longer {} (R17).", role.title())
                });
            }
            _ => {}
        }
    }
}

/// R12: what deleting costs, and that a linked MCID stays until removed.
fn confirm_delete(row: &UserListRow) -> Popup {
    let link = match row.linked_mcid {
        Some(m) => format!(
            " Their MCID {m} stays linked to the organization (flagged in the skills report) until you remove them from the report."
        ),
        None => String::new(),
    };
    Popup::Confirm(ConfirmDialog::new(
        ConfirmPurpose::DeleteAccount {
            email: row.email.to_string(),
        },
        "Delete the account? (R12)".into(),
        format!(
            "Delete {} <{}>? They can no longer sign in and their Partner University access ends.{link} The email can be invited again later.",
            row.name, row.email
        ),
        "Yes, delete",
    ))
}

/// R12: the removal of a departed person's link; None when no MCID is linked.
fn confirm_removal(row: &UserListRow) -> Option<Popup> {
    let mcid = row.linked_mcid?;
    Some(Popup::Confirm(ConfirmDialog::new(
        ConfirmPurpose::RemoveFromReport {
            mcid: mcid.to_string(),
        },
        "Remove from the skills report? (R12)".into(),
        format!(
            "End the link of MCID {mcid} ({}) with the organization (reason: removed by admin)? It is not an association and costs the person nothing (R9).",
            row.name
        ),
        "Yes, remove",
    )))
}

/// R17: grant the role if the account lacks it, else revoke it.
fn confirm_role(row: &UserListRow, role: Role) -> Popup {
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
        ConfirmPurpose::SetRole {
            email: row.email.to_string(),
            role,
            grant,
        },
        title,
        text,
        yes,
    ))
}
