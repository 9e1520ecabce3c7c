//! Realized performance per chunk (NannyML's `PerformanceCalculator`) for binary classifiers:
//! each chunk's metric from the targets that have arrived, its sampling error, thresholds from
//! the reference chunks and an alert, with the share of targets still missing.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::binary::ClassificationMetric;
use super::binary_columns;
use super::cbpe::BinaryOutputs;
use super::columns::{self, Column, ColumnErrors, split};
use super::confusion::{ConfusionCell, ConfusionNormalization};
use super::shared::{Bounds, MetricName, checked_chunking, serialize_groups};
use crate::drift::DriftError;
use crate::drift::chunked::{
    CalendarPeriod, ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod, Incomplete,
    Severity, WarningBounds, performance_alerts, severity, split_chunks,
};

fn default_metrics() -> Vec<ClassificationMetric> {
    vec![ClassificationMetric::RocAuc]
}

/// Options of [`RealizedPerformance::fit`], named as NannyML names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RealizedOptions {
    /// Metrics to calculate (default `["roc_auc"]`).
    #[serde(default = "default_metrics")]
    pub metrics: Vec<ClassificationMetric>,
    /// Rows per chunk.
    pub chunk_size: Option<u64>,
    /// Number of chunks.
    pub chunk_number: Option<u64>,
    /// Calendar period per chunk (needs timestamps).
    pub chunk_period: Option<CalendarPeriod>,
    /// The rows left after the last full chunk.
    pub incomplete: Incomplete,
    /// Thresholds by metric name (default: reference mean ± 3 standard deviations).
    pub thresholds: HashMap<ClassificationMetric, ChunkThreshold>,
    /// Warning thresholds by metric name (none by default): a second band, set from the
    /// reference chunks as `thresholds` are, whose crossing gives `severity: "warning"`.
    pub warning_thresholds: HashMap<ClassificationMetric, ChunkThreshold>,
    /// How the `confusion_matrix` metric is normalized (absent: counts).
    pub normalize_confusion_matrix: Option<ConfusionNormalization>,
}

impl RealizedOptions {
    /// Checks the options (metrics named, thresholds valid, at most one chunking) before any
    /// data is read; returns the chunking.
    pub fn check(&self) -> Result<Chunking, DriftError> {
        for threshold in self.warning_thresholds.values() {
            threshold.validate()?;
        }
        checked_chunking(
            &self.metrics,
            &self.thresholds,
            (
                self.chunk_size,
                self.chunk_number,
                self.chunk_period,
                self.incomplete,
            ),
        )
    }
}

impl Default for RealizedOptions {
    fn default() -> Self {
        RealizedOptions {
            metrics: default_metrics(),
            chunk_size: None,
            chunk_number: None,
            chunk_period: None,
            incomplete: Incomplete::Keep,
            thresholds: HashMap::new(),
            warning_thresholds: HashMap::new(),
            normalize_confusion_matrix: None,
        }
    }
}

/// One realized metric on one chunk (NannyML's `PerformanceCalculator` column group).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct RealizedCell {
    /// Standard error at the number of rows with targets.
    pub sampling_error: Option<f64>,
    /// The metric on the rows whose targets arrived.
    pub value: Option<f64>,
    /// Upper alert threshold.
    pub upper_threshold: Option<f64>,
    /// Lower alert threshold.
    pub lower_threshold: Option<f64>,
    /// The value lies below the lower or above the upper threshold.
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

impl RealizedCell {
    /// A cell with its alert.
    pub(crate) fn new(
        value: Option<f64>,
        sampling_error: Option<f64>,
        (lower, upper): Bounds,
        warning: WarningBounds,
    ) -> Self {
        let alert = performance_alerts(value, lower, upper);
        RealizedCell {
            sampling_error,
            value,
            upper_threshold: upper,
            lower_threshold: lower,
            alert,
            warning_lower_threshold: warning.and_then(|w| w.0),
            warning_upper_threshold: warning.and_then(|w| w.1),
            severity: severity(alert, value, warning),
        }
    }
}

/// One chunk of a realized-performance result ([`RealizedPerformance`] for classifiers,
/// `RegressionPerformance` for regression models), serialized as NannyML's groups: the chunk
/// (with `targets_missing_rate`), then one cell per metric.
#[derive(Debug, Clone, PartialEq)]
pub struct RealizedRow<M = ClassificationMetric> {
    /// The chunk.
    pub chunk: ChunkInfo,
    /// Share of the chunk's rows whose target has not arrived.
    pub targets_missing_rate: f64,
    /// Each metric's cell, in the order the metrics were asked for (the confusion matrix
    /// apart).
    pub metrics: Vec<(M, RealizedCell)>,
    /// The confusion matrix's cells, row-major by true class, where it was asked for.
    pub confusion_matrix: Vec<ConfusionCell<RealizedCell>>,
}

