//! Confusion matrices three ways, as NannyML computes them for binary and multiclass models:
//! realized from targets (scikit-learn's `confusion_matrix`, optionally normalized), estimated
//! by CBPE (each row adds its calibrated probability of every true class to the cell of its
//! predicted class), and the sampling error of each cell at a chunk's size.

use serde::{Deserialize, Serialize};

/// How a confusion matrix is normalized (scikit-learn's and NannyML's `normalize`); absent:
/// counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ConfusionNormalization {
    /// Each true class's row sums to 1.
    True,
    /// Each predicted class's column sums to 1.
    Pred,
    /// The whole matrix sums to 1.
    All,
}

/// One cell of a confusion matrix in a chunked result: the true and predicted class and the
/// cell's values (NannyML's column group `true_{true_class}_pred_{predicted_class}`; for a
/// binary model `true_positive`, `true_negative`, `false_positive`, `false_negative`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfusionCell<C> {
    /// The true class.
    pub true_class: String,
    /// The predicted class.
    pub predicted_class: String,
    /// The cell's values.
    #[serde(flatten)]
    pub cell: C,
}

/// Counts of (true, predicted) class pairs, row-major `k × k`.
pub(crate) fn counts(k: usize, y_true: &[usize], y_pred: &[usize]) -> Vec<f64> {
    let mut cm = vec![0.0; k * k];
    for (&t, &p) in y_true.iter().zip(y_pred) {
        cm[t * k + p] += 1.0;
    }
    cm
}

/// Divides a row-major `k × k` matrix as `normalization` asks; a zero sum gives zeros (what
/// scikit-learn's `nan_to_num` leaves).
pub(crate) fn normalize(
    k: usize,
    mut cm: Vec<f64>,
    normalization: Option<ConfusionNormalization>,
) -> Vec<f64> {
    let divide = |v: f64, by: f64| if by != 0.0 { v / by } else { 0.0 };
    match normalization {
        None => {}
        Some(ConfusionNormalization::All) => {
            let total: f64 = cm.iter().sum();
            cm.iter_mut().for_each(|v| *v = divide(*v, total));
        }
        Some(ConfusionNormalization::True) => {
            for row in cm.chunks_mut(k) {
                let total: f64 = row.iter().sum();
                row.iter_mut().for_each(|v| *v = divide(*v, total));
            }
        }
        Some(ConfusionNormalization::Pred) => {
            for j in 0..k {
                let total: f64 = (0..k).map(|i| cm[i * k + j]).sum();
                (0..k).for_each(|i| cm[i * k + j] = divide(cm[i * k + j], total));
            }
        }
    }
    cm
}

/// CBPE's estimated matrix: cell (i, j) is the mean over rows predicted `j` of the calibrated
/// probability of class `i` (zero elsewhere), scaled to counts or normalized. A zero row or
/// column sum under normalization leaves NaN, as NannyML's division does; reported as `None`.
pub(crate) fn estimated(
    k: usize,
    y_pred: &[usize],
    calibrated: &[Vec<f64>],
    normalization: Option<ConfusionNormalization>,
) -> Vec<Option<f64>> {
    let n = y_pred.len();
    let mut cm = vec![0.0; k * k];
    for (r, &j) in y_pred.iter().enumerate() {
        for (i, column) in calibrated.iter().enumerate() {
            cm[i * k + j] += column[r];
        }
    }
    // NannyML divides the summed probabilities by the rows first (a mean), then rescales.
    cm.iter_mut().for_each(|v| *v /= n as f64);
    let scaled: Vec<f64> = match normalization {
        None => cm.iter().map(|v| v * n as f64).collect(),
        Some(ConfusionNormalization::All) => {
            let total: f64 = cm.iter().sum();
            cm.iter().map(|v| v / total).collect()
        }
        Some(ConfusionNormalization::True) => (0..k * k)
            .map(|c| cm[c] / cm[c / k * k..c / k * k + k].iter().sum::<f64>())
            .collect(),
        Some(ConfusionNormalization::Pred) => (0..k * k)
            .map(|c| cm[c] / (0..k).map(|i| cm[i * k + c % k]).sum::<f64>())
            .collect(),
    };
    scaled
        .into_iter()
        .map(|v| Some(v).filter(|v| v.is_finite()))
        .collect()
}

