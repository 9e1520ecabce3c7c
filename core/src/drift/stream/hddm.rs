use serde::{Deserialize, Serialize};

use super::{DriftDetector, RunningMean, check_binary, check_option};
use crate::drift::DriftError;

fn check_confidences(drift: f64, warning: f64) -> Result<(), DriftError> {
    check_option(
        "drift_confidence",
        drift,
        drift > 0.0 && drift < 1.0,
        "(0, 1)",
    )?;
    check_option(
        "warning_confidence",
        warning,
        warning > 0.0 && warning < 1.0,
        "(0, 1)",
    )
}

/// HDDM_A: Hoeffding-bound test of the error rate since its best cut point (Frías-Blanco et al.
/// 2015, "A" = moving averages; River's `HDDM_A`, same defaults and indices).
///
/// ```
/// use edgekit::drift::{DriftDetector, HddmA};
/// let mut hddm = HddmA::default();
/// let errors: Vec<f64> = (0..2000).map(|i| if i < 1000 { (i % 10 == 0) as u8 as f64 } else { (i % 2 == 0) as u8 as f64 }).collect();
/// let fired = hddm.update_many(&errors)?;
/// assert!(fired[0] > 1000 && fired[0] < 1100);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HddmA {
    drift_confidence: f64,
    warning_confidence: f64,
    two_sided_test: bool,
    x_min: RunningMean,
    x_max: RunningMean,
    z: RunningMean,
    drift: bool,
    warning: bool,
}

impl Default for HddmA {
    fn default() -> Self {
        Self::new(0.001, 0.005, false).expect("River's defaults are valid")
    }
}

impl HddmA {
    /// River's parameters.
    pub fn new(
        drift_confidence: f64,
        warning_confidence: f64,
        two_sided_test: bool,
    ) -> Result<Self, DriftError> {
        check_confidences(drift_confidence, warning_confidence)?;
        Ok(Self {
            drift_confidence,
            warning_confidence,
            two_sided_test,
            x_min: RunningMean::default(),
            x_max: RunningMean::default(),
            z: RunningMean::default(),
            drift: false,
            warning: false,
        })
    }

    fn hoeffding(&self, n: f64) -> f64 {
        (1.0 / (2.0 * n) * (1.0 / self.drift_confidence).ln()).sqrt()
    }

    fn mean_moved(&self, cut: &RunningMean, confidence: f64, increase: bool) -> bool {
        if cut.n == self.z.n {
            return false;
        }
        let m = (self.z.n - cut.n) / cut.n * (1.0 / self.z.n);
        let epsilon = (m / 2.0 * (2.0 / confidence).ln()).sqrt();
        if increase {
            self.z.mean - cut.mean >= epsilon
        } else {
            cut.mean - self.z.mean >= epsilon
        }
    }
}

impl DriftDetector for HddmA {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_binary(x)?;
        if self.drift {
            *self = Self::new(
                self.drift_confidence,
                self.warning_confidence,
                self.two_sided_test,
            )?;
        }
        self.z.update(x);
        if self.x_min.n == 0.0 {
            self.x_min = self.z;
        }
        if self.x_max.n == 0.0 {
            self.x_max = self.z;
        }
        let eps_z = self.hoeffding(self.z.n);
        if self.x_min.mean + self.hoeffding(self.x_min.n) >= self.z.mean + eps_z {
            self.x_min = self.z;
        }
        if self.x_max.mean - self.hoeffding(self.x_max.n) <= self.z.mean - eps_z {
            self.x_max = self.z;
        }
        if self.mean_moved(&self.x_min, self.drift_confidence, true) {
            self.warning = false;
            self.drift = true;
        } else if self.mean_moved(&self.x_min, self.warning_confidence, true) {
            self.warning = true;
            self.drift = false;
        } else {
            self.warning = false;
            self.drift = false;
        }
        if self.two_sided_test {
            if self.mean_moved(&self.x_max, self.drift_confidence, false) {
                self.drift = true;
            } else if self.mean_moved(&self.x_max, self.warning_confidence, false) {
                self.warning = true;
            }
        }
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }

    fn warning_detected(&self) -> bool {
        self.warning
    }
}

/// An exponentially weighted mean with its bound coefficient (River's `SampleInfo`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Weighted {
    ewma: f64,
    initialized: bool,
    ibc: f64,
}

impl Weighted {
    fn new() -> Self {
        Self {
            ewma: 0.0,
            initialized: false,
            ibc: 1.0,
        }
    }

