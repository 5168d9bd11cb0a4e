//! Solutions Partner designations through the service: the score from the
//! links (R5: only where linked), R3 reflection and expiry, moves (R6), the
//! size class, imported metrics, who may see it, the what-ifs of a departure,
//! a removal (R12) and a merge (R15), and refused files that change nothing.
//! On the reports tests' world and hand-set clock.

use chrono::{DateTime, TimeDelta, Utc};

use super::reports::{PROFILE_PW, World, t0};
use certlink_core::service::{
    DesignationReport, HistoryTarget, InvalidInput, LinkOutcome, LinkStep, ServiceError,
};
use certlink_domain::Refusal;
use certlink_domain::designations::{Points, Standing, words};
use certlink_i18n::Lang;

const A: &str = "1111111";
const B: &str = "2222222";

/// One area: Enterprise needs 2 Azure Administrator Associates (no points),
/// then 4 points per Azure Solutions Architect Expert up to 20; SMB needs 1
/// (4 points).
const DEFS: &str = r#"
version = "test 1"

[certification_names]
azure-administrator-associate = "Azure Administrator Associate"
azure-solutions-architect-expert = "Azure Solutions Architect Expert"

[[area]]
id = "infra"
name = "Infra"

[[area.skilling]]
size = "enterprise"
level = "intermediate"
cap = 20
[[area.skilling.step]]
certifications = ["azure-administrator-associate"]
min_people = 2
[[area.skilling.step]]
certifications = ["azure-solutions-architect-expert"]
points_each = 4

[[area.skilling]]
size = "smb"
level = "intermediate"
cap = 20
[[area.skilling.step]]
certifications = ["azure-administrator-associate"]
min_people = 1
points = 4
[[area.skilling.step]]
certifications = ["azure-solutions-architect-expert"]
points_each = 4
"#;

const ADMIN: &str = "azure-administrator-associate";
const ARCHITECT: &str = "azure-solutions-architect-expert";

fn cert(mcid: u32, id: &str, earned: DateTime<Utc>, expires: DateTime<Utc>) -> String {
    format!(
        r#"{{"mcid": {mcid}, "kind": "certification", "skill_id": "{id}", "name": "{id}", "date": "{}", "expires": "{}"}}"#,
        earned.to_rfc3339(),
        expires.to_rfc3339()
    )
}

fn day(n: i64) -> DateTime<Utc> {
    t0() + TimeDelta::days(n)
}

fn p(text: &str) -> Points {
    Points::parse(text).unwrap()
}

fn scores(w: &World, who: &str) -> DesignationReport {
    w.service.designations(&w.session(who)).unwrap()
}

/// The world of the what-ifs: ann (p1) and bob (p2) of A hold an Azure
/// Administrator Associate each, bob an Architect too; A's other metrics are
/// 40 + 28: 72 points, qualified.
fn qualified_world() -> World {
    let w = World::new();
    w.service.define_designations(DEFS).unwrap();
    w.at(day(0)).link("ann", 1);
    w.link("bob", 2);
    let far = day(400);
    w.at(day(1))
        .import(
            &[
                cert(1, ADMIN, day(-30), far),
                cert(2, ADMIN, day(-30), far),
                cert(2, ARCHITECT, day(-20), far),
            ]
            .join("\n"),
        )
        .unwrap();
    w.service
        .import_designation_metrics(&format!(
            r#"{{"mpn_id": "{A}", "area": "infra", "performance": 40, "customer_success": 28, "as_of": "2026-01-05"}}"#
        ))
        .unwrap();
    w.at(day(10));
    w
}

