//! Reads shared by read and write transactions: the write transaction of a command
//! reads exactly what its decision needs through the same functions the screens
//! use, so there is one way to read each thing.

use chrono::{DateTime, Utc};
use redb::{
    Key, ReadOnlyTable, ReadTransaction, ReadableTable, Table, TableDefinition, Value,
    WriteTransaction,
};

use super::StoreError;
use super::codec::decode;
use super::records::*;
use super::tables::*;
use certlink_domain::designations::AreaDefinition;
use certlink_domain::skills::{Competency, SkillRecord, Subject};
use certlink_domain::throttle::FailureCount;
use certlink_domain::{
    AccountId, AccountStatus, Domain, DomainOwner, Email, LinkId, Mcid, MpnId, ProfileFacts,
    PuUsername, Settings,
};

/// The key of a domain's owner in [`DOMAINS`] and [`OWNER_DOMAINS`].
pub(super) fn owner_key(owner: DomainOwner) -> u64 {
    match owner {
        DomainOwner::Org(mpn) => mpn.get(),
        DomainOwner::Support => SUPPORT_OWNER,
    }
}

pub(super) fn owner_of_key(key: u64) -> Result<DomainOwner, StoreError> {
    if key == SUPPORT_OWNER {
        return Ok(DomainOwner::Support);
    }
    MpnId::new(key)
        .map(DomainOwner::Org)
        .map_err(|e| StoreError::Corrupt(format!("domain owner: {e}")))
}

fn stored_domain(text: &str) -> Result<Domain, StoreError> {
    text.parse()
        .map_err(|e: certlink_domain::ParseIdError| StoreError::Corrupt(format!("domain: {e}")))
}

/// Accounts read per batch when a whole organization's are counted.
const ACCOUNT_BATCH: usize = 4096;

/// Where a page of an organization's accounts starts (id order both ways).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountSeek {
    /// Strictly after this id going forward; `None`: from the first.
    After(Option<AccountId>),
    /// Strictly before this id going back; `None`: from the last.
    Before(Option<AccountId>),
}

/// A listing of tickets (R14): groups of one index, in order.
#[derive(Debug, Clone)]
pub struct TicketListing {
    pub index: Index,
    /// The groups' keys (statuses, or the opener), in listing order.
    pub groups: Vec<u64>,
    /// Within a group, the highest id first.
    pub newest_first: bool,
}

/// Where a page of a grouped listing starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSeek {
    First,
    /// Strictly after this row (its group and id), forward.
    After {
        group: usize,
        id: u64,
    },
    /// Strictly before this row, back: the page that ends above it.
    Before {
        group: usize,
        id: u64,
    },
    Last,
}

/// Which of an organization's links a list keeps, seen with the holder's
/// account (R10, R12: the Global Admin's filter by holder or MCID).
pub type KeepLink<'a> = dyn Fn(&LinkRecord, Option<&AccountRecord>) -> bool + 'a;

/// A transaction whose tables can be read.
pub trait Source {
    type Table<'a, K: Key + 'static, V: Value + 'static>: ReadableTable<K, V>
    where
        Self: 'a;
    fn table<K: Key + 'static, V: Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Self::Table<'_, K, V>, StoreError>;
}

impl Source for ReadTransaction {
    type Table<'a, K: Key + 'static, V: Value + 'static> = ReadOnlyTable<K, V>;
    fn table<K: Key + 'static, V: Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<ReadOnlyTable<K, V>, StoreError> {
        Ok(self.open_table(def)?)
    }
}

impl Source for WriteTransaction {
    type Table<'a, K: Key + 'static, V: Value + 'static> = Table<'a, K, V>;
    fn table<K: Key + 'static, V: Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Table<'_, K, V>, StoreError> {
        Ok(self.open_table(def)?)
    }
}

/// Second-level keys under `first`, newest (highest) first, at most `limit`,
/// strictly below `before` if given.
fn index_desc<S: Source + ?Sized>(
    s: &S,
    index: Index,
    first: u64,
    before: Option<u64>,
    limit: usize,
) -> Result<Vec<u64>, StoreError> {
    let t = s.table(INDEXES)?;
    let mut out = Vec::new();
    let top = match before {
        Some(0) => return Ok(out),
        Some(b) => b - 1,
        None => u64::MAX,
    };
    for row in t.range(index.key(first, 0)..=index.key(first, top))?.rev() {
        if out.len() >= limit {
            break;
        }
        out.push(row?.0.value().3);
    }
    Ok(out)
}

