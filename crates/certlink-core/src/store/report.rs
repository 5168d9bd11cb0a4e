//! The report table (schema 3): an organization's skills report (R10), clustered
//! by organization so an export is one sequential range scan instead of random
//! descents into accounts, links and skills for every person.
//!
//! One entry per person in the report, keyed (MPN ID, account id): the person's
//! name, email, status, linked MCID with its start, PU start, and every *held*
//! skill of their subjects (R3, R10). Dates are integers (µs since the epoch), so
//! reading an entry parses no text. What depends on the clock (R3 reflection,
//! R11 counting) is computed when the report is read, never stored.
//!
//! The store writer keeps it true ([`super::Writer`]: accounts touched by a
//! command are re-derived once before commit), the v2 → v3 migration builds it
//! ([`build`]), and the invariant checker compares it with [`derive`] for every
//! account.

use chrono::{DateTime, Utc};
use redb::{ReadableTable, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::codec::{decode, encode};
use super::records::AccountRecord;
use super::source::Queries;
use super::source::index_asc;
use super::tables::{ACCOUNTS_BY_ORG, ORGS, REPORT, V5_INDEXES};
use super::{StoreError, Writer};
use certlink_domain::skills::{SkillKind, SkillRecord, Subject};
use certlink_domain::{AccountId, AccountStatus, Email, Mcid, MpnId};

/// A person of an organization's report. Field order is the on-disk format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEntry {
    pub name: String,
    pub email: Email,
    pub status: AccountStatus,
    /// The MCID linked through this account and when that link started (µs).
    pub link: Option<(Mcid, i64)>,
    /// R3: when the PU access started (µs), if the person has PU access.
    pub pu_since: Option<i64>,
    /// Held skills: the MCID's first, then the PU account's, each in the skills
    /// table's key order (kind, skill id, date).
    pub skills: Vec<ReportSkill>,
}

/// One held skill (certification, passed exam or assessment) of a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSkill {
    /// Earned through the PU account (its association starts at `pu_since`),
    /// else through the linked MCID (it starts at the link).
    pub via_pu: bool,
    pub kind: SkillKind,
    pub skill_id: String,
    pub name: String,
    /// µs since the epoch.
    pub earned: i64,
    pub expires: Option<i64>,
}

/// An instant stored as µs since the epoch; out of range is a damaged record.
pub fn instant(micros: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_micros(micros)
        .ok_or_else(|| StoreError::Corrupt(format!("report date {micros} is out of range")))
}

impl ReportSkill {
    /// A held skill record as the report keeps it.
    fn of(s: SkillRecord, via_pu: bool) -> ReportSkill {
        ReportSkill {
            via_pu,
            kind: s.kind,
            skill_id: s.skill_id,
            name: s.name,
            earned: s.date.timestamp_micros(),
            expires: s.expires.map(|e| e.timestamp_micros()),
        }
    }
}

impl ReportEntry {
    pub fn decode(bytes: &[u8]) -> Result<ReportEntry, StoreError> {
        decode(bytes, "report")
    }
}

/// The entry `account` should have, with its organization: `None` when the
/// account is not in its organization's report. A person is in the report when
/// an MCID is linked through the account (an active link of its organization),
/// or when the account has PU access and links no MCID (R10, as the report has
/// always chosen its people).
pub fn derive<Q: Queries + ?Sized>(
    q: &Q,
    account: &AccountRecord,
) -> Result<Option<(MpnId, ReportEntry)>, StoreError> {
    let Some(org) = account.org() else {
        return Ok(None);
    };
    let link = match account.linked_mcid {
        Some(mcid) => q
            .active_link(mcid)?
            .filter(|l| l.account == account.id && l.org == org),
        None => None,
    };
    let pu_only = account.pu.is_some() && account.linked_mcid.is_none();
    if link.is_none() && !pu_only {
        return Ok(None);
    }
    let mut subjects = Vec::with_capacity(2);
    if let Some(l) = &link {
        subjects.push((Subject::Mcid(l.mcid), false));
    }
    let pu_since = match (&account.pu, account.pu_since) {
        (Some(u), Some(since)) => {
            subjects.push((Subject::Pu(u.clone()), true));
            Some(since.timestamp_micros())
        }
        _ => None,
    };
    let keys: Vec<Subject> = subjects.iter().map(|(s, _)| s.clone()).collect();
    let mut skills = Vec::new();
    for (records, (_, via_pu)) in q.skills_of_many(&keys)?.into_iter().zip(&subjects) {
        for s in records
            .into_iter()
            .filter(|s| s.kind.is_skill() && s.is_held())
        {
            skills.push(ReportSkill::of(s, *via_pu));
        }
    }
    Ok(Some((
        org,
        ReportEntry {
            name: account.name.clone(),
            email: account.email.clone(),
            status: account.status,
            link: link.map(|l| (l.mcid, l.since.timestamp_micros())),
            pu_since,
            skills,
        },
    )))
}

