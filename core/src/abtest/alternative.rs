//! Alternatives, p-values and interval bounds shared by every test.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::AbtestError;
use crate::stats::dist::{norm_cdf, norm_ppf, norm_sf, t_cdf, t_ppf, t_sf};

/// The alternative hypothesis about the effect `b − a` (treatment minus control), named as
/// statsmodels names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Alternative {
    /// `b ≠ a`.
    #[default]
    TwoSided,
    /// `b > a`.
    Larger,
    /// `b < a`.
    Smaller,
}

impl Alternative {
    /// The name: `"two-sided"`, `"larger"` or `"smaller"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Alternative::TwoSided => "two-sided",
            Alternative::Larger => "larger",
            Alternative::Smaller => "smaller",
        }
    }
}

impl FromStr for Alternative {
    type Err = AbtestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "two-sided" => Ok(Alternative::TwoSided),
            "larger" => Ok(Alternative::Larger),
            "smaller" => Ok(Alternative::Smaller),
            other => Err(AbtestError::UnknownOption {
                argument: "alternative",
                value: other.to_owned(),
                expected: "\"two-sided\", \"larger\" or \"smaller\"",
            }),
        }
    }
}

/// Checks a level in the open interval `(0, 1)`.
pub(crate) fn check_unit(argument: &'static str, value: f64) -> Result<f64, AbtestError> {
    if value > 0.0 && value < 1.0 {
        Ok(value)
    } else {
        Err(AbtestError::OutOfRange {
            argument,
            value,
            range: "(0, 1)",
        })
    }
}

/// p-value of a standard-normal statistic.
pub(crate) fn p_normal(z: f64, alternative: Alternative) -> f64 {
    match alternative {
        Alternative::TwoSided => (2.0 * norm_sf(z.abs())).min(1.0),
        Alternative::Larger => norm_sf(z),
        Alternative::Smaller => norm_cdf(z),
    }
}

/// p-value of a Student-t statistic with `df` degrees of freedom.
pub(crate) fn p_t(t: f64, df: f64, alternative: Alternative) -> f64 {
    match alternative {
        Alternative::TwoSided => (2.0 * t_sf(t.abs(), df)).min(1.0),
        Alternative::Larger => t_sf(t, df),
        Alternative::Smaller => t_cdf(t, df),
    }
}

/// The probability whose quantile bounds an interval at `confidence`: `(1 + c)/2` two-sided,
/// `c` one-sided.
fn critical_probability(confidence: f64, alternative: Alternative) -> f64 {
    match alternative {
        Alternative::TwoSided => 0.5 + confidence / 2.0,
        _ => confidence,
    }
}

/// The standard-normal critical value for intervals at `confidence`. One-sided bounds of the
/// two-sided methods (Newcombe, score) at `2c − 1` use the same value.
pub(crate) fn normal_critical(confidence: f64, alternative: Alternative) -> f64 {
    norm_ppf(critical_probability(confidence, alternative))
}

/// `estimate ± q·se`, keeping only the bounded side under a one-sided alternative.
pub(crate) fn bounds(estimate: f64, se: f64, q: f64, alternative: Alternative) -> (f64, f64) {
    one_side((estimate - q * se, estimate + q * se), alternative)
}

/// Interval `estimate ± q·se` with `q` the quantile of the reference distribution (`ppf`).
fn interval(
    estimate: f64,
    se: f64,
    confidence: f64,
    alternative: Alternative,
    ppf: impl Fn(f64) -> f64,
) -> (f64, f64) {
    let q = ppf(critical_probability(confidence, alternative));
    bounds(estimate, se, q, alternative)
}

/// Normal-theory interval for `estimate` with standard error `se`.
pub(crate) fn interval_normal(
    estimate: f64,
    se: f64,
    confidence: f64,
    alternative: Alternative,
) -> (f64, f64) {
    interval(estimate, se, confidence, alternative, norm_ppf)
}

/// Student-t interval for `estimate` with standard error `se` and `df` degrees of freedom.
pub(crate) fn interval_t(
    estimate: f64,
    se: f64,
    df: f64,
    confidence: f64,
    alternative: Alternative,
) -> (f64, f64) {
    interval(estimate, se, confidence, alternative, |p| t_ppf(p, df))
}

/// For interval methods defined two-sided: the two-sided level whose bound is the one-sided
/// bound at `confidence` (a one-sided 95% bound is a bound of the two-sided 90% interval).
pub(crate) fn two_sided_level(
    confidence: f64,
    alternative: Alternative,
) -> Result<f64, AbtestError> {
    match alternative {
        Alternative::TwoSided => Ok(confidence),
        _ if confidence > 0.5 => Ok(2.0 * confidence - 1.0),
        _ => Err(AbtestError::OutOfRange {
            argument: "confidence",
            value: confidence,
            range: "(0.5, 1) for a one-sided interval",
        }),
    }
}

/// Keeps the side of a two-sided interval that a one-sided alternative bounds.
pub(crate) fn one_side((low, high): (f64, f64), alternative: Alternative) -> (f64, f64) {
    match alternative {
        Alternative::TwoSided => (low, high),
        Alternative::Larger => (low, f64::INFINITY),
        Alternative::Smaller => (f64::NEG_INFINITY, high),
    }
}

/// Welch–Satterthwaite degrees of freedom for two groups with variances `va`, `vb` (of one
/// observation) and sizes `na`, `nb`.
pub(crate) fn welch_df(va: f64, na: f64, vb: f64, nb: f64) -> f64 {
    let (sa, sb) = (va / na, vb / nb);
    (sa + sb).powi(2) / (sa * sa / (na - 1.0) + sb * sb / (nb - 1.0))
}

/// The effect of `b` over `a` with its delta-method variance, on the relative scale
/// `(m_b − m_a) / m_a` or the absolute one (gbstats' `frequentist_diff` and
/// `frequentist_variance`). `difference` is `m_b − m_a` (adjusted, for CUPED); the arms are
/// `(unadjusted mean, variance of one observation, n)`.
pub(crate) fn effect_and_variance(
    difference: f64,
    (mean_a, var_a, n_a): (f64, f64, f64),
    (mean_b, var_b, n_b): (f64, f64, f64),
    relative: bool,
) -> (f64, f64) {
    if relative {
        (
            difference / mean_a,
            var_b / (mean_a * mean_a * n_b) + var_a * mean_b * mean_b / (mean_a.powi(4) * n_a),
        )
    } else {
        (difference, var_b / n_b + var_a / n_a)
    }
}

/// The relative effect `difference / mean_a` with its delta-method interval, using t
/// quantiles with Welch degrees of freedom as gbstats does; `None` when `mean_a` is 0.
pub(crate) fn relative_effect(
    difference: f64,
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    confidence: f64,
    alternative: Alternative,
) -> (Option<f64>, Option<(f64, f64)>) {
    if a.0 == 0.0 {
        return (None, None);
    }
    let (relative, variance) = effect_and_variance(difference, a, b, true);
    // Means near the bottom of f64's range make the ratio or its delta-method variance
    // overflow or turn 0/0: the relative effect (or its interval) is then undefined, never NaN.
    if !relative.is_finite() {
        return (None, None);
    }
    let df = welch_df(a.1, a.2, b.1, b.2);
    let ci = if df.is_finite() && df > 0.0 {
        interval_t(relative, variance.sqrt(), df, confidence, alternative)
    } else {
        interval_normal(relative, variance.sqrt(), confidence, alternative)
    };
    if ci.0.is_nan() || ci.1.is_nan() {
        return (Some(relative), None);
    }
    (Some(relative), Some(ci))
}
