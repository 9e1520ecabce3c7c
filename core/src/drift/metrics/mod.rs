//! Realized performance of a model once labels arrive: classification metrics from labels and
//! predicted labels (confusion matrix; per-class precision, recall, F1, specificity and support;
//! accuracy, balanced accuracy; macro, micro and support-weighted averages) and regression
//! metrics (MAE, MAPE, MSE, RMSE, MSLE, RMSLE, R²), with scikit-learn's definitions and edge
//! conventions (`zero_division=0`, MAPE's machine-epsilon floor, R² of a constant target).
//! The first part of issue 18's monitoring; chunking, thresholds and alerts build on it.

mod classification;
mod regression;

pub use classification::{Averages, ClassificationMetrics, classification_metrics};
pub use regression::{RegressionMetrics, regression_metrics};
