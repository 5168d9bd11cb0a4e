//! The reports as text tables, CSV and JSON: one source of truth for the CLI, the
//! TUI's download action and SSH exec. Writers stream row by row, so an export's
//! memory does not grow with its length.

use std::io::{self, Write};

mod csv_safe;
mod designations;
pub use csv_safe::{SafeCsv, neutralize};
pub use designations::{
    DESIGNATION_COLUMNS, TABLE_PEOPLE, designations_json, designations_table, standing_words,
    write_designations_csv,
};

use crate::service::{SkillRow, UserRow};
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;
use certlink_i18n::width::{pad, width};

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

/// The headings of the skills report's text table in `lang`, column for
/// column as [`SKILL_COLUMNS`] (which they are in English). CSV and JSON
/// keep the column names.
pub fn skill_headings(lang: Lang) -> [&'static str; 13] {
    [
        lang.report_skills_mpn_id(),
        lang.report_skills_name(),
        lang.report_skills_email(),
        lang.report_skills_mcid(),
        lang.report_skills_linked_since(),
        lang.report_skills_account_status(),
        lang.report_skills_kind(),
        lang.report_skills_skill_id(),
        lang.report_skills_skill(),
        lang.report_skills_earned(),
        lang.report_skills_expires(),
        lang.report_skills_reflection(),
        lang.report_skills_competencies(),
    ]
}

/// R12: how an account's status reads in the report; departed people whose MCID
/// is still linked are flagged. In English, as the CSV says it.
pub fn account_status(row: &SkillRow) -> String {
    account_status_in(row, Lang::En)
}

/// [`account_status`] in `lang`.
pub fn account_status_in(row: &SkillRow, lang: Lang) -> String {
    if row.departed_still_linked {
        lang.report_deleted_still_linked().into()
    } else {
        row.account_status.label_in(lang).into()
    }
}

/// R3: "reflected", "pending until DATE", or "expected between DATE and DATE",
/// in `dates.lang`.
pub fn reflection(row: &SkillRow, dates: &DateFormat) -> String {
    let lang = dates.lang;
    match (row.visible_from, row.expected_from) {
        (None, _) => String::new(),
        _ if row.reflected => lang.report_reflected().into(),
        (Some(until), Some(from)) => {
            lang.report_expected_between(dates.date(from), dates.date(until))
        }
        (Some(until), None) => lang.report_pending_until(dates.date(until)),
    }
}

