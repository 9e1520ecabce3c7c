//! LTP 2.0: the dashboard's gamma-aware score (`ltp-gamma-engine.ts` in
//! n8kahl/kcu-coach-dashboard), operation for operation. An 8/21 EMA cloud with a neutral zone,
//! the price's distance from VWAP, its side of the put wall (longs) or call wall (shorts), the
//! dealers' gamma regime, an inside-bar patience candle graded by body and compression, and a
//! graduated penalty near the opposing wall add to a score from 0 to 90, graded Sniper (75),
//! Decent (50) or Dumb Shit; a previous state smooths the score over the last four and holds a
//! grade within 5 points of its boundary.
//!
//! The context's numbers are read as JavaScript reads them (a NaN compares false, so a NaN VWAP
//! scores no VWAP points, as in the dashboard); an answer that would carry NaN or Infinity (a
//! warning reading "NaN% from Call Wall", a NaN smoothed score) is refused instead, naming the
//! input that causes it.

mod explanation;
mod score;

use serde::{Deserialize, Serialize};

use super::error::LtpError;
use super::scores::Direction;

pub use explanation::{
    ComponentReason, Ltp2Breakdown, Ltp2Inputs, Ltp2ScoreExplanation,
    generate_ltp2_score_explanation,
};
pub use score::{calculate_ltp2_score, detect_inside_patience_candle};

/// The points of each score component (`WEIGHTS`), with the dashboard's names.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[allow(non_snake_case)] // the dashboard's constant names, which its callers read
pub struct GammaWeights {
    /// 8 EMA above 21 EMA (longs).
    pub BULLISH_CLOUD: f64,
    /// 8 EMA below 21 EMA (shorts).
    pub BEARISH_CLOUD: f64,
    /// Price above VWAP.
    pub ABOVE_VWAP: f64,
    /// Price below VWAP.
    pub BELOW_VWAP: f64,
    /// Price above the put wall (support).
    pub ABOVE_PUT_WALL: f64,
    /// Price below the call wall (resistance), for shorts.
    pub BELOW_CALL_WALL: f64,
    /// Positive gamma exposure (longs).
    pub POSITIVE_GAMMA: f64,
    /// Negative gamma exposure (shorts).
    pub NEGATIVE_GAMMA: f64,
    /// A patience (inside) candle.
    pub PATIENCE_CANDLE: f64,
    /// Too close to the call wall.
    pub RESISTANCE_PENALTY: f64,
    /// Too close to the put wall (shorts).
    pub SUPPORT_PENALTY: f64,
}

/// The dashboard's `WEIGHTS`.
pub const WEIGHTS: GammaWeights = GammaWeights {
    BULLISH_CLOUD: 25.0,
    BEARISH_CLOUD: 25.0,
    ABOVE_VWAP: 20.0,
    BELOW_VWAP: 20.0,
    ABOVE_PUT_WALL: 20.0,
    BELOW_CALL_WALL: 20.0,
    POSITIVE_GAMMA: 15.0,
    NEGATIVE_GAMMA: 15.0,
    PATIENCE_CANDLE: 10.0,
    RESISTANCE_PENALTY: -20.0,
    SUPPORT_PENALTY: -20.0,
};

/// The lowest scores of the Sniper and Decent grades (`GRADE_THRESHOLDS`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[allow(non_snake_case)]
pub struct GradeThresholds {
    /// Sniper from 75.
    pub SNIPER: f64,
    /// Decent from 50.
    pub DECENT: f64,
}

/// The dashboard's `GRADE_THRESHOLDS`.
pub const GRADE_THRESHOLDS: GradeThresholds = GradeThresholds {
    SNIPER: 75.0,
    DECENT: 50.0,
};

/// Points a smoothed score may fall below a held grade's threshold before the grade drops
/// (`HYSTERESIS_BUFFER`).
pub const HYSTERESIS_BUFFER: f64 = 5.0;

/// What [`calculate_ltp2_score`] reads (`MarketContext`), in the dashboard's key order.
///
/// ```
/// use edgekit::ltp::MarketContext;
///
/// let context: MarketContext = serde_json::from_str(r#"{"currentPrice": 101, "previousClose": 100,
///     "ema8": 100.6, "ema21": 100, "vwap": 100.2, "callWall": 110, "putWall": 95, "zeroGamma": 98,
///     "gammaExposure": 1.5e9, "hasPatienceCandle": false}"#)?;
/// assert_eq!(context.previous_high, None);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct MarketContext {
    /// The last price (the current candle's close).
    pub current_price: f64,
    /// The previous close, which the inside-bar check takes as the current candle's open.
    pub previous_close: f64,
    /// 8-period EMA.
    pub ema8: f64,
    /// 21-period EMA.
    pub ema21: f64,
    /// Session VWAP (≤ 0: none).
    pub vwap: f64,
    /// The call wall: resistance from dealers' positioning (≤ 0: none).
    pub call_wall: f64,
    /// The put wall: support (≤ 0: none).
    pub put_wall: f64,
    /// The zero-gamma price (carried, not scored).
    pub zero_gamma: f64,
    /// Net gamma exposure: positive is the dealers' mean-reverting regime.
    pub gamma_exposure: f64,
    /// A patience candle flagged by the caller (used when the four candle prices are absent).
    pub has_patience_candle: bool,
    /// That candle's direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub patience_direction: Option<Direction>,
    /// The previous candle's high. The four candle prices are read only when all are given
    /// (absent, not null: the dashboard reads a null price as 0).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "given_number"
    )]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub previous_high: Option<f64>,
    /// The previous candle's low.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "given_number"
    )]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub previous_low: Option<f64>,
    /// The current candle's high.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "given_number"
    )]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub current_high: Option<f64>,
    /// The current candle's low.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "given_number"
    )]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub current_low: Option<f64>,
}

