//! Parsing learning-record files (JSON Lines or CSV; `docs/import.md`) into skill
//! records. Every row is validated; a bad row is reported with its line number and
//! reason. Nothing here touches the store: the service writes a file's rows in one
//! transaction, or none of them.

use std::io::{BufRead, BufReader, Read};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use certlink_domain::limits;
use certlink_domain::skills::{Progress, SkillKind, SkillRecord, Subject};
use certlink_domain::{Mcid, PuUsername};
use certlink_i18n::Lang;

/// Reads at most `limits::IMPORT_FILE_BYTES`, then fails with a clear error, so
/// an endless or huge input cannot fill memory (the whole file is validated
/// before anything is written).
struct Capped<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > limits::IMPORT_FILE_BYTES {
            return Err(std::io::Error::other(FileTooLarge));
        }
        Ok(n)
    }
}

/// The error the cap reads with: the file is over `limits::IMPORT_FILE_BYTES`.
#[derive(Debug)]
struct FileTooLarge;

impl std::fmt::Display for FileTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.core_import_file_too_large(file_mib()))
    }
}

impl std::error::Error for FileTooLarge {}

fn file_mib() -> u64 {
    limits::IMPORT_FILE_BYTES / (1024 * 1024)
}

/// The problem of a read error; the cap's own in the catalog's words.
fn cannot_read(e: &std::io::Error) -> Problem {
    if e.get_ref().is_some_and(|inner| inner.is::<FileTooLarge>()) {
        Problem::FileTooLarge
    } else {
        Problem::CannotRead(e.to_string())
    }
}

/// Skips to just after the next line break; returns the bytes skipped.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(skipped);
        }
        let (used, done) = match available.iter().position(|b| *b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        reader.consume(used);
        skipped += used as u64;
        if done {
            return Ok(skipped);
        }
    }
}

/// The two accepted formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    JsonLines,
    Csv,
}

impl InputFormat {
    /// From a file name's extension, if it says.
    pub fn from_path(path: &std::path::Path) -> Option<InputFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" | "json" => Some(InputFormat::JsonLines),
            "csv" => Some(InputFormat::Csv),
            _ => None,
        }
    }

    /// From the first byte that is not white space: `{` means JSON Lines.
    pub fn sniff(head: &[u8]) -> InputFormat {
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => InputFormat::JsonLines,
            _ => InputFormat::Csv,
        }
    }
}

/// A rejected row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the file (the CSV header is line 1).
    pub line: usize,
    pub reason: Problem,
}