impl<M: MetricName> Serialize for RealizedRow<M> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct ChunkWithTargets<'a> {
            #[serde(flatten)]
            chunk: &'a ChunkInfo,
            targets_missing_rate: f64,
        }
        let chunk = ChunkWithTargets {
            chunk: &self.chunk,
            targets_missing_rate: self.targets_missing_rate,
        };
        serialize_groups(serializer, &chunk, &self.metrics, &self.confusion_matrix)
    }
}

/// A fitted realized-performance calculator: serializable, immutable, shared freely between
/// threads.
///
/// ```
/// use edgekit::drift::{ClassificationMetric, BinaryOutputs, RealizedOptions, RealizedPerformance};
///
/// let y_true: Vec<f64> = (0..400).map(|i| f64::from(i % 3 == 0)).collect();
/// let scores: Vec<f64> = y_true.iter().enumerate().map(|(i, t)| 0.3 * t + (i % 7) as f64 / 10.0).collect();
/// let y_pred: Vec<f64> = scores.iter().map(|&p| f64::from(p >= 0.5)).collect();
/// let outputs = BinaryOutputs { y_pred_proba: &scores, y_pred: &y_pred, y_true: Some(&y_true) };
/// let options = RealizedOptions { metrics: vec![ClassificationMetric::Accuracy], chunk_size: Some(100), ..Default::default() };
/// let fitted = RealizedPerformance::fit(outputs, None, &options)?;
/// let rows = fitted.calculate(outputs, None)?;
/// assert_eq!(rows.len(), 8); // four reference chunks, then four analysed
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RealizedPerformance {
    metrics: Vec<ClassificationMetric>,
    normalization: Option<ConfusionNormalization>,
    chunking: Chunking,
    columns: Vec<Column>,
    errors: Vec<ColumnErrors>,
    thresholds: Vec<Bounds>,
    #[serde(default)]
    warnings: Vec<WarningBounds>,
    reference: Vec<StoredRow>,
}

/// A reference row as the saved state keeps it (the metrics are the calculator's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct StoredRow {
    chunk: ChunkInfo,
    targets_missing_rate: f64,
    cells: Vec<RealizedCell>,
}

impl StoredRow {
    /// The row to keep: its cells without the metric names.
    pub(crate) fn keep<M>(row: RealizedRow<M>) -> Self {
        StoredRow {
            chunk: row.chunk,
            targets_missing_rate: row.targets_missing_rate,
            cells: row.metrics.into_iter().map(|(_, c)| c).collect(),
        }
    }

    /// The row again, with the calculator's metric names.
    pub(crate) fn restore<M: Copy>(&self, metrics: &[M]) -> RealizedRow<M> {
        RealizedRow {
            chunk: self.chunk.clone(),
            targets_missing_rate: self.targets_missing_rate,
            metrics: metrics
                .iter()
                .copied()
                .zip(self.cells.iter().copied())
                .collect(),
            confusion_matrix: Vec::new(),
        }
    }

    /// The row again, its cells split into the metrics' and the confusion matrix's.
    pub(crate) fn restore_columns(&self, columns: &[Column], classes: &[String]) -> RealizedRow {
        let (metrics, confusion_matrix) = split(columns, classes, self.cells.clone());
        RealizedRow {
            chunk: self.chunk.clone(),
            targets_missing_rate: self.targets_missing_rate,
            metrics,
            confusion_matrix,
        }
    }

    /// A row to keep from its chunk, missing-target share and cells (one per group).
    pub(crate) fn new(
        chunk: ChunkInfo,
        targets_missing_rate: f64,
        cells: Vec<RealizedCell>,
    ) -> Self {
        StoredRow {
            chunk,
            targets_missing_rate,
            cells,
        }
    }

    pub(crate) fn width(&self) -> usize {
        self.cells.len()
    }
}

