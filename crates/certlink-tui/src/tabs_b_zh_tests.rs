//! The Skills, Users and Support tabs in 简体中文 (issue 16): `TestBackend`
//! snapshots of each tab and the dialogs it opens at 80×24 and 60×16 on the
//! demo data with the fixed clock of `tests.rs` (names ending `_zh_cn`), the
//! words checked against the catalog, 王小明's wide name aligned with the
//! Latin ones, and no line of these screens wider than the screen or cut
//! inside a wide character, in both languages and at widths in between.

use ratatui::buffer::Buffer;

use super::action::Action;
use super::app::App;
use super::popups::Popup;
use super::tabs::TabId;
use super::tabs::skills::SkillsTab;
use super::tabs::support::{SupportTab, SupportView};
use super::tabs::users::UsersTab;
use super::tests::{SIZES, act, demo_app, render, sign_in, type_text};
use super::users_tests::go_to;
use certlink_core::demo;
use certlink_core::report;
use certlink_i18n::width::width;
use certlink_i18n::{Choice, Lang};

const ZH: Lang = Lang::ZhCn;

/// The demo sandbox with the app speaking `lang` (chosen explicitly, as
/// `--lang` does), `email` signed in.
fn signed_in_as(email: &str, password: &str, lang: Lang) -> App {
    let mut app = demo_app();
    app.lang_choice = Choice {
        explicit: Some(lang),
        locale: None,
    };
    app.lang = lang;
    sign_in(&mut app, email, password);
    let main = app.main().expect("signed in");
    assert_eq!(main.dates.lang, lang, "the screen reads in {lang}");
    app
}

fn zh_signed_in(email: &str) -> App {
    signed_in_as(email, demo::ACCOUNT_PASSWORD, ZH)
}

fn zh_sam() -> App {
    signed_in_as("sam@support.example.com", demo::SUPPORT_PASSWORD, ZH)
}

/// Snapshots the screen at both sizes, named `{name}_{w}x{h}_zh_cn`.
fn snapshot_zh(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let terminal = render(app, w, h);
        check_lines(terminal.backend().buffer(), &format!("{name} at {w}x{h}"));
        insta::assert_snapshot!(format!("{name}_{w}x{h}_zh_cn"), terminal.backend());
    }
}

/// The screen's text as read: a wide character's placeholder cell skipped.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    let terminal = render(app, w, h);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            x += width(symbol).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

fn flash(app: &App) -> String {
    app.flash.clone().unwrap_or_default()
}

/// Every row of the buffer takes exactly its width (a wide character's
/// second cell is its placeholder), and no wide character starts in the
/// last column (it would be cut).
fn check_lines(buffer: &Buffer, what: &str) {
    let w = buffer.area.width;
    for y in 0..buffer.area.height {
        let mut used = 0usize;
        let mut x = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            let cells = width(symbol).max(1);
            assert!(
                usize::from(x) + cells <= usize::from(w),
                "{what}: a wide character is cut at the edge of line {y}"
            );
            used += cells;
            x += cells as u16;
        }
        assert_eq!(used, usize::from(w), "{what}: line {y} is {used} wide");
    }
}

/// The display column where `needle` starts on line `y`, if it is there.
fn column_in_row(buffer: &Buffer, y: u16, needle: &str) -> Option<usize> {
    let mut line = String::new();
    let mut columns = Vec::new();
    let mut x = 0;
    while x < buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        for _ in symbol.chars() {
            columns.push(usize::from(x));
        }
        line.push_str(symbol);
        x += width(symbol).max(1) as u16;
    }
    let byte = line.find(needle)?;
    columns.get(line[..byte].chars().count()).copied()
}

/// The line where `needle` first shows.
fn row_of(buffer: &Buffer, needle: &str) -> Option<u16> {
    (0..buffer.area.height).find(|&y| column_in_row(buffer, y, needle).is_some())
}

fn skills(app: &App) -> &SkillsTab {
    app.main()
        .and_then(|m| m.tab::<SkillsTab>())
        .expect("the skills report")
}

fn users(app: &App) -> &UsersTab {
    app.main()
        .and_then(|m| m.tab::<UsersTab>())
        .expect("the Users tab")
}

fn support(app: &App) -> &SupportTab {
    app.main()
        .and_then(|m| m.tab::<SupportTab>())
        .expect("the Support tab")
}

// ------------------------------------------------------------------ skills

