//! The organization's report tabs (R10 skills report, R11 competencies, R18
//! Learn analytics): who sees them, sorting, filtering, paging, the download
//! (into a temporary folder, read back), and `TestBackend` snapshots at 80×24
//! and 60×16 on the demo data with the fixed clock of `tests.rs`.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::TimeDelta;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::action::{Action, EditOp, RangeMove};
use super::app::{App, Screen};
use super::keys;
use super::popups::{Popup, download};
use super::tabs::TabId;
use super::tabs::competencies::CompetenciesTab;
use super::tabs::learning::{self, LearningTab};
use super::tabs::skills::{self, SkillColumn, SkillsTab};
use super::tests::{
    act, demo_app, demo_app_on, now, render, sign_in, signed_in, snapshot, text_of, type_text,
};
use super::theme::Theme;
use certlink_core::browse::reads as skill_reads;
use certlink_core::demo;
use certlink_core::report;
use certlink_core::service::{ManualClock, NewAccount, ServiceError, SkillRow};
use certlink_core::store::records::AccountKind;
use certlink_domain::skills::SkillKind;
use certlink_domain::time::DateFormat;
use certlink_domain::{AccountId, AccountStatus, Mcid, MpnId, Refusal, Roles};

/// Skills, Competencies and Learn come after Profile and Associations.
const SKILLS: usize = 2;
const COMPETENCIES: usize = 3;
const LEARNING: usize = 4;

fn skills_of(app: &App) -> &SkillsTab {
    app.main()
        .and_then(|m| m.tab::<SkillsTab>())
        .expect("signed in, with the skills report")
}

/// Ada (Global Admin of Contoso) on the skills report, read.
fn ada_on_skills() -> App {
    let mut app = signed_in("ada@contoso.com");
    act(&mut app, Action::SelectTab(SKILLS));
    assert!(skills_of(&app).is_loaded(), "read on the first visit");
    assert!(!skills_of(&app).is_partial(), "and whole");
    app
}

/// The rows shown, in order, read again by their handles.
fn shown_rows(app: &App) -> Vec<SkillRow> {
    let tab = skills_of(app);
    let session = &app.main().expect("signed in").session;
    skill_reads::rows_by_handle(&app.service, session, &tab.view_handles())
        .expect("rows read")
        .into_iter()
        .map(|(_, row)| row.expect("still in the report"))
        .collect()
}

/// The names of the rows shown, in order.
fn shown_names(app: &App) -> Vec<String> {
    shown_rows(app).into_iter().map(|r| r.name).collect()
}

fn shown_column(app: &App, column: SkillColumn) -> Vec<String> {
    let dates = *skills_of(app).dates().expect("loaded");
    shown_rows(app)
        .iter()
        .map(|row| report::skill_cells(row, &dates)[column.cell()].clone())
        .collect()
}

// ------------------------------------------------------------------ access

#[test]
fn only_organization_admins_get_the_report_tabs() {
    let reports = [TabId::Skills, TabId::Competencies, TabId::Learning];
    let tabs = |app: &App| app.main().expect("signed in").tabs.clone();
    // Ada is also a Global Admin (Users); Grace an MPN Partner Admin only.
    for (admin, users) in [("ada@contoso.com", true), ("grace@contoso.com", false)] {
        let app = signed_in(admin);
        let mut expected: Vec<TabId> = [TabId::Profile, TabId::Associations]
            .into_iter()
            .chain(reports)
            .collect();
        if users {
            expected.push(TabId::Users);
        }
        expected.push(TabId::Support);
        expected.push(TabId::Designations);
        assert_eq!(tabs(&app), expected, "{admin}");
    }
    let mut user = signed_in("alan@contoso.com");
    assert_eq!(
        tabs(&user),
        [TabId::Profile, TabId::Associations, TabId::Support]
    );
    let text = text_of(&render(&mut user, 80, 24));
    assert!(
        !text.contains("Skills") && !text.contains("Learn"),
        "{text}"
    );
    // A number key past the user's tabs does nothing.
    act(&mut user, Action::SelectTab(LEARNING));
    assert_eq!(user.main().map(|m| m.active_tab()), Some(TabId::Profile));

    let mut support = demo_app();
    sign_in(
        &mut support,
        "sam@support.example.com",
        demo::SUPPORT_PASSWORD,
    );
    assert_eq!(tabs(&support), [TabId::Support, TabId::Profile]);

    // And the service refuses them anyway (R10, invariant 4).
    let session = user.main().expect("signed in").session.clone();
    assert!(matches!(
        user.service.skills_report(&session),
        Err(ServiceError::Refused(Refusal::NotPermitted { .. }))
    ));
}

// -------------------------------------------------------------- snapshots

#[test]
fn snapshot_skills_report() {
    // Linus departed and is still linked (R12); Margaret's SC-200 is pending
    // (R3); 王小明's wide name keeps the columns aligned.
    let mut app = ada_on_skills();
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("deleted (still linked)"), "{text}");
    assert!(text.contains("11 of 11 rows"), "{text}");
    assert!(text.contains("Name ▲"), "{text}");
    snapshot("skills_report", &mut app);
}

