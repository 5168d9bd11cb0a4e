//! The SQLite baseline's move in a loop, for profilers and syscall counts
//! (`strace -f -c target/release/examples/sqlite_loop 10000 2000`). Arguments:
//! people (default 10,000), moves (default 1,000). Prints the mean.

use std::time::Instant;

use certlink_bench::now;
use certlink_bench::sqlite::SqliteBaseline;

fn main() {
    let mut args = std::env::args().skip(1);
    let people: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let moves: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let dir = tempfile::tempdir().expect("dir");
    let mut db = SqliteBaseline::create(
        &dir.path().join("baseline.sqlite"),
        people,
        now().timestamp_micros(),
    )
    .expect("baseline");
    let started = Instant::now();
    for _ in 0..moves {
        db.move_link(122 * 86_400_000_000).expect("move");
    }
    if moves > 0 {
        eprintln!("{moves} moves: mean {:?}", started.elapsed() / moves);
    }
}
