//! The partner capability score of one solution area for one organization:
//! skilling points from the certifications its linked people hold (R5, R3,
//! expiry), the imported metrics, the total and "qualified", who counts and
//! why, and what the next points take. Pure: the caller reads the holdings.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::definition::{AreaDefinition, Level, Points, SizeClass, StepRule};

/// One person's hold on one certification, as the organization's report has
/// it: when it starts to count (R3 reflection of the link) and when it expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    /// Whose: the person's work account id in the organization.
    pub person: u64,
    pub counts_from: DateTime<Utc>,
    pub expires: Option<DateTime<Utc>>,
}

/// The holdings of an organization's linked people, by lower-case
/// certification id. Only the certifications some definition names need be
/// there.
pub type Holders = BTreeMap<String, Vec<Holding>>;

/// Where a person stands for one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "standing", rename_all = "kebab-case")]
pub enum Standing {
    /// Earns points (or meets a gate) now.
    Counts,
    /// Holds an active certification of a step that an earlier gate, `step`
    /// (the first one not met), keeps from counting.
    GateNotMet { step: usize },
    /// R3: reflected from this instant, not counted before it.
    Pending { from: DateTime<Utc> },
    /// Expired on this instant; renewing it makes it count again.
    Expired { on: DateTime<Utc> },
}

impl Standing {
    fn of(h: &Holding, now: DateTime<Utc>) -> Standing {
        match h.expires {
            Some(on) if on <= now || on <= h.counts_from => Standing::Expired { on },
            _ if h.counts_from > now => Standing::Pending {
                from: h.counts_from,
            },
            _ => Standing::Counts,
        }
    }
    /// Counts beats a gate not met beats pending beats expired: a person is
    /// listed once per metric, by the best of their certifications.
    fn rank(self) -> u8 {
        match self {
            Standing::Counts => 0,
            Standing::GateNotMet { .. } => 1,
            Standing::Pending { .. } => 2,
            Standing::Expired { .. } => 3,
        }
    }
}

/// One person at one step of a metric, with the certification that puts them
/// there (an index into [`AreaScore::certifications`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PersonStanding {
    pub person: u64,
    /// The step (1-based) whose certification this is.
    pub step: usize,
    pub certification: u16,
    #[serde(flatten)]
    pub standing: Standing,
}

/// One step of a metric as the organization stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepScore {
    /// 1-based, as the published pages number them.
    pub number: usize,
    pub gate: bool,
    /// A gate's minimum; 0 for a per-person step.
    pub min_people: u32,
    /// Points of the step's rule: a gate's once, a per-person step's each.
    pub rule_points: Points,
    /// Distinct people whose certification of this step counts now.
    pub people: u32,
    /// Every step before this one is met, so this one counts.
    pub reached: bool,
    /// A gate with enough people (a per-person step: always).
    pub met: bool,
    /// What the step adds (before the metric's cap).
    pub points: Points,
    /// Indexes into [`AreaScore::certifications`].
    pub certifications: Vec<u16>,
}

/// One skilling metric's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetricScore {
    pub level: Level,
    pub cap: Points,
    /// Sum of the steps, capped.
    pub points: Points,
    pub steps: Vec<StepScore>,
    /// Every person holding a certification of the metric, once per step
    /// they hold one of, by their best standing there (so a counted person's
    /// expired certification of a later step shows too); in person order.
    pub people: Vec<PersonStanding>,
    pub next: NextPoints,
}

impl MetricScore {
    /// Distinct people who count for the metric now.
    pub fn counted(&self) -> usize {
        let mut people: Vec<u64> = self
            .people
            .iter()
            .filter(|p| p.standing == Standing::Counts)
            .map(|p| p.person)
            .collect();
        people.dedup();
        people.len()
    }
}

/// What earns the metric's next points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "next", rename_all = "kebab-case")]
pub enum NextPoints {
    /// The metric is at its cap: more people add nothing.
    AtCap,
    /// A gate is not met yet: `more_people` with one of its certifications
    /// meet it (and earn its points, if any); `then` is what earns after it.
    MeetGate {
        step: usize,
        more_people: u32,
        points: Points,
        certifications: Vec<u16>,
        then: Option<Earn>,
    },
    /// Every gate is met: each more person earns points.
    Earn(Earn),
    /// Nothing left earns points though the cap is not reached (a file with
    /// gates only).
    Nothing,
}

