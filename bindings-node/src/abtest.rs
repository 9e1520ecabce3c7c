//! Experiment statistics: `twoProportions`, `welch`, `srm`, `adjustPvalues`, `sampleSize`, ...

use edgekit::abtest::{
    self, AbtestError, Alternative, Effect, GroupSummary, MeansOptions, PowerOptions,
    TwoProportionsOptions as CoreTwoProportions,
};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::errors::{Code, JsResult, into_rejection, invalid_type, to_js};
use crate::input::{Values, float_values};

type Nullable = Either<f64, Null>;

fn nullable(value: Option<f64>) -> Nullable {
    value.map_or(Either::B(Null), Either::A)
}

fn parse<T: std::str::FromStr<Err = AbtestError>>(text: Option<String>, default: T) -> JsResult<T> {
    text.map_or(Ok(default), |t| t.parse::<T>().map_err(to_js))
}

/// A JS number that must be a whole count.
fn count(value: f64, argument: &str) -> JsResult<i64> {
    if value.is_finite() && value.fract() == 0.0 && value.abs() <= 9_007_199_254_740_992.0 {
        Ok(value as i64)
    } else {
        Err(invalid_type(format!(
            "{argument} = {value} must be a whole number"
        )))
    }
}

fn counts(values: &[f64], argument: &str) -> JsResult<Vec<i64>> {
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

/// Options for `twoProportions`.
#[napi(object)]
pub struct TwoProportionsOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    #[napi(ts_type = "'z-pooled' | 'z-unpooled' | 'chi2' | 'chi2-yates' | 'fisher'")]
    pub method: Option<String>,
    #[napi(ts_type = "'wald' | 'agresti-caffo' | 'newcomb' | 'score'")]
    pub ci_method: Option<String>,
    pub confidence: Option<f64>,
}

fn proportions_options(options: Option<TwoProportionsOptions>) -> JsResult<CoreTwoProportions> {
    let defaults = CoreTwoProportions::default();
    let Some(o) = options else {
        return Ok(defaults);
    };
    Ok(CoreTwoProportions {
        alternative: parse(o.alternative, defaults.alternative)?,
        method: parse(o.method, defaults.method)?,
        ci_method: parse(o.ci_method, defaults.ci_method)?,
        confidence: o.confidence.unwrap_or(defaults.confidence),
    })
}

/// Compare conversion rates of control a (xA of nA) and treatment b; effect is pB − pA.
#[napi]
pub fn two_proportions(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<TwoProportionsOptions>,
) -> std::result::Result<TestResult, Error<Code>> {
    let options = proportions_options(options)?;
    abtest::two_proportions(
        count(x_a, "x_a")?,
        count(n_a, "n_a")?,
        count(x_b, "x_b")?,
        count(n_b, "n_b")?,
        &options,
    )
    .map(TestResult::from)
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

pub struct BatchTask {
    columns: [Vec<i64>; 4],
    options: CoreTwoProportions,
}

#[napi]
impl Task for BatchTask {
    type Output = std::result::Result<abtest::BatchResult, AbtestError>;
    type JsValue = BatchResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let [x_a, n_a, x_b, n_b] = &self.columns;
        Ok(abtest::two_proportions_batch(
            x_a,
            n_a,
            x_b,
            n_b,
            &self.options,
        ))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<BatchResult> {
        output
            .map(BatchResult::from)
            .map_err(|e| into_rejection(&env, to_js(e)))
    }
}

fn batch_task(
    columns: [Unknown<'_>; 4],
    options: Option<TwoProportionsOptions>,
) -> JsResult<BatchTask> {
    let names = ["x_a", "n_a", "x_b", "n_b"];
    let mut read = Vec::with_capacity(4);
    for (column, name) in columns.into_iter().zip(names) {
        read.push(counts(&float_values(column, name)?, name)?);
    }
    let [x_a, n_a, x_b, n_b]: [Vec<i64>; 4] = read.try_into().expect("four columns");
    Ok(BatchTask {
        columns: [x_a, n_a, x_b, n_b],
        options: proportions_options(options)?,
    })
}

/// `twoProportions` on every row of four count columns, in parallel.
#[napi(
    ts_args_type = "xA: Float64Array | ArrayLike<number>, nA: Float64Array | ArrayLike<number>, xB: Float64Array | ArrayLike<number>, nB: Float64Array | ArrayLike<number>, options?: TwoProportionsOptions"
)]
pub fn two_proportions_batch(
    x_a: Unknown<'_>,
    n_a: Unknown<'_>,
    x_b: Unknown<'_>,
    n_b: Unknown<'_>,
    options: Option<TwoProportionsOptions>,
) -> std::result::Result<BatchResult, Error<Code>> {
    let mut task = batch_task([x_a, n_a, x_b, n_b], options)?;
    let [x_a, n_a, x_b, n_b] = std::mem::take(&mut task.columns);
    abtest::two_proportions_batch(&x_a, &n_a, &x_b, &n_b, &task.options)
        .map(BatchResult::from)
        .map_err(to_js)
}

