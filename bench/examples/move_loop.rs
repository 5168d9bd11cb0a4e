//! A loop of durable moves for profilers (`perf record`, `strace -c`, callgrind):
//! `cargo build --release -p certlink-bench --example move_loop &&
//!  strace -f -c target/release/examples/move_loop 10000 2000`.
//! Arguments: people (default 10,000), moves (default 1,000). Prints the mean.

use std::time::Instant;

use certlink_bench::{Fixture, Mover};

fn main() {
    let mut args = std::env::args().skip(1);
    let people: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let moves: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let fixture = Fixture::new(people, true);
    let path = fixture.path.clone();
    let mover = Mover::new(fixture.service);
    eprintln!(
        "ready: {} bytes",
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
    );
    let started = Instant::now();
    for i in 0..moves {
        mover.step(i, 122);
    }
    let took = started.elapsed();
    if moves == 0 {
        return;
    }
    eprintln!(
        "{moves} moves in {took:?}: mean {:?}; file {} bytes",
        took / moves as u32,
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
    );
}
