//! Bootstrap confidence intervals (percentile, basic, BCa) for two-sample statistics (means,
//! medians, quantiles) and for paired model-metric differences, as `scipy.stats.bootstrap`
//! defines them (Efron & Tibshirani 1993, ch. 14, eq. 15.36), but seeded per resample (wyrand,
//! via fastrand) so results do not depend on the thread count, and with memory bounded by the
//! resample statistics (8 bytes each) plus one scratch copy of the data per thread for quantile
//! statistics, never a resamples × values matrix.

use crate::limits::{MAX_RESAMPLE_WORK, MAX_RESAMPLES, check_count, check_work};
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
    BootstrapStatistic, "statistic",
    "\"mean_diff\", \"ratio_of_means\", \"median_diff\" or \"quantile_diff\"", {
    /// `mean(b) − mean(a)`.
    MeanDiff = "mean_diff",
    /// `mean(b) / mean(a)`.
    RatioOfMeans = "ratio_of_means",
    /// `median(b) − median(a)`.
    MedianDiff = "median_diff",
    /// `Q_q(b) − Q_q(a)` at `options.quantile` (numpy's default "linear" quantile).
    QuantileDiff = "quantile_diff",
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
#[serde(default, deny_unknown_fields)]
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
    /// The probability of "quantile_diff" (default 0.5).
    pub quantile: f64,
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
            quantile: 0.5,
        }
    }
}

/// A bootstrap interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct BootstrapResult {
    /// The statistic on the observed data.
    pub estimate: f64,
    /// The confidence interval.
    #[cfg_attr(feature = "typescript", ts(type = "[number | null, number | null]"))]
    pub ci: (f64, f64),
    /// Standard deviation of the bootstrap distribution (`ddof = 1`).
    pub standard_error: f64,
}

impl BootstrapStatistic {
    /// Combines the groups' summaries (means or quantiles) into the statistic.
    fn of(self, a: f64, b: f64) -> f64 {
        match self {
            BootstrapStatistic::RatioOfMeans => b / a,
            _ => b - a,
        }
    }

    /// The quantile a quantile statistic compares, `None` for means.
    fn quantile(self, options: &BootstrapOptions) -> Option<f64> {
        match self {
            BootstrapStatistic::MedianDiff => Some(0.5),
            BootstrapStatistic::QuantileDiff => Some(options.quantile),
            _ => None,
        }
    }
}

/// An unbiased index below `n` from a 32-bit word (Lemire 2019).
#[inline]
fn draw(word: u32, n: u32, threshold: u32, rng: &mut fastrand::Rng) -> usize {
    let mut product = u64::from(word) * u64::from(n);
    while (product as u32) < threshold {
        product = u64::from(rng.u32(..)) * u64::from(n);
    }
    (product >> 32) as usize
}

/// Sum of `values.len()` values drawn with replacement from `values`, two indices per 64-bit
/// generator output.
pub(super) fn resample_sum(values: &[f64], rng: &mut fastrand::Rng) -> f64 {
    let n = values.len() as u32;
    let threshold = n.wrapping_neg() % n;
    // Four accumulators: a single running sum would wait on each add's latency.
    let mut sums = [0.0; 4];
    for _ in 0..values.len() / 4 {
        let (first, second) = (rng.u64(..), rng.u64(..));
        sums[0] += values[draw(first as u32, n, threshold, rng)];
        sums[1] += values[draw((first >> 32) as u32, n, threshold, rng)];
        sums[2] += values[draw(second as u32, n, threshold, rng)];
        sums[3] += values[draw((second >> 32) as u32, n, threshold, rng)];
    }
    for _ in 0..values.len() % 4 {
        let word = rng.u32(..);
        sums[0] += values[draw(word, n, threshold, rng)];
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3])
}

/// Fills `buffer` with `values.len()` draws with replacement from `values`.
fn resample_into(values: &[f64], rng: &mut fastrand::Rng, buffer: &mut Vec<f64>) {
    let n = values.len() as u32;
    let threshold = n.wrapping_neg() % n;
    buffer.clear();
    for _ in 0..values.len() {
        let word = rng.u32(..);
        buffer.push(values[draw(word, n, threshold, rng)]);
    }
}

/// numpy's "linear" interpolation between neighbouring order statistics.
fn lerp(low: f64, high: f64, fraction: f64) -> f64 {
    if fraction == 0.0 {
        low
    } else {
        low + fraction * (high - low)
    }
}

