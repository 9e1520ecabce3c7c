//! `edgekit.patterns`: candlestick patterns and bar indicators.

use edgekit::patterns::{self, Bars, CandleSettings};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors, input};

/// Candle settings: TA-Lib's with the caller's overrides (read by core).
fn candle_settings_arg(settings: Option<&Bound<'_, PyAny>>) -> PyResult<CandleSettings> {
    let Some(settings) = settings.filter(|s| !s.is_none()) else {
        return Ok(CandleSettings::default());
    };
    let overrides: patterns::CandleSettingOverrides =
        convert::argument("patterns.candles", "settings", settings)?;
    CandleSettings::with_overrides(&overrides).map_err(errors::to_py)
}

/// candles(open, high, low, close, patterns=None, settings=None)
/// --
///
/// TA-Lib's candlestick patterns bar for bar (TA-Lib's names without ``CDL``; all known
/// patterns when ``patterns`` is None). Returns a dict name → int32 numpy array of
/// +100/−100 (±80 for weaker engulfing/harami), 0 elsewhere. Runs in parallel without the GIL.
/// ``settings`` overrides TA-Lib's candle settings, e.g. ``{"body_doji": {"factor": 0.05}}``.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (open, high, low, close, patterns = None, settings = None))]
fn candles<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    patterns: Option<Vec<String>>,
    settings: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let settings = candle_settings_arg(settings)?;
    let columns = [
        input::float_array(open, "open")?,
        input::float_array(high, "high")?,
        input::float_array(low, "low")?,
        input::float_array(close, "close")?,
    ];
    let [o, h, l, c] = columns.each_ref().map(input::as_slice);
    let names: Option<Vec<&str>> = patterns
        .as_ref()
        .map(|p| p.iter().map(String::as_str).collect());
    let found = crate::boundary::detach(py, || {
        let bars = Bars::new(o, h, l, c, None)?;
        patterns::candles(bars, names.as_deref(), &settings)
    })
    .map_err(errors::to_py)?;
    let d = PyDict::new(py);
    for (name, signal) in found {
        d.set_item(name, signal.into_pyarray(py))?;
    }
    Ok(d)
}

/// candle_settings()
/// --
///
/// TA-Lib's default candle settings: {name: {"range_type", "avg_period", "factor"}}.
#[edgekit_macros::boundary]
#[pyfunction]
fn candle_settings(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    convert::plain(py, &CandleSettings::default())
}

/// candle_patterns()
/// --
///
/// The pattern names ``candles`` accepts.
#[edgekit_macros::boundary]
#[pyfunction]
fn candle_patterns() -> Vec<&'static str> {
    patterns::candle_patterns()
}

/// Reads one column and runs `f` on it without the GIL.
fn one_series<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    f: impl FnOnce(&[f64]) -> Result<Vec<f64>, patterns::PatternError> + Send,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let values = input::float_array(values, "values")?;
    let values = input::as_slice(&values);
    series(py, crate::boundary::detach(py, || f(values)))
}

fn series<'py>(
    py: Python<'py>,
    result: Result<Vec<f64>, patterns::PatternError>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    result.map(|v| v.into_pyarray(py)).map_err(errors::to_py)
}

/// sma(values, period)
/// --
///
/// Simple moving average (TA-Lib SMA); the first period − 1 values are NaN (warm-up).
#[edgekit_macros::boundary]
#[pyfunction]
fn sma<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    period: usize,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    one_series(py, values, |v| patterns::sma(v, period))
}

/// ema(values, period, *, seed="sma")
/// --
///
/// Exponential moving average, α = 2/(period+1): seed "sma" (TA-Lib EMA; warm-up NaN) or
/// "first" (pandas ewm(span=period, adjust=False)).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (values, period, **options))]
fn ema<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    period: usize,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let seed = convert::options::<patterns::EmaOptions>("patterns.ema", options)?.seed;
    one_series(py, values, |v| patterns::ema(v, period, seed))
}

/// atr(high, low, close, period=14)
/// --
///
/// Wilder's average true range (TA-Lib ATR); the first ``period`` values are NaN.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (high, low, close, period = patterns::WILDER_PERIOD))]
fn atr<'py>(
    py: Python<'py>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    period: usize,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let columns = [
        input::float_array(high, "high")?,
        input::float_array(low, "low")?,
        input::float_array(close, "close")?,
    ];
    let [h, l, c] = columns.each_ref().map(input::as_slice);
    series(
        py,
        crate::boundary::detach(py, || patterns::atr(h, l, c, period)),
    )
}

/// rsi(values, period=14)
/// --
///
/// Wilder's relative strength index (TA-Lib RSI); the first ``period`` values are NaN.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (values, period = patterns::WILDER_PERIOD))]
fn rsi<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    period: usize,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    one_series(py, values, |v| patterns::rsi(v, period))
}

/// highest(values, period)
/// --
///
/// Rolling maximum over the last ``period`` values (TA-Lib MAX).
#[edgekit_macros::boundary]
#[pyfunction]
fn highest<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    period: usize,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    one_series(py, values, |v| patterns::highest(v, period))
}

/// lowest(values, period)
/// --
///
/// Rolling minimum over the last ``period`` values (TA-Lib MIN).
#[edgekit_macros::boundary]
#[pyfunction]
fn lowest<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    period: usize,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    one_series(py, values, |v| patterns::lowest(v, period))
}

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "patterns")?;
    module.add_function(wrap_pyfunction!(candles, &module)?)?;
    module.add_function(wrap_pyfunction!(candle_patterns, &module)?)?;
    module.add_function(wrap_pyfunction!(candle_settings, &module)?)?;
    module.add_function(wrap_pyfunction!(sma, &module)?)?;
    module.add_function(wrap_pyfunction!(ema, &module)?)?;
    module.add_function(wrap_pyfunction!(atr, &module)?)?;
    module.add_function(wrap_pyfunction!(rsi, &module)?)?;
    module.add_function(wrap_pyfunction!(highest, &module)?)?;
    module.add_function(wrap_pyfunction!(lowest, &module)?)?;
    crate::structure::register(&module)?;
    crate::games::register(&module)?;
    parent.add_submodule(&module)?;
    Ok(())
}
