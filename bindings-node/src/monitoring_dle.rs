//! `monitoring.DLE`: NannyML's direct loss estimation over column objects — boosted trees,
//! trained in core, learn a regression model's per-row loss on the reference and estimate
//! its MAE, MAPE, MSE, RMSE, MSLE and RMSLE on chunks whose targets have not arrived.

use std::sync::{Arc, RwLock};

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::drift::report::{OwnedColumn, borrowed};
use crate::errors::{Code, JsResult, invalid_type, to_js};
use crate::input::{Values, float_values};
use crate::monitoring::{Layout, data, rows_for_js};
use crate::monitoring_stream::{ChunkMonitor, Monitored, Reader};
use crate::work::{Async, work};

const FUNCTION: &str = "monitoring.DLE";

/// Options of `DLE` (defaults: core's `DleOptions`).
#[napi(object, namespace = "monitoring")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct DleOptions {
    /// The feature columns the loss models read (then `yPred`).
    pub feature_column_names: Vec<String>,
    /// The column of predictions.
    pub y_pred: String,
    /// The column of targets (required in the reference; null or NaN while unknown).
    pub y_true: String,
    /// The column of timestamps (ms since the epoch, `Date`s or ISO-8601 strings).
    pub timestamp_column_name: Option<String>,
    /// Numeric feature columns that hold category codes (text columns always are categorical).
    pub categorical: Option<Vec<String>>,
    /// Metrics to estimate (default: all six).
    #[napi(ts_type = "Array<'mae' | 'mape' | 'mse' | 'rmse' | 'msle' | 'rmsle'>")]
    pub metrics: Option<Vec<String>>,
    pub chunk_size: Option<f64>,
    pub chunk_number: Option<f64>,
    #[napi(ts_type = "'min' | 'h' | 'D' | 'W' | 'M' | 'Q' | 'Y'")]
    pub chunk_period: Option<String>,
    #[napi(ts_type = "'keep' | 'drop' | 'append'")]
    pub incomplete: Option<String>,
    #[napi(ts_type = "Record<string, ReconstructionOptions['threshold']>")]
    pub thresholds: Option<serde_json::Map<String, Value>>,
    /// Warning thresholds by metric (none by default).
    #[napi(ts_type = "Record<string, ReconstructionOptions['threshold']>")]
    pub warning_thresholds: Option<serde_json::Map<String, Value>>,
    /// LightGBM's hyperparameters of the loss models (its names or aliases; keys that do not
    /// change the model, such as `n_jobs`, are ignored).
    #[napi(
        ts_type = "{ nEstimators?: number, learningRate?: number, numLeaves?: number, maxDepth?: number, minChildSamples?: number, minChildWeight?: number, minSplitGain?: number, regAlpha?: number, regLambda?: number, maxBin?: number } & Record<string, unknown>"
    )]
    pub hyperparameters: Option<serde_json::Map<String, Value>>,
}

/// The keys the face reads itself.
const OWN_KEYS: [&str; 5] = [
    "feature_column_names",
    "y_pred",
    "y_true",
    "timestamp_column_name",
    "categorical",
];

/// Which columns the estimator reads.
#[derive(Clone)]
pub(crate) struct Columns {
    pub(crate) layout: Layout,
    pub(crate) y_pred: String,
    pub(crate) y_true: String,
}

/// A data set read out of a column object, ready for a worker thread.
pub(crate) struct Owned {
    pub(crate) features: Vec<OwnedColumn>,
    pub(crate) timestamps: Option<Vec<i64>>,
    y_pred: Values,
    y_true: Option<Values>,
}

impl Owned {
    pub(crate) fn outputs(&self) -> drift::RegressionOutputs<'_> {
        drift::RegressionOutputs {
            y_pred: &self.y_pred,
            y_true: self.y_true.as_deref(),
        }
    }
}

fn rows_plain(rows: Vec<drift::DleRow>) -> JsResult<Plain> {
    Ok(rows_for_js(&rows))
}

fn done(_: ()) -> JsResult<()> {
    Ok(())
}

/// A calculator's fitted state, which `fitAsync` fills from a worker thread.
pub(crate) type Slot<M> = Arc<RwLock<Option<Arc<M>>>>;

