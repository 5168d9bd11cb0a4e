//! One pass over a skills report for every session that asks for the same
//! one (issue 17). Twenty Global Admins opening the Skills tab of a 1M-people
//! organization used to sort the same 1.1M rows twenty times over; now the
//! first request computes the pass and the others wait for it, and everyone
//! holds the same handles and order (`Arc`s), not twenty copies.
//!
//! A pass is named by what decides its result ([`PassKey`]):
//! - the organization the reader's permission reaches (`domain::permissions`,
//!   `OrgView::SkillsReport`: the admin's own organization, whichever admin
//!   role). The permission is asked on every request, before the cache: a
//!   pass is never handed to someone who may not read that report;
//! - the report's version (`Store::report_version`), read before the pass's
//!   snapshot, so a pass is the present while the version holds and a
//!   commit that changes the report makes the next request compute afresh;
//! - the sort and the filter; with a filter, the language and time zone of
//!   the cells it matches (sorting needs neither: its keys are
//!   language-free, `index::sort_key`).
//!
//! The clock matters too (R3 reflection, R11's twelve months, the cells'
//! countdown): a pass serves requests for at most [`PASS_MAX_AGE`] after the
//! instant it was made at, as fresh as the tab's own "as of" minute.

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::columns::SortOrder;
use super::index::IndexUpdate;
use super::pass_cache::{Bounds, Flight, Miss, PassCache, Stats, Weigh};
use certlink_domain::MpnId;
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

/// Bytes of passes kept for all sessions together. A pass of the largest
/// generated organization (1.1M rows) is ~9 MB (4 bytes of handle and 4 of
/// order a row, a bit of filter matches); 64 MiB keeps about seven sorts or
/// filters of it, and stays well inside the bound of 100 MB over an
/// idle server for twenty readers.
pub const PASS_BUDGET_BYTES: usize = 64 << 20;

/// Passes kept: the least recently used is found by a scan, and a server's
/// sessions rarely want more than one or two distinct passes each.
pub const MAX_PASSES: usize = 256;

/// How far from its instant a pass may serve another request: the tab
/// re-reads its rows (R3 reflection moves with time) once its "as of"
/// minute has passed (`tabs/skills/freshness.rs`), so a shared pass is never
/// older than what a tab already shows.
pub const PASS_MAX_AGE: TimeDelta = TimeDelta::seconds(60);

/// What decides a pass's result (see the module comment).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PassKey {
    org: MpnId,
    version: u64,
    sort: Option<SortOrder>,
    filter: Option<String>,
    cells: Option<(Lang, Tz)>,
}

impl PassKey {
    /// `org` and `version` as the service answered (`Service::skills_report_version`,
    /// the permission asked).
    pub fn new(
        org: MpnId,
        version: u64,
        sort: Option<SortOrder>,
        filter: Option<String>,
        dates: &DateFormat,
    ) -> PassKey {
        let cells = filter.is_some().then_some((dates.lang, dates.tz));
        PassKey {
            org,
            version,
            sort,
            filter,
            cells,
        }
    }
}

/// A pass and the instant it was made at.
#[derive(Debug, Clone)]
pub struct Pass {
    pub update: IndexUpdate,
    pub at: DateTime<Utc>,
}

impl Weigh for Pass {
    fn bytes(&self) -> usize {
        let u = &self.update;
        u.handles.as_ref().map_or(0, |h| h.bytes())
            + u.sorted.as_ref().map_or(0, |(_, s)| s.capacity() * 4)
            + u.matches.as_ref().map_or(0, |(n, m)| n.len() + m.bytes())
    }
}

/// Every session's passes (one per service: `serve`'s sessions share it).
pub struct SharedPasses {
    /// Boxed: the service is moved by value (front ends open it), and the
    /// cache's map, lock and condition would more than double its size.
    cache: Box<PassCache<PassKey, Pass>>,
}

impl Default for SharedPasses {
    fn default() -> Self {
        SharedPasses::with_bounds(Bounds {
            bytes: PASS_BUDGET_BYTES,
            count: MAX_PASSES,
        })
    }
}

impl SharedPasses {
    /// Other bounds (tests).
    pub fn with_bounds(bounds: Bounds) -> SharedPasses {
        SharedPasses {
            cache: Box::new(PassCache::new(bounds)),
        }
    }

    /// Passes kept, their bytes, computations and shared answers.
    pub fn stats(&self) -> Stats {
        self.cache.stats()
    }

    /// The pass named `key` for a request at `now`: kept, being computed
    /// (then waited for while `still_wanted` says so), or computed here by
    /// `compute`, which may ask its [`Flight`] whether others wait for it.
    pub fn pass<E>(
        &self,
        key: &PassKey,
        now: DateTime<Utc>,
        still_wanted: impl FnMut(usize) -> bool,
        compute: impl FnOnce(&Flight) -> Result<Pass, E>,
    ) -> Result<Pass, Miss<E>> {
        // Either way: sessions read their first page a moment apart, and the
        // one with the earlier instant may ask second.
        let fresh_at = |p: &Pass, at: DateTime<Utc>| (at - p.at).abs() <= PASS_MAX_AGE;
        self.cache.get_or_compute(
            key,
            |p| fresh_at(p, now),
            still_wanted,
            // An older version of the same report is never asked for again.
            |k, p| (k.org == key.org && k.version < key.version) || !fresh_at(p, now),
            compute,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_sort_is_shared_across_languages_and_a_filter_is_not() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let org = MpnId::new(1_234_567).unwrap();
        let en = DateFormat::new(chrono_tz::UTC, at);
        let zh = en.in_lang(Lang::ZhCn);
        let sort = Some(SortOrder::default());
        assert_eq!(
            PassKey::new(org, 3, sort, None, &en),
            PassKey::new(org, 3, sort, None, &zh)
        );
        let filter = Some("ada".to_string());
        assert_ne!(
            PassKey::new(org, 3, sort, filter.clone(), &en),
            PassKey::new(org, 3, sort, filter, &zh)
        );
        assert_ne!(
            PassKey::new(org, 3, sort, None, &en),
            PassKey::new(org, 4, sort, None, &en)
        );
    }

    #[test]
    fn a_pass_serves_requests_within_its_age_only() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let passes = SharedPasses::default();
        let key = PassKey::new(
            MpnId::new(1_234_567).unwrap(),
            0,
            None,
            None,
            &DateFormat::new(chrono_tz::UTC, at),
        );
        let made = |at| {
            move |_: &Flight| {
                Ok::<_, ()>(Pass {
                    update: IndexUpdate {
                        handles: None,
                        sorted: None,
                        matches: None,
                        has_departed: false,
                        total: 0,
                    },
                    at,
                })
            }
        };
        passes.pass(&key, at, |_| true, made(at)).unwrap();
        let soon = at + PASS_MAX_AGE;
        // A moment earlier or later, within the age: the same pass.
        passes
            .pass(&key, at - TimeDelta::seconds(5), |_| true, made(soon))
            .unwrap();
        let kept = passes.pass(&key, soon, |_| true, made(soon)).unwrap();
        assert_eq!((kept.at, passes.stats().computed), (at, 1));
        let later = soon + TimeDelta::seconds(1);
        let fresh = passes.pass(&key, later, |_| true, made(later)).unwrap();
        assert_eq!((fresh.at, passes.stats().computed), (later, 2));
    }
}
