//! `edgekit.monitoring`'s native half: fitted chunked calculators (multivariate drift). The
//! NannyML-shaped classes in `edgekit/monitoring.py` hold one of these and only convert.

use edgekit::drift;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::drift::{borrowed, owned_columns};
use crate::{convert, errors, input};

/// A fitted data reconstruction drift calculator (see
/// ``edgekit.monitoring.DataReconstructionDriftCalculator``); immutable, so shared freely
/// between threads.
#[pyclass(name = "_ReconstructionDrift", module = "edgekit.monitoring", frozen)]
pub struct PyReconstructionDrift(pub(crate) drift::ReconstructionDrift);

pub(crate) fn timestamps<'py>(
    given: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<input::Counts<'py>>> {
    given
        .map(|t| input::count_array(t, "timestamps"))
        .transpose()
}

#[edgekit_macros::boundary]
#[pymethods]
impl PyReconstructionDrift {
    /// Fits on ``[(name, values, categorical), ...]`` with int64 ns ``timestamps`` (or None).
    #[staticmethod]
    #[pyo3(signature = (columns, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        columns: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::ReconstructionOptions =
            convert::options("monitoring.DataReconstructionDriftCalculator", options)?;
        let owned = owned_columns(columns)?;
        let columns = borrowed(&owned);
        let stamps = self::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || drift::ReconstructionDrift::fit(&columns, stamps, &o))
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
        let stamps = self::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        let rows = crate::boundary::detach(py, || self.0.calculate(&columns, stamps))
            .map_err(errors::to_py)?;
        convert::plain(py, &rows)
    }

    /// Each row's reconstruction error, in input order (a float64 array).
    fn row_errors<'py>(
        &self,
        py: Python<'py>,
        columns: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, numpy::PyArray1<f64>>> {
        let owned = owned_columns(columns)?;
        let columns = borrowed(&owned);
        let errors =
            crate::boundary::detach(py, || self.0.row_errors(&columns)).map_err(errors::to_py)?;
        Ok(numpy::PyArray1::from_vec(py, errors))
    }

    #[getter]
    fn explained_variance_ratio(&self) -> Vec<f64> {
        self.0.explained_variance_ratio().to_vec()
    }

    #[getter]
    fn thresholds(&self) -> (Option<f64>, Option<f64>) {
        self.0.thresholds()
    }

    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.0
            .column_names()
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::ReconstructionDrift::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyReconstructionDrift>()?;
    module.add_class::<PyCbpe>()?;
    module.add_class::<PyRealizedPerformance>()?;
    module.add_class::<PyMmdDrift>()?;
    module.add_class::<PyRegressionPerformance>()?;
    module.add_function(wrap_pyfunction!(_check_threshold, module)?)?;
    module.add_function(wrap_pyfunction!(_check_chunker, module)?)?;
    Ok(())
}

/// A binary classifier's outputs handed over as float64 arrays (read in place when
/// contiguous).
pub(crate) struct Arrays<'py> {
    scores: numpy::PyReadonlyArray1<'py, f64>,
    labels: numpy::PyReadonlyArray1<'py, f64>,
    targets: Option<numpy::PyReadonlyArray1<'py, f64>>,
}

impl<'py> Arrays<'py> {
    pub(crate) fn read(
        scores: &Bound<'py, PyAny>,
        labels: &Bound<'py, PyAny>,
        targets: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        Ok(Arrays {
            scores: input::float_array(scores, "y_pred_proba")?,
            labels: input::float_array(labels, "y_pred")?,
            targets: targets
                .map(|t| input::float_array(t, "y_true"))
                .transpose()?,
        })
    }

    pub(crate) fn outputs(&self) -> drift::BinaryOutputs<'_> {
        drift::BinaryOutputs {
            y_pred_proba: input::as_slice(&self.scores),
            y_pred: input::as_slice(&self.labels),
            y_true: self.targets.as_ref().map(input::as_slice),
        }
    }
}

/// A regression model's outputs handed over as float64 arrays (read in place when
/// contiguous); targets optional.
pub(crate) struct RegressionArrays<'py> {
    y_pred: numpy::PyReadonlyArray1<'py, f64>,
    y_true: Option<numpy::PyReadonlyArray1<'py, f64>>,
}

impl<'py> RegressionArrays<'py> {
    pub(crate) fn read(
        y_pred: &Bound<'py, PyAny>,
        y_true: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        Ok(RegressionArrays {
            y_pred: input::float_array(y_pred, "y_pred")?,
            y_true: y_true
                .map(|t| input::float_array(t, "y_true"))
                .transpose()?,
        })
    }

