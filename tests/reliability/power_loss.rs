//! Power loss (issue #8, part 2).
//!
//! A SIGKILL leaves the operating system's page cache, so it cannot lose a write
//! that was not synced; a power cut can. These tests run the real service on a
//! simulated disk (tests/reliability/sim_disk) that keeps unsynced writes apart, and take the
//! image a power cut would leave at random backend calls during a random
//! workload of acknowledged commands (links, moves, unlinks, merges, imports,
//! tickets, sign-ins, new profiles), with four kinds of cut: every unsynced
//! write lost, a prefix of them kept, a random subset kept, or a subset with one
//! write torn part way through a page.
//!
//! Each image is then opened as the next boot would: the database opens, redb's
//! integrity check passes, the invariants of domain.md hold (`check_invariants`,
//! as `certlink admin check` runs it), and its whole content (every table that
//! holds state, audit trail included) is exactly the state after the last
//! acknowledged command, or, for a cut inside a command, after that command: no
//! acknowledged change is lost (R16: every acknowledged command's audit record
//! survives) and no command is half applied (R6: a move is one step).
//!
//! With many writers (group commit, issue 17) the same cuts land inside
//! batches: four commands run at once, one batch on the disk and the others
//! queued behind it. Every image holds the state before the round or one that
//! a completed flush made durable (the end of a batch): acknowledged commands
//! are never lost, and a batch is lost only whole (never part of one, never
//! part of a command).
//!
//! A last test shows the harness would catch a missing durability setting: the
//! same disk loses commits made with `Durability::None`.
//!
//! Figures (defaults): 120 commands, a cut image at about one backend call in 6
//! plus one after every command; `CERTLINK_POWER_SEED` replays another seed and
//! `CERTLINK_POWER_COMMANDS` runs longer. See docs/reliability/faults.md.

use crate::{env_u64, sim_disk};

use std::sync::Arc;

use chrono::TimeDelta;
use redb::{ReadableDatabase, TableDefinition};

use certlink_core::import::{InputFormat, parse};
use certlink_core::service::{Environment, Importer, Service, ServiceError, SignInSource};
use certlink_core::store::Store;
use certlink_domain::tickets::TicketCategory;
use sim_disk::world::{World, audit_count, fingerprint, logged_world, wait_for_queue, world};
use sim_disk::{Cut, Disk, Rng};

/// Opens `image` as the next boot would and checks it; returns its fingerprint
/// and the service over it.
fn reopen_and_check(image: Vec<u8>, what: &str) -> (u64, Service) {
    let disk = Disk::with_image(image);
    let mut store = Store::open_with_backend(disk.opener())
        .unwrap_or_else(|e| panic!("{what}: the database does not open after the cut: {e}"));
    assert!(
        store.check_integrity().expect("integrity check runs"),
        "{what}: redb's integrity check fails"
    );
    let print = fingerprint(&store);
    let service = Service::with_store(store, Environment::default()).expect("service");
    let problems = service.check_invariants().expect("invariant check runs");
    assert!(
        problems.is_empty(),
        "{what}: invariants broken: {problems:?}"
    );
    (print, service)
}

