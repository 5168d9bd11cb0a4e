//! The sandbox database of `certlink demo`: four organizations and their people,
//! with histories that show every rule at work; one of them, 上海云桥科技有限公司,
//! with Chinese and mixed Latin/Han names, so zh-CN screens show real text
//! (issue 16; `certlink demo --lang zh-CN`). The data is built by replaying a
//! timeline through the service on a hand-set clock, so every link, move and
//! refusal in it was decided by the same rules as real use (invariant 2).

pub mod population;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::service::{
    Environment, Inconsistency, InvalidInput, ManualClock, NewAccount, ResetRefusal, Service,
    ServiceError, Session, SignInSource,
};
use crate::store::records::AccountKind;
use crate::store::{DbKind, Queries, Store, StoreError};
use certlink_domain::{AccountStatus, MpnId, Roles, Settings};

/// Password of every demo work account (sandbox only).
pub const ACCOUNT_PASSWORD: &str = "certlink-demo";
/// Password of every demo certification profile.
pub const PROFILE_PASSWORD: &str = "learn-demo-pass";
/// Password of every demo Partner University account.
pub const PU_PASSWORD: &str = "pu-demo-pass";
/// Password of the demo support engineers.
pub const SUPPORT_PASSWORD: &str = "support-demo";

/// The demo sign-ins, as `certlink demo --format json` prints them.
#[derive(Debug, Clone, Serialize, Default)]
pub struct DemoSignIns {
    pub accounts: Vec<DemoAccount>,
    pub profiles: Vec<DemoProfile>,
    pub pu_accounts: Vec<DemoPu>,
    pub support: Vec<DemoSupport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoAccount {
    pub email: String,
    pub password: String,
    pub name: String,
    pub mpn_id: u64,
    pub roles: Vec<&'static str>,
    pub status: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoProfile {
    pub mcid: u64,
    pub email: String,
    pub password: String,
    pub linked_mpn_id: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoPu {
    pub username: String,
    pub password: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoSupport {
    pub email: String,
    pub password: String,
}

pub const CONTOSO: u64 = 1_234_567;
pub const FABRIKAM: u64 = 2_345_678;
pub const NORTHWIND: u64 = 3_456_789;
pub const YUNQIAO: u64 = 8_765_432;
/// The organization with a Chinese name (issue 16).
pub const YUNQIAO_NAME: &str = "上海云桥科技有限公司";

/// The demo organizations with the email domain each owns (R13a).
const ORGS: [(u64, &str, &str); 4] = [
    (CONTOSO, "Contoso Ltd", "contoso.com"),
    (FABRIKAM, "Fabrikam, Inc.", "fabrikam.com"),
    (NORTHWIND, "Northwind Traders", "northwind.com"),
    (YUNQIAO, YUNQIAO_NAME, "yunqiao.example.com"),
];

/// The support engineers' email domain (R13a).
pub const SUPPORT_DOMAIN: &str = "support.example.com";

/// (email, name, org, roles) of every demo work account.
const PEOPLE: &[(&str, &str, u64, &str)] = &[
    ("ada@contoso.com", "Ada Lovelace", CONTOSO, "ga"),
    ("grace@contoso.com", "Grace Hopper", CONTOSO, "pa"),
    ("alan@contoso.com", "Alan Turing", CONTOSO, ""),
    ("katherine@contoso.com", "Katherine Johnson", CONTOSO, ""),
    ("linus@contoso.com", "Linus Torvalds", CONTOSO, ""),
    ("margaret@contoso.com", "Margaret Hamilton", CONTOSO, ""),
    ("edsger@contoso.com", "Edsger Dijkstra", CONTOSO, ""),
    ("barbara@contoso.com", "Barbara Liskov", CONTOSO, ""),
    ("wang@contoso.com", "王小明", CONTOSO, ""),
    ("tim@fabrikam.com", "Tim Berners-Lee", FABRIKAM, "ga"),
    ("radia@fabrikam.com", "Radia Perlman", FABRIKAM, "pa"),
    ("ken@fabrikam.com", "Ken Thompson", FABRIKAM, ""),
    ("dennis@fabrikam.com", "Dennis Ritchie", FABRIKAM, ""),
    ("frances@fabrikam.com", "Frances Allen", FABRIKAM, ""),
    ("hedy@fabrikam.com", "Hedy Lamarr", FABRIKAM, ""),
    ("john@fabrikam.com", "John Backus", FABRIKAM, ""),
    ("alan@fabrikam.com", "Alan Turing", FABRIKAM, ""),
    ("margaret@fabrikam.com", "Margaret Hamilton", FABRIKAM, ""),
    ("annie@northwind.com", "Annie Easley", NORTHWIND, "ga"),
    ("claude@northwind.com", "Claude Shannon", NORTHWIND, "ga,pa"),
    ("jean@northwind.com", "Jean Sammet", NORTHWIND, ""),
    ("niklaus@northwind.com", "Niklaus Wirth", NORTHWIND, ""),
    ("sophie@northwind.com", "Sophie Wilson", NORTHWIND, ""),
    ("guido@northwind.com", "Guido van Rossum", NORTHWIND, ""),
    ("lynn@northwind.com", "Lynn Conway", NORTHWIND, ""),
    ("alan@northwind.com", "Alan Turing", NORTHWIND, ""),
    // Frances has joined Northwind; Fabrikam has not deleted her old account yet,
    // and her MCID is still linked there: she can move it (R6).
    ("frances@northwind.com", "Frances Allen", NORTHWIND, ""),
    // 上海云桥: Chinese names, one mixed Latin/Han (CJK layout, issue 16).
    // Last in the list: the sign-in screen's first rows stay as they were.
    ("li.na@yunqiao.example.com", "李娜", YUNQIAO, "ga"),
    ("zhang.wei@yunqiao.example.com", "张伟", YUNQIAO, "pa"),
    ("chen.jing@yunqiao.example.com", "陈静", YUNQIAO, ""),
    ("kevin.zhou@yunqiao.example.com", "Kevin 周凯", YUNQIAO, ""),
];

/// Rehired at Contoso after his old account was deleted (R12): this new account
/// can take the link over without a new association (R6). Created near the end.
const REHIRED: (&str, &str, u64) = ("linus.torvalds@contoso.com", "Linus Torvalds", CONTOSO);

/// Invited (temporary password not yet replaced): (email, name, org).
const INVITED: &[(&str, &str, u64)] = &[("donald@contoso.com", "Donald Knuth", CONTOSO)];
/// Temporary password of the invited demo account (R13).
pub const INVITED_PASSWORD: &str = "temporary-demo";

/// (MCID, sign-in email, name) of every demo certification profile.
const PROFILES: &[(u64, &str, &str)] = &[
    (10_000_001, "alan.turing@learn.example.com", "Alan Turing"),
    (
        10_000_002,
        "margaret.hamilton@learn.example.com",
        "Margaret Hamilton",
    ),
    (
        10_000_003,
        "linus.torvalds@learn.example.com",
        "Linus Torvalds",
    ),
    (
        10_000_004,
        "barbara.liskov@learn.example.com",
        "Barbara Liskov",
    ),
    (10_000_005, "wang.xiaoming@learn.example.com", "王小明"),
    (
        10_000_006,
        "radia.perlman@learn.example.com",
        "Radia Perlman",
    ),
    (10_000_007, "ken.thompson@learn.example.com", "Ken Thompson"),
    (
        10_000_008,
        "frances.allen@learn.example.com",
        "Frances Allen",
    ),
    (10_000_009, "jean.sammet@learn.example.com", "Jean Sammet"),
    (
        10_000_010,
        "sophie.wilson@learn.example.com",
        "Sophie Wilson",
    ),
    (10_000_011, "lynn.conway@learn.example.com", "Lynn Conway"),
    (
        10_000_012,
        "edsger.dijkstra@learn.example.com",
        "Edsger Dijkstra",
    ),
    (
        10_000_013,
        "katherine.johnson@learn.example.com",
        "Katherine Johnson",
    ),
    (
        10_000_014,
        "dennis.ritchie@learn.example.com",
        "Dennis Ritchie",
    ),
    (
        10_000_015,
        "niklaus.wirth@learn.example.com",
        "Niklaus Wirth",
    ),
    (
        10_000_016,
        "guido.vanrossum@learn.example.com",
        "Guido van Rossum",
    ),
    (10_000_017, "ada.lovelace@learn.example.com", "Ada Lovelace"),
    (10_000_018, "zhang.wei@learn.example.com", "张伟"),
    (10_000_019, "chen.jing@learn.example.com", "陈静"),
];

/// (username, email) of every demo PU account. Katherine's PU email is also her
/// profile's sign-in email (the R4 shortcut).
const PU_ACCOUNTS: &[(&str, &str)] = &[
    ("katherine.j", "katherine.johnson@learn.example.com"),
    ("hedy.l", "hedy.lamarr@pu.example.com"),
    ("lynn.c", "lynn.conway@pu.example.com"),
    ("ada.l", "ada.lovelace@pu.example.com"),
    ("guido.r", "guido.vanrossum@pu.example.com"),
];

const SUPPORT: &[(&str, &str)] = &[
    ("sam@support.example.com", "Sam Support"),
    ("robin@support.example.com", "Robin Support"),
];

/// R11: the demo's competency definitions (operator data).
pub const COMPETENCIES_TOML: &str = r#"
[[competency]]
id = "azure-infrastructure"
name = "Azure Infrastructure"
required_individuals = 2
skills = ["AZ-104", "AZ-305", "azure-administrator-associate"]

[[competency]]
id = "security"
name = "Security"
required_individuals = 2
skills = ["SC-200", "SC-300", "pu-security-fundamentals"]

[[competency]]
id = "data-ai"
name = "Data and AI"
required_individuals = 1
skills = ["DP-203", "AI-102"]
"#;

/// The Solutions Partner designations as shipped for operators (the six
/// solution areas as published; docs/designations.md).
pub const DESIGNATIONS_TOML: &str = include_str!("../../../../docs/examples/designations.toml");

/// The demo's designation data as the operator would set it: Fabrikam is
/// scored as SMB, and the other metrics come from outside systems for
/// Contoso and Fabrikam (Northwind and Yunqiao have none imported).
fn add_designation_data(service: &Service, now: DateTime<Utc>) -> Result<(), ServiceError> {
    service.define_designations(DESIGNATIONS_TOML)?;
    service.set_org_size(&FABRIKAM.to_string(), "smb")?;
    let as_of = (now - TimeDelta::days(3)).date_naive().to_string();
    let mut lines = String::new();
    for (org, area, performance, customer_success) in [
        (CONTOSO, "azure-infrastructure", 38.0, 30.0),
        (CONTOSO, "security", 30.0, 25.0),
        (CONTOSO, "modern-work", 32.0, 28.0),
        (FABRIKAM, "azure-data-ai", 20.0, 15.0),
        (FABRIKAM, "security", 25.5, 20.0),
    ] {
        let line = serde_json::json!({
            "mpn_id": org.to_string(),
            "area": area,
            "performance": performance,
            "customer_success": customer_success,
            "as_of": as_of,
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    service.import_designation_metrics(&lines)?;
    Ok(())
}

/// (subject, kind, skill id, name, days ago, passed/status/expiry-in-days).
/// Subjects are "mcid:N" or "pu:username".
const LEARNING: &[(&str, &str, &str, &str, i64, &str)] = &[
    (
        "mcid:10000001",
        "exam",
        "AZ-104",
        "Microsoft Azure Administrator",
        120,
        "passed",
    ),
    (
        "mcid:10000001",
        "certification",
        "azure-administrator-associate",
        "Azure Administrator Associate",
        118,
        "730",
    ),
    (
        "mcid:10000001",
        "exam",
        "AZ-305",
        "Designing Azure Infrastructure Solutions",
        20,
        "passed",
    ),
    (
        "mcid:10000002",
        "exam",
        "SC-200",
        "Microsoft Security Operations Analyst",
        3,
        "passed",
    ),
    (
        "mcid:10000002",
        "exam",
        "AZ-104",
        "Microsoft Azure Administrator",
        400,
        "passed",
    ),
    (
        "mcid:10000003",
        "exam",
        "AZ-104",
        "Microsoft Azure Administrator",
        160,
        "passed",
    ),
    (
        "mcid:10000004",
        "exam",
        "DP-203",
        "Data Engineering on Microsoft Azure",
        200,
        "passed",
    ),
    (
        "mcid:10000004",
        "exam",
        "AI-102",
        "Designing an Azure AI Solution",
        30,
        "failed",
    ),
    (
        "mcid:10000005",
        "exam",
        "SC-300",
        "Identity and Access Administrator",
        60,
        "passed",
    ),
    (
        "mcid:10000005",
        "certification",
        "identity-access-admin-associate",
        "Identity and Access Administrator Associate",
        58,
        "730",
    ),
    (
        "mcid:10000006",
        "exam",
        "SC-200",
        "Microsoft Security Operations Analyst",
        90,
        "passed",
    ),
    (
        "mcid:10000008",
        "exam",
        "DP-203",
        "Data Engineering on Microsoft Azure",
        100,
        "passed",
    ),
    (
        "mcid:10000009",
        "exam",
        "AZ-104",
        "Microsoft Azure Administrator",
        40,
        "passed",
    ),
    (
        "mcid:10000010",
        "exam",
        "AI-102",
        "Designing an Azure AI Solution",
        80,
        "passed",
    ),
    (
        "mcid:10000011",
        "exam",
        "AZ-305",
        "Designing Azure Infrastructure Solutions",
        5,
        "passed",
    ),
    (
        "pu:katherine.j",
        "assessment",
        "pu-security-fundamentals",
        "Security Fundamentals",
        200,
        "passed",
    ),
    (
        "pu:hedy.l",
        "assessment",
        "pu-security-fundamentals",
        "Security Fundamentals",
        100,
        "passed",
    ),
    (
        "pu:lynn.c",
        "assessment",
        "pu-azure-sales",
        "Azure Sales Specialist",
        8,
        "passed",
    ),
    (
        "pu:ada.l",
        "assessment",
        "pu-security-fundamentals",
        "Security Fundamentals",
        300,
        "passed",
    ),
    (
        "mcid:10000001",
        "module",
        "learn-azure-intro",
        "Introduction to Azure",
        150,
        "completed",
    ),
    (
        "mcid:10000001",
        "module",
        "learn-azure-vnets",
        "Configure virtual networks",
        130,
        "completed",
    ),
    (
        "mcid:10000001",
        "learning-path",
        "lp-az-104-prereq",
        "AZ-104: Prerequisites for Azure administrators",
        128,
        "completed",
    ),
    (
        "mcid:10000002",
        "module",
        "learn-sentinel",
        "Connect data to Microsoft Sentinel",
        12,
        "completed",
    ),
    (
        "mcid:10000002",
        "learning-path",
        "lp-sc-200",
        "SC-200: Mitigate threats using Microsoft Sentinel",
        6,
        "in-progress",
    ),
    (
        "mcid:10000004",
        "module",
        "learn-synapse",
        "Introduction to Azure Synapse Analytics",
        210,
        "completed",
    ),
    (
        "mcid:10000005",
        "module",
        "learn-entra-id",
        "Implement an identity management solution",
        70,
        "completed",
    ),
    (
        "mcid:10000005",
        "module",
        "learn-conditional-access",
        "Plan conditional access",
        64,
        "completed",
    ),
    (
        "mcid:10000005",
        "learning-path",
        "lp-sc-300",
        "SC-300: Implement identity management",
        62,
        "completed",
    ),
    (
        "mcid:10000006",
        "module",
        "learn-defender",
        "Mitigate threats with Microsoft Defender",
        95,
        "completed",
    ),
    (
        "mcid:10000009",
        "module",
        "learn-azure-intro",
        "Introduction to Azure",
        45,
        "completed",
    ),
    (
        "mcid:10000011",
        "module",
        "learn-azure-arch",
        "Azure architecture fundamentals",
        15,
        "completed",
    ),
    (
        "mcid:10000011",
        "module",
        "learn-azure-well-arch",
        "Well-Architected Framework",
        10,
        "in-progress",
    ),
    (
        "mcid:10000018",
        "exam",
        "AZ-104",
        "Microsoft Azure Administrator",
        65,
        "passed",
    ),
    (
        "mcid:10000018",
        "certification",
        "azure-administrator-associate",
        "Azure Administrator Associate",
        63,
        "730",
    ),
    (
        "mcid:10000019",
        "exam",
        "SC-200",
        "Microsoft Security Operations Analyst",
        25,
        "passed",
    ),
];

/// Imports the demo's learning records and competencies, as the operator would.
fn add_learning_records(service: &Service, now: DateTime<Utc>) -> Result<(), ServiceError> {
    let mut lines = String::new();
    for (subject, kind, skill_id, name, days_ago, extra) in LEARNING {
        let date = (now - TimeDelta::days(*days_ago)).to_rfc3339();
        let who = match subject.split_once(':') {
            Some(("pu", u)) => serde_json::json!({ "pu_username": u }),
            Some((_, m)) => serde_json::json!({ "mcid": m }),
            None => continue,
        };
        let mut row =
            serde_json::json!({ "kind": kind, "skill_id": skill_id, "name": name, "date": date });
        match *kind {
            "certification" => {
                let days: i64 = extra.parse().unwrap_or(365);
                row["expires"] = (now - TimeDelta::days(*days_ago) + TimeDelta::days(days))
                    .to_rfc3339()
                    .into();
            }
            "exam" | "assessment" => row["passed"] = (*extra == "passed").into(),
            _ => row["status"] = (*extra).into(),
        }
        if let (Some(row), Some(who)) = (row.as_object_mut(), who.as_object()) {
            row.extend(who.clone());
        }
        lines.push_str(&row.to_string());
        lines.push('\n');
    }
    let rows = crate::import::parse(
        lines.as_bytes(),
        crate::import::InputFormat::JsonLines,
        |_| {},
    )
    .map_err(|errors| Inconsistency::DemoRecords(errors.iter().map(|e| e.to_string()).collect()))?;
    service.import_records(crate::service::Importer::Operator, &rows, &mut |_, _| {})?;
    service.define_competencies(COMPETENCIES_TOML)?;
    add_designation_data(service, now)?;
    Ok(())
}

/// Why the demo cannot be (re)built at a path.
fn refuse_reset(path: &Path, why: ResetRefusal) -> ServiceError {
    InvalidInput::ResetRefused {
        path: path.to_path_buf(),
        why,
    }
    .into()
}

/// Removes an existing sandbox at `path` so it can be rebuilt; refuses anything else.
fn clear_existing(path: &Path) -> Result<(), ServiceError> {
    if !path.exists() {
        return Ok(());
    }
    match Store::open(path) {
        Ok(store) => {
            let sandbox = Queries::is_sandbox(&store.read()?)?;
            drop(store);
            if !sandbox {
                return Err(refuse_reset(path, ResetRefusal::RealDatabase));
            }
            std::fs::remove_file(path).map_err(StoreError::Io)?;
            // Emptied when the store closed: nothing in it belongs to the new sandbox.
            match std::fs::remove_file(crate::store::wal::path_of(path)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(StoreError::Io(e).into());
                }
                _ => {}
            }
            Ok(())
        }
        Err(StoreError::InUse(p)) => Err(ServiceError::Store(StoreError::InUse(p))),
        Err(StoreError::NotCertlink(_)) => Err(refuse_reset(path, ResetRefusal::NotCertlink)),
        Err(e) => Err(ServiceError::Store(e)),
    }
}

/// Creates (or resets) the sandbox at `path` with the demo data as of `now`.
pub fn build(path: &Path, now: DateTime<Utc>) -> Result<(Service, DemoSignIns), ServiceError> {
    clear_existing(path)?;
    let service = Service::create(
        path,
        DbKind::Sandbox,
        &Settings::sandbox(),
        Environment::default(),
    )?;
    populate(service, now)
}

/// Creates (or resets) a sandbox at `path` with the demo organizations, their admins,
/// the support engineers and `people` generated people (deterministic for `seed`).
pub fn build_population(
    path: &Path,
    now: DateTime<Utc>,
    people: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Service, DemoSignIns, population::PopulationSummary), ServiceError> {
    build_population_stages(
        path,
        now,
        people,
        seed,
        progress,
        &mut crate::progress::Silent,
    )
}

/// [`build_population`], telling `progress` its stages (principle 12): the
/// people generated, with counts, then the compaction of the file.
pub fn build_population_with(
    path: &Path,
    now: DateTime<Utc>,
    people: usize,
    seed: u64,
    progress: &mut dyn crate::progress::Progress,
) -> Result<(Service, DemoSignIns, population::PopulationSummary), ServiceError> {
    // The generator counts each person twice (planned, then committed).
    progress.stage("generating people", Some(people as u64 * 2));
    let done = std::cell::Cell::new(0u64);
    let (mut stages, mut counts) = split(progress);
    let mut count = |now_done: usize, _: usize| {
        use crate::progress::Progress;
        let now_done = now_done as u64;
        counts.advance(now_done.saturating_sub(done.get()));
        done.set(now_done.max(done.get()));
    };
    build_population_stages(path, now, people, seed, &mut count, &mut stages)
}

/// One sink seen twice: the generator's counts and the later stages reach
/// the same `Progress` (a `RefCell` keeps the borrows apart).
fn split<'a>(progress: &'a mut dyn crate::progress::Progress) -> (Shared<'a>, Shared<'a>) {
    let cell = std::rc::Rc::new(std::cell::RefCell::new(progress));
    (Shared(std::rc::Rc::clone(&cell)), Shared(cell))
}

struct Shared<'a>(std::rc::Rc<std::cell::RefCell<&'a mut dyn crate::progress::Progress>>);

impl crate::progress::Progress for Shared<'_> {
    fn stage(&mut self, name: &'static str, total: Option<u64>) {
        self.0.borrow_mut().stage(name, total);
    }
    fn advance(&mut self, units: u64) {
        self.0.borrow_mut().advance(units);
    }
}

fn build_population_stages(
    path: &Path,
    now: DateTime<Utc>,
    people: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
    stages: &mut dyn crate::progress::Progress,
) -> Result<(Service, DemoSignIns, population::PopulationSummary), ServiceError> {
    if people > MAX_PEOPLE {
        return Err(InvalidInput::TooManyPeople {
            asked: people,
            max: MAX_PEOPLE,
        }
        .into());
    }
    clear_existing(path)?;
    let store = crate::store::Store::create_with_cache(
        path,
        DbKind::Sandbox,
        &Settings::sandbox(),
        bulk_cache_bytes(people, available_memory()),
    )?;
    let service = Service::with_store(
        store,
        Environment::default().with_clock(Arc::new(ManualClock::new(now))),
    )?;
    let mut summary = population::populate(&service, people, seed, now, progress)?;
    service.define_competencies(COMPETENCIES_TOML)?;
    add_designation_data(&service, now)?;
    let mut service = service;
    summary.file_bytes = std::fs::metadata(path).map_err(StoreError::Io)?.len();
    if summary.compacted() {
        stages.stage("compacting the file", None);
        service.compact()?;
    }
    // Opened again with the store's usual cache: the load's would stay
    // allocated for as long as the caller keeps the service.
    drop(service);
    // The default environment runs on the system clock.
    let service = Service::open(path, Environment::default())?;
    Ok((service, population_sign_ins(), summary))
}

/// The most people the generator makes: its plan holds ~150 bytes a person
/// in memory besides redb's cache (10M: 8.7 GiB in all, docs/performance.md),
/// so a larger count is refused before any work.
pub const MAX_PEOPLE: usize = 100_000_000;

/// The longest generated file the generator compacts: one pass of redb's
/// compaction (`Database::compact`) visits every page of every table and
/// moves at most a million pages (4 GiB), so past this a compaction reads
/// the whole file several times, page by page; at 10M people that was the
/// last 25 of 75 minutes (docs/performance.md, "Ten million people").
const COMPACT_AT_MOST: u64 = 4 << 30;

/// Whether a freshly generated file `length` bytes long is compacted before
/// it is handed over (smaller files shrink to about half; larger ones keep
/// the room the load left, which later commits reuse).
fn worth_compacting(length: u64) -> bool {
    length <= COMPACT_AT_MOST
}

/// redb's page cache while `people` are generated: about 1 KiB a person, so
/// the tables the history replay reads and rewrites stay in memory, between
/// 16 MiB and 8 GiB (10M people: docs/performance.md, "Ten million people"),
/// and never more than half the memory the system has `available` (when it
/// says): a large sandbox on a small machine is slower, not killed.
fn bulk_cache_bytes(people: usize, available: Option<u64>) -> usize {
    let wanted = (people.saturating_mul(1024)).clamp(16 << 20, 8 << 30);
    let half = available.map_or(usize::MAX, |bytes| {
        usize::try_from(bytes / 2).unwrap_or(usize::MAX)
    });
    wanted.min(half).max(16 << 20)
}

/// The memory the system can give without swapping (`MemAvailable` of
/// Linux's /proc/meminfo); None elsewhere or when it cannot be read.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

/// The sign-ins of a `demo --people N` sandbox: its staff and support engineers.
fn population_sign_ins() -> DemoSignIns {
    let mut out = DemoSignIns::default();
    for (email, name, org, roles) in population::STAFF {
        out.accounts.push(DemoAccount {
            email: email.to_string(),
            password: ACCOUNT_PASSWORD.into(),
            name: name.to_string(),
            mpn_id: *org,
            roles: roles.names(),
            status: "active",
        });
    }
    for (email, _) in SUPPORT {
        out.support.push(DemoSupport {
            email: email.to_string(),
            password: SUPPORT_PASSWORD.into(),
        });
    }
    out
}

/// Fills an empty sandbox service with the demo timeline ending at `now`.
pub fn populate(
    service: Service,
    now: DateTime<Utc>,
) -> Result<(Service, DemoSignIns), ServiceError> {
    let clock = ManualClock::new(now - TimeDelta::days(400));
    let service = service.with_clock(Arc::new(clock.clone()));
    let at = |days_ago: i64| now - TimeDelta::days(days_ago);

    for (mpn, name, domain) in ORGS {
        service.add_org_with_domains(&mpn.to_string(), name, &[domain.to_string()])?;
    }
    service.add_domain(None, SUPPORT_DOMAIN)?;
    for (email, name, org, roles) in PEOPLE {
        let roles = Roles {
            partner_admin: roles.contains("pa"),
            global_admin: roles.contains("ga"),
        };
        service.create_account(NewAccount {
            kind: AccountKind::Member {
                org: MpnId::new(*org)?,
            },
            email,
            name,
            roles,
            password: ACCOUNT_PASSWORD,
            status: AccountStatus::Active,
        })?;
    }
    for (email, name, org) in INVITED {
        service.create_account(NewAccount {
            kind: AccountKind::Member {
                org: MpnId::new(*org)?,
            },
            email,
            name,
            roles: Roles::USER,
            password: INVITED_PASSWORD,
            status: AccountStatus::Invited,
        })?;
    }
    for (email, name) in SUPPORT {
        service.add_support(email, name, SUPPORT_PASSWORD)?;
    }
    for (mcid, email, name) in PROFILES {
        service.add_profile(&mcid.to_string(), email, name, PROFILE_PASSWORD)?;
    }
    for (username, email) in PU_ACCOUNTS {
        service.add_pu(username, email, PU_PASSWORD)?;
    }

    // Everyone signs in once, at the start: each later event then happens exactly
    // at its instant (a sign-in is an audited event of its own).
    let mut sessions = std::collections::HashMap::new();
    for (email, ..) in PEOPLE {
        sessions.insert(
            *email,
            service.sign_in(email, ACCOUNT_PASSWORD, &SignInSource::Local)?,
        );
    }
    let session = |email: &str| -> Result<&Session, ServiceError> {
        sessions
            .get(email)
            .ok_or_else(|| Inconsistency::DemoSession(email.to_string()).into())
    };
    let link = |days_ago: i64, email: &str, profile: &str| -> Result<(), ServiceError> {
        clock.set(at(days_ago));
        service
            .link(session(email)?, profile, PROFILE_PASSWORD)
            .map(|_| ())
    };
    let grant_pu = |days_ago: i64, email: &str, username: &str| -> Result<(), ServiceError> {
        clock.set(at(days_ago));
        service.grant_pu(session(email)?, username, PU_PASSWORD)
    };
    let delete = |days_ago: i64, admin: &str, email: &str| -> Result<(), ServiceError> {
        clock.set(at(days_ago));
        service.delete_account(session(admin)?, email)
    };

    // The timeline, oldest first; one event per instant.
    link(
        395,
        "barbara@contoso.com",
        "barbara.liskov@learn.example.com",
    )?;
    link(
        380,
        "margaret@fabrikam.com",
        "margaret.hamilton@learn.example.com",
    )?;
    link(360, "ken@fabrikam.com", "ken.thompson@learn.example.com")?;
    link(355, "jean@northwind.com", "jean.sammet@learn.example.com")?;
    link(330, "radia@fabrikam.com", "radia.perlman@learn.example.com")?;
    grant_pu(325, "ada@contoso.com", "ada.l")?;
    // Alan moves through three organizations: his MCID reaches the yearly limit (R9).
    link(300, "alan@fabrikam.com", "alan.turing@learn.example.com")?;
    link(
        260,
        "frances@fabrikam.com",
        "frances.allen@learn.example.com",
    )?;
    link(
        255,
        "sophie@northwind.com",
        "sophie.wilson@learn.example.com",
    )?;
    grant_pu(250, "lynn@northwind.com", "lynn.c")?;
    link(200, "alan@northwind.com", "alan.turing@learn.example.com")?;
    delete(190, "tim@fabrikam.com", "alan@fabrikam.com")?;
    link(150, "linus@contoso.com", "linus.torvalds@learn.example.com")?;
    link(145, "lynn@northwind.com", "lynn.conway@learn.example.com")?;
    grant_pu(140, "hedy@fabrikam.com", "hedy.l")?;
    link(100, "alan@contoso.com", "alan.turing@learn.example.com")?;
    delete(95, "annie@northwind.com", "alan@northwind.com")?;
    link(
        70,
        "zhang.wei@yunqiao.example.com",
        "zhang.wei@learn.example.com",
    )?;
    link(50, "wang@contoso.com", "wang.xiaoming@learn.example.com")?;
    grant_pu(45, "katherine@contoso.com", "katherine.j")?;
    link(
        30,
        "chen.jing@yunqiao.example.com",
        "chen.jing@learn.example.com",
    )?;
    // Linus leaves Contoso: his account is deleted but his MCID stays linked (R12).
    delete(20, "ada@contoso.com", "linus@contoso.com")?;
    // Margaret moves from Fabrikam to Contoso: inside her cool-off now (R9).
    link(
        10,
        "margaret@contoso.com",
        "margaret.hamilton@learn.example.com",
    )?;
    delete(9, "tim@fabrikam.com", "margaret@fabrikam.com")?;
    // Ken removes access himself (R7); Edsger mistypes his profile password, a
    // refusal support can find in the trail.
    clock.set(at(3));
    service.unlink(session("ken@fabrikam.com")?)?;
    clock.set(at(2));
    let refused = service.link(
        session("edsger@contoso.com")?,
        "edsger.dijkstra@learn.example.com",
        "not-the-password",
    );
    debug_assert!(refused.is_err(), "a wrong profile password is refused");
    // Linus is rehired: a new account, not linked yet (R6 lets it take over).
    clock.set(at(1));
    service.create_account(NewAccount {
        kind: AccountKind::Member {
            org: MpnId::new(REHIRED.2)?,
        },
        email: REHIRED.0,
        name: REHIRED.1,
        roles: Roles::USER,
        password: ACCOUNT_PASSWORD,
        status: AccountStatus::Active,
    })?;
    clock.set(now);
    add_learning_records(&service, now)?;

    // The sign-ins, with the state the timeline left.
    let out = story_sign_ins(&service)?;
    // From here on the sandbox runs on the system clock (or `--now`).
    let service = service.with_clock(Arc::new(crate::service::SystemClock));
    Ok((service, out))
}

/// The story sandbox's sign-ins as its database holds them now: each account's
/// status (deleted, invited, active) and each profile's link are read, so a
/// reopened sandbox lists what is true today, not what the build left.
fn story_sign_ins(service: &Service) -> Result<DemoSignIns, ServiceError> {
    let r = service.store().read()?;
    let status_of = |email: &str| -> Result<&'static str, ServiceError> {
        let email: certlink_domain::Email = email.parse()?;
        Ok(match r.account_by_email(&email)? {
            Some(account) => account.status.name(),
            None => "deleted",
        })
    };
    let mut out = DemoSignIns::default();
    for (email, name, org, roles) in PEOPLE {
        let mut names = vec!["user"];
        if roles.contains("pa") {
            names.push("partner-admin");
        }
        if roles.contains("ga") {
            names.push("global-admin");
        }
        out.accounts.push(DemoAccount {
            email: email.to_string(),
            password: ACCOUNT_PASSWORD.into(),
            name: name.to_string(),
            mpn_id: *org,
            roles: names,
            status: status_of(email)?,
        });
    }
    out.accounts.push(DemoAccount {
        email: REHIRED.0.into(),
        password: ACCOUNT_PASSWORD.into(),
        name: REHIRED.1.into(),
        mpn_id: REHIRED.2,
        roles: vec!["user"],
        status: status_of(REHIRED.0)?,
    });
    for (email, name, org) in INVITED {
        out.accounts.push(DemoAccount {
            email: email.to_string(),
            password: INVITED_PASSWORD.into(),
            name: name.to_string(),
            mpn_id: *org,
            roles: vec!["user"],
            status: status_of(email)?,
        });
    }
    for (email, _) in SUPPORT {
        out.support.push(DemoSupport {
            email: email.to_string(),
            password: SUPPORT_PASSWORD.into(),
        });
    }
    for (username, email) in PU_ACCOUNTS {
        out.pu_accounts.push(DemoPu {
            username: username.to_string(),
            password: PU_PASSWORD.into(),
            email: email.to_string(),
        });
    }
    for (mcid, email, _) in PROFILES {
        out.profiles.push(DemoProfile {
            mcid: *mcid,
            email: email.to_string(),
            password: PROFILE_PASSWORD.into(),
            linked_mpn_id: service.linked_org(&mcid.to_string())?.map(|o| o.get()),
        });
    }
    Ok(out)
}

/// Principle 7: `certlink demo` run again reopens the sandbox at `path` as it
/// was, with its sign-ins; only `demo --reset` builds a fresh one. Anything but
/// a sandbox is refused, as a reset is. `Ok(None)`: there is no file yet.
pub fn reopen(
    path: &Path,
    environment: Environment,
) -> Result<Option<(Service, DemoSignIns)>, ServiceError> {
    if !path.exists() {
        return Ok(None);
    }
    let store = match Store::open(path) {
        Ok(store) => store,
        Err(StoreError::NotCertlink(_)) => {
            return Err(refuse_reset(path, ResetRefusal::NotCertlink));
        }
        Err(e) => return Err(e.into()),
    };
    if !Queries::is_sandbox(&store.read()?)? {
        return Err(refuse_reset(path, ResetRefusal::RealDatabase));
    }
    let service = Service::with_store(store, environment)?;
    let sign_ins = match is_population(&service)? {
        true => population_sign_ins(),
        false => story_sign_ins(&service)?,
    };
    Ok(Some((service, sign_ins)))
}

/// A `demo --people N` sandbox has no story accounts: the rehired Linus is
/// only in the stories.
fn is_population(service: &Service) -> Result<bool, ServiceError> {
    let rehired: certlink_domain::Email = REHIRED.0.parse()?;
    Ok(service
        .store()
        .read()?
        .account_by_email_any(&rehired)?
        .is_none())
}