#[test]
fn snapshot_skills_report_pending_row_selected() {
    let mut app = ada_on_skills();
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "sc-200");
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("expected between 2026-11-27 and 2026-11-30"),
        "the detail line spells the pending row out\n{text}"
    );
    snapshot("skills_report_filtered", &mut app);
}

#[test]
fn snapshot_empty_skills_report() {
    // An organization whose people have linked nothing (R10's empty state).
    let mut app = demo_app();
    app.service
        .add_org_with_domains("7654321", "Empty Org Ltd", &["empty.example.com".into()])
        .expect("organization added");
    app.service
        .create_account(NewAccount {
            kind: AccountKind::Member {
                org: MpnId::new(7_654_321).expect("valid MPN ID"),
            },
            email: "gina@empty.example.com",
            name: "Gina Empty",
            roles: Roles {
                partner_admin: false,
                global_admin: true,
            },
            password: demo::ACCOUNT_PASSWORD,
            status: AccountStatus::Active,
        })
        .expect("account created");
    sign_in(&mut app, "gina@empty.example.com", demo::ACCOUNT_PASSWORD);
    act(&mut app, Action::SelectTab(SKILLS));
    assert_eq!(skills_of(&app).total(), 0);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("No users found with skills data."), "{text}");
    // Nothing to download: a note, no dialog.
    act(&mut app, Action::Download);
    assert!(app.popups.is_empty());
    assert!(app.flash.is_some());
    app.flash = None;
    snapshot("skills_report_empty", &mut app);
}

#[test]
fn snapshot_competencies() {
    let mut app = signed_in("ada@contoso.com");
    act(&mut app, Action::SelectTab(COMPETENCIES));
    let names: Vec<String> = app
        .main()
        .and_then(|m| m.tab::<CompetenciesTab>())
        .and_then(|c| c.status.as_ref())
        .expect("read on the first visit")
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let security = names
        .iter()
        .position(|n| n == "Security")
        .expect("a Security competency");
    for _ in 0..security {
        act(&mut app, Action::Down);
    }
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("✓ met") && text.contains("✗ not met"),
        "{text}"
    );
    assert!(
        text.contains("Who counts for Security: 1 person counts, 2 needed"),
        "{text}"
    );
    assert!(
        text.contains("SC-300") && text.contains("2026-09-24"),
        "{text}"
    );
    snapshot("competencies", &mut app);
}

#[test]
fn snapshot_learn_analytics() {
    let mut app = signed_in("grace@contoso.com");
    act(&mut app, Action::SelectTab(LEARNING));
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("2025-11-23 to 2026-11-23 (12 months)"),
        "the last 12 months to today\n{text}"
    );
    assert!(
        text.contains("Trained individuals: 4 · Modules: 6 · Learning paths: 2"),
        "{text}"
    );
    snapshot("learn_analytics", &mut app);
}

#[test]
fn snapshot_download_dialog() {
    let mut app = ada_on_skills();
    app.download_dir = PathBuf::from("/home/ada/reports");
    act(&mut app, Action::Download);
    let Some(Popup::Download(dialog)) = app.popups.last() else {
        panic!("the download dialog is open");
    };
    assert_eq!(
        dialog.path.value(),
        "/home/ada/reports/skills-report-2026-11-23.csv"
    );
    assert_eq!(app.context(), &download::KEYS);
    snapshot("skills_download_dialog", &mut app);
}

// ------------------------------------------------------------ state/update

#[test]
fn sort_cycles_columns_and_reverses() {
    let mut app = ada_on_skills();
    // Wide enough for every column: s goes Name → Email → MCID → Account →
    // Kind → Skill → Earned.
    app.update(Action::Resize {
        width: 220,
        height: 24,
    });
    let names = shown_names(&app);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name at first");
    for _ in 0..6 {
        act(&mut app, Action::CycleSort);
    }
    assert_eq!(skills_of(&app).sort.column, SkillColumn::Earned);
    let earned = shown_column(&app, SkillColumn::Earned);
    let mut ascending = earned.clone();
    ascending.sort();
    assert_eq!(earned, ascending);
    act(&mut app, Action::ReverseSort);
    let earned = shown_column(&app, SkillColumn::Earned);
    let mut descending = ascending.clone();
    descending.sort_by(|a, b| b.cmp(a));
    assert_eq!(earned, descending);
    assert_eq!(earned[0], "2026-11-20", "Margaret's SC-200, the newest");
    let text = text_of(&render(&mut app, 220, 24));
    assert!(
        text.contains("Earned ▼"),
        "the header shows the sort\n{text}"
    );
    assert!(
        text.contains("sorted by Earned ▼ (descending)"),
        "and in words\n{text}"
    );
    // The selection stays on the same row across a re-sort.
    act(&mut app, Action::Down);
    let before = skills_of(&app).selected_row().map(|r| r.skill_id.clone());
    act(&mut app, Action::ReverseSort);
    let after = skills_of(&app).selected_row().map(|r| r.skill_id.clone());
    assert_eq!(before, after);
}

