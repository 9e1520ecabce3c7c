//! `edgekit.abtest`: experiment statistics.

use edgekit::abtest::{
    self, Alternative, Correction, Effect, GroupSummary, MeansOptions, PowerOptions,
    ProportionInterval, TwoProportionsOptions,
};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{errors, input};

fn parse<T: std::str::FromStr<Err = abtest::AbtestError>>(text: &str) -> PyResult<T> {
    text.parse::<T>().map_err(errors::to_py)
}

fn interval(py: Python<'_>, (low, high): (f64, f64)) -> PyResult<Py<PyAny>> {
    Ok((low, high).into_pyobject(py)?.into_any().unbind())
}

/// Result of a two-group test: ``effect`` is b − a; ``ci`` a (low, high) tuple.
#[pyclass(module = "edgekit.abtest", name = "TestResult", frozen)]
pub struct PyTestResult(abtest::TestResult);

#[pymethods]
impl PyTestResult {
    #[getter]
    fn method(&self) -> &str {
        &self.0.method
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
    fn df(&self) -> Option<f64> {
        self.0.df
    }
    #[getter]
    fn effect(&self) -> f64 {
        self.0.effect
    }
    #[getter]
    fn ci(&self) -> (f64, f64) {
        self.0.ci
    }
    #[getter]
    fn relative_effect(&self) -> Option<f64> {
        self.0.relative_effect
    }
    #[getter]
    fn relative_ci(&self) -> Option<(f64, f64)> {
        self.0.relative_ci
    }
    #[getter]
    fn alternative(&self) -> &'static str {
        self.0.alternative.as_str()
    }
    #[getter]
    fn confidence(&self) -> f64 {
        self.0.confidence
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.0;
        let d = PyDict::new(py);
        d.set_item("method", &r.method)?;
        d.set_item("statistic", r.statistic)?;
        d.set_item("pvalue", r.pvalue)?;
        d.set_item("df", r.df)?;
        d.set_item("effect", r.effect)?;
        d.set_item("ci", interval(py, r.ci)?)?;
        d.set_item("relative_effect", r.relative_effect)?;
        d.set_item("relative_ci", r.relative_ci)?;
        d.set_item("alternative", r.alternative.as_str())?;
        d.set_item("confidence", r.confidence)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "TestResult(method={:?}, effect={}, ci=({}, {}), statistic={}, pvalue={}, relative_effect={})",
            r.method,
            r.effect,
            r.ci.0,
            r.ci.1,
            r.statistic,
            r.pvalue,
            r.relative_effect
                .map_or_else(|| "None".to_owned(), |v| v.to_string())
        )
    }
}

/// Result of a rank test: ``statistic`` is U of b; ``probability_of_superiority`` = U/(n_a n_b).
#[pyclass(module = "edgekit.abtest", name = "RankTestResult", frozen)]
pub struct PyRankTestResult(abtest::RankTestResult);

#[pymethods]
impl PyRankTestResult {
    #[getter]
    fn method(&self) -> &str {
        &self.0.method
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
    fn z(&self) -> Option<f64> {
        self.0.z
    }
    #[getter]
    fn probability_of_superiority(&self) -> f64 {
        self.0.probability_of_superiority
    }
    #[getter]
    fn alternative(&self) -> &'static str {
        self.0.alternative.as_str()
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.0;
        let d = PyDict::new(py);
        d.set_item("method", &r.method)?;
        d.set_item("statistic", r.statistic)?;
        d.set_item("pvalue", r.pvalue)?;
        d.set_item("z", r.z)?;
        d.set_item("probability_of_superiority", r.probability_of_superiority)?;
        d.set_item("alternative", r.alternative.as_str())?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "RankTestResult(method={:?}, statistic={}, pvalue={}, probability_of_superiority={})",
            r.method, r.statistic, r.pvalue, r.probability_of_superiority
        )
    }
}

/// mann_whitney(a, b, *, alternative="two-sided", method="auto", use_continuity=True)
/// --
///
/// Mann-Whitney U test of b against a, as scipy.stats.mannwhitneyu(b, a): "larger" means b
/// tends to exceed a; method "auto", "exact" or "asymptotic". Runs without the GIL.
#[pyfunction]
#[pyo3(signature = (a, b, *, alternative = "two-sided", method = "auto", use_continuity = true))]
fn mann_whitney(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    alternative: &str,
    method: &str,
    use_continuity: bool,
) -> PyResult<PyRankTestResult> {
    let options = abtest::MannWhitneyOptions {
        alternative: parse(alternative)?,
        method: parse(method)?,
        use_continuity,
    };
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    py.detach(|| abtest::mann_whitney(a, b, &options))
        .map(PyRankTestResult)
        .map_err(errors::to_py)
}

