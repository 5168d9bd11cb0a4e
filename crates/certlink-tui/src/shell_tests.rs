//! The app shell (issue 15): every view shows the present (principle 2: a
//! change in another session or tab, and the turning minute, reach the
//! screen on a tick; the "as of" stamp says when it was read), one refresh
//! key and the way out on every screen (principle 4, 5), forms that behave
//! like forms (principle 5), and buttons pressed only on their own cells
//! (principle 13). Two apps over one service are two SSH sessions of
//! `certlink serve`; the clock is a `ManualClock` the test moves.

use std::sync::Arc;

use chrono::TimeDelta;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, Screen};
use super::components::status_bar;
use super::keys::{self, Context};
use super::popups::{Popup, credentials};
use super::screens::{password_change, sign_in};
use super::tabs::TabId;
use super::tabs::associations;
use super::tabs::support::key_maps;
use super::tests::{act, find, now, profile_of, render, sign_in, text_of, type_text};
use super::theme::Theme;
use super::users_tests::go_to;
use certlink_core::demo;
use certlink_core::service::{Environment, ManualClock, Service};
use certlink_core::store::{DbKind, Store};
use certlink_domain::Settings;
use certlink_domain::tickets::TicketCategory;

/// The demo sandbox on a clock the test moves.
fn demo_on_clock() -> (App, ManualClock) {
    let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).expect("in-memory store");
    let service = Service::with_store(store, Environment::default()).expect("service");
    let (service, sign_ins) = demo::populate(service, now()).expect("demo data");
    let clock = ManualClock::new(now());
    let service = service.with_clock(Arc::new(clock.clone()));
    let mut app = App::new(Arc::new(service), Some(sign_ins), Theme::colored());
    act(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    (app, clock)
}

/// `email` signed in, on a clock the test moves.
fn signed_in_on_clock(email: &str, password: &str) -> (App, ManualClock) {
    let (mut app, clock) = demo_on_clock();
    sign_in(&mut app, email, password);
    assert!(app.main().is_some(), "{email} signed in");
    (app, clock)
}

