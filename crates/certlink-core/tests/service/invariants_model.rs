//! The linking rules against a reference model.
//!
//! A proptest drives the real service (in-memory store, hand-set clock) with random
//! command sequences: links with the right or a wrong profile password, unlinks,
//! departures and removals from the report (R12), rehires, time jumps across years,
//! and operator changes to the R9 settings. A small model below re-implements the
//! rules of `/work/shared/domain.md` on its own (it uses nothing from
//! `certlink_domain::{association_limit, decide, throttle}`), predicts every answer,
//! and after every step the real store must agree with it:
//!
//! 1. `check_invariants()` is empty (invariants 1 and 3, index consistency, and the
//!    schema-3 `report` table: every profile holds skills from the start, so every
//!    link, move, take-over, unlink and departure changes report entries with skills);
//! 2. every MCID's organization, every organization's links and holders, and every
//!    live account's profile page (linked MCID, R9 allowance) are the model's;
//! 3. invariant 2: the store's association starts are the model's, and the model
//!    asserts each one was allowed by R9, under the settings then in force, as it
//!    adds it.
//!
//! Plain tests at the end replay three FAQ scenarios (R6 move, R9 limit, R6 rehire).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

use certlink_core::import::{InputFormat, parse};
use certlink_core::service::{
    AuditView, Environment, HistoryTarget, Importer, LinkOutcome, ManualClock, NewAccount, Service,
    ServiceError, Session, SignInSource,
};
use certlink_core::store::records::AccountKind;
use certlink_core::store::{DbKind, Store};
use certlink_domain::{AccountStatus, MpnId, Refusal, Roles, Settings};

// ---------------------------------------------------------------------------
// The world every case starts from
// ---------------------------------------------------------------------------

/// MPN IDs of the organizations.
const ORGS: [u64; 3] = [1_111_111, 2_222_222, 3_333_333];
/// MCIDs of the certification profiles; profile `i` signs in as `p{i}@learn.example.com`.
const PROFILES: [u64; 4] = [10_000_001, 10_000_002, 10_000_003, 10_000_004];
/// The people of every organization: (name, Global Admin?). The first organization
/// also has a second Global Admin, `deputy`.
const PEOPLE: [(&str, bool); 3] = [("admin", true), ("ana", false), ("ben", false)];
const ACCOUNT_PASSWORD: &str = "work-account-pass";
const WRONG_PASSWORD: &str = "not-the-right-one";
/// An email that names no certification profile (R4: answered like a wrong password).
const UNKNOWN_PROFILE_EMAIL: &str = "nobody@learn.example.com";

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}
fn org_id(org: usize) -> MpnId {
    MpnId::new(ORGS[org]).unwrap()
}
fn account_email(name: &str, org: usize) -> String {
    format!("{name}@org{org}.example.com")
}
fn profile_email(p: usize) -> String {
    format!("p{p}@learn.example.com")
}
fn profile_password(p: usize) -> String {
    format!("learn-pass-{p}")
}
fn micro() -> TimeDelta {
    TimeDelta::microseconds(1)
}

// ---------------------------------------------------------------------------
// Answers, as the service gives them and as the model predicts them
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// R4: a new association.
    Linked,
    /// R6: moved here from another organization (a new association).
    Moved,
    /// R6: taken over from another account of the same organization (not one).
    TookOver,
    /// Any other command that went through.
    Done,
    /// A refusal: its code, the date it carries (R9 next allowed, R1 retry/lock),
    /// and for R9 `limit_reached` the (used, limit, window since) it reports.
    Refused {
        code: &'static str,
        date: Option<DateTime<Utc>>,
        limit: Option<(u32, u32, DateTime<Utc>)>,
    },
    /// Anything but a refusal (a bug in this test or in the service).
    Failed(String),
}

fn refused(code: &'static str) -> Answer {
    Answer::Refused {
        code,
        date: None,
        limit: None,
    }
}

fn answer_of<T>(result: Result<T, ServiceError>, ok: impl FnOnce(T) -> Answer) -> Answer {
    match result {
        Ok(value) => ok(value),
        Err(ServiceError::Refused(r)) => {
            let limit = match r {
                Refusal::LimitReached {
                    used, limit, since, ..
                } => Some((used, limit, since)),
                _ => None,
            };
            Answer::Refused {
                code: r.code(),
                date: r.next_allowed(),
                limit,
            }
        }
        Err(other) => Answer::Failed(other.to_string()),
    }
}

fn link_answer(outcome: LinkOutcome) -> Answer {
    match outcome {
        LinkOutcome::Linked => Answer::Linked,
        LinkOutcome::Moved => Answer::Moved,
        LinkOutcome::TookOver => Answer::TookOver,
    }
}

// ---------------------------------------------------------------------------
// The reference model
// ---------------------------------------------------------------------------

/// R9: a start counts for 365 days (the rolling window is (t − 365 days, t]).
const YEAR: TimeDelta = TimeDelta::days(365);

/// R1 as the sandbox settings configure it (asserted at setup) and docs/rules.md
/// words it: from the third failure from one source each attempt waits 1 s,
/// doubling up to a minute; ten failures from one source lock that source out
/// of the credential for 15 minutes, and each later failure from it locks it
/// again, until 15 quiet minutes start its count afresh. Fifty failures on one
/// credential within 15 minutes, from any sources, lock it for 15 minutes for
/// every source that has not proved the password in the last 90 days. Fifty
/// failures from one source across every profile, until it has been quiet for
/// 15 minutes, slow that source to one attempt a minute (spraying), except on
/// a profile whose password it proved.
const THROTTLE_AFTER: u32 = 3;
const SPRAY_AFTER: u32 = 50;
const LOCK_AFTER: u32 = 10;
const CREDENTIAL_LOCK_AFTER: u32 = 50;
const FAILURE_WINDOW: TimeDelta = TimeDelta::minutes(15);
const LOCK_FOR: TimeDelta = TimeDelta::minutes(15);
const MAX_WAIT: TimeDelta = TimeDelta::seconds(60);
const KNOWN_FOR: TimeDelta = TimeDelta::days(90);

