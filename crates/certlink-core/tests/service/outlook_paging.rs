//! Issue 15 reads in the service: what an association would cost before the
//! act (principle 1), a sandbox clock ahead of the machine (principle 7), and
//! pages that say where the next starts (principle 6). On a fixed clock.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use certlink_core::demo;
use certlink_core::service::{
    Environment, HistoryTarget, ManualClock, Service, ServiceError, Session, SignInSource,
    TicketCursor,
};
use certlink_core::store::DbKind;
use certlink_domain::association_limit::Block;
use certlink_domain::tickets::TicketCategory;
use certlink_domain::{Refusal, Settings};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// The demo world on a hand-set clock (its own directory).
fn world() -> (Service, ManualClock, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("world.redb");
    let service = Service::create(
        &path,
        DbKind::Sandbox,
        &Settings::sandbox(),
        Environment::default(),
    )
    .unwrap();
    let (service, _) = demo::populate(service, now()).unwrap();
    let clock = ManualClock::new(now());
    (service.with_clock(Arc::new(clock.clone())), clock, dir)
}

fn sign_in(s: &Service, email: &str) -> Session {
    let pw = if email.contains("support") {
        demo::SUPPORT_PASSWORD
    } else {
        demo::ACCOUNT_PASSWORD
    };
    s.sign_in(email, pw, &SignInSource::Local).unwrap()
}

#[test]
fn p1_association_outlook_names_the_r9_refusal_and_its_date_before_the_act() {
    let (s, clock, _dir) = world();
    let alan = sign_in(&s, "alan@contoso.com");
    let email = "alan.turing@learn.example.com".parse().unwrap();
    let linked = s.association_outlook(&alan).unwrap();
    let profile = s.profile(&alan).unwrap();
    assert!(linked.linked_now);
    assert_eq!(
        linked.allowance, profile.allowance,
        "the profile's own R9 numbers"
    );
    assert_eq!(linked.allowance.blocked_by, Some(Block::Limit));
    // Linked now: R4 speaks first (in the domain), not the outlook.
    assert_eq!(linked.refuses(&email), None);
    s.unlink(&alan).unwrap();
    let after = s.association_outlook(&alan).unwrap();
    assert!(!after.linked_now);
    assert_eq!(after.mcid, linked.mcid, "kept after the unlink (R9)");
    let next = after.next_allowed().unwrap();
    match after.refuses(&email) {
        Some(Refusal::LimitReached {
            next_allowed,
            used,
            limit,
            ..
        }) => {
            assert_eq!(next_allowed, next);
            assert_eq!((used, limit), (3, 3));
        }
        other => panic!("expected the yearly limit, got {other:?}"),
    }
    // The domain refuses the act itself with the same date.
    match s.link(
        &alan,
        "alan.turing@learn.example.com",
        demo::PROFILE_PASSWORD,
    ) {
        Err(ServiceError::Refused(r)) => assert_eq!(r.next_allowed(), Some(next)),
        other => panic!("{other:?}"),
    }
    // Another profile's history is never told without its password (R8).
    assert_eq!(
        after.refuses(&"ken.thompson@learn.example.com".parse().unwrap()),
        None
    );
    // From that instant on, nothing holds the MCID back.
    clock.set(next);
    let then = s.association_outlook(&alan).unwrap();
    assert_eq!(then.refusal(), None);
    assert_eq!(then.next_allowed(), None);
}

#[test]
fn p1_cool_off_and_never_associated_outlooks() {
    let (s, _clock, _dir) = world();
    let margaret = sign_in(&s, "margaret@contoso.com");
    s.unlink(&margaret).unwrap();
    let outlook = s.association_outlook(&margaret).unwrap();
    let email = outlook.profile_email.clone().unwrap();
    assert!(matches!(
        outlook.refuses(&email),
        Some(Refusal::CoolOff {
            cool_off_days: 30,
            ..
        })
    ));
    let edsger = sign_in(&s, "edsger@contoso.com");
    let never = s.association_outlook(&edsger).unwrap();
    assert_eq!(never.mcid, None);
    assert_eq!(never.refusal(), None);
}

