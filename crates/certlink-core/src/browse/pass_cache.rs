//! A bounded cache of computed values that many threads ask for at once
//! (issue 17): the first to ask for a key computes it while the others wait
//! for that one result (single flight) instead of each computing their own;
//! the values kept fit a byte budget and a count, the least recently used
//! dropped first. Values are handed out as clones (cheap: they hold `Arc`s),
//! so dropping one from the cache frees only what no one else holds.
//!
//! Generic and free of reports: `browse::shared` keys it by organization,
//! report version, sort and filter.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// What a value costs the cache to keep.
pub trait Weigh {
    /// Bytes held by the value (an estimate of its heap, the part that
    /// matters: a pass at a million rows is megabytes of positions).
    fn bytes(&self) -> usize;
}

/// How much a cache may keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Bytes of every value kept, together. A value larger than this is
    /// computed for its askers and not kept.
    pub bytes: usize,
    /// Values kept: the least recently used is found by a scan.
    pub count: usize,
}

/// How often a waiting thread wakes to ask its caller whether it still
/// wants the value (and to pass on the computation's progress): a superseded
/// request stops waiting within this time.
const WAIT_TICK: Duration = Duration::from_millis(50);

/// The cache's figures, for tests and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Values kept now.
    pub kept: usize,
    /// Their bytes, together (never above [`Bounds::bytes`]).
    pub bytes: usize,
    /// Computations started since the cache was made.
    pub computed: u64,
    /// Requests answered with a value another request computed (kept, or
    /// waited for).
    pub shared: u64,
}

enum Slot<V> {
    /// Someone computes it; the others wait.
    Computing(Arc<Flight>),
    Ready {
        value: V,
        bytes: usize,
        used_at: u64,
    },
    /// Computed but too large to keep: left for the requests that waited for
    /// it (else each would compute it again, one after the other), removed
    /// when the last has taken it. Not counted in the budget: they hold it.
    Handed { value: V, flight: Arc<Flight> },
}

/// What a computation shares with those waiting for it.
#[derive(Debug, Default)]
pub struct Flight {
    progress: AtomicUsize,
    waiting: AtomicUsize,
}

impl Flight {
    /// Records how far the computation is (waiters show it too).
    pub fn set_progress(&self, done: usize) {
        self.progress.store(done, Ordering::Relaxed);
    }

    pub fn progress(&self) -> usize {
        self.progress.load(Ordering::Relaxed)
    }

    /// Requests waiting for this computation: while any does, it is wanted
    /// even if the request that started it no longer is.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Acquire)
    }
}

struct State<K, V> {
    slots: HashMap<K, Slot<V>>,
    bytes: usize,
    kept: usize,
    tick: u64,
    computed: u64,
    shared: u64,
}

pub struct PassCache<K, V> {
    bounds: Bounds,
    state: Mutex<State<K, V>>,
    changed: Condvar,
}

/// Why a request got no value.
#[derive(Debug, PartialEq, Eq)]
pub enum Miss<E> {
    /// The caller stopped wanting it while it waited.
    GaveUp,
    /// This request computed it, and the computation failed.
    Failed(E),
}

