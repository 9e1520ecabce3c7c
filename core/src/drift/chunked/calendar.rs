//! Calendar periods over timestamps in nanoseconds since the Unix epoch (naive, as pandas
//! keeps `datetime64[ns]`): the period a timestamp falls in, its label as `str(pandas.Period)`
//! writes it, and its first and last nanosecond.

use serde::{Deserialize, Serialize};

const NANOS_PER_MINUTE: i64 = 60_000_000_000;
const NANOS_PER_HOUR: i64 = 60 * NANOS_PER_MINUTE;
const NANOS_PER_DAY: i64 = 24 * NANOS_PER_HOUR;

/// A calendar period to chunk by, named as pandas' offset aliases name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum CalendarPeriod {
    /// Minutes (`"min"`, also `"T"`).
    #[serde(rename = "min", alias = "T")]
    Minute,
    /// Hours (`"h"`, also `"H"`).
    #[serde(rename = "h", alias = "H")]
    Hour,
    /// Days (`"D"`).
    #[serde(rename = "D")]
    Day,
    /// Weeks from Monday to Sunday (`"W"`, pandas' `W-SUN`).
    #[serde(rename = "W", alias = "W-SUN")]
    Week,
    /// Months (`"M"`, also `"ME"`).
    #[serde(rename = "M", alias = "ME")]
    Month,
    /// Quarters (`"Q"`, also `"QE"`, `"Q-DEC"`).
    #[serde(rename = "Q", alias = "QE", alias = "Q-DEC")]
    Quarter,
    /// Years (`"Y"`, also `"YE"`, `"A"`).
    #[serde(rename = "Y", alias = "YE", alias = "A")]
    Year,
}

/// The period ordinal of a timestamp: equal ordinals share a period, larger ones come later.
pub(crate) fn ordinal(period: CalendarPeriod, nanos: i64) -> i64 {
    let days = nanos.div_euclid(NANOS_PER_DAY);
    match period {
        CalendarPeriod::Minute => nanos.div_euclid(NANOS_PER_MINUTE),
        CalendarPeriod::Hour => nanos.div_euclid(NANOS_PER_HOUR),
        CalendarPeriod::Day => days,
        // 1970-01-01 was a Thursday: shift so weeks start on Monday.
        CalendarPeriod::Week => (days + 3).div_euclid(7),
        CalendarPeriod::Month => {
            let (y, m, _) = civil_from_days(days);
            y * 12 + (m - 1)
        }
        CalendarPeriod::Quarter => {
            let (y, m, _) = civil_from_days(days);
            y * 4 + (m - 1) / 3
        }
        CalendarPeriod::Year => civil_from_days(days).0,
    }
}

/// The first nanosecond of the period with this ordinal (saturating at the ends of the i64
/// range, which pandas' own timestamps reach: 1677-09-21 to 2262-04-11).
pub(crate) fn start(period: CalendarPeriod, ordinal: i64) -> i64 {
    let days = |d: i64| d.saturating_mul(NANOS_PER_DAY);
    match period {
        CalendarPeriod::Minute => ordinal.saturating_mul(NANOS_PER_MINUTE),
        CalendarPeriod::Hour => ordinal.saturating_mul(NANOS_PER_HOUR),
        CalendarPeriod::Day => days(ordinal),
        CalendarPeriod::Week => days(ordinal.saturating_mul(7).saturating_sub(3)),
        CalendarPeriod::Month => days(days_from_civil(
            ordinal.div_euclid(12),
            ordinal.rem_euclid(12) + 1,
            1,
        )),
        CalendarPeriod::Quarter => {
            let month = ordinal.rem_euclid(4) * 3 + 1;
            days(days_from_civil(ordinal.div_euclid(4), month, 1))
        }
        CalendarPeriod::Year => days(days_from_civil(ordinal, 1, 1)),
    }
}

/// The last nanosecond of the period (pandas' `Period.end_time`).
pub(crate) fn end(period: CalendarPeriod, ordinal: i64) -> i64 {
    start(period, ordinal.saturating_add(1)).saturating_sub(1)
}

