//! Backups and restores (issue 8, part 4; docs/reliability/crash-and-backup.md):
//!
//! - the restore drill: a sandbox is backed up with `certlink admin backup`,
//!   changed, restored with `certlink admin restore`; the database then holds
//!   exactly the backup's data (every table row for row, plus the one audit
//!   record of the restore), the later changes are gone, the replaced file is
//!   kept aside, and redb's check and the invariants of domain.md pass;
//! - backups taken while another thread writes are each one consistent
//!   snapshot: every copy's state agrees with its own audit trail, which is a
//!   gap-free prefix of the live one, and each later copy holds more;
//! - `certlink serve --backup-every 1s --backup-keep 2` writes verified copies
//!   and keeps only the newest two;
//! - a backup killed (SIGKILL) at any moment leaves either a whole, verified
//!   copy under its name or nothing, and the database intact;
//! - what is refused: an existing target, a missing directory, a restore while
//!   the database is open, bad intervals, and backups over SSH (operator only).

use crate::ssh_harness;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use redb::{Key, ReadableTable, TableDefinition, Value};

use certlink::ssh::exec::{Plan, plan};
use certlink_core::backup_dir::BackupDir;
use certlink_core::service::{BackupShelf, Environment, Service, SignInSource};
use certlink_core::store::records::Outcome;
use certlink_core::store::{Queries, Store, invariants, tables, wal};
use ssh_harness::{DEADLINE, Server, certlink, sandbox};

type Rows = Vec<(Vec<u8>, Vec<u8>)>;

/// Every row of a table as raw bytes (keys in order).
fn rows<K: Key + 'static, V: Value + 'static>(
    txn: &redb::ReadTransaction,
    def: TableDefinition<K, V>,
) -> Rows {
    let table = txn.open_table(def).unwrap();
    table
        .iter()
        .unwrap()
        .map(|row| {
            let (k, v) = row.unwrap();
            (
                K::as_bytes(&k.value()).as_ref().to_vec(),
                V::as_bytes(&v.value()).as_ref().to_vec(),
            )
        })
        .collect()
}

/// The tables that hold the data people see; the audit trail and `meta` are
/// compared on their own (a restore appends one record and moves the clock).
fn data_tables(txn: &redb::ReadTransaction) -> BTreeMap<&'static str, Rows> {
    use tables::*;
    BTreeMap::from([
        ("orgs", rows(txn, ORGS)),
        ("accounts", rows(txn, ACCOUNTS)),
        ("account_by_email", rows(txn, ACCOUNT_BY_EMAIL)),
        ("profiles", rows(txn, PROFILES)),
        ("profile_by_email", rows(txn, PROFILE_BY_EMAIL)),
        ("pu_accounts", rows(txn, PU_ACCOUNTS)),
        ("links", rows(txn, LINKS)),
        ("active_link_by_mcid", rows(txn, ACTIVE_LINK_BY_MCID)),
        ("association_starts", rows(txn, ASSOCIATION_STARTS)),
        // Every two-id index (schema 2), the audit trail's kinds included.
        ("indexes", rows(txn, INDEXES)),
        ("throttle", rows(txn, THROTTLE)),
        ("skills", rows(txn, SKILLS)),
        ("competencies", rows(txn, COMPETENCIES)),
        ("name_index", rows(txn, NAME_INDEX)),
        ("email_index_all", rows(txn, EMAIL_INDEX_ALL)),
        ("tickets", rows(txn, TICKETS)),
        ("ssh_keys", rows(txn, SSH_KEYS)),
        ("ssh_key_owner", rows(txn, SSH_KEY_OWNER)),
        // The skills report clustered by organization (schema 3).
        ("report", rows(txn, REPORT)),
    ])
}

