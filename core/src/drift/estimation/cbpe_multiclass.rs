//! CBPE for multiclass classifiers (NannyML's `CBPE` with
//! `problem_type="classification_multiclass"`): each class's probability calibrated one
//! against the rest on the reference (isotonic, where it lowers the calibration error), the
//! calibrated probabilities rescaled to sum to 1 per row, then every macro metric estimated as
//! the mean of its binary estimates, and the confusion matrix as the expected counts.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::binary::ClassificationMetric;
use super::cbpe::{CbpeOptions, EstimatedCell, EstimatedRow, needs_calibration};
use super::columns::{self, Column, ColumnErrors};
use super::confusion::{self, ConfusionNormalization};
use super::isotonic::Isotonic;
use super::multiclass::{self, MulticlassOutputs};
use super::shared::Bounds;
use crate::drift::DriftError;
use crate::drift::chunked::WarningBounds;
use crate::drift::chunked::{
    ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod, split_chunks,
};

/// A fitted multiclass CBPE estimator: serializable, immutable, shared freely between threads.
///
/// ```
/// use edgekit::drift::{ClassificationMetric, CbpeOptions, MulticlassCbpe, MulticlassOutputs};
///
/// let classes = ["a".to_string(), "b".to_string(), "c".to_string()];
/// let y_true: Vec<f64> = (0..600).map(|i| f64::from(i % 3)).collect();
/// // Each row gives its true class 0.6 and the others 0.2: a perfectly calibrated model.
/// let proba: Vec<Vec<f64>> = (0..3)
///     .map(|c| y_true.iter().map(|&t| if t == f64::from(c) { 0.6 } else { 0.2 }).collect())
///     .collect();
/// let columns: Vec<&[f64]> = proba.iter().map(Vec::as_slice).collect();
/// let outputs = MulticlassOutputs { classes: &classes, y_pred_proba: &columns, y_pred: &y_true, y_true: Some(&y_true) };
/// let options = CbpeOptions { metrics: vec![ClassificationMetric::Accuracy], chunk_size: Some(200), calibrate: Some(false), ..Default::default() };
/// let fitted = MulticlassCbpe::fit(outputs, None, &options)?;
/// let rows = fitted.estimate(outputs, None)?;
/// assert!((rows[3].metrics[0].1.value.unwrap() - 0.6).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MulticlassCbpe {
    classes: Vec<String>,
    metrics: Vec<ClassificationMetric>,
    normalization: Option<ConfusionNormalization>,
    chunking: Chunking,
    columns: Vec<Column>,
    errors: Vec<ColumnErrors>,
    thresholds: Vec<Bounds>,
    #[serde(default)]
    warnings: Vec<WarningBounds>,
    calibrators: Vec<Option<Isotonic>>,
    reference: Vec<ChunkInfo>,
    reference_cells: Vec<Vec<EstimatedCell>>,
}

/// Class indexes of a checked code column (NaN stays unknown).
pub(crate) fn codes(values: &[f64]) -> Vec<usize> {
    values.iter().map(|&v| v as usize).collect()
}

/// Each group's realized value on rows with targets: the macro metrics, then the matrix
/// (undefined where one class only is true or predicted, as NannyML's multiclass matrix is).
pub(crate) fn realized_columns(
    columns: &[Column],
    k: usize,
    normalization: Option<ConfusionNormalization>,
    (y_true, y_pred, scores): (&[usize], &[usize], &[Vec<f64>]),
) -> Vec<Option<f64>> {
    let mut matrix: Option<Option<Vec<f64>>> = None;
    columns
        .iter()
        .map(|&column| match column {
            Column::Metric(m) => multiclass::realized(m, k, y_true, y_pred, scores),
            Column::Cell(i, j) => matrix
                .get_or_insert_with(|| {
                    let single = |v: &[usize]| v.iter().all(|&c| c == v[0]);
                    (!y_true.is_empty() && !single(y_true) && !single(y_pred)).then(|| {
                        confusion::normalize(k, confusion::counts(k, y_true, y_pred), normalization)
                    })
                })
                .as_ref()
                .map(|m| m[i * k + j]),
        })
        .collect()
}

