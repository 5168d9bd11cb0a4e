//! What the service uses besides its database, handed in by whoever opens it:
//! the clock, where mail goes, where scheduled backups are kept. The service
//! itself reads no system clock, config file, environment variable or
//! directory; the front ends build this at their edge (the CLI from its
//! options and the mail config file), tests with the values they need.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::backup::BackupShelf;
use super::clock::Clock;
use super::mail::Mailer;

/// The service's inputs besides the database. `Environment::default()` is the
/// system clock, no mail and no scheduled backups: explicit values, no I/O.
#[derive(Default)]
pub struct Environment {
    pub clock: TimeSource,
    /// Where sign-in details go (R13); without one an admin hands them over
    /// ([`super::Delivery::NoOutbox`]).
    pub mail: Option<Arc<dyn Mailer>>,
    /// Where `serve --backup-every` keeps its copies, and how many.
    pub backups: Option<ScheduledBackups>,
}

/// Where the time of commands comes from.
#[derive(Default)]
pub enum TimeSource {
    #[default]
    System,
    /// A sandbox's clock started at a chosen instant, running on from there.
    /// Refused on real databases and before the last recorded event: the
    /// clock never goes back.
    StartingAt(DateTime<Utc>),
    /// A clock set by hand (tests, the demo builder).
    Given(Arc<dyn Clock>),
}

impl TimeSource {
    /// The instant it reads now (a chosen start is its own instant), for what
    /// happens before the service exists (a restore names the replaced file).
    pub(super) fn now(&self) -> DateTime<Utc> {
        match self {
            TimeSource::System => super::SystemClock.now(),
            TimeSource::StartingAt(at) => *at,
            TimeSource::Given(clock) => clock.now(),
        }
    }
}

/// Scheduled backups: the place of the copies and how many of them to keep.
pub struct ScheduledBackups {
    pub shelf: Arc<dyn BackupShelf>,
    /// The newest this many copies are kept (at least one).
    pub keep: usize,
}

impl Environment {
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Environment {
        self.clock = TimeSource::Given(clock);
        self
    }

    pub fn starting_at(mut self, at: DateTime<Utc>) -> Environment {
        self.clock = TimeSource::StartingAt(at);
        self
    }

    pub fn with_mail(mut self, mail: Arc<dyn Mailer>) -> Environment {
        self.mail = Some(mail);
        self
    }

    pub fn with_backups(mut self, backups: ScheduledBackups) -> Environment {
        self.backups = Some(backups);
        self
    }
}
