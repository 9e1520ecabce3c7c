//! Experiment decisions: SRM, corrections, planning, Bayesian and sequential tests.

use crate::convert::Plain;
use crate::input::whole;
use edgekit::abtest::{self, GroupSummary};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use super::{count, counts};
use crate::errors::{Code, to_js};
use crate::input::float_values;

/// Chi-square of observed group sizes against the configured weights (equal if omitted).
#[edgekit_macros::boundary]
#[napi(ts_return_type = "SrmResult")]
pub fn srm(
    counts_: Vec<f64>,
    weights: Option<Vec<f64>>,
) -> std::result::Result<Plain, Error<Code>> {
    let observed = counts(&counts_, "counts")?;
    abtest::srm(&observed, weights.as_deref())
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// Adjusted p-values as statsmodels multipletests (default "holm").
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "pvalues: Float64Array | ArrayLike<number> | ArrayBuffer, method?: 'bonferroni' | 'holm' | 'sidak' | 'holm-sidak' | 'hochberg' | 'hommel' | 'bh' | 'by'"
)]
pub fn adjust_pvalues(
    pvalues: Unknown<'_>,
    method: Option<String>,
) -> std::result::Result<Float64Array, Error<Code>> {
    let method = match method {
        Some(name) => {
            edgekit::contract::parse_name("abtest.adjustPvalues", "method", &name).map_err(to_js)?
        }
        None => abtest::Correction::default(),
    };
    let pvalues = float_values(pvalues, "pvalues")?;
    abtest::adjust_pvalues(&pvalues, method)
        .map(Float64Array::from)
        .map_err(to_js)
}

/// Options for `adjustedConfidence` (defaults: core's `AdjustedConfidenceOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct AdjustedConfidenceOptions {
    #[napi(ts_type = "'bonferroni' | 'sidak' | 'fcr'")]
    pub method: Option<String>,
    /// For 'fcr': how many intervals are reported.
    pub selected: Option<f64>,
}

/// The confidence level for each of `m` intervals so the family meets `confidence`.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "confidence: number, m: number, options?: AdjustedConfidenceOptions | undefined | null"
)]
pub fn adjusted_confidence(
    confidence: f64,
    m: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<f64, Error<Code>> {
    let o: abtest::AdjustedConfidenceOptions =
        crate::convert::options("abtest.adjustedConfidence", options)?;
    abtest::adjusted_confidence(confidence, whole(m, "m")? as usize, o.method, o.selected)
        .map_err(to_js)
}

/// Design settings for `power`, `sampleSize` and `minimumDetectableEffect`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values (SampleSizeOptions)
pub struct DesignOptions {
    /// A standardised effect (Cohen's d or h); or give pA and pB, or delta and sd.
    pub effect_size: Option<f64>,
    pub p_a: Option<f64>,
    pub p_b: Option<f64>,
    pub delta: Option<f64>,
    pub sd: Option<f64>,
    pub alpha: Option<f64>,
    pub power: Option<f64>,
    /// nB = ratio · nA.
    pub ratio: Option<f64>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    /// "z" (default, NormalIndPower) or "t" (TTestIndPower).
    #[napi(ts_type = "'z' | 't'")]
    pub test: Option<String>,
}

/// Options of `power` (defaults: `edgekit::abtest::PowerOfTestOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PowerOfTestOptions {
    pub alpha: Option<f64>,
    pub ratio: Option<f64>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    #[napi(ts_type = "'z' | 't'")]
    pub test: Option<String>,
}

/// Options of `minimumDetectableEffect` (defaults: `edgekit::abtest::PowerOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct PowerOptions {
    pub alpha: Option<f64>,
    pub power: Option<f64>,
    pub ratio: Option<f64>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    #[napi(ts_type = "'z' | 't'")]
    pub test: Option<String>,
}

