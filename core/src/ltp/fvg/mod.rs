//! The dashboard's fair value gaps (`fvg-detector.ts`): three-candle imbalances (a bullish gap
//! between the first candle's high and the third's low, a bearish one mirrored) at least a
//! minimum size in percent of the middle close, with how much the price has filled them, a
//! strength from the gap against the average true range and the middle candle's volume, the
//! trend of the ten candles before and the volume profile; unfilled gaps nearest the price
//! first. [`analyze_fvgs`] is the multi-timeframe analysis of `getFullAnalysis` on candles the
//! caller fetched (the fetching stays the app's). Operation for operation.

mod analysis;

use serde::{Deserialize, Serialize};

use super::error::{LtpError, finite_rows};
use super::js::js_number_string;

pub use analysis::{
    FVG_TIMEFRAMES, FvgAnalysis, FvgTimeframe, FvgsByTimeframe, GapSummary, TradingContext, Zone,
    analyze_fvgs, fvg_trading_context,
};

/// One candle (`Candle`), in the dashboard's key order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "FvgCandle"))]
pub struct Candle {
    /// Time (ms since the epoch in the dashboard).
    pub timestamp: f64,
    /// Open.
    pub open: f64,
    /// High.
    pub high: f64,
    /// Low.
    pub low: f64,
    /// Close.
    pub close: f64,
    /// Volume.
    pub volume: f64,
}

/// Candles as columns, in any time order.
#[derive(Debug, Clone, Copy)]
pub struct CandleColumns<'a> {
    /// Times.
    pub timestamp: &'a [f64],
    /// Opens.
    pub open: &'a [f64],
    /// Highs.
    pub high: &'a [f64],
    /// Lows.
    pub low: &'a [f64],
    /// Closes.
    pub close: &'a [f64],
    /// Volumes.
    pub volume: &'a [f64],
}

impl CandleColumns<'_> {
    fn candle(&self, i: usize) -> Candle {
        Candle {
            timestamp: self.timestamp[i],
            open: self.open[i],
            high: self.high[i],
            low: self.low[i],
            close: self.close[i],
            volume: self.volume[i],
        }
    }

    fn check(&self) -> Result<usize, LtpError> {
        let columns = [
            ("timestamp", self.timestamp),
            ("open", self.open),
            ("high", self.high),
            ("low", self.low),
            ("close", self.close),
            ("volume", self.volume),
        ];
        finite_rows("candles", &columns)
    }
}

/// Bullish (a gap up: support below) or bearish (a gap down: resistance above).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum GapKind {
    /// The third candle's low above the first's high.
    Bullish,
    /// The third candle's high below the first's low.
    Bearish,
}

/// How strong a gap is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum GapStrength {
    /// 0.6·gap/ATR + 0.4·volume/mean volume above 1.5.
    Strong,
    /// Above 0.8.
    Medium,
    /// Otherwise.
    Weak,
}

/// The three candles of a gap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct FormationCandles {
    /// The first.
    pub candle1: Candle,
    /// The middle one, which makes the gap.
    pub candle2: Candle,
    /// The third.
    pub candle3: Candle,
}

/// Where a gap formed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct GapContext {
    /// "up", "down" or "sideways": the close's change over the ten candles before (±1 %).
    pub trend_direction: String,
    /// "high" (middle volume over 1.5× the mean), "low" (under 0.5×) or "normal".
    pub volume_profile: String,
    /// Always false (the dashboard has no level data here).
    pub near_level: bool,
}

