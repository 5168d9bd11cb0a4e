//! The dialogs in 简体中文 (issue 16): insta snapshots at 80×24 and 60×16,
//! and at widths in between, every line fits the screen and no wide
//! character is cut. The titles and texts a tab would give are written here
//! in Chinese, as a tab would pass them; the dialogs' own words come from
//! the catalog.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::action::Action;
use crate::jobs::Job;
use certlink_core::service::ServiceError;
use certlink_domain::Email;
use certlink_i18n::Lang;

const SIZES: [(u16, u16); 2] = [(80, 24), (60, 16)];

fn job() -> Job {
    Job::new("Test", "…", |_| Ok::<(), ServiceError>(()))
}

fn draw(popup: &Popup, width: u16, height: u16, busy: Option<&str>) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| popup.render(frame, frame.area(), &Theme::colored(), busy, Lang::ZhCn))
        .expect("draw into a test backend");
    terminal
}

/// The screen's lines as drawn: the cell under a wide character's second
/// half holds a placeholder, skipped, so a line's text is as wide as the
/// screen unless something went past its edge.
fn lines(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut hidden = 0;
            for x in 0..buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                hidden = symbol.width().saturating_sub(1);
                line.push_str(symbol);
            }
            line
        })
        .collect()
}

/// Every line is exactly the screen's width: nothing drawn past its edge and
/// no wide character cut in half (a half would leave a line narrower or
/// wider).
fn assert_fits(terminal: &Terminal<TestBackend>, what: &str) {
    let width = usize::from(terminal.backend().buffer().area.width);
    for (y, line) in lines(terminal).iter().enumerate() {
        assert_eq!(line.width(), width, "{what}, line {y}: {line:?}");
    }
}

fn snapshot(name: &str, popup: &Popup) {
    for (w, h) in SIZES {
        let terminal = draw(popup, w, h, None);
        assert_fits(&terminal, name);
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("widgets_{name}_{w}x{h}_zh_cn"), terminal.backend());
        });
    }
    for w in 60..=80 {
        for h in [16, 20, 24] {
            assert_fits(&draw(popup, w, h, None), name);
        }
    }
}

fn screen_text(popup: &Popup, w: u16, h: u16) -> String {
    lines(&draw(popup, w, h, None)).concat()
}

fn confirm() -> ConfirmDialog {
    ConfirmDialog::new(
        "删除访问权限？(R7)".into(),
        "结束 MCID 1234567 与 Contoso 有限公司的关联？其认证将不再计入 Contoso 有限公司。下次允许的关联日期：2026-12-23（30 天后）。".into(),
        "是，删除访问权限",
        job(),
    )
}

#[test]
fn a_confirmation_in_chinese() {
    let popup = Popup::Confirm(confirm());
    snapshot("confirm", &popup);
    let text = screen_text(&popup, 80, 24);
    assert!(text.contains("[ 否，保留 ]"), "{text}");
    assert!(text.contains("[ 是，删除访问权限 ]"), "{text}");
}

/// The buttons are where they are drawn: a click on the Chinese "No" hits it.
#[test]
fn a_click_finds_the_chinese_buttons_where_they_are_drawn() {
    let mut dialog = confirm();
    let screen = Rect::new(0, 0, 80, 24);
    let (_, row, yes, no) = dialog.layout_in(screen, Lang::ZhCn);
    let text = lines(&draw(&Popup::Confirm(confirm()), 80, 24, None));
    let drawn = &text[usize::from(row.y)];
    let no_words = format!("[ {} ]", Lang::ZhCn.tui_dialog_confirm_no());
    // The cell where "[ 否，保留 ]" starts, counted in cells.
    let before = &drawn[..drawn.find(&no_words).expect("the No button")];
    assert_eq!(usize::from(no.x), before.width());
    assert_eq!(usize::from(no.width), no_words.width());
    assert_eq!(
        dialog.button_at_in(screen, yes.x, yes.y, Lang::ZhCn),
        Some(confirm::ConfirmButton::Yes)
    );
    assert!(matches!(
        dialog.click(screen, no.x + no.width - 1, no.y, Lang::ZhCn),
        Reply::Close
    ));
}

