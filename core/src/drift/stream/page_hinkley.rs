use serde::{Deserialize, Serialize};

use super::{DriftDetector, RunningMean, check_option, check_value};
use crate::drift::DriftError;

/// Page-Hinkley test: cumulative deviations from the running mean, faded by `alpha`, against a
/// `threshold` (Page 1954; River's `PageHinkley`, same defaults and detection indices).
///
/// ```
/// use edgekit::drift::{DriftDetector, PageHinkley};
/// let mut detector = PageHinkley::default();
/// let stream: Vec<f64> = (0..400).map(|i| if i < 200 { 0.0 } else { 5.0 }).collect();
/// let fired = detector.update_many(&stream)?;
/// assert!(fired[0] >= 200 && fired[0] < 220);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageHinkley {
    min_instances: u64,
    delta: f64,
    threshold: f64,
    alpha: f64,
    /// `"up"`, `"down"` or `"both"`.
    mode: String,
    mean: RunningMean,
    sum_increase: f64,
    sum_decrease: f64,
    #[serde(with = "crate::serde_float")]
    min_increase: f64,
    #[serde(with = "crate::serde_float")]
    max_decrease: f64,
    drift: bool,
}

impl Default for PageHinkley {
    fn default() -> Self {
        Self::new(30, 0.005, 50.0, 1.0 - 0.0001, "both").expect("River's defaults are valid")
    }
}

impl PageHinkley {
    /// River's parameters; `mode` is `"up"` (increases only), `"down"` or `"both"`.
    pub fn new(
        min_instances: u64,
        delta: f64,
        threshold: f64,
        alpha: f64,
        mode: &str,
    ) -> Result<Self, DriftError> {
        check_option("delta", delta, delta.is_finite() && delta >= 0.0, "[0, ∞)")?;
        check_option(
            "threshold",
            threshold,
            threshold.is_finite() && threshold > 0.0,
            "(0, ∞)",
        )?;
        check_option("alpha", alpha, alpha > 0.0 && alpha <= 1.0, "(0, 1]")?;
        if !matches!(mode, "up" | "down" | "both") {
            return Err(DriftError::UnknownOption {
                argument: "mode",
                value: mode.to_string(),
                expected: "\"up\", \"down\" or \"both\"",
            });
        }
        let mut detector = Self {
            min_instances,
            delta,
            threshold,
            alpha,
            mode: mode.to_string(),
            mean: RunningMean::default(),
            sum_increase: 0.0,
            sum_decrease: 0.0,
            min_increase: 0.0,
            max_decrease: 0.0,
            drift: false,
        };
        detector.reset();
        Ok(detector)
    }

    fn reset(&mut self) {
        self.mean = RunningMean::default();
        self.sum_increase = 0.0;
        self.sum_decrease = 0.0;
        self.min_increase = f64::INFINITY;
        self.max_decrease = -1.0;
        self.drift = false;
    }
}

impl DriftDetector for PageHinkley {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_value(x)?;
        if self.drift {
            self.reset();
        }
        self.mean.update(x);
        let deviation = x - self.mean.mean;
        self.sum_increase = self.alpha * self.sum_increase + deviation - self.delta;
        self.sum_decrease = self.alpha * self.sum_decrease + deviation + self.delta;
        self.min_increase = self.min_increase.min(self.sum_increase);
        self.max_decrease = self.max_decrease.max(self.sum_decrease);
        if self.mean.n >= self.min_instances as f64 {
            let increase = self.sum_increase - self.min_increase;
            let decrease = self.max_decrease - self.sum_decrease;
            self.drift = match self.mode.as_str() {
                "up" => increase > self.threshold,
                "down" => decrease > self.threshold,
                _ => increase > self.threshold || decrease > self.threshold,
            };
        }
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }
}
