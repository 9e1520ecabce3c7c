//! A binary model's result groups: its metrics (of the positive class) and, where asked, the
//! four cells of its confusion matrix (classes `"0"` and `"1"`: true negatives, false
//! positives, false negatives, true positives), each computed as NannyML's binary calculators
//! compute them.

use super::binary;
use super::columns::{Column, ColumnErrors};
use super::confusion::{self, ConfusionNormalization};

/// The class names of a binary model's confusion matrix.
pub(crate) fn classes() -> [String; 2] {
    ["0".to_owned(), "1".to_owned()]
}

fn codes(labels: &[f64]) -> Vec<usize> {
    labels.iter().map(|&v| usize::from(v == 1.0)).collect()
}

fn has_cells(columns: &[Column]) -> bool {
    columns.iter().any(|c| matches!(c, Column::Cell(..)))
}

/// Each group's sampling error components on the reference.
pub(crate) fn errors(
    columns: &[Column],
    normalization: Option<ConfusionNormalization>,
    (y_true, y_pred, scores): (&[f64], &[f64], &[f64]),
) -> Vec<ColumnErrors> {
    let cells = has_cells(columns)
        .then(|| confusion::components(2, &codes(y_true), &codes(y_pred), normalization));
    columns
        .iter()
        .map(|&column| match column {
            Column::Metric(m) => {
                ColumnErrors::Binary(binary::components(m, y_true, y_pred, scores))
            }
            Column::Cell(i, j) => ColumnErrors::Cell(cells.as_ref().expect("computed")[i * 2 + j]),
        })
        .collect()
}

/// Each group's realized value on rows with targets (the matrix as scikit-learn gives it,
/// defined on any non-empty chunk, as NannyML's binary matrix is).
pub(crate) fn realized(
    columns: &[Column],
    normalization: Option<ConfusionNormalization>,
    (y_true, y_pred, scores): (&[f64], &[f64], &[f64]),
) -> Vec<Option<f64>> {
    let matrix = (has_cells(columns) && !y_true.is_empty()).then(|| {
        confusion::normalize(
            2,
            confusion::counts(2, &codes(y_true), &codes(y_pred)),
            normalization,
        )
    });
    columns
        .iter()
        .map(|&column| match column {
            Column::Metric(m) => binary::realized(m, y_true, y_pred, scores),
            Column::Cell(i, j) => matrix.as_ref().map(|m| m[i * 2 + j]),
        })
        .collect()
}

/// Each group's CBPE estimate from the predicted labels and calibrated probabilities.
pub(crate) fn estimated(
    columns: &[Column],
    normalization: Option<ConfusionNormalization>,
    y_pred: &[f64],
    calibrated: &[f64],
    scores: &[f64],
) -> Vec<Option<f64>> {
    let matrix = has_cells(columns).then(|| {
        let negative = calibrated.iter().map(|p| 1.0 - p).collect();
        confusion::estimated(
            2,
            &codes(y_pred),
            &[negative, calibrated.to_vec()],
            normalization,
        )
    });
    columns
        .iter()
        .map(|&column| match column {
            Column::Metric(m) => binary::estimated(m, y_pred, calibrated, scores),
            Column::Cell(i, j) => matrix.as_ref().and_then(|m| m[i * 2 + j]),
        })
        .collect()
}