/// The columns `s` visits, from the sort by name, until it comes back.
fn sort_cycle_at(width: u16) -> Vec<SkillColumn> {
    let mut app = ada_on_skills();
    app.update(Action::Resize { width, height: 24 });
    let mut seen = vec![skills_of(&app).sort.column];
    for _ in 0..SkillColumn::ALL.len() {
        act(&mut app, Action::CycleSort);
        let column = skills_of(&app).sort.column;
        if column == seen[0] {
            break;
        }
        seen.push(column);
    }
    // Each column sorted by is one whose title is on screen.
    let text = text_of(&render(&mut app, width, 24));
    let header = text.lines().nth(2).unwrap_or_default().to_string();
    for column in &seen {
        assert!(
            header.contains(skills::ColumnWords::title(*column)),
            "{column:?} not shown at {width}: {header}"
        );
    }
    seen
}

#[test]
fn sort_cycles_only_through_the_columns_on_screen() {
    use SkillColumn::*;
    // Seen: at 80 columns `s` reached "Kind" and "Competencies", not shown.
    assert_eq!(sort_cycle_at(80), [Name, Account, Skill, Reflection]);
    assert_eq!(sort_cycle_at(60), [Name, Account, Skill, Reflection]);
    // In between, more columns but still not the hidden ones.
    let middle = sort_cycle_at(120);
    assert!(
        middle.len() > 4 && !middle.contains(&Kind) && !middle.contains(&Competencies),
        "{middle:?}"
    );
    // Wide: every column, in display order.
    assert_eq!(sort_cycle_at(220), SkillColumn::ALL);
}

#[test]
fn clicking_a_column_title_sorts_by_it_and_again_reverses() {
    let mut app = ada_on_skills();
    let text = text_of(&render(&mut app, 80, 24));
    // The body starts under the tab bar; its first line is the title, the
    // next the column titles.
    let header_row = 2u16;
    let header = text
        .lines()
        .nth(usize::from(header_row))
        .unwrap_or_default();
    let skill_at = header.find("Skill").expect("a Skill column") as u16;
    let click = |app: &mut App, column: u16| {
        act(
            app,
            Action::Click {
                column,
                row: header_row,
            },
        )
    };
    click(&mut app, skill_at + 1);
    assert_eq!(skills_of(&app).sort.column, SkillColumn::Skill);
    assert!(!skills_of(&app).sort.descending);
    let skills = shown_column(&app, SkillColumn::Skill);
    let mut ascending = skills.clone();
    ascending.sort();
    assert_eq!(skills, ascending);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("Skill ▲"),
        "the header shows the arrow\n{text}"
    );
    click(&mut app, skill_at + 1);
    assert!(skills_of(&app).sort.descending, "a second click reverses");
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("Skill ▼"), "{text}");
    // Another column's title: that one, ascending.
    let name_at = header.find("Name").expect("a Name column") as u16;
    click(&mut app, name_at);
    assert_eq!(skills_of(&app).sort.column, SkillColumn::Name);
    assert!(!skills_of(&app).sort.descending);
}

#[test]
fn filter_is_a_case_insensitive_substring_and_esc_clears_it() {
    let mut app = ada_on_skills();
    assert_eq!(app.context(), &skills::KEYS);
    act(&mut app, Action::StartFilter);
    assert_eq!(app.context(), &skills::FILTER_KEYS);
    // Keys type into the filter: `q` does not quit, `s` does not sort.
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(
        keys::action_for(&skills::FILTER_KEYS, &q),
        Some(Action::Type('q'))
    );
    type_text(&mut app, "AZ-104");
    assert_eq!(skills_of(&app).shown(), 3, "{:?}", shown_names(&app));
    assert_eq!(
        shown_names(&app),
        ["Alan Turing", "Linus Torvalds", "Margaret Hamilton"]
    );
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("3 of 11 rows"), "{text}");
    // Matches any cell: the R12 flag, a competency, a reflection state.
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "still linked");
    assert_eq!(shown_names(&app), ["Linus Torvalds"]);
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "expected between");
    assert_eq!(shown_names(&app), ["Margaret Hamilton"]);
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "no such thing");
    assert_eq!(skills_of(&app).shown(), 0);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("No row matches"), "{text}");
    // Enter keeps the filter and gives the keys back to the table.
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "data and ai");
    act(&mut app, Action::Activate);
    assert_eq!(app.context(), &skills::KEYS);
    assert_eq!(shown_names(&app), ["Barbara Liskov"]);
    // Esc on the table clears it.
    act(&mut app, Action::Back);
    assert_eq!(skills_of(&app).shown(), 11);
    assert_eq!(skills_of(&app).filter.value(), "");
}

