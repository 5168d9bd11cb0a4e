//! `certlink serve` end to end (issue 6): the real binary on a loopback port
//! with a demo sandbox, an in-process russh client. Password sign-in as the
//! email (R1), exec of CLI commands with their JSON and exit statuses, what is
//! refused over ssh, and the database lock seen by a local certlink.

use std::time::Duration;

use russh::Disconnect;
use serde_json::Value;

use crate::ssh_harness;
use ssh_harness::*;

/// A demo member without admin roles, and a Global Admin.
fn people(sign_ins: &Value) -> (String, String) {
    let accounts = sign_ins["accounts"].as_array().unwrap();
    let active = |a: &&Value| a["status"] == "active";
    let has = |a: &Value, role: &str| {
        a["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().to_lowercase().contains(role))
    };
    let plain = accounts
        .iter()
        .filter(active)
        .find(|a| !has(a, "admin"))
        .unwrap();
    let admin = accounts
        .iter()
        .filter(active)
        .find(|a| has(a, "global"))
        .unwrap();
    (
        plain["email"].as_str().unwrap().to_string(),
        admin["email"].as_str().unwrap().to_string(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn exec_runs_cli_commands_as_the_signed_in_person() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let (plain, admin) = people(&sign_ins);

    let handle = connect(&server, &plain, &password_of(&sign_ins, &plain))
        .await
        .expect("the demo password signs in");

    // The person's own profile, as JSON, exit 0.
    let out = exec(&handle, "profile --format json", b"").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let profile: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(profile["email"], plain.as_str());

    // Same permissions as the CLI: a plain user may not list accounts (exit 1).
    let out = exec(&handle, "user list", b"").await;
    assert_eq!(out.status, Some(1), "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("refused"), "{}", out.stderr);

    // What needs the server's files or another identity: refused, exit 2.
    for command in [
        "--db x profile",
        "profile --as someone@contoso.com",
        "admin unlock a@contoso.com",
        "report skills --out /tmp/skills.csv",
        "import /etc/passwd",
    ] {
        let out = exec(&handle, command, b"").await;
        assert_eq!(out.status, Some(2), "{command}: {}", out.stderr);
        assert!(out.stderr.contains("ssh"), "{command}: {}", out.stderr);
    }

    // A secret over ssh comes only on standard input.
    let out = exec(&handle, "link --mcid-email nobody@example.com", b"").await;
    assert_eq!(out.status, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("--password-stdin"), "{}", out.stderr);
    // With it, the password is read and checked by the service (refused, R4).
    let out = exec(
        &handle,
        "link --mcid-email nobody@example.com --password-stdin",
        b"wrong-password\n",
    )
    .await;
    assert_eq!(out.status, Some(1), "{}", out.stderr);

    // Several channels on one connection, one after the other.
    let out = exec(&handle, "--help", b"").await;
    assert_eq!(out.status, Some(0));
    assert!(out.stdout.contains("Usage"), "{}", out.stdout);
    let _ = handle.disconnect(Disconnect::ByApplication, "", "en").await;

    // An admin's CSV export streams to the client's standard output.
    let handle = connect(&server, &admin, &password_of(&sign_ins, &admin))
        .await
        .unwrap();
    let out = exec(&handle, "report skills --format csv", b"").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    assert!(out.stdout.lines().count() > 1, "{}", out.stdout);
    // And the Solutions Partner designation scores, as JSON.
    let out = exec(&handle, "report designations --format json", b"").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        report["designations"].as_array().map(Vec::len),
        Some(6),
        "{report}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_password_is_refused_and_the_database_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let (plain, _) = people(&sign_ins);

    assert!(connect(&server, &plain, "not-the-password").await.is_none());
    assert!(
        connect(&server, "nobody@nowhere.example", "x")
            .await
            .is_none()
    );

    // A local certlink on the same file: exit 3, one line that points at ssh.
    let out = certlink(&db)
        .args(["--as", &plain, "profile"])
        .env("CERTLINK_PASSWORD", password_of(&sign_ins, &plain))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in use by another certlink process"),
        "{stderr}"
    );
    assert!(stderr.contains("connect with ssh"), "{stderr}");

    // The refused sign-ins were audited (R1, R16): visible once the server is gone.
    drop(server);
    let out = certlink(&db)
        .args(["--format", "json", "history", "--account", &plain])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let history: Value = serde_json::from_slice(&out.stdout).unwrap();
    let refused_from_ssh = history["entries"].as_array().unwrap().iter().any(|e| {
        e["action"] == "sign-in"
            && e["outcome"] == "wrong_credentials"
            && e["detail"] == "from 127.0.0.1"
    });
    assert!(refused_from_ssh, "{history:#}");
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn sigterm_disconnects_sessions_and_releases_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let mut server = Server::start(&db, &[]);
    let (plain, _) = people(&sign_ins);
    let password = password_of(&sign_ins, &plain);
    let handle = connect(&server, &plain, &password).await.unwrap();

    assert!(server.terminate(), "certlink serve did not stop cleanly");
    // The session was told: the connection ends.
    tokio::time::timeout(DEADLINE, async {
        while !handle.is_closed() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the client was not disconnected");
    // The database is closed and usable again locally.
    let out = certlink(&db)
        .args(["--as", &plain, "profile"])
        .env("CERTLINK_PASSWORD", &password)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Issue 13 part 6: over SSH exec, the R13 refusal (a temporary password must
/// be replaced first) points at the interactive session, where the app asks
/// for the new password, not at `certlink password change`, which SSH exec
/// refuses. The local CLI still names the command.
#[tokio::test(flavor = "multi_thread")]
async fn r13_over_ssh_points_at_the_interactive_session() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let invited = sign_ins["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["status"] == "invited")
        .unwrap()["email"]
        .as_str()
        .unwrap()
        .to_string();
    let password = password_of(&sign_ins, &invited);

    // Locally (before the server holds the database, between the demo's
    // clock and the server's): the CLI command.
    let local = certlink(&db)
        .args(["--now", "2026-11-23T12:00:30Z", "--as", &invited, "profile"])
        .env("CERTLINK_PASSWORD", &password)
        .output()
        .unwrap();
    let local_err = String::from_utf8_lossy(&local.stderr);
    assert_eq!(local.status.code(), Some(1), "{local_err}");
    assert!(local_err.contains("(R13)"), "{local_err}");
    assert!(
        local_err.contains("certlink password change"),
        "{local_err}"
    );

    let server = Server::start(&db, &[]);
    let handle = connect(&server, &invited, &password)
        .await
        .expect("a temporary password signs in");
    for command in ["profile", "--format json profile"] {
        let out = exec(&handle, command, b"").await;
        let said = format!("{}{}", out.stdout, out.stderr);
        assert_eq!(out.status, Some(1), "{command}: {said}");
        assert!(said.contains("R13"), "{command}: {said}");
        assert!(said.contains("ssh -t"), "{command}: {said}");
        assert!(
            !said.contains("certlink password change"),
            "{command}: {said}"
        );
    }
    // The command itself is refused over exec, with the same way out.
    let out = exec(&handle, "password change", b"").await;
    assert_eq!(out.status, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("ssh -t"), "{}", out.stderr);
}
