//! Many concurrent writers on one shared `Service` (issue 17): each writer moves
//! its own people between two organizations (R6), on a clock that every writer
//! pushes forward just far enough that R9 (3 starts a year, 30 days apart) never
//! refuses. A refusal would write only its audit record, so it is reported as
//! such and never counted as a move.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};

use certlink_core::demo;
use certlink_core::service::{
    Clock, LinkOutcome, NewAccount, Service, ServiceError, Session, SignInSource,
};
use certlink_core::store::records::AccountKind;
use certlink_domain::{AccountStatus, MpnId, Roles};

use crate::MOVER_PROFILE_PASSWORD;

/// The two organizations people move between (the demo's Contoso and Fabrikam).
pub const ORGS: [(u64, &str); 2] = [
    (demo::CONTOSO, "contoso.com"),
    (demo::FABRIKAM, "fabrikam.com"),
];

/// How long after a person's last move the next may start: more than a third
/// of a year, so at most 3 starts fall in any 365 days and the cool-off is long
/// past. The extra day covers the microseconds the store adds when commands
/// read the same instant (events are strictly ordered).
pub const STEP: TimeDelta = TimeDelta::days(123);

/// A clock shared by every writer of a service, moved forward only (never
/// back: a writer that needs a later instant than another's sets it, and a
/// writer that needs an earlier one finds it already passed).
#[derive(Clone)]
pub struct SharedClock(Arc<Mutex<DateTime<Utc>>>);

impl SharedClock {
    pub fn new(at: DateTime<Utc>) -> SharedClock {
        SharedClock(Arc::new(Mutex::new(at)))
    }

    /// Moves the clock to `at` unless it is already later.
    pub fn at_least(&self, at: DateTime<Utc>) {
        let mut now = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if *now < at {
            *now = at;
        }
    }
}

impl Clock for SharedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Creates an active member account with the demo's account password.
pub fn add_account(service: &Service, email: &str, org: u64) -> Result<(), ServiceError> {
    service.create_account(NewAccount {
        kind: AccountKind::Member {
            org: MpnId::new(org).expect("MPN ID"),
        },
        email,
        name: "Writer",
        roles: Roles::USER,
        password: demo::ACCOUNT_PASSWORD,
        status: AccountStatus::Active,
    })?;
    Ok(())
}

pub fn sign_in(service: &Service, email: &str) -> Session {
    service
        .sign_in(email, demo::ACCOUNT_PASSWORD, &SignInSource::Local)
        .expect("sign in")
}

/// What one attempted move did.
#[derive(Debug)]
pub enum Attempt {
    Moved,
    /// Refused by a rule: only the refusal's audit record was written.
    Refused(String),
    /// Done, but not a move (a first link, a take-over): a setup mistake.
    NotAMove(LinkOutcome),
}

/// One person of a writer: an account in each organization, both signed in,
/// and a profile linked through one of them.
struct Person {
    sessions: [Session; 2],
    profile: String,
    /// The account the next move links from (the one not holding the link).
    next: usize,
    /// The earliest instant of the next move (see [`STEP`]).
    ready: DateTime<Utc>,
}

/// One concurrent writer: its own people, moved in turn.
pub struct MoveWriter {
    people: Vec<Person>,
    turn: usize,
}

impl MoveWriter {
    /// Adds `people` people for writer `index` to `service` and links each
    /// profile once from the first organization (untimed), so that every
    /// [`MoveWriter::step`] is a move (R6).
    pub fn new(service: &Service, clock: &SharedClock, index: usize, people: usize) -> MoveWriter {
        // MCIDs 80,000,000 + 1,000 × writer + person: above the generator's, apart per writer.
        assert!(people < 1_000, "at most 999 people per writer");
        let people = (0..people.max(1))
            .map(|k| {
                let name = format!("mw{index}-{k}");
                for (org, domain) in ORGS {
                    add_account(service, &format!("{name}@{domain}"), org).expect("account");
                }
                let profile = format!("{name}@learn.example.com");
                let mcid = 80_000_000 + index * 1_000 + k;
                service
                    .add_profile(
                        &mcid.to_string(),
                        &profile,
                        "Writer",
                        MOVER_PROFILE_PASSWORD,
                    )
                    .expect("profile");
                let sessions =
                    ORGS.map(|(_, domain)| sign_in(service, &format!("{name}@{domain}")));
                let linked = service
                    .link(&sessions[0], &profile, MOVER_PROFILE_PASSWORD)
                    .expect("first link");
                assert_eq!(linked, LinkOutcome::Linked);
                Person {
                    sessions,
                    profile,
                    next: 1,
                    ready: clock.now() + STEP,
                }
            })
            .collect();
        MoveWriter { people, turn: 0 }
    }

    /// One durable move of the writer's next person, timed from the call to the
    /// answer (the clock is set before, outside the time).
    pub fn step(&mut self, service: &Service, clock: &SharedClock) -> (Duration, Attempt) {
        let count = self.people.len();
        let person = &mut self.people[self.turn % count];
        self.turn += 1;
        clock.at_least(person.ready);
        let started = Instant::now();
        let result = service.link(
            &person.sessions[person.next],
            &person.profile,
            MOVER_PROFILE_PASSWORD,
        );
        let took = started.elapsed();
        person.ready = clock.now() + STEP;
        let attempt = match result {
            Ok(LinkOutcome::Moved) => {
                person.next ^= 1;
                Attempt::Moved
            }
            Ok(other) => Attempt::NotAMove(other),
            Err(ServiceError::Refused(refusal)) => Attempt::Refused(format!("{refusal:?}")),
            Err(e) => panic!("a move failed: {e:?}"),
        };
        (took, attempt)
    }
}