/// Posterior summary of the effect of b over a (gbstats' Gaussian Bayesian test).
#[pyclass(module = "edgekit.abtest", name = "BayesResult", frozen)]
pub struct PyBayesResult(abtest::BayesResult);

#[pymethods]
impl PyBayesResult {
    #[getter]
    fn expected(&self) -> f64 {
        self.0.expected
    }
    #[getter]
    fn std(&self) -> f64 {
        self.0.std
    }
    #[getter]
    fn ci(&self) -> (f64, f64) {
        self.0.ci
    }
    #[getter]
    fn chance_to_win(&self) -> f64 {
        self.0.chance_to_win
    }
    #[getter]
    fn risk_control(&self) -> f64 {
        self.0.risk_control
    }
    #[getter]
    fn risk_treatment(&self) -> f64 {
        self.0.risk_treatment
    }
    #[getter]
    fn relative(&self) -> bool {
        self.0.relative
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.0;
        let d = PyDict::new(py);
        d.set_item("expected", r.expected)?;
        d.set_item("std", r.std)?;
        d.set_item("ci", interval(py, r.ci)?)?;
        d.set_item("chance_to_win", r.chance_to_win)?;
        d.set_item("risk_control", r.risk_control)?;
        d.set_item("risk_treatment", r.risk_treatment)?;
        d.set_item("relative", r.relative)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "BayesResult(expected={}, ci=({}, {}), chance_to_win={}, risk_control={}, risk_treatment={}, relative={})",
            r.expected,
            r.ci.0,
            r.ci.1,
            r.chance_to_win,
            r.risk_control,
            r.risk_treatment,
            r.relative
        )
    }
}

fn bayes_options(
    relative: bool,
    prior_mean: f64,
    prior_variance: f64,
    proper_prior: bool,
    confidence: f64,
) -> abtest::BayesOptions {
    abtest::BayesOptions {
        relative,
        prior_mean,
        prior_variance,
        proper_prior,
        confidence,
    }
}

/// bayes_gaussian(a, b, *, relative=True, prior_mean=0.0, prior_variance=1.0, proper_prior=False, confidence=0.95)
/// --
///
/// gbstats' Gaussian Bayesian test from (n, mean, variance) summaries of a and b: posterior of
/// the (relative) effect, credible interval, chance to win and risk of each decision.
#[pyfunction]
#[pyo3(signature = (a, b, *, relative = true, prior_mean = 0.0, prior_variance = 1.0, proper_prior = false, confidence = 0.95))]
fn bayes_gaussian(
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    relative: bool,
    prior_mean: f64,
    prior_variance: f64,
    proper_prior: bool,
    confidence: f64,
) -> PyResult<PyBayesResult> {
    let summary = |(n, mean, variance): (f64, f64, f64)| GroupSummary { n, mean, variance };
    let options = bayes_options(
        relative,
        prior_mean,
        prior_variance,
        proper_prior,
        confidence,
    );
    abtest::bayes_gaussian(&summary(a), &summary(b), &options)
        .map(PyBayesResult)
        .map_err(errors::to_py)
}

/// bayes_conversions(x_a, n_a, x_b, n_b, *, relative=True, prior_mean=0.0, prior_variance=1.0, proper_prior=False, confidence=0.95)
/// --
///
/// ``bayes_gaussian`` for conversion counts (Bernoulli variance p(1 − p), as gbstats).
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, *, relative = true, prior_mean = 0.0, prior_variance = 1.0, proper_prior = false, confidence = 0.95))]
#[allow(clippy::too_many_arguments)]
fn bayes_conversions(
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    relative: bool,
    prior_mean: f64,
    prior_variance: f64,
    proper_prior: bool,
    confidence: f64,
) -> PyResult<PyBayesResult> {
    let a = GroupSummary::from_conversions(x_a, n_a).map_err(errors::to_py)?;
    let b = GroupSummary::from_conversions(x_b, n_b).map_err(errors::to_py)?;
    let options = bayes_options(
        relative,
        prior_mean,
        prior_variance,
        proper_prior,
        confidence,
    );
    abtest::bayes_gaussian(&a, &b, &options)
        .map(PyBayesResult)
        .map_err(errors::to_py)
}

