//! `edgekit.drift`, continued: realized performance metrics (classification, regression).

use edgekit::drift;
use pyo3::prelude::*;

use crate::{convert, errors, input};

#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (y_true, y_pred, labels=None))]
fn classification_metrics<'py>(
    py: Python<'py>,
    y_true: &Bound<'py, PyAny>,
    y_pred: &Bound<'py, PyAny>,
    labels: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (t, p) = (
        input::count_array(y_true, "y_true")?,
        input::count_array(y_pred, "y_pred")?,
    );
    let labels = labels
        .map(|l| input::count_array(l, "labels"))
        .transpose()?;
    let (t, p, l) = (
        t.as_slice(),
        p.as_slice(),
        labels.as_ref().map(|l| l.as_slice()),
    );
    let metrics = crate::boundary::detach(py, || drift::classification_metrics(t, p, l))
        .map_err(errors::to_py)?;
    convert::plain(py, &metrics)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn regression_metrics<'py>(
    py: Python<'py>,
    y_true: &Bound<'py, PyAny>,
    y_pred: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (t, p) = (
        input::float_array(y_true, "y_true")?,
        input::float_array(y_pred, "y_pred")?,
    );
    let (t, p) = (input::as_slice(&t), input::as_slice(&p));
    let metrics =
        crate::boundary::detach(py, || drift::regression_metrics(t, p)).map_err(errors::to_py)?;
    convert::plain(py, &metrics)
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(classification_metrics, module)?)?;
    module.add_function(wrap_pyfunction!(regression_metrics, module)?)?;
    Ok(())
}