/// The `q` quantile ("linear") of unsorted values by selection; reorders `values`.
fn select_quantile(values: &mut [f64], q: f64) -> f64 {
    let position = q * (values.len() - 1) as f64;
    let index = position.floor() as usize;
    let (_, &mut low, above) = values.select_nth_unstable_by(index, f64::total_cmp);
    let fraction = position - index as f64;
    if fraction == 0.0 || above.is_empty() {
        return low;
    }
    let high = above.iter().copied().fold(f64::INFINITY, f64::min);
    lerp(low, high, fraction)
}

/// The `q` quantile of sorted values without the one at sorted index `skip` (if any).
fn sorted_quantile(sorted: &[f64], q: f64, skip: Option<usize>) -> f64 {
    let len = sorted.len() - usize::from(skip.is_some());
    let at = |k: usize| match skip {
        Some(j) if k >= j => sorted[k + 1],
        _ => sorted[k],
    };
    let position = q * (len - 1) as f64;
    let index = position.floor() as usize;
    let fraction = position - index as f64;
    if index + 1 >= len {
        return at(index);
    }
    lerp(at(index), at(index + 1), fraction)
}

/// `â = Σ U³ / (6 (Σ U²)^{3/2})` from each sample's leave-one-out statistics, with scipy's
/// per-sample scaling (`U = (n − 1)(θ̄ − θ_i)`, sums divided by `n³` and `n²`).
fn acceleration_from_jackknife(samples: &[Vec<f64>]) -> f64 {
    let (mut cubes, mut squares) = (0.0, 0.0);
    for jackknife in samples {
        let n = jackknife.len() as f64;
        let dot = jackknife.iter().sum::<f64>() / n;
        let (mut c, mut q) = (0.0, 0.0);
        for theta in jackknife {
            let u = (n - 1.0) * (dot - theta);
            c += u * u * u;
            q += u * u;
        }
        cubes += c / n.powi(3);
        squares += q / n.powi(2);
    }
    cubes / (6.0 * squares.powf(1.5))
}

/// BCa's jackknife acceleration `â` for two samples, exactly as scipy computes it: leave-one-
/// out statistics over each sample in turn. Quantile statistics use `options.quantile`.
pub fn bca_acceleration(a: &[f64], b: &[f64], options: &BootstrapOptions) -> f64 {
    let statistic = options.statistic;
    if let Some(q) = statistic.quantile(options) {
        let sorted = |values: &[f64]| {
            let mut copy = values.to_vec();
            copy.sort_unstable_by(f64::total_cmp);
            copy
        };
        let (sa, sb) = (sorted(a), sorted(b));
        let (qa, qb) = (sorted_quantile(&sa, q, None), sorted_quantile(&sb, q, None));
        let leave_out_a = (0..sa.len())
            .map(|j| statistic.of(sorted_quantile(&sa, q, Some(j)), qb))
            .collect();
        let leave_out_b = (0..sb.len())
            .map(|j| statistic.of(qa, sorted_quantile(&sb, q, Some(j))))
            .collect();
        return acceleration_from_jackknife(&[leave_out_a, leave_out_b]);
    }
    let (sum_a, sum_b) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let (mean_a, mean_b) = (sum_a / na, sum_b / nb);
    let leave_out_a = a
        .iter()
        .map(|&x| statistic.of((sum_a - x) / (na - 1.0), mean_b))
        .collect();
    let leave_out_b = b
        .iter()
        .map(|&x| statistic.of(mean_a, (sum_b - x) / (nb - 1.0)))
        .collect();
    acceleration_from_jackknife(&[leave_out_a, leave_out_b])
}

pub(super) fn check_sample(values: &[f64], name: &'static str) -> Result<(), AbtestError> {
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
    Ok(())
}

pub(super) fn check_options(options: &BootstrapOptions) -> Result<f64, AbtestError> {
    let confidence = check_unit("confidence", options.confidence)?;
    check_count("n_resamples", options.n_resamples, 2, MAX_RESAMPLES)?;
    Ok(confidence)
}

