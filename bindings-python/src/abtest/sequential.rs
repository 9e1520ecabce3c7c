//! Sequential designs: group-sequential boundaries and the mixture SPRT.

use edgekit::abtest::{self, GroupSummary};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::{convert, errors, input};

/// group_sequential(information, z = None, **options)
/// --
///
/// Lan-DeMets group-sequential boundaries at the information fractions (increasing, in
/// (0, 1]) and the decision for the z statistics observed so far. Returns a dict: looks (a list
/// of dicts: information, boundary, nominal_alpha, cumulative_alpha, z, crossed), stopped_at
/// (0-based look or None) and decision ("reject", "continue" or "accept").
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (information, z = None, **options))]
pub(crate) fn group_sequential<'py>(
    py: Python<'py>,
    information: &Bound<'py, PyAny>,
    z: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let options: abtest::GroupSequentialOptions =
        convert::options("abtest.group_sequential", options)?;
    let information = input::float_array(information, "information")?;
    let z = match z {
        Some(z) => input::as_slice(&input::float_array(z, "z")?).to_vec(),
        None => Vec::new(),
    };
    let information = input::as_slice(&information).to_vec();
    let r = crate::boundary::detach(py, || abtest::group_sequential(&information, &z, &options))
        .map_err(errors::to_py)?;
    let looks = PyList::empty(py);
    for look in &r.looks {
        let d = PyDict::new(py);
        d.set_item("information", look.information)?;
        d.set_item("boundary", look.boundary)?;
        d.set_item("nominal_alpha", look.nominal_alpha)?;
        d.set_item("cumulative_alpha", look.cumulative_alpha)?;
        d.set_item("z", look.z)?;
        d.set_item("crossed", look.crossed)?;
        looks.append(d)?;
    }
    let d = PyDict::new(py);
    d.set_item("looks", looks)?;
    d.set_item("stopped_at", r.stopped_at)?;
    d.set_item("decision", r.decision)?;
    Ok(d)
}

/// msprt(a, b, **options)
/// --
///
/// Mixture SPRT (Johari et al. 2017) at one look from (n, mean, variance) summaries. Pass the
/// previous look's pvalue and ci to keep the running minimum and intersection.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (a, b, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn msprt(
    py: Python<'_>,
    a: (f64, f64, f64),
    b: (f64, f64, f64),
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let summary = |(n, mean, variance): (f64, f64, f64)| GroupSummary { n, mean, variance };
    let options: abtest::MsprtOptions = convert::options("abtest.msprt", options)?;
    abtest::msprt(&summary(a), &summary(b), &options)
        .map_err(errors::to_py)
        .and_then(|r| convert::result(py, "MsprtResult", &r))
}
