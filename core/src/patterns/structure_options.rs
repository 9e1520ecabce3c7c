//! The options of the chart-structure functions, written once for both faces: names,
//! defaults and the refusal of unknown names (see `edgekit::contract`). Arrays that travel
//! with them (an ATR series) stay arguments of their own, so they are never copied into JSON.

use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Bars, Cutoff, PatternError, Session, Swing, Timeframe, fractal_swings, zigzag};

/// How swing points are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SwingMethod {
    /// A strict extreme among `left` bars before and `right` bars after.
    #[default]
    Fractal,
    /// A reversal by `threshold` × price (or × ATR when an ATR series is given).
    Zigzag,
}

/// Options of `swings` and `trend_structure`.
///
/// ```
/// use edgekit::patterns::{Bars, SwingOptions};
/// let high = [1.0, 2.0, 5.0, 2.0, 1.0, 2.0, 1.0];
/// let low = [0.5, 1.5, 4.0, 1.5, 0.5, 1.5, 0.5];
/// let bars = Bars::new(&high, &high, &low, &low, None)?;
/// let swings = SwingOptions::default().find(bars, None)?;
/// assert_eq!(swings[0].index, 2);
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SwingOptions {
    /// `fractal` (default) or `zigzag`.
    pub method: SwingMethod,
    /// Fractal: bars before the extreme.
    pub left: usize,
    /// Fractal: bars after the extreme.
    pub right: usize,
    /// Zigzag: the reversal as a fraction of price (or a multiple of the ATR series).
    pub threshold: f64,
}

impl Default for SwingOptions {
    fn default() -> Self {
        SwingOptions {
            method: SwingMethod::Fractal,
            left: 2,
            right: 2,
            threshold: 0.05,
        }
    }
}

impl SwingOptions {
    /// The swing points of `bars` by this method (`atr` scales a zigzag's threshold).
    pub fn find(&self, bars: Bars, atr: Option<&[f64]>) -> Result<Vec<Swing>, PatternError> {
        match self.method {
            SwingMethod::Fractal => fractal_swings(bars, self.left, self.right),
            SwingMethod::Zigzag => zigzag(bars, self.threshold, atr),
        }
    }
}

/// Options of `levels`: how swings are found, then how they are clustered. The swing fields
/// are repeated rather than flattened from [`SwingOptions`] because serde cannot refuse
/// unknown names through `flatten`; [`LevelOptions::swings`] gives them back as one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LevelOptions {
    /// `fractal` (default) or `zigzag`.
    pub method: SwingMethod,
    /// Fractal: bars before the extreme.
    pub left: usize,
    /// Fractal: bars after the extreme.
    pub right: usize,
    /// Zigzag: the reversal as a fraction of price.
    pub threshold: f64,
    /// Cluster width as a fraction of price.
    pub tolerance: f64,
    /// Swings a level needs.
    pub min_touches: usize,
}

impl Default for LevelOptions {
    fn default() -> Self {
        let swing = SwingOptions::default();
        LevelOptions {
            method: swing.method,
            left: swing.left,
            right: swing.right,
            threshold: swing.threshold,
            tolerance: 0.005,
            min_touches: 2,
        }
    }
}

impl LevelOptions {
    /// The swing part of these options.
    pub fn swings(&self) -> SwingOptions {
        SwingOptions {
            method: self.method,
            left: self.left,
            right: self.right,
            threshold: self.threshold,
        }
    }
}

/// Options of `chart_patterns`: zigzag pivots, then how close "similar" prices must be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChartOptions {
    /// The zigzag reversal as a fraction of price (or a multiple of the ATR series).
    pub threshold: f64,
    /// Relative distance under which two prices count as equal.
    pub tolerance: f64,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            threshold: 0.05,
            tolerance: 0.02,
        }
    }
}

/// Options of `breakouts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BreakoutOptions {
    /// Retest band as a fraction of the level.
    pub tolerance: f64,
    /// Bars to wait for a retest.
    pub max_bars: usize,
}

