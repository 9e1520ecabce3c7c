//! `ltp` namespace, continued: the dashboard's chart helpers and score explanation
//! (`identifyKeyLevels`, `determineTrend`, `identifyPatienceCandles`,
//! `generateScoreExplanation`). `edgekit/ltp` wraps them for the dashboard's `Bar[]` objects.

use edgekit::ltp::{self, PatienceResult};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::errors::{Code, to_js};
use crate::ltp::{BarColumns, TrendInput, direction, finite_bars};

#[edgekit_macros::boundary]
#[napi(
    js_name = "identifyKeyLevels",
    namespace = "ltp",
    ts_return_type = "Array<IdentifiedLevel>"
)]
pub fn identify_key_levels(bars_: BarColumns) -> std::result::Result<Plain, Error<Code>> {
    Ok(Plain::verbatim(&ltp::identify_key_levels(finite_bars(
        &bars_, "bars",
    )?)))
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "determineTrend",
    namespace = "ltp",
    ts_return_type = "BarTrend | null"
)]
pub fn determine_trend(bars_: BarColumns) -> std::result::Result<Plain, Error<Code>> {
    Ok(Plain::verbatim(&ltp::determine_trend(finite_bars(
        &bars_, "bars",
    )?)))
}

/// The indices of the patience candles (the drop-in maps them back to the caller's bars).
#[edgekit_macros::boundary]
#[napi(js_name = "identifyPatienceCandles", namespace = "ltp")]
pub fn identify_patience_candles(bars_: BarColumns) -> std::result::Result<Vec<u32>, Error<Code>> {
    Ok(ltp::identify_patience_candles(finite_bars(&bars_, "bars")?)
        .into_iter()
        .map(|i| i as u32)
        .collect())
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "generateScoreExplanation",
    namespace = "ltp",
    ts_args_type = "symbol: string, direction: 'bullish' | 'bearish', currentPrice: number, levelResult: LevelResult, trendScore: number, patienceResult: Patience, mtfAnalyses: Array<TrendInput>, nowMs: number",
    ts_return_type = "ScoreExplanation"
)]
#[allow(clippy::too_many_arguments)] // the dashboard's own argument list, and the time
pub fn generate_score_explanation(
    symbol: String,
    direction_name: String,
    current_price: f64,
    level_result: Unknown<'_>,
    trend_score: f64,
    patience_result: Unknown<'_>,
    mtf_analyses: Vec<TrendInput>,
    now_ms: f64,
) -> std::result::Result<Plain, Error<Code>> {
    const FUNCTION: &str = "ltp.generateScoreExplanation";
    let level: ltp::LevelResult = crate::convert::required(FUNCTION, "levelResult", level_result)?;
    let patience: PatienceResult =
        crate::convert::required(FUNCTION, "patienceResult", patience_result)?;
    let analyses = crate::ltp::analyses_of(mtf_analyses)?;
    ltp::generate_score_explanation(
        &symbol,
        direction(&direction_name)?,
        current_price,
        &level,
        trend_score,
        patience,
        &analyses,
        now_ms,
    )
    .map(|e| Plain::verbatim(&e))
    .map_err(to_js)
}
