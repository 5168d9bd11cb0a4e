//! Principle 9 (issue 15): the command line as the best clap tools behave —
//! its help, its "not found" answers, its JSON, its confirmations.

use crate::cli_harness::{bare, demo, json};
use crate::sandbox_clock::next_now;

use std::path::Path;

use assert_cmd::Command;
use clap::CommandFactory;
use predicates::prelude::*;

/// `--as EMAIL` with the demo password, at the next instant of the test clock.
fn as_(db: &Path, email: &str) -> Command {
    let mut c = bare(db);
    let password = if email.ends_with("@support.example.com") {
        "support-demo"
    } else {
        "certlink-demo"
    };
    c.args(["--now", &next_now(), "--as", email])
        .env("CERTLINK_PASSWORD", password)
        .env("CERTLINK_MCID_PASSWORD", "learn-demo-pass");
    c
}

/// Every command of the tree, with its path of names.
fn every_command(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
    for sub in cmd.get_subcommands() {
        let name = format!("{path} {}", sub.get_name());
        out.push((name.clone(), sub.clone()));
        every_command(sub, name, out);
    }
}

#[test]
fn p9_every_option_and_argument_has_a_description() {
    let root = certlink::cli::args::Cli::command();
    let mut commands = vec![("certlink".to_string(), root.clone())];
    every_command(&root, "certlink".into(), &mut commands);
    let mut missing = Vec::new();
    for (name, cmd) in &commands {
        if cmd.get_about().is_none() {
            missing.push(format!("{name} (the command itself)"));
        }
        for arg in cmd.get_arguments() {
            if arg.get_id() == "help" || arg.get_id() == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{name} {}", arg.get_id()));
            }
        }
    }
    assert!(missing.is_empty(), "without a description: {missing:#?}");
}

#[test]
fn p9_help_lists_the_commands_own_options_before_the_global_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.redb");
    for args in [
        &["user", "delete", "--help"][..],
        &["history", "--help"],
        &["ticket", "list", "--help"],
    ] {
        let out = bare(&db).args(args).assert().success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let own = text.find("\nOptions:").expect("an Options heading");
        let global = text
            .find("\nGlobal options:")
            .expect("a Global options heading");
        assert!(own < global, "{args:?}: own options first:\n{text}");
        // The global ones are under their heading only.
        let db_at = text.find("--db <PATH>").unwrap();
        assert!(
            db_at > global,
            "{args:?}: --db under Global options:\n{text}"
        );
    }
}

#[test]
fn p9_unknown_mcids_and_emails_are_not_found_with_exit_1() {
    let (_dir, db) = demo();
    let cases: &[(&str, &[&str])] = &[
        ("ada@contoso.com", &["history", "--mcid", "99999999"]),
        (
            "ada@contoso.com",
            &["history", "--account", "nobody@contoso.com"],
        ),
        (
            "ada@contoso.com",
            &["user", "delete", "nobody@contoso.com", "--yes"],
        ),
        ("ada@contoso.com", &["user", "resend", "nobody@contoso.com"]),
        (
            "ada@contoso.com",
            &["report", "remove", "--mcid", "99999999", "--yes"],
        ),
        (
            "ada@contoso.com",
            &["role", "grant", "nobody@contoso.com", "partner-admin"],
        ),
        ("sam@support.example.com", &["lookup", "zzzz-nobody"]),
        (
            "sam@support.example.com",
            &["lookup", "--person", "nobody@contoso.com"],
        ),
        (
            "sam@support.example.com",
            &[
                "mcid", "merge", "--from", "99999999", "--into", "10000001", "--yes",
            ],
        ),
    ];
    for (who, args) in cases {
        let out = as_(&db, who)
            .args(["--format", "json"])
            .args(*args)
            .assert()
            .code(1);
        let v = json(&out);
        assert_eq!(v["error"]["code"], "not_found", "{args:?}: {v}");
        // And in table form: the words, not an empty table.
        as_(&db, who)
            .args(*args)
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("Not found"));
    }
    // The operator's paths too: an unknown email is exit 1, not a usage error.
    bare(&db)
        .args([
            "--now",
            &next_now(),
            "--format",
            "json",
            "key",
            "list",
            "nobody@contoso.com",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"not_found\""));
    bare(&db)
        .args(["--now", &next_now(), "history", "--mcid", "99999998"])
        .assert()
        .code(1);
}

