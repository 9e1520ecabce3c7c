//! `generateLTP2ScoreExplanation`: one reason per component of an LTP 2.0 score, numbers
//! written as JavaScript writes them, and the inputs with a timestamp.

use serde::{Deserialize, Serialize};

use super::{CloudDirection, Ltp2Grade, Ltp2Score, MarketContext, finite_from, first_not_finite};
use crate::ltp::error::LtpError;
use crate::ltp::{js_iso_timestamp, js_to_fixed};

/// A component's points and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ComponentReason {
    /// The points.
    pub score: f64,
    /// Why, in a sentence.
    pub reason: String,
}

/// The explained components, in the dashboard's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Ltp2Breakdown {
    /// EMA cloud.
    pub cloud: ComponentReason,
    /// VWAP.
    pub vwap: ComponentReason,
    /// Supporting gamma wall.
    pub gamma_wall: ComponentReason,
    /// Gamma regime.
    pub gamma_regime: ComponentReason,
    /// Patience candle.
    pub patience: ComponentReason,
    /// Opposing wall.
    pub resistance_penalty: ComponentReason,
}

/// The numbers the score was computed from, and when it was explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Ltp2Inputs {
    /// The symbol.
    pub symbol: String,
    /// The price.
    pub current_price: f64,
    /// 8 EMA.
    pub ema8: f64,
    /// 21 EMA.
    pub ema21: f64,
    /// VWAP.
    pub vwap: f64,
    /// Call wall.
    pub call_wall: f64,
    /// Put wall.
    pub put_wall: f64,
    /// Net gamma exposure.
    pub gamma_exposure: f64,
    /// ISO 8601 time of the explanation (`Date.prototype.toISOString`).
    pub timestamp: String,
}

/// `LTP2ScoreExplanation`, for the AI coach (which must not compute scores itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename = "LTP2ScoreExplanation")
)]
pub struct Ltp2ScoreExplanation {
    /// The score explained.
    pub score: f64,
    /// Its grade.
    pub grade: Ltp2Grade,
    /// Its direction.
    pub direction: CloudDirection,
    /// Its confidence.
    pub confidence: f64,
    /// Each component with its reason.
    pub breakdown: Ltp2Breakdown,
    /// The score's warnings.
    pub warnings: Vec<String>,
    /// The score's recommendation.
    pub recommendation: String,
    /// The inputs, for the audit trail.
    pub inputs: Ltp2Inputs,
}

