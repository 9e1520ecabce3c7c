//! Distances between binned distributions: PSI, Jensen-Shannon, Kullback-Leibler and Hellinger.
//!
//! Numbers are binned by reference quantiles (the usual PSI recipe) or exactly as Evidently
//! bins them (`Binning::Sturges`: Sturges-rule equal-width bins over both samples, or one bin
//! per value when the reference has at most 20 distinct values); labels are categories.
//! Empty bins take Evidently's floor before the logarithm: 0.0001, or a millionth of the
//! smallest non-empty share when that share is itself at most 0.0001.

use serde::{Deserialize, Serialize};

use super::DriftError;
use super::categories::{CategoryCounts, Sample};
use super::result::{DriftResult, check_score_threshold};
use super::sample::{check_finite, sorted_copy};

/// How numeric samples are turned into bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "bins")]
pub enum Binning {
    /// Bins bounded by the reference's `k / bins` quantiles (right-closed, open-ended).
    Quantile(usize),
    /// Evidently's `get_binned_data`: Sturges bins over the pooled sample, or categories when
    /// the reference has at most 20 distinct values.
    Sturges,
}

impl Default for Binning {
    fn default() -> Self {
        Binning::Quantile(10)
    }
}

/// Options of the binned distances.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BinnedOptions {
    /// How numbers are binned (default: 10 reference-quantile bins).
    pub binning: Binning,
    /// Drift when the distance reaches this (Evidently's default 0.1 for each).
    pub threshold: f64,
}

impl Default for BinnedOptions {
    fn default() -> Self {
        Self {
            binning: Binning::default(),
            threshold: 0.1,
        }
    }
}

/// Shares of each bin in the reference and the current sample.
pub(crate) fn binned_shares(
    reference: Sample<'_>,
    current: Sample<'_>,
    binning: Binning,
) -> Result<(Vec<f64>, Vec<f64>), DriftError> {
    match (reference, current, binning) {
        (Sample::Numbers(a), Sample::Numbers(b), Binning::Quantile(bins)) => {
            crate::limits::check_count("bins", bins, 2, crate::limits::MAX_BINS)?;
            // Check the current sample while the reference sorts.
            let (sorted, checked) = rayon::join(
                || sorted_copy(a, "reference"),
                || check_finite(b, "current"),
            );
            let sorted = sorted?;
            checked?;
            let mut edges: Vec<f64> = (1..bins)
                .map(|k| quantile_linear(&sorted, k as f64 / bins as f64))
                .collect();
            edges.dedup();
            Ok((
                shares(&quantile_counts(&sorted, &edges, true), a.len()),
                shares(&quantile_counts(b, &edges, false), b.len()),
            ))
        }
        (Sample::Numbers(a), Sample::Numbers(b), Binning::Sturges) => {
            check_finite(a, "reference")?;
            check_finite(b, "current")?;
            if distinct_more_than(a, 20) {
                let (min, max) = a
                    .iter()
                    .chain(b)
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                        (lo.min(v), hi.max(v))
                    });
                let edges = sturges_edges(min, max, a.len() + b.len());
                Ok((
                    shares(&histogram(a, &edges), a.len()),
                    shares(&histogram(b, &edges), b.len()),
                ))
            } else {
                category_shares(reference, current)
            }
        }
        _ => category_shares(reference, current),
    }
}

fn category_shares(
    reference: Sample<'_>,
    current: Sample<'_>,
) -> Result<(Vec<f64>, Vec<f64>), DriftError> {
    Ok(count_shares(&CategoryCounts::count(reference, current)?))
}

pub(crate) fn count_shares(counts: &CategoryCounts) -> (Vec<f64>, Vec<f64>) {
    let (nr, nc) = counts.totals();
    (
        shares(&counts.reference, nr as usize),
        shares(&counts.current, nc as usize),
    )
}

pub(crate) fn shares(counts: &[u64], total: usize) -> Vec<f64> {
    counts.iter().map(|&c| c as f64 / total as f64).collect()
}

