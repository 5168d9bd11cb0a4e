//! The report's reads for a browsing front end (issue #7): a pass over the whole
//! report for handles, a sort and a filter, stopping early when a newer pass
//! supersedes it; and rows read again by handle, for the visible window and,
//! a chunk at a time, for the download. Only the service's two calls are
//! used (`for_each_skill_row`, `skill_rows_of`): rules stay in the service.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize};

use certlink_domain::time::DateFormat;

use super::index::{Handles, IndexBuilder, IndexRequest, IndexUpdate, PushError, RowHandle, Stop};
use super::pass_cache::{Flight, Miss, Weigh};
use super::shared::{Pass, PassKey};
use super::sort::SortBudget;
use crate::service::{Service, ServiceError, Session, SkillRow};
use certlink_domain::AccountId;

/// Why a pass gave no result: it stopped (see [`Stop`]), or the service or
/// the sort's file failed, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexFailure {
    Stop(Stop),
    Message(String),
}

/// One pass over the report, as a front end asks for it (the skills tab's
/// `plan_index`).
pub struct IndexJob {
    pub generation: u64,
    pub request: IndexRequest,
    pub dates: DateFormat,
    /// Rows passed so far, for the progress line.
    pub progress: Arc<AtomicUsize>,
    /// The newest generation asked for: an older pass stops early.
    pub latest: Arc<AtomicU64>,
}

/// How often (in rows) a pass publishes its progress and checks whether it is
/// still wanted.
const CHECK_EVERY: usize = 1024;

/// How often (in rows) a pass gives freed memory back (a trim takes about a
/// millisecond).
const TRIM_EVERY: usize = 64 * 1024;

/// Runs one pass over the report, shared with every session that asks for
/// the same one (`super::shared`): the permission and the report's version
/// are asked first; the pass is then taken from the shared passes, waited
/// for while another session computes it, or computed here. Failures come
/// back in words (`words` turns a service error into the screen's message).
pub fn run_index(
    service: &Service,
    session: &Session,
    job: IndexJob,
    words: impl Fn(&ServiceError) -> String,
) -> Result<IndexUpdate, IndexFailure> {
    let IndexJob {
        generation,
        request,
        dates,
        progress,
        latest,
    } = job;
    let IndexRequest {
        known,
        sort,
        filter,
    } = request;
    let (org, version) = service
        .skills_report_version(session)
        .map_err(|e| IndexFailure::Message(words(&e)))?;
    let key = PassKey::new(org, version, sort, filter.clone(), &dates);
    let wanted = || latest.load(Ordering::Relaxed) == generation;
    let waited = |done: usize| {
        progress.store(done, Ordering::Relaxed);
        wanted()
    };
    let compute = |flight: &Flight| {
        let fresh = IndexRequest {
            known: None,
            sort,
            filter,
        };
        // Others waiting for this pass still want it when this session no
        // longer does.
        let stop = || !wanted() && flight.waiting() == 0;
        let publish = |n: usize| {
            progress.store(n, Ordering::Relaxed);
            flight.set_progress(n);
        };
        let mut update = stream_pass(service, session, fresh, dates, stop, publish, &words)?;
        // A re-sort of the same rows: the pass keeps the handles the asking
        // tab holds already (one copy for both), not a second one.
        if let (Some(known), Some(fresh)) = (&known, &update.handles)
            && **known == **fresh
        {
            update.handles = Some(Arc::clone(known));
        }
        let pass = Pass {
            update,
            at: dates.now,
        };
        let kept = service.skill_passes().stats();
        tracing::info!(
            org = %org,
            version,
            rows = pass.update.total,
            bytes = pass.bytes(),
            waiting = flight.waiting(),
            kept = kept.kept,
            kept_bytes = kept.bytes,
            computed = kept.computed,
            shared = kept.shared,
            "skills report pass computed"
        );
        Ok(pass)
    };
    let pass = match service
        .skill_passes()
        .pass(&key, dates.now, waited, compute)
    {
        Ok(pass) => pass,
        Err(Miss::GaveUp) => return Err(IndexFailure::Stop(Stop::Superseded)),
        Err(Miss::Failed(failure)) => return Err(failure),
    };
    if !wanted() {
        return Err(IndexFailure::Stop(Stop::Superseded));
    }
    let mut update = pass.update;
    progress.store(update.total, Ordering::Relaxed);
    if let Some(known) = known {
        // The tab keeps its handles and asked for a sort or a filter of them:
        // the shared pass must be of the same rows.
        match &update.handles {
            Some(h) if Arc::ptr_eq(h, &known) || **h == *known => update.handles = None,
            _ => return Err(IndexFailure::Stop(Stop::Changed)),
        }
    }
    Ok(update)
}

