//! The Support tab (R14–R16): a support engineer's search and person view
//! (Edsger's refused attempt), the ticket round trip between a person and the
//! queue (two apps on one service, as two terminals on one database), and the
//! MCID merge with its preview (R15); `TestBackend` snapshots at 80×24 and
//! 60×16 with the fixed clock of `tests.rs`.

use std::sync::Arc;

use super::action::Action;
use super::app::App;
use super::jobs::Job;
use super::keys::{self, Context};
use super::popups::{Popup, compose};
use super::tabs::TabId;
use super::tabs::support::{SupportTab, SupportView, key_maps};
use super::tests::{act, demo_app, find, render, sign_in, signed_in, snapshot, text_of, type_text};
use super::theme::Theme;
use super::users_tests::go_to;
use certlink_core::demo;
use certlink_domain::tickets::TicketStatus;

fn sam() -> App {
    let mut app = demo_app();
    sign_in(&mut app, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    assert!(app.main().is_some(), "sam signed in");
    app
}

/// A second terminal on the same database: `email` signs in there.
fn beside(app: &App, email: &str, password: &str) -> App {
    let mut other = App::new(Arc::clone(&app.service), None, Theme::colored());
    act(
        &mut other,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    sign_in(&mut other, email, password);
    assert!(other.main().is_some(), "{email} signed in");
    other
}

fn search(app: &mut App, query: &str) {
    act(app, Action::StartFilter);
    assert_eq!(app.context(), &key_maps::SEARCH);
    type_text(app, query);
    act(app, Action::Activate);
}

fn support(app: &App) -> &SupportTab {
    app.main()
        .and_then(|m| m.tab::<SupportTab>())
        .expect("signed in, with Support")
}

fn flash(app: &App) -> String {
    app.flash.clone().unwrap_or_default()
}

// ---------------------------------------------------------- people desk

#[test]
fn search_then_person_view_answers_why_edsger_cannot_link() {
    let mut app = sam();
    search(&mut app, "edsger");
    assert_eq!(app.context(), &key_maps::PEOPLE, "the box is left");
    let hits = &support(&app).people.hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].email.as_str(), "edsger@contoso.com");

    act(&mut app, Action::Activate);
    assert_eq!(app.context(), &key_maps::PERSON);
    let person = support(&app).people.person.as_ref().expect("opened");
    assert_eq!(person.refusals.len(), 1, "his mistyped profile password");
    assert_eq!(person.refusals[0].rule.as_deref(), Some("R4"));
    let text = text_of(&render(&mut app, 80, 24));
    for needle in [
        "Association window (R9)",
        "0 of 3 in 365 days",
        "allowed now",
        "Refused attempts: 1",
        "2026-11-21 12:00 link: wrong credentials (R4)",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    // Esc goes back to the people found.
    act(&mut app, Action::Back);
    assert_eq!(app.context(), &key_maps::PEOPLE);
}

#[test]
fn clicks_select_people_and_tickets() {
    let mut app = sam();
    search(&mut app, "alan");
    let terminal = render(&mut app, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "alan@northwind.com").expect("drawn");
    act(&mut app, Action::Click { column: x, row: y });
    assert_eq!(support(&app).people.selected, 2);
    act(&mut app, Action::Activate);
    let person = support(&app).people.person.as_ref().expect("opened");
    assert_eq!(person.email.as_str(), "alan@northwind.com");
}

#[test]
fn an_empty_search_is_answered_in_the_list() {
    let mut app = sam();
    search(&mut app, "   ");
    let people = &support(&app).people;
    assert!(people.note.is_some(), "the service's words, not a crash");
    assert!(app.popups.is_empty());
}

#[test]
fn the_person_view_of_a_limited_profile_says_when_it_may_link_again() {
    // Alan's MCID used its 3 associations (R9): the date and the reason show.
    let mut app = sam();
    search(&mut app, "10000001");
    let hits = &support(&app).people.hits;
    assert!(hits.iter().any(|h| h.email.as_str() == "alan@contoso.com"));
    act(&mut app, Action::Activate);
    let text = text_of(&render(&mut app, 80, 24));
    assert!(text.contains("3 of 3 in 365 days"), "{text}");
    assert!(
        text.contains("2027-01-27 12:00 UTC (in 65 days) · limit reached"),
        "{text}"
    );
    assert!(
        text.contains("moved"),
        "the history has its reasons: {text}"
    );
}

// ---------------------------------------------------------------- tickets

#[test]
fn a_ticket_goes_from_edsger_to_the_queue_and_back() {
    let mut edsger = signed_in("edsger@contoso.com");
    go_to(&mut edsger, TabId::Support);
    act(&mut edsger, Action::NewTicket);
    assert_eq!(
        app_context(&edsger),
        &compose::CATEGORY_KEYS,
        "category first"
    );
    act(&mut edsger, Action::NextField);
    type_text(&mut edsger, "Linking my profile says wrong password.");
    act(&mut edsger, Action::Activate);
    assert!(edsger.popups.is_empty(), "the dialog closes");
    assert!(flash(&edsger).contains("opened"), "{}", flash(&edsger));
    let mine = &support(&edsger).tickets.rows();
    assert_eq!(mine.len(), 1);
    let id = mine[0].id;
    assert_eq!(mine[0].status, TicketStatus::Open);

    // Sam sees it in the queue, open.
    let mut sam = beside(&edsger, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    act(&mut sam, Action::ShowSupport(SupportView::Tickets));
    assert_eq!(sam.context(), &key_maps::QUEUE);
    let queue = &support(&sam).tickets.rows();
    assert!(
        queue
            .iter()
            .any(|t| t.id == id && t.status == TicketStatus::Open)
    );
    let text = text_of(&render(&mut sam, 80, 24));
    assert!(text.contains("1 open"), "{text}");

    // Sam reads it and replies: it now waits on Edsger.
    act(&mut sam, Action::Activate);
    assert_eq!(sam.context(), &key_maps::QUEUE_TICKET);
    act(&mut sam, Action::ReplyTicket);
    assert!(matches!(
        sam.popups.last(),
        Some(Popup::Compose(d)) if d.title == format!("Reply to ticket #{id} (R14)")
    ));
    type_text(
        &mut sam,
        "Your profile's password was refused on 2026-11-21; reset it at Microsoft Learning and link again.",
    );
    act(&mut sam, Action::Activate);
    let open = support(&sam).tickets.open.as_ref().expect("still reading");
    assert_eq!(open.status, TicketStatus::WaitingOnUser);
    assert_eq!(open.messages.len(), 2);

    // Edsger sees the reply after a refresh (F5), reads it and answers.
    act(&mut edsger, Action::Reload);
    let text = text_of(&render(&mut edsger, 80, 24));
    assert!(text.contains("waiting on user"), "{text}");
    assert!(text.contains("1 reply"), "{text}");
    act(&mut edsger, Action::Activate);
    assert_eq!(edsger.context(), &key_maps::MY_TICKET);
    let text = text_of(&render(&mut edsger, 80, 24));
    assert!(text.contains("reset it at Microsoft"), "{text}");
    act(&mut edsger, Action::ReplyTicket);
    type_text(&mut edsger, "Done, it works now. Thanks!");
    act(&mut edsger, Action::Activate);
    let open = support(&edsger).tickets.open.as_ref().expect("reading");
    assert_eq!(open.status, TicketStatus::Open, "his reply reopens it");
    // People cannot resolve: the key is not theirs.
    assert!(
        !keys::help_rows(&key_maps::MY_TICKET)
            .iter()
            .any(|(k, _)| *k == "c")
    );
    act(&mut edsger, Action::ResolveTicket);
    assert_eq!(
        support(&edsger).tickets.open.as_ref().map(|t| t.status),
        Some(TicketStatus::Open)
    );

    // Sam resolves it.
    act(&mut sam, Action::Reload);
    act(&mut sam, Action::ResolveTicket);
    assert!(flash(&sam).contains("resolved"), "{}", flash(&sam));
    act(&mut edsger, Action::Reload);
    assert_eq!(
        support(&edsger).tickets.open.as_ref().map(|t| t.status),
        Some(TicketStatus::Resolved)
    );
}

fn app_context(app: &App) -> Context {
    app.context()
}

// ------------------------------------------------------------------ merge

/// Sam fills the merge dialog with Barbara's MCID into 王小明's.
fn merge_dialog(app: &mut App, from: &str, into: &str) {
    act(app, Action::MergeProfiles);
    assert!(matches!(
        app.popups.last(),
        Some(Popup::Dialog(d)) if d.title == "Merge two certification profiles (R15)"
    ));
    type_text(app, from);
    act(app, Action::NextField);
    type_text(app, into);
    act(app, Action::Activate);
}

#[test]
fn merge_shows_the_preview_then_merges() {
    let mut app = sam();
    merge_dialog(&mut app, "10000004", "10000005");
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("the preview, as a confirmation");
    };
    assert_eq!(confirm.job().map(Job::name), Some("Merge"));
    assert_eq!(confirm.title, "Merge MCID 10000004 into 10000005? (R15)");
    for needle in [
        "Survives: the link to 1234567 held by wang@contoso.com",
        "Ends: the link to 1234567 held by barbara@contoso.com (reason: merged)",
        "After (R9):",
    ] {
        assert!(confirm.text.contains(needle), "{needle}: {}", confirm.text);
    }
    // Barbara and 王小明 are two people (issue 15, principle 8): neither `y` nor
    // Enter says yes until the word is typed.
    let guard = confirm.guard.as_ref().expect("a different-people warning");
    assert!(guard.warning.starts_with(
        "These may be two different people: the names differ (Barbara Liskov / 王小明)"
    ));
    act(&mut app, Action::Confirm);
    act(&mut app, Action::NextField);
    act(&mut app, Action::Activate);
    assert!(
        matches!(app.popups.last(), Some(Popup::Confirm(_))),
        "y, then Enter on Yes, without the word: still asking"
    );
    type_text(&mut app, "merge");
    act(&mut app, Action::Activate);
    assert!(app.popups.is_empty());
    assert!(flash(&app).contains("merged into MCID 10000005"));

    // Merged: a second merge of the same profile is refused in the dialog.
    merge_dialog(&mut app, "10000004", "10000005");
    let Some(Popup::Dialog(dialog)) = app.popups.last() else {
        panic!("the dialog stays open on a refusal");
    };
    assert!(dialog.error.is_some());
}

/// Issue 15, principle 8: a typed wrong word or Backspace keeps "Yes" shut; Esc
/// changes nothing.
#[test]
fn a_different_people_merge_runs_only_on_the_typed_word() {
    let mut app = sam();
    merge_dialog(&mut app, "10000012", "10000014");
    type_text(&mut app, "mergy");
    act(&mut app, Action::Confirm);
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("a wrong word keeps asking");
    };
    assert!(!confirm.yes_focused, "a wrong word leaves the focus on No");
    act(&mut app, Action::Edit(crate::action::EditOp::Backspace));
    type_text(&mut app, "e");
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("still asking");
    };
    assert!(confirm.yes_focused, "the word typed: Yes has the focus");
    act(&mut app, Action::Cancel);
    assert!(app.popups.is_empty());
    // Nothing merged: the same preview is offered again.
    merge_dialog(&mut app, "10000012", "10000014");
    assert!(matches!(app.popups.last(), Some(Popup::Confirm(_))));
    snapshot("support_merge_different_people", &mut app);
}

