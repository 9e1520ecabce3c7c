//! Moving averages and oscillators as TA-Lib computes them (same recurrences, same order
//! of operations). Each returns one value per input; the warm-up values TA-Lib does not
//! define (its "lookback") are NaN, and that is the only place a NaN appears.

use serde::{Deserialize, Serialize};

use super::PatternError;

fn check(
    values: &[f64],
    name: &'static str,
    period: usize,
    min: usize,
) -> Result<(), PatternError> {
    if period < min {
        return Err(PatternError::OutOfRange {
            argument: "period",
            value: period as f64,
            range: if min == 1 { "at least 1" } else { "at least 2" },
        });
    }
    if let Some(row) = values.iter().position(|v| !v.is_finite()) {
        return Err(PatternError::NotFinite {
            column: name,
            row,
            value: values[row],
        });
    }
    Ok(())
}

/// Simple moving average; the first `period − 1` values are NaN (TA-Lib `SMA`).
///
/// ```
/// use edgekit::patterns::sma;
///
/// let out = sma(&[1.0, 2.0, 3.0, 4.0], 2)?;
/// assert!(out[0].is_nan());
/// assert_eq!(&out[1..], &[1.5, 2.5, 3.5]);
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn sma(values: &[f64], period: usize) -> Result<Vec<f64>, PatternError> {
    check(values, "values", period, 1)?;
    Ok(sma_unchecked(values, period))
}

fn sma_unchecked(values: &[f64], period: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; values.len()];
    if values.len() < period {
        return out;
    }
    let mut total: f64 = values[..period - 1].iter().sum();
    for i in period - 1..values.len() {
        total += values[i];
        out[i] = total / period as f64;
        total -= values[i + 1 - period];
    }
    out
}

/// The period of Wilder's ATR and RSI when none is given (TA-Lib's and Wilder's 14).
pub const WILDER_PERIOD: usize = 14;

/// Options of [`ema`] as the faces take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmaOptions {
    /// How the average starts (default the SMA of the first `period` values, as TA-Lib).
    pub seed: EmaSeed,
}

/// How an exponential moving average starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmaSeed {
    /// The mean of the first `period` values, at index `period − 1` (TA-Lib, the classic
    /// definition); earlier values are NaN.
    #[default]
    Sma,
    /// The first value itself (pandas `ewm(span=period, adjust=False)`); no warm-up.
    First,
}

/// Exponential moving average with `α = 2 / (period + 1)`.
///
/// ```
/// use edgekit::patterns::{ema, EmaSeed};
///
/// let out = ema(&[2.0, 4.0, 6.0, 8.0], 3, EmaSeed::Sma)?;
/// assert_eq!(&out[2..], &[4.0, 6.0]);
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn ema(values: &[f64], period: usize, seed: EmaSeed) -> Result<Vec<f64>, PatternError> {
    check(values, "values", period, 1)?;
    let k = 2.0 / (period as f64 + 1.0);
    let mut out = vec![f64::NAN; values.len()];
    let (start, mut current) = match seed {
        EmaSeed::Sma => {
            if values.len() < period {
                return Ok(out);
            }
            let first: f64 = values[..period].iter().sum::<f64>() / period as f64;
            (period - 1, first)
        }
        EmaSeed::First => match values.first() {
            None => return Ok(out),
            Some(&v) => (0, v),
        },
    };
    out[start] = current;
    for i in start + 1..values.len() {
        current += (values[i] - current) * k;
        out[i] = current;
    }
    Ok(out)
}

