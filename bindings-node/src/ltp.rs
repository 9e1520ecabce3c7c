//! `ltp` namespace: the KCU LTP engine on bar columns (`{ o, h, l, c, v? }` of Float64Array,
//! read in place). Objects have the dashboard's shapes and key order. `edgekit/ltp` (ltp.js)
//! wraps these for the dashboard's `Bar[]` objects.

use std::collections::BTreeMap;

use edgekit::ltp::{self, Direction, LtpError, PatienceResult};
use edgekit::patterns::Bars;
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, work};
use serde_json::Value;

use crate::abtest::{Nullable, nullable};
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

fn bars<'a>(b: &'a BarColumns, name: &str) -> JsResult<Bars<'a>> {
    Bars::new(&b.o, &b.h, &b.l, &b.c, b.v.as_deref())
        .map_err(LtpError::bars(name))
        .map_err(to_js)
}

fn to_value<T: serde::Serialize>(value: &T) -> JsResult<Value> {
    serde_json::to_value(value).map_err(|e| invalid_type(e.to_string()))
}

fn direction(s: &str) -> JsResult<Direction> {
    s.parse().map_err(to_js)
}

/// `{ detected, count }` of a patience check.
#[napi(object, namespace = "ltp")]
pub struct Patience {
    pub detected: bool,
    pub count: f64,
}

/// `{ level, trend, patience, overall }`.
#[napi(object, namespace = "ltp")]
pub struct LtpScore {
    pub level: f64,
    pub trend: f64,
    pub patience: f64,
    pub overall: f64,
}

/// A level: `{ type, price, timeframe, strength }`.
#[napi(object, namespace = "ltp")]
pub struct KeyLevel {
    #[napi(js_name = "type")]
    pub kind: String,
    pub price: f64,
    pub timeframe: String,
    pub strength: f64,
}

impl From<KeyLevel> for ltp::KeyLevel {
    fn from(l: KeyLevel) -> Self {
        ltp::KeyLevel {
            kind: l.kind,
            price: l.price,
            timeframe: l.timeframe,
            strength: l.strength,
        }
    }
}

impl From<ltp::KeyLevel> for KeyLevel {
    fn from(l: ltp::KeyLevel) -> Self {
        KeyLevel {
            kind: l.kind,
            price: l.price,
            timeframe: l.timeframe,
            strength: l.strength,
        }
    }
}

/// `{ score, level }` with `level` null when no level is near.
#[napi(object, namespace = "ltp")]
pub struct LevelResult {
    pub score: f64,
    #[napi(ts_type = "KeyLevel | null")]
    pub level: Either<KeyLevel, Null>,
}

/// `{ score, level }` as an argument.
#[napi(object, namespace = "ltp")]
pub struct LevelResultInput {
    pub score: f64,
    #[napi(ts_type = "KeyLevel | null")]
    pub level: Option<Either<KeyLevel, Null>>,
}

/// The best level's score and its index in the given columns (−1 when none is near).
#[napi(object, namespace = "ltp")]
pub struct BestLevel {
    pub score: f64,
    pub index: i32,
}

/// Entry, stop, targets and reward/risk; all null without a level.
#[napi(object, namespace = "ltp")]
pub struct TradeParams {
    #[napi(js_name = "suggested_entry", ts_type = "number | null")]
    pub suggested_entry: Nullable,
    #[napi(js_name = "suggested_stop", ts_type = "number | null")]
    pub suggested_stop: Nullable,
    #[napi(js_name = "target_1", ts_type = "number | null")]
    pub target_1: Nullable,
    #[napi(js_name = "target_2", ts_type = "number | null")]
    pub target_2: Nullable,
    #[napi(js_name = "target_3", ts_type = "number | null")]
    pub target_3: Nullable,
    #[napi(js_name = "risk_reward", ts_type = "number | null")]
    pub risk_reward: Nullable,
}

impl From<ltp::TradeParams> for TradeParams {
    fn from(t: ltp::TradeParams) -> Self {
        TradeParams {
            suggested_entry: nullable(t.suggested_entry),
            suggested_stop: nullable(t.suggested_stop),
            target_1: nullable(t.target_1),
            target_2: nullable(t.target_2),
            target_3: nullable(t.target_3),
            risk_reward: nullable(t.risk_reward),
        }
    }
}

