//! Alert thresholds of a chunked metric, as NannyML sets them: a multiple of the standard
//! deviation of the reference chunks' values around their mean, or constant bounds.

use serde::{Deserialize, Serialize};

use crate::drift::DriftError;

fn three() -> Option<f64> {
    Some(3.0)
}

/// How a chunked metric's lower and upper thresholds are set.
///
/// ```
/// use edgekit::drift::ChunkThreshold;
///
/// let t = ChunkThreshold::default(); // mean ± 3 standard deviations of the reference chunks
/// let (lower, upper) = t.bounds(&[Some(1.0), Some(2.0), Some(3.0)], None, None)?;
/// let sd = (2.0f64 / 3.0).sqrt();
/// assert!((lower.unwrap() - (2.0 - 3.0 * sd)).abs() < 1e-12);
/// assert!((upper.unwrap() - (2.0 + 3.0 * sd)).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ChunkThreshold {
    /// Mean of the reference chunks' values ∓ a multiple of their standard deviation
    /// (population, as `numpy.nanstd`); a `None` multiplier leaves that side open.
    #[serde(alias = "standardDeviation")]
    StandardDeviation {
        /// Multiplier of the lower offset (default 3).
        #[serde(default = "three")]
        std_lower_multiplier: Option<f64>,
        /// Multiplier of the upper offset (default 3).
        #[serde(default = "three")]
        std_upper_multiplier: Option<f64>,
    },
    /// Fixed bounds; `None` leaves that side open.
    Constant {
        /// Lower bound.
        #[serde(default)]
        lower: Option<f64>,
        /// Upper bound.
        #[serde(default)]
        upper: Option<f64>,
    },
}

impl Default for ChunkThreshold {
    fn default() -> Self {
        ChunkThreshold::StandardDeviation {
            std_lower_multiplier: Some(3.0),
            std_upper_multiplier: Some(3.0),
        }
    }
}

impl ChunkThreshold {
    /// Checks the multipliers (finite, ≥ 0) and bounds (finite, lower ≤ upper).
    pub fn validate(&self) -> Result<(), DriftError> {
        match *self {
            ChunkThreshold::StandardDeviation {
                std_lower_multiplier,
                std_upper_multiplier,
            } => {
                for (argument, m) in [
                    ("std_lower_multiplier", std_lower_multiplier),
                    ("std_upper_multiplier", std_upper_multiplier),
                ] {
                    if let Some(m) = m
                        && !(m.is_finite() && m >= 0.0)
                    {
                        return Err(DriftError::OutOfRange {
                            argument,
                            value: m,
                            range: "[0, ∞)",
                        });
                    }
                }
            }
            ChunkThreshold::Constant { lower, upper } => {
                for (argument, b) in [("lower", lower), ("upper", upper)] {
                    if let Some(b) = b
                        && !b.is_finite()
                    {
                        return Err(DriftError::NotFinite {
                            argument,
                            index: 0,
                            value: b,
                        });
                    }
                }
                if let (Some(l), Some(u)) = (lower, upper)
                    && l > u
                {
                    return Err(DriftError::Undefined(format!(
                        "threshold lower = {l} is above upper = {u}"
                    )));
                }
            }
        }
        Ok(())
    }

    /// The (lower, upper) thresholds from the reference chunks' values (`None` values, the
    /// chunks where the metric is undefined, are skipped as `numpy.nanmean` skips NaN).
    ///
    /// A threshold beyond the metric's own range (`lower_limit`, `upper_limit`: a reconstruction
    /// error is never negative, an AUC never above 1) is dropped, as NannyML does.
    pub fn bounds(
        &self,
        reference: &[Option<f64>],
        lower_limit: Option<f64>,
        upper_limit: Option<f64>,
    ) -> Result<(Option<f64>, Option<f64>), DriftError> {
        self.bounds_beyond(reference, (lower_limit, upper_limit), BeyondLimit::Drop)
    }

