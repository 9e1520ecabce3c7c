//! Confidence-based performance estimation (NannyML's `CBPE`) for binary classifiers: the
//! performance a model has on data whose targets have not arrived, estimated from its
//! probabilities once they are calibrated on the reference (isotonic regression, when it
//! lowers the expected calibration error in cross-validation). Each estimate carries its
//! sampling error band, thresholds set from the reference chunks' realized performance, an
//! alert, and the realized value where targets are present.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::binary::{ClassificationMetric, realized};
use super::binary_columns;
use super::columns::{self, Column, ColumnErrors};
use super::confusion::{ConfusionCell, ConfusionNormalization};
use super::isotonic::Isotonic;
use super::shared::{Bounds, MetricName, checked_chunking, serialize_groups};
use crate::drift::DriftError;
use crate::drift::chunked::{
    CalendarPeriod, ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod, Incomplete,
    SAMPLING_ERROR_RANGE, Severity, WarningBounds, performance_alerts, severity, split_chunks,
};

fn default_metrics() -> Vec<ClassificationMetric> {
    vec![ClassificationMetric::RocAuc]
}

fn default_seed() -> u64 {
    42
}

/// Options of [`Cbpe::fit`], named as NannyML names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CbpeOptions {
    /// Metrics to estimate (default `["roc_auc"]`).
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
    /// Calibrate the probabilities: `None` decides as NannyML does (isotonic regression when
    /// it lowers the expected calibration error on ten stratified 90/10 splits); `true` or
    /// `false` forces it.
    pub calibrate: Option<bool>,
    /// Seed of those splits.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// How the `confusion_matrix` metric is normalized (absent: counts).
    pub normalize_confusion_matrix: Option<ConfusionNormalization>,
}

impl CbpeOptions {
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

impl Default for CbpeOptions {
    fn default() -> Self {
        CbpeOptions {
            metrics: default_metrics(),
            chunk_size: None,
            chunk_number: None,
            chunk_period: None,
            incomplete: Incomplete::Keep,
            thresholds: HashMap::new(),
            warning_thresholds: HashMap::new(),
            calibrate: None,
            seed: default_seed(),
            normalize_confusion_matrix: None,
        }
    }
}

/// A binary classifier's outputs: scores (probability of class 1), predicted labels (0/1)
/// and, where known, targets (0/1; NaN marks a target not yet known).
#[derive(Debug, Clone, Copy)]
pub struct BinaryOutputs<'a> {
    /// Probability of the positive class.
    pub y_pred_proba: &'a [f64],
    /// Predicted label, 0 or 1.
    pub y_pred: &'a [f64],
    /// Target, 0 or 1, NaN where unknown; `None` when no targets are given.
    pub y_true: Option<&'a [f64]>,
}

