//! The TUI without a terminal: state/update tests, and `TestBackend` snapshots
//! of every screen and dialog at 80×24 and 60×16 on the demo data with a fixed
//! clock (2026-11-23T12:00:00Z), so dates and "in N days" are checked as shown.
//! Jobs run synchronously here: `update` returns the job, the test runs it and
//! feeds the outcome back, exactly as the worker thread would.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::action::{Action, EditOp};
use super::app::{App, Screen};
use super::draw;
use super::keys;
use super::popups::{CredentialsPurpose, Popup, credentials};
use super::screens::{password_change, sign_in};
use super::tabs::TabId;
use super::tabs::associations::{AssociationsTab, Pane};
use super::tabs::profile::{self, ProfileAction, ProfileTab};
use super::theme::Theme;
use certlink_core::demo;
use certlink_core::service::{Environment, ManualClock, Service};
use certlink_core::store::{DbKind, Store};
use certlink_domain::Settings;
use certlink_domain::association_limit::WINDOW;
use certlink_domain::time::DateFormat;

pub(super) const SIZES: [(u16, u16); 2] = [(80, 24), (60, 16)];

pub(super) fn now() -> DateTime<Utc> {
    // A literal, valid date: cannot fail.
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// The demo sandbox in memory, on a clock that stays at `now()`.
pub(super) fn demo_app_with(theme: Theme) -> App {
    demo_app_at(theme, now(), &[])
}

/// The demo sandbox built at `now()`, then run on a clock that stays at `at` (not
/// before `now()`), with these operator settings changed first.
pub(super) fn demo_app_at(theme: Theme, at: DateTime<Utc>, settings: &[(&str, &str)]) -> App {
    demo_app_configured(ManualClock::new(at), theme, settings)
}

/// The demo sandbox in memory, on `clock` (set it to move time).
pub(super) fn demo_app_on(clock: ManualClock, theme: Theme) -> App {
    demo_app_configured(clock, theme, &[])
}

fn demo_app_configured(clock: ManualClock, theme: Theme, settings: &[(&str, &str)]) -> App {
    let store = Store::in_memory(DbKind::Sandbox, &Settings::sandbox()).expect("in-memory store");
    let service = Service::with_store(store, Environment::default()).expect("service");
    let (service, sign_ins) = demo::populate(service, now()).expect("demo data");
    let service = service.with_clock(Arc::new(clock));
    for (key, value) in settings {
        service.set_setting(key, value).expect("a valid setting");
    }
    let mut app = App::new(Arc::new(service), Some(sign_ins), theme);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

pub(super) fn demo_app() -> App {
    demo_app_with(Theme::colored())
}

/// Applies an action and runs the job it starts, if any, to the end (and the
/// jobs that follow from it, as the worker thread would).
/// Background jobs (the skills tab's passes and row reads) run after, each
/// fed back before the next starts, until none is queued.
pub(super) fn act(app: &mut App, action: Action) {
    let mut next = app.update(action);
    for _ in 0..1000 {
        while let Some(job) = next {
            assert_eq!(app.context(), &keys::BUSY, "a running job holds input");
            let done = job.run(&app.service);
            next = app.job_done(done);
        }
        let background = app.take_background();
        if background.is_empty() {
            return;
        }
        for job in background {
            assert!(job.is_background(), "{job:?}");
            let done = job.run(&app.service);
            assert!(app.job_done(done).is_none());
        }
    }
    panic!("background jobs kept coming");
}

/// The signed-in person's profile tab.
pub(super) fn profile_of(app: &App) -> &ProfileTab {
    app.main()
        .and_then(|m| m.tab::<ProfileTab>())
        .expect("signed in, with a profile")
}

/// The signed-in person's Associations tab.
pub(super) fn associations_of(app: &App) -> &AssociationsTab {
    app.main()
        .and_then(|m| m.tab::<AssociationsTab>())
        .expect("signed in, with Associations")
}

pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        act(app, Action::Type(c));
    }
}

pub(super) fn sign_in(app: &mut App, email: &str, password: &str) {
    type_text(app, email);
    act(app, Action::NextField);
    type_text(app, password);
    act(app, Action::Activate);
}

pub(super) fn signed_in(email: &str) -> App {
    let mut app = demo_app();
    sign_in(&mut app, email, demo::ACCOUNT_PASSWORD);
    assert!(app.main().is_some(), "{email} signed in");
    app
}