impl RowError {
    /// "line 3: …" in `lang` (Display is the English).
    pub fn message(&self, lang: Lang) -> String {
        lang.core_import_line(self.line, self.reason.message(lang))
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Why a row of an import was rejected. A library's own words inside (the
/// JSON or CSV parser's, an I/O error's) stay as it wrote them; field names
/// and the values of `kind` and `status` are the file's, in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    FileTooLarge,
    RowTooLong,
    CannotRead(String),
    CannotReadHeader(String),
    NotUtf8,
    NotValidRecord(String),
    NotValidRow(String),
    NotADate {
        field: &'static str,
        value: String,
    },
    NotADateOrInstant {
        field: &'static str,
        value: String,
    },
    PassedNotBool(String),
    PassedNotBoolValue(String),
    Missing(&'static str),
    FieldTooLong {
        field: &'static str,
        max: usize,
    },
    Id(certlink_domain::ParseIdError),
    BothSubjects,
    NoSubject,
    SkillIdSpaces(String),
    CertificationTakesNoPassedOrStatus,
    ExpiresNotAfterDate,
    NeedsPassed(SkillKind),
    TakesNoExpiresOrStatus(SkillKind),
    NeedsStatus(SkillKind),
    TakesNoExpiresOrPassed(SkillKind),
    /// The row's person is not known here (found by the service).
    NotRegistered(Subject),
    /// The row's date is after now (found by the service).
    InTheFuture(NaiveDate),
}

impl Problem {
    /// What is wrong, in `lang` (Display is the English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::FileTooLarge => {
                lang.core_import_cannot_read(lang.core_import_file_too_large(file_mib()))
            }
            Problem::RowTooLong => lang.core_import_row_too_long(limits::IMPORT_LINE_BYTES),
            Problem::CannotRead(e) => lang.core_import_cannot_read(e.as_str()),
            Problem::CannotReadHeader(e) => lang.core_import_cannot_read_header(e.as_str()),
            Problem::NotUtf8 => lang.core_import_not_utf8().into(),
            Problem::NotValidRecord(e) => lang.core_import_not_valid_record(e.as_str()),
            Problem::NotValidRow(e) => lang.core_import_not_valid_row(e.as_str()),
            Problem::NotADate { field, value } => {
                lang.core_import_not_a_date(*field, value.as_str())
            }
            Problem::NotADateOrInstant { field, value } => {
                lang.core_import_not_a_date_or_instant(*field, value.as_str())
            }
            Problem::PassedNotBool(v) => lang.core_import_passed_not_bool(v.as_str()),
            Problem::PassedNotBoolValue(v) => lang.core_import_passed_not_bool_value(v.as_str()),
            Problem::Missing(field) => lang.core_import_missing(*field),
            Problem::FieldTooLong { field, max } => lang.core_import_field_too_long(*field, *max),
            Problem::Id(e) => e.message(lang),
            Problem::BothSubjects => lang.core_import_both_subjects().into(),
            Problem::NoSubject => lang.core_import_no_subject().into(),
            Problem::SkillIdSpaces(id) => lang.core_import_skill_id_spaces(id.as_str()),
            Problem::CertificationTakesNoPassedOrStatus => {
                lang.core_import_certification_takes_no_passed().into()
            }
            Problem::ExpiresNotAfterDate => lang.core_import_expires_not_after_date().into(),
            Problem::NeedsPassed(kind) => lang.core_import_needs_passed(kind.name()),
            Problem::TakesNoExpiresOrStatus(kind) => {
                lang.core_import_takes_no_expires_or_status(kind.name())
            }
            Problem::NeedsStatus(kind) => lang.core_import_needs_status(kind.name()),
            Problem::TakesNoExpiresOrPassed(kind) => {
                lang.core_import_takes_no_expires_or_passed(kind.name())
            }
            Problem::NotRegistered(subject) => lang.core_import_not_registered(subject.to_string()),
            Problem::InTheFuture(date) => lang.core_import_in_the_future(date.to_string()),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// A parsed row with the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRow {
    pub line: usize,
    pub record: SkillRecord,
}

/// The most row errors reported for one file.
pub const MAX_REPORTED_ERRORS: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Number(u64),
    Text(String),
}

/// One row as written, before validation. CSV and JSON Lines share it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    #[serde(default)]
    mcid: Option<NumberOrText>,
    #[serde(default)]
    pu_username: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    skill_id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    expires: Option<String>,
    #[serde(default)]
    passed: Option<serde_json::Value>,
    #[serde(default)]
    status: Option<String>,
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A date as YYYY-MM-DD (midnight UTC) or an RFC 3339 instant.
fn parse_date(field: &'static str, s: &str) -> Result<DateTime<Utc>, Problem> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc())
            .ok_or_else(|| Problem::NotADate {
                field,
                value: s.to_string(),
            });
    }
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| Problem::NotADateOrInstant {
            field,
            value: s.to_string(),
        })
}

fn parse_bool(v: &serde_json::Value) -> Result<bool, Problem> {
    match v {
        serde_json::Value::Bool(b) => Ok(*b),
        serde_json::Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            other => Err(Problem::PassedNotBool(other.to_string())),
        },
        other => Err(Problem::PassedNotBoolValue(other.to_string())),
    }
}

fn text_field(field: &'static str, v: &Option<String>, max: usize) -> Result<String, Problem> {
    let s = present(v).ok_or(Problem::Missing(field))?;
    if s.chars().count() > max || s.chars().any(char::is_control) {
        return Err(Problem::FieldTooLong { field, max });
    }
    Ok(s.to_string())
}

