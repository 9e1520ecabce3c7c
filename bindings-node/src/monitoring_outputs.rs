//! The output columns of NannyML-style performance calculators (`CBPE`,
//! `PerformanceCalculator`): which columns hold the predictions, targets and timestamps, read
//! out of a column object, and saved with the fitted state.

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use serde_json::Value;

use crate::errors::{JsResult, invalid_type, to_js};
use crate::input::float_values;
use crate::monitoring::timestamps;

/// Which columns hold a binary classifier's outputs.
#[derive(Clone)]
pub(crate) struct OutputColumns {
    pub(crate) y_pred_proba: Option<String>,
    pub(crate) y_pred: Option<String>,
    pub(crate) y_true: String,
    pub(crate) timestamp_column_name: Option<String>,
}

/// A binary classifier's outputs taken out of a column object.
pub(crate) struct OwnedOutputs {
    rows: usize,
    y_pred_proba: Option<crate::input::Values>,
    pub(crate) y_pred: Option<crate::input::Values>,
    pub(crate) y_true: Option<crate::input::Values>,
    pub(crate) timestamps: Option<Vec<i64>>,
}

impl OwnedOutputs {
    /// The outputs, a column no metric reads given as zeros (`zeros` holds them).
    pub(crate) fn borrowed<'a>(&'a self, zeros: &'a mut Vec<f64>) -> drift::BinaryOutputs<'a> {
        zeros.resize(self.rows, 0.0);
        let zeros: &'a [f64] = zeros;
        drift::BinaryOutputs {
            y_pred_proba: self.y_pred_proba.as_deref().unwrap_or(zeros),
            y_pred: self.y_pred.as_deref().unwrap_or(zeros),
            y_true: self.y_true.as_deref(),
        }
    }
}

/// The column `name` of a column object, if it has one.
pub(crate) fn column<'a>(
    data: &Object<'a>,
    name: &str,
    role: &str,
) -> JsResult<Option<Unknown<'a>>> {
    if !data.has_named_property(name).unwrap_or(false) {
        return Ok(None);
    }
    let value: Unknown = data
        .get_named_property(name)
        .map_err(|_| invalid_type(format!("{role} column {name:?} is unreadable")))?;
    Ok(Some(value))
}

pub(crate) fn outputs(
    data: &Object<'_>,
    columns: &OutputColumns,
    targets_required: bool,
) -> JsResult<OwnedOutputs> {
    let missing = |role: &str, name: &str| {
        to_js(DriftError::Undefined(format!(
            "{role} column {name:?} is not in the data"
        )))
    };
    let y_pred_proba = match &columns.y_pred_proba {
        Some(name) => Some(float_values(
            column(data, name, "yPredProba")?.ok_or_else(|| missing("yPredProba", name))?,
            name,
        )?),
        None => None,
    };
    let y_pred = match &columns.y_pred {
        Some(name) => Some(float_values(
            column(data, name, "yPred")?.ok_or_else(|| missing("yPred", name))?,
            name,
        )?),
        None => None,
    };
    let y_true = match column(data, &columns.y_true, "yTrue")? {
        Some(v) => Some(float_values(v, &columns.y_true)?),
        None if targets_required => return Err(missing("yTrue", &columns.y_true)),
        None => None,
    };
    let timestamps = match &columns.timestamp_column_name {
        Some(name) => Some(timestamps(
            column(data, name, "timestamp")?.ok_or_else(|| missing("timestamp", name))?,
            name,
        )?),
        None => None,
    };
    let rows = [&y_pred_proba, &y_pred, &y_true]
        .iter()
        .find_map(|c| c.as_ref().map(|v| v.len()))
        .unwrap_or(0);
    Ok(OwnedOutputs {
        rows,
        y_pred_proba,
        y_pred,
        y_true,
        timestamps,
    })
}

/// The output columns named in a calculator's options (`own`, the keys the face reads
/// itself), after checking the problem type and that each metric's column is named.
pub(crate) fn output_columns(
    function: &str,
    own: &serde_json::Map<String, Value>,
    metrics: Option<&[drift::ClassificationMetric]>,
) -> JsResult<OutputColumns> {
    let text = |key: &str, name: &str, required: bool| -> JsResult<Option<String>> {
        match own.get(key) {
            Some(Value::String(s)) => Ok(Some(s.clone())),
            None | Some(Value::Null) if !required => Ok(None),
            _ => Err(invalid_type(format!(
                "{function}: {name} must be a column name"
            ))),
        }
    };
    let columns = OutputColumns {
        y_pred_proba: text("y_pred_proba", "yPredProba", false)?,
        y_pred: text("y_pred", "yPred", false)?,
        y_true: text("y_true", "yTrue", true)?.expect("required"),
        timestamp_column_name: text("timestamp_column_name", "timestampColumnName", false)?,
    };
    let Some(metrics) = metrics else {
        // A regression model: its predictions are all it has.
        if columns.y_pred.is_none() {
            return Err(to_js(DriftError::Undefined(format!(
                "{function}: yPred is required for regression"
            ))));
        }
        return Ok(OutputColumns {
            y_pred_proba: None,
            ..columns
        });
    };
    let auc = drift::ClassificationMetric::RocAuc;
    if columns.y_pred_proba.is_none() && metrics.contains(&auc) {
        return Err(to_js(DriftError::Undefined(format!(
            "{function}: yPredProba is required for roc_auc"
        ))));
    }
    if columns.y_pred.is_none() && metrics.iter().any(|&m| m != auc) {
        return Err(to_js(DriftError::Undefined(format!(
            "{function}: yPred is required for every metric but roc_auc"
        ))));
    }
    Ok(columns)
}

/// The keys of a calculator's options that name columns (read by the face, not core).
pub(crate) const COLUMN_KEYS: [&str; 6] = [
    "classes",
    "y_pred_proba",
    "y_pred",
    "y_true",
    "problem_type",
    "timestamp_column_name",
];

/// A fitted state saved with the column names that read it.
pub(crate) fn saved(columns: &OutputColumns, fitted: &str) -> String {
    serde_json::json!({
        "yPredProba": columns.y_pred_proba,
        "yPred": columns.y_pred,
        "yTrue": columns.y_true,
        "timestampColumnName": columns.timestamp_column_name,
        "fitted": serde_json::from_str::<Value>(fitted).unwrap_or(Value::Null),
    })
    .to_string()
}

/// The column names and the fitted state's JSON from [`saved`] output.
pub(crate) fn from_saved(text: &str, what: &str) -> JsResult<(OutputColumns, String)> {
    let bad = |e: String| to_js(DriftError::Undefined(format!("not a saved {what}: {e}")));
    let saved: Value = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    let name = |key: &str| saved.get(key).and_then(Value::as_str).map(String::from);
    let columns = OutputColumns {
        y_pred_proba: name("yPredProba"),
        y_pred: name("yPred"),
        y_true: name("yTrue").ok_or_else(|| bad("no yTrue".into()))?,
        timestamp_column_name: name("timestampColumnName"),
    };
    let fitted = saved
        .get("fitted")
        .ok_or_else(|| bad("no fitted state".into()))?;
    Ok((columns, fitted.to_string()))
}
