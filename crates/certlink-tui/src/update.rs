//! `App::update`: an action in, new state out, and maybe a job for the worker.
//! The top popup takes actions first, then the screen. Nothing here decides a
//! rule: actions become service calls and the answers are shown as given.

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::{App, Busy, Screen};
use super::components::text_input::TextInput;
use super::draw;
use super::export;
use super::jobs::{Job, JobFailure, JobOutcome, JobSuccess};
use super::popups::confirm::ConfirmButton;
use super::popups::form_dialog::Submit;
use super::popups::{
    ConfirmDialog, ConfirmPurpose, CredentialsDialog, CredentialsPurpose, DownloadDialog,
    HelpPopup, MessageDialog, Popup,
};
use super::screens::password_change::PasswordChangeScreen;
use super::screens::sign_in::SignInScreen;
use super::tabs::TabId;
use super::tabs::associations::Moved;
use super::tabs::learning::{self, LearnRange, LearningTab};
use super::tabs::profile::{ProfileAction, ProfileTab};
use super::tabs::skills::{SkillsTab, SortWords};
use super::tabs::support::{SupportTab, SupportView};
use certlink_core::service::LinkOutcome;

impl App {
    /// Applies an action. Returns the job to run on the worker, if one starts;
    /// the app is then busy until [`Action::JobDone`] comes back. Jobs that do
    /// not hold input (the skills tab's reads) are queued for
    /// [`App::take_background`].
    pub fn update(&mut self, action: Action) -> Option<Job> {
        let job = match action {
            Action::JobDone(outcome) if outcome.kind.is_background() => {
                self.finish_background(outcome);
                None
            }
            action => self.update_in_front(action),
        };
        self.plan_skills();
        job
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
                None
            }
            Action::JobDone(outcome) => {
                self.busy = None;
                let next = self.finish(outcome);
                self.mark_busy(next)
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

    /// A job about to start makes the app busy until its answer comes back.
    fn mark_busy(&mut self, job: Option<Job>) -> Option<Job> {
        if let Some(job) = &job {
            self.busy = Some(Busy {
                kind: job.kind(),
                frame: 0,
            });
        }
        job
    }

    fn update_popup(&mut self, action: Action) -> Option<Job> {
        let session = self.session().cloned();
        let area = self.area;
        let popup = self.popups.last_mut()?;
        match popup {
            Popup::Help(help) => match action {
                Action::Back => {
                    self.popups.pop();
                }
                Action::Up => help.scroll_by(-1, area),
                Action::Down => help.scroll_by(1, area),
                Action::PageUp => help.scroll_by(-10, area),
                Action::PageDown => help.scroll_by(10, area),
                Action::Top => help.scroll = 0,
                Action::Bottom => help.scroll_by(isize::MAX / 2, area),
                _ => {}
            },
            // Closing the once-only popup drops the temporary password (R13).
            Popup::Message(_) | Popup::ShownOnce(_) => {
                if matches!(action, Action::Back | Action::Activate) {
                    self.popups.pop();
                }
            }
            Popup::Dialog(dialog) => match action {
                Action::Back => {
                    self.popups.pop();
                }
                Action::Activate => {
                    let session = session?;
                    dialog.error = None;
                    match dialog.submit(&session) {
                        Submit::Job(job) => return Some(job),
                        Submit::MergePreview { from, into } => self.preview_merge(from, into),
                    }
                }
                Action::OpenHelp => self.open_help(),
                other => {
                    dialog.form.apply(&other);
                }
            },
            Popup::Confirm(confirm) => match action {
                Action::NextField | Action::PrevField => {
                    confirm.yes_focused = !confirm.yes_focused;
                }
                Action::Confirm => return self.confirmed(),
                Action::Activate if confirm.yes_focused => return self.confirmed(),
                Action::Cancel | Action::Back | Action::Activate => {
                    self.popups.pop();
                }
                Action::OpenHelp => self.open_help(),
                _ => {}
            },
            Popup::Download(dialog) => match action {
                Action::Back => {
                    self.popups.pop();
                }
                Action::Activate => return self.write_download(),
                Action::OpenHelp => self.open_help(),
                other => {
                    if edit_text(&mut dialog.path, &other) {
                        // A new path: any warning was about the old one.
                        dialog.error = None;
                        dialog.replace = None;
                    }
                }
            },
            Popup::Credentials(dialog) => match action {
                Action::Back => {
                    self.popups.pop();
                }
                Action::Activate if dialog.form.shortcut_focused() => dialog.use_suggestion(),
                Action::Activate => {
                    let session = session?;
                    dialog.error = None;
                    return Some(dialog.job(&session));
                }
                Action::OpenHelp => self.open_help(),
                other => {
                    dialog.form.apply(&other);
                }
            },
        }
        None
    }

    fn open_help(&mut self) {
        let context = self.context();
        self.popups.push(Popup::Help(HelpPopup::new(context)));
    }

    /// "Yes" on the confirmation: closes it and starts the removal.
    fn confirmed(&mut self) -> Option<Job> {
        let Some(Popup::Confirm(confirm)) = self.popups.pop() else {
            return None;
        };
        let session = self.session()?.clone();
        Some(match confirm.purpose {
            ConfirmPurpose::Unlink => Job::Unlink { session },
            ConfirmPurpose::RemovePu => Job::RemovePu { session },
            ConfirmPurpose::DeleteAccount { email } => Job::DeleteAccount { session, email },
            ConfirmPurpose::RemoveFromReport { mcid } => Job::RemoveFromReport { session, mcid },
            ConfirmPurpose::SetRole { email, role, grant } => Job::SetRole {
                session,
                email,
                role,
                grant,
            },
            ConfirmPurpose::Merge { from, into } => Job::Merge {
                session,
                from,
                into,
            },
        })
    }

    fn update_screen(&mut self, action: Action) -> Option<Job> {
        if action == Action::OpenHelp {
            self.open_help();
            return None;
        }
        match &mut self.screen {
            Screen::SignIn(sign_in) => {
                let demo_len = self.demo.as_ref().map_or(0, Vec::len);
                match action {
                    Action::Activate => {
                        sign_in.error = None;
                        return Some(sign_in.job());
                    }
                    Action::Back => *sign_in = SignInScreen::new(),
                    Action::Up => sign_in.demo_selected = sign_in.demo_selected.saturating_sub(1),
                    Action::Down => {
                        sign_in.demo_selected =
                            (sign_in.demo_selected + 1).min(demo_len.saturating_sub(1));
                    }
                    Action::UseDemoSignIn => self.use_demo_sign_in(),
                    other => {
                        sign_in.form.apply(&other);
                    }
                }
                None
            }
            Screen::PasswordChange(change) => match action {
                Action::Activate => match change.job() {
                    Ok(job) => {
                        change.error = None;
                        Some(job)
                    }
                    Err(note) => {
                        change.error = Some(note);
                        None
                    }
                },
                Action::Back => {
                    self.sign_out();
                    None
                }
                other => {
                    change.form.apply(&other);
                    None
                }
            },
            Screen::Main(_) => self.update_main(action),
        }
    }

    /// Back to the sign-in screen; over SSH the connection is the sign-in,
    /// so signing out ends the session instead.
    fn sign_out(&mut self) {
        if self.remote.is_some() {
            self.should_quit = true;
        } else {
            self.screen = Screen::SignIn(SignInScreen::new());
        }
    }

    fn use_demo_sign_in(&mut self) {
        let Some(demo) = &self.demo else {
            return;
        };
        if let Screen::SignIn(sign_in) = &mut self.screen
            && let Some(row) = demo.get(sign_in.demo_selected)
        {
            sign_in.use_demo(row);
        }
    }

    fn update_main(&mut self, action: Action) -> Option<Job> {
        let body = draw::body_area(self.area);
        let Screen::Main(main) = &mut self.screen else {
            return None;
        };
        let (tab_count, active) = (main.tabs.len().max(1), main.active);
        match action {
            Action::NextTab => return self.switch_tab((active + 1) % tab_count),
            Action::PrevTab => return self.switch_tab((active + tab_count - 1) % tab_count),
            Action::SelectTab(i) if i < tab_count => return self.switch_tab(i),
            Action::SignOut => {
                self.sign_out();
                self.flash = Some("Signed out.".into());
            }
            action => match main.active_tab() {
                TabId::Profile => {
                    let count = main.profile.actions(&main.session).len();
                    let last = count.saturating_sub(1);
                    let p = &mut main.profile;
                    match action {
                        Action::Up => p.selected = p.selected.saturating_sub(1),
                        Action::Down => p.selected = (p.selected + 1).min(last),
                        Action::Top => p.selected = 0,
                        Action::Bottom => p.selected = last,
                        Action::Activate => self.profile_action(),
                        _ => {}
                    }
                }
                TabId::Associations => {
                    let tab = &mut main.associations;
                    let page = tab.page(body) as isize;
                    let moved = match action {
                        Action::Up => tab.move_by(-1),
                        Action::Down => tab.move_by(1),
                        Action::PageUp => tab.move_by(-page),
                        Action::PageDown => tab.move_by(page),
                        Action::Top => tab.move_by(isize::MIN / 2),
                        Action::Bottom => tab.move_by(isize::MAX / 2),
                        Action::NextPane => {
                            tab.toggle_pane();
                            Moved::Done
                        }
                        _ => Moved::Done,
                    };
                    if moved == Moved::NeedNextPage {
                        self.load_next_org_page();
                    }
                }
                TabId::Skills => return self.update_skills(action, body),
                TabId::Users => return self.update_users(action, body),
                TabId::Support => return self.update_support(action, body),
                TabId::Competencies => {
                    let tab = &mut main.competencies;
                    let page = tab.page(body) as isize;
                    match list_move(&action, page) {
                        Some(delta) => tab.move_by(delta),
                        None if action == Action::NextPane => tab.toggle_pane(),
                        None if action == Action::Reload => return self.report_job(),
                        None => {}
                    }
                }
                TabId::Learning => {
                    let page = LearningTab::page(body) as isize;
                    match (list_move(&action, page), action) {
                        (Some(delta), _) => main.learning.move_by(delta),
                        (None, Action::MoveRange(how)) => {
                            let today = learning::today(&main.dates);
                            let range = main
                                .learning
                                .range
                                .unwrap_or_else(|| LearnRange::last_year(today));
                            let moved = range.moved(how, today);
                            if main.learning.range != Some(moved) {
                                main.learning.range = Some(moved);
                                return self.report_job();
                            }
                        }
                        (None, Action::Reload) => return self.report_job(),
                        _ => {}
                    }
                }
            },
        }
        None
    }

    /// The skills report (R10): moving, sorting, the `/` filter and the download.
    fn update_skills(&mut self, action: Action, body: Rect) -> Option<Job> {
        let Screen::Main(main) = &mut self.screen else {
            return None;
        };
        let tab = &mut main.skills;
        if tab.filtering {
            match action {
                Action::Activate => tab.filtering = false,
                Action::Back => tab.clear_filter(),
                other => {
                    if edit_text(&mut tab.filter, &other) {
                        tab.filter_changed();
                    }
                }
            }
            return None;
        }
        let page = SkillsTab::page(body) as isize;
        if let Some(delta) = list_move(&action, page) {
            tab.move_by(delta);
            return None;
        }
        match action {
            Action::CycleSort => tab.cycle_sort(),
            Action::ReverseSort => tab.reverse_sort(),
            Action::StartFilter if tab.is_loaded() => tab.filtering = true,
            Action::Back => tab.clear_filter(),
            Action::Download => self.start_download(),
            Action::Reload => return self.report_job(),
            _ => {}
        }
        None
    }

    /// The download action of the skills report (R10): a dialog proposing
    /// `skills-report-DATE.csv` in the download folder, for the rows shown.
    /// This is the one entry point of downloading: a front end without a local
    /// file system (SSH) replaces it with a command hint.
    fn start_download(&mut self) {
        let Some(main) = self.main() else {
            return;
        };
        if let Some(remote) = &self.remote {
            // Over SSH a file written here would land on the server: show the
            // command that streams the report to the person's own machine.
            self.popups.push(Popup::Message(MessageDialog {
                title: "Download over ssh".into(),
                text: format!(
                    "Run this on your own machine to save the skills report as CSV (the whole report, without the filter shown here):\n\n{}",
                    remote.skills_download_command()
                ),
                is_refusal: false,
            }));
            return;
        }
        let tab = &main.skills;
        let Some(dates) = tab.dates() else {
            return;
        };
        if tab.shown() == 0 {
            self.flash = Some("No rows to download: the report or the filter is empty.".into());
            return;
        }
        let path = export::default_path(&self.download_dir, dates);
        let dialog = DownloadDialog::new(path, tab.shown(), tab.total(), &tab.sort.describe());
        self.popups.push(Popup::Download(dialog));
    }

    /// Enter in the download dialog: the write job, after a warning if the file
    /// exists (a second Enter replaces it).
    fn write_download(&mut self) -> Option<Job> {
        let (session, (handles, view, dates)) = {
            let main = self.main()?;
            (main.session.clone(), main.skills.download_order()?)
        };
        let Some(Popup::Download(dialog)) = self.popups.last_mut() else {
            return None;
        };
        let Some(path) = export::typed_path(dialog.path.value()) else {
            dialog.failed("Enter the path of the file to write.".into());
            return None;
        };
        if path.is_file() && dialog.replace.as_ref() != Some(&path) {
            dialog.error = Some(format!(
                "{} exists: press Enter again to replace it.",
                path.display()
            ));
            dialog.replace = Some(path);
            return None;
        }
        dialog.error = None;
        Some(Job::WriteSkillsCsv {
            session,
            handles,
            view,
            dates,
            path,
        })
    }

    fn switch_tab(&mut self, index: usize) -> Option<Job> {
        if let Screen::Main(main) = &mut self.screen {
            main.active = index;
        }
        // Dates and allowances move with time: read again on every visit.
        self.refresh();
        self.first_report_job()
    }

    /// Enter on the profile: a dialog for a new link or access (R2, R4), a
    /// confirmation before any removal (R2, R7).
    fn profile_action(&mut self) {
        let Some(main) = self.main() else {
            return;
        };
        let Some(view) = &main.profile.view else {
            return;
        };
        let popup = match main.profile.selected_action(&main.session) {
            Some(ProfileAction::Associate) => Popup::Credentials(CredentialsDialog::associate(
                main.profile.suggestion.as_ref(),
            )),
            Some(ProfileAction::GetPu) => {
                Popup::Credentials(CredentialsDialog::partner_university())
            }
            Some(ProfileAction::RemoveLink) => {
                let mcid = view.mcid.map(|m| m.to_string()).unwrap_or_default();
                let org = view.org_name.clone().unwrap_or_default();
                Popup::Confirm(ConfirmDialog::new(
                    ConfirmPurpose::Unlink,
                    "Remove access? (R7)".into(),
                    format!(
                        "End the link of MCID {mcid} with {org}? Its certifications stop counting for {org}. Linking again later counts as a new association (R9)."
                    ),
                    "Yes, remove access",
                ))
            }
            Some(ProfileAction::RemovePu) => {
                let user = view
                    .pu_username
                    .as_ref()
                    .map(|u| u.to_string())
                    .unwrap_or_default();
                Popup::Confirm(ConfirmDialog::new(
                    ConfirmPurpose::RemovePu,
                    "Remove Partner University access? (R2)".into(),
                    format!(
                        "End the association of Partner University account {user} with your work account? You can get access again with its credentials."
                    ),
                    "Yes, remove access",
                ))
            }
            None => return,
        };
        self.popups.push(popup);
    }

    /// A job's answer: move on, or show the refusal where it was asked.
    fn finish(&mut self, outcome: JobOutcome) -> Option<Job> {
        let failure = match outcome.result {
            Ok(JobSuccess::SkillsLoaded(first)) => {
                // The first page is on screen; the pass over the whole report
                // follows in the background (`plan_skills`).
                if let Screen::Main(main) = &mut self.screen {
                    let first = first.into_inner();
                    main.skills.load_first_page(first.rows, first.dates);
                }
                return None;
            }
            Ok(success) => {
                self.succeeded(success);
                return None;
            }
            Err(f) => f,
        };
        match (&mut self.screen, self.popups.last_mut()) {
            (_, Some(Popup::Credentials(dialog))) => dialog.refused(failure.message),
            (_, Some(Popup::Dialog(dialog))) => dialog.refused(failure.message),
            (_, Some(Popup::Download(dialog))) => dialog.failed(failure.message),
            (Screen::SignIn(sign_in), None) => sign_in.refused(failure.message),
            (Screen::PasswordChange(change), None) => change.error = Some(failure.message),
            _ => self.show_failure(failure),
        }
        None
    }

    /// A background job's answer: the skills tab takes it (a superseded pass
    /// is dropped there); a failure is shown.
    fn finish_background(&mut self, outcome: JobOutcome) {
        let body = draw::body_area(self.area);
        let Screen::Main(main) = &mut self.screen else {
            return;
        };
        let tab = &mut main.skills;
        let failed = match outcome.result {
            Ok(JobSuccess::SkillsIndexed { generation, result }) => tab
                .index_done(generation, result.into_inner())
                .map(|message| JobFailure {
                    message,
                    rule: None,
                }),
            Ok(JobSuccess::SkillRowsRead(rows)) => {
                tab.take_rows(rows.into_inner(), SkillsTab::page(body));
                None
            }
            Ok(_) => None,
            Err(f) => {
                tab.rows_failed();
                Some(f)
            }
        };
        if let Some(f) = failed {
            self.show_failure(f);
        }
    }

    fn succeeded(&mut self, success: JobSuccess) {
        match success {
            JobSuccess::SignedIn(session) if session.must_change_password => {
                // R13: nothing else until the temporary password is replaced.
                self.screen = Screen::PasswordChange(PasswordChangeScreen::new(session));
            }
            JobSuccess::SignedIn(session) => {
                tracing::info!(account = session.account.0, "signed in");
                self.enter_main(session);
            }
            JobSuccess::PasswordChanged(session) => {
                self.enter_main(session);
                self.flash = Some("Your new password is set.".into());
            }
            JobSuccess::Linked(outcome) => {
                self.close_credentials();
                self.refresh();
                let mcid = self
                    .main()
                    .and_then(|m| m.profile.view.as_ref())
                    .and_then(|v| v.mcid)
                    .map(|m| format!("MCID {m}"))
                    .unwrap_or_else(|| "Your profile".into());
                self.flash = Some(match outcome {
                    LinkOutcome::Linked => format!("{mcid} is now linked with your organization."),
                    LinkOutcome::Moved => format!(
                        "{mcid} moved to your organization; its link with the other one ended (R6)."
                    ),
                    LinkOutcome::TookOver => format!(
                        "{mcid} is now linked through this account; not a new association (R6)."
                    ),
                });
            }
            JobSuccess::PuGranted => {
                self.close_credentials();
                self.refresh();
                self.flash = Some("Partner University access granted.".into());
            }
            JobSuccess::Unlinked => {
                self.refresh();
                self.flash = Some("Access removed: your profile is no longer linked.".into());
            }
            JobSuccess::PuRemoved => {
                self.refresh();
                self.flash = Some("Partner University access removed.".into());
            }
            // Handled in `finish` and `finish_background`.
            JobSuccess::SkillsLoaded(_)
            | JobSuccess::SkillsIndexed { .. }
            | JobSuccess::SkillRowsRead(_) => {}
            JobSuccess::CompetenciesLoaded(status) => {
                if let Screen::Main(main) = &mut self.screen {
                    main.competencies.load(status.into_inner());
                }
            }
            JobSuccess::LearningLoaded(report) => {
                if let Screen::Main(main) = &mut self.screen {
                    main.learning.load(report.into_inner());
                }
            }
            JobSuccess::CsvWritten { path, rows } => {
                if matches!(self.popups.last(), Some(Popup::Download(_))) {
                    self.popups.pop();
                }
                let rows = if rows == 1 {
                    "1 row".to_string()
                } else {
                    format!("{rows} rows")
                };
                self.flash = Some(format!("Wrote {rows} to {}.", path.display()));
            }
            success @ (JobSuccess::SignInDetails(_)
            | JobSuccess::AccountDeleted { .. }
            | JobSuccess::RemovedFromReport { .. }
            | JobSuccess::RoleChanged { .. }) => self.users_job_done(success),
            success @ (JobSuccess::TicketOpened(_)
            | JobSuccess::TicketReplied(_)
            | JobSuccess::TicketResolved(_)
            | JobSuccess::Merged { .. }) => self.support_job_done(success),
        }
    }

    fn close_credentials(&mut self) {
        if matches!(self.popups.last(), Some(Popup::Credentials(_))) {
            self.popups.pop();
        }
    }

    /// A left click: on the top popup if there is one, else on the screen.
    fn click(&mut self, column: u16, row: u16) -> Option<Job> {
        let area = self.area;
        if !draw::fits(area) {
            return None;
        }
        let at = Position::new(column, row);
        let busy = self.busy_label();
        if let Some(popup) = self.popups.last_mut() {
            match popup {
                Popup::Confirm(confirm) => match confirm.button_at(area, column, row) {
                    Some(ConfirmButton::Yes) => return self.update(Action::Confirm),
                    Some(ConfirmButton::No) => return self.update(Action::Cancel),
                    None => {}
                },
                Popup::Credentials(dialog) => {
                    let (_, form_area) = dialog.layout(area, busy.as_deref());
                    let rows = dialog.form.rows(form_area);
                    if let Some(i) = rows.iter().position(|r| r.contains(at)) {
                        dialog.form.focus_row(i);
                        if dialog.form.shortcut_focused() {
                            dialog.use_suggestion();
                        }
                    }
                }
                Popup::Message(message) => {
                    if !message.area(area).contains(at) {
                        self.popups.pop();
                    }
                }
                Popup::Help(_) => {
                    self.popups.pop();
                }
                Popup::Dialog(dialog) => {
                    let (_, form_area) = dialog.layout(area, busy.as_deref());
                    let rows = dialog.form.rows(form_area);
                    if let Some(i) = rows.iter().position(|r| r.contains(at)) {
                        dialog.form.focus_item(i);
                    }
                }
                // The once-only password closes by key only, never by a stray click.
                Popup::Download(_) | Popup::ShownOnce(_) => {}
            }
            return None;
        }
        match &mut self.screen {
            Screen::SignIn(sign_in) => {
                let body = draw::status_free_area(area);
                let layout = SignInScreen::layout(body, self.demo.is_some());
                let rows = sign_in.form.rows(layout.form);
                if let Some(i) = rows.iter().position(|r| r.contains(at)) {
                    sign_in.form.focus_row(i);
                    return None;
                }
                let count = self.demo.as_ref().map_or(0, Vec::len);
                if let Some(i) = sign_in.demo_row_at(body, count, column, row) {
                    sign_in.demo_selected = i;
                    self.use_demo_sign_in();
                }
                None
            }
            Screen::PasswordChange(change) => {
                let layout = PasswordChangeScreen::layout(draw::status_free_area(area));
                if let Some(i) = change
                    .form
                    .rows(layout.form)
                    .iter()
                    .position(|r| r.contains(at))
                {
                    change.form.focus_row(i);
                }
                None
            }
            Screen::Main(main) => {
                if let Some(i) = draw::tab_at(area, &main.tabs, column, row) {
                    return self.switch_tab(i);
                }
                let body = draw::body_area(area);
                match main.active_tab() {
                    TabId::Profile => {
                        if let Some(i) = ProfileTab::action_at(body, column, row)
                            && i < main.profile.actions(&main.session).len()
                        {
                            main.profile.selected = i;
                            self.profile_action();
                        }
                    }
                    TabId::Associations => {
                        if let Some((pane, i)) = main.associations.row_at(body, column, row) {
                            main.associations.select(pane, i);
                        }
                    }
                    TabId::Skills => {
                        if let Some(i) = main.skills.row_at(body, row) {
                            main.skills.selected = i;
                        }
                    }
                    TabId::Users => {
                        if let Some(i) = main.users.row_at(body, column, row) {
                            main.users.selected = i;
                        }
                    }
                    TabId::Support => {
                        let (_, area) = SupportTab::layout(body);
                        let support = &mut main.support;
                        let people = main.session.is_support && support.view == SupportView::People;
                        if people {
                            if let Some(i) = support.people.row_at(area, column, row) {
                                support.people.selected = i;
                            }
                        } else if let Some(i) = support.tickets.row_at(area, column, row) {
                            support.tickets.selected = i;
                        }
                    }
                    TabId::Competencies | TabId::Learning => {}
                }
                None
            }
        }
    }

    /// Credentials dialog purpose in front, if any (tests and the status bar).
    pub fn credentials_in_front(&self) -> Option<CredentialsPurpose> {
        match self.popups.last() {
            Some(Popup::Credentials(d)) => Some(d.purpose),
            _ => None,
        }
    }
}

/// The move a list key asks for, in rows; `page` rows for PgUp/PgDn.
pub(crate) fn list_move(action: &Action, page: isize) -> Option<isize> {
    match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => None,
    }
}

/// Typing, paste and editing keys into a single text field; false when the
/// action is something else.
pub(crate) fn edit_text(input: &mut TextInput, action: &Action) -> bool {
    match action {
        Action::Type(c) => input.insert(*c),
        Action::Paste(text) => input.paste(text),
        Action::Edit(op) => input.edit(*op),
        _ => return false,
    }
    true
}
