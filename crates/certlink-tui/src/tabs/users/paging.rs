//! The Users tab's window on the organization's accounts (issue 15,
//! principle 6): the rows around the selection, where they are in the whole
//! list, and how many there are. Moving reads only what the screen lacks —
//! the rows after or before the window, or at Home/End the first or last page
//! at once — so 20,000 accounts page like twenty. Positions come from the
//! count read with the window; a refresh reads both again.

use certlink_core::service::{Service, ServiceError, Session, UserFilter, UserListRow, UserSeek};
use certlink_domain::AccountId;

use crate::components::scroll_offset;

#[derive(Debug, Clone, Default)]
pub struct AccountWindow {
    /// Consecutive rows of the (filtered) list, in id order.
    pub rows: Vec<UserListRow>,
    /// Where `rows[0]` is in the whole list.
    pub first: usize,
    /// The selected row's place in the whole list.
    pub selected: usize,
    /// How many accounts match the filter.
    pub total: usize,
    /// How many accounts the organization has.
    pub all: usize,
}

/// Pages kept beyond what the screen needs, either way, before the window
/// drops rows: a bounded window whatever is scrolled through.
const SLACK_PAGES: usize = 2;

impl AccountWindow {
    pub fn selected_row(&self) -> Option<&UserListRow> {
        self.rows.get(self.selected.checked_sub(self.first)?)
    }

    /// The row at a place in the whole list, if read.
    pub fn row(&self, position: usize) -> Option<&UserListRow> {
        self.rows.get(position.checked_sub(self.first)?)
    }

    /// Moves the selection by `delta` rows within the whole list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.total.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Reads the counts and the rows around the selection again, from the
    /// window's first row, keeping the same account selected when it is still
    /// listed: one count and a screen's worth of rows.
    pub fn reread(
        &mut self,
        service: &Service,
        session: &Session,
        filter: &UserFilter,
        page: usize,
    ) -> Result<(), ServiceError> {
        self.all = service.count_users(session, &UserFilter::default())?;
        self.total = if filter.is_empty() {
            self.all
        } else {
            service.count_users(session, filter)?
        };
        let keep = self.selected_row().map(|r| r.id);
        let seek = match self.rows.first() {
            // Strictly after the id below the first row: from the first row on.
            Some(row) if row.id.0 > 0 => UserSeek::After(AccountId(row.id.0 - 1)),
            _ => UserSeek::First,
        };
        let asked = self.rows.len().max(2 * page);
        self.rows = service.users_page(session, filter, seek, asked)?;
        if seek == UserSeek::First {
            self.first = 0;
        }
        self.first = self.first.min(self.total.saturating_sub(self.rows.len()));
        self.selected = keep
            .and_then(|id| self.rows.iter().position(|r| r.id == id))
            .map(|i| self.first + i)
            .unwrap_or(self.selected)
            .min(self.total.saturating_sub(1));
        self.fill(service, session, filter, page)
    }

    /// Starts again from the first row (a new filter).
    pub fn restart(
        &mut self,
        service: &Service,
        session: &Session,
        filter: &UserFilter,
        page: usize,
    ) -> Result<(), ServiceError> {
        *self = AccountWindow::default();
        self.reread(service, session, filter, page)
    }

    /// Reads what the screen at the selection lacks: the rows from the first
    /// one shown to a page past the last.
    pub fn fill(
        &mut self,
        service: &Service,
        session: &Session,
        filter: &UserFilter,
        page: usize,
    ) -> Result<(), ServiceError> {
        let want_lo = scroll_offset(self.selected, page);
        let want_hi = (want_lo + 2 * page).min(self.total);
        let have_lo = self.first;
        let have_hi = self.first + self.rows.len();
        let apart = self.rows.is_empty() || want_hi <= have_lo || want_lo >= have_hi;
        if apart && want_lo == 0 {
            self.rows = service.users_page(session, filter, UserSeek::First, want_hi)?;
            self.first = 0;
        } else if apart && want_hi == self.total && want_hi > have_hi {
            // End: the last page at once, however far it is.
            let asked = want_hi - want_lo;
            self.rows = service.users_page(session, filter, UserSeek::Last, asked)?;
            self.first = self.total.saturating_sub(self.rows.len());
        } else {
            if want_lo < have_lo
                && let Some(top) = self.rows.first().map(|r| r.id)
            {
                let mut above = service.users_page(
                    session,
                    filter,
                    UserSeek::Before(top),
                    have_lo - want_lo,
                )?;
                self.first = self.first.saturating_sub(above.len());
                above.append(&mut self.rows);
                self.rows = above;
            }
            if want_hi > have_hi
                && let Some(bottom) = self.rows.last().map(|r| r.id)
            {
                let below = service.users_page(
                    session,
                    filter,
                    UserSeek::After(bottom),
                    want_hi - have_hi,
                )?;
                self.rows.extend(below);
            }
        }
        self.trim(want_lo, want_hi, page);
        Ok(())
    }

    /// Drops rows more than [`SLACK_PAGES`] pages away from the screen.
    fn trim(&mut self, want_lo: usize, want_hi: usize, page: usize) {
        let slack = SLACK_PAGES * page;
        let keep_hi = want_hi + slack;
        let have_hi = self.first + self.rows.len();
        if have_hi > keep_hi {
            self.rows.truncate(keep_hi.saturating_sub(self.first));
        }
        let keep_lo = want_lo.saturating_sub(slack);
        if self.first < keep_lo {
            let drop = (keep_lo - self.first).min(self.rows.len());
            self.rows.drain(..drop);
            self.first += drop;
        }
    }
}