pub(super) fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| draw::draw(frame, app))
        .expect("draw into a test backend");
    terminal
}

pub(super) fn text_of(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Snapshots the screen at both sizes.
pub(super) fn snapshot(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let terminal = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// The cell where `needle` starts on screen.
pub(super) fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut columns = Vec::new();
        let mut hidden = 0;
        for x in 0..buffer.area.width {
            // The cells under the second half of a wide character hold a
            // placeholder; skip them so text reads as drawn.
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            hidden = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            for _ in symbol.chars() {
                columns.push(x);
            }
            line.push_str(symbol);
        }
        if let Some(byte) = line.find(needle) {
            let index = line[..byte].chars().count();
            return Some((columns[index], y));
        }
    }
    None
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_sign_in_with_demo_sign_ins() {
    snapshot("sign_in", &mut demo_app());
}

#[test]
fn snapshot_sign_in_refused() {
    let mut app = demo_app();
    sign_in(&mut app, "edsger@contoso.com", "wrong-password");
    snapshot("sign_in_refused", &mut app);
}

#[test]
fn snapshot_sign_in_busy() {
    let mut app = demo_app();
    type_text(&mut app, "edsger@contoso.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::ACCOUNT_PASSWORD);
    let job = app.update(Action::Activate);
    assert!(job.is_some());
    snapshot("sign_in_busy", &mut app);
}

#[test]
fn snapshot_password_change() {
    let mut app = demo_app();
    sign_in(&mut app, "donald@contoso.com", demo::INVITED_PASSWORD);
    assert!(matches!(app.screen, Screen::PasswordChange(_)));
    snapshot("password_change", &mut app);
}

#[test]
fn snapshot_profile_never_linked() {
    snapshot("profile_never_linked", &mut signed_in("edsger@contoso.com"));
}

#[test]
fn snapshot_profile_in_cool_off() {
    // Margaret moved to Contoso 10 days ago: 20 days of cool-off left (R9).
    snapshot("profile_cool_off", &mut signed_in("margaret@contoso.com"));
}

#[test]
fn snapshot_profile_limit_reached() {
    // Alan's MCID started 3 associations in 365 days (R9).
    snapshot("profile_limit", &mut signed_in("alan@contoso.com"));
}

#[test]
fn snapshot_profile_with_pu_access() {
    snapshot("profile_pu", &mut signed_in("katherine@contoso.com"));
}

#[test]
fn snapshot_associations_of_a_user() {
    let mut app = signed_in("alan@contoso.com");
    act(&mut app, Action::SelectTab(1));
    snapshot("associations_user", &mut app);
}

#[test]
fn snapshot_associations_of_a_global_admin() {
    // Ada sees Contoso's current links: 王小明's wide name, Linus departed (R12).
    let mut app = signed_in("ada@contoso.com");
    act(&mut app, Action::SelectTab(1));
    act(&mut app, Action::NextPane);
    snapshot("associations_global_admin", &mut app);
}

#[test]
fn snapshot_associate_dialog_with_r4_shortcut() {
    let mut app = signed_in("katherine@contoso.com");
    act(&mut app, Action::Activate);
    assert_eq!(
        app.credentials_in_front(),
        Some(CredentialsPurpose::Associate)
    );
    snapshot("associate_dialog_shortcut", &mut app);
}

#[test]
fn snapshot_associate_dialog_refused_by_r9() {
    // Ken removed his own link; Alan's profile has used its 3 associations.
    let mut app = signed_in("ken@fabrikam.com");
    act(&mut app, Action::Activate);
    // Ken's own profile is filled in; he types another one.
    act(&mut app, Action::PrevField);
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "alan.turing@learn.example.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::PROFILE_PASSWORD);
    act(&mut app, Action::Activate);
    let Some(Popup::Credentials(dialog)) = app.popups.last() else {
        panic!("the dialog stays open on a refusal");
    };
    let error = dialog.error.clone().unwrap_or_default();
    assert!(
        error.starts_with("Limit reached: 3 of 3 associations used since 2026-01-27."),
        "{error}"
    );
    assert!(
        error.ends_with("allowed from 2027-01-27 12:00 UTC (in 65 days)."),
        "{error}"
    );
    assert_eq!(dialog.form.value(1), "", "the password is cleared");
    snapshot("associate_dialog_refused", &mut app);
}

#[test]
fn snapshot_pu_dialog() {
    let mut app = signed_in("edsger@contoso.com");
    act(&mut app, Action::Down);
    act(&mut app, Action::Activate);
    type_text(&mut app, "hedy.l");
    act(&mut app, Action::NextField);
    act(&mut app, Action::Paste("pasted-secret\n".into()));
    snapshot("pu_dialog", &mut app);
}

#[test]
fn snapshot_confirm_unlink() {
    let mut app = signed_in("margaret@contoso.com");
    act(&mut app, Action::Activate);
    assert!(matches!(app.popups.last(), Some(Popup::Confirm(_))));
    snapshot("confirm_unlink", &mut app);
}

/// Dates as the demo's clock shows them (display time zone UTC).
fn dates_now() -> DateFormat {
    DateFormat::new(chrono_tz::UTC, now())
}

/// The text of the confirmation in front.
fn confirmation(app: &App) -> String {
    match app.popups.last() {
        Some(Popup::Confirm(c)) => c.text.clone(),
        other => panic!("a confirmation, not {other:?}"),
    }
}

#[test]
fn remove_access_at_the_limit_says_from_when_linking_is_possible_again() {
    // Seen: Alan, at 3 of 3 (starts 300, 200 and 100 days ago), confirmed
    // without being told the next allowed date.
    let mut app = signed_in("alan@contoso.com");
    act(&mut app, Action::Activate);
    let text = confirmation(&app);
    let next = dates_now().moment_with_countdown(now() - TimeDelta::days(300) + WINDOW);
    assert!(
        text.contains("3 of 3 associations used in 365 days"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "the yearly limit is reached, so linking again is possible from {next}."
        )),
        "{text}"
    );
    assert!(
        text.contains("does not use an association and gives none back"),
        "{text}"
    );
    snapshot("confirm_unlink_at_the_limit", &mut app);
}

#[test]
fn remove_access_in_the_cool_off_says_when_it_ends() {
    // Margaret moved to Contoso 10 days ago: her 30-day cool-off runs.
    let mut app = signed_in("margaret@contoso.com");
    act(&mut app, Action::Activate);
    let text = confirmation(&app);
    let dates = dates_now();
    let last = dates.date(now() - TimeDelta::days(10));
    let next = dates.moment_with_countdown(now() + TimeDelta::days(20));
    assert!(
        text.contains(&format!(
            "the 30-day cool-off since the last start on {last} runs, so linking again is possible from {next}."
        )),
        "{text}"
    );
    // Cancelled: nothing changed.
    act(&mut app, Action::Back);
    assert!(
        profile_of(&app)
            .view
            .as_ref()
            .is_some_and(|v| v.linked_mpn_id.is_some())
    );
}

/// Removes the signed-in person's link through the profile's confirmation.
fn remove_access(app: &mut App) {
    act(app, Action::Activate);
    act(app, Action::Confirm);
    assert!(
        profile_of(app)
            .view
            .as_ref()
            .is_some_and(|v| v.linked_mpn_id.is_none()),
        "unlinked"
    );
}

/// The message in front, (title, text).
fn message(app: &App) -> (String, String) {
    match app.popups.last() {
        Some(Popup::Message(m)) => (m.title.clone(), m.text.clone()),
        other => panic!("a message, not {other:?}"),
    }
}

#[test]
fn associate_in_the_cool_off_says_so_before_any_password() {
    // Seen: Edsger's form opened, took the password, then refused with the
    // date. He links his profile, removes access, and asks again.
    let mut app = signed_in("edsger@contoso.com");
    act(&mut app, Action::Activate);
    type_text(&mut app, "edsger.dijkstra@learn.example.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::PROFILE_PASSWORD);
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty(), "linked: {:?}", app.popups.last());
    remove_access(&mut app);
    act(&mut app, Action::Activate);
    assert_eq!(
        app.credentials_in_front(),
        None,
        "no form, no password asked"
    );
    let (title, text) = message(&app);
    assert_eq!(title, "Not possible yet (R9)");
    let next = dates_now().moment_with_countdown(now() + TimeDelta::days(30));
    assert!(
        text.starts_with("MCID 10000012 (edsger.dijkstra@learn.example.com), last associated through your account, cannot start a new association now."),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("Your next association is allowed from {next}.")),
        "{text}"
    );
    snapshot("associate_not_yet", &mut app);
}

