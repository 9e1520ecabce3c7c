//! What CBPE and the realized-performance calculator share: their option checks, thresholds
//! from the reference chunks, and NannyML's row layout.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;
use serde::ser::SerializeMap;

use super::binary::ClassificationMetric;
use super::confusion::ConfusionCell;
use crate::drift::DriftError;
use crate::drift::chunked::{BeyondLimit, CalendarPeriod, ChunkThreshold, Chunking, Incomplete};

/// A metric's (lower, upper) alert thresholds; `None` leaves a side open.
pub(crate) type Bounds = (Option<f64>, Option<f64>);

/// A performance metric with NannyML's column-group name (`"roc_auc"`, `"mae"`, ...).
pub trait MetricName: Copy + Eq + Hash {
    /// The name of the metric's column group.
    fn metric_name(self) -> &'static str;
}

impl MetricName for ClassificationMetric {
    fn metric_name(self) -> &'static str {
        self.name()
    }
}

/// The options both calculators take, checked: metrics named, thresholds valid, one chunking.
pub(crate) fn checked_chunking<M>(
    metrics: &[M],
    thresholds: &HashMap<M, ChunkThreshold>,
    (size, number, period, incomplete): (
        Option<u64>,
        Option<u64>,
        Option<CalendarPeriod>,
        Incomplete,
    ),
) -> Result<Chunking, DriftError> {
    if metrics.is_empty() {
        return Err(DriftError::Undefined(
            "metrics is empty; name at least one".into(),
        ));
    }
    for threshold in thresholds.values() {
        threshold.validate()?;
    }
    Chunking::from_arguments(size, number, period, incomplete)
}

/// Each metric's thresholds from its realized value on the reference chunks, clamped to
/// `limits`.
pub(crate) fn thresholds_within<M: MetricName>(
    metrics: &[M],
    thresholds: &HashMap<M, ChunkThreshold>,
    limits: Bounds,
    realized_on: impl Fn(M) -> Vec<Option<f64>>,
) -> Result<Vec<Bounds>, DriftError> {
    metrics
        .iter()
        .map(|&metric| {
            let threshold = thresholds.get(&metric).copied().unwrap_or_default();
            threshold.bounds_beyond(&realized_on(metric), limits, BeyondLimit::Clamp)
        })
        .collect()
}

/// A row as NannyML lays it out: `{"chunk": {...}, "<metric>": {...}, ...}`, then the
/// confusion matrix's cells, if asked for, as a list (`"confusion_matrix": [{"true_class",
/// "predicted_class", ...}]`: class names are data, never keys).
pub(crate) fn serialize_groups<S: serde::Serializer, C: Serialize, N: MetricName, M: Serialize>(
    serializer: S,
    chunk: &C,
    metrics: &[(N, M)],
    matrix: &[ConfusionCell<M>],
) -> Result<S::Ok, S::Error> {
    let groups = 1 + metrics.len() + usize::from(!matrix.is_empty());
    let mut map = serializer.serialize_map(Some(groups))?;
    map.serialize_entry("chunk", chunk)?;
    for (metric, cell) in metrics {
        map.serialize_entry(metric.metric_name(), cell)?;
    }
    if !matrix.is_empty() {
        map.serialize_entry("confusion_matrix", matrix)?;
    }
    map.end()
}
