//! Sorting the skills report's row positions by a byte key with flat memory
//! (issue #7): records (key, first position, run length) gather in a bounded
//! chunk; a full chunk is sorted and written to a private temporary file as a
//! run, and the runs are merged at the end. A 1.1 M-row report by e-mail
//! address needs about 45 MB of keys: they go through the disk, not the heap.
//!
//! Order: by key (ascending or descending), then by position ascending, so
//! equal keys keep the report's order either way: the same result as a stable
//! sort of the rows (the tab's former in-memory sort).

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// A row's place in the report's order (the stream's order).
pub type Pos = u32;

/// How much a sort holds in memory before it writes a run to disk.
#[derive(Debug, Clone, Copy)]
pub struct SortBudget {
    /// Bytes of keys in one chunk.
    pub key_bytes: usize,
    /// Records in one chunk (16 bytes each).
    pub records: usize,
}

impl SortBudget {
    /// About 1.5 MB in memory at most: 1 MiB of keys and 32 Ki records
    /// (a 1.1 M-row sort by e-mail writes about 35 runs).
    pub const DEFAULT: SortBudget = SortBudget {
        key_bytes: 1 << 20,
        records: 32 << 10,
    };
}

/// One run of equal keys at consecutive positions (a person's rows usually).
#[derive(Debug, Clone, Copy)]
struct Record {
    key_at: u32,
    key_len: u32,
    pos: Pos,
    count: u32,
}

/// Sorts positions by key; see the module comment.
pub struct KeySorter {
    descending: bool,
    budget: SortBudget,
    keys: Vec<u8>,
    records: Vec<Record>,
    spill: Option<Spill>,
    total: usize,
}

impl KeySorter {
    pub fn new(descending: bool, budget: SortBudget) -> KeySorter {
        KeySorter {
            descending,
            budget,
            keys: Vec::new(),
            records: Vec::new(),
            spill: None,
            total: 0,
        }
    }

    /// Adds the row at `pos` (positions come in increasing order).
    pub fn push(&mut self, key: &[u8], pos: Pos) -> io::Result<()> {
        self.total += 1;
        if let Some(last) = self.records.last_mut() {
            let at = last.key_at as usize;
            if last.pos.checked_add(last.count) == Some(pos)
                && &self.keys[at..at + last.key_len as usize] == key
            {
                last.count += 1;
                return Ok(());
            }
        }
        if self.records.len() >= self.budget.records
            || self.keys.len() + key.len() > self.budget.key_bytes
        {
            self.spill_chunk()?;
        }
        let key_at = u32::try_from(self.keys.len()).map_err(io::Error::other)?;
        let key_len = u32::try_from(key.len()).map_err(io::Error::other)?;
        self.keys.extend_from_slice(key);
        self.records.push(Record {
            key_at,
            key_len,
            pos,
            count: 1,
        });
        Ok(())
    }

    fn sort_chunk(&mut self) {
        let keys = &self.keys;
        let descending = self.descending;
        let key = |r: &Record| &keys[r.key_at as usize..(r.key_at + r.key_len) as usize];
        // Positions are unique: an unstable sort on (key, pos) is a stable one.
        self.records.sort_unstable_by(|a, b| {
            let by_key = key(a).cmp(key(b));
            let by_key = if descending { by_key.reverse() } else { by_key };
            by_key.then(a.pos.cmp(&b.pos))
        });
    }

    fn spill_chunk(&mut self) -> io::Result<()> {
        if self.records.is_empty() {
            return Ok(());
        }
        self.sort_chunk();
        if self.spill.is_none() {
            self.spill = Some(Spill::create()?);
        }
        let Some(spill) = self.spill.as_mut() else {
            return Ok(());
        };
        let start = spill.written;
        for r in &self.records {
            let key = &self.keys[r.key_at as usize..(r.key_at + r.key_len) as usize];
            spill.write(&r.key_len.to_le_bytes())?;
            spill.write(key)?;
            spill.write(&r.pos.to_le_bytes())?;
            spill.write(&r.count.to_le_bytes())?;
        }
        spill.runs.push((start, spill.written - start));
        self.records.clear();
        self.keys.clear();
        Ok(())
    }

    /// Every position pushed, in key order.
    pub fn finish(mut self) -> io::Result<Vec<Pos>> {
        let mut out = Vec::with_capacity(self.total);
        let expand = |out: &mut Vec<Pos>, pos: Pos, count: u32| {
            out.extend(pos..pos.saturating_add(count));
        };
        if self.spill.is_none() {
            self.sort_chunk();
            for r in &self.records {
                expand(&mut out, r.pos, r.count);
            }
            return Ok(out);
        }
        self.spill_chunk()?;
        // The chunk's memory is not needed while merging.
        self.keys = Vec::new();
        self.records = Vec::new();
        let Some(mut spill) = self.spill.take() else {
            return Ok(out);
        };
        spill.out.flush()?;
        let mut heap = BinaryHeap::new();
        let mut readers = Vec::with_capacity(spill.runs.len());
        let file = spill.out.get_ref();
        for (run, &(start, len)) in spill.runs.iter().enumerate() {
            let run_bytes = RunReader {
                file,
                at: start,
                end: start + len,
            };
            let mut reader = BufReader::with_capacity(32 << 10, run_bytes);
            if let Some(head) = read_record(&mut reader)? {
                heap.push(Head {
                    head,
                    run,
                    descending: self.descending,
                });
            }
            readers.push(reader);
        }
        while let Some(Head {
            head,
            run,
            descending,
        }) = heap.pop()
        {
            expand(&mut out, head.pos, head.count);
            if let Some(next) = read_record(&mut readers[run])? {
                heap.push(Head {
                    head: next,
                    run,
                    descending,
                });
            }
        }
        Ok(out)
    }
}

