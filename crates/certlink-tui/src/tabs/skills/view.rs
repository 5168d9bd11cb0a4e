//! How the skills report is drawn, from the tab's state alone (benchmarks
//! call [`SkillsTab::draw`] directly): the title with the sort or the running
//! pass, the rows of the window (only those are formatted), the selected row
//! in full and the filter line. A row not read yet is a muted "…", never a
//! made-up value; narrow terminals drop columns, not facts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::words::{ColumnWords, SortWords};
use super::{Cached, KEYS, SkillsIndex, SkillsTab};
use crate::action::Action;
use crate::components::{scroll_offset, truncate};
use crate::keys;
use crate::theme::{Mark, Theme};
use certlink_core::browse::columns::{SKILL_NAME_CELL, SkillColumn};
use certlink_core::report;
use certlink_core::service::SkillRow;
use certlink_i18n::Lang;

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

    /// The columns drawn at this width, in display order: `s` cycles
    /// through these only.
    pub fn shown_columns(&self, area: Rect) -> Vec<SkillColumn> {
        let has_departed = self.index.as_ref().is_some_and(|i| i.has_departed);
        fit_columns(SkillsTab::layout(area).table.width, has_departed)
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    }

    /// The column whose title is under a click, if any: the header line,
    /// after the selection mark, one cell between columns as drawn.
    pub fn title_at(&self, area: Rect, column: u16, row: u16) -> Option<SkillColumn> {
        let index = self.index.as_ref()?;
        let table = SkillsTab::layout(area).table;
        if row != table.y || table.height == 0 || index.view.is_empty() {
            return None;
        }
        let mut x = table.x + Mark::SELECTED.width() as u16;
        for (title, cells) in fit_columns(table.width, index.has_departed) {
            if (x..x + cells).contains(&column) {
                return Some(title);
            }
            x += cells + 1;
        }
        None
    }

    /// Draws the tab from its state alone: no service call, no clock. Rows
    /// not read yet are a muted "…" (a read is on its way). `busy` is the
    /// progress label while the first page is being read. The words are
    /// those of the report's language.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, busy: Option<&str>) {
        self.draw_offering(frame, area, self.lang(), theme, busy, &|_| false);
    }

    /// [`Self::draw`], naming the removal key on the rows `removable` says
    /// offer it (R12: the domain's answer for the signed-in person), in `lang`.
    pub fn draw_offering(
        &self,
        frame: &mut Frame,
        area: Rect,
        lang: Lang,
        theme: &Theme,
        busy: Option<&str>,
        removable: &dyn Fn(&SkillRow) -> bool,
    ) {
        let Some(index) = &self.index else {
            let text = match busy {
                Some(busy) => busy.to_string(),
                None => {
                    lang.tui_skills_not_loaded(keys::key_of(&KEYS, &Action::Reload).unwrap_or("F5"))
                }
            };
            frame.render_widget(
                crate::components::wrapped(&[(&text, theme.muted)], area.width),
                area,
            );
            return;
        };
        let layout = SkillsTab::layout(area);
        let width = usize::from(area.width);
        let title = match self.work_label(lang) {
            Some(work) => lang.tui_skills_title_working(work),
            // The stamp before the sort: it must survive a narrow terminal
            // (the column title's arrow shows the sort too).
            None => lang.tui_skills_title(
                index.dates.date_time(index.dates.now),
                index.sorted_by.describe_in(lang),
            ),
        };
        frame.render_widget(
            Line::styled(truncate(&title, width), theme.heading),
            layout.title,
        );
        self.render_filter_line(frame, layout.filter, lang, theme);
        if index.handles.is_empty() && !self.is_working() {
            // R10: say what to check when no one has skills data.
            frame.render_widget(
                crate::components::wrapped(
                    &[(lang.tui_skills_empty(), theme.text)],
                    layout.table.width,
                ),
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
                lang.tui_skills_no_match(self.filter.value())
            };
            frame.render_widget(
                crate::components::wrapped(&[(&text, theme.muted)], layout.table.width),
                layout.table,
            );
            return;
        }
        self.render_table(frame, layout.table, index, lang, theme);
        self.render_detail(frame, layout.detail, index, lang, theme, removable);
    }

    fn render_table(
        &self,
        frame: &mut Frame,
        area: Rect,
        index: &SkillsIndex,
        lang: Lang,
        theme: &Theme,
    ) {
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
                    return Row::new([Span::styled(lang.tui_skills_gone(), theme.muted)]);
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
                format!("{} {}", column.title_in(lang), index.sorted_by.arrow())
            } else {
                column.title_in(lang).to_string()
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
    fn render_detail(
        &self,
        frame: &mut Frame,
        area: Rect,
        index: &SkillsIndex,
        lang: Lang,
        theme: &Theme,
        removable: &dyn Fn(&SkillRow) -> bool,
    ) {
        let Some(row) = self.selected_row() else {
            let gone = self
                .selected_handle()
                .is_some_and(|h| matches!(self.cache.get(&h), Some(Cached::Gone)));
            let text = if gone {
                lang.tui_skills_row_gone()
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
        let mut person = Vec::new();
        if removable(row) {
            // R12: the flag and the key that handles it first, so that they
            // survive truncation at 60 columns (the row above names the person).
            let key = keys::key_of(&KEYS, &Action::RemoveFromReport).unwrap_or("u");
            person.push(lang.tui_skills_removes_from_report(&c[5], key));
        }
        person.extend([c[1].clone(), c[2].clone()]);
        if !c[3].is_empty() {
            person.push(lang.tui_skills_linked_since(&c[3], &c[4]));
        }
        if !removable(row) {
            person.push(c[5].clone());
        }
        // The reflection (R3) early: a pending date must survive truncation.
        let skill = if row.kind.is_some() {
            let mut parts = vec![
                format!("{} {}", c[6], c[7]),
                c[11].clone(),
                lang.tui_skills_earned(&c[9]),
            ];
            if !c[10].is_empty() {
                parts.push(lang.tui_skills_expires(&c[10]));
            }
            if !c[12].is_empty() {
                parts.push(lang.tui_skills_counts_toward(&c[12]));
            }
            parts.push(c[SKILL_NAME_CELL].clone());
            parts.join(" · ")
        } else {
            lang.tui_skills_no_skills().to_string()
        };
        let lines = vec![
            Line::styled(truncate(&person.join(" · "), width), theme.muted),
            Line::styled(truncate(&skill, width), theme.muted),
        ];
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn render_filter_line(&self, frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
        if area.height == 0 {
            return;
        }
        let count = format!("  {}", lang.tui_skills_count(self.shown(), self.total()));
        let label = lang.tui_skills_filter_label();
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
            lang.tui_skills_rows_hint(self.shown(), self.total())
        } else {
            lang.tui_skills_filter_hint(self.filter.value(), self.shown(), self.total())
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
