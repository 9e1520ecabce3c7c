//! Distribution-shape tests between two numeric samples, as scipy computes them:
//! Anderson-Darling k-sample (Scholz & Stephens 1987, midrank statistic, scipy's interpolated
//! p-value capped to [0.001, 0.25]), Cramér-von Mises two-sample (Anderson 1962; exact
//! lattice enumeration when both samples have at most 20 values, else Csörgő & Faraway's
//! limit law), and Epps-Singleton (1986; empirical characteristic function at t = 0.4, 0.8).

use std::collections::HashMap;
use std::f64::consts::PI;

use super::DriftError;
use super::result::{DriftResult, check_pvalue_threshold};
use super::sample::{PooledRuns, check_pair, sorted_pair};
use crate::stats::dist::chi2_sf;

/// Anderson-Darling k-sample test of `reference` and `current` (scipy `anderson_ksamp`, midrank
/// variant). The statistic is the standardized `A²akN`; the p-value is scipy's interpolation
/// from the Scholz-Stephens critical values, floored at 0.001 and capped at 0.25 (Evidently's
/// `anderson`, default threshold 0.1).
///
/// ```
/// let reference: Vec<f64> = (0..50).map(|i| i as f64).collect();
/// let current: Vec<f64> = (0..50).map(|i| i as f64 + 25.0).collect();
/// let result = edgekit::drift::anderson_darling(&reference, &current, 0.1)?;
/// assert!(result.drifted && result.pvalue.unwrap() == 0.001);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn anderson_darling(
    reference: &[f64],
    current: &[f64],
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(threshold)?;
    let (a, b) = sorted_pair(reference, current)?;
    let n = [a.len() as f64, b.len() as f64];
    let total = n[0] + n[1];
    if total < 4.0 {
        return Err(DriftError::TooFew {
            argument: "reference and current together",
            needed: 4,
            got: total as usize,
        });
    }
    // Walk the distinct pooled values once, carrying each sample's position.
    let mut below = 0.0; // pooled values strictly below the current one
    let mut sums = [0.0f64; 2];
    let mut runs = PooledRuns::new(&a, &b);
    while let Some((_, ta, tb)) = runs.next() {
        let (i, j) = runs.counts();
        let (fa, fb) = (ta as f64, tb as f64);
        let ties = fa + fb;
        let bj = below + ties / 2.0;
        let denominator = bj * (total - bj) - total * ties / 4.0;
        if denominator <= 0.0 {
            return Err(DriftError::Undefined(
                "anderson_darling needs at least two distinct values".into(),
            ));
        }
        for (k, (m, f)) in [(i as f64, fa), (j as f64, fb)].into_iter().enumerate() {
            let mij = m - f / 2.0;
            sums[k] += ties / total * (total * mij - bj * n[k]).powi(2) / denominator;
        }
        below += ties;
    }
    let a2 = (sums[0] / n[0] + sums[1] / n[1]) * (total - 1.0) / total;

    // Standardize with the exact variance of Scholz & Stephens (their eq. 4), k = 2 samples.
    let k = 2.0;
    let h_sum: f64 = (1.0 / n[0]) + (1.0 / n[1]);
    let nn = total as usize;
    let (mut running, mut g) = (0.0, 0.0);
    for step in 0..nn.saturating_sub(2) {
        running += 1.0 / (nn - 1 - step) as f64;
        g += running / (step + 2) as f64;
    }
    let h = running + 1.0;
    let big_a = (4.0 * g - 6.0) * (k - 1.0) + (10.0 - 6.0 * g) * h_sum;
    let big_b = (2.0 * g - 4.0) * k * k + 8.0 * h * k + (2.0 * g - 14.0 * h - 4.0) * h_sum
        - 8.0 * h
        + 4.0 * g
        - 6.0;
    let big_c = (6.0 * h + 2.0 * g - 2.0) * k * k
        + (4.0 * h - 4.0 * g + 6.0) * k
        + (2.0 * h - 6.0) * h_sum
        + 4.0 * h;
    let big_d = (2.0 * h + 6.0) * k * k - 4.0 * h * k;
    let variance = (big_a * total.powi(3) + big_b * total.powi(2) + big_c * total + big_d)
        / ((total - 1.0) * (total - 2.0) * (total - 3.0));
    let m = k - 1.0;
    let statistic = (a2 - m) / variance.sqrt();
    Ok(DriftResult::from_pvalue(
        "anderson",
        statistic,
        anderson_pvalue(statistic, m),
        threshold,
    ))
}

