//! The designation scores against a reference: after every command of a
//! random sequence (links, R6 moves and take-overs, unlinks, R12 deletions
//! and removals, imports, R15 merges, waiting, and the operator's size
//! classes and metrics), each organization's scores as the service keeps them
//! (from the `holdings` table the writer maintains) equal the scores computed
//! here from the raw links and skills: for every MCID its active link, and
//! its certification records reflected against that link's start (R3, R5).

use std::collections::BTreeMap;

use chrono::TimeDelta;
use proptest::prelude::*;

use super::report_table::{self, ORGS, Op, PROFILES, World};
use certlink_core::store::Queries;
use certlink_domain::designations::{self, Holding, OtherMetrics, Points, SizeClass};
use certlink_domain::skills::{self, SkillKind, Subject};
use certlink_domain::{Mcid, MpnId};

/// The report-table tests import certifications `cert-1` … `cert-5` (one per
/// profile): a gate on cert-1 or cert-2, then 7.5 points for each holder of
/// any of them, up to 20; SMB's gate earns 4.
const DEFS: &str = r#"
version = "model"

[[area]]
id = "model"
name = "Model"

[[area.skilling]]
size = "enterprise"
level = "intermediate"
cap = 20
[[area.skilling.step]]
certifications = ["cert-1", "cert-2"]
min_people = 2
[[area.skilling.step]]
certifications = ["cert-1", "cert-2", "cert-3", "cert-4", "cert-5"]
points_each = 7.5

[[area.skilling]]
size = "smb"
level = "intermediate"
cap = 20
[[area.skilling.step]]
certifications = ["cert-1"]
min_people = 1
points = 4
[[area.skilling.step]]
certifications = ["cert-3", "CERT-4"]
points_each = 7.5

[[area.skilling]]
size = "smb"
level = "advanced"
cap = 15
[[area.skilling.step]]
certifications = ["cert-5"]
points_each = 15
"#;

#[derive(Debug, Clone)]
enum Step {
    Command(Op),
    Size {
        org: usize,
        smb: bool,
    },
    Metrics {
        org: usize,
        performance: u8,
        customer: u8,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => report_table::op().prop_map(Step::Command),
        1 => (0..ORGS.len(), any::<bool>()).prop_map(|(org, smb)| Step::Size { org, smb }),
        1 => (0..ORGS.len(), 0u8..60, 0u8..40)
            .prop_map(|(org, performance, customer)| Step::Metrics { org, performance, customer }),
    ]
}

/// What the reference remembers of the operator's data.
#[derive(Default)]
struct Operator {
    size: BTreeMap<usize, SizeClass>,
    other: BTreeMap<usize, OtherMetrics>,
}

fn apply(w: &World, operator: &mut Operator, step: &Step) {
    match step {
        Step::Command(op) => report_table::run(w, op),
        Step::Size { org, smb } => {
            let size = if *smb { "smb" } else { "enterprise" };
            w.service
                .set_org_size(&ORGS[*org].to_string(), size)
                .unwrap();
            operator.size.insert(*org, size.parse().unwrap());
        }
        Step::Metrics {
            org,
            performance,
            customer,
        } => {
            let as_of = w.service.now().unwrap().date_naive();
            let line = format!(
                r#"{{"mpn_id": "{}", "area": "model", "performance": {performance}, "customer_success": {customer}, "as_of": "{as_of}"}}"#,
                ORGS[*org]
            );
            w.service.import_designation_metrics(&line).unwrap();
            operator.other.insert(
                *org,
                OtherMetrics {
                    performance: Points::whole(u32::from(*performance)),
                    customer_success: Points::whole(u32::from(*customer)),
                    as_of,
                },
            );
        }
    }
}

/// The scores of organization `org` from raw records: each MCID's active
/// link and its certifications, never the report or holdings tables.
fn reference(
    w: &World,
    operator: &Operator,
    org: usize,
    at: chrono::DateTime<chrono::Utc>,
) -> Vec<designations::AreaScore> {
    let r = w.service.store().read().unwrap();
    let mpn = MpnId::new(ORGS[org]).unwrap();
    let mut holders = designations::Holders::new();
    for n in 1..=PROFILES {
        let mcid = Mcid::new(u64::from(n)).unwrap();
        let Some(link) = r.active_link(mcid).unwrap() else {
            continue;
        };
        if link.org != mpn {
            continue;
        }
        for s in r.skills_of(&Subject::Mcid(mcid)).unwrap() {
            if s.kind != SkillKind::Certification {
                continue;
            }
            holders
                .entry(s.skill_id.to_lowercase())
                .or_default()
                .push(Holding {
                    person: link.account.0,
                    counts_from: skills::reflection(s.date, link.since).visible_from,
                    expires: s.expires,
                });
        }
    }
    r.designations()
        .unwrap()
        .iter()
        .map(|area| {
            designations::score(
                area,
                operator.size.get(&org).copied().unwrap_or_default(),
                operator.other.get(&org).copied(),
                &holders,
                at,
                &[],
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(report_table::config())]

    #[test]
    fn kept_scores_equal_the_scores_of_the_raw_links_and_skills(
        steps in prop::collection::vec(step(), 20..=50)
    ) {
        let w = World::new();
        w.service.define_designations(DEFS).unwrap();
        let mut operator = Operator::default();
        for step in &steps {
            apply(&w, &mut operator, step);
            // Some steps past a reflection delay (R3), so pending turns to counting.
            w.clock.advance(TimeDelta::hours(7));
            for org in 0..ORGS.len() {
                let ga = w.session(org, 0).expect("the Global Admin is never deleted");
                let kept = w.service.designations(&ga).unwrap();
                let expected = reference(&w, &operator, org, kept.at);
                prop_assert_eq!(&kept.areas, &expected, "organization {} after {:?}", org, step);
            }
        }
    }
}
