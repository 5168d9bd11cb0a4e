//! Which version of each organization's report the store holds (issue 17): a
//! number per organization, in memory, that moves forward after every
//! committed write that changed what that organization's report shows. A
//! pass over the report computed at version `v` (`browse::shared`) is the
//! present while `version(org) == v`, so sessions can share it instead of
//! each reading a million rows again.
//!
//! The writer notes the organizations whose report entries it wrote
//! ([`Changes`]), and publishes them only once its transaction has
//! committed: a reader that sees version `v` and then opens its snapshot
//! sees at least the state `v` names. A change that moves every report at
//! once (a bulk load's rebuild, a competency definition, R11) moves a shared
//! epoch instead of every organization.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use certlink_domain::MpnId;

/// The report versions of one open store (starting at 0 for every
/// organization when it opens).
#[derive(Debug, Default)]
pub struct ReportVersions {
    /// Commits that changed the organization's report entries.
    by_org: Mutex<HashMap<u64, u64>>,
    /// Commits that changed every organization's report.
    epoch: AtomicU64,
}

impl ReportVersions {
    /// The version of `org`'s report. Both terms only grow, so their sum
    /// moves forward with either: a version never comes back.
    pub fn version(&self, org: MpnId) -> u64 {
        let own = self
            .by_org
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&org.get())
            .copied()
            .unwrap_or(0);
        own + self.epoch.load(Ordering::Acquire)
    }

    fn publish(&self, orgs: &BTreeSet<u64>, all: bool) {
        if all {
            self.epoch.fetch_add(1, Ordering::AcqRel);
        }
        if orgs.is_empty() {
            return;
        }
        let mut by_org = self.by_org.lock().unwrap_or_else(PoisonError::into_inner);
        for &org in orgs {
            *by_org.entry(org).or_default() += 1;
        }
    }
}

/// What one write transaction changed in the reports, published at commit.
#[derive(Debug, Default)]
pub struct Changes {
    versions: Arc<ReportVersions>,
    orgs: std::cell::RefCell<BTreeSet<u64>>,
    all: std::cell::Cell<bool>,
}

impl Changes {
    pub fn new(versions: Arc<ReportVersions>) -> Changes {
        Changes {
            versions,
            orgs: Default::default(),
            all: Default::default(),
        }
    }

    /// The transaction wrote an entry of `org`'s report.
    pub fn org(&self, org: MpnId) {
        self.orgs.borrow_mut().insert(org.get());
    }

    /// The transaction changed every organization's report.
    pub fn all(&self) {
        self.all.set(true);
    }

    /// The transaction committed: readers may now see the new versions.
    pub fn publish(&self) {
        self.versions.publish(&self.orgs.borrow(), self.all.get());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(n: u64) -> MpnId {
        MpnId::new(n).expect("a valid MPN ID")
    }

    #[test]
    fn versions_move_only_for_what_committed() {
        let versions = Arc::new(ReportVersions::default());
        let (a, b) = (org(1_000_001), org(1_000_002));
        assert_eq!((versions.version(a), versions.version(b)), (0, 0));
        let changes = Changes::new(Arc::clone(&versions));
        changes.org(a);
        changes.org(a);
        // Noted but not committed: nothing moves.
        assert_eq!(versions.version(a), 0);
        changes.publish();
        assert_eq!((versions.version(a), versions.version(b)), (1, 0));
        let rebuild = Changes::new(Arc::clone(&versions));
        rebuild.all();
        rebuild.publish();
        assert_eq!((versions.version(a), versions.version(b)), (2, 1));
        // A transaction that changed no report publishes nothing.
        Changes::new(Arc::clone(&versions)).publish();
        assert_eq!((versions.version(a), versions.version(b)), (2, 1));
    }
}
