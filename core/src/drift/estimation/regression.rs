//! Realized performance per chunk for regression models (NannyML's `PerformanceCalculator`
//! with `problem_type="regression"`): MAE, MAPE, MSE, MSLE, RMSE and RMSLE on the rows whose
//! targets arrived, NannyML's sampling errors from the reference, thresholds from the
//! reference chunks (never below 0) and alerts.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::realized::{RealizedCell, RealizedRow, StoredRow};
use super::shared::{Bounds, MetricName, checked_chunking, thresholds_within};
use crate::drift::DriftError;
use crate::drift::chunked::{
    CalendarPeriod, ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod, Incomplete,
    WarningBounds, split_chunks, warning_bounds,
};

/// A regression metric, named as NannyML names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum RegressionMetric {
    /// Mean absolute error.
    Mae,
    /// Mean absolute percentage error (scikit-learn's, a share, not a percent).
    Mape,
    /// Mean squared error.
    Mse,
    /// Mean squared logarithmic error (needs values above −1).
    Msle,
    /// Root mean squared error.
    Rmse,
    /// Root mean squared logarithmic error.
    Rmsle,
}

impl RegressionMetric {
    /// NannyML's name (`"mae"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            RegressionMetric::Mae => "mae",
            RegressionMetric::Mape => "mape",
            RegressionMetric::Mse => "mse",
            RegressionMetric::Msle => "msle",
            RegressionMetric::Rmse => "rmse",
            RegressionMetric::Rmsle => "rmsle",
        }
    }

    pub(crate) fn logarithmic(self) -> bool {
        matches!(self, RegressionMetric::Msle | RegressionMetric::Rmsle)
    }
}

impl MetricName for RegressionMetric {
    fn metric_name(self) -> &'static str {
        self.name()
    }
}

fn default_metrics() -> Vec<RegressionMetric> {
    vec![RegressionMetric::Mae]
}

/// Options of [`RegressionPerformance::fit`], named as NannyML names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegressionOptions {
    /// Metrics to calculate (default `["mae"]`).
    #[serde(default = "default_metrics")]
    pub metrics: Vec<RegressionMetric>,
    /// Rows per chunk.
    pub chunk_size: Option<u64>,
    /// Number of chunks.
    pub chunk_number: Option<u64>,
    /// Calendar period per chunk (needs timestamps).
    pub chunk_period: Option<CalendarPeriod>,
    /// The rows left after the last full chunk.
    pub incomplete: Incomplete,
    /// Thresholds by metric name (default: reference mean ± 3 standard deviations).
    pub thresholds: HashMap<RegressionMetric, ChunkThreshold>,
    /// Warning thresholds by metric name (none by default): a second band, set from the
    /// reference chunks as `thresholds` are, whose crossing gives `severity: "warning"`.
    pub warning_thresholds: HashMap<RegressionMetric, ChunkThreshold>,
}

impl Default for RegressionOptions {
    fn default() -> Self {
        RegressionOptions {
            metrics: default_metrics(),
            chunk_size: None,
            chunk_number: None,
            chunk_period: None,
            incomplete: Incomplete::Keep,
            thresholds: HashMap::new(),
            warning_thresholds: HashMap::new(),
        }
    }
}

impl RegressionOptions {
    /// Checks the options before any data is read; returns the chunking.
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

/// One chunk of a [`RegressionPerformance`] result, serialized as NannyML's groups.
pub type RegressionRow = RealizedRow<RegressionMetric>;

/// NannyML's sampling error pieces for one metric: the standard deviation of the per-row loss
/// on the reference, and for the root metrics its mean too.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct Components {
    std: f64,
    mean: f64,
}

fn loss(metric: RegressionMetric, y: f64, p: f64) -> f64 {
    match metric {
        RegressionMetric::Mae => (y - p).abs(),
        // NannyML's component divides by the target itself (its value uses scikit-learn's
        // epsilon floor; the two differ only at a zero target).
        RegressionMetric::Mape => (y - p).abs() / y,
        RegressionMetric::Mse | RegressionMetric::Rmse => (y - p) * (y - p),
        RegressionMetric::Msle | RegressionMetric::Rmsle => {
            let d = y.ln_1p() - p.ln_1p();
            d * d
        }
    }
}

