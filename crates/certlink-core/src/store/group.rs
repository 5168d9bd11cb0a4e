//! Group commit: many people's commands share one durable flush.
//!
//! redb has one write transaction at a time and a durable commit costs a
//! flush of the disk. Committing every command on its own makes 20 people who
//! act at once wait for each other's flushes. Here commands take turns, first
//! come first served, in one open write transaction (a *batch*): each runs
//! whole, sees the ones before it, and is decided by the domain as if it were
//! alone. When a command finishes and nobody is waiting for a turn, or the
//! batch is full or old, the transaction commits with `Durability::Immediate`
//! and only then does every command of the batch get its answer. Nothing is
//! acknowledged before it is durable, readers see a batch only once it is, and
//! a command that arrives alone commits at once: it never waits for company.
//!
//! A command that fails part-way is undone alone through its undo log
//! ([`super::undo`]); a failed commit (a disk error) fails exactly the
//! commands of its batch.
//!
//! A database file has a write-ahead log ([`super::wal`]): a batch is made
//! durable by appending its writes there, and redb commits it without a
//! flush; every few megabytes of log a batch commits durably in redb instead
//! (a checkpoint). Stores over other backends commit every batch durably.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::thread::Thread;
use std::time::{Duration, Instant};

use redb::{Durability, WriteTransaction};

use super::StoreError;
use super::undo::UndoLog;
use super::wal::{self, Wal};

/// The most commands one batch holds: bounds how long the first of them waits
/// for its answer (each command of a batch runs before the one flush).
pub const MAX_BATCH: usize = 64;

/// The longest a batch stays open for more commands, from its first command's
/// start: under a steady stream of arrivals a batch still commits this often.
pub const MAX_BATCH_AGE: Duration = Duration::from_millis(4);

/// How one batch ended, shared by its commands.
#[derive(Default)]
struct Batch {
    /// `None` once durable, or the error that stopped it.
    outcome: OnceLock<Option<StoreError>>,
}

/// The open batch: its transaction (while no command holds it) and what it holds.
struct Open {
    /// The transaction, parked between two commands' turns.
    txn: Option<WriteTransaction>,
    batch: Arc<Batch>,
    /// Commands of this batch that finished (their writes are in `txn`).
    members: usize,
    opened: Instant,
    /// What the finished commands tell others once the batch has ended
    /// (the report versions they moved).
    after: Vec<AfterBatch>,
    /// The finished commands' writes, for the write-ahead log.
    redo: Vec<u8>,
    /// An exclusive command's transaction that commits without a flush and
    /// without a log record (a bulk load's intermediate commits).
    unlogged: bool,
}

/// Run once the batch of a command has ended, committed or failed (a failed
/// commit may still be on the disk: telling readers "changed" is the safe side).
pub(super) type AfterBatch = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct State {
    /// The next ticket to hand out, and the ticket whose turn it is.
    next_ticket: u64,
    serving: u64,
    open: Option<Open>,
    /// A batch is being committed: the next turn waits for the flush (redb
    /// would make it wait anyway, holding this lock).
    committing: bool,
    /// The threads waiting for their turn, by ticket: only the next one is
    /// woken when a turn ends (waking all of 64 waiters on two cores for each
    /// turn cost more than the commands).
    queued: BTreeMap<u64, Thread>,
    /// Tests that line commands up in one batch on a busy machine: a longer
    /// [`MAX_BATCH_AGE`] (`None`: the constant).
    max_age: Option<Duration>,
}

impl State {
    /// Tickets handed out and not yet served: the command holding the turn,
    /// if any, and those waiting for one.
    fn waiting(&self) -> u64 {
        self.next_ticket - self.serving
    }
}

