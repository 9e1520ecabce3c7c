//! Thousands of metrics × segments at once: column-in, column-out tests run in parallel.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::means::t_found;
use super::proportions::{Found, Plan};
use super::{AbtestError, GroupSummary, MeansOptions, TwoProportionsOptions};

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
    let mut out = BatchResult::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let r = row.map_err(|e| AbtestError::InvalidCount(format!("row {i}: {e}")))?;
        out.push(&r);
    }
    Ok(out)
}

impl BatchResult {
    fn with_capacity(rows: usize) -> Self {
        BatchResult {
            statistic: Vec::with_capacity(rows),
            pvalue: Vec::with_capacity(rows),
            effect: Vec::with_capacity(rows),
            ci_low: Vec::with_capacity(rows),
            ci_high: Vec::with_capacity(rows),
        }
    }

    fn push(&mut self, r: &Found) {
        self.statistic.push(r.statistic);
        self.pvalue.push(r.pvalue);
        self.effect.push(r.effect);
        self.ci_low.push(r.ci.0);
        self.ci_high.push(r.ci.1);
    }
}

/// [`t_test`](super::t_test) (Welch, or Student with `equal_var`) on every row of summary columns: sizes,
/// means and sample variances (`ddof = 1`) of each arm.
///
/// # Errors
/// Mismatched column lengths, or the first row the single test refuses (a size below 2, a
/// negative or non-finite variance, both variances 0), with that row named.
///
/// ```
/// use edgekit::abtest::{t_test_batch, MeansOptions};
///
/// let r = t_test_batch(
///     [&[100.0, 50.0], &[3.0, 1.0], &[4.0, 1.0]],
///     [&[100.0, 60.0], &[3.8, 1.0], &[4.0, 1.2]],
///     &MeansOptions::default(),
/// )?;
/// assert!(r.pvalue[0] < 0.05 && r.pvalue[1] == 1.0);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn t_test_batch(
    [n_a, mean_a, var_a]: [&[f64]; 3],
    [n_b, mean_b, var_b]: [&[f64]; 3],
    options: &MeansOptions,
) -> Result<BatchResult, AbtestError> {
    let columns = [
        ("mean_a", mean_a),
        ("var_a", var_a),
        ("n_b", n_b),
        ("mean_b", mean_b),
        ("var_b", var_b),
    ];
    for (name, column) in columns {
        if column.len() != n_a.len() {
            return Err(AbtestError::LengthMismatch {
                first: "n_a",
                first_len: n_a.len(),
                second: name,
                second_len: column.len(),
            });
        }
    }
    let summary = |n: f64, mean: f64, variance: f64, arm: &str| {
        if !(n >= 2.0 && mean.is_finite() && variance.is_finite() && variance >= 0.0) {
            return Err(AbtestError::InvalidCount(format!(
                "arm {arm} has n = {n}, mean = {mean}, variance = {variance}: need n ≥ 2, a \
                 finite mean and a finite variance ≥ 0"
            )));
        }
        Ok(GroupSummary { n, mean, variance })
    };
    let rows: Vec<Result<Found, AbtestError>> = (0..n_a.len())
        .into_par_iter()
        .with_min_len(1024)
        .map(|i| {
            let a = summary(n_a[i], mean_a[i], var_a[i], "a")?;
            let b = summary(n_b[i], mean_b[i], var_b[i], "b")?;
            t_found(&a, &b, options)
        })
        .collect();
    let mut out = BatchResult::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let r = row.map_err(|e| AbtestError::InvalidCount(format!("row {i}: {e}")))?;
        out.push(&r);
    }
    Ok(out)
}
