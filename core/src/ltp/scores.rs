//! Layer 1: the dashboard's scoring functions (`ltp-engine.ts`), operation for operation, so a
//! TypeScript caller gets the same numbers. Rounding is JavaScript's `Math.round`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::{LtpError, finite};
use super::levels::{LevelResult, check_levels};
use crate::patterns::Bars;

/// JavaScript's `Math.round`: the nearest integer, halves towards +∞ (−2.5 → −2).
///
/// ```
/// use edgekit::ltp::js_round;
///
/// assert_eq!(js_round(2.5), 3.0);
/// assert_eq!(js_round(-2.5), -2.0);
/// assert_eq!(js_round(0.49999999999999994), 0.0);
/// assert!(js_round(-0.3).is_sign_negative());
/// ```
pub fn js_round(x: f64) -> f64 {
    let floor = x.floor();
    // x − floor(x) is exact for every finite double, so the half test never misfires.
    let rounded = if x - floor >= 0.5 { floor + 1.0 } else { floor };
    // JavaScript keeps the sign of zero: Math.round(-0.3) is -0.
    if rounded == 0.0 && x.is_sign_negative() {
        -0.0
    } else {
        rounded
    }
}

fn cents(x: f64) -> f64 {
    js_round(x * 100.0) / 100.0
}

/// Long or short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Direction {
    /// Long.
    Bullish,
    /// Short.
    Bearish,
}

impl Direction {
    /// "bullish" or "bearish".
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Bullish => "bullish",
            Direction::Bearish => "bearish",
        }
    }
}

impl FromStr for TrendState {
    type Err = LtpError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "bullish" => Ok(TrendState::Bullish),
            "bearish" => Ok(TrendState::Bearish),
            "neutral" => Ok(TrendState::Neutral),
            other => Err(LtpError::UnknownTrend(other.to_owned())),
        }
    }
}

impl TrendState {
    /// "bullish", "bearish" or "neutral".
    pub fn as_str(self) -> &'static str {
        match self {
            TrendState::Bullish => "bullish",
            TrendState::Bearish => "bearish",
            TrendState::Neutral => "neutral",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Direction {
    type Err = LtpError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "bullish" => Ok(Direction::Bullish),
            "bearish" => Ok(Direction::Bearish),
            other => Err(LtpError::UnknownDirection(other.to_owned())),
        }
    }
}

/// A price level: `type` is free text ("pdh", "vwap", ...), `strength` is 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct KeyLevel {
    /// Level type, e.g. "pdh".
    #[serde(rename = "type")]
    pub kind: String,
    /// Price.
    pub price: f64,
    /// Timeframe label it came from ("daily", "intraday", ...).
    pub timeframe: String,
    /// Strength, 0–100 by convention.
    pub strength: f64,
}

impl KeyLevel {
    /// A level from its parts.
    pub fn new(kind: &str, price: f64, timeframe: &str, strength: f64) -> Self {
        KeyLevel {
            kind: kind.to_owned(),
            price,
            timeframe: timeframe.to_owned(),
            strength,
        }
    }
}

/// The three component scores and the weighted overall score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct LtpScore {
    /// Level score clamped to [0, 100].
    pub level: f64,
    /// Trend score clamped to [0, 100].
    pub trend: f64,
    /// Patience score clamped to [0, 100].
    pub patience: f64,
    /// round(0.35·level + 0.35·trend + 0.30·patience).
    pub overall: f64,
}

/// `calculateLTPScore`: clamps each component to [0, 100] and weights them 35/35/30.
///
/// ```
/// use edgekit::ltp::calculate_ltp_score;
///
/// let s = calculate_ltp_score(150.0, 70.0, 70.0)?;
/// assert_eq!((s.level, s.overall), (100.0, 81.0)); // 80.5 rounds up, as in JavaScript
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn calculate_ltp_score(level: f64, trend: f64, patience: f64) -> Result<LtpScore, LtpError> {
    // `Math.min(100, Math.max(0, x))`: ±Infinity clamp, −0 becomes 0; only NaN stays NaN.
    let clamp = |name: &str, x: f64| {
        if x.is_nan() {
            Err(LtpError::NotFinite {
                argument: name.to_owned(),
                value: x,
            })
        } else if x > 0.0 {
            Ok(x.min(100.0))
        } else {
            Ok(0.0)
        }
    };
    let (level, trend, patience) = (
        clamp("level", level)?,
        clamp("trend", trend)?,
        clamp("patience", patience)?,
    );
    let overall = level * 0.35 + trend * 0.35 + patience * 0.30;
    Ok(LtpScore {
        level,
        trend,
        patience,
        overall: js_round(overall),
    })
}

