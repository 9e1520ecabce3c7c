//! `ltp` namespace: the KCU LTP engine on bar columns (`{ o, h, l, c, v? }` of Float64Array,
//! read in place). Objects have the dashboard's shapes and key order. `edgekit/ltp` (ltp.js)
//! wraps these for the dashboard's `Bar[]` objects.

use std::collections::BTreeMap;

use edgekit::ltp::{self, Direction, LtpError, PatienceResult};
use edgekit::patterns::Bars;
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;

use crate::errors::{Code, JsResult, invalid_type, to_js};

/// Bars as columns; `v` (volume) is optional.
#[napi(object, namespace = "ltp")]
pub struct BarColumns {
    pub o: Float64Array,
    pub h: Float64Array,
    pub l: Float64Array,
    pub c: Float64Array,
    pub v: Option<Float64Array>,
}

pub(crate) fn bars<'a>(b: &'a BarColumns, name: &str) -> JsResult<Bars<'a>> {
    Bars::new(&b.o, &b.h, &b.l, &b.c, b.v.as_deref())
        .map_err(LtpError::bars(name))
        .map_err(to_js)
}

/// Bars for the dashboard's chart helpers, which read contradictory but finite bars as given.
pub(crate) fn finite_bars<'a>(b: &'a BarColumns, name: &str) -> JsResult<Bars<'a>> {
    Bars::finite(&b.o, &b.h, &b.l, &b.c, b.v.as_deref())
        .map_err(LtpError::bars(name))
        .map_err(to_js)
}

pub(crate) fn direction(s: &str) -> JsResult<Direction> {
    s.parse().map_err(to_js)
}

/// The best level's score and its index in the given columns (−1 when none is near).
#[napi(object, namespace = "ltp")]
pub struct BestLevel {
    pub score: f64,
    pub index: i32,
}

/// What `scoreTrendAlignment` reads of an analysis.
#[napi(object, namespace = "ltp")]
pub struct TrendInput {
    pub timeframe: String,
    #[napi(ts_type = "'bullish' | 'bearish' | 'neutral'")]
    pub trend: String,
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "calculateLTPScore",
    namespace = "ltp",
    ts_return_type = "LtpScore"
)]
pub fn calculate_ltp_score(
    level: f64,
    trend: f64,
    patience: f64,
) -> std::result::Result<Plain, Error<Code>> {
    ltp::calculate_ltp_score(level, trend, patience)
        .map(|s| Plain::verbatim(&s))
        .map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(js_name = "calculateEMA", namespace = "ltp")]
pub fn calculate_ema(data: Float64Array, period: f64) -> std::result::Result<f64, Error<Code>> {
    // Any period, as the dashboard's JavaScript reads it (Infinity: the last value; NaN: 0).
    ltp::calculate_ema_js(&data, period).map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(js_name = "calculateVWAP", namespace = "ltp")]
pub fn calculate_vwap(bars_: BarColumns) -> std::result::Result<f64, Error<Code>> {
    ltp::calculate_vwap(finite_bars(&bars_, "bars")?).map_err(to_js)
}

/// Only the last five bars count, so only they are read (and validated).
#[edgekit_macros::boundary]
#[napi(
    js_name = "detectPatienceCandle",
    namespace = "ltp",
    ts_return_type = "Patience"
)]
pub fn detect_patience_candle(
    bars_: BarColumns,
    level_price: f64,
    max_candle_size: Option<f64>,
) -> std::result::Result<Plain, Error<Code>> {
    let n = bars_.c.len();
    let from = n.saturating_sub(5).min(bars_.o.len());
    fn tail(x: &[f64], from: usize) -> &[f64] {
        x.get(from..).unwrap_or(&[])
    }
    let last = Bars::new(
        tail(&bars_.o, from),
        tail(&bars_.h, from),
        tail(&bars_.l, from),
        tail(&bars_.c, from),
        None,
    )
    .map_err(LtpError::bars("bars"))
    .map_err(to_js)?;
    let r = if n < 3 {
        PatienceResult {
            detected: false,
            count: 0,
        }
    } else {
        ltp::detect_patience_candle(
            last,
            level_price,
            max_candle_size.unwrap_or(ltp::PATIENCE_MAX_CANDLE),
        )
        .map_err(to_js)?
    };
    Ok(Plain::verbatim(&r))
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "scoreLevelProximity",
    namespace = "ltp",
    ts_args_type = "price: number, levels: Array<KeyLevel>, threshold?: number | undefined | null, levelFormula?: LevelFormula | undefined | null",
    ts_return_type = "LevelResult"
)]
pub fn score_level_proximity(
    price: f64,
    levels: Unknown<'_>,
    threshold: Option<f64>,
    level_formula: Option<String>,
) -> std::result::Result<Plain, Error<Code>> {
    let levels: Vec<ltp::KeyLevel> =
        crate::convert::required("ltp.scoreLevelProximity", "levels", levels)?;
    let threshold = threshold.unwrap_or(ltp::PROXIMITY_THRESHOLD);
    let formula = level_formula_of("ltp.scoreLevelProximity", level_formula)?;
    ltp::score_level_proximity(price, &levels, threshold, formula)
        .map(|r| Plain::verbatim(&r))
        .map_err(to_js)
}

