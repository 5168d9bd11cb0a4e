//! How the Users tab is drawn: the organization's email domains (R13a), the
//! accounts with their status (invited and how long it has waited, active,
//! deleted and whether its MCID is still linked, R12/R13), roles (R17),
//! Partner University access (R2) and linked MCID (R4); under the table the
//! selected account in full, and which actions the service offers for it
//! (`domain::permissions`), with the keys of the tab's key map.

use certlink_i18n::Lang;
use certlink_i18n::width::width;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table};

use super::{KEYS, UsersTab};
use crate::action::Action;
use crate::components::list_filter::grouped;
use crate::components::pane::{pane_block, render_table};
use crate::components::{scroll_offset, truncate};
use crate::keys;
use crate::theme::{Mark, Theme};
use certlink_core::service::{Session, UserListRow};
use certlink_domain::permissions::AccountAction;
use certlink_domain::time::DateFormat;
use certlink_domain::{AccountStatus, Role};

/// Lines under the table: the selected account in full, and its actions.
const DETAIL_HEIGHT: u16 = 2;
/// The line above the table: the organization's email domains (R13a).
const HEADER_HEIGHT: u16 = 1;
/// From this pane width on, the table shows Partner University access...
const WITH_PU: u16 = 70;
/// ...and from this one the emails (the line under the table always does).
const WITH_EMAIL: u16 = 100;

/// Where the parts go; drawing, paging and clicks share it.
pub struct UsersLayout {
    pub header: Rect,
    pub table: Rect,
    pub detail: Rect,
}

impl UsersTab {
    pub fn layout(area: Rect) -> UsersLayout {
        let header_height = HEADER_HEIGHT.min(area.height);
        let detail_height = DETAIL_HEIGHT.min(area.height - header_height);
        let header = Rect {
            height: header_height,
            ..area
        };
        let table = Rect {
            y: header.bottom(),
            height: area.height - header_height - detail_height,
            ..area
        };
        let detail = Rect {
            y: table.bottom(),
            height: detail_height,
            ..area
        };
        UsersLayout {
            header,
            table,
            detail,
        }
    }

