//! I/O faults (issue #8, part 3): SQLite's I/O-error loop, on redb.
//!
//! For each kind of command, count the backend writes, syncs and resizes it
//! makes on a healthy simulated disk (tests/reliability/sim_disk), then fail each of those
//! calls in turn (EIO). Every time:
//! - the command ends with a clear store error (exit 3 in the CLI), never a panic;
//! - the store reopens the database by itself (redb refuses all further work
//!   after an I/O error, `StorageError::PreviousIo`): the next command works;
//! - the command is all or nothing (R6, R15: a move or merge is one step; R16:
//!   its audit record is there exactly when its change is) and everything
//!   acknowledged before is intact;
//! - redb's integrity check passes and the invariants of domain.md hold.
//!
//! Then: a fault that stays (a dead disk) until it is healed, a full disk
//! (ENOSPC), and two users sharing one `Arc<Service>` as `certlink serve`'s
//! sessions do, one of them hitting faults while the other keeps working.
//! With many writers (group commit, issue 17) a failed flush fails exactly the
//! commands of its batch, and the batch is whole or absent.

use crate::sim_disk;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::TimeDelta;

use certlink_core::import::{InputFormat, parse};
use certlink_core::service::{Importer, Service, ServiceError, SignInSource};
use certlink_core::store::{Store, StoreError};
use certlink_domain::tickets::TicketCategory;
use sim_disk::world::{World, audit_count, fingerprint, logged_world, wait_for_queue, world};
use sim_disk::{Disk, Failure, Fault, Op};

/// A command under test: `prepare` (on a healthy disk) sets up what it needs,
/// so that `run` would succeed.
struct Command {
    name: &'static str,
    prepare: fn(&mut World),
    run: fn(&World) -> Result<(), ServiceError>,
}

fn import_rows(w: &World) -> Result<(), ServiceError> {
    let csv = format!(
        "mcid,pu_username,kind,skill_id,name,date,expires,passed,status\n{},,exam,EX-{},Exam,2026-10-01,,true,\n",
        w.demo.profiles[0].mcid, w.next_mcid
    );
    let rows = parse(csv.as_bytes(), InputFormat::Csv, |_| {}).expect("rows");
    w.service
        .import_records(Importer::Support(&w.support), &rows, &mut |_, _| {})
        .map(drop)
}

const COMMANDS: &[Command] = &[
    Command {
        name: "link (R4, R6)",
        prepare: |w| {
            w.clock.advance(TimeDelta::days(400)); // clear of R9's limit and cool-off
            let _ = w.service.unlink(&w.members[0]);
        },
        run: |w| {
            let p = &w.demo.profiles[0];
            w.service
                .link(&w.members[0], &p.email, &p.password)
                .map(drop)
        },
    },
    Command {
        name: "unlink (R7)",
        prepare: |w| {
            w.clock.advance(TimeDelta::days(400));
            let p = &w.demo.profiles[0];
            let _ = w.service.link(&w.members[0], &p.email, &p.password);
        },
        run: |w| w.service.unlink(&w.members[0]),
    },
    Command {
        name: "sign-in (R1)",
        // A day on, so every run refreshes the source's known mark (R1): the
        // same writes each time, the largest set a sign-in makes.
        prepare: |w| w.clock.advance(TimeDelta::days(2)),
        run: |w| {
            let a = &w.demo.accounts[0];
            w.service
                .sign_in(&a.email, &a.password, &SignInSource::Local)
                .map(drop)
        },
    },
    Command {
        name: "open ticket (R14)",
        prepare: |_| {},
        run: |w| {
            w.service
                .open_ticket(&w.members[1], TicketCategory::Linking, "Link missing")
                .map(drop)
        },
    },
    Command {
        name: "merge (R15)",
        prepare: |w| {
            w.next_mcid += 1;
            w.service
                .add_profile(
                    &w.next_mcid.to_string(),
                    &format!("dup{}@learn.example.com", w.next_mcid),
                    "Duplicate",
                    "profile-pass",
                )
                .expect("duplicate profile");
        },
        run: |w| {
            w.service.merge_profiles(
                &w.support,
                &w.next_mcid.to_string(),
                &w.demo.profiles[1].mcid.to_string(),
            )
        },
    },
    Command {
        name: "import",
        prepare: |w| w.next_mcid += 1,
        run: import_rows,
    },
    Command {
        name: "add profile (operator)",
        prepare: |w| w.next_mcid += 1,
        run: |w| {
            w.service
                .add_profile(
                    &w.next_mcid.to_string(),
                    &format!("new{}@learn.example.com", w.next_mcid),
                    "New",
                    "profile-pass",
                )
                .map(drop)
        },
    },
];

