//! Tests on raw values: t tests, CUPED and ratio metrics, Mann-Whitney, bootstrap.

use edgekit::abtest::{self, GroupSummary};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

/// welch(a, b, **options)
/// --
///
/// Welch's t test of mean(b) − mean(a) on raw values (Student's with equal_var=True).
/// Contiguous float64 arrays are read without copying; the work runs without the GIL.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn welch(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::MeansOptions = convert::options("abtest.welch", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::welch(a, b, &options))
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
}

/// t_test_from_sums(a, b, **options)
/// --
///
/// Welch's (or Student's) t test from per-group (n, sum, sum_of_squares) tuples, as a
/// warehouse stores them.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn t_test_from_sums(
    py: Python<'_>,
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::MeansOptions = convert::options("abtest.t_test_from_sums", options)?;
    let a = GroupSummary::from_sums(a.0, a.1, a.2, "a").map_err(errors::to_py)?;
    let b = GroupSummary::from_sums(b.0, b.1, b.2, "b").map_err(errors::to_py)?;
    abtest::t_test(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
}

/// The (metric, covariate) summary of one arm, computed without the GIL.
pub(crate) fn paired(
    py: Python<'_>,
    y: &Bound<'_, PyAny>,
    x: &Bound<'_, PyAny>,
    names: (&'static str, &'static str),
) -> PyResult<abtest::PairedSummary> {
    let (y, x) = (
        input::float_array(y, names.0)?,
        input::float_array(x, names.1)?,
    );
    let (y, x) = (input::as_slice(&y), input::as_slice(&x));
    crate::boundary::detach(py, || abtest::PairedSummary::from_values(y, x, names))
        .map_err(errors::to_py)
}

/// cuped(a, b, a_pre, b_pre, **options)
/// --
///
/// CUPED: the metric adjusted by its pre-experiment value with a pooled θ (gbstats'
/// regression adjustment), compared by Welch's t; relative effect over the unadjusted control.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, a_pre, b_pre, **options))]
pub(crate) fn cuped(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    a_pre: &Bound<'_, PyAny>,
    b_pre: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::AdjustedOptions = convert::options("abtest.cuped", options)?;
    let (a, b) = (
        paired(py, a, a_pre, ("a", "a_pre"))?,
        paired(py, b, b_pre, ("b", "b_pre"))?,
    );
    abtest::cuped(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
}

/// ratio_metric(a_num, a_den, b_num, b_den, **options)
/// --
///
/// A ratio metric Σnum / Σden per arm (revenue per session...) compared by the delta method,
/// as gbstats' RatioStatistic.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a_num, a_den, b_num, b_den, **options))]
pub(crate) fn ratio_metric(
    py: Python<'_>,
    a_num: &Bound<'_, PyAny>,
    a_den: &Bound<'_, PyAny>,
    b_num: &Bound<'_, PyAny>,
    b_den: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::AdjustedOptions = convert::options("abtest.ratio_metric", options)?;
    let a = paired(py, a_num, a_den, ("a_num", "a_den"))?;
    let b = paired(py, b_num, b_den, ("b_num", "b_den"))?;
    abtest::ratio_metric(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
}

/// cuped_ratio(a_num, a_den, b_num, b_den, a_pre_num, a_pre_den, b_pre_num, b_pre_den, **options)
/// --
///
/// CUPED for a ratio metric: Σnum/Σden per arm adjusted by the same ratio in the pre-period
/// (delta-method linearisation, θ pooled as gbstats), compared by Welch's t.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a_num, a_den, b_num, b_den, a_pre_num, a_pre_den, b_pre_num, b_pre_den, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn cuped_ratio(
    py: Python<'_>,
    a_num: &Bound<'_, PyAny>,
    a_den: &Bound<'_, PyAny>,
    b_num: &Bound<'_, PyAny>,
    b_den: &Bound<'_, PyAny>,
    a_pre_num: &Bound<'_, PyAny>,
    a_pre_den: &Bound<'_, PyAny>,
    b_pre_num: &Bound<'_, PyAny>,
    b_pre_den: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::AdjustedOptions = convert::options("abtest.cuped_ratio", options)?;
    let arm = |columns: [&Bound<'_, PyAny>; 4], names: [&'static str; 4]| {
        let arrays = [
            input::float_array(columns[0], names[0])?,
            input::float_array(columns[1], names[1])?,
            input::float_array(columns[2], names[2])?,
            input::float_array(columns[3], names[3])?,
        ];
        let columns = [
            input::as_slice(&arrays[0]),
            input::as_slice(&arrays[1]),
            input::as_slice(&arrays[2]),
            input::as_slice(&arrays[3]),
        ];
        crate::boundary::detach(py, || {
            abtest::RatioCupedSummary::from_values(columns, names)
        })
        .map_err(errors::to_py)
    };
    let a = arm(
        [a_num, a_den, a_pre_num, a_pre_den],
        ["a_num", "a_den", "a_pre_num", "a_pre_den"],
    )?;
    let b = arm(
        [b_num, b_den, b_pre_num, b_pre_den],
        ["b_num", "b_den", "b_pre_num", "b_pre_den"],
    )?;
    abtest::cuped_ratio(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
}

/// mann_whitney(a, b, **options)
/// --
///
/// Mann-Whitney U test of b against a, as scipy.stats.mannwhitneyu(b, a): "larger" means b
/// tends to exceed a; method "auto", "exact" or "asymptotic". Runs without the GIL.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn mann_whitney(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::MannWhitneyOptions = convert::options("abtest.mann_whitney", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::mann_whitney(a, b, &options))
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "RankTestResult", &r))
}

/// bootstrap(a, b, **options)
/// --
///
/// Bootstrap interval of mean(b) − mean(a) ("mean_diff"), mean(b)/mean(a)
/// ("ratio_of_means"), median(b) − median(a) ("median_diff") or the difference of the
/// ``quantile`` ("quantile_diff"): "percentile", "basic" or "bca" (as scipy.stats.bootstrap).
/// Seeded, parallel, without the GIL; memory grows with n_resamples by 8 bytes each.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn bootstrap(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::BootstrapOptions = convert::options("abtest.bootstrap", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::bootstrap(a, b, &options))
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "BootstrapResult", &r))
}

/// brunner_munzel(a, b, **options)
/// --
///
/// Brunner-Munzel test (as scipy.stats.brunnermunzel(b, a)); the statistic is positive when b
/// tends to exceed a. Robust to unequal variances.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn brunner_munzel(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::BrunnerMunzelOptions = convert::options("abtest.brunner_munzel", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::brunner_munzel(a, b, &options))
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "BrunnerMunzelResult", &r))
}

/// permutation_test(a, b, **options)
/// --
///
/// Randomised permutation test of mean(b) − mean(a) (as scipy.stats.permutation_test,
/// independent samples). Seeded and parallel; runs without the GIL.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn permutation_test(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::PermutationOptions = convert::options("abtest.permutation_test", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::permutation_test(a, b, &options))
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "PermutationResult", &r))
}
