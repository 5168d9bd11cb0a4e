//! Reliability tests: process kills, power cuts on a simulated disk, I/O faults
//! and damaged files (one test binary; docs/reliability.md).

// A failed test is the point: tests may unwrap, expect and panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod corruption;
mod crash_kill;
mod crash_many_writers;
mod io_faults;
mod power_loss;

mod sim_disk;

/// A number from the environment (a longer run, another seed), or `default`.
fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// This test binary run again as a worker: only `test` runs (it does work
/// when its environment says so), its standard error piped back.
fn worker(test: &str) -> std::process::Command {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "--exact",
            test,
            "--nocapture",
            "--test-threads",
            "1",
            "--quiet",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    command
}