/// How many ids `index` holds under `first`: its keys alone, no record read
/// (the totals of the long lists).
fn count_index_keys<S: Source + ?Sized>(
    s: &S,
    index: Index,
    first: u64,
) -> Result<usize, StoreError> {
    let t = s.table(INDEXES)?;
    let mut n = 0;
    for row in t.range(index.key(first, 0)..=index.key(first, u64::MAX))? {
        row?;
        n += 1;
    }
    Ok(n)
}

/// Second-level keys under `first`, oldest first, at most `limit`, strictly after `after`.
pub(super) fn index_asc<S: Source + ?Sized>(
    s: &S,
    index: Index,
    first: u64,
    after: Option<u64>,
    limit: usize,
) -> Result<Vec<u64>, StoreError> {
    let t = s.table(INDEXES)?;
    let mut out = Vec::new();
    let start = match after {
        Some(a) if a == u64::MAX => return Ok(out),
        Some(a) => a + 1,
        None => 0,
    };
    for row in t.range(index.key(first, start)..=index.key(first, u64::MAX))? {
        if out.len() >= limit {
            break;
        }
        out.push(row?.0.value().3);
    }
    Ok(out)
}

/// `ids` with their positions, sorted by id: point reads in this order visit a
/// B-tree's leaves front to back.
fn in_key_order(ids: &[u64]) -> Vec<(usize, u64)> {
    let mut sorted: Vec<(usize, u64)> = ids.iter().copied().enumerate().collect();
    sorted.sort_unstable_by_key(|&(_, id)| id);
    sorted
}

/// Records found for [`in_key_order`] ids, back in the order they were asked for.
fn in_asked_order<T>(mut found: Vec<(usize, T)>) -> Vec<T> {
    found.sort_unstable_by_key(|&(at, _)| at);
    found.into_iter().map(|(_, record)| record).collect()
}

fn start_at(micros: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_micros(micros)
        .ok_or_else(|| StoreError::Corrupt("association start out of range".into()))
}

