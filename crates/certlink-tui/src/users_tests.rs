//! The Users tab (R12, R13, R17) and who gets which tabs: invitations with the
//! temporary password shown once, resends to a corrected email, deletions and
//! removals from the report behind a confirmation, role changes and the last
//! Global Admin's refusal, paging; `TestBackend` snapshots at 80×24 and 60×16
//! with the fixed clock of `tests.rs`. The temporary password is random: it is
//! checked on its own and redacted from the snapshots.

use ratatui::backend::{Backend, TestBackend};

use super::action::{Action, EditOp};
use super::app::App;
use super::jobs::Job;
use super::keys;
use super::popups::{Issued, Popup, ShownOnce, form_dialog};
use super::tabs::TabId;
use super::tabs::support::key_maps;
use super::tabs::users::{self, UsersTab};
use super::tests::{SIZES, act, demo_app, find, render, sign_in, signed_in, text_of, type_text};
use certlink_core::demo;
use certlink_core::service::{Delivery, NewAccount, SignInSource};
use certlink_core::store::records::AccountKind;
use certlink_domain::{AccountStatus, MpnId, Refusal, Role, Roles};

/// Moves to a tab by its id (the number keys, as a person would).
pub(super) fn go_to(app: &mut App, tab: TabId) {
    let index = app
        .main()
        .and_then(|m| m.tabs.iter().position(|t| *t == tab))
        .unwrap_or_else(|| panic!("{tab:?} is one of the tabs"));
    act(app, Action::SelectTab(index));
    assert_eq!(app.main().map(|m| m.active_tab()), Some(tab));
}

fn users_of(app: &App) -> &UsersTab {
    app.main()
        .and_then(|m| m.tab::<UsersTab>())
        .expect("signed in, with Users")
}

fn tabs(app: &App) -> Vec<TabId> {
    app.main().expect("signed in").tabs.clone()
}

/// Ada (Global Admin of Contoso) on the Users tab.
fn ada_on_users() -> App {
    let mut app = signed_in("ada@contoso.com");
    go_to(&mut app, TabId::Users);
    app
}

/// Selects the loaded row of `email` with the arrow keys.
fn select_user(app: &mut App, email: &str) {
    act(app, Action::Top);
    for _ in 0..100 {
        if users_of(app).selected_row().map(|r| r.email.as_str()) == Some(email) {
            return;
        }
        act(app, Action::Down);
    }
    panic!("{email} is listed");
}

fn row_of<'a>(app: &'a App, email: &str) -> &'a certlink_core::service::UserListRow {
    users_of(app)
        .rows()
        .iter()
        .find(|r| r.email.as_str() == email)
        .unwrap_or_else(|| panic!("{email} is listed"))
}

fn shown_once(app: &App) -> Option<&ShownOnce> {
    match app.popups.last() {
        Some(Popup::ShownOnce(details)) => Some(details),
        _ => None,
    }
}

/// Snapshots the screen at both sizes with `secret` drawn as asterisks: the
/// temporary password is random.
fn snapshot_redacted(name: &str, app: &mut App, secret: &str) {
    for (w, h) in SIZES {
        let terminal = render(app, w, h);
        let mut buffer = terminal.backend().buffer().clone();
        let (x, y) = find(&buffer, secret).expect("the secret is on screen");
        for i in 0..secret.chars().count() as u16 {
            buffer[(x + i, y)].set_symbol("*");
        }
        let mut redacted = TestBackend::new(w, h);
        let cells: Vec<(u16, u16, &ratatui::buffer::Cell)> = buffer
            .content
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let (x, y) = buffer.pos_of(i);
                (x, y, cell)
            })
            .collect();
        redacted.draw(cells.into_iter()).expect("draw");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), redacted);
    }
}

fn snapshot(name: &str, app: &mut App) {
    super::tests::snapshot(name, app);
}

/// Fills the invitation dialog: email, name, and ticks MPN Partner Admin.
fn fill_invitation(app: &mut App, email: &str, name: &str) {
    act(app, Action::InviteUser);
    assert_eq!(app.context(), &form_dialog::KEYS);
    type_text(app, email);
    act(app, Action::NextField);
    type_text(app, name);
    act(app, Action::NextField);
    assert_eq!(
        app.context(),
        &form_dialog::CHOICE_KEYS,
        "a tick box has focus"
    );
    act(app, Action::ChoiceNext);
    // Enter submits on the form's last item.
    act(app, Action::NextField);
}

