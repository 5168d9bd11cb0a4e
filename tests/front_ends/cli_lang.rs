//! The CLI in English and 简体中文 (issue 16): the language comes from
//! `--lang`, then `CERTLINK_LANG`, then `LC_ALL`/`LC_MESSAGES`/`LANG`; what
//! scripts read (exit codes, JSON keys, refusal code and rule, CSV headers)
//! is the same in both. Expected Chinese words come from the catalog, so a
//! change of wording does not break these tests.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use certlink_i18n::Lang;
use certlink_i18n::width::width;
use serde_json::Value;

use crate::cli_harness::{bare, json};
use crate::sandbox_clock::T0;

/// A demo sandbox with its own clock: one minute per command after T0.
struct Sandbox {
    _dir: tempfile::TempDir,
    db: PathBuf,
    minutes: Cell<i64>,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.redb");
        plain(&db)
            .args(["--now", T0, "--format", "json", "demo"])
            .assert()
            .success();
        Sandbox {
            _dir: dir,
            db,
            minutes: Cell::new(0),
        }
    }

    fn next_now(&self) -> String {
        self.minutes.set(self.minutes.get() + 1);
        (chrono::DateTime::parse_from_rfc3339(T0).unwrap()
            + chrono::TimeDelta::minutes(self.minutes.get()))
        .to_rfc3339()
    }

    /// `certlink --now NEXT --as EMAIL ARGS`, the demo passwords set, no
    /// language from the environment (each test sets what it tests).
    fn as_person(&self, email: &str, password: &str, args: &[&str]) -> Command {
        let mut c = plain(&self.db);
        c.args(["--now", &self.next_now(), "--as", email])
            .env("CERTLINK_PASSWORD", password)
            .env("CERTLINK_MCID_PASSWORD", "learn-demo-pass")
            .args(args);
        c
    }

    fn alan(&self, args: &[&str]) -> Command {
        self.as_person("alan@contoso.com", "certlink-demo", args)
    }

    fn ada(&self, args: &[&str]) -> Command {
        self.as_person("ada@contoso.com", "certlink-demo", args)
    }
}

/// The binary with no language variable from the test's own environment.
fn plain(db: &Path) -> Command {
    let mut c = bare(db);
    for name in ["CERTLINK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(name);
    }
    c
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// R9: the same refusal in both languages has the same code, rule, date and
/// exit code; only the message is the reader's (the countdown in Chinese).
#[test]
fn a_refusal_has_the_same_code_and_rule_in_both_languages() {
    let s = Sandbox::new();
    s.alan(&["unlink"]).assert().success();
    let link = ["link", "--mcid-email", "alan.turing@learn.example.com"];
    let refused = |lang: &str| {
        let out = s
            .alan(&[&["--lang", lang, "--format", "json"][..], &link[..]].concat())
            .assert()
            .code(1);
        json(&out)["error"].clone()
    };
    let en = refused("en");
    let zh = refused("zh-CN");
    assert_eq!(en["code"], "limit_reached");
    assert_eq!(en["rule"], "R9");
    assert_eq!(zh["code"], en["code"]);
    assert_eq!(zh["rule"], en["rule"]);
    assert_eq!(zh["next_allowed"], en["next_allowed"]);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&zh), keys(&en));
    let (en_message, zh_message) = (
        en["message"].as_str().unwrap(),
        zh["message"].as_str().unwrap(),
    );
    assert_ne!(zh_message, en_message);
    assert!(has_han(zh_message), "{zh_message}");
    assert!(!has_han(en_message), "{en_message}");
    // The refusal's dates are worded in the reader's language: the ISO
    // date stays, the countdown is Chinese.
    assert!(zh_message.contains("2027-01-27 12:00 UTC"), "{zh_message}");
    assert!(
        zh_message.contains(&Lang::ZhCn.countdown_days(65)),
        "{zh_message}"
    );
    assert!(en_message.contains("(in 65 days)"), "{en_message}");

    // In a terminal's words too, with the rule in the line.
    let out = s
        .alan(&[&["--lang", "zh-CN"][..], &link[..]].concat())
        .assert()
        .code(1);
    let line = stderr(&out);
    assert!(line.starts_with("certlink：已拒绝（R9）："), "{line}");
}

