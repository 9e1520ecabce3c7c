//! Data reconstruction drift (NannyML's `DataReconstructionDriftCalculator`): fit a PCA on the
//! standardized reference, keep the components that explain a share of its variance, and
//! watch how far each chunk's rows lie from their reconstruction. Drift in the joint
//! distribution (a correlation that breaks while every marginal stays put) raises the error
//! even where no single column moves.

use linfa_linalg::eigh::Eigh;
use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2, s};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::encode::{BLOCK, Bound, ContinuousImputer, Encoder};
use crate::drift::chunked::{
    CalendarPeriod, ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod, Incomplete,
    MetricCell, WarningBounds, split_chunks,
};
use crate::drift::{Column, DriftError};
use crate::limits::check_count;

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
    /// A warning band (none by default), set from the reference chunks as `threshold` is;
    /// a chunk outside it but inside the thresholds has `severity: "warning"`.
    pub warning_threshold: Option<ChunkThreshold>,
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
            warning_threshold: None,
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
    #[serde(default)]
    warning: WarningBounds,
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
        if let Some(t) = &options.warning_threshold {
            t.validate()?;
        }
        let chunking = Chunking::from_arguments(
            options.chunk_size,
            options.chunk_number,
            options.chunk_period,
            options.incomplete,
        )?;
        let mut encoder = Encoder::fit(columns, options.imputer_continuous)?;
        let rows = encoder.bind(columns)?.rows;
        let dims = columns.len();
        if rows < 2 {
            return Err(DriftError::TooFew {
                argument: "reference rows",
                needed: 2,
                got: rows,
            });
        }
        // One pass over the centred, not yet scaled data X gives both the scales (its
        // diagonal) and the covariance of the standardized Z = X / s: (Z Zᵀ − n c cᵀ) / (n − 1)
        // with c the mean of Z, as scikit-learn's covariance PCA solver computes it.
        let (gram, sums) = gram(&encoder.bind(columns)?, dims);
        encoder.set_scales((0..dims).map(|j| gram[j * dims + j]), rows);
        let scales = &encoder.scales;
        let center: Vec<f64> = sums
            .iter()
            .zip(scales)
            .map(|(s, scale)| s / scale / rows as f64)
            .collect();
        let covariance = Array2::from_shape_fn((dims, dims), |(i, j)| {
            let z_gram = gram[i * dims + j] / (scales[i] * scales[j]);
            (z_gram - rows as f64 * center[i] * center[j]) / (rows - 1) as f64
        });
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
            encoder: encoder.clone(),
            chunking,
            center,
            components,
            explained_variance_ratio: ratio[..keep].to_vec(),
            thresholds: (None, None),
            warning: None,
            reference: Vec::new(),
        };
        let errors = fitted.errors_of(&encoder.bind(columns)?);
        let plan = split_chunks(rows, timestamps, fitted.chunking)?;
        let values = chunk_errors(&plan, &errors);
        let reference_values: Vec<Option<f64>> = values.iter().map(|v| v.0).collect();
        fitted.thresholds = options
            .threshold
            .bounds(&reference_values, Some(0.0), None)?;
        fitted.warning = options
            .warning_threshold
            .map(|t| t.bounds(&reference_values, Some(0.0), None))
            .transpose()?;
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

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> &[ReconstructionRow] {
        &self.reference
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// Checks `columns` as an analysis reads them (names, kinds, lengths).
    pub(crate) fn check_columns(&self, columns: &[Column<'_>]) -> Result<(), DriftError> {
        self.encoder.bind(columns).map(|_| ())
    }

    /// Each row's reconstruction error, in input order.
    pub fn row_errors(&self, columns: &[Column<'_>]) -> Result<Vec<f64>, DriftError> {
        let data = self.encoder.bind(columns)?;
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

    /// `‖z − c − Vᵀ V (z − c)‖` for each row `z` of the standardized data, as
    /// scikit-learn's transform then inverse transform, in blocks of rows that stay in cache
    /// (nothing the size of the data is allocated but the result); the inner loops run along
    /// the rows, so they vectorize.
    fn errors_of(&self, data: &Bound<'_>) -> Vec<f64> {
        let dims = self.center.len();
        let kept = self.components.len();
        let mut errors = vec![0.0; data.rows];
        errors.par_chunks_mut(BLOCK).enumerate().for_each_init(
            || (vec![0.0; dims * BLOCK], vec![0.0; kept * BLOCK]),
            |(residual, scores), (b, out)| {
                let width = out.len();
                data.block(b * BLOCK, width, residual);
                for (j, &c) in self.center.iter().enumerate() {
                    residual[j * BLOCK..j * BLOCK + width]
                        .iter_mut()
                        .for_each(|r| *r -= c);
                }
                for (k, component) in self.components.iter().enumerate() {
                    let score = &mut scores[k * BLOCK..k * BLOCK + width];
                    score.fill(0.0);
                    for (j, &v) in component.iter().enumerate() {
                        let r = &residual[j * BLOCK..j * BLOCK + width];
                        score.iter_mut().zip(r).for_each(|(s, &r)| *s += v * r);
                    }
                }
                out.fill(0.0);
                for j in 0..dims {
                    let r = &mut residual[j * BLOCK..j * BLOCK + width];
                    for (k, component) in self.components.iter().enumerate() {
                        let (v, score) = (component[j], &scores[k * BLOCK..k * BLOCK + width]);
                        r.iter_mut().zip(score).for_each(|(r, &s)| *r -= v * s);
                    }
                    out.iter_mut().zip(r.iter()).for_each(|(e, &r)| *e += r * r);
                }
                out.iter_mut().for_each(|e| *e = e.sqrt());
            },
        );
        errors
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
                    self.warning,
                ),
            })
            .collect()
    }
}

