//! The learning-record parsers (`certlink_core::import::parse`, JSON Lines and CSV)
//! under arbitrary bytes, and what they accept fed through the service's
//! importer (`Service::import_records`) on a copy of the demo database.
//! Shared by the `import` cargo-fuzz target and its proptest twin.
//!
//! What must hold, whatever the file holds:
//! - no panic, in either format;
//! - a rejected file names at most `MAX_REPORTED_ERRORS` rows, each by a line
//!   that exists in the file, in file order;
//! - an accepted file's rows come in file order with lines that exist, and
//!   every record is one the validator promises (skill id of 1..=64 printable
//!   non-space characters, name of 1..=200 printable characters, the fields
//!   its kind takes);
//! - reading does not depend on how the file arrives (one byte per `read` gives
//!   the same answer), and the progress callback never counts more bytes than
//!   the file has (plus the missing last newline);
//! - the importer either refuses with line-numbered reasons and changes nothing
//!   (no skill, no audit record), or imports: the skills table grows by exactly
//!   the rows it says it added, one audit record is written, every invariant
//!   still holds, and importing the same rows again adds nothing.

use std::io::Read;

use certlink_core::import::{self, InputFormat, MAX_REPORTED_ERRORS, ParsedRow, RowError};
use certlink_core::service::{Importer, ServiceError};
use certlink_core::store::{Store, invariants, tables};
use certlink_domain::skills::SkillKind;
use redb::ReadableTableMetadata;

use super::demo_db;

type Parsed = Result<Vec<ParsedRow>, Vec<RowError>>;

/// A reader that hands out one byte per call, as a slow pipe might.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((b, rest)), Some(slot)) => {
                *slot = *b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

/// Lines in the file, counting a last line without a newline.
fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + 1
}

fn check_rows(bytes: &[u8], parsed: &Parsed) -> Result<(), String> {
    let lines = line_count(bytes);
    match parsed {
        Ok(rows) => {
            let mut last = 0;
            for row in rows {
                if row.line <= last || row.line > lines {
                    return Err(format!(
                        "row line {} after {last} (file has {lines})",
                        row.line
                    ));
                }
                last = row.line;
                check_record(row)?;
            }
        }
        Err(errors) => {
            if errors.is_empty() || errors.len() > MAX_REPORTED_ERRORS {
                return Err(format!("{} row errors reported", errors.len()));
            }
            let mut last = 0;
            for e in errors {
                if e.line < last || e.line == 0 || e.line > lines {
                    return Err(format!(
                        "error at line {} after {last} (file has {lines}): {e}",
                        e.line
                    ));
                }
                if e.reason.to_string().is_empty() {
                    return Err(format!("error at line {} without a reason", e.line));
                }
                last = e.line;
            }
        }
    }
    Ok(())
}

fn check_record(row: &ParsedRow) -> Result<(), String> {
    let r = &row.record;
    let printable = |s: &str| !s.chars().any(char::is_control);
    let id_len = r.skill_id.chars().count();
    if !(1..=64).contains(&id_len)
        || !printable(&r.skill_id)
        || r.skill_id.chars().any(char::is_whitespace)
    {
        return Err(format!(
            "line {}: skill id {:?} accepted",
            row.line, r.skill_id
        ));
    }
    let name_len = r.name.chars().count();
    if !(1..=200).contains(&name_len) || !printable(&r.name) || r.name.trim() != r.name {
        return Err(format!("line {}: name {:?} accepted", row.line, r.name));
    }
    let fields_fit = match r.kind {
        SkillKind::Certification => {
            r.passed.is_none() && r.progress.is_none() && r.expires.is_none_or(|e| e > r.date)
        }
        SkillKind::Exam | SkillKind::Assessment => {
            r.passed.is_some() && r.expires.is_none() && r.progress.is_none()
        }
        SkillKind::Module | SkillKind::LearningPath => {
            r.progress.is_some() && r.expires.is_none() && r.passed.is_none()
        }
    };
    if !fields_fit {
        return Err(format!(
            "line {}: fields do not fit the kind: {r:?}",
            row.line
        ));
    }
    Ok(())
}

