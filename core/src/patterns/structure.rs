//! Chart structure from bars: swing points (fractals and zigzag), higher-high/lower-low trend
//! structure confirmed by breaks, support/resistance levels clustered from swings, fair value
//! gaps, inside bars and narrow-range bars. Every detector reports when its answer became
//! known (`confirmed_at`), so a backtest never uses a swing before the bar that revealed it.

use serde::{Deserialize, Serialize};

use super::{Bars, PatternError};

/// Whether a swing is a high or a low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SwingKind {
    /// A local high.
    High,
    /// A local low.
    Low,
}

/// A swing point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Swing {
    /// Bar of the extreme.
    pub index: usize,
    /// Its price (the bar's high or low).
    pub price: f64,
    /// High or low.
    pub kind: SwingKind,
    /// First bar at which the swing is known.
    pub confirmed_at: usize,
}

/// Fractal swings (Bill Williams): a high strictly above the `left` highs before it and the
/// `right` highs after it (lows mirrored); confirmed `right` bars later.
///
/// ```
/// use edgekit::patterns::{fractal_swings, Bars, SwingKind};
///
/// let high = [10.0, 11.0, 13.0, 12.0, 11.5, 12.5, 14.0];
/// let low = [9.0, 10.0, 12.0, 10.5, 10.0, 11.0, 13.0];
/// let bars = Bars::new(&low, &high, &low, &high, None)?;
/// let swings = fractal_swings(bars, 2, 2)?;
/// assert_eq!(swings.len(), 2);
/// assert_eq!((swings[0].index, swings[0].kind, swings[0].confirmed_at), (2, SwingKind::High, 4));
/// assert_eq!((swings[1].index, swings[1].kind), (4, SwingKind::Low));
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn fractal_swings(bars: Bars, left: usize, right: usize) -> Result<Vec<Swing>, PatternError> {
    if left == 0 || right == 0 {
        return Err(PatternError::OutOfRange {
            argument: "left/right",
            value: left.min(right) as f64,
            range: "at least 1",
        });
    }
    let n = bars.len();
    let mut swings = Vec::new();
    for i in left..n.saturating_sub(right) {
        let window = (i - left..=i + right).filter(|&j| j != i);
        if window.clone().all(|j| bars.high[j] < bars.high[i]) {
            swings.push(Swing {
                index: i,
                price: bars.high[i],
                kind: SwingKind::High,
                confirmed_at: i + right,
            });
        }
        if window.clone().all(|j| bars.low[j] > bars.low[i]) {
            swings.push(Swing {
                index: i,
                price: bars.low[i],
                kind: SwingKind::Low,
                confirmed_at: i + right,
            });
        }
    }
    Ok(swings)
}