#[test]
fn associate_at_the_limit_says_so_before_any_password() {
    let mut app = signed_in("alan@contoso.com");
    remove_access(&mut app);
    act(&mut app, Action::Activate);
    assert_eq!(app.credentials_in_front(), None);
    let (_, text) = message(&app);
    let dates = dates_now();
    let since = dates.date(now() - TimeDelta::days(300));
    let next = dates.moment_with_countdown(now() - TimeDelta::days(300) + WINDOW);
    assert!(
        text.contains(&format!(
            "Limit reached: 3 of 3 associations used since {since}. Your next association is allowed from {next}."
        )),
        "{text}"
    );
}

#[test]
fn associate_fills_in_the_profile_known_for_the_account() {
    // Ken removed access 3 days ago; his profile may associate again.
    let mut app = signed_in("ken@fabrikam.com");
    act(&mut app, Action::Activate);
    let Some(Popup::Credentials(dialog)) = app.popups.last() else {
        panic!("the form opens: {:?}", app.popups.last());
    };
    assert_eq!(dialog.form.value(0), "ken.thompson@learn.example.com");
    assert_eq!(dialog.form.focused_field(), Some(1), "the password is next");
    // Someone never associated gets an empty form (no profile is known).
    let mut app = signed_in("linus.torvalds@contoso.com");
    act(&mut app, Action::Activate);
    let Some(Popup::Credentials(dialog)) = app.popups.last() else {
        panic!("the form opens");
    };
    assert_eq!(dialog.form.value(0), "");
}