/// One person's second profile (the same name and mailbox) asks once, as before.
#[test]
fn a_merge_of_one_persons_profiles_asks_once() {
    let mut app = sam();
    app.service
        .add_profile(
            "10000099",
            "barbara.liskov@mail.example.org",
            "Barbara Liskov",
            "another-profile-pass",
        )
        .expect("a new profile");
    merge_dialog(&mut app, "10000099", "10000004");
    let Some(Popup::Confirm(confirm)) = app.popups.last() else {
        panic!("the preview, as a confirmation");
    };
    assert!(confirm.guard.is_none(), "{:?}", confirm.guard);
    act(&mut app, Action::Confirm);
    assert!(app.popups.is_empty());
    assert!(flash(&app).contains("merged into MCID 10000004"));
}

#[test]
fn merging_a_profile_into_itself_is_refused_in_the_dialog() {
    let mut app = sam();
    merge_dialog(&mut app, "10000004", "10000004");
    let Some(Popup::Dialog(dialog)) = app.popups.last() else {
        panic!("the dialog stays open on a refusal");
    };
    assert!(dialog.error.is_some());
    assert_eq!(dialog.form.text(0), "10000004", "kept for fixing");
}

// -------------------------------------------------------------- snapshots

#[test]
fn snapshot_support_search_results() {
    let mut app = sam();
    search(&mut app, "alan");
    snapshot("support_search_results", &mut app);
}

