//! The article's FAQ scenarios and the bad-input promises, through the real binary.
//! Each test builds its own sandbox with `certlink demo --now T0` and moves the
//! clock forward with `--now` on every later command (it may never go back).

use std::cell::Cell;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const T0: &str = "2026-11-23T12:00:00Z";

/// A demo sandbox in a temp dir, and a clock that steps one minute per command.
struct Sandbox {
    _dir: tempfile::TempDir,
    db: PathBuf,
    minutes: Cell<i64>,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.redb");
        bin()
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
        Sandbox {
            _dir: dir,
            db,
            minutes: Cell::new(0),
        }
    }

    /// The next instant, one minute after the previous command's.
    fn next_now(&self) -> String {
        self.minutes.set(self.minutes.get() + 1);
        let t = chrono::DateTime::parse_from_rfc3339(T0).unwrap()
            + chrono::TimeDelta::minutes(self.minutes.get());
        t.to_rfc3339()
    }

    /// `certlink --db DB --now NEXT --as EMAIL ARGS` with the demo passwords set.
    fn as_person(&self, email: &str, args: &[&str]) -> Command {
        let mut c = bin();
        c.args([
            "--db",
            self.db.to_str().unwrap(),
            "--now",
            &self.next_now(),
            "--as",
            email,
        ])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .env("CERTLINK_MCID_PASSWORD", "learn-demo-pass")
        .env("CERTLINK_PU_PASSWORD", "pu-demo-pass")
        .args(args);
        c
    }

    fn operator(&self, args: &[&str]) -> Command {
        let mut c = bin();
        c.args(["--db", self.db.to_str().unwrap(), "--now", &self.next_now()])
            .args(args);
        c
    }

    fn profile_json(&self, email: &str) -> Value {
        let out = self
            .as_person(email, &["--format", "json", "profile"])
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    }
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_certlink"));
    c.env_remove("CERTLINK_PASSWORD")
        .env_remove("CERTLINK_MCID_PASSWORD")
        .env_remove("CERTLINK_PU_PASSWORD")
        .env_remove("CERTLINK_NEW_PASSWORD")
        .env("NO_COLOR", "1");
    c
}