    fn update(&mut self, x: f64, lambda: f64) {
        self.ewma = if self.initialized {
            lambda * x + (1.0 - lambda) * self.ewma
        } else {
            x
        };
        self.initialized = true;
        self.ibc = lambda * lambda + (1.0 - lambda) * (1.0 - lambda) * self.ibc;
    }
}

/// HDDM_W: McDiarmid-bound test on exponentially weighted error rates (Frías-Blanco et al.
/// 2015, "W" = weighted; River's `HDDM_W`, same defaults and indices).
///
/// ```
/// use edgekit::drift::{DriftDetector, HddmW};
/// let mut hddm = HddmW::default();
/// let errors: Vec<f64> = (0..2000).map(|i| if i < 1000 { (i % 10 == 0) as u8 as f64 } else { (i % 2 == 0) as u8 as f64 }).collect();
/// assert!(!hddm.update_many(&errors)?.is_empty());
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HddmW {
    drift_confidence: f64,
    warning_confidence: f64,
    lambda_val: f64,
    two_sided_test: bool,
    total: Weighted,
    s1_decr: Weighted,
    s1_incr: Weighted,
    s2_decr: Weighted,
    s2_incr: Weighted,
    #[serde(with = "crate::serde_float")]
    incr_cutpoint: f64,
    #[serde(with = "crate::serde_float")]
    decr_cutpoint: f64,
    drift: bool,
    warning: bool,
}

impl Default for HddmW {
    fn default() -> Self {
        Self::new(0.001, 0.005, 0.05, false).expect("River's defaults are valid")
    }
}

impl HddmW {
    /// River's parameters.
    pub fn new(
        drift_confidence: f64,
        warning_confidence: f64,
        lambda_val: f64,
        two_sided_test: bool,
    ) -> Result<Self, DriftError> {
        check_confidences(drift_confidence, warning_confidence)?;
        check_option(
            "lambda_val",
            lambda_val,
            lambda_val > 0.0 && lambda_val <= 1.0,
            "(0, 1]",
        )?;
        Ok(Self {
            drift_confidence,
            warning_confidence,
            lambda_val,
            two_sided_test,
            total: Weighted::new(),
            s1_decr: Weighted::new(),
            s1_incr: Weighted::new(),
            s2_decr: Weighted::new(),
            s2_incr: Weighted::new(),
            incr_cutpoint: f64::INFINITY,
            decr_cutpoint: f64::NEG_INFINITY,
            drift: false,
            warning: false,
        })
    }

    fn bound(ibc: f64, confidence: f64) -> f64 {
        (ibc * (1.0 / confidence).ln() / 2.0).sqrt()
    }

    fn changed(first: &Weighted, second: &Weighted, confidence: f64) -> bool {
        first.initialized
            && second.initialized
            && second.ewma - first.ewma > Self::bound(first.ibc + second.ibc, confidence)
    }
}

impl DriftDetector for HddmW {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_binary(x)?;
        if self.drift {
            *self = Self::new(
                self.drift_confidence,
                self.warning_confidence,
                self.lambda_val,
                self.two_sided_test,
            )?;
        }
        let lambda = self.lambda_val;
        self.total.update(x, lambda);
        let eps = Self::bound(self.total.ibc, self.drift_confidence);
        if self.total.ewma + eps < self.incr_cutpoint {
            self.incr_cutpoint = self.total.ewma + eps;
            self.s1_incr = self.total;
            self.s2_incr = Weighted::new();
        } else {
            self.s2_incr.update(x, lambda);
        }
        if Self::changed(&self.s1_incr, &self.s2_incr, self.drift_confidence) {
            self.warning = false;
            self.drift = true;
        } else if Self::changed(&self.s1_incr, &self.s2_incr, self.warning_confidence) {
            self.warning = true;
            self.drift = false;
        } else {
            self.warning = false;
            self.drift = false;
        }
        let eps = Self::bound(self.total.ibc, self.drift_confidence);
        if self.total.ewma - eps > self.decr_cutpoint {
            self.decr_cutpoint = self.total.ewma - eps;
            self.s1_decr = self.total;
            self.s2_decr = Weighted::new();
        } else {
            self.s2_decr.update(x, lambda);
        }
        if self.two_sided_test {
            if Self::changed(&self.s2_decr, &self.s1_decr, self.drift_confidence) {
                self.drift = true;
            } else if Self::changed(&self.s2_decr, &self.s1_decr, self.warning_confidence) {
                self.warning = true;
            }
        }
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }

    fn warning_detected(&self) -> bool {
        self.warning
    }
}
