//! The state of the app: which screen, which popups, what the service last said.
//! Rendering reads it (`draw`), `update` changes it. Reads of the service happen
//! here, in `refresh`, after every change; they are indexed and paged.

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::jobs::{Job, JobFailure, JobKind, failure};
use super::keys::Context;
use super::popups::{MessageDialog, Popup};
use super::screens::password_change::PasswordChangeScreen;
use super::screens::sign_in::SignInScreen;
use super::screens::sign_in::{DemoRow, demo_rows};
use super::tabs::TabId;
use super::tabs::associations::{AssociationsTab, HISTORY_LIMIT, ORG_PAGE, OrgLinks};
use super::tabs::competencies::CompetenciesTab;
use super::tabs::learning::{self, LearnRange, LearningTab};
use super::tabs::profile::ProfileTab;
use super::tabs::skills::SkillsTab;
use super::tabs::support::SupportTab;
use super::tabs::users::UsersTab;
use super::theme::Theme;
use super::{draw, flows};
use certlink_core::demo::DemoSignIns;
use certlink_core::service::{Service, ServiceError, Session};
use certlink_domain::permissions::OrgView;
use certlink_domain::time::DateFormat;
use certlink_domain::{Refusal, may};

pub struct App {
    pub(crate) service: Arc<Service>,
    pub theme: Theme,
    /// The demo sign-ins as listed on the sign-in screen: a sandbox only.
    /// Built once (a scaled sandbox lists many).
    pub demo: Option<Vec<DemoRow>>,
    pub sandbox: bool,
    pub screen: Screen,
    /// Popups over the screen; the last one is on top and takes the keys.
    pub popups: Vec<Popup>,
    /// A job running on the worker thread.
    pub busy: Option<Busy>,
    /// Jobs to start that do not hold input (see [`JobKind::is_background`]).
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

/// Where an SSH session's person reaches this server, for the commands the
/// app shows instead of writing files on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteInfo {
    pub email: String,
    pub host: String,
    pub port: u16,
}

