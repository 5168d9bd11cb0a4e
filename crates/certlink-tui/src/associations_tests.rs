//! The Associations tab at scale (issue 15, principle 6): the organization's
//! current links (R10, R12) as a window paged from the store with a total, a
//! `/` filter the service applies, and End reaching the last link at once;
//! the person's own history (R4, R7, R16) with its count and filter. On the
//! demo data with the fixed clock of `tests.rs`.

use super::action::{Action, EditOp};
use super::app::{App, Screen};
use super::tabs::TabId;
use super::tabs::associations::{self, AssociationsTab, HISTORY_LIMIT, Pane};
use super::tests::{
    act, associations_of, demo_app, render, sign_in, signed_in, text_of, type_text,
};
use super::users_tests::go_to;
use certlink_core::demo;
use certlink_domain::{Mcid, MpnId, Roles};

/// Contoso with `n` more people (at contoso.net), each holding a link of
/// their own made through the bulk generator (so the domain decides each,
/// R4–R9), and Ada (Global Admin) on the organization's pane.
fn contoso_with_links(n: u64) -> App {
    let app = demo_app();
    let contoso = MpnId::new(demo::CONTOSO).expect("valid MPN ID");
    let mut bulk = app
        .service
        .bulk(
            super::tests::now(),
            demo::ACCOUNT_PASSWORD,
            demo::PROFILE_PASSWORD,
        )
        .expect("a sandbox");
    let domain = "contoso.net".parse().expect("a domain");
    bulk.domain(certlink_domain::DomainOwner::Org(contoso), &domain)
        .expect("domain added");
    for i in 0..n {
        let email: certlink_domain::Email = format!("holder{i:05}@contoso.net")
            .parse()
            .expect("an email");
        let name = format!("Holder {i:05}");
        let account = bulk
            .account(contoso, &email, &name, Roles::USER)
            .expect("account added");
        let mcid = Mcid::new(20_000_000 + i).expect("an MCID");
        bulk.profile(mcid, &email, &name).expect("profile added");
        assert!(bulk.link(account, mcid).expect("linked"), "holder {i}");
    }
    bulk.finish().expect("loaded");
    let mut app = app;
    sign_in(&mut app, "ada@contoso.com", demo::ACCOUNT_PASSWORD);
    go_to(&mut app, TabId::Associations);
    act(&mut app, Action::NextPane);
    app
}

fn org_links_of(app: &App) -> &associations::OrgLinks {
    associations_of(app)
        .org
        .as_ref()
        .expect("Ada's organization pane")
}

/// The seen case of principle 6 on this tab: at many links the title has the
/// total, End (G) reaches the last link at once with a screen's worth read,
/// Home the first, PgDn a page; `/` narrows the list in the service and Esc
/// clears it.
#[test]
fn org_links_at_5000_count_reach_the_end_at_once_and_filter() {
    let mut app = contoso_with_links(5_000);
    let text = text_of(&render(&mut app, 80, 24));
    // The demo's five links of Contoso and the generated ones.
    assert!(
        text.contains("Current links of Contoso Ltd (5,005)"),
        "{text}"
    );
    act(&mut app, Action::Bottom);
    let window = &org_links_of(&app).window;
    assert_eq!(window.selected, 5_004);
    assert!(
        window.rows.len() <= 40,
        "a window, not the table: {}",
        window.rows.len()
    );
    assert_eq!(
        window.selected_row().map(|r| r.holder_email.as_str()),
        Some("holder04999@contoso.net")
    );
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("holder04999@contoso.net"), "{text}");
    act(&mut app, Action::Top);
    assert_eq!(org_links_of(&app).window.selected, 0);
    act(&mut app, Action::PageDown);
    let page = associations_of(&app).page(super::layout::body_area(ratatui::layout::Rect::new(
        0, 0, 80, 24,
    )));
    assert_eq!(org_links_of(&app).window.selected, page);

    // The filter: `/`, the text, Enter; the title says how many match.
    act(&mut app, Action::StartFilter);
    assert_eq!(app.context(), &associations::KEYS_FILTERING);
    type_text(&mut app, "HOLDER 0499");
    act(&mut app, Action::Activate);
    assert_eq!(app.context(), &associations::KEYS);
    let window = &org_links_of(&app).window;
    assert_eq!((window.total, window.selected), (10, 0));
    let text = text_of(&render(&mut app, 100, 30));
    assert!(
        text.contains("(10 of 5,005) · filter \"HOLDER 0499\" · Esc clears"),
        "{text}"
    );
    assert!(text.contains("holder04990@contoso.net"), "{text}");
    assert!(!text.contains("holder00499@contoso.net"), "{text}");
    // End in the filtered list: its last match.
    act(&mut app, Action::Bottom);
    assert_eq!(
        org_links_of(&app)
            .window
            .selected_row()
            .map(|r| r.holder_name.as_str()),
        Some("Holder 04999")
    );
    // By MCID, too.
    act(&mut app, Action::StartFilter);
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "20001234");
    act(&mut app, Action::Activate);
    let window = &org_links_of(&app).window;
    assert_eq!(window.total, 1);
    assert_eq!(
        window.selected_row().map(|r| r.holder_name.as_str()),
        Some("Holder 01234")
    );
    // Esc clears it: every link again.
    act(&mut app, Action::Back);
    let org = org_links_of(&app);
    assert!(!org.filter.is_active());
    assert_eq!(org.window.total, 5_005);
}