    pub(crate) fn outputs(&self) -> drift::RegressionOutputs<'_> {
        drift::RegressionOutputs {
            y_pred: input::as_slice(&self.y_pred),
            y_true: self.y_true.as_ref().map(input::as_slice),
        }
    }
}

/// A fitted CBPE estimator (see ``edgekit.monitoring.CBPE``); immutable, so shared freely
/// between threads.
#[pyclass(name = "_Cbpe", module = "edgekit.monitoring", frozen)]
pub struct PyCbpe(pub(crate) drift::Cbpe);

#[edgekit_macros::boundary]
#[pymethods]
impl PyCbpe {
    /// Fits on reference scores, labels and targets (float64 arrays) with int64 ns
    /// ``timestamps`` (or None).
    #[staticmethod]
    #[pyo3(signature = (y_pred_proba, y_pred, y_true, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        y_pred_proba: &Bound<'_, PyAny>,
        y_pred: &Bound<'_, PyAny>,
        y_true: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::CbpeOptions = convert::options("monitoring.CBPE", options)?;
        let arrays = Arrays::read(y_pred_proba, y_pred, Some(y_true))?;
        let outputs = arrays.outputs();
        let stamps = self::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || drift::Cbpe::fit(outputs, stamps, &o))
            .map(Self)
            .map_err(errors::to_py)
    }

    /// The reference chunks and those of the data, as plain row dicts.
    #[pyo3(signature = (y_pred_proba, y_pred, y_true=None, timestamps=None))]
    fn estimate<'py>(
        &self,
        py: Python<'py>,
        y_pred_proba: &Bound<'py, PyAny>,
        y_pred: &Bound<'py, PyAny>,
        y_true: Option<&Bound<'py, PyAny>>,
        timestamps: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let arrays = Arrays::read(y_pred_proba, y_pred, y_true)?;
        let outputs = arrays.outputs();
        let stamps = self::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        let rows = crate::boundary::detach(py, || self.0.estimate(outputs, stamps))
            .map_err(errors::to_py)?;
        convert::plain(py, &rows)
    }

    #[getter]
    fn is_calibrated(&self) -> bool {
        self.0.is_calibrated()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::Cbpe::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

/// A fitted realized-performance calculator (see ``edgekit.monitoring.PerformanceCalculator``).
#[pyclass(name = "_RealizedPerformance", module = "edgekit.monitoring", frozen)]
pub struct PyRealizedPerformance(pub(crate) drift::RealizedPerformance);

#[edgekit_macros::boundary]
#[pymethods]
impl PyRealizedPerformance {
    #[staticmethod]
    #[pyo3(signature = (y_pred_proba, y_pred, y_true, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        y_pred_proba: &Bound<'_, PyAny>,
        y_pred: &Bound<'_, PyAny>,
        y_true: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::RealizedOptions =
            convert::options("monitoring.PerformanceCalculator", options)?;
        let arrays = Arrays::read(y_pred_proba, y_pred, Some(y_true))?;
        let outputs = arrays.outputs();
        let stamps = self::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || drift::RealizedPerformance::fit(outputs, stamps, &o))
            .map(Self)
            .map_err(errors::to_py)
    }

    #[pyo3(signature = (y_pred_proba, y_pred, y_true, timestamps=None))]
    fn calculate<'py>(
        &self,
        py: Python<'py>,
        y_pred_proba: &Bound<'py, PyAny>,
        y_pred: &Bound<'py, PyAny>,
        y_true: &Bound<'py, PyAny>,
        timestamps: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let arrays = Arrays::read(y_pred_proba, y_pred, Some(y_true))?;
        let outputs = arrays.outputs();
        let stamps = self::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        let rows = crate::boundary::detach(py, || self.0.calculate(outputs, stamps))
            .map_err(errors::to_py)?;
        convert::plain(py, &rows)
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::RealizedPerformance::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

/// Checks a threshold's description (``{"type": ..., ...}``) as core reads it, so a bad
/// threshold fails where it is made.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (**spec))]
fn _check_threshold(spec: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    let threshold: drift::ChunkThreshold = convert::options("monitoring.Threshold", spec)?;
    threshold.validate().map_err(errors::to_py)
}

/// Options of a chunker, as the calculators take them.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ChunkerSpec {
    chunk_size: Option<u64>,
    chunk_number: Option<u64>,
    chunk_period: Option<drift::CalendarPeriod>,
    #[serde(default)]
    incomplete: drift::Incomplete,
}