impl RemoteInfo {
    /// The exec command that streams the skills report to the person's machine.
    pub fn skills_download_command(&self) -> String {
        format!(
            "ssh -p {} {}@{} report skills --format csv > skills.csv",
            self.port, self.email, self.host
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub kind: JobKind,
    /// Spinner frame, advanced by ticks.
    pub frame: usize,
}

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

impl Busy {
    pub fn label(&self) -> String {
        format!(
            "{} {}",
            SPINNER[self.frame % SPINNER.len()],
            self.kind.progress()
        )
    }
}

pub enum Screen {
    SignIn(SignInScreen),
    PasswordChange(PasswordChangeScreen),
    Main(Box<MainScreen>),
}

/// The signed-in screen: tabs by role, each with what the service last said.
pub struct MainScreen {
    pub session: Session,
    pub tabs: Vec<TabId>,
    pub active: usize,
    /// Dates as the service formats them (display zone, "in N days"), taken at
    /// the last refresh so rendering needs no clock.
    pub dates: DateFormat,
    pub profile: ProfileTab,
    pub associations: AssociationsTab,
    /// The organization's reports (admins only): read when first opened.
    pub skills: SkillsTab,
    pub competencies: CompetenciesTab,
    pub learning: LearningTab,
    /// The organization's accounts (Global Admins): read on every visit.
    pub users: UsersTab,
    /// Support: the support engineers' desk, or the person's own tickets.
    pub support: SupportTab,
}

impl MainScreen {
    pub fn active_tab(&self) -> TabId {
        self.tabs
            .get(self.active)
            .copied()
            .unwrap_or(TabId::Profile)
    }
}

impl App {
    /// A new app on the sign-in screen. `demo` is shown only if the database
    /// really is a sandbox (the passwords are public there only).
    pub fn new(service: Arc<Service>, demo: Option<DemoSignIns>, theme: Theme) -> App {
        let sandbox = service.is_sandbox();
        App {
            demo: demo.filter(|_| sandbox).map(|d| demo_rows(&d)),
            sandbox,
            service,
            theme,
            screen: Screen::SignIn(SignInScreen::new()),
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
    pub fn signed_in(service: Arc<Service>, session: Session, theme: Theme, area: Rect) -> App {
        let mut app = App::new(service, None, theme);
        app.area = area;
        if session.must_change_password {
            app.screen = Screen::PasswordChange(PasswordChangeScreen::new(session));
        } else {
            app.enter_main(session);
        }
        app
    }

    /// The service the app runs on (jobs run against it on the worker thread).
    pub fn service(&self) -> &Arc<Service> {
        &self.service
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if self.busy.is_some() {
            return Context::Busy;
        }
        match self.popups.last() {
            Some(Popup::Credentials(_)) => Context::Credentials,
            Some(Popup::Dialog(d)) if d.form.choice_focused() => Context::DialogChoice,
            Some(Popup::Dialog(_)) => Context::Dialog,
            Some(Popup::ShownOnce(_)) => Context::Message,
            Some(Popup::Download(_)) => Context::Download,
            Some(Popup::Confirm(_)) => Context::Confirm,
            Some(Popup::Message(_)) => Context::Message,
            Some(Popup::Help(_)) => Context::Help,
            None => self.screen_context(),
        }
    }

    /// The context of the screen under any popup.
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::SignIn(_) => Context::SignIn,
            Screen::PasswordChange(_) => Context::PasswordChange,
            Screen::Main(main) => match main.active_tab() {
                TabId::Profile => Context::Profile,
                TabId::Associations => Context::Associations,
                TabId::Skills if main.skills.filtering => Context::SkillsFilter,
                TabId::Skills => Context::Skills,
                TabId::Competencies => Context::Competencies,
                TabId::Learning => Context::Learning,
                TabId::Users => Context::Users,
                TabId::Support => main.support.context(&main.session),
            },
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
            || self.main().is_some_and(|m| m.skills.is_working())
    }

    /// The busy label, for the part of the screen waiting on the job.
    pub fn busy_label(&self) -> Option<String> {
        self.busy.map(|b| b.label())
    }

    /// Opens the signed-in screen for a session and reads its data.
    pub(crate) fn enter_main(&mut self, session: Session) {
        let dates = match self.service.date_format() {
            Ok(d) => d,
            Err(e) => {
                self.show_failure(failure(&self.service, &e));
                return;
            }
        };
        let tabs = TabId::for_session(&session);
        let associations = AssociationsTab {
            org: may(&session.actor(), OrgView::Links)
                .is_ok()
                .then(OrgLinks::default),
            ..AssociationsTab::default()
        };
        self.screen = Screen::Main(Box::new(MainScreen {
            session,
            tabs,
            active: 0,
            dates,
            profile: ProfileTab::default(),
            associations,
            skills: SkillsTab::default(),
            competencies: CompetenciesTab::default(),
            learning: LearningTab::default(),
            users: UsersTab::default(),
            support: SupportTab::default(),
        }));
        self.refresh();
    }

    /// Re-reads what the signed-in screen shows. A failed read is shown as a
    /// message; what was read before stays on screen.
    pub(crate) fn refresh(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        if let Err(e) = load(&self.service, main, draw::body_area(self.area)) {
            let f = failure(&self.service, &e);
            self.show_failure(f);
        }
    }

    /// Reads the next page of the organization's links after the last loaded one.
    pub(crate) fn load_next_org_page(&mut self) {
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let Some(org) = &mut main.associations.org else {
            return;
        };
        let after = org.rows.last().map(|r| r.link);
        match self.service.org_links(&main.session, after, ORG_PAGE) {
            Ok(page) => org.append(page),
            Err(e) => {
                let f = failure(&self.service, &e);
                self.show_failure(f);
            }
        }
    }

    /// The job that reads the report of the tab in front, if it is a report tab.
    /// The Learn analytics range starts as the last 12 months to today.
    pub(crate) fn report_job(&mut self) -> Option<Job> {
        let Screen::Main(main) = &mut self.screen else {
            return None;
        };
        let session = main.session.clone();
        match main.active_tab() {
            // Read already: the pass over the whole report runs in the
            // background, the old view staying on screen meanwhile.
            TabId::Skills if main.skills.is_loaded() => {
                main.skills.reload();
                None
            }
            TabId::Skills => Some(Job::LoadSkills { session }),
            TabId::Competencies => Some(Job::LoadCompetencies { session }),
            TabId::Learning => {
                let today = learning::today(&main.dates);
                let range = *main
                    .learning
                    .range
                    .get_or_insert_with(|| LearnRange::last_year(today));
                Some(Job::LoadLearning {
                    session,
                    from: range.from(),
                    to: range.to,
                })
            }
            TabId::Profile | TabId::Associations | TabId::Users | TabId::Support => None,
        }
    }

    /// The report job of the tab in front when its report was never read:
    /// reports are read once and then on request (`r`), as they grow with the
    /// organization.
    pub(crate) fn first_report_job(&mut self) -> Option<Job> {
        let main = self.main()?;
        let loaded = match main.active_tab() {
            TabId::Skills => main.skills.is_loaded(),
            TabId::Competencies => main.competencies.status.is_some(),
            TabId::Learning => main.learning.report.is_some(),
            TabId::Profile | TabId::Associations | TabId::Users | TabId::Support => true,
        };
        if loaded { None } else { self.report_job() }
    }

    /// Queues what the skills tab needs from the worker: a pass for a new
    /// sort, filter or `r`, and the rows of the window on screen (one read at
    /// a time: the newest window is read when the running read ends).
    pub(crate) fn plan_skills(&mut self) {
        let body = draw::body_area(self.area);
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let session = &main.session;
        if let Some(job) = main.skills.plan_index() {
            self.background.push(Job::IndexSkills {
                session: session.clone(),
                job,
            });
        }
        if main.active_tab() == TabId::Skills
            && let Some(handles) = main.skills.plan_rows(SkillsTab::page(body))
        {
            self.background.push(Job::ReadSkillRows {
                session: session.clone(),
                handles,
            });
        }
    }

    pub(crate) fn show_failure(&mut self, f: JobFailure) {
        self.popups
            .push(Popup::Message(MessageDialog::refused(f.rule, f.message)));
    }
}

/// Reads the profile, the R4 suggestion, the history and the first page of the
/// organization's links (Global Admins), keeping selections in range; and the
/// Users or Support tab when it is in front (`body` sizes the Users page).
fn load(service: &Service, main: &mut MainScreen, body: Rect) -> Result<(), ServiceError> {
    main.dates = service.date_format()?;
    match main.active_tab() {
        TabId::Users => flows::users::read_users(service, main, body)?,
        TabId::Support => flows::support::read_support(service, main)?,
        _ => {}
    }
    let session = &main.session;
    main.profile.view = Some(service.profile(session)?);
    main.profile.suggestion = service.profile_email_suggestion(session)?;
    main.profile.skills = service.my_skills(session)?;
    let actions = main.profile.actions(session).len();
    main.profile.selected = main.profile.selected.min(actions.saturating_sub(1));
    if !main.tabs.contains(&TabId::Associations) {
        return Ok(());
    }
    let tab = &mut main.associations;
    tab.history = service.link_history(session, HISTORY_LIMIT)?;
    tab.history_selected = tab
        .history_selected
        .min(tab.history.len().saturating_sub(1));
    if let Some(org) = &mut tab.org {
        // The first page again: the links may have changed.
        let loaded = org.rows.len().max(ORG_PAGE);
        match service.org_links(session, None, loaded) {
            Ok(rows) => {
                org.complete = rows.len() < loaded;
                org.rows = rows;
                org.selected = org.selected.min(org.rows.len().saturating_sub(1));
            }
            // The role was revoked meanwhile: the pane goes away (R17).
            Err(ServiceError::Refused(Refusal::NotPermitted { .. })) => {
                tab.org = None;
                tab.focus = Default::default();
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
