//! Chart structure and timeframes: swings, trend, levels, gaps, inside and narrow-range bars,
//! resampling and the session VWAP.

use crate::input::{count_or, integer};
use edgekit::patterns::{self, Bars, PatternError, Session, Swing, SwingKind, Timeframe};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::abtest::Nullable;
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

/// Options for the swing-based functions.
#[napi(object)]
pub struct SwingOptions {
    /// 'fractal' (default) or 'zigzag'.
    #[napi(ts_type = "'fractal' | 'zigzag'")]
    pub method: Option<String>,
    /// Fractal bars before and after (default 2 each).
    pub left: Option<f64>,
    pub right: Option<f64>,
    /// Zigzag reversal as a fraction of price (default 0.05), or of `atr` when given.
    pub threshold: Option<f64>,
    pub atr: Option<Vec<f64>>,
    /// For `levels`: cluster width as a fraction of price (default 0.005) and minimum touches (2).
    pub tolerance: Option<f64>,
    pub min_touches: Option<f64>,
}

fn find_swings(b: Bars, o: &Option<SwingOptions>) -> JsResult<Vec<Swing>> {
    let method = o.as_ref().and_then(|o| o.method.clone());
    let left = count_or(o.as_ref().and_then(|o| o.left), 2, "left")?;
    let right = count_or(o.as_ref().and_then(|o| o.right), 2, "right")?;
    let threshold = o.as_ref().and_then(|o| o.threshold).unwrap_or(0.05);
    let atr = o.as_ref().and_then(|o| o.atr.as_deref());
    match method.as_deref() {
        None | Some("fractal") => patterns::fractal_swings(b, left, right).map_err(to_js),
        Some("zigzag") => patterns::zigzag(b, threshold, atr).map_err(to_js),
        Some(other) => Err(Error::new(
            Code::INVALID_INPUT,
            format!("method {other:?} is unknown; expected \"fractal\" or \"zigzag\""),
        )),
    }
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
    ts_args_type = "open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>, options?: SwingOptions"
)]
pub fn swings(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    options: Option<SwingOptions>,
) -> std::result::Result<Swings, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let found = find_swings(bars(&columns).map_err(to_js)?, &options)?;
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
    ts_args_type = "open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>, options?: SwingOptions"
)]
pub fn trend_structure(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    options: Option<SwingOptions>,
) -> std::result::Result<Int32Array, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(to_js)?;
    let found = find_swings(b, &options)?;
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

/// A support/resistance level.
#[napi(object)]
pub struct Level {
    pub price: f64,
    pub touches: u32,
    pub highs: u32,
    pub lows: u32,
    pub first_index: u32,
    pub last_index: u32,
    pub strength: f64,
}

/// Support/resistance levels clustered from swing prices, strongest first.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>, options?: SwingOptions"
)]
pub fn levels(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    options: Option<SwingOptions>,
) -> std::result::Result<Vec<Level>, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let found = find_swings(bars(&columns).map_err(to_js)?, &options)?;
    let tolerance = options.as_ref().and_then(|o| o.tolerance).unwrap_or(0.005);
    let min_touches = count_or(
        options.as_ref().and_then(|o| o.min_touches),
        2,
        "minTouches",
    )?;
    Ok(patterns::levels(&found, tolerance, min_touches)
        .map_err(to_js)?
        .into_iter()
        .map(|l| Level {
            price: l.price,
            touches: l.touches as u32,
            highs: l.highs as u32,
            lows: l.lows as u32,
            first_index: l.first_index as u32,
            last_index: l.last_index as u32,
            strength: l.strength,
        })
        .collect())
}

/// A fair value gap.
#[napi(object)]
pub struct FairValueGap {
    pub index: u32,
    pub bullish: bool,
    pub bottom: f64,
    pub top: f64,
    #[napi(ts_type = "number | null")]
    pub filled_at: Nullable,
}

/// Three-bar imbalances, with the first later bar trading back into each.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>"
)]
pub fn fair_value_gaps(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
) -> std::result::Result<Vec<FairValueGap>, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    Ok(patterns::fair_value_gaps(bars(&columns).map_err(to_js)?)
        .into_iter()
        .map(|g| FairValueGap {
            index: g.index as u32,
            bullish: g.bullish,
            bottom: g.bottom,
            top: g.top,
            filled_at: crate::abtest::nullable(g.filled_at.map(|i| i as f64)),
        })
        .collect())
}

/// `true` where a bar lies strictly inside the previous one.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>"
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
    ts_args_type = "open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>, n?: number"
)]
pub fn narrow_range(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    n: Option<f64>,
) -> std::result::Result<Vec<bool>, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    patterns::narrow_range(bars(&columns).map_err(to_js)?, count_or(n, 7, "n")?).map_err(to_js)
}

