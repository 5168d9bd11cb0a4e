//! R1: failed password attempts slow down and then lock, so that guessing gets
//! few tries through while the owner is never kept out for long. The same logic
//! protects work-account, certification-profile and PU passwords (R1, R2, R4).
//!
//! Two counts per credential:
//! - **pair** (this credential from this source): after `throttle_after_failures`
//!   failures each further attempt waits 1 s, 2 s, 4 s … up to a minute; after
//!   `lock_after_failures` failures this source is locked out of this credential
//!   for `lock_minutes`, and every further failure from it locks it again. The
//!   count starts afresh after `failure_window_minutes` of quiet (no failure and
//!   no lock). A lock from one source never reaches another source, so an
//!   attacker cannot lock the owner out from where the owner signs in.
//! - **credential** (any source): a guesser spread over many sources is stopped
//!   by a lock of the whole credential after `DISTRIBUTED_FACTOR` ×
//!   `lock_after_failures` failures within the window. That lock does not apply
//!   to a *known source* (one that proved the password within
//!   `KNOWN_SOURCE_DAYS`), so the owner still gets in from their usual place.
//! - **source** (any credential of a kind): a source spraying a few guesses
//!   at many accounts is slowed to one attempt a minute after
//!   `SPRAY_FACTOR` × `lock_after_failures` failures, until it has been quiet
//!   for the window. Known sources of the credential tried are not slowed.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::settings::Settings;

/// Failures counted for one key: either a credential (any source) or a
/// (credential, source) pair. A known-source mark (see [`known_source_mark`])
/// reuses the record with `last_failure` holding the last success.
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
    /// Too many failures from this source, or on this credential from many
    /// sources: locked until then.
    Locked {
        until: DateTime<Utc>,
    },
}

/// The longest wait between attempts from one source.
const MAX_DELAY: TimeDelta = TimeDelta::seconds(60);

/// A credential as a whole locks after this many times the per-source lock
/// threshold (from any sources) within the window: high enough that one source,
/// locked at `lock_after_failures`, can never reach it alone.
pub const DISTRIBUTED_FACTOR: u32 = 5;

/// How long a source that proved the password stays exempt from the
/// credential-wide lock.
pub const KNOWN_SOURCE_DAYS: i64 = 90;

/// Failures from one source across every credential of a kind (times
/// `lock_after_failures`) after which each further attempt waits a minute.
pub const SPRAY_FACTOR: u32 = 5;

/// The wait after `failures` consecutive failures from one source: none up to the
/// threshold, then 1 s, 2 s, 4 s, … capped at a minute.
pub fn delay_after(failures: u32, settings: &Settings) -> TimeDelta {
    if failures < settings.throttle_after_failures {
        return TimeDelta::zero();
    }
    let exponent = (failures - settings.throttle_after_failures).min(6);
    TimeDelta::seconds(1 << exponent).min(MAX_DELAY)
}