#[test]
fn snapshot_support_person_view() {
    let mut app = sam();
    search(&mut app, "edsger");
    act(&mut app, Action::Activate);
    snapshot("support_person_view", &mut app);
}

/// Edsger's ticket with one reply from support.
fn ticket_with_a_reply() -> (App, App) {
    let mut edsger = signed_in("edsger@contoso.com");
    go_to(&mut edsger, TabId::Support);
    act(&mut edsger, Action::NewTicket);
    act(&mut edsger, Action::NextField);
    type_text(&mut edsger, "Linking my profile says wrong password.");
    act(&mut edsger, Action::Activate);
    let mut sam = beside(&edsger, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    act(&mut sam, Action::ShowSupport(SupportView::Tickets));
    act(&mut sam, Action::Activate);
    act(&mut sam, Action::ReplyTicket);
    type_text(
        &mut sam,
        "Reset the profile's password at Microsoft Learning.",
    );
    act(&mut sam, Action::Activate);
    act(&mut sam, Action::Back);
    act(&mut edsger, Action::Reload);
    (edsger, sam)
}

#[test]
fn snapshot_support_queue() {
    let (_, mut sam) = ticket_with_a_reply();
    snapshot("support_queue", &mut sam);
}

#[test]
fn snapshot_support_user_tickets() {
    let (mut edsger, _) = ticket_with_a_reply();
    snapshot("support_user_tickets", &mut edsger);
    act(&mut edsger, Action::Activate);
    snapshot("support_user_ticket_conversation", &mut edsger);
}

#[test]
fn snapshot_open_ticket_dialog() {
    let mut edsger = signed_in("edsger@contoso.com");
    go_to(&mut edsger, TabId::Support);
    act(&mut edsger, Action::NewTicket);
    act(&mut edsger, Action::ChoiceNext);
    snapshot("support_open_ticket_dialog", &mut edsger);
}

#[test]
fn snapshot_merge_preview() {
    let mut app = sam();
    merge_dialog(&mut app, "10000004", "10000005");
    snapshot("support_merge_preview", &mut app);
}

// ------------------------------------------------------- the text editor

/// Edsger on Support with one ticket open, reading it.
fn edsger_reading_his_ticket() -> (App, u64) {
    let mut edsger = signed_in("edsger@contoso.com");
    go_to(&mut edsger, TabId::Support);
    act(&mut edsger, Action::NewTicket);
    act(&mut edsger, Action::NextField);
    type_text(&mut edsger, "Linking my profile says wrong password.");
    act(&mut edsger, Action::Activate);
    let id = support(&edsger).tickets.rows()[0].id;
    act(&mut edsger, Action::Activate);
    assert_eq!(edsger.context(), &key_maps::MY_TICKET);
    (edsger, id)
}

fn key(
    code: ratatui::crossterm::event::KeyCode,
    ctrl: bool,
) -> ratatui::crossterm::event::KeyEvent {
    let mods = if ctrl {
        ratatui::crossterm::event::KeyModifiers::CONTROL
    } else {
        ratatui::crossterm::event::KeyModifiers::NONE
    };
    ratatui::crossterm::event::KeyEvent::new(code, mods)
}

/// Issue 15, principle 5: Enter breaks the line in a reply and Ctrl-S
/// sends it; a two-line reply arrives as two lines in the ticket.
#[test]
fn a_two_line_reply_arrives_as_two_lines() {
    use ratatui::crossterm::event::KeyCode;
    let (mut edsger, id) = edsger_reading_his_ticket();
    act(&mut edsger, Action::ReplyTicket);
    assert_eq!(edsger.context(), &compose::KEYS);
    let enter = keys::action_for(edsger.context(), &key(KeyCode::Enter, false));
    assert_eq!(enter, Some(Action::Edit(super::action::EditOp::Newline)));
    let send = keys::action_for(edsger.context(), &key(KeyCode::Char('s'), true));
    assert_eq!(send, Some(Action::Activate));
    let hints = keys::hints(edsger.context());
    assert!(hints.contains(&("Ctrl-S", "send")), "{hints:?}");
    assert!(hints.contains(&("Enter", "new line")), "{hints:?}");

    type_text(&mut edsger, "It works now.");
    act(&mut edsger, enter.clone().expect("Enter is bound"));
    type_text(&mut edsger, "Thanks for the help!");
    // The arrows move across the lines: up, to the end, one more word.
    act(&mut edsger, Action::Up);
    act(&mut edsger, Action::Edit(super::action::EditOp::End));
    type_text(&mut edsger, " Really.");
    act(&mut edsger, send.expect("Ctrl-S is bound"));
    assert!(edsger.popups.is_empty(), "sent");
    let session = edsger.main().expect("signed in").session.clone();
    let ticket = edsger.service.ticket(&session, id).expect("readable");
    let last = ticket.messages.last().expect("the reply");
    assert_eq!(last.text, "It works now. Really.\nThanks for the help!");
    // The conversation shows them as two lines.
    let text = text_of(&render(&mut edsger, 80, 24));
    let lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("It works now. Really."))
        .expect("first line drawn");
    assert!(lines[first + 1].contains("Thanks for the help!"), "{text}");
}