fn mean_std(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let (n, sum) = values
        .clone()
        .fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
    let mean = sum / n as f64;
    let var = values.map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64;
    (mean, var.sqrt())
}

impl Components {
    pub(crate) fn of(metric: RegressionMetric, y: &[f64], p: &[f64]) -> Self {
        let (mean, std) = mean_std(y.iter().zip(p).map(|(&y, &p)| loss(metric, y, p)));
        Components { std, mean }
    }

    pub(crate) fn at(self, metric: RegressionMetric, n: usize) -> Option<f64> {
        let n = n as f64;
        let value = match metric {
            RegressionMetric::Rmse | RegressionMetric::Rmsle => {
                (self.std * self.std / (4.0 * n * self.mean)).sqrt()
            }
            _ => self.std / n.sqrt(),
        };
        value.is_finite().then_some(value)
    }
}

/// The metric on known rows, as scikit-learn defines it.
pub(crate) fn realized(metric: RegressionMetric, y: &[f64], p: &[f64]) -> Option<f64> {
    if y.is_empty() {
        return None;
    }
    let n = y.len() as f64;
    let mean =
        |f: &dyn Fn(f64, f64) -> f64| y.iter().zip(p).map(|(&a, &b)| f(a, b)).sum::<f64>() / n;
    let value = match metric {
        RegressionMetric::Mae => mean(&|a, b| (a - b).abs()),
        RegressionMetric::Mape => mean(&|a, b| (a - b).abs() / a.abs().max(f64::EPSILON)),
        RegressionMetric::Mse => mean(&|a, b| (a - b) * (a - b)),
        RegressionMetric::Rmse => mean(&|a, b| (a - b) * (a - b)).sqrt(),
        RegressionMetric::Msle => mean(&|a, b| (a.ln_1p() - b.ln_1p()).powi(2)),
        RegressionMetric::Rmsle => mean(&|a, b| (a.ln_1p() - b.ln_1p()).powi(2)).sqrt(),
    };
    value.is_finite().then_some(value)
}

/// A regression model's predictions and, where known, targets (NaN where not yet known).
#[derive(Debug, Clone, Copy)]
pub struct RegressionOutputs<'a> {
    /// Predictions.
    pub y_pred: &'a [f64],
    /// Targets, NaN where unknown; `None` when no targets are given.
    pub y_true: Option<&'a [f64]>,
}

impl RegressionOutputs<'_> {
    pub(crate) fn check(
        &self,
        metrics: &[RegressionMetric],
        targets_required: bool,
    ) -> Result<usize, DriftError> {
        let n = self.y_pred.len();
        if n == 0 {
            return Err(DriftError::Empty { argument: "y_pred" });
        }
        if let Some(index) = self.y_pred.iter().position(|v| !v.is_finite()) {
            return Err(DriftError::NotFinite {
                argument: "y_pred",
                index,
                value: self.y_pred[index],
            });
        }
        let Some(y_true) = self.y_true else {
            return if targets_required {
                Err(DriftError::Undefined(
                    "realized performance needs targets (y_true)".into(),
                ))
            } else {
                Ok(n)
            };
        };
        if y_true.len() != n {
            return Err(DriftError::LengthMismatch {
                first: "y_true",
                first_len: y_true.len(),
                second: "y_pred",
                second_len: n,
            });
        }
        if let Some(index) = y_true.iter().position(|v| v.is_infinite()) {
            return Err(DriftError::NotFinite {
                argument: "y_true",
                index,
                value: y_true[index],
            });
        }
        if metrics.iter().any(|m| m.logarithmic()) {
            let below = |v: &f64| *v <= -1.0;
            if let Some(i) = self.y_pred.iter().position(below) {
                return Err(DriftError::Undefined(format!(
                    "y_pred[{i}] = {} is ≤ −1; MSLE and RMSLE need values above −1",
                    self.y_pred[i]
                )));
            }
            if let Some(i) = y_true.iter().position(below) {
                return Err(DriftError::Undefined(format!(
                    "y_true[{i}] = {} is ≤ −1; MSLE and RMSLE need values above −1",
                    y_true[i]
                )));
            }
        }
        Ok(n)
    }
}

