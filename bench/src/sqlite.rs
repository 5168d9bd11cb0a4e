//! The baseline a reader would pick instead of redb: certlink's link/move/unlink
//! transaction on SQLite (rusqlite, bundled SQLite, WAL, `synchronous=FULL`), with
//! the same records and the same indexes as certlink's store (see
//! `crates/certlink-core/src/store/tables.rs`): links with the active-by-MCID, active-by-organization,
//! by-organization, by-account and by-MCID indexes, association starts (R9),
//! accounts, an append-only audit table with its by-account, by-MCID and
//! by-organization indexes, and the id counters and last-event time in `meta`.
//!
//! A move (R6) here does what `Service::link` does in one write transaction: read
//! the settings, the signed-in account, the profile by email, its active link and
//! its association starts; end the old link, start the new one, record the
//! association start, update both accounts, append one audit record with its
//! indexes, and move the last-event time. Records are stored as blobs of the same
//! sizes as certlink's postcard records, so the bytes written are comparable.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

/// Bytes of an account record and of a move's audit record in certlink (postcard).
const ACCOUNT_BLOB: usize = 190;
const AUDIT_BLOB: usize = 150;
/// Organizations of the baseline population (the first holds most people, as in
/// the generator).
const ORG_A: i64 = 1_234_567;
const ORG_B: i64 = 2_345_678;

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE accounts (id INTEGER PRIMARY KEY, org INTEGER, email TEXT NOT NULL,
    linked_mcid INTEGER, last_mcid INTEGER, record BLOB NOT NULL);
CREATE UNIQUE INDEX account_by_email ON accounts(email);
CREATE INDEX accounts_by_org ON accounts(org, id);
CREATE TABLE profiles (mcid INTEGER PRIMARY KEY, email TEXT NOT NULL, record BLOB NOT NULL);
CREATE UNIQUE INDEX profile_by_email ON profiles(email);
CREATE TABLE links (id INTEGER PRIMARY KEY, mcid INTEGER NOT NULL, org INTEGER NOT NULL,
    account INTEGER NOT NULL, since INTEGER NOT NULL, counts INTEGER NOT NULL,
    ended_at INTEGER, end_reason INTEGER);
CREATE UNIQUE INDEX active_link_by_mcid ON links(mcid) WHERE ended_at IS NULL;
CREATE INDEX active_links_by_org ON links(org, id) WHERE ended_at IS NULL;
CREATE INDEX links_by_org ON links(org, id);
CREATE INDEX links_by_account ON links(account, id);
CREATE INDEX links_by_mcid ON links(mcid, id);
CREATE TABLE association_starts (mcid INTEGER NOT NULL, start INTEGER NOT NULL,
    link INTEGER NOT NULL, PRIMARY KEY (mcid, start)) WITHOUT ROWID;
CREATE TABLE audit (seq INTEGER PRIMARY KEY, actor INTEGER, account INTEGER, mcid INTEGER,
    org INTEGER, other_org INTEGER, record BLOB NOT NULL);
CREATE TABLE audit_by_account (account INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (account, seq)) WITHOUT ROWID;
CREATE INDEX audit_by_mcid ON audit(mcid, seq);
CREATE TABLE audit_by_org (org INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (org, seq)) WITHOUT ROWID;
";

/// A SQLite database of `people` people (an account, a profile, an active link,
/// an association start and an audit record each), plus the movers' accounts
/// and profiles, ready for [`SqliteBaseline::move_link`].
pub struct SqliteBaseline {
    conn: Connection,
    mover_accounts: [i64; 2],
    mover_email: String,
    turn: usize,
    now: i64,
}

fn blob(len: usize, seed: i64) -> Vec<u8> {
    (0..len).map(|i| (seed as usize + i) as u8).collect()
}

fn next_id(conn: &Connection, counter: &str) -> rusqlite::Result<i64> {
    let current: i64 = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row(params![counter], |r| r.get(0))
        .optional()?
        .unwrap_or(1);
    conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
        .execute(params![counter, current + 1])?;
    Ok(current)
}

