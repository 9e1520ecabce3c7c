//! `edgekit.monitoring`'s native multiclass calculators: CBPE and realized performance over a
//! multiclass model's outputs (class names, one probability column per class, predicted and
//! true classes as float64 indexes into the names; NaN: target unknown).

use edgekit::drift;
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

/// The outputs handed over as float64 arrays (read in place when contiguous).
pub(crate) struct Arrays<'py> {
    classes: Vec<String>,
    proba: Vec<PyReadonlyArray1<'py, f64>>,
    labels: PyReadonlyArray1<'py, f64>,
    targets: Option<PyReadonlyArray1<'py, f64>>,
}

impl<'py> Arrays<'py> {
    pub(crate) fn read(
        classes: Vec<String>,
        proba: &Bound<'py, PyAny>,
        labels: &Bound<'py, PyAny>,
        targets: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        if classes.len() > drift::MAX_CLASSES {
            return Err(errors::to_py(drift::DriftError::Undefined(format!(
                "{} classes; at most {} are supported",
                classes.len(),
                drift::MAX_CLASSES
            ))));
        }
        let proba = proba
            .try_iter()?
            .take(drift::MAX_CLASSES + 1)
            .map(|column| input::float_array(&column?, "y_pred_proba"))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Arrays {
            classes,
            proba,
            labels: input::float_array(labels, "y_pred")?,
            targets: targets
                .map(|t| input::float_array(t, "y_true"))
                .transpose()?,
        })
    }

    pub(crate) fn columns(&self) -> Vec<&[f64]> {
        self.proba.iter().map(input::as_slice).collect()
    }

    pub(crate) fn outputs<'a>(&'a self, columns: &'a [&'a [f64]]) -> drift::MulticlassOutputs<'a> {
        drift::MulticlassOutputs {
            classes: &self.classes,
            y_pred_proba: columns,
            y_pred: input::as_slice(&self.labels),
            y_true: self.targets.as_ref().map(input::as_slice),
        }
    }
}

/// A fitted multiclass CBPE estimator (see ``edgekit.monitoring.CBPE``); immutable, so shared
/// freely between threads.
#[pyclass(name = "_MulticlassCbpe", module = "edgekit.monitoring", frozen)]
pub struct PyMulticlassCbpe(pub(crate) drift::MulticlassCbpe);

#[edgekit_macros::boundary]
#[pymethods]
impl PyMulticlassCbpe {
    /// Fits on the class names, one probability array per class, and the predicted and true
    /// class indexes, with int64 ns ``timestamps`` (or None).
    #[staticmethod]
    #[pyo3(signature = (classes, y_pred_proba, y_pred, y_true, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        classes: Vec<String>,
        y_pred_proba: &Bound<'_, PyAny>,
        y_pred: &Bound<'_, PyAny>,
        y_true: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::CbpeOptions = convert::options("monitoring.CBPE", options)?;
        let arrays = Arrays::read(classes, y_pred_proba, y_pred, Some(y_true))?;
        let columns = arrays.columns();
        let outputs = arrays.outputs(&columns);
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || drift::MulticlassCbpe::fit(outputs, stamps, &o))
            .map(Self)
            .map_err(errors::to_py)
    }

    /// The reference chunks and those of the data, as plain row dicts.
    #[pyo3(signature = (classes, y_pred_proba, y_pred, y_true=None, timestamps=None))]
    fn estimate<'py>(
        &self,
        py: Python<'py>,
        classes: Vec<String>,
        y_pred_proba: &Bound<'py, PyAny>,
        y_pred: &Bound<'py, PyAny>,
        y_true: Option<&Bound<'py, PyAny>>,
        timestamps: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let arrays = Arrays::read(classes, y_pred_proba, y_pred, y_true)?;
        let columns = arrays.columns();
        let outputs = arrays.outputs(&columns);
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        let rows = crate::boundary::detach(py, || self.0.estimate(outputs, stamps))
            .map_err(errors::to_py)?;
        convert::plain(py, &rows)
    }

    /// Whether each class's probability is calibrated before estimating.
    #[getter]
    fn calibrated_classes(&self) -> Vec<bool> {
        self.0.calibrated_classes()
    }

    #[getter]
    fn classes(&self) -> Vec<String> {
        self.0.classes().to_vec()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::MulticlassCbpe::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

/// A fitted multiclass realized-performance calculator (see
/// ``edgekit.monitoring.PerformanceCalculator``).
#[pyclass(name = "_MulticlassPerformance", module = "edgekit.monitoring", frozen)]
pub struct PyMulticlassPerformance(pub(crate) drift::MulticlassPerformance);

#[edgekit_macros::boundary]
#[pymethods]
impl PyMulticlassPerformance {
    #[staticmethod]
    #[pyo3(signature = (classes, y_pred_proba, y_pred, y_true, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        classes: Vec<String>,
        y_pred_proba: &Bound<'_, PyAny>,
        y_pred: &Bound<'_, PyAny>,
        y_true: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::RealizedOptions =
            convert::options("monitoring.PerformanceCalculator", options)?;
        let arrays = Arrays::read(classes, y_pred_proba, y_pred, Some(y_true))?;
        let columns = arrays.columns();
        let outputs = arrays.outputs(&columns);
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || {
            drift::MulticlassPerformance::fit(outputs, stamps, &o)
        })
        .map(Self)
        .map_err(errors::to_py)
    }

    #[pyo3(signature = (classes, y_pred_proba, y_pred, y_true, timestamps=None))]
    fn calculate<'py>(
        &self,
        py: Python<'py>,
        classes: Vec<String>,
        y_pred_proba: &Bound<'py, PyAny>,
        y_pred: &Bound<'py, PyAny>,
        y_true: &Bound<'py, PyAny>,
        timestamps: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let arrays = Arrays::read(classes, y_pred_proba, y_pred, Some(y_true))?;
        let columns = arrays.columns();
        let outputs = arrays.outputs(&columns);
        let stamps = crate::monitoring::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        let rows = crate::boundary::detach(py, || self.0.calculate(outputs, stamps))
            .map_err(errors::to_py)?;
        convert::plain(py, &rows)
    }

    #[getter]
    fn classes(&self) -> Vec<String> {
        self.0.classes().to_vec()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::MulticlassPerformance::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyMulticlassCbpe>()?;
    module.add_class::<PyMulticlassPerformance>()?;
    Ok(())
}
