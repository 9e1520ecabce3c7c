//! The rows of a chunked result: which chunk, and a metric's value there with its sampling
//! error band, thresholds and alert (NannyML's result layout).

use serde::{Deserialize, Serialize};

use super::severity::{Severity, WarningBounds, severity};

use super::chunking::Chunk;
use super::threshold::alerts;

/// Whether a chunk comes from the reference data or the data under analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum DataPeriod {
    /// The reference data the calculator was fitted on.
    Reference,
    /// Data under analysis.
    Analysis,
}

/// A chunk and the data it came from (NannyML's `chunk` column group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ChunkInfo {
    /// NannyML's key: `[start:end]`, or the period's label.
    pub key: String,
    /// Position among the chunks of its data.
    pub chunk_index: usize,
    /// First row (in timestamp order).
    pub start_index: usize,
    /// Last row, inclusive.
    pub end_index: usize,
    /// First timestamp, when the data has timestamps: ns since the epoch (Rust, Python), ms
    /// (Node, as `Date` counts).
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub start_date: Option<i64>,
    /// Last timestamp.
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub end_date: Option<i64>,
    /// Reference or analysis.
    pub period: DataPeriod,
}

impl ChunkInfo {
    /// The chunk, labelled with its data's period.
    pub fn new(chunk: &Chunk, period: DataPeriod) -> Self {
        ChunkInfo {
            key: chunk.key.clone(),
            chunk_index: chunk.chunk_index,
            start_index: chunk.start_index,
            end_index: chunk.end_index,
            start_date: chunk.start_date,
            end_date: chunk.end_date,
            period,
        }
    }
}

/// One metric on one chunk (NannyML's per-metric column group). `None` where a value is
/// undefined (a one-row chunk has no sampling error) or a threshold is open.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct MetricCell {
    /// The metric's value on the chunk.
    pub value: Option<f64>,
    /// Its standard error at the chunk's size.
    pub sampling_error: Option<f64>,
    /// `value + 3 · sampling_error` (NannyML's `SAMPLING_ERROR_RANGE`), capped at the
    /// metric's upper limit.
    pub upper_confidence_boundary: Option<f64>,
    /// `value − 3 · sampling_error`, floored at the metric's lower limit.
    pub lower_confidence_boundary: Option<f64>,
    /// Upper alert threshold.
    pub upper_threshold: Option<f64>,
    /// Lower alert threshold.
    pub lower_threshold: Option<f64>,
    /// True unless `lower_threshold < value < upper_threshold`.
    pub alert: bool,
    /// Lower bound of the warning band (`None`: open, or no warning thresholds set).
    #[serde(default)]
    pub warning_lower_threshold: Option<f64>,
    /// Upper bound of the warning band.
    #[serde(default)]
    pub warning_upper_threshold: Option<f64>,
    /// `critical` where the cell alerts, `warning` where it leaves only the warning band.
    #[serde(default)]
    pub severity: Option<Severity>,
}

/// NannyML's confidence band: three sampling errors either side.
pub const SAMPLING_ERROR_RANGE: f64 = 3.0;

impl MetricCell {
    /// A cell with its band (clamped to the metric's range) and alert.
    pub fn new(
        value: Option<f64>,
        sampling_error: Option<f64>,
        limits: (Option<f64>, Option<f64>),
        thresholds: (Option<f64>, Option<f64>),
        warning: WarningBounds,
    ) -> Self {
        let band = |sign: f64| match (value, sampling_error) {
            (Some(v), Some(e)) => Some(v + sign * SAMPLING_ERROR_RANGE * e),
            _ => None,
        };
        let upper = band(1.0).map(|u| limits.1.map_or(u, |l| u.min(l)));
        let lower = band(-1.0).map(|b| limits.0.map_or(b, |l| b.max(l)));
        MetricCell {
            value,
            sampling_error,
            upper_confidence_boundary: upper,
            lower_confidence_boundary: lower,
            upper_threshold: thresholds.1,
            lower_threshold: thresholds.0,
            alert: alerts(value, thresholds.0, thresholds.1),
            warning_lower_threshold: warning.and_then(|w| w.0),
            warning_upper_threshold: warning.and_then(|w| w.1),
            severity: severity(alerts(value, thresholds.0, thresholds.1), value, warning),
        }
    }
}
