//! `monitoring.PerformanceCalculator`: NannyML's realized performance per chunk for binary
//! classifiers (`problemType: 'classification_binary'`) and regression models
//! (`problemType: 'regression'`), over column objects.

use std::sync::Arc;

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, to_js};
use crate::monitoring::rows_for_js;
use crate::monitoring_outputs::{
    COLUMN_KEYS, OutputColumns, OwnedOutputs, from_saved, output_columns, outputs, problem_type,
    saved,
};
use crate::work::{Async, work};

const FUNCTION: &str = "monitoring.PerformanceCalculator";

/// Options of `PerformanceCalculator` (defaults: core's `RealizedOptions` for classifiers,
/// `RegressionOptions` for regression).
#[napi(object, namespace = "monitoring")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PerformanceOptions {
    #[napi(
        ts_type = "Array<'roc_auc' | 'f1' | 'precision' | 'recall' | 'specificity' | 'accuracy'> | Array<'mae' | 'mape' | 'mse' | 'msle' | 'rmse' | 'rmsle'>"
    )]
    pub metrics: Option<Vec<String>>,
    /// The column of targets (0/1 or values; null or NaN while unknown).
    pub y_true: String,
    /// The column of probabilities of class 1 (needed by roc_auc).
    pub y_pred_proba: Option<String>,
    /// The column of predicted labels or values (needed by every metric but roc_auc).
    pub y_pred: Option<String>,
    #[napi(ts_type = "'classification_binary' | 'regression'")]
    pub problem_type: String,
    pub timestamp_column_name: Option<String>,
    pub chunk_size: Option<f64>,
    pub chunk_number: Option<f64>,
    #[napi(ts_type = "'min' | 'h' | 'D' | 'W' | 'M' | 'Q' | 'Y'")]
    pub chunk_period: Option<String>,
    #[napi(ts_type = "'keep' | 'drop' | 'append'")]
    pub incomplete: Option<String>,
    #[napi(ts_type = "Record<string, ReconstructionOptions['threshold']>")]
    pub thresholds: Option<serde_json::Map<String, Value>>,
}

/// The options object's core part read into `T`, errors named in camelCase.
fn read<T: serde::de::DeserializeOwned>(rest: serde_json::Map<String, Value>) -> JsResult<T> {
    edgekit::contract::options(FUNCTION, Value::Object(rest))
        .map_err(|e| to_js(e.renamed(crate::convert::camel_case)))
}

/// What the calculator was built for.
#[derive(Clone)]
enum Kind {
    Binary(
        drift::RealizedOptions,
        Option<Arc<drift::RealizedPerformance>>,
    ),
    Regression(
        drift::RegressionOptions,
        Option<Arc<drift::RegressionPerformance>>,
    ),
}

/// The fitted calculator moved onto the thread pool.
enum Fitted {
    Binary(Arc<drift::RealizedPerformance>),
    Regression(Arc<drift::RegressionPerformance>),
}

/// Rows of either kind, on their way back to JS.
enum Rows {
    Binary(Vec<drift::RealizedRow>),
    Regression(Vec<drift::RegressionRow>),
}

fn rows_plain(rows: Rows) -> JsResult<Plain> {
    Ok(match rows {
        Rows::Binary(rows) => rows_for_js(&rows),
        Rows::Regression(rows) => rows_for_js(&rows),
    })
}

fn regression_outputs(data: &OwnedOutputs) -> drift::RegressionOutputs<'_> {
    drift::RegressionOutputs {
        y_pred: data.y_pred.as_deref().unwrap_or(&[]),
        y_true: data.y_true.as_deref(),
    }
}

impl Fitted {
    fn calculate(&self, data: &OwnedOutputs) -> std::result::Result<Rows, DriftError> {
        match self {
            Fitted::Binary(fitted) => {
                let mut zeros = Vec::new();
                fitted
                    .calculate(data.borrowed(&mut zeros), data.timestamps.as_deref())
                    .map(Rows::Binary)
            }
            Fitted::Regression(fitted) => fitted
                .calculate(regression_outputs(data), data.timestamps.as_deref())
                .map(Rows::Regression),
        }
    }
}

/// Realized performance per chunk (NannyML's `PerformanceCalculator`) for binary classifiers
/// and regression models: each chunk's metrics from the targets that have arrived, with
/// sampling error, thresholds, alert and `chunk.targetsMissingRate`.
#[napi(namespace = "monitoring")]
pub struct PerformanceCalculator {
    kind: Kind,
    columns: OutputColumns,
}