/// One timeframe's analysis (`MTFAnalysis`).
#[napi(object, namespace = "ltp")]
pub struct MtfAnalysis {
    pub timeframe: String,
    #[napi(ts_type = "'bullish' | 'bearish' | 'neutral'")]
    pub trend: String,
    #[napi(ts_type = "'uptrend' | 'downtrend' | 'range'")]
    pub structure: String,
    #[napi(
        js_name = "ema_position",
        ts_type = "'above_all' | 'below_all' | 'mixed'"
    )]
    pub ema_position: String,
    #[napi(ts_type = "'strong' | 'moderate' | 'weak'")]
    pub momentum: String,
    #[napi(js_name = "orb_status", ts_type = "null")]
    pub orb_status: Null,
    #[napi(js_name = "vwap_position", ts_type = "null")]
    pub vwap_position: Null,
}

impl From<ltp::MtfAnalysis> for MtfAnalysis {
    fn from(a: ltp::MtfAnalysis) -> Self {
        MtfAnalysis {
            timeframe: a.timeframe,
            trend: a.trend.as_str().into(),
            structure: a.structure.as_str().into(),
            ema_position: a.ema_position.as_str().into(),
            momentum: a.momentum.as_str().into(),
            orb_status: Null,
            vwap_position: Null,
        }
    }
}

/// What `scoreTrendAlignment` reads of an analysis.
#[napi(object, namespace = "ltp")]
pub struct TrendInput {
    pub timeframe: String,
    #[napi(ts_type = "'bullish' | 'bearish' | 'neutral'")]
    pub trend: String,
}

/// A scored setup (`DetectedSetup`), field for field.
#[napi(object, namespace = "ltp")]
pub struct DetectedSetup {
    pub symbol: String,
    #[napi(ts_type = "'bullish' | 'bearish'")]
    pub direction: String,
    #[napi(js_name = "setup_stage", ts_type = "'forming' | 'ready' | 'triggered'")]
    pub setup_stage: String,
    #[napi(js_name = "confluence_score")]
    pub confluence_score: f64,
    #[napi(js_name = "level_score")]
    pub level_score: f64,
    #[napi(js_name = "trend_score")]
    pub trend_score: f64,
    #[napi(js_name = "patience_score")]
    pub patience_score: f64,
    #[napi(js_name = "mtf_score")]
    pub mtf_score: f64,
    #[napi(js_name = "primary_level_type", ts_type = "string | null")]
    pub primary_level_type: Either<String, Null>,
    #[napi(js_name = "primary_level_price", ts_type = "number | null")]
    pub primary_level_price: Nullable,
    #[napi(js_name = "patience_candles")]
    pub patience_candles: u32,
    #[napi(js_name = "suggested_entry", ts_type = "number | null")]
    pub suggested_entry: Nullable,
    #[napi(js_name = "suggested_stop", ts_type = "number | null")]
    pub suggested_stop: Nullable,
    #[napi(js_name = "target_1", ts_type = "number | null")]
    pub target_1: Nullable,
    #[napi(js_name = "target_2", ts_type = "number | null")]
    pub target_2: Nullable,
    #[napi(js_name = "target_3", ts_type = "number | null")]
    pub target_3: Nullable,
    #[napi(js_name = "risk_reward", ts_type = "number | null")]
    pub risk_reward: Nullable,
    #[napi(js_name = "coach_note")]
    pub coach_note: String,
}

impl From<ltp::DetectedSetup> for DetectedSetup {
    fn from(d: ltp::DetectedSetup) -> Self {
        DetectedSetup {
            symbol: d.symbol,
            direction: d.direction.as_str().into(),
            setup_stage: d.setup_stage.as_str().into(),
            confluence_score: d.confluence_score,
            level_score: d.level_score,
            trend_score: d.trend_score,
            patience_score: d.patience_score,
            mtf_score: d.mtf_score,
            primary_level_type: d.primary_level_type.map_or(Either::B(Null), Either::A),
            primary_level_price: nullable(d.primary_level_price),
            patience_candles: d.patience_candles,
            suggested_entry: nullable(d.suggested_entry),
            suggested_stop: nullable(d.suggested_stop),
            target_1: nullable(d.target_1),
            target_2: nullable(d.target_2),
            target_3: nullable(d.target_3),
            risk_reward: nullable(d.risk_reward),
            coach_note: d.coach_note,
        }
    }
}

