//! Reports, competencies and imports through the real binary (R10, R11, R18).

use crate::sandbox_clock;

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use sandbox_clock::{T0, next_now};
use serde_json::Value;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/examples")
        .join(name)
}

/// The binary on a sandbox, at the next instant of this file's clock.
fn bin(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_certlink"));
    c.env_remove("CERTLINK_PASSWORD")
        .env("NO_COLOR", "1")
        .args(["--db", db.to_str().unwrap(), "--now", &next_now()]);
    c
}

/// Ada, Contoso's Global Admin, runs `args`.
fn ada(db: &Path, args: &[&str]) -> Command {
    let mut c = bin(db);
    c.args(["--as", "ada@contoso.com"])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .args(args);
    c
}

/// Ada's skills report as CSV in `dir/skills.csv`: what the command said on
/// standard error, and the file.
fn skills_csv_file(db: &Path, dir: &Path) -> (String, String) {
    let out_file = dir.join("skills.csv");
    let out = ada(
        db,
        &[
            "--format",
            "csv",
            "report",
            "skills",
            "--out",
            out_file.to_str().unwrap(),
        ],
    )
    .assert()
    .success();
    let said = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    (said, std::fs::read_to_string(&out_file).unwrap())
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.redb");
    Command::new(env!("CARGO_BIN_EXE_certlink"))
        .env_remove("CERTLINK_PASSWORD")
        .args([
            "--db",
            db.to_str().unwrap(),
            "--now",
            T0,
            "demo",
            "--format",
            "json",
        ])
        .assert()
        .success();
    (dir, db)
}

