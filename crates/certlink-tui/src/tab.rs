//! The component every tab of the signed-in screen is (the ratatui
//! component template's `Component`, gitui's tabs). A tab owns its state,
//! its keys (the key maps it puts in force), what it does with an action,
//! the answers of the jobs it starts, what it reads from the service and how
//! it is drawn; the app only routes between the screen, the popups and the
//! tab in front. What a tab may do to the rest of the app goes through its
//! [`Cx`]: open a popup, say a word in the status bar, start a job, read the
//! screen again.

use std::any::Any;
use std::path::Path;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::action::Action;
use crate::jobs::{Done, Failure, Job, failure_in};
use crate::keys::Context;
use crate::popups::{MessageDialog, Popup};
use crate::remote::RemoteInfo;
use crate::theme::Theme;
use certlink_core::service::{Service, ServiceError, Session};
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

pub trait Tab: Any {
    /// The keys in force on the tab now: a tab with several views (Support)
    /// has a key map per view.
    fn keys(&self, session: &Session) -> Context;

    /// Every key map the tab may put in force (tests check each one has help
    /// and a way out).
    fn key_maps(&self) -> &'static [Context];

    /// An action while the tab is in front and no popup is open. Switching
    /// tabs, signing out and help are the app's.
    fn update(&mut self, action: Action, cx: &mut Cx);

    /// A left click inside the tab's area (`cx.body`).
    fn click(&mut self, _column: u16, _row: u16, _cx: &mut Cx) {}

    /// The tab came to the front, after the screen was read again: a report
    /// read once is read here the first time.
    fn visited(&mut self, _cx: &mut Cx) {}

    /// The answer of a job this tab started ([`Done::take`] gives it as the
    /// type the job gave).
    fn on_done(&mut self, done: Done, cx: &mut Cx);

    /// Reads what the tab shows while it is in front, after every change:
    /// rows others may change meanwhile (the Users and Support tabs).
    fn refresh_in_front(&mut self, _reads: &Reads) -> Result<(), ServiceError> {
        Ok(())
    }

    /// Reads what the tab keeps up to date even when another is in front
    /// (the profile's allowance moves with time).
    fn refresh_always(&mut self, _reads: &Reads) -> Result<(), ServiceError> {
        Ok(())
    }

    /// Jobs the tab wants run without holding input, asked after every
    /// action and answer; `in_front` tells whether it is drawn now.
    fn background(&mut self, _session: &Session, _body: Rect, _in_front: bool) -> Vec<Job> {
        Vec::new()
    }

    /// A background job of the tab is running (the screen redraws on ticks).
    fn is_working(&self) -> bool {
        false
    }

    /// Draws the tab from its state alone: no service call, no clock.
    fn render(&self, frame: &mut Frame, area: Rect, view: &View);
}

/// What drawing a tab may read besides its own state.
pub struct View<'a> {
    pub session: &'a Session,
    /// Dates as the service formats them, taken at the last read.
    pub dates: &'a DateFormat,
    /// The language to draw in (also `dates.lang` once signed in).
    pub lang: Lang,
    pub theme: &'a Theme,
    /// The progress of the job in front while no popup is open (the part
    /// waiting on it shows it).
    pub busy: Option<&'a str>,
}

/// What the reads of a refresh use.
pub struct Reads<'a> {
    pub service: &'a Service,
    pub session: &'a Session,
    pub dates: &'a DateFormat,
    /// The tab's area (the Users tab reads a screen and a page ahead).
    pub body: Rect,
    /// [`Service::changes`] when this read began: what the screen is read
    /// at. A tab that keeps a report read in the background compares it with
    /// the count its report was read at, to tell whether to ask again.
    pub changes: u64,
}

/// Reads what the signed-in screen shows again: the dates, what the tab in
/// front reads on every visit, then what every tab keeps fresh, in tab
/// order. `tabs` are all the tabs, `front` the index of the one in front.
/// `read_at` becomes the change count the reads began at, even when one
/// fails (the next change tries again, not every tick).
pub(crate) fn refresh_tabs(
    service: &Service,
    session: &Session,
    (dates, read_at): (&mut DateFormat, &mut u64),
    body: Rect,
    tabs: &mut [&mut dyn Tab],
    front: usize,
) -> Result<(), ServiceError> {
    // Taken before the reads: a change committed while they run moves the
    // count past it, and the next check reads again.
    let changes = service.changes();
    *read_at = changes;
    // The reader's language stays: the service formats for everyone.
    *dates = service.date_format()?.in_lang(dates.lang);
    let reads = Reads {
        service,
        session,
        dates,
        body,
        changes,
    };
    if let Some(tab) = tabs.get_mut(front) {
        tab.refresh_in_front(&reads)?;
    }
    for tab in tabs.iter_mut() {
        tab.refresh_always(&reads)?;
    }
    Ok(())
}

