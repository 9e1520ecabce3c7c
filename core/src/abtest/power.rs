//! Power, sample size and minimum detectable effect for a two-group z test, as statsmodels
//! `NormalIndPower` (proportions through Cohen's h, `proportion_effectsize`), or a two-sample
//! t test, as `TTestIndPower` (noncentral t with `n_a + n_b − 2` degrees of freedom).
//! Solutions are found by bisection to full double precision rather than to a solver tolerance.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::alternative::check_unit;
use super::proportions::named_options;
use super::{AbtestError, Alternative};
use crate::stats::dist::{norm_cdf, norm_ppf, norm_sf, t_ppf};
use crate::stats::noncentral::{nct_cdf, nct_sf};

named_options!(
    /// The test a design is planned for.
    PowerTest, "test", "\"z\" or \"t\"", {
    /// Normal approximation (statsmodels `NormalIndPower`).
    Z = "z",
    /// Two-sample t test with pooled variance (statsmodels `TTestIndPower`).
    T = "t",
});

/// Design settings shared by the power functions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PowerOptions {
    /// Significance level (default 0.05).
    pub alpha: f64,
    /// Target power (default 0.8).
    pub power: f64,
    /// Allocation: `n_b = ratio · n_a` (default 1).
    pub ratio: f64,
    /// Alternative hypothesis about the effect `b − a` (default two-sided).
    pub alternative: Alternative,
    /// z (default) or t test.
    pub test: PowerTest,
}

impl Default for PowerOptions {
    fn default() -> Self {
        PowerOptions {
            alpha: 0.05,
            power: 0.8,
            ratio: 1.0,
            alternative: Alternative::TwoSided,
            test: PowerTest::Z,
        }
    }
}

/// A sample-size answer: the exact solution and the whole numbers to plan with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct SampleSize {
    /// Control-group size solving the power equation exactly (as statsmodels' `nobs1`).
    pub n_a: f64,
    /// Treatment-group size `ratio · n_a`.
    pub n_b: f64,
    /// `n_a` rounded up.
    pub n_a_required: u64,
    /// `n_b` rounded up.
    pub n_b_required: u64,
    /// The standardised effect the design detects (Cohen's d or h).
    pub effect_size: f64,
}

fn validate(options: &PowerOptions, need_power: bool) -> Result<(), AbtestError> {
    check_unit("alpha", options.alpha)?;
    if need_power {
        check_unit("power", options.power)?;
        if options.power <= options.alpha {
            return Err(AbtestError::OutOfRange {
                argument: "power",
                value: options.power,
                range: "(alpha, 1): a test has at least power alpha",
            });
        }
    }
    if !(options.ratio.is_finite() && options.ratio > 0.0) {
        return Err(AbtestError::OutOfRange {
            argument: "ratio",
            value: options.ratio,
            range: "(0, ∞)",
        });
    }
    Ok(())
}

fn power_unchecked(effect_size: f64, n_a: f64, options: &PowerOptions) -> f64 {
    let n_b = n_a * options.ratio;
    let shift = effect_size * (1.0 / (1.0 / n_a + 1.0 / n_b)).sqrt();
    let alpha = options.alpha;
    if options.test == PowerTest::T {
        let df = n_a + n_b - 2.0;
        if df <= 0.0 {
            return 0.0;
        }
        return match options.alternative {
            Alternative::TwoSided => {
                let crit = t_ppf(1.0 - alpha / 2.0, df);
                nct_sf(crit, df, shift) + nct_cdf(-crit, df, shift)
            }
            Alternative::Larger => nct_sf(t_ppf(1.0 - alpha, df), df, shift),
            Alternative::Smaller => nct_cdf(t_ppf(alpha, df), df, shift),
        };
    }
    match options.alternative {
        Alternative::TwoSided => {
            let crit = norm_ppf(1.0 - alpha / 2.0);
            norm_sf(crit - shift) + norm_cdf(-crit - shift)
        }
        Alternative::Larger => norm_sf(norm_ppf(1.0 - alpha) - shift),
        Alternative::Smaller => norm_cdf(norm_ppf(alpha) - shift),
    }
}

/// Power of the z test for a standardised `effect_size` with `n_a` controls (`options.power`
/// is ignored).
///
/// ```
/// use edgekit::abtest::{power, PowerOptions};
///
/// let p = power(0.2, 394.0, &PowerOptions::default())?;
/// assert!((p - 0.8).abs() < 0.01);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn power(effect_size: f64, n_a: f64, options: &PowerOptions) -> Result<f64, AbtestError> {
    validate(options, false)?;
    if !(n_a.is_finite() && n_a > 0.0) {
        return Err(AbtestError::OutOfRange {
            argument: "n_a",
            value: n_a,
            range: "(0, ∞)",
        });
    }
    finite_effect(effect_size)?;
    if options.test == PowerTest::T && n_a * (1.0 + options.ratio) <= 2.0 {
        return Err(AbtestError::OutOfRange {
            argument: "n_a",
            value: n_a,
            range: "sizes with n_a + n_b > 2 (a t test needs a degree of freedom)",
        });
    }
    Ok(power_unchecked(effect_size, n_a, options))
}