/// `twoProportionsBatch` on the libuv thread pool (a Promise).
#[napi(
    ts_args_type = "xA: Float64Array | ArrayLike<number>, nA: Float64Array | ArrayLike<number>, xB: Float64Array | ArrayLike<number>, nB: Float64Array | ArrayLike<number>, options?: TwoProportionsOptions"
)]
pub fn two_proportions_batch_async(
    x_a: Unknown<'_>,
    n_a: Unknown<'_>,
    x_b: Unknown<'_>,
    n_b: Unknown<'_>,
    options: Option<TwoProportionsOptions>,
) -> std::result::Result<AsyncTask<BatchTask>, Error<Code>> {
    Ok(AsyncTask::new(batch_task([x_a, n_a, x_b, n_b], options)?))
}

/// Options for `proportionCi`.
#[napi(object)]
pub struct ProportionCiOptions {
    #[napi(ts_type = "'normal' | 'wilson' | 'agresti-coull' | 'clopper-pearson' | 'jeffreys'")]
    pub method: Option<String>,
    pub confidence: Option<f64>,
}

/// Two-sided interval [low, high] for one proportion x / n (default Wilson, 95%).
#[napi]
pub fn proportion_ci(
    x: f64,
    n: f64,
    options: Option<ProportionCiOptions>,
) -> std::result::Result<Vec<f64>, Error<Code>> {
    let (method, confidence) = options.map_or((None, None), |o| (o.method, o.confidence));
    let method = parse(method, abtest::ProportionInterval::Wilson)?;
    abtest::proportion_ci(
        count(x, "x")?,
        count(n, "n")?,
        method,
        confidence.unwrap_or(0.95),
    )
    .map(|(low, high)| vec![low, high])
    .map_err(to_js)
}

/// Options for `welch` and `tTestFromSums`.
#[napi(object)]
pub struct MeansTestOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    pub confidence: Option<f64>,
    /// Student's pooled-variance test instead of Welch's.
    pub equal_var: Option<bool>,
}

fn means_options(options: Option<MeansTestOptions>) -> JsResult<MeansOptions> {
    let defaults = MeansOptions::default();
    let Some(o) = options else {
        return Ok(defaults);
    };
    Ok(MeansOptions {
        alternative: parse::<Alternative>(o.alternative, defaults.alternative)?,
        confidence: o.confidence.unwrap_or(defaults.confidence),
        equal_var: o.equal_var.unwrap_or(defaults.equal_var),
    })
}

pub struct WelchTask {
    a: Values,
    b: Values,
    options: MeansOptions,
}

#[napi]
impl Task for WelchTask {
    type Output = std::result::Result<abtest::TestResult, AbtestError>;
    type JsValue = TestResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(abtest::welch(&self.a, &self.b, &self.options))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<TestResult> {
        output
            .map(TestResult::from)
            .map_err(|e| into_rejection(&env, to_js(e)))
    }
}

/// Welch's t test of mean(b) − mean(a) on raw values (Student's with `equalVar`).
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number>, b: Float64Array | ArrayLike<number>, options?: MeansTestOptions"
)]
pub fn welch(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<MeansTestOptions>,
) -> std::result::Result<TestResult, Error<Code>> {
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::welch(&a, &b, &means_options(options)?)
        .map(TestResult::from)
        .map_err(to_js)
}

/// `welch` on the libuv thread pool (a Promise).
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number>, b: Float64Array | ArrayLike<number>, options?: MeansTestOptions"
)]
pub fn welch_async(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<MeansTestOptions>,
) -> std::result::Result<AsyncTask<WelchTask>, Error<Code>> {
    Ok(AsyncTask::new(WelchTask {
        a: float_values(a, "a")?,
        b: float_values(b, "b")?,
        options: means_options(options)?,
    }))
}

