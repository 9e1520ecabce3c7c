//! Data reconstruction drift (NannyML's `DataReconstructionDriftCalculator`): fit a PCA on the
//! standardized reference, keep the components that explain a share of its variance, and
//! watch how far each chunk's rows lie from their reconstruction. Drift in the joint
//! distribution (a correlation that breaks while every marginal stays put) raises the error
//! even where no single column moves.

use linfa_linalg::eigh::Eigh;
use ndarray::{Array2, Axis};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::encode::{ContinuousImputer, Encoder};
use crate::drift::chunked::{
    CalendarPeriod, ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod, Incomplete,
    MetricCell, split_chunks,
};
use crate::drift::{Column, DriftError};
use crate::limits::{MAX_WINDOW, check_count};

/// How many principal components to keep.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Components {
    /// Exactly this many (an integer, as scikit-learn's `n_components=3`).
    Count(u64),
    /// As few as explain more than this share of the variance (a float in (0, 1)).
    Share(f64),
}

/// Options of [`ReconstructionDrift::fit`], named as NannyML names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ReconstructionOptions {
    /// Components kept (default: explaining 65 % of the variance).
    pub n_components: Components,
    /// Rows per chunk.
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub chunk_size: Option<u64>,
    /// Number of chunks.
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub chunk_number: Option<u64>,
    /// Calendar period per chunk (needs timestamps).
    pub chunk_period: Option<CalendarPeriod>,
    /// The rows left after the last full chunk.
    pub incomplete: Incomplete,
    /// Alert thresholds (default: reference mean ± 3 standard deviations).
    pub threshold: ChunkThreshold,
    /// How missing continuous values are filled.
    pub imputer_continuous: ContinuousImputer,
}

impl Default for ReconstructionOptions {
    fn default() -> Self {
        ReconstructionOptions {
            n_components: Components::Share(0.65),
            chunk_size: None,
            chunk_number: None,
            chunk_period: None,
            incomplete: Incomplete::Keep,
            threshold: ChunkThreshold::default(),
            imputer_continuous: ContinuousImputer::Mean,
        }
    }
}

/// One chunk of a [`ReconstructionDrift`] result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ReconstructionRow {
    /// The chunk.
    pub chunk: ChunkInfo,
    /// Mean reconstruction error of its rows, its sampling error, thresholds and alert.
    pub reconstruction_error: MetricCell,
}

/// A fitted data reconstruction drift calculator: serializable (JSON), immutable, safe to
/// share between threads.
///
/// ```
/// use edgekit::drift::{Column, ColumnValues, ReconstructionDrift, ReconstructionOptions};
///
/// // Two columns that move together in the reference ...
/// let x: Vec<f64> = (0..400).map(|i| ((i * 37) % 101) as f64).collect();
/// let y: Vec<f64> = x.iter().enumerate().map(|(i, v)| v + (i % 7) as f64).collect();
/// let columns = |x: &'static [f64], y: &'static [f64]| vec![
///     Column { name: "x", values: ColumnValues::Numbers(x), categorical: false },
///     Column { name: "y", values: ColumnValues::Numbers(y), categorical: false },
/// ];
/// let (x, y): (&'static [f64], &'static [f64]) = (x.leak(), y.leak());
/// let options = ReconstructionOptions { chunk_size: Some(100), ..Default::default() };
/// let fitted = ReconstructionDrift::fit(&columns(x, y), None, &options)?;
/// // ... and apart in production: same marginals, broken correlation.
/// let y_shuffled: Vec<f64> = (0..400).map(|i| y[(i * 113) % 400]).collect();
/// let rows = fitted.calculate(&columns(x, y_shuffled.leak()), None)?;
/// assert!(rows.iter().filter(|r| r.chunk.period == edgekit::drift::DataPeriod::Analysis)
///     .all(|r| r.reconstruction_error.alert));
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReconstructionDrift {
    encoder: Encoder,
    chunking: Chunking,
    /// Mean of the standardized reference (PCA's centring).
    center: Vec<f64>,
    /// Kept components, one row each, by decreasing variance.
    components: Vec<Vec<f64>>,
    explained_variance_ratio: Vec<f64>,
    thresholds: (Option<f64>, Option<f64>),
    reference: Vec<ReconstructionRow>,
}

