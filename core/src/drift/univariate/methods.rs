//! The distances NannyML's univariate drift calculator reports per chunk, computed as it
//! computes them (NannyML 0.13 `nannyml.drift.univariate.methods`, with numpy's histograms and
//! scipy's distances): each is fitted once on the reference column and then measured on every
//! chunk.

use serde::{Deserialize, Serialize};

use crate::stats::dist::chi2_sf;

/// A univariate drift method, by NannyML's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum UnivariateMethod {
    /// Jensen-Shannon distance (base 2) between binned (continuous: numpy's Doane bins of the
    /// reference) or per-category frequencies; values outside the reference go to one extra bin.
    JensenShannon,
    /// The two-sample Kolmogorov-Smirnov statistic (continuous).
    KolmogorovSmirnov,
    /// The first Wasserstein distance between the samples (continuous).
    Wasserstein,
    /// Hellinger distance between binned or per-category frequencies.
    Hellinger,
    /// Pearson's chi-squared statistic of the reference-against-chunk contingency table
    /// (categorical); alerts on its p-value below 0.05, without thresholds.
    Chi2,
    /// The largest difference between a category's shares (categorical).
    LInfinity,
}

impl UnivariateMethod {
    /// NannyML's name.
    pub fn name(self) -> &'static str {
        match self {
            UnivariateMethod::JensenShannon => "jensen_shannon",
            UnivariateMethod::KolmogorovSmirnov => "kolmogorov_smirnov",
            UnivariateMethod::Wasserstein => "wasserstein",
            UnivariateMethod::Hellinger => "hellinger",
            UnivariateMethod::Chi2 => "chi2",
            UnivariateMethod::LInfinity => "l_infinity",
        }
    }

    /// Whether it measures continuous columns (else categorical ones).
    pub(crate) fn continuous(self) -> bool {
        !matches!(self, UnivariateMethod::Chi2 | UnivariateMethod::LInfinity)
    }

    /// Whether it measures categorical columns.
    pub(crate) fn categorical(self) -> bool {
        !matches!(
            self,
            UnivariateMethod::KolmogorovSmirnov | UnivariateMethod::Wasserstein
        )
    }

    /// The range thresholds are clamped to (NannyML's threshold limits).
    pub(crate) fn limits(self) -> (Option<f64>, Option<f64>) {
        match self {
            UnivariateMethod::KolmogorovSmirnov | UnivariateMethod::Chi2 => (Some(0.0), Some(1.0)),
            _ => (Some(0.0), None),
        }
    }
}

/// numpy's `histogram_bin_edges(x, bins="doane")`: equal-width bins whose width follows Doane's
/// rule (Sturges' corrected for skewness); one bin of width 1 around constant data.
pub(crate) fn doane_edges(x: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    let (min, max) = x
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let mut width = 0.0;
    if x.len() > 2 {
        let sg1 = (6.0 * (n - 2.0) / ((n + 1.0) * (n + 3.0))).sqrt();
        let mean = x.iter().sum::<f64>() / n;
        let sigma = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        if sigma > 0.0 {
            let g1 = x.iter().map(|v| ((v - mean) / sigma).powi(3)).sum::<f64>() / n;
            width = (max - min) / (1.0 + n.log2() + (1.0 + g1.abs() / sg1).log2());
        }
    }
    let (first, last) = if min == max {
        (min - 0.5, max + 0.5)
    } else {
        (min, max)
    };
    let bins = if width > 0.0 {
        ((last - first) / width).ceil().max(1.0) as usize
    } else {
        1
    };
    let step = (last - first) / bins as f64;
    let mut edges: Vec<f64> = (0..=bins).map(|i| i as f64 * step + first).collect();
    edges[bins] = last;
    edges
}

/// numpy's `histogram(x, bins=edges)` as shares of `x.len()`: bins closed on the left, the last
/// closed on both sides, values outside the edges not counted.
pub(crate) fn histogram_shares(x: &[f64], edges: &[f64]) -> Vec<f64> {
    let bins = edges.len() - 1;
    let mut counts = vec![0.0; bins];
    let last = edges[bins];
    for &v in x {
        if v < edges[0] || v > last {
            continue;
        }
        let bin = if v == last {
            bins - 1
        } else {
            edges.partition_point(|&e| e <= v) - 1
        };
        counts[bin] += 1.0;
    }
    let n = x.len() as f64;
    counts.iter_mut().for_each(|c| *c /= n);
    counts
}

/// NannyML's treatment of a chunk's shares against the reference's: what falls outside the
/// reference bins (the shares' shortfall from 1) becomes one more bin, empty in the reference.
pub(crate) fn with_leftover(reference: &[f64], chunk: Vec<f64>) -> (Vec<f64>, Vec<f64>) {
    let leftover = 1.0 - chunk.iter().sum::<f64>();
    let (mut reference, mut chunk) = (reference.to_vec(), chunk);
    if leftover > 0.0 {
        reference.push(0.0);
        chunk.push(leftover);
    }
    (reference, chunk)
}

