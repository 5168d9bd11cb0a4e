//! A window on a long list paged from the store (issue 15, principle 6):
//! the rows around the selection, where they are in the whole list, and how
//! many there are. Moving reads only what the screen lacks — the rows after
//! or before the window, or at Home/End the first or last page at once — so
//! 20,000 rows page like twenty. Positions come from the count read with the
//! window; a refresh reads both again, from the same first row, keeping the
//! selected row. What a list reads is its [`Pager`] (the Users tab's
//! accounts, the Support tab's tickets).

use certlink_core::service::ServiceError;

use crate::components::scroll_offset;

/// Where a page starts, named by a row already read.
#[derive(Debug, Clone, Copy)]
pub enum Seek<'a, R> {
    First,
    /// The rows after this one.
    After(&'a R),
    /// The rows before it: the page that ends just above it.
    Before(&'a R),
    /// This row (if it is still listed) and those after it.
    From(&'a R),
    Last,
}

/// How a list reads its rows from the service, with its filter in force.
pub trait Pager {
    type Row;
    /// (rows matching the filter, rows in the list).
    fn counts(&self) -> Result<(usize, usize), ServiceError>;
    /// At most `limit` rows from `seek`, in list order.
    fn page(&self, seek: Seek<'_, Self::Row>, limit: usize)
    -> Result<Vec<Self::Row>, ServiceError>;
    /// Whether two reads are of the same row (its id).
    fn same(a: &Self::Row, b: &Self::Row) -> bool;
}

#[derive(Debug, Clone)]
pub struct PagedWindow<R> {
    /// Consecutive rows of the (filtered) list, in list order.
    pub rows: Vec<R>,
    /// Where `rows[0]` is in the whole list.
    pub first: usize,
    /// The selected row's place in the whole list.
    pub selected: usize,
    /// How many rows match the filter.
    pub total: usize,
    /// How many rows the list has.
    pub all: usize,
}

/// Pages kept beyond what the screen needs, either way, before the window
/// drops rows: a bounded window whatever is scrolled through.
const SLACK_PAGES: usize = 2;

impl<R> Default for PagedWindow<R> {
    fn default() -> Self {
        PagedWindow {
            rows: Vec::new(),
            first: 0,
            selected: 0,
            total: 0,
            all: 0,
        }
    }
}

impl<R: Clone> PagedWindow<R> {
    pub fn selected_row(&self) -> Option<&R> {
        self.rows.get(self.selected.checked_sub(self.first)?)
    }

    /// The row at a place in the whole list, if read.
    pub fn row(&self, position: usize) -> Option<&R> {
        self.rows.get(position.checked_sub(self.first)?)
    }

    /// Moves the selection by `delta` rows within the whole list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.total.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Reads the counts and the rows around the selection again, from the
    /// window's first row, keeping the same row selected when it is still
    /// listed: the counts and a screen's worth of rows.
    pub fn reread<P: Pager<Row = R>>(
        &mut self,
        pager: &P,
        page: usize,
    ) -> Result<(), ServiceError> {
        (self.total, self.all) = pager.counts()?;
        let keep = self.selected_row().cloned();
        let asked = self.rows.len().max(2 * page);
        // At the top, the top again: rows new above the old first one (a
        // ticket just opened, newest first) are then listed, not skipped.
        let rows = match self.rows.first() {
            Some(row) if self.first > 0 => pager.page(Seek::From(row), asked)?,
            _ => {
                self.first = 0;
                pager.page(Seek::First, asked)?
            }
        };
        self.rows = rows;
        self.first = self.first.min(self.total.saturating_sub(self.rows.len()));
        self.selected = keep
            .and_then(|kept| self.rows.iter().position(|r| P::same(r, &kept)))
            .map(|i| self.first + i)
            .unwrap_or(self.selected)
            .min(self.total.saturating_sub(1));
        self.fill(pager, page)
    }

    /// Starts again from the first row (a new filter).
    pub fn restart<P: Pager<Row = R>>(
        &mut self,
        pager: &P,
        page: usize,
    ) -> Result<(), ServiceError> {
        *self = PagedWindow::default();
        self.reread(pager, page)
    }

    /// Reads what the screen at the selection lacks: the rows from the first
    /// one shown to a page past the last.
    pub fn fill<P: Pager<Row = R>>(&mut self, pager: &P, page: usize) -> Result<(), ServiceError> {
        let want_lo = scroll_offset(self.selected, page);
        let want_hi = (want_lo + 2 * page).min(self.total);
        let have_lo = self.first;
        let have_hi = self.first + self.rows.len();
        let apart = self.rows.is_empty() || want_hi <= have_lo || want_lo >= have_hi;
        if apart && want_lo == 0 {
            self.rows = pager.page(Seek::First, want_hi)?;
            self.first = 0;
        } else if apart && want_hi == self.total && want_hi > have_hi {
            // End: the last page at once, however far it is.
            self.rows = pager.page(Seek::Last, want_hi - want_lo)?;
            self.first = self.total.saturating_sub(self.rows.len());
        } else {
            if want_lo < have_lo
                && let Some(top) = self.rows.first()
            {
                let mut above = pager.page(Seek::Before(top), have_lo - want_lo)?;
                self.first = self.first.saturating_sub(above.len());
                above.append(&mut self.rows);
                self.rows = above;
            }
            if want_hi > have_hi
                && let Some(bottom) = self.rows.last()
            {
                let below = pager.page(Seek::After(bottom), want_hi - have_hi)?;
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