    /// Draws the tab from its state alone: no service call, no clock.
    pub(super) fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        session: &Session,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        let lang = dates.lang;
        let layout = UsersTab::layout(area);
        let org = session
            .org_name
            .as_deref()
            .unwrap_or(lang.tui_users_your_organization());
        let counts = self.title_counts(lang);
        let clears = if self.filter.is_active() {
            lang.tui_users_esc_clears()
        } else {
            ""
        };
        let title = lang.tui_users_title(org, counts, clears);
        let block = pane_block(title, true, theme);
        if self.filter.editing {
            self.filter.render(frame, layout.header, theme, lang);
        } else if self.refused.is_none() {
            self.render_header(frame, layout.header, lang, theme);
        }
        if let Some(refusal) = &self.refused {
            let inner = block.inner(layout.table);
            frame.render_widget(block, layout.table);
            let text = format!("{}{refusal}", Mark::REFUSED);
            frame.render_widget(
                crate::components::wrapped(&[(&text, theme.error)], inner.width),
                inner,
            );
            return;
        }
        if self.window.rows.is_empty() {
            let text = if self.filter.is_active() {
                lang.tui_users_no_match()
            } else {
                lang.tui_users_reading()
            };
            let inner = block.inner(layout.table);
            frame.render_widget(block, layout.table);
            frame.render_widget(
                crate::components::wrapped(&[(text, theme.muted)], inner.width),
                inner,
            );
            return;
        }
        self.render_table(frame, layout.table, block, dates, theme);
        self.render_detail(frame, layout.detail, dates, theme);
    }

    /// "(20,000)", or with a filter in force "(3 of 20,000) · filter "hire"".
    fn title_counts(&self, lang: Lang) -> String {
        let (matching, total) = (grouped(self.window.total), grouped(self.window.all));
        if self.filter.is_active() {
            lang.tui_users_counts_filtered(matching, total, self.filter.applied())
        } else {
            lang.tui_users_counts(total)
        }
    }

    fn render_table(
        &self,
        frame: &mut Frame,
        area: Rect,
        block: ratatui::widgets::Block<'static>,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        let lang = dates.lang;
        let (with_pu, with_email) = (area.width >= WITH_PU, area.width >= WITH_EMAIL);
        let visible = usize::from(area.height.saturating_sub(3));
        // Places in the whole list; the window holds the rows from `first`.
        let selected = self.window.selected;
        let offset = scroll_offset(selected, visible);
        let shown: Vec<&UserListRow> = (offset..offset + visible)
            .map_while(|position| self.window.row(position))
            .collect();
        // The status and roles columns are as wide as the widest shown
        // (display width: a Han character takes two cells).
        let status_width = shown
            .iter()
            .map(|r| width(&status_text(r, dates)))
            .max()
            .unwrap_or(0)
            .max(width(lang.tui_users_column_status())) as u16;
        let roles_width = shown
            .iter()
            .map(|r| width(&roles_short(r, lang)))
            .max()
            .unwrap_or(0)
            .max(width(lang.tui_users_column_roles()))
            .max(6) as u16;
        let rows = shown.iter().map(|r| {
            let status_style = match r.status {
                AccountStatus::Active => theme.text,
                AccountStatus::Invited | AccountStatus::Deleted => theme.warn,
            };
            let mut cells = vec![Span::raw(r.name.clone())];
            if with_email {
                cells.push(Span::raw(r.email.to_string()));
            }
            cells.push(Span::styled(status_text(r, dates), status_style));
            cells.push(Span::raw(roles_short(r, lang)));
            if with_pu {
                cells.push(Span::raw(if r.pu_access {
                    lang.tui_users_yes()
                } else {
                    lang.tui_users_no()
                }));
            }
            cells.push(Span::raw(
                r.linked_mcid.map(|m| m.to_string()).unwrap_or_default(),
            ));
            Row::new(cells)
        });
        let mut header = vec![lang.tui_users_column_name()];
        let mut widths = vec![Constraint::Fill(2)];
        if with_email {
            header.push(lang.tui_users_column_email());
            widths.push(Constraint::Fill(3));
        }
        header.extend([
            lang.tui_users_column_status(),
            lang.tui_users_column_roles(),
        ]);
        widths.extend([
            Constraint::Length(status_width),
            Constraint::Length(roles_width),
        ]);
        if with_pu {
            header.push(lang.tui_users_column_pu());
            widths.push(Constraint::Length(3));
        }
        header.push(lang.tui_users_column_mcid());
        widths.push(Constraint::Length(8));
        let table = Table::new(rows, widths).header(Row::new(header).style(theme.heading));
        render_table(frame, area, block, table, selected - offset, true, theme);
    }

    /// R13a: "Domains: contoso.com", the only domains invitations go to.
    fn render_header(&self, frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
        let text = if self.domains.is_empty() {
            lang.tui_users_domains_none().to_string()
        } else {
            lang.tui_users_domains(self.domains.join(", "))
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(&text, usize::from(area.width)),
                theme.muted,
            )),
            area,
        );
    }

    /// The selected account in words, then what can be done with it.
    fn render_detail(&self, frame: &mut Frame, area: Rect, dates: &DateFormat, theme: &Theme) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let lang = dates.lang;
        let width = usize::from(area.width);
        let roles = role_titles(&row.roles, lang);
        let pu = if row.pu_access {
            lang.tui_users_pu_access()
        } else {
            lang.tui_users_no_pu_access()
        };
        let mcid = match row.linked_mcid {
            Some(m) => lang.tui_users_mcid_linked(m.to_string()),
            None => lang.tui_users_no_mcid_linked().into(),
        };
        let sent = match (row.status, row.invited_at) {
            (AccountStatus::Invited, Some(at)) => lang.tui_users_details_sent(dates.date(at)),
            _ => String::new(),
        };
        let about = format!(
            " {} <{}>{sent} · {roles} · {pu} · {mcid}",
            row.name, row.email
        );
        let actions = format!(" {}", offered_actions(row, lang).join(" · "));
        let lines = vec![
            Line::styled(truncate(&about, width), theme.text),
            Line::styled(truncate(&actions, width), theme.muted),
        ];
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// "active", "deleted", "deleted, still linked" (R12), or for an invited
/// account how long it has waited for its first sign-in (R13).
/// account how long it has waited for its first sign-in (R13), in
/// `dates.lang`.
pub fn status_text(row: &UserListRow, dates: &DateFormat) -> String {
    let lang = dates.lang;
    match row.status {
        AccountStatus::Active => lang.tui_users_active().into(),
        AccountStatus::Deleted if row.linked_mcid.is_some() => {
            lang.tui_users_deleted_still_linked().into()
        }
        AccountStatus::Deleted => lang.tui_users_deleted().into(),
        AccountStatus::Invited => match row.invited_at {
            Some(at) => lang.tui_users_invited_waiting(waited(dates, at)),
            None => lang.tui_users_invited().into(),
        },
    }
}

