//! `edgekit.drift`: batch drift tests and streaming detectors.

use edgekit::drift::{self, DriftDetector, DriftResult, Sample};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

/// A sample argument: float arrays stay numbers (or category codes), text becomes labels.
enum Owned<'py> {
    Numbers(numpy::PyReadonlyArray1<'py, f64>),
    Labels(Vec<String>),
}

fn sample_arg<'py>(x: &Bound<'py, PyAny>, argument: &str) -> PyResult<Owned<'py>> {
    let kind: Option<String> = x
        .getattr("dtype")
        .and_then(|d| d.getattr("kind"))
        .and_then(|k| k.extract())
        .ok();
    let is_text = match kind.as_deref() {
        Some("U" | "S" | "O") => true,
        Some(_) => false,
        None => x
            .try_iter()
            .ok()
            .and_then(|mut it| it.next())
            .and_then(|first| first.ok())
            .is_some_and(|first| first.is_instance_of::<pyo3::types::PyString>()),
    };
    if is_text {
        let values = x.py().import("builtins")?.getattr("list")?.call1((x,))?;
        let labels: Vec<String> = values
            .try_iter()?
            .map(|v| v.and_then(|v| v.str().map(|s| s.to_string())))
            .collect::<PyResult<_>>()?;
        let _ = argument;
        return Ok(Owned::Labels(labels));
    }
    Ok(Owned::Numbers(input::float_array(x, argument)?))
}

fn as_sample<'a>(owned: &'a Owned<'_>, codes: bool) -> Sample<'a> {
    match owned {
        Owned::Numbers(array) if codes => Sample::Codes(input::as_slice(array)),
        Owned::Numbers(array) => Sample::Numbers(input::as_slice(array)),
        Owned::Labels(labels) => Sample::Labels(labels),
    }
}

fn numbers<'py>(
    x: &Bound<'py, PyAny>,
    argument: &str,
) -> PyResult<numpy::PyReadonlyArray1<'py, f64>> {
    input::float_array(x, argument)
}

fn done(py: Python<'_>, result: Result<DriftResult, drift::DriftError>) -> PyResult<Py<PyAny>> {
    convert::result(py, "DriftResult", &result.map_err(errors::to_py)?)
}

