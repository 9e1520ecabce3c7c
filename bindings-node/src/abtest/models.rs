//! Model A vs model B: McNemar, DeLong, Diebold-Mariano, paired bootstrap of a metric.

use crate::convert::{Plain, plain};
use edgekit::abtest;
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, work};

use super::count;
use crate::errors::{Code, to_js};
use crate::input::{Values, float_values};

/// Options for `mcnemar`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct McNemarOptions {
    /// Exact binomial test (default true).
    pub exact: Option<bool>,
    /// Continuity correction for the chi-square version (default true).
    pub correction: Option<bool>,
}

/// McNemar's test of two models from per-example correctness.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "aCorrect: Array<boolean>, bCorrect: Array<boolean>, options?: McNemarOptions | undefined | null",
    ts_return_type = "McNemarResult"
)]
pub fn mcnemar(
    a_correct: Vec<bool>,
    b_correct: Vec<bool>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    abtest::mcnemar(
        &a_correct,
        &b_correct,
        &crate::convert::options::<abtest::McNemarOptions>("abtest.mcnemar", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// McNemar's test from the discordant counts.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "onlyA: number, onlyB: number, options?: McNemarOptions | undefined | null",
    ts_return_type = "McNemarResult"
)]
pub fn mcnemar_counts(
    only_a: f64,
    only_b: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    abtest::mcnemar_counts(
        count(only_a, "only_a")?,
        count(only_b, "only_b")?,
        &crate::convert::options::<abtest::McNemarOptions>("abtest.mcnemarCounts", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// Options for `delong`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct DeLongOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    pub confidence: Option<f64>,
}

/// DeLong's test of AUC_b − AUC_a on the same labelled examples.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "labels: boolean[], a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: DeLongOptions",
    ts_return_type = "DeLongResult"
)]
pub fn delong(
    labels: Vec<bool>,
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: abtest::DeLongOptions =
        crate::convert::options::<abtest::DeLongOptions>("abtest.delong", options)?;
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::delong(&labels, &a, &b, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// Options for `dieboldMariano`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct DieboldMarianoOptions {
    /// Forecast horizon (default 1).
    pub horizon: Option<f64>,
    /// Harvey-Leybourne-Newbold correction (default true).
    pub harvey: Option<bool>,
    #[napi(ts_type = "'acf' | 'bartlett'")]
    pub variance: Option<String>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
}

/// Diebold-Mariano test of equal predictive accuracy from per-step losses.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "lossA: Float64Array | ArrayLike<number> | ArrayBuffer, lossB: Float64Array | ArrayLike<number> | ArrayBuffer, options?: DieboldMarianoOptions",
    ts_return_type = "DieboldMarianoResult"
)]
pub fn diebold_mariano(
    loss_a: Unknown<'_>,
    loss_b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: abtest::DieboldMarianoOptions =
        crate::convert::options::<abtest::DieboldMarianoOptions>("abtest.dieboldMariano", options)?;
    let (a, b) = (
        float_values(loss_a, "loss_a")?,
        float_values(loss_b, "loss_b")?,
    );
    abtest::diebold_mariano(&a, &b, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// Options for `pairedBootstrap`: the bootstrap's options plus the metric (defaults: core's
/// `PairedBootstrapOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PairedBootstrapOptions {
    #[napi(ts_type = "'accuracy' | 'log_loss' | 'brier'")]
    pub metric: Option<String>,
    /// Default 9999.
    pub n_resamples: Option<f64>,
    #[napi(ts_type = "'percentile' | 'basic' | 'bca'")]
    pub method: Option<String>,
    pub confidence: Option<f64>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    /// Equal seeds give equal answers (default 0).
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

pub struct PairedBootstrapJob {
    y: Values,
    pred_a: Values,
    pred_b: Values,
    metric: abtest::ModelMetric,
    options: abtest::BootstrapOptions,
}

fn paired_task(
    function: &str,
    y: Unknown<'_>,
    pred_a: Unknown<'_>,
    pred_b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<PairedBootstrapJob, Error<Code>> {
    let o: abtest::PairedBootstrapOptions = crate::convert::options(function, options)?;
    Ok(PairedBootstrapJob {
        y: float_values(y, "y")?,
        pred_a: float_values(pred_a, "predA")?,
        pred_b: float_values(pred_b, "predB")?,
        metric: o.metric,
        options: o.bootstrap(),
    })
}

/// Bootstrap interval of metric(b) − metric(a) on one evaluation set (paired resampling):
/// 'accuracy' (prediction ≥ 0.5 is class 1), 'log_loss' or 'brier'.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "y: Float64Array | ArrayLike<number> | ArrayBuffer, predA: Float64Array | ArrayLike<number> | ArrayBuffer, predB: Float64Array | ArrayLike<number> | ArrayBuffer, options?: PairedBootstrapOptions",
    ts_return_type = "BootstrapResult"
)]
pub fn paired_bootstrap(
    y: Unknown<'_>,
    pred_a: Unknown<'_>,
    pred_b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let task = paired_task("abtest.pairedBootstrap", y, pred_a, pred_b, options)?;
    abtest::paired_bootstrap(
        &task.y,
        &task.pred_a,
        &task.pred_b,
        task.metric,
        &task.options,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// `pairedBootstrap` on the libuv thread pool (a Promise).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "y: Float64Array | ArrayLike<number> | ArrayBuffer, predA: Float64Array | ArrayLike<number> | ArrayBuffer, predB: Float64Array | ArrayLike<number> | ArrayBuffer, options?: PairedBootstrapOptions",
    ts_return_type = "Promise<BootstrapResult>"
)]
pub fn paired_bootstrap_async(
    y: Unknown<'_>,
    pred_a: Unknown<'_>,
    pred_b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<abtest::BootstrapResult, Plain>, Error<Code>> {
    let job = paired_task("abtest.pairedBootstrapAsync", y, pred_a, pred_b, options)?;
    Ok(work(
        "pairedBootstrapAsync",
        move || {
            abtest::paired_bootstrap(&job.y, &job.pred_a, &job.pred_b, job.metric, &job.options)
        },
        plain,
    ))
}
