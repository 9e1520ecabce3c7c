//! Empirical maximum mean discrepancy with a Gaussian kernel (Gretton et al. 2012), as
//! Evidently's `empirical_mmd`: bandwidth from the median heuristic on reference pairs, the
//! unbiased MMD² statistic, and a permutation p-value — here seeded.

use super::DriftError;
use super::result::{DriftResult, check_pvalue_threshold};
use super::sample::{Compensated, check_pair};
use crate::limits::{
    MAX_KERNEL_SAMPLES, MAX_RESAMPLE_WORK, MAX_RESAMPLES, check_count, check_work,
};

/// Options of [`mmd`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MmdOptions {
    /// Drift when the permutation p-value is below this (Evidently's default 0.1).
    pub threshold: f64,
    /// Permutations for the p-value (Evidently: 100).
    pub permutations: usize,
    /// At most this many values per sample enter the O(n²) kernel matrix; larger samples are
    /// subsampled with the seed.
    pub max_samples: usize,
    /// Seed of the permutations and the subsampling.
    pub seed: u64,
}

impl Default for MmdOptions {
    fn default() -> Self {
        Self {
            threshold: 0.1,
            permutations: 100,
            max_samples: 2000,
            seed: 0,
        }
    }
}

fn subsample(values: &[f64], limit: usize, rng: &mut fastrand::Rng) -> Vec<f64> {
    if values.len() <= limit {
        return values.to_vec();
    }
    let mut v = values.to_vec();
    for i in 0..limit {
        let j = rng.usize(i..v.len());
        v.swap(i, j);
    }
    v.truncate(limit);
    v
}

/// Unbiased MMD² of the kernel matrix `k` (diagonal ignored) split into the first `nx` indices
/// of `order` and the rest.
fn statistic(k: &[f64], n: usize, order: &[usize], nx: usize) -> f64 {
    let ny = n - nx;
    // Compensated block sums: the statistic is a small difference of means near 1.
    let mut sums = [Compensated::default(); 3];
    for (a, &i) in order.iter().enumerate() {
        let row = &k[i * n..(i + 1) * n];
        for (b, &j) in order.iter().enumerate() {
            if a == b {
                continue;
            }
            match (a < nx, b < nx) {
                (true, true) => sums[0].add(row[j]),
                (false, false) => sums[1].add(row[j]),
                (false, true) => sums[2].add(row[j]),
                (true, false) => {}
            }
        }
    }
    sums[0].total() / (nx * (nx - 1)) as f64 + sums[1].total() / (ny * (ny - 1)) as f64
        - 2.0 * sums[2].total() / (nx * ny) as f64
}

/// Empirical MMD test of `reference` against `current`; the statistic is the unbiased MMD².
///
/// ```
/// use edgekit::drift::{mmd, MmdOptions};
/// let a: Vec<f64> = (0..80).map(|i| (i as f64 * 0.61).sin()).collect();
/// let b: Vec<f64> = (0..80).map(|i| (i as f64 * 0.61).sin() + 1.5).collect();
/// let result = mmd(&a, &b, &MmdOptions::default())?;
/// assert!(result.drifted && result.pvalue.unwrap() == 0.0);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn mmd(
    reference: &[f64],
    current: &[f64],
    options: &MmdOptions,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(options.threshold)?;
    check_pair(reference, current, 2)?;
    let permutations = check_count("permutations", options.permutations, 1, MAX_RESAMPLES)?;
    check_count("max_samples", options.max_samples, 2, MAX_KERNEL_SAMPLES)?;
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let x = subsample(reference, options.max_samples, &mut rng);
    let y = subsample(current, options.max_samples, &mut rng);
    let pooled_len = x.len() + y.len();
    check_work(
        "permutations",
        permutations,
        pooled_len * pooled_len,
        MAX_RESAMPLE_WORK,
    )?;
    // Median heuristic on the reference's squared distances, diagonal included (Evidently's
    // "nearest" percentile): σ = √(median / 2), γ = 1 / (2σ²).
    let mut distances: Vec<f64> = Vec::with_capacity(x.len() * x.len());
    for &a in &x {
        for &b in &x {
            distances.push(b * b - 2.0 * a * b + a * a);
        }
    }
    let middle = ((distances.len() - 1) as f64 * 0.5).round_ties_even() as usize;
    let (_, median, _) = distances.select_nth_unstable_by(middle, f64::total_cmp);
    let mut sigma = (0.5 * *median).sqrt();
    if sigma == 0.0 {
        sigma = 0.5f64.sqrt();
    }
    let gamma = 1.0 / (2.0 * sigma * sigma);
    if !gamma.is_finite() || gamma == 0.0 || !sigma.is_finite() {
        return Err(DriftError::Undefined(
            "the values are too large for a Gaussian kernel (squared distances overflow f64); rescale them".to_owned(),
        ));
    }
    let pooled: Vec<f64> = x.iter().chain(&y).copied().collect();
    let n = pooled.len();
    let mut kernel = vec![0.0; n * n];
    for (i, &a) in pooled.iter().enumerate() {
        for (j, &b) in pooled.iter().enumerate() {
            kernel[i * n + j] = (-gamma * (b * b - 2.0 * a * b + a * a)).exp();
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    let observed = statistic(&kernel, n, &order, x.len());
    if !observed.is_finite() {
        return Err(DriftError::Undefined(
            "the MMD statistic overflows f64 for these values; rescale them".to_owned(),
        ));
    }
    let mut reached = 0;
    for _ in 0..options.permutations {
        rng.shuffle(&mut order);
        if observed <= statistic(&kernel, n, &order, x.len()) {
            reached += 1;
        }
    }
    let pvalue = reached as f64 / options.permutations as f64;
    Ok(DriftResult::from_pvalue(
        "empirical_mmd",
        observed,
        pvalue,
        options.threshold,
    ))
}
