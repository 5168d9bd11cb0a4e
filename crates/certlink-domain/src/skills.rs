//! Skills and learning records (R3, R10, R11, R18): what a person earned or
//! completed, when it appears in the organization's report, and how it counts.

use std::fmt;
use std::str::FromStr;

use certlink_i18n::Lang;
use chrono::{DateTime, Months, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::ids::{Malformed, Mcid, ParseIdError, PuUsername};

/// Whose record it is: a certification profile or a Partner University account.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Subject {
    Mcid(Mcid),
    Pu(PuUsername),
}

impl Subject {
    /// The store key prefix: "mcid:10000001" or "pu:ada.l".
    pub fn key(&self) -> String {
        match self {
            Subject::Mcid(m) => format!("mcid:{m}"),
            Subject::Pu(u) => format!("pu:{u}"),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Mcid(m) => write!(f, "MCID {m}"),
            Subject::Pu(u) => write!(f, "PU {u}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkillKind {
    Certification,
    Exam,
    /// A Partner University assessment.
    Assessment,
    /// A Microsoft Learn module (learning progress, R18).
    Module,
    /// A Microsoft Learn learning path (learning progress, R18).
    LearningPath,
}

impl SkillKind {
    pub const ALL: [SkillKind; 5] = [
        SkillKind::Certification,
        SkillKind::Exam,
        SkillKind::Assessment,
        SkillKind::Module,
        SkillKind::LearningPath,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SkillKind::Certification => "certification",
            SkillKind::Exam => "exam",
            SkillKind::Assessment => "assessment",
            SkillKind::Module => "module",
            SkillKind::LearningPath => "learning-path",
        }
    }
    /// The kind as people read it in `lang` ([`SkillKind::name`] in English).
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            SkillKind::Certification => lang.domain_skill_certification(),
            SkillKind::Exam => lang.domain_skill_exam(),
            SkillKind::Assessment => lang.domain_skill_assessment(),
            SkillKind::Module => lang.domain_skill_module(),
            SkillKind::LearningPath => lang.domain_skill_learning_path(),
        }
    }
    /// Store key byte; part of the on-disk format.
    pub fn code(self) -> u8 {
        self as u8
    }
    /// Skills in the report and competencies (R10, R11); the rest is learning progress.
    pub fn is_skill(self) -> bool {
        matches!(
            self,
            SkillKind::Certification | SkillKind::Exam | SkillKind::Assessment
        )
    }
}

impl FromStr for SkillKind {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase().replace('_', "-");
        SkillKind::ALL
            .into_iter()
            .find(|k| k.name() == t || (t == "learning path" && *k == SkillKind::LearningPath))
            .ok_or_else(|| {
                ParseIdError::of(Malformed::Kind {
                    text: format!("'{s}'"),
                })
            })
    }
}

/// Learning progress of a module or learning path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Progress {
    Completed,
    InProgress,
}

impl Progress {
    pub fn name(self) -> &'static str {
        match self {
            Progress::Completed => "completed",
            Progress::InProgress => "in-progress",
        }
    }
    /// The progress as people read it in `lang` ([`Progress::name`] in English).
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Progress::Completed => lang.domain_progress_completed(),
            Progress::InProgress => lang.domain_progress_in_progress(),
        }
    }
}

impl FromStr for Progress {
    type Err = ParseIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace('_', "-").as_str() {
            "completed" => Ok(Progress::Completed),
            "in-progress" | "in progress" => Ok(Progress::InProgress),
            _ => Err(ParseIdError::of(Malformed::Progress {
                text: format!("'{s}'"),
            })),
        }
    }
}

/// One imported record. Identified by (subject, kind, skill id, date): importing
/// the same record again changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillRecord {
    pub subject: Subject,
    pub kind: SkillKind,
    /// Exam number, certification id, assessment, module or path id.
    pub skill_id: String,
    pub name: String,
    /// Earned, passed, completed (or, in progress, last activity).
    pub date: DateTime<Utc>,
    /// Certifications: when it expires.
    pub expires: Option<DateTime<Utc>>,
    /// Exams and assessments: passed or not.
    pub passed: Option<bool>,
    /// Modules and learning paths.
    pub progress: Option<Progress>,
}

impl SkillRecord {
    /// A skill that counts: a certification, or a passed exam or assessment.
    pub fn is_held(&self) -> bool {
        match self.kind {
            SkillKind::Certification => true,
            SkillKind::Exam | SkillKind::Assessment => self.passed.unwrap_or(false),
            SkillKind::Module | SkillKind::LearningPath => false,
        }
    }
    pub fn is_completed(&self) -> bool {
        self.progress == Some(Progress::Completed)
    }
}

