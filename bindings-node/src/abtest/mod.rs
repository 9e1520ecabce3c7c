//! Experiment statistics, one submodule per family of tests; shared conversions here.

pub(crate) use crate::errors::JsResult;

/// A JS number that must be a whole count (negatives are left to core, which names them).
pub(crate) fn count(value: f64, argument: &str) -> JsResult<i64> {
    crate::input::integer(value, i64::MIN + 1, argument)
}

pub(crate) fn counts(values: &[f64], argument: &str) -> JsResult<Vec<i64>> {
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| count(v, &format!("{argument}[{i}]")))
        .collect()
}

mod batch;
pub(crate) mod decisions;
pub(crate) mod means;
mod models;
pub(crate) mod proportions;
mod sequential;