/// Per-group sums as a warehouse stores them.
#[napi(object)]
pub struct GroupSums {
    pub n: f64,
    pub sum: f64,
    pub sum_of_squares: f64,
}

/// Welch's (or Student's) t test from per-group sums.
#[napi]
pub fn t_test_from_sums(
    a: GroupSums,
    b: GroupSums,
    options: Option<MeansTestOptions>,
) -> std::result::Result<TestResult, Error<Code>> {
    let options = means_options(options)?;
    let a = GroupSummary::from_sums(a.n, a.sum, a.sum_of_squares, "a").map_err(to_js)?;
    let b = GroupSummary::from_sums(b.n, b.sum, b.sum_of_squares, "b").map_err(to_js)?;
    abtest::t_test(&a, &b, &options)
        .map(TestResult::from)
        .map_err(to_js)
}

/// Sample-ratio-mismatch check result.
#[napi(object)]
pub struct SrmResult {
    pub statistic: f64,
    pub pvalue: f64,
    pub df: f64,
    pub expected: Vec<f64>,
}

/// Chi-square of observed group sizes against the configured weights (equal if omitted).
#[napi]
pub fn srm(
    counts_: Vec<f64>,
    weights: Option<Vec<f64>>,
) -> std::result::Result<SrmResult, Error<Code>> {
    let observed = counts(&counts_, "counts")?;
    let weights = weights.unwrap_or_else(|| vec![1.0; observed.len()]);
    abtest::srm(&observed, &weights)
        .map(|r| SrmResult {
            statistic: r.statistic,
            pvalue: r.pvalue,
            df: r.df,
            expected: r.expected,
        })
        .map_err(to_js)
}

/// Adjusted p-values as statsmodels multipletests (default "holm").
#[napi(
    ts_args_type = "pvalues: Float64Array | ArrayLike<number>, method?: 'bonferroni' | 'holm' | 'sidak' | 'holm-sidak' | 'hochberg' | 'hommel' | 'bh' | 'by'"
)]
pub fn adjust_pvalues(
    pvalues: Unknown<'_>,
    method: Option<String>,
) -> std::result::Result<Float64Array, Error<Code>> {
    let method = parse(method, abtest::Correction::Holm)?;
    let pvalues = float_values(pvalues, "pvalues")?;
    abtest::adjust_pvalues(&pvalues, method)
        .map(Float64Array::from)
        .map_err(to_js)
}

/// Design settings for `power`, `sampleSize` and `minimumDetectableEffect`.
#[napi(object)]
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
}

fn design(options: &DesignOptions) -> JsResult<PowerOptions> {
    let defaults = PowerOptions::default();
    Ok(PowerOptions {
        alpha: options.alpha.unwrap_or(defaults.alpha),
        power: options.power.unwrap_or(defaults.power),
        ratio: options.ratio.unwrap_or(defaults.ratio),
        alternative: parse(options.alternative.clone(), defaults.alternative)?,
    })
}

fn empty_design() -> DesignOptions {
    DesignOptions {
        effect_size: None,
        p_a: None,
        p_b: None,
        delta: None,
        sd: None,
        alpha: None,
        power: None,
        ratio: None,
        alternative: None,
    }
}

/// Power of the two-group z test (statsmodels NormalIndPower).
#[napi]
pub fn power(
    effect_size: f64,
    n_a: f64,
    options: Option<DesignOptions>,
) -> std::result::Result<f64, Error<Code>> {
    let options = design(&options.unwrap_or_else(empty_design))?;
    abtest::power(effect_size, n_a, &options).map_err(to_js)
}

/// A sample-size plan.
#[napi(object)]
pub struct SampleSize {
    pub n_a: f64,
    pub n_b: f64,
    pub n_a_required: f64,
    pub n_b_required: f64,
    pub effect_size: f64,
}