/// scipy's p-value: a quadratic in the critical values fitted to log significance.
fn anderson_pvalue(statistic: f64, m: f64) -> f64 {
    const B0: [f64; 7] = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    const B1: [f64; 7] = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    const B2: [f64; 7] = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
    const LEVELS: [f64; 7] = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
    let critical: Vec<f64> = (0..7)
        .map(|i| B0[i] + B1[i] / m.sqrt() + B2[i] / m)
        .collect();
    let lowest = critical.iter().cloned().fold(f64::INFINITY, f64::min);
    let highest = critical.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    if statistic < lowest {
        return 0.25;
    }
    if statistic > highest {
        return 0.001;
    }
    let logs: Vec<f64> = LEVELS.iter().map(|l| l.ln()).collect();
    let [c2, c1, c0] = quadratic_fit(&critical, &logs);
    (c2 * statistic * statistic + c1 * statistic + c0).exp()
}

/// Least-squares `y ≈ c2 x² + c1 x + c0` by Householder QR on the scaled Vandermonde matrix.
fn quadratic_fit(x: &[f64], y: &[f64]) -> [f64; 3] {
    let rows = x.len();
    let mut columns: Vec<Vec<f64>> = vec![
        x.iter().map(|v| v * v).collect(),
        x.to_vec(),
        vec![1.0; rows],
    ];
    let scales: Vec<f64> = columns
        .iter()
        .map(|c| c.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect();
    for (column, scale) in columns.iter_mut().zip(&scales) {
        column.iter_mut().for_each(|v| *v /= scale);
    }
    let mut rhs = y.to_vec();
    for k in 0..3 {
        let norm = columns[k][k..].iter().map(|v| v * v).sum::<f64>().sqrt();
        let alpha = if columns[k][k] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = columns[k][k..].to_vec();
        v[0] -= alpha;
        let vv: f64 = v.iter().map(|t| t * t).sum();
        if vv == 0.0 {
            continue;
        }
        for column in columns.iter_mut().skip(k) {
            let dot: f64 = v.iter().zip(&column[k..]).map(|(a, b)| a * b).sum();
            column[k..]
                .iter_mut()
                .zip(&v)
                .for_each(|(c, vi)| *c -= 2.0 * dot / vv * vi);
        }
        let dot: f64 = v.iter().zip(&rhs[k..]).map(|(a, b)| a * b).sum();
        rhs[k..]
            .iter_mut()
            .zip(&v)
            .for_each(|(c, vi)| *c -= 2.0 * dot / vv * vi);
    }
    let mut coefficients = [0.0; 3];
    for k in (0..3).rev() {
        let tail: f64 = ((k + 1)..3).map(|j| columns[j][k] * coefficients[j]).sum();
        coefficients[k] = (rhs[k] - tail) / columns[k][k];
    }
    for (c, scale) in coefficients.iter_mut().zip(&scales) {
        *c /= scale;
    }
    coefficients
}

/// Average ranks (1-based) of `a` then `b` in the pooled sample, both sorted.
fn pooled_ranks(a: &[f64], b: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let (mut ra, mut rb) = (Vec::with_capacity(a.len()), Vec::with_capacity(b.len()));
    let mut position = 0usize;
    for (_, ta, tb) in PooledRuns::new(a, b) {
        let rank = position as f64 + ((ta + tb) as f64 + 1.0) / 2.0;
        ra.extend(std::iter::repeat_n(rank, ta));
        rb.extend(std::iter::repeat_n(rank, tb));
        position += ta + tb;
    }
    (ra, rb)
}

/// Cramér-von Mises two-sample test (scipy `cramervonmises_2samp`, `method="auto"`: exact when
/// both samples have at most 20 values). Evidently's `cramer_von_mises` (default threshold 0.1).
///
/// ```
/// let result = edgekit::drift::cramer_von_mises(&[1.0, 2.0, 3.0, 4.0], &[5.0, 6.0, 7.0, 8.0], 0.1)?;
/// assert!((result.pvalue.unwrap() - 2.0 / 70.0).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn cramer_von_mises(
    reference: &[f64],
    current: &[f64],
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(threshold)?;
    let (a, b) = sorted_pair(reference, current)?;
    for (values, argument) in [(&a, "reference"), (&b, "current")] {
        if values.len() < 2 {
            return Err(DriftError::TooFew {
                argument,
                needed: 2,
                got: values.len(),
            });
        }
    }
    let (nx, ny) = (a.len() as f64, b.len() as f64);
    let (ra, rb) = pooled_ranks(&a, &b);
    let sum_sq = |ranks: &[f64]| -> f64 {
        ranks
            .iter()
            .enumerate()
            .map(|(i, r)| (r - (i + 1) as f64).powi(2))
            .sum()
    };
    let u = nx * sum_sq(&ra) + ny * sum_sq(&rb);
    let (k, total) = (nx * ny, nx + ny);
    let t = u / (k * total) - (4.0 * k - 1.0) / (6.0 * total);
    let pvalue = if a.len().max(b.len()) <= 20 {
        cvm_exact_pvalue(u, a.len() as u64, b.len() as u64)
    } else {
        let et = (1.0 + 1.0 / total) / 6.0;
        let vt = (total + 1.0) * (4.0 * k * total - 3.0 * (nx * nx + ny * ny) - 2.0 * k)
            / (45.0 * total * total * 4.0 * k);
        let tn = 1.0 / 6.0 + (t - et) / (45.0 * vt).sqrt();
        if tn >= 0.003 {
            (1.0 - cvm_limit_cdf(tn)).max(0.0)
        } else {
            1.0
        }
    };
    Ok(DriftResult::from_pvalue(
        "cramer_von_mises",
        t,
        pvalue,
        threshold,
    ))
}

