//! Model A vs model B: McNemar, DeLong, Diebold-Mariano, paired bootstrap of a metric.

use edgekit::abtest;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::interval;
use crate::{convert, errors, input};

/// McNemar's test: ``only_a``/``only_b`` count the examples only one model got right.
#[pyclass(module = "edgekit.abtest", name = "McNemarResult", frozen)]
pub(crate) struct PyMcNemarResult(abtest::McNemarResult);

#[edgekit_macros::boundary]
#[pymethods]
impl PyMcNemarResult {
    #[getter]
    fn statistic(&self) -> f64 {
        self.0.statistic
    }
    #[getter]
    fn pvalue(&self) -> f64 {
        self.0.pvalue
    }
    #[getter]
    fn only_a(&self) -> u64 {
        self.0.only_a
    }
    #[getter]
    fn only_b(&self) -> u64 {
        self.0.only_b
    }
    #[getter]
    fn accuracy_difference(&self) -> Option<f64> {
        self.0.accuracy_difference
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.0;
        let d = PyDict::new(py);
        d.set_item("statistic", r.statistic)?;
        d.set_item("pvalue", r.pvalue)?;
        d.set_item("only_a", r.only_a)?;
        d.set_item("only_b", r.only_b)?;
        d.set_item("accuracy_difference", r.accuracy_difference)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "McNemarResult(statistic={}, pvalue={}, only_a={}, only_b={})",
            r.statistic, r.pvalue, r.only_a, r.only_b
        )
    }
}

/// mcnemar(a_correct, b_correct, **options)
/// --
///
/// McNemar's test of two models on the same examples from per-example correctness (booleans).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a_correct, b_correct, **options))]
pub(crate) fn mcnemar(
    a_correct: Vec<bool>,
    b_correct: Vec<bool>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyMcNemarResult> {
    let options: abtest::McNemarOptions = convert::options("abtest.mcnemar", options)?;
    abtest::mcnemar(&a_correct, &b_correct, &options)
        .map(PyMcNemarResult)
        .map_err(errors::to_py)
}

/// mcnemar_counts(only_a, only_b, **options)
/// --
///
/// McNemar's test from the discordant counts.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (only_a, only_b, **options))]
pub(crate) fn mcnemar_counts(
    only_a: i64,
    only_b: i64,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyMcNemarResult> {
    let options: abtest::McNemarOptions = convert::options("abtest.mcnemar_counts", options)?;
    abtest::mcnemar_counts(only_a, only_b, &options)
        .map(PyMcNemarResult)
        .map_err(errors::to_py)
}

/// DeLong's comparison of two models' AUCs: ``effect`` is AUC_b − AUC_a.
#[pyclass(module = "edgekit.abtest", name = "DeLongResult", frozen)]
pub(crate) struct PyDeLongResult(abtest::DeLongResult);

#[edgekit_macros::boundary]
#[pymethods]
impl PyDeLongResult {
    #[getter]
    fn auc_a(&self) -> f64 {
        self.0.auc_a
    }
    #[getter]
    fn auc_b(&self) -> f64 {
        self.0.auc_b
    }
    #[getter]
    fn effect(&self) -> f64 {
        self.0.effect
    }
    #[getter]
    fn se(&self) -> f64 {
        self.0.se
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
    fn ci(&self) -> (f64, f64) {
        self.0.ci
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.0;
        let d = PyDict::new(py);
        d.set_item("auc_a", r.auc_a)?;
        d.set_item("auc_b", r.auc_b)?;
        d.set_item("effect", r.effect)?;
        d.set_item("se", r.se)?;
        d.set_item("statistic", r.statistic)?;
        d.set_item("pvalue", r.pvalue)?;
        d.set_item("ci", interval(py, r.ci)?)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "DeLongResult(auc_a={}, auc_b={}, effect={}, ci=({}, {}), pvalue={})",
            r.auc_a, r.auc_b, r.effect, r.ci.0, r.ci.1, r.pvalue
        )
    }
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
) -> PyResult<PyDeLongResult> {
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
        .map(PyDeLongResult)
        .map_err(errors::to_py)
}

/// Diebold-Mariano result: ``statistic`` on loss_b − loss_a.
#[pyclass(module = "edgekit.abtest", name = "DieboldMarianoResult", frozen)]
pub(crate) struct PyDieboldMarianoResult(abtest::DieboldMarianoResult);

#[edgekit_macros::boundary]
#[pymethods]
impl PyDieboldMarianoResult {
    #[getter]
    fn statistic(&self) -> f64 {
        self.0.statistic
    }
    #[getter]
    fn pvalue(&self) -> f64 {
        self.0.pvalue
    }
    #[getter]
    fn mean_difference(&self) -> f64 {
        self.0.mean_difference
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("statistic", self.0.statistic)?;
        d.set_item("pvalue", self.0.pvalue)?;
        d.set_item("mean_difference", self.0.mean_difference)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "DieboldMarianoResult(statistic={}, pvalue={}, mean_difference={})",
            self.0.statistic, self.0.pvalue, self.0.mean_difference
        )
    }
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
    loss_a: &Bound<'_, PyAny>,
    loss_b: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyDieboldMarianoResult> {
    let options: abtest::DieboldMarianoOptions =
        convert::options("abtest.diebold_mariano", options)?;
    let (a, b) = (
        input::float_array(loss_a, "loss_a")?,
        input::float_array(loss_b, "loss_b")?,
    );
    abtest::diebold_mariano(input::as_slice(&a), input::as_slice(&b), &options)
        .map(PyDieboldMarianoResult)
        .map_err(errors::to_py)
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
) -> PyResult<super::means::PyBootstrapResult> {
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
    .map(super::means::PyBootstrapResult)
    .map_err(errors::to_py)
}
