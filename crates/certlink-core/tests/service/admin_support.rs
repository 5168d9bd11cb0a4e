//! Admins and support through the service (R12–R17): invitations and resends,
//! lookups, tickets, MCID merges, and the permission matrix of every role against
//! every command (the expected table is written here, by hand).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, TimeZone, Utc};

use certlink_core::demo;
use certlink_core::import::{InputFormat, parse};
use certlink_core::outbox::{Config, Outbox, OutboxMailer};
use certlink_core::service::{
    Environment, HistoryTarget, Importer, ManualClock, Service, ServiceError, Session,
    SignInSource, TicketFilter, TicketSeek, UserFilter, UserSeek,
};
use certlink_core::store::DbKind;
use certlink_domain::tickets::TicketCategory;
use certlink_domain::{Roles, Settings};

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// The demo world, built once into a file; each test (and each cell of the
/// permission matrix) works on its own copy in its own directory, on a fixed clock.
pub(super) struct World {
    service: Service,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for World {
    type Target = Service;
    fn deref(&self) -> &Service {
        &self.service
    }
}

pub(super) fn world() -> World {
    static TEMPLATE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, template) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.redb");
        let service = Service::create(
            &path,
            DbKind::Sandbox,
            &Settings::sandbox(),
            Environment::default(),
        )
        .unwrap();
        drop(demo::populate(service, now()).unwrap());
        (dir, path)
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("world.redb");
    std::fs::copy(template, &path).unwrap();
    // Invitations go to the outbox beside the copy, from the default sender.
    let mail = OutboxMailer::new(Outbox::for_database(&path), Config::default().sender());
    let environment = Environment::default()
        .with_clock(Arc::new(ManualClock::new(now())))
        .with_mail(Arc::new(mail));
    let service = Service::open(&path, environment).unwrap();
    World { service, _dir: dir }
}

pub(super) fn sign_in(s: &Service, email: &str) -> Session {
    let pw = if email.contains("support") {
        demo::SUPPORT_PASSWORD
    } else {
        demo::ACCOUNT_PASSWORD
    };
    s.sign_in(email, pw, &SignInSource::Local).unwrap()
}

pub(super) fn code(e: &ServiceError) -> String {
    match e {
        ServiceError::Refused(r) => r.code().into(),
        other => format!("error: {other}"),
    }
}

#[test]
fn r13_invite_first_sign_in_and_resend_with_a_corrected_email() {
    let s = world();
    let ada = sign_in(&s, "ada@contoso.com");
    let inv = s
        .invite(&ada, "hier@contoso.com", "New Hire", Roles::USER)
        .unwrap();
    assert_eq!(inv.temporary_password.len(), 16);
    // The sign-in details wait in the outbox beside the database.
    assert!(
        matches!(inv.delivery, certlink_core::service::Delivery::Queued),
        "{:?}",
        inv.delivery
    );
    let list = s.list_users(&ada, None, 100).unwrap();
    let row = list
        .iter()
        .find(|u| u.email.as_str() == "hier@contoso.com")
        .unwrap();
    assert_eq!(row.status.name(), "invited");
    let waited = now() - row.invited_at.unwrap();
    assert!(waited.num_seconds().abs() < 1, "invited just now");
    // No answer: the admin corrects the email and resends. The old details stop working.
    let again = s
        .resend_invitation(&ada, "hier@contoso.com", Some("hire@contoso.com"))
        .unwrap();
    assert_eq!(again.email.as_str(), "hire@contoso.com");
    let old = s
        .sign_in(
            "hier@contoso.com",
            &inv.temporary_password,
            &SignInSource::Local,
        )
        .unwrap_err();
    assert_eq!(code(&old), "wrong_credentials");
    let old_pw = s
        .sign_in(
            "hire@contoso.com",
            &inv.temporary_password,
            &SignInSource::Local,
        )
        .unwrap_err();
    assert_eq!(code(&old_pw), "wrong_credentials");
    let session = s
        .sign_in(
            "hire@contoso.com",
            &again.temporary_password,
            &SignInSource::Local,
        )
        .unwrap();
    assert!(session.must_change_password);
    assert_eq!(
        code(&s.profile(&session).unwrap_err()),
        "password_change_required"
    );
    let session = s
        .change_password(&session, &again.temporary_password, "my-own-password")
        .unwrap();
    assert_eq!(s.profile(&session).unwrap().status.name(), "active");
    // Now active: resending is refused.
    assert_eq!(
        code(
            &s.resend_invitation(&ada, "hire@contoso.com", None)
                .unwrap_err()
        ),
        "not_invited"
    );
}

/// The last audit record's action and outcome code ("done" for a success).
fn last_audit(s: &Service) -> (String, String) {
    use certlink_core::store::Queries;
    use certlink_core::store::records::Outcome;
    let r = s.store().read().unwrap();
    let last = r.audit_all(None, 1).unwrap().remove(0);
    let outcome = match last.outcome {
        Outcome::Done => "done".to_string(),
        Outcome::Refused { code, rule } => format!("{code} ({rule})"),
    };
    (last.action, outcome)
}

