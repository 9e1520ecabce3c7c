//! Chart structure and timeframes: swings, trend, levels, gaps, inside and narrow-range bars,
//! resampling and the session VWAP.

use edgekit::patterns::{self, Bars, PatternError, Swing, SwingKind};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::{Plain, options_with_array};
use crate::errors::{Code, JsResult, to_js};
use crate::input::{Values, float_values};

fn ohlc(columns: [Unknown<'_>; 4]) -> JsResult<[Values; 4]> {
    let [o, h, l, c] = columns;
    Ok([
        float_values(o, "open")?,
        float_values(h, "high")?,
        float_values(l, "low")?,
        float_values(c, "close")?,
    ])
}

fn bars(c: &[Values; 4]) -> std::result::Result<Bars<'_>, PatternError> {
    Bars::new(&c[0], &c[1], &c[2], &c[3], None)
}

/// Options of `swings`, `trendStructure` and `levels` (defaults: core's `SwingOptions` and
/// `LevelOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct SwingOptions {
    /// 'fractal' (default) or 'zigzag'.
    #[napi(ts_type = "'fractal' | 'zigzag'")]
    pub method: Option<String>,
    /// Fractal bars before and after (default 2 each).
    pub left: Option<f64>,
    pub right: Option<f64>,
    /// Zigzag reversal as a fraction of price (default 0.05), or of `atr` when given.
    pub threshold: Option<f64>,
    pub atr: Option<Float64Array>,
    /// For `levels`: cluster width as a fraction of price (default 0.005) and minimum touches (2).
    pub tolerance: Option<f64>,
    pub min_touches: Option<f64>,
}

fn find_swings(function: &str, b: Bars, given: Option<Unknown<'_>>) -> JsResult<Vec<Swing>> {
    let (o, atr): (patterns::SwingOptions, _) = options_with_array(function, given, "atr")?;
    o.find(b, atr.as_deref()).map_err(to_js)
}

/// Swing points as columns.
#[napi(object)]
pub struct Swings {
    pub index: Vec<u32>,
    pub price: Vec<f64>,
    /// +1 swing high, −1 swing low.
    pub kind: Vec<i32>,
    pub confirmed_at: Vec<u32>,
}

/// Swing highs and lows: fractal (strict extreme among `left` bars before and `right` after)
/// or zigzag (reversal by `threshold` × price, or × `atr`).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, options?: SwingOptions"
)]
pub fn swings(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Swings, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let found = find_swings("swings", bars(&columns).map_err(to_js)?, options)?;
    Ok(Swings {
        index: found.iter().map(|s| s.index as u32).collect(),
        price: found.iter().map(|s| s.price).collect(),
        kind: found
            .iter()
            .map(|s| if s.kind == SwingKind::High { 1 } else { -1 })
            .collect(),
        confirmed_at: found.iter().map(|s| s.confirmed_at as u32).collect(),
    })
}

/// Trend per bar from swing structure: +1 after a close breaks the last confirmed swing high,
/// −1 after one breaks the last confirmed swing low, 0 before either.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, options?: SwingOptions"
)]
pub fn trend_structure(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Int32Array, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(to_js)?;
    let found = find_swings("trendStructure", b, options)?;
    let trend: Vec<i32> = patterns::trend_structure(b, &found)
        .into_iter()
        .map(|t| match t {
            patterns::Trend::Up => 1,
            patterns::Trend::Down => -1,
            patterns::Trend::Neutral => 0,
        })
        .collect();
    Ok(Int32Array::from(trend))
}

/// Support/resistance levels clustered from swing prices, strongest first.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, options?: SwingOptions",
    ts_return_type = "Array<Level>"
)]
pub fn levels(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let (o, atr): (patterns::LevelOptions, _) = options_with_array("levels", options, "atr")?;
    let found = o
        .swings()
        .find(bars(&columns).map_err(to_js)?, atr.as_deref())
        .map_err(to_js)?;
    patterns::levels(&found, o.tolerance, o.min_touches)
        .map(|l| Plain::of(&l))
        .map_err(to_js)
}