/// Group sizes reaching `power` for `effectSize`, or rates `pA`→`pB`, or `delta` with `sd`.
#[napi]
pub fn sample_size(options: DesignOptions) -> std::result::Result<SampleSize, Error<Code>> {
    let effect = match (
        options.effect_size,
        options.p_a,
        options.p_b,
        options.delta,
        options.sd,
    ) {
        (Some(d), None, None, None, None) => Effect::Standardized(d),
        (None, Some(p_a), Some(p_b), None, None) => Effect::Proportions { p_a, p_b },
        (None, None, None, Some(delta), Some(sd)) => Effect::Means { delta, sd },
        _ => {
            return Err(Error::new(
                Code::INVALID_INPUT,
                "give exactly one of: effectSize, (pA and pB), or (delta and sd)",
            ));
        }
    };
    let design = design(&options)?;
    effect
        .standardized()
        .and_then(|d| abtest::sample_size(d, &design))
        .map(|s| SampleSize {
            n_a: s.n_a,
            n_b: s.n_b,
            n_a_required: s.n_a_required as f64,
            n_b_required: s.n_b_required as f64,
            effect_size: s.effect_size,
        })
        .map_err(to_js)
}

/// The smallest standardised effect detectable with nA controls.
#[napi]
pub fn minimum_detectable_effect(
    n_a: f64,
    options: Option<DesignOptions>,
) -> std::result::Result<f64, Error<Code>> {
    let options = design(&options.unwrap_or_else(empty_design))?;
    abtest::minimum_detectable_effect(n_a, &options).map_err(to_js)
}

/// Cohen's h for moving a rate from pA to pB.
#[napi]
pub fn proportion_effect_size(p_a: f64, p_b: f64) -> std::result::Result<f64, Error<Code>> {
    abtest::proportion_effect_size(p_a, p_b).map_err(to_js)
}

/// Result of a rank test; `statistic` is U of b.
#[napi(object)]
pub struct RankTestResult {
    #[napi(ts_type = "'exact' | 'asymptotic'")]
    pub method: String,
    pub statistic: f64,
    pub pvalue: f64,
    #[napi(ts_type = "number | null")]
    pub z: Nullable,
    pub probability_of_superiority: f64,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: String,
}

impl From<abtest::RankTestResult> for RankTestResult {
    fn from(r: abtest::RankTestResult) -> Self {
        RankTestResult {
            method: r.method,
            statistic: r.statistic,
            pvalue: r.pvalue,
            z: nullable(r.z),
            probability_of_superiority: r.probability_of_superiority,
            alternative: r.alternative.as_str().to_owned(),
        }
    }
}

/// Options for `mannWhitney`.
#[napi(object)]
pub struct MannWhitneyOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    #[napi(ts_type = "'auto' | 'exact' | 'asymptotic'")]
    pub method: Option<String>,
    pub use_continuity: Option<bool>,
}

fn rank_options(options: Option<MannWhitneyOptions>) -> JsResult<abtest::MannWhitneyOptions> {
    let defaults = abtest::MannWhitneyOptions::default();
    let Some(o) = options else {
        return Ok(defaults);
    };
    Ok(abtest::MannWhitneyOptions {
        alternative: parse(o.alternative, defaults.alternative)?,
        method: parse(o.method, defaults.method)?,
        use_continuity: o.use_continuity.unwrap_or(defaults.use_continuity),
    })
}

pub struct MannWhitneyTask {
    a: Values,
    b: Values,
    options: abtest::MannWhitneyOptions,
}

#[napi]
impl Task for MannWhitneyTask {
    type Output = std::result::Result<abtest::RankTestResult, AbtestError>;
    type JsValue = RankTestResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(abtest::mann_whitney(&self.a, &self.b, &self.options))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<RankTestResult> {
        output
            .map(RankTestResult::from)
            .map_err(|e| into_rejection(&env, to_js(e)))
    }
}

/// Mann-Whitney U test of b against a (as scipy.stats.mannwhitneyu(b, a)).
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number>, b: Float64Array | ArrayLike<number>, options?: MannWhitneyOptions"
)]
pub fn mann_whitney(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<MannWhitneyOptions>,
) -> std::result::Result<RankTestResult, Error<Code>> {
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::mann_whitney(&a, &b, &rank_options(options)?)
        .map(RankTestResult::from)
        .map_err(to_js)
}

/// `mannWhitney` on the libuv thread pool (a Promise).
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number>, b: Float64Array | ArrayLike<number>, options?: MannWhitneyOptions"
)]
pub fn mann_whitney_async(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<MannWhitneyOptions>,
) -> std::result::Result<AsyncTask<MannWhitneyTask>, Error<Code>> {
    Ok(AsyncTask::new(MannWhitneyTask {
        a: float_values(a, "a")?,
        b: float_values(b, "b")?,
        options: rank_options(options)?,
    }))
}

