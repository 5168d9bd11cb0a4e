//! The shell in 简体中文 (issue 16): the sign-in screen, the tab bar, the
//! status bar's hints and the `?` help in Chinese, laid out by display width
//! (a Han character takes two columns, and no line is cut inside one); the
//! language the app speaks before a sign-in, for the person signed in, and
//! again after the sign-out. Expected words come from the catalog.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::action::Action;
use super::app::{App, Screen};
use super::components::status_bar;
use super::keys::{self, Context};
use super::popups::Popup;
use super::screens::sign_in;
use super::tabs::TabId;
use super::tabs::profile;
use super::tabs::support::key_maps;
use super::tests::{SIZES, act, demo_app, render, sign_in, text_of, type_text};
use super::theme::Theme;
use certlink_core::demo;
use certlink_core::service::SignInSource;
use certlink_i18n::width::width;
use certlink_i18n::{Choice, Lang};

const ZH: Lang = Lang::ZhCn;

/// Chinese chosen explicitly (`--lang zh-CN`).
fn chinese() -> Choice {
    Choice {
        explicit: Some(ZH),
        locale: None,
    }
}

/// The demo sandbox's sign-in screen, in Chinese.
fn zh_app() -> App {
    demo_app().with_lang(chinese())
}

fn zh_signed_in(email: &str, password: &str) -> App {
    let mut app = zh_app();
    sign_in(&mut app, email, password);
    assert!(app.main().is_some(), "{email} signed in");
    app
}

/// Snapshots the screen at both sizes, named `<name>_zh_cn_<w>x<h>`.
fn snapshot_zh(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let terminal = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_zh_cn_{w}x{h}"), terminal.backend());
    }
}

/// The rows of the screen as read (the second half of a wide character is
/// skipped), each with its width in columns.
fn lines_of(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut hidden = 0;
            for x in 0..buffer.area.width {
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                hidden = width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line
        })
        .collect()
}

/// No wide character starts in the last column (half of it would be off
/// the screen), and no row is wider than the screen.
fn assert_no_half_characters(terminal: &Terminal<TestBackend>, what: &str) {
    let buffer = terminal.backend().buffer();
    let cols = buffer.area.width;
    for y in 0..buffer.area.height {
        for x in 0..cols {
            let w = width(buffer[(x, y)].symbol());
            assert!(
                usize::from(x) + w <= usize::from(cols),
                "{what}: a wide character cut at ({x}, {y})\n{}",
                text_of(terminal)
            );
        }
    }
    for line in lines_of(buffer) {
        assert!(width(&line) <= usize::from(cols), "{what}: {line}");
    }
}

