//! Issue #8 part 6, abuse: the role × command matrix over every front end —
//! the CLI (the real binary), the TUI (the service calls its actions make, and
//! which tabs each role sees) and SSH exec (one `certlink serve`, many exec
//! calls). The expected table is written here by hand, from the rules (R1,
//! R8, R10–R18) and README's sign-ins, not derived from the code's own checks.
//! Every refusal is checked to have changed nothing: the store's content is
//! the same before and after, and any new audit record is a refusal (or the
//! sign-in that `--as` makes).
//!
//! Roles: a plain user, an MPN Partner Admin and a Global Admin of Contoso, a
//! Global Admin of Fabrikam (another organization), a support engineer, an
//! invited person (temporary password), a deleted account, someone who holds
//! only certification-profile credentials (no work account), and the operator
//! (file access, no sign-in).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;

use assert_cmd::Command;
use chrono::{DateTime, TimeDelta, Utc};
use redb::ReadableTable;
use serde_json::Value;

use certlink_core::service::{Environment, ManualClock, Service};
use certlink_core::store::records::Outcome;
use certlink_core::store::{Queries, Store, tables, wal};
use certlink_domain::tickets::TicketCategory;
use certlink_domain::{Role, Roles};
use certlink_i18n::Lang;
use certlink_tui::jobs::Job;
use certlink_tui::screens::{password_change, sign_in};
use certlink_tui::tabs::{
    TabId, competencies, designations, learning, profile, skills, support, users,
};

use crate::ssh_harness;

const T0: &str = "2026-11-23T12:00:00Z";

/// (email, password) of each role, in the order of the expectation columns.
const WHO: [(&str, &str); 8] = [
    ("alan@contoso.com", "certlink-demo"),
    ("grace@contoso.com", "certlink-demo"),
    ("ada@contoso.com", "certlink-demo"),
    ("tim@fabrikam.com", "certlink-demo"),
    ("sam@support.example.com", "support-demo"),
    ("donald@contoso.com", "temporary-demo"),
    ("linus@contoso.com", "certlink-demo"),
    ("alan.turing@learn.example.com", "learn-demo-pass"),
];
const ROLE_NAMES: [&str; 8] = [
    "user",
    "partner admin",
    "global admin",
    "other org's GA",
    "support",
    "invited",
    "deleted",
    "profile only",
];

/// Fresh credentials the template adds, one per role (`{i}` in arguments), so
/// that roles sharing one database (SSH) do not meet each other's changes.
const FRESH_PROFILE_PASSWORD: &str = "fresh-profile-pass";
const FRESH_PU_PASSWORD: &str = "fresh-pu-pass";
const NEW_PASSWORD: &str = "brand-new-password-1";

/// Short names for the expected outcomes: `ok`, or the refusal's code and the
/// rule it names (`Refusal::rule`), as the JSON error and the TUI show them.
const OK: &str = "ok";
const NF: &str = "not_found -";
const PCR: &str = "password_change_required R13";
const DEL: &str = "account_deleted R1";
const WC: &str = "wrong_credentials R1";
const NOT_LINKED: &str = "not_linked R7";
const PU_HELD: &str = "pu_already_granted R2";
/// Not permitted, by the rule that says who may.
const NP8: &str = "not_permitted R8";
const NP10: &str = "not_permitted R10";
const NP11: &str = "not_permitted R11";
const NP12: &str = "not_permitted R12";
const NP13: &str = "not_permitted R13";
const NP14: &str = "not_permitted R14";
const NP15: &str = "not_permitted R15";
const NP16: &str = "not_permitted R16";
const NP17: &str = "not_permitted R17";
const NP18: &str = "not_permitted R18";
/// R13a: an address outside the organization's email domains.
const OD: &str = "outside_domains R13a";
/// A usage error (exit 2): operator commands with `--as`, person commands
/// without it, and what SSH never runs.
const USAGE: &str = "usage";