/// Three-bar imbalances, with the first later bar trading back into each.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer",
    ts_return_type = "Array<FairValueGap>"
)]
pub fn fair_value_gaps(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
) -> std::result::Result<Plain, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let gaps = patterns::fair_value_gaps(bars(&columns).map_err(to_js)?);
    Ok(Plain::of(&gaps))
}

/// `true` where a bar lies strictly inside the previous one.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer"
)]
pub fn inside_bars(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
) -> std::result::Result<Vec<bool>, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    Ok(patterns::inside_bars(bars(&columns).map_err(to_js)?))
}

/// `true` where a bar's range is strictly the narrowest of the last `n` (default 7).
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, n?: number"
)]
pub fn narrow_range(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    n: Option<f64>,
) -> std::result::Result<Vec<bool>, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let n = match n {
        Some(n) => crate::input::whole(n, "n")? as usize,
        None => patterns::NarrowRangeOptions::default().n,
    };
    patterns::narrow_range(bars(&columns).map_err(to_js)?, n).map_err(to_js)
}

/// Session settings for `resample` and `sessionVwap` (defaults: core's `ResampleOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct SessionOptions {
    /// e.g. '5m', '1h', '4h', '1d', '1w' (resample only; default '5m').
    pub timeframe: Option<String>,
    /// Session start in minutes after local midnight (default 0).
    pub session_start: Option<f64>,
    /// Local time minus UTC in minutes (default 0).
    pub utc_offset: Option<f64>,
}

fn seconds(values: &[f64]) -> JsResult<Vec<i64>> {
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            if v.is_finite() && v.fract() == 0.0 {
                Ok(v as i64)
            } else {
                Err(Error::new(
                    Code::INVALID_INPUT,
                    format!("timestamps[{i}] = {v} is not a whole number of seconds"),
                ))
            }
        })
        .collect()
}

/// Higher-timeframe bars.
#[napi(object)]
pub struct Resampled {
    pub timestamps: Vec<f64>,
    pub open: Float64Array,
    pub high: Float64Array,
    pub low: Float64Array,
    pub close: Float64Array,
    pub volume: Float64Array,
    pub first_index: Vec<u32>,
}

/// Bars of a higher timeframe, anchored at the session start in local time. Timestamps are
/// seconds since the epoch.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "timestamps: Float64Array | ArrayLike<number> | ArrayBuffer, open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, volume?: Float64Array | ArrayLike<number> | ArrayBuffer | null, options?: SessionOptions"
)]
pub fn resample(
    timestamps: Unknown<'_>,
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    volume: Option<Unknown<'_>>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Resampled, Error<Code>> {
    let options: patterns::ResampleOptions = crate::convert::options("resample", options)?;
    let t = seconds(&float_values(timestamps, "timestamps")?)?;
    let columns = ohlc([open, high, low, close])?;
    let given =
        |v: &Unknown<'_>| !matches!(v.get_type(), Ok(ValueType::Null) | Ok(ValueType::Undefined));
    let volume = match volume {
        Some(v) if given(&v) => Some(float_values(v, "volume")?),
        _ => None,
    };
    let b = Bars::new(
        &columns[0],
        &columns[1],
        &columns[2],
        &columns[3],
        volume.as_deref(),
    )
    .map_err(to_js)?;
    let r = patterns::resample(b, &t, options.timeframe, options.session()).map_err(to_js)?;
    Ok(Resampled {
        timestamps: r.timestamps.iter().map(|&t| t as f64).collect(),
        open: r.open.into(),
        high: r.high.into(),
        low: r.low.into(),
        close: r.close.into(),
        volume: r.volume.into(),
        first_index: r.first_index.iter().map(|&i| i as u32).collect(),
    })
}

