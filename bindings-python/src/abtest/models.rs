//! Model A vs model B: McNemar, DeLong, Diebold-Mariano, paired bootstrap of a metric.

use edgekit::abtest;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

/// mcnemar(a_correct, b_correct, **options)
/// --
///
/// McNemar's test of two models on the same examples from per-example correctness (booleans).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a_correct, b_correct, **options))]
pub(crate) fn mcnemar(
    py: Python<'_>,
    a_correct: Vec<bool>,
    b_correct: Vec<bool>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::McNemarOptions = convert::options("abtest.mcnemar", options)?;
    abtest::mcnemar(&a_correct, &b_correct, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "McNemarResult", &r))
}

/// mcnemar_counts(only_a, only_b, **options)
/// --
///
/// McNemar's test from the discordant counts.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (only_a, only_b, **options))]
pub(crate) fn mcnemar_counts(
    py: Python<'_>,
    only_a: i64,
    only_b: i64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::McNemarOptions = convert::options("abtest.mcnemar_counts", options)?;
    abtest::mcnemar_counts(only_a, only_b, &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "McNemarResult", &r))
}

/// delong(labels, a, b, **options)
/// --
///
/// DeLong's test of AUC_b − AUC_a for two models' scores a and b on the same examples with
/// binary labels (booleans or 0/1). Runs without the GIL.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (labels, a, b, **options))]
pub(crate) fn delong(
    py: Python<'_>,
    labels: &Bound<'_, PyAny>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::DeLongOptions = convert::options("abtest.delong", options)?;
    let labels = input::float_array(labels, "labels")?;
    let labels = input::as_slice(&labels)
        .iter()
        .enumerate()
        .map(|(i, &v)| match v {
            0.0 => Ok(false),
            1.0 => Ok(true),
            other => Err(errors::invalid_input(format!(
                "labels[{i}] = {other}: labels must be 0/1 or booleans"
            ))),
        })
        .collect::<PyResult<Vec<bool>>>()?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    crate::boundary::detach(py, || abtest::delong(&labels, a, b, &options))
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "DeLongResult", &r))
}

/// diebold_mariano(loss_a, loss_b, **options)
/// --
///
/// Diebold-Mariano test of equal predictive accuracy from per-step losses of models a and b
/// (Harvey-Leybourne-Newbold correction by default); "smaller" means b's loss is smaller.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (loss_a, loss_b, **options))]
pub(crate) fn diebold_mariano(
    py: Python<'_>,
    loss_a: &Bound<'_, PyAny>,
    loss_b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let options: abtest::DieboldMarianoOptions =
        convert::options("abtest.diebold_mariano", options)?;
    let (a, b) = (
        input::float_array(loss_a, "loss_a")?,
        input::float_array(loss_b, "loss_b")?,
    );
    abtest::diebold_mariano(input::as_slice(&a), input::as_slice(&b), &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "DieboldMarianoResult", &r))
}

/// paired_bootstrap(y, pred_a, pred_b, *, metric="accuracy", n_resamples=9999, method="bca", confidence=0.95, alternative="two-sided", seed=0)
/// --
///
/// Bootstrap interval of metric(b) − metric(a) on one evaluation set, resampling observations
/// with both models' predictions together: "accuracy" (prediction ≥ 0.5 is class 1),
/// "log_loss" or "brier" from 0/1 labels ``y`` and probabilities.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (y, pred_a, pred_b, **options))]
pub(crate) fn paired_bootstrap(
    py: Python<'_>,
    y: &Bound<'_, PyAny>,
    pred_a: &Bound<'_, PyAny>,
    pred_b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let o: abtest::PairedBootstrapOptions = convert::options("abtest.paired_bootstrap", options)?;
    let (metric, options) = (o.metric, o.bootstrap());
    let y = input::float_array(y, "y")?;
    let pred_a = input::float_array(pred_a, "pred_a")?;
    let pred_b = input::float_array(pred_b, "pred_b")?;
    let (y, pred_a, pred_b) = (
        input::as_slice(&y),
        input::as_slice(&pred_a),
        input::as_slice(&pred_b),
    );
    crate::boundary::detach(py, || {
        abtest::paired_bootstrap(y, pred_a, pred_b, metric, &options)
    })
    .map_err(errors::to_py)
    .and_then(|r| convert::result(py, "BootstrapResult", &r))
}