/// Mover `k`'s two accounts (one in each organization) and its profile's MCID
/// and email; mover 0 is the one mover of [`SqliteBaseline::create`].
fn mover(people: usize, k: usize) -> ([i64; 2], i64, String) {
    let n = people as i64;
    let k = k as i64;
    let email = if k == 0 {
        "mover@learn.example.com".to_string()
    } else {
        format!("mover{k}@learn.example.com")
    };
    ([n + 2 * k + 1, n + 2 * k + 2], 99_999_999 - k, email)
}

/// A connection as every writer of the baseline opens it.
fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

impl SqliteBaseline {
    /// Creates `path` and loads the population in one transaction.
    pub fn create(path: &Path, people: usize, now: i64) -> rusqlite::Result<SqliteBaseline> {
        Self::create_for(path, people, now, 1)
    }

    /// [`SqliteBaseline::create`] with `movers` movers, each with its own two
    /// accounts and profile, for as many concurrent writers
    /// ([`SqliteBaseline::writer`]); returns mover 0's writer.
    pub fn create_for(
        path: &Path,
        people: usize,
        now: i64,
        movers: usize,
    ) -> rusqlite::Result<SqliteBaseline> {
        let mut conn = connect(path)?;
        conn.execute_batch(SCHEMA)?;
        let tx = conn.transaction()?;
        {
            let mut account = tx.prepare(
                "INSERT INTO accounts (id, org, email, linked_mcid, last_mcid, record)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
            )?;
            let mut profile =
                tx.prepare("INSERT INTO profiles (mcid, email, record) VALUES (?1, ?2, ?3)")?;
            let mut link = tx.prepare(
                "INSERT INTO links (id, mcid, org, account, since, counts) VALUES (?1, ?2, ?3, ?1, ?4, 1)",
            )?;
            let mut start = tx.prepare(
                "INSERT INTO association_starts (mcid, start, link) VALUES (?1, ?2, ?3)",
            )?;
            let mut audit = tx.prepare(
                "INSERT INTO audit (seq, actor, account, mcid, org, record) VALUES (?1, ?1, ?1, ?2, ?3, ?4)",
            )?;
            let mut by_account =
                tx.prepare("INSERT INTO audit_by_account (account, seq) VALUES (?1, ?1)")?;
            let mut by_org = tx.prepare("INSERT INTO audit_by_org (org, seq) VALUES (?1, ?2)")?;
            for i in 1..=people as i64 {
                let org = if i % 5 == 0 { ORG_B } else { ORG_A };
                let mcid = 10_000_000 + i;
                let at = now - (people as i64 - i) * 60_000_000;
                account.execute(params![
                    i,
                    org,
                    format!("person{i}@org{org}.example.com"),
                    mcid,
                    blob(ACCOUNT_BLOB, i)
                ])?;
                profile.execute(params![
                    mcid,
                    format!("person{i}@learn.example.com"),
                    blob(120, i)
                ])?;
                link.execute(params![i, mcid, org, at])?;
                start.execute(params![mcid, at, i])?;
                audit.execute(params![i, mcid, org, blob(AUDIT_BLOB, i)])?;
                by_account.execute(params![i])?;
                by_org.execute(params![org, i])?;
            }
            let n = people as i64;
            for k in 0..movers.max(1) {
                let (accounts, mcid, email) = mover(people, k);
                for (id, org) in accounts.into_iter().zip([ORG_A, ORG_B]) {
                    account.execute(params![
                        id,
                        org,
                        format!("mover{}@example.com", id - n),
                        None::<i64>,
                        blob(ACCOUNT_BLOB, id - n)
                    ])?;
                }
                profile.execute(params![mcid, email, blob(120, k as i64)])?;
            }
            let mut meta =
                tx.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?;
            meta.execute(params!["next_id:link", n + 1])?;
            meta.execute(params!["next_id:audit", n + 1])?;
            meta.execute(params!["settings", blob(64, 0)])?;
            meta.execute(params!["last_event_at", now])?;
        }
        tx.commit()?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(Self::with(conn, people, 0, now))
    }