fn json_of(out: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[test]
fn demo_json_lists_sign_ins() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.redb");
    let out = bin()
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
    let v = json_of(&out);
    let accounts = v["accounts"].as_array().unwrap();
    assert!(accounts.len() >= 25, "about 30 accounts");
    assert!(
        accounts.iter().any(|a| a["status"] == "deleted"),
        "a departed person (R12)"
    );
    assert!(accounts.iter().any(|a| a["status"] == "invited"));
    assert!(accounts.iter().any(|a| {
        a["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "global-admin")
    }));
    assert_eq!(v["support"].as_array().unwrap().len(), 2);
    let profiles = v["profiles"].as_array().unwrap();
    assert!(
        profiles.iter().any(|p| p["linked_mpn_id"].is_null()),
        "some profiles not yet linked"
    );
    // R4: one PU email equals a profile's sign-in email.
    let pu_emails: Vec<_> = v["pu_accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["email"].clone())
        .collect();
    assert!(profiles.iter().any(|p| pu_emails.contains(&p["email"])));
}

#[test]
fn faq_moving_to_company_b_unlinks_company_a() {
    let s = Sandbox::new();
    // Frances's MCID is linked to Fabrikam through her old account.
    let old = s.profile_json("frances@fabrikam.com");
    assert_eq!(old["linked_mpn_id"], 2345678);
    // Principle 9: a move says what it does first; with no one to ask (no
    // terminal) and no --yes, nothing changes.
    s.as_person(
        "frances@northwind.com",
        &["link", "--mcid-email", "frances.allen@learn.example.com"],
    )
    .assert()
    .code(2)
    .stderr(predicate::str::contains(
        "Moving it here ends that link now (R6)",
    ))
    .stderr(predicate::str::contains(
        "The move starts a new association (R9): 2 of 3",
    ))
    .stderr(predicate::str::contains(
        "not moved: confirm on a terminal, or pass --yes",
    ));
    assert_eq!(
        s.profile_json("frances@fabrikam.com")["linked_mpn_id"],
        2345678
    );
    s.as_person(
        "frances@northwind.com",
        &[
            "link",
            "--mcid-email",
            "frances.allen@learn.example.com",
            "--yes",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "previous organization's link ended",
    ));
    let new = s.profile_json("frances@northwind.com");
    assert_eq!(new["linked_mpn_id"], 3456789);
    assert_eq!(new["associations_used"], 2);
    // R6/R9: the old account keeps showing the MCID and its counts, but no link.
    let old = s.profile_json("frances@fabrikam.com");
    assert_eq!(old["linked_mpn_id"], Value::Null);
    assert_eq!(old["mcid"], 10000008);
    assert_eq!(old["associations_used"], 2);
    // R16: Fabrikam's Global Admin sees the move, but not where it went (invariant 4).
    let out = s
        .as_person(
            "tim@fabrikam.com",
            &["--format", "json", "history", "--mcid", "10000008"],
        )
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("another organization"), "{text}");
    assert!(
        !text.contains("3456789"),
        "Northwind's MPN ID leaked to Fabrikam: {text}"
    );
    assert!(
        !text.contains("frances@northwind.com"),
        "Northwind's account leaked to Fabrikam: {text}"
    );
    s.operator(&["admin", "check"]).assert().success();
}

#[test]
fn faq_limit_is_refused_with_the_next_allowed_date() {
    let s = Sandbox::new();
    let p = s.profile_json("alan@contoso.com");
    assert_eq!(p["associations_used"], 3);
    assert_eq!(p["next_allowed_association"], "2027-01-27T12:00:00+00:00");
    s.as_person("alan@contoso.com", &["unlink"])
        .assert()
        .success();
    let out = s
        .as_person(
            "alan@contoso.com",
            &[
                "--format",
                "json",
                "link",
                "--mcid-email",
                "alan.turing@learn.example.com",
            ],
        )
        .assert()
        .code(1);
    let e = &json_of(&out)["error"];
    assert_eq!(e["code"], "limit_reached");
    assert_eq!(e["rule"], "R9");
    assert_eq!(e["next_allowed"], "2027-01-27T12:00:00+00:00");
    // The human message says what to do, with the date and the countdown.
    s.as_person(
        "alan@contoso.com",
        &["link", "--mcid-email", "alan.turing@learn.example.com"],
    )
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "Limit reached: 3 of 3 associations used since 2026-01-27.",
    ))
    .stderr(predicate::str::contains(
        "2027-01-27 12:00 UTC (in 65 days)",
    ));
    // After unlinking, the profile still shows the counts and the date (R9).
    let p = s.profile_json("alan@contoso.com");
    assert_eq!(p["mcid"], 10000001);
    assert_eq!(p["linked_mpn_id"], Value::Null);
    assert_eq!(p["associations_used"], 3);
}

#[test]
fn faq_cool_off_is_refused_with_the_date() {
    let s = Sandbox::new();
    s.as_person("margaret@contoso.com", &["unlink"])
        .assert()
        .success();
    let out = s
        .as_person(
            "margaret@contoso.com",
            &[
                "--format",
                "json",
                "link",
                "--mcid-email",
                "margaret.hamilton@learn.example.com",
            ],
        )
        .assert()
        .code(1);
    let e = &json_of(&out)["error"];
    assert_eq!(e["code"], "cool_off");
    assert_eq!(e["next_allowed"], "2026-12-13T12:00:00+00:00");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("We require a period of 30 days between associations")
    );
}

#[test]
fn faq_an_admin_cannot_link_for_someone_else() {
    let s = Sandbox::new();
    // There is no way to name another person: no such option, no operator command.
    s.as_person(
        "ada@contoso.com",
        &[
            "link",
            "--mcid-email",
            "edsger.dijkstra@learn.example.com",
            "--account",
            "edsger@contoso.com",
        ],
    )
    .assert()
    .code(2);
    s.operator(&["admin", "link", "--mcid", "10000012"])
        .assert()
        .code(2);
    // Support engineers are outside every organization: refused (R8).
    let out = s
        .as_person(
            "sam@support.example.com",
            &[
                "--format",
                "json",
                "link",
                "--mcid-email",
                "edsger.dijkstra@learn.example.com",
            ],
        )
        .env("CERTLINK_PASSWORD", "support-demo")
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "not_permitted");
    // And an admin without the profile's password gets nowhere (R8).
    s.as_person(
        "ada@contoso.com",
        &["link", "--mcid-email", "edsger.dijkstra@learn.example.com"],
    )
    .env("CERTLINK_MCID_PASSWORD", "guessing")
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "Wrong certification profile email or password",
    ));
}