/// Posterior summary of the effect of b over a.
#[napi(object)]
pub struct BayesResult {
    pub expected: f64,
    pub std: f64,
    pub ci: Vec<f64>,
    pub chance_to_win: f64,
    pub risk_control: f64,
    pub risk_treatment: f64,
    pub relative: bool,
}

impl From<abtest::BayesResult> for BayesResult {
    fn from(r: abtest::BayesResult) -> Self {
        BayesResult {
            expected: r.expected,
            std: r.std,
            ci: vec![r.ci.0, r.ci.1],
            chance_to_win: r.chance_to_win,
            risk_control: r.risk_control,
            risk_treatment: r.risk_treatment,
            relative: r.relative,
        }
    }
}

/// Options for `bayesGaussian` and `bayesConversions`.
#[napi(object)]
pub struct BayesOptions {
    /// Relative effect (m_b − m_a) / m_a (default true, as gbstats).
    pub relative: Option<bool>,
    pub prior_mean: Option<f64>,
    pub prior_variance: Option<f64>,
    /// Use the Gaussian prior (default false: flat).
    pub proper_prior: Option<bool>,
    pub confidence: Option<f64>,
}

fn bayes_options(options: Option<BayesOptions>) -> abtest::BayesOptions {
    let defaults = abtest::BayesOptions::default();
    let Some(o) = options else {
        return defaults;
    };
    abtest::BayesOptions {
        relative: o.relative.unwrap_or(defaults.relative),
        prior_mean: o.prior_mean.unwrap_or(defaults.prior_mean),
        prior_variance: o.prior_variance.unwrap_or(defaults.prior_variance),
        proper_prior: o.proper_prior.unwrap_or(defaults.proper_prior),
        confidence: o.confidence.unwrap_or(defaults.confidence),
    }
}

/// A group's size, mean and sample variance.
#[napi(object)]
pub struct GroupStats {
    pub n: f64,
    pub mean: f64,
    pub variance: f64,
}

/// gbstats' Gaussian Bayesian test from group summaries.
#[napi]
pub fn bayes_gaussian(
    a: GroupStats,
    b: GroupStats,
    options: Option<BayesOptions>,
) -> std::result::Result<BayesResult, Error<Code>> {
    let summary = |g: GroupStats| GroupSummary {
        n: g.n,
        mean: g.mean,
        variance: g.variance,
    };
    abtest::bayes_gaussian(&summary(a), &summary(b), &bayes_options(options))
        .map(BayesResult::from)
        .map_err(to_js)
}

/// `bayesGaussian` for conversion counts (Bernoulli variance, as gbstats).
#[napi]
pub fn bayes_conversions(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<BayesOptions>,
) -> std::result::Result<BayesResult, Error<Code>> {
    let a =
        GroupSummary::from_conversions(count(x_a, "x_a")?, count(n_a, "n_a")?).map_err(to_js)?;
    let b =
        GroupSummary::from_conversions(count(x_b, "x_b")?, count(n_b, "n_b")?).map_err(to_js)?;
    abtest::bayes_gaussian(&a, &b, &bayes_options(options))
        .map(BayesResult::from)
        .map_err(to_js)
}

/// An always-valid estimate: `ci` is a confidence sequence.
#[napi(object)]
pub struct SequentialResult {
    pub effect: f64,
    pub ci: Vec<f64>,
    pub pvalue: f64,
    pub relative: bool,
}

/// Options for `sequential`.
#[napi(object)]
pub struct SequentialOptions {
    pub relative: Option<bool>,
    /// Sample size (both groups) where the sequence is tightest (default 5000).
    pub tuning: Option<f64>,
    pub confidence: Option<f64>,
}

fn sequential_run(
    a: &GroupSummary,
    b: &GroupSummary,
    options: Option<SequentialOptions>,
) -> std::result::Result<SequentialResult, Error<Code>> {
    let defaults = abtest::SequentialOptions::default();
    let options = options.map_or(defaults.clone(), |o| abtest::SequentialOptions {
        relative: o.relative.unwrap_or(defaults.relative),
        tuning: o.tuning.unwrap_or(defaults.tuning),
        confidence: o.confidence.unwrap_or(defaults.confidence),
    });
    abtest::sequential(a, b, &options)
        .map(|r| SequentialResult {
            effect: r.effect,
            ci: vec![r.ci.0, r.ci.1],
            pvalue: r.pvalue,
            relative: r.relative,
        })
        .map_err(to_js)
}

