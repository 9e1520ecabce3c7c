//! Paired bootstrap of a model-metric difference on one evaluation set: accuracy, log-loss
//! or Brier score of model `b` minus model `a`, resampling observations (with both models'
//! predictions kept together), as `scipy.stats.bootstrap(..., paired=True)`. These metrics are
//! means of per-observation scores, so the difference is the mean of per-observation
//! differences and each resample costs one pass; AUC is not a mean (use [`delong`](super::delong)).

use crate::limits::{MAX_RESAMPLE_WORK, check_work};
use std::str::FromStr;

use rayon::prelude::*;

use super::bootstrap::{check_options, check_sample, interval, resample_sum};
use super::proportions::named_options;
use super::{AbtestError, BootstrapOptions, BootstrapResult};
use crate::stats::seed::stream_seed;

named_options!(
    /// A per-observation model metric.
    ModelMetric, "metric", "\"accuracy\", \"log_loss\" or \"brier\"", {
    /// Share of correct labels (a prediction ≥ 0.5 means class 1).
    Accuracy = "accuracy",
    /// Mean negative log-likelihood, probabilities clipped to `[ε, 1 − ε]` with `ε` the
    /// double-precision machine epsilon (scikit-learn's default).
    LogLoss = "log_loss",
    /// Mean squared error of the probability.
    Brier = "brier",
});

/// Options of [`paired_bootstrap`] as the faces take them: the metric and the bootstrap's
/// own options (the statistic is the metric's difference, so it is not an option here).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PairedBootstrapOptions {
    /// The per-observation metric (default accuracy).
    pub metric: ModelMetric,
    /// Resamples (default 9999).
    pub n_resamples: usize,
    /// The interval (default BCa).
    pub method: super::BootstrapMethod,
    /// Confidence level (default 0.95).
    pub confidence: f64,
    /// Alternative (default two-sided).
    pub alternative: super::Alternative,
    /// Seed.
    pub seed: u64,
}

impl Default for PairedBootstrapOptions {
    fn default() -> Self {
        let b = BootstrapOptions::default();
        PairedBootstrapOptions {
            metric: ModelMetric::Accuracy,
            n_resamples: b.n_resamples,
            method: b.method,
            confidence: b.confidence,
            alternative: b.alternative,
            seed: b.seed,
        }
    }
}

impl PairedBootstrapOptions {
    /// The bootstrap part of these options.
    pub fn bootstrap(&self) -> BootstrapOptions {
        BootstrapOptions {
            n_resamples: self.n_resamples,
            method: self.method,
            confidence: self.confidence,
            alternative: self.alternative,
            seed: self.seed,
            ..BootstrapOptions::default()
        }
    }
}

impl ModelMetric {
    fn score(self, label: f64, prediction: f64) -> f64 {
        match self {
            ModelMetric::Accuracy => f64::from(u8::from((prediction >= 0.5) == (label == 1.0))),
            ModelMetric::LogLoss => {
                let p = prediction.clamp(f64::EPSILON, 1.0 - f64::EPSILON);
                if label == 1.0 { -p.ln() } else { -(-p).ln_1p() }
            }
            ModelMetric::Brier => (prediction - label).powi(2),
        }
    }
}

/// Bootstrap interval of `metric(b) − metric(a)` on labels `y` (0 or 1) with both models'
/// probabilities (or 0/1 labels for accuracy). `options.statistic` is not used.
///
/// ```
/// use edgekit::abtest::{paired_bootstrap, BootstrapOptions, ModelMetric};
///
/// let y: Vec<f64> = (0..400).map(|i| f64::from(i % 3 == 0)).collect();
/// let a: Vec<f64> = y.iter().enumerate().map(|(i, &t)| if i % 5 == 0 { 1.0 - t } else { t }).collect();
/// let b: Vec<f64> = y.iter().enumerate().map(|(i, &t)| if i % 9 == 0 { 1.0 - t } else { t }).collect();
/// let options = BootstrapOptions { n_resamples: 2000, seed: 3, ..Default::default() };
/// let r = paired_bootstrap(&y, &a, &b, ModelMetric::Accuracy, &options)?;
/// assert!(r.estimate > 0.0 && r.ci.0 > 0.0); // b is more accurate
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn paired_bootstrap(
    y: &[f64],
    pred_a: &[f64],
    pred_b: &[f64],
    metric: ModelMetric,
    options: &BootstrapOptions,
) -> Result<BootstrapResult, AbtestError> {
    check_options(options)?;
    for (values, name) in [(y, "y"), (pred_a, "pred_a"), (pred_b, "pred_b")] {
        check_sample(values, name)?;
    }
    for (values, name) in [(pred_a, "pred_a"), (pred_b, "pred_b")] {
        if values.len() != y.len() {
            return Err(AbtestError::LengthMismatch {
                first: "y",
                first_len: y.len(),
                second: name,
                second_len: values.len(),
            });
        }
        if let Some(i) = values.iter().position(|p| !(0.0..=1.0).contains(p)) {
            return Err(AbtestError::InvalidCount(format!(
                "{name}[{i}] = {} is not a probability in [0, 1]",
                values[i]
            )));
        }
    }
    if let Some(i) = y.iter().position(|&t| t != 0.0 && t != 1.0) {
        return Err(AbtestError::InvalidCount(format!(
            "y[{i}] = {} is not a 0/1 label",
            y[i]
        )));
    }
    let differences: Vec<f64> = y
        .iter()
        .zip(pred_a.iter().zip(pred_b))
        .map(|(&t, (&a, &b))| metric.score(t, b) - metric.score(t, a))
        .collect();
    check_work(
        "n_resamples",
        options.n_resamples,
        differences.len(),
        MAX_RESAMPLE_WORK,
    )?;
    let n = differences.len() as f64;
    let total: f64 = differences.iter().sum();
    let estimate = total / n;
    let distribution: Vec<f64> = (0..options.n_resamples as u64)
        .into_par_iter()
        .map(|r| {
            let mut rng = fastrand::Rng::with_seed(stream_seed(options.seed, r));
            resample_sum(&differences, &mut rng) / n
        })
        .collect();
    // One-sample jackknife of the mean: â = Σ U³ / (6 (Σ U²)^{3/2}).
    let acceleration = || {
        let (mut cubes, mut squares) = (0.0, 0.0);
        for &d in &differences {
            let u = (n - 1.0) * (estimate - (total - d) / (n - 1.0));
            cubes += u * u * u;
            squares += u * u;
        }
        cubes / (6.0 * squares.powf(1.5))
    };
    interval(distribution, estimate, acceleration, options)
}