/// An always-valid estimate: ``ci`` is a confidence sequence, ``pvalue`` always valid.
#[pyclass(module = "edgekit.abtest", name = "SequentialResult", frozen)]
pub struct PySequentialResult(abtest::SequentialResult);

#[pymethods]
impl PySequentialResult {
    #[getter]
    fn effect(&self) -> f64 {
        self.0.effect
    }
    #[getter]
    fn ci(&self) -> (f64, f64) {
        self.0.ci
    }
    #[getter]
    fn pvalue(&self) -> f64 {
        self.0.pvalue
    }
    #[getter]
    fn relative(&self) -> bool {
        self.0.relative
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.0;
        let d = PyDict::new(py);
        d.set_item("effect", r.effect)?;
        d.set_item("ci", interval(py, r.ci)?)?;
        d.set_item("pvalue", r.pvalue)?;
        d.set_item("relative", r.relative)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let r = &self.0;
        format!(
            "SequentialResult(effect={}, ci=({}, {}), pvalue={}, relative={})",
            r.effect, r.ci.0, r.ci.1, r.pvalue, r.relative
        )
    }
}

/// sequential(a, b, *, relative=True, tuning=5000.0, confidence=0.95)
/// --
///
/// Always-valid confidence sequence and p-value (gbstats' sequential test) from (n, mean,
/// variance) summaries: safe to look at every day.
#[pyfunction]
#[pyo3(signature = (a, b, *, relative = true, tuning = 5000.0, confidence = 0.95))]
fn sequential(
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    relative: bool,
    tuning: f64,
    confidence: f64,
) -> PyResult<PySequentialResult> {
    let summary = |(n, mean, variance): (f64, f64, f64)| GroupSummary { n, mean, variance };
    let options = abtest::SequentialOptions {
        relative,
        tuning,
        confidence,
    };
    abtest::sequential(&summary(a), &summary(b), &options)
        .map(PySequentialResult)
        .map_err(errors::to_py)
}

/// sequential_conversions(x_a, n_a, x_b, n_b, *, relative=True, tuning=5000.0, confidence=0.95)
/// --
///
/// ``sequential`` for conversion counts.
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, *, relative = true, tuning = 5000.0, confidence = 0.95))]
#[allow(clippy::too_many_arguments)]
fn sequential_conversions(
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    relative: bool,
    tuning: f64,
    confidence: f64,
) -> PyResult<PySequentialResult> {
    let a = GroupSummary::from_conversions(x_a, n_a).map_err(errors::to_py)?;
    let b = GroupSummary::from_conversions(x_b, n_b).map_err(errors::to_py)?;
    let options = abtest::SequentialOptions {
        relative,
        tuning,
        confidence,
    };
    abtest::sequential(&a, &b, &options)
        .map(PySequentialResult)
        .map_err(errors::to_py)
}

fn paired(
    y: &Bound<'_, PyAny>,
    x: &Bound<'_, PyAny>,
    names: (&'static str, &'static str),
) -> PyResult<abtest::PairedSummary> {
    let (y, x) = (
        input::float_array(y, names.0)?,
        input::float_array(x, names.1)?,
    );
    abtest::PairedSummary::from_values(input::as_slice(&y), input::as_slice(&x), names)
        .map_err(errors::to_py)
}

/// cuped(a, b, a_pre, b_pre, *, alternative="two-sided", confidence=0.95)
/// --
///
/// CUPED: the metric adjusted by its pre-experiment value with a pooled θ (gbstats'
/// regression adjustment), compared by Welch's t; relative effect over the unadjusted control.
#[pyfunction]
#[pyo3(signature = (a, b, a_pre, b_pre, *, alternative = "two-sided", confidence = 0.95))]
fn cuped(
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    a_pre: &Bound<'_, PyAny>,
    b_pre: &Bound<'_, PyAny>,
    alternative: &str,
    confidence: f64,
) -> PyResult<PyTestResult> {
    let options = abtest::AdjustedOptions {
        alternative: parse(alternative)?,
        confidence,
    };
    let (a, b) = (
        paired(a, a_pre, ("a", "a_pre"))?,
        paired(b, b_pre, ("b", "b_pre"))?,
    );
    abtest::cuped(&a, &b, &options)
        .map(PyTestResult)
        .map_err(errors::to_py)
}

