//! Work off the input thread: one [`Job`] type for every slow service call.
//! Calls that check a password take as long as an argon2id hash (R1); whole
//! reports (R10, R11, R18) and the skills CSV grow with the organization; the
//! admins' and support's changes (R12–R15, R17) are durable writes. They run
//! on a worker thread so the screen keeps drawing and keys keep coming
//! (Ctrl-C still quits). The UI asks; the service decides (gitui's asyncgit
//! idea, with plain threads: the `Service` is Send + Sync).
//!
//! A job is a closure over the service, built by the part of the app that
//! asks (a tab, a screen) next to the code that reads its answer: the answer
//! comes back as a [`Done`] to that part, which takes it as the type its
//! closure gave ([`Done::take`]). Jobs in front hold input until their answer;
//! background jobs (the skills tab's passes and row reads) do not.
//!
//! "Latest wins": a part that asks the same kind of question again and again
//! (a sort, a filter) keeps a [`Latest`] for it. Each request takes a
//! [`Ticket`]; asking anew supersedes every earlier ticket, so a job still
//! running can stop early ([`Ticket::is_current`]) and a superseded answer is
//! dropped when it arrives: [`Done::take`] gives nothing for it, and the part
//! that asked only learns that the request ended.
//!
//! Words are in the reader's language: a job's [`Progress`] is a catalog
//! method ([`Progress::words`]) or a text already in the language; a job
//! carries the language of the app that started it ([`Job::lang`]), and its
//! error is put into that language's words ([`failure_in`]).

use std::any::{Any, TypeId};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use certlink_core::service::{Service, ServiceError};
use certlink_i18n::Lang;

/// What the screen says while a job runs.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// Words already in the reader's language (`cx.lang().tui_…()`).
    Text(&'static str),
    /// A catalog method (`Lang::tui_signin_progress`): in whatever language
    /// the app speaks while the job runs.
    Words(fn(Lang) -> &'static str),
}

impl Progress {
    /// A catalog method as a job's progress.
    pub fn words(words: fn(Lang) -> &'static str) -> Progress {
        Progress::Words(words)
    }

    /// The words in `lang`.
    pub fn in_lang(self, lang: Lang) -> &'static str {
        match self {
            Progress::Text(text) => text,
            Progress::Words(words) => words(lang),
        }
    }
}

/// The same words in every language (a catalog method is no value to
/// compare by address).
impl PartialEq for Progress {
    fn eq(&self, other: &Progress) -> bool {
        Lang::ALL
            .iter()
            .all(|&lang| self.in_lang(lang) == other.in_lang(lang))
    }
}

impl Eq for Progress {}

impl From<&'static str> for Progress {
    fn from(text: &'static str) -> Progress {
        Progress::Text(text)
    }
}

impl From<fn(Lang) -> &'static str> for Progress {
    fn from(words: fn(Lang) -> &'static str) -> Progress {
        Progress::Words(words)
    }
}

/// The closure a job runs, its answer boxed for the trip back.
/// It gets the language to word its failure in.
type Call = Box<dyn FnOnce(&Service, Lang) -> Result<Box<dyn Any + Send>, Failure> + Send>;

/// One slow call. Holds passwords only until it runs; printed by name only
/// (invariant 5).
pub struct Job {
    name: &'static str,
    progress: Progress,
    /// The language the job words its failure in: the app's when it
    /// started it ([`Job::speaking`]; English until then).
    lang: Lang,
    background: bool,
    ticket: Option<Ticket>,
    to: To,
    call: Call,
}

/// Who gets a job's answer: the part of the app that started it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    /// The full screen in front (sign-in, new password).
    Screen,
    /// A tab of the signed-in screen, by its type.
    Tab(TypeId),
}

/// A failure in plain words, ready to show: refusals use `Refusal::message` with
/// the service's date format (display zone, "in N days").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    /// The rule behind a refusal ("R9"), for the dialog title.
    pub rule: Option<&'static str>,
}

impl Failure {
    /// A failure that is no refusal (a file that could not be written).
    pub fn plain(message: String) -> Failure {
        Failure {
            message,
            rule: None,
        }
    }
}