/// `P(U ≥ u)` by enumerating lattice paths (Xiao, Gordon & Yakovlev 2006): the statistic is a
/// sum over the path's points of `(a·v − b·w)²` with `a = lcm/m`, `b = lcm/n`.
fn cvm_exact_pvalue(u: f64, m: u64, n: u64) -> f64 {
    let g = super::ks::gcd(m, n);
    let lcm = m / g * n;
    let (a, b) = (lcm / m, lcm / n);
    let mn = (m * n) as f64;
    let zeta = ((lcm * lcm) as f64 * (m + n) as f64 * (6.0 * u - mn * (4.0 * mn - 1.0))
        / (6.0 * mn * mn))
        .floor();
    // paths[v]: sum of squares → number of paths reaching (w, v), for the current w.
    let mut paths: Vec<HashMap<u64, u64>> = vec![HashMap::new(); m as usize + 1];
    paths[0].insert(0, 1);
    for w in 0..=n {
        let mut carried: HashMap<u64, u64> = HashMap::new();
        for v in 0..=m {
            let mut merged = std::mem::take(&mut carried);
            for (&value, &count) in &paths[v as usize] {
                *merged.entry(value).or_insert(0) += count;
            }
            let step = (a * v).abs_diff(b * w).pow(2);
            let shifted: HashMap<u64, u64> = merged
                .into_iter()
                .map(|(value, count)| (value + step, count))
                .collect();
            carried = shifted.clone();
            paths[v as usize] = shifted;
        }
    }
    let total: u64 = paths[m as usize].values().sum();
    let reached: u64 = paths[m as usize]
        .iter()
        .filter(|(value, _)| **value as f64 >= zeta)
        .map(|(_, c)| c)
        .sum();
    reached as f64 / total as f64
}

/// `e^x K_ν(x)` by the trapezoid rule on `∫₀^∞ e^{−x(cosh t − 1)} cosh(νt) dt` (spectrally
/// accurate for this doubly-exponentially decaying integrand).
fn scaled_bessel_k(nu: f64, x: f64) -> f64 {
    let h: f64 = 0.05;
    let mut sum = 0.5;
    let mut t = h;
    loop {
        let term = (-x * (t.cosh() - 1.0)).exp() * (nu * t).cosh();
        sum += term;
        if term < 1e-18 * sum {
            break;
        }
        t += h;
    }
    sum * h
}

/// The limit law of the Cramér-von Mises statistic (Csörgő & Faraway 1996, eq. 1.2), summed
/// until a term falls below 1e-7 as scipy's `_cdf_cvm_inf` does.
fn cvm_limit_cdf(x: f64) -> f64 {
    let mut total = 0.0;
    for k in 0.. {
        let kf = k as f64;
        let u = (libm::lgamma(kf + 0.5) - libm::lgamma(kf + 1.0)).exp() / (PI.powf(1.5) * x.sqrt());
        let y = 4.0 * kf + 1.0;
        let q = y * y / (16.0 * x);
        let term = u * y.sqrt() * (-2.0 * q).exp() * scaled_bessel_k(0.25, q);
        total += term;
        if term.abs() < 1e-7 {
            break;
        }
    }
    total
}

