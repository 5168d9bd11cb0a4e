//! Process crashes (issue 8, part 1): a worker process runs acknowledged
//! commands through the real service — sign-ins, links and moves (R4–R6),
//! unlinks (R7), MCID merges (R15), learning-record imports and profile
//! registrations — on a file database, and this test kills it with SIGKILL at
//! random moments, hundreds of times, on the same file (its state accumulates).
//!
//! After every kill the database must:
//! 1. open (redb repairs an unclean shutdown) and pass redb's integrity check;
//! 2. satisfy every invariant of domain.md (`store::invariants::check`; every
//!    25th kill and at the end also through the binary, `certlink admin check`);
//! 3. hold every acknowledged change, exactly: the worker is the only writer
//!    and runs one command at a time, printing `start` before and `ack` after
//!    each one returns. Every command writes exactly one audit record (R16), or
//!    none when it was malformed. So the records written since the worker
//!    started must be those of the acknowledged commands, in order, with the
//!    acknowledged outcome (done, or refused with its code), plus at most one
//!    more: the command running when the kill came, which may or may not have
//!    committed. Each MCID's organization (R5) must be the one the worker read
//!    back after its last acknowledged command touching it, unless the audit
//!    trail shows that the unacknowledged command, which touches it, committed;
//!    the counts of profiles and imported skills must be the acknowledged ones
//!    (plus the unacknowledged command's, exactly when its record is present).
//!
//! The worker is this test binary run again (`crash_worker` below returns at
//! once unless `CERTLINK_CRASH_WORKER` names a database). `cargo test` does
//! 200 kills; `CERTLINK_CRASH_KILLS=N` does N (the long mode), and
//! `CERTLINK_CRASH_SEED=S` replays a run. docs/reliability/crash-and-backup.md
//! has the figures.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use redb::{ReadableTable, ReadableTableMetadata};

use certlink_core::import::{InputFormat, parse};
use certlink_core::service::{
    Environment, Importer, ManualClock, NewAccount, Service, ServiceError, Session, SignInSource,
};
use certlink_core::store::records::{AccountKind, Outcome};
use certlink_core::store::{DbKind, Queries, Store, invariants, tables};
use certlink_domain::{AccountStatus, MpnId, Roles, Settings};

// ---------------------------------------------------------------------------
// The world both processes know
// ---------------------------------------------------------------------------

const ORGS: [u64; 3] = [1_111_111, 2_222_222, 3_333_333];
/// Members per organization; the first of each is a Global Admin.
const MEMBERS: usize = 3;
const SUPPORT_EMAIL: &str = "sam@support.example.com";
const ACCOUNT_PASSWORD: &str = "work-account-pass";
const FIRST_MCID: u64 = 10_000_001;
const INITIAL_PROFILES: u64 = 6;
/// Members each worker signs in (plus the support engineer): its start-up commands.
const SIGNED_IN_MEMBERS: usize = 3;
const START_UP_COMMANDS: usize = SIGNED_IN_MEMBERS + 1;
/// The worker registers a new profile when fewer than this many are unmerged.
const LIVE_PROFILES: usize = 6;

fn member_email(org: usize, i: usize) -> String {
    format!("m{i}@org{org}.example.com")
}
fn profile_email(mcid: u64) -> String {
    format!("p{mcid}@learn.example.com")
}
fn profile_password(mcid: u64) -> String {
    format!("learn-pass-{mcid}")
}
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

/// SplitMix64: small, seedable, and the same in both processes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------------------
// The worker (a child process)
// ---------------------------------------------------------------------------

/// One protocol line on standard error, written with one `write` call so a
/// kill never leaves half of it (a line without its newline is not counted).
fn say(line: &str) -> bool {
    let mut err = std::io::stderr().lock();
    err.write_all(format!("CRASH {line}\n").as_bytes()).is_ok()
}

/// What a command ended with, as the audit trail records it.
fn outcome_of<T>(result: &Result<T, ServiceError>) -> String {
    match result {
        Ok(_) => "done".into(),
        Err(ServiceError::Refused(r)) => format!("refused:{}", r.code()),
        // Malformed input writes nothing (no audit record).
        Err(ServiceError::Invalid(_)) => "invalid".into(),
        Err(e @ ServiceError::Store(_)) => panic!("the store failed: {e}"),
    }
}

