//! Reports, competencies and imports on the command line (R3, R10, R11, R18).

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use chrono::{Months, NaiveDate};
use serde_json::json;

use super::CliError;
use super::args::{Format, InputFormatArg};
use super::{Ctx, Failure, Table, pairs, plain, with_dates};
use certlink_core::import::{self, InputFormat};
use certlink_core::report;
use certlink_core::service::{Importer, InvalidInput};
use certlink_domain::limits;
use certlink_i18n::Lang;

/// Where an export goes: the file named by `--out`, else the command's output.
fn output<'a>(ctx: &'a Ctx, out: &Option<PathBuf>) -> Result<Box<dyn Write + 'a>, Failure> {
    match out {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| {
                plain(CliError::Invalid(
                    ctx.lang()
                        .cli_cannot_write(path.display().to_string(), e.to_string()),
                ))
            })?;
            Ok(Box::new(std::io::BufWriter::new(file)))
        }
        None => Ok(Box::new(std::io::BufWriter::new(ctx.io.writer()))),
    }
}

fn io_failure(e: std::io::Error) -> Failure {
    plain(InvalidInput::ReportOutput(e))
}

fn said_where(ctx: &Ctx, out: &Option<PathBuf>, rows: usize) {
    if let Some(path) = out {
        ctx.io.eprint(&format!(
            "{}\n",
            ctx.lang()
                .cli_rows_written(rows, path.display().to_string())
        ));
    }
}

pub fn skills(ctx: &Ctx, out: Option<PathBuf>) -> Result<(), Failure> {
    let service = ctx.service().map_err(plain)?;
    let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
    let dates = ctx.dates(&service).map_err(plain)?;
    // Refused before the output is opened: no header, no file.
    service
        .check_report_access(&session)
        .map_err(with_dates(&service))?;
    let mut w = output(ctx, &out)?;
    // CSV and JSON stream a page of people at a time: memory stays flat.
    let n = match ctx.format() {
        Format::Csv => {
            let mut csv = report::SkillCsv::new(&mut w, dates).map_err(io_failure)?;
            let n = service
                .for_each_skill_row(&session, |row| csv.row(row))
                .map_err(with_dates(&service))?;
            csv.finish().map_err(io_failure)?;
            n
        }
        Format::Json => {
            w.write_all(b"[").map_err(io_failure)?;
            let mut first = true;
            let n = service
                .for_each_skill_row(&session, |row| {
                    w.write_all(if first { b"\n  " } else { b",\n  " })?;
                    first = false;
                    serde_json::to_writer(&mut w, row).map_err(std::io::Error::other)
                })
                .map_err(with_dates(&service))?;
            w.write_all(if n > 0 { b"\n]\n" } else { b"]\n" })
                .map_err(io_failure)?;
            n
        }
        Format::Table => {
            let rows = service
                .skills_report(&session)
                .map_err(with_dates(&service))?;
            let has_skills = rows.iter().any(|r| r.kind.is_some());
            let mut t = Table::new(&report::skill_headings(ctx.lang()));
            for row in &rows {
                t.row(report::skill_cells(row, &dates).to_vec());
            }
            let mut text = t.render();
            if !has_skills {
                text.push_str(report::empty_skills_report(ctx.lang()));
                text.push('\n');
            }
            w.write_all(text.as_bytes()).map_err(io_failure)?;
            rows.len()
        }
    };
    w.flush().map_err(io_failure)?;
    said_where(ctx, &out, n);
    Ok(())
}

pub fn users(ctx: &Ctx, out: Option<PathBuf>) -> Result<(), Failure> {
    let service = ctx.service().map_err(plain)?;
    let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
    let rows = service
        .users_report(&session)
        .map_err(with_dates(&service))?;
    let mut w = output(ctx, &out)?;
    let n = match ctx.format() {
        Format::Csv => report::write_users_csv(&rows, &mut w).map_err(io_failure)?,
        Format::Json => report::write_json_array(&rows, &mut w).map_err(io_failure)?,
        Format::Table => {
            let mut t = Table::new(&report::user_headings(ctx.lang()));
            for row in &rows {
                t.row(report::user_cells_in(row, ctx.lang()).to_vec());
            }
            w.write_all(t.render().as_bytes()).map_err(io_failure)?;
            rows.len()
        }
    };
    w.flush().map_err(io_failure)?;
    said_where(ctx, &out, n);
    Ok(())
}

fn parse_day(ctx: &Ctx, flag: &str, s: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| plain(CliError::Invalid(ctx.lang().cli_not_a_date(flag, s))))
}