#[test]
fn p7_a_sandbox_clock_ahead_of_the_machine_is_named_and_a_real_one_never() {
    let (s, _clock, dir) = world();
    // The service's clock is at now(); a machine a day behind sees it ahead.
    let machine = now() - TimeDelta::days(1);
    let ahead = s.sandbox_clock_ahead_of(machine).unwrap();
    assert!(ahead.is_some_and(|at| at >= now()), "{ahead:?}");
    // A machine in step (a minute apart) or ahead: nothing to say.
    assert_eq!(
        s.sandbox_clock_ahead_of(now() - TimeDelta::minutes(1))
            .unwrap(),
        None
    );
    assert_eq!(
        s.sandbox_clock_ahead_of(now() + TimeDelta::days(1))
            .unwrap(),
        None
    );
    // A real database never runs on a moved clock.
    let real = Service::init(
        &dir.path().join("real.redb"),
        "Contoso Ltd",
        "1234567",
        "admin@contoso.com",
        "a-strong-password",
        &[],
    )
    .unwrap();
    assert_eq!(real.sandbox_clock_ahead_of(machine).unwrap(), None);
}

#[test]
fn p6_ticket_pages_reach_every_ticket_once_and_say_when_more_remain() {
    let (s, clock, _dir) = world();
    let edsger = sign_in(&s, "edsger@contoso.com");
    let sam = sign_in(&s, "sam@support.example.com");
    for i in 0..5 {
        clock.advance(TimeDelta::minutes(1));
        s.open_ticket(&edsger, TicketCategory::Linking, &format!("t{i}"))
            .unwrap();
    }
    for (who, expected) in [(&edsger, 5), (&sam, s.tickets(&sam, 1000).unwrap().len())] {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = s.ticket_list_page(who, after, 2).unwrap();
            assert!(page.tickets.len() <= 2);
            seen.extend(page.tickets.iter().map(|t| t.id));
            // The cursor goes out as text and comes back parsed.
            after = match page.next_after {
                Some(c) => Some(c.to_string().parse::<TicketCursor>().unwrap()),
                None => break,
            };
        }
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(seen.len(), expected, "{seen:?}");
        assert_eq!(unique.len(), expected, "no ticket twice: {seen:?}");
    }
    // A page that holds all has no next.
    assert!(
        s.ticket_list_page(&edsger, None, 5)
            .unwrap()
            .next_after
            .is_none()
    );
    assert!(
        s.ticket_list_page(&edsger, None, 4)
            .unwrap()
            .next_after
            .is_some()
    );
    assert!("x-1".parse::<TicketCursor>().is_err());
    assert!("9-1".parse::<TicketCursor>().is_err());
}

#[test]
fn p6_p9_history_pages_and_an_unknown_mcid_is_not_found() {
    let (s, _clock, _dir) = world();
    let sam = sign_in(&s, "sam@support.example.com");
    let target = HistoryTarget::Mcid("10000001".parse().unwrap());
    let all = s.history_page(&sam, &target, None, 1000).unwrap();
    assert!(all.next_after.is_none());
    let first = s.history_page(&sam, &target, None, 2).unwrap();
    let next = first.next_after.unwrap();
    assert_eq!(next, first.entries[1].seq);
    let second = s.history_page(&sam, &target, Some(next), 1000).unwrap();
    let joined: Vec<u64> = first
        .entries
        .iter()
        .chain(&second.entries)
        .map(|e| e.seq)
        .collect();
    let every: Vec<u64> = all.entries.iter().map(|e| e.seq).collect();
    assert_eq!(joined, every);
    // Bounded before any work.
    assert!(matches!(
        s.history_page(&sam, &target, None, 0),
        Err(ServiceError::Invalid(_))
    ));
    assert!(matches!(
        s.history_page(&sam, &target, None, 1001),
        Err(ServiceError::Invalid(_))
    ));
    // An MCID certlink never knew: not found, not an empty page.
    let unknown = HistoryTarget::Mcid("99999999".parse().unwrap());
    match s.history_page(&sam, &unknown, None, 10) {
        Err(ServiceError::Refused(r)) => assert_eq!(r.code(), "not_found"),
        other => panic!("{other:?}"),
    }
    assert!(s.operator_history_page(&unknown, None, 10).is_err());
}

