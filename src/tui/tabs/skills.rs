//! Skills report (R10): every person of the organization and their skills,
//! reflected or pending (R3), departed people still linked flagged (R12), and
//! the competencies each skill counts toward (R11). The cells come from the
//! shared formatter `report::skill_cells`, so the tab, the CLI and the CSV say
//! the same thing.
//!
//! The organization's rows are read once (on the worker) and held in memory to
//! sort and filter: [`SkillsData`] holds them with a lower-case text of each row
//! for the filter, [`SkillsTab`] holds the order and the filtered view as row
//! indices. Drawing builds `Row` widgets for the visible window only, so 100,000
//! rows scroll as fast as ten. [`SkillsTab::render`] draws from this prepared
//! state alone (benchmarks call it directly).

use std::cmp::Ordering;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::time::DateFormat;
use crate::report;
use crate::service::SkillRow;
use crate::tui::components::text_input::TextInput;
use crate::tui::components::{scroll_offset, truncate};
use crate::tui::theme::{Mark, Theme};

/// The organization's report as loaded, ready to sort and filter.
pub struct SkillsData {
    pub rows: Vec<SkillRow>,
    /// Per row: its cells in lower case, joined, for the case-insensitive filter.
    haystacks: Vec<String>,
    /// Dates as the service formatted them when the report was read: the cells,
    /// the filter and the download all use this one.
    pub dates: DateFormat,
    /// Some row is a departed person still linked (R12): the Account column then
    /// needs room for "deleted (still linked)".
    has_departed: bool,
}

impl SkillsData {
    /// Builds the filter text of every row once (the worker does this, not the
    /// input thread).
    pub fn prepare(rows: Vec<SkillRow>, dates: DateFormat) -> SkillsData {
        let haystacks = rows
            .iter()
            .map(|row| {
                let cells = report::skill_cells(row, &dates);
                let mut text = String::new();
                for i in SkillColumn::ALL
                    .iter()
                    .map(|c| c.cell())
                    .chain([SKILL_NAME_CELL])
                {
                    text.push_str(&cells[i].to_lowercase());
                    // A separator no one types: a match never spans two cells.
                    text.push('\u{1f}');
                }
                text
            })
            .collect();
        let has_departed = rows.iter().any(|r| r.departed_still_linked);
        SkillsData {
            rows,
            haystacks,
            dates,
            has_departed,
        }
    }
}

/// Index of the skill's name in `report::SKILL_COLUMNS` (shown in the detail
/// lines, matched by the filter).
const SKILL_NAME_CELL: usize = 8;

/// The columns this tab can show, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SkillColumn {
    #[default]
    Name,
    Email,
    Mcid,
    Account,
    Kind,
    Skill,
    Earned,
    Reflection,
    Competencies,
}

impl SkillColumn {
    pub const ALL: [SkillColumn; 9] = [
        SkillColumn::Name,
        SkillColumn::Email,
        SkillColumn::Mcid,
        SkillColumn::Account,
        SkillColumn::Kind,
        SkillColumn::Skill,
        SkillColumn::Earned,
        SkillColumn::Reflection,
        SkillColumn::Competencies,
    ];

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

    pub fn title(self) -> &'static str {
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

    /// The index of this column's cell in `report::SKILL_COLUMNS`.
    pub fn cell(self) -> usize {
        match self {
            SkillColumn::Name => 1,
            SkillColumn::Email => 2,
            SkillColumn::Mcid => 3,
            SkillColumn::Account => 5,
            SkillColumn::Kind => 6,
            SkillColumn::Skill => 7,
            SkillColumn::Earned => 9,
            SkillColumn::Reflection => 11,
            SkillColumn::Competencies => 12,
        }
    }