/// `count` made-up rows of one organization, for paging.
fn many_rows(count: usize) -> Vec<SkillRow> {
    let org = MpnId::new(1_234_567).expect("valid MPN ID");
    let at = now() - TimeDelta::days(30);
    (0..count)
        .map(|i| SkillRow {
            account: AccountId(i as u64 + 1),
            mpn_id: org,
            name: format!("Person {i:06}"),
            email: format!("p{i:06}@big.example.com")
                .parse()
                .expect("valid email"),
            mcid: Mcid::new(20_000_000 + i as u64).ok(),
            linked_since: Some(at),
            account_status: AccountStatus::Active,
            departed_still_linked: false,
            kind: Some(SkillKind::Exam),
            skill_id: Some("AZ-104".into()),
            skill_name: Some("Microsoft Azure Administrator".into()),
            earned: Some(at),
            expires: None,
            visible_from: Some(at + TimeDelta::days(10)),
            expected_from: None,
            reflected: true,
            competencies: vec!["Azure Infrastructure".into()],
        })
        .collect()
}

#[test]
fn paging_moves_by_the_visible_rows_and_draws_only_them() {
    let dates = DateFormat::new(chrono_tz::UTC, now());
    let rows = many_rows(20_000);
    let mut tab = SkillsTab::with_rows(rows.clone(), dates);
    let area = Rect::new(0, 0, 80, 21);
    let page = SkillsTab::page(area);
    assert_eq!(
        page, 16,
        "21 lines less title, header, two detail lines, filter"
    );
    tab.move_by(page as isize);
    assert_eq!(tab.selected, page);
    tab.move_by(-(page as isize));
    assert_eq!(tab.selected, 0);
    tab.move_by(isize::MAX / 2);
    assert_eq!(tab.selected, 19_999);
    let mut terminal = Terminal::new(TestBackend::new(80, 21)).expect("test terminal");
    terminal
        .draw(|frame| tab.draw(frame, frame.area(), &Theme::colored(), None))
        .expect("drawn");
    let text = text_of(&terminal);
    assert!(
        text.contains("Person 019999"),
        "the last row is in view\n{text}"
    );
    assert!(
        !text.contains("Person 019982"),
        "a row above the page is not"
    );
    assert!(text.contains("20000 of 20000 rows"), "{text}");
    // Sorting and filtering the whole set keep the selection in range.
    tab.reverse_sort();
    tab.filter.set("person 0000");
    tab.filter_changed();
    tab.index_in_memory(&rows);
    assert_eq!(tab.shown(), 100);
    assert!(tab.selected < 100);
}

#[test]
fn paging_keys_in_the_app() {
    let mut app = ada_on_skills();
    act(&mut app, Action::PageDown);
    assert_eq!(skills_of(&app).selected, 10, "a page is more than the rows");
    act(&mut app, Action::Top);
    assert_eq!(skills_of(&app).selected, 0);
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    act(&mut app, Action::Up);
    assert_eq!(skills_of(&app).selected, 1);
    act(&mut app, Action::Bottom);
    assert_eq!(skills_of(&app).selected, 10);
}

fn read_csv(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .expect("the CSV opens");
    reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

#[test]
fn download_writes_the_rows_shown_as_csv() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = ada_on_skills();
    app.download_dir = dir.path().to_path_buf();
    act(&mut app, Action::Download);
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty(), "the dialog closes once written");
    let path = dir.path().join("skills-report-2026-11-23.csv");
    assert_eq!(
        app.flash.as_deref(),
        Some(format!("Wrote 11 rows to {}.", path.display()).as_str())
    );
    let records = read_csv(&path);
    assert_eq!(records[0], report::SKILL_COLUMNS);
    assert_eq!(records.len(), 12);
    let linus = records
        .iter()
        .find(|r| r[1] == "Linus Torvalds")
        .expect("Linus's row");
    assert_eq!(linus[2], "linus@contoso.com");
    assert_eq!(linus[5], "deleted (still linked)");
    assert_eq!(linus[7], "AZ-104");
    assert_eq!(linus[12], "Azure Infrastructure");
    assert!(
        !dir.path()
            .join("skills-report-2026-11-23.csv.part")
            .exists(),
        "no partial file is left"
    );

    // Filtered: only the rows shown, and the file exists now: a second Enter
    // replaces it.
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "王小明");
    act(&mut app, Action::Activate);
    act(&mut app, Action::Download);
    act(&mut app, Action::Activate);
    let Some(Popup::Download(dialog)) = app.popups.last() else {
        panic!("still open: the file exists");
    };
    assert!(
        dialog.error.as_deref().unwrap_or("").contains("exists"),
        "{:?}",
        dialog.error
    );
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());
    let records = read_csv(&path);
    assert_eq!(records.len(), 3, "the header and 王小明's two rows");
    assert!(records[1..].iter().all(|r| r[1] == "王小明"));
}

