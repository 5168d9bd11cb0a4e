//! Group commit, deterministically: a backend whose flush waits at a gate
//! holds one batch on the disk while the next commands queue up behind it,
//! so each test knows exactly which commands share a batch.

use std::io;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use redb::StorageBackend;
use redb::backends::InMemoryBackend;

use super::group::MAX_BATCH;
use super::{DbKind, Store, StoreError, Writer};
use crate::store::Queries;
use certlink_domain::Settings;

#[derive(Default)]
struct GateState {
    held: bool,
    /// Flushes waiting at the gate.
    waiting: usize,
    /// The next flush fails with EIO.
    fail_next: bool,
}

/// A gate in front of the disk's flush.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

impl Gate {
    fn set(&self, f: impl FnOnce(&mut GateState)) {
        f(&mut self.state.lock().unwrap());
        self.changed.notify_all();
    }

    fn wait_until(&self, what: impl Fn(&GateState) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut s = self.state.lock().unwrap();
        while !what(&s) {
            assert!(Instant::now() < deadline, "the gate never saw it");
            s = self
                .changed
                .wait_timeout(s, Duration::from_millis(10))
                .unwrap()
                .0;
        }
    }
}

#[derive(Debug)]
struct Gated {
    disk: Arc<InMemoryBackend>,
    gate: Arc<GateHandle>,
}

/// `Gate` is not `Debug`; the backend trait wants it.
struct GateHandle(Gate);

impl std::fmt::Debug for GateHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("gate")
    }
}

impl StorageBackend for Gated {
    fn len(&self) -> io::Result<u64> {
        self.disk.len()
    }
    fn read(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        self.disk.read(offset, out)
    }
    fn set_len(&self, len: u64) -> io::Result<()> {
        self.disk.set_len(len)
    }
    fn sync_data(&self) -> io::Result<()> {
        let gate = &self.gate.0;
        let mut s = gate.state.lock().unwrap();
        if s.fail_next {
            s.fail_next = false;
            return Err(io::Error::from_raw_os_error(5));
        }
        s.waiting += 1;
        gate.changed.notify_all();
        while s.held {
            s = gate.changed.wait(s).unwrap();
        }
        s.waiting -= 1;
        gate.changed.notify_all();
        drop(s);
        self.disk.sync_data()
    }
    fn write(&self, offset: u64, data: &[u8]) -> io::Result<()> {
        self.disk.write(offset, data)
    }
}

struct Fixture {
    store: Arc<Store>,
    gate: Arc<GateHandle>,
    now: DateTime<Utc>,
}

impl Fixture {
    fn new() -> Fixture {
        let disk = Arc::new(InMemoryBackend::new());
        let gate = Arc::new(GateHandle(Gate::default()));
        let (d, g) = (Arc::clone(&disk), Arc::clone(&gate));
        let store = Store::create_with_backend(
            move || {
                Ok(Box::new(Gated {
                    disk: Arc::clone(&d),
                    gate: Arc::clone(&g),
                }))
            },
            DbKind::Sandbox,
            &Settings::sandbox(),
        )
        .unwrap();
        // However slow the machine, the commands a test lines up share a batch.
        store.hold_batches_open_for(Duration::from_secs(600));
        let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc();
        Fixture {
            store: Arc::new(store),
            gate,
            now,
        }
    }

    fn gate(&self) -> &Gate {
        &self.gate.0
    }

    fn hold(&self) {
        self.gate().set(|s| s.held = true);
    }

    fn release(&self) {
        self.gate().set(|s| s.held = false);
    }

