//! When a tab that shows a whole report (competencies, Learn analytics,
//! designations) reads it again: after any committed write, by any session
//! (`Service::changes` moved), once the tab is in front, one background
//! read at a time (issue 15). The tab keeps its view and its job; this
//! keeps the bookkeeping the three shared.

/// A tab's re-read state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reread {
    /// `Service::changes` when the shown view was read.
    read_at: u64,
    /// A write was committed since: read again when in front.
    stale: bool,
    /// A read in the background is on the worker.
    reading: bool,
}

impl Reread {
    /// A view was read at `changes` (counted before the read began: a write
    /// in between shows as a change).
    pub fn read(&mut self, changes: u64) {
        self.read_at = changes;
    }

    /// A job's answer came back; a background read is over, whatever it says.
    pub fn answered(&mut self, background: bool) {
        if background {
            self.reading = false;
        }
    }

    /// Called at every refresh with the service's count of committed writes:
    /// a shown view (`shown`) read before the last write goes stale.
    pub fn note(&mut self, shown: bool, changes: u64) {
        if shown && changes != self.read_at {
            self.stale = true;
        }
    }

    /// Whether a background read should start now: the view is stale, the
    /// tab `in_front`, and no read is on the worker. A yes marks the read
    /// started.
    pub fn due(&mut self, in_front: bool) -> bool {
        if !(self.stale && in_front) || self.reading {
            return false;
        }
        self.stale = false;
        self.reading = true;
        true
    }

    /// A background read is on the worker (the status bar says so).
    pub fn is_reading(&self) -> bool {
        self.reading
    }
}

#[cfg(test)]
mod tests {
    use super::Reread;

    #[test]
    fn a_write_makes_the_view_stale_and_one_read_runs_when_in_front() {
        let mut r = Reread::default();
        r.read(5);
        r.note(true, 5);
        assert!(!r.due(true), "nothing was written");
        r.note(false, 6);
        assert!(!r.due(true), "nothing shown yet: the first load reads");
        r.note(true, 6);
        assert!(!r.due(false), "behind another tab: waits");
        assert!(r.due(true));
        assert!(r.is_reading());
        r.note(true, 7);
        assert!(!r.due(true), "one read at a time");
        r.answered(false);
        assert!(
            r.is_reading(),
            "a foreground answer is not the background read"
        );
        r.answered(true);
        r.read(6);
        assert!(r.due(true), "the write during the read makes it read again");
        r.answered(true);
        r.read(7);
        r.note(true, 7);
        assert!(!r.due(true));
    }
}
