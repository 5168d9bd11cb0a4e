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
//! bounded cache (`rows.rs`). A newer sort or filter supersedes a running pass.
//! `view.rs` draws the tab from this state alone; [`calls`] are its jobs.

pub mod calls;
mod freshness;
mod removal;
mod rows;
mod view;
mod words;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::components::text_input::TextInput;
use crate::export;
use crate::jobs::{Done, Failure, Job, Latest, Ticket};
use crate::keys::{self, Binding, Context, KeyMap, ch, key};
use crate::popups::{DownloadDialog, MessageDialog, Popup, Submitting};
use crate::tab::{Cx, Reads, Tab, View};
use calls::Answer;
pub use calls::DownloadOrder;
use certlink_core::browse::index::{HandleList, PosSet, RowHandle, Stop};
use certlink_core::browse::sort::Pos;
use certlink_core::service::{ServiceError, Session, SkillRow};
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

use super::registry::{TabEntry, TabId};
use crate::components::tab_bar::Titles;
pub use certlink_core::browse::columns::{SKILL_NAME_CELL, SkillColumn, SortOrder};
pub use certlink_core::browse::reads::{IndexFailure, IndexJob};
use certlink_domain::may;
use certlink_domain::permissions::OrgView;
pub use words::{ColumnWords, SortWords};

/// The Skills tab in the registry (`tabs::REGISTRY`).
pub const ENTRY: TabEntry = TabEntry {
    id: TabId::Skills,
    titles: Titles {
        full: "Skills",
        short: "Skills",
        tiny: "Skill",
    },
    // R10: the organization's admins.
    shown_to: |actor| may(actor, OrgView::SkillsReport).is_ok(),
    start: |_| Box::new(SkillsTab::default()),
};

const ROWS: &[Binding] = &[
    Binding {
        chords: &[ch('/')],
        action: Action::StartFilter,
        keys: "/",
        does: certlink_i18n::Lang::tui_key_filter,
        hint: true,
    },
    Binding {
        chords: &[ch('s')],
        action: Action::CycleSort,
        keys: "s/S",
        does: certlink_i18n::Lang::tui_key_sort_column_reverse,
        hint: true,
    },
    Binding {
        chords: &[ch('S')],
        action: Action::ReverseSort,
        keys: "s/S",
        does: certlink_i18n::Lang::tui_key_sort_column_reverse,
        hint: true,
    },
];

/// Export and Esc, after the removal row in the key map (hints show in order).
const MORE_ROWS: &[Binding] = &[
    Binding {
        chords: &[ch('e')],
        action: Action::Download,
        keys: "e",
        does: certlink_i18n::Lang::tui_key_export_csv,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: certlink_i18n::Lang::tui_key_clear_the_filter,
        hint: false,
    },
];

/// R12: the same key as on the Users tab (`u`: one act, one key), always
/// through a confirmation that says what it costs. Only in the key map of
/// those the domain lets remove departed people from the report.
const REMOVE_ROW: &[Binding] = &[Binding {
    chords: &[ch('u')],
    action: Action::RemoveFromReport,
    keys: "u",
    does: certlink_i18n::Lang::tui_key_remove_departed,
    hint: true,
}];

