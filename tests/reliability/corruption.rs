//! A damaged database file (issue #8, part 3): bytes flipped at many offsets of
//! a real demo database (`certlink demo` writes the same file).
//!
//! Whatever is flipped, certlink gives a clear error that points to recovery
//! (`certlink admin check`; restore the newest backup) or a correct answer,
//! never a panic or an abort:
//! - through the service, in process: open, a whole read of every table, the
//!   invariant check, redb's integrity check, a sign-in and a profile view. A
//!   file that passes the integrity check must read exactly as the original;
//! - through the `certlink` binary: `admin check` and a person's `profile`
//!   exit 0, 1 or 3 with a one-line message, and never print a panic.
//!
//! Figures: 160 damaged copies in process, 16 through the binary
//! (`CERTLINK_CORRUPTIONS` sets the first). See docs/reliability/faults.md.

use crate::sim_disk;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, TimeZone, Utc};
use redb::ReadableTable;

use certlink_core::service::{Environment, Service, ServiceError, SignInSource};
use certlink_core::store::{Store, StoreError, tables};
use sim_disk::Rng;

const NOW: &str = "2026-11-23T12:00:00Z";
/// The `n`th instant after every event of the demo database (the clock never
/// goes back, and each command records events).
fn later(n: usize) -> String {
    format!("2026-11-24T12:{:02}:00Z", n % 60)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// Every row of every state table, hashed; an error if any read fails.
fn try_fingerprint(store: &Store) -> Result<u64, String> {
    let r = store.read().map_err(|e| e.to_string())?;
    let mut h = DefaultHasher::new();
    macro_rules! rows {
        ($($table:ident),*) => {$(
            let t = r.open_table(tables::$table).map_err(|e| e.to_string())?;
            for row in t.iter().map_err(|e| e.to_string())? {
                let (k, v) = row.map_err(|e| e.to_string())?;
                format!("{:?}={:?}", k.value(), v.value()).hash(&mut h);
            }
        )*};
    }
    rows!(
        META,
        ORGS,
        ACCOUNTS,
        ACCOUNT_BY_EMAIL,
        PROFILES,
        LINKS,
        ACTIVE_LINK_BY_MCID,
        ASSOCIATION_STARTS,
        AUDIT,
        SKILLS,
        TICKETS
    );
    Ok(h.finish())
}

/// A store error a person can act on: it says the file is damaged (or not a
/// certlink database) and where to go from there.
fn assert_clear(what: &str, e: &ServiceError) {
    // As the CLI says it: the store's message with the way to recovery.
    let text = certlink::cli::wording::service(e);
    let clear = match e {
        ServiceError::Store(StoreError::Corrupt(_) | StoreError::NotCertlink(_)) => {
            text.contains("certlink admin backup") || text.contains("certlink admin check")
        }
        ServiceError::Store(StoreError::NewerSchema { .. }) => true,
        // A flipped byte can look like a refusal or bad input (e.g. a damaged
        // password hash refuses the sign-in): still an answer, not a crash.
        ServiceError::Refused(_) | ServiceError::Invalid(_) => true,
        _ => false,
    };
    assert!(clear, "{what}: unclear error: {text}");
}

/// Flips 1 to 8 bytes at a random place of `original`; returns the offset.
fn damage(original: &[u8], rng: &mut Rng) -> (Vec<u8>, usize) {
    let mut bytes = original.to_vec();
    // Half the trials hit the first pages (header, roots), where damage shows most.
    let offset = if rng.chance(2) {
        rng.below(16 * 1024.min(bytes.len() as u64)) as usize
    } else {
        rng.below(bytes.len() as u64) as usize
    };
    let run = (rng.below(8) + 1) as usize;
    for b in bytes.iter_mut().skip(offset).take(run) {
        *b ^= (rng.below(255) + 1) as u8;
    }
    (bytes, offset)
}

#[derive(Debug, Default)]
struct Tally {
    refused_at_open: u32,
    read_errors: u32,
    integrity_failed: u32,
    clean_and_identical: u32,
    sign_in_answered: u32,
}

/// One damaged copy through the service. Panics (test failure) on a panic
/// inside certlink or an unclear error.
fn try_damaged(path: &Path, original_print: u64, tally: &mut Tally, what: &str) {
    let stage = |name: &'static str| STAGE.with(|s| s.set(name));
    stage("open");
    let mut service = match Service::open(path, Environment::default()) {
        Ok(s) => s,
        Err(e) => {
            assert_clear(what, &e);
            tally.refused_at_open += 1;
            return;
        }
    };
    stage("test's read of every table");
    let print = try_fingerprint(service.store());
    if print.is_err() {
        tally.read_errors += 1;
    }
    stage("service: check_invariants");
    match service.check_invariants() {
        Ok(_) => {}
        Err(e) => assert_clear(&format!("{what}, invariants"), &e),
    }
    stage("service: check_integrity");
    match service.check_integrity() {
        Ok(true) => {
            if let Ok(print) = print {
                assert_eq!(
                    print, original_print,
                    "{what}: the file passes the integrity check but reads differently"
                );
                tally.clean_and_identical += 1;
            }
        }
        Ok(false) => tally.integrity_failed += 1,
        Err(e) => {
            assert_clear(&format!("{what}, integrity"), &e);
            tally.integrity_failed += 1;
        }
    }
    stage("service: sign_in and profile");
    match service.sign_in("ada@contoso.com", "certlink-demo", &SignInSource::Local) {
        Ok(session) => {
            if let Err(e) = service.profile(&session) {
                assert_clear(&format!("{what}, profile"), &e);
            }
            tally.sign_in_answered += 1;
        }
        Err(e) => assert_clear(&format!("{what}, sign-in"), &e),
    }
}

#[test]
fn flipped_bytes_give_a_clear_error_or_a_correct_answer_never_a_panic() {
    let trials = std::env::var("CERTLINK_CORRUPTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(160u64);
    let dir = tempfile::tempdir().unwrap();
    let original_path = dir.path().join("demo.redb");
    let (service, _) = certlink_core::demo::build(&original_path, now()).expect("demo database");
    let original_print = try_fingerprint(service.store()).expect("the original reads");
    drop(service);
    let original = std::fs::read(&original_path).unwrap();

    let mut rng = Rng::new(
        std::env::var("CERTLINK_CORRUPTION_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(8),
    );
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    let mut redb_panics = Vec::new();
    let mut panicking_copies = Vec::new();
    let path = dir.path().join("damaged.redb");
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(place));
    }));
    for trial in 0..trials {
        let (bytes, offset) = damage(&original, &mut rng);
        std::fs::write(&path, &bytes).unwrap();
        let what = format!("trial {trial}, bytes flipped at offset {offset}");
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            try_damaged(&path, original_print, &mut tally, &what)
        }));
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let place = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_default();
            if place.contains("/redb-") {
                // The storage engine itself, reading a damaged page: the front
                // ends contain it (src/cli/panics.rs), see the binary test below.
                let stage = STAGE.with(|s| s.get());
                redb_panics.push(format!("{what}, in {stage}: {message} at {place}"));
                if panicking_copies.len() < 3 {
                    panicking_copies.push(bytes);
                }
            } else {
                failures.push(format!("{what}: {message} at {place}"));
            }
        }
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "corruption: {trials} damaged copies of a {} KiB demo database: {tally:?}; \
         {} redb panics while reading (contained by the front ends), {} failures",
        original.len() / 1024,
        redb_panics.len(),
        failures.len()
    );
    for p in &redb_panics {
        eprintln!("  redb panicked: {p}");
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Copies on which redb panics while reading: the binary still answers with
    // a message and an exit code, never a panic.
    let mut contained = 0;
    for bytes in &panicking_copies {
        std::fs::write(&path, bytes).unwrap();
        // The person's commands first: `admin check` lets redb repair what it can.
        for (n, args) in [
            vec!["--as", "ada@contoso.com", "profile"],
            vec!["--as", "ada@contoso.com", "report", "skills"],
            vec!["admin", "check"],
        ]
        .into_iter()
        .enumerate()
        {
            let out = Command::cargo_bin("certlink")
                .unwrap()
                .args(["--db", path.to_str().unwrap(), "--now", &later(n)])
                .args(&args)
                .env("CERTLINK_PASSWORD", "certlink-demo")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "certlink {args:?}: {stderr}");
            let code = out.status.code();
            assert!(
                code == Some(0)
                    || code == Some(1)
                    || (code == Some(3) && stderr.contains("certlink admin check")),
                "certlink {args:?} exit {code:?}: {stderr}"
            );
            if stderr.contains("certlink stopped on an unexpected error") {
                contained += 1;
            }
            eprintln!(
                "  a redb-panicking copy, certlink {args:?}: exit {code:?} {}",
                stderr.trim()
            );
        }
    }
    eprintln!(
        "corruption: {} redb-panicking copies through the binary, {contained} panics contained at the CLI boundary",
        panicking_copies.len()
    );
}