/// `Z Zᵀ` (row-major, `dims × dims`) and the column sums of the standardized data `Z`:
/// blocks of rows in parallel, each block's product by matrixmultiply's kernels (which pick
/// AVX and FMA at run time) on data in cache.
fn gram(data: &Bound<'_>, dims: usize) -> (Vec<f64>, Vec<f64>) {
    // A fixed number of groups of blocks (set by the row count alone), each summed in order,
    // then the groups in order: the same sums in the same order whatever the threads do (a
    // work-stealing reduction would not be), and enough groups to keep every core busy.
    const GROUPS: usize = 32;
    let blocks = data.rows.div_ceil(BLOCK);
    let group = blocks.div_ceil(GROUPS);
    let partials: Vec<(Array2<f64>, Vec<f64>)> = (0..blocks.div_ceil(group))
        .into_par_iter()
        .map(|g| {
            let mut gram = Array2::zeros((dims, dims));
            let mut sums = vec![0.0; dims];
            let mut block = vec![0.0; dims * BLOCK];
            for b in g * group..((g + 1) * group).min(blocks) {
                let width = BLOCK.min(data.rows - b * BLOCK);
                data.block(b * BLOCK, width, &mut block);
                let x = block_view(&block, dims, width);
                general_mat_mul(1.0, &x, &x.t(), 1.0, &mut gram);
                for (s, feature) in sums.iter_mut().zip(x.rows()) {
                    *s += feature.sum();
                }
            }
            (gram, sums)
        })
        .collect();
    let mut gram = Array2::zeros((dims, dims));
    let mut sums = vec![0.0; dims];
    for (g, s) in partials {
        gram += &g;
        sums.iter_mut().zip(s).for_each(|(a, b)| *a += b);
    }
    (gram.into_raw_vec_and_offset().0, sums)
}

/// Rows `0..width` of a `dims × BLOCK` block buffer.
fn block_view(block: &[f64], dims: usize, width: usize) -> ArrayView2<'_, f64> {
    ArrayView2::from_shape((dims, BLOCK), block)
        .expect("a block holds dims × BLOCK values")
        .slice_move(s![.., ..width])
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
