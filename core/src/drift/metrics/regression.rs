//! Regression metrics, as scikit-learn computes them.

use serde::{Deserialize, Serialize};

use crate::drift::DriftError;

/// Everything [`regression_metrics`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct RegressionMetrics {
    /// Mean absolute error.
    pub mae: f64,
    /// Mean absolute percentage error, as a fraction: |y − ŷ| / max(|y|, ε), ε the f64 machine
    /// epsilon (so a true 0 gives a huge term, as in scikit-learn).
    pub mape: f64,
    /// Mean squared error.
    pub mse: f64,
    /// Its square root.
    pub rmse: f64,
    /// Mean squared error of log(1 + y); `None` when a value is negative.
    pub msle: Option<f64>,
    /// Its square root.
    pub rmsle: Option<f64>,
    /// Coefficient of determination: 1 − SSres/SStot; for a constant target 1 when every
    /// prediction is exact, else 0 (scikit-learn's `force_finite`).
    pub r2: f64,
}

/// Regression metrics of predictions against true values, as scikit-learn's
/// `mean_absolute_error`, `mean_absolute_percentage_error`, `mean_squared_error`,
/// `root_mean_squared_error`, `mean_squared_log_error`, `root_mean_squared_log_error` and
/// `r2_score` (sums in index order: scikit-learn's NumPy sums pairwise, so the last digits can
/// differ by a rounding).
///
/// ```
/// use edgekit::drift::regression_metrics;
///
/// let m = regression_metrics(&[3.0, 5.0, 2.0, 7.0], &[2.5, 5.0, 3.0, 8.0])?;
/// assert_eq!((m.mae, m.mse), (0.625, 0.5625));
/// assert_eq!(m.r2, 1.0 - 2.25 / 14.75);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn regression_metrics(y_true: &[f64], y_pred: &[f64]) -> Result<RegressionMetrics, DriftError> {
    if y_true.len() != y_pred.len() {
        return Err(DriftError::LengthMismatch {
            first: "y_true",
            first_len: y_true.len(),
            second: "y_pred",
            second_len: y_pred.len(),
        });
    }
    if y_true.is_empty() {
        return Err(DriftError::Empty { argument: "y_true" });
    }
    for (argument, values) in [("y_true", y_true), ("y_pred", y_pred)] {
        if let Some(index) = values.iter().position(|x| !x.is_finite()) {
            return Err(DriftError::NotFinite {
                argument,
                index,
                value: values[index],
            });
        }
    }
    let n = y_true.len() as f64;
    let pairs = || y_true.iter().zip(y_pred);
    let mae = pairs().map(|(t, p)| (t - p).abs()).sum::<f64>() / n;
    let mape = pairs()
        .map(|(t, p)| (p - t).abs() / t.abs().max(f64::EPSILON))
        .sum::<f64>()
        / n;
    let squares = pairs().map(|(t, p)| (t - p) * (t - p)).sum::<f64>();
    let mse = squares / n;
    let nonnegative = y_true.iter().chain(y_pred).all(|&x| x >= 0.0);
    let msle = nonnegative.then(|| {
        pairs()
            .map(|(t, p)| {
                let d = t.ln_1p() - p.ln_1p();
                d * d
            })
            .sum::<f64>()
            / n
    });
    let mean = y_true.iter().sum::<f64>() / n;
    let spread = y_true.iter().map(|t| (t - mean) * (t - mean)).sum::<f64>();
    let r2 = if spread == 0.0 {
        if squares == 0.0 { 1.0 } else { 0.0 }
    } else {
        1.0 - squares / spread
    };
    Ok(RegressionMetrics {
        mae,
        mape,
        mse,
        rmse: mse.sqrt(),
        msle,
        rmsle: msle.map(f64::sqrt),
        r2,
    })
}
