//! `drift.pelt`, `drift.binarySegmentation`, TCPD scores, and `drift.PerformanceMonitor`.

use crate::convert::Plain;
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
    ts_args_type = "x: Float64Array | ArrayLike<number> | ArrayBuffer, options?: PeltOptions"
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
    ts_args_type = "x: Float64Array | ArrayLike<number> | ArrayBuffer, options?: ChangePointOptions"
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
        ts_args_type = "predictions: Float64Array | ArrayLike<number> | ArrayBuffer, labels: Float64Array | ArrayLike<number> | ArrayBuffer, times?: Float64Array | ArrayLike<number> | ArrayBuffer",
        ts_return_type = "Array<Alert>"
    )]
    pub fn update_many(
        &mut self,
        predictions: Unknown<'_>,
        labels: Unknown<'_>,
        times: Option<Unknown<'_>>,
    ) -> std::result::Result<Plain, Error<Code>> {
        let p = float_values(predictions, "predictions")?;
        let y = float_values(labels, "labels")?;
        let t = times.map(|t| float_values(t, "times")).transpose()?;
        let found = self
            .inner
            .update_many(&p, &y, t.as_deref())
            .map_err(to_js)?;
        Ok(Plain::of(&found))
    }

    /// Adds one pair.
    #[edgekit_macros::boundary]
    #[napi(ts_return_type = "Array<Alert>")]
    pub fn update(
        &mut self,
        prediction: f64,
        label: bool,
        time: Option<f64>,
    ) -> std::result::Result<Plain, Error<Code>> {
        let found = self.inner.update(prediction, label, time).map_err(to_js)?;
        Ok(Plain::of(&found))
    }

    /// Metrics of the current window.
    #[edgekit_macros::boundary]
    #[napi(ts_return_type = "WindowMetrics")]
    pub fn metrics(&self) -> Plain {
        Plain::of(&self.inner.metrics())
    }

    /// Freezes the current window as the baseline.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn set_baseline(&mut self) {
        self.inner.set_baseline();
    }

    /// Tests the current window against the baseline at level `alpha` (default 0.05).
    #[edgekit_macros::boundary]
    #[napi(ts_return_type = "Array<MetricComparison>")]
    pub fn compare(&self, alpha: Option<f64>) -> std::result::Result<Plain, Error<Code>> {
        let rows = self
            .inner
            .compare(alpha.unwrap_or(drift::COMPARE_ALPHA))
            .map_err(to_js)?;
        Ok(Plain::of(&rows))
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