    /// Runs `command` in a thread of its own: begins a writer, runs it.
    fn spawn<T: Send + 'static>(
        &self,
        command: impl FnOnce(Writer) -> Result<T, StoreError> + Send + 'static,
    ) -> thread::JoinHandle<Result<T, StoreError>> {
        let store = Arc::clone(&self.store);
        let now = self.now;
        thread::spawn(move || command(store.write(now)?))
    }

    /// Waits until `n` commands wait for their turn.
    fn wait_for_turns(&self, n: u64) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.store.group.waiting() != n {
            assert!(Instant::now() < deadline, "{n} commands never queued");
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// Starts a command that commits and then waits at the held gate: the
    /// batch on the disk while the next ones queue.
    fn flushing(&self, key: &'static str) -> thread::JoinHandle<Result<(), StoreError>> {
        self.hold();
        let first = self.spawn(move |w| {
            w.put_meta(key, &1u64)?;
            w.commit()
        });
        self.gate().wait_until(|s| s.waiting == 1);
        first
    }

    /// `n` commands that each take the next value of a counter, queued while
    /// a first command's flush is held, then let through: their values, sorted.
    fn counters_behind_a_flush(&self, n: usize) -> Vec<u64> {
        let first = self.flushing("first");
        let queued: Vec<_> = (0..n)
            .map(|_| {
                self.spawn(|w| {
                    let id = w.next_id("turns")?;
                    w.commit()?;
                    Ok(id)
                })
            })
            .collect();
        self.wait_for_turns(n as u64);
        self.release();
        first.join().unwrap().unwrap();
        let mut ids: Vec<u64> = queued
            .into_iter()
            .map(|t| t.join().unwrap().unwrap())
            .collect();
        ids.sort();
        ids
    }

    /// The next command commits and reads back.
    fn works_again(&self) {
        let w = self.store.write(self.now).unwrap();
        w.put_meta("after", &1u64).unwrap();
        w.commit().unwrap();
        assert_eq!(self.meta("after"), Some(1));
    }

    fn meta(&self, key: &str) -> Option<u64> {
        let r = self.store.read().unwrap();
        r.meta_bytes(key)
            .unwrap()
            .map(|b| super::codec::decode(&b, "test").unwrap())
    }
}

/// Commands that arrive during a flush share the next one: four commands,
/// two durable commits; each saw the ones before it (distinct counter values,
/// none lost).
#[test]
fn commands_arriving_during_a_flush_share_the_next_one() {
    let f = Fixture::new();
    let before = f.store.commits();
    let ids = f.counters_behind_a_flush(3);
    assert_eq!(ids, vec![1, 2, 3]);
    assert_eq!(f.store.commits() - before, 2, "one flush for the three");
    assert_eq!(f.store.group.largest_batch(), 3);
    assert_eq!(f.meta("first"), Some(1));
}

/// A command alone commits at once: it waits for no company.
#[test]
fn a_lone_command_commits_at_once() {
    let f = Fixture::new();
    let before = f.store.commits();
    for i in 0..3u64 {
        let w = f.store.write(f.now + TimeDelta::seconds(i as i64)).unwrap();
        w.put_meta("lone", &i).unwrap();
        w.commit().unwrap();
        assert_eq!(f.store.commits() - before, i + 1);
        assert_eq!(f.meta("lone"), Some(i), "readable as soon as acknowledged");
    }
}

/// A command that fails part-way is undone alone: the one before it in its
/// batch and the one after it keep what they wrote, and the key it overwrote
/// reads as the earlier command left it.
#[test]
fn a_command_that_fails_part_way_is_undone_alone() {
    let f = Fixture::new();
    let first = f.flushing("shared");
    let earlier = f.spawn(|w| {
        w.put_meta("shared", &7u64)?;
        w.put_meta("earlier", &1u64)?;
        w.commit()
    });
    f.wait_for_turns(1);
    let failing = f.spawn(|w| {
        w.put_meta("shared", &99u64)?;
        w.put_meta("failing", &1u64)?;
        w.next_id("turns")?;
        Err::<(), _>(StoreError::Corrupt("stopped part-way".into()))
    });
    f.wait_for_turns(2);
    let later = f.spawn(|w| {
        let id = w.next_id("turns")?;
        w.put_meta("later", &id)?;
        w.commit()
    });
    f.wait_for_turns(3);
    let before = f.store.commits();
    f.release();
    first.join().unwrap().unwrap();
    earlier.join().unwrap().unwrap();
    assert!(matches!(
        failing.join().unwrap(),
        Err(StoreError::Corrupt(_))
    ));
    later.join().unwrap().unwrap();
    assert_eq!(f.meta("shared"), Some(7), "the failed overwrite is undone");
    assert_eq!(f.meta("earlier"), Some(1));
    assert_eq!(f.meta("failing"), None);
    assert_eq!(
        f.meta("later"),
        Some(1),
        "the failed command's counter step is undone"
    );
    assert_eq!(
        f.store.commits() - before,
        2,
        "first's, then one for the rest"
    );
    assert_eq!(f.store.group.largest_batch(), 2);
}