/// One command: its arguments (`{T}` = the template's ticket, `{i}` = the role's
/// index), its standard input, whether it is an operator command, the expected
/// outcome for each role (`WHO` order) and for the operator.
struct Row {
    args: &'static str,
    stdin: &'static str,
    operator: bool,
    roles: [&'static str; 8],
    op: &'static str,
}

const PERSON_FAILS: [&str; 3] = [PCR, DEL, WC];

/// The hand-written table. Order matters: later rows see earlier rows' changes
/// of the same role (e.g. `unlink` before `link`, `password change` last).
fn table() -> Vec<Row> {
    let person = |args, stdin, five: [&'static str; 5]| Row {
        args,
        stdin,
        operator: false,
        roles: [
            five[0],
            five[1],
            five[2],
            five[3],
            five[4],
            PERSON_FAILS[0],
            PERSON_FAILS[1],
            PERSON_FAILS[2],
        ],
        op: USAGE,
    };
    let operator = |args| Row {
        args,
        stdin: "",
        operator: true,
        roles: [USAGE; 8],
        op: OK,
    };
    //             user  p.admin g.admin other GA support
    vec![
        person("profile", "", [OK, OK, OK, OK, OK]),
        // Issue 16: everyone signed in saves (here: clears) their own language.
        person("profile language --clear", "", [OK, OK, OK, OK, OK]),
        // R16: a Global Admin sees their organization's entries, support all;
        // the operator, who holds the file, reads any history without --as.
        Row {
            op: OK,
            ..person(
                "history --account barbara@contoso.com",
                "",
                [NP16, NP16, OK, NF, OK],
            )
        },
        // R14: people of organizations open tickets; support answers them.
        person(
            "ticket open --category other --description help",
            "",
            [OK, OK, OK, OK, NP14],
        ),
        person("ticket list", "", [OK, OK, OK, OK, OK]),
        // The template's ticket was opened by the user: private to them and support.
        person("ticket show {T}", "", [OK, NF, NF, NF, OK]),
        person("ticket reply {T} --message more", "", [OK, NF, NF, NF, OK]),
        // R12, R13, R17: the organization's accounts are its Global Admins'
        // (the refusal names all three; the first is reported).
        person("user list", "", [NP12, NP12, OK, OK, NP12]),
        // R10, R11, R18: reports for the organization's admins.
        person("report skills", "", [NP10, OK, OK, OK, NP10]),
        person("report users", "", [NP10, OK, OK, OK, NP10]),
        person(
            "report learning --from 2026-01-01 --to 2026-11-01",
            "",
            [NP18, OK, OK, OK, NP18],
        ),
        person("competency list", "", [NP11, OK, OK, OK, NP11]),
        // R11's successor: the designation scores, for the same admins.
        person("report designations", "", [NP11, OK, OK, OK, NP11]),
        // R14: lookups are support's.
        person("lookup alan", "", [NP14, NP14, NP14, NP14, OK]),
        person(
            "lookup alan@contoso.com --person",
            "",
            [NP14, NP14, NP14, NP14, OK],
        ),
        // R2: any person of an organization with the PU password; not support.
        // The Global Admin already holds a PU account (ada.l): one at a time.
        person(
            "pu grant --username fresh.pu{i} --password-stdin",
            FRESH_PU_PASSWORD,
            [OK, OK, PU_HELD, OK, NP8],
        ),
        // R2, R7 for people; support is refused by R8 (only the person
        // themselves, signed in to their own work account, links or unlinks).
        person("pu remove", "", [OK, OK, OK, OK, NP8]),
        person("unlink", "", [OK, NOT_LINKED, NOT_LINKED, NOT_LINKED, NP8]),
        // R4, R8: whoever holds the profile password links it to their own
        // organization; support belongs to none.
        person(
            "link --mcid-email fresh{i}@learn.example.com --password-stdin",
            FRESH_PROFILE_PASSWORD,
            [OK, OK, OK, OK, NP8],
        ),
        // R13, R17, R12: the Global Admin of the organization only; another
        // organization's Global Admin invites into their own. Targets are
        // looked up "in your organization" first, so another organization's
        // admin (invariant 4) and support (in no organization) read not found.
        // R13a: each Global Admin only within their organization's domains;
        // the refusal comes before "in use", so it tells nothing of the other.
        person(
            "user invite new{i}@contoso.com --name New",
            "",
            [NP13, NP13, OK, OD, NP13],
        ),
        person(
            "user invite new{i}@fabrikam.com --name New",
            "",
            [NP13, NP13, OD, OK, NP13],
        ),
        person(
            "user resend donald@contoso.com --email donald{i}@fabrikam.com",
            "",
            [NP13, NP13, OD, NF, NF],
        ),
        person(
            "user resend donald@contoso.com",
            "",
            [NP13, NP13, OK, NF, NF],
        ),
        person(
            "role grant edsger@contoso.com partner-admin",
            "",
            [NP17, NP17, OK, NF, NF],
        ),
        person(
            "user delete barbara@contoso.com --yes",
            "",
            [NP12, NP12, OK, NF, NF],
        ),
        person(
            "report remove --mcid 10000003 --yes",
            "",
            [NP12, NP12, OK, NF, NF],
        ),
        // R14, R15: support resolves and merges, and imports learning records.
        person("ticket resolve {T}", "", [NP14, NF, NF, NF, OK]),
        person(
            "mcid merge --from 10000016 --into 10000015 --yes --different-people",
            "",
            [NP15, NP15, NP15, NP15, OK],
        ),
        // Learning records come from outside systems: support or the operator.
        Row {
            op: OK,
            ..person("import -", IMPORT_ROW, [NP14, NP14, NP14, NP14, OK])
        },
        // Operator commands: file access, never a person (and never over SSH).
        operator("admin settings show"),
        operator("admin unlock alan@contoso.com"),
        operator("key list alan@contoso.com"),
        operator("outbox list"),
        operator("admin check"),
        // R13a: the email domains are operator data; one owner per domain, and
        // none given up while live accounts use it.
        operator("admin org domain list"),
        operator("admin support domain list"),
        operator("admin org domain add --mpn-id 1234567 matrix.example"),
        operator("admin org domain remove --mpn-id 1234567 matrix.example"),
        Row {
            op: "domain_taken R13a",
            ..operator("admin org domain add --mpn-id 2345678 contoso.com")
        },
        Row {
            op: "domain_in_use R13a",
            ..operator("admin org domain remove --mpn-id 1234567 contoso.com")
        },
        Row {
            op: "domain_taken R13a",
            ..operator("admin support domain add fabrikam.com")
        },
        // Backups are the operator's (issue #8): a file beside the database
        // (commands run in its directory), then restored over it.
        operator("admin backup --to matrix-backup.redb"),
        // Every row here passes --now, which a restore refuses (a usage error:
        // the restored file's clock is its own); tests/front_ends/backup_restore.rs runs
        // the restore drill itself.
        Row {
            op: USAGE,
            ..operator("admin restore --from matrix-backup.redb")
        },
        // R13: everyone with a password changes it (the invited person must).
        Row {
            args: "password change",
            stdin: "",
            operator: false,
            roles: [OK, OK, OK, OK, OK, OK, DEL, WC],
            op: USAGE,
        },
    ]
}

const IMPORT_ROW: &str = r#"{"mcid": 10000015, "kind": "exam", "skill_id": "AZ-999", "name": "Matrix", "date": "2026-01-01", "passed": true}"#;

/// What SSH exec answers instead of the CLI's: operator commands and
/// `password change` are never run there (usage error), and a deleted account
/// or profile-only credentials never get a session at all.
fn over_ssh(row: &Row, role: usize) -> &'static str {
    if row.operator || row.args == "password change" {
        return USAGE;
    }
    row.roles[role]
}

