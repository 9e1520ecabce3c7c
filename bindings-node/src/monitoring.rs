//! `monitoring`: NannyML's calculators in camelCase over column objects
//! (`{ column: Float64Array | number[] | (string | null)[] }`). Options, defaults and limits
//! are core's; timestamps come in as ms since the epoch, `Date`s or ISO-8601 strings and go
//! out as ms since the epoch (`new Date(row.chunk.startDate)`).

use std::sync::Arc;

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::drift::report::{OwnedColumn, borrowed};
use crate::errors::{Code, JsResult, invalid_type, to_js};
use crate::input::float_values;
use crate::monitoring_stream::{ChunkMonitor, Monitored, Reader};
use crate::work::{Async, work};

const NANOS_PER_MS: f64 = 1e6;

/// Options of `DataReconstructionDriftCalculator` (defaults: core's `ReconstructionOptions`).
#[napi(object, namespace = "monitoring")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ReconstructionOptions {
    /// The feature columns, in order.
    pub column_names: Vec<String>,
    /// The column of timestamps (ms since the epoch, `Date`s or ISO-8601 strings).
    pub timestamp_column_name: Option<String>,
    /// Numeric columns that hold category codes (text columns always are categorical).
    pub categorical: Option<Vec<String>>,
    /// Components kept: a whole number, or a share of the variance in (0, 1) (default 0.65).
    pub n_components: Option<f64>,
    pub chunk_size: Option<f64>,
    pub chunk_number: Option<f64>,
    #[napi(ts_type = "'min' | 'h' | 'D' | 'W' | 'M' | 'Q' | 'Y'")]
    pub chunk_period: Option<String>,
    #[napi(ts_type = "'keep' | 'drop' | 'append'")]
    pub incomplete: Option<String>,
    #[napi(
        ts_type = "{ type: 'standardDeviation' | 'standard_deviation', stdLowerMultiplier?: number | null, stdUpperMultiplier?: number | null } | { type: 'constant', lower?: number | null, upper?: number | null }"
    )]
    pub threshold: Option<serde_json::Map<String, Value>>,
    #[napi(ts_type = "'mean' | 'median' | 'most_frequent'")]
    pub imputer_continuous: Option<String>,
    /// A warning band (none by default), set as `threshold` is; a chunk outside it but inside
    /// the thresholds has `severity: 'warning'`.
    #[napi(
        ts_type = "{ type: 'standardDeviation' | 'standard_deviation', stdLowerMultiplier?: number | null, stdUpperMultiplier?: number | null } | { type: 'constant', lower?: number | null, upper?: number | null }"
    )]
    pub warning_threshold: Option<serde_json::Map<String, Value>>,
}

/// How a calculator reads its data: which columns, which holds timestamps.
#[derive(Clone)]
pub(crate) struct Layout {
    pub(crate) column_names: Vec<String>,
    pub(crate) timestamp_column_name: Option<String>,
    pub(crate) categorical: Vec<String>,
}

impl Layout {
    /// The layout as saved state keeps it (`toJson()`), its column names under `names_key`.
    pub(crate) fn saved(&self, names_key: &str) -> Value {
        let mut out = serde_json::json!({
            "timestampColumnName": self.timestamp_column_name,
            "categorical": self.categorical,
        });
        out[names_key] = serde_json::json!(self.column_names);
        out
    }

    /// A layout saved by [`Layout::saved`]; `what` names the saved object in errors.
    pub(crate) fn from_saved(saved: &Value, names_key: &str, what: &str) -> JsResult<Layout> {
        let names = |key: &str| -> JsResult<Vec<String>> {
            serde_json::from_value(saved.get(key).cloned().unwrap_or(Value::Null)).map_err(|e| {
                to_js(DriftError::Undefined(format!(
                    "not a saved {what}: {key}: {e}"
                )))
            })
        };
        Ok(Layout {
            column_names: names(names_key)?,
            timestamp_column_name: saved
                .get("timestampColumnName")
                .and_then(Value::as_str)
                .map(String::from),
            categorical: names("categorical")?,
        })
    }
}

fn strings(function: &str, key: &str, value: Option<&Value>) -> JsResult<Option<Vec<String>>> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v.clone()).map(Some).map_err(|_| {
            invalid_type(format!(
                "{function}: {key} must be an array of column names"
            ))
        }),
    }
}

pub(crate) fn layout_and<T: serde::de::DeserializeOwned>(
    function: &str,
    options: Option<Unknown<'_>>,
) -> JsResult<(T, Layout)> {
    let (options, own) = crate::convert::options_and(
        function,
        options,
        &["column_names", "timestamp_column_name", "categorical"],
    )?;
    let column_names = strings(function, "columnNames", own.get("column_names"))?
        .ok_or_else(|| invalid_type(format!("{function}: columnNames is required")))?;
    let timestamp_column_name = match own.get("timestamp_column_name") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(invalid_type(format!(
                "{function}: timestampColumnName must be a string"
            )));
        }
    };
    let categorical = strings(function, "categorical", own.get("categorical"))?.unwrap_or_default();
    Ok((
        options,
        Layout {
            column_names,
            timestamp_column_name,
            categorical,
        },
    ))
}