/// The period's label as `str(pandas.Period(...))` writes it.
pub(crate) fn label(period: CalendarPeriod, ordinal: i64) -> String {
    let first = start(period, ordinal);
    let days = first.div_euclid(NANOS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let clock = first.rem_euclid(NANOS_PER_DAY);
    let (hour, minute) = (
        clock / NANOS_PER_HOUR,
        clock % NANOS_PER_HOUR / NANOS_PER_MINUTE,
    );
    match period {
        CalendarPeriod::Minute | CalendarPeriod::Hour => {
            format!("{y:04}-{m:02}-{d:02} {hour:02}:{minute:02}")
        }
        CalendarPeriod::Day => format!("{y:04}-{m:02}-{d:02}"),
        CalendarPeriod::Week => {
            let (y2, m2, d2) = civil_from_days(days + 6);
            format!("{y:04}-{m:02}-{d:02}/{y2:04}-{m2:02}-{d2:02}")
        }
        CalendarPeriod::Month => format!("{y:04}-{m:02}"),
        CalendarPeriod::Quarter => format!("{y:04}Q{}", (m - 1) / 3 + 1),
        CalendarPeriod::Year => format!("{y:04}"),
    }
}

/// Nanoseconds since the epoch of an ISO-8601 date or date-time: `YYYY-MM-DD`, then
/// optionally `T` or a space, `HH:MM`, `:SS`, a fraction of up to nine digits, and `Z`
/// (other offsets are refused: timestamps are naive, as pandas keeps them).
///
/// ```
/// use edgekit::drift::parse_timestamp;
///
/// assert_eq!(parse_timestamp("1970-01-02"), Some(86_400_000_000_000));
/// assert_eq!(parse_timestamp("2014-05-09 22:27:20"), parse_timestamp("2014-05-09T22:27:20Z"));
/// assert_eq!(parse_timestamp("1970-01-01T00:00:00.5"), Some(500_000_000));
/// assert_eq!(parse_timestamp("2014-02-30"), None);
/// assert_eq!(parse_timestamp("9999-12-31"), None); // beyond i64 nanoseconds (2262)
/// ```
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.strip_suffix('Z').unwrap_or(text);
    let b = text.as_bytes();
    let digits = |from: usize, to: usize| -> Option<i64> {
        let part = b.get(from..to)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    let month_days = [
        31,
        28 + i64::from(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)),
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day < 1 || day > month_days[(month - 1) as usize] {
        return None;
    }
    // Years past 2262 (or before 1677) do not fit in i64 nanoseconds: not a timestamp here.
    let mut nanos = days_from_civil(year, month, day).checked_mul(NANOS_PER_DAY)?;
    if b.len() == 10 {
        return Some(nanos);
    }
    if !(b[10] == b'T' || b[10] == b' ') || b.len() < 16 || b[13] != b':' {
        return None;
    }
    let (hour, minute) = (digits(11, 13)?, digits(14, 16)?);
    if hour > 23 || minute > 59 {
        return None;
    }
    nanos = nanos.checked_add(hour * NANOS_PER_HOUR + minute * NANOS_PER_MINUTE)?;
    if b.len() == 16 {
        return Some(nanos);
    }
    if b[16] != b':' {
        return None;
    }
    let second = digits(17, 19)?;
    if second > 59 {
        return None;
    }
    nanos = nanos.checked_add(second * 1_000_000_000)?;
    match b.get(19) {
        None => Some(nanos),
        Some(b'.') if (21..=29).contains(&b.len()) => {
            let fraction = digits(20, b.len())?;
            nanos.checked_add(fraction * 10_i64.pow(29 - b.len() as u32))
        }
        _ => None,
    }
}

/// (year, month 1–12, day 1–31) of a day count since 1970-01-01, proleptic Gregorian
/// (Hinnant's era arithmetic: 400-year eras of 146,097 days).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nanos(days: i64, hour: i64) -> i64 {
        days * NANOS_PER_DAY + hour * NANOS_PER_HOUR
    }

    #[test]
    fn civil_round_trips_across_centuries() {
        for days in (-800_000..800_000).step_by(37) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn the_ends_of_the_timestamp_range_saturate() {
        for p in [
            CalendarPeriod::Minute,
            CalendarPeriod::Week,
            CalendarPeriod::Year,
        ] {
            for t in [i64::MAX, i64::MIN, i64::MAX - 1] {
                let o = ordinal(p, t);
                assert!(start(p, o) <= end(p, o));
                let _ = label(p, o);
            }
        }
    }

    #[test]
    fn labels_follow_pandas() {
        let t = nanos(days_from_civil(2014, 5, 9), 13) + 5 * NANOS_PER_MINUTE;
        let of = |p| label(p, ordinal(p, t));
        assert_eq!(of(CalendarPeriod::Minute), "2014-05-09 13:05");
        assert_eq!(of(CalendarPeriod::Hour), "2014-05-09 13:00");
        assert_eq!(of(CalendarPeriod::Day), "2014-05-09");
        assert_eq!(of(CalendarPeriod::Week), "2014-05-05/2014-05-11");
        assert_eq!(of(CalendarPeriod::Month), "2014-05");
        assert_eq!(of(CalendarPeriod::Quarter), "2014Q2");
        assert_eq!(of(CalendarPeriod::Year), "2014");
    }

    #[test]
    fn every_timestamp_lies_inside_its_period() {
        let periods = [
            CalendarPeriod::Minute,
            CalendarPeriod::Hour,
            CalendarPeriod::Day,
            CalendarPeriod::Week,
            CalendarPeriod::Month,
            CalendarPeriod::Quarter,
            CalendarPeriod::Year,
        ];
        for p in periods {
            for t in (-3_000_000_000_000_000_i64..3_000_000_000_000_000).step_by(7_777_777_777_777)
            {
                let o = ordinal(p, t);
                assert!(start(p, o) <= t && t <= end(p, o), "{p:?} {t}");
                assert_eq!(ordinal(p, start(p, o)), o);
                assert_eq!(ordinal(p, end(p, o) + 1), o + 1);
            }
        }
    }
}