#[test]
fn download_failures_are_shown_in_plain_words_and_the_path_can_be_fixed() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = ada_on_skills();
    app.download_dir = dir.path().join("no-such-folder");
    act(&mut app, Action::Download);
    act(&mut app, Action::Activate);
    let Some(Popup::Download(dialog)) = app.popups.last() else {
        panic!("the dialog stays open on a failure");
    };
    let error = dialog.error.clone().unwrap_or_default();
    assert!(error.starts_with("The folder "), "{error}");
    assert!(error.ends_with("no-such-folder does not exist."), "{error}");
    let terminal = render(&mut app, 80, 24);
    assert!(text_of(&terminal).contains("does not exist"));
    // Fix the path: clear the field, paste a good one, Enter.
    let good = dir.path().join("contoso.csv");
    act(&mut app, Action::Edit(EditOp::Clear));
    act(&mut app, Action::Paste(good.display().to_string()));
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());
    assert_eq!(read_csv(&good).len(), 12);
    // A folder is not a file name.
    act(&mut app, Action::Download);
    act(&mut app, Action::Edit(EditOp::Clear));
    act(&mut app, Action::Paste(dir.path().display().to_string()));
    act(&mut app, Action::Activate);
    let Some(Popup::Download(dialog)) = app.popups.last() else {
        panic!("open");
    };
    assert!(
        dialog
            .error
            .as_deref()
            .unwrap_or("")
            .contains("is a folder"),
        "{:?}",
        dialog.error
    );
    // Esc cancels.
    act(&mut app, Action::Back);
    assert!(app.popups.is_empty());
}

#[test]
fn reports_are_not_read_again_while_nothing_changed() {
    let mut app = ada_on_skills();
    act(&mut app, Action::SelectTab(0));
    let job = app.update(Action::SelectTab(SKILLS));
    assert!(job.is_none(), "not read again on a visit");
    assert!(
        app.take_background().is_empty(),
        "not in the background either"
    );
}

/// What the app does when the change count moved: the tabs' refresh hooks,
/// then the background reads they ask for, to the end.
fn refresh_and_settle(app: &mut App) {
    act(app, Action::Reload);
}

/// The "as of" stamp of the Skills tab's title, as drawn.
fn skills_stamp(app: &mut App) -> String {
    let text = text_of(&render(app, 80, 24));
    let title = text.lines().nth(1).unwrap_or_default().to_string();
    let at = title.find("as of ").expect("a stamp");
    title[at..]
        .chars()
        .take("as of 2026-11-23 12:00".len())
        .collect()
}

#[test]
fn a_removal_by_another_session_reaches_the_report_and_moves_the_stamp() {
    let clock = ManualClock::new(now());
    let mut app = demo_app_on(clock.clone(), Theme::colored());
    sign_in(&mut app, "ada@contoso.com", demo::ACCOUNT_PASSWORD);
    act(&mut app, Action::SelectTab(SKILLS));
    assert_eq!(skills_stamp(&mut app), "as of 2026-11-23 12:00");
    assert!(shown_names(&app).contains(&"Linus Torvalds".to_string()));
    // Another session (another SSH connection) removes Linus (R12), an hour
    // later, through the service; then the app refreshes, as it does when
    // the change count moves.
    clock.set(now() + TimeDelta::hours(1));
    let other = app.main().expect("main").session.clone();
    app.service
        .remove_from_report(&other, "10000003")
        .expect("Linus removed from the report");
    refresh_and_settle(&mut app);
    assert_eq!(skills_of(&app).total(), 10);
    assert!(!shown_names(&app).contains(&"Linus Torvalds".to_string()));
    let text = text_of(&render(&mut app, 80, 24));
    assert!(!text.contains("deleted (still linked)"), "{text}");
    assert_eq!(skills_stamp(&mut app), "as of 2026-11-23 13:00");
}

#[test]
fn a_change_on_another_tab_reaches_the_reports_when_they_come_to_the_front() {
    let mut app = ada_on_skills();
    act(&mut app, Action::SelectTab(COMPETENCIES));
    let security_count = |app: &App| {
        app.main()
            .and_then(|m| m.tab::<CompetenciesTab>())
            .and_then(|c| c.status.as_ref())
            .and_then(|s| s.iter().find(|c| c.name == "Security"))
            .map(|c| c.current)
    };
    assert_eq!(security_count(&app), Some(1));
    act(&mut app, Action::SelectTab(0));
    // Wang (the one who counts for Security) leaves, and his link ends (R12):
    // from the Users tab or another session, it is the same write.
    let session = app.main().expect("main").session.clone();
    app.service
        .delete_account(&session, "wang@contoso.com")
        .expect("deleted");
    app.service
        .remove_from_report(&session, "10000005")
        .expect("removed");
    refresh_and_settle(&mut app);
    act(&mut app, Action::SelectTab(COMPETENCIES));
    assert_eq!(security_count(&app), Some(0), "no manual reload");
    act(&mut app, Action::SelectTab(SKILLS));
    assert!(!shown_names(&app).contains(&"王小明".to_string()));
}