/// Which password a link attempt enters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Password {
    Right,
    Wrong,
    /// The right password, but for an email that names no profile.
    UnknownEmail,
}

#[derive(Debug, Clone)]
struct Person {
    email: String,
    org: usize,
    global_admin: bool,
    deleted: bool,
    /// R4: the profile this account links now.
    linked: Option<usize>,
    /// R9: the profile last associated through this account (kept after an unlink).
    last: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Link {
    org: usize,
    account: usize,
    since: DateTime<Utc>,
}

/// R1 failure counts of one key.
#[derive(Debug, Clone, Default)]
struct Failures {
    count: u32,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
struct Model {
    /// R9 settings in force: `N` and `C`.
    limit: u32,
    cool_off_days: u32,
    accounts: Vec<Person>,
    /// R5: the one active link of each profile.
    links: Vec<Option<Link>>,
    /// R9: every association start of each profile, oldest first.
    starts: Vec<Vec<DateTime<Utc>>>,
    clock: DateTime<Utc>,
    last_event: DateTime<Utc>,
    /// R1 per credential (key: profile index; `PROFILES.len()` is the unknown email).
    credential_failures: BTreeMap<usize, Failures>,
    /// R1 per (credential, source account).
    source_failures: BTreeMap<(usize, usize), Failures>,
    /// R1: when each (credential, source account) last proved the password.
    known_sources: BTreeMap<(usize, usize), DateTime<Utc>>,
    /// R1 per source account across every profile (spraying).
    spray_failures: BTreeMap<usize, Failures>,
}

impl Model {
    /// Time: what readers see as now (profile pages, the R1 gate): the clock, but
    /// never before the last recorded event.
    fn view_now(&self) -> DateTime<Utc> {
        self.clock.max(self.last_event)
    }

    /// The instant of the next recorded command (every command here is audited):
    /// the clock, but strictly after the last event.
    fn tick(&mut self) -> DateTime<Utc> {
        self.last_event = self.clock.max(self.last_event + micro());
        self.last_event
    }

    // --- R9 ---------------------------------------------------------------

    /// The starts of profile `p` that count at `t`, oldest first.
    fn counted(&self, p: usize, t: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        self.starts[p]
            .iter()
            .copied()
            .filter(|s| *s <= t && t - *s < YEAR)
            .collect()
    }

    /// R9: may profile `p` start an association at `t` under the settings now?
    fn allowed_at(&self, p: usize, t: DateTime<Utc>) -> bool {
        let within_limit = self.counted(p, t).len() < self.limit as usize;
        let cooled_off = self.starts[p]
            .last()
            .is_none_or(|last| t - *last >= TimeDelta::days(self.cool_off_days.into()));
        within_limit && cooled_off
    }

    /// R9: from when the next association of `p` is allowed; `None` if now.
    fn next_allowed(&self, p: usize, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.allowed_at(p, now) {
            return None;
        }
        // Without new starts the answer only changes when a start leaves the window
        // or the cool-off ends, and only from "no" to "yes": the first such instant
        // that allows is the date.
        let cool_off_end = self.starts[p]
            .last()
            .map(|s| *s + TimeDelta::days(self.cool_off_days.into()));
        let mut candidates: Vec<_> = self.starts[p]
            .iter()
            .map(|s| *s + YEAR)
            .chain(cool_off_end)
            .filter(|t| *t > now)
            .collect();
        candidates.sort();
        let next = candidates.into_iter().find(|t| self.allowed_at(p, *t));
        assert!(
            next.is_some(),
            "R9: every start leaves the window eventually"
        );
        next
    }

    /// R9: the refusal of a new association of `p` at `now`, if any. The limit is
    /// named when it is reached; else it is the cool-off.
    fn r9_refusal(&self, p: usize, now: DateTime<Utc>) -> Option<Answer> {
        let next = self.next_allowed(p, now)?;
        let counted = self.counted(p, now);
        Some(if counted.len() >= self.limit as usize {
            Answer::Refused {
                code: "limit_reached",
                date: Some(next),
                limit: Some((counted.len() as u32, self.limit, counted[0])),
            }
        } else {
            Answer::Refused {
                code: "cool_off",
                date: Some(next),
                limit: None,
            }
        })
    }

    /// Invariant 2: every association start is allowed by R9 when it happens.
    fn start_association(&mut self, p: usize, at: DateTime<Utc>) {
        assert!(
            self.allowed_at(p, at),
            "invariant 2: a start of profile {p} at {at} was not allowed"
        );
        self.starts[p].push(at);
    }

    // --- R1 ---------------------------------------------------------------

    /// R1: is the attempt stopped before the password is even checked?
    fn gate(&self, key: usize, a: usize, now: DateTime<Utc>) -> Option<Answer> {
        let locked = |until: DateTime<Utc>| Answer::Refused {
            code: "locked",
            date: Some(until),
            limit: None,
        };
        let source = self
            .source_failures
            .get(&(key, a))
            .cloned()
            .unwrap_or_default();
        if let Some(until) = source.locked_until.filter(|u| *u > now) {
            return Some(locked(until));
        }
        let known = self
            .known_sources
            .get(&(key, a))
            .is_some_and(|at| now - *at <= KNOWN_FOR);
        if let Some(until) = self
            .credential_failures
            .get(&key)
            .and_then(|f| f.locked_until)
            .filter(|u| *u > now && !known)
        {
            return Some(locked(until));
        }
        let source = Self::afresh_when_quiet(source, now);
        if source.count < THROTTLE_AFTER {
            return self.spray_gate(a, known, now);
        }
        let mut wait = TimeDelta::seconds(1);
        for _ in THROTTLE_AFTER..source.count {
            wait = (wait * 2).min(MAX_WAIT);
        }
        let retry = source.last? + wait;
        if retry > now {
            return Some(Answer::Refused {
                code: "throttled",
                date: Some(retry),
                limit: None,
            });
        }
        self.spray_gate(a, known, now)
    }

