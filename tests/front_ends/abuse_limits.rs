//! Issue #8 part 6, abuse: field length limits (`crates/certlink-domain/src/limits.rs`) through
//! the real binary. Each field is tried at its limit (accepted) and one past it
//! (refused with an error naming the field and the limit, and nothing changed).

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use russh::keys::PrivateKey;
use russh::keys::ssh_key::private::Ed25519Keypair;
use serde_json::Value;

use certlink_domain::limits;

const T0: &str = "2026-11-23T12:00:00Z";

struct Sandbox {
    dir: tempfile::TempDir,
    db: PathBuf,
    minutes: Cell<i64>,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.redb");
        let out = bin(&db).args(["--now", T0, "demo"]).output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        Sandbox {
            dir,
            db,
            minutes: Cell::new(0),
        }
    }

    /// One minute after the previous command (the clock never goes back).
    fn next_now(&self) -> String {
        self.minutes.set(self.minutes.get() + 1);
        (chrono::DateTime::parse_from_rfc3339(T0).unwrap()
            + chrono::TimeDelta::minutes(self.minutes.get()))
        .to_rfc3339()
    }

    fn operator(&self, args: &[&str]) -> Output {
        bin(&self.db)
            .args(["--now", &self.next_now()])
            .args(args)
            .output()
            .unwrap()
    }

    fn person(&self, email: &str, args: &[&str]) -> Output {
        let password = if email.contains("support") {
            "support-demo"
        } else {
            "certlink-demo"
        };
        bin(&self.db)
            .args(["--now", &self.next_now(), "--as", email])
            .env("CERTLINK_PASSWORD", password)
            .args(args)
            .output()
            .unwrap()
    }

    fn file(&self, name: &str, content: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_string()
    }
}

fn bin(db: &Path) -> Command {
    let mut c = Command::cargo_bin("certlink").unwrap();
    c.env_remove("CERTLINK_PASSWORD")
        .env("NO_COLOR", "1")
        .args(["--db", db.to_str().unwrap()]);
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn accepted(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} at its limit is refused: {}",
        text(&out.stderr)
    );
}

/// Refused (exit 1 or 2) with an error that names the limit.
fn refused(what: &str, out: &Output, limit: usize) {
    let err = text(&out.stderr);
    assert!(!out.status.success(), "{what} past its limit is accepted");
    assert!(
        err.contains(&limit.to_string()),
        "{what}: the error does not name the limit {limit}: {err}"
    );
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", text(&out.stdout)))
}

/// A local part padded so the whole address has exactly `len` bytes.
fn email_of_length(len: usize) -> String {
    let domain = "@contoso.com";
    format!("{}{domain}", "e".repeat(len - domain.len()))
}

#[test]
fn names_emails_and_organization_names_at_and_past_their_limits() {
    let s = Sandbox::new();
    // Operator: an organization name. Nothing was written when refused: the
    // same MPN ID is free afterwards.
    let out = s.operator(&[
        "admin",
        "org",
        "add",
        "--mpn-id",
        "7654321",
        "--name",
        &"o".repeat(limits::ORG_NAME + 1),
    ]);
    refused("organization name", &out, limits::ORG_NAME);
    accepted(
        "organization name",
        &s.operator(&[
            "admin",
            "org",
            "add",
            "--mpn-id",
            "7654321",
            "--name",
            &"o".repeat(limits::ORG_NAME),
        ]),
    );

    // A Global Admin invites: the name, then the email.
    let users = |s: &Sandbox| -> usize {
        json(&s.person("ada@contoso.com", &["--format", "json", "user", "list"]))["accounts"]
            .as_array()
            .unwrap()
            .len()
    };
    let count = users(&s);
    let long_name = "王".repeat(limits::NAME + 1);
    let out = s.person(
        "ada@contoso.com",
        &["user", "invite", "long@contoso.com", "--name", &long_name],
    );
    refused("a person's name", &out, limits::NAME);
    let out = s.person(
        "ada@contoso.com",
        &[
            "user",
            "invite",
            &email_of_length(limits::EMAIL_BYTES + 1),
            "--name",
            "Long Mail",
        ],
    );
    refused("an email", &out, limits::EMAIL_BYTES);
    assert_eq!(users(&s), count, "refused invitations changed nothing");
    accepted(
        "a person's name",
        &s.person(
            "ada@contoso.com",
            &[
                "user",
                "invite",
                "long@contoso.com",
                "--name",
                &"王".repeat(limits::NAME),
            ],
        ),
    );
    accepted(
        "an email",
        &s.person(
            "ada@contoso.com",
            &[
                "user",
                "invite",
                &email_of_length(limits::EMAIL_BYTES),
                "--name",
                "Long Mail",
            ],
        ),
    );
    assert_eq!(users(&s), count + 2);
}