impl ReconstructionDrift {
    /// Fits on the reference `columns` (with their timestamps in ns since the epoch, if the
    /// chunking or the result's dates need them) and computes the reference chunks, whose
    /// values set the thresholds.
    pub fn fit(
        columns: &[Column<'_>],
        timestamps: Option<&[i64]>,
        options: &ReconstructionOptions,
    ) -> Result<Self, DriftError> {
        options.threshold.validate()?;
        let chunking = Chunking::from_arguments(
            options.chunk_size,
            options.chunk_number,
            options.chunk_period,
            options.incomplete,
        )?;
        let (encoder, data) = Encoder::fit(columns, options.imputer_continuous)?;
        let (rows, dims) = data.dim();
        if rows < 2 {
            return Err(DriftError::TooFew {
                argument: "reference rows",
                needed: 2,
                got: rows,
            });
        }
        let center = data.mean_axis(Axis(0)).expect("rows > 0");
        let centered = &data - &center;
        let covariance = centered.t().dot(&centered) / (rows - 1) as f64;
        let (values, vectors) = covariance
            .eigh()
            .map_err(|e| DriftError::Undefined(format!("PCA did not converge: {e}")))?;
        let mut order: Vec<usize> = (0..dims).collect();
        order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
        let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
        if total <= 0.0 {
            return Err(DriftError::Undefined(
                "every reference column is constant; PCA has no variance to explain".into(),
            ));
        }
        let ratio: Vec<f64> = order.iter().map(|&i| values[i].max(0.0) / total).collect();
        let keep = match options.n_components {
            Components::Count(k) => check_count("n_components", k, 1, dims.min(rows) as u64)?,
            Components::Share(share) => {
                if !(share > 0.0 && share < 1.0) {
                    return Err(DriftError::OutOfRange {
                        argument: "n_components",
                        value: share,
                        range: "(0, 1) as a share, or a whole number of components",
                    });
                }
                let mut cumulative = 0.0;
                let below = ratio
                    .iter()
                    .take_while(|&&r| {
                        cumulative += r;
                        cumulative <= share
                    })
                    .count();
                (below + 1).min(dims)
            }
        };
        let components = order[..keep]
            .iter()
            .map(|&i| vectors.column(i).to_vec())
            .collect();
        let mut fitted = ReconstructionDrift {
            encoder,
            chunking,
            center: center.to_vec(),
            components,
            explained_variance_ratio: ratio[..keep].to_vec(),
            thresholds: (None, None),
            reference: Vec::new(),
        };
        let errors = fitted.errors_of(&data);
        let plan = split_chunks(rows, timestamps, fitted.chunking)?;
        let values = chunk_errors(&plan, &errors);
        let reference_values: Vec<Option<f64>> = values.iter().map(|v| v.0).collect();
        fitted.thresholds = options
            .threshold
            .bounds(&reference_values, Some(0.0), None)?;
        fitted.reference = fitted.rows(&plan, &values, DataPeriod::Reference);
        Ok(fitted)
    }

    /// The reference chunks followed by the chunks of `columns` (NannyML's result: both
    /// periods in one table).
    pub fn calculate(
        &self,
        columns: &[Column<'_>],
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<ReconstructionRow>, DriftError> {
        let errors = self.row_errors(columns)?;
        let plan = split_chunks(errors.len(), timestamps, self.chunking)?;
        let values = chunk_errors(&plan, &errors);
        let mut rows = self.reference.clone();
        rows.extend(self.rows(&plan, &values, DataPeriod::Analysis));
        Ok(rows)
    }

    /// Each row's reconstruction error, in input order.
    pub fn row_errors(&self, columns: &[Column<'_>]) -> Result<Vec<f64>, DriftError> {
        let data = self.encoder.transform(columns)?;
        check_count("rows", data.nrows() as u64, 1, MAX_WINDOW * 10)?;
        Ok(self.errors_of(&data))
    }

    /// A calculator saved with `serde_json::to_string`, checked for consistency (a state
    /// edited by hand or saved by another version is refused, never used half-valid).
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text)
            .map_err(|e| DriftError::Undefined(format!("not a saved calculator: {e}")))?;
        let dims = fitted.encoder.columns.len();
        let consistent = dims > 0
            && fitted.center.len() == dims
            && fitted.encoder.means.len() == dims
            && fitted.encoder.scales.len() == dims
            && !fitted.components.is_empty()
            && fitted.components.len() == fitted.explained_variance_ratio.len()
            && fitted.components.iter().all(|c| c.len() == dims)
            && fitted.encoder.is_consistent()
            && fitted
                .center
                .iter()
                .chain(fitted.components.iter().flatten())
                .all(|v| v.is_finite());
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved calculator: its parts do not fit together".into(),
            ));
        }
        Ok(fitted)
    }

    /// The calculator as JSON, for [`ReconstructionDrift::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    /// Share of the reference variance each kept component explains.
    pub fn explained_variance_ratio(&self) -> &[f64] {
        &self.explained_variance_ratio
    }

    /// The fitted (lower, upper) thresholds.
    pub fn thresholds(&self) -> (Option<f64>, Option<f64>) {
        self.thresholds
    }

    /// The column names, in the order they were fitted.
    pub fn column_names(&self) -> Vec<&str> {
        self.encoder.columns.iter().map(|c| c.name()).collect()
    }

    fn errors_of(&self, data: &Array2<f64>) -> Vec<f64> {
        let dims = self.center.len();
        let mut errors = vec![0.0; data.nrows()];
        let values = data.as_slice().expect("standard layout");
        errors
            .par_chunks_mut(4096)
            .zip(values.par_chunks(4096 * dims))
            .for_each(|(out, block)| {
                let (mut centered, mut residual) = (vec![0.0; dims], vec![0.0; dims]);
                for (e, row) in out.iter_mut().zip(block.chunks_exact(dims)) {
                    *e = self.error_of(row, &mut centered, &mut residual);
                }
            });
        errors
    }

    /// `‖x − c − Vᵀ V (x − c)‖`, computed as scikit-learn's transform then inverse transform.
    fn error_of(&self, row: &[f64], centered: &mut [f64], residual: &mut [f64]) -> f64 {
        for (((d, r), &x), &c) in centered
            .iter_mut()
            .zip(residual.iter_mut())
            .zip(row)
            .zip(&self.center)
        {
            *d = x - c;
            *r = x - c;
        }
        for component in &self.components {
            let score: f64 = component
                .iter()
                .zip(centered.iter())
                .map(|(v, x)| v * x)
                .sum();
            for (r, v) in residual.iter_mut().zip(component) {
                *r -= score * v;
            }
        }
        residual.iter().map(|r| r * r).sum::<f64>().sqrt()
    }

    fn rows(
        &self,
        plan: &ChunkPlan,
        values: &[(Option<f64>, Option<f64>)],
        period: DataPeriod,
    ) -> Vec<ReconstructionRow> {
        plan.chunks
            .iter()
            .zip(values)
            .map(|(chunk, &(value, error))| ReconstructionRow {
                chunk: ChunkInfo::new(chunk, period),
                reconstruction_error: MetricCell::new(
                    value,
                    error,
                    (Some(0.0), None),
                    self.thresholds,
                ),
            })
            .collect()
    }
}

/// (mean, standard error of the mean) of the row errors in each chunk; the standard error is
/// undefined for a one-row chunk.
fn chunk_errors(plan: &ChunkPlan, errors: &[f64]) -> Vec<(Option<f64>, Option<f64>)> {
    plan.chunks
        .iter()
        .map(|chunk| {
            let n = chunk.len() as f64;
            let mean = chunk.rows().map(|p| errors[plan.row(p)]).sum::<f64>() / n;
            let spread = chunk
                .rows()
                .map(|p| (errors[plan.row(p)] - mean).powi(2))
                .sum::<f64>();
            let standard_error = (chunk.len() > 1).then(|| (spread / (n - 1.0)).sqrt() / n.sqrt());
            (Some(mean), standard_error)
        })
        .collect()
}