/// `calculateEMA`: the final value of an EMA seeded with the mean of the first `period`
/// values; 0 for no data or `period` 0, the last value when there are fewer than `period`.
///
/// ```
/// use edgekit::ltp::calculate_ema;
///
/// assert_eq!(calculate_ema(&[10.0, 11.0, 12.0], 5)?, 12.0);
/// assert_eq!(calculate_ema(&[1.0, 2.0, 3.0, 4.0], 3)?, 3.0);
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn calculate_ema(data: &[f64], period: usize) -> Result<f64, LtpError> {
    if let Some(i) = data.iter().position(|x| !x.is_finite()) {
        return Err(LtpError::NotFinite {
            argument: format!("data[{i}]"),
            value: data[i],
        });
    }
    Ok(ema_unchecked(data, period))
}

pub(crate) fn ema_unchecked(data: &[f64], period: usize) -> f64 {
    if data.is_empty() || period == 0 {
        return 0.0;
    }
    if data.len() < period {
        return data[data.len() - 1];
    }
    let seed = data[..period].iter().fold(0.0, |a, b| a + b) / period as f64;
    ema_from(seed, &data[period..], period)
}

/// The EMA recurrence `ema = (x − ema)·2/(period+1) + ema` over `rest`, from `seed`.
pub(crate) fn ema_from(seed: f64, rest: &[f64], period: usize) -> f64 {
    let multiplier = 2.0 / (period as f64 + 1.0);
    rest.iter()
        .fold(seed, |ema, &x| (x - ema) * multiplier + ema)
}

/// `calculateVWAP`: Σ(typical price · volume) / Σ volume over all bars, 0 without volume.
///
/// ```
/// use edgekit::{ltp::calculate_vwap, patterns::Bars};
///
/// let bars = Bars::new(&[98.0, 100.0], &[102.0, 110.0], &[98.0, 100.0], &[100.0, 110.0],
///                      Some(&[1000.0, 9000.0]))?;
/// assert!((calculate_vwap(bars)? - 106.0).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn calculate_vwap(bars: Bars) -> Result<f64, LtpError> {
    let volume = bars.volume.ok_or_else(|| LtpError::InvalidBars {
        input: "bars".into(),
        source: crate::patterns::PatternError::MissingVolume,
    })?;
    Ok(vwap_unchecked(bars.high, bars.low, bars.close, volume))
}

/// EMA 9 and EMA 21 of `data` in one pass, each bit for bit [`ema_unchecked`]: the two
/// recurrences are independent, so interleaving them hides one's latency behind the other's.
pub(crate) fn ema_9_21_unchecked(data: &[f64]) -> (f64, f64) {
    if data.len() < 21 {
        return (ema_unchecked(data, 9), ema_unchecked(data, 21));
    }
    let (mut s9, mut s21) = (0.0, 0.0);
    for (i, &x) in data[..21].iter().enumerate() {
        if i < 9 {
            s9 += x;
        }
        s21 += x;
    }
    let (m9, m21) = (2.0 / 10.0, 2.0 / 22.0);
    let mut e9 = s9 / 9.0;
    for &x in &data[9..21] {
        e9 = (x - e9) * m9 + e9;
    }
    let mut e21 = s21 / 21.0;
    for &x in &data[21..] {
        e9 = (x - e9) * m9 + e9;
        e21 = (x - e21) * m21 + e21;
    }
    (e9, e21)
}

pub(crate) fn vwap_unchecked(high: &[f64], low: &[f64], close: &[f64], volume: &[f64]) -> f64 {
    let (mut tpv, mut total) = (0.0, 0.0);
    for i in 0..volume.len() {
        let typical = (high[i] + low[i] + close[i]) / 3.0;
        tpv += typical * volume[i];
        total += volume[i];
    }
    if total > 0.0 { tpv / total } else { 0.0 }
}

/// Patience candles found near a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "Patience"))]
pub struct PatienceResult {
    /// At least two were found.
    pub detected: bool,
    /// How many of the last five bars qualify.
    pub count: u32,
}

