//! Model A vs model B on the same examples: McNemar's test on paired correctness, as
//! statsmodels `mcnemar` (exact binomial or chi-square with continuity correction).

use serde::{Deserialize, Serialize};

use super::AbtestError;
use crate::stats::dist::chi2_sf;

/// Options for [`mcnemar`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct McNemarOptions {
    /// `true` (default): exact binomial test on the discordant pairs.
    pub exact: bool,
    /// Continuity correction for the chi-square version (default true).
    pub correction: bool,
}

impl Default for McNemarOptions {
    fn default() -> Self {
        McNemarOptions {
            exact: true,
            correction: true,
        }
    }
}

/// McNemar's test result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct McNemarResult {
    /// `min(only_a, only_b)` for the exact test, the chi-square statistic otherwise.
    pub statistic: f64,
    /// Two-sided p-value.
    pub pvalue: f64,
    /// Examples only model A got right.
    pub only_a: u64,
    /// Examples only model B got right.
    pub only_b: u64,
    /// Accuracy of B minus accuracy of A, when the total is known.
    pub accuracy_difference: Option<f64>,
}

/// McNemar's test from the discordant counts: `only_a` examples right only under A, `only_b`
/// right only under B.
///
/// ```
/// use edgekit::abtest::{mcnemar_counts, McNemarOptions};
///
/// let r = mcnemar_counts(10, 25, &McNemarOptions::default())?;
/// assert!(r.pvalue < 0.05);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn mcnemar_counts(
    only_a: i64,
    only_b: i64,
    options: &McNemarOptions,
) -> Result<McNemarResult, AbtestError> {
    for (name, v) in [("only_a", only_a), ("only_b", only_b)] {
        if v < 0 {
            return Err(AbtestError::InvalidCount(format!(
                "{name} = {v} is negative"
            )));
        }
    }
    let (b, c) = (only_a as u64, only_b as u64);
    let n = b + c;
    let (statistic, pvalue) = if n == 0 {
        // No discordant pair: the models agree everywhere and nothing tells them apart.
        (0.0, 1.0)
    } else if options.exact {
        let k = b.min(c);
        ((k as f64), (2.0 * binomial_half_cdf(k, n)).min(1.0))
    } else {
        let gap = (b as f64 - c as f64).abs() - if options.correction { 1.0 } else { 0.0 };
        let statistic = gap * gap / n as f64;
        (statistic, chi2_sf(statistic, 1.0))
    };
    Ok(McNemarResult {
        statistic,
        pvalue,
        only_a: b,
        only_b: c,
        accuracy_difference: None,
    })
}

/// McNemar's test from per-example correctness of the two models (same examples, same order).
pub fn mcnemar(
    a_correct: &[bool],
    b_correct: &[bool],
    options: &McNemarOptions,
) -> Result<McNemarResult, AbtestError> {
    if a_correct.len() != b_correct.len() {
        return Err(AbtestError::LengthMismatch {
            first: "a_correct",
            first_len: a_correct.len(),
            second: "b_correct",
            second_len: b_correct.len(),
        });
    }
    if a_correct.is_empty() {
        return Err(AbtestError::TooFew {
            argument: "a_correct",
            needed: 1,
            got: 0,
        });
    }
    let only_a = a_correct
        .iter()
        .zip(b_correct)
        .filter(|(a, b)| **a && !**b)
        .count();
    let only_b = a_correct
        .iter()
        .zip(b_correct)
        .filter(|(a, b)| !**a && **b)
        .count();
    let mut result = mcnemar_counts(only_a as i64, only_b as i64, options)?;
    result.accuracy_difference = Some((only_b as f64 - only_a as f64) / a_correct.len() as f64);
    Ok(result)
}

/// `P(X ≤ k)` for `X ~ Binomial(n, ½)`, summed in log space from the ratio of successive
/// probabilities so small tails keep their precision.
fn binomial_half_cdf(k: u64, n: u64) -> f64 {
    let log_half_n = n as f64 * 0.5_f64.ln();
    let mut log_term = log_half_n; // P(X = 0)
    let mut terms = Vec::with_capacity(k as usize + 1);
    terms.push(log_term);
    for i in 0..k {
        log_term += ((n - i) as f64).ln() - ((i + 1) as f64).ln();
        terms.push(log_term);
    }
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln()).exp()
}
