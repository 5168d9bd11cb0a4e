//! Reliability tests: process kills, power cuts on a simulated disk, I/O faults
//! and damaged files (one test binary; docs/reliability.md).

// A failed test is the point: tests may unwrap, expect and panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod corruption;
mod crash_kill;
mod io_faults;
mod power_loss;

mod sim_disk;
