//! The Solutions Partner designation scores as a text table, CSV and JSON,
//! for the CLI and SSH exec. CSV columns and JSON keys are language-neutral;
//! the table and the sentences (next points) are in the reader's language.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::SafeCsv;
use crate::service::{NamedDesignations, StandingRow};
use certlink_domain::designations::{AreaScore, MetricScore, Points, Standing, words};
use certlink_domain::time::DateFormat;
use certlink_i18n::Lang;

/// Columns of the CSV export: one row per person of each metric.
pub const DESIGNATION_COLUMNS: [&str; 11] = [
    "mpn_id",
    "area",
    "size",
    "level",
    "name",
    "email",
    "mcid",
    "certification",
    "standing",
    "date",
    "step",
];

/// The standing's language-neutral code and its date, if any.
fn standing_cells(s: Standing, dates: &DateFormat) -> (&'static str, String) {
    match s {
        Standing::Counts => ("counts", String::new()),
        Standing::GateNotMet { .. } => ("gate-not-met", String::new()),
        Standing::Pending { from } => ("pending", dates.date(from)),
        Standing::Expired { on } => ("expired", dates.date(on)),
    }
}

/// Every person of every metric, area by area; returns the rows written.
pub fn write_designations_csv(
    named: &NamedDesignations,
    dates: &DateFormat,
    out: impl Write,
) -> io::Result<usize> {
    let mut w = SafeCsv::new(out);
    w.record(DESIGNATION_COLUMNS)?;
    let mut n = 0;
    let report = &named.report;
    for (area, people) in report.areas.iter().zip(&named.people) {
        for (metric, rows) in area.metrics.iter().zip(people) {
            for row in rows {
                let (standing, date) = standing_cells(row.standing, dates);
                w.record([
                    report.mpn_id.to_string().as_str(),
                    area.area.as_str(),
                    area.size.name(),
                    metric.level.name(),
                    row.name.as_str(),
                    row.email.as_str(),
                    row.mcid.map(|m| m.to_string()).unwrap_or_default().as_str(),
                    row.certification.as_str(),
                    standing,
                    date.as_str(),
                    row.step.to_string().as_str(),
                ])?;
                n += 1;
            }
        }
    }
    w.flush()?;
    Ok(n)
}

fn person_json(row: &StandingRow, dates: &DateFormat) -> Value {
    let (standing, date) = standing_cells(row.standing, dates);
    json!({
        "name": row.name,
        "email": row.email,
        "mcid": row.mcid,
        "certification": row.certification,
        "certification_name": row.certification_name,
        "standing": standing,
        "date": (!date.is_empty()).then_some(date),
        "step": row.step,
    })
}

fn metric_json(
    area: &AreaScore,
    m: &MetricScore,
    rows: &[StandingRow],
    lang: Lang,
    dates: &DateFormat,
) -> Value {
    let steps: Vec<Value> = m
        .steps
        .iter()
        .map(|s| {
            json!({
                "step": s.number,
                "rule": if s.gate { "gate" } else { "per-person" },
                "min_people": s.gate.then_some(s.min_people),
                "rule_points": s.rule_points,
                "certifications": s.certifications.iter().map(|i| area.certification(*i)).collect::<Vec<_>>(),
                "people": s.people,
                "reached": s.reached,
                "met": s.met,
                "points": s.points,
            })
        })
        .collect();
    json!({
        "level": m.level.name(),
        "points": m.points,
        "cap": m.cap,
        "counted": m.counted(),
        "steps": steps,
        "next": m.next,
        "next_text": words::next_points(area, &m.next, lang),
        "people": rows.iter().map(|r| person_json(r, dates)).collect::<Vec<_>>(),
    })
}

