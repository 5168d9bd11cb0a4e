//! The profile, Associations, Competencies and Learn tabs in 简体中文 (issue
//! 16): `TestBackend` snapshots at 80×24 and 60×16 (names ending `_zh_cn`)
//! on the demo data with the fixed clock of `tests.rs`, with 王小明 on
//! screen; the dialogs and flash messages these tabs open in Chinese; and
//! every line of these screens exactly as wide as the screen, no wide
//! character cut, in both languages and a few widths in between. Expected
//! words come from the catalog (`Lang::ZhCn.…`), not copied here.

use chrono::TimeDelta;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::action::{Action, EditOp};
use super::app::App;
use super::popups::Popup;
use super::tabs::associations::AssociationsTab;
use super::tabs::competencies::CompetenciesTab;
use super::tests::{act, demo_app, demo_app_at, now, profile_of, render, sign_in, type_text};
use super::theme::Theme;
use certlink_core::demo;
use certlink_domain::time::DateFormat;
use certlink_i18n::width::width;
use certlink_i18n::{Choice, Lang};

const ASSOCIATIONS: usize = 1;
const COMPETENCIES: usize = 3;
const LEARNING: usize = 4;

/// The sizes of the snapshots, and widths in between for the layout checks.
const SIZES: [(u16, u16); 2] = [(80, 24), (60, 16)];
const LAYOUT_SIZES: [(u16, u16); 5] = [(80, 24), (74, 22), (69, 20), (64, 18), (60, 16)];

/// The demo sandbox, speaking `lang` from the start (as `--lang` chooses).
fn app_in(lang: Lang) -> App {
    let mut app = demo_app();
    app.lang = lang;
    app.lang_choice = Choice {
        explicit: Some(lang),
        locale: None,
    };
    app
}

fn signed_in_as(email: &str, lang: Lang) -> App {
    let mut app = app_in(lang);
    sign_in(&mut app, email, demo::ACCOUNT_PASSWORD);
    assert!(app.main().is_some(), "{email} signed in");
    app
}

fn zh(email: &str) -> App {
    signed_in_as(email, Lang::ZhCn)
}

/// Dates as the demo's clock shows them, for a Chinese reader.
fn dates_zh() -> DateFormat {
    DateFormat::new(chrono_tz::UTC, now()).in_lang(Lang::ZhCn)
}

/// Snapshots the screen at both sizes, as `{name}_{w}x{h}_zh_cn`.
fn snapshot_zh(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let terminal = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}_zh_cn"), terminal.backend());
    }
}

/// The screen's text as read: the cell after a wide character (which it
/// covers) is skipped, so Chinese reads without gaps.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    let terminal = render(app, w, h);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += u16::try_from(width(symbol).max(1)).unwrap_or(1);
        }
        out.push('\n');
    }
    out
}

/// Every row takes the screen's width exactly, counted by display width,
/// and no wide character sticks out of the last column.
fn assert_fits(terminal: &Terminal<TestBackend>, what: &str) {
    let buffer = terminal.backend().buffer();
    let (w, h) = (buffer.area.width, buffer.area.height);
    for y in 0..h {
        let mut x = 0;
        let mut used = 0;
        let mut line = String::new();
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            let cols = width(symbol).max(1);
            assert!(
                usize::from(x) + cols <= usize::from(w),
                "{what} at {w}x{h}: {symbol:?} at column {x} of row {y} is cut by the edge"
            );
            line.push_str(symbol);
            used += cols;
            x += u16::try_from(cols).unwrap_or(1);
        }
        assert_eq!(
            used,
            usize::from(w),
            "{what} at {w}x{h}, row {y} is {used} columns: {line}"
        );
    }
}

// ------------------------------------------------------------------ profile

#[test]
fn snapshot_profile_of_wang_zh_cn() {
    // 王小明's own profile: linked, no Partner University access.
    let mut app = zh("wang@contoso.com");
    let text = screen(&mut app, 80, 24);
    let z = Lang::ZhCn;
    for words in [
        z.tui_profile_mcid_heading(),
        z.tui_profile_pu_heading(),
        z.tui_profile_no_pu(),
        z.tui_profile_next(),
    ] {
        assert!(text.contains(words.trim()), "{words}\n{text}");
    }
    assert!(
        text.contains(
            &z.tui_profile_allowance_title_mcid("10000005")
                .trim()
                .to_string()
        ),
        "{text}"
    );
    assert!(text.contains("王小明"), "{text}");
    snapshot_zh("profile_wang", &mut app);
}

