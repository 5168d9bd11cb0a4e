//! The reports as text tables, CSV and JSON: one source of truth for the CLI, the
//! TUI's download action and SSH exec. Writers stream row by row, so an export's
//! memory does not grow with its length.

use std::io::{self, Write};

use crate::domain::time::DateFormat;
use crate::service::{SkillRow, UserRow};

/// Columns of the skills report, in order (CSV header and table heading).
pub const SKILL_COLUMNS: [&str; 13] = [
    "mpn_id",
    "name",
    "email",
    "mcid",
    "linked_since",
    "account_status",
    "kind",
    "skill_id",
    "skill",
    "earned",
    "expires",
    "reflection",
    "competencies",
];

/// R12: how an account's status reads in the report; departed people whose MCID
/// is still linked are flagged.
pub fn account_status(row: &SkillRow) -> String {
    if row.departed_still_linked {
        "deleted (still linked)".into()
    } else {
        row.account_status.name().into()
    }
}

/// R3: "reflected", "pending until DATE", or "expected between DATE and DATE".
pub fn reflection(row: &SkillRow, dates: &DateFormat) -> String {
    match (row.visible_from, row.expected_from) {
        (None, _) => String::new(),
        _ if row.reflected => "reflected".into(),
        (Some(until), Some(from)) => format!(
            "expected between {} and {}",
            dates.date(from),
            dates.date(until)
        ),
        (Some(until), None) => format!("pending until {}", dates.date(until)),
    }
}

/// One skills-report row as the cells of [`SKILL_COLUMNS`].
pub fn skill_cells(row: &SkillRow, dates: &DateFormat) -> [String; 13] {
    let date =
        |d: Option<chrono::DateTime<chrono::Utc>>| d.map(|d| dates.date(d)).unwrap_or_default();
    [
        row.mpn_id.to_string(),
        row.name.clone(),
        row.email.to_string(),
        row.mcid.map(|m| m.to_string()).unwrap_or_default(),
        date(row.linked_since),
        account_status(row),
        row.kind.map(|k| k.name().to_string()).unwrap_or_default(),
        row.skill_id.clone().unwrap_or_default(),
        row.skill_name.clone().unwrap_or_default(),
        date(row.earned),
        date(row.expires),
        reflection(row, dates),
        row.competencies.join("; "),
    ]
}

/// Streams the skills report as CSV; returns the number of rows written.
pub fn write_skills_csv<R: std::borrow::Borrow<SkillRow>>(
    rows: impl IntoIterator<Item = R>,
    dates: &DateFormat,
    out: impl Write,
) -> io::Result<usize> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SKILL_COLUMNS)?;
    let mut n = 0;
    for row in rows {
        w.write_record(skill_cells(row.borrow(), dates))?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

/// Streams any serialisable rows as one JSON array, a row at a time.
pub fn write_json_array<'a, T: serde::Serialize + 'a>(
    rows: impl IntoIterator<Item = &'a T>,
    mut out: impl Write,
) -> io::Result<usize> {
    out.write_all(b"[")?;
    let mut n = 0;
    for row in rows {
        if n > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n  ")?;
        serde_json::to_writer(&mut out, row).map_err(io::Error::other)?;
        n += 1;
    }
    out.write_all(if n > 0 { b"\n]\n" } else { b"]\n" })?;
    out.flush()?;
    Ok(n)
}

pub const USER_COLUMNS: [&str; 6] = [
    "email",
    "name",
    "status",
    "roles",
    "pu_access",
    "linked_learning_account",
];

pub fn user_cells(row: &UserRow) -> [String; 6] {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    [
        row.email.to_string(),
        row.name.clone(),
        row.status.name().into(),
        row.roles.join(", "),
        yes_no(row.pu_access),
        yes_no(row.linked_learning_account),
    ]
}

pub fn write_users_csv<'a>(
    rows: impl IntoIterator<Item = &'a UserRow>,
    out: impl Write,
) -> io::Result<usize> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(USER_COLUMNS)?;
    let mut n = 0;
    for row in rows {
        w.write_record(user_cells(row))?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

/// R10: what the empty report says.
pub const EMPTY_SKILLS_REPORT: &str = "No users found with skills data. Check whether your users have associated their Microsoft Learning or Partner University accounts (My profile).";