/// R3: when a skill appears in the organization's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reflection {
    /// From this instant the skill shows as reflected.
    pub visible_from: DateTime<Utc>,
    /// For skills earned after the association: the earliest expected day (day 7).
    pub expected_from: Option<DateTime<Utc>>,
}

/// Skills earned before the association started appear 72 hours after its start.
pub const BEFORE_START_DELAY: TimeDelta = TimeDelta::hours(72);
/// Skills earned later appear 10 days after they were earned (the seed says 7–10).
pub const AFTER_START_DELAY: TimeDelta = TimeDelta::days(10);
pub const AFTER_START_EARLIEST: TimeDelta = TimeDelta::days(7);

/// R3: computes when a skill earned at `earned` shows, for an association (MCID
/// link or PU access) that started at `association_start`.
pub fn reflection(earned: DateTime<Utc>, association_start: DateTime<Utc>) -> Reflection {
    if earned < association_start {
        Reflection {
            visible_from: association_start + BEFORE_START_DELAY,
            expected_from: None,
        }
    } else {
        Reflection {
            visible_from: earned + AFTER_START_DELAY,
            expected_from: Some(earned + AFTER_START_EARLIEST),
        }
    }
}

impl Reflection {
    pub fn is_reflected(&self, now: DateTime<Utc>) -> bool {
        now >= self.visible_from
    }
}

/// R11: a competency definition (operator data, not code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    pub id: String,
    pub name: String,
    /// How many individuals must hold one of the skills.
    pub required_individuals: u32,
    /// Skill ids (exam numbers, certification or assessment ids) that count.
    pub skills: Vec<String>,
}

/// Why a competency definition (R11) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompetencyError {
    #[error(transparent)]
    Field(#[from] super::limits::FieldError),
    #[error("competency {id} names {count} skill ids; at most {max} are allowed")]
    TooManySkills {
        id: String,
        count: usize,
        max: usize,
    },
    #[error("competency id '{0}' must be non-empty without spaces")]
    BadId(String),
    #[error("competency {0} needs a name")]
    NoName(String),
    #[error("competency {0} needs at least 1 required individual")]
    NoRequiredIndividuals(String),
    #[error("competency {0} must name at least one skill id")]
    NoSkills(String),
}

impl CompetencyError {
    /// Why the definition was refused, in `lang` (Display is the English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CompetencyError::Field(e) => e.message(lang),
            CompetencyError::TooManySkills { id, count, max } => {
                lang.domain_competency_too_many_skills(id.as_str(), *count, *max)
            }
            CompetencyError::BadId(id) => lang.domain_competency_bad_id(id.as_str()),
            CompetencyError::NoName(id) => lang.domain_competency_no_name(id.as_str()),
            CompetencyError::NoRequiredIndividuals(id) => {
                lang.domain_competency_no_required(id.as_str())
            }
            CompetencyError::NoSkills(id) => lang.domain_competency_no_skills(id.as_str()),
        }
    }
}

impl Competency {
    /// Refuses a definition that cannot be stored or counted (R11).
    pub fn validate(&self) -> Result<(), CompetencyError> {
        use super::limits;
        limits::check_chars("a competency id", &self.id, limits::COMPETENCY_ID)?;
        limits::check_chars(
            &format!("the name of competency {}", self.id),
            &self.name,
            limits::COMPETENCY_NAME,
        )?;
        let id = || self.id.clone();
        if self.skills.len() > limits::COMPETENCY_SKILLS {
            return Err(CompetencyError::TooManySkills {
                id: id(),
                count: self.skills.len(),
                max: limits::COMPETENCY_SKILLS,
            });
        }
        for s in &self.skills {
            limits::check_chars(
                &format!("a skill id of competency {}", self.id),
                s,
                limits::SKILL_ID,
            )?;
        }
        if self.id.trim().is_empty() || self.id.chars().any(char::is_whitespace) {
            return Err(CompetencyError::BadId(id()));
        }
        if self.name.trim().is_empty() {
            return Err(CompetencyError::NoName(id()));
        }
        if self.required_individuals == 0 {
            return Err(CompetencyError::NoRequiredIndividuals(id()));
        }
        if self.skills.is_empty() || self.skills.iter().any(|s| s.trim().is_empty()) {
            return Err(CompetencyError::NoSkills(id()));
        }
        Ok(())
    }

    /// Does this skill count toward the competency (same id, case-insensitive)?
    pub fn names(&self, skill_id: &str) -> bool {
        self.skills.iter().any(|s| s.eq_ignore_ascii_case(skill_id))
    }
}

/// R11: the oldest earned date that still counts at `now`: 12 calendar months back.
pub fn competency_window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(12)).unwrap_or(now)
}

