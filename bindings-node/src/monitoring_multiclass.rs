//! A multiclass model's outputs for `CBPE` and `PerformanceCalculator`
//! (`problemType: 'classification_multiclass'`): the class names (`classes`), one probability
//! column per class in that order (`yPredProba: string[]`), and the predicted and true classes
//! as label columns (strings, or numbers matched by their decimal form; null while a target is
//! unknown).

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use serde_json::Value;

use crate::errors::{JsResult, invalid_type, to_js};
use crate::input::{Values, float_values};
use crate::monitoring::timestamps;

/// Which columns hold a multiclass model's outputs.
#[derive(Clone)]
pub(crate) struct MulticlassColumns {
    pub(crate) classes: Vec<String>,
    pub(crate) y_pred_proba: Vec<String>,
    pub(crate) y_pred: String,
    pub(crate) y_true: String,
    pub(crate) timestamp_column_name: Option<String>,
}

/// What a calculator is built for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    Binary,
    Multiclass,
    Regression,
}

impl Problem {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Problem::Binary => "classification_binary",
            Problem::Multiclass => "classification_multiclass",
            Problem::Regression => "regression",
        }
    }
}

/// The problem type named in a calculator's options, one of `allowed`.
pub(crate) fn problem(
    function: &str,
    own: &serde_json::Map<String, Value>,
    allowed: &[Problem],
) -> JsResult<Problem> {
    let given = own.get("problem_type").and_then(Value::as_str);
    allowed
        .iter()
        .copied()
        .find(|p| Some(p.name()) == given)
        .ok_or_else(|| {
            let names: Vec<String> = allowed.iter().map(|p| format!("'{}'", p.name())).collect();
            to_js(DriftError::Undefined(format!(
                "{function}: problemType {:?}: use {}",
                own.get("problem_type"),
                names.join(" or ")
            )))
        })
}

/// The multiclass columns named in the options: `classes` and `yPredProba` (one column per
/// class), `yPred` and `yTrue`.
pub(crate) fn multiclass_columns(
    function: &str,
    own: &serde_json::Map<String, Value>,
) -> JsResult<MulticlassColumns> {
    let texts = |key: &str, name: &str| -> JsResult<Vec<String>> {
        let bad = || invalid_type(format!("{function}: {name} must be an array of strings"));
        let Some(Value::Array(items)) = own.get(key) else {
            return Err(bad());
        };
        if items.len() > drift::MAX_CLASSES {
            return Err(to_js(DriftError::Undefined(format!(
                "{function}: {} {name}; at most {} classes are supported",
                items.len(),
                drift::MAX_CLASSES
            ))));
        }
        items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(bad))
            .collect()
    };
    let text = |key: &str, name: &str, required: bool| -> JsResult<Option<String>> {
        match own.get(key) {
            Some(Value::String(s)) => Ok(Some(s.clone())),
            None | Some(Value::Null) if !required => Ok(None),
            _ => Err(invalid_type(format!(
                "{function}: {name} must be a column name"
            ))),
        }
    };
    let columns = MulticlassColumns {
        classes: texts("classes", "classes")?,
        y_pred_proba: texts("y_pred_proba", "yPredProba")?,
        y_pred: text("y_pred", "yPred", true)?.expect("required"),
        y_true: text("y_true", "yTrue", true)?.expect("required"),
        timestamp_column_name: text("timestamp_column_name", "timestampColumnName", false)?,
    };
    if columns.classes.len() != columns.y_pred_proba.len() {
        return Err(to_js(DriftError::Undefined(format!(
            "{function}: {} classes and {} yPredProba columns; give one column per class",
            columns.classes.len(),
            columns.y_pred_proba.len()
        ))));
    }
    Ok(columns)
}

/// A multiclass model's outputs taken out of a column object.
pub(crate) struct OwnedMulticlass {
    classes: Vec<String>,
    proba: Vec<Values>,
    y_pred: Vec<f64>,
    y_true: Option<Vec<f64>>,
    pub(crate) timestamps: Option<Vec<i64>>,
}

impl OwnedMulticlass {
    /// Runs `f` on the outputs as core takes them.
    pub(crate) fn with<R>(&self, f: impl FnOnce(drift::MulticlassOutputs<'_>) -> R) -> R {
        let columns: Vec<&[f64]> = self.proba.iter().map(|v| &**v).collect();
        f(drift::MulticlassOutputs {
            classes: &self.classes,
            y_pred_proba: &columns,
            y_pred: &self.y_pred,
            y_true: self.y_true.as_deref(),
        })
    }
}

fn column<'a>(data: &Object<'a>, name: &str, role: &str) -> JsResult<Option<Unknown<'a>>> {
    if !data.has_named_property(name).unwrap_or(false) {
        return Ok(None);
    }
    data.get_named_property(name)
        .map(Some)
        .map_err(|_| invalid_type(format!("{role} column {name:?} is unreadable")))
}