#[test]
fn snapshot_refusal_message() {
    let mut app = signed_in("margaret@contoso.com");
    // The account is deleted behind the app's back: the next action is refused.
    let ada = app
        .service
        .sign_in(
            "ada@contoso.com",
            demo::ACCOUNT_PASSWORD,
            &certlink_core::service::SignInSource::Local,
        )
        .expect("ada signs in");
    app.service
        .delete_account(&ada, "margaret@contoso.com")
        .expect("deleted");
    act(&mut app, Action::Activate);
    act(&mut app, Action::Confirm);
    assert!(matches!(app.popups.last(), Some(Popup::Message(_))));
    snapshot("refusal_message", &mut app);
}

#[test]
fn snapshot_help_overlay() {
    let mut app = signed_in("edsger@contoso.com");
    act(&mut app, Action::OpenHelp);
    snapshot("help_profile", &mut app);
}

#[test]
fn snapshot_terminal_too_small() {
    let mut app = signed_in("edsger@contoso.com");
    let terminal = render(&mut app, 59, 15);
    insta::assert_snapshot!("too_small_59x15", terminal.backend());
    assert!(text_of(&terminal).contains("terminal too small (need 60×16"));
}

// ------------------------------------------------------------ state/update

#[test]
fn r1_wrong_password_is_refused_in_plain_words_and_cleared() {
    let mut app = demo_app();
    sign_in(&mut app, "edsger@contoso.com", "nope");
    let Screen::SignIn(s) = &app.screen else {
        panic!("still on sign-in");
    };
    assert_eq!(
        s.error.as_deref(),
        Some("Wrong email or password. Check them and try again.")
    );
    assert_eq!(s.form.value(0), "edsger@contoso.com");
    assert_eq!(s.form.value(1), "");
    assert_eq!(s.form.focused_field(), Some(1));
}

#[test]
fn r1_repeated_failures_show_the_throttle_message() {
    let mut app = demo_app();
    type_text(&mut app, "grace@contoso.com");
    act(&mut app, Action::NextField);
    let mut last = String::new();
    for _ in 0..10 {
        type_text(&mut app, "wrong");
        act(&mut app, Action::Activate);
        if let Screen::SignIn(s) = &app.screen {
            last = s.error.clone().unwrap_or_default();
        }
        if last.starts_with("Too many failed attempts") || last.starts_with("Locked") {
            break;
        }
    }
    assert!(
        last.starts_with("Too many failed attempts") || last.starts_with("Locked"),
        "{last}"
    );
}

