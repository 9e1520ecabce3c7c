//! `edgekit.patterns` chart structure and timeframes: swings, trend, levels, gaps, inside and
//! narrow-range bars, resampling and the session VWAP.

use edgekit::patterns::{self, Bars, PatternError, Swing, SwingKind};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::de::DeserializeOwned;

use crate::{convert, errors, input};

type Columns<'py> = [numpy::PyReadonlyArray1<'py, f64>; 4];

fn ohlc<'py>(columns: [&Bound<'py, PyAny>; 4]) -> PyResult<Columns<'py>> {
    Ok([
        input::float_array(columns[0], "open")?,
        input::float_array(columns[1], "high")?,
        input::float_array(columns[2], "low")?,
        input::float_array(columns[3], "close")?,
    ])
}

fn bars<'a>(c: &'a Columns<'_>) -> Result<Bars<'a>, PatternError> {
    Bars::new(
        input::as_slice(&c[0]),
        input::as_slice(&c[1]),
        input::as_slice(&c[2]),
        input::as_slice(&c[3]),
        None,
    )
}

/// Core's options of `function` and the ATR series that may come with them (an array, so it
/// is read in place instead of through the options' JSON).
fn with_atr<'py, T: DeserializeOwned>(
    function: &str,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(T, Option<numpy::PyReadonlyArray1<'py, f64>>)> {
    let mut atr = None;
    if let Some(given) = options
        && let Some(found) = given.get_item("atr")?
    {
        given.del_item("atr")?;
        if !found.is_none() {
            atr = Some(input::float_array(&found, "atr")?);
        }
    }
    Ok((convert::options(function, options)?, atr))
}

fn swing_dict<'py>(py: Python<'py>, swings: &[Swing]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(
        "index",
        swings
            .iter()
            .map(|s| s.index as i64)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    d.set_item(
        "price",
        swings
            .iter()
            .map(|s| s.price)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    let kind: Vec<i8> = swings
        .iter()
        .map(|s| if s.kind == SwingKind::High { 1 } else { -1 })
        .collect();
    d.set_item("kind", kind.into_pyarray(py))?;
    d.set_item(
        "confirmed_at",
        swings
            .iter()
            .map(|s| s.confirmed_at as i64)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    Ok(d)
}

/// swings(open, high, low, close, *, method="fractal", left=2, right=2, threshold=0.05, atr=None)
/// --
///
/// Swing highs and lows: "fractal" (strict extreme among ``left`` bars before and ``right``
/// after) or "zigzag" (reversal by ``threshold`` × price, or × ``atr`` when given). Returns a
/// dict of arrays: index, price, kind (+1 high, −1 low), confirmed_at.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (open, high, low, close, **options))]
fn swings<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (o, atr): (patterns::SwingOptions, _) = with_atr("patterns.swings", options)?;
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(errors::to_py)?;
    let atr = atr.as_ref().map(input::as_slice);
    let found = crate::boundary::detach(py, || o.find(b, atr)).map_err(errors::to_py)?;
    swing_dict(py, &found)
}

/// trend_structure(open, high, low, close, *, method="fractal", left=2, right=2, threshold=0.05, atr=None)
/// --
///
/// Trend per bar from swing structure: +1 after a close breaks above the last confirmed swing
/// high, −1 after one breaks below the last confirmed swing low, 0 before either (int8 array).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (open, high, low, close, **options))]
fn trend_structure<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyArray1<i8>>> {
    let (o, atr): (patterns::SwingOptions, _) = with_atr("patterns.trend_structure", options)?;
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(errors::to_py)?;
    let found = o
        .find(b, atr.as_ref().map(input::as_slice))
        .map_err(errors::to_py)?;
    let trend: Vec<i8> = patterns::trend_structure(b, &found)
        .into_iter()
        .map(|t| match t {
            patterns::Trend::Up => 1,
            patterns::Trend::Down => -1,
            patterns::Trend::Neutral => 0,
        })
        .collect();
    Ok(trend.into_pyarray(py))
}

/// levels(open, high, low, close, *, method="fractal", left=2, right=2, threshold=0.05, tolerance=0.005, min_touches=2, atr=None)
/// --
///
/// Support/resistance levels clustered from swing prices within ``tolerance`` (fraction of
/// price). Returns a list of dicts (price, touches, highs, lows, first_index, last_index,
/// strength 0-100), strongest first.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (open, high, low, close, **options))]
fn levels<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let (o, atr): (patterns::LevelOptions, _) = with_atr("patterns.levels", options)?;
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(errors::to_py)?;
    let atr = atr.as_ref().map(input::as_slice);
    let found = crate::boundary::detach(py, || {
        let swings = o.swings().find(b, atr)?;
        patterns::levels(&swings, o.tolerance, o.min_touches)
    })
    .map_err(errors::to_py)?;
    convert::records(py, "Level", &found)
}

