//! The skills report as row handles (issue #7): the tab holds 4 (or 8) bytes
//! per row (a handle) and 4 per row per order (sorted, shown), never the rows. One
//! pass over the report's stream (`Service::for_each_skill_row`, on the worker)
//! gives the handles, the order of a sort column and the rows matching a
//! filter; the rows drawn are read again by handle (`Service::skill_rows_of`).
//!
//! [`IndexBuilder`] is that pass, fed a row at a time: pure, so tests feed it
//! generated rows and compare with sorting and filtering the rows in memory.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::columns::{SKILL_NAME_CELL, SkillColumn, SortOrder};
use super::sort::{KeySorter, Pos, SortBudget};
use crate::report;
use crate::service::SkillRow;
use certlink_domain::AccountId;
use certlink_domain::time::DateFormat;

/// One row of the report: its person's work account and its place among that
/// person's rows (a person's rows are contiguous in every listing). 44 bits of
/// account, 20 of place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowHandle(u64);

const PLACE_BITS: u32 = 20;

impl RowHandle {
    /// None if the account id or the place does not fit (the report then
    /// cannot be browsed: said in words, never a wrong row).
    pub fn new(account: AccountId, place: u32) -> Option<RowHandle> {
        (account.0 < 1 << (64 - PLACE_BITS) && place < 1 << PLACE_BITS)
            .then(|| RowHandle((account.0 << PLACE_BITS) | u64::from(place)))
    }

    pub fn account(self) -> AccountId {
        AccountId(self.0 >> PLACE_BITS)
    }

    pub fn place(self) -> u32 {
        (self.0 & ((1 << PLACE_BITS) - 1)) as u32
    }
}

/// The handles of a whole report, in its order: chunks of 64 Ki handles, so
/// that growing to a million never copies (or briefly doubles) them all. A
/// chunk whose handles all have an account id below 2^26 and a place below 64
/// keeps them in 4 bytes each (every generated database and any real one of
/// fewer than 67 million accounts), else in 8.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandleList {
    chunks: Vec<Chunk>,
    len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Chunk {
    Narrow(Vec<u32>),
    Wide(Vec<RowHandle>),
}

const HANDLE_CHUNK: usize = 1 << 16;
const NARROW_PLACE_BITS: u32 = 6;

impl Chunk {
    fn len(&self) -> usize {
        match self {
            Chunk::Narrow(v) => v.len(),
            Chunk::Wide(v) => v.len(),
        }
    }

    fn get(&self, i: usize) -> Option<RowHandle> {
        match self {
            Chunk::Narrow(v) => v.get(i).map(|&n| widen(n)),
            Chunk::Wide(v) => v.get(i).copied(),
        }
    }

    fn push(&mut self, handle: RowHandle) {
        match (self, narrow(handle)) {
            (Chunk::Narrow(v), Some(n)) => v.push(n),
            (Chunk::Wide(v), _) => v.push(handle),
            (chunk @ Chunk::Narrow(_), None) => {
                // One handle too large: this chunk keeps 8 bytes a handle.
                let mut wide = Vec::with_capacity(HANDLE_CHUNK);
                if let Chunk::Narrow(v) = chunk {
                    wide.extend(v.iter().map(|&n| widen(n)));
                }
                wide.push(handle);
                *chunk = Chunk::Wide(wide);
            }
        }
    }
}

fn narrow(handle: RowHandle) -> Option<u32> {
    let (account, place) = (handle.account().0, handle.place());
    (account < 1 << (32 - NARROW_PLACE_BITS) && place < 1 << NARROW_PLACE_BITS)
        .then_some(((account as u32) << NARROW_PLACE_BITS) | place)
}

fn widen(n: u32) -> RowHandle {
    // Both parts came from a valid handle, so they fit again.
    let account = AccountId(u64::from(n >> NARROW_PLACE_BITS));
    let place = n & ((1 << NARROW_PLACE_BITS) - 1);
    RowHandle((account.0 << PLACE_BITS) | u64::from(place))
}

impl HandleList {
    pub fn push(&mut self, handle: RowHandle) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < HANDLE_CHUNK => chunk.push(handle),
            _ => {
                let mut chunk = Chunk::Narrow(Vec::with_capacity(HANDLE_CHUNK));
                chunk.push(handle);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    pub fn get(&self, pos: usize) -> Option<RowHandle> {
        self.chunks.get(pos / HANDLE_CHUNK)?.get(pos % HANDLE_CHUNK)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = RowHandle> + '_ {
        self.chunks
            .iter()
            .flat_map(|c| (0..c.len()).filter_map(move |i| c.get(i)))
    }

    /// Bytes of heap the handles hold (what sharing a pass saves each session).
    pub fn bytes(&self) -> usize {
        let chunk = |c: &Chunk| match c {
            Chunk::Narrow(v) => v.capacity() * 4,
            Chunk::Wide(v) => v.capacity() * 8,
        };
        self.chunks.iter().map(chunk).sum::<usize>()
            + self.chunks.capacity() * std::mem::size_of::<Chunk>()
    }

    /// Where `handle` is (a linear search: once per pass, not per row).
    pub fn position(&self, handle: RowHandle) -> Option<usize> {
        self.iter().position(|h| h == handle)
    }
}

/// Gives each row of a listing its handle.
#[derive(Debug, Default)]
pub struct Handles {
    last: Option<AccountId>,
    place: u32,
}

impl Handles {
    pub fn next(&mut self, row: &SkillRow) -> Result<RowHandle, Stop> {
        if self.last == Some(row.account) {
            self.place = self.place.saturating_add(1);
        } else {
            self.last = Some(row.account);
            self.place = 0;
        }
        RowHandle::new(row.account, self.place).ok_or(Stop::TooLarge)
    }
}

/// Why a pass over the report stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The report is not the one the handles were taken from: someone linked
    /// or left meanwhile. The tab reads everything again.
    Changed,
    /// A newer sort or filter was asked for.
    Superseded,
    /// An account id or a person's row count beyond what a handle holds.
    TooLarge,
}

