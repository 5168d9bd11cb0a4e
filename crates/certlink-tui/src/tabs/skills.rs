//! Skills report (R10): every person of the organization and their skills,
//! reflected or pending (R3), departed people still linked flagged (R12), and
//! the competencies each skill counts toward (R11). The cells come from the
//! shared formatter `report::skill_cells`, so the tab, the CLI and the CSV say
//! the same thing.
//!
//! The tab holds the report as row handles, never as rows (issue #7): a pass
//! over the report's stream on the worker gives the handles, the order of the
//! sort column and the rows matching the filter (`certlink_core::browse`); the
//! rows drawn, and a few pages around them, are read again by handle into a
//! bounded cache. A newer sort or filter supersedes a running pass.
//! [`SkillsTab::render`] draws from this state alone (benchmarks call it
//! directly); a row not read yet is a muted "…", never a made-up value.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering as AtomicOrdering};

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::components::text_input::TextInput;
use crate::components::{scroll_offset, truncate};
use crate::theme::{Mark, Theme};
use certlink_core::report;
use certlink_core::service::SkillRow;
use certlink_domain::time::DateFormat;

pub use certlink_core::browse::columns::{SKILL_NAME_CELL, SkillColumn, SortOrder};
use certlink_core::browse::index::{
    HandleList, Handles, IndexBuilder, IndexRequest, IndexUpdate, PosSet, RowHandle, Stop, needle,
};
pub use certlink_core::browse::reads::{IndexFailure, IndexJob};
use certlink_core::browse::sort::{Pos, SortBudget};

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

/// How this tab words a column and the sort order.
pub trait ColumnWords {
    fn title(self) -> &'static str;
}

impl ColumnWords for SkillColumn {
    fn title(self) -> &'static str {
        match self {
            SkillColumn::Name => "Name",
            SkillColumn::Email => "Email",
            SkillColumn::Mcid => "MCID",
            SkillColumn::Account => "Account",
            SkillColumn::Kind => "Kind",
            SkillColumn::Skill => "Skill",
            SkillColumn::Earned => "Earned",
            SkillColumn::Reflection => "Reflection",
            SkillColumn::Competencies => "Competencies",
        }
    }
}

/// The sort order in the tab's words.
pub trait SortWords {
    fn arrow(self) -> &'static str;
    fn describe(self) -> String;
}

impl SortWords for SortOrder {
    /// "▲" or "▼", next to the column title.
    fn arrow(self) -> &'static str {
        if self.descending { "▼" } else { "▲" }
    }

    /// In words, for the title line (the arrow alone is easy to miss).
    fn describe(self) -> String {
        let way = if self.descending {
            "descending"
        } else {
            "ascending"
        };
        format!("sorted by {} {} ({way})", self.column.title(), self.arrow())
    }
}

/// Which columns stay when the terminal is narrow, most wanted first: who,
/// what, whether they left (R12), whether it shows yet (R3).
const PRIORITY: [SkillColumn; 9] = [
    SkillColumn::Name,
    SkillColumn::Skill,
    SkillColumn::Account,
    SkillColumn::Reflection,
    SkillColumn::Earned,
    SkillColumn::Mcid,
    SkillColumn::Email,
    SkillColumn::Competencies,
    SkillColumn::Kind,
];

/// Widths in cells: the narrowest that still says something, the width
/// wanted when there is room, the widest useful, and the share of spare room.
fn widths(column: SkillColumn, has_departed: bool) -> ColumnWidths {
    let (min, want, max, share) = match column {
        SkillColumn::Name => (12, 16, 24, 3),
        SkillColumn::Email => (16, 20, 28, 3),
        SkillColumn::Mcid => (8, 8, 8, 0),
        // "deleted (still linked)" when someone departed, else "active".
        SkillColumn::Account if has_departed => (22, 22, 22, 0),
        SkillColumn::Account => (7, 7, 7, 0),
        SkillColumn::Kind => (13, 13, 13, 0),
        SkillColumn::Skill => (8, 10, 32, 2),
        SkillColumn::Earned => (10, 10, 10, 0),
        // "pending until 2026-11-26"; "expected between 2026-11-27 and 2026-11-30"
        SkillColumn::Reflection => (12, 24, 42, 3),
        SkillColumn::Competencies => (12, 20, 30, 2),
    };
    ColumnWidths {
        min,
        want,
        max,
        share,
    }
}

