//! The `edgekit._edgekit` extension module: type conversion and error mapping only.
//! All logic lives in the `edgekit` crate.

use pyo3::prelude::*;

mod abtest;
mod boundary;
mod drift;
mod errors;
mod games;
mod input;
mod lineup;
mod ltp;
mod patterns;
mod stats;
mod structure;

#[pymodule]
fn _edgekit(m: &Bound<'_, PyModule>) -> PyResult<()> {
    boundary::remember_origin();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    stats::register(m)?;
    abtest::register(m)?;
    drift::register(m)?;
    patterns::register(m)?;
    ltp::register(m)?;
    lineup::register(m)?;
    Ok(())
}
