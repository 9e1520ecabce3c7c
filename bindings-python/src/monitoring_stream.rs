//! `edgekit.monitoring.ChunkMonitor`'s native half: a fitted chunked calculator fed batch by
//! batch (core's `ChunkMonitor`). One class per calculator; each takes the batch in the form
//! its calculator's `calculate`/`estimate` takes, and is shared between threads behind a lock.

use edgekit::drift;
use pyo3::prelude::*;

use crate::boundary::Shared;
use crate::drift::{borrowed, owned_columns};
use crate::monitoring::{
    Arrays, PyCbpe, PyRealizedPerformance, PyReconstructionDrift, PyRegressionPerformance,
    RegressionArrays, timestamps,
};
use crate::monitoring_models::{PyDle, PyDomainClassifier};
use crate::monitoring_multiclass::{
    Arrays as MulticlassArrays, PyMulticlassCbpe, PyMulticlassPerformance,
};
use crate::monitoring_univariate::PyUnivariateDrift;
use crate::{convert, errors};

/// Domain-classifier drift fed batch by batch.
#[pyclass(
    name = "_DomainClassifierMonitor",
    module = "edgekit.monitoring",
    frozen
)]
pub struct PyDomainClassifierMonitor(pub(crate) Shared<drift::DomainClassifierMonitor>);

/// A multiclass CBPE estimator fed batch by batch.
#[pyclass(name = "_MulticlassCbpeMonitor", module = "edgekit.monitoring", frozen)]
pub struct PyMulticlassCbpeMonitor(pub(crate) Shared<drift::MulticlassCbpeMonitor>);

/// Multiclass realized performance fed batch by batch.
#[pyclass(
    name = "_MulticlassRealizedMonitor",
    module = "edgekit.monitoring",
    frozen
)]
pub struct PyMulticlassRealizedMonitor(pub(crate) Shared<drift::MulticlassRealizedMonitor>);

/// Regression realized performance fed batch by batch.
#[pyclass(name = "_RegressionMonitor", module = "edgekit.monitoring", frozen)]
pub struct PyRegressionMonitor(pub(crate) Shared<drift::RegressionMonitor>);

/// A DLE estimator fed batch by batch.
#[pyclass(name = "_DleMonitor", module = "edgekit.monitoring", frozen)]
pub struct PyDleMonitor(pub(crate) Shared<drift::DleMonitor>);

/// The methods every monitor has, whatever its batches hold.
macro_rules! monitor_methods {
    ($class:ident, $calculator:ty, $fitted:ty, { $($push:tt)* }) => {
        #[edgekit_macros::boundary]
        #[pymethods]
        impl $class {
            #[new]
            fn new(calculator: &Bound<'_, $fitted>) -> PyResult<Self> {
                let fitted = calculator.get().0.clone();
                drift::ChunkMonitor::new(fitted)
                    .map(|m| Self(Shared::new(m)))
                    .map_err(errors::to_py)
            }

            $($push)*

            /// Closes the open chunk now (see ``ChunkMonitor.flush``).
            fn flush(&self, py: Python<'_>) -> PyResult<()> {
                crate::boundary::detach(py, || self.0.lock().flush()).map_err(errors::to_py)
            }

            /// The reference chunks' rows and every closed chunk's, as plain row dicts.
            #[getter]
            fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let monitor = self.0.lock();
                convert::plain(py, monitor.rows())
            }

            #[getter]
            fn pending_rows(&self) -> usize {
                self.0.lock().pending_rows()
            }

            fn to_json(&self) -> String {
                self.0.lock().to_json()
            }

            #[staticmethod]
            fn from_json(text: &str) -> PyResult<Self> {
                drift::ChunkMonitor::<$calculator>::from_json(text)
                    .map(|m| Self(Shared::new(m)))
                    .map_err(errors::to_py)
            }
        }
    };
}

/// Univariate drift fed batch by batch.
#[pyclass(name = "_UnivariateMonitor", module = "edgekit.monitoring", frozen)]
pub struct PyUnivariateMonitor(pub(crate) Shared<drift::UnivariateMonitor>);

/// Reconstruction drift fed batch by batch.
#[pyclass(name = "_ReconstructionMonitor", module = "edgekit.monitoring", frozen)]
pub struct PyReconstructionMonitor(pub(crate) Shared<drift::ReconstructionMonitor>);

/// A binary CBPE estimator fed batch by batch.
#[pyclass(name = "_CbpeMonitor", module = "edgekit.monitoring", frozen)]
pub struct PyCbpeMonitor(pub(crate) Shared<drift::CbpeMonitor>);

/// Binary realized performance fed batch by batch.
#[pyclass(name = "_RealizedMonitor", module = "edgekit.monitoring", frozen)]
pub struct PyRealizedMonitor(pub(crate) Shared<drift::RealizedMonitor>);

/// `push` over `[(name, values, categorical), ...]` columns.
macro_rules! column_monitor {
    ($class:ident, $calculator:ty, $fitted:ty) => {
        monitor_methods!($class, $calculator, $fitted, {
            /// Takes a batch of columns (with int64 ns ``timestamps`` if the stream has them).
            #[pyo3(signature = (columns, timestamps=None))]
            fn push(
                &self,
                py: Python<'_>,
                columns: &Bound<'_, PyAny>,
                timestamps: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let owned = owned_columns(columns)?;
                let columns = borrowed(&owned);
                let stamps = self::timestamps(timestamps)?;
                let stamps = stamps.as_ref().map(|t| t.as_slice());
                crate::boundary::detach(py, || self.0.lock().push(&columns, stamps))
                    .map_err(errors::to_py)
            }
        });
    };
}

