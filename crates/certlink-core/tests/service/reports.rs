//! Skills report (R10, R3, R12), competencies (R11), Learn analytics (R18) and
//! imports, on crafted data through the service: an in-memory sandbox, a hand-set
//! clock, and learning records imported the way the CLI does.

use chrono::{DateTime, Months, NaiveDate, TimeDelta, TimeZone, Utc};

use certlink_core::import::{InputFormat, parse};
use certlink_core::service::{
    Importer, ManualClock, NewAccount, Service, ServiceError, Session, SignInSource,
};
use certlink_core::store::records::AccountKind;
use certlink_domain::{AccountStatus, MpnId, Roles};

const A: u64 = 1_111_111;
const B: u64 = 2_222_222;

/// The email domain each organization owns (R13a).
fn domain_of(org: u64) -> &'static str {
    if org == B {
        "b.example.com"
    } else {
        "example.com"
    }
}
const PW: &str = "work-account-pass";
pub(crate) const PROFILE_PW: &str = "profile-pass-1";

pub(crate) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
}

pub(crate) struct World {
    pub(crate) service: Service,
    pub(crate) clock: ManualClock,
}

impl World {
    /// Org A: admin-a (GA), pa-a (Partner Admin), ann, bob. Org B: admin-b (GA), ann-b.
    /// Profiles 1..=4 sign in as pN@learn.example.com; PU account "ann.pu".
    pub(crate) fn new() -> World {
        let (service, clock) = crate::sandbox_at(t0());
        // R13a: each organization owns its domain.
        for (org, name) in [(A, "Org A"), (B, "Org B")] {
            service
                .add_org_with_domains(&org.to_string(), name, &[domain_of(org).into()])
                .unwrap();
        }
        service.add_domain(None, "support.example.com").unwrap();
        let people = [
            ("admin-a", A, Roles::GLOBAL_ADMIN),
            (
                "pa-a",
                A,
                Roles {
                    partner_admin: true,
                    global_admin: false,
                },
            ),
            ("ann", A, Roles::USER),
            ("bob", A, Roles::USER),
            ("admin-b", B, Roles::GLOBAL_ADMIN),
            ("ann-b", B, Roles::USER),
        ];
        for (name, org, roles) in people {
            service
                .create_account(NewAccount {
                    kind: AccountKind::Member {
                        org: MpnId::new(org).unwrap(),
                    },
                    email: &format!("{name}@{}", domain_of(org)),
                    name,
                    roles,
                    password: PW,
                    status: AccountStatus::Active,
                })
                .unwrap();
        }
        service
            .add_support("sam@support.example.com", "Sam", PW)
            .unwrap();
        for n in 1..=4 {
            service
                .add_profile(
                    &n.to_string(),
                    &format!("p{n}@learn.example.com"),
                    &format!("P{n}"),
                    PROFILE_PW,
                )
                .unwrap();
        }
        service.add_pu("ann.pu", "ann@pu.example.com", PW).unwrap();
        World { service, clock }
    }

    pub(crate) fn at(&self, t: DateTime<Utc>) -> &Self {
        self.clock.set(t);
        self
    }

    /// Org B's people are the names ending in "-b".
    pub(crate) fn session(&self, name: &str) -> Session {
        let email = if name.contains('@') {
            name.to_string()
        } else if name.ends_with("-b") {
            format!("{name}@{}", domain_of(B))
        } else {
            format!("{name}@{}", domain_of(A))
        };
        self.service
            .sign_in(&email, PW, &SignInSource::Local)
            .unwrap()
    }

    pub(crate) fn link(&self, name: &str, profile: u32) {
        self.service
            .link(
                &self.session(name),
                &format!("p{profile}@learn.example.com"),
                PROFILE_PW,
            )
            .unwrap();
    }

    /// Imports JSON Lines as the operator.
    pub(crate) fn import(
        &self,
        jsonl: &str,
    ) -> Result<certlink_core::service::ImportSummary, ServiceError> {
        let rows = parse(jsonl.as_bytes(), InputFormat::JsonLines, |_| {}).expect("rows parse");
        self.service
            .import_records(Importer::Operator, &rows, &mut |_, _| {})
    }
}