/// Session settings for `resample` and `sessionVwap`.
#[napi(object)]
pub struct SessionOptions {
    /// e.g. '5m', '1h', '4h', '1d', '1w' (resample only; default '5m').
    pub timeframe: Option<String>,
    /// Session start in minutes after local midnight (default 0).
    pub session_start: Option<f64>,
    /// Local time minus UTC in minutes (default 0).
    pub utc_offset: Option<f64>,
}

fn session(o: &Option<SessionOptions>) -> JsResult<Session> {
    Ok(Session {
        start_minute: o
            .as_ref()
            .and_then(|o| o.session_start)
            .map_or(Ok(0), |v| integer(v, i64::MIN + 1, "sessionStart"))?,
        utc_offset_minutes: o
            .as_ref()
            .and_then(|o| o.utc_offset)
            .map_or(Ok(0), |v| integer(v, i64::MIN + 1, "utcOffset"))?,
    })
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
    ts_args_type = "timestamps: Float64Array | ArrayLike<number>, open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>, volume?: Float64Array | ArrayLike<number> | null, options?: SessionOptions"
)]
pub fn resample(
    timestamps: Unknown<'_>,
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    volume: Option<Unknown<'_>>,
    options: Option<SessionOptions>,
) -> std::result::Result<Resampled, Error<Code>> {
    let t = seconds(&float_values(timestamps, "timestamps")?)?;
    let columns = ohlc([open, high, low, close])?;
    let given =
        |v: &Unknown<'_>| !matches!(v.get_type(), Ok(ValueType::Null) | Ok(ValueType::Undefined));
    let volume = match volume {
        Some(v) if given(&v) => Some(float_values(v, "volume")?),
        _ => None,
    };
    let timeframe: Timeframe = options
        .as_ref()
        .and_then(|o| o.timeframe.clone())
        .unwrap_or_else(|| "5m".to_owned())
        .parse()
        .map_err(to_js)?;
    let b = Bars::new(
        &columns[0],
        &columns[1],
        &columns[2],
        &columns[3],
        volume.as_deref(),
    )
    .map_err(to_js)?;
    let r = patterns::resample(b, &t, timeframe, session(&options)?).map_err(to_js)?;
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
    ts_args_type = "timestamps: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>, volume: Float64Array | ArrayLike<number>, options?: SessionOptions"
)]
pub fn session_vwap(
    timestamps: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    volume: Unknown<'_>,
    options: Option<SessionOptions>,
) -> std::result::Result<Float64Array, Error<Code>> {
    let t = seconds(&float_values(timestamps, "timestamps")?)?;
    let (h, l, c, v) = (
        float_values(high, "high")?,
        float_values(low, "low")?,
        float_values(close, "close")?,
        float_values(volume, "volume")?,
    );
    let b = Bars::new(&c, &h, &l, &c, Some(&v)).map_err(to_js)?;
    patterns::session_vwap(b, &t, session(&options)?)
        .map(Float64Array::from)
        .map_err(to_js)
}

/// A chart pattern.
#[napi(object)]
pub struct ChartPatternJs {
    #[napi(
        ts_type = "'double_top' | 'double_bottom' | 'head_and_shoulders' | 'inverse_head_and_shoulders' | 'ascending_triangle' | 'descending_triangle' | 'symmetric_triangle'"
    )]
    pub kind: String,
    pub pivots: Vec<u32>,
    pub neckline: f64,
    pub target: f64,
    #[napi(ts_type = "number | null")]
    pub confirmed_at: Nullable,
}

/// Options for `chartPatterns`.
#[napi(object)]
pub struct ChartOptions {
    /// Zigzag reversal as a fraction of price (default 0.05), or of `atr` when given.
    pub threshold: Option<f64>,
    pub atr: Option<Vec<f64>>,
    /// How close "similar" prices must be (default 0.02).
    pub tolerance: Option<f64>,
}

/// Double tops/bottoms, head and shoulders (and inverse) and triangles from zigzag pivots.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>, options?: ChartOptions"
)]
pub fn chart_patterns(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    options: Option<ChartOptions>,
) -> std::result::Result<Vec<ChartPatternJs>, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(to_js)?;
    let threshold = options.as_ref().and_then(|o| o.threshold).unwrap_or(0.05);
    let tolerance = options.as_ref().and_then(|o| o.tolerance).unwrap_or(0.02);
    let atr = options.as_ref().and_then(|o| o.atr.as_deref());
    let pivots = patterns::zigzag(b, threshold, atr).map_err(to_js)?;
    Ok(patterns::chart_patterns(b, &pivots, tolerance)
        .map_err(to_js)?
        .into_iter()
        .map(|p| ChartPatternJs {
            kind: p.kind.as_str().to_owned(),
            pivots: p.pivots.iter().map(|&i| i as u32).collect(),
            neckline: p.neckline,
            target: p.target,
            confirmed_at: crate::abtest::nullable(p.confirmed_at.map(|i| i as f64)),
        })
        .collect())
}