/// A fitted realized-performance calculator for a regression model: serializable, immutable,
/// shared freely between threads.
///
/// ```
/// use edgekit::drift::{RegressionMetric, RegressionOptions, RegressionOutputs, RegressionPerformance};
///
/// let y_true: Vec<f64> = (0..300).map(|i| 100.0 + (i % 17) as f64).collect();
/// let y_pred: Vec<f64> = y_true.iter().enumerate().map(|(i, y)| y + (i % 5) as f64 - 2.0).collect();
/// let outputs = RegressionOutputs { y_pred: &y_pred, y_true: Some(&y_true) };
/// let options = RegressionOptions { metrics: vec![RegressionMetric::Mae], chunk_size: Some(100), ..Default::default() };
/// let fitted = RegressionPerformance::fit(outputs, None, &options)?;
/// let rows = fitted.calculate(outputs, None)?;
/// assert_eq!(rows.len(), 6);
/// assert!((rows[3].metrics[0].1.value.unwrap() - 1.2).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegressionPerformance {
    metrics: Vec<RegressionMetric>,
    chunking: Chunking,
    components: Vec<Components>,
    thresholds: Vec<Bounds>,
    #[serde(default)]
    warnings: Vec<WarningBounds>,
    reference: Vec<StoredRow>,
}

/// One chunk's rows whose targets arrived.
pub(crate) struct Known {
    pub y_pred: Vec<f64>,
    pub y_true: Vec<f64>,
    pub missing: usize,
}

pub(crate) fn known_rows(plan: &ChunkPlan, data: RegressionOutputs<'_>) -> Vec<Known> {
    let y_true = data.y_true.expect("checked by the callers");
    plan.chunks
        .par_iter()
        .map(|chunk| {
            let rows: Vec<usize> = chunk
                .rows()
                .map(|p| plan.row(p))
                .filter(|&i| !y_true[i].is_nan())
                .collect();
            Known {
                y_pred: rows.iter().map(|&i| data.y_pred[i]).collect(),
                y_true: rows.iter().map(|&i| y_true[i]).collect(),
                missing: chunk.len() - rows.len(),
            }
        })
        .collect()
}

impl RegressionPerformance {
    /// Fits on the reference predictions and targets (NaN targets are left out).
    pub fn fit(
        reference: RegressionOutputs<'_>,
        timestamps: Option<&[i64]>,
        options: &RegressionOptions,
    ) -> Result<Self, DriftError> {
        let chunking = options.check()?;
        let n = reference.check(&options.metrics, true)?;
        let y_true = reference.y_true.expect("checked");
        let (known_true, known_pred): (Vec<f64>, Vec<f64>) = y_true
            .iter()
            .zip(reference.y_pred)
            .filter(|(y, _)| !y.is_nan())
            .map(|(&y, &p)| (y, p))
            .unzip();
        if known_true.is_empty() {
            return Err(DriftError::Undefined(
                "the reference has no targets; realized performance needs them".into(),
            ));
        }
        let plan = split_chunks(n, timestamps, chunking)?;
        let chunks = known_rows(&plan, reference);
        let mut fitted = RegressionPerformance {
            metrics: options.metrics.clone(),
            chunking,
            components: options
                .metrics
                .iter()
                .map(|&m| Components::of(m, &known_true, &known_pred))
                .collect(),
            thresholds: Vec::new(),
            warnings: Vec::new(),
            reference: Vec::new(),
        };
        fitted.warnings = fitted
            .metrics
            .iter()
            .map(|&m| {
                let values: Vec<Option<f64>> = chunks
                    .iter()
                    .map(|c| realized(m, &c.y_true, &c.y_pred))
                    .collect();
                warning_bounds(
                    options.warning_thresholds.get(&m),
                    &values,
                    (Some(0.0), None),
                )
            })
            .collect::<Result<_, DriftError>>()?;
        fitted.thresholds = thresholds_within(
            &fitted.metrics,
            &options.thresholds,
            (Some(0.0), None),
            |m| {
                chunks
                    .iter()
                    .map(|c| realized(m, &c.y_true, &c.y_pred))
                    .collect()
            },
        )?;
        fitted.reference = fitted
            .rows(&plan, &chunks, DataPeriod::Reference)
            .into_iter()
            .map(StoredRow::keep)
            .collect();
        Ok(fitted)
    }