/// R13a, the two cases seen in issue 13: Fabrikam's Global Admin can neither
/// invite an address at Contoso's domain nor re-address an invitation to a
/// departed Contoso person's email; each refusal changes nothing but its audit
/// record, and Contoso can still invite its own person again (R12).
#[test]
fn r13a_invitations_and_resends_stay_in_the_organizations_domains() {
    let s = world();
    let ada = sign_in(&s, "ada@contoso.com");
    let tim = sign_in(&s, "tim@fabrikam.com");
    s.delete_account(&ada, "barbara@contoso.com").unwrap();
    let fabrikam_before = s.list_users(&tim, None, 1000).unwrap().len();

    let refused = s
        .invite(&tim, "evil@contoso.com", "Evil", Roles::GLOBAL_ADMIN)
        .unwrap_err();
    assert_eq!(code(&refused), "outside_domains");
    let ServiceError::Refused(refusal) = &refused else {
        panic!("{refused}")
    };
    let message = refusal.message(&s.date_format().unwrap());
    assert!(
        message.contains("(R13a)") && message.contains("fabrikam.com"),
        "{message}"
    );
    assert!(
        !message.contains("Contoso"),
        "no word of who owns it: {message}"
    );
    assert_eq!(
        last_audit(&s),
        ("user-invite".into(), "outside_domains (R13a)".into())
    );
    assert_eq!(
        s.list_users(&tim, None, 1000).unwrap().len(),
        fabrikam_before
    );

    s.invite(&tim, "new@fabrikam.com", "New", Roles::USER)
        .unwrap();
    let refused = s
        .resend_invitation(&tim, "new@fabrikam.com", Some("barbara@contoso.com"))
        .unwrap_err();
    assert_eq!(code(&refused), "outside_domains");
    assert_eq!(
        last_audit(&s),
        ("user-resend".into(), "outside_domains (R13a)".into())
    );
    let fabrikam = s.list_users(&tim, None, 1000).unwrap();
    assert!(
        fabrikam
            .iter()
            .any(|u| u.email.as_str() == "new@fabrikam.com")
    );
    assert!(fabrikam.iter().all(|u| u.email.domain() == "fabrikam.com"));

    // Contoso invites its departed person again (R12), and a corrected email
    // stays inside its domains.
    s.invite(&ada, "barbara@contoso.com", "Barbara Liskov", Roles::USER)
        .unwrap();
    s.resend_invitation(
        &ada,
        "barbara@contoso.com",
        Some("barbara.liskov@contoso.com"),
    )
    .unwrap();
    let findings = s.check_all().unwrap();
    assert!(findings.violations.is_empty(), "{:?}", findings.violations);
    assert!(findings.warnings.is_empty(), "{:?}", findings.warnings);
}

