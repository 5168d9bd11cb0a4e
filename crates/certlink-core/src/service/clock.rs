//! The clock is injected: the system clock normally; a sandbox may start it at a
//! chosen instant (`--now`), from where it runs on; tests and the demo builder set
//! it by hand.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Starts at a given instant and runs on in real time (`--now` on a sandbox).
pub struct ShiftedClock {
    start: DateTime<Utc>,
    started: Instant,
}

impl ShiftedClock {
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            start,
            started: Instant::now(),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = TimeDelta::from_std(self.started.elapsed()).unwrap_or(TimeDelta::zero());
        self.start + elapsed
    }
}

/// A clock that moves only when told to (tests, the demo builder).
#[derive(Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }
    pub fn advance(&self, by: TimeDelta) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