/// Each group's sampling error components on the reference.
pub(crate) fn column_errors(
    columns: &[Column],
    k: usize,
    normalization: Option<ConfusionNormalization>,
    (y_true, y_pred, scores): (&[usize], &[usize], &[Vec<f64>]),
) -> Vec<ColumnErrors> {
    let cells = columns
        .iter()
        .any(|c| matches!(c, Column::Cell(..)))
        .then(|| confusion::components(k, y_true, y_pred, normalization));
    columns
        .iter()
        .map(|&column| match column {
            Column::Metric(m) => {
                ColumnErrors::Macro(multiclass::components(m, k, y_true, y_pred, scores))
            }
            Column::Cell(i, j) => ColumnErrors::Cell(cells.as_ref().expect("computed")[i * k + j]),
        })
        .collect()
}

/// What both multiclass calculators fit on the reference: the result groups with their
/// sampling error components, thresholds and warning bands, the reference chunks, and the
/// reference's classes and scores.
pub(crate) struct Groups {
    pub(crate) columns: Vec<Column>,
    pub(crate) errors: Vec<ColumnErrors>,
    pub(crate) thresholds: Vec<Bounds>,
    pub(crate) warnings: Vec<WarningBounds>,
    pub(crate) plan: ChunkPlan,
    pub(crate) chunks: Vec<Gathered>,
    pub(crate) y_true: Vec<usize>,
    pub(crate) scores: Vec<Vec<f64>>,
}

/// Thresholds and warning thresholds by metric, as the options give them.
type Asked<'a> = (
    &'a HashMap<ClassificationMetric, ChunkThreshold>,
    &'a HashMap<ClassificationMetric, ChunkThreshold>,
);

impl Groups {
    pub(crate) fn fit(
        reference: MulticlassOutputs<'_>,
        rows: usize,
        timestamps: Option<&[i64]>,
        chunking: Chunking,
        (metrics, normalization): (&[ClassificationMetric], Option<ConfusionNormalization>),
        (asked, warned): Asked<'_>,
    ) -> Result<Self, DriftError> {
        let k = reference.classes.len();
        let y_true = codes(reference.y_true.expect("checked by the callers"));
        let y_pred = codes(reference.y_pred);
        let scores: Vec<Vec<f64>> = reference.y_pred_proba.iter().map(|c| c.to_vec()).collect();
        let columns = columns::expand(metrics, k);
        let errors = column_errors(&columns, k, normalization, (&y_true, &y_pred, &scores));
        let plan = split_chunks(rows, timestamps, chunking)?;
        let chunks = gather(&plan, reference);
        let realized: Vec<Vec<Option<f64>>> = chunks
            .iter()
            .map(|c| {
                let (t, p, s) = c.labelled().expect("the reference has targets");
                realized_columns(&columns, k, normalization, (&t, &p, &s))
            })
            .collect();
        let thresholds = columns::thresholds(&columns, normalization, asked, &realized)?;
        let warnings = columns::warnings(&columns, normalization, warned, &realized)?;
        Ok(Groups {
            columns,
            errors,
            thresholds,
            warnings,
            plan,
            chunks,
            y_true,
            scores,
        })
    }
}

