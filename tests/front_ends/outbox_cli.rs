//! `certlink outbox list|send` through the real binary (R13), with
//! `CERTLINK_CONFIG` pointing at a config file in a temp dir and SMTP going to a
//! tiny server on 127.0.0.1 that the test starts.

use crate::outbox_server;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use predicates::prelude::*;
use serde_json::Value;

use certlink_core::outbox::{Mailbox, Message, Outbox};
use outbox_server::SmtpServer;

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        Setup {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("certlink.redb")
    }

    fn outbox(&self) -> Outbox {
        Outbox::for_database(&self.db())
    }

    fn config(&self, text: &str) -> PathBuf {
        let path = self.dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    fn smtp_config(&self, port: u16) -> PathBuf {
        self.config(&format!(
            "[smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nfrom = \"certlink@example.com\"\ntimeout_secs = 5\n"
        ))
    }

    fn enqueue(&self, to: &str) -> String {
        let message = Message::new(
            Mailbox::new(None, "certlink@example.com").unwrap(),
            Mailbox::new(Some("Zoë"), to).unwrap(),
            "Your certlink sign-in – 登录",
            "Temporary password: Tmp-42\n",
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        );
        self.outbox().enqueue(&message).unwrap().0
    }

    /// `certlink --db DB ARGS` with the given config file.
    fn run(&self, config: &Path, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("certlink").unwrap();
        c.env("CERTLINK_CONFIG", config)
            .env("NO_COLOR", "1")
            .env_remove("CERTLINK_PASSWORD")
            .arg("--db")
            .arg(self.db())
            .args(args)
            .timeout(std::time::Duration::from_secs(60));
        c
    }

    fn list_json(&self, config: &Path) -> Value {
        let out = self
            .run(config, &["outbox", "list", "--format", "json"])
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    }
}

#[test]
fn list_shows_pending_messages_as_table_and_json() {
    let s = Setup::new();
    let config = s.config("");
    s.run(&config, &["outbox", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No messages"));
    let id = s.enqueue("zoe@contoso.com");
    s.run(&config, &["outbox", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("pending"))
        .stdout(predicate::str::contains("Zoë <zoe@contoso.com>"))
        .stdout(predicate::str::contains(&id));
    let json = s.list_json(&config);
    let m = &json["messages"][0];
    assert_eq!(m["id"], id.as_str());
    assert_eq!(m["state"], "pending");
    assert_eq!(m["subject"], "Your certlink sign-in – 登录");
    assert_eq!(m["attempts"], 0);
}

#[test]
fn without_smtp_send_explains_the_maildir_and_how_to_configure() {
    let s = Setup::new();
    let config = s.config("# no [smtp] section\n");
    s.enqueue("zoe@contoso.com");
    s.run(&config, &["outbox", "send"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Maildir outbox"))
        .stderr(predicate::str::contains("[smtp]"))
        .stderr(predicate::str::contains("password_env"));
    assert_eq!(s.list_json(&config)["messages"][0]["state"], "pending");
}

#[test]
fn send_delivers_over_smtp_and_a_451_is_retried_later() {
    let server = SmtpServer::start();
    let s = Setup::new();
    let config = s.smtp_config(server.port());
    let id = s.enqueue("zoe@contoso.com");

    server.fail_with_451(true);
    s.run(&config, &["outbox", "send"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("451"))
        .stderr(predicate::str::contains("stay pending"));
    let m = s.list_json(&config)["messages"][0].clone();
    assert_eq!(
        (m["state"].as_str(), m["attempts"].as_u64()),
        (Some("pending"), Some(1))
    );
    assert!(m["last_error"].as_str().unwrap().contains("451"));

    server.fail_with_451(false);
    let out = s
        .run(&config, &["outbox", "send", "--format", "json"])
        .assert()
        .success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["report"]["sent"][0], id.as_str());
    assert_eq!(server.received().len(), 1);
    assert_eq!(
        server.received()[0].rcpt_to,
        vec!["zoe@contoso.com".to_string()]
    );
    assert_eq!(s.list_json(&config)["messages"][0]["state"], "sent");
    // Nothing left to send.
    s.run(&config, &["outbox", "send"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing pending"));
}

#[test]
fn the_smtp_password_never_shows() {
    // The test server offers no AUTH, so the login fails; the password, read
    // from the variable the config names, must appear nowhere.
    let server = SmtpServer::start();
    let s = Setup::new();
    let config = s.config(&format!(
        "[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"certlink@example.com\"\n\
         username = \"certlink\"\npassword_env = \"CERTLINK_TEST_SMTP_PASSWORD\"\ntimeout_secs = 5\n",
        server.port()
    ));
    s.enqueue("zoe@contoso.com");
    for format in ["table", "json"] {
        let out = s
            .run(&config, &["outbox", "send", "--format", format])
            .env("CERTLINK_TEST_SMTP_PASSWORD", "s3cret-Sm7p-pass")
            .assert()
            .failure();
        let output = out.get_output();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!all.contains("s3cret-Sm7p-pass"), "{all}");
    }
    let json = s.list_json(&config);
    assert_eq!(json["messages"][0]["state"], "pending");
    assert!(!json.to_string().contains("s3cret-Sm7p-pass"));
}

#[test]
fn outbox_commands_are_operator_commands() {
    let s = Setup::new();
    let config = s.config("");
    s.run(&config, &["--as", "ada@contoso.com", "outbox", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("drop --as"));
}

#[test]
fn an_invitation_goes_from_user_invite_through_the_outbox_to_the_server() {
    let server = SmtpServer::start();
    let s = Setup::new();
    let config = s.smtp_config(server.port());
    s.run(
        &config,
        &["--now", "2026-11-23T12:00:00Z", "demo", "--format", "json"],
    )
    .assert()
    .success();
    let out = s
        .run(
            &config,
            &[
                "--now",
                "2026-11-23T12:05:00Z",
                "--as",
                "ada@contoso.com",
                "user",
                "invite",
                "zoe@contoso.com",
                "--name",
                "Zoë Müller",
                "--format",
                "json",
            ],
        )
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .assert()
        .success();
    let invited: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let temporary = invited["temporary_password"].as_str().unwrap().to_string();

    s.run(&config, &["outbox", "send"]).assert().success();
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].rcpt_to, vec!["zoe@contoso.com".to_string()]);
    let parsed = mailparse::parse_mail(&received[0].data).unwrap();
    assert!(parsed.get_body().unwrap().contains(&temporary));
}
