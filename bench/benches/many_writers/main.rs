//! Many concurrent durable writers, side by side in one run (issue 17).
//!
//! ```sh
//! cargo build --release --bin certlink      # the SSH series runs target/release/certlink
//! cargo bench -p certlink-bench --bench many_writers
//! ```
//!
//! For each count of concurrent writers (1, 4, 16, 64), one after the other on
//! the same disk, in one temporary directory:
//! - `service`: threads sharing one `Service`, each moving its own people between
//!   Contoso and Fabrikam (R6), every move acknowledged only once on disk;
//! - `ssh`: as many clients of a real `certlink serve`, each signed in once on two
//!   connections (one account in each organization) and running
//!   `link --mcid-email … --password-stdin --yes` on a new exec channel per move;
//! - `sqlite`: the same move on SQLite (WAL, `synchronous=FULL`), a connection
//!   per thread, waiting in SQLite's busy handler when another writer holds the lock;
//! - `raw`: 4 KiB `pwrite` + `fdatasync`, a thread per writer on one file, each
//!   at its own offset.
//!
//! It prints moves (or writes) per second and p50/p99 per operation, then the
//! ratios issue 17 sets as targets. Refusals are counted apart, never as moves,
//! and make the run fail. Settings (environment):
//! - `CERTLINK_BENCH_PEOPLE` people in the sandbox (comma-separated: one run each; 10000)
//! - `CERTLINK_BENCH_WRITERS` writer counts (`1,4,16,64`)
//! - `CERTLINK_BENCH_SECONDS` seconds per series (3), or `CERTLINK_BENCH_OPS`
//!   operations per writer per series instead
//! - `CERTLINK_BENCH_ROUNDS` rounds of every series (2; the figures add up the rounds)
//! - `CERTLINK_BENCH_SERIES` which series (`service,ssh,sqlite,raw`)
//! - `CERTLINK_BENCH_PEOPLE_PER_WRITER` people each service writer moves in turn (4)
//! - `CERTLINK_BENCH_SSH_PROFILES` profiles made for the SSH clients (from the plan)
//! - `CERTLINK_BENCH_SINGLE_MOVE_MS` the single-move p50 to compare one writer with
//!   (1.125 ms, docs/performance.md "Durable link", final build)
//! - `CERTLINK_BENCH_CACHE` as for every bench (`certlink_bench::Fixture`)

mod plan;
mod raw;
mod report;
mod run;
mod service;
mod sqlite;
mod ssh;
#[path = "../common/ssh_client.rs"]
mod ssh_client;

use certlink_bench::Fixture;

use plan::{Plan, Series};
use report::Report;

fn main() {
    let plan = Plan::from_env();
    let mut failed = false;
    for people in plan.people.clone() {
        failed |= one_scale(&plan, people);
    }
    if failed {
        eprintln!(
            "many_writers: some operations were refused or failed (above): figures not valid"
        );
        std::process::exit(1);
    }
}

/// Every series at one population size; true if any operation went wrong.
fn one_scale(plan: &Plan, people: usize) -> bool {
    println!(
        "== many writers: {people} people, writers {:?}, {}, {} round(s), {} UTC, load {}",
        plan.writers,
        plan.bound(),
        plan.rounds,
        report::utc(),
        report::load()
    );
    let Fixture { dir, path, service } = Fixture::new(people, true);
    // Closed cleanly before it is copied for the server or reopened.
    drop(service);
    let most = plan.most_writers();
    let mut ssh = plan
        .runs(Series::Ssh)
        .then(|| ssh::Ssh::start(dir.path(), &path, most, plan.ssh_profiles()));
    let mut service = plan
        .runs(Series::Service)
        .then(|| service::Writers::new(&path, most, plan.people_per_writer));
    let mut sqlite = plan
        .runs(Series::Sqlite)
        .then(|| sqlite::Writers::new(dir.path(), people, most));
    let raw = plan
        .runs(Series::Raw)
        .then(|| raw::Writers::new(dir.path(), most));
    println!("   ready at {} UTC, load {}", report::utc(), report::load());

    let mut report = Report::default();
    for round in 1..=plan.rounds {
        for &n in &plan.writers {
            for series in &plan.series {
                let outcome = match series {
                    Series::Service => service.as_mut().map(|s| s.run(n, plan)),
                    Series::Ssh => ssh.as_mut().map(|s| s.run(n, plan)),
                    Series::Sqlite => sqlite.as_mut().map(|s| s.run(n, plan)),
                    Series::Raw => raw.as_ref().map(|s| s.run(n, plan)),
                };
                if let Some(outcome) = outcome {
                    report.add(round, *series, n, outcome);
                }
            }
        }
    }
    drop(ssh);
    report.print(plan, people);
    drop(dir);
    report.failed()
}
