//! Solutions Partner designations (R11's successor): the operator's
//! definitions, sizes and imported metrics; each organization's scores for
//! its Global Admins and MPN Partner Admins (`OrgView::Designations`); who
//! counts; and what a departure, a removal or a merge would do to a score.
//!
//! A score reads the holdings table (schema 7): one range per certification a
//! definition names, never the whole report, so an organization of 100,000
//! linked people scores in milliseconds (docs/performance.md).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::store::records::{AuditActor, ScoringRecord};
use crate::store::{AuditEntry, Queries};
use certlink_domain::designations::{
    self, AreaDefinition, AreaScore, DesignationFile, Holders, Holding, OtherMetrics, Points,
    ScoreChange, SizeClass, Standing,
};
use certlink_domain::limits;
use certlink_domain::permissions::OrgView;
use certlink_domain::skills::{self, SkillKind, Subject};
use certlink_domain::{AccountId, Email, Mcid, MpnId};
use certlink_i18n::Lang;

use super::{InvalidInput, NotFound, Service, ServiceError, Session};

/// An organization's designation scores at one instant.
#[derive(Debug, Clone, Serialize)]
pub struct DesignationReport {
    pub mpn_id: MpnId,
    pub size: SizeClass,
    pub at: DateTime<Utc>,
    pub areas: Vec<AreaScore>,
}

/// A person of one metric, named.
#[derive(Debug, Clone, Serialize)]
pub struct StandingRow {
    pub name: String,
    pub email: Email,
    pub mcid: Option<Mcid>,
    pub certification: String,
    pub certification_name: String,
    /// The metric's step (1-based) this certification belongs to.
    pub step: usize,
    #[serde(flatten)]
    pub standing: Standing,
}

/// A report with every metric's people named ([`Service::designations_named`]),
/// `people[area][metric]` in the order of `report.areas[area].metrics`.
#[derive(Debug, Clone)]
pub struct NamedDesignations {
    pub report: DesignationReport,
    pub people: Vec<Vec<Vec<StandingRow>>>,
}

/// One line of a metrics import (JSON Lines): the metrics Partner Center
/// takes from outside systems, for one organization and solution area.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsLine {
    mpn_id: String,
    area: String,
    performance: Points,
    customer_success: Points,
    as_of: NaiveDate,
}

/// Why a line of a metrics import was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricsProblem {
    /// Not the expected JSON (the parser's words).
    Json(String),
    Malformed(certlink_domain::ParseIdError),
    UnknownOrg(MpnId),
    UnknownArea(String),
    /// Performance and customer success together above what a score holds.
    TooManyPoints,
    LineTooLong {
        max: usize,
    },
}

/// One refused line of a metrics import (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricsError {
    pub line: usize,
    pub problem: MetricsProblem,
}

impl MetricsError {
    pub fn message(&self, lang: Lang) -> String {
        let why = match &self.problem {
            MetricsProblem::Json(e) => lang.core_metrics_json(e.as_str()),
            MetricsProblem::Malformed(e) => e.message(lang),
            MetricsProblem::UnknownOrg(org) => lang.core_metrics_unknown_org(org.to_string()),
            MetricsProblem::UnknownArea(area) => lang.core_metrics_unknown_area(area.as_str()),
            MetricsProblem::TooManyPoints => lang.core_metrics_too_many_points().to_string(),
            MetricsProblem::LineTooLong { max } => lang.core_metrics_line_too_long(*max),
        };
        lang.core_metrics_line(self.line, why)
    }
}

/// What a metrics import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MetricsSummary {
    pub lines: usize,
    pub organizations: usize,
}

/// The most lines one metrics import takes: a line per organization and
/// solution area of a large partner program, with room.
pub const METRICS_LINES: usize = 100_000;

/// The most bytes one metrics import takes (a line is about 150 bytes).
pub const METRICS_FILE_BYTES: usize = 32 * 1024 * 1024;

