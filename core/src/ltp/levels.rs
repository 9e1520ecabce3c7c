//! Level proximity (`scoreLevelProximity`): which key level the price is at, and how many
//! points that is worth, by the corrected formula or, to reproduce the dashboard's numbers
//! exactly, by the one it ships.

use serde::{Deserialize, Serialize};

use super::error::{LtpError, finite};
use super::scores::{KeyLevel, is_positive_finite, js_round};

/// The dashboard's default `threshold` of [`score_level_proximity`] (percent of the price).
pub const PROXIMITY_THRESHOLD: f64 = 0.3;

/// How [`score_level_proximity`] turns a level's distance `d` (percent of the price) into
/// proximity points, before the level's strength/100·50 is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum LevelFormula {
    /// `(1 − d/θ)·50`: 50 points at the level, 0 at the threshold θ, so a level score stays
    /// within 0–100. The dashboard's formula up to its commit d728628; the default.
    #[default]
    Corrected,
    /// `((1 − d)/θ)·50`: the dashboard's formula since its "safe division" refactor (7c92d84,
    /// still at e085b32). At θ = 0.3 a level right at the price gets 167 proximity points and a
    /// level score reaches 217, which moves confluence, stage and coach note. Choose it to
    /// reproduce the dashboard's numbers exactly, diff, then switch.
    Dashboard,
}

/// The best level near the price and its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct LevelResult {
    /// Rounded score of the best level (0 when none is near).
    pub score: f64,
    /// The best level, if any.
    pub level: Option<KeyLevel>,
}

/// `scoreLevelProximity`: for each level within `threshold` % of the price, its proximity
/// points (by `formula`) + strength/100·50; the first strictly highest wins.
///
/// ```
/// use edgekit::ltp::{score_level_proximity, KeyLevel, LevelFormula};
///
/// let levels = [KeyLevel::new("pdh", 100.1, "daily", 80.0), KeyLevel::new("vwap", 99.0, "intraday", 75.0)];
/// let r = score_level_proximity(100.0, &levels, 0.3, LevelFormula::Corrected)?;
/// assert_eq!(r.score, 73.0);
/// assert_eq!(r.level.unwrap().kind, "pdh");
/// // The dashboard's formula gives (1 − 0.1)/0.3·50 = 150 proximity points.
/// let r = score_level_proximity(100.0, &levels, 0.3, LevelFormula::Dashboard)?;
/// assert_eq!(r.score, 190.0);
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn score_level_proximity(
    price: f64,
    levels: &[KeyLevel],
    threshold: f64,
    formula: LevelFormula,
) -> Result<LevelResult, LtpError> {
    Ok(level_unchecked(price, levels, threshold, formula))
}

pub(crate) fn check_levels(levels: &[KeyLevel]) -> Result<(), LtpError> {
    for (i, l) in levels.iter().enumerate() {
        finite(|| format!("levels[{i}].price"), l.price)?;
        finite(|| format!("levels[{i}].strength"), l.strength)?;
    }
    Ok(())
}

pub(crate) fn level_unchecked(
    price: f64,
    levels: &[KeyLevel],
    threshold: f64,
    formula: LevelFormula,
) -> LevelResult {
    let (score, best) = best_level(
        price,
        levels.iter().map(|l| (l.price, l.strength)),
        threshold,
        formula,
    );
    LevelResult {
        score,
        level: best.map(|i| levels[i].clone()),
    }
}

/// `scoreLevelProximity` on (price, strength) pairs: the rounded best score and the index of
/// the first level reaching it, if any is near. Any numbers are read as the dashboard reads
/// them: no positive finite price or a threshold ≤ 0 finds nothing, a level with a NaN price is
/// never near, a non-finite strength counts 0 (its `safeDivideValue` fallback).
///
/// ```
/// use edgekit::ltp::{best_level, LevelFormula};
///
/// let levels = [(99.0, 75.0), (100.1, 80.0)];
/// let (score, index) = best_level(100.0, levels.into_iter(), 0.3, LevelFormula::Corrected);
/// assert_eq!((score, index), (73.0, Some(1)));
/// ```
pub fn best_level(
    price: f64,
    levels: impl Iterator<Item = (f64, f64)>,
    threshold: f64,
    formula: LevelFormula,
) -> (f64, Option<usize>) {
    let mut best = 0.0;
    let mut best_index = None;
    // The dashboard's own guard (and `threshold <= 0` is false for NaN, as in JavaScript).
    if !is_positive_finite(price) || threshold <= 0.0 {
        return (0.0, None);
    }
    for (i, (level, strength)) in levels.enumerate() {
        let distance = (price - level).abs() / price * 100.0;
        // False for NaN: a level without a usable price is never near.
        if distance <= threshold {
            let proximity = match formula {
                LevelFormula::Corrected => (1.0 - distance / threshold) * 50.0,
                LevelFormula::Dashboard => safe_divide(1.0 - distance, threshold) * 50.0,
            };
            let score = proximity + safe_divide(strength, 100.0) * 50.0;
            // False for NaN: such a level never wins.
            if score > best {
                best = score;
                best_index = Some(i);
            }
        }
    }
    (js_round(best), best_index)
}

/// The dashboard's `safeDivideValue(n, d, 0)`: 0 when either side is not finite, `d` is 0, or
/// the quotient is not finite.
fn safe_divide(numerator: f64, denominator: f64) -> f64 {
    if !numerator.is_finite() || !denominator.is_finite() || denominator == 0.0 {
        return 0.0;
    }
    let quotient = numerator / denominator;
    if quotient.is_finite() { quotient } else { 0.0 }
}
