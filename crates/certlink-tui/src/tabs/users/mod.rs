//! Users (Global Admins, R12, R13, R17): every account of the organization,
//! read a window at a time with `Service::users_page` ([`paging`]): the rows
//! on screen plus a page ahead, never the whole table, narrowed by the `/`
//! filter in the service, with the count in the title. Only the actions the
//! domain offers on the selected row are keys (`account_actions`). The actions (invite,
//! new sign-in details, delete, remove from the report, roles) are keys of
//! the tab's key map; each opens a dialog or a confirmation ([`dialogs`])
//! whose job ([`calls`]) answers here. The temporary password of an answer
//! goes into its once-only popup and nowhere else (R13, invariant 5).
//! [`view`] draws the tab.

pub mod calls;
pub mod dialogs;
pub mod pager;
pub mod view;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::registry::{TabEntry, TabId};
use crate::action::Action;
use crate::components::list_filter::{FilterChange, ListFilter};
use crate::components::list_row_at;
use crate::components::paged::PagedWindow;
use crate::components::tab_bar::Titles;
use crate::jobs::Done;
use crate::keys::{self, Binding, Context, KeyMap, ch, key};
use crate::popups::Popup;
use crate::tab::{Cx, Reads, Tab, View};
use calls::Answer;
use certlink_core::service::{ServiceError, Session, UserFilter, UserListRow};
use certlink_domain::may;
use certlink_domain::permissions::{AccountAction, OrgView};
use certlink_domain::{Refusal, Role};
use certlink_i18n::Lang;
use pager::AccountPager;

/// The Users tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Users,
    titles: Titles {
        full: "Users",
        short: "Users",
        tiny: "Users",
    },
    // R12, R13, R17: the organization's Global Admins.
    shown_to: |actor| may(actor, OrgView::Accounts).is_ok(),
    start: |_| Box::new(UsersTab::default()),
};

#[derive(Debug, Clone, Default)]
pub struct UsersTab {
    /// The accounts around the selection, with their place and count.
    pub window: PagedWindow<UserListRow>,
    /// The `/` filter: names and emails, applied by the service.
    pub filter: ListFilter,
    /// The service refused the list (the role was revoked meanwhile, R17).
    pub refused: Option<String>,
    /// R13a: the organization's email domains, where invitations may go.
    pub domains: Vec<String>,
}

const INVITE: &[Binding] = &[Binding {
    chords: &[ch('i')],
    action: Action::InviteUser,
    keys: "i",
    does: certlink_i18n::Lang::tui_key_invite,
    hint: true,
}];

// `R` for resend: `e` is export everywhere and `n` opens a ticket on the
// Support tab (issue 15: a letter means one thing on every tab).
const RESEND: &[Binding] = &[Binding {
    chords: &[ch('R')],
    action: Action::ResendInvitation,
    keys: "R",
    does: certlink_i18n::Lang::tui_key_new_sign_in_details,
    hint: true,
}];

const DELETE: &[Binding] = &[Binding {
    chords: &[ch('d'), key(KeyCode::Delete)],
    action: Action::DeleteUser,
    keys: "d",
    does: certlink_i18n::Lang::tui_key_delete,
    hint: true,
}];

const REMOVE: &[Binding] = &[Binding {
    chords: &[ch('u')],
    action: Action::RemoveFromReport,
    keys: "u",
    does: certlink_i18n::Lang::tui_key_remove_a_departed_person_from_the_report,
    hint: true,
}];

const PARTNER_ADMIN: &[Binding] = &[Binding {
    // Capital letters for role changes: `p` shows the people on Support.
    chords: &[ch('P')],
    action: Action::ToggleRole(Role::PartnerAdmin),
    keys: "P",
    does: certlink_i18n::Lang::tui_key_grant_revoke_mpn_partner_admin,
    hint: false,
}];

const GLOBAL_ADMIN: &[Binding] = &[Binding {
    chords: &[ch('A')],
    action: Action::ToggleRole(Role::GlobalAdmin),
    keys: "A",
    does: certlink_i18n::Lang::tui_key_grant_revoke_global_admin,
    hint: false,
}];

/// The Users tab's key map with `$rows` for the selected account: only the
/// actions the domain offers on it are keys (issue 15, principle 3).
macro_rules! users_keys {
    ($($rows:expr),* $(,)?) => {
        KeyMap::acting(
            certlink_i18n::Lang::tui_key_title_users,
            &[
                INVITE,
                $($rows,)*
                keys::FILTER,
                keys::READ_AGAIN,
                keys::SWITCH_TABS,
                keys::MOVE,
                keys::PAGE,
                keys::CLEAR_FILTER_QUIET,
                keys::SIGN_OUT_HELP_QUIT,
                keys::QUIT_ANYWHERE,
            ],
        )
    };
}

