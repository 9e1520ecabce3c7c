//! Sample-ratio mismatch: did the traffic split match the configured weights?

use serde::{Deserialize, Serialize};

use super::AbtestError;
use crate::stats::dist::chi2_sf;

/// Chi-square goodness of fit of observed group sizes to the configured split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct SrmResult {
    /// Pearson's chi-square statistic.
    pub statistic: f64,
    /// Its p-value; a small one (GrowthBook warns below 0.001) means the split is broken.
    pub pvalue: f64,
    /// Degrees of freedom: groups − 1.
    pub df: f64,
    /// Expected group sizes under the configured weights.
    pub expected: Vec<f64>,
}

/// Tests observed `counts` against `weights` (any positive scale; they are normalised; an
/// equal split when `None`), as `scipy.stats.chisquare(counts, expected)`.
///
/// ```
/// use edgekit::abtest::srm;
///
/// let r = srm(&[5_000, 5_210], None)?;
/// assert!(r.pvalue < 0.05);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn srm(counts: &[i64], weights: Option<&[f64]>) -> Result<SrmResult, AbtestError> {
    let equal;
    let weights = match weights {
        Some(weights) => weights,
        None => {
            equal = vec![1.0; counts.len()];
            &equal
        }
    };
    if counts.len() != weights.len() {
        return Err(AbtestError::LengthMismatch {
            first: "counts",
            first_len: counts.len(),
            second: "weights",
            second_len: weights.len(),
        });
    }
    if counts.len() < 2 {
        return Err(AbtestError::TooFew {
            argument: "counts",
            needed: 2,
            got: counts.len(),
        });
    }
    if let Some(i) = counts.iter().position(|&c| c < 0) {
        return Err(AbtestError::InvalidCount(format!(
            "counts[{i}] = {} is negative",
            counts[i]
        )));
    }
    if let Some(i) = weights.iter().position(|w| !(w.is_finite() && *w > 0.0)) {
        return Err(AbtestError::OutOfRange {
            argument: "weights",
            value: weights[i],
            range: "(0, ∞): every weight must be positive and finite",
        });
    }
    let total: f64 = counts.iter().map(|&c| c as f64).sum();
    if total == 0.0 {
        return Err(AbtestError::InvalidCount("counts are all 0".to_owned()));
    }
    let weight_sum: f64 = weights.iter().sum();
    let expected: Vec<f64> = weights.iter().map(|w| total * w / weight_sum).collect();
    let statistic = counts
        .iter()
        .zip(&expected)
        .map(|(&c, &e)| (c as f64 - e).powi(2) / e)
        .sum();
    let df = (counts.len() - 1) as f64;
    Ok(SrmResult {
        statistic,
        pvalue: chi2_sf(statistic, df),
        df,
        expected,
    })
}