impl MulticlassCbpe {
    /// Fits on the reference outputs (targets required), with their timestamps (ns since the
    /// epoch) if the chunking needs them.
    pub fn fit(
        reference: MulticlassOutputs<'_>,
        timestamps: Option<&[i64]>,
        options: &CbpeOptions,
    ) -> Result<Self, DriftError> {
        let n = reference.check(true)?;
        let chunking = options.check()?;
        let k = reference.classes.len();
        let normalization = options.normalize_confusion_matrix;
        let fitted_groups = Groups::fit(
            reference,
            n,
            timestamps,
            chunking,
            (&options.metrics, normalization),
            (&options.thresholds, &options.warning_thresholds),
        )?;
        let (y_true, scores) = (&fitted_groups.y_true, &fitted_groups.scores);
        let calibrators = (0..k)
            .map(|c| {
                let target: Vec<f64> = y_true
                    .iter()
                    .map(|&t| f64::from(u8::from(t == c)))
                    .collect();
                let calibrate = match options.calibrate {
                    Some(forced) => forced,
                    None => needs_calibration(&target, &scores[c], options.seed)?,
                };
                calibrate
                    .then(|| Isotonic::fit(&scores[c], &target))
                    .transpose()
            })
            .collect::<Result<Vec<_>, DriftError>>()?;
        let Groups {
            columns,
            errors,
            thresholds,
            warnings,
            plan,
            chunks,
            ..
        } = fitted_groups;
        let mut fitted = MulticlassCbpe {
            classes: reference.classes.to_vec(),
            metrics: options.metrics.clone(),
            normalization,
            chunking,
            columns,
            errors,
            thresholds,
            warnings,
            calibrators,
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
    /// each cell's `realized` is filled). `data.classes` must be the fitted classes.
    pub fn estimate(
        &self,
        data: MulticlassOutputs<'_>,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<EstimatedRow>, DriftError> {
        let n = data.check(false)?;
        if data.classes != self.classes.as_slice() {
            return Err(DriftError::Undefined(format!(
                "the data's classes {:?} are not the fitted classes {:?}",
                data.classes, self.classes
            )));
        }
        let plan = split_chunks(n, timestamps, self.chunking)?;
        let chunks = gather(&plan, data);
        let analysed = self.cells(&plan, &chunks, DataPeriod::Analysis);
        let mut rows = self.reference_rows();
        rows.extend(
            analysed
                .into_iter()
                .map(|(chunk, cells)| self.named(chunk, cells)),
        );
        Ok(rows)
    }

    fn named(&self, chunk: ChunkInfo, cells: Vec<EstimatedCell>) -> EstimatedRow {
        let (metrics, confusion_matrix) = columns::split(&self.columns, &self.classes, cells);
        EstimatedRow {
            chunk,
            metrics,
            confusion_matrix,
        }
    }

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> Vec<EstimatedRow> {
        self.reference
            .iter()
            .cloned()
            .zip(self.reference_cells.iter().cloned())
            .map(|(chunk, cells)| self.named(chunk, cells))
            .collect()
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// A row as a monitor saves it.
    pub(crate) fn store_row(&self, row: &EstimatedRow) -> serde_json::Value {
        super::saved_rows::store_estimated(&self.columns, row)
    }

    /// A row saved by [`MulticlassCbpe::store_row`], checked against the groups.
    pub(crate) fn restore_row(&self, saved: serde_json::Value) -> Result<EstimatedRow, DriftError> {
        super::saved_rows::restore_estimated(&self.columns, &self.classes, saved)
    }

    /// The class names, in the order of the probability columns.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Whether each class's probability is calibrated before estimating.
    pub fn calibrated_classes(&self) -> Vec<bool> {
        self.calibrators.iter().map(Option::is_some).collect()
    }

    /// A saved estimator, checked for consistency before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text).map_err(|e| {
            DriftError::Undefined(format!("not a saved multiclass CBPE estimator: {e}"))
        })?;
        let k = fitted.classes.len();
        let g = fitted.columns.len();
        let consistent = (2..=multiclass::MAX_CLASSES).contains(&k)
            && !fitted.metrics.is_empty()
            && fitted.columns == columns::expand(&fitted.metrics, k)
            && fitted.errors.len() == g
            && fitted.thresholds.len() == g
            && fitted.calibrators.len() == k
            && fitted.reference.len() == fitted.reference_cells.len()
            && fitted.reference_cells.iter().all(|c| c.len() == g)
            && fitted
                .calibrators
                .iter()
                .flatten()
                .all(Isotonic::is_consistent);
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved multiclass CBPE estimator: its parts do not fit together".into(),
            ));
        }
        Ok(fitted)
    }

    /// The estimator as JSON, for [`MulticlassCbpe::from_json`].
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
        let k = self.classes.len();
        plan.chunks
            .par_iter()
            .zip(chunks)
            .map(|(chunk, data)| {
                let calibrated = self.calibrated(&data.scores);
                let realized = data.labelled().map(|(t, p, s)| {
                    realized_columns(&self.columns, k, self.normalization, (&t, &p, &s))
                });
                let mut matrix: Option<Vec<Option<f64>>> = None;
                let rows = data.y_pred.len();
                let cells = self
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(g, &column)| {
                        let value = match column {
                            Column::Metric(m) => {
                                multiclass::estimated(m, k, &data.y_pred, &calibrated, &data.scores)
                            }
                            Column::Cell(i, j) => matrix.get_or_insert_with(|| {
                                confusion::estimated(
                                    k,
                                    &data.y_pred,
                                    &calibrated,
                                    self.normalization,
                                )
                            })[i * k + j],
                        };
                        EstimatedCell::new(
                            value,
                            self.errors[g].at(rows),
                            realized.as_ref().and_then(|r| r[g]),
                            columns::limits(column, self.normalization),
                            self.thresholds[g],
                            self.warnings.get(g).copied().flatten(),
                        )
                    })
                    .collect();
                (ChunkInfo::new(chunk, period), cells)
            })
            .collect()
    }

    /// The chunk's probabilities, each class calibrated, then rescaled to sum to 1 per row
    /// (uniform where every calibrated probability is 0).
    fn calibrated(&self, scores: &[Vec<f64>]) -> Vec<Vec<f64>> {
        let k = scores.len();
        let mut calibrated: Vec<Vec<f64>> = scores
            .iter()
            .zip(&self.calibrators)
            .map(|(column, calibrator)| match calibrator {
                Some(c) => column.iter().map(|&p| c.predict(p)).collect(),
                None => column.clone(),
            })
            .collect();
        let rows = scores.first().map_or(0, Vec::len);
        for r in 0..rows {
            let total: f64 = calibrated.iter().map(|c| c[r]).sum();
            for column in calibrated.iter_mut() {
                column[r] = if total != 0.0 {
                    column[r] / total
                } else {
                    1.0 / k as f64
                };
            }
        }
        calibrated
    }
}