pub fn learning(ctx: &Ctx, from: Option<String>, to: Option<String>) -> Result<(), Failure> {
    let service = ctx.service().map_err(plain)?;
    let today = service.now().map_err(plain)?.date_naive();
    let to = match to {
        Some(t) => parse_day(ctx, "--to", &t)?,
        None => today,
    };
    let from = match from {
        Some(f) => parse_day(ctx, "--from", &f)?,
        None => to.checked_sub_months(Months::new(12)).unwrap_or(to),
    };
    let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
    let rep = service
        .learning_report(&session, from, to)
        .map_err(with_dates(&service))?;
    match ctx.format() {
        Format::Json => ctx.print_json(&serde_json::to_value(&rep).unwrap_or_default()),
        Format::Table | Format::Csv => {
            let lang = ctx.lang();
            let mut text = pairs(&[
                (
                    lang.cli_label_period(),
                    lang.cli_period(rep.from.to_string(), rep.to.to_string()),
                ),
                (
                    lang.cli_label_trained_individuals(),
                    rep.trained_individuals.to_string(),
                ),
                (
                    lang.cli_label_module_completions(),
                    rep.module_completions.to_string(),
                ),
                (
                    lang.cli_label_learning_path_completions(),
                    rep.learning_path_completions.to_string(),
                ),
            ]);
            let mut months = Table::new(&[
                lang.cli_col_month(),
                lang.cli_col_modules(),
                lang.cli_col_learning_paths(),
            ]);
            for m in &rep.monthly {
                months.row(vec![
                    m.month.clone(),
                    m.modules.to_string(),
                    m.learning_paths.to_string(),
                ]);
            }
            let mut learners = Table::new(&[
                lang.cli_col_name(),
                lang.cli_col_email(),
                lang.cli_col_modules(),
                lang.cli_col_learning_paths(),
                lang.cli_col_in_progress(),
            ]);
            for l in &rep.learners {
                learners.row(vec![
                    l.name.clone(),
                    l.email.to_string(),
                    l.modules_completed.to_string(),
                    l.learning_paths_completed.to_string(),
                    l.in_progress.to_string(),
                ]);
            }
            text.push_str(&format!(
                "\n{}\n{}\n{}\n{}",
                lang.cli_monthly_trend(),
                months.render(),
                lang.cli_learners(),
                learners.render()
            ));
            ctx.print(&text);
        }
    }
    Ok(())
}

pub fn competencies(ctx: &Ctx) -> Result<(), Failure> {
    let service = ctx.service().map_err(plain)?;
    let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
    let status = service
        .competency_status(&session)
        .map_err(with_dates(&service))?;
    let dates = ctx.dates(&service).map_err(plain)?;
    match ctx.format() {
        Format::Json => ctx.print_json(&json!({"competencies": status})),
        Format::Table | Format::Csv => {
            let lang = ctx.lang();
            if status.is_empty() {
                ctx.print(&format!("{}\n", lang.cli_no_competencies()));
                return Ok(());
            }
            let mut t = Table::new(&[
                lang.cli_col_competency(),
                lang.cli_col_required(),
                lang.cli_col_current(),
                lang.cli_col_met(),
                lang.cli_col_who_counts(),
            ]);
            for c in &status {
                let who: Vec<String> = c
                    .counted
                    .iter()
                    .map(|p| {
                        lang.cli_counted(
                            p.name.as_str(),
                            p.skill_id.to_string(),
                            dates.date(p.earned),
                        )
                    })
                    .collect();
                t.row(vec![
                    c.name.clone(),
                    c.required.to_string(),
                    c.current.to_string(),
                    super::support::yes_no(lang, c.met).into(),
                    who.join(lang.cli_list_separator()),
                ]);
            }
            ctx.print(&t.render());
        }
    }
    Ok(())
}

fn too_big(lang: Lang) -> Failure {
    plain(CliError::Invalid(lang.cli_import_too_big(
        limits::IMPORT_FILE_BYTES / (1024 * 1024),
    )))
}

fn cannot_read(lang: Lang, what: &str, e: std::io::Error) -> Failure {
    plain(CliError::Invalid(lang.cli_cannot_read(what, e.to_string())))
}

/// The first bytes of `input` (up to 512), enough to tell the format.
fn head(input: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(512);
    input.take(512).read_to_end(&mut head)?;
    Ok(head)
}

/// Copies what is read into a spool file, counting the bytes, so standard
/// input (read once) can be parsed a second time inside the transaction.
struct Tee<'a, R> {
    inner: R,
    spool: &'a mut std::io::BufWriter<std::fs::File>,
    read: u64,
}

impl<R: Read> Read for Tee<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.spool.write_all(&buf[..n])?;
        self.read += n as u64;
        Ok(n)
    }
}

/// An owner-only file for standard input, beside the database when there is
/// one (on its disk, not a RAM-backed /tmp), removed from the directory at
/// once on Unix so that nothing is left behind.
fn spool_file(database: Option<&std::path::Path>) -> std::io::Result<std::fs::File> {
    static SPOOLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = SPOOLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = database
        .and_then(|p| p.parent())
        .filter(|d| !d.as_os_str().is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    certlink_core::private_files::scratch(
        &dir.join(format!(".certlink-import-{}-{n}.tmp", std::process::id())),
    )
}

/// Where an import's rows come from: a file, read twice (checked, then
/// written), or standard input, checked while it is copied to a spool file
/// that is then read for the writing. Neither is ever held in memory.
enum Input {
    File(PathBuf),
    Spooled(std::fs::File),
}

impl Input {
    /// A fresh reader over the whole input.
    fn reader(&self, lang: Lang) -> Result<Box<dyn Read + '_>, Failure> {
        use std::io::{Seek, SeekFrom};
        Ok(match self {
            Input::File(path) => Box::new(
                std::fs::File::open(path)
                    .map_err(|e| cannot_read(lang, &path.display().to_string(), e))?,
            ),
            Input::Spooled(file) => {
                let mut file = file;
                file.seek(SeekFrom::Start(0))
                    .map_err(|e| cannot_read(lang, lang.cli_input_spooled(), e))?;
                Box::new(file)
            }
        })
    }
}