    /// Widths in cells: the narrowest that still says something, the width
    /// wanted when there is room, the widest useful, and the share of spare room.
    fn widths(self, has_departed: bool) -> ColumnWidths {
        let (min, want, max, share) = match self {
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

    fn next(self) -> SkillColumn {
        let i = SkillColumn::ALL
            .iter()
            .position(|c| *c == self)
            .unwrap_or(0);
        SkillColumn::ALL[(i + 1) % SkillColumn::ALL.len()]
    }

    /// Orders two rows by this column (ties: the caller keeps the report's order).
    fn compare(self, a: &SkillRow, b: &SkillRow) -> Ordering {
        match self {
            SkillColumn::Name => a.name.cmp(&b.name).then_with(|| a.email.cmp(&b.email)),
            SkillColumn::Email => a.email.cmp(&b.email),
            SkillColumn::Mcid => a.mcid.cmp(&b.mcid),
            SkillColumn::Account => report::account_status(a).cmp(&report::account_status(b)),
            SkillColumn::Kind => a.kind.cmp(&b.kind),
            SkillColumn::Skill => a.skill_id.cmp(&b.skill_id),
            SkillColumn::Earned => a.earned.cmp(&b.earned),
            // Pending first, by the day they show (R3).
            SkillColumn::Reflection => {
                (a.reflected, a.visible_from).cmp(&(b.reflected, b.visible_from))
            }
            SkillColumn::Competencies => a.competencies.cmp(&b.competencies),
        }
    }
}

struct ColumnWidths {
    min: u16,
    want: u16,
    max: u16,
    share: u16,
}

/// The sort column and direction (`s` cycles the column, `S` reverses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SortOrder {
    pub column: SkillColumn,
    pub descending: bool,
}

impl SortOrder {
    /// "▲" or "▼", next to the column title.
    pub fn arrow(self) -> &'static str {
        if self.descending { "▼" } else { "▲" }
    }

    /// In words, for the title line (the arrow alone is easy to miss).
    pub fn describe(self) -> String {
        let way = if self.descending {
            "descending"
        } else {
            "ascending"
        };
        format!("sorted by {} {} ({way})", self.column.title(), self.arrow())
    }
}

#[derive(Default)]
pub struct SkillsTab {
    /// None until the first load finishes.
    pub data: Option<Arc<SkillsData>>,
    pub sort: SortOrder,
    /// The `/` filter: case-insensitive, a substring of any cell.
    pub filter: TextInput,
    /// The filter line has the keys (typing edits the filter).
    pub filtering: bool,
    /// All rows, as indices into `data.rows`, in sort order.
    sorted: Vec<usize>,
    /// The sorted rows that match the filter: what the table shows.
    view: Vec<usize>,
    /// Index into the view.
    pub selected: usize,
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
    /// A tab holding `data`, sorted by name (benchmarks and tests start here).
    pub fn with_data(data: Arc<SkillsData>) -> SkillsTab {
        let mut tab = SkillsTab::default();
        tab.load(data);
        tab
    }

    /// Takes newly read rows, keeping the sort and the filter; the selection
    /// stays on the same row when it is still there.
    pub fn load(&mut self, data: Arc<SkillsData>) {
        let keep = self.selected_index();
        self.data = Some(data);
        self.resort(keep);
    }

    /// Rows in the report.
    pub fn total(&self) -> usize {
        self.data.as_ref().map_or(0, |d| d.rows.len())
    }

    /// Rows shown (matching the filter).
    pub fn shown(&self) -> usize {
        self.view.len()
    }

    /// The shown rows, in order, as indices into `data.rows` (the download
    /// writes these).
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    fn selected_index(&self) -> Option<usize> {
        self.view.get(self.selected).copied()
    }

    pub fn selected_row(&self) -> Option<&SkillRow> {
        let data = self.data.as_ref()?;
        data.rows.get(self.selected_index()?)
    }

    pub fn cycle_sort(&mut self) {
        self.sort = SortOrder {
            column: self.sort.column.next(),
            descending: false,
        };
        let keep = self.selected_index();
        self.resort(keep);
    }

    pub fn reverse_sort(&mut self) {
        self.sort.descending = !self.sort.descending;
        let keep = self.selected_index();
        self.resort(keep);
    }

    /// The filter's text changed: filter again from the sorted rows.
    pub fn filter_changed(&mut self) {
        let keep = self.selected_index();
        self.refilter(keep);
    }