#[test]
fn faq_departed_person_is_removed_from_the_report() {
    let s = Sandbox::new();
    // Linus's account is deleted but his MCID is still linked to Contoso (R12).
    // Removal is only for departed people: Alan is still here.
    let out = s
        .as_person(
            "ada@contoso.com",
            &[
                "--format", "json", "report", "remove", "--mcid", "10000001", "--yes",
            ],
        )
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "account_still_active");
    // A Partner Admin may not; another organization's Global Admin learns nothing.
    s.as_person(
        "grace@contoso.com",
        &["report", "remove", "--mcid", "10000003", "--yes"],
    )
    .assert()
    .code(1);
    let out = s
        .as_person(
            "tim@fabrikam.com",
            &[
                "--format", "json", "report", "remove", "--mcid", "10000003", "--yes",
            ],
        )
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "not_found");
    s.as_person(
        "ada@contoso.com",
        &["report", "remove", "--mcid", "10000003", "--yes"],
    )
    .assert()
    .success();
    let out = s
        .as_person(
            "ada@contoso.com",
            &["--format", "json", "history", "--mcid", "10000003"],
        )
        .assert()
        .success();
    let entries = json_of(&out)["entries"].as_array().unwrap().clone();
    assert_eq!(entries[0]["action"], "report-remove");
    assert_eq!(entries[0]["outcome"], "done");
    // R12: the removal cost nothing: one association start, as before.
    let out = s
        .operator(&["--format", "json", "history", "--mcid", "10000003"])
        .assert()
        .success();
    let all = json_of(&out)["entries"].as_array().unwrap().clone();
    assert_eq!(
        all.iter()
            .filter(|e| e["action"] == "link" && e["outcome"] == "done")
            .count(),
        1
    );
    s.operator(&["admin", "check"]).assert().success();
}

#[test]
fn faq_rehired_account_takes_over_without_a_new_association() {
    let s = Sandbox::new();
    s.as_person(
        "linus.torvalds@contoso.com",
        &["link", "--mcid-email", "linus.torvalds@learn.example.com"],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains("no new association was used"));
    let p = s.profile_json("linus.torvalds@contoso.com");
    assert_eq!(p["linked_mpn_id"], 1234567);
    assert_eq!(
        p["associations_used"], 1,
        "still only the original association (R6)"
    );
    assert_eq!(p["next_allowed_association"], Value::Null);
}

#[test]
fn r4_r2_pu_access_and_profile_link_round_trip() {
    let s = Sandbox::new();
    s.as_person(
        "edsger@contoso.com",
        &["pu", "grant", "--username", "guido.r"],
    )
    .assert()
    .success();
    // R2: the same PU account cannot be held by another active account.
    let out = s
        .as_person(
            "guido@northwind.com",
            &["--format", "json", "pu", "grant", "--username", "guido.r"],
        )
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "pu_held_elsewhere");
    s.as_person("edsger@contoso.com", &["pu", "remove"])
        .assert()
        .success();
    s.as_person(
        "guido@northwind.com",
        &["pu", "grant", "--username", "guido.r"],
    )
    .assert()
    .success();
    // R4: link, then "already linked here", then R7 remove access without a password.
    s.as_person(
        "edsger@contoso.com",
        &["link", "--mcid-email", "edsger.dijkstra@learn.example.com"],
    )
    .assert()
    .success();
    let out = s
        .as_person(
            "edsger@contoso.com",
            &[
                "--format",
                "json",
                "link",
                "--mcid-email",
                "edsger.dijkstra@learn.example.com",
            ],
        )
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "already_linked_here");
    let out = s
        .as_person(
            "edsger@contoso.com",
            &[
                "--format",
                "json",
                "link",
                "--mcid-email",
                "dennis.ritchie@learn.example.com",
            ],
        )
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "unlink_first");
    s.as_person("edsger@contoso.com", &["unlink"])
        .env_remove("CERTLINK_MCID_PASSWORD")
        .assert()
        .success();
    s.operator(&["admin", "check"]).assert().success();
}

