//! Users (Global Admins, R12, R13, R17): every account of the organization,
//! read a page at a time with `Service::list_users(after, limit)`: the rows
//! on screen plus a page ahead, never the whole table. The actions (invite,
//! new sign-in details, delete, remove from the report, roles) are keys of
//! the tab's key map; each opens a dialog or a confirmation ([`dialogs`])
//! whose job ([`calls`]) answers here. The temporary password of an answer
//! goes into its once-only popup and nowhere else (R13, invariant 5).
//! [`view`] draws the tab.

pub mod calls;
pub mod dialogs;
pub mod view;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use super::registry::{TabEntry, TabId};
use crate::action::Action;
use crate::components::tab_bar::Titles;
use crate::components::{list_row_at, scroll_offset};
use crate::jobs::Done;
use crate::keys::{self, Binding, Context, KeyMap, ch, key};
use crate::popups::Popup;
use crate::tab::{Cx, Reads, Tab, View};
use calls::Answer;
use certlink_core::service::{ServiceError, Session, UserListRow};
use certlink_domain::may;
use certlink_domain::permissions::OrgView;
use certlink_domain::{Refusal, Role};

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
    /// The accounts read so far, in `list_users` order (by account id).
    pub rows: Vec<UserListRow>,
    pub selected: usize,
    /// The last read was short: there is nothing more to read.
    pub complete: bool,
    /// The service refused the list (the role was revoked meanwhile, R17).
    pub refused: Option<String>,
    /// R13a: the organization's email domains, where invitations may go.
    pub domains: Vec<String>,
}

const ROWS: &[Binding] = &[
    Binding {
        chords: &[ch('i')],
        action: Action::InviteUser,
        keys: "i",
        does: "invite",
        hint: true,
    },
    Binding {
        chords: &[ch('e')],
        action: Action::ResendInvitation,
        keys: "e",
        does: "resend sign-in details",
        hint: true,
    },
    Binding {
        chords: &[ch('d'), key(KeyCode::Delete)],
        action: Action::DeleteUser,
        keys: "d",
        does: "delete",
        hint: true,
    },
    Binding {
        chords: &[ch('u')],
        action: Action::RemoveFromReport,
        keys: "u",
        does: "remove a departed person from the report",
        hint: false,
    },
    Binding {
        chords: &[ch('p')],
        action: Action::ToggleRole(Role::PartnerAdmin),
        keys: "p",
        does: "grant / revoke MPN Partner Admin",
        hint: false,
    },
    Binding {
        chords: &[ch('a')],
        action: Action::ToggleRole(Role::GlobalAdmin),
        keys: "a",
        does: "grant / revoke Global Admin",
        hint: false,
    },
];

