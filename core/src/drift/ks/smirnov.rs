//! The one-sided Kolmogorov-Smirnov distribution `P(D⁺ₙ ≥ x)` (Smirnov 1944), summed
//! exactly by the Birnbaum-Tingey formula as scipy's `smirnov` does (van Mulbregt 2018),
//! with each term a binomial probability computed by Loader's method.

use super::binomial::binomial_pmf;
use crate::drift::sample::Compensated;

/// Past this `n` scipy (and this function) switch to the `exp(−(6nx + 1)² / 18n)` approximation.
const MAX_EXACT_N: u64 = 1_000_000;
/// `ln` of the smallest normal double: below it the probability underflows.
const MIN_LOG: f64 = -708.396_418_532_264_1;

/// `P(D⁺ₙ ≥ x)` for the one-sided KS statistic of `n` values: scipy's `special.smirnov(n, x)`.
///
/// ```
/// // x ≥ 1 − 1/n has the closed form (1 − x)ⁿ
/// assert!((edgekit::drift::smirnov_sf(4, 0.8) - 0.2f64.powi(4)).abs() < 1e-15);
/// ```
pub fn smirnov_sf(n: u64, x: f64) -> f64 {
    if n == 1 {
        return 1.0 - x;
    }
    if x <= 0.0 {
        return 1.0;
    }
    if x >= 1.0 {
        return 0.0;
    }
    let nf = n as f64;
    let nx = nf * x;
    // ⌊n·x⌋ and its remainder from the exact product (an FMA recovers the rounding error), so
    // x = k/n rounded to a double lands on the same side of k as scipy's double-double does.
    let low = nf.mul_add(x, -nx);
    let mut nx_floor = nx.floor();
    if nx == nx_floor && low < 0.0 {
        nx_floor -= 1.0;
    }
    let mut remainder = (nx - nx_floor) + low;
    if remainder >= 1.0 {
        nx_floor += 1.0;
        remainder = 0.0;
    }
    if nx_floor == 0.0 || (nx_floor == 1.0 && remainder == 0.0) {
        return 1.0 - x * (1.0 + x).powf(nf - 1.0);
    }
    if -2.0 * nf * x * x < MIN_LOG {
        return 0.0;
    }
    if nx_floor >= nf - 1.0 {
        return (1.0 - x).powf(nf);
    }
    if n > MAX_EXACT_N {
        let log_p = -(6.0 * nx + 1.0).powi(2) / 18.0 / nf;
        return if log_p < -std::f64::consts::LN_2 {
            log_p.exp()
        } else {
            1.0 + log_p.exp_m1()
        };
    }
    // sf = x Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v)
    //    = x Σ_v Binomial(v; n, x + v/n) / (x + v/n).
    let last = (nf - nx_floor - 1.0) as u64;
    let term = |v: u64| -> f64 {
        let vf = v as f64;
        let p = x + vf / nf;
        let q = (nf - vf) / nf - x;
        if q <= 0.0 {
            0.0
        } else {
            binomial_pmf(vf, nf, p, q) / p
        }
    };
    let sum = if last < PARALLEL_TERMS {
        let mut sum = Compensated::default();
        for v in 0..=last {
            let t = term(v);
            sum.add(t);
            // scipy's stopping rule: the remaining terms cannot move the sum.
            if t != 0.0 && v != last && 4.0 * (last - v) as f64 * t < f64::EPSILON * sum.total() {
                break;
            }
        }
        sum.total()
    } else {
        // Long sums (n in the hundreds of thousands) run in chunks on all cores; every term is
        // added, so the result differs from scipy's early-stopped sum only below its rounding.
        use rayon::prelude::*;
        let chunks: Vec<(u64, u64)> = (0..=last)
            .step_by(CHUNK as usize)
            .map(|s| (s, (s + CHUNK - 1).min(last)))
            .collect();
        let partial: Vec<Compensated> = chunks
            .par_iter()
            .map(|&(start, end)| {
                let mut sum = Compensated::default();
                (start..=end).for_each(|v| sum.add(term(v)));
                sum
            })
            .collect();
        let mut sum = Compensated::default();
        partial.iter().for_each(|p| {
            sum.add(p.sum);
            sum.add(p.compensation);
        });
        sum.total()
    };
    (x * sum).clamp(0.0, 1.0)
}

/// Sums with more terms than this are split across threads.
const PARALLEL_TERMS: u64 = 50_000;
const CHUNK: u64 = 16_384;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_n_matches_the_closed_forms() {
        assert!((smirnov_sf(1, 0.25) - 0.75).abs() < 1e-15);
        // x >= 1 - 1/n: (1 - x)^n
        assert!((smirnov_sf(4, 0.8) - 0.2f64.powi(4)).abs() < 1e-16);
    }
}