/// A runs test.
#[napi(object)]
pub struct RunsTestJs {
    pub runs: u32,
    pub expected: f64,
    pub above: u32,
    pub below: u32,
    pub z: f64,
    pub pvalue: f64,
}

/// Options for `runsTest`.
#[napi(object)]
pub struct RunsOptions {
    /// 'median' (default), 'mean', or a number.
    #[napi(ts_type = "'median' | 'mean' | number")]
    pub cutoff: Option<Either<String, f64>>,
    /// SAS continuity correction below 50 values (default true).
    pub correction: Option<bool>,
}

/// Wald-Wolfowitz runs test for streakiness above/below a cutoff.
#[edgekit_macros::boundary]
#[napi(ts_args_type = "values: Float64Array | ArrayLike<number>, options?: RunsOptions")]
pub fn runs_test(
    values: Unknown<'_>,
    options: Option<RunsOptions>,
) -> std::result::Result<RunsTestJs, Error<Code>> {
    let (cutoff, correction) = match options {
        None => (None, true),
        Some(o) => (o.cutoff, o.correction.unwrap_or(true)),
    };
    let cutoff = match cutoff {
        None => patterns::Cutoff::Median,
        Some(Either::A(text)) if text == "median" => patterns::Cutoff::Median,
        Some(Either::A(text)) if text == "mean" => patterns::Cutoff::Mean,
        Some(Either::A(text)) => {
            return Err(Error::new(
                Code::INVALID_INPUT,
                format!("cutoff {text:?} is unknown; expected \"median\", \"mean\" or a number"),
            ));
        }
        Some(Either::B(v)) => patterns::Cutoff::Value(v),
    };
    let values = float_values(values, "values")?;
    patterns::runs_test(&values, cutoff, correction)
        .map(|r| RunsTestJs {
            runs: r.runs as u32,
            expected: r.expected,
            above: r.above as u32,
            below: r.below as u32,
            z: r.z,
            pvalue: r.pvalue,
        })
        .map_err(to_js)
}

/// A breakout and its retest.
#[napi(object)]
pub struct BreakoutJs {
    pub level: f64,
    pub index: u32,
    pub up: bool,
    #[napi(ts_type = "number | null")]
    pub retest_at: Nullable,
    #[napi(ts_type = "boolean | null")]
    pub held: Either<bool, Null>,
}

/// Options for `breakouts`.
#[napi(object)]
pub struct BreakoutOptions {
    /// Retest band as a fraction of the level (default 0.002).
    pub tolerance: Option<f64>,
    /// Bars to wait for a retest (default 20).
    pub max_bars: Option<f64>,
}

/// Closes crossing each level, with the first retest and whether it held.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "open: Float64Array | ArrayLike<number>, high: Float64Array | ArrayLike<number>, low: Float64Array | ArrayLike<number>, close: Float64Array | ArrayLike<number>, levels: number[], options?: BreakoutOptions"
)]
pub fn breakouts(
    open: Unknown<'_>,
    high: Unknown<'_>,
    low: Unknown<'_>,
    close: Unknown<'_>,
    levels: Vec<f64>,
    options: Option<BreakoutOptions>,
) -> std::result::Result<Vec<BreakoutJs>, Error<Code>> {
    let columns = ohlc([open, high, low, close])?;
    let b = bars(&columns).map_err(to_js)?;
    let tolerance = options.as_ref().and_then(|o| o.tolerance).unwrap_or(0.002);
    let max_bars = count_or(options.as_ref().and_then(|o| o.max_bars), 20, "maxBars")?;
    Ok(patterns::breakouts(b, &levels, tolerance, max_bars)
        .map_err(to_js)?
        .into_iter()
        .map(|e| BreakoutJs {
            level: e.level,
            index: e.index as u32,
            up: e.up,
            retest_at: crate::abtest::nullable(e.retest_at.map(|i| i as f64)),
            held: e.held.map_or(Either::B(Null), Either::A),
        })
        .collect())
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

/// A regime of a per-game series.
#[napi(object)]
pub struct RegimeJs {
    pub start: u32,
    pub end: u32,
    pub mean: f64,
    pub std: f64,
}

/// Regimes of a per-game series at the drift engine's PELT change points.
#[edgekit_macros::boundary]
#[napi(ts_args_type = "values: Float64Array | ArrayLike<number>, options?: RegimeOptions")]
pub fn regimes(
    values: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Vec<RegimeJs>, Error<Code>> {
    let options: edgekit::drift::PeltOptions = crate::convert::options("regimes", options)?;
    let options = edgekit::drift::ChangePointOptions::from(options);
    let values = float_values(values, "values")?;
    patterns::regimes(&values, &options)
        .map(|found| {
            found
                .into_iter()
                .map(|r| RegimeJs {
                    start: r.start as u32,
                    end: r.end as u32,
                    mean: r.mean,
                    std: r.std,
                })
                .collect()
        })
        .map_err(to_js)
}
