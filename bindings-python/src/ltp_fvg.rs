//! `edgekit.ltp`, continued: the dashboard's fair value gaps (`fvg-detector.ts`) on candle
//! columns; `edgekit/ltp.py` reads its candle shapes into them.

use edgekit::ltp::{self, CandleColumns};
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;

use crate::{convert, errors, input};

type Columns<'py> = [PyReadonlyArray1<'py, f64>; 6];

fn columns<'py>(given: &Bound<'py, PyAny>, name: &str) -> PyResult<Columns<'py>> {
    let items: [Bound<'py, PyAny>; 6] = given.extract().map_err(|_| {
        errors::input_type(format!(
            "{name} must be (timestamp, open, high, low, close, volume) columns"
        ))
    })?;
    let names = ["timestamp", "open", "high", "low", "close", "volume"];
    let mut out = Vec::with_capacity(6);
    for (item, column) in items.iter().zip(names) {
        out.push(input::float_array(item, &format!("{name}.{column}"))?);
    }
    Ok(out
        .try_into()
        .unwrap_or_else(|_| unreachable!("six columns")))
}

fn view<'a>(c: &'a Columns<'_>) -> CandleColumns<'a> {
    let [timestamp, open, high, low, close, volume] = c;
    CandleColumns {
        timestamp: input::as_slice(timestamp),
        open: input::as_slice(open),
        high: input::as_slice(high),
        low: input::as_slice(low),
        close: input::as_slice(close),
        volume: input::as_slice(volume),
    }
}

#[edgekit_macros::boundary]
#[pyfunction]
fn detect_fvgs<'py>(
    py: Python<'py>,
    candles: &Bound<'py, PyAny>,
    timeframe: &str,
    current_price: f64,
    min_gap_percent: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let owned = columns(candles, "candles")?;
    let gaps = ltp::detect_fvgs(view(&owned), timeframe, current_price, min_gap_percent)
        .map_err(errors::to_py)?;
    convert::plain(py, &gaps)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn analyze_fvgs<'py>(
    py: Python<'py>,
    symbol: &str,
    current_price: f64,
    candles: Vec<Option<Bound<'py, PyAny>>>,
    now_ms: f64,
) -> PyResult<Bound<'py, PyAny>> {
    if candles.len() != ltp::FVG_TIMEFRAMES.len() {
        return Err(errors::input_type(
            "candles must hold one entry (or None) per timeframe: 5m, 15m, 1h, 4h, daily".into(),
        ));
    }
    let owned = candles
        .iter()
        .zip(ltp::FVG_TIMEFRAMES)
        .map(|(c, tf)| c.as_ref().map(|c| columns(c, tf.key)).transpose())
        .collect::<PyResult<Vec<_>>>()?;
    let views: [Option<CandleColumns>; 5] = std::array::from_fn(|k| owned[k].as_ref().map(view));
    let analysis =
        ltp::analyze_fvgs(symbol, current_price, views, now_ms).map_err(errors::to_py)?;
    convert::plain(py, &analysis)
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(detect_fvgs, module)?)?;
    module.add_function(wrap_pyfunction!(analyze_fvgs, module)?)?;
    module.add(
        "FVG_TIMEFRAMES",
        convert::plain(module.py(), &ltp::FVG_TIMEFRAMES)?,
    )?;
    Ok(())
}
