//! The durable link, side by side in one run at each scale:
//! - certlink: a move A→B (R6) through the service, credentials verified,
//!   acknowledged only once on disk;
//! - the machine's raw limit: a 4 KiB `pwrite` + `fdatasync` in the same directory;
//! - redb's own floor: a durable commit of one `u64` insert into one table, and of
//!   one insert into each of 8 and 16 tables (what a commit costs per table touched);
//! - the SQLite baseline: the same move on SQLite (WAL, `synchronous=FULL`, same
//!   indexes; `certlink_bench::sqlite`);
//! - and, on its own line, one argon2id verify at the production cost (a sign-in).
//!
//! Run: `cargo bench -p certlink-bench --bench linking`. After criterion's report,
//! a summary prints p50/p99 of every series and the ratios at p50.

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use certlink_bench::sqlite::SqliteBaseline;
use certlink_bench::{Fixture, Mover, now, percentiles, scales};
use certlink_core::service::password;
use certlink_domain::Settings;
use chrono::TimeDelta;
use criterion::{Criterion, criterion_group, criterion_main};
use redb::{Database, Durability, TableDefinition};

/// R9 (3 a year, 30 days apart) is kept: each move is 122 days after the last.
const STEP_DAYS: i64 = 122;

/// Times `iters` runs of `f`, keeping every sample for percentiles.
fn timed(samples: &mut Vec<Duration>, iters: u64, mut f: impl FnMut()) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let started = Instant::now();
        f();
        let took = started.elapsed();
        samples.push(took);
        total += took;
    }
    total
}

struct Series {
    name: String,
    p50: Duration,
    p99: Duration,
    n: usize,
}