// ------------------------------------------------------------------ access

#[test]
fn tabs_follow_roles_and_support_engineers_get_their_desk() {
    use TabId::*;
    let ada = signed_in("ada@contoso.com");
    assert_eq!(
        tabs(&ada),
        [
            Profile,
            Associations,
            Skills,
            Competencies,
            Learning,
            Users,
            Support,
            Designations
        ]
    );
    // An MPN Partner Admin sees the reports but not the accounts (R17).
    let grace = signed_in("grace@contoso.com");
    assert!(!tabs(&grace).contains(&Users));
    // A plain user: no Users tab, not even on screen; Support with their tickets.
    let mut alan = signed_in("alan@contoso.com");
    assert_eq!(tabs(&alan), [Profile, Associations, Support]);
    let text = text_of(&render(&mut alan, 80, 24));
    assert!(!text.contains("Users"), "{text}");
    act(&mut alan, Action::InviteUser);
    assert!(alan.popups.is_empty(), "no invitation from the profile");
    go_to(&mut alan, Support);
    assert_eq!(alan.context(), &key_maps::MY_TICKETS);
    // And the service refuses anyway.
    let session = alan.main().expect("signed in").session.clone();
    assert!(alan.service.list_users(&session, None, 10).is_err());

    // A support engineer lands on the support desk.
    let mut sam = demo_app();
    sign_in(&mut sam, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    assert_eq!(tabs(&sam), [Support, Profile]);
    assert_eq!(sam.context(), &key_maps::PEOPLE);
}

#[test]
fn users_keys_are_in_the_help_and_the_hints() {
    let hints = keys::hints(&users::KEYS);
    assert!(hints.contains(&("i", "invite")), "{hints:?}");
    let help = keys::help_rows(&users::KEYS);
    for does in [
        "new sign-in details",
        "delete",
        "remove a departed person from the report",
        "grant / revoke MPN Partner Admin",
        "grant / revoke Global Admin",
    ] {
        assert!(help.iter().any(|(_, d)| *d == does), "{does}: {help:?}");
    }
    // Space ticks a box in a dialog, but types a space in a text field.
    let space = ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char(' '),
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(
        keys::action_for(&form_dialog::CHOICE_KEYS, &space),
        Some(Action::ChoiceNext)
    );
    assert_eq!(
        keys::action_for(&form_dialog::KEYS, &space),
        Some(Action::Type(' '))
    );
}

// ------------------------------------------------------------------ flows

#[test]
fn invite_shows_the_temporary_password_once() {
    let mut app = ada_on_users();
    fill_invitation(&mut app, "hedy@contoso.com", "Hedy Lamarr");
    act(&mut app, Action::Activate);
    let details = shown_once(&app).expect("the password popup").clone();
    assert_eq!(details.issued, Issued::Invited);
    assert_eq!(details.email, "hedy@contoso.com");
    // An in-memory database has no outbox: the popup says so.
    assert_eq!(details.delivery, Delivery::NoOutbox);
    let password = details.temporary_password().to_string();
    assert_eq!(password.len(), 16, "the service's temporary passwords");
    assert!(
        !format!("{details:?}").contains(&password),
        "Debug never prints it"
    );
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains(&password), "{text}");
    assert!(text.contains("shown this"), "{text}");
    assert!(text.contains("nothing was sent"), "{text}");

    // The list shows the new account as invited, with the role ticked (R13, R17).
    let row = row_of(&app, "hedy@contoso.com");
    assert_eq!(row.status, AccountStatus::Invited);
    assert!(row.roles.contains(&Role::PartnerAdmin.name()));

    // Closing drops it: no popup, no screen, no state holds it any more.
    act(&mut app, Action::Back);
    assert!(app.popups.is_empty());
    let text = text_of(&render(&mut app, 80, 24));
    assert!(!text.contains(&password));
    assert!(text.contains("invited, sent today"), "{text}");

    // The password works once for the invitee, who must replace it (R13).
    let session = app
        .service
        .sign_in("hedy@contoso.com", &password, &SignInSource::Local)
        .expect("the temporary password signs in");
    assert!(session.must_change_password);
}