/// `generateLTP2ScoreExplanation(symbol, context, ltp2Result)`, stamped `now_ms` (milliseconds
/// since the epoch; the dashboard stamps the current time). Refused: a context whose echoed
/// numbers are not finite, or a time `Date` cannot hold.
///
/// ```
/// use edgekit::ltp::{MarketContext, calculate_ltp2_score, generate_ltp2_score_explanation};
///
/// let context = MarketContext {
///     current_price: 101.0, previous_close: 100.8, ema8: 100.6, ema21: 100.0, vwap: 100.2,
///     call_wall: 110.0, put_wall: 95.0, zero_gamma: 98.0, gamma_exposure: 1.5e9,
///     has_patience_candle: false, patience_direction: None,
///     previous_high: None, previous_low: None, current_high: None, current_low: None,
/// };
/// let score = calculate_ltp2_score(&context, None)?;
/// let explained = generate_ltp2_score_explanation("SPY", &context, &score, 0.0)?;
/// assert_eq!(explained.breakdown.cloud.reason, "8 EMA above 21 EMA by 0.60% - bullish cloud");
/// assert_eq!(explained.inputs.timestamp, "1970-01-01T00:00:00.000Z");
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn generate_ltp2_score_explanation(
    symbol: &str,
    context: &MarketContext,
    result: &Ltp2Score,
    now_ms: f64,
) -> Result<Ltp2ScoreExplanation, LtpError> {
    if let Some((name, value)) = first_not_finite(&context.echoed()) {
        return Err(LtpError::NotFinite {
            argument: format!("context.{name}"),
            value,
        });
    }
    let b = &result.breakdown;
    for (name, x) in [
        ("score", result.score),
        ("confidence", result.confidence),
        ("breakdown.cloudScore", b.cloud_score),
        ("breakdown.vwapScore", b.vwap_score),
        ("breakdown.gammaWallScore", b.gamma_wall_score),
        ("breakdown.gammaRegimeScore", b.gamma_regime_score),
        ("breakdown.patienceScore", b.patience_score),
        ("breakdown.resistancePenalty", b.resistance_penalty),
    ] {
        crate::ltp::error::finite(|| format!("ltp2Result.{name}"), x)?;
    }
    let timestamp = js_iso_timestamp(now_ms).ok_or(LtpError::NotFinite {
        argument: "now".into(),
        value: now_ms,
    })?;
    let direction = result.direction;
    let price = context.current_price;

    let spread = if context.ema21 > 0.0 {
        (context.ema8 - context.ema21) / context.ema21 * 100.0
    } else {
        0.0
    };
    let cloud = if spread.abs() < 0.1 {
        "EMAs are crossed/neutral - no clear trend direction".to_owned()
    } else {
        let spread = finite_from(spread, &[("ema8", context.ema8), ("ema21", context.ema21)])?;
        let (side, kind) = if spread > 0.0 {
            ("above", "bullish")
        } else {
            ("below", "bearish")
        };
        format!(
            "8 EMA {side} 21 EMA by {}% - {kind} cloud",
            js_to_fixed(spread.abs(), 2)
        )
    };

    let vwap_distance = if context.vwap > 0.0 {
        finite_from(
            (price - context.vwap) / context.vwap * 100.0,
            &[("currentPrice", price), ("vwap", context.vwap)],
        )?
    } else {
        0.0
    };
    let aligned = (direction == CloudDirection::Bullish && vwap_distance > 0.0)
        || (direction == CloudDirection::Bearish && vwap_distance < 0.0);
    let vwap = format!(
        "Price {} VWAP by {}%{}",
        if vwap_distance >= 0.0 {
            "above"
        } else {
            "below"
        },
        js_to_fixed(vwap_distance.abs(), 2),
        if aligned {
            " - aligned with direction"
        } else {
            " - not aligned with direction"
        }
    );

    let gamma_wall = if direction != CloudDirection::Bearish {
        let wall = js_to_fixed(context.put_wall, 2);
        if price > context.put_wall {
            format!("Price above Put Wall ({wall}) - institutional support intact")
        } else {
            format!("Price below Put Wall ({wall}) - support broken")
        }
    } else {
        let wall = js_to_fixed(context.call_wall, 2);
        if price < context.call_wall {
            format!("Price below Call Wall ({wall}) - resistance intact")
        } else {
            format!("Price above Call Wall ({wall}) - resistance broken")
        }
    };

    let exposure = js_to_fixed(context.gamma_exposure, 0);
    let gamma_regime = if context.gamma_exposure > 0.0 {
        format!("Positive gamma ({exposure}) - dealers buy dips, expect mean reversion")
    } else {
        format!("Negative gamma ({exposure}) - dealers sell dips, expect volatility")
    };

    let patience = if b.patience_score > 0.0 {
        "Patience candle detected - confirmation present"
    } else {
        "No patience candle - waiting for inside bar confirmation"
    };

    // The dashboard measures from the put wall for a neutral setup here (its score, from the
    // call wall).
    let bullish = direction == CloudDirection::Bullish;
    let (wall_name, wall) = if bullish {
        ("Call", context.call_wall)
    } else {
        ("Put", context.put_wall)
    };
    let penalty = if b.resistance_penalty < 0.0 {
        if wall > 0.0 && price == 0.0 {
            return Err(LtpError::OutOfRange {
                argument: "context.currentPrice".into(),
                value: price,
                range: "non-zero when a wall is given: the distance to it is a percentage of the price",
            });
        }
        let distance = if wall > 0.0 {
            ((price - wall) / price).abs() * 100.0
        } else {
            100.0
        };
        let wall_input = if bullish { "callWall" } else { "putWall" };
        let distance = finite_from(distance, &[("currentPrice", price), (wall_input, wall)])?;
        let risk = if b.resistance_penalty <= -15.0 {
            "high rejection risk"
        } else if b.resistance_penalty <= -10.0 {
            "approaching resistance"
        } else {
            "nearing wall"
        };
        format!(
            "{}% from {wall_name} Wall - {risk}",
            js_to_fixed(distance, 1)
        )
    } else {
        "Safe distance from opposing gamma wall".to_owned()
    };

    let reason = |score: f64, reason: String| ComponentReason { score, reason };
    Ok(Ltp2ScoreExplanation {
        score: result.score,
        grade: result.grade,
        direction,
        confidence: result.confidence,
        breakdown: Ltp2Breakdown {
            cloud: reason(b.cloud_score, cloud),
            vwap: reason(b.vwap_score, vwap),
            gamma_wall: reason(b.gamma_wall_score, gamma_wall),
            gamma_regime: reason(b.gamma_regime_score, gamma_regime),
            patience: reason(b.patience_score, patience.to_owned()),
            resistance_penalty: reason(b.resistance_penalty, penalty),
        },
        warnings: result.warnings.clone(),
        recommendation: result.recommendation.clone(),
        inputs: Ltp2Inputs {
            symbol: symbol.to_owned(),
            current_price: price,
            ema8: context.ema8,
            ema21: context.ema21,
            vwap: context.vwap,
            call_wall: context.call_wall,
            put_wall: context.put_wall,
            gamma_exposure: context.gamma_exposure,
            timestamp,
        },
    })
}