fn exam(mcid: u32, id: &str, date: DateTime<Utc>) -> String {
    format!(
        r#"{{"mcid": {mcid}, "kind": "exam", "skill_id": "{id}", "name": "Exam {id}", "date": "{}", "passed": true}}"#,
        date.to_rfc3339()
    )
}

#[test]
fn r3_pending_rows_flip_to_reflected_exactly_at_their_date() {
    let w = World::new();
    let start = t0() + TimeDelta::days(10);
    w.at(start).link("ann", 1);
    let before = start - TimeDelta::days(100);
    let after = start + TimeDelta::days(5);
    let admin = w.session("admin-a");
    let row = |id: &str| {
        let rows = w.service.skills_report(&admin).unwrap();
        rows.iter()
            .find(|r| r.skill_id.as_deref() == Some(id))
            .cloned()
            .unwrap()
    };
    // The clock only moves forward: import, then look just before and at each date.
    w.at(start + TimeDelta::hours(1))
        .import(&exam(1, "OLD-1", before))
        .unwrap();

    // Earned before the link: pending until 72 hours after the link started.
    let start = row("OLD-1").linked_since.unwrap();
    w.at(start + TimeDelta::hours(72) - TimeDelta::seconds(1));
    let old = row("OLD-1");
    assert!(!old.reflected);
    assert_eq!(old.visible_from, Some(start + TimeDelta::hours(72)));
    assert_eq!(old.expected_from, None);
    w.at(start + TimeDelta::hours(72));
    assert!(row("OLD-1").reflected);

    // Earned after: expected between day 7 and day 10, reflected from day 10.
    w.at(after + TimeDelta::hours(1))
        .import(&exam(1, "NEW-1", after))
        .unwrap();
    w.at(after + TimeDelta::days(10) - TimeDelta::seconds(1));
    let new = row("NEW-1");
    assert!(!new.reflected);
    assert_eq!(new.expected_from, Some(after + TimeDelta::days(7)));
    w.at(after + TimeDelta::days(10));
    assert!(row("NEW-1").reflected);
}

#[test]
fn r12_departed_people_are_flagged_until_removed() {
    let w = World::new();
    w.at(t0() + TimeDelta::days(1)).link("bob", 2);
    w.import(&exam(2, "AZ-104", t0())).unwrap();
    w.at(t0() + TimeDelta::days(2));
    let admin = w.session("admin-a");
    w.service.delete_account(&admin, "bob@example.com").unwrap();
    let rows = w.service.skills_report(&admin).unwrap();
    let bob: Vec<_> = rows
        .iter()
        .filter(|r| r.email.as_str() == "bob@example.com")
        .collect();
    assert_eq!(bob.len(), 1);
    assert!(bob[0].departed_still_linked);
    assert_eq!(
        certlink_core::report::account_status(bob[0]),
        "deleted (still linked)"
    );
    w.service.remove_from_report(&admin, "2").unwrap();
    assert!(
        w.service
            .skills_report(&admin)
            .unwrap()
            .iter()
            .all(|r| r.email.as_str() != "bob@example.com")
    );
}

