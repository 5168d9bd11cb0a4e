//! Learning records in: imports of skills and learning progress (R3, R10, R18), and
//! competency definitions (R11). Support engineers and the operator import; only
//! the operator defines competencies.

use std::collections::HashMap;

use serde::Deserialize;

use crate::domain::limits;
use crate::domain::skills::{Competency, Subject};
use crate::domain::{Actor, Refusal};
use crate::import::ParsedRow;
use crate::store::records::{AuditActor, Outcome};
use crate::store::{AuditEntry, Queries};

use super::{Service, ServiceError, Session, audit_actor};

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
        let w = self.begin()?;
        let mut entry = match importer {
            Importer::Operator => AuditEntry::new(AuditActor::Operator, "import"),
            Importer::Support(session) => {
                let (actor, me) = match self.actor(&w, session)? {
                    Ok(x) => x,
                    Err(refusal) => return Err(self.refuse_session(w, session, refusal, "import")),
                };
                let mut entry = AuditEntry::new(audit_actor(&me), "import");
                if !matches!(actor, Actor::Support { .. }) {
                    let refusal = Refusal::NotPermitted {
                        needs: "support engineers and the operator import learning records (R14)"
                            .into(),
                    };
                    entry.outcome = Outcome::Refused {
                        code: refusal.code().into(),
                        rule: refusal.rule().into(),
                    };
                    w.audit(entry)?;
                    w.commit()?;
                    return Err(ServiceError::Refused(refusal));
                }
                entry
            }
        };
        let now = w.now();
        // Every subject must exist; look each up once.
        let mut known: HashMap<Subject, bool> = HashMap::new();
        let mut problems = Vec::new();
        for row in rows {
            let exists = match known.get(&row.record.subject) {
                Some(e) => *e,
                None => {
                    let e = match &row.record.subject {
                        Subject::Mcid(m) => w.profile(*m)?.is_some(),
                        Subject::Pu(u) => w.pu_account(u)?.is_some(),
                    };
                    known.insert(row.record.subject.clone(), e);
                    e
                }
            };
            if !exists {
                problems.push(format!(
                    "line {}: no {} is registered",
                    row.line, row.record.subject
                ));
            } else if row.record.date > now {
                problems.push(format!(
                    "line {}: date {} is in the future",
                    row.line,
                    row.record.date.date_naive()
                ));
            }
            if problems.len() >= crate::import::MAX_REPORTED_ERRORS {
                break;
            }
        }
        if !problems.is_empty() {
            // Dropping the transaction writes nothing.
            return Err(ServiceError::Invalid(format!(
                "nothing imported:\n{}",
                problems.join("\n")
            )));
        }
        let mut added = 0;
        for (i, row) in rows.iter().enumerate() {
            if w.insert_skill(&row.record)? {
                added += 1;
            }
            if i % 4096 == 0 {
                progress(i, rows.len());
            }
        }
        progress(rows.len(), rows.len());
        let summary = ImportSummary {
            rows: rows.len(),
            added,
            unchanged: rows.len() - added,
        };
        entry.detail = format!(
            "{} rows: {} added, {} already present",
            summary.rows, summary.added, summary.unchanged
        );
        w.audit(entry)?;
        w.commit()?;
        Ok(summary)
    }

    /// R11: adds or replaces competency definitions from TOML (operator).
    pub fn define_competencies(&self, toml_text: &str) -> Result<Vec<Competency>, ServiceError> {
        limits::check_bytes(
            "the competency file",
            toml_text,
            limits::COMPETENCY_FILE_BYTES,
        )
        .map_err(ServiceError::Invalid)?;
        let file: CompetencyFile = toml::from_str(toml_text)
            .map_err(|e| ServiceError::Invalid(format!("competency file: {}", e.message())))?;
        for c in &file.competency {
            c.validate().map_err(ServiceError::Invalid)?;
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
