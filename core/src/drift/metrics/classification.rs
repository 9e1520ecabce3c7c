//! Classification metrics from true and predicted labels, as scikit-learn computes them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::drift::DriftError;

/// Precision, recall and F1 averaged over the classes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Averages {
    /// Averaged precision.
    pub precision: f64,
    /// Averaged recall.
    pub recall: f64,
    /// Averaged F1.
    pub f1: f64,
}

/// Everything [`classification_metrics`] reports; per-class lists follow `labels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ClassificationMetrics {
    /// The classes, in the order of every per-class list and of the matrix.
    pub labels: Vec<i64>,
    /// Counts with true class `labels[i]` (row) predicted as `labels[j]` (column); pairs with a
    /// label outside `labels` are left out.
    pub confusion_matrix: Vec<Vec<u64>>,
    /// TP / (TP + FP) per class (0 when never predicted).
    pub precision: Vec<f64>,
    /// TP / (TP + FN) per class (0 when absent).
    pub recall: Vec<f64>,
    /// 2·TP / (2·TP + FP + FN) per class (0 when both are 0).
    pub f1: Vec<f64>,
    /// TN / (TN + FP) per class from the confusion matrix, one class against the rest (0 when
    /// the class has no negatives).
    pub specificity: Vec<f64>,
    /// Pairs whose true class is each label.
    pub support: Vec<u64>,
    /// Share of pairs predicted right (all pairs).
    pub accuracy: f64,
    /// Mean recall over the classes that occur in `y_true`.
    pub balanced_accuracy: f64,
    /// Unweighted means over `labels`.
    pub macro_avg: Averages,
    /// From the counts summed over `labels`.
    pub micro_avg: Averages,
    /// Means weighted by support.
    pub weighted_avg: Averages,
    /// Mean specificity over `labels`.
    pub macro_specificity: f64,
}

/// Classification metrics of predicted labels against true ones (binary or multiclass), as
/// scikit-learn's `confusion_matrix`, `precision_recall_fscore_support(zero_division=0)`,
/// `accuracy_score` and `balanced_accuracy_score`. `labels` (default: every label seen, sorted)
/// fixes the classes and their order; a label in it that never occurs scores 0 and counts in
/// the macro averages, as in scikit-learn.
///
/// ```
/// use edgekit::drift::classification_metrics;
///
/// let m = classification_metrics(&[0, 0, 1, 1, 1], &[0, 1, 1, 1, 0], None)?;
/// assert_eq!(m.confusion_matrix, vec![vec![1, 1], vec![1, 2]]);
/// assert_eq!(m.precision, vec![0.5, 2.0 / 3.0]);
/// assert_eq!(m.accuracy, 0.6);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn classification_metrics(
    y_true: &[i64],
    y_pred: &[i64],
    labels: Option<&[i64]>,
) -> Result<ClassificationMetrics, DriftError> {
    if y_true.len() != y_pred.len() {
        return Err(DriftError::LengthMismatch {
            first: "y_true",
            first_len: y_true.len(),
            second: "y_pred",
            second_len: y_pred.len(),
        });
    }
    if y_true.is_empty() {
        return Err(DriftError::Empty { argument: "y_true" });
    }
    let labels: Vec<i64> = match labels {
        Some(given) => {
            let mut seen = std::collections::HashSet::new();
            if let Some(&twice) = given.iter().find(|l| !seen.insert(**l)) {
                return Err(DriftError::Undefined(format!("labels holds {twice} twice")));
            }
            if given.is_empty() {
                return Err(DriftError::Empty { argument: "labels" });
            }
            given.to_vec()
        }
        None => {
            let mut all: Vec<i64> = y_true.iter().chain(y_pred).copied().collect();
            all.sort_unstable();
            all.dedup();
            all
        }
    };
    let k = labels.len();
    let index: HashMap<i64, usize> = labels.iter().enumerate().map(|(i, &l)| (l, i)).collect();
    let mut matrix = vec![vec![0u64; k]; k];
    let (mut tp, mut true_sum, mut pred_sum) = (vec![0u64; k], vec![0u64; k], vec![0u64; k]);
    let mut right = 0u64;
    for (t, p) in y_true.iter().zip(y_pred) {
        right += u64::from(t == p);
        let (ti, pi) = (index.get(t), index.get(p));
        if let Some(&i) = ti {
            true_sum[i] += 1;
        }
        if let Some(&j) = pi {
            pred_sum[j] += 1;
        }
        if let (Some(&i), Some(&j)) = (ti, pi) {
            matrix[i][j] += 1;
            if i == j {
                tp[i] += 1;
            }
        }
    }
    let divide = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let f = |x: u64| x as f64;
    let precision: Vec<f64> = (0..k).map(|i| divide(f(tp[i]), f(pred_sum[i]))).collect();
    let recall: Vec<f64> = (0..k).map(|i| divide(f(tp[i]), f(true_sum[i]))).collect();
    // scikit-learn's F-beta: (1 + β²)·TP / (β²·(TP + FN) + TP + FP), here β = 1.
    let f1: Vec<f64> = (0..k)
        .map(|i| divide(2.0 * f(tp[i]), f(true_sum[i]) + f(pred_sum[i])))
        .collect();
    let total: u64 = matrix.iter().flatten().sum();
    let specificity: Vec<f64> = (0..k)
        .map(|i| {
            let column: u64 = matrix.iter().map(|row| row[i]).sum();
            let row: u64 = matrix[i].iter().sum();
            let false_positive = column - matrix[i][i];
            let true_negative = total - row - false_positive;
            divide(f(true_negative), f(true_negative + false_positive))
        })
        .collect();
    let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
    let support_total: u64 = true_sum.iter().sum();
    let weighted = |xs: &[f64]| {
        let sum: f64 = xs.iter().zip(&true_sum).map(|(x, &s)| x * f(s)).sum();
        divide(sum, f(support_total))
    };
    let (tp_all, pred_all) = (f(tp.iter().sum()), f(pred_sum.iter().sum()));
    // Balanced accuracy counts the classes that occur in y_true, whatever `labels` says: one
    // pass of (pairs, right) per true class.
    let mut per_true: HashMap<i64, (u64, u64)> = HashMap::new();
    for (t, p) in y_true.iter().zip(y_pred) {
        let entry = per_true.entry(*t).or_default();
        entry.0 += 1;
        entry.1 += u64::from(t == p);
    }
    let mut occurring: Vec<(i64, (u64, u64))> = per_true.into_iter().collect();
    occurring.sort_unstable_by_key(|(label, _)| *label);
    let balanced: Vec<f64> = occurring
        .iter()
        .map(|&(_, (n, hit))| f(hit) / f(n))
        .collect();
    Ok(ClassificationMetrics {
        macro_avg: Averages {
            precision: mean(&precision),
            recall: mean(&recall),
            f1: mean(&f1),
        },
        micro_avg: Averages {
            precision: divide(tp_all, pred_all),
            recall: divide(tp_all, f(support_total)),
            f1: divide(2.0 * tp_all, f(support_total) + pred_all),
        },
        weighted_avg: Averages {
            precision: weighted(&precision),
            recall: weighted(&recall),
            f1: weighted(&f1),
        },
        macro_specificity: mean(&specificity),
        accuracy: f(right) / y_true.len() as f64,
        balanced_accuracy: mean(&balanced),
        labels,
        confusion_matrix: matrix,
        precision,
        recall,
        f1,
        specificity,
        support: true_sum,
    })
}