/// R13a, operator side: a domain has one owner (an organization or support),
/// is removed only when no live account uses it (the refusal counts them),
/// and support engineers and work accounts each stay in their own domains.
#[test]
fn r13a_operator_domains_have_one_owner_and_stay_while_used() {
    use certlink_core::service::DomainListing;
    use certlink_domain::Refusal;
    let s = world();
    let ada = sign_in(&s, "ada@contoso.com");
    for (mpn, domain) in [
        (Some("2345678"), "contoso.com"),
        (Some("2345678"), "support.example.com"),
        (None, "fabrikam.com"),
    ] {
        assert_eq!(
            code(&s.add_domain(mpn, domain).unwrap_err()),
            "domain_taken",
            "{domain}"
        );
    }
    assert!(matches!(
        s.add_domain(Some("1234567"), "not a domain"),
        Err(ServiceError::Invalid(_))
    ));
    assert!(matches!(
        s.add_domain(Some("7777777"), "seven.example"),
        Err(ServiceError::Invalid(_))
    ));
    let live = s
        .list_users(&ada, None, 1000)
        .unwrap()
        .iter()
        .filter(|u| u.status.name() != "deleted")
        .count() as u64;
    match s.remove_domain(Some("1234567"), "contoso.com") {
        Err(ServiceError::Refused(Refusal::DomainInUse { accounts, .. })) => {
            assert_eq!(accounts, live)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        last_audit(&s),
        ("domain-remove".into(), "domain_in_use (R13a)".into())
    );
    // A second domain: listed, used by an invitation, freed when it is deleted.
    s.add_domain(Some("1234567"), "Contoso.CO.UK").unwrap();
    let listed: Vec<String> = s
        .domain_list(DomainListing::Org("1234567"))
        .unwrap()
        .iter()
        .map(|d| d.domain.to_string())
        .collect();
    assert_eq!(listed, ["contoso.co.uk", "contoso.com"]);
    s.invite(&ada, "uk@contoso.co.uk", "UK Hire", Roles::USER)
        .unwrap();
    assert_eq!(
        code(
            &s.remove_domain(Some("1234567"), "contoso.co.uk")
                .unwrap_err()
        ),
        "domain_in_use"
    );
    s.delete_account(&ada, "uk@contoso.co.uk").unwrap();
    s.remove_domain(Some("1234567"), "contoso.co.uk").unwrap();
    assert_eq!(last_audit(&s), ("domain-remove".into(), "done".into()));
    assert_eq!(
        code(
            &s.invite(&ada, "uk2@contoso.co.uk", "UK", Roles::USER)
                .unwrap_err()
        ),
        "outside_domains"
    );
    // Support engineers live in support domains; no work account does.
    assert_eq!(
        code(
            &s.add_support("eve@contoso.com", "Eve", "a-long-password")
                .unwrap_err()
        ),
        "outside_domains"
    );
    let all = s.domain_list(DomainListing::All).unwrap();
    assert!(
        all.iter()
            .any(|d| d.mpn_id.is_none() && d.domain.as_str() == "support.example.com")
    );
    assert!(s.check_invariants().unwrap().is_empty());
}

#[test]
fn r13_bad_input_is_refused_and_changes_nothing() {
    let s = world();
    let ada = sign_in(&s, "ada@contoso.com");
    let before = s.list_users(&ada, None, 1000).unwrap().len();
    assert_eq!(
        code(
            &s.invite(&ada, "alan@contoso.com", "Alan Again", Roles::USER)
                .unwrap_err()
        ),
        "email_in_use"
    );
    assert!(matches!(
        s.invite(&ada, "not an email", "X", Roles::USER),
        Err(ServiceError::Invalid(_))
    ));
    assert!(matches!(
        s.invite(&ada, "x@contoso.com", "  ", Roles::USER),
        Err(ServiceError::Invalid(_))
    ));
    // A deleted account's email may be invited again (R12), but not resent to.
    assert_eq!(
        code(
            &s.resend_invitation(&ada, "linus@contoso.com", None)
                .unwrap_err()
        ),
        "not_invited"
    );
    assert_eq!(s.list_users(&ada, None, 1000).unwrap().len(), before);
    s.invite(&ada, "linus@contoso.com", "Linus Torvalds", Roles::USER)
        .unwrap();
    // Another organization's admin cannot resend to Contoso's invitee.
    let tim = sign_in(&s, "tim@fabrikam.com");
    assert_eq!(
        code(
            &s.resend_invitation(&tim, "linus@contoso.com", None)
                .unwrap_err()
        ),
        "not_found"
    );
    // The last Global Admin cannot be deleted (R17).
    let s2 = world();
    let annie = sign_in(&s2, "annie@northwind.com");
    s2.set_role(
        &sign_in(&s2, "claude@northwind.com"),
        "claude@northwind.com",
        certlink_domain::Role::GlobalAdmin,
        false,
    )
    .unwrap();
    assert_eq!(
        code(
            &s2.delete_account(&annie, "annie@northwind.com")
                .unwrap_err()
        ),
        "last_global_admin"
    );
    assert!(s.check_invariants().unwrap().is_empty());
}

#[test]
fn r15_merge_moves_skills_history_and_keeps_one_link() {
    let s = world();
    let sam = sign_in(&s, "sam@support.example.com");
    // Alan's MCID (linked to Contoso, 3 starts) and Ken's (unlinked, 1 start, skills).
    let before_into = s.merge_preview(&sam, "10000007", "10000001").unwrap();
    assert_eq!(
        before_into.surviving_link.as_ref().map(|(o, _)| o.get()),
        Some(1_234_567)
    );
    assert_eq!(before_into.ending_link, None);
    assert_eq!(before_into.starts_moving, 1);
    // R15: the combined history may hold more starts than N; the next date follows from it.
    assert_eq!(before_into.allowance_after.used, 4);
    assert!(before_into.allowance_after.next_allowed.is_some());
    s.merge_profiles(&sam, "10000007", "10000001").unwrap();
    assert!(s.check_invariants().unwrap().is_empty());
    assert_eq!(
        code(&s.merge_profiles(&sam, "10000007", "10000001").unwrap_err()),
        "already_merged"
    );
    assert_eq!(
        code(&s.merge_profiles(&sam, "10000001", "10000001").unwrap_err()),
        "merge_into_itself"
    );
    assert_eq!(
        code(&s.merge_profiles(&sam, "10000001", "99999999").unwrap_err()),
        "not_found"
    );
    // The duplicate's sign-in email is retired: linking with it reads as wrong credentials.
    let dennis = sign_in(&s, "dennis@fabrikam.com");
    let e = s
        .link(
            &dennis,
            "ken.thompson@learn.example.com",
            demo::PROFILE_PASSWORD,
        )
        .unwrap_err();
    assert_eq!(code(&e), "wrong_credentials");
    // Ken's account now shows the primary MCID and the combined allowance (R9).
    let ken = sign_in(&s, "ken@fabrikam.com");
    let view = s.profile(&ken).unwrap();
    assert_eq!(view.mcid.map(|m| m.get()), Some(10_000_001));
    // Both linked: the primary's link survives, the duplicate's ends (merged).
    let both = s.merge_preview(&sam, "10000008", "10000004").unwrap();
    assert!(both.ending_link.is_some() && both.surviving_link.is_some());
    s.merge_profiles(&sam, "10000008", "10000004").unwrap();
    assert_eq!(
        s.linked_org("10000004").unwrap().map(|o| o.get()),
        Some(1_234_567)
    );
    assert!(s.check_invariants().unwrap().is_empty());
    let history = s
        .history(&sam, &HistoryTarget::Mcid("10000004".parse().unwrap()), 100)
        .unwrap();
    assert!(history.iter().any(|h| h.action == "mcid-merge"));
    assert!(
        history
            .iter()
            .any(|h| h.action == "link" && h.mcid.map(|m| m.get()) == Some(10_000_004))
    );
}

/// R12, R13, R17: each row of the user list offers what its Global Admin can
/// do with the account in its state (`domain::permissions::account_actions`),
/// and each offered action is one the service then does.
#[test]
fn r12_r13_r17_each_account_row_offers_what_its_state_allows() {
    use certlink_domain::Role;
    use certlink_domain::permissions::AccountAction::{
        Delete, RemoveFromReport, ResendDetails, ToggleRole,
    };
    let s = world();
    let ada = sign_in(&s, "ada@contoso.com");
    s.invite(&ada, "hire@contoso.com", "New Hire", Roles::USER)
        .unwrap();
    // Alan's MCID stays linked after his account is deleted (R12);
    // Katherine has PU access only.
    s.delete_account(&ada, "alan@contoso.com").unwrap();
    s.delete_account(&ada, "katherine@contoso.com").unwrap();
    let rows = s.list_users(&ada, None, 1000).unwrap();
    let offers = |email: &str| {
        rows.iter()
            .find(|u| u.email.as_str() == email)
            .unwrap_or_else(|| panic!("{email} listed"))
            .offers
            .clone()
    };
    let roles = |pa: bool, ga: bool| {
        [
            ToggleRole {
                role: Role::PartnerAdmin,
                holds: pa,
            },
            ToggleRole {
                role: Role::GlobalAdmin,
                holds: ga,
            },
        ]
    };
    let [pa, ga] = roles(false, false);
    assert_eq!(offers("hire@contoso.com"), [ResendDetails, Delete, pa, ga]);
    let [pa, ga] = roles(true, false);
    assert_eq!(offers("grace@contoso.com"), [Delete, pa, ga]);
    // R17: Ada is the organization's only active Global Admin: she is
    // offered neither her deletion nor the revocation of her role.
    let [pa, _] = roles(false, true);
    assert_eq!(offers("ada@contoso.com"), [pa]);
    assert_eq!(offers("alan@contoso.com"), [RemoveFromReport]);
    assert_eq!(offers("katherine@contoso.com"), []);
    // The offers are not part of `user list --format json`.
    let json = serde_json::to_value(&rows[0]).unwrap();
    assert!(json.get("offers").is_none(), "{json}");

    // What is offered, the service does.
    s.resend_invitation(&ada, "hire@contoso.com", None).unwrap();
    let alan_mcid = s
        .person(&sign_in(&s, "sam@support.example.com"), "alan@contoso.com")
        .unwrap()
        .mcid
        .unwrap();
    s.remove_from_report(&ada, &alan_mcid.to_string()).unwrap();
    s.set_role(&ada, "grace@contoso.com", Role::PartnerAdmin, false)
        .unwrap();
    s.delete_account(&ada, "grace@contoso.com").unwrap();
    let rows = s.list_users(&ada, None, 1000).unwrap();
    let offered = |email: &str| {
        rows.iter()
            .find(|u| u.email.as_str() == email)
            .unwrap()
            .offers
            .clone()
    };
    assert_eq!(offered("alan@contoso.com"), [], "nothing left to remove");
    assert_eq!(offered("grace@contoso.com"), []);
}

#[test]
fn r14_tickets_are_private_and_support_answers() {
    let s = world();
    let edsger = sign_in(&s, "edsger@contoso.com");
    let sam = sign_in(&s, "sam@support.example.com");
    let t = s
        .open_ticket(&edsger, TicketCategory::Linking, "My link keeps failing")
        .unwrap();
    assert_eq!(
        code(&s.ticket(&sign_in(&s, "ada@contoso.com"), t.id).unwrap_err()),
        "not_found",
        "even the Global Admin"
    );
    assert_eq!(
        code(&s.resolve_ticket(&edsger, t.id).unwrap_err()),
        "not_permitted"
    );
    let t = s
        .reply_ticket(&sam, t.id, "Check the profile password")
        .unwrap();
    assert_eq!(t.status.name(), "waiting on user");
    let t = s.reply_ticket(&edsger, t.id, "It works now").unwrap();
    assert_eq!(t.status.name(), "open");
    let t = s.resolve_ticket(&sam, t.id).unwrap();
    assert_eq!(t.status.name(), "resolved");
    assert_eq!(
        code(&s.resolve_ticket(&sam, t.id).unwrap_err()),
        "already_resolved"
    );
    assert_eq!(s.tickets(&edsger, 10).unwrap().len(), 1);
    assert_eq!(s.tickets(&sam, 10).unwrap().len(), 1);
    assert!(
        s.tickets(&sign_in(&s, "alan@contoso.com"), 10)
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        s.open_ticket(&edsger, TicketCategory::Other, "  "),
        Err(ServiceError::Invalid(_))
    ));
}