fn mcid_list(mcids: &[u64]) -> String {
    if mcids.is_empty() {
        "-".into()
    } else {
        mcids
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Runs commands until killed. Started by `acknowledged_changes_survive_sigkill`.
#[test]
fn crash_worker() {
    let Ok(db) = std::env::var("CERTLINK_CRASH_WORKER") else {
        return;
    };
    let seed: u64 = std::env::var("CERTLINK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut rng = Rng(seed);

    // What the database holds, read before the service takes the file.
    let store = Store::open(Path::new(&db)).expect("open");
    let (mut live, mut next_mcid, last_event) = {
        let r = store.read().expect("read");
        let mut live = Vec::new();
        let mut max = FIRST_MCID - 1;
        for row in r.open_table(tables::PROFILES).unwrap().iter().unwrap() {
            let mcid = row.unwrap().0.value();
            max = max.max(mcid);
            let profile = r.profile(mcid.to_string().parse().unwrap()).unwrap();
            if profile.is_some_and(|p| p.merged_into.is_none()) {
                live.push(mcid);
            }
        }
        (live, max + 1, r.last_event_at().unwrap().unwrap_or(start()))
    };
    let clock = ManualClock::new(last_event + TimeDelta::minutes(1));
    let service = Service::with_store(store, Environment::default())
        .expect("service")
        .with_clock(Arc::new(clock.clone()));

    let mut n = 0u64;
    let sign_in = |n: &mut u64, email: &str| -> Session {
        *n += 1;
        say(&format!("start {n} sign-in -"));
        let result = service.sign_in(email, ACCOUNT_PASSWORD, &SignInSource::Local);
        say(&format!("ack {n} {} -", outcome_of(&result)));
        result.expect("sign in")
    };
    // Each durable commit costs an fsync: a few members per run keep start-up
    // short (each run picks others, so over many runs all of them act).
    let mut members = Vec::new();
    for _ in 0..SIGNED_IN_MEMBERS {
        let org = rng.below(ORGS.len() as u64) as usize;
        let i = rng.below(MEMBERS as u64) as usize;
        members.push(sign_in(&mut n, &member_email(org, i)));
    }
    let support = sign_in(&mut n, SUPPORT_EMAIL);

    let state = |mcids: &[u64]| -> String {
        if mcids.is_empty() {
            return "-".into();
        }
        mcids
            .iter()
            .map(|m| {
                let org = service.linked_org(&m.to_string()).expect("read back");
                format!("{m}={}", org.map_or("none".into(), |o| o.to_string()))
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut imported = 0u64;
    loop {
        n += 1;
        clock.advance(TimeDelta::minutes(rng.below(3 * 24 * 60) as i64 + 1));
        let roll = rng.below(100);
        let ok = if live.len() < LIVE_PROFILES && roll < 30 || roll < 5 {
            // The operator registers a profile (replaces merged ones).
            let mcid = next_mcid;
            say(&format!("start {n} profile-add -"));
            let result = service.add_profile(
                &mcid.to_string(),
                &profile_email(mcid),
                "Someone",
                &profile_password(mcid),
            );
            if result.is_ok() {
                live.push(mcid);
                next_mcid += 1;
            }
            say(&format!("ack {n} {} -", outcome_of(&result)))
        } else if roll < 50 {
            // R4–R6: a member links a profile (new, moved, or taken over).
            let who = rng.pick(&members).clone();
            let mcid = *rng.pick(&live);
            say(&format!("start {n} link {mcid}"));
            let result = service.link(&who, &profile_email(mcid), &profile_password(mcid));
            say(&format!(
                "ack {n} {} {}",
                outcome_of(&result),
                state(&[mcid])
            ))
        } else if roll < 70 {
            // R7: a member removes their own link.
            let who = rng.pick(&members).clone();
            let profile = service.profile(&who).expect("profile");
            let held: Vec<u64> = match (profile.linked_mpn_id, profile.mcid) {
                (Some(_), Some(m)) => vec![m.get()],
                _ => vec![],
            };
            say(&format!("start {n} unlink {}", mcid_list(&held)));
            let result = service.unlink(&who);
            say(&format!("ack {n} {} {}", outcome_of(&result), state(&held)))
        } else if roll < 80 && live.len() >= 2 {
            // R15: support merges a duplicate profile into a primary one.
            let from = *rng.pick(&live);
            let into = *rng.pick(&live);
            say(&format!("start {n} mcid-merge {from},{into}"));
            let result = service.merge_profiles(&support, &from.to_string(), &into.to_string());
            if result.is_ok() {
                live.retain(|m| *m != from);
            }
            say(&format!(
                "ack {n} {} {}",
                outcome_of(&result),
                state(&[from, into])
            ))
        } else {
            // Learning records, each row new (R3, R10, R18).
            let rows = rng.below(4) + 1;
            let day = (clock_now(&clock) - TimeDelta::days(1)).format("%Y-%m-%d");
            let mut text = String::new();
            for r in 0..rows {
                let mcid = *rng.pick(&live);
                text.push_str(&format!(
                    "{{\"mcid\": {mcid}, \"kind\": \"exam\", \"skill_id\": \"CRASH-{seed}-{imported}-{r}\", \"name\": \"Crash exam\", \"date\": \"{day}\", \"passed\": true}}\n"
                ));
            }
            imported += 1;
            let parsed = parse(text.as_bytes(), InputFormat::JsonLines, |_| {}).expect("rows");
            say(&format!("start {n} import {rows}"));
            let importer = if rng.below(2) == 0 {
                Importer::Operator
            } else {
                Importer::Support(&support)
            };
            let result = service.import_records(importer, &parsed, &mut |_, _| {});
            let added = result.as_ref().map_or(0, |s| s.added);
            say(&format!("ack {n} {} added={added}", outcome_of(&result)))
        };
        // The parent is gone: nothing more to acknowledge.
        if !ok || n > 1_000_000 {
            return;
        }
    }
}

fn clock_now(clock: &ManualClock) -> DateTime<Utc> {
    use certlink_core::service::Clock;
    clock.now()
}

// ---------------------------------------------------------------------------
// The harness (this process)
// ---------------------------------------------------------------------------

/// A command the worker started, and what it acknowledged.
#[derive(Debug, Clone)]
struct Started {
    action: String,
    /// MCIDs whose organization it may change; for an import, its row count.
    arg: String,
    ack: Option<Ack>,
}

#[derive(Debug, Clone)]
struct Ack {
    outcome: String,
    /// `mcid=org|none,...` read back after it returned, or `added=N`.
    state: String,
}

/// What every acknowledged change adds up to.
#[derive(Default)]
struct Expected {
    /// MCID → organization it is linked to (R5).
    org_of: BTreeMap<u64, Option<u64>>,
    profiles: u64,
    skills: u64,
    /// The newest audit record verified so far.
    last_seq: u64,
}

/// Reads protocol lines from the worker until it dies; a line cut short by the
/// kill (no newline) is dropped.
fn read_lines(stderr: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stderr);
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) if line.ends_with('\n') => {
                    if let Some(at) = line.find("CRASH ") {
                        let _ = tx.send(line[at + 6..].trim_end().to_string());
                    }
                }
                Ok(_) => break,
            }
        }
    });
    rx
}

