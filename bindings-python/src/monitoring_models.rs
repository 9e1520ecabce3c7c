//! The native halves of the monitoring calculators that train models: `edgekit.monitoring.DLE`
//! (a direct loss estimator over ``[(name, values, categorical), ...]`` feature columns and the
//! model's outputs) and `edgekit.monitoring.DomainClassifierCalculator`.

use edgekit::drift;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::drift::{borrowed, owned_columns};
use crate::{convert, errors};

/// A fitted direct loss estimator (see ``edgekit.monitoring.DLE``); immutable, so shared
/// freely between threads.
#[pyclass(name = "_Dle", module = "edgekit.monitoring", frozen)]
pub struct PyDle(pub(crate) drift::Dle);

#[edgekit_macros::boundary]
#[pymethods]
impl PyDle {
    /// Fits on the feature columns, predictions and targets, with int64 ns ``timestamps``.
    #[staticmethod]
    #[pyo3(signature = (columns, y_pred, y_true, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        columns: &Bound<'_, PyAny>,
        y_pred: &Bound<'_, PyAny>,
        y_true: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::DleOptions = convert::options("monitoring.DLE", options)?;
        let owned = owned_columns(columns)?;
        let columns = borrowed(&owned);
        let arrays = crate::monitoring::RegressionArrays::read(y_pred, Some(y_true))?;
        let outputs = arrays.outputs();
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || drift::Dle::fit(&columns, outputs, stamps, &o))
            .map(Self)
            .map_err(errors::to_py)
    }

    /// The reference chunks and those of the data, as plain row dicts (``y_true`` optional:
    /// where given, each cell's ``realized`` is filled).
    #[pyo3(signature = (columns, y_pred, y_true=None, timestamps=None))]
    fn estimate<'py>(
        &self,
        py: Python<'py>,
        columns: &Bound<'py, PyAny>,
        y_pred: &Bound<'py, PyAny>,
        y_true: Option<&Bound<'py, PyAny>>,
        timestamps: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let owned = owned_columns(columns)?;
        let columns = borrowed(&owned);
        let arrays = crate::monitoring::RegressionArrays::read(y_pred, y_true)?;
        let outputs = arrays.outputs();
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        let rows = crate::boundary::detach(py, || self.0.estimate(&columns, outputs, stamps))
            .map_err(errors::to_py)?;
        convert::plain(py, &rows)
    }

    /// The feature names the estimator reads, in order.
    #[getter]
    fn feature_names(&self) -> Vec<String> {
        self.0
            .feature_names()
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::Dle::from_json(text).map(Self).map_err(errors::to_py)
    }
}

/// A fitted domain classifier calculator (see
/// ``edgekit.monitoring.DomainClassifierCalculator``); immutable, so shared freely between
/// threads.
#[pyclass(name = "_DomainClassifier", module = "edgekit.monitoring", frozen)]
pub struct PyDomainClassifier(pub(crate) drift::DomainClassifier);

#[edgekit_macros::boundary]
#[pymethods]
impl PyDomainClassifier {
    /// Fits on ``[(name, values, categorical), ...]`` with int64 ns ``timestamps`` (or None).
    #[staticmethod]
    #[pyo3(signature = (columns, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        columns: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::DomainClassifierOptions =
            convert::options("monitoring.DomainClassifierCalculator", options)?;
        let owned = owned_columns(columns)?;
        let columns = borrowed(&owned);
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || drift::DomainClassifier::fit(&columns, stamps, &o))
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

    #[getter]
    fn thresholds(&self) -> (Option<f64>, Option<f64>) {
        self.0.thresholds()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::DomainClassifier::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyDle>()?;
    module.add_class::<PyDomainClassifier>()
}