/// A test on two numeric samples: `name(reference, current, **options)`, its options read
/// into core's `$options` (names and defaults live there), run with the GIL released.
macro_rules! numeric_test {
    ($name:ident, $options:ty, $doc:literal, |$a:ident, $b:ident, $o:ident| $call:expr) => {
        #[doc = concat!(stringify!($name), "(reference, current, **options)\n--\n\n", $doc)]
        #[edgekit_macros::boundary]
        #[pyfunction]
        #[pyo3(signature = (reference, current, **options))]
        fn $name(
            py: Python<'_>,
            reference: &Bound<'_, PyAny>,
            current: &Bound<'_, PyAny>,
            options: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Py<PyAny>> {
            let $o: $options = convert::options(concat!("drift.", stringify!($name)), options)?;
            let (a, b) = (
                numbers(reference, "reference")?,
                numbers(current, "current")?,
            );
            let ($a, $b) = (input::as_slice(&a), input::as_slice(&b));
            let result = crate::boundary::detach(py, || $call);
            done(py, result)
        }
    };
}

/// A test on two samples of numbers or labels; `$codes` says when numbers are category codes.
macro_rules! sample_test {
    ($name:ident, $options:ty, $doc:literal, |$a:ident, $b:ident, $o:ident| $codes:expr, $call:expr) => {
        #[doc = concat!(stringify!($name), "(reference, current, **options)\n--\n\n", $doc)]
        #[edgekit_macros::boundary]
        #[pyfunction]
        #[pyo3(signature = (reference, current, **options))]
        fn $name(
            py: Python<'_>,
            reference: &Bound<'_, PyAny>,
            current: &Bound<'_, PyAny>,
            options: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Py<PyAny>> {
            let $o: $options = convert::options(concat!("drift.", stringify!($name)), options)?;
            let (a, b) = (
                sample_arg(reference, "reference")?,
                sample_arg(current, "current")?,
            );
            let codes = $codes;
            let ($a, $b) = (as_sample(&a, codes), as_sample(&b, codes));
            let result = crate::boundary::detach(py, || $call);
            done(py, result)
        }
    };
}

numeric_test!(
    ks_2samp,
    drift::KsOptions,
    "Two-sample Kolmogorov-Smirnov test, p-values as scipy.stats.ks_2samp.",
    |a, b, o| drift::ks_2samp(a, b, &o)
);
numeric_test!(
    wasserstein,
    drift::WassersteinOptions,
    "Wasserstein distance normed by the reference's standard deviation (Evidently's score).",
    |a, b, o| drift::wasserstein(a, b, o.threshold)
);
numeric_test!(
    energy_distance,
    drift::EnergyDistanceOptions,
    "Energy distance (scipy.stats.energy_distance).",
    |a, b, o| drift::energy_distance(a, b, o.threshold)
);
numeric_test!(
    t_test,
    drift::TTestOptions,
    "Welch's (or Student's) two-sided t test, scipy.stats.ttest_ind(reference, current).",
    |a, b, o| drift::t_test(a, b, &o)
);
numeric_test!(
    mann_whitney,
    drift::MannWhitneyDriftOptions,
    "Mann-Whitney U test, scipy.stats.mannwhitneyu(reference, current, alternative).",
    |a, b, o| drift::mann_whitney(a, b, &o)
);
numeric_test!(
    anderson_darling,
    drift::AndersonDarlingOptions,
    "Anderson-Darling k-sample test (scipy anderson_ksamp, midrank; p-value capped to [0.001, 0.25]).",
    |a, b, o| drift::anderson_darling(a, b, o.threshold)
);
numeric_test!(
    cramer_von_mises,
    drift::CramerVonMisesOptions,
    "Cramér-von Mises two-sample test (scipy cramervonmises_2samp).",
    |a, b, o| drift::cramer_von_mises(a, b, o.threshold)
);
numeric_test!(
    epps_singleton,
    drift::EppsSingletonOptions,
    "Epps-Singleton test (scipy epps_singleton_2samp).",
    |a, b, o| drift::epps_singleton(a, b, o.threshold)
);
numeric_test!(
    mmd,
    drift::MmdOptions,
    "Empirical MMD (Gaussian kernel, median bandwidth) with a seeded permutation p-value.",
    |a, b, o| drift::mmd(a, b, &o)
);

sample_test!(
    psi,
    drift::BinnedTestOptions,
    "Population stability index over reference-quantile bins (or Evidently's Sturges bins); text or ``categorical=True`` counts categories.",
    |a, b, o| o.categorical,
    drift::psi(a, b, &o.binned())
);
sample_test!(
    kl_div,
    drift::BinnedTestOptions,
    "Kullback-Leibler divergence of the binned shares (scipy.stats.entropy).",
    |a, b, o| o.categorical,
    drift::kl_divergence(a, b, &o.binned())
);
sample_test!(
    jensenshannon,
    drift::BinnedTestOptions,
    "Jensen-Shannon distance of the binned shares (scipy.spatial.distance.jensenshannon).",
    |a, b, o| o.categorical,
    drift::jensen_shannon(a, b, &o.binned())
);
sample_test!(
    hellinger,
    drift::HellingerOptions,
    "Hellinger distance as Evidently computes it.",
    |a, b, o| o.categorical,
    drift::hellinger(a, b, o.threshold)
);
sample_test!(
    chisquare,
    drift::ChisquareOptions,
    "Chi-square goodness of fit of the current counts to the reference shares.",
    |a, b, o| true,
    drift::chisquare(a, b, o.threshold)
);
sample_test!(
    g_test,
    drift::GTestOptions,
    "G-test (log-likelihood ratio) of the current counts against the reference shares.",
    |a, b, o| true,
    drift::g_test(a, b, o.threshold)
);
sample_test!(
    z_test,
    drift::ZTestOptions,
    "Pooled two-proportion z test of the first category against the rest.",
    |a, b, o| true,
    drift::z_test(a, b, o.threshold)
);
sample_test!(
    fisher_exact,
    drift::FisherExactOptions,
    "Fisher's exact test for two categories.",
    |a, b, o| true,
    drift::fisher_exact(a, b, o.threshold)
);
sample_test!(
    tvd,
    drift::TvdOptions,
    "Total variation distance with a seeded permutation p-value.",
    |a, b, o| true,
    drift::tvd(a, b, o.threshold, o.permutations, o.seed)
);

/// Shared methods of the detector classes, for a Rust detector type `$inner`.
macro_rules! detector_class {
    ($class:ident, $pyname:literal, $inner:ty, $options:ty, $doc:literal, { $($extra:tt)* }) => {
        #[doc = $doc]
        #[pyclass(name = $pyname, module = "edgekit.drift", frozen)]
        pub struct $class(pub crate::boundary::Shared<$inner>);

        impl From<$inner> for $class {
            fn from(detector: $inner) -> Self {
                $class(crate::boundary::Shared::new(detector))
            }
        }

        #[edgekit_macros::boundary]

        #[pymethods]
        impl $class {
            /// Options are keywords with River's names; names and defaults are core's.
            #[new]
            #[pyo3(signature = (**options))]
            fn new(options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let options: $options = convert::options(concat!("drift.", $pyname), options)?;
                options.build().map(Self::from).map_err(errors::to_py)
            }

            $($extra)*

            /// Feeds one value; returns whether drift was detected at it.
            fn update(&self, #[pyo3(from_py_with = crate::input::real)] x: f64) -> PyResult<bool> {
                self.0.lock().update(x).map_err(errors::to_py)
            }
            /// Feeds an array in order; returns the int64 positions where drift fired.
            fn update_many<'py>(&self, py: Python<'py>, values: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray1<i64>>> {
                let array = input::float_array(values, "values")?;
                let slice = input::as_slice(&array);
                let fired = crate::boundary::detach(py, || self.0.lock().update_many(slice)).map_err(errors::to_py)?;
                Ok(fired.into_iter().map(|i| i as i64).collect::<Vec<_>>().into_pyarray(py))
            }
            /// Whether the last update detected drift.
            #[getter]
            fn drift_detected(&self) -> bool {
                self.0.lock().drift_detected()
            }
            /// Whether the last update raised a warning.
            #[getter]
            fn warning_detected(&self) -> bool {
                self.0.lock().warning_detected()
            }
            /// The detector's whole state as JSON, for persisting it.
            fn to_json(&self) -> PyResult<String> {
                serde_json::to_string(&*self.0.lock()).map_err(|e| errors::invalid_input(e.to_string()))
            }
            /// A detector restored from ``to_json`` output.
            #[staticmethod]
            fn from_json(text: &str) -> PyResult<Self> {
                serde_json::from_str::<$inner>(text)
                    .map(Self::from)
                    .map_err(|e| errors::invalid_input(format!("not a saved {} state: {e}", $pyname)))
            }
            fn __repr__(&self) -> String {
                format!("{}(drift_detected={})", $pyname, if self.0.lock().drift_detected() { "True" } else { "False" })
            }
        }
    };
}

detector_class!(
    PyAdwin,
    "ADWIN",
    drift::Adwin,
    drift::AdwinOptions,
    "ADWIN adaptive windowing (River's parameters and indices).",
    {
        /// Values in the window.
        #[getter]
        fn width(&self) -> f64 {
            self.0.lock().width()
        }
        /// The window's mean.
        #[getter]
        fn estimation(&self) -> f64 {
            self.0.lock().estimation()
        }
    }
);
detector_class!(
    PyPageHinkley,
    "PageHinkley",
    drift::PageHinkley,
    drift::PageHinkleyOptions,
    "Page-Hinkley test (River's parameters and indices).",
    {}
);
detector_class!(
    PyKswin,
    "KSWIN",
    drift::Kswin,
    drift::KswinOptions,
    "KSWIN sliding-window KS detector (seeded).",
    {
        /// The p-value of the last test.
        #[getter]
        fn p_value(&self) -> f64 {
            self.0.lock().p_value()
        }
    }
);
detector_class!(
    PyCusum,
    "CUSUM",
    drift::Cusum,
    drift::CusumOptions,
    "Two-sided tabular CUSUM on standardized values.",
    {}
);
detector_class!(
    PyDdm,
    "DDM",
    drift::Ddm,
    drift::DdmOptions,
    "DDM on a 0/1 error stream (River's parameters and indices).",
    {}
);
detector_class!(
    PyEddm,
    "EDDM",
    drift::Eddm,
    drift::EddmOptions,
    "EDDM on a 0/1 error stream (River's parameters and indices).",
    {}
);
detector_class!(
    PyHddmA,
    "HDDM_A",
    drift::HddmA,
    drift::HddmAOptions,
    "HDDM_A on a 0/1 error stream (River's parameters and indices).",
    {}
);
detector_class!(
    PyHddmW,
    "HDDM_W",
    drift::HddmW,
    drift::HddmWOptions,
    "HDDM_W on a 0/1 error stream (River's parameters and indices).",
    {}
);
detector_class!(
    PyFhddm,
    "FHDDM",
    drift::Fhddm,
    drift::FhddmOptions,
    "FHDDM on a 0/1 stream; fires when the share of 1s falls.",
    {}
);

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "drift")?;
    for f in [
        wrap_pyfunction!(ks_2samp, &module)?,
        wrap_pyfunction!(wasserstein, &module)?,
        wrap_pyfunction!(energy_distance, &module)?,
        wrap_pyfunction!(t_test, &module)?,
        wrap_pyfunction!(mann_whitney, &module)?,
        wrap_pyfunction!(psi, &module)?,
        wrap_pyfunction!(kl_div, &module)?,
        wrap_pyfunction!(jensenshannon, &module)?,
        wrap_pyfunction!(hellinger, &module)?,
        wrap_pyfunction!(chisquare, &module)?,
        wrap_pyfunction!(g_test, &module)?,
        wrap_pyfunction!(z_test, &module)?,
        wrap_pyfunction!(fisher_exact, &module)?,
        wrap_pyfunction!(tvd, &module)?,
        wrap_pyfunction!(anderson_darling, &module)?,
        wrap_pyfunction!(cramer_von_mises, &module)?,
        wrap_pyfunction!(epps_singleton, &module)?,
    ] {
        module.add_function(f)?;
    }
    module.add_class::<PyAdwin>()?;
    module.add_class::<PyPageHinkley>()?;
    module.add_class::<PyKswin>()?;
    module.add_class::<PyCusum>()?;
    module.add_class::<PyDdm>()?;
    module.add_class::<PyEddm>()?;
    module.add_class::<PyHddmA>()?;
    module.add_class::<PyHddmW>()?;
    module.add_class::<PyFhddm>()?;
    register_report(&module)?;
    register_more(&module)?;
    parent.add_submodule(&module)?;
    Ok(())
}

