//! Pickle for every native class: `_save_state(obj)` gives its kind and its state in edgekit's
//! binary form (core's `state`), `_load_state(kind, bytes)` builds it back. `edgekit/_pickle.py`
//! registers both with `copyreg`, so pickle, Dask, Ray, Spark and `multiprocessing` move every
//! edgekit object without a class writing its own `__reduce__`.

use std::sync::Arc;

use edgekit::state;
use edgekit::{drift, lineup, patterns};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyType};

use crate::boundary::Shared;
use crate::calibration::{PyCalibrator, PyConformalClassifier, PyConformalRegressor};
use crate::drift::*;
use crate::errors;
use crate::games::PyGameLog;
use crate::lineup::PySlate;
use crate::monitoring::*;
use crate::monitoring_models::{PyDle, PyDomainClassifier};
use crate::monitoring_multiclass::{PyMulticlassCbpe, PyMulticlassPerformance};
use crate::monitoring_stream::*;
use crate::monitoring_univariate::PyUnivariateDrift;

/// How each class saves: `serde` (its state type's serde derive, behind a lock), `json` and
/// `json_shared` (its own `to_json`/`from_json`, which check the state as it loads).
macro_rules! save {
    (serde, $kind:literal, $inner:ty, $x:expr) => {
        state::to_bytes($kind, &*$x.0.lock())
    };
    (json, $kind:literal, $inner:ty, $x:expr) => {
        state::json_to_bytes($kind, &$x.0.to_json())
    };
    (json_shared, $kind:literal, $inner:ty, $x:expr) => {
        state::json_to_bytes($kind, &$x.0.lock().to_json())
    };
}

macro_rules! load {
    (serde, $class:ident, $kind:literal, $inner:ty, $data:expr) => {
        state::from_bytes::<$inner>($kind, $data)
            .map_err(errors::to_py)
            .map(|v| $class(Shared::new(v)))
    };
    (json, $class:ident, $kind:literal, $inner:ty, $data:expr) => {
        state::json_from_bytes($kind, $data)
            .map_err(errors::to_py)
            .and_then(|text| <$inner>::from_json(&text).map_err(errors::to_py))
            .map($class)
    };
    (json_shared, $class:ident, $kind:literal, $inner:ty, $data:expr) => {
        state::json_from_bytes($kind, $data)
            .map_err(errors::to_py)
            .and_then(|text| <$inner>::from_json(&text).map_err(errors::to_py))
            .map(|v| $class(Shared::new(v)))
    };
}

macro_rules! saved_classes {
    ($( $how:ident $class:ident : $kind:literal => $inner:ty ),* $(,)?) => {
        fn save_listed<'py>(py: Python<'py>, obj: &Bound<'py, PyAny>) -> PyResult<Option<(&'static str, Bound<'py, PyBytes>)>> {
            $(
                if let Ok(x) = obj.cast::<$class>() {
                    let x = x.get();
                    let bytes = save!($how, $kind, $inner, x).map_err(errors::to_py)?;
                    return Ok(Some(($kind, PyBytes::new(py, &bytes))));
                }
            )*
            Ok(None)
        }

        fn load_listed<'py>(py: Python<'py>, kind: &str, data: &[u8]) -> Option<PyResult<Bound<'py, PyAny>>> {
            match kind {
                $(
                    $kind => Some(
                        load!($how, $class, $kind, $inner, data)
                            .and_then(|v| Ok(Bound::new(py, v)?.into_any())),
                    ),
                )*
                _ => None,
            }
        }

        fn listed_types(py: Python<'_>) -> Vec<Bound<'_, PyType>> {
            vec![$( py.get_type::<$class>() ),*]
        }
    };
}

