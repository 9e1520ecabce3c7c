//! Column-in, column-out tests for many metrics at once.

use edgekit::abtest;
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

pub(crate) fn batch_dict<'py>(
    py: Python<'py>,
    r: abtest::BatchResult,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("statistic", r.statistic.into_pyarray(py))?;
    d.set_item("pvalue", r.pvalue.into_pyarray(py))?;
    d.set_item("effect", r.effect.into_pyarray(py))?;
    d.set_item("ci_low", r.ci_low.into_pyarray(py))?;
    d.set_item("ci_high", r.ci_high.into_pyarray(py))?;
    Ok(d)
}

/// t_test_batch(n_a, mean_a, var_a, n_b, mean_b, var_b, **options)
/// --
///
/// Welch (or Student) t tests on every row of summary columns (sizes, means, sample variances
/// with ddof=1), in parallel without the GIL; float64 arrays are read in place.
/// Returns a dict of numpy arrays: statistic, pvalue, effect, ci_low, ci_high.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (n_a, mean_a, var_a, n_b, mean_b, var_b, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn t_test_batch<'py>(
    py: Python<'py>,
    n_a: &Bound<'py, PyAny>,
    mean_a: &Bound<'py, PyAny>,
    var_a: &Bound<'py, PyAny>,
    n_b: &Bound<'py, PyAny>,
    mean_b: &Bound<'py, PyAny>,
    var_b: &Bound<'py, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let options: abtest::MeansOptions = convert::options("abtest.t_test_batch", options)?;
    let columns = [
        input::float_array(n_a, "n_a")?,
        input::float_array(mean_a, "mean_a")?,
        input::float_array(var_a, "var_a")?,
        input::float_array(n_b, "n_b")?,
        input::float_array(mean_b, "mean_b")?,
        input::float_array(var_b, "var_b")?,
    ];
    let [n_a, mean_a, var_a, n_b, mean_b, var_b] = columns.each_ref().map(input::as_slice);
    let r = crate::boundary::detach(py, || {
        abtest::t_test_batch([n_a, mean_a, var_a], [n_b, mean_b, var_b], &options)
    })
    .map_err(errors::to_py)?;
    batch_dict(py, r)
}
