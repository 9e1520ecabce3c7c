//! Metrics built from two columns per unit, as GrowthBook's gbstats computes them:
//! CUPED regression adjustment with a pre-period covariate (`RegressionAdjustedStatistic`,
//! pooled θ as `compute_theta`), and ratio metrics by the delta method (`RatioStatistic`).
//! Both are then compared with gbstats' Welch t test, absolute and relative.

use serde::{Deserialize, Serialize};

use super::alternative::{check_unit, interval_t, p_t, relative_effect, welch_df};
use super::{AbtestError, Alternative, TestResult};
use crate::stats::moments::check_finite;

/// Size, means, sample variances and covariance (`ddof = 1`) of paired columns `y` (the
/// metric, or a ratio's numerator) and `x` (the pre-period covariate, or the denominator).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairedSummary {
    /// Units.
    pub n: f64,
    /// Mean of `y`.
    pub mean_y: f64,
    /// Mean of `x`.
    pub mean_x: f64,
    /// Sample variance of `y`.
    pub var_y: f64,
    /// Sample variance of `x`.
    pub var_x: f64,
    /// Sample covariance of `y` and `x`.
    pub cov: f64,
}

impl PairedSummary {
    /// From raw paired values, by two passes (means, then centred sums).
    pub fn from_values(
        y: &[f64],
        x: &[f64],
        names: (&'static str, &'static str),
    ) -> Result<Self, AbtestError> {
        if y.len() != x.len() {
            return Err(AbtestError::LengthMismatch {
                first: names.0,
                first_len: y.len(),
                second: names.1,
                second_len: x.len(),
            });
        }
        if y.len() < 2 {
            return Err(AbtestError::TooFew {
                argument: names.0,
                needed: 2,
                got: y.len(),
            });
        }
        check_finite(y, names.0)?;
        check_finite(x, names.1)?;
        let n = y.len() as f64;
        let mean_y = y.iter().sum::<f64>() / n;
        let mean_x = x.iter().sum::<f64>() / n;
        let (mut syy, mut sxx, mut sxy) = (0.0, 0.0, 0.0);
        for (&yi, &xi) in y.iter().zip(x) {
            let (dy, dx) = (yi - mean_y, xi - mean_x);
            syy += dy * dy;
            sxx += dx * dx;
            sxy += dy * dx;
        }
        Ok(PairedSummary {
            n,
            mean_y,
            mean_x,
            var_y: syy / (n - 1.0),
            var_x: sxx / (n - 1.0),
            cov: sxy / (n - 1.0),
        })
    }

    /// Checks a summary built from moments merged elsewhere (a distributed engine's partial
    /// summaries): a whole `n ≥ 2`, finite means, variances ≥ 0 and a covariance no larger than
    /// the variances allow (Cauchy–Schwarz, with rounding room).
    ///
    /// ```
    /// use edgekit::abtest::PairedSummary;
    /// let s = PairedSummary { n: 10.0, mean_y: 1.0, mean_x: 2.0, var_y: 1.0, var_x: 4.0, cov: 1.5 };
    /// assert_eq!(s.checked("a")?, s);
    /// assert!(PairedSummary { cov: 3.0, ..s }.checked("a").is_err());
    /// # Ok::<(), edgekit::abtest::AbtestError>(())
    /// ```
    pub fn checked(self, argument: &'static str) -> Result<Self, AbtestError> {
        let finite = [self.mean_y, self.mean_x, self.var_y, self.var_x, self.cov]
            .iter()
            .all(|v| v.is_finite());
        if !(self.n.is_finite() && self.n >= 2.0 && self.n.fract() == 0.0 && finite) {
            return Err(AbtestError::InvalidCount(format!(
                "{argument}: n = {} with moments {:?}: need a whole n ≥ 2 and finite moments",
                self.n,
                [self.mean_y, self.mean_x, self.var_y, self.var_x, self.cov]
            )));
        }
        let bound = (self.var_y * self.var_x).sqrt();
        if self.var_y < 0.0 || self.var_x < 0.0 || self.cov.abs() > bound * (1.0 + 1e-9) + 1e-300 {
            return Err(AbtestError::InvalidCount(format!(
                "{argument}: variances {} and {} with covariance {} are not the moments of any data",
                self.var_y, self.var_x, self.cov
            )));
        }
        Ok(self)
    }

    /// From the sums a warehouse stores: `n, Σy, Σy², Σx, Σx², Σxy`.
    pub fn from_sums(
        n: f64,
        [sum_y, sum_y2, sum_x, sum_x2, sum_xy]: [f64; 5],
    ) -> Result<Self, AbtestError> {
        let finite = [sum_y, sum_y2, sum_x, sum_x2, sum_xy]
            .iter()
            .all(|v| v.is_finite());
        if !(n >= 2.0 && n.fract() == 0.0 && finite) {
            return Err(AbtestError::InvalidCount(format!(
                "n = {n} with sums {:?}: need a whole n ≥ 2 and finite sums",
                [sum_y, sum_y2, sum_x, sum_x2, sum_xy]
            )));
        }
        let (mean_y, mean_x) = (sum_y / n, sum_x / n);
        Ok(PairedSummary {
            n,
            mean_y,
            mean_x,
            var_y: ((sum_y2 - sum_y * mean_y) / (n - 1.0)).max(0.0),
            var_x: ((sum_x2 - sum_x * mean_x) / (n - 1.0)).max(0.0),
            cov: (sum_xy - sum_y * mean_x) / (n - 1.0),
        })
    }
}

