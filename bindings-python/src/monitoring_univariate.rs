//! `edgekit.monitoring.UnivariateDriftCalculator`'s native half: a fitted univariate drift
//! calculator over ``[(name, values, categorical), ...]`` columns.

use edgekit::drift;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::drift::{borrowed, owned_columns};

use crate::{convert, errors};

/// A fitted univariate drift calculator (see ``edgekit.monitoring.UnivariateDriftCalculator``);
/// immutable, so shared freely between threads.
#[pyclass(name = "_UnivariateDrift", module = "edgekit.monitoring", frozen)]
pub struct PyUnivariateDrift(pub(crate) drift::UnivariateDrift);

#[edgekit_macros::boundary]
#[pymethods]
impl PyUnivariateDrift {
    /// Fits on ``[(name, values, categorical), ...]`` with int64 ns ``timestamps`` (or None).
    #[staticmethod]
    #[pyo3(signature = (columns, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        columns: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::UnivariateOptions =
            convert::options("monitoring.UnivariateDriftCalculator", options)?;
        let owned = owned_columns(columns)?;
        let columns = borrowed(&owned);
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || drift::UnivariateDrift::fit(&columns, stamps, &o))
            .map(Self)
            .map_err(errors::to_py)
    }

    /// The reference chunks and those of ``columns``, as plain row dicts.
    #[pyo3(signature = (columns, timestamps=None))]
    fn calculate<'py>(
        &self,
        py: Python<'py>,
        columns: &Bound<'py, PyAny>,
        timestamps: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let owned = owned_columns(columns)?;
        let columns = borrowed(&owned);
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        let rows = crate::boundary::detach(py, || self.0.calculate(&columns, stamps))
            .map_err(errors::to_py)?;
        convert::plain(py, &rows)
    }

    /// ``[(name, categorical), ...]`` in result order.
    #[getter]
    fn columns(&self) -> Vec<(String, bool)> {
        self.0.columns().to_vec()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::UnivariateDrift::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyUnivariateDrift>()
}
