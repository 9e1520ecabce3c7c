//! The dashboard's swing-point levels (`swing-point-detector.ts`): swing highs and lows confirmed
//! by `lookback` bars on each side, clustered by price into levels with touch counts, filtered
//! near a price and merged across the 4-hour and 1-hour timeframes. Operation for operation, so
//! prices, ties and orders are the dashboard's; clustering scans only the price window a swing
//! can reach (the dashboard compares every pair), which keeps 10⁵ bars fast.

use serde::{Deserialize, Serialize};

use super::error::{LtpError, finite_rows};
use super::js::js_to_fixed;

/// A swing high (resistance) or low (support).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum SwingKind {
    /// A high no lower than the highs around it.
    High,
    /// A low no higher than the lows around it.
    Low,
}

/// A level from clustered swings (`SwingPoint`), in the dashboard's key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct SwingPoint {
    /// The cluster's mean price, to the cent.
    pub price: f64,
    /// High or low.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "typescript", ts(rename = "type"))]
    pub kind: SwingKind,
    /// The latest swing's time.
    pub timestamp: f64,
    /// Swings in the cluster.
    pub touch_count: f64,
    /// The timeframe label ("1H", "4H", "D").
    pub timeframe: String,
    /// 60 + 10 per touch, at most 100.
    pub strength: f64,
}

/// How swings are found and clustered (`SwingPointConfig`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct SwingPointConfig {
    /// Bars on each side that a swing must top (or undercut).
    pub lookback: usize,
    /// Price distance, in percent of a swing's price, within which swings cluster.
    pub tolerance: f64,
    /// Swings a cluster needs to be a level.
    pub min_touches: f64,
}

/// The default for a timeframe without its own (`DEFAULT_CONFIG`).
pub const DEFAULT_SWING_CONFIG: SwingPointConfig = SwingPointConfig {
    lookback: 5,
    tolerance: 0.3,
    min_touches: 2.0,
};

/// `TIMEFRAME_CONFIGS`: "1H" (5 bars, 0.3 %), "4H" (3, 0.5 %), "D" (3, 0.8 %), two touches each.
pub const SWING_TIMEFRAME_CONFIGS: [(&str, SwingPointConfig); 3] = [
    ("1H", DEFAULT_SWING_CONFIG),
    (
        "4H",
        SwingPointConfig {
            lookback: 3,
            tolerance: 0.5,
            min_touches: 2.0,
        },
    ),
    (
        "D",
        SwingPointConfig {
            lookback: 3,
            tolerance: 0.8,
            min_touches: 2.0,
        },
    ),
];

/// The configuration of a timeframe label: its own, else [`DEFAULT_SWING_CONFIG`].
pub fn swing_config_for(timeframe: &str) -> SwingPointConfig {
    SWING_TIMEFRAME_CONFIGS
        .iter()
        .find(|(label, _)| *label == timeframe)
        .map_or(DEFAULT_SWING_CONFIG, |(_, config)| *config)
}

/// The lookback `detectSwingPoints` reads from a JavaScript number, for `bars` bars: `None`
/// where the dashboard finds no swings (fewer than `2·lookback + 1` bars, or NaN), the whole
/// number otherwise; refused: a fractional or negative lookback the bars are long enough for
/// (the dashboard reads a bar that is not there and throws).
///
/// ```
/// use edgekit::ltp::swing_lookback_js;
///
/// assert_eq!(swing_lookback_js(3.0, 40)?, Some(3));
/// assert_eq!(swing_lookback_js(f64::INFINITY, 40)?, None);
/// assert_eq!(swing_lookback_js(2.5, 5)?, None); // 5 < 6: too few bars, no swings
/// assert!(swing_lookback_js(2.5, 40).is_err());
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn swing_lookback_js(lookback: f64, bars: usize) -> Result<Option<usize>, LtpError> {
    if (bars as f64) < lookback * 2.0 + 1.0 || lookback.is_nan() {
        return Ok(None);
    }
    if lookback < 0.0 || lookback.fract() != 0.0 {
        return Err(LtpError::OutOfRange {
            argument: "config.lookback".into(),
            value: lookback,
            range: "a whole number ≥ 0 (the dashboard reads bars[lookback])",
        });
    }
    Ok(Some(lookback as usize))
}

