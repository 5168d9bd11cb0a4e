//! Process crashes with many writers (issue 17, group commit): a worker
//! process runs four threads that register profiles at once through one
//! service, so their commands share batches; this test kills it with SIGKILL
//! at random moments, many times, on the same file.
//!
//! After every kill the database opens, passes redb's integrity check and the
//! invariants of domain.md, and:
//! - every profile a thread acknowledged is there (nothing acknowledged is
//!   lost, whichever batch held it);
//! - every command is whole or absent: a profile is there exactly when its
//!   audit record (R16) and its sign-in email are, whether or not it was
//!   acknowledged before the kill.
//!
//! `CERTLINK_CRASH_MANY_KILLS=N` runs N kills (default 40).
#![cfg(unix)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use chrono::{TimeZone, Utc};

use crate::env_u64;
use certlink_core::service::{Environment, ManualClock, Service};
use certlink_core::store::{DbKind, Queries, Store, invariants};
use certlink_domain::{Mcid, Settings};

const WRITERS: u64 = 4;
/// MCIDs of run `r`, thread `t`, command `i`: `BASE + r * 100_000 + t * 10_000 + i`.
const BASE: u64 = 40_000_000;

fn email(mcid: u64) -> String {
    format!("p{mcid}@crash.example.com")
}

/// One protocol line on standard error in one `write` (a kill never leaves half).
fn say(line: &str) -> bool {
    let mut err = std::io::stderr().lock();
    err.write_all(format!("MANY {line}\n").as_bytes()).is_ok()
}

/// Registers profiles from four threads until killed. Started by
/// `acknowledged_changes_of_many_writers_survive_sigkill`.
#[test]
fn crash_many_worker() {
    let Ok(db) = std::env::var("CERTLINK_CRASH_MANY_WORKER") else {
        return;
    };
    let run = env_u64("CERTLINK_CRASH_MANY_RUN", 0);
    let store = Store::open(Path::new(&db)).expect("open");
    let last = store.read().expect("read").last_event_at().expect("last");
    let start = last.unwrap_or_else(|| Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap());
    let service = Arc::new(
        Service::with_store(store, Environment::default())
            .expect("service")
            .with_clock(Arc::new(ManualClock::new(start))),
    );
    say("ready");
    let threads: Vec<_> = (0..WRITERS)
        .map(|t| {
            let service = Arc::clone(&service);
            std::thread::spawn(move || {
                for i in 0..10_000 {
                    let mcid = BASE + run * 100_000 + t * 10_000 + i;
                    say(&format!("start {mcid}"));
                    service
                        .add_profile(&mcid.to_string(), &email(mcid), "Someone", "profile-pass")
                        .expect("the profile is new");
                    if !say(&format!("ack {mcid}")) {
                        return;
                    }
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
}

fn read_lines(stderr: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { return };
            if let Some(rest) = line.strip_prefix("MANY ")
                && tx.send(rest.to_string()).is_err()
            {
                return;
            }
        }
    });
    rx
}

/// Opens the file after a kill and checks it; returns the worker profiles in it.
fn verify(db: &Path, started: &BTreeSet<u64>, acked: &BTreeSet<u64>, context: &str) -> usize {
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("{context}: open: {e}"));
    assert!(
        store.check_integrity().expect("integrity check runs"),
        "{context}: integrity"
    );
    let r = store.read().expect("read");
    let problems = invariants::check(&r).expect("invariant check runs");
    assert!(problems.is_empty(), "{context}: {problems:?}");
    let mut present = 0;
    for &mcid in started {
        let m = Mcid::new(mcid).expect("an MCID");
        let profile = r.profile(m).expect("read").is_some();
        let audited = !r.audit_of_mcid(m, None, 1).expect("audit").is_empty();
        let address: certlink_domain::Email = email(mcid).parse().expect("an email");
        let email = r.profile_by_email(&address).expect("read").is_some();
        assert!(
            profile == audited && profile == email,
            "{context}: profile {mcid} is half there (profile {profile}, audit {audited}, email {email})"
        );
        if acked.contains(&mcid) {
            assert!(profile, "{context}: acknowledged profile {mcid} is lost");
        }
        present += usize::from(profile);
    }
    present
}

#[test]
fn acknowledged_changes_of_many_writers_survive_sigkill() {
    let kills = env_u64("CERTLINK_CRASH_MANY_KILLS", 40);
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("many.redb");
    drop(
        Service::create(
            &db,
            DbKind::Sandbox,
            &Settings::sandbox(),
            Environment::default(),
        )
        .unwrap(),
    );
    let (mut started, mut acked) = (BTreeSet::new(), BTreeSet::new());
    let mut present = 0;
    let mut seed = 0x005E_ED17_u64;
    for run in 0..kills {
        let context = format!("kill {} of {kills}", run + 1);
        let mut child = crate::worker("crash_many_writers::crash_many_worker")
            .env("CERTLINK_CRASH_MANY_WORKER", &db)
            .env("CERTLINK_CRASH_MANY_RUN", run.to_string())
            .spawn()
            .unwrap();
        let lines = read_lines(child.stderr.take().unwrap());
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line == "ready" => {}
            other => panic!("{context}: the worker did not start: {other:?}"),
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(5_000 + seed % 60_000));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(9),
            "{context}: the worker ended on its own ({status})"
        );
        let mut in_flight = BTreeSet::new();
        for line in lines.iter() {
            let Some((what, mcid)) = line.split_once(' ') else {
                continue;
            };
            let mcid: u64 = mcid.parse().expect("an MCID");
            match what {
                "start" => {
                    started.insert(mcid);
                    in_flight.insert(mcid);
                }
                "ack" => {
                    acked.insert(mcid);
                    in_flight.remove(&mcid);
                }
                _ => {}
            }
        }
        present = verify(&db, &started, &acked, &context);
    }
    println!(
        "crash_many_writers: {kills} SIGKILLs with {WRITERS} writers, {} profiles acknowledged, {} started, {} unacknowledged commands lost in all",
        acked.len(),
        started.len(),
        started.len() - present
    );
    assert!(
        acked.len() as u64 > kills,
        "the writers did work between the kills"
    );
}
