//! The report shows the present (issue 15, principle 2): a refresh compares
//! the service's count of committed writes (`Service::changes`, shared by
//! every session) with the count the rows were read at. A different count
//! asks for a pass over the whole report (latest wins, in the background,
//! the old view on screen meanwhile); the same count, once the minute the
//! stamp shows has passed, re-reads only the rows on screen (their R3
//! reflection moves with time) and moves the "as of" stamp. Within the same
//! minute and count, nothing is read: the view is the present.

use super::SkillsTab;
use certlink_domain::time::DateFormat;

impl SkillsTab {
    /// A refresh read `changes` writes committed so far, at `dates.now`.
    pub fn note_changes(&mut self, changes: u64, dates: DateFormat) {
        let Some(index) = &mut self.index else {
            return;
        };
        let changed = index.read_at != changes;
        let stamp_moved = dates.date_time(dates.now) != index.dates.date_time(index.dates.now);
        if !changed && !stamp_moved {
            return;
        }
        index.dates = dates;
        if changed {
            index.read_at = changes;
            // The handles may name other rows now: read everything again.
            self.stale = true;
            self.failed = None;
            // A pass running now may have read past the change: its answer
            // is dropped and a new one starts when it has ended.
            if self.work.is_some() {
                self.latest.supersede();
            }
        }
        self.rows_failed = false;
        self.reread_rows = true;
    }

    /// The count of committed writes the first page was read at.
    pub fn read_at(&mut self, changes: u64) {
        if let Some(index) = &mut self.index {
            index.read_at = changes;
        }
    }

    /// True when a change seen by a refresh still waits for its pass.
    pub fn waits_for_changes(&self) -> bool {
        self.stale
    }
}
