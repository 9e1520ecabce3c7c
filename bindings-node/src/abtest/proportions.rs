//! Conversion-rate tests: single, batched, and one-proportion intervals.

use crate::convert::Plain;
use edgekit::abtest::{self, TwoProportionsOptions as CoreTwoProportions};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, convert, work};

use super::{count, counts};
use crate::errors::{Code, JsResult, to_js};
use crate::input::float_values;

/// Options for `twoProportions`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct TwoProportionsOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    #[napi(
        ts_type = "'z-pooled' | 'z-unpooled' | 'chi2' | 'chi2-yates' | 'fisher' | 'barnard' | 'barnard-unpooled' | 'boschloo'"
    )]
    pub method: Option<String>,
    #[napi(ts_type = "'wald' | 'agresti-caffo' | 'newcomb' | 'score'")]
    pub ci_method: Option<String>,
    pub confidence: Option<f64>,
}

/// Compare conversion rates of control a (xA of nA) and treatment b; effect is pB − pA.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "xA: number, nA: number, xB: number, nB: number, options?: TwoProportionsOptions | undefined | null",
    ts_return_type = "TestResult"
)]
pub fn two_proportions(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options =
        crate::convert::options::<abtest::TwoProportionsOptions>("abtest.twoProportions", options)?;
    abtest::two_proportions(
        count(x_a, "x_a")?,
        count(n_a, "n_a")?,
        count(x_b, "x_b")?,
        count(n_b, "n_b")?,
        &options,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// Columns of batch results.
#[napi(object)]
pub struct BatchResult {
    pub statistic: Float64Array,
    pub pvalue: Float64Array,
    pub effect: Float64Array,
    pub ci_low: Float64Array,
    pub ci_high: Float64Array,
}

impl From<abtest::BatchResult> for BatchResult {
    fn from(r: abtest::BatchResult) -> Self {
        BatchResult {
            statistic: r.statistic.into(),
            pvalue: r.pvalue.into(),
            effect: r.effect.into(),
            ci_low: r.ci_low.into(),
            ci_high: r.ci_high.into(),
        }
    }
}

pub struct BatchJob {
    columns: [Vec<i64>; 4],
    options: CoreTwoProportions,
}

pub(crate) fn batch_task(
    function: &str,
    columns: [Unknown<'_>; 4],
    options: Option<Unknown<'_>>,
) -> JsResult<BatchJob> {
    let names = ["x_a", "n_a", "x_b", "n_b"];
    let mut read = Vec::with_capacity(4);
    for (column, name) in columns.into_iter().zip(names) {
        read.push(counts(&float_values(column, name)?, name)?);
    }
    let [x_a, n_a, x_b, n_b]: [Vec<i64>; 4] = read.try_into().expect("four columns");
    Ok(BatchJob {
        columns: [x_a, n_a, x_b, n_b],
        options: crate::convert::options(function, options)?,
    })
}

/// `twoProportions` on every row of four count columns, in parallel.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "xA: Float64Array | ArrayLike<number> | ArrayBuffer, nA: Float64Array | ArrayLike<number> | ArrayBuffer, xB: Float64Array | ArrayLike<number> | ArrayBuffer, nB: Float64Array | ArrayLike<number> | ArrayBuffer, options?: TwoProportionsOptions"
)]
pub fn two_proportions_batch(
    x_a: Unknown<'_>,
    n_a: Unknown<'_>,
    x_b: Unknown<'_>,
    n_b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<BatchResult, Error<Code>> {
    let mut task = batch_task("abtest.twoProportionsBatch", [x_a, n_a, x_b, n_b], options)?;
    let [x_a, n_a, x_b, n_b] = std::mem::take(&mut task.columns);
    abtest::two_proportions_batch(&x_a, &n_a, &x_b, &n_b, &task.options)
        .map(BatchResult::from)
        .map_err(to_js)
}

/// `twoProportionsBatch` on the libuv thread pool (a Promise).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "xA: Float64Array | ArrayLike<number> | ArrayBuffer, nA: Float64Array | ArrayLike<number> | ArrayBuffer, xB: Float64Array | ArrayLike<number> | ArrayBuffer, nB: Float64Array | ArrayLike<number> | ArrayBuffer, options?: TwoProportionsOptions",
    ts_return_type = "Promise<BatchResult>"
)]
pub fn two_proportions_batch_async(
    x_a: Unknown<'_>,
    n_a: Unknown<'_>,
    x_b: Unknown<'_>,
    n_b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<abtest::BatchResult, BatchResult>, Error<Code>> {
    let job = batch_task(
        "abtest.twoProportionsBatchAsync",
        [x_a, n_a, x_b, n_b],
        options,
    )?;
    Ok(work(
        "twoProportionsBatchAsync",
        move || {
            let [x_a, n_a, x_b, n_b] = &job.columns;
            abtest::two_proportions_batch(x_a, n_a, x_b, n_b, &job.options)
        },
        convert,
    ))
}

/// Options for `proportionCi`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ProportionCiOptions {
    #[napi(ts_type = "'normal' | 'wilson' | 'agresti-coull' | 'clopper-pearson' | 'jeffreys'")]
    pub method: Option<String>,
    pub confidence: Option<f64>,
}

/// Two-sided interval [low, high] for one proportion x / n (default Wilson, 95%).
#[edgekit_macros::boundary]
#[napi(ts_args_type = "x: number, n: number, options?: ProportionCiOptions | undefined | null")]
pub fn proportion_ci(
    x: f64,
    n: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Vec<f64>, Error<Code>> {
    let o: abtest::ProportionCiOptions = crate::convert::options("abtest.proportionCi", options)?;
    abtest::proportion_ci(count(x, "x")?, count(n, "n")?, o.method, o.confidence)
        .map(|(low, high)| vec![low, high])
        .map_err(to_js)
}

/// Options for `riskRatio` and `oddsRatio`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct RatioOptions {
    /// riskRatio: 'log' | 'log-adjusted' (default) | 'score'; oddsRatio: 'logit' | 'logit-adjusted' (default) | 'score'.
    pub method: Option<String>,
    pub confidence: Option<f64>,
}

/// Risk ratio pB / pA with a log interval (as statsmodels).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "xA: number, nA: number, xB: number, nB: number, options?: RatioOptions | undefined | null",
    ts_return_type = "RatioEstimate"
)]
pub fn risk_ratio(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let o: abtest::RiskRatioOptions = crate::convert::options("abtest.riskRatio", options)?;
    abtest::risk_ratio(
        count(x_a, "x_a")?,
        count(n_a, "n_a")?,
        count(x_b, "x_b")?,
        count(n_b, "n_b")?,
        o.method,
        o.confidence,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// Odds ratio of b over a with a logit interval (as statsmodels).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "xA: number, nA: number, xB: number, nB: number, options?: RatioOptions | undefined | null",
    ts_return_type = "RatioEstimate"
)]
pub fn odds_ratio(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let o: abtest::OddsRatioOptions = crate::convert::options("abtest.oddsRatio", options)?;
    abtest::odds_ratio(
        count(x_a, "x_a")?,
        count(n_a, "n_a")?,
        count(x_b, "x_b")?,
        count(n_b, "n_b")?,
        o.method,
        o.confidence,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}