#[test]
fn p12_check_and_backup_report_their_stages_to_the_progress_sink() {
    use certlink_core::progress::StageLog;
    let (s, _clock, dir) = world();
    let mut log = StageLog::default();
    let findings = s.check_all_with(&mut log).unwrap();
    assert!(findings.violations.is_empty());
    assert_eq!(
        log.names(),
        [
            "links (R5, invariant 1)",
            "audit trail (invariants 2, 3)",
            "SSH keys",
            "saved preferences",
            "email domains (R13a)",
            "skills report",
        ]
    );
    let mut log = StageLog::default();
    let summary = s
        .backup_with(&dir.path().join("copy.redb"), &mut log)
        .unwrap();
    let names = log.names();
    assert_eq!(names[0], "copying tables");
    assert_eq!(names[1], "verifying: redb integrity");
    assert!(names.contains(&"skills report"), "{names:?}");
    // The copy stage counted every row it copied.
    assert_eq!(log.stages[0].total, Some(summary.total_rows()));
    assert_eq!(log.stages[0].done, summary.total_rows());
}

#[test]
fn p9_previews_of_deletion_and_removal_meet_the_acts_refusals_and_write_nothing() {
    let (s, _clock, _dir) = world();
    let ada = sign_in(&s, "ada@contoso.com");
    let alan_session = sign_in(&s, "alan@contoso.com");
    // Sign-ins are audited; from here only the refused act below writes.
    let changes = s.changes();
    let alan = s.delete_account_preview(&ada, "alan@contoso.com").unwrap();
    assert_eq!(alan.name, "Alan Turing");
    assert_eq!(alan.linked_mcid, Some("10000001".parse().unwrap()));
    let code = |e: ServiceError| match e {
        ServiceError::Refused(r) => r.code().to_string(),
        other => format!("{other}"),
    };
    assert_eq!(
        code(
            s.delete_account_preview(&ada, "nobody@contoso.com")
                .unwrap_err()
        ),
        "not_found"
    );
    // Another organization's person is not found either (invariant 4).
    assert_eq!(
        code(
            s.delete_account_preview(&ada, "tim@fabrikam.com")
                .unwrap_err()
        ),
        "not_found"
    );
    // The one the act refuses, the preview refuses: a user may not delete.
    let refused = code(
        s.delete_account_preview(&alan_session, "katherine@contoso.com")
            .unwrap_err(),
    );
    let act = code(
        s.delete_account(&alan_session, "katherine@contoso.com")
            .unwrap_err(),
    );
    assert_eq!(refused, act);
    // Linus's departed account still holds 10000003 (R12).
    let linus = s.remove_from_report_preview(&ada, "10000003").unwrap();
    assert_eq!(linus.holder_name.as_deref(), Some("Linus Torvalds"));
    assert_eq!(
        code(s.remove_from_report_preview(&ada, "99999999").unwrap_err()),
        "not_found"
    );
    // Previews write nothing (the refused act above wrote its audit record).
    assert_eq!(s.changes(), changes + 1);
}

#[test]
fn p12_generating_a_sandbox_reports_its_people_then_the_compaction() {
    use certlink_core::progress::StageLog;
    let dir = tempfile::tempdir().unwrap();
    let mut log = StageLog::default();
    let (_, _, summary) =
        demo::build_population_with(&dir.path().join("many.redb"), now(), 200, 1, &mut log)
            .unwrap();
    assert_eq!(summary.people, 200);
    assert_eq!(log.names(), ["generating people", "compacting the file"]);
    let generating = &log.stages[0];
    assert_eq!(generating.total, Some(400));
    assert_eq!(generating.done, 400, "the count reaches its total");
}