/// Typed queries, available on every [`Source`].
pub trait Queries: Source {
    fn meta_bytes(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.table(META)?.get(key)?.map(|v| v.value().to_vec()))
    }

    fn settings(&self) -> Result<Settings, StoreError> {
        let bytes = self
            .meta_bytes(super::schema::SETTINGS)?
            .ok_or_else(|| StoreError::Corrupt("settings are missing".into()))?;
        decode(&bytes, "settings")
    }

    fn is_sandbox(&self) -> Result<bool, StoreError> {
        Ok(self.meta_bytes(super::schema::KIND)?.as_deref() == Some(super::schema::KIND_SANDBOX))
    }

    /// The instant of the last audited event (the clock may not go back before it).
    fn last_event_at(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        match self.meta_bytes(super::schema::LAST_EVENT_AT)? {
            Some(b) => Ok(Some(decode(&b, "last event time")?)),
            None => Ok(None),
        }
    }

    fn org(&self, mpn: MpnId) -> Result<Option<OrgRecord>, StoreError> {
        match self.table(ORGS)?.get(mpn.get())? {
            Some(v) => Ok(Some(decode(v.value(), "organization")?)),
            None => Ok(None),
        }
    }

    fn account(&self, id: AccountId) -> Result<Option<AccountRecord>, StoreError> {
        match self.table(ACCOUNTS)?.get(id.0)? {
            Some(v) => Ok(Some(decode(v.value(), "account")?)),
            None => Ok(None),
        }
    }

    /// The live (not deleted) account with this email.
    fn account_by_email(&self, email: &Email) -> Result<Option<AccountRecord>, StoreError> {
        let id = self
            .table(ACCOUNT_BY_EMAIL)?
            .get(email.as_str())?
            .map(|v| v.value());
        match id {
            Some(id) => self.account(AccountId(id)),
            None => Ok(None),
        }
    }

    /// Accounts of an organization in creation order, a page at a time.
    fn accounts_of_org(
        &self,
        org: MpnId,
        after: Option<AccountId>,
        limit: usize,
    ) -> Result<Vec<AccountRecord>, StoreError> {
        let ids = index_asc(self, ACCOUNTS_BY_ORG, org.get(), after.map(|a| a.0), limit)?;
        self.accounts_by_ids(&ids)
    }

    /// The organization's accounts that `keep` accepts, at most `limit`, in id
    /// order, from `seek`: after an id (or from the first) going forward, or
    /// before an id (or from the last) going back — the page that ends there,
    /// still in id order. Reads a batch of the index at a time, so a page
    /// costs the rows it skips and takes, never the whole organization.
    fn accounts_of_org_where(
        &self,
        org: MpnId,
        seek: AccountSeek,
        limit: usize,
        keep: &dyn Fn(&AccountRecord) -> bool,
    ) -> Result<Vec<AccountRecord>, StoreError> {
        let mut taken = Vec::new();
        if limit == 0 {
            return Ok(taken);
        }
        let batch = limit.clamp(64, ACCOUNT_BATCH);
        let mut cursor = seek;
        while taken.len() < limit {
            let ids = match cursor {
                AccountSeek::After(after) => {
                    index_asc(self, ACCOUNTS_BY_ORG, org.get(), after.map(|a| a.0), batch)?
                }
                AccountSeek::Before(before) => {
                    index_desc(self, ACCOUNTS_BY_ORG, org.get(), before.map(|a| a.0), batch)?
                }
            };
            let Some(&last) = ids.last() else { break };
            cursor = match cursor {
                AccountSeek::After(_) => AccountSeek::After(Some(AccountId(last))),
                AccountSeek::Before(_) => AccountSeek::Before(Some(AccountId(last))),
            };
            for account in self.accounts_by_ids(&ids)? {
                if taken.len() < limit && keep(&account) {
                    taken.push(account);
                }
            }
        }
        if matches!(seek, AccountSeek::Before(_)) {
            taken.reverse();
        }
        Ok(taken)
    }

    /// How many of the organization's accounts `keep` accepts (all of them
    /// with `None`: the index's keys alone are counted, no account is read).
    fn count_accounts_of_org_where(
        &self,
        org: MpnId,
        keep: Option<&dyn Fn(&AccountRecord) -> bool>,
    ) -> Result<usize, StoreError> {
        let Some(keep) = keep else {
            return count_index_keys(self, ACCOUNTS_BY_ORG, org.get());
        };
        let mut n = 0;
        let mut after = None;
        loop {
            let page = self.accounts_of_org(org, after, ACCOUNT_BATCH)?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            n += page.iter().filter(|a| keep(a)).count();
        }
        Ok(n)
    }

    /// The accounts with these ids that exist, in the order asked for. They are
    /// read in key order, so a batch walks the table's leaves once, front to back,
    /// instead of jumping between them (reports read thousands at a time).
    fn accounts_by_ids(&self, ids: &[u64]) -> Result<Vec<AccountRecord>, StoreError> {
        let t = self.table(ACCOUNTS)?;
        let mut found = Vec::with_capacity(ids.len());
        for (at, id) in in_key_order(ids) {
            if let Some(v) = t.get(id)? {
                found.push((at, decode(v.value(), "account")?));
            }
        }
        Ok(in_asked_order(found))
    }

    /// R17: active Global Admins of an organization.
    fn active_global_admins(&self, org: MpnId) -> Result<Vec<AccountId>, StoreError> {
        let ids = index_asc(self, GLOBAL_ADMINS_BY_ORG, org.get(), None, usize::MAX)?;
        Ok(self
            .accounts_by_ids(&ids)?
            .into_iter()
            .filter(|a| a.status == AccountStatus::Active && a.roles.global_admin)
            .map(|a| a.id)
            .collect())
    }

    fn profile(&self, mcid: Mcid) -> Result<Option<ProfileRecord>, StoreError> {
        match self.table(PROFILES)?.get(mcid.get())? {
            Some(v) => Ok(Some(decode(v.value(), "profile")?)),
            None => Ok(None),
        }
    }

    fn profile_by_email(&self, email: &Email) -> Result<Option<ProfileRecord>, StoreError> {
        let mcid = self
            .table(PROFILE_BY_EMAIL)?
            .get(email.as_str())?
            .map(|v| v.value());
        match mcid {
            Some(m) => self.profile(Mcid::new(m).map_err(|e| StoreError::Corrupt(e.0))?),
            None => Ok(None),
        }
    }

    fn pu_account(&self, username: &PuUsername) -> Result<Option<PuRecord>, StoreError> {
        match self.table(PU_ACCOUNTS)?.get(username.as_str())? {
            Some(v) => Ok(Some(decode(v.value(), "Partner University account")?)),
            None => Ok(None),
        }
    }

    fn link(&self, id: LinkId) -> Result<Option<LinkRecord>, StoreError> {
        match self.table(LINKS)?.get(id.0)? {
            Some(v) => Ok(Some(decode(v.value(), "link")?)),
            None => Ok(None),
        }
    }

    /// The links with these ids that exist, in the order asked for (read in key
    /// order, as [`Queries::accounts_by_ids`]).
    fn links_by_ids(&self, ids: &[u64]) -> Result<Vec<LinkRecord>, StoreError> {
        let t = self.table(LINKS)?;
        let mut found = Vec::with_capacity(ids.len());
        for (at, id) in in_key_order(ids) {
            if let Some(v) = t.get(id)? {
                found.push((at, decode(v.value(), "link")?));
            }
        }
        Ok(in_asked_order(found))
    }

    /// R5: the one active link of an MCID.
    fn active_link(&self, mcid: Mcid) -> Result<Option<LinkRecord>, StoreError> {
        let id = self
            .table(ACTIVE_LINK_BY_MCID)?
            .get(mcid.get())?
            .map(|v| v.value());
        match id {
            Some(id) => self.link(LinkId(id)),
            None => Ok(None),
        }
    }

    /// R9: every association start of an MCID, oldest first.
    fn association_starts(&self, mcid: Mcid) -> Result<Vec<DateTime<Utc>>, StoreError> {
        let t = self.table(ASSOCIATION_STARTS)?;
        let mut out = Vec::new();
        for row in t.range((mcid.get(), i64::MIN)..=(mcid.get(), i64::MAX))? {
            out.push(start_at(row?.0.value().1)?);
        }
        Ok(out)
    }

    /// R9: the association starts of an MCID that R9 can still count, oldest
    /// first: the newest start and every start less than 365 days older than it.
    /// Since the clock never goes back, every start inside R9's window at any
    /// later instant is among them (and the newest is the cool-off's anchor), so
    /// the read is bounded by the limit, not by the length of the history.
    fn countable_association_starts(&self, mcid: Mcid) -> Result<Vec<DateTime<Utc>>, StoreError> {
        let t = self.table(ASSOCIATION_STARTS)?;
        let window = certlink_domain::association_limit::WINDOW
            .num_microseconds()
            .unwrap_or(i64::MAX);
        let mut out = Vec::new();
        let mut oldest_needed = i64::MIN;
        for row in t
            .range((mcid.get(), i64::MIN)..=(mcid.get(), i64::MAX))?
            .rev()
        {
            let micros = row?.0.value().1;
            if out.is_empty() {
                oldest_needed = micros.saturating_sub(window);
            } else if micros <= oldest_needed {
                break;
            }
            out.push(start_at(micros)?);
        }
        out.reverse();
        Ok(out)
    }

    fn profile_facts(&self, mcid: Mcid) -> Result<ProfileFacts, StoreError> {
        Ok(ProfileFacts {
            mcid,
            active_link: self.active_link(mcid)?.map(|l| l.active()),
            association_starts: self.countable_association_starts(mcid)?,
        })
    }

    /// Links made through an account, newest first.
    fn links_of_account(
        &self,
        account: AccountId,
        limit: usize,
    ) -> Result<Vec<LinkRecord>, StoreError> {
        let ids = index_desc(self, LINKS_BY_ACCOUNT, account.0, None, limit)?;
        self.links_by_ids(&ids)
    }

    /// Links of an MCID, newest first.
    fn links_of_mcid(&self, mcid: Mcid, limit: usize) -> Result<Vec<LinkRecord>, StoreError> {
        let ids = index_desc(self, LINKS_BY_MCID, mcid.get(), None, limit)?;
        self.links_by_ids(&ids)
    }

    /// The organization's active links, oldest first, a page at a time.
    fn active_links_of_org(
        &self,
        org: MpnId,
        after: Option<LinkId>,
        limit: usize,
    ) -> Result<Vec<LinkRecord>, StoreError> {
        let ids = index_asc(
            self,
            ACTIVE_LINKS_BY_ORG,
            org.get(),
            after.map(|l| l.0),
            limit,
        )?;
        self.links_by_ids(&ids)
    }

    /// R10, R12: the organization's active links, each with its holder's
    /// account, that `keep` accepts, at most `limit`, oldest (lowest id)
    /// first, from `seek` — one group, so only the id of a [`ListSeek`]
    /// counts: after a link (or from the first) going forward, before one (or
    /// from the last) going back, the page that ends there still oldest
    /// first. Reads a batch of the index at a time, the batch's links and
    /// holders each in key order: a page costs the links it skips and takes,
    /// never the table.
    fn active_links_of_org_where(
        &self,
        org: MpnId,
        seek: ListSeek,
        limit: usize,
        keep: &KeepLink<'_>,
    ) -> Result<Vec<(LinkRecord, Option<AccountRecord>)>, StoreError> {
        let mut taken = Vec::new();
        if limit == 0 {
            return Ok(taken);
        }
        let batch = limit.clamp(64, ACCOUNT_BATCH);
        let (forward, mut cursor) = match seek {
            ListSeek::First => (true, None),
            ListSeek::Last => (false, None),
            ListSeek::After { id, .. } => (true, Some(id)),
            ListSeek::Before { id, .. } => (false, Some(id)),
        };
        while taken.len() < limit {
            let ids = if forward {
                index_asc(self, ACTIVE_LINKS_BY_ORG, org.get(), cursor, batch)?
            } else {
                index_desc(self, ACTIVE_LINKS_BY_ORG, org.get(), cursor, batch)?
            };
            let Some(&last) = ids.last() else { break };
            cursor = Some(last);
            for (link, holder) in self.links_with_holders(&ids)? {
                if taken.len() < limit && keep(&link, holder.as_ref()) {
                    taken.push((link, holder));
                }
            }
        }
        if !forward {
            taken.reverse();
        }
        Ok(taken)
    }

    /// How many of the organization's active links `keep` accepts (all of
    /// them with `None`: the index's keys alone are counted, no link read).
    fn count_active_links_of_org_where(
        &self,
        org: MpnId,
        keep: Option<&KeepLink<'_>>,
    ) -> Result<usize, StoreError> {
        let Some(keep) = keep else {
            return count_index_keys(self, ACTIVE_LINKS_BY_ORG, org.get());
        };
        let mut n = 0;
        let mut after = None;
        loop {
            let ids = index_asc(self, ACTIVE_LINKS_BY_ORG, org.get(), after, ACCOUNT_BATCH)?;
            let Some(&last) = ids.last() else { break };
            after = Some(last);
            n += self
                .links_with_holders(&ids)?
                .iter()
                .filter(|(link, holder)| keep(link, holder.as_ref()))
                .count();
        }
        Ok(n)
    }

    /// The links with these ids, each with the account it was made through
    /// (if it still exists), in the order asked for: the links and then
    /// their accounts are each read in key order, in one pass.
    fn links_with_holders(
        &self,
        ids: &[u64],
    ) -> Result<Vec<(LinkRecord, Option<AccountRecord>)>, StoreError> {
        let links = self.links_by_ids(ids)?;
        let t = self.table(ACCOUNTS)?;
        let account_ids: Vec<u64> = links.iter().map(|l| l.account.0).collect();
        let mut holders: Vec<Option<AccountRecord>> = vec![None; links.len()];
        for (at, id) in in_key_order(&account_ids) {
            if let Some(v) = t.get(id)? {
                holders[at] = Some(decode(v.value(), "account")?);
            }
        }
        Ok(links.into_iter().zip(holders).collect())
    }

    #[cfg(any(test, feature = "test-support"))]
    fn audit_record(&self, seq: u64) -> Result<Option<AuditRecord>, StoreError> {
        match self.table(AUDIT)?.get(seq)? {
            Some(v) => Ok(Some(decode(v.value(), "audit")?)),
            None => Ok(None),
        }
    }

    fn audit_by_seqs(&self, seqs: &[u64]) -> Result<Vec<AuditRecord>, StoreError> {
        let t = self.table(AUDIT)?;
        let mut out = Vec::with_capacity(seqs.len());
        for s in seqs {
            if let Some(v) = t.get(*s)? {
                out.push(decode(v.value(), "audit")?);
            }
        }
        Ok(out)
    }

    #[cfg(any(test, feature = "test-support"))]
    /// The whole trail, newest first, before `before`.
    fn audit_all(&self, before: Option<u64>, limit: usize) -> Result<Vec<AuditRecord>, StoreError> {
        let t = self.table(AUDIT)?;
        let mut out = Vec::new();
        for row in t.range(..before.unwrap_or(u64::MAX))?.rev() {
            if out.len() >= limit {
                break;
            }
            out.push(decode(row?.1.value(), "audit")?);
        }
        Ok(out)
    }

    fn audit_of_account(
        &self,
        account: AccountId,
        before: Option<u64>,
        limit: usize,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let seqs = index_desc(self, AUDIT_BY_ACCOUNT, account.0, before, limit)?;
        self.audit_by_seqs(&seqs)
    }

    fn audit_of_mcid(
        &self,
        mcid: Mcid,
        before: Option<u64>,
        limit: usize,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let seqs = index_desc(self, AUDIT_BY_MCID, mcid.get(), before, limit)?;
        self.audit_by_seqs(&seqs)
    }

    #[cfg(any(test, feature = "test-support"))]
    fn audit_of_org(
        &self,
        org: MpnId,
        before: Option<u64>,
        limit: usize,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let seqs = index_desc(self, AUDIT_BY_ORG, org.get(), before, limit)?;
        self.audit_by_seqs(&seqs)
    }

    /// Every record of one subject (MCID or PU account), by kind, skill id and date.
    fn skills_of(&self, subject: &Subject) -> Result<Vec<SkillRecord>, StoreError> {
        Ok(self
            .skills_of_many(std::slice::from_ref(subject))?
            .pop()
            .unwrap_or_default())
    }

    /// The records of many subjects, reading the skills table once (reports).
    /// Subjects are read in key order (one pass over the table's leaves per
    /// batch), and returned in the order asked for.
    fn skills_of_many(&self, subjects: &[Subject]) -> Result<Vec<Vec<SkillRecord>>, StoreError> {
        let t = self.table(SKILLS)?;
        let mut keys: Vec<(usize, String)> =
            subjects.iter().map(Subject::key).enumerate().collect();
        keys.sort_unstable_by(|a, b| a.1.cmp(&b.1));
        let mut out = vec![Vec::new(); subjects.len()];
        for (at, key) in keys {
            // Tuple keys compare element-wise: every key whose first element is
            // `key` sorts before (`key` + NUL, …).
            let upper = format!("{key}\0");
            let records = &mut out[at];
            for row in
                t.range((key.as_str(), 0u8, "", i64::MIN)..(upper.as_str(), 0u8, "", i64::MIN))?
            {
                records.push(decode(row?.1.value(), "skill")?);
            }
        }
        Ok(out)
    }

    /// Issue 18: the people of `org` holding certification `cert_id` (compared
    /// case-insensitively), in account id order (a person's copies by the day
    /// earned), with when each earned it, when
    /// it expires (`i64::MAX`: never) and when it counts (R3), in µs. One range
    /// of the holdings table.
    fn holdings_of(
        &self,
        org: MpnId,
        cert_id: &str,
    ) -> Result<Vec<(AccountId, super::holdings::Holding)>, StoreError> {
        let id = cert_id.to_lowercase();
        let t = self.table(HOLDINGS)?;
        let mut out = Vec::new();
        let range =
            (org.get(), id.as_str(), 0, i64::MIN)..=(org.get(), id.as_str(), u64::MAX, i64::MAX);
        for row in t.range(range)? {
            let (k, v) = row?;
            let (_, _, account, earned) = k.value();
            out.push((
                AccountId(account),
                super::holdings::Holding::from_row(earned, v.value()),
            ));
        }
        Ok(out)
    }

    /// Every solution area's designation rules, by id.
    fn designations(&self) -> Result<Vec<AreaDefinition>, StoreError> {
        let t = self.table(DESIGNATIONS)?;
        let mut out = Vec::new();
        for row in t.iter()? {
            out.push(decode(row?.1.value(), "designation")?);
        }
        Ok(out)
    }

    /// An organization's size class and imported metrics (Enterprise and
    /// nothing imported when the operator set neither).
    fn org_scoring(&self, org: MpnId) -> Result<ScoringRecord, StoreError> {
        match self.table(ORG_SCORING)?.get(org.get())? {
            Some(v) => decode(v.value(), "organization scoring"),
            None => Ok(ScoringRecord::default()),
        }
    }

    /// R11: every competency definition, by id.
    fn competencies(&self) -> Result<Vec<Competency>, StoreError> {
        let t = self.table(COMPETENCIES)?;
        let mut out = Vec::new();
        for row in t.iter()? {
            out.push(decode(row?.1.value(), "competency")?);
        }
        Ok(out)
    }

    fn ticket(&self, id: u64) -> Result<Option<TicketRecord>, StoreError> {
        match self.table(TICKETS)?.get(id)? {
            Some(v) => Ok(Some(decode(v.value(), "ticket")?)),
            None => Ok(None),
        }
    }

    fn tickets_by_ids(&self, ids: &[u64]) -> Result<Vec<TicketRecord>, StoreError> {
        let t = self.table(TICKETS)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(v) = t.get(*id)? {
                out.push(decode(v.value(), "ticket")?);
            }
        }
        Ok(out)
    }

    /// R14: tickets listed as groups of an index in order (the queue: one
    /// group per status, oldest first in each; a person's: one group, newest
    /// first), those `keep` accepts, at most `limit`, from `seek`, each with
    /// its group. Reads a batch at a time: a page costs what it skips and
    /// takes, never the whole table.
    fn tickets_listed(
        &self,
        listing: &TicketListing,
        seek: ListSeek,
        limit: usize,
        keep: &dyn Fn(&TicketRecord) -> bool,
    ) -> Result<Vec<(usize, TicketRecord)>, StoreError> {
        let mut out = Vec::new();
        let groups = &listing.groups;
        let Some(last_group) = groups.len().checked_sub(1) else {
            return Ok(out);
        };
        let (forward, mut group, mut cursor) = match seek {
            ListSeek::First => (true, 0, None),
            ListSeek::Last => (false, last_group, None),
            ListSeek::After { group, id } => (true, group, Some(id)),
            ListSeek::Before { group, id } => (false, group, Some(id)),
        };
        let batch = limit.clamp(16, ACCOUNT_BATCH);
        while out.len() < limit && group <= last_group {
            // The index's own order is ascending: a newest-first listing
            // reads it backwards when going forward.
            let ascending = forward != listing.newest_first;
            let ids = if ascending {
                index_asc(self, listing.index, groups[group], cursor, batch)?
            } else {
                index_desc(self, listing.index, groups[group], cursor, batch)?
            };
            let Some(&last) = ids.last() else {
                match (forward, group) {
                    (true, _) => group += 1,
                    (false, 0) => break,
                    (false, _) => group -= 1,
                }
                cursor = None;
                continue;
            };
            cursor = Some(last);
            for t in self.tickets_by_ids(&ids)? {
                if out.len() < limit && keep(&t) {
                    out.push((group, t));
                }
            }
        }
        if !forward {
            out.reverse();
        }
        Ok(out)
    }

    /// How many tickets of the listing `keep` accepts (all, with `None`:
    /// the index's keys alone are counted).
    fn count_tickets_listed(
        &self,
        listing: &TicketListing,
        keep: Option<&dyn Fn(&TicketRecord) -> bool>,
    ) -> Result<usize, StoreError> {
        let mut n = 0;
        for &group in &listing.groups {
            match keep {
                None => n += count_index_keys(self, listing.index, group)?,
                Some(keep) => {
                    let mut after = None;
                    loop {
                        let ids = index_asc(self, listing.index, group, after, ACCOUNT_BATCH)?;
                        let Some(&last) = ids.last() else { break };
                        after = Some(last);
                        n += self
                            .tickets_by_ids(&ids)?
                            .iter()
                            .filter(|t| keep(t))
                            .count();
                    }
                }
            }
        }
        Ok(n)
    }

    /// The live account with this email, else the newest deleted one (support
    /// looks departed people up; a resend to a deleted account is named as such).
    fn account_by_email_any(&self, email: &Email) -> Result<Option<AccountRecord>, StoreError> {
        if let Some(live) = self.account_by_email(email)? {
            return Ok(Some(live));
        }
        let id = self
            .table(EMAIL_INDEX_ALL)?
            .range((email.as_str(), 0u64)..=(email.as_str(), u64::MAX))?
            .next_back()
            .transpose()?
            .map(|(k, _)| k.value().1);
        match id {
            Some(id) => self.account(AccountId(id)),
            None => Ok(None),
        }
    }

    /// Accounts whose key in a (text, account id) index starts with `prefix`, at
    /// most `limit` (support lookups by email or name).
    fn accounts_with_prefix(
        &self,
        def: TableDefinition<(&'static str, u64), ()>,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<AccountRecord>, StoreError> {
        let t = self.table(def)?;
        let mut ids = Vec::new();
        for row in t.range((prefix, 0u64)..)? {
            let (k, _) = row?;
            let (text, id) = k.value();
            if !text.starts_with(prefix) || ids.len() >= limit {
                break;
            }
            ids.push(id);
        }
        drop(t);
        self.accounts_by_ids(&ids)
    }

    /// The SSH public keys of an account, by fingerprint.
    fn ssh_keys_of(&self, account: AccountId) -> Result<Vec<(String, SshKeyRecord)>, StoreError> {
        let t = self.table(SSH_KEYS)?;
        let mut out = Vec::new();
        for row in t.range((account.0, "")..)? {
            let (k, v) = row?;
            let (owner, fingerprint) = k.value();
            if owner != account.0 {
                break;
            }
            out.push((fingerprint.to_string(), decode(v.value(), "ssh key")?));
        }
        Ok(out)
    }

    /// The account an SSH key fingerprint is registered to.
    fn ssh_key_owner(&self, fingerprint: &str) -> Result<Option<AccountId>, StoreError> {
        Ok(self
            .table(SSH_KEY_OWNER)?
            .get(fingerprint)?
            .map(|v| AccountId(v.value())))
    }

    /// What the account saved on its profile (issue 16), if anything.
    fn preference(&self, account: AccountId) -> Result<Option<PreferenceRecord>, StoreError> {
        match self.table(PREFERENCES)?.get(account.0)? {
            Some(v) => Ok(Some(decode(v.value(), "preference")?)),
            None => Ok(None),
        }
    }

    /// R13a: who holds `domain`, if anyone.
    fn domain_owner(&self, domain: &Domain) -> Result<Option<DomainOwner>, StoreError> {
        match self.table(DOMAINS)?.get(domain.as_str())? {
            Some(v) => Ok(Some(owner_of_key(v.value())?)),
            None => Ok(None),
        }
    }

    /// R13a: the domains of an organization (or of support), in order.
    fn domains_of(&self, owner: DomainOwner) -> Result<Vec<Domain>, StoreError> {
        let key = owner_key(owner);
        let t = self.table(OWNER_DOMAINS)?;
        let mut out = Vec::new();
        for row in t.range((key, "")..)? {
            let (k, _) = row?;
            let (o, domain) = k.value();
            if o != key {
                break;
            }
            out.push(stored_domain(domain)?);
        }
        Ok(out)
    }

    /// R13a: every (owner, domain), by owner then domain.
    fn all_domains(&self) -> Result<Vec<(DomainOwner, Domain)>, StoreError> {
        let mut out = Vec::new();
        for row in self.table(OWNER_DOMAINS)?.iter()? {
            let (k, _) = row?;
            let (o, domain) = k.value();
            out.push((owner_of_key(o)?, stored_domain(domain)?));
        }
        Ok(out)
    }

    /// R13a: how many live (invited or active) accounts of `owner` have an
    /// email in `domain`. Reads the organization's accounts (every account, for
    /// support): a rare operator command, bounded by the owner's size.
    fn live_accounts_in_domain(
        &self,
        owner: DomainOwner,
        domain: &Domain,
    ) -> Result<u64, StoreError> {
        let uses = |a: &AccountRecord| {
            a.status != AccountStatus::Deleted && a.email.domain() == domain.as_str()
        };
        let mut n = 0;
        match owner {
            DomainOwner::Org(org) => {
                let mut after = None;
                loop {
                    let page = self.accounts_of_org(org, after, ACCOUNT_BATCH)?;
                    let Some(last) = page.last() else { break };
                    after = Some(last.id);
                    n += page.iter().filter(|a| uses(a)).count() as u64;
                }
            }
            DomainOwner::Support => {
                for row in self.table(ACCOUNTS)?.iter()? {
                    let account: AccountRecord = decode(row?.1.value(), "account")?;
                    n += u64::from(account.org().is_none() && uses(&account));
                }
            }
        }
        Ok(n)
    }

    fn failure_count(&self, key: &str) -> Result<FailureCount, StoreError> {
        match self.table(THROTTLE)?.get(key)? {
            Some(v) => decode(v.value(), "throttle"),
            None => Ok(FailureCount::default()),
        }
    }
}

impl<S: Source + ?Sized> Queries for S {}
