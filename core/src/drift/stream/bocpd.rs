use serde::{Deserialize, Serialize};

use super::{DriftDetector, check_option, check_value};
use crate::drift::DriftError;

/// Normal-Gamma posterior of one run length.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct NormalGamma {
    mu: f64,
    kappa: f64,
    alpha: f64,
    beta: f64,
}

impl NormalGamma {
    /// Student-t predictive density of `x`.
    fn predictive(&self, x: f64) -> f64 {
        let dof = 2.0 * self.alpha;
        let scale2 = self.beta * (self.kappa + 1.0) / (self.alpha * self.kappa);
        let z2 = (x - self.mu) * (x - self.mu) / scale2;
        let log = libm::lgamma((dof + 1.0) / 2.0)
            - libm::lgamma(dof / 2.0)
            - 0.5 * (dof * std::f64::consts::PI * scale2).ln()
            - (dof + 1.0) / 2.0 * (z2 / dof).ln_1p();
        log.exp()
    }

    fn updated(&self, x: f64) -> Self {
        Self {
            mu: (self.kappa * self.mu + x) / (self.kappa + 1.0),
            kappa: self.kappa + 1.0,
            alpha: self.alpha + 0.5,
            beta: self.beta
                + self.kappa * (x - self.mu) * (x - self.mu) / (2.0 * (self.kappa + 1.0)),
        }
    }
}

/// Bayesian online change-point detection (Adams & MacKay 2007) for a Gaussian stream with
/// unknown mean and variance (Normal-Gamma prior) and a constant hazard `1 / expected_run`.
///
/// The run-length posterior is kept exactly up to `max_run` (older mass is folded into the
/// longest run). Without a change the most probable run length grows by one per value; drift
/// is reported when it falls by more than `min_drop` in one step (a younger run has overtaken),
/// once `warm_start` values have been seen since the last detection; the detector then restarts
/// from its prior. The prior assumes roughly
/// standardized data (`mu0 = 0`, `kappa0 = 1`, `alpha0 = 1`, `beta0 = 1`): set it to the
/// stream's scale otherwise.
///
/// ```
/// use edgekit::drift::{Bocpd, DriftDetector};
/// let mut bocpd = Bocpd::default();
/// let stream: Vec<f64> = (0..400).map(|i| ((i * 37 % 11) as f64 - 5.0) / 5.0 + if i >= 200 { 3.0 } else { 0.0 }).collect();
/// let fired = bocpd.update_many(&stream)?;
/// assert!(fired.len() == 1 && fired[0] >= 200 && fired[0] < 210);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bocpd {
    expected_run: f64,
    prior: NormalGamma,
    min_drop: usize,
    warm_start: usize,
    max_run: usize,
    probabilities: Vec<f64>,
    posteriors: Vec<NormalGamma>,
    seen: usize,
    map_run: usize,
    drift: bool,
}

impl Default for Bocpd {
    fn default() -> Self {
        Self::new(250.0, [0.0, 1.0, 1.0, 1.0], 10, 20, 1000).expect("defaults are valid")
    }
}

impl Bocpd {
    /// `expected_run` = 1 / hazard; `prior` = `[mu0, kappa0, alpha0, beta0]`; drift when the most
    /// probable run length falls by more than `min_drop`.
    pub fn new(
        expected_run: f64,
        prior: [f64; 4],
        min_drop: usize,
        warm_start: usize,
        max_run: usize,
    ) -> Result<Self, DriftError> {
        crate::limits::check_count("max_run", max_run, 1, crate::limits::MAX_WINDOW)?;
        check_option(
            "expected_run",
            expected_run,
            expected_run > 1.0 && expected_run.is_finite(),
            "(1, ∞)",
        )?;
        check_option("mu0", prior[0], prior[0].is_finite(), "finite")?;
        for (name, value) in [
            ("kappa0", prior[1]),
            ("alpha0", prior[2]),
            ("beta0", prior[3]),
        ] {
            check_option(name, value, value > 0.0 && value.is_finite(), "(0, ∞)")?;
        }
        check_option("min_drop", min_drop as f64, min_drop >= 1, "[1, ∞)")?;
        check_option(
            "max_run",
            max_run as f64,
            max_run > min_drop,
            "(min_drop, ∞)",
        )?;
        let prior = NormalGamma {
            mu: prior[0],
            kappa: prior[1],
            alpha: prior[2],
            beta: prior[3],
        };
        Ok(Self {
            expected_run,
            prior,
            min_drop,
            warm_start,
            max_run,
            probabilities: vec![1.0],
            posteriors: vec![prior],
            seen: 0,
            map_run: 0,
            drift: false,
        })
    }

    /// The posterior over the current run length (index = run length).
    pub fn run_length_posterior(&self) -> &[f64] {
        &self.probabilities
    }

    /// The most probable current run length.
    pub fn most_probable_run(&self) -> usize {
        self.probabilities
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
            .unwrap_or(0)
    }

    fn reset(&mut self) {
        self.probabilities = vec![1.0];
        self.posteriors = vec![self.prior];
        self.seen = 0;
        self.map_run = 0;
        self.drift = false;
    }
}

impl DriftDetector for Bocpd {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_value(x)?;
        if self.drift {
            self.reset();
        }
        let hazard = 1.0 / self.expected_run;
        let mut next = Vec::with_capacity(self.probabilities.len() + 1);
        next.push(0.0);
        let mut change = 0.0;
        for (p, posterior) in self.probabilities.iter().zip(&self.posteriors) {
            let weighted = p * posterior.predictive(x);
            next.push(weighted * (1.0 - hazard));
            change += weighted * hazard;
        }
        next[0] = change;
        let total: f64 = next.iter().sum();
        let mut posteriors = Vec::with_capacity(self.posteriors.len() + 1);
        posteriors.push(self.prior);
        posteriors.extend(self.posteriors.iter().map(|p| p.updated(x)));
        if total > 0.0 && total.is_finite() {
            next.iter_mut().for_each(|p| *p /= total);
        } else {
            // x is impossible under every run: certainly a change.
            next = vec![1.0];
            posteriors.truncate(1);
        }
        if next.len() > self.max_run {
            let tail: f64 = next[self.max_run..].iter().sum();
            next.truncate(self.max_run);
            posteriors.truncate(self.max_run);
            *next.last_mut().expect("max_run ≥ 2") += tail;
        }
        self.probabilities = next;
        self.posteriors = posteriors;
        self.seen += 1;
        let map_run = self.most_probable_run();
        self.drift = self.seen > self.warm_start && map_run + self.min_drop < self.map_run;
        self.map_run = map_run;
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }
}
