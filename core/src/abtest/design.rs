//! The options of the power functions as the faces take them (statsmodels' defaults), with
//! the choice of effect (a standardised size, two rates, or a mean difference and its spread)
//! made here rather than in each face; see [`contract`](crate::contract).

use serde::{Deserialize, Serialize};

use super::{AbtestError, Alternative, Effect, PowerOptions, PowerTest};

/// Options of [`power`](super::power): the design without a target power.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PowerOfTestOptions {
    /// Significance level (default 0.05).
    pub alpha: f64,
    /// Allocation: `n_b = ratio · n_a` (default 1).
    pub ratio: f64,
    /// Alternative hypothesis about the effect `b − a` (default two-sided).
    pub alternative: Alternative,
    /// z (default) or t test.
    pub test: PowerTest,
}

impl Default for PowerOfTestOptions {
    fn default() -> Self {
        let all = PowerOptions::default();
        Self {
            alpha: all.alpha,
            ratio: all.ratio,
            alternative: all.alternative,
            test: all.test,
        }
    }
}

impl From<PowerOfTestOptions> for PowerOptions {
    fn from(o: PowerOfTestOptions) -> Self {
        PowerOptions {
            alpha: o.alpha,
            ratio: o.ratio,
            alternative: o.alternative,
            test: o.test,
            ..PowerOptions::default()
        }
    }
}

/// Options of [`sample_size`](super::sample_size) as the faces take them: the design and one
/// effect, given as `effect_size`, as two rates `p_a` and `p_b`, or as `delta` and `sd`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SampleSizeOptions {
    /// A standardised effect (Cohen's d or h).
    pub effect_size: Option<f64>,
    /// Control rate (with `p_b`).
    pub p_a: Option<f64>,
    /// Treatment rate (with `p_a`).
    pub p_b: Option<f64>,
    /// Difference of means (with `sd`).
    pub delta: Option<f64>,
    /// Standard deviation of one observation (with `delta`).
    pub sd: Option<f64>,
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

impl Default for SampleSizeOptions {
    fn default() -> Self {
        let all = PowerOptions::default();
        Self {
            effect_size: None,
            p_a: None,
            p_b: None,
            delta: None,
            sd: None,
            alpha: all.alpha,
            power: all.power,
            ratio: all.ratio,
            alternative: all.alternative,
            test: all.test,
        }
    }
}

impl SampleSizeOptions {
    /// The effect these options give (exactly one of the three forms).
    pub fn effect(&self) -> Result<Effect, AbtestError> {
        match (self.effect_size, self.p_a, self.p_b, self.delta, self.sd) {
            (Some(d), None, None, None, None) => Ok(Effect::Standardized(d)),
            (None, Some(p_a), Some(p_b), None, None) => Ok(Effect::Proportions { p_a, p_b }),
            (None, None, None, Some(delta), Some(sd)) => Ok(Effect::Means { delta, sd }),
            _ => Err(AbtestError::Options(
                "give exactly one of: effect_size, (p_a and p_b), or (delta and sd)".to_owned(),
            )),
        }
    }

    /// The design part.
    pub fn design(&self) -> PowerOptions {
        PowerOptions {
            alpha: self.alpha,
            power: self.power,
            ratio: self.ratio,
            alternative: self.alternative,
            test: self.test,
        }
    }
}