/// Alternating zigzag pivots: a new pivot is confirmed when price reverses from the running
/// extreme by `threshold` (a fraction of the extreme's price, e.g. 0.05 for 5%, or, with
/// `atr`, that many ATRs of the confirming bar). The last, unconfirmed leg is not returned.
pub fn zigzag(bars: Bars, threshold: f64, atr: Option<&[f64]>) -> Result<Vec<Swing>, PatternError> {
    if !(threshold.is_finite() && threshold > 0.0) {
        return Err(PatternError::OutOfRange {
            argument: "threshold",
            value: threshold,
            range: "positive and finite",
        });
    }
    if let Some(a) = atr
        && a.len() != bars.len()
    {
        return Err(PatternError::LengthMismatch {
            first: "bars",
            first_len: bars.len(),
            second: "atr",
            second_len: a.len(),
        });
    }
    let n = bars.len();
    let mut swings = Vec::new();
    if n == 0 {
        return Ok(swings);
    }
    let reversal = |i: usize, extreme: f64| match atr {
        Some(a) if a[i].is_finite() => threshold * a[i],
        Some(_) => f64::INFINITY,
        None => threshold * extreme.abs(),
    };
    let pivot = |index: usize, kind: SwingKind, confirmed_at: usize| Swing {
        index,
        price: if kind == SwingKind::High {
            bars.high[index]
        } else {
            bars.low[index]
        },
        kind,
        confirmed_at,
    };
    // Direction unknown until the first reversal from either running extreme.
    let (mut high_i, mut low_i) = (0, 0);
    let mut up: Option<bool> = None;
    for i in 1..n {
        let new_high = bars.high[i] > bars.high[high_i];
        let new_low = bars.low[i] < bars.low[low_i];
        if up != Some(false) && new_high {
            high_i = i;
        }
        if up != Some(true) && new_low {
            low_i = i;
        }
        let fell = bars.high[high_i] - bars.low[i] >= reversal(i, bars.high[high_i]);
        let rose = bars.high[i] - bars.low[low_i] >= reversal(i, bars.low[low_i]);
        let top = match up {
            None => fell && high_i < i,
            Some(true) => !new_high && fell,
            Some(false) => false,
        };
        let bottom = match up {
            None => !top && rose && low_i < i,
            Some(false) => !new_low && rose,
            Some(true) => false,
        };
        if top {
            swings.push(pivot(high_i, SwingKind::High, i));
            up = Some(false);
            low_i = i;
        } else if bottom {
            swings.push(pivot(low_i, SwingKind::Low, i));
            up = Some(true);
            high_i = i;
        }
    }
    Ok(swings)
}

/// Trend state per bar from swing structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Not yet established.
    Neutral,
    /// Higher highs and higher lows: a close broke above the last confirmed swing high.
    Up,
    /// Lower lows and lower highs: a close broke below the last confirmed swing low.
    Down,
}

/// The trend at every bar: it turns up when a close breaks above the last swing high
/// confirmed by then, down when a close breaks below the last confirmed swing low (a break
/// of structure), and otherwise keeps its state.
pub fn trend_structure(bars: Bars, swings: &[Swing]) -> Vec<Trend> {
    let mut by_confirmation: Vec<&Swing> = swings.iter().collect();
    by_confirmation.sort_by_key(|s| (s.confirmed_at, s.index));
    let mut next = 0;
    let (mut last_high, mut last_low): (Option<f64>, Option<f64>) = (None, None);
    let mut state = Trend::Neutral;
    let mut out = Vec::with_capacity(bars.len());
    for i in 0..bars.len() {
        while next < by_confirmation.len() && by_confirmation[next].confirmed_at <= i {
            let s = by_confirmation[next];
            match s.kind {
                SwingKind::High => last_high = Some(s.price),
                SwingKind::Low => last_low = Some(s.price),
            }
            next += 1;
        }
        let close = bars.close[i];
        if last_high.is_some_and(|h| close > h) && state != Trend::Up {
            state = Trend::Up;
        } else if last_low.is_some_and(|l| close < l) && state != Trend::Down {
            state = Trend::Down;
        }
        out.push(state);
    }
    out
}

/// A price level where swings cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Level {
    /// Mean price of the swings in the cluster.
    pub price: f64,
    /// Swings that touched it.
    pub touches: usize,
    /// Swing highs among them (resistance) ...
    pub highs: usize,
    /// ... and swing lows (support).
    pub lows: usize,
    /// First and last swing bar.
    pub first_index: usize,
    /// Last swing bar.
    pub last_index: usize,
    /// 0-100: touches relative to the most-touched level.
    pub strength: f64,
}