/// `detectSwingPoints(bars, timeframe, config)` on columns of highs, lows and times: a swing
/// high is a high no lower than each of the `lookback` highs on either side (a swing low
/// mirrored); swings of one kind within `tolerance` % of a swing's price (taken in ascending
/// price order) form a cluster when there are at least `min_touches` of them, at their mean
/// price to the cent, latest time and strength 60 + 10 per touch (at most 100); strongest
/// first, then latest. Fewer than `2·lookback + 1` bars: none. Refused: non-finite bars, and a
/// configuration whose clusters would have no price (a NaN tolerance with `min_touches` ≤ 0).
///
/// ```
/// use edgekit::ltp::{detect_swing_points, swing_config_for};
///
/// // Two swing highs at 105 and 105.2 (within 0.5 %) on "4H": one level, two touches.
/// let high = [100.0, 101.0, 102.0, 105.0, 102.0, 101.0, 100.0, 102.0, 105.2, 102.0, 101.0, 100.5];
/// let low: Vec<f64> = high.iter().map(|h| h - 2.0).collect();
/// let time: Vec<f64> = (0..12).map(|i| f64::from(i) * 3.6e6).collect();
/// let levels = detect_swing_points(&high, &low, &time, "4H", &swing_config_for("4H"))?;
/// assert_eq!((levels[0].price, levels[0].touch_count, levels[0].strength), (105.1, 2.0, 80.0));
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn detect_swing_points(
    high: &[f64],
    low: &[f64],
    time: &[f64],
    timeframe: &str,
    config: &SwingPointConfig,
) -> Result<Vec<SwingPoint>, LtpError> {
    finite_rows("bars", &[("high", high), ("low", low), ("time", time)])?;
    let n = high.len();
    let k = config.lookback;
    if n < k.saturating_mul(2).saturating_add(1) {
        return Ok(Vec::new());
    }
    let mut raw: Vec<(f64, SwingKind, f64)> = Vec::new();
    for i in k..n - k {
        let around = (i - k..i).chain(i + 1..=i + k);
        if around.clone().all(|j| high[j] <= high[i]) {
            raw.push((high[i], SwingKind::High, time[i]));
        }
        if around.clone().all(|j| low[j] >= low[i]) {
            raw.push((low[i], SwingKind::Low, time[i]));
        }
    }
    cluster(raw, timeframe, config)
}

