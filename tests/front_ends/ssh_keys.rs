//! Public keys per person over `certlink serve` (issue 6): the operator
//! registers a key with `certlink key add` (before the server holds the
//! database), the person signs in with it and runs a command as themselves;
//! an unregistered key, or a registered key under another email, is refused.

use std::sync::Arc;

use russh::ChannelMsg;
use russh::client;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use serde_json::Value;

use crate::ssh_harness;
use ssh_harness::*;

/// Between the demo's clock and the server's, each command later than the
/// last: the clock never goes back.
const KEY_NOW: [&str; 3] = [
    "2026-11-23T12:00:10Z",
    "2026-11-23T12:00:20Z",
    "2026-11-23T12:00:30Z",
];

/// A fixed ed25519 key pair from a seed: no random generator whose version
/// must match russh's.
fn key_pair(seed: u8) -> PrivateKey {
    let mut key = PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]));
    key.set_comment(format!("test{seed}@certlink"));
    key
}

fn first_active_email(sign_ins: &Value, skip: usize) -> String {
    sign_ins["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "active")
        .nth(skip)
        .unwrap()["email"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn connect_with_key(
    server: &Server,
    email: &str,
    key: &PrivateKey,
) -> Option<client::Handle<Pinned>> {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(DEADLINE),
        ..Default::default()
    });
    let mut handle = client::connect(
        config,
        ("127.0.0.1", server.port),
        Pinned(server.fingerprint.clone()),
    )
    .await
    .unwrap();
    let auth = tokio::time::timeout(
        DEADLINE,
        handle.authenticate_publickey(
            email,
            PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None),
        ),
    )
    .await
    .expect("authentication did not end")
    .unwrap();
    auth.success().then_some(handle)
}

async fn exec_stdout(handle: &client::Handle<Pinned>, command: &str) -> (Option<u32>, String) {
    let mut channel = handle.channel_open_session().await.unwrap();
    channel.exec(true, command).await.unwrap();
    channel.eof().await.unwrap();
    let (mut status, mut stdout) = (None, String::new());
    let read = async {
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Data { data } => stdout.push_str(&String::from_utf8_lossy(&data)),
                ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                _ => {}
            }
        }
    };
    tokio::time::timeout(DEADLINE, read)
        .await
        .expect("the command did not end");
    (status, stdout)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_registered_key_signs_in_as_its_person_and_others_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let email = first_active_email(&sign_ins, 0);
    let other = first_active_email(&sign_ins, 1);
    let key = key_pair(1);

    // The operator registers the public key while no server holds the file.
    let pub_file = dir.path().join("id_ed25519.pub");
    std::fs::write(&pub_file, key.public_key().to_openssh().unwrap()).unwrap();
    let out = certlink(&db)
        .args([
            "--now",
            KEY_NOW[0],
            "key",
            "add",
            &email,
            "--file",
            pub_file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = certlink(&db)
        .args([
            "--now", KEY_NOW[1], "key", "list", &email, "--format", "json",
        ])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["algorithm"], "ssh-ed25519");
    assert_eq!(listed[0]["comment"], "test1@certlink");

    // A malformed file: exit 2, and nothing registered.
    let bad = dir.path().join("bad.pub");
    std::fs::write(&bad, "ssh-ed25519 not-a-key\n").unwrap();
    let out = certlink(&db)
        .args([
            "--now",
            KEY_NOW[2],
            "key",
            "add",
            &other,
            "--file",
            bad.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("OpenSSH public key"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let server = Server::start(&db, &[]);
    let handle = connect_with_key(&server, &email, &key)
        .await
        .expect("the registered key signs in");
    let (status, stdout) = exec_stdout(&handle, "profile --format json").await;
    assert_eq!(status, Some(0));
    let profile: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(profile["email"], email.as_str());

    // Key management is the operator's, never over ssh.
    let (status, _) = exec_stdout(&handle, &format!("key list {email}")).await;
    assert_eq!(status, Some(2));

    // An unregistered key, and the registered key under another email: refused.
    assert!(
        connect_with_key(&server, &email, &key_pair(2))
            .await
            .is_none()
    );
    assert!(connect_with_key(&server, &other, &key).await.is_none());

    // Both refusals are in the audit (R16), read once the server let go of the file.
    drop(handle);
    drop(server);
    let out = certlink(&db)
        .args([
            "--format",
            "json",
            "history",
            "--account",
            &other,
            "--limit",
            "50",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let history: Value = serde_json::from_slice(&out.stdout).unwrap();
    let refused_key_sign_ins = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "sign-in" && e["outcome"] == "wrong_credentials")
        .filter(|e| {
            e["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("public key")
        })
        .count();
    assert!(refused_key_sign_ins >= 1, "{history}");
}
