//! Issue 16: a zh-CN screen has no English left in it. Every tab of three
//! kinds of person (a Global Admin, a plain user, a support engineer), each
//! with its help overlay, and the sign-in and password-change screens, in
//! 简体中文 at 80x24: no screen holds a run of three or more lower-case
//! English words in a row (a sentence left in English). Names, emails, ids,
//! key names and product names are capitalized, hyphenated or dotted, so
//! they never make such a run; the few that do are allowed by name below.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::tests::{act, demo_app, sign_in};
use crate::action::Action;
use crate::app::App;
use crate::draw;
use certlink_core::demo;
use certlink_i18n::width::width;
use certlink_i18n::{Choice, Lang};

/// Runs of lower-case words that are no English left behind: a command a
/// person types as it is (the outbox of a sandbox is sent with it).
const ALLOWED: &[&str] = &["certlink outbox send"];

/// The demo sandbox as `--lang zh-CN` opens it: the sign-in screen's
/// labels too ([`App::with_lang`]).
fn zh_app() -> App {
    let app = demo_app().with_lang(Choice {
        explicit: Some(Lang::ZhCn),
        locale: None,
    });
    assert_eq!(app.lang, Lang::ZhCn);
    app
}

/// The screen as text, a line per row.
fn screen(app: &mut App) -> Vec<String> {
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    let completed = terminal
        .draw(|frame| draw::draw(frame, app))
        .expect("draw into a test backend");
    let buffer = completed.buffer.clone();
    (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                // A wide character's right half is no space of the text.
                x += width(symbol).clamp(1, 2) as u16;
            }
            line
        })
        .collect()
}

/// The runs of three or more lower-case ASCII words on `line`, words being
/// its ASCII letters split on everything else. Only words one space apart
/// make a run: a dot or an `@` (an email), a hyphen (an id), a digit, a
/// border or a table's gap between columns ends it.
fn english_runs(line: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut gap = String::new();
    let mut end_run = |run: &mut Vec<String>| {
        if run.len() >= 3 {
            runs.push(run.join(" "));
        }
        run.clear();
    };
    for c in line.chars().chain(std::iter::once('\n')) {
        if c.is_ascii_alphabetic() {
            if !gap.is_empty() {
                if gap != " " {
                    end_run(&mut run);
                }
                gap.clear();
            }
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            if word.chars().all(|c| c.is_ascii_lowercase()) {
                run.push(std::mem::take(&mut word));
            } else {
                word.clear();
                end_run(&mut run);
            }
        }
        gap.push(c);
    }
    end_run(&mut run);
    runs.retain(|r| !ALLOWED.iter().any(|a| r.contains(a)));
    runs
}

/// Every English run of every screen, named by where it was seen.
fn untranslated(app: &mut App, what: &str, found: &mut Vec<String>) {
    for line in screen(app) {
        for run in english_runs(&line) {
            found.push(format!("{what}: {run:?} in {:?}", line.trim_end()));
        }
    }
}

#[test]
fn no_zh_cn_screen_has_english_words_left() {
    let mut found = Vec::new();
    let mut app = zh_app();
    let sign_in_screen = screen(&mut app).join("\n");
    assert!(
        sign_in_screen.contains(Lang::ZhCn.tui_signin_email()),
        "{sign_in_screen}"
    );
    untranslated(&mut app, "sign-in", &mut found);
    act(&mut app, Action::OpenHelp);
    untranslated(&mut app, "sign-in help", &mut found);
    let mut app = zh_app();
    sign_in(&mut app, "donald@contoso.com", demo::INVITED_PASSWORD);
    untranslated(&mut app, "password change", &mut found);
    act(&mut app, Action::OpenHelp);
    untranslated(&mut app, "password change help", &mut found);
    for (email, password) in [
        ("ada@contoso.com", demo::ACCOUNT_PASSWORD),
        ("edsger@contoso.com", demo::ACCOUNT_PASSWORD),
        ("sam@support.example.com", demo::SUPPORT_PASSWORD),
    ] {
        let mut app = zh_app();
        sign_in(&mut app, email, password);
        let tabs = app.main().map(|m| m.tabs.len()).unwrap_or(0);
        assert!(tabs > 1, "{email} signed in");
        for tab in 0..tabs {
            act(&mut app, Action::SelectTab(tab));
            let what = format!("{email} tab {}", tab + 1);
            untranslated(&mut app, &what, &mut found);
            act(&mut app, Action::OpenHelp);
            untranslated(&mut app, &format!("{what} help"), &mut found);
            act(&mut app, Action::Back);
        }
    }
    assert!(
        found.is_empty(),
        "English left on zh-CN screens:\n{}",
        found.join("\n")
    );
}