#[test]
fn a_refused_invitation_keeps_the_dialog_and_what_was_typed() {
    let mut app = ada_on_users();
    // An email already in use (R13).
    fill_invitation(&mut app, "alan@contoso.com", "Alan Again");
    act(&mut app, Action::Activate);
    let Some(Popup::Dialog(dialog)) = app.popups.last() else {
        panic!("the dialog stays open on a refusal");
    };
    assert!(dialog.error.is_some(), "the refusal is shown in the dialog");
    assert_eq!(dialog.form.text(0), "alan@contoso.com");
    assert!(shown_once(&app).is_none());
}

/// R13a: an address outside the organization's domains is refused in the
/// dialog, naming the rule and the domains; the Users tab says which they are.
#[test]
fn r13a_an_invitation_outside_the_domains_is_refused_in_the_dialog() {
    let mut app = ada_on_users();
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("Domains: contoso.com"), "{text}");
    fill_invitation(&mut app, "evil@fabrikam.com", "Evil");
    act(&mut app, Action::Activate);
    let Some(Popup::Dialog(dialog)) = app.popups.last() else {
        panic!("the dialog stays open on a refusal");
    };
    let error = dialog.error.as_deref().unwrap_or_default();
    assert!(
        error.contains("R13a") && error.contains("contoso.com"),
        "{error}"
    );
    assert!(shown_once(&app).is_none());
    let ada = app.main().expect("signed in");
    assert!(
        app.service
            .list_users(&ada.session, None, 100)
            .expect("list")
            .iter()
            .all(|u| u.email.domain() == "contoso.com")
    );
}

#[test]
fn resend_to_a_corrected_email_replaces_the_old_details() {
    let mut app = ada_on_users();
    select_user(&mut app, "donald@contoso.com");
    act(&mut app, Action::ResendInvitation);
    let Some(Popup::Dialog(dialog)) = app.popups.last() else {
        panic!("the resend dialog");
    };
    assert_eq!(
        dialog.form.text(0),
        "donald@contoso.com",
        "starts as it was"
    );
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "donald.knuth@contoso.com");
    act(&mut app, Action::Activate);
    let details = shown_once(&app).expect("the password popup").clone();
    assert_eq!(details.issued, Issued::Resent);
    assert_eq!(details.email, "donald.knuth@contoso.com");
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());

    // The old temporary password stops working; the new one works (R13).
    let service = app.service.clone();
    assert!(
        service
            .sign_in(
                "donald@contoso.com",
                demo::INVITED_PASSWORD,
                &SignInSource::Local
            )
            .is_err()
    );
    assert!(
        service
            .sign_in(
                "donald.knuth@contoso.com",
                details.temporary_password(),
                &SignInSource::Local
            )
            .is_ok()
    );
    assert_eq!(
        row_of(&app, "donald.knuth@contoso.com").status,
        AccountStatus::Invited
    );
}

#[test]
fn delete_asks_first_and_the_mcid_stays_until_removed_from_the_report() {
    let mut app = ada_on_users();
    select_user(&mut app, "alan@contoso.com");
    act(&mut app, Action::DeleteUser);
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("a confirmation first");
    };
    assert_eq!(confirm.job().map(Job::name), Some("DeleteAccount"));
    assert!(
        confirm.text.contains("<alan@contoso.com>"),
        "{}",
        confirm.text
    );
    assert!(
        confirm.text.contains("MCID 10000001 stays linked"),
        "{}",
        confirm.text
    );
    // No is the default: Enter alone changes nothing.
    act(&mut app, Action::Activate);
    assert_eq!(
        row_of(&app, "alan@contoso.com").status,
        AccountStatus::Active
    );

    act(&mut app, Action::DeleteUser);
    act(&mut app, Action::Confirm);
    let row = row_of(&app, "alan@contoso.com");
    assert_eq!(row.status, AccountStatus::Deleted);
    assert_eq!(
        row.linked_mcid.map(|m| m.to_string()).as_deref(),
        Some("10000001")
    );
    assert!(app.flash.as_deref().unwrap_or("").contains("R12"));
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("deleted, still linked"), "{text}");

    // Remove the departed person from the report: the link ends (R12).
    select_user(&mut app, "alan@contoso.com");
    act(&mut app, Action::RemoveFromReport);
    assert!(matches!(
        app.popups.last(),
        Some(Popup::Confirm(c)) if c.job().map(Job::name) == Some("RemoveFromReport")
            && c.text.contains("MCID 10000001 ")
    ));
    act(&mut app, Action::Confirm);
    assert_eq!(row_of(&app, "alan@contoso.com").linked_mcid, None);

    // A second removal has nothing to remove: said, not asked.
    act(&mut app, Action::RemoveFromReport);
    assert!(app.popups.is_empty());
    assert!(
        app.flash
            .as_deref()
            .unwrap_or("")
            .contains("nothing to remove (R12)"),
        "{:?}",
        app.flash
    );
}

