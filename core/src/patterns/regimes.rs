//! Regimes of a per-game series (a player's fantasy points, a team's margins): the drift
//! engine's PELT change points turned into segments with their level and spread.

use serde::{Deserialize, Serialize};

use super::PatternError;
use crate::drift::{ChangePointOptions, pelt};

/// One regime: values `start..end` of the series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Regime {
    /// First index.
    pub start: usize,
    /// One past the last index.
    pub end: usize,
    /// Mean of the regime's values.
    pub mean: f64,
    /// Their population standard deviation.
    pub std: f64,
}

/// Splits `values` into regimes at PELT's change points (`options`: mean or mean-and-variance
/// cost, penalty, minimum regime length — see [`ChangePointOptions`]).
///
/// ```
/// use edgekit::drift::ChangePointOptions;
/// use edgekit::patterns::regimes;
///
/// let points = [12.0, 14.0, 11.0, 13.0, 12.5, 24.0, 26.0, 23.5, 25.0, 24.5];
/// let found = regimes(&points, &ChangePointOptions { penalty: Some(20.0), ..Default::default() })?;
/// assert_eq!(found.iter().map(|r| r.start).collect::<Vec<_>>(), vec![0, 5]);
/// assert!((found[1].mean - 24.6).abs() < 1e-12);
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn regimes(values: &[f64], options: &ChangePointOptions) -> Result<Vec<Regime>, PatternError> {
    let changes = pelt(values, options).map_err(|e| PatternError::InvalidSeries(e.to_string()))?;
    let mut bounds = vec![0];
    bounds.extend(changes);
    bounds.push(values.len());
    bounds
        .windows(2)
        .map(|w| {
            let part = &values[w[0]..w[1]];
            let n = part.len() as f64;
            let mean = part.iter().sum::<f64>() / n;
            let std = (part.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
            if !(mean.is_finite() && std.is_finite()) {
                return Err(PatternError::InvalidSeries(format!(
                    "values[{}..{}]: the mean or standard deviation overflows f64 (values too \
                     large in magnitude); rescale them",
                    w[0], w[1]
                )));
            }
            Ok(Regime {
                start: w[0],
                end: w[1],
                mean,
                std,
            })
        })
        .collect()
}
