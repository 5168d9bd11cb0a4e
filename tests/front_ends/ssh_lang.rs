//! Issue 16 over SSH: the client's own locale (`LANG`/`LC_*`/`CERTLINK_LANG`
//! sent in env requests) decides the language of what the server says, of
//! command output and of the app; the server's own locale never does; JSON
//! codes stay the same in every language; env requests are bounded
//! (src/ssh/locale.rs, docs/ssh.md "Language"). The real `certlink serve` on
//! a demo sandbox, an in-process russh client and the OpenSSH client.

use std::num::NonZeroU16;
use std::process::Command;

use certlink_i18n::Lang;
use russh::ChannelMsg;
use russh::client;
use serde_json::Value;
use tokio::time::Instant;

use crate::ssh_harness;
use ssh_harness::*;

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];

/// What the server answers to `demo` over ssh (an operator command), in `lang`.
fn operator_refusal(lang: Lang) -> String {
    format!("{}\n", lang.ssh_exec_error(lang.ssh_exec_operator()))
}

fn json(out: &Exec) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_lang_decides_exec_output_and_json_codes_stay_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let email = "alan@contoso.com";
    let alan = sign_in(&server, email, &password_of(&sign_ins, email)).await;

    // The client sends LANG: the refusal is in Chinese; without it, English.
    let zh = exec_env(&alan, ZH, "demo", b"").await;
    assert_eq!(zh.status, Some(2));
    assert_eq!(zh.stderr, operator_refusal(Lang::ZhCn));
    let en = exec(&alan, "demo", b"").await;
    assert_eq!(en.stderr, operator_refusal(Lang::En));
    assert!(en.stderr.starts_with("certlink: error: operator commands"));
    // POSIX order: LC_ALL over LANG; CERTLINK_LANG is an explicit choice.
    let lc_all = exec_env(
        &alan,
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
        "demo",
        b"",
    )
    .await;
    assert_eq!(lc_all.stderr, operator_refusal(Lang::En));
    let explicit = exec_env(
        &alan,
        &[("CERTLINK_LANG", "zh-CN"), ("LANG", "en_US.UTF-8")],
        "demo",
        b"",
    )
    .await;
    assert_eq!(explicit.stderr, operator_refusal(Lang::ZhCn));
    // `--lang` on the command line still wins over the client's locale.
    let flag = exec_env(&alan, ZH, "--lang en demo", b"").await;
    assert_eq!(flag.stderr, operator_refusal(Lang::En));

    // A refusal under --format json: the same code and kind, the message in
    // the client's language.
    let line = "--format json --now 2026-01-01T00:00:00Z profile";
    let (zh, en) = (
        exec_env(&alan, ZH, line, b"").await,
        exec(&alan, line, b"").await,
    );
    assert_eq!((zh.status, en.status), (Some(2), Some(2)));
    let (zh, en) = (json(&zh), json(&en));
    assert_eq!(zh["error"]["code"], "usage");
    assert_eq!(zh["error"]["code"], en["error"]["code"]);
    assert_eq!(zh["error"]["kind"], en["error"]["kind"]);
    assert_eq!(zh["error"]["message"], Lang::ZhCn.ssh_exec_not_over_ssh());
    assert_eq!(en["error"]["message"], Lang::En.ssh_exec_not_over_ssh());

    // A refusal by the service (Alan may not list the organization's
    // users): exit code, code and rule are the same in both languages.
    let line = "--format json user list";
    let (zh, en) = (
        exec_env(&alan, ZH, line, b"").await,
        exec(&alan, line, b"").await,
    );
    assert_eq!(zh.status, Some(1), "{}", zh.stderr);
    assert_eq!(zh.status, en.status);
    let (zh, en) = (json(&zh), json(&en));
    assert!(zh["error"]["code"].is_string(), "{zh}");
    assert_eq!(zh["error"]["code"], en["error"]["code"]);
    assert_eq!(zh["error"]["rule"], en["error"]["rule"]);
    assert!(zh["error"]["message"].is_string());

    // The command itself runs as in English: JSON keys and values unchanged.
    let (zh, en) = (
        exec_env(&alan, ZH, "profile --format json", b"").await,
        exec(&alan, "profile --format json", b"").await,
    );
    assert_eq!(zh.status, Some(0), "{}", zh.stderr);
    let (zh, en) = (json(&zh), json(&en));
    assert_eq!(zh["email"], en["email"]);
    assert_eq!(zh["associations_used"], 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_own_locale_never_decides_for_a_client() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    // The operator runs the server in Chinese.
    let server = Server::start_env(
        &db,
        &[],
        &[
            ("LANG", "zh_CN.UTF-8"),
            ("LC_ALL", "zh_CN.UTF-8"),
            ("CERTLINK_LANG", "zh-CN"),
        ],
    );
    let email = "alan@contoso.com";
    let alan = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    // A client that says nothing of its locale is answered in English.
    let en = exec(&alan, "demo", b"").await;
    assert_eq!(en.status, Some(2));
    assert_eq!(en.stderr, operator_refusal(Lang::En));
    let en = exec(&alan, "--format json --db x profile", b"").await;
    assert_eq!(
        json(&en)["error"]["message"],
        Lang::En.ssh_exec_not_over_ssh()
    );
    // One that says English is too; one that says Chinese gets Chinese.
    let said = exec_env(&alan, &[("LANG", "en_GB.UTF-8")], "demo", b"").await;
    assert_eq!(said.stderr, operator_refusal(Lang::En));
    let zh = exec_env(&alan, ZH, "demo", b"").await;
    assert_eq!(zh.stderr, operator_refusal(Lang::ZhCn));
}