/// scipy's `jensenshannon(p, q, base=2)`: both normalized to sum 1.
pub(crate) fn jensen_shannon(p: &[f64], q: &[f64]) -> f64 {
    let (sp, sq) = (p.iter().sum::<f64>(), q.iter().sum::<f64>());
    let rel_entr = |x: f64, y: f64| {
        if x > 0.0 && y > 0.0 {
            x * (x / y).ln()
        } else if x == 0.0 && y >= 0.0 {
            0.0
        } else {
            f64::INFINITY
        }
    };
    let (mut left, mut right) = (0.0, 0.0);
    for (&a, &b) in p.iter().zip(q) {
        let (a, b) = (a / sp, b / sq);
        let m = (a + b) / 2.0;
        left += rel_entr(a, m);
        right += rel_entr(b, m);
    }
    ((left + right) / std::f64::consts::LN_2 / 2.0).sqrt()
}

/// `√(Σ (√p − √q)²) / √2` on the shares as they are (NannyML does not renormalize).
pub(crate) fn hellinger(p: &[f64], q: &[f64]) -> f64 {
    let sum: f64 = p
        .iter()
        .zip(q)
        .map(|(a, b)| (a.sqrt() - b.sqrt()).powi(2))
        .sum();
    sum.sqrt() / std::f64::consts::SQRT_2
}

/// The two-sample Kolmogorov-Smirnov statistic of two sorted samples.
pub(crate) fn ks_statistic(a: &[f64], b: &[f64]) -> f64 {
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let (mut i, mut j, mut d) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        let v = a[i].min(b[j]);
        while i < a.len() && a[i] <= v {
            i += 1;
        }
        while j < b.len() && b[j] <= v {
            j += 1;
        }
        d = d.max((i as f64 / na - j as f64 / nb).abs());
    }
    d
}

/// scipy's `wasserstein_distance(a, b)` of two sorted samples: the area between their
/// empirical distribution functions.
pub(crate) fn wasserstein(a: &[f64], b: &[f64]) -> f64 {
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let (mut i, mut j) = (0, 0);
    let mut previous: Option<f64> = None;
    let mut area = 0.0;
    while i < a.len() || j < b.len() {
        let v = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) => x,
            (None, Some(&y)) => y,
            (None, None) => unreachable!("the loop condition"),
        };
        if let Some(p) = previous {
            area += (i as f64 / na - j as f64 / nb).abs() * (v - p);
        }
        while i < a.len() && a[i] <= v {
            i += 1;
        }
        while j < b.len() && b[j] <= v {
            j += 1;
        }
        previous = Some(v);
    }
    area
}

/// scipy's `chi2_contingency` on two columns of category counts (reference, chunk), with
/// Yates' correction where the table has one degree of freedom: `(statistic, p-value)`.
pub(crate) fn chi2_contingency(reference: &[f64], chunk: &[f64]) -> (f64, f64) {
    let rows: Vec<(f64, f64)> = reference
        .iter()
        .zip(chunk)
        .map(|(&a, &b)| (a, b))
        .filter(|&(a, b)| a + b > 0.0)
        .collect();
    let (ta, tb) = rows
        .iter()
        .fold((0.0, 0.0), |(x, y), &(a, b)| (x + a, y + b));
    let total = ta + tb;
    let dof = rows.len().saturating_sub(1);
    if dof == 0 || ta == 0.0 || tb == 0.0 {
        return (0.0, 1.0);
    }
    let mut statistic = 0.0;
    for &(a, b) in &rows {
        let row = a + b;
        for (observed, column) in [(a, ta), (b, tb)] {
            let expected = row * column / total;
            let mut observed = observed;
            if dof == 1 {
                let diff = expected - observed;
                observed += diff.signum() * diff.abs().min(0.5);
            }
            statistic += (observed - expected).powi(2) / expected;
        }
    }
    (statistic, chi2_sf(statistic, dof as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_samples_are_at_distance_zero() {
        let x = [1.0, 2.0, 2.5, 3.0, 7.0];
        let edges = doane_edges(&x);
        let shares = histogram_shares(&x, &edges);
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert_eq!(jensen_shannon(&shares, &shares), 0.0);
        assert_eq!(hellinger(&shares, &shares), 0.0);
        assert_eq!(ks_statistic(&x, &x), 0.0);
        assert_eq!(wasserstein(&x, &x), 0.0);
    }

    #[test]
    fn shifted_samples_move_by_the_shift() {
        let a = [0.0, 1.0, 2.0, 3.0];
        let b = [0.5, 1.5, 2.5, 3.5];
        assert!((wasserstein(&a, &b) - 0.5).abs() < 1e-15);
        assert!((ks_statistic(&a, &b) - 0.25).abs() < 1e-15);
        // Disjoint supports: the largest distances.
        assert!((jensen_shannon(&[1.0, 0.0], &[0.0, 1.0]) - 1.0).abs() < 1e-15);
        assert!((hellinger(&[1.0, 0.0], &[0.0, 1.0]) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn constant_data_get_one_unit_bin() {
        assert_eq!(doane_edges(&[3.0, 3.0, 3.0]), vec![2.5, 3.5]);
    }
}
