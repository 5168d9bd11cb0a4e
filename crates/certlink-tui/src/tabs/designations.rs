//! Designations (Solutions Partner, R11's successor): per solution area the
//! partner capability score as a gauge out of 100, qualified or not in words;
//! for the selected area each skilling metric with its steps and what the next
//! points take; below, who counts and who does not yet, and why (pending with
//! the day it will count, expired, a gate not met). The scoring is the
//! service's (`Service::designations`); this tab only shows it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Row, Table};

use super::registry::{TabEntry, TabId};
use crate::action::Action;
use crate::components::pane::{pane_block, people_table, render_empty, render_table};
use crate::components::reread::Reread;
use crate::components::scroll_offset;
use crate::components::tab_bar::Titles;
use crate::jobs::{Done, Job};
use crate::keys::{self, Binding, Context, KeyMap, ch, key};
use crate::tab::{Cx, Reads, Tab, View};
use crate::theme::{Mark, Theme};
use certlink_core::report::standing_words;
use certlink_core::service::{DesignationReport, ServiceError, Session, StandingRow};
use certlink_domain::designations::{AreaScore, Points, Standing, words};
use certlink_domain::may;
use certlink_domain::permissions::OrgView;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

/// The Designations tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Designations,
    titles: Titles {
        full: "Designations",
        short: "Design.",
        tiny: "Des",
    },
    // The organization's Global Admins and MPN Partner Admins.
    shown_to: |actor| may(actor, OrgView::Designations).is_ok(),
    start: |_| Box::new(DesignationsTab::default()),
};

const PANES: &[Binding] = &[Binding {
    chords: &[ch('h'), ch('l'), key(KeyCode::Left), key(KeyCode::Right)],
    action: Action::NextPane,
    keys: "h/l ←/→",
    does: Lang::tui_key_designations_who_counts,
    hint: true,
}];