/// Clusters swing prices: sorted by price, a swing joins the current cluster while it lies
/// within `tolerance` (a fraction of price, e.g. 0.005) of the cluster's running mean.
/// Levels with at least `min_touches` swings are returned, strongest first.
pub fn levels(
    swings: &[Swing],
    tolerance: f64,
    min_touches: usize,
) -> Result<Vec<Level>, PatternError> {
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(PatternError::OutOfRange {
            argument: "tolerance",
            value: tolerance,
            range: "finite and ≥ 0",
        });
    }
    let mut sorted: Vec<&Swing> = swings.iter().collect();
    sorted.sort_by(|a, b| a.price.total_cmp(&b.price));
    let mut clusters: Vec<Vec<&Swing>> = Vec::new();
    for s in sorted {
        let joins = clusters.last().is_some_and(|c| {
            let mean = c.iter().map(|s| s.price).sum::<f64>() / c.len() as f64;
            (s.price - mean).abs() <= tolerance * mean.abs()
        });
        if joins {
            clusters.last_mut().expect("checked").push(s);
        } else {
            clusters.push(vec![s]);
        }
    }
    let mut out: Vec<Level> = clusters
        .into_iter()
        .filter(|c| c.len() >= min_touches.max(1))
        .map(|c| Level {
            price: c.iter().map(|s| s.price).sum::<f64>() / c.len() as f64,
            touches: c.len(),
            highs: c.iter().filter(|s| s.kind == SwingKind::High).count(),
            lows: c.iter().filter(|s| s.kind == SwingKind::Low).count(),
            first_index: c.iter().map(|s| s.index).min().unwrap_or(0),
            last_index: c.iter().map(|s| s.index).max().unwrap_or(0),
            strength: 0.0,
        })
        .collect();
    let most = out.iter().map(|l| l.touches).max().unwrap_or(1) as f64;
    for level in &mut out {
        level.strength = 100.0 * level.touches as f64 / most;
    }
    out.sort_by(|a, b| {
        b.touches
            .cmp(&a.touches)
            .then(b.last_index.cmp(&a.last_index))
    });
    Ok(out)
}

/// A three-bar imbalance: the wicks of bars `index − 1` and `index + 1` do not overlap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct FairValueGap {
    /// The middle bar.
    pub index: usize,
    /// `true` for a bullish gap (`low[i+1] > high[i−1]`), `false` for bearish.
    pub bullish: bool,
    /// Lower edge of the gap.
    pub bottom: f64,
    /// Upper edge.
    pub top: f64,
    /// First later bar trading back into the gap, if any.
    pub filled_at: Option<usize>,
}

/// Fair value gaps with the bar that first traded back into each.
pub fn fair_value_gaps(bars: Bars) -> Vec<FairValueGap> {
    let n = bars.len();
    let mut out = Vec::new();
    for i in 1..n.saturating_sub(1) {
        let (before, after) = (i - 1, i + 1);
        let gap = if bars.low[after] > bars.high[before] {
            Some((true, bars.high[before], bars.low[after]))
        } else if bars.high[after] < bars.low[before] {
            Some((false, bars.high[after], bars.low[before]))
        } else {
            None
        };
        if let Some((bullish, bottom, top)) = gap {
            let filled_at = (after + 1..n).find(|&j| {
                if bullish {
                    bars.low[j] < top
                } else {
                    bars.high[j] > bottom
                }
            });
            out.push(FairValueGap {
                index: i,
                bullish,
                bottom,
                top,
                filled_at,
            });
        }
    }
    out
}

/// `true` where a bar's range lies strictly inside the previous bar's.
pub fn inside_bars(bars: Bars) -> Vec<bool> {
    (0..bars.len())
        .map(|i| i > 0 && bars.high[i] < bars.high[i - 1] && bars.low[i] > bars.low[i - 1])
        .collect()
}

