//! The undo log of one command inside a shared write transaction.
//!
//! Group commit ([`super::group`]) runs several commands, one after another,
//! in one redb write transaction. redb's savepoints can only be taken before a
//! transaction writes anything, so a command that fails part-way cannot be
//! rolled back by redb alone without taking the commands before it down too.
//! Instead every write of a command goes through a [`Logged`] table, which
//! keeps what the key held before; undoing the command puts those values
//! back, newest first, and the transaction is exactly what the earlier
//! commands left.
//!
//! The same tables keep the command's *redo* too when the store has a
//! write-ahead log ([`super::wal`]): every write as (table, key, new value),
//! which the batch appends to the log as one record before it commits.

use std::borrow::Borrow;
use std::cell::RefCell;

use redb::{Key, TableDefinition, TableHandle, Value, WriteTransaction};

use super::StoreError;

/// Puts one key back as it was before a write.
type Restore = Box<dyn FnOnce(&WriteTransaction) -> Result<(), StoreError>>;

/// What one command wrote, to put back if it fails. Off for a command that
/// runs alone in its transaction: there, failing aborts the transaction.
#[derive(Default)]
pub(super) struct UndoLog {
    restores: RefCell<Vec<Restore>>,
    off: bool,
    /// The command's writes for the write-ahead log, as `wal::push_op` encodes them.
    redo: RefCell<Vec<u8>>,
    redo_on: bool,
}

impl UndoLog {
    /// A log that keeps nothing (a command alone in its transaction).
    #[cfg(test)]
    pub(super) fn off() -> Self {
        Self::new(false, false)
    }

    /// A log that keeps what undoing needs if `undo`, and the writes for the
    /// write-ahead log if `redo`.
    pub(super) fn new(undo: bool, redo: bool) -> Self {
        Self {
            restores: RefCell::default(),
            off: !undo,
            redo: RefCell::default(),
            redo_on: redo,
        }
    }

    /// The command's writes for the write-ahead log (empty without one).
    pub(super) fn take_redo(&self) -> Vec<u8> {
        std::mem::take(&mut *self.redo.borrow_mut())
    }

    fn redo(&self, table: &str, key: &[u8], value: Option<&[u8]>) {
        if self.redo_on {
            super::wal::push_op(&mut self.redo.borrow_mut(), table, key, value);
        }
    }

    #[cfg(test)]
    pub(super) fn is_empty(&self) -> bool {
        self.restores.borrow().is_empty()
    }

    fn keep<K: Key + 'static, V: Value + 'static>(
        &self,
        def: TableDefinition<'static, K, V>,
        key: Vec<u8>,
        before: Option<Vec<u8>>,
    ) {
        if self.off {
            return;
        }
        self.restores.borrow_mut().push(Box::new(move |txn| {
            let mut table = txn.open_table(def)?;
            match &before {
                Some(value) => {
                    table.insert(K::from_bytes(&key), V::from_bytes(value))?;
                }
                None => {
                    table.remove(K::from_bytes(&key))?;
                }
            }
            Ok(())
        }));
    }

    /// Puts back everything the command wrote, newest first. No table of the
    /// transaction may be open.
    pub(super) fn undo(self, txn: &WriteTransaction) -> Result<(), StoreError> {
        for restore in self.restores.into_inner().into_iter().rev() {
            restore(txn)?;
        }
        Ok(())
    }
}

/// A table of the shared transaction that a command may write: reads through
/// `Deref` (a shared `redb::Table` cannot be written), writes through
/// [`Logged::insert`] and [`Logged::remove`], which keep the value they replace.
pub(super) struct Logged<'w, K: Key + 'static, V: Value + 'static> {
    table: redb::Table<'w, K, V>,
    def: TableDefinition<'static, K, V>,
    log: &'w UndoLog,
}

impl<'w, K: Key + 'static, V: Value + 'static> Logged<'w, K, V> {
    pub(super) fn open(
        txn: &'w WriteTransaction,
        def: TableDefinition<'static, K, V>,
        log: &'w UndoLog,
    ) -> Result<Self, StoreError> {
        Ok(Self {
            table: txn.open_table(def)?,
            def,
            log,
        })
    }

