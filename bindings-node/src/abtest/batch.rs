//! Column-in, column-out t tests for many metrics at once.

use edgekit::abtest::{self, AbtestError};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, convert, work};

use super::proportions::BatchResult;
use crate::errors::{Code, JsResult, to_js};
use crate::input::{Values, float_values};

pub struct TTestBatchJob {
    columns: [Values; 6],
    options: abtest::MeansOptions,
}

impl TTestBatchJob {
    fn run(&self) -> std::result::Result<abtest::BatchResult, AbtestError> {
        let [n_a, mean_a, var_a, n_b, mean_b, var_b] = &self.columns;
        abtest::t_test_batch([n_a, mean_a, var_a], [n_b, mean_b, var_b], &self.options)
    }
}

fn task(
    function: &str,
    columns: [Unknown<'_>; 6],
    options: Option<Unknown<'_>>,
) -> JsResult<TTestBatchJob> {
    let [n_a, mean_a, var_a, n_b, mean_b, var_b] = columns;
    Ok(TTestBatchJob {
        columns: [
            float_values(n_a, "nA")?,
            float_values(mean_a, "meanA")?,
            float_values(var_a, "varA")?,
            float_values(n_b, "nB")?,
            float_values(mean_b, "meanB")?,
            float_values(var_b, "varB")?,
        ],
        options: crate::convert::options(function, options)?,
    })
}

/// Welch (or Student) t tests on every row of summary columns: sizes, means and sample
/// variances of each arm, in parallel.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "nA: Float64Array | ArrayLike<number> | ArrayBuffer, meanA: Float64Array | ArrayLike<number> | ArrayBuffer, varA: Float64Array | ArrayLike<number> | ArrayBuffer, nB: Float64Array | ArrayLike<number> | ArrayBuffer, meanB: Float64Array | ArrayLike<number> | ArrayBuffer, varB: Float64Array | ArrayLike<number> | ArrayBuffer, options?: MeansTestOptions"
)]
pub fn t_test_batch(
    n_a: Unknown<'_>,
    mean_a: Unknown<'_>,
    var_a: Unknown<'_>,
    n_b: Unknown<'_>,
    mean_b: Unknown<'_>,
    var_b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<BatchResult, Error<Code>> {
    task(
        "abtest.tTestBatch",
        [n_a, mean_a, var_a, n_b, mean_b, var_b],
        options,
    )?
    .run()
    .map(BatchResult::from)
    .map_err(to_js)
}

/// `tTestBatch` on the libuv thread pool (a Promise).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "nA: Float64Array | ArrayLike<number> | ArrayBuffer, meanA: Float64Array | ArrayLike<number> | ArrayBuffer, varA: Float64Array | ArrayLike<number> | ArrayBuffer, nB: Float64Array | ArrayLike<number> | ArrayBuffer, meanB: Float64Array | ArrayLike<number> | ArrayBuffer, varB: Float64Array | ArrayLike<number> | ArrayBuffer, options?: MeansTestOptions",
    ts_return_type = "Promise<BatchResult>"
)]
pub fn t_test_batch_async(
    n_a: Unknown<'_>,
    mean_a: Unknown<'_>,
    var_a: Unknown<'_>,
    n_b: Unknown<'_>,
    mean_b: Unknown<'_>,
    var_b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<abtest::BatchResult, BatchResult>, Error<Code>> {
    let job = task(
        "abtest.tTestBatchAsync",
        [n_a, mean_a, var_a, n_b, mean_b, var_b],
        options,
    )?;
    Ok(work("tTestBatchAsync", move || job.run(), convert))
}