/// Runs one random command; returns its name. Its answer (done or refused) is
/// acknowledged; any other error fails the test.
fn random_command(w: &mut World, rng: &mut Rng) -> &'static str {
    let s = &w.service;
    let member = &w.members[rng.below(w.members.len() as u64) as usize];
    let profile = &w.demo.profiles[rng.below(w.demo.profiles.len() as u64) as usize];
    let (name, result): (&str, Result<(), ServiceError>) = match rng.below(10) {
        0..=2 => {
            // A link; to a profile linked elsewhere it is a move (R6).
            let password = if rng.chance(5) {
                "wrong".to_string()
            } else {
                profile.password.clone()
            };
            ("link", s.link(member, &profile.email, &password).map(drop))
        }
        3 => ("unlink", s.unlink(member)),
        4 => {
            let a = &w.demo.accounts[rng.below(w.demo.accounts.len() as u64) as usize];
            let password = if rng.chance(3) { "wrong" } else { &a.password };
            (
                "sign-in",
                s.sign_in(&a.email, password, &SignInSource::Remote("10.0.0.9".into()))
                    .map(drop),
            )
        }
        5 => (
            "ticket",
            s.open_ticket(member, TicketCategory::Linking, "My link does not show")
                .map(drop),
        ),
        6 => {
            let other = &w.demo.profiles[rng.below(w.demo.profiles.len() as u64) as usize];
            (
                "merge",
                s.merge_profiles(
                    &w.support,
                    &profile.mcid.to_string(),
                    &other.mcid.to_string(),
                ),
            )
        }
        7 => {
            let csv = format!(
                "mcid,pu_username,kind,skill_id,name,date,expires,passed,status\n{},,exam,AZ-{},Exam {},2026-10-{:02},,true,\n",
                profile.mcid,
                rng.below(900) + 100,
                rng.below(50),
                rng.below(28) + 1
            );
            let rows = parse(csv.as_bytes(), InputFormat::Csv, |_| {}).expect("rows");
            (
                "import",
                s.import_records(Importer::Support(&w.support), &rows, &mut |_, _| {})
                    .map(drop),
            )
        }
        8 => {
            w.next_mcid += 1;
            (
                "add-profile",
                s.add_profile(
                    &w.next_mcid.to_string(),
                    &format!("p{}@learn.example.com", w.next_mcid),
                    "New Person",
                    "profile-pass",
                )
                .map(drop),
            )
        }
        _ => {
            // Time passes: cool-offs end (R9), locks expire (R1).
            w.clock.advance(TimeDelta::days(rng.below(40) as i64 + 1));
            ("wait", Ok(()))
        }
    };
    match result {
        Ok(()) | Err(ServiceError::Refused(_)) | Err(ServiceError::Invalid(_)) => name,
        Err(e) => panic!("{name}: unexpected error on a healthy disk: {e}"),
    }
}

#[test]
fn every_power_cut_leaves_an_open_consistent_database_with_every_acknowledged_change() {
    let seed = env_u64("CERTLINK_POWER_SEED", 8);
    let commands = env_u64("CERTLINK_POWER_COMMANDS", 120);
    let mut rng = Rng::new(seed);
    let mut w = world();

    let mut before = fingerprint(w.service.store());
    w.disk.tap_power_cuts(Some(6), seed ^ 0xC0FFEE);
    let mut cuts = 0;
    let mut inside = 0;
    let mut by_kind = [0u32; 4];
    let mut resumed = 0;
    for i in 0..commands {
        let name = random_command(&mut w, &mut rng);
        // The state every acknowledged command so far left, as the service sees it.
        let after = fingerprint(w.service.store());
        if i % 4 == 0 {
            // A SIGKILL (page cache kept) loses nothing either.
            let (killed, _) = reopen_and_check(w.disk.cached_image(), "a SIGKILL image");
            assert_eq!(
                killed, after,
                "seed {seed}, command {i} ({name}): a kill lost a change"
            );
        }

        // Cuts inside the command: before it or after it, nothing in between.
        for (cut, image) in w.disk.take_power_cuts() {
            let what = format!("seed {seed}, command {i} ({name}), cut {cut:?} inside it");
            let (print, service) = reopen_and_check(image, &what);
            assert!(
                print == before || print == after,
                "{what}: the recovered state is neither before nor after the command"
            );
            by_kind[Cut::ALL.iter().position(|c| *c == cut).unwrap()] += 1;
            cuts += 1;
            inside += 1;
            // Now and then the next boot carries on working on the recovered file.
            if cuts % 25 == 0 {
                let a = &w.demo.accounts[0];
                let session = service
                    .sign_in(&a.email, &a.password, &SignInSource::Local)
                    .expect("sign in after the cut");
                let p = &w.demo.profiles[0];
                let _ = service.link(&session, &p.email, &p.password);
                assert!(service.check_invariants().unwrap().is_empty());
                resumed += 1;
            }
        }
        // A cut right after the acknowledgement loses nothing of it.
        let cut = Cut::ALL[rng.below(4) as usize];
        let what = format!("seed {seed}, command {i} ({name}), cut {cut:?} after it");
        let (print, _) = reopen_and_check(w.disk.power_cut_image(cut, &mut rng), &what);
        assert_eq!(
            print, after,
            "{what}: an acknowledged change is missing after the power cut"
        );
        by_kind[Cut::ALL.iter().position(|c| *c == cut).unwrap()] += 1;
        cuts += 1;
        before = after;
    }
    eprintln!(
        "power loss: seed {seed}, {commands} commands, {cuts} power cuts ({inside} inside a command; \
         drop-all/prefix/subset/torn = {by_kind:?}), {resumed} recovered databases used again"
    );
    assert!(inside > 0, "the tap must cut inside commands");
}

