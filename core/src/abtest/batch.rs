//! Thousands of metrics × segments at once: column-in, column-out tests run in parallel.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::proportions::{Found, Plan};
use super::{AbtestError, TwoProportionsOptions};

/// Columns of results, one row per input row.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BatchResult {
    /// Test statistics.
    pub statistic: Vec<f64>,
    /// p-values.
    pub pvalue: Vec<f64>,
    /// Effects `b − a`.
    pub effect: Vec<f64>,
    /// Lower ends of the effect intervals.
    pub ci_low: Vec<f64>,
    /// Upper ends of the effect intervals.
    pub ci_high: Vec<f64>,
}

/// [`two_proportions`](super::two_proportions) on every row of four equally long columns
/// (without the relative effect, which the columns do not carry).
///
/// # Errors
/// Mismatched column lengths, or the first row (lowest index) that the single test refuses,
/// with that row named.
///
/// ```
/// use edgekit::abtest::{two_proportions_batch, TwoProportionsOptions};
///
/// let r = two_proportions_batch(&[10, 20], &[100, 100], &[15, 20], &[100, 100],
///                               &TwoProportionsOptions::default())?;
/// assert_eq!(r.effect.len(), 2);
/// assert_eq!(r.pvalue[1], 1.0);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn two_proportions_batch(
    x_a: &[i64],
    n_a: &[i64],
    x_b: &[i64],
    n_b: &[i64],
    options: &TwoProportionsOptions,
) -> Result<BatchResult, AbtestError> {
    for (name, column) in [("n_a", n_a), ("x_b", x_b), ("n_b", n_b)] {
        if column.len() != x_a.len() {
            return Err(AbtestError::LengthMismatch {
                first: "x_a",
                first_len: x_a.len(),
                second: name,
                second_len: column.len(),
            });
        }
    }
    let plan = Plan::new(options)?;
    let rows: Vec<Result<Found, AbtestError>> = (0..x_a.len())
        .into_par_iter()
        .with_min_len(1024)
        .map(|i| {
            let (a, b) = Plan::groups(x_a[i], n_a[i], x_b[i], n_b[i])?;
            plan.run(a, b)
        })
        .collect();
    let mut out = BatchResult {
        statistic: Vec::with_capacity(rows.len()),
        pvalue: Vec::with_capacity(rows.len()),
        effect: Vec::with_capacity(rows.len()),
        ci_low: Vec::with_capacity(rows.len()),
        ci_high: Vec::with_capacity(rows.len()),
    };
    for (i, row) in rows.into_iter().enumerate() {
        let r = row.map_err(|e| AbtestError::InvalidCount(format!("row {i}: {e}")))?;
        out.statistic.push(r.statistic);
        out.pvalue.push(r.pvalue);
        out.effect.push(r.effect);
        out.ci_low.push(r.ci.0);
        out.ci_high.push(r.ci.1);
    }
    Ok(out)
}