fn distinct_more_than(values: &[f64], limit: usize) -> bool {
    let mut seen: Vec<u64> = Vec::with_capacity(limit + 1);
    for &v in values {
        let key = if v == 0.0 { 0 } else { v.to_bits() };
        if !seen.contains(&key) {
            seen.push(key);
            if seen.len() > limit {
                return true;
            }
        }
    }
    false
}

/// numpy's default (linear) quantile of a sorted sample.
pub(crate) fn quantile_linear(sorted: &[f64], p: f64) -> f64 {
    let position = p * (sorted.len() - 1) as f64;
    let low = position.floor() as usize;
    let high = (low + 1).min(sorted.len() - 1);
    let fraction = position - low as f64;
    sorted[low] + (sorted[high] - sorted[low]) * fraction
}

/// Counts per right-closed bin `(e_{k−1}, e_k]`, the outer bins open-ended.
fn quantile_counts(values: &[f64], edges: &[f64], sorted: bool) -> Vec<u64> {
    let mut counts = vec![0u64; edges.len() + 1];
    if sorted {
        let mut start = 0;
        for (k, &edge) in edges.iter().enumerate() {
            let end = start + values[start..].partition_point(|&v| v <= edge);
            counts[k] = (end - start) as u64;
            start = end;
        }
        counts[edges.len()] = (values.len() - start) as u64;
    } else {
        use rayon::prelude::*;
        let count = |chunk: &[f64]| {
            let mut local = vec![0u64; edges.len() + 1];
            chunk
                .iter()
                .for_each(|&v| local[edges.partition_point(|&e| e < v)] += 1);
            local
        };
        counts = values.par_chunks(1 << 16).map(count).reduce(
            || vec![0u64; edges.len() + 1],
            |mut x, y| {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
                x
            },
        );
    }
    counts
}

/// numpy's `histogram_bin_edges(sample, bins="sturges")` for a sample of `n` values in [min, max].
pub(crate) fn sturges_edges(min: f64, max: f64, n: usize) -> Vec<f64> {
    let range = max - min;
    let width = range / ((n as f64).log2() + 1.0);
    let bins = if width > 0.0 {
        (range / width).ceil() as usize
    } else {
        1
    };
    let (first, last) = if min == max {
        (min - 0.5, max + 0.5)
    } else {
        (min, max)
    };
    let step = (last - first) / bins as f64;
    let mut edges: Vec<f64> = (0..=bins).map(|k| k as f64 * step + first).collect();
    edges[bins] = last;
    edges
}

/// numpy's `histogram(values, edges)` for explicit edges: `[e_k, e_{k+1})`, the last bin closed.
pub(crate) fn histogram(values: &[f64], edges: &[f64]) -> Vec<u64> {
    let bins = edges.len() - 1;
    let mut counts = vec![0u64; bins];
    let (first, last) = (edges[0], edges[bins]);
    for &v in values {
        if v < first || v > last {
            continue;
        }
        let k = if v == last {
            bins - 1
        } else {
            edges.partition_point(|&e| e <= v) - 1
        };
        counts[k] += 1;
    }
    counts
}

/// `histogram` over a (value, count) summary.
pub(crate) fn histogram_weighted(s: &super::profile::NumericSummary, edges: &[f64]) -> Vec<f64> {
    let bins = edges.len() - 1;
    let mut counts = vec![0.0; bins];
    let (first, last) = (edges[0], edges[bins]);
    for (&v, &c) in s.values.iter().zip(&s.counts) {
        if v < first || v > last {
            continue;
        }
        let k = if v == last {
            bins - 1
        } else {
            edges.partition_point(|&e| e <= v) - 1
        };
        counts[k] += c as f64;
    }
    counts
}

/// numpy's linear quantile of the values a (value, count) summary stands for.
pub(crate) fn quantile_weighted(s: &super::profile::NumericSummary, p: f64) -> f64 {
    let total: u64 = s.counts.iter().sum();
    let position = p * (total - 1) as f64;
    let low = position.floor() as u64;
    let at = |rank: u64| -> f64 {
        let mut seen = 0;
        for (&v, &c) in s.values.iter().zip(&s.counts) {
            seen += c;
            if rank < seen {
                return v;
            }
        }
        s.values[s.values.len() - 1]
    };
    let (lo, hi) = (at(low), at((low + 1).min(total - 1)));
    lo + (hi - lo) * (position - low as f64)
}

