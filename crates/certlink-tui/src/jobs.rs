//! Service calls that check a password take as long as an argon2id hash (R1):
//! they run on a worker thread so the screen keeps drawing and keys keep coming
//! (Ctrl-C still quits). The UI asks; the service decides (gitui's asyncgit idea,
//! with plain threads: the `Service` is Send + Sync). Reading a whole report
//! (R10, R11, R18) and writing the skills CSV run here too: they grow with the
//! organization. So do the admins' and support's changes (R12–R15, R17):
//! invitations hash a temporary password, and every change is a durable write.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::NaiveDate;

use super::export;
use super::popups::{Issued, ShownOnce};
use super::tabs::skills::{IndexFailure, IndexJob};
use certlink_core::browse::index::{HandleList, IndexUpdate, RowHandle};
use certlink_core::browse::reads as skill_reads;
use certlink_core::browse::sort::Pos;
use certlink_core::report;
use certlink_core::service::{
    CompetencyStatus, LearningReport, LinkOutcome, Service, ServiceError, Session, SignInSource,
    SkillRow,
};
use certlink_domain::tickets::TicketCategory;
use certlink_domain::time::DateFormat;
use certlink_domain::{Role, Roles};

/// One slow call. Holds passwords only until it runs; never logged (invariant 5).
/// People whose rows the skills tab shows first, before the whole report (a
/// screen's worth and more; read by index in a few milliseconds at 100k people).
pub const FIRST_PAGE_PEOPLE: usize = 200;

pub enum Job {
    SignIn {
        email: String,
        password: String,
    },
    ChangePassword {
        session: Session,
        current: String,
        new: String,
    },
    Link {
        session: Session,
        email: String,
        password: String,
    },
    GrantPu {
        session: Session,
        username: String,
        password: String,
    },
    Unlink {
        session: Session,
    },
    RemovePu {
        session: Session,
    },
    /// R10: the rows of the organization's first people, on screen at once;
    /// a pass over the whole report follows in the background.
    LoadSkills {
        session: Session,
    },
    /// R10, in the background: a pass over the whole report for the skills
    /// tab's handles, sort and filter (issue #7).
    IndexSkills {
        session: Session,
        job: IndexJob,
    },
    /// R10, in the background: the rows the skills tab draws, by handle.
    ReadSkillRows {
        session: Session,
        handles: Vec<RowHandle>,
    },
    /// R11: every competency's status.
    LoadCompetencies {
        session: Session,
    },
    /// R18: Learn analytics between two days (inclusive).
    LoadLearning {
        session: Session,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// R10 download: the rows shown (`view`, positions in `handles`), in the
    /// order shown, as CSV at `path`, read a chunk at a time.
    WriteSkillsCsv {
        session: Session,
        handles: Arc<HandleList>,
        view: Arc<Vec<Pos>>,
        dates: DateFormat,
        path: PathBuf,
    },
    /// R13: a new account with a temporary password.
    Invite {
        session: Session,
        email: String,
        name: String,
        roles: Roles,
    },
    /// R13: new sign-in details, optionally at a corrected email.
    Resend {
        session: Session,
        email: String,
        new_email: Option<String>,
    },
    /// R12: delete an account.
    DeleteAccount {
        session: Session,
        email: String,
    },
    /// R12: end a departed person's link.
    RemoveFromReport {
        session: Session,
        mcid: String,
    },
    /// R17: grant or revoke a role.
    SetRole {
        session: Session,
        email: String,
        role: Role,
        grant: bool,
    },
    /// R14: tickets.
    OpenTicket {
        session: Session,
        category: TicketCategory,
        description: String,
    },
    ReplyTicket {
        session: Session,
        id: u64,
        message: String,
    },
    ResolveTicket {
        session: Session,
        id: u64,
    },
    /// R15: merge a duplicate profile into the primary.
    Merge {
        session: Session,
        from: String,
        into: String,
    },
}

/// Which call a job was, without its secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    SignIn,
    ChangePassword,
    Link,
    GrantPu,
    Unlink,
    RemovePu,
    LoadSkills,
    IndexSkills,
    ReadSkillRows,
    LoadCompetencies,
    LoadLearning,
    WriteSkillsCsv,
    Invite,
    Resend,
    DeleteAccount,
    RemoveFromReport,
    SetRole,
    OpenTicket,
    ReplyTicket,
    ResolveTicket,
    Merge,
}