/// A fair value gap (`FairValueGap`), in the dashboard's key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct FairValueGap {
    /// `fvg_{type}_{timeframe}_{middle candle's timestamp}`.
    pub id: String,
    /// Bullish or bearish.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "typescript", ts(rename = "type"))]
    pub kind: GapKind,
    /// The timeframe label given.
    pub timeframe: String,
    /// The first candle's time.
    pub start_time: f64,
    /// The third candle's time.
    pub end_time: f64,
    /// The gap's top.
    pub top_price: f64,
    /// Its bottom.
    pub bottom_price: f64,
    /// Its middle.
    pub mid_price: f64,
    /// Top − bottom.
    pub gap_size: f64,
    /// The size in percent of the middle candle's close.
    pub gap_size_percent: f64,
    /// Whether the price has crossed the whole gap (never, in a result: filled gaps are dropped).
    pub filled: bool,
    /// How much of the gap the price has crossed, 0–100.
    pub fill_percent: f64,
    /// Strong, medium or weak.
    pub strength: GapStrength,
    /// The three candles.
    pub formation_candles: FormationCandles,
    /// Trend and volume around it.
    pub context: GapContext,
    /// The positions of the three candles in the candles given (for bindings that hand back
    /// the caller's own candle objects).
    #[serde(skip)]
    #[cfg_attr(feature = "typescript", ts(skip))]
    pub formation_indices: [usize; 3],
}

