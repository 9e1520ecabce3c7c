use serde::{Deserialize, Serialize};

use super::{DriftDetector, RunningMean, check_option, check_value};
use crate::drift::DriftError;

/// Two-sided tabular CUSUM (Page 1954; Montgomery, *Statistical Quality Control*, §9.1):
/// the first `warm_start` values estimate the in-control mean and standard deviation, then
/// `S⁺ = max(0, S⁺ + z − k)` and `S⁻ = max(0, S⁻ − z − k)` on standardized values `z`;
/// drift when either exceeds `h`. Defaults `k = 0.5`, `h = 5` (in standard deviations) detect a
/// 1σ shift in about 10 values with an in-control run length near 465.
///
/// ```
/// use edgekit::drift::{Cusum, DriftDetector};
/// let mut cusum = Cusum::default();
/// let stream: Vec<f64> = (0..300).map(|i| (i % 5) as f64 + if i >= 150 { 3.0 } else { 0.0 }).collect();
/// let fired = cusum.update_many(&stream)?;
/// assert!(fired[0] >= 150 && fired[0] < 160);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cusum {
    warm_start: u64,
    k: f64,
    h: f64,
    baseline: RunningMean,
    baseline_s: f64,
    upper: f64,
    lower: f64,
    drift: bool,
}

impl Default for Cusum {
    fn default() -> Self {
        Self::new(30, 0.5, 5.0).expect("defaults are valid")
    }
}

impl Cusum {
    /// `warm_start` values (at least 2) set the baseline; slack `k` and threshold `h` in standard
    /// deviations.
    pub fn new(warm_start: u64, k: f64, h: f64) -> Result<Self, DriftError> {
        check_option("warm_start", warm_start as f64, warm_start >= 2, "[2, ∞)")?;
        check_option("k", k, k.is_finite() && k >= 0.0, "[0, ∞)")?;
        check_option("h", h, h.is_finite() && h > 0.0, "(0, ∞)")?;
        Ok(Self {
            warm_start,
            k,
            h,
            baseline: RunningMean::default(),
            baseline_s: 0.0,
            upper: 0.0,
            lower: 0.0,
            drift: false,
        })
    }

    /// The upper and lower cumulative sums.
    pub fn sums(&self) -> (f64, f64) {
        (self.upper, self.lower)
    }
}

impl DriftDetector for Cusum {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_value(x)?;
        if self.drift {
            *self = Self::new(self.warm_start, self.k, self.h)?;
        }
        if self.baseline.n < self.warm_start as f64 {
            let old = self.baseline.mean;
            self.baseline.update(x);
            self.baseline_s += (x - old) * (x - self.baseline.mean);
            return Ok(false);
        }
        let sd = (self.baseline_s / (self.baseline.n - 1.0)).sqrt();
        // A constant baseline has no scale: any departure from it is drift.
        let z = if sd > 0.0 {
            (x - self.baseline.mean) / sd
        } else if x == self.baseline.mean {
            0.0
        } else {
            f64::INFINITY.copysign(x - self.baseline.mean)
        };
        self.upper = (self.upper + z - self.k).max(0.0);
        self.lower = (self.lower - z - self.k).max(0.0);
        self.drift = self.upper > self.h || self.lower > self.h;
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }
}