/// Makes the stored entry of `account` what [`derive`] says, writing only when
/// it differs (an unchanged entry costs the commit no page). Returns whether
/// it wrote.
pub(super) fn refresh(w: &Writer, account: &AccountRecord) -> Result<bool, StoreError> {
    let Some(org) = account.org() else {
        return Ok(false);
    };
    let new_entry = derive(w, account)?.map(|(_, entry)| entry);
    let wanted = new_entry.as_ref().map(encode).transpose()?;
    let key = (org.get(), account.id.0);
    let current = {
        let mut t = w.open(REPORT)?;
        let current = t.get(key)?.map(|v| v.value().to_vec());
        if current == wanted {
            return Ok(false);
        }
        match &wanted {
            Some(bytes) => {
                t.insert(key, bytes.as_slice())?;
            }
            None => {
                t.remove(key)?;
            }
        }
        current
    };
    // Schema 7: the holdings follow the entry (issue 18).
    let old_entry = current.as_deref().map(ReportEntry::decode).transpose()?;
    super::holdings::sync(w, key.0, key.1, old_entry.as_ref(), new_entry.as_ref())?;
    Ok(true)
}

/// Adds newly stored held skills of `subject` to the entry of its holder
/// `account` of `org`, each at its place in [`derive`]'s order, without
/// reading the subject's other records (an import). Returns `false`, writing
/// nothing, when the stored entry does not show `subject` (no entry, another
/// MCID, no PU start): the caller then re-derives the entry whole.
pub(super) fn add_skills(
    w: &Writer,
    org: MpnId,
    account: AccountId,
    subject: &Subject,
    added: Vec<SkillRecord>,
) -> Result<bool, StoreError> {
    let key = (org.get(), account.0);
    let mut t = w.open(REPORT)?;
    let Some(mut entry) = t
        .get(key)?
        .map(|v| ReportEntry::decode(v.value()))
        .transpose()?
    else {
        return Ok(false);
    };
    let before = entry.clone();
    let via_pu = match subject {
        Subject::Mcid(m) => {
            if entry.link.map(|(linked, _)| linked) != Some(*m) {
                return Ok(false);
            }
            false
        }
        Subject::Pu(_) => {
            if entry.pu_since.is_none() {
                return Ok(false);
            }
            true
        }
    };
    for s in added {
        let skill = ReportSkill::of(s, via_pu);
        // The skills table's key order within a subject, the MCID's first.
        let at = entry.skills.partition_point(|e| order(e) < order(&skill));
        entry.skills.insert(at, skill);
    }
    t.insert(key, encode(&entry)?.as_slice())?;
    drop(t);
    // Schema 7: the holdings follow the entry (issue 18).
    super::holdings::sync(w, key.0, key.1, Some(&before), Some(&entry))?;
    Ok(true)
}

/// Where a skill sits in an entry: subject (MCID first), then the skills
/// table's key (kind, skill id, date).
fn order(s: &ReportSkill) -> (bool, u8, &str, i64) {
    (s.via_pu, s.kind.code(), s.skill_id.as_str(), s.earned)
}

/// Which layout of the id-pair index [`build`] reads the accounts of each
/// organization from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexLayout {
    /// Subject first (schema 6 on): each organization's accounts in its own range.
    Current,
    /// Kind first (schema 2–5): what the v2 → v3 migration finds.
    V5,
}

/// Fills the report table from accounts, links and skills (the v2 → v3
/// migration, and a bulk load's last step): organization by organization,
/// account by account, i.e. in the table's key order, so inserts append.
pub fn build(txn: &WriteTransaction, layout: IndexLayout) -> Result<u64, StoreError> {
    match layout {
        IndexLayout::Current => build_by_subject(txn),
        IndexLayout::V5 => build_kind_first(txn),
    }
}

/// How many accounts [`build`] reads at once.
const BUILD_PAGE: usize = 4096;

fn build_by_subject(txn: &WriteTransaction) -> Result<u64, StoreError> {
    let orgs: Vec<u64> = {
        let t = txn.open_table(ORGS)?;
        let mut orgs = Vec::new();
        for row in t.iter()? {
            orgs.push(row?.0.value());
        }
        orgs
    };
    let mut written = 0;
    for org in orgs {
        let mut after = None;
        loop {
            let page = index_asc(txn, ACCOUNTS_BY_ORG, org, after, BUILD_PAGE)?;
            let Some(last) = page.last() else {
                break;
            };
            after = Some(*last);
            written += write_entries(txn, &page, true)?;
        }
    }
    Ok(written)
}

