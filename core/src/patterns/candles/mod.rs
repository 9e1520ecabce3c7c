//! TA-Lib's candlestick patterns, bar for bar: +100/−100 (±80 for TA-Lib's weaker
//! engulfing/harami matches), 0 elsewhere and over each pattern's lookback. Thresholds come
//! from [`CandleSettings`] (TA-Lib's defaults unless overridden); averages are rolled in
//! TA-Lib's order of operations so comparisons at a threshold agree exactly.

mod long;
mod one;
mod scan;
mod settings;
mod three;
mod two;

use rayon::prelude::*;

pub use settings::{
    CANDLE_SETTING_NAMES, CandleSetting, CandleSettingOverride, CandleSettingOverrides,
    CandleSettings, RangeType,
};

use super::{Bars, PatternError};
use scan::Measures;

type Detector = fn(&Measures, &CandleSettings) -> Vec<i32>;

/// Every pattern edgekit computes, by TA-Lib's name without `CDL`.
const DETECTORS: &[(&str, Detector)] = &[
    ("2CROWS", three::two_crows),
    ("3BLACKCROWS", three::three_black_crows),
    ("3INSIDE", three::three_inside),
    ("3LINESTRIKE", three::three_line_strike),
    ("3OUTSIDE", three::three_outside),
    ("3STARSINSOUTH", long::three_stars_in_south),
    ("3WHITESOLDIERS", three::three_white_soldiers),
    ("ABANDONEDBABY", three::abandoned_baby),
    ("ADVANCEBLOCK", long::advance_block),
    ("BREAKAWAY", long::breakaway),
    ("CONCEALBABYSWALL", long::conceal_baby_swallow),
    ("LADDERBOTTOM", long::ladder_bottom),
    ("MATHOLD", long::mat_hold),
    ("RISEFALL3METHODS", long::rise_fall_three_methods),
    ("STALLEDPATTERN", long::stalled_pattern),
    ("UNIQUE3RIVER", long::unique_three_river),
    ("XSIDEGAP3METHODS", long::upside_downside_gap_three_methods),
    ("EVENINGDOJISTAR", three::evening_doji_star),
    ("EVENINGSTAR", three::evening_star),
    ("GAPSIDESIDEWHITE", three::gap_side_side_white),
    ("HIKKAKE", three::hikkake),
    ("HIKKAKEMOD", three::hikkake_modified),
    ("IDENTICAL3CROWS", three::identical_three_crows),
    ("MORNINGDOJISTAR", three::morning_doji_star),
    ("MORNINGSTAR", three::morning_star),
    ("STICKSANDWICH", three::stick_sandwich),
    ("TASUKIGAP", three::tasuki_gap),
    ("TRISTAR", three::tristar),
    ("UPSIDEGAP2CROWS", three::upside_gap_two_crows),
    ("BELTHOLD", one::belt_hold),
    ("CLOSINGMARUBOZU", one::closing_marubozu),
    ("COUNTERATTACK", two::counterattack),
    ("DARKCLOUDCOVER", two::dark_cloud_cover),
    ("DOJI", one::doji),
    ("DOJISTAR", two::doji_star),
    ("DRAGONFLYDOJI", one::dragonfly_doji),
    ("ENGULFING", two::engulfing),
    ("GRAVESTONEDOJI", one::gravestone_doji),
    ("HAMMER", one::hammer),
    ("HANGINGMAN", one::hanging_man),
    ("HARAMI", two::harami),
    ("HARAMICROSS", two::harami_cross),
    ("HIGHWAVE", one::high_wave),
    ("HOMINGPIGEON", two::homing_pigeon),
    ("INNECK", two::in_neck),
    ("INVERTEDHAMMER", one::inverted_hammer),
    ("KICKING", two::kicking),
    ("KICKINGBYLENGTH", two::kicking_by_length),
    ("LONGLEGGEDDOJI", one::long_legged_doji),
    ("LONGLINE", one::long_line),
    ("MARUBOZU", one::marubozu),
    ("MATCHINGLOW", two::matching_low),
    ("ONNECK", two::on_neck),
    ("PIERCING", two::piercing),
    ("RICKSHAWMAN", one::rickshaw_man),
    ("SEPARATINGLINES", two::separating_lines),
    ("SHOOTINGSTAR", one::shooting_star),
    ("SHORTLINE", one::short_line),
    ("SPINNINGTOP", one::spinning_top),
    ("TAKURI", one::takuri),
    ("THRUSTING", two::thrusting),
];

/// The names [`candles`] accepts, in alphabetical order.
pub fn candle_patterns() -> Vec<&'static str> {
    DETECTORS.iter().map(|(name, _)| *name).collect()
}

/// One pattern's signal per bar.
///
/// ```
/// use edgekit::patterns::{candle, Bars, CandleSettings};
///
/// let open = [10.0, 10.6, 10.2];
/// let close = [10.5, 10.3, 11.0];
/// let high = [10.6, 10.7, 11.1];
/// let low = [9.9, 10.2, 10.1];
/// let bars = Bars::new(&open, &high, &low, &close, None)?;
/// let signal = candle("ENGULFING", bars, &CandleSettings::default())?;
/// assert_eq!(signal, vec![0, 0, 100]); // a white body engulfing the black one before
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn candle(name: &str, bars: Bars, settings: &CandleSettings) -> Result<Vec<i32>, PatternError> {
    Ok(detector(name)?(&Measures::new(bars), settings))
}

fn detector(name: &str) -> Result<Detector, PatternError> {
    let upper = name.trim_start_matches("CDL").to_ascii_uppercase();
    DETECTORS
        .iter()
        .find(|(known, _)| *known == upper)
        .map(|(_, detect)| *detect)
        .ok_or_else(|| PatternError::UnknownPattern(name.to_owned()))
}

/// Several patterns (all when `names` is `None`), in parallel over one shared set of candle
/// ranges; results in the order asked.
pub fn candles(
    bars: Bars,
    names: Option<&[&str]>,
    settings: &CandleSettings,
) -> Result<Vec<(String, Vec<i32>)>, PatternError> {
    let wanted: Vec<&str> = match names {
        Some(names) => names.to_vec(),
        None => candle_patterns(),
    };
    // Validate every name before any work.
    let detectors = wanted
        .iter()
        .map(|name| detector(name))
        .collect::<Result<Vec<_>, _>>()?;
    let measures = Measures::new(bars);
    Ok(wanted
        .par_iter()
        .zip(detectors)
        .map(|(name, detect)| {
            let upper = name.trim_start_matches("CDL").to_ascii_uppercase();
            (upper, detect(&measures, settings))
        })
        .collect())
}