/// Timestamps in ns since the epoch from ms numbers, `Date`s or ISO-8601 strings.
pub(crate) fn timestamps(value: Unknown<'_>, name: &str) -> JsResult<Vec<i64>> {
    let bad = |i: usize, what: &str| {
        to_js(DriftError::Undefined(format!(
            "timestamp column {name:?}[{i}] is {what}; expected ms since the epoch, a Date or an ISO-8601 string"
        )))
    };
    let from_ms = |i: usize, ms: f64| {
        // i64 nanoseconds reach the year 2262.
        if ms.is_finite() && ms.abs() < 9.2e12 {
            Ok((ms * NANOS_PER_MS).round() as i64)
        } else {
            Err(bad(i, &format!("{ms}")))
        }
    };
    if value.is_array().unwrap_or(false) {
        // SAFETY: `is_array` said this is a JS array.
        let array =
            unsafe { value.cast::<Array>() }.map_err(|_| invalid_type("expected an array"))?;
        let mut out = Vec::with_capacity(array.len() as usize);
        for i in 0..array.len() as usize {
            let element: Option<Unknown> = array.get(i as u32).ok().flatten();
            let Some(element) = element else {
                return Err(bad(i, "missing"));
            };
            match element
                .get_type()
                .map_err(|_| invalid_type("unreadable element"))?
            {
                ValueType::Number => {
                    let ms = unsafe { element.cast::<f64>() }.map_err(|_| bad(i, "unreadable"))?;
                    out.push(from_ms(i, ms)?);
                }
                ValueType::String => {
                    let text =
                        unsafe { element.cast::<String>() }.map_err(|_| bad(i, "unreadable"))?;
                    out.push(
                        drift::parse_timestamp(&text)
                            .ok_or_else(|| bad(i, &format!("{text:?}")))?,
                    );
                }
                ValueType::Object if element.is_date().unwrap_or(false) => {
                    let date = unsafe { element.cast::<napi::JsDate>() }
                        .map_err(|_| bad(i, "unreadable"))?;
                    let ms = date.value_of().map_err(|_| bad(i, "unreadable"))?;
                    out.push(from_ms(i, ms)?);
                }
                other => return Err(bad(i, &format!("a {other}"))),
            }
        }
        return Ok(out);
    }
    let values = float_values(value, name)?;
    values
        .iter()
        .enumerate()
        .map(|(i, &ms)| from_ms(i, ms))
        .collect()
}

/// The calculator's columns and timestamps taken out of a column object.
pub(crate) struct Data {
    pub(crate) columns: Vec<OwnedColumn>,
    pub(crate) timestamps: Option<Vec<i64>>,
}

pub(crate) fn data(columns: &Object<'_>, layout: &Layout) -> JsResult<Data> {
    let all = owned_columns_named(columns, layout)?;
    let timestamps = match &layout.timestamp_column_name {
        None => None,
        Some(name) => {
            let value: Unknown = columns
                .get(name)
                .map_err(|_| invalid_type(format!("column {name:?} is unreadable")))?
                .ok_or_else(|| {
                    to_js(DriftError::Undefined(format!(
                        "timestamp column {name:?} is not in the data"
                    )))
                })?;
            Some(timestamps(value, name)?)
        }
    };
    Ok(Data {
        columns: all,
        timestamps,
    })
}

/// The feature columns only (a column object often carries ids, targets and timestamps too).
fn owned_columns_named(columns: &Object<'_>, layout: &Layout) -> JsResult<Vec<OwnedColumn>> {
    let missing: Vec<&String> = layout
        .column_names
        .iter()
        .filter(|n| !columns.has_named_property(n).unwrap_or(false))
        .collect();
    if !missing.is_empty() {
        return Err(to_js(DriftError::Undefined(format!(
            "data is missing the columns {missing:?}"
        ))));
    }
    crate::drift::report::owned_columns_named(columns, &layout.column_names, &layout.categorical)
}

/// Rows with chunk dates in ms since the epoch (JavaScript's `Date` unit).
pub(crate) fn rows_for_js<T: serde::Serialize>(rows: &[T]) -> Plain {
    let mut value = edgekit::contract::to_value(rows);
    if let Value::Array(rows) = &mut value {
        for row in rows {
            for key in ["start_date", "end_date"] {
                if let Some(date) = row.pointer_mut(&format!("/chunk/{key}"))
                    && let Some(ns) = date.as_i64()
                {
                    *date = serde_json::json!(ns as f64 / NANOS_PER_MS);
                }
            }
        }
    }
    Plain::of_value(value)
}

fn rows_plain(rows: Vec<drift::ReconstructionRow>) -> JsResult<Plain> {
    Ok(rows_for_js(&rows))
}