/// May an attempt be checked now? `known_source`: this source proved the
/// password recently (see [`is_known_source`]).
pub fn gate(
    credential: &FailureCount,
    pair: &FailureCount,
    known_source: bool,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Gate {
    if let Some(until) = pair.locked_until.filter(|u| *u > now) {
        return Gate::Locked { until };
    }
    if !known_source && let Some(until) = credential.locked_until.filter(|u| *u > now) {
        return Gate::Locked { until };
    }
    let pair = fresh_pair(pair, settings, now);
    if let Some(last) = pair.last_failure {
        let retry_after = last + delay_after(pair.failures, settings);
        if retry_after > now {
            return Gate::Throttled { retry_after };
        }
    }
    Gate::Open
}

/// The pair's count, or a fresh one after a quiet window (no failure and no
/// lock for `failure_window_minutes`).
fn fresh_pair(pair: &FailureCount, settings: &Settings, now: DateTime<Utc>) -> FailureCount {
    let window = TimeDelta::minutes(i64::from(settings.failure_window_minutes));
    let quiet_since = pair.last_failure.max(pair.locked_until);
    match quiet_since {
        Some(t) if now - t > window => FailureCount::default(),
        _ => pair.clone(),
    }
}

/// The counts after a failed attempt at `now`: (credential, pair).
pub fn record_failure(
    credential: &FailureCount,
    pair: &FailureCount,
    settings: &Settings,
    now: DateTime<Utc>,
) -> (FailureCount, FailureCount) {
    let window = TimeDelta::minutes(i64::from(settings.failure_window_minutes));
    let lock = TimeDelta::minutes(i64::from(settings.lock_minutes));

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
    if cred.failures
        >= settings
            .lock_after_failures
            .saturating_mul(DISTRIBUTED_FACTOR)
    {
        cred.locked_until = Some(now + lock);
        cred.failures = 0;
        cred.first_failure = None;
    }

    let mut src = fresh_pair(pair, settings, now);
    src.failures = src.failures.saturating_add(1);
    src.first_failure.get_or_insert(now);
    src.last_failure = Some(now);
    if src.failures >= settings.lock_after_failures {
        // Every failure past the threshold locks this source again.
        src.locked_until = Some(now + lock);
    }
    (cred, src)
}

/// The counts as they will be once `pending` attempts, let through by the
/// gate and still being checked, have failed at `now` (R1: the gate and the
/// count are one step, so attempts arriving together see each other): the
/// gate decides on these. `pending` is (credential, pair, spray).
pub fn with_pending(
    credential: &FailureCount,
    pair: &FailureCount,
    spray: &FailureCount,
    pending: (u32, u32, u32),
    settings: &Settings,
    now: DateTime<Utc>,
) -> (FailureCount, FailureCount, FailureCount) {
    let (mut credential, mut pair, mut spray) = (credential.clone(), pair.clone(), spray.clone());
    // A credential's count after a failure depends on its own count only, and
    // so does a pair's: each is advanced by its own pending attempts.
    for _ in 0..pending.0 {
        credential = record_failure(&credential, &pair, settings, now).0;
    }
    for _ in 0..pending.1 {
        pair = record_failure(&credential, &pair, settings, now).1;
    }
    for _ in 0..pending.2 {
        spray = record_spray_failure(&spray, settings, now);
    }
    (credential, pair, spray)
}

/// R1 against password spraying: may this source try (another) credential
/// now, given its failures across all credentials of the kind? Asked after
/// [`gate`] opened.
pub fn spray_gate(
    spray: &FailureCount,
    known_source: bool,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Gate {
    let spray = fresh_pair(spray, settings, now);
    if known_source || spray.failures < settings.lock_after_failures.saturating_mul(SPRAY_FACTOR) {
        return Gate::Open;
    }
    match spray.last_failure.map(|last| last + MAX_DELAY) {
        Some(retry_after) if retry_after > now => Gate::Throttled { retry_after },
        _ => Gate::Open,
    }
}

/// The source's count across credentials after a failure at `now`; it starts
/// afresh after a quiet window, like a pair's.
pub fn record_spray_failure(
    spray: &FailureCount,
    settings: &Settings,
    now: DateTime<Utc>,
) -> FailureCount {
    let mut spray = fresh_pair(spray, settings, now);
    spray.failures = spray.failures.saturating_add(1);
    spray.first_failure.get_or_insert(now);
    spray.last_failure = Some(now);
    spray
}

/// How often refusals that anyone can repeat without signing in are audited
/// (R1, R16): SSH key offers for one account (or for all unknown emails
/// together), and password attempts refused *before* the check (throttled or
/// locked) per credential and source. One record per period, naming how many
/// more were refused since the one before; the others only count in a fixed
/// throttle row. An outsider who repeats them without end thus adds at most one
/// audit record per period for each such row, however fast they go. Attempts
/// that reach the password check are each audited: the throttle bounds them.
pub const SAMPLED_AUDIT_EVERY: TimeDelta = TimeDelta::minutes(15);

/// A sampled refusal at `now` against its row: the row to store, and `Some(n)`
/// when this refusal is to be audited, `n` being those refused since the last
/// audited one and recorded only in the count. The row reuses
/// [`FailureCount`]: `failures` counts the unaudited refusals, `first_failure`
/// is when the last audited one was, `last_failure` the latest.
pub fn sampled_refusal(row: &FailureCount, now: DateTime<Utc>) -> (FailureCount, Option<u32>) {
    match row.first_failure {
        Some(audited) if now >= audited && now - audited < SAMPLED_AUDIT_EVERY => (
            FailureCount {
                failures: row.failures.saturating_add(1),
                last_failure: Some(now),
                ..row.clone()
            },
            None,
        ),
        _ => (
            FailureCount {
                failures: 0,
                first_failure: Some(now),
                last_failure: Some(now),
                locked_until: None,
            },
            Some(row.failures),
        ),
    }
}

/// What a successful check leaves for its source: a mark that it knows the
/// password, exempting it from the credential-wide lock for a while.
pub fn known_source_mark(now: DateTime<Utc>) -> FailureCount {
    FailureCount {
        last_failure: Some(now),
        ..FailureCount::default()
    }
}

/// A known-source mark younger than this is not rewritten by another success:
/// the exemption lasts [`KNOWN_SOURCE_DAYS`], so refreshing it once a day loses
/// at most a day of it, while rewriting it on every command would add a B-tree
/// leaf to every durable commit of a person who links or signs in often.
pub const KNOWN_SOURCE_REFRESH: TimeDelta = TimeDelta::days(1);

/// The mark to store after a success from a source whose mark is `current`,
/// or `None` when `current` is fresh enough to keep.
pub fn refreshed_known_source(current: &FailureCount, now: DateTime<Utc>) -> Option<FailureCount> {
    let fresh = current
        .last_failure
        .is_some_and(|at| at <= now && now - at < KNOWN_SOURCE_REFRESH);
    (!fresh).then(|| known_source_mark(now))
}

/// Did this source prove the password within [`KNOWN_SOURCE_DAYS`]?
pub fn is_known_source(mark: &FailureCount, now: DateTime<Utc>) -> bool {
    mark.last_failure
        .is_some_and(|at| now - at <= TimeDelta::days(KNOWN_SOURCE_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    /// Fails from one source as fast as the gate allows until it locks; returns
    /// the counts and the instant of the last failure.
    fn fail_until_locked(
        cred: &mut FailureCount,
        pair: &mut FailureCount,
        s: &Settings,
        mut now: DateTime<Utc>,
    ) -> DateTime<Utc> {
        for i in 0..s.lock_after_failures {
            match gate(cred, pair, false, s, now) {
                Gate::Open => {}
                Gate::Throttled { retry_after } => {
                    assert!(i >= s.throttle_after_failures, "attempt {i}");
                    now = retry_after;
                }
                Gate::Locked { .. } => panic!("locked before attempt {i}"),
            }
            (*cred, *pair) = record_failure(cred, pair, s, now);
        }
        now
    }

    #[test]
    fn r1_slows_down_after_threshold_then_locks_the_source() {
        let s = Settings::production();
        let (mut cred, mut pair) = (FailureCount::default(), FailureCount::default());
        let now = fail_until_locked(&mut cred, &mut pair, &s, t0());
        let until = now + TimeDelta::minutes(i64::from(s.lock_minutes));
        assert_eq!(gate(&cred, &pair, false, &s, now), Gate::Locked { until });
        // The lock is limited in time.
        assert!(!matches!(
            gate(&cred, &pair, false, &s, until),
            Gate::Locked { .. }
        ));
        // A failure right after the lock locks this source again at once.
        let (_, again) = record_failure(&cred, &pair, &s, until);
        assert_eq!(
            again.locked_until,
            Some(until + TimeDelta::minutes(i64::from(s.lock_minutes)))
        );
    }

    #[test]
    fn r1_a_locked_source_does_not_lock_the_owner_elsewhere() {
        let s = Settings::production();
        let (mut cred, mut pair) = (FailureCount::default(), FailureCount::default());
        let now = fail_until_locked(&mut cred, &mut pair, &s, t0());
        assert!(matches!(
            gate(&cred, &pair, false, &s, now),
            Gate::Locked { .. }
        ));
        // The owner, from another source never seen before, is let through.
        assert_eq!(
            gate(&cred, &FailureCount::default(), false, &s, now),
            Gate::Open
        );
    }

    #[test]
    fn r1_many_sources_lock_the_credential_but_not_a_known_source() {
        let s = Settings::production();
        let mut cred = FailureCount::default();
        let now = t0();
        let needed = s.lock_after_failures * DISTRIBUTED_FACTOR;
        // Each source stays under its own delay: throttle_after_failures tries each.
        let mut sources = 0;
        for _ in 0..needed {
            let pair = FailureCount::default();
            assert!(!matches!(
                gate(&cred, &pair, false, &s, now),
                Gate::Locked { .. }
            ));
            (cred, _) = record_failure(&cred, &pair, &s, now);
            sources += 1;
        }
        assert_eq!(sources, needed);
        let until = now + TimeDelta::minutes(i64::from(s.lock_minutes));
        assert_eq!(
            gate(&cred, &FailureCount::default(), false, &s, now),
            Gate::Locked { until }
        );
        // A source that proved the password lately is not locked out.
        let mark = known_source_mark(now - TimeDelta::days(1));
        assert!(is_known_source(&mark, now));
        assert_eq!(
            gate(&cred, &FailureCount::default(), true, &s, now),
            Gate::Open
        );
        assert!(!is_known_source(
            &mark,
            now + TimeDelta::days(KNOWN_SOURCE_DAYS)
        ));
    }

    #[test]
    fn r1_throttle_is_per_source() {
        let s = Settings::production();
        let (mut cred, mut pair) = (FailureCount::default(), FailureCount::default());
        for _ in 0..s.throttle_after_failures {
            (cred, pair) = record_failure(&cred, &pair, &s, t0());
        }
        assert_eq!(
            gate(&cred, &pair, false, &s, t0()),
            Gate::Throttled {
                retry_after: t0() + TimeDelta::seconds(1)
            }
        );
        // Another source is not slowed down.
        assert_eq!(
            gate(&cred, &FailureCount::default(), false, &s, t0()),
            Gate::Open
        );
    }

    #[test]
    fn r1_old_failures_fall_out_of_the_window() {
        let s = Settings::production();
        let (mut cred, mut pair) = (FailureCount::default(), FailureCount::default());
        for _ in 0..s.lock_after_failures - 1 {
            (cred, pair) = record_failure(&cred, &pair, &s, t0());
        }
        let later = t0() + TimeDelta::minutes(i64::from(s.failure_window_minutes) + 1);
        assert_eq!(gate(&cred, &pair, false, &s, later), Gate::Open);
        (cred, pair) = record_failure(&cred, &pair, &s, later);
        assert_eq!(cred.failures, 1);
        assert_eq!(pair.failures, 1);
        assert_eq!(pair.locked_until, None);
    }

    #[test]
    fn r1_attempts_being_checked_count_as_failures_for_the_gate() {
        let s = Settings::production();
        let none = FailureCount::default();
        // Nothing stored yet, but `throttle_after_failures` attempts in flight:
        // the next one waits as if they had failed.
        let pending = s.throttle_after_failures;
        let (cred, pair, spray) =
            with_pending(&none, &none, &none, (pending, pending, pending), &s, t0());
        assert_eq!(
            gate(&cred, &pair, false, &s, t0()),
            Gate::Throttled {
                retry_after: t0() + TimeDelta::seconds(1)
            }
        );
        assert_eq!(spray.failures, pending);
        // The same as failing them one by one.
        let (mut c, mut p) = (none.clone(), none.clone());
        for _ in 0..pending {
            (c, p) = record_failure(&c, &p, &s, t0());
        }
        assert_eq!((cred, pair), (c, p));
        // None in flight: the stored counts as they are.
        assert_eq!(
            with_pending(&none, &none, &none, (0, 0, 0), &s, t0()),
            (none.clone(), none.clone(), none)
        );
    }

    #[test]
    fn r1_refused_key_offers_are_audited_once_a_period_with_a_count() {
        let (row, audit) = sampled_refusal(&FailureCount::default(), t0());
        assert_eq!(audit, Some(0));
        let mut row = row;
        for i in 1..=1000 {
            let (next, audit) = sampled_refusal(&row, t0() + TimeDelta::milliseconds(i));
            assert_eq!(audit, None);
            row = next;
        }
        assert_eq!(row.failures, 1000);
        let later = t0() + SAMPLED_AUDIT_EVERY;
        let (row, audit) = sampled_refusal(&row, later);
        assert_eq!(audit, Some(1000));
        assert_eq!(row.failures, 0);
        assert_eq!(row.first_failure, Some(later));
        // A row from the future (clock stepped back) does not silence offers.
        let (_, audit) = sampled_refusal(&row, t0());
        assert_eq!(audit, Some(0));
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

    #[test]
    fn r1_spraying_many_credentials_from_one_source_slows_to_one_a_minute() {
        let s = Settings::production();
        let budget = s.lock_after_failures * SPRAY_FACTOR;
        let mut spray = FailureCount::default();
        for _ in 0..budget {
            assert_eq!(spray_gate(&spray, false, &s, t0()), Gate::Open);
            spray = record_spray_failure(&spray, &s, t0());
        }
        assert_eq!(
            spray_gate(&spray, false, &s, t0()),
            Gate::Throttled {
                retry_after: t0() + MAX_DELAY
            }
        );
        // A source that proved this credential's password is not slowed.
        assert_eq!(spray_gate(&spray, true, &s, t0()), Gate::Open);
        assert_eq!(spray_gate(&spray, false, &s, t0() + MAX_DELAY), Gate::Open);
        // After a quiet window the count starts afresh.
        let quiet = t0() + TimeDelta::minutes(i64::from(s.failure_window_minutes) + 1);
        assert_eq!(record_spray_failure(&spray, &s, quiet).failures, 1);
    }

    #[test]
    fn r1_a_known_source_mark_is_refreshed_once_a_day_not_on_every_success() {
        let now = t0();
        let empty = FailureCount::default();
        assert_eq!(
            refreshed_known_source(&empty, now),
            Some(known_source_mark(now))
        );
        let mark = known_source_mark(now);
        assert_eq!(
            refreshed_known_source(&mark, now + TimeDelta::hours(23)),
            None
        );
        let later = now + KNOWN_SOURCE_REFRESH;
        assert_eq!(
            refreshed_known_source(&mark, later),
            Some(known_source_mark(later))
        );
        // A mark from the future (clock stepped back) is replaced, not trusted.
        let future = known_source_mark(now + TimeDelta::hours(1));
        assert_eq!(
            refreshed_known_source(&future, now),
            Some(known_source_mark(now))
        );
        // Kept marks still make the source known for the whole window.
        assert!(is_known_source(
            &mark,
            now + TimeDelta::days(KNOWN_SOURCE_DAYS)
        ));
    }
}