/// `fvgDetector.detectFVGs(candles, timeframe, currentPrice, minGapPercent)`: the unfilled gaps
/// of at least `min_gap_percent` % (of the middle close), nearest the price first (ties in time
/// order), at most ten. Candles are sorted by time first (stably); fewer than three: none.
/// Refused: non-finite candles, and a gap whose size in percent is not finite (a middle close
/// of 0).
///
/// ```
/// use edgekit::ltp::{CandleColumns, GapKind, detect_fvgs};
///
/// // The third candle's low (103) is above the first's high (101): a bullish gap of 2.
/// let columns = CandleColumns {
///     timestamp: &[1.0, 2.0, 3.0], open: &[100.0, 101.0, 103.5], high: &[101.0, 104.0, 105.0],
///     low: &[99.0, 100.5, 103.0], close: &[100.5, 103.8, 104.5], volume: &[1e3, 5e3, 1e3],
/// };
/// let gaps = detect_fvgs(columns, "5m", 110.0, 0.1)?;
/// assert_eq!((gaps[0].kind, gaps[0].top_price, gaps[0].bottom_price), (GapKind::Bullish, 103.0, 101.0));
/// assert_eq!(gaps[0].id, "fvg_bullish_5m_2");
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn detect_fvgs(
    candles: CandleColumns,
    timeframe: &str,
    current_price: f64,
    min_gap_percent: f64,
) -> Result<Vec<FairValueGap>, LtpError> {
    let n = candles.check()?;
    if n < 3 {
        return Ok(Vec::new());
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        candles.timestamp[a]
            .partial_cmp(&candles.timestamp[b])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let at = |i: usize| candles.candle(order[i]);
    let mean_volume = order.iter().fold(0.0, |s, &i| s + candles.volume[i]) / n as f64;
    let mut range_sum = 0.0;
    for i in 1..n {
        let (c, prev) = (at(i), at(i - 1));
        range_sum += (c.high - c.low)
            .max((c.high - prev.close).abs())
            .max((c.low - prev.close).abs());
    }
    let atr = range_sum / (n - 1) as f64;

    // Candidates first (numbers only); the ten kept become gaps, with their texts.
    struct Candidate {
        at: usize,
        kind: GapKind,
        top: f64,
        bottom: f64,
        size_percent: f64,
        fill: f64,
    }
    let mut candidates = Vec::new();
    for i in 2..n {
        let (c1, c2, c3) = (at(i - 2), at(i - 1), at(i));
        for kind in [GapKind::Bullish, GapKind::Bearish] {
            let (top, bottom) = match kind {
                GapKind::Bullish if c3.low > c1.high => (c3.low, c1.high),
                GapKind::Bearish if c3.high < c1.low => (c1.low, c3.high),
                _ => continue,
            };
            let size = top - bottom;
            let size_percent = size / c2.close * 100.0;
            // A NaN minimum admits none, as the dashboard's `>=` does.
            let large_enough = size_percent >= min_gap_percent;
            if !large_enough {
                continue;
            }
            if !size_percent.is_finite() {
                return Err(LtpError::OutOfRange {
                    argument: format!("candles[{}].close", order[i - 1]),
                    value: c2.close,
                    range: "non-zero for the middle candle of a gap (its size is a percentage of it)",
                });
            }
            let fill = match kind {
                GapKind::Bullish if current_price <= bottom => 100.0,
                GapKind::Bullish if current_price < top => (top - current_price) / size * 100.0,
                GapKind::Bearish if current_price >= top => 100.0,
                GapKind::Bearish if current_price > bottom => {
                    (current_price - bottom) / size * 100.0
                }
                _ => 0.0,
            };
            // Filled gaps are dropped.
            let filled = fill >= 100.0;
            if !filled {
                candidates.push(Candidate {
                    at: i,
                    kind,
                    top,
                    bottom,
                    size_percent,
                    fill,
                });
            }
        }
    }
    let distance = |g: &Candidate| {
        let (a, b) = (
            (current_price - g.top).abs(),
            (current_price - g.bottom).abs(),
        );
        // Math.min: NaN when either is.
        if a.is_nan() || b.is_nan() {
            f64::NAN
        } else {
            a.min(b)
        }
    };
    candidates.sort_by(|a, b| {
        distance(a)
            .partial_cmp(&distance(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    candidates.truncate(10);
    Ok(candidates
        .into_iter()
        .map(|g| {
            let i = g.at;
            let (c1, c2, c3) = (at(i - 2), at(i - 1), at(i));
            let volume_profile = if c2.volume > mean_volume * 1.5 {
                "high"
            } else if c2.volume < mean_volume * 0.5 {
                "low"
            } else {
                "normal"
            };
            let kind_name = match g.kind {
                GapKind::Bullish => "bullish",
                GapKind::Bearish => "bearish",
            };
            let size = g.top - g.bottom;
            FairValueGap {
                id: format!(
                    "fvg_{kind_name}_{timeframe}_{}",
                    js_number_string(c2.timestamp)
                ),
                kind: g.kind,
                timeframe: timeframe.to_owned(),
                start_time: c1.timestamp,
                end_time: c3.timestamp,
                top_price: g.top,
                bottom_price: g.bottom,
                mid_price: (g.top + g.bottom) / 2.0,
                gap_size: size,
                gap_size_percent: g.size_percent,
                filled: false,
                fill_percent: g.fill.min(100.0),
                strength: strength(size, atr, c2.volume, mean_volume),
                formation_candles: FormationCandles {
                    candle1: c1,
                    candle2: c2,
                    candle3: c3,
                },
                context: GapContext {
                    trend_direction: trend(&order[i.saturating_sub(10)..i], candles).to_owned(),
                    volume_profile: volume_profile.to_owned(),
                    near_level: false,
                },
                formation_indices: [order[i - 2], order[i - 1], order[i]],
            }
        })
        .collect())
}

/// `calculateStrength`: 0.6·gap/ATR + 0.4·volume/mean volume.
fn strength(gap: f64, atr: f64, volume: f64, mean_volume: f64) -> GapStrength {
    let total = gap / atr * 0.6 + volume / mean_volume * 0.4;
    if total > 1.5 {
        GapStrength::Strong
    } else if total > 0.8 {
        GapStrength::Medium
    } else {
        GapStrength::Weak
    }
}

/// `determineTrend` over the candles at `window` (time order): the close's change from the
/// first to the last, beyond ±1 %; fewer than three candles: sideways.
fn trend(window: &[usize], candles: CandleColumns) -> &'static str {
    if window.len() < 3 {
        return "sideways";
    }
    let first = candles.close[window[0]];
    let change = (candles.close[window[window.len() - 1]] - first) / first;
    if change > 0.01 {
        "up"
    } else if change < -0.01 {
        "down"
    } else {
        "sideways"
    }
}
