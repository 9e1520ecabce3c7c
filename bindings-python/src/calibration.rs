//! `edgekit.calibration`'s native half: reliability curves, calibrators and conformal
//! predictors from core; `edgekit/calibration.py` shapes them as scikit-learn and MAPIE users
//! expect.

use edgekit::drift;
use numpy::{PyArray1, PyArray2, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

/// Reliability curve, ECE, MCE and Brier score as a plain dict.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (y_true, y_prob, **options))]
fn _reliability_curve<'py>(
    py: Python<'py>,
    y_true: &Bound<'py, PyAny>,
    y_prob: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let o: drift::ReliabilityOptions = convert::options("calibration.reliability_curve", options)?;
    let y = input::float_array(y_true, "y_true")?;
    let p = input::float_array(y_prob, "y_prob")?;
    let (y, p) = (input::as_slice(&y), input::as_slice(&p));
    let curve = crate::boundary::detach(py, || drift::reliability_curve(y, p, &o))
        .map_err(errors::to_py)?;
    convert::plain(py, &curve)
}

/// A fitted calibration map (see ``edgekit.calibration.Calibrator``); immutable.
#[pyclass(name = "_Calibrator", module = "edgekit.calibration", frozen)]
pub struct PyCalibrator(pub(crate) drift::Calibrator);

#[edgekit_macros::boundary]
#[pymethods]
impl PyCalibrator {
    #[staticmethod]
    fn fit(
        py: Python<'_>,
        scores: &Bound<'_, PyAny>,
        y_true: &Bound<'_, PyAny>,
        method: &str,
    ) -> PyResult<Self> {
        let method = match method {
            "sigmoid" => drift::CalibrationMethod::Sigmoid,
            "isotonic" => drift::CalibrationMethod::Isotonic,
            other => {
                return Err(errors::to_py(drift::DriftError::UnknownOption {
                    argument: "method",
                    value: other.to_owned(),
                    expected: "\"sigmoid\" or \"isotonic\"",
                }));
            }
        };
        let s = input::float_array(scores, "scores")?;
        let y = input::float_array(y_true, "y_true")?;
        let (s, y) = (input::as_slice(&s), input::as_slice(&y));
        crate::boundary::detach(py, || drift::Calibrator::fit(s, y, method))
            .map(Self)
            .map_err(errors::to_py)
    }

    fn predict<'py>(
        &self,
        py: Python<'py>,
        scores: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let s = input::float_array(scores, "scores")?;
        let s = input::as_slice(&s);
        let out = crate::boundary::detach(py, || self.0.predict(s)).map_err(errors::to_py)?;
        Ok(PyArray1::from_vec(py, out))
    }

    #[getter]
    fn method(&self) -> &'static str {
        match self.0.method() {
            drift::CalibrationMethod::Sigmoid => "sigmoid",
            drift::CalibrationMethod::Isotonic => "isotonic",
        }
    }

    #[getter]
    fn sigmoid_parameters(&self) -> Option<(f64, f64)> {
        self.0.sigmoid_parameters()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::Calibrator::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

/// `(lower, upper)` as float64 arrays.
type Bounds<'py> = (Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<f64>>);

/// A fitted split conformal regressor (see ``edgekit.calibration.ConformalRegressor``).
#[pyclass(name = "_ConformalRegressor", module = "edgekit.calibration", frozen)]
pub struct PyConformalRegressor(pub(crate) drift::ConformalRegressor);

#[edgekit_macros::boundary]
#[pymethods]
impl PyConformalRegressor {
    #[staticmethod]
    #[pyo3(signature = (y_true, y_pred, groups=None, **options))]
    fn fit(
        py: Python<'_>,
        y_true: &Bound<'_, PyAny>,
        y_pred: &Bound<'_, PyAny>,
        groups: Option<Vec<String>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::ConformalOptions =
            convert::options("calibration.ConformalRegressor", options)?;
        let y = input::float_array(y_true, "y_true")?;
        let p = input::float_array(y_pred, "y_pred")?;
        let (y, p) = (input::as_slice(&y), input::as_slice(&p));
        crate::boundary::detach(py, || {
            drift::ConformalRegressor::fit(y, p, groups.as_deref(), o)
        })
        .map(Self)
        .map_err(errors::to_py)
    }

    /// ``(lower, upper)`` float64 arrays.
    #[pyo3(signature = (y_pred, groups=None))]
    fn predict<'py>(
        &self,
        py: Python<'py>,
        y_pred: &Bound<'py, PyAny>,
        groups: Option<Vec<String>>,
    ) -> PyResult<Bounds<'py>> {
        let p = input::float_array(y_pred, "y_pred")?;
        let p = input::as_slice(&p);
        let intervals = crate::boundary::detach(py, || self.0.predict(p, groups.as_deref()))
            .map_err(errors::to_py)?;
        Ok((
            PyArray1::from_vec(py, intervals.lower),
            PyArray1::from_vec(py, intervals.upper),
        ))
    }

    #[pyo3(signature = (y_true, y_pred, groups=None))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        y_true: &Bound<'py, PyAny>,
        y_pred: &Bound<'py, PyAny>,
        groups: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let y = input::float_array(y_true, "y_true")?;
        let p = input::float_array(y_pred, "y_pred")?;
        let (y, p) = (input::as_slice(&y), input::as_slice(&p));
        let coverage = crate::boundary::detach(py, || self.0.evaluate(y, p, groups.as_deref()))
            .map_err(errors::to_py)?;
        convert::plain(py, &coverage)
    }

    #[getter]
    fn alpha(&self) -> f64 {
        self.0.alpha()
    }

    #[getter]
    fn half_widths(&self) -> std::collections::BTreeMap<String, f64> {
        self.0.half_widths().clone()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::ConformalRegressor::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

/// Class indices from any array-like of whole numbers.
fn labels(x: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let counts = input::count_array(x, "y")?;
    counts
        .as_slice()
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            usize::try_from(v).map_err(|_| {
                errors::invalid_input(format!("y[{i}] = {v} is not a class index (0, 1, ...)"))
            })
        })
        .collect()
}

