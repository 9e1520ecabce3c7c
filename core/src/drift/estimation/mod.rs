//! Performance per chunk, realized from targets (NannyML's `PerformanceCalculator`) and, before
//! the labels arrive, estimated: NannyML's confidence-based performance estimation (CBPE) for
//! binary and multiclass classifiers, with the isotonic calibration it applies and the sampling errors it
//! reports (NannyML 0.13: `nannyml.performance_estimation.confidence_based`,
//! `nannyml.sampling_error.binary_classification`, `nannyml.calibration`); realized regression
//! metrics per chunk (`nannyml.sampling_error.regression`); for regression models before the
//! labels arrive, direct loss estimation (`nannyml.performance_estimation.direct_loss_estimation`).

mod binary;
mod binary_columns;
mod cbpe;
mod cbpe_multiclass;
mod columns;
mod confusion;
mod dle;
mod isotonic;
mod multiclass;
mod realized;
mod realized_multiclass;
mod regression;
mod saved_rows;
mod shared;

pub(crate) use binary::mann_whitney_auc;
pub use binary::{ClassificationMetric, SamplingComponents};
pub use cbpe::{BinaryOutputs, Cbpe, CbpeOptions, EstimatedCell, EstimatedRow};
pub use cbpe_multiclass::MulticlassCbpe;
pub use confusion::{ConfusionCell, ConfusionNormalization};
pub use dle::{Dle, DleOptions, DleRow};
pub use isotonic::Isotonic;
pub use multiclass::{MAX_CLASSES, MulticlassOutputs};
pub use realized::{RealizedCell, RealizedOptions, RealizedPerformance, RealizedRow};
pub use realized_multiclass::MulticlassPerformance;
pub use regression::{
    RegressionMetric, RegressionOptions, RegressionOutputs, RegressionPerformance, RegressionRow,
};
pub use shared::MetricName;
