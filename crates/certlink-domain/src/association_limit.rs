//! R9: an MCID may start at most `N` associations in any rolling 365 days, with a
//! cool-off of `C` days between two starts. Pure functions over the MCID's list of
//! association starts (R15: after a merge, the combined list).

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

/// The rolling window of R9.
pub const WINDOW: TimeDelta = TimeDelta::days(365);

/// What the profile shows about an MCID's associations (R9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allowance {
    /// Starts inside the window (now − 365 days, now].
    pub used: u32,
    pub limit: u32,
    pub cool_off_days: u32,
    /// The oldest start still inside the window, if any.
    pub window_since: Option<DateTime<Utc>>,
    /// The most recent start, if any.
    pub last_start: Option<DateTime<Utc>>,
    /// When the next association may start; `None` when it may start now.
    pub next_allowed: Option<DateTime<Utc>>,
    /// Which part of R9 holds the next association back, if any.
    pub blocked_by: Option<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Block {
    Limit,
    CoolOff,
}

/// Computes the allowance at `now`. `starts` may be in any order and may hold more
/// than `limit` starts inside one window (R15 merges).
pub fn allowance(
    starts: &[DateTime<Utc>],
    limit: u32,
    cool_off_days: u32,
    now: DateTime<Utc>,
) -> Allowance {
    let mut in_window: Vec<DateTime<Utc>> = starts
        .iter()
        .copied()
        .filter(|&s| s > now - WINDOW && s <= now)
        .collect();
    in_window.sort_unstable();
    let used = in_window.len() as u32;
    let last_start = starts.iter().copied().filter(|&s| s <= now).max();

    // A start leaves the window exactly 365 days after it happened. With `used`
    // starts inside, `used - limit + 1` of them must leave before one more fits:
    // the next association is allowed when the (used - limit)-th oldest leaves.
    let limit_date =
        (used >= limit && limit > 0).then(|| in_window[(used - limit) as usize] + WINDOW);
    let cool_off_date = last_start.map(|s| s + TimeDelta::days(i64::from(cool_off_days)));

    let mut next_allowed = None;
    let mut blocked_by = None;
    if let Some(d) = limit_date.filter(|d| *d > now) {
        next_allowed = Some(d);
        blocked_by = Some(Block::Limit);
    }
    if let Some(d) = cool_off_date.filter(|d| *d > now)
        && next_allowed.is_none_or(|n| d > n)
    {
        next_allowed = Some(d);
        // The limit is what the person hit if both apply now; the cool-off only
        // pushes the date later.
        blocked_by = blocked_by.or(Some(Block::CoolOff));
    }
    Allowance {
        used,
        limit,
        cool_off_days,
        window_since: in_window.first().copied(),
        last_start,
        next_allowed,
        blocked_by,
    }
}

impl Allowance {
    /// The refusal a new association of this MCID would get now (R9), in the
    /// same terms `decide` refuses it: front ends say it before anyone types
    /// a password. `None` when a new association may start now.
    pub fn refusal(&self) -> Option<crate::Refusal> {
        let next_allowed = self.next_allowed?;
        Some(match self.blocked_by {
            Some(Block::Limit) => crate::Refusal::LimitReached {
                used: self.used,
                limit: self.limit,
                since: self.window_since.unwrap_or(next_allowed - WINDOW),
                next_allowed,
            },
            _ => crate::Refusal::CoolOff {
                cool_off_days: self.cool_off_days,
                next_allowed,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn the_refusal_before_the_password_is_the_one_decide_gives() {
        let full = [day(2026, 1, 1), day(2026, 3, 1), day(2026, 6, 1)];
        let a = allowance(&full, 3, 30, day(2026, 11, 23));
        assert_eq!(
            a.refusal(),
            Some(crate::Refusal::LimitReached {
                used: 3,
                limit: 3,
                since: day(2026, 1, 1),
                next_allowed: day(2026, 1, 1) + WINDOW,
            })
        );
        let cooling = allowance(&[day(2026, 11, 13)], 3, 30, day(2026, 11, 23));
        assert_eq!(
            cooling.refusal(),
            Some(crate::Refusal::CoolOff {
                cool_off_days: 30,
                next_allowed: day(2026, 12, 13),
            })
        );
        let free = allowance(&[day(2026, 1, 1)], 3, 30, day(2026, 11, 23));
        assert_eq!(free.refusal(), None);
    }

    #[test]
    fn r9_nothing_used_allows_now() {
        let a = allowance(&[], 3, 30, day(2026, 11, 23));
        assert_eq!(a.used, 0);
        assert_eq!(a.next_allowed, None);
        assert_eq!(a.blocked_by, None);
    }

    #[test]
    fn r9_cool_off_after_a_start() {
        let now = day(2026, 11, 23);
        let a = allowance(&[day(2026, 11, 13)], 3, 30, now);
        assert_eq!(a.used, 1);
        assert_eq!(a.next_allowed, Some(day(2026, 12, 13)));
        assert_eq!(a.blocked_by, Some(Block::CoolOff));
        // Exactly at the end of the cool-off the next start is allowed.
        let later = allowance(&[day(2026, 11, 13)], 3, 30, day(2026, 12, 13));
        assert_eq!(later.next_allowed, None);
    }

    #[test]
    fn r9_limit_reached_until_oldest_leaves_window() {
        let starts = [day(2026, 3, 1), day(2026, 6, 1), day(2026, 9, 1)];
        let a = allowance(&starts, 3, 30, day(2026, 11, 23));
        assert_eq!(a.used, 3);
        assert_eq!(a.blocked_by, Some(Block::Limit));
        assert_eq!(a.next_allowed, Some(day(2026, 3, 1) + WINDOW));
        assert_eq!(a.window_since, Some(day(2026, 3, 1)));
        // One second after the oldest leaves the window, the next is allowed.
        let after = allowance(&starts, 3, 30, day(2026, 3, 1) + WINDOW);
        assert_eq!(after.used, 2);
        assert_eq!(after.next_allowed, None);
    }

    #[test]
    fn r15_merged_history_over_the_limit_waits_for_enough_to_leave() {
        let starts = [
            day(2026, 1, 1),
            day(2026, 2, 1),
            day(2026, 3, 1),
            day(2026, 4, 1),
            day(2026, 5, 1),
        ];
        let a = allowance(&starts, 3, 30, day(2026, 6, 1));
        assert_eq!(a.used, 5);
        // 5 used, limit 3: three must leave; the third oldest leaves last.
        assert_eq!(a.next_allowed, Some(day(2026, 3, 1) + WINDOW));
    }

    #[test]
    fn r9_cool_off_later_than_limit_wins() {
        // Limit 1: the single start blocks for a year; a 400-day cool-off is later.
        let a = allowance(&[day(2026, 1, 1)], 1, 365, day(2026, 2, 1));
        assert_eq!(a.next_allowed, Some(day(2026, 1, 1) + TimeDelta::days(365)));
        assert_eq!(a.blocked_by, Some(Block::Limit));
    }

    #[test]
    fn r9_setting_changes_apply_to_existing_history() {
        let starts = [day(2026, 10, 1), day(2026, 11, 1)];
        assert_eq!(
            allowance(&starts, 2, 0, day(2026, 11, 23)).blocked_by,
            Some(Block::Limit)
        );
        assert_eq!(
            allowance(&starts, 5, 0, day(2026, 11, 23)).next_allowed,
            None
        );
    }
}