#[test]
fn roles_change_after_a_confirmation_and_the_last_global_admin_stays() {
    let mut app = ada_on_users();
    select_user(&mut app, "alan@contoso.com");
    act(&mut app, Action::ToggleRole(Role::PartnerAdmin));
    act(&mut app, Action::Confirm);
    assert!(
        row_of(&app, "alan@contoso.com")
            .roles
            .contains(&Role::PartnerAdmin.name())
    );

    // Ada is Contoso's only Global Admin: revoking her role is not offered
    // (R17), and asking anyway says why without a confirmation.
    select_user(&mut app, "ada@contoso.com");
    act(&mut app, Action::ToggleRole(Role::GlobalAdmin));
    assert!(app.popups.is_empty(), "nothing to confirm");
    assert!(
        app.flash
            .as_deref()
            .unwrap_or("")
            .contains("last active Global Admin"),
        "{:?}",
        app.flash
    );
    // With Alan a Global Admin too, it is offered; if another session takes
    // Alan's role meanwhile, the service still refuses, in its words.
    select_user(&mut app, "alan@contoso.com");
    act(&mut app, Action::ToggleRole(Role::GlobalAdmin));
    act(&mut app, Action::Confirm);
    select_user(&mut app, "ada@contoso.com");
    act(&mut app, Action::ToggleRole(Role::GlobalAdmin));
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("a confirmation first");
    };
    assert!(confirm.title.starts_with("Revoke Global Admin"));
    let other = app
        .service
        .sign_in(
            "ada@contoso.com",
            demo::ACCOUNT_PASSWORD,
            &SignInSource::Local,
        )
        .expect("signed in");
    app.service
        .set_role(&other, "alan@contoso.com", Role::GlobalAdmin, false)
        .expect("revoked");
    act(&mut app, Action::Confirm);
    let Some(Popup::Message(message)) = app.popups.last() else {
        panic!("the refusal is shown");
    };
    let dates = app.main().expect("signed in").dates;
    assert_eq!(message.title, "Refused (R17)");
    assert_eq!(message.text, Refusal::LastGlobalAdmin.message(&dates));
    assert!(
        row_of(&app, "ada@contoso.com")
            .roles
            .contains(&Role::GlobalAdmin.name())
    );
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("Refused (R17)"), "{text}");
}

#[test]
fn accounts_are_read_a_screen_and_a_page_ahead_at_a_time() {
    let app = demo_app();
    let contoso = MpnId::new(demo::CONTOSO).expect("valid MPN ID");
    for i in 0..60 {
        let email = format!("extra{i:02}@contoso.com");
        app.service
            .create_account(NewAccount {
                kind: AccountKind::Member { org: contoso },
                email: &email,
                name: "Extra Person",
                roles: Roles::USER,
                password: demo::ACCOUNT_PASSWORD,
                status: AccountStatus::Active,
            })
            .expect("account created");
    }
    let mut app = app;
    sign_in(&mut app, "ada@contoso.com", demo::ACCOUNT_PASSWORD);
    go_to(&mut app, TabId::Users);
    // 80×24: 15 rows fit the pane (under the domains line, R13a); 30 are
    // read (a screen and a page ahead).
    let loaded = |app: &App| users_of(app).rows().len();
    let first = |app: &App| users_of(app).window.first;
    assert_eq!(loaded(&app), 30);
    for _ in 0..20 {
        act(&mut app, Action::Down);
    }
    // Row 20 selected: rows 6..=20 shown, and a page ahead.
    assert_eq!(loaded(&app), 6 + 30);
    // End reaches the last row at once, reading only the last page.
    act(&mut app, Action::Bottom);
    assert_eq!(users_of(&app).window.selected, 70);
    assert!(loaded(&app) <= 6 + 30 + 15, "{}", loaded(&app));
    assert_eq!(
        users_of(&app).selected_row().map(|r| r.email.as_str()),
        Some("extra59@contoso.com")
    );
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("Accounts of Contoso Ltd (71)"), "{text}");
    assert!(text.contains("extra59@contoso.com"), "{text}");
    // Home goes back to the first row at once; PgUp from the end reads the
    // rows above the window.
    act(&mut app, Action::Top);
    assert_eq!(first(&app), 0);
    assert_eq!(users_of(&app).window.selected, 0);
    act(&mut app, Action::Bottom);
    act(&mut app, Action::PageUp);
    act(&mut app, Action::PageUp);
    let window = &users_of(&app).window;
    assert_eq!(window.selected, 70 - 30);
    assert_eq!(
        window.selected_row().map(|r| r.email.as_str()),
        Some("extra29@contoso.com"),
        "positions agree with the rows read"
    );
}

