//! Principle 12 (issue 15): long operator commands end with a one-line summary
//! with the time taken, on standard error (standard output stays what scripts
//! parse); off a terminal and under JSON they draw no bar.

use crate::cli_harness::{bare, demo};
use crate::sandbox_clock::{T0, next_now};

use serde_json::Value;

/// The stderr line that starts with `name: ` and ends with "in N.N s".
fn summary_line(stderr: &[u8], name: &str) -> String {
    let text = String::from_utf8_lossy(stderr).to_string();
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no summary of {name} in {text:?}"));
    let seconds = line
        .rsplit_once(" in ")
        .and_then(|(_, t)| t.strip_suffix(" s"))
        .unwrap_or_else(|| panic!("no time taken in {line:?}"));
    assert!(seconds.parse::<f64>().is_ok(), "{line:?}");
    // No bar off a terminal: no carriage returns or cursor moves.
    assert!(!text.contains('\r') && !text.contains('\u{1b}'), "{text:?}");
    line.to_string()
}

#[test]
fn p12_check_backup_and_restore_end_with_a_summary_and_the_time_taken() {
    let (dir, db) = demo();
    let out = bare(&db)
        .args(["--now", &next_now(), "admin", "check"])
        .assert()
        .success();
    let line = summary_line(&out.get_output().stderr, "admin check");
    assert!(line.contains("every invariant holds"), "{line}");
    assert!(line.contains("7 stages"), "{line}");
    let backup = dir.path().join("copy.redb");
    let out = bare(&db)
        .args(["--now", &next_now(), "admin", "backup", "--to"])
        .arg(&backup)
        .assert()
        .success();
    assert!(summary_line(&out.get_output().stderr, "admin backup").contains("verified"));
    // Under JSON: standard output is the JSON alone; the summary stays on stderr.
    let out = bare(&db)
        .args(["--now", &next_now(), "--format", "json", "admin", "check"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["integrity_ok"], true);
    summary_line(&out.get_output().stderr, "admin check");
    // The restore last: it records its own instant, from the machine's clock.
    let out = bare(&db)
        .args(["admin", "restore", "--from"])
        .arg(&backup)
        .assert()
        .success();
    assert!(summary_line(&out.get_output().stderr, "admin restore").contains("restored"));
}

#[test]
fn p12_import_and_generation_end_with_a_summary() {
    let (dir, db) = demo();
    let file = dir.path().join("records.jsonl");
    std::fs::write(
        &file,
        "{\"mcid\": 10000001, \"kind\": \"exam\", \"skill_id\": \"AZ-900\", \"name\": \"Microsoft Azure Fundamentals\", \"date\": \"2026-10-01\", \"passed\": true}\n",
    )
    .unwrap();
    let out = bare(&db)
        .args(["--now", &next_now(), "import"])
        .arg(&file)
        .assert();
    let out = out.success();
    assert!(summary_line(&out.get_output().stderr, "import").contains("1 rows read"));
    let many = dir.path().join("many.redb");
    let out = bare(&many)
        .args(["--now", T0, "demo", "--people", "50"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("Generated 50 people in "), "{stderr}");
}
