//! What a Solutions Partner designation asks (R11's successor since October
//! 2022): operator data, read from a TOML file and checked here before it is
//! stored. The numbers are Microsoft's and change; nothing in code names a
//! solution area, a certification or a point value.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use certlink_i18n::Lang;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{Malformed, ParseIdError};
use crate::limits;

/// Points in hundredths, so 6.67 per person adds up exactly and compares
/// without floating point.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(pub u32);

impl Points {
    pub const ZERO: Points = Points(0);
    /// A partner capability score is at most 100 points.
    pub const SCORE_MAX: Points = Points(10_000);
    /// An organization qualifies with at least 70 points (and more than zero
    /// in every metric).
    pub const QUALIFYING: Points = Points(7_000);

    pub fn whole(n: u32) -> Points {
        Points(n.saturating_mul(100))
    }
    pub fn saturating_add(self, other: Points) -> Points {
        Points(self.0.saturating_add(other.0))
    }
    pub fn saturating_sub(self, other: Points) -> Points {
        Points(self.0.saturating_sub(other.0))
    }
    pub fn times(self, n: u32) -> Points {
        Points(self.0.saturating_mul(n))
    }
    /// Parses "6.67", "40" or "2.5"; at most two decimals, at most 100 points.
    pub fn parse(text: &str) -> Option<Points> {
        let t = text.trim();
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if whole.is_empty() || frac.len() > 2 || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: u32 = whole.parse().ok()?;
        let frac: u32 = format!("{frac:0<2}").parse().ok()?;
        let p = Points(whole.checked_mul(100)?.checked_add(frac)?);
        (p <= Points::SCORE_MAX).then_some(p)
    }
    fn from_f64(x: f64) -> Option<Points> {
        let hundredths = (x * 100.0).round();
        (x.is_finite() && (0.0..=f64::from(Points::SCORE_MAX.0)).contains(&hundredths))
            .then_some(Points(hundredths as u32))
    }
}

impl fmt::Display for Points {
    /// "40", "6.67", "2.5": no trailing zeros, a dot whatever the language
    /// (Microsoft's pages write points this way in every edition).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        match frac {
            0 => write!(f, "{whole}"),
            n if n % 10 == 0 => write!(f, "{whole}.{}", n / 10),
            n => write!(f, "{whole}.{n:02}"),
        }
    }
}

/// A number of points in TOML and JSON (`6.67`); hundredths in the store's
/// binary records, which cannot tell an integer from a float.
impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_f64(f64::from(self.0) / 100.0)
        } else {
            s.serialize_u32(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Points, D::Error> {
        if !d.is_human_readable() {
            return u32::deserialize(d).map(Points);
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Number {
            Int(u64),
            Float(f64),
        }
        let x = match Number::deserialize(d)? {
            Number::Int(n) => n as f64,
            Number::Float(x) => x,
        };
        Points::from_f64(x).ok_or_else(|| {
            serde::de::Error::custom(format!("{x} is not a number of points from 0 to 100"))
        })
    }
}

/// An organization's size class: the published numbers differ for them.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum SizeClass {
    #[default]
    Enterprise,
    Smb,
}

impl SizeClass {
    pub const ALL: [SizeClass; 2] = [SizeClass::Enterprise, SizeClass::Smb];
    pub fn name(self) -> &'static str {
        match self {
            SizeClass::Enterprise => "enterprise",
            SizeClass::Smb => "smb",
        }
    }
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            SizeClass::Enterprise => lang.designation_size_enterprise(),
            SizeClass::Smb => lang.designation_size_smb(),
        }
    }
}

impl FromStr for SizeClass {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "enterprise" => Ok(SizeClass::Enterprise),
            "smb" => Ok(SizeClass::Smb),
            _ => Err(ParseIdError::of(Malformed::SizeClass {
                text: format!("'{s}'"),
            })),
        }
    }
}

/// The certification level a skilling metric counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Intermediate,
    Advanced,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Level::Intermediate => lang.designation_level_intermediate(),
            Level::Advanced => lang.designation_level_advanced(),
        }
    }
}

/// One ordered step of a skilling metric. A gate (`min_people`) is met when at
/// least that many people hold one of its certifications, and may earn
/// `points` once; a per-person step (`points_each`) earns that much for every
/// person holding one of its certifications. A step counts only once every
/// step before it is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub certifications: Vec<String>,
    #[serde(default)]
    pub min_people: Option<u32>,
    #[serde(default)]
    pub points: Option<Points>,
    #[serde(default)]
    pub points_each: Option<Points>,
}

/// What a step is, once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRule {
    Gate { min_people: u32, points: Points },
    PerPerson { points_each: Points },
}

impl Step {
    /// The step's rule; a checked definition always has exactly one.
    pub fn rule(&self) -> StepRule {
        match (self.min_people, self.points_each) {
            (_, Some(points_each)) => StepRule::PerPerson { points_each },
            (min_people, None) => StepRule::Gate {
                min_people: min_people.unwrap_or(1),
                points: self.points.unwrap_or_default(),
            },
        }
    }
    /// Does holding `certification` (a lower-case id) count for this step?
    pub fn names(&self, certification: &str) -> bool {
        self.certifications
            .iter()
            .any(|c| c.eq_ignore_ascii_case(certification))
    }
}