/// Adds `n` active accounts to Contoso in one bulk load (sandbox only), named
/// "Person 00000".. with emails person00000@contoso.net.., then signs Ada in
/// again on the Users tab.
fn contoso_with(n: usize) -> App {
    let app = demo_app();
    let contoso = MpnId::new(demo::CONTOSO).expect("valid MPN ID");
    let mut bulk = app
        .service
        .bulk(
            super::tests::now(),
            demo::ACCOUNT_PASSWORD,
            demo::ACCOUNT_PASSWORD,
        )
        .expect("a sandbox");
    // A second domain of Contoso's (R13a), given in the same load.
    let domain = "contoso.net".parse().expect("a domain");
    bulk.domain(certlink_domain::DomainOwner::Org(contoso), &domain)
        .expect("domain added");
    for i in 0..n {
        let email: certlink_domain::Email = format!("person{i:05}@contoso.net")
            .parse()
            .expect("an email");
        bulk.account(contoso, &email, &format!("Person {i:05}"), Roles::USER)
            .expect("account added");
    }
    bulk.finish().expect("loaded");
    let mut app = app;
    sign_in(&mut app, "ada@contoso.com", demo::ACCOUNT_PASSWORD);
    go_to(&mut app, TabId::Users);
    app
}

/// Issue 15, principle 6, the seen case: at 20,000 people the title has the
/// total, End (G) reaches the last account at once with a screen's worth
/// read, and `/` narrows the list in the service ("10 of 20,011").
#[test]
fn users_at_20000_count_reach_the_end_at_once_and_filter() {
    let mut app = contoso_with(20_000);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("Accounts of Contoso Ltd (20,011)"), "{text}");
    act(&mut app, Action::Bottom);
    let window = &users_of(&app).window;
    assert_eq!(window.selected, 20_010);
    assert!(
        window.rows.len() <= 45,
        "a window, not the table: {}",
        window.rows.len()
    );
    assert_eq!(
        window.selected_row().map(|r| r.email.as_str()),
        Some("person19999@contoso.net")
    );
    // The filter: `/`, the text, Enter; the title says how many match.
    act(&mut app, Action::StartFilter);
    assert_eq!(app.context(), &users::KEYS_FILTERING);
    type_text(&mut app, "PERSON1999");
    act(&mut app, Action::Activate);
    let window = &users_of(&app).window;
    assert_eq!((window.total, window.selected), (10, 0));
    let text = text_of(&render(&mut app, 100, 30));
    assert!(
        text.contains("(10 of 20,011) · filter \"PERSON1999\" · Esc clears"),
        "{text}"
    );
    assert!(text.contains("person19990@contoso.net"), "{text}");
    assert!(!text.contains("person01999@contoso.net"), "{text}");
    // Esc clears it: every account again.
    act(&mut app, Action::Back);
    assert_eq!(users_of(&app).window.total, 20_011);
}

/// The filter keeps through refreshes (a change from another session, a
/// role granted here), and matches nothing politely.
#[test]
fn the_filter_and_the_selection_survive_a_refresh() {
    let mut app = ada_on_users();
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "contoso.com");
    act(&mut app, Action::Activate);
    select_user(&mut app, "grace@contoso.com");
    let total = users_of(&app).window.total;
    // Another session invites someone: the app refreshes the tab.
    let other = app
        .service
        .sign_in(
            "ada@contoso.com",
            demo::ACCOUNT_PASSWORD,
            &SignInSource::Local,
        )
        .expect("signed in");
    app.service
        .invite(&other, "hedy@contoso.com", "Hedy Lamarr", Roles::USER)
        .expect("invited");
    act(&mut app, Action::Reload);
    let tab = users_of(&app);
    assert_eq!(tab.filter.applied(), "contoso.com");
    assert_eq!(tab.window.total, total + 1);
    assert_eq!(
        tab.selected_row().map(|r| r.email.as_str()),
        Some("grace@contoso.com"),
        "the same account stays selected"
    );
    act(&mut app, Action::StartFilter);
    act(&mut app, Action::Edit(EditOp::Clear));
    type_text(&mut app, "nobody by this name");
    act(&mut app, Action::Activate);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("(0 of 12) · filter"), "{text}");
    assert!(
        text.contains("No account's name or email contains the filter"),
        "{text}"
    );
}