/// The report's keys for those who may remove departed people (Global Admins).
pub static KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_skills_report,
    &[
        ROWS,
        REMOVE_ROW,
        MORE_ROWS,
        keys::READ_AGAIN,
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::PAGE,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

const FILTER_ROWS: &[Binding] = &[
    Binding {
        chords: &[key(KeyCode::Enter)],
        action: Action::Activate,
        keys: "Enter",
        does: certlink_i18n::Lang::tui_key_keep_the_filter_back_to_the_rows,
        hint: true,
    },
    Binding {
        chords: &[key(KeyCode::Esc)],
        action: Action::Back,
        keys: "Esc",
        does: certlink_i18n::Lang::tui_key_clear_the_filter,
        hint: true,
    },
];

/// The report's keys for those who may only read it (MPN Partner Admins).
pub static READ_ONLY_KEYS: KeyMap = KeyMap::acting(
    certlink_i18n::Lang::tui_key_title_skills_report,
    &[
        ROWS,
        MORE_ROWS,
        keys::READ_AGAIN,
        keys::SWITCH_TABS,
        keys::MOVE,
        keys::PAGE,
        keys::SIGN_OUT_HELP_QUIT,
        keys::QUIT_ANYWHERE,
    ],
);

/// The filter line has the keys: typing edits the filter.
pub static FILTER_KEYS: KeyMap = KeyMap::typing(
    certlink_i18n::Lang::tui_key_title_skills_report_filter,
    &[keys::EDIT, FILTER_ROWS, keys::HELP_F1, keys::QUIT_ANYWHERE],
);

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
    matches: Option<(String, Arc<PosSet>)>,
    /// The sorted rows that match the filter: what the table shows.
    view: Arc<Vec<Pos>>,
    /// Some row is a departed person still linked (R12): the Account column
    /// then needs room for "deleted (still linked)".
    has_departed: bool,
    /// False while only the first page is in and the rest is being read.
    complete: bool,
    /// Dates as the service formatted them when the report was read: the
    /// cells, the filter and the download all use this one, and its `now`
    /// is the "as of" stamp.
    dates: DateFormat,
    /// `Service::changes` when the report was read: a refresh that finds
    /// another count reads it again.
    read_at: u64,
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
    /// Superseded when a newer sort or filter asks for another pass: its
    /// answer will be dropped, and the next pass starts when it has ended,
    /// so passes never pile up.
    ticket: Ticket,
    want: Want,
    progress: Arc<AtomicUsize>,
}

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
    /// The passes asked for: the newest wins.
    latest: Latest,
    /// Everything must be read again (a write was committed since the read,
    /// or the report changed under a pass).
    stale: bool,
    /// The rows on screen must be read again (a refresh), keeping them drawn
    /// until they come.
    reread_rows: bool,
    /// The last pass failed: not tried again until the sort, the filter or a
    /// refresh asks for another.
    failed: Option<Want>,
    /// A read of rows is on the worker: one at a time, the newest window next.
    reading_rows: bool,
    rows_failed: bool,
}

impl SkillsTab {
    /// The report's first read: the first page in front, the rest in the
    /// background. Later reads follow the changes (`freshness.rs`).
    fn read_report(&mut self, cx: &mut Cx) {
        if !self.is_loaded() {
            cx.run(calls::first_page_in(cx.session.clone(), cx.lang()));
        }
    }

    /// The download action (R10): a dialog proposing `skills-report-DATE.csv`
    /// in the download folder, for the rows shown. This is the one entry
    /// point of downloading: a front end without a local file system (SSH)
    /// shows a command instead.
    fn start_download(&self, cx: &mut Cx) {
        let lang = cx.lang();
        if let Some(remote) = cx.remote {
            // Over SSH a file written here would land on the server: show the
            // command that streams the report to the person's own machine.
            let text = format!(
                "{}\n\n{}",
                lang.tui_skills_download_ssh(),
                remote.skills_download_command()
            );
            cx.open(Popup::Message(MessageDialog {
                title: lang.tui_skills_download_ssh_title().into(),
                text,
                is_refusal: false,
            }));
            return;
        }
        let Some(dates) = self.dates() else {
            return;
        };
        if self.shown() == 0 {
            cx.flash(lang.tui_skills_nothing_to_download());
            return;
        }
        let path = export::default_path(cx.download_dir, dates);
        let dialog = DownloadDialog::new(
            path,
            self.shown(),
            self.total(),
            &self.sort.describe_in(lang),
            // The rows as shown at Enter: a pass may end while the dialog is open.
            Box::new(move |s: &Submitting, path| {
                let tab = s.owner.downcast_ref::<SkillsTab>()?;
                let order = tab.download_order()?;
                Some(calls::write_csv(s.session.clone(), order, path, lang))
            }),
        );
        cx.open(Popup::Download(dialog));
    }

    /// The language of the report as read (its cells, its words), English
    /// before the first read.
    pub fn lang(&self) -> Lang {
        self.dates().map_or(Lang::En, |d| d.lang)
    }

    /// The ticket of the pass running, for its job.
    fn running_ticket(&self) -> Option<Ticket> {
        self.work.as_ref().map(|w| w.ticket.clone())
    }
}

impl Tab for SkillsTab {
    fn keys(&self, session: &Session) -> Context {
        if self.filtering {
            &FILTER_KEYS
        } else if removal::may_remove_departed(session) {
            &KEYS
        } else {
            &READ_ONLY_KEYS
        }
    }