saved_classes! {
    serde PyAdwin: "ADWIN" => drift::Adwin,
    serde PyPageHinkley: "PageHinkley" => drift::PageHinkley,
    serde PyKswin: "KSWIN" => drift::Kswin,
    serde PyCusum: "CUSUM" => drift::Cusum,
    serde PyDdm: "DDM" => drift::Ddm,
    serde PyEddm: "EDDM" => drift::Eddm,
    serde PyHddmA: "HDDM_A" => drift::HddmA,
    serde PyHddmW: "HDDM_W" => drift::HddmW,
    serde PyFhddm: "FHDDM" => drift::Fhddm,
    serde PyBocpd: "BOCPD" => drift::Bocpd,
    serde PyPerformanceMonitor: "PerformanceMonitor" => drift::PerformanceMonitor,
    json PyCalibrator: "Calibrator" => drift::Calibrator,
    json PyConformalRegressor: "ConformalRegressor" => drift::ConformalRegressor,
    json PyConformalClassifier: "ConformalClassifier" => drift::ConformalClassifier,
    json PyReconstructionDrift: "ReconstructionDrift" => drift::ReconstructionDrift,
    json PyCbpe: "Cbpe" => drift::Cbpe,
    json PyRealizedPerformance: "RealizedPerformance" => drift::RealizedPerformance,
    json PyMmdDrift: "MmdDrift" => drift::MmdDrift,
    json PyRegressionPerformance: "RegressionPerformance" => drift::RegressionPerformance,
    json PyDle: "Dle" => drift::Dle,
    json PyDomainClassifier: "DomainClassifier" => drift::DomainClassifier,
    json PyMulticlassCbpe: "MulticlassCbpe" => drift::MulticlassCbpe,
    json PyMulticlassPerformance: "MulticlassPerformance" => drift::MulticlassPerformance,
    json PyUnivariateDrift: "UnivariateDrift" => drift::UnivariateDrift,
    json_shared PyDomainClassifierMonitor: "DomainClassifierMonitor" => drift::DomainClassifierMonitor,
    json_shared PyMulticlassCbpeMonitor: "MulticlassCbpeMonitor" => drift::MulticlassCbpeMonitor,
    json_shared PyMulticlassRealizedMonitor: "MulticlassRealizedMonitor" => drift::MulticlassRealizedMonitor,
    json_shared PyRegressionMonitor: "RegressionMonitor" => drift::RegressionMonitor,
    json_shared PyDleMonitor: "DleMonitor" => drift::DleMonitor,
    json_shared PyUnivariateMonitor: "UnivariateMonitor" => drift::UnivariateMonitor,
    json_shared PyReconstructionMonitor: "ReconstructionMonitor" => drift::ReconstructionMonitor,
    json_shared PyCbpeMonitor: "CbpeMonitor" => drift::CbpeMonitor,
    json_shared PyRealizedMonitor: "RealizedMonitor" => drift::RealizedMonitor,
}

/// The kind and saved state of a native edgekit object.
#[pyfunction]
pub fn _save_state<'py>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
) -> PyResult<(&'static str, Bound<'py, PyBytes>)> {
    if let Some(saved) = save_listed(py, obj)? {
        return Ok(saved);
    }
    if let Ok(x) = obj.cast::<PyProfile>() {
        // A profile is the largest thing a Dask task returns: its own postcard form is the
        // most compact and the fastest to write and read.
        let bytes = x.get().0.to_bytes().map_err(errors::to_py)?;
        return Ok(("Profile", PyBytes::new(py, &bytes)));
    }
    if let Ok(x) = obj.cast::<PySlate>() {
        let bytes = x.get().inner.to_bytes().map_err(errors::to_py)?;
        return Ok(("Slate", PyBytes::new(py, &bytes)));
    }
    if let Ok(x) = obj.cast::<PyGameLog>() {
        let bytes = state::to_bytes("GameLog", &x.get().log).map_err(errors::to_py)?;
        return Ok(("GameLog", PyBytes::new(py, &bytes)));
    }
    Err(errors::input_type(format!(
        "{} has no saved state",
        obj.get_type().name()?
    )))
}

/// The native edgekit object a `_save_state` call saved.
#[pyfunction]
pub fn _load_state<'py>(py: Python<'py>, kind: &str, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    if let Some(loaded) = load_listed(py, kind, data) {
        return loaded;
    }
    match kind {
        "Profile" => {
            let profile = drift::Profile::from_bytes(data).map_err(errors::to_py)?;
            Ok(Bound::new(py, PyProfile(profile))?.into_any())
        }
        "Slate" => {
            let slate = lineup::Slate::from_bytes(data).map_err(errors::to_py)?;
            Ok(Bound::new(
                py,
                PySlate {
                    inner: Arc::new(slate),
                },
            )?
            .into_any())
        }
        "GameLog" => {
            let log: patterns::games::GameLog =
                state::from_bytes(kind, data).map_err(errors::to_py)?;
            Ok(Bound::new(py, PyGameLog::from(log))?.into_any())
        }
        other => Err(errors::invalid_input(format!(
            "no edgekit class saves state of kind '{other}'"
        ))),
    }
}

/// Every native class `_save_state` saves (copyreg registers each).
#[pyfunction]
pub fn _saved_types(py: Python<'_>) -> Vec<Bound<'_, PyType>> {
    let mut types = listed_types(py);
    types.push(py.get_type::<PyProfile>());
    types.push(py.get_type::<PySlate>());
    types.push(py.get_type::<PyGameLog>());
    types
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(_save_state, module)?)?;
    module.add_function(wrap_pyfunction!(_load_state, module)?)?;
    module.add_function(wrap_pyfunction!(_saved_types, module)?)?;
    Ok(())
}
