//! The invariants of domain.md, checked against a whole database. Used by tests
//! after every step and by `certlink admin check`.

use std::collections::{BTreeMap, BTreeSet};

use redb::{ReadableTable, ReadableTableMetadata};

use super::StoreError;
use super::codec::decode;
use super::records::{AccountRecord, AuditRecord, LinkRecord, Outcome};
use super::report;
use super::source::Source;
use super::tables::*;

/// Returns every violation found (empty when all invariants hold).
pub fn check<S: Source>(s: &S) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    let mut links: BTreeMap<u64, LinkRecord> = BTreeMap::new();
    for row in s.table(LINKS)?.iter()? {
        let (k, v) = row?;
        links.insert(k.value(), decode(v.value(), "link")?);
    }

    // 1. No MCID has more than one active link, and the index agrees with the records.
    let mut active_per_mcid: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
    for l in links.values().filter(|l| l.ended_at.is_none()) {
        active_per_mcid
            .entry(l.mcid.get())
            .or_default()
            .push(l.id.0);
    }
    for (mcid, ids) in &active_per_mcid {
        if ids.len() > 1 {
            problems.push(format!(
                "invariant 1: MCID {mcid} has {} active links {ids:?}",
                ids.len()
            ));
        }
    }
    let active_index = s.table(ACTIVE_LINK_BY_MCID)?;
    for row in active_index.iter()? {
        let (m, l) = row?;
        if active_per_mcid.get(&m.value()).map(|v| v.as_slice()) != Some(&[l.value()]) {
            problems.push(format!(
                "index: active_link_by_mcid {} → {} disagrees with the links",
                m.value(),
                l.value()
            ));
        }
    }
    if active_index.len()? as usize != active_per_mcid.len() {
        problems.push("index: active_link_by_mcid misses an active link".into());
    }

    // The link kinds of the merged index (schema 2) agree with the links: an
    // organization's active links, and every link under its account and MCID.
    let mut indexed: BTreeSet<(u8, u64, u64)> = BTreeSet::new();
    for kind in [ACTIVE_LINKS_BY_ORG, LINKS_BY_ACCOUNT, LINKS_BY_MCID] {
        let t = s.table(INDEXES)?;
        for row in t.range((kind.kind, 0, 0)..=(kind.kind, u64::MAX, u64::MAX))? {
            indexed.insert(row?.0.value());
        }
    }
    let mut wanted: BTreeSet<(u8, u64, u64)> = BTreeSet::new();
    for l in links.values() {
        if l.ended_at.is_none() {
            wanted.insert((ACTIVE_LINKS_BY_ORG.kind, l.org.get(), l.id.0));
        }
        wanted.insert((LINKS_BY_ACCOUNT.kind, l.account.0, l.id.0));
        wanted.insert((LINKS_BY_MCID.kind, l.mcid.get(), l.id.0));
    }
    for (kind, key, id) in indexed.symmetric_difference(&wanted) {
        problems.push(format!(
            "index: kind {kind} entry ({key}, {id}) disagrees with the links"
        ));
    }

    // 2 is checked by the reference-model tests (it needs the settings in force at
    //   each start); here: every counted start has exactly one start record.
    let starts = s.table(ASSOCIATION_STARTS)?;
    let mut counted = BTreeSet::new();
    for row in starts.iter()? {
        counted.insert(row?.1.value());
    }
    for l in links.values() {
        if l.counts_as_association != counted.contains(&l.id.0) {
            problems.push(format!(
                "invariant 2: link {} association start record mismatch",
                l.id.0
            ));
        }
    }

    // 3. Every link, unlink, move, removal and merge has exactly one audit record:
    //    each link start and each link end is named by exactly one audit entry.
    let mut started_by: BTreeMap<u64, usize> = BTreeMap::new();
    let mut ended_by: BTreeMap<u64, usize> = BTreeMap::new();
    for row in s.table(AUDIT)?.iter()? {
        let record: AuditRecord = decode(row?.1.value(), "audit")?;
        if record.outcome != Outcome::Done
            && !(record.links_started.is_empty() && record.links_ended.is_empty())
        {
            problems.push(format!("audit {}: a refusal changed links", record.seq));
        }
        for id in &record.links_started {
            *started_by.entry(id.0).or_default() += 1;
        }
        for id in &record.links_ended {
            *ended_by.entry(id.0).or_default() += 1;
        }
    }
    for l in links.values() {
        let s = started_by.get(&l.id.0).copied().unwrap_or(0);
        if s != 1 {
            problems.push(format!(
                "invariant 3: link {} start has {s} audit records",
                l.id.0
            ));
        }
        let e = ended_by.get(&l.id.0).copied().unwrap_or(0);
        let expected = usize::from(l.ended_at.is_some());
        if e != expected {
            problems.push(format!(
                "invariant 3: link {} end has {e} audit records (expected {expected})",
                l.id.0
            ));
        }
    }
    check_report(s, &mut problems)?;
    Ok(problems)
}

/// The report table (schema 3) is exactly what accounts, links and skills say:
/// one entry per person in an organization's report, none for anyone else.
/// Streams: each account's derived entry is compared with the stored one, and
/// the table holds no entries beyond those at an account's own key.
fn check_report<S: Source>(s: &S, problems: &mut Vec<String>) -> Result<(), StoreError> {
    // Entries found at an account's own key, right or wrong.
    let mut present = 0u64;
    for row in s.table(ACCOUNTS)?.iter()? {
        let account: AccountRecord = decode(row?.1.value(), "account")?;
        let derived = report::derive(s, &account)?;
        let stored = match account.org() {
            Some(org) => report::entry_of(s, org, account.id)?,
            None => None,
        };
        match (derived, stored) {
            (None, None) => {}
            (Some((org, _)), None) => problems.push(format!(
                "report: account {} is missing from the report of organization {org}",
                account.id
            )),
            (None, Some(_)) => {
                present += 1;
                problems.push(format!(
                    "report: account {} has an entry but is not in its organization's report",
                    account.id
                ));
            }
            (Some((org, w)), Some(stored)) => {
                present += 1;
                if w != stored {
                    problems.push(format!(
                        "report: the entry of account {} in organization {org} is out of date",
                        account.id
                    ));
                }
            }
        }
    }
    let stray = s.table(REPORT)?.len()?.saturating_sub(present);
    if stray > 0 {
        problems.push(format!(
            "report: {stray} entries under no account of their organization"
        ));
    }
    Ok(())
}
