//! The invariants of domain.md, checked against a whole database. Used by tests
//! after every step, by `certlink admin check` and by every backup's
//! verification (also inside `serve`).
//!
//! The check streams: it walks each table once in key order and answers the
//! rest with point lookups and counts, so its memory does not grow with the
//! database (a million people checked in tens of megabytes, not gigabytes).
//! The one thing it keeps per link is one byte, the number of audit records
//! that name its start and its end.

use redb::{ReadableTable, ReadableTableMetadata};

use super::StoreError;
use super::codec::decode;
use super::records::{
    AccountRecord, AuditRecord, LinkRecord, Outcome, PreferenceRecord, ScoringRecord,
};
use super::report;
use super::source::Source;
use super::tables::*;

/// Returns every violation found (empty when all invariants hold).
pub fn check<S: Source>(s: &S) -> Result<Vec<String>, StoreError> {
    Ok(check_all(s)?.violations)
}

/// What `admin check` reports.
#[derive(Debug, Default)]
pub struct Findings {
    /// The database contradicts itself: an invariant or an index does not hold.
    pub violations: Vec<String>,
    /// True to the records, but for the operator to settle.
    pub warnings: Vec<Warning>,
}

/// Something true to the records that the operator should settle. Each says
/// what it found and what settles it; the front end names its commands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Warning {
    /// R13a: live accounts outside their owner's domains, as a migration
    /// leaves a domain that two organizations used. Settled by deleting or
    /// re-addressing them, or by giving the domain to its rightful owner.
    #[error(
        "domains (R13a): {owner} has {accounts} live account(s) in {domain}, outside its domains ({holder}; e.g. {first}): delete or re-address them, or settle who owns the domain"
    )]
    OutsideDomains {
        /// "organization N" or "the support engineers".
        owner: String,
        accounts: u64,
        domain: String,
        /// Who holds the domain: "it belongs to …" or "it belongs to no one".
        holder: String,
        first: String,
    },
    /// More such accounts than the check tallies one by one.
    #[error("domains (R13a): {0} more live account(s) outside their owner's domains")]
    MoreOutsideDomains(u64),
    /// The database file can be read by other users of the machine: it holds
    /// password hashes and the audit trail (issue 13).
    #[error(
        "{} can be read by other users of this machine; it holds password hashes and the audit trail: chmod 600 {}",
        .0.display(),
        .0.display()
    )]
    ReadableByOthers(std::path::PathBuf),
}

/// The violations and the warnings, in one pass over each table.
pub fn check_all<S: Source>(s: &S) -> Result<Findings, StoreError> {
    check_all_with(s, &mut crate::progress::Silent)
}

/// The stages of [`check_all`], in the order it runs them (principle 12).
pub const CHECK_STAGES: [&str; 6] = [
    "links (R5, invariant 1)",
    "audit trail (invariants 2, 3)",
    "SSH keys",
    "saved preferences",
    "email domains (R13a)",
    "skills report",
];