/// A chunk's rows with targets: true and predicted classes, and each class's scores.
pub(crate) type Labelled = (Vec<usize>, Vec<usize>, Vec<Vec<f64>>);

/// One chunk's outputs, gathered in timestamp order.
pub(crate) struct Gathered {
    pub(crate) scores: Vec<Vec<f64>>,
    pub(crate) y_pred: Vec<usize>,
    pub(crate) y_true: Option<Vec<f64>>,
}

impl Gathered {
    /// The rows whose targets have arrived: (targets, labels, scores); `None` without targets.
    pub(crate) fn labelled(&self) -> Option<Labelled> {
        let t = self.y_true.as_ref()?;
        let known: Vec<usize> = (0..t.len()).filter(|&i| !t[i].is_nan()).collect();
        Some((
            known.iter().map(|&i| t[i] as usize).collect(),
            known.iter().map(|&i| self.y_pred[i]).collect(),
            self.scores
                .iter()
                .map(|column| known.iter().map(|&i| column[i]).collect())
                .collect(),
        ))
    }
}

pub(crate) fn gather(plan: &ChunkPlan, data: MulticlassOutputs<'_>) -> Vec<Gathered> {
    plan.chunks
        .par_iter()
        .map(|chunk| {
            let rows: Vec<usize> = chunk.rows().map(|p| plan.row(p)).collect();
            let pick = |v: &[f64]| rows.iter().map(|&i| v[i]).collect::<Vec<f64>>();
            Gathered {
                scores: data.y_pred_proba.iter().map(|c| pick(c)).collect(),
                y_pred: rows.iter().map(|&i| data.y_pred[i] as usize).collect(),
                y_true: data.y_true.map(pick),
            }
        })
        .collect()
}
