//! `drift`: batch drift tests (plain functions, `ks2sampAsync` as a Promise) and streaming
//! detectors (classes named as in River).

mod detectors;
mod monitor;
mod report;

use crate::input::count_or;
use edgekit::drift::{self, DriftError, Sample};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, work};

use crate::abtest::{Nullable, nullable};
use crate::errors::{Code, invalid_type, to_js};
use crate::input::{Values, float_values};

/// The outcome of one drift test; `pvalue` is null for distances (then `statistic` is the score).
#[napi(object, namespace = "drift")]
pub struct DriftResult {
    pub test: String,
    pub statistic: f64,
    #[napi(ts_type = "number | null")]
    pub pvalue: Nullable,
    pub threshold: f64,
    pub drifted: bool,
}

fn result(
    found: std::result::Result<drift::DriftResult, DriftError>,
) -> std::result::Result<DriftResult, Error<Code>> {
    let r = found.map_err(to_js)?;
    Ok(DriftResult {
        test: r.test,
        statistic: r.statistic,
        pvalue: nullable(r.pvalue),
        threshold: r.threshold,
        drifted: r.drifted,
    })
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

fn threshold(value: Option<f64>, default: f64) -> f64 {
    value.unwrap_or(default)
}

/// Options of `ks2samp`.
#[napi(object, namespace = "drift")]
#[derive(Default, Clone)]
pub struct KsOptions {
    #[napi(ts_type = "'auto' | 'exact' | 'asymp'")]
    pub method: Option<String>,
    #[napi(ts_type = "'two-sided' | 'less' | 'greater'")]
    pub alternative: Option<String>,
    pub threshold: Option<f64>,
}

fn ks_options(options: Option<KsOptions>) -> std::result::Result<drift::KsOptions, Error<Code>> {
    let o = options.unwrap_or_default();
    Ok(drift::KsOptions {
        method: drift::KsMethod::parse(o.method.as_deref().unwrap_or("auto")).map_err(to_js)?,
        alternative: drift::KsAlternative::parse(o.alternative.as_deref().unwrap_or("two-sided"))
            .map_err(to_js)?,
        threshold: threshold(o.threshold, 0.05),
    })
}

/// Two-sample Kolmogorov-Smirnov test (scipy's `ks_2samp` p-values).
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    js_name = "ks2samp",
    ts_args_type = "reference: Float64Array | ArrayLike<number>, current: Float64Array | ArrayLike<number>, options?: KsOptions"
)]
pub fn ks_2samp(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<KsOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    let (a, b) = (
        float_values(reference, "reference")?,
        float_values(current, "current")?,
    );
    result(drift::ks_2samp(&a, &b, &ks_options(options)?))
}

/// `ks2samp` on the libuv thread pool (a Promise), for large samples.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    js_name = "ks2sampAsync",
    ts_args_type = "reference: Float64Array | ArrayLike<number>, current: Float64Array | ArrayLike<number>, options?: KsOptions",
    ts_return_type = "Promise<DriftResult>"
)]
pub fn ks_2samp_async(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<KsOptions>,
) -> std::result::Result<Async<drift::DriftResult, DriftResult>, Error<Code>> {
    let reference = float_values(reference, "reference")?;
    let current = float_values(current, "current")?;
    let options = ks_options(options)?;
    Ok(work(
        "drift.ks2sampAsync",
        move || drift::ks_2samp(&reference, &current, &options),
        |r| result(Ok(r)),
    ))
}

type NumericFn = fn(&[f64], &[f64], f64) -> std::result::Result<drift::DriftResult, DriftError>;

fn numeric(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    threshold: f64,
    f: NumericFn,
) -> std::result::Result<DriftResult, Error<Code>> {
    let (a, b) = (
        float_values(reference, "reference")?,
        float_values(current, "current")?,
    );
    result(f(&a, &b, threshold))
}

/// A numeric test as a JS function: `(reference, current, threshold?)`.
macro_rules! numeric_test {
    ($name:ident, $core:path, $default:literal, $doc:literal) => {
        #[edgekit_macros::boundary]
        #[doc = $doc]
        #[napi(
            namespace = "drift",
            ts_args_type = "reference: Float64Array | ArrayLike<number>, current: Float64Array | ArrayLike<number>, threshold?: number"
        )]
        pub fn $name(
            reference: Unknown<'_>,
            current: Unknown<'_>,
            threshold: Option<f64>,
        ) -> std::result::Result<DriftResult, Error<Code>> {
            numeric(reference, current, self::threshold(threshold, $default), $core)
        }
    };
}

