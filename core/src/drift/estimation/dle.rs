//! Direct loss estimation (NannyML's `DLE`): a regression model's performance on data whose
//! targets have not arrived. On the reference, a second model (boosted trees, NannyML's
//! LightGBM defaults) learns each row's loss — absolute error for MAE, squared error for MSE
//! and RMSE, and so on — from the features and the prediction; on a chunk, the metric is the
//! mean of the predicted losses (clipped at 0; the root of it for RMSE and RMSLE). Each
//! estimate carries NannyML's regression sampling error, thresholds from the reference
//! chunks' realized values and an alert.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::cbpe::{EstimatedCell, EstimatedRow};
use super::regression::{Components, RegressionMetric, RegressionOutputs, known_rows, realized};
use super::shared::{Bounds, checked_chunking, thresholds_within};
use crate::drift::boosting::{BoostingOptions, FeatureEncoder, GradientBoosting, Objective};
use crate::drift::chunked::{
    CalendarPeriod, ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod, Incomplete,
    WarningBounds, split_chunks, warning_bounds,
};
use crate::drift::{Column, DriftError};

fn all_metrics() -> Vec<RegressionMetric> {
    vec![
        RegressionMetric::Mae,
        RegressionMetric::Mape,
        RegressionMetric::Mse,
        RegressionMetric::Rmse,
        RegressionMetric::Msle,
        RegressionMetric::Rmsle,
    ]
}

/// Options of [`Dle::fit`], named as NannyML names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DleOptions {
    /// Metrics to estimate (default: all six, NannyML's default).
    #[serde(default = "all_metrics")]
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
    /// Warning thresholds by metric name (none by default).
    pub warning_thresholds: HashMap<RegressionMetric, ChunkThreshold>,
    /// The loss models' hyperparameters (LightGBM's names and defaults).
    pub hyperparameters: BoostingOptions,
}

impl Default for DleOptions {
    fn default() -> Self {
        DleOptions {
            metrics: all_metrics(),
            chunk_size: None,
            chunk_number: None,
            chunk_period: None,
            incomplete: Incomplete::Keep,
            thresholds: HashMap::new(),
            warning_thresholds: HashMap::new(),
            hyperparameters: BoostingOptions::default(),
        }
    }
}

impl DleOptions {
    /// Checks the options before any data is read; returns the chunking.
    pub fn check(&self) -> Result<Chunking, DriftError> {
        self.hyperparameters.validate()?;
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

/// The per-row loss a model learns; metrics sharing one share the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Loss {
    Absolute,
    Relative,
    Squared,
    SquaredLog,
}

impl Loss {
    fn of(metric: RegressionMetric) -> Self {
        match metric {
            RegressionMetric::Mae => Loss::Absolute,
            RegressionMetric::Mape => Loss::Relative,
            RegressionMetric::Mse | RegressionMetric::Rmse => Loss::Squared,
            RegressionMetric::Msle | RegressionMetric::Rmsle => Loss::SquaredLog,
        }
    }

