//! The result class shared by the two-group tests.

use edgekit::abtest;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::interval;

/// Result of a two-group test: ``effect`` is b − a; ``ci`` a (low, high) tuple.
#[pyclass(module = "edgekit.abtest", name = "TestResult", frozen)]
pub(crate) struct PyTestResult(pub(crate) abtest::TestResult);

#[edgekit_macros::boundary]
#[pymethods]
impl PyTestResult {
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
    fn df(&self) -> Option<f64> {
        self.0.df
    }
    #[getter]
    fn effect(&self) -> f64 {
        self.0.effect
    }
    #[getter]
    fn ci(&self) -> (f64, f64) {
        self.0.ci
    }
    #[getter]
    fn relative_effect(&self) -> Option<f64> {
        self.0.relative_effect
    }
    #[getter]
    fn relative_ci(&self) -> Option<(f64, f64)> {
        self.0.relative_ci
    }
    #[getter]
    fn alternative(&self) -> &'static str {
        self.0.alternative.as_str()
    }
    #[getter]
    fn confidence(&self) -> f64 {
        self.0.confidence
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.0;
        let d = PyDict::new(py);
        d.set_item("method", &r.method)?;
        d.set_item("statistic", r.statistic)?;
        d.set_item("pvalue", r.pvalue)?;
        d.set_item("df", r.df)?;
        d.set_item("effect", r.effect)?;
        d.set_item("ci", interval(py, r.ci)?)?;
        d.set_item("relative_effect", r.relative_effect)?;
        d.set_item("relative_ci", r.relative_ci)?;
        d.set_item("alternative", r.alternative.as_str())?;
        d.set_item("confidence", r.confidence)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "TestResult(method={:?}, effect={}, ci=({}, {}), statistic={}, pvalue={}, relative_effect={})",
            r.method,
            r.effect,
            r.ci.0,
            r.ci.1,
            r.statistic,
            r.pvalue,
            r.relative_effect
                .map_or_else(|| "None".to_owned(), |v| v.to_string())
        )
    }
}