/// R13: a refusal whose way out is the CLI's own (the hint) is Chinese in
/// JSON and on the error stream, with the same code and rule.
#[test]
fn a_refusal_with_the_clis_hint_in_both_languages() {
    let s = Sandbox::new();
    let refused = |lang: &str| {
        let out = s
            .as_person(
                "donald@contoso.com",
                "temporary-demo",
                &["--lang", lang, "--format", "json", "profile"],
            )
            .assert()
            .code(1);
        json(&out)["error"].clone()
    };
    let en = refused("en");
    let zh = refused("zh-CN");
    assert_eq!(en["rule"], "R13");
    assert_eq!((&zh["code"], &zh["rule"]), (&en["code"], &en["rule"]));
    let zh_message = zh["message"].as_str().unwrap();
    assert!(
        zh_message.ends_with(Lang::ZhCn.cli_hint_password_change_local()),
        "{zh_message}"
    );
    assert!(
        en["message"]
            .as_str()
            .unwrap()
            .ends_with("Run `certlink password change`.")
    );
}

/// A human table in Chinese: Chinese headers, and every column starts at
/// the same display column on every line, 王小明's row included.
#[test]
fn a_table_in_chinese_is_aligned_by_display_width() {
    let s = Sandbox::new();
    let out = s
        .ada(&["--lang", "zh-CN", "user", "list"])
        .assert()
        .success();
    let text = stdout(&out);
    let zh = Lang::ZhCn;
    let header = text.lines().next().unwrap();
    assert!(header.starts_with(zh.cli_col_email()), "{text}");
    for column in [zh.cli_col_name(), zh.cli_col_status(), zh.cli_col_roles()] {
        assert!(header.contains(column), "{column}: {text}");
    }
    // The display column where a line's cell starts.
    let at = |line: &str, cell: &str| width(&line[..line.find(cell).unwrap()]);
    let wang = text.lines().find(|l| l.contains("王小明")).unwrap();
    let ada = text.lines().find(|l| l.contains("Ada Lovelace")).unwrap();
    // After the name: the status column, where 王小明 (6 columns, 3 chars)
    // and Ada Lovelace (12) both end their names.
    let status = at(header, zh.cli_col_status());
    assert_eq!(at(wang, zh.cli_status_active()), status, "{text}");
    assert_eq!(at(ada, zh.cli_status_active()), status, "{text}");
    assert_eq!(at(wang, "王小明"), at(header, zh.cli_col_name()), "{text}");
    assert!(wang.contains(zh.cli_role_word_user()), "{wang}");
    // Key/value pairs align their values by display width too.
    let out = s
        .as_person(
            "wang@contoso.com",
            "certlink-demo",
            &["--lang", "zh-CN", "profile"],
        )
        .assert()
        .success();
    let text = stdout(&out);
    let starts: Vec<usize> = text
        .lines()
        .map(|line| {
            let value = line.trim_end().len() - line[line.find("  ").unwrap()..].trim_start().len();
            width(&line[..value])
        })
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] == w[1]),
        "{starts:?}\n{text}"
    );
    assert!(text.starts_with(zh.cli_label_account()), "{text}");
}