fn zh_ada_on_skills() -> App {
    let mut app = zh_signed_in("ada@contoso.com");
    go_to(&mut app, TabId::Skills);
    assert!(skills(&app).is_loaded());
    app
}

fn select_skill_row(app: &mut App, name: &str) {
    act(app, Action::Top);
    for _ in 0..50 {
        if skills(app).selected_row().map(|r| r.name.as_str()) == Some(name) {
            return;
        }
        act(app, Action::Down);
    }
    panic!("{name} is in the report");
}

#[test]
fn the_skills_report_speaks_chinese_and_aligns_wang_xiaoming() {
    let mut app = zh_ada_on_skills();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("技能报告（R10）"), "{text}");
    assert!(
        text.contains(&format!("{} ▲", ZH.tui_skills_column_name())),
        "{text}"
    );
    assert!(text.contains(&ZH.tui_skills_rows_hint(11, 11)), "{text}");
    assert!(text.contains("王小明"), "{text}");
    assert!(!text.contains("Skills report"), "{text}");
    assert!(!text.contains("rows"), "{text}");

    // The Account column starts at the same column on 王小明's row as on
    // a Latin name's and under its title.
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let header = row_of(buffer, ZH.tui_skills_column_account()).expect("the header");
    let title_x = column_in_row(buffer, header, ZH.tui_skills_column_account());
    let dates = skills(&app).dates().copied().expect("read");
    let tab = skills(&app);
    let session = &app.main().expect("signed in").session;
    let rows =
        certlink_core::browse::reads::rows_by_handle(&app.service, session, &tab.view_handles())
            .expect("rows");
    for name in ["王小明", "Alan Turing"] {
        let row = rows
            .iter()
            .filter_map(|(_, r)| r.as_ref())
            .find(|r| r.name == name)
            .expect("in the report");
        let account = report::skill_cells(row, &dates)[5].clone();
        let y = (header + 1..buffer.area.height)
            .find(|&y| column_in_row(buffer, y, name).is_some())
            .expect("on screen");
        assert_eq!(
            column_in_row(buffer, y, &account),
            title_x,
            "{name}'s account cell under its title"
        );
    }
}

#[test]
fn snapshot_skills_report_zh_cn() {
    let mut app = zh_ada_on_skills();
    select_skill_row(&mut app, "王小明");
    snapshot_zh("skills_report", &mut app);
}

#[test]
fn snapshot_skills_report_filtered_zh_cn() {
    let mut app = zh_ada_on_skills();
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "王");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(ZH.tui_skills_filter_label()), "{text}");
    assert!(text.contains("王小明"), "{text}");
    snapshot_zh("skills_report_filtering", &mut app);
    act(&mut app, Action::Activate);
    let text = screen(&mut app, 80, 24);
    let shown = skills(&app).shown();
    assert!(
        text.contains(&ZH.tui_skills_filter_hint("王", shown, 11)),
        "{text}"
    );
    snapshot_zh("skills_report_filtered", &mut app);
}

#[test]
fn snapshot_skills_removal_zh_cn() {
    let mut app = zh_ada_on_skills();
    select_skill_row(&mut app, "Linus Torvalds");
    snapshot_zh("skills_flagged_row", &mut app);
    act(&mut app, Action::RemoveFromReport);
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("the confirmation is open");
    };
    assert_eq!(confirm.title, ZH.tui_skills_confirm_removal_title());
    snapshot_zh("skills_confirm_removal", &mut app);
    act(&mut app, Action::Confirm);
    assert_eq!(
        flash(&app),
        ZH.tui_skills_removed("10000003", "Linus Torvalds")
    );
}

#[test]
fn skills_notes_speak_chinese() {
    let mut app = zh_ada_on_skills();
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "没有这个人");
    act(&mut app, Action::Activate);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&ZH.tui_skills_no_match("没有这个人")),
        "{text}"
    );
    act(&mut app, Action::Download);
    assert_eq!(flash(&app), ZH.tui_skills_nothing_to_download());
    act(&mut app, Action::Back);
    select_skill_row(&mut app, "王小明");
    act(&mut app, Action::RemoveFromReport);
    assert_eq!(flash(&app), ZH.tui_skills_not_departed("王小明"));
}

