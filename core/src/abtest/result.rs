use serde::{Deserialize, Serialize};

use super::Alternative;

/// The outcome of a two-group test: effect `b − a` (treatment minus control), statistic,
/// p-value and confidence interval, plus the relative effect `(b − a) / a` by the delta method
/// where it is defined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct TestResult {
    /// The test that produced the statistic, e.g. `"z-pooled"`, `"welch"`.
    pub method: String,
    /// The test statistic (z, t, chi-square, odds ratio for Fisher's test).
    pub statistic: f64,
    /// The p-value under the stated alternative.
    pub pvalue: f64,
    /// Degrees of freedom, for t and chi-square statistics.
    pub df: Option<f64>,
    /// The estimated effect `b − a`.
    pub effect: f64,
    /// Confidence interval of `effect` (one-sided intervals have an infinite end).
    #[cfg_attr(feature = "typescript", ts(type = "[number | null, number | null]"))]
    pub ci: (f64, f64),
    /// `(b − a) / a`, when `a ≠ 0`.
    pub relative_effect: Option<f64>,
    /// Delta-method confidence interval of `relative_effect`.
    #[cfg_attr(
        feature = "typescript",
        ts(type = "[number | null, number | null] | null")
    )]
    pub relative_ci: Option<(f64, f64)>,
    /// The alternative hypothesis.
    pub alternative: Alternative,
    /// The confidence level of the intervals.
    pub confidence: f64,
}
