//! `describe` and `describeAsync`.

use edgekit::stats;
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::errors::{Code, to_js};
use crate::input::float_values;
use crate::work::{Async, convert, work};

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

/// One requested quantile.
#[napi(object)]
pub struct Quantile {
    pub probability: f64,
    pub value: f64,
}

/// A number, or null where the quantity is undefined.
type Nullable = Either<f64, Null>;

fn nullable(value: Option<f64>) -> Nullable {
    value.map_or(Either::B(Null), Either::A)
}

/// Summary of a sample; undefined quantities are null.
#[napi(object)]
pub struct Describe {
    pub count: f64,
    pub mean: f64,
    #[napi(ts_type = "number | null")]
    pub variance: Nullable,
    #[napi(ts_type = "number | null")]
    pub std: Nullable,
    pub min: f64,
    pub max: f64,
    #[napi(ts_type = "number | null")]
    pub skewness: Nullable,
    #[napi(ts_type = "number | null")]
    pub kurtosis: Nullable,
    pub quantiles: Vec<Quantile>,
}

impl From<stats::Describe> for Describe {
    fn from(d: stats::Describe) -> Self {
        Describe {
            count: d.count as f64,
            mean: d.mean,
            variance: nullable(d.variance),
            std: nullable(d.std),
            min: d.min,
            max: d.max,
            skewness: nullable(d.skewness),
            kurtosis: nullable(d.kurtosis),
            quantiles: d
                .quantiles
                .into_iter()
                .map(|q| Quantile {
                    probability: q.probability,
                    value: q.value,
                })
                .collect(),
        }
    }
}

/// Summarise a sample like scipy.stats.describe plus numpy.quantile (linear): count, mean,
/// variance (ddof = 1), std, min, max, skewness, excess kurtosis and quantiles.
/// A Float64Array is read without copying. Throws an Error with `code` on bad input.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "x: Float64Array | ArrayLike<number | null | undefined>, options?: DescribeOptions"
)]
pub fn describe(
    x: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Describe, Error<Code>> {
    let options: stats::DescribeOptions = crate::convert::options("stats.describe", options)?;
    let values = float_values(x, "x")?;
    stats::describe(&values, &options)
        .map(Describe::from)
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
) -> std::result::Result<Async<stats::Describe, Describe>, Error<Code>> {
    let options: stats::DescribeOptions = crate::convert::options("stats.describeAsync", options)?;
    let values = float_values(x, "x")?;
    Ok(work(
        "describeAsync",
        move || stats::describe(&values, &options),
        convert,
    ))
}