/// The level formula named by a JS string (`'corrected'`, the default, or `'dashboard'`); core
/// owns the names.
pub(crate) fn level_formula_of(
    function: &str,
    name: Option<String>,
) -> std::result::Result<ltp::LevelFormula, Error<Code>> {
    match name {
        None => Ok(ltp::LevelFormula::default()),
        Some(name) => edgekit::contract::argument(function, "levelFormula", name.into())
            .map_err(|e| to_js(edgekit::Error::from(e))),
    }
}

/// `scoreLevelProximity` on level columns: the score and the index of the best level (−1).
#[edgekit_macros::boundary]
#[napi(
    js_name = "bestLevel",
    namespace = "ltp",
    ts_args_type = "price: number, prices: Float64Array, strengths: Float64Array, threshold?: number | undefined | null, levelFormula?: LevelFormula | undefined | null"
)]
pub fn best_level(
    price: f64,
    prices: Float64Array,
    strengths: Float64Array,
    threshold: Option<f64>,
    level_formula: Option<String>,
) -> std::result::Result<BestLevel, Error<Code>> {
    let formula = level_formula_of("ltp.bestLevel", level_formula)?;
    if prices.len() != strengths.len() {
        return Err(Error::new(
            Code::INVALID_INPUT,
            format!(
                "prices has {} values but strengths has {}",
                prices.len(),
                strengths.len()
            ),
        ));
    }
    // Any numbers, read as the dashboard reads them (a NaN price finds no level).
    let threshold = threshold.unwrap_or(ltp::PROXIMITY_THRESHOLD);
    let pairs = prices.iter().copied().zip(strengths.iter().copied());
    let (score, index) = ltp::best_level(price, pairs, threshold, formula);
    Ok(BestLevel {
        score,
        index: index.map_or(-1, |i| i as i32),
    })
}

#[edgekit_macros::boundary]
#[napi(js_name = "scoreTrendAlignment", namespace = "ltp")]
pub fn score_trend_alignment(
    analyses: Vec<TrendInput>,
    direction_name: String,
    weights: Option<BTreeMap<String, f64>>,
) -> std::result::Result<f64, Error<Code>> {
    let core = analyses_of(analyses)?;
    // Any direction: only "bullish" and "bearish" align, as in the dashboard.
    ltp::score_trend_alignment_js(&core, &direction_name, weights.as_ref()).map_err(to_js)
}

/// Analyses as far as the scoring reads them (timeframe and trend; the rest is not used).
pub(crate) fn analyses_of(
    analyses: Vec<TrendInput>,
) -> std::result::Result<Vec<ltp::MtfAnalysis>, Error<Code>> {
    analyses
        .into_iter()
        .map(|a| {
            Ok(ltp::MtfAnalysis {
                // A trend other than bullish/bearish never aligns, as neutral never does.
                trend: a.trend.parse().unwrap_or(ltp::TrendState::Neutral),
                timeframe: a.timeframe,
                structure: ltp::Structure::Range,
                ema_position: ltp::EmaPosition::Mixed,
                momentum: ltp::Momentum::Weak,
                orb_status: None,
                vwap_position: None,
            })
        })
        .collect()
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "scorePatienceQuality",
    namespace = "ltp",
    ts_args_type = "result: Patience"
)]
pub fn score_patience_quality(result: Unknown<'_>) -> std::result::Result<f64, Error<Code>> {
    let result: PatienceResult =
        crate::convert::required("ltp.scorePatienceQuality", "result", result)?;
    Ok(ltp::score_patience_quality(result))
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "calculateTradeParams",
    namespace = "ltp",
    ts_args_type = "price: number, level: KeyLevel | null, direction: 'bullish' | 'bearish' | string | null",
    ts_return_type = "TradeParams"
)]
pub fn calculate_trade_params(
    price: f64,
    level: Option<Unknown<'_>>,
    direction_name: Option<String>,
) -> std::result::Result<Plain, Error<Code>> {
    let level: Option<ltp::KeyLevel> =
        crate::convert::argument("ltp.calculateTradeParams", "level", level)?;
    // Any direction: "bullish" trades long, anything else short, as in the dashboard.
    ltp::calculate_trade_params_js(price, level.as_ref(), direction_name.as_deref())
        .map(|t| Plain::verbatim(&t))
        .map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "getLTPGrade",
    namespace = "ltp",
    ts_return_type = "'A' | 'B' | 'C' | 'D' | 'F'"
)]
pub fn get_ltp_grade(score: f64) -> std::result::Result<String, Error<Code>> {
    // NaN compares false with every threshold: F, as in the dashboard.
    Ok(ltp::get_ltp_grade(score).to_owned())
}

