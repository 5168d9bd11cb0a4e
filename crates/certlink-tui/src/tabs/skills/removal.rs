//! R12 from the row: a departed person still linked is flagged in the report,
//! and the row offers their removal (`u`, as on the Users tab). Whether it is offered is the
//! domain's answer (`permissions::account_actions`), never a check of the
//! tab's own; the service still decides when it runs.

use super::{SkillsTab, calls};
use crate::popups::{ConfirmDialog, Popup};
use crate::tab::Cx;
use crate::tabs::users::dialogs;
use certlink_core::service::{Session, SkillRow};
use certlink_domain::permissions::{AccountAction, AccountRow, account_actions};
use certlink_domain::{AccountStatus, Roles};

/// The domain's answer for this row: may the signed-in person remove it
/// from the report?
pub fn offers_removal(session: &Session, row: &SkillRow) -> bool {
    let facts = AccountRow {
        org: Some(row.mpn_id),
        status: row.account_status,
        // Roles do not decide a removal; a deleted account holds none that count.
        roles: Roles::USER,
        linked: row.mcid.is_some(),
        // Only a Global Admin's deletion or revocation asks for it (R17).
        other_active_global_admins: 0,
    };
    account_actions(&session.actor(), &facts).contains(&AccountAction::RemoveFromReport)
}

/// Whether the person may remove departed people at all: the same question
/// for a departed, still-linked person of their own organization. It decides
/// whether the key is in the tab's key map (and so in hints and help).
pub fn may_remove_departed(session: &Session) -> bool {
    let Some(org) = session.actor().org() else {
        return false;
    };
    let facts = AccountRow {
        org: Some(org),
        status: AccountStatus::Deleted,
        roles: Roles::USER,
        linked: true,
        other_active_global_admins: 0,
    };
    account_actions(&session.actor(), &facts).contains(&AccountAction::RemoveFromReport)
}

impl SkillsTab {
    /// `u` on a row: the confirmation of the removal, with what it does and
    /// what it costs; or why this row offers none.
    pub(super) fn offer_removal(&self, cx: &mut Cx) {
        let lang = cx.lang();
        let Some(row) = self.selected_row() else {
            cx.flash(lang.tui_skills_no_row_selected());
            return;
        };
        let (Some(mcid), true) = (row.mcid, offers_removal(cx.session, row)) else {
            cx.flash(if row.departed_still_linked {
                lang.tui_skills_only_global_admin_removes().to_string()
            } else {
                lang.tui_skills_not_departed(&row.name)
            });
            return;
        };
        let text = lang.tui_skills_confirm_removal(mcid.to_string(), &row.name);
        let text = dialogs::with_what_if(
            text,
            dialogs::removal_what_if(cx.service, cx.session, mcid, lang),
        );
        cx.open(Popup::Confirm(ConfirmDialog::new(
            lang.tui_skills_confirm_removal_title().into(),
            text,
            lang.tui_skills_confirm_removal_yes(),
            calls::remove_from_report(cx.session.clone(), mcid, row.name.clone(), lang),
        )));
    }
}