thread_local! {
    /// Which step of `try_damaged` runs (named in a panic report).
    static STAGE: std::cell::Cell<&'static str> = const { std::cell::Cell::new("") };
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

#[test]
fn the_binary_answers_a_damaged_file_with_a_message_and_an_exit_code_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let original_path = dir.path().join("demo.redb");
    Command::cargo_bin("certlink")
        .unwrap()
        .args([
            "--db",
            original_path.to_str().unwrap(),
            "--now",
            NOW,
            "demo",
        ])
        .args(["--format", "json"])
        .assert()
        .success();
    let original = std::fs::read(&original_path).unwrap();
    let mut rng = Rng::new(80);
    let mut exits = std::collections::BTreeMap::new();
    for trial in 0..16 {
        let (bytes, offset) = damage(&original, &mut rng);
        let path = dir.path().join(format!("damaged-{trial}.redb"));
        std::fs::write(&path, &bytes).unwrap();
        // The person's command first: `admin check` lets redb repair what it can.
        for (n, args) in [
            vec!["--as", "ada@contoso.com", "profile"],
            vec!["admin", "check"],
        ]
        .into_iter()
        .enumerate()
        {
            let out = Command::cargo_bin("certlink")
                .unwrap()
                .args(["--db", path.to_str().unwrap(), "--now", &later(n)])
                .args(&args)
                .env("CERTLINK_PASSWORD", "certlink-demo")
                .env("RUST_BACKTRACE", "0")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let what = format!("trial {trial} (offset {offset}), certlink {args:?}: {stderr}");
            let code = out.status.code().unwrap_or(-1);
            assert!(
                !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
                "{what}"
            );
            assert!([0, 1, 3].contains(&code), "exit {code}: {what}");
            if code == 3 {
                assert!(
                    stderr.contains("certlink admin check")
                        || stderr.contains("certlink admin backup"),
                    "{what}"
                );
            }
            *exits.entry(code).or_insert(0) += 1;
        }
    }
    eprintln!("corruption through the binary: exit codes {exits:?}");
}