/// One pass over the report's stream, taking the handles afresh: `stop` is
/// asked every [`CHECK_EVERY`] rows, `publish` told the rows passed.
fn stream_pass(
    service: &Service,
    session: &Session,
    request: IndexRequest,
    dates: DateFormat,
    stop: impl Fn() -> bool,
    publish: impl Fn(usize),
    words: impl Fn(&ServiceError) -> String,
) -> Result<IndexUpdate, IndexFailure> {
    let lang = dates.lang;
    let mut builder = IndexBuilder::new(request, dates, SortBudget::DEFAULT);
    let mut stopped: Option<PushError> = None;
    let streamed = service.for_each_skill_row(session, |row| {
        let n = builder.count();
        if n.is_multiple_of(CHECK_EVERY) {
            publish(n);
            if n.is_multiple_of(TRIM_EVERY) {
                // The rows' pages and cells come and go by the million: trimmed
                // as it goes, the pass's heap stays near one page's size.
                crate::memory::trim();
            }
            if stop() {
                stopped = Some(Stop::Superseded.into());
            }
        }
        if stopped.is_none()
            && let Err(e) = builder.push(row)
        {
            stopped = Some(e);
        }
        match stopped {
            // Any error ends the stream; the reason is kept here.
            Some(_) => Err(std::io::Error::other("stopped")),
            None => Ok(()),
        }
    });
    let failed = |e: PushError| match e {
        PushError::Stop(stop) => IndexFailure::Stop(stop),
        PushError::Io(e) => IndexFailure::Message(lang.core_sort_failed(e.to_string())),
    };
    if let Some(e) = stopped {
        return Err(failed(e));
    }
    streamed.map_err(|e| IndexFailure::Message(words(&e)))?;
    publish(builder.count());
    builder.finish().map_err(failed)
}

/// The rows of `handles`, in the order asked; None for a handle whose row is
/// no longer in the report (the person left it, or has fewer rows now).
pub fn rows_by_handle(
    service: &Service,
    session: &Session,
    handles: &[RowHandle],
) -> Result<Vec<(RowHandle, Option<SkillRow>)>, ServiceError> {
    let mut accounts: Vec<AccountId> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for h in handles {
        if seen.insert(h.account()) {
            accounts.push(h.account());
        }
    }
    let mut found: HashMap<RowHandle, SkillRow> = HashMap::with_capacity(handles.len());
    let mut places = Handles::default();
    for row in service.skill_rows_of(session, &accounts)? {
        if let Ok(handle) = places.next(&row) {
            found.insert(handle, row);
        }
    }
    Ok(handles
        .iter()
        .map(|&h| (h, found.get(&h).cloned()))
        .collect())
}

/// The rows of `handles` a chunk at a time, for the download: memory stays
/// flat however long the view. Rows gone since are left out.
pub struct RowsInChunks<'a> {
    service: &'a Service,
    session: &'a Session,
    handles: &'a mut dyn Iterator<Item = RowHandle>,
    chunk: std::vec::IntoIter<SkillRow>,
    /// The first failure: the download then fails with it.
    pub error: Option<ServiceError>,
}

/// Rows read per call of `skill_rows_of` while downloading.
pub const DOWNLOAD_CHUNK: usize = 512;

impl<'a> RowsInChunks<'a> {
    pub fn new(
        service: &'a Service,
        session: &'a Session,
        handles: &'a mut dyn Iterator<Item = RowHandle>,
    ) -> RowsInChunks<'a> {
        RowsInChunks {
            service,
            session,
            handles,
            chunk: Vec::new().into_iter(),
            error: None,
        }
    }
}

impl Iterator for RowsInChunks<'_> {
    type Item = SkillRow;

    fn next(&mut self) -> Option<SkillRow> {
        loop {
            if let Some(row) = self.chunk.next() {
                return Some(row);
            }
            if self.error.is_some() {
                return None;
            }
            let wanted: Vec<RowHandle> = (&mut *self.handles).take(DOWNLOAD_CHUNK).collect();
            if wanted.is_empty() {
                return None;
            }
            match rows_by_handle(self.service, self.session, &wanted) {
                Ok(rows) => {
                    self.chunk = rows
                        .into_iter()
                        .filter_map(|(_, row)| row)
                        .collect::<Vec<_>>()
                        .into_iter();
                }
                Err(e) => self.error = Some(e),
            }
        }
    }
}