    /// [`ChunkThreshold::bounds`], with a threshold beyond the metric's range either dropped
    /// (drift calculators) or set to the limit (performance metrics: NannyML's
    /// `override_using_none=False`).
    pub fn bounds_beyond(
        &self,
        reference: &[Option<f64>],
        (lower_limit, upper_limit): (Option<f64>, Option<f64>),
        beyond: BeyondLimit,
    ) -> Result<(Option<f64>, Option<f64>), DriftError> {
        self.validate()?;
        let (lower, upper) = match *self {
            ChunkThreshold::Constant { lower, upper } => (lower, upper),
            ChunkThreshold::StandardDeviation {
                std_lower_multiplier,
                std_upper_multiplier,
            } => {
                let values: Vec<f64> = reference.iter().flatten().copied().collect();
                if values.is_empty() {
                    return Ok((None, None));
                }
                let n = values.len() as f64;
                let mean = values.iter().sum::<f64>() / n;
                let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
                (
                    std_lower_multiplier.map(|m| mean - sd * m),
                    std_upper_multiplier.map(|m| mean + sd * m),
                )
            }
        };
        let settle = |value: Option<f64>, limit: Option<f64>, inside: fn(f64, f64) -> bool| match (
            value, limit,
        ) {
            (Some(v), Some(l)) if !inside(v, l) => match beyond {
                BeyondLimit::Drop => None,
                BeyondLimit::Clamp => Some(l),
            },
            _ => value,
        };
        Ok((
            settle(lower, lower_limit, |v, l| v > l),
            settle(upper, upper_limit, |v, l| v < l),
        ))
    }
}

/// What becomes of a threshold beyond the metric's own range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeyondLimit {
    /// No threshold on that side.
    Drop,
    /// The limit itself.
    Clamp,
}

/// NannyML's alert rule for performance metrics: a value below the lower or above the upper
/// threshold (a value on a threshold, or an undefined one, does not alert).
pub fn performance_alerts(value: Option<f64>, lower: Option<f64>, upper: Option<f64>) -> bool {
    value.is_some_and(|v| lower.is_some_and(|l| v < l) || upper.is_some_and(|u| v > u))
}

/// NannyML's alert rule for drift: a value alerts unless it lies strictly between the thresholds (an
/// open side never alerts; an undefined value always does).
pub fn alerts(value: Option<f64>, lower: Option<f64>, upper: Option<f64>) -> bool {
    match value {
        None => true,
        Some(v) => !(lower.is_none_or(|l| l < v) && upper.is_none_or(|u| v < u)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_beyond_the_metric_range_are_dropped() {
        let t = ChunkThreshold::default();
        let (lower, upper) = t
            .bounds(&[Some(0.1), Some(0.5), None], Some(0.0), Some(0.6))
            .unwrap();
        assert_eq!((lower, upper), (None, None));
        let constant = ChunkThreshold::Constant {
            lower: Some(0.2),
            upper: None,
        };
        assert_eq!(constant.bounds(&[], None, None).unwrap(), (Some(0.2), None));
    }

    #[test]
    fn alert_rule_is_strict() {
        assert!(alerts(Some(1.0), Some(1.0), None));
        assert!(!alerts(Some(1.0), Some(0.5), Some(1.5)));
        assert!(alerts(None, None, None));
        assert!(!alerts(Some(f64::MAX), None, None));
    }

    #[test]
    fn options_read_as_nannyml_names_them() {
        let t: ChunkThreshold =
            serde_json::from_str(r#"{"type":"standard_deviation","std_upper_multiplier":2}"#)
                .unwrap();
        assert_eq!(
            t,
            ChunkThreshold::StandardDeviation {
                std_lower_multiplier: Some(3.0),
                std_upper_multiplier: Some(2.0)
            }
        );
        let c: ChunkThreshold = serde_json::from_str(r#"{"type":"constant","lower":0.7}"#).unwrap();
        assert_eq!(
            c,
            ChunkThreshold::Constant {
                lower: Some(0.7),
                upper: None
            }
        );
        assert!(serde_json::from_str::<ChunkThreshold>(r#"{"type":"constant","lowr":1}"#).is_err());
        assert!(
            ChunkThreshold::Constant {
                lower: Some(2.0),
                upper: Some(1.0)
            }
            .validate()
            .is_err()
        );
    }
}