/// VWAP of the typical price restarted each session; NaN only before a session's first volume.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "timestamps: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, volume: Float64Array | ArrayLike<number> | ArrayBuffer, options?: SessionOptions"
)]
pub fn session_vwap(
    timestamps: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    volume: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Float64Array, Error<Code>> {
    let options: patterns::SessionOptions = crate::convert::options("sessionVwap", options)?;
    let t = seconds(&float_values(timestamps, "timestamps")?)?;
    let (h, l, c, v) = (
        float_values(high, "high")?,
        float_values(low, "low")?,
        float_values(close, "close")?,
        float_values(volume, "volume")?,
    );
    let b = Bars::new(&c, &h, &l, &c, Some(&v)).map_err(to_js)?;
    patterns::session_vwap(b, &t, options.into())
        .map(Float64Array::from)
        .map_err(to_js)
}

/// Options for `chartPatterns` (defaults: core's `ChartOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ChartOptions {
    /// Zigzag reversal as a fraction of price (default 0.05), or of `atr` when given.
    pub threshold: Option<f64>,
    pub atr: Option<Float64Array>,
    /// How close "similar" prices must be (default 0.02).
    pub tolerance: Option<f64>,
}

/// Double tops/bottoms, head and shoulders (and inverse) and triangles from zigzag pivots.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, options?: ChartOptions",
    ts_return_type = "Array<ChartPattern>"
)]
pub fn chart_patterns(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(to_js)?;
    let (o, atr): (patterns::ChartOptions, _) =
        options_with_array("chartPatterns", options, "atr")?;
    let pivots = patterns::zigzag(b, o.threshold, atr.as_deref()).map_err(to_js)?;
    patterns::chart_patterns(b, &pivots, o.tolerance)
        .map(|found| Plain::of(&found))
        .map_err(to_js)
}

/// Options for `runsTest` (defaults: core's `RunsOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct RunsOptions {
    /// 'median' (default), 'mean', or a number.
    #[napi(ts_type = "'median' | 'mean' | number")]
    pub cutoff: Option<Either<String, f64>>,
    /// SAS continuity correction below 50 values (default true).
    pub correction: Option<bool>,
}

/// Wald-Wolfowitz runs test for streakiness above/below a cutoff.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "values: Float64Array | ArrayLike<number> | ArrayBuffer, options?: RunsOptions",
    ts_return_type = "RunsTest"
)]
pub fn runs_test(
    values: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let o: patterns::RunsOptions = crate::convert::options("runsTest", options)?;
    let values = float_values(values, "values")?;
    patterns::runs_test(&values, o.cutoff, o.correction)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}

/// Options for `breakouts` (defaults: core's `BreakoutOptions`).
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct BreakoutOptions {
    /// Retest band as a fraction of the level (default 0.002).
    pub tolerance: Option<f64>,
    /// Bars to wait for a retest (default 20).
    pub max_bars: Option<f64>,
}

/// Closes crossing each level, with the first retest and whether it held.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number> | ArrayBuffer, high: Float64Array | ArrayLike<number> | ArrayBuffer, low: Float64Array | ArrayLike<number> | ArrayBuffer, close: Float64Array | ArrayLike<number> | ArrayBuffer, levels: number[], options?: BreakoutOptions",
    ts_return_type = "Array<Breakout>"
)]
pub fn breakouts(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    levels: Vec<f64>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let o: patterns::BreakoutOptions = crate::convert::options("breakouts", options)?;
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(to_js)?;
    patterns::breakouts(b, &levels, o.tolerance, o.max_bars)
        .map(|found| Plain::of(&found))
        .map_err(to_js)
}

/// Options of `regimes`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct RegimeOptions {
    #[napi(ts_type = "'mean' | 'meanvar'")]
    pub model: Option<String>,
    pub penalty: Option<f64>,
    pub min_size: Option<f64>,
}

/// Regimes of a per-game series at the drift engine's PELT change points.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "values: Float64Array | ArrayLike<number> | ArrayBuffer, options?: RegimeOptions",
    ts_return_type = "Array<Regime>"
)]
pub fn regimes(
    values: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: edgekit::drift::PeltOptions = crate::convert::options("regimes", options)?;
    let options = edgekit::drift::ChangePointOptions::from(options);
    let values = float_values(values, "values")?;
    patterns::regimes(&values, &options)
        .map(|found| Plain::of(&found))
        .map_err(to_js)
}
