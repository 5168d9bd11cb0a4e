//! The demo world (crates/certlink-core/src/demo) on a simulated disk, everyone signed in, and a
//! fingerprint of a whole database: shared by the power-loss and fault tests.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use redb::ReadableTable;

use certlink_core::demo::DemoSignIns;
use certlink_core::service::{Environment, ManualClock, Service, Session, SignInSource};
use certlink_core::store::{DbKind, Store, tables, wal};
use certlink_domain::Settings;

use super::Disk;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// Hashes every row of the tables that hold state (indexes included: a
/// recovered index must agree as much as a record).
pub fn fingerprint(store: &Store) -> u64 {
    let r = store.read().expect("read");
    let mut h = DefaultHasher::new();
    macro_rules! rows {
        ($($table:ident),*) => {$(
            let t = r.open_table(tables::$table).expect(stringify!($table));
            for row in t.iter().expect("iter") {
                let (k, v) = row.expect("row");
                let key = format!("{:?}", k.value());
                // Where the write-ahead log's last checkpoint reached says how
                // the state was stored, not what it is.
                if key != format!("{:?}", wal::APPLIED) {
                    format!("{key}={:?}", v.value()).hash(&mut h);
                }
            }
            stringify!($table).hash(&mut h);
        )*};
    }
    // Every table of schema 3 (crates/certlink-core/src/store/tables.rs, `for_each_table!`).
    rows!(
        META,
        ORGS,
        ACCOUNTS,
        ACCOUNT_BY_EMAIL,
        PROFILES,
        PROFILE_BY_EMAIL,
        PU_ACCOUNTS,
        LINKS,
        ACTIVE_LINK_BY_MCID,
        ASSOCIATION_STARTS,
        AUDIT,
        INDEXES,
        THROTTLE,
        SKILLS,
        COMPETENCIES,
        NAME_INDEX,
        EMAIL_INDEX_ALL,
        TICKETS,
        SSH_KEYS,
        SSH_KEY_OWNER,
        REPORT
    );
    h.finish()
}

/// Waits until `n` commands wait for their turn to write (group commit): the
/// commands a test started are lined up in one batch.
pub fn wait_for_queue(store: &Store, n: u64) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while store.commands_waiting() != n {
        assert!(
            std::time::Instant::now() < deadline,
            "{n} commands never queued"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// How many audit records the database holds (one per command, R16).
pub fn audit_count(store: &Store) -> u64 {
    let r = store.read().expect("read");
    redb::ReadableTableMetadata::len(&r.open_table(tables::AUDIT).expect("audit")).expect("len")
}

/// The demo world on a simulated disk, everyone signed in.
pub struct World {
    pub service: Service,
    pub clock: ManualClock,
    pub disk: Arc<Disk>,
    pub members: Vec<Session>,
    pub support: Session,
    pub demo: DemoSignIns,
    pub next_mcid: u64,
}

pub fn world() -> World {
    let disk = Disk::new();
    let store = Store::create_with_backend(disk.opener(), DbKind::Sandbox, &Settings::sandbox())
        .expect("store on the simulated disk");
    world_over(store, disk)
}

/// The demo world with a write-ahead log, as a database file has
/// (crates/certlink-core/src/store/wal.rs), on a second simulated disk.
pub fn logged_world() -> (World, Arc<Disk>) {
    let (disk, log) = (Disk::new(), Disk::new());
    let store = Store::create_with_logged_backend(
        disk.opener(),
        log.opener(),
        DbKind::Sandbox,
        &Settings::sandbox(),
    )
    .expect("store and log on simulated disks");
    (world_over(store, disk), log)
}

fn world_over(store: Store, disk: Arc<Disk>) -> World {
    let service = Service::with_store(store, Environment::default()).expect("service");
    let (service, demo) = certlink_core::demo::populate(service, now()).expect("demo data");
    let clock = ManualClock::new(now() + TimeDelta::minutes(1));
    let service = service.with_clock(Arc::new(clock.clone()));
    let members = demo
        .accounts
        .iter()
        .filter(|a| a.status == "active")
        .map(|a| {
            service
                .sign_in(&a.email, &a.password, &SignInSource::Local)
                .expect("demo sign-in")
        })
        .collect();
    let s = &demo.support[0];
    let support = service
        .sign_in(&s.email, &s.password, &SignInSource::Local)
        .expect("support sign-in");
    World {
        service,
        clock,
        disk,
        members,
        support,
        demo,
        next_mcid: 19_000_000,
    }
}