/// [`check_all`], telling `progress` which table it is checking.
pub fn check_all_with<S: Source>(
    s: &S,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Findings, StoreError> {
    let mut problems = Vec::new();
    let [
        links_stage,
        audit_stage,
        keys_stage,
        preferences_stage,
        domains_stage,
        report_stage,
    ] = CHECK_STAGES;
    progress.stage(links_stage, None);
    let links = check_links(s, &mut problems)?;
    progress.stage(audit_stage, None);
    check_audit(s, &links, &mut problems)?;
    progress.stage(keys_stage, None);
    check_ssh_keys(s, &mut problems)?;
    progress.stage(preferences_stage, None);
    check_preferences(s, &mut problems)?;
    progress.stage(domains_stage, None);
    check_domains(s, &mut problems)?;
    let mut outside = OutsideDomains::default();
    progress.stage(report_stage, None);
    check_report(s, &mut outside, &mut problems)?;
    // Schema 7: the holdings are what the report entries derive (issue 18).
    super::holdings::check(s, &mut problems)?;
    check_designation_data(s, &mut problems)?;
    Ok(Findings {
        violations: problems,
        warnings: outside.warnings(),
    })
}

/// R13a, the two domain tables agree: every domain's owner lists it, the owner
/// exists, the domain is a well-formed name, and neither table holds more.
fn check_domains<S: Source>(s: &S, problems: &mut Vec<String>) -> Result<(), StoreError> {
    let by_owner = s.table(OWNER_DOMAINS)?;
    let orgs = s.table(ORGS)?;
    let mut domains = 0u64;
    for row in s.table(DOMAINS)?.iter()? {
        let (domain, owner) = row?;
        let (domain, owner) = (domain.value(), owner.value());
        domains += 1;
        if domain.parse::<certlink_domain::Domain>().is_err() {
            problems.push(format!("domains: {domain:?} is not a domain name"));
        }
        if by_owner.get((owner, domain))?.is_none() {
            problems.push(format!(
                "domains: {domain} belongs to owner {owner}, whose list does not have it"
            ));
        }
        if owner != SUPPORT_OWNER && orgs.get(owner)?.is_none() {
            problems.push(format!(
                "domains: {domain} belongs to organization {owner}, which does not exist"
            ));
        }
    }
    if by_owner.len()? != domains {
        problems.push(format!(
            "domains: the owners' lists hold {} entries for {domains} domains",
            by_owner.len()?
        ));
    }
    Ok(())
}

/// Live accounts whose email is outside their owner's domains (R13a), tallied
/// by (owner, domain). Bounded: a damaged or unusual file cannot make the
/// check keep more than [`OutsideDomains::KEEP`] tallies.
#[derive(Default)]
struct OutsideDomains {
    /// Domain → its owner key, as looked up (cleared when large).
    holders: std::collections::BTreeMap<String, Option<u64>>,
    /// (owner key, domain) → (live accounts, the first one's email, the
    /// domain's owner key).
    tally: std::collections::BTreeMap<(u64, String), (u64, String, Option<u64>)>,
    /// Accounts outside their domains beyond the tallies kept.
    more: u64,
}

impl OutsideDomains {
    const KEEP: usize = 1000;

    fn account<S: Source>(&mut self, s: &S, account: &AccountRecord) -> Result<(), StoreError> {
        if account.status == certlink_domain::AccountStatus::Deleted {
            return Ok(());
        }
        let owner = account.org().map_or(SUPPORT_OWNER, |o| o.get());
        let domain = account.email.domain();
        let holder = match self.holders.get(domain) {
            Some(h) => *h,
            None => {
                let h = s.table(DOMAINS)?.get(domain)?.map(|v| v.value());
                if self.holders.len() >= 4096 {
                    self.holders.clear();
                }
                self.holders.insert(domain.to_string(), h);
                h
            }
        };
        if holder == Some(owner) {
            return Ok(());
        }
        let key = (owner, domain.to_string());
        if let Some((n, ..)) = self.tally.get_mut(&key) {
            *n += 1;
        } else if self.tally.len() < Self::KEEP {
            self.tally
                .insert(key, (1, account.email.to_string(), holder));
        } else {
            self.more += 1;
        }
        Ok(())
    }

    fn warnings(self) -> Vec<Warning> {
        let name = |owner: u64| {
            if owner == SUPPORT_OWNER {
                "the support engineers".to_string()
            } else {
                format!("organization {owner}")
            }
        };
        let mut out: Vec<Warning> = self
            .tally
            .into_iter()
            .map(|((owner, domain), (accounts, first, holder))| {
                let holder = match holder {
                    Some(h) => format!("it belongs to {}", name(h)),
                    None => "it belongs to no one".to_string(),
                };
                Warning::OutsideDomains {
                    owner: name(owner),
                    accounts,
                    domain,
                    holder,
                    first,
                }
            })
            .collect();
        if self.more > 0 {
            out.push(Warning::MoreOutsideDomains(self.more));
        }
        out
    }
}

/// SSH keys (issue 6): every registered key is owned, in the owner table, by the
/// account it is registered under (a key signs in as one account only), and the
/// owner table holds nothing else.
fn check_ssh_keys<S: Source>(s: &S, problems: &mut Vec<String>) -> Result<(), StoreError> {
    let owners = s.table(SSH_KEY_OWNER)?;
    let mut keys = 0u64;
    for row in s.table(SSH_KEYS)?.iter()? {
        let (key, _) = row?;
        let (account, fingerprint) = key.value();
        keys += 1;
        let owner = owners.get(fingerprint)?.map(|v| v.value());
        if owner != Some(account) {
            problems.push(format!(
                "ssh keys: key {fingerprint} of account {account} has owner {owner:?}"
            ));
        }
    }
    if owners.len()? != keys {
        problems.push(format!(
            "ssh keys: {} owner entries for {keys} keys",
            owners.len()?
        ));
    }
    Ok(())
}

/// Saved preferences (issue 16): each belongs to an account that exists (a
/// deleted account's stays with its record, unused) and names a language
/// this build speaks.
fn check_preferences<S: Source>(s: &S, problems: &mut Vec<String>) -> Result<(), StoreError> {
    let accounts = s.table(ACCOUNTS)?;
    for row in s.table(PREFERENCES)?.iter()? {
        let (account, bytes) = row?;
        let account = account.value();
        let preference: PreferenceRecord = match decode(bytes.value(), "preference") {
            Ok(p) => p,
            Err(e) => {
                problems.push(format!("preferences: account {account}: {e}"));
                continue;
            }
        };
        if accounts.get(account)?.is_none() {
            problems.push(format!(
                "preferences: account {account}, which does not exist, has a preference"
            ));
        }
        if preference.language().is_none() {
            problems.push(format!(
                "preferences: account {account} saved {:?}, not a language certlink speaks",
                preference.lang
            ));
        }
    }
    Ok(())
}

/// Schema 7: every stored designation definition is one the domain accepts,
/// under its own id; every organization's scoring record decodes, belongs to
/// an organization that exists, and imports metrics only for defined areas.
fn check_designation_data<S: Source>(s: &S, problems: &mut Vec<String>) -> Result<(), StoreError> {
    let mut areas = std::collections::BTreeSet::new();
    for row in s.table(DESIGNATIONS)?.iter()? {
        let (id, bytes) = row?;
        let id = id.value().to_string();
        match decode::<certlink_domain::designations::AreaDefinition>(bytes.value(), "designation")
        {
            Ok(area) => {
                if area.id != id {
                    problems.push(format!("designations: {id} holds area {}", area.id));
                }
                if let Err(e) = area.validate() {
                    problems.push(format!("designations: {id}: {e}"));
                }
            }
            Err(e) => problems.push(format!("designations: {id}: {e}")),
        }
        areas.insert(id);
    }
    let orgs = s.table(ORGS)?;
    for row in s.table(ORG_SCORING)?.iter()? {
        let (org, bytes) = row?;
        let org = org.value();
        let record: ScoringRecord = match decode(bytes.value(), "organization scoring") {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("org_scoring: organization {org}: {e}"));
                continue;
            }
        };
        if orgs.get(org)?.is_none() {
            problems.push(format!(
                "org_scoring: organization {org}, which does not exist, has scoring data"
            ));
        }
        for area in record.other.keys().filter(|a| !areas.contains(*a)) {
            problems.push(format!(
                "org_scoring: organization {org} has metrics for area {area}, which is not defined"
            ));
        }
    }
    Ok(())
}

