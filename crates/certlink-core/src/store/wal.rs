//! The write-ahead log: how a batch of commands becomes durable with one short
//! append and one flush.
//!
//! A durable redb commit writes every page its batch changed, each with its
//! own `pwrite`, before its flush: about 30 scattered pages for a move
//! (docs/performance.md, "A cheaper single commit"). Here a batch's writes are
//! instead appended to `NAME.wal`, beside the database file, as one record of
//! (table, key, new value) operations, flushed with one `fdatasync`; only then
//! does redb commit the batch without a flush of its own (`Durability::None`:
//! its pages stay in redb's write buffer) and do its commands get their
//! answers. Nothing is acknowledged before its record is on disk, and readers
//! see a batch only after that, as before.
//!
//! Once the log holds its checkpoint size (at most [`CHECKPOINT_BYTES`]), a
//! batch commits durably in redb
//! instead (a *checkpoint*): that commit makes every earlier batch durable in
//! the database file, stores the sequence number of the last record it covers
//! in `meta` ([`APPLIED`]), and the log starts again empty. Opening a database
//! replays the records its durable state lacks (sequence numbers above
//! [`APPLIED`]) in one durable commit, so a crash loses nothing acknowledged.
//!
//! A record is `[payload length u32][CRC-32 u32][sequence u64][payload]`, the
//! CRC over sequence and payload, little-endian. A crash during an append
//! leaves a torn record whose CRC does not match: the log ends before it
//! (its batch was never acknowledged). Sequence numbers are never reused: an
//! append that failed may still have reached the disk, so the next batch is a
//! checkpoint, which covers that number too, and the record is never replayed
//! over later writes.

use redb::{Database, Key, ReadableDatabase, StorageBackend, TableDefinition, TableHandle, Value};

use super::StoreError;
use super::tables::{self, META};

/// The most log the next checkpoint waits for: bounds the replay after a
/// crash (a move's record is about 1.5 KiB: some 700 moves) and the pages
/// redb holds for non-durable commits.
pub const CHECKPOINT_BYTES: u64 = 1024 * 1024;

/// The least: a checkpoint always covers a few dozen moves.
pub const MIN_CHECKPOINT_BYTES: u64 = 32 * 1024;

/// How long a checkpoint may hold every writer up. Its flush writes every page
/// the batches since the last one changed: on a small or hot database those
/// are few whatever the interval (1.7–4 ms at 1 MiB), on a large one with
/// scattered changes they grow with it (about 100 ms for 700 commits of 25
/// scattered writes in a 0.6 GB file: `bench/examples/checkpoint_pause.rs`).
/// So the size halves after a slower checkpoint and doubles back after a
/// quick one; the flushing costs the same per change either way.
pub const CHECKPOINT_PAUSE: std::time::Duration = std::time::Duration::from_millis(10);

/// `meta` key: the sequence number of the last record the durable state holds.
pub const APPLIED: &str = "wal:applied";

/// The log file grows by this much at a time: most appends then write inside
/// the file, and their flush need not record a new length.
const GROW_BYTES: u64 = 1024 * 1024;

/// Bytes before a record's payload: length, CRC, sequence number.
const HEADER: usize = 16;

/// The largest payload a record may claim: a longer length is damage, not a
/// batch (a batch of 64 commands writes well under a megabyte).
const MAX_PAYLOAD: u32 = 256 * 1024 * 1024;

/// The log file of a database file: `NAME.wal` beside it.
pub fn path_of(db: &std::path::Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".wal");
    std::path::PathBuf::from(name)
}

/// Appends one write to a batch's payload: `value` is the new value, `None`
/// a removal.
pub(super) fn push_op(payload: &mut Vec<u8>, table: &str, key: &[u8], value: Option<&[u8]>) {
    // Table names are short constants (tables.rs); keys and values are
    // bounded by redb's own 3 GiB limit, far under u32.
    payload.push(table.len() as u8);
    payload.extend_from_slice(table.as_bytes());
    payload.extend_from_slice(&(key.len() as u32).to_le_bytes());
    payload.extend_from_slice(key);
    match value {
        Some(v) => {
            payload.push(1);
            payload.extend_from_slice(&(v.len() as u32).to_le_bytes());
            payload.extend_from_slice(v);
        }
        None => payload.push(0),
    }
}

/// One write of a record, as [`push_op`] encoded it.
#[derive(Debug, PartialEq, Eq)]
struct Op<'a> {
    table: &'a str,
    key: &'a [u8],
    value: Option<&'a [u8]>,
}

