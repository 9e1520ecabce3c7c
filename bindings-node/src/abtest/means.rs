//! Tests on raw values: t tests, CUPED and ratio metrics, Mann-Whitney, bootstrap.

use crate::convert::{Plain, plain};
use edgekit::abtest::{self, GroupSummary, MeansOptions};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, work};

use crate::errors::{Code, JsResult, to_js};
use crate::input::float_values;

/// Options for `welch` and `tTestFromSums`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct MeansTestOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    pub confidence: Option<f64>,
    /// Student's pooled-variance test instead of Welch's.
    pub equal_var: Option<bool>,
}

/// Welch's t test of mean(b) − mean(a) on raw values (Student's with `equalVar`).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: MeansTestOptions",
    ts_return_type = "TestResult"
)]
pub fn welch(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::welch(
        &a,
        &b,
        &crate::convert::options::<MeansOptions>("abtest.welch", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// `welch` on the libuv thread pool (a Promise).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: MeansTestOptions",
    ts_return_type = "Promise<TestResult>"
)]
pub fn welch_async(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<abtest::TestResult, Plain>, Error<Code>> {
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    let options = crate::convert::options::<MeansOptions>("abtest.welchAsync", options)?;
    Ok(work(
        "welchAsync",
        move || abtest::welch(&a, &b, &options),
        plain,
    ))
}

/// Per-group sums as a warehouse stores them.
#[napi(object)]
pub struct GroupSums {
    pub n: f64,
    pub sum: f64,
    pub sum_of_squares: f64,
}

/// Welch's (or Student's) t test from per-group sums.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: GroupSums, b: GroupSums, options?: MeansTestOptions | undefined | null",
    ts_return_type = "TestResult"
)]
pub fn t_test_from_sums(
    a: GroupSums,
    b: GroupSums,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options = crate::convert::options::<MeansOptions>("abtest.tTestFromSums", options)?;
    let a = GroupSummary::from_sums(a.n, a.sum, a.sum_of_squares, "a").map_err(to_js)?;
    let b = GroupSummary::from_sums(b.n, b.sum, b.sum_of_squares, "b").map_err(to_js)?;
    abtest::t_test(&a, &b, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// Welch's (or Student's) t test from per-arm `{ n, mean, variance }` summaries (sample
/// variance), as a distributed engine merges them.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: { n: number, mean: number, variance: number }, b: { n: number, mean: number, variance: number }, options?: MeansTestOptions | undefined | null",
    ts_return_type = "TestResult"
)]
pub fn t_test_from_summary(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let function = "abtest.tTestFromSummary";
    let options = crate::convert::options::<MeansOptions>(function, options)?;
    let a: GroupSummary = crate::convert::required(function, "a", a)?;
    let b: GroupSummary = crate::convert::required(function, "b", b)?;
    a.check("a").map_err(to_js)?;
    b.check("b").map_err(to_js)?;
    abtest::t_test(&a, &b, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

fn paired_summaries(
    function: &str,
    a: Unknown<'_>,
    b: Unknown<'_>,
) -> JsResult<(abtest::PairedSummary, abtest::PairedSummary)> {
    let a: abtest::PairedSummary = crate::convert::required(function, "a", a)?;
    let b: abtest::PairedSummary = crate::convert::required(function, "b", b)?;
    Ok((
        a.checked("a").map_err(to_js)?,
        b.checked("b").map_err(to_js)?,
    ))
}

/// CUPED from per-arm `{ n, meanY, meanX, varY, varX, cov }` summaries of the metric (y) and
/// its pre-period covariate (x).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: PairedMoments, b: PairedMoments, options?: AdjustedOptions | undefined | null",
    ts_return_type = "TestResult"
)]
pub fn cuped_from_summary(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let function = "abtest.cupedFromSummary";
    let options = crate::convert::options::<abtest::AdjustedOptions>(function, options)?;
    let (a, b) = paired_summaries(function, a, b)?;
    abtest::cuped(&a, &b, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// A ratio metric from per-arm `{ n, meanY, meanX, varY, varX, cov }` summaries of the
/// numerator (y) and the denominator (x), by the delta method.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: PairedMoments, b: PairedMoments, options?: AdjustedOptions | undefined | null",
    ts_return_type = "TestResult"
)]
pub fn ratio_metric_from_summary(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let function = "abtest.ratioMetricFromSummary";
    let options = crate::convert::options::<abtest::AdjustedOptions>(function, options)?;
    let (a, b) = paired_summaries(function, a, b)?;
    abtest::ratio_metric(&a, &b, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// Per-arm moments of a metric (y) with its covariate, or of a ratio's numerator (y) and
/// denominator (x): sample variances and covariance.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PairedMoments {
    pub n: f64,
    pub mean_y: f64,
    pub mean_x: f64,
    pub var_y: f64,
    pub var_x: f64,
    pub cov: f64,
}

/// Options for `cuped` and `ratioMetric`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct AdjustedOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    pub confidence: Option<f64>,
}