fn finite_effect(effect_size: f64) -> Result<(), AbtestError> {
    if effect_size.is_finite() {
        Ok(())
    } else {
        Err(AbtestError::OutOfRange {
            argument: "effect_size",
            value: effect_size,
            range: "finite numbers",
        })
    }
}

/// Finds where an increasing `f` reaches `target`, doubling `high` until it brackets.
fn solve_increasing(
    f: impl Fn(f64) -> f64,
    target: f64,
    mut low: f64,
    mut high: f64,
) -> Option<f64> {
    let mut doublings = 0;
    while f(high) < target {
        low = high;
        high *= 2.0;
        doublings += 1;
        if doublings > 1100 {
            return None;
        }
    }
    for _ in 0..300 {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            break;
        }
        if f(mid) < target {
            low = mid;
        } else {
            high = mid;
        }
    }
    Some(0.5 * (low + high))
}

/// Controls needed for `options.power` to detect a standardised `effect_size`.
///
/// ```
/// use edgekit::abtest::{sample_size, PowerOptions};
///
/// let s = sample_size(0.2, &PowerOptions::default())?;
/// assert_eq!(s.n_a_required, 393);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn sample_size(effect_size: f64, options: &PowerOptions) -> Result<SampleSize, AbtestError> {
    validate(options, true)?;
    finite_effect(effect_size)?;
    let wrong_direction = match options.alternative {
        Alternative::TwoSided => effect_size == 0.0,
        Alternative::Larger => effect_size <= 0.0,
        Alternative::Smaller => effect_size >= 0.0,
    };
    if wrong_direction {
        return Err(AbtestError::Undefined(format!(
            "an effect of {effect_size} never reaches power {} under the {} alternative",
            options.power,
            options.alternative.as_str()
        )));
    }
    let n_a = solve_increasing(
        |n| power_unchecked(effect_size, n, options),
        options.power,
        0.0,
        1.0,
    )
    .ok_or_else(|| AbtestError::Undefined("no finite sample size reaches that power".to_owned()))?;
    let n_b = n_a * options.ratio;
    Ok(SampleSize {
        n_a,
        n_b,
        n_a_required: n_a.ceil() as u64,
        n_b_required: n_b.ceil() as u64,
        effect_size,
    })
}

/// The smallest standardised effect detectable with `n_a` controls at `options.power`
/// (positive, or negative under the "smaller" alternative).
pub fn minimum_detectable_effect(n_a: f64, options: &PowerOptions) -> Result<f64, AbtestError> {
    validate(options, true)?;
    if !(n_a.is_finite() && n_a > 0.0) {
        return Err(AbtestError::OutOfRange {
            argument: "n_a",
            value: n_a,
            range: "(0, ∞)",
        });
    }
    let sign = if options.alternative == Alternative::Smaller {
        -1.0
    } else {
        1.0
    };
    let magnitude = solve_increasing(
        |d| power_unchecked(sign * d, n_a, options),
        options.power,
        0.0,
        1.0,
    )
    .ok_or_else(|| AbtestError::Undefined("no finite effect reaches that power".to_owned()))?;
    Ok(sign * magnitude)
}

/// The effect a design must detect, in the units a user thinks in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// A standardised effect (Cohen's d or h) as statsmodels' `effect_size`.
    Standardized(f64),
    /// Moving a conversion rate from `p_a` to `p_b` (Cohen's h).
    Proportions {
        /// Control rate.
        p_a: f64,
        /// Treatment rate.
        p_b: f64,
    },
    /// A difference of means `delta` with per-observation standard deviation `sd`.
    Means {
        /// `mean_b − mean_a`.
        delta: f64,
        /// Standard deviation of one observation.
        sd: f64,
    },
}

impl Effect {
    /// The standardised effect size.
    pub fn standardized(self) -> Result<f64, AbtestError> {
        match self {
            Effect::Standardized(d) => Ok(d),
            Effect::Proportions { p_a, p_b } => proportion_effect_size(p_a, p_b),
            Effect::Means { delta, sd } => {
                if !(sd.is_finite() && sd > 0.0) {
                    return Err(AbtestError::OutOfRange {
                        argument: "sd",
                        value: sd,
                        range: "(0, ∞)",
                    });
                }
                Ok(delta / sd)
            }
        }
    }
}

/// Cohen's h for moving a rate from `p_a` to `p_b`: `2·asin(√p_b) − 2·asin(√p_a)`.
pub fn proportion_effect_size(p_a: f64, p_b: f64) -> Result<f64, AbtestError> {
    for (argument, p) in [("p_a", p_a), ("p_b", p_b)] {
        if !(0.0..=1.0).contains(&p) {
            return Err(AbtestError::OutOfRange {
                argument,
                value: p,
                range: "[0, 1]",
            });
        }
    }
    Ok(2.0 * p_b.sqrt().asin() - 2.0 * p_a.sqrt().asin())
}