    fn at(self, y: f64, p: f64) -> f64 {
        match self {
            Loss::Absolute => (y - p).abs(),
            Loss::Relative => (y - p).abs() / y.abs().max(f64::EPSILON),
            Loss::Squared => (y - p) * (y - p),
            Loss::SquaredLog => {
                let d = y.ln_1p() - p.ln_1p();
                d * d
            }
        }
    }
}

/// One chunk of a [`Dle`] result (serialized as NannyML's groups: `{"chunk": {...}, "mae":
/// {...}, ...}`).
pub type DleRow = EstimatedRow<RegressionMetric>;

/// A fitted direct loss estimator: serializable, immutable, shared freely between threads.
///
/// ```
/// use edgekit::drift::{Column, ColumnValues, Dle, DleOptions, RegressionMetric, RegressionOutputs};
///
/// // The model is worse (larger errors) where x is large.
/// let x: Vec<f64> = (0..2_000).map(|i| (i % 100) as f64).collect();
/// let y_true: Vec<f64> = (0..2_000).map(|i| 50.0 + (i % 7) as f64).collect();
/// let y_pred: Vec<f64> = y_true.iter().zip(&x).enumerate()
///     .map(|(i, (y, x))| y + if i % 2 == 0 { x / 10.0 } else { -x / 10.0 }).collect();
/// let features = [Column { name: "x", values: ColumnValues::Numbers(&x), categorical: false }];
/// let options = DleOptions { metrics: vec![RegressionMetric::Mae], chunk_size: Some(500), ..Default::default() };
/// let reference = RegressionOutputs { y_pred: &y_pred, y_true: Some(&y_true) };
/// let dle = Dle::fit(&features, reference, None, &options)?;
///
/// // Production rows with large x only: the estimated MAE rises, before any target arrives.
/// let late: Vec<f64> = (0..500).map(|i| 90.0 + (i % 10) as f64).collect();
/// let late_pred: Vec<f64> = late.iter().map(|x| 50.0 + x / 10.0).collect();
/// let late_features = [Column { name: "x", values: ColumnValues::Numbers(&late), categorical: false }];
/// let rows = dle.estimate(&late_features, RegressionOutputs { y_pred: &late_pred, y_true: None }, None)?;
/// let estimate = rows.last().unwrap().metrics[0].1;
/// assert!((estimate.value.unwrap() - 9.45).abs() < 0.2);
/// assert!(estimate.alert);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dle {
    metrics: Vec<RegressionMetric>,
    chunking: Chunking,
    encoder: FeatureEncoder,
    models: Vec<(Loss, GradientBoosting)>,
    components: Vec<Components>,
    thresholds: Vec<Bounds>,
    warnings: Vec<WarningBounds>,
    reference: Vec<ChunkInfo>,
    reference_cells: Vec<Vec<EstimatedCell>>,
}

/// The model's inputs: the encoded features, then the prediction (NannyML's column order).
fn inputs<'a>(encoded: &'a [Vec<f64>], y_pred: &'a [f64]) -> Vec<&'a [f64]> {
    encoded
        .iter()
        .map(Vec::as_slice)
        .chain(std::iter::once(y_pred))
        .collect()
}

fn same_rows(features: usize, outputs: usize) -> Result<(), DriftError> {
    if features == outputs {
        Ok(())
    } else {
        Err(DriftError::LengthMismatch {
            first: "features",
            first_len: features,
            second: "y_pred",
            second_len: outputs,
        })
    }
}