/// The check itself: an English sentence is found, names, emails, ids and
/// table columns are not.
#[test]
fn the_check_finds_a_sentence_and_spares_names_and_ids() {
    assert_eq!(
        english_runs("警告：the names differ (Barbara Liskov / 王小明)"),
        ["the names differ"]
    );
    assert_eq!(
        english_runs("Merge only two profiles of one person (R15)."),
        ["only two profiles of one person"]
    );
    for spared in [
        "wang.xiaoming@learn.example.com  certlink-demo   Ada Lovelace",
        "pu-security-fundamentals · Security Fundamentals",
        "alan        barbara     linus",
        "Microsoft Learning · Partner University · MCID 10000001",
        "用 certlink outbox send 发送",
        "Enter 登录 · Esc 返回 · Ctrl-C 退出",
    ] {
        assert!(english_runs(spared).is_empty(), "{spared}");
    }
}

/// A service error reads in the reader's language: a refusal with its rule,
/// invalid input, and a store error after the app's own words; English as
/// it always read.
#[test]
fn service_errors_read_in_the_apps_language() {
    use crate::jobs::failure_in;
    use certlink_core::StoreError;
    use certlink_core::service::{InvalidInput, ServiceError};
    use certlink_domain::{Needs, Refusal};

    let app = demo_app();
    let service = app.service();
    let dates = service.date_format().expect("the demo's dates");
    let refused = ServiceError::Refused(Refusal::not_permitted(Needs::Invite));
    for lang in Lang::ALL {
        let f = failure_in(service, lang, &refused);
        assert_eq!(f.message, refused.message(&dates.in_lang(lang)));
        assert_eq!(f.rule, Some("R13"));
    }
    let invalid = ServiceError::Invalid(InvalidInput::EmptyQuery);
    assert_eq!(
        failure_in(service, Lang::ZhCn, &invalid).message,
        Lang::ZhCn.core_empty_query()
    );
    let english = failure_in(service, Lang::En, &invalid).message;
    assert!(english.starts_with(char::is_uppercase), "{english}");
    let store = ServiceError::Store(StoreError::Corrupt("bad page".into()));
    for lang in Lang::ALL {
        assert_eq!(
            failure_in(service, lang, &store).message,
            lang.tui_shell_database_unusable(certlink_core::advice::words_in(
                &StoreError::Corrupt("bad page".into()),
                lang
            ))
        );
    }
}

/// The merge's warning (R15) in Chinese, names and emails as they are.
#[test]
fn the_merge_warning_reads_in_chinese() {
    use certlink_domain::merge::{IdentityDifference, IdentityField, warning_in};
    let differences = [IdentityDifference {
        field: IdentityField::Name,
        from: "Barbara Liskov".into(),
        into: "王小明".into(),
    }];
    assert_eq!(
        warning_in(&differences, Lang::ZhCn).as_deref(),
        Some(
            "这可能是两个不同的人：姓名不同（Barbara Liskov / 王小明）。只能合并同一个人的两个配置文件（R15）。"
        )
    );
    assert_eq!(
        warning_in(&differences, Lang::En),
        certlink_domain::merge::warning(&differences)
    );
    assert_eq!(warning_in(&[], Lang::ZhCn), None);
}