/// ratio_metric(a_num, a_den, b_num, b_den, *, alternative="two-sided", confidence=0.95)
/// --
///
/// A ratio metric Σnum / Σden per arm (revenue per session...) compared by the delta method,
/// as gbstats' RatioStatistic.
#[pyfunction]
#[pyo3(signature = (a_num, a_den, b_num, b_den, *, alternative = "two-sided", confidence = 0.95))]
fn ratio_metric(
    a_num: &Bound<'_, PyAny>,
    a_den: &Bound<'_, PyAny>,
    b_num: &Bound<'_, PyAny>,
    b_den: &Bound<'_, PyAny>,
    alternative: &str,
    confidence: f64,
) -> PyResult<PyTestResult> {
    let options = abtest::AdjustedOptions {
        alternative: parse(alternative)?,
        confidence,
    };
    let a = paired(a_num, a_den, ("a_num", "a_den"))?;
    let b = paired(b_num, b_den, ("b_num", "b_den"))?;
    abtest::ratio_metric(&a, &b, &options)
        .map(PyTestResult)
        .map_err(errors::to_py)
}

/// McNemar's test: ``only_a``/``only_b`` count the examples only one model got right.
#[pyclass(module = "edgekit.abtest", name = "McNemarResult", frozen)]
pub struct PyMcNemarResult(abtest::McNemarResult);

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

/// mcnemar(a_correct, b_correct, *, exact=True, correction=True)
/// --
///
/// McNemar's test of two models on the same examples from per-example correctness (booleans).
#[pyfunction]
#[pyo3(signature = (a_correct, b_correct, *, exact = true, correction = true))]
fn mcnemar(
    a_correct: Vec<bool>,
    b_correct: Vec<bool>,
    exact: bool,
    correction: bool,
) -> PyResult<PyMcNemarResult> {
    let options = abtest::McNemarOptions { exact, correction };
    abtest::mcnemar(&a_correct, &b_correct, &options)
        .map(PyMcNemarResult)
        .map_err(errors::to_py)
}

/// mcnemar_counts(only_a, only_b, *, exact=True, correction=True)
/// --
///
/// McNemar's test from the discordant counts.
#[pyfunction]
#[pyo3(signature = (only_a, only_b, *, exact = true, correction = true))]
fn mcnemar_counts(
    only_a: i64,
    only_b: i64,
    exact: bool,
    correction: bool,
) -> PyResult<PyMcNemarResult> {
    let options = abtest::McNemarOptions { exact, correction };
    abtest::mcnemar_counts(only_a, only_b, &options)
        .map(PyMcNemarResult)
        .map_err(errors::to_py)
}

/// DeLong's comparison of two models' AUCs: ``effect`` is AUC_b − AUC_a.
#[pyclass(module = "edgekit.abtest", name = "DeLongResult", frozen)]
pub struct PyDeLongResult(abtest::DeLongResult);

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

/// delong(labels, a, b, *, alternative="two-sided", confidence=0.95)
/// --
///
/// DeLong's test of AUC_b − AUC_a for two models' scores a and b on the same examples with
/// binary labels (booleans or 0/1). Runs without the GIL.
#[pyfunction]
#[pyo3(signature = (labels, a, b, *, alternative = "two-sided", confidence = 0.95))]
fn delong(
    py: Python<'_>,
    labels: &Bound<'_, PyAny>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    alternative: &str,
    confidence: f64,
) -> PyResult<PyDeLongResult> {
    let options = abtest::DeLongOptions {
        alternative: parse(alternative)?,
        confidence,
    };
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
    py.detach(|| abtest::delong(&labels, a, b, &options))
        .map(PyDeLongResult)
        .map_err(errors::to_py)
}

/// Diebold-Mariano result: ``statistic`` on loss_b − loss_a.
#[pyclass(module = "edgekit.abtest", name = "DieboldMarianoResult", frozen)]
pub struct PyDieboldMarianoResult(abtest::DieboldMarianoResult);

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