fn run_ok(cmd: &mut std::process::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn run_err(cmd: &mut std::process::Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    assert!(!out.status.success(), "expected a refusal");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Checks a database file the way an operator would after a restore.
fn healthy(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    assert!(store.check_integrity().unwrap());
    assert_eq!(
        invariants::check(&store.read().unwrap()).unwrap(),
        Vec::<String>::new()
    );
    store
}

#[test]
fn restore_drill_backup_change_restore_holds_exactly_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _sign_ins) = sandbox(dir.path());
    let backup = dir.path().join("drill-backup.redb");

    let said = run_ok(certlink(&db).args(["admin", "backup", "--to", backup.to_str().unwrap()]));
    assert!(said.contains("verified"), "{said}");

    // Changes after the backup: an organization, a profile, a sign-in, an unlink attempt.
    {
        let service = Service::open(&db, Environment::default()).unwrap();
        service
            .add_org("7777777", "Added after the backup")
            .unwrap();
        service
            .add_profile("19999999", "later@learn.example.com", "Later", "later-pass")
            .unwrap();
        let alan = service
            .sign_in(
                "alan@contoso.com",
                certlink_core::demo::ACCOUNT_PASSWORD,
                &SignInSource::Local,
            )
            .unwrap();
        let _ = service.unlink(&alan);
    }
    let changed = Store::open(&db).unwrap();
    let changed_tables = data_tables(&changed.read().unwrap());
    drop(changed);

    // Refused while the database is open by another process (here: this one).
    let holder = Store::open(&db).unwrap();
    let (code, text) =
        run_err(certlink(&db).args(["admin", "restore", "--from", backup.to_str().unwrap()]));
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("in use"), "{text}");
    drop(holder);

    let said = run_ok(certlink(&db).args(["admin", "restore", "--from", backup.to_str().unwrap()]));
    let aside = said
        .lines()
        .find_map(|l| l.strip_prefix("The replaced file is kept at "))
        .and_then(|l| l.split("; ").next())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| panic!("where is the replaced file? {said}"));

    // The restored database: the backup's data, the later changes gone.
    let restored = healthy(&db);
    let copy = Store::open(&backup).unwrap();
    let (r, b) = (restored.read().unwrap(), copy.read().unwrap());
    let restored_tables = data_tables(&r);
    assert_eq!(restored_tables, data_tables(&b));
    assert_ne!(
        restored_tables, changed_tables,
        "the later changes are gone"
    );
    assert!(r.org("7777777".parse().unwrap()).unwrap().is_none());
    assert!(r.profile("19999999".parse().unwrap()).unwrap().is_none());
    // The audit trail: the backup's, then the restore's own record (R16).
    let restored_audit = rows(&r, tables::AUDIT);
    let backup_audit = rows(&b, tables::AUDIT);
    assert_eq!(restored_audit.len(), backup_audit.len() + 1);
    assert_eq!(restored_audit[..backup_audit.len()], backup_audit[..]);
    let last = r.audit_all(None, 1).unwrap().remove(0);
    assert_eq!(
        (last.action.as_str(), &last.outcome),
        ("restore", &Outcome::Done)
    );
    // `meta` differs only by the restore's audit counter and event time (and
    // the write-ahead log's checkpoint mark).
    let (rm, bm): (BTreeMap<_, _>, BTreeMap<_, _>) = (
        rows(&r, tables::META).into_iter().collect(),
        rows(&b, tables::META).into_iter().collect(),
    );
    let differing: Vec<String> = rm
        .keys()
        .chain(bm.keys())
        .filter(|k| rm.get(*k) != bm.get(*k))
        .map(|k| String::from_utf8_lossy(k).into_owned())
        .collect();
    for key in &differing {
        assert!(
            key == "last_event_at" || key == "next_id:audit" || key == wal::APPLIED,
            "meta {key} changed"
        );
    }
    drop((r, b, copy, restored));

    // The replaced file is kept, whole: it still holds the later changes.
    let kept = healthy(&aside);
    assert_eq!(data_tables(&kept.read().unwrap()), changed_tables);
    // And the operator's own check agrees.
    let said = run_ok(certlink(&db).args(["admin", "check"]));
    assert!(said.contains("invariants: all hold"), "{said}");
}