#[test]
fn the_score_counts_linked_reflected_active_certifications_and_follows_moves() {
    let w = World::new();
    w.service.define_designations(DEFS).unwrap();
    w.at(day(0)).link("ann", 1);
    w.link("bob", 2);
    // Ann earns hers after the link (R3: counts 10 days on); Bob's were
    // earned before it (72 hours after the link); Bob's Architect expires on day 20.
    w.at(day(1))
        .import(
            &[
                cert(1, ADMIN, day(1) - TimeDelta::hours(1), day(400)),
                cert(2, ADMIN, day(-100), day(400)),
                cert(2, ARCHITECT, day(-50), day(20)),
            ]
            .join("\n"),
        )
        .unwrap();

    w.at(day(5));
    let infra = &scores(&w, "admin-a").areas[0];
    let m = &infra.metrics[0];
    assert_eq!(
        (infra.skilling, m.steps[0].people, m.steps[0].met),
        (Points::ZERO, 1, false)
    );
    let standing = |m: &certlink_domain::designations::MetricScore, i: usize| m.people[i].standing;
    // Ann (account 3) pending, Bob (account 4) counts for step 1.
    assert_eq!(
        standing(m, 0),
        Standing::Pending {
            from: day(1) - TimeDelta::hours(1) + TimeDelta::days(10)
        }
    );
    assert_eq!(standing(m, 1), Standing::Counts);
    assert_eq!(
        words::next_points(infra, &m.next, Lang::En),
        "1 more person with Azure Administrator Associate meet step 1; then each Azure \
         Solutions Architect Expert adds 4 points, up to 20 (5 more to reach it)"
    );

    // Ann's reflects: the gate is met and Bob's Architect earns 4.
    w.at(day(11));
    let infra = &scores(&w, "admin-a").areas[0];
    assert_eq!(infra.skilling, p("4"));
    assert_eq!(infra.counted_people(), 2);
    assert!(!infra.qualified, "nothing imported for the other metrics");

    // Expired on day 20: no more points, and shown as expired.
    w.at(day(21));
    let infra = &scores(&w, "admin-a").areas[0];
    assert_eq!(infra.skilling, Points::ZERO);
    assert!(
        infra.metrics[0]
            .people
            .iter()
            .any(|x| x.standing == Standing::Expired { on: day(20) })
    );

    // R6: Bob's MCID moves to B (ann-b). A loses its second Administrator at
    // once; B counts it 72 hours after its link (R3), as SMB with 4 points.
    // (Day 32: after the 30 days' cool-off of Bob's link, R9.)
    w.at(day(32)).link("ann-b", 2);
    w.service.set_org_size(B, "smb").unwrap();
    assert!(!scores(&w, "admin-a").areas[0].metrics[0].steps[0].met);
    let b = scores(&w, "admin-b");
    assert_eq!(b.areas[0].skilling, Points::ZERO, "pending at B");
    w.at(day(35) + TimeDelta::minutes(1));
    let b = scores(&w, "admin-b");
    assert_eq!((b.size.name(), b.areas[0].skilling), ("smb", p("4")));
    assert_eq!(scores(&w, "admin-a").areas[0].skilling, Points::ZERO);
}

#[test]
fn only_the_organizations_admins_see_its_scores() {
    let w = qualified_world();
    assert!(w.service.designations(&w.session("pa-a")).is_ok());
    for who in ["ann", "sam@support.example.com"] {
        match w.service.designations(&w.session(who)) {
            Err(ServiceError::Refused(r)) => assert_eq!(r.rule(), "R11"),
            other => panic!("{who} must be refused, got {other:?}"),
        }
    }
    // Each organization sees its own: B has no one certified.
    let b = scores(&w, "admin-b");
    assert_eq!(b.areas[0].counted_people(), 0);
    let people = w
        .service
        .designation_people(&w.session("admin-b"), &scores(&w, "admin-a"), 0, 0, 0, 10)
        .unwrap();
    assert!(
        people.is_empty(),
        "another organization's report names no one"
    );
}

#[test]
fn r12_deletion_and_removal_previews_say_what_the_departure_costs() {
    let w = qualified_world();
    let infra = &scores(&w, "admin-a").areas[0];
    assert_eq!((infra.total, infra.qualified), (p("72"), true));
    let admin = w.session("admin-a");

    let preview = w
        .service
        .delete_account_preview(&admin, "bob@example.com")
        .unwrap();
    assert_eq!(preview.designations.len(), 1);
    let change = &preview.designations[0];
    assert_eq!((change.before, change.after), (p("72"), p("68")));
    assert_eq!(
        words::change(change, Lang::En),
        "Infra: 72 → 68, no longer qualified"
    );
    assert!(words::change(change, Lang::ZhCn).contains("不再符合"));

    // R12: the deleted account's MCID stays linked and counts until removed.
    w.service.delete_account(&admin, "bob@example.com").unwrap();
    assert_eq!(scores(&w, "admin-a").areas[0].total, p("72"));
    let removal = w.service.remove_from_report_preview(&admin, "2").unwrap();
    assert_eq!(removal.designations, preview.designations);
    w.service.remove_from_report(&admin, "2").unwrap();
    let infra = &scores(&w, "admin-a").areas[0];
    assert_eq!((infra.total, infra.qualified), (p("68"), false));

    // A person whose leaving changes nothing has no lines.
    let quiet = w
        .service
        .delete_account_preview(&admin, "pa-a@example.com")
        .unwrap();
    assert!(quiet.designations.is_empty());
}