/// Bootstrap confidence interval for a two-sample statistic of control `a` and treatment `b`.
///
/// ```
/// use edgekit::abtest::{bootstrap, BootstrapMethod, BootstrapOptions, BootstrapStatistic};
///
/// let a: Vec<f64> = (0..200).map(|i| (i % 17) as f64).collect();
/// let b: Vec<f64> = (0..220).map(|i| (i % 19) as f64 + 0.5).collect();
/// let options = BootstrapOptions { n_resamples: 2000, seed: 7, ..Default::default() };
/// let r = bootstrap(&a, &b, &options)?;
/// assert!(r.ci.0 < r.estimate && r.estimate < r.ci.1);
/// assert_eq!(r, bootstrap(&a, &b, &options)?); // same seed, same answer
///
/// // Medians of heavily tied data: BCa's jackknife is degenerate there, percentile is not.
/// let medians = BootstrapOptions {
///     statistic: BootstrapStatistic::MedianDiff,
///     method: BootstrapMethod::Percentile,
///     ..options
/// };
/// assert_eq!(bootstrap(&a, &b, &medians)?.estimate, 1.5);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn bootstrap(
    a: &[f64],
    b: &[f64],
    options: &BootstrapOptions,
) -> Result<BootstrapResult, AbtestError> {
    check_options(options)?;
    check_sample(a, "a")?;
    check_sample(b, "b")?;
    check_work(
        "n_resamples",
        options.n_resamples,
        a.len() + b.len(),
        MAX_RESAMPLE_WORK,
    )?;
    let statistic = options.statistic;
    let quantile = statistic.quantile(options);
    if let Some(q) = quantile
        && !(0.0..=1.0).contains(&q)
    {
        return Err(AbtestError::OutOfRange {
            argument: "quantile",
            value: q,
            range: "[0, 1]",
        });
    }
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let estimate = match quantile {
        Some(q) => {
            let (mut ca, mut cb) = (a.to_vec(), b.to_vec());
            statistic.of(select_quantile(&mut ca, q), select_quantile(&mut cb, q))
        }
        None => {
            let (mean_a, mean_b) = (a.iter().sum::<f64>() / na, b.iter().sum::<f64>() / nb);
            if statistic == BootstrapStatistic::RatioOfMeans && mean_a == 0.0 {
                return Err(AbtestError::Undefined(
                    "mean(a) is 0, so the ratio of means is undefined".to_owned(),
                ));
            }
            statistic.of(mean_a, mean_b)
        }
    };

    let resamples = 0..options.n_resamples as u64;
    let distribution: Vec<f64> = match quantile {
        None => resamples
            .into_par_iter()
            .map(|r| {
                let mut rng = fastrand::Rng::with_seed(stream_seed(options.seed, r));
                let mean_a = resample_sum(a, &mut rng) / na;
                let mean_b = resample_sum(b, &mut rng) / nb;
                statistic.of(mean_a, mean_b)
            })
            .collect(),
        Some(q) => resamples
            .into_par_iter()
            .map_init(
                || (Vec::with_capacity(a.len()), Vec::with_capacity(b.len())),
                |(buffer_a, buffer_b), r| {
                    let mut rng = fastrand::Rng::with_seed(stream_seed(options.seed, r));
                    resample_into(a, &mut rng, buffer_a);
                    resample_into(b, &mut rng, buffer_b);
                    statistic.of(select_quantile(buffer_a, q), select_quantile(buffer_b, q))
                },
            )
            .collect(),
    };
    if distribution.iter().any(|t| !t.is_finite()) {
        return Err(AbtestError::Undefined(
            "a resample's statistic is not finite (a resampled mean(a) of 0 in a ratio)".to_owned(),
        ));
    }
    interval(
        distribution,
        estimate,
        || bca_acceleration(a, b, options),
        options,
    )
}

/// The interval from a bootstrap distribution; `acceleration` is only computed for BCa.
pub(super) fn interval(
    mut distribution: Vec<f64>,
    estimate: f64,
    acceleration: impl FnOnce() -> f64,
    options: &BootstrapOptions,
) -> Result<BootstrapResult, AbtestError> {
    let confidence = options.confidence;
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
            let accel = acceleration();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_and_leave_one_out_quantiles_agree_with_sorting() {
        let values = [5.0, 1.0, 4.0, 4.0, 9.0, -2.0, 7.5];
        let mut sorted = values.to_vec();
        sorted.sort_unstable_by(f64::total_cmp);
        for q in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
            let mut copy = values.to_vec();
            assert_eq!(
                select_quantile(&mut copy, q),
                sorted_quantile(&sorted, q, None)
            );
            for j in 0..sorted.len() {
                let mut rest = sorted.clone();
                rest.remove(j);
                assert_eq!(
                    sorted_quantile(&sorted, q, Some(j)),
                    sorted_quantile(&rest, q, None)
                );
            }
        }
    }
}