#[test]
fn the_skills_words_are_chinese_in_the_catalog() {
    use super::tabs::skills::{ColumnWords, SkillColumn, SortOrder, SortWords};
    let order = SortOrder {
        column: SkillColumn::Earned,
        descending: true,
    };
    assert_eq!(order.describe(), "sorted by Earned ▼ (descending)");
    assert_eq!(order.describe_in(ZH), "按获得日期 ▼排序（降序）");
    assert_eq!(SkillColumn::Account.title_in(ZH), "帐户");
    assert_eq!(
        ZH.tui_skills_wrote(3, "/tmp/a.csv"),
        "已将 3 行写入 /tmp/a.csv。"
    );
    assert_eq!(
        Lang::En.tui_skills_wrote(1, "/tmp/a.csv"),
        "Wrote 1 row to /tmp/a.csv."
    );
}

// ------------------------------------------------------------------- users

fn zh_ada_on_users() -> App {
    let mut app = zh_signed_in("ada@contoso.com");
    go_to(&mut app, TabId::Users);
    app
}

fn select_user(app: &mut App, email: &str) {
    act(app, Action::Top);
    for _ in 0..100 {
        if users(app).selected_row().map(|r| r.email.as_str()) == Some(email) {
            return;
        }
        act(app, Action::Down);
    }
    panic!("{email} is listed");
}

#[test]
fn the_users_tab_speaks_chinese_and_aligns_wang_xiaoming() {
    let mut app = zh_ada_on_users();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Contoso Ltd 的帐户"), "{text}");
    assert!(text.contains(ZH.tui_users_deleted_still_linked()), "{text}");
    assert!(text.contains(ZH.tui_users_column_status()), "{text}");
    assert!(!text.contains("Accounts of"), "{text}");
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let header = row_of(buffer, ZH.tui_users_column_status()).expect("the header");
    let status_x = column_in_row(buffer, header, ZH.tui_users_column_status());
    for name in ["王小明", "Alan Turing"] {
        let y = row_of(buffer, name).expect("listed");
        assert_eq!(
            column_in_row(buffer, y, ZH.tui_users_active()),
            status_x,
            "{name}'s status under its title"
        );
    }
}

#[test]
fn snapshot_users_tab_zh_cn() {
    let mut app = zh_ada_on_users();
    select_user(&mut app, "wang@contoso.com");
    snapshot_zh("users_tab", &mut app);
    select_user(&mut app, "donald@contoso.com");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(ZH.tui_users_invited()), "{text}");
    snapshot_zh("users_invited", &mut app);
    select_user(&mut app, "ada@contoso.com");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(ZH.tui_users_last_global_admin_line()),
        "{text}"
    );
    snapshot_zh("users_last_global_admin", &mut app);
}

#[test]
fn snapshot_users_filtered_zh_cn() {
    let mut app = zh_ada_on_users();
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "王");
    act(&mut app, Action::Activate);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("筛选“王”"), "{text}");
    assert!(text.contains(ZH.tui_users_esc_clears().trim()), "{text}");
    snapshot_zh("users_filtered", &mut app);
}

#[test]
fn snapshot_users_invite_dialog_zh_cn() {
    let mut app = zh_ada_on_users();
    act(&mut app, Action::InviteUser);
    let Some(Popup::Dialog(dialog)) = app.popups.last() else {
        panic!("the invitation is open");
    };
    assert_eq!(dialog.title, ZH.tui_users_invite_title());
    type_text(&mut app, "li.lei@contoso.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, "李雷");
    snapshot_zh("users_invite_dialog", &mut app);
}

#[test]
fn snapshot_users_confirmations_zh_cn() {
    let mut app = zh_ada_on_users();
    select_user(&mut app, "wang@contoso.com");
    act(&mut app, Action::DeleteUser);
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("the confirmation is open");
    };
    assert_eq!(confirm.title, ZH.tui_users_delete_title());
    assert!(confirm.text.contains("删除 王小明 <wang@contoso.com>"));
    snapshot_zh("users_confirm_delete", &mut app);
    act(&mut app, Action::Back);
    act(
        &mut app,
        Action::ToggleRole(certlink_domain::Role::PartnerAdmin),
    );
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("the confirmation is open");
    };
    assert_eq!(
        confirm.title,
        ZH.tui_users_grant_title(ZH.tui_users_role_partner_admin())
    );
    snapshot_zh("users_confirm_role", &mut app);
    act(&mut app, Action::Confirm);
    assert_eq!(
        flash(&app),
        ZH.tui_users_role_granted("wang@contoso.com", "MPN 合作伙伴管理员")
    );
}

