//! The report table (schema 3) is maintained by the store writer on every path
//! that changes who is in an organization's report or what their rows say:
//! link, R6 move and take-over, unlink, R12 delete, remove from report, R2/R3
//! PU grant and removal, imports of MCID and PU records (R10), R15 merges. A
//! random sequence of those commands (refusals included) runs through the
//! service; after every one the invariant checker (`certlink admin check`)
//! finds the table equal to what accounts, links and skills derive.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;

use certlink_core::import::{InputFormat, parse};
use certlink_core::service::{Importer, ManualClock, NewAccount, Service, Session, SignInSource};
use certlink_core::store::records::AccountKind;
use certlink_domain::{AccountStatus, MpnId, Roles};

pub(crate) const ORGS: [u64; 2] = [1_111_111, 2_222_222];
const PW: &str = "work-account-pass";
const PROFILE_PW: &str = "profile-pass-1";
pub(crate) const PROFILES: u32 = 5;
const PU: [&str; 2] = ["pu.one", "pu.two"];
/// Per organization: a Global Admin, a Partner Admin, three users.
const PEOPLE: [(&str, Roles); 5] = [
    ("ga", Roles::GLOBAL_ADMIN),
    (
        "pa",
        Roles {
            partner_admin: true,
            global_admin: false,
        },
    ),
    ("u1", Roles::USER),
    ("u2", Roles::USER),
    ("u3", Roles::USER),
];

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
}

pub(crate) fn email(org: usize, person: usize) -> String {
    format!("{}-{org}@{}", PEOPLE[person].0, domain(org))
}

/// The email domain organization `org` owns (R13a).
fn domain(org: usize) -> String {
    format!("org{org}.example.com")
}

pub(crate) struct World {
    pub(crate) service: Service,
    pub(crate) clock: ManualClock,
    support: Session,
}

impl World {
    pub(crate) fn new() -> World {
        let (service, clock) = crate::sandbox_at(t0());
        // R9 out of the way: this test is about the report table, not the limit.
        service.set_setting("association_limit", "100").unwrap();
        service.set_setting("cool_off_days", "0").unwrap();
        for (o, org) in ORGS.iter().enumerate() {
            service
                .add_org_with_domains(&org.to_string(), &format!("Org {o}"), &[domain(o)])
                .unwrap();
            for (p, (name, roles)) in PEOPLE.iter().enumerate() {
                service
                    .create_account(NewAccount {
                        kind: AccountKind::Member {
                            org: MpnId::new(*org).unwrap(),
                        },
                        email: &email(o, p),
                        name,
                        roles: *roles,
                        password: PW,
                        status: AccountStatus::Active,
                    })
                    .unwrap();
            }
        }
        for n in 1..=PROFILES {
            service
                .add_profile(
                    &n.to_string(),
                    &format!("p{n}@learn.example.com"),
                    &format!("P{n}"),
                    PROFILE_PW,
                )
                .unwrap();
        }
        for (i, u) in PU.iter().enumerate() {
            service
                .add_pu(u, &format!("pu{i}@pu.example.com"), PW)
                .unwrap();
        }
        service.add_domain(None, "support.example.com").unwrap();
        service
            .add_support("sam@support.example.com", "Sam", PW)
            .unwrap();
        let support = service
            .sign_in("sam@support.example.com", PW, &SignInSource::Local)
            .unwrap();
        World {
            service,
            clock,
            support,
        }
    }

    /// A fresh session (a deleted person has none: the command is skipped).
    pub(crate) fn session(&self, org: usize, person: usize) -> Option<Session> {
        self.service
            .sign_in(&email(org, person), PW, &SignInSource::Local)
            .ok()
    }

