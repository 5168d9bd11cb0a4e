//! The scoring against the published examples (../shared/notes.md, "Solutions
//! Partner designations"): gates with and without points, per-person points,
//! caps, one person once per metric, Enterprise vs SMB, R3 and expiry, the
//! next points and the what-ifs.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use super::*;
use certlink_i18n::Lang;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn p(text: &str) -> Points {
    Points::parse(text).unwrap()
}

fn gate(certs: &[&str], min_people: u32, points: Option<&str>) -> Step {
    Step {
        certifications: certs.iter().map(|c| c.to_string()).collect(),
        min_people: Some(min_people),
        points: points.map(p),
        points_each: None,
    }
}

fn each(certs: &[&str], points: &str) -> Step {
    Step {
        certifications: certs.iter().map(|c| c.to_string()).collect(),
        min_people: None,
        points: None,
        points_each: Some(p(points)),
    }
}

fn metric(size: SizeClass, level: Level, cap: &str, steps: Vec<Step>) -> SkillingMetric {
    SkillingMetric {
        size,
        level,
        cap: p(cap),
        steps,
    }
}

fn area(id: &str, metrics: Vec<SkillingMetric>) -> AreaDefinition {
    let a = AreaDefinition {
        id: id.into(),
        name: id.replace('-', " "),
        version: "test".into(),
        metrics,
        certification_names: [
            ("az-104", "Azure Administrator Associate"),
            ("az-305", "Azure Solutions Architect Expert"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    };
    a.validate().unwrap();
    a
}

/// Security as published: Enterprise gates of 2 + 2 people without points,
/// then 6.67 a person; SMB gates of 1 + 1 earning 4 each, then 8 a person.
fn security() -> AreaDefinition {
    use Level::Intermediate;
    use SizeClass::{Enterprise, Smb};
    area(
        "security",
        vec![
            metric(
                Enterprise,
                Intermediate,
                "40",
                vec![
                    gate(&["az-500", "sc-500"], 2, None),
                    gate(&["sc-200"], 2, None),
                    each(&["az-500", "sc-500", "sc-200", "sc-300"], "6.67"),
                ],
            ),
            metric(
                Smb,
                Intermediate,
                "40",
                vec![
                    gate(&["az-500", "sc-500"], 1, Some("4")),
                    gate(&["sc-200"], 1, Some("4")),
                    each(&["az-500", "sc-500", "sc-200", "sc-300"], "8"),
                ],
            ),
        ],
    )
}

/// Modern Work: intermediate up to 10 and advanced up to 15; Enterprise
/// reaches the caps with 4 and 2 people, SMB with 2 and 1.
fn modern_work() -> AreaDefinition {
    use Level::{Advanced, Intermediate};
    use SizeClass::{Enterprise, Smb};
    area(
        "modern-work",
        vec![
            metric(
                Enterprise,
                Intermediate,
                "10",
                vec![each(&["md-102", "ms-700"], "2.5")],
            ),
            metric(Enterprise, Advanced, "15", vec![each(&["ms-100"], "7.5")]),
            metric(
                Smb,
                Intermediate,
                "10",
                vec![each(&["md-102", "ms-700"], "5")],
            ),
            metric(Smb, Advanced, "15", vec![each(&["ms-100"], "15")]),
        ],
    )
}

/// Azure Infrastructure: Enterprise step 1 two AZ-104 (no points), then 4 a
/// person up to 20; SMB step 1 one AZ-104 for 4 points.
fn infrastructure() -> AreaDefinition {
    use Level::Intermediate;
    use SizeClass::{Enterprise, Smb};
    area(
        "azure-infrastructure",
        vec![
            metric(
                Enterprise,
                Intermediate,
                "20",
                vec![gate(&["az-104"], 2, None), each(&["az-305"], "4")],
            ),
            metric(
                Smb,
                Intermediate,
                "20",
                vec![gate(&["az-104"], 1, Some("4")), each(&["az-305"], "4")],
            ),
        ],
    )
}

fn counting(person: u64) -> Holding {
    Holding {
        person,
        counts_from: now() - TimeDelta::days(30),
        expires: Some(now() + TimeDelta::days(300)),
    }
}

fn holders(list: &[(&str, Holding)]) -> Holders {
    let mut h = Holders::new();
    for (cert, holding) in list {
        h.entry(cert.to_string()).or_default().push(*holding);
    }
    h
}

fn skilling(a: &AreaDefinition, size: SizeClass, h: &Holders) -> Points {
    score(a, size, None, h, now(), &[]).skilling
}

#[test]
fn points_parse_and_print_in_hundredths() {
    assert_eq!(p("6.67"), Points(667));
    assert_eq!(p("40"), Points(4000));
    assert_eq!(p("2.5"), Points(250));
    assert_eq!(Points(667).to_string(), "6.67");
    assert_eq!(Points(250).to_string(), "2.5");
    assert_eq!(Points(4000).to_string(), "40");
    assert_eq!(Points::parse("100.01"), None);
    assert_eq!(Points::parse("1.234"), None);
    assert_eq!(Points::parse("-1"), None);
    assert_eq!(Points::parse("x"), None);
    // 6 people at 6.67 are 40.02: the cap says 40.
    assert_eq!(p("6.67").times(6), Points(4002));
}

#[test]
fn security_enterprise_gates_earn_nothing_and_block_per_person_points() {
    let a = security();
    let e = SizeClass::Enterprise;
    // One AZ-500: step 1 not met, nothing counts further.
    let one = holders(&[("az-500", counting(1)), ("sc-200", counting(2))]);
    let s = score(&a, e, None, &one, now(), &[]);
    assert_eq!(s.skilling, Points::ZERO);
    let m = &s.metrics[0];
    assert!(!m.steps[0].met && !m.steps[1].reached);
    // Person 2's SC-200 waits for step 1.
    let p2 = m.people.iter().find(|p| p.person == 2).unwrap();
    assert_eq!(p2.standing, Standing::GateNotMet { step: 1 });
    match &m.next {
        NextPoints::MeetGate {
            step,
            more_people,
            then,
            ..
        } => {
            assert_eq!((*step, *more_people), (1, 1));
            assert_eq!(then.as_ref().map(|t| t.points_each), Some(p("6.67")));
        }
        other => panic!("expected a gate, got {other:?}"),
    }
    // Both gates met by four people: each certified individual adds 6.67.
    let four = holders(&[
        ("az-500", counting(1)),
        ("sc-500", counting(2)),
        ("sc-200", counting(3)),
        ("sc-200", counting(4)),
    ]);
    assert_eq!(skilling(&a, e, &four), Points(4 * 667));
    // Seven people: 46.69 capped at 40.
    let mut list: Vec<(&str, Holding)> = four_list();
    for person in 5..=7 {
        list.push(("sc-300", counting(person)));
    }
    let s = score(&a, e, None, &holders(&list), now(), &[]);
    assert_eq!(s.skilling, p("40"));
    assert_eq!(s.metrics[0].next, NextPoints::AtCap);
}

fn four_list() -> Vec<(&'static str, Holding)> {
    vec![
        ("az-500", counting(1)),
        ("sc-500", counting(2)),
        ("sc-200", counting(3)),
        ("sc-200", counting(4)),
    ]
}

#[test]
fn security_smb_gates_earn_four_each_then_eight_a_person() {
    let a = security();
    let smb = SizeClass::Smb;
    let one = holders(&[("az-500", counting(1))]);
    assert_eq!(skilling(&a, smb, &one), p("4"), "step 1 met: 4 points");
    let two = holders(&[("az-500", counting(1)), ("sc-200", counting(2))]);
    // Gates 4 + 4, and both people are certified individuals: 2 × 8.
    assert_eq!(skilling(&a, smb, &two), p("24"));
    // The same people, Enterprise: no gate is met.
    assert_eq!(skilling(&a, SizeClass::Enterprise, &two), Points::ZERO);
}

#[test]
fn one_person_counts_once_per_metric_however_many_certifications() {
    let a = security();
    let mut list = four_list();
    // Person 1 also holds SC-300 and SC-200: still one certified individual.
    list.push(("sc-300", counting(1)));
    list.push(("sc-200", counting(1)));
    let s = score(&a, SizeClass::Enterprise, None, &holders(&list), now(), &[]);
    assert_eq!(s.skilling, Points(4 * 667));
    assert_eq!(s.metrics[0].counted(), 4);
    // Listed once per step they hold a certification of.
    let first: Vec<usize> = s.metrics[0]
        .people
        .iter()
        .filter(|p| p.person == 1)
        .map(|p| p.step)
        .collect();
    assert_eq!(first, [1, 2, 3]);
    assert_eq!(s.counted_people(), 4);
}

#[test]
fn modern_work_caps_for_enterprise_and_smb() {
    let a = modern_work();
    let inter: Vec<(&str, Holding)> = (1..=4).map(|i| ("md-102", counting(i))).collect();
    let adv: Vec<(&str, Holding)> = (11..=12).map(|i| ("ms-100", counting(i))).collect();
    let all = holders(&[inter.clone(), adv.clone()].concat());
    // Enterprise reaches both caps with 4 and 2 people: 10 + 15.
    assert_eq!(skilling(&a, SizeClass::Enterprise, &all), p("25"));
    // Three intermediate people: 7.5, one more reaches the cap.
    let three = holders(&inter[..3]);
    let s = score(&a, SizeClass::Enterprise, None, &three, now(), &[]);
    assert_eq!(s.metrics[0].points, p("7.5"));
    match &s.metrics[0].next {
        NextPoints::Earn(e) => assert_eq!((e.people_to_cap, e.up_to), (1, p("10"))),
        other => panic!("expected points to earn, got {other:?}"),
    }
    // SMB reaches them with 2 and 1.
    let smb = holders(&[inter[..2].to_vec(), adv[..1].to_vec()].concat());
    assert_eq!(skilling(&a, SizeClass::Smb, &smb), p("25"));
    assert_eq!(skilling(&a, SizeClass::Enterprise, &smb), p("12.5"));
}

#[test]
fn infrastructure_smb_gate_earns_four_enterprise_gate_none() {
    let a = infrastructure();
    let h = holders(&[
        ("az-104", counting(1)),
        ("az-104", counting(2)),
        ("az-305", counting(3)),
    ]);
    assert_eq!(skilling(&a, SizeClass::Enterprise, &h), p("4"));
    assert_eq!(skilling(&a, SizeClass::Smb, &h), p("8"));
    let one = holders(&[("az-104", counting(1)), ("az-305", counting(3))]);
    let s = score(&a, SizeClass::Enterprise, None, &one, now(), &[]);
    assert_eq!(s.skilling, Points::ZERO);
    let text = words::next_points(&s, &s.metrics[0].next, Lang::En);
    assert_eq!(
        text,
        "1 more person with Azure Administrator Associate meet step 1; \
         then each Azure Solutions Architect Expert adds 4 points, up to 20 (5 more to reach it)"
    );
    assert!(words::next_points(&s, &s.metrics[0].next, Lang::ZhCn).contains("步骤 1"));
}

#[test]
fn r3_pending_and_expired_certifications_do_not_count() {
    let a = infrastructure();
    let pending = Holding {
        person: 2,
        counts_from: now() + TimeDelta::days(3),
        expires: None,
    };
    let expired = Holding {
        person: 3,
        counts_from: now() - TimeDelta::days(400),
        expires: Some(now() - TimeDelta::days(1)),
    };
    let h = holders(&[
        ("az-104", counting(1)),
        ("az-104", pending),
        ("az-104", expired),
    ]);
    let s = score(&a, SizeClass::Enterprise, None, &h, now(), &[]);
    assert!(!s.metrics[0].steps[0].met, "only one AZ-104 counts");
    let standing = |person| {
        s.metrics[0]
            .people
            .iter()
            .find(|p| p.person == person)
            .unwrap()
            .standing
    };
    assert_eq!(
        standing(2),
        Standing::Pending {
            from: now() + TimeDelta::days(3)
        }
    );
    assert_eq!(
        standing(3),
        Standing::Expired {
            on: now() - TimeDelta::days(1)
        }
    );
    // Three days on, the pending one counts: the gate is met.
    let later = score(
        &a,
        SizeClass::Enterprise,
        None,
        &h,
        now() + TimeDelta::days(3),
        &[],
    );
    assert!(later.metrics[0].steps[0].met);
    // Expiring at the instant it would count: it never counts.
    let never = Holding {
        person: 4,
        counts_from: now() - TimeDelta::days(1),
        expires: Some(now() - TimeDelta::days(1)),
    };
    let s = score(
        &a,
        SizeClass::Enterprise,
        None,
        &holders(&[("az-104", never)]),
        now(),
        &[],
    );
    assert!(matches!(
        s.metrics[0].people[0].standing,
        Standing::Expired { .. }
    ));
}

#[test]
fn qualified_needs_seventy_and_every_metric_above_zero() {
    let a = modern_work();
    let full: Vec<(&str, Holding)> = (1..=4)
        .map(|i| ("md-102", counting(i)))
        .chain((11..=12).map(|i| ("ms-100", counting(i))))
        .collect();
    let h = holders(&full);
    let other = |performance: &str, customer_success: &str| OtherMetrics {
        performance: p(performance),
        customer_success: p(customer_success),
        as_of: now().date_naive(),
    };
    let s = score(
        &a,
        SizeClass::Enterprise,
        Some(other("30", "20")),
        &h,
        now(),
        &[],
    );
    assert_eq!((s.total, s.qualified), (p("75"), true));
    let s = score(
        &a,
        SizeClass::Enterprise,
        Some(other("45", "0")),
        &h,
        now(),
        &[],
    );
    assert_eq!(
        (s.total, s.qualified),
        (p("70"), false),
        "customer success is 0"
    );
    let s = score(
        &a,
        SizeClass::Enterprise,
        Some(other("30", "14.99")),
        &h,
        now(),
        &[],
    );
    assert_eq!((s.total, s.qualified), (p("69.99"), false));
    let s = score(&a, SizeClass::Enterprise, None, &h, now(), &[]);
    assert!(!s.qualified, "nothing imported: no performance");
    let s = score(
        &a,
        SizeClass::Enterprise,
        Some(other("80", "60")),
        &h,
        now(),
        &[],
    );
    assert_eq!(s.total, Points::SCORE_MAX, "at most 100");
}

#[test]
fn what_if_a_person_leaves_shows_the_score_before_and_after() {
    let a = infrastructure();
    let h = holders(&[
        ("az-104", counting(1)),
        ("az-104", counting(2)),
        ("az-305", counting(3)),
    ]);
    let other = Some(OtherMetrics {
        performance: p("40"),
        customer_success: p("28"),
        as_of: now().date_naive(),
    });
    let before = score(&a, SizeClass::Enterprise, other, &h, now(), &[]);
    let after = score(&a, SizeClass::Enterprise, other, &h, now(), &[2]);
    assert_eq!((before.total, before.qualified), (p("72"), true));
    // Person 2 leaving breaks the gate: the AZ-305 no longer counts.
    assert_eq!((after.total, after.qualified), (p("68"), false));
    let change = ScoreChange::between(1234567, &before, &after);
    assert_eq!(
        words::change(&change, Lang::En),
        "azure infrastructure: 72 → 68, no longer qualified"
    );
    assert!(!change.is_none());
    let same = score(&a, SizeClass::Enterprise, other, &h, now(), &[99]);
    assert!(ScoreChange::between(1, &before, &same).is_none());
}

#[test]
fn a_definition_without_a_clear_rule_is_refused() {
    let mut bad = infrastructure();
    bad.metrics[0].steps[0].points_each = Some(p("1"));
    assert!(matches!(
        bad.validate(),
        Err(DesignationError::Metric { .. })
    ));
    let mut bad = infrastructure();
    bad.metrics[1].size = SizeClass::Enterprise;
    let err = bad.validate().unwrap_err();
    assert!(err.to_string().contains("defined twice") || err.to_string().contains("two"));
    assert!(err.message(Lang::ZhCn).contains("两次"));
    let mut bad = infrastructure();
    bad.id = "Azure Infra".into();
    assert_eq!(
        bad.validate(),
        Err(DesignationError::BadId("Azure Infra".into()))
    );
    let mut bad = infrastructure();
    bad.metrics[0].cap = Points::ZERO;
    assert!(bad.validate().is_err());
    let mut bad = infrastructure();
    bad.metrics[0].steps[1].certifications.clear();
    let err = bad.validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "solution area azure-infrastructure: step 2 of the Enterprise intermediate metric \
         names no certification"
    );
    assert_eq!(
        err.message(Lang::ZhCn),
        "解决方案领域 azure-infrastructure：企业中级指标的步骤 2 未列出任何认证"
    );
    let mut bad = infrastructure();
    bad.metrics[1].steps[0].points_each = Some(p("1"));
    assert!(
        bad.validate()
            .unwrap_err()
            .to_string()
            .ends_with("step 1 of the SMB intermediate metric must be a gate (min_people, with or without points) or earn points_each, not both")
    );
    let file = DesignationFile {
        version: "v".into(),
        certification_names: Default::default(),
        areas: vec![infrastructure(), infrastructure()],
    };
    assert!(matches!(
        file.into_areas(),
        Err(DesignationError::Duplicate(_))
    ));
}
