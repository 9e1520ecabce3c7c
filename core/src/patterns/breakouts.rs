//! Breakouts through a price level and the retest that follows: a close crossing the level,
//! then the first bar within `max_bars` that trades back to it (within `tolerance`), and
//! whether that retest held (closed on the breakout side).

use serde::{Deserialize, Serialize};

use super::{Bars, PatternError};

/// One breakout and its retest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Breakout {
    /// The level.
    pub level: f64,
    /// The bar whose close crossed it.
    pub index: usize,
    /// `true` for a close above (upward), `false` below.
    pub up: bool,
    /// The first later bar reaching back to the level, within `max_bars`.
    pub retest_at: Option<usize>,
    /// Whether that bar closed on the breakout side (`None` without a retest).
    pub held: Option<bool>,
}

/// Breakouts of each level with their retests.
///
/// ```
/// use edgekit::patterns::{breakouts, Bars};
///
/// let close = [99.0, 99.5, 101.0, 102.0, 100.3, 101.5];
/// let low = [98.5, 99.0, 99.8, 101.0, 100.05, 100.8];
/// let high = [99.5, 100.0, 101.5, 102.5, 102.0, 102.0];
/// let bars = Bars::new(&close, &high, &low, &close, None)?;
/// let found = breakouts(bars, &[100.0], 0.001, 10)?;
/// assert_eq!((found[0].index, found[0].up), (2, true));
/// assert_eq!((found[0].retest_at, found[0].held), (Some(4), Some(true)));
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn breakouts(
    bars: Bars,
    levels: &[f64],
    tolerance: f64,
    max_bars: usize,
) -> Result<Vec<Breakout>, PatternError> {
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(PatternError::OutOfRange {
            argument: "tolerance",
            value: tolerance,
            range: "finite and ≥ 0",
        });
    }
    if let Some(&bad) = levels.iter().find(|v| !v.is_finite()) {
        return Err(PatternError::OutOfRange {
            argument: "levels",
            value: bad,
            range: "finite prices",
        });
    }
    let n = bars.len();
    let mut out = Vec::new();
    for &level in levels {
        let band = tolerance * level.abs();
        for i in 1..n {
            let (before, now) = (bars.close[i - 1], bars.close[i]);
            let up = before <= level && now > level;
            let down = before >= level && now < level;
            if !(up || down) {
                continue;
            }
            let retest_at = (i + 1..n.min(i + 1 + max_bars)).find(|&j| {
                if up {
                    bars.low[j] <= level + band
                } else {
                    bars.high[j] >= level - band
                }
            });
            let held = retest_at.map(|j| {
                if up {
                    bars.close[j] >= level
                } else {
                    bars.close[j] <= level
                }
            });
            out.push(Breakout {
                level,
                index: i,
                up,
                retest_at,
                held,
            });
        }
    }
    out.sort_by(|a, b| a.index.cmp(&b.index).then(a.level.total_cmp(&b.level)));
    Ok(out)
}