/// One skills-report row as the cells of [`SKILL_COLUMNS`], their words
/// (status, kind, reflection) in `dates.lang`; in English they are the CSV's
/// cells, byte for byte.
pub fn skill_cells(row: &SkillRow, dates: &DateFormat) -> [String; 13] {
    let lang = dates.lang;
    let date =
        |d: Option<chrono::DateTime<chrono::Utc>>| d.map(|d| dates.date(d)).unwrap_or_default();
    [
        row.mpn_id.to_string(),
        row.name.clone(),
        row.email.to_string(),
        row.mcid.map(|m| m.to_string()).unwrap_or_default(),
        date(row.linked_since),
        account_status_in(row, lang),
        row.kind
            .map(|k| k.label_in(lang).to_string())
            .unwrap_or_default(),
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
    let mut w = SkillCsv::new(out, *dates)?;
    let mut n = 0;
    for row in rows {
        w.row(row.borrow())?;
        n += 1;
    }
    w.finish()?;
    Ok(n)
}

/// The skills report as CSV, a row at a time: the header first, then the
/// cells of [`skill_cells`] in English whatever `dates.lang` (an export is
/// for scripts and spreadsheets: its words stay neutral), byte for byte, but written from the row's fields
/// through one reused buffer (no `String` per cell, dates without a format
/// string), for exports of millions of rows.
pub struct SkillCsv<W: Write> {
    csv: SafeCsv<W>,
    dates: DateFormat,
    /// One cell being built (numbers, dates, reflection, competencies).
    cell: Vec<u8>,
}

impl<W: Write> SkillCsv<W> {
    /// Writes the header.
    pub fn new(out: W, dates: DateFormat) -> io::Result<Self> {
        let mut csv = SafeCsv::new(out);
        csv.record(SKILL_COLUMNS)?;
        Ok(Self {
            csv,
            dates,
            cell: Vec::with_capacity(64),
        })
    }

    pub fn row(&mut self, row: &SkillRow) -> io::Result<()> {
        let dates = self.dates;
        self.cell(|c| push_number(c, row.mpn_id.get()))?;
        self.csv.field(&row.name)?;
        self.csv.field(row.email.as_str())?;
        self.cell(|c| {
            if let Some(m) = row.mcid {
                push_number(c, m.get());
            }
        })?;
        self.date(row.linked_since)?;
        if row.departed_still_linked {
            self.csv.field("deleted (still linked)")?;
        } else {
            self.csv.field(row.account_status.name())?;
        }
        self.csv.field(row.kind.map(|k| k.name()).unwrap_or(""))?;
        self.csv.field(row.skill_id.as_deref().unwrap_or(""))?;
        self.csv.field(row.skill_name.as_deref().unwrap_or(""))?;
        self.date(row.earned)?;
        self.date(row.expires)?;
        // R3, as `reflection` says it.
        self.cell(|c| match (row.visible_from, row.expected_from) {
            (None, _) => {}
            _ if row.reflected => c.extend_from_slice(b"reflected"),
            (Some(until), Some(from)) => {
                c.extend_from_slice(b"expected between ");
                dates.push_date(from, c);
                c.extend_from_slice(b" and ");
                dates.push_date(until, c);
            }
            (Some(until), None) => {
                c.extend_from_slice(b"pending until ");
                dates.push_date(until, c);
            }
        })?;
        self.cell(|c| {
            for (i, name) in row.competencies.iter().enumerate() {
                if i > 0 {
                    c.extend_from_slice(b"; ");
                }
                c.extend_from_slice(name.as_bytes());
            }
        })?;
        self.csv.end_record()
    }

    /// Flushes what is buffered and gives the output back.
    pub fn finish(mut self) -> io::Result<()> {
        self.csv.flush()
    }

    fn date(&mut self, at: Option<chrono::DateTime<chrono::Utc>>) -> io::Result<()> {
        let dates = self.dates;
        self.cell(|c| {
            if let Some(at) = at {
                dates.push_date(at, c);
            }
        })
    }

    /// Builds one cell in the reused buffer and writes it as a field.
    fn cell(&mut self, build: impl FnOnce(&mut Vec<u8>)) -> io::Result<()> {
        self.cell.clear();
        build(&mut self.cell);
        self.csv.field(&self.cell)
    }
}

/// `n` in decimal, appended.
fn push_number(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
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

/// The headings of the users report's text table in `lang` ([`USER_COLUMNS`]
/// in English).
pub fn user_headings(lang: Lang) -> [&'static str; 6] {
    [
        lang.report_users_email(),
        lang.report_users_name(),
        lang.report_users_status(),
        lang.report_users_roles(),
        lang.report_users_pu_access(),
        lang.report_users_linked_learning_account(),
    ]
}

/// One users-report row as the cells of [`USER_COLUMNS`], in English (the CSV's).
pub fn user_cells(row: &UserRow) -> [String; 6] {
    user_cells_in(row, Lang::En)
}

/// [`user_cells`] with their words in `lang`: the status, yes/no, and the
/// roles by their titles (in English the role ids, as always).
pub fn user_cells_in(row: &UserRow, lang: Lang) -> [String; 6] {
    let yes_no = |b: bool| {
        if b {
            lang.report_yes()
        } else {
            lang.report_no()
        }
        .to_string()
    };
    let roles = match lang {
        Lang::En => row.roles.join(", "),
        _ => row
            .roles
            .iter()
            .map(|name| match name.parse::<certlink_domain::Role>() {
                Ok(role) => role.title_in(lang),
                Err(_) if *name == "user" => lang.domain_role_user(),
                Err(_) => name,
            })
            .collect::<Vec<_>>()
            .join(certlink_domain::refusal::list_separator(lang)),
    };
    [
        row.email.to_string(),
        row.name.clone(),
        row.status.label_in(lang).into(),
        roles,
        yes_no(row.pu_access),
        yes_no(row.linked_learning_account),
    ]
}

pub fn write_users_csv<'a>(
    rows: impl IntoIterator<Item = &'a UserRow>,
    out: impl Write,
) -> io::Result<usize> {
    let mut w = SafeCsv::new(out);
    w.record(USER_COLUMNS)?;
    let mut n = 0;
    for row in rows {
        w.record(user_cells(row))?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

/// R10: what the empty report says (in English; [`empty_skills_report`]).
pub const EMPTY_SKILLS_REPORT: &str = "No users found with skills data. Check whether your users have associated their Microsoft Learning or Partner University accounts (My profile).";

/// R10: what the empty report says, in `lang`.
pub fn empty_skills_report(lang: Lang) -> &'static str {
    lang.report_empty_skills()
}

/// A text table: the header, then one line per row; columns two spaces
/// apart, sized and padded by display width (a Han character is two
/// columns), so mixed Latin and Chinese names line up; trailing spaces
/// trimmed. What the reports' table output is.
pub fn text_table<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell.as_ref()));
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            match widths.get(i) {
                Some(&w) => text.push_str(&pad(cell, w.max(width(cell)))),
                None => text.push_str(cell),
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    let mut out = String::new();
    line(&mut header.iter().copied(), &mut out);
    for row in rows {
        line(&mut row.iter().map(AsRef::as_ref), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use certlink_domain::skills::SkillKind;
    use certlink_domain::{AccountId, AccountStatus, Mcid, MpnId};
    use chrono::{TimeDelta, TimeZone, Utc};

    /// Rows of every shape: no skill, pending, expected, reflected, departed,
    /// cells that need quoting, several competencies.
    fn rows() -> Vec<SkillRow> {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        let base = SkillRow::person(
            AccountId(7),
            MpnId::new(1_234_567).unwrap(),
            "Ada \"The\" Lovelace, Jr.".into(),
            "ada@contoso.com".parse().unwrap(),
            AccountStatus::Active,
        );
        let skill = SkillRow {
            mcid: Some(Mcid::new(10_000_001).unwrap()),
            linked_since: Some(at),
            kind: Some(SkillKind::Exam),
            skill_id: Some("AZ-104".into()),
            skill_name: Some("Azure\nAdministrator".into()),
            earned: Some(at - TimeDelta::days(3)),
            expires: Some(at + TimeDelta::days(365)),
            visible_from: Some(at + TimeDelta::days(10)),
            ..base.clone()
        };
        vec![
            base.clone(),
            skill.clone(),
            SkillRow {
                expected_from: Some(at + TimeDelta::days(7)),
                ..skill.clone()
            },
            SkillRow {
                reflected: true,
                competencies: vec!["Azure".into(), "Security; Ops".into()],
                ..skill.clone()
            },
            SkillRow {
                account_status: AccountStatus::Deleted,
                departed_still_linked: true,
                kind: Some(SkillKind::Certification),
                ..skill.clone()
            },
            SkillRow {
                name: "=HYPERLINK(\"http://x.invalid\",\"click\")".into(),
                skill_name: Some("@SUM(A1:A9)".into()),
                competencies: vec!["+cmd".into()],
                ..skill
            },
        ]
    }

    /// Issue 13, part 5: no cell of a CSV export starts a formula; JSON keeps
    /// the exact value.
    #[test]
    fn csv_exports_neutralize_formulas_and_json_keeps_the_value() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let dates = DateFormat::new(chrono_tz::UTC, now);
        let rows = rows();
        let mut out = Vec::new();
        write_skills_csv(&rows, &dates, &mut out).unwrap();
        let csv = String::from_utf8(out).unwrap();
        let hostile = csv.lines().last().unwrap();
        assert!(
            hostile.starts_with("1234567,\"'=HYPERLINK(") && hostile.contains(",'@SUM(A1:A9),"),
            "{hostile}"
        );
        assert!(hostile.ends_with(",'+cmd"), "{hostile}");
        let user = UserRow {
            email: "mallory@contoso.com".parse().unwrap(),
            name: "-2+3".into(),
            status: AccountStatus::Active,
            roles: vec!["user"],
            pu_access: false,
            linked_learning_account: false,
        };
        let mut out = Vec::new();
        write_users_csv([&user], &mut out).unwrap();
        let csv = String::from_utf8(out).unwrap();
        assert!(csv.lines().nth(1).unwrap().contains(",'-2+3,"), "{csv}");
        let mut json = Vec::new();
        write_json_array(&rows[rows.len() - 1..], &mut json).unwrap();
        assert!(String::from_utf8(json).unwrap().contains("\"=HYPERLINK("));
    }

    /// The fast writer says what the cells say, byte for byte, in every zone.
    #[test]
    fn r10_csv_writer_writes_the_cells_byte_for_byte() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        for tz in [
            chrono_tz::UTC,
            chrono_tz::Europe::Berlin,
            chrono_tz::Asia::Kathmandu,
        ] {
            let dates = DateFormat::new(tz, now);
            let rows = rows();
            let mut slow = Vec::new();
            let mut csv = SafeCsv::new(&mut slow);
            csv.record(SKILL_COLUMNS).unwrap();
            for row in &rows {
                csv.record(skill_cells(row, &dates)).unwrap();
            }
            csv.flush().unwrap();
            drop(csv);
            let mut fast = Vec::new();
            assert_eq!(
                write_skills_csv(&rows, &dates, &mut fast).unwrap(),
                rows.len()
            );
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(slow).unwrap()
            );
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 1_234_567, u64::MAX] {
            let mut out = Vec::new();
            push_number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    /// Table output in Chinese: headings and words from the catalog, a
    /// Chinese name beside Latin ones, every column starting at one display
    /// column on every line; the CSV of the same rows stays English.
    #[test]
    fn a_chinese_text_table_lines_up_by_display_width() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let zh = DateFormat::new(chrono_tz::Asia::Shanghai, now).in_lang(Lang::ZhCn);
        let mut rows = rows();
        rows[1].name = "王小明".into();
        rows[2].name = "Li Hua 李华".into();
        let cells: Vec<Vec<String>> = rows.iter().map(|r| skill_cells(r, &zh).to_vec()).collect();
        let table = text_table(&skill_headings(Lang::ZhCn), &cells);
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("MPN ID   姓名"), "{table}");
        assert!(table.contains("王小明") && table.contains(Lang::ZhCn.report_reflected()));
        assert!(table.contains(&Lang::ZhCn.report_deleted_still_linked().to_string()));
        // Each row's email starts at the column the heading's does.
        let column_of = |line: &str, needle: &str| line.find(needle).map(|at| width(&line[..at]));
        let email_at = column_of(lines[0], Lang::ZhCn.report_skills_email()).unwrap();
        // (A skill name with a line break continues on a line of its own.)
        let rows_with_email = lines[1..].iter().filter(|l| l.contains("ada@contoso.com"));
        assert_eq!(rows_with_email.clone().count(), rows.len());
        for line in rows_with_email {
            assert_eq!(
                column_of(line, "ada@contoso.com"),
                Some(email_at),
                "{table}"
            );
        }
        // The export is neutral: English words whatever the reader's language.
        let mut csv = Vec::new();
        write_skills_csv(&rows, &zh, &mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with("mpn_id,name,email,"));
        assert!(csv.contains(",reflected,") && !csv.contains(Lang::ZhCn.report_reflected()));
    }

    /// In English the table is the one the CLI has always printed.
    #[test]
    fn english_headings_and_cells_are_the_csv_names() {
        assert_eq!(skill_headings(Lang::En), SKILL_COLUMNS);
        assert_eq!(user_headings(Lang::En), USER_COLUMNS);
        assert_eq!(empty_skills_report(Lang::En), EMPTY_SKILLS_REPORT);
        let table = text_table(&["a", "bb"], &[vec!["xxx", "y"], vec!["z", ""]]);
        assert_eq!(table, "a    bb\nxxx  y\nz\n");
        let user = UserRow {
            email: "wang@contoso.com".parse().unwrap(),
            name: "王小明".into(),
            status: AccountStatus::Invited,
            roles: vec!["user", "global-admin"],
            pu_access: true,
            linked_learning_account: false,
        };
        assert_eq!(user_cells(&user)[3], "user, global-admin");
        assert_eq!(user_cells(&user)[4], "yes");
        let zh = user_cells_in(&user, Lang::ZhCn);
        assert_eq!(zh[2], "已邀请");
        assert_eq!(zh[3], "用户、全局管理员");
        assert_eq!(zh[4], "是");
    }
}