type MaybeSetup = Either<DetectedSetup, Null>;

/// The setups found, one per symbol (`None` where there is none).
type Setups = Vec<Option<ltp::DetectedSetup>>;

fn setups(found: Setups) -> Vec<MaybeSetup> {
    found
        .into_iter()
        .map(|s| s.map_or(Either::B(Null), |s| Either::A(s.into())))
        .collect()
}

#[edgekit_macros::boundary]
#[napi(js_name = "calculateLTPScore", namespace = "ltp")]
pub fn calculate_ltp_score(
    level: f64,
    trend: f64,
    patience: f64,
) -> std::result::Result<LtpScore, Error<Code>> {
    let s = ltp::calculate_ltp_score(level, trend, patience).map_err(to_js)?;
    Ok(LtpScore {
        level: s.level,
        trend: s.trend,
        patience: s.patience,
        overall: s.overall,
    })
}

#[edgekit_macros::boundary]
#[napi(js_name = "calculateEMA", namespace = "ltp")]
pub fn calculate_ema(data: Float64Array, period: f64) -> std::result::Result<f64, Error<Code>> {
    ltp::calculate_ema(&data, crate::input::whole(period, "period")? as usize).map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(js_name = "calculateVWAP", namespace = "ltp")]
pub fn calculate_vwap(bars_: BarColumns) -> std::result::Result<f64, Error<Code>> {
    ltp::calculate_vwap(bars(&bars_, "bars")?).map_err(to_js)
}

/// Only the last five bars count, so only they are read (and validated).
#[edgekit_macros::boundary]
#[napi(js_name = "detectPatienceCandle", namespace = "ltp")]
pub fn detect_patience_candle(
    bars_: BarColumns,
    level_price: f64,
    max_candle_size: Option<f64>,
) -> std::result::Result<Patience, Error<Code>> {
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
        ltp::detect_patience_candle(last, level_price, max_candle_size.unwrap_or(0.5))
            .map_err(to_js)?
    };
    Ok(Patience {
        detected: r.detected,
        count: f64::from(r.count),
    })
}

#[edgekit_macros::boundary]
#[napi(js_name = "scoreLevelProximity", namespace = "ltp")]
pub fn score_level_proximity(
    price: f64,
    levels: Vec<KeyLevel>,
    threshold: Option<f64>,
) -> std::result::Result<LevelResult, Error<Code>> {
    let levels: Vec<ltp::KeyLevel> = levels.into_iter().map(Into::into).collect();
    let r = ltp::score_level_proximity(price, &levels, threshold.unwrap_or(0.3)).map_err(to_js)?;
    Ok(LevelResult {
        score: r.score,
        level: r.level.map_or(Either::B(Null), |l| Either::A(l.into())),
    })
}

/// `scoreLevelProximity` on level columns: the score and the index of the best level (−1).
#[edgekit_macros::boundary]
#[napi(js_name = "bestLevel", namespace = "ltp")]
pub fn best_level(
    price: f64,
    prices: Float64Array,
    strengths: Float64Array,
    threshold: Option<f64>,
) -> std::result::Result<BestLevel, Error<Code>> {
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
    let threshold = threshold.unwrap_or(0.3);
    for (name, x) in [("price", price), ("threshold", threshold)] {
        if !x.is_finite() {
            return Err(to_js(LtpError::NotFinite {
                argument: name.into(),
                value: x,
            }));
        }
    }
    for (name, column) in [("price", &prices), ("strength", &strengths)] {
        if let Some(i) = column.iter().position(|x| !x.is_finite()) {
            return Err(to_js(LtpError::NotFinite {
                argument: format!("levels[{i}].{name}"),
                value: column[i],
            }));
        }
    }
    let pairs = prices.iter().copied().zip(strengths.iter().copied());
    let (score, index) = ltp::best_level(price, pairs, threshold);
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
    let mut core = Vec::with_capacity(analyses.len());
    for a in analyses {
        core.push(ltp::MtfAnalysis {
            trend: a.trend.parse().map_err(to_js)?,
            timeframe: a.timeframe,
            structure: ltp::Structure::Range,
            ema_position: ltp::EmaPosition::Mixed,
            momentum: ltp::Momentum::Weak,
            orb_status: None,
            vwap_position: None,
        });
    }
    ltp::score_trend_alignment(&core, direction(&direction_name)?, weights.as_ref()).map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(js_name = "scorePatienceQuality", namespace = "ltp")]
