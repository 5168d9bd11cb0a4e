//! Learn analytics (R18): the organization's learning in a date range: totals,
//! module completions per month as a bar chart, and one line per learner. The
//! range starts as the last 12 months to today; `[`/`]` move it by a month and
//! `+`/`-` widen or narrow it (the tab's key map lists them). The figures are the
//! service's (`Service::learning_report`); this tab only chooses the range.

use chrono::{Datelike, Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart};

use super::registry::{TabEntry, TabId};
use crate::action::{Action, RangeMove};
use crate::components::pane::{pane_block, people_table, render_empty, render_table};
use crate::components::reread::Reread;
use crate::components::scroll_offset;
use crate::components::tab_bar::Titles;
use crate::jobs::{Done, Job};
use crate::keys::{self, Binding, Context, KeyMap, ch};
use crate::tab::{Cx, Reads, Tab, View};
use crate::theme::Theme;
use certlink_core::service::{LearningReport, ServiceError, Session};
use certlink_domain::may;
use certlink_domain::permissions::OrgView;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;
use certlink_i18n::width::fit;

/// The Learn tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Learning,
    titles: Titles {
        full: "Learn",
        short: "Learn",
        tiny: "Learn",
    },
    // R18: the organization's admins.
    shown_to: |actor| may(actor, OrgView::LearnAnalytics).is_ok(),
    start: |_| Box::new(LearningTab::default()),
};

const RANGE: &[Binding] = &[
    Binding {
        chords: &[ch('[')],
        action: Action::MoveRange(RangeMove::Earlier),
        keys: "[/]",
        does: certlink_i18n::Lang::tui_key_range_a_month_earlier_later,
        hint: true,
    },
    Binding {
        chords: &[ch(']')],
        action: Action::MoveRange(RangeMove::Later),
        keys: "[/]",
        does: certlink_i18n::Lang::tui_key_range_a_month_earlier_later,
        hint: true,
    },
    Binding {
        chords: &[ch('+'), ch('=')],
        action: Action::MoveRange(RangeMove::Wider),
        keys: "+/-",
        does: certlink_i18n::Lang::tui_key_widen_narrow_the_range,
        hint: true,
    },
    Binding {
        chords: &[ch('-')],
        action: Action::MoveRange(RangeMove::Narrower),
        keys: "+/-",
        does: certlink_i18n::Lang::tui_key_widen_narrow_the_range,
        hint: true,
    },
];

pub static KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_learn_analytics,
    &[
        RANGE,
        keys::READ_AGAIN,
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::PAGE,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

/// The answer of [`load`], and `Service::changes` when it was read.
pub struct Loaded(pub LearningReport, pub u64);

/// R18: Learn analytics between two days, inclusive (the whole report: on
/// the worker).
pub fn load(session: Session, from: NaiveDate, to: NaiveDate, lang: Lang) -> Job {
    Job::new(
        "LoadLearning",
        lang.tui_learning_reading(),
        move |service| {
            // Counted before reading: a write in between shows as a change.
            let changes = service.changes();
            service
                .learning_report(&session, from, to)
                .map(|report| Loaded(report, changes))
        },
    )
}

/// The default window, as the CLI's `report learning` uses it.
const DEFAULT_MONTHS: u32 = 12;
/// The widest window the keys reach (ten years of bars would not fit anyway).
const MAX_MONTHS: u32 = 120;
/// From this width on, the learners list shows emails.
const WIDE: u16 = 70;

/// A date range ending on `to`, `months` long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LearnRange {
    pub to: NaiveDate,
    pub months: u32,
}

impl LearnRange {
    /// The last 12 months to `today`.
    pub fn last_year(today: NaiveDate) -> LearnRange {
        LearnRange {
            to: today,
            months: DEFAULT_MONTHS,
        }
    }

    pub fn from(self) -> NaiveDate {
        self.to
            .checked_sub_months(Months::new(self.months))
            .unwrap_or(self.to)
    }

    /// The range after a key; it never ends after `today` (no learning is
    /// recorded in the future).
    pub fn moved(self, how: RangeMove, today: NaiveDate) -> LearnRange {
        let month = Months::new(1);
        match how {
            RangeMove::Earlier => LearnRange {
                to: self.to.checked_sub_months(month).unwrap_or(self.to),
                ..self
            },
            RangeMove::Later => LearnRange {
                to: self
                    .to
                    .checked_add_months(month)
                    .unwrap_or(self.to)
                    .min(today),
                ..self
            },
            RangeMove::Wider => LearnRange {
                months: (self.months + 1).min(MAX_MONTHS),
                ..self
            },
            RangeMove::Narrower => LearnRange {
                months: self.months.saturating_sub(1).max(1),
                ..self
            },
        }
    }
}

/// Today in the display time zone (dates are shown there, domain.md Time).
pub fn today(dates: &DateFormat) -> NaiveDate {
    dates.now.with_timezone(&dates.tz).date_naive()
}

