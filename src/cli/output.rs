//! Printing results as aligned text tables or JSON, and errors with exit codes.

use std::io::Write;

use certlink_i18n::Lang;
use certlink_i18n::width::width;
use serde_json::json;

use super::CliError;
use super::args::Format;
use certlink_core::service::ServiceError;
use certlink_domain::time::DateFormat;

/// A plain text table whose columns line up in terminals, wide (CJK) text included.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if i < widths.len() {
                    widths[i] = widths[i].max(width(cell));
                }
            }
        }
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (i, cell) in cells.iter().enumerate() {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    out.push_str(&" ".repeat(widths[i].saturating_sub(width(cell)) + 2));
                }
            }
            out.trim_end().to_string()
        };
        let mut out = line(&self.header);
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }
}

/// The last line of a table page when more rows remain (principle 6): the
/// command gets the next page with `next` added (e.g. `--after 17`).
pub fn more_rows(lang: Lang, next: &str) -> String {
    format!("{}\n", lang.cli_more_rows(next))
}

/// Key/value lines, aligned on the keys.
pub fn pairs(items: &[(&str, String)]) -> String {
    let widest = items.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    items
        .iter()
        .map(|(k, v)| format!("{k}{}  {v}\n", " ".repeat(widest - width(k))))
        .collect()
}

pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

pub fn print_json(value: &serde_json::Value) {
    print(&format!(
        "{}\n",
        serde_json::to_string_pretty(value).unwrap_or_default()
    ));
}

/// Reports an error and returns its exit code. Refusals name their rule and what
/// to do; with JSON output, scripts get `{"error":{code, rule, message, next_allowed}}`.
/// `lang` is the language output speaks: refusals are worded with `dates` in it.
pub fn report_error(
    error: &CliError,
    format: Format,
    dates: Option<&DateFormat>,
    lang: Lang,
) -> u8 {
    report_error_to(
        error,
        format,
        dates,
        &super::Io::process(),
        Front::Local,
        lang,
    )
}

/// Which front end a command ran in: some refusals say what to do there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front {
    /// The CLI on the machine that holds the database.
    Local,
    /// A command run over `ssh HOST COMMAND` (SSH exec).
    SshExec,
}

/// What to do next, where a refusal's own words cannot know the front end.
fn hint(refusal: &certlink_domain::Refusal, front: Front, lang: Lang) -> Option<&'static str> {
    match (refusal, front) {
        // R13: SSH exec refuses `password change` (it has no terminal for the
        // prompt); the interactive session asks for the new password.
        (certlink_domain::Refusal::PasswordChangeRequired, Front::Local) => {
            Some(lang.cli_hint_password_change_local())
        }
        (certlink_domain::Refusal::PasswordChangeRequired, Front::SshExec) => {
            Some(lang.cli_hint_password_change_ssh())
        }
        _ => None,
    }
}

/// [`report_error`] on given streams (an SSH channel), with the hints of `front`.
pub fn report_error_to(
    error: &CliError,
    format: Format,
    dates: Option<&DateFormat>,
    io: &super::Io,
    front: Front,
    lang: Lang,
) -> u8 {
    let dates = dates
        .copied()
        .unwrap_or_else(|| DateFormat::new(chrono_tz::UTC, chrono::Utc::now()))
        .in_lang(lang);
    let dates = &dates;
    let (code, rule, message, next_allowed) = match error {
        CliError::Service(ServiceError::Refused(r)) => (
            r.code().to_string(),
            Some(r.rule()),
            match hint(r, front, lang) {
                Some(hint) => lang.cli_refusal_with_hint(r.message(dates), hint),
                None => r.message(dates),
            },
            r.next_allowed(),
        ),
        CliError::Service(ServiceError::Store(_)) => (
            "database".to_string(),
            None,
            super::wording::message_in(error, dates),
            None,
        ),
        CliError::Service(ServiceError::Invalid(
            certlink_core::service::InvalidInput::NotFound(_),
        )) => (
            "not_found".to_string(),
            None,
            super::wording::message_in(error, dates),
            None,
        ),
        CliError::Service(ServiceError::Invalid(_)) | CliError::Invalid(_) => (
            "invalid".to_string(),
            None,
            super::wording::message_in(error, dates),
            None,
        ),
    };
    match format {
        Format::Json => io.print_json(&json!({"error": {
            "code": code,
            "rule": rule,
            "message": message,
            "next_allowed": next_allowed.map(|d| d.to_rfc3339()),
        }})),
        Format::Table | Format::Csv => {
            let rule = rule.filter(|r| *r != "-");
            let line = match (error, rule) {
                (CliError::Service(ServiceError::Refused(_)), Some(rule)) => {
                    lang.cli_report_refused_rule(rule, message)
                }
                (CliError::Service(ServiceError::Refused(_)), None) => {
                    lang.cli_report_refused(message)
                }
                (_, Some(rule)) => lang.cli_report_error_rule(rule, message),
                (_, None) => lang.cli_report_error(message),
            };
            io.eprint(&format!("{line}\n"));
        }
    }
    error.exit_code()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_names_stay_aligned() {
        let mut t = Table::new(&["NAME", "EMAIL"]);
        t.row(vec!["王小明".into(), "wang@contoso.com".into()]);
        t.row(vec!["Ada".into(), "ada@contoso.com".into()]);
        let text = t.render();
        // The display column where the second cell starts, per line.
        let starts: Vec<usize> = text
            .lines()
            .map(|line| {
                let second = line.rfind("  ").map(|i| i + 2).unwrap_or(0);
                width(&line[..second])
            })
            .collect();
        assert_eq!(starts, vec![8, 8, 8], "{text}");
    }

    /// Chinese headers and cells: columns start at the same display column,
    /// and pairs put every value at one column.
    #[test]
    fn chinese_headers_and_pairs_align_by_display_width() {
        let zh = Lang::ZhCn;
        let mut t = Table::new(&[zh.cli_col_name(), zh.cli_col_status(), zh.cli_col_roles()]);
        t.row(vec![
            "王小明".into(),
            zh.cli_status_active().into(),
            "-".into(),
        ]);
        t.row(vec![
            "Ada Lovelace".into(),
            zh.cli_status_invited().into(),
            "-".into(),
        ]);
        let text = t.render();
        let at = |line: &str, cell: &str| width(&line[..line.find(cell).unwrap()]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(at(lines[0], zh.cli_col_status()), 14, "{text}");
        assert_eq!(at(lines[1], zh.cli_status_active()), 14, "{text}");
        assert_eq!(at(lines[2], zh.cli_status_invited()), 14, "{text}");
        assert_eq!(
            at(lines[1], "-"),
            at(lines[0], zh.cli_col_roles()),
            "{text}"
        );

        let text = pairs(&[
            (zh.cli_label_account(), "a".into()),
            (zh.cli_label_partner_university(), "b".into()),
        ]);
        let starts: Vec<usize> = ["a", "b"]
            .iter()
            .zip(text.lines())
            .map(|(value, line)| at(line, value))
            .collect();
        assert_eq!(starts, vec![20, 20], "{text}");
    }
}
