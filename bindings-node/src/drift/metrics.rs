//! `drift` namespace, continued: realized performance metrics (classification, regression).

use edgekit::drift;
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, to_js};
use crate::input::{float_values, integer};

/// Class labels: whole numbers, never truncated.
fn labels_of(value: Unknown<'_>, argument: &str) -> JsResult<Vec<i64>> {
    let values = float_values(value, argument)?;
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| integer(v, -(1i64 << 53), &format!("{argument}[{i}]")))
        .collect()
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "classificationMetrics",
    namespace = "drift",
    ts_args_type = "yTrue: ArrayLike<number> | Int32Array | Float64Array, yPred: ArrayLike<number> | Int32Array | Float64Array, labels?: ArrayLike<number> | null",
    ts_return_type = "ClassificationMetrics"
)]
pub fn classification_metrics(
    y_true: Unknown<'_>,
    y_pred: Unknown<'_>,
    labels: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let (t, p) = (labels_of(y_true, "yTrue")?, labels_of(y_pred, "yPred")?);
    let labels = match labels {
        Some(l) if !matches!(l.get_type(), Ok(ValueType::Null | ValueType::Undefined)) => {
            Some(labels_of(l, "labels")?)
        }
        _ => None,
    };
    drift::classification_metrics(&t, &p, labels.as_deref())
        .map(|m| Plain::of(&m))
        .map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "regressionMetrics",
    namespace = "drift",
    ts_args_type = "yTrue: Float64Array | ArrayLike<number>, yPred: Float64Array | ArrayLike<number>",
    ts_return_type = "RegressionMetrics"
)]
pub fn regression_metrics(
    y_true: Unknown<'_>,
    y_pred: Unknown<'_>,
) -> std::result::Result<Plain, Error<Code>> {
    let (t, p) = (
        float_values(y_true, "yTrue")?,
        float_values(y_pred, "yPred")?,
    );
    drift::regression_metrics(&t, &p)
        .map(|m| Plain::of(&m))
        .map_err(to_js)
}