/// A set of row positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PosSet(Vec<u64>);

impl PosSet {
    pub fn insert(&mut self, pos: Pos) {
        let word = pos as usize / 64;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (pos % 64);
    }

    /// Bytes of heap the set holds.
    pub fn bytes(&self) -> usize {
        self.0.capacity() * 8
    }

    pub fn contains(&self, pos: Pos) -> bool {
        self.0
            .get(pos as usize / 64)
            .is_some_and(|w| w & (1 << (pos % 64)) != 0)
    }
}

/// What one pass is asked for.
#[derive(Debug, Clone, Default)]
pub struct IndexRequest {
    /// The handles the tab holds: the pass checks the report still has them
    /// ([`Stop::Changed`] if not). None: take the handles afresh.
    pub known: Option<Arc<HandleList>>,
    pub sort: Option<SortOrder>,
    /// The filter's text, trimmed and in lower case; not empty.
    pub filter: Option<String>,
}

/// What a pass found. Its parts are shared (`Arc`): sessions that ask for
/// the same pass hold one copy (`browse::shared`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexUpdate {
    /// The handles in report order, when taken afresh.
    pub handles: Option<Arc<HandleList>>,
    pub sorted: Option<(SortOrder, Arc<Vec<Pos>>)>,
    /// The filter text and the positions of the rows it matches.
    pub matches: Option<(String, Arc<PosSet>)>,
    /// Some row is a departed person still linked (R12).
    pub has_departed: bool,
    pub total: usize,
}

/// One pass over the report: push every row in the stream's order, then finish.
pub struct IndexBuilder {
    dates: DateFormat,
    known: Option<Arc<HandleList>>,
    fresh: Option<HandleList>,
    handles: Handles,
    sort: Option<(SortOrder, KeySorter)>,
    filter: Option<(String, PosSet)>,
    has_departed: bool,
    count: usize,
    key: Vec<u8>,
}

impl IndexBuilder {
    pub fn new(request: IndexRequest, dates: DateFormat, budget: SortBudget) -> IndexBuilder {
        IndexBuilder {
            dates,
            fresh: request.known.is_none().then(HandleList::default),
            known: request.known,
            handles: Handles::default(),
            sort: request
                .sort
                .map(|s| (s, KeySorter::new(s.descending, budget))),
            filter: request.filter.map(|f| (f, PosSet::default())),
            has_departed: false,
            count: 0,
            key: Vec::new(),
        }
    }

    /// Rows taken so far (the progress shown).
    pub fn count(&self) -> usize {
        self.count
    }

    pub fn push(&mut self, row: &SkillRow) -> Result<(), PushError> {
        let handle = self.handles.next(row)?;
        let pos = Pos::try_from(self.count).map_err(|_| Stop::TooLarge)?;
        match (&self.known, &mut self.fresh) {
            (Some(known), _) if known.get(self.count) != Some(handle) => {
                return Err(Stop::Changed.into());
            }
            (_, Some(fresh)) => fresh.push(handle),
            _ => {}
        }
        self.has_departed |= row.departed_still_linked;
        if let Some((order, sorter)) = &mut self.sort {
            self.key.clear();
            sort_key(order.column, row, &mut self.key);
            sorter.push(&self.key, pos)?;
        }
        if let Some((needle, matches)) = &mut self.filter
            && haystack(row, &self.dates).contains(needle.as_str())
        {
            matches.insert(pos);
        }
        self.count += 1;
        Ok(())
    }

    pub fn finish(self) -> Result<IndexUpdate, PushError> {
        if self.known.as_ref().is_some_and(|k| k.len() != self.count) {
            return Err(Stop::Changed.into());
        }
        let sorted = match self.sort {
            Some((order, sorter)) => Some((order, Arc::new(sorter.finish()?))),
            None => None,
        };
        Ok(IndexUpdate {
            handles: self.fresh.map(Arc::new),
            sorted,
            matches: self.filter.map(|(needle, set)| (needle, Arc::new(set))),
            has_departed: self.has_departed,
            total: self.count,
        })
    }
}