/// What the link pass leaves for the audit pass.
struct LinkSummary {
    /// The highest link id (ids are dense from 1: `next_id`).
    max_id: u64,
    /// Per link id: 1 when the link ended, 0 when it is active, 2 for an id
    /// that holds no link.
    ended: Vec<u8>,
}

const NO_LINK: u8 = 2;

/// Links whose index entries are looked up together: sorted, the lookups of a
/// chunk walk each tree front to back instead of jumping around a file much
/// larger than redb's cache (at a million people 8.9 s instead of 32 s for
/// the whole `admin check`), in a few MB.
const CHUNK: usize = 1 << 16;

/// What one link needs to find elsewhere, gathered a chunk at a time.
#[derive(Default)]
struct Wanted {
    /// (MCID, link id): an active link is its MCID's one active link.
    active: Vec<(u64, u64)>,
    /// The index's link entries: (subject, key, kind, link id).
    entries: Vec<(u8, u64, u8, u64)>,
    /// ((MCID, start µs), link id): a counted link's start record.
    starts: Vec<((u64, i64), u64)>,
}

impl Wanted {
    fn len(&self) -> usize {
        self.entries.len()
    }

    fn add(&mut self, id: u64, link: &LinkRecord) {
        if link.ended_at.is_none() {
            self.active.push((link.mcid.get(), id));
            self.entries
                .push(ACTIVE_LINKS_BY_ORG.key(link.org.get(), id));
        }
        self.entries.push(LINKS_BY_ACCOUNT.key(link.account.0, id));
        self.entries.push(LINKS_BY_MCID.key(link.mcid.get(), id));
        if link.counts_as_association {
            self.starts
                .push(((link.mcid.get(), link.since.timestamp_micros()), id));
        }
    }

