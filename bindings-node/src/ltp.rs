//! `ltp` namespace: the KCU LTP engine on bar columns (`{ o, h, l, c, v? }` of Float64Array,
//! read in place). Structured values cross through serde, so objects have exactly the
//! dashboard's shapes. `edgekit/ltp` (ltp.js) wraps these for the dashboard's `Bar[]` objects.

use std::collections::BTreeMap;

use edgekit::ltp::{self, Direction, KeyLevel, LevelResult, LtpError, MtfAnalysis, PatienceResult};
use edgekit::patterns::Bars;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::errors::{Code, JsResult, into_rejection, invalid_type, to_js};

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

fn from_value<T: serde::de::DeserializeOwned>(value: Value, what: &str) -> JsResult<T> {
    serde_json::from_value(value).map_err(|e| invalid_type(format!("{what}: {e}")))
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
    pub count: u32,
}

#[napi(
    js_name = "calculateLTPScore",
    namespace = "ltp",
    ts_return_type = "{ level: number; trend: number; patience: number; overall: number }"
)]
pub fn calculate_ltp_score(
    level: f64,
    trend: f64,
    patience: f64,
) -> std::result::Result<Value, Error<Code>> {
    to_value(&ltp::calculate_ltp_score(level, trend, patience).map_err(to_js)?)
}

#[napi(js_name = "calculateEMA", namespace = "ltp")]
pub fn calculate_ema(data: Float64Array, period: u32) -> std::result::Result<f64, Error<Code>> {
    ltp::calculate_ema(&data, period as usize).map_err(to_js)
}

#[napi(js_name = "calculateVWAP", namespace = "ltp")]
pub fn calculate_vwap(bars_: BarColumns) -> std::result::Result<f64, Error<Code>> {
    ltp::calculate_vwap(bars(&bars_, "bars")?).map_err(to_js)
}

#[napi(js_name = "detectPatienceCandle", namespace = "ltp")]
pub fn detect_patience_candle(
    bars_: BarColumns,
    level_price: f64,
    max_candle_size: Option<f64>,
) -> std::result::Result<Patience, Error<Code>> {
    let r = ltp::detect_patience_candle(
        bars(&bars_, "bars")?,
        level_price,
        max_candle_size.unwrap_or(0.5),
    )
    .map_err(to_js)?;
    Ok(Patience {
        detected: r.detected,
        count: r.count,
    })
}

#[napi(
    js_name = "scoreLevelProximity",
    namespace = "ltp",
    ts_args_type = "price: number, levels: Array<{ type: string; price: number; timeframe: string; strength: number }>, threshold?: number",
    ts_return_type = "{ score: number; level: { type: string; price: number; timeframe: string; strength: number } | null }"
)]
pub fn score_level_proximity(
    price: f64,
    levels: Value,
    threshold: Option<f64>,
) -> std::result::Result<Value, Error<Code>> {
    let levels: Vec<KeyLevel> = from_value(levels, "levels")?;
    to_value(&ltp::score_level_proximity(price, &levels, threshold.unwrap_or(0.3)).map_err(to_js)?)
}

#[napi(
    js_name = "scoreTrendAlignment",
    namespace = "ltp",
    ts_args_type = "analyses: Array<{ timeframe: string; trend: 'bullish' | 'bearish' | 'neutral'; structure: string; ema_position: string; momentum: string; orb_status: string | null; vwap_position: string | null }>, direction: 'bullish' | 'bearish', weights?: Record<string, number> | null"
)]
pub fn score_trend_alignment(
    analyses: Value,
    direction_name: String,
    weights: Option<Value>,
) -> std::result::Result<f64, Error<Code>> {
    let analyses: Vec<MtfAnalysis> = from_value(analyses, "analyses")?;
    let weights: Option<BTreeMap<String, f64>> = match weights {
        None | Some(Value::Null) => None,
        Some(w) => Some(from_value(w, "weights")?),
    };
    ltp::score_trend_alignment(&analyses, direction(&direction_name)?, weights.as_ref())
        .map_err(to_js)
}

#[napi(js_name = "scorePatienceQuality", namespace = "ltp")]
pub fn score_patience_quality(result: Patience) -> f64 {
    ltp::score_patience_quality(PatienceResult {
        detected: result.detected,
        count: result.count,
    })
}

#[napi(
    js_name = "calculateTradeParams",
    namespace = "ltp",
    ts_args_type = "price: number, level: { type: string; price: number; timeframe: string; strength: number } | null, direction: 'bullish' | 'bearish'",
    ts_return_type = "{ suggested_entry: number | null; suggested_stop: number | null; target_1: number | null; target_2: number | null; target_3: number | null; risk_reward: number | null }"
)]
pub fn calculate_trade_params(
    price: f64,
    level: Option<Value>,
    direction_name: String,
) -> std::result::Result<Value, Error<Code>> {
    let level: Option<KeyLevel> = match level {
        None | Some(Value::Null) => None,
        Some(l) => Some(from_value(l, "level")?),
    };
    to_value(
        &ltp::calculate_trade_params(price, level.as_ref(), direction(&direction_name)?)
            .map_err(to_js)?,
    )
}

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

