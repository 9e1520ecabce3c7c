//! `getFullAnalysis` without its fetching: gaps on five timeframes, the nearest on each side of
//! the price, targets, zones and a summary.

use serde::{Deserialize, Serialize};

use super::{CandleColumns, FairValueGap, GapKind, GapStrength, detect_fvgs};
use crate::ltp::error::LtpError;
use crate::ltp::js::{js_iso_timestamp, js_to_fixed};

/// A timeframe `getFullAnalysis` fetches: its key, the bars it asks for (`multiplier` ×
/// `span`, `bars` of them) and the smallest gap it keeps (0.05 % on minute bars, else 0.1 %).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FvgTimeframe {
    /// "5m", "15m", "1h", "4h" or "daily".
    pub key: &'static str,
    /// Bar size in `span` units.
    pub multiplier: u32,
    /// "minute", "hour" or "day".
    pub span: &'static str,
    /// How many bars back the request starts.
    pub bars: u32,
    /// `minGapPercent` for this timeframe.
    pub min_gap_percent: f64,
}

/// The dashboard's five timeframes, in its order.
pub const FVG_TIMEFRAMES: [FvgTimeframe; 5] = [
    FvgTimeframe {
        key: "5m",
        multiplier: 5,
        span: "minute",
        bars: 100,
        min_gap_percent: 0.05,
    },
    FvgTimeframe {
        key: "15m",
        multiplier: 15,
        span: "minute",
        bars: 100,
        min_gap_percent: 0.05,
    },
    FvgTimeframe {
        key: "1h",
        multiplier: 1,
        span: "hour",
        bars: 100,
        min_gap_percent: 0.1,
    },
    FvgTimeframe {
        key: "4h",
        multiplier: 4,
        span: "hour",
        bars: 50,
        min_gap_percent: 0.1,
    },
    FvgTimeframe {
        key: "daily",
        multiplier: 1,
        span: "day",
        bars: 30,
        min_gap_percent: 0.1,
    },
];

/// Gaps per timeframe, in the dashboard's key order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct FvgsByTimeframe {
    /// 5-minute gaps.
    #[serde(rename = "5m")]
    #[cfg_attr(feature = "typescript", ts(rename = "5m"))]
    pub m5: Vec<FairValueGap>,
    /// 15-minute gaps.
    #[serde(rename = "15m")]
    #[cfg_attr(feature = "typescript", ts(rename = "15m"))]
    pub m15: Vec<FairValueGap>,
    /// Hourly gaps.
    #[serde(rename = "1h")]
    #[cfg_attr(feature = "typescript", ts(rename = "1h"))]
    pub h1: Vec<FairValueGap>,
    /// 4-hour gaps.
    #[serde(rename = "4h")]
    #[cfg_attr(feature = "typescript", ts(rename = "4h"))]
    pub h4: Vec<FairValueGap>,
    /// Daily gaps.
    pub daily: Vec<FairValueGap>,
}

impl FvgsByTimeframe {
    fn all(&self) -> impl Iterator<Item = &FairValueGap> {
        [&self.m5, &self.m15, &self.h1, &self.h4, &self.daily]
            .into_iter()
            .flatten()
    }
}

/// A support or resistance zone from a gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS), ts(rename = "FvgZone"))]
pub struct Zone {
    /// The gap's top.
    pub top: f64,
    /// Its bottom.
    pub bottom: f64,
    /// Its strength.
    pub strength: GapStrength,
}

/// Targets, zones and the summary (`tradingContext`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct TradingContext {
    /// Middles of the three lowest bearish gaps above the price.
    pub bullish_targets: Vec<f64>,
    /// Middles of the three highest bullish gaps below the price.
    pub bearish_targets: Vec<f64>,
    /// The first three bullish gaps below the price (5-minute first).
    pub support_zones: Vec<Zone>,
    /// The first three bearish gaps above the price.
    pub resistance_zones: Vec<Zone>,
    /// One paragraph.
    pub summary: String,
}