/// `scorePatienceQuality` on a detected flag and any count (−1 gives 20, 2.5 gives 90).
#[edgekit_macros::boundary]
#[napi(js_name = "patiencePoints", namespace = "ltp")]
pub fn patience_points(detected: bool, count: f64) -> std::result::Result<f64, Error<Code>> {
    ltp::patience_points(detected, count).map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "generateCoachNote",
    namespace = "ltp",
    ts_args_type = "levelResult: LevelResult, trendScore: number, patienceResult: Patience, direction: 'bullish' | 'bearish' | string"
)]
pub fn generate_coach_note(
    level_result: Unknown<'_>,
    trend_score: f64,
    patience_result: Unknown<'_>,
    direction_name: String,
) -> std::result::Result<String, Error<Code>> {
    let level: ltp::LevelResult =
        crate::convert::required("ltp.generateCoachNote", "levelResult", level_result)?;
    let patience: PatienceResult =
        crate::convert::required("ltp.generateCoachNote", "patienceResult", patience_result)?;
    // The note prints the direction it is given, as the dashboard's does.
    Ok(ltp::generate_coach_note_js(
        &level,
        trend_score,
        patience,
        &direction_name,
    ))
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "keyLevels",
    namespace = "ltp",
    ts_return_type = "Array<KeyLevel>"
)]
pub fn key_levels(
    daily: BarColumns,
    intraday: BarColumns,
) -> std::result::Result<Plain, Error<Code>> {
    let levels = ltp::key_levels(bars(&daily, "daily")?, bars(&intraday, "intraday")?);
    Ok(Plain::verbatim(&levels))
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "analyzeTimeframe",
    namespace = "ltp",
    ts_args_type = "bars: BarColumns, timeframe: '2m' | '5m' | '15m' | '1h' | '4h' | 'daily' | 'weekly'",
    ts_return_type = "MtfAnalysis"
)]
pub fn analyze_timeframe(
    bars_: BarColumns,
    timeframe: String,
) -> std::result::Result<Plain, Error<Code>> {
    let b = bars(&bars_, &timeframe)?;
    ltp::analyze_timeframe(b, &timeframe)
        .map(|a| Plain::verbatim(&a))
        .map_err(to_js)
}

// Layers 2 and 3: the streaming tracker.

fn seconds(t: f64, row: usize) -> JsResult<i64> {
    if t.is_finite() && t.fract() == 0.0 && t.abs() < 9.0e15 {
        Ok(t as i64)
    } else {
        Err(Error::new(
            Code::INVALID_INPUT,
            format!("t[{row}] = {t} must be whole seconds since the epoch"),
        ))
    }
}

/// One streamed bar: `t` in UTC seconds.
#[napi(object, namespace = "ltp")]
pub struct StreamBar {
    pub t: f64,
    pub o: f64,
    pub h: f64,
    pub l: f64,
    pub c: f64,
    pub v: Option<f64>,
}

/// Bars of many symbols in time order as columns; `t` in UTC seconds.
#[napi(object, namespace = "ltp")]
pub struct StreamColumns {
    pub t: Float64Array,
    pub o: Float64Array,
    pub h: Float64Array,
    pub l: Float64Array,
    pub c: Float64Array,
    pub v: Option<Float64Array>,
}

/// KCU setups for many symbols, one bar at a time, with saved state.
#[napi(namespace = "ltp")]
pub struct Tracker {
    inner: ltp::Tracker,
}

