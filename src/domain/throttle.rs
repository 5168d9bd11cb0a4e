//! R1: failed password attempts slow down per (credential, source) and lock the
//! credential for a limited time after too many failures from anywhere. The same
//! logic protects work-account, certification-profile and PU passwords.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::settings::Settings;

/// Failures counted for one key: either a credential (any source) or a
/// (credential, source) pair.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureCount {
    pub failures: u32,
    pub first_failure: Option<DateTime<Utc>>,
    pub last_failure: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// Why an attempt may not even be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Open,
    /// Too many failures from this source: wait until then.
    Throttled {
        retry_after: DateTime<Utc>,
    },
    /// Too many failures on this credential: locked until then.
    Locked {
        until: DateTime<Utc>,
    },
}

/// The longest wait between attempts from one source.
const MAX_DELAY: TimeDelta = TimeDelta::seconds(60);

/// The wait after `failures` consecutive failures from one source: none up to the
/// threshold, then 1 s, 2 s, 4 s, … capped at a minute.
pub fn delay_after(failures: u32, settings: &Settings) -> TimeDelta {
    if failures < settings.throttle_after_failures {
        return TimeDelta::zero();
    }
    let exponent = (failures - settings.throttle_after_failures).min(6);
    TimeDelta::seconds(1 << exponent).min(MAX_DELAY)
}

/// May an attempt be checked now?
pub fn gate(
    credential: &FailureCount,
    source: &FailureCount,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Gate {
    if let Some(until) = credential.locked_until.filter(|u| *u > now) {
        return Gate::Locked { until };
    }
    if let Some(last) = source.last_failure {
        let retry_after = last + delay_after(source.failures, settings);
        if retry_after > now {
            return Gate::Throttled { retry_after };
        }
    }
    Gate::Open
}

/// The counts after a failed attempt at `now`.
pub fn record_failure(
    credential: &FailureCount,
    source: &FailureCount,
    settings: &Settings,
    now: DateTime<Utc>,
) -> (FailureCount, FailureCount) {
    let window = TimeDelta::minutes(i64::from(settings.failure_window_minutes));
    let mut cred = credential.clone();
    // A lock that has expired, or failures older than the window, start afresh.
    if cred.locked_until.is_some_and(|u| u <= now)
        || cred.first_failure.is_some_and(|f| now - f > window)
    {
        cred = FailureCount::default();
    }
    cred.failures += 1;
    cred.first_failure.get_or_insert(now);
    cred.last_failure = Some(now);
    if cred.failures >= settings.lock_after_failures {
        cred.locked_until = Some(now + TimeDelta::minutes(i64::from(settings.lock_minutes)));
        cred.failures = 0;
        cred.first_failure = None;
    }
    let mut src = source.clone();
    src.failures += 1;
    src.last_failure = Some(now);
    (cred, src)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    #[test]
    fn r1_slows_down_after_threshold_then_locks() {
        let s = Settings::production();
        let (mut cred, mut src) = (FailureCount::default(), FailureCount::default());
        let mut now = t0();
        for i in 0..s.lock_after_failures {
            assert!(
                !matches!(gate(&cred, &src, &s, now), Gate::Locked { .. }),
                "attempt {i}"
            );
            // Wait out any throttle, as a patient attacker would.
            if let Gate::Throttled { retry_after } = gate(&cred, &src, &s, now) {
                assert!(i >= s.throttle_after_failures);
                now = retry_after;
            }
            (cred, src) = record_failure(&cred, &src, &s, now);
        }
        let until = now + TimeDelta::minutes(i64::from(s.lock_minutes));
        assert_eq!(
            gate(&cred, &FailureCount::default(), &s, now),
            Gate::Locked { until }
        );
        // The lock is limited in time.
        assert_eq!(gate(&cred, &FailureCount::default(), &s, until), Gate::Open);
    }

    #[test]
    fn r1_throttle_is_per_source() {
        let s = Settings::production();
        let (mut cred, mut src) = (FailureCount::default(), FailureCount::default());
        for _ in 0..s.throttle_after_failures {
            (cred, src) = record_failure(&cred, &src, &s, t0());
        }
        assert_eq!(
            gate(&cred, &src, &s, t0()),
            Gate::Throttled {
                retry_after: t0() + TimeDelta::seconds(1)
            }
        );
        // Another source is not slowed down.
        assert_eq!(gate(&cred, &FailureCount::default(), &s, t0()), Gate::Open);
    }

    #[test]
    fn r1_old_failures_fall_out_of_the_window() {
        let s = Settings::production();
        let (mut cred, mut src) = (FailureCount::default(), FailureCount::default());
        for _ in 0..s.lock_after_failures - 1 {
            (cred, src) = record_failure(&cred, &src, &s, t0());
        }
        let later = t0() + TimeDelta::minutes(i64::from(s.failure_window_minutes) + 1);
        (cred, _) = record_failure(&cred, &src, &s, later);
        assert_eq!(cred.failures, 1);
        assert_eq!(cred.locked_until, None);
    }

    #[test]
    fn delay_is_capped() {
        let s = Settings::production();
        assert_eq!(delay_after(0, &s), TimeDelta::zero());
        assert_eq!(
            delay_after(s.throttle_after_failures, &s),
            TimeDelta::seconds(1)
        );
        assert_eq!(delay_after(1000, &s), MAX_DELAY);
    }
}