impl JobKind {
    /// What the screen says while the job runs.
    pub fn progress(self) -> &'static str {
        match self {
            JobKind::SignIn => "Signing in…",
            JobKind::ChangePassword => "Setting your new password…",
            JobKind::Link => "Checking the profile's credentials…",
            JobKind::GrantPu => "Checking the Partner University credentials…",
            JobKind::Unlink => "Removing access…",
            JobKind::RemovePu => "Removing Partner University access…",
            JobKind::LoadSkills => "Reading the skills report…",
            JobKind::IndexSkills => "Reading the whole skills report…",
            JobKind::ReadSkillRows => "Reading rows…",
            JobKind::LoadCompetencies => "Reading the competency status…",
            JobKind::LoadLearning => "Reading Learn analytics…",
            JobKind::WriteSkillsCsv => "Writing the CSV file…",
            JobKind::Invite => "Creating the account…",
            JobKind::Resend => "Making new sign-in details…",
            JobKind::DeleteAccount => "Deleting the account…",
            JobKind::RemoveFromReport => "Removing from the report…",
            JobKind::SetRole => "Changing the role…",
            JobKind::OpenTicket => "Opening the ticket…",
            JobKind::ReplyTicket => "Sending the reply…",
            JobKind::ResolveTicket => "Resolving the ticket…",
            JobKind::Merge => "Merging the profiles…",
        }
    }
}

impl JobKind {
    /// Jobs that do not hold input: the skills tab's passes and row reads,
    /// which keep the screen usable while a large report is read (issue #7).
    pub fn is_background(self) -> bool {
        matches!(self, JobKind::IndexSkills | JobKind::ReadSkillRows)
    }
}

/// The skills report's first page, and the dates its cells use.
#[derive(Debug, Clone)]
pub struct FirstPage {
    pub rows: Vec<SkillRow>,
    pub dates: DateFormat,
}

/// What a finished job tells the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobSuccess {
    SignedIn(Session),
    PasswordChanged(Session),
    Linked(LinkOutcome),
    PuGranted,
    Unlinked,
    PuRemoved,
    /// The report's first page.
    SkillsLoaded(Payload<FirstPage>),
    /// A pass of the skills tab, for the tab to match with the one it asked.
    SkillsIndexed {
        generation: u64,
        result: Payload<Result<IndexUpdate, IndexFailure>>,
    },
    /// Rows by handle; None where the row is no longer in the report.
    SkillRowsRead(Payload<Vec<(RowHandle, Option<SkillRow>)>>),
    CompetenciesLoaded(Payload<Vec<CompetencyStatus>>),
    LearningLoaded(Payload<LearningReport>),
    CsvWritten {
        path: PathBuf,
        rows: usize,
    },
    /// R13: the answer holds the temporary password, for its one showing.
    SignInDetails(ShownOnce),
    AccountDeleted {
        email: String,
    },
    RemovedFromReport {
        mcid: String,
    },
    RoleChanged {
        email: String,
        role: Role,
        grant: bool,
    },
    TicketOpened(u64),
    TicketReplied(u64),
    TicketResolved(u64),
    Merged {
        from: String,
        into: String,
    },
}

/// A report handed from the worker to the app. Compared by identity and
/// printed by type only: a report may hold 100,000 rows.
pub struct Payload<T>(pub Arc<T>);

impl<T> Payload<T> {
    pub fn new(value: T) -> Payload<T> {
        Payload(Arc::new(value))
    }
}

impl<T: Clone> Payload<T> {
    /// The value itself, copied only if someone else still holds it.
    pub fn into_inner(self) -> T {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())
    }
}

impl<T> Clone for Payload<T> {
    fn clone(&self) -> Self {
        Payload(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Payload<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Payload<T> {}

impl<T> std::fmt::Debug for Payload<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Payload<{}>", std::any::type_name::<T>())
    }
}

/// A failure in plain words, ready to show: refusals use `Refusal::message` with
/// the service's date format (display zone, "in N days").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFailure {
    pub message: String,
    /// The rule behind a refusal ("R9"), for the dialog title.
    pub rule: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobOutcome {
    pub kind: JobKind,
    pub result: Result<JobSuccess, JobFailure>,
}

impl std::fmt::Debug for Job {
    /// Names the call only: a job holds passwords.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job::{:?}", self.kind())
    }
}