/// The language from the environment: the locale, LC_ALL before LANG,
/// CERTLINK_LANG before the locale, `--lang` before all.
#[test]
fn the_environment_chooses_the_language_in_order() {
    let s = Sandbox::new();
    let account = |envs: &[(&str, &str)], args: &[&str]| {
        let mut c = s.alan(&[args, &["profile"][..]].concat());
        for (name, value) in envs {
            c.env(name, value);
        }
        let text = stdout(&c.assert().success());
        text.split("  ").next().unwrap().to_string()
    };
    let chinese = Lang::ZhCn.cli_label_account();
    let english = "Account";
    assert_eq!(account(&[], &[]), english);
    assert_eq!(account(&[("LANG", "zh_CN.UTF-8")], &[]), chinese);
    assert_eq!(
        account(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en"]),
        english
    );
    assert_eq!(
        account(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")], &[]),
        english
    );
    assert_eq!(
        account(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")], &[]),
        chinese
    );
    assert_eq!(
        account(
            &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")],
            &[]
        ),
        chinese
    );
    assert_eq!(
        account(&[("LC_ALL", "zh_CN.UTF-8"), ("CERTLINK_LANG", "en")], &[]),
        english
    );
    assert_eq!(
        account(&[("LANG", "en_US.UTF-8"), ("CERTLINK_LANG", "zh-CN")], &[]),
        chinese
    );
    assert_eq!(
        account(&[("CERTLINK_LANG", "zh-CN")], &["--lang", "en"]),
        english
    );
}

/// An unknown CERTLINK_LANG is an error (exit 2) that says what to set,
/// not silently English; `--lang` decides without it.
#[test]
fn an_unknown_certlink_lang_is_an_error() {
    let s = Sandbox::new();
    let out = s
        .alan(&["profile"])
        .env("CERTLINK_LANG", "fr")
        .assert()
        .code(2);
    let said = stderr(&out);
    assert!(said.contains("CERTLINK_LANG=fr"), "{said}");
    assert!(said.contains("en or zh-CN"), "{said}");
    assert!(stdout(&out).is_empty());
    // Under JSON it is the usual error object; in the locale's language.
    let out = s
        .alan(&["--format", "json", "profile"])
        .env("CERTLINK_LANG", "fr")
        .env("LANG", "zh_CN.UTF-8")
        .assert()
        .code(2);
    let e = &json(&out)["error"];
    assert_eq!(e["code"], "invalid");
    assert_eq!(
        e["message"],
        Lang::ZhCn.cli_bad_certlink_lang("fr").as_str()
    );
    s.alan(&["--lang", "en", "profile"])
        .env("CERTLINK_LANG", "fr")
        .assert()
        .success();
    // Set but empty is unset.
    s.alan(&["profile"])
        .env("CERTLINK_LANG", "")
        .assert()
        .success();
}

/// Exports for scripts keep their CSV headers and JSON keys in every
/// language; a human table's headers are the reader's.
#[test]
fn csv_headers_and_json_keys_are_the_same_in_both_languages() {
    let s = Sandbox::new();
    for report in ["skills", "users"] {
        let csv = |lang: &str| {
            stdout(
                &s.ada(&["--lang", lang, "--format", "csv", "report", report])
                    .assert()
                    .success(),
            )
        };
        let (en, zh) = (csv("en"), csv("zh-CN"));
        let header = |text: &str| text.lines().next().unwrap().to_string();
        assert_eq!(header(&zh), header(&en), "{report}");
        assert!(!has_han(&header(&zh)), "{report}: {zh}");
        assert!(header(&en).contains("email"), "{en}");
    }
    let profile = |lang: &str| {
        json(
            &s.alan(&["--lang", lang, "--format", "json", "profile"])
                .assert()
                .success(),
        )
    };
    // The sandbox clock's note (a clock ahead of the machine's, as under
    // .ci/calendar-check) carries the instant of each command: not a word.
    let without_clock = |mut v: serde_json::Value| {
        if let Some(o) = v.as_object_mut() {
            o.remove("sandbox_clock");
        }
        v
    };
    let (en, zh) = (
        without_clock(profile("en")),
        without_clock(profile("zh-CN")),
    );
    assert_eq!(en, zh, "a profile's JSON has no words to translate");
    let table = stdout(
        &s.ada(&["--lang", "zh-CN", "report", "skills"])
            .assert()
            .success(),
    );
    assert!(
        table
            .lines()
            .next()
            .unwrap()
            .starts_with(Lang::ZhCn.report_skills_mpn_id()),
        "{table}"
    );
    assert!(
        table
            .lines()
            .next()
            .unwrap()
            .contains(Lang::ZhCn.report_skills_skill())
    );
}

/// A success message in JSON follows the language; `ok` does not.
#[test]
fn a_json_message_follows_the_language() {
    let s = Sandbox::new();
    let out = s
        .alan(&["--lang", "zh-CN", "--format", "json", "unlink"])
        .assert()
        .success();
    let v = json(&out);
    assert_eq!(v["ok"], true);
    assert_eq!(v["associations_used"], 3);
    let message = v["message"].as_str().unwrap();
    assert!(message.starts_with("已删除访问权限"), "{message}");
}

impl Sandbox {
    /// An operator command (file access, no sign-in) on the sandbox clock.
    fn operator(&self, args: &[&str]) -> Command {
        let mut c = plain(&self.db);
        c.args(["--now", &self.next_now()]).args(args);
        c
    }

    fn sam(&self, args: &[&str]) -> Command {
        self.as_person("sam@support.example.com", "support-demo", args)
    }
}

/// The users report's table speaks the reader's language in its headings
/// and its words (status, yes/no, roles); the CSV keeps its column names and
/// its English words for scripts.
#[test]
fn the_users_report_table_speaks_chinese_and_its_csv_does_not() {
    let s = Sandbox::new();
    let zh = Lang::ZhCn;
    let text = stdout(
        &s.ada(&["--lang", "zh-CN", "report", "users"])
            .assert()
            .success(),
    );
    let header = text.lines().next().unwrap();
    assert!(header.starts_with(zh.report_users_email()), "{text}");
    assert!(header.contains(zh.report_users_pu_access()), "{text}");
    let ada = text
        .lines()
        .find(|l| l.contains("ada@contoso.com"))
        .unwrap();
    for word in [
        zh.cli_status_active(),
        zh.report_yes(),
        zh.report_no(),
        zh.domain_role_global_admin(),
    ] {
        assert!(ada.contains(word), "{word}: {ada}");
    }
    assert!(!ada.contains("active") && !ada.contains("yes"), "{ada}");
    let csv = stdout(
        &s.ada(&["--lang", "zh-CN", "--format", "csv", "report", "users"])
            .assert()
            .success(),
    );
    assert!(
        csv.starts_with("email,name,status,roles,pu_access,linked_learning_account"),
        "{csv}"
    );
    assert!(
        csv.contains("ada@contoso.com,Ada Lovelace,active,"),
        "{csv}"
    );
}

/// A history table: the outcome and a hidden organization in Chinese; the
/// refusal's code, the rule and the action stay as they are.
#[test]
fn history_speaks_chinese_with_codes_kept() {
    let s = Sandbox::new();
    let zh = Lang::ZhCn;
    s.alan(&["link", "--mcid-email", "alan.turing@learn.example.com"])
        .assert()
        .code(1);
    let text = stdout(
        &s.ada(&["--lang", "zh-CN", "history", "--mcid", "10000001"])
            .assert()
            .success(),
    );
    assert!(text.contains(zh.core_audit_done()), "{text}");
    assert!(text.contains(zh.core_audit_other_org()), "{text}");
    assert!(
        text.contains(&zh.cli_outcome_refused("already_linked_here", "R6")),
        "{text}"
    );
    // The organization column says it; the audit record's own detail
    // stays as it was written.
    assert!(
        text.contains(&zh.cli_org_from_other("1234567", zh.core_audit_other_org())),
        "{text}"
    );
    assert!(!text.contains("  done  "), "{text}");
    // JSON stays neutral.
    let v = json(
        &s.ada(&[
            "--lang", "zh-CN", "--format", "json", "history", "--mcid", "10000001",
        ])
        .assert()
        .success(),
    );
    let outcomes: Vec<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    assert!(outcomes.contains(&"done"), "{outcomes:?}");
}

/// A support engineer's view of a person: a link's end reason in Chinese.
#[test]
fn a_persons_link_history_says_why_links_ended_in_chinese() {
    let s = Sandbox::new();
    let text = stdout(
        &s.sam(&["--lang", "zh-CN", "lookup", "--person", "alan@contoso.com"])
            .assert()
            .success(),
    );
    let moved = Lang::ZhCn.domain_end_moved();
    assert!(
        text.lines()
            .any(|l| l.contains("Northwind") && l.contains(moved)),
        "{text}"
    );
    assert!(!text.contains("moved"), "{text}");
}

/// The settings' meanings in the reader's language, in the table and in
/// JSON; the keys and values stay.
#[test]
fn settings_mean_something_in_chinese() {
    let s = Sandbox::new();
    let zh = Lang::ZhCn;
    let text = stdout(
        &s.operator(&["--lang", "zh-CN", "admin", "settings", "show"])
            .assert()
            .success(),
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("association_limit"))
        .unwrap();
    assert!(
        line.ends_with(zh.domain_setting_association_limit()),
        "{line}"
    );
    let v = json(
        &s.operator(&[
            "--lang", "zh-CN", "--format", "json", "admin", "settings", "show",
        ])
        .assert()
        .success(),
    );
    assert_eq!(
        v["meanings"]["cool_off_days"],
        zh.domain_setting_cool_off_days()
    );
    let en = json(
        &s.operator(&[
            "--lang", "en", "--format", "json", "admin", "settings", "show",
        ])
        .assert()
        .success(),
    );
    assert_eq!(
        en["meanings"]["cool_off_days"],
        "R9 C: days between the starts of two associations"
    );
    assert_eq!(v["settings"], en["settings"]);
}

/// What is not found is said in Chinese (core's words), with the CLI's own
/// hint where it has one; the exit code is the English one.
#[test]
fn not_found_is_said_in_chinese() {
    let s = Sandbox::new();
    let zh = Lang::ZhCn;
    let out = s
        .operator(&["--lang", "zh-CN", "key", "list", "nobody@contoso.com"])
        .assert()
        .code(1);
    let line = stderr(&out);
    assert!(
        line.contains(&zh.core_not_found_account_with_email("nobody@contoso.com")),
        "{line}"
    );
    let out = s
        .operator(&[
            "--lang",
            "zh-CN",
            "key",
            "remove",
            "ada@contoso.com",
            "SHA256:xyz",
        ])
        .assert()
        .code(1);
    let line = stderr(&out);
    assert!(
        line.contains(&zh.cli_key_not_found_see(
            zh.core_not_found_key("ada@contoso.com", "SHA256:xyz"),
            "ada@contoso.com"
        )),
        "{line}"
    );
    let out = s
        .operator(&["--lang", "en", "key", "list", "nobody@contoso.com"])
        .assert()
        .code(1);
    assert_eq!(
        without_clock_note(&stderr(&out)),
        "certlink: error: no account with email nobody@contoso.com\n"
    );
}

/// An import's rejected rows are said in the reader's language, line by
/// line; the field names and the parser's own words stay; the English is as
/// it was; the exit code is the same.
#[test]
fn an_imports_rejected_rows_are_said_in_chinese() {
    let s = Sandbox::new();
    let zh = Lang::ZhCn;
    let file = s.db.with_file_name("bad.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"mcid":10000001,"kind":"exam","skill_id":"AZ 1","name":"x","date":"2026-01-01","passed":true}"#,
            "\n",
            r#"{"mcid":19999999,"kind":"exam","skill_id":"AZ-1","name":"x","date":"2026-01-01","passed":true}"#,
            "\n",
        ),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let zh_text = stderr(
        &s.operator(&["--lang", "zh-CN", "import", path])
            .assert()
            .code(2),
    );
    assert!(zh_text.contains(zh.core_nothing_imported()), "{zh_text}");
    let first = zh.core_import_line(1, zh.core_import_skill_id_spaces("AZ 1"));
    assert!(zh_text.contains(&first), "{zh_text}");
    // The rows that parse are checked against the database: nothing is
    // written while a row is bad, so only the parser's problem is said.
    let en_text = stderr(
        &s.operator(&["--lang", "en", "import", path])
            .assert()
            .code(2),
    );
    assert_eq!(
        without_clock_note(&en_text),
        "certlink: error: nothing imported:\nline 1: skill_id 'AZ 1' must not contain spaces\n"
    );
    std::fs::write(
        &file,
        concat!(
            r#"{"mcid":19999999,"kind":"exam","skill_id":"AZ-1","name":"x","date":"2026-01-01","passed":true}"#,
            "\n"
        ),
    )
    .unwrap();
    let zh_text = stderr(
        &s.operator(&["--lang", "zh-CN", "import", path])
            .assert()
            .code(2),
    );
    let line = zh.core_import_line(1, zh.core_import_not_registered("MCID 19999999"));
    assert!(zh_text.contains(&line), "{zh_text}");
    let en_text = stderr(
        &s.operator(&["--lang", "en", "import", path])
            .assert()
            .code(2),
    );
    assert!(
        without_clock_note(&en_text).ends_with("line 1: no MCID 19999999 is registered\n"),
        "{en_text}"
    );
}

/// The outbox's errors are worded in the reader's language around what the
/// system said; the exit code is the English one.
#[test]
fn an_outbox_error_is_said_in_chinese() {
    let s = Sandbox::new();
    let config = s.db.with_extension("config.toml");
    let _ = std::fs::remove_file(&config);
    let zh = stderr(
        &s.operator(&["--lang", "zh-CN", "outbox", "send"])
            .assert()
            .code(2),
    );
    let path = config.display().to_string();
    let words = Lang::ZhCn.cli_outbox_config(path.as_str(), "");
    assert!(zh.contains(words.as_str()), "{zh}");
    let en = stderr(
        &s.operator(&["--lang", "en", "outbox", "send"])
            .assert()
            .code(2),
    );
    assert!(
        en.starts_with(&format!("certlink: error: config file {path}: ")),
        "{en}"
    );
}

/// stderr without the sandbox clock's note, which a clock ahead of the
/// machine's adds (as under .ci/calendar-check's -400 days).
fn without_clock_note(text: &str) -> String {
    text.lines()
        .filter(|line| !line.starts_with("sandbox clock: ") && !line.starts_with("沙盒时钟"))
        .map(|line| format!("{line}\n"))
        .collect()
}