    /// Looks everything up in key order, reports what is missing, and empties.
    fn check<S: Source>(&mut self, s: &S, problems: &mut Vec<String>) -> Result<(), StoreError> {
        // 1. No MCID has more than one active link: every active link is the
        //    one its MCID's index entry names (the entry holds one id), and
        //    the index holds nothing else (the counts agree, in check_links).
        self.active.sort_unstable();
        let active_by_mcid = s.table(ACTIVE_LINK_BY_MCID)?;
        for (mcid, id) in self.active.drain(..) {
            let named = active_by_mcid.get(mcid)?.map(|v| v.value());
            if named != Some(id) {
                problems.push(format!(
                    "invariant 1: active link {id} of MCID {mcid} is not its MCID's one active link (the index names {named:?})"
                ));
            }
        }
        drop(active_by_mcid);
        // The link kinds of the index: the organization's active links, and
        // every link under its account and under its MCID.
        self.entries.sort_unstable();
        let indexes = s.table(INDEXES)?;
        for entry in self.entries.drain(..) {
            let (_, key, kind, id) = entry;
            if indexes.get(entry)?.is_none() {
                problems.push(format!(
                    "index: kind {kind} entry ({key}, {id}) is missing for link {id}"
                ));
            }
        }
        drop(indexes);
        // 2 is checked by the reference-model tests (it needs the settings in
        //   force at each start); here: every counted start has exactly one
        //   start record, under its MCID at its instant.
        self.starts.sort_unstable();
        let starts = s.table(ASSOCIATION_STARTS)?;
        for (key, id) in self.starts.drain(..) {
            let named = starts.get(key)?.map(|v| v.value());
            if named != Some(id) {
                problems.push(format!(
                    "invariant 2: link {id} association start record mismatch (the record names {named:?})"
                ));
            }
        }
        Ok(())
    }
}