/// Power of the two-group z test (statsmodels NormalIndPower) or t test (`test: 't'`).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "effectSize: number, nA: number, options?: PowerOfTestOptions | undefined | null"
)]
pub fn power(
    effect_size: f64,
    n_a: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<f64, Error<Code>> {
    let options: abtest::PowerOfTestOptions = crate::convert::options("abtest.power", options)?;
    abtest::power(effect_size, n_a, &options.into()).map_err(to_js)
}

/// Group sizes reaching `power` for `effectSize`, or rates `pA`→`pB`, or `delta` with `sd`.
#[edgekit_macros::boundary]
#[napi(ts_args_type = "options: DesignOptions", ts_return_type = "SampleSize")]
pub fn sample_size(options: Unknown<'_>) -> std::result::Result<Plain, Error<Code>> {
    let o: abtest::SampleSizeOptions = crate::convert::options("abtest.sampleSize", Some(options))?;
    o.effect()
        .and_then(|e| e.standardized())
        .and_then(|d| abtest::sample_size(d, &o.design()))
        .map(|s| Plain::of(&s))
        .map_err(to_js)
}

/// The smallest standardised effect detectable with nA controls.
#[edgekit_macros::boundary]
#[napi(ts_args_type = "nA: number, options?: PowerOptions | undefined | null")]
pub fn minimum_detectable_effect(
    n_a: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<f64, Error<Code>> {
    let options: abtest::PowerOptions =
        crate::convert::options("abtest.minimumDetectableEffect", options)?;
    abtest::minimum_detectable_effect(n_a, &options).map_err(to_js)
}

/// Cohen's h for moving a rate from pA to pB.
#[edgekit_macros::boundary]
#[napi]
pub fn proportion_effect_size(p_a: f64, p_b: f64) -> std::result::Result<f64, Error<Code>> {
    abtest::proportion_effect_size(p_a, p_b).map_err(to_js)
}

/// Options for `bayesGaussian` and `bayesConversions`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct BayesOptions {
    /// Relative effect (m_b − m_a) / m_a (default true, as gbstats).
    pub relative: Option<bool>,
    pub prior_mean: Option<f64>,
    pub prior_variance: Option<f64>,
    /// Use the Gaussian prior (default false: flat).
    pub proper_prior: Option<bool>,
    pub confidence: Option<f64>,
}

/// A group's size, mean and sample variance.
#[napi(object)]
pub struct GroupStats {
    pub n: f64,
    pub mean: f64,
    pub variance: f64,
}

/// gbstats' Gaussian Bayesian test from group summaries.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: GroupStats, b: GroupStats, options?: BayesOptions | undefined | null",
    ts_return_type = "BayesResult"
)]
pub fn bayes_gaussian(
    a: GroupStats,
    b: GroupStats,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let summary = |g: GroupStats| GroupSummary {
        n: g.n,
        mean: g.mean,
        variance: g.variance,
    };
    abtest::bayes_gaussian(
        &summary(a),
        &summary(b),
        &crate::convert::options::<abtest::BayesOptions>("abtest.bayesGaussian", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// `bayesGaussian` for conversion counts (Bernoulli variance, as gbstats).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "xA: number, nA: number, xB: number, nB: number, options?: BayesOptions | undefined | null",
    ts_return_type = "BayesResult"
)]
pub fn bayes_conversions(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let a =
        GroupSummary::from_conversions(count(x_a, "x_a")?, count(n_a, "n_a")?).map_err(to_js)?;
    let b =
        GroupSummary::from_conversions(count(x_b, "x_b")?, count(n_b, "n_b")?).map_err(to_js)?;
    abtest::bayes_gaussian(
        &a,
        &b,
        &crate::convert::options::<abtest::BayesOptions>("abtest.bayesConversions", options)?,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}

/// Options for `sequential`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct SequentialOptions {
    pub relative: Option<bool>,
    /// Sample size (both groups) where the sequence is tightest (default 5000).
    pub tuning: Option<f64>,
    pub confidence: Option<f64>,
}

pub(crate) fn sequential_run(
    function: &str,
    a: &GroupSummary,
    b: &GroupSummary,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: abtest::SequentialOptions = crate::convert::options(function, options)?;
    abtest::sequential(a, b, &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// Always-valid confidence sequence and p-value (gbstats' sequential test) from summaries.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: GroupStats, b: GroupStats, options?: SequentialOptions | undefined | null",
    ts_return_type = "SequentialResult"
)]
pub fn sequential(
    a: GroupStats,
    b: GroupStats,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let summary = |g: GroupStats| GroupSummary {
        n: g.n,
        mean: g.mean,
        variance: g.variance,
    };
    sequential_run("abtest.sequential", &summary(a), &summary(b), options)
}

/// `sequential` for conversion counts.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "xA: number, nA: number, xB: number, nB: number, options?: SequentialOptions | undefined | null",
    ts_return_type = "SequentialResult"
)]
pub fn sequential_conversions(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let a =
        GroupSummary::from_conversions(count(x_a, "x_a")?, count(n_a, "n_a")?).map_err(to_js)?;
    let b =
        GroupSummary::from_conversions(count(x_b, "x_b")?, count(n_b, "n_b")?).map_err(to_js)?;
    sequential_run("abtest.sequentialConversions", &a, &b, options)
}

/// Options for `bayesBinomial`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct BetaBinomialOptions {
    /// Prior successes (default 1; a whole number for 'exact').
    pub prior_alpha: Option<f64>,
    /// Prior failures (default 1).
    pub prior_beta: Option<f64>,
    pub confidence: Option<f64>,
    /// 'exact' (closed form, default) or 'sampling' (seeded Monte Carlo, any prior).
    #[napi(ts_type = "'exact' | 'sampling'")]
    pub method: Option<String>,
    /// Posterior draws for 'sampling' (default 1,000,000).
    pub samples: Option<f64>,
    /// Seed for 'sampling' (default 0).
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// Beta-Binomial comparison: chance that b beats a, expected losses, credible intervals
/// (closed form, or seeded sampling for any prior).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "xA: number, nA: number, xB: number, nB: number, options?: BetaBinomialOptions | undefined | null",
    ts_return_type = "BetaBinomialResult"
)]
pub fn bayes_binomial(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: abtest::BetaBinomialOptions =
        crate::convert::options::<abtest::BetaBinomialOptions>("abtest.bayesBinomial", options)?;
    abtest::bayes_binomial(
        count(x_a, "x_a")?,
        count(n_a, "n_a")?,
        count(x_b, "x_b")?,
        count(n_b, "n_b")?,
        &options,
    )
    .map(|r| Plain::of(&r))
    .map_err(to_js)
}
