//! Issue #8 part 6, abuse: invariant 5 after a scripted session. Known,
//! distinct passwords are used everywhere a password goes in — right and wrong
//! sign-ins, a password change, profile (R4) and PU (R2) credentials, an
//! invitation and a resend with temporary passwords (R13), an operator reset,
//! SSH exec with `--password-stdin` and a wrong SSH password, the TUI in a
//! pseudo-terminal with trace logging — and then every place they could leak
//! to is searched: every CLI and exec output and error, the server's output,
//! exports, the outbox, the TUI's screen and log file, every other file beside
//! the database, and the audit trail. The database file itself may hold hashes
//! (the store) but no plaintext password.
//!
//! Allowed (invariant 5): a temporary password in the one output that created
//! it (invite, resend, reset-password) and in the outbox message to the
//! invitee; the demo's own sign-ins in a sandbox (not used as secrets here).

use std::io::{BufRead, BufReader, Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use serde_json::Value;

use certlink_core::store::{Queries, Store};

use crate::ssh_harness;

const T0: &str = "2026-11-23T12:00:00Z";
const DEADLINE: Duration = Duration::from_secs(60);

const NEWBIE_SECRET: &str = "Newbie-Secret-K2p9";
const PROFILE_SECRET: &str = "Profile-Secret-M4z8";
const PU_SECRET: &str = "PuAcct-Secret-R5w3";
const SUPPORT_SECRET: &str = "Support-Secret-H6j2";
const WRONG_SIGNIN: &str = "Wrong-Signin-Q7x1";
const WRONG_PROFILE: &str = "Wrong-Profile-B8n4";
const WRONG_PU: &str = "Wrong-Pu-Secret-C1v5";
const WRONG_SSH_STDIN: &str = "Wrong-Ssh-Stdin-D9t6";
const WRONG_SSH_AUTH: &str = "Wrong-Ssh-Auth-F2u8";
const WRONG_TUI: &str = "Wrong-Tui-Signin-E3y7";

/// Every secret that must appear nowhere but as a hash in the store.
const SECRETS: [&str; 10] = [
    NEWBIE_SECRET,
    PROFILE_SECRET,
    PU_SECRET,
    SUPPORT_SECRET,
    WRONG_SIGNIN,
    WRONG_PROFILE,
    WRONG_PU,
    WRONG_SSH_STDIN,
    WRONG_SSH_AUTH,
    WRONG_TUI,
];

/// What one step printed, by name.
struct Outputs(Vec<(String, String)>);

impl Outputs {
    fn push(&mut self, name: &str, stdout: &[u8], stderr: &[u8]) {
        self.0.push((
            name.to_string(),
            format!(
                "{}\n{}",
                String::from_utf8_lossy(stdout),
                String::from_utf8_lossy(stderr)
            ),
        ));
    }
}

struct Script {
    db: PathBuf,
    minutes: i64,
    outputs: Outputs,
}

impl Script {
    fn now(&mut self) -> String {
        self.minutes += 1;
        (chrono::DateTime::parse_from_rfc3339(T0).unwrap()
            + chrono::TimeDelta::minutes(10 + self.minutes))
        .to_rfc3339()
    }

    fn command(&mut self) -> Command {
        let now = self.now();
        let mut c = ssh_harness::certlink(&self.db);
        c.env("CERTLINK_LOG", "trace").args(["--now", &now]);
        c
    }

    /// Runs `cmd` (with `stdin`), records its output as `name`, and returns
    /// its standard output, asserting the exit status.
    fn run(&mut self, name: &str, mut cmd: Command, stdin: &str, ok: bool) -> String {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        self.outputs.push(name, &out.stdout, &out.stderr);
        assert_eq!(
            out.status.success(),
            ok,
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn operator(&mut self, name: &str, args: &[&str], env: &[(&str, &str)], ok: bool) -> String {
        let mut c = self.command();
        c.args(args).envs(env.iter().copied());
        self.run(name, c, "", ok)
    }

    fn person(&mut self, name: &str, who: (&str, &str), args: &[&str], stdin: &str, ok: bool) {
        let mut c = self.command();
        c.args(["--as", who.0])
            .env("CERTLINK_PASSWORD", who.1)
            .args(args);
        self.run(name, c, stdin, ok);
    }
}

fn temporary_of(json: &str) -> String {
    let v: Value = serde_json::from_str(json).unwrap();
    v["temporary_password"].as_str().unwrap().to_string()
}

/// Every file under `dir` except the database, with its text.
fn files_under(dir: &Path, db: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, db, out);
        } else if path != db {
            let bytes = std::fs::read(&path).unwrap();
            out.push((path, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn invariant_5_no_password_or_hash_leaves_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = ssh_harness::sandbox(dir.path());
    let mut s = Script {
        db: db.clone(),
        minutes: 0,
        outputs: Outputs(Vec::new()),
    };

    // --- SSH first (its clock starts a minute after the demo): a wrong
    // password at authentication, and a wrong profile password on stdin.
    let server_err = std::fs::File::create(dir.path().join("serve.stderr")).unwrap();
    let mut child = ssh_harness::certlink(&db)
        .env("CERTLINK_LOG", "trace")
        .args([
            "--now",
            ssh_harness::SERVE_NOW,
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::piped())
        .stderr(server_err)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut server = ssh_harness::Server {
        child,
        port: 0,
        fingerprint: String::new(),
        lines,
        log: None,
    };
    let mut server_out = String::new();
    while server.port == 0 {
        let line = server.lines.recv_timeout(DEADLINE).unwrap();
        if let Some(rest) = line.strip_prefix("certlink: host key ") {
            server.fingerprint = rest.split(' ').next().unwrap().to_string();
        }
        if let Some(rest) = line.strip_prefix("certlink: listening on 127.0.0.1:") {
            server.port = rest.split(';').next().unwrap().parse().unwrap();
        }
        server_out.push_str(&line);
    }
    assert!(
        ssh_harness::connect(&server, "ada@contoso.com", WRONG_SSH_AUTH)
            .await
            .is_none()
    );
    let ada = ssh_harness::sign_in(&server, "ada@contoso.com", "certlink-demo").await;
    let link = ssh_harness::exec(
        &ada,
        "link --mcid-email ada.lovelace@learn.example.com --password-stdin --format json",
        format!("{WRONG_SSH_STDIN}\n").as_bytes(),
    )
    .await;
    assert_eq!(link.status, Some(1), "{}", link.stderr);
    s.outputs
        .push("ssh link", link.stdout.as_bytes(), link.stderr.as_bytes());
    let users = ssh_harness::exec(&ada, "report users --format csv", b"").await;
    s.outputs.push(
        "ssh users",
        users.stdout.as_bytes(),
        users.stderr.as_bytes(),
    );
    assert!(server.terminate(), "serve stops cleanly");
    while let Ok(line) = server.lines.try_recv() {
        server_out.push_str(&line);
    }
    s.outputs.0.push(("serve stdout".into(), server_out));

    // --- The operator registers credentials that come from outside systems.
    let profile_env = [("CERTLINK_MCID_PASSWORD", PROFILE_SECRET)];
    s.operator(
        "profile add",
        &[
            "admin",
            "profile",
            "add",
            "--mcid",
            "10000077",
            "--email",
            "secret.profile@learn.example.com",
        ],
        &profile_env,
        true,
    );
    s.operator(
        "pu add",
        &[
            "admin",
            "pu",
            "add",
            "--username",
            "secret.pu",
            "--email",
            "secret@pu.example.com",
        ],
        &[("CERTLINK_PU_PASSWORD", PU_SECRET)],
        true,
    );
    s.operator(
        "support add",
        &[
            "admin",
            "support",
            "add",
            "sec@support.example.com",
            "--name",
            "Sec",
        ],
        &[("CERTLINK_PASSWORD", SUPPORT_SECRET)],
        true,
    );

    // --- R13: an invitation, the first sign-in, wrong and right.
    let ada = ("ada@contoso.com", "certlink-demo");
    let mut c = s.command();
    c.args(["--as", ada.0, "--format", "json"])
        .env("CERTLINK_PASSWORD", ada.1)
        .args(["user", "invite", "newbie@contoso.com", "--name", "Newbie"]);
    let t1 = temporary_of(&s.run("invite", c, "", true));
    s.person(
        "newbie wrong",
        ("newbie@contoso.com", WRONG_SIGNIN),
        &["profile"],
        "",
        false,
    );
    let mut c = s.command();
    c.args(["--as", "newbie@contoso.com", "password", "change"])
        .env("CERTLINK_PASSWORD", &t1)
        .env("CERTLINK_NEW_PASSWORD", NEWBIE_SECRET);
    s.run("password change", c, "", true);
    let newbie = ("newbie@contoso.com", NEWBIE_SECRET);
    s.person("newbie profile", newbie, &["profile"], "", true);

    // --- R4 and R2 credentials, wrong then right.
    let link = [
        "link",
        "--mcid-email",
        "secret.profile@learn.example.com",
        "--password-stdin",
    ];
    s.person(
        "link wrong",
        newbie,
        &link,
        &format!("{WRONG_PROFILE}\n"),
        false,
    );
    s.person("link", newbie, &link, &format!("{PROFILE_SECRET}\n"), true);
    let grant = ["pu", "grant", "--username", "secret.pu", "--password-stdin"];
    s.person("pu wrong", newbie, &grant, &format!("{WRONG_PU}\n"), false);
    s.person("pu grant", newbie, &grant, &format!("{PU_SECRET}\n"), true);

    // --- R13 resend (a new temporary password), support, reports, exports.
    let mut c = s.command();
    c.args(["--as", ada.0, "--format", "json"])
        .env("CERTLINK_PASSWORD", ada.1)
        .args(["user", "resend", "donald@contoso.com"]);
    let t2 = temporary_of(&s.run("resend", c, "", true));
    let sec = ("sec@support.example.com", SUPPORT_SECRET);
    s.person(
        "support wrong",
        ("sec@support.example.com", WRONG_SIGNIN),
        &["profile"],
        "",
        false,
    );
    for (name, args) in [
        ("lookup", &["lookup", "newbie"][..]),
        ("person", &["lookup", "newbie@contoso.com", "--person"][..]),
        (
            "history json",
            &[
                "--format",
                "json",
                "history",
                "--account",
                "newbie@contoso.com",
            ][..],
        ),
        ("history mcid", &["history", "--mcid", "10000077"][..]),
    ] {
        s.person(name, sec, args, "", true);
    }
    let users_csv = dir.path().join("users.csv");
    let skills_json = dir.path().join("skills.json");
    for (name, args) in [
        ("user list", &["--format", "json", "user", "list"][..]),
        ("skills csv", &["--format", "csv", "report", "skills"][..]),
        (
            "skills json",
            &[
                "--format",
                "json",
                "report",
                "skills",
                "--out",
                skills_json.to_str().unwrap(),
            ][..],
        ),
        (
            "users csv",
            &[
                "--format",
                "csv",
                "report",
                "users",
                "--out",
                users_csv.to_str().unwrap(),
            ][..],
        ),
        (
            "org history",
            &["history", "--account", "newbie@contoso.com"][..],
        ),
    ] {
        s.person(name, ada, args, "", true);
    }
    let t3 = temporary_of(&s.operator(
        "reset-password",
        &[
            "--format",
            "json",
            "admin",
            "reset-password",
            "newbie@contoso.com",
        ],
        &[],
        true,
    ));
    s.operator("outbox list", &["outbox", "list"], &[], true);
    s.operator("settings", &["admin", "settings", "show"], &[], true);

    // --- The TUI in a pseudo-terminal, logging at trace level.
    let now = s.now();
    let screen = tui_sign_ins(dir.path(), &db, &now, sec.0);
    s.outputs.0.push(("tui screen".into(), screen));

    // ------------------------------------------------------------- search
    let mut files = Vec::new();
    files_under(dir.path(), &db, &mut files);
    let log = files
        .iter()
        .find(|(p, _)| p.ends_with("certlink.log"))
        .map(|(_, text)| text.clone())
        .expect("the TUI wrote its log");
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "trace logging on"
    );
    let outbox: Vec<&(PathBuf, String)> = files
        .iter()
        .filter(|(p, _)| p.to_string_lossy().contains(".outbox"))
        .collect();
    let audit: Vec<String> = {
        let store = Store::open(&db).unwrap();
        let txn = store.read().unwrap();
        txn.audit_all(None, usize::MAX)
            .unwrap()
            .iter()
            .map(|r| format!("{r:?}"))
            .collect()
    };
    let raw_db = String::from_utf8_lossy(&std::fs::read(&db).unwrap()).into_owned();

    let mut leaks = Vec::new();
    let mut check = |place: &str, text: &str, allowed: &[&str]| {
        for secret in SECRETS.iter().copied().chain([&t1[..], &t2, &t3]) {
            if text.contains(secret) && !allowed.contains(&secret) {
                leaks.push(format!("{secret} in {place}"));
            }
        }
        if text.contains("$argon2") {
            leaks.push(format!("a password hash in {place}"));
        }
    };
    for (name, text) in &s.outputs.0 {
        let allowed: &[&str] = match name.as_str() {
            "invite" => &[&t1],
            "resend" => &[&t2],
            "reset-password" => &[&t3],
            _ => &[],
        };
        check(&format!("the output of `{name}`"), text, allowed);
    }
    for (path, text) in &files {
        // The outbox holds the invitee's messages: their temporary passwords.
        let allowed: &[&str] = if path.to_string_lossy().contains(".outbox") {
            &[&t1, &t2]
        } else {
            &[]
        };
        check(&path.display().to_string(), text, allowed);
    }
    for record in &audit {
        check("the audit trail", record, &[]);
    }
    // The store holds hashes, never a plaintext password.
    for secret in SECRETS.iter().copied().chain([&t1[..], &t2, &t3]) {
        if raw_db.contains(secret) {
            leaks.push(format!("{secret} in plaintext in the database file"));
        }
    }

    // Positive controls: the search finds what is there.
    assert!(
        s.outputs
            .0
            .iter()
            .any(|(n, t)| n == "invite" && t.contains(&t1))
    );
    assert!(
        outbox.iter().any(|(_, t)| t.contains(&t1)) && outbox.iter().any(|(_, t)| t.contains(&t2)),
        "the invitation mails carry the temporary passwords"
    );
    assert!(raw_db.contains("$argon2id$"), "hashes are in the store");
    assert!(
        audit
            .iter()
            .any(|r| r.contains("Refused") && r.contains("newbie@contoso.com")),
        "the wrong sign-ins were audited"
    );

    println!(
        "invariant 5: {} secrets and 3 temporary passwords searched in {} outputs, {} files ({} outbox messages, the TUI log of {} bytes), {} audit records and the {}-byte database file: {} leaks",
        SECRETS.len(),
        s.outputs.0.len(),
        files.len(),
        outbox.len(),
        log.len(),
        audit.len(),
        raw_db.len(),
        leaks.len()
    );
    assert!(leaks.is_empty(), "{leaks:#?}");
}

/// The TUI in a pseudo-terminal: a wrong password, then the right one, then
/// quit. Returns the last screen.
fn tui_sign_ins(dir: &Path, db: &Path, now: &str, email: &str) -> String {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_certlink"));
    cmd.args(["--db", db.to_str().unwrap(), "--now", now]);
    cmd.cwd(dir);
    cmd.env("NO_COLOR", "1");
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", dir);
    cmd.env("XDG_DATA_HOME", dir.join("data"));
    cmd.env("CERTLINK_LOG", "trace");
    cmd.env("CERTLINK_CONFIG", db.with_extension("config.toml"));
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (tx, output): (_, Receiver<Vec<u8>>) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let size = |n: u16| NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(30), size(100), 0);
    let mut seen = String::new();
    let mut wait_for = |parser: &mut vt100::Parser, text: &str| {
        let deadline = Instant::now() + DEADLINE;
        while !parser.screen().contents().contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            match output.recv_timeout(left) {
                Ok(bytes) => {
                    seen.push_str(&String::from_utf8_lossy(&bytes));
                    parser.process(&bytes);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => panic!(
                    "waiting for {text}; screen:\n{}",
                    parser.screen().contents()
                ),
            }
        }
    };
    let mut send = |keys: &str| {
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    };
    wait_for(&mut parser, "sign in with your work account");
    send(&format!("{email}\t{WRONG_TUI}\r"));
    wait_for(&mut parser, "Wrong email or password");
    // The password field is emptied and focused after a failure; the email stays.
    send(&format!("{SUPPORT_SECRET}\r"));
    wait_for(&mut parser, "Sec");
    let screen = parser.screen().contents();
    send("q");
    let deadline = Instant::now() + DEADLINE;
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the TUI did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    format!("{screen}\n{seen}")
}