/// An error a job's closure may end with, put into words on the worker.
pub trait InWords {
    fn in_words(&self, service: &Service, lang: Lang) -> Failure;
}

impl InWords for ServiceError {
    fn in_words(&self, service: &Service, lang: Lang) -> Failure {
        failure_in(service, lang, self)
    }
}

impl InWords for Failure {
    fn in_words(&self, _: &Service, _: Lang) -> Failure {
        self.clone()
    }
}

impl Job {
    /// A job in front: `name` is for the log ("Link"), `progress` for the
    /// screen while it runs ("Checking the profile's credentials…", a
    /// [`Progress`]); `call` runs on the worker and its answer goes to
    /// whoever starts the job.
    pub fn new<T, E>(
        name: &'static str,
        progress: impl Into<Progress>,
        call: impl FnOnce(&Service) -> Result<T, E> + Send + 'static,
    ) -> Job
    where
        T: Send + 'static,
        E: InWords,
    {
        Job {
            name,
            progress: progress.into(),
            lang: Lang::En,
            background: false,
            ticket: None,
            to: To::Screen,
            call: Box::new(move |service, lang| {
                call(service)
                    .map(|answer| Box::new(answer) as Box<dyn Any + Send>)
                    .map_err(|e| e.in_words(service, lang))
            }),
        }
    }

    /// The job does not hold input: the screen stays usable while it runs
    /// (the skills tab's reads of a large report, issue #7).
    pub fn in_background(self) -> Job {
        Job {
            background: true,
            ..self
        }
    }

    /// The job answers `ticket`'s request: a newer request drops its answer.
    pub fn latest_wins(self, ticket: Ticket) -> Job {
        Job {
            ticket: Some(ticket),
            ..self
        }
    }

    /// The job answers `to` (the app addresses every job it starts).
    pub(crate) fn addressed(self, to: To) -> Job {
        Job { to, ..self }
    }

    /// The job speaks `lang` (the app sets its own on every job it starts).
    pub(crate) fn speaking(self, lang: Lang) -> Job {
        Job { lang, ..self }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// What the screen says while the job runs.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// The language the job speaks.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn is_background(&self) -> bool {
        self.background
    }

    /// Runs the call (on whichever thread calls this).
    pub fn run(self, service: &Service) -> Done {
        let (call, lang) = (self.call, self.lang);
        let result = call(service, lang);
        match &result {
            Ok(_) => tracing::info!(kind = %self.name, "job done"),
            Err(f) => tracing::info!(kind = %self.name, rule = f.rule, "job refused or failed"),
        }
        Done {
            name: self.name,
            to: self.to,
            background: self.background,
            ticket: self.ticket,
            result,
        }
    }
}

impl std::fmt::Debug for Job {
    /// Names the call only: a job holds passwords.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Job::{}", self.name)
    }
}

/// A job's answer, on its way to the part that asked.
pub struct Done {
    pub name: &'static str,
    pub to: To,
    pub background: bool,
    ticket: Option<Ticket>,
    /// The answer as its job gave it (see [`Done::take`]), or the failure.
    pub result: Result<Box<dyn Any + Send>, Failure>,
}

impl Done {
    /// The answer as the type its job gave, or the failure in words. Nothing
    /// for a superseded request (latest wins), or for an answer of another
    /// type (a part only takes the answers of its own jobs).
    pub fn take<T: 'static>(self) -> Option<Result<T, Failure>> {
        if self.is_superseded() {
            return None;
        }
        match self.result {
            Ok(answer) => (answer as Box<dyn Any>)
                .downcast::<T>()
                .ok()
                .map(|a| Ok(*a)),
            Err(failure) => Some(Err(failure)),
        }
    }

    /// The request the job answered, if it was one that a newer one replaces.
    pub fn ticket(&self) -> Option<&Ticket> {
        self.ticket.as_ref()
    }

    /// A newer request of the same kind was made since this one.
    pub fn is_superseded(&self) -> bool {
        self.ticket.as_ref().is_some_and(|t| !t.is_current())
    }
}

impl std::fmt::Debug for Done {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Done::{}", self.name)
    }
}

