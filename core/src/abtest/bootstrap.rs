//! Bootstrap confidence intervals (percentile, basic, BCa) for two-sample statistics, as
//! `scipy.stats.bootstrap` defines them (Efron & Tibshirani 1993, ch. 14, eq. 15.36), but
//! seeded per resample (wyrand, via fastrand) so results do not depend on the thread count, and with memory bounded
//! by the resample statistics alone (8 bytes each), never a resamples × values matrix.

use std::str::FromStr;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::alternative::check_unit;
use super::proportions::named_options;
use super::{AbtestError, Alternative};
use crate::stats::dist::{norm_cdf, norm_ppf};
use crate::stats::moments::check_finite;
use crate::stats::quantiles_sorted;
use crate::stats::seed::stream_seed;

named_options!(
    /// The statistic compared between control `a` and treatment `b`.
    BootstrapStatistic, "statistic", "\"mean_diff\" or \"ratio_of_means\"", {
    /// `mean(b) − mean(a)`.
    MeanDiff = "mean_diff",
    /// `mean(b) / mean(a)`.
    RatioOfMeans = "ratio_of_means",
});

named_options!(
    /// The bootstrap interval.
    BootstrapMethod, "method", "\"percentile\", \"basic\" or \"bca\"", {
    /// Quantiles of the bootstrap distribution.
    Percentile = "percentile",
    /// The percentile interval reflected around the estimate.
    Basic = "basic",
    /// Bias-corrected and accelerated (jackknife acceleration).
    Bca = "bca",
});

/// Options for [`bootstrap`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BootstrapOptions {
    /// The statistic (default mean difference).
    pub statistic: BootstrapStatistic,
    /// Resamples (default 9999, as scipy).
    pub n_resamples: usize,
    /// The interval (default BCa).
    pub method: BootstrapMethod,
    /// Confidence level (default 0.95).
    pub confidence: f64,
    /// Alternative: one-sided intervals have an infinite end (default two-sided).
    pub alternative: Alternative,
    /// Seed: equal seeds give equal answers on any machine and thread count.
    pub seed: u64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            statistic: BootstrapStatistic::MeanDiff,
            n_resamples: 9999,
            method: BootstrapMethod::Bca,
            confidence: 0.95,
            alternative: Alternative::TwoSided,
            seed: 0,
        }
    }
}

/// A bootstrap interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BootstrapResult {
    /// The statistic on the observed data.
    pub estimate: f64,
    /// The confidence interval.
    pub ci: (f64, f64),
    /// Standard deviation of the bootstrap distribution (`ddof = 1`).
    pub standard_error: f64,
}

impl BootstrapStatistic {
    fn of(self, mean_a: f64, mean_b: f64) -> f64 {
        match self {
            BootstrapStatistic::MeanDiff => mean_b - mean_a,
            BootstrapStatistic::RatioOfMeans => mean_b / mean_a,
        }
    }
}

/// Sum of `values.len()` values drawn with replacement from `values`. Indices are unbiased
/// 32-bit draws (Lemire 2019), two per 64-bit generator output.
fn resample_sum(values: &[f64], rng: &mut fastrand::Rng) -> f64 {
    let n = values.len() as u32;
    let threshold = n.wrapping_neg() % n;
    let draw = |word: u32, rng: &mut fastrand::Rng| {
        let mut product = u64::from(word) * u64::from(n);
        while (product as u32) < threshold {
            product = u64::from(rng.u32(..)) * u64::from(n);
        }
        (product >> 32) as usize
    };
    // Four accumulators: a single running sum would wait on each add's latency.
    let mut sums = [0.0; 4];
    for _ in 0..values.len() / 4 {
        let (first, second) = (rng.u64(..), rng.u64(..));
        sums[0] += values[draw(first as u32, rng)];
        sums[1] += values[draw((first >> 32) as u32, rng)];
        sums[2] += values[draw(second as u32, rng)];
        sums[3] += values[draw((second >> 32) as u32, rng)];
    }
    for _ in 0..values.len() % 4 {
        let word = rng.u32(..);
        sums[0] += values[draw(word, rng)];
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3])
}

/// BCa's jackknife acceleration `â` for two samples, exactly as scipy computes it: leave-one-out statistics over each
/// sample in turn, `a = Σ U³ / (6 (Σ U²)^{3/2})` with per-sample scaling.
pub fn bca_acceleration(a: &[f64], b: &[f64], statistic: BootstrapStatistic) -> f64 {
    let (sum_a, sum_b) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let (mean_a, mean_b) = (sum_a / na, sum_b / nb);
    // One sample's contribution: Σ U³ / n³ and Σ U² / n², with U = (n − 1)(θ̄ − θ_i).
    let moments = |jackknife: Vec<f64>, n: f64| {
        let dot = jackknife.iter().sum::<f64>() / n;
        let (mut cubes, mut squares) = (0.0, 0.0);
        for theta in jackknife {
            let u = (n - 1.0) * (dot - theta);
            cubes += u * u * u;
            squares += u * u;
        }
        (cubes / n.powi(3), squares / n.powi(2))
    };
    let leave_out_a: Vec<f64> = a
        .iter()
        .map(|&x| statistic.of((sum_a - x) / (na - 1.0), mean_b))
        .collect();
    let leave_out_b: Vec<f64> = b
        .iter()
        .map(|&x| statistic.of(mean_a, (sum_b - x) / (nb - 1.0)))
        .collect();
    let (cubes_a, squares_a) = moments(leave_out_a, na);
    let (cubes_b, squares_b) = moments(leave_out_b, nb);
    (cubes_a + cubes_b) / (6.0 * (squares_a + squares_b).powf(1.5))
}