/// A fitted split conformal classifier (see ``edgekit.calibration.ConformalClassifier``).
#[pyclass(name = "_ConformalClassifier", module = "edgekit.calibration", frozen)]
pub struct PyConformalClassifier(pub(crate) drift::ConformalClassifier);

#[edgekit_macros::boundary]
#[pymethods]
impl PyConformalClassifier {
    #[staticmethod]
    #[pyo3(signature = (proba, y, class_conditional, **options))]
    fn fit(
        py: Python<'_>,
        proba: &Bound<'_, PyAny>,
        y: &Bound<'_, PyAny>,
        class_conditional: bool,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::ConformalOptions =
            convert::options("calibration.ConformalClassifier", options)?;
        let matrix = input::float_matrix(proba, "proba")?;
        let classes = matrix.shape()[1];
        let values = matrix.as_slice()?;
        let labels = labels(y)?;
        crate::boundary::detach(py, || {
            drift::ConformalClassifier::fit(values, classes, &labels, class_conditional, o)
        })
        .map(Self)
        .map_err(errors::to_py)
    }

    /// A boolean ``(rows, classes)`` array: which classes each row's set holds.
    fn predict_sets<'py>(
        &self,
        py: Python<'py>,
        proba: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArray2<bool>>> {
        let matrix = input::float_matrix(proba, "proba")?;
        let values = matrix.as_slice()?;
        let sets =
            crate::boundary::detach(py, || self.0.predict_sets(values)).map_err(errors::to_py)?;
        let rows = sets.len() / self.0.classes();
        PyArray1::from_vec(py, sets).reshape([rows, self.0.classes()])
    }

    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        proba: &Bound<'py, PyAny>,
        y: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let matrix = input::float_matrix(proba, "proba")?;
        let values = matrix.as_slice()?;
        let labels = labels(y)?;
        let coverage = crate::boundary::detach(py, || self.0.evaluate(values, &labels))
            .map_err(errors::to_py)?;
        convert::plain(py, &coverage)
    }

    #[getter]
    fn alpha(&self) -> f64 {
        self.0.alpha()
    }

    #[getter]
    fn thresholds(&self) -> Vec<f64> {
        self.0.thresholds().to_vec()
    }

    #[getter]
    fn n_classes(&self) -> usize {
        self.0.classes()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::ConformalClassifier::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

/// Checks conformal options (what the classes' constructors take) as core does.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (**options))]
fn _check_conformal(options: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    let o: drift::ConformalOptions = convert::options("calibration.ConformalRegressor", options)?;
    o.check().map_err(errors::to_py)
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(_reliability_curve, module)?)?;
    module.add_function(wrap_pyfunction!(_check_conformal, module)?)?;
    module.add_class::<PyCalibrator>()?;
    module.add_class::<PyConformalRegressor>()?;
    module.add_class::<PyConformalClassifier>()?;
    Ok(())
}