/// A tab's way to the rest of the app while it handles an action, a click
/// or an answer.
pub struct Cx<'a> {
    pub service: &'a Service,
    pub session: &'a Session,
    pub body: Rect,
    /// Where the skills report's download is proposed.
    pub download_dir: &'a Path,
    /// Set when served over SSH: files written here would be the server's.
    pub remote: Option<&'a RemoteInfo>,
    dates: &'a mut DateFormat,
    /// The change count the screen was last read at.
    read_at: &'a mut u64,
    /// Set once the tab read the whole screen again ([`Cx::refresh`]).
    refreshed: bool,
    popups: &'a mut Vec<Popup>,
    flash: &'a mut Option<String>,
    /// The other tabs, before and after the one called (a refresh reads them too).
    before: &'a mut [Box<dyn Tab>],
    after: &'a mut [Box<dyn Tab>],
    front: usize,
    run: Option<Job>,
    /// What decides the language besides a saved preference (`--lang`, the
    /// locale).
    lang_choice: certlink_i18n::Choice,
    /// The person saved a language meanwhile ([`Cx::switch_lang`]): the
    /// saved one and the one the app speaks from now on.
    switched: Option<(Option<Lang>, Lang)>,
}

/// What the app lends a [`Cx`].
pub(crate) struct Lent<'a> {
    pub service: &'a Service,
    pub session: &'a Session,
    pub body: Rect,
    pub download_dir: &'a Path,
    pub remote: Option<&'a RemoteInfo>,
    pub dates: &'a mut DateFormat,
    pub read_at: &'a mut u64,
    pub popups: &'a mut Vec<Popup>,
    pub flash: &'a mut Option<String>,
    pub front: usize,
    pub lang_choice: certlink_i18n::Choice,
}

impl<'a> Cx<'a> {
    /// The context of the tab between `before` and `after`.
    pub(crate) fn new(
        lent: Lent<'a>,
        before: &'a mut [Box<dyn Tab>],
        after: &'a mut [Box<dyn Tab>],
    ) -> Cx<'a> {
        Cx {
            service: lent.service,
            session: lent.session,
            body: lent.body,
            download_dir: lent.download_dir,
            remote: lent.remote,
            dates: lent.dates,
            read_at: lent.read_at,
            refreshed: false,
            popups: lent.popups,
            flash: lent.flash,
            before,
            after,
            front: lent.front,
            run: None,
            lang_choice: lent.lang_choice,
            switched: None,
        }
    }

    /// Dates as the service formats them, as of the last read.
    pub fn dates(&self) -> &DateFormat {
        self.dates
    }

    /// The language the person reads.
    pub fn lang(&self) -> Lang {
        self.dates.lang
    }

    /// The person saved `saved` as their language (or cleared it): the whole
    /// app speaks it at once, this call's words included; cleared, the
    /// front end's choice decides again. A language just chosen wins over
    /// `--lang` in this session (the person asked for it); at the next
    /// sign-in `--lang` comes first again. Returns the language now spoken.
    pub fn switch_lang(&mut self, saved: Option<Lang>) -> Lang {
        let lang = saved.unwrap_or_else(|| self.lang_choice.before_sign_in());
        self.dates.lang = lang;
        self.switched = Some((saved, lang));
        lang
    }

    /// The language saved during this call, for the app to apply.
    pub(crate) fn take_switched(&mut self) -> Option<(Option<Lang>, Lang)> {
        self.switched.take()
    }

    pub fn open(&mut self, popup: Popup) {
        self.popups.push(popup);
    }

    /// Closes the form on top (credentials, dialog, download): its job
    /// succeeded.
    pub fn close_form(&mut self) {
        if self.popups.last().is_some_and(Popup::is_form) {
            self.popups.pop();
        }
    }

    /// A short note in the status bar, until the next key.
    pub fn flash(&mut self, text: impl Into<String>) {
        *self.flash = Some(text.into());
    }

    /// A failure shown where it was asked: in the form on top, which keeps
    /// what was typed; else as a message.
    pub fn failed(&mut self, failure: Failure) {
        let message = failure.message.clone();
        if !self.popups.last_mut().is_some_and(|p| p.refused(message)) {
            self.show_failure(failure);
        }
    }

    /// A failure as a message over the screen.
    pub fn show_failure(&mut self, failure: Failure) {
        self.popups.push(Popup::Message(MessageDialog::refused_in(
            self.lang(),
            failure.rule,
            failure.message,
        )));
    }

    /// A service error, in words, as a message.
    pub fn show_error(&mut self, error: &ServiceError) {
        let f = failure_in(self.service, self.lang(), error);
        self.show_failure(f);
    }

    /// Starts `job` in front: input waits for its answer, which comes back
    /// to this tab.
    pub fn run(&mut self, job: Job) {
        self.run = Some(job);
    }

    pub(crate) fn take_job(&mut self) -> Option<Job> {
        self.run.take()
    }

    /// The tab read the whole screen again while it was called.
    pub(crate) fn refreshed(&self) -> bool {
        self.refreshed
    }

    /// Reads the whole signed-in screen again, `me` (the tab called) in its
    /// place among the others; a failure is shown, what was read before
    /// stays.
    pub fn refresh(&mut self, me: &mut dyn Tab) {
        let mut tabs: Vec<&mut dyn Tab> =
            Vec::with_capacity(self.before.len() + 1 + self.after.len());
        tabs.extend(self.before.iter_mut().map(|t| &mut **t as &mut dyn Tab));
        tabs.push(me);
        tabs.extend(self.after.iter_mut().map(|t| &mut **t as &mut dyn Tab));
        let read = refresh_tabs(
            self.service,
            self.session,
            (self.dates, self.read_at),
            self.body,
            &mut tabs,
            self.front,
        );
        self.refreshed = true;
        if let Err(e) = read {
            self.show_error(&e);
        }
    }
}