impl Default for BreakoutOptions {
    fn default() -> Self {
        BreakoutOptions {
            tolerance: 0.002,
            max_bars: 20,
        }
    }
}

/// Options of `runs_test`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunsOptions {
    /// `"median"` (default), `"mean"` or a number.
    #[serde(with = "cutoff_spelling")]
    pub cutoff: Cutoff,
    /// SAS's continuity correction below 50 values.
    pub correction: bool,
}

impl Default for RunsOptions {
    fn default() -> Self {
        RunsOptions {
            cutoff: Cutoff::Median,
            correction: true,
        }
    }
}

/// Options of `narrow_range`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NarrowRangeOptions {
    /// The window: a bar is narrow when its range is the strict minimum of the last `n`.
    pub n: usize,
}

impl Default for NarrowRangeOptions {
    fn default() -> Self {
        NarrowRangeOptions { n: 7 }
    }
}

/// Options of `session_vwap`: where a trading day starts.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionOptions {
    /// Session start in minutes after local midnight (570 for 09:30).
    pub session_start: i64,
    /// Local time minus UTC in minutes (−300 for New York in winter).
    pub utc_offset: i64,
}

impl From<SessionOptions> for Session {
    fn from(o: SessionOptions) -> Self {
        Session {
            start_minute: o.session_start,
            utc_offset_minutes: o.utc_offset,
        }
    }
}

/// Options of `resample`: the bar length and the session.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResampleOptions {
    /// `"5m"` (default), `"15m"`, `"1h"`, `"4h"`, `"1d"`, `"1w"`; any whole number of minutes
    /// or hours.
    #[serde(with = "timeframe_spelling")]
    pub timeframe: Timeframe,
    /// Session start in minutes after local midnight.
    pub session_start: i64,
    /// Local time minus UTC in minutes.
    pub utc_offset: i64,
}

impl Default for ResampleOptions {
    fn default() -> Self {
        ResampleOptions {
            timeframe: Timeframe::Minutes(5),
            session_start: 0,
            utc_offset: 0,
        }
    }
}

impl ResampleOptions {
    /// The session part of these options.
    pub fn session(&self) -> Session {
        Session {
            start_minute: self.session_start,
            utc_offset_minutes: self.utc_offset,
        }
    }
}

/// A cutoff as users write it: `"median"`, `"mean"` or a number.
mod cutoff_spelling {
    use super::*;

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Spelled {
        Name(String),
        Value(f64),
    }

    pub fn serialize<S: Serializer>(cutoff: &Cutoff, s: S) -> Result<S::Ok, S::Error> {
        match cutoff {
            Cutoff::Median => "median".serialize(s),
            Cutoff::Mean => "mean".serialize(s),
            Cutoff::Value(v) => v.serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Cutoff, D::Error> {
        match Spelled::deserialize(d)
            .map_err(|_| serde::de::Error::custom("expected \"median\", \"mean\" or a number"))?
        {
            Spelled::Name(name) if name == "median" => Ok(Cutoff::Median),
            Spelled::Name(name) if name == "mean" => Ok(Cutoff::Mean),
            Spelled::Name(name) => Err(serde::de::Error::custom(format!(
                "cutoff {name:?} is unknown; expected \"median\", \"mean\" or a number"
            ))),
            Spelled::Value(v) => Ok(Cutoff::Value(v)),
        }
    }
}

/// A timeframe as users write it: `"5m"`, `"1h"`, `"1d"`, `"1w"`.
mod timeframe_spelling {
    use super::*;

    pub fn serialize<S: Serializer>(timeframe: &Timeframe, s: S) -> Result<S::Ok, S::Error> {
        match timeframe {
            Timeframe::Minutes(m) if m % 60 == 0 => format!("{}h", m / 60).serialize(s),
            Timeframe::Minutes(m) => format!("{m}m").serialize(s),
            Timeframe::Day => "1d".serialize(s),
            Timeframe::Week => "1w".serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timeframe, D::Error> {
        let text = String::deserialize(d)?;
        Timeframe::from_str(&text).map_err(serde::de::Error::custom)
    }
}
