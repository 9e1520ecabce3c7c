//! Layer 1: `generateScoreExplanation`, the deterministic breakdown of an LTP score that the
//! dashboard hands to its AI coach (which must never compute scores itself).

use serde::{Deserialize, Serialize};

use super::error::{LtpError, finite};
use super::js::{js_iso_timestamp, js_number_string, js_to_fixed};
use super::levels::LevelResult;
use super::scores::{
    Direction, LtpScore, MtfAnalysis, PatienceResult, calculate_ltp_score, get_ltp_grade,
    score_patience_quality,
};

/// A score, its grade, why, and what it was computed from (`ScoreExplanation`), with the
/// dashboard's keys in its order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ScoreExplanation {
    /// The components and the overall score, each within 0–100.
    pub scores: LtpScore,
    /// The letter grade of the overall score.
    pub grade: String,
    /// One sentence per component.
    pub reasons: ExplanationReasons,
    /// The inputs, as an audit trail.
    pub inputs: ExplanationInputs,
}

/// Why each component scored as it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ExplanationReasons {
    /// The level used and its distance, or that there is none.
    pub level: String,
    /// The timeframes whose trend agrees with the direction, or that none does.
    pub trend: String,
    /// The patience candles confirmed, or that none is.
    pub patience: String,
}

/// What a [`ScoreExplanation`] was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ExplanationInputs {
    /// Ticker.
    pub symbol: String,
    /// The trade's direction.
    pub direction: Direction,
    /// The price scored.
    pub current_price: f64,
    /// The level scored against, if any.
    pub level_used: Option<LevelUsed>,
    /// Every analysed timeframe, in order.
    pub timeframes_analyzed: Vec<String>,
    /// Patience candles counted.
    pub patience_candle_count: u32,
    /// When the explanation was made (`Date.prototype.toISOString`).
    pub timestamp: String,
}

/// The level of a [`ScoreExplanation`]: its type and price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct LevelUsed {
    /// The level's type (`pdh`, `vwap`, ...).
    #[serde(rename = "type")]
    #[cfg_attr(feature = "typescript", ts(rename = "type"))]
    pub kind: String,
    /// The level's price.
    pub price: f64,
}

/// `generateScoreExplanation`: the LTP score of (level result, trend score, patience result),
/// its grade, one reason per component and the inputs. `now_ms` is the time stamped on it (the
/// dashboard uses the current time; passing it keeps the result reproducible).
///
/// The level reason reads "Price within {d}% of {price} {type} (strength: {s})" with `d` and
/// the price to two decimals as JavaScript's `toFixed` writes them; the trend reason names the
/// timeframes whose trend equals the direction.
///
/// ```
/// use edgekit::ltp::{generate_score_explanation, Direction, KeyLevel, LevelResult, PatienceResult};
///
/// let level = LevelResult { score: 80.0, level: Some(KeyLevel::new("pdh", 101.0, "daily", 80.0)) };
/// let patience = PatienceResult { detected: true, count: 2 };
/// let e = generate_score_explanation("SPY", Direction::Bullish, 100.9, &level, 70.0, patience, &[], 0.0)?;
/// assert_eq!(e.scores.overall, 77.0); // round(0.35·80 + 0.35·70 + 0.30·80)
/// assert_eq!(e.grade, "C");
/// assert_eq!(e.reasons.level, "Price within 0.10% of 101.00 pdh (strength: 80)");
/// assert_eq!(e.inputs.timestamp, "1970-01-01T00:00:00.000Z");
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
#[allow(clippy::too_many_arguments)] // the dashboard's own argument list
pub fn generate_score_explanation(
    symbol: &str,
    direction: Direction,
    current_price: f64,
    level_result: &LevelResult,
    trend_score: f64,
    patience: PatienceResult,
    analyses: &[MtfAnalysis],
    now_ms: f64,
) -> Result<ScoreExplanation, LtpError> {
    finite(|| "currentPrice".into(), current_price)?;
    finite(|| "levelResult.score".into(), level_result.score)?;
    finite(|| "trendScore".into(), trend_score)?;
    if let Some(level) = &level_result.level {
        finite(|| "levelResult.level.price".into(), level.price)?;
        finite(|| "levelResult.level.strength".into(), level.strength)?;
    }
    let timestamp = js_iso_timestamp(now_ms).ok_or_else(|| LtpError::OutOfRange {
        argument: "now".into(),
        value: now_ms,
        range: "a time a JavaScript Date holds (finite, within ±8.64e15 ms)",
    })?;
    let scores = calculate_ltp_score(
        level_result.score,
        trend_score,
        score_patience_quality(patience),
    )?;
    let level_reason = match &level_result.level {
        Some(level) => format!(
            "Price within {}% of {} {} (strength: {})",
            js_to_fixed(
                (current_price - level.price).abs() / current_price * 100.0,
                2
            ),
            js_to_fixed(level.price, 2),
            level.kind,
            js_number_string(level.strength),
        ),
        None => "No key level nearby - price is in no-man's land".to_owned(),
    };
    let aligned: Vec<&str> = analyses
        .iter()
        .filter(|a| a.trend.as_str() == direction.as_str())
        .map(|a| a.timeframe.as_str())
        .collect();
    let name = direction.as_str();
    let trend_reason = if aligned.is_empty() {
        format!("Trend not aligned with {name} direction")
    } else {
        let capitalized = name[..1].to_uppercase() + &name[1..];
        format!(
            "{capitalized} trend aligned on {} timeframes",
            aligned.join(", ")
        )
    };
    let patience_reason = if patience.detected {
        format!("{} patience candle(s) confirmed at level", patience.count)
    } else {
        "No patience candles detected - waiting for confirmation".to_owned()
    };
    Ok(ScoreExplanation {
        grade: get_ltp_grade(scores.overall).to_owned(),
        scores,
        reasons: ExplanationReasons {
            level: level_reason,
            trend: trend_reason,
            patience: patience_reason,
        },
        inputs: ExplanationInputs {
            symbol: symbol.to_owned(),
            direction,
            current_price,
            level_used: level_result.level.as_ref().map(|l| LevelUsed {
                kind: l.kind.clone(),
                price: l.price,
            }),
            timeframes_analyzed: analyses.iter().map(|a| a.timeframe.clone()).collect(),
            patience_candle_count: patience.count,
            timestamp,
        },
    })
}
