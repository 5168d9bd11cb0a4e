//! Principle 1, the CLI part (issue 15): the cost before the act. `unlink`
//! says what it did to the allowance and from when linking is possible again;
//! `link` refuses before asking for the profile password when R9 holds the
//! MCID back, with the date.

use crate::cli_harness::{bare, demo, json};
use crate::sandbox_clock::next_now;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn as_(db: &Path, email: &str) -> Command {
    let mut c = bare(db);
    c.args(["--now", &next_now(), "--as", email])
        .env("CERTLINK_PASSWORD", "certlink-demo");
    c
}

/// The profile's next allowed association as the CLI prints dates (YYYY-MM-DD
/// in the demo's display time zone, UTC).
fn next_allowed_date(db: &Path, who: &str) -> (String, Value) {
    let v = json(
        &as_(db, who)
            .args(["--format", "json", "profile"])
            .assert()
            .success(),
    );
    let at = chrono::DateTime::parse_from_rfc3339(v["next_allowed_association"].as_str().unwrap())
        .unwrap();
    (at.format("%Y-%m-%d").to_string(), v)
}

#[test]
fn p1_unlink_says_what_it_did_to_the_allowance_and_from_when_linking_is_possible() {
    let (_dir, db) = demo();
    // The seen case: alan, at 3 of 3.
    let (date, before) = next_allowed_date(&db, "alan@contoso.com");
    as_(&db, "alan@contoso.com")
        .arg("unlink")
        .assert()
        .success()
        .stdout(predicate::str::contains("did not use an association"))
        .stdout(predicate::str::contains(format!(
            "{} of {} used",
            before["associations_used"], before["association_limit"]
        )))
        .stdout(predicate::str::contains(format!("again from {date}")))
        .stdout(predicate::str::contains("yearly limit reached"));
    // Margaret, inside her cool-off, in JSON.
    let (_, before) = next_allowed_date(&db, "margaret@contoso.com");
    let v = json(
        &as_(&db, "margaret@contoso.com")
            .args(["--format", "json", "unlink"])
            .assert()
            .success(),
    );
    assert_eq!(
        v["next_allowed_association"], before["next_allowed_association"],
        "{v}"
    );
    assert_eq!(v["next_association_blocked_by"], "cool_off");
    assert_eq!(v["associations_used"], before["associations_used"]);
}

#[test]
fn p1_link_refuses_before_the_password_when_r9_holds_the_mcid_back() {
    let (_dir, db) = demo();
    for (who, profile_email, code) in [
        (
            "alan@contoso.com",
            "alan.turing@learn.example.com",
            "limit_reached",
        ),
        (
            "margaret@contoso.com",
            "margaret.hamilton@learn.example.com",
            "cool_off",
        ),
    ] {
        let (date, _) = next_allowed_date(&db, who);
        as_(&db, who).arg("unlink").assert().success();
        // No password is set and there is no terminal: asking for it would
        // fail with "no terminal"; the refusal comes first, with the date.
        let out = as_(&db, who)
            .args(["--format", "json", "link", "--mcid-email", profile_email])
            .assert()
            .code(1);
        let v = json(&out);
        assert_eq!(v["error"]["code"], code, "{v}");
        assert_eq!(v["error"]["rule"], "R9");
        assert!(
            v["error"]["message"].as_str().unwrap().contains(&date),
            "{v}"
        );
        as_(&db, who)
            .args(["link", "--mcid-email", profile_email])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(&date))
            .stderr(predicate::str::contains("password").not());
    }
    // Someone R9 does not hold back is asked for the password as before.
    as_(&db, "edsger@contoso.com")
        .args(["link", "--mcid-email", "edsger.dijkstra@learn.example.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("password"));
}
