//! Unconditional exact tests of two proportions: Barnard (1947) with the pooled or unpooled
//! Wald statistic and Boschloo (1970) with Fisher's one-sided p-value as the statistic, as
//! scipy `barnard_exact` / `boschloo_exact` define them (Mehta & Senchaudhuri 2003).
//!
//! Both p-values are `sup_π Σ_{tables at least as extreme} Bin(x_a; n_a, π) Bin(x_b; n_b, π)`.
//! The extreme tables are grouped by their total successes `s` once, so each evaluation of the
//! nuisance parameter costs O(n_a + n_b); the supremum is taken over a grid fine enough for the
//! sharpest binomial peak and refined by golden section, rather than by scipy's 32-point
//! `shgo`, which can stop at a lower local maximum.

use super::{AbtestError, Alternative};
use statrs::function::gamma::ln_gamma;

/// Tables above this many cells are refused: an exact unconditional test there costs seconds
/// and differs from the z test by less than its own optimiser error.
const MAX_CELLS: f64 = 4e7;

/// `ln C(n, k)` for `k = 0..=n`.
fn log_binomials(n: usize) -> Vec<f64> {
    let total = ln_gamma(n as f64 + 1.0);
    (0..=n)
        .map(|k| total - ln_gamma(k as f64 + 1.0) - ln_gamma((n - k) as f64 + 1.0))
        .collect()
}

/// Online log-sum-exp per total `s`.
struct LogSums {
    max: Vec<f64>,
    sum: Vec<f64>,
}

impl LogSums {
    fn new(len: usize) -> Self {
        LogSums {
            max: vec![f64::NEG_INFINITY; len],
            sum: vec![0.0; len],
        }
    }

    fn add(&mut self, s: usize, value: f64) {
        if value > self.max[s] {
            self.sum[s] = self.sum[s] * (self.max[s] - value).exp() + 1.0;
            self.max[s] = value;
        } else {
            self.sum[s] += (value - self.max[s]).exp();
        }
    }

    fn finish(self) -> Vec<f64> {
        self.max
            .iter()
            .zip(&self.sum)
            .map(|(&m, &s)| if s > 0.0 { m + s.ln() } else { m })
            .collect()
    }
}

/// `ln P(extreme tables | π)` from the per-total log weights `ln W_s`.
fn log_pvalue(log_weights: &[f64], pi: f64) -> f64 {
    let total = (log_weights.len() - 1) as f64;
    let (log_pi, log_rest) = (pi.ln(), (-pi).ln_1p());
    let term = |s: usize, w: f64| {
        let s_f = s as f64;
        // 0 · ln 0 counts as 0 at the ends of [0, 1].
        let up = if s == 0 { 0.0 } else { s_f * log_pi };
        let down = if s_f == total {
            0.0
        } else {
            (total - s_f) * log_rest
        };
        w + up + down
    };
    let max = log_weights
        .iter()
        .enumerate()
        .map(|(s, &w)| term(s, w))
        .fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    let sum: f64 = log_weights
        .iter()
        .enumerate()
        .map(|(s, &w)| (term(s, w) - max).exp())
        .sum();
    max + sum.ln()
}

/// `sup_{π ∈ [0, 1]}` of the p-value: a grid with several points per binomial peak width,
/// then golden-section refinement around the best grid points.
fn maximise(log_weights: &[f64]) -> f64 {
    let total = (log_weights.len() - 1) as f64;
    let steps = (16.0 * total.sqrt()).ceil().max(512.0) as usize;
    let grid: Vec<f64> = (0..=steps)
        .map(|i| log_pvalue(log_weights, i as f64 / steps as f64))
        .collect();
    let mut best = grid.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut peaks: Vec<usize> = (0..=steps)
        .filter(|&i| (i == 0 || grid[i] >= grid[i - 1]) && (i == steps || grid[i] >= grid[i + 1]))
        .collect();
    peaks.sort_by(|&i, &j| grid[j].total_cmp(&grid[i]));
    let ratio = (5.0_f64.sqrt() - 1.0) / 2.0;
    for &i in peaks.iter().take(4) {
        let (mut low, mut high) = (
            i.saturating_sub(1) as f64 / steps as f64,
            (i + 1).min(steps) as f64 / steps as f64,
        );
        let f = |pi: f64| log_pvalue(log_weights, pi);
        let (mut x1, mut x2) = (high - ratio * (high - low), low + ratio * (high - low));
        let (mut f1, mut f2) = (f(x1), f(x2));
        for _ in 0..80 {
            if f1 < f2 {
                low = x1;
                (x1, f1) = (x2, f2);
                x2 = low + ratio * (high - low);
                f2 = f(x2);
            } else {
                high = x2;
                (x2, f2) = (x1, f1);
                x1 = high - ratio * (high - low);
                f1 = f(x1);
            }
            if high - low < 1e-15 {
                break;
            }
        }
        best = best.max(f1).max(f2);
    }
    best.exp().clamp(0.0, 1.0)
}

