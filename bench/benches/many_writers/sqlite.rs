//! The SQLite baseline: N threads, each with its own connection, the same
//! transaction per move as `certlink_bench::sqlite` (BEGIN IMMEDIATE), waiting in
//! SQLite's busy handler while another writer holds the lock.

use std::path::Path;
use std::time::{Duration, Instant};

use certlink_bench::now;
use certlink_bench::sqlite::SqliteBaseline;
use certlink_bench::writers::STEP;
use rusqlite::ErrorCode;

use crate::plan::Plan;
use crate::run::{self, Op, Outcome};

/// Long enough that no writer gives up while 63 others commit before it.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Writers {
    writers: Vec<SqliteBaseline>,
}

impl Writers {
    /// The baseline database beside the fixture, a connection per writer, each
    /// writer's first link made (untimed) so that every timed one is a move.
    pub fn new(dir: &Path, people: usize, count: usize) -> Writers {
        let path = dir.join("baseline.sqlite");
        let start = now().timestamp_micros();
        drop(SqliteBaseline::create_for(&path, people, start, count).expect("sqlite baseline"));
        let writers = (0..count)
            .map(|k| {
                let mut w = SqliteBaseline::writer(&path, people, k, start, BUSY_TIMEOUT)
                    .expect("sqlite writer");
                w.move_link(step()).expect("first link");
                w
            })
            .collect();
        Writers { writers }
    }

    pub fn run(&mut self, n: usize, plan: &Plan) -> Outcome {
        run::threads(&mut self.writers[..n], plan, &|w: &mut SqliteBaseline| {
            let started = Instant::now();
            let result = w.move_link(step());
            let took = started.elapsed();
            let op = match result {
                Ok(()) => Op::Done,
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) => {
                    Op::Failed(format!("SQLITE_BUSY past the busy handler: {e}"))
                }
                Err(e) => panic!("a SQLite move failed: {e}"),
            };
            (took, op)
        })
    }
}

fn step() -> i64 {
    STEP.num_microseconds().unwrap_or(0)
}