/// Every row action: the help of the tab, and a row offering an unforeseen set.
pub static KEYS: KeyMap = users_keys![RESEND, DELETE, REMOVE, PARTNER_ADMIN, GLOBAL_ADMIN];
/// R13: an invitation not yet answered.
pub static KEYS_INVITED: KeyMap = users_keys![RESEND, DELETE, PARTNER_ADMIN, GLOBAL_ADMIN];
pub static KEYS_ACTIVE: KeyMap = users_keys![DELETE, PARTNER_ADMIN, GLOBAL_ADMIN];
/// R17: the last active Global Admin is neither deleted nor loses the role.
pub static KEYS_LAST_GLOBAL_ADMIN: KeyMap = users_keys![PARTNER_ADMIN];
/// R12: a departed person whose MCID is still linked.
pub static KEYS_DEPARTED_LINKED: KeyMap = users_keys![REMOVE];
/// R12: a departed person with nothing left to do (and an empty list).
pub static KEYS_NO_ROW_ACTION: KeyMap = users_keys![];

/// The filter line has the keys.
pub static KEYS_FILTERING: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_users_filter,
    &[
        keys::IN_FILTER,
        keys::EDIT,
        keys::HELP_F1,
        keys::QUIT_ANYWHERE,
    ],
);

/// The key map whose row actions are exactly what the domain offers on `row`.
fn keys_for(row: Option<&UserListRow>) -> Context {
    let Some(row) = row else {
        return &KEYS_NO_ROW_ACTION;
    };
    let offers = |want: fn(&AccountAction) -> bool| row.offers.iter().any(want);
    let resend = offers(|a| *a == AccountAction::ResendDetails);
    let remove = offers(|a| *a == AccountAction::RemoveFromReport);
    let delete = offers(|a| *a == AccountAction::Delete);
    let pa = offers(|a| {
        matches!(
            a,
            AccountAction::ToggleRole {
                role: Role::PartnerAdmin,
                ..
            }
        )
    });
    let ga = offers(|a| {
        matches!(
            a,
            AccountAction::ToggleRole {
                role: Role::GlobalAdmin,
                ..
            }
        )
    });
    match (resend, remove, delete, pa, ga) {
        (true, false, true, true, true) => &KEYS_INVITED,
        (false, false, true, true, true) => &KEYS_ACTIVE,
        (false, false, false, true, false) => &KEYS_LAST_GLOBAL_ADMIN,
        (false, true, false, false, false) => &KEYS_DEPARTED_LINKED,
        (false, false, false, false, false) => &KEYS_NO_ROW_ACTION,
        // A set no map was made for: every key, and the update refuses
        // what is not offered.
        _ => &KEYS,
    }
}

/// Whether the domain offers what `action` asks on `row`.
fn is_offered(row: &UserListRow, action: &Action) -> bool {
    row.offers.iter().any(|offer| match (offer, action) {
        (AccountAction::ResendDetails, Action::ResendInvitation)
        | (AccountAction::RemoveFromReport, Action::RemoveFromReport)
        | (AccountAction::Delete, Action::DeleteUser) => true,
        (AccountAction::ToggleRole { role, .. }, Action::ToggleRole(asked)) => role == asked,
        _ => false,
    })
}

/// Why `action` is not offered on `row`, in words, with the rule.
fn why_not(row: &UserListRow, action: &Action, lang: Lang) -> String {
    use certlink_domain::AccountStatus;
    let who = format!("{} <{}>", row.name, row.email);
    match (row.status, action) {
        (AccountStatus::Deleted, Action::RemoveFromReport) => {
            lang.tui_users_why_deleted_nothing_linked(who)
        }
        (AccountStatus::Deleted, _) => lang.tui_users_why_deleted(who),
        (_, Action::RemoveFromReport) => lang.tui_users_why_not_deleted(who),
        (_, Action::ResendInvitation) => lang.tui_users_why_not_invited(who),
        (_, Action::DeleteUser | Action::ToggleRole(Role::GlobalAdmin)) => {
            lang.tui_users_why_last_global_admin(who)
        }
        _ => lang.tui_users_why_not_possible(who),
    }
}

impl UsersTab {
    /// Rows that fit in the pane (borders and header off): a page.
    pub fn page(area: Rect) -> usize {
        usize::from(UsersTab::layout(area).table.height.saturating_sub(3)).max(1)
    }

    pub fn selected_row(&self) -> Option<&UserListRow> {
        self.window.selected_row()
    }

    /// The rows read now (a window around the selection).
    pub fn rows(&self) -> &[UserListRow] {
        &self.window.rows
    }

    /// The row under a click.
    pub fn row_at(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        let table = UsersTab::layout(area).table;
        list_row_at(table, self.window.selected, self.window.total, column, row)
    }

    fn service_filter(&self) -> Result<UserFilter, ServiceError> {
        UserFilter::new(self.filter.applied())
    }

    /// Reads what the screen lacks after a move.
    fn fill(&mut self, cx: &mut Cx) {
        let page = UsersTab::page(cx.body);
        let read = self.service_filter().and_then(|filter| {
            let pager = AccountPager::new(cx.service, cx.session, &filter);
            self.window.fill(&pager, page)
        });
        if let Err(e) = read {
            cx.show_error(&e);
        }
    }

