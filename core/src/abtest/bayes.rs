//! Bayesian decision for an effect, as GrowthBook's gbstats `EffectBayesianABTest`: the effect
//! (relative `(m_b − m_a)/m_a` or absolute `m_b − m_a`) gets a Gaussian likelihood with the
//! frequentist (delta-method) variance and an optional proper Gaussian prior; reported are
//! the posterior mean, an equal-tailed credible interval, the chance that treatment wins and
//! the expected loss (risk) of shipping either arm.

use serde::{Deserialize, Serialize};

use super::alternative::{check_unit, effect_and_variance};
use super::{AbtestError, GroupSummary};
use crate::stats::dist::{norm_cdf, norm_ppf};

/// Options for [`bayes_gaussian`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BayesOptions {
    /// `true` (default, as gbstats): the effect is relative, `(m_b − m_a) / m_a`.
    pub relative: bool,
    /// Prior mean of the effect (in the effect's units; default 0).
    pub prior_mean: f64,
    /// Prior variance of the effect (default 1).
    pub prior_variance: f64,
    /// Use the prior (default `false`: a flat prior, as gbstats' default).
    pub proper_prior: bool,
    /// Credible level (default 0.95).
    pub confidence: f64,
}

impl Default for BayesOptions {
    fn default() -> Self {
        BayesOptions {
            relative: true,
            prior_mean: 0.0,
            prior_variance: 1.0,
            proper_prior: false,
            confidence: 0.95,
        }
    }
}

/// Posterior summary of the effect of `b` over `a`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct BayesResult {
    /// Posterior mean of the effect.
    pub expected: f64,
    /// Posterior standard deviation of the effect.
    pub std: f64,
    /// Equal-tailed credible interval of the effect.
    pub ci: (f64, f64),
    /// Posterior probability that the effect is positive (treatment wins).
    pub chance_to_win: f64,
    /// Expected loss of keeping control: `E[max(effect, 0)]`.
    pub risk_control: f64,
    /// Expected loss of shipping treatment: `E[max(−effect, 0)]`.
    pub risk_treatment: f64,
    /// Whether the effect is relative.
    pub relative: bool,
}

/// gbstats' Gaussian Bayesian test of `b` against `a` from group summaries (for conversions,
/// [`GroupSummary::from_conversions`] gives gbstats' `ProportionStatistic`).
///
/// ```
/// use edgekit::abtest::{bayes_gaussian, BayesOptions, GroupSummary};
///
/// let a = GroupSummary::from_conversions(200, 1000)?;
/// let b = GroupSummary::from_conversions(250, 1000)?;
/// let r = bayes_gaussian(&a, &b, &BayesOptions::default())?;
/// assert!(r.chance_to_win > 0.99);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn bayes_gaussian(
    a: &GroupSummary,
    b: &GroupSummary,
    options: &BayesOptions,
) -> Result<BayesResult, AbtestError> {
    let confidence = check_unit("confidence", options.confidence)?;
    a.check("a")?;
    b.check("b")?;
    if options.proper_prior && !(options.prior_variance.is_finite() && options.prior_variance > 0.0)
    {
        return Err(AbtestError::OutOfRange {
            argument: "prior_variance",
            value: options.prior_variance,
            range: "(0, ∞)",
        });
    }
    if options.relative && a.mean == 0.0 {
        return Err(AbtestError::Undefined(
            "the control mean is 0, so a relative effect is undefined; use relative=false"
                .to_owned(),
        ));
    }
    if a.variance <= 0.0 || b.variance <= 0.0 {
        return Err(AbtestError::Undefined(
            "a group has zero variance, so the effect's likelihood is degenerate".to_owned(),
        ));
    }
    let (data_mean, data_variance) = effect_and_variance(
        b.mean - a.mean,
        (a.mean, a.variance, a.n),
        (b.mean, b.variance, b.n),
        options.relative,
    );
    let prior_precision = if options.proper_prior {
        1.0 / options.prior_variance
    } else {
        0.0
    };
    let precision = 1.0 / data_variance + prior_precision;
    let expected = if options.proper_prior {
        (data_mean / data_variance + options.prior_mean / options.prior_variance) / precision
    } else {
        data_mean
    };
    let std = (1.0 / precision).sqrt();
    let q = norm_ppf(0.5 + confidence / 2.0);
    let z = expected / std;
    let density = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
    Ok(BayesResult {
        expected,
        std,
        ci: (expected - q * std, expected + q * std),
        chance_to_win: norm_cdf(z),
        risk_control: expected * norm_cdf(z) + std * density,
        risk_treatment: std * density - expected * norm_cdf(-z),
        relative: options.relative,
    })
}
