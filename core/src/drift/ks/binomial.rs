//! Binomial probabilities to near machine precision (Loader 2000, "Fast and accurate
//! computation of binomial probabilities"): the saddle-point form avoids the cancellation
//! of `ln C(n, k) + k ln p + (n − k) ln q` when `n` is large.

use std::f64::consts::PI;

/// `ln Γ(n + 1) − [(n + ½) ln n − n + ½ ln 2π]`, the error of Stirling's formula.
pub(super) fn stirling_error(n: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if n <= 15.0 {
        if n == 0.0 {
            return 0.0;
        }
        return libm::lgamma(n + 1.0) - (n + 0.5) * n.ln() + n - 0.5 * (2.0 * PI).ln();
    }
    let nn = n * n;
    if n > 500.0 {
        return (S0 - S1 / nn) / n;
    }
    if n > 80.0 {
        return (S0 - (S1 - S2 / nn) / nn) / n;
    }
    if n > 35.0 {
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
    }
    (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
}

/// The deviance term `x ln(x / m) + m − x`, by a series where `x ≈ m` to keep its digits.
pub(super) fn deviance(x: f64, m: f64) -> f64 {
    if (x - m).abs() < 0.1 * (x + m) {
        let v = (x - m) / (x + m);
        let mut sum = (x - m) * v;
        let mut term = 2.0 * x * v;
        let v2 = v * v;
        for j in 1..1000 {
            term *= v2;
            let next = sum + term / (2 * j + 1) as f64;
            if next == sum {
                return next;
            }
            sum = next;
        }
        return sum;
    }
    x * (x / m).ln() + m - x
}

/// `P(X = k)` for `X ~ Binomial(n, p)`, with `q = 1 − p` passed separately so callers that
/// know it exactly keep its low digits.
pub(super) fn binomial_pmf(k: f64, n: f64, p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return if k == 0.0 { 1.0 } else { 0.0 };
    }
    if q == 0.0 {
        return if k == n { 1.0 } else { 0.0 };
    }
    if k == 0.0 {
        let log = if p < 0.1 {
            -deviance(n, n * q) - n * p
        } else {
            n * q.ln()
        };
        return log.exp();
    }
    if k == n {
        let log = if q < 0.1 {
            -deviance(n, n * p) - n * q
        } else {
            n * p.ln()
        };
        return log.exp();
    }
    let log = stirling_error(n)
        - stirling_error(k)
        - stirling_error(n - k)
        - deviance(k, n * p)
        - deviance(n - k, n * q);
    let log_scale = (2.0 * PI).ln() + k.ln() + (-k / n).ln_1p();
    (log - 0.5 * log_scale).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pmf_matches_direct_products_for_small_n() {
        // C(10, 3) 0.3^3 0.7^7
        let direct = 120.0 * 0.3f64.powi(3) * 0.7f64.powi(7);
        let loader = binomial_pmf(3.0, 10.0, 0.3, 0.7);
        assert!(
            (loader - direct).abs() < 1e-13 * direct,
            "{loader} vs {direct}"
        );
        let total: f64 = (0..=40)
            .map(|k| binomial_pmf(k as f64, 40.0, 0.37, 0.63))
            .sum();
        assert!((total - 1.0).abs() < 1e-14);
    }
}
