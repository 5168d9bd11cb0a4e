//! Competencies (R11): each competency the operator defined, with how many
//! individuals it needs, how many count now, and met or not in words; below,
//! who counts for the selected one and why (the skill and the day it was
//! earned). The counting is the service's (`Service::competency_status`): linked
//! MCIDs only, each for its own organization, skills of the last 12 months.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row, Table};

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
use certlink_core::service::{CompetencyStatus, ServiceError, Session};
use certlink_domain::may;
use certlink_domain::permissions::OrgView;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

/// The Competencies tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Competencies,
    titles: Titles {
        full: "Competencies",
        short: "Compet.",
        tiny: "Comp",
    },
    // R11: the organization's admins.
    shown_to: |actor| may(actor, OrgView::CompetencyStatus).is_ok(),
    start: |_| Box::new(CompetenciesTab::default()),
};

const PANES: &[Binding] = &[Binding {
    chords: &[ch('h'), ch('l'), key(KeyCode::Left), key(KeyCode::Right)],
    action: Action::NextPane,
    keys: "h/l ←/→",
    does: certlink_i18n::Lang::tui_key_competencies_who_counts,
    hint: true,
}];

pub static KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_competencies,
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

/// The answer of [`load`]: every competency's status, and
/// `Service::changes` when it was read.
pub struct Loaded(pub Vec<CompetencyStatus>, pub u64);

/// R11: every competency's status (the whole report: on the worker).
pub fn load(session: Session, lang: Lang) -> Job {
    Job::new(
        "LoadCompetencies",
        lang.tui_comp_reading(),
        move |service| {
            // Counted before reading: a write in between shows as a change.
            let changes = service.changes();
            service
                .competency_status(&session)
                .map(|status| Loaded(status, changes))
        },
    )
}

/// "1 person counts, 2 needed": the count and the need each named, so a
/// count above the need never reads as "1975 of 2" (R11).
pub fn counted_and_needed(c: &CompetencyStatus, lang: Lang) -> String {
    lang.tui_comp_counted(c.current, c.required)
}

/// From this width on, the people pane shows emails.
const WIDE: u16 = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompetencyPane {
    #[default]
    List,
    People,
}

#[derive(Debug, Clone, Default)]
pub struct CompetenciesTab {
    /// None until the first load finishes.
    pub status: Option<Vec<CompetencyStatus>>,
    pub selected: usize,
    /// The selected person in the people pane.
    pub person: usize,
    pub focus: CompetencyPane,
    /// Read again after a write, in the background (issue 15).
    reread: Reread,
    /// The reader's language as of the last read (background reads say
    /// their progress in it).
    lang: Lang,
}

impl CompetenciesTab {
    pub fn load(&mut self, status: Vec<CompetencyStatus>) {
        self.selected = self.selected.min(status.len().saturating_sub(1));
        self.status = Some(status);
        self.clamp_person();
    }

    pub fn selected_status(&self) -> Option<&CompetencyStatus> {
        self.status.as_ref()?.get(self.selected)
    }

    fn clamp_person(&mut self) {
        let people = self.selected_status().map_or(0, |s| s.counted.len());
        self.person = self.person.min(people.saturating_sub(1));
    }

    pub fn toggle_pane(&mut self) {
        self.focus = match self.focus {
            CompetencyPane::List => CompetencyPane::People,
            CompetencyPane::People => CompetencyPane::List,
        };
    }

    /// Moves the focused pane's selection; a new competency starts its people
    /// list at the top.
    pub fn move_by(&mut self, delta: isize) {
        match self.focus {
            CompetencyPane::List => {
                let last = self.status.as_ref().map_or(0, Vec::len).saturating_sub(1);
                let before = self.selected;
                self.selected = self.selected.saturating_add_signed(delta).min(last);
                if self.selected != before {
                    self.person = 0;
                }
            }
            CompetencyPane::People => {
                self.person = self.person.saturating_add_signed(delta);
                self.clamp_person();
            }
        }
    }

    /// (list pane, people pane).
    pub fn layout(&self, area: Rect) -> (Rect, Rect) {
        let count = self.status.as_ref().map_or(0, Vec::len) as u16;
        // Borders and header, then one line per competency, up to half the tab.
        let list = (count + 3).clamp(5, (area.height / 2).max(5));
        let [top, bottom] =
            Layout::vertical([Constraint::Length(list), Constraint::Fill(1)]).areas(area);
        (top, bottom)
    }

