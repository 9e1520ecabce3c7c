//! Randomised permutation test of `mean(b) − mean(a)`, as `scipy.stats.permutation_test` with
//! `permutation_type="independent"`: p-values `(hits + 1) / (R + 1)`, ties within a relative
//! `100·ε` counted as hits, two-sided as twice the smaller tail. Each permutation draws its own
//! seeded stream and undoes its swaps, so answers do not depend on the thread count.

use crate::limits::{MAX_RESAMPLE_WORK, MAX_RESAMPLES, check_count, check_work};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{AbtestError, Alternative};
use crate::stats::moments::check_finite;
use crate::stats::seed::stream_seed;

/// Options for [`permutation_test`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PermutationOptions {
    /// Permutations (default 9999, as scipy).
    pub n_resamples: usize,
    /// Alternative about `mean(b) − mean(a)` (default two-sided).
    pub alternative: Alternative,
    /// Seed: equal seeds give equal answers on any machine and thread count.
    pub seed: u64,
}

impl Default for PermutationOptions {
    fn default() -> Self {
        PermutationOptions {
            n_resamples: 9999,
            alternative: Alternative::TwoSided,
            seed: 0,
        }
    }
}

/// Result of a permutation test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct PermutationResult {
    /// `mean(b) − mean(a)` on the observed labels.
    pub statistic: f64,
    /// Randomised p-value.
    pub pvalue: f64,
}

/// Permutation test of the mean difference between control `a` and treatment `b`.
///
/// ```
/// use edgekit::abtest::{permutation_test, PermutationOptions};
///
/// let a = [1.1, 2.3, 0.4, 1.6, 1.3, 0.9, 1.8];
/// let b = [2.4, 3.1, 2.9, 1.7, 3.5, 2.2, 2.8];
/// let r = permutation_test(&a, &b, &PermutationOptions { seed: 1, ..Default::default() })?;
/// assert!(r.pvalue < 0.01);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn permutation_test(
    a: &[f64],
    b: &[f64],
    options: &PermutationOptions,
) -> Result<PermutationResult, AbtestError> {
    for (values, name) in [(a, "a"), (b, "b")] {
        if values.is_empty() {
            return Err(AbtestError::TooFew {
                argument: name,
                needed: 1,
                got: 0,
            });
        }
        check_finite(values, name)?;
    }
    check_count("n_resamples", options.n_resamples, 1, MAX_RESAMPLES)?;
    check_work(
        "n_resamples",
        options.n_resamples,
        a.len() + b.len(),
        MAX_RESAMPLE_WORK,
    )?;
    let pooled: Vec<f64> = a.iter().chain(b).copied().collect();
    let total: f64 = pooled.iter().sum();
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let statistic_of = |sum_a: f64| (total - sum_a) / nb - sum_a / na;
    let observed = statistic_of(a.iter().sum());
    let n = pooled.len();

    let null: Vec<f64> = (0..options.n_resamples as u64)
        .into_par_iter()
        .map_init(
            || (pooled.clone(), Vec::with_capacity(a.len())),
            |(buffer, swaps), r| {
                // Partial Fisher-Yates: the first n_a slots become a uniform draw of group a.
                let mut rng = fastrand::Rng::with_seed(stream_seed(options.seed, r));
                let mut sum_a = 0.0;
                swaps.clear();
                for i in 0..a.len() {
                    let j = rng.usize(i..n);
                    buffer.swap(i, j);
                    swaps.push(j);
                    sum_a += buffer[i];
                }
                for (i, &j) in swaps.iter().enumerate().rev() {
                    buffer.swap(i, j);
                }
                statistic_of(sum_a)
            },
        )
        .collect();

    let gamma = (100.0 * f64::EPSILON * observed).abs();
    let tail = |hits: usize| (hits + 1) as f64 / (options.n_resamples + 1) as f64;
    let less = tail(null.iter().filter(|&&t| t <= observed + gamma).count());
    let greater = tail(null.iter().filter(|&&t| t >= observed - gamma).count());
    let pvalue = match options.alternative {
        Alternative::Larger => greater,
        Alternative::Smaller => less,
        Alternative::TwoSided => 2.0 * less.min(greater),
    };
    Ok(PermutationResult {
        statistic: observed,
        pvalue: pvalue.min(1.0),
    })
}
