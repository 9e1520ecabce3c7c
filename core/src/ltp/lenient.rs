//! Layer 1 on the inputs the dashboard's JavaScript accepts beyond its TypeScript types: numbers
//! as `Number(x)` reads them (a fractional or infinite period, a negative or fractional count),
//! computed as JavaScript computes them. An answer that would hold NaN or Infinity is refused
//! instead (JSON cannot carry it), naming the input that causes it.

use std::collections::BTreeMap;

use super::error::LtpError;
use super::levels::LevelResult;
use super::scores::{
    Direction, KeyLevel, MtfAnalysis, PatienceResult, TradeParams, calculate_trade_params,
    coach_note_for, ema_from, score_trend_alignment,
};

/// `calculateEMA(data, period)` for any `period`, as JavaScript runs it: 0 for no data, a
/// period ≤ 0 or NaN; the last value (`|| 0`) when there are fewer values than the period (an
/// infinite period included); otherwise the EMA seeded with the mean of the first `period`.
/// A non-finite value among the first `period` makes the seed 0 (the dashboard's
/// `safeDivideValue` fallback). Refused: a fractional period within the data (JavaScript reads
/// `data[2.5]` as undefined and answers NaN) and non-finite values that reach the answer.
///
/// ```
/// use edgekit::ltp::calculate_ema_js;
///
/// assert_eq!(calculate_ema_js(&[81.0], f64::INFINITY)?, 81.0);
/// assert_eq!(calculate_ema_js(&[1.0, 2.0, 3.0], f64::NAN)?, 0.0);
/// assert_eq!(calculate_ema_js(&[1.0, 2.0, 3.0, 4.0], 3.0)?, 3.0);
/// assert!(calculate_ema_js(&[1.0, 2.0, 3.0], 2.5).is_err());
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn calculate_ema_js(data: &[f64], period: f64) -> Result<f64, LtpError> {
    ema_js(data, period, ShortData::LastOrZero)
}

/// What an EMA over fewer values than its period answers.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum ShortData {
    /// `data[n - 1] || 0` (`ltp-engine.ts`): NaN and −0 read as 0.
    LastOrZero,
    /// `prices[n - 1]` as it is (`ltp-gamma-engine.ts`).
    Last,
}

pub(crate) fn ema_js(data: &[f64], period: f64, short: ShortData) -> Result<f64, LtpError> {
    let n = data.len();
    if n == 0 || period <= 0.0 || period.is_nan() {
        return Ok(0.0);
    }
    if (n as f64) < period {
        let last = data[n - 1];
        let last = if short == ShortData::LastOrZero && (last.is_nan() || last == 0.0) {
            0.0
        } else {
            last
        };
        return finite_answer(data, n - 1..n, last);
    }
    if period.fract() != 0.0 {
        return Err(LtpError::OutOfRange {
            argument: "period".into(),
            value: period,
            range: "a whole number when the data has that many values (the dashboard answers NaN)",
        });
    }
    // The seed is `safeDivideValue(sum of the first period, period, 0)`: 0 when the sum is not
    // finite (a NaN among the first values), after which the recurrence goes on.
    let period = period as usize;
    let sum = data[..period].iter().fold(0.0, |a, b| a + b);
    let seed = if sum.is_finite() {
        sum / period as f64
    } else {
        0.0
    };
    // A finite seed over finite values stays finite unless a later value is not finite (or the
    // values are near f64::MAX); the error names the first such value after the seed.
    finite_answer(data, period..n, ema_from(seed, &data[period..], period))
}

/// `answer`, or an error naming the first non-finite value of `data[used]` (else the last one,
/// when finite values overflowed).
fn finite_answer(data: &[f64], used: std::ops::Range<usize>, answer: f64) -> Result<f64, LtpError> {
    if answer.is_finite() {
        return Ok(answer);
    }
    let last = used.end.saturating_sub(1);
    let i = used.clone().find(|&i| !data[i].is_finite()).unwrap_or(last);
    Err(LtpError::NotFinite {
        argument: format!("data[{i}]"),
        value: data[i],
    })
}

/// `scorePatienceQuality({ detected, count })` for any count: 0 when not detected, else
/// `min(20·count, 60) + 40` (a count of −1 gives 20, 2.5 gives 90, Infinity 100). Refused: a
/// NaN or −Infinity count (the dashboard answers NaN or −Infinity).
///
/// ```
/// use edgekit::ltp::patience_points;
///
/// assert_eq!(patience_points(true, 2.5)?, 90.0);
/// assert_eq!(patience_points(true, -1.0)?, 20.0);
/// assert_eq!(patience_points(false, f64::NAN)?, 0.0);
/// assert!(patience_points(true, f64::NAN).is_err());
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn patience_points(detected: bool, count: f64) -> Result<f64, LtpError> {
    if !detected {
        return Ok(0.0);
    }
    // JavaScript's Math.min answers NaN for NaN (Rust's f64::min would pick 60).
    let points = if count.is_nan() {
        f64::NAN
    } else {
        (count * 20.0).min(60.0) + 40.0
    };
    if points.is_finite() {
        Ok(points)
    } else {
        Err(LtpError::NotFinite {
            argument: "count".into(),
            value: count,
        })
    }
}

/// `scoreTrendAlignment` for any direction text: only "bullish" and "bearish" align with an
/// analysis (of the same trend), so any other direction scores 0, as in the dashboard.
///
/// ```
/// use edgekit::ltp::score_trend_alignment_js;
///
/// assert_eq!(score_trend_alignment_js(&[], "up", None)?, 0.0);
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn score_trend_alignment_js(
    analyses: &[MtfAnalysis],
    direction: &str,
    weights: Option<&BTreeMap<String, f64>>,
) -> Result<f64, LtpError> {
    match direction.parse::<Direction>() {
        Ok(direction) => score_trend_alignment(analyses, direction, weights),
        Err(_) => Ok(0.0),
    }
}

/// `calculateTradeParams` for any direction: "bullish" trades long, anything else (or none)
/// short, as the dashboard's `if (direction === 'bullish') ... else ...` does.
///
/// ```
/// use edgekit::ltp::{calculate_trade_params_js, KeyLevel};
///
/// let level = KeyLevel::new("pdh", 11.0, "daily", 80.0);
/// let t = calculate_trade_params_js(100.0, Some(&level), Some("up"))?;
/// assert_eq!(t.suggested_stop, Some(12.0)); // short: the level plus 1 % of the price
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn calculate_trade_params_js(
    price: f64,
    level: Option<&KeyLevel>,
    direction: Option<&str>,
) -> Result<TradeParams, LtpError> {
    let direction = if direction == Some("bullish") {
        Direction::Bullish
    } else {
        Direction::Bearish
    };
    calculate_trade_params(price, level, direction)
}

/// `generateCoachNote` with the direction as any text (the dashboard prints what it is given:
/// "MTF trend strongly up.").
pub fn generate_coach_note_js(
    level: &LevelResult,
    trend_score: f64,
    patience: PatienceResult,
    direction: &str,
) -> String {
    coach_note_for(level, trend_score, patience, direction)
}