#[test]
fn snapshot_profile_in_cool_off_zh_cn() {
    // Margaret moved to Contoso 10 days ago: 20 days of cool-off left (R9).
    let mut app = zh("margaret@contoso.com");
    let text = screen(&mut app, 80, 24);
    let dates = dates_zh();
    let next = dates.moment_with_countdown(now() + TimeDelta::days(20));
    assert!(next.ends_with("（20 天后）"), "{next}");
    assert!(
        text.contains(&format!(
            "{}{next}{}",
            Lang::ZhCn.tui_profile_next(),
            Lang::ZhCn.tui_profile_blocked_cool_off()
        )),
        "{text}"
    );
    assert!(
        text.contains(
            &Lang::ZhCn.tui_profile_cool_off_last(30, dates.date(now() - TimeDelta::days(10)))
        ),
        "{text}"
    );
    snapshot_zh("profile_cool_off", &mut app);
}

#[test]
fn snapshot_profile_limit_reached_zh_cn() {
    // Alan's MCID started 3 associations in 365 days (R9).
    let mut app = zh("alan@contoso.com");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(Lang::ZhCn.tui_profile_blocked_limit().trim()),
        "{text}"
    );
    snapshot_zh("profile_limit", &mut app);
}

#[test]
fn snapshot_profile_with_pu_access_zh_cn() {
    let mut app = zh("katherine@contoso.com");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(Lang::ZhCn.tui_profile_kind_certification()),
        "{text}"
    );
    snapshot_zh("profile_pu", &mut app);
}

#[test]
fn snapshot_confirm_unlink_zh_cn() {
    let mut app = zh("margaret@contoso.com");
    act(&mut app, Action::Activate);
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("a confirmation, not {:?}", app.popups.last());
    };
    assert_eq!(confirm.title, Lang::ZhCn.tui_profile_unlink_title());
    let z = Lang::ZhCn;
    let dates = dates_zh();
    let next = dates.moment_with_countdown(now() + TimeDelta::days(20));
    let cost = z.tui_profile_cost(
        z.tui_profile_cost_used(1, 3),
        z.tui_profile_cost_again_cool_off_since(30, dates.date(now() - TimeDelta::days(10)), next),
    );
    assert_eq!(
        confirm.text,
        z.tui_profile_unlink_text("10000002", "Contoso Ltd", cost)
    );
    snapshot_zh("confirm_unlink", &mut app);
}

#[test]
fn associate_in_the_cool_off_says_so_in_chinese_before_any_password() {
    // Edsger links his profile, removes access, and asks again (R9).
    let mut app = zh("edsger@contoso.com");
    act(&mut app, Action::Activate);
    type_text(&mut app, "edsger.dijkstra@learn.example.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::PROFILE_PASSWORD);
    let job = app.update(Action::Activate).expect("the link job");
    assert_eq!(
        job.progress().in_lang(Lang::ZhCn),
        Lang::ZhCn.tui_profile_checking_profile()
    );
    let done = job.run(&app.service);
    assert!(app.job_done(done).is_none());
    assert!(app.popups.is_empty(), "linked: {:?}", app.popups.last());
    assert_eq!(
        app.flash.as_deref(),
        Some(
            Lang::ZhCn
                .tui_profile_flash_linked("MCID 10000012")
                .as_str()
        )
    );
    // Remove access, in Chinese all the way.
    act(&mut app, Action::Activate);
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("a confirmation");
    };
    assert_eq!(confirm.title, Lang::ZhCn.tui_profile_unlink_title());
    act(&mut app, Action::Confirm);
    assert_eq!(
        app.flash.as_deref(),
        Some(Lang::ZhCn.tui_profile_flash_unlinked())
    );
    act(&mut app, Action::Activate);
    assert_eq!(
        app.credentials_in_front(),
        None,
        "no form, no password asked"
    );
    let Some(Popup::Message(message)) = app.popups.last() else {
        panic!("a message, not {:?}", app.popups.last());
    };
    assert_eq!(message.title, Lang::ZhCn.tui_profile_not_yet_title());
    let view = profile_of(&app).view.clone().expect("the profile");
    let refusal = view.allowance.refusal().expect("R9 refuses now");
    assert_eq!(
        message.text,
        Lang::ZhCn.tui_profile_refusal_email(
            "10000012",
            "edsger.dijkstra@learn.example.com",
            refusal.message(&dates_zh())
        )
    );
    snapshot_zh("associate_not_yet", &mut app);
}

