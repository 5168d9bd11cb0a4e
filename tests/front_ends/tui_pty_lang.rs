//! Issue 16 in a real terminal: the `certlink` binary in a pseudo-terminal with
//! `LANG=zh_CN.UTF-8` (and with `demo --lang zh-CN`) on the demo sandbox signs
//! in and shows Chinese text. Expected texts come from the catalog
//! (`certlink_i18n::Lang`) and the demo's own data (上海云桥科技有限公司);
//! every step waits for the screen with a deadline, on a fixed `--now`.

use certlink_i18n::Lang;

use super::tui_pty::Session;

/// The locale variables a test sets or clears: nothing of the machine's own.
fn locale(lang: Option<&'static str>) -> [(&'static str, Option<&'static str>); 4] {
    [
        ("LANG", lang),
        ("LC_ALL", None),
        ("LC_MESSAGES", None),
        ("CERTLINK_LANG", None),
    ]
}

/// Margaret (inside her cool-off, R9) and then 上海云桥's Global Admin sign in;
/// returns the last screen.
fn sign_in_margaret_then_li_na(s: &mut Session, lang: Lang) -> String {
    s.wait_for("margaret@contoso.com");
    s.send("margaret@contoso.com\tcertlink-demo\r");
    s.wait_for("Margaret Hamilton");
    // The cool-off counts its 20 days left in the screen's language.
    s.wait_for(&lang.countdown_days(20));
    s.send("x");
    // Back on the sign-in screen: its demo list starts with Ada.
    s.wait_for("ada@contoso.com");
    s.send("li.na@yunqiao.example.com\tcertlink-demo\r");
    // The final state: her name and her organization's Chinese name.
    s.wait_for("李娜");
    s.wait_for("上海云桥科技有限公司 (8765432)");
    let screen = s.screen();
    assert_tab_bar_in(&screen, lang);
    screen
}

/// The tab bar (the screen's first row) names the first tab, the profile,
/// with the catalog's title in `lang`, not in the other language.
fn assert_tab_bar_in(screen: &str, lang: Lang) {
    let bar = screen.lines().next().unwrap_or_default();
    let title = |lang: Lang| format!("1 {}", lang.tui_tab_profile());
    assert!(bar.contains(&title(lang)), "{bar:?}\n{screen}");
    for other in Lang::ALL.into_iter().filter(|&l| l != lang) {
        assert!(!bar.contains(&title(other)), "{bar:?}\n{screen}");
    }
}

#[test]
fn lang_zh_cn_opens_the_demo_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start_env(
        dir.path(),
        &["--db", db, "--now", "2026-11-23T12:00:00Z", "demo"],
        100,
        30,
        &locale(Some("zh_CN.UTF-8")),
    );
    let screen = sign_in_margaret_then_li_na(&mut s, Lang::ZhCn);
    assert!(!screen.contains(&Lang::En.countdown_days(20)), "{screen}");
    s.send("\x03");
    assert!(s.wait_exit(), "certlink exits cleanly");
}

#[test]
fn demo_lang_zh_cn_beats_an_english_locale() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.redb");
    let db = db.to_str().expect("utf-8 path");
    let mut s = Session::start_env(
        dir.path(),
        &[
            "--db",
            db,
            "--now",
            "2026-11-23T12:00:00Z",
            "demo",
            "--lang",
            "zh-CN",
        ],
        100,
        30,
        &locale(Some("en_US.UTF-8")),
    );
    sign_in_margaret_then_li_na(&mut s, Lang::ZhCn);
    s.send("\x03");
    assert!(s.wait_exit(), "certlink exits cleanly");
}