/// A second SSH session of the same server: `email` signs in there.
fn second_session(app: &App, email: &str, password: &str) -> App {
    let mut other = App::new(Arc::clone(&app.service), None, Theme::colored());
    act(
        &mut other,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    sign_in(&mut other, email, password);
    assert!(other.main().is_some(), "{email} signed in");
    other
}

/// The "as of" stamp as the status bar shows it now.
fn stamp(app: &App) -> String {
    status_bar::as_of(&app.main().expect("signed in").dates)
}

fn screen(app: &mut App) -> String {
    text_of(&render(app, 80, 24))
}

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

// ------------------------------------------------ principle 2: the present

/// Seen: a change elsewhere stayed off screen until a manual reload. Sam's
/// queue (one SSH session) shows Edsger's new ticket (another session) on
/// the next tick, with no key pressed, and the stamp says when.
#[test]
fn a_ticket_opened_in_another_session_reaches_the_queue_on_a_tick() {
    let (mut sam, clock) = signed_in_on_clock("sam@support.example.com", demo::SUPPORT_PASSWORD);
    go_to(&mut sam, TabId::Support);
    act(
        &mut sam,
        Action::ShowSupport(super::tabs::support::SupportView::Tickets),
    );
    assert_eq!(sam.context(), &key_maps::QUEUE);
    let before = screen(&mut sam);
    assert!(!before.contains("edsger@contoso.com"), "{before}");
    assert!(before.contains("as of 12:00"), "{before}");
    assert!(
        before.contains("p/t people / ticket queue"),
        "the views' switch"
    );

    clock.advance(TimeDelta::seconds(90));
    let edsger = second_session(&sam, "edsger@contoso.com", demo::ACCOUNT_PASSWORD);
    let session = &edsger.main().expect("signed in").session;
    edsger
        .service
        .open_ticket(session, TicketCategory::Other, "My linking is broken")
        .expect("ticket opened");

    // Drawing alone reads nothing: the view is as of its last read.
    assert!(!screen(&mut sam).contains("edsger@contoso.com"));
    act(&mut sam, Action::Tick);
    let after = screen(&mut sam);
    assert!(after.contains("edsger@contoso.com"), "{after}");
    assert!(after.contains("1 open"), "{after}");
    assert!(after.contains("as of 12:01"), "{after}");
}

/// A change made in one tab reaches the others of the same session, and
/// another person's change reaches a profile: Margaret removes access in one
/// session; her other session's profile says so after a tick.
#[test]
fn an_unlink_in_one_session_reaches_the_profile_of_the_other() {
    let (mut margaret, _clock) = signed_in_on_clock("margaret@contoso.com", demo::ACCOUNT_PASSWORD);
    assert!(
        profile_of(&margaret)
            .view
            .as_ref()
            .is_some_and(|v| v.linked_mpn_id.is_some())
    );
    let other = second_session(&margaret, "margaret@contoso.com", demo::ACCOUNT_PASSWORD);
    other
        .service
        .unlink(&other.main().expect("signed in").session)
        .expect("unlinked");
    act(&mut margaret, Action::Tick);
    let view = profile_of(&margaret).view.as_ref().expect("profile");
    assert!(view.linked_mpn_id.is_none(), "read again on the tick");
    assert!(!screen(&mut margaret).contains("✓ Linked to Contoso Ltd"));
}

/// Allowances and "in N days" move with time: the screen is read again when
/// the minute turns, not on every tick within it.
#[test]
fn the_stamp_and_the_days_move_with_the_clock() {
    let (mut margaret, clock) = signed_in_on_clock("margaret@contoso.com", demo::ACCOUNT_PASSWORD);
    assert_eq!(stamp(&margaret), "as of 12:00");
    assert!(screen(&mut margaret).contains("2026-12-13 12:00 UTC (in 20 days)"));
    let read_at = margaret.as_of();
    clock.advance(TimeDelta::seconds(30));
    act(&mut margaret, Action::Tick);
    assert_eq!(margaret.as_of(), read_at, "same minute: no read");
    clock.advance(TimeDelta::seconds(31));
    act(&mut margaret, Action::Tick);
    assert_eq!(stamp(&margaret), "as of 12:01");
    clock.advance(TimeDelta::days(1));
    act(&mut margaret, Action::Tick);
    let text = screen(&mut margaret);
    assert!(text.contains("2026-12-13 12:00 UTC (in 19 days)"), "{text}");
    assert!(text.contains("as of 12:01"), "{text}");
}

/// What someone is typing in a form is never read away under them: no
/// re-read while the dialog holds input; once it closes, the next tick
/// reads.
#[test]
fn no_re_read_under_a_form_with_typed_input() {
    let (mut edsger, _clock) = signed_in_on_clock("edsger@contoso.com", demo::ACCOUNT_PASSWORD);
    act(&mut edsger, Action::Activate);
    assert_eq!(edsger.context(), &credentials::KEYS);
    type_text(&mut edsger, "edsger");
    let read_at = edsger.as_of();
    let other = second_session(&edsger, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    let session = &other.main().expect("signed in").session;
    other
        .service
        .open_ticket(session, TicketCategory::Other, "a change elsewhere")
        .ok();
    assert_ne!(other.service.changes(), read_at.map_or(0, |r| r.0));
    act(&mut edsger, Action::Tick);
    assert_eq!(edsger.as_of(), read_at, "not under typed input");
    assert!(edsger.credentials_in_front().is_some());
    act(&mut edsger, Action::Back);
    act(&mut edsger, Action::Tick);
    assert_ne!(edsger.as_of(), read_at, "read once the form is gone");
}

// ------------------------------------------------ principle 4: one refresh key

/// Seen: `r` reloaded Skills but replied on Support, Users reloaded with F5,
/// and a reload left the stamp as it was. F5 and Ctrl-R read again on
/// every tab (and move the stamp); `r` is nobody's refresh.
#[test]
fn f5_and_ctrl_r_read_again_on_every_tab_and_move_the_stamp() {
    for (email, password) in [
        ("ada@contoso.com", demo::ACCOUNT_PASSWORD),
        ("sam@support.example.com", demo::SUPPORT_PASSWORD),
    ] {
        let (mut app, clock) = signed_in_on_clock(email, password);
        let tabs = app.main().expect("signed in").tabs.clone();
        for (i, tab) in tabs.iter().enumerate() {
            act(&mut app, Action::SelectTab(i));
            let context = app.context();
            for key in [
                press(KeyCode::F(5), KeyModifiers::NONE),
                press(KeyCode::Char('r'), KeyModifiers::CONTROL),
            ] {
                assert_eq!(
                    keys::action_for(context, &key),
                    Some(Action::Reload),
                    "{tab:?} {context:?}"
                );
            }
            assert_ne!(
                keys::action_for(context, &press(KeyCode::Char('r'), KeyModifiers::NONE)),
                Some(Action::Reload),
                "{tab:?}"
            );
            clock.advance(TimeDelta::minutes(1));
            let before = stamp(&app);
            act(&mut app, Action::Reload);
            assert_ne!(stamp(&app), before, "{tab:?}: the stamp moved");
        }
    }
}

/// Every context's hints name Ctrl-C (a `q` types in text fields), and the
/// status bar always finds room for it, even at the smallest width.
#[test]
fn every_screen_and_popup_hints_ctrl_c() {
    let (mut app, _clock) = demo_on_clock();
    for width in [60, 80] {
        app.update(Action::Resize { width, height: 24 });
        let text = text_of(&render(&mut app, width, 24));
        assert!(text.contains("Ctrl-C quit"), "{width}: {text}");
    }
    let contexts: Vec<Context> = vec![
        &sign_in::KEYS,
        &sign_in::DEMO_KEYS,
        &password_change::KEYS,
        &credentials::KEYS,
        &keys::BUSY,
        &key_maps::SEARCH,
        &associations::KEYS,
    ];
    for context in contexts {
        assert!(
            keys::hints(context).contains(&("Ctrl-C", "quit")),
            "{context:?}"
        );
    }
}

/// Sandbox-only hints only on a sandbox: a real database's sign-in never
/// mentions the demo sign-ins or F2; a sandbox's does, with the pane switch.
#[test]
fn demo_hints_only_on_a_sandbox() {
    let (mut sandbox, _clock) = demo_on_clock();
    let text = screen(&mut sandbox);
    assert!(text.contains("F2 use it"), "{text}");
    assert!(text.contains("PgUp/PgDn pick a demo"), "{text}");

    let store = Store::in_memory(DbKind::Real, &Settings::sandbox()).expect("store");
    let service = Service::with_store(store, Environment::default()).expect("service");
    let mut real = App::new(Arc::new(service), None, Theme::colored());
    assert_eq!(real.context(), &sign_in::KEYS);
    let text = screen(&mut real);
    assert!(!text.contains("F2"), "{text}");
    assert!(!text.contains("demo"), "{text}");
    assert!(text.contains("Enter next / sign in"), "{text}");
    assert!(text.contains("Ctrl-C quit"), "{text}");
    let f2 = press(KeyCode::F(2), KeyModifiers::NONE);
    assert_eq!(keys::action_for(real.context(), &f2), None);
}

/// Panes switch with keys the status bar names (Associations' two panes).
#[test]
fn pane_switches_are_hinted() {
    let (mut ada, _clock) = signed_in_on_clock("ada@contoso.com", demo::ACCOUNT_PASSWORD);
    go_to(&mut ada, TabId::Associations);
    let text = screen(&mut ada);
    assert!(text.contains("h/l ←/→ switch pane"), "{text}");
}

// ------------------------------------------------ principle 5: forms

fn sign_in_form(app: &App) -> &sign_in::SignInScreen {
    match &app.screen {
        Screen::SignIn(s) => s,
        _ => panic!("on the sign-in screen"),
    }
}

/// Seen: Enter on the email field submitted an empty password. Enter moves
/// to the password, and signs in there.
#[test]
fn enter_moves_to_the_password_then_signs_in() {
    let (mut app, _clock) = demo_on_clock();
    type_text(&mut app, "edsger@contoso.com");
    assert!(app.update(Action::Activate).is_none(), "no sign-in yet");
    assert_eq!(sign_in_form(&app).form.focused_field(), Some(1));
    // An empty password is not sent (no R1 attempt): a word, the focus stays.
    assert!(app.update(Action::Activate).is_none());
    let form = sign_in_form(&app);
    assert_eq!(form.error.as_deref(), Some("Type your password."));
    assert_eq!(form.form.focused_field(), Some(1));
    type_text(&mut app, demo::ACCOUNT_PASSWORD);
    act(&mut app, Action::Activate);
    assert!(app.main().is_some(), "signed in");
}

/// Seen: after an error, typing went on in the masked field unnoticed. A
/// refusal keeps the email, empties the password (a secret) and puts the
/// focus there; an empty email is asked for where it is missing.
#[test]
fn a_refused_sign_in_keeps_the_email_and_asks_for_what_is_missing() {
    let (mut app, _clock) = demo_on_clock();
    act(&mut app, Action::NextField);
    type_text(&mut app, "something");
    assert!(app.update(Action::Activate).is_none());
    let form = sign_in_form(&app);
    assert_eq!(form.form.focused_field(), Some(0), "the email is missing");
    assert_eq!(form.form.value(1), "something", "kept meanwhile");
    type_text(&mut app, "edsger@contoso.com");
    act(&mut app, Action::Activate);
    act(&mut app, Action::Edit(super::action::EditOp::Clear));
    type_text(&mut app, "wrong");
    act(&mut app, Action::Activate);
    let form = sign_in_form(&app);
    assert!(form.error.is_some(), "refused");
    assert_eq!(form.form.value(0), "edsger@contoso.com");
    assert_eq!(form.form.value(1), "");
    assert_eq!(form.form.focused_field(), Some(1));
}

fn password_screen(app: &App) -> &password_change::PasswordChangeScreen {
    match &app.screen {
        Screen::PasswordChange(p) => p,
        _ => panic!("on the new-password screen"),
    }
}

/// Seen: a too-short new password cleared the temporary one too. It keeps
/// the temporary password and asks for the new one again.
#[test]
fn a_too_short_new_password_keeps_the_temporary_one() {
    let (mut app, _clock) = demo_on_clock();
    sign_in(&mut app, "donald@contoso.com", demo::INVITED_PASSWORD);
    type_text(&mut app, demo::INVITED_PASSWORD);
    act(&mut app, Action::Activate);
    type_text(&mut app, "short");
    act(&mut app, Action::Activate);
    type_text(&mut app, "short");
    act(&mut app, Action::Activate);
    let p = password_screen(&app);
    assert!(
        p.error.as_deref().unwrap_or("").contains('8'),
        "{:?}",
        p.error
    );
    assert_eq!(p.form.value(0), demo::INVITED_PASSWORD, "kept");
    assert_eq!((p.form.value(1), p.form.value(2)), ("", ""));
    assert_eq!(p.form.focused_field(), Some(1));
    type_text(&mut app, "a-new-password");
    act(&mut app, Action::Activate);
    type_text(&mut app, "a-new-password");
    act(&mut app, Action::Activate);
    assert!(app.main().is_some(), "on to the tabs");
}

/// A wrong temporary password is the one typed again: the new ones stay.
#[test]
fn a_wrong_temporary_password_keeps_the_new_ones() {
    let (mut app, _clock) = demo_on_clock();
    sign_in(&mut app, "donald@contoso.com", demo::INVITED_PASSWORD);
    for text in ["not-the-temporary", "a-new-password", "a-new-password"] {
        type_text(&mut app, text);
        act(&mut app, Action::Activate);
    }
    let p = password_screen(&app);
    assert!(p.error.is_some());
    assert_eq!(p.form.value(0), "");
    assert_eq!(p.form.value(1), "a-new-password");
    assert_eq!(p.form.focused_field(), Some(0));
    type_text(&mut app, demo::INVITED_PASSWORD);
    act(&mut app, Action::NextField);
    act(&mut app, Action::NextField);
    act(&mut app, Action::Activate);
    assert!(app.main().is_some(), "on to the tabs");
}

/// A dialog form: Enter walks the fields and submits on the last; a refusal
/// keeps what was typed and focuses the field left empty.
#[test]
fn enter_walks_a_dialog_and_a_refusal_focuses_the_empty_field() {
    let (mut sam, _clock) = signed_in_on_clock("sam@support.example.com", demo::SUPPORT_PASSWORD);
    go_to(&mut sam, TabId::Support);
    act(&mut sam, Action::MergeProfiles);
    let focus = |app: &App| match app.popups.last() {
        Some(Popup::Dialog(d)) => (d.form.focus(), d.error.clone()),
        other => panic!("the merge dialog: {other:?}"),
    };
    act(&mut sam, Action::Activate);
    assert_eq!(focus(&sam), (1, None), "Enter moved on");
    type_text(&mut sam, "10000001");
    act(&mut sam, Action::Activate);
    let (field, error) = focus(&sam);
    assert!(error.is_some(), "refused: no duplicate given");
    assert_eq!(field, 0, "the empty field has the focus");
    match sam.popups.last() {
        Some(Popup::Dialog(d)) => assert_eq!(d.form.text(1), "10000001"),
        _ => panic!("the dialog stays"),
    }
}

/// The credentials dialog: Enter on the email moves to the password; an
/// empty password is asked for, not sent.
#[test]
fn the_credentials_dialog_moves_on_with_enter() {
    let (mut edsger, _clock) = signed_in_on_clock("edsger@contoso.com", demo::ACCOUNT_PASSWORD);
    act(&mut edsger, Action::Activate);
    let dialog = |app: &App| match app.popups.last() {
        Some(Popup::Credentials(d)) => (d.form.focused_field(), d.error.clone()),
        _ => panic!("the credentials dialog"),
    };
    let (start, _) = dialog(&edsger);
    if start.is_none() {
        // The R4 shortcut has the focus first: past it to the email.
        act(&mut edsger, Action::NextField);
    }
    type_text(&mut edsger, "edsger.dijkstra@learn.example.com");
    assert!(edsger.update(Action::Activate).is_none());
    assert_eq!(dialog(&edsger).0, Some(1));
    assert!(edsger.update(Action::Activate).is_none(), "nothing sent");
    assert_eq!(
        dialog(&edsger),
        (Some(1), Some("Type the password.".to_string()))
    );
}

// ------------------------------------------------ principle 13: buttons

/// Seen: a click on the blank space right of a button pressed it. Only the
/// button's own cells press it.
#[test]
fn a_click_beside_a_button_presses_nothing() {
    let (mut ada, _clock) = signed_in_on_clock("ada@contoso.com", demo::ACCOUNT_PASSWORD);
    let terminal = render(&mut ada, 80, 24);
    let buffer = terminal.backend().buffer();
    let label = ["[ Get access ]", "[ Remove access ]"]
        .into_iter()
        .find(|l| find(buffer, l).is_some())
        .expect("a PU button");
    let (x, y) = find(buffer, label).expect("drawn");
    let width = u16::try_from(label.len()).unwrap_or(0);
    act(
        &mut ada,
        Action::Click {
            column: x + width + 3,
            row: y,
        },
    );
    assert!(ada.popups.is_empty(), "beside the button: nothing");
    act(
        &mut ada,
        Action::Click {
            column: x + width - 1,
            row: y,
        },
    );
    assert!(!ada.popups.is_empty(), "its last cell presses it");
}

/// The download's path is a field that says so, with the cursor in it.
#[test]
fn the_download_path_says_it_can_be_edited() {
    let (mut ada, _clock) = signed_in_on_clock("ada@contoso.com", demo::ACCOUNT_PASSWORD);
    go_to(&mut ada, TabId::Skills);
    act(&mut ada, Action::Download);
    assert!(matches!(ada.popups.last(), Some(Popup::Download(_))));
    let mut terminal = render(&mut ada, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "Save as (editable):").expect("label");
    let text = text_of(&terminal);
    assert!(text.contains("Type or paste to change the path"), "{text}");
    let cursor = terminal.get_cursor_position().expect("cursor");
    assert_eq!(cursor.y, y, "the cursor is on the path's line");
    assert!(cursor.x > x, "after the label");
}

/// A real database's sign-in, as a newcomer meets it: the way on (Enter)
/// and out (Ctrl-C), no demo list and no F2.
#[test]
fn snapshot_sign_in_on_a_real_database() {
    let store = Store::in_memory(DbKind::Real, &Settings::sandbox()).expect("store");
    let service = Service::with_store(store, Environment::default()).expect("service");
    let mut app = App::new(Arc::new(service), None, Theme::colored());
    super::tests::snapshot("sign_in_real_database", &mut app);
}