#[test]
fn r13_temporary_password_must_be_replaced_first() {
    let mut app = demo_app();
    sign_in(&mut app, "donald@contoso.com", demo::INVITED_PASSWORD);
    assert_eq!(app.context(), &password_change::KEYS);
    type_text(&mut app, demo::INVITED_PASSWORD);
    act(&mut app, Action::NextField);
    type_text(&mut app, "a-new-password");
    act(&mut app, Action::NextField);
    type_text(&mut app, "a-different-one");
    act(&mut app, Action::Activate);
    let Screen::PasswordChange(p) = &app.screen else {
        panic!("still changing");
    };
    assert!(p.error.as_deref().unwrap_or("").contains("differ"));
    // The focus is back on the new password; the current one is still typed.
    type_text(&mut app, "a-new-password");
    act(&mut app, Action::NextField);
    type_text(&mut app, "a-new-password");
    act(&mut app, Action::Activate);
    let main = app.main().expect("on to the tabs");
    assert!(!main.session.must_change_password);
    assert_eq!(app.flash.as_deref(), Some("Your new password is set."));
}

#[test]
fn r4_associate_links_the_profile_and_shows_the_allowance() {
    let mut app = signed_in("edsger@contoso.com");
    assert_eq!(app.context(), &profile::KEYS);
    act(&mut app, Action::Activate);
    assert_eq!(app.context(), &credentials::KEYS);
    // `q` types while a field has focus; it does not quit.
    type_text(&mut app, "q");
    assert!(!app.should_quit);
    act(&mut app, Action::Edit(EditOp::Backspace));
    type_text(&mut app, "edsger.dijkstra@learn.example.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::PROFILE_PASSWORD);
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty(), "the dialog closes on success");
    assert_eq!(
        app.flash.as_deref(),
        Some("MCID 10000012 is now linked with your organization.")
    );
    let view = profile_of(&app).view.as_ref().expect("profile");
    assert_eq!(view.allowance.used, 1);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("Linked to Contoso Ltd (1234567) since 2026-11-23"),
        "{text}"
    );
    assert!(
        text.contains("Next association: 2026-12-23 12:00 UTC (in 30 days) · cool-off"),
        "{text}"
    );
    assert!(
        text.contains("Used: 1 of 3 associations in 365 days (since 2026-11-23)"),
        "{text}"
    );
}

#[test]
fn r6_a_move_says_what_it_does_and_asks_before_it_is_made() {
    // Frances's MCID is linked to Fabrikam through her old account; from
    // Northwind she types its sign-in.
    let mut app = signed_in("frances@northwind.com");
    let move_it = |app: &mut App| {
        act(app, Action::Activate);
        type_text(app, "frances.allen@learn.example.com");
        act(app, Action::NextField);
        type_text(app, demo::PROFILE_PASSWORD);
        act(app, Action::Activate);
    };
    move_it(&mut app);
    let text = confirmation(&app);
    let after = now() + chrono::TimeDelta::hours(72);
    assert!(
        text.contains("Moving it here ends that link now (R6)"),
        "{text}"
    );
    assert!(
        text.contains("The move starts a new association (R9)"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "skills report from {} (R3",
            dates_now().moment(after)
        )),
        "{text}"
    );
    snapshot("confirm_move", &mut app);
    // Enter on the default button changes nothing: the MCID stays Fabrikam's.
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());
    let linked_here = |app: &App| {
        profile_of(app)
            .view
            .as_ref()
            .is_some_and(|v| v.linked_mpn_id.is_some())
    };
    assert!(!linked_here(&app));
    // Asked again and confirmed: moved.
    move_it(&mut app);
    act(&mut app, Action::NextField);
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());
    assert!(linked_here(&app));
    assert!(
        app.flash.as_deref().is_some_and(|f| f.contains("moved")),
        "{:?}",
        app.flash
    );
}

#[test]
fn r4_shortcut_fills_the_email_and_still_asks_the_password() {
    let mut app = signed_in("katherine@contoso.com");
    act(&mut app, Action::Activate);
    act(&mut app, Action::Activate);
    let Some(Popup::Credentials(dialog)) = app.popups.last() else {
        panic!("dialog");
    };
    assert_eq!(dialog.form.value(0), "katherine.johnson@learn.example.com");
    assert_eq!(dialog.form.focused_field(), Some(1), "on to the password");
    type_text(&mut app, demo::PROFILE_PASSWORD);
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());
    let view = app
        .main()
        .and_then(|m| m.tab::<ProfileTab>())
        .and_then(|p| p.view.clone())
        .expect("view");
    assert!(view.linked_mpn_id.is_some());
}