    /// R1: a source that failed on many profiles tries once a minute.
    fn spray_gate(&self, a: usize, known: bool, now: DateTime<Utc>) -> Option<Answer> {
        let spray = Self::afresh_when_quiet(
            self.spray_failures.get(&a).cloned().unwrap_or_default(),
            now,
        );
        if known || spray.count < SPRAY_AFTER {
            return None;
        }
        let retry = spray.last? + MAX_WAIT;
        (retry > now).then_some(Answer::Refused {
            code: "throttled",
            date: Some(retry),
            limit: None,
        })
    }

    /// A source's count starts afresh after 15 minutes without a failure or a lock.
    fn afresh_when_quiet(source: Failures, now: DateTime<Utc>) -> Failures {
        let quiet_since = match (source.last, source.locked_until) {
            (Some(l), Some(u)) => Some(l.max(u)),
            (l, u) => l.or(u),
        };
        if quiet_since.is_some_and(|t| now - t > FAILURE_WINDOW) {
            Failures::default()
        } else {
            source
        }
    }

    fn record_failure(&mut self, key: usize, a: usize, now: DateTime<Utc>) {
        let c = self.credential_failures.entry(key).or_default();
        let lock_over = c.locked_until.is_some_and(|u| u <= now);
        let stale = c.first.is_some_and(|f| now - f > FAILURE_WINDOW);
        if lock_over || stale {
            *c = Failures::default();
        }
        c.count += 1;
        c.first.get_or_insert(now);
        c.last = Some(now);
        if c.count >= CREDENTIAL_LOCK_AFTER {
            *c = Failures {
                locked_until: Some(now + LOCK_FOR),
                ..Failures::default()
            };
        }
        let s = self.source_failures.entry((key, a)).or_default();
        *s = Self::afresh_when_quiet(s.clone(), now);
        s.count += 1;
        s.first.get_or_insert(now);
        s.last = Some(now);
        if s.count >= LOCK_AFTER {
            s.locked_until = Some(now + LOCK_FOR);
        }
        let spray = self.spray_failures.entry(a).or_default();
        *spray = Self::afresh_when_quiet(spray.clone(), now);
        spray.count += 1;
        spray.first.get_or_insert(now);
        spray.last = Some(now);
    }

    // --- Commands ---------------------------------------------------------

    /// R4–R9 (and R1 for the profile password): account `a` links profile `p`.
    fn link(&mut self, a: usize, p: usize, password: Password) -> Answer {
        // R1: the password is checked (and gated) just before the command's instant.
        let checked_at = self.view_now();
        let now = self.tick();
        let key = if password == Password::UnknownEmail {
            PROFILES.len()
        } else {
            p
        };
        let gate = self.gate(key, a, checked_at);
        // R1/R12: a deleted account cannot act; its attempt is not even counted.
        if self.accounts[a].deleted {
            return refused("account_deleted");
        }
        let verified = gate.is_none() && password == Password::Right;
        if gate.is_none() {
            if verified {
                // The credential's count stays: others may still be guessing.
                self.source_failures.remove(&(key, a));
                self.known_sources.insert((key, a), now);
            } else {
                self.record_failure(key, a, now);
            }
        }
        // R4: an account holds at most one MCID (said whatever the password).
        if self.accounts[a].linked.is_some_and(|held| held != key) {
            return refused("unlink_first");
        }
        if let Some(stopped) = gate {
            return stopped;
        }
        // R8: every new link needs the profile's password.
        if !verified {
            return refused("wrong_credentials");
        }
        let org = self.accounts[a].org;
        let answer = match self.links[p] {
            Some(l) if l.org == org && l.account == a => return refused("already_linked_here"),
            // R6: same organization, another account (a rehired person): the link
            // moves to this account, no new association.
            Some(l) if l.org == org => {
                self.accounts[l.account].linked = None;
                Answer::TookOver
            }
            // R5/R6/R9: a first link, a relink or a move is a new association.
            other => {
                if let Some(refusal) = self.r9_refusal(p, now) {
                    return refusal;
                }
                self.start_association(p, now);
                match other {
                    Some(l) => {
                        self.accounts[l.account].linked = None;
                        Answer::Moved
                    }
                    None => Answer::Linked,
                }
            }
        };
        self.links[p] = Some(Link {
            org,
            account: a,
            since: now,
        });
        self.accounts[a].linked = Some(p);
        self.accounts[a].last = Some(p);
        answer
    }

    /// R7: account `a` ends its own link.
    fn unlink(&mut self, a: usize) -> Answer {
        self.tick();
        if self.accounts[a].deleted {
            return refused("account_deleted");
        }
        let Some(p) = self.accounts[a].linked.take() else {
            return refused("not_linked");
        };
        assert_eq!(
            self.links[p].map(|l| l.account),
            Some(a),
            "model: the account's link is the profile's"
        );
        self.links[p] = None;
        Answer::Done
    }

    fn other_live_global_admin(&self, org: usize, except: usize) -> bool {
        self.accounts
            .iter()
            .enumerate()
            .any(|(i, x)| i != except && !x.deleted && x.global_admin && x.org == org)
    }

    /// R12/R17: account `a` deletes the live account with `email`.
    fn delete(&mut self, a: usize, email: &str) -> Answer {
        self.tick();
        if self.accounts[a].deleted {
            return refused("account_deleted");
        }
        let org = self.accounts[a].org;
        // Invariant 4: an account of another organization is not found at all.
        let Some(t) = self
            .accounts
            .iter()
            .position(|x| !x.deleted && x.email == email && x.org == org)
        else {
            return refused("not_found");
        };
        if !self.accounts[a].global_admin {
            return refused("not_permitted");
        }
        if self.accounts[t].global_admin && !self.other_live_global_admin(org, t) {
            return refused("last_global_admin");
        }
        // R12: deleting does not unlink the MCID.
        self.accounts[t].deleted = true;
        Answer::Done
    }