    pub fn clear_filter(&mut self) {
        self.filter.clear();
        self.filtering = false;
        self.filter_changed();
    }

    fn resort(&mut self, keep: Option<usize>) {
        let Some(data) = &self.data else {
            self.sorted.clear();
            self.view.clear();
            return;
        };
        let SortOrder { column, descending } = self.sort;
        let mut sorted: Vec<usize> = (0..data.rows.len()).collect();
        // A stable sort: equal rows keep the report's order either way.
        sorted.sort_by(|&a, &b| {
            let order = column.compare(&data.rows[a], &data.rows[b]);
            if descending { order.reverse() } else { order }
        });
        self.sorted = sorted;
        self.refilter(keep);
    }

    fn refilter(&mut self, keep: Option<usize>) {
        let Some(data) = &self.data else {
            return;
        };
        let needle = self.filter.value().trim().to_lowercase();
        self.view = if needle.is_empty() {
            self.sorted.clone()
        } else {
            self.sorted
                .iter()
                .copied()
                .filter(|&i| data.haystacks[i].contains(&needle))
                .collect()
        };
        self.selected = keep
            .and_then(|k| self.view.iter().position(|&i| i == k))
            .unwrap_or(self.selected)
            .min(self.view.len().saturating_sub(1));
    }

    /// Moves the selection by `delta` rows, clamped to the view.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.view.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
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
        (index < self.view.len()).then_some(index)
    }

    /// Draws the tab from its state alone: no service call, no clock.
    /// `busy` is the progress label while the report is being read.
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, busy: Option<&str>) {
        let Some(data) = &self.data else {
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
        let title = format!(
            "Skills report (R10) · {} · as of {}",
            self.sort.describe(),
            data.dates.date_time(data.dates.now),
        );
        frame.render_widget(
            Line::styled(truncate(&title, width), theme.heading),
            layout.title,
        );
        self.render_filter_line(frame, layout.filter, theme);
        if data.rows.is_empty() {
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
        if self.view.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    format!(
                        "No row matches \"{}\". Esc clears the filter.",
                        self.filter.value()
                    ),
                    theme.muted,
                ))
                .wrap(Wrap { trim: true }),
                layout.table,
            );
            return;
        }
        self.render_table(frame, layout.table, data, theme);
        self.render_detail(frame, layout.detail, data, theme);
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, data: &SkillsData, theme: &Theme) {
        let columns = fit_columns(area.width, data.has_departed);
        let visible = usize::from(area.height.saturating_sub(1));
        let offset = scroll_offset(self.selected, visible);
        // Only the visible window is formatted and built.
        let rows = self.view.iter().skip(offset).take(visible).map(|&i| {
            let row = &data.rows[i];
            let cells = report::skill_cells(row, &data.dates);
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
            if *column == self.sort.column {
                format!("{} {}", column.title(), self.sort.arrow())
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
    fn render_detail(&self, frame: &mut Frame, area: Rect, data: &SkillsData, theme: &Theme) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let c = report::skill_cells(row, &data.dates);
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
/// The longest run of [`SkillColumn::PRIORITY`] that fits at the widths the
/// columns want; if that leaves out a core column, the longest run of core
/// columns that fits at their narrowest. Spare room then goes to the wanted
/// widths, in priority order, and then by share up to each widest.
fn fit_columns(width: u16, has_departed: bool) -> Vec<(SkillColumn, u16)> {
    // The selection mark takes two cells.
    let room = usize::from(width.saturating_sub(Mark::SELECTED.width() as u16));
    let widths = |c: &SkillColumn| c.widths(has_departed);
    let needs = |n: usize, pick: fn(&ColumnWidths) -> u16| -> usize {
        let cells: usize = SkillColumn::PRIORITY[..n]
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
    let mut count = longest(SkillColumn::PRIORITY.len(), |w| w.want);
    if count < CORE_COLUMNS {
        count = count.max(longest(CORE_COLUMNS, |w| w.min));
    }
    let mut chosen: Vec<(SkillColumn, u16)> = SkillColumn::PRIORITY[..count]
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