/// A pass's failure: it stopped on purpose, or the sort's file failed.
#[derive(Debug)]
pub enum PushError {
    Stop(Stop),
    Io(std::io::Error),
}

impl From<Stop> for PushError {
    fn from(stop: Stop) -> Self {
        PushError::Stop(stop)
    }
}

impl From<std::io::Error> for PushError {
    fn from(e: std::io::Error) -> Self {
        PushError::Io(e)
    }
}

/// The row's cells in lower case, each followed by a separator no one types,
/// so a filter never matches across two cells: the cells shown and the
/// skill's name (`report::skill_cells`, as the CSV says them).
pub fn haystack(row: &SkillRow, dates: &DateFormat) -> String {
    let cells = report::skill_cells(row, dates);
    let mut text = String::new();
    for i in SkillColumn::ALL
        .iter()
        .map(|c| c.cell())
        .chain([SKILL_NAME_CELL])
    {
        text.push_str(&cells[i].to_lowercase());
        text.push('\u{1f}');
    }
    text
}

/// The filter's text as matched: trimmed, in lower case; None if empty.
pub fn needle(filter: &str) -> Option<String> {
    let needle = filter.trim().to_lowercase();
    (!needle.is_empty()).then_some(needle)
}

/// Appends the row's sort key for `column`: bytes whose order is the order of
/// [`SkillColumn::compare`]. Strings end with 0,0 (a 0 inside is 0,255), so
/// no key is a prefix of another.
pub fn sort_key(column: SkillColumn, row: &SkillRow, out: &mut Vec<u8>) {
    match column {
        SkillColumn::Name => {
            put_str(out, &row.name);
            put_str(out, row.email.as_str());
        }
        SkillColumn::Email => put_str(out, row.email.as_str()),
        SkillColumn::Mcid => match row.mcid {
            None => out.push(0),
            Some(m) => {
                out.push(1);
                out.extend(m.get().to_be_bytes());
            }
        },
        SkillColumn::Account => put_str(out, &report::account_status(row)),
        SkillColumn::Kind => match row.kind {
            None => out.push(0),
            // The declaration order, which the derived order follows.
            Some(k) => out.extend([1, k as u8]),
        },
        SkillColumn::Skill => match &row.skill_id {
            None => out.push(0),
            Some(s) => {
                out.push(1);
                put_str(out, s);
            }
        },
        SkillColumn::Earned => put_time(out, row.earned),
        SkillColumn::Reflection => {
            out.push(u8::from(row.reflected));
            put_time(out, row.visible_from);
        }
        SkillColumn::Competencies => {
            for c in &row.competencies {
                out.push(1);
                put_str(out, c);
            }
            out.push(0);
        }
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    for &b in s.as_bytes() {
        out.push(b);
        if b == 0 {
            out.push(0xff);
        }
    }
    out.extend([0, 0]);
}

fn put_time(out: &mut Vec<u8>, t: Option<DateTime<Utc>>) {
    match t {
        None => out.push(0),
        Some(t) => {
            out.push(1);
            // The sign bit flipped: negative seconds sort first.
            out.extend(((t.timestamp() as u64) ^ (1 << 63)).to_be_bytes());
            out.extend(t.timestamp_subsec_nanos().to_be_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_keep_their_value_narrow_or_wide() {
        let handles: Vec<RowHandle> = [
            (1, 0),
            ((1 << 26) - 1, 63),
            (5, 64),      // place too large for 4 bytes
            (1 << 26, 0), // account too large for 4 bytes
            ((1 << 44) - 1, (1 << 20) - 1),
            (7, 3),
        ]
        .iter()
        .map(|&(a, p)| RowHandle::new(AccountId(a), p).expect("fits a handle"))
        .collect();
        assert!(RowHandle::new(AccountId(1 << 44), 0).is_none());
        assert!(RowHandle::new(AccountId(1), 1 << 20).is_none());
        let mut list = HandleList::default();
        let mut expected = Vec::new();
        // Three chunks: the first narrow, the second turned wide, a third.
        for i in 0..HANDLE_CHUNK * 2 + 10 {
            let h = if i == HANDLE_CHUNK + 5 {
                handles[2]
            } else {
                RowHandle::new(AccountId(i as u64 / 3 + 1), (i % 3) as u32).expect("fits")
            };
            list.push(h);
            expected.push(h);
        }
        for &h in &handles {
            list.push(h);
            expected.push(h);
        }
        assert!(matches!(list.chunks[0], Chunk::Narrow(_)));
        assert!(matches!(list.chunks[1], Chunk::Wide(_)));
        assert_eq!(list.len(), expected.len());
        assert_eq!(list.iter().collect::<Vec<_>>(), expected);
        for (i, &h) in expected.iter().enumerate() {
            assert_eq!(list.get(i), Some(h), "{i}");
            assert_eq!((h.account(), h.place()), {
                let g = list.get(i).expect("there");
                (g.account(), g.place())
            });
        }
        assert_eq!(list.get(expected.len()), None);
        assert_eq!(list.position(handles[4]), Some(expected.len() - 2));
    }
}