    /// Inserts `value` at `key`; returns whether the key held a value before.
    pub(super) fn insert<'k, 'v>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
        value: impl Borrow<V::SelfType<'v>>,
    ) -> Result<bool, StoreError> {
        let key = key.borrow();
        let value = value.borrow();
        let old = self.table.insert(key, value)?;
        let had = old.is_some();
        self.log.redo(
            self.def.name(),
            K::as_bytes(key).as_ref(),
            Some(V::as_bytes(value).as_ref()),
        );
        if !self.log.off {
            let before = old.map(|old| V::as_bytes(&old.value()).as_ref().to_vec());
            self.log
                .keep(self.def, K::as_bytes(key).as_ref().to_vec(), before);
        }
        Ok(had)
    }

    /// Inserts `value` at `key`; returns the bytes the key held before (to
    /// put back when an insert finds its key taken, with one descent).
    pub(super) fn insert_returning<'k, 'v>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
        value: impl Borrow<V::SelfType<'v>>,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let key = key.borrow();
        let value = value.borrow();
        let before = self
            .table
            .insert(key, value)?
            .map(|old| V::as_bytes(&old.value()).as_ref().to_vec());
        self.log.redo(
            self.def.name(),
            K::as_bytes(key).as_ref(),
            Some(V::as_bytes(value).as_ref()),
        );
        if !self.log.off {
            self.log
                .keep(self.def, K::as_bytes(key).as_ref().to_vec(), before.clone());
        }
        Ok(before)
    }

    /// Removes `key`; returns whether it held a value.
    pub(super) fn remove<'k>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
    ) -> Result<bool, StoreError> {
        let key = key.borrow();
        let Some(before) = self
            .table
            .remove(key)?
            .map(|old| V::as_bytes(&old.value()).as_ref().to_vec())
        else {
            return Ok(false);
        };
        self.log
            .redo(self.def.name(), K::as_bytes(key).as_ref(), None);
        if !self.log.off {
            // The key was there: undoing puts the old value back.
            self.log
                .keep(self.def, K::as_bytes(key).as_ref().to_vec(), Some(before));
        }
        Ok(true)
    }
}

impl<'w, K: Key + 'static, V: Value + 'static> std::ops::Deref for Logged<'w, K, V> {
    type Target = redb::Table<'w, K, V>;
    fn deref(&self) -> &Self::Target {
        &self.table
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use redb::{ReadableDatabase, ReadableTable};

    const T: TableDefinition<'static, (u64, &str), &[u8]> = TableDefinition::new("t");

    fn db() -> redb::Database {
        redb::Database::builder()
            .create_with_backend(redb::backends::InMemoryBackend::new())
            .unwrap()
    }

    fn contents(db: &redb::Database) -> Vec<((u64, String), Vec<u8>)> {
        let r = db.begin_read().unwrap();
        let t = r.open_table(T).unwrap();
        t.iter()
            .unwrap()
            .map(|e| {
                let (k, v) = e.unwrap();
                let (a, b) = k.value();
                ((a, b.to_string()), v.value().to_vec())
            })
            .collect()
    }

    /// Undo after inserts over old values, new keys and removals leaves the
    /// table exactly as the earlier writes of the transaction left it.
    #[test]
    fn undo_puts_back_what_the_command_changed() {
        let db = db();
        let txn = db.begin_write().unwrap();
        {
            let mut t = txn.open_table(T).unwrap();
            t.insert((1, "a"), b"one".as_slice()).unwrap();
            t.insert((2, "b"), b"two".as_slice()).unwrap();
        }
        let log = UndoLog::default();
        {
            let mut t = Logged::open(&txn, T, &log).unwrap();
            assert!(t.insert((1, "a"), b"changed".as_slice()).unwrap());
            assert!(!t.insert((3, "c"), b"new".as_slice()).unwrap());
            assert!(t.remove((2, "b")).unwrap());
            assert!(!t.remove((9, "z")).unwrap());
            // The same key twice: undone newest first, back to the first value.
            assert!(t.insert((1, "a"), b"again".as_slice()).unwrap());
            assert_eq!(t.get((1, "a")).unwrap().unwrap().value(), b"again");
        }
        assert!(!log.is_empty());
        log.undo(&txn).unwrap();
        txn.commit().unwrap();
        assert_eq!(
            contents(&db),
            vec![
                ((1, "a".to_string()), b"one".to_vec()),
                ((2, "b".to_string()), b"two".to_vec())
            ]
        );
    }

    /// A log that is off keeps nothing (a command alone in its transaction).
    #[test]
    fn an_off_log_keeps_nothing() {
        let db = db();
        let txn = db.begin_write().unwrap();
        let log = UndoLog::off();
        Logged::open(&txn, T, &log)
            .unwrap()
            .insert((1, "a"), b"x".as_slice())
            .unwrap();
        assert!(log.is_empty());
    }
}
