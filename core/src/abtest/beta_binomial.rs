//! Bayesian comparison of two conversion rates under Beta priors: the posterior probability
//! that treatment beats control by Evan Miller's closed form (a finite sum for integer
//! posterior α), the expected loss of either decision by the size-biased identity
//! `E[X·1{X>Y}] = E[X]·P(X' > Y)` with `X' ~ Beta(α + 1, β)`, and equal-tailed credible
//! intervals of each rate. Any prior (e.g. Jeffreys' α = β = ½) can use seeded Monte Carlo
//! instead, parallel over fixed blocks of draws so the answer does not depend on threads.

use std::str::FromStr;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::AbtestError;
use super::alternative::check_unit;
use super::proportions::named_options;
use crate::stats::dist::beta_ppf;
use crate::stats::sampling::beta as beta_draw;
use crate::stats::seed::stream_seed;
use statrs::function::beta::ln_beta;

named_options!(
    /// How [`bayes_binomial`] integrates over the posteriors.
    BetaBinomialMethod, "method", "\"exact\" or \"sampling\"", {
    /// Evan Miller's closed form: whole-number prior α only.
    Exact = "exact",
    /// Seeded Monte Carlo with `samples` posterior draws per arm: any prior.
    Sampling = "sampling",
});

/// Options for [`bayes_binomial`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BetaBinomialOptions {
    /// Prior successes α (default 1: the uniform prior; a whole number for "exact").
    pub prior_alpha: f64,
    /// Prior failures β (default 1).
    pub prior_beta: f64,
    /// Credible level of the rate intervals (default 0.95).
    pub confidence: f64,
    /// Closed form (default) or Monte Carlo.
    pub method: BetaBinomialMethod,
    /// Posterior draws for "sampling" (default 1,000,000).
    pub samples: usize,
    /// Seed for "sampling".
    pub seed: u64,
}

impl Default for BetaBinomialOptions {
    fn default() -> Self {
        BetaBinomialOptions {
            prior_alpha: 1.0,
            prior_beta: 1.0,
            confidence: 0.95,
            method: BetaBinomialMethod::Exact,
            samples: 1_000_000,
            seed: 0,
        }
    }
}

/// Posterior comparison of two conversion rates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct BetaBinomialResult {
    /// `P(p_b > p_a)` under the posteriors.
    pub chance_to_beat_control: f64,
    /// `E[max(p_a − p_b, 0)]`: rate lost on average by shipping b.
    pub expected_loss_b: f64,
    /// `E[max(p_b − p_a, 0)]`: rate lost on average by keeping a.
    pub expected_loss_a: f64,
    /// Posterior mean of `p_a`.
    pub mean_a: f64,
    /// Posterior mean of `p_b`.
    pub mean_b: f64,
    /// Credible interval of `p_a`.
    pub ci_a: (f64, f64),
    /// Credible interval of `p_b`.
    pub ci_b: (f64, f64),
}

/// `P(X > Y)` for `X ~ Beta(a, b)`, `Y ~ Beta(c, d)` with whole `a` (Evan Miller 2015).
fn probability_greater(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let base = ln_beta(c, d);
    let mut total = 0.0;
    for i in 0..a as u64 {
        let i = i as f64;
        total += (ln_beta(c + i, b + d) - (b + i).ln() - ln_beta(1.0 + i, b) - base).exp();
    }
    total.clamp(0.0, 1.0)
}

/// Draws per block: blocks are seeded by position, so the sum is the same on any thread count.
const BLOCK: usize = 4096;

