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

/// t_test_from_summary(a, b, **options)
/// --
///
/// Welch's (or Student's) t test from per-arm ``{"n", "mean", "variance"}`` summaries (sample
/// variance, ddof = 1), as a distributed engine merges them.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn t_test_from_summary(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let function = "abtest.t_test_from_summary";
    let options: abtest::MeansOptions = convert::options(function, options)?;
    let a: GroupSummary = convert::argument(function, "a", a)?;
    let b: GroupSummary = convert::argument(function, "b", b)?;
    a.check("a").map_err(errors::to_py)?;
    b.check("b").map_err(errors::to_py)?;
    abtest::t_test(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
}

/// Per-arm ``{"n", "mean_y", "mean_x", "var_y", "var_x", "cov"}`` summaries, checked.
fn paired_summaries(
    function: &str,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
) -> PyResult<(abtest::PairedSummary, abtest::PairedSummary)> {
    let a: abtest::PairedSummary = convert::argument(function, "a", a)?;
    let b: abtest::PairedSummary = convert::argument(function, "b", b)?;
    Ok((
        a.checked("a").map_err(errors::to_py)?,
        b.checked("b").map_err(errors::to_py)?,
    ))
}

/// cuped_from_summary(a, b, **options)
/// --
///
/// CUPED from per-arm ``{"n", "mean_y", "mean_x", "var_y", "var_x", "cov"}`` summaries of the
/// metric (y) and its pre-period covariate (x).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn cuped_from_summary(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let function = "abtest.cuped_from_summary";
    let options: abtest::AdjustedOptions = convert::options(function, options)?;
    let (a, b) = paired_summaries(function, a, b)?;
    abtest::cuped(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
}

/// ratio_metric_from_summary(a, b, **options)
/// --
///
/// A ratio metric from per-arm ``{"n", "mean_y", "mean_x", "var_y", "var_x", "cov"}``
/// summaries of the numerator (y) and the denominator (x), by the delta method.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
pub(crate) fn ratio_metric_from_summary(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let function = "abtest.ratio_metric_from_summary";
    let options: abtest::AdjustedOptions = convert::options(function, options)?;
    let (a, b) = paired_summaries(function, a, b)?;
    abtest::ratio_metric(&a, &b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "TestResult", &r))
}

/// _group_moments(columns, names, pairs, groups, n_groups)
/// --
///
/// Core's ``abtest::Moments`` of each group (``groups``: int64 codes, −1 leaves a row out), as
/// dicts; the work runs without the GIL.
#[edgekit_macros::boundary]
#[pyfunction]
pub(crate) fn _group_moments(
    py: Python<'_>,
    columns: Vec<Bound<'_, PyAny>>,
    names: Vec<String>,
    pairs: Vec<(usize, usize)>,
    groups: &Bound<'_, PyAny>,
    n_groups: usize,
) -> PyResult<Py<PyAny>> {
    let arrays = columns
        .iter()
        .map(|c| input::float_array(c, "columns"))
        .collect::<PyResult<Vec<_>>>()?;
    let slices: Vec<&[f64]> = arrays.iter().map(input::as_slice).collect();
    let codes = input::count_array(groups, "groups")?;
    let codes = codes.as_slice();
    let moments = crate::boundary::detach(py, || {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        abtest::Moments::by_group(&slices, &names, &pairs, codes, n_groups)
    })
    .map_err(errors::to_py)?;
    Ok(convert::plain(py, &moments)?.unbind())
}

/// _merge_moments(a, b): core's ``Moments::merge`` of two moments dicts.
#[edgekit_macros::boundary]
#[pyfunction]
pub(crate) fn _merge_moments(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let function = "abtest._merge_moments";
    let a: abtest::Moments = convert::argument(function, "a", a)?;
    let b: abtest::Moments = convert::argument(function, "b", b)?;
    let merged = a.merge(&b).map_err(errors::to_py)?;
    Ok(convert::plain(py, &merged)?.unbind())
}

/// _moments_summary(moments, column): ``{"n", "mean", "variance"}`` of one column.
#[edgekit_macros::boundary]
#[pyfunction]
pub(crate) fn _moments_summary(
    py: Python<'_>,
    moments: &Bound<'_, PyAny>,
    column: usize,
) -> PyResult<Py<PyAny>> {
    let m: abtest::Moments = convert::argument("abtest._moments_summary", "moments", moments)?;
    let s = m.summary(column).map_err(errors::to_py)?;
    Ok(convert::plain(py, &s)?.unbind())
}

/// _moments_paired(moments, pair): the pair's ``{"n", "mean_y", ..., "cov"}``.
#[edgekit_macros::boundary]
#[pyfunction]
pub(crate) fn _moments_paired(
    py: Python<'_>,
    moments: &Bound<'_, PyAny>,
    pair: usize,
) -> PyResult<Py<PyAny>> {
    let m: abtest::Moments = convert::argument("abtest._moments_paired", "moments", moments)?;
    let s = m.paired(pair).map_err(errors::to_py)?;
    Ok(convert::plain(py, &s)?.unbind())
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
