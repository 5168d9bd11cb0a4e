//! Principle 7 (issue 15): a sandbox whose clock runs ahead of the machine's
//! says its date in the status bar; one in step says nothing.

use std::sync::Arc;

use chrono::{TimeZone, Utc};

use super::action::Action;
use super::app::App;
use super::components::sandbox_clock;
use super::tests::{now, render, sign_in, signed_in, text_of};
use super::theme::Theme;
use certlink_core::demo;
use certlink_core::service::{Environment, ManualClock, Service};
use certlink_core::store::{DbKind, Store};
use certlink_domain::Settings;

/// The demo sandbox whose clock a `--now` moved far ahead (2099, after any
/// machine running these tests).
fn app_ahead() -> App {
    let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).expect("store");
    let service = Service::with_store(store, Environment::default()).expect("service");
    let (service, sign_ins) = demo::populate(service, now()).expect("demo data");
    let ahead = Utc.with_ymd_and_hms(2099, 1, 1, 10, 0, 0).unwrap();
    let service = service.with_clock(Arc::new(ManualClock::new(ahead)));
    let service = Arc::new(service);
    let mut app = App::new(Arc::clone(&service), Some(sign_ins), Theme::plain());
    // The machine's clock, as the front end would read it, at the test's now.
    app.sandbox_clock = sandbox_clock::note_at(&service, now());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

#[test]
fn snapshot_status_bar_names_a_sandbox_clock_ahead() {
    let mut app = app_ahead();
    sign_in(&mut app, "ada@contoso.com", demo::ACCOUNT_PASSWORD);
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!("sandbox_clock_ahead_80x24", terminal.backend());
    let text = text_of(&terminal);
    // The one stamp that says when the screen was read carries it.
    assert!(
        text.contains("as of 2099-01-01 10:00 · clock ahead"),
        "{text}"
    );
    assert!(text.contains("SANDBOX"), "{text}");
}

#[test]
fn the_sandbox_clock_keeps_the_name_on_a_narrow_screen_and_is_absent_in_step() {
    let mut app = app_ahead();
    sign_in(&mut app, "ada@contoso.com", demo::ACCOUNT_PASSWORD);
    // 60 columns: the clock still shows, and the person's name with it.
    let text = text_of(&render(&mut app, 60, 16));
    assert!(text.contains("Ada Lovelace"), "{text}");
    assert!(text.contains("as of 2099-01-01 10:00"), "{text}");
    // On the sign-in screen there is room: it shows before anyone signs in.
    let mut fresh = app_ahead();
    let text = text_of(&render(&mut fresh, 80, 24));
    assert!(text.contains("clock 2099-01-01 10:00 ahead"), "{text}");
    // A sandbox in step with the machine says nothing.
    let mut in_step = signed_in("ada@contoso.com");
    in_step.sandbox_clock = sandbox_clock::note_at(&in_step.service, now());
    assert_eq!(in_step.sandbox_clock, None);
    let text = text_of(&render(&mut in_step, 80, 24));
    assert!(!text.contains("ahead"), "{text}");
    assert!(text.contains("as of 12:00"), "{text}");
}