pub(crate) fn is_positive_finite(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

/// The dashboard's default `maxCandleSize` of [`detect_patience_candle`] (percent of the open).
pub const PATIENCE_MAX_CANDLE: f64 = 0.5;

/// `detectPatienceCandle`: of the last five bars, those with a body under `max_candle_size` %
/// of the open and a close within 0.3 % of the level; detected at two or more (needs ≥ 3 bars).
///
/// ```
/// use edgekit::{ltp::detect_patience_candle, patterns::Bars};
///
/// let bars = Bars::new(&[100.0, 100.1, 100.0], &[100.3, 100.2, 100.2], &[99.9, 99.9, 99.8],
///                      &[100.1, 100.0, 100.05], None)?;
/// let p = detect_patience_candle(bars, 100.0, 0.5)?;
/// assert_eq!((p.detected, p.count), (true, 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn detect_patience_candle(
    bars: Bars,
    level_price: f64,
    max_candle_size: f64,
) -> Result<PatienceResult, LtpError> {
    // Any level and size, as the dashboard reads them: a level that is not a positive finite
    // number is far from every close, and `size < NaN` is false.
    Ok(patience_unchecked(
        bars.open,
        bars.close,
        level_price,
        max_candle_size,
    ))
}

pub(crate) fn patience_unchecked(
    open: &[f64],
    close: &[f64],
    level: f64,
    max_size: f64,
) -> PatienceResult {
    if open.len() < 3 {
        return PatienceResult {
            detected: false,
            count: 0,
        };
    }
    let start = open.len().saturating_sub(5);
    let mut count = 0;
    for i in start..open.len() {
        let (o, c) = (open[i], close[i]);
        let size = if is_positive_finite(o) {
            (c - o).abs() / o * 100.0
        } else {
            0.0
        };
        let distance = if is_positive_finite(level) {
            (c - level).abs() / level * 100.0
        } else {
            100.0
        };
        if size < max_size && distance < 0.3 {
            count += 1;
        }
    }
    PatienceResult {
        detected: count >= 2,
        count,
    }
}

/// A timeframe's trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum TrendState {
    /// Close above EMA 9 above EMA 21.
    Bullish,
    /// Close below EMA 9 below EMA 21.
    Bearish,
    /// Neither.
    Neutral,
}

/// Structure of the last five bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Structure {
    /// Highs and lows never fall.
    Uptrend,
    /// Highs and lows never rise.
    Downtrend,
    /// Otherwise.
    Range,
}

/// The close against the two EMAs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum EmaPosition {
    /// Above EMA 9 and EMA 21.
    AboveAll,
    /// Below both.
    BelowAll,
    /// Otherwise.
    Mixed,
}

/// Size of the move since the first close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Momentum {
    /// More than 2 %.
    Strong,
    /// More than 1 %.
    Moderate,
    /// Otherwise.
    Weak,
}

/// One timeframe's analysis (`MTFAnalysis`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct MtfAnalysis {
    /// Timeframe label.
    pub timeframe: String,
    /// Trend.
    pub trend: TrendState,
    /// Structure.
    pub structure: Structure,
    /// EMA position.
    pub ema_position: EmaPosition,
    /// Momentum.
    pub momentum: Momentum,
    /// Always null in the dashboard's analysis.
    pub orb_status: Option<String>,
    /// Always null in the dashboard's analysis.
    pub vwap_position: Option<String>,
}

