//! The key maps of every screen, popup and tab: `q` quits on tabs but types
//! in forms, Ctrl-C quits everywhere, Shift-Tab goes back, and every key map
//! has help whose rows include its hints.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::keys::{self, Context, action_for, help_rows, hints};
use super::popups::{confirm, credentials, download, form_dialog, help, message};
use super::screens::{password_change, sign_in};
use super::tabs::{associations, profile};
use super::tests::{demo_app, sign_in as sign_in_as, signed_in};
use certlink_core::demo;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    let mut e = KeyEvent::new(code, mods);
    e.kind = KeyEventKind::Press;
    e
}

/// Every key map of the app: the screens', the popups', the busy one, and
/// those of every tab a Global Admin and a support engineer have.
fn every_context() -> Vec<Context> {
    let mut all: Vec<Context> = vec![
        &sign_in::KEYS,
        &sign_in::DEMO_KEYS,
        &password_change::KEYS,
        &credentials::KEYS,
        &form_dialog::KEYS,
        &form_dialog::CHOICE_KEYS,
        &download::KEYS,
        &confirm::KEYS,
        &message::KEYS,
        &help::KEYS,
        &keys::BUSY,
    ];
    let ada = signed_in("ada@contoso.com");
    let mut sam = demo_app();
    sign_in_as(&mut sam, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    for app in [&ada, &sam] {
        for tab in &app.main().expect("signed in").components {
            for context in tab.key_maps() {
                if !all.contains(context) {
                    all.push(context);
                }
            }
        }
    }
    all
}

#[test]
fn q_quits_on_tabs_but_types_in_forms() {
    let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(action_for(&profile::KEYS, &q), Some(Action::Quit));
    assert_eq!(action_for(&sign_in::KEYS, &q), Some(Action::Type('q')));
    assert_eq!(action_for(&credentials::KEYS, &q), Some(Action::Type('q')));
}

#[test]
fn ctrl_c_quits_everywhere() {
    let c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let all = every_context();
    assert_eq!(all.len(), 25, "{all:?}");
    for context in all {
        assert_eq!(action_for(context, &c), Some(Action::Quit), "{context:?}");
    }
}

#[test]
fn shift_tab_backtab_and_alt_tab_go_back() {
    for e in [
        press(KeyCode::BackTab, KeyModifiers::SHIFT),
        press(KeyCode::BackTab, KeyModifiers::NONE),
        press(KeyCode::Tab, KeyModifiers::ALT),
    ] {
        assert_eq!(action_for(&profile::KEYS, &e), Some(Action::PrevTab));
        assert_eq!(action_for(&sign_in::KEYS, &e), Some(Action::PrevField));
    }
    let shifted_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(
        action_for(&associations::KEYS, &shifted_g),
        Some(Action::Bottom)
    );
}

#[test]
fn every_context_has_help_and_a_way_out() {
    let all = every_context();
    for context in &all {
        let rows = help_rows(context);
        assert!(rows.iter().any(|(k, _)| *k == "Ctrl-C"), "{context:?}");
    }
    // Hints come from the same rows as help.
    for context in &all {
        let help = help_rows(context);
        for hint in hints(context) {
            assert!(help.contains(&hint), "{context:?} {hint:?}");
        }
    }
}

/// Issue 15, principle 5: how to quit is always in the hints, wherever the
/// keys are (a `q` types in text fields, so the hint is Ctrl-C).
#[test]
fn every_context_hints_ctrl_c() {
    for context in every_context() {
        assert!(
            hints(context).contains(&("Ctrl-C", keys::QUIT_WORDS)),
            "{context:?}"
        );
    }
}

/// Issue 15, principle 4: F5 and Ctrl-R read again wherever a tab has the
/// keys, and `r` never does.
#[test]
fn the_refresh_keys_are_the_same_on_every_tab() {
    let f5 = press(KeyCode::F(5), KeyModifiers::NONE);
    let ctrl_r = press(KeyCode::Char('r'), KeyModifiers::CONTROL);
    let r = press(KeyCode::Char('r'), KeyModifiers::NONE);
    for context in every_context() {
        assert_ne!(action_for(context, &r), Some(Action::Reload), "{context:?}");
        let reloads = action_for(context, &f5) == Some(Action::Reload);
        assert_eq!(
            reloads,
            action_for(context, &ctrl_r) == Some(Action::Reload),
            "{context:?}"
        );
    }
}
