//! Result rows as a saved chunk monitor keeps them: the chunk and its cells in group order
//! (the metric names and the confusion matrix's classes are the calculator's), read back only
//! when the cells fit the calculator's groups.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::cbpe::{EstimatedCell, EstimatedRow};
use super::columns::{self, Column};
use super::realized::{RealizedRow, StoredRow};
use crate::drift::DriftError;
use crate::drift::chunked::ChunkInfo;

#[derive(Serialize, Deserialize)]
struct Estimated {
    chunk: ChunkInfo,
    cells: Vec<EstimatedCell>,
}

fn refused(what: &str, detail: impl std::fmt::Display) -> DriftError {
    DriftError::Undefined(format!("not a saved {what} row: {detail}"))
}

/// An estimated classification row: its chunk and cells in group order.
pub(crate) fn store_estimated(groups: &[Column], row: &EstimatedRow) -> Value {
    let cells = columns::join(groups, &row.metrics, &row.confusion_matrix);
    serde_json::to_value(Estimated {
        chunk: row.chunk.clone(),
        cells,
    })
    .expect("plain data serializes")
}

/// A row saved by [`store_estimated`], its cells split by group again.
pub(crate) fn restore_estimated(
    groups: &[Column],
    classes: &[String],
    saved: Value,
) -> Result<EstimatedRow, DriftError> {
    let saved: Estimated = serde_json::from_value(saved).map_err(|e| refused("estimated", e))?;
    if saved.cells.len() != groups.len() {
        return Err(refused("estimated", "its cells do not match the metrics"));
    }
    let (metrics, confusion_matrix) = columns::split(groups, classes, saved.cells);
    Ok(EstimatedRow {
        chunk: saved.chunk,
        metrics,
        confusion_matrix,
    })
}

/// An estimated regression row (DLE): its chunk and cells in metric order.
pub(crate) fn store_estimated_metrics<M>(row: &EstimatedRow<M>) -> Value {
    serde_json::to_value(Estimated {
        chunk: row.chunk.clone(),
        cells: row.metrics.iter().map(|(_, c)| *c).collect(),
    })
    .expect("plain data serializes")
}

/// A row saved by [`store_estimated_metrics`], named by `metrics`.
pub(crate) fn restore_estimated_metrics<M: Copy>(
    metrics: &[M],
    saved: Value,
) -> Result<EstimatedRow<M>, DriftError> {
    let saved: Estimated = serde_json::from_value(saved).map_err(|e| refused("estimated", e))?;
    if saved.cells.len() != metrics.len() {
        return Err(refused("estimated", "its cells do not match the metrics"));
    }
    Ok(EstimatedRow {
        chunk: saved.chunk,
        metrics: metrics.iter().copied().zip(saved.cells).collect(),
        confusion_matrix: Vec::new(),
    })
}

/// A realized classification row: chunk, missing-target share, cells in group order.
pub(crate) fn store_realized(groups: &[Column], row: &RealizedRow) -> Value {
    let cells = columns::join(groups, &row.metrics, &row.confusion_matrix);
    let stored = StoredRow::new(row.chunk.clone(), row.targets_missing_rate, cells);
    serde_json::to_value(stored).expect("plain data serializes")
}

/// A row saved by [`store_realized`].
pub(crate) fn restore_realized(
    groups: &[Column],
    classes: &[String],
    saved: Value,
) -> Result<RealizedRow, DriftError> {
    let stored: StoredRow = serde_json::from_value(saved).map_err(|e| refused("realized", e))?;
    if stored.width() != groups.len() {
        return Err(refused("realized", "its cells do not match the metrics"));
    }
    Ok(stored.restore_columns(groups, classes))
}

/// A realized regression row: chunk, missing-target share, cells in metric order.
pub(crate) fn store_realized_metrics<M: Copy>(row: &RealizedRow<M>) -> Value {
    serde_json::to_value(StoredRow::keep(row.clone())).expect("plain data serializes")
}

/// A row saved by [`store_realized_metrics`], named by `metrics`.
pub(crate) fn restore_realized_metrics<M: Copy>(
    metrics: &[M],
    saved: Value,
) -> Result<RealizedRow<M>, DriftError> {
    let stored: StoredRow = serde_json::from_value(saved).map_err(|e| refused("realized", e))?;
    if stored.width() != metrics.len() {
        return Err(refused("realized", "its cells do not match the metrics"));
    }
    Ok(stored.restore(metrics))
}
