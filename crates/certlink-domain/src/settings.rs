//! Operator settings kept in the database (issue: Settings). Validation lives here so
//! every front end refuses the same values with the same words.

use certlink_i18n::Lang;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// OWASP's minimum argon2id configurations (memory KiB, iterations): any setting at
/// least as strong as one of them is accepted on a real database.
const OWASP_ARGON2_MINIMUMS: [(u32, u32); 5] = [
    (47_104, 1),
    (19_456, 2),
    (12_288, 3),
    (9_216, 4),
    (7_168, 5),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// R9 `N`: association starts allowed in any rolling 365 days.
    pub association_limit: u32,
    /// R9 `C`: days required between the starts of two associations.
    pub cool_off_days: u32,
    /// R1: failed attempts from one source before each further attempt must wait.
    pub throttle_after_failures: u32,
    /// R1: failed attempts on one account (any source) within the window that lock it.
    pub lock_after_failures: u32,
    /// R1: the window in which failures on one account add up.
    pub failure_window_minutes: u32,
    /// R1: how long a lock lasts.
    pub lock_minutes: u32,
    /// R1: argon2id cost for new password hashes.
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_parallelism: u32,
    /// Time: IANA name of the zone dates are shown in.
    pub display_time_zone: String,
}

/// Why a setting cannot take a value (`admin settings set`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("{key} must be a whole number from {lo} to {hi}")]
    NotInRange { key: String, lo: u32, hi: u32 },
    #[error("unknown time zone '{0}': use an IANA name such as UTC or Europe/Berlin")]
    UnknownTimeZone(String),
    #[error("unknown setting '{0}': one of {keys}", keys = Settings::KEYS.map(|(k, _)| k).join(", "))]
    UnknownKey(String),
    #[error("argon2_memory_kib must be at least 8 × argon2_parallelism")]
    MemoryBelowParallelism,
    #[error(
        "argon2 cost {memory_kib} KiB × {iterations} passes is below OWASP's minimum (19456 KiB × 2, or an equivalent); only sandbox databases may use a cheaper hash"
    )]
    BelowOwaspMinimum { memory_kib: u32, iterations: u32 },
}

impl SettingError {
    /// Why the setting cannot take the value, in `lang` (Display is the English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SettingError::NotInRange { key, lo, hi } => {
                lang.domain_setting_not_in_range(key.as_str(), *lo, *hi)
            }
            SettingError::UnknownTimeZone(zone) => {
                lang.domain_setting_unknown_time_zone(zone.as_str())
            }
            SettingError::UnknownKey(key) => lang.domain_setting_unknown_key(
                key.as_str(),
                Settings::KEYS.map(|(k, _)| k).join(", "),
            ),
            SettingError::MemoryBelowParallelism => {
                lang.domain_setting_memory_below_parallelism().into()
            }
            SettingError::BelowOwaspMinimum {
                memory_kib,
                iterations,
            } => lang.domain_setting_below_owasp(*memory_kib, *iterations),
        }
    }
}

impl Settings {
    /// Defaults for a real database: the article's 3 a year and 30 days, and
    /// OWASP's recommended argon2id cost (19 MiB, 2 passes).
    pub fn production() -> Self {
        Self {
            association_limit: 3,
            cool_off_days: 30,
            throttle_after_failures: 3,
            lock_after_failures: 10,
            failure_window_minutes: 15,
            lock_minutes: 15,
            argon2_memory_kib: 19_456,
            argon2_iterations: 2,
            argon2_parallelism: 1,
            display_time_zone: "UTC".into(),
        }
    }

    /// Defaults for a sandbox (demo) database: same rules, a cheap hash so demos
    /// and tests sign in at once.
    pub fn sandbox() -> Self {
        Self {
            argon2_memory_kib: 1024,
            argon2_iterations: 1,
            ..Self::production()
        }
    }