impl Service {
    /// Adds or replaces solution areas' designation rules from TOML
    /// (operator): the whole file is checked before anything is stored.
    pub fn define_designations(
        &self,
        toml_text: &str,
    ) -> Result<Vec<AreaDefinition>, ServiceError> {
        limits::check_bytes(
            "the designations file",
            toml_text,
            limits::COMPETENCY_FILE_BYTES,
        )
        .map_err(InvalidInput::OutOfLimits)?;
        let file: DesignationFile = toml::from_str(toml_text)
            .map_err(|e| InvalidInput::DesignationFile(e.message().to_string()))?;
        let version = file.version.clone();
        let areas = file.into_areas().map_err(InvalidInput::Designation)?;
        let w = self.begin()?;
        for area in &areas {
            w.put_designation(area)?;
        }
        let mut entry = AuditEntry::new(AuditActor::Operator, "designation-define");
        let ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
        entry.detail = format!("{version}: {}", ids.join(", "));
        w.audit(entry)?;
        w.commit()?;
        Ok(areas)
    }

    /// Sets an organization's size class (operator).
    pub fn set_org_size(&self, mpn_id: &str, size: &str) -> Result<(), ServiceError> {
        let org: MpnId = mpn_id.parse()?;
        let size: SizeClass = size.parse()?;
        let w = self.begin()?;
        if w.org(org)?.is_none() {
            return Err(NotFound::OrgToChange(org).into());
        }
        let mut record = w.org_scoring(org)?;
        record.size = size;
        w.put_org_scoring(org, &record)?;
        let mut entry = AuditEntry::new(AuditActor::Operator, "designation-size");
        entry.org = Some(org);
        entry.detail = size.name().to_string();
        w.audit(entry)?;
        w.commit()?;
        Ok(())
    }

    /// Imports the other metrics (performance, customer success) per
    /// organization and solution area from JSON Lines (operator): every line
    /// is checked first, and a file with any bad line changes nothing. A later
    /// line for the same organization and area replaces an earlier one.
    pub fn import_designation_metrics(&self, text: &str) -> Result<MetricsSummary, ServiceError> {
        limits::check_bytes("the metrics file", text, METRICS_FILE_BYTES)
            .map_err(InvalidInput::OutOfLimits)?;
        let mut errors = Vec::new();
        let mut lines: Vec<(usize, MpnId, String, OtherMetrics)> = Vec::new();
        for (i, line) in text.lines().enumerate().take(METRICS_LINES + 1) {
            let number = i + 1;
            if number > METRICS_LINES {
                return Err(InvalidInput::TooManyMetricsLines { max: METRICS_LINES }.into());
            }
            if line.trim().is_empty() {
                continue;
            }
            let fail = |problem| MetricsError {
                line: number,
                problem,
            };
            if line.len() > limits::IMPORT_LINE_BYTES {
                errors.push(fail(MetricsProblem::LineTooLong {
                    max: limits::IMPORT_LINE_BYTES,
                }));
                continue;
            }
            let parsed: MetricsLine = match serde_json::from_str(line) {
                Ok(p) => p,
                Err(e) => {
                    errors.push(fail(MetricsProblem::Json(e.to_string())));
                    continue;
                }
            };
            let org: MpnId = match parsed.mpn_id.parse() {
                Ok(org) => org,
                Err(e) => {
                    errors.push(fail(MetricsProblem::Malformed(e)));
                    continue;
                }
            };
            if parsed.performance.saturating_add(parsed.customer_success) > Points::SCORE_MAX {
                errors.push(fail(MetricsProblem::TooManyPoints));
                continue;
            }
            lines.push((
                number,
                org,
                parsed.area,
                OtherMetrics {
                    performance: parsed.performance,
                    customer_success: parsed.customer_success,
                    as_of: parsed.as_of,
                },
            ));
        }
        let w = self.begin_alone()?;
        let areas: Vec<String> = w.designations()?.into_iter().map(|a| a.id).collect();
        let mut by_org: BTreeMap<MpnId, Vec<(String, OtherMetrics)>> = BTreeMap::new();
        let mut known: BTreeMap<MpnId, bool> = BTreeMap::new();
        for (line, org, area, metrics) in lines {
            if !areas.contains(&area) {
                errors.push(MetricsError {
                    line,
                    problem: MetricsProblem::UnknownArea(area),
                });
                continue;
            }
            let exists = match known.get(&org) {
                Some(exists) => *exists,
                None => {
                    let exists = w.org(org)?.is_some();
                    known.insert(org, exists);
                    exists
                }
            };
            if !exists {
                errors.push(MetricsError {
                    line,
                    problem: MetricsProblem::UnknownOrg(org),
                });
                continue;
            }
            by_org.entry(org).or_default().push((area, metrics));
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(InvalidInput::MetricsNotImported(errors).into());
        }
        let summary = MetricsSummary {
            lines: by_org.values().map(Vec::len).sum(),
            organizations: by_org.len(),
        };
        for (org, metrics) in by_org {
            let mut record = w.org_scoring(org)?;
            for (area, m) in metrics {
                record.other.insert(area, m);
            }
            w.put_org_scoring(org, &record)?;
        }
        let mut entry = AuditEntry::new(AuditActor::Operator, "designation-metrics-import");
        entry.detail = format!(
            "{} lines, {} organizations",
            summary.lines, summary.organizations
        );
        w.audit(entry)?;
        w.commit()?;
        Ok(summary)
    }