/// Waits for `n` answers to requests sent with want_reply: (successes, failures).
async fn replies(channel: &mut russh::Channel<client::Msg>, n: usize) -> (usize, usize) {
    let (mut ok, mut refused) = (0, 0);
    let deadline = Instant::now() + DEADLINE;
    while ok + refused < n {
        match tokio::time::timeout_at(deadline, channel.wait()).await {
            Ok(Some(ChannelMsg::Success)) => ok += 1,
            Ok(Some(ChannelMsg::Failure)) => refused += 1,
            Ok(Some(_)) => {}
            Ok(None) => panic!("the channel closed"),
            Err(_) => panic!("only {ok} + {refused} of {n} answers"),
        }
    }
    (ok, refused)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn abuse_env_requests_are_bounded_per_channel() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    let email = "alan@contoso.com";
    let alan = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let mut channel = alan.channel_open_session().await.unwrap();
    // 1: kept. 2–31: refused (other names, however long; a value too long or
    // not printable ASCII). 32: kept. 33 on: refused, even a good one.
    channel.set_env(true, "LANG", "zh_CN.UTF-8").await.unwrap();
    channel
        .set_env(true, "X".repeat(30_000), "x")
        .await
        .unwrap();
    channel
        .set_env(true, "LANG", format!("en_US.{}", "x".repeat(30_000)))
        .await
        .unwrap();
    channel
        .set_env(true, "LANG", "en_US\u{1b}[2J")
        .await
        .unwrap();
    for i in 0..27 {
        channel
            .set_env(true, format!("JUNK{i}"), "x")
            .await
            .unwrap();
    }
    channel
        .set_env(true, "LC_MESSAGES", "zh_CN.UTF-8")
        .await
        .unwrap();
    for _ in 0..8 {
        channel
            .set_env(true, "LC_ALL", "en_US.UTF-8")
            .await
            .unwrap();
    }
    assert_eq!(replies(&mut channel, 40).await, (2, 38));
    // What was kept decides: Chinese (the LC_ALL past the bound was not kept).
    channel.exec(true, "demo").await.unwrap();
    channel.eof().await.unwrap();
    let mut stderr = String::new();
    let read = async {
        while let Some(msg) = channel.wait().await {
            if let ChannelMsg::ExtendedData { data, ext: 1 } = msg {
                stderr.push_str(&String::from_utf8_lossy(&data));
            }
        }
    };
    tokio::time::timeout(DEADLINE, read).await.unwrap();
    assert_eq!(stderr, operator_refusal(Lang::ZhCn));
    // The connection and everyone else go on.
    let profile = exec(&alan, "profile", b"").await;
    assert_eq!(profile.status, Some(0), "{}", profile.stderr);
}

