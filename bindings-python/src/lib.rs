//! The `edgekit._edgekit` extension module: type conversion and error mapping only.
//! All logic lives in the `edgekit` crate.

use pyo3::prelude::*;

mod abtest;
mod boundary;
mod calibration;
mod convert;
mod drift;
mod errors;
mod games;
mod input;
mod lineup;
mod ltp;
mod ltp_chart;
mod ltp_fvg;
mod ltp_gamma;
mod ltp_swings;
mod metrics;
mod monitoring;
mod monitoring_models;
mod monitoring_multiclass;
mod monitoring_stream;
mod monitoring_univariate;
mod patterns;
mod state;
mod stats;
mod structure;

/// Every contract's default options by function name (`drift.ks_2samp` → `{"method": ...}`):
/// what the stubs and docs must show; tests compare them.
#[pyfunction]
fn _option_defaults(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let defaults: serde_json::Map<String, serde_json::Value> = edgekit::contract::defaults()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    convert::plain(py, &defaults)
}

#[pymodule]
fn _edgekit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    boundary::remember_origin();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(_option_defaults, m)?)?;
    stats::register(m)?;
    abtest::register(m)?;
    drift::register(m)?;
    patterns::register(m)?;
    ltp::register(m)?;
    lineup::register(m)?;
    state::register(m)?;
    Ok(())
}