#[test]
fn a_guarded_confirmation_in_chinese() {
    let mut dialog = confirm().guarded(
        "两个配置文件的姓名和电子邮件都不同：它们可能属于两个人。".into(),
        "合并",
    );
    for c in "合".chars() {
        dialog.update(Action::Type(c));
    }
    let popup = Popup::Confirm(dialog);
    snapshot("confirm_guarded", &popup);
    let text = screen_text(&popup, 80, 24);
    assert!(text.contains("警告："), "{text}");
    assert!(text.contains("输入 合并 以仍然合并：合_"), "{text}");
}

#[test]
fn a_long_chinese_message() {
    let popup = Popup::Message(MessageDialog::refused_in(
        Lang::ZhCn,
        Some("R9"),
        "此 MCID 在过去 12 个月内已关联过三个不同的合作伙伴组织，关联受到限制。为了防止滥用，下次允许的关联日期为 2027-03-01（98 天后）。如果你认为这有误，请开具支持工单，认证支持部门会在合并过程中帮助你。".into(),
    ));
    snapshot("message_refused", &popup);
    let text = screen_text(&popup, 60, 16);
    assert!(text.contains("已拒绝（R9）"), "{text}");
    assert!(text.contains("按 Enter 或 Esc 关闭"), "{text}");
}

#[test]
fn the_ticket_editor_with_chinese_text() {
    let mut dialog = ComposeDialog::new(
        "开具支持工单 (R14)".into(),
        "告诉支持人员发生了什么。关于合并两个认证配置文件的问题请联系认证支持部门（MCID 合并）。"
            .into(),
        Box::new(|_: &compose::Composed, _: &Submitting| Submitted::Run(job())),
    )
    .with_categories(vec!["帐户", "认证", "技能报告", "其他"]);
    dialog.update(Action::ChoiceNext);
    dialog.update(Action::NextField);
    dialog.update(Action::Paste(
        "王小明的认证没有显示在技能报告中。\n他在 2026-11-01 通过了考试 AZ-104，已经过去三周了。"
            .into(),
    ));
    for c in "谢谢".chars() {
        dialog.update(Action::Type(c));
    }
    let popup = Popup::Compose(dialog);
    snapshot("compose", &popup);
    let text = screen_text(&popup, 80, 24);
    assert!(text.contains("类别"), "{text}");
    assert!(text.contains("◀ 认证 ▶"), "{text}");
    assert!(text.contains("正文（"), "{text}");
}

#[test]
fn the_credentials_dialog_in_chinese() {
    let email: Email = "wang.xiaoming@contoso.com".parse().expect("an email");
    let dialog = CredentialsDialog::associate(
        Some(&email),
        Box::new(|_: &certlink_core::service::Session, _: String, _: String| job()),
    );
    let popup = Popup::Credentials(dialog);
    snapshot("credentials_associate", &popup);
    let text = screen_text(&popup, 80, 24);
    assert!(text.contains("关联 Microsoft Learning 帐户"), "{text}");
    assert!(
        text.contains("使用 wang.xiaoming@contoso.com 关联 Microsoft Learning 帐户"),
        "{text}"
    );
    assert!(text.contains("电子邮件"), "{text}");

    let mut pu = CredentialsDialog::partner_university(Box::new(
        |_: &certlink_core::service::Session, _: String, _: String| job(),
    ));
    pu.update(Action::Paste("王小明".into()), None);
    pu.refused("用户名或密码不正确。".into());
    let popup = Popup::Credentials(pu);
    snapshot("credentials_pu_refused", &popup);
    let text = screen_text(&popup, 60, 16);
    assert!(text.contains("获取 Partner University 访问权限"), "{text}");
    assert!(text.contains("用户名"), "{text}");
}

/// The cursor of a Chinese name typed into the credentials dialog stands
/// right after its wide characters.
#[test]
fn the_cursor_follows_a_chinese_name_in_the_dialog() {
    let mut dialog = CredentialsDialog::partner_university(Box::new(
        |_: &certlink_core::service::Session, _: String, _: String| job(),
    ));
    for c in "王小明".chars() {
        dialog.update(Action::Type(c), None);
    }
    let popup = Popup::Credentials(dialog);
    let mut terminal = draw(&popup, 80, 24, None);
    let cursor = terminal.get_cursor_position().expect("a cursor");
    let text = lines(&terminal);
    let line = &text[usize::from(cursor.y)];
    let start = line.find("王小明").expect("the name on the cursor's line");
    assert_eq!(
        usize::from(cursor.x),
        line[..start].width() + "王小明".width()
    );
}

