//! Tests on (distinct value, count) summaries, so a report can run from a fitted profile
//! without the raw reference. Exact whenever the summaries are exact.

use super::DriftError;
use super::binned::{Binning, count_shares, histogram_weighted, quantile_weighted, sturges_edges};
use super::categories::CategoryCounts;
use super::ks::{KsAlternative, KsMethod, ks_from_gaps};
use super::profile::{ColumnProfile, NumericSummary};
use super::result::DriftResult;

/// Reports whose exact summaries hold at most this many values expand them for the tests
/// that need raw values (ranks, characteristic functions).
pub(crate) const EXPAND_LIMIT: u64 = 5_000_000;

fn kept_total(s: &NumericSummary) -> f64 {
    s.counts.iter().sum::<u64>() as f64
}

/// The distinct values of two summaries in ascending order with their counts in each
/// (0 where a summary lacks the value).
fn pooled(a: &NumericSummary, b: &NumericSummary) -> impl Iterator<Item = (f64, u64, u64)> {
    let (mut i, mut j) = (0usize, 0usize);
    std::iter::from_fn(move || {
        let value = match (a.values.get(i), b.values.get(j)) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) => x,
            (None, Some(&y)) => y,
            (None, None) => return None,
        };
        let (mut r, mut c) = (0, 0);
        if a.values.get(i) == Some(&value) {
            r = a.counts[i];
            i += 1;
        }
        if b.values.get(j) == Some(&value) {
            c = b.counts[j];
            j += 1;
        }
        Some((value, r, c))
    })
}

/// Walks the pooled distinct values, calling `visit(value, cdf_a, cdf_b)` after each one.
fn walk(a: &NumericSummary, b: &NumericSummary, mut visit: impl FnMut(f64, f64, f64)) {
    let (na, nb) = (kept_total(a), kept_total(b));
    let (mut ca, mut cb) = (0u64, 0u64);
    for (value, r, c) in pooled(a, b) {
        ca += r;
        cb += c;
        visit(value, ca as f64 / na, cb as f64 / nb);
    }
}

/// Two-sided two-sample KS with scipy's automatic p-value.
pub(crate) fn ks(a: &NumericSummary, b: &NumericSummary, threshold: f64) -> DriftResult {
    let (mut max_gap, mut min_gap) = (f64::NEG_INFINITY, f64::INFINITY);
    walk(a, b, |_, fa, fb| {
        max_gap = max_gap.max(fa - fb);
        min_gap = min_gap.min(fa - fb);
    });
    let (statistic, pvalue) = ks_from_gaps(
        max_gap,
        min_gap,
        a.count,
        b.count,
        KsMethod::Auto,
        KsAlternative::TwoSided,
    );
    DriftResult::from_pvalue("ks", statistic, pvalue, threshold)
}

/// Wasserstein-1 normed by the reference's population standard deviation (Evidently).
pub(crate) fn wasserstein(a: &NumericSummary, b: &NumericSummary, threshold: f64) -> DriftResult {
    let mut total = 0.0;
    let mut previous: Option<(f64, f64)> = None;
    walk(a, b, |value, fa, fb| {
        if let Some((left, gap)) = previous {
            total += gap * (value - left);
        }
        previous = Some((value, (fa - fb).abs()));
    });
    DriftResult::from_score("wasserstein", total / a.std().max(0.001), threshold)
}

/// Bin shares of a numeric pair (Evidently's rule with `Sturges`, or reference quantiles).
pub(crate) fn numeric_shares(
    a: &NumericSummary,
    b: &NumericSummary,
    binning: Binning,
) -> Result<(Vec<f64>, Vec<f64>), DriftError> {
    let share = |counts: Vec<f64>, s: &NumericSummary| -> Vec<f64> {
        let total = kept_total(s);
        counts.into_iter().map(|c| c / total).collect()
    };
    match binning {
        Binning::Sturges if !(a.is_exact() && a.distinct() <= 20) => {
            let edges = sturges_edges(
                a.min.min(b.min),
                a.max.max(b.max),
                (a.count + b.count) as usize,
            );
            Ok((
                share(histogram_weighted(a, &edges), a),
                share(histogram_weighted(b, &edges), b),
            ))
        }
        Binning::Sturges => Ok(count_shares(&numeric_categories(a, b)?)),
        Binning::Quantile(bins) => {
            let mut edges: Vec<f64> = (1..bins)
                .map(|k| quantile_weighted(a, k as f64 / bins as f64))
                .collect();
            edges.dedup();
            let per_bin = |s: &NumericSummary| -> Vec<f64> {
                let mut counts = vec![0.0; edges.len() + 1];
                for (&v, &c) in s.values.iter().zip(&s.counts) {
                    counts[edges.partition_point(|&e| e < v)] += c as f64;
                }
                counts
            };
            let (ra, rb) = (per_bin(a), per_bin(b));
            Ok((share(ra, a), share(rb, b)))
        }
    }
}

/// Number of distinct values in both summaries together.
pub(crate) fn distinct_union(a: &NumericSummary, b: &NumericSummary) -> usize {
    pooled(a, b).count()
}

/// Category counts of two numeric summaries (values as categories); exact summaries only.
pub(crate) fn numeric_categories(
    a: &NumericSummary,
    b: &NumericSummary,
) -> Result<CategoryCounts, DriftError> {
    if !a.is_exact() || !b.is_exact() {
        return Err(DriftError::Undefined(
            "too many distinct values to treat the column as categories".into(),
        ));
    }
    let (mut labels, mut reference, mut current) = (Vec::new(), Vec::new(), Vec::new());
    for (value, r, c) in pooled(a, b) {
        labels.push(value.to_string());
        reference.push(r);
        current.push(c);
    }
    Ok(CategoryCounts {
        labels,
        reference,
        current,
    })
}

/// Category counts of two column profiles of the same kind.
pub(crate) fn column_categories(
    a: &ColumnProfile,
    b: &ColumnProfile,
) -> Result<CategoryCounts, DriftError> {
    match (&a.numeric, &b.numeric, &a.labels, &b.labels) {
        (Some(x), Some(y), _, _) => numeric_categories(x, y),
        (_, _, Some(x), Some(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            Ok(CategoryCounts {
                labels: keys.iter().map(|k| k.to_string()).collect(),
                reference: keys
                    .iter()
                    .map(|k| x.get(*k).copied().unwrap_or(0))
                    .collect(),
                current: keys
                    .iter()
                    .map(|k| y.get(*k).copied().unwrap_or(0))
                    .collect(),
            })
        }
        _ => Err(DriftError::Undefined(format!(
            "column {:?} holds numbers in one sample and labels in the other",
            a.name
        ))),
    }
}

/// The raw sorted values of an exact summary, if small enough to expand.
pub(crate) fn expand(s: &NumericSummary) -> Option<Vec<f64>> {
    if !s.is_exact() || s.count > EXPAND_LIMIT {
        return None;
    }
    let mut out = Vec::with_capacity(s.count as usize);
    for (&v, &c) in s.values.iter().zip(&s.counts) {
        out.extend(std::iter::repeat_n(v, c as usize));
    }
    Some(out)
}