    /// Every solution area's score for the session's organization, now.
    pub fn designations(&self, session: &Session) -> Result<DesignationReport, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::Designations)?;
        self.report_in(&r, org)
    }

    fn report_in(&self, r: &impl Queries, org: MpnId) -> Result<DesignationReport, ServiceError> {
        let now = self.now_after(r.last_event_at()?);
        let inputs = Inputs::read(r, org)?;
        Ok(DesignationReport {
            mpn_id: org,
            size: inputs.scoring.size,
            at: now,
            areas: inputs.scores(now, &Adjust::default()),
        })
    }

    /// Every score with the first `per_metric` people of each metric named
    /// (`usize::MAX` for exports: CSV, JSON), from one read of the store.
    pub fn designations_named(
        &self,
        session: &Session,
        per_metric: usize,
    ) -> Result<NamedDesignations, ServiceError> {
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::Designations)?;
        let report = self.report_in(&r, org)?;
        let mut people = Vec::with_capacity(report.areas.len());
        for area in &report.areas {
            let mut metrics = Vec::with_capacity(area.metrics.len());
            for metric in &area.metrics {
                let shown = &metric.people[..metric.people.len().min(per_metric)];
                let mut rows = Vec::with_capacity(shown.len());
                // Names are read a page of accounts at a time.
                for page in shown.chunks(super::paging::MAX_PAGE) {
                    rows.extend(named(&r, area, page)?);
                }
                metrics.push(rows);
            }
            people.push(metrics);
        }
        Ok(NamedDesignations { report, people })
    }

    /// The people of one metric (`area`, its `metric` index in the report),
    /// named, from `offset`, at most `limit` (principle 6: pages are bounded).
    pub fn designation_people(
        &self,
        session: &Session,
        report: &DesignationReport,
        area: usize,
        metric: usize,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<StandingRow>, ServiceError> {
        if limit == 0 || limit > super::paging::MAX_PAGE {
            return Err(InvalidInput::PageSize {
                max: super::paging::MAX_PAGE,
            }
            .into());
        }
        let r = self.store.read()?;
        let org = self.may(&r, session, OrgView::Designations)?;
        if org != report.mpn_id {
            return Ok(Vec::new());
        }
        let Some(score) = report.areas.get(area) else {
            return Ok(Vec::new());
        };
        let Some(m) = score.metrics.get(metric) else {
            return Ok(Vec::new());
        };
        let from = offset.min(m.people.len());
        let to = from.saturating_add(limit).min(m.people.len());
        named(&r, score, &m.people[from..to])
    }

    /// R12: what the person of `account` leaving the organization's report
    /// does to its scores (a deletion keeps the MCID linked until it is
    /// removed from the report: the change comes with the removal). Empty for
    /// a reader who may not see the scores.
    pub(super) fn departure_changes(
        &self,
        r: &impl Queries,
        session: &Session,
        account: AccountId,
    ) -> Result<Vec<ScoreChange>, ServiceError> {
        let Ok(org) = self.may(r, session, OrgView::Designations) else {
            return Ok(Vec::new());
        };
        let now = self.now_after(r.last_event_at()?);
        let inputs = Inputs::read(r, org)?;
        Ok(inputs.changes(
            now,
            &Adjust {
                without: vec![account.0],
                ..Adjust::default()
            },
        ))
    }

    /// R6: what the MCID `mcid` arriving through `account` (a move to the
    /// session's organization starting at `start`) does to that
    /// organization's scores at `at`, the instant its certifications count
    /// (R3). Empty for a reader who may not see the scores.
    pub(super) fn arrival_changes(
        &self,
        r: &impl Queries,
        session: &Session,
        account: AccountId,
        mcid: Mcid,
        start: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> Result<Vec<ScoreChange>, ServiceError> {
        let Ok(org) = self.may(r, session, OrgView::Designations) else {
            return Ok(Vec::new());
        };
        let adjust = Adjust {
            without: vec![account.0],
            with: certifications_held(r, &[mcid], account, start)?,
        };
        Ok(Inputs::read(r, org)?.changes(at, &adjust))
    }

    /// R15: what merging `from` into `into` does to the scores of the
    /// organizations their links count for: the surviving link's holder
    /// holds both profiles' certifications (R3 against that link's start), a
    /// link that ends takes its holder's certifications away. Support
    /// engineers see it before they merge.
    pub(super) fn merge_changes(
        &self,
        r: &impl Queries,
        from: Mcid,
        into: Mcid,
        surviving: Option<certlink_domain::ActiveLink>,
        ending: Option<certlink_domain::ActiveLink>,
    ) -> Result<Vec<ScoreChange>, ServiceError> {
        let now = self.now_after(r.last_event_at()?);
        let mut by_org: BTreeMap<MpnId, Adjust> = BTreeMap::new();
        if let Some(end) = ending {
            by_org
                .entry(end.org)
                .or_default()
                .without
                .push(end.account.0);
        }
        if let Some(link) = surviving {
            let adjust = by_org.entry(link.org).or_default();
            adjust.without.push(link.account.0);
            adjust.with = certifications_held(r, &[from, into], link.account, link.since)?;
        }
        let mut out = Vec::new();
        for (org, adjust) in by_org {
            out.extend(Inputs::read(r, org)?.changes(now, &adjust));
        }
        Ok(out)
    }
}

/// The certifications of the profiles `mcids` as holdings of `account`,
/// through a link that started at `start` (R3 against that start), as the
/// store would keep them (`store::holdings::of_entry`).
fn certifications_held(
    r: &impl Queries,
    mcids: &[Mcid],
    account: AccountId,
    start: DateTime<Utc>,
) -> Result<Vec<(String, Holding)>, ServiceError> {
    let mut held = Vec::new();
    for &mcid in mcids {
        for s in r.skills_of(&Subject::Mcid(mcid))? {
            if s.kind != SkillKind::Certification {
                continue;
            }
            held.push((
                s.skill_id.to_lowercase(),
                Holding {
                    person: account.0,
                    counts_from: skills::reflection(s.date, start).visible_from,
                    expires: s.expires,
                },
            ));
        }
    }
    Ok(held)
}

/// `page` of one area's people, named from their accounts (the MCID linked
/// through each). A person whose account is gone since the scores were read
/// is left out: the next read no longer lists them.
fn named(
    r: &impl Queries,
    score: &AreaScore,
    page: &[designations::PersonStanding],
) -> Result<Vec<StandingRow>, ServiceError> {
    let ids: Vec<u64> = page.iter().map(|p| p.person).collect();
    let accounts: BTreeMap<u64, _> = r
        .accounts_by_ids(&ids)?
        .into_iter()
        .map(|a| (a.id.0, a))
        .collect();
    Ok(page
        .iter()
        .filter_map(|p| {
            let a = accounts.get(&p.person)?;
            Some(StandingRow {
                name: a.name.clone(),
                email: a.email.clone(),
                mcid: a.linked_mcid,
                certification: score.certification(p.certification).to_string(),
                certification_name: score.certification_name(p.certification).to_string(),
                step: p.step,
                standing: p.standing,
            })
        })
        .collect())
}

/// What a what-if changes in one organization's holdings.
#[derive(Debug, Clone, Default)]
struct Adjust {
    /// People whose holdings leave.
    without: Vec<u64>,
    /// Holdings that arrive (after `without` is applied).
    with: Vec<(String, Holding)>,
}

/// What an organization's scores are computed from.
struct Inputs {
    org: MpnId,
    areas: Vec<AreaDefinition>,
    scoring: ScoringRecord,
    holders: Holders,
}

impl Inputs {
    /// The definitions, the organization's size and metrics, and the
    /// holdings of every certification a definition names: one range of the
    /// holdings table each.
    fn read(r: &impl Queries, org: MpnId) -> Result<Inputs, ServiceError> {
        let areas = r.designations()?;
        let scoring = r.org_scoring(org)?;
        let mut holders = Holders::new();
        let mut ids: Vec<String> = areas.iter().flat_map(|a| a.certifications()).collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            let mut list = Vec::new();
            for (account, h) in r.holdings_of(org, &id)? {
                list.push(Holding {
                    person: account.0,
                    counts_from: crate::store::report::instant(h.counts_from)?,
                    expires: if h.expires == i64::MAX {
                        None
                    } else {
                        Some(crate::store::report::instant(h.expires)?)
                    },
                });
            }
            if !list.is_empty() {
                holders.insert(id, list);
            }
        }
        Ok(Inputs {
            org,
            areas,
            scoring,
            holders,
        })
    }

    fn scores(&self, now: DateTime<Utc>, adjust: &Adjust) -> Vec<AreaScore> {
        let adjusted;
        // Leaving people out is cheaper than copying the holdings; arriving
        // holdings need a copy, with the leaving ones already out of it.
        let (holders, without): (&Holders, &[u64]) = if adjust.with.is_empty() {
            (&self.holders, &adjust.without)
        } else {
            let mut h = self.holders.clone();
            for list in h.values_mut() {
                list.retain(|x| !adjust.without.contains(&x.person));
            }
            for (id, holding) in &adjust.with {
                h.entry(id.clone()).or_default().push(*holding);
            }
            adjusted = h;
            (&adjusted, &[])
        };
        self.areas
            .iter()
            .map(|a| {
                designations::score(
                    a,
                    self.scoring.size,
                    self.scoring.other.get(&a.id).copied(),
                    holders,
                    now,
                    without,
                )
            })
            .collect()
    }

    /// The areas whose score `adjust` changes, before → after.
    fn changes(&self, now: DateTime<Utc>, adjust: &Adjust) -> Vec<ScoreChange> {
        let before = self.scores(now, &Adjust::default());
        let after = self.scores(now, adjust);
        before
            .iter()
            .zip(&after)
            .map(|(b, a)| ScoreChange::between(self.org.get(), b, a))
            .filter(|c| !c.is_none())
            .collect()
    }
}