/// Reads a payload back into its writes; `None` if it does not parse (its CRC
/// matched, so a bug, reported as damage).
fn ops(payload: &[u8]) -> Option<Vec<Op<'_>>> {
    fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        *rest = tail;
        Some(head)
    }
    fn len(rest: &mut &[u8]) -> Option<usize> {
        let b = take(rest, 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?) as usize)
    }
    let mut rest = payload;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let name_len = *take(&mut rest, 1)?.first()? as usize;
        let table = std::str::from_utf8(take(&mut rest, name_len)?).ok()?;
        let key_len = len(&mut rest)?;
        let key = take(&mut rest, key_len)?;
        let value = match take(&mut rest, 1)?.first()? {
            0 => None,
            1 => {
                let n = len(&mut rest)?;
                Some(take(&mut rest, n)?)
            }
            _ => return None,
        };
        out.push(Op { table, key, value });
    }
    Some(out)
}

fn checksum(sequence: u64, payload: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(&sequence.to_le_bytes());
    h.update(payload);
    h.finalize()
}

/// One database's log file, written only by the batch being committed.
pub(super) struct Wal {
    file: Box<dyn StorageBackend>,
    /// Where the next record goes: the end of the last whole record.
    end: u64,
    /// The file's length: zeros after `end` (a zero header never checks out).
    capacity: u64,
    /// The sequence number the next record gets.
    next: u64,
    /// The log size at which the next batch is a checkpoint (adapts to how
    /// long checkpoints take, within the bounds above).
    checkpoint_bytes: u64,
    /// The next batch must commit durably in redb: an append failed (its
    /// record may be on disk), a reset failed, or a bulk load committed
    /// without a flush and without a record (its writes are in no log).
    checkpoint_due: bool,
}

impl Wal {
    /// A log over `file`, read back: its records that `db`'s durable state
    /// lacks are replayed into `db` in one durable commit, then the log is
    /// emptied. Returns the log and how many records were replayed.
    pub(super) fn recover(
        file: Box<dyn StorageBackend>,
        db: &Database,
    ) -> Result<(Wal, u64), StoreError> {
        let mut wal = Wal {
            file,
            end: 0,
            capacity: 0,
            next: 1,
            checkpoint_bytes: CHECKPOINT_BYTES,
            checkpoint_due: false,
        };
        let replayed = wal.replay(db)?;
        Ok((wal, replayed))
    }

    /// Replays into `db` the records its durable state lacks, in one durable
    /// commit, then empties the log: at open, and when a database stopped by
    /// a disk error is opened again (the batches acknowledged since its last
    /// durable commit were only in the old one's memory).
    pub(super) fn replay(&mut self, db: &Database) -> Result<u64, StoreError> {
        let applied = read_applied(db)?;
        let records = read_records(self.file.as_ref())?;
        let last = records.last().map_or(applied, |(seq, _)| *seq);
        let pending: Vec<&(u64, Vec<u8>)> =
            records.iter().filter(|(seq, _)| *seq > applied).collect();
        for (expected, (seq, _)) in (applied + 1..).zip(pending.iter()) {
            if *seq != expected {
                return Err(StoreError::Corrupt(format!(
                    "the write-ahead log skips from record {} to record {seq}",
                    expected - 1
                )));
            }
        }
        if !pending.is_empty() {
            let txn = db.begin_write()?;
            for (_, payload) in &pending {
                let ops = ops(payload).ok_or_else(|| {
                    StoreError::Corrupt("a record of the write-ahead log does not parse".into())
                })?;
                for op in ops {
                    apply(&txn, &op)?;
                }
            }
            write_applied(&txn, last)?;
            txn.commit()?;
            tracing::info!(
                records = pending.len(),
                through = last,
                "replayed the write-ahead log"
            );
        }
        // Numbers handed to appends that failed stay used.
        self.next = last.max(applied).max(self.last()) + 1;
        if self.file.len().map_err(super::error::from_backend_io)? > 0 {
            self.reset()?;
        } else {
            // Already empty (a clean close): no truncation, no flush at open.
            self.end = 0;
            self.capacity = 0;
        }
        Ok(pending.len() as u64)
    }

    /// The sequence number of the last record handed out (0: none yet).
    pub(super) fn last(&self) -> u64 {
        self.next - 1
    }

    /// Whether the next batch should commit durably in redb instead.
    pub(super) fn checkpoint_due(&self) -> bool {
        self.checkpoint_due || self.end >= self.checkpoint_bytes
    }

