//! `ltp` namespace, continued: the dashboard's fair value gaps (`fvg-detector.ts`) on candle
//! columns. `edgekit/fvg` wraps them for its `Candle[]` objects and its detector object.

use edgekit::ltp::{self, CandleColumns, GapKind, GapStrength, GapSummary};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, invalid_type, to_js};

/// Candles as columns.
#[napi(object, namespace = "ltp")]
pub struct CandleColumnsInput {
    pub timestamp: Float64Array,
    pub open: Float64Array,
    pub high: Float64Array,
    pub low: Float64Array,
    pub close: Float64Array,
    pub volume: Float64Array,
}

#[derive(serde::Serialize)]
struct Detected {
    gaps: serde_json::Value,
    /// The formation candles' positions, three per gap.
    indices: Vec<usize>,
}

/// The gaps with their formation candles' positions (the drop-in puts the caller's own
/// candle objects there).
#[edgekit_macros::boundary]
#[napi(
    js_name = "detectFvgs",
    namespace = "ltp",
    ts_return_type = "{ gaps: Array<FairValueGap>, indices: Array<number> }"
)]
pub fn detect_fvgs(
    candles: CandleColumnsInput,
    timeframe: String,
    current_price: f64,
    min_gap_percent: f64,
) -> std::result::Result<Plain, Error<Code>> {
    let columns = CandleColumns {
        timestamp: &candles.timestamp,
        open: &candles.open,
        high: &candles.high,
        low: &candles.low,
        close: &candles.close,
        volume: &candles.volume,
    };
    let gaps =
        ltp::detect_fvgs(columns, &timeframe, current_price, min_gap_percent).map_err(to_js)?;
    let indices = gaps.iter().flat_map(|g| g.formation_indices).collect();
    // The drop-in puts the caller's own candles in `formationCandles`: send its place, not the
    // values (a third of the text).
    let mut values = serde_json::to_value(&gaps)
        .map_err(|e| crate::errors::internal("ltp.detectFvgs", &e.to_string()))?;
    if let serde_json::Value::Array(items) = &mut values {
        for gap in items {
            gap["formationCandles"] = serde_json::Value::Null;
        }
    }
    Ok(Plain::verbatim(&Detected {
        gaps: values,
        indices,
    }))
}

/// What the trading context reads of a gap.
#[napi(object, namespace = "ltp")]
pub struct GapInput {
    #[napi(js_name = "type", ts_type = "'bullish' | 'bearish'")]
    pub kind: String,
    pub top_price: f64,
    pub bottom_price: f64,
    pub mid_price: f64,
    #[napi(ts_type = "'strong' | 'medium' | 'weak'")]
    pub strength: String,
}

fn summary_of(i: usize, g: GapInput) -> JsResult<GapSummary> {
    let kind = match g.kind.as_str() {
        "bullish" => GapKind::Bullish,
        "bearish" => GapKind::Bearish,
        other => return Err(invalid_type(format!("fvgs[{i}].type {other:?} is unknown"))),
    };
    let strength = match g.strength.as_str() {
        "strong" => GapStrength::Strong,
        "medium" => GapStrength::Medium,
        "weak" => GapStrength::Weak,
        other => {
            return Err(invalid_type(format!(
                "fvgs[{i}].strength {other:?} is unknown"
            )));
        }
    };
    Ok(GapSummary {
        kind,
        top: g.top_price,
        bottom: g.bottom_price,
        mid: g.mid_price,
        strength,
    })
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Context {
    timestamp: String,
    below: Option<usize>,
    above: Option<usize>,
    trading_context: ltp::TradingContext,
}

/// The nearest gaps (positions in `fvgs`), the trading context and the timestamp.
#[edgekit_macros::boundary]
#[napi(
    js_name = "fvgTradingContext",
    namespace = "ltp",
    ts_return_type = "{ timestamp: string, below: number | null, above: number | null, tradingContext: TradingContext }"
)]
pub fn fvg_trading_context(
    symbol: String,
    current_price: f64,
    fvgs: Vec<GapInput>,
    now_ms: f64,
) -> std::result::Result<Plain, Error<Code>> {
    let timestamp = ltp::js_iso_timestamp(now_ms).ok_or_else(|| {
        to_js(ltp::LtpError::NotFinite {
            argument: "now".into(),
            value: now_ms,
        })
    })?;
    let summaries = fvgs
        .into_iter()
        .enumerate()
        .map(|(i, g)| summary_of(i, g))
        .collect::<JsResult<Vec<_>>>()?;
    let (below, above, trading_context) =
        ltp::fvg_trading_context(&symbol, current_price, &summaries);
    Ok(Plain::verbatim(&Context {
        timestamp,
        below,
        above,
        trading_context,
    }))
}

/// The five timeframes `getFullAnalysis` fetches.
#[edgekit_macros::boundary]
#[napi(
    js_name = "fvgTimeframes",
    namespace = "ltp",
    ts_return_type = "Array<{ key: string, multiplier: number, span: 'minute' | 'hour' | 'day', bars: number, minGapPercent: number }>"
)]
pub fn fvg_timeframes() -> std::result::Result<Plain, Error<Code>> {
    Ok(Plain::verbatim(&ltp::FVG_TIMEFRAMES))
}
