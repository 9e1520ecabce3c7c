//! `calculateLTP2Score` and its graduated components.

use super::{
    CloudDirection, CloudStrength, GRADE_THRESHOLDS, HYSTERESIS_BUFFER, InsideCandle, Ltp2Grade,
    Ltp2Score, MarketContext, ScoreBreakdown, ScoreHysteresisState, Stability, WEIGHTS,
    finite_from,
};
use crate::ltp::error::LtpError;
use crate::ltp::js_to_fixed;
use crate::ltp::scores::{Direction, js_round};

/// `calculateLTP2Score(context, hysteresisState?)`: the graduated score, its grade (held by
/// hysteresis when a previous state is given), direction, confidence, warnings and
/// recommendation. Refused: a context or state whose non-finite numbers would reach the answer.
///
/// ```
/// use edgekit::ltp::{CloudDirection, Ltp2Grade, MarketContext, calculate_ltp2_score};
///
/// let context = MarketContext {
///     current_price: 101.0, previous_close: 100.8, ema8: 100.6, ema21: 100.0, vwap: 100.2,
///     call_wall: 110.0, put_wall: 95.0, zero_gamma: 98.0, gamma_exposure: 1.5e9,
///     has_patience_candle: false, patience_direction: None,
///     previous_high: None, previous_low: None, current_high: None, current_low: None,
/// };
/// let score = calculate_ltp2_score(&context, None)?;
/// // Strong bullish cloud 25, 0.8 % above VWAP 20, above the put wall 20, positive gamma 15.
/// assert_eq!((score.score, score.grade, score.direction), (80.0, Ltp2Grade::Sniper, CloudDirection::Bullish));
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn calculate_ltp2_score(
    context: &MarketContext,
    hysteresis: Option<&ScoreHysteresisState>,
) -> Result<Ltp2Score, LtpError> {
    let mut warnings = Vec::new();
    let (cloud_score, cloud_strength, direction) = cloud(context.ema8, context.ema21);
    let vwap_score = vwap_points(context.current_price, context.vwap, direction);
    let long_side = direction != CloudDirection::Bearish;

    let mut gamma_wall_score = 0.0;
    let mut gamma_regime_score = 0.0;
    if long_side {
        if context.current_price > context.put_wall {
            gamma_wall_score = WEIGHTS.ABOVE_PUT_WALL;
        } else {
            warnings.push("Price below Put Wall support".to_owned());
        }
        if context.gamma_exposure > 0.0 {
            gamma_regime_score = WEIGHTS.POSITIVE_GAMMA;
        } else {
            warnings.push("Negative gamma regime - expect volatility".to_owned());
        }
    } else {
        if context.current_price < context.call_wall {
            gamma_wall_score = WEIGHTS.BELOW_CALL_WALL;
        }
        if context.gamma_exposure < 0.0 {
            gamma_regime_score = WEIGHTS.NEGATIVE_GAMMA;
        }
    }

    let agrees = |candle: Option<Direction>| match direction {
        CloudDirection::Neutral => true,
        CloudDirection::Bullish => candle == Some(Direction::Bullish),
        CloudDirection::Bearish => candle == Some(Direction::Bearish),
    };
    let mut patience_score = 0.0;
    if let (Some(ph), Some(pl), Some(ch), Some(cl)) = (
        context.previous_high,
        context.previous_low,
        context.current_high,
        context.current_low,
    ) {
        // The previous close stands in for the current candle's open, as in the dashboard.
        let candle = graded_inside_candle([ph, pl, ch, cl], context);
        if let Some((candle_direction, points)) = candle
            && agrees(Some(candle_direction))
        {
            patience_score = points;
        }
    } else if context.has_patience_candle && agrees(context.patience_direction) {
        patience_score = WEIGHTS.PATIENCE_CANDLE;
    }

    let (wall_name, wall, severities) = if long_side {
        let s = [
            "watch for rejection",
            "approaching resistance",
            "nearing Call Wall",
        ];
        ("Call", context.call_wall, s)
    } else {
        let s = [
            "watch for bounce",
            "approaching support",
            "nearing Put Wall",
        ];
        ("Put", context.put_wall, s)
    };
    let (resistance_penalty, distance) = wall_penalty(context.current_price, wall, !long_side);
    if resistance_penalty < 0.0 {
        let wall_input = if long_side { "callWall" } else { "putWall" };
        let distance = finite_from(
            distance,
            &[("currentPrice", context.current_price), (wall_input, wall)],
        )?;
        let severity = severities[if resistance_penalty <= -15.0 {
            0
        } else if resistance_penalty <= -10.0 {
            1
        } else {
            2
        }];
        warnings.push(format!(
            "{}% from {wall_name} Wall - {severity}",
            js_to_fixed(distance, 1)
        ));
    }

    let sum = cloud_score
        + vwap_score
        + gamma_wall_score
        + gamma_regime_score
        + patience_score
        + resistance_penalty;
    let raw_total = sum.clamp(0.0, 90.0);
    let held = hold_grade(raw_total, hysteresis)?;
    let total = if hysteresis.is_some() {
        held.smoothed
    } else {
        raw_total
    };
    let breakdown = ScoreBreakdown {
        cloud_score,
        vwap_score,
        gamma_wall_score,
        gamma_regime_score,
        patience_score,
        resistance_penalty,
        total,
    };
    let recommendation = recommendation(&breakdown, direction, &warnings);
    let strength_points = match cloud_strength {
        CloudStrength::Strong => 30.0,
        CloudStrength::Moderate => 20.0,
        CloudStrength::Weak => 10.0,
        CloudStrength::Neutral => 0.0,
    };
    let confidence = (strength_points
        + js_round(vwap_score / WEIGHTS.ABOVE_VWAP * 25.0)
        + js_round(gamma_wall_score / WEIGHTS.ABOVE_PUT_WALL * 20.0)
        + js_round(gamma_regime_score / WEIGHTS.POSITIVE_GAMMA * 15.0)
        + js_round(patience_score / WEIGHTS.PATIENCE_CANDLE * 10.0))
    .min(100.0);
    Ok(Ltp2Score {
        score: total,
        grade: held.grade,
        direction,
        confidence,
        breakdown,
        warnings,
        recommendation,
        stability: Some(Stability {
            grade_locked: held.locked,
            raw_score: raw_total,
            candles_at_grade: held.candles_at_grade,
            cloud_strength,
        }),
    })
}