#[test]
fn backups_taken_while_another_thread_writes_are_each_one_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = sandbox(dir.path());
    let service = Arc::new(Service::open(&db, Environment::default()).unwrap());
    let stop = Arc::new(AtomicBool::new(false));
    let commits = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (service, stop, commits) = (service.clone(), stop.clone(), commits.clone());
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                service
                    .add_org(&(5_000_000 + n).to_string(), &format!("Org {n}"))
                    .unwrap();
                commits.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let mut copies = Vec::new();
    for i in 0..5 {
        // Each backup starts after at least one more commit than the last:
        // progress without timing anything.
        let seen = commits.load(Ordering::SeqCst);
        while commits.load(Ordering::SeqCst) == seen {
            std::thread::yield_now();
        }
        let path = dir.path().join(format!("during-{i}.redb"));
        let summary = service.backup(&path).unwrap();
        copies.push(summary);
    }
    stop.store(true, Ordering::SeqCst);
    writer.join().unwrap();

    let mut previous_orgs = 0;
    for summary in &copies {
        let store = healthy(&summary.path);
        let r = store.read().unwrap();
        // The audit trail is gap-free: seq 1..=n.
        let audit = r.audit_all(None, usize::MAX).unwrap();
        let seqs: Vec<u64> = audit.iter().rev().map(|a| a.seq).collect();
        assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>());
        // The state agrees with the trail: one organization per org-add done.
        let added = audit
            .iter()
            .filter(|a| a.action == "org-add" && a.outcome == Outcome::Done)
            .count() as u64;
        let orgs = rows(&r, tables::ORGS).len() as u64;
        assert_eq!(orgs, added, "{}", summary.path.display());
        assert_eq!(orgs, summary.rows_of("orgs"));
        assert!(orgs > previous_orgs, "each later copy holds more");
        previous_orgs = orgs;
    }
    // The live database holds each copy's trail as its prefix.
    drop(service);
    let live = healthy(&db);
    let live_audit = rows(&live.read().unwrap(), tables::AUDIT);
    for summary in &copies {
        let store = Store::open(&summary.path).unwrap();
        let copy_audit = rows(&store.read().unwrap(), tables::AUDIT);
        assert_eq!(live_audit[..copy_audit.len()], copy_audit[..]);
    }
}

#[test]
fn serve_takes_scheduled_backups_and_keeps_the_newest_k() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = sandbox(dir.path());
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    // A file of the operator's in the same directory is never touched.
    std::fs::write(backups.join("notes.txt"), b"mine").unwrap();
    let mut server = Server::start(
        &db,
        &[
            "--backup-every",
            "1s",
            "--backup-dir",
            backups.to_str().unwrap(),
            "--backup-keep",
            "2",
        ],
    );
    let mut made = Vec::new();
    while made.len() < 4 {
        let line = server
            .lines
            .recv_timeout(DEADLINE)
            .expect("certlink serve did not report its backups");
        assert!(!line.contains("backup failed"), "{line}");
        if let Some(rest) = line.strip_prefix("certlink: backup ") {
            made.push(std::path::PathBuf::from(rest.split(' ').next().unwrap()));
        }
    }
    // SIGTERM; a backup running then finishes and is reported before "stopped".
    let pid = server.child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    assert!(sent.is_ok_and(|s| s.success()));
    let mut stopped = false;
    while let Ok(line) = server.lines.recv_timeout(DEADLINE) {
        assert!(!line.contains("backup failed"), "{line}");
        if let Some(rest) = line.strip_prefix("certlink: backup ") {
            made.push(std::path::PathBuf::from(rest.split(' ').next().unwrap()));
        }
        stopped |= line == "certlink: stopped";
    }
    assert!(stopped, "serve stops cleanly");
    assert!(server.child.wait().unwrap().success());
    let mut names: Vec<String> = made
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let sorted = {
        let mut s = names.clone();
        s.sort();
        s
    };
    assert_eq!(names, sorted, "names sort by time");
    let kept = BackupDir::new(backups.clone()).copies().unwrap();
    let newest: Vec<_> = names.split_off(names.len() - 2);
    assert_eq!(
        kept.iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect::<Vec<_>>(),
        newest,
        "only the newest two are kept"
    );
    for copy in &kept {
        Store::verify_backup(copy).unwrap();
        let store = Store::open(copy).unwrap();
        // The first copy was taken at start; every copy holds the demo data.
        assert!(!rows(&store.read().unwrap(), tables::ORGS).is_empty());
    }
    assert_eq!(std::fs::read(backups.join("notes.txt")).unwrap(), b"mine");
    // Each scheduled backup is audited with actor operator (R16).
    let store = Store::open(&db).unwrap();
    let backups_audited = store
        .read()
        .unwrap()
        .audit_all(None, usize::MAX)
        .unwrap()
        .iter()
        .filter(|a| a.action == "backup")
        .count();
    assert_eq!(backups_audited, made.len());
}

