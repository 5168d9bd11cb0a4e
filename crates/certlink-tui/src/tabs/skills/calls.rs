//! The skills report's service calls (R10), as jobs: the first page in
//! front, the passes over the whole report and the row reads in the
//! background (issue #7), and the CSV download. Their answers come back to
//! the tab as [`Answer`].

use std::path::PathBuf;
use std::sync::Arc;

use crate::export;
use crate::jobs::{Failure, Job, Ticket};
use crate::tabs::users::calls::worded;
use certlink_core::browse::index::{HandleList, IndexUpdate, RowHandle};
use certlink_core::browse::reads::{self as skill_reads, IndexFailure, IndexJob};
use certlink_core::browse::sort::Pos;
use certlink_core::report;
use certlink_core::service::{ServiceError, Session, SkillRow};
use certlink_domain::Mcid;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

/// What the download writes: every handle, the view's positions in them
/// (both shared with the tab, not copied), and the dates the cells use.
pub type DownloadOrder = (Arc<HandleList>, Arc<Vec<Pos>>, DateFormat);

/// People whose rows the skills tab shows first, before the whole report (a
/// screen's worth and more; read by index in a few milliseconds at 100k people).
pub const FIRST_PAGE_PEOPLE: usize = 200;

/// What the skills tab's jobs answer.
pub enum Answer {
    /// The report's first page, and the dates its cells use.
    FirstPage {
        rows: Vec<SkillRow>,
        dates: DateFormat,
        /// `Service::changes` when it was read.
        changes: u64,
    },
    /// A pass over the whole report.
    Pass(Result<IndexUpdate, IndexFailure>),
    /// Rows by handle; None where the row is no longer in the report.
    Rows(Vec<(RowHandle, Option<SkillRow>)>),
    /// The download: where, and how many rows.
    Written { path: PathBuf, rows: usize },
    /// R12: a departed person's link ended from their row.
    Removed { mcid: Mcid, name: String },
}

/// R10: the rows of the organization's first people, on screen at once; a
/// pass over the whole report follows in the background. The cells speak
/// `lang`.
pub fn first_page_in(session: Session, lang: Lang) -> Job {
    Job::new(
        "LoadSkills",
        lang.tui_skills_progress_first_page(),
        move |service| {
            let worded = |e: ServiceError| worded(service, &e, lang);
            // Counted before reading: a write in between shows as a change.
            let changes = service.changes();
            let rows = service
                .skills_report_first_page(&session, FIRST_PAGE_PEOPLE)
                .map_err(worded)?;
            let dates = service.date_format().map_err(worded)?.in_lang(lang);
            Ok::<_, Failure>(Answer::FirstPage {
                rows,
                dates,
                changes,
            })
        },
    )
}

/// R10, in the background: a pass over the whole report for the tab's
/// handles, sort and filter; it stops early when `ticket` is superseded.
pub fn pass(session: Session, job: IndexJob, ticket: Ticket, lang: Lang) -> Job {
    Job::new(
        "IndexSkills",
        lang.tui_skills_progress_pass(),
        move |service| {
            let result = skill_reads::run_index(service, &session, job, |e| {
                worded(service, e, lang).message
            });
            // The pass freed a million rows' worth of pages: give them back.
            certlink_core::memory::trim();
            Ok::<_, Failure>(Answer::Pass(result))
        },
    )
    .in_background()
    .latest_wins(ticket)
}

/// R10, in the background: the rows the tab draws, by handle.
pub fn read_rows(session: Session, handles: Vec<RowHandle>, lang: Lang) -> Job {
    let progress = lang.tui_skills_progress_rows();
    Job::new("ReadSkillRows", progress, move |service| {
        skill_reads::rows_by_handle(service, &session, &handles)
            .map(Answer::Rows)
            .map_err(|e| worded(service, &e, lang))
    })
    .in_background()
}

/// R10 download: the rows shown (the view, positions in the handles), in the
/// order shown, as CSV at `path`, read a chunk at a time. Its failure comes
/// back in plain words.
/// The file is the same in every language (English column names and cells,
/// as `certlink report skills` writes them): scripts read it; `lang` is the
/// progress line's.
pub fn write_csv(session: Session, order: DownloadOrder, path: PathBuf, lang: Lang) -> Job {
    let (handles, view, dates) = order;
    let dates = dates.in_lang(Lang::En);
    let progress = lang.tui_skills_progress_csv();
    Job::new("WriteSkillsCsv", progress, move |service| {
        let write = |out: &mut dyn std::io::Write| {
            let mut order = view.iter().filter_map(|&p| handles.get(p as usize));
            let mut rows = skill_reads::RowsInChunks::new(service, &session, &mut order);
            let n = report::write_skills_csv(rows.by_ref(), &dates, out)?;
            match rows.error {
                Some(e) => Err(std::io::Error::other(worded(service, &e, lang).message)),
                None => Ok(n),
            }
        };
        export::write_skills_csv_file(&path, lang, write)
            .map(|(path, rows)| Answer::Written { path, rows })
            .map_err(Failure::plain)
    })
}

/// R12: ends a departed person's link (reason: removed by admin), from their
/// row of the report.
pub fn remove_from_report(session: Session, mcid: Mcid, name: String, lang: Lang) -> Job {
    Job::new(
        "RemoveFromReport",
        lang.tui_skills_progress_removing(),
        move |service| {
            service
                .remove_from_report(&session, &mcid.to_string())
                .map(|()| Answer::Removed { mcid, name })
                .map_err(|e| worded(service, &e, lang))
        },
    )
}

/// [`first_page_in`] for an English reader.
pub fn first_page(session: Session) -> Job {
    first_page_in(session, Lang::En)
}