/// Columns handed over by `edgekit.drift`: `(name, values, categorical)` with `values` a float64
/// array (numbers) or a list of `str | None` (labels).
pub(crate) enum OwnedColumn<'py> {
    Numbers(String, numpy::PyReadonlyArray1<'py, f64>, bool),
    Labels(String, Vec<Option<String>>),
}

pub(crate) fn owned_columns<'py>(columns: &Bound<'py, PyAny>) -> PyResult<Vec<OwnedColumn<'py>>> {
    let mut out = Vec::new();
    for item in columns.try_iter()? {
        let item = item?;
        let (name, values, categorical): (String, Bound<'py, PyAny>, bool) = item.extract()?;
        if let Ok((codes, uniques)) =
            values.extract::<(numpy::PyReadonlyArray1<'py, i64>, Vec<String>)>()
        {
            let codes = codes
                .as_slice()
                .map_err(|e| errors::invalid_input(e.to_string()))?;
            let labels = codes
                .iter()
                .map(|&c| {
                    usize::try_from(c)
                        .ok()
                        .map(|i| {
                            uniques.get(i).cloned().ok_or_else(|| {
                                errors::invalid_input(format!("label code {c} out of range"))
                            })
                        })
                        .transpose()
                })
                .collect::<PyResult<_>>()?;
            out.push(OwnedColumn::Labels(name, labels));
        } else if let Ok(list) = values.cast::<pyo3::types::PyList>() {
            let labels = list
                .iter()
                .map(|v| {
                    if v.is_none() {
                        Ok(None)
                    } else {
                        v.str().map(|s| Some(s.to_string()))
                    }
                })
                .collect::<PyResult<_>>()?;
            out.push(OwnedColumn::Labels(name, labels));
        } else {
            let array = input::float_array(&values, &name)?;
            out.push(OwnedColumn::Numbers(name, array, categorical));
        }
    }
    Ok(out)
}

pub(crate) fn borrowed<'a>(columns: &'a [OwnedColumn<'_>]) -> Vec<drift::Column<'a>> {
    columns
        .iter()
        .map(|c| match c {
            OwnedColumn::Numbers(name, array, categorical) => drift::Column {
                name,
                values: drift::ColumnValues::Numbers(input::as_slice(array)),
                categorical: *categorical,
            },
            OwnedColumn::Labels(name, labels) => drift::Column {
                name,
                values: drift::ColumnValues::Labels(labels),
                categorical: true,
            },
        })
        .collect()
}

/// A fitted reference profile (see ``edgekit.drift.Profile``).
#[pyclass(name = "_Profile", module = "edgekit.drift", frozen)]
pub struct PyProfile(pub(crate) drift::Profile);

#[edgekit_macros::boundary]
#[pymethods]
impl PyProfile {
    /// Fits from ``[(name, values, categorical), ...]``.
    #[staticmethod]
    #[pyo3(signature = (columns, **options))]
    fn fit(
        py: Python<'_>,
        columns: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let o: drift::ProfileOptions = convert::options("drift.Profile.fit", options)?;
        let owned = owned_columns(columns)?;
        let columns = borrowed(&owned);
        crate::boundary::detach(py, || {
            drift::Profile::fit(&columns, Some(o.capacity), o.seed)
        })
        .map(Self)
        .map_err(errors::to_py)
    }
    /// The profile of both chunks together.
    fn merge(&self, other: &PyProfile) -> PyResult<Self> {
        self.0.merge(&other.0).map(Self).map_err(errors::to_py)
    }
    /// Compact binary form.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let bytes = self.0.to_bytes().map_err(errors::to_py)?;
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Self> {
        drift::Profile::from_bytes(data)
            .map(Self)
            .map_err(errors::to_py)
    }
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| errors::invalid_input(e.to_string()))
    }
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        serde_json::from_str(text)
            .map(Self)
            .map_err(|e| errors::invalid_input(format!("not a saved profile: {e}")))
    }
    /// Column names, in order.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.0.columns.iter().map(|c| c.name.clone()).collect()
    }
    /// Per-column summary: rows, missing, kind, distinct values kept, exact or sampled.
    fn describe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows: Vec<_> = self.0.columns.iter().map(|c| c.summary()).collect();
        Ok(convert::records(py, "ColumnSummary", &rows)?.into_any())
    }
    fn __eq__(&self, other: &PyProfile) -> bool {
        self.0 == other.0
    }
}

