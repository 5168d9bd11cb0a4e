//! Slots shared fairly: at most `per_key` at once for one key (a source
//! address, a person) and `total` at once for everyone. Connections, sign-in
//! checks, exec commands and interactive sessions each have their own gate
//! (limits in [`super::limits`]), so no kind of work can take the others'
//! threads. Tokio's semaphores hand out waiting slots in arrival order.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Clone)]
pub struct Gate(Arc<Inner>);

struct Inner {
    total: Arc<Semaphore>,
    per_key: usize,
    /// One semaphore per key while someone holds or waits for one of its slots.
    keys: Mutex<HashMap<String, Arc<Semaphore>>>,
}

/// Why a slot was not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// This key holds all of its slots.
    Key,
    /// Everyone together holds all slots.
    Total,
}

/// A key's own slot, waiting for a shared one; given back when dropped.
pub struct Reserved {
    gate: Gate,
    key: String,
    own: Option<OwnedSemaphorePermit>,
    all: Option<OwnedSemaphorePermit>,
}

impl Reserved {
    /// Waits for a shared slot (first come, first served).
    pub async fn admit(mut self) -> Result<Pass, Full> {
        let all = match self.all.take() {
            Some(all) => all,
            None => self.gate.wait_total().await?,
        };
        let own = self.own.take().ok_or(Full::Key)?;
        Ok(self.gate.pass(&self.key, own, all))
    }
}

impl Drop for Reserved {
    fn drop(&mut self) {
        drop(self.all.take());
        if self.own.take().is_some() {
            self.gate.0.forget(&self.key);
        }
    }
}

/// One slot, given back when dropped.
pub struct Pass {
    gate: Arc<Inner>,
    key: String,
    permits: Option<(OwnedSemaphorePermit, OwnedSemaphorePermit)>,
}

impl Gate {
    pub fn new(total: usize, per_key: usize) -> Gate {
        Gate(Arc::new(Inner {
            total: Arc::new(Semaphore::new(total)),
            per_key,
            keys: Mutex::new(HashMap::new()),
        }))
    }

    /// A slot now, or why not (connections, interactive sessions).
    pub fn try_enter(&self, key: &str) -> Result<Pass, Full> {
        let mine = self.key_semaphore(key);
        let own = mine.try_acquire_owned().map_err(|_| Full::Key);
        let own = self.forget_if_unused(key, own)?;
        let all = Arc::clone(&self.0.total)
            .try_acquire_owned()
            .map_err(|_| Full::Total)?;
        Ok(self.pass(key, own, all))
    }

    /// The key's own slot now, or `Full::Key`; [`Reserved::admit`] then waits
    /// for a shared one (exec commands: one person cannot queue without end,
    /// and is answered in the order of the requests).
    pub fn reserve(&self, key: &str) -> Result<Reserved, Full> {
        let mine = self.key_semaphore(key);
        let own = mine.try_acquire_owned().map_err(|_| Full::Key);
        let own = self.forget_if_unused(key, own)?;
        // A free shared slot is taken at once too: requests that find one are
        // admitted in the order they came, not in the order their tasks run.
        let all = Arc::clone(&self.0.total).try_acquire_owned().ok();
        Ok(Reserved {
            gate: self.clone(),
            key: key.to_string(),
            own: Some(own),
            all,
        })
    }

    /// Waits for the key's slot, then a shared one (sign-in checks).
    pub async fn enter(&self, key: &str) -> Result<Pass, Full> {
        let mine = self.key_semaphore(key);
        let own = mine.acquire_owned().await.map_err(|_| Full::Key);
        let own = self.forget_if_unused(key, own)?;
        let all = self.wait_total().await?;
        Ok(self.pass(key, own, all))
    }

    /// Slots in use, for tests and figures.
    pub fn in_use(&self, capacity: usize) -> usize {
        capacity.saturating_sub(self.0.total.available_permits())
    }

    async fn wait_total(&self) -> Result<OwnedSemaphorePermit, Full> {
        // The semaphore is never closed: an error cannot happen, but is no panic.
        Arc::clone(&self.0.total)
            .acquire_owned()
            .await
            .map_err(|_| Full::Total)
    }

    fn key_semaphore(&self, key: &str) -> Arc<Semaphore> {
        let mut keys = self.0.keys.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(
            keys.entry(key.to_string())
                .or_insert_with(|| Arc::new(Semaphore::new(self.0.per_key))),
        )
    }

    fn forget_if_unused<T>(&self, key: &str, result: Result<T, Full>) -> Result<T, Full> {
        if result.is_err() {
            self.0.forget(key);
        }
        result
    }

    fn pass(&self, key: &str, own: OwnedSemaphorePermit, all: OwnedSemaphorePermit) -> Pass {
        Pass {
            gate: Arc::clone(&self.0),
            key: key.to_string(),
            permits: Some((own, all)),
        }
    }
}

impl Inner {
    /// Drops the key's entry when nobody holds or waits for its slots, so the
    /// map does not grow with every address ever seen.
    fn forget(&self, key: &str) {
        let mut keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
        if keys.get(key).is_some_and(|s| Arc::strong_count(s) == 1) {
            keys.remove(key);
        }
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        // Give the slots back first: the key's entry is unused only then.
        drop(self.permits.take());
        self.gate.forget(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_share_and_everyone_the_total() {
        let gate = Gate::new(3, 2);
        let a1 = gate.try_enter("a").expect("first of a");
        let _a2 = gate.try_enter("a").expect("second of a");
        assert_eq!(gate.try_enter("a").err(), Some(Full::Key));
        let _b1 = gate.try_enter("b").expect("b has its own share");
        assert_eq!(gate.try_enter("c").err(), Some(Full::Total));
        drop(a1);
        let _c1 = gate.try_enter("c").expect("a slot came back");
        assert_eq!(gate.in_use(3), 3);
    }

    #[test]
    fn keys_nobody_holds_are_forgotten() {
        let gate = Gate::new(10, 1);
        for i in 0..100 {
            let _pass = gate.try_enter(&format!("k{i}")).expect("free");
            let _ = gate.try_enter(&format!("k{i}"));
        }
        assert!(gate.0.keys.lock().unwrap().is_empty());
        assert_eq!(gate.in_use(10), 0);
    }

    #[tokio::test]
    async fn over_the_total_waits_over_the_own_share_is_busy() {
        let gate = Gate::new(1, 1);
        let held = gate
            .reserve("a")
            .expect("free")
            .admit()
            .await
            .expect("free");
        assert_eq!(gate.reserve("a").err(), Some(Full::Key));
        let other = gate.reserve("b").expect("b has its own share");
        let waiting = tokio::spawn(async move { other.admit().await.is_ok() });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "b waits for the one shared slot");
        drop(held);
        assert!(waiting.await.expect("task"), "b got the slot a gave back");
    }
}
