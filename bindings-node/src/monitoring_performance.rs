//! `monitoring.PerformanceCalculator`: NannyML's realized performance per chunk for binary
//! (`problemType: 'classification_binary'`) and multiclass
//! (`problemType: 'classification_multiclass'`) classifiers and regression models
//! (`problemType: 'regression'`), over column objects.

use std::sync::Arc;

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, to_js};
use crate::monitoring::rows_for_js;
use crate::monitoring_multiclass::{
    MulticlassColumns, OwnedMulticlass, Problem, from_saved_multiclass, multiclass_columns,
    multiclass_outputs, problem, saved_multiclass, saved_problem,
};
use crate::monitoring_outputs::{
    COLUMN_KEYS, OutputColumns, OwnedOutputs, from_saved, output_columns, outputs, saved,
};
use crate::monitoring_stream::{ChunkMonitor, Monitored, Reader};
use crate::work::{Async, work};

const FUNCTION: &str = "monitoring.PerformanceCalculator";

/// Options of `PerformanceCalculator` (defaults: core's `RealizedOptions` for classifiers,
/// `RegressionOptions` for regression).
#[napi(object, namespace = "monitoring")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PerformanceOptions {
    #[napi(
        ts_type = "Array<'roc_auc' | 'f1' | 'precision' | 'recall' | 'specificity' | 'accuracy' | 'confusion_matrix'> | Array<'mae' | 'mape' | 'mse' | 'msle' | 'rmse' | 'rmsle'>"
    )]
    pub metrics: Option<Vec<String>>,
    /// The column of targets (0/1, class names or values; null or NaN while unknown).
    pub y_true: String,
    /// Binary: the column of probabilities of class 1 (needed by roc_auc). Multiclass: one
    /// column per class, in the order of `classes`.
    #[napi(ts_type = "string | string[]")]
    pub y_pred_proba: Option<Value>,
    /// Multiclass: the class names, as the label columns hold them.
    pub classes: Option<Vec<String>>,
    /// The column of predicted labels or values (needed by every metric but roc_auc).
    pub y_pred: Option<String>,
    #[napi(ts_type = "'classification_binary' | 'classification_multiclass' | 'regression'")]
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
    /// Warning thresholds by name (none by default): a second band whose crossing, inside
    /// the alert thresholds, gives a cell `severity: 'warning'`.
    #[napi(ts_type = "Record<string, ReconstructionOptions['threshold']>")]
    pub warning_thresholds: Option<serde_json::Map<String, Value>>,
    /// How the confusion matrix is normalized (undefined: counts).
    #[napi(ts_type = "'true' | 'pred' | 'all' | null")]
    pub normalize_confusion_matrix: Option<String>,
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
    Multiclass(
        drift::RealizedOptions,
        Option<Arc<drift::MulticlassPerformance>>,
    ),
    Regression(
        drift::RegressionOptions,
        Option<Arc<drift::RegressionPerformance>>,
    ),
}

/// The fitted calculator moved onto the thread pool.
enum Fitted {
    Binary(Arc<drift::RealizedPerformance>),
    Multiclass(Arc<drift::MulticlassPerformance>),
    Regression(Arc<drift::RegressionPerformance>),
}

/// Rows of either kind, on their way back to JS.
enum Rows {
    Classification(Vec<drift::RealizedRow>),
    Regression(Vec<drift::RegressionRow>),
}

fn rows_plain(rows: Rows) -> JsResult<Plain> {
    Ok(match rows {
        Rows::Classification(rows) => rows_for_js(&rows),
        Rows::Regression(rows) => rows_for_js(&rows),
    })
}

fn regression_outputs(data: &OwnedOutputs) -> drift::RegressionOutputs<'_> {
    drift::RegressionOutputs {
        y_pred: data.y_pred.as_deref().unwrap_or(&[]),
        y_true: data.y_true.as_deref(),
    }
}

/// The columns the calculator reads, by kind.
#[derive(Clone)]
enum Columns {
    Outputs(OutputColumns),
    Multiclass(MulticlassColumns),
}

/// Outputs read for either kind of columns.
enum Owned {
    Outputs(OwnedOutputs),
    Multiclass(OwnedMulticlass),
}

