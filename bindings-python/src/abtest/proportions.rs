//! Conversion-rate tests: single, batched, and one-proportion intervals.

use edgekit::abtest::{self, ProportionInterval, TwoProportionsOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::parse;
use super::results::PyTestResult;
use crate::{convert, errors, input};

/// two_proportions(x_a, n_a, x_b, n_b, **options)
/// --
///
/// Compare conversion rates of control a (x_a of n_a) and treatment b; effect is p_b − p_a.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn two_proportions(
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyTestResult> {
    let options: TwoProportionsOptions = convert::options("abtest.two_proportions", options)?;
    abtest::two_proportions(x_a, n_a, x_b, n_b, &options)
        .map(PyTestResult)
        .map_err(errors::to_py)
}

/// two_proportions_batch(x_a, n_a, x_b, n_b, **options)
/// --
///
/// ``two_proportions`` on every row of four integer columns (int64 numpy arrays are read in
/// place), in parallel without the GIL.
/// Returns a dict of numpy arrays: statistic, pvalue, effect, ci_low, ci_high.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn two_proportions_batch<'py>(
    py: Python<'py>,
    x_a: &Bound<'py, PyAny>,
    n_a: &Bound<'py, PyAny>,
    x_b: &Bound<'py, PyAny>,
    n_b: &Bound<'py, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let options: TwoProportionsOptions = convert::options("abtest.two_proportions_batch", options)?;
    let columns = [
        input::count_array(x_a, "x_a")?,
        input::count_array(n_a, "n_a")?,
        input::count_array(x_b, "x_b")?,
        input::count_array(n_b, "n_b")?,
    ];
    let [x_a, n_a, x_b, n_b] = columns.each_ref().map(input::Counts::as_slice);
    let r = crate::boundary::detach(py, || {
        abtest::two_proportions_batch(x_a, n_a, x_b, n_b, &options)
    })
    .map_err(errors::to_py)?;
    super::batch::batch_dict(py, r)
}

/// proportion_ci(x, n, *, method="wilson", confidence=0.95)
/// --
///
/// Two-sided interval for one proportion x / n: "normal", "wilson", "agresti-coull",
/// "clopper-pearson" or "jeffreys".
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x, n, *, method = "wilson", confidence = 0.95))]
pub(crate) fn proportion_ci(x: i64, n: i64, method: &str, confidence: f64) -> PyResult<(f64, f64)> {
    let method: ProportionInterval = parse(method)?;
    abtest::proportion_ci(x, n, method, confidence).map_err(errors::to_py)
}

fn ratio_dict<'py>(py: Python<'py>, r: abtest::RatioEstimate) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("estimate", r.estimate)?;
    d.set_item("ci", r.ci)?;
    Ok(d)
}

/// risk_ratio(x_a, n_a, x_b, n_b, *, method="log-adjusted", confidence=0.95)
/// --
///
/// Risk ratio p_b / p_a with a log interval ("log" or "log-adjusted", as statsmodels).
/// Returns a dict: estimate, ci.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, *, method = "log-adjusted", confidence = 0.95))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn risk_ratio<'py>(
    py: Python<'py>,
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    method: &str,
    confidence: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let r = abtest::risk_ratio(x_a, n_a, x_b, n_b, parse(method)?, confidence)
        .map_err(errors::to_py)?;
    ratio_dict(py, r)
}

/// odds_ratio(x_a, n_a, x_b, n_b, *, method="logit-adjusted", confidence=0.95)
/// --
///
/// Odds ratio of b over a with a logit interval ("logit" or "logit-adjusted", as statsmodels).
/// Returns a dict: estimate, ci.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, *, method = "logit-adjusted", confidence = 0.95))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn odds_ratio<'py>(
    py: Python<'py>,
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    method: &str,
    confidence: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let r = abtest::odds_ratio(x_a, n_a, x_b, n_b, parse(method)?, confidence)
        .map_err(errors::to_py)?;
    ratio_dict(py, r)
}
