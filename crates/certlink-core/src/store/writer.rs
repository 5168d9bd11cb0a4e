//! The write side: one [`Writer`] is one redb write transaction, i.e. one command.
//! It reads what the decision needs (through [`Queries`]), applies the decided
//! events with every index, appends the audit record, and commits durably.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use redb::{Durability, ReadableTable, TableDefinition, WriteTransaction};

use super::StoreError;
use super::codec::{decode, encode};
use super::group::{Group, Turn};
use super::records::*;
use super::report;
use super::schema;
use super::source::{self, Queries, Source, index_asc};
use super::tables::*;
use super::undo::{Logged, UndoLog};
use certlink_domain::designations::AreaDefinition;
use certlink_domain::skills::{Competency, SkillRecord, Subject};
use certlink_domain::throttle::FailureCount;
use certlink_domain::{
    AccountId, AccountStatus, Domain, DomainOwner, Event, LinkId, Mcid, MpnId, Settings,
};

/// An audit entry before the store numbers and dates it.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor: AuditActor,
    pub action: &'static str,
    pub outcome: Outcome,
    pub account: Option<AccountId>,
    pub mcid: Option<Mcid>,
    pub org: Option<MpnId>,
    pub other_org: Option<MpnId>,
    pub detail: String,
}

impl AuditEntry {
    pub fn new(actor: AuditActor, action: &'static str) -> Self {
        Self {
            actor,
            action,
            outcome: Outcome::Done,
            account: None,
            mcid: None,
            org: None,
            other_org: None,
            detail: String::new(),
        }
    }
}

pub struct Writer {
    /// This command's turn in the open batch's transaction; `None` only once
    /// it has ended (committed or abandoned).
    turn: Option<Turn>,
    /// What this command wrote, to undo it alone if it fails part-way.
    log: UndoLog,
    group: Arc<Group>,
    now: DateTime<Utc>,
    /// Accounts whose report entry (schema 3, `report`) this command may have
    /// changed; each is re-derived once, just before commit.
    touched: RefCell<BTreeSet<u64>>,
    /// Held skills this command added, by subject (MCID, PU account): they
    /// join their holder's entry at commit, the holder looked up once per
    /// subject (an import adds many records to few subjects).
    touched_subjects: RefCell<BTreeMap<Subject, Vec<SkillRecord>>>,
    /// Held skills waiting in `touched_subjects`: past [`PENDING_SKILLS`] they
    /// join the report at once, so a large import holds few in memory.
    pending_skills: std::cell::Cell<usize>,
    /// Bulk loading ([`Writer::set_bulk`]): the report table is rebuilt once
    /// at the end of the load ([`Writer::rebuild_report`]) instead of entry by
    /// entry in every batch, and what is new by construction is not looked up
    /// before it is written.
    bulk: bool,
    /// The organizations whose report this command changed (issue 17),
    /// published once its batch has committed.
    reports: super::report_versions::Changes,
    /// Counters and the last event's instant this command moved, written to
    /// `meta` once at commit: a link takes two ids and moves the instant, and
    /// each write of the small `meta` table copies its leaf and path again.
    meta: RefCell<PendingMeta>,
}

/// What a [`Writer`] holds of `meta` until it commits.
#[derive(Default)]
struct PendingMeta {
    /// The next value of each counter this command drew from, by its key.
    counters: BTreeMap<String, u64>,
    last_event_at: Option<DateTime<Utc>>,
}

impl Source for Writer {
    type Table<'a, K: redb::Key + 'static, V: redb::Value + 'static> = redb::Table<'a, K, V>;
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<redb::Table<'_, K, V>, StoreError> {
        self.txn()?.table(def)
    }
}

/// Held skills an import keeps in memory for the report before it adds them
/// (a few MB; the rest of a large import streams through).
const PENDING_SKILLS: usize = 16_384;

/// A writer used after its command ended: a bug, said as one.
fn ended() -> StoreError {
    StoreError::Redb("this command's write transaction has already ended".into())
}

fn micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

impl Writer {
    pub(super) fn new(
        mut turn: Turn,
        now: DateTime<Utc>,
        group: Arc<Group>,
        reports: super::report_versions::Changes,
    ) -> Result<Self, StoreError> {
        // Every command is acknowledged only once it is on disk.
        turn.txn.set_durability(Durability::Immediate)?;
        let log = turn.undo_log();
        let mut writer = Self {
            turn: Some(turn),
            log,
            group,
            now,
            touched: RefCell::default(),
            touched_subjects: RefCell::default(),
            pending_skills: std::cell::Cell::new(0),
            bulk: false,
            reports,
            meta: RefCell::default(),
        };
        // Events are totally ordered in time: a command happens strictly after the
        // last recorded one, even if the system clock stepped back.
        if let Some(last) = writer.last_event_at()?
            && writer.now <= last
        {
            writer.now = last + chrono::TimeDelta::microseconds(1);
        }
        Ok(writer)
    }

    /// The instant this command happens at (the service's clock).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The transaction this command runs in (shared with the batch's others).
    fn txn(&self) -> Result<&WriteTransaction, StoreError> {
        Ok(&self.held()?.txn)
    }