pub static KEYS: KeyMap = KeyMap::acting(
    Lang::tui_key_title_designations,
    &[
        PANES,
        keys::READ_AGAIN,
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::PAGE,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

/// How many people of each metric the tab names (the rest are counted in the
/// pane's title; `report designations --format csv` lists everyone): the
/// tab's memory does not grow with the organization.
pub const PEOPLE_PER_METRIC: usize = 500;

/// One person line of the people pane: the metric's level with the person.
#[derive(Debug, Clone)]
pub struct PersonLine {
    pub metric: usize,
    pub row: StandingRow,
}

/// An area's people as loaded: the first [`PEOPLE_PER_METRIC`] of each
/// metric, and how many the metrics hold in all.
#[derive(Debug, Clone, Default)]
pub struct AreaPeople {
    pub lines: Vec<PersonLine>,
    pub total: usize,
}

/// The answer of [`load`]: the scores, every area's first people, and
/// `Service::changes` when they were read.
pub struct Loaded(pub DesignationReport, pub Vec<AreaPeople>, pub u64);

/// The scores and their people (on the worker).
pub fn load(session: Session, lang: Lang) -> Job {
    Job::new("LoadDesignations", lang.tui_des_reading(), move |service| {
        let changes = service.changes();
        // The scores and their first people from one read of the store.
        let named = service.designations_named(&session, PEOPLE_PER_METRIC)?;
        let people = named
            .report
            .areas
            .iter()
            .zip(named.people)
            .map(|(area, metrics)| AreaPeople {
                total: area.metrics.iter().map(|m| m.people.len()).sum(),
                lines: metrics
                    .into_iter()
                    .enumerate()
                    .flat_map(|(metric, rows)| {
                        rows.into_iter().map(move |row| PersonLine { metric, row })
                    })
                    .collect(),
            })
            .collect();
        Ok::<_, ServiceError>(Loaded(named.report, people, changes))
    })
}

/// How a line of the detail stands out.
#[derive(Debug, Clone, Copy)]
enum Emphasis {
    Text,
    Heading,
    Muted,
}

/// From this width on, the people pane shows emails.
const WIDE: u16 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DesignationPane {
    #[default]
    Areas,
    People,
}

#[derive(Debug, Clone, Default)]
pub struct DesignationsTab {
    /// None until the first load finishes.
    pub report: Option<DesignationReport>,
    pub people: Vec<AreaPeople>,
    pub selected: usize,
    /// The selected line of the people pane.
    pub person: usize,
    pub focus: DesignationPane,
    /// Read again after a write, in the background (issue 15).
    reread: Reread,
    lang: Lang,
}

/// "72 / 100 · qualified" with a mark, never by colour alone.
fn qualification(score: &AreaScore, lang: Lang, theme: &Theme) -> Span<'static> {
    if score.qualified {
        Span::styled(
            format!("{}{}", Mark::OK, lang.tui_des_qualified()),
            theme.ok,
        )
    } else {
        Span::styled(
            format!("{}{}", Mark::REFUSED, lang.tui_des_not_qualified()),
            theme.warn,
        )
    }
}

impl DesignationsTab {
    pub fn load(&mut self, report: DesignationReport, people: Vec<AreaPeople>) {
        self.selected = self.selected.min(report.areas.len().saturating_sub(1));
        self.report = Some(report);
        self.people = people;
        self.clamp_person();
    }

    pub fn selected_area(&self) -> Option<&AreaScore> {
        self.report.as_ref()?.areas.get(self.selected)
    }

    fn selected_people(&self) -> Option<&AreaPeople> {
        self.people.get(self.selected)
    }

    fn clamp_person(&mut self) {
        let n = self.selected_people().map_or(0, |p| p.lines.len());
        self.person = self.person.min(n.saturating_sub(1));
    }

    pub fn toggle_pane(&mut self) {
        self.focus = match self.focus {
            DesignationPane::Areas => DesignationPane::People,
            DesignationPane::People => DesignationPane::Areas,
        };
    }

    pub fn move_by(&mut self, delta: isize) {
        match self.focus {
            DesignationPane::Areas => {
                let last = self
                    .report
                    .as_ref()
                    .map_or(0, |r| r.areas.len())
                    .saturating_sub(1);
                let before = self.selected;
                self.selected = self.selected.saturating_add_signed(delta).min(last);
                if self.selected != before {
                    self.person = 0;
                }
            }
            DesignationPane::People => {
                self.person = self.person.saturating_add_signed(delta);
                self.clamp_person();
            }
        }
    }

    /// The detail of the selected area, wrapped to `width`: the other
    /// metrics, then per metric its points and steps and what the next
    /// points take.
    fn detail_texts(&self, score: &AreaScore, lang: Lang) -> Vec<(String, Emphasis)> {
        let other = match score.other {
            Some(o) => lang.tui_des_other(
                o.performance.to_string(),
                o.customer_success.to_string(),
                o.as_of.to_string(),
            ),
            None => lang.tui_des_other_missing().to_string(),
        };
        let mut texts = vec![(
            format!(
                "{} · {other}",
                lang.tui_des_skilling(score.skilling.to_string())
            ),
            Emphasis::Text,
        )];
        for m in &score.metrics {
            let steps: Vec<String> = m
                .steps
                .iter()
                .map(|s| {
                    let mark = if !s.reached {
                        Mark::PENDING
                    } else if s.met {
                        Mark::OK
                    } else {
                        Mark::REFUSED
                    };
                    lang.tui_des_step(s.number, mark.trim(), s.people)
                })
                .collect();
            texts.push((
                format!(
                    "{}  {}",
                    lang.tui_des_metric(
                        m.level.label_in(lang),
                        m.points.to_string(),
                        m.cap.to_string()
                    ),
                    steps.join("  ")
                ),
                Emphasis::Heading,
            ));
            texts.push((
                format!("→ {}", words::next_points(score, &m.next, lang)),
                Emphasis::Muted,
            ));
        }
        texts
    }

    /// [`Self::detail_texts`] wrapped to `width`, styled.
    fn detail_lines(
        &self,
        score: &AreaScore,
        lang: Lang,
        theme: &Theme,
        width: u16,
    ) -> Vec<Line<'static>> {
        self.detail_texts(score, lang)
            .into_iter()
            .flat_map(|(text, emphasis)| {
                let style = match emphasis {
                    Emphasis::Text => theme.text,
                    Emphasis::Heading => theme.heading,
                    Emphasis::Muted => theme.muted,
                };
                crate::components::wrap(&text, width)
                    .into_iter()
                    .map(move |line| Line::styled(line, style))
            })
            .collect()
    }

    /// (areas pane, detail, people pane). The detail takes what its wrapped
    /// lines need (a gauge line first), at most half of what the list leaves.
    pub fn layout(&self, area: Rect) -> (Rect, Rect, Rect) {
        let count = self.report.as_ref().map_or(0, |r| r.areas.len()) as u16;
        let list = (count + 3).clamp(5, (area.height / 3).max(5));
        let lines: usize = self.selected_area().map_or(0, |s| {
            self.detail_texts(s, self.lang)
                .iter()
                .map(|(text, _)| crate::components::wrap(text, area.width).len())
                .sum()
        });
        let detail = (1 + lines as u16).min(area.height.saturating_sub(list) / 2);
        let [top, middle, bottom] = Layout::vertical([
            Constraint::Length(list),
            Constraint::Length(detail),
            Constraint::Fill(1),
        ])
        .areas(area);
        (top, middle, bottom)
    }

    pub fn page(&self, area: Rect) -> usize {
        let (list, _, people) = self.layout(area);
        let pane = match self.focus {
            DesignationPane::Areas => list,
            DesignationPane::People => people,
        };
        usize::from(pane.height.saturating_sub(3)).max(1)
    }

    fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        dates: &DateFormat,
        theme: &Theme,
        busy: Option<&str>,
    ) {
        let lang = dates.lang;
        let Some(report) = &self.report else {
            let text = match busy {
                Some(busy) => busy.to_string(),
                None => {
                    lang.tui_des_not_loaded(keys::key_of(&KEYS, &Action::Reload).unwrap_or("F5"))
                }
            };
            frame.render_widget(Line::styled(text, theme.muted), area);
            return;
        };
        if report.areas.is_empty() {
            frame.render_widget(
                crate::components::wrapped(
                    &[(lang.tui_des_none_defined(), theme.muted)],
                    area.width,
                ),
                area,
            );
            return;
        }
        let (list, detail, people) = self.layout(area);
        self.render_areas(frame, list, report, lang, theme);
        if let Some(score) = self.selected_area() {
            self.render_detail(frame, detail, score, lang, theme);
            self.render_people(frame, people, score, dates, theme);
        }
    }

    fn render_areas(
        &self,
        frame: &mut Frame,
        area: Rect,
        report: &DesignationReport,
        lang: Lang,
        theme: &Theme,
    ) {
        let focused = self.focus == DesignationPane::Areas;
        let title = lang.tui_des_list_title(report.size.label_in(lang));
        let block = pane_block(title, focused, theme);
        let visible = usize::from(area.height.saturating_sub(3));
        let offset = scroll_offset(self.selected, visible);
        let rows = report.areas.iter().skip(offset).take(visible).map(|s| {
            Row::new(vec![
                Span::raw(s.name.clone()),
                Span::raw(lang.tui_des_points(s.total.to_string())),
                Span::raw(s.skilling.to_string()),
                qualification(s, lang, theme),
            ])
        });
        let table = Table::new(
            rows,
            [
                Constraint::Fill(1),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Length(16),
            ],
        )
        .header(
            Row::new(vec![
                lang.tui_des_col_area(),
                lang.tui_des_col_score(),
                lang.tui_des_col_skilling(),
                lang.tui_des_col_status(),
            ])
            .style(theme.heading),
        );
        render_table(
            frame,
            area,
            block,
            table,
            self.selected - offset,
            focused,
            theme,
        );
    }

    fn render_detail(
        &self,
        frame: &mut Frame,
        area: Rect,
        score: &AreaScore,
        lang: Lang,
        theme: &Theme,
    ) {
        if area.height < 2 {
            return;
        }
        let [gauge, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let ratio = f64::from(score.total.0) / f64::from(Points::SCORE_MAX.0);
        let label = format!(
            "{} · {}",
            lang.tui_des_gauge(score.name.as_str(), score.total.to_string()),
            qualification(score, lang, theme).content
        );
        let style = if score.qualified {
            theme.ok
        } else {
            theme.warn
        };
        frame.render_widget(
            Gauge::default()
                .gauge_style(style)
                .ratio(ratio.clamp(0.0, 1.0))
                .label(label),
            gauge,
        );
        frame.render_widget(
            Paragraph::new(self.detail_lines(score, lang, theme, rest.width)),
            rest,
        );
    }

    fn render_people(
        &self,
        frame: &mut Frame,
        area: Rect,
        score: &AreaScore,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        let lang = dates.lang;
        let focused = self.focus == DesignationPane::People;
        let people = self.selected_people();
        let (shown, total) = people.map_or((0, 0), |p| (p.lines.len(), p.total));
        let title = if shown < total {
            lang.tui_des_people_title_some(score.name.as_str(), shown, total)
        } else {
            lang.tui_des_people_title(score.name.as_str(), total)
        };
        let block = pane_block(title, focused, theme);
        let Some(people) = people.filter(|p| !p.lines.is_empty()) else {
            render_empty(frame, area, block, lang.tui_des_people_empty(), theme);
            return;
        };
        let with_email = area.width >= WIDE;
        let visible = usize::from(area.height.saturating_sub(3));
        let offset = scroll_offset(self.person, visible);
        let rows = people.lines.iter().skip(offset).take(visible).map(|p| {
            let level = score
                .metrics
                .get(p.metric)
                .map_or("", |m| m.level.label_in(lang));
            let mark = match p.row.standing {
                Standing::Counts => Mark::OK,
                Standing::GateNotMet { .. } | Standing::Pending { .. } => Mark::PENDING,
                Standing::Expired { .. } => Mark::REFUSED,
            };
            let rest = vec![
                level.to_string(),
                p.row.certification_name.clone(),
                format!("{}{}", mark, standing_words(p.row.standing, lang, dates)),
            ];
            (p.row.name.clone(), p.row.email.to_string(), rest)
        });
        let columns = [
            (lang.tui_des_col_level(), Constraint::Length(12)),
            (lang.tui_des_col_certification(), Constraint::Fill(3)),
            (lang.tui_des_col_standing(), Constraint::Fill(3)),
        ];
        let table = people_table(lang, rows, with_email, &columns, theme);
        render_table(
            frame,
            area,
            block,
            table,
            self.person - offset,
            focused,
            theme,
        );
    }
}

