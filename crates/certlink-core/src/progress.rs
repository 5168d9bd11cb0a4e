//! How long work tells what it is doing (issue 15, principle 12): `admin
//! check`, backups, restores and the like report stages and counts to a
//! [`Progress`] sink. The sink knows nothing of terminals; the CLI draws it as
//! a bar on one, and tests record it.

use certlink_i18n::Lang;

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

/// A text of the catalog without placeholders.
type Words = fn(Lang) -> &'static str;

/// Every stage certlink reports, by the name the code gives it (English),
/// with its words in the catalog.
const STAGES: [(&str, Words); 15] = [
    (
        "verifying: redb integrity",
        Lang::progress_verifying_integrity,
    ),
    ("copying tables", Lang::progress_copying_tables),
    ("copying the backup", Lang::progress_copying_backup),
    ("putting it in place", Lang::progress_putting_in_place),
    ("links (R5, invariant 1)", Lang::progress_check_links),
    ("audit trail (invariants 2, 3)", Lang::progress_check_audit),
    ("SSH keys", Lang::progress_check_keys),
    ("email domains (R13a)", Lang::progress_check_domains),
    ("skills report", Lang::progress_check_report),
    ("saved preferences", Lang::progress_check_preferences),
    (
        "copying the database aside before migrating",
        Lang::progress_copying_aside,
    ),
    ("migrating the schema", Lang::progress_migrating),
    ("generating people", Lang::progress_generating_people),
    ("compacting the file", Lang::progress_compacting),
    ("redb integrity", Lang::progress_redb_integrity),
];

/// A stage's name as the operator reads it in `lang`. Stages are reported
/// by their English name (what [`StageLog`] and tests see); a name this
/// does not know is shown as it is.
pub fn stage_label(name: &'static str, lang: Lang) -> &'static str {
    STAGES
        .iter()
        .find(|(english, _)| *english == name)
        .map_or(name, |(_, words)| words(lang))
}

/// Passes stages on to another sink with their names in `lang`: a front
/// end wraps its bar in it (`InLang { to: &mut bar, lang }`).
pub struct InLang<'a> {
    pub to: &'a mut dyn Progress,
    pub lang: Lang,
}

impl Progress for InLang<'_> {
    fn stage(&mut self, name: &'static str, total: Option<u64>) {
        self.to.stage(stage_label(name, self.lang), total);
    }
    fn advance(&mut self, units: u64) {
        self.to.advance(units);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_has_its_words_in_both_languages() {
        for (english, _) in STAGES {
            assert_eq!(stage_label(english, Lang::En), english);
            let zh = stage_label(english, Lang::ZhCn);
            assert_ne!(zh, english);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        assert_eq!(stage_label("something new", Lang::ZhCn), "something new");
        // The check's own stage names are among them.
        for name in crate::store::invariants::CHECK_STAGES {
            assert_ne!(stage_label(name, Lang::ZhCn), name);
        }
    }

    #[test]
    fn a_wrapped_sink_hears_the_stages_in_its_language() {
        let mut log = StageLog::default();
        let mut zh = InLang {
            to: &mut log,
            lang: Lang::ZhCn,
        };
        zh.stage("copying tables", Some(3));
        zh.advance(2);
        assert_eq!(log.names(), [Lang::ZhCn.progress_copying_tables()]);
        assert_eq!(log.stages[0].done, 2);
    }
}
