//! `drift`: batch drift tests (plain functions, `ks2sampAsync` as a Promise) and streaming
//! detectors (classes named as in River).

mod detectors;
mod metrics;
mod monitor;
pub(crate) mod report;

use crate::convert::{Plain, plain};
use edgekit::drift::{self, DriftError, Sample};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, work};

use crate::errors::{Code, invalid_type, to_js};
use crate::input::{Values, float_values};

fn result(
    found: std::result::Result<drift::DriftResult, DriftError>,
) -> std::result::Result<Plain, Error<Code>> {
    found.map(|r| Plain::of(&r)).map_err(to_js)
}

/// Numbers, or text labels when the JS array holds strings.
enum Input {
    Numbers(Values),
    Labels(Vec<String>),
}

fn sample_values(value: Unknown<'_>, argument: &str) -> std::result::Result<Input, Error<Code>> {
    if value.is_array().unwrap_or(false) {
        // SAFETY: `is_array` said this is a JS array.
        let array = unsafe { value.cast::<Array>() }
            .map_err(|_| invalid_type(format!("{argument} must be an array")))?;
        let first: Option<Unknown> = array.get(0).ok().flatten();
        if let Some(first) = first
            && first.get_type().ok() == Some(ValueType::String)
        {
            let mut labels = Vec::with_capacity(array.len() as usize);
            for i in 0..array.len() {
                let element: Option<String> = array.get(i).map_err(|_| {
                    invalid_type(format!(
                        "{argument}[{i}] must be a string like the first element"
                    ))
                })?;
                labels.push(
                    element.ok_or_else(|| invalid_type(format!("{argument}[{i}] is missing")))?,
                );
            }
            return Ok(Input::Labels(labels));
        }
    }
    Ok(Input::Numbers(float_values(value, argument)?))
}

fn as_sample(input: &Input, codes: bool) -> Sample<'_> {
    match input {
        Input::Numbers(values) if codes => Sample::Codes(values),
        Input::Numbers(values) => Sample::Numbers(values),
        Input::Labels(labels) => Sample::Labels(labels),
    }
}

// The option interfaces below only declare the TypeScript shape of each options object;
// values are read by `convert::options` into core's structs, whose names, defaults and
// refusal of unknown keys are the only ones (see `edgekit::contract`).

/// Options of `ks2samp` (defaults: `edgekit::drift::KsOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape only
pub struct KsOptions {
    #[napi(ts_type = "'auto' | 'exact' | 'asymp' | 'asymptotic'")]
    pub method: Option<String>,
    #[napi(ts_type = "'two-sided' | 'less' | 'greater'")]
    pub alternative: Option<String>,
    pub threshold: Option<f64>,
}

/// Options of `mmd` (defaults: `edgekit::drift::MmdOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape only
pub struct MmdOptions {
    pub threshold: Option<f64>,
    pub permutations: Option<f64>,
    pub max_samples: Option<f64>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// Options of `tTest` (defaults: `edgekit::drift::TTestOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape only
pub struct TTestOptions {
    /// Student's pooled test instead of Welch's.
    pub equal_var: Option<bool>,
    pub threshold: Option<f64>,
}

/// Options of `mannWhitney` (defaults: `edgekit::drift::MannWhitneyDriftOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape only
pub struct MannWhitneyOptions {
    #[napi(ts_type = "'less' | 'greater' | 'two-sided'")]
    pub alternative: Option<String>,
    pub threshold: Option<f64>,
}

/// Options of `psi`, `klDiv` and `jensenshannon` (defaults: `edgekit::drift::BinnedTestOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape only
pub struct BinnedOptions {
    /// Number of reference-quantile bins (default 10).
    pub bins: Option<f64>,
    #[napi(ts_type = "'quantile' | 'sturges' | 'evidently'")]
    pub binning: Option<String>,
    pub threshold: Option<f64>,
    /// Count numbers as categories instead of binning them.
    pub categorical: Option<bool>,
}

/// Options of `hellinger` (defaults: `edgekit::drift::HellingerOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape only
pub struct HellingerOptions {
    pub threshold: Option<f64>,
    /// Count numbers as categories.
    pub categorical: Option<bool>,
}

/// Options of `tvd` (defaults: `edgekit::drift::TvdOptions`).
#[napi(object, namespace = "drift")]
#[allow(dead_code)] // declares the TypeScript shape only
pub struct TvdOptions {
    pub threshold: Option<f64>,
    pub permutations: Option<f64>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// A threshold given positionally, read into core's options (whose default it overrides).
fn threshold_options<T: serde::de::DeserializeOwned>(
    function: &str,
    threshold: Option<f64>,
) -> std::result::Result<T, Error<Code>> {
    edgekit::contract::options(
        function,
        match threshold {
            Some(t) if !t.is_finite() => {
                return Err(Error::new(
                    Code::INVALID_INPUT,
                    format!("{function}: threshold must be finite, got {t}"),
                ));
            }
            Some(t) => serde_json::json!({ "threshold": t }),
            None => serde_json::Value::Null,
        },
    )
    .map_err(to_js)
}

/// A test on two numeric samples taking an options object (`$ts` names its interface).
#[rustfmt::skip] // rustfmt re-indents attributes in this macro on every run
macro_rules! numeric_test {
    ($name:ident, $js:literal, $options:ty, $ts:literal, $doc:literal, |$a:ident, $b:ident, $o:ident| $call:expr) => {
        #[edgekit_macros::boundary]
        #[doc = $doc]
        #[napi(namespace = "drift", js_name = $js, ts_args_type = $ts, ts_return_type = "DriftResult")]
        pub fn $name(
            reference: Unknown<'_>,
            current: Unknown<'_>,
            options: Option<Unknown<'_>>,
        ) -> std::result::Result<Plain, Error<Code>> {
            let $o: $options = crate::convert::options(concat!("drift.", $js), options)?;
            let ($a, $b) = (
                float_values(reference, "reference")?,
                float_values(current, "current")?,
            );
            result($call)
        }
    };
}

/// A test on two numeric samples taking `threshold?` positionally.
#[rustfmt::skip] // rustfmt re-indents attributes in this macro on every run
macro_rules! threshold_test {
    ($name:ident, $js:literal, $options:ty, $doc:literal, |$a:ident, $b:ident, $t:ident| $call:expr) => {
        #[edgekit_macros::boundary]
        #[doc = $doc]
        #[napi(
            namespace = "drift",
            js_name = $js,
            ts_args_type = "reference: Float64Array | ArrayLike<number> | ArrayBuffer, current: Float64Array | ArrayLike<number> | ArrayBuffer, threshold?: number",
            ts_return_type = "DriftResult"
        )]
        pub fn $name(
            reference: Unknown<'_>,
            current: Unknown<'_>,
            threshold: Option<f64>,
        ) -> std::result::Result<Plain, Error<Code>> {
            let o: $options = threshold_options(concat!("drift.", $js), threshold)?;
            let $t = o.threshold;
            let ($a, $b) = (float_values(reference, "reference")?, float_values(current, "current")?);
            result($call)
        }
    };
}