fn check_size(n_a: usize, n_b: usize) -> Result<(), AbtestError> {
    let cells = (n_a as f64 + 1.0) * (n_b as f64 + 1.0);
    if cells > MAX_CELLS {
        return Err(AbtestError::Undefined(format!(
            "an exact unconditional test enumerates (n_a + 1)(n_b + 1) = {cells:.0} tables, above \
             the {MAX_CELLS:.0} edgekit allows; at this size use z-pooled or fisher"
        )));
    }
    Ok(())
}

/// Barnard's exact test. Returns the Wald statistic of `p_b − p_a` and the p-value.
pub(crate) fn barnard(
    (x_a, n_a): (usize, usize),
    (x_b, n_b): (usize, usize),
    pooled: bool,
    alternative: Alternative,
) -> Result<(f64, f64), AbtestError> {
    check_size(n_a, n_b)?;
    let (na, nb) = (n_a as f64, n_b as f64);
    let wald = |xa: usize, xb: usize| {
        let (pa, pb) = (xa as f64 / na, xb as f64 / nb);
        if pa == pb {
            return 0.0;
        }
        let variance = if pooled {
            let p = (xa + xb) as f64 / (na + nb);
            p * (1.0 - p) * (1.0 / na + 1.0 / nb)
        } else {
            pa * (1.0 - pa) / na + pb * (1.0 - pb) / nb
        };
        (pb - pa) / variance.sqrt()
    };
    let observed = wald(x_a, x_b);
    // Ties within rounding count as "at least as extreme", as they are in exact arithmetic.
    let slack = 1e-13 * observed.abs();
    let extreme = |z: f64| match alternative {
        Alternative::TwoSided => z.abs() >= observed.abs() - slack,
        Alternative::Larger => z >= observed - slack,
        Alternative::Smaller => z <= observed + slack,
    };
    let (log_a, log_b) = (log_binomials(n_a), log_binomials(n_b));
    let mut sums = LogSums::new(n_a + n_b + 1);
    for (xa, &weight_a) in log_a.iter().enumerate() {
        for (xb, &weight_b) in log_b.iter().enumerate() {
            if extreme(wald(xa, xb)) {
                sums.add(xa + xb, weight_a + weight_b);
            }
        }
    }
    Ok((observed, maximise(&sums.finish())))
}