/// The dashboard's default timeframe weights.
pub fn default_trend_weights() -> BTreeMap<String, f64> {
    [
        ("weekly", 0.15),
        ("daily", 0.20),
        ("4h", 0.15),
        ("1h", 0.20),
        ("15m", 0.15),
        ("5m", 0.10),
        ("2m", 0.05),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// `scoreTrendAlignment`: Σ weight·100 over the analyses whose trend is `direction`, rounded.
/// Given `weights` replace the defaults entirely; a timeframe without a weight, or with 0 or NaN,
/// counts 0.1, as in the dashboard (`|| 0.1`); an infinite weight is refused.
///
/// ```
/// use edgekit::ltp::{score_trend_alignment, Direction, MtfAnalysis};
///
/// let bull: MtfAnalysis = serde_json::from_str(r#"{"timeframe":"daily","trend":"bullish",
///   "structure":"uptrend","ema_position":"above_all","momentum":"weak","orb_status":null,"vwap_position":null}"#)?;
/// assert_eq!(score_trend_alignment(&[bull], Direction::Bullish, None)?, 20.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_trend_alignment(
    analyses: &[MtfAnalysis],
    direction: Direction,
    weights: Option<&BTreeMap<String, f64>>,
) -> Result<f64, LtpError> {
    let defaults;
    let weights = match weights {
        Some(w) => w,
        None => {
            defaults = default_trend_weights();
            &defaults
        }
    };
    let want = match direction {
        Direction::Bullish => TrendState::Bullish,
        Direction::Bearish => TrendState::Bearish,
    };
    let mut score = 0.0;
    for a in analyses {
        // `weights[timeframe] || 0.1`: a missing, zero or NaN weight counts 0.1.
        let weight = match weights.get(&a.timeframe) {
            Some(&w) if w != 0.0 && !w.is_nan() => w,
            _ => 0.1,
        };
        if a.trend == want {
            score += weight * 100.0;
        }
    }
    if !score.is_finite() {
        // An infinite or huge weight: the dashboard answers Infinity or NaN.
        return Err(LtpError::OutOfRange {
            argument: "the weighted trend score".into(),
            value: score,
            range: "finite (the weights are too large)",
        });
    }
    Ok(js_round(score))
}

/// `scorePatienceQuality`: 0 if not detected, else min(20·count, 60) + 40.
///
/// ```
/// use edgekit::ltp::{score_patience_quality, PatienceResult};
///
/// assert_eq!(score_patience_quality(PatienceResult { detected: true, count: 2 }), 80.0);
/// ```
pub fn score_patience_quality(result: PatienceResult) -> f64 {
    if !result.detected {
        return 0.0;
    }
    (f64::from(result.count) * 20.0).min(60.0) + 40.0
}

/// Entry, stop, three targets and reward/risk (`calculateTradeParams`); all `None` without a level.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct TradeParams {
    /// Entry (the current price), to the cent.
    pub suggested_entry: Option<f64>,
    /// Stop one "ATR" (1 % of price) beyond the level, to the cent.
    pub suggested_stop: Option<f64>,
    /// 1R target.
    pub target_1: Option<f64>,
    /// 2R target.
    pub target_2: Option<f64>,
    /// 3R target.
    pub target_3: Option<f64>,
    /// |target 2 − entry| / |entry − stop| to 0.1 (0 without risk).
    pub risk_reward: Option<f64>,
}

/// `calculateTradeParams`.
///
/// ```
/// use edgekit::ltp::{calculate_trade_params, Direction, KeyLevel};
///
/// let level = KeyLevel::new("pdl", 99.5, "daily", 80.0);
/// let t = calculate_trade_params(100.0, Some(&level), Direction::Bullish)?;
/// assert_eq!((t.suggested_stop, t.target_2, t.risk_reward), (Some(98.5), Some(103.0), Some(2.0)));
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn calculate_trade_params(
    price: f64,
    level: Option<&KeyLevel>,
    direction: Direction,
) -> Result<TradeParams, LtpError> {
    finite(|| "price".into(), price)?;
    if let Some(l) = level {
        check_levels(std::slice::from_ref(l))?;
    }
    let trade = trade_unchecked(price, level, direction);
    trade.check("price", price)?;
    Ok(trade)
}

impl TradeParams {
    /// Refuses prices so large that an entry, stop or target overflows (the dashboard then
    /// answers Infinity, which JSON cannot carry).
    pub(crate) fn check(&self, argument: &str, price: f64) -> Result<(), LtpError> {
        let values = [
            self.suggested_entry,
            self.suggested_stop,
            self.target_1,
            self.target_2,
            self.target_3,
            self.risk_reward,
        ];
        if values.iter().flatten().all(|v| v.is_finite()) {
            Ok(())
        } else {
            Err(LtpError::OutOfRange {
                argument: argument.into(),
                value: price,
                range: "a price whose entry, stop and targets are finite",
            })
        }
    }
}

