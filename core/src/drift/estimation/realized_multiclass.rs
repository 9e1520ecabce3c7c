//! Realized performance per chunk for multiclass classifiers (NannyML's
//! `PerformanceCalculator` with `problem_type="classification_multiclass"`): the macro metrics
//! and the confusion matrix from the targets that have arrived, each with its sampling error,
//! thresholds from the reference chunks and an alert.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::binary::ClassificationMetric;
use super::cbpe_multiclass::{Gathered, Groups, gather, realized_columns};
use super::columns::{self, Column, ColumnErrors};
use super::confusion::ConfusionNormalization;
use super::multiclass::{self, MulticlassOutputs};
use super::realized::{RealizedCell, RealizedOptions, RealizedRow, StoredRow};
use super::shared::Bounds;
use crate::drift::DriftError;
use crate::drift::chunked::WarningBounds;
use crate::drift::chunked::{ChunkInfo, ChunkPlan, Chunking, DataPeriod, split_chunks};

/// A fitted multiclass realized-performance calculator: serializable, immutable, shared
/// freely between threads.
///
/// ```
/// use edgekit::drift::{ClassificationMetric, MulticlassOutputs, MulticlassPerformance, RealizedOptions};
///
/// let classes = ["a".to_string(), "b".to_string(), "c".to_string()];
/// let y_true: Vec<f64> = (0..300).map(|i| f64::from(i % 3)).collect();
/// let y_pred: Vec<f64> = (0..300).map(|i| f64::from(i % 3 * (i % 5).min(1))).collect();
/// let proba: Vec<Vec<f64>> = (0..3).map(|c| y_pred.iter().map(|&p| if p == f64::from(c) { 0.8 } else { 0.1 }).collect()).collect();
/// let columns: Vec<&[f64]> = proba.iter().map(Vec::as_slice).collect();
/// let outputs = MulticlassOutputs { classes: &classes, y_pred_proba: &columns, y_pred: &y_pred, y_true: Some(&y_true) };
/// let options = RealizedOptions { metrics: vec![ClassificationMetric::Accuracy, ClassificationMetric::ConfusionMatrix], chunk_number: Some(3), ..Default::default() };
/// let fitted = MulticlassPerformance::fit(outputs, None, &options)?;
/// let rows = fitted.calculate(outputs, None)?;
/// assert_eq!(rows[0].confusion_matrix.len(), 9);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MulticlassPerformance {
    classes: Vec<String>,
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

impl MulticlassPerformance {
    /// Fits on the reference outputs (targets required).
    pub fn fit(
        reference: MulticlassOutputs<'_>,
        timestamps: Option<&[i64]>,
        options: &RealizedOptions,
    ) -> Result<Self, DriftError> {
        let n = reference.check(true)?;
        let chunking = options.check()?;
        let normalization = options.normalize_confusion_matrix;
        let Groups {
            columns,
            errors,
            thresholds,
            warnings,
            plan,
            chunks,
            ..
        } = Groups::fit(
            reference,
            n,
            timestamps,
            chunking,
            (&options.metrics, normalization),
            (&options.thresholds, &options.warning_thresholds),
        )?;
        let mut fitted = MulticlassPerformance {
            classes: reference.classes.to_vec(),
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
    /// target not yet arrived). `data.classes` must be the fitted classes.
    pub fn calculate(
        &self,
        data: MulticlassOutputs<'_>,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<RealizedRow>, DriftError> {
        if data.y_true.is_none() {
            return Err(DriftError::Undefined(
                "realized performance needs targets (y_true)".into(),
            ));
        }
        let n = data.check(false)?;
        if data.classes != self.classes.as_slice() {
            return Err(DriftError::Undefined(format!(
                "the data's classes {:?} are not the fitted classes {:?}",
                data.classes, self.classes
            )));
        }
        let plan = split_chunks(n, timestamps, self.chunking)?;
        let chunks = gather(&plan, data);
        let analysed = self.rows(&plan, &chunks, DataPeriod::Analysis);
        Ok(self
            .reference
            .iter()
            .chain(&analysed)
            .map(|r| r.restore_columns(&self.columns, &self.classes))
            .collect())
    }

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> Vec<RealizedRow> {
        self.reference
            .iter()
            .map(|r| r.restore_columns(&self.columns, &self.classes))
            .collect()
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// A row as a monitor saves it.
    pub(crate) fn store_row(&self, row: &RealizedRow) -> serde_json::Value {
        super::saved_rows::store_realized(&self.columns, row)
    }

    /// A row saved by [`MulticlassPerformance::store_row`], checked against the groups.
    pub(crate) fn restore_row(&self, saved: serde_json::Value) -> Result<RealizedRow, DriftError> {
        super::saved_rows::restore_realized(&self.columns, &self.classes, saved)
    }

    /// The class names, in the order of the probability columns.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// A saved calculator, checked for consistency before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text).map_err(|e| {
            DriftError::Undefined(format!(
                "not a saved multiclass performance calculator: {e}"
            ))
        })?;
        let k = fitted.classes.len();
        let g = fitted.columns.len();
        let consistent = (2..=multiclass::MAX_CLASSES).contains(&k)
            && !fitted.metrics.is_empty()
            && fitted.columns == columns::expand(&fitted.metrics, k)
            && fitted.errors.len() == g
            && fitted.thresholds.len() == g
            && fitted.reference.iter().all(|r| r.width() == g);
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved multiclass performance calculator: its parts do not fit together"
                    .into(),
            ));
        }
        Ok(fitted)
    }

    /// The calculator as JSON, for [`MulticlassPerformance::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    fn rows(&self, plan: &ChunkPlan, chunks: &[Gathered], period: DataPeriod) -> Vec<StoredRow> {
        let k = self.classes.len();
        plan.chunks
            .par_iter()
            .zip(chunks)
            .map(|(chunk, data)| {
                let (t, p, s) = data.labelled().expect("targets are required");
                let values = realized_columns(&self.columns, k, self.normalization, (&t, &p, &s));
                let cells = values
                    .into_iter()
                    .enumerate()
                    .map(|(g, value)| {
                        RealizedCell::new(
                            value,
                            self.errors[g].at(t.len()),
                            self.thresholds[g],
                            self.warnings.get(g).copied().flatten(),
                        )
                    })
                    .collect();
                let missing = chunk.len() - t.len();
                StoredRow::new(
                    ChunkInfo::new(chunk, period),
                    missing as f64 / chunk.len() as f64,
                    cells,
                )
            })
            .collect()
    }
}
