//! Multivariate drift: drift in the joint distribution of several columns, which per-column
//! tests miss. Data reconstruction error follows NannyML's `DataReconstructionDriftCalculator`
//! (imputation, count encoding, standardization, PCA keeping a share of the variance); the
//! kernel two-sample test follows alibi-detect's `MMDDrift`; the domain classifier follows
//! NannyML's `DomainClassifierCalculator` (cross-validated boosted trees telling a chunk from
//! the reference).

mod domain;
mod encode;
mod kernel;
mod mmd;
mod reconstruction;

pub use domain::{DomainClassifier, DomainClassifierOptions, DomainClassifierRow, MAX_FOLDS};
pub use encode::ContinuousImputer;
pub(crate) use encode::rows;
pub use mmd::{MAX_MMD_ROWS, MAX_MMD_WORK, MmdDrift, MmdDriftOptions, MmdDriftResult};
pub use reconstruction::{
    Components, ReconstructionDrift, ReconstructionOptions, ReconstructionRow,
};