#[test]
fn the_download_dialog_in_chinese() {
    let dialog = download::DownloadDialog::new(
        "/tmp/技能报告.csv".into(),
        3,
        11,
        "按姓名升序排序",
        Box::new(|_: &Submitting, _| None),
    );
    let popup = Popup::Download(dialog);
    snapshot("download", &popup);
    let text = screen_text(&popup, 80, 24);
    assert!(text.contains("下载技能报告"), "{text}");
    assert!(
        text.contains("将符合筛选条件的 3 行（共 11 行）写入 CSV"),
        "{text}"
    );
}

#[test]
fn a_form_dialog_with_a_choice_in_chinese() {
    use crate::components::dialog_form::Item;
    let dialog = FormDialog::new(
        "邀请用户 (R13)".into(),
        "被邀请的人会收到登录详细信息，并在首次登录时设置自己的密码。".into(),
        vec![
            Item::text_with("姓名", "王小明"),
            Item::text("电子邮件"),
            Item::choice("角色", vec!["用户", "管理员", "全局管理员"]),
        ],
        Box::new(|_, _| Submitted::Refused("x".into())),
    );
    let popup = Popup::Dialog(dialog);
    snapshot("form_choice", &popup);
    assert!(screen_text(&popup, 80, 24).contains("◀ 用户 ▶  （1/3）"));
}

/// English stays as it was: the same dialog's own words in both languages.
#[test]
fn the_dialogs_own_words_in_english_are_unchanged() {
    let en = lines(&{
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|frame| {
                Popup::Confirm(confirm()).render(
                    frame,
                    frame.area(),
                    &Theme::colored(),
                    None,
                    Lang::En,
                )
            })
            .expect("draw");
        terminal
    })
    .concat();
    assert!(en.contains("[ No, keep it ]"), "{en}");
    assert_eq!(Lang::En.tui_dialog_message_close(), "Enter or Esc to close");
}

/// A Chinese title wider than the dialog is cut with an ellipsis, on a
/// character boundary, and the border still closes.
#[test]
fn a_long_chinese_title_is_cut_to_fit() {
    let popup = Popup::Message(MessageDialog {
        title: "合作伙伴中心用户技能报告：出于隐私方面的考虑，删除帐户后将其从报告中删除".repeat(2),
        text: "王小明".into(),
        is_refusal: false,
    });
    for w in 60..=80 {
        let terminal = draw(&popup, w, 16, None);
        assert_fits(&terminal, "long title");
        let top = lines(&terminal)
            .into_iter()
            .find(|l| l.contains('╭'))
            .expect("the top border");
        assert!(top.contains('…') && top.contains('╮'), "{top}");
    }
}

#[test]
fn the_temporary_password_shown_once_in_chinese() {
    let invitation = certlink_core::service::Invitation {
        email: "wang.xiaoming@contoso.com".parse().expect("an email"),
        name: "王小明".into(),
        temporary_password: "Tmp-4821-Xq".into(),
        delivery: certlink_core::service::Delivery::Queued,
    };
    let popup = Popup::ShownOnce(ShownOnce::new(Issued::Invited, invitation));
    snapshot("shown_once", &popup);
    let text = screen_text(&popup, 60, 16);
    assert!(
        text.contains("王小明 <wang.xiaoming@contoso.com> 的临时密码"),
        "{text}"
    );
    assert!(text.contains("Tmp-4821-Xq"), "{text}");
}

/// A job's progress line (a tab's words) wider than the dialog is cut to
/// fit, never inside a wide character.
#[test]
fn a_long_progress_line_is_cut_to_fit() {
    let dialog = CredentialsDialog::partner_university(Box::new(
        |_: &certlink_core::service::Session, _: String, _: String| job(),
    ));
    let popup = Popup::Credentials(dialog);
    let busy = "正在检查 Partner University 帐户的凭据，并将其与你的工作帐户关联…".repeat(2);
    for w in 60..=80 {
        let terminal = draw(&popup, w, 16, Some(&busy));
        assert_fits(&terminal, "progress");
        assert!(lines(&terminal).concat().contains("正在检查"));
    }
}
