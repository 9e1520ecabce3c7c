//! `edgekit.ltp`, continued: LTP 2.0, the dashboard's gamma engine (`ltp-gamma-engine.ts`).
//! Contexts, states and results are dicts with the dashboard's camelCase keys, as core reads
//! and writes them.

use edgekit::ltp::{
    self, ChartData, CloudEmas, GammaLevels, Ltp2Score, MarketContext, PatienceFlag,
    ScoreHysteresisState,
};
use pyo3::prelude::*;

use crate::{convert, errors, input};

#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (context, hysteresis_state=None))]
fn calculate_ltp2_score<'py>(
    py: Python<'py>,
    context: &Bound<'py, PyAny>,
    hysteresis_state: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    const NAME: &str = "ltp.calculate_ltp2_score";
    let context: MarketContext = convert::argument(NAME, "context", context)?;
    let state: Option<ScoreHysteresisState> = hysteresis_state
        .map(|s| convert::argument(NAME, "hysteresis_state", s))
        .transpose()?;
    let score = ltp::calculate_ltp2_score(&context, state.as_ref()).map_err(errors::to_py)?;
    convert::plain(py, &score)
}

#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (chart_data, ema_data, vwap, gamma_data, patience_candle=None))]
fn create_market_context<'py>(
    py: Python<'py>,
    chart_data: &Bound<'py, PyAny>,
    ema_data: &Bound<'py, PyAny>,
    vwap: f64,
    gamma_data: &Bound<'py, PyAny>,
    patience_candle: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    const NAME: &str = "ltp.create_market_context";
    let chart: ChartData = convert::argument(NAME, "chart_data", chart_data)?;
    let gamma: GammaLevels = convert::argument(NAME, "gamma_data", gamma_data)?;
    let patience: Option<PatienceFlag> = patience_candle
        .map(|p| convert::argument(NAME, "patience_candle", p))
        .transpose()?;
    let emas: CloudEmas = convert::argument(NAME, "ema_data", ema_data)?;
    let context = ltp::create_market_context(&chart, &emas, vwap, &gamma, patience.as_ref());
    convert::plain(py, &context)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn generate_ltp2_score_explanation<'py>(
    py: Python<'py>,
    symbol: &str,
    context: &Bound<'py, PyAny>,
    ltp2_result: &Bound<'py, PyAny>,
    now_ms: f64,
) -> PyResult<Bound<'py, PyAny>> {
    const NAME: &str = "ltp.generate_ltp2_score_explanation";
    let context: MarketContext = convert::argument(NAME, "context", context)?;
    let result: Ltp2Score = convert::argument(NAME, "ltp2_result", ltp2_result)?;
    let explanation = ltp::generate_ltp2_score_explanation(symbol, &context, &result, now_ms)
        .map_err(errors::to_py)?;
    convert::plain(py, &explanation)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn detect_inside_patience_candle(
    py: Python<'_>,
    previous_high: f64,
    previous_low: f64,
    current_high: f64,
    current_low: f64,
    current_close: f64,
    current_open: f64,
) -> PyResult<Bound<'_, PyAny>> {
    let candle = ltp::detect_inside_patience_candle(
        previous_high,
        previous_low,
        current_high,
        current_low,
        current_close,
        current_open,
    );
    convert::plain(py, &candle)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn calculate_gamma_ema(prices: &Bound<'_, PyAny>, period: f64) -> PyResult<f64> {
    let prices = input::float_array(prices, "prices")?;
    ltp::calculate_gamma_ema(input::as_slice(&prices), period).map_err(errors::to_py)
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(calculate_ltp2_score, module)?)?;
    module.add_function(wrap_pyfunction!(create_market_context, module)?)?;
    module.add_function(wrap_pyfunction!(generate_ltp2_score_explanation, module)?)?;
    module.add_function(wrap_pyfunction!(detect_inside_patience_candle, module)?)?;
    module.add_function(wrap_pyfunction!(calculate_gamma_ema, module)?)?;
    let py = module.py();
    module.add("GAMMA_WEIGHTS", convert::plain(py, &ltp::WEIGHTS)?)?;
    module.add(
        "GRADE_THRESHOLDS",
        convert::plain(py, &ltp::GRADE_THRESHOLDS)?,
    )?;
    module.add("HYSTERESIS_BUFFER", ltp::HYSTERESIS_BUFFER)?;
    Ok(())
}
