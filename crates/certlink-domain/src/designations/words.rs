//! A score's parts as people read them, in their language: what the next
//! points take, where a person stands, what a change does. The numbers are
//! formatted here (points with a dot, dates as days), the sentences come from
//! the catalog.

use certlink_i18n::Lang;
use chrono::{DateTime, Utc};

use super::definition::Points;
use super::score::{AreaScore, Earn, NextPoints, ScoreChange, Standing};

/// The certifications of a step by name, joined as the language lists them.
fn names(score: &AreaScore, ids: &[u16], lang: Lang) -> String {
    let list: Vec<&str> = ids.iter().map(|i| score.certification_name(*i)).collect();
    list.join(lang.designation_or())
}

fn earn(score: &AreaScore, e: &Earn, lang: Lang) -> String {
    lang.designation_next_earn(
        names(score, &e.certifications, lang),
        e.points_each.to_string(),
        e.up_to.to_string(),
        e.people_to_cap,
    )
}

/// "2 more people with Azure Administrator Associate meet step 1; then each
/// Azure Solutions Architect Expert adds 4 points, up to 40".
pub fn next_points(score: &AreaScore, next: &NextPoints, lang: Lang) -> String {
    match next {
        NextPoints::AtCap => lang.designation_next_at_cap().to_string(),
        NextPoints::Nothing => lang.designation_next_nothing().to_string(),
        NextPoints::Earn(e) => earn(score, e, lang),
        NextPoints::MeetGate {
            step,
            more_people,
            points,
            certifications,
            then,
        } => {
            let gate =
                lang.designation_next_gate(*more_people, names(score, certifications, lang), *step);
            let gate = if *points > Points::ZERO {
                lang.designation_next_gate_points(gate, points.to_string())
            } else {
                gate
            };
            match then {
                Some(e) => lang.designation_next_then(gate, earn(score, e, lang)),
                None => gate,
            }
        }
    }
}

/// "counts", "pending until 2026-12-11", "expired 2026-03-01", "step 1 not met".
/// `day` writes a date as the reader's time zone shows it.
pub fn standing(s: Standing, lang: Lang, day: impl Fn(DateTime<Utc>) -> String) -> String {
    match s {
        Standing::Counts => lang.designation_standing_counts().to_string(),
        Standing::GateNotMet { step } => lang.designation_standing_gate(step),
        Standing::Pending { from } => lang.designation_standing_pending(day(from)),
        Standing::Expired { on } => lang.designation_standing_expired(day(on)),
    }
}

/// When a what-if's changes take effect, as its line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatIfWhen<'a> {
    /// At once (a removal from the report, a merge).
    Now,
    /// A deletion, whose MCID keeps counting until it is removed from the
    /// report (R12).
    OnceRemoved,
    /// A move (R6): the arriving certifications count on this day, in the
    /// reader's words (R3).
    OnceCounted(&'a str),
}

/// The what-if line of a confirmation: every score a change moves, or `None`
/// when it moves none.
pub fn what_if(changes: &[ScoreChange], lang: Lang, when: WhatIfWhen) -> Option<String> {
    if changes.is_empty() {
        return None;
    }
    let list: Vec<String> = changes.iter().map(|c| change(c, lang)).collect();
    let list = list.join(lang.designation_changes_separator());
    Some(match when {
        WhatIfWhen::Now => lang.designation_what_if(list),
        WhatIfWhen::OnceRemoved => lang.designation_what_if_once_removed(list),
        WhatIfWhen::OnceCounted(day) => lang.designation_what_if_once_counted(day, list),
    })
}

/// "Azure Infrastructure: 72 → 68, no longer qualified".
pub fn change(c: &ScoreChange, lang: Lang) -> String {
    let qualification = match (c.qualified_before, c.qualified_after) {
        (true, false) => lang.designation_change_loses().to_string(),
        (false, true) => lang.designation_change_gains().to_string(),
        (true, true) => lang.designation_change_still().to_string(),
        (false, false) => lang.designation_change_not().to_string(),
    };
    lang.designation_change(
        c.name.as_str(),
        c.before.to_string(),
        c.after.to_string(),
        qualification,
    )
}