/// An optional price that, when its key is present, is a number: the dashboard tells an absent
/// price (no candle check) from a null one (a price of 0), which JSON and Python's None cannot.
fn given_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match Option::<f64>::deserialize(d)? {
        Some(x) => Ok(Some(x)),
        None => Err(serde::de::Error::custom(
            "null is not a price: leave the key out, or give a number",
        )),
    }
}

impl MarketContext {
    /// The numbers an explanation writes back, by their dashboard names.
    fn echoed(&self) -> [(&'static str, f64); 7] {
        [
            ("currentPrice", self.current_price),
            ("ema8", self.ema8),
            ("ema21", self.ema21),
            ("vwap", self.vwap),
            ("callWall", self.call_wall),
            ("putWall", self.put_wall),
            ("gammaExposure", self.gamma_exposure),
        ]
    }
}

/// The first of the named `inputs` that is NaN or infinite.
fn first_not_finite(inputs: &[(&'static str, f64)]) -> Option<(&'static str, f64)> {
    inputs.iter().copied().find(|(_, x)| !x.is_finite())
}

/// `x`, or an error naming the first non-finite of the context `inputs` it was computed from
/// (the first of them when all are finite and the arithmetic overflowed).
fn finite_from(x: f64, inputs: &[(&'static str, f64)]) -> Result<f64, LtpError> {
    if x.is_finite() {
        return Ok(x);
    }
    let (name, value) = first_not_finite(inputs).unwrap_or(inputs[0]);
    Err(LtpError::NotFinite {
        argument: format!("context.{name}"),
        value,
    })
}

/// The candle prices [`create_market_context`] reads (`chartData`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ChartData {
    /// The current candle's close: the context's current price.
    pub close: f64,
    /// Its high.
    pub high: f64,
    /// Its low.
    pub low: f64,
    /// Its open (read by the dashboard's type, not by its score).
    pub open: f64,
    /// The previous close (default: the close).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub previous_close: Option<f64>,
    /// The previous candle's high.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub previous_high: Option<f64>,
    /// The previous candle's low.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub previous_low: Option<f64>,
}

/// The two EMAs of the trend cloud [`create_market_context`] reads (`emaData`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct CloudEmas {
    /// 8-period EMA.
    pub ema8: f64,
    /// 21-period EMA.
    pub ema21: f64,
}

/// The gamma levels [`create_market_context`] reads (`gammaData`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct GammaLevels {
    /// Call wall.
    pub call_wall: f64,
    /// Put wall.
    pub put_wall: f64,
    /// Zero-gamma price.
    pub zero_gamma: f64,
    /// Net gamma exposure.
    pub gamma_exposure: f64,
}

/// A patience candle the caller detected (`patienceCandle`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct PatienceFlag {
    /// Whether one was detected.
    pub detected: bool,
    /// Its direction.
    pub direction: Direction,
}

/// `createMarketContext`: the context from the candle, the two EMAs, VWAP, the gamma levels and
/// an optional patience flag; the previous close defaults to the close.
///
/// ```
/// use edgekit::ltp::{ChartData, CloudEmas, GammaLevels, create_market_context};
///
/// let chart = ChartData { close: 101.0, high: 101.5, low: 100.4, open: 100.6,
///                         previous_close: None, previous_high: Some(102.0), previous_low: Some(100.0) };
/// let gamma = GammaLevels { call_wall: 110.0, put_wall: 95.0, zero_gamma: 98.0, gamma_exposure: 1e9 };
/// let emas = CloudEmas { ema8: 100.6, ema21: 100.0 };
/// let context = create_market_context(&chart, &emas, 100.2, &gamma, None);
/// assert_eq!((context.previous_close, context.current_high), (101.0, Some(101.5)));
/// assert!(!context.has_patience_candle);
/// ```
pub fn create_market_context(
    chart: &ChartData,
    emas: &CloudEmas,
    vwap: f64,
    gamma: &GammaLevels,
    patience: Option<&PatienceFlag>,
) -> MarketContext {
    MarketContext {
        current_price: chart.close,
        previous_close: chart.previous_close.unwrap_or(chart.close),
        ema8: emas.ema8,
        ema21: emas.ema21,
        vwap,
        call_wall: gamma.call_wall,
        put_wall: gamma.put_wall,
        zero_gamma: gamma.zero_gamma,
        gamma_exposure: gamma.gamma_exposure,
        has_patience_candle: patience.is_some_and(|p| p.detected),
        patience_direction: patience.map(|p| p.direction),
        previous_high: chart.previous_high,
        previous_low: chart.previous_low,
        current_high: Some(chart.high),
        current_low: Some(chart.low),
    }
}

/// The three grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "LTP2Grade"))]
pub enum Ltp2Grade {
    /// 75 and up.
    Sniper,
    /// 50 to 75.
    Decent,
    /// Below 50.
    #[serde(rename = "Dumb Shit")]
    #[cfg_attr(feature = "typescript", ts(rename = "Dumb Shit"))]
    DumbShit,
}

impl Ltp2Grade {
    /// The grade of a score on the plain thresholds.
    pub fn of(score: f64) -> Ltp2Grade {
        if score >= GRADE_THRESHOLDS.SNIPER {
            Ltp2Grade::Sniper
        } else if score >= GRADE_THRESHOLDS.DECENT {
            Ltp2Grade::Decent
        } else {
            Ltp2Grade::DumbShit
        }
    }
}

/// The cloud's direction, which is the setup's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename = "LTP2Direction")
)]
pub enum CloudDirection {
    /// 8 EMA above 21 EMA by 0.1 % or more.
    Bullish,
    /// 8 EMA below 21 EMA by 0.1 % or more.
    Bearish,
    /// Within 0.1 %, or no 21 EMA.
    Neutral,
}