/// The cloud's points, strength and direction from the EMA spread in percent of the 21 EMA,
/// with a neutral zone under 0.1 % (NaN spreads fall through to a weak bearish cloud, as the
/// dashboard's comparisons do).
fn cloud(ema8: f64, ema21: f64) -> (f64, CloudStrength, CloudDirection) {
    let max = WEIGHTS.BULLISH_CLOUD;
    if ema21 <= 0.0 {
        return (0.0, CloudStrength::Neutral, CloudDirection::Neutral);
    }
    let spread = (ema8 - ema21) / ema21 * 100.0;
    let abs = spread.abs();
    if abs < 0.1 {
        return (
            js_round(max * 0.3),
            CloudStrength::Neutral,
            CloudDirection::Neutral,
        );
    }
    let direction = if spread > 0.0 {
        CloudDirection::Bullish
    } else {
        CloudDirection::Bearish
    };
    let (points, strength) = if abs >= 0.5 {
        (max, CloudStrength::Strong)
    } else if abs >= 0.3 {
        (js_round(max * 0.85), CloudStrength::Moderate)
    } else if abs >= 0.15 {
        (js_round(max * 0.7), CloudStrength::Weak)
    } else {
        (js_round(max * 0.5), CloudStrength::Weak)
    };
    (points, strength, direction)
}