/// _report(reference, current, options) -> DriftReport; ``reference`` is a ``_Profile`` or
/// a column list.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (reference, current, options = None))]
fn _report<'py>(
    py: Python<'py>,
    reference: &Bound<'py, PyAny>,
    current: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options: drift::ReportOptions = convert::options("drift.report", options)?;
    if let Ok(current) = current.cast::<PyProfile>() {
        let current: &drift::Profile = &current.get().0;
        let reference_owned;
        let fitted;
        let reference: &drift::Profile = match reference.cast::<PyProfile>() {
            Ok(profile) => &profile.get().0,
            Err(_) => {
                reference_owned = owned_columns(reference)?;
                let columns = borrowed(&reference_owned);
                fitted = crate::boundary::detach(py, || {
                    drift::Profile::fit(&columns, Some(usize::MAX), 0)
                })
                .map_err(errors::to_py)?;
                &fitted
            }
        };
        let found =
            crate::boundary::detach(py, || drift::report_profiles(reference, current, &options))
                .map_err(errors::to_py)?;
        return convert::record(py, "DriftReport", &found);
    }
    let current_owned = owned_columns(current)?;
    let current = borrowed(&current_owned);
    let found = if let Ok(profile) = reference.cast::<PyProfile>() {
        let guard = profile.borrow();
        let profile: &drift::Profile = &guard.0;
        crate::boundary::detach(py, || {
            drift::report(drift::Reference::Profile(profile), &current, &options)
        })
    } else {
        let reference_owned = owned_columns(reference)?;
        let reference = borrowed(&reference_owned);
        crate::boundary::detach(py, || {
            drift::report(drift::Reference::Columns(&reference), &current, &options)
        })
    }
    .map_err(errors::to_py)?;
    convert::record(py, "DriftReport", &found)
}

