//! The real OpenSSH client against `certlink serve` (issue 6): host key pinned in a
//! known_hosts file (StrictHostKeyChecking=yes), password from SSH_ASKPASS, one
//! exec with its output and exit status. `.ci/run` installs openssh-client; on a
//! developer machine without `ssh` the test says so and passes only outside CI.

mod ssh_harness;

use std::process::Command;

use ssh_harness::*;

fn have(program: &str) -> bool {
    Command::new(program).arg("-V").output().is_ok()
}

#[test]
fn openssh_client_runs_a_command_with_the_host_key_pinned() {
    if !have("ssh") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have openssh-client (.ci/run installs it)"
        );
        eprintln!("no ssh client on this machine: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let email = "alan@contoso.com";
    let password = password_of(&sign_ins, email);

    // known_hosts from the server's own key file (public half via ssh-keygen).
    let key_file = format!("{}.host_ed25519_key", db.display());
    let public = Command::new("ssh-keygen")
        .args(["-y", "-f", &key_file])
        .output()
        .unwrap();
    assert!(
        public.status.success(),
        "{}",
        String::from_utf8_lossy(&public.stderr)
    );
    let known_hosts = dir.path().join("known_hosts");
    std::fs::write(
        &known_hosts,
        format!(
            "[127.0.0.1]:{} {}",
            server.port,
            String::from_utf8_lossy(&public.stdout)
        ),
    )
    .unwrap();
    // SSH_ASKPASS answers the password prompt without a terminal.
    let askpass = dir.path().join("askpass.sh");
    std::fs::write(
        &askpass,
        format!("#!/bin/sh\nprintf '%s\\n' '{password}'\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let ssh = |command: &str| {
        Command::new("ssh")
            .args(["-F", "/dev/null", "-p", &server.port.to_string()])
            .args(["-o", "StrictHostKeyChecking=yes"])
            .arg("-o")
            .arg(format!("UserKnownHostsFile={}", known_hosts.display()))
            .args([
                "-o",
                "PreferredAuthentications=password",
                "-o",
                "NumberOfPasswordPrompts=1",
            ])
            .args([
                "-o",
                "ConnectTimeout=20",
                "-l",
                email,
                "--",
                "127.0.0.1",
                command,
            ])
            .env("SSH_ASKPASS", &askpass)
            .env("SSH_ASKPASS_REQUIRE", "force")
            .env("DISPLAY", ":0")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let out = ssh("profile --format json");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profile: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(profile["email"], email);
    assert_eq!(profile["associations_used"], 3);
    // A refused command keeps its exit status through OpenSSH.
    assert_eq!(ssh("user list").status.code(), Some(1));
    let refused = ssh("--db /tmp/x profile");
    assert_eq!(
        refused.status.code(),
        Some(2),
        "stderr: {}",
        String::from_utf8_lossy(&refused.stderr)
    );
}