/// `(P(p_b > p_a), E[max(p_a − p_b, 0)], E[max(p_b − p_a, 0)])` by Monte Carlo.
fn monte_carlo([aa, ba, ab, bb]: [f64; 4], samples: usize, seed: u64) -> (f64, f64, f64) {
    let blocks = samples.div_ceil(BLOCK);
    let (wins, loss_b, loss_a) = (0..blocks)
        .into_par_iter()
        .map(|block| {
            let mut rng = fastrand::Rng::with_seed(stream_seed(seed, block as u64));
            let draws = BLOCK.min(samples - block * BLOCK);
            let (mut wins, mut loss_b, mut loss_a) = (0usize, 0.0, 0.0);
            for _ in 0..draws {
                let (pa, pb) = (beta_draw(&mut rng, aa, ba), beta_draw(&mut rng, ab, bb));
                wins += usize::from(pb > pa);
                loss_b += (pa - pb).max(0.0);
                loss_a += (pb - pa).max(0.0);
            }
            (wins, loss_b, loss_a)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .fold((0, 0.0, 0.0), |(w, lb, la), (bw, blb, bla)| {
            (w + bw, lb + blb, la + bla)
        });
    let n = samples as f64;
    (wins as f64 / n, loss_b / n, loss_a / n)
}

/// Beta-Binomial comparison of control `a` (`x_a` of `n_a`) and treatment `b`.
///
/// ```
/// use edgekit::abtest::{bayes_binomial, BetaBinomialOptions};
///
/// let r = bayes_binomial(200, 1000, 250, 1000, &BetaBinomialOptions::default())?;
/// assert!(r.chance_to_beat_control > 0.99);
/// assert!(r.expected_loss_b < r.expected_loss_a);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn bayes_binomial(
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: &BetaBinomialOptions,
) -> Result<BetaBinomialResult, AbtestError> {
    let confidence = check_unit("confidence", options.confidence)?;
    for (x, n, xs, ns) in [(x_a, n_a, "x_a", "n_a"), (x_b, n_b, "x_b", "n_b")] {
        if n <= 0 || x < 0 || x > n {
            return Err(AbtestError::InvalidCount(format!(
                "{xs} = {x}, {ns} = {n}: need {ns} > 0 and 0 ≤ {xs} ≤ {ns}"
            )));
        }
    }
    let (alpha, beta) = (options.prior_alpha, options.prior_beta);
    let exact = options.method == BetaBinomialMethod::Exact;
    if exact && !(alpha >= 1.0 && alpha.fract() == 0.0 && alpha < 1e9) {
        return Err(AbtestError::OutOfRange {
            argument: "prior_alpha",
            value: alpha,
            range: "whole numbers ≥ 1 with method \"exact\" (the closed form sums α terms); use method \"sampling\"",
        });
    }
    for (argument, value) in [("prior_alpha", alpha), ("prior_beta", beta)] {
        if !(value.is_finite() && value > 0.0) {
            return Err(AbtestError::OutOfRange {
                argument,
                value,
                range: "(0, ∞)",
            });
        }
    }
    if exact {
        let terms = alpha + x_a.max(x_b) as f64 + 1.0;
        if terms > crate::limits::MAX_EXACT_TERMS as f64 {
            return Err(crate::limits::LimitError::new(
                "prior_alpha + conversions",
                terms,
                1,
                crate::limits::MAX_EXACT_TERMS,
            )
            .because("the exact method sums that many terms; use method \"sampling\"")
            .into());
        }
    }
    let (aa, ba) = (alpha + x_a as f64, beta + (n_a - x_a) as f64);
    let (ab, bb) = (alpha + x_b as f64, beta + (n_b - x_b) as f64);
    let (mean_a, mean_b) = (aa / (aa + ba), ab / (ab + bb));
    let (chance, loss_b, loss_a) = if exact {
        let chance = probability_greater(ab, bb, aa, ba);
        // E[max(p_a − p_b, 0)] = E[p_a 1{p_a > p_b}] − E[p_b 1{p_a > p_b}].
        let loss_b = mean_a * probability_greater(aa + 1.0, ba, ab, bb)
            - mean_b * (1.0 - probability_greater(ab + 1.0, bb, aa, ba));
        (chance, loss_b, loss_b + (mean_b - mean_a))
    } else {
        if options.samples < 1 {
            return Err(AbtestError::TooFew {
                argument: "samples",
                needed: 1,
                got: options.samples,
            });
        }
        monte_carlo([aa, ba, ab, bb], options.samples, options.seed)
    };
    let tail = (1.0 - confidence) / 2.0;
    Ok(BetaBinomialResult {
        chance_to_beat_control: chance,
        expected_loss_b: loss_b.max(0.0),
        expected_loss_a: loss_a.max(0.0),
        mean_a,
        mean_b,
        ci_a: (beta_ppf(tail, aa, ba), beta_ppf(1.0 - tail, aa, ba)),
        ci_b: (beta_ppf(tail, ab, bb), beta_ppf(1.0 - tail, ab, bb)),
    })
}
