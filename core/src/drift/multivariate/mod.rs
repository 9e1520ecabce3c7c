//! Multivariate drift: drift in the joint distribution of several columns, which per-column
//! tests miss. Data reconstruction error follows NannyML's `DataReconstructionDriftCalculator`
//! (imputation, count encoding, standardization, PCA keeping a share of the variance).

mod encode;
mod reconstruction;

pub use encode::ContinuousImputer;
pub use reconstruction::{
    Components, ReconstructionDrift, ReconstructionOptions, ReconstructionRow,
};