/// Always-valid confidence sequence and p-value (gbstats' sequential test) from summaries.
#[napi]
pub fn sequential(
    a: GroupStats,
    b: GroupStats,
    options: Option<SequentialOptions>,
) -> std::result::Result<SequentialResult, Error<Code>> {
    let summary = |g: GroupStats| GroupSummary {
        n: g.n,
        mean: g.mean,
        variance: g.variance,
    };
    sequential_run(&summary(a), &summary(b), options)
}

/// `sequential` for conversion counts.
#[napi]
pub fn sequential_conversions(
    x_a: f64,
    n_a: f64,
    x_b: f64,
    n_b: f64,
    options: Option<SequentialOptions>,
) -> std::result::Result<SequentialResult, Error<Code>> {
    let a =
        GroupSummary::from_conversions(count(x_a, "x_a")?, count(n_a, "n_a")?).map_err(to_js)?;
    let b =
        GroupSummary::from_conversions(count(x_b, "x_b")?, count(n_b, "n_b")?).map_err(to_js)?;
    sequential_run(&a, &b, options)
}

/// Options for `cuped` and `ratioMetric`.
#[napi(object)]
pub struct AdjustedOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    pub confidence: Option<f64>,
}

fn adjusted_options(options: Option<AdjustedOptions>) -> JsResult<abtest::AdjustedOptions> {
    let defaults = abtest::AdjustedOptions::default();
    let Some(o) = options else {
        return Ok(defaults);
    };
    Ok(abtest::AdjustedOptions {
        alternative: parse(o.alternative, defaults.alternative)?,
        confidence: o.confidence.unwrap_or(defaults.confidence),
    })
}

fn paired(
    y: Unknown<'_>,
    x: Unknown<'_>,
    names: (&'static str, &'static str),
) -> JsResult<abtest::PairedSummary> {
    let (y, x) = (float_values(y, names.0)?, float_values(x, names.1)?);
    abtest::PairedSummary::from_values(&y, &x, names).map_err(to_js)
}

/// CUPED: the metric adjusted by its pre-experiment value (pooled θ, as gbstats).
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number>, b: Float64Array | ArrayLike<number>, aPre: Float64Array | ArrayLike<number>, bPre: Float64Array | ArrayLike<number>, options?: AdjustedOptions"
)]
pub fn cuped(
    a: Unknown<'_>,
    b: Unknown<'_>,
    a_pre: Unknown<'_>,
    b_pre: Unknown<'_>,
    options: Option<AdjustedOptions>,
) -> std::result::Result<TestResult, Error<Code>> {
    let (a, b) = (
        paired(a, a_pre, ("a", "a_pre"))?,
        paired(b, b_pre, ("b", "b_pre"))?,
    );
    abtest::cuped(&a, &b, &adjusted_options(options)?)
        .map(TestResult::from)
        .map_err(to_js)
}

/// A ratio metric Σnum / Σden per arm compared by the delta method (as gbstats).
#[napi(
    ts_args_type = "aNum: Float64Array | ArrayLike<number>, aDen: Float64Array | ArrayLike<number>, bNum: Float64Array | ArrayLike<number>, bDen: Float64Array | ArrayLike<number>, options?: AdjustedOptions"
)]
pub fn ratio_metric(
    a_num: Unknown<'_>,
    a_den: Unknown<'_>,
    b_num: Unknown<'_>,
    b_den: Unknown<'_>,
    options: Option<AdjustedOptions>,
) -> std::result::Result<TestResult, Error<Code>> {
    let a = paired(a_num, a_den, ("a_num", "a_den"))?;
    let b = paired(b_num, b_den, ("b_num", "b_den"))?;
    abtest::ratio_metric(&a, &b, &adjusted_options(options)?)
        .map(TestResult::from)
        .map_err(to_js)
}

/// McNemar's test result.
#[napi(object)]
pub struct McNemarResult {
    pub statistic: f64,
    pub pvalue: f64,
    pub only_a: f64,
    pub only_b: f64,
    #[napi(ts_type = "number | null")]
    pub accuracy_difference: Nullable,
}

/// Options for `mcnemar`.
#[napi(object)]
pub struct McNemarOptions {
    /// Exact binomial test (default true).
    pub exact: Option<bool>,
    /// Continuity correction for the chi-square version (default true).
    pub correction: Option<bool>,
}