/// Options for [`cuped`] and [`ratio_metric`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdjustedOptions {
    /// Alternative about the effect `b − a` (default two-sided).
    pub alternative: Alternative,
    /// Confidence level (default 0.95).
    pub confidence: f64,
}

impl Default for AdjustedOptions {
    fn default() -> Self {
        AdjustedOptions {
            alternative: Alternative::TwoSided,
            confidence: 0.95,
        }
    }
}

/// One arm as gbstats' t test sees it.
pub(super) struct Arm {
    pub n: f64,
    pub mean: f64,
    pub variance: f64,
    pub unadjusted_mean: f64,
}

/// gbstats' Welch t test: absolute effect with its test and interval, relative effect over
/// the unadjusted control mean with its interval.
pub(super) fn gbstats_t(
    method: &str,
    a: &Arm,
    b: &Arm,
    options: &AdjustedOptions,
) -> Result<TestResult, AbtestError> {
    let confidence = check_unit("confidence", options.confidence)?;
    let alternative = options.alternative;
    let df = welch_df(a.variance, a.n, b.variance, b.n);
    let variance = b.variance / b.n + a.variance / a.n;
    if variance.is_nan() || variance <= 0.0 {
        return Err(AbtestError::Undefined(
            "both arms have zero variance after adjustment, so the test is undefined".to_owned(),
        ));
    }
    let effect = b.mean - a.mean;
    let se = variance.sqrt();
    let statistic = effect / se;
    let (relative_effect, relative_ci) = relative_effect(
        effect,
        (a.unadjusted_mean, a.variance, a.n),
        (b.unadjusted_mean, b.variance, b.n),
        confidence,
        alternative,
    );
    Ok(TestResult {
        method: method.to_owned(),
        statistic,
        pvalue: p_t(statistic, df, alternative),
        df: Some(df),
        effect,
        ci: interval_t(effect, se, df, confidence, alternative),
        relative_effect,
        relative_ci,
        alternative,
        confidence,
    })
}

/// The pooled regression coefficient of `y` on `x` over both arms (gbstats' `compute_theta`);
/// 0 when either pooled variance is 0.
pub fn cuped_theta(a: &PairedSummary, b: &PairedSummary) -> f64 {
    let n = a.n + b.n;
    let pool = |m2a: f64, m2b: f64, da: f64, db: f64| {
        ((a.n - 1.0) * m2a + (b.n - 1.0) * m2b + da * db * a.n * b.n / n) / (n - 1.0)
    };
    let (dy, dx) = (b.mean_y - a.mean_y, b.mean_x - a.mean_x);
    let var_x = pool(a.var_x, b.var_x, dx, dx);
    let var_y = pool(a.var_y, b.var_y, dy, dy);
    if var_x == 0.0 || var_y == 0.0 {
        return 0.0;
    }
    pool(a.cov, b.cov, dy, dx) / var_x
}

/// CUPED: compares `y − θ·x` between arms, with `x` a pre-experiment covariate and θ pooled,
/// as gbstats' regression adjustment. The relative effect divides by the unadjusted control
/// mean.
///
/// ```
/// use edgekit::abtest::{cuped, AdjustedOptions, PairedSummary};
///
/// let pre_a = [10.0, 12.0, 9.0, 15.0, 11.0, 13.0];
/// let post_a = [11.0, 12.5, 9.5, 16.0, 11.0, 14.0];
/// let pre_b = [10.0, 14.0, 8.0, 12.0, 13.0, 9.0];
/// let post_b = [12.0, 15.5, 9.0, 13.5, 14.5, 10.0];
/// let a = PairedSummary::from_values(&post_a, &pre_a, ("a", "a_pre"))?;
/// let b = PairedSummary::from_values(&post_b, &pre_b, ("b", "b_pre"))?;
/// let r = cuped(&a, &b, &AdjustedOptions::default())?;
/// assert!(r.ci.1 - r.ci.0 > 0.0);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn cuped(
    a: &PairedSummary,
    b: &PairedSummary,
    options: &AdjustedOptions,
) -> Result<TestResult, AbtestError> {
    let theta = cuped_theta(a, b);
    let arm = |s: &PairedSummary| Arm {
        n: s.n,
        mean: s.mean_y - theta * s.mean_x,
        variance: s.var_y + theta * theta * s.var_x - 2.0 * theta * s.cov,
        unadjusted_mean: s.mean_y,
    };
    gbstats_t("cuped", &arm(a), &arm(b), options)
}

/// A ratio metric `Σy / Σx` per arm (revenue per session, clicks per view) compared by the
/// delta method, as gbstats' `RatioStatistic`.
pub fn ratio_metric(
    a: &PairedSummary,
    b: &PairedSummary,
    options: &AdjustedOptions,
) -> Result<TestResult, AbtestError> {
    let arm = |s: &PairedSummary, name: &str| {
        if s.mean_x == 0.0 {
            return Err(AbtestError::Undefined(format!(
                "the denominator of arm {name} sums to 0, so its ratio is undefined"
            )));
        }
        let ratio = s.mean_y / s.mean_x;
        let variance = s.var_y / s.mean_x.powi(2) - 2.0 * s.cov * s.mean_y / s.mean_x.powi(3)
            + s.mean_y.powi(2) * s.var_x / s.mean_x.powi(4);
        Ok(Arm {
            n: s.n,
            mean: ratio,
            variance,
            unadjusted_mean: ratio,
        })
    };
    gbstats_t("ratio", &arm(a, "a")?, &arm(b, "b")?, options)
}
