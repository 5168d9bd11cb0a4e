//! Admin and support commands through the real binary (R12–R15), JSON and exit codes.

use crate::cli_harness::{bare, json};
use crate::sandbox_clock;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use sandbox_clock::{T0, next_now};

/// The binary on a sandbox, at the next instant of this file's clock.
fn bin(db: &Path) -> Command {
    let mut c = bare(db);
    c.args(["--now", &next_now()]);
    c
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.redb");
    bare(&db)
        .args(["--now", T0, "demo", "--format", "json"])
        .assert()
        .success();
    // An empty config file: no SMTP, messages stay in the Maildir outbox.
    std::fs::write(db.with_extension("config.toml"), "").unwrap();
    (dir, db)
}

fn as_(db: &Path, email: &str) -> Command {
    let mut c = bin(db);
    let pw = if email.contains("support") {
        "support-demo"
    } else {
        "certlink-demo"
    };
    c.args(["--as", email]).env("CERTLINK_PASSWORD", pw);
    c
}

#[test]
fn invite_queues_sign_in_details_and_resend_replaces_them() {
    let (_d, db) = demo();
    let out = as_(&db, "ada@contoso.com")
        .args([
            "--format",
            "json",
            "user",
            "invite",
            "hire@contoso.com",
            "--name",
            "New Hire",
            "--role",
            "partner-admin",
        ])
        .assert()
        .success();
    let inv = json(&out);
    let temp = inv["temporary_password"].as_str().unwrap().to_string();
    assert!(
        inv["delivery"]
            .as_str()
            .unwrap()
            .contains("queued in the outbox")
    );
    // The message is a file in the Maildir beside the database, with the details.
    let new_dir = db.with_extension("outbox").join("new");
    let files: Vec<_> = std::fs::read_dir(&new_dir).unwrap().collect();
    assert_eq!(files.len(), 1);
    let file = files[0].as_ref().unwrap().path();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("hire@contoso.com") && text.contains(&temp));
    // The message's file name holds the server's process id and host name:
    // the admin is not told it (issue 13).
    let name = file.file_name().unwrap().to_str().unwrap().to_string();
    let said = inv.to_string();
    let unique = name.split('.').next().unwrap();
    assert!(!said.contains(unique), "{said} names {name}");
    // The admin's list shows the pending invitation.
    let out = as_(&db, "ada@contoso.com")
        .args(["--format", "json", "user", "list"])
        .assert()
        .success();
    let list = json(&out);
    let hire = list["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == "hire@contoso.com")
        .unwrap()
        .clone();
    assert_eq!(hire["status"], "invited");
    // Resend: the old temporary password stops working.
    as_(&db, "ada@contoso.com")
        .args(["user", "resend", "hire@contoso.com"])
        .assert()
        .success();
    bin(&db)
        .args(["--as", "hire@contoso.com", "profile"])
        .env("CERTLINK_PASSWORD", &temp)
        .assert()
        .code(1);
    // Bad input: an email in use, a malformed email, a deleted account.
    as_(&db, "ada@contoso.com")
        .args(["user", "invite", "alan@contoso.com", "--name", "A"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already has"));
    as_(&db, "ada@contoso.com")
        .args(["user", "invite", "nope", "--name", "A"])
        .assert()
        .code(2);
    as_(&db, "ada@contoso.com")
        .args(["user", "resend", "linus@contoso.com"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("deleted"));
    // A user cannot invite.
    as_(&db, "alan@contoso.com")
        .args(["user", "invite", "x@contoso.com", "--name", "X"])
        .assert()
        .code(1);
}

#[test]
fn support_lookup_tickets_and_merge() {
    let (_d, db) = demo();
    let out = as_(&db, "sam@support.example.com")
        .args(["--format", "json", "lookup", "margaret"])
        .assert()
        .success();
    assert_eq!(json(&out)["people"].as_array().unwrap().len(), 2);
    as_(&db, "sam@support.example.com")
        .args(["lookup", "--person", "edsger@contoso.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains("wrong_credentials"));
    as_(&db, "ada@contoso.com")
        .args(["lookup", "alan"])
        .assert()
        .code(1);

    let out = as_(&db, "edsger@contoso.com")
        .args([
            "--format",
            "json",
            "ticket",
            "open",
            "--category",
            "mcid-merge",
            "--description",
            "Two profiles",
        ])
        .assert()
        .success();
    let id = json(&out)["id"].as_u64().unwrap().to_string();
    as_(&db, "sam@support.example.com")
        .args(["ticket", "reply", &id, "--message", "Merging them"])
        .assert()
        .success();
    as_(&db, "sam@support.example.com")
        .args(["ticket", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("waiting on user"));
    as_(&db, "alan@contoso.com")
        .args(["ticket", "show", &id])
        .assert()
        .code(1);
    as_(&db, "edsger@contoso.com")
        .args(["ticket", "resolve", &id])
        .assert()
        .code(1);
    as_(&db, "sam@support.example.com")
        .args(["ticket", "resolve", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("resolved"));

    // Without a terminal a merge needs --yes; the preview is still shown.
    as_(&db, "sam@support.example.com")
        .args(["mcid", "merge", "--from", "10000012", "--into", "10000014"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Surviving link"))
        .stderr(predicate::str::contains("--yes"));
    // Edsger and Dennis are two people: --yes alone is refused (issue 15, principle 8).
    as_(&db, "sam@support.example.com")
        .args([
            "mcid", "merge", "--from", "10000012", "--into", "10000014", "--yes",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--different-people"));
    as_(&db, "sam@support.example.com")
        .args([
            "mcid",
            "merge",
            "--from",
            "10000012",
            "--into",
            "10000014",
            "--yes",
            "--different-people",
        ])
        .assert()
        .success();
    as_(&db, "sam@support.example.com")
        .args([
            "mcid", "merge", "--from", "10000014", "--into", "10000014", "--yes",
        ])
        .assert()
        .code(1);
    as_(&db, "sam@support.example.com")
        .args([
            "mcid", "merge", "--from", "10000014", "--into", "99999", "--yes",
        ])
        .assert()
        .code(1);
    as_(&db, "ada@contoso.com")
        .args([
            "mcid", "merge", "--from", "10000015", "--into", "10000016", "--yes",
        ])
        .assert()
        .code(1);
    bin(&db).args(["admin", "check"]).assert().success();
}

/// Issue 13, part 4: under a umask that would let everyone read them, the
/// database, its data directory and a backup are created for their owner
/// alone, and `admin check` warns about a database others can read.
#[cfg(unix)]
#[test]
fn the_database_and_its_backups_are_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let permissive = |args: &[&str]| {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg("umask 000; exec \"$@\"")
            .arg("sh")
            .arg(env!("CARGO_BIN_EXE_certlink"))
            .args(args)
            .env("XDG_DATA_HOME", &data)
            .env("NO_COLOR", "1");
        c
    };
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // No --db: the demo makes the data directory and its sandbox in it.
    permissive(&["--now", T0, "demo", "--format", "json"])
        .assert()
        .success();
    let db = data.join("certlink/demo.redb");
    assert_eq!(mode(&db), 0o600, "the database");
    assert_eq!(mode(&data.join("certlink")), 0o700, "the data directory");
    let backup = dir.path().join("copy.redb");
    let db_arg = db.to_str().unwrap();
    permissive(&[
        "--db",
        db_arg,
        "admin",
        "backup",
        "--to",
        backup.to_str().unwrap(),
    ])
    .assert()
    .success();
    assert_eq!(mode(&backup), 0o600, "the backup");
    let restored = dir.path().join("restored.redb");
    permissive(&[
        "--db",
        restored.to_str().unwrap(),
        "admin",
        "restore",
        "--from",
        backup.to_str().unwrap(),
    ])
    .assert()
    .success();
    assert_eq!(mode(&restored), 0o600, "the restored copy");
    permissive(&["--db", db_arg, "admin", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("warning").not());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    permissive(&["--db", db_arg, "admin", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "warning: {db_arg} can be read by other users"
        )));
    let out = permissive(&["--db", db_arg, "--format", "json", "admin", "check"])
        .assert()
        .success();
    assert_eq!(json(&out)["warnings"].as_array().unwrap().len(), 1);
}

/// Issue 13, part 6: a directory given as the database is named as such, not
/// taken for a damaged file to restore.
#[test]
fn a_directory_as_the_database_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["admin", "check"][..], &["admin", "settings", "show"]] {
        bare(dir.path())
            .args(args)
            .assert()
            .code(3)
            .stderr(predicate::str::contains(format!(
                "{} is a directory, not a database file",
                dir.path().display()
            )))
            .stderr(predicate::str::contains("backup").not());
    }
}