/// What [`fvg_trading_context`] reads of a gap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapSummary {
    /// Bullish or bearish.
    pub kind: GapKind,
    /// Top.
    pub top: f64,
    /// Bottom.
    pub bottom: f64,
    /// Middle.
    pub mid: f64,
    /// Strength.
    pub strength: GapStrength,
}

impl From<&FairValueGap> for GapSummary {
    fn from(g: &FairValueGap) -> Self {
        GapSummary {
            kind: g.kind,
            top: g.top_price,
            bottom: g.bottom_price,
            mid: g.mid_price,
            strength: g.strength,
        }
    }
}

/// The nearest bullish gap below the price and bearish gap above it (positions in `gaps`;
/// the first of equal distances) with the trading context, from every timeframe's gaps in the
/// dashboard's order (5m, 15m, 1h, 4h, daily).
///
/// ```
/// use edgekit::ltp::{GapKind, GapStrength, GapSummary, fvg_trading_context};
///
/// let gap = |kind, bottom: f64| GapSummary { kind, top: bottom + 1.0, bottom, mid: bottom + 0.5,
///                                            strength: GapStrength::Weak };
/// let gaps = [gap(GapKind::Bullish, 95.0), gap(GapKind::Bearish, 104.0)];
/// let (below, above, context) = fvg_trading_context("SPY", 100.0, &gaps);
/// assert_eq!((below, above), (Some(0), Some(1)));
/// assert_eq!(context.bullish_targets, vec![104.5]);
/// assert!(context.summary.starts_with("Found 2 unfilled FVGs (1 bullish, 1 bearish). Nearest bullish FVG at $95.50 (4.00% below)."));
/// ```
pub fn fvg_trading_context(
    symbol: &str,
    current_price: f64,
    gaps: &[GapSummary],
) -> (Option<usize>, Option<usize>, TradingContext) {
    let (mut below, mut above) = (None, None);
    let (mut below_distance, mut above_distance) = (f64::INFINITY, f64::INFINITY);
    let support = |g: &GapSummary| g.kind == GapKind::Bullish && g.top < current_price;
    let resistance = |g: &GapSummary| g.kind == GapKind::Bearish && g.bottom > current_price;
    for (i, g) in gaps.iter().enumerate() {
        if support(g) {
            let distance = current_price - g.top;
            if distance < below_distance {
                below_distance = distance;
                below = Some(i);
            }
        } else if resistance(g) {
            let distance = g.bottom - current_price;
            if distance < above_distance {
                above_distance = distance;
                above = Some(i);
            }
        }
    }
    let ascending = |a: f64, b: f64| a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal);
    let mut overhead: Vec<&GapSummary> = gaps.iter().filter(|g| resistance(g)).collect();
    overhead.sort_by(|a, b| ascending(a.bottom, b.bottom));
    let mut underneath: Vec<&GapSummary> = gaps.iter().filter(|g| support(g)).collect();
    underneath.sort_by(|a, b| ascending(b.top, a.top));
    let zone = |g: &GapSummary| Zone {
        top: g.top,
        bottom: g.bottom,
        strength: g.strength,
    };

    let bullish = gaps.iter().filter(|g| g.kind == GapKind::Bullish).count();
    let summary = if gaps.is_empty() {
        format!("No significant Fair Value Gaps detected near current price for {symbol}.")
    } else {
        let mut text = format!(
            "Found {} unfilled FVGs ({bullish} bullish, {} bearish). ",
            gaps.len(),
            gaps.len() - bullish
        );
        if let Some(i) = below {
            let percent = (current_price - gaps[i].top) / current_price * 100.0;
            text += &format!(
                "Nearest bullish FVG at ${} ({}% below). ",
                js_to_fixed(gaps[i].mid, 2),
                js_to_fixed(percent, 2)
            );
        }
        if let Some(i) = above {
            let percent = (gaps[i].bottom - current_price) / current_price * 100.0;
            text += &format!(
                "Nearest bearish FVG at ${} ({}% above).",
                js_to_fixed(gaps[i].mid, 2),
                js_to_fixed(percent, 2)
            );
        }
        text
    };
    let context = TradingContext {
        bullish_targets: overhead.iter().take(3).map(|g| g.mid).collect(),
        bearish_targets: underneath.iter().take(3).map(|g| g.mid).collect(),
        support_zones: gaps
            .iter()
            .filter(|g| support(g))
            .take(3)
            .map(zone)
            .collect(),
        resistance_zones: gaps
            .iter()
            .filter(|g| resistance(g))
            .take(3)
            .map(zone)
            .collect(),
        summary,
    };
    (below, above, context)
}