#[test]
fn r14_support_lookups_and_person_view() {
    let s = world();
    let sam = sign_in(&s, "sam@support.example.com");
    let by_email = s.lookup(&sam, "alan@").unwrap();
    assert_eq!(
        by_email.len(),
        3,
        "Alan's accounts in three organizations, deleted ones too"
    );
    let by_name = s.lookup(&sam, "margaret h").unwrap();
    assert_eq!(by_name.len(), 2);
    let by_mcid = s.lookup(&sam, "10000001").unwrap();
    assert!(by_mcid.iter().all(|h| h.matched_by == "MCID") && by_mcid.len() == 3);
    let by_org = s.lookup(&sam, "2345678").unwrap();
    assert!(
        by_org
            .iter()
            .all(|h| h.mpn_id.map(|m| m.get()) == Some(2_345_678))
    );
    let p = s.person(&sam, "edsger@contoso.com").unwrap();
    assert_eq!(p.refusals.len(), 1, "the mistyped profile password");
    assert_eq!(p.refusals[0].outcome, "wrong_credentials");
    let alan = s.person(&sam, "alan@contoso.com").unwrap();
    assert_eq!(alan.links.len(), 3);
    assert_eq!(alan.allowance.used, 3);
    assert!(alan.allowance.next_allowed.is_some());
    for who in ["ada@contoso.com", "alan@contoso.com"] {
        assert_eq!(
            code(&s.lookup(&sign_in(&s, who), "alan").unwrap_err()),
            "not_permitted"
        );
    }
}

