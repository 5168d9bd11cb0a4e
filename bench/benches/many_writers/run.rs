//! Running N writers at once and what they did.

use std::sync::Barrier;
use std::time::{Duration, Instant};

use crate::plan::Plan;

/// What one operation did.
pub enum Op {
    /// A durable move (or raw write), acknowledged.
    Done,
    /// Refused by a rule: written (an audit record) but not a move.
    Refused(String),
    /// Anything else that is not a move (SQLITE_BUSY past the busy handler, a
    /// link that was not a move, an exec that failed).
    Failed(String),
}

/// What a series' writers did together.
#[derive(Default)]
pub struct Outcome {
    pub done: u64,
    pub refused: u64,
    pub failed: u64,
    /// Writers that stopped before the end (SSH clients out of profiles).
    pub stopped: u64,
    /// From the start of every writer to the end of the last.
    pub wall: Duration,
    /// Latency of every done operation.
    pub samples: Vec<Duration>,
    /// The first refusal or failure, to show.
    pub first_problem: Option<String>,
}

impl Outcome {
    pub fn add(&mut self, took: Duration, op: Op) {
        match op {
            Op::Done => {
                self.done += 1;
                self.samples.push(took);
            }
            Op::Refused(why) => {
                self.refused += 1;
                self.first_problem.get_or_insert(format!("refused: {why}"));
            }
            Op::Failed(why) => {
                self.failed += 1;
                self.first_problem.get_or_insert(format!("failed: {why}"));
            }
        }
    }

    /// Adds another writer's (or round's) operations; walls add up too (the
    /// caller sets the wall of one series itself).
    pub fn merge(&mut self, other: Outcome) {
        self.done += other.done;
        self.refused += other.refused;
        self.failed += other.failed;
        self.stopped += other.stopped;
        self.wall += other.wall;
        self.samples.extend(other.samples);
        if self.first_problem.is_none() {
            self.first_problem = other.first_problem;
        }
    }
}

/// Runs one thread per writer of `writers`, all released at once, each doing
/// `op` until the plan says stop.
pub fn threads<W: Send>(
    writers: &mut [W],
    plan: &Plan,
    op: &(dyn Fn(&mut W) -> (Duration, Op) + Sync),
) -> Outcome {
    let barrier = Barrier::new(writers.len() + 1);
    let barrier = &barrier;
    std::thread::scope(|s| {
        let handles: Vec<_> = writers
            .iter_mut()
            .map(|w| {
                s.spawn(move || {
                    barrier.wait();
                    let deadline = plan.deadline(Instant::now());
                    let mut out = Outcome::default();
                    let mut i = 0;
                    while plan.more(i, deadline) {
                        let (took, result) = op(w);
                        out.add(took, result);
                        i += 1;
                    }
                    out
                })
            })
            .collect();
        barrier.wait();
        let started = Instant::now();
        let mut total = Outcome::default();
        for h in handles {
            total.merge(h.join().expect("a writer panicked"));
        }
        total.wall = started.elapsed();
        total
    })
}