#[test]
fn p9_profile_json_carries_what_the_table_shows_the_reason_included() {
    let (_dir, db) = demo();
    // Alan is at his yearly limit, Margaret inside her cool-off (README).
    for (who, reason, words) in [
        ("alan@contoso.com", "limit", "yearly limit reached"),
        ("margaret@contoso.com", "cool_off", "inside the cool-off"),
    ] {
        let v = json(
            &as_(&db, who)
                .args(["--format", "json", "profile"])
                .assert()
                .success(),
        );
        assert_eq!(v["next_association_blocked_by"], reason, "{v}");
        for key in [
            "name",
            "org_name",
            "roles",
            "profile_email",
            "linked_since",
            "window_since",
            "next_allowed_association",
        ] {
            assert!(!v[key].is_null(), "{who}: {key} missing in {v}");
        }
        as_(&db, who)
            .arg("profile")
            .assert()
            .success()
            .stdout(predicate::str::contains(words));
    }
    // Someone with nothing holding them back: the reason is null, not absent.
    let v = json(
        &as_(&db, "edsger@contoso.com")
            .args(["--format", "json", "profile"])
            .assert()
            .success(),
    );
    assert!(
        v.as_object()
            .unwrap()
            .contains_key("next_association_blocked_by")
    );
    assert!(v["next_association_blocked_by"].is_null());
}

#[test]
fn p9_usage_errors_are_json_under_format_json_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.redb");
    for args in [
        &["--format", "json", "user", "frobnicate"][..],
        &["--format=json", "history", "--mcid", "1", "--limit", "0"],
        &["ticket", "list", "--no-such-option", "--format", "json"],
    ] {
        let out = bare(&db).args(args).assert().code(2);
        let v = json(&out);
        assert_eq!(v["error"]["code"], "usage", "{args:?}: {v}");
        assert!(v["error"]["kind"].is_string(), "{v}");
        assert!(v["error"]["message"].as_str().unwrap().len() > 5, "{v}");
    }
    // Without JSON, clap's own text on stderr, still exit 2.
    bare(&db)
        .args(["user", "frobnicate"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("unrecognized subcommand"));
    // Help is not an error: text on stdout, exit 0, even with --format json.
    bare(&db)
        .args(["--format", "json", "user", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage:"));
}

#[test]
fn p9_user_delete_and_report_remove_confirm_or_take_yes() {
    let (_dir, db) = demo();
    // No terminal and no --yes: what it would do, and nothing changes.
    as_(&db, "ada@contoso.com")
        .args(["user", "delete", "katherine@contoso.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Delete account katherine@contoso.com",
        ))
        .stderr(predicate::str::contains("pass --yes"));
    as_(&db, "katherine@contoso.com")
        .arg("profile")
        .assert()
        .success();
    // Linus's old account was deleted with his MCID still linked (R12).
    let removable = "10000003";
    as_(&db, "ada@contoso.com")
        .args(["report", "remove", "--mcid", removable])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("costs the person no association"))
        .stderr(predicate::str::contains("pass --yes"));
    // A "no" on the input is no, too (and not on a terminal, so it is refused).
    as_(&db, "ada@contoso.com")
        .args([
            "--format",
            "json",
            "user",
            "delete",
            "katherine@contoso.com",
        ])
        .write_stdin("y\n")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("not deleted"));
    // --yes: done.
    as_(&db, "ada@contoso.com")
        .args(["user", "delete", "katherine@contoso.com", "--yes"])
        .assert()
        .success();
    as_(&db, "katherine@contoso.com")
        .arg("profile")
        .assert()
        .code(1);
}

#[test]
fn p9_what_a_destructive_command_would_refuse_comes_before_the_question() {
    let (_dir, db) = demo();
    // Not found without --yes: exit 1, and nothing is asked.
    as_(&db, "ada@contoso.com")
        .args(["user", "delete", "nobody@contoso.com"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Not found"))
        .stderr(predicate::str::contains("--yes").not());
    as_(&db, "ada@contoso.com")
        .args(["report", "remove", "--mcid", "99999999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--yes").not());
    // Not permitted: a plain user is refused before any question (R12).
    as_(&db, "alan@contoso.com")
        .args(["user", "delete", "katherine@contoso.com"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--yes").not());
    // The question names the person and what ends with the account.
    as_(&db, "ada@contoso.com")
        .args(["user", "delete", "alan@contoso.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Alan Turing"))
        .stderr(predicate::str::contains("MCID 10000001 stays linked"));
    as_(&db, "ada@contoso.com")
        .args(["report", "remove", "--mcid", "10000003"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Linus Torvalds"));
}

#[test]
fn p9_settings_json_carries_the_meanings_the_table_shows() {
    let (_dir, db) = demo();
    let v = json(
        &bare(&db)
            .args([
                "--now",
                &next_now(),
                "--format",
                "json",
                "admin",
                "settings",
                "show",
            ])
            .assert()
            .success(),
    );
    let settings = v["settings"].as_object().unwrap();
    let meanings = v["meanings"].as_object().unwrap();
    assert!(meanings.len() >= 10, "{v}");
    for key in meanings.keys() {
        assert!(!meanings[key].as_str().unwrap().is_empty());
    }
    // The table's MEANING column has the same words.
    let out = bare(&db)
        .args(["--now", &next_now(), "admin", "settings", "show"])
        .assert()
        .success();
    let table = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for meaning in meanings.values() {
        assert!(table.contains(meaning.as_str().unwrap()), "{meaning}");
    }
    assert!(!settings.is_empty());
}
