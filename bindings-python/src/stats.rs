//! `edgekit.stats`: summaries.

use edgekit::stats::{self, DescribeOptions};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{errors, input};

/// Summary of a sample: count, mean, variance (ddof=1), std, min, max, skewness, kurtosis
/// (Fisher) and quantiles. Undefined quantities are ``None``.
#[pyclass(module = "edgekit.stats", name = "Describe", frozen)]
pub struct PyDescribe(stats::Describe);

#[edgekit_macros::boundary]
#[pymethods]
impl PyDescribe {
    #[getter]
    fn count(&self) -> u64 {
        self.0.count
    }
    #[getter]
    fn mean(&self) -> f64 {
        self.0.mean
    }
    #[getter]
    fn variance(&self) -> Option<f64> {
        self.0.variance
    }
    #[getter]
    fn std(&self) -> Option<f64> {
        self.0.std
    }
    #[getter]
    fn min(&self) -> f64 {
        self.0.min
    }
    #[getter]
    fn max(&self) -> f64 {
        self.0.max
    }
    #[getter]
    fn skewness(&self) -> Option<f64> {
        self.0.skewness
    }
    #[getter]
    fn kurtosis(&self) -> Option<f64> {
        self.0.kurtosis
    }
    /// Requested quantiles as ``{probability: value}`` in the order asked.
    #[getter]
    fn quantiles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for q in &self.0.quantiles {
            dict.set_item(q.probability, q.value)?;
        }
        Ok(dict)
    }

    /// The summary as a plain ``dict`` (JSON-ready).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = &self.0;
        let dict = PyDict::new(py);
        dict.set_item("count", d.count)?;
        dict.set_item("mean", d.mean)?;
        dict.set_item("variance", d.variance)?;
        dict.set_item("std", d.std)?;
        dict.set_item("min", d.min)?;
        dict.set_item("max", d.max)?;
        dict.set_item("skewness", d.skewness)?;
        dict.set_item("kurtosis", d.kurtosis)?;
        dict.set_item("quantiles", self.quantiles(py)?)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let d = &self.0;
        let opt = |v: Option<f64>| v.map_or_else(|| "None".to_owned(), |v| v.to_string());
        let quantiles = d
            .quantiles
            .iter()
            .map(|q| format!("{}: {}", q.probability, q.value))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "Describe(count={}, mean={}, variance={}, std={}, min={}, max={}, skewness={}, kurtosis={}, quantiles={{{}}})",
            d.count,
            d.mean,
            opt(d.variance),
            opt(d.std),
            d.min,
            d.max,
            opt(d.skewness),
            opt(d.kurtosis),
            quantiles
        )
    }
}

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
) -> PyResult<PyDescribe> {
    let options: DescribeOptions = crate::convert::options("stats.describe", options)?;
    let array = input::float_array(x, "x")?;
    let values = input::as_slice(&array);
    crate::boundary::detach(py, || stats::describe(values, &options))
        .map(PyDescribe)
        .map_err(errors::to_py)
}

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "stats")?;
    module.add_class::<PyDescribe>()?;
    module.add_function(wrap_pyfunction!(describe, &module)?)?;
    parent.add_submodule(&module)?;
    Ok(())
}