impl Job {
    pub fn kind(&self) -> JobKind {
        match self {
            Job::SignIn { .. } => JobKind::SignIn,
            Job::ChangePassword { .. } => JobKind::ChangePassword,
            Job::Link { .. } => JobKind::Link,
            Job::GrantPu { .. } => JobKind::GrantPu,
            Job::Unlink { .. } => JobKind::Unlink,
            Job::RemovePu { .. } => JobKind::RemovePu,
            Job::LoadSkills { .. } => JobKind::LoadSkills,
            Job::IndexSkills { .. } => JobKind::IndexSkills,
            Job::ReadSkillRows { .. } => JobKind::ReadSkillRows,
            Job::LoadCompetencies { .. } => JobKind::LoadCompetencies,
            Job::LoadLearning { .. } => JobKind::LoadLearning,
            Job::WriteSkillsCsv { .. } => JobKind::WriteSkillsCsv,
            Job::Invite { .. } => JobKind::Invite,
            Job::Resend { .. } => JobKind::Resend,
            Job::DeleteAccount { .. } => JobKind::DeleteAccount,
            Job::RemoveFromReport { .. } => JobKind::RemoveFromReport,
            Job::SetRole { .. } => JobKind::SetRole,
            Job::OpenTicket { .. } => JobKind::OpenTicket,
            Job::ReplyTicket { .. } => JobKind::ReplyTicket,
            Job::ResolveTicket { .. } => JobKind::ResolveTicket,
            Job::Merge { .. } => JobKind::Merge,
        }
    }

    /// Runs the call (on whichever thread calls this).
    pub fn run(self, service: &Service) -> JobOutcome {
        let kind = self.kind();
        let result = match self {
            Job::SignIn { email, password } => service
                .sign_in(email.trim(), &password, &SignInSource::Local)
                .map(JobSuccess::SignedIn),
            Job::ChangePassword {
                session,
                current,
                new,
            } => service
                .change_password(&session, &current, &new)
                .map(JobSuccess::PasswordChanged),
            Job::Link {
                session,
                email,
                password,
            } => service
                .link(&session, email.trim(), &password)
                .map(JobSuccess::Linked),
            Job::GrantPu {
                session,
                username,
                password,
            } => service
                .grant_pu(&session, username.trim(), &password)
                .map(|()| JobSuccess::PuGranted),
            Job::Unlink { session } => service.unlink(&session).map(|()| JobSuccess::Unlinked),
            Job::RemovePu { session } => {
                service.remove_pu(&session).map(|()| JobSuccess::PuRemoved)
            }
            Job::LoadSkills { session } => service
                .skills_report_first_page(&session, FIRST_PAGE_PEOPLE)
                .and_then(|rows| {
                    let dates = service.date_format()?;
                    Ok(JobSuccess::SkillsLoaded(Payload::new(FirstPage {
                        rows,
                        dates,
                    })))
                }),
            Job::IndexSkills { session, job } => {
                let generation = job.generation;
                let result =
                    skill_reads::run_index(service, &session, job, |e| failure(service, e).message);
                // The pass freed a million rows' worth of pages: give them back.
                certlink_core::memory::trim();
                Ok(JobSuccess::SkillsIndexed {
                    generation,
                    result: Payload::new(result),
                })
            }
            Job::ReadSkillRows { session, handles } => {
                skill_reads::rows_by_handle(service, &session, &handles)
                    .map(|rows| JobSuccess::SkillRowsRead(Payload::new(rows)))
            }
            Job::LoadCompetencies { session } => service
                .competency_status(&session)
                .map(|status| JobSuccess::CompetenciesLoaded(Payload::new(status))),
            Job::LoadLearning { session, from, to } => service
                .learning_report(&session, from, to)
                .map(|report| JobSuccess::LearningLoaded(Payload::new(report))),
            Job::WriteSkillsCsv {
                session,
                handles,
                view,
                dates,
                path,
            } => {
                let write = |out: &mut dyn std::io::Write| {
                    let mut order = view.iter().filter_map(|&p| handles.get(p as usize));
                    let mut rows = skill_reads::RowsInChunks::new(service, &session, &mut order);
                    let n = report::write_skills_csv(rows.by_ref(), &dates, out)?;
                    match rows.error {
                        Some(e) => Err(std::io::Error::other(failure(service, &e).message)),
                        None => Ok(n),
                    }
                };
                // Its failure comes back in plain words.
                let written = export::write_skills_csv_file(&path, write)
                    .map(|(path, rows)| JobSuccess::CsvWritten { path, rows })
                    .map_err(|message| JobFailure {
                        message,
                        rule: None,
                    });
                return finished(kind, written);
            }
            Job::Invite {
                session,
                email,
                name,
                roles,
            } => service
                .invite(&session, &email, &name, roles)
                .map(|inv| JobSuccess::SignInDetails(ShownOnce::new(Issued::Invited, inv))),
            Job::Resend {
                session,
                email,
                new_email,
            } => service
                .resend_invitation(&session, &email, new_email.as_deref())
                .map(|inv| JobSuccess::SignInDetails(ShownOnce::new(Issued::Resent, inv))),
            Job::DeleteAccount { session, email } => service
                .delete_account(&session, &email)
                .map(|()| JobSuccess::AccountDeleted { email }),
            Job::RemoveFromReport { session, mcid } => service
                .remove_from_report(&session, &mcid)
                .map(|()| JobSuccess::RemovedFromReport { mcid }),
            Job::SetRole {
                session,
                email,
                role,
                grant,
            } => service
                .set_role(&session, &email, role, grant)
                .map(|()| JobSuccess::RoleChanged { email, role, grant }),
            Job::OpenTicket {
                session,
                category,
                description,
            } => service
                .open_ticket(&session, category, &description)
                .map(|t| JobSuccess::TicketOpened(t.id)),
            Job::ReplyTicket {
                session,
                id,
                message,
            } => service
                .reply_ticket(&session, id, &message)
                .map(|t| JobSuccess::TicketReplied(t.id)),
            Job::ResolveTicket { session, id } => service
                .resolve_ticket(&session, id)
                .map(|t| JobSuccess::TicketResolved(t.id)),
            Job::Merge {
                session,
                from,
                into,
            } => service
                .merge_profiles(&session, &from, &into)
                .map(|()| JobSuccess::Merged { from, into }),
        };
        finished(kind, result.map_err(|e| failure(service, &e)))
    }
}

