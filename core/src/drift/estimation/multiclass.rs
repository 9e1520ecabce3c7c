//! Multiclass classification metrics as NannyML computes them: each metric the macro average
//! of its one-vs-rest binary form, realized from targets (scikit-learn's `average="macro"`),
//! estimated by CBPE from calibrated class probabilities, and its sampling error (the classes'
//! errors combined as `√(Σ eᵢ²) / k`, NannyML's `sampling_error.multiclass_classification`).

use super::binary::{
    ClassificationMetric, SamplingComponents, auroc_components, estimated_auc, mann_whitney_auc,
    two_point_std,
};
use crate::drift::DriftError;

/// Most classes a multiclass model may have (a confusion matrix has `k²` cells per chunk).
pub const MAX_CLASSES: usize = 1_000;

/// A multiclass classifier's outputs: one probability column per class (in the order of
/// `classes`), the predicted class and, where known, the true class, both as indexes into
/// `classes` (NaN marks a target not yet known).
#[derive(Debug, Clone, Copy)]
pub struct MulticlassOutputs<'a> {
    /// The class names, at least two, distinct.
    pub classes: &'a [String],
    /// Probability of each class, one column per class.
    pub y_pred_proba: &'a [&'a [f64]],
    /// Predicted class index.
    pub y_pred: &'a [f64],
    /// True class index, NaN where unknown; `None` when no targets are given.
    pub y_true: Option<&'a [f64]>,
}

impl MulticlassOutputs<'_> {
    pub(crate) fn check(&self, needs_targets: bool) -> Result<usize, DriftError> {
        let k = self.classes.len();
        if k < 2 {
            return Err(DriftError::TooFew {
                argument: "classes",
                needed: 2,
                got: k,
            });
        }
        if k > MAX_CLASSES {
            return Err(DriftError::Undefined(format!(
                "{k} classes; at most {MAX_CLASSES} are supported"
            )));
        }
        let mut names: Vec<&String> = self.classes.iter().collect();
        names.sort();
        if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(DriftError::Undefined(format!(
                "class {:?} is named twice",
                pair[0]
            )));
        }
        if self.y_pred_proba.len() != k {
            return Err(DriftError::Undefined(format!(
                "{} probability columns for {k} classes; give one per class",
                self.y_pred_proba.len()
            )));
        }
        let n = self.y_pred.len();
        if n == 0 {
            return Err(DriftError::Empty { argument: "y_pred" });
        }
        for column in self.y_pred_proba.iter().copied().chain(self.y_true) {
            if column.len() != n {
                return Err(DriftError::LengthMismatch {
                    first: "y_pred_proba",
                    first_len: column.len(),
                    second: "y_pred",
                    second_len: n,
                });
            }
        }
        for (c, column) in self.y_pred_proba.iter().enumerate() {
            if let Some(index) = column.iter().position(|p| !(0.0..=1.0).contains(p)) {
                return Err(DriftError::Undefined(format!(
                    "y_pred_proba of class {:?} is {} at row {index}; probabilities lie in [0, 1]",
                    self.classes[c], column[index]
                )));
            }
        }
        let class = |v: f64| v >= 0.0 && v < k as f64 && v.fract() == 0.0;
        if let Some(index) = self.y_pred.iter().position(|&v| !class(v)) {
            return Err(DriftError::Undefined(format!(
                "y_pred[{index}] is {}; predicted classes are indexes 0..{k} into classes",
                self.y_pred[index]
            )));
        }
        match self.y_true {
            Some(t) => {
                let allowed = |v: f64| class(v) || (v.is_nan() && !needs_targets);
                if let Some(index) = t.iter().position(|&v| !allowed(v)) {
                    return Err(DriftError::Undefined(format!(
                        "y_true[{index}] is {}; targets are indexes 0..{k} into classes{}",
                        t[index],
                        if needs_targets {
                            " in the reference"
                        } else {
                            " (NaN: not yet known)"
                        }
                    )));
                }
            }
            None if needs_targets => {
                return Err(DriftError::Undefined(
                    "the reference needs targets (y_true)".into(),
                ));
            }
            None => {}
        }
        Ok(n)
    }
}

/// The classes' sampling errors combined as NannyML combines them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct MacroComponents {
    classes: Vec<SamplingComponents>,
    /// NannyML inflates the combined ROC AUC error by 1.2 ("experiments showed that [it]
    /// underestimated sampling error by 20%").
    factor: f64,
}