#[test]
fn r7_unlink_needs_a_confirmation_and_r9_allowance_stays() {
    let mut app = signed_in("margaret@contoso.com");
    let session = app.main().expect("main").session.clone();
    assert_eq!(
        profile_of(&app).selected_action(&session),
        Some(ProfileAction::RemoveLink)
    );
    // Enter on the confirmation's default button changes nothing.
    act(&mut app, Action::Activate);
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());
    assert!(
        app.main()
            .and_then(|m| m.tab::<ProfileTab>())
            .and_then(|p| p.view.as_ref())
            .is_some_and(|v| v.linked_mpn_id.is_some())
    );
    // Esc also cancels.
    act(&mut app, Action::Activate);
    act(&mut app, Action::Back);
    assert!(app.popups.is_empty());
    // Tab to "Yes" and Enter removes access.
    act(&mut app, Action::Activate);
    act(&mut app, Action::NextField);
    act(&mut app, Action::Activate);
    let view = app
        .main()
        .and_then(|m| m.tab::<ProfileTab>())
        .and_then(|p| p.view.clone())
        .expect("view");
    assert!(view.linked_mpn_id.is_none());
    // R9: the allowance of the MCID last associated is still shown.
    assert_eq!(view.allowance.used, 1);
    assert!(view.allowance.next_allowed.is_some());
    assert_eq!(
        app.flash.as_deref(),
        Some("Access removed: your profile is no longer linked.")
    );
}

#[test]
fn r2_partner_university_access_get_and_remove() {
    let mut app = signed_in("edsger@contoso.com");
    act(&mut app, Action::Bottom);
    act(&mut app, Action::Activate);
    assert_eq!(
        app.credentials_in_front(),
        Some(CredentialsPurpose::PartnerUniversity)
    );
    type_text(&mut app, "guido.r");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::PU_PASSWORD);
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());
    let view = app
        .main()
        .and_then(|m| m.tab::<ProfileTab>())
        .and_then(|p| p.view.clone())
        .expect("view");
    assert_eq!(
        view.pu_username.map(|u| u.to_string()).as_deref(),
        Some("guido.r")
    );
    act(&mut app, Action::Activate);
    act(&mut app, Action::Confirm);
    let view = app
        .main()
        .and_then(|m| m.tab::<ProfileTab>())
        .and_then(|p| p.view.clone())
        .expect("view");
    assert!(view.pu_username.is_none());
}

#[test]
fn r2_a_pu_account_held_elsewhere_is_refused_in_the_dialog() {
    let mut app = signed_in("edsger@contoso.com");
    act(&mut app, Action::Bottom);
    act(&mut app, Action::Activate);
    type_text(&mut app, "ada.l");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::PU_PASSWORD);
    act(&mut app, Action::Activate);
    let Some(Popup::Credentials(dialog)) = app.popups.last() else {
        panic!("still open");
    };
    assert!(
        dialog
            .error
            .as_deref()
            .unwrap_or("")
            .contains("associated with another work account")
    );
}

#[test]
fn tabs_switch_by_tab_backtab_and_number() {
    let mut app = signed_in("ada@contoso.com");
    let tab = |app: &App| app.main().map(|m| m.active_tab());
    assert_eq!(tab(&app), Some(TabId::Profile));
    act(&mut app, Action::NextTab);
    assert_eq!(tab(&app), Some(TabId::Associations));
    act(&mut app, Action::PrevTab);
    assert_eq!(tab(&app), Some(TabId::Profile));
    // Back from the first wraps to the last: Designations.
    act(&mut app, Action::PrevTab);
    assert_eq!(tab(&app), Some(TabId::Designations));
    act(&mut app, Action::NextTab);
    assert_eq!(tab(&app), Some(TabId::Profile));
    act(&mut app, Action::SelectTab(1));
    assert_eq!(tab(&app), Some(TabId::Associations));
    act(&mut app, Action::SelectTab(0));
    assert_eq!(tab(&app), Some(TabId::Profile));
    act(&mut app, Action::SelectTab(8));
    assert_eq!(
        tab(&app),
        Some(TabId::Profile),
        "no such tab: nothing happens"
    );
}

