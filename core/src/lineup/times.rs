//! Game start times as the sites print them, as Unix seconds.
//!
//! DraftKings' `Game Info` reads `NYG@DAL 09/08/2019 04:25PM ET`: US Eastern wall-clock time.
//! It becomes UTC by the US daylight-saving rules (Energy Policy Act of 2005: from the second
//! Sunday of March to the first Sunday of November, 02:00 local, since 2007; the first Sunday of
//! April to the last Sunday of October from 1987 to 2006). Times an app passes in are ISO 8601
//! with an offset (`2019-09-08T20:25:00Z`, `…-04:00`), the sites' format, or Unix seconds.

use super::error::LineupError;

/// Days from 1970-01-01 to the civil date (proleptic Gregorian; Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 0 = Sunday.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// The day of month of the `nth` Sunday (1-based; 0 = the last) of a month.
fn sunday(year: i64, month: u32, nth: u32) -> u32 {
    if nth == 0 {
        let next_first = if month == 12 {
            days_from_civil(year + 1, 1, 1)
        } else {
            days_from_civil(year, month + 1, 1)
        };
        let last = next_first - 1;
        let day = (last - days_from_civil(year, month, 1)) as u32 + 1;
        return day - weekday(last) as u32;
    }
    let first = days_from_civil(year, month, 1);
    let to_sunday = (7 - weekday(first)) % 7;
    1 + to_sunday as u32 + 7 * (nth - 1)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Whether US Eastern wall-clock time `(year, month, day, minutes of day)` is daylight time.
fn eastern_daylight(year: i64, month: u32, day: u32, minute: u32) -> bool {
    let (start, end) = if year >= 2007 {
        ((3, sunday(year, 3, 2)), (11, sunday(year, 11, 1)))
    } else {
        ((4, sunday(year, 4, 1)), (10, sunday(year, 10, 0)))
    };
    let at = (month, day, minute);
    at >= (start.0, start.1, 120) && at < (end.0, end.1, 120)
}

/// Unix seconds of a civil date and time at a UTC offset in minutes.
fn unix(year: i64, month: u32, day: u32, seconds_of_day: i64, offset_minutes: i64) -> i64 {
    days_from_civil(year, month, day) * 86_400 + seconds_of_day - offset_minutes * 60
}

fn bad(text: &str) -> LineupError {
    LineupError::Unsupported(format!(
        "{text:?} is not a time: expected ISO 8601 with an offset (2019-09-08T20:25:00Z, \
         2019-09-08T16:25:00-04:00), the sites' `09/08/2019 04:25PM ET`, or Unix seconds"
    ))
}

fn number<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn checked_date(year: i64, month: u32, day: u32) -> Option<(i64, u32, u32)> {
    ((1900..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day))
    .then_some((year, month, day))
}

/// `MM/DD/YYYY HH:MM(AM|PM) ET` (also `EST`/`EDT`, or `UTC`/`GMT`), as DraftKings prints it.
fn site_time(text: &str) -> Option<i64> {
    let mut parts = text.split_whitespace();
    let (date, clock, zone) = (parts.next()?, parts.next()?, parts.next().unwrap_or("ET"));
    if parts.next().is_some() {
        return None;
    }
    let mut d = date.split('/');
    let (month, day, year) = (d.next()?, d.next()?, d.next()?);
    let (year, month, day) = checked_date(number(year)?, number(month)?, number(day)?)?;
    let upper = clock.to_ascii_uppercase();
    let (hm, pm) = if let Some(t) = upper.strip_suffix("PM") {
        (t, true)
    } else {
        (upper.strip_suffix("AM")?, false)
    };
    let (h, m) = hm.split_once(':')?;
    let (h, m): (u32, u32) = (number(h)?, number(m)?);
    if !(1..=12).contains(&h) || m > 59 {
        return None;
    }
    let hour = h % 12 + if pm { 12 } else { 0 };
    let minute = hour * 60 + m;
    let offset = match zone.to_ascii_uppercase().as_str() {
        "ET" if eastern_daylight(year, month, day, minute) => -240,
        "ET" | "EST" => -300,
        "EDT" => -240,
        "UTC" | "GMT" | "Z" => 0,
        _ => return None,
    };
    Some(unix(year, month, day, i64::from(minute) * 60, offset))
}

/// `YYYY-MM-DD[T ]HH:MM[:SS[.fff]](Z|±HH:MM|±HHMM|±HH)`.
fn iso_time(text: &str) -> Option<i64> {
    let (date, rest) = text.split_at_checked(10)?;
    let mut d = date.split('-');
    let (year, month, day) = (d.next()?, d.next()?, d.next()?);
    let (year, month, day) = checked_date(number(year)?, number(month)?, number(day)?)?;
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let zone_at = rest.find(['Z', 'z', '+', '-'])?;
    let (clock, zone) = rest.split_at(zone_at);
    let mut c = clock.split(':');
    let (h, m) = (c.next()?, c.next()?);
    let s = c.next().map_or("0", |s| s.split('.').next().unwrap_or(s));
    if c.next().is_some() {
        return None;
    }
    let (h, m, s): (i64, i64, i64) = (number(h)?, number(m)?, number(s)?);
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (oh, om): (i64, i64) = match digits.len() {
                2 => (number(&digits)?, 0),
                4 => (number(&digits[..2])?, number(&digits[2..])?),
                _ => return None,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 60 + om)
        }
    };
    Some(unix(year, month, day, h * 3600 + m * 60 + s, offset))
}