/// A series' percentiles (zero when a criterion filter skipped it).
fn series(name: &str, samples: &mut [Duration]) -> Series {
    let (p50, p99) = if samples.is_empty() {
        (Duration::ZERO, Duration::ZERO)
    } else {
        percentiles(samples)
    };
    Series {
        name: name.into(),
        p50,
        p99,
        n: samples.len(),
    }
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// A redb file beside the fixture: durable commits that insert one `u64` into
/// each of `tables` tables (keys grow, as a log's do).
struct Floor {
    db: Database,
    names: Vec<String>,
    key: u64,
}

impl Floor {
    fn new(dir: &Path, tables: usize) -> Floor {
        Floor {
            db: Database::create(dir.join(format!("floor{tables}.redb"))).expect("redb file"),
            names: (0..tables).map(|i| format!("t{i}")).collect(),
            key: 0,
        }
    }

    fn commit(&mut self) {
        self.key += 1;
        let mut txn = self.db.begin_write().expect("write");
        txn.set_durability(Durability::Immediate).expect("durable");
        for name in &self.names {
            let def: TableDefinition<u64, u64> = TableDefinition::new(name);
            txn.open_table(def)
                .expect("table")
                .insert(self.key, self.key)
                .expect("insert");
        }
        txn.commit().expect("commit");
    }
}

fn redb_floor(c: &mut Criterion, floor: &mut Floor, people: usize) -> Series {
    let tables = floor.names.len();
    let mut samples = Vec::new();
    c.bench_function(&format!("redb_commit_{tables}_tables/{people}"), |b| {
        b.iter_custom(|iters| timed(&mut samples, iters, || floor.commit()))
    });
    series(
        &format!("redb floor: one insert into each of {tables} table(s)"),
        &mut samples,
    )
}

fn durable_link(c: &mut Criterion) {
    let mut report = Vec::new();
    for people in scales() {
        let fixture = Fixture::new(people, true);
        let Fixture { dir, service, .. } = fixture;
        let mover = Mover::new(service);
        let mut samples = Vec::new();
        let mut turn = 0usize;
        c.bench_function(&format!("durable_move/{people}"), |b| {
            b.iter_custom(|iters| {
                timed(&mut samples, iters, || {
                    mover.step(turn, STEP_DAYS);
                    turn += 1;
                })
            })
        });
        let moves = series("certlink durable move A→B (service, audit)", &mut samples);

        // The raw limit: 4 KiB write + fdatasync, same directory.
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(dir.path().join("raw.bin"))
            .expect("raw file");
        let block = [7u8; 4096];
        let mut samples = Vec::new();
        c.bench_function(&format!("raw_write_fdatasync/{people}"), |b| {
            b.iter_custom(|iters| {
                timed(&mut samples, iters, || {
                    file.seek(SeekFrom::Start(0)).expect("seek");
                    file.write_all(&block).expect("write");
                    file.sync_data().expect("fdatasync");
                })
            })
        });
        let raw = series("raw limit: 4 KiB write + fdatasync", &mut samples);

        let mut floor_dbs = [1, 8, 16].map(|t| Floor::new(dir.path(), t));
        let floors = [0, 1, 2].map(|i| redb_floor(c, &mut floor_dbs[i], people));

        let mut sqlite = SqliteBaseline::create(
            &dir.path().join("baseline.sqlite"),
            people,
            now().timestamp_micros(),
        )
        .expect("sqlite baseline");
        let mut samples = Vec::new();
        c.bench_function(&format!("sqlite_move/{people}"), |b| {
            b.iter_custom(|iters| {
                timed(&mut samples, iters, || {
                    sqlite
                        .move_link(TimeDelta::days(STEP_DAYS).num_microseconds().unwrap_or(0))
                        .expect("sqlite move")
                })
            })
        });
        let sql = series("SQLite baseline move (WAL, synchronous=FULL)", &mut samples);
        report.push((people, load(), moves, raw, floors, sql));

        // The same series interleaved, one of each per round, so that every series
        // meets the same disk (a shared virtual disk's flush latency changes from
        // minute to minute): the ratios of this pass are paired.
        let rounds: usize = std::env::var("CERTLINK_BENCH_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(500);
        let mut s: [Vec<Duration>; 6] = Default::default();
        for _ in 0..rounds {
            let mut one = |i: usize, f: &mut dyn FnMut()| {
                let started = Instant::now();
                f();
                s[i].push(started.elapsed());
            };
            one(0, &mut || {
                mover.step(turn, STEP_DAYS);
                turn += 1;
            });
            one(1, &mut || {
                file.seek(SeekFrom::Start(0)).expect("seek");
                file.write_all(&block).expect("write");
                file.sync_data().expect("fdatasync");
            });
            for (i, floor) in floor_dbs.iter_mut().enumerate() {
                one(2 + i, &mut || floor.commit());
            }
            one(5, &mut || {
                sqlite
                    .move_link(TimeDelta::days(STEP_DAYS).num_microseconds().unwrap_or(0))
                    .expect("sqlite move")
            });
        }
        let [m, r, f1, f8, f16, q] = s;
        let (mut m, mut r, mut q) = (m, r, q);
        let (mut f1, mut f8, mut f16) = (f1, f8, f16);
        report.push((
            people,
            format!("{} (interleaved, {rounds} rounds)", load()),
            series("certlink durable move A→B (service, audit)", &mut m),
            series("raw limit: 4 KiB write + fdatasync", &mut r),
            [
                series("redb floor: one insert into each of 1 table(s)", &mut f1),
                series("redb floor: one insert into each of 8 table(s)", &mut f8),
                series("redb floor: one insert into each of 16 table(s)", &mut f16),
            ],
            series("SQLite baseline move (WAL, synchronous=FULL)", &mut q),
        ));
    }

    println!("\n== durable link summary (p50 / p99, ratio to the raw limit at p50) ==");
    for (people, load, moves, raw, floors, sql) in &report {
        println!("-- {people} people (load average {load})");
        let base = raw.p50.as_secs_f64();
        for s in [moves, raw]
            .into_iter()
            .chain(floors.iter())
            .chain(std::iter::once(sql))
        {
            if s.n == 0 {
                continue;
            }
            println!(
                "{:<55} p50 {:>9.3} ms  p99 {:>9.3} ms  ×raw {:>5.2}  (n={})",
                s.name,
                s.p50.as_secs_f64() * 1e3,
                s.p99.as_secs_f64() * 1e3,
                s.p50.as_secs_f64() / base,
                s.n
            );
        }
        println!(
            "certlink move / SQLite move at p50 = {:.2}",
            moves.p50.as_secs_f64() / sql.p50.as_secs_f64()
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
    targets = durable_link, sign_in_hash
}
criterion_main!(benches);