struct ColumnWidths {
    min: u16,
    want: u16,
    max: u16,
    share: u16,
}

/// What the tab holds of the report: handles and orders, never the rows
/// (issue #7): 4 (or 8) bytes per row for the handle, 4 for the sorted order, 4 for
/// the view (shared with the order while no filter is set).
struct SkillsIndex {
    /// Every row of the report, in the report's order.
    handles: Arc<HandleList>,
    /// Positions in `handles`, in `sorted_by` order.
    sorted: Arc<Vec<Pos>>,
    sorted_by: SortOrder,
    /// The filter text the view was made with, and the rows it matches.
    matches: Option<(String, PosSet)>,
    /// The sorted rows that match the filter: what the table shows.
    view: Arc<Vec<Pos>>,
    /// Some row is a departed person still linked (R12): the Account column
    /// then needs room for "deleted (still linked)".
    has_departed: bool,
    /// False while only the first page is in and the rest is being read.
    complete: bool,
    /// Dates as the service formatted them when the report was read: the
    /// cells, the filter and the download all use this one.
    dates: DateFormat,
}

/// A row read for drawing, or a handle whose row is no longer in the report.
enum Cached {
    Row(Box<SkillRow>),
    Gone,
}

/// What a pass over the report computes: everything afresh, a sort, a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Want {
    full: bool,
    sort: Option<SortOrder>,
    filter: Option<String>,
}

/// A pass running on the worker.
struct Work {
    generation: u64,
    want: Want,
    progress: Arc<AtomicUsize>,
    /// Told to stop (a newer sort or filter): its answer will be dropped, and
    /// the next pass starts when it has ended, so passes never pile up.
    superseded: bool,
}

/// What the download writes: every handle, the view's positions in them
/// (both shared with the tab, not copied), and the dates the cells use.
pub type DownloadOrder = (Arc<HandleList>, Arc<Vec<Pos>>, DateFormat);

/// A row whose person left the report since the handles were taken.
const GONE: &str = "(gone)";

/// Rows read around the visible ones, each way, in pages.
const MARGIN_PAGES: usize = 2;

#[derive(Default)]
pub struct SkillsTab {
    pub sort: SortOrder,
    /// The `/` filter: case-insensitive, a substring of any cell.
    pub filter: TextInput,
    /// The filter line has the keys (typing edits the filter).
    pub filtering: bool,
    /// Index into the view.
    pub selected: usize,
    /// None until the first page is read.
    index: Option<SkillsIndex>,
    /// The rows around the visible window, by handle (bounded: see
    /// [`SkillsTab::take_rows`]).
    cache: HashMap<RowHandle, Cached>,
    work: Option<Work>,
    latest: Arc<AtomicU64>,
    /// Everything must be read again (`r`, or the report changed under a pass).
    stale: bool,
    /// The last pass failed: not tried again until the sort, the filter or `r`
    /// asks for another.
    failed: Option<Want>,
    /// A read of rows is on the worker: one at a time, the newest window next.
    reading_rows: bool,
    rows_failed: bool,
}

/// Where the parts of the tab go; drawing, paging and clicks share it.
pub struct SkillsLayout {
    pub title: Rect,
    /// Header line and rows.
    pub table: Rect,
    /// The selected row in full, two lines.
    pub detail: Rect,
    /// The filter and the row count.
    pub filter: Rect,
}