/// An account's status as a word ("active", "invited", "deleted").
pub fn status_word(status: AccountStatus, lang: Lang) -> &'static str {
    match status {
        AccountStatus::Active => lang.tui_users_active(),
        AccountStatus::Invited => lang.tui_users_invited(),
        AccountStatus::Deleted => lang.tui_users_deleted(),
    }
}

/// "waiting 3 days" since the sign-in details went out (whole days).
pub fn waited(dates: &DateFormat, since: chrono::DateTime<chrono::Utc>) -> String {
    match (dates.now - since).num_days() {
        d if d <= 0 => dates.lang.tui_users_sent_today().into(),
        d => dates.lang.tui_users_waiting_days(d),
    }
}

/// The roles beyond User, as in the column: "GA", "PA", "GA PA", or "user".
fn roles_short(row: &UserListRow, lang: Lang) -> String {
    let mut short = Vec::new();
    if row.roles.contains(&Role::GlobalAdmin.name()) {
        short.push(lang.tui_users_roles_short_ga());
    }
    if row.roles.contains(&Role::PartnerAdmin.name()) {
        short.push(lang.tui_users_roles_short_pa());
    }
    if short.is_empty() {
        lang.tui_users_roles_short_user().into()
    } else {
        short.join(" ")
    }
}

/// A role's title in `lang` ("Global Admin", "全局管理员").
pub fn role_title(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::PartnerAdmin => lang.tui_users_role_partner_admin(),
        Role::GlobalAdmin => lang.tui_users_role_global_admin(),
    }
}

/// Role names as the service gives them ("user", "global-admin"), in words:
/// "User, Global Admin".
pub fn role_titles(names: &[&str], lang: Lang) -> String {
    names
        .iter()
        .map(|name| match name.parse::<Role>() {
            Ok(role) => role_title(role, lang),
            Err(_) if *name == "user" => lang.tui_users_role_user(),
            Err(_) => name,
        })
        .collect::<Vec<_>>()
        .join(lang.tui_users_list_separator())
}

/// Whether the account holds `role` (as `list_users` reports it).
pub fn holds(row: &UserListRow, role: Role) -> bool {
    row.roles.contains(&role.name())
}

/// The actions the service offers for the account (`domain::permissions::
/// account_actions`), each with its key from the key table, and for a departed
/// account with nothing left to do, that its email is free again. The
/// service still decides each: this says what makes sense to try.
fn offered_actions(row: &UserListRow, lang: Lang) -> Vec<String> {
    let key = |action: Action| keys::key_of(&KEYS, &action).unwrap_or("?");
    let mut offered: Vec<String> = row
        .offers
        .iter()
        .map(|offer| match *offer {
            AccountAction::ResendDetails => {
                lang.tui_users_offer_resend(key(Action::ResendInvitation))
            }
            AccountAction::RemoveFromReport => {
                lang.tui_users_offer_remove(key(Action::RemoveFromReport))
            }
            AccountAction::Delete => lang.tui_users_offer_delete(key(Action::DeleteUser)),
            AccountAction::ToggleRole { role, holds } => {
                let short = match role {
                    Role::PartnerAdmin => lang.tui_users_roles_short_pa(),
                    Role::GlobalAdmin => lang.tui_users_roles_short_ga(),
                };
                let key = key(Action::ToggleRole(role));
                if holds {
                    lang.tui_users_offer_revoke(key, short)
                } else {
                    lang.tui_users_offer_grant(key, short)
                }
            }
        })
        .collect();
    if row.status == AccountStatus::Deleted && row.linked_mcid.is_none() {
        offered.push(lang.tui_users_email_free_again().into());
    }
    // R17: why neither deletion nor revocation is offered to this one.
    let last_global_admin = row.status == AccountStatus::Active
        && holds(row, Role::GlobalAdmin)
        && !row.offers.contains(&AccountAction::Delete);
    if last_global_admin {
        offered.push(lang.tui_users_last_global_admin_line().into());
    }
    offered
}