    /// A new filter: the list from its first row.
    fn filter_changed(&mut self, cx: &mut Cx) {
        let page = UsersTab::page(cx.body);
        let read = self.service_filter().and_then(|filter| {
            let pager = AccountPager::new(cx.service, cx.session, &filter);
            self.window.restart(&pager, page)
        });
        if let Err(e) = read {
            cx.show_error(&e);
        }
    }

    fn answered(&mut self, answer: Answer, cx: &mut Cx) {
        let lang = cx.lang();
        match answer {
            Answer::SignInDetails(details) => {
                cx.close_form();
                cx.refresh(self);
                cx.open(Popup::ShownOnce(details));
            }
            Answer::AccountDeleted { email } => {
                cx.refresh(self);
                cx.flash(lang.tui_users_deleted_note(email));
            }
            Answer::RemovedFromReport { mcid } => {
                cx.refresh(self);
                cx.flash(lang.tui_users_removed_note(mcid));
            }
            Answer::RoleChanged { email, role, grant } => {
                cx.refresh(self);
                let title = view::role_title(role, lang);
                cx.flash(if grant {
                    lang.tui_users_role_granted(email, title)
                } else {
                    lang.tui_users_role_revoked(email, title)
                });
            }
        }
    }
}

impl Tab for UsersTab {
    fn keys(&self, _: &Session) -> Context {
        if self.filter.editing {
            return &KEYS_FILTERING;
        }
        keys_for(self.selected_row())
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 7] = [
            &KEYS,
            &KEYS_INVITED,
            &KEYS_ACTIVE,
            &KEYS_LAST_GLOBAL_ADMIN,
            &KEYS_DEPARTED_LINKED,
            &KEYS_NO_ROW_ACTION,
            &KEYS_FILTERING,
        ];
        &MAPS
    }

    fn update(&mut self, action: Action, cx: &mut Cx) {
        if self.filter.editing {
            if self.filter.update(&action) == FilterChange::Applied {
                self.filter_changed(cx);
            }
            return;
        }
        let page = UsersTab::page(cx.body) as isize;
        if let Some(delta) = action.list_move(page) {
            self.window.move_by(delta);
            self.fill(cx);
            return;
        }
        let row = self.selected_row().cloned();
        match (action, row) {
            (Action::InviteUser, _) => cx.open(dialogs::invite(cx.lang())),
            (Action::StartFilter, _) => self.filter.start(),
            (Action::Back, _) if self.filter.is_active() => {
                self.filter.clear();
                self.filter_changed(cx);
            }
            (Action::Reload, _) => cx.refresh(self),
            (_, None) => {}
            (action, Some(row))
                if matches!(
                    action,
                    Action::ResendInvitation
                        | Action::DeleteUser
                        | Action::RemoveFromReport
                        | Action::ToggleRole(_)
                ) && !is_offered(&row, &action) =>
            {
                cx.flash(why_not(&row, &action, cx.lang()));
            }
            (Action::ResendInvitation, Some(row)) => {
                cx.open(dialogs::resend(row.email.as_str(), cx.lang()));
            }
            (Action::DeleteUser, Some(row)) => {
                cx.open(dialogs::confirm_delete(
                    &row,
                    cx.service,
                    cx.session,
                    cx.lang(),
                ));
            }
            (Action::RemoveFromReport, Some(row)) => {
                if let Some(popup) =
                    dialogs::confirm_removal(&row, cx.service, cx.session, cx.lang())
                {
                    cx.open(popup);
                }
            }
            (Action::ToggleRole(role), Some(row)) => {
                cx.open(dialogs::confirm_role(&row, role, cx.session, cx.lang()));
            }
            _ => {}
        }
    }

    fn click(&mut self, column: u16, row: u16, cx: &mut Cx) {
        if let Some(i) = self.row_at(cx.body, column, row) {
            self.window.selected = i;
            self.fill(cx);
        }
    }

    fn on_done(&mut self, done: Done, cx: &mut Cx) {
        match done.take::<Answer>() {
            Some(Ok(answer)) => self.answered(answer, cx),
            Some(Err(failure)) => cx.failed(failure),
            None => {}
        }
    }

    /// The counts and the rows on screen again (a screen and a page ahead),
    /// from the same first row with the same filter, keeping the selected
    /// account: cheap enough for every change any session commits.
    fn refresh_in_front(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        let page = UsersTab::page(reads.body);
        let filter = self.service_filter()?;
        let pager = AccountPager::new(reads.service, reads.session, &filter);
        match self.window.reread(&pager, page) {
            Ok(()) => {
                self.domains = reads
                    .service
                    .my_org_domains(reads.session)?
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                self.refused = None;
                Ok(())
            }
            // The role was revoked meanwhile (R17): say so in the tab.
            Err(ServiceError::Refused(refusal @ Refusal::NotPermitted { .. })) => {
                self.window = PagedWindow::default();
                self.refused = Some(refusal.message(reads.dates));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        // The dates in the reader's language (`view.lang`, also `dates.lang`).
        let dates = view.dates.in_lang(view.lang);
        self.draw(frame, area, view.session, &dates, view.theme);
    }
}