impl Tab for DesignationsTab {
    fn keys(&self, _: &Session) -> Context {
        &KEYS
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 1] = [&KEYS];
        &MAPS
    }

    fn update(&mut self, action: Action, cx: &mut Cx) {
        let page = self.page(cx.body) as isize;
        match action.list_move(page) {
            Some(delta) => self.move_by(delta),
            None if action == Action::NextPane => self.toggle_pane(),
            None if action == Action::Reload && self.report.is_none() => {
                self.lang = cx.lang();
                cx.run(load(cx.session.clone(), self.lang));
            }
            None if action == Action::Reload => cx.refresh(self),
            None => {}
        }
    }

    fn visited(&mut self, cx: &mut Cx) {
        if self.report.is_none() {
            self.lang = cx.lang();
            cx.run(load(cx.session.clone(), self.lang));
        }
    }

    fn on_done(&mut self, done: Done, cx: &mut Cx) {
        let background = done.background;
        self.reread.answered(background);
        match done.take::<Loaded>() {
            Some(Ok(Loaded(report, people, changes))) => {
                self.reread.read(changes);
                self.load(report, people);
            }
            Some(Err(failure)) if background => cx.show_failure(failure),
            Some(Err(failure)) => cx.failed(failure),
            None => {}
        }
    }

    /// Any write may change who counts (a link, a move, an import): read
    /// again in the background once this tab is in front.
    fn refresh_always(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        self.lang = reads.dates.lang;
        self.reread
            .note(self.report.is_some(), reads.service.changes());
        Ok(())
    }

    fn background(&mut self, session: &Session, _: Rect, in_front: bool) -> Vec<Job> {
        if !self.reread.due(in_front) {
            return Vec::new();
        }
        vec![load(session.clone(), self.lang).in_background()]
    }

    fn is_working(&self) -> bool {
        self.reread.is_reading()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.draw(
            frame,
            area,
            &view.dates.in_lang(view.lang),
            view.theme,
            view.busy,
        );
    }
}