/// diebold_mariano(loss_a, loss_b, *, horizon=1, harvey=True, variance="acf", alternative="two-sided")
/// --
///
/// Diebold-Mariano test of equal predictive accuracy from per-step losses of models a and b
/// (Harvey-Leybourne-Newbold correction by default); "smaller" means b's loss is smaller.
#[pyfunction]
#[pyo3(signature = (loss_a, loss_b, *, horizon = 1, harvey = true, variance = "acf", alternative = "two-sided"))]
fn diebold_mariano(
    loss_a: &Bound<'_, PyAny>,
    loss_b: &Bound<'_, PyAny>,
    horizon: usize,
    harvey: bool,
    variance: &str,
    alternative: &str,
) -> PyResult<PyDieboldMarianoResult> {
    let options = abtest::DieboldMarianoOptions {
        horizon,
        harvey,
        variance: parse(variance)?,
        alternative: parse(alternative)?,
    };
    let (a, b) = (
        input::float_array(loss_a, "loss_a")?,
        input::float_array(loss_b, "loss_b")?,
    );
    abtest::diebold_mariano(input::as_slice(&a), input::as_slice(&b), &options)
        .map(PyDieboldMarianoResult)
        .map_err(errors::to_py)
}

/// A bootstrap interval: ``estimate``, ``ci``, ``standard_error``.
#[pyclass(module = "edgekit.abtest", name = "BootstrapResult", frozen)]
pub struct PyBootstrapResult(abtest::BootstrapResult);

#[pymethods]
impl PyBootstrapResult {
    #[getter]
    fn estimate(&self) -> f64 {
        self.0.estimate
    }
    #[getter]
    fn ci(&self) -> (f64, f64) {
        self.0.ci
    }
    #[getter]
    fn standard_error(&self) -> f64 {
        self.0.standard_error
    }

    /// The result as a plain ``dict``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("estimate", self.0.estimate)?;
        d.set_item("ci", interval(py, self.0.ci)?)?;
        d.set_item("standard_error", self.0.standard_error)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "BootstrapResult(estimate={}, ci=({}, {}), standard_error={})",
            self.0.estimate, self.0.ci.0, self.0.ci.1, self.0.standard_error
        )
    }
}

/// bootstrap(a, b, *, statistic="mean_diff", n_resamples=9999, method="bca", confidence=0.95, alternative="two-sided", seed=0)
/// --
///
/// Bootstrap interval of mean(b) − mean(a) ("mean_diff") or mean(b)/mean(a)
/// ("ratio_of_means"): "percentile", "basic" or "bca" (as scipy.stats.bootstrap). Seeded,
/// parallel, without the GIL; memory grows with n_resamples by 8 bytes each.
#[pyfunction]
#[pyo3(signature = (a, b, *, statistic = "mean_diff", n_resamples = 9999, method = "bca", confidence = 0.95, alternative = "two-sided", seed = 0))]
#[allow(clippy::too_many_arguments)]
fn bootstrap(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    statistic: &str,
    n_resamples: usize,
    method: &str,
    confidence: f64,
    alternative: &str,
    seed: u64,
) -> PyResult<PyBootstrapResult> {
    let options = abtest::BootstrapOptions {
        statistic: parse(statistic)?,
        n_resamples,
        method: parse(method)?,
        confidence,
        alternative: parse(alternative)?,
        seed,
    };
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    py.detach(|| abtest::bootstrap(a, b, &options))
        .map(PyBootstrapResult)
        .map_err(errors::to_py)
}

/// two_proportions(x_a, n_a, x_b, n_b, *, alternative="two-sided", method="z-pooled", ci_method="wald", confidence=0.95)
/// --
///
/// Compare conversion rates of control a (x_a of n_a) and treatment b; effect is p_b − p_a.
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, *, alternative = "two-sided", method = "z-pooled", ci_method = "wald", confidence = 0.95))]
#[allow(clippy::too_many_arguments)]
fn two_proportions(
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    alternative: &str,
    method: &str,
    ci_method: &str,
    confidence: f64,
) -> PyResult<PyTestResult> {
    let options = TwoProportionsOptions {
        alternative: parse(alternative)?,
        method: parse(method)?,
        ci_method: parse(ci_method)?,
        confidence,
    };
    abtest::two_proportions(x_a, n_a, x_b, n_b, &options)
        .map(PyTestResult)
        .map_err(errors::to_py)
}