impl RawRow {
    fn validate(self) -> Result<SkillRecord, Problem> {
        let mcid = match &self.mcid {
            Some(NumberOrText::Number(n)) => Some(Mcid::new(*n).map_err(Problem::Id)?),
            Some(NumberOrText::Text(t)) if !t.trim().is_empty() => {
                Some(t.parse::<Mcid>().map_err(Problem::Id)?)
            }
            _ => None,
        };
        let pu = present(&self.pu_username)
            .map(|u| u.parse::<PuUsername>().map_err(Problem::Id))
            .transpose()?;
        let subject = match (mcid, pu) {
            (Some(m), None) => Subject::Mcid(m),
            (None, Some(u)) => Subject::Pu(u),
            (Some(_), Some(_)) => return Err(Problem::BothSubjects),
            (None, None) => return Err(Problem::NoSubject),
        };
        let kind: SkillKind = present(&self.kind)
            .ok_or(Problem::Missing("kind"))?
            .parse()
            .map_err(Problem::Id)?;
        let skill_id = text_field("skill_id", &self.skill_id, limits::SKILL_ID)?;
        if skill_id.chars().any(char::is_whitespace) {
            return Err(Problem::SkillIdSpaces(skill_id));
        }
        let name = text_field("name", &self.name, limits::SKILL_NAME)?;
        let date = parse_date("date", present(&self.date).ok_or(Problem::Missing("date"))?)?;
        let expires = present(&self.expires)
            .map(|e| parse_date("expires", e))
            .transpose()?;
        let passed = match &self.passed {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
            Some(v) => Some(parse_bool(v)?),
        };
        let progress = present(&self.status)
            .map(|s| s.parse::<Progress>().map_err(Problem::Id))
            .transpose()?;
        match kind {
            SkillKind::Certification => {
                if passed.is_some() || progress.is_some() {
                    return Err(Problem::CertificationTakesNoPassedOrStatus);
                }
                if expires.is_some_and(|e| e <= date) {
                    return Err(Problem::ExpiresNotAfterDate);
                }
            }
            SkillKind::Exam | SkillKind::Assessment => {
                if passed.is_none() {
                    return Err(Problem::NeedsPassed(kind));
                }
                if expires.is_some() || progress.is_some() {
                    return Err(Problem::TakesNoExpiresOrStatus(kind));
                }
            }
            SkillKind::Module | SkillKind::LearningPath => {
                if progress.is_none() {
                    return Err(Problem::NeedsStatus(kind));
                }
                if expires.is_some() || passed.is_some() {
                    return Err(Problem::TakesNoExpiresOrPassed(kind));
                }
            }
        }
        Ok(SkillRecord {
            subject,
            kind,
            skill_id,
            name,
            date,
            expires,
            passed,
            progress,
        })
    }
}

/// Reads and validates a whole file. Returns every row, or the row errors (at most
/// [`MAX_REPORTED_ERRORS`]) when any row is bad. `on_bytes` is called as bytes
/// are read (for a progress bar).
pub fn parse(
    input: impl Read,
    format: InputFormat,
    on_bytes: impl FnMut(u64),
) -> Result<Vec<ParsedRow>, Vec<RowError>> {
    let mut rows = Vec::new();
    parse_each(input, format, on_bytes, |row| rows.push(row))?;
    Ok(rows)
}

