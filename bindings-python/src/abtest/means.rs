//! Tests on raw values: t tests, CUPED and ratio metrics, Mann-Whitney, bootstrap.

use edgekit::abtest::{self, GroupSummary};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::interval;
use super::results::PyTestResult;
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
) -> PyResult<PyTestResult> {
    let options: abtest::MeansOptions = convert::options("abtest.welch", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::welch(a, b, &options))
        .map(PyTestResult)
        .map_err(errors::to_py)
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
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyTestResult> {
    let options: abtest::MeansOptions = convert::options("abtest.t_test_from_sums", options)?;
    let a = GroupSummary::from_sums(a.0, a.1, a.2, "a").map_err(errors::to_py)?;
    let b = GroupSummary::from_sums(b.0, b.1, b.2, "b").map_err(errors::to_py)?;
    abtest::t_test(&a, &b, &options)
        .map(PyTestResult)
        .map_err(errors::to_py)
}

pub(crate) fn paired(
    y: &Bound<'_, PyAny>,
    x: &Bound<'_, PyAny>,
    names: (&'static str, &'static str),
) -> PyResult<abtest::PairedSummary> {
    let (y, x) = (
        input::float_array(y, names.0)?,
        input::float_array(x, names.1)?,
    );
    abtest::PairedSummary::from_values(input::as_slice(&y), input::as_slice(&x), names)
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
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    a_pre: &Bound<'_, PyAny>,
    b_pre: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyTestResult> {
    let options: abtest::AdjustedOptions = convert::options("abtest.cuped", options)?;
    let (a, b) = (
        paired(a, a_pre, ("a", "a_pre"))?,
        paired(b, b_pre, ("b", "b_pre"))?,
    );
    abtest::cuped(&a, &b, &options)
        .map(PyTestResult)
        .map_err(errors::to_py)
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
    a_num: &Bound<'_, PyAny>,
    a_den: &Bound<'_, PyAny>,
    b_num: &Bound<'_, PyAny>,
    b_den: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyTestResult> {
    let options: abtest::AdjustedOptions = convert::options("abtest.ratio_metric", options)?;
    let a = paired(a_num, a_den, ("a_num", "a_den"))?;
    let b = paired(b_num, b_den, ("b_num", "b_den"))?;
    abtest::ratio_metric(&a, &b, &options)
        .map(PyTestResult)
        .map_err(errors::to_py)
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
    a_num: &Bound<'_, PyAny>,
    a_den: &Bound<'_, PyAny>,
    b_num: &Bound<'_, PyAny>,
    b_den: &Bound<'_, PyAny>,
    a_pre_num: &Bound<'_, PyAny>,
    a_pre_den: &Bound<'_, PyAny>,
    b_pre_num: &Bound<'_, PyAny>,
    b_pre_den: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyTestResult> {
    let options: abtest::AdjustedOptions = convert::options("abtest.cuped_ratio", options)?;
    let arm = |columns: [&Bound<'_, PyAny>; 4], names: [&'static str; 4]| {
        let arrays = [
            input::float_array(columns[0], names[0])?,
            input::float_array(columns[1], names[1])?,
            input::float_array(columns[2], names[2])?,
            input::float_array(columns[3], names[3])?,
        ];
        abtest::RatioCupedSummary::from_values(
            [
                input::as_slice(&arrays[0]),
                input::as_slice(&arrays[1]),
                input::as_slice(&arrays[2]),
                input::as_slice(&arrays[3]),
            ],
            names,
        )
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
        .map(PyTestResult)
        .map_err(errors::to_py)
}

/// Result of a rank test: ``statistic`` is U of b; ``probability_of_superiority`` = U/(n_a n_b).
#[pyclass(module = "edgekit.abtest", name = "RankTestResult", frozen)]
pub(crate) struct PyRankTestResult(abtest::RankTestResult);

#[edgekit_macros::boundary]
#[pymethods]
impl PyRankTestResult {
    #[getter]
    fn method(&self) -> &str {
        &self.0.method
    }
    #[getter]
    fn statistic(&self) -> f64 {
        self.0.statistic
    }
    #[getter]
    fn pvalue(&self) -> f64 {
        self.0.pvalue
    }
    #[getter]
    fn z(&self) -> Option<f64> {
        self.0.z
    }
    #[getter]
    fn probability_of_superiority(&self) -> f64 {
        self.0.probability_of_superiority
    }
    #[getter]
    fn alternative(&self) -> &'static str {
        self.0.alternative.as_str()
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.0;
        let d = PyDict::new(py);
        d.set_item("method", &r.method)?;
        d.set_item("statistic", r.statistic)?;
        d.set_item("pvalue", r.pvalue)?;
        d.set_item("z", r.z)?;
        d.set_item("probability_of_superiority", r.probability_of_superiority)?;
        d.set_item("alternative", r.alternative.as_str())?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "RankTestResult(method={:?}, statistic={}, pvalue={}, probability_of_superiority={})",
            r.method, r.statistic, r.pvalue, r.probability_of_superiority
        )
    }
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
) -> PyResult<PyRankTestResult> {
    let options: abtest::MannWhitneyOptions = convert::options("abtest.mann_whitney", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::mann_whitney(a, b, &options))
        .map(PyRankTestResult)
        .map_err(errors::to_py)
}

/// A bootstrap interval: ``estimate``, ``ci``, ``standard_error``.
#[pyclass(module = "edgekit.abtest", name = "BootstrapResult", frozen)]
pub(crate) struct PyBootstrapResult(pub(crate) abtest::BootstrapResult);

#[edgekit_macros::boundary]
#[pymethods]
impl PyBootstrapResult {
    #[getter]
    fn estimate(&self) -> f64 {
        self.0.estimate
    }
    #[getter]
    fn ci(&self) -> (f64, f64) {
        self.0.ci
    }
    #[getter]
    fn standard_error(&self) -> f64 {
        self.0.standard_error
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("estimate", self.0.estimate)?;
        d.set_item("ci", interval(py, self.0.ci)?)?;
        d.set_item("standard_error", self.0.standard_error)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "BootstrapResult(estimate={}, ci=({}, {}), standard_error={})",
            self.0.estimate, self.0.ci.0, self.0.ci.1, self.0.standard_error
        )
    }
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
) -> PyResult<PyBootstrapResult> {
    let options: abtest::BootstrapOptions = convert::options("abtest.bootstrap", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::bootstrap(a, b, &options))
        .map(PyBootstrapResult)
        .map_err(errors::to_py)
}

/// Result of the Brunner-Munzel test.
#[pyclass(module = "edgekit.abtest", name = "BrunnerMunzelResult", frozen)]
pub(crate) struct PyBrunnerMunzelResult(abtest::BrunnerMunzelResult);

#[edgekit_macros::boundary]
#[pymethods]
impl PyBrunnerMunzelResult {
    #[getter]
    fn statistic(&self) -> f64 {
        self.0.statistic
    }
    #[getter]
    fn pvalue(&self) -> f64 {
        self.0.pvalue
    }
    #[getter]
    fn df(&self) -> Option<f64> {
        self.0.df
    }
    #[getter]
    fn probability_of_superiority(&self) -> f64 {
        self.0.probability_of_superiority
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("statistic", self.0.statistic)?;
        d.set_item("pvalue", self.0.pvalue)?;
        d.set_item("df", self.0.df)?;
        d.set_item(
            "probability_of_superiority",
            self.0.probability_of_superiority,
        )?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "BrunnerMunzelResult(statistic={}, pvalue={}, probability_of_superiority={})",
            self.0.statistic, self.0.pvalue, self.0.probability_of_superiority
        )
    }
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
) -> PyResult<PyBrunnerMunzelResult> {
    let options: abtest::BrunnerMunzelOptions = convert::options("abtest.brunner_munzel", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::brunner_munzel(a, b, &options))
        .map(PyBrunnerMunzelResult)
        .map_err(errors::to_py)
}

/// Result of a permutation test.
#[pyclass(module = "edgekit.abtest", name = "PermutationResult", frozen)]
pub(crate) struct PyPermutationResult(abtest::PermutationResult);

#[edgekit_macros::boundary]
#[pymethods]
impl PyPermutationResult {
    #[getter]
    fn statistic(&self) -> f64 {
        self.0.statistic
    }
    #[getter]
    fn pvalue(&self) -> f64 {
        self.0.pvalue
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("statistic", self.0.statistic)?;
        d.set_item("pvalue", self.0.pvalue)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "PermutationResult(statistic={}, pvalue={})",
            self.0.statistic, self.0.pvalue
        )
    }
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
) -> PyResult<PyPermutationResult> {
    let options: abtest::PermutationOptions = convert::options("abtest.permutation_test", options)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::permutation_test(a, b, &options))
        .map(PyPermutationResult)
        .map_err(errors::to_py)
}