pub fn score_patience_quality(result: Patience) -> std::result::Result<f64, Error<Code>> {
    Ok(ltp::score_patience_quality(PatienceResult {
        detected: result.detected,
        count: crate::input::small(result.count, "count")?,
    }))
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "calculateTradeParams",
    namespace = "ltp",
    ts_args_type = "price: number, level: KeyLevel | null, direction: 'bullish' | 'bearish'"
)]
pub fn calculate_trade_params(
    price: f64,
    level: Option<KeyLevel>,
    direction_name: String,
) -> std::result::Result<TradeParams, Error<Code>> {
    let level: Option<ltp::KeyLevel> = level.map(Into::into);
    let t = ltp::calculate_trade_params(price, level.as_ref(), direction(&direction_name)?)
        .map_err(to_js)?;
    Ok(t.into())
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "getLTPGrade",
    namespace = "ltp",
    ts_return_type = "'A' | 'B' | 'C' | 'D' | 'F'"
)]
pub fn get_ltp_grade(score: f64) -> std::result::Result<String, Error<Code>> {
    if score.is_nan() {
        return Err(Error::new(Code::INVALID_INPUT, "score is NaN"));
    }
    Ok(ltp::get_ltp_grade(score).to_owned())
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "generateCoachNote",
    namespace = "ltp",
    ts_args_type = "levelResult: LevelResultInput, trendScore: number, patienceResult: Patience, direction: 'bullish' | 'bearish'"
)]
pub fn generate_coach_note(
    level_result: LevelResultInput,
    trend_score: f64,
    patience_result: Patience,
    direction_name: String,
) -> std::result::Result<String, Error<Code>> {
    let level = ltp::LevelResult {
        score: level_result.score,
        level: match level_result.level {
            Some(Either::A(l)) => Some(l.into()),
            _ => None,
        },
    };
    let patience = PatienceResult {
        detected: patience_result.detected,
        count: crate::input::small(patience_result.count, "count")?,
    };
    Ok(ltp::generate_coach_note(
        &level,
        trend_score,
        patience,
        direction(&direction_name)?,
    ))
}

#[edgekit_macros::boundary]
#[napi(js_name = "keyLevels", namespace = "ltp")]
pub fn key_levels(
    daily: BarColumns,
    intraday: BarColumns,
) -> std::result::Result<Vec<KeyLevel>, Error<Code>> {
    let levels = ltp::key_levels(bars(&daily, "daily")?, bars(&intraday, "intraday")?);
    Ok(levels.into_iter().map(Into::into).collect())
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "analyzeTimeframe",
    namespace = "ltp",
    ts_args_type = "bars: BarColumns, timeframe: '2m' | '5m' | '15m' | '1h' | '4h' | 'daily' | 'weekly'"
)]
pub fn analyze_timeframe(
    bars_: BarColumns,
    timeframe: String,
) -> std::result::Result<MtfAnalysis, Error<Code>> {
    let b = bars(&bars_, &timeframe)?;
    Ok(ltp::analyze_timeframe(b, &timeframe).map_err(to_js)?.into())
}

/// Many symbols' bars packed into shared columns. Per symbol, in order: daily bars, intraday
/// (5-minute) bars, one set per entry of `timeframes`, then its patience bars when
/// `withPatience`; `offsets` holds every set's start and, last, the total (so
/// `symbols.length · sets + 1` values).
#[napi(object, namespace = "ltp")]
pub struct PackedSymbols {
    pub symbols: Vec<String>,
    pub prices: Float64Array,
    pub timeframes: Vec<String>,
    pub with_patience: bool,
    pub offsets: Uint32Array,
    pub o: Float64Array,
    pub h: Float64Array,
    pub l: Float64Array,
    pub c: Float64Array,
    pub v: Float64Array,
}

/// The packed columns, borrowed or owned.
struct Packed<C> {
    symbols: Vec<String>,
    prices: Vec<f64>,
    timeframes: Vec<String>,
    with_patience: bool,
    offsets: Vec<u32>,
    columns: [C; 5],
}