/// A refresh (any session's change) keeps the filter and the selected link,
/// and reads the counts again.
#[test]
fn the_filter_and_the_selection_survive_a_refresh() {
    let mut app = contoso_with_links(300);
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "holder002");
    act(&mut app, Action::Activate);
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    let kept = org_links_of(&app).selected_row().map(|r| r.link);
    assert_eq!(org_links_of(&app).window.total, 100, "holder00200..00299");
    act(&mut app, Action::Reload);
    let org = org_links_of(&app);
    assert_eq!(org.filter.applied(), "holder002");
    assert_eq!(org.window.total, 100);
    assert_eq!(org.selected_row().map(|r| r.link), kept);
    // Nothing matches: said politely, with the way back.
    act(&mut app, Action::StartFilter);
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "nobody by this name");
    act(&mut app, Action::Activate);
    let text = text_of(&render(&mut app, 100, 30));
    assert!(text.contains("(0 of 305) · filter"), "{text}");
    assert!(
        text.contains("No link's holder name, email or MCID contains the filter"),
        "{text}"
    );
}

/// The person's own history: its count in the title, `/` by organization
/// or reason, Esc clears, and End/Home within what the filter keeps.
#[test]
fn the_history_has_a_count_a_filter_and_its_ends() {
    let mut app = signed_in("alan@contoso.com");
    go_to(&mut app, TabId::Associations);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("Your link history (3)"), "{text}");
    act(&mut app, Action::Bottom);
    assert_eq!(associations_of(&app).history.selected, 2);
    act(&mut app, Action::StartFilter);
    assert_eq!(app.context(), &associations::KEYS_FILTERING);
    type_text(&mut app, "moved");
    act(&mut app, Action::Activate);
    let history = &associations_of(&app).history;
    assert_eq!(history.shown.len(), 2, "two links ended by a move");
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("Your link history (2 of 3) · filter \"moved\" · Esc clears"),
        "{text}"
    );
    assert!(!text.contains("(active)"), "{text}");
    act(&mut app, Action::StartFilter);
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "NORTHWIND");
    act(&mut app, Action::Activate);
    let history = &associations_of(&app).history;
    assert_eq!(history.shown.len(), 1);
    assert_eq!(
        history.selected_row().map(|r| r.org_name.as_str()),
        Some("Northwind Traders")
    );
    act(&mut app, Action::Back);
    let tab = associations_of(&app);
    assert_eq!(tab.history.shown.len(), 3);
    assert_eq!(tab.focus, Pane::History);
}

/// A history longer than the limit says it shows the most recent ones.
#[test]
fn a_history_cut_at_the_limit_says_so() {
    let mut app = signed_in("alan@contoso.com");
    go_to(&mut app, TabId::Associations);
    let Screen::Main(main) = &mut app.screen else {
        panic!("signed in");
    };
    let tab = main.tab_mut::<AssociationsTab>().expect("the tab");
    let one = tab.history.rows[0].clone();
    tab.history.set(vec![one; HISTORY_LIMIT], true);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(
        text.contains("Your link history (the most recent 200)"),
        "{text}"
    );
}

/// Ada's Associations with the filter typed on the organization's pane.
#[test]
fn snapshot_org_links_filtered() {
    let mut app = signed_in("ada@contoso.com");
    go_to(&mut app, TabId::Associations);
    act(&mut app, Action::NextPane);
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "contoso.com");
    act(&mut app, Action::Activate);
    act(&mut app, Action::StartFilter);
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "al");
    super::tests::snapshot("associations_org_links_filtering", &mut app);
    act(&mut app, Action::Activate);
    super::tests::snapshot("associations_org_links_filtered", &mut app);
}

/// Issue 15, principle 4: the pane switch is hinted only where there is a
/// second pane: a Global Admin's tab has the organization's links, a plain
/// person's has only the history.
#[test]
fn the_pane_switch_is_offered_only_with_two_panes() {
    let mut alan = signed_in("alan@contoso.com");
    go_to(&mut alan, TabId::Associations);
    assert_eq!(alan.context(), &associations::KEYS_ONE_PANE);
    let text = text_of(&render(&mut alan, 80, 24));
    assert!(!text.contains("switch pane"), "{text}");
    let mut ada = signed_in("ada@contoso.com");
    go_to(&mut ada, TabId::Associations);
    assert_eq!(ada.context(), &associations::KEYS);
    let text = text_of(&render(&mut ada, 80, 24));
    assert!(text.contains("switch pane"), "{text}");
}