#[test]
fn learn_range_moves_with_brackets_and_plus_minus() {
    let mut app = signed_in("ada@contoso.com");
    act(&mut app, Action::SelectTab(LEARNING));
    let range = |app: &App| {
        let report = app
            .main()
            .and_then(|m| m.tab::<LearningTab>())
            .and_then(|l| l.report.as_ref())
            .expect("read");
        (report.from.to_string(), report.to.to_string())
    };
    assert_eq!(range(&app), ("2025-11-23".into(), "2026-11-23".into()));
    act(&mut app, Action::MoveRange(RangeMove::Later));
    assert_eq!(app.busy, None, "not past today: nothing to read");
    act(&mut app, Action::MoveRange(RangeMove::Earlier));
    assert_eq!(range(&app), ("2025-10-23".into(), "2026-10-23".into()));
    act(&mut app, Action::MoveRange(RangeMove::Narrower));
    assert_eq!(range(&app), ("2025-11-23".into(), "2026-10-23".into()));
    act(&mut app, Action::MoveRange(RangeMove::Wider));
    act(&mut app, Action::MoveRange(RangeMove::Wider));
    assert_eq!(range(&app), ("2025-09-23".into(), "2026-10-23".into()));
    let months = app
        .main()
        .and_then(|m| m.tab::<LearningTab>())
        .and_then(|l| l.report.as_ref())
        .map(|r| r.monthly.len());
    assert_eq!(months, Some(14), "one bar per month of the range");
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("[/] range a month earlier / later"), "{text}");
}

#[test]
fn competency_panes_switch_and_scroll() {
    let mut app = signed_in("grace@contoso.com");
    act(&mut app, Action::SelectTab(COMPETENCIES));
    act(&mut app, Action::NextPane);
    act(&mut app, Action::Down);
    let Screen::Main(main) = &app.screen else {
        panic!("main");
    };
    let tab = main.tab::<CompetenciesTab>().expect("competencies");
    let counted = tab.selected_status().map_or(0, |s| s.counted.len());
    assert_eq!(tab.person, 1.min(counted.saturating_sub(1)));
    assert_eq!(tab.selected, 0, "the list keeps its selection");
}

#[test]
fn report_keys_are_in_the_help_and_the_hints() {
    let rows = keys::help_rows(&skills::KEYS);
    for (k, does) in [
        ("/", "filter"),
        ("s/S", "sort column / reverse"),
        ("e", "export CSV"),
        ("u", "remove departed"),
        ("F5/^R", "read again now"),
        ("PgUp/PgDn", "a page up / down"),
    ] {
        assert!(rows.contains(&(k, does)), "{k} {does}: {rows:?}");
    }
    // One refresh key for every tab (the app's), whatever it is.
    assert!(keys::key_of(&skills::KEYS, &Action::Reload).is_some());
    // `d` is never the download any more (principle 4), and the removal is
    // `u` as on the Users tab.
    let d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE);
    assert_eq!(keys::action_for(&skills::KEYS, &d), None);
    let u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::NONE);
    assert_eq!(
        keys::action_for(&skills::KEYS, &u),
        Some(Action::RemoveFromReport)
    );
    let e = KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE);
    assert_eq!(keys::action_for(&skills::KEYS, &e), Some(Action::Download));
    // A Partner Admin may not remove anyone (R12): no `u` in her keys or help.
    assert_eq!(keys::action_for(&skills::READ_ONLY_KEYS, &u), None);
    let s = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
    assert_eq!(
        keys::action_for(&skills::KEYS, &s),
        Some(Action::ReverseSort)
    );
    let bracket = KeyEvent::new(KeyCode::Char('['), KeyModifiers::NONE);
    assert_eq!(
        keys::action_for(&learning::KEYS, &bracket),
        Some(Action::MoveRange(RangeMove::Earlier))
    );
    let mut app = ada_on_skills();
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("/ filter"), "{text}");
}

#[test]
fn loading_shows_progress_on_the_tab() {
    let mut app = signed_in("ada@contoso.com");
    let job = app.update(Action::SelectTab(SKILLS)).expect("a read job");
    assert_eq!(app.context(), &keys::BUSY);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("Reading the skills report…"), "{text}");
    let done = job.run(&app.service);
    // The first page is on screen at once; the whole report is read next, in
    // the background: the keys stay free (issue #7).
    assert!(app.job_done(done).is_none());
    assert!(skills_of(&app).is_loaded());
    assert!(skills_of(&app).is_partial());
    assert_eq!(app.context(), &skills::KEYS);
    let mut background = app.take_background();
    assert_eq!(
        background.iter().map(|j| j.name()).collect::<Vec<_>>(),
        ["IndexSkills"]
    );
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("Reading the skills report: 0 rows…"),
        "{text}"
    );
    let done = background.remove(0).run(&app.service);
    assert!(app.job_done(done).is_none());
    assert!(!skills_of(&app).is_partial());
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("11 of 11 rows"), "{text}");
}

