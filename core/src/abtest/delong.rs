//! DeLong's test for two correlated ROC AUCs (DeLong, DeLong & Clarke-Pearson 1988), with the
//! midrank computation of the placement values of Sun & Xu (2014): `O(n log n)` instead of
//! comparing every positive with every negative.

use serde::{Deserialize, Serialize};

use super::alternative::{check_unit, interval_normal, p_normal};
use super::rank::midranks;
use super::{AbtestError, Alternative};
use crate::stats::moments::check_finite;

/// Options for [`delong`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeLongOptions {
    /// Alternative about `AUC_b − AUC_a` (default two-sided).
    pub alternative: Alternative,
    /// Confidence level of the interval (default 0.95).
    pub confidence: f64,
}

impl Default for DeLongOptions {
    fn default() -> Self {
        DeLongOptions {
            alternative: Alternative::TwoSided,
            confidence: 0.95,
        }
    }
}

/// DeLong's comparison of two models' AUCs on the same labelled examples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct DeLongResult {
    /// AUC of model a.
    pub auc_a: f64,
    /// AUC of model b.
    pub auc_b: f64,
    /// `AUC_b − AUC_a`.
    pub effect: f64,
    /// Standard error of the difference.
    pub se: f64,
    /// z statistic.
    pub statistic: f64,
    /// p-value under the alternative.
    pub pvalue: f64,
    /// Normal confidence interval of the difference.
    pub ci: (f64, f64),
}

/// AUC and the placement values of one model (Sun & Xu 2014, eq. 7–9).
fn placements(positives: &[f64], negatives: &[f64]) -> (f64, Vec<f64>, Vec<f64>) {
    let (m, n) = (positives.len() as f64, negatives.len() as f64);
    let pooled: Vec<f64> = positives.iter().chain(negatives).copied().collect();
    let ranks = midranks(&pooled);
    let within_pos = midranks(positives);
    let within_neg = midranks(negatives);
    let v10: Vec<f64> = (0..positives.len())
        .map(|i| (ranks[i] - within_pos[i]) / n)
        .collect();
    let v01: Vec<f64> = (0..negatives.len())
        .map(|j| 1.0 - (ranks[positives.len() + j] - within_neg[j]) / m)
        .collect();
    let auc = v10.iter().sum::<f64>() / m;
    (auc, v10, v01)
}

/// Sample covariance (`ddof = 1`) of two equally long vectors.
fn covariance(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    x.iter()
        .zip(y)
        .map(|(a, b)| (a - mx) * (b - my))
        .sum::<f64>()
        / (n - 1.0)
}

/// Compares the AUCs of scores `a` and `b` for the same examples with binary `labels`.
///
/// ```
/// use edgekit::abtest::{delong, DeLongOptions};
///
/// let labels = [true, true, true, false, false, false, true, false];
/// let a = [0.9, 0.6, 0.55, 0.5, 0.4, 0.7, 0.3, 0.2];
/// let b = [0.95, 0.8, 0.7, 0.3, 0.2, 0.6, 0.65, 0.1];
/// let r = delong(&labels, &a, &b, &DeLongOptions::default())?;
/// assert!(r.auc_b > r.auc_a);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn delong(
    labels: &[bool],
    a: &[f64],
    b: &[f64],
    options: &DeLongOptions,
) -> Result<DeLongResult, AbtestError> {
    let confidence = check_unit("confidence", options.confidence)?;
    for (name, scores) in [("a", a), ("b", b)] {
        if scores.len() != labels.len() {
            return Err(AbtestError::LengthMismatch {
                first: "labels",
                first_len: labels.len(),
                second: name,
                second_len: scores.len(),
            });
        }
        check_finite(scores, name)?;
    }
    let positives = labels.iter().filter(|&&l| l).count();
    let negatives = labels.len() - positives;
    if positives < 2 || negatives < 2 {
        return Err(AbtestError::TooFew {
            argument: "labels",
            needed: 2,
            got: positives.min(negatives),
        });
    }
    let split = |scores: &[f64]| {
        let pos: Vec<f64> = scores
            .iter()
            .zip(labels)
            .filter(|(_, l)| **l)
            .map(|(s, _)| *s)
            .collect();
        let neg: Vec<f64> = scores
            .iter()
            .zip(labels)
            .filter(|(_, l)| !**l)
            .map(|(s, _)| *s)
            .collect();
        placements(&pos, &neg)
    };
    let (auc_a, v10_a, v01_a) = split(a);
    let (auc_b, v10_b, v01_b) = split(b);
    let (m, n) = (positives as f64, negatives as f64);
    let variance = (covariance(&v10_a, &v10_a) + covariance(&v10_b, &v10_b)
        - 2.0 * covariance(&v10_a, &v10_b))
        / m
        + (covariance(&v01_a, &v01_a) + covariance(&v01_b, &v01_b)
            - 2.0 * covariance(&v01_a, &v01_b))
            / n;
    let effect = auc_b - auc_a;
    if variance.is_nan() || variance <= 0.0 {
        return Err(AbtestError::Undefined(
            "the two models rank the examples identically, so their AUC difference has no variance"
                .to_owned(),
        ));
    }
    let se = variance.sqrt();
    let statistic = effect / se;
    Ok(DeLongResult {
        auc_a,
        auc_b,
        effect,
        se,
        statistic,
        pvalue: p_normal(statistic, options.alternative),
        ci: interval_normal(effect, se, confidence, options.alternative),
    })
}