impl Fitted {
    fn calculate(&self, data: &Owned) -> std::result::Result<Rows, DriftError> {
        match (self, data) {
            (Fitted::Binary(fitted), Owned::Outputs(data)) => {
                let mut zeros = Vec::new();
                fitted
                    .calculate(data.borrowed(&mut zeros), data.timestamps.as_deref())
                    .map(Rows::Classification)
            }
            (Fitted::Multiclass(fitted), Owned::Multiclass(data)) => data
                .with(|o| fitted.calculate(o, data.timestamps.as_deref()))
                .map(Rows::Classification),
            (Fitted::Regression(fitted), Owned::Outputs(data)) => fitted
                .calculate(regression_outputs(data), data.timestamps.as_deref())
                .map(Rows::Regression),
            _ => unreachable!("data are read by the calculator's own kind"),
        }
    }
}

/// Realized performance per chunk (NannyML's `PerformanceCalculator`) for binary and
/// multiclass classifiers and regression models: each chunk's metrics from the targets that
/// have arrived, with sampling error, thresholds, alert and `chunk.targetsMissingRate`. A
/// multiclass model names its `classes` and one `yPredProba` column per class (see `CBPE`).
#[napi(namespace = "monitoring")]
pub struct PerformanceCalculator {
    kind: Kind,
    columns: Columns,
}

impl PerformanceCalculator {
    fn fitted(&self) -> JsResult<Fitted> {
        let fitted = match &self.kind {
            Kind::Binary(_, Some(f)) => Some(Fitted::Binary(f.clone())),
            Kind::Multiclass(_, Some(f)) => Some(Fitted::Multiclass(f.clone())),
            Kind::Regression(_, Some(f)) => Some(Fitted::Regression(f.clone())),
            _ => None,
        };
        fitted.ok_or_else(|| {
            to_js(DriftError::Undefined(
                "fit the calculator on reference data before calculate()".into(),
            ))
        })
    }