/// `fit` on the libuv thread pool: `fit(&data)` runs there and its model lands in `slot`; the
/// Promise resolves once it has (or rejects with the fit's error).
pub(crate) fn fit_in_background<M, D>(
    name: &'static str,
    slot: &Slot<M>,
    data: D,
    fit: impl FnOnce(&D) -> std::result::Result<M, DriftError> + Send + 'static,
) -> Async<(), ()>
where
    M: Send + Sync + 'static,
    D: Send + 'static,
{
    let slot = Arc::clone(slot);
    work(
        name,
        move || {
            let fitted = fit(&data)?;
            if let Ok(mut slot) = slot.write() {
                *slot = Some(Arc::new(fitted));
            }
            Ok::<(), DriftError>(())
        },
        done,
    )
}

/// The estimator's columns read out of a column object (`targets_required`: `yTrue` must be
/// there).
pub(crate) fn read(
    object: &Object<'_>,
    columns: &Columns,
    targets_required: bool,
) -> JsResult<Owned> {
    let read = data(object, &columns.layout)?;
    let column = |name: &str, role: &str, required: bool| -> JsResult<Option<Values>> {
        match crate::monitoring_outputs::column(object, name, role)? {
            Some(value) => float_values(value, name).map(Some),
            None if required => Err(to_js(DriftError::Undefined(format!(
                "{role} column {name:?} is not in the data"
            )))),
            None => Ok(None),
        }
    };
    Ok(Owned {
        features: read.columns,
        timestamps: read.timestamps,
        y_pred: column(&columns.y_pred, "yPred", true)?.expect("required"),
        y_true: column(&columns.y_true, "yTrue", targets_required)?,
    })
}

/// Direct loss estimation (NannyML's `DLE`): `new DLE({ featureColumnNames, yPred, yTrue,
/// ... }).fit(reference)`, then `estimate(data)`: per chunk, each metric's estimate with its
/// sampling error band, thresholds from the reference chunks and an alert (and `realized`
/// where targets are given). Shared state is safe: a fitted estimator is immutable.
#[napi(namespace = "monitoring", js_name = "DLE")]
pub struct Dle {
    options: drift::DleOptions,
    columns: Columns,
    fitted: Slot<drift::Dle>,
}

impl Dle {
    fn fitted(&self) -> JsResult<Arc<drift::Dle>> {
        self.fitted
            .read()
            .ok()
            .and_then(|slot| slot.clone())
            .ok_or_else(|| {
                to_js(DriftError::Undefined(
                    "fit the estimator on reference data before estimate()".into(),
                ))
            })
    }

    fn read(&self, object: &Object<'_>, targets_required: bool) -> JsResult<Owned> {
        read(object, &self.columns, targets_required)
    }

    fn fit_owned(
        options: &drift::DleOptions,
        data: &Owned,
    ) -> std::result::Result<drift::Dle, DriftError> {
        drift::Dle::fit(
            &borrowed(&data.features),
            data.outputs(),
            data.timestamps.as_deref(),
            options,
        )
    }
}

/// The option `key` (`name` in JS), a string if given.
pub(crate) fn text(
    function: &str,
    own: &serde_json::Map<String, Value>,
    key: &str,
    name: &str,
) -> JsResult<Option<String>> {
    match own.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(invalid_type(format!("{function}: {name} must be a string"))),
    }
}

/// The option `key` (`name` in JS), a list of column names (empty if not given).
pub(crate) fn names(
    function: &str,
    own: &serde_json::Map<String, Value>,
    key: &str,
    name: &str,
) -> JsResult<Vec<String>> {
    match own.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(v) => serde_json::from_value(v.clone()).map_err(|_| {
            invalid_type(format!(
                "{function}: {name} must be an array of column names"
            ))
        }),
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "monitoring")]
impl Dle {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options: DleOptions")]
    pub fn new(options: Unknown<'_>) -> std::result::Result<Self, Error<Code>> {
        let (options, own): (drift::DleOptions, _) =
            crate::convert::options_and(FUNCTION, Some(options), &OWN_KEYS)?;
        options.check().map_err(to_js)?;
        let required = |key: &str, name: &str| {
            text(FUNCTION, &own, key, name)?.ok_or_else(|| {
                to_js(DriftError::Undefined(format!(
                    "{FUNCTION}: {name} is required"
                )))
            })
        };
        let features = names(FUNCTION, &own, "feature_column_names", "featureColumnNames")?;
        if features.is_empty() {
            return Err(to_js(DriftError::Undefined(format!(
                "{FUNCTION}: featureColumnNames must name at least one column"
            ))));
        }
        let columns = Columns {
            layout: Layout {
                column_names: features,
                timestamp_column_name: text(
                    FUNCTION,
                    &own,
                    "timestamp_column_name",
                    "timestampColumnName",
                )?,
                categorical: names(FUNCTION, &own, "categorical", "categorical")?,
            },
            y_pred: required("y_pred", "yPred")?,
            y_true: required("y_true", "yTrue")?,
        };
        Ok(Self {
            options,
            columns,
            fitted: Arc::new(RwLock::new(None)),
        })
    }