    fn key_maps(&self) -> &'static [Context] {
        static MAPS: [Context; 3] = [&KEYS, &READ_ONLY_KEYS, &FILTER_KEYS];
        &MAPS
    }

    /// Moving, sorting, the `/` filter and the download.
    fn update(&mut self, action: Action, cx: &mut Cx) {
        if self.filtering {
            match action {
                Action::Activate => self.filtering = false,
                Action::Back => self.clear_filter(),
                other => {
                    if self.filter.apply(&other) {
                        self.filter_changed();
                    }
                }
            }
            return;
        }
        let page = SkillsTab::page(cx.body) as isize;
        if let Some(delta) = action.list_move(page) {
            self.move_by(delta);
            return;
        }
        match action {
            // Only the columns on screen: sorting by a hidden one would look
            // like no order at all.
            Action::CycleSort => {
                let shown = self.shown_columns(cx.body);
                self.cycle_sort(&shown);
            }
            Action::ReverseSort => self.reverse_sort(),
            Action::StartFilter if self.is_loaded() => self.filtering = true,
            Action::Back => self.clear_filter(),
            Action::Download => self.start_download(cx),
            Action::RemoveFromReport => self.offer_removal(cx),
            // The app-wide refresh: the hooks below read what changed; a
            // first read that failed is tried again.
            Action::Reload if !self.is_loaded() => self.read_report(cx),
            Action::Reload => cx.refresh(self),
            _ => {}
        }
    }

    /// A click on a column title sorts by it (again: the other way); on a
    /// row, selects it.
    fn click(&mut self, column: u16, row: u16, cx: &mut Cx) {
        if let Some(title) = self.title_at(cx.body, column, row) {
            self.sort_by_column(title);
        } else if let Some(i) = self.row_at(cx.body, row) {
            self.selected = i;
        }
    }

    /// Read on the first visit; then again whenever a change was committed
    /// (see [`Tab::refresh_always`]).
    fn visited(&mut self, cx: &mut Cx) {
        self.read_report(cx);
    }

    fn on_done(&mut self, done: Done, cx: &mut Cx) {
        let background = done.background;
        let pass = done.ticket().map(Ticket::number);
        match (done.take::<Answer>(), pass) {
            // The first page is on screen; the pass over the whole report
            // follows in the background (see `background`).
            (
                Some(Ok(Answer::FirstPage {
                    rows,
                    dates,
                    changes,
                })),
                _,
            ) => {
                self.load_first_page(rows, dates);
                self.read_at(changes);
            }
            (Some(Ok(Answer::Pass(result))), Some(pass)) => {
                if let Some(message) = self.index_done(pass, result) {
                    cx.show_failure(Failure::plain(message));
                }
            }
            (Some(Ok(Answer::Rows(rows))), _) => {
                self.take_rows(rows, SkillsTab::page(cx.body));
            }
            (Some(Ok(Answer::Written { path, rows })), _) => {
                cx.close_form();
                cx.flash(cx.lang().tui_skills_wrote(rows, path.display().to_string()));
            }
            (Some(Ok(Answer::Removed { mcid, name })), _) => {
                // Every view that shows the link reads again (the count moved).
                cx.refresh(self);
                cx.flash(cx.lang().tui_skills_removed(mcid.to_string(), name));
            }
            (Some(Ok(Answer::Pass(_))), None) => {}
            // A read in the background failed: shown once; the next refresh tries again.
            (Some(Err(failure)), _) if background => {
                self.rows_failed();
                cx.show_failure(failure);
            }
            (Some(Err(failure)), _) => cx.failed(failure),
            // A superseded pass ended: the next one may start.
            (None, Some(pass)) => {
                self.index_done(pass, Err(IndexFailure::Stop(Stop::Superseded)));
            }
            (None, None) => {}
        }
    }

    /// A pass for a new sort, filter or change, and the rows of the window on
    /// screen (one read at a time: the newest window is read when the running
    /// read ends). A change made while another tab is in front is read when
    /// this one comes to the front: no whole-report pass for a hidden tab.
    fn background(&mut self, session: &Session, body: Rect, in_front: bool) -> Vec<Job> {
        let mut jobs = Vec::new();
        if (in_front || !self.waits_for_changes())
            && let Some(job) = self.plan_index()
            && let Some(ticket) = self.running_ticket()
        {
            jobs.push(calls::pass(session.clone(), job, ticket, self.lang()));
        }
        if in_front && let Some(handles) = self.plan_rows(SkillsTab::page(body)) {
            jobs.push(calls::read_rows(session.clone(), handles, self.lang()));
        }
        jobs
    }

    fn is_working(&self) -> bool {
        SkillsTab::is_working(self)
    }

    /// Whichever tab is in front: the report follows every committed write
    /// (another tab's, another session's) and the stamp says when it was read.
    fn refresh_always(&mut self, reads: &Reads) -> Result<(), ServiceError> {
        self.note_changes(reads.service.changes(), *reads.dates);
        Ok(())
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let removable = |row: &SkillRow| removal::offers_removal(view.session, row);
        self.draw_offering(frame, area, view.lang, view.theme, view.busy, &removable);
    }
}