#[test]
fn r10_only_admins_of_the_organization_and_no_other_organization_rows() {
    let w = World::new();
    w.at(t0() + TimeDelta::days(1)).link("ann", 1);
    w.at(t0() + TimeDelta::days(2)).link("ann-b", 3);
    w.import(&format!(
        "{}\n{}",
        exam(1, "AZ-104", t0()),
        exam(3, "AZ-104", t0())
    ))
    .unwrap();
    w.at(t0() + TimeDelta::days(30));
    for who in ["admin-a", "pa-a"] {
        let rows = w.service.skills_report(&w.session(who)).unwrap();
        assert!(
            rows.iter().all(|r| r.mpn_id.get() == A),
            "{who} sees only org A"
        );
        assert!(rows.iter().any(|r| r.email.as_str() == "ann@example.com"));
        assert!(
            rows.iter()
                .all(|r| r.email.as_str() != "ann-b@b.example.com")
        );
    }
    let rows_b = w.service.skills_report(&w.session("admin-b")).unwrap();
    assert!(
        rows_b
            .iter()
            .all(|r| r.mpn_id.get() == B && r.email.as_str() == "ann-b@b.example.com")
    );
    for who in ["ann", "sam@support.example.com"] {
        let err = w.service.skills_report(&w.session(who)).unwrap_err();
        assert!(
            matches!(err, ServiceError::Refused(ref r) if r.code() == "not_permitted"),
            "{who}: {err}"
        );
        assert!(w.service.competency_status(&w.session(who)).is_err());
        assert!(w.service.users_report(&w.session(who)).is_err());
        assert!(
            w.service
                .learning_report(&w.session(who), t0().date_naive(), t0().date_naive())
                .is_err()
        );
    }
}

#[test]
fn r10_empty_report_and_users_export() {
    let w = World::new();
    let admin = w.session("admin-a");
    assert!(w.service.skills_report(&admin).unwrap().is_empty());
    w.at(t0() + TimeDelta::days(1)).link("ann", 1);
    w.service.grant_pu(&w.session("bob"), "ann.pu", PW).unwrap();
    // Ann is linked but has no skills yet: one row without a skill.
    let rows = w.service.skills_report(&admin).unwrap();
    assert_eq!(rows.iter().filter(|r| r.kind.is_none()).count(), 2);
    let users = w.service.users_report(&admin).unwrap();
    let by = |e: &str| {
        users
            .iter()
            .find(|u| u.email.as_str() == e)
            .unwrap()
            .clone()
    };
    assert!(by("ann@example.com").linked_learning_account && !by("ann@example.com").pu_access);
    assert!(by("bob@example.com").pu_access && !by("bob@example.com").linked_learning_account);
    assert_eq!(users.len(), 4, "every account of org A, none of org B");
}

#[test]
fn r11_threshold_and_twelve_month_window() {
    let w = World::new();
    w.service
        .define_competencies(
            "[[competency]]\nid = \"infra\"\nname = \"Infra\"\nrequired_individuals = 2\nskills = [\"AZ-104\", \"AZ-305\"]\n",
        )
        .unwrap();
    let now = t0() + TimeDelta::days(500);
    let twelve_months_ago = now.checked_sub_months(Months::new(12)).unwrap();
    w.at(t0()).link("ann", 1);
    w.at(t0() + TimeDelta::days(1)).link("bob", 2);
    // Ann: exactly 12 months old (counts); Bob: one second older (does not).
    w.at(now - TimeDelta::days(1))
        .import(&format!(
            "{}\n{}",
            exam(1, "AZ-104", twelve_months_ago),
            exam(2, "AZ-305", twelve_months_ago - TimeDelta::seconds(1))
        ))
        .unwrap();
    w.at(now);
    let admin = w.session("admin-a");
    let status = w.service.competency_status(&admin).unwrap();
    assert_eq!(
        (status[0].required, status[0].current, status[0].met),
        (2, 1, false)
    );
    assert_eq!(status[0].counted[0].email.as_str(), "ann@example.com");
    // Ten days on, Ann's exam is older than 12 months; both earn a new one now, and
    // once reflected (R3) the organization is exactly at the threshold.
    w.at(now + TimeDelta::hours(1))
        .import(&format!(
            "{}\n{}",
            exam(1, "AZ-305", now),
            exam(2, "AZ-104", now)
        ))
        .unwrap();
    w.at(now + TimeDelta::days(10));
    let status = w.service.competency_status(&admin).unwrap();
    assert_eq!((status[0].current, status[0].met), (2, true), "{status:?}");
    // Each MCID counts only for the organization it is linked to: Bob's MCID moves to B.
    w.at(now + TimeDelta::days(60));
    w.service.unlink(&w.session("bob")).unwrap();
    w.link("ann-b", 2);
    let admin_b = w.session("admin-b");
    assert_eq!(w.service.competency_status(&admin).unwrap()[0].current, 1);
    assert_eq!(
        w.service.competency_status(&admin_b).unwrap()[0].current,
        0,
        "not before it is reflected at B (R3: 72 hours after the new link)"
    );
    w.at(now + TimeDelta::days(70));
    assert_eq!(w.service.competency_status(&admin_b).unwrap()[0].current, 1);
    assert_eq!(w.service.competency_status(&admin).unwrap()[0].current, 1);
}