/// two_proportions_batch(x_a, n_a, x_b, n_b, *, alternative="two-sided", method="z-pooled", ci_method="wald", confidence=0.95)
/// --
///
/// ``two_proportions`` on every row of four integer columns (int64 numpy arrays are read in
/// place), in parallel without the GIL.
/// Returns a dict of numpy arrays: statistic, pvalue, effect, ci_low, ci_high.
#[pyfunction]
#[pyo3(signature = (x_a, n_a, x_b, n_b, *, alternative = "two-sided", method = "z-pooled", ci_method = "wald", confidence = 0.95))]
#[allow(clippy::too_many_arguments)]
fn two_proportions_batch<'py>(
    py: Python<'py>,
    x_a: &Bound<'py, PyAny>,
    n_a: &Bound<'py, PyAny>,
    x_b: &Bound<'py, PyAny>,
    n_b: &Bound<'py, PyAny>,
    alternative: &str,
    method: &str,
    ci_method: &str,
    confidence: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let options = TwoProportionsOptions {
        alternative: parse(alternative)?,
        method: parse(method)?,
        ci_method: parse(ci_method)?,
        confidence,
    };
    let columns = [
        input::count_array(x_a, "x_a")?,
        input::count_array(n_a, "n_a")?,
        input::count_array(x_b, "x_b")?,
        input::count_array(n_b, "n_b")?,
    ];
    let [x_a, n_a, x_b, n_b] = columns.each_ref().map(input::Counts::as_slice);
    let r = py
        .detach(|| abtest::two_proportions_batch(x_a, n_a, x_b, n_b, &options))
        .map_err(errors::to_py)?;
    let d = PyDict::new(py);
    d.set_item("statistic", r.statistic.into_pyarray(py))?;
    d.set_item("pvalue", r.pvalue.into_pyarray(py))?;
    d.set_item("effect", r.effect.into_pyarray(py))?;
    d.set_item("ci_low", r.ci_low.into_pyarray(py))?;
    d.set_item("ci_high", r.ci_high.into_pyarray(py))?;
    Ok(d)
}

/// proportion_ci(x, n, *, method="wilson", confidence=0.95)
/// --
///
/// Two-sided interval for one proportion x / n: "normal", "wilson", "agresti-coull",
/// "clopper-pearson" or "jeffreys".
#[pyfunction]
#[pyo3(signature = (x, n, *, method = "wilson", confidence = 0.95))]
fn proportion_ci(x: i64, n: i64, method: &str, confidence: f64) -> PyResult<(f64, f64)> {
    let method: ProportionInterval = parse(method)?;
    abtest::proportion_ci(x, n, method, confidence).map_err(errors::to_py)
}

fn means_options(alternative: &str, confidence: f64, equal_var: bool) -> PyResult<MeansOptions> {
    Ok(MeansOptions {
        alternative: parse::<Alternative>(alternative)?,
        confidence,
        equal_var,
    })
}

/// welch(a, b, *, alternative="two-sided", confidence=0.95, equal_var=False)
/// --
///
/// Welch's t test of mean(b) − mean(a) on raw values (Student's with equal_var=True).
/// Contiguous float64 arrays are read without copying; the work runs without the GIL.
#[pyfunction]
#[pyo3(signature = (a, b, *, alternative = "two-sided", confidence = 0.95, equal_var = false))]
fn welch(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    alternative: &str,
    confidence: f64,
    equal_var: bool,
) -> PyResult<PyTestResult> {
    let options = means_options(alternative, confidence, equal_var)?;
    let (a, b) = (input::float_array(a, "a")?, input::float_array(b, "b")?);
    let (a, b) = (input::as_slice(&a), input::as_slice(&b));
    py.detach(|| abtest::welch(a, b, &options))
        .map(PyTestResult)
        .map_err(errors::to_py)
}