impl<C: AsRef<[f64]>> Packed<C> {
    fn analyze(&self) -> std::result::Result<Vec<Option<ltp::DetectedSetup>>, LtpError> {
        let sets = 2 + self.timeframes.len() + usize::from(self.with_patience);
        let n = self.symbols.len();
        let bad = |what: String| LtpError::OutOfRange {
            argument: what,
            value: 0.0,
            range: "consistent with symbols, timeframes and the columns",
        };
        if self.prices.len() != n || self.offsets.len() != n * sets + 1 {
            return Err(bad("prices/offsets length".into()));
        }
        let [o, h, l, c, v] = self.columns.each_ref().map(|x| x.as_ref());
        let total = o.len();
        if [h.len(), l.len(), c.len(), v.len()]
            .iter()
            .any(|&x| x != total)
            || self.offsets.windows(2).any(|w| w[0] > w[1])
            || self.offsets.last().is_some_and(|&e| e as usize != total)
        {
            return Err(bad("offsets".into()));
        }
        let mut inputs = Vec::with_capacity(n);
        for (i, symbol) in self.symbols.iter().enumerate() {
            let set = |k: usize, name: &str| {
                let (a, b) = (
                    self.offsets[i * sets + k] as usize,
                    self.offsets[i * sets + k + 1] as usize,
                );
                Bars::new(&o[a..b], &h[a..b], &l[a..b], &c[a..b], Some(&v[a..b]))
                    .map_err(LtpError::bars(&format!("{symbol} {name}")))
            };
            let mut timeframes = Vec::with_capacity(self.timeframes.len());
            for (k, tf) in self.timeframes.iter().enumerate() {
                timeframes.push((tf.as_str(), set(2 + k, tf)?));
            }
            inputs.push(ltp::SymbolInput {
                symbol,
                price: self.prices[i],
                daily: set(0, "daily")?,
                intraday: set(1, "intraday")?,
                timeframes,
                patience: if self.with_patience {
                    Some(set(sets - 1, "patience")?)
                } else {
                    None
                },
            });
        }
        ltp::analyze_symbols(&inputs)
    }
}

fn packed(p: &PackedSymbols) -> Packed<&[f64]> {
    Packed {
        symbols: p.symbols.clone(),
        prices: p.prices.to_vec(),
        timeframes: p.timeframes.clone(),
        with_patience: p.with_patience,
        offsets: p.offsets.to_vec(),
        columns: [&*p.o, &*p.h, &*p.l, &*p.c, &*p.v],
    }
}

/// `analyzeSymbol` for many symbols from packed columns, in parallel.
#[edgekit_macros::boundary]
#[napi(
    js_name = "analyzeSymbols",
    namespace = "ltp",
    ts_return_type = "Array<DetectedSetup | null>"
)]
pub fn analyze_symbols(batch: PackedSymbols) -> std::result::Result<Vec<MaybeSetup>, Error<Code>> {
    Ok(setups(packed(&batch).analyze().map_err(to_js)?))
}

/// `analyzeSymbols` off the JS thread: a Promise of the setups.
#[edgekit_macros::boundary]
#[napi(
    js_name = "analyzeSymbolsAsync",
    namespace = "ltp",
    ts_return_type = "Promise<Array<DetectedSetup | null>>"
)]
pub fn analyze_symbols_async(
    batch: PackedSymbols,
) -> std::result::Result<Async<Setups, Vec<MaybeSetup>>, Error<Code>> {
    let p = packed(&batch);
    let owned = Packed {
        symbols: p.symbols,
        prices: p.prices,
        timeframes: p.timeframes,
        with_patience: p.with_patience,
        offsets: p.offsets,
        columns: p.columns.map(<[f64]>::to_vec),
    };
    Ok(work(
        "ltp.analyzeSymbolsAsync",
        move || owned.analyze(),
        |found| Ok(setups(found)),
    ))
}

// Layers 2 and 3: the streaming tracker.

fn profile_from(profile: Option<Value>) -> JsResult<ltp::Profile> {
    match profile {
        None | Some(Value::Null) => Ok(ltp::Profile::default()),
        Some(p) => serde_json::from_value(p)
            .map_err(|e| Error::new(Code::INVALID_INPUT, format!("profile: {e}"))),
    }
}

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