    /// R12: account `a` removes profile `p` of a departed person from the report.
    fn remove_from_report(&mut self, a: usize, p: usize) -> Answer {
        self.tick();
        if self.accounts[a].deleted {
            return refused("account_deleted");
        }
        let Some(link) = self.links[p].filter(|l| l.org == self.accounts[a].org) else {
            return refused("not_found");
        };
        if !self.accounts[a].global_admin {
            return refused("not_permitted");
        }
        if !self.accounts[link.account].deleted {
            return refused("account_still_active");
        }
        // Not an association: costs nothing under R9.
        self.links[p] = None;
        self.accounts[link.account].linked = None;
        Answer::Done
    }

    /// Departed accounts whose email no live account uses (R12: may be invited again).
    fn rehirable(&self) -> Vec<usize> {
        let taken = |email: &str| self.accounts.iter().any(|x| !x.deleted && x.email == email);
        (0..self.accounts.len())
            .filter(|&i| self.accounts[i].deleted && !taken(&self.accounts[i].email))
            .collect()
    }

    fn live_global_admin(&self, org: usize) -> Option<usize> {
        self.accounts
            .iter()
            .position(|x| !x.deleted && x.global_admin && x.org == org)
    }
}

// ---------------------------------------------------------------------------
// The real service, driven in step with the model
// ---------------------------------------------------------------------------

/// One command with its targets resolved.
#[derive(Debug, Clone)]
enum Op {
    Link {
        account: usize,
        profile: usize,
        password: Password,
    },
    Unlink {
        account: usize,
    },
    Delete {
        admin: usize,
        target: usize,
    },
    RemoveFromReport {
        admin: usize,
        profile: usize,
    },
    /// R12: the departed account's person is invited again (same email and organization).
    Rehire {
        departed: usize,
    },
    Wait(TimeDelta),
    /// Moves the clock forward to the instant (never back).
    SetClock(DateTime<Utc>),
    SetLimit(u32),
    SetCoolOff(u32),
}

struct Harness {
    service: Service,
    clock: ManualClock,
    /// The session of each model account, same index.
    sessions: Vec<Session>,
}

impl Harness {
    fn new() -> (Harness, Model) {
        let settings = Settings::sandbox();
        assert_eq!(
            (
                settings.throttle_after_failures,
                settings.lock_after_failures
            ),
            (THROTTLE_AFTER, LOCK_AFTER),
            "the R1 model assumes the sandbox's throttle settings"
        );
        assert_eq!(
            (
                i64::from(settings.failure_window_minutes),
                i64::from(settings.lock_minutes)
            ),
            (FAILURE_WINDOW.num_minutes(), LOCK_FOR.num_minutes())
        );
        let clock = ManualClock::new(start());
        let store = Store::in_memory(DbKind::Sandbox, &settings).expect("in-memory store");
        let service = Service::with_store(store, Environment::default())
            .expect("service")
            .with_clock(Arc::new(clock.clone()));

        for (i, mpn) in ORGS.iter().enumerate() {
            // R13a: each organization owns the domain of its people's emails.
            service
                .add_org_with_domains(
                    &mpn.to_string(),
                    &format!("Organization {i}"),
                    &[format!("org{i}.example.com")],
                )
                .expect("add org");
        }
        for (p, mcid) in PROFILES.iter().enumerate() {
            service
                .add_profile(
                    &mcid.to_string(),
                    &profile_email(p),
                    &format!("Person {p}"),
                    &profile_password(p),
                )
                .expect("add profile");
        }
        let mut harness = Harness {
            service,
            clock,
            sessions: Vec::new(),
        };
        let mut accounts = Vec::new();
        for org in 0..ORGS.len() {
            let deputy = (org == 0).then_some(("deputy", true));
            for (name, global_admin) in PEOPLE.into_iter().chain(deputy) {
                let person = Person {
                    email: account_email(name, org),
                    org,
                    global_admin,
                    deleted: false,
                    linked: None,
                    last: None,
                };
                harness.sessions.push(harness.create(&person));
                accounts.push(person);
            }
        }
        // R10: every profile holds skills (a certification, a passed and a failed
        // exam, a module), so the report table's entries move with the links.
        let mut records = String::new();
        for mcid in PROFILES {
            let earned = (start() - TimeDelta::days(30)).to_rfc3339();
            records.push_str(&format!(
                concat!(
                    r#"{{"mcid": {m}, "kind": "certification", "skill_id": "cert-{m}", "name": "Cert", "date": "{d}"}}"#, "\n",
                    r#"{{"mcid": {m}, "kind": "exam", "skill_id": "EX-1", "name": "Exam", "date": "{d}", "passed": true}}"#, "\n",
                    r#"{{"mcid": {m}, "kind": "exam", "skill_id": "EX-2", "name": "Exam", "date": "{d}", "passed": false}}"#, "\n",
                    r#"{{"mcid": {m}, "kind": "module", "skill_id": "mod-1", "name": "Module", "date": "{d}", "status": "completed"}}"#, "\n",
                ),
                m = mcid,
                d = earned
            ));
        }
        let rows = parse(records.as_bytes(), InputFormat::JsonLines, |_| {}).expect("records");
        harness
            .service
            .import_records(Importer::Operator, &rows, &mut |_, _| {})
            .expect("import");
        // Setup took a few microseconds of event time; start the model a minute on.
        harness.clock.advance(TimeDelta::minutes(1));
        let model = Model {
            limit: settings.association_limit,
            cool_off_days: settings.cool_off_days,
            accounts,
            links: vec![None; PROFILES.len()],
            starts: vec![Vec::new(); PROFILES.len()],
            clock: start() + TimeDelta::minutes(1),
            last_event: start(),
            credential_failures: BTreeMap::new(),
            source_failures: BTreeMap::new(),
            known_sources: BTreeMap::new(),
            spray_failures: BTreeMap::new(),
        };
        (harness, model)
    }

    /// Creates the person's account (operator) and signs them in: two audited commands.
    fn create(&self, person: &Person) -> Session {
        let roles = if person.global_admin {
            Roles::GLOBAL_ADMIN
        } else {
            Roles::USER
        };
        self.service
            .create_account(NewAccount {
                kind: AccountKind::Member {
                    org: org_id(person.org),
                },
                email: &person.email,
                name: "Someone",
                roles,
                password: ACCOUNT_PASSWORD,
                status: AccountStatus::Active,
            })
            .expect("create account");
        self.service
            .sign_in(&person.email, ACCOUNT_PASSWORD, &SignInSource::Local)
            .expect("sign in")
    }

