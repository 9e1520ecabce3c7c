//! `edgekit.stats`: summaries.

use edgekit::stats::{self, DescribeOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

/// describe(x, *, quantiles=(0.25, 0.5, 0.75), nan_policy="raise", bias=True)
/// --
///
/// Summarise a 1-D sample as ``scipy.stats.describe`` plus ``numpy.quantile`` (linear).
/// A contiguous float64 numpy array is read without copying; the work runs without the GIL.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x, **options))]
fn describe(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: DescribeOptions = crate::convert::options("stats.describe", options)?;
    let array = input::float_array(x, "x")?;
    let values = input::as_slice(&array);
    crate::boundary::detach(py, || stats::describe(values, &options))
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "Describe", &r))
}

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "stats")?;
    module.add_function(wrap_pyfunction!(describe, &module)?)?;
    parent.add_submodule(&module)?;
    Ok(())
}