/// `clusterSwingPoints`: in ascending price order (stable), each swing not yet used gathers
/// the unused swings of its kind within the tolerance; a large enough gathering becomes a level
/// and its members are used.
fn cluster(
    mut raw: Vec<(f64, SwingKind, f64)>,
    timeframe: &str,
    config: &SwingPointConfig,
) -> Result<Vec<SwingPoint>, LtpError> {
    // Stable, and −0 ties 0 as in the dashboard's `a.price − b.price` (prices are finite).
    raw.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    let m = raw.len();
    let mut used = vec![false; m];
    let mut levels = Vec::new();
    let mut members: Vec<usize> = Vec::new();
    let within = |from: f64, to: f64| (to - from).abs() / from * 100.0 <= config.tolerance;
    for i in 0..m {
        if used[i] {
            continue;
        }
        let (price, kind, _) = raw[i];
        members.clear();
        if price > 0.0 {
            // The distance grows with the price difference on either side, so the cluster's
            // swings lie in one window around i.
            let mut lo = i;
            while lo > 0 && within(price, raw[lo - 1].0) {
                lo -= 1;
            }
            let mut hi = i;
            while hi + 1 < m && within(price, raw[hi + 1].0) {
                hi += 1;
            }
            if within(price, price) {
                members.extend((lo..=hi).filter(|&j| !used[j] && raw[j].1 == kind));
            }
        } else {
            members.extend(
                (0..m).filter(|&j| !used[j] && raw[j].1 == kind && within(price, raw[j].0)),
            );
        }
        let count = members.len() as f64;
        // A NaN minimum admits none, as the dashboard's `>=` does.
        let enough = count >= config.min_touches;
        if !enough {
            continue;
        }
        let sum = members.iter().fold(0.0, |s, &j| s + raw[j].0);
        let mean = sum / count;
        let latest = members
            .iter()
            .fold(f64::NEG_INFINITY, |t, &j| t.max(raw[j].2));
        if !mean.is_finite() || !latest.is_finite() {
            return Err(LtpError::OutOfRange {
                argument: "config.minTouches".into(),
                value: config.min_touches,
                range: "above 0 when no swing is within the tolerance (a cluster of none has no price)",
            });
        }
        levels.push(SwingPoint {
            price: cents_of(mean),
            kind,
            timestamp: latest,
            touch_count: count,
            timeframe: timeframe.to_owned(),
            strength: (60.0 + count * 10.0).min(100.0),
        });
        for &j in &members {
            used[j] = true;
        }
    }
    levels.sort_by(|a, b| {
        descending(a.strength, b.strength).then(descending(a.timestamp, b.timestamp))
    });
    Ok(levels)
}

/// `b − a` as a sort comparator over finite numbers (−0 ties 0).
fn descending(a: f64, b: f64) -> std::cmp::Ordering {
    b.partial_cmp(&a).unwrap_or(std::cmp::Ordering::Equal)
}

/// `Number(x.toFixed(2))`.
fn cents_of(x: f64) -> f64 {
    js_to_fixed(x, 2).parse().unwrap_or(f64::NAN)
}

/// `countTouchesAtLevel(bars, level, type, tolerancePct, startIndex)` on the column its type
/// reads (the highs for a resistance, `"high"`; the lows otherwise): bars from `start_index`
/// whose price lies within `tolerance_pct` % of the level, bounds included. A start at or past the end (or NaN) counts none; refused: a fractional or negative
/// start before the end (the dashboard reads a bar that is not there and throws).
///
/// ```
/// use edgekit::ltp::count_touches_at_level;
///
/// let high = [99.0, 100.1, 100.3, 99.85];
/// assert_eq!(count_touches_at_level(&high, 100.0, 0.2, 0.0)?, 2);
/// assert_eq!(count_touches_at_level(&high, 100.0, 0.2, 3.0)?, 1);
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn count_touches_at_level(
    prices: &[f64],
    level: f64,
    tolerance_pct: f64,
    start_index: f64,
) -> Result<usize, LtpError> {
    let n = prices.len();
    if start_index.is_nan() || start_index >= n as f64 {
        return Ok(0);
    }
    if start_index < 0.0 || start_index.fract() != 0.0 {
        return Err(LtpError::OutOfRange {
            argument: "startIndex".into(),
            value: start_index,
            range: "a whole number ≥ 0 (the dashboard reads bars[startIndex])",
        });
    }
    let tolerance = level * (tolerance_pct / 100.0);
    let (lo, hi) = (level - tolerance, level + tolerance);
    Ok(prices[start_index as usize..]
        .iter()
        .filter(|&&x| x >= lo && x <= hi)
        .count())
}

/// `filterNearbyLevels(swings, currentPrice, maxDistancePct)`: the indices of the prices within
/// `max_distance_pct` % of the current price, in order.
///
/// ```
/// use edgekit::ltp::nearby_levels;
///
/// assert_eq!(nearby_levels(&[90.0, 99.0, 104.0, 120.0], 100.0, 5.0), vec![1, 2]);
/// ```
pub fn nearby_levels(prices: &[f64], current_price: f64, max_distance_pct: f64) -> Vec<usize> {
    (0..prices.len())
        .filter(|&i| (prices[i] - current_price).abs() / current_price * 100.0 <= max_distance_pct)
        .collect()
}