/// A failed flush fails exactly the commands of its batch, with the clear
/// "may not have been saved" error: the disk may have kept the batch or not,
/// but all of it or none of it. The batch before is kept and the next command
/// works once the database is reopened.
#[test]
fn a_failed_flush_fails_exactly_the_commands_of_its_batch() {
    let f = Fixture::new();
    let first = f.flushing("before");
    let batch: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|key| {
            f.spawn(move |w| {
                w.put_meta(key, &1u64)?;
                w.commit()
            })
        })
        .collect();
    f.wait_for_turns(2);
    f.gate().set(|s| {
        s.fail_next = true;
        s.held = false;
    });
    // The first batch's flush was already at the gate: it passes.
    first.join().unwrap().unwrap();
    for t in batch {
        let e = t.join().unwrap().unwrap_err();
        assert!(e.is_disk_failure(), "{e}");
        assert!(e.to_string().contains("may not have been saved"), "{e}");
    }
    assert_eq!(f.meta("before"), Some(1));
    assert_eq!(f.meta("a"), f.meta("b"), "the batch is whole or absent");
    f.works_again();
}

/// No batch holds more than `MAX_BATCH` commands, however many queue.
#[test]
fn a_batch_holds_at_most_max_batch_commands() {
    let f = Fixture::new();
    let n = MAX_BATCH + 6;
    let ids = f.counters_behind_a_flush(n);
    assert_eq!(ids, (1..=n as u64).collect::<Vec<_>>());
    assert!(f.store.group.largest_batch() <= MAX_BATCH);
}

/// A command that panics while it holds its turn (damaged bytes reaching the
/// storage engine, caught at a front end's boundary) abandons its batch: the
/// commands already in it get an error, nothing of them is kept, and later
/// commands work.
#[test]
fn a_panic_in_a_turn_abandons_its_batch_and_the_store_goes_on() {
    let f = Fixture::new();
    let first = f.flushing("first");
    let earlier = f.spawn(|w| {
        w.put_meta("earlier", &1u64)?;
        w.commit()
    });
    f.wait_for_turns(1);
    let panicking = f.spawn(|w| {
        w.put_meta("panicking", &1u64)?;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
            let _w = w;
            panic!("damaged bytes");
        }));
        assert!(outcome.is_err());
        Ok(())
    });
    f.wait_for_turns(2);
    f.release();
    first.join().unwrap().unwrap();
    let e = earlier.join().unwrap().unwrap_err();
    assert!(
        e.to_string().contains("nothing of this command was saved"),
        "{e}"
    );
    panicking.join().unwrap().unwrap();
    assert_eq!(f.meta("earlier"), None);
    assert_eq!(f.meta("panicking"), None);
    f.works_again();
}

/// An exclusive command (a bulk load, an import) does not join the open
/// batch: the batch commits first, then it runs in a transaction of its own.
#[test]
fn an_exclusive_command_runs_in_a_transaction_of_its_own() {
    let f = Fixture::new();
    let first = f.flushing("first");
    let shared = f.spawn(|w| {
        w.put_meta("shared", &1u64)?;
        w.commit()
    });
    f.wait_for_turns(1);
    let store = Arc::clone(&f.store);
    let now = f.now;
    let alone = thread::spawn(move || {
        let mut w = store.write_alone(now)?;
        w.set_bulk()?;
        w.put_meta("alone", &1u64)?;
        w.commit()
    });
    f.wait_for_turns(2);
    let before = f.store.commits();
    f.release();
    first.join().unwrap().unwrap();
    shared.join().unwrap().unwrap();
    alone.join().unwrap().unwrap();
    assert_eq!(f.store.commits() - before, 3, "first's, shared's, its own");
    assert_eq!(f.store.group.largest_batch(), 1);
    // A shared writer may not turn its batch's durability off.
    let mut w = f.store.write(f.now).unwrap();
    assert!(w.set_bulk().is_err());
}

/// The time bound: a batch older than its bound commits even while others
/// wait (here the bound is zero, so every command commits on its own).
#[test]
fn a_batch_past_its_age_commits_though_others_wait() {
    let f = Fixture::new();
    f.store.hold_batches_open_for(Duration::ZERO);
    let before = f.store.commits();
    assert_eq!(f.counters_behind_a_flush(3), vec![1, 2, 3]);
    assert_eq!(f.store.commits() - before, 4);
    assert_eq!(f.store.group.largest_batch(), 1);
}