    /// Runs one command on the service and the model; they must answer alike.
    fn apply(&mut self, m: &mut Model, op: &Op) -> Result<Answer, TestCaseError> {
        let s = &self.service;
        let (actual, expected) = match *op {
            Op::Link {
                account,
                profile,
                password,
            } => {
                let (email, pw) = match password {
                    Password::Right => (profile_email(profile), profile_password(profile)),
                    Password::Wrong => (profile_email(profile), WRONG_PASSWORD.to_string()),
                    Password::UnknownEmail => {
                        (UNKNOWN_PROFILE_EMAIL.to_string(), profile_password(profile))
                    }
                };
                let actual = answer_of(s.link(&self.sessions[account], &email, &pw), link_answer);
                (actual, m.link(account, profile, password))
            }
            Op::Unlink { account } => (
                answer_of(s.unlink(&self.sessions[account]), |_| Answer::Done),
                m.unlink(account),
            ),
            Op::Delete { admin, target } => {
                let email = m.accounts[target].email.clone();
                (
                    answer_of(s.delete_account(&self.sessions[admin], &email), |_| {
                        Answer::Done
                    }),
                    m.delete(admin, &email),
                )
            }
            Op::RemoveFromReport { admin, profile } => {
                let mcid = PROFILES[profile].to_string();
                let actual = answer_of(s.remove_from_report(&self.sessions[admin], &mcid), |_| {
                    Answer::Done
                });
                (actual, m.remove_from_report(admin, profile))
            }
            Op::Rehire { departed } => {
                let d = &m.accounts[departed];
                prop_assert!(d.deleted, "only a departed person is rehired");
                let person = Person {
                    global_admin: false,
                    deleted: false,
                    linked: None,
                    last: None,
                    ..d.clone()
                };
                self.sessions.push(self.create(&person));
                m.tick();
                m.tick();
                m.accounts.push(person);
                (Answer::Done, Answer::Done)
            }
            Op::Wait(by) => {
                self.clock.advance(by);
                m.clock += by;
                (Answer::Done, Answer::Done)
            }
            Op::SetClock(at) => {
                if at > m.clock {
                    self.clock.set(at);
                    m.clock = at;
                }
                (Answer::Done, Answer::Done)
            }
            Op::SetLimit(n) => {
                let actual = answer_of(s.set_setting("association_limit", &n.to_string()), |_| {
                    Answer::Done
                });
                m.tick();
                m.limit = n;
                (actual, Answer::Done)
            }
            Op::SetCoolOff(c) => {
                let actual = answer_of(s.set_setting("cool_off_days", &c.to_string()), |_| {
                    Answer::Done
                });
                m.tick();
                m.cool_off_days = c;
                (actual, Answer::Done)
            }
        };
        prop_assert_eq!(&actual, &expected, "{:?}", op);
        Ok(actual)
    }

    /// Everything the store shows must be what the model says.
    fn check(&self, m: &Model) -> Result<(), TestCaseError> {
        let s = &self.service;
        let problems = s.check_invariants().expect("check invariants");
        prop_assert!(problems.is_empty(), "store invariants: {:?}", problems);
        // Time: the service's now is the clock, never before the last event.
        let now = m.view_now();
        prop_assert_eq!(s.now().expect("now"), now, "the service's clock");

        // R5: the one organization each MCID is linked to.
        for (p, mcid) in PROFILES.iter().enumerate() {
            let actual = s.linked_org(&mcid.to_string()).expect("linked org");
            prop_assert_eq!(
                actual,
                m.links[p].map(|l| org_id(l.org)),
                "organization of MCID {}",
                mcid
            );
        }

        // R6/R12: each organization's links and their holders, departed or not.
        for org in 0..ORGS.len() {
            let Some(admin) = m.live_global_admin(org) else {
                return Err(TestCaseError::fail(format!(
                    "R17: organization {org} has no Global Admin left"
                )));
            };
            let rows = s
                .org_links(&self.sessions[admin], None, 1000)
                .expect("org links");
            let mut actual: Vec<_> = rows
                .into_iter()
                .map(|r| {
                    (
                        r.mcid.get(),
                        r.since,
                        r.holder_email,
                        r.holder_status.name(),
                    )
                })
                .collect();
            actual.sort();
            let mut expected: Vec<_> = (0..PROFILES.len())
                .filter_map(|p| m.links[p].filter(|l| l.org == org).map(|l| (p, l)))
                .map(|(p, l)| {
                    let holder = &m.accounts[l.account];
                    let status = if holder.deleted {
                        AccountStatus::Deleted
                    } else {
                        AccountStatus::Active
                    };
                    (PROFILES[p], l.since, holder.email.clone(), status.name())
                })
                .collect();
            expected.sort();
            prop_assert_eq!(actual, expected, "links of organization {}", org);
        }

        // R4/R9: every live account's profile page.
        for (a, person) in m.accounts.iter().enumerate().filter(|(_, x)| !x.deleted) {
            let view = s.profile(&self.sessions[a]).expect("profile");
            prop_assert_eq!(view.status, AccountStatus::Active);
            let link = person.linked.and_then(|p| m.links[p]);
            prop_assert_eq!(
                view.linked_mpn_id,
                link.map(|l| org_id(l.org)),
                "linked organization of {}",
                person.email
            );
            prop_assert_eq!(view.linked_since, link.map(|l| l.since));
            let shown = person.linked.or(person.last);
            prop_assert_eq!(
                view.mcid.map(|x| x.get()),
                shown.map(|p| PROFILES[p]),
                "MCID shown to {}",
                person.email
            );
            // R9: the allowance of that MCID (nothing used when there is none).
            let allowance = view.allowance;
            let counted = shown.map(|p| m.counted(p, now)).unwrap_or_default();
            let context = format!(
                "R9 allowance of MCID {:?} shown to {}",
                view.mcid, person.email
            );
            prop_assert_eq!(allowance.used as usize, counted.len(), "{} (used)", context);
            let next = shown.and_then(|p| m.next_allowed(p, now));
            prop_assert_eq!(allowance.next_allowed, next, "{} (next allowed)", context);
            prop_assert_eq!(
                allowance.window_since,
                counted.first().copied(),
                "{}",
                context
            );
            let last_start = shown.and_then(|p| m.starts[p].last().copied());
            prop_assert_eq!(allowance.last_start, last_start, "{}", context);
            prop_assert_eq!(
                (allowance.limit, allowance.cool_off_days),
                (m.limit, m.cool_off_days)
            );
        }

        // Invariant 2 on the store: its association starts are the model's (each
        // allowed when made, as `Model::start_association` asserts). Read through
        // the history of a live account that associated the profile.
        for (p, mcid) in PROFILES.iter().enumerate() {
            let Some(a) = (0..m.accounts.len())
                .find(|&a| !m.accounts[a].deleted && m.accounts[a].last == Some(p))
            else {
                continue;
            };
            let history = s
                .link_history(&self.sessions[a], 10_000)
                .expect("link history");
            let mut starts: Vec<_> = history
                .iter()
                .filter(|r| r.mcid.get() == *mcid && r.counts_as_association)
                .map(|r| r.from)
                .collect();
            starts.sort();
            prop_assert_eq!(&starts, &m.starts[p], "association starts of MCID {}", mcid);
        }
        Ok(())
    }