/// How far apart the EMAs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum CloudStrength {
    /// 0.5 % or more.
    Strong,
    /// 0.3 % to 0.5 %.
    Moderate,
    /// 0.1 % to 0.3 %.
    Weak,
    /// Under 0.1 %.
    Neutral,
}

/// The points of each component (`ScoreBreakdown`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ScoreBreakdown {
    /// EMA cloud, 0–25.
    pub cloud_score: f64,
    /// VWAP side and distance, 0–20.
    pub vwap_score: f64,
    /// Side of the supporting gamma wall, 0 or 20.
    pub gamma_wall_score: f64,
    /// Gamma regime, 0 or 15.
    pub gamma_regime_score: f64,
    /// Patience candle, 0–10.
    pub patience_score: f64,
    /// Nearness to the opposing wall, −20 to 0.
    pub resistance_penalty: f64,
    /// The sum clamped to 0–90 (smoothed when a hysteresis state was given).
    pub total: f64,
}

/// How steady the grade is (`stability`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Stability {
    /// Whether the grade is held only by the hysteresis buffer.
    pub grade_locked: bool,
    /// The score before smoothing.
    pub raw_score: f64,
    /// Evaluations in a row at this grade.
    pub candles_at_grade: f64,
    /// The cloud's strength.
    pub cloud_strength: CloudStrength,
}

/// `LTP2Score`: what [`calculate_ltp2_score`] returns, in the dashboard's key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename = "LTP2Score", rename_all = "camelCase")
)]
pub struct Ltp2Score {
    /// 0–90 (smoothed with a hysteresis state).
    pub score: f64,
    /// Its grade (held by hysteresis).
    pub grade: Ltp2Grade,
    /// The cloud's direction.
    pub direction: CloudDirection,
    /// 0–100: how many components agree, and how strongly.
    pub confidence: f64,
    /// Points per component.
    pub breakdown: ScoreBreakdown,
    /// What works against the setup.
    pub warnings: Vec<String>,
    /// One sentence for the trader.
    pub recommendation: String,
    /// Hysteresis details (always present in a computed score).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", ts(optional))]
    pub stability: Option<Stability>,
}

/// The previous evaluation (`ScoreHysteresisState`): pass it back to smooth the score and hold
/// the grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ScoreHysteresisState {
    /// The grade last given (`null`: none yet, plain thresholds).
    pub previous_grade: Option<Ltp2Grade>,
    /// Earlier raw scores; the last three are averaged with the new one.
    pub previous_scores: Vec<f64>,
    /// Evaluations in a row at the previous grade.
    pub candles_at_grade: f64,
}

/// An inside bar, as the gamma engine's `detectPatienceCandle` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct InsideCandle {
    /// High below the previous high and low above the previous low.
    pub is_patience_candle: bool,
    /// Bullish when it closed above its open, else bearish; `null` when not inside.
    pub direction: Option<Direction>,
}

/// The gamma engine's `calculateEMA(prices, period)`: as [`calculate_ema_js`](super::calculate_ema_js),
/// except that with fewer prices than the period it answers the last price as it is (−0 stays
/// −0; the engine's own `calculateEMA` reads a falsy last value as 0).
///
/// ```
/// use edgekit::ltp::calculate_gamma_ema;
///
/// assert_eq!(calculate_gamma_ema(&[1.0, 2.0, 3.0, 4.0], 3.0)?, 3.0);
/// assert!(calculate_gamma_ema(&[-0.0], 9.0)?.is_sign_negative());
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn calculate_gamma_ema(prices: &[f64], period: f64) -> Result<f64, LtpError> {
    super::lenient::ema_js(prices, period, super::lenient::ShortData::Last)
}