    /// Fits on the reference columns (targets required); returns the estimator.
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
        let data = self.read(&reference, true)?;
        let fitted = Self::fit_owned(&self.options, &data).map_err(to_js)?;
        *self
            .fitted
            .write()
            .map_err(|_| invalid_type("the estimator's state is poisoned"))? =
            Some(Arc::new(fitted));
        Ok(this.object)
    }

    /// `fit` on the libuv thread pool: a Promise that resolves once the estimator is fitted.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "reference: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Promise<void>"
    )]
    pub fn fit_async(
        &self,
        reference: Object<'_>,
    ) -> std::result::Result<Async<(), ()>, Error<Code>> {
        let data = self.read(&reference, true)?;
        let options = self.options.clone();
        Ok(fit_in_background(
            "monitoring.DLE.fitAsync",
            &self.fitted,
            data,
            move |data| Self::fit_owned(&options, data),
        ))
    }

    /// The reference chunks and the chunks of `data` (targets optional).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Array<DleRow>"
    )]
    pub fn estimate(&self, data: Object<'_>) -> std::result::Result<Plain, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self.read(&data, false)?;
        let rows = fitted
            .estimate(
                &borrowed(&data.features),
                data.outputs(),
                data.timestamps.as_deref(),
            )
            .map_err(to_js)?;
        Ok(rows_for_js(&rows))
    }

    /// `estimate` on the libuv thread pool (a Promise).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Promise<Array<DleRow>>"
    )]
    pub fn estimate_async(
        &self,
        data: Object<'_>,
    ) -> std::result::Result<Async<Vec<drift::DleRow>, Plain>, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self.read(&data, false)?;
        Ok(work(
            "monitoring.DLE.estimateAsync",
            move || {
                fitted.estimate(
                    &borrowed(&data.features),
                    data.outputs(),
                    data.timestamps.as_deref(),
                )
            },
            rows_plain,
        ))
    }

    /// The metrics estimated, in order.
    #[edgekit_macros::boundary]
    #[napi(
        getter,
        ts_return_type = "Array<'mae' | 'mape' | 'mse' | 'rmse' | 'msle' | 'rmsle'>"
    )]
    pub fn metrics(&self) -> Vec<&'static str> {
        self.options.metrics.iter().map(|m| m.name()).collect()
    }

    /// A `ChunkMonitor` fed batch by batch with this fitted estimator.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn monitor(&self) -> std::result::Result<ChunkMonitor, Error<Code>> {
        Ok(ChunkMonitor::new(
            Monitored::of(self.fitted()?.as_ref(), Monitored::Dle)?,
            Reader::Dle(self.columns.clone()),
        ))
    }

    /// The fitted estimator as JSON (with its column names).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        let fitted: Value = serde_json::from_str(&self.fitted()?.to_json())
            .map_err(|e| invalid_type(e.to_string()))?;
        let mut saved = self.columns.layout.saved("featureColumnNames");
        saved["yPred"] = Value::from(self.columns.y_pred.clone());
        saved["yTrue"] = Value::from(self.columns.y_true.clone());
        saved["fitted"] = fitted;
        Ok(saved.to_string())
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let bad = |e: String| to_js(DriftError::Undefined(format!("not a saved DLE: {e}")));
        let saved: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        let fitted = saved
            .get("fitted")
            .ok_or_else(|| bad("no fitted state".into()))?;
        let fitted = drift::Dle::from_json(&fitted.to_string()).map_err(to_js)?;
        let name = |key: &str| -> JsResult<String> {
            saved
                .get(key)
                .and_then(Value::as_str)
                .map(String::from)
                .ok_or_else(|| bad(format!("no {key}")))
        };
        let options = drift::DleOptions {
            metrics: fitted.metrics().to_vec(),
            ..Default::default()
        };
        Ok(Self {
            options,
            columns: Columns {
                layout: Layout::from_saved(&saved, "featureColumnNames", "DLE")?,
                y_pred: name("yPred")?,
                y_true: name("yTrue")?,
            },
            fitted: Arc::new(RwLock::new(Some(Arc::new(fitted)))),
        })
    }
}