    pub fn time_zone(&self) -> Tz {
        self.display_time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// Every key the operator can set, with a one-line description.
    pub const KEYS: [(&'static str, &'static str); 10] = [
        (
            "association_limit",
            "R9 N: association starts allowed in any rolling 365 days",
        ),
        (
            "cool_off_days",
            "R9 C: days between the starts of two associations",
        ),
        (
            "throttle_after_failures",
            "R1: failures from one source before attempts are slowed",
        ),
        (
            "lock_after_failures",
            "R1: failures on one account within the window that lock it",
        ),
        (
            "failure_window_minutes",
            "R1: window in which failures add up",
        ),
        ("lock_minutes", "R1: how long a lock lasts"),
        ("argon2_memory_kib", "R1: argon2id memory cost in KiB"),
        ("argon2_iterations", "R1: argon2id passes"),
        ("argon2_parallelism", "R1: argon2id lanes"),
        (
            "display_time_zone",
            "Time: IANA zone dates are shown in, e.g. Europe/Berlin",
        ),
    ];

    /// The one-line descriptions of [`Settings::KEYS`] in `lang`, in the
    /// same order (in English, the KEYS' own).
    pub fn meanings(lang: Lang) -> [&'static str; 10] {
        [
            lang.domain_setting_association_limit(),
            lang.domain_setting_cool_off_days(),
            lang.domain_setting_throttle_after_failures(),
            lang.domain_setting_lock_after_failures(),
            lang.domain_setting_failure_window_minutes(),
            lang.domain_setting_lock_minutes(),
            lang.domain_setting_argon2_memory_kib(),
            lang.domain_setting_argon2_iterations(),
            lang.domain_setting_argon2_parallelism(),
            lang.domain_setting_display_time_zone(),
        ]
    }

    /// (key, value) pairs in `KEYS` order, for `admin settings show`.
    pub fn entries(&self) -> Vec<(&'static str, String)> {
        let v = [
            self.association_limit.to_string(),
            self.cool_off_days.to_string(),
            self.throttle_after_failures.to_string(),
            self.lock_after_failures.to_string(),
            self.failure_window_minutes.to_string(),
            self.lock_minutes.to_string(),
            self.argon2_memory_kib.to_string(),
            self.argon2_iterations.to_string(),
            self.argon2_parallelism.to_string(),
            self.display_time_zone.clone(),
        ];
        Self::KEYS.iter().map(|(k, _)| *k).zip(v).collect()
    }

    /// Returns the settings with `key` set to `value`, or says why not. `sandbox`
    /// relaxes only the argon2 minimum.
    pub fn with(&self, key: &str, value: &str, sandbox: bool) -> Result<Settings, SettingError> {
        let mut next = self.clone();
        let number = |lo: u32, hi: u32| -> Result<u32, SettingError> {
            value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (lo..=hi).contains(n))
                .ok_or_else(|| SettingError::NotInRange {
                    key: key.to_string(),
                    lo,
                    hi,
                })
        };
        match key {
            "association_limit" => next.association_limit = number(1, 100)?,
            "cool_off_days" => next.cool_off_days = number(0, 365)?,
            "throttle_after_failures" => next.throttle_after_failures = number(1, 100)?,
            "lock_after_failures" => next.lock_after_failures = number(1, 1000)?,
            "failure_window_minutes" => next.failure_window_minutes = number(1, 1440)?,
            "lock_minutes" => next.lock_minutes = number(1, 1440)?,
            "argon2_memory_kib" => next.argon2_memory_kib = number(8, 4 * 1024 * 1024)?,
            "argon2_iterations" => next.argon2_iterations = number(1, 64)?,
            "argon2_parallelism" => next.argon2_parallelism = number(1, 16)?,
            "display_time_zone" => {
                let tz = value.trim();
                tz.parse::<Tz>()
                    .map_err(|_| SettingError::UnknownTimeZone(tz.to_string()))?;
                next.display_time_zone = tz.to_string();
            }
            _ => return Err(SettingError::UnknownKey(key.to_string())),
        }
        if next.argon2_memory_kib < 8 * next.argon2_parallelism {
            return Err(SettingError::MemoryBelowParallelism);
        }
        if !sandbox && !next.argon2_meets_owasp_minimum() {
            return Err(SettingError::BelowOwaspMinimum {
                memory_kib: next.argon2_memory_kib,
                iterations: next.argon2_iterations,
            });
        }
        Ok(next)
    }

    pub fn argon2_meets_owasp_minimum(&self) -> bool {
        OWASP_ARGON2_MINIMUMS
            .iter()
            .any(|&(m, t)| self.argon2_memory_kib >= m && self.argon2_iterations >= t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_databases_refuse_a_cheap_hash() {
        let s = Settings::production();
        assert!(s.with("argon2_memory_kib", "1024", false).is_err());
        assert!(s.with("argon2_memory_kib", "1024", true).is_ok());
        assert!(s.with("argon2_memory_kib", "47104", false).is_ok());
        // 12 MiB needs three passes.
        let weaker = s.with("argon2_iterations", "3", false).unwrap();
        assert!(weaker.with("argon2_memory_kib", "12288", false).is_ok());
        assert!(Settings::production().argon2_meets_owasp_minimum());
        assert!(!Settings::sandbox().argon2_meets_owasp_minimum());
    }

    #[test]
    fn settings_are_validated() {
        let s = Settings::production();
        assert_eq!(
            s.with("association_limit", "5", false)
                .unwrap()
                .association_limit,
            5
        );
        assert!(s.with("association_limit", "0", false).is_err());
        assert!(s.with("association_limit", "x", false).is_err());
        assert!(s.with("cool_off_days", "366", false).is_err());
        assert!(s.with("display_time_zone", "Mars/Olympus", false).is_err());
        assert_eq!(
            s.with("display_time_zone", "Europe/Berlin", false)
                .unwrap()
                .time_zone(),
            chrono_tz::Europe::Berlin
        );
        assert!(s.with("nope", "1", false).is_err());
    }

    #[test]
    fn the_meanings_are_the_keys_own_in_english_and_chinese_in_chinese() {
        let en = Settings::meanings(Lang::En);
        for ((_, meaning), english) in Settings::KEYS.iter().zip(en) {
            assert_eq!(*meaning, english);
        }
        for (zh, english) in Settings::meanings(Lang::ZhCn).iter().zip(en) {
            assert_ne!(*zh, english);
        }
    }
}