/// A label column as indexes into `classes` (NaN where null, if `missing_allowed`).
fn codes(
    value: Unknown<'_>,
    name: &str,
    classes: &[String],
    missing_allowed: bool,
) -> JsResult<Vec<f64>> {
    let labels: Vec<Option<String>> = if value.is_array().unwrap_or(false) {
        // SAFETY: `is_array` said this is a JS array.
        let array =
            unsafe { value.cast::<Array>() }.map_err(|_| invalid_type("expected an array"))?;
        let mut out = Vec::with_capacity(array.len() as usize);
        for i in 0..array.len() {
            let element: Option<Unknown> = array.get(i).ok().flatten();
            let label = match element {
                None => None,
                Some(e) => match e
                    .get_type()
                    .map_err(|_| invalid_type("unreadable element"))?
                {
                    ValueType::Null | ValueType::Undefined => None,
                    ValueType::String => Some(
                        unsafe { e.cast::<String>() }
                            .map_err(|_| invalid_type("unreadable string"))?,
                    ),
                    ValueType::Number => {
                        let x = unsafe { e.cast::<f64>() }
                            .map_err(|_| invalid_type("unreadable number"))?;
                        (!x.is_nan()).then(|| x.to_string())
                    }
                    other => {
                        return Err(invalid_type(format!(
                            "{name}[{i}] is a {other}; class labels are strings or numbers"
                        )));
                    }
                },
            };
            out.push(label);
        }
        out
    } else {
        float_values(value, name)?
            .iter()
            .map(|x| (!x.is_nan()).then(|| x.to_string()))
            .collect()
    };
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| match label {
            None if missing_allowed => Ok(f64::NAN),
            None => Err(to_js(DriftError::Undefined(format!(
                "{name}[{i}] is missing; every row needs a class here"
            )))),
            Some(l) => classes
                .iter()
                .position(|c| c == l)
                .map(|p| p as f64)
                .ok_or_else(|| {
                    to_js(DriftError::Undefined(format!(
                        "{name}[{i}] is {l:?}, not one of the classes {classes:?}"
                    )))
                }),
        })
        .collect()
}

/// The outputs of a multiclass model read out of `data`.
pub(crate) fn multiclass_outputs(
    data: &Object<'_>,
    columns: &MulticlassColumns,
    targets_required: bool,
) -> JsResult<OwnedMulticlass> {
    let missing = |role: &str, name: &str| {
        to_js(DriftError::Undefined(format!(
            "{role} column {name:?} is not in the data"
        )))
    };
    let proba = columns
        .y_pred_proba
        .iter()
        .map(|name| {
            float_values(
                column(data, name, "yPredProba")?.ok_or_else(|| missing("yPredProba", name))?,
                name,
            )
        })
        .collect::<JsResult<Vec<Values>>>()?;
    let y_pred = codes(
        column(data, &columns.y_pred, "yPred")?.ok_or_else(|| missing("yPred", &columns.y_pred))?,
        &columns.y_pred,
        &columns.classes,
        false,
    )?;
    let y_true = match column(data, &columns.y_true, "yTrue")? {
        Some(v) => Some(codes(v, &columns.y_true, &columns.classes, true)?),
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
    Ok(OwnedMulticlass {
        classes: columns.classes.clone(),
        proba,
        y_pred,
        y_true,
        timestamps,
    })
}

/// A multiclass fitted state saved with the column names that read it.
pub(crate) fn saved_multiclass(columns: &MulticlassColumns, fitted: &str) -> String {
    serde_json::json!({
        "problemType": Problem::Multiclass.name(),
        "classes": columns.classes,
        "yPredProba": columns.y_pred_proba,
        "yPred": columns.y_pred,
        "yTrue": columns.y_true,
        "timestampColumnName": columns.timestamp_column_name,
        "fitted": serde_json::from_str::<Value>(fitted).unwrap_or(Value::Null),
    })
    .to_string()
}

/// The problem type of saved state (binary where not written: older saves).
pub(crate) fn saved_problem(text: &str) -> Problem {
    let saved: Option<Value> = serde_json::from_str(text).ok();
    match saved
        .as_ref()
        .and_then(|v| v.get("problemType"))
        .and_then(Value::as_str)
    {
        Some("classification_multiclass") => Problem::Multiclass,
        Some("regression") => Problem::Regression,
        _ => Problem::Binary,
    }
}

/// The column names and the fitted state's JSON from [`saved_multiclass`] output.
pub(crate) fn from_saved_multiclass(
    text: &str,
    what: &str,
) -> JsResult<(MulticlassColumns, String)> {
    let bad = |e: String| to_js(DriftError::Undefined(format!("not a saved {what}: {e}")));
    let saved: Value = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    let mut own = serde_json::Map::new();
    for (from, to) in [
        ("classes", "classes"),
        ("yPredProba", "y_pred_proba"),
        ("yPred", "y_pred"),
        ("yTrue", "y_true"),
        ("timestampColumnName", "timestamp_column_name"),
    ] {
        if let Some(v) = saved.get(from) {
            own.insert(to.to_owned(), v.clone());
        }
    }
    let columns = multiclass_columns(what, &own)?;
    let fitted = saved
        .get("fitted")
        .ok_or_else(|| bad("no fitted state".into()))?;
    Ok((columns, fitted.to_string()))
}