impl RealizedPerformance {
    /// Fits on the reference outputs (targets required).
    pub fn fit(
        reference: BinaryOutputs<'_>,
        timestamps: Option<&[i64]>,
        options: &RealizedOptions,
    ) -> Result<Self, DriftError> {
        let n = reference.check(true)?;
        let chunking = options.check()?;
        let y_true = reference.y_true.expect("checked");
        let normalization = options.normalize_confusion_matrix;
        let columns = columns::expand(&options.metrics, 2);
        let errors = binary_columns::errors(
            &columns,
            normalization,
            (y_true, reference.y_pred, reference.y_pred_proba),
        );
        let plan = split_chunks(n, timestamps, chunking)?;
        let chunks = known_rows(&plan, reference);
        let realized: Vec<Vec<Option<f64>>> = chunks
            .iter()
            .map(|c| {
                binary_columns::realized(&columns, normalization, (&c.y_true, &c.y_pred, &c.scores))
            })
            .collect();
        let thresholds =
            columns::thresholds(&columns, normalization, &options.thresholds, &realized)?;
        let warnings = columns::warnings(
            &columns,
            normalization,
            &options.warning_thresholds,
            &realized,
        )?;
        let mut fitted = RealizedPerformance {
            metrics: options.metrics.clone(),
            normalization,
            chunking,
            columns,
            errors,
            thresholds,
            warnings,
            reference: Vec::new(),
        };
        fitted.reference = fitted.rows(&plan, &chunks, DataPeriod::Reference);
        Ok(fitted)
    }

    /// The reference chunks followed by the chunks of `data` (targets required; NaN marks a
    /// target not yet arrived).
    pub fn calculate(
        &self,
        data: BinaryOutputs<'_>,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<RealizedRow>, DriftError> {
        if data.y_true.is_none() {
            return Err(DriftError::Undefined(
                "realized performance needs targets (y_true)".into(),
            ));
        }
        let n = data.check(false)?;
        let plan = split_chunks(n, timestamps, self.chunking)?;
        let chunks = known_rows(&plan, data);
        let analysed = self.rows(&plan, &chunks, DataPeriod::Analysis);
        let classes = binary_columns::classes();
        Ok(self
            .reference
            .iter()
            .chain(&analysed)
            .map(|r| r.restore_columns(&self.columns, &classes))
            .collect())
    }

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> Vec<RealizedRow> {
        let classes = binary_columns::classes();
        self.reference
            .iter()
            .map(|r| r.restore_columns(&self.columns, &classes))
            .collect()
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// A row as a monitor saves it.
    pub(crate) fn store_row(&self, row: &RealizedRow) -> serde_json::Value {
        super::saved_rows::store_realized(&self.columns, row)
    }

    /// A row saved by [`RealizedPerformance::store_row`], checked against the groups.
    pub(crate) fn restore_row(&self, saved: serde_json::Value) -> Result<RealizedRow, DriftError> {
        super::saved_rows::restore_realized(&self.columns, &binary_columns::classes(), saved)
    }

    /// A saved calculator, checked for consistency before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text).map_err(|e| {
            DriftError::Undefined(format!("not a saved performance calculator: {e}"))
        })?;
        let g = fitted.columns.len();
        let consistent = !fitted.metrics.is_empty()
            && fitted.columns == columns::expand(&fitted.metrics, 2)
            && fitted.errors.len() == g
            && fitted.thresholds.len() == g
            && fitted.reference.iter().all(|r| r.width() == g);
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved performance calculator: its parts do not fit together".into(),
            ));
        }
        Ok(fitted)
    }

    /// The calculator as JSON, for [`RealizedPerformance::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    fn rows(&self, plan: &ChunkPlan, chunks: &[Known], period: DataPeriod) -> Vec<StoredRow> {
        plan.chunks
            .par_iter()
            .zip(chunks)
            .map(|(chunk, data)| {
                let values = binary_columns::realized(
                    &self.columns,
                    self.normalization,
                    (&data.y_true, &data.y_pred, &data.scores),
                );
                let cells = values
                    .into_iter()
                    .enumerate()
                    .map(|(g, value)| {
                        RealizedCell::new(
                            value,
                            self.errors[g].at(data.y_true.len()),
                            self.thresholds[g],
                            self.warnings.get(g).copied().flatten(),
                        )
                    })
                    .collect();
                StoredRow::new(
                    ChunkInfo::new(chunk, period),
                    data.missing as f64 / chunk.len() as f64,
                    cells,
                )
            })
            .collect()
    }
}

/// One chunk's rows whose targets arrived, in timestamp order.
struct Known {
    scores: Vec<f64>,
    y_pred: Vec<f64>,
    y_true: Vec<f64>,
    missing: usize,
}

fn known_rows(plan: &ChunkPlan, data: BinaryOutputs<'_>) -> Vec<Known> {
    let y_true = data.y_true.expect("checked by the callers");
    plan.chunks
        .par_iter()
        .map(|chunk| {
            let rows: Vec<usize> = chunk
                .rows()
                .map(|p| plan.row(p))
                .filter(|&i| !y_true[i].is_nan())
                .collect();
            let pick = |v: &[f64]| rows.iter().map(|&i| v[i]).collect::<Vec<f64>>();
            Known {
                scores: pick(data.y_pred_proba),
                y_pred: pick(data.y_pred),
                y_true: pick(y_true),
                missing: chunk.len() - rows.len(),
            }
        })
        .collect()
}
