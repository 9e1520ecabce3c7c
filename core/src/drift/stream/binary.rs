use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::{DriftDetector, RunningMean, check_binary, check_option};
use crate::drift::DriftError;

/// DDM: watches the error rate `p` and its standard deviation `s`; warning when `p + s` exceeds
/// the best `p_min + 2 s_min`, drift past `p_min + 3 s_min` (Gama et al. 2004; River's `DDM`).
///
/// ```
/// use edgekit::drift::{Ddm, DriftDetector};
/// let mut ddm = Ddm::default();
/// let errors: Vec<f64> = (0..3000).map(|i| if i < 2000 { (i % 10 == 0) as u8 as f64 } else { (i % 2 == 0) as u8 as f64 }).collect();
/// let fired = ddm.update_many(&errors)?;
/// assert!(fired[0] > 2000 && fired[0] < 2100);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ddm {
    warm_start: u64,
    warning_threshold: f64,
    drift_threshold: f64,
    rate: RunningMean,
    #[serde(with = "crate::serde_float")]
    p_min: f64,
    #[serde(with = "crate::serde_float")]
    s_min: f64,
    #[serde(with = "crate::serde_float")]
    ps_min: f64,
    drift: bool,
    warning: bool,
}

impl Default for Ddm {
    fn default() -> Self {
        Self::new(30, 2.0, 3.0).expect("River's defaults are valid")
    }
}

impl Ddm {
    /// River's parameters.
    pub fn new(
        warm_start: u64,
        warning_threshold: f64,
        drift_threshold: f64,
    ) -> Result<Self, DriftError> {
        check_option(
            "warning_threshold",
            warning_threshold,
            warning_threshold.is_finite() && warning_threshold > 0.0,
            "(0, ∞)",
        )?;
        check_option(
            "drift_threshold",
            drift_threshold,
            drift_threshold.is_finite() && drift_threshold > 0.0,
            "(0, ∞)",
        )?;
        Ok(Self {
            warm_start,
            warning_threshold,
            drift_threshold,
            rate: RunningMean::default(),
            p_min: f64::NAN,
            s_min: f64::NAN,
            ps_min: f64::INFINITY,
            drift: false,
            warning: false,
        })
    }
}

