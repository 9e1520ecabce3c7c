//! Streakiness of a per-game series (a player's fantasy points, a team's ATS margins): the
//! Wald-Wolfowitz runs test above/below a cutoff, as statsmodels `runstest_1samp`.

use serde::{Deserialize, Serialize};

use super::PatternError;
use crate::stats::dist::{norm_ppf, norm_sf};

/// Where the series is split into "above" (≥) and "below".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cutoff {
    /// The sample median (numpy's).
    Median,
    /// The sample mean.
    Mean,
    /// A fixed value.
    Value(f64),
}

/// A runs test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct RunsTest {
    /// Observed runs.
    pub runs: usize,
    /// Expected runs under independence.
    pub expected: f64,
    /// Values at or above the cutoff.
    pub above: usize,
    /// Values below it.
    pub below: usize,
    /// Standardised statistic (negative: fewer runs than chance — streaky).
    pub z: f64,
    /// Two-sided p-value.
    pub pvalue: f64,
}

/// Runs test of `values` split at `cutoff`; `correction` applies the SAS continuity
/// correction of 0.5 below 50 values.
///
/// ```
/// use edgekit::patterns::{runs_test, Cutoff};
///
/// let streaky = [1.0, 2.0, 1.5, 1.2, 9.0, 8.0, 9.5, 8.5, 1.1, 1.3, 9.1, 9.9];
/// let r = runs_test(&streaky, Cutoff::Median, false)?;
/// assert_eq!(r.runs, 4);
/// assert!(r.z < 0.0);
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn runs_test(
    values: &[f64],
    cutoff: Cutoff,
    correction: bool,
) -> Result<RunsTest, PatternError> {
    if let Some(row) = values.iter().position(|v| !v.is_finite()) {
        return Err(PatternError::NotFinite {
            column: "values",
            row,
            value: values[row],
        });
    }
    if values.len() < 2 {
        return Err(PatternError::OutOfRange {
            argument: "len(values)",
            value: values.len() as f64,
            range: "at least 2",
        });
    }
    let threshold = match cutoff {
        Cutoff::Mean => values.iter().sum::<f64>() / values.len() as f64,
        Cutoff::Median => {
            let mut sorted = values.to_vec();
            sorted.sort_by(f64::total_cmp);
            let m = sorted.len();
            if m % 2 == 1 {
                sorted[m / 2]
            } else {
                (sorted[m / 2 - 1] + sorted[m / 2]) / 2.0
            }
        }
        Cutoff::Value(v) if v.is_finite() => v,
        Cutoff::Value(v) => {
            return Err(PatternError::OutOfRange {
                argument: "cutoff",
                value: v,
                range: "finite",
            });
        }
    };
    let above_flags: Vec<bool> = values.iter().map(|&v| v >= threshold).collect();
    let runs = 1 + above_flags.windows(2).filter(|w| w[0] != w[1]).count();
    let above = above_flags.iter().filter(|&&a| a).count();
    let below = values.len() - above;
    let n = values.len() as f64;
    if runs == 1 {
        // Everything on one side: statsmodels' binomial bound.
        let p = 1.0 / 2f64.powi((values.len().min(1024) - 1) as i32);
        return Ok(RunsTest {
            runs,
            expected: 1.0,
            above,
            below,
            z: norm_ppf(p),
            pvalue: 2.0 * p,
        });
    }
    let product = (above * below) as f64;
    let expected = 2.0 * product / n + 1.0;
    let variance = 2.0 * product * (2.0 * product - n) / (n * n) / (n - 1.0);
    let deviation = runs as f64 - expected;
    let corrected = if correction && values.len() < 50 {
        if deviation.abs() > 0.5 {
            deviation - 0.5 * deviation.signum()
        } else {
            0.0
        }
    } else {
        deviation
    };
    // When the counts fix the number of runs (e.g. [1, -1]: variance 0), the runs carry no
    // evidence: z = 0 and p = 1.
    let z = if variance > 0.0 {
        corrected / variance.sqrt()
    } else {
        0.0
    };
    Ok(RunsTest {
        runs,
        expected,
        above,
        below,
        z,
        pvalue: (2.0 * norm_sf(z.abs())).min(1.0),
    })
}
