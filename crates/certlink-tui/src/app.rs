//! The app: which screen is in front (sign-in, new password, or the signed-in
//! screen with its tabs), the popups over it, and the jobs running. It only
//! routes: an action goes to the top popup, else to the screen, where the
//! signed-in screen keeps tab switching, sign-out and help and hands the rest
//! to the tab in front; a job's answer goes back to the part that started
//! it. Nothing here decides a rule or knows what a tab shows.

use std::any::Any;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::jobs::{Done, Failure, Job, Progress, To, failure_in};
use crate::keys::{self, Context};
use crate::layout;
use crate::popups::{CredentialsPurpose, HelpPopup, MessageDialog, Popup, Reply, Submitting};
use crate::screens::password_change::{self, PasswordChangeScreen, PasswordChanged};
use crate::screens::sign_in::{self, DemoRow, SignInScreen, SignedIn, demo_rows};
use crate::tab::{Cx, Lent, Tab, refresh_tabs};
use crate::tabs::{self, TabId, profile};
use crate::theme::Theme;
use certlink_core::demo::DemoSignIns;
use certlink_core::service::{Service, Session};
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;
use chrono::{DateTime, Utc};

pub use crate::remote::RemoteInfo;

pub struct App {
    pub(crate) service: Arc<Service>,
    pub theme: Theme,
    /// The language every screen speaks: the front end's choice (`--lang`,
    /// the environment, an SSH client's locale) until a person signs in,
    /// then their saved preference if they have one.
    pub lang: Lang,
    /// What chose `lang` before the sign-in; with the person's saved
    /// preference it decides `lang` after it.
    pub lang_choice: certlink_i18n::Choice,
    /// The demo sign-ins as listed on the sign-in screen: a sandbox only.
    /// Built once (a scaled sandbox lists many).
    pub demo: Option<Vec<DemoRow>>,
    pub sandbox: bool,
    /// Principle 7: the sandbox clock's date when `--now` moved it ahead.
    pub sandbox_clock: Option<String>,
    pub screen: Screen,
    /// Popups over the screen; the last one is on top and takes the keys.
    pub popups: Vec<Popup>,
    /// A job running on the worker thread, holding input.
    pub busy: Option<Busy>,
    /// Jobs to start that do not hold input (see [`Job::in_background`]).
    pub(crate) background: Vec<Job>,
    /// A short note about what just happened, shown until the next key.
    pub flash: Option<String>,
    /// The terminal's size, for mouse hit-testing (drawing gets its own area).
    pub area: Rect,
    /// Where the skills report's download is proposed (the working folder;
    /// tests point it at a temporary one).
    pub download_dir: PathBuf,
    /// Set when the app is served over SSH: the server's files are not the
    /// person's, so downloads become a command to run on their own machine.
    pub remote: Option<RemoteInfo>,
    pub should_quit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    /// What the job in front is doing, in words.
    pub progress: Progress,
    /// Spinner frame, advanced by ticks.
    pub frame: usize,
}

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

impl Busy {
    /// The spinner and the progress in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        format!(
            "{} {}",
            SPINNER[self.frame % SPINNER.len()],
            self.progress.in_lang(lang)
        )
    }
}

pub enum Screen {
    SignIn(SignInScreen),
    PasswordChange(PasswordChangeScreen),
    Main(Box<MainScreen>),
}

/// The signed-in screen: the tabs the person may use, each with its component.
pub struct MainScreen {
    pub session: Session,
    /// The tabs in order, as the tab bar shows them.
    pub tabs: Vec<TabId>,
    /// The component of each tab, in the same order.
    pub components: Vec<Box<dyn Tab>>,
    pub active: usize,
    /// Dates as the service formats them (display zone, "in N days"), taken at
    /// the last refresh so rendering needs no clock; their `now` is the
    /// "as of" stamp of the status bar.
    pub dates: DateFormat,
    /// [`Service::changes`] when the screen was last read: once the count
    /// moves on (a change in any tab or any session), the screen is stale.
    pub read_at: u64,
}

impl MainScreen {
    pub fn active_tab(&self) -> TabId {
        self.tabs
            .get(self.active)
            .copied()
            .unwrap_or(TabId::Profile)
    }

