//! `certlink demo --people N`: a deterministic population for measuring certlink at
//! scale (10k, 100k, 1M people) with realistic histories: moves between
//! organizations, unlinks, PU access, certifications, exams and learning progress,
//! and support tickets (R14) that a few percent of people open and the support
//! engineers answer.
//! Most people join Contoso, so its admins (`ada@contoso.com`) see a large report.
//! Every link is decided by the domain through `Service::bulk`. This sandbox holds
//! the three demo organizations, their admins and the support engineers, and the
//! generated people (the hand-written demo stories are in the plain `demo`).
//! Tickets draw from their own random stream, so adding them left the people and
//! histories of a given seed as they were. People are numbered in the order
//! of their first step, so the time-ordered replay of the histories reaches
//! their keys mostly in ascending order (docs/performance.md, "Ten million
//! people").

use chrono::{DateTime, TimeDelta, Utc};

use crate::service::{Bulk, Inconsistency, Service, ServiceError};
use certlink_domain::skills::{Progress, SkillKind, SkillRecord, Subject};
use certlink_domain::tickets::TicketCategory;
use certlink_domain::{AccountId, DomainOwner, Email, Mcid, MpnId, PuUsername, Roles};

use super::{
    ACCOUNT_PASSWORD, CONTOSO, FABRIKAM, NORTHWIND, PROFILE_PASSWORD, SUPPORT, SUPPORT_DOMAIN,
    SUPPORT_PASSWORD,
};

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
#[derive(Clone, Copy)]
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
/// Certifications (Microsoft Learn credential ids, as
/// docs/examples/designations.toml names them), so the designation scores
/// have people to count at scale.
const CERTIFICATIONS: &[(&str, &str)] = &[
    (
        "azure-administrator-associate",
        "Azure Administrator Associate",
    ),
    (
        "azure-solutions-architect-expert",
        "Azure Solutions Architect Expert",
    ),
    (
        "azure-security-engineer-associate",
        "Azure Security Engineer Associate",
    ),
    (
        "security-operations-analyst-associate",
        "Security Operations Analyst Associate",
    ),
    ("azure-developer-associate", "Azure Developer Associate"),
    (
        "azure-data-engineer-associate",
        "Azure Data Engineer Associate",
    ),
    (
        "teams-administrator-associate",
        "Teams Administrator Associate",
    ),
    (
        "m365-enterprise-administrator-expert",
        "Microsoft 365 Administrator Expert",
    ),
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
    /// R14 tickets opened, and how many of them support resolved.
    pub tickets: usize,
    pub tickets_resolved: usize,
    /// The file's length once generated, before any compaction.
    pub file_bytes: u64,
}

impl PopulationSummary {
    /// Whether the file was compacted once generated (only files of up to
    /// 4 GiB are: larger ones would be read whole several times).
    pub fn compacted(&self) -> bool {
        super::worth_compacting(self.file_bytes)
    }
}

/// Percent of people who open a support ticket.
const TICKET_PERCENT: u64 = 3;

/// What people write, per category: (opening, follow-up).
fn ticket_texts(category: TicketCategory) -> (&'static str, &'static str) {
    match category {
        TicketCategory::Linking => (
            "I cannot link my certification profile to my work account; the sign-in is refused.",
            "I tried again with my Learn sign-in and it worked, thank you.",
        ),
        TicketCategory::Unlinking => (
            "I removed access to my certification profile by mistake. Can it be restored?",
            "Understood, I linked it again myself.",
        ),
        TicketCategory::McidMerge => (
            "I have two MCIDs with different exams on each. Please merge them.",
            "I sent both MCIDs to Certification Support as asked.",
        ),
        TicketCategory::Other => (
            "My name is shown wrongly in the skills report of my organization.",
            "The report is right now, thanks.",
        ),
    }
}

/// What support answers, per category.
fn support_answer(category: TicketCategory) -> &'static str {
    match category {
        TicketCategory::Linking => {
            "Please sign in with the email of your certification profile, not your work email."
        }
        TicketCategory::Unlinking => {
            "Removing access ends the link; you can link the same MCID again yourself (R7)."
        }
        TicketCategory::McidMerge => {
            "MCID merges are done by Certification Support (R15); we forwarded your request."
        }
        TicketCategory::Other => "We checked your account; the report shows your current name.",
    }
}

