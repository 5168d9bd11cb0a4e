//! The service: the one API every front end (CLI, TUI, SSH) calls. It signs people
//! in (R1), resolves who is acting from the stored account (never from what a
//! front end claims), runs each command in one store transaction through the
//! domain's decision functions, and audits every outcome (R16).

mod backup;
mod bulk;
mod clock;
mod designations;
mod domains;
mod environment;
mod error;
mod invalid;
mod invitations;
mod learning_records;
mod link_pages;
mod linking;
mod mail;
mod moving;
mod operator;
mod org_admin;
mod outlook;
mod paging;
pub mod password;
mod preferences;
mod previews;
mod reports;
mod sign_in;
mod ssh_keys;
mod support;
mod ticket_pages;
mod tickets;
mod user_pages;
mod views;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};

/// What `admin check` reports (`Service::check_all`).
pub use crate::store::invariants::{Findings, Warning};
pub use backup::{BackupShelf, ScheduledBackup};
pub use bulk::Bulk;
pub use clock::{Clock, ManualClock, ShiftedClock, SystemClock};
pub use designations::{
    DesignationReport, METRICS_FILE_BYTES, METRICS_LINES, MetricsError, MetricsProblem,
    MetricsSummary, NamedDesignations, StandingRow,
};
pub use domains::{DomainListing, DomainRow};
pub use environment::{Environment, ScheduledBackups, TimeSource};
pub use error::ServiceError;
pub use invalid::{
    AlreadyExists, BackupsProblem, Inconsistency, InvalidInput, KeyText, NotFound, ResetRefusal,
    TicketPart, Unavailable,
};
pub use invitations::{Delivery, Invitation, UserListRow};
pub use learning_records::{ImportSummary, Importer};
pub use link_pages::{OrgLinkFilter, OrgLinkSeek};
pub use linking::LinkOutcome;
pub use mail::{Mail, Mailer, NotQueued, sign_in_details};
pub use moving::{LinkStep, MovePreview};
pub use operator::{NewAccount, joined as joined_domains, parse_domains};
pub use outlook::AssociationOutlook;
pub use paging::{HistoryPage, MAX_PAGE, TicketCursor, TicketPage};
pub use previews::{DeletionPreview, RemovalPreview};
pub use reports::{
    CompetencyStatus, CountedPerson, LearnerRow, LearningReport, MonthCount, SkillRow, UserRow,
};
pub use sign_in::{Session, Source as SignInSource};
pub use ssh_keys::{SshKeyView, fingerprint as key_fingerprint, parse_public_key};
pub use support::{
    LOOKUP_LIMIT, LookupHits, MergePreview, PERSON_LINKS, PERSON_REFUSALS, PersonHit, PersonView,
};
pub use ticket_pages::{TicketFilter, TicketSeek};
pub use tickets::{TicketMessageView, TicketView};
pub use user_pages::{UserFilter, UserSeek};
pub use views::{AuditView, HistoryTarget, LinkRow, OrgLinkRow, ProfileView};

use crate::store::records::{AccountRecord, AuditActor, Outcome};
use crate::store::{AuditEntry, DbKind, Queries, Store, Writer};
use certlink_domain::permissions::View;
use certlink_domain::time::DateFormat;
use certlink_domain::{Actor, Refusal, Settings};

pub struct Service {
    store: Store,
    clock: Arc<dyn Clock>,
    /// Where sign-in details go (R13), if anywhere.
    mail: Option<Arc<dyn Mailer>>,
    /// Where `scheduled_backup` keeps its copies, if it runs.
    backups: Option<ScheduledBackups>,
    sandbox: bool,
    /// R1: password attempts being checked (see `sign_in::InFlight`).
    attempts: sign_in::InFlight,
    /// The skills report's passes, shared by every session (issue 17).
    passes: crate::browse::shared::SharedPasses,
}

impl Service {
    /// Opens an existing database with what the service uses besides it.
    pub fn open(path: &Path, environment: Environment) -> Result<Service, ServiceError> {
        Self::open_with_progress(path, environment, &mut crate::progress::Silent)
    }

    /// [`Service::open`], telling `progress` when it migrates an older schema
    /// (principle 12).
    pub fn open_with_progress(
        path: &Path,
        environment: Environment,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<Service, ServiceError> {
        let store = Store::open_with_progress(path, progress)?;
        Self::with_store(store, environment)
    }

    /// Wraps an open store (tests use in-memory stores).
    pub fn with_store(store: Store, environment: Environment) -> Result<Service, ServiceError> {
        let sandbox = store.read()?.is_sandbox()?;
        let clock: Arc<dyn Clock> = match environment.clock {
            TimeSource::System => Arc::new(SystemClock),
            TimeSource::Given(clock) => clock,
            TimeSource::StartingAt(_) if !sandbox => {
                return Err(InvalidInput::ClockStartOnlyOnSandbox.into());
            }
            TimeSource::StartingAt(at) => {
                if let Some(last) = store.read()?.last_event_at()?
                    && at < last
                {
                    return Err(InvalidInput::ClockStartBeforeLastEvent { start: at, last }.into());
                }
                Arc::new(ShiftedClock::starting_at(at))
            }
        };
        Ok(Service {
            store,
            clock,
            mail: environment.mail,
            backups: environment.backups,
            sandbox,
            attempts: Default::default(),
            passes: Default::default(),
        })
    }

    /// Replaces the clock (tests and the demo builder).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Service {
        self.clock = clock;
        self
    }

    /// Gives mail a place to go (the demo's sandbox, once built).
    pub fn with_mail(mut self, mail: Arc<dyn Mailer>) -> Service {
        self.mail = Some(mail);
        self
    }