/// `push` over a binary classifier's outputs.
macro_rules! output_monitor {
    ($class:ident, $calculator:ty, $fitted:ty) => {
        monitor_methods!($class, $calculator, $fitted, {
            /// Takes a batch of scores, labels and (optional) targets, float64 arrays.
            #[pyo3(signature = (y_pred_proba, y_pred, y_true=None, timestamps=None))]
            fn push(
                &self,
                py: Python<'_>,
                y_pred_proba: &Bound<'_, PyAny>,
                y_pred: &Bound<'_, PyAny>,
                y_true: Option<&Bound<'_, PyAny>>,
                timestamps: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let arrays = Arrays::read(y_pred_proba, y_pred, y_true)?;
                let outputs = arrays.outputs();
                let stamps = self::timestamps(timestamps)?;
                let stamps = stamps.as_ref().map(|t| t.as_slice());
                crate::boundary::detach(py, || self.0.lock().push(outputs, stamps))
                    .map_err(errors::to_py)
            }
        });
    };
}

/// `push` over a multiclass model's outputs.
macro_rules! multiclass_monitor {
    ($class:ident, $calculator:ty, $fitted:ty) => {
        monitor_methods!($class, $calculator, $fitted, {
            /// Takes a batch: the class names, one probability array per class, predicted and
            /// (optional) true class indexes.
            #[pyo3(signature = (classes, y_pred_proba, y_pred, y_true=None, timestamps=None))]
            fn push(
                &self,
                py: Python<'_>,
                classes: Vec<String>,
                y_pred_proba: &Bound<'_, PyAny>,
                y_pred: &Bound<'_, PyAny>,
                y_true: Option<&Bound<'_, PyAny>>,
                timestamps: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let arrays = MulticlassArrays::read(classes, y_pred_proba, y_pred, y_true)?;
                let columns = arrays.columns();
                let outputs = arrays.outputs(&columns);
                let stamps = self::timestamps(timestamps)?;
                let stamps = stamps.as_ref().map(|t| t.as_slice());
                crate::boundary::detach(py, || self.0.lock().push(outputs, stamps))
                    .map_err(errors::to_py)
            }
        });
    };
}

/// `push` over a regression model's outputs, with or without feature columns.
macro_rules! regression_monitor {
    ($class:ident, $calculator:ty, $fitted:ty) => {
        monitor_methods!($class, $calculator, $fitted, {
            /// Takes a batch of predictions and (optional) targets, float64 arrays.
            #[pyo3(signature = (y_pred, y_true=None, timestamps=None))]
            fn push(
                &self,
                py: Python<'_>,
                y_pred: &Bound<'_, PyAny>,
                y_true: Option<&Bound<'_, PyAny>>,
                timestamps: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let arrays = RegressionArrays::read(y_pred, y_true)?;
                let outputs = arrays.outputs();
                let stamps = self::timestamps(timestamps)?;
                let stamps = stamps.as_ref().map(|t| t.as_slice());
                crate::boundary::detach(py, || self.0.lock().push(outputs, stamps))
                    .map_err(errors::to_py)
            }
        });
    };
    (features: $class:ident, $calculator:ty, $fitted:ty) => {
        monitor_methods!($class, $calculator, $fitted, {
            /// Takes a batch of feature columns, predictions and (optional) targets.
            #[pyo3(signature = (columns, y_pred, y_true=None, timestamps=None))]
            fn push(
                &self,
                py: Python<'_>,
                columns: &Bound<'_, PyAny>,
                y_pred: &Bound<'_, PyAny>,
                y_true: Option<&Bound<'_, PyAny>>,
                timestamps: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let owned = owned_columns(columns)?;
                let columns = borrowed(&owned);
                let arrays = RegressionArrays::read(y_pred, y_true)?;
                let outputs = arrays.outputs();
                let stamps = self::timestamps(timestamps)?;
                let stamps = stamps.as_ref().map(|t| t.as_slice());
                crate::boundary::detach(py, || self.0.lock().push((&columns, outputs), stamps))
                    .map_err(errors::to_py)
            }
        });
    };
}

column_monitor!(
    PyUnivariateMonitor,
    drift::UnivariateDrift,
    PyUnivariateDrift
);
column_monitor!(
    PyReconstructionMonitor,
    drift::ReconstructionDrift,
    PyReconstructionDrift
);
output_monitor!(PyCbpeMonitor, drift::Cbpe, PyCbpe);
output_monitor!(
    PyRealizedMonitor,
    drift::RealizedPerformance,
    PyRealizedPerformance
);

column_monitor!(
    PyDomainClassifierMonitor,
    drift::DomainClassifier,
    PyDomainClassifier
);
multiclass_monitor!(
    PyMulticlassCbpeMonitor,
    drift::MulticlassCbpe,
    PyMulticlassCbpe
);
multiclass_monitor!(
    PyMulticlassRealizedMonitor,
    drift::MulticlassPerformance,
    PyMulticlassPerformance
);
regression_monitor!(
    PyRegressionMonitor,
    drift::RegressionPerformance,
    PyRegressionPerformance
);
regression_monitor!(features: PyDleMonitor, drift::Dle, PyDle);

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyUnivariateMonitor>()?;
    module.add_class::<PyReconstructionMonitor>()?;
    module.add_class::<PyCbpeMonitor>()?;
    module.add_class::<PyRealizedMonitor>()?;
    module.add_class::<PyDomainClassifierMonitor>()?;
    module.add_class::<PyMulticlassCbpeMonitor>()?;
    module.add_class::<PyMulticlassRealizedMonitor>()?;
    module.add_class::<PyRegressionMonitor>()?;
    module.add_class::<PyDleMonitor>()
}