/// VWAP points by distance on the direction's side; a quarter within 0.1 % on the wrong side.
fn vwap_points(price: f64, vwap: f64, direction: CloudDirection) -> f64 {
    let max = WEIGHTS.ABOVE_VWAP;
    if vwap <= 0.0 {
        return 0.0;
    }
    let distance = (price - vwap) / vwap * 100.0;
    let abs = distance.abs();
    let aligned = match direction {
        CloudDirection::Bullish => distance > 0.0,
        CloudDirection::Bearish => distance < 0.0,
        CloudDirection::Neutral => true,
    };
    if !aligned {
        return if abs <= 0.1 {
            js_round(max * 0.25)
        } else {
            0.0
        };
    }
    if abs >= 0.5 {
        max
    } else if abs >= 0.3 {
        js_round(max * 0.9)
    } else if abs >= 0.15 {
        js_round(max * 0.75)
    } else if abs >= 0.05 {
        js_round(max * 0.6)
    } else {
        js_round(max * 0.5)
    }
}

/// The penalty near the opposing wall (the call wall above a long, the put wall below a
/// short) and the distance in percent of the price; a missing wall or price is 100 % away.
fn wall_penalty(price: f64, wall: f64, short: bool) -> (f64, f64) {
    if wall <= 0.0 || price <= 0.0 {
        return (0.0, 100.0);
    }
    let distance = if short {
        (price - wall) / price * 100.0
    } else {
        (wall - price) / price * 100.0
    };
    let penalty = if distance >= 2.0 {
        0.0
    } else if distance >= 1.5 {
        -5.0
    } else if distance >= 1.0 {
        -10.0
    } else if distance >= 0.5 {
        -15.0
    } else {
        -20.0
    };
    (penalty, distance)
}

/// The dashboard's `detectEnhancedPatienceCandle`: an inside bar's direction and points, from
/// its body against its range and its range against the previous one, halved away from VWAP and
/// the walls (0.3 %).
fn graded_inside_candle(
    [prev_high, prev_low, high, low]: [f64; 4],
    context: &MarketContext,
) -> Option<(Direction, f64)> {
    let (close, open) = (context.current_price, context.previous_close);
    if !(high < prev_high && low > prev_low) {
        return None;
    }
    let direction = if close > open {
        Direction::Bullish
    } else {
        Direction::Bearish
    };
    let body = (close - open).abs();
    let range = high - low;
    let prev_range = prev_high - prev_low;
    let body_ratio = if range > 0.0 { body / range } else { 0.0 };
    let compression = if prev_range > 0.0 {
        range / prev_range
    } else {
        1.0
    };
    let quality = if body_ratio < 0.35 && compression < 0.5 {
        1.0
    } else if body_ratio < 0.5 && compression < 0.7 {
        0.7
    } else {
        0.4
    };
    let mid = (high + low) / 2.0;
    let at_level = [context.vwap, context.put_wall, context.call_wall]
        .into_iter()
        .filter(|&level| level > 0.0)
        .any(|level| ((mid - level) / level).abs() <= 0.003);
    let level_factor = if at_level { 1.0 } else { 0.5 };
    Some((
        direction,
        js_round(WEIGHTS.PATIENCE_CANDLE * quality * level_factor),
    ))
}

/// `detectPatienceCandle` of the gamma engine: an inside bar (high below the previous high and
/// low above the previous low), bullish when it closed above its open.
///
/// ```
/// use edgekit::ltp::{Direction, detect_inside_patience_candle};
///
/// let candle = detect_inside_patience_candle(102.0, 100.0, 101.5, 100.5, 101.2, 100.8);
/// assert_eq!((candle.is_patience_candle, candle.direction), (true, Some(Direction::Bullish)));
/// assert!(!detect_inside_patience_candle(102.0, 100.0, 102.5, 100.5, 101.0, 101.0).is_patience_candle);
/// ```
pub fn detect_inside_patience_candle(
    previous_high: f64,
    previous_low: f64,
    current_high: f64,
    current_low: f64,
    current_close: f64,
    current_open: f64,
) -> InsideCandle {
    if !(current_high < previous_high && current_low > previous_low) {
        return InsideCandle {
            is_patience_candle: false,
            direction: None,
        };
    }
    InsideCandle {
        is_patience_candle: true,
        direction: Some(if current_close > current_open {
            Direction::Bullish
        } else {
            Direction::Bearish
        }),
    }
}