#[napi(
    js_name = "generateCoachNote",
    namespace = "ltp",
    ts_args_type = "levelResult: { score: number; level: { type: string; price: number; timeframe: string; strength: number } | null }, trendScore: number, patienceResult: Patience, direction: 'bullish' | 'bearish'"
)]
pub fn generate_coach_note(
    level_result: Value,
    trend_score: f64,
    patience_result: Patience,
    direction_name: String,
) -> std::result::Result<String, Error<Code>> {
    let level: LevelResult = from_value(level_result, "levelResult")?;
    let patience = PatienceResult {
        detected: patience_result.detected,
        count: patience_result.count,
    };
    Ok(ltp::generate_coach_note(
        &level,
        trend_score,
        patience,
        direction(&direction_name)?,
    ))
}

#[napi(
    js_name = "keyLevels",
    namespace = "ltp",
    ts_return_type = "Array<{ type: string; price: number; timeframe: string; strength: number }>"
)]
pub fn key_levels(
    daily: BarColumns,
    intraday: BarColumns,
) -> std::result::Result<Value, Error<Code>> {
    to_value(&ltp::key_levels(
        bars(&daily, "daily")?,
        bars(&intraday, "intraday")?,
    ))
}

#[napi(
    js_name = "analyzeTimeframe",
    namespace = "ltp",
    ts_args_type = "bars: BarColumns, timeframe: '2m' | '5m' | '15m' | '1h' | '4h' | 'daily' | 'weekly'",
    ts_return_type = "{ timeframe: string; trend: 'bullish' | 'bearish' | 'neutral'; structure: 'uptrend' | 'downtrend' | 'range'; ema_position: 'above_all' | 'below_all' | 'mixed'; momentum: 'strong' | 'moderate' | 'weak'; orb_status: null; vwap_position: null }"
)]
pub fn analyze_timeframe(
    bars_: BarColumns,
    timeframe: String,
) -> std::result::Result<Value, Error<Code>> {
    let b = bars(&bars_, &timeframe)?;
    to_value(&ltp::analyze_timeframe(b, &timeframe).map_err(to_js)?)
}

/// One timeframe's bars.
#[napi(object, namespace = "ltp")]
pub struct TimeframeBars {
    pub timeframe: String,
    pub bars: BarColumns,
}

/// What `analyzeSymbol` needs: the quote and the bars the dashboard would fetch.
#[napi(object, namespace = "ltp")]
pub struct SymbolBars {
    pub symbol: String,
    pub price: f64,
    pub daily: BarColumns,
    pub intraday: BarColumns,
    /// In the order to analyse (the dashboard: 5m, 15m, 1h, 4h, daily).
    pub timeframes: Vec<TimeframeBars>,
    /// Bars for the patience check; `intraday` when absent.
    pub patience: Option<BarColumns>,
}

/// Owned copies of one symbol's columns, so the work can leave the JS thread.
struct OwnedSymbol {
    symbol: String,
    price: f64,
    daily: OwnedBars,
    intraday: OwnedBars,
    timeframes: Vec<(String, OwnedBars)>,
    patience: Option<OwnedBars>,
}

struct OwnedBars([Vec<f64>; 4], Option<Vec<f64>>);

impl OwnedBars {
    fn of(b: &BarColumns) -> Self {
        OwnedBars(
            [b.o.to_vec(), b.h.to_vec(), b.l.to_vec(), b.c.to_vec()],
            b.v.as_ref().map(|v| v.to_vec()),
        )
    }

    fn bars(&self, name: &str) -> std::result::Result<Bars<'_>, LtpError> {
        let [o, h, l, c] = &self.0;
        Bars::new(o, h, l, c, self.1.as_deref()).map_err(LtpError::bars(name))
    }
}

impl OwnedSymbol {
    fn of(s: &SymbolBars) -> Self {
        OwnedSymbol {
            symbol: s.symbol.clone(),
            price: s.price,
            daily: OwnedBars::of(&s.daily),
            intraday: OwnedBars::of(&s.intraday),
            timeframes: s
                .timeframes
                .iter()
                .map(|t| (t.timeframe.clone(), OwnedBars::of(&t.bars)))
                .collect(),
            patience: s.patience.as_ref().map(OwnedBars::of),
        }
    }