/// `FVGAnalysis`, in the dashboard's key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename = "FVGAnalysis", rename_all = "camelCase")
)]
pub struct FvgAnalysis {
    /// The symbol.
    pub symbol: String,
    /// When the analysis ran (ISO 8601).
    pub timestamp: String,
    /// The price the gaps were measured from.
    pub current_price: f64,
    /// Unfilled gaps per timeframe.
    pub fvgs: FvgsByTimeframe,
    /// The nearest bullish gap below the price.
    #[serde(rename = "nearestBullishFVG")]
    #[cfg_attr(feature = "typescript", ts(rename = "nearestBullishFVG"))]
    pub nearest_bullish_fvg: Option<FairValueGap>,
    /// The nearest bearish gap above it.
    #[serde(rename = "nearestBearishFVG")]
    #[cfg_attr(feature = "typescript", ts(rename = "nearestBearishFVG"))]
    pub nearest_bearish_fvg: Option<FairValueGap>,
    /// Targets, zones and summary.
    pub trading_context: TradingContext,
}

/// `getFullAnalysis` on candles the caller fetched: each timeframe of [`FVG_TIMEFRAMES`] that
/// has candles (in that order; `None` or empty for one the fetch missed) gets its gaps with its
/// minimum size, then the nearest gaps and trading context, stamped `now_ms`.
///
/// ```
/// use edgekit::ltp::{CandleColumns, analyze_fvgs};
///
/// let columns = CandleColumns {
///     timestamp: &[1.0, 2.0, 3.0], open: &[100.0, 101.0, 103.5], high: &[101.0, 104.0, 105.0],
///     low: &[99.0, 100.5, 103.0], close: &[100.5, 103.8, 104.5], volume: &[1e3, 5e3, 1e3],
/// };
/// let analysis = analyze_fvgs("SPY", 110.0, [Some(columns), None, None, None, None], 0.0)?;
/// assert_eq!(analysis.fvgs.m5.len(), 1);
/// assert_eq!(analysis.trading_context.bearish_targets, vec![102.0]);
/// # Ok::<(), edgekit::ltp::LtpError>(())
/// ```
pub fn analyze_fvgs(
    symbol: &str,
    current_price: f64,
    candles: [Option<CandleColumns>; 5],
    now_ms: f64,
) -> Result<FvgAnalysis, LtpError> {
    let timestamp = js_iso_timestamp(now_ms).ok_or(LtpError::NotFinite {
        argument: "now".into(),
        value: now_ms,
    })?;
    let mut lists: [Vec<FairValueGap>; 5] = Default::default();
    for ((list, columns), tf) in lists.iter_mut().zip(candles).zip(FVG_TIMEFRAMES) {
        if let Some(columns) = columns.filter(|c| !c.timestamp.is_empty()) {
            *list = detect_fvgs(columns, tf.key, current_price, tf.min_gap_percent)?;
        }
    }
    let [m5, m15, h1, h4, daily] = lists;
    let fvgs = FvgsByTimeframe {
        m5,
        m15,
        h1,
        h4,
        daily,
    };
    let all: Vec<&FairValueGap> = fvgs.all().collect();
    let summaries: Vec<GapSummary> = all.iter().map(|g| GapSummary::from(*g)).collect();
    let (below, above, trading_context) = fvg_trading_context(symbol, current_price, &summaries);
    Ok(FvgAnalysis {
        symbol: symbol.to_owned(),
        timestamp,
        current_price,
        nearest_bullish_fvg: below.map(|i| all[i].clone()),
        nearest_bearish_fvg: above.map(|i| all[i].clone()),
        fvgs,
        trading_context,
    })
}