    /// Creates a new database file with its settings.
    pub fn create(
        path: &Path,
        kind: DbKind,
        settings: &Settings,
        environment: Environment,
    ) -> Result<Service, ServiceError> {
        let store = Store::create(path, kind, settings)?;
        Self::with_store(store, environment)
    }

    pub fn is_sandbox(&self) -> bool {
        self.sandbox
    }

    /// A count that moves whenever any session's command commits: a view read
    /// at one count is stale once the count differs (cheap: no transaction).
    pub fn changes(&self) -> u64 {
        self.store.commits()
    }

    /// The store, for checks that read the whole database (tests, `admin check`);
    /// front ends go through the service's methods.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_path(&self) -> Option<&Path> {
        self.store.path()
    }

    pub fn settings(&self) -> Result<Settings, ServiceError> {
        Ok(self.store.read()?.settings()?)
    }

    /// The instant reads are made at: the clock, but never before the last
    /// recorded event (commands happen strictly after it: the store's writer).
    fn now_after(&self, last: Option<DateTime<Utc>>) -> DateTime<Utc> {
        let now = self.clock.now();
        match last {
            Some(last) if now < last => last,
            _ => now,
        }
    }

    /// The current instant as commands would see it.
    pub fn now(&self) -> Result<DateTime<Utc>, ServiceError> {
        Ok(self.now_after(self.store.read()?.last_event_at()?))
    }

    /// How dates are shown right now (display time zone, "in N days").
    pub fn date_format(&self) -> Result<DateFormat, ServiceError> {
        let r = self.store.read()?;
        let now = self.now_after(r.last_event_at()?);
        Ok(DateFormat::new(r.settings()?.time_zone(), now))
    }

    /// Begins the one write transaction of a command.
    fn begin(&self) -> Result<Writer, ServiceError> {
        Ok(self.store.write(self.clock.now())?)
    }

    /// Begins a command in a write transaction of its own (an import: too
    /// many writes to share a batch's transaction and undo alone).
    fn begin_alone(&self) -> Result<Writer, ServiceError> {
        Ok(self.store.write_alone(self.clock.now())?)
    }

    /// Ends a decided command: applies and audits the events, or audits the refusal
    /// alone; then commits. One transaction, whatever the outcome.
    fn finish(
        &self,
        w: Writer,
        decision: Result<Vec<certlink_domain::Event>, Refusal>,
        mut entry: AuditEntry,
    ) -> Result<Vec<certlink_domain::Event>, ServiceError> {
        match decision {
            Ok(events) => {
                w.apply_and_audit(&events, entry)?;
                w.commit()?;
                Ok(events)
            }
            Err(refusal) => {
                entry.outcome = Outcome::Refused {
                    code: refusal.code().into(),
                    rule: refusal.rule().into(),
                };
                w.audit(entry)?;
                w.commit()?;
                Err(ServiceError::Refused(refusal))
            }
        }
    }

    /// The acting person, from the stored account: a deleted account or one that
    /// must change its password cannot act (R1, R13).
    fn actor(
        &self,
        q: &impl Queries,
        session: &Session,
    ) -> Result<Result<(Actor, AccountRecord), Refusal>, ServiceError> {
        let Some(account) = q.account(session.account)? else {
            return Ok(Err(Refusal::AccountDeleted));
        };
        if account.status == certlink_domain::AccountStatus::Deleted {
            return Ok(Err(Refusal::AccountDeleted));
        }
        if account.must_change_password {
            return Ok(Err(Refusal::PasswordChangeRequired));
        }
        let actor = Actor::of_account(account.id, account.org(), account.roles);
        Ok(Ok((actor, account)))
    }

    /// May the person of `session` read `view` (`domain::permissions`)? Its
    /// reach, decided on the stored account: a deleted account or a temporary
    /// password reads nothing either (R1, R13).
    fn may<V: View>(
        &self,
        q: &impl Queries,
        session: &Session,
        view: V,
    ) -> Result<V::Reach, ServiceError> {
        let (actor, _) = self.actor(q, session)?.map_err(ServiceError::Refused)?;
        Ok(certlink_domain::may(&actor, view)?)
    }
}

impl Service {
    /// Audits a refusal decided outside `domain::decide` (a missing target, a
    /// ticket rule) and commits; returns the error to hand back.
    fn refuse(&self, w: Writer, mut entry: AuditEntry, refusal: Refusal) -> ServiceError {
        entry.outcome = Outcome::Refused {
            code: refusal.code().into(),
            rule: refusal.rule().into(),
        };
        match w.audit(entry).and_then(|_| w.commit()) {
            Ok(()) => ServiceError::Refused(refusal),
            Err(e) => ServiceError::Store(e),
        }
    }

    /// Audits a refusal that happened before the command could be decided (the
    /// session's account was deleted or must change its password) and commits.
    fn refuse_session(
        &self,
        w: Writer,
        session: &Session,
        refusal: Refusal,
        action: &'static str,
    ) -> ServiceError {
        let mut entry = AuditEntry::new(
            AuditActor::Account {
                id: session.account,
                email: session.email.clone(),
                org: session.org,
            },
            action,
        );
        entry.account = Some(session.account);
        entry.org = session.org;
        match self.finish(w, Err(refusal), entry) {
            Err(e) => e,
            Ok(_) => Inconsistency::RefusalApplied.into(),
        }
    }
}

/// The audit actor for a stored account.
fn audit_actor(account: &AccountRecord) -> AuditActor {
    AuditActor::Account {
        id: account.id,
        email: account.email.clone(),
        org: account.org(),
    }
}
