//! Issue 15, principle 10 (R9, Time): the next allowed association is enforced to the
//! second, so refusals and the profile give its moment in the display time zone, and
//! "in N days" counts calendar days in that zone, agreeing with the date shown.
//! Every instant here is computed from the sandbox's own `--now`, never today's date.

use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, TimeDelta, Utc};
use predicates::prelude::*;

const T0: &str = "2026-11-23T12:00:00Z";

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(T0)
        .unwrap()
        .with_timezone(&Utc)
}

fn bin(db: &Path, now: DateTime<Utc>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_certlink"));
    c.env_remove("CERTLINK_PASSWORD")
        .env_remove("CERTLINK_MCID_PASSWORD")
        .env("NO_COLOR", "1")
        .args(["--db", db.to_str().unwrap(), "--now", &now.to_rfc3339()]);
    c
}

fn as_margaret(db: &Path, now: DateTime<Utc>, args: &[&str]) -> Command {
    let mut c = bin(db, now);
    c.args(["--as", "margaret@contoso.com"])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .env("CERTLINK_MCID_PASSWORD", "learn-demo-pass")
        .args(args);
    c
}

/// A demo sandbox in which Margaret has unlinked: her cool-off (R9) ends 20 days
/// after T0, at 12:00 UTC, so a move at 00:05 that day is still refused.
fn sandbox_after_margaret_unlinks() -> (tempfile::TempDir, std::path::PathBuf, DateTime<Utc>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.redb");
    bin(&db, t0())
        .args(["demo", "--format", "json"])
        .assert()
        .success();
    as_margaret(&db, t0() + TimeDelta::minutes(1), &["unlink"])
        .assert()
        .success();
    let out = as_margaret(
        &db,
        t0() + TimeDelta::minutes(2),
        &["--format", "json", "profile"],
    )
    .assert()
    .success();
    let p: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let allowed = DateTime::parse_from_rfc3339(p["next_allowed_association"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc);
    (dir, db, allowed)
}

fn link(db: &Path, now: DateTime<Utc>) -> Command {
    as_margaret(
        db,
        now,
        &[
            "link",
            "--mcid-email",
            "margaret.hamilton@learn.example.com",
        ],
    )
}

/// The seen case: at 00:05 on the day named the refusal said "allowed on <that day>
/// (in 1 day)"; it now gives the hour and says "today".
#[test]
fn r9_a_refusal_at_00_05_on_the_day_named_gives_the_hour_and_today() {
    let (_dir, db, allowed) = sandbox_after_margaret_unlinks();
    let day_named = allowed.date_naive();
    let at_00_05 = day_named.and_hms_opt(0, 5, 0).unwrap().and_utc();
    assert!(at_00_05 < allowed, "the demo's cool-off ends after 00:05");
    let moment = allowed.format("%Y-%m-%d %H:%M UTC").to_string();
    link(&db, at_00_05)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "Your next association is allowed from {moment} (today)."
        )))
        .stderr(predicate::str::contains("in 1 day").not());
    // The profile says the same moment at the same instant.
    as_margaret(&db, at_00_05 + TimeDelta::minutes(1), &["profile"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{moment} (today)")));
}

/// 23:59 the day before is "in 1 day"; in a display zone ahead of UTC the moment and
/// the count follow that zone's calendar.
#[test]
fn r9_the_day_before_and_another_display_zone_agree_with_the_date_shown() {
    let (_dir, db, allowed) = sandbox_after_margaret_unlinks();
    let day_before = allowed.date_naive() - TimeDelta::days(1);
    let at_23_59 = day_before.and_hms_opt(23, 59, 0).unwrap().and_utc();
    let moment = allowed.format("%Y-%m-%d %H:%M UTC").to_string();
    link(&db, at_23_59)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("{moment} (in 1 day)")));

    bin(&db, at_23_59 + TimeDelta::minutes(1))
        .args([
            "admin",
            "settings",
            "set",
            "display_time_zone",
            "Asia/Tokyo",
        ])
        .assert()
        .success();
    // 00:01 UTC on the day named is 09:01 in Tokyo, the same calendar day as the
    // moment (21:00 JST when the cool-off ends at 12:00 UTC): today.
    let tokyo = chrono_tz::Asia::Tokyo;
    let now = at_23_59 + TimeDelta::minutes(2);
    let local = allowed
        .with_timezone(&tokyo)
        .format("%Y-%m-%d %H:%M JST")
        .to_string();
    let days = (allowed.with_timezone(&tokyo).date_naive()
        - now.with_timezone(&tokyo).date_naive())
    .num_days();
    let countdown = match days {
        0 => "today".to_string(),
        1 => "in 1 day".to_string(),
        n => format!("in {n} days"),
    };
    link(&db, now)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "allowed from {local} ({countdown})."
        )));
}