/// A level of [`merge_mtf_levels`] and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergedLevel {
    /// The level (a merged one: the 4-hour level with the mean price to the cent, the summed
    /// touches, strength + 15 up to 100, timeframe "4H").
    pub level: SwingPoint,
    /// Its 4-hour level's index, if any.
    pub from_4h: Option<usize>,
    /// Its 1-hour level's index, if any.
    pub from_1h: Option<usize>,
}

/// `mergeMTFLevels(levels4H, levels1H, tolerancePct)`: each 4-hour level takes the first unused
/// 1-hour level of its kind within `tolerance_pct` % of its price (a confluence); the 1-hour
/// levels left follow; strongest first, then most touches (stable). Refused: a merged level
/// whose numbers would not be finite.
///
/// ```
/// use edgekit::ltp::{SwingKind, SwingPoint, merge_mtf_levels};
///
/// let level = |price: f64, timeframe: &str| SwingPoint { price, kind: SwingKind::High,
///     timestamp: 0.0, touch_count: 2.0, timeframe: timeframe.into(), strength: 80.0 };
/// let merged = merge_mtf_levels(&[level(100.0, "4H")], &[level(100.2, "1H"), level(90.0, "1H")], 0.3)?;
/// assert_eq!((merged[0].level.price, merged[0].level.strength, merged[0].level.touch_count), (100.1, 95.0, 4.0));
/// assert_eq!((merged[1].from_4h, merged[1].from_1h), (None, Some(1)));
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn merge_mtf_levels(
    levels_4h: &[SwingPoint],
    levels_1h: &[SwingPoint],
    tolerance_pct: f64,
) -> Result<Vec<MergedLevel>, LtpError> {
    for (name, levels) in [("levels4H", levels_4h), ("levels1H", levels_1h)] {
        for (i, l) in levels.iter().enumerate() {
            for (field, x) in [
                ("price", l.price),
                ("touchCount", l.touch_count),
                ("strength", l.strength),
            ] {
                crate::ltp::error::finite(|| format!("{name}[{i}].{field}"), x)?;
            }
        }
    }
    let mut used = vec![false; levels_1h.len()];
    let mut merged = Vec::with_capacity(levels_4h.len() + levels_1h.len());
    for (i, l4) in levels_4h.iter().enumerate() {
        let matching = levels_1h.iter().enumerate().position(|(j, l1)| {
            !used[j]
                && l1.kind == l4.kind
                && (l1.price - l4.price).abs() / l4.price * 100.0 <= tolerance_pct
        });
        let Some(j) = matching else {
            merged.push(MergedLevel {
                level: l4.clone(),
                from_4h: Some(i),
                from_1h: None,
            });
            continue;
        };
        used[j] = true;
        let l1 = &levels_1h[j];
        let level = SwingPoint {
            price: cents_of((l4.price + l1.price) / 2.0),
            touch_count: l4.touch_count + l1.touch_count,
            strength: (l4.strength + 15.0).min(100.0),
            timeframe: "4H".into(),
            ..l4.clone()
        };
        for (name, x) in [
            ("price", level.price),
            ("touchCount", level.touch_count),
            ("strength", level.strength),
        ] {
            if !x.is_finite() {
                return Err(LtpError::NotFinite {
                    argument: format!("levels4H[{i}].{name} merged with levels1H[{j}]"),
                    value: x,
                });
            }
        }
        merged.push(MergedLevel {
            level,
            from_4h: Some(i),
            from_1h: Some(j),
        });
    }
    for (j, l1) in levels_1h.iter().enumerate() {
        if !used[j] {
            merged.push(MergedLevel {
                level: l1.clone(),
                from_4h: None,
                from_1h: Some(j),
            });
        }
    }
    merged.sort_by(|a, b| {
        descending(a.level.strength, b.level.strength)
            .then(descending(a.level.touch_count, b.level.touch_count))
    });
    Ok(merged)
}