#[test]
fn a_backup_killed_midway_never_leaves_a_half_copy_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = sandbox(dir.path());
    let target = dir.path().join("killed.redb");
    let (mut whole, mut absent) = (0, 0);
    for i in 0..20u64 {
        let mut child = certlink(&db)
            .args(["admin", "backup", "--to", target.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the command's life: start, copy, verify, rename.
        std::thread::sleep(std::time::Duration::from_millis(i * 21 % 420));
        let _ = child.kill(); // SIGKILL (or nothing, if it already finished)
        child.wait().unwrap();
        // Under its name, a backup is whole and verified, or there is none.
        if target.exists() {
            Store::verify_backup(&target).unwrap();
            std::fs::remove_file(&target).unwrap();
            whole += 1;
        } else {
            absent += 1;
        }
        // The database itself is untouched by the kill.
        drop(healthy(&db));
    }
    // A later backup to the same name succeeds (a stale partial file is replaced).
    run_ok(certlink(&db).args(["admin", "backup", "--to", target.to_str().unwrap()]));
    Store::verify_backup(&target).unwrap();
    println!("killed backups: {whole} finished whole, {absent} left nothing under the name");
}

#[test]
fn what_a_backup_or_restore_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = sandbox(dir.path());
    let existing = dir.path().join("existing.redb");
    std::fs::write(&existing, b"keep").unwrap();

    let (code, text) =
        run_err(certlink(&db).args(["admin", "backup", "--to", existing.to_str().unwrap()]));
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("already exists"), "{text}");
    assert!(std::fs::read(&existing).unwrap() == b"keep");

    let missing_dir = dir.path().join("no/such/dir/b.redb");
    let (code, text) =
        run_err(certlink(&db).args(["admin", "backup", "--to", missing_dir.to_str().unwrap()]));
    assert_eq!(code, 3, "{text}");
    assert!(text.contains("directory"), "{text}");

    // A file that is not a database is no backup: nothing is replaced.
    let before = std::fs::read(&db).unwrap();
    let (code, text) =
        run_err(certlink(&db).args(["admin", "restore", "--from", existing.to_str().unwrap()]));
    assert_eq!(code, 3, "{text}");
    assert!(
        std::fs::read(&db).unwrap() == before,
        "a refused restore leaves the database's bytes alone"
    );

    // Intervals: a unit is required, and both options go together.
    for args in [
        &["serve", "--backup-every", "24", "--backup-dir", "."][..],
        &["serve", "--backup-every", "0s", "--backup-dir", "."][..],
        &["serve", "--backup-every", "1h"][..],
        &["serve", "--backup-dir", "."][..],
        &[
            "serve",
            "--backup-every",
            "1h",
            "--backup-dir",
            ".",
            "--backup-keep",
            "0",
        ][..],
    ] {
        let (code, text) = run_err(certlink(&db).args(args));
        assert_eq!(code, 2, "{args:?}: {text}");
    }
    let (code, text) = run_err(certlink(&db).args([
        "serve",
        "--backup-every",
        "1h",
        "--backup-dir",
        dir.path().join("absent").to_str().unwrap(),
    ]));
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a directory"), "{text}");

    // Operator commands are never reachable over SSH.
    for line in [
        "admin backup --to /tmp/x.redb",
        "admin restore --from /tmp/x.redb",
    ] {
        assert!(matches!(plan(line), Plan::Answer { code: 2, .. }), "{line}");
    }
}