/// The error of a command that met a disk fault: a store error that says what
/// happened and what to do.
fn assert_clear_disk_error(what: &str, e: &ServiceError) {
    match e {
        ServiceError::Store(s @ (StoreError::DiskFailed(_) | StoreError::DiskFull)) => {
            let text = s.to_string();
            assert!(
                text.contains("disk") && text.contains("try again"),
                "{what}: unclear message: {text}"
            );
            assert_eq!(e.exit_code(), 3, "{what}: database errors exit 3");
        }
        other => panic!("{what}: expected a disk error, got: {other}"),
    }
}

/// After a fault: the store reopens on the next read, the failed command is all
/// or nothing, the acknowledged state is intact, the database checks clean.
fn assert_recovered(w: &mut World, what: &str, before: (u64, u64), audits_of_command: u64) {
    let (print_before, audit_before) = before;
    let audits = audit_count(w.service.store());
    let added = audits - audit_before;
    if added == 0 {
        assert_eq!(
            fingerprint(w.service.store()),
            print_before,
            "{what}: the failed command left part of a change"
        );
    } else {
        assert_eq!(
            added, audits_of_command,
            "{what}: the failed command is neither absent nor whole"
        );
    }
    assert!(
        w.service.check_integrity().expect("integrity check"),
        "{what}: integrity"
    );
    let problems = w.service.check_invariants().expect("invariants");
    assert!(problems.is_empty(), "{what}: {problems:?}");
}

#[test]
fn every_write_sync_and_resize_of_every_command_can_fail_and_the_service_recovers() {
    let mut w = world();
    let mut report = Vec::new();
    let mut total_points = 0;
    for command in COMMANDS {
        // Count the calls on a healthy disk.
        (command.prepare)(&mut w);
        let (calls_before, audits_before) = (w.disk.calls(), audit_count(w.service.store()));
        (command.run)(&w).unwrap_or_else(|e| panic!("{}: healthy run: {e}", command.name));
        let calls = w.disk.calls();
        let audits_of_command = audit_count(w.service.store()) - audits_before;
        let counts = [
            (Op::Write, calls.writes - calls_before.writes),
            (Op::Sync, calls.syncs - calls_before.syncs),
            (Op::SetLen, calls.set_lens - calls_before.set_lens),
        ];
        assert!(counts[0].1 > 0 && counts[1].1 > 0, "{}", command.name);

        let (mut failed, mut saved_anyway, mut points) = (0, 0, 0);
        for (op, count) in counts {
            for nth in 0..count {
                let what = format!("{}: {op:?} call {nth} of {count} fails", command.name);
                (command.prepare)(&mut w);
                let before = (
                    fingerprint(w.service.store()),
                    audit_count(w.service.store()),
                );
                let fired = w.disk.faults_fired();
                w.disk.arm(Fault {
                    op,
                    nth,
                    failure: Failure::Io,
                    sticky: false,
                });
                let result = (command.run)(&w);
                w.disk.heal();
                assert_eq!(w.disk.faults_fired(), fired + 1, "{what}: the fault fired");
                points += 1;
                match &result {
                    Ok(()) => {}
                    Err(e) => {
                        assert_clear_disk_error(&what, e);
                        failed += 1;
                    }
                }
                assert_recovered(&mut w, &what, before, audits_of_command);
                if result.is_err() && audit_count(w.service.store()) > before.1 {
                    saved_anyway += 1;
                }
                // The service works again: the same command now succeeds.
                (command.prepare)(&mut w);
                (command.run)(&w).unwrap_or_else(|e| panic!("{what}: after recovery: {e}"));
            }
        }
        total_points += points;
        report.push(format!(
            "{}: {} writes, {} syncs, {} resizes; {points} faults, {failed} failed with a disk error, {saved_anyway} of those saved anyway",
            command.name, counts[0].1, counts[1].1, counts[2].1
        ));
    }
    eprintln!(
        "I/O fault loop: {total_points} fault points\n  {}",
        report.join("\n  ")
    );
}