/// A skilling metric: for one size class and level, ordered steps up to a cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkillingMetric {
    pub size: SizeClass,
    pub level: Level,
    pub cap: Points,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

impl SkillingMetric {
    /// Every certification the metric names (lower case, once each).
    pub fn certifications(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .steps
            .iter()
            .flat_map(|s| s.certifications.iter().map(|c| c.to_lowercase()))
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

/// One solution area's designation rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaDefinition {
    pub id: String,
    pub name: String,
    /// The definitions file's version label (e.g. "2026-05 Microsoft Learn"),
    /// copied to every area when the file is defined.
    #[serde(default)]
    pub version: String,
    #[serde(rename = "skilling")]
    pub metrics: Vec<SkillingMetric>,
    /// Certification id (lower case) → the name people read.
    #[serde(default)]
    pub certification_names: BTreeMap<String, String>,
}

impl AreaDefinition {
    /// The metrics an organization of `size` is scored by, in file order.
    pub fn metrics_for(&self, size: SizeClass) -> impl Iterator<Item = (usize, &SkillingMetric)> {
        self.metrics
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.size == size)
    }
    /// The certification's name, or its id when the file names none.
    pub fn certification_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.certification_names
            .get(&id.to_lowercase())
            .map_or(id, String::as_str)
    }
    /// Every certification any metric of the area names (lower case, once).
    pub fn certifications(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .metrics
            .iter()
            .flat_map(|m| m.certifications())
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

/// The definitions file: a version label and the areas.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignationFile {
    pub version: String,
    #[serde(default)]
    pub certification_names: BTreeMap<String, String>,
    #[serde(rename = "area")]
    pub areas: Vec<AreaDefinition>,
}

/// Why a designations file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DesignationError {
    Field(limits::FieldError),
    NoAreas,
    TooManyAreas {
        count: usize,
        max: usize,
    },
    BadId(String),
    Duplicate(String),
    NoName(String),
    Metric {
        area: String,
        problem: MetricProblem,
    },
}

/// What is wrong with one skilling metric of an area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricProblem {
    NoMetrics,
    TooManyMetrics {
        count: usize,
        max: usize,
    },
    DuplicateMetric {
        size: SizeClass,
        level: Level,
    },
    NoSteps {
        size: SizeClass,
        level: Level,
    },
    TooManySteps {
        size: SizeClass,
        level: Level,
        count: usize,
        max: usize,
    },
    NoCertifications {
        size: SizeClass,
        level: Level,
        step: usize,
    },
    TooManyCertifications {
        size: SizeClass,
        level: Level,
        step: usize,
        count: usize,
        max: usize,
    },
    StepRule {
        size: SizeClass,
        level: Level,
        step: usize,
    },
    NoCap {
        size: SizeClass,
        level: Level,
    },
}

impl DesignationError {
    /// Why the file was refused, in `lang` (Display is the English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DesignationError::Field(e) => e.message(lang),
            DesignationError::NoAreas => lang.designation_error_no_areas().to_string(),
            DesignationError::TooManyAreas { count, max } => {
                lang.designation_error_too_many_areas(*count, *max)
            }
            DesignationError::BadId(id) => lang.designation_error_bad_id(id.as_str()),
            DesignationError::Duplicate(id) => lang.designation_error_duplicate(id.as_str()),
            DesignationError::NoName(id) => lang.designation_error_no_name(id.as_str()),
            DesignationError::Metric { area, problem } => {
                lang.designation_error_metric(area.as_str(), problem.message(lang))
            }
        }
    }
}

impl MetricProblem {
    fn message(&self, lang: Lang) -> String {
        let which = |size: &SizeClass, level: &Level| {
            lang.designation_metric_which(size.label_in(lang), level.label_in(lang))
        };
        match self {
            MetricProblem::NoMetrics => lang.designation_problem_no_metrics().to_string(),
            MetricProblem::TooManyMetrics { count, max } => {
                lang.designation_problem_too_many_metrics(*count, *max)
            }
            MetricProblem::DuplicateMetric { size, level } => {
                lang.designation_problem_duplicate_metric(which(size, level))
            }
            MetricProblem::NoSteps { size, level } => {
                lang.designation_problem_no_steps(which(size, level))
            }
            MetricProblem::TooManySteps {
                size,
                level,
                count,
                max,
            } => lang.designation_problem_too_many_steps(which(size, level), *count, *max),
            MetricProblem::NoCertifications { size, level, step } => {
                lang.designation_problem_no_certifications(*step, which(size, level))
            }
            MetricProblem::TooManyCertifications {
                size,
                level,
                step,
                count,
                max,
            } => lang.designation_problem_too_many_certifications(
                *step,
                which(size, level),
                *count,
                *max,
            ),
            MetricProblem::StepRule { size, level, step } => {
                lang.designation_problem_step_rule(*step, which(size, level))
            }
            MetricProblem::NoCap { size, level } => {
                lang.designation_problem_no_cap(which(size, level))
            }
        }
    }
}