numeric_test!(
    anderson_darling,
    drift::anderson_darling,
    0.1,
    "Anderson-Darling k-sample test (scipy `anderson_ksamp`, midrank; p-value capped to [0.001, 0.25])."
);
numeric_test!(
    cramer_von_mises,
    drift::cramer_von_mises,
    0.1,
    "Cramér-von Mises two-sample test (scipy `cramervonmises_2samp`)."
);
numeric_test!(
    epps_singleton,
    drift::epps_singleton,
    0.05,
    "Epps-Singleton test (scipy `epps_singleton_2samp`)."
);
numeric_test!(
    wasserstein,
    drift::wasserstein,
    0.1,
    "Wasserstein distance normed by the reference's standard deviation (Evidently's score)."
);
numeric_test!(
    energy_distance,
    drift::energy_distance,
    0.1,
    "Energy distance (scipy's `energy_distance`)."
);

/// Options of `mmd`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct MmdOptions {
    pub threshold: Option<f64>,
    pub permutations: Option<f64>,
    pub max_samples: Option<f64>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// Empirical MMD (Gaussian kernel, median bandwidth) with a seeded permutation p-value.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Float64Array | ArrayLike<number>, current: Float64Array | ArrayLike<number>, options?: MmdOptions"
)]
pub fn mmd(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<MmdOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    let (a, b) = (
        float_values(reference, "reference")?,
        float_values(current, "current")?,
    );
    let o = options.unwrap_or_default();
    let options = drift::MmdOptions {
        threshold: threshold(o.threshold, 0.1),
        permutations: count_or(o.permutations, 100, "permutations")?,
        max_samples: count_or(o.max_samples, 2000, "maxSamples")?,
        seed: crate::input::seed_or(o.seed, 0)?,
    };
    result(drift::mmd(&a, &b, &options))
}

/// Options of `tTest`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct TTestOptions {
    /// Student's pooled test instead of Welch's.
    pub equal_var: Option<bool>,
    pub threshold: Option<f64>,
}

/// Welch's (or Student's) two-sided t test, scipy's `ttest_ind(reference, current)`.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Float64Array | ArrayLike<number>, current: Float64Array | ArrayLike<number>, options?: TTestOptions"
)]
pub fn t_test(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<TTestOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    let (a, b) = (
        float_values(reference, "reference")?,
        float_values(current, "current")?,
    );
    let o = options.unwrap_or_default();
    let options = drift::TTestOptions {
        equal_var: o.equal_var.unwrap_or(false),
        threshold: threshold(o.threshold, 0.05),
    };
    result(drift::t_test(&a, &b, &options))
}

/// Options of `mannWhitney`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct MannWhitneyOptions {
    #[napi(ts_type = "'less' | 'greater' | 'two-sided'")]
    pub alternative: Option<String>,
    pub threshold: Option<f64>,
}

/// Mann-Whitney U test, scipy's `mannwhitneyu(reference, current, alternative)` (default "less").
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Float64Array | ArrayLike<number>, current: Float64Array | ArrayLike<number>, options?: MannWhitneyOptions"
)]
pub fn mann_whitney(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<MannWhitneyOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    let (a, b) = (
        float_values(reference, "reference")?,
        float_values(current, "current")?,
    );
    let o = options.unwrap_or_default();
    let options = drift::MannWhitneyDriftOptions {
        alternative: drift::KsAlternative::parse(o.alternative.as_deref().unwrap_or("less"))
            .map_err(to_js)?,
        threshold: threshold(o.threshold, 0.05),
    };
    result(drift::mann_whitney(&a, &b, &options))
}

/// Options of the binned distances (`psi`, `klDiv`, `jensenshannon`, `hellinger`).
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct BinnedOptions {
    /// Number of reference-quantile bins (default 10).
    pub bins: Option<f64>,
    #[napi(ts_type = "'quantile' | 'sturges'")]
    pub binning: Option<String>,
    pub threshold: Option<f64>,
    /// Count numbers as categories instead of binning them.
    pub categorical: Option<bool>,
}

fn binned_options(o: &BinnedOptions) -> std::result::Result<drift::BinnedOptions, Error<Code>> {
    let binning = match o.binning.as_deref().unwrap_or("quantile") {
        "quantile" => drift::Binning::Quantile(count_or(o.bins, 10, "bins")?),
        "sturges" | "evidently" => drift::Binning::Sturges,
        other => {
            return Err(to_js(DriftError::UnknownOption {
                argument: "binning",
                value: other.to_string(),
                expected: "\"quantile\" or \"sturges\"",
            }));
        }
    };
    Ok(drift::BinnedOptions {
        binning,
        threshold: threshold(o.threshold, 0.1),
    })
}

type BinnedFn = for<'a> fn(
    Sample<'a>,
    Sample<'a>,
    &drift::BinnedOptions,
) -> std::result::Result<drift::DriftResult, DriftError>;

