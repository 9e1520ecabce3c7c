//! Domain classifier drift (NannyML's `DomainClassifierCalculator`): per chunk, a classifier
//! (boosted trees, NannyML's LightGBM defaults) learns to tell the chunk's rows from the
//! reference's, and its cross-validated ROC AUC is the drift score — 0.5 where the two cannot
//! be told apart, towards 1 where the joint distribution moved. Folds are scikit-learn's
//! `StratifiedKFold` without shuffling, as NannyML uses it.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::drift::boosting::{
    BoostingOptions, FeatureEncoder, GradientBoosting, Objective, Unseen,
};
use crate::drift::chunked::{
    CalendarPeriod, ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod, Incomplete,
    MetricCell, WarningBounds, split_chunks,
};
use crate::drift::estimation::mann_whitney_auc;
use crate::drift::{Column, DriftError};
use crate::limits::check_count;

/// Most cross-validation folds.
pub const MAX_FOLDS: u64 = 100;

fn default_folds() -> u64 {
    5
}

fn default_threshold() -> ChunkThreshold {
    ChunkThreshold::Constant {
        lower: Some(0.45),
        upper: Some(0.65),
    }
}

/// Options of [`DomainClassifier::fit`], named as NannyML names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DomainClassifierOptions {
    /// Rows per chunk.
    pub chunk_size: Option<u64>,
    /// Number of chunks.
    pub chunk_number: Option<u64>,
    /// Calendar period per chunk (needs timestamps).
    pub chunk_period: Option<CalendarPeriod>,
    /// The rows left after the last full chunk.
    pub incomplete: Incomplete,
    /// Cross-validation folds (default 5).
    #[serde(default = "default_folds")]
    pub cv_folds_num: u64,
    /// The classifier's hyperparameters (LightGBM's names and defaults).
    pub hyperparameters: BoostingOptions,
    /// Alert thresholds (default: constant, 0.45 and 0.65).
    #[serde(default = "default_threshold")]
    pub threshold: ChunkThreshold,
    /// A warning band (none by default).
    pub warning_threshold: Option<ChunkThreshold>,
}

impl Default for DomainClassifierOptions {
    fn default() -> Self {
        DomainClassifierOptions {
            chunk_size: None,
            chunk_number: None,
            chunk_period: None,
            incomplete: Incomplete::Keep,
            cv_folds_num: default_folds(),
            hyperparameters: BoostingOptions::default(),
            threshold: default_threshold(),
            warning_threshold: None,
        }
    }
}

impl DomainClassifierOptions {
    /// Checks every option before any data is read; returns the chunking and the folds.
    pub fn check(&self) -> Result<(Chunking, usize), DriftError> {
        self.threshold.validate()?;
        if let Some(t) = &self.warning_threshold {
            t.validate()?;
        }
        self.hyperparameters.validate()?;
        let folds = check_count("cv_folds_num", self.cv_folds_num, 2, MAX_FOLDS)?;
        let chunking = Chunking::from_arguments(
            self.chunk_size,
            self.chunk_number,
            self.chunk_period,
            self.incomplete,
        )?;
        Ok((chunking, folds))
    }
}

/// One chunk of a [`DomainClassifier`] result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct DomainClassifierRow {
    /// The chunk.
    pub chunk: ChunkInfo,
    /// The cross-validated ROC AUC of telling the chunk from the reference, thresholds and
    /// alert (no sampling error: NannyML reports none).
    pub domain_classifier_auroc: MetricCell,
}

/// A fitted domain classifier calculator: it keeps the encoded reference (each chunk's
/// classifier trains on it), so saved state grows with the reference. Immutable, shared
/// freely between threads.
///
/// ```
/// use edgekit::drift::{Column, ColumnValues, DataPeriod, DomainClassifier, DomainClassifierOptions};
///
/// // Two columns that move together in the reference; production breaks the link.
/// let x: Vec<f64> = (0..600).map(|i| ((i * 37) % 101) as f64).collect();
/// let y: Vec<f64> = x.iter().enumerate().map(|(i, v)| v + (i % 5) as f64).collect();
/// let shuffled: Vec<f64> = (0..300).map(|i| y[(i * 113) % 600]).collect();
/// let column = |name, values| Column { name, values: ColumnValues::Numbers(values), categorical: false };
/// let options = DomainClassifierOptions { chunk_size: Some(300), ..Default::default() };
/// let fitted = DomainClassifier::fit(&[column("x", &x), column("y", &y)], None, &options)?;
/// let rows = fitted.calculate(&[column("x", &x[..300]), column("y", &shuffled)], None)?;
/// let production = rows.iter().find(|r| r.chunk.period == DataPeriod::Analysis).unwrap();
/// assert!(production.domain_classifier_auroc.value.unwrap() > 0.9);
/// assert!(production.domain_classifier_auroc.alert);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainClassifier {
    chunking: Chunking,
    folds: usize,
    hyperparameters: BoostingOptions,
    encoder: FeatureEncoder,
    /// The encoded reference, one vector per feature, rows in chunk (timestamp) order; missing
    /// values (NaN) are saved as `null`.
    #[serde(deserialize_with = "nan_for_null")]
    reference_data: Vec<Vec<f64>>,
    thresholds: (Option<f64>, Option<f64>),
    warning: WarningBounds,
    reference: Vec<DomainClassifierRow>,
}