pub(crate) fn trade_unchecked(
    price: f64,
    level: Option<&KeyLevel>,
    direction: Direction,
) -> TradeParams {
    let Some(level) = level else {
        return TradeParams::default();
    };
    let atr = price * 0.01;
    let entry = price;
    let (stop, t1, t2, t3) = match direction {
        Direction::Bullish => {
            let stop = level.price - atr;
            (
                stop,
                entry + (entry - stop),
                entry + (entry - stop) * 2.0,
                entry + (entry - stop) * 3.0,
            )
        }
        Direction::Bearish => {
            let stop = level.price + atr;
            (
                stop,
                entry - (stop - entry),
                entry - (stop - entry) * 2.0,
                entry - (stop - entry) * 3.0,
            )
        }
    };
    let risk = (entry - stop).abs();
    let reward = (t2 - entry).abs();
    let ratio = if is_positive_finite(risk) {
        let r = reward.abs() / risk.abs();
        if r.is_finite() { r } else { 0.0 }
    } else {
        0.0
    };
    TradeParams {
        suggested_entry: Some(cents(entry)),
        suggested_stop: Some(cents(stop)),
        target_1: Some(cents(t1)),
        target_2: Some(cents(t2)),
        target_3: Some(cents(t3)),
        risk_reward: Some(js_round(ratio * 10.0) / 10.0),
    }
}

/// `getLTPGrade`: ≥ 90 A, ≥ 80 B, ≥ 70 C, ≥ 60 D, else F.
///
/// ```
/// assert_eq!(edgekit::ltp::get_ltp_grade(89.9), "B");
/// ```
pub fn get_ltp_grade(score: f64) -> &'static str {
    match score {
        s if s >= 90.0 => "A",
        s if s >= 80.0 => "B",
        s if s >= 70.0 => "C",
        s if s >= 60.0 => "D",
        _ => "F",
    }
}

/// `generateCoachNote`: one sentence each for level, trend and patience, joined by spaces.
/// A level score ≥ 50 without a level reads "undefined", as the dashboard's does.
///
/// ```
/// use edgekit::ltp::{generate_coach_note, Direction, KeyLevel, LevelResult, PatienceResult};
///
/// let level = LevelResult { score: 72.0, level: Some(KeyLevel::new("vwap", 100.0, "intraday", 75.0)) };
/// let note = generate_coach_note(&level, 55.0, PatienceResult { detected: false, count: 1 }, Direction::Bullish);
/// assert_eq!(note, "Strong VWAP level confluence. Trend leaning bullish. Waiting for patience candle confirmation.");
/// ```
pub fn generate_coach_note(
    level: &LevelResult,
    trend_score: f64,
    patience: PatienceResult,
    direction: Direction,
) -> String {
    coach_note_for(level, trend_score, patience, direction.as_str())
}

/// [`generate_coach_note`] with the direction as the text the note prints (the dashboard prints
/// whatever it is given).
pub(crate) fn coach_note_for(
    level: &LevelResult,
    trend_score: f64,
    patience: PatienceResult,
    direction: &str,
) -> String {
    let kind = || {
        level
            .level
            .as_ref()
            .map_or_else(|| "undefined".to_owned(), |l| l.kind.to_uppercase())
    };
    let mut notes = Vec::with_capacity(3);
    if level.score >= 70.0 {
        notes.push(format!("Strong {} level confluence.", kind()));
    } else if level.score >= 50.0 {
        notes.push(format!("Price near {}.", kind()));
    }
    if trend_score >= 70.0 {
        notes.push(format!("MTF trend strongly {direction}."));
    } else if trend_score >= 50.0 {
        notes.push(format!("Trend leaning {direction}."));
    }
    if patience.detected {
        notes.push(format!("{} patience candle(s) confirmed.", patience.count));
    } else {
        notes.push("Waiting for patience candle confirmation.".to_owned());
    }
    notes.join(" ")
}

impl Structure {
    /// "uptrend", "downtrend" or "range".
    pub fn as_str(self) -> &'static str {
        match self {
            Structure::Uptrend => "uptrend",
            Structure::Downtrend => "downtrend",
            Structure::Range => "range",
        }
    }
}

impl EmaPosition {
    /// "above_all", "below_all" or "mixed".
    pub fn as_str(self) -> &'static str {
        match self {
            EmaPosition::AboveAll => "above_all",
            EmaPosition::BelowAll => "below_all",
            EmaPosition::Mixed => "mixed",
        }
    }
}

impl Momentum {
    /// "strong", "moderate" or "weak".
    pub fn as_str(self) -> &'static str {
        match self {
            Momentum::Strong => "strong",
            Momentum::Moderate => "moderate",
            Momentum::Weak => "weak",
        }
    }
}