impl From<limits::FieldError> for DesignationError {
    fn from(e: limits::FieldError) -> Self {
        DesignationError::Field(e)
    }
}

impl fmt::Display for DesignationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DesignationError {}

impl fmt::Display for MetricProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Bounds of a definitions file: it is operator data, but a mistaken file must
/// not make every score slow or fill a screen.
pub const MAX_AREAS: usize = 32;
pub const MAX_METRICS: usize = 8;
pub const MAX_STEPS: usize = 8;
pub const MAX_STEP_CERTIFICATIONS: usize = 64;

impl DesignationFile {
    /// Checks every area and copies the file's version and certification
    /// names into each, as they are stored.
    pub fn into_areas(self) -> Result<Vec<AreaDefinition>, DesignationError> {
        limits::check_chars(
            "the designations file version",
            &self.version,
            limits::COMPETENCY_NAME,
        )?;
        if self.areas.is_empty() {
            return Err(DesignationError::NoAreas);
        }
        if self.areas.len() > MAX_AREAS {
            return Err(DesignationError::TooManyAreas {
                count: self.areas.len(),
                max: MAX_AREAS,
            });
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::with_capacity(self.areas.len());
        for mut area in self.areas {
            area.version = self.version.clone();
            area.validate()?;
            if !seen.insert(area.id.clone()) {
                return Err(DesignationError::Duplicate(area.id));
            }
            let named = area.certifications();
            for id in &named {
                if let Some(name) = self.certification_names.get(id).or_else(|| {
                    self.certification_names
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(id))
                        .map(|(_, v)| v)
                }) {
                    area.certification_names
                        .entry(id.clone())
                        .or_insert_with(|| name.clone());
                }
            }
            area.certification_names = area
                .certification_names
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .filter(|(k, _)| named.contains(k))
                .collect();
            for name in area.certification_names.values() {
                limits::check_chars("a certification name", name, limits::SKILL_NAME)?;
            }
            out.push(area);
        }
        Ok(out)
    }
}

impl AreaDefinition {
    /// Refuses an area that cannot be stored or scored.
    pub fn validate(&self) -> Result<(), DesignationError> {
        limits::check_chars("a solution area id", &self.id, limits::COMPETENCY_ID)?;
        limits::check_chars("a solution area name", &self.name, limits::COMPETENCY_NAME)?;
        if self.id.is_empty()
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(DesignationError::BadId(self.id.clone()));
        }
        if self.name.trim().is_empty() {
            return Err(DesignationError::NoName(self.id.clone()));
        }
        let fail = |problem| DesignationError::Metric {
            area: self.id.clone(),
            problem,
        };
        if self.metrics.is_empty() {
            return Err(fail(MetricProblem::NoMetrics));
        }
        if self.metrics.len() > MAX_METRICS {
            return Err(fail(MetricProblem::TooManyMetrics {
                count: self.metrics.len(),
                max: MAX_METRICS,
            }));
        }
        let mut seen = std::collections::BTreeSet::new();
        for m in &self.metrics {
            let (size, level) = (m.size, m.level);
            if !seen.insert((m.size, m.level)) {
                return Err(fail(MetricProblem::DuplicateMetric { size, level }));
            }
            if m.cap == Points::ZERO {
                return Err(fail(MetricProblem::NoCap { size, level }));
            }
            if m.steps.is_empty() {
                return Err(fail(MetricProblem::NoSteps { size, level }));
            }
            if m.steps.len() > MAX_STEPS {
                return Err(fail(MetricProblem::TooManySteps {
                    size,
                    level,
                    count: m.steps.len(),
                    max: MAX_STEPS,
                }));
            }
            for (i, s) in m.steps.iter().enumerate() {
                let step = i + 1;
                if s.certifications.is_empty()
                    || s.certifications.iter().any(|c| c.trim().is_empty())
                {
                    return Err(fail(MetricProblem::NoCertifications { size, level, step }));
                }
                if s.certifications.len() > MAX_STEP_CERTIFICATIONS {
                    return Err(fail(MetricProblem::TooManyCertifications {
                        size,
                        level,
                        step,
                        count: s.certifications.len(),
                        max: MAX_STEP_CERTIFICATIONS,
                    }));
                }
                for c in &s.certifications {
                    limits::check_chars("a certification id", c, limits::SKILL_ID)?;
                }
                let gate = s.min_people.is_some_and(|n| n > 0);
                let per_person = s.points_each.is_some_and(|p| p > Points::ZERO);
                let stray = s.min_people == Some(0) || s.points_each == Some(Points::ZERO);
                if gate == per_person || stray || (per_person && s.points.is_some()) {
                    return Err(fail(MetricProblem::StepRule { size, level, step }));
                }
            }
        }
        Ok(())
    }
}
