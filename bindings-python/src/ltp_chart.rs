//! `edgekit.ltp`, continued: the dashboard's chart helpers and score explanation
//! (`identify_key_levels`, `determine_trend`, `identify_patience_candles`,
//! `generate_score_explanation`). `edgekit/ltp.py` wraps them for any bar shape.

use edgekit::ltp::{self, LevelResult, MtfAnalysis, PatienceResult};
use pyo3::prelude::*;

use crate::ltp::{Columns, direction};
use crate::{convert, errors};

#[edgekit_macros::boundary]
#[pyfunction]
fn identify_key_levels<'py>(
    py: Python<'py>,
    bars: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let columns = Columns::extract(bars, "bars")?;
    let levels = ltp::identify_key_levels(columns.finite_bars("bars").map_err(errors::to_py)?);
    convert::plain(py, &levels)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn determine_trend<'py>(py: Python<'py>, bars: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let columns = Columns::extract(bars, "bars")?;
    let trend = ltp::determine_trend(columns.finite_bars("bars").map_err(errors::to_py)?);
    convert::plain(py, &trend)
}

/// The indices of the patience candles (the wrapper maps them back to the caller's bars).
#[edgekit_macros::boundary]
#[pyfunction]
fn identify_patience_candles(bars: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let columns = Columns::extract(bars, "bars")?;
    Ok(ltp::identify_patience_candles(
        columns.finite_bars("bars").map_err(errors::to_py)?,
    ))
}

#[edgekit_macros::boundary]
#[pyfunction]
#[allow(clippy::too_many_arguments)] // the dashboard's own argument list, and the time
fn generate_score_explanation<'py>(
    py: Python<'py>,
    symbol: &str,
    direction_name: &str,
    current_price: f64,
    level_result: &Bound<'py, PyAny>,
    trend_score: f64,
    patience_result: &Bound<'py, PyAny>,
    mtf_analyses: &Bound<'py, PyAny>,
    now_ms: f64,
) -> PyResult<Bound<'py, PyAny>> {
    const NAME: &str = "ltp.generate_score_explanation";
    let level: LevelResult = convert::argument(NAME, "level_result", level_result)?;
    let patience: PatienceResult = convert::argument(NAME, "patience_result", patience_result)?;
    let analyses: Vec<MtfAnalysis> = convert::argument(NAME, "mtf_analyses", mtf_analyses)?;
    let explanation = ltp::generate_score_explanation(
        symbol,
        direction(direction_name)?,
        current_price,
        &level,
        trend_score,
        patience,
        &analyses,
        now_ms,
    )
    .map_err(errors::to_py)?;
    convert::plain(py, &explanation)
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(identify_key_levels, module)?)?;
    module.add_function(wrap_pyfunction!(determine_trend, module)?)?;
    module.add_function(wrap_pyfunction!(identify_patience_candles, module)?)?;
    module.add_function(wrap_pyfunction!(generate_score_explanation, module)?)?;
    Ok(())
}