#[test]
fn a_refusal_in_the_associate_form_counts_days_in_chinese() {
    // Ken removed his own link; Alan's profile has used its 3 associations.
    let mut app = zh("ken@fabrikam.com");
    act(&mut app, Action::Activate);
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
    let countdown = Lang::ZhCn.countdown_days(65);
    assert!(error.contains(&format!("（{countdown}）")), "{error}");
    assert_eq!(dialog.form.value(1), "", "the password is cleared");
    snapshot_zh("associate_dialog_refused", &mut app);
}

#[test]
fn a_move_asks_in_chinese() {
    // Frances's MCID is linked to Fabrikam; from Northwind she types its sign-in (R6).
    let mut app = zh("frances@northwind.com");
    act(&mut app, Action::Activate);
    type_text(&mut app, "frances.allen@learn.example.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, demo::PROFILE_PASSWORD);
    act(&mut app, Action::Activate);
    let Some(Popup::Confirm(dialog)) = app.popups.last() else {
        panic!("a move asks first");
    };
    assert!(
        dialog.text.contains("会立即结束该关联（R6）"),
        "{}",
        dialog.text
    );
    snapshot_zh("confirm_move", &mut app);
}

#[test]
fn partner_university_jobs_and_flashes_speak_chinese() {
    let mut app = zh("katherine@contoso.com");
    act(&mut app, Action::Down);
    let job = app.update(Action::Activate);
    assert!(job.is_none(), "a confirmation first");
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("a confirmation, not {:?}", app.popups.last());
    };
    assert_eq!(confirm.title, Lang::ZhCn.tui_profile_remove_pu_title());
    act(&mut app, Action::Confirm);
    assert_eq!(
        app.flash.as_deref(),
        Some(Lang::ZhCn.tui_profile_flash_pu_removed())
    );
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(Lang::ZhCn.tui_profile_no_pu()), "{text}");
    assert!(
        text.contains(Lang::ZhCn.tui_profile_action_get_pu()),
        "{text}"
    );
}

#[test]
fn a_click_on_a_chinese_button_acts() {
    let mut app = zh("margaret@contoso.com");
    let terminal = render(&mut app, 80, 24);
    let label = Lang::ZhCn.tui_profile_action_get_pu();
    let (x, y) = super::tests::find(terminal.backend().buffer(), label).expect("the button");
    act(&mut app, Action::Click { column: x, row: y });
    assert!(
        app.credentials_in_front().is_some(),
        "the Partner University form opens: {:?}",
        app.popups.last()
    );
}

/// Margaret at `at` (her cool-off ends 20 days after the demo's `now()`, at
/// its hour), in Chinese.
fn margaret_zh_at(at: chrono::DateTime<chrono::Utc>, settings: &[(&str, &str)]) -> App {
    let mut app = demo_app_at(Theme::colored(), at, settings);
    app.lang = Lang::ZhCn;
    app.lang_choice = Choice {
        explicit: Some(Lang::ZhCn),
        locale: None,
    };
    sign_in(&mut app, "margaret@contoso.com", demo::ACCOUNT_PASSWORD);
    assert!(app.main().is_some(), "margaret signed in");
    app
}

#[test]
fn r9_at_00_05_on_the_day_named_the_chinese_profile_says_today() {
    let allowed = now() + TimeDelta::days(20);
    let at_00_05 = allowed
        .date_naive()
        .and_hms_opt(0, 5, 0)
        .expect("a time")
        .and_utc();
    let mut app = margaret_zh_at(at_00_05, &[]);
    let text = screen(&mut app, 80, 24);
    let z = Lang::ZhCn;
    let moment = allowed.format("%Y-%m-%d %H:%M UTC").to_string();
    let when = z.moment_with_countdown(moment, z.countdown_today());
    assert!(
        text.contains(&format!(
            "{}{when}{}",
            z.tui_profile_next(),
            z.tui_profile_blocked_cool_off()
        )),
        "{text}"
    );
    assert!(when.ends_with("（今天）"), "{when}");
    snapshot_zh("profile_next_allowed_at_00_05_on_the_day", &mut app);
    // Berlin is already on the day named at 23:30 UTC the day before; UTC
    // counts one more day.
    let evening = allowed
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("a time")
        .and_utc()
        - TimeDelta::minutes(30);
    let mut app = margaret_zh_at(evening, &[("display_time_zone", "Europe/Berlin")]);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("（今天）"), "{text}");
    let mut app = margaret_zh_at(evening, &[]);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("（{}）", z.countdown_days(1))),
        "{text}"
    );
}

