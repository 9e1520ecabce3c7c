//! The result groups of a classification calculator: one per metric asked for, except the
//! confusion matrix, which spreads over one group per cell. Each group has its own sampling
//! error components, thresholds and value range.

use serde::{Deserialize, Serialize};

use super::binary::{ClassificationMetric, SamplingComponents};
use super::confusion::{CellComponents, ConfusionCell, ConfusionNormalization};
use super::multiclass::MacroComponents;
use super::shared::Bounds;
use crate::drift::DriftError;
use crate::drift::chunked::{BeyondLimit, ChunkThreshold, WarningBounds, warning_bounds};

/// A result group: a metric, or the cell (true class, predicted class) of the confusion
/// matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Column {
    Metric(ClassificationMetric),
    Cell(usize, usize),
}

/// The groups of `metrics` for `k` classes, the matrix's cells row-major where it was asked.
pub(crate) fn expand(metrics: &[ClassificationMetric], k: usize) -> Vec<Column> {
    metrics
        .iter()
        .flat_map(|&m| match m {
            ClassificationMetric::ConfusionMatrix => {
                (0..k * k).map(|c| Column::Cell(c / k, c % k)).collect()
            }
            _ => vec![Column::Metric(m)],
        })
        .collect()
}

/// A group's value range: metrics lie in [0, 1]; cells are at least 0, and at most 1 when
/// normalized.
pub(crate) fn limits(column: Column, normalization: Option<ConfusionNormalization>) -> Bounds {
    match column {
        Column::Metric(_) => (Some(0.0), Some(1.0)),
        Column::Cell(..) => (Some(0.0), normalization.map(|_| 1.0)),
    }
}

/// What a group's sampling error needs from the reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) enum ColumnErrors {
    Binary(SamplingComponents),
    Macro(MacroComponents),
    Cell(CellComponents),
}

impl ColumnErrors {
    pub(crate) fn at(&self, rows: usize) -> Option<f64> {
        if rows == 0 {
            return None;
        }
        match self {
            ColumnErrors::Binary(c) => c.at(rows),
            ColumnErrors::Macro(c) => c.at(rows),
            ColumnErrors::Cell(c) => c.at(rows),
        }
    }
}

/// Each group's thresholds from its realized values on the reference chunks
/// (`realized[chunk][group]`), clamped to the group's range; a metric's threshold applies to
/// every cell of the confusion matrix.
pub(crate) fn thresholds(
    columns: &[Column],
    normalization: Option<ConfusionNormalization>,
    asked: &std::collections::HashMap<ClassificationMetric, ChunkThreshold>,
    realized: &[Vec<Option<f64>>],
) -> Result<Vec<Bounds>, DriftError> {
    columns
        .iter()
        .enumerate()
        .map(|(g, &column)| {
            let metric = match column {
                Column::Metric(m) => m,
                Column::Cell(..) => ClassificationMetric::ConfusionMatrix,
            };
            let threshold = asked.get(&metric).copied().unwrap_or_default();
            let values: Vec<Option<f64>> = realized.iter().map(|chunk| chunk[g]).collect();
            threshold.bounds_beyond(&values, limits(column, normalization), BeyondLimit::Clamp)
        })
        .collect()
}

/// Each group's warning band where `asked` sets a warning threshold for its metric (the
/// `confusion_matrix` entry for every cell).
pub(crate) fn warnings(
    columns: &[Column],
    normalization: Option<ConfusionNormalization>,
    asked: &std::collections::HashMap<ClassificationMetric, ChunkThreshold>,
    realized: &[Vec<Option<f64>>],
) -> Result<Vec<WarningBounds>, DriftError> {
    columns
        .iter()
        .enumerate()
        .map(|(g, &column)| {
            let metric = match column {
                Column::Metric(m) => m,
                Column::Cell(..) => ClassificationMetric::ConfusionMatrix,
            };
            let values: Vec<Option<f64>> = realized.iter().map(|chunk| chunk[g]).collect();
            warning_bounds(asked.get(&metric), &values, limits(column, normalization))
        })
        .collect()
}

/// Splits a chunk's cells (one per group) into the metrics' and the confusion matrix's,
/// naming each cell by its classes.
pub(crate) fn split<C>(
    columns: &[Column],
    classes: &[String],
    cells: Vec<C>,
) -> (Vec<(ClassificationMetric, C)>, Vec<ConfusionCell<C>>) {
    let mut metrics = Vec::new();
    let mut matrix = Vec::new();
    for (&column, cell) in columns.iter().zip(cells) {
        match column {
            Column::Metric(m) => metrics.push((m, cell)),
            Column::Cell(i, j) => matrix.push(ConfusionCell {
                true_class: classes[i].clone(),
                predicted_class: classes[j].clone(),
                cell,
            }),
        }
    }
    (metrics, matrix)
}

/// The inverse of [`split`]: a chunk's cells in group order again.
pub(crate) fn join<C: Clone>(
    columns: &[Column],
    metrics: &[(ClassificationMetric, C)],
    matrix: &[ConfusionCell<C>],
) -> Vec<C> {
    let mut metrics = metrics.iter();
    let mut matrix = matrix.iter();
    columns
        .iter()
        .filter_map(|column| match column {
            Column::Metric(_) => metrics.next().map(|(_, c)| c.clone()),
            Column::Cell(..) => matrix.next().map(|m| m.cell.clone()),
        })
        .collect()
}