fn bad_rows(errors: &[import::RowError]) -> Failure {
    plain(InvalidInput::NothingImported(errors.to_vec()))
}

/// R14 first: who may import is decided before a byte of the input is read.
/// Then the input is checked row by row (rows are never held in memory: a
/// file is read again, standard input is spooled to a file) and written in
/// one transaction, which a bad row anywhere leaves unwritten.
pub fn import(ctx: &Ctx, file: &str, format: Option<InputFormatArg>) -> Result<(), Failure> {
    let service = ctx.service().map_err(plain)?;
    let session = match ctx.as_person() {
        true => Some(ctx.sign_in(&service).map_err(with_dates(&service))?),
        false => None,
    };
    let importer = match &session {
        Some(s) => Importer::Support(s),
        None => Importer::Operator,
    };
    service.may_import(importer).map_err(with_dates(&service))?;
    let lang = ctx.lang();

    let started = std::time::Instant::now();
    let max = limits::IMPORT_FILE_BYTES;
    let format_arg = format.map(|f| match f {
        InputFormatArg::Jsonl => InputFormat::JsonLines,
        InputFormatArg::Csv => InputFormat::Csv,
    });
    let (input, format, total) = if file == "-" {
        let mut stdin = ctx.io.reader();
        let head = head(&mut stdin).map_err(|e| cannot_read(lang, lang.cli_input_stdin(), e))?;
        let format = format_arg.unwrap_or_else(|| InputFormat::sniff(&head));
        let spool = spool_file(service.store_path())
            .map_err(|e| cannot_read(lang, lang.cli_input_stdin_no_spool(), e))?;
        let mut out = std::io::BufWriter::with_capacity(64 << 10, spool);
        let mut tee = Tee {
            inner: std::io::Cursor::new(head).chain(stdin.take(max + 1)),
            spool: &mut out,
            read: 0,
        };
        let checked = import::parse_each(&mut tee, format, |_| {}, |_| {});
        if tee.read > max {
            return Err(too_big(lang));
        }
        checked.map_err(|errors| bad_rows(&errors))?;
        let spool = out
            .into_inner()
            .map_err(|e| cannot_read(lang, lang.cli_input_stdin_spool(), e.into_error()))?;
        (Input::Spooled(spool), format, None)
    } else {
        let path = PathBuf::from(file);
        let what = path.display().to_string();
        let len = std::fs::metadata(&path)
            .map_err(|e| cannot_read(lang, &what, e))?
            .len();
        if len > max {
            return Err(too_big(lang));
        }
        let input = Input::File(path.clone());
        let format = match format_arg.or_else(|| InputFormat::from_path(&path)) {
            Some(f) => f,
            None => InputFormat::sniff(
                &head(&mut input.reader(lang)?).map_err(|e| cannot_read(lang, &what, e))?,
            ),
        };
        (input, format, Some(len))
    };

    let bar = total
        // Principle 12: no bar under JSON, over SSH or off a terminal.
        .filter(|_| {
            ctx.is_local() && ctx.format() != Format::Json && std::io::stderr().is_terminal()
        })
        .map(|total| {
            let bar = indicatif::ProgressBar::new(total * 2);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{msg:>9} [{bar:40}] {percent:>3}%")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(lang.cli_import_checking());
            bar
        });
    let advance = |n: u64| {
        if let Some(b) = &bar {
            b.inc(n);
        }
    };
    if let Input::File(_) = input {
        // The first pass, outside the transaction: bad rows are told without
        // holding the writer.
        import::parse_each(input.reader(lang)?.take(max + 1), format, advance, |_| {})
            .map_err(|errors| bad_rows(&errors))?;
    }
    if let Some(b) = &bar {
        b.set_message(lang.cli_import_writing());
    }
    let mut reader = input.reader(lang)?.take(max + 1);
    let summary = service
        .import_each(importer, &mut |take| {
            import::parse_each(&mut reader, format, advance, &mut *take)
        })
        .map_err(with_dates(&service));
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let summary = summary?;
    ctx.io.eprint(&super::progress::summary(
        lang,
        "import",
        &lang.cli_import_rows_read(summary.rows),
        0,
        started.elapsed().as_secs_f64(),
    ));
    match ctx.format() {
        Format::Json => ctx.print_json(&serde_json::to_value(summary).unwrap_or_default()),
        Format::Table | Format::Csv => ctx.print(&format!(
            "{}\n",
            lang.cli_imported(summary.rows, summary.added, summary.unchanged)
        )),
    }
    Ok(())
}