pub fn register_report(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyProfile>()?;
    module.add_function(wrap_pyfunction!(_report, module)?)?;
    Ok(())
}

/// pelt(x, **options)
/// --
///
/// Optimal change points (PELT) for changes in the mean (L2) or mean and variance ("meanvar");
/// the first index of each new segment, as an int64 array. Same breakpoints as ruptures.Pelt.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x, **options))]
fn pelt<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let options: drift::PeltOptions = convert::options("drift.pelt", options)?;
    let options = drift::ChangePointOptions::from(options);
    let array = input::float_array(x, "x")?;
    let values = input::as_slice(&array);
    let found =
        crate::boundary::detach(py, || drift::pelt(values, &options)).map_err(errors::to_py)?;
    Ok(found
        .into_iter()
        .map(|i| i as i64)
        .collect::<Vec<_>>()
        .into_pyarray(py))
}

/// binary_segmentation(x, **options)
/// --
///
/// Binary segmentation change points (ruptures.Binseg), stopping at the penalty or after
/// ``max_changes``.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (x, **options))]
fn binary_segmentation<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let options: drift::ChangePointOptions =
        convert::options("drift.binary_segmentation", options)?;
    let array = input::float_array(x, "x")?;
    let values = input::as_slice(&array);
    let found = crate::boundary::detach(py, || drift::binary_segmentation(values, &options))
        .map_err(errors::to_py)?;
    Ok(found
        .into_iter()
        .map(|i| i as i64)
        .collect::<Vec<_>>()
        .into_pyarray(py))
}