/// Bootstrap confidence interval for a two-sample statistic of control `a` and treatment `b`.
///
/// ```
/// use edgekit::abtest::{bootstrap, BootstrapOptions};
///
/// let a: Vec<f64> = (0..200).map(|i| (i % 17) as f64).collect();
/// let b: Vec<f64> = (0..220).map(|i| (i % 19) as f64 + 0.5).collect();
/// let options = BootstrapOptions { n_resamples: 2000, seed: 7, ..Default::default() };
/// let r = bootstrap(&a, &b, &options)?;
/// assert!(r.ci.0 < r.estimate && r.estimate < r.ci.1);
/// assert_eq!(r, bootstrap(&a, &b, &options)?); // same seed, same answer
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn bootstrap(
    a: &[f64],
    b: &[f64],
    options: &BootstrapOptions,
) -> Result<BootstrapResult, AbtestError> {
    let confidence = check_unit("confidence", options.confidence)?;
    for (values, name) in [(a, "a"), (b, "b")] {
        if values.len() < 2 {
            return Err(AbtestError::TooFew {
                argument: name,
                needed: 2,
                got: values.len(),
            });
        }
        if values.len() >= u32::MAX as usize {
            return Err(AbtestError::InvalidCount(format!(
                "{name} has {} values; the bootstrap takes fewer than 2^32",
                values.len()
            )));
        }
        check_finite(values, name)?;
    }
    if options.n_resamples < 2 {
        return Err(AbtestError::TooFew {
            argument: "n_resamples",
            needed: 2,
            got: options.n_resamples,
        });
    }
    let statistic = options.statistic;
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let (mean_a, mean_b) = (a.iter().sum::<f64>() / na, b.iter().sum::<f64>() / nb);
    if statistic == BootstrapStatistic::RatioOfMeans && mean_a == 0.0 {
        return Err(AbtestError::Undefined(
            "mean(a) is 0, so the ratio of means is undefined".to_owned(),
        ));
    }
    let estimate = statistic.of(mean_a, mean_b);

    let mut distribution: Vec<f64> = (0..options.n_resamples as u64)
        .into_par_iter()
        .map(|r| {
            let mut rng = fastrand::Rng::with_seed(stream_seed(options.seed, r));
            let mean_a = resample_sum(a, &mut rng) / na;
            let mean_b = resample_sum(b, &mut rng) / nb;
            statistic.of(mean_a, mean_b)
        })
        .collect();
    if distribution.iter().any(|t| !t.is_finite()) {
        return Err(AbtestError::Undefined(
            "a resample's statistic is not finite (a resampled mean(a) of 0 in a ratio)".to_owned(),
        ));
    }
    let resamples = distribution.len() as f64;
    let mean = distribution.iter().sum::<f64>() / resamples;
    let standard_error =
        (distribution.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / (resamples - 1.0)).sqrt();

    let tail = match options.alternative {
        Alternative::TwoSided => (1.0 - confidence) / 2.0,
        _ => 1.0 - confidence,
    };
    let levels = match options.method {
        BootstrapMethod::Percentile | BootstrapMethod::Basic => (tail, 1.0 - tail),
        BootstrapMethod::Bca => {
            let below = distribution.iter().filter(|&&t| t < estimate).count();
            let at_or_below = distribution.iter().filter(|&&t| t <= estimate).count();
            let z0 = norm_ppf((below + at_or_below) as f64 / (2.0 * resamples));
            let accel = bca_acceleration(a, b, statistic);
            let adjust = |z: f64| norm_cdf(z0 + (z0 + z) / (1.0 - accel * (z0 + z)));
            let z = norm_ppf(tail);
            (adjust(z), adjust(-z))
        }
    };
    if !(levels.0.is_finite() && levels.1.is_finite()) {
        return Err(AbtestError::Undefined(
            "the BCa interval is undefined for this bootstrap distribution (degenerate data)"
                .to_owned(),
        ));
    }
    distribution.par_sort_unstable_by(f64::total_cmp);
    let bounds = quantiles_sorted(&distribution, &[levels.0, levels.1])?;
    let (mut low, mut high) = (bounds[0], bounds[1]);
    if options.method == BootstrapMethod::Basic {
        (low, high) = (2.0 * estimate - high, 2.0 * estimate - low);
    }
    match options.alternative {
        Alternative::Larger => high = f64::INFINITY,
        Alternative::Smaller => low = f64::NEG_INFINITY,
        Alternative::TwoSided => {}
    }
    Ok(BootstrapResult {
        estimate,
        ci: (low, high),
        standard_error,
    })
}
