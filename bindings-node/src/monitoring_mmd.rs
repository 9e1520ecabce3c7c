//! `monitoring.MMDDrift`: alibi-detect's multivariate MMD test in camelCase over column objects
//! (`{ column: Float64Array | number[] }`). Options, defaults and limits are core's
//! `MmdDriftOptions`; the rows are assembled from the named columns in order.

use std::sync::Arc;

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, invalid_type, to_js};
use crate::input::float_values;
use crate::work::{Async, work};

const FUNCTION: &str = "monitoring.MMDDrift";

/// Options of `MMDDrift` (defaults: core's `MmdDriftOptions`).
#[napi(object, namespace = "monitoring")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct MmdDriftOptions {
    /// The numeric columns that make a row, in order.
    pub column_names: Vec<String>,
    /// Drift when the permutation p-value is below this (default 0.05).
    pub p_val: Option<f64>,
    /// Permutations of the pooled rows (default 100).
    pub n_permutations: Option<f64>,
    /// Kernel bandwidth (default: the median heuristic on the reference).
    pub sigma: Option<f64>,
    /// Seed of the permutations (default 0).
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<Value>,
}

/// The named columns as row-major values.
fn rows(data: &Object<'_>, names: &[String], argument: &str) -> JsResult<Vec<f64>> {
    let mut columns = Vec::with_capacity(names.len());
    for name in names {
        let value: Unknown = data
            .get(name)
            .map_err(|_| invalid_type(format!("column {name:?} is unreadable")))?
            .ok_or_else(|| {
                to_js(DriftError::Undefined(format!(
                    "{argument} is missing the column {name:?}"
                )))
            })?;
        columns.push(float_values(value, name)?);
    }
    let length = columns[0].len();
    if let Some((name, c)) = names.iter().zip(&columns).find(|(_, c)| c.len() != length) {
        return Err(to_js(DriftError::Undefined(format!(
            "{argument}: column {name:?} has {} values but {:?} has {length}",
            c.len(),
            names[0]
        ))));
    }
    let mut values = Vec::with_capacity(length * names.len());
    for r in 0..length {
        values.extend(columns.iter().map(|c| c[r]));
    }
    Ok(values)
}

fn result_plain(result: drift::MmdDriftResult) -> JsResult<Plain> {
    Ok(Plain::of(&result))
}

/// Multivariate drift by maximum mean discrepancy (alibi-detect's `MMDDrift`):
/// `new MMDDrift({ columnNames, pVal, nPermutations, sigma, seed }).fit(reference)`, then
/// `predict(data)` for `{ isDrift, pVal, threshold, distance, distanceThreshold, sigma }`.
#[napi(namespace = "monitoring", js_name = "MMDDrift")]
pub struct MmdDrift {
    options: drift::MmdDriftOptions,
    column_names: Vec<String>,
    fitted: Option<Arc<drift::MmdDrift>>,
}

impl MmdDrift {
    fn fitted(&self) -> JsResult<Arc<drift::MmdDrift>> {
        self.fitted.clone().ok_or_else(|| {
            to_js(DriftError::Undefined(
                "fit the detector on reference data before predict()".into(),
            ))
        })
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "monitoring")]
impl MmdDrift {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options: MmdDriftOptions")]
    pub fn new(options: Unknown<'_>) -> std::result::Result<Self, Error<Code>> {
        let (options, own): (drift::MmdDriftOptions, _) =
            crate::convert::options_and(FUNCTION, Some(options), &["column_names"])?;
        let column_names: Vec<String> = match own.get("column_names") {
            Some(v) => serde_json::from_value(v.clone()).map_err(|_| {
                invalid_type(format!(
                    "{FUNCTION}: columnNames must be an array of column names"
                ))
            })?,
            None => Vec::new(),
        };
        options.check().map_err(to_js)?;
        if column_names.is_empty() {
            return Err(to_js(DriftError::Undefined(format!(
                "{FUNCTION}: columnNames must name at least one numeric column"
            ))));
        }
        Ok(Self {
            options,
            column_names,
            fitted: None,
        })
    }

    /// Keeps the reference rows and fixes the bandwidth; returns the detector.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "reference: Record<string, Float64Array | ArrayLike<number>>",
        ts_return_type = "this"
    )]
    pub fn fit<'scope>(
        &mut self,
        this: This<'scope>,
        reference: Object<'_>,
    ) -> std::result::Result<Object<'scope>, Error<Code>> {
        let values = rows(&reference, &self.column_names, "reference")?;
        let fitted =
            drift::MmdDrift::fit(&values, self.column_names.len(), self.options).map_err(to_js)?;
        self.fitted = Some(Arc::new(fitted));
        Ok(this.object)
    }

    /// Tests the rows of `data` against the reference.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number>>",
        ts_return_type = "MmdDriftResult"
    )]
    pub fn predict(&self, data: Object<'_>) -> std::result::Result<Plain, Error<Code>> {
        let fitted = self.fitted()?;
        let values = rows(&data, &self.column_names, "data")?;
        fitted.test(&values).map(|r| Plain::of(&r)).map_err(to_js)
    }

    /// `predict` on the libuv thread pool (a Promise).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number>>",
        ts_return_type = "Promise<MmdDriftResult>"
    )]
    pub fn predict_async(
        &self,
        data: Object<'_>,
    ) -> std::result::Result<Async<drift::MmdDriftResult, Plain>, Error<Code>> {
        let fitted = self.fitted()?;
        let values = rows(&data, &self.column_names, "data")?;
        Ok(work(
            "monitoring.MMDDrift.predictAsync",
            move || fitted.test(&values),
            result_plain,
        ))
    }

    /// The kernel bandwidth (null before `fit`).
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn sigma(&self) -> Option<f64> {
        self.fitted.as_ref().map(|f| f.sigma())
    }

    /// The fitted detector as JSON (with its column names and reference rows).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        let fitted: Value = serde_json::from_str(&self.fitted()?.to_json())
            .map_err(|e| invalid_type(e.to_string()))?;
        Ok(serde_json::json!({ "column_names": self.column_names, "fitted": fitted }).to_string())
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let refuse = |why: String| {
            to_js(DriftError::Undefined(format!(
                "not a saved MMDDrift: {why}"
            )))
        };
        let saved: Value = serde_json::from_str(&text).map_err(|e| refuse(e.to_string()))?;
        let column_names: Vec<String> = saved
            .get("column_names")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .ok_or_else(|| refuse("no column_names".into()))?;
        let fitted = saved
            .get("fitted")
            .ok_or_else(|| refuse("no fitted detector".into()))?;
        let fitted = drift::MmdDrift::from_json(&fitted.to_string()).map_err(to_js)?;
        if fitted.columns() != column_names.len() {
            return Err(refuse("the column names do not match the detector".into()));
        }
        Ok(Self {
            options: *fitted.options(),
            column_names,
            fitted: Some(Arc::new(fitted)),
        })
    }
}