/// Issue 15, principle 3: only what can work on the selected row is a key
/// and a hint. The seen cases: a deleted account offered `d delete`; the
/// last Global Admin offered to revoke herself.
#[test]
fn only_actions_that_can_work_are_offered_on_the_row() {
    let mut app = ada_on_users();
    select_user(&mut app, "ada@contoso.com");
    assert_eq!(app.context(), &users::KEYS_LAST_GLOBAL_ADMIN);
    let text = text_of(&render(&mut app, 100, 30));
    assert!(!text.contains("d delete"), "{text}");
    let help = keys::help_rows(app.context());
    assert!(
        help.iter().all(|(k, _)| *k != "A"),
        "no revoking herself: {help:?}"
    );
    assert!(
        text.contains("the last Global Admin: not deleted, keeps the role (R17)"),
        "{text}"
    );
    // Asked anyway (a script of actions): nothing opens, the reason shows.
    act(&mut app, Action::DeleteUser);
    assert!(app.popups.is_empty());
    let text = text_of(&render(&mut app, 100, 30));
    assert!(text.contains("last active Global Admin"), "{text}");

    select_user(&mut app, "linus@contoso.com");
    assert_eq!(app.context(), &users::KEYS_DEPARTED_LINKED);
    let hints = keys::hints(app.context());
    assert!(!hints.iter().any(|(k, _)| *k == "d"), "{hints:?}");
    assert!(hints.contains(&("u", "remove a departed person from the report")));

    select_user(&mut app, "grace@contoso.com");
    assert_eq!(app.context(), &users::KEYS_ACTIVE);
    select_user(&mut app, "donald@contoso.com");
    assert_eq!(app.context(), &users::KEYS_INVITED);
}

#[test]
fn a_click_selects_an_account() {
    let mut app = ada_on_users();
    let terminal = render(&mut app, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "Grace Hopper").expect("drawn");
    act(&mut app, Action::Click { column: x, row: y });
    assert_eq!(
        users_of(&app).selected_row().map(|r| r.email.as_str()),
        Some("grace@contoso.com")
    );
}

// -------------------------------------------------------------- snapshots

#[test]
fn snapshot_users_tab() {
    // Linus departed and is still linked (R12); Donald waits for his first
    // sign-in (R13).
    let mut app = ada_on_users();
    select_user(&mut app, "linus@contoso.com");
    snapshot("users_tab", &mut app);
}

#[test]
fn snapshot_invite_dialog() {
    let mut app = ada_on_users();
    fill_invitation(&mut app, "hedy@contoso.com", "Hedy Lamarr");
    snapshot("users_invite_dialog", &mut app);
}

#[test]
fn snapshot_password_shown_once() {
    let mut app = ada_on_users();
    fill_invitation(&mut app, "hedy@contoso.com", "Hedy Lamarr");
    act(&mut app, Action::Activate);
    let password = shown_once(&app)
        .expect("the password popup")
        .temporary_password()
        .to_string();
    snapshot_redacted("users_password_shown_once", &mut app, &password);
}

#[test]
fn snapshot_users_filtered() {
    // Issue 15, principle 6: the filter in the title with the counts.
    let mut app = ada_on_users();
    act(&mut app, Action::StartFilter);
    type_text(&mut app, "li");
    snapshot("users_filter_typed", &mut app);
    act(&mut app, Action::Activate);
    snapshot("users_filtered", &mut app);
}

#[test]
fn snapshot_users_last_global_admin() {
    // Issue 15, principle 3: Ada, the last Global Admin, is offered neither
    // her deletion nor the revocation of her role, and the line says why.
    let mut app = ada_on_users();
    select_user(&mut app, "ada@contoso.com");
    snapshot("users_last_global_admin", &mut app);
}
