//! Diebold-Mariano test of equal predictive accuracy (Diebold & Mariano 1995) with the small-
//! sample correction of Harvey, Leybourne & Newbold (1997), for forecasts `h` steps ahead.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::alternative::p_t;
use super::proportions::named_options;
use super::{AbtestError, Alternative};
use crate::stats::moments::check_finite;

named_options!(
    /// Long-run variance estimator of the loss differential.
    LongRunVariance, "variance", "\"acf\" or \"bartlett\"", {
    /// Autocovariances up to lag `h − 1` with unit weights (Diebold & Mariano).
    Acf = "acf",
    /// Bartlett weights `1 − k/h`, never negative.
    Bartlett = "bartlett",
});

/// Options for [`diebold_mariano`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DieboldMarianoOptions {
    /// Forecast horizon `h ≥ 1` (default 1).
    pub horizon: usize,
    /// Harvey-Leybourne-Newbold correction (default true).
    pub harvey: bool,
    /// Long-run variance estimator (default acf).
    pub variance: LongRunVariance,
    /// Alternative about `mean(loss_b − loss_a)`: "smaller" = b forecasts better.
    pub alternative: Alternative,
}

impl Default for DieboldMarianoOptions {
    fn default() -> Self {
        DieboldMarianoOptions {
            horizon: 1,
            harvey: true,
            variance: LongRunVariance::Acf,
            alternative: Alternative::TwoSided,
        }
    }
}

/// Result of the Diebold-Mariano test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct DieboldMarianoResult {
    /// The (corrected) DM statistic on `loss_b − loss_a`.
    pub statistic: f64,
    /// p-value from Student's t with `T − 1` degrees of freedom.
    pub pvalue: f64,
    /// Mean loss differential `mean(loss_b − loss_a)`.
    pub mean_difference: f64,
}

/// Tests equal predictive accuracy from per-step losses of models `a` and `b` (any loss:
/// squared, absolute, pinball...), as the `dieboldmariano` package's `dm_test(V, b, a)`.
///
/// ```
/// use edgekit::abtest::{diebold_mariano, DieboldMarianoOptions};
///
/// let loss_a = [1.2, 0.8, 1.5, 1.1, 0.9, 1.4, 1.3, 1.0];
/// let loss_b = [0.9, 0.7, 1.1, 1.0, 0.6, 1.2, 1.0, 0.8];
/// let r = diebold_mariano(&loss_a, &loss_b, &DieboldMarianoOptions::default())?;
/// assert!(r.mean_difference < 0.0 && r.pvalue < 0.01);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn diebold_mariano(
    loss_a: &[f64],
    loss_b: &[f64],
    options: &DieboldMarianoOptions,
) -> Result<DieboldMarianoResult, AbtestError> {
    if loss_a.len() != loss_b.len() {
        return Err(AbtestError::LengthMismatch {
            first: "loss_a",
            first_len: loss_a.len(),
            second: "loss_b",
            second_len: loss_b.len(),
        });
    }
    check_finite(loss_a, "loss_a")?;
    check_finite(loss_b, "loss_b")?;
    let t = loss_a.len();
    let h = options.horizon;
    if h == 0 || h > t || t < 2 {
        return Err(AbtestError::InvalidCount(format!(
            "horizon = {h} with {t} forecasts: need 1 ≤ horizon ≤ forecasts and at least 2 forecasts"
        )));
    }
    let d: Vec<f64> = loss_b.iter().zip(loss_a).map(|(b, a)| b - a).collect();
    let tf = t as f64;
    let mean = d.iter().sum::<f64>() / tf;
    let autocovariance = |k: usize| {
        d[k..]
            .iter()
            .zip(&d)
            .map(|(x, y)| (x - mean) * (y - mean))
            .sum::<f64>()
            / tf
    };
    let mut long_run = autocovariance(0);
    for k in 1..h {
        let weight = match options.variance {
            LongRunVariance::Acf => 2.0,
            LongRunVariance::Bartlett => 2.0 * (1.0 - k as f64 / h as f64),
        };
        long_run += weight * autocovariance(k);
    }
    let variance = long_run / tf;
    if variance.is_nan() || variance <= 0.0 {
        return Err(AbtestError::Undefined(format!(
            "the long-run variance of the loss differential is {variance}: {}",
            if variance == 0.0 {
                "the two models' losses move identically"
            } else {
                "negative autocovariances; use variance=\"bartlett\""
            }
        )));
    }
    let mut statistic = mean / variance.sqrt();
    if options.harvey {
        let hf = h as f64;
        statistic *= ((tf + 1.0 - 2.0 * hf + hf * (hf - 1.0) / tf) / tf).sqrt();
    }
    Ok(DieboldMarianoResult {
        statistic,
        pvalue: p_t(statistic, tf - 1.0, options.alternative),
        mean_difference: mean,
    })
}