#[test]
fn r12_r17_departures_and_roles() {
    let s = Sandbox::new();
    // R17: the last active Global Admin keeps the role.
    let out = s
        .as_person(
            "ada@contoso.com",
            &[
                "--format",
                "json",
                "role",
                "revoke",
                "ada@contoso.com",
                "global-admin",
            ],
        )
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "last_global_admin");
    s.as_person(
        "ada@contoso.com",
        &["role", "grant", "grace@contoso.com", "global-admin"],
    )
    .assert()
    .success();
    s.as_person(
        "ada@contoso.com",
        &["role", "revoke", "ada@contoso.com", "global-admin"],
    )
    .assert()
    .success();
    // Ada is no longer a Global Admin: she cannot delete accounts.
    s.as_person(
        "ada@contoso.com",
        &["user", "delete", "barbara@contoso.com", "--yes"],
    )
    .assert()
    .code(1);
    // R12: deleting keeps the link; the person cannot sign in any more.
    s.as_person(
        "grace@contoso.com",
        &["user", "delete", "barbara@contoso.com", "--yes"],
    )
    .assert()
    .success();
    s.as_person("barbara@contoso.com", &["profile"])
        .assert()
        .code(1);
    let out = s
        .operator(&["--format", "json", "history", "--mcid", "10000004"])
        .assert()
        .success();
    let entries = json_of(&out)["entries"].as_array().unwrap().clone();
    assert_eq!(entries[0]["action"], "user-delete");
    assert!(
        !entries
            .iter()
            .any(|e| e["action"] == "unlink" || e["action"] == "report-remove"),
        "deleting did not touch the link"
    );
    let out = s
        .as_person(
            "grace@contoso.com",
            &["--format", "json", "history", "--mcid", "10000004"],
        )
        .assert()
        .success();
    let entries = json_of(&out)["entries"].as_array().unwrap().clone();
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "link" && e["outcome"] == "done")
    );
    // A Global Admin cannot delete someone of another organization.
    s.as_person(
        "grace@contoso.com",
        &["user", "delete", "tim@fabrikam.com", "--yes"],
    )
    .assert()
    .code(1);
}