    fn input(&self) -> std::result::Result<ltp::SymbolInput<'_>, LtpError> {
        let name = |what: &str| format!("{} {what}", self.symbol);
        let mut timeframes = Vec::with_capacity(self.timeframes.len());
        for (tf, b) in &self.timeframes {
            timeframes.push((tf.as_str(), b.bars(&name(tf))?));
        }
        Ok(ltp::SymbolInput {
            symbol: &self.symbol,
            price: self.price,
            daily: self.daily.bars(&name("daily"))?,
            intraday: self.intraday.bars(&name("intraday"))?,
            timeframes,
            patience: match &self.patience {
                Some(p) => Some(p.bars(&name("patience"))?),
                None => None,
            },
        })
    }
}

fn analyze_owned(
    symbols: &[OwnedSymbol],
) -> std::result::Result<Vec<Option<ltp::DetectedSetup>>, LtpError> {
    let inputs = symbols
        .iter()
        .map(OwnedSymbol::input)
        .collect::<std::result::Result<Vec<_>, _>>()?;
    ltp::analyze_symbols(&inputs)
}

#[napi(
    js_name = "analyzeSymbol",
    namespace = "ltp",
    ts_return_type = "{ symbol: string; direction: 'bullish' | 'bearish'; setup_stage: 'forming' | 'ready' | 'triggered'; confluence_score: number; level_score: number; trend_score: number; patience_score: number; mtf_score: number; primary_level_type: string | null; primary_level_price: number | null; patience_candles: number; suggested_entry: number | null; suggested_stop: number | null; target_1: number | null; target_2: number | null; target_3: number | null; risk_reward: number | null; coach_note: string } | null"
)]
pub fn analyze_symbol(input: SymbolBars) -> std::result::Result<Value, Error<Code>> {
    let owned = [OwnedSymbol::of(&input)];
    let mut setups = analyze_owned(&owned).map_err(to_js)?;
    to_value(&setups.pop().flatten())
}

#[napi(
    js_name = "analyzeSymbols",
    namespace = "ltp",
    ts_return_type = "Array<ReturnType<typeof analyzeSymbol>>"
)]
pub fn analyze_symbols(inputs: Vec<SymbolBars>) -> std::result::Result<Value, Error<Code>> {
    let owned: Vec<OwnedSymbol> = inputs.iter().map(OwnedSymbol::of).collect();
    to_value(&analyze_owned(&owned).map_err(to_js)?)
}

pub struct AnalyzeTask(Vec<OwnedSymbol>);

/// A serde value resolved as a JS value (what a Promise needs of its result type).
pub struct Json(Value);

impl TypeName for Json {
    fn type_name() -> &'static str {
        "Object"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for Json {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: forwarded unchanged to serde_json::Value's conversion on the same env.
        unsafe { Value::to_napi_value(env, val.0) }
    }
}

impl Task for AnalyzeTask {
    type Output = std::result::Result<Vec<Option<ltp::DetectedSetup>>, LtpError>;
    type JsValue = Json;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(analyze_owned(&self.0))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Json> {
        let setups = output.map_err(|e| into_rejection(&env, to_js(e)))?;
        to_value(&setups)
            .map(Json)
            .map_err(|e| into_rejection(&env, e))
    }
}

