//! Reliability curves: predicted probability against observed frequency per bin.

use serde::{Deserialize, Serialize};

use crate::drift::DriftError;
use crate::limits::{MAX_BINS, check_count};

/// How [`reliability_curve`] cuts [0, 1] into bins (scikit-learn's `strategy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum BinStrategy {
    /// Equal widths.
    #[default]
    Uniform,
    /// Equal counts: edges at the probabilities' percentiles.
    Quantile,
}

/// Options of [`reliability_curve`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ReliabilityOptions {
    /// Bins (scikit-learn's default 5).
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub n_bins: u64,
    /// Equal widths or equal counts.
    pub strategy: BinStrategy,
}

impl Default for ReliabilityOptions {
    fn default() -> Self {
        Self {
            n_bins: 5,
            strategy: BinStrategy::Uniform,
        }
    }
}

/// Observed frequency against mean predicted probability in each non-empty bin, with the
/// calibration errors they imply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ReliabilityCurve {
    /// Share of positives in each non-empty bin (scikit-learn's `prob_true`).
    pub prob_true: Vec<f64>,
    /// Mean predicted probability in each non-empty bin (`prob_pred`).
    pub prob_pred: Vec<f64>,
    /// Rows in each non-empty bin.
    pub counts: Vec<u64>,
    /// The `n_bins + 1` bin edges.
    pub bin_edges: Vec<f64>,
    /// Expected calibration error: the count-weighted mean of `|prob_true − prob_pred|`.
    pub ece: f64,
    /// Maximum calibration error: the largest `|prob_true − prob_pred|`.
    pub mce: f64,
    /// Mean squared error of the probabilities (Brier score).
    pub brier: f64,
}

/// numpy's `percentile(values, linspace(0, 1, n + 1) * 100)` with its linear method, step by
/// step in the same floating-point operations, so the edges are the same bits.
fn quantile_edges(values: &[f64], bins: usize) -> Vec<f64> {
    let mut sorted = values.to_vec();
    crate::drift::sample::sort_floats(&mut sorted);
    let n = sorted.len();
    let step = 1.0 / bins as f64;
    (0..=bins)
        .map(|k| {
            let level = if k == bins { 1.0 } else { k as f64 * step };
            let q = level * 100.0 / 100.0;
            let virtual_index = q * (n - 1) as f64;
            let below = (virtual_index.floor() as usize).min(n - 1);
            let above = (below + 1).min(n - 1);
            let t = virtual_index - below as f64;
            let (a, b) = (sorted[below], sorted[above]);
            let diff = b - a;
            if t >= 0.5 {
                b - diff * (1.0 - t)
            } else {
                a + diff * t
            }
        })
        .collect()
}

/// Reliability curve of probabilities `y_prob` for binary targets `y_true` (0 or 1), binned
/// as scikit-learn's `calibration_curve` bins them (a probability on an inner edge belongs to
/// the bin below it).
///
/// ```
/// use edgekit::drift::{reliability_curve, ReliabilityOptions};
/// let curve = reliability_curve(&[0.0, 0.0, 1.0, 1.0], &[0.1, 0.3, 0.7, 0.9], &ReliabilityOptions::default())?;
/// assert_eq!(curve.prob_true, vec![0.0, 0.0, 1.0, 1.0]);
/// assert!((curve.ece - 0.2).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn reliability_curve(
    y_true: &[f64],
    y_prob: &[f64],
    options: &ReliabilityOptions,
) -> Result<ReliabilityCurve, DriftError> {
    let bins = check_count("n_bins", options.n_bins, 1, MAX_BINS)?;
    check_binary_pairs(y_true, y_prob)?;
    let edges = match options.strategy {
        BinStrategy::Uniform => {
            let step = 1.0 / bins as f64;
            (0..=bins)
                .map(|k| if k == bins { 1.0 } else { k as f64 * step })
                .collect()
        }
        BinStrategy::Quantile => quantile_edges(y_prob, bins),
    };
    let inner = &edges[1..bins];
    let (mut sums, mut hits, mut counts) = (vec![0.0; bins], vec![0.0; bins], vec![0u64; bins]);
    for (&y, &p) in y_true.iter().zip(y_prob) {
        let bin = inner.partition_point(|&edge| edge < p);
        sums[bin] += p;
        hits[bin] += y;
        counts[bin] += 1;
    }
    let n = y_true.len() as f64;
    let mut curve = ReliabilityCurve {
        prob_true: Vec::new(),
        prob_pred: Vec::new(),
        counts: Vec::new(),
        bin_edges: edges,
        ece: 0.0,
        mce: 0.0,
        brier: y_true
            .iter()
            .zip(y_prob)
            .map(|(y, p)| (p - y) * (p - y))
            .sum::<f64>()
            / n,
    };
    for b in (0..bins).filter(|&b| counts[b] > 0) {
        let c = counts[b] as f64;
        let (observed, predicted) = (hits[b] / c, sums[b] / c);
        let gap = (observed - predicted).abs();
        curve.ece += c / n * gap;
        curve.mce = curve.mce.max(gap);
        curve.prob_true.push(observed);
        curve.prob_pred.push(predicted);
        curve.counts.push(counts[b]);
    }
    Ok(curve)
}

/// Binary targets (0 or 1) and probabilities in [0, 1], paired.
pub(super) fn check_binary_pairs(y_true: &[f64], y_prob: &[f64]) -> Result<(), DriftError> {
    if y_true.len() != y_prob.len() {
        return Err(DriftError::LengthMismatch {
            first: "y_true",
            first_len: y_true.len(),
            second: "y_prob",
            second_len: y_prob.len(),
        });
    }
    if y_true.is_empty() {
        return Err(DriftError::Empty { argument: "y_true" });
    }
    if let Some(i) = y_true.iter().position(|&y| y != 0.0 && y != 1.0) {
        return Err(DriftError::Undefined(format!(
            "y_true[{i}] = {} is not a binary target (0 or 1)",
            y_true[i]
        )));
    }
    if let Some(i) = y_prob.iter().position(|p| !(0.0..=1.0).contains(p)) {
        return Err(DriftError::Undefined(format!(
            "y_prob[{i}] = {} is not a probability in [0, 1]",
            y_prob[i]
        )));
    }
    Ok(())
}