/// Parses the worker's lines into the commands it started, in order.
fn commands(lines: &[String]) -> Vec<Started> {
    let mut out: Vec<Started> = Vec::new();
    for line in lines {
        let parts: Vec<&str> = line.splitn(4, ' ').collect();
        match parts.as_slice() {
            ["start", n, action, arg] => {
                assert_eq!(n.parse::<usize>().unwrap(), out.len() + 1, "{line}");
                out.push(Started {
                    action: action.to_string(),
                    arg: arg.to_string(),
                    ack: None,
                });
            }
            ["ack", n, outcome, state] => {
                let n: usize = n.parse().unwrap();
                assert_eq!(n, out.len(), "an ack follows its start: {line}");
                out[n - 1].ack = Some(Ack {
                    outcome: outcome.to_string(),
                    state: state.to_string(),
                });
            }
            _ => panic!("unexpected worker line: {line}"),
        }
    }
    out
}

fn mcids_of(arg: &str) -> Vec<u64> {
    if arg == "-" {
        return vec![];
    }
    arg.split(',').map(|m| m.parse().unwrap()).collect()
}

fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Done => "done".into(),
        Outcome::Refused { code, .. } => format!("refused:{code}"),
    }
}

/// Opens the database after a kill and checks it against what was acknowledged;
/// updates `expected` with what the audit trail shows committed. Returns the
/// number of acknowledged commands checked.
fn verify(db: &Path, run: &[Started], expected: &mut Expected, context: &str) -> usize {
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("{context}: does not open: {e}"));
    assert!(
        store.check_integrity().expect("integrity check"),
        "{context}: redb's integrity check failed"
    );
    let r = store.read().unwrap();
    let problems = invariants::check(&r).unwrap();
    assert!(problems.is_empty(), "{context}: {problems:?}");

    // The audit records written since the worker started, in order.
    let audit = r.open_table(tables::AUDIT).unwrap();
    let mut records = Vec::new();
    for row in audit.range(expected.last_seq + 1..).unwrap() {
        let seq = row.unwrap().0.value();
        records.push(r.audit_record(seq).unwrap().unwrap());
    }
    drop(audit);

    let acked: Vec<&Started> = run.iter().filter(|c| c.ack.is_some()).collect();
    let in_flight = run.iter().find(|c| c.ack.is_none());
    assert!(
        run.iter().skip(acked.len()).count() <= 1,
        "{context}: one command at a time"
    );
    let mut next = records.iter();
    for (i, c) in acked.iter().enumerate() {
        let ack = c.ack.as_ref().unwrap();
        if ack.outcome == "invalid" {
            continue; // nothing written, nothing to find
        }
        let record = next.next().unwrap_or_else(|| {
            panic!(
                "{context}: acknowledged command {} ({} {}) has no audit record",
                i + 1,
                c.action,
                ack.outcome
            )
        });
        assert_eq!(
            (record.action.as_str(), outcome_text(&record.outcome)),
            (c.action.as_str(), ack.outcome.clone()),
            "{context}: acknowledged command {} differs from audit record {}",
            i + 1,
            record.seq
        );
        // What it changed, as read back after it returned.
        if ack.state.starts_with("added=") {
            expected.skills += ack.state[6..].parse::<u64>().unwrap();
        } else {
            for pair in ack.state.split(',').filter(|p| *p != "-") {
                let (m, org) = pair.split_once('=').unwrap();
                expected
                    .org_of
                    .insert(m.parse().unwrap(), org.parse::<u64>().ok());
            }
        }
        if c.action == "profile-add" && ack.outcome == "done" {
            expected.profiles += 1;
        }
    }
    // At most one more record: the command the kill interrupted, committed.
    let extra = next.next();
    assert!(
        next.next().is_none(),
        "{context}: more audit records than commands"
    );
    let mut touched = Vec::new();
    if let Some(record) = extra {
        let c = in_flight.unwrap_or_else(|| {
            panic!(
                "{context}: audit record {} without a started command",
                record.seq
            )
        });
        assert_eq!(
            record.action, c.action,
            "{context}: the unacknowledged record is not the running command's"
        );
        match c.action.as_str() {
            "profile-add" if record.outcome == Outcome::Done => expected.profiles += 1,
            "import" if record.outcome == Outcome::Done => {
                expected.skills += c.arg.parse::<u64>().unwrap();
            }
            "link" | "unlink" | "mcid-merge" => touched = mcids_of(&c.arg),
            _ => {}
        }
    }

    // The state: every MCID's organization is the acknowledged one, except what
    // the committed unacknowledged command touched (taken from the file).
    for row in r.open_table(tables::PROFILES).unwrap().iter().unwrap() {
        let mcid = row.unwrap().0.value();
        let actual = r
            .active_link(mcid.to_string().parse().unwrap())
            .unwrap()
            .map(|l| l.org.get());
        if touched.contains(&mcid) {
            expected.org_of.insert(mcid, actual);
            continue;
        }
        let wanted = expected.org_of.get(&mcid).copied().flatten();
        assert_eq!(
            actual, wanted,
            "{context}: MCID {mcid} is not where the acknowledged commands left it"
        );
    }
    assert_eq!(
        r.open_table(tables::PROFILES).unwrap().len().unwrap(),
        expected.profiles,
        "{context}: profiles"
    );
    assert_eq!(
        r.open_table(tables::SKILLS).unwrap().len().unwrap(),
        expected.skills,
        "{context}: imported skills"
    );
    if let Some(last) = records.last() {
        expected.last_seq = last.seq;
    }
    acked.len()
}

