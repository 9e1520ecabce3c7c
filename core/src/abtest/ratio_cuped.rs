//! CUPED for ratio metrics: regression adjustment of a ratio `Σy / Σn` by the same ratio in
//! the pre-period `Σx / Σm`, through the delta method's linearisation of each ratio (Deng,
//! Xu, Kohavi & Walker 2013, §3.3 applied to ratios as in Budylin et al. 2018). θ is pooled
//! over both arms exactly as gbstats' `compute_theta` pools it, so with every denominator 1
//! the result is gbstats' CUPED (`RegressionAdjustedStatistic`) to the last digit.

use serde::{Deserialize, Serialize};

use super::adjusted::{AdjustedOptions, Arm, gbstats_t};
use super::{AbtestError, TestResult};
use crate::stats::moments::check_finite;

/// Per-arm means and sample covariances (`ddof = 1`) of a ratio's numerator `y` and
/// denominator `n`, and the pre-period numerator `x` and denominator `m`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RatioCupedSummary {
    /// Units.
    pub count: f64,
    /// Means of `[y, n, x, m]`.
    pub means: [f64; 4],
    /// Sample covariance matrix of `[y, n, x, m]`.
    pub cov: [[f64; 4]; 4],
}

impl RatioCupedSummary {
    /// From raw per-unit columns, by two passes.
    pub fn from_values(
        columns: [&[f64]; 4],
        names: [&'static str; 4],
    ) -> Result<Self, AbtestError> {
        let len = columns[0].len();
        for (column, name) in columns.iter().zip(names) {
            if column.len() != len {
                return Err(AbtestError::LengthMismatch {
                    first: names[0],
                    first_len: len,
                    second: name,
                    second_len: column.len(),
                });
            }
            check_finite(column, name)?;
        }
        if len < 2 {
            return Err(AbtestError::TooFew {
                argument: names[0],
                needed: 2,
                got: len,
            });
        }
        let count = len as f64;
        let means = columns.map(|c| c.iter().sum::<f64>() / count);
        let mut cov = [[0.0; 4]; 4];
        let [ys, ns, xs, ms] = columns;
        for (((&y, &n), &x), &m) in ys.iter().zip(ns).zip(xs).zip(ms) {
            let d = [y - means[0], n - means[1], x - means[2], m - means[3]];
            for (j, row) in cov.iter_mut().enumerate() {
                for (k, cell) in row.iter_mut().enumerate() {
                    *cell += d[j] * d[k];
                }
            }
        }
        for row in &mut cov {
            for cell in row {
                *cell /= count - 1.0;
            }
        }
        Ok(RatioCupedSummary { count, means, cov })
    }

    /// The ratio `ȳ/n̄`, the pre-period ratio `x̄/m̄`, and the per-unit variances of their
    /// linearisations and covariance: `(R, R_pre, var L, var P, cov(L, P))`.
    fn linearised(&self, arm: &str) -> Result<[f64; 5], AbtestError> {
        let [y, n, x, m] = self.means;
        if n == 0.0 || m == 0.0 {
            return Err(AbtestError::Undefined(format!(
                "a denominator of arm {arm} averages 0, so its ratio is undefined"
            )));
        }
        let (ratio, pre) = (y / n, x / m);
        // Gradients of y/n and x/m with respect to the four means.
        let grad_post = [1.0 / n, -y / (n * n), 0.0, 0.0];
        let grad_pre = [0.0, 0.0, 1.0 / m, -x / (m * m)];
        let quad = |u: &[f64; 4], v: &[f64; 4]| {
            (0..4)
                .map(|j| (0..4).map(|k| u[j] * self.cov[j][k] * v[k]).sum::<f64>())
                .sum::<f64>()
        };
        Ok([
            ratio,
            pre,
            quad(&grad_post, &grad_post),
            quad(&grad_pre, &grad_pre),
            quad(&grad_post, &grad_pre),
        ])
    }
}

/// CUPED-adjusted comparison of a ratio metric (control `a`, treatment `b`), compared with
/// gbstats' Welch t test; the relative effect divides by the unadjusted control ratio.
///
/// ```
/// use edgekit::abtest::{cuped_ratio, AdjustedOptions, RatioCupedSummary};
///
/// let names = ["revenue", "sessions", "pre_revenue", "pre_sessions"];
/// let a = RatioCupedSummary::from_values(
///     [&[3.0, 5.0, 0.0, 8.0, 2.0], &[2.0, 3.0, 1.0, 4.0, 2.0], &[2.5, 4.0, 0.5, 7.0, 2.0], &[2.0, 3.0, 1.0, 4.0, 1.0]],
///     names,
/// )?;
/// let b = RatioCupedSummary::from_values(
///     [&[4.0, 6.0, 1.0, 9.0, 2.5], &[2.0, 3.0, 1.0, 4.0, 2.0], &[2.0, 4.5, 0.5, 6.0, 2.5], &[2.0, 3.0, 1.0, 4.0, 2.0]],
///     names,
/// )?;
/// let r = cuped_ratio(&a, &b, &AdjustedOptions::default())?;
/// assert!(r.ci.0 < r.effect && r.effect < r.ci.1);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn cuped_ratio(
    a: &RatioCupedSummary,
    b: &RatioCupedSummary,
    options: &AdjustedOptions,
) -> Result<TestResult, AbtestError> {
    let [ra, pa, la, qa, ca] = a.linearised("a")?;
    let [rb, pb, lb, qb, cb] = b.linearised("b")?;
    let (na, nb) = (a.count, b.count);
    let total = na + nb;
    // gbstats' compute_theta: within-arm sums of squares plus the between-arm term.
    let pool = |within_a: f64, within_b: f64, da: f64, db: f64| {
        ((na - 1.0) * within_a + (nb - 1.0) * within_b + da * db * na * nb / total) / (total - 1.0)
    };
    let (d_post, d_pre) = (rb - ra, pb - pa);
    let var_pre = pool(qa, qb, d_pre, d_pre);
    let var_post = pool(la, lb, d_post, d_post);
    let theta = if var_pre == 0.0 || var_post == 0.0 {
        0.0
    } else {
        pool(ca, cb, d_post, d_pre) / var_pre
    };
    let arm = |n: f64, ratio: f64, pre: f64, l: f64, q: f64, c: f64| Arm {
        n,
        mean: ratio - theta * pre,
        variance: l + theta * theta * q - 2.0 * theta * c,
        unadjusted_mean: ratio,
    };
    gbstats_t(
        "cuped-ratio",
        &arm(na, ra, pa, la, qa, ca),
        &arm(nb, rb, pb, lb, qb, cb),
        options,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abtest::{PairedSummary, ratio_metric};

    /// Units with 1-5 sessions, revenue per session driven by a per-unit propensity seen in
    /// both periods (so pre and post ratios correlate), no treatment effect.
    fn arm(rng: &mut fastrand::Rng, units: usize) -> [Vec<f64>; 4] {
        let mut columns: [Vec<f64>; 4] = Default::default();
        for _ in 0..units {
            let propensity = 1.0 + 4.0 * rng.f64();
            let (n, m) = (f64::from(rng.u8(1..6)), f64::from(rng.u8(1..6)));
            columns[0].push(n * propensity * (0.5 + rng.f64()));
            columns[1].push(n);
            columns[2].push(m * propensity * (0.5 + rng.f64()));
            columns[3].push(m);
        }
        columns
    }

    fn view(c: &[Vec<f64>; 4]) -> [&[f64]; 4] {
        [&c[0], &c[1], &c[2], &c[3]]
    }

    #[test]
    fn adjustment_keeps_the_error_rate_and_narrows_the_interval() {
        let mut rng = fastrand::Rng::with_seed(8);
        let names = ["y", "n", "x", "m"];
        let (runs, mut rejected, mut narrower) = (400, 0, 0);
        for _ in 0..runs {
            let (a, b) = (arm(&mut rng, 300), arm(&mut rng, 300));
            let options = AdjustedOptions::default();
            let adjusted = cuped_ratio(
                &RatioCupedSummary::from_values(view(&a), names).unwrap(),
                &RatioCupedSummary::from_values(view(&b), names).unwrap(),
                &options,
            )
            .unwrap();
            let plain = ratio_metric(
                &PairedSummary::from_values(&a[0], &a[1], ("y", "n")).unwrap(),
                &PairedSummary::from_values(&b[0], &b[1], ("y", "n")).unwrap(),
                &options,
            )
            .unwrap();
            rejected += usize::from(adjusted.pvalue < 0.05);
            narrower += usize::from(adjusted.ci.1 - adjusted.ci.0 < plain.ci.1 - plain.ci.0);
        }
        let rate = rejected as f64 / runs as f64;
        assert!(
            (rate - 0.05).abs() < 4.0 * (0.05 * 0.95 / runs as f64).sqrt(),
            "{rate}"
        );
        assert!(narrower > runs * 9 / 10, "narrower in {narrower} of {runs}");
    }
}