/// f1_score(annotations, predictions, margin=5)
/// --
///
/// TCPD F1 of predicted change points against one list per annotator.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (annotations, predictions, margin = 5))]
fn f1_score(annotations: Vec<Vec<usize>>, predictions: Vec<usize>, margin: usize) -> PyResult<f64> {
    Ok(drift::f1_score(&annotations, &predictions, margin))
}

/// covering(annotations, predictions, n)
/// --
///
/// TCPD covering of the predicted segmentation of a series of ``n`` values.
#[edgekit_macros::boundary]
#[pyfunction]
fn covering(annotations: Vec<Vec<usize>>, predictions: Vec<usize>, n: usize) -> PyResult<f64> {
    Ok(drift::covering(&annotations, &predictions, n))
}

detector_class!(
    PyBocpd,
    "BOCPD",
    drift::Bocpd,
    drift::BocpdOptions,
    "Bayesian online change-point detection (Adams & MacKay 2007).",
    {
        /// Posterior over the current run length (index = run length).
        #[getter]
        fn run_length_posterior<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
            self.0
                .lock()
                .run_length_posterior()
                .to_vec()
                .into_pyarray(py)
        }
    }
);

/// Sliding-window model-performance monitor (see ``edgekit.drift.PerformanceMonitor``).
#[pyclass(name = "PerformanceMonitor", module = "edgekit.drift", frozen)]
pub struct PyPerformanceMonitor(pub(crate) crate::boundary::Shared<drift::PerformanceMonitor>);