/// fair_value_gaps(open, high, low, close)
/// --
///
/// Three-bar imbalances: list of dicts (index of the middle bar, bullish, bottom, top,
/// filled_at: first later bar trading back into the gap, or None).
#[edgekit_macros::boundary]
#[pyfunction]
fn fair_value_gaps<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(errors::to_py)?;
    convert::records(py, "FairValueGap", &patterns::fair_value_gaps(b))
}

/// inside_bars(open, high, low, close)
/// --
///
/// Boolean array: the bar's range lies strictly inside the previous bar's.
#[edgekit_macros::boundary]
#[pyfunction]
fn inside_bars<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyArray1<bool>>> {
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(errors::to_py)?;
    Ok(patterns::inside_bars(b).into_pyarray(py))
}

/// narrow_range(open, high, low, close, n=7)
/// --
///
/// Boolean array: the bar's range is strictly the narrowest of the last ``n`` (NR4, NR7).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (open, high, low, close, n = patterns::NarrowRangeOptions::default().n))]
fn narrow_range<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    n: usize,
) -> PyResult<Bound<'py, PyArray1<bool>>> {
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(errors::to_py)?;
    patterns::narrow_range(b, n)
        .map(|v| v.into_pyarray(py))
        .map_err(errors::to_py)
}

/// _resample(timestamps, open, high, low, close, volume=None, **options)
/// --
///
/// See ``edgekit.patterns.resample``.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (timestamps, open, high, low, close, volume = None, **options))]
#[allow(clippy::too_many_arguments)]
fn _resample<'py>(
    py: Python<'py>,
    timestamps: &Bound<'py, PyAny>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    volume: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let options: patterns::ResampleOptions = convert::options("patterns.resample", options)?;
    let times = input::count_array(timestamps, "timestamps")?;
    let columns = ohlc([open, high, low, close])?;
    let volume = volume
        .map(|v| input::float_array(v, "volume"))
        .transpose()?;
    let (timeframe, session) = (options.timeframe, options.session());
    let [o, h, l, c] = columns.each_ref().map(input::as_slice);
    let v = volume.as_ref().map(input::as_slice);
    let t = times.as_slice();
    let r = crate::boundary::detach(py, || {
        let b = Bars::new(o, h, l, c, v)?;
        patterns::resample(b, t, timeframe, session)
    })
    .map_err(errors::to_py)?;
    let d = PyDict::new(py);
    d.set_item("timestamps", r.timestamps.into_pyarray(py))?;
    d.set_item("open", r.open.into_pyarray(py))?;
    d.set_item("high", r.high.into_pyarray(py))?;
    d.set_item("low", r.low.into_pyarray(py))?;
    d.set_item("close", r.close.into_pyarray(py))?;
    d.set_item("volume", r.volume.into_pyarray(py))?;
    let first: Vec<i64> = r.first_index.iter().map(|&i| i as i64).collect();
    d.set_item("first_index", first.into_pyarray(py))?;
    Ok(d)
}

/// _session_vwap(timestamps, high, low, close, volume, **options)
/// --
///
/// See ``edgekit.patterns.session_vwap``.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (timestamps, high, low, close, volume, **options))]
fn _session_vwap<'py>(
    py: Python<'py>,
    timestamps: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    volume: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let options: patterns::SessionOptions = convert::options("patterns.session_vwap", options)?;
    let times = input::count_array(timestamps, "timestamps")?;
    let (h, l, c, v) = (
        input::float_array(high, "high")?,
        input::float_array(low, "low")?,
        input::float_array(close, "close")?,
        input::float_array(volume, "volume")?,
    );
    let session = options.into();
    let (h, l, c, v) = (
        input::as_slice(&h),
        input::as_slice(&l),
        input::as_slice(&c),
        input::as_slice(&v),
    );
    let t = times.as_slice();
    crate::boundary::detach(py, || {
        // The open does not enter the VWAP; the close stands in for it in validation.
        let b = Bars::new(c, h, l, c, Some(v))?;
        patterns::session_vwap(b, t, session)
    })
    .map(|v| v.into_pyarray(py))
    .map_err(errors::to_py)
}

