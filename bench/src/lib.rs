//! Fixtures shared by the benchmarks: sandboxes of N generated people on disk, in
//! the same directory as the measured writes (see docs/performance.md).

pub mod sqlite;
pub mod writers;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use certlink_core::demo;
use certlink_core::service::{
    Environment, ManualClock, NewAccount, Service, Session, SignInSource,
};
use certlink_core::store::records::AccountKind;
use certlink_domain::{AccountStatus, MpnId, Roles};

/// The instant every fixture's history ends at.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A sandbox of `people` generated people in a temporary directory (removed on drop).
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub service: Service,
}

impl Fixture {
    /// Generates the population (deterministic, seed 1). `cheap_hash` lowers the
    /// argon2 cost to its minimum so a link measures the commit, not the hash.
    ///
    /// With `CERTLINK_BENCH_CACHE=DIR`, the population of each size is generated
    /// once as `DIR/people-N.redb` (a million people take minutes) and copied
    /// into the fixture's temporary directory for each benchmark, so measured
    /// writes never change the cached file and still go to a fresh directory.
    pub fn new(people: usize, cheap_hash: bool) -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("bench.redb");
        let service = match std::env::var_os("CERTLINK_BENCH_CACHE") {
            Some(cache) => {
                let cached = PathBuf::from(cache).join(format!("people-{people}.redb"));
                if !cached.exists() {
                    let partial = cached.with_extension("partial");
                    let _ = std::fs::remove_file(&partial);
                    let (service, _, _) =
                        demo::build_population(&partial, now(), people, 1, &mut |_, _| {})
                            .expect("population");
                    // Closing checkpointed its write-ahead log: the file alone is whole.
                    drop(service);
                    let _ = std::fs::remove_file(certlink_core::store::wal::path_of(&partial));
                    std::fs::rename(&partial, &cached).expect("cache the population");
                }
                std::fs::copy(&cached, &path).expect("copy the cached population");
                // The system clock: a cached file may hold events after `now()`
                // (a sign-in made on it by hand), and time never goes back.
                Service::open(&path, Environment::default()).expect("open the population")
            }
            None => {
                demo::build_population(&path, now(), people, 1, &mut |_, _| {})
                    .expect("population")
                    .0
            }
        };
        if cheap_hash {
            service
                .set_setting("argon2_memory_kib", "8")
                .expect("setting");
        }
        Fixture { dir, path, service }
    }

    /// Signs in with the demo password, or `None` if refused.
    pub fn try_sign_in(&self, email: &str) -> Option<Session> {
        self.service
            .sign_in(email, demo::ACCOUNT_PASSWORD, &SignInSource::Local)
            .ok()
    }

    pub fn sign_in(&self, email: &str) -> Session {
        let password = if email.contains("support") {
            demo::SUPPORT_PASSWORD
        } else {
            demo::ACCOUNT_PASSWORD
        };
        self.service
            .sign_in(email, password, &SignInSource::Local)
            .expect("sign in")
    }
}

/// p50 and p99 of a set of samples.
pub fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

/// People counts to measure at, from `CERTLINK_BENCH_PEOPLE` (comma-separated) or
/// 10,000 and 100,000 by default (1,000,000 takes minutes to generate).
pub fn scales() -> Vec<usize> {
    std::env::var("CERTLINK_BENCH_PEOPLE")
        .ok()
        .map(|v| {
            v.split(',')
                .filter_map(|s| s.trim().replace('_', "").parse().ok())
                .collect()
        })
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

/// The profile the durable-move benchmarks move back and forth.
pub const MOVER_PROFILE: &str = "mover@learn.example.com";
/// Its password (the fixture's cheap hash makes checking it negligible).
pub const MOVER_PROFILE_PASSWORD: &str = "bench-profile-pass";

/// One person with a work account at Contoso and one at Fabrikam, both signed
/// in, and a profile they move between the two (R6) on a hand-moved clock.
pub struct Mover {
    pub service: Service,
    pub clock: ManualClock,
    pub sessions: [Session; 2],
}

impl Mover {
    /// Adds the mover to `service` (a fixture's) and takes over its clock.
    pub fn new(service: Service) -> Mover {
        let clock = ManualClock::new(now() + TimeDelta::days(1));
        let service = service.with_clock(Arc::new(clock.clone()));
        let accounts = [
            ("mover@contoso.com", 1_234_567),
            ("mover@fabrikam.com", 2_345_678),
        ];
        for (email, org) in accounts {
            service
                .create_account(NewAccount {
                    kind: AccountKind::Member {
                        org: MpnId::new(org).expect("MPN ID"),
                    },
                    email,
                    name: "Mover",
                    roles: Roles::USER,
                    password: demo::ACCOUNT_PASSWORD,
                    status: AccountStatus::Active,
                })
                .expect("account");
        }
        service
            .add_profile("99999999", MOVER_PROFILE, "Mover", MOVER_PROFILE_PASSWORD)
            .expect("profile");
        let sessions = accounts.map(|(email, _)| {
            service
                .sign_in(email, demo::ACCOUNT_PASSWORD, &SignInSource::Local)
                .expect("sign in")
        });
        Mover {
            service,
            clock,
            sessions,
        }
    }

    /// One durable move, `days` after the last (the allowance must permit it).
    pub fn step(&self, turn: usize, days: i64) {
        self.clock.advance(TimeDelta::days(days));
        self.service
            .link(
                &self.sessions[turn % 2],
                MOVER_PROFILE,
                MOVER_PROFILE_PASSWORD,
            )
            .expect("move");
    }
}
