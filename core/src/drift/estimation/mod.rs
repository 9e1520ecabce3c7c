//! Performance per chunk, realized from targets (NannyML's `PerformanceCalculator`) and, before
//! the labels arrive, estimated: NannyML's confidence-based performance estimation (CBPE) for
//! binary classifiers, with the isotonic calibration it applies and the sampling errors it
//! reports (NannyML 0.13: `nannyml.performance_estimation.confidence_based`,
//! `nannyml.sampling_error.binary_classification`, `nannyml.calibration`); realized regression
//! metrics per chunk (`nannyml.sampling_error.regression`).

mod binary;
mod cbpe;
mod isotonic;
mod realized;
mod regression;
mod shared;

pub use binary::{BinaryMetric, SamplingComponents};
pub use cbpe::{BinaryOutputs, Cbpe, CbpeOptions, EstimatedCell, EstimatedRow};
pub use isotonic::Isotonic;
pub use realized::{RealizedCell, RealizedOptions, RealizedPerformance, RealizedRow};
pub use regression::{
    RegressionMetric, RegressionOptions, RegressionOutputs, RegressionPerformance, RegressionRow,
};
pub use shared::MetricName;