pub(crate) fn paired(
    y: Unknown<'_>,
    x: Unknown<'_>,
    names: (&'static str, &'static str),
) -> JsResult<abtest::PairedSummary> {
    let (y, x) = (float_values(y, names.0)?, float_values(x, names.1)?);
    abtest::PairedSummary::from_values(&y, &x, names).map_err(to_js)
}

/// CUPED: the metric adjusted by its pre-experiment value (pooled θ, as gbstats).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, aPre: Float64Array | ArrayLike<number> | ArrayBuffer, bPre: Float64Array | ArrayLike<number> | ArrayBuffer, options?: AdjustedOptions",
    ts_return_type = "TestResult"
)]
pub fn cuped(
    a: Unknown<'_>,
    b: Unknown<'_>,
    a_pre: Unknown<'_>,
    b_pre: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let (a, b) = (
        paired(a, a_pre, ("a", "a_pre"))?,
        paired(b, b_pre, ("b", "b_pre"))?,
    );
    abtest::cuped(
        &a,
        &b,
        &crate::convert::options::<abtest::AdjustedOptions>("abtest.cuped", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// A ratio metric Σnum / Σden per arm compared by the delta method (as gbstats).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "aNum: Float64Array | ArrayLike<number> | ArrayBuffer, aDen: Float64Array | ArrayLike<number> | ArrayBuffer, bNum: Float64Array | ArrayLike<number> | ArrayBuffer, bDen: Float64Array | ArrayLike<number> | ArrayBuffer, options?: AdjustedOptions",
    ts_return_type = "TestResult"
)]
pub fn ratio_metric(
    a_num: Unknown<'_>,
    a_den: Unknown<'_>,
    b_num: Unknown<'_>,
    b_den: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let a = paired(a_num, a_den, ("a_num", "a_den"))?;
    let b = paired(b_num, b_den, ("b_num", "b_den"))?;
    abtest::ratio_metric(
        &a,
        &b,
        &crate::convert::options::<abtest::AdjustedOptions>("abtest.ratioMetric", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// CUPED for a ratio metric: Σnum/Σden per arm adjusted by the pre-period ratio (delta-method
/// linearisation, θ pooled as gbstats).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "aNum: Float64Array | ArrayLike<number> | ArrayBuffer, aDen: Float64Array | ArrayLike<number> | ArrayBuffer, bNum: Float64Array | ArrayLike<number> | ArrayBuffer, bDen: Float64Array | ArrayLike<number> | ArrayBuffer, aPreNum: Float64Array | ArrayLike<number> | ArrayBuffer, aPreDen: Float64Array | ArrayLike<number> | ArrayBuffer, bPreNum: Float64Array | ArrayLike<number> | ArrayBuffer, bPreDen: Float64Array | ArrayLike<number> | ArrayBuffer, options?: AdjustedOptions",
    ts_return_type = "TestResult"
)]
#[allow(clippy::too_many_arguments)]
pub fn cuped_ratio(
    a_num: Unknown<'_>,
    a_den: Unknown<'_>,
    b_num: Unknown<'_>,
    b_den: Unknown<'_>,
    a_pre_num: Unknown<'_>,
    a_pre_den: Unknown<'_>,
    b_pre_num: Unknown<'_>,
    b_pre_den: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let arm = |columns: [Unknown<'_>; 4], names: [&'static str; 4]| {
        let [y, n, x, m] = columns;
        let values = [
            float_values(y, names[0])?,
            float_values(n, names[1])?,
            float_values(x, names[2])?,
            float_values(m, names[3])?,
        ];
        abtest::RatioCupedSummary::from_values(
            [&values[0], &values[1], &values[2], &values[3]],
            names,
        )
        .map_err(to_js)
    };
    let a = arm(
        [a_num, a_den, a_pre_num, a_pre_den],
        ["aNum", "aDen", "aPreNum", "aPreDen"],
    )?;
    let b = arm(
        [b_num, b_den, b_pre_num, b_pre_den],
        ["bNum", "bDen", "bPreNum", "bPreDen"],
    )?;
    abtest::cuped_ratio(
        &a,
        &b,
        &crate::convert::options::<abtest::AdjustedOptions>("abtest.cupedRatio", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// Options for `mannWhitney`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct MannWhitneyOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    #[napi(ts_type = "'auto' | 'exact' | 'asymptotic'")]
    pub method: Option<String>,
    pub use_continuity: Option<bool>,
}

/// Mann-Whitney U test of b against a (as scipy.stats.mannwhitneyu(b, a)).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: MannWhitneyOptions",
    ts_return_type = "RankTestResult"
)]
pub fn mann_whitney(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::mann_whitney(
        &a,
        &b,
        &crate::convert::options::<abtest::MannWhitneyOptions>("abtest.mannWhitney", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// `mannWhitney` on the libuv thread pool (a Promise).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: MannWhitneyOptions",
    ts_return_type = "Promise<RankTestResult>"
)]
pub fn mann_whitney_async(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<abtest::RankTestResult, Plain>, Error<Code>> {
    let a = float_values(a, "a")?;
    let b = float_values(b, "b")?;
    let options =
        crate::convert::options::<abtest::MannWhitneyOptions>("abtest.mannWhitneyAsync", options)?;
    Ok(work(
        "mannWhitneyAsync",
        move || abtest::mann_whitney(&a, &b, &options),
        plain,
    ))
}

/// Options for `bootstrap`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct BootstrapOptions {
    #[napi(ts_type = "'mean_diff' | 'ratio_of_means' | 'median_diff' | 'quantile_diff'")]
    pub statistic: Option<String>,
    /// The probability of 'quantile_diff' (default 0.5).
    pub quantile: Option<f64>,
    /// Default 9999.
    pub n_resamples: Option<f64>,
    #[napi(ts_type = "'percentile' | 'basic' | 'bca'")]
    pub method: Option<String>,
    pub confidence: Option<f64>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    /// Equal seeds give equal answers (default 0); a whole number below 2^53.
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// Bootstrap interval of mean(b) − mean(a), mean(b)/mean(a), or a difference of medians or
/// quantiles (percentile, basic, BCa).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: BootstrapOptions",
    ts_return_type = "BootstrapResult"
)]
pub fn bootstrap(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::bootstrap(
        &a,
        &b,
        &crate::convert::options::<abtest::BootstrapOptions>("abtest.bootstrap", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// `bootstrap` on the libuv thread pool (a Promise): use this from a server.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: BootstrapOptions",
    ts_return_type = "Promise<BootstrapResult>"
)]
pub fn bootstrap_async(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<abtest::BootstrapResult, Plain>, Error<Code>> {
    let a = float_values(a, "a")?;
    let b = float_values(b, "b")?;
    let options =
        crate::convert::options::<abtest::BootstrapOptions>("abtest.bootstrapAsync", options)?;
    Ok(work(
        "bootstrapAsync",
        move || abtest::bootstrap(&a, &b, &options),
        plain,
    ))
}

/// Options for `brunnerMunzel`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct BrunnerMunzelOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    #[napi(ts_type = "'t' | 'normal'")]
    pub distribution: Option<String>,
}

/// Brunner-Munzel test (as scipy.stats.brunnermunzel(b, a)).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: BrunnerMunzelOptions",
    ts_return_type = "BrunnerMunzelResult"
)]
pub fn brunner_munzel(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: abtest::BrunnerMunzelOptions =
        crate::convert::options("abtest.brunnerMunzel", options)?;
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::brunner_munzel(&a, &b, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// Options for `permutationTest`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PermutationOptions {
    /// Default 9999.
    pub n_resamples: Option<f64>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    /// A whole number below 2^53 (default 0).
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// Randomised permutation test of mean(b) − mean(a) (as scipy.stats.permutation_test).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: PermutationOptions",
    ts_return_type = "PermutationResult"
)]
pub fn permutation_test(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::permutation_test(
        &a,
        &b,
        &crate::convert::options::<abtest::PermutationOptions>("abtest.permutationTest", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// `permutationTest` on the libuv thread pool (a Promise).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number> | ArrayBuffer, b: Float64Array | ArrayLike<number> | ArrayBuffer, options?: PermutationOptions",
    ts_return_type = "Promise<PermutationResult>"
)]
pub fn permutation_test_async(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<abtest::PermutationResult, Plain>, Error<Code>> {
    let a = float_values(a, "a")?;
    let b = float_values(b, "b")?;
    let options = crate::convert::options::<abtest::PermutationOptions>(
        "abtest.permutationTestAsync",
        options,
    )?;
    Ok(work(
        "permutationTestAsync",
        move || abtest::permutation_test(&a, &b, &options),
        plain,
    ))
}