/// A new ticket's description is multi-line too, and a refused send keeps
/// the text and says why: here the account was deleted meanwhile (R12).
#[test]
fn a_refused_send_keeps_the_text() {
    let (mut edsger, _) = edsger_reading_his_ticket();
    act(&mut edsger, Action::Back);
    act(&mut edsger, Action::NewTicket);
    assert_eq!(edsger.context(), &compose::CATEGORY_KEYS);
    act(&mut edsger, Action::NextField);
    assert_eq!(edsger.context(), &compose::KEYS_WITH_CATEGORY);
    type_text(&mut edsger, "First line");
    act(&mut edsger, Action::Edit(super::action::EditOp::Newline));
    type_text(&mut edsger, "second line");
    let ada = edsger
        .service
        .sign_in(
            "ada@contoso.com",
            demo::ACCOUNT_PASSWORD,
            &certlink_core::service::SignInSource::Local,
        )
        .expect("signed in");
    edsger
        .service
        .delete_account(&ada, "edsger@contoso.com")
        .expect("deleted");
    act(&mut edsger, Action::Activate);
    let Some(Popup::Compose(dialog)) = edsger.popups.last() else {
        panic!("the dialog stays");
    };
    assert_eq!(dialog.editor.value(), "First line\nsecond line");
    assert!(dialog.error.is_some(), "says why");
}