impl Dle {
    /// Fits on the reference features and outputs (targets required; rows whose target is
    /// NaN are left out of training), with their timestamps (ns since the epoch) if the
    /// chunking needs them.
    pub fn fit(
        features: &[Column<'_>],
        reference: RegressionOutputs<'_>,
        timestamps: Option<&[i64]>,
        options: &DleOptions,
    ) -> Result<Self, DriftError> {
        let chunking = options.check()?;
        let n = reference.check(&options.metrics, true)?;
        let encoder = FeatureEncoder::fit(features)?;
        let (encoded, rows) = encoder.encode(features)?;
        same_rows(rows, n)?;
        let y_true = reference.y_true.expect("checked");
        let known: Vec<usize> = (0..n).filter(|&i| !y_true[i].is_nan()).collect();
        if known.is_empty() {
            return Err(DriftError::Undefined(
                "the reference has no targets; DLE learns the loss from them".into(),
            ));
        }
        let pick = |v: &[f64]| known.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        let (known_true, known_pred) = (pick(y_true), pick(reference.y_pred));
        let known_features: Vec<Vec<f64>> = encoded.iter().map(|c| pick(c)).collect();
        let train = inputs(&known_features, &known_pred);
        let mut categorical = encoder.categorical();
        categorical.push(false);
        let mut losses: Vec<Loss> = options.metrics.iter().map(|&m| Loss::of(m)).collect();
        losses.sort_by_key(|&l| l as u8);
        losses.dedup();
        // One model per loss, trained side by side.
        let models = losses
            .into_par_iter()
            .map(|loss| {
                let target: Vec<f64> = known_true
                    .iter()
                    .zip(&known_pred)
                    .map(|(&y, &p)| loss.at(y, p))
                    .collect();
                GradientBoosting::fit_with_predictions(
                    &train,
                    &categorical,
                    &target,
                    Objective::Regression,
                    &options.hyperparameters,
                )
                .map(|(model, fitted)| ((loss, model), fitted))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let (models, fitted_losses): (Vec<(Loss, GradientBoosting)>, Vec<Vec<f64>>) =
            models.into_iter().unzip();
        let plan = split_chunks(n, timestamps, chunking)?;
        let chunks = known_rows(&plan, reference);
        let realized_on = |m: RegressionMetric| -> Vec<Option<f64>> {
            chunks
                .iter()
                .map(|c| realized(m, &c.y_true, &c.y_pred))
                .collect()
        };
        let thresholds = thresholds_within(
            &options.metrics,
            &options.thresholds,
            (Some(0.0), None),
            realized_on,
        )?;
        let warnings = options
            .metrics
            .iter()
            .map(|&m| {
                warning_bounds(
                    options.warning_thresholds.get(&m),
                    &realized_on(m),
                    (Some(0.0), None),
                )
            })
            .collect::<Result<_, DriftError>>()?;
        let mut fitted = Dle {
            metrics: options.metrics.clone(),
            chunking,
            encoder,
            models,
            components: options
                .metrics
                .iter()
                .map(|&m| Components::of(m, &known_true, &known_pred))
                .collect(),
            thresholds,
            warnings,
            reference: Vec::new(),
            reference_cells: Vec::new(),
        };
        // Every reference row trained the models: their training predictions are the
        // predicted losses (no second pass over the trees).
        let losses = if known.len() == n {
            fitted_losses
                .into_iter()
                .map(|mut l| {
                    l.iter_mut().for_each(|v| *v = v.max(0.0));
                    l
                })
                .collect()
        } else {
            fitted.predicted_losses(&encoded, reference.y_pred)
        };
        (fitted.reference, fitted.reference_cells) = fitted
            .cells(&plan, &losses, reference, DataPeriod::Reference)
            .into_iter()
            .unzip();
        Ok(fitted)
    }

    /// The reference chunks followed by the chunks of `data` (targets optional: where given,
    /// each cell's `realized` is filled).
    pub fn estimate(
        &self,
        features: &[Column<'_>],
        data: RegressionOutputs<'_>,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<DleRow>, DriftError> {
        let n = data.check(&self.metrics, false)?;
        let (encoded, rows) = self.encoder.encode(features)?;
        same_rows(rows, n)?;
        let plan = split_chunks(n, timestamps, self.chunking)?;
        let losses = self.predicted_losses(&encoded, data.y_pred);
        let analysed = self.cells(&plan, &losses, data, DataPeriod::Analysis);
        Ok(self
            .reference
            .iter()
            .cloned()
            .zip(self.reference_cells.iter().cloned())
            .chain(analysed)
            .map(|(chunk, cells)| DleRow {
                chunk,
                metrics: self.metrics.iter().copied().zip(cells).collect(),
                confusion_matrix: Vec::new(),
            })
            .collect())
    }

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> Vec<DleRow> {
        self.reference
            .iter()
            .cloned()
            .zip(self.reference_cells.iter().cloned())
            .map(|(chunk, cells)| DleRow {
                chunk,
                metrics: self.metrics.iter().copied().zip(cells).collect(),
                confusion_matrix: Vec::new(),
            })
            .collect()
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// Checks a batch as an analysis reads it (targets optional).
    pub(crate) fn check_batch(
        &self,
        features: &[Column<'_>],
        data: RegressionOutputs<'_>,
    ) -> Result<(), DriftError> {
        let n = data.check(&self.metrics, false)?;
        let (_, rows) = self.encoder.encode(features)?;
        same_rows(rows, n)
    }

    /// A row as a monitor saves it.
    pub(crate) fn store_row(&self, row: &DleRow) -> serde_json::Value {
        super::saved_rows::store_estimated_metrics(row)
    }

    /// A row saved by [`Dle::store_row`], checked against the metrics.
    pub(crate) fn restore_row(&self, saved: serde_json::Value) -> Result<DleRow, DriftError> {
        super::saved_rows::restore_estimated_metrics(&self.metrics, saved)
    }

    /// Every row's predicted loss (clipped at 0), one vector per model.
    fn predicted_losses(&self, encoded: &[Vec<f64>], y_pred: &[f64]) -> Vec<Vec<f64>> {
        let columns = inputs(encoded, y_pred);
        self.models
            .par_iter()
            .map(|(_, model)| {
                let mut losses = model.predict(&columns);
                losses.iter_mut().for_each(|l| *l = l.max(0.0));
                losses
            })
            .collect()
    }

    fn cells(
        &self,
        plan: &ChunkPlan,
        losses: &[Vec<f64>],
        data: RegressionOutputs<'_>,
        period: DataPeriod,
    ) -> Vec<(ChunkInfo, Vec<EstimatedCell>)> {
        let known = data.y_true.map(|_| known_rows(plan, data));
        plan.chunks
            .par_iter()
            .enumerate()
            .map(|(c, chunk)| {
                let rows: Vec<usize> = chunk.rows().map(|p| plan.row(p)).collect();
                let cells = self
                    .metrics
                    .iter()
                    .enumerate()
                    .map(|(g, &metric)| {
                        let model = self
                            .models
                            .iter()
                            .position(|(loss, _)| *loss == Loss::of(metric))
                            .expect("a model per loss");
                        let mean =
                            rows.iter().map(|&i| losses[model][i]).sum::<f64>() / rows.len() as f64;
                        let value = match metric {
                            RegressionMetric::Rmse | RegressionMetric::Rmsle => mean.sqrt(),
                            _ => mean,
                        };
                        let realized = known
                            .as_ref()
                            .and_then(|k| realized(metric, &k[c].y_true, &k[c].y_pred));
                        EstimatedCell::new(
                            value.is_finite().then_some(value),
                            self.components[g].at(metric, rows.len()),
                            realized,
                            (Some(0.0), None),
                            self.thresholds[g],
                            self.warnings.get(g).copied().flatten(),
                        )
                    })
                    .collect();
                (ChunkInfo::new(chunk, period), cells)
            })
            .collect()
    }

    /// The metrics, in order.
    pub fn metrics(&self) -> &[RegressionMetric] {
        &self.metrics
    }

    /// The feature names the estimator reads (then `y_pred`).
    pub fn feature_names(&self) -> Vec<&str> {
        self.encoder.columns.iter().map(|c| c.name()).collect()
    }

    /// A saved estimator, checked for consistency before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text)
            .map_err(|e| DriftError::Undefined(format!("not a saved DLE estimator: {e}")))?;
        let k = fitted.metrics.len();
        let features = fitted.encoder.columns.len() + 1;
        let consistent = k > 0
            && fitted.encoder.is_consistent()
            && fitted.components.len() == k
            && fitted.thresholds.len() == k
            && fitted.warnings.len() == k
            && fitted.reference.len() == fitted.reference_cells.len()
            && fitted.reference_cells.iter().all(|c| c.len() == k)
            && fitted
                .models
                .iter()
                .all(|(_, m)| m.features() == features && m.is_consistent())
            && fitted
                .metrics
                .iter()
                .all(|&m| fitted.models.iter().any(|(l, _)| *l == Loss::of(m)));
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved DLE estimator: its parts do not fit together".into(),
            ));
        }
        Ok(fitted)
    }

    /// The estimator as JSON, for [`Dle::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }
}