/// Wilder's average true range (TA-Lib `ATR`): the first value, at index `period`, is the mean
/// true range of bars 1..=period; then `(ATR·(period − 1) + TR) / period`.
///
/// ```
/// use edgekit::patterns::atr;
///
/// let out = atr(&[11.0, 12.0, 12.5], &[9.0, 10.5, 11.0], &[10.0, 11.5, 12.0], 1)?;
/// assert_eq!(&out[1..], &[2.0, 1.5]);
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn atr(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    period: usize,
) -> Result<Vec<f64>, PatternError> {
    for (name, column) in [("low", low), ("close", close)] {
        if column.len() != high.len() {
            return Err(PatternError::LengthMismatch {
                first: "high",
                first_len: high.len(),
                second: name,
                second_len: column.len(),
            });
        }
    }
    check(high, "high", period, 1)?;
    check(low, "low", period, 1)?;
    check(close, "close", period, 1)?;
    if let Some(row) = (0..high.len()).find(|&i| high[i] < low[i]) {
        return Err(PatternError::InvalidBar {
            row,
            reason: format!("high {} is below low {}", high[row], low[row]),
        });
    }
    let n = high.len();
    let mut out = vec![f64::NAN; n];
    if n <= period {
        return Ok(out);
    }
    let true_range = |i: usize| {
        let (h, l, prior) = (high[i], low[i], close[i - 1]);
        let mut greatest = h - l;
        let up = (prior - h).abs();
        if up > greatest {
            greatest = up;
        }
        let down = (prior - l).abs();
        if down > greatest {
            greatest = down;
        }
        greatest
    };
    let ranges: Vec<f64> = (1..=period).map(true_range).collect();
    let mut current = sma_unchecked(&ranges, period)[period - 1];
    out[period] = current;
    let p = period as f64;
    for (i, slot) in out.iter_mut().enumerate().skip(period + 1) {
        current *= p - 1.0;
        current += true_range(i);
        current /= p;
        *slot = current;
    }
    Ok(out)
}

/// Wilder's relative strength index (TA-Lib `RSI`), first value at index `period`; 0 when
/// the averages of gains and losses are both (near) zero, as TA-Lib.
pub fn rsi(values: &[f64], period: usize) -> Result<Vec<f64>, PatternError> {
    check(values, "values", period, 2)?;
    let mut out = vec![f64::NAN; values.len()];
    if values.len() <= period {
        return Ok(out);
    }
    let p = period as f64;
    let (mut gain, mut loss) = (0.0, 0.0);
    for i in 1..=period {
        let change = values[i] - values[i - 1];
        if change < 0.0 {
            loss -= change;
        } else {
            gain += change;
        }
    }
    loss /= p;
    gain /= p;
    let value = |gain: f64, loss: f64| {
        let total = gain + loss;
        // TA-Lib's TA_IS_ZERO.
        if -1e-14 < total && total < 1e-14 {
            0.0
        } else {
            100.0 * (gain / total)
        }
    };
    out[period] = value(gain, loss);
    for i in period + 1..values.len() {
        let change = values[i] - values[i - 1];
        loss *= p - 1.0;
        gain *= p - 1.0;
        if change < 0.0 {
            loss -= change;
        } else {
            gain += change;
        }
        loss /= p;
        gain /= p;
        out[i] = value(gain, loss);
    }
    Ok(out)
}

fn rolling(
    values: &[f64],
    period: usize,
    better: impl Fn(f64, f64) -> bool,
) -> Result<Vec<f64>, PatternError> {
    check(values, "values", period, 1)?;
    let mut out = vec![f64::NAN; values.len()];
    if values.len() < period {
        return Ok(out);
    }
    // A monotone deque of indices: amortised O(1) per value.
    let mut window = std::collections::VecDeque::with_capacity(period);
    for (i, &v) in values.iter().enumerate() {
        while window
            .back()
            .is_some_and(|&j: &usize| !better(values[j], v))
        {
            window.pop_back();
        }
        window.push_back(i);
        if window[0] + period <= i {
            window.pop_front();
        }
        if i + 1 >= period {
            out[i] = values[window[0]];
        }
    }
    Ok(out)
}

/// Highest value over the last `period` values, this one included (TA-Lib `MAX`).
pub fn highest(values: &[f64], period: usize) -> Result<Vec<f64>, PatternError> {
    rolling(values, period, |kept, new| kept > new)
}

/// Lowest value over the last `period` values, this one included (TA-Lib `MIN`).
pub fn lowest(values: &[f64], period: usize) -> Result<Vec<f64>, PatternError> {
    rolling(values, period, |kept, new| kept < new)
}