fn finished(kind: JobKind, result: Result<JobSuccess, JobFailure>) -> JobOutcome {
    match &result {
        Ok(_) => tracing::info!(?kind, "job done"),
        Err(f) => tracing::info!(?kind, rule = f.rule, "job refused or failed"),
    }
    JobOutcome { kind, result }
}

/// Puts a service error into plain words for the screen.
pub fn failure(service: &Service, error: &ServiceError) -> JobFailure {
    match error {
        ServiceError::Refused(refusal) => JobFailure {
            message: match service.date_format() {
                Ok(dates) => refusal.message(&dates),
                Err(_) => error.to_string(),
            },
            rule: Some(refusal.rule()),
        },
        ServiceError::Invalid(invalid) => JobFailure {
            message: capitalized(&invalid.to_string()),
            rule: None,
        },
        ServiceError::Store(e) => JobFailure {
            message: format!(
                "The database could not be used: {}",
                crate::store_advice::words(e)
            ),
            rule: None,
        },
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Runs jobs on their own threads and hands back their outcomes.
pub struct Worker {
    service: Arc<Service>,
    done_tx: Sender<Finished>,
    done_rx: Receiver<Finished>,
}

/// A job's end: its outcome, or a panic (a bug: the panic hook has already
/// restored the terminal and printed the report, so the app must stop).
pub enum Finished {
    Outcome(JobOutcome),
    Panicked,
}

impl Worker {
    pub fn new(service: Arc<Service>) -> Worker {
        let (done_tx, done_rx) = channel();
        Worker {
            service,
            done_tx,
            done_rx,
        }
    }

    pub fn start(&self, job: Job) {
        let service = Arc::clone(&self.service);
        let tx = self.done_tx.clone();
        let kind = job.kind();
        tracing::debug!(?kind, "job started");
        let spawned = std::thread::Builder::new()
            .name("certlink-job".into())
            .spawn(move || {
                let finished =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run(&service)))
                        .map_or(Finished::Panicked, Finished::Outcome);
                // The receiver is gone only when the app has quit: nothing to tell.
                let _ = tx.send(finished);
            });
        if let Err(e) = spawned {
            let _ = self.done_tx.send(Finished::Outcome(JobOutcome {
                kind,
                result: Err(JobFailure {
                    message: format!("Could not start the work: {e}"),
                    rule: None,
                }),
            }));
        }
    }

    /// A finished job, if one is waiting.
    pub fn try_finished(&self) -> Option<Finished> {
        self.done_rx.try_recv().ok()
    }
}