impl PerformanceCalculator {
    fn fitted(&self) -> JsResult<Fitted> {
        let fitted = match &self.kind {
            Kind::Binary(_, Some(f)) => Some(Fitted::Binary(f.clone())),
            Kind::Regression(_, Some(f)) => Some(Fitted::Regression(f.clone())),
            _ => None,
        };
        fitted.ok_or_else(|| {
            to_js(DriftError::Undefined(
                "fit the calculator on reference data before calculate()".into(),
            ))
        })
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "monitoring")]
impl PerformanceCalculator {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options: PerformanceOptions")]
    pub fn new(options: Unknown<'_>) -> std::result::Result<Self, Error<Code>> {
        let (rest, own): (serde_json::Map<String, Value>, _) =
            crate::convert::options_and(FUNCTION, Some(options), &COLUMN_KEYS)?;
        let (kind, columns) = if problem_type(FUNCTION, &own, true)? {
            let options: drift::RegressionOptions = read(rest)?;
            options.check().map_err(to_js)?;
            (
                Kind::Regression(options, None),
                output_columns(FUNCTION, &own, None)?,
            )
        } else {
            let options: drift::RealizedOptions = read(rest)?;
            let columns = output_columns(FUNCTION, &own, Some(&options.metrics))?;
            options.check().map_err(to_js)?;
            (Kind::Binary(options, None), columns)
        };
        Ok(Self { kind, columns })
    }

    /// Fits on the reference columns (targets required); returns the calculator.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "reference: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "this"
    )]
    pub fn fit<'scope>(
        &mut self,
        this: This<'scope>,
        reference: Object<'_>,
    ) -> std::result::Result<Object<'scope>, Error<Code>> {
        let data = outputs(&reference, &self.columns, true)?;
        let stamps = data.timestamps.as_deref();
        self.kind = match &self.kind {
            Kind::Binary(options, _) => {
                let mut zeros = Vec::new();
                let fitted =
                    drift::RealizedPerformance::fit(data.borrowed(&mut zeros), stamps, options)
                        .map_err(to_js)?;
                Kind::Binary(options.clone(), Some(Arc::new(fitted)))
            }
            Kind::Regression(options, _) => {
                let fitted =
                    drift::RegressionPerformance::fit(regression_outputs(&data), stamps, options)
                        .map_err(to_js)?;
                Kind::Regression(options.clone(), Some(Arc::new(fitted)))
            }
        };
        Ok(this.object)
    }

    /// The reference chunks and the chunks of `data` (targets required; null or NaN where
    /// not yet arrived).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Array<RealizedRow>"
    )]
    pub fn calculate(&self, data: Object<'_>) -> std::result::Result<Plain, Error<Code>> {
        let fitted = self.fitted()?;
        let data = outputs(&data, &self.columns, true)?;
        rows_plain(fitted.calculate(&data).map_err(to_js)?)
    }

    /// `calculate` on the libuv thread pool (a Promise).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Promise<Array<RealizedRow>>"
    )]
    pub fn calculate_async(
        &self,
        data: Object<'_>,
    ) -> std::result::Result<Async<Rows, Plain>, Error<Code>> {
        let fitted = self.fitted()?;
        let data = outputs(&data, &self.columns, true)?;
        Ok(work(
            "monitoring.PerformanceCalculator.calculateAsync",
            move || fitted.calculate(&data),
            rows_plain,
        ))
    }

    /// The problem type: `'classification_binary'` or `'regression'`.
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "'classification_binary' | 'regression'")]
    pub fn problem_type(&self) -> &'static str {
        match self.kind {
            Kind::Binary(..) => "classification_binary",
            Kind::Regression(..) => "regression",
        }
    }

    /// The fitted calculator as JSON (with its column names and problem type).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        let state = match self.fitted()? {
            Fitted::Binary(f) => f.to_json(),
            Fitted::Regression(f) => f.to_json(),
        };
        let mut text: Value = serde_json::from_str(&saved(&self.columns, &state))
            .map_err(|e| crate::errors::invalid_type(e.to_string()))?;
        text["problemType"] = Value::String(self.problem_type().to_owned());
        Ok(text.to_string())
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let (columns, fitted) = from_saved(&text, "PerformanceCalculator")?;
        let regression = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| {
                v.get("problemType")
                    .and_then(Value::as_str)
                    .map(|p| p == "regression")
            })
            .unwrap_or(false);
        let kind = if regression {
            let fitted = drift::RegressionPerformance::from_json(&fitted).map_err(to_js)?;
            Kind::Regression(drift::RegressionOptions::default(), Some(Arc::new(fitted)))
        } else {
            let fitted = drift::RealizedPerformance::from_json(&fitted).map_err(to_js)?;
            Kind::Binary(drift::RealizedOptions::default(), Some(Arc::new(fitted)))
        };
        Ok(Self { kind, columns })
    }
}
