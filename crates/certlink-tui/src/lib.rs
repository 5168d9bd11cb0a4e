//! The terminal app: sign-in (R1, R13), My profile (R2, R4, R7, R9),
//! Associations, for organization admins the skills report (R10),
//! competencies (R11) and Learn analytics (R18), for Global Admins the
//! organization's accounts (R12, R13, R17), and Support for everyone (tickets,
//! R14; for support engineers lookups, the person view and merges, R15, R16),
//! built from components in the shape of the ratatui component template and
//! gitui.
//!
//! # How it fits together
//!
//! - [`action`] is the one vocabulary (actions, edit and range operations).
//!   Every part speaks it, so it imports nothing from them.
//! - [`keys`] holds the machinery of key maps and the rows every part
//!   shares; each screen, popup and tab defines the key maps it puts in force,
//!   and the same rows feed the status-bar hints and the `?` help.
//! - [`tab`] is the [`Tab`](tab::Tab) trait: a tab owns its state, its key
//!   maps, what it does with an action or a click, the answers of its jobs,
//!   what it reads from the service and how it is drawn. It reaches the rest
//!   of the app only through its [`Cx`](tab::Cx) (open a popup, a word in the
//!   status bar, start a job, read the screen again).
//! - [`tabs`] has one module per tab, each declaring its `ENTRY` (titles, who
//!   sees it, how it starts); `tabs::REGISTRY` is the one registration list. A larger tab is a folder: `mod.rs` (its
//!   state, keys and `Tab` impl), `calls.rs` (its service calls as jobs, with
//!   the type of their answer), `view.rs` (drawing), and its dialogs.
//! - [`jobs`] is the one type of work for the worker thread: a [`Job`](jobs::Job)
//!   is a closure over the service built next to the code that reads its
//!   answer; the app addresses it to the part that started it and hands the
//!   [`Done`](jobs::Done) back there, where `Done::take` gives the answer as
//!   the type the closure gave. Requests a newer one supersedes (the skills
//!   report's sort and filter passes) hold a `Ticket` of a `Latest`: latest
//!   wins.
//! - [`popups`] are the dialogs over the screen. The tab that opens one gives
//!   it what its Enter does; a confirmation carries the job it runs. A popup
//!   answers a key with a `Reply` (close, help, run a job).
//! - [`screens`] are the full screens before the tabs (sign-in, new password).
//! - [`app`] only routes: a key goes to the top popup, else to the screen; the
//!   signed-in screen keeps tab switching, sign-out and help and gives the rest
//!   to the tab in front. [`draw`] renders the state into any `Frame`;
//!   [`layout`] says where things go, for drawing and clicks alike;
//!   [`components`] are widgets shared by all.
//! - [`input`] turns terminal events into actions through the key map in
//!   front; [`export`] writes the skills report's download; [`terminal`] and
//!   [`logging`] set up and restore the outside world; [`remote`] is what an
//!   SSH session's app knows of its person's machine.
//!
//! - Words: everything a person reads comes from `certlink_i18n`'s catalog
//!   in the app's language ([`App::lang`](app::App::lang)): the person's
//!   once signed in, the front end's choice before and after. Key maps hold
//!   catalog methods ([`keys::Words`]) so one static serves both languages;
//!   a job's progress is a [`jobs::Progress`], and a job speaks the language
//!   of the app that started it ([`jobs::Job::lang`]). Text is laid out by
//!   display width (`certlink_i18n::width`).
//!
//! No file imports a file that imports it back, and the top-level modules
//! form layers (a test reads the sources and checks both).
//!
//! Adding a service call to a tab: a builder in the tab's `calls.rs` (the
//! closure, its progress words (`Progress::words(Lang::…)`) and a variant of
//! the tab's `Answer`), starting
//! it from the tab's `update` (or a dialog's or confirmation's job), and a
//! match arm in its `on_done`. A new key for it adds a row to the tab's key
//! map and, if no action fits, a variant to [`action::Action`].
//!
//! Adding a tab: its module (the `Tab` impl and its `ENTRY`), a `TabId`
//! variant, and its `mod` line and `REGISTRY` line in `tabs/mod.rs`.
//!
//! The UI calls `certlink_core::service` only: it never touches the store and never
//! re-checks a rule; refusals are shown in the service's words.

pub mod action;
pub mod app;
pub mod components;
pub mod draw;
pub mod export;
pub mod input;
pub mod jobs;
pub mod keys;
pub mod layout;
pub mod logging;
pub mod popups;
pub mod remote;
pub mod screens;
pub mod tab;
pub mod tabs;
pub mod terminal;
pub mod theme;