#[test]
fn download_is_the_old_in_memory_export_of_the_same_view() {
    // The rows are read again by handle a chunk at a time (issue #7); the
    // file is byte for byte what writing the rows held in memory gave.
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut app = ada_on_skills();
    app.download_dir = dir.path().to_path_buf();
    for _ in 0..6 {
        act(&mut app, Action::CycleSort);
    }
    act(&mut app, Action::ReverseSort);
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "az-");
    act(&mut app, Action::Activate);
    act(&mut app, Action::Download);
    act(&mut app, Action::Activate);
    let written = std::fs::read(dir.path().join("skills-report-2026-11-23.csv")).expect("written");

    let session = app.main().expect("main").session.clone();
    let dates = *skills_of(&app).dates().expect("loaded");
    let rows = app.service.skills_report(&session).expect("the report");
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| SkillColumn::Earned.compare(&rows[a], &rows[b]).reverse());
    let shown: Vec<&SkillRow> = order
        .iter()
        .map(|&i| &rows[i])
        .filter(|r| {
            let cells = report::skill_cells(r, &dates);
            SkillColumn::ALL
                .iter()
                .map(|c| c.cell())
                .chain([8])
                .any(|i| cells[i].to_lowercase().contains("az-"))
        })
        .collect();
    assert!(
        shown.len() > 1 && shown.len() < rows.len(),
        "{}",
        shown.len()
    );
    let mut expected = Vec::new();
    report::write_skills_csv(shown, &dates, &mut expected).expect("in memory");
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&expected)
    );
}

#[test]
fn the_download_reads_rows_a_chunk_at_a_time_in_the_order_asked() {
    // More handles than two chunks (the view's 11 rows, 100 times over), so
    // chunk boundaries fall inside a person's rows.
    let app = ada_on_skills();
    let session = &app.main().expect("main").session;
    let once = skills_of(&app).view_handles();
    let many: Vec<_> = std::iter::repeat_n(once.clone(), 100).flatten().collect();
    assert!(many.len() > 2 * skill_reads::DOWNLOAD_CHUNK);
    let mut handles = many.iter().copied();
    let mut rows = skill_reads::RowsInChunks::new(&app.service, session, &mut handles);
    let read: Vec<String> = rows
        .by_ref()
        .map(|r| format!("{} {:?}", r.email, r.skill_id))
        .collect();
    assert!(rows.error.is_none());
    let expected: Vec<String> = shown_rows(&app)
        .into_iter()
        .map(|r| format!("{} {:?}", r.email, r.skill_id))
        .collect();
    assert_eq!(read.len(), many.len());
    for (i, row) in read.iter().enumerate() {
        assert_eq!(row, &expected[i % expected.len()], "row {i}");
    }
}

// ------------------------------------------------- acting where you look

/// Moves the Skills selection to the first row of `name`.
fn select_person(app: &mut App, name: &str) {
    let at = shown_names(app)
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("{name} in the report"));
    act(app, Action::Top);
    for _ in 0..at {
        act(app, Action::Down);
    }
    assert_eq!(
        skills_of(app).selected_row().map(|r| r.name.as_str()),
        Some(name)
    );
}

#[test]
fn a_flagged_departed_row_is_removed_from_the_row() {
    // Seen: Linus is flagged "deleted (still linked)" in Skills, but removal
    // lived on the Users tab and Skills' help named no key.
    let mut app = ada_on_skills();
    assert_eq!(app.context(), &skills::KEYS);
    select_person(&mut app, "Linus Torvalds");
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("u removes from the report"), "{text}");
    assert!(text.contains("u remove departed"), "the hint\n{text}");
    snapshot("skills_flagged_row", &mut app);
    act(&mut app, Action::RemoveFromReport);
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("a confirmation first: {:?}", app.popups.last());
    };
    assert!(
        confirm
            .text
            .contains("MCID 10000003 (Linus Torvalds, account deleted)")
            && confirm.text.contains("costs them nothing under R9"),
        "{}",
        confirm.text
    );
    snapshot("skills_confirm_removal", &mut app);
    act(&mut app, Action::Confirm);
    assert_eq!(
        app.flash.as_deref(),
        Some(
            "MCID 10000003 (Linus Torvalds) removed from the skills report; it cost them no association (R12, R9)."
        )
    );
    // The report reads itself again: the row is gone without a reload.
    assert_eq!(skills_of(&app).total(), 10);
    assert!(!shown_names(&app).contains(&"Linus Torvalds".to_string()));
}

#[test]
fn d_on_a_row_that_is_not_flagged_says_why_and_changes_nothing() {
    let mut app = ada_on_skills();
    select_person(&mut app, "Alan Turing");
    let text = text_of(&render(&mut app, 80, 24));
    assert!(!text.contains("removes from the report"), "{text}");
    let before = app.service.changes();
    act(&mut app, Action::RemoveFromReport);
    assert!(
        app.popups.is_empty(),
        "no confirmation for what cannot work"
    );
    assert_eq!(
        app.flash.as_deref(),
        Some(
            "Alan Turing is not a departed person still linked: only rows flagged \"deleted (still linked)\" can be removed from the report (R12)."
        )
    );
    assert_eq!(app.service.changes(), before, "nothing written");
}

