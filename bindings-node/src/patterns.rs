//! Candlestick patterns and bar indicators.

use crate::input::{count_or, whole};
use std::collections::HashMap;

use edgekit::patterns::{self, Bars, CandleSettings, PatternError};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::work::{Async, work};

use crate::errors::{Code, JsResult, to_js};
use crate::input::{Values, float_values};

fn settings_arg(settings: Option<Unknown<'_>>) -> JsResult<CandleSettings> {
    let overrides: patterns::CandleSettingOverrides =
        crate::convert::argument("candles", "settings", settings)?;
    CandleSettings::with_overrides(&overrides).map_err(to_js)
}

/// TA-Lib's default candle settings.
#[edgekit_macros::boundary]
#[napi(ts_return_type = "CandleSettings")]
pub fn candle_settings() -> Plain {
    Plain::of(&CandleSettings::default())
}

fn run_candles(
    columns: &[Values; 4],
    names: Option<&[String]>,
    settings: &CandleSettings,
) -> std::result::Result<HashMap<String, Int32Array>, PatternError> {
    let [o, h, l, c] = columns;
    let bars = Bars::new(o, h, l, c, None)?;
    let names: Option<Vec<&str>> = names.map(|n| n.iter().map(String::as_str).collect());
    let found = patterns::candles(bars, names.as_deref(), settings)?;
    Ok(found
        .into_iter()
        .map(|(name, signal)| (name, Int32Array::from(signal)))
        .collect())
}

fn read_columns(columns: [Unknown<'_>; 4]) -> JsResult<[Values; 4]> {
    let [o, h, l, c] = columns;
    Ok([
        float_values(o, "open")?,
        float_values(h, "high")?,
        float_values(l, "low")?,
        float_values(c, "close")?,
    ])
}

/// TA-Lib's candlestick patterns bar for bar: name (without `CDL`) → Int32Array of
/// +100/−100 (±80 for weaker engulfing/harami), 0 elsewhere; all patterns when `patterns` is
/// omitted.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, patterns?: string[] | null, settings?: { [name: string]: Partial<CandleSetting> } | null",
    ts_return_type = "Record<string, Int32Array>"
)]
pub fn candles(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    patterns: Option<Vec<String>>,
    settings: Option<Unknown<'_>>,
) -> std::result::Result<HashMap<String, Int32Array>, Error<Code>> {
    let columns = read_columns([open, high, low, close])?;
    run_candles(&columns, patterns.as_deref(), &settings_arg(settings)?).map_err(to_js)
}

/// `candles` on the libuv thread pool (a Promise).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, patterns?: string[] | null, settings?: { [name: string]: Partial<CandleSetting> } | null",
    ts_return_type = "Promise<Record<string, Int32Array>>"
)]
pub fn candles_async(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    patterns: Option<Vec<String>>,
    settings: Option<Unknown<'_>>,
) -> std::result::Result<Async<PatternHits, PatternHits>, Error<Code>> {
    let columns = read_columns([open, high, low, close])?;
    let settings = settings_arg(settings)?;
    Ok(work(
        "candlesAsync",
        move || run_candles(&columns, patterns.as_deref(), &settings),
        Ok,
    ))
}

/// The pattern names `candles` accepts.
#[edgekit_macros::boundary]
#[napi]
pub fn candle_patterns() -> Vec<&'static str> {
    patterns::candle_patterns()
}

/// Each pattern's hits per bar (TA-Lib's 100 / -100 / 0).
type PatternHits = HashMap<String, Int32Array>;

fn series(result: std::result::Result<Vec<f64>, PatternError>) -> JsResult<Float64Array> {
    result.map(Float64Array::from).map_err(to_js)
}

/// Simple moving average (TA-Lib SMA); warm-up values are NaN.
#[edgekit_macros::boundary]
#[napi(ts_args_type = "values: Float64Array | ArrayLike<number> | ArrayBuffer, period: number")]
pub fn sma(values: Unknown<'_>, period: f64) -> std::result::Result<Float64Array, Error<Code>> {
    series(patterns::sma(
        &float_values(values, "values")?,
        whole(period, "period")? as usize,
    ))
}

/// Options for `ema`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values (EmaOptions)
pub struct EmaOptions {
    /// 'sma' (default, TA-Lib) or 'first' (pandas adjust=False).
    #[napi(ts_type = "'sma' | 'first'")]
    pub seed: Option<String>,
}

/// Exponential moving average, α = 2/(period + 1).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "values: Float64Array | ArrayLike<number> | ArrayBuffer, period: number, options?: EmaOptions"
)]
pub fn ema(
    values: Unknown<'_>,
    period: f64,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Float64Array, Error<Code>> {
    let seed = crate::convert::options::<patterns::EmaOptions>("ema", options)?.seed;
    series(patterns::ema(
        &float_values(values, "values")?,
        whole(period, "period")? as usize,
        seed,
    ))
}

/// Wilder's average true range (TA-Lib ATR); the first `period` values are NaN.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, period?: number"
)]
pub fn atr(
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    period: Option<f64>,
) -> std::result::Result<Float64Array, Error<Code>> {
    let (h, l, c) = (
        float_values(high, "high")?,
        float_values(low, "low")?,
        float_values(close, "close")?,
    );
    series(patterns::atr(
        &h,
        &l,
        &c,
        count_or(period, patterns::WILDER_PERIOD, "period")?,
    ))
}

/// Wilder's RSI (TA-Lib RSI); the first `period` values are NaN.
#[edgekit_macros::boundary]
#[napi(ts_args_type = "values: Float64Array | ArrayLike<number> | ArrayBuffer, period?: number")]
pub fn rsi(
    values: Unknown<'_>,
    period: Option<f64>,
) -> std::result::Result<Float64Array, Error<Code>> {
    series(patterns::rsi(
        &float_values(values, "values")?,
        count_or(period, patterns::WILDER_PERIOD, "period")?,
    ))
}

/// Rolling maximum over the last `period` values (TA-Lib MAX).
#[edgekit_macros::boundary]
#[napi(ts_args_type = "values: Float64Array | ArrayLike<number> | ArrayBuffer, period: number")]
pub fn highest(values: Unknown<'_>, period: f64) -> std::result::Result<Float64Array, Error<Code>> {
    series(patterns::highest(
        &float_values(values, "values")?,
        whole(period, "period")? as usize,
    ))
}

/// Rolling minimum over the last `period` values (TA-Lib MIN).
#[edgekit_macros::boundary]
#[napi(ts_args_type = "values: Float64Array | ArrayLike<number> | ArrayBuffer, period: number")]
pub fn lowest(values: Unknown<'_>, period: f64) -> std::result::Result<Float64Array, Error<Code>> {
    series(patterns::lowest(
        &float_values(values, "values")?,
        whole(period, "period")? as usize,
    ))
}