fn mcnemar_options(options: Option<McNemarOptions>) -> abtest::McNemarOptions {
    let defaults = abtest::McNemarOptions::default();
    options.map_or(defaults.clone(), |o| abtest::McNemarOptions {
        exact: o.exact.unwrap_or(defaults.exact),
        correction: o.correction.unwrap_or(defaults.correction),
    })
}

fn mcnemar_js(r: abtest::McNemarResult) -> McNemarResult {
    McNemarResult {
        statistic: r.statistic,
        pvalue: r.pvalue,
        only_a: r.only_a as f64,
        only_b: r.only_b as f64,
        accuracy_difference: nullable(r.accuracy_difference),
    }
}

/// McNemar's test of two models from per-example correctness.
#[napi]
pub fn mcnemar(
    a_correct: Vec<bool>,
    b_correct: Vec<bool>,
    options: Option<McNemarOptions>,
) -> std::result::Result<McNemarResult, Error<Code>> {
    abtest::mcnemar(&a_correct, &b_correct, &mcnemar_options(options))
        .map(mcnemar_js)
        .map_err(to_js)
}

/// McNemar's test from the discordant counts.
#[napi]
pub fn mcnemar_counts(
    only_a: f64,
    only_b: f64,
    options: Option<McNemarOptions>,
) -> std::result::Result<McNemarResult, Error<Code>> {
    abtest::mcnemar_counts(
        count(only_a, "only_a")?,
        count(only_b, "only_b")?,
        &mcnemar_options(options),
    )
    .map(mcnemar_js)
    .map_err(to_js)
}

/// DeLong's comparison of two models' AUCs; `effect` is AUC_b − AUC_a.
#[napi(object)]
pub struct DeLongResult {
    pub auc_a: f64,
    pub auc_b: f64,
    pub effect: f64,
    pub se: f64,
    pub statistic: f64,
    pub pvalue: f64,
    pub ci: Vec<f64>,
}

/// Options for `delong`.
#[napi(object)]
pub struct DeLongOptions {
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    pub confidence: Option<f64>,
}

/// DeLong's test of AUC_b − AUC_a on the same labelled examples.
#[napi(
    ts_args_type = "labels: boolean[], a: Float64Array | ArrayLike<number>, b: Float64Array | ArrayLike<number>, options?: DeLongOptions"
)]
pub fn delong(
    labels: Vec<bool>,
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<DeLongOptions>,
) -> std::result::Result<DeLongResult, Error<Code>> {
    let defaults = abtest::DeLongOptions::default();
    let options = match options {
        None => defaults,
        Some(o) => abtest::DeLongOptions {
            alternative: parse(o.alternative, defaults.alternative)?,
            confidence: o.confidence.unwrap_or(defaults.confidence),
        },
    };
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::delong(&labels, &a, &b, &options)
        .map(|r| DeLongResult {
            auc_a: r.auc_a,
            auc_b: r.auc_b,
            effect: r.effect,
            se: r.se,
            statistic: r.statistic,
            pvalue: r.pvalue,
            ci: vec![r.ci.0, r.ci.1],
        })
        .map_err(to_js)
}

/// Diebold-Mariano result; `statistic` is on lossB − lossA.
#[napi(object)]
pub struct DieboldMarianoResult {
    pub statistic: f64,
    pub pvalue: f64,
    pub mean_difference: f64,
}

/// Options for `dieboldMariano`.
#[napi(object)]
pub struct DieboldMarianoOptions {
    /// Forecast horizon (default 1).
    pub horizon: Option<u32>,
    /// Harvey-Leybourne-Newbold correction (default true).
    pub harvey: Option<bool>,
    #[napi(ts_type = "'acf' | 'bartlett'")]
    pub variance: Option<String>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
}