pub static KEYS: KeyMap = KeyMap::acting(
    "Users",
    &[
        ROWS,
        keys::READ_AGAIN,
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::PAGE,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

impl UsersTab {
    /// Rows that fit in the pane (borders and header off): a page.
    pub fn page(area: Rect) -> usize {
        usize::from(UsersTab::layout(area).table.height.saturating_sub(3)).max(1)
    }

    /// How many rows the screen needs read: those up to the last one shown,
    /// plus a page ahead so moving down never waits.
    pub fn rows_wanted(&self, area: Rect) -> usize {
        let page = UsersTab::page(area);
        scroll_offset(self.selected, page) + 2 * page
    }

    /// Adds rows read after the last loaded one; `asked` is how many were asked.
    pub fn append(&mut self, page: Vec<UserListRow>, asked: usize) {
        self.complete = page.len() < asked;
        self.rows.extend(page);
        self.refused = None;
    }

    /// Replaces the rows with a fresh read of the first `asked` accounts.
    pub fn replace(&mut self, rows: Vec<UserListRow>, asked: usize) {
        self.complete = rows.len() < asked;
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.refused = None;
    }

    pub fn selected_row(&self) -> Option<&UserListRow> {
        self.rows.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// The row under a click.
    pub fn row_at(&self, area: Rect, column: u16, row: u16) -> Option<usize> {
        let table = UsersTab::layout(area).table;
        list_row_at(table, self.selected, self.rows.len(), column, row)
    }

    /// Reads the next rows when the screen plus a page ahead is not loaded yet.
    fn read_ahead(&mut self, cx: &mut Cx) {
        let wanted = self.rows_wanted(cx.body);
        if self.complete || self.rows.len() >= wanted {
            return;
        }
        let asked = wanted - self.rows.len();
        let after = self.rows.last().map(|r| r.id);
        match cx.service.list_users(cx.session, after, asked) {
            Ok(page) => self.append(page, asked),
            Err(e) => cx.show_error(&e),
        }
    }

    fn answered(&mut self, answer: Answer, cx: &mut Cx) {
        match answer {
            Answer::SignInDetails(details) => {
                cx.close_form();
                cx.refresh(self);
                cx.open(Popup::ShownOnce(details));
            }
            Answer::AccountDeleted { email } => {
                cx.refresh(self);
                cx.flash(format!(
                    "Deleted {email}. A linked MCID stays linked until you remove it from the report (R12)."
                ));
            }
            Answer::RemovedFromReport { mcid } => {
                cx.refresh(self);
                cx.flash(format!(
                    "MCID {mcid} removed from the skills report: its link ended, at no cost to the person (R12)."
                ));
            }
            Answer::RoleChanged { email, role, grant } => {
                cx.refresh(self);
                cx.flash(if grant {
                    format!("{email} is now {} (R17).", role.title())
                } else {
                    format!("{email} is no longer {} (R17).", role.title())
                });
            }
        }
    }
}

impl Tab for UsersTab {
    fn keys(&self, _: &Session) -> Context {
        &KEYS
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 1] = [&KEYS];
        &MAPS
    }

    fn update(&mut self, action: Action, cx: &mut Cx) {
        let page = UsersTab::page(cx.body) as isize;
        if let Some(delta) = action.list_move(page) {
            self.move_by(delta);
            self.read_ahead(cx);
            return;
        }
        let row = self.selected_row().cloned();
        match (action, row) {
            (Action::InviteUser, _) => cx.open(dialogs::invite()),
            (Action::Reload, _) => cx.refresh(self),
            (_, None) => {}
            (Action::ResendInvitation, Some(row)) => cx.open(dialogs::resend(row.email.as_str())),
            (Action::DeleteUser, Some(row)) => cx.open(dialogs::confirm_delete(&row, cx.session)),
            (Action::RemoveFromReport, Some(row)) => {
                match dialogs::confirm_removal(&row, cx.session) {
                    Some(popup) => cx.open(popup),
                    None => cx.flash(format!(
                        "No MCID is linked through {}: nothing to remove from the report.",
                        row.email
                    )),
                }
            }
            (Action::ToggleRole(role), Some(row)) => {
                cx.open(dialogs::confirm_role(&row, role, cx.session));
            }
            _ => {}
        }
    }

    fn click(&mut self, column: u16, row: u16, cx: &mut Cx) {
        if let Some(i) = self.row_at(cx.body, column, row) {
            self.selected = i;
        }
    }

    fn on_done(&mut self, done: Done, cx: &mut Cx) {
        match done.take::<Answer>() {
            Some(Ok(answer)) => self.answered(answer, cx),
            Some(Err(failure)) => cx.failed(failure),
            None => {}
        }
    }

    /// The first rows of the organization's accounts again: as many as were
    /// loaded, and at least the screen plus a page ahead.
    fn refresh_in_front(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        let asked = self.rows.len().max(self.rows_wanted(reads.body));
        match reads.service.list_users(reads.session, None, asked) {
            Ok(rows) => {
                self.domains = reads
                    .service
                    .my_org_domains(reads.session)?
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                self.replace(rows, asked);
                Ok(())
            }
            // The role was revoked meanwhile (R17): say so in the tab.
            Err(ServiceError::Refused(refusal @ Refusal::NotPermitted { .. })) => {
                self.rows.clear();
                self.refused = Some(refusal.message(reads.dates));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view.session, view.dates, view.theme);
    }
}