    /// The component of type `T`, if the person has that tab.
    pub fn tab<T: Tab>(&self) -> Option<&T> {
        self.components.iter().find_map(|c| {
            let any: &dyn Any = c.as_ref();
            any.downcast_ref::<T>()
        })
    }

    pub fn tab_mut<T: Tab>(&mut self) -> Option<&mut T> {
        self.components.iter_mut().find_map(|c| {
            let any: &mut dyn Any = c.as_mut();
            any.downcast_mut::<T>()
        })
    }
}

/// The minute an instant falls in: the "as of" stamp shows minutes, and
/// "in N days" cannot move between two instants of one minute.
fn minute(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(60)
}

/// The address of a tab's jobs: its type.
fn address(tab: &dyn Tab) -> To {
    let any: &dyn Any = tab;
    To::Tab(any.type_id())
}

impl App {
    /// A new app on the sign-in screen. `demo` is shown only if the database
    /// really is a sandbox (the passwords are public there only).
    pub fn new(service: Arc<Service>, demo: Option<DemoSignIns>, theme: Theme) -> App {
        let sandbox = service.is_sandbox();
        App {
            demo: demo.filter(|_| sandbox).map(|d| demo_rows(&d)),
            sandbox,
            // Set by the front end that runs the app (`run`, SSH), which
            // knows the machine's clock.
            sandbox_clock: None,
            service,
            theme,
            lang: Lang::En,
            lang_choice: Default::default(),
            screen: Screen::SignIn(SignInScreen::new(Lang::En)),
            popups: Vec::new(),
            busy: None,
            background: Vec::new(),
            flash: None,
            area: Rect::new(0, 0, 80, 24),
            download_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            remote: None,
            should_quit: false,
        }
    }

    /// An app for a person already signed in elsewhere (SSH authenticated
    /// them through `Service::sign_in`): it opens where a sign-in on the
    /// sign-in screen would lead, including the password change a temporary
    /// password requires first (R13). `area` is the terminal's size, which
    /// the first reads page by.
    /// It speaks the person's saved language, else English
    /// ([`App::signed_in_speaking`] says what else decides).
    pub fn signed_in(service: Arc<Service>, session: Session, theme: Theme, area: Rect) -> App {
        App::signed_in_speaking(service, session, theme, area, Default::default())
    }

    /// [`App::signed_in`], where `choice` (`--lang`, the SSH client's
    /// locale) decides the language with the person's saved preference.
    pub fn signed_in_speaking(
        service: Arc<Service>,
        mut session: Session,
        theme: Theme,
        area: Rect,
        choice: certlink_i18n::Choice,
    ) -> App {
        let mut app = App::new(service, None, theme);
        app.area = area;
        app.lang_choice = choice;
        app.speak_to(&mut session);
        if session.must_change_password {
            app.screen = Screen::PasswordChange(PasswordChangeScreen::new(session, app.lang));
        } else {
            app.enter_main(session);
        }
        app
    }

    /// The app, speaking what `choice` decides before a sign-in (the
    /// sign-in screen's words); at a sign-in the person's saved preference
    /// joins in ([`Choice::for_person`](certlink_i18n::Choice::for_person)).
    pub fn with_lang(mut self, choice: certlink_i18n::Choice) -> App {
        self.lang_choice = choice;
        self.set_lang(choice.before_sign_in());
        self
    }

    /// A person signed in: the app speaks their language from now on
    /// (`--lang`, else their saved preference, else the locale), and their
    /// session says so (mail their actions send to someone without a
    /// preference goes out in it).
    fn speak_to(&mut self, session: &mut Session) {
        self.lang = self.lang_choice.for_person(session.lang);
        session.speaks = self.lang;
    }

