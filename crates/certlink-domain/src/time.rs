//! How instants are shown to people: all instants are UTC; dates are YYYY-MM-DD in
//! the display time zone (a setting), and "in N days" rounds up (domain.md, Time).

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use chrono_tz::Tz;

/// Formats dates for one reader at one moment. Pure: the caller supplies `now`.
#[derive(Debug, Clone, Copy)]
pub struct DateFormat {
    pub tz: Tz,
    pub now: DateTime<Utc>,
}

impl DateFormat {
    pub fn new(tz: Tz, now: DateTime<Utc>) -> Self {
        Self { tz, now }
    }

    pub fn date(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.tz).format("%Y-%m-%d").to_string()
    }

    /// [`DateFormat::date`] appended to `out` without a format string (exports
    /// write millions of dates): the same bytes for years 0–9999, the format
    /// string's for any other.
    pub fn push_date(&self, at: DateTime<Utc>, out: &mut Vec<u8>) {
        let day = if self.tz == chrono_tz::UTC {
            at.date_naive()
        } else {
            at.with_timezone(&self.tz).date_naive()
        };
        let (y, m, d) = (day.year(), day.month(), day.day());
        if !(0..=9999).contains(&y) {
            out.extend_from_slice(self.date(at).as_bytes());
            return;
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let y = y as u32;
        out.extend_from_slice(&[
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ]);
    }

    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.tz)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// Whole days from now until `at`, rounded up; 0 when `at` is not in the future.
    pub fn days_until(&self, at: DateTime<Utc>) -> i64 {
        days_until(self.now, at)
    }

    /// "2027-03-01 (in 98 days)", "… (tomorrow)", "… (today)".
    pub fn date_with_countdown(&self, at: DateTime<Utc>) -> String {
        let days = self.days_until(at);
        let when = match days {
            0 => "today".to_string(),
            1 => "in 1 day".to_string(),
            n => format!("in {n} days"),
        };
        format!("{} ({when})", self.date(at))
    }
}

/// Whole days from `now` until `at`, rounded up; 0 when `at` is not in the future.
pub fn days_until(now: DateTime<Utc>, at: DateTime<Utc>) -> i64 {
    let delta = at - now;
    if delta <= TimeDelta::zero() {
        return 0;
    }
    let day = TimeDelta::days(1);
    let whole = delta.num_days();
    if delta > day * whole as i32 {
        whole + 1
    } else {
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn days_round_up() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        assert_eq!(days_until(now, now), 0);
        assert_eq!(days_until(now, now - TimeDelta::hours(1)), 0);
        assert_eq!(days_until(now, now + TimeDelta::seconds(1)), 1);
        assert_eq!(days_until(now, now + TimeDelta::days(1)), 1);
        assert_eq!(
            days_until(now, now + TimeDelta::days(1) + TimeDelta::seconds(1)),
            2
        );
    }

    #[test]
    fn dates_use_the_display_zone() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        let utc = DateFormat::new(chrono_tz::UTC, at);
        let berlin = DateFormat::new(chrono_tz::Europe::Berlin, at);
        assert_eq!(utc.date(at), "2026-12-31");
        assert_eq!(berlin.date(at), "2027-01-01");
        for (f, at) in [
            (utc, at),
            (berlin, at),
            (utc, at - TimeDelta::days(800_000)),
        ] {
            let mut fast = Vec::new();
            f.push_date(at, &mut fast);
            assert_eq!(String::from_utf8(fast).unwrap(), f.date(at));
        }
        assert_eq!(
            utc.date_with_countdown(at + TimeDelta::days(98)),
            "2027-04-08 (in 98 days)"
        );
    }
}
