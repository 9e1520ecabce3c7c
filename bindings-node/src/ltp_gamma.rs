//! `ltp` namespace, continued: LTP 2.0, the dashboard's gamma engine (`ltp-gamma-engine.ts`).
//! Contexts are read as numbers (NaN included: the engine compares it as JavaScript does);
//! `edgekit/ltp-gamma` wraps these with the dashboard's names.

use edgekit::ltp::{self, Direction, Ltp2Grade, MarketContext, ScoreHysteresisState};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, invalid_type, to_js};

/// What `calculateLtp2Score` reads (the dashboard's `MarketContext`).
#[napi(object, namespace = "ltp")]
pub struct GammaContext {
    pub current_price: f64,
    pub previous_close: f64,
    pub ema8: f64,
    pub ema21: f64,
    pub vwap: f64,
    pub call_wall: f64,
    pub put_wall: f64,
    pub zero_gamma: f64,
    pub gamma_exposure: f64,
    pub has_patience_candle: bool,
    #[napi(ts_type = "'bullish' | 'bearish'")]
    pub patience_direction: Option<String>,
    pub previous_high: Option<f64>,
    pub previous_low: Option<f64>,
    pub current_high: Option<f64>,
    pub current_low: Option<f64>,
}

/// The previous evaluation (`ScoreHysteresisState`).
#[napi(object, namespace = "ltp")]
pub struct GammaState {
    #[napi(ts_type = "'Sniper' | 'Decent' | 'Dumb Shit'")]
    pub previous_grade: Option<String>,
    pub previous_scores: Vec<f64>,
    pub candles_at_grade: f64,
}

fn context_of(c: GammaContext) -> JsResult<MarketContext> {
    let patience_direction = c
        .patience_direction
        .map(|d| d.parse::<Direction>())
        .transpose()
        .map_err(to_js)?;
    Ok(MarketContext {
        current_price: c.current_price,
        previous_close: c.previous_close,
        ema8: c.ema8,
        ema21: c.ema21,
        vwap: c.vwap,
        call_wall: c.call_wall,
        put_wall: c.put_wall,
        zero_gamma: c.zero_gamma,
        gamma_exposure: c.gamma_exposure,
        has_patience_candle: c.has_patience_candle,
        patience_direction,
        previous_high: c.previous_high,
        previous_low: c.previous_low,
        current_high: c.current_high,
        current_low: c.current_low,
    })
}

fn state_of(s: GammaState) -> JsResult<ScoreHysteresisState> {
    let previous_grade = match s.previous_grade.as_deref() {
        None => None,
        Some("Sniper") => Some(Ltp2Grade::Sniper),
        Some("Decent") => Some(Ltp2Grade::Decent),
        Some("Dumb Shit") => Some(Ltp2Grade::DumbShit),
        Some(other) => {
            return Err(invalid_type(format!(
                "hysteresisState.previousGrade {other:?} is unknown; expected \"Sniper\", \"Decent\", \"Dumb Shit\" or null"
            )));
        }
    };
    Ok(ScoreHysteresisState {
        previous_grade,
        previous_scores: s.previous_scores,
        candles_at_grade: s.candles_at_grade,
    })
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "calculateLtp2Score",
    namespace = "ltp",
    ts_return_type = "LTP2Score"
)]
pub fn calculate_ltp2_score(
    context: GammaContext,
    hysteresis_state: Option<GammaState>,
) -> std::result::Result<Plain, Error<Code>> {
    score(context, hysteresis_state)
}

fn score(context: GammaContext, state: Option<GammaState>) -> JsResult<Plain> {
    let context = context_of(context)?;
    let state = state.map(state_of).transpose()?;
    ltp::calculate_ltp2_score(&context, state.as_ref())
        .map(|s| Plain::verbatim(&s))
        .map_err(to_js)
}

