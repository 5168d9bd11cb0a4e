//! Twenty SSH sessions at once (issue 6): people of three organizations link,
//! move and unlink the same few MCIDs through `certlink serve`, on a sandbox whose
//! R9 settings allow many moves (N = 100, C = 0). Afterwards every invariant of
//! domain.md holds (`admin check`) and every acknowledged change is in the audit.

use crate::ssh_harness;

use std::collections::BTreeMap;

use serde_json::Value;
use ssh_harness::*;

const PROFILES: [&str; 3] = [
    "edsger.dijkstra@learn.example.com",
    "dennis.ritchie@learn.example.com",
    "niklaus.wirth@learn.example.com",
];
const ROUNDS: usize = 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_sessions_link_move_and_unlink_the_same_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    for (at, key, value) in [
        ("2026-11-23T12:00:10Z", "association_limit", "100"),
        ("2026-11-23T12:00:20Z", "cool_off_days", "0"),
    ] {
        let out = certlink(&db)
            .args(["--now", at, "admin", "settings", "set", key, value])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Twenty active people without links yet or with their own, across organizations.
    let people: Vec<String> = sign_ins["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "active")
        .map(|a| a["email"].as_str().unwrap().to_string())
        .take(20)
        .collect();
    assert_eq!(people.len(), 20);
    let server = Server::start(&db, &[]);

    let mut tasks = Vec::new();
    for (i, email) in people.iter().cloned().enumerate() {
        let password = password_of(&sign_ins, &email);
        let port = server.port;
        let fingerprint = server.fingerprint.clone();
        tasks.push(tokio::spawn(async move {
            let handle = connect_to(port, &fingerprint, &email, &password).await;
            // Acknowledged (exit 0) links and unlinks of this person.
            let mut acknowledged = BTreeMap::from([("link", 0usize), ("unlink", 0usize)]);
            for round in 0..ROUNDS {
                let profile = PROFILES[(i + round) % PROFILES.len()];
                let link = exec(
                    &handle,
                    &format!("link --mcid-email {profile} --password-stdin --yes"),
                    b"learn-demo-pass\n",
                )
                .await;
                match link.status {
                    Some(0) => *acknowledged.get_mut("link").unwrap() += 1,
                    // Refused by a rule (e.g. R4 "unlink first"): changes nothing.
                    Some(1) => {}
                    other => panic!("{email}: link ended with {other:?}: {}", link.stderr),
                }
                let unlink = exec(&handle, "unlink", b"").await;
                match unlink.status {
                    Some(0) => *acknowledged.get_mut("unlink").unwrap() += 1,
                    // R7: nothing to unlink when someone else took the profile meanwhile.
                    Some(1) => {}
                    other => panic!("{email}: unlink ended with {other:?}: {}", unlink.stderr),
                }
            }
            (email, acknowledged)
        }));
    }
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    drop(server);

    // Every invariant holds on the file the server wrote.
    let check = certlink(&db).args(["admin", "check"]).output().unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    // Every acknowledged change is in the audit, by its actor (the demo's own
    // history is older than the server's clock).
    let served_from: chrono::DateTime<chrono::Utc> = SERVE_NOW.parse().unwrap();
    let total: usize = results.iter().map(|(_, a)| a.values().sum::<usize>()).sum();
    assert!(total > 20, "the sessions did real work ({total} changes)");
    for (email, acknowledged) in results {
        let out = certlink(&db)
            .args([
                "--format",
                "json",
                "history",
                "--account",
                &email,
                "--limit",
                "1000",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let history: Value = serde_json::from_slice(&out.stdout).unwrap();
        for (action, count) in acknowledged {
            let audited = history["entries"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| {
                    e["at"]
                        .as_str()
                        .and_then(|t| t.parse::<chrono::DateTime<chrono::Utc>>().ok())
                        .is_some_and(|t| t >= served_from)
                        && e["action"] == action
                        && e["outcome"] == "done"
                        && e["actor"] == email.as_str()
                })
                .count();
            assert_eq!(audited, count, "{email}: {action}");
        }
    }
}