    fn import(&self, line: String) {
        let rows = parse(line.as_bytes(), InputFormat::JsonLines, |_| {}).expect("row parses");
        let _ = self
            .service
            .import_records(Importer::Operator, &rows, &mut |_, _| {});
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Op {
    Link {
        org: usize,
        person: usize,
        profile: u32,
    },
    Unlink {
        org: usize,
        person: usize,
    },
    Delete {
        org: usize,
        person: usize,
    },
    RemoveFromReport {
        org: usize,
        profile: u32,
    },
    GrantPu {
        org: usize,
        person: usize,
        pu: usize,
    },
    RemovePu {
        org: usize,
        person: usize,
    },
    ImportMcid {
        profile: u32,
        skill: u8,
        held: bool,
        days: i64,
    },
    ImportPu {
        pu: usize,
        skill: u8,
        days: i64,
    },
    Merge {
        from: u32,
        into: u32,
    },
    Wait {
        hours: i64,
    },
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    let org = 0..ORGS.len();
    let person = 0..PEOPLE.len();
    let profile = 1..=PROFILES;
    prop_oneof![
        8 => (org.clone(), person.clone(), profile.clone())
            .prop_map(|(org, person, profile)| Op::Link { org, person, profile }),
        3 => (org.clone(), person.clone()).prop_map(|(org, person)| Op::Unlink { org, person }),
        1 => (org.clone(), 1..PEOPLE.len()).prop_map(|(org, person)| Op::Delete { org, person }),
        1 => (org.clone(), profile.clone())
            .prop_map(|(org, profile)| Op::RemoveFromReport { org, profile }),
        3 => (org.clone(), person.clone(), 0..PU.len())
            .prop_map(|(org, person, pu)| Op::GrantPu { org, person, pu }),
        1 => (org, person).prop_map(|(org, person)| Op::RemovePu { org, person }),
        6 => (profile.clone(), 0u8..4, any::<bool>(), -400i64..40)
            .prop_map(|(profile, skill, held, days)| Op::ImportMcid { profile, skill, held, days }),
        3 => (0..PU.len(), 0u8..3, -400i64..40)
            .prop_map(|(pu, skill, days)| Op::ImportPu { pu, skill, days }),
        1 => (profile.clone(), profile).prop_map(|(from, into)| Op::Merge { from, into }),
        2 => (1i64..300).prop_map(|hours| Op::Wait { hours }),
    ]
}

pub(crate) fn run(w: &World, op: &Op) {
    let s = &w.service;
    let now = s.now().unwrap();
    let date = |days: i64| (now + TimeDelta::days(days)).to_rfc3339();
    match *op {
        Op::Link {
            org,
            person,
            profile,
        } => {
            if let Some(me) = w.session(org, person) {
                let _ = s.link(&me, &format!("p{profile}@learn.example.com"), PROFILE_PW);
            }
        }
        Op::Unlink { org, person } => {
            if let Some(me) = w.session(org, person) {
                let _ = s.unlink(&me);
            }
        }
        Op::Delete { org, person } => {
            if let Some(ga) = w.session(org, 0) {
                let _ = s.delete_account(&ga, &email(org, person));
            }
        }
        Op::RemoveFromReport { org, profile } => {
            if let Some(ga) = w.session(org, 0) {
                let _ = s.remove_from_report(&ga, &profile.to_string());
            }
        }
        Op::GrantPu { org, person, pu } => {
            if let Some(me) = w.session(org, person) {
                let _ = s.grant_pu(&me, PU[pu], PW);
            }
        }
        Op::RemovePu { org, person } => {
            if let Some(me) = w.session(org, person) {
                let _ = s.remove_pu(&me);
            }
        }
        Op::ImportMcid {
            profile,
            skill,
            held,
            days,
        } => {
            let line = match skill {
                0 => format!(
                    r#"{{"mcid": {profile}, "kind": "certification", "skill_id": "cert-{profile}", "name": "Cert", "date": "{}", "expires": "{}"}}"#,
                    date(days),
                    date(days + 365)
                ),
                1 | 2 => format!(
                    r#"{{"mcid": {profile}, "kind": "exam", "skill_id": "EX-{skill}", "name": "Exam {skill}", "date": "{}", "passed": {held}}}"#,
                    date(days)
                ),
                _ => format!(
                    r#"{{"mcid": {profile}, "kind": "module", "skill_id": "mod-1", "name": "Module", "date": "{}", "status": "completed"}}"#,
                    date(days)
                ),
            };
            w.import(line);
        }
        Op::ImportPu { pu, skill, days } => w.import(format!(
            r#"{{"pu_username": "{}", "kind": "assessment", "skill_id": "as-{skill}", "name": "Assessment {skill}", "date": "{}", "passed": true}}"#,
            PU[pu],
            date(days)
        )),
        Op::Merge { from, into } => {
            let _ = s.merge_profiles(&w.support, &from.to_string(), &into.to_string());
        }
        Op::Wait { hours } => w.clock.advance(TimeDelta::hours(hours)),
    }
}

pub(crate) fn config() -> ProptestConfig {
    let cases = std::env::var("CERTLINK_PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(32);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// R10: after every command, whatever it did or refused, the report table
    /// is what the accounts, links and skills say (the invariant checker
    /// derives it person by person and compares).
    #[test]
    fn the_report_table_follows_every_command(ops in prop::collection::vec(op(), 20..=50)) {
        let w = World::new();
        for op in &ops {
            run(&w, op);
            let problems = w.service.check_invariants().unwrap();
            prop_assert!(problems.is_empty(), "after {:?}: {:?}", op, problems);
        }
    }
}

/// R10 with a large import: past a bound of held skills the writer adds them
/// to the report during the transaction instead of holding them all until the
/// commit (issue 13: an import streams through). Records of one linked person,
/// of a PU holder and of an unlinked profile, interleaved, many times past the
/// bound: the report table still equals what accounts, links and skills say.
#[test]
fn a_large_import_keeps_the_report_table_true() {
    let w = World::new();
    let s = &w.service;
    let me = w.session(0, 2).unwrap();
    s.link(&me, "p1@learn.example.com", PROFILE_PW).unwrap();
    let pu_holder = w.session(1, 2).unwrap();
    s.grant_pu(&pu_holder, PU[0], PW).unwrap();
    w.clock.advance(TimeDelta::days(1));
    let mut text = String::new();
    for i in 0..40_000 {
        text.push_str(&match i % 3 {
            0 => format!(
                "{{\"mcid\": 1, \"kind\": \"certification\", \"skill_id\": \"c-{i}\", \"name\": \"C {i}\", \"date\": \"2025-12-01\"}}\n"
            ),
            1 => format!(
                "{{\"pu_username\": \"{}\", \"kind\": \"assessment\", \"skill_id\": \"a-{i}\", \"name\": \"A {i}\", \"date\": \"2025-12-01\", \"passed\": true}}\n",
                PU[0]
            ),
            _ => format!(
                "{{\"mcid\": 2, \"kind\": \"exam\", \"skill_id\": \"e-{i}\", \"name\": \"E {i}\", \"date\": \"2025-12-01\", \"passed\": true}}\n"
            ),
        });
    }
    let rows = parse(text.as_bytes(), InputFormat::JsonLines, |_| {}).unwrap();
    let summary = s
        .import_records(Importer::Support(&w.support), &rows, &mut |_, _| {})
        .unwrap();
    assert_eq!(summary.added, 40_000);
    let problems = s.check_invariants().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}