#[test]
fn a_partner_admin_is_not_offered_the_removal() {
    // Grace (MPN Partner Admin) reads the report; only a Global Admin removes (R12).
    let mut app = signed_in("grace@contoso.com");
    act(&mut app, Action::SelectTab(SKILLS));
    assert_eq!(app.context(), &skills::READ_ONLY_KEYS);
    select_person(&mut app, "Linus Torvalds");
    let text = text_of(&render(&mut app, 80, 24));
    assert!(!text.contains("removes from the report"), "{text}");
    assert!(!text.contains("u remove"), "no hint\n{text}");
    let help = keys::help_rows(&skills::READ_ONLY_KEYS);
    assert!(help.iter().all(|(k, _)| *k != "u"), "{help:?}");
    act(&mut app, Action::RemoveFromReport);
    assert!(app.popups.is_empty());
    assert_eq!(
        app.flash.as_deref(),
        Some(
            "Only a Global Admin of the organization removes departed people from the report (R12)."
        )
    );
}

// ------------------------------------------------------------ competencies

#[test]
fn a_count_above_the_need_reads_as_a_count_and_a_need() {
    // Seen: "1975 of 2 needed" (the count, then the need, worded as if the
    // count were a part of the need). Here 2 people count where 1 is needed.
    let mut app = signed_in("ada@contoso.com");
    app.service
        .define_competencies(
            r#"
[[competency]]
id = "azure-infrastructure"
name = "Azure Infrastructure"
required_individuals = 1
skills = ["AZ-104", "AZ-305", "azure-administrator-associate"]
"#,
        )
        .expect("defined");
    act(&mut app, Action::SelectTab(COMPETENCIES));
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("Who counts for Azure Infrastructure: 2 people count, 1 needed"),
        "{text}"
    );
    assert!(!text.contains("2 of 1"), "{text}");
}

#[test]
fn learn_analytics_follow_an_import_without_a_reload() {
    let mut app = signed_in("ada@contoso.com");
    act(&mut app, Action::SelectTab(LEARNING));
    let completions = |app: &App| {
        app.main()
            .and_then(|m| m.tab::<LearningTab>())
            .and_then(|l| l.report.as_ref())
            .map(|r| r.module_completions)
            .expect("read")
    };
    let before = completions(&app);
    // The operator imports one more completed module for Alan (Contoso), a
    // day before the tests' clock.
    let date = (now() - TimeDelta::days(1)).to_rfc3339();
    let line = format!(
        r#"{{"mcid":"10000001","kind":"module","skill_id":"learn-new-module","name":"A new module","date":"{date}","status":"completed"}}"#
    );
    let rows = certlink_core::import::parse(
        line.as_bytes(),
        certlink_core::import::InputFormat::JsonLines,
        |_| {},
    )
    .expect("a valid record");
    app.service
        .import_records(
            certlink_core::service::Importer::Operator,
            &rows,
            &mut |_, _| {},
        )
        .expect("imported");
    // Nothing read yet: the tab learns of the change at the next refresh
    // (here the one of coming back to the tab; no reload key).
    assert_eq!(completions(&app), before);
    act(&mut app, Action::SelectTab(0));
    act(&mut app, Action::SelectTab(LEARNING));
    assert_eq!(
        completions(&app),
        before + 1,
        "read again in the background"
    );
    assert_eq!(app.busy, None, "without holding input");
}

/// Issue 17: sessions of one server (one service) that open the same report
/// share its pass: computed once, one copy of the handles and the order.
#[test]
fn two_sessions_on_the_skills_tab_share_one_pass() {
    let first = ada_on_skills();
    let service = Arc::clone(&first.service);
    let session = service
        .sign_in(
            "ada@contoso.com",
            certlink_core::demo::ACCOUNT_PASSWORD,
            &certlink_core::service::SignInSource::Local,
        )
        .expect("a second session");
    let area = Rect::new(0, 0, 80, 24);
    let mut second = App::signed_in(Arc::clone(&service), session, Theme::colored(), area);
    act(&mut second, Action::SelectTab(SKILLS));
    assert!(!skills_of(&second).is_partial());
    let passes = service.skill_passes().stats();
    assert_eq!((passes.computed, passes.shared), (1, 1), "{passes:?}");
    let (one, two) = (
        skills_of(&first).download_order().expect("read"),
        skills_of(&second).download_order().expect("read"),
    );
    assert!(Arc::ptr_eq(&one.0, &two.0), "the same handles");
    assert!(Arc::ptr_eq(&one.1, &two.1), "the same order");
    assert_eq!(shown_names(&first), shown_names(&second));
}