/// One tracker event.
#[napi(object, namespace = "ltp")]
pub struct TrackerEvent {
    pub symbol: String,
    pub timestamp: f64,
    #[napi(
        ts_type = "'level_approach' | 'setup_forming' | 'setup_ready' | 'triggered' | 'stopped' | 'target_hit' | 'expired'"
    )]
    pub kind: String,
    #[napi(ts_type = "'bullish' | 'bearish' | null")]
    pub direction: Either<String, Null>,
    #[napi(js_name = "level_type")]
    pub level_type: String,
    #[napi(js_name = "level_price")]
    pub level_price: f64,
    pub score: f64,
    #[napi(ts_type = "'A+' | 'A' | 'B' | 'C' | 'D' | 'F'")]
    pub grade: String,
    #[napi(ts_type = "number | null")]
    pub entry: Nullable,
    #[napi(ts_type = "number | null")]
    pub stop: Nullable,
    #[napi(ts_type = "number | null")]
    pub target: Nullable,
    #[napi(
        ts_type = "'no_trigger' | 'opposite_side_broken' | 'left_level' | 'trend_changed' | 'session_end' | null"
    )]
    pub reason: Either<String, Null>,
}

fn snake<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Events as JS objects with the symbol's name.
fn events_value(tracker: &ltp::Tracker, events: &[ltp::Event]) -> JsResult<Vec<TrackerEvent>> {
    Ok(events
        .iter()
        .map(|e| TrackerEvent {
            symbol: tracker.symbol_name(e.symbol).unwrap_or_default().to_owned(),
            timestamp: e.timestamp as f64,
            kind: snake(&e.kind),
            direction: e
                .direction
                .map_or(Either::B(Null), |d| Either::A(d.as_str().to_owned())),
            level_type: e.level_type.to_string(),
            level_price: e.level_price,
            score: e.score,
            grade: e.grade.as_str().to_owned(),
            entry: nullable(e.entry),
            stop: nullable(e.stop),
            target: nullable(e.target),
            reason: e.reason.map_or(Either::B(Null), |r| Either::A(snake(&r))),
        })
        .collect())
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
    #[napi(constructor, ts_args_type = "profile?: Record<string, unknown> | null")]
    pub fn new(profile: Option<Value>) -> std::result::Result<Self, Error<Code>> {
        Ok(Tracker {
            inner: ltp::Tracker::new(profile_from(profile)?).map_err(to_js)?,
        })
    }

    /// The profile in force.
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "Record<string, unknown>")]
    pub fn profile(&self) -> std::result::Result<Value, Error<Code>> {
        to_value(self.inner.profile())
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
    #[napi]
    pub fn set_levels(
        &mut self,
        symbol: String,
        levels: Vec<KeyLevel>,
    ) -> std::result::Result<(), Error<Code>> {
        let levels = levels.into_iter().map(Into::into).collect();
        self.inner.set_levels(&symbol, levels).map_err(to_js)
    }

    /// One bar; returns the events it causes.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn update(
        &mut self,
        symbol: String,
        bar: StreamBar,
    ) -> std::result::Result<Vec<TrackerEvent>, Error<Code>> {
        let bar = ltp::Bar {
            t: seconds(bar.t, 0)?,
            o: bar.o,
            h: bar.h,
            l: bar.l,
            c: bar.c,
            v: bar.v.unwrap_or(0.0),
        };
        let events = self.inner.update(&symbol, &bar).map_err(to_js)?;
        events_value(&self.inner, &events)
    }

    /// Bars of many symbols in time order: `symbols[i]` (a name, or an id from `symbolId`)
    /// names row i of `bars`.
    #[edgekit_macros::boundary]
    #[napi(ts_args_type = "symbols: string[] | Uint32Array, bars: StreamColumns")]
    pub fn update_many(
        &mut self,
        symbols: Either<Vec<String>, Uint32Array>,
        bars: StreamColumns,
    ) -> std::result::Result<Vec<TrackerEvent>, Error<Code>> {
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
        events_value(&self.inner, &out)
    }

    /// The KCU read at the symbol's last setup candle, or null.
    #[edgekit_macros::boundary]
    #[napi(ts_return_type = "Record<string, any> | null")]
    pub fn evaluation(&self, symbol: String) -> std::result::Result<Value, Error<Code>> {
        to_value(&self.inner.evaluation(&symbol))
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
#[napi(namespace = "ltp", ts_return_type = "Record<string, unknown>")]
pub fn default_profile(forex_hourly: Option<bool>) -> std::result::Result<Value, Error<Code>> {
    to_value(&if forex_hourly.unwrap_or(false) {
        ltp::Profile::forex_hourly()
    } else {
        ltp::Profile::default()
    })
}