/// The turns, batches and flushes of one store.
#[derive(Default)]
pub(super) struct Group {
    state: Mutex<State>,
    /// Wakes the commands waiting for their batch's outcome.
    settled: Condvar,
    /// Batches committed: views compare it with the count their rows were
    /// read at to know they are stale (read without the lock).
    committed: AtomicU64,
    /// The most commands one committed batch held (for `serve`'s log and tests).
    largest: AtomicUsize,
    /// The database file's write-ahead log (`None`: every batch commits
    /// durably in redb). Locked only by the batch being committed, a
    /// checkpoint, and a reopen's replay.
    wal: Mutex<Option<Wal>>,
    /// Whether `wal` is set: commands keep their writes for it.
    logged: std::sync::atomic::AtomicBool,
}

/// A command's turn: it holds the batch's transaction until it finishes.
pub(super) struct Turn {
    pub(super) txn: WriteTransaction,
    batch: Arc<Batch>,
    /// Runs alone in its own transaction (bulk loads, imports): commits by
    /// itself at its end, with the durability it set.
    alone: bool,
    /// The first command of its batch: if it fails, nobody else's writes are
    /// in the transaction, so dropping it undoes the command (no undo log).
    first: bool,
    /// Its writes go to the write-ahead log (a shared batch of a store with one).
    redo: bool,
    /// Set by a bulk load: commits without a flush and without a log record.
    pub(super) unlogged: bool,
}

impl Turn {
    pub(super) fn is_alone(&self) -> bool {
        self.alone
    }

    /// A log for this command's writes: off when no other command's writes
    /// are in its transaction (failing aborts the transaction instead): a
    /// lone command pays nothing for the log.
    pub(super) fn undo_log(&self) -> UndoLog {
        UndoLog::new(!(self.alone || self.first), self.redo)
    }
}