    /// Switches the language of every screen now (a person saved a new
    /// preference): the signed-in screen's dates and session, and the
    /// labels of a form screen. Typed input stays.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        match &mut self.screen {
            Screen::Main(main) => {
                main.dates.lang = lang;
                main.session.speaks = lang;
            }
            Screen::SignIn(sign_in) => sign_in.relabel(lang),
            Screen::PasswordChange(change) => {
                change.relabel(lang);
                change.session.speaks = lang;
            }
        }
    }

    /// The service the app runs on (jobs run against it on the worker thread).
    pub fn service(&self) -> &Arc<Service> {
        &self.service
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.busy.is_some() {
            return &keys::BUSY;
        }
        match self.popups.last() {
            Some(popup) => popup.keys(),
            None => self.screen_context(),
        }
    }

    /// The context of the screen under any popup.
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::SignIn(_) => sign_in::keys(self.demo.is_some()),
            Screen::PasswordChange(_) => &password_change::KEYS,
            Screen::Main(main) => main
                .components
                .get(main.active)
                .map_or(&profile::KEYS, |tab| tab.keys(&main.session)),
        }
    }

    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Main(main) => Some(&main.session),
            Screen::PasswordChange(p) => Some(&p.session),
            Screen::SignIn(_) => None,
        }
    }

    pub fn main(&self) -> Option<&MainScreen> {
        match &self.screen {
            Screen::Main(main) => Some(main),
            _ => None,
        }
    }

    /// The jobs queued to run without holding input; the front end starts them.
    pub fn take_background(&mut self) -> Vec<Job> {
        std::mem::take(&mut self.background)
    }

    /// A job runs, in front or in the background: the screen redraws on ticks.
    pub fn working(&self) -> bool {
        self.busy.is_some()
            || !self.background.is_empty()
            || self
                .main()
                .is_some_and(|m| m.components.iter().any(|t| t.is_working()))
    }

    /// The busy label, for the part of the screen waiting on the job.
    pub fn busy_label(&self) -> Option<String> {
        self.busy.map(|b| b.label(self.lang))
    }

    /// Credentials dialog purpose in front, if any (tests and the status bar).
    pub fn credentials_in_front(&self) -> Option<CredentialsPurpose> {
        match self.popups.last() {
            Some(Popup::Credentials(d)) => Some(d.purpose),
            _ => None,
        }
    }

    /// Applies an action. Returns the job to run on the worker, if one starts;
    /// the app is then busy until its answer comes back ([`App::job_done`]).
    /// Jobs that do not hold input (the skills tab's reads) are queued for
    /// [`App::take_background`].
    pub fn update(&mut self, action: Action) -> Option<Job> {
        let job = self.update_in_front(action);
        self.plan_background();
        job
    }

    /// A job's answer, for the part that started it. Returns the job that
    /// follows, if one starts (the app is busy again until its answer).
    pub fn job_done(&mut self, done: Done) -> Option<Job> {
        if !done.background {
            self.busy = None;
        }
        let next = self.deliver(done);
        let next = self.mark_busy(next);
        if next.is_none() {
            self.keep_fresh();
        }
        self.plan_background();
        next
    }

    /// When the signed-in screen was last read: the change count and the
    /// instant of the "as of" stamp (the front ends redraw when it moves).
    pub fn as_of(&self) -> Option<(u64, DateTime<Utc>)> {
        self.main().map(|m| (m.read_at, m.dates.now))
    }

    /// Every view shows the present (issue 15, principle 2): the signed-in
    /// screen is read again, without a key, once anything was committed
    /// since it was read (in this tab, another, or another SSH session over
    /// the same service), and when the display minute turns (allowances and
    /// "in N days" move with time). Not while a job in front runs (its
    /// answer checks again), nor under a form with typed input.
    fn keep_fresh(&mut self) {
        if self.busy.is_some() || self.popups.iter().any(Popup::holds_typing) {
            return;
        }
        let Screen::Main(main) = &self.screen else {
            return;
        };
        let changed = self.service.changes() != main.read_at;
        // An unreadable clock leaves the screen as it is; the next read says why.
        let minute_turned = || {
            self.service
                .now()
                .is_ok_and(|now| minute(now) != minute(main.dates.now))
        };
        if changed || minute_turned() {
            self.refresh_quietly();
        }
    }

    fn update_in_front(&mut self, action: Action) -> Option<Job> {
        match action {
            Action::Quit => {
                self.should_quit = true;
                None
            }
            Action::Resize { width, height } => {
                self.area = Rect::new(0, 0, width, height);
                None
            }
            Action::Tick => {
                if let Some(busy) = &mut self.busy {
                    busy.frame = busy.frame.wrapping_add(1);
                }
                self.keep_fresh();
                None
            }
            // Input waits while a job runs (only quitting goes through).
            _ if self.busy.is_some() => None,
            Action::Click { column, row } => {
                self.flash = None;
                let job = self.click(column, row);
                self.mark_busy(job)
            }
            action => {
                self.flash = None;
                let job = if self.popups.is_empty() {
                    self.update_screen(action)
                } else {
                    self.update_popup(action)
                };
                self.mark_busy(job)
            }
        }
    }

    /// A job about to start in front makes the app busy until its answer.
    fn mark_busy(&mut self, job: Option<Job>) -> Option<Job> {
        let job = job.map(|job| job.speaking(self.lang));
        if let Some(job) = &job {
            self.busy = Some(Busy {
                progress: job.progress(),
                frame: 0,
            });
        }
        job
    }

    /// Who answers a job started now: the tab in front, or the screen.
    fn front(&self) -> To {
        match &self.screen {
            Screen::Main(main) => main
                .components
                .get(main.active)
                .map_or(To::Screen, |tab| address(tab.as_ref())),
            _ => To::Screen,
        }
    }

    fn update_popup(&mut self, action: Action) -> Option<Job> {
        let area = self.area;
        let submitting = match &self.screen {
            Screen::Main(main) => main.components.get(main.active).map(|owner| {
                let owner: &dyn Any = owner.as_ref();
                Submitting {
                    service: &self.service,
                    session: &main.session,
                    dates: &main.dates,
                    owner,
                }
            }),
            _ => None,
        };
        let popup = self.popups.last_mut()?;
        let reply = popup.update(action, area, submitting.as_ref());
        self.apply(reply)
    }

    /// What a popup's reply does to the popup stack; a job it starts
    /// answers the part in front (the one that opened the popup).
    fn apply(&mut self, reply: Reply) -> Option<Job> {
        match reply {
            Reply::Stay => None,
            Reply::Close => {
                self.popups.pop();
                None
            }
            Reply::Help => {
                self.open_help();
                None
            }
            Reply::Run(job) => Some(job.addressed(self.front())),
            Reply::CloseAndRun(job) => {
                self.popups.pop();
                Some(job.addressed(self.front()))
            }
        }
    }

    fn open_help(&mut self) {
        let context = self.context();
        self.popups
            .push(Popup::Help(HelpPopup::new(context, self.lang)));
    }

    fn update_screen(&mut self, action: Action) -> Option<Job> {
        if action == Action::OpenHelp {
            self.open_help();
            return None;
        }
        match &mut self.screen {
            Screen::SignIn(sign_in) => sign_in.update(action, self.demo.as_deref(), self.lang),
            Screen::PasswordChange(change) => match action {
                Action::Back => {
                    self.sign_out();
                    None
                }
                other => change.update(other, self.lang),
            },
            Screen::Main(_) => self.update_main(action),
        }
    }

    /// Back to the sign-in screen, in the language before anyone signed in;
    /// over SSH the connection is the sign-in, so signing out ends the
    /// session instead.
    fn sign_out(&mut self) {
        if self.remote.is_some() {
            self.should_quit = true;
        } else {
            self.lang = self.lang_choice.before_sign_in();
            self.screen = Screen::SignIn(SignInScreen::new(self.lang));
        }
    }

    /// The signed-in screen keeps tab switching and sign-out; the tab in
    /// front gets the rest.
    fn update_main(&mut self, action: Action) -> Option<Job> {
        let Screen::Main(main) = &self.screen else {
            return None;
        };
        let (count, active) = (main.tabs.len().max(1), main.active);
        match action {
            Action::NextTab => self.switch_tab((active + 1) % count),
            Action::PrevTab => self.switch_tab((active + count - 1) % count),
            Action::SelectTab(i) if i < count => self.switch_tab(i),
            Action::SignOut => {
                self.sign_out();
                self.flash = Some(self.lang.tui_shell_signed_out().into());
                None
            }
            // The one refresh key of every tab: the tab asks again for what
            // it reads in the background, and the screen is read again once
            // (by the tab, or here), which moves the "as of" stamp.
            Action::Reload => {
                let (job, refreshed) =
                    self.call_tab(active, |tab, cx| tab.update(Action::Reload, cx));
                if !refreshed {
                    self.refresh();
                }
                job
            }
            action => self.with_tab(active, |tab, cx| tab.update(action, cx)),
        }
    }

    fn switch_tab(&mut self, index: usize) -> Option<Job> {
        if let Screen::Main(main) = &mut self.screen {
            main.active = index;
        }
        // Dates and allowances move with time: read again on every visit.
        self.refresh();
        self.with_tab(index, |tab, cx| tab.visited(cx))
    }

    /// Calls `f` on the tab at `index` with its context; the job it starts,
    /// if any, answers that tab.
    fn with_tab(&mut self, index: usize, f: impl FnOnce(&mut dyn Tab, &mut Cx)) -> Option<Job> {
        self.call_tab(index, f).0
    }

    /// [`App::with_tab`], also telling whether the tab read the whole screen
    /// again meanwhile.
    fn call_tab(
        &mut self,
        index: usize,
        f: impl FnOnce(&mut dyn Tab, &mut Cx),
    ) -> (Option<Job>, bool) {
        let body = layout::body_area(self.area);
        let Screen::Main(main) = &mut self.screen else {
            return (None, false);
        };
        let MainScreen {
            session,
            components,
            active,
            dates,
            read_at,
            ..
        } = &mut **main;
        let at = index.min(components.len());
        let (before, rest) = components.split_at_mut(at);
        let Some((me, after)) = rest.split_first_mut() else {
            return (None, false);
        };
        let to = address(me.as_ref());
        let lent = Lent {
            service: &self.service,
            session,
            body,
            download_dir: &self.download_dir,
            remote: self.remote.as_ref(),
            dates,
            read_at,
            popups: &mut self.popups,
            flash: &mut self.flash,
            front: *active,
            lang_choice: self.lang_choice,
        };
        let mut cx = Cx::new(lent, before, after);
        f(me.as_mut(), &mut cx);
        let job = cx.take_job().map(|job| job.addressed(to));
        let (switched, refreshed) = (cx.take_switched(), cx.refreshed());
        if let Some((saved, lang)) = switched {
            // Issue 16: a language saved on the profile is spoken at once.
            self.lang = lang;
            session.lang = saved;
            session.speaks = lang;
        }
        (job, refreshed)
    }

    /// Hands an answer to the part that asked: the screen, or its tab (an
    /// answer for a tab no longer there is dropped).
    fn deliver(&mut self, done: Done) -> Option<Job> {
        match done.to {
            To::Screen => {
                self.screen_done(done);
                None
            }
            to @ To::Tab(_) => {
                let Screen::Main(main) = &self.screen else {
                    return None;
                };
                let index = main
                    .components
                    .iter()
                    .position(|tab| address(tab.as_ref()) == to)?;
                self.with_tab(index, |tab, cx| tab.on_done(done, cx))
            }
        }
    }

    /// The sign-in's or the password change's answer: on to the tabs, or
    /// the refusal where it was asked.
    fn screen_done(&mut self, done: Done) {
        let answer = match done.result {
            Ok(answer) => answer,
            Err(failure) => return self.screen_failed(failure),
        };
        match answer.downcast::<SignedIn>() {
            Ok(signed_in) => {
                let SignedIn(mut session) = *signed_in;
                self.speak_to(&mut session);
                if session.must_change_password {
                    // R13: nothing else until the temporary password is replaced.
                    self.screen =
                        Screen::PasswordChange(PasswordChangeScreen::new(session, self.lang));
                } else {
                    tracing::info!(account = session.account.0, "signed in");
                    self.enter_main(session);
                }
            }
            Err(answer) => {
                if let Ok(changed) = answer.downcast::<PasswordChanged>() {
                    match *changed {
                        PasswordChanged::Set(session) => {
                            self.enter_main(session);
                            self.flash = Some(self.lang.tui_shell_password_set().into());
                        }
                        PasswordChanged::Refused { failure, retype } => {
                            if let Screen::PasswordChange(change) = &mut self.screen {
                                change.refused(failure.message, retype);
                            }
                        }
                    }
                }
            }
        }
    }

    /// A refusal of a screen's job: in the form on top if there is one, else
    /// on the screen that asked.
    fn screen_failed(&mut self, failure: Failure) {
        if let Some(popup) = self.popups.last_mut() {
            if !popup.refused(failure.message.clone()) {
                self.show_failure(failure);
            }
            return;
        }
        match &mut self.screen {
            Screen::SignIn(sign_in) => sign_in.refused(failure.message),
            Screen::PasswordChange(change) => change.error = Some(failure.message),
            Screen::Main(_) => self.show_failure(failure),
        }
    }

    /// Opens the signed-in screen for a session and reads its data.
    fn enter_main(&mut self, mut session: Session) {
        session.speaks = self.lang;
        let dates = match self.service.date_format() {
            Ok(d) => d.in_lang(self.lang),
            Err(e) => {
                self.show_failure(failure_in(&self.service, self.lang, &e));
                return;
            }
        };
        let (tabs, components) = tabs::build(&session).into_iter().unzip();
        self.screen = Screen::Main(Box::new(MainScreen {
            session,
            tabs,
            components,
            active: 0,
            dates,
            read_at: 0,
        }));
        self.refresh();
    }

    /// Re-reads what the signed-in screen shows. A failed read is shown as a
    /// message; what was read before stays on screen.
    fn refresh(&mut self) {
        if let Err(f) = self.read_screen() {
            self.show_failure(f);
        }
    }

    /// A re-read nobody asked for (a change elsewhere, the minute turning):
    /// a failure is shown once, not again under its own message on the
    /// next tick.
    fn refresh_quietly(&mut self) {
        if let Err(f) = self.read_screen()
            && !matches!(self.popups.last(), Some(Popup::Message(_)))
        {
            self.show_failure(f);
        }
    }

    fn read_screen(&mut self) -> Result<(), Failure> {
        let body = layout::body_area(self.area);
        let Screen::Main(main) = &mut self.screen else {
            return Ok(());
        };
        let MainScreen {
            session,
            components,
            active,
            dates,
            read_at,
            ..
        } = &mut **main;
        let mut tabs: Vec<&mut dyn Tab> = components
            .iter_mut()
            .map(|t| &mut **t as &mut dyn Tab)
            .collect();
        refresh_tabs(
            &self.service,
            session,
            (dates, read_at),
            body,
            &mut tabs,
            *active,
        )
        .map_err(|e| failure_in(&self.service, self.lang, &e))
    }

    /// Queues what the tabs want from the worker without holding input.
    fn plan_background(&mut self) {
        let body = layout::body_area(self.area);
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        for (i, tab) in main.components.iter_mut().enumerate() {
            let to = address(tab.as_ref());
            let jobs = tab.background(&main.session, body, i == main.active);
            self.background.extend(
                jobs.into_iter()
                    .map(|job| job.addressed(to).speaking(self.lang)),
            );
        }
    }

    fn show_failure(&mut self, f: Failure) {
        self.popups.push(Popup::Message(MessageDialog::refused_in(
            self.lang, f.rule, f.message,
        )));
    }

    /// A left click: on the top popup if there is one, else on the screen.
    fn click(&mut self, column: u16, row: u16) -> Option<Job> {
        let area = self.area;
        if !layout::fits(area) {
            return None;
        }
        let busy = self.busy_label();
        if let Some(popup) = self.popups.last_mut() {
            let reply = popup.click(area, busy.as_deref(), column, row, self.lang);
            return self.apply(reply);
        }
        let body = layout::status_free_area(area);
        match &mut self.screen {
            Screen::SignIn(sign_in) => {
                sign_in.click(body, self.demo.as_deref(), self.lang, column, row);
                None
            }
            Screen::PasswordChange(change) => {
                change.click(body, self.lang, column, row);
                None
            }
            Screen::Main(main) => {
                let titles: Vec<_> = main.tabs.iter().map(|t| t.titles(self.lang)).collect();
                if let Some(i) = layout::tab_at(area, &titles, column, row) {
                    return self.switch_tab(i);
                }
                let active = main.active;
                self.with_tab(active, |tab, cx| tab.click(column, row, cx))
            }
        }
    }
}