impl<K: Hash + Eq + Clone, V: Clone + Weigh> PassCache<K, V> {
    pub fn new(bounds: Bounds) -> Self {
        PassCache {
            bounds,
            state: Mutex::new(State {
                slots: HashMap::new(),
                bytes: 0,
                kept: 0,
                tick: 0,
                computed: 0,
                shared: 0,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<K, V>> {
        // A panic elsewhere leaves the map consistent (every change is one
        // statement under the lock): go on with it.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn stats(&self) -> Stats {
        let s = self.lock();
        Stats {
            kept: s.kept,
            bytes: s.bytes,
            computed: s.computed,
            shared: s.shared,
        }
    }

    /// The value of `key`: kept, or being computed by another request (then
    /// waited for), or computed here by `compute`. A kept value that
    /// `usable` refuses (too old for this request) is dropped and computed
    /// anew. While waiting, `still_wanted` is asked every [`WAIT_TICK`] with
    /// the computation's progress; false ends the wait. If the computation
    /// fails, its requester gets the error and a waiting request computes
    /// in turn. Before a new value is kept, `obsolete` may drop values it
    /// makes useless (an older version of the same report).
    pub fn get_or_compute<E>(
        &self,
        key: &K,
        usable: impl Fn(&V) -> bool,
        mut still_wanted: impl FnMut(usize) -> bool,
        obsolete: impl Fn(&K, &V) -> bool,
        compute: impl FnOnce(&Flight) -> Result<V, E>,
    ) -> Result<V, Miss<E>> {
        let mut state = self.lock();
        // Counted among a computation's waiters from the first wait to the
        // end of this request, so it never looks unwanted between two waits.
        let mut counted = Waiting(None);
        let flight = loop {
            let tick = state.tick + 1;
            match state.slots.get_mut(key) {
                Some(Slot::Ready { value, used_at, .. }) if usable(value) => {
                    *used_at = tick;
                    let value = value.clone();
                    state.tick = tick;
                    state.shared += 1;
                    return Ok(value);
                }
                Some(Slot::Ready { .. }) => {
                    state.remove(key);
                }
                Some(Slot::Handed { value, flight }) => {
                    let (value, flight) = (value.clone(), Arc::clone(flight));
                    drop(std::mem::replace(&mut counted, Waiting(None)));
                    if flight.waiting() == 0 {
                        state.remove(key);
                    }
                    state.shared += 1;
                    return Ok(value);
                }
                Some(Slot::Computing(flight)) => {
                    let flight = Arc::clone(flight);
                    counted.on(&flight);
                    let (again, _) = self
                        .changed
                        .wait_timeout(state, WAIT_TICK)
                        .unwrap_or_else(PoisonError::into_inner);
                    state = again;
                    let done = flight.progress();
                    // Asked without the lock held: the caller's check is its own.
                    drop(state);
                    let wanted = still_wanted(done);
                    state = self.lock();
                    if !wanted {
                        drop(std::mem::replace(&mut counted, Waiting(None)));
                        // A value too large to keep, handed to waiters who
                        // all gave up, is nobody's: it must not stay.
                        if matches!(state.slots.get(key),
                            Some(Slot::Handed { flight: f, .. }) if f.waiting() == 0)
                        {
                            state.remove(key);
                        }
                        return Err(Miss::GaveUp);
                    }
                    continue;
                }
                None => {}
            }
            let flight = Arc::new(Flight::default());
            state
                .slots
                .insert(key.clone(), Slot::Computing(Arc::clone(&flight)));
            state.computed += 1;
            break flight;
        };
        drop(counted);
        drop(state);
        // Removes the computing slot however the computation ends (a panic
        // too), so waiters never wait for nothing.
        let landing = Landing {
            cache: self,
            key,
            flight: &flight,
        };
        let result = compute(&flight);
        let value = match result {
            Ok(value) => value,
            Err(e) => {
                drop(landing);
                return Err(Miss::Failed(e));
            }
        };
        std::mem::forget(landing);
        let mut state = self.lock();
        state.remove(key);
        let bytes = value.bytes();
        if bytes <= self.bounds.bytes && self.bounds.count > 0 {
            let dead: Vec<K> = state
                .slots
                .iter()
                .filter(|(k, slot)| matches!(slot, Slot::Ready { value, .. } if obsolete(k, value)))
                .map(|(k, _)| k.clone())
                .collect();
            for k in &dead {
                state.remove(k);
            }
            while state.bytes + bytes > self.bounds.bytes || state.kept >= self.bounds.count {
                if !state.drop_least_recent() {
                    break;
                }
            }
            state.tick += 1;
            let used_at = state.tick;
            state.bytes += bytes;
            state.kept += 1;
            state.slots.insert(
                key.clone(),
                Slot::Ready {
                    value: value.clone(),
                    bytes,
                    used_at,
                },
            );
        } else if flight.waiting() > 0 {
            let handed = Slot::Handed {
                value: value.clone(),
                flight: Arc::clone(&flight),
            };
            state.slots.insert(key.clone(), handed);
        }
        drop(state);
        self.changed.notify_all();
        Ok(value)
    }
}

impl<K: Hash + Eq + Clone, V> State<K, V> {
    /// Removes `key`'s slot, kept, computing or handed.
    fn remove(&mut self, key: &K) {
        if let Some(Slot::Ready { bytes, .. }) = self.slots.remove(key) {
            self.bytes -= bytes;
            self.kept -= 1;
        }
    }

    /// Drops the kept value used longest ago; false if none is kept.
    fn drop_least_recent(&mut self) -> bool {
        let oldest = self
            .slots
            .iter()
            .filter_map(|(k, slot)| match slot {
                Slot::Ready { used_at, .. } => Some((*used_at, k)),
                Slot::Computing(_) | Slot::Handed { .. } => None,
            })
            .min_by_key(|(used_at, _)| *used_at)
            .map(|(_, k)| k.clone());
        match oldest {
            Some(k) => {
                self.remove(&k);
                true
            }
            None => false,
        }
    }
}

/// The computation a request waits for, counted in its [`Flight`] while held.
struct Waiting(Option<Arc<Flight>>);

impl Waiting {
    fn on(&mut self, flight: &Arc<Flight>) {
        if self.0.as_ref().is_some_and(|f| Arc::ptr_eq(f, flight)) {
            return;
        }
        flight.waiting.fetch_add(1, Ordering::AcqRel);
        if let Some(old) = self.0.replace(Arc::clone(flight)) {
            old.waiting.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        if let Some(f) = self.0.take() {
            f.waiting.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// Takes a failed (or panicked) computation's slot away and wakes its waiters.
struct Landing<'a, K: Hash + Eq + Clone, V: Clone + Weigh> {
    cache: &'a PassCache<K, V>,
    key: &'a K,
    flight: &'a Arc<Flight>,
}

impl<K: Hash + Eq + Clone, V: Clone + Weigh> Drop for Landing<'_, K, V> {
    fn drop(&mut self) {
        let mut state = self.cache.lock();
        if matches!(state.slots.get(self.key), Some(Slot::Computing(f)) if Arc::ptr_eq(f, self.flight))
        {
            state.slots.remove(self.key);
        }
        drop(state);
        self.cache.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;

    #[derive(Debug, Clone, PartialEq, Eq)]
    struct Blob(Arc<Vec<u8>>);

    impl Weigh for Blob {
        fn bytes(&self) -> usize {
            self.0.len()
        }
    }

    fn blob(n: usize) -> Blob {
        Blob(Arc::new(vec![7; n]))
    }

    fn cache(bytes: usize, count: usize) -> PassCache<&'static str, Blob> {
        PassCache::new(Bounds { bytes, count })
    }

    fn get(c: &PassCache<&'static str, Blob>, key: &'static str, n: usize) -> Blob {
        c.get_or_compute(
            &key,
            |_| true,
            |_| true,
            |_, _| false,
            |_| Ok::<_, ()>(blob(n)),
        )
        .expect("computed")
    }

    #[test]
    fn a_kept_value_is_shared_not_computed_again() {
        let c = cache(1000, 10);
        let a = get(&c, "a", 100);
        let b = get(&c, "a", 100);
        assert!(Arc::ptr_eq(&a.0, &b.0));
        let s = c.stats();
        assert_eq!((s.computed, s.shared, s.kept, s.bytes), (1, 1, 1, 100));
    }

    #[test]
    fn the_least_recently_used_goes_first_and_the_budget_holds() {
        let c = cache(300, 10);
        get(&c, "a", 100);
        get(&c, "b", 100);
        get(&c, "c", 100);
        // "a" used again: "b" is now the least recent.
        get(&c, "a", 100);
        get(&c, "d", 150);
        let s = c.stats();
        assert!(s.bytes <= 300, "{s:?}");
        assert_eq!(s.computed, 4);
        // "b" and "c" made room (oldest first); "a" and "d" stay.
        get(&c, "a", 100);
        get(&c, "d", 150);
        assert_eq!(c.stats().computed, 4);
        get(&c, "b", 100);
        assert_eq!(c.stats().computed, 5);
        assert!(c.stats().bytes <= 300);
    }

    #[test]
    fn the_count_bound_holds_too() {
        let c = cache(10_000, 2);
        for key in ["a", "b", "c", "d"] {
            get(&c, key, 1);
        }
        assert_eq!(c.stats().kept, 2);
    }

    #[test]
    fn a_value_over_the_budget_is_given_but_not_kept() {
        let c = cache(100, 10);
        get(&c, "small", 50);
        let big = get(&c, "big", 101);
        assert_eq!(big.0.len(), 101);
        let s = c.stats();
        // Nothing was evicted for it either.
        assert_eq!((s.kept, s.bytes), (1, 50));
        get(&c, "big", 101);
        assert_eq!(c.stats().computed, 3);
    }

    /// Computes a value over any test budget under "big", once `waiters`
    /// other requests wait behind the computation (`computing` lets the test
    /// start them).
    fn big_once_waited(
        c: &PassCache<&'static str, Blob>,
        computing: &Barrier,
        waiters: usize,
    ) -> Result<Blob, Miss<()>> {
        c.get_or_compute(
            &"big",
            |_| true,
            |_| true,
            |_, _| false,
            |_| {
                computing.wait();
                while c.lock().slots.values().any(|s| match s {
                    Slot::Computing(f) => f.waiting() < waiters,
                    _ => false,
                }) {
                    std::thread::yield_now();
                }
                Ok(blob(500))
            },
        )
    }

    #[test]
    fn a_value_over_the_budget_still_reaches_every_request_that_waited() {
        let c = cache(100, 10);
        let computing = Barrier::new(2);
        std::thread::scope(|s| {
            let owner = s.spawn(|| big_once_waited(&c, &computing, 3));
            computing.wait();
            let waiters: Vec<_> = (0..3).map(|_| s.spawn(|| get(&c, "big", 1))).collect();
            let mine = owner.join().expect("no panic").expect("computed");
            for w in waiters {
                assert!(Arc::ptr_eq(&w.join().expect("no panic").0, &mine.0));
            }
        });
        let s = c.stats();
        assert_eq!((s.computed, s.shared, s.kept, s.bytes), (1, 3, 0, 0));
        // Gone once the waiters had it: not kept.
        assert!(c.lock().slots.is_empty());
    }

    /// A value over the budget handed to a waiter that then gives up is not
    /// left behind (it would hold its megabytes outside the budget).
    #[test]
    fn a_handed_value_whose_waiters_gave_up_is_not_left_behind() {
        let c = cache(100, 10);
        let computing = Barrier::new(2);
        std::thread::scope(|s| {
            let owner = s.spawn(|| big_once_waited(&c, &computing, 1));
            computing.wait();
            let waiter = s.spawn(|| {
                c.get_or_compute(
                    &"big",
                    |_| true,
                    // Gives up only once the value has been handed over.
                    |_| {
                        !c.lock()
                            .slots
                            .values()
                            .any(|s| matches!(s, Slot::Handed { .. }))
                    },
                    |_, _| false,
                    |_| Ok::<_, ()>(blob(1)),
                )
            });
            owner.join().expect("no panic").expect("computed");
            let gave_up = waiter.join().expect("no panic");
            assert_eq!(gave_up, Err(Miss::GaveUp));
        });
        assert!(c.lock().slots.is_empty(), "nothing is left behind");
        assert_eq!(c.stats().bytes, 0);
    }

    #[test]
    fn an_unusable_value_is_computed_anew_and_obsolete_ones_are_dropped() {
        let c = cache(1000, 10);
        get(&c, "a", 10);
        let again = c
            .get_or_compute(
                &"a",
                |_| false,
                |_| true,
                |_, _| false,
                |_| Ok::<_, ()>(blob(20)),
            )
            .expect("computed");
        assert_eq!(again.0.len(), 20);
        assert_eq!(c.stats().computed, 2);
        get(&c, "b", 30);
        c.get_or_compute(
            &"c",
            |_| true,
            |_| true,
            |k, _| *k == "b",
            |_| Ok::<_, ()>(blob(5)),
        )
        .expect("computed");
        let s = c.stats();
        assert_eq!((s.kept, s.bytes), (2, 25));
    }

    #[test]
    fn concurrent_requests_compute_once() {
        let c = cache(1000, 10);
        let start = Barrier::new(8);
        let computing = Barrier::new(2);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        start.wait();
                        c.get_or_compute(
                            &"a",
                            |_| true,
                            |_| true,
                            |_, _| false,
                            |_| {
                                // Held until the test has seen every other request wait.
                                computing.wait();
                                Ok::<_, ()>(blob(10))
                            },
                        )
                        .expect("computed")
                    })
                })
                .collect();
            // The one computation waits here until the others queue behind it.
            while c.lock().slots.values().all(|s| match s {
                Slot::Computing(f) => f.waiting() < 7,
                Slot::Ready { .. } | Slot::Handed { .. } => true,
            }) {
                std::thread::yield_now();
            }
            computing.wait();
            let values: Vec<Blob> = handles
                .into_iter()
                .map(|h| h.join().expect("no panic"))
                .collect();
            assert!(values.iter().all(|v| Arc::ptr_eq(&v.0, &values[0].0)));
        });
        let s = c.stats();
        assert_eq!((s.computed, s.shared), (1, 7));
    }

