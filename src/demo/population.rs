//! `certlink demo --people N`: a deterministic population for measuring certlink at
//! scale (10k, 100k, 1M people) with realistic histories: moves between
//! organizations, unlinks, PU access, certifications, exams and learning progress.
//! Most people join Contoso, so its admins (`ada@contoso.com`) see a large report.
//! Every link is decided by the domain through `Service::bulk`. This sandbox holds
//! the three demo organizations, their admins and the support engineers, and the
//! generated people (the hand-written demo stories are in the plain `demo`).

use chrono::{DateTime, TimeDelta, Utc};

use crate::domain::skills::{Progress, SkillKind, SkillRecord, Subject};
use crate::domain::{AccountId, Email, Mcid, MpnId, PuUsername, Roles};
use crate::service::{Service, ServiceError};

use super::{ACCOUNT_PASSWORD, CONTOSO, FABRIKAM, NORTHWIND, PROFILE_PASSWORD, SUPPORT_PASSWORD};

/// The staff of the scaled sandbox: (email, name, org, roles).
pub const STAFF: &[(&str, &str, u64, Roles)] = &[
    (
        "ada@contoso.com",
        "Ada Lovelace",
        CONTOSO,
        Roles::GLOBAL_ADMIN,
    ),
    (
        "grace@contoso.com",
        "Grace Hopper",
        CONTOSO,
        Roles {
            partner_admin: true,
            global_admin: false,
        },
    ),
    (
        "tim@fabrikam.com",
        "Tim Berners-Lee",
        FABRIKAM,
        Roles::GLOBAL_ADMIN,
    ),
    (
        "annie@northwind.com",
        "Annie Easley",
        NORTHWIND,
        Roles::GLOBAL_ADMIN,
    ),
];

/// SplitMix64: small, fast and deterministic for a given seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Amira", "Bjorn", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Jun", "Kofi",
    "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Andersen",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quint",
    "Rossi",
    "Silva",
    "Tanaka",
    "Urban",
    "Vargas",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmermann",
];
const EXAMS: &[(&str, &str)] = &[
    ("AZ-104", "Microsoft Azure Administrator"),
    ("AZ-305", "Designing Azure Infrastructure Solutions"),
    ("SC-200", "Microsoft Security Operations Analyst"),
    ("SC-300", "Identity and Access Administrator"),
    ("DP-203", "Data Engineering on Microsoft Azure"),
    ("AI-102", "Designing an Azure AI Solution"),
    ("AZ-900", "Microsoft Azure Fundamentals"),
    ("MS-102", "Microsoft 365 Administrator"),
];
const MODULES: &[&str] = &[
    "learn-azure-intro",
    "learn-azure-vnets",
    "learn-sentinel",
    "learn-entra-id",
    "learn-synapse",
];

/// What the generator made.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PopulationSummary {
    pub people: usize,
    pub links: usize,
    pub moves: usize,
    pub unlinks: usize,
    pub pu_grants: usize,
    pub skills: usize,
    pub refused_by_r9: usize,
}

enum Step {
    Link(AccountId, Mcid),
    Unlink(AccountId),
    GrantPu(AccountId, PuUsername),
}

fn err(e: crate::domain::ParseIdError) -> ServiceError {
    ServiceError::Invalid(e.0)
}