/// `calculateLtp2Score` with the context's numbers packed in this order: current price,
/// previous close, EMA 8, EMA 21, VWAP, call wall, put wall, zero gamma, gamma exposure,
/// previous high, previous low, current high, current low (the last four read only when
/// `candleGiven`). The drop-in's path: reading fifteen named properties through N-API costs
/// more than the score.
#[edgekit_macros::boundary]
#[napi(
    js_name = "calculateLtp2ScorePacked",
    namespace = "ltp",
    ts_return_type = "LTP2Score"
)]
pub fn calculate_ltp2_score_packed(
    numbers: Float64Array,
    candle_given: bool,
    has_patience_candle: bool,
    patience_direction: Option<String>,
    hysteresis_state: Option<GammaState>,
) -> std::result::Result<Plain, Error<Code>> {
    let &[
        current_price,
        previous_close,
        ema8,
        ema21,
        vwap,
        call_wall,
        put_wall,
        zero_gamma,
        gamma_exposure,
        previous_high,
        previous_low,
        current_high,
        current_low,
    ] = &numbers[..]
    else {
        return Err(invalid_type("numbers must hold the context's 13 numbers"));
    };
    let candle = |x: f64| candle_given.then_some(x);
    score(
        GammaContext {
            current_price,
            previous_close,
            ema8,
            ema21,
            vwap,
            call_wall,
            put_wall,
            zero_gamma,
            gamma_exposure,
            has_patience_candle,
            patience_direction,
            previous_high: candle(previous_high),
            previous_low: candle(previous_low),
            current_high: candle(current_high),
            current_low: candle(current_low),
        },
        hysteresis_state,
    )
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "generateLtp2ScoreExplanation",
    namespace = "ltp",
    ts_args_type = "symbol: string, context: GammaContext, ltp2Result: LTP2Score, nowMs: number",
    ts_return_type = "LTP2ScoreExplanation"
)]
pub fn generate_ltp2_score_explanation(
    symbol: String,
    context: GammaContext,
    ltp2_result: Unknown<'_>,
    now_ms: f64,
) -> std::result::Result<Plain, Error<Code>> {
    let context = context_of(context)?;
    let result: ltp::Ltp2Score = crate::convert::required_verbatim(
        "ltp.generateLtp2ScoreExplanation",
        "ltp2Result",
        ltp2_result,
    )?;
    ltp::generate_ltp2_score_explanation(&symbol, &context, &result, now_ms)
        .map(|e| Plain::verbatim(&e))
        .map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "detectInsidePatienceCandle",
    namespace = "ltp",
    ts_return_type = "InsideCandle"
)]
pub fn detect_inside_patience_candle(
    previous_high: f64,
    previous_low: f64,
    current_high: f64,
    current_low: f64,
    current_close: f64,
    current_open: f64,
) -> std::result::Result<Plain, Error<Code>> {
    Ok(Plain::verbatim(&ltp::detect_inside_patience_candle(
        previous_high,
        previous_low,
        current_high,
        current_low,
        current_close,
        current_open,
    )))
}

#[edgekit_macros::boundary]
#[napi(js_name = "calculateGammaEma", namespace = "ltp")]
pub fn calculate_gamma_ema(
    prices: Float64Array,
    period: f64,
) -> std::result::Result<f64, Error<Code>> {
    ltp::calculate_gamma_ema(&prices, period).map_err(to_js)
}

/// `WEIGHTS`, `GRADE_THRESHOLDS` and `HYSTERESIS_BUFFER`, as core holds them.
#[edgekit_macros::boundary]
#[napi(
    js_name = "gammaConstants",
    namespace = "ltp",
    ts_return_type = "{ WEIGHTS: GammaWeights, GRADE_THRESHOLDS: GradeThresholds, HYSTERESIS_BUFFER: number }"
)]
pub fn gamma_constants() -> std::result::Result<Plain, Error<Code>> {
    #[derive(serde::Serialize)]
    #[allow(non_snake_case)]
    struct Constants {
        WEIGHTS: ltp::GammaWeights,
        GRADE_THRESHOLDS: ltp::GradeThresholds,
        HYSTERESIS_BUFFER: f64,
    }
    Ok(Plain::verbatim(&Constants {
        WEIGHTS: ltp::WEIGHTS,
        GRADE_THRESHOLDS: ltp::GRADE_THRESHOLDS,
        HYSTERESIS_BUFFER: ltp::HYSTERESIS_BUFFER,
    }))
}