/// Reads columns whose missing values JSON holds as `null` (serde_json writes NaN so).
fn nan_for_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Vec<f64>>, D::Error> {
    let columns: Vec<Vec<Option<f64>>> = Deserialize::deserialize(d)?;
    Ok(columns
        .into_iter()
        .map(|c| c.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
        .collect())
}

fn borrowed(columns: &[Vec<f64>]) -> Vec<&[f64]> {
    columns.iter().map(Vec::as_slice).collect()
}

/// Categorical features first, then continuous ones (NannyML's column order).
fn ordered<'a>(columns: &[Column<'a>]) -> Vec<Column<'a>> {
    let categorical =
        |c: &Column<'_>| c.categorical || matches!(c.values, crate::drift::ColumnValues::Labels(_));
    let mut out: Vec<Column<'a>> = columns.iter().filter(|c| categorical(c)).copied().collect();
    out.extend(columns.iter().filter(|c| !categorical(c)).copied());
    out
}

/// The fold of each row under scikit-learn's `StratifiedKFold(k)` without shuffling: each
/// class's rows, in data order, fill fold 0 first, then fold 1, ..., each fold taking as many
/// of the class as the class's share of every k-th position of the sorted labels.
pub(crate) fn stratified_folds(labels: &[bool], k: usize) -> Vec<usize> {
    let negatives = labels.iter().filter(|&&l| !l).count();
    // Positions p in [0, end) with p ≡ fold (mod k).
    let below = |end: usize, fold: usize| {
        if end > fold {
            (end - fold - 1) / k + 1
        } else {
            0
        }
    };
    let share = |fold: usize, class: bool| {
        let (start, end) = if class {
            (negatives, labels.len())
        } else {
            (0, negatives)
        };
        below(end, fold) - below(start, fold)
    };
    let mut folds = vec![0; labels.len()];
    for class in [false, true] {
        let (mut fold, mut taken) = (0, 0);
        for (i, _) in labels.iter().enumerate().filter(|&(_, &l)| l == class) {
            while fold + 1 < k && taken == share(fold, class) {
                fold += 1;
                taken = 0;
            }
            folds[i] = fold;
            taken += 1;
        }
    }
    folds
}