/// The app over ssh, with the client's `env`, until `done` holds for its screen.
async fn app_screen(
    handle: &client::Handle<Pinned>,
    env: &[(&str, &str)],
    done: impl Fn(&str) -> bool,
) -> String {
    let mut channel = handle.channel_open_session().await.unwrap();
    for (name, value) in env {
        channel.set_env(false, *name, *value).await.unwrap();
    }
    channel
        .request_pty(true, "xterm-256color", 100, 30, 0, 0, &[])
        .await
        .unwrap();
    channel.request_shell(true).await.unwrap();
    let size = |n| NonZeroU16::new(n).unwrap();
    let mut screen = vt100::Parser::new(size(30), size(100), 0);
    let deadline = Instant::now() + DEADLINE;
    while !done(&screen.screen().contents()) {
        match tokio::time::timeout_at(deadline, channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => screen.process(&data),
            Ok(Some(_)) => {}
            Ok(None) => panic!("the app ended:\n{}", screen.screen().contents()),
            Err(_) => panic!("not within {DEADLINE:?}:\n{}", screen.screen().contents()),
        }
    }
    let _ = channel.data(&b"q"[..]).await;
    screen.screen().contents()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_over_ssh_speaks_the_client_language() {
    let dir = tempfile::tempdir().unwrap();
    let (db, sign_ins) = sandbox(dir.path());
    let server = Server::start(&db, &[]);
    // Margaret is inside her cool-off (R9): her profile counts the days.
    let email = "margaret@contoso.com";
    let margaret = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let countdown = |lang: Lang| lang.countdown_days(20);
    let zh = app_screen(&margaret, ZH, |s| s.contains(&countdown(Lang::ZhCn))).await;
    assert!(!zh.contains(&countdown(Lang::En)), "{zh}");
    // The tab bar (the first row) names the profile tab with the catalog's
    // Chinese title.
    let profile_tab = |lang: Lang| format!("1 {}", lang.tui_tab_profile());
    let bar = |screen: &str| screen.lines().next().unwrap_or_default().to_string();
    assert!(bar(&zh).contains(&profile_tab(Lang::ZhCn)), "{zh}");
    assert!(!bar(&zh).contains(&profile_tab(Lang::En)), "{zh}");
    let en = app_screen(&margaret, &[], |s| s.contains(&countdown(Lang::En))).await;
    assert!(!en.contains(&countdown(Lang::ZhCn)), "{en}");
    assert!(bar(&en).contains(&profile_tab(Lang::En)), "{en}");
    // 上海云桥's Global Admin sees her organization's Chinese name.
    let email = "li.na@yunqiao.example.com";
    let li = sign_in(&server, email, &password_of(&sign_ins, email)).await;
    let screen = app_screen(&li, ZH, |s| s.contains("上海云桥科技有限公司")).await;
    assert!(screen.contains("李娜"), "{screen}");
}

fn have(program: &str) -> bool {
    Command::new(program).arg("-V").output().is_ok()
}

#[test]
fn openssh_set_env_lang_is_the_client_language() {
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
    // The server's own locale says Chinese: it must not matter.
    let server = Server::start_env(&db, &[], &[("LANG", "zh_CN.UTF-8")]);
    let email = "alan@contoso.com";
    let password = password_of(&sign_ins, email);
    let key_file = format!("{}.host_ed25519_key", db.display());
    let public = Command::new("ssh-keygen")
        .args(["-y", "-f", &key_file])
        .output()
        .unwrap();
    assert!(public.status.success());
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
    let ssh = |set_env: Option<&str>, command: &str| {
        let mut c = Command::new("ssh");
        // No ssh_config: nothing is sent but what the test says.
        c.args(["-F", "/dev/null", "-p", &server.port.to_string()])
            .args(["-o", "StrictHostKeyChecking=yes"])
            .arg("-o")
            .arg(format!("UserKnownHostsFile={}", known_hosts.display()))
            .args([
                "-o",
                "PreferredAuthentications=password",
                "-o",
                "NumberOfPasswordPrompts=1",
                "-o",
                "ConnectTimeout=20",
            ]);
        if let Some(set_env) = set_env {
            c.arg("-o").arg(format!("SetEnv={set_env}"));
        }
        c.args(["-l", email, "--", "127.0.0.1", command])
            .env("SSH_ASKPASS", &askpass)
            .env("SSH_ASKPASS_REQUIRE", "force")
            .env("DISPLAY", ":0")
            // The client's own process locale is not sent without SendEnv.
            .env("LANG", "zh_CN.UTF-8")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let zh = ssh(Some("LANG=zh_CN.UTF-8"), "demo");
    assert_eq!(zh.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&zh.stderr);
    assert!(stderr.contains(&operator_refusal(Lang::ZhCn)), "{stderr}");
    let en = ssh(None, "demo");
    let stderr = String::from_utf8_lossy(&en.stderr);
    assert!(stderr.contains(&operator_refusal(Lang::En)), "{stderr}");
    // JSON under Chinese: the same code as in English.
    let zh = ssh(Some("LANG=zh_CN.UTF-8"), "--format json --as x@y.z profile");
    let en = ssh(None, "--format json --as x@y.z profile");
    let (zh, en): (Value, Value) = (
        serde_json::from_slice(&zh.stdout).unwrap(),
        serde_json::from_slice(&en.stdout).unwrap(),
    );
    assert_eq!(zh["error"]["code"], en["error"]["code"]);
    assert_eq!(zh["error"]["message"], Lang::ZhCn.ssh_exec_not_over_ssh());
}