#[test]
fn a_dead_disk_fails_every_command_clearly_until_it_is_healed() {
    let mut w = world();
    let before = (
        fingerprint(w.service.store()),
        audit_count(w.service.store()),
    );
    w.disk.arm(Fault {
        op: Op::Write,
        nth: 0,
        failure: Failure::Io,
        sticky: true,
    });
    for command in COMMANDS {
        if command.name.starts_with("merge") {
            continue; // its preparation writes
        }
        (command.prepare)(&mut w);
        let e = (command.run)(&w).expect_err("a dead disk refuses every change");
        assert_clear_disk_error(command.name, &e);
    }
    // Reads that need no reopen still answer or fail clearly, never panic.
    match w.service.check_invariants() {
        Ok(problems) => assert!(problems.is_empty()),
        Err(e) => assert_clear_disk_error("invariants on a dead disk", &e),
    }
    w.disk.heal();
    assert_recovered(&mut w, "after healing", before, 1);
    assert_eq!(
        audit_count(w.service.store()),
        before.1,
        "nothing of a failed command was saved"
    );
    for command in COMMANDS {
        (command.prepare)(&mut w);
        (command.run)(&w).unwrap_or_else(|e| panic!("{} after healing: {e}", command.name));
    }
}

#[test]
fn a_full_disk_says_so_changes_nothing_and_works_again_once_space_is_freed() {
    let mut w = world();
    w.disk.set_capacity(Some(w.disk.len()));
    let mut full = None;
    for i in 0..400 {
        let before = (
            fingerprint(w.service.store()),
            audit_count(w.service.store()),
        );
        w.next_mcid += 1;
        match import_rows(&w) {
            Ok(()) => {}
            Err(e) => {
                assert_clear_disk_error("full disk", &e);
                assert!(e.to_string().contains("no space left"), "{e}");
                full = Some((i, before));
                break;
            }
        }
    }
    let (imports, before) = full.expect("the disk fills up");
    eprintln!("full disk: ENOSPC after {imports} imports into the free pages");
    w.disk.set_capacity(None); // space freed
    assert_recovered(&mut w, "after ENOSPC", before, 1);
    assert_eq!(
        audit_count(w.service.store()),
        before.1,
        "the import that met ENOSPC is not saved"
    );
    w.next_mcid += 1;
    import_rows(&w).expect("works again once space is freed");
}