/// The database every run starts from: organizations, members, a support
/// engineer and profiles, made through the service on a sandbox (cheap hashes).
fn create_world(db: &Path) -> Expected {
    let clock = ManualClock::new(start());
    let service = Service::create(
        db,
        DbKind::Sandbox,
        &Settings::sandbox(),
        Environment::default(),
    )
    .unwrap()
    .with_clock(Arc::new(clock));
    for (i, mpn) in ORGS.iter().enumerate() {
        // R13a: each organization owns the domain of its members' emails.
        service
            .add_org_with_domains(
                &mpn.to_string(),
                &format!("Org {i}"),
                &[format!("org{i}.example.com")],
            )
            .unwrap();
        for m in 0..MEMBERS {
            service
                .create_account(NewAccount {
                    kind: AccountKind::Member {
                        org: MpnId::new(*mpn).unwrap(),
                    },
                    email: &member_email(i, m),
                    name: "Member",
                    roles: if m == 0 {
                        Roles::GLOBAL_ADMIN
                    } else {
                        Roles::USER
                    },
                    password: ACCOUNT_PASSWORD,
                    status: AccountStatus::Active,
                })
                .unwrap();
        }
    }
    service.add_domain(None, "support.example.com").unwrap();
    service
        .add_support(SUPPORT_EMAIL, "Sam", ACCOUNT_PASSWORD)
        .unwrap();
    for mcid in FIRST_MCID..FIRST_MCID + INITIAL_PROFILES {
        service
            .add_profile(
                &mcid.to_string(),
                &profile_email(mcid),
                "Someone",
                &profile_password(mcid),
            )
            .unwrap();
    }
    let last_seq = service_last_seq(db, service);
    Expected {
        org_of: BTreeMap::new(),
        profiles: INITIAL_PROFILES,
        skills: 0,
        last_seq,
    }
}