/// chart_patterns(open, high, low, close, *, threshold=0.05, atr=None, tolerance=0.02)
/// --
///
/// Double tops/bottoms, head and shoulders (and inverse) and triangles from zigzag pivots
/// (reversal ``threshold`` × price, or × ``atr``). Returns a list of dicts: kind, pivots,
/// neckline, target, confirmed_at (first close through the neckline, or None).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (open, high, low, close, **options))]
fn chart_patterns<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let (o, atr): (patterns::ChartOptions, _) = with_atr("patterns.chart_patterns", options)?;
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(errors::to_py)?;
    let atr = atr.as_ref().map(input::as_slice);
    let found = crate::boundary::detach(py, || {
        let pivots = patterns::zigzag(b, o.threshold, atr)?;
        patterns::chart_patterns(b, &pivots, o.tolerance)
    })
    .map_err(errors::to_py)?;
    convert::records(py, "ChartPattern", &found)
}

/// regimes(values, **options)
/// --
///
/// Regimes of a per-game series at the drift engine's PELT change points: a list of dicts
/// {start, end, mean, std} (``model="meanvar"`` also splits on changes in spread).
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (values, **options))]
fn regimes<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let options: edgekit::drift::PeltOptions = convert::options("patterns.regimes", options)?;
    let options = edgekit::drift::ChangePointOptions::from(options);
    let values = input::float_array(values, "values")?;
    let values = input::as_slice(&values);
    let found = crate::boundary::detach(py, || patterns::regimes(values, &options))
        .map_err(errors::to_py)?;
    convert::records(py, "Regime", &found)
}

/// runs_test(values, *, cutoff="median", correction=True)
/// --
///
/// Wald-Wolfowitz runs test for streakiness above/below ``cutoff`` ("median", "mean" or a
/// number). Returns a dict: runs, expected, above, below, z (negative: streaky), pvalue.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (values, **options))]
fn runs_test<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let o: patterns::RunsOptions = convert::options("patterns.runs_test", options)?;
    let values = input::float_array(values, "values")?;
    let r = patterns::runs_test(input::as_slice(&values), o.cutoff, o.correction)
        .map_err(errors::to_py)?;
    convert::record(py, "RunsTest", &r)
}

/// breakouts(open, high, low, close, levels, *, tolerance=0.002, max_bars=20)
/// --
///
/// Closes crossing each level, with the first retest within ``max_bars`` (a bar trading back
/// to the level within ``tolerance`` × level) and whether it held. List of dicts: level,
/// index, up, retest_at, held.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (open, high, low, close, levels, **options))]
fn breakouts<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    high: &Bound<'py, PyAny>,
    low: &Bound<'py, PyAny>,
    close: &Bound<'py, PyAny>,
    levels: Vec<f64>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let o: patterns::BreakoutOptions = convert::options("patterns.breakouts", options)?;
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(errors::to_py)?;
    let found = patterns::breakouts(b, &levels, o.tolerance, o.max_bars).map_err(errors::to_py)?;
    convert::records(py, "Breakout", &found)
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(breakouts, module)?)?;
    module.add_function(wrap_pyfunction!(chart_patterns, module)?)?;
    module.add_function(wrap_pyfunction!(runs_test, module)?)?;
    module.add_function(wrap_pyfunction!(regimes, module)?)?;
    module.add_function(wrap_pyfunction!(swings, module)?)?;
    module.add_function(wrap_pyfunction!(trend_structure, module)?)?;
    module.add_function(wrap_pyfunction!(levels, module)?)?;
    module.add_function(wrap_pyfunction!(fair_value_gaps, module)?)?;
    module.add_function(wrap_pyfunction!(inside_bars, module)?)?;
    module.add_function(wrap_pyfunction!(narrow_range, module)?)?;
    module.add_function(wrap_pyfunction!(_resample, module)?)?;
    module.add_function(wrap_pyfunction!(_session_vwap, module)?)?;
    Ok(())
}