    /// A checkpoint's durable commit took `took`: the next one comes sooner
    /// if it held the writers up too long, later again if it was quick.
    pub(super) fn checkpoint_took(&mut self, took: std::time::Duration) {
        self.checkpoint_bytes = if took > CHECKPOINT_PAUSE {
            (self.checkpoint_bytes / 2).max(MIN_CHECKPOINT_BYTES)
        } else if took < CHECKPOINT_PAUSE / 4 {
            (self.checkpoint_bytes * 2).min(CHECKPOINT_BYTES)
        } else {
            self.checkpoint_bytes
        };
    }

    /// Whether the log holds records a checkpoint would make unneeded.
    pub(super) fn holds_records(&self) -> bool {
        self.end > 0 || self.checkpoint_due
    }

    /// A bulk load committed without a flush and without a record: the next
    /// ordinary batch is a checkpoint, so no record is ever replayed over a
    /// state that lacks the load.
    pub(super) fn note_unlogged_commit(&mut self) {
        self.checkpoint_due = true;
    }

    /// Appends one batch's payload as a record and flushes it. On failure the
    /// record may or may not be on disk: its sequence number stays used and
    /// the next batch is a checkpoint.
    pub(super) fn append(&mut self, payload: &[u8]) -> Result<u64, StoreError> {
        let sequence = self.next;
        self.next += 1;
        let mut record = Vec::with_capacity(HEADER + payload.len());
        let len = u32::try_from(payload.len())
            .ok()
            .filter(|n| *n <= MAX_PAYLOAD)
            .ok_or_else(|| {
                StoreError::Redb("one batch wrote too much for one log record".into())
            })?;
        record.extend_from_slice(&len.to_le_bytes());
        record.extend_from_slice(&checksum(sequence, payload).to_le_bytes());
        record.extend_from_slice(&sequence.to_le_bytes());
        record.extend_from_slice(payload);
        let needed = self.end + record.len() as u64;
        let grown = if needed > self.capacity {
            let capacity = needed.next_multiple_of(GROW_BYTES);
            self.file
                .set_len(capacity)
                .map(|()| self.capacity = capacity)
        } else {
            Ok(())
        };
        let written = grown
            .and_then(|()| self.file.write(self.end, &record))
            .and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.end += record.len() as u64;
                Ok(sequence)
            }
            Err(e) => {
                self.checkpoint_due = true;
                Err(super::error::from_backend_io(e))
            }
        }
    }

    /// After a checkpoint: every record is in the durable state, so the log
    /// is emptied. If emptying fails the records stay (the durable state says
    /// it holds them: they are never replayed) and the next batch tries again.
    pub(super) fn reset(&mut self) -> Result<(), StoreError> {
        let emptied = self.file.set_len(0).and_then(|()| self.file.sync_data());
        match emptied {
            Ok(()) => {
                self.end = 0;
                self.capacity = 0;
                self.checkpoint_due = false;
                Ok(())
            }
            Err(e) => {
                self.checkpoint_due = true;
                Err(super::error::from_backend_io(e))
            }
        }
    }
}

/// The sequence number of the last record `db`'s durable state holds.
fn read_applied(db: &Database) -> Result<u64, StoreError> {
    let r = db.begin_read()?;
    let meta = match r.open_table(META) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    Ok(match meta.get(APPLIED)? {
        Some(v) => super::codec::decode(v.value(), "write-ahead log position")?,
        None => 0,
    })
}

/// Stores, in a commit that will be durable, that the state holds every
/// record through `sequence`.
pub(super) fn write_applied(txn: &redb::WriteTransaction, sequence: u64) -> Result<(), StoreError> {
    let bytes = super::codec::encode(&sequence)?;
    txn.open_table(META)?.insert(APPLIED, bytes.as_slice())?;
    Ok(())
}

/// The whole records of the log, in order; a torn or damaged tail ends it.
fn read_records(file: &dyn StorageBackend) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
    let len = file.len().map_err(super::error::from_backend_io)?;
    let mut at = 0u64;
    let mut out = Vec::new();
    let mut header = [0u8; HEADER];
    // Past the last record: zeros (the file grows ahead of its records), or
    // the torn record of an append a crash cut short.
    while at + HEADER as u64 <= len {
        file.read(at, &mut header)
            .map_err(super::error::from_backend_io)?;
        let word =
            |i: usize| u32::from_le_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
        let size = word(0);
        let crc = word(4);
        let mut seq = [0u8; 8];
        seq.copy_from_slice(&header[8..16]);
        let sequence = u64::from_le_bytes(seq);
        if size > MAX_PAYLOAD || at + HEADER as u64 + u64::from(size) > len {
            break;
        }
        let mut payload = vec![0u8; size as usize];
        file.read(at + HEADER as u64, &mut payload)
            .map_err(super::error::from_backend_io)?;
        if checksum(sequence, &payload) != crc {
            break;
        }
        at += HEADER as u64 + u64::from(size);
        out.push((sequence, payload));
    }
    Ok(out)
}

