//! Learning records in: imports of skills and learning progress (R3, R10, R18), and
//! competency definitions (R11). Support engineers and the operator import; only
//! the operator defines competencies.

use std::collections::HashMap;

use serde::Deserialize;

use crate::import::{ParsedRow, Problem, RowError};
use crate::store::records::AuditActor;
use crate::store::{AuditEntry, Queries, Writer};
use certlink_domain::limits;
use certlink_domain::skills::{Competency, Subject};
use certlink_domain::{Actor, Needs, Refusal};

use super::{InvalidInput, Service, ServiceError, Session, audit_actor};

/// Who runs an import.
#[derive(Debug, Clone, Copy)]
pub enum Importer<'a> {
    Operator,
    Support(&'a Session),
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub rows: usize,
    pub added: usize,
    /// Rows already present (same subject, kind, skill id and date).
    pub unchanged: usize,
}

/// The operator's competency file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompetencyFile {
    competency: Vec<Competency>,
}

/// Subjects whose existence an import remembers; past this many the memory
/// starts afresh, so a file naming millions of people costs lookups, not memory.
const KNOWN_SUBJECTS: usize = 4096;

/// A source of parsed rows for [`Service::import_each`]: called once with the
/// function that takes each row; returns what parsing found (the row count, or
/// the bad rows), like [`crate::import::parse_each`].
pub type RowFeed<'a> = dyn FnMut(&mut dyn FnMut(ParsedRow)) -> Result<usize, Vec<RowError>> + 'a;

impl Service {
    /// Imports validated rows in ONE transaction: every subject must exist and no
    /// date may lie in the future, or nothing of the file is written. Re-importing
    /// the same rows adds nothing. `progress(done, total)` follows the writing.
    pub fn import_records(
        &self,
        importer: Importer<'_>,
        rows: &[ParsedRow],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary, ServiceError> {
        let summary = self.import_each(importer, &mut |take| {
            for (i, row) in rows.iter().enumerate() {
                take(row.clone());
                if i % 4096 == 0 {
                    progress(i, rows.len());
                }
            }
            Ok(rows.len())
        })?;
        progress(rows.len(), rows.len());
        Ok(summary)
    }

    /// R14: may this importer import? Asked before reading a byte of the input,
    /// so a refused person's upload is never read; the refusal is audited. The
    /// import itself asks again in its own transaction.
    pub fn may_import(&self, importer: Importer<'_>) -> Result<(), ServiceError> {
        let Importer::Support(session) = importer else {
            return Ok(());
        };
        let permitted = matches!(
            self.actor(&self.store.read()?, session)?,
            Ok((Actor::Support { .. }, _))
        );
        if permitted {
            return Ok(());
        }
        // Decided again where the refusal is audited.
        self.import_entry(self.begin()?, importer).map(drop)
    }

    /// The audit entry of an import by `importer`, or its refusal (R14: support
    /// engineers and the operator), audited and committed.
    fn import_entry(
        &self,
        w: Writer,
        importer: Importer<'_>,
    ) -> Result<(Writer, AuditEntry), ServiceError> {
        let Importer::Support(session) = importer else {
            return Ok((w, AuditEntry::new(AuditActor::Operator, "import")));
        };
        let (actor, me) = match self.actor(&w, session)? {
            Ok(x) => x,
            Err(refusal) => return Err(self.refuse_session(w, session, refusal, "import")),
        };
        let entry = AuditEntry::new(audit_actor(&me), "import");
        if !matches!(actor, Actor::Support { .. }) {
            let refusal = Refusal::not_permitted(Needs::Import);
            return Err(self.refuse(w, entry, refusal));
        }
        Ok((w, entry))
    }

    /// Imports the rows `feed` gives, one at a time, in ONE transaction (the
    /// file is never held in memory): every row must parse, every subject must
    /// exist and no date may lie in the future, or nothing is written.
    pub fn import_each(
        &self,
        importer: Importer<'_>,
        feed: &mut RowFeed<'_>,
    ) -> Result<ImportSummary, ServiceError> {
        // An import writes too much for an undo log: it runs alone.
        let (w, mut entry) = self.import_entry(self.begin_alone()?, importer)?;
        let now = w.now();
        let mut known: HashMap<Subject, bool> = HashMap::new();
        let mut problems = Vec::new();
        let mut failed: Option<crate::store::StoreError> = None;
        let mut added = 0;
        let parsed = feed(&mut |row| {
            if failed.is_some() || problems.len() >= crate::import::MAX_REPORTED_ERRORS {
                return;
            }
            let exists = match known.get(&row.record.subject) {
                Some(e) => Ok(*e),
                None => match &row.record.subject {
                    Subject::Mcid(m) => w.profile(*m).map(|p| p.is_some()),
                    Subject::Pu(u) => w.pu_account(u).map(|p| p.is_some()),
                },
            };
            let exists = match exists {
                Ok(e) => e,
                Err(e) => {
                    failed = Some(e);
                    return;
                }
            };
            if known.len() >= KNOWN_SUBJECTS {
                known.clear();
            }
            known.insert(row.record.subject.clone(), exists);
            if !exists {
                problems.push(RowError {
                    line: row.line,
                    reason: Problem::NotRegistered(row.record.subject.clone()),
                });
            } else if row.record.date > now {
                problems.push(RowError {
                    line: row.line,
                    reason: Problem::InTheFuture(row.record.date.date_naive()),
                });
            } else if problems.is_empty() {
                match w.insert_skill(&row.record) {
                    Ok(true) => added += 1,
                    Ok(false) => {}
                    Err(e) => failed = Some(e),
                }
            }
        });
        if let Some(e) = failed {
            return Err(e.into());
        }
        // Dropping the transaction writes nothing.
        let rows = match parsed {
            Ok(rows) => rows,
            Err(errors) => return Err(nothing_imported(errors)),
        };
        if !problems.is_empty() {
            return Err(nothing_imported(problems));
        }
        let summary = ImportSummary {
            rows,
            added,
            unchanged: rows - added,
        };
        entry.detail = format!(
            "{} rows: {} added, {} already present",
            summary.rows, summary.added, summary.unchanged
        );
        w.audit(entry)?;
        w.commit()?;
        Ok(summary)
    }
}

fn nothing_imported(problems: Vec<RowError>) -> ServiceError {
    InvalidInput::NothingImported(problems).into()
}

impl Service {
    /// R11: adds or replaces competency definitions from TOML (operator).
    pub fn define_competencies(&self, toml_text: &str) -> Result<Vec<Competency>, ServiceError> {
        limits::check_bytes(
            "the competency file",
            toml_text,
            limits::COMPETENCY_FILE_BYTES,
        )
        .map_err(InvalidInput::OutOfLimits)?;
        let file: CompetencyFile = toml::from_str(toml_text)
            .map_err(|e| InvalidInput::CompetencyFile(e.message().to_string()))?;
        for c in &file.competency {
            c.validate().map_err(InvalidInput::Competency)?;
        }
        let w = self.begin()?;
        for c in &file.competency {
            w.put_competency(c)?;
        }
        let mut entry = AuditEntry::new(AuditActor::Operator, "competency-define");
        entry.detail = file
            .competency
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        w.audit(entry)?;
        w.commit()?;
        Ok(file.competency)
    }
}
