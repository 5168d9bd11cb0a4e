//! Issue 15, principle 10 (R9, Time): the profile gives the next allowed association
//! as a moment in the display time zone, and its "in N days" counts calendar days
//! in that zone. Each app runs on a clock chosen here, from the demo's own `now()`.

use chrono::{DateTime, TimeDelta, Utc};

use super::tests::{demo_app_at, now, render, sign_in, snapshot, text_of};
use super::theme::Theme;
use certlink_core::demo;

/// Margaret moved to Contoso 10 days before the demo's `now()`: her cool-off ends
/// 20 days after it, at the demo's hour.
fn margarets_next_allowed() -> DateTime<Utc> {
    now() + TimeDelta::days(20)
}

fn margaret_at(at: DateTime<Utc>, settings: &[(&str, &str)]) -> super::app::App {
    let mut app = demo_app_at(Theme::colored(), at, settings);
    sign_in(&mut app, "margaret@contoso.com", demo::ACCOUNT_PASSWORD);
    assert!(app.main().is_some(), "margaret signed in");
    app
}

/// The seen case: at 00:05 on the day named, the profile said "2026-12-13 (in 1
/// day)" though the move stays refused until 12:00 that day.
#[test]
fn r9_at_00_05_on_the_day_named_the_profile_gives_the_hour_and_today() {
    let allowed = margarets_next_allowed();
    let at_00_05 = allowed
        .date_naive()
        .and_hms_opt(0, 5, 0)
        .expect("a time")
        .and_utc();
    let mut app = margaret_at(at_00_05, &[]);
    let text = text_of(&render(&mut app, 80, 24));
    let moment = allowed.format("%Y-%m-%d %H:%M UTC");
    assert!(
        text.contains(&format!("Next association: {moment} (today) · cool-off")),
        "{text}"
    );
    snapshot("profile_next_allowed_at_00_05_on_the_day", &mut app);
}

/// In a display zone ahead of UTC the moment and the count follow its calendar:
/// 23:30 UTC the day before is already the day named in Berlin.
#[test]
fn r9_the_profile_counts_days_in_the_display_zone() {
    let allowed = margarets_next_allowed();
    let evening = allowed
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("a time")
        .and_utc()
        - TimeDelta::minutes(30);
    let tz = chrono_tz::Europe::Berlin;
    let mut app = margaret_at(evening, &[("display_time_zone", "Europe/Berlin")]);
    let text = text_of(&render(&mut app, 80, 24));
    let moment = allowed.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z");
    assert!(
        text.contains(&format!("Next association: {moment} (today) · cool-off")),
        "{text}"
    );
    // In UTC the same instant is the day before: "in 1 day".
    let mut app = margaret_at(evening, &[]);
    let text = text_of(&render(&mut app, 80, 24));
    let moment = allowed.format("%Y-%m-%d %H:%M UTC");
    assert!(
        text.contains(&format!("Next association: {moment} (in 1 day) · cool-off")),
        "{text}"
    );
}