#[cfg(test)]
mod associations_tests;
#[cfg(test)]
mod dates_tests;
#[cfg(test)]
mod designations_tests;
#[cfg(test)]
mod keys_tests;
#[cfg(test)]
mod language_tests;
#[cfg(test)]
mod module_graph_tests;
#[cfg(test)]
mod report_tests;
#[cfg(test)]
mod sandbox_clock_tests;
#[cfg(test)]
mod shell_tests;
#[cfg(test)]
mod shell_zh_tests;
#[cfg(test)]
mod skills_handle_tests;
#[cfg(test)]
mod support_tests;
#[cfg(test)]
mod tabs_a_zh_tests;
#[cfg(test)]
mod tabs_b_zh_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod untranslated_tests;
#[cfg(test)]
mod users_tests;
#[cfg(test)]
mod width_tests;

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event;

use action::Action;
use app::App;
use certlink_core::demo::DemoSignIns;
use certlink_core::service::Service;
use jobs::{Finished, Worker};
use theme::Theme;

/// How the app is started.
#[derive(Debug, Default)]
pub struct Options {
    /// Capture the mouse (clicks on tabs and rows); off keeps the terminal's
    /// own text selection (`--no-mouse`).
    pub mouse: bool,
    /// Demo sign-ins to list on the sign-in screen (sandbox only).
    pub demo: Option<DemoSignIns>,
    /// Where `certlink.log` goes; None runs without a log.
    pub log_dir: Option<PathBuf>,
    /// What decides the language (`--lang`, the locale); a person's saved
    /// preference decides once they sign in.
    pub lang: certlink_i18n::Choice,
}

/// How long to wait for input before checking on a job (spinner speed).
pub const BUSY_POLL: Duration = Duration::from_millis(80);
pub const IDLE_POLL: Duration = Duration::from_millis(250);
/// How often an idle screen checks that it still shows the present (a change
/// in another session, the minute turning): at most this late.
pub const FRESH_POLL: Duration = Duration::from_secs(1);

/// Runs the app until the person quits. The terminal is restored on return,
/// on error and on panic.
pub fn run(service: Service, options: Options) -> io::Result<()> {
    let _log = options.log_dir.as_deref().and_then(logging::init);
    tracing::info!(sandbox = service.is_sandbox(), "tui started");
    terminal::install_hooks();
    let service = Arc::new(service);
    let mut app =
        App::new(Arc::clone(&service), options.demo, Theme::from_env()).with_lang(options.lang);
    app.sandbox_clock = components::sandbox_clock::note(&service);
    let worker = Worker::new(service);
    let mut guard = terminal::init(options.mouse)?;
    let result = event_loop(&mut guard.terminal, &mut app, &worker, options.mouse);
    drop(guard);
    tracing::info!(ok = result.is_ok(), "tui stopped");
    result
}

fn event_loop(
    terminal: &mut terminal::Tui,
    app: &mut App,
    worker: &Worker,
    mouse: bool,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| draw::draw(frame, app))?;
            dirty = false;
        }
        if app.should_quit {
            return Ok(());
        }
        let wait = if app.working() { BUSY_POLL } else { IDLE_POLL };
        if event::poll(wait)? {
            handle_event(app, worker, event::read()?, mouse);
            dirty = true;
        }
        dirty |= collect_jobs(app, worker)?;
        dirty |= tick(app, worker);
    }
}

/// A tick of the clock: the spinner moves while a job runs, and the screen is
/// read again if anything changed since it was read, or the minute turned
/// ([`App`]'s freshness check). True when the screen must be drawn again.
/// Every front end calls it between events (the local terminal here, SSH
/// sessions in `crate::ssh`).
pub fn tick(app: &mut App, worker: &Worker) -> bool {
    let spinning = app.working();
    let read_at = app.as_of();
    app.update(Action::Tick);
    start_background(app, worker);
    spinning || app.as_of() != read_at
}

/// One terminal event through the key map in front into the app; a job it starts
/// goes to the worker. The one input path of every front end (the local
/// terminal here, SSH sessions in `crate::ssh`).
pub fn handle_event(app: &mut App, worker: &Worker, event: event::Event, mouse: bool) {
    if let Some(action) = input::action_for(event, app.context(), mouse)
        && let Some(job) = app.update(action)
    {
        worker.start(job);
    }
    start_background(app, worker);
}

/// Starts the jobs the app queued that do not hold input (the skills tab's
/// passes and row reads).
fn start_background(app: &mut App, worker: &Worker) {
    for job in app.take_background() {
        worker.start(job);
    }
}

/// Hands finished jobs to the app; true if any finished (the screen changed).
/// A panicked job is a bug: the app stops rather than go on in a state it
/// cannot trust.
pub fn collect_jobs(app: &mut App, worker: &Worker) -> io::Result<bool> {
    let mut any = false;
    while let Some(finished) = worker.try_finished() {
        match finished {
            Finished::Done(done) => {
                // A finished job may start the next.
                if let Some(next) = app.job_done(done) {
                    worker.start(next);
                }
            }
            Finished::Panicked => {
                return Err(io::Error::other(app.lang.tui_shell_job_panicked()));
            }
        }
        any = true;
    }
    start_background(app, worker);
    Ok(any)
}