/// R11: whether a skill counts toward a competency at `now`: named by it, held,
/// earned within the last 12 calendar months, and already reflected (R3).
pub fn counts_toward(
    c: &Competency,
    skill: &SkillRecord,
    reflection: &Reflection,
    now: DateTime<Utc>,
) -> bool {
    skill.kind.is_skill()
        && skill.is_held()
        && held_counts_toward(c, &skill.skill_id, skill.date, reflection, now)
}

/// R11 for a skill already known to be held (the report table keeps only held
/// skills): named by the competency, earned within the last 12 calendar months,
/// and already reflected (R3).
pub fn held_counts_toward(
    c: &Competency,
    skill_id: &str,
    earned: DateTime<Utc>,
    reflection: &Reflection,
    now: DateTime<Utc>,
) -> bool {
    c.names(skill_id)
        && earned >= competency_window_start(now)
        && earned <= now
        && reflection.is_reflected(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    fn exam(id: &str, date: DateTime<Utc>, passed: bool) -> SkillRecord {
        SkillRecord {
            subject: Subject::Mcid(Mcid::new(1).unwrap()),
            kind: SkillKind::Exam,
            skill_id: id.into(),
            name: id.into(),
            date,
            expires: None,
            passed: Some(passed),
            progress: None,
        }
    }

    #[test]
    fn r3_earned_before_the_association_shows_72_hours_after_it() {
        let start = t(2026, 6, 1);
        let r = reflection(t(2026, 1, 1), start);
        assert_eq!(r.visible_from, start + TimeDelta::hours(72));
        assert_eq!(r.expected_from, None);
        assert!(!r.is_reflected(start + TimeDelta::hours(71)));
        assert!(r.is_reflected(start + TimeDelta::hours(72)));
    }

    #[test]
    fn r3_earned_after_shows_10_days_later_expected_from_day_7() {
        let earned = t(2026, 7, 1);
        let r = reflection(earned, t(2026, 6, 1));
        assert_eq!(r.visible_from, t(2026, 7, 11));
        assert_eq!(r.expected_from, Some(t(2026, 7, 8)));
        // Earned at the very instant the association starts: "later".
        assert_eq!(reflection(earned, earned).visible_from, t(2026, 7, 11));
    }

    #[test]
    fn r11_only_named_held_reflected_skills_of_the_last_12_months_count() {
        let c = Competency {
            id: "cloud".into(),
            name: "Cloud".into(),
            required_individuals: 1,
            skills: vec!["AZ-104".into()],
        };
        let now = t(2026, 11, 23);
        let visible = Reflection {
            visible_from: t(2020, 1, 1),
            expected_from: None,
        };
        assert!(counts_toward(
            &c,
            &exam("az-104", t(2026, 5, 1), true),
            &visible,
            now
        ));
        assert!(
            !counts_toward(&c, &exam("AZ-104", t(2026, 5, 1), false), &visible, now),
            "failed exam"
        );
        assert!(
            !counts_toward(&c, &exam("AZ-900", t(2026, 5, 1), true), &visible, now),
            "not named"
        );
        // Exactly 12 calendar months back still counts; a second earlier does not.
        assert!(counts_toward(
            &c,
            &exam("AZ-104", t(2025, 11, 23), true),
            &visible,
            now
        ));
        assert!(!counts_toward(
            &c,
            &exam("AZ-104", t(2025, 11, 23) - TimeDelta::seconds(1), true),
            &visible,
            now
        ));
        let pending = Reflection {
            visible_from: now + TimeDelta::days(1),
            expected_from: None,
        };
        assert!(
            !counts_toward(&c, &exam("AZ-104", t(2026, 11, 20), true), &pending, now),
            "pending (R3)"
        );
    }

    #[test]
    fn competency_definitions_are_checked() {
        let ok = Competency {
            id: "sec".into(),
            name: "Security".into(),
            required_individuals: 2,
            skills: vec!["SC-200".into()],
        };
        assert!(ok.validate().is_ok());
        assert!(
            Competency {
                required_individuals: 0,
                ..ok.clone()
            }
            .validate()
            .is_err()
        );
        assert!(
            Competency {
                skills: vec![],
                ..ok.clone()
            }
            .validate()
            .is_err()
        );
        assert!(
            Competency {
                id: "a b".into(),
                ..ok
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn kinds_parse() {
        assert_eq!(
            "Learning_Path".parse::<SkillKind>().unwrap(),
            SkillKind::LearningPath
        );
        assert!("badge".parse::<SkillKind>().is_err());
        assert_eq!(
            "in progress".parse::<Progress>().unwrap(),
            Progress::InProgress
        );
    }
}