/// Applies one write of a record to the table it names.
fn apply(txn: &redb::WriteTransaction, op: &Op<'_>) -> Result<(), StoreError> {
    fn put<K: Key + 'static, V: Value + 'static>(
        txn: &redb::WriteTransaction,
        def: TableDefinition<'static, K, V>,
        op: &Op<'_>,
    ) -> Result<(), StoreError> {
        let mut table = txn.open_table(def)?;
        match op.value {
            Some(value) => {
                table.insert(K::from_bytes(op.key), V::from_bytes(value))?;
            }
            None => {
                table.remove(K::from_bytes(op.key))?;
            }
        }
        Ok(())
    }
    use tables::*;
    macro_rules! apply_to {
        ($table:ident) => {
            if op.table == $table.name() {
                return put(txn, $table, op);
            }
        };
    }
    tables::for_each_table!(apply_to);
    Err(StoreError::Corrupt(format!(
        "the write-ahead log writes to a table this version does not have ({})",
        op.table
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use redb::backends::InMemoryBackend;

    #[test]
    fn a_payload_reads_back_as_the_writes_it_holds() {
        let mut p = Vec::new();
        push_op(&mut p, "links", &7u64.to_le_bytes(), Some(b"value"));
        push_op(&mut p, "meta", b"next_id:link", None);
        assert_eq!(
            ops(&p).unwrap(),
            vec![
                Op {
                    table: "links",
                    key: &7u64.to_le_bytes(),
                    value: Some(b"value".as_slice())
                },
                Op {
                    table: "meta",
                    key: b"next_id:link",
                    value: None
                },
            ]
        );
        assert!(ops(&p[..p.len() - 1]).is_none(), "a cut payload is refused");
    }

    fn file_with(records: &[(u64, &[u8])]) -> InMemoryBackend {
        let file = InMemoryBackend::new();
        let mut wal = Wal {
            file: Box::new(file),
            end: 0,
            capacity: 0,
            next: 1,
            checkpoint_bytes: CHECKPOINT_BYTES,
            checkpoint_due: false,
        };
        for (seq, payload) in records {
            wal.next = *seq;
            wal.append(payload).unwrap();
        }
        let len = wal.file.len().unwrap();
        let mut bytes = vec![0; len as usize];
        wal.file.read(0, &mut bytes).unwrap();
        let copy = InMemoryBackend::new();
        copy.set_len(len).unwrap();
        copy.write(0, &bytes).unwrap();
        copy
    }

    #[test]
    fn a_torn_or_damaged_tail_ends_the_log_and_what_precedes_it_is_kept() {
        let file = file_with(&[(1, b"one"), (2, b"two"), (3, b"three")]);
        // The file grew ahead of its records: zeros follow them.
        assert_eq!(file.len().unwrap(), GROW_BYTES);
        let whole: Vec<u64> = read_records(&file).unwrap().iter().map(|r| r.0).collect();
        assert_eq!(whole, vec![1, 2, 3]);
        // A crash during the third append: its last bytes never arrived.
        let end = (3 * HEADER + 3 + 3 + 5) as u64;
        file.set_len(end - 2).unwrap();
        let torn: Vec<u64> = read_records(&file).unwrap().iter().map(|r| r.0).collect();
        assert_eq!(torn, vec![1, 2]);
        // A flipped byte inside the second record's payload.
        let file = file_with(&[(1, b"one"), (2, b"two"), (3, b"three")]);
        let second_payload = (HEADER + 3 + HEADER) as u64;
        file.write(second_payload, b"x").unwrap();
        let damaged: Vec<u64> = read_records(&file).unwrap().iter().map(|r| r.0).collect();
        assert_eq!(damaged, vec![1]);
    }

    const T: TableDefinition<'static, u64, &[u8]> = tables::LINKS;

    fn database() -> Database {
        let db = Database::builder()
            .create_with_backend(InMemoryBackend::new())
            .unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(T)
            .unwrap()
            .insert(1, b"kept".as_slice())
            .unwrap();
        txn.open_table(META).unwrap();
        txn.commit().unwrap();
        db
    }

    fn links(db: &Database) -> Vec<(u64, Vec<u8>)> {
        use redb::ReadableTable;
        let r = db.begin_read().unwrap();
        let t = r.open_table(T).unwrap();
        t.iter()
            .unwrap()
            .map(|e| {
                let (k, v) = e.unwrap();
                (k.value(), v.value().to_vec())
            })
            .collect()
    }

    fn payload(ops: &[(u64, Option<&[u8]>)]) -> Vec<u8> {
        let mut p = Vec::new();
        for (key, value) in ops {
            push_op(&mut p, T.name(), &key.to_le_bytes(), *value);
        }
        p
    }

    /// Records above the applied mark are replayed in order, once; the log is
    /// empty afterwards and a second recovery changes nothing.
    #[test]
    fn recovery_replays_only_what_the_durable_state_lacks() {
        let db = database();
        {
            let txn = db.begin_write().unwrap();
            write_applied(&txn, 1).unwrap();
            txn.commit().unwrap();
        }
        let one = payload(&[(1, None)]); // already applied: must not run again
        let two = payload(&[(2, Some(b"two")), (3, Some(b"three"))]);
        let three = payload(&[(3, None), (4, Some(b"four"))]);
        let file = file_with(&[(1, &one), (2, &two), (3, &three)]);
        let (wal, replayed) = Wal::recover(Box::new(file), &db).unwrap();
        assert_eq!(replayed, 2);
        assert_eq!(wal.end, 0);
        assert_eq!(wal.last(), 3);
        assert_eq!(
            links(&db),
            vec![
                (1, b"kept".to_vec()),
                (2, b"two".to_vec()),
                (4, b"four".to_vec())
            ]
        );
        assert_eq!(read_applied(&db).unwrap(), 3);
        let (_, again) = Wal::recover(Box::new(InMemoryBackend::new()), &db).unwrap();
        assert_eq!(again, 0);
    }

    #[test]
    fn a_slow_checkpoint_brings_the_next_one_sooner_within_bounds() {
        use std::time::Duration;
        let (mut wal, _) = Wal::recover(Box::new(InMemoryBackend::new()), &database()).unwrap();
        assert_eq!(wal.checkpoint_bytes, CHECKPOINT_BYTES);
        wal.checkpoint_took(Duration::from_millis(1));
        assert_eq!(
            wal.checkpoint_bytes, CHECKPOINT_BYTES,
            "never above the most"
        );
        wal.checkpoint_took(CHECKPOINT_PAUSE * 10);
        assert_eq!(wal.checkpoint_bytes, CHECKPOINT_BYTES / 2);
        wal.checkpoint_took(CHECKPOINT_PAUSE / 2);
        assert_eq!(
            wal.checkpoint_bytes,
            CHECKPOINT_BYTES / 2,
            "within bounds: kept"
        );
        for _ in 0..20 {
            wal.checkpoint_took(CHECKPOINT_PAUSE * 10);
        }
        assert_eq!(
            wal.checkpoint_bytes, MIN_CHECKPOINT_BYTES,
            "never below the least"
        );
        wal.end = MIN_CHECKPOINT_BYTES;
        assert!(wal.checkpoint_due());
        wal.checkpoint_took(Duration::ZERO);
        assert_eq!(wal.checkpoint_bytes, 2 * MIN_CHECKPOINT_BYTES);
        assert!(!wal.checkpoint_due());
    }

    #[test]
    fn a_gap_in_the_sequence_is_damage_and_nothing_is_replayed() {
        let db = database();
        let file = file_with(&[(2, &payload(&[(9, Some(b"nine"))]))]);
        let err = Wal::recover(Box::new(file), &db).err().unwrap();
        assert!(matches!(err, StoreError::Corrupt(_)), "{err}");
        assert_eq!(links(&db), vec![(1, b"kept".to_vec())]);
    }

    #[test]
    fn a_record_naming_an_unknown_table_is_damage() {
        let db = database();
        let mut p = Vec::new();
        push_op(&mut p, "no_such_table", &1u64.to_le_bytes(), Some(b"x"));
        let file = file_with(&[(1, &p)]);
        let err = Wal::recover(Box::new(file), &db).err().unwrap();
        assert!(err.to_string().contains("no_such_table"), "{err}");
    }
}