impl Group {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A command that panicked left the state consistent (every change to it
        // is a few assignments): go on.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wal(&self) -> MutexGuard<'_, Option<Wal>> {
        // Every change to the log's state is made after its I/O returned.
        self.wal.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Gives this store's batches a write-ahead log (a database file).
    pub(super) fn set_wal(&self, log: Wal) {
        *self.wal() = Some(log);
        self.logged.store(true, Ordering::Release);
    }

    /// Runs `f` on the write-ahead log, if there is one: a reopened database's
    /// replay, while no batch commits.
    pub(super) fn with_wal<T>(&self, f: impl FnOnce(&mut Option<Wal>) -> T) -> T {
        f(&mut self.wal())
    }

    /// Whether the write-ahead log holds records a checkpoint would retire.
    pub(super) fn log_holds_records(&self) -> bool {
        self.wal().as_ref().is_some_and(Wal::holds_records)
    }

    /// Commits the batches before it, then commits durably in redb (which
    /// empties the write-ahead log): before closing, an integrity check or
    /// compaction, so the database file alone holds everything.
    pub(super) fn checkpoint(
        &self,
        begin: impl FnOnce() -> Result<WriteTransaction, StoreError>,
    ) -> Result<(), StoreError> {
        let turn = self.enter(true, begin)?;
        self.finish(turn, Vec::new(), Box::new(|| {}))
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.settled.wait(guard).unwrap_or_else(|p| p.into_inner())
    }

    /// Write transactions committed through this group.
    pub(super) fn committed(&self) -> u64 {
        self.committed.load(Ordering::Acquire)
    }

    /// The most commands one committed batch held.
    pub(super) fn largest_batch(&self) -> usize {
        self.largest.load(Ordering::Relaxed)
    }

    /// Keeps batches open for up to `age` (tests: a loaded machine must not
    /// split the batch a test lined up).
    #[cfg(any(test, feature = "test-support"))]
    pub(super) fn set_max_age(&self, age: Duration) {
        self.lock().max_age = Some(age);
    }

    /// Commands waiting for their turn or holding it.
    pub(super) fn waiting(&self) -> u64 {
        self.lock().waiting()
    }

    /// Waits for this command's turn and gives it the open batch's
    /// transaction, or a new one from `begin`. `alone` commands get a
    /// transaction of their own: an open batch is committed first.
    pub(super) fn enter(
        &self,
        alone: bool,
        begin: impl FnOnce() -> Result<WriteTransaction, StoreError>,
    ) -> Result<Turn, StoreError> {
        let mut state = self.lock();
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        if state.serving != ticket || state.committing {
            state.queued.insert(ticket, std::thread::current());
            while state.serving != ticket || state.committing {
                drop(state);
                // An unpark that came first makes this return at once.
                std::thread::park();
                state = self.lock();
            }
            state.queued.remove(&ticket);
        }
        if alone && state.open.as_ref().is_some_and(|o| o.members > 0) {
            // The batch before an exclusive command commits on its own first.
            state = self.commit_open(state);
        }
        if let Some(open) = state.open.as_mut()
            && !alone
            && let Some(txn) = open.txn.take()
        {
            let batch = Arc::clone(&open.batch);
            return Ok(Turn {
                txn,
                batch,
                alone,
                first: false,
                redo: self.logged.load(Ordering::Acquire),
                unlogged: false,
            });
        }
        // A new batch: drop an empty one left open (nothing in it to keep).
        state.open = None;
        match begin() {
            Ok(txn) => {
                let batch = Arc::<Batch>::default();
                state.open = Some(Open {
                    txn: None,
                    batch: Arc::clone(&batch),
                    members: 0,
                    opened: Instant::now(),
                    after: Vec::new(),
                    redo: Vec::new(),
                    unlogged: false,
                });
                Ok(Turn {
                    txn,
                    batch,
                    alone,
                    first: true,
                    redo: !alone && self.logged.load(Ordering::Acquire),
                    unlogged: false,
                })
            }
            Err(e) => {
                self.next_turn(&mut state);
                Err(e)
            }
        }
    }

    /// The command of `turn` finished: its writes stay in the batch. Returns
    /// once the batch is durable, or with the error that stopped it.
    pub(super) fn finish(
        &self,
        turn: Turn,
        redo: Vec<u8>,
        after: AfterBatch,
    ) -> Result<(), StoreError> {
        let batch = Arc::clone(&turn.batch);
        let mut state = self.lock();
        if let Some(open) = state.open.as_mut() {
            open.members += 1;
            open.txn = Some(turn.txn);
            open.after.push(after);
            open.unlogged |= turn.unlogged;
            if open.redo.is_empty() {
                open.redo = redo;
            } else {
                open.redo.extend_from_slice(&redo);
            }
        }
        self.next_turn(&mut state);
        if turn.alone || self.should_commit(&state) {
            state = self.commit_open(state);
        }
        self.settled(state, &batch)
    }

    /// The command of `turn` failed: its writes are undone through `log`
    /// and the batch goes on for the others. The first command of a batch
    /// (or an exclusive one) is undone by dropping the transaction; if the
    /// undo fails, the whole batch is abandoned.
    pub(super) fn abandon(&self, turn: Turn, log: UndoLog) {
        // While unwinding from a panic do as little as possible: abandon the
        // batch (its commands get an error) rather than risk a second panic.
        let undone = if std::thread::panicking() || turn.alone || turn.first {
            Err(None)
        } else {
            log.undo(&turn.txn).map_err(Some)
        };
        let mut state = self.lock();
        match undone {
            Ok(()) => {
                if let Some(open) = state.open.as_mut() {
                    open.txn = Some(turn.txn);
                }
            }
            Err(cause) => {
                drop(turn.txn);
                if let Some(open) = state.open.take() {
                    let said = cause.map_or_else(
                        || "a command of the same batch stopped".to_string(),
                        |e| format!("a command of the same batch could not be undone: {e}"),
                    );
                    let _ = open.batch.outcome.set(Some(StoreError::Stopped(format!(
                        "{said}; nothing of this command was saved"
                    ))));
                    self.settled.notify_all();
                }
            }
        }
        self.next_turn(&mut state);
        if self.should_commit(&state) {
            drop(self.commit_open(state));
        }
    }

    /// Hands the turn to the next ticket.
    fn next_turn(&self, state: &mut State) {
        state.serving += 1;
        Self::wake_turn(state);
    }

    /// Wakes the command whose turn it is, unless a flush holds it back.
    fn wake_turn(state: &State) {
        if !state.committing
            && let Some(next) = state.queued.get(&state.serving)
        {
            next.unpark();
        }
    }

    /// Whether the open batch commits now: nobody waits for a turn (a lone
    /// command never waits for company), or it is full or old.
    fn should_commit(&self, state: &State) -> bool {
        let Some(open) = &state.open else {
            return false;
        };
        if open.txn.is_none() {
            return false; // a command holds it
        }
        let max_age = state.max_age.unwrap_or(MAX_BATCH_AGE);
        state.waiting() == 0 || open.members >= MAX_BATCH || open.opened.elapsed() >= max_age
    }

    /// Commits the open batch (or drops it if no command finished in it),
    /// flushing outside the lock, and tells its commands.
    fn commit_open<'a>(&'a self, mut state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        // A batch whose transaction a command holds is not this caller's to end.
        if state.open.as_ref().is_none_or(|o| o.txn.is_none()) {
            return state;
        }
        let Some(Open {
            txn: Some(txn),
            batch,
            members,
            after,
            redo,
            unlogged,
            ..
        }) = state.open.take()
        else {
            return state;
        };
        if members == 0 {
            return state; // nothing to keep: dropping it aborts
        }
        state.committing = true;
        drop(state);
        let outcome = self.make_durable(txn, &redo, unlogged).err();
        for after in after {
            after();
        }
        let mut state = self.lock();
        state.committing = false;
        Self::wake_turn(&state);
        if outcome.is_none() {
            self.committed.fetch_add(1, Ordering::Release);
            self.largest.fetch_max(members, Ordering::Relaxed);
        }
        let _ = batch.outcome.set(outcome);
        self.settled.notify_all();
        state
    }