/// Adds `people` generated people (deterministic for `seed`) to a sandbox whose
/// history ends at `now`. `progress(done, total)` follows the work.
pub fn populate(
    service: &Service,
    people: usize,
    seed: u64,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PopulationSummary, ServiceError> {
    let mut rng = Rng(seed);
    let origin = now - TimeDelta::days(1100);
    let mut bulk = service.bulk(origin, ACCOUNT_PASSWORD, PROFILE_PASSWORD)?;
    let orgs = [
        (CONTOSO, "contoso.com"),
        (FABRIKAM, "fabrikam.com"),
        (NORTHWIND, "northwind.com"),
    ];
    for (mpn, name) in [
        (CONTOSO, "Contoso Ltd"),
        (FABRIKAM, "Fabrikam, Inc."),
        (NORTHWIND, "Northwind Traders"),
    ] {
        bulk.org(MpnId::new(mpn).map_err(err)?, name)?;
    }
    for (email, name, org, roles) in STAFF {
        bulk.account(
            MpnId::new(*org).map_err(err)?,
            &email.parse().map_err(err)?,
            name,
            *roles,
        )?;
    }

    let mut steps: Vec<(DateTime<Utc>, Step)> = Vec::with_capacity(people * 2);
    let mut summary = PopulationSummary {
        people,
        ..Default::default()
    };
    let total = people * 2;

    // Accounts, profiles, PU accounts and skills: created at the origin.
    for i in 0..people {
        let home = match rng.below(10) {
            0 => 1,
            1 => 2,
            _ => 0,
        };
        let (org, domain) = orgs[home];
        let name = format!(
            "{} {}",
            FIRST[rng.below(FIRST.len() as u64) as usize],
            LAST[rng.below(LAST.len() as u64) as usize]
        );
        let email: Email = format!("p{i}@{domain}").parse().map_err(err)?;
        let account = bulk.account(MpnId::new(org).map_err(err)?, &email, &name, Roles::USER)?;
        let mcid = Mcid::new(20_000_000 + i as u64).map_err(err)?;
        bulk.profile(
            mcid,
            &format!("p{i}@learn.example.com").parse().map_err(err)?,
            &name,
        )?;

        if rng.chance(90) {
            let first = now
                - TimeDelta::days(30 + rng.below(1000) as i64)
                - TimeDelta::minutes(rng.below(1440) as i64);
            if rng.chance(20) {
                // An earlier employer: an account there linked first, then a move (R6).
                let (prev_org, prev_domain) = orgs[(home + 1 + rng.below(2) as usize) % 3];
                let old: Email = format!("p{i}.old@{prev_domain}").parse().map_err(err)?;
                let old_account =
                    bulk.account(MpnId::new(prev_org).map_err(err)?, &old, &name, Roles::USER)?;
                let moved = first + TimeDelta::days(45 + rng.below(400) as i64);
                steps.push((first, Step::Link(old_account, mcid)));
                steps.push((
                    moved.min(now - TimeDelta::hours(1)),
                    Step::Link(account, mcid),
                ));
                summary.moves += 1;
            } else {
                steps.push((first, Step::Link(account, mcid)));
                if rng.chance(5) {
                    steps.push((
                        first + TimeDelta::days(1 + rng.below(25) as i64),
                        Step::Unlink(account),
                    ));
                    summary.unlinks += 1;
                }
            }
            let subject = Subject::Mcid(mcid);
            for _ in 0..rng.below(4) {
                let (id, title) = EXAMS[rng.below(EXAMS.len() as u64) as usize];
                let date = now - TimeDelta::days(1 + rng.below(700) as i64);
                bulk.skill(&SkillRecord {
                    subject: subject.clone(),
                    kind: SkillKind::Exam,
                    skill_id: id.into(),
                    name: title.into(),
                    date,
                    expires: None,
                    passed: Some(rng.chance(85)),
                    progress: None,
                })?;
                summary.skills += 1;
            }
            for _ in 0..rng.below(5) {
                let module = MODULES[rng.below(MODULES.len() as u64) as usize];
                bulk.skill(&SkillRecord {
                    subject: subject.clone(),
                    kind: SkillKind::Module,
                    skill_id: module.into(),
                    name: module.trim_start_matches("learn-").replace('-', " "),
                    date: now - TimeDelta::days(1 + rng.below(400) as i64),
                    expires: None,
                    passed: None,
                    progress: Some(if rng.chance(80) {
                        Progress::Completed
                    } else {
                        Progress::InProgress
                    }),
                })?;
                summary.skills += 1;
            }
        }
        if rng.chance(30) {
            let username: PuUsername = format!("pu{i}").parse().map_err(err)?;
            bulk.pu(
                &username,
                &format!("p{i}@pu.example.com").parse().map_err(err)?,
            )?;
            steps.push((
                now - TimeDelta::days(1 + rng.below(900) as i64),
                Step::GrantPu(account, username),
            ));
        }
        if i % 10_000 == 0 {
            progress(i, total);
        }
    }

    // The histories, replayed in time order.
    steps.sort_by_key(|(at, _)| *at);
    for (n, (at, step)) in steps.into_iter().enumerate() {
        bulk.at(at);
        match step {
            Step::Link(account, mcid) => {
                if bulk.link(account, mcid)? {
                    summary.links += 1;
                }
            }
            Step::Unlink(account) => bulk.unlink(account)?,
            Step::GrantPu(account, username) => {
                bulk.grant_pu(account, &username)?;
                summary.pu_grants += 1;
            }
        }
        if n % 10_000 == 0 {
            progress(people + n / 2, total);
        }
    }
    summary.refused_by_r9 = bulk.refused_links;
    bulk.at(now);
    bulk.finish()?;
    // Support engineers sign in with their own demo password; added last, at `now`.
    for (email, name) in super::SUPPORT {
        service.add_support(email, name, SUPPORT_PASSWORD)?;
    }
    progress(total, total);
    Ok(summary)
}