impl DomainClassifier {
    /// Fits on the reference `columns` (with their timestamps in ns since the epoch, if the
    /// chunking needs them) and scores each reference chunk against the rest of the reference.
    pub fn fit(
        columns: &[Column<'_>],
        timestamps: Option<&[i64]>,
        options: &DomainClassifierOptions,
    ) -> Result<Self, DriftError> {
        let (chunking, folds) = options.check()?;
        let columns = ordered(columns);
        let encoder = FeatureEncoder::fit(&columns)?;
        let (encoded, rows) = encoder.encode_with(&columns, Unseen::Extend)?;
        let plan = split_chunks(rows, timestamps, chunking)?;
        let order: Vec<usize> = (0..rows).map(|p| plan.row(p)).collect();
        let reference_data: Vec<Vec<f64>> = encoded
            .iter()
            .map(|c| order.iter().map(|&i| c[i]).collect())
            .collect();
        let mut fitted = DomainClassifier {
            chunking,
            folds,
            hyperparameters: options.hyperparameters.clone(),
            encoder,
            reference_data,
            thresholds: (None, None),
            warning: None,
            reference: Vec::new(),
        };
        let values: Vec<Option<f64>> = plan
            .chunks
            .par_iter()
            .map(|chunk| {
                let mut labels = vec![false; rows];
                chunk.rows().for_each(|p| labels[p] = true);
                fitted.auroc(&fitted.reference_data, &labels)
            })
            .collect::<Result<_, _>>()?;
        fitted.thresholds = options.threshold.bounds(&values, Some(0.0), Some(1.0))?;
        fitted.warning = options
            .warning_threshold
            .map(|t| t.bounds(&values, Some(0.0), Some(1.0)))
            .transpose()?;
        fitted.reference = fitted.rows(&plan, &values, DataPeriod::Reference);
        Ok(fitted)
    }

    /// The reference chunks followed by the chunks of `columns`.
    pub fn calculate(
        &self,
        columns: &[Column<'_>],
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<DomainClassifierRow>, DriftError> {
        let (encoded, rows) = self.encoder.encode_with(columns, Unseen::Extend)?;
        let plan = split_chunks(rows, timestamps, self.chunking)?;
        let reference_rows = self.reference_data.first().map_or(0, Vec::len);
        let values: Vec<Option<f64>> = plan
            .chunks
            .par_iter()
            .map(|chunk| {
                let data: Vec<Vec<f64>> = self
                    .reference_data
                    .iter()
                    .zip(&encoded)
                    .map(|(reference, current)| {
                        let mut column = reference.clone();
                        column.extend(chunk.rows().map(|p| current[plan.row(p)]));
                        column
                    })
                    .collect();
                let mut labels = vec![false; reference_rows];
                labels.resize(reference_rows + chunk.len(), true);
                self.auroc(&data, &labels)
            })
            .collect::<Result<_, _>>()?;
        let mut out = self.reference.clone();
        out.extend(self.rows(&plan, &values, DataPeriod::Analysis));
        Ok(out)
    }

    /// The cross-validated ROC AUC of telling `labels` true rows from the others.
    fn auroc(&self, data: &[Vec<f64>], labels: &[bool]) -> Result<Option<f64>, DriftError> {
        if labels.iter().all(|&l| l == labels[0]) {
            return Ok(Some(0.5));
        }
        let folds = stratified_folds(labels, self.folds);
        let categorical = self.encoder.categorical();
        let target: Vec<f64> = labels.iter().map(|&l| f64::from(u8::from(l))).collect();
        let mut scores = vec![0.0; labels.len()];
        for fold in 0..self.folds {
            let train: Vec<usize> = (0..labels.len()).filter(|&i| folds[i] != fold).collect();
            let test: Vec<usize> = (0..labels.len()).filter(|&i| folds[i] == fold).collect();
            if test.is_empty() || train.is_empty() {
                continue;
            }
            let pick = |column: &[f64], rows: &[usize]| -> Vec<f64> {
                rows.iter().map(|&i| column[i]).collect()
            };
            let train_columns: Vec<Vec<f64>> = data.iter().map(|c| pick(c, &train)).collect();
            let test_columns: Vec<Vec<f64>> = data.iter().map(|c| pick(c, &test)).collect();
            let model = GradientBoosting::fit(
                &borrowed(&train_columns),
                &categorical,
                &pick(&target, &train),
                Objective::Binary,
                &self.hyperparameters,
            )?;
            for (&row, p) in test.iter().zip(model.predict(&borrowed(&test_columns))) {
                scores[row] = p;
            }
        }
        let auc = mann_whitney_auc(&target, &scores);
        Ok(auc.is_finite().then_some(auc))
    }

    fn rows(
        &self,
        plan: &ChunkPlan,
        values: &[Option<f64>],
        period: DataPeriod,
    ) -> Vec<DomainClassifierRow> {
        plan.chunks
            .iter()
            .zip(values)
            .map(|(chunk, &value)| DomainClassifierRow {
                chunk: ChunkInfo::new(chunk, period),
                domain_classifier_auroc: MetricCell::new(
                    value,
                    None,
                    (Some(0.0), Some(1.0)),
                    self.thresholds,
                    self.warning,
                ),
            })
            .collect()
    }

    /// The fitted (lower, upper) thresholds.
    pub fn thresholds(&self) -> (Option<f64>, Option<f64>) {
        self.thresholds
    }

    /// The feature names, categorical ones first (the classifier's column order).
    pub fn feature_names(&self) -> Vec<&str> {
        self.encoder.columns.iter().map(|c| c.name()).collect()
    }

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> &[DomainClassifierRow] {
        &self.reference
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// Checks columns as an analysis reads them.
    pub(crate) fn check_columns(&self, columns: &[Column<'_>]) -> Result<(), DriftError> {
        self.encoder
            .encode_with(columns, Unseen::Extend)
            .map(|_| ())
    }

    /// A saved calculator, checked for consistency before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text).map_err(|e| {
            DriftError::Undefined(format!("not a saved domain classifier calculator: {e}"))
        })?;
        let rows = fitted.reference_data.first().map_or(0, Vec::len);
        let consistent = !fitted.encoder.columns.is_empty()
            && fitted.encoder.is_consistent()
            && fitted.reference_data.len() == fitted.encoder.columns.len()
            && fitted.reference_data.iter().all(|c| c.len() == rows)
            && rows > 0
            && (2..=MAX_FOLDS as usize).contains(&fitted.folds)
            && fitted.hyperparameters.validate().is_ok();
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved domain classifier calculator: its parts do not fit together".into(),
            ));
        }
        Ok(fitted)
    }

    /// The calculator as JSON, for [`DomainClassifier::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_follow_scikit_learns_stratified_k_fold() {
        // The test fold of each row from scikit-learn 1.9's StratifiedKFold(5).split.
        let labels = [
            false, true, false, false, true, false, false, true, false, false,
        ];
        assert_eq!(
            stratified_folds(&labels, 5),
            vec![0, 2, 0, 1, 3, 1, 2, 4, 3, 4]
        );
        let labels: Vec<bool> = (0..17).map(|i| i >= 13).collect();
        assert_eq!(
            stratified_folds(&labels, 5),
            vec![0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 0, 1, 3, 4]
        );
    }
}