// ------------------------------------------------------------- associations

#[test]
fn snapshot_associations_of_wang_zh_cn() {
    let mut app = zh("wang@contoso.com");
    act(&mut app, Action::SelectTab(ASSOCIATIONS));
    let text = screen(&mut app, 80, 24);
    let z = Lang::ZhCn;
    for words in [
        z.tui_assoc_col_organization(),
        z.tui_assoc_col_from(),
        z.tui_assoc_col_reason(),
        z.tui_assoc_active(),
        z.tui_assoc_now(),
    ] {
        assert!(text.contains(words), "{words}\n{text}");
    }
    snapshot_zh("associations_wang", &mut app);
}

#[test]
fn snapshot_associations_of_a_global_admin_zh_cn() {
    // Ada sees Contoso's current links: 王小明's wide name, Linus departed (R12).
    let mut app = zh("ada@contoso.com");
    act(&mut app, Action::SelectTab(ASSOCIATIONS));
    act(&mut app, Action::NextPane);
    let text = screen(&mut app, 80, 24);
    let z = Lang::ZhCn;
    for words in [
        z.tui_assoc_col_holder(),
        z.tui_assoc_col_email(),
        z.tui_assoc_col_since(),
        z.tui_assoc_departed(),
        z.tui_assoc_status_active(),
    ] {
        assert!(text.contains(words), "{words}\n{text}");
    }
    assert!(text.contains("王小明"), "{text}");
    snapshot_zh("associations_global_admin", &mut app);
}

#[test]
fn chinese_names_and_headers_stay_aligned() {
    let mut app = zh("ada@contoso.com");
    act(&mut app, Action::SelectTab(ASSOCIATIONS));
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let find = |needle: &str| super::tests::find(buffer, needle).expect(needle);
    let wang = find("wang@contoso.com");
    let margaret = find("margaret@contoso.com");
    let header = find(Lang::ZhCn.tui_assoc_col_email());
    assert_eq!(
        wang.0, margaret.0,
        "the email column starts at the same cell"
    );
    assert_eq!(header.0, wang.0, "under its Chinese header");
    let since = find(Lang::ZhCn.tui_assoc_col_since());
    let wang_row_dates: Vec<u16> = (0..buffer.area.width)
        .filter(|x| buffer[(*x, wang.1)].symbol() == "2")
        .collect();
    assert!(
        wang_row_dates.contains(&since.0),
        "王小明's date starts under 关联日期"
    );
}

#[test]
fn the_history_filter_finds_reasons_in_either_language() {
    let mut app = zh("alan@contoso.com");
    act(&mut app, Action::SelectTab(ASSOCIATIONS));
    let all = associations_shown(&app);
    assert!(all > 1, "Alan has a history");
    for word in ["moved", Lang::ZhCn.tui_assoc_reason_moved()] {
        act(&mut app, Action::StartFilter);
        type_text(&mut app, word);
        act(&mut app, Action::Activate);
        let shown = associations_shown(&app);
        assert!(shown >= 1 && shown < all, "{word}: {shown} of {all}");
        act(&mut app, Action::Back);
        assert_eq!(associations_shown(&app), all);
    }
}

fn associations_shown(app: &App) -> usize {
    app.main()
        .and_then(|m| m.tab::<AssociationsTab>())
        .map_or(0, |t| t.history.shown.len())
}

// ------------------------------------------------------- competencies, learn