/// One command of a concurrent round; each writes exactly one audit record
/// (R16), whether done or refused.
#[derive(Clone)]
enum Concurrent {
    Ticket(certlink_core::service::Session),
    Link(certlink_core::service::Session, String, String),
    SignIn(String, String),
    AddProfile(u64),
}

impl Concurrent {
    fn pick(w: &mut World, rng: &mut Rng) -> Concurrent {
        let member = w.members[rng.below(w.members.len() as u64) as usize].clone();
        let profile = &w.demo.profiles[rng.below(w.demo.profiles.len() as u64) as usize];
        match rng.below(4) {
            0 => Concurrent::Ticket(member),
            1 => {
                let password = if rng.chance(4) {
                    "wrong".to_string()
                } else {
                    profile.password.clone()
                };
                Concurrent::Link(member, profile.email.clone(), password)
            }
            2 => {
                let a = &w.demo.accounts[rng.below(w.demo.accounts.len() as u64) as usize];
                let password = if rng.chance(3) { "wrong" } else { &a.password };
                Concurrent::SignIn(a.email.clone(), password.to_string())
            }
            _ => {
                w.next_mcid += 1;
                Concurrent::AddProfile(w.next_mcid)
            }
        }
    }

    fn run(self, s: &Service) {
        let result = match self {
            Concurrent::Ticket(who) => s
                .open_ticket(&who, TicketCategory::Linking, "My link does not show")
                .map(drop),
            Concurrent::Link(who, email, password) => s.link(&who, &email, &password).map(drop),
            Concurrent::SignIn(email, password) => s
                .sign_in(&email, &password, &SignInSource::Remote("10.0.0.9".into()))
                .map(drop),
            Concurrent::AddProfile(mcid) => s
                .add_profile(
                    &mcid.to_string(),
                    &format!("p{mcid}@learn.example.com"),
                    "New Person",
                    "profile-pass",
                )
                .map(drop),
        };
        match result {
            Ok(()) | Err(ServiceError::Refused(_)) => {}
            Err(e) => panic!("unexpected error on a healthy disk: {e}"),
        }
    }
}

#[test]
fn power_cuts_inside_batches_of_many_writers_lose_only_whole_unacknowledged_batches() {
    let seed = env_u64("CERTLINK_POWER_SEED", 17);
    let rounds = env_u64("CERTLINK_POWER_ROUNDS", 16);
    const WRITERS: usize = 4;
    let mut rng = Rng::new(seed);
    let mut w = world();
    let service = Arc::new(std::mem::replace(
        &mut w.service,
        Service::with_store(
            Store::in_memory(
                certlink_core::store::DbKind::Sandbox,
                &certlink_domain::Settings::sandbox(),
            )
            .expect("placeholder store"),
            Environment::default(),
        )
        .expect("placeholder service"),
    ));
    let disk = Arc::clone(&w.disk);
    disk.tap_power_cuts(Some(5), seed ^ 0xBA7C4);
    disk.take_power_cuts();
    disk.record_syncs();
    let (mut cuts, mut mid, mut batches) = (0, 0, 0);
    for round in 0..rounds {
        let (print_before, audits_before) =
            (fingerprint(service.store()), audit_count(service.store()));
        disk.take_synced();
        let commands: Vec<Concurrent> = (0..WRITERS)
            .map(|_| Concurrent::pick(&mut w, &mut rng))
            .collect();
        let start = |c: Concurrent| {
            let service = Arc::clone(&service);
            std::thread::spawn(move || c.run(&service))
        };
        disk.hold_syncs();
        let mut threads = vec![start(commands[0].clone())];
        disk.wait_for_held_syncs(1);
        threads.extend(commands[1..].iter().cloned().map(start));
        wait_for_queue(service.store(), (WRITERS - 1) as u64);
        disk.release_syncs();
        for t in threads {
            t.join().expect("a command panicked");
        }
        let print_after = fingerprint(service.store());
        let audits_after = audit_count(service.store());
        assert_eq!(
            audits_after - audits_before,
            WRITERS as u64,
            "seed {seed}, round {round}: each command writes one audit record"
        );
        // Every state a flush of this round made durable: the ends of its batches.
        let mut durable = vec![print_before];
        for (i, image) in disk.take_synced().into_iter().enumerate() {
            let what = format!("seed {seed}, round {round}, flush {i}");
            durable.push(reopen_and_check(image, &what).0);
        }
        assert!(durable.contains(&print_after));
        batches = batches.max(durable.len());
        for (cut, image) in disk.take_power_cuts() {
            let what = format!("seed {seed}, round {round}, cut {cut:?}");
            let (print, service) = reopen_and_check(image, &what);
            cuts += 1;
            assert!(
                durable.contains(&print),
                "{what}: neither a batch's end nor the state before: part of a batch or command"
            );
            let n = audit_count(service.store()) - audits_before;
            if n > 0 && n < WRITERS as u64 {
                mid += 1;
            }
        }
        let cut = Cut::ALL[rng.below(4) as usize];
        let what = format!("seed {seed}, round {round}, cut {cut:?} after it");
        let (print, _) = reopen_and_check(disk.power_cut_image(cut, &mut rng), &what);
        assert_eq!(
            print, print_after,
            "{what}: an acknowledged command is lost"
        );
        cuts += 1;
        w.clock.advance(TimeDelta::days(rng.below(20) as i64 + 1));
    }
    eprintln!(
        "power loss with {WRITERS} writers: seed {seed}, {rounds} rounds, {cuts} cuts ({mid} between two batches of a round; up to {batches} durable states a round)"
    );
    assert!(mid > 0, "the tap must cut between batches");
}