/// One run of the file, read at its own offsets (the file has no name any
/// more on Unix, so it cannot be opened again).
struct RunReader<'a> {
    file: &'a File,
    at: u64,
    end: u64,
}

impl Read for RunReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = usize::try_from(self.end - self.at).unwrap_or(usize::MAX);
        let want = buf.len().min(room);
        if want == 0 {
            return Ok(0);
        }
        let n = read_at(self.file, &mut buf[..want], self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_at(file, buf, at)
    }
    #[cfg(windows)]
    {
        std::os::windows::fs::FileExt::seek_read(file, buf, at)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, buf, at);
        Err(io::Error::other("no positional reads on this system"))
    }
}

/// A record read back from a run.
struct Owned {
    key: Vec<u8>,
    pos: Pos,
    count: u32,
}

fn read_record(reader: &mut impl Read) -> io::Result<Option<Owned>> {
    let mut word = [0u8; 4];
    match reader.read_exact(&mut word) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut key = vec![0u8; u32::from_le_bytes(word) as usize];
    reader.read_exact(&mut key)?;
    reader.read_exact(&mut word)?;
    let pos = u32::from_le_bytes(word);
    reader.read_exact(&mut word)?;
    let count = u32::from_le_bytes(word);
    Ok(Some(Owned { key, pos, count }))
}

/// The smallest head of the runs comes out of the (max-)heap first.
struct Head {
    head: Owned,
    run: usize,
    descending: bool,
}

impl Head {
    fn order(&self, other: &Head) -> Ordering {
        let by_key = self.head.key.cmp(&other.head.key);
        let by_key = if self.descending {
            by_key.reverse()
        } else {
            by_key
        };
        by_key.then(self.head.pos.cmp(&other.head.pos))
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Self) -> bool {
        self.order(other) == Ordering::Equal
    }
}
impl Eq for Head {}
impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Head {
    fn cmp(&self, other: &Self) -> Ordering {
        other.order(self)
    }
}

/// The runs' file: readable by its owner only (it holds names and e-mail
/// addresses). On Unix its name is removed as soon as it is open, so nothing
/// is left behind even if the process is killed; elsewhere it is removed when
/// the sort ends or is dropped (superseded).
struct Spill {
    path: PathBuf,
    out: BufWriter<File>,
    written: u64,
    runs: Vec<(u64, u64)>,
}

static SPILLS: AtomicU64 = AtomicU64::new(0);

impl Spill {
    fn create() -> io::Result<Spill> {
        let n = SPILLS.fetch_add(1, AtomicOrdering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("certlink-sort-{}-{n}.tmp", std::process::id()));
        let file = crate::private_files::scratch(&path)?;
        Ok(Spill {
            path,
            out: BufWriter::with_capacity(64 << 10, file),
            written: 0,
            runs: Vec::new(),
        })
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        // Nothing to do if it is already gone.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(keys: &[&[u8]], descending: bool, budget: SortBudget) -> Vec<Pos> {
        let mut sorter = KeySorter::new(descending, budget);
        for (pos, key) in keys.iter().enumerate() {
            sorter.push(key, pos as Pos).expect("pushed");
        }
        sorter.finish().expect("sorted")
    }

    fn reference(keys: &[&[u8]], descending: bool) -> Vec<Pos> {
        let mut order: Vec<Pos> = (0..keys.len() as Pos).collect();
        order.sort_by(|&a, &b| {
            let o = keys[a as usize].cmp(keys[b as usize]);
            if descending { o.reverse() } else { o }
        });
        order
    }

    #[test]
    fn runs_on_disk_merge_to_the_stable_order() {
        let owned: Vec<Vec<u8>> = (0..2_000u32)
            .map(|i| format!("k{:03}", (i * 7919) % 97).into_bytes())
            .collect();
        let keys: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        let tiny = SortBudget {
            key_bytes: 64,
            records: 16,
        };
        for descending in [false, true] {
            let expected = reference(&keys, descending);
            assert_eq!(sorted(&keys, descending, tiny), expected, "spilled");
            assert_eq!(
                sorted(&keys, descending, SortBudget::DEFAULT),
                expected,
                "in memory"
            );
        }
    }

    #[test]
    fn equal_neighbours_become_one_record_and_the_file_is_removed() {
        let keys: Vec<&[u8]> = vec![b"b", b"b", b"b", b"a", b"a", b"b"];
        let mut sorter = KeySorter::new(false, SortBudget::DEFAULT);
        for (pos, key) in keys.iter().enumerate() {
            sorter.push(key, pos as Pos).expect("pushed");
        }
        assert_eq!(sorter.records.len(), 3, "runs of equal keys merge");
        assert_eq!(sorter.finish().expect("sorted"), [3, 4, 0, 1, 2, 5]);
        let mut spilled = KeySorter::new(
            true,
            SortBudget {
                key_bytes: 1,
                records: 1,
            },
        );
        for (pos, key) in keys.iter().enumerate() {
            spilled.push(key, pos as Pos).expect("pushed");
        }
        let path = spilled
            .spill
            .as_ref()
            .map(|s| s.path.clone())
            .expect("spilled");
        if cfg!(unix) {
            assert!(!path.exists(), "nameless from the start");
        }
        assert_eq!(spilled.finish().expect("sorted"), [0, 1, 2, 5, 3, 4]);
        assert!(!path.exists(), "the runs' file is removed");
    }
}