enum Step {
    Link(AccountId, Mcid),
    Unlink(AccountId),
    GrantPu(AccountId, PuUsername),
    /// Generated ticket `k` is opened (its store id is known from then on).
    TicketOpen(usize, AccountId, TicketCategory),
    /// Ticket `k` is answered by its support engineer (`true`) or its opener.
    TicketReply(usize, bool, &'static str),
    TicketResolve(usize),
}

/// A generated ticket: its opener and the support engineer who answers it (index
/// into `SUPPORT`).
struct PlannedTicket {
    opener: AccountId,
    engineer: usize,
}

fn err(e: certlink_domain::ParseIdError) -> ServiceError {
    e.into()
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
    let mut streams = Streams {
        people: Rng(seed),
        tickets: Rng(seed ^ 0x7469_636B_6574_7321),
        // A stream of its own: the people, links and exams of a seed stay as they were.
        certs: Rng(seed ^ 0x6365_7274_6966_7921),
    };
    let mut planned: Vec<PlannedTicket> = Vec::new();
    let origin = now - TimeDelta::days(1100);
    let mut bulk = service.bulk(origin, ACCOUNT_PASSWORD, PROFILE_PASSWORD)?;
    // The three organizations the population was made for (the story's
    // fourth, 上海云桥, is not in it: a seed's sandbox stays as it was).
    let [contoso, fabrikam, northwind, _] = super::ORGS;
    let three = [contoso, fabrikam, northwind];
    let orgs = three.map(|(mpn, _, domain)| (mpn, domain));
    // R13a: each organization with its domain, and the support engineers'.
    for (mpn, name, domain) in three {
        let mpn = MpnId::new(mpn).map_err(err)?;
        bulk.org(mpn, name)?;
        bulk.domain(DomainOwner::Org(mpn), &domain.parse().map_err(err)?)?;
    }
    bulk.domain(DomainOwner::Support, &SUPPORT_DOMAIN.parse().map_err(err)?)?;
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

    let world = World { now, origin, orgs };
    // People are numbered in the order they first act, so the replay below
    // reaches their accounts, MCIDs and index entries mostly in ascending key
    // order, on pages still in redb's cache (at 1M people the replay took
    // 54 s instead of 78: docs/performance.md). The first pass only draws,
    // to learn that order and where each person's draws begin; the second
    // makes each person from the same draws.
    let mut starts: Vec<Streams> = Vec::with_capacity(people);
    let mut order: Vec<(i64, usize)> = Vec::with_capacity(people);
    for i in 0..people {
        starts.push(streams);
        let first = person(i, &mut streams, &world, None)?;
        order.push((first.map_or(i64::MAX, |at| at.timestamp_micros()), i));
    }
    order.sort_unstable();
    // Accounts, profiles, PU accounts and skills: created at the origin.
    {
        let mut making = Making {
            bulk: &mut bulk,
            steps: &mut steps,
            summary: &mut summary,
            planned: &mut planned,
        };
        for (label, (_, i)) in order.into_iter().enumerate() {
            let mut drawn = starts[i];
            person(label, &mut drawn, &world, Some(&mut making))?;
            if label % 10_000 == 0 {
                progress(label, total);
            }
        }
    }
    drop(starts);
    // Support engineers sign in with their own demo password; they exist from the
    // origin so they can answer tickets in the history.
    let mut engineers = Vec::with_capacity(SUPPORT.len());
    for (email, name) in SUPPORT {
        engineers.push(bulk.support(&email.parse().map_err(err)?, name, SUPPORT_PASSWORD)?);
    }
    let mut ticket_ids: Vec<Option<u64>> = vec![None; planned.len()];

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
            Step::TicketOpen(k, account, category) => {
                let (text, _) = ticket_texts(category);
                ticket_ids[k] = Some(bulk.ticket(account, category, text)?);
                summary.tickets += 1;
            }
            Step::TicketReply(k, from_support, text) => {
                let author = if from_support {
                    engineers[planned[k].engineer]
                } else {
                    planned[k].opener
                };
                bulk.ticket_reply(opened(&ticket_ids, k)?, author, text)?;
            }
            Step::TicketResolve(k) => {
                bulk.ticket_resolve(opened(&ticket_ids, k)?, engineers[planned[k].engineer])?;
                summary.tickets_resolved += 1;
            }
        }
        if n % 10_000 == 0 {
            progress(people + n / 2, total);
        }
    }
    summary.refused_by_r9 = bulk.refused_links;
    bulk.at(now);
    bulk.finish()?;
    progress(total, total);
    Ok(summary)
}

