//! The key maps of every screen, popup and tab: `q` quits on tabs but types
//! in forms, Ctrl-C quits everywhere, Shift-Tab goes back, and every key map
//! has help whose rows include its hints.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::keys::{self, Context, action_for, help_rows, hints};
use super::popups::{compose, confirm, credentials, download, form_dialog, help, message};
use super::screens::{password_change, sign_in};
use super::tabs::{associations, profile};
use super::tests::{demo_app, sign_in as sign_in_as, signed_in};
use certlink_core::demo;
use certlink_i18n::Lang;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    let mut e = KeyEvent::new(code, mods);
    e.kind = KeyEventKind::Press;
    e
}

/// The key maps of every tab a Global Admin and a support engineer have.
fn every_tab_context() -> Vec<Context> {
    let mut all: Vec<Context> = Vec::new();
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
        &compose::KEYS,
        &compose::KEYS_WITH_CATEGORY,
        &compose::CATEGORY_KEYS,
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
    // Users has a key map per kind of row (issue 15) and one for its filter,
    // Support's tickets one for theirs and two without resolve (a resolved
    // ticket), Associations one for the filter of either pane and one with
    // a single pane; the ticket
    // text editor has three; Skills one without removal; sign-in one on a
    // sandbox (its demo keys).
    assert_eq!(all.len(), 41, "{all:?}");
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
            hints(context).contains(&("Ctrl-C", keys::QUIT_WORDS(Lang::En))),
            "{context:?}"
        );
    }
}

/// Issue 16: every key map speaks Chinese too: its title, its help rows
/// and hints (the same rows as in English, Ctrl-C still among the hints),
/// and no row says the same as its English.
#[test]
fn every_context_has_chinese_help_and_hints() {
    for context in every_context() {
        let title = (context.title)(Lang::ZhCn);
        assert!(
            !title.is_empty() && title != (context.title)(Lang::En),
            "{context:?}"
        );
        let en = keys::help_rows_in(context, Lang::En);
        let zh = keys::help_rows_in(context, Lang::ZhCn);
        assert_eq!(en.len(), zh.len(), "{context:?}: {zh:?}");
        // A typing context's first row is the typing itself ("text").
        let typing = usize::from(context.typing);
        for (i, ((en_keys, en_does), (zh_keys, zh_does))) in en.iter().zip(&zh).enumerate() {
            if i >= typing {
                assert_eq!(
                    en_keys, zh_keys,
                    "{context:?}: key names are not translated"
                );
            }
            assert_ne!(en_does, zh_does, "{context:?}: {en_does} has no Chinese");
        }
        let hints = keys::hints_in(context, Lang::ZhCn);
        assert!(
            hints.contains(&("Ctrl-C", keys::QUIT_WORDS(Lang::ZhCn))),
            "{context:?}: {hints:?}"
        );
        for hint in hints {
            assert!(zh.contains(&hint), "{context:?} {hint:?}");
        }
    }
}

/// Key names stay language-neutral: no row writes a key as an English word
/// (the arrows are "↑↓←→"); key names such as Enter, Esc, Space stay.
#[test]
fn keys_are_written_as_key_names_or_symbols() {
    const NAMES: &[&str] = &[
        "Enter",
        "Esc",
        "Tab",
        "S-Tab",
        "Space",
        "Backspace",
        "Del",
        "Home",
        "End",
        "PgUp",
        "PgDn",
        "Ctrl-C",
        "Ctrl-S",
        "Ctrl-U",
        "F1",
        "F2",
        "F5",
    ];
    for context in every_context() {
        for (keys, _) in keys::help_rows_in(context, Lang::En)
            .into_iter()
            .skip(usize::from(context.typing))
        {
            for word in keys
                .split(['/', ' '])
                .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() > 1)
            {
                assert!(NAMES.contains(&word), "{context:?}: {keys} names {word}");
            }
        }
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

/// Issue 15, principle 4: on the tabs a letter means one thing wherever it is
/// bound (`d` never downloads on one tab and deletes on another), and one act
/// has the same letter on every tab (removing a departed person from the
/// report is `u` on Skills and on Users alike).
#[test]
fn a_letter_means_the_same_on_every_tab() {
    use std::collections::{BTreeMap, BTreeSet};
    let mut meaning: BTreeMap<char, (Action, &str)> = BTreeMap::new();
    let mut letters_of: BTreeMap<String, (BTreeSet<char>, &str)> = BTreeMap::new();
    for context in every_tab_context() {
        if context.typing {
            continue;
        }
        let mut here: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
        for c in ('a'..='z').chain('A'..='Z') {
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            let Some(action) = action_for(context, &press(KeyCode::Char(c), mods)) else {
                continue;
            };
            let (seen, where_) = meaning
                .entry(c)
                .or_insert((action.clone(), (context.title)(Lang::En)));
            assert_eq!(
                *seen,
                action,
                "{c} is {seen:?} on {where_} but {action:?} on {}",
                (context.title)(Lang::En)
            );
            here.entry(format!("{action:?}")).or_default().insert(c);
        }
        for (action, letters) in here {
            let (first, where_) = letters_of
                .entry(action.clone())
                .or_insert((letters.clone(), (context.title)(Lang::En)));
            assert_eq!(
                *first,
                letters,
                "{action} is {first:?} on {where_} but {letters:?} on {}",
                (context.title)(Lang::En)
            );
        }
    }
}