/// The status bar's hint line (the last row).
fn hint_row(terminal: &Terminal<TestBackend>) -> String {
    lines_of(terminal.backend().buffer())
        .pop()
        .unwrap_or_default()
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_sign_in_in_chinese() {
    snapshot_zh("sign_in", &mut zh_app());
}

#[test]
fn snapshot_signed_in_shell_in_chinese() {
    // A Global Admin: every tab of an organization, the most crowded bar.
    snapshot_zh(
        "shell",
        &mut zh_signed_in("ada@contoso.com", demo::ACCOUNT_PASSWORD),
    );
}

#[test]
fn snapshot_help_overlay_in_chinese() {
    let mut app = zh_signed_in("edsger@contoso.com", demo::ACCOUNT_PASSWORD);
    act(&mut app, Action::OpenHelp);
    snapshot_zh("help_profile", &mut app);
}

// ------------------------------------------------------------ the words

#[test]
fn the_sign_in_screen_speaks_chinese() {
    let mut app = zh_app();
    assert_eq!(app.lang, ZH);
    let text = text_of(&render(&mut app, 80, 24));
    let read = lines_of(render(&mut app, 80, 24).backend().buffer()).join("\n");
    for words in [
        ZH.tui_signin_title(),
        ZH.tui_signin_box(),
        ZH.tui_signin_email(),
        ZH.tui_signin_password(),
        ZH.tui_signin_demo_col_who(),
        ZH.tui_shell_sandbox(),
        ZH.tui_shell_not_signed_in(),
        ZH.tui_signin_demo_user(),
    ] {
        assert!(read.contains(words), "{words}\n{text}");
    }
    // The hints: the sandbox's sign-in keys in Chinese, Ctrl-C among them.
    let hints = hint_row(&render(&mut app, 80, 24));
    let (keys, does) = keys::hints_in(&sign_in::DEMO_KEYS, ZH)[0];
    assert!(hints.contains(&format!("{keys} {does}")), "{hints}");
    assert!(
        hints.contains(&format!("Ctrl-C {}", keys::QUIT_WORDS(ZH))),
        "{hints}"
    );
    // A demo profile is no work account: said in Chinese.
    act(&mut app, Action::Back);
    let profile_row = app
        .demo
        .as_ref()
        .and_then(|rows| rows.iter().position(|r| !r.signs_in_here))
        .expect("a demo profile");
    for _ in 0..profile_row {
        act(&mut app, Action::Down);
    }
    act(&mut app, Action::UseDemoSignIn);
    let Screen::SignIn(screen) = &app.screen else {
        panic!("on the sign-in screen");
    };
    let login = &app.demo.as_ref().expect("demo rows")[profile_row].login;
    assert_eq!(
        screen.error.as_deref(),
        Some(ZH.tui_signin_not_work_account(login.as_str()).as_str())
    );
}

#[test]
fn an_empty_field_and_the_sign_in_progress_are_in_chinese() {
    let mut app = zh_app();
    act(&mut app, Action::NextField);
    act(&mut app, Action::Activate);
    let Screen::SignIn(screen) = &app.screen else {
        panic!("on the sign-in screen");
    };
    assert_eq!(screen.error.as_deref(), Some(ZH.tui_signin_type_email()));
    type_text(&mut app, "edsger@contoso.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::ACCOUNT_PASSWORD);
    let job = app.update(Action::Activate);
    assert!(job.is_some());
    let busy = app.busy_label().expect("busy");
    assert!(busy.ends_with(ZH.tui_signin_progress()), "{busy}");
    let text = lines_of(render(&mut app, 60, 16).backend().buffer()).join("\n");
    assert!(text.contains(ZH.tui_signin_progress()), "{text}");
}

#[test]
fn the_tab_bar_status_bar_and_help_speak_chinese() {
    let mut app = zh_signed_in("ada@contoso.com", demo::ACCOUNT_PASSWORD);
    let main = app.main().expect("signed in");
    assert_eq!(main.dates.lang, ZH);
    assert_eq!(main.session.speaks, ZH);
    let tabs = main.tabs.clone();
    let terminal = render(&mut app, 80, 24);
    let lines = lines_of(terminal.backend().buffer());
    let bar = &lines[0];
    for tab in &tabs {
        let titles = tab.titles(ZH);
        assert!(
            bar.contains(titles.full) || bar.contains(titles.short) || bar.contains(titles.tiny),
            "{tab:?}: {bar}"
        );
    }
    assert!(bar.contains(TabId::Profile.titles(ZH).full), "{bar}");
    let stamp = status_bar::as_of(&app.main().expect("signed in").dates);
    assert!(stamp.starts_with("截至 "), "{stamp}");
    let status = &lines[lines.len() - 2];
    assert!(status.contains(&stamp), "{status}");
    assert!(status.contains(ZH.tui_shell_sandbox()), "{status}");
    let hints = hint_row(&terminal);
    for (keys, does) in keys::hints_in(&profile::KEYS, ZH).into_iter().take(2) {
        assert!(hints.contains(&format!("{keys} {does}")), "{hints}");
    }
    assert!(
        hints.contains(&format!("? {}", keys::HELP_WORDS(ZH))),
        "{hints}"
    );

    act(&mut app, Action::OpenHelp);
    let Some(Popup::Help(help)) = app.popups.last() else {
        panic!("help open");
    };
    assert_eq!(help.rows(), keys::help_rows_in(&profile::KEYS, ZH));
    let text = lines_of(render(&mut app, 80, 24).backend().buffer()).join("\n");
    let title = ZH.tui_key_help_title(ZH.tui_key_title_profile());
    assert!(text.contains(&title), "{title}\n{text}");
    for words in [
        ZH.tui_key_switch_tab(),
        ZH.tui_key_sign_out(),
        ZH.tui_key_quit_outside_text_fields(),
    ] {
        assert!(text.contains(words), "{words}\n{text}");
    }
}

/// The hint line fits at every width from the narrowest screen up, in
/// both languages: never wider than the bar, never half a Han character,
/// and help and the way out always among the hints.
#[test]
fn a_chinese_hint_line_fits_its_width_and_keeps_help_and_quit() {
    let theme = Theme::plain();
    let contexts: [Context; 6] = [
        &sign_in::DEMO_KEYS,
        &profile::KEYS,
        &key_maps::PEOPLE,
        &key_maps::QUEUE_TICKET,
        &super::tabs::users::KEYS,
        &super::popups::compose::KEYS,
    ];
    for lang in Lang::ALL {
        for context in contexts {
            for cols in 20..=100 {
                let line = status_bar::hint_line(context, lang, cols, &theme);
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                assert!(width(&text) <= cols, "{lang} {context:?} {cols}: {text}");
                if cols >= 60 {
                    assert!(
                        text.contains(keys::QUIT_WORDS(lang)),
                        "{lang} {context:?} {cols}: {text}"
                    );
                }
            }
        }
    }
}

/// A zh-CN status bar at 60 columns (and widths up to 80) never leaves half
/// a wide character, on every screen of the shell: the sign-in, a Global
/// Admin's tabs, the support desk, and the help over them.
#[test]
fn a_chinese_status_bar_never_leaves_half_a_wide_character() {
    let mut screens: Vec<(String, App)> = vec![("sign-in".into(), zh_app())];
    let ada = zh_signed_in("ada@contoso.com", demo::ACCOUNT_PASSWORD);
    let tabs = ada.main().expect("signed in").tabs.len();
    for i in 0..tabs {
        let mut app = zh_signed_in("ada@contoso.com", demo::ACCOUNT_PASSWORD);
        act(&mut app, Action::SelectTab(i));
        screens.push((format!("ada tab {i}"), app));
    }
    let mut sam = zh_signed_in("sam@support.example.com", demo::SUPPORT_PASSWORD);
    screens.push((
        "sam".into(),
        zh_signed_in("sam@support.example.com", demo::SUPPORT_PASSWORD),
    ));
    act(&mut sam, Action::OpenHelp);
    screens.push(("sam help".into(), sam));
    for (what, app) in &mut screens {
        for cols in [60, 61, 63, 67, 72, 80] {
            let terminal = render(app, cols, 16);
            assert_no_half_characters(&terminal, &format!("{what} at {cols}"));
            let hints = hint_row(&terminal);
            assert!(width(&hints) <= usize::from(cols), "{what}: {hints}");
        }
    }
}

#[test]
fn the_too_small_message_is_in_chinese() {
    let mut app = zh_signed_in("edsger@contoso.com", demo::ACCOUNT_PASSWORD);
    let text = lines_of(render(&mut app, 59, 15).backend().buffer()).join("");
    assert!(text.contains("终端太小"), "{text}");
    assert!(text.contains("Ctrl-C"), "{text}");
}

// ------------------------------------------------------------ which language

/// The language before a sign-in is the choice's; once signed in the
/// person's (explicit beats saved beats locale); a new preference switches
/// every screen at once; the sign-out goes back to the choice.
#[test]
fn the_app_speaks_the_persons_language_from_sign_in_to_sign_out() {
    let locale_zh = Choice {
        explicit: None,
        locale: Some(ZH),
    };
    let mut app = demo_app().with_lang(locale_zh);
    assert_eq!(app.lang, ZH);
    sign_in(&mut app, "edsger@contoso.com", demo::ACCOUNT_PASSWORD);
    // No saved preference: the locale still decides.
    assert_eq!(app.lang, ZH);
    assert_eq!(app.main().expect("signed in").session.speaks, ZH);

    // A preference saved now: every screen switches.
    app.set_lang(Lang::En);
    let main = app.main().expect("signed in");
    assert_eq!((main.dates.lang, main.session.speaks), (Lang::En, Lang::En));
    let hints = hint_row(&render(&mut app, 80, 24));
    assert!(hints.contains("Ctrl-C quit"), "{hints}");

    // Signed out: the language before anyone signed in, words and labels.
    act(&mut app, Action::SignOut);
    assert_eq!(app.lang, ZH);
    assert_eq!(app.flash.as_deref(), Some(ZH.tui_shell_signed_out()));
    let Screen::SignIn(screen) = &app.screen else {
        panic!("back on the sign-in screen");
    };
    assert_eq!(screen.form.fields[0].label, ZH.tui_signin_email());
}

/// Over SSH the app opens signed in: the saved preference beats the
/// client's locale, an explicit choice beats both, and the session says
/// which language the front end speaks.
#[test]
fn an_ssh_session_speaks_the_saved_preference_unless_told_otherwise() {
    let app = demo_app();
    let service = Arc::clone(&app.service);
    let mut session = service
        .sign_in(
            "edsger@contoso.com",
            demo::ACCOUNT_PASSWORD,
            &SignInSource::Local,
        )
        .expect("signed in");
    session.lang = Some(Lang::En);
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let locale_zh = Choice {
        explicit: None,
        locale: Some(ZH),
    };
    let saved = App::signed_in_speaking(
        Arc::clone(&service),
        session.clone(),
        Theme::plain(),
        area,
        locale_zh,
    );
    assert_eq!(saved.lang, Lang::En);
    assert_eq!(saved.main().expect("signed in").session.speaks, Lang::En);

    let told = App::signed_in_speaking(
        Arc::clone(&service),
        session.clone(),
        Theme::plain(),
        area,
        chinese(),
    );
    assert_eq!(told.lang, ZH);
    let main = told.main().expect("signed in");
    assert_eq!((main.dates.lang, main.session.speaks), (ZH, ZH));

    session.lang = None;
    let by_locale = App::signed_in_speaking(service, session, Theme::plain(), area, locale_zh);
    assert_eq!(by_locale.lang, ZH);
}

/// A job speaks the language of the app that started it: its progress, and
/// whatever `jobs::failure_in` words for it (a refusal's message is worded
/// with dates in that language).
#[test]
fn a_job_speaks_the_language_of_the_app_that_started_it() {
    let mut app = zh_app();
    type_text(&mut app, "edsger@contoso.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, "wrong-password");
    let job = app.update(Action::Activate).expect("a sign-in job");
    assert_eq!(job.lang(), ZH);
    assert_eq!(job.progress().in_lang(app.lang), ZH.tui_signin_progress());
    let progress = super::jobs::Progress::words(Lang::tui_signin_progress);
    assert_eq!(progress.in_lang(ZH), "正在登录…");
    assert_eq!(progress, job.progress());
}

/// R13's new-password screen in Chinese: its title, intro, labels and note,
/// and a mismatch said in Chinese; no line cut inside a wide character.
#[test]
fn the_new_password_screen_speaks_chinese() {
    let mut app = zh_app();
    sign_in(&mut app, "donald@contoso.com", demo::INVITED_PASSWORD);
    assert!(matches!(app.screen, Screen::PasswordChange(_)));
    assert_eq!(app.lang, ZH);
    for (w, h) in SIZES {
        let terminal = render(&mut app, w, h);
        assert_no_half_characters(&terminal, &format!("new password {w}x{h}"));
        let text = lines_of(terminal.backend().buffer()).join("\n");
        for words in [
            ZH.tui_signin_temporary_password(),
            ZH.tui_signin_new_password_again(),
            ZH.tui_signin_new_password_title("donald@contoso.com")
                .as_str(),
        ] {
            assert!(text.contains(words), "{words}\n{text}");
        }
    }
    let text = lines_of(render(&mut app, 80, 24).backend().buffer()).join("\n");
    assert!(
        text.contains(
            &ZH.tui_signin_new_password_note(certlink_core::service::password::MIN_PASSWORD_LEN)
        ),
        "{text}"
    );
    act(&mut app, Action::NextField);
    type_text(&mut app, "one-new-password");
    act(&mut app, Action::NextField);
    type_text(&mut app, "another-password");
    act(&mut app, Action::Activate);
    let Screen::PasswordChange(change) = &app.screen else {
        panic!("still changing the password");
    };
    assert_eq!(
        change.error.as_deref(),
        Some(ZH.tui_signin_new_passwords_differ())
    );
}