/// `true` where a bar's range (high − low) is strictly the narrowest of the last `n` bars
/// (NR4 with `n = 4`, NR7 with `n = 7`).
pub fn narrow_range(bars: Bars, n: usize) -> Result<Vec<bool>, PatternError> {
    if n < 2 {
        return Err(PatternError::OutOfRange {
            argument: "n",
            value: n as f64,
            range: "at least 2",
        });
    }
    let range = |i: usize| bars.high[i] - bars.low[i];
    Ok((0..bars.len())
        .map(|i| i + 1 >= n && (i + 1 - n..i).all(|j| range(i) < range(j)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars_from(high: &[f64], low: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let mid: Vec<f64> = high.iter().zip(low).map(|(h, l)| (h + l) / 2.0).collect();
        (mid.clone(), mid)
    }

    #[test]
    fn zigzag_alternates_and_confirms_on_the_reversal_bar() {
        // Up to 110, down to 99, up to 120: a 5% zigzag sees H(110) then L(99).
        let high = [
            100.0, 105.0, 110.0, 106.0, 101.0, 100.0, 104.0, 112.0, 120.0,
        ];
        let low = [99.0, 103.0, 108.0, 103.0, 99.0, 99.5, 101.0, 108.0, 117.0];
        let (open, close) = bars_from(&high, &low);
        let bars = Bars::new(&open, &high, &low, &close, None).unwrap();
        let swings = zigzag(bars, 0.05, None).unwrap();
        let got: Vec<(usize, SwingKind, usize)> = swings
            .iter()
            .map(|s| (s.index, s.kind, s.confirmed_at))
            .collect();
        // The low 99 (bar 0) is confirmed at bar 1 (105 − 99 = 6 ≥ 4.95), the high 110 (bar 2)
        // at bar 3 (110 − 103 = 7 ≥ 5.5), the low 99 (bar 4) at bar 6 (104 − 99 = 5 ≥ 4.95).
        assert_eq!(
            got,
            vec![
                (0, SwingKind::Low, 1),
                (2, SwingKind::High, 3),
                (4, SwingKind::Low, 6)
            ]
        );
    }

    #[test]
    fn structure_turns_on_breaks_and_levels_cluster_touches() {
        let high = [10.0, 12.0, 11.0, 12.1, 11.0, 13.0, 11.0, 10.0, 9.0];
        let low = [9.0, 11.0, 10.0, 11.0, 10.05, 12.0, 10.0, 9.0, 8.0];
        let close = [9.5, 11.5, 10.5, 11.5, 10.5, 12.5, 10.5, 9.5, 8.5];
        let bars = Bars::new(&close, &high, &low, &close, None).unwrap();
        let swings = fractal_swings(bars, 1, 1).unwrap();
        let trend = trend_structure(bars, &swings);
        // Swing high 12 (bar 1) is known at bar 2; bar 5 closes 12.5 above 12.1 (bar 3's high,
        // known at bar 4): up. Swing low 10.05 (bar 4, known at 5); bar 7 closes below: down.
        assert_eq!(trend[4], Trend::Neutral);
        assert_eq!(trend[5], Trend::Up);
        assert_eq!(trend[7], Trend::Down);
        // Swings: highs 12, 12.1, 13 and lows 10, 10.05; at 1% they form two 2-touch levels
        // (13 stands alone); ties in touches go to the more recent level.
        let found = levels(&swings, 0.01, 2).unwrap();
        assert_eq!(found.len(), 2);
        assert!((found[0].price - 10.025).abs() < 1e-12 && found[0].lows == 2);
        assert!((found[1].price - 12.05).abs() < 1e-12 && found[1].highs == 2);
        assert_eq!((found[0].strength, found[1].strength), (100.0, 100.0));
    }

    #[test]
    fn gaps_inside_and_narrow_range_bars() {
        let high = [10.0, 12.0, 13.0, 12.5, 11.0, 12.2];
        let low = [9.0, 10.5, 11.0, 11.5, 10.0, 11.8];
        let (open, close) = bars_from(&high, &low);
        let bars = Bars::new(&open, &high, &low, &close, None).unwrap();
        let gaps = fair_value_gaps(bars);
        assert_eq!(gaps.len(), 1);
        assert_eq!(
            (gaps[0].index, gaps[0].bullish, gaps[0].bottom, gaps[0].top),
            (1, true, 10.0, 11.0)
        );
        assert_eq!(gaps[0].filled_at, Some(4)); // bar 4's low 10.0 trades back below 11.0
        assert_eq!(
            inside_bars(bars),
            vec![false, false, false, true, false, false]
        );
        assert_eq!(
            narrow_range(bars, 4).unwrap(),
            vec![false, false, false, false, false, true]
        );
    }
}