impl BinaryOutputs<'_> {
    pub(crate) fn check(&self, needs_targets: bool) -> Result<usize, DriftError> {
        let n = self.y_pred_proba.len();
        if n == 0 {
            return Err(DriftError::Empty {
                argument: "y_pred_proba",
            });
        }
        let columns = [("y_pred", Some(self.y_pred)), ("y_true", self.y_true)];
        for (argument, column) in columns {
            if let Some(c) = column
                && c.len() != n
            {
                return Err(DriftError::LengthMismatch {
                    first: argument,
                    first_len: c.len(),
                    second: "y_pred_proba",
                    second_len: n,
                });
            }
        }
        if let Some(index) = self
            .y_pred_proba
            .iter()
            .position(|p| !(0.0..=1.0).contains(p))
        {
            return Err(DriftError::OutOfRange {
                argument: "y_pred_proba",
                value: self.y_pred_proba[index],
                range: "[0, 1]",
            });
        }
        let binary = |v: f64| v == 0.0 || v == 1.0;
        if let Some(index) = self.y_pred.iter().position(|&v| !binary(v)) {
            return Err(DriftError::Undefined(format!(
                "y_pred[{index}] is {}; binary labels are 0 or 1",
                self.y_pred[index]
            )));
        }
        match self.y_true {
            Some(t) => {
                if let Some(index) = t
                    .iter()
                    .position(|&v| !(binary(v) || (v.is_nan() && !needs_targets)))
                {
                    return Err(DriftError::Undefined(format!(
                        "y_true[{index}] is {}; targets are 0 or 1{}",
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

/// One estimated metric on one chunk (NannyML's CBPE column group).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct EstimatedCell {
    /// The estimate.
    pub value: Option<f64>,
    /// Its standard error at the chunk's size.
    pub sampling_error: Option<f64>,
    /// The realized value, where the chunk has targets.
    pub realized: Option<f64>,
    /// `value + 3 · sampling_error`, at most 1.
    pub upper_confidence_boundary: Option<f64>,
    /// `value − 3 · sampling_error`, at least 0.
    pub lower_confidence_boundary: Option<f64>,
    /// Upper alert threshold.
    pub upper_threshold: Option<f64>,
    /// Lower alert threshold.
    pub lower_threshold: Option<f64>,
    /// The estimate lies below the lower or above the upper threshold.
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

/// One chunk of a [`Cbpe`] result: the chunk, then one cell per metric (serialized as
/// NannyML's groups: `{"chunk": {...}, "roc_auc": {...}, ...}`).
#[derive(Debug, Clone, PartialEq)]
pub struct EstimatedRow<M = ClassificationMetric> {
    /// The chunk.
    pub chunk: ChunkInfo,
    /// Each metric's cell, in the order the metrics were asked for (the confusion matrix
    /// apart).
    pub metrics: Vec<(M, EstimatedCell)>,
    /// The confusion matrix's cells, row-major by true class, where it was asked for.
    pub confusion_matrix: Vec<ConfusionCell<EstimatedCell>>,
}

impl<M: MetricName> Serialize for EstimatedRow<M> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_groups(
            serializer,
            &self.chunk,
            &self.metrics,
            &self.confusion_matrix,
        )
    }
}

impl EstimatedCell {
    /// A cell with its confidence band (clamped to the group's `limits`) and alert.
    pub(crate) fn new(
        value: Option<f64>,
        sampling_error: Option<f64>,
        realized: Option<f64>,
        limits: Bounds,
        (lower, upper): Bounds,
        warning: WarningBounds,
    ) -> Self {
        let band = |sign: f64| match (value, sampling_error) {
            (Some(v), Some(e)) => {
                let b = v + sign * SAMPLING_ERROR_RANGE * e;
                Some(
                    b.max(limits.0.unwrap_or(f64::NEG_INFINITY))
                        .min(limits.1.unwrap_or(f64::INFINITY)),
                )
            }
            _ => None,
        };
        EstimatedCell {
            value,
            sampling_error,
            realized,
            upper_confidence_boundary: band(1.0),
            lower_confidence_boundary: band(-1.0),
            upper_threshold: upper,
            lower_threshold: lower,
            alert: performance_alerts(value, lower, upper),
            warning_lower_threshold: warning.and_then(|w| w.0),
            warning_upper_threshold: warning.and_then(|w| w.1),
            severity: severity(performance_alerts(value, lower, upper), value, warning),
        }
    }
}

/// A fitted CBPE estimator: serializable, immutable, shared freely between threads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cbpe {
    metrics: Vec<ClassificationMetric>,
    normalization: Option<ConfusionNormalization>,
    chunking: Chunking,
    columns: Vec<Column>,
    errors: Vec<ColumnErrors>,
    thresholds: Vec<Bounds>,
    #[serde(default)]
    warnings: Vec<WarningBounds>,
    calibrator: Option<Isotonic>,
    reference: Vec<ChunkInfo>,
    reference_cells: Vec<Vec<EstimatedCell>>,
}

impl Cbpe {
    /// Fits on the reference outputs (targets required), with their timestamps (ns since the
    /// epoch) if the chunking needs them.
    pub fn fit(
        reference: BinaryOutputs<'_>,
        timestamps: Option<&[i64]>,
        options: &CbpeOptions,
    ) -> Result<Self, DriftError> {
        let n = reference.check(true)?;
        let chunking = options.check()?;
        let y_true = reference.y_true.expect("checked");
        let calibrate = match options.calibrate {
            Some(forced) => forced,
            None => needs_calibration(y_true, reference.y_pred_proba, options.seed)?,
        };
        let calibrator = if calibrate {
            Some(Isotonic::fit(reference.y_pred_proba, y_true)?)
        } else {
            None
        };
        let normalization = options.normalize_confusion_matrix;
        let columns = columns::expand(&options.metrics, 2);
        let errors = binary_columns::errors(
            &columns,
            normalization,
            (y_true, reference.y_pred, reference.y_pred_proba),
        );
        let plan = split_chunks(n, timestamps, chunking)?;
        let chunks = gather(&plan, reference);
        let realized: Vec<Vec<Option<f64>>> = chunks
            .iter()
            .map(|c| {
                let t = c.y_true.as_deref().unwrap_or(&[]);
                binary_columns::realized(&columns, normalization, (t, &c.y_pred, &c.scores))
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
        let mut fitted = Cbpe {
            metrics: options.metrics.clone(),
            normalization,
            chunking,
            columns,
            errors,
            thresholds,
            warnings,
            calibrator,
            reference: Vec::new(),
            reference_cells: Vec::new(),
        };
        (fitted.reference, fitted.reference_cells) = fitted
            .cells(&plan, &chunks, DataPeriod::Reference)
            .into_iter()
            .unzip();
        Ok(fitted)
    }

    /// The reference chunks followed by the chunks of `data` (targets optional: where given,
    /// each cell's `realized` is filled).
    pub fn estimate(
        &self,
        data: BinaryOutputs<'_>,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<EstimatedRow>, DriftError> {
        let n = data.check(false)?;
        let plan = split_chunks(n, timestamps, self.chunking)?;
        let chunks = gather(&plan, data);
        let analysed = self.cells(&plan, &chunks, DataPeriod::Analysis);
        Ok(self.named(
            self.reference
                .iter()
                .cloned()
                .zip(self.reference_cells.iter().cloned())
                .chain(analysed),
        ))
    }

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> Vec<EstimatedRow> {
        self.named(
            self.reference
                .iter()
                .cloned()
                .zip(self.reference_cells.iter().cloned()),
        )
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// A row as a monitor saves it.
    pub(crate) fn store_row(&self, row: &EstimatedRow) -> serde_json::Value {
        super::saved_rows::store_estimated(&self.columns, row)
    }

    /// A row saved by [`Cbpe::store_row`], checked against the groups.
    pub(crate) fn restore_row(&self, saved: serde_json::Value) -> Result<EstimatedRow, DriftError> {
        super::saved_rows::restore_estimated(&self.columns, &binary_columns::classes(), saved)
    }

    fn named(
        &self,
        rows: impl Iterator<Item = (ChunkInfo, Vec<EstimatedCell>)>,
    ) -> Vec<EstimatedRow> {
        let classes = binary_columns::classes();
        rows.map(|(chunk, cells)| {
            let (metrics, confusion_matrix) = columns::split(&self.columns, &classes, cells);
            EstimatedRow {
                chunk,
                metrics,
                confusion_matrix,
            }
        })
        .collect()
    }

    /// Whether the probabilities are calibrated before estimating.
    pub fn is_calibrated(&self) -> bool {
        self.calibrator.is_some()
    }

    /// The metrics, in order.
    pub fn metrics(&self) -> &[ClassificationMetric] {
        &self.metrics
    }

    /// A saved estimator, checked for consistency before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text)
            .map_err(|e| DriftError::Undefined(format!("not a saved CBPE estimator: {e}")))?;
        let g = fitted.columns.len();
        let consistent = !fitted.metrics.is_empty()
            && fitted.columns == columns::expand(&fitted.metrics, 2)
            && fitted.errors.len() == g
            && fitted.thresholds.len() == g
            && fitted.reference.len() == fitted.reference_cells.len()
            && fitted.reference_cells.iter().all(|c| c.len() == g)
            && fitted
                .calibrator
                .as_ref()
                .is_none_or(Isotonic::is_consistent);
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved CBPE estimator: its parts do not fit together".into(),
            ));
        }
        Ok(fitted)
    }

    /// The estimator as JSON, for [`Cbpe::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    /// Each chunk's info and cells (one per group).
    fn cells(
        &self,
        plan: &ChunkPlan,
        chunks: &[Gathered],
        period: DataPeriod,
    ) -> Vec<(ChunkInfo, Vec<EstimatedCell>)> {
        // Chunks are independent: one task each, collected in order.
        plan.chunks
            .par_iter()
            .zip(chunks)
            .map(|(chunk, data)| {
                let calibrated: Vec<f64> = match &self.calibrator {
                    Some(c) => data.scores.iter().map(|&p| c.predict(p)).collect(),
                    None => data.scores.clone(),
                };
                let values = binary_columns::estimated(
                    &self.columns,
                    self.normalization,
                    &data.y_pred,
                    &calibrated,
                    &data.scores,
                );
                // The rows whose targets have arrived, gathered once for every group.
                let realized = data.y_true.as_ref().map(|t| {
                    let known: Vec<usize> = (0..t.len()).filter(|&i| !t[i].is_nan()).collect();
                    let pick = |v: &[f64]| known.iter().map(|&i| v[i]).collect::<Vec<f64>>();
                    let (t, l, p) = (pick(t), pick(&data.y_pred), pick(&data.scores));
                    binary_columns::realized(&self.columns, self.normalization, (&t, &l, &p))
                });
                let cells = values
                    .into_iter()
                    .enumerate()
                    .map(|(g, value)| {
                        EstimatedCell::new(
                            value,
                            self.errors[g].at(data.scores.len()),
                            realized.as_ref().and_then(|r| r[g]),
                            columns::limits(self.columns[g], self.normalization),
                            self.thresholds[g],
                            self.warnings.get(g).copied().flatten(),
                        )
                    })
                    .collect();
                (ChunkInfo::new(chunk, period), cells)
            })
            .collect()
    }
}

/// One chunk's outputs, gathered in timestamp order.
struct Gathered {
    scores: Vec<f64>,
    y_pred: Vec<f64>,
    y_true: Option<Vec<f64>>,
}

fn gather(plan: &ChunkPlan, data: BinaryOutputs<'_>) -> Vec<Gathered> {
    plan.chunks
        .par_iter()
        .map(|chunk| {
            let rows: Vec<usize> = chunk.rows().map(|p| plan.row(p)).collect();
            let pick = |v: &[f64]| rows.iter().map(|&i| v[i]).collect::<Vec<f64>>();
            Gathered {
                scores: pick(data.y_pred_proba),
                y_pred: pick(data.y_pred),
                y_true: data.y_true.map(pick),
            }
        })
        .collect()
}

/// NannyML's test: calibrate when isotonic regression, fitted on 90 % of the reference and
/// applied to the other 10 % in ten stratified splits, lowers the expected calibration error
/// (ten equal-count bins) of the held-out scores. Never when one class is absent or the
/// scores already separate the classes (AUC > 0.999).
pub(crate) fn needs_calibration(
    y_true: &[f64],
    scores: &[f64],
    seed: u64,
) -> Result<bool, DriftError> {
    let positives: Vec<usize> = (0..y_true.len()).filter(|&i| y_true[i] == 1.0).collect();
    let negatives: Vec<usize> = (0..y_true.len()).filter(|&i| y_true[i] != 1.0).collect();
    // Each split holds out a tenth of each class and fits on the rest: that needs two of each.
    if positives.len() < 2 || negatives.len() < 2 {
        return Ok(false);
    }
    if realized(ClassificationMetric::RocAuc, y_true, y_true, scores).is_some_and(|auc| auc > 0.999)
    {
        return Ok(false);
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let (mut held_true, mut held_raw, mut held_calibrated) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..10 {
        let mut test = Vec::new();
        for class in [&positives, &negatives] {
            let mut shuffled = class.to_vec();
            rng.shuffle(&mut shuffled);
            let take = ((class.len() as f64) * 0.1).round().max(1.0) as usize;
            test.extend_from_slice(&shuffled[..take.min(class.len().saturating_sub(1)).max(1)]);
        }
        let mut in_test = vec![false; y_true.len()];
        test.iter().for_each(|&i| in_test[i] = true);
        let train: Vec<usize> = (0..y_true.len()).filter(|&i| !in_test[i]).collect();
        let pick = |v: &[f64], rows: &[usize]| rows.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        let calibrator = Isotonic::fit(&pick(scores, &train), &pick(y_true, &train))?;
        for &i in &test {
            held_true.push(y_true[i]);
            held_raw.push(scores[i]);
            held_calibrated.push(calibrator.predict(scores[i]));
        }
    }
    let before = calibration_error(&held_true, &held_raw)?;
    let after = calibration_error(&held_true, &held_calibrated)?;
    Ok(before > after)
}

/// Expected calibration error over equal-count bins of the sorted scores (NannyML's
/// `_calculate_expected_calibration_error`, ten bins, fewer for small samples).
pub(crate) fn calibration_error(y_true: &[f64], scores: &[f64]) -> Result<f64, DriftError> {
    let n = scores.len();
    let mut bins = 10;
    if n <= 2 * bins {
        bins = n / 2;
        if bins < 2 {
            return Err(DriftError::TooFew {
                argument: "held-out scores (two bins of two)",
                needed: 4,
                got: n,
            });
        }
    }
    let width = n / bins;
    let mut edges: Vec<usize> = (0..=n).step_by(width).collect();
    *edges.last_mut().expect("n > 0") = n;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    Ok(edges
        .windows(2)
        .map(|w| {
            let rows = &order[w[0]..w[1]];
            let size = rows.len() as f64;
            let mean = |v: &[f64]| rows.iter().map(|&i| v[i]).sum::<f64>() / size;
            size / n as f64 * (mean(scores) - mean(y_true)).abs()
        })
        .sum())
}