#[test]
fn r18_learning_report_counts_completions_in_the_range() {
    let w = World::new();
    w.at(t0()).link("ann", 1);
    let day = |d: i64| (t0() + TimeDelta::days(d)).to_rfc3339();
    let rows = [
        format!(
            r#"{{"mcid": 1, "kind": "module", "skill_id": "m1", "name": "M1", "date": "{}", "status": "completed"}}"#,
            day(10)
        ),
        format!(
            r#"{{"mcid": 1, "kind": "module", "skill_id": "m2", "name": "M2", "date": "{}", "status": "completed"}}"#,
            day(40)
        ),
        format!(
            r#"{{"mcid": 1, "kind": "learning-path", "skill_id": "p1", "name": "P1", "date": "{}", "status": "completed"}}"#,
            day(41)
        ),
        format!(
            r#"{{"mcid": 1, "kind": "module", "skill_id": "m3", "name": "M3", "date": "{}", "status": "in-progress"}}"#,
            day(42)
        ),
        format!(
            r#"{{"mcid": 1, "kind": "module", "skill_id": "m4", "name": "M4", "date": "{}", "status": "completed"}}"#,
            day(200)
        ),
    ];
    w.at(t0() + TimeDelta::days(300))
        .import(&rows.join("\n"))
        .unwrap();
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
    let rep = w
        .service
        .learning_report(&w.session("pa-a"), from, to)
        .unwrap();
    assert_eq!(
        (
            rep.trained_individuals,
            rep.module_completions,
            rep.learning_path_completions
        ),
        (1, 2, 1)
    );
    assert_eq!(rep.monthly.len(), 2);
    assert_eq!(
        (rep.monthly[0].month.as_str(), rep.monthly[0].modules),
        ("2026-01", 1)
    );
    assert_eq!(
        (rep.monthly[1].modules, rep.monthly[1].learning_paths),
        (1, 1)
    );
    assert_eq!(rep.learners[0].in_progress, 1);
    assert!(
        w.service
            .learning_report(&w.session("pa-a"), to, from)
            .is_err(),
        "from after to"
    );
}

#[test]
fn imports_are_idempotent_and_all_or_nothing() {
    let w = World::new();
    w.at(t0() + TimeDelta::days(5));
    let good = format!("{}\n{}", exam(1, "AZ-104", t0()), exam(2, "AZ-305", t0()));
    let first = w.import(&good).unwrap();
    assert_eq!((first.rows, first.added, first.unchanged), (2, 2, 0));
    let again = w.import(&good).unwrap();
    assert_eq!(
        (again.added, again.unchanged),
        (0, 2),
        "the same file twice changes nothing"
    );
    // One unknown MCID: nothing of the file is written.
    let bad = format!("{}\n{}", exam(3, "SC-200", t0()), exam(99, "SC-200", t0()));
    let err = w.import(&bad).unwrap_err().to_string();
    assert!(err.contains("line 2") && err.contains("MCID 99"), "{err}");
    // A date in the future is refused too.
    let err = w
        .import(&exam(3, "SC-200", t0() + TimeDelta::days(30)))
        .unwrap_err()
        .to_string();
    assert!(err.contains("in the future"), "{err}");
    w.at(t0() + TimeDelta::days(6)).link("ann", 3);
    w.at(t0() + TimeDelta::days(20));
    let rows = w.service.skills_report(&w.session("admin-a")).unwrap();
    assert!(
        rows.iter().all(|r| r.skill_id.as_deref() != Some("SC-200")),
        "the bad file wrote nothing"
    );
    // Only support engineers and the operator import.
    let parsed = parse(
        exam(1, "X", t0()).as_bytes(),
        InputFormat::JsonLines,
        |_| {},
    )
    .unwrap();
    let err = w
        .service
        .import_records(
            Importer::Support(&w.session("admin-a")),
            &parsed,
            &mut |_, _| {},
        )
        .unwrap_err();
    assert!(matches!(err, ServiceError::Refused(ref r) if r.code() == "not_permitted"));
    let ok = w.service.import_records(
        Importer::Support(&w.session("sam@support.example.com")),
        &parsed,
        &mut |_, _| {},
    );
    assert_eq!(ok.unwrap().added, 1);
}