/// t_test_from_sums(a, b, *, alternative="two-sided", confidence=0.95, equal_var=False)
/// --
///
/// Welch's (or Student's) t test from per-group (n, sum, sum_of_squares) tuples, as a
/// warehouse stores them.
#[pyfunction]
#[pyo3(signature = (a, b, *, alternative = "two-sided", confidence = 0.95, equal_var = false))]
fn t_test_from_sums(
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    alternative: &str,
    confidence: f64,
    equal_var: bool,
) -> PyResult<PyTestResult> {
    let options = means_options(alternative, confidence, equal_var)?;
    let a = GroupSummary::from_sums(a.0, a.1, a.2, "a").map_err(errors::to_py)?;
    let b = GroupSummary::from_sums(b.0, b.1, b.2, "b").map_err(errors::to_py)?;
    abtest::t_test(&a, &b, &options)
        .map(PyTestResult)
        .map_err(errors::to_py)
}

/// srm(counts, weights=None)
/// --
///
/// Sample-ratio-mismatch check: chi-square of observed group sizes against the configured
/// weights (equal when omitted). Returns a dict: statistic, pvalue, df, expected.
#[pyfunction]
#[pyo3(signature = (counts, weights = None))]
fn srm<'py>(
    py: Python<'py>,
    counts: Vec<i64>,
    weights: Option<Vec<f64>>,
) -> PyResult<Bound<'py, PyDict>> {
    let weights = weights.unwrap_or_else(|| vec![1.0; counts.len()]);
    let r = abtest::srm(&counts, &weights).map_err(errors::to_py)?;
    let d = PyDict::new(py);
    d.set_item("statistic", r.statistic)?;
    d.set_item("pvalue", r.pvalue)?;
    d.set_item("df", r.df)?;
    d.set_item("expected", r.expected)?;
    Ok(d)
}

/// adjust_pvalues(pvalues, method="holm")
/// --
///
/// Adjusted p-values as statsmodels ``multipletests``: "bonferroni", "holm", "sidak",
/// "holm-sidak", "hochberg", "hommel", "bh", "by".
#[pyfunction]
#[pyo3(signature = (pvalues, method = "holm"))]
fn adjust_pvalues<'py>(
    py: Python<'py>,
    pvalues: &Bound<'py, PyAny>,
    method: &str,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let method: Correction = parse(method)?;
    let pvalues = input::float_array(pvalues, "pvalues")?;
    let adjusted =
        abtest::adjust_pvalues(input::as_slice(&pvalues), method).map_err(errors::to_py)?;
    Ok(adjusted.into_pyarray(py))
}

fn power_options(alpha: f64, power: f64, ratio: f64, alternative: &str) -> PyResult<PowerOptions> {
    Ok(PowerOptions {
        alpha,
        power,
        ratio,
        alternative: parse(alternative)?,
    })
}

/// power(effect_size, n_a, *, alpha=0.05, ratio=1.0, alternative="two-sided")
/// --
///
/// Power of the two-group z test (statsmodels NormalIndPower) with n_a controls and
/// n_b = ratio · n_a treatments.
#[pyfunction]
#[pyo3(signature = (effect_size, n_a, *, alpha = 0.05, ratio = 1.0, alternative = "two-sided"))]
fn power(effect_size: f64, n_a: f64, alpha: f64, ratio: f64, alternative: &str) -> PyResult<f64> {
    let options = power_options(alpha, 0.8, ratio, alternative)?;
    abtest::power(effect_size, n_a, &options).map_err(errors::to_py)
}

/// sample_size(effect_size=None, *, p_a=None, p_b=None, delta=None, sd=None, alpha=0.05, power=0.8, ratio=1.0, alternative="two-sided")
/// --
///
/// Group sizes that reach ``power``: give a standardised effect_size, or two rates p_a and
/// p_b (Cohen's h), or a mean difference delta with its standard deviation sd. Returns a dict:
/// n_a, n_b (exact solutions), n_a_required, n_b_required (rounded up), effect_size.
#[pyfunction]
#[pyo3(signature = (effect_size = None, *, p_a = None, p_b = None, delta = None, sd = None, alpha = 0.05, power = 0.8, ratio = 1.0, alternative = "two-sided"))]
#[allow(clippy::too_many_arguments)]
fn sample_size<'py>(
    py: Python<'py>,
    effect_size: Option<f64>,
    p_a: Option<f64>,
    p_b: Option<f64>,
    delta: Option<f64>,
    sd: Option<f64>,
    alpha: f64,
    power: f64,
    ratio: f64,
    alternative: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let effect = match (effect_size, p_a, p_b, delta, sd) {
        (Some(d), None, None, None, None) => Effect::Standardized(d),
        (None, Some(p_a), Some(p_b), None, None) => Effect::Proportions { p_a, p_b },
        (None, None, None, Some(delta), Some(sd)) => Effect::Means { delta, sd },
        _ => {
            return Err(errors::invalid_input(
                "give exactly one of: effect_size, (p_a and p_b), or (delta and sd)".to_owned(),
            ));
        }
    };
    let options = power_options(alpha, power, ratio, alternative)?;
    let s = effect
        .standardized()
        .and_then(|d| abtest::sample_size(d, &options))
        .map_err(errors::to_py)?;
    let d = PyDict::new(py);
    d.set_item("n_a", s.n_a)?;
    d.set_item("n_b", s.n_b)?;
    d.set_item("n_a_required", s.n_a_required)?;
    d.set_item("n_b_required", s.n_b_required)?;
    d.set_item("effect_size", s.effect_size)?;
    Ok(d)
}