/// Every role against every command: allowed, or refused. Written by hand from
/// domain.md; a change in any rule shows up here.
#[test]
fn permission_matrix() {
    // Roles: a user, an MPN Partner Admin and a Global Admin of Contoso, a Global
    // Admin of Fabrikam (another organization), and a support engineer.
    const ROLES: [&str; 5] = [
        "alan@contoso.com",
        "grace@contoso.com",
        "ada@contoso.com",
        "tim@fabrikam.com",
        "sam@support.example.com",
    ];
    type Run = fn(&Service, &Session) -> Result<(), ServiceError>;
    // (command, run, allowed for [user, partner admin, global admin, other org GA, support])
    let matrix: Vec<(&str, Run, [bool; 5])> = vec![
        (
            "profile",
            |s, me| s.profile(me).map(|_| ()),
            [true, true, true, true, true],
        ),
        (
            "unlink own link",
            |s, me| s.unlink(me),
            [true, true, true, true, false],
        ),
        (
            "pu grant",
            |s, me| s.grant_pu(me, "guido.r", demo::PU_PASSWORD),
            [true, true, true, true, false],
        ),
        (
            "user list",
            |s, me| s.list_users(me, None, 10).map(|_| ()),
            [false, false, true, true, false],
        ),
        (
            "user invite",
            |s, me| {
                s.invite(me, "fresh@contoso.com", "Fresh", Roles::USER)
                    .map(|_| ())
            },
            [false, false, true, true, false],
        ),
        (
            "user resend",
            |s, me| {
                s.resend_invitation(me, "donald@contoso.com", None)
                    .map(|_| ())
            },
            [false, false, true, false, false],
        ),
        (
            "user delete",
            |s, me| s.delete_account(me, "barbara@contoso.com"),
            [false, false, true, false, false],
        ),
        (
            "role grant",
            |s, me| {
                s.set_role(
                    me,
                    "edsger@contoso.com",
                    certlink_domain::Role::PartnerAdmin,
                    true,
                )
            },
            [false, false, true, false, false],
        ),
        (
            "report remove",
            |s, me| s.remove_from_report(me, "10000003"),
            [false, false, true, false, false],
        ),
        (
            "report skills",
            |s, me| s.skills_report(me).map(|_| ()),
            [false, true, true, true, false],
        ),
        (
            "report users",
            |s, me| s.users_report(me).map(|_| ()),
            [false, true, true, true, false],
        ),
        (
            "competency list",
            |s, me| s.competency_status(me).map(|_| ()),
            [false, true, true, true, false],
        ),
        (
            "report learning",
            |s, me| {
                s.learning_report(me, now().date_naive(), now().date_naive())
                    .map(|_| ())
            },
            [false, true, true, true, false],
        ),
        (
            "history of a Contoso account",
            |s, me| {
                s.history(
                    me,
                    &HistoryTarget::Account("barbara@contoso.com".parse().unwrap()),
                    10,
                )
                .map(|_| ())
            },
            [false, false, true, false, true],
        ),
        (
            "lookup",
            |s, me| s.lookup(me, "alan").map(|_| ()),
            [false, false, false, false, true],
        ),
        (
            "person view",
            |s, me| s.person(me, "alan@contoso.com").map(|_| ()),
            [false, false, false, false, true],
        ),
        (
            "ticket open",
            |s, me| {
                s.open_ticket(me, TicketCategory::Linking, "help")
                    .map(|_| ())
            },
            [true, true, true, true, false],
        ),
        (
            "mcid merge",
            |s, me| s.merge_profiles(me, "10000016", "10000015"),
            [false, false, false, false, true],
        ),
        (
            "import",
            |s, me| {
                let rows = parse(
                    r#"{"mcid": 10000015, "kind": "exam", "skill_id": "AZ-900", "name": "Fundamentals", "date": "2026-01-01", "passed": true}"#.as_bytes(),
                    InputFormat::JsonLines,
                    |_| {},
                )
                .unwrap();
                s.import_records(Importer::Support(me), &rows, &mut |_, _| {})
                    .map(|_| ())
            },
            [false, false, false, false, true],
        ),
    ];
    let mut failures = Vec::new();
    for (name, run, allowed) in &matrix {
        for (i, email) in ROLES.iter().enumerate() {
            let s = world();
            let me = sign_in(&s, email);
            let result = run(&s, &me);
            let ok = match &result {
                Ok(()) => true,
                // A refusal by a rule other than permission still means the role may try.
                Err(ServiceError::Refused(r)) => !matches!(r.code(), "not_permitted" | "not_found"),
                Err(_) => false,
            };
            if ok != allowed[i] {
                failures.push(format!(
                    "{name} as {email}: expected {}, got {result:?}",
                    if allowed[i] { "allowed" } else { "refused" }
                ));
            }
            assert!(
                s.check_invariants().unwrap().is_empty(),
                "{name} as {email}"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "permission matrix:\n{}",
        failures.join("\n")
    );
}

/// Views know they are stale by the change count: it moves with every
/// committed command of any session (a refusal too: its audit record
/// commits), and never with reads.
#[test]
fn change_count_moves_with_commits_only() {
    let s = world();
    let edsger = sign_in(&s, "edsger@contoso.com");
    let sam = sign_in(&s, "sam@support.example.com");
    let before = s.changes();
    s.profile(&edsger).unwrap();
    s.tickets(&sam, 10).unwrap();
    assert_eq!(s.changes(), before, "reads change nothing");
    let t = s
        .open_ticket(&edsger, TicketCategory::Linking, "My link keeps failing")
        .unwrap();
    let opened = s.changes();
    assert!(opened > before, "another session's command is seen");
    s.reply_ticket(&sam, t.id, "Check the profile password")
        .unwrap();
    assert!(s.changes() > opened);
}

/// Issue 15, principle 6: the Users list pages from the store from any
/// point (first, after, before, last), the filter narrows it in the store,
/// and the count says how many there are, with or without the filter.
#[test]
fn users_page_from_any_point_with_a_filter_and_a_count() {
    let s = world();
    let ada = sign_in(&s, "ada@contoso.com");
    for n in 0..30 {
        s.invite(
            &ada,
            &format!("hire{n:02}@contoso.com"),
            &format!("Hire {n:02}"),
            Roles::USER,
        )
        .unwrap();
    }
    let everyone = s.list_users(&ada, None, 10_000).unwrap();
    let all = UserFilter::default();
    assert_eq!(s.count_users(&ada, &all).unwrap(), everyone.len());
    let ids = |rows: &[certlink_core::service::UserListRow]| {
        rows.iter().map(|r| r.id).collect::<Vec<_>>()
    };
    let every_id = ids(&everyone);
    // The last page at once, in list order.
    let last = s.users_page(&ada, &all, UserSeek::Last, 5).unwrap();
    assert_eq!(ids(&last), every_id[every_id.len() - 5..]);
    // Before the last page: the five above it; after the first row: the next.
    let above = s
        .users_page(&ada, &all, UserSeek::Before(last[0].id), 5)
        .unwrap();
    assert_eq!(
        ids(&above),
        every_id[every_id.len() - 10..every_id.len() - 5]
    );
    let first = s.users_page(&ada, &all, UserSeek::First, 3).unwrap();
    assert_eq!(ids(&first), every_id[..3]);
    let next = s
        .users_page(&ada, &all, UserSeek::After(first[2].id), 3)
        .unwrap();
    assert_eq!(ids(&next), every_id[3..6]);

    // The filter matches names and emails, in any case, in the store.
    let hires = UserFilter::new("  HIRE 1").unwrap();
    assert_eq!(s.count_users(&ada, &hires).unwrap(), 10, "Hire 10..19");
    let page = s.users_page(&ada, &hires, UserSeek::Last, 4).unwrap();
    let names: Vec<&str> = page.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Hire 16", "Hire 17", "Hire 18", "Hire 19"]);
    let by_email = UserFilter::new("grace@").unwrap();
    let grace = s.users_page(&ada, &by_email, UserSeek::First, 10).unwrap();
    assert_eq!(grace.len(), 1);
    assert_eq!(s.count_users(&ada, &by_email).unwrap(), 1);
    let nobody = UserFilter::new("no such person").unwrap();
    assert_eq!(s.count_users(&ada, &nobody).unwrap(), 0);
    assert!(
        s.users_page(&ada, &nobody, UserSeek::Last, 10)
            .unwrap()
            .is_empty()
    );

    // A filter longer than any email is refused before anything is read.
    let long = "x".repeat(certlink_domain::limits::LIST_FILTER + 1);
    let refused = UserFilter::new(&long).unwrap_err();
    assert!(refused.to_string().contains("the filter"), "{refused}");
    // Only the organization's Global Admins may read it (R12, R13, R17).
    let grace = sign_in(&s, "grace@contoso.com");
    assert_eq!(
        code(&s.count_users(&grace, &all).unwrap_err()),
        "not_permitted"
    );
}

/// Issue 15, principle 6: the ticket queue and a person's own tickets page
/// from the store from any point, narrowed by a filter, with a count; the
/// queue lists open, then waiting, then resolved tickets.
#[test]
fn tickets_page_from_any_point_with_a_filter_and_a_count() {
    use certlink_domain::tickets::TicketStatus;
    let s = world();
    let edsger = sign_in(&s, "edsger@contoso.com");
    let alan = sign_in(&s, "alan@contoso.com");
    let sam = sign_in(&s, "sam@support.example.com");
    let mut ids = Vec::new();
    for n in 0..6 {
        let who = if n % 2 == 0 { &edsger } else { &alan };
        let t = s
            .open_ticket(who, TicketCategory::Linking, &format!("problem number {n}"))
            .unwrap();
        ids.push(t.id);
    }
    // Sam answers the second (waiting on the user) and resolves the first.
    s.reply_ticket(&sam, ids[1], "try again").unwrap();
    s.resolve_ticket(&sam, ids[0]).unwrap();
    let all = TicketFilter::default();
    let queue = s.tickets_page(&sam, &all, TicketSeek::First, 100).unwrap();
    let before_mine = queue.len();
    assert_eq!(s.count_tickets(&sam, &all).unwrap(), before_mine);
    let statuses: Vec<TicketStatus> = queue.iter().map(|t| t.status).collect();
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(statuses, sorted, "open, then waiting, then resolved");
    // The last page at once; before and after a row, across the statuses.
    let last = s.tickets_page(&sam, &all, TicketSeek::Last, 2).unwrap();
    let id_list =
        |v: &[certlink_core::service::TicketView]| v.iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(id_list(&last), id_list(&queue[queue.len() - 2..]));
    let above = s
        .tickets_page(
            &sam,
            &all,
            TicketSeek::Before(last[0].status, last[0].id),
            3,
        )
        .unwrap();
    assert_eq!(
        id_list(&above),
        id_list(&queue[queue.len() - 5..queue.len() - 2])
    );
    let next = s
        .tickets_page(
            &sam,
            &all,
            TicketSeek::After(queue[0].status, queue[0].id),
            4,
        )
        .unwrap();
    assert_eq!(id_list(&next), id_list(&queue[1..5]));
    assert_eq!(s.count_queue(&sam, TicketStatus::WaitingOnUser).unwrap(), 1);
    // The filter: a message's words, the opener's email, the number.
    let number_3 = TicketFilter::new("Problem Number 3").unwrap();
    let found = s
        .tickets_page(&sam, &number_3, TicketSeek::First, 10)
        .unwrap();
    assert_eq!(id_list(&found), [ids[3]]);
    assert_eq!(s.count_tickets(&sam, &number_3).unwrap(), 1);
    let alans = TicketFilter::new("alan@").unwrap();
    assert_eq!(s.count_tickets(&sam, &alans).unwrap(), 3);
    // A person's own tickets: newest first, theirs only.
    let mine = s
        .tickets_page(&edsger, &all, TicketSeek::First, 10)
        .unwrap();
    assert_eq!(id_list(&mine), [ids[4], ids[2], ids[0]]);
    assert_eq!(s.count_tickets(&edsger, &all).unwrap(), 3);
    let oldest = s.tickets_page(&edsger, &all, TicketSeek::Last, 1).unwrap();
    assert_eq!(id_list(&oldest), [ids[0]]);
    let long = "x".repeat(certlink_domain::limits::LIST_FILTER + 1);
    assert!(TicketFilter::new(&long).is_err());
}

/// `n` people of Contoso (at contoso.net), each linking a profile of their
/// own, through the bulk generator's domain decisions (R4–R9), a day apart.
fn contoso_links(s: &Service, n: u64) {
    use certlink_domain::{Mcid, MpnId};
    let contoso = MpnId::new(demo::CONTOSO).unwrap();
    let mut bulk = s
        .bulk(now(), demo::ACCOUNT_PASSWORD, demo::PROFILE_PASSWORD)
        .unwrap();
    bulk.domain(
        certlink_domain::DomainOwner::Org(contoso),
        &"contoso.net".parse().unwrap(),
    )
    .unwrap();
    for i in 0..n {
        let email: certlink_domain::Email = format!("holder{i:04}@contoso.net").parse().unwrap();
        let account = bulk
            .account(contoso, &email, &format!("Holder {i:04}"), Roles::USER)
            .unwrap();
        let mcid = Mcid::new(20_000_000 + i).unwrap();
        bulk.profile(mcid, &email, &format!("Holder {i:04}"))
            .unwrap();
        assert!(bulk.link(account, mcid).unwrap(), "holder {i} linked");
    }
    bulk.finish().unwrap();
}

/// Issue 15, principle 6 (R10, R12): the organization's current links page
/// from the store from any point (first, after, before, the last at once),
/// the filter (holder's name, email or MCID) narrows them in the store, and
/// the count says how many there are, with or without the filter.
#[test]
fn org_links_page_from_any_point_with_a_filter_and_a_count() {
    use certlink_core::service::{OrgLinkFilter, OrgLinkRow, OrgLinkSeek};
    let s = world();
    contoso_links(&s, 300);
    let ada = sign_in(&s, "ada@contoso.com");
    let everyone = s.org_links(&ada, None, 10_000).unwrap();
    let all = OrgLinkFilter::default();
    assert_eq!(s.count_org_links(&ada, &all).unwrap(), everyone.len());
    assert!(everyone.len() >= 300, "{}", everyone.len());
    let ids = |rows: &[OrgLinkRow]| rows.iter().map(|r| r.link).collect::<Vec<_>>();
    let every_id = ids(&everyone);
    let n = every_id.len();
    // The last page at once, oldest first within it.
    let last = s.org_links_page(&ada, &all, OrgLinkSeek::Last, 5).unwrap();
    assert_eq!(ids(&last), every_id[n - 5..]);
    assert_eq!(last[4].holder_email, "holder0299@contoso.net");
    let above = s
        .org_links_page(&ada, &all, OrgLinkSeek::Before(last[0].link), 5)
        .unwrap();
    assert_eq!(ids(&above), every_id[n - 10..n - 5]);
    let first = s.org_links_page(&ada, &all, OrgLinkSeek::First, 3).unwrap();
    assert_eq!(ids(&first), every_id[..3]);
    let next = s
        .org_links_page(&ada, &all, OrgLinkSeek::After(first[2].link), 3)
        .unwrap();
    assert_eq!(ids(&next), every_id[3..6]);

    // The filter: the holder's name in any case, from any point.
    let holders = OrgLinkFilter::new("  HOLDER 01").unwrap();
    assert_eq!(
        s.count_org_links(&ada, &holders).unwrap(),
        100,
        "0100..0199"
    );
    let page = s
        .org_links_page(&ada, &holders, OrgLinkSeek::Last, 4)
        .unwrap();
    let names: Vec<&str> = page.iter().map(|r| r.holder_name.as_str()).collect();
    assert_eq!(
        names,
        ["Holder 0196", "Holder 0197", "Holder 0198", "Holder 0199"]
    );
    let before = s
        .org_links_page(&ada, &holders, OrgLinkSeek::Before(page[0].link), 2)
        .unwrap();
    let names: Vec<&str> = before.iter().map(|r| r.holder_name.as_str()).collect();
    assert_eq!(names, ["Holder 0194", "Holder 0195"]);
    let after = s
        .org_links_page(&ada, &holders, OrgLinkSeek::After(page[1].link), 10)
        .unwrap();
    assert_eq!(after.len(), 2, "0198, 0199: the end of the filtered list");
    // The email, and the MCID.
    let by_email = OrgLinkFilter::new("holder0042@").unwrap();
    assert_eq!(s.count_org_links(&ada, &by_email).unwrap(), 1);
    let by_mcid = OrgLinkFilter::new("20000042").unwrap();
    let found = s
        .org_links_page(&ada, &by_mcid, OrgLinkSeek::First, 10)
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].holder_email, "holder0042@contoso.net");
    let nobody = OrgLinkFilter::new("no such holder").unwrap();
    assert_eq!(s.count_org_links(&ada, &nobody).unwrap(), 0);
    assert!(
        s.org_links_page(&ada, &nobody, OrgLinkSeek::Last, 10)
            .unwrap()
            .is_empty()
    );

    // A filter past the bound is refused before anything is read.
    let long = "x".repeat(certlink_domain::limits::LIST_FILTER + 1);
    let refused = OrgLinkFilter::new(&long).unwrap_err();
    assert!(refused.to_string().contains("the filter"), "{refused}");
    // Only the organization's Global Admins read its links (R10, R12).
    let grace = sign_in(&s, "grace@contoso.com");
    assert_eq!(
        code(&s.count_org_links(&grace, &all).unwrap_err()),
        "not_permitted"
    );
    assert_eq!(
        code(
            &s.org_links_page(&grace, &all, OrgLinkSeek::First, 5)
                .unwrap_err()
        ),
        "not_permitted"
    );
}