/// Evidently's floor for empty bins (see the module documentation).
fn fill_empty(shares: &mut [f64]) {
    let smallest = shares
        .iter()
        .copied()
        .filter(|&s| s != 0.0)
        .fold(f64::INFINITY, f64::min);
    if !smallest.is_finite() {
        return;
    }
    let floor = if smallest <= 0.0001 {
        smallest / 1e6
    } else {
        0.0001
    };
    shares
        .iter_mut()
        .filter(|s| **s == 0.0)
        .for_each(|s| *s = floor);
}

/// `x ln(x / y)` with scipy's `rel_entr` conventions at zero.
fn relative_entropy(x: f64, y: f64) -> f64 {
    if x > 0.0 && y > 0.0 {
        x * (x / y).ln()
    } else if x == 0.0 && y >= 0.0 {
        0.0
    } else {
        f64::INFINITY
    }
}

/// PSI, KL or Jensen-Shannon of binned shares, as the public functions compute them.
pub(crate) fn divergence(
    test: &str,
    mut r: Vec<f64>,
    mut c: Vec<f64>,
    threshold: f64,
) -> DriftResult {
    let score = match test {
        "psi" => {
            fill_empty(&mut r);
            fill_empty(&mut c);
            r.iter().zip(&c).map(|(r, c)| (r - c) * (r / c).ln()).sum()
        }
        "kl_div" => {
            fill_empty(&mut r);
            fill_empty(&mut c);
            let (sr, sc): (f64, f64) = (r.iter().sum(), c.iter().sum());
            r.iter()
                .zip(&c)
                .map(|(r, c)| relative_entropy(r / sr, c / sc))
                .sum()
        }
        _ => {
            let (sr, sc): (f64, f64) = (r.iter().sum(), c.iter().sum());
            let (mut left, mut right) = (0.0, 0.0);
            for (r, c) in r.iter().zip(&c) {
                let (p, q) = (r / sr, c / sc);
                let m = (p + q) / 2.0;
                left += relative_entropy(p, m);
                right += relative_entropy(q, m);
            }
            ((left + right) / 2.0).sqrt()
        }
    };
    DriftResult::from_score(test, score, threshold)
}

/// Hellinger distance of category counts (Evidently's categorical branch).
pub(crate) fn hellinger_counts(counts: &CategoryCounts, threshold: f64) -> DriftResult {
    let (nr, nc) = counts.totals();
    let overlap: f64 = counts
        .reference
        .iter()
        .zip(&counts.current)
        .map(|(&r, &c)| (r as f64 / nr as f64 * (c as f64 / nc as f64)).sqrt())
        .sum();
    DriftResult::from_score(
        "hellinger",
        (1.0 - overlap.clamp(0.0, 1.0)).sqrt(),
        threshold,
    )
}

/// Population stability index `Σ (r − c) ln(r / c)` over the bins.
///
/// ```
/// use edgekit::drift::{psi, BinnedOptions};
/// let reference: Vec<f64> = (0..1000).map(|i| i as f64).collect();
/// let same = psi(reference.as_slice(), reference.as_slice(), &BinnedOptions::default())?;
/// assert_eq!(same.statistic, 0.0);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn psi<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    options: &BinnedOptions,
) -> Result<DriftResult, DriftError> {
    check_score_threshold(options.threshold)?;
    let (r, c) = binned_shares(reference.into(), current.into(), options.binning)?;
    Ok(divergence("psi", r, c, options.threshold))
}

