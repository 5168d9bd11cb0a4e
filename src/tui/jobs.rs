//! Service calls that check a password take as long as an argon2id hash (R1):
//! they run on a worker thread so the screen keeps drawing and keys keep coming
//! (Ctrl-C still quits). The UI asks; the service decides (gitui's asyncgit idea,
//! with plain threads: the `Service` is Send + Sync).

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::service::{LinkOutcome, Service, ServiceError, Session, SignInSource};

/// One slow call. Holds passwords only until it runs; never logged (invariant 5).
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
        }
    }
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
        };
        let result = result.map_err(|e| failure(service, &e));
        match &result {
            Ok(_) => tracing::info!(?kind, "job done"),
            Err(f) => tracing::info!(?kind, rule = f.rule, "job refused or failed"),
        }
        JobOutcome { kind, result }
    }
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
        ServiceError::Invalid(text) => JobFailure {
            message: capitalized(text),
            rule: None,
        },
        ServiceError::Store(e) => JobFailure {
            message: format!("The database could not be used: {e}"),
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