    /// Applies a command, then checks everything.
    fn step(&mut self, m: &mut Model, op: &Op) -> Result<Answer, TestCaseError> {
        let answer = self.apply(m, op)?;
        self.check(m)?;
        Ok(answer)
    }
}

// ---------------------------------------------------------------------------
// Random command sequences
// ---------------------------------------------------------------------------

/// A step as generated; targets are resolved against the model when it runs.
#[derive(Debug, Clone)]
enum Step {
    Link {
        account: Index,
        profile: Index,
        password: Password,
    },
    /// R9 edges: set the clock to the profile's next allowed date (or a
    /// microsecond before it), then link it with the right password.
    LinkAtBoundary {
        account: Index,
        profile: Index,
        early: bool,
    },
    /// R1: wrong passwords in a row; a patient attacker waits out each throttle.
    Hammer {
        account: Index,
        profile: Index,
        times: u8,
        patient: bool,
    },
    Unlink {
        account: Index,
    },
    /// R12: `aimed` picks a Global Admin of the target's organization as the
    /// admin (else anyone, mostly refused).
    Delete {
        admin: Index,
        target: Index,
        aimed: bool,
    },
    /// R12: `aimed` picks a departed person's row and a Global Admin of its
    /// organization, when there is one.
    RemoveFromReport {
        admin: Index,
        profile: Index,
        aimed: bool,
    },
    Rehire {
        departed: Index,
    },
    Wait {
        minutes: i64,
    },
    SetLimit(u32),
    SetCoolOff(u32),
}

fn password() -> impl Strategy<Value = Password> {
    prop_oneof![17 => Just(Password::Right), 2 => Just(Password::Wrong), 1 => Just(Password::UnknownEmail)]
}

/// Minutes to about 400 days, so windows and years are crossed.
fn wait_minutes() -> impl Strategy<Value = i64> {
    const DAY: i64 = 24 * 60;
    prop_oneof![1i64..=120, DAY..=60 * DAY, 60 * DAY..=400 * DAY]
}

/// How often each kind of step is drawn (proptest weights).
struct Mix {
    link: u32,
    boundary: u32,
    hammer: u32,
    unlink: u32,
    delete: u32,
    remove: u32,
    rehire: u32,
    wait: u32,
    settings: u32,
}

/// Mostly people linking, moving and unlinking as time passes.
const EVERYDAY: Mix = Mix {
    link: 30,
    boundary: 6,
    hammer: 2,
    unlink: 8,
    delete: 3,
    remove: 3,
    rehire: 2,
    wait: 12,
    settings: 4,
};

/// Departures, removals, rehires and R9 setting changes between the links.
const TURNOVER: Mix = Mix {
    link: 24,
    boundary: 8,
    hammer: 1,
    unlink: 4,
    delete: 8,
    remove: 8,
    rehire: 6,
    wait: 10,
    settings: 10,
};

fn step(mix: &Mix) -> impl Strategy<Value = Step> {
    let half = mix.settings.div_ceil(2);
    prop_oneof![
        mix.link => (any::<Index>(), any::<Index>(), password())
            .prop_map(|(account, profile, password)| Step::Link { account, profile, password }),
        mix.boundary => (any::<Index>(), any::<Index>(), any::<bool>())
            .prop_map(|(account, profile, early)| Step::LinkAtBoundary { account, profile, early }),
        mix.hammer => (any::<Index>(), any::<Index>(), 1u8..=12, any::<bool>())
            .prop_map(|(account, profile, times, patient)| Step::Hammer { account, profile, times, patient }),
        mix.unlink => any::<Index>().prop_map(|account| Step::Unlink { account }),
        mix.delete => (any::<Index>(), any::<Index>(), any::<bool>())
            .prop_map(|(admin, target, aimed)| Step::Delete { admin, target, aimed }),
        mix.remove => (any::<Index>(), any::<Index>(), any::<bool>())
            .prop_map(|(admin, profile, aimed)| Step::RemoveFromReport { admin, profile, aimed }),
        mix.rehire => any::<Index>().prop_map(|departed| Step::Rehire { departed }),
        mix.wait => wait_minutes().prop_map(|minutes| Step::Wait { minutes }),
        half => (1u32..=4).prop_map(Step::SetLimit),
        half => (0u32..=60).prop_map(Step::SetCoolOff),
    ]
}

/// The commands a step stands for, given the model's state.
fn resolve(step: &Step, m: &Model) -> Vec<Op> {
    let accounts = m.accounts.len();
    match step {
        Step::Link {
            account,
            profile,
            password,
        } => {
            vec![Op::Link {
                account: account.index(accounts),
                profile: profile.index(PROFILES.len()),
                password: *password,
            }]
        }
        Step::LinkAtBoundary {
            account,
            profile,
            early,
        } => {
            let p = profile.index(PROFILES.len());
            let mut ops = Vec::new();
            if let Some(at) = m.next_allowed(p, m.view_now()) {
                ops.push(Op::SetClock(if *early { at - micro() } else { at }));
            }
            ops.push(Op::Link {
                account: account.index(accounts),
                profile: p,
                password: Password::Right,
            });
            ops
        }
        Step::Hammer {
            account,
            profile,
            times,
            patient,
        } => {
            let attempt = Op::Link {
                account: account.index(accounts),
                profile: profile.index(PROFILES.len()),
                password: Password::Wrong,
            };
            let wait = (*patient).then_some(Op::Wait(MAX_WAIT + TimeDelta::seconds(1)));
            (0..*times)
                .flat_map(|_| wait.clone().into_iter().chain([attempt.clone()]))
                .collect()
        }
        Step::Unlink { account } => vec![Op::Unlink {
            account: account.index(accounts),
        }],
        Step::Delete {
            admin,
            target,
            aimed,
        } => {
            let target = target.index(accounts);
            let org_admin = m
                .live_global_admin(m.accounts[target].org)
                .filter(|_| *aimed);
            let admin = org_admin.unwrap_or_else(|| admin.index(accounts));
            vec![Op::Delete { admin, target }]
        }
        Step::RemoveFromReport {
            admin,
            profile,
            aimed,
        } => {
            let departed: Vec<(usize, Link)> = (0..PROFILES.len())
                .filter_map(|p| {
                    m.links[p]
                        .filter(|l| m.accounts[l.account].deleted)
                        .map(|l| (p, l))
                })
                .collect();
            match departed
                .get(profile.index(departed.len().max(1)))
                .filter(|_| *aimed)
            {
                Some(&(p, l)) => {
                    let admin = m
                        .live_global_admin(l.org)
                        .expect("R17: a Global Admin is left");
                    vec![Op::RemoveFromReport { admin, profile: p }]
                }
                None => vec![Op::RemoveFromReport {
                    admin: admin.index(accounts),
                    profile: profile.index(PROFILES.len()),
                }],
            }
        }
        Step::Rehire { departed } => {
            let candidates = m.rehirable();
            if candidates.is_empty() {
                return Vec::new();
            }
            vec![Op::Rehire {
                departed: candidates[departed.index(candidates.len())],
            }]
        }
        Step::Wait { minutes } => vec![Op::Wait(TimeDelta::minutes(*minutes))],
        Step::SetLimit(n) => vec![Op::SetLimit(*n)],
        Step::SetCoolOff(c) => vec![Op::SetCoolOff(*c)],
    }
}

/// 24 cases per mix unless `PROPTEST_CASES` says otherwise; the two mixes run
/// in parallel, which keeps a debug build well under half a minute.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Runs the steps on a fresh world, checking everything after every command.
fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let (mut h, mut m) = Harness::new();
    h.check(&m)?;
    for step in steps {
        for op in resolve(step, &m) {
            h.step(&mut m, &op)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn everyday_linking_agrees_with_the_reference_model(steps in prop::collection::vec(step(&EVERYDAY), 40..=80)) {
        run(&steps)?;
    }

    #[test]
    fn departures_and_setting_changes_agree_with_the_reference_model(
        steps in prop::collection::vec(step(&TURNOVER), 40..=80)
    ) {
        run(&steps)?;
    }
}

// ---------------------------------------------------------------------------
// FAQ scenarios
// ---------------------------------------------------------------------------

/// Index of the model account called `name` in organization `org` (the first
/// such, i.e. the original, not a rehire).
fn who(m: &Model, name: &str, org: usize) -> usize {
    let email = account_email(name, org);
    m.accounts
        .iter()
        .position(|x| x.email == email)
        .expect("known person")
}

/// Account `a` links profile `p` with its right password (checked against the model).
fn link(h: &mut Harness, m: &mut Model, a: usize, p: usize) -> Result<Answer, TestCaseError> {
    h.step(
        m,
        &Op::Link {
            account: a,
            profile: p,
            password: Password::Right,
        },
    )
}

fn audit_trail(h: &Harness, p: usize) -> Vec<AuditView> {
    let mcid = PROFILES[p].to_string().parse().expect("mcid");
    h.service
        .operator_history(&HistoryTarget::Mcid(mcid), 10_000)
        .expect("history")
}

/// R5/R6: "I moved to another partner": linking with the new organization ends the
/// old link in the same step, with one audit record.
#[test]
fn faq_moving_to_another_organization_ends_the_old_link_atomically() -> Result<(), TestCaseError> {
    let (mut h, mut m) = Harness::new();
    let (ana0, ana1, admin0) = (who(&m, "ana", 0), who(&m, "ana", 1), who(&m, "admin", 0));
    assert_eq!(link(&mut h, &mut m, ana0, 0)?, Answer::Linked);
    h.step(&mut m, &Op::Wait(TimeDelta::days(31)))?;

    let records_before = audit_trail(&h, 0).len();
    assert_eq!(link(&mut h, &mut m, ana1, 0)?, Answer::Moved);
    assert_eq!(
        h.service.linked_org(&PROFILES[0].to_string()).unwrap(),
        Some(org_id(1))
    );
    assert!(
        h.service
            .org_links(&h.sessions[admin0], None, 100)
            .unwrap()
            .is_empty()
    );

    // One audit record names both sides of the move (invariant 3; R6: no reader
    // ever sees both links, or neither).
    let trail = audit_trail(&h, 0);
    assert_eq!(trail.len(), records_before + 1);
    let record = &trail[0];
    assert_eq!(
        (record.action.as_str(), record.outcome.as_str()),
        ("link", "done")
    );
    assert_eq!(record.org, Some(ORGS[1].to_string()));
    assert_eq!(record.other_org, Some(ORGS[0].to_string()));

    // The old account lost the link but still shows the allowance (R9): two starts.
    let old = h.service.profile(&h.sessions[ana0]).unwrap();
    assert_eq!((old.linked_mpn_id, old.allowance.used), (None, 2));
    assert_eq!(
        h.step(&mut m, &Op::Unlink { account: ana0 })?,
        refused("not_linked")
    );
    Ok(())
}

/// R9: "the limit is reached": the refusal says the model's next allowed date, the
/// profile shows the same date, nothing changes, and on that date the link works.
#[test]
fn faq_limit_reached_says_when_the_next_association_is_allowed() -> Result<(), TestCaseError> {
    let (mut h, mut m) = Harness::new();
    let people = [who(&m, "ana", 0), who(&m, "ana", 1), who(&m, "ana", 2)];
    let day = |n: i64| start() + TimeDelta::days(n);

    h.step(&mut m, &Op::SetClock(day(1)))?;
    assert_eq!(link(&mut h, &mut m, people[0], 2)?, Answer::Linked);
    h.step(&mut m, &Op::SetClock(day(32)))?;
    assert_eq!(link(&mut h, &mut m, people[1], 2)?, Answer::Moved);

    // Ten days later, two of three used: the 30-day cool-off holds it back.
    h.step(&mut m, &Op::SetClock(day(42)))?;
    let cool_off = Answer::Refused {
        code: "cool_off",
        date: Some(day(62)),
        limit: None,
    };
    assert_eq!(link(&mut h, &mut m, people[2], 2)?, cool_off);
    h.step(&mut m, &Op::SetClock(day(63)))?;
    assert_eq!(link(&mut h, &mut m, people[2], 2)?, Answer::Moved);

    // Three of three are used: the first start must leave the window, 365 days
    // after it happened. Inside the cool-off too, the limit is named, with the
    // later of the two dates; after the cool-off, the same answer.
    let next = day(1) + YEAR;
    let limit = Answer::Refused {
        code: "limit_reached",
        date: Some(next),
        limit: Some((3, 3, day(1))),
    };
    h.step(&mut m, &Op::SetClock(day(73)))?;
    assert_eq!(link(&mut h, &mut m, people[0], 2)?, limit);
    h.step(&mut m, &Op::SetClock(day(103)))?;
    assert_eq!(m.next_allowed(2, m.view_now()), Some(next));
    assert_eq!(link(&mut h, &mut m, people[0], 2)?, limit);
    assert_eq!(
        h.service.linked_org(&PROFILES[2].to_string()).unwrap(),
        Some(org_id(2))
    );
    let shown = h.service.profile(&h.sessions[people[2]]).unwrap().allowance;
    assert_eq!((shown.used, shown.next_allowed), (3, Some(next)));

    // A microsecond early is still refused; exactly on the date it works.
    h.step(&mut m, &Op::SetClock(next - micro()))?;
    let early = link(&mut h, &mut m, people[0], 2)?;
    assert!(
        matches!(
            early,
            Answer::Refused {
                code: "limit_reached",
                ..
            }
        ),
        "{early:?}"
    );
    h.step(&mut m, &Op::SetClock(next))?;
    assert_eq!(link(&mut h, &mut m, people[0], 2)?, Answer::Moved);

    // The operator lengthens the cool-off to 60 days (R9 settings apply to the
    // history as it is). Four days later the limit is reached again (days 32, 63
    // and 366 are in the window) and frees up on day 32 + 365 = 397, but the
    // cool-off runs to day 366 + 60 = 426: the limit is named, with the later date.
    h.step(&mut m, &Op::SetCoolOff(60))?;
    h.step(&mut m, &Op::SetClock(day(370)))?;
    let both = Answer::Refused {
        code: "limit_reached",
        date: Some(day(426)),
        limit: Some((3, 3, day(32))),
    };
    assert_eq!(link(&mut h, &mut m, people[1], 2)?, both);
    Ok(())
}

/// R6/R12: "I left and was rehired": the departed account keeps the link; the new
/// account of the same organization takes it over with no new association (so
/// even inside the cool-off), and the allowance is unchanged.
#[test]
fn faq_rehired_person_takes_over_the_link_without_a_new_association() -> Result<(), TestCaseError> {
    let (mut h, mut m) = Harness::new();
    let (admin, ben, ana1) = (who(&m, "admin", 0), who(&m, "ben", 0), who(&m, "ana", 1));
    assert_eq!(link(&mut h, &mut m, ben, 1)?, Answer::Linked);
    let before = h.service.profile(&h.sessions[ben]).unwrap().allowance;
    assert_eq!(before.used, 1);

    // R12: deleting the account keeps the link; the departed session is refused.
    h.step(&mut m, &Op::Wait(TimeDelta::days(3)))?;
    assert_eq!(
        h.step(&mut m, &Op::Delete { admin, target: ben })?,
        Answer::Done
    );
    assert_eq!(
        h.service.linked_org(&PROFILES[1].to_string()).unwrap(),
        Some(org_id(0))
    );
    assert_eq!(
        h.step(&mut m, &Op::Unlink { account: ben })?,
        refused("account_deleted")
    );

    h.step(&mut m, &Op::Rehire { departed: ben })?;
    let rehired = m.accounts.len() - 1;
    assert_eq!(link(&mut h, &mut m, rehired, 1)?, Answer::TookOver);
    let after = h.service.profile(&h.sessions[rehired]).unwrap();
    assert_eq!(after.linked_mpn_id, Some(org_id(0)));
    assert_eq!(
        (after.allowance.used, after.allowance.last_start),
        (before.used, before.last_start)
    );

    // The take-over started nothing: a move elsewhere still waits out the cool-off
    // of the one real start; and the row is no longer a departed person's.
    let cool_off_end = before.last_start.map(|s| s + TimeDelta::days(30));
    let refusal = Answer::Refused {
        code: "cool_off",
        date: cool_off_end,
        limit: None,
    };
    assert_eq!(link(&mut h, &mut m, ana1, 1)?, refusal);
    let removal = h.step(&mut m, &Op::RemoveFromReport { admin, profile: 1 })?;
    assert_eq!(removal, refused("account_still_active"));
    Ok(())
}