/// Reads and validates a file row by row, holding one row at a time (an
/// import of any size needs little memory): each valid row goes to `on_row`
/// while no row was bad so far. Returns the number of rows, or the row errors
/// (at most [`MAX_REPORTED_ERRORS`]) when any row is bad; `on_row` has then
/// seen only the rows before the first bad one, which the caller must drop.
pub fn parse_each(
    input: impl Read,
    format: InputFormat,
    mut on_bytes: impl FnMut(u64),
    mut on_row: impl FnMut(ParsedRow),
) -> Result<usize, Vec<RowError>> {
    let mut rows = 0usize;
    let mut errors = Vec::new();
    let mut push = |line: usize, raw: Result<RawRow, Problem>, errors: &mut Vec<RowError>| match raw
        .and_then(RawRow::validate)
    {
        Ok(record) => {
            rows += 1;
            if errors.is_empty() {
                on_row(ParsedRow { line, record });
            }
        }
        Err(reason) => {
            if errors.len() < MAX_REPORTED_ERRORS {
                errors.push(RowError { line, reason });
            }
        }
    };
    match format {
        InputFormat::JsonLines => {
            let mut reader = BufReader::new(Capped {
                inner: input,
                read: 0,
            });
            let mut buf = Vec::new();
            let max = limits::IMPORT_LINE_BYTES;
            for line_no in 1.. {
                buf.clear();
                let read = (&mut reader)
                    .take(max as u64 + 1)
                    .read_until(b'\n', &mut buf);
                let n = match read {
                    Ok(0) => break,
                    Ok(n) => n as u64,
                    Err(e) => {
                        // Within the cap too (found by fuzzing: 50 bad rows
                        // and then a line that is not UTF-8 gave 51 errors).
                        if errors.len() < MAX_REPORTED_ERRORS {
                            errors.push(RowError {
                                line: line_no,
                                reason: cannot_read(&e),
                            });
                        }
                        break;
                    }
                };
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                if buf.len() > max {
                    // Report it and go on with the next line.
                    match skip_line(&mut reader) {
                        Ok(skipped) => on_bytes(n + skipped),
                        Err(e) => {
                            errors.push(RowError {
                                line: line_no,
                                reason: cannot_read(&e),
                            });
                            break;
                        }
                    }
                    push(line_no, Err(Problem::RowTooLong), &mut errors);
                    continue;
                }
                on_bytes(n);
                let Ok(line) = std::str::from_utf8(&buf) else {
                    push(line_no, Err(Problem::NotUtf8), &mut errors);
                    continue;
                };
                if line.trim().is_empty() {
                    continue;
                }
                let raw = serde_json::from_str::<RawRow>(line)
                    .map_err(|e| Problem::NotValidRecord(e.to_string()));
                push(line_no, raw, &mut errors);
            }
        }
        InputFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(Capped {
                    inner: input,
                    read: 0,
                });
            let headers = match reader.headers() {
                Ok(h) => h.clone(),
                Err(e) => {
                    return Err(vec![RowError {
                        line: 1,
                        reason: Problem::CannotReadHeader(e.to_string()),
                    }]);
                }
            };
            let mut record = csv::StringRecord::new();
            let mut seen = 0u64;
            // Where the current row starts (after the header), for the row limit.
            let mut row_start = reader.position().byte();
            loop {
                let line_no = reader.position().line() as usize;
                match reader.read_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => {
                        let line_no = record
                            .position()
                            .map(|p| p.line() as usize)
                            .unwrap_or(line_no);
                        let byte = reader.position().byte();
                        let raw = if byte - row_start > limits::IMPORT_LINE_BYTES as u64 {
                            Err(Problem::RowTooLong)
                        } else {
                            record
                                .deserialize::<RawRow>(Some(&headers))
                                .map_err(|e| Problem::NotValidRow(e.to_string()))
                        };
                        push(line_no, raw, &mut errors);
                        row_start = byte;
                        on_bytes(byte - seen);
                        seen = byte;
                    }
                    Err(e) => {
                        if errors.len() < MAX_REPORTED_ERRORS {
                            errors.push(RowError {
                                line: line_no,
                                reason: Problem::NotValidRow(e.to_string()),
                            });
                        }
                        break;
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str, format: InputFormat) -> Result<Vec<ParsedRow>, Vec<RowError>> {
        parse(text.as_bytes(), format, |_| {})
    }

    #[test]
    fn json_lines_rows_of_every_kind() {
        let text = r#"{"mcid": 10000001, "kind": "certification", "skill_id": "az-104-cert", "name": "Azure Administrator Associate", "date": "2026-03-01", "expires": "2027-03-01"}
{"mcid": "10000001", "kind": "exam", "skill_id": "AZ-104", "name": "Azure Administrator", "date": "2026-02-20T10:00:00Z", "passed": true}

{"pu_username": "ada.l", "kind": "assessment", "skill_id": "pu-sec-101", "name": "Security Fundamentals", "date": "2026-05-01", "passed": "yes"}
{"mcid": 10000001, "kind": "learning-path", "skill_id": "lp-azure", "name": "Azure basics", "date": "2026-04-01", "status": "in-progress"}"#;
        let rows = parse_str(text, InputFormat::JsonLines).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2].line, 4, "blank lines keep their number");
        assert_eq!(
            rows[2].record.subject,
            Subject::Pu("ada.l".parse().unwrap())
        );
        assert_eq!(rows[3].record.progress, Some(Progress::InProgress));
    }

    #[test]
    fn csv_rows_with_line_numbers() {
        let text = "mcid,pu_username,kind,skill_id,name,date,expires,passed,status\n\
                    10000001,,exam,AZ-900,Azure Fundamentals,2026-01-10,,true,\n\
                    ,hedy.l,module,m-1,\"Intro, part 1\",2026-01-11,,,completed\n";
        let rows = parse_str(text, InputFormat::Csv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].record.name, "Intro, part 1");
    }

    #[test]
    fn each_kind_of_bad_row_is_named_with_its_line() {
        let cases = [
            (
                r#"{"kind": "exam", "skill_id": "X", "name": "n", "date": "2026-01-01", "passed": true}"#,
                "mcid or pu_username is missing",
            ),
            (
                r#"{"mcid": 1, "pu_username": "a", "kind": "exam", "skill_id": "X", "name": "n", "date": "2026-01-01", "passed": true}"#,
                "not both",
            ),
            (
                r#"{"mcid": 0, "kind": "exam", "skill_id": "X", "name": "n", "date": "2026-01-01", "passed": true}"#,
                "malformed MCID",
            ),
            (
                r#"{"mcid": 1, "kind": "badge", "skill_id": "X", "name": "n", "date": "2026-01-01"}"#,
                "unknown kind",
            ),
            (
                r#"{"mcid": 1, "kind": "exam", "name": "n", "date": "2026-01-01", "passed": true}"#,
                "skill_id is missing",
            ),
            (
                r#"{"mcid": 1, "kind": "exam", "skill_id": "X", "name": "n", "date": "31/12/2026", "passed": true}"#,
                "not a date",
            ),
            (
                r#"{"mcid": 1, "kind": "exam", "skill_id": "X", "name": "n", "date": "2026-01-01"}"#,
                "needs passed",
            ),
            (
                r#"{"mcid": 1, "kind": "module", "skill_id": "X", "name": "n", "date": "2026-01-01"}"#,
                "needs status",
            ),
            (
                r#"{"mcid": 1, "kind": "certification", "skill_id": "X", "name": "n", "date": "2026-01-01", "expires": "2025-01-01"}"#,
                "expires must be after",
            ),
            (
                r#"{"mcid": 1, "kind": "exam", "skill_id": "X", "name": "n", "date": "2026-01-01", "passed": true, "color": "red"}"#,
                "unknown field",
            ),
            ("{not json", "not a valid record"),
        ];
        for (row, why) in cases {
            let text = format!(
                "{{\"mcid\": 5, \"kind\": \"exam\", \"skill_id\": \"OK\", \"name\": \"fine\", \"date\": \"2026-01-01\", \"passed\": false}}\n{row}\n"
            );
            let errors = parse_str(&text, InputFormat::JsonLines).unwrap_err();
            assert_eq!(errors.len(), 1, "{row}");
            assert_eq!(errors[0].line, 2);
            assert!(
                errors[0].reason.to_string().contains(why),
                "{row}: {}",
                errors[0].reason
            );
        }
        let csv = "mcid,kind,skill_id,name,date,passed\n1,exam,X,n,2026-01-01,maybe\n";
        let errors = parse_str(csv, InputFormat::Csv).unwrap_err();
        assert_eq!(errors[0].line, 2);
    }

    #[test]
    fn formats_are_recognised() {
        assert_eq!(
            InputFormat::from_path(std::path::Path::new("a.CSV")),
            Some(InputFormat::Csv)
        );
        assert_eq!(
            InputFormat::from_path(std::path::Path::new("a.jsonl")),
            Some(InputFormat::JsonLines)
        );
        assert_eq!(InputFormat::sniff(b"  {\"mcid\""), InputFormat::JsonLines);
        assert_eq!(InputFormat::sniff(b"mcid,kind"), InputFormat::Csv);
    }

    #[test]
    fn rows_longer_than_the_limit_are_refused_and_the_rest_still_read() {
        let good = r#"{"mcid": 10000001, "kind": "exam", "skill_id": "AZ-900", "name": "N", "date": "2026-01-01", "passed": true}"#;
        // Exactly at the limit: padded with spaces inside the JSON object.
        let pad = limits::IMPORT_LINE_BYTES - good.len();
        let at = format!("{}{}", &good[..good.len() - 1], " ".repeat(pad) + "}");
        assert_eq!(at.len(), limits::IMPORT_LINE_BYTES);
        let over = format!("{} }}", &at[..at.len() - 1]);
        assert_eq!(over.len(), limits::IMPORT_LINE_BYTES + 1);
        let text = format!("{at}\n{over}\n{good}\n");
        let errors = parse_str(&text, InputFormat::JsonLines).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].reason.to_string().contains("4096 bytes"),
            "{:?}",
            errors[0]
        );
        assert_eq!(
            parse_str(&format!("{at}\n{good}"), InputFormat::JsonLines)
                .unwrap()
                .len(),
            2
        );
        // CSV: one row too long.
        let csv_over = format!(
            "mcid,kind,skill_id,name,date,passed\n10000001,exam,AZ-900,{},2026-01-01,true\n",
            "n".repeat(limits::IMPORT_LINE_BYTES)
        );
        let errors = parse_str(&csv_over, InputFormat::Csv).unwrap_err();
        assert!(
            errors[0].reason.to_string().contains("4096 bytes"),
            "{errors:?}"
        );
    }

    #[test]
    fn an_endless_input_stops_at_the_file_limit() {
        let endless = std::io::repeat(b'x');
        let errors = parse(endless, InputFormat::JsonLines, |_| {}).unwrap_err();
        assert!(errors[0].reason.to_string().contains("MiB"), "{errors:?}");
    }
}
