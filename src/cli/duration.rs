//! Intervals on the command line (`serve --backup-every 24h`): a whole number
//! and one unit, s, m, h or d. Small on purpose: one format, clear errors.

use std::time::Duration;

/// The shortest interval accepted: scheduled copies are named by the second.
const MIN: Duration = Duration::from_secs(1);
/// The longest: a year (a longer one is surely a typo).
const MAX: Duration = Duration::from_secs(366 * 24 * 3600);

/// Parses `90s`, `30m`, `24h` or `7d`.
pub fn parse_interval(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let usage = || {
        format!(
            "'{text}' is not an interval: a whole number and s, m, h or d, e.g. 24h, 30m, 90s, 7d"
        )
    };
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(usage)?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().map_err(|_| usage())?;
    let seconds_per = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(usage()),
    };
    let interval = Duration::from_secs(n.saturating_mul(seconds_per));
    if interval < MIN || interval > MAX {
        return Err(format!("'{text}' is out of range: between 1s and 366d"));
    }
    Ok(interval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_parse_with_their_unit() {
        assert_eq!(parse_interval("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_interval("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_interval("24h"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_interval(" 7d "), Ok(Duration::from_secs(604_800)));
    }

    #[test]
    fn malformed_or_out_of_range_intervals_are_refused() {
        for bad in [
            "",
            "24",
            "h",
            "1.5h",
            "-1h",
            "24 h",
            "24hours",
            "1w",
            "0s",
            "367d",
            "99999999999999999999d",
        ] {
            assert!(parse_interval(bad).is_err(), "{bad}");
        }
    }
}
