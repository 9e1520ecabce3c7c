//! Binary classification metrics three ways, as NannyML computes them: realized (from
//! targets), estimated (CBPE: the expected confusion matrix under calibrated probabilities),
//! and their sampling error at a chunk's size (components fitted on the reference).

use serde::{Deserialize, Serialize};

/// A classification metric, by NannyML's name (binary: of the positive class; multiclass: the
/// macro average over classes, one-vs-rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ClassificationMetric {
    /// Area under the ROC curve (from scores).
    RocAuc,
    /// F1 of the positive class.
    F1,
    /// Precision of the positive class.
    Precision,
    /// Recall (sensitivity) of the positive class.
    Recall,
    /// Recall of the negative class.
    Specificity,
    /// Share of correct labels.
    Accuracy,
    /// The confusion matrix, one result group per cell.
    ConfusionMatrix,
}

impl ClassificationMetric {
    /// NannyML's column name.
    pub fn name(self) -> &'static str {
        match self {
            ClassificationMetric::RocAuc => "roc_auc",
            ClassificationMetric::F1 => "f1",
            ClassificationMetric::Precision => "precision",
            ClassificationMetric::Recall => "recall",
            ClassificationMetric::Specificity => "specificity",
            ClassificationMetric::Accuracy => "accuracy",
            ClassificationMetric::ConfusionMatrix => "confusion_matrix",
        }
    }
}

/// Why no binary metric function sees the confusion matrix: `columns::expand` turns it into
/// cells, which `confusion` computes.
const CELLS: &str = "the confusion matrix is computed cell by cell";

/// Counts of a confusion matrix.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tp: f64,
    tn: f64,
    fp: f64,
    fn_: f64,
}

fn counts(y_true: &[f64], y_pred: &[f64]) -> Counts {
    let mut c = Counts::default();
    for (&t, &p) in y_true.iter().zip(y_pred) {
        match (t == 1.0, p == 1.0) {
            (true, true) => c.tp += 1.0,
            (false, false) => c.tn += 1.0,
            (false, true) => c.fp += 1.0,
            (true, false) => c.fn_ += 1.0,
        }
    }
    c
}

/// What the sampling error of a metric needs from the reference: the standard deviation of
/// its per-observation contributions and the share of rows that contribute.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SamplingComponents {
    std: Option<f64>,
    fraction: f64,
}

impl SamplingComponents {
    pub(crate) fn new(std: Option<f64>, fraction: f64) -> Self {
        SamplingComponents {
            std: std.filter(|s| s.is_finite()),
            fraction,
        }
    }

    /// The standard error at a chunk of `rows` rows: `std / √(rows · fraction)`.
    pub fn at(&self, rows: usize) -> Option<f64> {
        let std = self.std?;
        let relevant = rows as f64 * self.fraction;
        (relevant > 0.0)
            .then(|| std / relevant.sqrt())
            .filter(|e| e.is_finite())
    }
}

/// Population standard deviation of `ones` values `value` and `zeros` zeros.
pub(crate) fn two_point_std(ones: f64, value: f64, zeros: f64) -> Option<f64> {
    let n = ones + zeros;
    if n == 0.0 {
        return None;
    }
    let mean = ones * value / n;
    Some(((ones * (value - mean).powi(2) + zeros * mean * mean) / n).sqrt())
}

/// NannyML's sampling error components of `metric` on reference targets, labels and scores.
pub(crate) fn components(
    metric: ClassificationMetric,
    y_true: &[f64],
    y_pred: &[f64],
    scores: &[f64],
) -> SamplingComponents {
    let n = y_true.len() as f64;
    let c = counts(y_true, y_pred);
    let (std, fraction) = match metric {
        ClassificationMetric::F1 => {
            let relevant = c.tp + c.fp + c.fn_;
            let factor = relevant / ((c.fn_ + c.fp) * 0.5 + c.tp);
            (two_point_std(c.tp, factor, c.fn_ + c.fp), relevant / n)
        }
        ClassificationMetric::Precision => (two_point_std(c.tp, 1.0, c.fp), (c.tp + c.fp) / n),
        ClassificationMetric::Recall => (two_point_std(c.tp, 1.0, c.fn_), (c.tp + c.fn_) / n),
        ClassificationMetric::Specificity => (two_point_std(c.tn, 1.0, c.fp), (c.tn + c.fp) / n),
        ClassificationMetric::Accuracy => (two_point_std(c.tp + c.tn, 1.0, c.fp + c.fn_), 1.0),
        ClassificationMetric::RocAuc => auroc_components(y_true, scores),
        ClassificationMetric::ConfusionMatrix => unreachable!("{CELLS}"),
    };
    SamplingComponents {
        std: std.filter(|s| s.is_finite()),
        fraction,
    }
}