/// `analyzeSymbols` off the JS thread: a Promise of the setups.
#[napi(
    js_name = "analyzeSymbolsAsync",
    namespace = "ltp",
    ts_return_type = "Promise<Array<ReturnType<typeof analyzeSymbol>>>"
)]
pub fn analyze_symbols_async(inputs: Vec<SymbolBars>) -> AsyncTask<AnalyzeTask> {
    AsyncTask::new(AnalyzeTask(inputs.iter().map(OwnedSymbol::of).collect()))
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

/// Events as JS objects with the symbol's name.
fn events_value(tracker: &ltp::Tracker, events: &[ltp::Event]) -> JsResult<Value> {
    let mut value = to_value(&events)?;
    if let Some(list) = value.as_array_mut() {
        for (v, e) in list.iter_mut().zip(events) {
            v["symbol"] = tracker.symbol_name(e.symbol).unwrap_or_default().into();
        }
    }
    Ok(value)
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

#[napi(namespace = "ltp")]
impl Tracker {
    /// A tracker; `profile` overrides any defaults (see `ltp.defaultProfile()`).
    #[napi(constructor, ts_args_type = "profile?: Record<string, unknown> | null")]
    pub fn new(profile: Option<Value>) -> std::result::Result<Self, Error<Code>> {
        Ok(Tracker {
            inner: ltp::Tracker::new(profile_from(profile)?).map_err(to_js)?,
        })
    }

    /// The profile in force.
    #[napi(getter, ts_return_type = "Record<string, unknown>")]
    pub fn profile(&self) -> std::result::Result<Value, Error<Code>> {
        to_value(self.inner.profile())
    }

    /// Symbols seen so far, in id order.
    #[napi(getter)]
    pub fn symbols(&self) -> Vec<String> {
        self.inner.symbols().to_vec()
    }

    /// The id of a symbol (registered on first sight), for `updateMany` with ids.
    #[napi]
    pub fn symbol_id(&mut self, symbol: String) -> u32 {
        self.inner.symbol_id(&symbol)
    }

    /// User levels (`{ type, price, timeframe, strength }`) for a symbol.
    #[napi(
        ts_args_type = "symbol: string, levels: Array<{ type: string; price: number; timeframe: string; strength: number }>"
    )]
    pub fn set_levels(
        &mut self,
        symbol: String,
        levels: Value,
    ) -> std::result::Result<(), Error<Code>> {
        let levels: Vec<KeyLevel> = from_value(levels, "levels")?;
        self.inner.set_levels(&symbol, levels).map_err(to_js)
    }

    /// One bar; returns the events it causes.
    #[napi(ts_return_type = "Array<Record<string, any>>")]
    pub fn update(
        &mut self,
        symbol: String,
        bar: StreamBar,
    ) -> std::result::Result<Value, Error<Code>> {
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
    #[napi(
        ts_args_type = "symbols: string[] | Uint32Array, bars: StreamColumns",
        ts_return_type = "Array<Record<string, any>>"
    )]
    pub fn update_many(
        &mut self,
        symbols: Either<Vec<String>, Uint32Array>,
        bars: StreamColumns,
    ) -> std::result::Result<Value, Error<Code>> {
        let ids: Vec<u32> = match symbols {
            Either::A(names) => names.iter().map(|s| self.inner.symbol_id(s)).collect(),
            Either::B(ids) => ids.to_vec(),
        };
        let n = ids.len();
        let zero;
        let v: &[f64] = match &bars.v {
            Some(v) => v,
            None => {
                zero = vec![0.0; n];
                &zero
            }
        };
        for (name, len) in [
            ("t", bars.t.len()),
            ("o", bars.o.len()),
            ("h", bars.h.len()),
            ("l", bars.l.len()),
            ("c", bars.c.len()),
            ("v", v.len()),
        ] {
            if len != n {
                return Err(Error::new(
                    Code::INVALID_INPUT,
                    format!("symbols has {n} rows but {name} has {len}"),
                ));
            }
        }
        let mut out = Vec::new();
        for (i, &id) in ids.iter().enumerate() {
            let bar = ltp::Bar {
                t: seconds(bars.t[i], i)?,
                o: bars.o[i],
                h: bars.h[i],
                l: bars.l[i],
                c: bars.c[i],
                v: v[i],
            };
            self.inner.update_id(id, &bar, &mut out).map_err(to_js)?;
        }
        events_value(&self.inner, &out)
    }

    /// The KCU read at the symbol's last setup candle, or null.
    #[napi(ts_return_type = "Record<string, any> | null")]
    pub fn evaluation(&self, symbol: String) -> std::result::Result<Value, Error<Code>> {
        to_value(&self.inner.evaluation(&symbol))
    }

    /// Compact binary state.
    #[napi]
    pub fn to_bytes(&self) -> Buffer {
        self.inner.to_bytes().into()
    }

    /// A tracker from `toBytes()`.
    #[napi(factory)]
    pub fn from_bytes(bytes: Buffer) -> std::result::Result<Self, Error<Code>> {
        Ok(Tracker {
            inner: ltp::Tracker::from_bytes(&bytes).map_err(to_js)?,
        })
    }

    /// JSON state.
    #[napi(js_name = "toJSONString")]
    pub fn to_json_string(&self) -> std::result::Result<String, Error<Code>> {
        serde_json::to_string(&self.inner).map_err(|e| invalid_type(e.to_string()))
    }

    /// A tracker from `toJSONString()`.
    #[napi(factory, js_name = "fromJSONString")]
    pub fn from_json_string(text: String) -> std::result::Result<Self, Error<Code>> {
        let inner: ltp::Tracker = serde_json::from_str(&text)
            .map_err(|e| to_js(LtpError::InvalidState(e.to_string())))?;
        Ok(Tracker { inner })
    }
}

/// Every KCU parameter with its default; `forexHourly` for a 24-hour market on hourly bars.
#[napi(namespace = "ltp", ts_return_type = "Record<string, unknown>")]
pub fn default_profile(forex_hourly: Option<bool>) -> std::result::Result<Value, Error<Code>> {
    to_value(&if forex_hourly.unwrap_or(false) {
        ltp::Profile::forex_hourly()
    } else {
        ltp::Profile::default()
    })
}
