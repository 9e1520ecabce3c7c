//! Two-sample t tests (Welch and Student) from raw values or from summary statistics.
//!
//! As `scipy.stats.ttest_ind(b, a, equal_var=...)` with its confidence interval; the relative
//! effect `(mean_b − mean_a) / mean_a` gets a delta-method interval with Welch degrees of
//! freedom (as gbstats' relative t test).

use serde::{Deserialize, Serialize};

use super::alternative::{check_unit, interval_t, p_t, relative_effect};
use super::proportions::Found;
use super::{AbtestError, Alternative, TestResult};
use crate::stats::NanPolicy;
use crate::stats::moments::moments;

/// Size, mean and sample variance (`ddof = 1`) of one group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSummary {
    /// Number of observations.
    pub n: f64,
    /// Mean.
    pub mean: f64,
    /// Sample variance with `ddof = 1`.
    pub variance: f64,
}

impl GroupSummary {
    /// Checks a summary built by hand: `n` a finite count of at least 1, a finite mean and a
    /// finite variance ≥ 0 (the constructors check this themselves).
    ///
    /// ```
    /// use edgekit::abtest::GroupSummary;
    /// assert!(GroupSummary { n: 0.0, mean: 1.0, variance: 1.0 }.check("a").is_err());
    /// assert!(GroupSummary { n: 10.0, mean: 1.0, variance: 1.0 }.check("a").is_ok());
    /// ```
    pub fn check(&self, argument: &'static str) -> Result<(), AbtestError> {
        if !(self.n.is_finite() && self.n >= 1.0) {
            return Err(AbtestError::OutOfRange {
                argument,
                value: self.n,
                range: "[1, ∞) observations",
            });
        }
        if !(self.mean.is_finite() && self.variance.is_finite() && self.variance >= 0.0) {
            return Err(AbtestError::InvalidCount(format!(
                "{argument}: mean and variance must be finite and variance ≥ 0, got mean {} and variance {}",
                self.mean, self.variance
            )));
        }
        Ok(())
    }

    /// Summarises raw values in one pass (NaN and infinities are refused, naming the index).
    pub fn from_values(values: &[f64], argument: &'static str) -> Result<Self, AbtestError> {
        if values.len() < 2 {
            return Err(AbtestError::TooFew {
                argument,
                needed: 2,
                got: values.len(),
            });
        }
        let m = moments(values, NanPolicy::Raise, argument)?;
        let n = m.count as f64;
        Ok(GroupSummary {
            n,
            mean: m.mean,
            variance: m.m2 / (n - 1.0),
        })
    }

    /// A conversion metric: `x` successes of `n`, with the Bernoulli variance `p(1 − p)` (as
    /// gbstats' `ProportionStatistic`).
    pub fn from_conversions(x: i64, n: i64) -> Result<Self, AbtestError> {
        if n <= 0 || x < 0 || x > n {
            return Err(AbtestError::InvalidCount(format!(
                "{x} successes of {n} trials: need n > 0 and 0 ≤ x ≤ n"
            )));
        }
        let p = x as f64 / n as f64;
        Ok(GroupSummary {
            n: n as f64,
            mean: p,
            variance: p * (1.0 - p),
        })
    }

    /// From the count, sum and sum of squares that warehouses store per group.
    pub fn from_sums(
        n: f64,
        sum: f64,
        sum_of_squares: f64,
        argument: &'static str,
    ) -> Result<Self, AbtestError> {
        let usable = n >= 2.0 && n.fract() == 0.0 && sum.is_finite() && sum_of_squares.is_finite();
        if !usable {
            return Err(AbtestError::InvalidCount(format!(
                "{argument}: n = {n}, sum = {sum}, sum of squares = {sum_of_squares}: need a whole n ≥ 2 and finite sums"
            )));
        }
        let mean = sum / n;
        let variance = ((sum_of_squares - sum * mean) / (n - 1.0)).max(0.0);
        Ok(GroupSummary { n, mean, variance })
    }
}