#[test]
fn r1_wrong_passwords_are_throttled_then_locked_and_the_operator_unlocks() {
    let s = Sandbox::new();
    s.operator(&["admin", "settings", "set", "failure_window_minutes", "60"])
        .assert()
        .success();
    let wrong = |s: &Sandbox| {
        // Two minutes apart: past the per-source delay (at most a minute).
        s.next_now();
        s.as_person("john@fabrikam.com", &["--format", "json", "profile"])
            .env("CERTLINK_PASSWORD", "nope-nope")
            .assert()
            .code(1)
    };
    // The account locks after 10 failures within the window.
    for _ in 0..10 {
        assert_eq!(json_of(&wrong(&s))["error"]["code"], "wrong_credentials");
    }
    let out = s
        .as_person("john@fabrikam.com", &["--format", "json", "profile"])
        .assert()
        .code(1);
    assert_eq!(
        json_of(&out)["error"]["code"],
        "locked",
        "even the right password is refused while locked"
    );

    s.operator(&["admin", "unlock", "john@fabrikam.com"])
        .assert()
        .success();
    s.as_person("john@fabrikam.com", &["profile"])
        .assert()
        .success();
    // Unknown people get the same answer as a wrong password.
    let out = s
        .as_person("nobody@contoso.com", &["--format", "json", "profile"])
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "wrong_credentials");
    // From one source, attempts in quick succession are slowed down first: the
    // fourth failure within a second is throttled (system clock, no --now).
    let quick = || {
        bin()
            .args([
                "--db",
                s.db.to_str().unwrap(),
                "--as",
                "john@fabrikam.com",
                "--format",
                "json",
                "profile",
            ])
            .env("CERTLINK_PASSWORD", "nope-nope")
            .assert()
            .code(1)
    };
    let codes: Vec<String> = (0..4)
        .map(|_| {
            json_of(&quick())["error"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(codes[..3], ["wrong_credentials"; 3]);
    assert_eq!(codes[3], "throttled", "{codes:?}");
}

#[test]
fn r13_temporary_password_must_be_changed_first() {
    let s = Sandbox::new();
    let out = s
        .as_person("donald@contoso.com", &["--format", "json", "profile"])
        .env("CERTLINK_PASSWORD", "temporary-demo")
        .assert()
        .code(1);
    assert_eq!(json_of(&out)["error"]["code"], "password_change_required");
    s.as_person("donald@contoso.com", &["password", "change"])
        .env("CERTLINK_PASSWORD", "temporary-demo")
        .env("CERTLINK_NEW_PASSWORD", "donalds-own-pass")
        .assert()
        .success();
    s.as_person("donald@contoso.com", &["profile"])
        .env("CERTLINK_PASSWORD", "donalds-own-pass")
        .assert()
        .success();
    // Operator recovery: a temporary password, shown once.
    let out = s
        .operator(&[
            "--format",
            "json",
            "admin",
            "reset-password",
            "ada@contoso.com",
        ])
        .assert()
        .success();
    let temp = json_of(&out)["temporary_password"]
        .as_str()
        .unwrap()
        .to_string();
    s.as_person("ada@contoso.com", &["profile"])
        .env("CERTLINK_PASSWORD", &temp)
        .assert()
        .code(1);
}

fn write_junk(path: &Path) {
    std::fs::write(
        path,
        b"definitely not a redb file, just text that is long enough",
    )
    .unwrap();
}

#[test]
fn bad_input_gets_a_clear_error_and_the_right_exit_code() {
    let s = Sandbox::new();
    // Malformed ids: exit 2, nothing changed.
    s.as_person("ada@contoso.com", &["report", "remove", "--mcid", "12ab"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("malformed MCID"));
    s.as_person("ada@contoso.com", &["link", "--mcid-email", "not-an-email"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("malformed email"));
    s.operator(&["admin", "org", "add", "--mpn-id", "12", "--name", "Tiny"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("6 to 10 digits"));
    bin()
        .args([
            "--db",
            s.db.to_str().unwrap(),
            "--as",
            "not an email",
            "profile",
        ])
        .env("CERTLINK_PASSWORD", "x")
        .assert()
        .code(2);
    // No password and no terminal: say which variable to set.
    bin()
        .args([
            "--db",
            s.db.to_str().unwrap(),
            "--as",
            "ada@contoso.com",
            "profile",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("CERTLINK_PASSWORD"));
    // The clock never goes back; --now must be RFC 3339.
    bin()
        .args([
            "--db",
            s.db.to_str().unwrap(),
            "--now",
            "2020-01-01T00:00:00Z",
            "admin",
            "settings",
            "show",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("before the last recorded event"));
    bin()
        .args([
            "--db",
            s.db.to_str().unwrap(),
            "--now",
            "yesterday",
            "admin",
            "settings",
            "show",
        ])
        .assert()
        .code(2);
    // Settings are validated; a sandbox may use a cheap hash.
    s.operator(&["admin", "settings", "set", "association_limit", "0"])
        .assert()
        .code(2);
    s.operator(&["admin", "settings", "set", "argon2_memory_kib", "512"])
        .assert()
        .success();

    let dir = tempfile::tempdir().unwrap();
    // Not a certlink database, missing file, missing directory: exit 3.
    let junk = dir.path().join("junk.redb");
    write_junk(&junk);
    bin()
        .args(["--db", junk.to_str().unwrap(), "admin", "settings", "show"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not a certlink database"));
    bin()
        .args([
            "--db",
            dir.path().join("none.redb").to_str().unwrap(),
            "admin",
            "settings",
            "show",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("certlink init"));
    bin()
        .args([
            "--db",
            dir.path().join("no/dir/x.redb").to_str().unwrap(),
            "admin",
            "settings",
            "show",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("directory"));
    // demo refuses to reset anything that is not a sandbox.
    bin()
        .args(["--db", junk.to_str().unwrap(), "demo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to reset"));
}

#[test]
fn a_database_held_by_another_process_is_named_as_such() {
    let s = Sandbox::new();
    let _held = certlink_core::store::Store::open(&s.db).unwrap();
    s.as_person("ada@contoso.com", &["profile"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "in use by another certlink process",
        ))
        .stderr(predicate::str::contains("ssh"));
}

#[test]
fn init_makes_a_real_database_that_refuses_sandbox_only_things() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.redb");
    let db_s = db.to_str().unwrap();
    bin()
        .args([
            "--db",
            db_s,
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
    // Refuses an existing file.
    bin()
        .args([
            "--db",
            db_s,
            "init",
            "--org-name",
            "X",
            "--mpn-id",
            "7654321",
            "--admin-email",
            "x@contoso.com",
        ])
        .env("CERTLINK_PASSWORD", "a-strong-password")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("already exists"));
    // --now and cheap hashes are for sandboxes only.
    bin()
        .args(["--db", db_s, "--now", T0, "admin", "settings", "show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sandbox"));
    bin()
        .args([
            "--db",
            db_s,
            "admin",
            "settings",
            "set",
            "argon2_memory_kib",
            "1024",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("OWASP"));
    bin()
        .args(["--db", db_s, "demo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("real certlink database"));
    // The admin signs in (argon2id at the OWASP cost) and sees the profile.
    let out = bin()
        .args([
            "--db",
            db_s,
            "--as",
            "admin@contoso.com",
            "--format",
            "json",
            "profile",
        ])
        .env("CERTLINK_PASSWORD", "a-strong-password")
        .assert()
        .success();
    assert_eq!(json_of(&out)["mpn_id"], 1234567);
    // Operator commands register profiles and PU accounts; passwords never echo.
    bin()
        .args([
            "--db",
            db_s,
            "admin",
            "profile",
            "add",
            "--mcid",
            "555",
            "--email",
            "p@learn.example.com",
        ])
        .env("CERTLINK_MCID_PASSWORD", "profile-pass")
        .assert()
        .success()
        .stdout(predicate::str::contains("profile-pass").not());
    bin()
        .args(["--db", db_s, "admin", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("all hold"));
    // The file never contains a password in clear (invariant 5).
    let bytes = std::fs::read(&db).unwrap();
    let hay = String::from_utf8_lossy(&bytes);
    assert!(!hay.contains("a-strong-password") && !hay.contains("profile-pass"));
}

/// A JSON refusal with this "code rule" whose message mentions `mentions`.
fn assert_refused(out: &assert_cmd::assert::Assert, code_rule: &str, mentions: &str) {
    let e = &json_of(out)["error"];
    let got = format!(
        "{} {}",
        e["code"].as_str().unwrap(),
        e["rule"].as_str().unwrap()
    );
    assert_eq!(got, code_rule, "{e}");
    assert!(e["message"].as_str().unwrap().contains(mentions), "{e}");
}

/// `operator` and `as_person` with the arguments as one line of words
/// (none has a space of its own).
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// R13a through the binary, the two cases of issue 13: Fabrikam's Global Admin
/// can neither invite `evil@contoso.com` nor re-address an invitation to a
/// departed Contoso person's email (`barbara@contoso.com`, MCID still linked);
/// each is exit 1 with a code and rule for scripts and changes nothing; and
/// Contoso still invites Barbara again (R12).
#[test]
fn r13a_another_organizations_addresses_cannot_be_taken() {
    let s = Sandbox::new();
    let tim = |line: &str| s.as_person("tim@fabrikam.com", &words(line));
    s.as_person(
        "ada@contoso.com",
        &words("user delete barbara@contoso.com --yes"),
    )
    .assert()
    .success();
    let out = tim("--format json user invite evil@contoso.com --name Evil --role global-admin")
        .assert()
        .code(1);
    assert_refused(&out, "outside_domains R13a", "fabrikam.com");
    tim("user invite new@fabrikam.com --name New")
        .assert()
        .success();
    tim("user resend new@fabrikam.com --email barbara@contoso.com")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("refused (R13a)").and(predicate::str::contains(
                "not in one of your organization's email domains",
            )),
        );
    let out = tim("--format json user list").assert().success();
    let emails: Vec<String> = json_of(&out)["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["email"].as_str().unwrap().to_string())
        .collect();
    assert!(emails.contains(&"new@fabrikam.com".to_string()));
    assert!(
        emails.iter().all(|e| e.ends_with("@fabrikam.com")),
        "{emails:?}"
    );
    s.as_person(
        "ada@contoso.com",
        &words("user invite barbara@contoso.com --name Barbara"),
    )
    .assert()
    .success();
    s.operator(&["admin", "check"]).assert().success();
}

/// R13a, the operator's domain commands: add, list (table and JSON), refuse a
/// malformed domain (exit 2) and another owner's (exit 1), refuse removing a
/// domain live accounts use (naming how many), and keep support engineers in
/// the support domains.
#[test]
fn r13a_the_operator_manages_each_organizations_domains() {
    let s = Sandbox::new();
    let op = |line: &str| s.operator(&words(line));
    let refused = |line: &str, says: &str| {
        op(line)
            .env("CERTLINK_PASSWORD", "a-long-password")
            .assert()
            .code(1)
            .stderr(predicate::str::contains(says));
    };
    op("admin org domain add --mpn-id 1234567 contoso.co.uk")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Domain contoso.co.uk added to organization 1234567.",
        ));
    let out = op("--format json admin org domain list --mpn-id 1234567")
        .assert()
        .success();
    let list = json_of(&out);
    let listed: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["contoso.co.uk", "contoso.com"]);
    op("admin org domain list").assert().success().stdout(
        predicate::str::contains("fabrikam.com")
            .and(predicate::str::contains("support.example.com")),
    );
    op("admin org domain add --mpn-id 2345678 con_toso.com")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("malformed domain"));
    let out = op("--format json admin org domain add --mpn-id 2345678 contoso.com")
        .assert()
        .code(1);
    assert_refused(&out, "domain_taken R13a", "organization 1234567");
    refused(
        "admin org domain remove --mpn-id 1234567 contoso.com",
        "live account(s) still use contoso.com",
    );
    op("admin org domain remove --mpn-id 1234567 contoso.co.uk")
        .assert()
        .success();
    // A new organization with its domain in one command.
    op("admin org add --mpn-id 4567890 --name Tailspin --domain tailspin.example")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Its email domains: tailspin.example.",
        ));
    refused(
        "admin org add --mpn-id 5678901 --name Late --domain fabrikam.com",
        "fabrikam.com belongs to organization 2345678",
    );
    // Support engineers: only in a support domain, which no organization has.
    refused(
        "admin support add eve@contoso.com --name Eve",
        "not in a support domain",
    );
    op("admin support domain add help.example.com")
        .assert()
        .success();
    op("admin support add eve@help.example.com --name Eve")
        .env("CERTLINK_PASSWORD", "a-long-password")
        .assert()
        .success();
    refused(
        "admin support domain remove help.example.com",
        "1 live account(s) still use help.example.com",
    );
    refused(
        "admin org domain add --mpn-id 1234567 help.example.com",
        "belongs to the support engineers",
    );
    op("admin support domain list")
        .assert()
        .success()
        .stdout(predicate::str::contains("help.example.com"));
    op("admin check").assert().success();
}

/// R13a: `init` gives the first organization the admin email's domain and any
/// `--domain`; an admin email whose domain is no domain name is refused before
/// anything is created.
#[test]
fn r13a_init_sets_up_the_first_domains() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.redb");
    let db_s = db.to_str().unwrap();
    let init = |email: &str, extra: &[&str]| {
        let mut c = bin();
        c.args([
            "--db",
            db_s,
            "--format",
            "json",
            "init",
            "--org-name",
            "Contoso Ltd",
        ])
        .args(["--mpn-id", "1234567", "--admin-email", email])
        .args(extra)
        .env("CERTLINK_PASSWORD", "a-strong-password");
        c
    };
    init("admin@con_toso.com", &[]).assert().code(2);
    assert!(!db.exists(), "nothing created");
    init("admin@contoso.com", &["--domain", "bad_domain.com"])
        .assert()
        .code(2);
    assert!(!db.exists(), "nothing created");
    // Lower case, each once.
    let out = init(
        "admin@contoso.com",
        &["--domain", "Contoso.CO.UK", "--domain", "contoso.com"],
    )
    .assert()
    .success();
    assert_eq!(
        json_of(&out)["domains"],
        serde_json::json!(["contoso.com", "contoso.co.uk"])
    );
    bin()
        .args([
            "--db", db_s, "admin", "org", "domain", "list", "--mpn-id", "1234567",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("contoso.co.uk").and(predicate::str::contains("contoso.com")),
        );
}
