//! `edgekit.ltp`, continued: the dashboard's swing-point levels (`swing-point-detector.ts`) on
//! columns; `edgekit/ltp.py` reads its bar and level shapes into them.

use edgekit::ltp::{self, SwingPoint, SwingPointConfig};
use pyo3::prelude::*;

use crate::{convert, errors, input};

#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (high, low, time, timeframe, config=None))]
fn detect_swing_points<'py>(
    py: Python<'py>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    time: &Bound<'py, PyAny>,
    timeframe: &str,
    config: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let config: SwingPointConfig = match config {
        Some(c) => convert::argument("ltp.detect_swing_points", "config", c)?,
        None => ltp::swing_config_for(timeframe),
    };
    let (high, low, time) = (
        input::float_array(high, "bars.high")?,
        input::float_array(low, "bars.low")?,
        input::float_array(time, "bars.time")?,
    );
    let levels = ltp::detect_swing_points(
        input::as_slice(&high),
        input::as_slice(&low),
        input::as_slice(&time),
        timeframe,
        &config,
    )
    .map_err(errors::to_py)?;
    convert::plain(py, &levels)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn count_touches_at_level(
    prices: &Bound<'_, PyAny>,
    level: f64,
    tolerance_pct: f64,
    start_index: f64,
) -> PyResult<usize> {
    let prices = input::float_array(prices, "bars")?;
    ltp::count_touches_at_level(input::as_slice(&prices), level, tolerance_pct, start_index)
        .map_err(errors::to_py)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn nearby_levels(
    prices: &Bound<'_, PyAny>,
    current_price: f64,
    max_distance_pct: f64,
) -> PyResult<Vec<usize>> {
    let prices = input::float_array(prices, "swings.price")?;
    Ok(ltp::nearby_levels(
        input::as_slice(&prices),
        current_price,
        max_distance_pct,
    ))
}

#[edgekit_macros::boundary]
#[pyfunction]
fn merge_mtf_levels<'py>(
    py: Python<'py>,
    levels_4h: &Bound<'py, PyAny>,
    levels_1h: &Bound<'py, PyAny>,
    tolerance_pct: f64,
) -> PyResult<Bound<'py, PyAny>> {
    const NAME: &str = "ltp.merge_mtf_levels";
    let four: Vec<SwingPoint> = convert::argument(NAME, "levels_4h", levels_4h)?;
    let one: Vec<SwingPoint> = convert::argument(NAME, "levels_1h", levels_1h)?;
    let merged = ltp::merge_mtf_levels(&four, &one, tolerance_pct).map_err(errors::to_py)?;
    convert::plain(py, &merged)
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(detect_swing_points, module)?)?;
    module.add_function(wrap_pyfunction!(count_touches_at_level, module)?)?;
    module.add_function(wrap_pyfunction!(nearby_levels, module)?)?;
    module.add_function(wrap_pyfunction!(merge_mtf_levels, module)?)?;
    let configs: std::collections::BTreeMap<&str, SwingPointConfig> =
        ltp::SWING_TIMEFRAME_CONFIGS.into_iter().collect();
    module.add(
        "SWING_TIMEFRAME_CONFIGS",
        convert::plain(module.py(), &configs)?,
    )?;
    Ok(())
}