    /// Mover `k`'s writer on its own connection to a database made by
    /// [`SqliteBaseline::create_for`]. A writer that finds the database locked
    /// waits in SQLite's busy handler up to `busy_timeout` instead of failing.
    pub fn writer(
        path: &Path,
        people: usize,
        k: usize,
        now: i64,
        busy_timeout: std::time::Duration,
    ) -> rusqlite::Result<SqliteBaseline> {
        let conn = connect(path)?;
        conn.busy_timeout(busy_timeout)?;
        Ok(Self::with(conn, people, k, now))
    }

    fn with(conn: Connection, people: usize, k: usize, now: i64) -> SqliteBaseline {
        let (mover_accounts, _, mover_email) = mover(people, k);
        SqliteBaseline {
            conn,
            mover_accounts,
            mover_email,
            turn: 0,
            now,
        }
    }

    /// One durable move (or the first link) of the mover's profile to the other
    /// account's organization, `step_micros` after the previous one. Statements
    /// are prepared once and cached, as a careful SQLite program would.
    pub fn move_link(&mut self, step_micros: i64) -> rusqlite::Result<()> {
        self.now += step_micros;
        let now = self.now;
        let me = self.mover_accounts[self.turn % 2];
        self.turn += 1;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Reads the decision needs (as certlink's service does).
        let _settings: Vec<u8> = tx
            .prepare_cached("SELECT value FROM meta WHERE key = 'settings'")?
            .query_row([], |r| r.get(0))?;
        let (my_org, _record): (i64, Vec<u8>) = tx
            .prepare_cached("SELECT org, record FROM accounts WHERE id = ?1")?
            .query_row(params![me], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (mcid, _profile): (i64, Vec<u8>) = tx
            .prepare_cached("SELECT mcid, record FROM profiles WHERE email = ?1")?
            .query_row(params![self.mover_email], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let active: Option<(i64, i64, i64)> = tx
            .prepare_cached(
                "SELECT id, org, account FROM links WHERE mcid = ?1 AND ended_at IS NULL",
            )?
            .query_row(params![mcid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        {
            let mut starts =
                tx.prepare_cached("SELECT start FROM association_starts WHERE mcid = ?1")?;
            let n = starts
                .query_map(params![mcid], |r| r.get::<_, i64>(0))?
                .count();
            std::hint::black_box(n);
        }
        // R6: end the old link, start the new one.
        if let Some((old, _org, old_account)) = active {
            tx.prepare_cached("UPDATE links SET ended_at = ?1, end_reason = 2 WHERE id = ?2")?
                .execute(params![now, old])?;
            tx.prepare_cached("UPDATE accounts SET linked_mcid = NULL, record = ?1 WHERE id = ?2")?
                .execute(params![blob(ACCOUNT_BLOB, now), old_account])?;
        }
        let link = next_id(&tx, "next_id:link")?;
        tx.prepare_cached(
            "INSERT INTO links (id, mcid, org, account, since, counts) VALUES (?1, ?2, ?3, ?4, ?5, 1)",
        )?
        .execute(params![link, mcid, my_org, me, now])?;
        tx.prepare_cached(
            "INSERT INTO association_starts (mcid, start, link) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![mcid, now, link])?;
        tx.prepare_cached(
            "UPDATE accounts SET linked_mcid = ?1, last_mcid = ?1, record = ?2 WHERE id = ?3",
        )?
        .execute(params![mcid, blob(ACCOUNT_BLOB, now), me])?;
        // One audit record (R16) with its indexes.
        let seq = next_id(&tx, "next_id:audit")?;
        let other_org = active.map(|(_, org, _)| org).filter(|o| *o != my_org);
        tx.prepare_cached(
            "INSERT INTO audit (seq, actor, account, mcid, org, other_org, record)
             VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            seq,
            me,
            mcid,
            my_org,
            other_org,
            blob(AUDIT_BLOB, seq)
        ])?;
        tx.prepare_cached("INSERT INTO audit_by_account (account, seq) VALUES (?1, ?2)")?
            .execute(params![me, seq])?;
        for org in [Some(my_org), other_org].into_iter().flatten() {
            tx.prepare_cached("INSERT INTO audit_by_org (org, seq) VALUES (?1, ?2)")?
                .execute(params![org, seq])?;
        }
        tx.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_event_at', ?1)")?
            .execute(params![now])?;
        tx.commit()
    }
}
