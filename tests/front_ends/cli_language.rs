//! Issue 16: `certlink profile language` saves the person's language on
//! their profile; later commands without `--lang` speak it, `--lang` still
//! comes first, and JSON keys stay language-neutral (the languages are tags).
//! Every command runs at an instant the test chose (`--now`).

use std::path::Path;

use assert_cmd::Command;
use certlink_i18n::Lang;

use crate::cli_harness::{bare, demo, json};
use crate::sandbox_clock::next_now;

/// `--as EMAIL` with the demo password, at the next instant of the test
/// clock, with no language from the environment (the locale is C).
fn as_(db: &Path, email: &str) -> Command {
    let mut c = bare(db);
    c.args(["--now", &next_now(), "--as", email])
        .env("CERTLINK_PASSWORD", "certlink-demo")
        .env_remove("CERTLINK_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    c
}

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

#[test]
fn a_saved_language_speaks_in_later_commands_and_lang_still_wins() {
    let (_dir, db) = demo();
    let ada = "ada@contoso.com";

    // Nothing saved: the locale (C) decides, English.
    let out = as_(&db, ada)
        .args(["--format", "json", "profile", "language"])
        .assert()
        .success();
    let shown = json(&out);
    assert_eq!(shown["language"], serde_json::Value::Null);
    assert_eq!(shown["in_use"], "en");

    // Saved: the answer already speaks Chinese.
    let out = as_(&db, ada)
        .args(["profile", "language", "zh-CN"])
        .assert()
        .success();
    assert_eq!(
        stdout(&out),
        format!("{}\n", Lang::ZhCn.pref_saved("简体中文"))
    );

    // A later command without --lang speaks it.
    let out = as_(&db, ada)
        .args(["profile", "language"])
        .assert()
        .success();
    let text = stdout(&out);
    assert!(text.contains(Lang::ZhCn.pref_show_saved()), "{text}");
    assert!(text.contains(Lang::ZhCn.pref_show_in_use()), "{text}");
    assert!(text.contains("简体中文"), "{text}");
    let out = as_(&db, ada)
        .args(["--format", "json", "profile", "language"])
        .assert()
        .success();
    let shown = json(&out);
    assert_eq!(shown["language"], "zh-CN");
    assert_eq!(shown["in_use"], "zh-CN");
    // The profile's JSON has it too, as its tag.
    let out = as_(&db, ada)
        .args(["--format", "json", "profile"])
        .assert()
        .success();
    assert_eq!(json(&out)["language"], "zh-CN");

    // --lang en still comes first, and so does CERTLINK_LANG.
    let out = as_(&db, ada)
        .args(["--lang", "en", "profile", "language"])
        .assert()
        .success();
    let text = stdout(&out);
    assert!(text.contains(Lang::En.pref_show_saved()), "{text}");
    assert!(text.contains("In use"), "{text}");
    let out = as_(&db, ada)
        .env("CERTLINK_LANG", "en")
        .args(["--format", "json", "profile", "language"])
        .assert()
        .success();
    assert_eq!(json(&out)["in_use"], "en");

    // Another person's output is theirs: Grace saved nothing.
    let out = as_(&db, "grace@contoso.com")
        .args(["--format", "json", "profile", "language"])
        .assert()
        .success();
    assert_eq!(json(&out)["language"], serde_json::Value::Null);

    // Cleared: the locale decides again, and the answer says so in English.
    let out = as_(&db, ada)
        .args(["--format", "json", "profile", "language", "--clear"])
        .assert()
        .success();
    let cleared = json(&out);
    assert_eq!(cleared["ok"], true);
    assert_eq!(cleared["language"], serde_json::Value::Null);
    assert_eq!(cleared["in_use"], "en");
    assert_eq!(cleared["message"], Lang::En.pref_cleared());
}

#[test]
fn a_language_certlink_does_not_speak_is_a_usage_error() {
    let (_dir, db) = demo();
    as_(&db, "ada@contoso.com")
        .args(["profile", "language", "fr"])
        .assert()
        .code(2);
    as_(&db, "ada@contoso.com")
        .args(["profile", "language", "zh-CN", "--clear"])
        .assert()
        .code(2);
}