/// A per-person step's offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Earn {
    pub step: usize,
    pub points_each: Points,
    pub certifications: Vec<u16>,
    pub up_to: Points,
    /// How many more people reach the cap from here.
    pub people_to_cap: u32,
}

/// The metrics Partner Center takes from outside systems, per solution area,
/// imported for each organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherMetrics {
    pub performance: Points,
    pub customer_success: Points,
    /// The day the outside system reported them.
    pub as_of: NaiveDate,
}

/// One solution area's score for one organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaScore {
    pub area: String,
    pub name: String,
    pub version: String,
    pub size: SizeClass,
    /// Lower-case certification ids the indexes of this score point into.
    pub certifications: Vec<String>,
    /// Their names, in the same order (the id where the file names none).
    pub certification_names: Vec<String>,
    pub metrics: Vec<MetricScore>,
    pub skilling: Points,
    /// `None`: not imported for this organization (counted as 0).
    pub other: Option<OtherMetrics>,
    pub total: Points,
    /// At least 70 points and more than zero in every metric.
    pub qualified: bool,
}

impl AreaScore {
    pub fn certification(&self, index: u16) -> &str {
        self.certifications
            .get(usize::from(index))
            .map_or("", String::as_str)
    }
    pub fn certification_name(&self, index: u16) -> &str {
        self.certification_names
            .get(usize::from(index))
            .map_or("", String::as_str)
    }
    /// Every person of any metric whose standing is `Counts` (once each).
    pub fn counted_people(&self) -> usize {
        let mut all: Vec<u64> = self
            .metrics
            .iter()
            .flat_map(|m| m.people.iter())
            .filter(|p| p.standing == Standing::Counts)
            .map(|p| p.person)
            .collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    }
}