    fn held(&self) -> Result<&Turn, StoreError> {
        // Taken only by `commit` and `drop`, which end the writer.
        self.turn.as_ref().ok_or_else(ended)
    }

    /// Refuses `doing` unless this command has a transaction of its own
    /// ([`super::Store::write_alone`]): it would change other commands' batch.
    fn alone(&self, doing: &str) -> Result<(), StoreError> {
        if self.held()?.is_alone() {
            Ok(())
        } else {
            Err(StoreError::Redb(format!(
                "{doing} needs a write transaction of its own"
            )))
        }
    }

    /// A table this command writes, every write kept in its undo log.
    pub(super) fn open<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: TableDefinition<'static, K, V>,
    ) -> Result<Logged<'_, K, V>, StoreError> {
        Logged::open(self.txn()?, def, &self.log)
    }

    /// Bulk loading only (the sandbox population generator, from
    /// [`super::Store::write_alone`]): this transaction commits without
    /// fsync; the loader ends with one durable commit.
    pub fn set_bulk(&mut self) -> Result<(), StoreError> {
        self.alone("a bulk load")?;
        if let Some(turn) = self.turn.as_mut() {
            turn.txn.set_durability(Durability::None)?;
            turn.unlogged = true;
        }
        // A batch touches people all over the report table; rewriting their
        // entries in every batch would copy most of its pages again each time.
        self.bulk = true;
        Ok(())
    }

    /// Bulk loading only: builds the whole report table afresh from accounts,
    /// links and skills, in key order (the load's last transaction). Returns
    /// the number of people in reports.
    pub fn rebuild_report(&self) -> Result<u64, StoreError> {
        self.touched.borrow_mut().clear();
        self.touched_subjects.borrow_mut().clear();
        self.alone("rebuilding the report")?;
        self.txn()?.delete_table(REPORT)?;
        self.txn()?.delete_table(HOLDINGS)?;
        self.reports.all();
        report::build(self.txn()?, report::IndexLayout::Current)
    }

    /// Bulk loading only: moves this transaction's clock forward to `at` (a history
    /// replayed in order), never back, and strictly after the last event.
    pub fn advance_to(&mut self, at: DateTime<Utc>) {
        self.now = at.max(self.now + chrono::TimeDelta::microseconds(1));
    }

    /// Ends the command: its writes join the batch, and this returns once the
    /// batch is durable (or with the error that stopped it: nothing of the
    /// command is then acknowledged). A writer dropped without `commit` is
    /// undone alone.
    pub fn commit(mut self) -> Result<(), StoreError> {
        self.write_pending_meta()?;
        if !self.bulk {
            self.refresh_report()?;
        }
        let turn = self.turn.take().ok_or_else(ended)?;
        // Readers may trust a report version only once the change is committed.
        let reports = std::mem::take(&mut self.reports);
        let redo = self.log.take_redo();
        self.group
            .finish(turn, redo, Box::new(move || reports.publish()))
    }

    /// Notes that `account`'s report entry may have changed (a bulk load
    /// builds the whole report at its end instead).
    fn touch(&self, account: AccountId) {
        if !self.bulk {
            self.touched.borrow_mut().insert(account.0);
        }
    }

    /// Re-derives the report entry of every account this command touched, once
    /// each, writing only the entries that changed: the report table stays what
    /// accounts, links and skills say (checked by `invariants`), and a command
    /// that changes nothing the report shows writes none of its pages.
    fn refresh_report(&self) -> Result<(), StoreError> {
        self.pending_skills.set(0);
        let subjects = std::mem::take(&mut *self.touched_subjects.borrow_mut());
        for (subject, added) in subjects {
            // R10: a held skill shows in the report of whoever holds its subject now.
            let holder = match &subject {
                Subject::Mcid(m) => self.active_link(*m)?.map(|l| (l.org, l.account)),
                Subject::Pu(u) => match self.pu_account(u)?.and_then(|p| p.holder) {
                    Some(id) => self.account(id)?.and_then(|a| a.org().map(|o| (o, id))),
                    None => None,
                },
            };
            let Some((org, account)) = holder else {
                continue;
            };
            // Re-derived whole below anyway; else the new skills join the
            // stored entry (no re-read of the subject's other records).
            if !self.touched.borrow().contains(&account.0) {
                match report::add_skills(self, org, account, &subject, added)? {
                    true => self.reports.org(org),
                    false => self.touch(account),
                }
            }
        }
        let ids: Vec<u64> = std::mem::take(&mut *self.touched.borrow_mut())
            .into_iter()
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        for account in self.accounts_by_ids(&ids)? {
            if report::refresh(self, &account)?
                && let Some(org) = account.org()
            {
                self.reports.org(org);
            }
        }
        Ok(())
    }

    fn put<K: redb::Key + 'static>(
        &self,
        def: TableDefinition<'static, K, &'static [u8]>,
        key: K::SelfType<'_>,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        self.open(def)?.insert(key, bytes)?;
        Ok(())
    }

    fn mark(&self, index: Index, a: u64, b: u64) -> Result<(), StoreError> {
        self.mark_all(&[(index, a, b)])
    }

    /// Several index entries at once, the index table opened once for all
    /// (opening a table costs a lookup in the table tree and a write-back).
    fn mark_all(&self, entries: &[(Index, u64, u64)]) -> Result<(), StoreError> {
        let mut t = self.open(INDEXES)?;
        for (index, a, b) in entries {
            t.insert(index.key(*a, *b), ())?;
        }
        Ok(())
    }

    fn unmark(&self, index: Index, a: u64, b: u64) -> Result<(), StoreError> {
        self.open(INDEXES)?.remove(index.key(a, b))?;
        Ok(())
    }

    pub fn put_meta<T: serde::Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        self.put(META, key, &encode(value)?)
    }

    /// Next value of a named counter (ids start at 1). Read from `meta` once
    /// per command, written back at commit.
    pub fn next_id(&self, counter: &str) -> Result<u64, StoreError> {
        let key = format!("next_id:{counter}");
        let mut pending = self.meta.borrow_mut();
        let current = match pending.counters.get(&key) {
            Some(next) => *next,
            None => match self.table(META)?.get(key.as_str())? {
                Some(b) => decode(b.value(), "counter")?,
                None => 1,
            },
        };
        pending.counters.insert(key, current + 1);
        Ok(current)
    }

    /// Moves the database's "last event" instant to this command's.
    fn note_event(&self) {
        self.meta.borrow_mut().last_event_at = Some(self.now);
    }

    /// Writes the counters and the last event's instant this command moved,
    /// with `meta` opened once.
    fn write_pending_meta(&self) -> Result<(), StoreError> {
        let pending = std::mem::take(&mut *self.meta.borrow_mut());
        if pending.counters.is_empty() && pending.last_event_at.is_none() {
            return Ok(());
        }
        let mut meta = self.open(META)?;
        for (key, next) in &pending.counters {
            meta.insert(key.as_str(), encode(next)?.as_slice())?;
        }
        if let Some(at) = pending.last_event_at {
            meta.insert(schema::LAST_EVENT_AT, encode(&at)?.as_slice())?;
        }
        Ok(())
    }

    pub fn set_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        self.put_meta(schema::SETTINGS, settings)
    }

    pub fn insert_org(&self, org: &OrgRecord) -> Result<(), StoreError> {
        self.put(ORGS, org.mpn_id.get(), &encode(org)?)
    }

    /// Stores a change of a stored account and keeps its indexes true: the
    /// email index holds only accounts that are not deleted (R12), the Global
    /// Admin index only non-deleted Global Admins (R17). An index entry that
    /// does not change is not written again: rewriting it would copy its
    /// B-tree pages into the commit. New accounts: [`Writer::create_account`].
    pub fn put_account(&self, account: &AccountRecord) -> Result<(), StoreError> {
        let previous = self.account_or_corrupt(account.id)?;
        self.replace_account(&previous, account)
    }

    /// Stores a new account (its id just drawn from [`Writer::next_id`]) with
    /// its indexes, without looking for a record it would replace. Returns
    /// false, changing nothing, when its email already names a live account
    /// (R12); a stored record under its id is corruption.
    pub fn create_account(&self, account: &AccountRecord) -> Result<bool, StoreError> {
        self.touch(account.id);
        let live = account.status != AccountStatus::Deleted;
        if live {
            let mut t = self.open(ACCOUNT_BY_EMAIL)?;
            // One descent: the insert says whose the email was, put back if anyone's.
            if let Some(before) = t.insert_returning(account.email.as_str(), account.id.0)? {
                t.insert(
                    account.email.as_str(),
                    <u64 as redb::Value>::from_bytes(&before),
                )?;
                return Ok(false);
            }
        }
        if self
            .open(ACCOUNTS)?
            .insert(account.id.0, encode(account)?.as_slice())?
        {
            return Err(StoreError::Corrupt(format!(
                "account {} was stored before it was created",
                account.id
            )));
        }
        self.open(NAME_INDEX)?
            .insert((account.name.to_lowercase().as_str(), account.id.0), ())?;
        self.open(EMAIL_INDEX_ALL)?
            .insert((account.email.as_str(), account.id.0), ())?;
        if let Some(org) = account.org() {
            let mut marks = vec![(ACCOUNTS_BY_ORG, org.get(), account.id.0)];
            if account.roles.global_admin && live {
                marks.push((GLOBAL_ADMINS_BY_ORG, org.get(), account.id.0));
            }
            self.mark_all(&marks)?;
        }
        Ok(true)
    }

    /// Reads the stored account `id`, lets `change` edit a copy, and stores
    /// it: one read for the record and its indexes (a move changes two
    /// accounts; each was read twice before).
    fn update_account(
        &self,
        id: AccountId,
        change: impl FnOnce(&mut AccountRecord),
    ) -> Result<(), StoreError> {
        let previous = self.account_or_corrupt(id)?;
        let mut account = previous.clone();
        change(&mut account);
        self.replace_account(&previous, &account)
    }

    /// [`Writer::put_account`] with the stored record (`previous`) already read.
    fn replace_account(
        &self,
        previous: &AccountRecord,
        account: &AccountRecord,
    ) -> Result<(), StoreError> {
        self.touch(account.id);
        let live = account.status != AccountStatus::Deleted;
        let was_live = previous.status != AccountStatus::Deleted;
        let same_email = previous.email == account.email;
        if was_live && (!same_email || !live) {
            let mut t = self.open(ACCOUNT_BY_EMAIL)?;
            let owned_by_me =
                t.get(previous.email.as_str())?.map(|v| v.value()) == Some(account.id.0);
            if owned_by_me {
                t.remove(previous.email.as_str())?;
            }
        }
        if previous.name != account.name {
            let mut t = self.open(NAME_INDEX)?;
            t.remove((previous.name.to_lowercase().as_str(), previous.id.0))?;
            t.insert((account.name.to_lowercase().as_str(), account.id.0), ())?;
        }
        if !same_email {
            let mut t = self.open(EMAIL_INDEX_ALL)?;
            t.remove((previous.email.as_str(), previous.id.0))?;
            t.insert((account.email.as_str(), account.id.0), ())?;
        }
        self.put(ACCOUNTS, account.id.0, &encode(account)?)?;
        if live && !(was_live && same_email) {
            self.open(ACCOUNT_BY_EMAIL)?
                .insert(account.email.as_str(), account.id.0)?;
        }
        if let Some(org) = account.org() {
            let admin = account.roles.global_admin && live;
            let was_admin = previous.org() == Some(org) && previous.roles.global_admin && was_live;
            if admin && !was_admin {
                self.mark(GLOBAL_ADMINS_BY_ORG, org.get(), account.id.0)?;
            } else if was_admin && !admin {
                self.unmark(GLOBAL_ADMINS_BY_ORG, org.get(), account.id.0)?;
            }
        }
        Ok(())
    }

    pub fn put_profile(&self, profile: &ProfileRecord) -> Result<(), StoreError> {
        self.put(PROFILES, profile.mcid.get(), &encode(profile)?)?;
        self.open(PROFILE_BY_EMAIL)?
            .insert(profile.email.as_str(), profile.mcid.get())?;
        Ok(())
    }

    pub fn put_pu(&self, pu: &PuRecord) -> Result<(), StoreError> {
        if let Some(holder) = pu.holder {
            self.touch(holder);
        }
        self.put(PU_ACCOUNTS, pu.username.as_str(), &encode(pu)?)
    }

    /// Inserts a skill record unless the same (subject, kind, skill id, date) is
    /// already there; returns whether it was added.
    pub fn insert_skill(&self, record: &SkillRecord) -> Result<bool, StoreError> {
        let key = record.subject.key();
        let mut t = self.open(SKILLS)?;
        let k = (
            key.as_str(),
            record.kind.code(),
            record.skill_id.as_str(),
            record.date.timestamp_micros(),
        );
        if self.bulk {
            // Generated records are new: one descent, the insert says what
            // the key held, put back if it held anything.
            if let Some(before) = t.insert_returning(k, encode(record)?.as_slice())? {
                t.insert(k, before.as_slice())?;
                return Ok(false);
            }
        } else {
            // An import often brings records already there: looked up first,
            // so they write no page.
            if t.get(k)?.is_some() {
                return Ok(false);
            }
            t.insert(k, encode(record)?.as_slice())?;
        }
        drop(t);
        if record.kind.is_skill() && record.is_held() && !self.bulk {
            self.touched_subjects
                .borrow_mut()
                .entry(record.subject.clone())
                .or_default()
                .push(record.clone());
            let pending = self.pending_skills.get() + 1;
            self.pending_skills.set(pending);
            if pending >= PENDING_SKILLS && !self.bulk {
                // The report may be brought up to date any number of times in a
                // transaction: each time it is what the tables say so far.
                self.refresh_report()?;
            }
        }
        Ok(true)
    }

    /// R14: stores a ticket and keeps its opener and status indexes true.
    pub fn put_ticket(&self, ticket: &TicketRecord) -> Result<(), StoreError> {
        let previous = self.ticket(ticket.id)?;
        let status = u64::from(ticket.status.code());
        let old_status = previous.as_ref().map(|p| u64::from(p.status.code()));
        if let Some(old) = old_status
            && old != status
        {
            self.unmark(TICKETS_BY_STATUS, old, ticket.id)?;
        }
        self.put(TICKETS, ticket.id, &encode(ticket)?)?;
        if previous.as_ref().map(|p| p.opened_by) != Some(ticket.opened_by) {
            if let Some(prev) = &previous {
                self.unmark(TICKETS_BY_OPENER, prev.opened_by.0, ticket.id)?;
            }
            self.mark(TICKETS_BY_OPENER, ticket.opened_by.0, ticket.id)?;
        }
        if old_status != Some(status) {
            self.mark(TICKETS_BY_STATUS, status, ticket.id)?;
        }
        Ok(())
    }

    /// Registers an SSH public key for an account, with its owner index.
    pub fn put_ssh_key(
        &self,
        account: AccountId,
        fingerprint: &str,
        key: &SshKeyRecord,
    ) -> Result<(), StoreError> {
        self.put(SSH_KEYS, (account.0, fingerprint), &encode(key)?)?;
        self.open(SSH_KEY_OWNER)?.insert(fingerprint, account.0)?;
        Ok(())
    }

    /// Removes an account's SSH key; returns whether it was there.
    pub fn remove_ssh_key(
        &self,
        account: AccountId,
        fingerprint: &str,
    ) -> Result<bool, StoreError> {
        let removed = self.open(SSH_KEYS)?.remove((account.0, fingerprint))?;
        if removed {
            self.open(SSH_KEY_OWNER)?.remove(fingerprint)?;
        }
        Ok(removed)
    }

    /// Saves what an account chose on its profile (issue 16), or with `None`
    /// removes it; returns whether anything was there before.
    pub fn put_preference(
        &self,
        account: AccountId,
        preference: Option<&PreferenceRecord>,
    ) -> Result<bool, StoreError> {
        let mut table = self.open(PREFERENCES)?;
        let before = match preference {
            Some(p) => table.insert(account.0, encode(p)?.as_slice())?,
            None => table.remove(account.0)?,
        };
        Ok(before)
    }

    /// R13a: gives `domain` to `owner` (the caller checked it had no owner).
    pub fn add_domain(&self, owner: DomainOwner, domain: &Domain) -> Result<(), StoreError> {
        let key = source::owner_key(owner);
        self.open(DOMAINS)?.insert(domain.as_str(), key)?;
        self.open(OWNER_DOMAINS)?
            .insert((key, domain.as_str()), ())?;
        Ok(())
    }

    /// R13a: takes `domain` from `owner`.
    pub fn remove_domain(&self, owner: DomainOwner, domain: &Domain) -> Result<(), StoreError> {
        let key = source::owner_key(owner);
        self.open(DOMAINS)?.remove(domain.as_str())?;
        self.open(OWNER_DOMAINS)?.remove((key, domain.as_str()))?;
        Ok(())
    }

    /// R11: stores a competency definition (replacing one with the same id).
    pub fn put_competency(&self, c: &Competency) -> Result<(), StoreError> {
        // R11: every report's rows count toward the competencies anew.
        self.reports.all();
        self.put(COMPETENCIES, c.id.as_str(), &encode(c)?)
    }

    /// Stores a solution area's designation rules (replacing the area's).
    pub fn put_designation(&self, area: &AreaDefinition) -> Result<(), StoreError> {
        self.put(DESIGNATIONS, area.id.as_str(), &encode(area)?)
    }

    /// Stores an organization's size class and imported metrics.
    pub fn put_org_scoring(&self, org: MpnId, record: &ScoringRecord) -> Result<(), StoreError> {
        self.put(ORG_SCORING, org.get(), &encode(record)?)
    }

    pub fn put_failure_count(&self, key: &str, count: &FailureCount) -> Result<(), StoreError> {
        if *count == FailureCount::default() {
            self.open(THROTTLE)?.remove(key)?;
            Ok(())
        } else {
            self.put(THROTTLE, key, &encode(count)?)
        }
    }

    /// Clears every failure count whose key starts with `prefix` (operator unlock).
    pub fn clear_failure_counts(&self, prefix: &str) -> Result<usize, StoreError> {
        let mut t = self.open(THROTTLE)?;
        let keys: Vec<String> = t
            .range(prefix..)?
            .map(|r| r.map(|(k, _)| k.value().to_string()))
            .take_while(|k| k.as_ref().map(|k| k.starts_with(prefix)).unwrap_or(true))
            .collect::<Result<_, _>>()?;
        for k in &keys {
            t.remove(k.as_str())?;
        }
        Ok(keys.len())
    }

    fn account_or_corrupt(&self, id: AccountId) -> Result<AccountRecord, StoreError> {
        self.account(id)?
            .ok_or_else(|| StoreError::Corrupt(format!("account {id} is missing")))
    }

    /// Applies decided events, with every index, at this command's instant.
    fn apply(&self, events: &[Event]) -> Result<Vec<LinkId>, StoreError> {
        let mut started = Vec::new();
        // R6: a move or a take-over ends an MCID's link and starts its next
        // one in the same events; its active-link entry is then overwritten
        // once, not removed and inserted again (a delete rebuilds its leaf).
        let restarted: Vec<Mcid> = events
            .iter()
            .filter_map(|e| match e {
                Event::LinkStarted { mcid, .. } => Some(*mcid),
                _ => None,
            })
            .collect();
        // Links this apply ended whose MCID starts again: their entries may
        // still be in the active-link table when the start comes.
        let mut ending: Vec<(Mcid, LinkId)> = Vec::new();
        for event in events {
            match event {
                Event::LinkStarted {
                    mcid,
                    org,
                    account,
                    counts_as_association,
                } => {
                    let id = LinkId(self.next_id("link")?);
                    let link = LinkRecord {
                        id,
                        mcid: *mcid,
                        org: *org,
                        account: *account,
                        since: self.now,
                        counts_as_association: *counts_as_association,
                        ended_at: None,
                        end_reason: None,
                    };
                    self.put(LINKS, id.0, &encode(&link)?)?;
                    {
                        let mut active = self.open(ACTIVE_LINK_BY_MCID)?;
                        let current = active.get(mcid.get())?.map(|v| v.value());
                        let ended_here =
                            |link: u64| ending.iter().any(|(m, l)| m == mcid && l.0 == link);
                        if current.is_some_and(|link| !ended_here(link)) {
                            // R5 is decided in the domain; reaching here would be a bug.
                            return Err(StoreError::Corrupt(format!(
                                "MCID {mcid} would have two active links"
                            )));
                        }
                        active.insert(mcid.get(), id.0)?;
                    }
                    self.mark_all(&[
                        (ACTIVE_LINKS_BY_ORG, org.get(), id.0),
                        (LINKS_BY_ACCOUNT, account.0, id.0),
                        (LINKS_BY_MCID, mcid.get(), id.0),
                    ])?;
                    if *counts_as_association {
                        self.open(ASSOCIATION_STARTS)?
                            .insert((mcid.get(), micros(self.now)), id.0)?;
                    }
                    self.update_account(*account, |acc| {
                        acc.linked_mcid = Some(*mcid);
                        acc.last_mcid = Some(*mcid);
                    })?;
                    started.push(id);
                }
                Event::LinkEnded { link, mcid, reason } => {
                    let mut record = self
                        .link(link.id)?
                        .ok_or_else(|| StoreError::Corrupt("link is missing".into()))?;
                    record.ended_at = Some(self.now);
                    record.end_reason = Some(*reason);
                    self.put(LINKS, link.id.0, &encode(&record)?)?;
                    if restarted.contains(mcid) {
                        ending.push((*mcid, link.id));
                    } else {
                        self.open(ACTIVE_LINK_BY_MCID)?.remove(mcid.get())?;
                    }
                    self.unmark(ACTIVE_LINKS_BY_ORG, link.org.get(), link.id.0)?;
                    self.touch(link.account);
                    let previous = self.account_or_corrupt(link.account)?;
                    if previous.linked_mcid == Some(*mcid) {
                        let mut acc = previous.clone();
                        acc.linked_mcid = None;
                        self.replace_account(&previous, &acc)?;
                    }
                }
                Event::PuGranted { account, username } => {
                    self.update_account(*account, |acc| {
                        acc.pu = Some(username.clone());
                        acc.pu_since = Some(self.now);
                    })?;
                    let mut pu = self
                        .pu_account(username)?
                        .ok_or_else(|| StoreError::Corrupt("PU account is missing".into()))?;
                    pu.holder = Some(*account);
                    self.put_pu(&pu)?;
                }
                Event::PuEnded { account, username } => {
                    let previous = self.account_or_corrupt(*account)?;
                    if previous.pu.as_ref() == Some(username) {
                        let mut acc = previous.clone();
                        acc.pu = None;
                        acc.pu_since = None;
                        self.replace_account(&previous, &acc)?;
                    }
                    if let Some(mut pu) = self.pu_account(username)?
                        && pu.holder == Some(*account)
                    {
                        pu.holder = None;
                        self.put_pu(&pu)?;
                    }
                }
                Event::AccountDeleted { account } => {
                    self.update_account(*account, |acc| {
                        acc.status = AccountStatus::Deleted;
                        acc.deleted_at = Some(self.now);
                    })?;
                }
                Event::ProfilesMerged { from, into } => self.merge_profiles(*from, *into)?,
                Event::RolesChanged { account, roles } => {
                    self.update_account(*account, |acc| acc.roles = *roles)?;
                }
            }
        }
        Ok(started)
    }

    /// R15: moves everything of profile `from` to `into`: skills, association
    /// starts, links (a surviving active link is re-pointed), the accounts that
    /// associated it, and its audit index. `from` stays as a tombstone with
    /// `merged_into`, its sign-in email retired.
    fn merge_profiles(&self, from: Mcid, into: Mcid) -> Result<(), StoreError> {
        // Skills: re-keyed under the primary; identical records collapse.
        let old_key = format!("mcid:{from}");
        for mut skill in self.skills_of(&certlink_domain::skills::Subject::Mcid(from))? {
            let key = (
                old_key.as_str(),
                skill.kind.code(),
                skill.skill_id.as_str(),
                skill.date.timestamp_micros(),
            );
            self.open(SKILLS)?.remove(key)?;
            skill.subject = certlink_domain::skills::Subject::Mcid(into);
            self.insert_skill(&skill)?;
        }
        // R9: the combined history of starts.
        let starts: Vec<(i64, u64)> = self
            .open(ASSOCIATION_STARTS)?
            .range((from.get(), i64::MIN)..=(from.get(), i64::MAX))?
            .map(|r| r.map(|(k, v)| (k.value().1, v.value())))
            .collect::<Result<_, _>>()?;
        {
            let mut t = self.open(ASSOCIATION_STARTS)?;
            for (at, link) in starts {
                t.remove((from.get(), at))?;
                t.insert((into.get(), at), link)?;
            }
        }
        // Links and the accounts that associated the duplicate.
        let link_ids = index_asc(self, LINKS_BY_MCID, from.get(), None, usize::MAX)?;
        for id in link_ids {
            self.unmark(LINKS_BY_MCID, from.get(), id)?;
            self.mark(LINKS_BY_MCID, into.get(), id)?;
            let Some(mut link) = self.link(LinkId(id))? else {
                continue;
            };
            link.mcid = into;
            self.put(LINKS, id, &encode(&link)?)?;
            let mut acc = self.account_or_corrupt(link.account)?;
            let mut changed = false;
            for slot in [&mut acc.linked_mcid, &mut acc.last_mcid] {
                if *slot == Some(from) {
                    *slot = Some(into);
                    changed = true;
                }
            }
            if changed {
                self.put_account(&acc)?;
            }
        }
        let surviving = {
            let mut active = self.open(ACTIVE_LINK_BY_MCID)?;
            let link = active.get(from.get())?.map(|v| v.value());
            active.remove(from.get())?;
            link
        };
        if let Some(link) = surviving {
            let mut active = self.open(ACTIVE_LINK_BY_MCID)?;
            if active.get(into.get())?.is_some() {
                return Err(StoreError::Corrupt(format!(
                    "merging {from} into {into} would leave two active links"
                )));
            }
            active.insert(into.get(), link)?;
        }
        // The trail of the duplicate is the primary's from now on.
        let seqs = index_asc(self, AUDIT_BY_MCID, from.get(), None, usize::MAX)?;
        for seq in seqs {
            self.unmark(AUDIT_BY_MCID, from.get(), seq)?;
            self.mark(AUDIT_BY_MCID, into.get(), seq)?;
        }
        if let Some(mut profile) = self.profile(from)? {
            self.open(PROFILE_BY_EMAIL)?
                .remove(profile.email.as_str())?;
            profile.merged_into = Some(into);
            self.put(PROFILES, from.get(), &encode(&profile)?)?;
        }
        Ok(())
    }

    /// Applies the events of a command and appends its one audit record, which
    /// names every link the command started or ended (invariant 3).
    ///
    /// R16: the record also concerns every organization and account whose link it
    /// ended, so it is in their trails as the start was: a merge that ends a link at
    /// Contoso (the primary's link at Fabrikam survives) and a move away are read in
    /// Contoso's history and in the old holder's account history (issue 15,
    /// principle 11). A command ends at most one link, so `other_org` is enough.
    pub fn apply_and_audit(
        &self,
        events: &[Event],
        mut entry: AuditEntry,
    ) -> Result<u64, StoreError> {
        let started = self.apply(events)?;
        let ended_links: Vec<_> = events
            .iter()
            .filter_map(|e| match e {
                Event::LinkEnded { link, .. } => Some(*link),
                _ => None,
            })
            .collect();
        for link in &ended_links {
            if entry.org != Some(link.org) && entry.other_org.is_none() {
                entry.other_org = Some(link.org);
            }
        }
        let holders: Vec<AccountId> = ended_links.iter().map(|l| l.account).collect();
        let ended = ended_links.iter().map(|l| l.id).collect();
        self.append_audit(entry, started, ended, &holders)
    }

    /// Appends the audit record of a command that changed no link (R16).
    /// Moves the last recorded event to this command's instant without an
    /// audit record (a refusal counted in a sampled row): later commands still
    /// happen strictly after it.
    pub fn mark_event(&self) -> Result<(), StoreError> {
        self.note_event();
        Ok(())
    }

    pub fn audit(&self, entry: AuditEntry) -> Result<u64, StoreError> {
        self.append_audit(entry, Vec::new(), Vec::new(), &[])
    }

    /// Appends one audit record with its indexes, and moves the database's
    /// "last event" time forward. `holders` are the accounts whose links it
    /// ended: it is in their trails too.
    fn append_audit(
        &self,
        entry: AuditEntry,
        links_started: Vec<LinkId>,
        links_ended: Vec<LinkId>,
        holders: &[AccountId],
    ) -> Result<u64, StoreError> {
        let seq = self.next_id("audit")?;
        let actor_account = match &entry.actor {
            AuditActor::Account { id, .. } => Some(*id),
            _ => None,
        };
        let record = AuditRecord {
            seq,
            at: self.now,
            actor: entry.actor,
            action: entry.action.to_string(),
            outcome: entry.outcome,
            account: entry.account,
            mcid: entry.mcid,
            org: entry.org,
            other_org: entry.other_org,
            links_started,
            links_ended,
            detail: entry.detail,
        };
        self.put(AUDIT, seq, &encode(&record)?)?;
        let subject = record.account.filter(|a| Some(*a) != actor_account);
        let other_org = record.other_org.filter(|o| Some(*o) != record.org);
        // An index entry is a set member: an account named twice stays one entry.
        let mut marks: Vec<(Index, u64, u64)> = [actor_account, subject]
            .into_iter()
            .flatten()
            .chain(holders.iter().copied())
            .map(|a| (AUDIT_BY_ACCOUNT, a.0, seq))
            .collect();
        marks.extend(record.mcid.map(|m| (AUDIT_BY_MCID, m.get(), seq)));
        marks.extend(
            [record.org, other_org]
                .into_iter()
                .flatten()
                .map(|o| (AUDIT_BY_ORG, o.get(), seq)),
        );
        self.mark_all(&marks)?;
        self.note_event();
        Ok(seq)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if let Some(turn) = self.turn.take() {
            self.group.abandon(turn, std::mem::take(&mut self.log));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DbKind, Store};
    use certlink_domain::skills::SkillKind;
    use certlink_domain::{Mcid, Settings};

    fn at() -> DateTime<Utc> {
        chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc()
    }

    fn member(id: u64, email: &str) -> AccountRecord {
        AccountRecord {
            id: AccountId(id),
            kind: AccountKind::Member {
                org: MpnId::new(1_234_567).unwrap(),
            },
            email: email.parse().unwrap(),
            name: format!("Person {id}"),
            roles: certlink_domain::Roles::USER,
            status: AccountStatus::Active,
            password_hash: String::new(),
            must_change_password: false,
            created_at: at(),
            invited_at: None,
            deleted_at: None,
            pu: None,
            pu_since: None,
            linked_mcid: None,
            last_mcid: None,
        }
    }

    /// R12: a created account whose email already names a live account is
    /// refused and changes nothing: the email still leads to its owner and
    /// the refused id holds no record and no index entry.
    #[test]
    fn a_created_account_with_a_taken_email_changes_nothing() {
        let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).unwrap();
        let w = store.write_alone(at()).unwrap();
        assert!(w.create_account(&member(1, "ann@contoso.com")).unwrap());
        assert!(!w.create_account(&member(2, "ann@contoso.com")).unwrap());
        let owner = w.account_by_email(&"ann@contoso.com".parse().unwrap());
        assert_eq!(owner.unwrap().map(|a| a.id), Some(AccountId(1)));
        assert!(w.account(AccountId(2)).unwrap().is_none());
        let org = MpnId::new(1_234_567).unwrap();
        let indexed = index_asc(&w, ACCOUNTS_BY_ORG, org.get(), None, usize::MAX).unwrap();
        assert_eq!(indexed, vec![1]);
        w.commit().unwrap();
    }

    /// A bulk load adds a skill record with one descent; a record already
    /// there is kept as it was and the insert says it added nothing.
    #[test]
    fn a_bulk_skill_already_there_is_kept_as_it_was() {
        let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).unwrap();
        let mut w = store.write_alone(at()).unwrap();
        w.set_bulk().unwrap();
        let subject = Subject::Mcid(Mcid::new(20_000_000).unwrap());
        let record = SkillRecord {
            subject: subject.clone(),
            kind: SkillKind::Exam,
            skill_id: "AZ-104".into(),
            name: "First name".into(),
            date: at(),
            expires: None,
            passed: Some(true),
            progress: None,
        };
        assert!(w.insert_skill(&record).unwrap());
        let renamed = SkillRecord {
            name: "Second name".into(),
            ..record.clone()
        };
        assert!(!w.insert_skill(&renamed).unwrap());
        assert_eq!(w.skills_of(&subject).unwrap(), vec![record]);
    }

    /// Counters are read once and written at commit: ids keep counting within
    /// a command and across commands.
    #[test]
    fn counters_count_on_across_commands() {
        let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).unwrap();
        let w = store.write(at()).unwrap();
        assert_eq!(w.next_id("thing").unwrap(), 1);
        assert_eq!(w.next_id("thing").unwrap(), 2);
        assert_eq!(w.next_id("other").unwrap(), 1);
        w.commit().unwrap();
        let w = store.write(at()).unwrap();
        assert_eq!(w.next_id("thing").unwrap(), 3);
        drop(w);
        // A command that does not commit draws nothing for the next one.
        let w = store.write(at()).unwrap();
        assert_eq!(w.next_id("thing").unwrap(), 3);
        w.commit().unwrap();
    }

    /// An import holds at most `PENDING_SKILLS` held skills for the report at
    /// a time, however many it adds (issue 13: an import streams through).
    #[test]
    fn held_skills_waiting_for_the_report_stay_bounded() {
        let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc();
        let w = store.write(now).unwrap();
        let mut most = 0;
        for i in 0..3 * PENDING_SKILLS {
            let record = SkillRecord {
                subject: Subject::Mcid(Mcid::new(1 + (i % 7) as u64).unwrap()),
                kind: SkillKind::Certification,
                skill_id: format!("c-{i}"),
                name: "C".into(),
                date: now,
                expires: None,
                passed: None,
                progress: None,
            };
            assert!(w.insert_skill(&record).unwrap());
            let waiting: usize = w.touched_subjects.borrow().values().map(Vec::len).sum();
            most = most.max(waiting);
        }
        assert!(most < PENDING_SKILLS, "{most} held skills waited");
        w.commit().unwrap();
    }
}