/// The whole report as JSON: scores, steps, the next points (as data and as
/// a sentence in `lang`) and every person.
pub fn designations_json(named: &NamedDesignations, lang: Lang, dates: &DateFormat) -> Value {
    let report = &named.report;
    let areas: Vec<Value> = report
        .areas
        .iter()
        .zip(&named.people)
        .map(|(area, people)| {
            json!({
                "area": area.area,
                "name": area.name,
                "version": area.version,
                "size": area.size.name(),
                "total": area.total,
                "qualified": area.qualified,
                "skilling": area.skilling,
                "performance": area.other.map(|o| o.performance),
                "customer_success": area.other.map(|o| o.customer_success),
                "metrics_as_of": area.other.map(|o| o.as_of),
                "metrics": area.metrics.iter().zip(people).map(|(m, rows)| metric_json(area, m, rows, lang, dates)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "mpn_id": report.mpn_id,
        "size": report.size.name(),
        "at": report.at,
        "designations": areas,
    })
}

/// How many people of each metric the text table names; the CSV and JSON
/// exports name everyone.
pub const TABLE_PEOPLE: usize = 10;

/// The report as text for a terminal: per area its total, its metrics and
/// their next points, and the first people of each metric.
pub fn designations_table(named: &NamedDesignations, lang: Lang, dates: &DateFormat) -> String {
    let report = &named.report;
    if report.areas.is_empty() {
        return format!("{}\n", lang.report_designations_none());
    }
    let mut out = String::new();
    for (area, people) in report.areas.iter().zip(&named.people) {
        let qualification = if area.qualified {
            lang.report_designations_qualified()
        } else {
            lang.report_designations_not_qualified()
        };
        out.push_str(&lang.report_designations_area(
            area.name.as_str(),
            area.total.to_string(),
            qualification,
            area.size.label_in(lang),
            area.version.as_str(),
        ));
        out.push('\n');
        let other = match area.other {
            Some(o) => lang.report_designations_other(
                o.performance.to_string(),
                o.customer_success.to_string(),
                o.as_of.to_string(),
            ),
            None => lang.report_designations_other_missing().to_string(),
        };
        out.push_str(&format!(
            "  {}\n",
            lang.report_designations_skilling(area.skilling.to_string(), other)
        ));
        for (m, rows) in area.metrics.iter().zip(people) {
            out.push_str(&format!(
                "  {}\n",
                lang.report_designations_metric(
                    m.level.label_in(lang),
                    m.points.to_string(),
                    m.cap.to_string(),
                    m.counted(),
                )
            ));
            for s in &m.steps {
                let rule = match (s.gate, s.rule_points > Points::ZERO) {
                    (true, true) => lang.report_designations_step_gate_points(
                        s.people,
                        s.min_people,
                        s.rule_points.to_string(),
                    ),
                    (true, false) => lang.report_designations_step_gate(s.people, s.min_people),
                    (false, _) => {
                        lang.report_designations_step_each(s.people, s.rule_points.to_string())
                    }
                };
                // A per-person step has nothing to meet: only whether it counts yet.
                let state = if !s.reached {
                    Some(lang.report_designations_step_waiting())
                } else if !s.gate {
                    None
                } else if s.met {
                    Some(lang.report_designations_step_met())
                } else {
                    Some(lang.report_designations_step_not_met())
                };
                let line = match state {
                    Some(state) => lang.report_designations_step_state(rule, state),
                    None => rule,
                };
                out.push_str(&format!(
                    "    {}\n",
                    lang.report_designations_step(s.number, line)
                ));
            }
            out.push_str(&format!(
                "    {}\n",
                lang.report_designations_next(words::next_points(area, &m.next, lang))
            ));
            for row in rows.iter().take(TABLE_PEOPLE) {
                out.push_str(&format!(
                    "    · {}\n",
                    lang.report_designations_person(
                        row.name.as_str(),
                        row.email.to_string(),
                        row.certification_name.as_str(),
                        standing_words(row.standing, lang, dates),
                    )
                ));
            }
            if rows.len() > TABLE_PEOPLE {
                out.push_str(&format!(
                    "    {}\n",
                    lang.report_designations_more(rows.len() - TABLE_PEOPLE)
                ));
            }
        }
    }
    out
}

/// Where a person stands, with dates in the reader's time zone.
pub fn standing_words(s: Standing, lang: Lang, dates: &DateFormat) -> String {
    words::standing(s, lang, |at| dates.date(at))
}
