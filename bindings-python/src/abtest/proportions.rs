//! Conversion-rate tests: single, batched, and one-proportion intervals.

use edgekit::abtest::{self, TwoProportionsOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;

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
    py: Python<'_>,
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: TwoProportionsOptions = convert::options("abtest.two_proportions", options)?;
    abtest::two_proportions(x_a, n_a, x_b, n_b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
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

/// proportion_ci(x, n, **options)
/// --
///
/// Two-sided interval for one proportion x / n: "normal", "wilson", "agresti-coull",
/// "clopper-pearson" or "jeffreys".
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x, n, **options))]
pub(crate) fn proportion_ci(
    x: i64,
    n: i64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<(f64, f64)> {
    let o: abtest::ProportionCiOptions = convert::options("abtest.proportion_ci", options)?;
    abtest::proportion_ci(x, n, o.method, o.confidence).map_err(errors::to_py)
}

/// risk_ratio(x_a, n_a, x_b, n_b, **options)
/// --
///
/// Risk ratio p_b / p_a with a log interval ("log" or "log-adjusted", as statsmodels).
/// Returns a dict: estimate, ci.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, **options))]
pub(crate) fn risk_ratio<'py>(
    py: Python<'py>,
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let o: abtest::RiskRatioOptions = convert::options("abtest.risk_ratio", options)?;
    let r =
        abtest::risk_ratio(x_a, n_a, x_b, n_b, o.method, o.confidence).map_err(errors::to_py)?;
    convert::plain(py, &r)
}

/// odds_ratio(x_a, n_a, x_b, n_b, **options)
/// --
///
/// Odds ratio of b over a with a logit interval ("logit" or "logit-adjusted", as statsmodels).
/// Returns a dict: estimate, ci.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, **options))]
pub(crate) fn odds_ratio<'py>(
    py: Python<'py>,
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let o: abtest::OddsRatioOptions = convert::options("abtest.odds_ratio", options)?;
    let r =
        abtest::odds_ratio(x_a, n_a, x_b, n_b, o.method, o.confidence).map_err(errors::to_py)?;
    convert::plain(py, &r)
}