/// Options for [`t_test`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MeansOptions {
    /// Alternative hypothesis about `mean_b − mean_a` (default two-sided).
    pub alternative: Alternative,
    /// Confidence level of the intervals (default 0.95).
    pub confidence: f64,
    /// `false` (default): Welch's test; `true`: Student's test with a pooled variance.
    pub equal_var: bool,
}

impl Default for MeansOptions {
    fn default() -> Self {
        MeansOptions {
            alternative: Alternative::TwoSided,
            confidence: 0.95,
            equal_var: false,
        }
    }
}

/// Welch's (or Student's, with `equal_var`) t test of `mean_b − mean_a` from summaries.
///
/// ```
/// use edgekit::abtest::{t_test, GroupSummary, MeansOptions};
///
/// let a = GroupSummary::from_values(&[5.1, 4.9, 5.3, 5.0, 4.8], "a")?;
/// let b = GroupSummary::from_values(&[5.6, 5.4, 5.9, 5.5, 5.7], "b")?;
/// let r = t_test(&a, &b, &MeansOptions::default())?;
/// assert!(r.effect > 0.5 && r.pvalue < 0.01);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn t_test(
    a: &GroupSummary,
    b: &GroupSummary,
    options: &MeansOptions,
) -> Result<TestResult, AbtestError> {
    let found = t_found(a, b, options)?;
    let (relative_effect, relative_ci) = relative_effect(
        b.mean - a.mean,
        (a.mean, a.variance, a.n),
        (b.mean, b.variance, b.n),
        options.confidence,
        options.alternative,
    );
    Ok(TestResult {
        method: if options.equal_var {
            "student"
        } else {
            "welch"
        }
        .to_owned(),
        statistic: found.statistic,
        pvalue: found.pvalue,
        df: found.df,
        effect: found.effect,
        ci: found.ci,
        relative_effect,
        relative_ci,
        alternative: options.alternative,
        confidence: options.confidence,
    })
}

/// The t test without the relative effect (what a batch row needs).
pub(crate) fn t_found(
    a: &GroupSummary,
    b: &GroupSummary,
    options: &MeansOptions,
) -> Result<Found, AbtestError> {
    let confidence = check_unit("confidence", options.confidence)?;
    let alternative = options.alternative;
    let (va, vb) = (a.variance / a.n, b.variance / b.n);
    let (se, df) = if options.equal_var {
        let pooled = ((a.n - 1.0) * a.variance + (b.n - 1.0) * b.variance) / (a.n + b.n - 2.0);
        ((pooled * (1.0 / a.n + 1.0 / b.n)).sqrt(), a.n + b.n - 2.0)
    } else {
        let se2 = va + vb;
        (
            se2.sqrt(),
            se2 * se2 / (va * va / (a.n - 1.0) + vb * vb / (b.n - 1.0)),
        )
    };
    if se == 0.0 {
        return Err(AbtestError::Undefined(
            "both groups have zero variance, so the t statistic is undefined".to_owned(),
        ));
    }
    let effect = b.mean - a.mean;
    let statistic = effect / se;
    Ok(Found {
        statistic,
        pvalue: p_t(statistic, df, alternative),
        df: Some(df),
        effect,
        ci: interval_t(effect, se, df, confidence, alternative),
    })
}

/// Welch's t test on raw values of control `a` and treatment `b`.
///
/// ```
/// use edgekit::abtest::{welch, MeansOptions};
///
/// let r = welch(&[1.0, 2.0, 3.0, 4.0], &[2.0, 3.0, 4.0, 5.5], &MeansOptions::default())?;
/// assert_eq!(r.effect, 1.125);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn welch(a: &[f64], b: &[f64], options: &MeansOptions) -> Result<TestResult, AbtestError> {
    let a = GroupSummary::from_values(a, "a")?;
    let b = GroupSummary::from_values(b, "b")?;
    t_test(&a, &b, options)
}
