//! The holdings table (schema 7): every held certification of every person in
//! an organization's report, keyed (MPN ID, lower-case certification id,
//! account id), so a Solutions Partner designation score (issue 18) reads one
//! range per certification instead of every report entry.
//!
//! Derived ONLY from the report table's entries ([`of_entry`]): the store
//! writer keeps it true wherever it writes a report entry ([`sync`], from
//! `report::refresh`, `report::add_skills` and `report::build`), the v6 → v7
//! migration builds it from the report, and the invariant checker compares it
//! with what the stored entries derive ([`check`]).

use std::collections::BTreeMap;

use redb::{ReadableTable, ReadableTableMetadata};

use super::StoreError;
use super::report::{ReportEntry, instant};
use super::source::Source;
use super::tables::{HOLDINGS, REPORT};
use certlink_domain::skills::{self, SkillKind};

/// One held certification of one person: µs since the epoch. `expires` is
/// `i64::MAX` for a certification that does not expire; `counts_from` is the
/// R3 reflection's `visible_from` for the association it was earned through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    pub earned: i64,
    pub expires: i64,
    pub counts_from: i64,
}

impl Holding {
    fn value(self) -> (i64, i64, i64) {
        (self.earned, self.expires, self.counts_from)
    }
    pub(crate) fn from_value((earned, expires, counts_from): (i64, i64, i64)) -> Self {
        Holding {
            earned,
            expires,
            counts_from,
        }
    }
}

/// The holdings an entry derives, by lower-case certification id. Only
/// certifications (`SkillKind::Certification`) of the linked MCID count. A person holding one
/// certification more than once (a renewal) keeps the copy that expires last,
/// and of those the one that counts first (R3).
pub fn of_entry(entry: &ReportEntry) -> Result<BTreeMap<String, Holding>, StoreError> {
    let starts = [entry.link.map(|(_, since)| since), entry.pu_since];
    let mut out: BTreeMap<String, Holding> = BTreeMap::new();
    // R5: only the linked MCID's certifications count for the organization
    // (a PU account earns no certifications of its own).
    for s in entry
        .skills
        .iter()
        .filter(|s| s.kind == SkillKind::Certification && !s.via_pu)
    {
        let start = starts[usize::from(s.via_pu)].ok_or_else(|| {
            StoreError::Corrupt("report entry: a skill without its association".into())
        })?;
        // R3: when the certification shows in (and counts for) the organization.
        let counts_from = skills::reflection(instant(s.earned)?, instant(start)?)
            .visible_from
            .timestamp_micros();
        let h = Holding {
            earned: s.earned,
            expires: s.expires.unwrap_or(i64::MAX),
            counts_from,
        };
        let id = s.skill_id.to_lowercase();
        match out.get(&id) {
            Some(old) if (old.expires, -old.counts_from) >= (h.expires, -h.counts_from) => {}
            _ => {
                out.insert(id, h);
            }
        }
    }
    Ok(out)
}

/// Makes the holdings of `account` of `org` go from what `old` derived to what
/// `new` derives: rows no longer derived are removed, new or changed rows are
/// written, unchanged rows are left alone (no page copied for them).
pub(super) fn sync(
    w: &super::Writer,
    org: u64,
    account: u64,
    old: Option<&ReportEntry>,
    new: Option<&ReportEntry>,
) -> Result<(), StoreError> {
    let before = old.map(of_entry).transpose()?.unwrap_or_default();
    let after = new.map(of_entry).transpose()?.unwrap_or_default();
    if before == after {
        return Ok(());
    }
    let mut t = w.open(HOLDINGS)?;
    for id in before.keys().filter(|id| !after.contains_key(*id)) {
        t.remove((org, id.as_str(), account))?;
    }
    for (id, h) in &after {
        if before.get(id) != Some(h) {
            t.insert((org, id.as_str(), account), h.value())?;
        }
    }
    Ok(())
}

/// Writes the holdings of a freshly built entry (migration, report rebuild).
pub(super) fn insert_built(
    txn: &redb::WriteTransaction,
    org: u64,
    account: u64,
    entry: &ReportEntry,
) -> Result<(), StoreError> {
    let mut t = txn.open_table(HOLDINGS)?;
    for (id, h) in of_entry(entry)? {
        t.insert((org, id.as_str(), account), h.value())?;
    }
    Ok(())
}

/// Fills the holdings table from the report table (the v6 → v7 migration).
pub fn build(txn: &redb::WriteTransaction) -> Result<u64, StoreError> {
    let mut written = 0;
    let report = txn.open_table(REPORT)?;
    for row in report.iter()? {
        let (k, v) = row?;
        let (org, account) = k.value();
        let entry = ReportEntry::decode(v.value())?;
        let held = of_entry(&entry)?;
        let mut t = txn.open_table(HOLDINGS)?;
        for (id, h) in held {
            t.insert((org, id.as_str(), account), h.value())?;
            written += 1;
        }
    }
    Ok(written)
}

/// The holdings table is exactly what the stored report entries derive.
/// Organization by organization (both tables are clustered by MPN ID), so
/// memory holds one organization's holdings at a time.
pub(super) fn check<S: Source>(s: &S, problems: &mut Vec<String>) -> Result<(), StoreError> {
    let report = s.table(REPORT)?;
    let holdings = s.table(HOLDINGS)?;
    let mut derived: BTreeMap<(String, u64), Holding> = BTreeMap::new();
    let mut org: Option<u64> = None;
    let mut compare = |org: u64, derived: &mut BTreeMap<(String, u64), Holding>| {
        let mut stored = BTreeMap::new();
        for row in holdings.range((org, "", 0)..=(org, "\u{10ffff}", u64::MAX))? {
            let (k, v) = row?;
            let (_, id, account) = k.value();
            stored.insert((id.to_string(), account), Holding::from_value(v.value()));
        }
        let wrong = derived
            .iter()
            .filter(|(k, h)| stored.get(*k) != Some(*h))
            .count()
            + stored.keys().filter(|k| !derived.contains_key(*k)).count();
        if wrong > 0 {
            problems.push(format!(
                "holdings: {wrong} row(s) of organization {org} differ from its report entries"
            ));
        }
        derived.clear();
        Ok::<u64, StoreError>(stored.len() as u64)
    };
    let mut seen = 0u64;
    for row in report.iter()? {
        let (k, v) = row?;
        let (o, account) = k.value();
        if let Some(prev) = org
            && prev != o
        {
            seen += compare(prev, &mut derived)?;
        }
        org = Some(o);
        for (id, h) in of_entry(&ReportEntry::decode(v.value())?)? {
            derived.insert((id, account), h);
        }
    }
    if let Some(prev) = org {
        seen += compare(prev, &mut derived)?;
    }
    let stray = holdings.len()?.saturating_sub(seen);
    if stray > 0 {
        problems.push(format!(
            "holdings: {stray} row(s) under an organization with no report entries"
        ));
    }
    Ok(())
}
