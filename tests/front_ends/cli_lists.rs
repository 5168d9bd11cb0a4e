//! Principle 6, the CLI part (issue 15): lists never stop silently. A page
//! says where the next one starts, in table and JSON alike, and walking the
//! pages gives every row once.

use crate::cli_harness::{bare, demo, json};
use crate::sandbox_clock::{T0, next_now};

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn as_(db: &Path, email: &str) -> Command {
    let mut c = bare(db);
    let password = if email.ends_with("@support.example.com") {
        "support-demo"
    } else {
        "certlink-demo"
    };
    c.args(["--now", &next_now(), "--as", email])
        .env("CERTLINK_PASSWORD", password);
    c
}

/// Walks `args` page by page (`--limit limit`), collecting `key` of each row
/// of `rows`; returns them and the number of pages.
fn walk(
    db: &Path,
    who: &str,
    args: &[&str],
    rows: &str,
    key: &str,
    limit: &str,
) -> (Vec<Value>, usize) {
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut c = as_(db, who);
        c.args(["--format", "json"])
            .args(args)
            .args(["--limit", limit]);
        if let Some(a) = &after {
            c.args(["--after", a]);
        }
        let v = json(&c.assert().success());
        pages += 1;
        let page = v[rows].as_array().unwrap();
        assert!(page.len() <= limit.parse::<usize>().unwrap());
        seen.extend(page.iter().map(|r| r[key].clone()));
        match &v["next_after"] {
            Value::Null => break,
            Value::Number(n) => after = Some(n.to_string()),
            Value::String(s) => after = Some(s.clone()),
            other => panic!("next_after {other}"),
        }
        assert!(pages < 100, "the pages end");
    }
    (seen, pages)
}

#[test]
fn p6_ticket_list_pages_say_more_remain_and_reach_every_ticket() {
    let (_dir, db) = demo();
    for i in 0..5 {
        as_(&db, "edsger@contoso.com")
            .args([
                "ticket",
                "open",
                "--category",
                "linking",
                "--description",
                &format!("t{i}"),
            ])
            .assert()
            .success();
    }
    // The person's own tickets, newest first, two at a time.
    let (ids, pages) = walk(
        &db,
        "edsger@contoso.com",
        &["ticket", "list"],
        "tickets",
        "id",
        "2",
    );
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert_eq!(pages, 3);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), 5, "no ticket twice: {ids:?}");
    // Support's queue (the seen case): every ticket once, one at a time.
    let all = json(
        &as_(&db, "sam@support.example.com")
            .args(["--format", "json", "ticket", "list", "--limit", "1000"])
            .assert()
            .success(),
    );
    assert!(all["next_after"].is_null(), "one page holds them: {all}");
    let every: Vec<Value> = all["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    let (queue, _) = walk(
        &db,
        "sam@support.example.com",
        &["ticket", "list"],
        "tickets",
        "id",
        "1",
    );
    assert_eq!(queue, every);
    // The table says how to get the next page.
    as_(&db, "sam@support.example.com")
        .args(["ticket", "list", "--limit", "2"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("More rows remain").and(predicate::str::contains("--after ")),
        );
    // The last page says nothing more.
    as_(&db, "sam@support.example.com")
        .args(["ticket", "list", "--limit", "1000"])
        .assert()
        .success()
        .stdout(predicate::str::contains("More rows remain").not());
    // Bounded before any work; a cursor no page gave out is refused.
    as_(&db, "sam@support.example.com")
        .args(["ticket", "list", "--limit", "1001"])
        .assert()
        .code(2);
    as_(&db, "sam@support.example.com")
        .args(["ticket", "list", "--after", "x-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("next_after"));
}

#[test]
fn p6_history_pages_reach_the_oldest_entry() {
    let (_dir, db) = demo();
    let args = ["history", "--account", "alan@contoso.com"];
    let all = json(
        &as_(&db, "alan@contoso.com")
            .args(["--format", "json"])
            .args(args)
            .args(["--limit", "1000"])
            .assert()
            .success(),
    );
    let every: Vec<Value> = all["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].clone())
        .collect();
    assert!(every.len() > 3, "alan has a history: {all}");
    let (paged, pages) = walk(&db, "alan@contoso.com", &args, "entries", "seq", "2");
    // Each page signs alan in, which adds entries at the top; older ones all come.
    assert!(pages >= every.len() / 2);
    for seq in &every {
        assert!(paged.contains(seq), "entry {seq} reached");
    }
    as_(&db, "alan@contoso.com")
        .args(args)
        .args(["--limit", "2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("More rows remain"));
}

#[test]
fn p6_lookup_says_when_more_people_match_than_it_shows() {
    let (_dir, db) = demo();
    // Few match: all shown, and "more" is false.
    let v = json(
        &as_(&db, "sam@support.example.com")
            .args(["--format", "json", "lookup", "alan"])
            .assert()
            .success(),
    );
    assert_eq!(v["more"], false, "{v}");
    assert!(!v["people"].as_array().unwrap().is_empty());
}

#[test]
fn p6_lookup_of_many_says_more_match_in_table_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("many.redb");
    bare(&db)
        .args(["--now", T0, "--format", "json", "demo", "--people", "200"])
        .assert()
        .success();
    // Everyone of Contoso, by its MPN ID: more than a lookup shows.
    let v = json(
        &as_(&db, "sam@support.example.com")
            .args(["--format", "json", "lookup", "1234567"])
            .assert()
            .success(),
    );
    assert_eq!(v["more"], true, "{v}");
    as_(&db, "sam@support.example.com")
        .args(["lookup", "1234567"])
        .assert()
        .success()
        .stdout(predicate::str::contains("More people match"));
}

#[test]
fn p6_the_person_views_short_list_of_refusals_names_the_whole_trail() {
    let (_dir, db) = demo();
    as_(&db, "sam@support.example.com")
        .args(["lookup", "--person", "edsger@contoso.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "every entry: certlink history --account edsger@contoso.com",
        ));
}
