//! `drift.pelt`, `drift.binarySegmentation`, TCPD scores, and `drift.PerformanceMonitor`.

use crate::input::{count_or, whole};
use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::errors::{Code, JsResult, invalid_type, to_js};
use crate::input::float_values;

/// Options of `pelt` and `binarySegmentation`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ChangePointOptions {
    #[napi(ts_type = "'mean' | 'meanvar'")]
    pub model: Option<String>,
    pub penalty: Option<f64>,
    pub min_size: Option<f64>,
    /// Binary segmentation only.
    pub max_changes: Option<f64>,
}

/// Options of `pelt` (defaults: `edgekit::drift::PeltOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PeltOptions {
    #[napi(ts_type = "'mean' | 'meanvar' | 'l2' | 'normal'")]
    pub model: Option<String>,
    pub penalty: Option<f64>,
    pub min_size: Option<f64>,
}

/// Optimal change points (PELT): the first index of each new segment (ruptures' `Pelt`).
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "x: Float64Array | ArrayLike<number>, options?: PeltOptions"
)]
pub fn pelt(
    x: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Uint32Array, Error<Code>> {
    let options: drift::PeltOptions = crate::convert::options("drift.pelt", options)?;
    let values = float_values(x, "x")?;
    let found = drift::pelt(&values, &options.into()).map_err(to_js)?;
    Ok(Uint32Array::new(
        found.into_iter().map(|i| i as u32).collect(),
    ))
}

/// Binary segmentation change points (ruptures' `Binseg`).
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "x: Float64Array | ArrayLike<number>, options?: ChangePointOptions"
)]
pub fn binary_segmentation(
    x: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Uint32Array, Error<Code>> {
    let options: drift::ChangePointOptions =
        crate::convert::options("drift.binarySegmentation", options)?;
    let values = float_values(x, "x")?;
    let found = drift::binary_segmentation(&values, &options).map_err(to_js)?;
    Ok(Uint32Array::new(
        found.into_iter().map(|i| i as u32).collect(),
    ))
}

fn indices(values: &[f64], argument: &str) -> JsResult<Vec<usize>> {
    values
        .iter()
        .map(|&v| whole(v, argument).map(|v| v as usize))
        .collect()
}

fn annotation_lists(annotations: &[Vec<f64>]) -> JsResult<Vec<Vec<usize>>> {
    annotations
        .iter()
        .map(|list| indices(list, "annotations"))
        .collect()
}

/// TCPD F1 of predicted change points against one list per annotator (margin default 5).
#[edgekit_macros::boundary]
#[napi(namespace = "drift")]
pub fn f1_score(
    annotations: Vec<Vec<f64>>,
    predictions: Vec<f64>,
    margin: Option<f64>,
) -> std::result::Result<f64, Error<Code>> {
    Ok(drift::f1_score(
        &annotation_lists(&annotations)?,
        &indices(&predictions, "predictions")?,
        count_or(margin, 5, "margin")?,
    ))
}

/// TCPD covering of the predicted segmentation of `n` values.
#[edgekit_macros::boundary]
#[napi(namespace = "drift")]
pub fn covering(
    annotations: Vec<Vec<f64>>,
    predictions: Vec<f64>,
    n: f64,
) -> std::result::Result<f64, Error<Code>> {
    Ok(drift::covering(
        &annotation_lists(&annotations)?,
        &indices(&predictions, "predictions")?,
        whole(n, "n")? as usize,
    ))
}

/// An alert rule.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ThresholdRule {
    #[napi(ts_type = "'accuracy' | 'brier' | 'log_loss' | 'ece' | 'auc'")]
    pub metric: String,
    pub warning: Option<f64>,
    pub critical: Option<f64>,
}

fn alerts(found: Vec<drift::Alert>) -> Vec<Alert> {
    found
        .into_iter()
        .map(|a| Alert {
            metric: metric_name(a.metric),
            value: a.value,
            threshold: a.threshold,
            severity: a.severity,
            at: a.at as f64,
        })
        .collect()
}

/// Options of `PerformanceMonitor` (defaults: `edgekit::drift::MonitorOptions`); `thresholds`
/// is a list of rules or a map from metric to its warning level or `[warning, critical]`.
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct MonitorOptions {
    /// Pairs kept (default 1000).
    pub window: Option<f64>,
    /// Seconds kept instead (pairs then need times).
    pub time_window: Option<f64>,
    pub bins: Option<f64>,
    #[napi(
        ts_type = "ThresholdRule[] | Partial<Record<'accuracy' | 'brier' | 'log_loss' | 'ece' | 'auc', number | [number | null, number | null]>>"
    )]
    pub thresholds: Option<Vec<ThresholdRule>>,
}

