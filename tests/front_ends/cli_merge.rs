//! `mcid merge` and `history` through the real binary (issue 15): the preview
//! flags two different people and asks for an explicit confirmation (principle 8,
//! R15), and a merge that ends an organization's link is in that organization's
//! history (principle 11, R16). Each sandbox runs on its own `--now` clock.

use std::cell::Cell;
use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use super::tui_pty::Session;

const T0: &str = "2026-11-23T12:00:00Z";

struct Sandbox {
    dir: tempfile::TempDir,
    db: PathBuf,
    minutes: Cell<i64>,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.redb");
        let s = Sandbox {
            dir,
            db,
            minutes: Cell::new(0),
        };
        s.operator(&["demo", "--format", "json"]).assert().success();
        s
    }

    /// One minute after the previous command (the sandbox's clock never goes back).
    fn next_now(&self) -> String {
        self.minutes.set(self.minutes.get() + 1);
        let t = chrono::DateTime::parse_from_rfc3339(T0).unwrap()
            + chrono::TimeDelta::minutes(self.minutes.get());
        t.to_rfc3339()
    }

    fn operator(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_certlink"));
        c.env_remove("CERTLINK_PASSWORD")
            .env("NO_COLOR", "1")
            .args(["--db", self.db.to_str().unwrap(), "--now", &self.next_now()])
            .args(args);
        c
    }

    fn as_(&self, email: &str, args: &[&str]) -> Command {
        let password = if email.contains("support") {
            "support-demo"
        } else {
            "certlink-demo"
        };
        let mut c = self.operator(&["--as", email]);
        c.env("CERTLINK_PASSWORD", password).args(args);
        c
    }

    fn sam(&self, args: &[&str]) -> Command {
        self.as_("sam@support.example.com", args)
    }

    /// Whether Edsger's profile is merged: the preview then refuses (exit 1)
    /// instead of asking (exit 2).
    fn edsger_merged(&self) -> bool {
        self.sam(EDSGER_INTO_DENNIS).output().unwrap().status.code() == Some(1)
    }
}

const EDSGER_INTO_DENNIS: &[&str] = &["mcid", "merge", "--from", "10000012", "--into", "10000014"];

fn with(base: &[&str], more: &[&str]) -> Vec<String> {
    base.iter().chain(more).map(|s| s.to_string()).collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The README's example: Edsger's profile into Dennis's. The preview warns; in a
/// script `--yes` alone is refused and changes nothing; `--different-people` says
/// the warning was read.
#[test]
fn r15_merging_edsger_into_dennis_warns_and_needs_the_extra_flag() {
    let s = Sandbox::new();
    s.sam(EDSGER_INTO_DENNIS)
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"\nWarning +These may be two different people: ").unwrap())
        .stderr(predicate::str::contains(
            "the names differ (Edsger Dijkstra / Dennis Ritchie); the emails differ (edsger.dijkstra@learn.example.com / dennis.ritchie@learn.example.com).",
        ))
        .stderr(predicate::str::contains("--yes --different-people"));
    let yes = with(EDSGER_INTO_DENNIS, &["--yes"]);
    s.sam(&args(&yes))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not merged: These may be two different people",
        ))
        .stderr(predicate::str::contains(
            "pass --different-people with --yes",
        ));
    // Nothing changed: the same preview is still offered, not "already merged".
    s.sam(EDSGER_INTO_DENNIS)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already merged").not());
    let out = s
        .sam(&args(&with(
            &["--format", "json"],
            &with(EDSGER_INTO_DENNIS, &["--yes", "--different-people"])
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )))
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["preview"]["different_people"], true);
    assert_eq!(v["preview"]["differences"][0]["field"], "name");
    assert_eq!(v["preview"]["differences"][0]["into"], "Dennis Ritchie");
    assert_eq!(v["preview"]["differences"][1]["field"], "email");
    assert!(s.edsger_merged());
    s.operator(&["admin", "check"]).assert().success();
}

/// `--help` documents the flag; the JSON preview (on the error stream, so the
/// output stays one JSON value) carries the differences; counts are in the right
/// number ("1 link", "1 association start").
#[test]
fn r15_the_preview_in_json_and_its_english() {
    let s = Sandbox::new();
    s.sam(&["mcid", "merge", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--different-people"))
        .stdout(predicate::str::contains("names"));
    let json = with(&["--format", "json"], EDSGER_INTO_DENNIS);
    let out = s.sam(&args(&json)).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let preview: Value = serde_json::from_str(&err).unwrap_or_else(|e| panic!("{e}: {err}"));
    assert_eq!(
        preview["preview"]["differences"][1]["from"],
        "edsger.dijkstra@learn.example.com"
    );
    let stdout: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(stdout["error"]["code"], "invalid");

    // Ken's profile (one link, ended; one start) into Alan's.
    s.sam(&["mcid", "merge", "--from", "10000007", "--into", "10000001"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1 link, 1 association start"))
        .stderr(predicate::str::contains("1 links").not())
        .stderr(predicate::str::contains("1 association starts").not());
}

/// On a terminal a different-people merge asks for a typed word: "y" keeps the
/// profiles apart, "merge" merges.
#[test]
fn r15_on_a_terminal_a_different_people_merge_needs_the_typed_word() {
    let s = Sandbox::new();
    let db = s.db.to_str().unwrap().to_string();
    let run = |now: String| {
        let mut pty = Session::start(
            s.dir.path(),
            &with(
                &[
                    "--db",
                    &db,
                    "--now",
                    &now,
                    "--as",
                    "sam@support.example.com",
                ],
                EDSGER_INTO_DENNIS,
            )
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
            120,
            40,
        );
        pty.wait_for("assword");
        pty.send("support-demo\r");
        pty.wait_for("Type merge to merge these two profiles anyway");
        pty
    };
    let mut first = run(s.next_now());
    assert!(first.screen().contains("These may be two different people"));
    first.send("y\r");
    assert!(!first.wait_exit(), "\"y\" is not the word");
    assert!(first.screen().contains("not merged"), "{}", first.screen());
    assert!(!s.edsger_merged());

    let mut second = run(s.next_now());
    second.send("merge\r");
    assert!(second.wait_exit(), "{}", second.screen());
    assert!(
        second
            .screen()
            .contains("MCID 10000012 merged into MCID 10000014")
    );
    assert!(s.edsger_merged());
}

/// The seen case of principle 11: support merges Margaret's duplicate, linked at
/// Contoso, into Radia's primary, linked at Fabrikam; Contoso's Global Admin reads
/// the end of its link in `history`, with Fabrikam hidden.
#[test]
fn r16_contosos_history_shows_the_merge_that_ended_its_link() {
    let s = Sandbox::new();
    s.sam(&[
        "mcid",
        "merge",
        "--from",
        "10000002",
        "--into",
        "10000006",
        "--yes",
        "--different-people",
    ])
    .assert()
    .success();
    for target in [
        ["--mcid", "10000006"],
        ["--mcid", "10000002"],
        ["--account", "margaret@contoso.com"],
    ] {
        let out = s
            .as_(
                "ada@contoso.com",
                &with(&["history"], &target)
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            )
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let merge_row = text
            .lines()
            .find(|l| l.contains("mcid-merge"))
            .unwrap_or_else(|| panic!("no merge in {target:?}:\n{text}"));
        assert!(
            merge_row.contains("another organization (from 1234567)"),
            "{merge_row}"
        );
        assert!(
            !text.contains("2345678") && !text.contains("Fabrikam"),
            "{text}"
        );
    }
}