#[test]
fn snapshot_reply_editor() {
    let (mut edsger, _) = edsger_reading_his_ticket();
    act(&mut edsger, Action::ReplyTicket);
    type_text(
        &mut edsger,
        "Done: I reset the profile's password and linked again, and it worked at once.",
    );
    act(&mut edsger, Action::Edit(super::action::EditOp::Newline));
    type_text(&mut edsger, "Thanks!");
    snapshot("support_reply_editor", &mut edsger);
}

// ------------------------------------------------------- lists at scale

/// Issue 15, principle 6: the queue at 600 tickets (the CLI's old 500
/// limit and the tab's 200 were silent): its count in the title, End at the
/// last ticket at once, `/` narrowing it in the service, Esc clearing it.
#[test]
fn the_ticket_queue_pages_counts_and_filters_at_600() {
    let app = demo_app();
    let edsger = app
        .service
        .sign_in(
            "edsger@contoso.com",
            demo::ACCOUNT_PASSWORD,
            &certlink_core::service::SignInSource::Local,
        )
        .expect("signed in");
    let mut bulk = app
        .service
        .bulk(
            super::tests::now(),
            demo::ACCOUNT_PASSWORD,
            demo::ACCOUNT_PASSWORD,
        )
        .expect("a sandbox");
    for n in 0..600 {
        bulk.ticket(
            edsger.account,
            certlink_domain::tickets::TicketCategory::Linking,
            &format!("question {n:03}"),
        )
        .expect("opened");
    }
    bulk.finish().expect("loaded");
    let mut sam = app;
    sign_in(&mut sam, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    act(&mut sam, Action::ShowSupport(SupportView::Tickets));
    let total = support(&sam).tickets.window.total;
    assert!(total >= 600, "{total}");
    let text = text_of(&render(&mut sam, 80, 24));
    assert!(
        text.contains(&format!(
            "Ticket queue ({})",
            super::components::list_filter::grouped(total)
        )),
        "{text}"
    );
    act(&mut sam, Action::Bottom);
    let window = &support(&sam).tickets.window;
    assert_eq!(window.selected, total - 1);
    assert!(window.rows.len() <= 60, "a window: {}", window.rows.len());
    act(&mut sam, Action::StartFilter);
    assert_eq!(sam.context(), &key_maps::TICKET_FILTER);
    type_text(&mut sam, "question 59");
    act(&mut sam, Action::Activate);
    assert_eq!(support(&sam).tickets.window.total, 10, "question 590..599");
    let text = text_of(&render(&mut sam, 80, 24));
    assert!(text.contains("(10 of "), "{text}");
    assert!(
        text.contains("filter \"question 59\" · Esc clears"),
        "{text}"
    );
    act(&mut sam, Action::Back);
    assert_eq!(support(&sam).tickets.window.total, total);
}

/// A person's own tickets are filtered too, and the filter stays through a
/// refresh (another session's reply).
#[test]
fn a_persons_tickets_keep_their_filter_through_a_refresh() {
    let (mut edsger, mut sam) = ticket_with_a_reply();
    act(&mut edsger, Action::NewTicket);
    act(&mut edsger, Action::NextField);
    type_text(&mut edsger, "Another thing entirely.");
    act(&mut edsger, Action::Activate);
    assert_eq!(support(&edsger).tickets.window.total, 2);
    act(&mut edsger, Action::StartFilter);
    type_text(&mut edsger, "wrong password");
    act(&mut edsger, Action::Activate);
    assert_eq!(support(&edsger).tickets.window.total, 1);
    act(&mut sam, Action::Activate);
    act(&mut sam, Action::ReplyTicket);
    type_text(&mut sam, "One more thing.");
    act(&mut sam, Action::Activate);
    act(&mut edsger, Action::Reload);
    let tickets = &support(&edsger).tickets;
    assert_eq!(tickets.filter.applied(), "wrong password");
    assert_eq!(tickets.window.total, 1);
    assert_eq!(tickets.window.all, 2);
}

/// The people found are at most the lookup's limit: a full answer says more
/// may match instead of stopping silently (issue 15, principle 6).
#[test]
fn a_full_lookup_says_more_may_match() {
    let app = demo_app();
    let contoso = certlink_domain::MpnId::new(demo::CONTOSO).expect("an MPN ID");
    let mut bulk = app
        .service
        .bulk(
            super::tests::now(),
            demo::ACCOUNT_PASSWORD,
            demo::ACCOUNT_PASSWORD,
        )
        .expect("a sandbox");
    let domain = "contoso.net".parse().expect("a domain");
    bulk.domain(certlink_domain::DomainOwner::Org(contoso), &domain)
        .expect("domain added");
    for i in 0..60 {
        let email = format!("person{i:02}@contoso.net")
            .parse()
            .expect("an email");
        bulk.account(
            contoso,
            &email,
            &format!("Person {i:02}"),
            certlink_domain::Roles::USER,
        )
        .expect("added");
    }
    bulk.finish().expect("loaded");
    let mut sam = app;
    sign_in(&mut sam, "sam@support.example.com", demo::SUPPORT_PASSWORD);
    search(&mut sam, "person");
    assert_eq!(
        support(&sam).people.hits.len(),
        certlink_core::service::LOOKUP_LIMIT
    );
    let text = text_of(&render(&mut sam, 100, 30));
    assert!(
        text.contains("(the first 50; more may match: / to narrow)"),
        "{text}"
    );
    // End reaches the last one found at once.
    act(&mut sam, Action::Bottom);
    assert_eq!(support(&sam).people.selected, 49);
}

/// Issue 15, principle 4: every view of the support desk says in the status
/// bar how to switch panes, and the view bar marks the one in front.
#[test]
fn every_desk_view_hints_the_pane_switch() {
    for context in [
        &key_maps::PEOPLE,
        &key_maps::PERSON,
        &key_maps::QUEUE,
        &key_maps::QUEUE_TICKET,
    ] {
        let hints = keys::hints(context);
        assert_eq!(
            hints.first(),
            Some(&("p/t", "people / ticket queue")),
            "{context:?}"
        );
    }
    let (_, mut sam) = ticket_with_a_reply();
    let text = text_of(&render(&mut sam, 80, 24));
    let last = text.lines().last().unwrap_or("");
    assert!(last.contains("p/t people / ticket queue"), "{text}");
}

/// Issue 15, principle 3: a resolved ticket offers no `c resolve`; asked
/// anyway, the reason shows before anything runs (R14).
#[test]
fn a_resolved_ticket_offers_no_resolve() {
    let (_, mut sam) = ticket_with_a_reply();
    assert_eq!(sam.context(), &key_maps::QUEUE);
    act(&mut sam, Action::Activate);
    assert_eq!(sam.context(), &key_maps::QUEUE_TICKET);
    act(&mut sam, Action::ResolveTicket);
    assert!(flash(&sam).contains("resolved"), "{}", flash(&sam));
    assert_eq!(sam.context(), &key_maps::QUEUE_TICKET_RESOLVED);
    let hints = keys::hints(sam.context());
    assert!(!hints.iter().any(|(k, _)| *k == "c"), "{hints:?}");
    act(&mut sam, Action::ResolveTicket);
    assert!(
        flash(&sam).contains("(R14)"),
        "the reason, with its rule: {}",
        flash(&sam)
    );
    act(&mut sam, Action::Back);
    assert_eq!(sam.context(), &key_maps::QUEUE_RESOLVED);
    let text = text_of(&render(&mut sam, 80, 24));
    assert!(!text.contains("c resolve"), "{text}");
}