/// Diebold-Mariano test of equal predictive accuracy from per-step losses.
#[napi(
    ts_args_type = "lossA: Float64Array | ArrayLike<number>, lossB: Float64Array | ArrayLike<number>, options?: DieboldMarianoOptions"
)]
pub fn diebold_mariano(
    loss_a: Unknown<'_>,
    loss_b: Unknown<'_>,
    options: Option<DieboldMarianoOptions>,
) -> std::result::Result<DieboldMarianoResult, Error<Code>> {
    let defaults = abtest::DieboldMarianoOptions::default();
    let options = match options {
        None => defaults,
        Some(o) => abtest::DieboldMarianoOptions {
            horizon: o.horizon.map_or(defaults.horizon, |h| h as usize),
            harvey: o.harvey.unwrap_or(defaults.harvey),
            variance: parse(o.variance, defaults.variance)?,
            alternative: parse(o.alternative, defaults.alternative)?,
        },
    };
    let (a, b) = (
        float_values(loss_a, "loss_a")?,
        float_values(loss_b, "loss_b")?,
    );
    abtest::diebold_mariano(&a, &b, &options)
        .map(|r| DieboldMarianoResult {
            statistic: r.statistic,
            pvalue: r.pvalue,
            mean_difference: r.mean_difference,
        })
        .map_err(to_js)
}

/// A bootstrap interval.
#[napi(object)]
pub struct BootstrapResult {
    pub estimate: f64,
    pub ci: Vec<f64>,
    pub standard_error: f64,
}

/// Options for `bootstrap`.
#[napi(object)]
pub struct BootstrapOptions {
    #[napi(ts_type = "'mean_diff' | 'ratio_of_means'")]
    pub statistic: Option<String>,
    /// Default 9999.
    pub n_resamples: Option<u32>,
    #[napi(ts_type = "'percentile' | 'basic' | 'bca'")]
    pub method: Option<String>,
    pub confidence: Option<f64>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
    /// Equal seeds give equal answers (default 0); a whole number below 2^53.
    pub seed: Option<f64>,
}

fn bootstrap_options(options: Option<BootstrapOptions>) -> JsResult<abtest::BootstrapOptions> {
    let defaults = abtest::BootstrapOptions::default();
    let Some(o) = options else {
        return Ok(defaults);
    };
    Ok(abtest::BootstrapOptions {
        statistic: parse(o.statistic, defaults.statistic)?,
        n_resamples: o.n_resamples.map_or(defaults.n_resamples, |n| n as usize),
        method: parse(o.method, defaults.method)?,
        confidence: o.confidence.unwrap_or(defaults.confidence),
        alternative: parse(o.alternative, defaults.alternative)?,
        seed: match o.seed {
            None => defaults.seed,
            Some(seed) => u64::try_from(count(seed, "seed")?)
                .map_err(|_| invalid_type(format!("seed = {seed} must not be negative")))?,
        },
    })
}

fn bootstrap_js(r: abtest::BootstrapResult) -> BootstrapResult {
    BootstrapResult {
        estimate: r.estimate,
        ci: vec![r.ci.0, r.ci.1],
        standard_error: r.standard_error,
    }
}

pub struct BootstrapTask {
    a: Values,
    b: Values,
    options: abtest::BootstrapOptions,
}

#[napi]
impl Task for BootstrapTask {
    type Output = std::result::Result<abtest::BootstrapResult, AbtestError>;
    type JsValue = BootstrapResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(abtest::bootstrap(&self.a, &self.b, &self.options))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<BootstrapResult> {
        output
            .map(bootstrap_js)
            .map_err(|e| into_rejection(&env, to_js(e)))
    }
}

/// Bootstrap interval of mean(b) − mean(a) or mean(b)/mean(a) (percentile, basic, BCa).
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number>, b: Float64Array | ArrayLike<number>, options?: BootstrapOptions"
)]
pub fn bootstrap(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<BootstrapOptions>,
) -> std::result::Result<BootstrapResult, Error<Code>> {
    let (a, b) = (float_values(a, "a")?, float_values(b, "b")?);
    abtest::bootstrap(&a, &b, &bootstrap_options(options)?)
        .map(bootstrap_js)
        .map_err(to_js)
}

/// `bootstrap` on the libuv thread pool (a Promise): use this from a server.
#[napi(
    ts_args_type = "a: Float64Array | ArrayLike<number>, b: Float64Array | ArrayLike<number>, options?: BootstrapOptions"
)]
pub fn bootstrap_async(
    a: Unknown<'_>,
    b: Unknown<'_>,
    options: Option<BootstrapOptions>,
) -> std::result::Result<AsyncTask<BootstrapTask>, Error<Code>> {
    Ok(AsyncTask::new(BootstrapTask {
        a: float_values(a, "a")?,
        b: float_values(b, "b")?,
        options: bootstrap_options(options)?,
    }))
}