/// Invariants 1 and 2 and the link indexes, one pass over the links.
fn check_links<S: Source>(s: &S, problems: &mut Vec<String>) -> Result<LinkSummary, StoreError> {
    let (mut active, mut counted, mut max_id) = (0u64, 0u64, 0u64);
    let mut ended = Vec::new();
    let mut wanted = Wanted::default();
    let links = s.table(LINKS)?;
    // Ids are given in sequence from 1 (`next_id`), so they stay near the
    // number of links; a damaged id far beyond is reported, not allocated for.
    let id_bound = links.len()?.saturating_mul(2).max(1 << 20);
    for row in links.iter()? {
        let (id, bytes) = row?;
        let link: LinkRecord = decode(bytes.value(), "link")?;
        let id = id.value();
        if id > id_bound {
            problems.push(format!(
                "link {id}: its id is far beyond the number of links (ids are given in sequence)"
            ));
            continue;
        }
        max_id = max_id.max(id);
        let slot = id as usize;
        if slot >= ended.len() {
            ended.resize(slot + 1, NO_LINK);
        }
        ended[slot] = u8::from(link.ended_at.is_some());
        active += u64::from(link.ended_at.is_none());
        counted += u64::from(link.counts_as_association);
        wanted.add(id, &link);
        if wanted.len() >= CHUNK {
            wanted.check(s, problems)?;
        }
    }
    wanted.check(s, problems)?;

    let active_by_mcid = s.table(ACTIVE_LINK_BY_MCID)?.len()?;
    if active_by_mcid != active {
        problems.push(format!(
            "invariant 1: active_link_by_mcid holds {active_by_mcid} entries for {active} active links"
        ));
    }
    let indexes = s.table(INDEXES)?;
    let link_entries = index_entries(
        &indexes,
        &[ACTIVE_LINKS_BY_ORG, LINKS_BY_ACCOUNT, LINKS_BY_MCID],
    )?;
    let expected = active + 2 * (ended.iter().filter(|e| **e != NO_LINK).count() as u64);
    if link_entries != expected {
        problems.push(format!(
            "index: {link_entries} link index entries where the links need {expected}"
        ));
    }
    let starts = s.table(ASSOCIATION_STARTS)?.len()?;
    if starts != counted {
        problems.push(format!(
            "invariant 2: {starts} association start records for {counted} counted links"
        ));
    }
    Ok(LinkSummary { max_id, ended })
}

/// How many entries of the given kinds the index holds. The kinds of one
/// subject are interleaved by key, so this reads each subject's whole range
/// once (a check reads everything anyway).
fn index_entries(
    indexes: &impl ReadableTable<(u8, u64, u8, u64), ()>,
    kinds: &[Index],
) -> Result<u64, StoreError> {
    let mut subjects: Vec<u8> = kinds.iter().map(|i| i.subject).collect();
    subjects.sort_unstable();
    subjects.dedup();
    let mut n = 0;
    for subject in subjects {
        let range = (subject, 0, 0, 0)..=(subject, u64::MAX, u8::MAX, u64::MAX);
        for row in indexes.range(range)? {
            let kind = row?.0.value().2;
            n += u64::from(kinds.iter().any(|i| i.kind == kind));
        }
    }
    Ok(n)
}

/// 3. Every link, unlink, move, removal and merge has exactly one audit record:
///    each link start and each link end is named by exactly one audit entry.
///    One pass over the audit trail, counting per link in one byte each.
fn check_audit<S: Source>(
    s: &S,
    links: &LinkSummary,
    problems: &mut Vec<String>,
) -> Result<(), StoreError> {
    let slots = links.ended.len();
    let (mut started_by, mut ended_by) = (vec![0u8; slots], vec![0u8; slots]);
    for row in s.table(AUDIT)?.iter()? {
        let record: AuditRecord = decode(row?.1.value(), "audit")?;
        if record.outcome != Outcome::Done
            && !(record.links_started.is_empty() && record.links_ended.is_empty())
        {
            problems.push(format!("audit {}: a refusal changed links", record.seq));
        }
        for (ids, counts) in [
            (&record.links_started, &mut started_by),
            (&record.links_ended, &mut ended_by),
        ] {
            for id in ids {
                let known = id.0 <= links.max_id && links.ended[id.0 as usize] != NO_LINK;
                if known {
                    let c = &mut counts[id.0 as usize];
                    *c = c.saturating_add(1);
                } else {
                    problems.push(format!(
                        "invariant 3: audit {} names link {} that does not exist",
                        record.seq, id.0
                    ));
                }
            }
        }
    }
    for (id, ended) in links.ended.iter().enumerate() {
        if *ended == NO_LINK {
            continue;
        }
        let s = started_by[id];
        if s != 1 {
            problems.push(format!(
                "invariant 3: link {id} start has {s} audit records"
            ));
        }
        let e = ended_by[id];
        if e != *ended {
            problems.push(format!(
                "invariant 3: link {id} end has {e} audit records (expected {ended})"
            ));
        }
    }
    Ok(())
}