/// Scores `area` for an organization of `size` at `now`, from `holders`
/// (every holding of its linked people, R5), leaving out `without` (what-ifs).
pub fn score(
    area: &AreaDefinition,
    size: SizeClass,
    other: Option<OtherMetrics>,
    holders: &Holders,
    now: DateTime<Utc>,
    without: &[u64],
) -> AreaScore {
    let certifications = area.certifications();
    let index_of = |id: &str| -> u16 {
        certifications
            .binary_search_by(|c| c.as_str().cmp(id))
            .map_or(u16::MAX, |i| i as u16)
    };
    let empty = Vec::new();
    let held = |id: &str| holders.get(id).unwrap_or(&empty);
    let mut metrics = Vec::new();
    for (_, m) in area.metrics_for(size) {
        let mut steps = Vec::with_capacity(m.steps.len());
        let mut reached = true;
        // The first gate not met: what a blocked holder waits for.
        let mut blocked_by = 0;
        let mut raw = Points::ZERO;
        // Who was paid by a per-person step already: one person counts once
        // per metric however many certifications they hold.
        let mut paid: Vec<u64> = Vec::new();
        let mut standings: Vec<PersonStanding> = Vec::new();
        for (i, step) in m.steps.iter().enumerate() {
            let number = i + 1;
            let ids: Vec<String> = step
                .certifications
                .iter()
                .map(|c| c.to_lowercase())
                .collect();
            let mut counting: Vec<u64> = Vec::new();
            for id in &ids {
                let certification = index_of(id);
                for h in held(id) {
                    if without.contains(&h.person) {
                        continue;
                    }
                    let standing = match Standing::of(h, now) {
                        Standing::Counts if !reached => Standing::GateNotMet { step: blocked_by },
                        Standing::Counts => {
                            counting.push(h.person);
                            Standing::Counts
                        }
                        other => other,
                    };
                    standings.push(PersonStanding {
                        person: h.person,
                        step: number,
                        certification,
                        standing,
                    });
                }
            }
            counting.sort_unstable();
            counting.dedup();
            let people = counting.len() as u32;
            let (gate, min_people, rule_points, met, points) = match step.rule() {
                StepRule::Gate { min_people, points } => {
                    let met = people >= min_people;
                    let earned = if reached && met { points } else { Points::ZERO };
                    (true, min_people, points, met, earned)
                }
                StepRule::PerPerson { points_each } => {
                    let new: Vec<u64> = counting
                        .iter()
                        .copied()
                        .filter(|p| paid.binary_search(p).is_err())
                        .collect();
                    let earned = if reached {
                        points_each.times(new.len() as u32)
                    } else {
                        Points::ZERO
                    };
                    if reached {
                        paid.extend(new);
                        paid.sort_unstable();
                    }
                    (false, 0, points_each, true, earned)
                }
            };
            raw = raw.saturating_add(points);
            steps.push(StepScore {
                number,
                gate,
                min_people,
                rule_points,
                people,
                reached,
                met,
                points,
                certifications: ids.iter().map(|id| index_of(id)).collect(),
            });
            if reached && !met {
                blocked_by = number;
            }
            reached &= met;
        }
        // Each person once, by their best standing (then the first
        // certification of the file's order that gives it).
        standings.sort_unstable_by_key(|p| (p.person, p.step, p.standing.rank(), p.certification));
        standings.dedup_by_key(|p| (p.person, p.step));
        let points = raw.min(m.cap);
        let next = next_points(&steps, points, m.cap);
        metrics.push(MetricScore {
            level: m.level,
            cap: m.cap,
            points,
            steps,
            people: standings,
            next,
        });
    }
    let skilling = metrics
        .iter()
        .fold(Points::ZERO, |sum, m| sum.saturating_add(m.points));
    let (performance, customer_success) = other.map_or((Points::ZERO, Points::ZERO), |o| {
        (o.performance, o.customer_success)
    });
    let total = skilling
        .saturating_add(performance)
        .saturating_add(customer_success)
        .min(Points::SCORE_MAX);
    AreaScore {
        area: area.id.clone(),
        name: area.name.clone(),
        version: area.version.clone(),
        size,
        certification_names: certifications
            .iter()
            .map(|id| area.certification_name(id).to_string())
            .collect(),
        certifications,
        metrics,
        skilling,
        other,
        total,
        qualified: total >= Points::QUALIFYING
            && skilling > Points::ZERO
            && performance > Points::ZERO
            && customer_success > Points::ZERO,
    }
}

/// What the next points take, from the steps as they stand.
fn next_points(steps: &[StepScore], points: Points, cap: Points) -> NextPoints {
    if points >= cap {
        return NextPoints::AtCap;
    }
    let room = cap.saturating_sub(points);
    let earn_from = |from: usize| -> Option<Earn> {
        steps[from..].iter().find(|s| !s.gate).map(|s| Earn {
            step: s.number,
            points_each: s.rule_points,
            certifications: s.certifications.clone(),
            up_to: cap,
            people_to_cap: room.0.div_ceil(s.rule_points.0.max(1)),
        })
    };
    match steps.iter().position(|s| s.gate && !s.met) {
        Some(i) => {
            let gate = &steps[i];
            NextPoints::MeetGate {
                step: gate.number,
                more_people: gate.min_people.saturating_sub(gate.people),
                points: gate.rule_points,
                certifications: gate.certifications.clone(),
                then: earn_from(i + 1),
            }
        }
        None => earn_from(0).map_or(NextPoints::Nothing, NextPoints::Earn),
    }
}

/// What a change (a departure, a removal, a move, a merge) does to one score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreChange {
    pub mpn_id: u64,
    pub area: String,
    pub name: String,
    pub before: Points,
    pub after: Points,
    pub qualified_before: bool,
    pub qualified_after: bool,
}

impl ScoreChange {
    pub fn between(mpn_id: u64, before: &AreaScore, after: &AreaScore) -> ScoreChange {
        ScoreChange {
            mpn_id,
            area: before.area.clone(),
            name: before.name.clone(),
            before: before.total,
            after: after.total,
            qualified_before: before.qualified,
            qualified_after: after.qualified,
        }
    }
    /// Nothing a person would notice: same points, same qualification.
    pub fn is_none(&self) -> bool {
        self.before == self.after && self.qualified_before == self.qualified_after
    }
}
