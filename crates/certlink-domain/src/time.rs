//! How instants are shown to people: all instants are UTC; dates are YYYY-MM-DD in
//! the display time zone (a setting); an instant a rule enforces to the second is
//! shown with its hour and zone, and "in N days" counts calendar days in the display
//! zone, so it always agrees with the date shown (domain.md, Time; docs/rules.md,
//! "Dates that mean what they say").

use certlink_i18n::Lang;
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

/// Formats dates for one reader at one moment, in the reader's language.
/// Pure: the caller supplies `now`. Dates and moments are ISO 8601
/// (2026-12-31, 2026-12-31 10:00 CET) in both languages: the form GB/T 7408
/// gives, as Partner Center's own zh-CN tables show it, one width for every
/// row, and what scripts parse; the words around them ("in 30 days",
/// "30 天后") come from the catalog (docs/architecture.md, "Words").
#[derive(Debug, Clone, Copy)]
pub struct DateFormat {
    pub tz: Tz,
    pub now: DateTime<Utc>,
    /// The reader's language: the countdown's words and every message a
    /// refusal formats with this formatter.
    pub lang: Lang,
}

impl DateFormat {
    /// A formatter in English; [`DateFormat::in_lang`] for another reader.
    pub fn new(tz: Tz, now: DateTime<Utc>) -> Self {
        Self {
            tz,
            now,
            lang: Lang::En,
        }
    }

    /// The same dates for a reader of `lang`.
    pub fn in_lang(self, lang: Lang) -> Self {
        Self { lang, ..self }
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

    /// "2027-03-31 10:00 CET": the moment in the display zone, with the zone's
    /// abbreviation, for instants a rule enforces to the second (R9's next allowed
    /// association): the date alone would let someone come back at 00:05 on the day
    /// named and still be refused until 10:00 (issue 15, principle 10).
    pub fn moment(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.tz)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string()
    }

    /// Calendar days in the display zone from today to the day `at` falls on; 0 when
    /// that day is today or past. Counted on the dates shown, so "in N days" always
    /// agrees with the date next to it (a 10-hour wait that ends today is "today",
    /// not "in 1 day"; a DST change does not shift the count).
    pub fn days_until(&self, at: DateTime<Utc>) -> i64 {
        let today = self.now.with_timezone(&self.tz).date_naive();
        let day = at.with_timezone(&self.tz).date_naive();
        (day - today).num_days().max(0)
    }

    /// "today", "in 1 day", "in 98 days" ("今天", "98 天后"):
    /// [`DateFormat::days_until`] in words.
    pub fn countdown(&self, at: DateTime<Utc>) -> String {
        match self.days_until(at) {
            0 => self.lang.countdown_today().to_string(),
            n => self.lang.countdown_days(n),
        }
    }

    /// "2027-03-31 10:00 CET (in 1 day)": the next allowed association (R9) as every
    /// front end shows it, in refusals, the profile, the support person view and the
    /// merge preview.
    pub fn moment_with_countdown(&self, at: DateTime<Utc>) -> String {
        self.lang
            .moment_with_countdown(self.moment(at), self.countdown(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

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
            utc.moment_with_countdown(at + TimeDelta::days(98)),
            "2027-04-08 23:30 UTC (in 98 days)"
        );
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    // The seen case: allowed from 10:00 on the day named; at 00:05 that day the
    // countdown said "in 1 day" beside the date of today, and the date hid the hour.
    #[test]
    fn r9_at_00_05_on_the_day_named_the_moment_is_given_and_it_is_today() {
        let allowed = utc(2027, 3, 31, 10, 0);
        let dates = DateFormat::new(chrono_tz::UTC, utc(2027, 3, 31, 0, 5));
        assert_eq!(dates.days_until(allowed), 0);
        assert_eq!(
            dates.moment_with_countdown(allowed),
            "2027-03-31 10:00 UTC (today)"
        );
    }

    #[test]
    fn r9_at_23_59_the_day_before_it_is_in_1_day() {
        let allowed = utc(2027, 3, 31, 10, 0);
        let dates = DateFormat::new(chrono_tz::UTC, utc(2027, 3, 30, 23, 59));
        assert_eq!(
            dates.moment_with_countdown(allowed),
            "2027-03-31 10:00 UTC (in 1 day)"
        );
        // Ten hours earlier it is still one calendar day away, not "today".
        let morning = DateFormat::new(chrono_tz::UTC, utc(2027, 3, 30, 0, 1));
        assert_eq!(morning.countdown(allowed), "in 1 day");
        // Once the moment has passed the countdown does not go negative.
        let after = DateFormat::new(chrono_tz::UTC, utc(2027, 4, 2, 0, 0));
        assert_eq!(after.countdown(allowed), "today");
    }

    #[test]
    fn r9_the_count_follows_the_display_zone_not_utc() {
        // 23:30 UTC on 30 March is 01:30 CEST on 31 March in Berlin: the date and the
        // count both move to the zone's day.
        let allowed = utc(2027, 3, 30, 23, 30);
        let now = utc(2027, 3, 29, 21, 0); // 23:00 CEST on the 29th
        let berlin = DateFormat::new(chrono_tz::Europe::Berlin, now);
        assert_eq!(
            berlin.moment_with_countdown(allowed),
            "2027-03-31 01:30 CEST (in 2 days)"
        );
        let utc_dates = DateFormat::new(chrono_tz::UTC, now);
        assert_eq!(
            utc_dates.moment_with_countdown(allowed),
            "2027-03-30 23:30 UTC (in 1 day)"
        );
        // 00:05 CEST on the 31st (22:05 UTC on the 30th): today in Berlin.
        let just_after_midnight =
            DateFormat::new(chrono_tz::Europe::Berlin, utc(2027, 3, 30, 22, 5));
        assert_eq!(just_after_midnight.countdown(allowed), "today");
    }

    #[test]
    fn r9_across_a_dst_change_the_count_is_calendar_days() {
        // Europe/Berlin moves to summer time on 28 March 2027. A 30-day cool-off that
        // started 09:00 CET on 1 March ends 30 × 24 hours later: 10:00 CEST on the 31st.
        let start = utc(2027, 3, 1, 8, 0);
        let allowed = start + TimeDelta::days(30);
        let berlin = |now| DateFormat::new(chrono_tz::Europe::Berlin, now);
        assert_eq!(berlin(start).moment(start), "2027-03-01 09:00 CET");
        assert_eq!(
            berlin(start).moment_with_countdown(allowed),
            "2027-03-31 10:00 CEST (in 30 days)"
        );
        // 23:59 CET on 27 March, before the change: 4 calendar days, though fewer
        // than 4 × 24 hours remain once the clocks jump.
        assert_eq!(
            berlin(utc(2027, 3, 27, 22, 59)).countdown(allowed),
            "in 4 days"
        );
        // 00:05 CEST on the day named: today.
        assert_eq!(berlin(utc(2027, 3, 30, 22, 5)).countdown(allowed), "today");
        // 23:59 CEST the day before: in 1 day.
        assert_eq!(
            berlin(utc(2027, 3, 30, 21, 59)).countdown(allowed),
            "in 1 day"
        );
    }
}