/// AUROC as a Mann-Whitney statistic: the spread of each positive's share of negatives ranked
/// below it (the minority class taken as positive). Tied scores keep their input order (NannyML
/// leaves them in numpy's unstable sort order, which moves this by up to about 1 % on heavily
/// tied scores).
pub(crate) fn auroc_components(y_true: &[f64], scores: &[f64]) -> (Option<f64>, f64) {
    let n = y_true.len();
    let flip = y_true.iter().sum::<f64>() / n as f64 > 0.5;
    let label = |i: usize| if flip { 1.0 - y_true[i] } else { y_true[i] };
    let score = |i: usize| if flip { 1.0 - scores[i] } else { scores[i] };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| score(a).total_cmp(&score(b)));
    let positives = (0..n).filter(|&i| label(i) == 1.0).count();
    let negatives = (n - positives) as f64;
    // NannyML drops the positive at rank 0, if any (its rank collides with the negatives' 0).
    let below: Vec<f64> = order
        .iter()
        .enumerate()
        .filter(|&(rank, &i)| label(i) == 1.0 && rank > 0)
        .scan(0usize, |seen, (rank, _)| {
            let negatives_below = rank - *seen;
            *seen += 1;
            Some(negatives_below as f64 / negatives)
        })
        .collect();
    let fraction = positives as f64 / n as f64;
    if below.is_empty() {
        return (None, fraction);
    }
    let mean = below.iter().sum::<f64>() / below.len() as f64;
    let variance = below.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / below.len() as f64;
    (Some(variance.sqrt()), fraction)
}

/// The metric from targets, as NannyML's CBPE reports it (`realized`): undefined where
/// scikit-learn's score is (one class only), 0 where scikit-learn's `zero_division` gives 0.
pub(crate) fn realized(
    metric: ClassificationMetric,
    y_true: &[f64],
    y_pred: &[f64],
    scores: &[f64],
) -> Option<f64> {
    if y_true.is_empty() {
        return None;
    }
    let single = |v: &[f64]| v.iter().all(|&x| x == v[0]);
    let c = counts(y_true, y_pred);
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    match metric {
        ClassificationMetric::RocAuc => (!single(y_true)).then(|| mann_whitney_auc(y_true, scores)),
        ClassificationMetric::F1
        | ClassificationMetric::Precision
        | ClassificationMetric::Recall
            if single(y_true) || single(y_pred) =>
        {
            None
        }
        ClassificationMetric::F1 => Some(ratio(2.0 * c.tp, 2.0 * c.tp + c.fp + c.fn_)),
        ClassificationMetric::Precision => Some(ratio(c.tp, c.tp + c.fp)),
        ClassificationMetric::Recall => Some(ratio(c.tp, c.tp + c.fn_)),
        ClassificationMetric::Specificity => (c.tn + c.fp > 0.0).then(|| c.tn / (c.tn + c.fp)),
        ClassificationMetric::Accuracy => Some((c.tp + c.tn) / y_true.len() as f64),
        ClassificationMetric::ConfusionMatrix => unreachable!("{CELLS}"),
    }
}

/// ROC AUC with tied scores counted half (what scikit-learn's trapezoid over thresholds is).
pub(crate) fn mann_whitney_auc(y_true: &[f64], scores: &[f64]) -> f64 {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let (mut negatives_below, mut sum) = (0.0, 0.0);
    for run in order.chunk_by(|&a, &b| scores[a] == scores[b]) {
        let positives = run.iter().filter(|&&i| y_true[i] == 1.0).count() as f64;
        let negatives = run.len() as f64 - positives;
        sum += positives * (negatives_below + 0.5 * negatives);
        negatives_below += negatives;
    }
    let positives = y_true.iter().filter(|&&t| t == 1.0).count() as f64;
    sum / (positives * negatives_below)
}

