//! Always-valid inference for peeking: gbstats' asymptotic confidence sequences
//! (`SequentialTwoSidedTTest`, after Waudby-Smith et al. 2023, eq. 9, 155 and 161), so a
//! dashboard can look at an experiment every day without inflating false positives.

use serde::{Deserialize, Serialize};

use super::alternative::{check_unit, effect_and_variance};
use super::{AbtestError, GroupSummary};

/// Options for [`sequential`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SequentialOptions {
    /// `true` (default, as gbstats): relative effect `(m_b − m_a) / m_a`.
    pub relative: bool,
    /// The sample size (both groups) at which the sequence is tightest (default 5000).
    pub tuning: f64,
    /// Confidence level (default 0.95).
    pub confidence: f64,
}

impl Default for SequentialOptions {
    fn default() -> Self {
        SequentialOptions {
            relative: true,
            tuning: 5000.0,
            confidence: 0.95,
        }
    }
}

/// An always-valid estimate of the effect of `b` over `a`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SequentialResult {
    /// The effect estimate.
    pub effect: f64,
    /// The confidence sequence at this look: valid whenever you stop.
    pub ci: (f64, f64),
    /// Always-valid p-value (`1 / e-value`, capped at 1).
    pub pvalue: f64,
    /// Whether the effect is relative.
    pub relative: bool,
}

/// The confidence sequence and always-valid p-value for `H0: effect = 0` at the current look.
///
/// ```
/// use edgekit::abtest::{sequential, GroupSummary, SequentialOptions};
///
/// let a = GroupSummary::from_conversions(2_000, 10_000)?;
/// let b = GroupSummary::from_conversions(2_150, 10_000)?;
/// let r = sequential(&a, &b, &SequentialOptions::default())?;
/// assert!(r.ci.0 < r.effect && r.effect < r.ci.1);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn sequential(
    a: &GroupSummary,
    b: &GroupSummary,
    options: &SequentialOptions,
) -> Result<SequentialResult, AbtestError> {
    let alpha = 1.0 - check_unit("confidence", options.confidence)?;
    if !(options.tuning.is_finite() && options.tuning > 0.0) {
        return Err(AbtestError::OutOfRange {
            argument: "tuning",
            value: options.tuning,
            range: "(0, ∞)",
        });
    }
    if options.relative && a.mean == 0.0 {
        return Err(AbtestError::Undefined(
            "the control mean is 0, so a relative effect is undefined; use relative=false"
                .to_owned(),
        ));
    }
    let (effect, variance) = effect_and_variance(
        b.mean - a.mean,
        (a.mean, a.variance, a.n),
        (b.mean, b.variance, b.n),
        options.relative,
    );
    if variance.is_nan() || variance <= 0.0 {
        return Err(AbtestError::Undefined(
            "the effect has zero variance, so no confidence sequence exists".to_owned(),
        ));
    }
    let n = a.n + b.n;
    let log_alpha = alpha.ln();
    let rho2 = (-2.0 * log_alpha + (-2.0 * log_alpha + 1.0).ln()) / options.tuning;
    let spread = n * rho2 + 1.0;
    let width = (variance * n).sqrt()
        * (2.0 * spread * (spread.sqrt() / alpha).ln() / (n * n * rho2)).sqrt();
    let squared = effect * effect * n / variance;
    let e_value = (rho2 * squared / (2.0 * spread)).exp() / spread.sqrt();
    Ok(SequentialResult {
        effect,
        ci: (effect - width, effect + width),
        pvalue: (1.0 / e_value).min(1.0),
        relative: options.relative,
    })
}