/// One kind of request that newer ones supersede, with the number of the
/// newest; shared with the jobs running for it.
#[derive(Debug, Default)]
pub struct Latest {
    newest: Arc<AtomicU64>,
}

impl Latest {
    /// A new request: every earlier one is superseded.
    pub fn ask(&self) -> Ticket {
        let number = self.newest.fetch_add(1, Ordering::Relaxed) + 1;
        Ticket {
            number,
            newest: Arc::clone(&self.newest),
        }
    }

    /// Every request made so far is superseded, before the next is made.
    pub fn supersede(&self) {
        self.newest.fetch_add(1, Ordering::Relaxed);
    }
}

/// One request of a [`Latest`] kind.
#[derive(Debug, Clone)]
pub struct Ticket {
    number: u64,
    newest: Arc<AtomicU64>,
}

impl Ticket {
    /// Its place among the requests of its kind (later ones are larger).
    pub fn number(&self) -> u64 {
        self.number
    }

    /// No newer request of its kind was made (nor were all superseded).
    pub fn is_current(&self) -> bool {
        self.newest.load(Ordering::Relaxed) == self.number
    }

    /// The newest number of its kind, shared: a long job polls it to stop
    /// early when superseded (the skills report's passes).
    pub fn newest(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.newest)
    }
}

/// Puts a service error into plain words for the screen, in `lang`: the
/// service's own words ([`ServiceError::message`] with its dates now, in
/// `lang`), a store error after "The database could not be used:".
pub fn failure_in(service: &Service, lang: Lang, error: &ServiceError) -> Failure {
    let rule = match error {
        ServiceError::Refused(refusal) => Some(refusal.rule()),
        _ => None,
    };
    let message = match (error, service.date_format()) {
        // English invalid input: the service's Display, capitalized, as
        // the app always showed it.
        (ServiceError::Invalid(invalid), _) if lang == Lang::En => {
            capitalized(&invalid.to_string())
        }
        (ServiceError::Invalid(invalid), _) => invalid.message(lang),
        (ServiceError::Store(_), Ok(dates)) => {
            lang.tui_shell_database_unusable(error.message(&dates.in_lang(lang)))
        }
        (_, Ok(dates)) => error.message(&dates.in_lang(lang)),
        // The dates could not be read: a store error needs none; a refusal
        // says why its dates are missing.
        (ServiceError::Store(e), Err(_)) => {
            lang.tui_shell_database_unusable(certlink_core::advice::words_in(e, lang))
        }
        (ServiceError::Refused(_), Err(ServiceError::Store(e))) if lang != Lang::En => {
            lang.tui_shell_database_unusable(certlink_core::advice::words_in(&e, lang))
        }
        (_, Err(_)) => error.to_string(),
    };
    Failure { message, rule }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Runs jobs on their own threads and hands back their answers.
pub struct Worker {
    service: Arc<Service>,
    done_tx: Sender<Finished>,
    done_rx: Receiver<Finished>,
}

/// A job's end: its answer, or a panic (a bug: the panic hook has already
/// restored the terminal and printed the report, so the app must stop).
pub enum Finished {
    Done(Done),
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
        tracing::debug!(kind = %job.name, "job started");
        // Kept to answer if the thread cannot be made.
        let (name, to, background, ticket) = (job.name, job.to, job.background, job.ticket.clone());
        let lang = job.lang;
        let spawned = std::thread::Builder::new()
            .name("certlink-job".into())
            .spawn(move || {
                let finished =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run(&service)))
                        .map_or(Finished::Panicked, Finished::Done);
                // The receiver is gone only when the app has quit: nothing to tell.
                let _ = tx.send(finished);
            });
        if let Err(e) = spawned {
            let _ = self.done_tx.send(Finished::Done(Done {
                name,
                to,
                background,
                ticket,
                result: Err(Failure::plain(
                    lang.tui_shell_could_not_start(e.to_string()),
                )),
            }));
        }
    }

    /// A finished job, if one is waiting.
    pub fn try_finished(&self) -> Option<Finished> {
        self.done_rx.try_recv().ok()
    }
}