/// The write-ahead log (crates/certlink-core/src/store/wal.rs) on a disk of its own, as a
/// database file has it: a batch is acknowledged once its record is flushed there, and
/// redb commits it without a flush, so the database disk holds unsynced pages of every
/// acknowledged command. After each of a run of random commands the power of both disks
/// is cut (each of the four kinds of cut on the database's unsynced writes), and the
/// images open to exactly the state after that command: every acknowledged change comes
/// back from the log. Opening the database image without its log shows the log was needed.
#[test]
fn with_the_write_ahead_log_every_power_cut_keeps_every_acknowledged_command() {
    let seed = env_u64("CERTLINK_POWER_SEED", 0x5EED_0017);
    let commands = env_u64("CERTLINK_POWER_COMMANDS", 120) / 2;
    let (mut w, log) = logged_world();
    let mut rng = Rng::new(seed);
    let (mut cuts, mut needed_the_log) = (0, 0);
    for i in 0..commands {
        let name = random_command(&mut w, &mut rng);
        if i % 3 != 0 {
            continue;
        }
        let expected = fingerprint(w.service.store());
        let cut = Cut::ALL[rng.below(4) as usize];
        let unsynced = w.disk.pending_ops();
        let db_image = w.disk.power_cut_image(cut, &mut rng);
        let log_image = log.power_cut_image(cut, &mut rng);
        let what = format!(
            "seed {seed}, after command {i} ({name}), {cut:?} with {unsynced} unsynced writes"
        );
        let (db, log_disk) = (
            Disk::with_image(db_image.clone()),
            Disk::with_image(log_image),
        );
        let mut store = Store::open_with_logged_backend(db.opener(), log_disk.opener())
            .unwrap_or_else(|e| panic!("{what}: the database does not open after the cut: {e}"));
        assert!(
            store.check_integrity().expect("integrity check runs"),
            "{what}: redb's integrity check fails"
        );
        assert_eq!(
            fingerprint(&store),
            expected,
            "{what}: the state after the cut differs"
        );
        let service = Service::with_store(store, Environment::default()).expect("service");
        let problems = service.check_invariants().expect("invariant check runs");
        assert!(
            problems.is_empty(),
            "{what}: invariants broken: {problems:?}"
        );
        // The database image alone: what redb flushed itself (its last checkpoint).
        let alone = Store::open_with_backend(Disk::with_image(db_image).opener())
            .unwrap_or_else(|e| panic!("{what}: the database image alone does not open: {e}"));
        if fingerprint(&alone) != expected {
            needed_the_log += 1;
        }
        cuts += 1;
    }
    eprintln!(
        "write-ahead log: seed {seed}, {commands} commands, {cuts} cuts, {needed_the_log} of them needed the log"
    );
    assert!(
        needed_the_log > 0,
        "no cut needed the log: the test would not see a log that loses records"
    );
}