#[test]
fn support_engineers_see_their_desk_and_a_profile_without_actions() {
    let mut app = demo_app();
    sign_in(&mut app, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    let main = app.main().expect("signed in");
    assert_eq!(main.tabs, vec![TabId::Support, TabId::Profile]);
    let profile = main.tab::<ProfileTab>().expect("a profile");
    assert!(profile.actions(&main.session).is_empty());
    act(&mut app, Action::SelectTab(1));
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("Support engineer"));
    assert!(!text.contains("Associations"));
}

#[test]
fn a_user_has_no_organization_pane() {
    let mut app = signed_in("alan@contoso.com");
    act(&mut app, Action::SelectTab(1));
    act(&mut app, Action::NextPane);
    let tab = associations_of(&app);
    assert!(tab.org.is_none());
    assert_eq!(tab.focus, Pane::History);
    assert_eq!(
        tab.history.rows.len(),
        3,
        "Alan's MCID moved through three organizations"
    );
}

#[test]
fn input_waits_while_a_job_runs_but_quit_works() {
    let mut app = demo_app();
    type_text(&mut app, "edsger@contoso.com");
    act(&mut app, Action::Activate);
    type_text(&mut app, "wrong");
    let job = app.update(Action::Activate).expect("a sign-in job");
    assert_eq!(app.context(), &keys::BUSY);
    assert!(app.update(Action::Type('x')).is_none());
    app.update(Action::Tick);
    assert_eq!(app.busy.map(|b| b.frame), Some(1));
    let done = job.run(&app.service);
    app.job_done(done);
    assert_eq!(app.context(), &sign_in::DEMO_KEYS);
    app.update(Action::Quit);
    assert!(app.should_quit);
}

#[test]
fn help_lists_the_key_table_of_the_screen_below() {
    let mut app = signed_in("edsger@contoso.com");
    act(&mut app, Action::OpenHelp);
    let Some(Popup::Help(help)) = app.popups.last() else {
        panic!("help open");
    };
    assert_eq!(help.context, &profile::KEYS);
    assert_eq!(help.rows(), keys::help_rows(&profile::KEYS));
    act(&mut app, Action::Back);
    assert!(app.popups.is_empty());
}

#[test]
fn demo_sign_in_fills_the_form_and_esc_clears_it() {
    let mut app = demo_app();
    act(&mut app, Action::Down);
    act(&mut app, Action::UseDemoSignIn);
    let Screen::SignIn(s) = &app.screen else {
        panic!("sign-in");
    };
    assert_eq!(s.form.value(0), "grace@contoso.com");
    assert_eq!(s.form.value(1), demo::ACCOUNT_PASSWORD);
    act(&mut app, Action::Back);
    let Screen::SignIn(s) = &app.screen else {
        panic!("sign-in");
    };
    assert_eq!(s.form.value(0), "");
}

#[test]
fn no_demo_sign_ins_outside_a_sandbox() {
    let store = Store::in_memory(DbKind::Real, &Settings::sandbox()).expect("store");
    let service = Service::with_store(store, Environment::default()).expect("service");
    let app = App::new(
        Arc::new(service),
        Some(demo::DemoSignIns::default()),
        Theme::colored(),
    );
    assert!(app.demo.is_none());
    assert!(!app.sandbox);
}

#[test]
fn mouse_clicks_tabs_rows_and_buttons() {
    let mut app = signed_in("ada@contoso.com");
    let terminal = render(&mut app, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "2 Assoc.").expect("tab drawn");
    act(&mut app, Action::Click { column: x, row: y });
    assert_eq!(
        app.main().map(|m| m.active_tab()),
        Some(TabId::Associations)
    );
    let terminal = render(&mut app, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "王小明").expect("row drawn");
    act(&mut app, Action::Click { column: x, row: y });
    let tab = associations_of(&app);
    assert_eq!(tab.focus, Pane::OrgLinks);
    let org = tab.org.as_ref().expect("pane");
    assert_eq!(
        org.selected_row().map(|r| r.holder_name.as_str()),
        Some("王小明")
    );
    // Back to the profile: a click on an action opens its dialog.
    act(&mut app, Action::SelectTab(0));
    let terminal = render(&mut app, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "[ Get access ]")
        .or_else(|| find(terminal.backend().buffer(), "[ Remove access ]"))
        .expect("PU action drawn");
    act(
        &mut app,
        Action::Click {
            column: x + 2,
            row: y,
        },
    );
    assert!(matches!(app.popups.last(), Some(Popup::Confirm(_))));
    let terminal = render(&mut app, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "[ No, keep it ]").expect("button");
    act(&mut app, Action::Click { column: x, row: y });
    assert!(app.popups.is_empty());
}