#[derive(Debug, Clone, Default)]
pub struct LearningTab {
    /// Set on the first visit, from the service's clock.
    pub range: Option<LearnRange>,
    /// The report of the range last read; None until the first load finishes.
    pub report: Option<LearningReport>,
    /// The selected learner.
    pub selected: usize,
    /// Read again after a write, in the background (issue 15).
    reread: Reread,
    /// The reader's language as of the last read (background reads say
    /// their progress in it).
    lang: Lang,
}

/// Where the parts of the tab go.
pub struct LearningLayout {
    pub title: Rect,
    pub totals: Rect,
    pub chart: Rect,
    pub learners: Rect,
}

impl LearningTab {
    pub fn load(&mut self, report: LearningReport) {
        self.selected = self.selected.min(report.learners.len().saturating_sub(1));
        self.report = Some(report);
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self
            .report
            .as_ref()
            .map_or(0, |r| r.learners.len())
            .saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn layout(area: Rect) -> LearningLayout {
        let chart = (area.height * 2 / 5).clamp(5, 12);
        let [title, totals, chart, learners] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(chart),
            Constraint::Fill(1),
        ])
        .areas(area);
        LearningLayout {
            title,
            totals,
            chart,
            learners,
        }
    }

    /// Learners visible at once, for PgUp/PgDn.
    pub fn page(area: Rect) -> usize {
        usize::from(LearningTab::layout(area).learners.height.saturating_sub(3)).max(1)
    }

    /// The job that reads the report of the range; the range starts as the
    /// last 12 months to today.
    fn report_job(&mut self, cx: &Cx) -> Job {
        let today = today(cx.dates());
        let range = *self
            .range
            .get_or_insert_with(|| LearnRange::last_year(today));
        self.lang = cx.lang();
        load(cx.session.clone(), range.from(), range.to, self.lang)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme, busy: Option<&str>) {
        let layout = LearningTab::layout(area);
        let width = usize::from(area.width);
        if let Some(range) = self.range {
            let title = lang.tui_learning_title(
                range.from().to_string(),
                range.to.to_string(),
                range.months,
            );
            frame.render_widget(
                Line::styled(fit(&title, width).into_owned(), theme.heading),
                layout.title,
            );
        }
        let Some(report) = &self.report else {
            let text = match busy {
                Some(busy) => busy.to_string(),
                None => lang
                    .tui_learning_not_loaded(keys::key_of(&KEYS, &Action::Reload).unwrap_or("F5")),
            };
            frame.render_widget(Line::styled(text, theme.muted), layout.totals);
            return;
        };
        // While a new range is read, the last one stays, with the progress.
        let totals = match busy {
            Some(label) => label.to_string(),
            None => lang.tui_learning_totals(
                report.trained_individuals,
                report.module_completions,
                report.learning_path_completions,
            ),
        };
        frame.render_widget(
            Line::styled(fit(&totals, width).into_owned(), theme.text),
            layout.totals,
        );
        render_chart(frame, layout.chart, report, lang, theme);
        self.render_learners(frame, layout.learners, report, lang, theme);
    }

    fn render_learners(
        &self,
        frame: &mut Frame,
        area: Rect,
        report: &LearningReport,
        lang: Lang,
        theme: &Theme,
    ) {
        let title = lang.tui_learning_learners(report.learners.len());
        let block = pane_block(title, true, theme);
        if report.learners.is_empty() {
            render_empty(frame, area, block, lang.tui_learning_empty(), theme);
            return;
        }
        let with_email = area.width >= WIDE;
        let visible = usize::from(area.height.saturating_sub(3));
        let offset = scroll_offset(self.selected, visible);
        let rows = report.learners.iter().skip(offset).take(visible).map(|l| {
            let rest = vec![
                l.modules_completed.to_string(),
                l.learning_paths_completed.to_string(),
                l.in_progress.to_string(),
            ];
            (l.name.clone(), l.email.to_string(), rest)
        });
        let columns = [
            (lang.tui_learning_col_modules(), Constraint::Length(7)),
            (lang.tui_learning_col_paths(), Constraint::Length(5)),
            (lang.tui_learning_col_in_progress(), Constraint::Length(11)),
        ];
        let table = people_table(lang, rows, with_email, &columns, theme);
        render_table(
            frame,
            area,
            block,
            table,
            self.selected - offset,
            true,
            theme,
        );
    }
}

/// Module completions per month, the latest months when not all fit. Labels
/// are month names ("Nov"), or month numbers when bars are narrow.
fn render_chart(frame: &mut Frame, area: Rect, report: &LearningReport, lang: Lang, theme: &Theme) {
    let block = pane_block(lang.tui_learning_chart_title().into(), false, theme);
    let inner = block.inner(area);
    let months = &report.monthly;
    // Each bar and its gap: three cells for a name, two for a number.
    let fit = usize::from(inner.width / 4).max(1);
    let shown = &months[months.len().saturating_sub(fit)..];
    let bar_width = if shown.is_empty() {
        3
    } else {
        (inner.width / shown.len() as u16)
            .saturating_sub(1)
            .clamp(1, 5)
    };
    let bars: Vec<Bar> = shown
        .iter()
        .map(|m| {
            let label = month_label(&m.month, bar_width, lang);
            Bar::new(u64::from(m.modules))
                .label(Line::from(label))
                .text_value(m.modules.to_string())
        })
        .collect();
    let block = if shown.len() < months.len() {
        block.title_bottom(Span::styled(
            lang.tui_learning_chart_last(shown.len(), months.len()),
            theme.muted,
        ))
    } else {
        block
    };
    let chart = BarChart::vertical(bars)
        .block(block)
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(theme.heading)
        .value_style(theme.selected)
        .label_style(theme.muted);
    frame.render_widget(chart, area);
}

