//! How long the write-ahead log's checkpoint (a durable redb commit after many
//! commits with `Durability::None`, crates/certlink-core/src/store/wal.rs)
//! pauses the writer when the commits between two checkpoints touch scattered
//! pages of a large file, as moves of random people at 1M do:
//! `checkpoint_pause KEYS COMMITS_PER_CHECKPOINT WRITES_PER_COMMIT ROUNDS [adaptive]`
//! (defaults 4,000,000, 700, 25, 5). One table of KEYS entries (u64 → 100
//! bytes, about 0.6 GB at 4M), then each round runs the non-durable commits of
//! random writes and times the checkpoint. Prints one line per round. With
//! `adaptive`, the commits per checkpoint follow the store's rule
//! (`Wal::checkpoint_took`: halve after a checkpoint longer than
//! `CHECKPOINT_PAUSE`, double after one under a quarter of it, within
//! `MIN_CHECKPOINT_BYTES..=CHECKPOINT_BYTES` of log at ~1.5 KiB a move),
//! starting from COMMITS_PER_CHECKPOINT.

use std::time::Instant;

use certlink_core::store::wal::{CHECKPOINT_BYTES, CHECKPOINT_PAUSE, MIN_CHECKPOINT_BYTES};
use redb::{Database, Durability, TableDefinition};

/// A move's log record, about (docs/performance.md).
const MOVE_RECORD_BYTES: u64 = 1536;

const T: TableDefinition<u64, &[u8]> = TableDefinition::new("t");

fn main() {
    let mut args = std::env::args().skip(1);
    let mut arg = |default: u64| args.next().and_then(|a| a.parse().ok()).unwrap_or(default);
    let (keys, mut commits, writes, rounds) = (arg(4_000_000), arg(700), arg(25), arg(5));
    let adaptive = std::env::args().nth(5).as_deref() == Some("adaptive");
    let (most, least) = (
        CHECKPOINT_BYTES / MOVE_RECORD_BYTES,
        MIN_CHECKPOINT_BYTES / MOVE_RECORD_BYTES,
    );
    let (mut all_commits, mut all_time) = (0u64, std::time::Duration::ZERO);
    let dir = tempfile::tempdir().expect("dir");
    let mut builder = Database::builder();
    builder.set_cache_size(16 * 1024 * 1024); // certlink's cache (store/mod.rs)
    let db = builder.create(dir.path().join("pause.redb")).expect("db");
    let value = [7u8; 100];
    let txn = db.begin_write().expect("w");
    {
        let mut t = txn.open_table(T).expect("t");
        for k in 0..keys {
            t.insert(k, value.as_slice()).expect("i");
        }
    }
    txn.commit().expect("c");
    // SplitMix64: scattered keys, the same every run.
    let mut state = 0x5EED_u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for round in 0..rounds {
        let started = Instant::now();
        for _ in 0..commits {
            let mut txn = db.begin_write().expect("w");
            txn.set_durability(Durability::None).expect("d");
            {
                let mut t = txn.open_table(T).expect("t");
                for _ in 0..writes {
                    t.insert(next() % keys, value.as_slice()).expect("i");
                }
            }
            txn.commit().expect("c");
        }
        let between = started.elapsed();
        let txn = db.begin_write().expect("w");
        txn.open_table(T)
            .expect("t")
            .insert(next() % keys, value.as_slice())
            .expect("i");
        let checkpoint = Instant::now();
        txn.commit().expect("c");
        let took = checkpoint.elapsed();
        all_commits += commits;
        all_time += between + took;
        println!(
            "round {round}: {commits} non-durable commits of {writes} writes in {between:?} \
             ({:?} each), then the checkpoint took {took:?}; {:?} a commit in all so far; file {} MB",
            between / commits as u32,
            all_time / all_commits as u32,
            std::fs::metadata(dir.path().join("pause.redb"))
                .map(|m| m.len() / 1_000_000)
                .unwrap_or(0)
        );
        if adaptive {
            commits = if took > CHECKPOINT_PAUSE {
                (commits / 2).max(least)
            } else if took < CHECKPOINT_PAUSE / 4 {
                (commits * 2).min(most)
            } else {
                commits
            };
        }
    }
}