impl MacroComponents {
    pub(crate) fn at(&self, rows: usize) -> Option<f64> {
        let mut sum = 0.0;
        for class in &self.classes {
            sum += class.at(rows)?.powi(2);
        }
        Some(sum.sqrt() / self.classes.len() as f64 * self.factor).filter(|e| e.is_finite())
    }
}

/// One class against the rest: targets, labels and scores as 0/1 floats.
fn one_vs_rest(codes: &[usize], class: usize) -> Vec<f64> {
    codes
        .iter()
        .map(|&c| f64::from(u8::from(c == class)))
        .collect()
}

/// NannyML's sampling error components of a macro metric on the reference (accuracy's is
/// one component with fraction 1, put in a single-class list).
pub(crate) fn components(
    metric: ClassificationMetric,
    k: usize,
    y_true: &[usize],
    y_pred: &[usize],
    scores: &[Vec<f64>],
) -> MacroComponents {
    let n = y_true.len() as f64;
    if metric == ClassificationMetric::Accuracy {
        let correct = y_true.iter().zip(y_pred).filter(|(t, p)| t == p).count() as f64;
        let std = two_point_std(correct, 1.0, n - correct);
        return MacroComponents {
            classes: vec![SamplingComponents::new(std, 1.0)],
            factor: 1.0,
        };
    }
    let classes = (0..k)
        .map(|c| {
            let t = one_vs_rest(y_true, c);
            let (tp, fp, fn_, tn) = class_counts(y_true, y_pred, c);
            match metric {
                ClassificationMetric::RocAuc => {
                    let (std, fraction) = auroc_components(&t, &scores[c]);
                    SamplingComponents::new(std, fraction)
                }
                // Unlike the binary F1's, the multiclass components carry no correcting factor.
                ClassificationMetric::F1 => {
                    SamplingComponents::new(two_point_std(tp, 1.0, fp + fn_), (tp + fp + fn_) / n)
                }
                ClassificationMetric::Precision => {
                    SamplingComponents::new(two_point_std(tp, 1.0, fp), (tp + fp) / n)
                }
                ClassificationMetric::Recall => {
                    SamplingComponents::new(two_point_std(tp, 1.0, fn_), (tp + fn_) / n)
                }
                ClassificationMetric::Specificity => {
                    SamplingComponents::new(two_point_std(tn, 1.0, fp), (tn + fp) / n)
                }
                ClassificationMetric::Accuracy | ClassificationMetric::ConfusionMatrix => {
                    unreachable!("handled apart")
                }
            }
        })
        .collect();
    let factor = if metric == ClassificationMetric::RocAuc {
        1.2
    } else {
        1.0
    };
    MacroComponents { classes, factor }
}

/// True positives, false positives, false negatives and true negatives of one class.
fn class_counts(y_true: &[usize], y_pred: &[usize], class: usize) -> (f64, f64, f64, f64) {
    let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
    for (&t, &p) in y_true.iter().zip(y_pred) {
        match (t == class, p == class) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fn_ += 1.0,
            (false, false) => tn += 1.0,
        }
    }
    (tp, fp, fn_, tn)
}

fn has_one_value(codes: &[usize]) -> bool {
    codes.iter().all(|&c| c == codes[0])
}

/// The macro metric from targets, as NannyML's calculators report it: undefined on an empty
/// chunk, where one class only is true or predicted (F1, precision, recall, specificity), and
/// for ROC AUC where some class never occurs; a class's 0/0 counts 0 as scikit-learn's
/// `zero_division` does.
pub(crate) fn realized(
    metric: ClassificationMetric,
    k: usize,
    y_true: &[usize],
    y_pred: &[usize],
    scores: &[Vec<f64>],
) -> Option<f64> {
    if y_true.is_empty() {
        return None;
    }
    let n = y_true.len() as f64;
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    match metric {
        ClassificationMetric::Accuracy => {
            Some(y_true.iter().zip(y_pred).filter(|(t, p)| t == p).count() as f64 / n)
        }
        ClassificationMetric::RocAuc => {
            let mut seen = vec![false; k];
            y_true.iter().for_each(|&t| seen[t] = true);
            if !seen.iter().all(|&s| s) {
                return None;
            }
            let total: f64 = (0..k)
                .map(|c| mann_whitney_auc(&one_vs_rest(y_true, c), &scores[c]))
                .sum();
            Some(total / k as f64)
        }
        _ if has_one_value(y_true) || has_one_value(y_pred) => None,
        _ => {
            let mut total = 0.0;
            for c in 0..k {
                let (tp, fp, fn_, tn) = class_counts(y_true, y_pred, c);
                total += match metric {
                    ClassificationMetric::F1 => ratio(2.0 * tp, 2.0 * tp + fp + fn_),
                    ClassificationMetric::Precision => ratio(tp, tp + fp),
                    ClassificationMetric::Recall => ratio(tp, tp + fn_),
                    ClassificationMetric::Specificity => tn / (tn + fp),
                    _ => unreachable!("handled above"),
                };
            }
            Some(total / k as f64).filter(|v| v.is_finite())
        }
    }
}