    /// Rows visible in the focused pane, for PgUp/PgDn.
    pub fn page(&self, area: Rect) -> usize {
        let (list, people) = self.layout(area);
        let pane = match self.focus {
            CompetencyPane::List => list,
            CompetencyPane::People => people,
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
        let Some(status) = &self.status else {
            let text = match busy {
                Some(busy) => busy.to_string(),
                None => {
                    lang.tui_comp_not_loaded(keys::key_of(&KEYS, &Action::Reload).unwrap_or("F5"))
                }
            };
            frame.render_widget(Line::styled(text, theme.muted), area);
            return;
        };
        if status.is_empty() {
            frame.render_widget(
                crate::components::wrapped(
                    &[(lang.tui_comp_none_defined(), theme.muted)],
                    area.width,
                ),
                area,
            );
            return;
        }
        let (list_area, people_area) = self.layout(area);
        self.render_list(frame, list_area, status, lang, theme);
        if let Some(selected) = self.selected_status() {
            self.render_people(frame, people_area, selected, dates, theme);
        }
    }

    fn render_list(
        &self,
        frame: &mut Frame,
        area: Rect,
        status: &[CompetencyStatus],
        lang: Lang,
        theme: &Theme,
    ) {
        let focused = self.focus == CompetencyPane::List;
        let block = pane_block(lang.tui_comp_list_title().into(), focused, theme);
        let visible = usize::from(area.height.saturating_sub(3));
        let offset = scroll_offset(self.selected, visible);
        let rows = status.iter().skip(offset).take(visible).map(|c| {
            // Met or not in words and a mark, never by colour alone.
            let met = if c.met {
                Span::styled(format!("{}{}", Mark::OK, lang.tui_comp_met()), theme.ok)
            } else {
                Span::styled(
                    format!("{}{}", Mark::REFUSED, lang.tui_comp_not_met()),
                    theme.error,
                )
            };
            Row::new(vec![
                Span::raw(c.name.clone()),
                Span::raw(c.required.to_string()),
                Span::raw(c.current.to_string()),
                met,
            ])
        });
        let table = Table::new(
            rows,
            [
                Constraint::Fill(1),
                Constraint::Length(8),
                Constraint::Length(7),
                Constraint::Length(9),
            ],
        )
        .header(
            Row::new(vec![
                lang.tui_comp_col_competency(),
                lang.tui_comp_col_required(),
                lang.tui_comp_col_current(),
                lang.tui_comp_col_status(),
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

    fn render_people(
        &self,
        frame: &mut Frame,
        area: Rect,
        c: &CompetencyStatus,
        dates: &DateFormat,
        theme: &Theme,
    ) {
        let lang = dates.lang;
        let focused = self.focus == CompetencyPane::People;
        let title = lang.tui_comp_people_title(&c.name, counted_and_needed(c, lang));
        let block = pane_block(title, focused, theme);
        if c.counted.is_empty() {
            render_empty(frame, area, block, lang.tui_comp_people_empty(), theme);
            return;
        }
        let with_email = area.width >= WIDE;
        let visible = usize::from(area.height.saturating_sub(3));
        let offset = scroll_offset(self.person, visible);
        let rows = c.counted.iter().skip(offset).take(visible).map(|p| {
            let rest = vec![p.mcid.to_string(), p.skill_id.clone(), dates.date(p.earned)];
            (p.name.clone(), p.email.to_string(), rest)
        });
        let columns = [
            (lang.tui_comp_col_mcid(), Constraint::Length(8)),
            (lang.tui_comp_col_why(), Constraint::Fill(2)),
            (lang.tui_comp_col_earned(), Constraint::Length(10)),
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

impl Tab for CompetenciesTab {
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
            // The app-wide refresh: the hooks below read what changed.
            None if action == Action::Reload && self.status.is_none() => {
                self.lang = cx.lang();
                cx.run(load(cx.session.clone(), self.lang));
            }
            None if action == Action::Reload => cx.refresh(self),
            None => {}
        }
    }

    /// Read on the first visit, then again after every committed write.
    fn visited(&mut self, cx: &mut Cx) {
        if self.status.is_none() {
            self.lang = cx.lang();
            cx.run(load(cx.session.clone(), self.lang));
        }
    }

    fn on_done(&mut self, done: Done, cx: &mut Cx) {
        let background = done.background;
        self.reread.answered(background);
        match done.take::<Loaded>() {
            Some(Ok(Loaded(status, changes))) => {
                self.reread.read(changes);
                self.load(status);
            }
            // A background read failed: shown once, tried again at the next change.
            Some(Err(failure)) if background => cx.show_failure(failure),
            Some(Err(failure)) => cx.failed(failure),
            None => {}
        }
    }

    /// Any write, by any session, may change who counts (R11): the status
    /// is read again, in the background, once this tab is in front.
    fn refresh_always(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        self.lang = reads.dates.lang;
        self.reread
            .note(self.status.is_some(), reads.service.changes());
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