    fn read(&self, data: &Object<'_>) -> JsResult<Owned> {
        Ok(match &self.columns {
            Columns::Outputs(c) => Owned::Outputs(outputs(data, c, true)?),
            Columns::Multiclass(c) => Owned::Multiclass(multiclass_outputs(data, c, true)?),
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
        let all = [Problem::Binary, Problem::Multiclass, Problem::Regression];
        let (kind, columns) = match problem(FUNCTION, &own, &all)? {
            Problem::Regression => {
                let options: drift::RegressionOptions = read(rest)?;
                options.check().map_err(to_js)?;
                (
                    Kind::Regression(options, None),
                    Columns::Outputs(output_columns(FUNCTION, &own, None)?),
                )
            }
            Problem::Multiclass => {
                let options: drift::RealizedOptions = read(rest)?;
                let columns = multiclass_columns(FUNCTION, &own)?;
                options.check().map_err(to_js)?;
                (
                    Kind::Multiclass(options, None),
                    Columns::Multiclass(columns),
                )
            }
            Problem::Binary => {
                let options: drift::RealizedOptions = read(rest)?;
                let columns = output_columns(FUNCTION, &own, Some(&options.metrics))?;
                options.check().map_err(to_js)?;
                (Kind::Binary(options, None), Columns::Outputs(columns))
            }
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
        let data = self.read(&reference)?;
        self.kind = match (&self.kind, &data) {
            (Kind::Binary(options, _), Owned::Outputs(data)) => {
                let mut zeros = Vec::new();
                let stamps = data.timestamps.as_deref();
                let fitted =
                    drift::RealizedPerformance::fit(data.borrowed(&mut zeros), stamps, options)
                        .map_err(to_js)?;
                Kind::Binary(options.clone(), Some(Arc::new(fitted)))
            }
            (Kind::Multiclass(options, _), Owned::Multiclass(data)) => {
                let stamps = data.timestamps.as_deref();
                let fitted = data
                    .with(|o| drift::MulticlassPerformance::fit(o, stamps, options))
                    .map_err(to_js)?;
                Kind::Multiclass(options.clone(), Some(Arc::new(fitted)))
            }
            (Kind::Regression(options, _), Owned::Outputs(data)) => {
                let stamps = data.timestamps.as_deref();
                let fitted =
                    drift::RegressionPerformance::fit(regression_outputs(data), stamps, options)
                        .map_err(to_js)?;
                Kind::Regression(options.clone(), Some(Arc::new(fitted)))
            }
            _ => unreachable!("data are read by the calculator's own kind"),
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
        let data = self.read(&data)?;
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
        let data = self.read(&data)?;
        Ok(work(
            "monitoring.PerformanceCalculator.calculateAsync",
            move || fitted.calculate(&data),
            rows_plain,
        ))
    }

    /// The problem type.
    #[edgekit_macros::boundary]
    #[napi(
        getter,
        ts_return_type = "'classification_binary' | 'classification_multiclass' | 'regression'"
    )]
    pub fn problem_type(&self) -> &'static str {
        match self.kind {
            Kind::Binary(..) => Problem::Binary.name(),
            Kind::Multiclass(..) => Problem::Multiclass.name(),
            Kind::Regression(..) => Problem::Regression.name(),
        }
    }

    /// A `ChunkMonitor` fed batch by batch with this fitted calculator.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn monitor(&self) -> std::result::Result<ChunkMonitor, Error<Code>> {
        Ok(match (self.fitted()?, &self.columns) {
            (Fitted::Binary(fitted), Columns::Outputs(columns)) => ChunkMonitor::new(
                Monitored::of(fitted.as_ref(), Monitored::Realized)?,
                Reader::Outputs(columns.clone()),
            ),
            (Fitted::Regression(fitted), Columns::Outputs(columns)) => ChunkMonitor::new(
                Monitored::of(fitted.as_ref(), Monitored::Regression)?,
                Reader::Outputs(columns.clone()),
            ),
            (Fitted::Multiclass(fitted), Columns::Multiclass(columns)) => ChunkMonitor::new(
                Monitored::of(fitted.as_ref(), Monitored::MulticlassRealized)?,
                Reader::Multiclass(columns.clone()),
            ),
            _ => unreachable!("a calculator reads the columns of its own kind"),
        })
    }

    /// The fitted calculator as JSON (with its column names and problem type).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        let (state, columns) = match (self.fitted()?, &self.columns) {
            (Fitted::Multiclass(f), Columns::Multiclass(c)) => {
                return Ok(saved_multiclass(c, &f.to_json()));
            }
            (Fitted::Binary(f), Columns::Outputs(c)) => (f.to_json(), c),
            (Fitted::Regression(f), Columns::Outputs(c)) => (f.to_json(), c),
            _ => unreachable!("fitted by its own kind"),
        };
        let mut text: Value = serde_json::from_str(&saved(columns, &state))
            .map_err(|e| crate::errors::invalid_type(e.to_string()))?;
        text["problemType"] = Value::String(self.problem_type().to_owned());
        Ok(text.to_string())
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let what = "PerformanceCalculator";
        let (kind, columns) = match saved_problem(&text) {
            Problem::Multiclass => {
                let (columns, fitted) = from_saved_multiclass(&text, what)?;
                let fitted = drift::MulticlassPerformance::from_json(&fitted).map_err(to_js)?;
                (
                    Kind::Multiclass(drift::RealizedOptions::default(), Some(Arc::new(fitted))),
                    Columns::Multiclass(columns),
                )
            }
            Problem::Regression => {
                let (columns, fitted) = from_saved(&text, what)?;
                let fitted = drift::RegressionPerformance::from_json(&fitted).map_err(to_js)?;
                (
                    Kind::Regression(drift::RegressionOptions::default(), Some(Arc::new(fitted))),
                    Columns::Outputs(columns),
                )
            }
            Problem::Binary => {
                let (columns, fitted) = from_saved(&text, what)?;
                let fitted = drift::RealizedPerformance::from_json(&fitted).map_err(to_js)?;
                (
                    Kind::Binary(drift::RealizedOptions::default(), Some(Arc::new(fitted))),
                    Columns::Outputs(columns),
                )
            }
        };
        Ok(Self { kind, columns })
    }
}