/// A test on numbers or labels; `$codes` says when numbers are category codes. `$args` is the
/// TypeScript of its last parameter, `$last` its Rust type, `$read` how core's options come out
/// of it.
#[rustfmt::skip] // rustfmt re-indents attributes in this macro on every run
macro_rules! sample_test {
    ($name:ident, $js:literal, $options:ty, $ts:literal, $doc:literal, $read:ident, $last:ty,
     |$a:ident, $b:ident, $o:ident| $codes:expr, $call:expr) => {
        #[edgekit_macros::boundary]
        #[doc = $doc]
        #[napi(namespace = "drift", js_name = $js, ts_args_type = $ts, ts_return_type = "DriftResult")]
        pub fn $name(
            reference: Unknown<'_>,
            current: Unknown<'_>,
            last: $last,
        ) -> std::result::Result<Plain, Error<Code>> {
            let $o: $options = $read(concat!("drift.", $js), last)?;
            let (a, b) = (
                sample_values(reference, "reference")?,
                sample_values(current, "current")?,
            );
            let codes = $codes;
            let ($a, $b) = (as_sample(&a, codes), as_sample(&b, codes));
            result($call)
        }
    };
}

use crate::convert::options as read_options;

numeric_test!(
    ks_2samp,
    "ks2samp",
    drift::KsOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer, current: Float64Array | ArrayLike<number> | ArrayBuffer, options?: KsOptions",
    "Two-sample Kolmogorov-Smirnov test (scipy's `ks_2samp` p-values).",
    |a, b, o| drift::ks_2samp(&a, &b, &o)
);
numeric_test!(
    t_test,
    "tTest",
    drift::TTestOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer, current: Float64Array | ArrayLike<number> | ArrayBuffer, options?: TTestOptions",
    "Welch's (or Student's) two-sided t test, scipy's `ttest_ind(reference, current)`.",
    |a, b, o| drift::t_test(&a, &b, &o)
);
numeric_test!(
    mann_whitney,
    "mannWhitney",
    drift::MannWhitneyDriftOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer, current: Float64Array | ArrayLike<number> | ArrayBuffer, options?: MannWhitneyOptions",
    "Mann-Whitney U test, scipy's `mannwhitneyu(reference, current, alternative)` (default \"less\").",
    |a, b, o| drift::mann_whitney(&a, &b, &o)
);
numeric_test!(
    mmd,
    "mmd",
    drift::MmdOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer, current: Float64Array | ArrayLike<number> | ArrayBuffer, options?: MmdOptions",
    "Empirical MMD (Gaussian kernel, median bandwidth) with a seeded permutation p-value.",
    |a, b, o| drift::mmd(&a, &b, &o)
);