/// The generator's three random streams, as they stood when one person's
/// draws began (SplitMix64's whole state is one word, so a person can be
/// drawn again from here).
#[derive(Clone, Copy)]
struct Streams {
    people: Rng,
    tickets: Rng,
    certs: Rng,
}

/// What every person is drawn against.
struct World {
    now: DateTime<Utc>,
    origin: DateTime<Utc>,
    orgs: [(u64, &'static str); 3],
}

/// Where a person's records and history go in the creating pass.
struct Making<'m, 's> {
    bulk: &'m mut Bulk<'s>,
    steps: &'m mut Vec<(DateTime<Utc>, Step)>,
    summary: &'m mut PopulationSummary,
    planned: &'m mut Vec<PlannedTicket>,
}

/// Draws one person from `r`: their account, profile, skills and PU account
/// (created through `making`, named `label`: `p{label}@…`, MCID
/// 20,000,000 + `label`) and the steps of their history. Without `making`
/// (the planning pass) only the draws are made. Either way the same draws
/// are taken from `r`, and the instant of the person's first step is returned.
fn person(
    label: usize,
    r: &mut Streams,
    world: &World,
    mut making: Option<&mut Making<'_, '_>>,
) -> Result<Option<DateTime<Utc>>, ServiceError> {
    let World { now, origin, orgs } = *world;
    let rng = &mut r.people;
    let mut mine: Vec<(DateTime<Utc>, Step)> = Vec::new();
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
    let mcid = Mcid::new(20_000_000 + label as u64).map_err(err)?;
    let account = match making.as_mut() {
        Some(m) => {
            let email: Email = format!("p{label}@{domain}").parse().map_err(err)?;
            let account =
                m.bulk
                    .account(MpnId::new(org).map_err(err)?, &email, &name, Roles::USER)?;
            m.bulk.profile(
                mcid,
                &format!("p{label}@learn.example.com").parse().map_err(err)?,
                &name,
            )?;
            account
        }
        None => AccountId(0),
    };

    if rng.chance(90) {
        let first = now
            - TimeDelta::days(30 + rng.below(1000) as i64)
            - TimeDelta::minutes(rng.below(1440) as i64);
        if rng.chance(20) {
            // An earlier employer: an account there linked first, then a move (R6).
            let (prev_org, prev_domain) = orgs[(home + 1 + rng.below(2) as usize) % 3];
            let old_account = match making.as_mut() {
                Some(m) => {
                    let old: Email = format!("p{label}.old@{prev_domain}").parse().map_err(err)?;
                    m.summary.moves += 1;
                    m.bulk
                        .account(MpnId::new(prev_org).map_err(err)?, &old, &name, Roles::USER)?
                }
                None => AccountId(0),
            };
            let moved = first + TimeDelta::days(45 + rng.below(400) as i64);
            mine.push((first, Step::Link(old_account, mcid)));
            mine.push((
                moved.min(now - TimeDelta::hours(1)),
                Step::Link(account, mcid),
            ));
        } else {
            mine.push((first, Step::Link(account, mcid)));
            if rng.chance(5) {
                mine.push((
                    first + TimeDelta::days(1 + rng.below(25) as i64),
                    Step::Unlink(account),
                ));
                if let Some(m) = making.as_mut() {
                    m.summary.unlinks += 1;
                }
            }
        }
        let subject = Subject::Mcid(mcid);
        let mut skills = Vec::new();
        for _ in 0..rng.below(4) {
            let (id, title) = EXAMS[rng.below(EXAMS.len() as u64) as usize];
            let date = now - TimeDelta::days(1 + rng.below(700) as i64);
            skills.push(SkillRecord {
                subject: subject.clone(),
                kind: SkillKind::Exam,
                skill_id: id.into(),
                name: title.into(),
                date,
                expires: None,
                passed: Some(rng.chance(85)),
                progress: None,
            });
        }
        let certs = &mut r.certs;
        for _ in 0..certs.below(3) {
            let (id, title) = CERTIFICATIONS[certs.below(CERTIFICATIONS.len() as u64) as usize];
            // A year's validity: some have expired (renewal not imported).
            let earned = now - TimeDelta::days(1 + certs.below(500) as i64);
            skills.push(SkillRecord {
                subject: subject.clone(),
                kind: SkillKind::Certification,
                skill_id: id.into(),
                name: title.into(),
                date: earned,
                expires: Some(earned + TimeDelta::days(365)),
                passed: None,
                progress: None,
            });
        }
        for _ in 0..rng.below(5) {
            let module = MODULES[rng.below(MODULES.len() as u64) as usize];
            skills.push(SkillRecord {
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
            });
        }
        if let Some(m) = making.as_mut() {
            for record in &skills {
                m.bulk.skill(record)?;
            }
            m.summary.skills += skills.len();
        }
    }
    if rng.chance(30) {
        let username: PuUsername = format!("pu{label}").parse().map_err(err)?;
        if let Some(m) = making.as_mut() {
            m.bulk.pu(
                &username,
                &format!("p{label}@pu.example.com").parse().map_err(err)?,
            )?;
        }
        mine.push((
            now - TimeDelta::days(1 + rng.below(900) as i64),
            Step::GrantPu(account, username),
        ));
    }
    let tickets = &mut r.tickets;
    if tickets.chance(TICKET_PERCENT) {
        let engineer = tickets.below(SUPPORT.len() as u64) as usize;
        let k = match making.as_mut() {
            Some(m) => {
                m.planned.push(PlannedTicket {
                    opener: account,
                    engineer,
                });
                m.planned.len() - 1
            }
            None => 0,
        };
        plan_ticket(tickets, k, account, origin, now, &mut mine);
    }
    let first = mine.iter().map(|(at, _)| *at).min();
    if let Some(m) = making {
        m.steps.extend(mine);
    }
    Ok(first)
}

/// The store id of generated ticket `k`, opened earlier in the replay.
fn opened(ids: &[Option<u64>], k: usize) -> Result<u64, ServiceError> {
    ids.get(k)
        .copied()
        .flatten()
        .ok_or_else(|| Inconsistency::DemoTicket(k).into())
}

/// Plans ticket `k` of `opener`: opened within the history (after the accounts,
/// made at `origin`), then 0–3 answers alternating support and opener an hour to
/// two days apart, and, nearly always for older tickets, a resolution by support. Steps
/// that would fall after `now` are left out, so recent tickets stay open or
/// waiting on the user (R14).
fn plan_ticket(
    rng: &mut Rng,
    k: usize,
    opener: AccountId,
    origin: DateTime<Utc>,
    now: DateTime<Utc>,
    steps: &mut Vec<(DateTime<Utc>, Step)>,
) {
    let category = match rng.below(10) {
        0..=4 => TicketCategory::Linking,
        5 | 6 => TicketCategory::Unlinking,
        7 => TicketCategory::McidMerge,
        _ => TicketCategory::Other,
    };
    let span = (now - origin).num_minutes() - 60;
    let mut at = origin + TimeDelta::minutes(1 + rng.below(span.max(1) as u64) as i64);
    let last = now - TimeDelta::minutes(1);
    steps.push((at, Step::TicketOpen(k, opener, category)));
    let (_, follow_up) = ticket_texts(category);
    // Old tickets are nearly all resolved; recent ones often still open.
    let age = now - at;
    let resolve = rng.chance(if age > TimeDelta::days(60) {
        97
    } else if age > TimeDelta::days(14) {
        80
    } else {
        30
    });
    // Support answers at least once before resolving.
    let answers = if resolve {
        1 + rng.below(3)
    } else {
        rng.below(4)
    };
    for n in 0..answers {
        at += TimeDelta::minutes(60 + rng.below(2 * 1440) as i64);
        if at > last {
            return;
        }
        let step = if n % 2 == 0 {
            Step::TicketReply(k, true, support_answer(category))
        } else {
            Step::TicketReply(k, false, follow_up)
        };
        steps.push((at, step));
    }
    if resolve {
        at += TimeDelta::minutes(30 + rng.below(1440) as i64);
        if at <= last {
            steps.push((at, Step::TicketResolve(k)));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::DateTime;

    use crate::service::{Service, SignInSource};
    use crate::store::Queries;
    use certlink_domain::tickets::TicketStatus;

    use super::super::{ACCOUNT_PASSWORD, SUPPORT, SUPPORT_PASSWORD};

    fn now() -> DateTime<chrono::Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T12:00:00Z")
            .unwrap()
            .to_utc()
    }

    /// The support queue (Support tab, `certlink ticket list` as support).
    fn queue(service: &Service) -> Vec<crate::service::TicketView> {
        let (email, _) = SUPPORT[0];
        let support = service
            .sign_in(email, SUPPORT_PASSWORD, &SignInSource::Local)
            .unwrap();
        service.tickets(&support, usize::MAX).unwrap()
    }

    /// R14: a generated population of a thousand people has support tickets in
    /// every status, opened within the history after the opener's account, with
    /// 1–4 messages between the opener and one support engineer; the support queue
    /// and each opener's list read them; every invariant holds; the same seed gives
    /// the same tickets.
    /// The generator ends with a compacted file: its batches grow the file far
    /// beyond its data (a 100k file was 546 MB, 216 MB compacted), and a second
    /// compaction finds nothing left to move.
    #[test]
    fn a_generated_file_is_compacted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gen.redb");
        let (mut service, _, summary) =
            super::super::build_population(&path, now(), 300, 3, &mut |_, _| {}).unwrap();
        assert!(summary.compacted());
        let compacted = std::fs::metadata(&path).unwrap().len();
        assert!(
            compacted < summary.file_bytes,
            "{compacted} bytes, {} generated",
            summary.file_bytes
        );
        assert!(!service.compact().unwrap(), "already compact");
        assert_eq!(service.check_invariants().unwrap(), Vec::<String>::new());
    }

    /// People are numbered in the order of their first step (link, PU grant
    /// or ticket), so the replay reaches their keys mostly in ascending order:
    /// the earliest audit record of person `r`'s accounts (`p{r}@…` and a
    /// former employer's `p{r}.old@…`) never comes before that of person
    /// `r − 1`. The planning pass and the creating pass draw alike, or the
    /// order would not hold.
    #[test]
    fn people_are_numbered_in_the_order_they_first_act() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gen.redb");
        let (service, _, _) =
            super::super::build_population(&path, now(), 400, 5, &mut |_, _| {}).unwrap();
        let r = service.store().read().unwrap();
        let mut firsts = Vec::new();
        for label in 0..400 {
            let mut first: Option<DateTime<chrono::Utc>> = None;
            for domain in ["contoso.com", "fabrikam.com", "northwind.com"] {
                for local in [format!("p{label}"), format!("p{label}.old")] {
                    let email = format!("{local}@{domain}").parse().unwrap();
                    let Some(account) = r.account_by_email(&email).unwrap() else {
                        continue;
                    };
                    let trail = r.audit_of_account(account.id, None, usize::MAX).unwrap();
                    let earliest = trail.iter().map(|a| a.at).min();
                    first = match (first, earliest) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
            }
            firsts.push(first);
        }
        let acting: Vec<_> = firsts.iter().flatten().collect();
        assert!(acting.len() > 350, "{} of 400 people acted", acting.len());
        assert!(
            acting.windows(2).all(|w| w[0] <= w[1]),
            "first steps out of order: {acting:?}"
        );
        // Those who never act come last.
        let quiet = firsts
            .iter()
            .position(Option::is_none)
            .unwrap_or(firsts.len());
        assert!(firsts[quiet..].iter().all(Option::is_none));
    }

    /// Files past one compaction pass (4 GiB) are handed over as generated:
    /// compacting them would read the whole file several times.
    #[test]
    fn only_files_of_up_to_4_gib_are_compacted() {
        use super::super::worth_compacting;
        assert!(worth_compacting(0));
        assert!(worth_compacting(4 << 30));
        assert!(!worth_compacting((4 << 30) + 1));
        assert!(!worth_compacting(28_000_000_000));
    }

    /// A count of people past the generator's bound is refused before any
    /// work: no file is made.
    #[test]
    fn more_people_than_the_generator_holds_are_refused_before_any_work() {
        use crate::service::{InvalidInput, ServiceError};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.redb");
        let max = super::super::MAX_PEOPLE;
        let refused =
            super::super::build_population(&path, now(), max + 1, 1, &mut |_, _| {}).err();
        assert!(
            matches!(
                refused,
                Some(ServiceError::Invalid(InvalidInput::TooManyPeople { asked, max: m }))
                    if asked == max + 1 && m == max
            ),
            "{refused:?}"
        );
        assert!(!path.exists());
    }

    /// The load's redb cache is about 1 KiB a person within 16 MiB–8 GiB, and
    /// never more than half the memory the system has available.
    #[test]
    fn the_load_cache_follows_the_people_and_the_free_memory() {
        use super::super::bulk_cache_bytes as cache;
        assert_eq!(cache(1_000, None), 16 << 20);
        assert_eq!(cache(1_000_000, None), 1_024_000_000);
        assert_eq!(cache(10_000_000, None), 8 << 30);
        assert_eq!(cache(10_000_000, Some(22 << 30)), 8 << 30);
        assert_eq!(cache(10_000_000, Some(8 << 30)), 4 << 30);
        assert_eq!(cache(10_000_000, Some(1 << 20)), 16 << 20);
    }

    /// R13a: the demo and the generator give each organization its domain and
    /// support its own, and every account they make lives in its owner's
    /// domains (the checker's warnings would name any that does not).
    #[test]
    fn r13a_generated_and_demo_people_live_in_their_owners_domains() {
        let dir = tempfile::tempdir().unwrap();
        let generated = dir.path().join("gen.redb");
        let (service, _, _) =
            super::super::build_population(&generated, now(), 300, 3, &mut |_, _| {}).unwrap();
        let (demo, _) = super::super::build(&dir.path().join("demo.redb"), now()).unwrap();
        // The story demo has a fourth organization, 上海云桥 (issue 16).
        for (s, fourth) in [(&service, None), (&demo, Some("yunqiao.example.com"))] {
            let findings = s.check_all().unwrap();
            assert_eq!(findings.violations, Vec::<String>::new());
            assert_eq!(findings.warnings, Vec::new());
            let listed: Vec<String> = s
                .domain_list(crate::service::DomainListing::All)
                .unwrap()
                .iter()
                .map(|d| d.domain.to_string())
                .collect();
            let mut expected = vec![
                "support.example.com",
                "contoso.com",
                "fabrikam.com",
                "northwind.com",
            ];
            expected.extend(fourth);
            assert_eq!(listed, expected);
        }
    }

    #[test]
    fn r14_generated_people_open_tickets_that_support_answers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gen.redb");
        let (service, _, summary) =
            super::super::build_population(&path, now(), 1000, 7, &mut |_, _| {}).unwrap();
        assert!(
            summary.tickets >= 10,
            "about 3% of 1,000 people open one: {summary:?}"
        );
        assert!(summary.tickets_resolved > 0 && summary.tickets_resolved < summary.tickets);
        assert_eq!(service.check_invariants().unwrap(), Vec::<String>::new());

        let all = queue(&service);
        assert_eq!(all.len(), summary.tickets, "the queue lists every ticket");
        let statuses: BTreeSet<TicketStatus> = all.iter().map(|t| t.status).collect();
        assert!(statuses.contains(&TicketStatus::Resolved), "{statuses:?}");
        assert!(
            statuses.len() >= 2,
            "some still open or waiting: {statuses:?}"
        );
        assert_eq!(
            all.iter()
                .filter(|t| t.status == TicketStatus::Resolved)
                .count(),
            summary.tickets_resolved
        );

        let r = service.store().read().unwrap();
        for t in &all {
            assert!((1..=4).contains(&t.messages.len()), "ticket #{}", t.id);
            let opener = r.account_by_email(&t.opened_by).unwrap().unwrap();
            assert!(opener.created_at < t.opened_at && t.updated_at < now());
            assert_eq!(t.org, opener.org(), "an organization's person opens it");
            // The opener writes first, then support and opener take turns.
            for (n, m) in t.messages.iter().enumerate() {
                assert_eq!(m.from_support, n % 2 == 1, "ticket #{}", t.id);
                assert!(m.at >= t.opened_at && m.at <= t.updated_at);
            }
            let last_from_support = t.messages.last().is_some_and(|m| m.from_support);
            match t.status {
                TicketStatus::WaitingOnUser => assert!(last_from_support),
                TicketStatus::Open => assert!(!last_from_support),
                TicketStatus::Resolved => assert!(t.messages.len() >= 2),
            }
        }
        drop(r);

        // The opener's own list (`certlink ticket list` as that person) has it.
        let first = &all[0];
        let person = service
            .sign_in(
                first.opened_by.as_str(),
                ACCOUNT_PASSWORD,
                &SignInSource::Local,
            )
            .unwrap();
        let mine = service.tickets(&person, usize::MAX).unwrap();
        assert!(mine.iter().any(|t| t.id == first.id));
        assert!(mine.iter().all(|t| t.opened_by == first.opened_by));
        assert_eq!(service.ticket(&person, first.id).unwrap().id, first.id);

        // Deterministic: the same seed and N give the same tickets.
        let again_path = dir.path().join("again.redb");
        let (again, _, again_summary) =
            super::super::build_population(&again_path, now(), 1000, 7, &mut |_, _| {}).unwrap();
        assert_eq!(again_summary.tickets, summary.tickets);
        let json = |v: &[crate::service::TicketView]| serde_json::to_string(v).unwrap();
        assert_eq!(json(&queue(&again)), json(&all));
    }
}