#[test]
fn two_users_of_one_service_one_hits_faults_the_other_keeps_working() {
    let w = world();
    let audits_before = audit_count(w.service.store());
    let service: Arc<Service> = Arc::new(w.service);
    let disk = Arc::clone(&w.disk);
    let (faulty, steady) = (w.members[0].clone(), w.members[1].clone());

    // The steady user opens tickets until ten after the faults are over; the
    // other user's links meet a fault each.
    let faults_over = Arc::new(AtomicBool::new(false));
    let steady_user = {
        let service = Arc::clone(&service);
        let faults_over = Arc::clone(&faults_over);
        std::thread::spawn(move || {
            let (mut during, mut after) = (Vec::new(), Vec::new());
            while after.len() < 10 && during.len() < 5000 {
                let over = faults_over.load(Ordering::Acquire);
                let r = service
                    .open_ticket(&steady, TicketCategory::Other, "steady work")
                    .map(drop);
                if matches!(r, Err(ServiceError::Store(StoreError::Reopening))) {
                    // "try again in a moment", as the message says
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                if over { after.push(r) } else { during.push(r) }
            }
            (during, after)
        })
    };
    let mut faulty_outcomes = Vec::new();
    for nth in 0..12 {
        disk.arm(Fault {
            op: if nth % 3 == 2 { Op::Sync } else { Op::Write },
            nth: nth % 4,
            failure: Failure::Io,
            sticky: false,
        });
        let p = &w.demo.profiles[nth as usize % 3];
        let r = service.link(&faulty, &p.email, &p.password).map(drop);
        faulty_outcomes.push(r);
        let _ = service.unlink(&faulty);
    }
    disk.heal();
    faults_over.store(true, Ordering::Release);
    let (steady_outcomes, steady_after) = steady_user.join().expect("the steady user never panics");

    let mut acknowledged = 0;
    for (who, outcomes) in [("faulty", &faulty_outcomes), ("steady", &steady_outcomes)] {
        for r in outcomes {
            match r {
                Ok(()) | Err(ServiceError::Refused(_)) => acknowledged += 1,
                Err(ServiceError::Store(StoreError::Reopening)) => {}
                Err(e) => assert_clear_disk_error(who, e),
            }
        }
    }
    // Whoever met a fault, the service recovered: the steady user's last
    // commands went through, and so does a new one.
    assert!(
        steady_after.len() == 10 && steady_after.iter().all(|r| r.is_ok()),
        "the steady user keeps working after the faults: {steady_after:?}"
    );
    acknowledged += steady_after.len();
    service
        .open_ticket(&w.members[2], TicketCategory::Other, "after")
        .expect("a new command works");
    let problems = service.check_invariants().expect("invariants");
    assert!(problems.is_empty(), "{problems:?}");
    // Every acknowledged command left its audit record (unlinks not counted).
    let audits = audit_count(service.store());
    assert!(
        audits >= audits_before + acknowledged as u64,
        "an acknowledged command is missing from the audit trail"
    );
    let mut service = Arc::into_inner(service).expect("only this test holds it");
    assert!(service.check_integrity().expect("integrity"));
    eprintln!(
        "two users: faulty user {} of {} links failed; steady user {} of {} tickets failed during the faults ({} of them \"try again\" while the other held the old database), 0 of {} after",
        faulty_outcomes.iter().filter(|r| r.is_err()).count(),
        faulty_outcomes.len(),
        steady_outcomes.iter().filter(|r| r.is_err()).count(),
        steady_outcomes.len(),
        steady_outcomes
            .iter()
            .filter(|r| matches!(r, Err(ServiceError::Store(StoreError::Reopening))))
            .count(),
        steady_after.len()
    );
}

#[test]
fn opening_after_a_crash_can_fail_at_every_call_and_a_later_open_recovers() {
    let w = world();
    let print = fingerprint(w.service.store());
    // As a SIGKILL leaves it: the next open must recover the file (redb's repair).
    let image = w.disk.cached_image();
    let disk = Disk::with_image(image.clone());
    let store = Store::open_with_backend(disk.opener()).expect("opens after a kill");
    let calls = disk.calls();
    drop(store);
    let counts = [
        (Op::Write, calls.writes),
        (Op::Sync, calls.syncs),
        (Op::SetLen, calls.set_lens),
    ];
    let mut points = 0;
    for (op, count) in counts {
        for nth in 0..count {
            let what = format!("opening: {op:?} call {nth} of {count} fails");
            let disk = Disk::with_image(image.clone());
            disk.arm(Fault {
                op,
                nth,
                failure: Failure::Io,
                sticky: false,
            });
            match Store::open_with_backend(disk.opener()) {
                Ok(store) => drop(store),
                Err(e) => assert_clear_disk_error(&what, &ServiceError::Store(e)),
            }
            disk.heal();
            let mut store = Store::open_with_backend(disk.opener())
                .unwrap_or_else(|e| panic!("{what}: a later open fails: {e}"));
            assert!(store.check_integrity().expect("integrity"), "{what}");
            assert_eq!(fingerprint(&store), print, "{what}: the data changed");
            points += 1;
        }
    }
    eprintln!(
        "opening after a crash: {} writes, {} syncs, {} resizes; {points} fault points",
        calls.writes, calls.syncs, calls.set_lens
    );
    assert!(points > 0);
}

/// Group commit (issue 17): one command's flush is on the disk while four more
/// queue into the next batch; that batch's flush fails. Exactly those four get
/// the clear "may not have been saved" error; the first is kept; the four are
/// all in the database or none of them (a batch is one transaction); the
/// service goes on.
#[test]
fn a_failed_flush_fails_exactly_the_commands_of_its_batch() {
    let w = world();
    let before = audit_count(w.service.store());
    let service: Arc<Service> = Arc::new(w.service);
    // However slow the machine, the four queued commands share one batch.
    service
        .store()
        .hold_batches_open_for(std::time::Duration::from_secs(600));
    let disk = Arc::clone(&w.disk);
    let ticket = |who: &certlink_core::service::Session| {
        let (service, who) = (Arc::clone(&service), who.clone());
        std::thread::spawn(move || {
            service
                .open_ticket(&who, TicketCategory::Other, "batched")
                .map(drop)
        })
    };
    disk.hold_syncs();
    let first = ticket(&w.members[0]);
    disk.wait_for_held_syncs(1);
    let batch: Vec<_> = (1..5)
        .map(|i| ticket(&w.members[i % w.members.len()]))
        .collect();
    wait_for_queue(service.store(), 4);
    disk.arm(Fault {
        op: Op::Sync,
        nth: 0,
        failure: Failure::Io,
        sticky: false,
    });
    disk.release_syncs();
    first
        .join()
        .expect("no panic")
        .expect("the batch flushed before the fault is kept");
    for t in batch {
        let e = t.join().expect("no panic").expect_err("its batch failed");
        assert_clear_disk_error("a command of the failed batch", &e);
        assert!(e.to_string().contains("may not have been saved"), "{e}");
    }
    disk.heal();
    let added = audit_count(service.store()) - before;
    assert!(
        added == 1 || added == 5,
        "the failed batch is neither whole nor absent: {added} records"
    );
    service
        .open_ticket(&w.members[0], TicketCategory::Other, "after")
        .expect("the service goes on");
    let problems = service.check_invariants().expect("invariants");
    assert!(problems.is_empty(), "{problems:?}");
}

/// The write-ahead log (crates/certlink-core/src/store/wal.rs): the flush of a batch's record
/// fails (a write, a flush, or the file's growth). Its command gets the clear "may not
/// have been saved" error and readers never see it (redb's transaction is dropped); the
/// next command works, and a database opened from what the disks hold (a kill now) is
/// exactly the live one: a record that reached the log anyway is never replayed over
/// the commands after it.
#[test]
fn a_failed_log_flush_fails_its_batch_unseen_and_is_never_replayed_later() {
    for op in [Op::Write, Op::Sync, Op::SetLen] {
        let (w, log) = logged_world();
        let store = w.service.store();
        // An emptied log: the next append grows the file, writes, flushes,
        // so each of the three calls is reached.
        store.checkpoint().expect("a checkpoint");
        let before = audit_count(store);
        log.arm(Fault {
            op,
            nth: 0,
            failure: Failure::Io,
            sticky: false,
        });
        let e = w
            .service
            .open_ticket(&w.members[0], TicketCategory::Other, "lost")
            .expect_err("its record was not flushed");
        assert_clear_disk_error(&format!("a failed log {op:?}"), &e);
        assert!(e.to_string().contains("may not have been saved"), "{e}");
        assert_eq!(
            audit_count(store),
            before,
            "{op:?}: readers see a failed batch"
        );
        log.heal();
        w.service
            .open_ticket(&w.members[0], TicketCategory::Other, "after")
            .expect("the service goes on");
        assert_eq!(audit_count(store), before + 1, "{op:?}");
        let expected = fingerprint(store);
        let (db, log_disk) = (
            Disk::with_image(w.disk.cached_image()),
            Disk::with_image(log.cached_image()),
        );
        let reopened = Store::open_with_logged_backend(db.opener(), log_disk.opener())
            .unwrap_or_else(|e| panic!("{op:?}: does not open: {e}"));
        assert_eq!(
            fingerprint(&reopened),
            expected,
            "{op:?}: the reopened state differs"
        );
    }
}