    /// Commits one batch so that it is durable when this returns: through the
    /// write-ahead log if the store has one and no checkpoint is due, else
    /// with redb's own durable commit.
    fn make_durable(
        &self,
        mut txn: WriteTransaction,
        redo: &[u8],
        unlogged: bool,
    ) -> Result<(), StoreError> {
        let mut log = self.wal();
        let Some(log) = log.as_mut() else {
            return Ok(txn.commit()?);
        };
        if unlogged {
            // A bulk load's commit without a flush: in no log, so the batch
            // after it must be a checkpoint.
            log.note_unlogged_commit();
            return Ok(txn.commit()?);
        }
        if log.checkpoint_due() || redo.is_empty() && log.holds_records() {
            // Durable in redb, and with it every batch before: the log's
            // records are no longer needed.
            wal::write_applied(&txn, log.last())?;
            let started = Instant::now();
            txn.commit()?;
            if !redo.is_empty() {
                // A batch's own checkpoint (an exclusive command's commit
                // takes as long as its writes, whatever the interval).
                log.checkpoint_took(started.elapsed());
            }
            if let Err(e) = log.reset() {
                // The records stay, never replayed (the state says it holds
                // them); the next batch tries again.
                tracing::warn!(error = %e, "cannot empty the write-ahead log");
            }
            return Ok(());
        }
        if redo.is_empty() {
            // Nothing written (and nothing pending in the log): a durable
            // commit with nothing to flush but the header.
            return Ok(txn.commit()?);
        }
        // The record first, flushed: only then may redb make the batch visible.
        log.append(redo)?;
        txn.set_durability(Durability::None)?;
        txn.commit().map_err(|e| {
            // The record is on disk but the batch is not in the database:
            // the next batch is a checkpoint (after which the record is never
            // replayed), and a reopen after this error replays it.
            log.note_unlogged_commit();
            StoreError::from(e)
        })
    }

    /// Waits until `batch` is durable or failed.
    fn settled(&self, mut state: MutexGuard<'_, State>, batch: &Batch) -> Result<(), StoreError> {
        loop {
            if let Some(outcome) = batch.outcome.get() {
                return match outcome {
                    None => Ok(()),
                    Some(e) => Err(e.duplicate()),
                };
            }
            state = self.wait(state);
        }
    }
}