struct Held {
    smoothed: f64,
    grade: Ltp2Grade,
    locked: bool,
    candles_at_grade: f64,
}

/// `applyHysteresis`: without a previous grade, the raw score's grade; with one, the mean of the
/// last three earlier scores and this one (rounded), a held grade kept until that mean falls
/// more than the buffer below its threshold, an upgrade only past the next threshold.
fn hold_grade(raw: f64, state: Option<&ScoreHysteresisState>) -> Result<Held, LtpError> {
    let Some((previous, state)) = state.and_then(|s| s.previous_grade.map(|g| (g, s))) else {
        return Ok(Held {
            smoothed: raw,
            grade: Ltp2Grade::of(raw),
            locked: false,
            candles_at_grade: 1.0,
        });
    };
    let recent = &state.previous_scores[state.previous_scores.len().saturating_sub(3)..];
    let sum = recent.iter().fold(0.0, |a, b| a + b) + raw;
    let smoothed = js_round(sum / (recent.len() + 1) as f64);
    if !smoothed.is_finite() {
        let offset = state.previous_scores.len() - recent.len();
        let i = recent.iter().position(|x| !x.is_finite()).unwrap_or(0) + offset;
        return Err(LtpError::NotFinite {
            argument: format!("hysteresisState.previousScores[{i}]"),
            value: state.previous_scores.get(i).copied().unwrap_or(f64::NAN),
        });
    }
    let (sniper, decent) = (GRADE_THRESHOLDS.SNIPER, GRADE_THRESHOLDS.DECENT);
    let mut locked = false;
    let grade = match previous {
        Ltp2Grade::Sniper if smoothed >= sniper - HYSTERESIS_BUFFER => {
            locked = smoothed < sniper;
            Ltp2Grade::Sniper
        }
        // Below 70: Decent or Dumb Shit on the plain thresholds.
        Ltp2Grade::Sniper => Ltp2Grade::of(smoothed),
        Ltp2Grade::Decent if smoothed >= sniper => Ltp2Grade::Sniper,
        Ltp2Grade::Decent if smoothed >= decent - HYSTERESIS_BUFFER => {
            locked = smoothed < decent;
            Ltp2Grade::Decent
        }
        Ltp2Grade::Decent => Ltp2Grade::DumbShit,
        Ltp2Grade::DumbShit => Ltp2Grade::of(smoothed),
    };
    let candles_at_grade = if grade == previous {
        state.candles_at_grade + 1.0
    } else {
        1.0
    };
    if !candles_at_grade.is_finite() {
        return Err(LtpError::NotFinite {
            argument: "hysteresisState.candlesAtGrade".into(),
            value: state.candles_at_grade,
        });
    }
    Ok(Held {
        smoothed,
        grade,
        locked,
        candles_at_grade,
    })
}

/// `generateRecommendation`.
fn recommendation(
    breakdown: &ScoreBreakdown,
    direction: CloudDirection,
    warnings: &[String],
) -> String {
    if breakdown.total >= GRADE_THRESHOLDS.SNIPER {
        let side = match direction {
            CloudDirection::Bullish => "long",
            CloudDirection::Bearish => "short",
            CloudDirection::Neutral => "position",
        };
        return format!(
            "Sniper setup. Valid {side} at current levels. All confluence factors aligned."
        );
    }
    if breakdown.total >= GRADE_THRESHOLDS.DECENT {
        return match warnings.first() {
            Some(first) => format!("Decent setup but watch for: {first}. Consider smaller size."),
            None => "Decent setup. Missing some confluence. Trade with caution.".to_owned(),
        };
    }
    if breakdown.resistance_penalty < 0.0 {
        return if direction == CloudDirection::Bullish {
            "Chasing tops near Call Wall. Wait for pullback to VWAP."
        } else {
            "Chasing lows near Put Wall. Wait for bounce rejection."
        }
        .to_owned();
    }
    if breakdown.cloud_score == 0.0 {
        return "No clear trend. Sit on hands and wait for direction.".to_owned();
    }
    "Low probability setup. Multiple factors missing. Stay patient.".to_owned()
}