/// CBPE's estimate of `metric` from predicted labels and calibrated probabilities (each row
/// contributes its probability of each confusion-matrix cell); ROC AUC traces the expected
/// curve along the uncalibrated scores.
pub(crate) fn estimated(
    metric: ClassificationMetric,
    y_pred: &[f64],
    calibrated: &[f64],
    scores: &[f64],
) -> Option<f64> {
    if y_pred.is_empty() {
        return None;
    }
    if metric == ClassificationMetric::RocAuc {
        return estimated_auc(calibrated, scores);
    }
    let mut c = Counts::default();
    for (&label, &p) in y_pred.iter().zip(calibrated) {
        if label == 1.0 {
            c.tp += p;
            c.fp += 1.0 - p;
        } else {
            c.fn_ += p;
            c.tn += 1.0 - p;
        }
    }
    let ratio = |a: f64, b: f64| if b != 0.0 { a / b } else { 0.0 };
    Some(match metric {
        ClassificationMetric::F1 => ratio(c.tp, c.tp + 0.5 * (c.fp + c.fn_)),
        ClassificationMetric::Precision => ratio(c.tp, c.tp + c.fp),
        ClassificationMetric::Recall => ratio(c.tp, c.tp + c.fn_),
        ClassificationMetric::Specificity => ratio(c.tn, c.tn + c.fp),
        ClassificationMetric::Accuracy => (c.tp + c.tn) / y_pred.len() as f64,
        ClassificationMetric::RocAuc => unreachable!("handled above"),
        ClassificationMetric::ConfusionMatrix => unreachable!("{CELLS}"),
    })
}

/// numpy's `round(x, 5)`: scale, round half to even, unscale.
fn round5(x: f64) -> f64 {
    (x * 1e5).round_ties_even() / 1e5
}

/// NannyML's `estimate_roc_auc`: rows by decreasing score, expected true and false positives
/// accumulated (rounded to 5 decimals, as NannyML does), then the trapezoid under the curve.
///
/// The curve has one point per distinct score. NannyML adds one per row, in numpy's unstable
/// sort order among tied scores; where tied rows carry equal calibrated probabilities (a binary
/// model) those points lie on the line between the tie's ends and the area is the same, but
/// where they do not (a multiclass model, whose calibrated probabilities are rescaled per row)
/// the area depends on that order. One point per score makes the estimate independent of the
/// rows' order.
pub(crate) fn estimated_auc(calibrated: &[f64], scores: &[f64]) -> Option<f64> {
    let n = scores.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let mut tps = Vec::with_capacity(n + 1);
    let mut fps = Vec::with_capacity(n + 1);
    tps.push(0.0);
    fps.push(0.0);
    let (mut cumulative, mut k) = (0.0, 0.0);
    for tie in order.chunk_by(|&a, &b| scores[a] == scores[b]) {
        // Equal probabilities through a tie: NannyML's per-row points in any order, kept so
        // that its rounding of each point is reproduced.
        let uniform = tie.iter().all(|&i| calibrated[i] == calibrated[tie[0]]);
        for (position, &i) in tie.iter().enumerate() {
            cumulative += calibrated[i];
            k += 1.0;
            if uniform || position + 1 == tie.len() {
                tps.push(round5(cumulative));
                fps.push(round5(k - cumulative));
            }
        }
    }
    let points = tps.len() - 1;
    let (tp_total, fp_total) = (tps[points], fps[points]);
    if tp_total == 0.0 || fp_total == 0.0 {
        return None;
    }
    let mut area = 0.0;
    for k in 0..points {
        let (x0, x1) = (fps[k] / fp_total, fps[k + 1] / fp_total);
        let (y0, y1) = (tps[k] / tp_total, tps[k + 1] / tp_total);
        area += (x1 - x0) * (y1 + y0) / 2.0;
    }
    Some(area).filter(|a| a.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfectly_calibrated_estimates_match_expected_counts() {
        let y_pred = [1.0, 1.0, 0.0, 0.0];
        let p = [0.9, 0.6, 0.3, 0.1];
        let precision = estimated(ClassificationMetric::Precision, &y_pred, &p, &p).unwrap();
        assert!((precision - 1.5 / 2.0).abs() < 1e-15);
        let accuracy = estimated(ClassificationMetric::Accuracy, &y_pred, &p, &p).unwrap();
        assert!((accuracy - (1.5 + 1.6) / 4.0).abs() < 1e-15);
    }

    #[test]
    fn realized_auc_counts_ties_half() {
        let auc = mann_whitney_auc(&[0.0, 1.0, 0.0, 1.0], &[0.2, 0.2, 0.1, 0.9]);
        assert!((auc - (1.0 + 0.5 + 1.0 + 1.0) / 4.0).abs() < 1e-15);
        assert_eq!(
            realized(
                ClassificationMetric::RocAuc,
                &[1.0, 1.0],
                &[1.0, 0.0],
                &[0.3, 0.4]
            ),
            None
        );
    }

    #[test]
    fn sampling_error_shrinks_with_the_square_root_of_rows() {
        let y_true = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0];
        let y_pred = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0];
        let c = components(ClassificationMetric::Accuracy, &y_true, &y_pred, &y_pred);
        let (a, b) = (c.at(100).unwrap(), c.at(400).unwrap());
        assert!((a / b - 2.0).abs() < 1e-12);
    }
}