#[edgekit_macros::boundary]
#[napi(namespace = "ltp")]
impl Tracker {
    /// A tracker; `profile` overrides any defaults (see `ltp.defaultProfile()`).
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "profile?: Partial<Profile> | null")]
    pub fn new(profile: Option<Unknown<'_>>) -> std::result::Result<Self, Error<Code>> {
        let profile: ltp::Profile = crate::convert::argument("ltp.Tracker", "profile", profile)?;
        Ok(Tracker {
            inner: ltp::Tracker::new(profile).map_err(to_js)?,
        })
    }

    /// The profile in force.
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "Profile")]
    pub fn profile(&self) -> Plain {
        Plain::verbatim(self.inner.profile())
    }

    /// Symbols seen so far, in id order.
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn symbols(&self) -> Vec<String> {
        self.inner.symbols().to_vec()
    }

    /// The id of a symbol (registered on first sight), for `updateMany` with ids.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn symbol_id(&mut self, symbol: String) -> u32 {
        self.inner.symbol_id(&symbol)
    }

    /// User levels (`{ type, price, timeframe, strength }`) for a symbol.
    #[edgekit_macros::boundary]
    #[napi(ts_args_type = "symbol: string, levels: Array<KeyLevel>")]
    pub fn set_levels(
        &mut self,
        symbol: String,
        levels: Unknown<'_>,
    ) -> std::result::Result<(), Error<Code>> {
        let levels = crate::convert::required("ltp.Tracker.setLevels", "levels", levels)?;
        self.inner.set_levels(&symbol, levels).map_err(to_js)
    }

    /// One bar; returns the events it causes.
    #[edgekit_macros::boundary]
    #[napi(ts_return_type = "Array<TrackerEvent>")]
    pub fn update(
        &mut self,
        symbol: String,
        bar: StreamBar,
    ) -> std::result::Result<Plain, Error<Code>> {
        let bar = ltp::Bar {
            t: seconds(bar.t, 0)?,
            o: bar.o,
            h: bar.h,
            l: bar.l,
            c: bar.c,
            v: bar.v.unwrap_or(0.0),
        };
        let events = self.inner.update(&symbol, &bar).map_err(to_js)?;
        Ok(Plain::verbatim(&self.inner.named(&events)))
    }

    /// Bars of many symbols in time order: `symbols[i]` (a name, or an id from `symbolId`)
    /// names row i of `bars`.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "symbols: string[] | Uint32Array, bars: StreamColumns",
        ts_return_type = "Array<TrackerEvent>"
    )]
    pub fn update_many(
        &mut self,
        symbols: Either<Vec<String>, Uint32Array>,
        bars: StreamColumns,
    ) -> std::result::Result<Plain, Error<Code>> {
        let ids: Vec<u32> = match symbols {
            Either::A(names) => names.iter().map(|s| self.inner.symbol_id(s)).collect(),
            Either::B(ids) => ids.to_vec(),
        };
        let t = bars
            .t
            .iter()
            .enumerate()
            .map(|(i, &t)| seconds(t, i))
            .collect::<std::result::Result<Vec<i64>, _>>()?;
        let mut out = Vec::new();
        self.inner
            .update_columns(
                &ids,
                &t,
                &bars.o,
                &bars.h,
                &bars.l,
                &bars.c,
                bars.v.as_deref(),
                &mut out,
            )
            .map_err(to_js)?;
        Ok(Plain::verbatim(&self.inner.named(&out)))
    }

    /// The KCU read at the symbol's last setup candle, or null.
    #[edgekit_macros::boundary]
    #[napi(ts_return_type = "Evaluation | null")]
    pub fn evaluation(&self, symbol: String) -> Plain {
        Plain::verbatim(&self.inner.evaluation(&symbol))
    }

    /// Compact binary state.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_bytes(&self) -> Buffer {
        self.inner.to_bytes().into()
    }

    /// A tracker from `toBytes()`.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_bytes(bytes: Buffer) -> std::result::Result<Self, Error<Code>> {
        Ok(Tracker {
            inner: ltp::Tracker::from_bytes(&bytes).map_err(to_js)?,
        })
    }

    /// JSON state.
    #[edgekit_macros::boundary]
    #[napi(js_name = "toJSONString")]
    pub fn to_json_string(&self) -> std::result::Result<String, Error<Code>> {
        serde_json::to_string(&self.inner).map_err(|e| invalid_type(e.to_string()))
    }

    /// A tracker from `toJSONString()`.
    #[edgekit_macros::boundary]
    #[napi(
        writable = true,
        configurable = true,
        factory,
        js_name = "fromJSONString"
    )]
    pub fn from_json_string(text: String) -> std::result::Result<Self, Error<Code>> {
        let inner: ltp::Tracker = serde_json::from_str(&text)
            .map_err(|e| to_js(LtpError::InvalidState(e.to_string())))?;
        Ok(Tracker { inner })
    }
}

/// Every KCU parameter with its default; `forexHourly` for a 24-hour market on hourly bars.
#[edgekit_macros::boundary]
#[napi(namespace = "ltp", ts_return_type = "Profile")]
pub fn default_profile(forex_hourly: Option<bool>) -> Plain {
    Plain::verbatim(&if forex_hourly.unwrap_or(false) {
        ltp::Profile::forex_hourly()
    } else {
        ltp::Profile::default()
    })
}