/// The report table (schema 3) is exactly what accounts, links and skills say:
/// one entry per person in an organization's report, none for anyone else.
/// Streams: each account's derived entry is compared with the stored one, and
/// the table holds no entries beyond those at an account's own key.
fn check_report<S: Source>(
    s: &S,
    outside: &mut OutsideDomains,
    problems: &mut Vec<String>,
) -> Result<(), StoreError> {
    // Entries found at an account's own key, right or wrong.
    let mut present = 0u64;
    for row in s.table(ACCOUNTS)?.iter()? {
        let account: AccountRecord = decode(row?.1.value(), "account")?;
        outside.account(s, &account)?;
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

#[cfg(test)]
mod tests {
    //! The checker must see each kind of damage: a checker that finds nothing
    //! would let every test that relies on it pass.

    use chrono::{TimeZone, Utc};
    use redb::ReadableDatabase;
    use tempfile::TempDir;

    use super::*;
    use crate::demo;
    use crate::service::Service;

    /// The demo database: people who linked, moved and unlinked.
    fn linked_world() -> (TempDir, Service) {
        let dir = tempfile::tempdir().expect("temp dir");
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let (service, _) = demo::build(&dir.path().join("db.redb"), now).expect("demo data");
        (dir, service)
    }

    /// Applies `damage` to the raw tables in one transaction, then returns
    /// what the checker says.
    fn after(service: &Service, damage: impl FnOnce(&redb::WriteTransaction)) -> Vec<String> {
        crate::store::damage_then_check(service.store(), damage).expect("check runs")
    }

    /// The checker's answer names a problem containing `needle`.
    fn assert_found(found: &[String], needle: &str) {
        assert!(
            found.iter().any(|p| p.contains(needle)),
            "no problem mentions {needle:?}: {found:?}"
        );
    }

    fn first_active_link(service: &Service) -> (u64, u64) {
        let txn = service
            .store()
            .database()
            .expect("db")
            .begin_read()
            .expect("read");
        let t = txn.open_table(ACTIVE_LINK_BY_MCID).expect("table");
        let (mcid, link) = t
            .first()
            .expect("read")
            .expect("the demo has an active link");
        (mcid.value(), link.value())
    }

    fn link_record(service: &Service, id: u64) -> LinkRecord {
        let txn = service
            .store()
            .database()
            .expect("db")
            .begin_read()
            .expect("read");
        let t = txn.open_table(LINKS).expect("table");
        let bytes = t.get(id).expect("read").expect("link exists");
        decode(bytes.value(), "link").expect("decodes")
    }

    #[test]
    fn a_healthy_database_has_no_problems() {
        let (_dir, service) = linked_world();
        assert_eq!(after(&service, |_| {}), Vec::<String>::new());
    }

    #[test]
    fn invariant_1_a_second_active_link_of_one_mcid_is_found() {
        let (_dir, service) = linked_world();
        let (mcid, link) = first_active_link(&service);
        let mut second = link_record(&service, link);
        second.id = certlink_domain::LinkId(10_000);
        let found = after(&service, |txn| {
            let bytes = crate::store::codec::encode(&second).expect("encode");
            txn.open_table(LINKS)
                .expect("t")
                .insert(10_000, bytes.as_slice())
                .expect("insert");
        });
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("invariant 1:") && p.contains(&mcid.to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn invariant_1_an_index_entry_without_its_active_link_is_found() {
        let (_dir, service) = linked_world();
        let found = after(&service, |txn| {
            txn.open_table(ACTIVE_LINK_BY_MCID)
                .expect("t")
                .insert(99_999_999, 1)
                .expect("insert");
        });
        assert_found(&found, "active_link_by_mcid holds");
    }

    #[test]
    fn a_missing_or_extra_link_index_entry_is_found() {
        let (_dir, service) = linked_world();
        let (_, link) = first_active_link(&service);
        let record = link_record(&service, link);
        let found = after(&service, |txn| {
            txn.open_table(INDEXES)
                .expect("t")
                .remove(ACTIVE_LINKS_BY_ORG.key(record.org.get(), link))
                .expect("remove");
        });
        assert_found(
            &found,
            &format!("entry ({}, {link}) is missing", record.org),
        );
        let found = after(&service, |txn| {
            let mut t = txn.open_table(INDEXES).expect("t");
            t.insert(ACTIVE_LINKS_BY_ORG.key(record.org.get(), link), ())
                .expect("restore");
            t.insert(LINKS_BY_MCID.key(1, 77_777), ()).expect("extra");
        });
        assert_found(&found, "link index entries where the links need");
    }

    #[test]
    fn invariant_2_a_missing_or_extra_start_record_is_found() {
        let (_dir, service) = linked_world();
        let (mcid, link) = first_active_link(&service);
        let record = link_record(&service, link);
        assert!(record.counts_as_association, "the demo's first link counts");
        let at = record.since.timestamp_micros();
        let found = after(&service, |txn| {
            txn.open_table(ASSOCIATION_STARTS)
                .expect("t")
                .remove((mcid, at))
                .expect("remove");
        });
        assert!(
            found
                .iter()
                .any(|p| p.starts_with(&format!("invariant 2: link {link}"))),
            "{found:?}"
        );
        let found = after(&service, |txn| {
            let mut t = txn.open_table(ASSOCIATION_STARTS).expect("t");
            t.insert((mcid, at), link).expect("restore");
            t.insert((mcid, at + 1), link).expect("extra");
        });
        assert_found(&found, "association start records for");
    }

    #[test]
    fn invariant_3_a_link_without_its_audit_record_is_found() {
        let (_dir, service) = linked_world();
        let (_, link) = first_active_link(&service);
        let txn = service
            .store()
            .database()
            .expect("db")
            .begin_read()
            .expect("read");
        let naming: Vec<u64> = txn
            .open_table(AUDIT)
            .expect("t")
            .iter()
            .expect("iter")
            .filter_map(|row| {
                let (seq, bytes) = row.expect("row");
                let record: AuditRecord = decode(bytes.value(), "audit").expect("decodes");
                record
                    .links_started
                    .iter()
                    .any(|l| l.0 == link)
                    .then_some(seq.value())
            })
            .collect();
        drop(txn);
        assert_eq!(naming.len(), 1, "one record names the start");
        let found = after(&service, |txn| {
            txn.open_table(AUDIT)
                .expect("t")
                .remove(naming[0])
                .expect("remove");
        });
        assert!(
            found
                .iter()
                .any(|p| p == &format!("invariant 3: link {link} start has 0 audit records")),
            "{found:?}"
        );
    }

    #[test]
    fn an_ssh_key_owned_by_another_account_or_an_ownerless_owner_entry_is_found() {
        let (_dir, service) = linked_world();
        let key = crate::store::records::SshKeyRecord {
            openssh: "ssh-ed25519 AAAA test".into(),
            added_at: Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap(),
        };
        let bytes = crate::store::codec::encode(&key).expect("encode");
        let found = after(&service, |txn| {
            txn.open_table(SSH_KEYS)
                .expect("t")
                .insert((1, "SHA256:one"), bytes.as_slice())
                .expect("key");
            txn.open_table(SSH_KEY_OWNER)
                .expect("t")
                .insert("SHA256:one", 2)
                .expect("owner");
        });
        assert!(
            found
                .iter()
                .any(|p| p == "ssh keys: key SHA256:one of account 1 has owner Some(2)"),
            "{found:?}"
        );
        let found = after(&service, |txn| {
            let mut owners = txn.open_table(SSH_KEY_OWNER).expect("t");
            owners.insert("SHA256:one", 1).expect("fix");
            owners.insert("SHA256:stray", 1).expect("stray");
        });
        assert_eq!(
            found,
            vec!["ssh keys: 2 owner entries for 1 keys".to_string()]
        );
    }

    #[test]
    fn a_preference_of_no_account_or_of_an_unknown_language_is_found() {
        let (_dir, service) = linked_world();
        let record = |lang: &str| {
            crate::store::codec::encode(&PreferenceRecord {
                lang: lang.into(),
                saved_at: Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap(),
            })
            .expect("encode")
        };
        let found = after(&service, |txn| {
            txn.open_table(PREFERENCES)
                .expect("t")
                .insert(1, record("zh-CN").as_slice())
                .expect("insert");
        });
        assert_eq!(found, Vec::<String>::new(), "account 1 may save zh-CN");
        let found = after(&service, |txn| {
            let mut t = txn.open_table(PREFERENCES).expect("t");
            t.insert(1, record("fr").as_slice()).expect("insert");
            t.insert(999_999, record("en").as_slice()).expect("insert");
            t.insert(2, &b"\xff\xff"[..]).expect("insert");
        });
        assert_found(
            &found,
            "preferences: account 1 saved \"fr\", not a language certlink speaks",
        );
        assert_found(
            &found,
            "preferences: account 999999, which does not exist, has a preference",
        );
        assert_found(&found, "preference record cannot be read");
    }

    #[test]
    fn r13a_the_two_domain_tables_must_agree() {
        let (_dir, service) = linked_world();
        let found = after(&service, |txn| {
            txn.open_table(DOMAINS)
                .expect("t")
                .insert("stray.example", 1_234_567)
                .expect("insert");
        });
        assert_found(
            &found,
            "domains: stray.example belongs to owner 1234567, whose list does not have it",
        );
        assert_found(&found, "the owners' lists hold 5 entries for 6 domains");
        let found = after(&service, |txn| {
            txn.open_table(OWNER_DOMAINS)
                .expect("t")
                .insert((9_999_999, "stray.example"), ())
                .expect("insert");
        });
        assert_found(
            &found,
            "domains: stray.example belongs to owner 1234567, whose list does not have it",
        );
        let found = after(&service, |txn| {
            txn.open_table(DOMAINS)
                .expect("t")
                .insert("ghost.example", 9_999_999)
                .expect("insert");
        });
        assert_found(
            &found,
            "ghost.example belongs to organization 9999999, which does not exist",
        );
    }

    #[test]
    fn r13a_a_live_account_outside_its_domains_is_a_warning_not_a_violation() {
        let (_dir, service) = linked_world();
        crate::store::damage_then_check(service.store(), |txn| {
            crate::store::schema::tests::raw_account(txn, 9001, 2_345_678, "evil@contoso.com");
        })
        .expect("check runs");
        let findings = check_all(&service.store().read().expect("read")).expect("check");
        assert_eq!(findings.violations, Vec::<String>::new());
        assert_eq!(findings.warnings.len(), 1, "{:?}", findings.warnings);
        assert!(
            findings.warnings[0].to_string().contains(
                "organization 2345678 has 1 live account(s) in contoso.com, outside its domains"
            ),
            "{:?}",
            findings.warnings
        );
    }

    #[test]
    fn a_damaged_link_id_far_beyond_the_others_is_reported_not_allocated_for() {
        let (_dir, service) = linked_world();
        let (_, link) = first_active_link(&service);
        let mut record = link_record(&service, link);
        record.id = certlink_domain::LinkId(u64::MAX);
        let found = after(&service, |txn| {
            let bytes = crate::store::codec::encode(&record).expect("encode");
            txn.open_table(LINKS)
                .expect("t")
                .insert(u64::MAX, bytes.as_slice())
                .expect("insert");
        });
        assert_found(&found, &format!("link {}: its id is far beyond", u64::MAX));
    }
}