impl DriftDetector for Ddm {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_binary(x)?;
        if self.drift {
            *self = Self::new(
                self.warm_start,
                self.warning_threshold,
                self.drift_threshold,
            )?;
        }
        self.rate.update(x);
        let (p, n) = (self.rate.mean, self.rate.n);
        let s = (p * (1.0 - p) / n).sqrt();
        if n > self.warm_start as f64 {
            if p + s <= self.ps_min {
                self.p_min = p;
                self.s_min = s;
                self.ps_min = p + s;
            }
            self.warning = p + s > self.p_min + self.warning_threshold * self.s_min;
            if p + s > self.p_min + self.drift_threshold * self.s_min {
                self.drift = true;
                self.warning = false;
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

/// EDDM: watches the distance between consecutive errors; drift when its mean + 2 sd falls
/// below `beta` of its maximum, warning below `alpha` (Baena-García et al. 2006; River's `EDDM`).
///
/// ```
/// use edgekit::drift::{DriftDetector, Eddm};
/// let mut eddm = Eddm::default();
/// let errors: Vec<f64> = (0..4000).map(|i| if i < 3000 { (i % 20 == 0) as u8 as f64 } else { (i % 2 == 0) as u8 as f64 }).collect();
/// assert!(!eddm.update_many(&errors)?.is_empty());
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Eddm {
    warm_start: u64,
    alpha: f64,
    beta: f64,
    distances: RunningMean,
    distance_s: f64,
    n: u64,
    last_error: u64,
    n_errors: u64,
    p2s_max: f64,
    drift: bool,
    warning: bool,
}

impl Default for Eddm {
    fn default() -> Self {
        Self::new(30, 0.95, 0.9).expect("River's defaults are valid")
    }
}

impl Eddm {
    /// River's parameters; `alpha ≥ beta`.
    pub fn new(warm_start: u64, alpha: f64, beta: f64) -> Result<Self, DriftError> {
        check_option("alpha", alpha, alpha > 0.0 && alpha <= 1.0, "(0, 1]")?;
        check_option("beta", beta, beta > 0.0 && beta <= alpha, "(0, alpha]")?;
        Ok(Self {
            warm_start,
            alpha,
            beta,
            distances: RunningMean::default(),
            distance_s: 0.0,
            n: 0,
            last_error: 0,
            n_errors: 0,
            p2s_max: -1.0,
            drift: false,
            warning: false,
        })
    }
}

impl DriftDetector for Eddm {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_binary(x)?;
        if self.drift {
            *self = Self::new(self.warm_start, self.alpha, self.beta)?;
        }
        self.n += 1;
        if x == 1.0 {
            self.n_errors += 1;
            // River's stats.Var (Welford, ddof = 1).
            let distance = (self.n - self.last_error) as f64;
            let old = self.distances.mean;
            self.distances.update(distance);
            self.distance_s += (distance - old) * (distance - self.distances.mean);
            if self.n > self.warm_start {
                let variance = if self.distances.n > 1.0 {
                    self.distance_s / (self.distances.n - 1.0)
                } else {
                    0.0
                };
                let p2s = self.distances.mean + 2.0 * variance.sqrt();
                if p2s > self.p2s_max {
                    self.p2s_max = p2s;
                } else if self.n_errors > self.warm_start {
                    let level = p2s / self.p2s_max;
                    if level < self.beta {
                        self.drift = true;
                    } else {
                        self.warning = level < self.alpha;
                    }
                }
            }
            self.last_error = self.n;
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

/// FHDDM: the mean of a sliding window of bits against its best (highest) value, with a
/// Hoeffding bound (Pesaranghader & Viktor 2016; River's `FHDDM`, optional short window as in
/// its stacking variant). It flags a *fall* of the mean: feed 1 for a correct prediction, as the
/// paper does, to catch accuracy drops. (River's docstring calls 1 an error, but its rule — kept
/// here for identical indices — fires when the share of 1s falls.)
///
/// ```
/// use edgekit::drift::{DriftDetector, Fhddm};
/// let mut fhddm = Fhddm::default();
/// // 1 = correct: accuracy 90% then 50%.
/// let correct: Vec<f64> = (0..2000).map(|i| if i < 1000 { (i % 10 != 0) as u8 as f64 } else { (i % 2 == 0) as u8 as f64 }).collect();
/// let fired = fhddm.update_many(&correct)?;
/// assert!(fired[0] > 1000 && fired[0] < 1100);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fhddm {
    sliding_window_size: usize,
    confidence_level: f64,
    short_window_size: Option<usize>,
    window: VecDeque<f64>,
    n_one: f64,
    u_max: f64,
    u_short_max: f64,
    drift: bool,
}

impl Default for Fhddm {
    fn default() -> Self {
        Self::new(100, 0.000001, None).expect("River's defaults are valid")
    }
}

impl Fhddm {
    /// River's parameters.
    pub fn new(
        sliding_window_size: usize,
        confidence_level: f64,
        short_window_size: Option<usize>,
    ) -> Result<Self, DriftError> {
        crate::limits::check_count(
            "sliding_window_size",
            sliding_window_size,
            1,
            crate::limits::MAX_WINDOW,
        )?;
        check_option(
            "confidence_level",
            confidence_level,
            confidence_level > 0.0 && confidence_level < 1.0,
            "(0, 1)",
        )?;
        if let Some(short) = short_window_size {
            check_option(
                "short_window_size",
                short as f64,
                short >= 1 && short <= sliding_window_size,
                "[1, sliding_window_size]",
            )?;
        }
        Ok(Self {
            sliding_window_size,
            confidence_level,
            short_window_size,
            window: VecDeque::with_capacity(sliding_window_size),
            n_one: 0.0,
            u_max: 0.0,
            u_short_max: 0.0,
            drift: false,
        })
    }

    fn epsilon(&self, size: usize) -> f64 {
        ((1.0 / self.confidence_level).ln() / (2.0 * size as f64)).sqrt()
    }
}

impl DriftDetector for Fhddm {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_binary(x)?;
        if self.drift {
            *self = Self::new(
                self.sliding_window_size,
                self.confidence_level,
                self.short_window_size,
            )?;
        }
        self.window.push_back(x);
        self.n_one += x;
        if self.window.len() == self.sliding_window_size {
            let u = self.n_one / self.sliding_window_size as f64;
            if self.u_max < u {
                self.u_max = u;
            }
            let mut short_drift = false;
            if let Some(short) = self.short_window_size {
                let sum: f64 = self
                    .window
                    .iter()
                    .skip(self.sliding_window_size - short)
                    .sum();
                let u_short = sum / short as f64;
                if self.u_short_max < u_short {
                    self.u_short_max = u_short;
                }
                short_drift = self.u_short_max - u_short > self.epsilon(short);
            }
            self.drift = self.u_max - u > self.epsilon(self.sliding_window_size) || short_drift;
            self.n_one -= self.window.pop_front().unwrap_or(0.0);
        }
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }
}
