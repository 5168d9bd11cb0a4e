//! The report as row handles (issue #7): the first page, the passes over
//! the whole report that give the handles, the sort and the filter (on the
//! worker, `certlink_core::browse`; a newer sort or filter supersedes a
//! running pass, latest wins), and the bounded cache of the rows around the
//! window on screen, read again by handle.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use super::calls::DownloadOrder;
use super::words::{ColumnWords, SortWords};
use super::{Cached, MARGIN_PAGES, SkillsIndex, SkillsTab, Want, Work};
use crate::components::scroll_offset;
use certlink_core::browse::columns::{SkillColumn, SortOrder};
use certlink_core::browse::index::{
    Handles, IndexBuilder, IndexRequest, IndexUpdate, RowHandle, Stop, needle,
};
use certlink_core::browse::reads::{IndexFailure, IndexJob};
use certlink_core::browse::sort::{Pos, SortBudget};
use certlink_core::service::SkillRow;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

/// 1234567 as "1,234,567", for the progress line.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl SkillsTab {
    /// A tab holding `rows` whole, sorted by name (benchmarks and tests start
    /// here: every row is in the cache, so drawing needs no reads).
    pub fn with_rows(rows: Vec<SkillRow>, dates: DateFormat) -> SkillsTab {
        let mut tab = SkillsTab::default();
        tab.load_first_page(rows, dates);
        if let Some(index) = &mut tab.index {
            index.complete = true;
        }
        tab
    }

    /// The report's first page (the first people): on screen at once, while
    /// a pass reads the handles of the whole report (see [`Self::plan_index`]).
    pub fn load_first_page(&mut self, rows: Vec<SkillRow>, dates: DateFormat) {
        let request = IndexRequest {
            known: None,
            sort: Some(self.sort),
            filter: needle(self.filter.value()),
        };
        let mut builder = IndexBuilder::new(request, dates, SortBudget::DEFAULT);
        let mut handles = Handles::default();
        self.cache.clear();
        let mut built = Ok(());
        for row in rows {
            built = built.and_then(|()| builder.push(&row));
            if let Ok(handle) = handles.next(&row) {
                self.cache.insert(handle, Cached::Row(Box::new(row)));
            }
        }
        let update = built.and_then(|()| builder.finish());
        self.index = Some(SkillsIndex {
            handles: Arc::default(),
            sorted: Arc::default(),
            sorted_by: self.sort,
            matches: None,
            view: Arc::default(),
            has_departed: false,
            complete: false,
            dates,
            read_at: 0,
        });
        self.stale = false;
        self.failed = None;
        self.rows_failed = false;
        // A first page too odd to index shows empty until the whole pass says why.
        if let Ok(update) = update {
            self.apply(update, true);
        }
        // The rows cached are the ones just read.
        self.reread_rows = false;
        if let Some(index) = &mut self.index {
            index.complete = false;
        }
    }

    /// Read everything again, from nothing cached (tests and benchmarks;
    /// the tab itself follows the changes, `freshness.rs`).
    pub fn reload(&mut self) {
        self.stale = true;
        self.failed = None;
        self.rows_failed = false;
        self.cache.clear();
    }

    pub fn is_loaded(&self) -> bool {
        self.index.is_some()
    }

    /// True while the whole report's handles are still being read.
    pub fn is_partial(&self) -> bool {
        self.index.as_ref().is_some_and(|i| !i.complete)
    }

    /// Rows in the report.
    pub fn total(&self) -> usize {
        self.index.as_ref().map_or(0, |i| i.handles.len())
    }

    /// Rows shown (matching the filter).
    pub fn shown(&self) -> usize {
        self.index.as_ref().map_or(0, |i| i.view.len())
    }

    pub fn dates(&self) -> Option<&DateFormat> {
        self.index.as_ref().map(|i| &i.dates)
    }

    /// The shown rows' handles, in order.
    pub fn view_handles(&self) -> Vec<RowHandle> {
        self.index.as_ref().map_or_else(Vec::new, |i| {
            i.view
                .iter()
                .filter_map(|&p| i.handles.get(p as usize))
                .collect()
        })
    }

    /// What the download writes: the handles and the view's positions in
    /// them (shared, not copied), and the dates the cells use.
    pub fn download_order(&self) -> Option<DownloadOrder> {
        let i = self.index.as_ref()?;
        Some((Arc::clone(&i.handles), Arc::clone(&i.view), i.dates))
    }

    fn handle_at(&self, view_index: usize) -> Option<RowHandle> {
        let i = self.index.as_ref()?;
        let pos = *i.view.get(view_index)?;
        i.handles.get(pos as usize)
    }

    pub fn selected_row(&self) -> Option<&SkillRow> {
        match self.cache.get(&self.handle_at(self.selected)?)? {
            Cached::Row(row) => Some(row),
            Cached::Gone => None,
        }
    }

    /// `s`: the next of the columns `shown` on screen (display order),
    /// ascending; from a column not shown, the first shown.
    pub fn cycle_sort(&mut self, shown: &[SkillColumn]) {
        let next = match shown.iter().position(|c| *c == self.sort.column) {
            Some(i) => shown.get(i + 1).or(shown.first()),
            None => shown.first(),
        };
        if let Some(&column) = next {
            self.sort = SortOrder {
                column,
                descending: false,
            };
        }
    }

    /// A click on a column's title: sorted by it ascending, or reversed if
    /// it was the sort column already.
    pub fn sort_by_column(&mut self, column: SkillColumn) {
        if self.sort.column == column {
            self.reverse_sort();
        } else {
            self.sort = SortOrder {
                column,
                descending: false,
            };
        }
    }

    pub fn reverse_sort(&mut self) {
        self.sort.descending = !self.sort.descending;
    }

    /// The filter's text changed. An empty filter shows the sorted rows at
    /// once; any other waits for a pass.
    pub fn filter_changed(&mut self) {
        let keep = self.selected_pos();
        if needle(self.filter.value()).is_none()
            && let Some(index) = &mut self.index
            && index.matches.is_some()
        {
            index.matches = None;
            index.view = Arc::clone(&index.sorted);
            self.keep_selection(keep);
        }
    }

    pub fn clear_filter(&mut self) {
        self.filter.clear();
        self.filtering = false;
        self.filter_changed();
    }

    /// Moves the selection by `delta` rows, clamped to the view.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn selected_pos(&self) -> Option<Pos> {
        let i = self.index.as_ref()?;
        i.view.get(self.selected).copied()
    }

    /// Puts the selection back on the row at `pos` if it is still shown.
    fn keep_selection(&mut self, pos: Option<Pos>) {
        let Some(i) = &self.index else {
            return;
        };
        self.selected = pos
            .and_then(|p| i.view.iter().position(|&v| v == p))
            .unwrap_or(self.selected)
            .min(i.view.len().saturating_sub(1));
    }

    /// What the sort, the filter or a change ask of the report that the tab does
    /// not have yet, as a pass for the worker; None if nothing, or if that pass
    /// is already running. A new pass supersedes the one running.
    pub fn plan_index(&mut self) -> Option<IndexJob> {
        let want = self.wanted();
        match (&mut self.work, &want) {
            (Some(w), Some(want)) if w.want == *want && w.ticket.is_current() => return None,
            (Some(w), _) => {
                if w.ticket.is_current() {
                    self.latest.supersede();
                }
                return None;
            }
            (None, _) => {}
        }
        let want = want?;
        if self.failed.as_ref() == Some(&want) {
            return None;
        }
        let index = self.index.as_ref()?;
        let ticket = self.latest.ask();
        let progress = Arc::new(AtomicUsize::new(0));
        let request = IndexRequest {
            known: (!want.full).then(|| Arc::clone(&index.handles)),
            sort: want.sort,
            filter: want.filter.clone(),
        };
        let dates = index.dates;
        let job = IndexJob {
            generation: ticket.number(),
            request,
            dates,
            progress: Arc::clone(&progress),
            latest: ticket.newest(),
        };
        self.work = Some(Work {
            ticket,
            want,
            progress,
        });
        Some(job)
    }

    /// What the tab needs of a pass now: None if its view is up to date.
    fn wanted(&self) -> Option<Want> {
        let index = self.index.as_ref()?;
        let needle = needle(self.filter.value());
        let full = self.stale || !index.complete;
        let sort = (full || self.sort != index.sorted_by).then_some(self.sort);
        let made_with = index.matches.as_ref().map(|(n, _)| n);
        let filter = if full || needle.as_ref() != made_with {
            needle
        } else {
            None
        };
        (full || sort.is_some() || filter.is_some()).then_some(Want { full, sort, filter })
    }

    /// A pass's answer. A superseded one is dropped; a changed report makes
    /// the next pass read everything. Returns a failure to show, in words.
    pub fn index_done(
        &mut self,
        generation: u64,
        result: Result<IndexUpdate, IndexFailure>,
    ) -> Option<String> {
        let current = self
            .work
            .as_ref()
            .is_some_and(|w| w.ticket.number() == generation);
        if !current {
            return None;
        }
        let work = self.work.take()?;
        if !work.ticket.is_current() {
            return None;
        }
        match result {
            Ok(update) => {
                self.apply(update, work.want.full);
                None
            }
            Err(IndexFailure::Stop(Stop::Superseded)) => None,
            Err(IndexFailure::Stop(Stop::Changed)) => {
                self.stale = true;
                None
            }
            Err(IndexFailure::Stop(Stop::TooLarge)) => {
                self.failed = Some(work.want);
                Some(self.lang().tui_skills_too_large().into())
            }
            Err(IndexFailure::Message(message)) => {
                self.failed = Some(work.want);
                Some(message)
            }
        }
    }

    /// Takes a pass's result; `full` passes replace the filter's matches even
    /// when no filter was asked for.
    fn apply(&mut self, update: IndexUpdate, full: bool) {
        // The selection follows its row, except at the top of the first page:
        // the whole report then opens at its top too.
        let keep = self
            .selected_handle()
            .filter(|_| self.selected > 0 || !self.is_partial());
        let Some(index) = &mut self.index else {
            return;
        };
        if let Some(handles) = update.handles {
            index.handles = handles;
            index.complete = true;
            self.stale = false;
            // The rows kept were read by the old handles: read the window again.
            self.reread_rows = !self.cache.is_empty();
        }
        index.has_departed = update.has_departed;
        if let Some((order, sorted)) = update.sorted {
            index.sorted = sorted;
            index.sorted_by = order;
        }
        if full || update.matches.is_some() {
            index.matches = update.matches;
        }
        index.view = match &index.matches {
            Some((_, set)) => {
                // Counted first: the view is allocated once, at its size.
                let shown = index.sorted.iter().filter(|&&p| set.contains(p)).count();
                let mut view = Vec::with_capacity(shown);
                view.extend(index.sorted.iter().copied().filter(|&p| set.contains(p)));
                Arc::new(view)
            }
            None => Arc::clone(&index.sorted),
        };
        let pos = keep.and_then(|h| index.handles.position(h));
        self.keep_selection(pos.and_then(|p| Pos::try_from(p).ok()));
    }

    pub(super) fn selected_handle(&self) -> Option<RowHandle> {
        self.handle_at(self.selected)
    }

    /// The progress of the running pass, for the title line, in `lang`.
    pub fn work_label(&self, lang: Lang) -> Option<String> {
        let work = self.work.as_ref()?;
        let superseded = !work.ticket.is_current();
        let want = if superseded {
            self.wanted()?
        } else {
            work.want.clone()
        };
        let done = if superseded {
            0
        } else {
            work.progress.load(AtomicOrdering::Relaxed)
        };
        let done = grouped(done);
        let total = self.total();
        Some(match &want {
            Want { full: true, .. } => lang.tui_skills_work_reading(done),
            Want {
                sort: Some(order), ..
            } => lang.tui_skills_work_sorting(
                order.column.title_in(lang),
                order.arrow(),
                done,
                grouped(total),
            ),
            _ => lang.tui_skills_work_filtering(done, grouped(total)),
        })
    }

    /// The rows to read so that the visible window and `MARGIN_PAGES` around
    /// it are at hand (`visible` rows fit on screen), all of them after a
    /// refresh; None if they are, or if a read is already running (the
    /// newest window is read after it).
    pub fn plan_rows(&mut self, visible: usize) -> Option<Vec<RowHandle>> {
        if self.reading_rows || self.rows_failed {
            return None;
        }
        let again = std::mem::take(&mut self.reread_rows);
        let missing: Vec<RowHandle> = self
            .window(visible)
            .into_iter()
            .filter(|h| again || !self.cache.contains_key(h))
            .collect();
        if missing.is_empty() {
            return None;
        }
        self.reading_rows = true;
        Some(missing)
    }

    /// The handles of the window around the visible rows, in view order.
    fn window(&self, visible: usize) -> Vec<RowHandle> {
        let Some(i) = &self.index else {
            return Vec::new();
        };
        let offset = scroll_offset(self.selected, visible);
        let margin = visible.max(1) * MARGIN_PAGES;
        let start = offset.saturating_sub(margin);
        let end = (offset + visible + margin).min(i.view.len());
        i.view
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .filter_map(|&p| i.handles.get(p as usize))
            .collect()
    }

    /// Rows read for the window: the cache keeps only the current window's.
    pub fn take_rows(&mut self, rows: Vec<(RowHandle, Option<SkillRow>)>, visible: usize) {
        self.reading_rows = false;
        for (handle, row) in rows {
            // A person left the report since the handles were taken: the
            // next pass reads the whole report again.
            self.stale |= row.is_none();
            let cached = row.map_or(Cached::Gone, |r| Cached::Row(Box::new(r)));
            self.cache.insert(handle, cached);
        }
        let keep: HashSet<RowHandle> = self.window(visible).into_iter().collect();
        self.cache.retain(|h, _| keep.contains(h));
    }

    /// A read of rows failed: shown once; the next refresh tries again.
    pub fn rows_failed(&mut self) {
        self.reading_rows = false;
        self.rows_failed = true;
    }

    /// True while a pass or a read runs on the worker (the screen redraws).
    pub fn is_working(&self) -> bool {
        self.work.is_some() || self.reading_rows
    }

    /// Runs the pass the tab asks for over `rows` (the whole report, in
    /// order), here and now: tests compare the result with the rows sorted
    /// and filtered in memory.
    #[cfg(test)]
    pub fn index_in_memory(&mut self, rows: &[SkillRow]) {
        let Some(job) = self.plan_index() else {
            return;
        };
        let mut builder = IndexBuilder::new(job.request, job.dates, SortBudget::DEFAULT);
        let result = rows
            .iter()
            .try_for_each(|r| builder.push(r))
            .and_then(|()| builder.finish())
            .map_err(|e| match e {
                certlink_core::browse::index::PushError::Stop(s) => IndexFailure::Stop(s),
                certlink_core::browse::index::PushError::Io(e) => {
                    IndexFailure::Message(e.to_string())
                }
            });
        self.index_done(job.generation, result);
    }

    /// Rows held in the cache (tests check it stays bounded).
    pub fn cached_rows(&self) -> usize {
        self.cache.len()
    }
}