const DETAIL_HEIGHT: u16 = 2;

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
        });
        self.stale = false;
        self.failed = None;
        self.rows_failed = false;
        // A first page too odd to index shows empty until the whole pass says why.
        if let Ok(update) = update {
            self.apply(update, true);
        }
        if let Some(index) = &mut self.index {
            index.complete = false;
        }
    }

    /// `r`: read everything again, keeping the view on screen meanwhile.
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

    pub fn cycle_sort(&mut self) {
        self.sort = SortOrder {
            column: self.sort.column.next(),
            descending: false,
        };
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

    /// What the sort, the filter or `r` ask of the report that the tab does
    /// not have yet, as a pass for the worker; None if nothing, or if that pass
    /// is already running. A new pass supersedes the one running.
    pub fn plan_index(&mut self) -> Option<IndexJob> {
        let want = self.wanted();
        match (&mut self.work, &want) {
            (Some(w), Some(want)) if w.want == *want && !w.superseded => return None,
            (Some(w), _) => {
                if !w.superseded {
                    w.superseded = true;
                    self.latest.fetch_add(1, AtomicOrdering::Relaxed);
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
        let generation = self.latest.fetch_add(1, AtomicOrdering::Relaxed) + 1;
        let progress = Arc::new(AtomicUsize::new(0));
        let request = IndexRequest {
            known: (!want.full).then(|| Arc::clone(&index.handles)),
            sort: want.sort,
            filter: want.filter.clone(),
        };
        let dates = index.dates;
        self.work = Some(Work {
            generation,
            want,
            progress: Arc::clone(&progress),
            superseded: false,
        });
        Some(IndexJob {
            generation,
            request,
            dates,
            progress,
            latest: Arc::clone(&self.latest),
        })
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
            .is_some_and(|w| w.generation == generation);
        if !current {
            return None;
        }
        let work = self.work.take()?;
        if work.superseded {
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
                Some("The skills report has more rows for one person, or larger account numbers, than this screen can browse; download it with `certlink report skills` instead.".into())
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
            index.handles = Arc::new(handles);
            index.complete = true;
            self.stale = false;
        }
        index.has_departed = update.has_departed;
        if let Some((order, sorted)) = update.sorted {
            index.sorted = Arc::new(sorted);
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

    fn selected_handle(&self) -> Option<RowHandle> {
        self.handle_at(self.selected)
    }

    /// The progress of the running pass, for the title line.
    pub fn work_label(&self) -> Option<String> {
        let work = self.work.as_ref()?;
        let want = if work.superseded {
            self.wanted()?
        } else {
            work.want.clone()
        };
        let done = if work.superseded {
            0
        } else {
            work.progress.load(AtomicOrdering::Relaxed)
        };
        let done = grouped(done);
        let total = self.total();
        Some(match &want {
            Want { full: true, .. } => format!("Reading the skills report: {done} rows…"),
            Want {
                sort: Some(order), ..
            } => format!(
                "Sorting by {} {}: {done} of {} rows…",
                order.column.title(),
                order.arrow(),
                grouped(total)
            ),
            _ => format!("Filtering: {done} of {} rows…", grouped(total)),
        })
    }

    /// The rows to read so that the visible window and `MARGIN_PAGES` around
    /// it are at hand (`visible` rows fit on screen); None if they are, or
    /// if a read is already running (the newest window is read after it).
    pub fn plan_rows(&mut self, visible: usize) -> Option<Vec<RowHandle>> {
        if self.reading_rows || self.rows_failed {
            return None;
        }
        let missing: Vec<RowHandle> = self
            .window(visible)
            .into_iter()
            .filter(|h| !self.cache.contains_key(h))
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
            let cached = row.map_or(Cached::Gone, |r| Cached::Row(Box::new(r)));
            self.cache.insert(handle, cached);
        }
        let keep: HashSet<RowHandle> = self.window(visible).into_iter().collect();
        self.cache.retain(|h, _| keep.contains(h));
    }

    /// A read of rows failed: shown once; `r` tries again.
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

    pub fn layout(area: Rect) -> SkillsLayout {
        let line = |y: u16| Rect::new(area.x, y, area.width, u16::from(y < area.bottom()));
        let title = line(area.y);
        let filter = line(area.bottom().saturating_sub(1).max(area.y));
        let detail_y = filter.y.saturating_sub(DETAIL_HEIGHT).max(area.y + 1);
        let detail = Rect::new(
            area.x,
            detail_y,
            area.width,
            filter.y.saturating_sub(detail_y),
        );
        let table_y = area.y + 1;
        let table = Rect::new(
            area.x,
            table_y,
            area.width,
            detail.y.saturating_sub(table_y),
        );
        SkillsLayout {
            title,
            table,
            detail,
            filter,
        }
    }

    /// Rows that fit under the header: a page for PgUp/PgDn.
    pub fn page(area: Rect) -> usize {
        usize::from(SkillsTab::layout(area).table.height.saturating_sub(1)).max(1)
    }

    /// The view index of the row under a click.
    pub fn row_at(&self, area: Rect, row: u16) -> Option<usize> {
        let table = SkillsTab::layout(area).table;
        let first = table.y + 1;
        if row < first || row >= table.bottom() {
            return None;
        }
        let offset = scroll_offset(self.selected, SkillsTab::page(area));
        let index = offset + usize::from(row - first);
        (index < self.shown()).then_some(index)
    }

    /// Draws the tab from its state alone: no service call, no clock. Rows
    /// not read yet are a muted "…" (a read is on its way). `busy` is the
    /// progress label while the first page is being read.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, busy: Option<&str>) {
        let Some(index) = &self.index else {
            let text = busy.unwrap_or("The skills report is not loaded: press r to read it.");
            frame.render_widget(
                Paragraph::new(Line::styled(text.to_string(), theme.muted))
                    .wrap(Wrap { trim: true }),
                area,
            );
            return;
        };
        let layout = SkillsTab::layout(area);
        let width = usize::from(area.width);
        let title = match self.work_label() {
            Some(work) => format!("Skills report (R10) · {work}"),
            None => format!(
                "Skills report (R10) · {} · as of {}",
                index.sorted_by.describe(),
                index.dates.date_time(index.dates.now),
            ),
        };
        frame.render_widget(
            Line::styled(truncate(&title, width), theme.heading),
            layout.title,
        );
        self.render_filter_line(frame, layout.filter, theme);
        if index.handles.is_empty() && !self.is_working() {
            // R10: say what to check when no one has skills data.
            frame.render_widget(
                Paragraph::new(Line::styled(report::EMPTY_SKILLS_REPORT, theme.text))
                    .wrap(Wrap { trim: true }),
                Rect {
                    height: layout.table.height + layout.detail.height,
                    ..layout.table
                },
            );
            return;
        }
        if index.view.is_empty() {
            let text = if self.is_working() {
                "…".to_string()
            } else {
                format!(
                    "No row matches \"{}\". Esc clears the filter.",
                    self.filter.value()
                )
            };
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme.muted)).wrap(Wrap { trim: true }),
                layout.table,
            );
            return;
        }
        self.render_table(frame, layout.table, index, theme);
        self.render_detail(frame, layout.detail, index, theme);
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, index: &SkillsIndex, theme: &Theme) {
        let columns = fit_columns(area.width, index.has_departed);
        let visible = usize::from(area.height.saturating_sub(1));
        let offset = scroll_offset(self.selected, visible);
        // Only the visible window is formatted and built.
        let rows = index.view.iter().skip(offset).take(visible).map(|&pos| {
            let cached = index
                .handles
                .get(pos as usize)
                .and_then(|h| self.cache.get(&h));
            let row = match cached {
                Some(Cached::Row(row)) => row,
                // Never a made-up value: not read yet, or gone since.
                Some(Cached::Gone) => {
                    return Row::new([Span::styled(GONE, theme.muted)]);
                }
                None => return Row::new([Span::styled("…", theme.muted)]),
            };
            let cells = report::skill_cells(row, &index.dates);
            Row::new(columns.iter().map(|(column, cells_wide)| {
                // Cut with "…" so a cut cell looks cut.
                let text = truncate(&cells[column.cell()], usize::from(*cells_wide));
                let style = match column {
                    SkillColumn::Account if row.departed_still_linked => theme.warn,
                    SkillColumn::Reflection if !row.reflected && row.visible_from.is_some() => {
                        theme.warn
                    }
                    _ => theme.text,
                };
                Span::styled(text, style)
            }))
        });
        let header = Row::new(columns.iter().map(|(column, _)| {
            if *column == index.sorted_by.column {
                format!("{} {}", column.title(), index.sorted_by.arrow())
            } else {
                column.title().to_string()
            }
        }))
        .style(theme.heading);
        let widths: Vec<Constraint> = columns
            .iter()
            .map(|(_, w)| Constraint::Length(*w))
            .collect();
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(theme.selected)
            .highlight_symbol(Mark::SELECTED)
            .highlight_spacing(HighlightSpacing::Always);
        let mut state = TableState::default().with_selected(Some(self.selected - offset));
        frame.render_stateful_widget(table, area, &mut state);
    }

    /// The selected row in full: narrow terminals drop columns, not facts.
    fn render_detail(&self, frame: &mut Frame, area: Rect, index: &SkillsIndex, theme: &Theme) {
        let Some(row) = self.selected_row() else {
            let gone = self
                .selected_handle()
                .is_some_and(|h| matches!(self.cache.get(&h), Some(Cached::Gone)));
            let text = if gone {
                "This row is no longer in the report: r reads the report again."
            } else {
                "…"
            };
            frame.render_widget(
                Line::styled(truncate(text, usize::from(area.width)), theme.muted),
                area,
            );
            return;
        };
        let c = report::skill_cells(row, &index.dates);
        let width = usize::from(area.width);
        let mut person = vec![c[1].clone(), c[2].clone()];
        if !c[3].is_empty() {
            person.push(format!("MCID {} linked since {}", c[3], c[4]));
        }
        person.push(c[5].clone());
        // The reflection (R3) early: a pending date must survive truncation.
        let skill = if row.kind.is_some() {
            let mut parts = vec![
                format!("{} {}", c[6], c[7]),
                c[11].clone(),
                format!("earned {}", c[9]),
            ];
            if !c[10].is_empty() {
                parts.push(format!("expires {}", c[10]));
            }
            if !c[12].is_empty() {
                parts.push(format!("counts toward {}", c[12]));
            }
            parts.push(c[SKILL_NAME_CELL].clone());
            parts.join(" · ")
        } else {
            "No certifications, exams or assessments yet.".to_string()
        };
        let lines = vec![
            Line::styled(truncate(&person.join(" · "), width), theme.muted),
            Line::styled(truncate(&skill, width), theme.muted),
        ];
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_filter_line(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        if area.height == 0 {
            return;
        }
        let count = format!("  {} of {} rows", self.shown(), self.total());
        let label = "Filter: ";
        if self.filtering {
            let room = area
                .width
                .saturating_sub((label.width() + count.width()) as u16);
            frame.render_widget(Span::styled(label, theme.heading), area);
            let input = Rect {
                x: area.x + label.width() as u16,
                width: room,
                ..area
            };
            self.filter.render(frame, input, theme.input_focus, true);
            frame.render_widget(
                Span::styled(count, theme.muted),
                Rect {
                    x: input.x + input.width,
                    width: area.width.saturating_sub(input.x + input.width - area.x),
                    ..area
                },
            );
            return;
        }
        let text = if self.filter.value().is_empty() {
            format!("{} of {} rows · / filters", self.shown(), self.total())
        } else {
            format!(
                "Filter \"{}\" · {} of {} rows · / edits, Esc clears",
                self.filter.value(),
                self.shown(),
                self.total()
            )
        };
        frame.render_widget(
            Line::styled(truncate(&text, usize::from(area.width)), theme.muted),
            area,
        );
    }
}

/// Columns shown at their narrowest before any lower one is added: who, what,
/// departed or not, reflected or not.
const CORE_COLUMNS: usize = 4;

/// The columns that fit in `width` cells, in display order, with their widths.
/// The longest run of [`PRIORITY`] that fits at the widths the
/// columns want; if that leaves out a core column, the longest run of core
/// columns that fits at their narrowest. Spare room then goes to the wanted
/// widths, in priority order, and then by share up to each widest.
fn fit_columns(width: u16, has_departed: bool) -> Vec<(SkillColumn, u16)> {
    // The selection mark takes two cells.
    let room = usize::from(width.saturating_sub(Mark::SELECTED.width() as u16));
    let widths = |c: &SkillColumn| widths(*c, has_departed);
    let needs = |n: usize, pick: fn(&ColumnWidths) -> u16| -> usize {
        let cells: usize = PRIORITY[..n]
            .iter()
            .map(|c| usize::from(pick(&widths(c))))
            .sum();
        cells + n.saturating_sub(1)
    };
    let longest = |max: usize, pick: fn(&ColumnWidths) -> u16| -> usize {
        (0..=max)
            .rev()
            .find(|&n| needs(n, pick) <= room)
            .unwrap_or(0)
    };
    let mut count = longest(PRIORITY.len(), |w| w.want);
    if count < CORE_COLUMNS {
        count = count.max(longest(CORE_COLUMNS, |w| w.min));
    }
    let mut chosen: Vec<(SkillColumn, u16)> = PRIORITY[..count]
        .iter()
        .map(|c| (*c, widths(c).min))
        .collect();
    let mut spare = room.saturating_sub(needs(count, |w| w.min)) as u16;
    for (column, cells) in &mut chosen {
        let give = widths(column).want.saturating_sub(*cells).min(spare);
        *cells += give;
        spare -= give;
    }
    while spare > 0 {
        let mut gave = false;
        for (column, cells) in &mut chosen {
            let w = widths(column);
            let give = w.share.min(w.max.saturating_sub(*cells)).min(spare);
            if give > 0 {
                *cells += give;
                spare -= give;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    chosen.sort_by_key(|(c, _)| SkillColumn::ALL.iter().position(|a| a == c));
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_cells_name_the_shared_formatters_columns() {
        let names: Vec<&str> = SkillColumn::ALL
            .iter()
            .map(|c| report::SKILL_COLUMNS[c.cell()])
            .collect();
        assert_eq!(
            names,
            [
                "name",
                "email",
                "mcid",
                "account_status",
                "kind",
                "skill_id",
                "earned",
                "reflection",
                "competencies"
            ]
        );
        assert_eq!(report::SKILL_COLUMNS[SKILL_NAME_CELL], "skill");
    }

    #[test]
    fn narrow_terminals_keep_the_most_wanted_columns() {
        let at =
            |w| -> Vec<SkillColumn> { fit_columns(w, true).into_iter().map(|(c, _)| c).collect() };
        assert_eq!(
            at(60),
            [
                SkillColumn::Name,
                SkillColumn::Account,
                SkillColumn::Skill,
                SkillColumn::Reflection
            ]
        );
        assert_eq!(
            at(80),
            [
                SkillColumn::Name,
                SkillColumn::Account,
                SkillColumn::Skill,
                SkillColumn::Reflection
            ]
        );
        let without_departures: Vec<SkillColumn> =
            fit_columns(80, false).into_iter().map(|(c, _)| c).collect();
        assert!(without_departures.contains(&SkillColumn::Earned));
        assert_eq!(at(200).len(), SkillColumn::ALL.len());
        for w in [40, 60, 80, 120, 200] {
            let total: u16 = fit_columns(w, true).iter().map(|(_, w)| w + 1).sum();
            assert!(total < w, "{w}: {total}");
        }
    }
}
