//! R6 asked before it is made, through the real binary on a terminal: the
//! move's lines, then a y/N question; "n" changes nothing, "y" moves. (With
//! no terminal, `--yes` is needed: `cli_faq::faq_moving_to_company_b_unlinks_company_a`.)

use serde_json::Value;

use super::tui_pty::Session;
use crate::cli_harness::{bare, demo, json};
use crate::sandbox_clock::next_now;

/// The MPN ID the MCID linked through `email` counts for, if any.
fn linked_mpn_id(db: &std::path::Path, email: &str) -> Value {
    let out = bare(db)
        .args([
            "--now",
            &next_now(),
            "--as",
            email,
            "--format",
            "json",
            "profile",
        ])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .assert()
        .success();
    json(&out)["linked_mpn_id"].clone()
}

#[test]
fn r6_on_a_terminal_a_move_shows_what_it_does_and_asks() {
    let (dir, db) = demo();
    let path = db.to_str().unwrap().to_string();
    // Frances's MCID is linked to Fabrikam through her old account.
    assert_eq!(linked_mpn_id(&db, "frances@fabrikam.com"), 2345678);
    let run = |answer: &str| {
        let now = next_now();
        let args = [
            "--db",
            &path,
            "--now",
            &now,
            "--as",
            "frances@northwind.com",
            "link",
            "--mcid-email",
            "frances.allen@learn.example.com",
        ];
        let env = [
            ("CERTLINK_PASSWORD", Some("certlink-demo")),
            ("CERTLINK_MCID_PASSWORD", None),
        ];
        let mut pty = Session::start_env(dir.path(), &args, 120, 40, &env);
        pty.wait_for("assword");
        pty.send("learn-demo-pass\r");
        pty.wait_for("Move MCID 10000008 to your organization? [y/N]");
        let screen = pty.screen();
        assert!(
            screen.contains("Moving it here ends that link now (R6)"),
            "{screen}"
        );
        assert!(screen.contains("(R3: 72 hours after the move)"), "{screen}");
        pty.send(answer);
        let ok = pty.wait_exit();
        (ok, pty.screen())
    };

    let (ok, screen) = run("n\r");
    assert!(!ok && screen.contains("not moved"), "{screen}");
    assert_eq!(linked_mpn_id(&db, "frances@fabrikam.com"), 2345678);

    let (ok, screen) = run("y\r");
    assert!(ok, "{screen}");
    assert!(
        screen.contains("previous organization's link ended"),
        "{screen}"
    );
    assert_eq!(linked_mpn_id(&db, "frances@northwind.com"), 3456789);
    assert_eq!(linked_mpn_id(&db, "frances@fabrikam.com"), Value::Null);
}