/// An alert.
#[napi(object, namespace = "drift")]
pub struct Alert {
    pub metric: String,
    pub value: f64,
    pub threshold: f64,
    #[napi(ts_type = "'warning' | 'critical'")]
    pub severity: String,
    pub at: f64,
}

/// Metrics of the current window (`auc` null with a single class).
#[napi(object, namespace = "drift")]
pub struct WindowMetrics {
    pub count: u32,
    pub accuracy: f64,
    pub brier: f64,
    pub log_loss: f64,
    pub ece: f64,
    pub auc: Option<f64>,
    pub positive_rate: f64,
}

/// One metric of `compare`.
#[napi(object, namespace = "drift")]
pub struct MetricComparison {
    pub metric: String,
    pub baseline: f64,
    pub current: f64,
    pub statistic: f64,
    pub pvalue: f64,
    pub degraded: bool,
}

fn metric_name(metric: drift::Metric) -> String {
    serde_json::to_value(metric)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Sliding-window model-performance monitor with alerts and a baseline test.
#[napi(namespace = "drift")]
pub struct PerformanceMonitor {
    inner: drift::PerformanceMonitor,
}

#[edgekit_macros::boundary]
#[napi(namespace = "drift")]
impl PerformanceMonitor {
    #[edgekit_macros::boundary]
    #[napi(
        constructor,
        ts_args_type = "options?: MonitorOptions | undefined | null"
    )]
    pub fn new(options: Option<Unknown<'_>>) -> std::result::Result<Self, Error<Code>> {
        let options: drift::MonitorOptions =
            crate::convert::options("drift.PerformanceMonitor", options)?;
        drift::PerformanceMonitor::from_options(&options)
            .map(|inner| Self { inner })
            .map_err(to_js)
    }

    /// Adds pairs (probabilities, 0/1 labels, optional times); returns the alerts raised.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "predictions: Float64Array | ArrayLike<number>, labels: Float64Array | ArrayLike<number>, times?: Float64Array | ArrayLike<number>"
    )]
    pub fn update_many(
        &mut self,
        predictions: Unknown<'_>,
        labels: Unknown<'_>,
        times: Option<Unknown<'_>>,
    ) -> std::result::Result<Vec<Alert>, Error<Code>> {
        let p = float_values(predictions, "predictions")?;
        let y = float_values(labels, "labels")?;
        let t = times.map(|t| float_values(t, "times")).transpose()?;
        let found = self
            .inner
            .update_many(&p, &y, t.as_deref())
            .map_err(to_js)?;
        Ok(alerts(found))
    }

    /// Adds one pair.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn update(
        &mut self,
        prediction: f64,
        label: bool,
        time: Option<f64>,
    ) -> std::result::Result<Vec<Alert>, Error<Code>> {
        let found = self.inner.update(prediction, label, time).map_err(to_js)?;
        Ok(alerts(found))
    }

    /// Metrics of the current window.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn metrics(&self) -> WindowMetrics {
        let m = self.inner.metrics();
        WindowMetrics {
            count: m.count as u32,
            accuracy: m.accuracy,
            brier: m.brier,
            log_loss: m.log_loss,
            ece: m.ece,
            auc: m.auc,
            positive_rate: m.positive_rate,
        }
    }

    /// Freezes the current window as the baseline.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn set_baseline(&mut self) {
        self.inner.set_baseline();
    }

    /// Tests the current window against the baseline at level `alpha` (default 0.05).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn compare(
        &self,
        alpha: Option<f64>,
    ) -> std::result::Result<Vec<MetricComparison>, Error<Code>> {
        let rows = self.inner.compare(alpha.unwrap_or(0.05)).map_err(to_js)?;
        Ok(rows
            .into_iter()
            .map(|r| MetricComparison {
                metric: metric_name(r.metric),
                baseline: r.baseline,
                current: r.current,
                statistic: r.statistic,
                pvalue: r.pvalue,
                degraded: r.degraded,
            })
            .collect())
    }

    /// The whole state as JSON.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        serde_json::to_string(&self.inner).map_err(|e| invalid_type(e.to_string()))
    }

    /// A monitor restored from `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        serde_json::from_str(&text)
            .map(|inner| Self { inner })
            .map_err(|e| {
                to_js(DriftError::Undefined(format!(
                    "not a saved PerformanceMonitor state: {e}"
                )))
            })
    }
}
