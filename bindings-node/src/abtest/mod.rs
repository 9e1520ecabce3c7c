//! Experiment statistics, one submodule per family of tests; shared conversions here.

use edgekit::abtest::{self, AbtestError};
use napi::bindgen_prelude::*;
use napi_derive::napi;

pub(crate) use crate::errors::JsResult;
use crate::errors::to_js;

pub(crate) type Nullable = Either<f64, Null>;

pub(crate) fn nullable(value: Option<f64>) -> Nullable {
    value.map_or(Either::B(Null), Either::A)
}

pub(crate) fn parse<T: std::str::FromStr<Err = AbtestError>>(
    text: Option<String>,
    default: T,
) -> JsResult<T> {
    text.map_or(Ok(default), |t| t.parse::<T>().map_err(to_js))
}

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

/// Result of a two-group test; `effect` is b − a, `ci` is [low, high] (±Infinity one-sided).
#[napi(object)]
pub struct TestResult {
    pub method: String,
    pub statistic: f64,
    pub pvalue: f64,
    #[napi(ts_type = "number | null")]
    pub df: Nullable,
    pub effect: f64,
    pub ci: Vec<f64>,
    #[napi(ts_type = "number | null")]
    pub relative_effect: Nullable,
    #[napi(ts_type = "number[] | null")]
    pub relative_ci: Either<Vec<f64>, Null>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: String,
    pub confidence: f64,
}

impl From<abtest::TestResult> for TestResult {
    fn from(r: abtest::TestResult) -> Self {
        TestResult {
            method: r.method,
            statistic: r.statistic,
            pvalue: r.pvalue,
            df: nullable(r.df),
            effect: r.effect,
            ci: vec![r.ci.0, r.ci.1],
            relative_effect: nullable(r.relative_effect),
            relative_ci: r
                .relative_ci
                .map_or(Either::B(Null), |(low, high)| Either::A(vec![low, high])),
            alternative: r.alternative.as_str().to_owned(),
            confidence: r.confidence,
        }
    }
}

mod batch;
pub(crate) mod decisions;
pub(crate) mod means;
mod models;
pub(crate) mod proportions;
mod sequential;