/// Multivariate drift as PCA reconstruction error (NannyML's
/// `DataReconstructionDriftCalculator`): `new ...({ columnNames, ... }).fit(reference)`, then
/// `calculate(data)` for the reference chunks and the data's, each with its value, sampling
/// error band, thresholds and alert.
#[napi(namespace = "monitoring")]
pub struct DataReconstructionDriftCalculator {
    options: drift::ReconstructionOptions,
    layout: Layout,
    fitted: Option<Arc<drift::ReconstructionDrift>>,
}

impl DataReconstructionDriftCalculator {
    fn fitted(&self) -> JsResult<Arc<drift::ReconstructionDrift>> {
        self.fitted.clone().ok_or_else(|| {
            to_js(DriftError::Undefined(
                "fit the calculator on reference data before calculate()".into(),
            ))
        })
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "monitoring")]
impl DataReconstructionDriftCalculator {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options: ReconstructionOptions")]
    pub fn new(options: Unknown<'_>) -> std::result::Result<Self, Error<Code>> {
        let (options, layout) = layout_and::<drift::ReconstructionOptions>(
            "monitoring.DataReconstructionDriftCalculator",
            Some(options),
        )?;
        // Checked now, so a bad chunking or threshold fails at construction, as in NannyML.
        options.threshold.validate().map_err(to_js)?;
        drift::Chunking::from_arguments(
            options.chunk_size,
            options.chunk_number,
            options.chunk_period,
            options.incomplete,
        )
        .map_err(to_js)?;
        Ok(Self {
            options,
            layout,
            fitted: None,
        })
    }

    /// Fits on the reference columns; returns the calculator.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "reference: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[] | Date[]>",
        ts_return_type = "this"
    )]
    pub fn fit<'scope>(
        &mut self,
        this: This<'scope>,
        reference: Object<'_>,
    ) -> std::result::Result<Object<'scope>, Error<Code>> {
        let data = data(&reference, &self.layout)?;
        let fitted = drift::ReconstructionDrift::fit(
            &borrowed(&data.columns),
            data.timestamps.as_deref(),
            &self.options,
        )
        .map_err(to_js)?;
        self.fitted = Some(Arc::new(fitted));
        Ok(this.object)
    }

    /// The reference chunks and the chunks of `data`.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[] | Date[]>",
        ts_return_type = "Array<ReconstructionRow>"
    )]
    pub fn calculate(&self, data: Object<'_>) -> std::result::Result<Plain, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self::data(&data, &self.layout)?;
        let rows = fitted
            .calculate(&borrowed(&data.columns), data.timestamps.as_deref())
            .map_err(to_js)?;
        Ok(rows_for_js(&rows))
    }

    /// `calculate` on the libuv thread pool (a Promise).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[] | Date[]>",
        ts_return_type = "Promise<Array<ReconstructionRow>>"
    )]
    pub fn calculate_async(
        &self,
        data: Object<'_>,
    ) -> std::result::Result<Async<Vec<drift::ReconstructionRow>, Plain>, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self::data(&data, &self.layout)?;
        Ok(work(
            "monitoring.DataReconstructionDriftCalculator.calculateAsync",
            move || fitted.calculate(&borrowed(&data.columns), data.timestamps.as_deref()),
            rows_plain,
        ))
    }

    /// Share of the reference variance each kept component explains (empty before `fit`).
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn explained_variance_ratio(&self) -> Vec<f64> {
        self.fitted
            .as_ref()
            .map(|f| f.explained_variance_ratio().to_vec())
            .unwrap_or_default()
    }

    /// The fitted `[lower, upper]` thresholds (`null`: open; both null before `fit`).
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "[number | null, number | null]")]
    pub fn thresholds(&self) -> Vec<Option<f64>> {
        let (l, u) = self
            .fitted
            .as_ref()
            .map(|f| f.thresholds())
            .unwrap_or((None, None));
        vec![l, u]
    }

    /// A `ChunkMonitor` fed batch by batch with this fitted calculator.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn monitor(&self) -> std::result::Result<ChunkMonitor, Error<Code>> {
        let monitored = Monitored::of(self.fitted()?.as_ref(), Monitored::Reconstruction)?;
        Ok(ChunkMonitor::new(
            monitored,
            Reader::Columns(self.layout.clone()),
        ))
    }

    /// The fitted calculator as JSON (with how it reads its columns).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        let fitted = self.fitted()?;
        let mut saved = self.layout.saved("columnNames");
        saved["fitted"] = serde_json::from_str::<Value>(&fitted.to_json()).unwrap_or(Value::Null);
        Ok(saved.to_string())
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let bad = |e: String| {
            to_js(DriftError::Undefined(format!(
                "not a saved calculator: {e}"
            )))
        };
        let saved: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        let layout = Layout::from_saved(&saved, "columnNames", "calculator")?;
        let fitted = saved
            .get("fitted")
            .ok_or_else(|| bad("no fitted state".into()))?;
        let fitted = drift::ReconstructionDrift::from_json(&fitted.to_string()).map_err(to_js)?;
        Ok(Self {
            options: drift::ReconstructionOptions::default(),
            layout,
            fitted: Some(Arc::new(fitted)),
        })
    }
}
