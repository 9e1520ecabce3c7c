//! `ltp` namespace, continued: the dashboard's swing-point levels (`swing-point-detector.ts`)
//! on columns. `edgekit/swing-points` wraps them for its `Bar[]` and level objects.

use edgekit::ltp::{self, SwingPoint, SwingPointConfig};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::errors::{Code, to_js};

/// A configuration as JavaScript numbers (`SwingPointConfig`).
#[napi(object, namespace = "ltp")]
pub struct SwingConfigInput {
    pub lookback: f64,
    pub tolerance: f64,
    pub min_touches: f64,
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "detectSwingPoints",
    namespace = "ltp",
    ts_return_type = "Array<SwingPoint>"
)]
pub fn detect_swing_points(
    high: Float64Array,
    low: Float64Array,
    time: Float64Array,
    timeframe: String,
    config: Option<SwingConfigInput>,
) -> std::result::Result<Plain, Error<Code>> {
    let config = match config {
        None => ltp::swing_config_for(&timeframe),
        Some(c) => match ltp::swing_lookback_js(c.lookback, high.len()).map_err(to_js)? {
            Some(lookback) => SwingPointConfig {
                lookback,
                tolerance: c.tolerance,
                min_touches: c.min_touches,
            },
            None => return Ok(Plain::verbatim(&[] as &[SwingPoint])),
        },
    };
    ltp::detect_swing_points(&high, &low, &time, &timeframe, &config)
        .map(|levels| Plain::verbatim(&levels))
        .map_err(to_js)
}

#[edgekit_macros::boundary]
#[napi(js_name = "countTouchesAtLevel", namespace = "ltp")]
pub fn count_touches_at_level(
    prices: Float64Array,
    level: f64,
    tolerance_pct: f64,
    start_index: f64,
) -> std::result::Result<u32, Error<Code>> {
    let count =
        ltp::count_touches_at_level(&prices, level, tolerance_pct, start_index).map_err(to_js)?;
    // At most the bars given, which a JS array holds in 32 bits.
    Ok(count as u32)
}

/// The indices of the levels near the price.
#[edgekit_macros::boundary]
#[napi(js_name = "nearbyLevels", namespace = "ltp")]
pub fn nearby_levels(
    prices: Float64Array,
    current_price: f64,
    max_distance_pct: f64,
) -> std::result::Result<Vec<u32>, Error<Code>> {
    Ok(ltp::nearby_levels(&prices, current_price, max_distance_pct)
        .into_iter()
        .map(|i| i as u32)
        .collect())
}

/// A merged level: where it came from and, when merged, its new numbers.
#[napi(object, namespace = "ltp")]
pub struct MergedLevelRef {
    pub from4h: Option<u32>,
    pub from1h: Option<u32>,
    pub price: f64,
    pub touch_count: f64,
    pub strength: f64,
}

/// Levels as columns: what merging reads of them (reading columns costs a fraction of reading
/// objects through N-API).
#[napi(object, namespace = "ltp")]
pub struct LevelColumns {
    pub price: Float64Array,
    /// 1 for "high", 0 for "low".
    pub high: Uint8Array,
    pub touch_count: Float64Array,
    pub strength: Float64Array,
}

fn levels_of(c: &LevelColumns, name: &str) -> std::result::Result<Vec<SwingPoint>, Error<Code>> {
    let n = c.price.len();
    if c.high.len() != n || c.touch_count.len() != n || c.strength.len() != n {
        return Err(crate::errors::invalid_type(format!(
            "{name}: the level columns differ in length"
        )));
    }
    Ok((0..n)
        .map(|i| SwingPoint {
            price: c.price[i],
            kind: if c.high[i] == 1 {
                ltp::SwingKind::High
            } else {
                ltp::SwingKind::Low
            },
            timestamp: 0.0,
            touch_count: c.touch_count[i],
            timeframe: String::new(),
            strength: c.strength[i],
        })
        .collect())
}

#[edgekit_macros::boundary]
#[napi(js_name = "mergeMtfLevels", namespace = "ltp")]
pub fn merge_mtf_levels(
    levels_4h: LevelColumns,
    levels_1h: LevelColumns,
    tolerance_pct: f64,
) -> std::result::Result<Vec<MergedLevelRef>, Error<Code>> {
    let four = levels_of(&levels_4h, "levels4H")?;
    let one = levels_of(&levels_1h, "levels1H")?;
    Ok(ltp::merge_mtf_levels(&four, &one, tolerance_pct)
        .map_err(to_js)?
        .into_iter()
        .map(|m| MergedLevelRef {
            from4h: m.from_4h.map(|i| i as u32),
            from1h: m.from_1h.map(|j| j as u32),
            price: m.level.price,
            touch_count: m.level.touch_count,
            strength: m.level.strength,
        })
        .collect())
}

#[edgekit_macros::boundary]
#[napi(
    js_name = "swingTimeframeConfigs",
    namespace = "ltp",
    ts_return_type = "Record<string, SwingPointConfig>"
)]
pub fn swing_timeframe_configs() -> std::result::Result<Plain, Error<Code>> {
    let configs: serde_json::Map<String, serde_json::Value> = ltp::SWING_TIMEFRAME_CONFIGS
        .iter()
        .map(|(label, config)| (label.to_string(), edgekit::contract::to_value(config)))
        .collect();
    Ok(Plain::verbatim(&configs))
}