#[test]
fn my_skills_lists_held_skills_only() {
    let w = World::new();
    w.at(t0() + TimeDelta::days(1)).link("ann", 1);
    let failed = r#"{"mcid": 1, "kind": "exam", "skill_id": "F-1", "name": "Failed", "date": "2026-01-01", "passed": false}"#;
    w.import(&format!("{}\n{failed}", exam(1, "AZ-104", t0())))
        .unwrap();
    let mine = w.service.my_skills(&w.session("ann")).unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].skill_id, "AZ-104");
}

#[test]
fn r10_streamed_report_has_the_same_rows_as_the_whole_report() {
    let w = World::new();
    w.at(t0() + TimeDelta::days(1)).link("ann", 1);
    w.at(t0() + TimeDelta::days(2)).link("bob", 2);
    w.service
        .grant_pu(&w.session("pa-a"), "ann.pu", PW)
        .unwrap();
    w.import(&format!(
        "{}\n{}\n{}",
        exam(1, "AZ-104", t0()),
        exam(1, "AZ-305", t0()),
        exam(2, "SC-200", t0())
    ))
    .unwrap();
    w.at(t0() + TimeDelta::days(30));
    let admin = w.session("admin-a");
    let whole = w.service.skills_report(&admin).unwrap();
    let mut streamed = Vec::new();
    let n = w
        .service
        .for_each_skill_row(&admin, |row| {
            streamed.push((row.email.to_string(), row.skill_id.clone()));
            Ok(())
        })
        .unwrap();
    assert_eq!(n, whole.len());
    let mut expected: Vec<_> = whole
        .iter()
        .map(|r| (r.email.to_string(), r.skill_id.clone()))
        .collect();
    streamed.sort();
    expected.sort();
    assert_eq!(
        streamed, expected,
        "same rows, link order instead of name order"
    );
    // The PU-only person (the Partner Admin) is in both.
    assert!(streamed.iter().any(|(e, _)| e == "pa-a@example.com"));
    // Rows read again by account: the same rows, in the streamed order of each
    // person, for the people asked; people outside the report have none.
    let mut by_account: Vec<(u64, String, Option<String>)> = Vec::new();
    w.service
        .for_each_skill_row(&admin, |row| {
            by_account.push((row.account.0, row.email.to_string(), row.skill_id.clone()));
            Ok(())
        })
        .unwrap();
    let mut asked: Vec<certlink_domain::AccountId> = by_account
        .iter()
        .map(|(a, _, _)| certlink_domain::AccountId(*a))
        .collect();
    asked.dedup();
    asked.reverse();
    let again = w.service.skill_rows_of(&admin, &asked).unwrap();
    let mut expected_again = Vec::new();
    for account in &asked {
        expected_again.extend(
            by_account
                .iter()
                .filter(|(a, _, _)| *a == account.0)
                .cloned(),
        );
    }
    let again: Vec<_> = again
        .iter()
        .map(|r| (r.account.0, r.email.to_string(), r.skill_id.clone()))
        .collect();
    assert_eq!(
        again, expected_again,
        "skill_rows_of: the streamed rows, people in the order asked"
    );
    let other_org = w.session("admin-b");
    assert!(
        w.service
            .skill_rows_of(&other_org, &asked)
            .unwrap()
            .is_empty(),
        "R10: another organization's admin reads none of these rows"
    );
    assert!(
        w.service
            .for_each_skill_row(&w.session("ann"), |_| Ok(()))
            .is_err(),
        "R10: admins only"
    );
}