/// minimum_detectable_effect(n_a, *, alpha=0.05, power=0.8, ratio=1.0, alternative="two-sided")
/// --
///
/// The smallest standardised effect the design detects with the given power.
#[pyfunction]
#[pyo3(signature = (n_a, *, alpha = 0.05, power = 0.8, ratio = 1.0, alternative = "two-sided"))]
fn minimum_detectable_effect(
    n_a: f64,
    alpha: f64,
    power: f64,
    ratio: f64,
    alternative: &str,
) -> PyResult<f64> {
    let options = power_options(alpha, power, ratio, alternative)?;
    abtest::minimum_detectable_effect(n_a, &options).map_err(errors::to_py)
}

/// proportion_effect_size(p_a, p_b)
/// --
///
/// Cohen's h for moving a rate from p_a to p_b.
#[pyfunction]
fn proportion_effect_size(p_a: f64, p_b: f64) -> PyResult<f64> {
    abtest::proportion_effect_size(p_a, p_b).map_err(errors::to_py)
}

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "abtest")?;
    module.add_class::<PyTestResult>()?;
    module.add_class::<PyRankTestResult>()?;
    module.add_class::<PyBayesResult>()?;
    module.add_class::<PySequentialResult>()?;
    module.add_function(wrap_pyfunction!(cuped, &module)?)?;
    module.add_class::<PyMcNemarResult>()?;
    module.add_class::<PyDeLongResult>()?;
    module.add_class::<PyBootstrapResult>()?;
    module.add_function(wrap_pyfunction!(bootstrap, &module)?)?;
    module.add_class::<PyDieboldMarianoResult>()?;
    module.add_function(wrap_pyfunction!(diebold_mariano, &module)?)?;
    module.add_function(wrap_pyfunction!(delong, &module)?)?;
    module.add_function(wrap_pyfunction!(mcnemar, &module)?)?;
    module.add_function(wrap_pyfunction!(mcnemar_counts, &module)?)?;
    module.add_function(wrap_pyfunction!(ratio_metric, &module)?)?;
    module.add_function(wrap_pyfunction!(sequential, &module)?)?;
    module.add_function(wrap_pyfunction!(sequential_conversions, &module)?)?;
    module.add_function(wrap_pyfunction!(bayes_gaussian, &module)?)?;
    module.add_function(wrap_pyfunction!(bayes_conversions, &module)?)?;
    module.add_function(wrap_pyfunction!(mann_whitney, &module)?)?;
    module.add_function(wrap_pyfunction!(two_proportions, &module)?)?;
    module.add_function(wrap_pyfunction!(two_proportions_batch, &module)?)?;
    module.add_function(wrap_pyfunction!(proportion_ci, &module)?)?;
    module.add_function(wrap_pyfunction!(welch, &module)?)?;
    module.add_function(wrap_pyfunction!(t_test_from_sums, &module)?)?;
    module.add_function(wrap_pyfunction!(srm, &module)?)?;
    module.add_function(wrap_pyfunction!(adjust_pvalues, &module)?)?;
    module.add_function(wrap_pyfunction!(power, &module)?)?;
    module.add_function(wrap_pyfunction!(sample_size, &module)?)?;
    module.add_function(wrap_pyfunction!(minimum_detectable_effect, &module)?)?;
    module.add_function(wrap_pyfunction!(proportion_effect_size, &module)?)?;
    parent.add_submodule(&module)?;
    Ok(())
}