/// What a cell's sampling error needs from the reference: the standard deviation of the
/// cell's indicator over the rows it is relative to, and their share of all rows (`None`:
/// counts, whose error grows with the chunk).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct CellComponents {
    std: Option<f64>,
    proportion: Option<f64>,
}

impl CellComponents {
    /// The standard error at a chunk of `rows` rows.
    pub(crate) fn at(&self, rows: usize) -> Option<f64> {
        let std = self.std?;
        let n = rows as f64;
        let error = match self.proportion {
            None => std * n.sqrt(),
            Some(p) => std / (n * p).sqrt(),
        };
        Some(error).filter(|e| e.is_finite())
    }
}

/// NannyML's components of every cell, row-major, from the reference targets and labels.
pub(crate) fn components(
    k: usize,
    y_true: &[usize],
    y_pred: &[usize],
    normalization: Option<ConfusionNormalization>,
) -> Vec<CellComponents> {
    let cm = counts(k, y_true, y_pred);
    let n = y_true.len() as f64;
    let row = |i: usize| cm[i * k..i * k + k].iter().sum::<f64>();
    let column = |j: usize| (0..k).map(|i| cm[i * k + j]).sum::<f64>();
    (0..k * k)
        .map(|c| {
            let (i, j) = (c / k, c % k);
            let relevant = match normalization {
                Some(ConfusionNormalization::True) => row(i),
                Some(ConfusionNormalization::Pred) => column(j),
                None | Some(ConfusionNormalization::All) => n,
            };
            let proportion = match normalization {
                None => None,
                Some(ConfusionNormalization::All) => Some(1.0),
                Some(_) => Some(relevant / n),
            };
            let std = (relevant > 0.0).then(|| {
                let share = cm[c] / relevant;
                (share * (1.0 - share)).sqrt()
            });
            CellComponents { std, proportion }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_rows_and_columns_sum_to_one() {
        let cm = counts(3, &[0, 0, 1, 2, 2, 2], &[0, 1, 1, 2, 0, 2]);
        assert_eq!(cm, vec![1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 2.0]);
        let rows = normalize(3, cm.clone(), Some(ConfusionNormalization::True));
        for r in rows.chunks(3) {
            assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        }
        let columns = normalize(3, cm, Some(ConfusionNormalization::Pred));
        assert!(((0..3).map(|i| columns[i * 3 + 1]).sum::<f64>() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn certain_probabilities_estimate_the_realized_counts() {
        let y_true = [0, 1, 2, 1];
        let y_pred = [0, 2, 2, 1];
        let calibrated: Vec<Vec<f64>> = (0..3)
            .map(|c| {
                y_true
                    .iter()
                    .map(|&t| f64::from(u8::from(t == c)))
                    .collect()
            })
            .collect();
        let estimate = estimated(3, &y_pred, &calibrated, None);
        let realized = counts(3, &y_true, &y_pred);
        for (e, r) in estimate.iter().zip(&realized) {
            assert!((e.unwrap() - r).abs() < 1e-12);
        }
    }

    #[test]
    fn count_errors_grow_and_share_errors_shrink_with_rows() {
        let y = [0, 1, 1, 0, 1, 0, 0, 1];
        let p = [0, 1, 0, 0, 1, 1, 0, 1];
        let counts = components(2, &y, &p, None);
        let shares = components(2, &y, &p, Some(ConfusionNormalization::True));
        assert!((counts[0].at(400).unwrap() / counts[0].at(100).unwrap() - 2.0).abs() < 1e-12);
        assert!((shares[0].at(100).unwrap() / shares[0].at(400).unwrap() - 2.0).abs() < 1e-12);
    }
}
