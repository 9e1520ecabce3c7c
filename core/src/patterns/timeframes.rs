//! Higher timeframes from lower ones (1m → 5m, 1h, 1d, 1w), anchored to a trading session's
//! start in its local time, and the session-anchored VWAP. Timestamps are seconds since the
//! Unix epoch (UTC), strictly increasing.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Bars, PatternError};

/// A bar length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeframe {
    /// `n` minutes, counted from the session start.
    Minutes(u32),
    /// One session day (from session start to the next).
    Day,
    /// Monday to Sunday in session-local time.
    Week,
}

impl FromStr for Timeframe {
    type Err = PatternError;

    /// "1m", "5m", "15m", "1h", "4h", "1d", "1w" (any whole number before m or h).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || PatternError::UnknownTimeframe(s.to_owned());
        match s {
            "1d" => return Ok(Timeframe::Day),
            "1w" => return Ok(Timeframe::Week),
            _ => {}
        }
        // Split on the unit character, not on a byte count: labels arrive from users in any
        // script, and slicing inside a multi-byte character would panic.
        let (number, minutes_per_unit) = if let Some(number) = s.strip_suffix('m') {
            (number, 1)
        } else if let Some(number) = s.strip_suffix('h') {
            (number, 60)
        } else {
            return Err(bad());
        };
        let n: u32 = number.parse().map_err(|_| bad())?;
        match n.checked_mul(minutes_per_unit) {
            Some(minutes) if minutes > 0 => Ok(Timeframe::Minutes(minutes)),
            _ => Err(bad()),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since the Unix epoch of a UTC time written `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or
/// `YYYY-MM-DD HH:MM:SS` (a `T` may stand for the space), as bar files write it.
///
/// ```
/// use edgekit::patterns::parse_utc;
///
/// assert_eq!(parse_utc("2017-04-19 09:00:00")?, 1_492_592_400);
/// assert_eq!(parse_utc("1970-01-02")?, 86_400);
/// assert!(parse_utc("19/04/2017").is_err());
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn parse_utc(text: &str) -> Result<i64, PatternError> {
    let bad =
        || PatternError::InvalidSeries(format!("time {text:?} is not YYYY-MM-DD[ HH:MM[:SS]]"));
    let t = text.trim();
    let number = |range: std::ops::Range<usize>| -> Result<i64, PatternError> {
        let part = t.get(range).ok_or_else(bad)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let b = t.as_bytes();
    if !matches!(t.len(), 10 | 16 | 19) || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (y, m, d) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    let (mut hh, mut mm, mut ss) = (0, 0, 0);
    if t.len() >= 16 {
        if !matches!(b[10], b' ' | b'T') || b[13] != b':' {
            return Err(bad());
        }
        (hh, mm) = (number(11..13)?, number(14..16)?);
    }
    if t.len() == 19 {
        if b[16] != b':' {
            return Err(bad());
        }
        ss = number(17..19)?;
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return Err(bad());
    }
    let days = i64::from(days_from_civil(y as i32, m as u32, d as u32));
    Ok(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// Where a trading day starts: minutes after local midnight, and the local UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Session {
    /// Session start in minutes after local midnight (570 for 09:30).
    pub start_minute: i64,
    /// Local time minus UTC, in minutes (−300 for New York in winter).
    pub utc_offset_minutes: i64,
}

const DAY: i64 = 86_400;

impl Session {
    /// Seconds since the session-anchored local epoch.
    fn local(&self, t: i64) -> i64 {
        t + 60 * (self.utc_offset_minutes - self.start_minute)
    }

    fn bucket(&self, t: i64, timeframe: Timeframe) -> (i64, i64) {
        let local = self.local(t);
        let (size, shift) = match timeframe {
            Timeframe::Minutes(n) => (60 * i64::from(n), 0),
            Timeframe::Day => (DAY, 0),
            // The epoch fell on a Thursday: three days on, weeks start on Monday.
            Timeframe::Week => (7 * DAY, 3 * DAY),
        };
        let key = (local + shift).div_euclid(size);
        let start = key * size - shift - 60 * (self.utc_offset_minutes - self.start_minute);
        (key, start)
    }
}

/// Bars of a higher timeframe.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Resampled {
    /// Start of each bucket (UTC seconds).
    pub timestamps: Vec<i64>,
    /// First open.
    pub open: Vec<f64>,
    /// Highest high.
    pub high: Vec<f64>,
    /// Lowest low.
    pub low: Vec<f64>,
    /// Last close.
    pub close: Vec<f64>,
    /// Summed volume (0 when the input has none).
    pub volume: Vec<f64>,
    /// Index of each bucket's first input bar.
    pub first_index: Vec<usize>,
}

fn check_times(timestamps: &[i64], bars: &Bars) -> Result<(), PatternError> {
    if timestamps.len() != bars.len() {
        return Err(PatternError::LengthMismatch {
            first: "timestamps",
            first_len: timestamps.len(),
            second: "bars",
            second_len: bars.len(),
        });
    }
    if let Some(row) = (1..timestamps.len()).find(|&i| timestamps[i] <= timestamps[i - 1]) {
        return Err(PatternError::InvalidBar {
            row,
            reason: format!(
                "timestamp {} does not follow {}: timestamps must increase",
                timestamps[row],
                timestamps[row - 1]
            ),
        });
    }
    Ok(())
}

/// Aggregates bars into `timeframe` buckets anchored at the session start.
///
/// ```
/// use edgekit::patterns::{resample, Bars, Session, Timeframe};
///
/// // Four 1-minute bars from 09:30 to 09:33 UTC, into 2-minute bars from 09:30.
/// let t: Vec<i64> = (0..4).map(|k| 9 * 3600 + 30 * 60 + 60 * k).collect();
/// let (o, h, l, c) = ([1.0, 2.0, 3.0, 4.0], [1.5, 2.5, 3.5, 4.5], [0.5, 1.5, 2.5, 3.5], [1.2, 2.2, 3.2, 4.2]);
/// let bars = Bars::new(&o, &h, &l, &c, None)?;
/// let session = Session { start_minute: 570, utc_offset_minutes: 0 };
/// let r = resample(bars, &t, Timeframe::Minutes(2), session)?;
/// assert_eq!(r.open, vec![1.0, 3.0]);
/// assert_eq!(r.high, vec![2.5, 4.5]);
/// assert_eq!(r.close, vec![2.2, 4.2]);
/// assert_eq!(r.timestamps, vec![t[0], t[2]]);
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn resample(
    bars: Bars,
    timestamps: &[i64],
    timeframe: Timeframe,
    session: Session,
) -> Result<Resampled, PatternError> {
    check_times(timestamps, &bars)?;
    let mut out = Resampled::default();
    let mut current: Option<i64> = None;
    for i in 0..bars.len() {
        let (key, start) = session.bucket(timestamps[i], timeframe);
        let volume = bars.volume.map_or(0.0, |v| v[i]);
        if current == Some(key) {
            let last = out.close.len() - 1;
            out.high[last] = out.high[last].max(bars.high[i]);
            out.low[last] = out.low[last].min(bars.low[i]);
            out.close[last] = bars.close[i];
            out.volume[last] += volume;
        } else {
            current = Some(key);
            out.timestamps.push(start);
            out.open.push(bars.open[i]);
            out.high.push(bars.high[i]);
            out.low.push(bars.low[i]);
            out.close.push(bars.close[i]);
            out.volume.push(volume);
            out.first_index.push(i);
        }
    }
    Ok(out)
}

/// Volume-weighted average of the typical price `(h + l + c)/3`, restarted at every session
/// start. NaN only where the session has traded no volume yet (undefined, not zero).
pub fn session_vwap(
    bars: Bars,
    timestamps: &[i64],
    session: Session,
) -> Result<Vec<f64>, PatternError> {
    check_times(timestamps, &bars)?;
    let volume = bars.volume.ok_or(PatternError::MissingVolume)?;
    let mut out = Vec::with_capacity(bars.len());
    let (mut day, mut weighted, mut total) = (None, 0.0, 0.0);
    for i in 0..bars.len() {
        let (key, _) = session.bucket(timestamps[i], Timeframe::Day);
        if day != Some(key) {
            day = Some(key);
            weighted = 0.0;
            total = 0.0;
        }
        let typical = (bars.high[i] + bars.low[i] + bars.close[i]) / 3.0;
        weighted += typical * volume[i];
        total += volume[i];
        out.push(if total > 0.0 {
            weighted / total
        } else {
            f64::NAN
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_and_weeks_anchor_in_local_time() {
        // New York (UTC−5), session 09:30: 14:29 UTC is 09:29 local (previous session day),
        // 14:30 UTC starts the next one.
        let session = Session {
            start_minute: 570,
            utc_offset_minutes: -300,
        };
        let monday = 1_704_067_200; // 2024-01-01 00:00 UTC, a Monday
        let (a, _) = session.bucket(monday + 14 * 3600 + 29 * 60, Timeframe::Day);
        let (b, start) = session.bucket(monday + 14 * 3600 + 30 * 60, Timeframe::Day);
        assert_eq!(b, a + 1);
        assert_eq!(start, monday + 14 * 3600 + 30 * 60);
        let utc = Session::default();
        let (w, week_start) = utc.bucket(monday + 3 * DAY, Timeframe::Week);
        assert_eq!(week_start, monday);
        assert_eq!(utc.bucket(monday + 7 * DAY - 1, Timeframe::Week).0, w);
        assert_eq!(utc.bucket(monday + 7 * DAY, Timeframe::Week).0, w + 1);
        assert_eq!("15m".parse::<Timeframe>().unwrap(), Timeframe::Minutes(15));
        assert_eq!("4h".parse::<Timeframe>().unwrap(), Timeframe::Minutes(240));
        assert!("0m".parse::<Timeframe>().is_err() && "1y".parse::<Timeframe>().is_err());
    }

    #[test]
    fn vwap_restarts_each_session_and_resampling_keeps_totals() {
        let t = [0, 60, 120, DAY, DAY + 60];
        let (o, h, l, c) = (
            [10.0, 11.0, 12.0, 20.0, 21.0],
            [11.0, 12.0, 13.0, 21.0, 22.0],
            [9.0, 10.0, 11.0, 19.0, 20.0],
            [10.0, 11.0, 12.0, 20.0, 21.0],
        );
        let v = [1.0, 3.0, 0.0, 0.0, 2.0];
        let bars = Bars::new(&o, &h, &l, &c, Some(&v)).unwrap();
        let vwap = session_vwap(bars, &t, Session::default()).unwrap();
        assert_eq!(vwap[0], 10.0);
        assert_eq!(vwap[1], (10.0 + 3.0 * 11.0) / 4.0);
        assert_eq!(vwap[2], vwap[1]);
        assert!(vwap[3].is_nan()); // the new session has no volume yet
        assert_eq!(vwap[4], 21.0);
        let daily = resample(bars, &t, Timeframe::Day, Session::default()).unwrap();
        assert_eq!(daily.volume, vec![4.0, 2.0]);
        assert_eq!(daily.first_index, vec![0, 3]);
        assert_eq!((daily.high[0], daily.low[0]), (13.0, 9.0));
        let err = resample(
            bars,
            &[0, 60, 60, 120, 180],
            Timeframe::Day,
            Session::default(),
        );
        assert_eq!(
            err.unwrap_err().to_string(),
            "bar 2: timestamp 60 does not follow 60: timestamps must increase"
        );
    }
}