#[test]
fn a_refused_row_action_says_why_in_chinese() {
    let mut app = zh_ada_on_users();
    select_user(&mut app, "wang@contoso.com");
    act(&mut app, Action::ResendInvitation);
    assert_eq!(
        flash(&app),
        ZH.tui_users_why_not_invited("王小明 <wang@contoso.com>")
    );
}

/// A refusal a job of the tab answers is worded for the reader: with the
/// service's dates in the reader's language (the domain words it).
#[test]
fn a_refused_invitation_is_worded_for_the_reader() {
    let mut app = zh_ada_on_users();
    act(&mut app, Action::InviteUser);
    type_text(&mut app, "evil@fabrikam.com");
    act(&mut app, Action::NextField);
    type_text(&mut app, "坏人");
    act(&mut app, Action::NextField);
    act(&mut app, Action::NextField);
    act(&mut app, Action::Activate);
    let Some(Popup::Dialog(dialog)) = app.popups.last() else {
        panic!("the dialog stays open on a refusal");
    };
    let shown = dialog.error.clone().unwrap_or_default();
    let session = app.main().expect("signed in").session.clone();
    let refused = app.service.invite(
        &session,
        "evil@fabrikam.com",
        "坏人",
        certlink_domain::Roles::USER,
    );
    let Err(certlink_core::service::ServiceError::Refused(refusal)) = refused else {
        panic!("refused (R13a)");
    };
    let dates = app.service.date_format().expect("dates").in_lang(ZH);
    assert!(shown.contains(&refusal.message(&dates)), "{shown}");
}

// ----------------------------------------------------------------- support

#[test]
fn snapshot_support_people_zh_cn() {
    let mut app = zh_sam();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(ZH.tui_support_find_a_person()), "{text}");
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "王小明");
    act(&mut app, Action::Activate);
    assert_eq!(support(&app).people.hits.len(), 1);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("与“王小明”匹配的人员（1）"), "{text}");
    snapshot_zh("support_search_results", &mut app);
    act(&mut app, Action::Activate);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(ZH.tui_support_window_heading()), "{text}");
    snapshot_zh("support_person_view", &mut app);
}

#[test]
fn the_person_view_pads_its_labels_by_display_width() {
    let mut app = zh_sam();
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "edsger");
    act(&mut app, Action::Activate);
    act(&mut app, Action::Activate);
    let terminal = render(&mut app, 100, 30);
    let buffer = terminal.backend().buffer();
    // Every fact's value starts at the same column, whatever its label's width.
    let labels = [
        ZH.tui_support_fact_account(),
        ZH.tui_support_fact_organization(),
        ZH.tui_support_fact_pu(),
        ZH.tui_support_fact_mcid(),
    ];
    let starts: Vec<usize> = labels
        .iter()
        .map(|label| {
            let y = row_of(buffer, label).expect("the fact is shown");
            let x = column_in_row(buffer, y, label).expect("there");
            let mut after = x + width(label);
            while buffer[(after as u16, y)].symbol() == " " {
                after += 1;
            }
            after - x
        })
        .collect();
    assert!(starts.iter().all(|s| *s == 13), "{starts:?}");
}

