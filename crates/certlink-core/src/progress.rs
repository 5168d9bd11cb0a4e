//! How long work tells what it is doing (issue 15, principle 12): `admin
//! check`, backups, restores and the like report stages and counts to a
//! [`Progress`] sink. The sink knows nothing of terminals; the CLI draws it as
//! a bar on one, and tests record it.

/// Where long work reports what it is doing.
pub trait Progress {
    /// A new stage begins: its name (what the operator reads) and, when known,
    /// how many units it holds.
    fn stage(&mut self, name: &'static str, total: Option<u64>);
    /// `units` more of the current stage are done.
    fn advance(&mut self, units: u64);
}

/// Reports to no one (the library's callers that show no progress).
pub struct Silent;

impl Progress for Silent {
    fn stage(&mut self, _: &'static str, _: Option<u64>) {}
    fn advance(&mut self, _: u64) {}
}

/// One stage as a [`StageLog`] holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRecord {
    pub name: &'static str,
    pub total: Option<u64>,
    pub done: u64,
}

/// Keeps every stage with its units done (tests, logs).
#[derive(Debug, Default, Clone)]
pub struct StageLog {
    pub stages: Vec<StageRecord>,
}

impl StageLog {
    /// The stage names in the order they began.
    pub fn names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name).collect()
    }
}

impl Progress for StageLog {
    fn stage(&mut self, name: &'static str, total: Option<u64>) {
        self.stages.push(StageRecord {
            name,
            total,
            done: 0,
        });
    }
    fn advance(&mut self, units: u64) {
        if let Some(last) = self.stages.last_mut() {
            last.done = last.done.saturating_add(units);
        }
    }
}