/// "2026-11" as "Nov" ("11月" in Chinese, four cells), or "11" when the
/// bar is narrower than the name.
fn month_label(month: &str, bar_width: u16, lang: Lang) -> String {
    let parsed = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d");
    match (parsed, lang) {
        (Ok(d), Lang::En) if bar_width >= 3 => d.format("%b").to_string(),
        (Ok(d), Lang::ZhCn) if bar_width >= 4 => format!("{}月", d.month()),
        (Ok(d), _) => format!("{:02}", d.month()),
        (Err(_), _) => month.to_string(),
    }
}

impl Tab for LearningTab {
    fn keys(&self, _: &Session) -> Context {
        &KEYS
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 1] = [&KEYS];
        &MAPS
    }

    fn update(&mut self, action: Action, cx: &mut Cx) {
        let page = LearningTab::page(cx.body) as isize;
        match (action.list_move(page), action) {
            (Some(delta), _) => self.move_by(delta),
            (None, Action::MoveRange(how)) => {
                let today = today(cx.dates());
                let range = self.range.unwrap_or_else(|| LearnRange::last_year(today));
                let moved = range.moved(how, today);
                if self.range != Some(moved) {
                    self.range = Some(moved);
                    let job = self.report_job(cx);
                    cx.run(job);
                }
            }
            (None, Action::Reload) if self.report.is_none() => {
                let job = self.report_job(cx);
                cx.run(job);
            }
            // The app-wide refresh: the hooks below read what changed.
            (None, Action::Reload) => cx.refresh(self),
            _ => {}
        }
    }

    /// Read on the first visit, for a new range, and after every committed
    /// write (see `refresh_always`).
    fn visited(&mut self, cx: &mut Cx) {
        if self.report.is_none() {
            let job = self.report_job(cx);
            cx.run(job);
        }
    }

    fn on_done(&mut self, done: Done, cx: &mut Cx) {
        let background = done.background;
        self.reread.answered(background);
        match done.take::<Loaded>() {
            // A range asked meanwhile supersedes a background read's answer.
            Some(Ok(Loaded(report, _)))
                if background
                    && self
                        .range
                        .is_some_and(|r| (r.from(), r.to) != (report.from, report.to)) => {}
            Some(Ok(Loaded(report, changes))) => {
                self.reread.read(changes);
                self.load(report);
            }
            // A background read failed: shown once, tried again at the next change.
            Some(Err(failure)) if background => cx.show_failure(failure),
            Some(Err(failure)) => cx.failed(failure),
            None => {}
        }
    }

    /// Any write, by any session, may change the figures (R18): the range
    /// is read again, in the background, once this tab is in front.
    fn refresh_always(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        self.lang = reads.dates.lang;
        self.reread
            .note(self.report.is_some(), reads.service.changes());
        Ok(())
    }

    fn background(&mut self, session: &Session, _: Rect, in_front: bool) -> Vec<Job> {
        let Some(range) = self.range else {
            return Vec::new();
        };
        if !self.reread.due(in_front) {
            return Vec::new();
        }
        vec![load(session.clone(), range.from(), range.to, self.lang).in_background()]
    }

    fn is_working(&self) -> bool {
        self.reread.is_reading()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(frame, area, view.lang, view.theme, view.busy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn the_range_moves_by_months_and_never_past_today() {
        let today = day(2026, 11, 23);
        let r = LearnRange::last_year(today);
        assert_eq!((r.from(), r.to), (day(2025, 11, 23), today));
        assert_eq!(r.moved(RangeMove::Later, today), r, "not past today");
        let earlier = r.moved(RangeMove::Earlier, today);
        assert_eq!(
            (earlier.from(), earlier.to),
            (day(2025, 10, 23), day(2026, 10, 23))
        );
        assert_eq!(earlier.moved(RangeMove::Later, today), r);
        assert_eq!(r.moved(RangeMove::Wider, today).from(), day(2025, 10, 23));
        let mut narrow = r;
        for _ in 0..20 {
            narrow = narrow.moved(RangeMove::Narrower, today);
        }
        assert_eq!(narrow.months, 1, "at least a month");
        assert_eq!(month_label("2026-03", 3, Lang::En), "Mar");
        assert_eq!(month_label("2026-03", 2, Lang::En), "03");
        assert_eq!(month_label("2026-11", 4, Lang::ZhCn), "11月");
        assert_eq!(month_label("2026-11", 3, Lang::ZhCn), "11");
    }
}