#[test]
fn wide_names_stay_aligned() {
    let mut app = signed_in("ada@contoso.com");
    act(&mut app, Action::SelectTab(1));
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let (_, wang_row) = find(buffer, "王小明").expect("wang");
    let (_, other_row) = find(buffer, "Margaret Hamilton").expect("margaret");
    let email_col = |row: u16| (0..buffer.area.width).find(|x| buffer[(*x, row)].symbol() == "@");
    let wang_email = find(buffer, "wang@contoso.com").expect("wang email");
    let margaret_email = find(buffer, "margaret@contoso.com").expect("margaret email");
    assert_eq!(wang_email.1, wang_row);
    assert_eq!(margaret_email.1, other_row);
    assert_eq!(
        wang_email.0, margaret_email.0,
        "the email column starts at the same cell"
    );
    assert!(email_col(wang_row).is_some());
}

// ------------------------------------------------------------------ styles

#[test]
fn styles_carry_meaning_with_words_too() {
    let mut app = signed_in("margaret@contoso.com");
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    // The active tab is highlighted.
    let (x, y) = find(buffer, "1 Profile").expect("tab");
    assert_eq!(buffer[(x, y)].bg, Color::Cyan);
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find(buffer, "2 Associations").expect("tab");
    assert_eq!(buffer[(x, y)].bg, Color::Reset);
    // The next allowed date is a warning, and says why in words.
    let (x, y) = find(buffer, "2026-12-13 12:00 UTC (in 20 days) · cool-off").expect("next date");
    assert_eq!(buffer[(x, y)].fg, Color::Yellow);
    // The linked state is green and marked with a tick.
    let (x, y) = find(buffer, "✓ Linked to Contoso Ltd").expect("linked");
    assert_eq!(buffer[(x, y)].fg, Color::Green);

    let mut app = signed_in("edsger@contoso.com");
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "✓ allowed now").expect("allowed now");
    assert_eq!(buffer[(x, y)].fg, Color::Green);

    let mut app = demo_app();
    sign_in(&mut app, "edsger@contoso.com", "wrong");
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "✗ Wrong email or password").expect("refusal");
    assert_eq!(buffer[(x, y)].fg, Color::Red);
}

#[test]
fn no_color_theme_draws_no_colour_at_all() {
    let mut app = demo_app_with(Theme::plain());
    sign_in(&mut app, "margaret@contoso.com", demo::ACCOUNT_PASSWORD);
    act(&mut app, Action::Activate);
    for (w, h) in SIZES {
        let terminal = render(&mut app, w, h);
        for cell in terminal.backend().buffer().content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
    }
    // Selection still shows, by reverse video and a mark.
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "[ No, keep it ]").expect("button");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn status_bar_names_person_role_organization_and_hints() {
    let mut app = signed_in("ada@contoso.com");
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("Ada Lovelace · Global Admin · Contoso Ltd (1234567)"),
        "{text}"
    );
    assert!(text.contains("SANDBOX"));
    for (keys, does) in keys::hints(&profile::KEYS).into_iter().take(2) {
        assert!(
            text.contains(&format!("{keys} {does}")),
            "{keys} {does}\n{text}"
        );
    }
}

#[test]
fn long_lists_scroll_with_the_selection_and_clicks_agree() {
    let mut app = demo_app();
    for _ in 0..20 {
        act(&mut app, Action::Down);
    }
    let rows = app.demo.clone().unwrap_or_default();
    let selected = &rows[20];
    let terminal = render(&mut app, 60, 16);
    let buffer = terminal.backend().buffer();
    let (_, y) = find(buffer, &format!("▶ {}", selected.login)).expect("selection visible");
    // A click one row above selects the row before it, and fills the form.
    act(
        &mut app,
        Action::Click {
            column: 5,
            row: y - 1,
        },
    );
    let Screen::SignIn(s) = &app.screen else {
        panic!("sign-in");
    };
    assert_eq!(s.demo_selected, 19);
    if rows[19].signs_in_here {
        assert_eq!(s.form.value(0), rows[19].login);
    }
}