/// Expected one-vs-rest counts of every class under calibrated probabilities, in one pass:
/// `(tp, fp, fn, tn)` per class.
fn expected_counts(k: usize, y_pred: &[usize], calibrated: &[Vec<f64>]) -> Vec<[f64; 4]> {
    let mut counts = vec![[0.0; 4]; k];
    for (r, &j) in y_pred.iter().enumerate() {
        for (c, column) in calibrated.iter().enumerate() {
            let p = column[r];
            let cell = &mut counts[c];
            if c == j {
                cell[0] += p;
                cell[1] += 1.0 - p;
            } else {
                cell[2] += p;
                cell[3] += 1.0 - p;
            }
        }
    }
    counts
}

/// CBPE's estimate of the macro metric: the mean over classes of the binary estimate (each
/// class's predicted labels against its calibrated probability); accuracy is the mean
/// calibrated probability of the predicted class; ROC AUC traces each class's expected curve
/// along its uncalibrated scores.
pub(crate) fn estimated(
    metric: ClassificationMetric,
    k: usize,
    y_pred: &[usize],
    calibrated: &[Vec<f64>],
    scores: &[Vec<f64>],
) -> Option<f64> {
    if y_pred.is_empty() {
        return None;
    }
    let n = y_pred.len() as f64;
    let value = match metric {
        ClassificationMetric::Accuracy => {
            y_pred
                .iter()
                .enumerate()
                .map(|(r, &j)| calibrated[j][r])
                .sum::<f64>()
                / n
        }
        ClassificationMetric::RocAuc => {
            let mut total = 0.0;
            for c in 0..k {
                total += estimated_auc(&calibrated[c], &scores[c])?;
            }
            total / k as f64
        }
        _ => {
            let ratio = |a: f64, b: f64| if b != 0.0 { a / b } else { 0.0 };
            expected_counts(k, y_pred, calibrated)
                .iter()
                .map(|&[tp, fp, fn_, tn]| match metric {
                    ClassificationMetric::F1 => ratio(tp, tp + 0.5 * (fp + fn_)),
                    ClassificationMetric::Precision => ratio(tp, tp + fp),
                    ClassificationMetric::Recall => ratio(tp, tp + fn_),
                    ClassificationMetric::Specificity => ratio(tn, tn + fp),
                    _ => unreachable!("handled above"),
                })
                .sum::<f64>()
                / k as f64
        }
    };
    Some(value).filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certain_probabilities_estimate_the_realized_macro_metrics() {
        let y_true = [0, 1, 2, 1, 0, 2, 2];
        let y_pred = [0, 2, 2, 1, 1, 2, 0];
        let calibrated: Vec<Vec<f64>> = (0..3).map(|c| one_vs_rest(&y_true, c)).collect();
        for metric in [
            ClassificationMetric::F1,
            ClassificationMetric::Precision,
            ClassificationMetric::Recall,
            ClassificationMetric::Specificity,
            ClassificationMetric::Accuracy,
        ] {
            let e = estimated(metric, 3, &y_pred, &calibrated, &calibrated).unwrap();
            let r = realized(metric, 3, &y_true, &y_pred, &calibrated).unwrap();
            assert!((e - r).abs() < 1e-12, "{metric:?}: {e} vs {r}");
        }
    }

    #[test]
    fn macro_errors_shrink_with_the_square_root_of_rows() {
        let y_true = [0, 1, 2, 1, 0, 2, 2, 1];
        let y_pred = [0, 2, 2, 1, 1, 2, 0, 1];
        let scores: Vec<Vec<f64>> = (0..3).map(|c| one_vs_rest(&y_pred, c)).collect();
        let c = components(ClassificationMetric::Recall, 3, &y_true, &y_pred, &scores);
        assert!((c.at(100).unwrap() / c.at(400).unwrap() - 2.0).abs() < 1e-12);
    }
}
