//! The Designations tab on the demo sandbox: the areas with their score and
//! qualification in words, the selected area's gauge, metrics and next
//! points, who counts and who waits; in English and 简体中文, snapshots at
//! both sizes; hidden from people who may not see the scores.

use super::action::Action;
use super::tabs::TabId;
use super::tabs::designations::DesignationsTab;
use super::tests::{act, demo_app, render, sign_in, signed_in, snapshot, text_of};
use certlink_core::demo;
use certlink_i18n::{Choice, Lang};

/// Ada's tabs: the Designations tab is the eighth.
const DESIGNATIONS: usize = 7;

fn selected_area(app: &mut super::app::App, name: &str) {
    let position = app
        .main()
        .and_then(|m| m.tab::<DesignationsTab>())
        .and_then(|t| t.report.as_ref())
        .and_then(|r| r.areas.iter().position(|a| a.name == name))
        .expect("the area is defined");
    for _ in 0..position {
        act(app, Action::Down);
    }
}

#[test]
fn snapshot_designations() {
    let mut app = signed_in("ada@contoso.com");
    act(&mut app, Action::SelectTab(DESIGNATIONS));
    assert_eq!(
        app.main().map(|m| m.active_tab()),
        Some(TabId::Designations)
    );
    selected_area(&mut app, "Azure Infrastructure");
    let text = text_of(&render(&mut app, 80, 24));
    for expected in [
        "Solutions Partner designations (Enterprise)",
        "Azure Infrastructure: 68 of 100 points",
        "✗ not qualified",
        "performance 38, customer success 30",
        "1 more person with Azure Administrator Associate meet step 1",
        "Alan Turing",
        "✓ counts",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    snapshot("designations", &mut app);
    // The people pane: Security's waiting holder, with why in words.
    act(&mut app, Action::Top);
    selected_area(&mut app, "Security");
    act(&mut app, Action::NextPane);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("waits for step 1"), "{text}");
}

#[test]
fn snapshot_designations_zh_cn() {
    let mut app = demo_app();
    app.lang = Lang::ZhCn;
    app.lang_choice = Choice {
        explicit: Some(Lang::ZhCn),
        locale: None,
    };
    sign_in(&mut app, "ada@contoso.com", demo::ACCOUNT_PASSWORD);
    act(&mut app, Action::SelectTab(DESIGNATIONS));
    selected_area(&mut app, "Azure Infrastructure");
    let z = Lang::ZhCn;
    // Wide characters cover the next cell: read without spaces.
    let text: String = text_of(&render(&mut app, 80, 24))
        .chars()
        .filter(|c| *c != ' ')
        .collect();
    for expected in [z.tui_des_not_qualified(), z.designation_standing_counts()] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    for (w, h) in super::tests::SIZES {
        let terminal = render(&mut app, w, h);
        insta::assert_snapshot!(format!("designations_{w}x{h}_zh_cn"), terminal.backend());
    }
}

#[test]
fn only_the_organizations_admins_get_the_designations_tab() {
    for (email, shown) in [
        ("ada@contoso.com", true),
        ("grace@contoso.com", true),
        ("alan@contoso.com", false),
    ] {
        let app = signed_in(email);
        let tabs = app.main().expect("signed in").tabs.clone();
        assert_eq!(tabs.contains(&TabId::Designations), shown, "{email}");
    }
}

/// R12: the deletion and removal confirmations say what the departure does to
/// the scores. Contoso scored as SMB: Alan's Azure Administrator Associate
/// meets Azure Infrastructure's step 1 for 4 points.
#[test]
fn the_departure_confirmations_carry_the_score_change() {
    use crate::popups::Popup;
    use crate::tabs::users::dialogs;
    let app = signed_in("ada@contoso.com");
    let service = std::sync::Arc::clone(&app.service);
    service
        .set_org_size(&demo::CONTOSO.to_string(), "smb")
        .unwrap();
    let session = app.main().expect("signed in").session.clone();
    let alan = service
        .list_users(&session, None, 100)
        .unwrap()
        .into_iter()
        .find(|u| u.email.as_str() == "alan@contoso.com")
        .expect("Alan is Contoso's");
    let text = |popup: Popup| match popup {
        Popup::Confirm(c) => c.text,
        _ => panic!("a confirmation"),
    };
    let deletion = text(dialogs::confirm_delete(&alan, &service, &session, Lang::En));
    assert!(
        deletion.contains(
            "Solutions Partner designations, once the MCID is removed from the report (R12): \
             Azure Digital & App Innovation: 4 → 0, not qualified; \
             Azure Infrastructure: 72 → 68, no longer qualified"
        ),
        "{deletion}"
    );
    // Deleted, Alan's MCID still counts; its removal takes the points.
    service
        .delete_account(&session, "alan@contoso.com")
        .unwrap();
    let removal = text(
        dialogs::confirm_removal(&alan, &service, &session, Lang::ZhCn).expect("Alan is linked"),
    );
    assert!(
        removal.contains("；Azure Infrastructure：72 → 68，不再符合认定条件"),
        "{removal}"
    );
}