/// Boschloo's exact test. Returns Fisher's one-sided p-value (the statistic) and the p-value;
/// two-sided is twice the smaller one-sided p-value, as scipy defines it.
pub(crate) fn boschloo(
    (x_a, n_a): (usize, usize),
    (x_b, n_b): (usize, usize),
    alternative: Alternative,
) -> Result<(f64, f64), AbtestError> {
    check_size(n_a, n_b)?;
    if alternative == Alternative::TwoSided {
        let larger = boschloo((x_a, n_a), (x_b, n_b), Alternative::Larger)?;
        let smaller = boschloo((x_a, n_a), (x_b, n_b), Alternative::Smaller)?;
        let side = if larger.1 < smaller.1 {
            larger
        } else {
            smaller
        };
        return Ok((side.0, (2.0 * side.1).min(1.0)));
    }
    let (log_a, log_b) = (log_binomials(n_a), log_binomials(n_b));
    // Fisher's one-sided p-value of every table, grouped by total s: the conditional law of
    // x_a given s is hypergeometric. "larger" (p_b > p_a) is extreme for small x_a.
    let fisher_tail = |s: usize, tail: &mut Vec<f64>| {
        let low = s.saturating_sub(n_b);
        let high = s.min(n_a);
        let weights: Vec<f64> = (low..=high).map(|xa| log_a[xa] + log_b[s - xa]).collect();
        let max = weights.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let linear: Vec<f64> = weights.iter().map(|w| (w - max).exp()).collect();
        let total: f64 = linear.iter().sum();
        tail.clear();
        tail.resize(linear.len(), 0.0);
        let mut running = 0.0;
        if alternative == Alternative::Larger {
            for (i, w) in linear.iter().enumerate() {
                running += w;
                tail[i] = (running / total).min(1.0);
            }
        } else {
            for (i, w) in linear.iter().enumerate().rev() {
                running += w;
                tail[i] = (running / total).min(1.0);
            }
        }
        (low, weights)
    };
    let mut tail = Vec::new();
    let s_observed = x_a + x_b;
    let (low, _) = fisher_tail(s_observed, &mut tail);
    let statistic = tail[x_a - low];
    let threshold = statistic * (1.0 + 1e-13);
    let mut sums = LogSums::new(n_a + n_b + 1);
    for s in 0..=n_a + n_b {
        let (_, weights) = fisher_tail(s, &mut tail);
        for (&p, &w) in tail.iter().zip(&weights) {
            if p <= threshold {
                sums.add(s, w);
            }
        }
    }
    Ok((statistic, maximise(&sums.finish())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The p-value at a fixed π, summed by brute force over every table.
    fn brute(n_a: usize, n_b: usize, pi: f64, extreme: impl Fn(usize, usize) -> bool) -> f64 {
        let binom = |n: usize, k: usize| {
            (log_binomials(n)[k] + k as f64 * pi.ln() + (n - k) as f64 * (1.0 - pi).ln()).exp()
        };
        let mut total = 0.0;
        for xa in 0..=n_a {
            for xb in 0..=n_b {
                if extreme(xa, xb) {
                    total += binom(n_a, xa) * binom(n_b, xb);
                }
            }
        }
        total
    }

    #[test]
    fn grouped_weights_reproduce_the_brute_force_sum() {
        let (n_a, n_b) = (7, 9);
        let extreme = |xa: usize, xb: usize| xb * 7 > xa * 9 + 10;
        let (log_a, log_b) = (log_binomials(n_a), log_binomials(n_b));
        let mut sums = LogSums::new(n_a + n_b + 1);
        for (xa, &weight_a) in log_a.iter().enumerate() {
            for (xb, &weight_b) in log_b.iter().enumerate() {
                if extreme(xa, xb) {
                    sums.add(xa + xb, weight_a + weight_b);
                }
            }
        }
        let weights = sums.finish();
        for pi in [0.1, 0.37, 0.5, 0.9] {
            let grouped = log_pvalue(&weights, pi).exp();
            let direct = brute(n_a, n_b, pi, extreme);
            assert!(
                (grouped - direct).abs() < 1e-14,
                "{pi}: {grouped} vs {direct}"
            );
        }
    }

    #[test]
    fn the_supremum_is_at_least_every_grid_value() {
        let found = barnard((7, 15), (12, 15), true, Alternative::TwoSided).unwrap();
        for i in 1..100 {
            let pi = i as f64 / 100.0;
            let z_obs = found.0;
            let value = brute(15, 15, pi, |xa, xb| {
                let (pa, pb) = (xa as f64 / 15.0, xb as f64 / 15.0);
                let p = (xa + xb) as f64 / 30.0;
                let z = if pa == pb {
                    0.0
                } else {
                    (pb - pa) / (p * (1.0 - p) * (2.0 / 15.0)).sqrt()
                };
                z.abs() >= z_obs.abs() - 1e-12
            });
            assert!(
                value <= found.1 * (1.0 + 1e-12),
                "{pi}: {value} > {}",
                found.1
            );
        }
    }
}