    /// The metrics calculated.
    pub fn metrics(&self) -> &[RegressionMetric] {
        &self.metrics
    }

    /// The reference chunks followed by the chunks of `data` (NaN marks a target not yet
    /// arrived).
    pub fn calculate(
        &self,
        data: RegressionOutputs<'_>,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<RegressionRow>, DriftError> {
        let n = data.check(&self.metrics, true)?;
        let plan = split_chunks(n, timestamps, self.chunking)?;
        let chunks = known_rows(&plan, data);
        let mut rows: Vec<RegressionRow> = self
            .reference
            .iter()
            .map(|r| r.restore(&self.metrics))
            .collect();
        rows.extend(self.rows(&plan, &chunks, DataPeriod::Analysis));
        Ok(rows)
    }

    fn rows(&self, plan: &ChunkPlan, chunks: &[Known], period: DataPeriod) -> Vec<RegressionRow> {
        plan.chunks
            .par_iter()
            .zip(chunks)
            .map(|(chunk, data)| {
                let metrics = self
                    .metrics
                    .iter()
                    .zip(&self.components)
                    .zip(&self.thresholds)
                    .enumerate()
                    .map(|(g, ((&metric, components), &bounds))| {
                        let value = realized(metric, &data.y_true, &data.y_pred);
                        let error = if data.y_true.is_empty() {
                            None
                        } else {
                            components.at(metric, data.y_true.len())
                        };
                        let warning = self.warnings.get(g).copied().flatten();
                        (metric, RealizedCell::new(value, error, bounds, warning))
                    })
                    .collect();
                RealizedRow {
                    chunk: ChunkInfo::new(chunk, period),
                    targets_missing_rate: data.missing as f64 / chunk.len() as f64,
                    metrics,
                    confusion_matrix: Vec::new(),
                }
            })
            .collect()
    }

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> Vec<RegressionRow> {
        self.reference
            .iter()
            .map(|r| r.restore(&self.metrics))
            .collect()
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// Checks a batch as an analysis reads it (targets optional).
    pub(crate) fn check_outputs(&self, data: RegressionOutputs<'_>) -> Result<(), DriftError> {
        data.check(&self.metrics, true).map(|_| ())
    }

    /// A row as a monitor saves it.
    pub(crate) fn store_row(&self, row: &RegressionRow) -> serde_json::Value {
        super::saved_rows::store_realized_metrics(row)
    }

    /// A row saved by [`RegressionPerformance::store_row`], checked against the metrics.
    pub(crate) fn restore_row(
        &self,
        saved: serde_json::Value,
    ) -> Result<RegressionRow, DriftError> {
        super::saved_rows::restore_realized_metrics(&self.metrics, saved)
    }

    /// A saved calculator, checked for consistency before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text).map_err(|e| {
            DriftError::Undefined(format!("not a saved performance calculator: {e}"))
        })?;
        let k = fitted.metrics.len();
        let consistent = k > 0
            && fitted.components.len() == k
            && fitted.thresholds.len() == k
            && fitted.reference.iter().all(|r| r.width() == k);
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved performance calculator: its parts do not fit together".into(),
            ));
        }
        Ok(fitted)
    }

    /// The calculator as JSON, for [`RegressionPerformance::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }
}