/// Epps-Singleton test (scipy `epps_singleton_2samp`, t = 0.4 and 0.8 scaled by half the pooled
/// IQR; small-sample correction below 25 values). Evidently's `es` (threshold 0.05).
///
/// ```
/// let reference: Vec<f64> = (0..40).map(|i| (i as f64 * 0.37).sin()).collect();
/// let current: Vec<f64> = (0..40).map(|i| (i as f64 * 0.37).sin() + 1.0).collect();
/// let result = edgekit::drift::epps_singleton(&reference, &current, 0.05)?;
/// assert!(result.drifted);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn epps_singleton(
    reference: &[f64],
    current: &[f64],
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(threshold)?;
    check_pair(reference, current, 5)?;
    let mut pooled: Vec<f64> = reference.iter().chain(current).copied().collect();
    super::sample::sort_floats(&mut pooled);
    let iqr = super::binned::quantile_linear(&pooled, 0.75)
        - super::binned::quantile_linear(&pooled, 0.25);
    if iqr == 0.0 {
        return Err(DriftError::Undefined(
            "epps_singleton needs a pooled interquartile range above 0 (the middle half of the values is constant)".into(),
        ));
    }
    let sigma = iqr / 2.0;
    let ts = [0.4 / sigma, 0.8 / sigma];
    // Mean and biased covariance of g(x) = (cos t₁x, cos t₂x, sin t₁x, sin t₂x).
    let moments = |values: &[f64]| -> ([f64; 4], [[f64; 4]; 4]) {
        let n = values.len() as f64;
        let features = |x: f64| {
            [
                (ts[0] * x).cos(),
                (ts[1] * x).cos(),
                (ts[0] * x).sin(),
                (ts[1] * x).sin(),
            ]
        };
        let mut mean = [0.0; 4];
        for &x in values {
            let f = features(x);
            (0..4).for_each(|i| mean[i] += f[i]);
        }
        mean.iter_mut().for_each(|m| *m /= n);
        let mut cov = [[0.0; 4]; 4];
        for &x in values {
            let f = features(x);
            for i in 0..4 {
                for j in 0..4 {
                    cov[i][j] += (f[i] - mean[i]) * (f[j] - mean[j]);
                }
            }
        }
        cov.iter_mut().flatten().for_each(|c| *c /= n);
        (mean, cov)
    };
    let (nx, ny) = (reference.len() as f64, current.len() as f64);
    let n = nx + ny;
    let (mx, cx) = moments(reference);
    let (my, cy) = moments(current);
    let mut cov = [[0.0; 4]; 4];
    for i in 0..4 {
        for j in 0..4 {
            cov[i][j] = n / nx * cx[i][j] + n / ny * cy[i][j];
        }
    }
    let diff: Vec<f64> = (0..4).map(|i| mx[i] - my[i]).collect();
    let (form, rank) = pseudo_inverse_form(cov, &diff);
    if rank == 0 {
        return Err(DriftError::Undefined(
            "the empirical characteristic functions have no variance (both samples constant \
             at the evaluation points); the Epps-Singleton statistic is undefined"
                .to_owned(),
        ));
    }
    let mut w = n * form;
    if nx.max(ny) < 25.0 {
        w /= 1.0 + n.powf(-0.45) + 10.1 * (nx.powf(-1.7) + ny.powf(-1.7));
    }
    Ok(DriftResult::from_pvalue(
        "epps_singleton",
        w,
        chi2_sf(w, rank as f64),
        threshold,
    ))
}

/// `dᵀ A⁺ d` and the rank of `A⁺` for a symmetric positive semi-definite 4×4 `A`, by Jacobi
/// eigendecomposition with numpy's `pinv` cutoff.
fn pseudo_inverse_form(mut a: [[f64; 4]; 4], d: &[f64]) -> (f64, usize) {
    let mut vectors = [[0.0; 4]; 4];
    (0..4).for_each(|i| vectors[i][i] = 1.0);
    for _sweep in 0..100 {
        let off: f64 = (0..4)
            .flat_map(|i| (0..4).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-300 {
            break;
        }
        for p in 0..4 {
            for q in (p + 1)..4 {
                if a[p][q] == 0.0 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let (c, s) = (1.0 / (t * t + 1.0).sqrt(), t / (t * t + 1.0).sqrt());
                for row in a.iter_mut() {
                    let (akp, akq) = (row[p], row[q]);
                    row[p] = c * akp - s * akq;
                    row[q] = s * akp + c * akq;
                }
                let (row_p, row_q) = (a[p], a[q]);
                for (k, (apk, aqk)) in row_p.into_iter().zip(row_q).enumerate() {
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for row in vectors.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - s * vq;
                    row[q] = s * vp + c * vq;
                }
            }
        }
    }
    let eigen: Vec<f64> = (0..4).map(|i| a[i][i]).collect();
    let largest = eigen.iter().fold(0.0f64, |m, e| m.max(e.abs()));
    let cutoff = 4.0 * f64::EPSILON * largest;
    let mut form = 0.0;
    let mut rank = 0;
    for (k, &lambda) in eigen.iter().enumerate() {
        if lambda.abs() > cutoff {
            let projection: f64 = (0..4).map(|i| vectors[i][k] * d[i]).sum();
            form += projection * projection / lambda;
            rank += 1;
        }
    }
    (form, rank)
}
