//! certlink through the service: N threads sharing one `Service`.

use std::path::Path;
use std::sync::Arc;

use certlink_bench::writers::{Attempt, MoveWriter, SharedClock};
use certlink_core::service::{Environment, Service};
use chrono::TimeDelta;

use crate::plan::Plan;
use crate::run::{self, Op, Outcome};

pub struct Writers {
    service: Service,
    clock: SharedClock,
    writers: Vec<MoveWriter>,
}

impl Writers {
    /// Opens the fixture's file on a [`SharedClock`] and adds `count` writers of
    /// `people` people each (untimed).
    pub fn new(path: &Path, count: usize, people: usize) -> Writers {
        let opened = Service::open(path, Environment::default()).expect("open the fixture");
        // After every recorded event (a cached fixture may hold later ones).
        let start = opened.now().expect("now") + TimeDelta::days(1);
        let clock = SharedClock::new(start);
        let service = opened.with_clock(Arc::new(clock.clone()));
        let writers = (0..count)
            .map(|i| MoveWriter::new(&service, &clock, i, people))
            .collect();
        Writers {
            service,
            clock,
            writers,
        }
    }

    pub fn run(&mut self, n: usize, plan: &Plan) -> Outcome {
        let (service, clock) = (&self.service, &self.clock);
        run::threads(&mut self.writers[..n], plan, &|w: &mut MoveWriter| {
            let (took, attempt) = w.step(service, clock);
            let op = match attempt {
                Attempt::Moved => Op::Done,
                Attempt::Refused(why) => Op::Refused(why),
                Attempt::NotAMove(outcome) => Op::Failed(format!("{outcome:?}, not a move")),
            };
            (took, op)
        })
    }
}