// ------------------------------------------------------------------ helpers

fn bin(db: &Path) -> Command {
    let mut c = Command::cargo_bin("certlink").unwrap();
    c.env_remove("CERTLINK_PASSWORD")
        .env("NO_COLOR", "1")
        .env("CERTLINK_CONFIG", db.with_extension("config.toml"))
        .args(["--db", db.to_str().unwrap(), "--format", "json"]);
    if let Some(dir) = db.parent() {
        // Relative file arguments (backups) land beside the database.
        c.current_dir(dir);
    }
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The instant of the n-th command on a database: 31 minutes apart, so that
/// no R1 throttle from one cell reaches the next (the profile-only column
/// fails every sign-in).
fn at(n: i64) -> String {
    (DateTime::parse_from_rfc3339(T0).unwrap() + TimeDelta::minutes(31 * n)).to_rfc3339()
}

/// The demo plus one fresh profile and PU account per role and a ticket the
/// user opened; returns the ticket id.
fn template(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("template.redb");
    std::fs::write(db.with_extension("config.toml"), "").unwrap();
    let out = bin(&db).args(["--now", T0, "demo"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let run = |cmd: &mut Command| {
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        out
    };
    // A second apart, within the minute before `serve` starts its clock.
    let mut n = 0;
    let mut next = || {
        n += 1;
        (DateTime::parse_from_rfc3339(T0).unwrap() + TimeDelta::seconds(n)).to_rfc3339()
    };
    for i in 0..WHO.len() {
        run(bin(&db)
            .args(["--now", &next(), "admin", "profile", "add"])
            .args(["--mcid", &format!("1000009{i}")])
            .args(["--email", &format!("fresh{i}@learn.example.com")])
            .env("CERTLINK_MCID_PASSWORD", FRESH_PROFILE_PASSWORD));
        run(bin(&db)
            .args(["--now", &next(), "admin", "pu", "add"])
            .args(["--username", &format!("fresh.pu{i}")])
            .args(["--email", &format!("fresh{i}@pu.example.com")])
            .env("CERTLINK_PU_PASSWORD", FRESH_PU_PASSWORD));
    }
    let out = run(bin(&db)
        .args(["--now", &next(), "--as", "alan@contoso.com"])
        .args(["ticket", "open", "--category", "linking"])
        .args(["--description", "please help"])
        .env("CERTLINK_PASSWORD", "certlink-demo"));
    let ticket: Value = serde_json::from_slice(&out.stdout).unwrap();
    (db, ticket["id"].as_u64().unwrap().to_string())
}

/// Copies the template for one run.
fn copy_of(template: &Path, dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(format!("{name}.redb"));
    std::fs::copy(template, &db).unwrap();
    std::fs::write(db.with_extension("config.toml"), "").unwrap();
    db
}

fn words(row: &Row, ticket: &str, role: usize) -> Vec<String> {
    row.args
        .replace("{T}", ticket)
        .replace("{i}", &role.to_string())
        .split(' ')
        .map(str::to_string)
        .collect()
}

/// The outcome of one CLI or exec run in the table's words.
fn outcome(status: Option<i32>, stdout: &str, stderr: &str) -> String {
    match status {
        Some(0) => OK.into(),
        Some(2) => USAGE.into(),
        _ => {
            let error: Value = serde_json::from_str(stderr.trim())
                .or_else(|_| serde_json::from_str(stdout.trim()))
                .unwrap_or_else(|_| panic!("no JSON error: {stdout} {stderr}"));
            let e = &error["error"];
            format!(
                "{} {}",
                e["code"].as_str().unwrap_or("?"),
                e["rule"].as_str().unwrap_or("-")
            )
        }
    }
}

/// Everything a command can change except the audit trail, the R1 throttle
/// counts and the clock: rendered as text to compare before and after.
fn content(db: &Path) -> String {
    let store = Store::open(db).unwrap();
    let txn = store.read().unwrap();
    let mut out = String::new();
    macro_rules! dump {
        ($($t:ident),*) => {$(
            let table = txn.open_table(tables::$t).unwrap();
            for row in table.iter().unwrap() {
                let (k, v) = row.unwrap();
                writeln!(out, "{} {:?} {:?}", stringify!($t), k.value(), v.value()).unwrap();
            }
        )*};
    }
    dump!(
        ORGS,
        ACCOUNTS,
        ACCOUNT_BY_EMAIL,
        PROFILES,
        PROFILE_BY_EMAIL,
        PU_ACCOUNTS,
        LINKS,
        ACTIVE_LINK_BY_MCID,
        ASSOCIATION_STARTS,
        SKILLS,
        COMPETENCIES,
        NAME_INDEX,
        EMAIL_INDEX_ALL,
        TICKETS,
        SSH_KEYS,
        SSH_KEY_OWNER,
        REPORT,
        DOMAINS,
        OWNER_DOMAINS
    );
    // The two-id indexes (one table, keyed subject first: the kind is the
    // third part), but the audit trail's own kinds.
    let audit_kinds = [
        tables::AUDIT_BY_ACCOUNT.kind,
        tables::AUDIT_BY_MCID.kind,
        tables::AUDIT_BY_ORG.kind,
    ];
    let indexes = txn.open_table(tables::INDEXES).unwrap();
    for row in indexes.iter().unwrap() {
        let (k, _) = row.unwrap();
        if !audit_kinds.contains(&k.value().2) {
            writeln!(out, "INDEXES {:?}", k.value()).unwrap();
        }
    }
    let meta = txn.open_table(tables::META).unwrap();
    for row in meta.iter().unwrap() {
        let (k, v) = row.unwrap();
        // The clock and the audit sequence move with every audited command,
        // and the write-ahead log's checkpoint mark with every close.
        if !["last_event_at", "next_id:audit", wal::APPLIED].contains(&k.value()) {
            writeln!(out, "META {:?} {:?}", k.value(), v.value()).unwrap();
        }
    }
    out
}

/// The lines of `after` not in `before` and the other way round: what changed.
fn changed(before: &str, after: &str) -> String {
    let b: std::collections::BTreeSet<&str> = before.lines().collect();
    let a: std::collections::BTreeSet<&str> = after.lines().collect();
    let mut out = String::new();
    for line in b.difference(&a) {
        writeln!(out, "- {}", &line[..line.len().min(200)]).unwrap();
    }
    for line in a.difference(&b) {
        writeln!(out, "+ {}", &line[..line.len().min(200)]).unwrap();
    }
    out
}

/// The store's content and the newest audit sequence number.
fn snapshot(db: &Path) -> (String, u64) {
    let seq = {
        let store = Store::open(db).unwrap();
        let txn = store.read().unwrap();
        txn.audit_all(None, 1).unwrap().first().map_or(0, |r| r.seq)
    };
    (content(db), seq)
}

/// Asserts that since `before` the content is the same and every new audit
/// record is a refusal, or the successful sign-in that `--as` makes.
fn unchanged_but_refusals(db: &Path, before: &(String, u64), what: &str) {
    let diff = changed(&before.0, &content(db));
    assert!(diff.is_empty(), "{what} changed the store:\n{diff}");
    let store = Store::open(db).unwrap();
    let txn = store.read().unwrap();
    for record in txn.audit_all(None, usize::MAX).unwrap() {
        if record.seq <= before.1 {
            break;
        }
        let refused = matches!(record.outcome, Outcome::Refused { .. });
        assert!(
            refused || record.action == "sign-in",
            "{what} left a successful `{}` record",
            record.action
        );
    }
}

// ---------------------------------------------------------------------- CLI

#[test]
fn cli_every_role_against_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let (template, ticket) = template(dir.path());
    let rows = table();
    // Each role, and the operator, on its own copy of the template, in parallel.
    let results: Vec<(usize, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..=WHO.len())
            .map(|role| {
                let db = copy_of(&template, dir.path(), &format!("role{role}"));
                let (rows, ticket) = (&rows, &ticket);
                scope.spawn(move || cli_role(&db, role, rows, ticket))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let cells: usize = results.iter().map(|(n, _)| n).sum();
    let mismatches: Vec<String> = results.into_iter().flat_map(|(_, m)| m).collect();
    println!(
        "matrix over the CLI: {} roles (with the operator) × {} commands = {cells} cells",
        WHO.len() + 1,
        rows.len()
    );
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}

/// Runs every row as one role (or the operator, `role == WHO.len()`); returns
/// the cells run and the mismatches. Panics if a refusal changed anything.
fn cli_role(db: &Path, role: usize, rows: &[Row], ticket: &str) -> (usize, Vec<String>) {
    let mut mismatches = Vec::new();
    let mut cells = 0;
    for (n, row) in rows.iter().enumerate() {
        let mut cmd = bin(db);
        cmd.args(["--now", &at(100 + i64::try_from(n).unwrap())]);
        let (expected, name) = match WHO.get(role) {
            Some((email, password)) => {
                cmd.args(["--as", email])
                    .env("CERTLINK_PASSWORD", password)
                    .env("CERTLINK_NEW_PASSWORD", NEW_PASSWORD);
                (row.roles[role], ROLE_NAMES[role])
            }
            None => (row.op, "operator"),
        };
        cmd.args(words(row, ticket, role.min(WHO.len() - 1)))
            .write_stdin(format!("{}\n", row.stdin));
        let before = (expected != OK).then(|| snapshot(db));
        let out: Output = cmd.output().unwrap();
        let got = outcome(out.status.code(), &text(&out.stdout), &text(&out.stderr));
        cells += 1;
        if got != expected {
            mismatches.push(format!(
                "{name:>14} | {:<50} expected {expected}, got {got}: {}",
                row.args,
                text(&out.stderr).trim()
            ));
            continue;
        }
        if let Some(before) = before {
            unchanged_but_refusals(db, &before, &format!("{name}: refused `{}`", row.args));
        }
    }
    (cells, mismatches)
}

// ---------------------------------------------------------------------- TUI

/// The tabs each role sees (R10, R11, R13, R14, R17, R18), by hand.
fn expected_tabs(role: usize) -> Vec<TabId> {
    use TabId::*;
    match role {
        0 => vec![Profile, Associations, Support],
        1 => vec![
            Profile,
            Associations,
            Skills,
            Competencies,
            Learning,
            Support,
            Designations,
        ],
        2 | 3 => vec![
            Profile,
            Associations,
            Skills,
            Competencies,
            Learning,
            Users,
            Support,
            Designations,
        ],
        4 => vec![Support, Profile],
        // The invited person signs in, but sees only the password form (R13).
        5 => vec![Profile, Associations, Support],
        _ => unreachable!(),
    }
}

/// The email domain of role `i`'s organization (Fabrikam for its Global
/// Admin, Contoso for everyone else), and the other one (R13a).
fn home_domain(i: usize) -> &'static str {
    if i == 3 {
        "fabrikam.com"
    } else {
        "contoso.com"
    }
}
fn other_domain(i: usize) -> &'static str {
    if i == 3 {
        "contoso.com"
    } else {
        "fabrikam.com"
    }
}

fn invite(session: certlink_core::service::Session, email: String) -> Job {
    users::calls::invite(session, email, "New".into(), Roles::USER)
}

/// The tab where an action lives; `None` for actions on every person's tabs.
fn home_tab(job: &str) -> Option<TabId> {
    match job {
        "load skills" => Some(TabId::Skills),
        "load competencies" => Some(TabId::Competencies),
        "load designations" => Some(TabId::Designations),
        "load learning" => Some(TabId::Learning),
        "invite" | "invite outside" | "resend" | "resend outside" | "delete"
        | "remove from report" | "set role" => Some(TabId::Users),
        _ => None,
    }
}

#[test]
fn tui_every_role_against_every_action() {
    let dir = tempfile::tempdir().unwrap();
    let (template, ticket) = template(dir.path());
    let ticket: u64 = ticket.parse().unwrap();
    type Make = fn(certlink_core::service::Session, usize, u64) -> Job;
    // (the action's service call, expected per role: user, p.admin, g.admin,
    // other GA, support, invited). Deleted and profile-only never sign in.
    let actions: Vec<(&str, Make, [&str; 6])> = vec![
        (
            "grant pu",
            |session, i, _| {
                profile::calls::grant_pu(
                    session,
                    format!("fresh.pu{i}"),
                    FRESH_PU_PASSWORD.into(),
                    Lang::En,
                )
            },
            [OK, OK, PU_HELD, OK, NP8, PCR],
        ),
        (
            "remove pu",
            |session, _, _| profile::calls::remove_pu(session, Lang::En),
            [OK, OK, OK, OK, NP8, PCR],
        ),
        (
            "unlink",
            |session, _, _| profile::calls::unlink(session, Lang::En),
            [OK, NOT_LINKED, NOT_LINKED, NOT_LINKED, NP8, PCR],
        ),
        (
            "link",
            |session, i, _| {
                profile::calls::link(
                    session,
                    format!("fresh{i}@learn.example.com"),
                    FRESH_PROFILE_PASSWORD.into(),
                    Lang::En,
                )
            },
            [OK, OK, OK, OK, NP8, PCR],
        ),
        (
            "load skills",
            |session, _, _| skills::calls::first_page(session),
            [NP10, OK, OK, OK, NP10, PCR],
        ),
        (
            "load competencies",
            |session, _, _| competencies::load(session, Lang::En),
            [NP11, OK, OK, OK, NP11, PCR],
        ),
        (
            "load designations",
            |session, _, _| designations::load(session, Lang::En),
            [NP11, OK, OK, OK, NP11, PCR],
        ),
        (
            "load learning",
            |session, _, _| {
                learning::load(
                    session,
                    chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                    Lang::En,
                )
            },
            [NP18, OK, OK, OK, NP18, PCR],
        ),
        (
            "open ticket",
            |session, _, _| {
                support::calls::open_ticket(session, TicketCategory::Other, "help".into())
            },
            [OK, OK, OK, OK, NP14, PCR],
        ),
        (
            "reply ticket",
            |session, _, t| support::calls::reply_ticket(session, t, "more".into()),
            [OK, NF, NF, NF, OK, PCR],
        ),
        (
            "invite",
            |session, i, _| invite(session, format!("new{i}@{}", home_domain(i))),
            [NP13, NP13, OK, OK, NP13, PCR],
        ),
        // R13a: the other organization's domain.
        (
            "invite outside",
            |session, i, _| invite(session, format!("evil{i}@{}", other_domain(i))),
            [NP13, NP13, OD, OD, NP13, PCR],
        ),
        (
            "resend outside",
            |session, _, _| {
                users::calls::resend(
                    session,
                    "donald@contoso.com".into(),
                    Some("donald@fabrikam.com".into()),
                )
            },
            [NP13, NP13, OD, NF, NF, PCR],
        ),
        (
            "resend",
            |session, _, _| users::calls::resend(session, "donald@contoso.com".into(), None),
            [NP13, NP13, OK, NF, NF, PCR],
        ),
        (
            "set role",
            |session, _, _| {
                users::calls::set_role(
                    session,
                    "edsger@contoso.com".into(),
                    Role::PartnerAdmin,
                    true,
                )
            },
            [NP17, NP17, OK, NF, NF, PCR],
        ),
        (
            "delete",
            |session, _, _| users::calls::delete_account(session, "barbara@contoso.com".into()),
            [NP12, NP12, OK, NF, NF, PCR],
        ),
        (
            "remove from report",
            |session, _, _| users::calls::remove_from_report(session, "10000003".into()),
            [NP12, NP12, OK, NF, NF, PCR],
        ),
        (
            "resolve ticket",
            |session, _, t| support::calls::resolve_ticket(session, t),
            [NP14, NF, NF, NF, OK, PCR],
        ),
        (
            "merge",
            |session, _, _| support::calls::merge(session, "10000016".into(), "10000015".into()),
            [NP15, NP15, NP15, NP15, OK, PCR],
        ),
        (
            "change password",
            // The current password is the role's own.
            |session, i, _| {
                password_change::change_password(session, WHO[i].1.into(), NEW_PASSWORD.into())
            },
            [OK, OK, OK, OK, OK, OK],
        ),
    ];
    // The rule a TUI refusal names: the second word of the expectation.
    let rule_of = |expected: &str| expected.split(' ').nth(1).map(str::to_string);
    let mut mismatches = Vec::new();
    let mut cells = 0;
    for role in 0..WHO.len() {
        let db = copy_of(&template, dir.path(), &format!("tui{role}"));
        let clock = ManualClock::new(
            DateTime::parse_from_rfc3339(&at(100))
                .unwrap()
                .with_timezone(&Utc),
        );
        let open = || {
            Service::open(&db, Environment::default())
                .unwrap()
                .with_clock(Arc::new(clock.clone()))
        };
        let (email, password) = WHO[role];
        let signed_in = sign_in::sign_in(email.into(), password.into()).run(&open());
        let session = match signed_in.result {
            Ok(answer) => match answer.downcast::<sign_in::SignedIn>() {
                Ok(signed_in) => signed_in.0,
                Err(_) => panic!("the sign-in answers a session"),
            },
            Err(failure) => {
                // Deleted accounts and profile-only credentials get no session (R1).
                assert!(role >= 6, "{}: {}", ROLE_NAMES[role], failure.message);
                assert_eq!(failure.rule, Some("R1"), "{}", ROLE_NAMES[role]);
                cells += actions.len();
                continue;
            }
        };
        let tabs = TabId::for_session(&session);
        assert_eq!(tabs, expected_tabs(role), "{} tabs", ROLE_NAMES[role]);
        for (name, make, expected) in &actions {
            clock.advance(TimeDelta::minutes(31));
            let expected = expected[role];
            let job = make(session.clone(), role, ticket);
            // A hidden tab's action must be refused by the service too.
            if home_tab(name).is_some_and(|t| !tabs.contains(&t)) {
                assert_ne!(expected, OK, "{}: {name} is hidden", ROLE_NAMES[role]);
            }
            let before = (expected != OK).then(|| snapshot(&db));
            let outcome = job.run(&open());
            cells += 1;
            let got = match &outcome.result {
                Ok(_) => OK.to_string(),
                Err(f) => format!("refused {:?}: {}", f.rule, f.message),
            };
            let matches = match &outcome.result {
                Ok(_) => expected == OK,
                Err(f) => expected != OK && f.rule.map(str::to_string) == rule_of(expected),
            };
            if !matches {
                mismatches.push(format!(
                    "{:>14} | {name:<20} expected {expected}, got {got}",
                    ROLE_NAMES[role]
                ));
                continue;
            }
            if let Some(before) = before {
                unchanged_but_refusals(&db, &before, &format!("{}: {name}", ROLE_NAMES[role]));
            }
        }
    }
    println!(
        "matrix over the TUI: {} roles × {} actions = {cells} cells, tabs checked for {} roles",
        WHO.len(),
        actions.len(),
        6
    );
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}

// ---------------------------------------------------------------------- SSH

#[tokio::test(flavor = "multi_thread")]
async fn ssh_exec_every_role_against_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let (template, ticket) = template(dir.path());
    let db = copy_of(&template, dir.path(), "ssh");
    let server = ssh_harness::Server::start(&db, &[]);
    let rows = table();
    let mut mismatches = Vec::new();
    let mut cells = 0;
    // One server, one database for every role: the invited person before the
    // Global Admin resends their invitation, support before the Global Admin
    // deletes Barbara; everything else is per role (`{i}`).
    for role in [5, 6, 7, 0, 1, 3, 4, 2] {
        let (email, password) = WHO[role];
        let Some(handle) = ssh_harness::connect(&server, email, password).await else {
            // R1: a deleted account and profile-only credentials get no session.
            assert!(role >= 6, "{} cannot sign in over ssh", ROLE_NAMES[role]);
            cells += rows.len();
            continue;
        };
        assert!(role < 6, "{} got an ssh session", ROLE_NAMES[role]);
        for row in &rows {
            let line = format!("{} --format json", words(row, &ticket, role).join(" "));
            let stdin = if row.stdin.is_empty() {
                Vec::new()
            } else {
                format!("{}\n", row.stdin).into_bytes()
            };
            let out = ssh_harness::exec(&handle, &line, &stdin).await;
            cells += 1;
            let status = out.status.map(|s| i32::try_from(s).unwrap());
            let got = outcome(status, &out.stdout, &out.stderr);
            let expected = over_ssh(row, role);
            if got != expected {
                mismatches.push(format!(
                    "{:>14} | {:<50} expected {expected}, got {got}: {}",
                    ROLE_NAMES[role],
                    row.args,
                    out.stderr.trim()
                ));
            }
        }
    }
    println!(
        "matrix over SSH exec: {} roles × {} commands = {cells} cells, one server",
        WHO.len(),
        rows.len()
    );
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}