#[test]
fn snapshot_competencies_zh_cn() {
    let mut app = zh("ada@contoso.com");
    act(&mut app, Action::SelectTab(COMPETENCIES));
    let security = app
        .main()
        .and_then(|m| m.tab::<CompetenciesTab>())
        .and_then(|c| c.status.as_ref())
        .and_then(|s| s.iter().position(|c| c.name == "Security"))
        .expect("a Security competency");
    for _ in 0..security {
        act(&mut app, Action::Down);
    }
    let text = screen(&mut app, 80, 24);
    let z = Lang::ZhCn;
    assert!(text.contains(&format!("✓ {}", z.tui_comp_met())), "{text}");
    assert!(
        text.contains(&format!("✗ {}", z.tui_comp_not_met())),
        "{text}"
    );
    let title = z.tui_comp_people_title("Security", z.tui_comp_counted(1, 2));
    assert!(text.contains(title.trim()), "{title}\n{text}");
    assert!(text.contains(z.tui_comp_col_earned()), "{text}");
    snapshot_zh("competencies", &mut app);
}

#[test]
fn snapshot_learn_analytics_zh_cn() {
    let mut app = zh("grace@contoso.com");
    act(&mut app, Action::SelectTab(LEARNING));
    let text = screen(&mut app, 80, 24);
    let z = Lang::ZhCn;
    let title = z.tui_learning_title("2025-11-23", "2026-11-23", 12);
    assert!(text.contains(&title), "{title}\n{text}");
    assert!(text.contains(&z.tui_learning_totals(4, 6, 2)), "{text}");
    assert!(text.contains("11月"), "month labels in Chinese\n{text}");
    snapshot_zh("learn_analytics", &mut app);
}

#[test]
fn report_reads_say_their_progress_in_chinese() {
    let mut app = zh("ada@contoso.com");
    let job = app.update(Action::SelectTab(COMPETENCIES)).expect("a read");
    assert_eq!(
        job.progress().in_lang(Lang::ZhCn),
        Lang::ZhCn.tui_comp_reading()
    );
    let mut app = zh("grace@contoso.com");
    let job = app.update(Action::SelectTab(LEARNING)).expect("a read");
    assert_eq!(
        job.progress().in_lang(Lang::ZhCn),
        Lang::ZhCn.tui_learning_reading()
    );
}

#[test]
fn english_counts_keep_their_plural() {
    assert_eq!(Lang::En.tui_comp_counted(1, 2), "1 person counts, 2 needed");
    assert_eq!(Lang::En.tui_comp_counted(0, 2), "0 people count, 2 needed");
    assert_eq!(
        Lang::En.tui_comp_counted(1975, 2),
        "1975 people count, 2 needed"
    );
    assert_eq!(Lang::ZhCn.tui_comp_counted(1, 2), "1 人计入，需要 2 人");
}

// ------------------------------------------------------------------ layout

/// Each tab of this area for a person who sees it, in both languages.
fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    for email in [
        "wang@contoso.com",
        "margaret@contoso.com",
        "alan@contoso.com",
        "katherine@contoso.com",
    ] {
        out.push(("profile", signed_in_as(email, lang)));
    }
    let mut wang = signed_in_as("wang@contoso.com", lang);
    act(&mut wang, Action::SelectTab(ASSOCIATIONS));
    out.push(("associations", wang));
    let mut ada = signed_in_as("ada@contoso.com", lang);
    act(&mut ada, Action::SelectTab(ASSOCIATIONS));
    act(&mut ada, Action::NextPane);
    out.push(("associations of the organization", ada));
    let mut ada = signed_in_as("ada@contoso.com", lang);
    act(&mut ada, Action::SelectTab(COMPETENCIES));
    act(&mut ada, Action::Down);
    out.push(("competencies", ada));
    let mut grace = signed_in_as("grace@contoso.com", lang);
    act(&mut grace, Action::SelectTab(LEARNING));
    out.push(("learn", grace));
    let mut margaret = signed_in_as("margaret@contoso.com", lang);
    act(&mut margaret, Action::Activate);
    out.push(("confirm unlink", margaret));
    out
}

#[test]
fn no_line_is_wider_than_the_screen_nor_cuts_a_wide_character() {
    for lang in [Lang::En, Lang::ZhCn] {
        for (what, mut app) in screens(lang) {
            for (w, h) in LAYOUT_SIZES {
                let terminal = render(&mut app, w, h);
                assert_fits(&terminal, &format!("{what} ({lang})"));
            }
        }
    }
}

#[test]
fn english_stays_english() {
    // The same screens as before the catalog: no Chinese on them.
    let mut app = signed_in_as("margaret@contoso.com", Lang::En);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Next association: 2026-12-13 12:00 UTC (in 20 days) · cool-off"));
    assert!(!text.contains(Lang::ZhCn.tui_profile_next()), "{text}");
}