/// Checks a chunker's description as core reads it.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (**spec))]
fn _check_chunker(spec: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    let c: ChunkerSpec = convert::options("monitoring.Chunker", spec)?;
    drift::Chunking::from_arguments(c.chunk_size, c.chunk_number, c.chunk_period, c.incomplete)
        .map(|_| ())
        .map_err(errors::to_py)
}

/// A fitted multivariate MMD detector (see ``edgekit.monitoring.MMDDrift``); immutable, so
/// shared freely between threads.
#[pyclass(name = "_MmdDrift", module = "edgekit.monitoring", frozen)]
pub struct PyMmdDrift(pub(crate) drift::MmdDrift);

fn matrix_slice<'a>(matrix: &'a numpy::PyReadonlyArray2<'_, f64>) -> &'a [f64] {
    matrix
        .as_slice()
        .expect("float_matrix returns only C-contiguous arrays")
}

#[edgekit_macros::boundary]
#[pymethods]
impl PyMmdDrift {
    /// Fits on the rows of ``x_ref`` (anything ``numpy.asarray`` makes a float64 matrix of).
    #[staticmethod]
    #[pyo3(signature = (x_ref, **options))]
    fn fit(
        py: Python<'_>,
        x_ref: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        use numpy::PyUntypedArrayMethods;
        let o: drift::MmdDriftOptions = convert::options("monitoring.MMDDrift", options)?;
        let matrix = input::float_matrix(x_ref, "x_ref")?;
        let columns = matrix.shape()[1];
        let values = matrix_slice(&matrix);
        crate::boundary::detach(py, || drift::MmdDrift::fit(values, columns, o))
            .map(Self)
            .map_err(errors::to_py)
    }

    /// Tests the rows of ``x`` against the reference; a plain dict of the result.
    fn test<'py>(&self, py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        use numpy::PyUntypedArrayMethods;
        let matrix = input::float_matrix(x, "x")?;
        if matrix.shape()[1] != self.0.columns() {
            return Err(errors::to_py(drift::DriftError::LengthMismatch {
                first: "x's columns",
                first_len: matrix.shape()[1],
                second: "x_ref's columns",
                second_len: self.0.columns(),
            }));
        }
        let values = matrix_slice(&matrix);
        let result = crate::boundary::detach(py, || self.0.test(values)).map_err(errors::to_py)?;
        convert::plain(py, &result)
    }

    #[getter]
    fn sigma(&self) -> f64 {
        self.0.sigma()
    }

    #[getter]
    fn n_features(&self) -> usize {
        self.0.columns()
    }

    #[getter]
    fn p_val(&self) -> f64 {
        self.0.options().p_val
    }

    #[getter]
    fn n_permutations(&self) -> u64 {
        self.0.options().n_permutations
    }

    #[getter]
    fn n_reference(&self) -> usize {
        self.0.reference_rows()
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::MmdDrift::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}

/// A fitted realized-performance calculator for regression models (see
/// ``edgekit.monitoring.PerformanceCalculator`` with ``problem_type="regression"``).
#[pyclass(name = "_RegressionPerformance", module = "edgekit.monitoring", frozen)]
pub struct PyRegressionPerformance(pub(crate) drift::RegressionPerformance);

#[edgekit_macros::boundary]
#[pymethods]
impl PyRegressionPerformance {
    #[staticmethod]
    #[pyo3(signature = (y_pred, y_true, timestamps=None, **options))]
    fn fit(
        py: Python<'_>,
        y_pred: &Bound<'_, PyAny>,
        y_true: &Bound<'_, PyAny>,
        timestamps: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::RegressionOptions =
            convert::options("monitoring.PerformanceCalculator.regression", options)?;
        let arrays = RegressionArrays::read(y_pred, Some(y_true))?;
        let outputs = arrays.outputs();
        let stamps = self::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        crate::boundary::detach(py, || {
            drift::RegressionPerformance::fit(outputs, stamps, &o)
        })
        .map(Self)
        .map_err(errors::to_py)
    }

    #[pyo3(signature = (y_pred, y_true, timestamps=None))]
    fn calculate<'py>(
        &self,
        py: Python<'py>,
        y_pred: &Bound<'py, PyAny>,
        y_true: &Bound<'py, PyAny>,
        timestamps: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let arrays = RegressionArrays::read(y_pred, Some(y_true))?;
        let outputs = arrays.outputs();
        let stamps = self::timestamps(timestamps)?;
        let stamps = stamps.as_ref().map(|t| t.as_slice());
        let rows = crate::boundary::detach(py, || self.0.calculate(outputs, stamps))
            .map_err(errors::to_py)?;
        convert::plain(py, &rows)
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        drift::RegressionPerformance::from_json(text)
            .map(Self)
            .map_err(errors::to_py)
    }
}
