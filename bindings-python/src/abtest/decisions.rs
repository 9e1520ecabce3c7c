//! Experiment decisions: SRM, corrections, planning, Bayesian and sequential tests.

use edgekit::abtest::{self, GroupSummary};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

/// srm(counts, weights=None)
/// --
///
/// Sample-ratio-mismatch check: chi-square of observed group sizes against the configured
/// weights (equal when omitted). Returns a dict: statistic, pvalue, df, expected.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (counts, weights = None))]
pub(crate) fn srm<'py>(
    py: Python<'py>,
    counts: Vec<i64>,
    weights: Option<Vec<f64>>,
) -> PyResult<Bound<'py, PyDict>> {
    let r = abtest::srm(&counts, weights.as_deref()).map_err(errors::to_py)?;
    let d = PyDict::new(py);
    d.set_item("statistic", r.statistic)?;
    d.set_item("pvalue", r.pvalue)?;
    d.set_item("df", r.df)?;
    d.set_item("expected", r.expected)?;
    Ok(d)
}

/// adjust_pvalues(pvalues, *, method="holm")
/// --
///
/// Adjusted p-values as statsmodels ``multipletests``: "bonferroni", "holm", "sidak",
/// "holm-sidak", "hochberg", "hommel", "bh", "by".
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (pvalues, **options))]
pub(crate) fn adjust_pvalues<'py>(
    py: Python<'py>,
    pvalues: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let options: abtest::AdjustOptions = convert::options("abtest.adjust_pvalues", options)?;
    let pvalues = input::float_array(pvalues, "pvalues")?;
    let adjusted =
        abtest::adjust_pvalues(input::as_slice(&pvalues), options.method).map_err(errors::to_py)?;
    Ok(adjusted.into_pyarray(py))
}

/// adjusted_confidence(confidence, m, *, method="bonferroni", selected=None)
/// --
///
/// The confidence level for each of ``m`` intervals so the family meets ``confidence``:
/// "bonferroni" or "sidak" (simultaneous), or "fcr" with ``selected`` reported intervals
/// (Benjamini-Yekutieli false coverage rate). Pass it as ``confidence`` to any test.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (confidence, m, **options))]
pub(crate) fn adjusted_confidence(
    confidence: f64,
    m: usize,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<f64> {
    let o: abtest::AdjustedConfidenceOptions =
        convert::options("abtest.adjusted_confidence", options)?;
    abtest::adjusted_confidence(confidence, m, o.method, o.selected).map_err(errors::to_py)
}

/// power(effect_size, n_a, **options)
/// --
///
/// Power of the two-group z test (statsmodels NormalIndPower) or, with test="t", the pooled
/// t test (TTestIndPower) with n_a controls and n_b = ratio · n_a treatments.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (effect_size, n_a, **options))]
pub(crate) fn power(
    effect_size: f64,
    n_a: f64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<f64> {
    let options: abtest::PowerOfTestOptions = convert::options("abtest.power", options)?;
    abtest::power(effect_size, n_a, &options.into()).map_err(errors::to_py)
}

/// sample_size(effect_size=None, **options)
/// --
///
/// Group sizes that reach ``power``: give a standardised effect_size, or two rates p_a and
/// p_b (Cohen's h), or a mean difference delta with its standard deviation sd. Returns a dict:
/// n_a, n_b (exact solutions), n_a_required, n_b_required (rounded up), effect_size.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (effect_size = None, **options))]
pub(crate) fn sample_size<'py>(
    py: Python<'py>,
    effect_size: Option<f64>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut o: abtest::SampleSizeOptions = convert::options("abtest.sample_size", options)?;
    if effect_size.is_some() {
        o.effect_size = effect_size;
    }
    let s = o
        .effect()
        .and_then(|e| e.standardized())
        .and_then(|d| abtest::sample_size(d, &o.design()))
        .map_err(errors::to_py)?;
    convert::plain(py, &s)
}

/// minimum_detectable_effect(n_a, **options)
/// --
///
/// The smallest standardised effect the design detects with the given power.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (n_a, **options))]
pub(crate) fn minimum_detectable_effect(
    n_a: f64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<f64> {
    let options: abtest::PowerOptions =
        convert::options("abtest.minimum_detectable_effect", options)?;
    abtest::minimum_detectable_effect(n_a, &options).map_err(errors::to_py)
}

/// proportion_effect_size(p_a, p_b)
/// --
///
/// Cohen's h for moving a rate from p_a to p_b.
#[edgekit_macros::boundary]
#[pyfunction]
pub(crate) fn proportion_effect_size(p_a: f64, p_b: f64) -> PyResult<f64> {
    abtest::proportion_effect_size(p_a, p_b).map_err(errors::to_py)
}

/// bayes_gaussian(a, b, **options)
/// --
///
/// gbstats' Gaussian Bayesian test from (n, mean, variance) summaries of a and b: posterior of
/// the (relative) effect, credible interval, chance to win and risk of each decision.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn bayes_gaussian(
    py: Python<'_>,
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let summary = |(n, mean, variance): (f64, f64, f64)| GroupSummary { n, mean, variance };
    let options: abtest::BayesOptions = convert::options("abtest.bayes_gaussian", options)?;
    abtest::bayes_gaussian(&summary(a), &summary(b), &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "BayesResult", &r))
}

/// bayes_conversions(x_a, n_a, x_b, n_b, **options)
/// --
///
/// ``bayes_gaussian`` for conversion counts (Bernoulli variance p(1 − p), as gbstats).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn bayes_conversions(
    py: Python<'_>,
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let a = GroupSummary::from_conversions(x_a, n_a).map_err(errors::to_py)?;
    let b = GroupSummary::from_conversions(x_b, n_b).map_err(errors::to_py)?;
    let options: abtest::BayesOptions = convert::options("abtest.bayes_conversions", options)?;
    abtest::bayes_gaussian(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "BayesResult", &r))
}

/// sequential(a, b, **options)
/// --
///
/// Always-valid confidence sequence and p-value (gbstats' sequential test) from (n, mean,
/// variance) summaries: safe to look at every day.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn sequential(
    py: Python<'_>,
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let summary = |(n, mean, variance): (f64, f64, f64)| GroupSummary { n, mean, variance };
    let options: abtest::SequentialOptions = convert::options("abtest.sequential", options)?;
    abtest::sequential(&summary(a), &summary(b), &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "SequentialResult", &r))
}

/// sequential_conversions(x_a, n_a, x_b, n_b, **options)
/// --
///
/// ``sequential`` for conversion counts.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn sequential_conversions(
    py: Python<'_>,
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let a = GroupSummary::from_conversions(x_a, n_a).map_err(errors::to_py)?;
    let b = GroupSummary::from_conversions(x_b, n_b).map_err(errors::to_py)?;
    let options: abtest::SequentialOptions =
        convert::options("abtest.sequential_conversions", options)?;
    abtest::sequential(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "SequentialResult", &r))
}

/// bayes_binomial(x_a, n_a, x_b, n_b, **options)
/// --
///
/// Beta-Binomial comparison: chance that b beats a, expected loss of each decision, credible
/// interval of each rate. method="exact" (closed form, whole-number prior_alpha) or
/// "sampling" (seeded Monte Carlo with ``samples`` draws, any prior).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn bayes_binomial(
    py: Python<'_>,
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::BetaBinomialOptions = convert::options("abtest.bayes_binomial", options)?;
    crate::boundary::detach(py, || abtest::bayes_binomial(x_a, n_a, x_b, n_b, &options))
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "BetaBinomialResult", &r))
}