fn parse_checked(bytes: &[u8], format: InputFormat) -> Result<Parsed, String> {
    let mut counted = 0u64;
    let parsed = import::parse(bytes, format, |n| counted += n);
    if counted > bytes.len() as u64 + 1 {
        return Err(format!(
            "{format:?}: progress counted {counted} bytes of {}",
            bytes.len()
        ));
    }
    check_rows(bytes, &parsed).map_err(|e| format!("{format:?}: {e}"))?;
    let trickled = import::parse(Trickle(bytes), format, |_| {});
    if trickled != parsed {
        return Err(format!(
            "{format:?}: one byte per read changed the result:\n{parsed:?}\n{trickled:?}"
        ));
    }
    Ok(parsed)
}

/// Parses `bytes` as both formats (checking each); the rows of the format the
/// file sniffs as, if they were accepted.
pub fn check_parse(bytes: &[u8]) -> Result<Option<Vec<ParsedRow>>, String> {
    let jsonl = parse_checked(bytes, InputFormat::JsonLines)?;
    let csv = parse_checked(bytes, InputFormat::Csv)?;
    let chosen = match InputFormat::sniff(bytes) {
        InputFormat::JsonLines => jsonl,
        InputFormat::Csv => csv,
    };
    Ok(chosen.ok())
}

/// (skills, audit records) in the database at `path`.
fn counts(path: &std::path::Path) -> Result<(u64, u64), String> {
    let store = Store::open(path).map_err(|e| e.to_string())?;
    let read = store.read().map_err(|e| e.to_string())?;
    let skills = read.open_table(tables::SKILLS).map_err(|e| e.to_string())?;
    let audit = read.open_table(tables::AUDIT).map_err(|e| e.to_string())?;
    Ok((
        skills.len().map_err(|e| e.to_string())?,
        audit.len().map_err(|e| e.to_string())?,
    ))
}

fn problems(path: &std::path::Path) -> Result<Vec<String>, String> {
    let store = Store::open(path).map_err(|e| e.to_string())?;
    let read = store.read().map_err(|e| e.to_string())?;
    invariants::check(&read).map_err(|e| e.to_string())
}

/// Imports accepted rows as the operator on a fresh copy of the demo database;
/// true if it imported, false if it refused (both checked).
pub fn check_service_import(rows: &[ParsedRow]) -> Result<bool, String> {
    let copy = demo_db::Copy::new();
    let before = counts(&copy.path)?;
    let service = copy.service();
    let result = service.import_records(Importer::Operator, rows, &mut |_, _| {});
    drop(service);
    let after = counts(&copy.path)?;
    match result {
        Err(ServiceError::Invalid(invalid)) => {
            let message = invalid.to_string();
            if after != before {
                return Err(format!(
                    "a refused import changed the database {before:?} → {after:?}: {message}"
                ));
            }
            let reasons: Vec<&str> = message.lines().skip(1).collect();
            if !message.starts_with("nothing imported") || reasons.is_empty() {
                return Err(format!("refusal without reasons: {message}"));
            }
            for reason in reasons {
                let line = reason
                    .strip_prefix("line ")
                    .and_then(|r| r.split(':').next())
                    .and_then(|n| n.parse::<usize>().ok());
                if !line.is_some_and(|l| rows.iter().any(|r| r.line == l)) {
                    return Err(format!("reason names no row's line: {reason}"));
                }
            }
            Ok(false)
        }
        Err(e) => Err(format!("import failed unexpectedly: {e}")),
        Ok(summary) => {
            if summary.rows != rows.len() || summary.added + summary.unchanged != rows.len() {
                return Err(format!("summary {summary:?} for {} rows", rows.len()));
            }
            if after != (before.0 + summary.added as u64, before.1 + 1) {
                return Err(format!("{summary:?} but counts {before:?} → {after:?}"));
            }
            let found = problems(&copy.path)?;
            if !found.is_empty() {
                return Err(format!("invariants broken after an import: {found:?}"));
            }
            let service = copy.service();
            let again = service
                .import_records(Importer::Operator, rows, &mut |_, _| {})
                .map_err(|e| format!("the same rows again: {e}"))?;
            if again.added != 0 {
                return Err(format!(
                    "importing the same rows again added {}",
                    again.added
                ));
            }
            Ok(true)
        }
    }
}

/// Everything above for one file.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if let Some(rows) = check_parse(bytes)?
        && !rows.is_empty()
    {
        check_service_import(&rows)?;
    }
    Ok(())
}