fn json(out: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn operator_and_support_import_and_a_second_import_changes_nothing() {
    let (_d, db) = demo();
    let file = example("learning-records.jsonl");
    let out = bin(&db)
        .args(["--format", "json", "import", file.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(json(&out)["added"], 5);
    let out = bin(&db)
        .args(["--format", "json", "import", file.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(
        (json(&out)["added"].clone(), json(&out)["unchanged"].clone()),
        (0.into(), 5.into())
    );
    // A support engineer, CSV on standard input.
    let csv = std::fs::read(example("learning-records.csv")).unwrap();
    bin(&db)
        .args(["--as", "sam@support.example.com", "import", "-"])
        .env("CERTLINK_PASSWORD", "support-demo")
        .write_stdin(csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("4 added"));
    // A Global Admin may not import.
    bin(&db)
        .args(["--as", "ada@contoso.com", "import", file.to_str().unwrap()])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .assert()
        .code(1);
    bin(&db).args(["admin", "check"]).assert().success();
}

#[test]
fn a_bad_row_names_its_line_and_nothing_is_written() {
    let (dir, db) = demo();
    let path = dir.path().join("bad.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, r#"{{"mcid": 10000012, "kind": "exam", "skill_id": "AZ-900", "name": "Fundamentals", "date": "2026-09-14", "passed": true}}"#).unwrap();
    writeln!(f, r#"{{"mcid": 10000012, "kind": "exam", "skill_id": "AZ-104", "name": "Administrator", "date": "2026-09-14"}}"#).unwrap();
    writeln!(f, r#"{{"mcid": 99999999, "kind": "exam", "skill_id": "AZ-104", "name": "Administrator", "date": "2026-09-14", "passed": true}}"#).unwrap();
    drop(f);
    bin(&db)
        .args(["import", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 2: an exam needs passed"));
    // Fix line 2: now line 3's unknown MCID stops the whole file.
    let text = std::fs::read_to_string(&path).unwrap().replace(
        r#""date": "2026-09-14"}"#,
        r#""date": "2026-09-14", "passed": false}"#,
    );
    std::fs::write(&path, text).unwrap();
    bin(&db)
        .args(["import", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "line 3: no MCID 99999999 is registered",
        ));
    bin(&db)
        .args(["import", dir.path().join("missing.csv").to_str().unwrap()])
        .assert()
        .code(2);
    // Nothing of it was written: importing the first line alone adds it.
    let first = dir.path().join("first.jsonl");
    std::fs::write(
        &first,
        std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    bin(&db)
        .args(["--format", "json", "import", first.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"added\": 1"));
}

#[test]
fn skills_report_for_admins_only_as_table_csv_and_json() {
    let (dir, db) = demo();
    let admin = |args: &[&str]| ada(&db, args);
    admin(&["report", "skills"])
        .assert()
        .success()
        .stdout(predicate::str::contains("deleted (still linked)"))
        .stdout(predicate::str::contains(
            "expected between 2026-11-27 and 2026-11-30",
        ))
        .stdout(predicate::str::contains("fabrikam").not());
    let (said, csv) = skills_csv_file(&db, dir.path());
    assert!(said.contains("rows written to"), "{said}");
    assert!(csv.starts_with("mpn_id,name,email,mcid,linked_since,account_status,kind,skill_id,skill,earned,expires,reflection,competencies\n"));
    assert!(
        csv.lines().skip(1).all(|l| l.starts_with("1234567,")),
        "only Contoso's rows"
    );
    let out = admin(&["--format", "json", "report", "skills"])
        .assert()
        .success();
    assert!(json(&out).as_array().unwrap().len() >= 10);
    let out = admin(&["--format", "json", "report", "users"])
        .assert()
        .success();
    let users = json(&out);
    let katherine = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "katherine@contoso.com")
        .unwrap()
        .clone();
    assert_eq!(
        (
            katherine["pu_access"].clone(),
            katherine["linked_learning_account"].clone()
        ),
        (true.into(), false.into())
    );
    // A plain user, a support engineer: refused, exit 1.
    bin(&db)
        .args(["--as", "alan@contoso.com", "report", "skills"])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .assert()
        .code(1);
    bin(&db)
        .args(["--as", "sam@support.example.com", "report", "users"])
        .env("CERTLINK_PASSWORD", "support-demo")
        .assert()
        .code(1);
    // CSV is for reports only.
    admin(&["--format", "csv", "profile"]).assert().code(2);
}

#[test]
fn competencies_and_learning_analytics() {
    let (_d, db) = demo();
    let admin = |email: &str, args: &[&str]| {
        let mut c = bin(&db);
        c.args(["--as", email])
            .env("CERTLINK_PASSWORD", "certlink-demo")
            .args(args);
        c
    };
    let out = admin(
        "grace@contoso.com",
        &["--format", "json", "competency", "list"],
    )
    .assert()
    .success();
    let list = json(&out)["competencies"].as_array().unwrap().clone();
    let infra = list
        .iter()
        .find(|c| c["id"] == "azure-infrastructure")
        .unwrap();
    assert_eq!(
        (
            infra["required"].clone(),
            infra["current"].clone(),
            infra["met"].clone()
        ),
        (2.into(), 2.into(), true.into())
    );
    // The operator redefines it: now 3 are needed.
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("c.toml");
    std::fs::write(
        &toml,
        std::fs::read_to_string(example("competencies.toml"))
            .unwrap()
            .replacen("required_individuals = 2", "required_individuals = 3", 1),
    )
    .unwrap();
    bin(&db)
        .args([
            "admin",
            "competency",
            "define",
            "--file",
            toml.to_str().unwrap(),
        ])
        .assert()
        .success();
    let out = admin(
        "grace@contoso.com",
        &["--format", "json", "competency", "list"],
    )
    .assert()
    .success();
    let list = json(&out)["competencies"].as_array().unwrap().clone();
    let infra = list
        .iter()
        .find(|c| c["id"] == "azure-infrastructure")
        .unwrap();
    assert_eq!(infra["met"], false);
    std::fs::write(
        &toml,
        "[[competency]]\nid = \"x\"\nname = \"X\"\nrequired_individuals = 0\nskills = [\"A\"]\n",
    )
    .unwrap();
    bin(&db)
        .args([
            "admin",
            "competency",
            "define",
            "--file",
            toml.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    // Learn analytics (R18).
    let out = admin(
        "ada@contoso.com",
        &[
            "--format",
            "json",
            "report",
            "learning",
            "--from",
            "2025-11-23",
            "--to",
            "2026-11-23",
        ],
    )
    .assert()
    .success();
    let rep = json(&out);
    assert_eq!(rep["trained_individuals"], 4);
    assert_eq!(rep["monthly"].as_array().unwrap().len(), 13);
    admin(
        "ada@contoso.com",
        &["report", "learning", "--from", "23/11/2025"],
    )
    .assert()
    .code(2);
    admin("alan@contoso.com", &["report", "learning"])
        .assert()
        .code(1);
}

/// Issue 13, part 5: a name a spreadsheet would run reaches both CSV exports
/// as text (a leading `'`), and JSON as it was typed.
#[test]
fn csv_exports_are_safe_to_open_in_a_spreadsheet() {
    let (dir, db) = demo();
    let formula = r#"=HYPERLINK("http://x.invalid","click")"#;
    let admin = |args: &[&str]| ada(&db, args);
    admin(&["user", "invite", "mallory@contoso.com", "--name", formula])
        .assert()
        .success();
    let users = admin(&["--format", "csv", "report", "users"])
        .assert()
        .success();
    let users = String::from_utf8(users.get_output().stdout.clone()).unwrap();
    let row = users
        .lines()
        .find(|l| l.starts_with("mallory@contoso.com,"))
        .unwrap();
    assert_eq!(
        row.split(',').nth(1).unwrap(),
        r#""'=HYPERLINK(""http://x.invalid"""#,
        "{row}"
    );
    // A skill name from a learning-records import, on Alan (linked to Contoso).
    let records = dir.path().join("hostile.jsonl");
    std::fs::write(
        &records,
        r#"{"mcid": 10000001, "kind": "exam", "skill_id": "AZ-900", "name": "@SUM(1+1)*cmd", "date": "2026-09-14", "passed": true}"#,
    )
    .unwrap();
    bin(&db)
        .args(["import", records.to_str().unwrap()])
        .assert()
        .success();
    let (_, skills) = skills_csv_file(&db, dir.path());
    assert!(skills.contains(",AZ-900,'@SUM(1+1)*cmd,"), "{skills}");
    assert!(!skills.contains(",@SUM"));
    let listed = admin(&["--format", "json", "report", "users"])
        .assert()
        .success();
    let mallory = json(&listed)
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "mallory@contoso.com")
        .unwrap()["name"]
        .clone();
    assert_eq!(mallory, formula);
}
