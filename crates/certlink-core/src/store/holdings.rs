//! The holdings table (schema 7): every held certification of every linked
//! MCID in an organization's report, keyed (MPN ID, lower-case certification
//! id, account id, earned), so a Solutions Partner designation score reads
//! one range per certification instead of every report entry.
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
/// R3 reflection's `visible_from` for the link it counts through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    pub earned: i64,
    pub expires: i64,
    pub counts_from: i64,
}

/// (certification id in lower case, earned µs): a person's copies of one
/// certification (a renewal is a second copy) each keep their own dates, so
/// a score can count whichever counts.
type HeldKey = (String, i64);

impl Holding {
    fn value(self) -> (i64, i64) {
        (self.expires, self.counts_from)
    }
    pub(crate) fn from_row(earned: i64, (expires, counts_from): (i64, i64)) -> Self {
        Holding {
            earned,
            expires,
            counts_from,
        }
    }
}

/// The holdings an entry derives. R5: only the linked MCID's certifications
/// count for the organization (a PU account earns no certifications of its
/// own), and only certifications (`SkillKind::Certification`).
pub fn of_entry(entry: &ReportEntry) -> Result<BTreeMap<HeldKey, Holding>, StoreError> {
    let mut out = BTreeMap::new();
    let Some((_, since)) = entry.link else {
        return Ok(out);
    };
    for s in entry
        .skills
        .iter()
        .filter(|s| s.kind == SkillKind::Certification && !s.via_pu)
    {
        // R3: when the certification shows in (and counts for) the organization.
        let counts_from = skills::reflection(instant(s.earned)?, instant(since)?)
            .visible_from
            .timestamp_micros();
        let h = Holding {
            earned: s.earned,
            expires: s.expires.unwrap_or(i64::MAX),
            counts_from,
        };
        out.insert((s.skill_id.to_lowercase(), s.earned), h);
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
    for (id, earned) in before.keys().filter(|k| !after.contains_key(*k)) {
        t.remove((org, id.as_str(), account, *earned))?;
    }
    for ((id, earned), h) in &after {
        if before.get(&(id.clone(), *earned)) != Some(h) {
            t.insert((org, id.as_str(), account, *earned), h.value())?;
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
) -> Result<u64, StoreError> {
    let mut t = txn.open_table(HOLDINGS)?;
    let mut written = 0;
    for ((id, earned), h) in of_entry(entry)? {
        t.insert((org, id.as_str(), account, earned), h.value())?;
        written += 1;
    }
    Ok(written)
}

/// Fills the holdings table from the report table (the v6 → v7 migration).
pub fn build(txn: &redb::WriteTransaction) -> Result<u64, StoreError> {
    let mut written = 0;
    let report = txn.open_table(REPORT)?;
    for row in report.iter()? {
        let (k, v) = row?;
        let (org, account) = k.value();
        written += insert_built(txn, org, account, &ReportEntry::decode(v.value())?)?;
    }
    Ok(written)
}

/// The holdings table is exactly what the stored report entries derive.
/// Streamed, in bounded memory whatever an organization's size: each derived
/// row is looked up where it must be stored, and each organization's stored
/// rows are counted, so a row that differs, is missing or is stored without
/// being derived is found without holding an organization's rows (16.7M rows
/// under one organization at 10M people).
pub(super) fn check<S: Source>(s: &S, problems: &mut Vec<String>) -> Result<(), StoreError> {
    let report = s.table(REPORT)?;
    let holdings = s.table(HOLDINGS)?;
    let mut finish = |org: u64, t: &Tally| {
        let mut stored = 0u64;
        for row in
            holdings.range((org, "", 0, i64::MIN)..=(org, "\u{10ffff}", u64::MAX, i64::MAX))?
        {
            row?;
            stored += 1;
        }
        // Keys are unique: the stored rows not found by a derived key are extra.
        let wrong = (t.derived - t.alike) + stored.saturating_sub(t.found);
        if wrong > 0 {
            problems.push(format!(
                "holdings: {wrong} row(s) of organization {org} differ from its report entries"
            ));
        }
        Ok::<u64, StoreError>(stored)
    };
    let mut seen = 0u64;
    let mut current: Option<(u64, Tally)> = None;
    for row in report.iter()? {
        let (k, v) = row?;
        let (org, account) = k.value();
        if let Some((prev, tally)) = &current
            && *prev != org
        {
            seen += finish(*prev, tally)?;
            current = None;
        }
        let (_, tally) = current.get_or_insert_with(|| (org, Tally::default()));
        for ((id, earned), derived) in of_entry(&ReportEntry::decode(v.value())?)? {
            tally.derived += 1;
            if let Some(stored) = holdings.get((org, id.as_str(), account, earned))? {
                tally.found += 1;
                if Holding::from_row(earned, stored.value()) == derived {
                    tally.alike += 1;
                }
            }
        }
    }
    if let Some((org, tally)) = &current {
        seen += finish(*org, tally)?;
    }
    let stray = holdings.len()?.saturating_sub(seen);
    if stray > 0 {
        problems.push(format!(
            "holdings: {stray} row(s) under an organization with no report entries"
        ));
    }
    Ok(())
}

/// One organization's rows as [`check`] counts them.
#[derive(Default)]
struct Tally {
    /// Rows its report entries derive.
    derived: u64,
    /// Of those, rows stored under the same key.
    found: u64,
    /// Of those, rows stored with the same dates.
    alike: u64,
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use redb::ReadableTable;

    use super::super::Store;
    use super::*;

    fn problems(store: &Store) -> Vec<String> {
        let mut found = Vec::new();
        check(&store.read().unwrap(), &mut found).unwrap();
        found
    }

    /// Changes the holdings table of `store` in a transaction of its own.
    fn tamper(
        store: &Store,
        change: impl FnOnce(&mut redb::Table<'_, (u64, &str, u64, i64), (i64, i64)>),
    ) {
        let txn = store.database().unwrap().begin_write().unwrap();
        {
            let mut t = txn.open_table(HOLDINGS).unwrap();
            change(&mut t);
        }
        txn.commit().unwrap();
    }

    /// The check finds a row whose dates differ, a missing row, an extra row
    /// under an organization with report entries, and a row under an
    /// organization without any; an untouched table passes.
    #[test]
    fn the_check_finds_every_kind_of_wrong_row() {
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc();
        let (service, _, _) = crate::demo::build_population(
            &dir.path().join("gen.redb"),
            now,
            300,
            3,
            &mut |_, _| {},
        )
        .unwrap();
        let store = service.store();
        assert_eq!(problems(store), Vec::<String>::new());
        let first = {
            let r = store.read().unwrap();
            let t = r.open_table(HOLDINGS).unwrap();
            let (k, v) = t.first().unwrap().expect("a holding");
            let (org, id, account, earned) = k.value();
            ((org, id.to_string(), account, earned), v.value())
        };
        let ((org, id, account, earned), (expires, counts_from)) = first;
        let differs =
            format!("holdings: 1 row(s) of organization {org} differ from its report entries");

        tamper(store, |t| {
            t.insert(
                (org, id.as_str(), account, earned),
                (expires + 1, counts_from),
            )
            .unwrap();
        });
        assert_eq!(problems(store), vec![differs.clone()], "dates changed");

        tamper(store, |t| {
            t.remove((org, id.as_str(), account, earned)).unwrap();
        });
        assert_eq!(problems(store), vec![differs.clone()], "row missing");

        tamper(store, |t| {
            t.insert((org, id.as_str(), account, earned), (expires, counts_from))
                .unwrap();
            t.insert(
                (org, "made-up-certification", account, earned),
                (expires, counts_from),
            )
            .unwrap();
        });
        assert_eq!(problems(store), vec![differs], "row extra");

        tamper(store, |t| {
            t.remove((org, "made-up-certification", account, earned))
                .unwrap();
            t.insert(
                (9_999_999, id.as_str(), account, earned),
                (expires, counts_from),
            )
            .unwrap();
        });
        assert_eq!(
            problems(store),
            vec!["holdings: 1 row(s) under an organization with no report entries".to_string()]
        );
    }
}