/// Unix seconds of a time as the sites print it, as ISO 8601 with an offset, or as whole Unix
/// seconds. A time without a zone is refused: a server's clock and the slate's rarely share one.
///
/// ```
/// use edgekit::lineup::parse_time;
///
/// // DraftKings' Game Info time is US Eastern: daylight time in September.
/// assert_eq!(parse_time("09/08/2019 04:25PM ET")?, parse_time("2019-09-08T20:25:00Z")?);
/// assert_eq!(parse_time("01/18/2019 07:00PM ET")?, parse_time("2019-01-19T00:00:00Z")?);
/// assert_eq!(parse_time("2019-01-18T19:00:00-05:00")?, 1_547_856_000);
/// assert_eq!(parse_time("1547856000")?, 1_547_856_000);
/// assert!(parse_time("2019-01-18 19:00").is_err());
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub fn parse_time(text: &str) -> Result<i64, LineupError> {
    let t = text.trim();
    if let Some(seconds) = number::<i64>(t) {
        return Ok(seconds);
    }
    site_time(t)
        .or_else(|| iso_time(t))
        .ok_or_else(|| bad(text))
}

/// The start time in a DraftKings `Game Info` cell (`NYG@DAL 09/08/2019 04:25PM ET`; none when
/// the cell has no date, as soccer's `VID vs CHE 12:55PM ET`).
pub(crate) fn game_info_time(info: &str) -> Option<i64> {
    site_time(split_game_info(info).1)
}

/// A DraftKings `Game Info` cell split into the matchup and the time after it: the matchup is
/// everything before the first token that starts with a digit (tennis matchups hold spaces:
/// `Seyboth Wild@Davidovich Fokina 02/17/2020 05:00PM ET`).
pub(crate) fn split_game_info(info: &str) -> (&str, &str) {
    let info = info.trim();
    let mut at = info.len();
    let mut start = 0;
    for token in info.split(' ') {
        if token.starts_with(|c: char| c.is_ascii_digit()) {
            at = start;
            break;
        }
        start += token.len() + 1;
    }
    (info[..at].trim(), info[at..].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daylight_saving_switches_on_the_right_sundays() {
        // 2019: 10 March and 3 November; 2006: 2 April and 29 October.
        assert_eq!((sunday(2019, 3, 2), sunday(2019, 11, 1)), (10, 3));
        assert_eq!((sunday(2006, 4, 1), sunday(2006, 10, 0)), (2, 29));
        assert!(!eastern_daylight(2019, 3, 10, 119));
        assert!(eastern_daylight(2019, 3, 10, 120));
        assert!(eastern_daylight(2019, 11, 3, 119));
        assert!(!eastern_daylight(2019, 11, 3, 120));
        assert!(eastern_daylight(2006, 10, 28, 600) && !eastern_daylight(2006, 10, 30, 600));
    }

    #[test]
    fn game_info_splits_matchups_with_spaces_and_times_without_dates() {
        assert_eq!(
            split_game_info("NYG@DAL 09/08/2019 04:25PM ET"),
            ("NYG@DAL", "09/08/2019 04:25PM ET")
        );
        assert_eq!(
            split_game_info("Seyboth Wild@Davidovich Fokina 02/17/2020 05:00PM ET"),
            ("Seyboth Wild@Davidovich Fokina", "02/17/2020 05:00PM ET")
        );
        assert_eq!(
            split_game_info("VID vs CHE 12:55PM ET"),
            ("VID vs CHE", "12:55PM ET")
        );
        assert_eq!(split_game_info("In Progress"), ("In Progress", ""));
        assert_eq!(split_game_info(""), ("", ""));
        assert!(game_info_time("VID vs CHE 12:55PM ET").is_none());
        assert_eq!(
            game_info_time("Seyboth Wild@Davidovich Fokina 02/17/2020 05:00PM ET"),
            game_info_time("A@B 02/17/2020 05:00PM ET")
        );
        assert!(game_info_time("A@B 02/17/2020 05:00PM ET").is_some());
    }

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(weekday(days_from_civil(2026, 12, 7)), 1); // a Monday
    }

    #[test]
    fn any_text_gives_a_time_or_a_refusal() {
        let mut rng = fastrand::Rng::with_seed(7);
        let pieces = [
            "2019", "-", "01", "T", ":", "+", "é", "Z", " ", "PM", "ET", "/", "12", "00", "ü9", ".",
        ];
        for _ in 0..20_000 {
            let text: String = (0..rng.usize(0..12))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            let _ = parse_time(&text);
        }
        assert!(parse_time("2019-01-18T19:00:00+é5").is_err());
    }

    #[test]
    fn malformed_times_are_refused() {
        for t in [
            "",
            "13/01/2019 07:00PM ET",
            "02/30/2019 07:00PM ET",
            "01/18/2019 13:00PM ET",
            "01/18/2019 07:00PM PT",
            "2019-01-18T25:00:00Z",
            "2019-01-18T19:00:00+2500",
            "2019-01-18T19:00",
            "In Progress",
        ] {
            assert!(parse_time(t).is_err(), "{t}");
        }
        assert_eq!(
            parse_time("12/31/2019 12:00AM ET").unwrap() % 86_400,
            5 * 3600
        );
        assert_eq!(
            parse_time("2019-12-31T12:00:00.250+05:30").unwrap() % 86_400,
            6 * 3600 + 1800
        );
    }
}