const RAW: TableDefinition<u64, u64> = TableDefinition::new("raw");

/// Commits `n` rows, one per transaction, with `durability`; then cuts the power
/// (every unsynced write lost) and counts the rows that survive.
fn rows_after_power_cut(durability: redb::Durability, n: u64) -> u64 {
    let disk = Disk::new();
    {
        let db = redb::Database::builder()
            .create_with_backend(BoxedBackend(disk.backend()))
            .expect("database");
        for i in 0..n {
            let mut txn = db.begin_write().unwrap();
            txn.set_durability(durability).unwrap();
            txn.open_table(RAW).unwrap().insert(i, i).unwrap();
            txn.commit().unwrap(); // acknowledged
        }
        disk.power_cut(Cut::DropAll, &mut Rng::new(1));
        // The process is gone with the power: its database is dropped unsaved.
    }
    let db = redb::Database::builder()
        .create_with_backend(BoxedBackend(disk.backend()))
        .expect("database after the cut");
    let txn = db.begin_read().unwrap();
    match txn.open_table(RAW) {
        Ok(t) => redb::ReadableTableMetadata::len(&t).unwrap(),
        Err(_) => 0,
    }
}

/// `Box<dyn StorageBackend>` as the `impl StorageBackend` redb's builder takes.
#[derive(Debug)]
struct BoxedBackend(Box<dyn redb::StorageBackend>);

impl redb::StorageBackend for BoxedBackend {
    fn len(&self) -> std::io::Result<u64> {
        self.0.len()
    }
    fn read(&self, offset: u64, out: &mut [u8]) -> std::io::Result<()> {
        self.0.read(offset, out)
    }
    fn set_len(&self, len: u64) -> std::io::Result<()> {
        self.0.set_len(len)
    }
    fn sync_data(&self) -> std::io::Result<()> {
        self.0.sync_data()
    }
    fn write(&self, offset: u64, data: &[u8]) -> std::io::Result<()> {
        self.0.write(offset, data)
    }
}

/// The harness is not blind: the writer's `Durability::Immediate` (crates/certlink-core/src/store/
/// writer.rs) is what keeps acknowledged commits; without it the same disk loses them.
#[test]
fn the_simulated_disk_catches_a_missing_durability_setting() {
    assert_eq!(
        rows_after_power_cut(redb::Durability::Immediate, 20),
        20,
        "durable commits survive the power cut"
    );
    let kept = rows_after_power_cut(redb::Durability::None, 20);
    assert!(
        kept < 20,
        "commits without durability must be lost by a power cut on this disk (kept {kept} of 20)"
    );
}

/// A SIGKILL keeps the page cache, a power cut does not: on a disk whose syncs
/// save nothing, durable commits survive a kill image and are lost by a power
/// cut. (redb keeps `Durability::None` commits in its own memory, so a kill
/// loses those too; an fsync that does not reach the disk shows only here.)
#[test]
fn only_a_power_cut_shows_syncs_that_save_nothing() {
    let disk = Disk::new();
    disk.ignore_syncs();
    let db = redb::Database::builder()
        .create_with_backend(BoxedBackend(disk.backend()))
        .expect("database");
    for i in 0..5u64 {
        let txn = db.begin_write().unwrap();
        txn.open_table(RAW).unwrap().insert(i, i).unwrap();
        txn.commit().unwrap();
    }
    let count = |image: Vec<u8>| {
        let db = redb::Database::builder()
            .create_with_backend(BoxedBackend(Disk::with_image(image).backend()));
        match db {
            Ok(db) => match db.begin_read().unwrap().open_table(RAW) {
                Ok(t) => redb::ReadableTableMetadata::len(&t).unwrap(),
                Err(_) => 0,
            },
            Err(_) => 0,
        }
    };
    assert_eq!(count(disk.cached_image()), 5, "a kill keeps the page cache");
    assert_eq!(
        count(disk.power_cut_image(Cut::DropAll, &mut Rng::new(1))),
        0,
        "a power cut loses what was never synced"
    );
    drop(db);
}
