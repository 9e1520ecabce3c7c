//! The options of a [`PerformanceMonitor`] as the faces take them (see
//! [`contract`](crate::contract)): one window by count or by time, ECE bins, and alert levels
//! as a list of rules or a map from metric to its levels.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::DriftError;
use super::performance::{Metric, PerformanceMonitor, Threshold, Window};

/// Alert levels: `[{"metric": "accuracy", "warning": 0.8, "critical": 0.6}, ...]`, or
/// `{"accuracy": [0.8, 0.6], "brier": 0.25}` (a lone number is the warning level).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Thresholds {
    /// One rule per metric.
    Rules(Vec<Threshold>),
    /// Metric → levels.
    ByMetric(BTreeMap<Metric, Levels>),
}

// By hand rather than `untagged`, so a bad rule or metric name is reported as itself (an
// untagged enum only says that nothing matched).
impl<'de> Deserialize<'de> for Thresholds {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Thresholds;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of {metric, warning, critical} rules or a map metric → levels")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Thresholds, A::Error> {
                let de = serde::de::value::SeqAccessDeserializer::new(seq);
                Vec::deserialize(de).map(Thresholds::Rules)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Thresholds, A::Error> {
                let de = serde::de::value::MapAccessDeserializer::new(map);
                BTreeMap::deserialize(de).map(Thresholds::ByMetric)
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds::Rules(Vec::new())
    }
}

/// A metric's alert levels in the map form of [`Thresholds`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Levels {
    /// The warning level alone.
    Warning(f64),
    /// `[warning, critical]`, either may be null.
    Both(Option<f64>, Option<f64>),
}

impl Thresholds {
    /// The rules these levels describe, in metric order for the map form.
    pub fn rules(&self) -> Vec<Threshold> {
        match self {
            Thresholds::Rules(rules) => rules.clone(),
            Thresholds::ByMetric(map) => map
                .iter()
                .map(|(&metric, levels)| {
                    let (warning, critical) = match *levels {
                        Levels::Warning(w) => (Some(w), None),
                        Levels::Both(w, c) => (w, c),
                    };
                    Threshold {
                        metric,
                        warning,
                        critical,
                    }
                })
                .collect(),
        }
    }
}

/// Options of [`PerformanceMonitor::from_options`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MonitorOptions {
    /// Pairs in the sliding window (default 1000); unused when `time_window` is set.
    pub window: Option<usize>,
    /// Keep the pairs of the last this many seconds instead (times then come with the pairs).
    pub time_window: Option<f64>,
    /// Bins of the expected calibration error (default 10).
    pub bins: usize,
    /// Alert levels (default none).
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub thresholds: Thresholds,
}

impl Default for MonitorOptions {
    fn default() -> Self {
        Self {
            window: Some(1000),
            time_window: None,
            bins: 10,
            thresholds: Thresholds::default(),
        }
    }
}

impl PerformanceMonitor {
    /// A monitor from the options the faces take.
    ///
    /// ```
    /// use edgekit::drift::{MonitorOptions, PerformanceMonitor};
    /// let options: MonitorOptions = serde_json::from_value(serde_json::json!({
    ///     "window": 500, "thresholds": {"accuracy": [0.8, 0.6]}
    /// }))?;
    /// let monitor = PerformanceMonitor::from_options(&options)?;
    /// assert_eq!(monitor.metrics().count, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_options(options: &MonitorOptions) -> Result<Self, DriftError> {
        let window = match (options.time_window, options.window) {
            (Some(seconds), _) => Window::Time(seconds),
            (None, Some(n)) => Window::Count(n),
            (None, None) => {
                return Err(DriftError::Undefined(
                    "give window (pairs) or time_window (seconds)".into(),
                ));
            }
        };
        PerformanceMonitor::new(window, options.bins, options.thresholds.rules())
    }
}