#[test]
fn r15_the_merge_preview_shows_the_scores_it_changes() {
    let w = qualified_world();
    // Profile 3 (unlinked) holds an Architect: merged into Ann's linked p1, A gains 4.
    w.import(&cert(3, ARCHITECT, day(-5), day(400))).unwrap();
    let sam = w.session("sam@support.example.com");
    let preview = w.service.merge_preview(&sam, "3", "1").unwrap();
    assert_eq!(preview.designations.len(), 1, "{:?}", preview.designations);
    let change = &preview.designations[0];
    assert_eq!((change.before, change.after), (p("72"), p("76")));
    w.service.merge_profiles(&sam, "3", "1").unwrap();
    assert_eq!(scores(&w, "admin-a").areas[0].total, p("76"));
    // The other way round: Bob's linked p2 merged into unlinked p4 — Bob's
    // link survives on p4, holding both profiles' certifications.
    let preview = w.service.merge_preview(&sam, "2", "4").unwrap();
    assert!(
        preview.designations.is_empty(),
        "{:?}",
        preview.designations
    );
}

#[test]
fn r6_a_move_is_asked_first_with_what_it_does_to_the_scores() {
    let w = qualified_world();
    w.service.set_org_size(B, "smb").unwrap();
    // Day 40: past the 30 days' cool-off of Bob's link on day 0 (R9).
    let now = day(40);
    w.at(now);
    let admin_b = w.session("admin-b");
    let p2 = "p2@learn.example.com";

    // A wrong password shows nothing of the profile and is the link's refusal (R1, R8).
    let wrong = w
        .service
        .link_asking_before_move(&admin_b, p2, "not-the-password")
        .unwrap_err();
    assert!(
        matches!(
            wrong,
            ServiceError::Refused(Refusal::WrongCredentials { .. })
        ),
        "{wrong:?}"
    );

    let LinkStep::ConfirmMove(preview) = w
        .service
        .link_asking_before_move(&admin_b, p2, PROFILE_PW)
        .unwrap()
    else {
        panic!("a move is asked first");
    };
    assert_eq!(preview.mcid.get(), 2);
    // R3: earned before the move, they count 72 hours after it (the
    // command's instant: just after the last recorded event).
    let moved_at = preview.counts_from - TimeDelta::hours(72);
    assert!(moved_at >= now && moved_at - now < TimeDelta::milliseconds(1));
    // R9: the move is a second association in the window; the cool-off follows it.
    assert_eq!(preview.allowance_after.used, 2);
    assert_eq!(
        preview.allowance_after.next_allowed,
        Some(moved_at + TimeDelta::days(30))
    );
    // B (SMB) gains the gate's 4 and the Architect's 4 once they count.
    assert_eq!(preview.designations.len(), 1, "{:?}", preview.designations);
    let change = &preview.designations[0];
    assert_eq!((change.before, change.after), (Points::ZERO, p("8")));
    assert_eq!(
        words::change(change, Lang::En),
        "Infra: 0 → 8, not qualified"
    );

    // Asking changed nothing: the MCID is still A's, A's score unchanged;
    // the check is on the record.
    assert_eq!(
        w.service.linked_org("2").unwrap().map(|o| o.to_string()),
        Some(A.to_string())
    );
    assert_eq!(scores(&w, "admin-a").areas[0].total, p("72"));
    let asked = w
        .service
        .history(
            &w.session("sam@support.example.com"),
            &HistoryTarget::Mcid("2".parse().unwrap()),
            100,
        )
        .unwrap();
    assert!(
        asked.iter().any(|e| e.action == "link-move-asked"),
        "{asked:?}"
    );

    // A person who may not see B's scores is asked the same, without them.
    let LinkStep::ConfirmMove(plain) = w
        .service
        .link_asking_before_move(&w.session("ann-b"), p2, PROFILE_PW)
        .unwrap()
    else {
        panic!("a move is asked first");
    };
    assert!(plain.designations.is_empty());
    assert!(plain.counts_from >= preview.counts_from);

    // Confirmed: the move is made; A loses Bob at once, B counts him on the
    // day said (72 hours after the move, made a moment after the preview).
    assert_eq!(
        w.service.link(&admin_b, p2, PROFILE_PW).unwrap(),
        LinkOutcome::Moved
    );
    assert_eq!(scores(&w, "admin-a").areas[0].total, p("68"));
    w.at(preview.counts_from + TimeDelta::minutes(1));
    assert_eq!(scores(&w, "admin-b").areas[0].total, change.after);

    // A new link (not a move) is made at once.
    assert_eq!(
        w.service
            .link_asking_before_move(&w.session("ann-b"), "p3@learn.example.com", PROFILE_PW)
            .unwrap(),
        LinkStep::Done(LinkOutcome::Linked)
    );
}