impl From<drift::PerformanceMonitor> for PyPerformanceMonitor {
    fn from(monitor: drift::PerformanceMonitor) -> Self {
        PyPerformanceMonitor(crate::boundary::Shared::new(monitor))
    }
}

#[edgekit_macros::boundary]
#[pymethods]
impl PyPerformanceMonitor {
    /// Options (``window``, ``time_window``, ``bins``, ``thresholds``) are core's
    /// `drift::MonitorOptions`.
    #[new]
    #[pyo3(signature = (**options))]
    fn new(options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let options: drift::MonitorOptions = convert::options("drift.PerformanceMonitor", options)?;
        drift::PerformanceMonitor::from_options(&options)
            .map(Self::from)
            .map_err(errors::to_py)
    }
    /// Adds pairs; returns the alerts they raised.
    #[pyo3(signature = (predictions, labels, times = None))]
    fn update_many<'py>(
        &self,
        py: Python<'py>,
        predictions: &Bound<'_, PyAny>,
        labels: &Bound<'_, PyAny>,
        times: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = input::float_array(predictions, "predictions")?;
        let y = input::float_array(labels, "labels")?;
        let t = times.map(|t| input::float_array(t, "times")).transpose()?;
        let (p, y) = (input::as_slice(&p), input::as_slice(&y));
        let t = t.as_ref().map(input::as_slice);
        let alerts = crate::boundary::detach(py, || self.0.lock().update_many(p, y, t))
            .map_err(errors::to_py)?;
        Ok(convert::records(py, "Alert", &alerts)?.into_any())
    }
    /// Adds one pair; returns the alerts it raised.
    #[pyo3(signature = (prediction, label, time = None))]
    fn update<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = crate::input::real)] prediction: f64,
        #[pyo3(from_py_with = crate::input::real)] label: f64,
        #[pyo3(from_py_with = crate::input::real_or_none)] time: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let times = time.map(|t| [t]);
        let alerts = self
            .0
            .lock()
            .update_many(&[prediction], &[label], times.as_ref().map(|t| &t[..]))
            .map_err(errors::to_py)?;
        Ok(convert::records(py, "Alert", &alerts)?.into_any())
    }
    /// Metrics of the pairs in the window.
    fn metrics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::record(py, "WindowMetrics", &self.0.lock().metrics())
    }
    fn set_baseline(&self) {
        self.0.lock().set_baseline();
    }
    /// Each metric of the window against the baseline (a test per metric).
    #[pyo3(signature = (alpha = drift::COMPARE_ALPHA))]
    fn compare<'py>(&self, py: Python<'py>, alpha: f64) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.0.lock().compare(alpha).map_err(errors::to_py)?;
        Ok(convert::records(py, "MetricComparison", &rows)?.into_any())
    }
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&*self.0.lock()).map_err(|e| errors::invalid_input(e.to_string()))
    }
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        serde_json::from_str::<drift::PerformanceMonitor>(text)
            .map(Self::from)
            .map_err(|e| {
                errors::invalid_input(format!("not a saved PerformanceMonitor state: {e}"))
            })
    }
}

pub fn register_more(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(mmd, module)?)?;
    module.add_function(wrap_pyfunction!(pelt, module)?)?;
    module.add_function(wrap_pyfunction!(binary_segmentation, module)?)?;
    module.add_function(wrap_pyfunction!(f1_score, module)?)?;
    module.add_function(wrap_pyfunction!(covering, module)?)?;
    module.add_class::<PyBocpd>()?;
    module.add_class::<PyPerformanceMonitor>()?;
    crate::metrics::register(module)?;
    crate::monitoring::register(module)?;
    crate::monitoring_models::register(module)?;
    crate::monitoring_multiclass::register(module)?;
    crate::monitoring_univariate::register(module)?;
    crate::monitoring_stream::register(module)?;
    crate::calibration::register(module)?;
    Ok(())
}
