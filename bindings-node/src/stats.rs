//! `describe` and `describeAsync`.

use edgekit::stats;
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::{Plain, plain};
use crate::errors::{Code, to_js};
use crate::input::float_values;
use crate::work::{Async, work};

/// Options for `describe`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct DescribeOptions {
    /// Probabilities in [0, 1] at which to report quantiles (default [0.25, 0.5, 0.75]).
    pub quantiles: Option<Vec<f64>>,
    /// "raise" (default): a NaN is an error; "omit": NaNs (and null/undefined) are skipped.
    #[napi(ts_type = "'raise' | 'omit'")]
    pub nan_policy: Option<String>,
    /// true (default, as scipy): biased skewness and kurtosis; false: adjusted G1, G2.
    pub bias: Option<bool>,
}

/// Summarise a sample like scipy.stats.describe plus numpy.quantile (linear): count, mean,
/// variance (ddof = 1), std, min, max, skewness, excess kurtosis and quantiles.
/// A Float64Array is read without copying. Throws an Error with `code` on bad input.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "x: Float64Array | ArrayLike<number | null | undefined>, options?: DescribeOptions",
    ts_return_type = "Describe"
)]
pub fn describe(
    x: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: stats::DescribeOptions = crate::convert::options("stats.describe", options)?;
    let values = float_values(x, "x")?;
    stats::describe(&values, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// `describe` on the libuv thread pool: returns a Promise so a server's event loop never
/// blocks on a large input. Rejects with the same coded errors as `describe`.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "x: Float64Array | ArrayLike<number | null | undefined>, options?: DescribeOptions",
    ts_return_type = "Promise<Describe>"
)]
pub fn describe_async(
    x: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<stats::Describe, Plain>, Error<Code>> {
    let options: stats::DescribeOptions = crate::convert::options("stats.describeAsync", options)?;
    let values = float_values(x, "x")?;
    Ok(work(
        "describeAsync",
        move || stats::describe(&values, &options),
        plain,
    ))
}
