//! Layer 1: the dashboard's chart helpers in `ltp-engine.ts` that its other screens import
//! (`identifyKeyLevels`, `determineTrend`, `identifyPatienceCandles`), operation for operation.

use serde::{Deserialize, Serialize};

use crate::patterns::Bars;

/// A level found by [`identify_key_levels`], with the dashboard's key order (price first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct IdentifiedLevel {
    /// The cluster's price, to the cent.
    pub price: f64,
    /// `"support"` (from swing lows) or `"resistance"` (from swing highs): the kind of the
    /// cluster's first point.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "typescript", ts(rename = "type"))]
    pub kind: String,
    /// Always `"5m"`, as the dashboard labels these levels.
    pub timeframe: String,
    /// 25 per point in the cluster, at most 100.
    pub strength: f64,
}

/// `identifyKeyLevels`: support and resistance from swing points. A swing high is a high above
/// the two highs on each side (a swing low mirrored); points within 0.5 % of a cluster's price
/// (relative to the point) join the first such cluster, whose price becomes the mean of its
/// old price and the point; clusters of two or more points become levels (strength 25 per
/// point, at most 100, price to the cent), strongest first (ties in order found), at most ten.
/// Fewer than 10 bars: none.
///
/// ```
/// use edgekit::{ltp::identify_key_levels, patterns::Bars};
///
/// // Two swing highs at 105 and 105.2 (within 0.5 %): one resistance with strength 50.
/// let h = [100.0, 101.0, 105.0, 101.0, 100.0, 101.0, 105.2, 101.0, 100.0, 100.5];
/// let l = [99.0; 10];
/// let bars = Bars::new(&l, &h, &l, &l, None)?;
/// let levels = identify_key_levels(bars);
/// assert_eq!(levels.len(), 1);
/// assert_eq!((levels[0].price, levels[0].kind.as_str(), levels[0].strength), (105.1, "resistance", 50.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn identify_key_levels(bars: Bars) -> Vec<IdentifiedLevel> {
    let (high, low) = (bars.high, bars.low);
    let n = high.len();
    if n < 10 {
        return Vec::new();
    }
    struct Cluster {
        price: f64,
        resistance: bool,
        count: u32,
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut add = |price: f64, resistance: bool| match clusters
        .iter_mut()
        .find(|c| (c.price - price).abs() / price < 0.005)
    {
        Some(cluster) => {
            cluster.count += 1;
            cluster.price = (cluster.price + price) / 2.0;
        }
        None => clusters.push(Cluster {
            price,
            resistance,
            count: 1,
        }),
    };
    for i in 2..n - 2 {
        let around = [i - 2, i - 1, i + 1, i + 2];
        if around.iter().all(|&j| high[i] > high[j]) {
            add(high[i], true);
        }
        if around.iter().all(|&j| low[i] < low[j]) {
            add(low[i], false);
        }
    }
    let mut levels: Vec<IdentifiedLevel> = clusters
        .iter()
        .filter(|c| c.count >= 2)
        .map(|c| IdentifiedLevel {
            price: super::js_round(c.price * 100.0) / 100.0,
            kind: if c.resistance {
                "resistance"
            } else {
                "support"
            }
            .to_owned(),
            timeframe: "5m".to_owned(),
            strength: f64::from(c.count * 25).min(100.0),
        })
        .collect();
    // A stable sort, as JavaScript's Array.prototype.sort is.
    levels.sort_by(|a, b| b.strength.total_cmp(&a.strength));
    levels.truncate(10);
    levels
}

/// The trend [`determine_trend`] reads from bar-to-bar highs and lows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum BarTrend {
    /// Higher highs and higher lows each on at least half the bars.
    Uptrend,
    /// Lower highs and lower lows each on at least half the bars.
    Downtrend,
    /// Neither.
    Range,
}

/// `determineTrend`: over consecutive bars, count higher highs, higher lows, lower highs and
/// lower lows; an uptrend when the higher ones each reach half the bar count, else a downtrend
/// when the lower ones do, else a range. Fewer than 5 bars: `None` (the dashboard's `null`).
///
/// ```
/// use edgekit::{ltp::{determine_trend, BarTrend}, patterns::Bars};
///
/// let up = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/// let bars = Bars::new(&up, &up, &up, &up, None)?;
/// assert_eq!(determine_trend(bars), Some(BarTrend::Uptrend));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn determine_trend(bars: Bars) -> Option<BarTrend> {
    let (high, low) = (bars.high, bars.low);
    let n = high.len();
    if n < 5 {
        return None;
    }
    let (mut higher_highs, mut higher_lows, mut lower_highs, mut lower_lows) = (0, 0, 0, 0);
    for i in 1..n {
        higher_highs += usize::from(high[i] > high[i - 1]);
        higher_lows += usize::from(low[i] > low[i - 1]);
        lower_highs += usize::from(high[i] < high[i - 1]);
        lower_lows += usize::from(low[i] < low[i - 1]);
    }
    let threshold = n as f64 * 0.5;
    let reaches = |count: usize| count as f64 >= threshold;
    Some(if reaches(higher_highs) && reaches(higher_lows) {
        BarTrend::Uptrend
    } else if reaches(lower_highs) && reaches(lower_lows) {
        BarTrend::Downtrend
    } else {
        BarTrend::Range
    })
}

/// `identifyPatienceCandles`: the indices of the bars (after the first) whose body is under
/// half the average body of all the bars and that sit inside the previous bar (high not above
/// it, low not below it). Fewer than 2 bars: none. The dashboard returns the bar objects; the
/// faces map these indices back to the caller's bars.
///
/// ```
/// use edgekit::{ltp::identify_patience_candles, patterns::Bars};
///
/// let o = [100.0, 100.0, 100.4, 100.5];
/// let c = [102.0, 98.0, 100.5, 100.4];
/// let h = [102.5, 102.0, 101.0, 100.8];
/// let l = [99.5, 97.5, 99.0, 100.2];
/// let bars = Bars::new(&o, &h, &l, &c, None)?;
/// assert_eq!(identify_patience_candles(bars), vec![2, 3]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn identify_patience_candles(bars: Bars) -> Vec<usize> {
    let (open, high, low, close) = (bars.open, bars.high, bars.low, bars.close);
    let n = close.len();
    if n < 2 {
        return Vec::new();
    }
    let total: f64 = open.iter().zip(close).map(|(o, c)| (c - o).abs()).sum();
    // `safeDivideValue(total, n, 1)`: n ≥ 2 and the sum is finite, so it is the plain mean.
    let average = total / n as f64;
    (1..n)
        .filter(|&i| {
            (close[i] - open[i]).abs() < average * 0.5
                && high[i] <= high[i - 1]
                && low[i] >= low[i - 1]
        })
        .collect()
}