fn build_kind_first(txn: &WriteTransaction) -> Result<u64, StoreError> {
    use std::ops::Bound::{Excluded, Included, Unbounded};
    let kind = ACCOUNTS_BY_ORG.kind;
    let end = Included((kind, u64::MAX, u64::MAX));
    let mut start = Unbounded;
    let mut written = 0;
    loop {
        let page: Vec<u64> = {
            let t = txn.open_table(V5_INDEXES)?;
            let mut ids = Vec::new();
            let from = match start {
                Unbounded => Included((kind, 0, 0)),
                other => other,
            };
            for row in t.range::<(u8, u64, u64)>((from, end))?.take(BUILD_PAGE) {
                let key = row?.0.value();
                ids.push(key.2);
                start = Excluded(key);
            }
            ids
        };
        if page.is_empty() {
            return Ok(written);
        }
        written += write_entries(txn, &page, false)?;
    }
}

/// Writes the report entries of the accounts `ids` that are in a report, and
/// with `holdings` (schema 7 on) the held certifications they derive.
fn write_entries(txn: &WriteTransaction, ids: &[u64], holdings: bool) -> Result<u64, StoreError> {
    let mut written = 0;
    for account in txn.accounts_by_ids(ids)? {
        if let Some((org, entry)) = derive(txn, &account)? {
            txn.open_table(REPORT)?
                .insert((org.get(), account.id.0), encode(&entry)?.as_slice())?;
            if holdings {
                super::holdings::insert_built(txn, org.get(), account.id.0, &entry)?;
            }
            written += 1;
        }
    }
    Ok(written)
}

/// The entry of one person of `org`'s report, if they are in it.
pub fn entry_of<Q: Queries + ?Sized>(
    q: &Q,
    org: MpnId,
    account: AccountId,
) -> Result<Option<ReportEntry>, StoreError> {
    q.table(REPORT)?
        .get((org.get(), account.0))?
        .map(|v| ReportEntry::decode(v.value()))
        .transpose()
}

/// Walks `org`'s report in key order (by account id), one range scan; stops
/// after `limit` people. Entries are decoded one at a time: memory stays flat.
pub fn scan<Q: Queries + ?Sized, E: From<StoreError>>(
    q: &Q,
    org: MpnId,
    limit: usize,
    each: &mut dyn FnMut(AccountId, ReportEntry) -> Result<(), E>,
) -> Result<(), E> {
    let t = q.table(REPORT)?;
    let rows = t
        .range((org.get(), 0)..=(org.get(), u64::MAX))
        .map_err(StoreError::from)?;
    for row in rows.take(limit) {
        let (k, v) = row.map_err(StoreError::from)?;
        each(AccountId(k.value().1), ReportEntry::decode(v.value())?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, invariants};

    fn population() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = crate::store::generated_file(dir.path(), "r.redb", 200);
        (dir, Store::open(&path).unwrap())
    }

    /// Runs `change` on the report table in its own transaction, then the checker.
    fn after(
        store: &Store,
        change: impl FnOnce(&mut redb::Table<(u64, u64), &[u8]>),
    ) -> Result<Vec<String>, StoreError> {
        crate::store::damage_then_check(store, |txn| change(&mut txn.open_table(REPORT).unwrap()))
    }

    /// The checker sees a missing, an out-of-date and a stray entry, and a
    /// damaged one is an error, not a panic.
    #[test]
    fn r10_the_checker_finds_every_kind_of_wrong_entry() {
        let (_dir, store) = population();
        assert_eq!(
            invariants::check(&store.read().unwrap()).unwrap(),
            Vec::<String>::new()
        );
        let (key, bytes) = {
            let r = store.read().unwrap();
            let t = r.open_table(REPORT).unwrap();
            let (k, v) = t.first().unwrap().unwrap();
            (k.value(), v.value().to_vec())
        };
        let problems = after(&store, |t| {
            t.remove(key).unwrap();
        })
        .unwrap();
        assert!(
            problems.iter().any(|p| p.contains("missing")),
            "{problems:?}"
        );

        let mut entry = ReportEntry::decode(&bytes).unwrap();
        entry.name.push('!');
        let problems = after(&store, |t| {
            t.insert(key, encode(&entry).unwrap().as_slice()).unwrap();
        })
        .unwrap();
        assert!(
            problems.iter().any(|p| p.contains("out of date")),
            "{problems:?}"
        );

        let problems = after(&store, |t| {
            t.insert(key, bytes.as_slice()).unwrap();
            t.insert((key.0, u64::MAX), bytes.as_slice()).unwrap();
        })
        .unwrap();
        // The stray entry's certifications are missing from the holdings too.
        assert_eq!(
            problems[0],
            "report: 1 entries under no account of their organization"
        );
        assert!(
            problems[1..].iter().all(|p| p.starts_with("holdings: ")),
            "{problems:?}"
        );

        let damaged = after(&store, |t| {
            t.remove((key.0, u64::MAX)).unwrap();
            t.insert(key, &[0xff, 0xff, 0xff][..]).unwrap();
        });
        assert!(matches!(damaged, Err(StoreError::Corrupt(_))));
        let r = store.read().unwrap();
        let org = MpnId::new(key.0).unwrap();
        assert!(matches!(
            entry_of(&r, org, AccountId(key.1)),
            Err(StoreError::Corrupt(_))
        ));
    }
}