fn service_last_seq(db: &Path, service: Service) -> u64 {
    drop(service);
    let store = Store::open(db).unwrap();
    let r = store.read().unwrap();
    let audit = r.open_table(tables::AUDIT).unwrap();
    audit.last().unwrap().map_or(0, |(k, _)| k.value())
}

/// `certlink admin check` on the file: the operator's own check agrees.
fn admin_check(db: &Path, context: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_certlink"))
        .args(["--db", db.to_str().unwrap(), "admin", "check"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("invariants: all hold"),
        "{context}: certlink admin check: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn acknowledged_changes_survive_sigkill() {
    let kills: usize = std::env::var("CERTLINK_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("CERTLINK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_C0DE);
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("crash.redb");
    let mut expected = create_world(&db);
    let mut rng = Rng(seed);
    let started = Instant::now();
    let (mut checked, mut in_flight_committed, mut before_ready) = (0usize, 0usize, 0usize);
    let mut in_flight_lost = 0usize;
    // Acknowledged commands by action and outcome ("link done", "link refused").
    let mut mix: BTreeMap<String, usize> = BTreeMap::new();

    for kill in 1..=kills {
        let context = format!("kill {kill} of {kills} (CERTLINK_CRASH_SEED={seed})");
        let mut child = crate::worker("crash_kill::crash_worker")
            .env("CERTLINK_CRASH_WORKER", &db)
            .env("CERTLINK_CRASH_SEED", rng.next().to_string())
            .spawn()
            .unwrap();
        let lines = read_lines(child.stderr.take().unwrap());
        let mut seen = Vec::new();
        // One kill in ten lands early: while the file is opened and repaired,
        // or during the sign-ins. The others after the worker has signed in
        // (its start-up acknowledgements), 0 to 60 ms into its commands.
        let early = rng.below(10) == 0;
        let wait_for = if early { 0 } else { 2 * START_UP_COMMANDS };
        while seen.len() < wait_for {
            match lines.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => seen.push(line),
                Err(_) => panic!("{context}: the worker stopped answering: {seen:?}"),
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(60_000)));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        seen.extend(lines.iter());
        // A worker that stopped by itself (a panic, a store error) would hide
        // what it did not do: it must have died of the kill.
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(9),
            "{context}: the worker ended on its own ({status}) after {:?}",
            seen.last()
        );
        let run = commands(&seen);
        if run.iter().filter(|c| c.ack.is_some()).count() < START_UP_COMMANDS {
            before_ready += 1;
        }
        let records_before = expected.last_seq;
        checked += verify(&db, &run, &mut expected, &context);
        let acked_records = run
            .iter()
            .filter(|c| c.ack.as_ref().is_some_and(|a| a.outcome != "invalid"))
            .count() as u64;
        if expected.last_seq > records_before + acked_records {
            in_flight_committed += 1;
        } else if run.iter().any(|c| c.ack.is_none()) {
            in_flight_lost += 1;
        }
        for c in &run {
            if let Some(a) = &c.ack {
                let class = a.outcome.split(':').next().unwrap_or_default();
                *mix.entry(format!("{} {class}", c.action)).or_default() += 1;
            }
        }
        if kill % 25 == 0 || kill == kills {
            admin_check(&db, &context);
        }
    }
    println!(
        "crash_kill: {kills} SIGKILLs survived, {checked} acknowledged commands checked, \
         {in_flight_committed} kills after a commit and before its acknowledgement, \
         {in_flight_lost} kills during a command that then never committed, \
         {before_ready} kills before the sign-ins ended, {} audit records, in {:.1} s\n\
         acknowledged: {mix:?}",
        expected.last_seq,
        started.elapsed().as_secs_f64()
    );
    assert!(checked > kills, "the workers did work between the kills");
}