#[test]
fn ticket_texts_and_lookups_at_and_past_their_limits() {
    let s = Sandbox::new();
    let tickets = |s: &Sandbox| -> usize {
        json(&s.person("alan@contoso.com", &["--format", "json", "ticket", "list"]))["tickets"]
            .as_array()
            .unwrap()
            .len()
    };
    let count = tickets(&s);
    let out = s.person(
        "alan@contoso.com",
        &[
            "ticket",
            "open",
            "--category",
            "other",
            "--description",
            &"d".repeat(limits::TICKET_TEXT + 1),
        ],
    );
    refused("a ticket description", &out, limits::TICKET_TEXT);
    assert_eq!(tickets(&s), count);
    let out = s.person(
        "alan@contoso.com",
        &[
            "--format",
            "json",
            "ticket",
            "open",
            "--category",
            "other",
            "--description",
            &"d".repeat(limits::TICKET_TEXT),
        ],
    );
    accepted("a ticket description", &out);
    let id = json(&out)["id"].as_u64().expect("the new ticket's id");
    let id = id.to_string();
    let out = s.person(
        "sam@support.example.com",
        &[
            "ticket",
            "reply",
            &id,
            "--message",
            &"m".repeat(limits::TICKET_TEXT + 1),
        ],
    );
    refused("a ticket reply", &out, limits::TICKET_TEXT);
    accepted(
        "a ticket reply",
        &s.person(
            "sam@support.example.com",
            &[
                "ticket",
                "reply",
                &id,
                "--message",
                &"m".repeat(limits::TICKET_TEXT),
            ],
        ),
    );

    let out = s.person(
        "sam@support.example.com",
        &["lookup", &"q".repeat(limits::LOOKUP_QUERY + 1)],
    );
    refused("a lookup query", &out, limits::LOOKUP_QUERY);
    // At its limit the query is taken: it matches no one, which is "not
    // found" (exit 1, issue 15 principle 9), not a refusal of its length.
    let out = s.person(
        "sam@support.example.com",
        &["lookup", &"q".repeat(limits::LOOKUP_QUERY)],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Not found"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn import_rows_competencies_keys_and_passwords_at_and_past_their_limits() {
    let s = Sandbox::new();
    // An import row of exactly the limit, padded with spaces inside the JSON.
    let row = r#"{"mcid": 10000001, "kind": "exam", "skill_id": "AZ-999", "name": "Limit", "date": "2026-01-01", "passed": true}"#;
    let pad = limits::IMPORT_LINE_BYTES - row.len();
    let at = format!("{} {}}}", &row[..row.len() - 1], " ".repeat(pad - 1));
    assert_eq!(at.len(), limits::IMPORT_LINE_BYTES);
    let over = format!("{} }}", &at[..at.len() - 1]);
    let file = s.file("over.jsonl", &format!("{row}\n{over}\n"));
    let out = s.person("sam@support.example.com", &["import", &file]);
    refused("an import row", &out, limits::IMPORT_LINE_BYTES);
    assert!(
        text(&out.stderr).contains("line 2"),
        "{}",
        text(&out.stderr)
    );
    let file = s.file("at.jsonl", &format!("{at}\n"));
    accepted(
        "an import row",
        &s.person("sam@support.example.com", &["import", &file]),
    );
    // A whole file past the limit is refused before it is parsed: from a
    // sparse file, so the test writes nothing big.
    let big = s.dir.path().join("big.jsonl");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(limits::IMPORT_FILE_BYTES + 1)
        .unwrap();
    let out = s.person(
        "sam@support.example.com",
        &["import", big.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("MiB"), "{}", text(&out.stderr));

    // Competency ids (operator TOML).
    let toml = |id: &str| {
        format!(
            "[[competency]]\nid = \"{id}\"\nname = \"Limit\"\nrequired_individuals = 1\nskills = [\"AZ-104\"]\n"
        )
    };
    let file = s.file("over.toml", &toml(&"c".repeat(limits::COMPETENCY_ID + 1)));
    refused(
        "a competency id",
        &s.operator(&["admin", "competency", "define", "--file", &file]),
        limits::COMPETENCY_ID,
    );
    let file = s.file("at.toml", &toml(&"c".repeat(limits::COMPETENCY_ID)));
    accepted(
        "a competency id",
        &s.operator(&["admin", "competency", "define", "--file", &file]),
    );

    // An SSH public key line: a real key with its comment padded.
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&[7; 32]));
    let line = key.public_key().to_openssh().unwrap();
    let with_comment = |len: usize| format!("{line} {}", "k".repeat(len - line.len() - 1));
    let file = s.file("over.pub", &with_comment(limits::SSH_KEY_BYTES + 1));
    refused(
        "an SSH key",
        &s.operator(&["key", "add", "alan@contoso.com", "--file", &file]),
        limits::SSH_KEY_BYTES,
    );
    let file = s.file("at.pub", &with_comment(limits::SSH_KEY_BYTES));
    accepted(
        "an SSH key",
        &s.operator(&["key", "add", "alan@contoso.com", "--file", &file]),
    );

    // Passwords: a PU password of the limit is set; one past it is refused; a
    // sign-in with a password past it is a wrong password, nothing worse.
    let pu = |s: &Sandbox, name: &str, len: usize| {
        bin(&s.db)
            .args(["--now", &s.next_now(), "admin", "pu", "add"])
            .args(["--username", name, "--email", "x@pu.example.com"])
            .env("CERTLINK_PU_PASSWORD", "p".repeat(len))
            .output()
            .unwrap()
    };
    refused(
        "a password",
        &pu(&s, "long.over", limits::PASSWORD + 1),
        limits::PASSWORD,
    );
    accepted("a password", &pu(&s, "long.at", limits::PASSWORD));
    let out = bin(&s.db)
        .args(["--now", &s.next_now(), "--as", "alan@contoso.com"])
        .args(["--format", "json", "profile"])
        .env("CERTLINK_PASSWORD", "p".repeat(limits::PASSWORD * 10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "wrong_credentials");
}

/// Output captured from a command run as over SSH.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An upload that never ends, counting what was read of it.
struct EndlessUpload(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl std::io::Read for EndlessUpload {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(b'x');
        self.0
            .fetch_add(buf.len() as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(buf.len())
    }
}

/// Runs `line` as SSH exec does (src/ssh/exec.rs, then the CLI on the shared
/// service as the signed-in person) with `input` on standard input; returns
/// the exit code, stdout and stderr.
fn exec_as(
    service: &std::sync::Arc<certlink_core::service::Service>,
    email: &str,
    password: &str,
    line: &str,
    input: Box<dyn std::io::Read>,
) -> (u8, String, String) {
    use certlink::ssh::exec::{Plan, plan};
    let session = service
        .sign_in(
            email,
            password,
            &certlink_core::service::SignInSource::Local,
        )
        .unwrap();
    let Plan::Run {
        command, global, ..
    } = plan(line)
    else {
        panic!("{line} is not run over ssh");
    };
    let (out, err) = (Captured::default(), Captured::default());
    let io = certlink::cli::Io::new(Box::new(out.clone()), Box::new(err.clone()), input);
    let remote = certlink::cli::Remote {
        service: std::sync::Arc::clone(service),
        session,
        locale: None,
    };
    let code = certlink::cli::run_signed_in(*command, global, io, remote);
    let text = |c: &Captured| String::from_utf8_lossy(&c.0.lock().unwrap()).into_owned();
    (code, text(&out), text(&err))
}

/// Issue 13 part 1: `import -` over SSH as a plain user read all of standard
/// input before the R14 refusal (a 200 MB upload peaked at 587 MB). Who may
/// import is now decided before a byte is read: an endless upload is refused
/// at once with nothing read. A support engineer's upload is checked and
/// written row by row (never held in memory), and a bad row anywhere still
/// imports nothing.
#[test]
fn r14_import_from_stdin_is_refused_before_reading_and_streamed_for_support() {
    use certlink_core::demo;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.redb");
    let start = chrono::DateTime::parse_from_rfc3339(T0).unwrap().to_utc();
    let created = certlink_core::service::Service::create(
        &path,
        certlink_core::store::DbKind::Sandbox,
        &certlink_domain::Settings::sandbox(),
        certlink_core::service::Environment::default(),
    )
    .unwrap();
    drop(demo::populate(created, start).unwrap());
    let clock = certlink_core::service::ManualClock::new(start + chrono::TimeDelta::minutes(1));
    let service = std::sync::Arc::new(
        certlink_core::service::Service::open(
            &path,
            certlink_core::service::Environment::default(),
        )
        .unwrap()
        .with_clock(std::sync::Arc::new(clock)),
    );

    let read = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let (code, _, err) = exec_as(
        &service,
        "ada@contoso.com",
        demo::ACCOUNT_PASSWORD,
        "import -",
        Box::new(EndlessUpload(std::sync::Arc::clone(&read))),
    );
    let read = read.load(std::sync::atomic::Ordering::Relaxed);
    println!("R14 plain user's endless `import -`: exit {code}, {read} bytes read: {err}");
    assert_ne!(code, 0);
    assert!(err.contains("R14"), "{err}");
    assert_eq!(read, 0, "the refused upload was read");

    // Support: rows in, on standard input; a bad row on the last line imports nothing.
    let good = r#"{"mcid": 10000001, "kind": "exam", "skill_id": "STREAM-1", "name": "Streamed", "date": "2026-11-01", "passed": true}"#;
    let rows = format!("{good}\n").repeat(3);
    let bad = format!("{rows}{{\"mcid\": 10000001, \"kind\": \"badge\"}}\n");
    let support = |input: String| {
        exec_as(
            &service,
            "sam@support.example.com",
            demo::SUPPORT_PASSWORD,
            "--format json import -",
            Box::new(std::io::Cursor::new(input.into_bytes())),
        )
    };
    // JSON output: the error is on stdout too.
    let (code, out, _) = support(bad);
    assert_ne!(code, 0);
    assert!(
        out.contains("nothing imported") && out.contains("line 4"),
        "{out}"
    );
    let (code, out, err) = support(rows.clone());
    assert_eq!(code, 0, "{err}");
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["rows"], 3);
    // The three lines are one record (same subject, kind, skill and date).
    assert_eq!(summary["added"], 1);
    assert_eq!(summary["unchanged"], 2);
    // No spool file is left beside the database.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("import"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
