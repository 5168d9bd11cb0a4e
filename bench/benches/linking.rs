//! The durable link: a move A→B through the service, acknowledged only once on
//! disk, against the machine's raw limit (a 4 KiB write + fdatasync in the same
//! directory); and the cost of one sign-in hash at the production argon2 setting.
//!
//! Run: `cargo bench -p certlink-bench --bench linking` (p50/p99 are printed after
//! criterion's own report).

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use certlink::domain::{AccountStatus, MpnId, Roles, Settings};
use certlink::service::password;
use certlink::service::{ManualClock, NewAccount};
use certlink::store::records::AccountKind;
use certlink_bench::{Fixture, now, percentiles, scales};
use chrono::TimeDelta;
use criterion::{Criterion, criterion_group, criterion_main};

const PROFILE_PASSWORD: &str = "bench-profile-pass";

fn durable_move(c: &mut Criterion) {
    for people in scales() {
        let fixture = Fixture::new(people, true);
        let clock = ManualClock::new(now() + TimeDelta::days(1));
        let Fixture { dir, service, .. } = fixture;
        let service = service.with_clock(Arc::new(clock.clone()));
        for (email, org) in [
            ("mover@contoso.com", 1_234_567),
            ("mover@fabrikam.com", 2_345_678),
        ] {
            service
                .create_account(NewAccount {
                    kind: AccountKind::Member {
                        org: MpnId::new(org).expect("MPN ID"),
                    },
                    email,
                    name: "Mover",
                    roles: Roles::USER,
                    password: certlink::demo::ACCOUNT_PASSWORD,
                    status: AccountStatus::Active,
                })
                .expect("account");
        }
        service
            .add_profile(
                "99999999",
                "mover@learn.example.com",
                "Mover",
                PROFILE_PASSWORD,
            )
            .expect("profile");
        let sessions = [
            service
                .sign_in(
                    "mover@contoso.com",
                    certlink::demo::ACCOUNT_PASSWORD,
                    &certlink::service::SignInSource::Local,
                )
                .expect("a"),
            service
                .sign_in(
                    "mover@fabrikam.com",
                    certlink::demo::ACCOUNT_PASSWORD,
                    &certlink::service::SignInSource::Local,
                )
                .expect("b"),
        ];
        let mut samples = Vec::new();
        let mut turn = 0usize;
        c.bench_function(&format!("durable_move/{people}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // R9 (3 a year, 30 days apart) is kept: each move is 122 days later.
                    clock.advance(TimeDelta::days(122));
                    let session = &sessions[turn % 2];
                    turn += 1;
                    let started = Instant::now();
                    service
                        .link(session, "mover@learn.example.com", PROFILE_PASSWORD)
                        .expect("move");
                    let took = started.elapsed();
                    samples.push(took);
                    total += took;
                }
                total
            })
        });
        let (p50, p99) = percentiles(&mut samples);
        println!(
            "durable_move/{people}: p50 {p50:?} p99 {p99:?} over {} moves",
            samples.len()
        );

        // The raw limit: 4 KiB write + fdatasync, same directory.
        let raw_path = dir.path().join("raw.bin");
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(&raw_path)
            .expect("raw file");
        let block = [7u8; 4096];
        let mut raw = Vec::new();
        c.bench_function(&format!("raw_write_fdatasync/{people}"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let started = Instant::now();
                    file.seek(SeekFrom::Start(0)).expect("seek");
                    file.write_all(&block).expect("write");
                    file.sync_data().expect("fdatasync");
                    let took = started.elapsed();
                    raw.push(took);
                    total += took;
                }
                total
            })
        });
        let (r50, r99) = percentiles(&mut raw);
        println!(
            "raw_write_fdatasync: p50 {r50:?} p99 {r99:?}; durable move / raw at p50 = {:.2}",
            p50.as_secs_f64() / r50.as_secs_f64()
        );
    }
}

fn sign_in_hash(c: &mut Criterion) {
    let settings = Settings::production();
    let hash = password::hash("a-production-password", &settings).expect("hash");
    c.bench_function("argon2id_verify/production_19MiB_2_passes", |b| {
        b.iter(|| assert!(password::verify("a-production-password", &hash)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = durable_move, sign_in_hash
}
criterion_main!(benches);
