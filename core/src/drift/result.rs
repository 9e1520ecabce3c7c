use serde::{Deserialize, Serialize};

use super::DriftError;

/// The outcome of one drift test between a reference and a current sample.
///
/// Hypothesis tests fill `pvalue` and drift when it falls below `threshold`; distances
/// (Wasserstein, PSI, Jensen-Shannon, ...) leave it empty and drift when `statistic`
/// reaches `threshold` — Evidently's convention for both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct DriftResult {
    /// The test's name, e.g. `"ks"`, `"psi"`.
    pub test: String,
    /// The statistic, or the distance for distance measures.
    pub statistic: f64,
    /// The p-value, for hypothesis tests.
    pub pvalue: Option<f64>,
    /// The drift threshold in force (a significance level or a distance).
    pub threshold: f64,
    /// Whether the test declares drift.
    pub drifted: bool,
}

impl DriftResult {
    pub(crate) fn from_pvalue(test: &str, statistic: f64, pvalue: f64, threshold: f64) -> Self {
        Self {
            test: test.to_string(),
            statistic,
            pvalue: Some(pvalue),
            threshold,
            drifted: pvalue < threshold,
        }
    }

    pub(crate) fn from_score(test: &str, score: f64, threshold: f64) -> Self {
        Self {
            test: test.to_string(),
            statistic: score,
            pvalue: None,
            threshold,
            drifted: score >= threshold,
        }
    }

    /// The distance for distance measures, else the statistic.
    pub fn score(&self) -> f64 {
        self.statistic
    }
}

pub(crate) fn check_pvalue_threshold(threshold: f64) -> Result<(), DriftError> {
    if threshold > 0.0 && threshold < 1.0 {
        Ok(())
    } else {
        Err(DriftError::OutOfRange {
            argument: "threshold",
            value: threshold,
            range: "(0, 1)",
        })
    }
}

pub(crate) fn check_score_threshold(threshold: f64) -> Result<(), DriftError> {
    if threshold.is_finite() && threshold >= 0.0 {
        Ok(())
    } else {
        Err(DriftError::OutOfRange {
            argument: "threshold",
            value: threshold,
            range: "[0, ∞)",
        })
    }
}
