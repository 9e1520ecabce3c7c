//! The TCPD evaluation metrics (van den Burg & Williams 2020, "An evaluation of change point
//! detection algorithms"): F1 with a margin against several annotators, and covering.

use std::collections::BTreeSet;

/// Annotated change points that some prediction matches within `margin` (each prediction used
/// once, nearest first), as in TCPD's `true_positives`.
fn true_positives(truth: &BTreeSet<usize>, predictions: &BTreeSet<usize>, margin: usize) -> usize {
    let mut left: BTreeSet<usize> = predictions.clone();
    let mut hits = 0;
    for &tau in truth {
        let nearest = left
            .range(tau.saturating_sub(margin)..=tau + margin)
            .min_by_key(|&&x| (x.abs_diff(tau), x))
            .copied();
        if let Some(x) = nearest {
            left.remove(&x);
            hits += 1;
        }
    }
    hits
}

/// TCPD's F1: precision against the union of all annotations, recall averaged over annotators,
/// the series start counting as a change point in every set (margin default 5 in TCPD).
///
/// ```
/// let annotators = vec![vec![50], vec![52, 80]];
/// let f1 = edgekit::drift::f1_score(&annotators, &[51], 5);
/// // precision 2/2 (0 and 51), recall ((2/2) + (2/3)) / 2
/// assert!((f1 - 2.0 * (5.0 / 6.0) / (1.0 + 5.0 / 6.0)).abs() < 1e-12);
/// ```
pub fn f1_score(annotations: &[Vec<usize>], predictions: &[usize], margin: usize) -> f64 {
    let predicted: BTreeSet<usize> = predictions
        .iter()
        .copied()
        .chain(std::iter::once(0))
        .collect();
    let sets: Vec<BTreeSet<usize>> = annotations
        .iter()
        .map(|a| a.iter().copied().chain(std::iter::once(0)).collect())
        .collect();
    let union: BTreeSet<usize> = sets.iter().flatten().copied().collect();
    let precision = true_positives(&union, &predicted, margin) as f64 / predicted.len() as f64;
    if sets.is_empty() {
        return 0.0;
    }
    let recall = sets
        .iter()
        .map(|s| true_positives(s, &predicted, margin) as f64 / s.len() as f64)
        .sum::<f64>()
        / sets.len() as f64;
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Segment boundaries `[0, c₁, c₂, …, n]` of a series of `n` values.
fn segments(changes: &[usize], n: usize) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = changes
        .iter()
        .copied()
        .filter(|&c| c > 0 && c < n)
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(n);
    bounds.windows(2).map(|w| (w[0], w[1])).collect()
}

/// TCPD's covering: for each annotator, `Σ |A| · max_{A'} Jaccard(A, A') / n` over their
/// segments `A` against the predicted segments `A'`, averaged over annotators.
///
/// ```
/// let cover = edgekit::drift::covering(&[vec![50]], &[50], 100);
/// assert_eq!(cover, 1.0);
/// ```
pub fn covering(annotations: &[Vec<usize>], predictions: &[usize], n: usize) -> f64 {
    if annotations.is_empty() || n == 0 {
        return 0.0;
    }
    let predicted = segments(predictions, n);
    let single = |truth: &[usize]| -> f64 {
        let mut total = 0.0;
        for (a0, a1) in segments(truth, n) {
            let best = predicted
                .iter()
                .map(|&(b0, b1)| {
                    let overlap = a1.min(b1).saturating_sub(a0.max(b0)) as f64;
                    overlap / (a1.max(b1) - a0.min(b0)) as f64
                })
                .fold(0.0, f64::max);
            total += (a1 - a0) as f64 * best;
        }
        total / n as f64
    };
    annotations.iter().map(|a| single(a)).sum::<f64>() / annotations.len() as f64
}