#[test]
fn refused_files_change_nothing_and_say_why() {
    let w = qualified_world();
    let before = scores(&w, "admin-a");
    let bad_toml = w.service.define_designations("version = ");
    assert!(matches!(
        bad_toml,
        Err(ServiceError::Invalid(InvalidInput::DesignationFile(_)))
    ));
    let twice = format!("{DEFS}\n{}", &DEFS[DEFS.find("[[area]]").unwrap()..]);
    match w.service.define_designations(&twice) {
        Err(ServiceError::Invalid(e)) => {
            assert_eq!(e.to_string(), "solution area infra is defined twice");
            assert_eq!(e.message(Lang::ZhCn), "解决方案领域 infra 定义了两次");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let lines = [
        format!(
            r#"{{"mpn_id": "{A}", "area": "infra", "performance": 1, "customer_success": 1, "as_of": "2026-01-05"}}"#
        ),
        format!(
            r#"{{"mpn_id": "{A}", "area": "nowhere", "performance": 1, "customer_success": 1, "as_of": "2026-01-05"}}"#
        ),
        r#"{"mpn_id": "9999999", "area": "infra", "performance": 1, "customer_success": 1, "as_of": "2026-01-05"}"#.to_string(),
        format!(
            r#"{{"mpn_id": "{A}", "area": "infra", "performance": 60, "customer_success": 50, "as_of": "2026-01-05"}}"#
        ),
        "not json".to_string(),
    ];
    match w.service.import_designation_metrics(&lines.join("\n")) {
        Err(ServiceError::Invalid(e)) => {
            let text = e.to_string();
            for expected in [
                "line 2: no solution area nowhere",
                "line 3: no organization with MPN ID 9999999",
                "line 4: performance and customer success together exceed 100 points",
                "line 5: not a metrics line",
            ] {
                assert!(text.contains(expected), "{expected} in {text}");
            }
            assert!(!text.contains("line 1:"), "{text}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // A file past the bound is refused before a line is read.
    let huge = "\n".repeat(certlink_core::service::METRICS_FILE_BYTES + 1);
    assert!(matches!(
        w.service.import_designation_metrics(&huge),
        Err(ServiceError::Invalid(InvalidInput::OutOfLimits(_)))
    ));
    assert!(w.service.set_org_size(A, "huge").is_err());
    assert!(w.service.set_org_size("9999999", "smb").is_err());
    let after = scores(&w, "admin-a");
    assert_eq!(after.areas, before.areas, "nothing changed");
}

#[test]
fn the_checker_finds_scoring_data_of_no_organization_or_area() {
    let w = qualified_world();
    assert_eq!(w.service.check_invariants().unwrap(), Vec::<String>::new());
    let store = w.service.store();
    let writer = store.write(day(10)).unwrap();
    let mut record = certlink_core::store::records::ScoringRecord::default();
    record.other.insert(
        "nowhere".into(),
        certlink_domain::designations::OtherMetrics {
            performance: p("1"),
            customer_success: p("1"),
            as_of: day(10).date_naive(),
        },
    );
    writer
        .put_org_scoring(certlink_domain::MpnId::new(9_999_999).unwrap(), &record)
        .unwrap();
    writer.commit().unwrap();
    let problems = w.service.check_invariants().unwrap();
    assert_eq!(
        problems,
        [
            "org_scoring: organization 9999999, which does not exist, has scoring data",
            "org_scoring: organization 9999999 has metrics for area nowhere, which is not defined",
        ]
    );
}