fn binned(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<BinnedOptions>,
    f: BinnedFn,
) -> std::result::Result<DriftResult, Error<Code>> {
    let (a, b) = (
        sample_values(reference, "reference")?,
        sample_values(current, "current")?,
    );
    let o = options.unwrap_or_default();
    let codes = o.categorical.unwrap_or(false);
    result(f(
        as_sample(&a, codes),
        as_sample(&b, codes),
        &binned_options(&o)?,
    ))
}

/// Population stability index (reference-quantile bins by default; strings are categories).
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Float64Array | ArrayLike<number> | string[], current: Float64Array | ArrayLike<number> | string[], options?: BinnedOptions"
)]
pub fn psi(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<BinnedOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    binned(reference, current, options, |a, b, o| drift::psi(a, b, o))
}

/// Kullback-Leibler divergence of the binned shares.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Float64Array | ArrayLike<number> | string[], current: Float64Array | ArrayLike<number> | string[], options?: BinnedOptions"
)]
pub fn kl_div(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<BinnedOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    binned(reference, current, options, |a, b, o| {
        drift::kl_divergence(a, b, o)
    })
}

/// Jensen-Shannon distance of the binned shares.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Float64Array | ArrayLike<number> | string[], current: Float64Array | ArrayLike<number> | string[], options?: BinnedOptions"
)]
pub fn jensenshannon(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<BinnedOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    binned(reference, current, options, |a, b, o| {
        drift::jensen_shannon(a, b, o)
    })
}

/// Hellinger distance as Evidently computes it (`bins`/`binning` are ignored).
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Float64Array | ArrayLike<number> | string[], current: Float64Array | ArrayLike<number> | string[], options?: BinnedOptions"
)]
pub fn hellinger(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<BinnedOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    binned(reference, current, options, |a, b, o| {
        drift::hellinger(a, b, o.threshold)
    })
}

type CategoricalFn =
    for<'a> fn(Sample<'a>, Sample<'a>, f64) -> std::result::Result<drift::DriftResult, DriftError>;

fn categorical(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    threshold: f64,
    f: CategoricalFn,
) -> std::result::Result<DriftResult, Error<Code>> {
    let (a, b) = (
        sample_values(reference, "reference")?,
        sample_values(current, "current")?,
    );
    result(f(as_sample(&a, true), as_sample(&b, true), threshold))
}

/// A categorical test as a JS function: `(reference, current, threshold?)`.
macro_rules! categorical_test {
    ($name:ident, $core:path, $default:literal, $doc:literal) => {
        #[edgekit_macros::boundary]
        #[doc = $doc]
        #[napi(
            namespace = "drift",
            ts_args_type = "reference: Float64Array | ArrayLike<number> | string[], current: Float64Array | ArrayLike<number> | string[], threshold?: number"
        )]
        pub fn $name(
            reference: Unknown<'_>,
            current: Unknown<'_>,
            threshold: Option<f64>,
        ) -> std::result::Result<DriftResult, Error<Code>> {
            categorical(reference, current, self::threshold(threshold, $default), |a, b, t| $core(a, b, t))
        }
    };
}

categorical_test!(
    chisquare,
    drift::chisquare,
    0.05,
    "Chi-square goodness of fit of the current counts to the reference shares."
);
categorical_test!(
    g_test,
    drift::g_test,
    0.1,
    "G-test of the current counts against the reference shares."
);
categorical_test!(
    z_test,
    drift::z_test,
    0.05,
    "Pooled two-proportion z test of the first category against the rest."
);
categorical_test!(
    fisher_exact,
    drift::fisher_exact,
    0.1,
    "Fisher's exact test for two categories."
);

/// Options of `tvd`.
#[napi(object, namespace = "drift")]
#[derive(Default)]
pub struct TvdOptions {
    pub threshold: Option<f64>,
    pub permutations: Option<f64>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// Total variation distance with a seeded permutation p-value.
#[edgekit_macros::boundary]
#[napi(
    namespace = "drift",
    ts_args_type = "reference: Float64Array | ArrayLike<number> | string[], current: Float64Array | ArrayLike<number> | string[], options?: TvdOptions"
)]
pub fn tvd(
    reference: Unknown<'_>,
    current: Unknown<'_>,
    options: Option<TvdOptions>,
) -> std::result::Result<DriftResult, Error<Code>> {
    let (a, b) = (
        sample_values(reference, "reference")?,
        sample_values(current, "current")?,
    );
    let o = options.unwrap_or_default();
    result(drift::tvd(
        as_sample(&a, true),
        as_sample(&b, true),
        threshold(o.threshold, 0.05),
        count_or(o.permutations, 1000, "permutations")?,
        crate::input::seed_or(o.seed, 0)?,
    ))
}
