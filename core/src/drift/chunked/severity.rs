//! Two levels of alert: **critical**, the calculator's alert (NannyML's thresholds), and
//! **warning**, a value outside a second, usually narrower band the user sets
//! (`warning_thresholds`), still inside the critical one. The warning band is set from the
//! reference chunks as the critical one is.

use serde::{Deserialize, Serialize};

use super::threshold::performance_alerts;

/// How serious a chunk's alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Severity {
    /// Outside the warning band, inside the alert thresholds.
    Warning,
    /// Outside the alert thresholds (the cell's `alert`).
    Critical,
}

/// A metric's warning band, where one was set: (lower, upper), `None` sides open.
pub type WarningBounds = Option<(Option<f64>, Option<f64>)>;

/// The severity of a cell whose critical alert is `alert`: critical if it alerts, a warning
/// if its value leaves the warning band (strictly), none otherwise.
///
/// ```
/// use edgekit::drift::{Severity, severity};
///
/// let warning = Some((Some(0.9), None));
/// assert_eq!(severity(false, Some(0.95), warning), None);
/// assert_eq!(severity(false, Some(0.88), warning), Some(Severity::Warning));
/// assert_eq!(severity(true, Some(0.70), warning), Some(Severity::Critical));
/// ```
pub fn severity(alert: bool, value: Option<f64>, warning: WarningBounds) -> Option<Severity> {
    if alert {
        return Some(Severity::Critical);
    }
    let (lower, upper) = warning?;
    performance_alerts(value, lower, upper).then_some(Severity::Warning)
}

/// The warning band of a metric from its values on the reference chunks, where a warning
/// threshold was set for it; clamped to the metric's `limits` as its alert thresholds are.
pub(crate) fn warning_bounds(
    threshold: Option<&super::ChunkThreshold>,
    reference: &[Option<f64>],
    limits: (Option<f64>, Option<f64>),
) -> Result<WarningBounds, crate::drift::DriftError> {
    threshold
        .map(|t| t.bounds_beyond(reference, limits, super::BeyondLimit::Clamp))
        .transpose()
}