threshold_test!(
    anderson_darling,
    "andersonDarling",
    drift::AndersonDarlingOptions,
    "Anderson-Darling k-sample test (scipy `anderson_ksamp`, midrank; p-value capped to [0.001, 0.25]).",
    |a, b, t| drift::anderson_darling(&a, &b, t)
);
threshold_test!(
    cramer_von_mises,
    "cramerVonMises",
    drift::CramerVonMisesOptions,
    "Cramér-von Mises two-sample test (scipy `cramervonmises_2samp`).",
    |a, b, t| drift::cramer_von_mises(&a, &b, t)
);
threshold_test!(
    epps_singleton,
    "eppsSingleton",
    drift::EppsSingletonOptions,
    "Epps-Singleton test (scipy `epps_singleton_2samp`).",
    |a, b, t| drift::epps_singleton(&a, &b, t)
);
threshold_test!(
    wasserstein,
    "wasserstein",
    drift::WassersteinOptions,
    "Wasserstein distance normed by the reference's standard deviation (Evidently's score).",
    |a, b, t| drift::wasserstein(&a, &b, t)
);
threshold_test!(
    energy_distance,
    "energyDistance",
    drift::EnergyDistanceOptions,
    "Energy distance (scipy's `energy_distance`).",
    |a, b, t| drift::energy_distance(&a, &b, t)
);

sample_test!(
    psi,
    "psi",
    drift::BinnedTestOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], options?: BinnedOptions",
    "Population stability index (reference-quantile bins by default; strings are categories).",
    read_options,
    Option<Unknown<'_>>,
    |a, b, o| o.categorical,
    drift::psi(a, b, &o.binned())
);
sample_test!(
    kl_div,
    "klDiv",
    drift::BinnedTestOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], options?: BinnedOptions",
    "Kullback-Leibler divergence of the binned shares.",
    read_options,
    Option<Unknown<'_>>,
    |a, b, o| o.categorical,
    drift::kl_divergence(a, b, &o.binned())
);
sample_test!(
    jensenshannon,
    "jensenshannon",
    drift::BinnedTestOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], options?: BinnedOptions",
    "Jensen-Shannon distance of the binned shares.",
    read_options,
    Option<Unknown<'_>>,
    |a, b, o| o.categorical,
    drift::jensen_shannon(a, b, &o.binned())
);
sample_test!(
    hellinger,
    "hellinger",
    drift::HellingerOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], options?: HellingerOptions",
    "Hellinger distance as Evidently computes it.",
    read_options,
    Option<Unknown<'_>>,
    |a, b, o| o.categorical,
    drift::hellinger(a, b, o.threshold)
);
sample_test!(
    tvd,
    "tvd",
    drift::TvdOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], options?: TvdOptions",
    "Total variation distance with a seeded permutation p-value.",
    read_options,
    Option<Unknown<'_>>,
    |a, b, o| true,
    drift::tvd(a, b, o.threshold, o.permutations, o.seed)
);
sample_test!(
    chisquare,
    "chisquare",
    drift::ChisquareOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], threshold?: number",
    "Chi-square goodness of fit of the current counts to the reference shares.",
    threshold_options,
    Option<f64>,
    |a, b, o| true,
    drift::chisquare(a, b, o.threshold)
);
sample_test!(
    g_test,
    "gTest",
    drift::GTestOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], threshold?: number",
    "G-test of the current counts against the reference shares.",
    threshold_options,
    Option<f64>,
    |a, b, o| true,
    drift::g_test(a, b, o.threshold)
);
sample_test!(
    z_test,
    "zTest",
    drift::ZTestOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], threshold?: number",
    "Pooled two-proportion z test of the first category against the rest.",
    threshold_options,
    Option<f64>,
    |a, b, o| true,
    drift::z_test(a, b, o.threshold)
);
sample_test!(
    fisher_exact,
    "fisherExact",
    drift::FisherExactOptions,
    "reference: Float64Array | ArrayLike<number> | ArrayBuffer | string[], current: Float64Array | ArrayLike<number> | ArrayBuffer | string[], threshold?: number",
    "Fisher's exact test for two categories.",
    threshold_options,
    Option<f64>,
    |a, b, o| true,
    drift::fisher_exact(a, b, o.threshold)
);

/// `ks2samp` on the libuv thread pool (a Promise), for large samples.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    js_name = "ks2sampAsync",
    ts_args_type = "reference: Float64Array | ArrayLike<number> | ArrayBuffer, current: Float64Array | ArrayLike<number> | ArrayBuffer, options?: KsOptions",
    ts_return_type = "Promise<DriftResult>"
)]
pub fn ks_2samp_async(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<drift::DriftResult, Plain>, Error<Code>> {
    let options: drift::KsOptions = crate::convert::options("drift.ks2sampAsync", options)?;
    let reference = float_values(reference, "reference")?;
    let current = float_values(current, "current")?;
    Ok(work(
        "drift.ks2sampAsync",
        move || drift::ks_2samp(&reference, &current, &options),
        plain,
    ))
}