/// 王小明's ticket with one reply from support, both reading in Chinese.
fn zh_ticket_with_a_reply() -> (App, App) {
    let mut wang = zh_signed_in("wang@contoso.com");
    go_to(&mut wang, TabId::Support);
    act(&mut wang, Action::NewTicket);
    act(&mut wang, Action::NextField);
    type_text(&mut wang, "关联我的认证配置文件时提示凭据错误。");
    act(&mut wang, Action::Activate);
    assert!(flash(&wang).starts_with("已开具工单 #"), "{}", flash(&wang));
    let mut sam = App::new(
        std::sync::Arc::clone(&wang.service),
        None,
        super::theme::Theme::colored(),
    );
    sam.lang_choice = Choice {
        explicit: Some(ZH),
        locale: None,
    };
    sam.lang = ZH;
    act(
        &mut sam,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    sign_in(&mut sam, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    act(&mut sam, Action::ShowSupport(SupportView::Tickets));
    act(&mut sam, Action::Activate);
    act(&mut sam, Action::ReplyTicket);
    type_text(&mut sam, "请在 Microsoft Learning 重置配置文件的密码。");
    act(&mut sam, Action::Activate);
    act(&mut sam, Action::Back);
    act(&mut wang, Action::Reload);
    (wang, sam)
}

#[test]
fn snapshot_support_tickets_zh_cn() {
    let (mut wang, mut sam) = zh_ticket_with_a_reply();
    let text = screen(&mut sam, 80, 24);
    assert!(text.contains(ZH.tui_support_status_waiting()), "{text}");
    assert!(text.contains(ZH.tui_support_category_linking()), "{text}");
    assert!(text.contains(&ZH.tui_support_replies(1)), "{text}");
    snapshot_zh("support_queue", &mut sam);
    let text = screen(&mut wang, 80, 24);
    assert!(
        text.contains(ZH.tui_support_your_tickets_heading()),
        "{text}"
    );
    snapshot_zh("support_user_tickets", &mut wang);
    act(&mut wang, Action::Activate);
    let text = screen(&mut wang, 80, 24);
    assert!(text.contains("由 wang@contoso.com 于"), "{text}");
    assert!(text.contains("重置配置文件的密码"), "{text}");
    snapshot_zh("support_user_ticket_conversation", &mut wang);
    act(&mut wang, Action::ReplyTicket);
    type_text(&mut wang, "已重置密码并重新关联，成功了。");
    snapshot_zh("support_reply_editor", &mut wang);
}

#[test]
fn snapshot_support_open_ticket_dialog_zh_cn() {
    let mut wang = zh_signed_in("wang@contoso.com");
    go_to(&mut wang, TabId::Support);
    let text = screen(&mut wang, 80, 24);
    assert!(text.contains(ZH.tui_support_no_tickets_yet()) || text.contains("尚无工单"));
    act(&mut wang, Action::NewTicket);
    act(&mut wang, Action::ChoiceNext);
    snapshot_zh("support_open_ticket_dialog", &mut wang);
}

#[test]
fn snapshot_support_merge_zh_cn() {
    let mut app = zh_sam();
    act(&mut app, Action::MergeProfiles);
    let Some(Popup::Dialog(dialog)) = app.popups.last() else {
        panic!("the merge dialog is open");
    };
    assert_eq!(dialog.title, ZH.tui_support_merge_title());
    type_text(&mut app, "10000004");
    act(&mut app, Action::NextField);
    type_text(&mut app, "10000005");
    act(&mut app, Action::Activate);
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("the preview is open");
    };
    assert_eq!(
        confirm.title,
        ZH.tui_support_merge_confirm_title("10000004", "10000005")
    );
    assert!(confirm.text.contains("王小明"), "{}", confirm.text);
    assert!(
        confirm.text.contains(&ZH.tui_support_skills(2)) || confirm.text.contains("项技能"),
        "{}",
        confirm.text
    );
    snapshot_zh("support_merge_preview", &mut app);
}

// ------------------------------------------------------------------ widths

/// Every screen of these tabs, in both languages, at widths between the
/// two snapshot sizes and beyond: no line wider than the screen, no wide
/// character cut at its edge.
#[test]
fn no_line_of_these_tabs_is_wider_than_the_screen() {
    let sizes = [
        (60, 16),
        (61, 18),
        (67, 20),
        (73, 22),
        (80, 24),
        (99, 30),
        (121, 30),
    ];
    for lang in Lang::ALL {
        let check = |app: &mut App, name: &str| {
            for (w, h) in sizes {
                let terminal = render(app, w, h);
                check_lines(
                    terminal.backend().buffer(),
                    &format!("{name} in {lang} at {w}x{h}"),
                );
            }
        };
        let mut ada = signed_in_as("ada@contoso.com", demo::ACCOUNT_PASSWORD, lang);
        go_to(&mut ada, TabId::Skills);
        select_skill_row(&mut ada, "王小明");
        check(&mut ada, "skills");
        go_to(&mut ada, TabId::Users);
        select_user(&mut ada, "wang@contoso.com");
        check(&mut ada, "users");
        act(&mut ada, Action::DeleteUser);
        check(&mut ada, "users: delete");
        let mut sam = signed_in_as("sam@support.example.com", demo::SUPPORT_PASSWORD, lang);
        check(&mut sam, "support: people");
        act(&mut sam, Action::StartFilter);
        type_text(&mut sam, "contoso");
        act(&mut sam, Action::Activate);
        check(&mut sam, "support: found");
        act(&mut sam, Action::Activate);
        check(&mut sam, "support: person");
        act(&mut sam, Action::ShowSupport(SupportView::Tickets));
        check(&mut sam, "support: queue");
    }
}