    #[test]
    fn a_failed_computation_hands_the_work_to_a_waiter_and_a_waiter_may_give_up() {
        let c = cache(1000, 10);
        let failed = c.get_or_compute(&"a", |_| true, |_| true, |_, _| false, |_| Err("disk"));
        assert_eq!(failed, Err(Miss::Failed("disk")));
        // Nothing stuck behind it: the next request computes.
        get(&c, "a", 10);
        assert_eq!(c.stats().computed, 2);

        let c = cache(1000, 10);
        let computing = Barrier::new(2);
        std::thread::scope(|s| {
            let owner = s.spawn(|| {
                c.get_or_compute(
                    &"k",
                    |_| true,
                    |_| true,
                    |_, _| false,
                    |_| {
                        computing.wait();
                        computing.wait();
                        Ok::<_, ()>(blob(1))
                    },
                )
            });
            computing.wait();
            // A waiter whose caller moved on stops waiting.
            let gave_up = c.get_or_compute(
                &"k",
                |_| true,
                |_| false,
                |_, _| false,
                |_| Ok::<_, ()>(blob(2)),
            );
            assert_eq!(gave_up, Err(Miss::GaveUp));
            computing.wait();
            assert!(owner.join().expect("no panic").is_ok());
        });
        assert_eq!(c.stats().computed, 1);
    }
}
