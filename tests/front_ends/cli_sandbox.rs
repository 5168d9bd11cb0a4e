//! Principle 7 (issue 15): sandboxes never surprise. `demo` run again reopens
//! the sandbox as it was, only `demo --reset` makes a fresh one, and a clock
//! moved ahead with `--now` is named in the output.

use crate::cli_harness::{bare, json};
use crate::sandbox_clock::{T0, next_now};

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn demo_json(db: &Path, extra: &[&str]) -> Value {
    json(
        &bare(db)
            .args(["--now", &next_now(), "--format", "json", "demo"])
            .args(extra)
            .assert()
            .success(),
    )
}

fn ada(db: &Path) -> Command {
    let mut c = bare(db);
    c.args(["--now", &next_now(), "--as", "ada@contoso.com"])
        .env("CERTLINK_PASSWORD", "certlink-demo");
    c
}

fn new_sandbox() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.redb");
    bare(&db)
        .args(["--now", T0, "--format", "json", "demo"])
        .assert()
        .success();
    (dir, db)
}

fn emails_of_users(db: &Path) -> Vec<String> {
    let v = json(
        &ada(db)
            .args(["--format", "json", "user", "list"])
            .assert()
            .success(),
    );
    v["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["email"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn p7_demo_again_reopens_the_sandbox_as_it_was_and_reset_is_explicit() {
    let (_dir, db) = new_sandbox();
    // The seen case: an invitation, a removal (R12) and a ticket.
    ada(&db)
        .args([
            "user",
            "invite",
            "new.person@contoso.com",
            "--name",
            "New Person",
        ])
        .assert()
        .success();
    ada(&db)
        .args(["report", "remove", "--mcid", "10000003", "--yes"])
        .assert()
        .success();
    ada(&db)
        .args([
            "ticket",
            "open",
            "--category",
            "other",
            "--description",
            "kept?",
        ])
        .assert()
        .success();
    let again = demo_json(&db, &[]);
    assert_eq!(again["reopened"], true, "{again}");
    assert!(emails_of_users(&db).contains(&"new.person@contoso.com".to_string()));
    let tickets = json(
        &ada(&db)
            .args(["--format", "json", "ticket", "list"])
            .assert()
            .success(),
    );
    assert_eq!(tickets["tickets"].as_array().unwrap().len(), 1, "{tickets}");
    // The listing says what is true now: Linus's MCID is no longer linked.
    let linus = again["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["mcid"] == 10000003)
        .unwrap();
    assert!(linus["linked_mpn_id"].is_null(), "{linus}");
    // In text too, it says it reopened and how to get a fresh one.
    bare(&db)
        .args(["--now", &next_now(), "demo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("reopened"))
        .stdout(predicate::str::contains("certlink demo --reset"));
    // --reset: a fresh sandbox, the invitation gone.
    let fresh = demo_json(&db, &["--reset"]);
    assert_eq!(fresh["reopened"], false);
    assert!(!emails_of_users(&db).contains(&"new.person@contoso.com".to_string()));
    // A generated sandbox is never built over an existing one without --reset.
    bare(&db)
        .args(["--now", &next_now(), "demo", "--people", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--reset"));
}

/// A count of people past what the generator is built for (or none) is a
/// usage error before any work: no file is created.
#[test]
fn demo_refuses_a_count_of_people_it_cannot_generate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("huge.redb");
    for count in ["100000001", "0", "many"] {
        bare(&db)
            .args(["--now", T0, "demo", "--people", count])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "expected a whole number from 1 to 100000000",
            ));
    }
    assert!(!db.exists(), "nothing was generated");
}

#[test]
fn p7_demo_neither_reopens_nor_resets_what_is_not_a_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.redb");
    bare(&real)
        .args([
            "init",
            "--org-name",
            "Contoso Ltd",
            "--mpn-id",
            "1234567",
            "--admin-email",
            "admin@contoso.com",
        ])
        .env("CERTLINK_PASSWORD", "a-strong-password")
        .assert()
        .success();
    for extra in [&[][..], &["--reset"]] {
        bare(&real)
            .arg("demo")
            .args(extra)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("real certlink database"));
    }
    // Still the real database, untouched.
    bare(&real)
        .args(["admin", "settings", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Sandbox").not());
}

#[test]
fn p7_demo_help_and_the_readme_name_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = bare(&dir.path().join("x.redb"))
        .args(["demo", "--help"])
        .assert()
        .success();
    let help = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let path = "~/.local/share/certlink/demo.redb";
    assert!(help.contains(path), "demo --help names {path}:\n{help}");
    assert!(readme.contains(path), "the README names {path}");
    assert!(help.contains("--reset"), "{help}");
}

#[test]
fn p7_a_clock_moved_ahead_is_named_on_stderr_and_in_json() {
    // A sandbox whose clock is behind this machine's says nothing. 2020 is
    // behind any machine these tests run on (CI moves the wall clock by at
    // most 400 days back from today).
    let dir = tempfile::tempdir().unwrap();
    let behind = dir.path().join("behind.redb");
    let past = "2020-01-01T12:00:00Z";
    bare(&behind)
        .args(["--now", past, "--format", "json", "demo"])
        .assert()
        .success();
    bare(&behind)
        .args(["--as", "ada@contoso.com", "profile"])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .assert()
        .success()
        .stderr(predicate::str::contains("sandbox clock").not());
    let (_dir, db) = new_sandbox();
    // One command far ahead; every later one runs after it.
    let ahead = "2099-01-01T10:00:00Z";
    bare(&db)
        .args(["--now", ahead, "--as", "ada@contoso.com", "profile"])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .assert()
        .success();
    let later = || {
        let mut c = bare(&db);
        c.args(["--as", "ada@contoso.com"])
            .env("CERTLINK_PASSWORD", "certlink-demo");
        c
    };
    let out = later().arg("profile").assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("sandbox clock: 2099-01-01 10:0"),
        "the note names the sandbox's date: {stderr}"
    );
    assert!(stderr.contains("ahead of this machine's clock"), "{stderr}");
    // Standard output stays the table scripts parse.
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(!stdout.contains("sandbox clock"), "{stdout}");
    // JSON: a key, and nothing on stderr.
    let out = later()
        .args(["--format", "json", "profile"])
        .assert()
        .success();
    let v = json(&out);
    assert!(
        v["sandbox_clock"]["now"]
            .as_str()
            .unwrap()
            .starts_with("2099-01-01T10:0"),
        "{v}"
    );
    assert!(out.get_output().stderr.is_empty());
    // Operator commands say it too.
    bare(&db)
        .args(["admin", "settings", "show"])
        .assert()
        .success()
        .stderr(predicate::str::contains("sandbox clock: 2099-01-01"));
}