/// Kullback-Leibler divergence `KL(reference ‖ current)` of the binned shares (scipy `entropy`).
///
/// ```
/// use edgekit::drift::{kl_divergence, BinnedOptions, Binning};
/// // Few distinct values: Evidently's binning treats each value as a category.
/// let options = BinnedOptions { binning: Binning::Sturges, ..BinnedOptions::default() };
/// let result = kl_divergence(&[1.0, 1.0, 2.0, 2.0], &[1.0, 2.0, 2.0, 2.0], &options)?;
/// assert!((result.statistic - (0.5f64 * (0.5f64 / 0.25).ln() + 0.5 * (0.5f64 / 0.75).ln())).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn kl_divergence<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    options: &BinnedOptions,
) -> Result<DriftResult, DriftError> {
    check_score_threshold(options.threshold)?;
    let (mut r, mut c) = binned_shares(reference.into(), current.into(), options.binning)?;
    fill_empty(&mut r);
    fill_empty(&mut c);
    let (sr, sc): (f64, f64) = (r.iter().sum(), c.iter().sum());
    let score = r
        .iter()
        .zip(&c)
        .map(|(r, c)| relative_entropy(r / sr, c / sc))
        .sum();
    Ok(DriftResult::from_score("kl_div", score, options.threshold))
}

/// Jensen-Shannon distance (natural log) of the binned shares, scipy's `jensenshannon`;
/// empty bins stay empty, as Evidently leaves them.
///
/// ```
/// use edgekit::drift::{jensen_shannon, BinnedOptions};
/// let labels = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// let (a, b) = (labels(&["x", "x"]), labels(&["y", "y"]));
/// let result = jensen_shannon(a.as_slice(), b.as_slice(), &BinnedOptions::default())?;
/// assert!((result.statistic - std::f64::consts::LN_2.sqrt()).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn jensen_shannon<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    options: &BinnedOptions,
) -> Result<DriftResult, DriftError> {
    check_score_threshold(options.threshold)?;
    let (r, c) = binned_shares(reference.into(), current.into(), options.binning)?;
    let (sr, sc): (f64, f64) = (r.iter().sum(), c.iter().sum());
    let (mut left, mut right) = (0.0, 0.0);
    for (r, c) in r.iter().zip(&c) {
        let (p, q) = (r / sr, c / sc);
        let m = (p + q) / 2.0;
        left += relative_entropy(p, m);
        right += relative_entropy(q, m);
    }
    let score = ((left + right) / 2.0).sqrt();
    Ok(DriftResult::from_score(
        "jensenshannon",
        score,
        options.threshold,
    ))
}

/// Hellinger distance as Evidently computes it: categories for labels; for numbers, density
/// histograms on Sturges bins over the distinct pooled values.
///
/// ```
/// let result = edgekit::drift::hellinger(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0], 0.1)?;
/// assert!(result.statistic.abs() < 1e-7);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn hellinger<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    check_score_threshold(threshold)?;
    let (reference, current) = (reference.into(), current.into());
    let overlap = match (reference, current) {
        (Sample::Numbers(a), Sample::Numbers(b)) => {
            check_finite(a, "reference")?;
            check_finite(b, "current")?;
            let mut keys: Vec<f64> = a
                .iter()
                .chain(b)
                .map(|&v| if v == 0.0 { 0.0 } else { v })
                .collect();
            super::sample::sort_floats(&mut keys);
            keys.dedup();
            let edges = sturges_edges(keys[0], keys[keys.len() - 1], keys.len());
            let width = (edges[edges.len() - 1] - edges[0]) / (edges.len() - 1) as f64;
            let density = |values: &[f64]| -> Vec<f64> {
                let counts = histogram(values, &edges);
                let total: u64 = counts.iter().sum();
                counts
                    .iter()
                    .zip(edges.windows(2))
                    .map(|(&c, e)| c as f64 / (total as f64 * (e[1] - e[0])))
                    .collect()
            };
            let (h1, h2) = (density(a), density(b));
            h1.iter()
                .zip(&h2)
                .map(|(p, q)| (p * q).sqrt() * width)
                .sum::<f64>()
        }
        _ => {
            return Ok(hellinger_counts(
                &CategoryCounts::count(reference, current)?,
                threshold,
            ));
        }
    };
    let score = (1.0 - overlap.clamp(0.0, 1.0)).sqrt();
    Ok(DriftResult::from_score("hellinger", score, threshold))
}
