//! Classic chart patterns from alternating swing pivots (e.g. [`zigzag`](super::zigzag)):
//! double tops and bottoms, head and shoulders (and inverse), and ascending, descending and
//! symmetric triangles, each with its neckline (or breakout line), measured-move target and
//! the bar whose close confirmed it (`None` while unconfirmed).

use serde::{Deserialize, Serialize};

use super::{Bars, PatternError, Swing, SwingKind};

/// The chart patterns found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ChartKind {
    /// Two similar highs with a low between: bearish.
    DoubleTop,
    /// Two similar lows with a high between: bullish.
    DoubleBottom,
    /// A higher high between two similar highs: bearish.
    HeadAndShoulders,
    /// A lower low between two similar lows: bullish.
    InverseHeadAndShoulders,
    /// Flat highs, rising lows: bullish breakout expected.
    AscendingTriangle,
    /// Flat lows, falling highs: bearish.
    DescendingTriangle,
    /// Falling highs and rising lows.
    SymmetricTriangle,
}

impl ChartKind {
    /// The snake_case name the Python and Node faces use.
    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::DoubleTop => "double_top",
            ChartKind::DoubleBottom => "double_bottom",
            ChartKind::HeadAndShoulders => "head_and_shoulders",
            ChartKind::InverseHeadAndShoulders => "inverse_head_and_shoulders",
            ChartKind::AscendingTriangle => "ascending_triangle",
            ChartKind::DescendingTriangle => "descending_triangle",
            ChartKind::SymmetricTriangle => "symmetric_triangle",
        }
    }
}

/// One chart pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ChartPattern {
    /// Which pattern.
    pub kind: ChartKind,
    /// Bars of the pivots that form it.
    pub pivots: Vec<usize>,
    /// The neckline (or breakout level) at the last pivot.
    pub neckline: f64,
    /// Measured-move target: the pattern's height projected from the neckline.
    pub target: f64,
    /// First bar after the last pivot whose close crossed the neckline.
    pub confirmed_at: Option<usize>,
}

fn similar(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs())
}

/// Scans alternating pivots for chart patterns; `tolerance` is how close "similar" prices
/// must be, as a fraction of price (e.g. 0.02).
///
/// ```
/// use edgekit::patterns::{chart_patterns, Bars, ChartKind, Swing, SwingKind};
///
/// let close = [100.0, 110.0, 100.0, 110.5, 99.0, 95.0];
/// let bars = Bars::new(&close, &close, &close, &close, None)?;
/// let pivot = |index, price, kind| Swing { index, price, kind, confirmed_at: index + 1 };
/// let swings = [pivot(0, 100.0, SwingKind::Low), pivot(1, 110.0, SwingKind::High),
///               pivot(2, 100.0, SwingKind::Low), pivot(3, 110.5, SwingKind::High)];
/// let found = chart_patterns(bars, &swings, 0.02)?;
/// let top = found.iter().find(|p| p.kind == ChartKind::DoubleTop).unwrap();
/// assert_eq!((top.neckline, top.confirmed_at), (100.0, Some(4)));
/// assert!((top.target - 89.5).abs() < 1e-12); // 100 − (110.5 − 100)
/// # Ok::<(), edgekit::patterns::PatternError>(())
/// ```
pub fn chart_patterns(
    bars: Bars,
    swings: &[Swing],
    tolerance: f64,
) -> Result<Vec<ChartPattern>, PatternError> {
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(PatternError::OutOfRange {
            argument: "tolerance",
            value: tolerance,
            range: "finite and ≥ 0",
        });
    }
    let mut pivots: Vec<Swing> = swings.to_vec();
    pivots.sort_by_key(|s| s.index);
    let confirm = |after: usize, level: f64, below: bool| {
        (after + 1..bars.len()).find(|&i| {
            if below {
                bars.close[i] < level
            } else {
                bars.close[i] > level
            }
        })
    };
    let mut out = Vec::new();
    let alternating = |w: &[Swing]| w.windows(2).all(|p| p[0].kind != p[1].kind);
    for w in pivots.windows(3).filter(|w| alternating(w)) {
        let (a, b, c) = (w[0], w[1], w[2]);
        if similar(a.price, c.price, tolerance) {
            let top = a.kind == SwingKind::High;
            let height = (a.price.max(c.price) - b.price)
                .abs()
                .max((a.price.min(c.price) - b.price).abs());
            let height = if top {
                a.price.max(c.price) - b.price
            } else {
                b.price - a.price.min(c.price)
            }
            .max(0.0)
            .min(height);
            out.push(ChartPattern {
                kind: if top {
                    ChartKind::DoubleTop
                } else {
                    ChartKind::DoubleBottom
                },
                pivots: vec![a.index, b.index, c.index],
                neckline: b.price,
                target: if top {
                    b.price - height
                } else {
                    b.price + height
                },
                confirmed_at: confirm(c.index, b.price, top),
            });
        }
    }
    for w in pivots.windows(5).filter(|w| alternating(w)) {
        let (ls, n1, head, n2, rs) = (w[0], w[1], w[2], w[3], w[4]);
        let top = ls.kind == SwingKind::High;
        let head_beyond = if top {
            head.price > ls.price && head.price > rs.price
        } else {
            head.price < ls.price && head.price < rs.price
        };
        if head_beyond && similar(ls.price, rs.price, tolerance) {
            // The neckline through both troughs (peaks), read at the right shoulder.
            let slope = (n2.price - n1.price) / (n2.index - n1.index) as f64;
            let neckline = n2.price + slope * (rs.index - n2.index) as f64;
            let at_head = n1.price + slope * (head.index - n1.index) as f64;
            let height = (head.price - at_head).abs();
            out.push(ChartPattern {
                kind: if top {
                    ChartKind::HeadAndShoulders
                } else {
                    ChartKind::InverseHeadAndShoulders
                },
                pivots: w.iter().map(|s| s.index).collect(),
                neckline,
                target: if top {
                    neckline - height
                } else {
                    neckline + height
                },
                confirmed_at: confirm(rs.index, neckline, top),
            });
        }
        // Triangles from the last two highs and two lows among these pivots.
        let highs: Vec<&Swing> = w.iter().filter(|s| s.kind == SwingKind::High).collect();
        let lows: Vec<&Swing> = w.iter().filter(|s| s.kind == SwingKind::Low).collect();
        if highs.len() >= 2 && lows.len() >= 2 {
            let (h1, h2) = (highs[highs.len() - 2], highs[highs.len() - 1]);
            let (l1, l2) = (lows[lows.len() - 2], lows[lows.len() - 1]);
            let flat_highs = similar(h1.price, h2.price, tolerance);
            let flat_lows = similar(l1.price, l2.price, tolerance);
            let rising_lows = l2.price > l1.price && !flat_lows;
            let falling_highs = h2.price < h1.price && !flat_highs;
            let kind = if flat_highs && rising_lows {
                Some(ChartKind::AscendingTriangle)
            } else if flat_lows && falling_highs {
                Some(ChartKind::DescendingTriangle)
            } else if falling_highs && rising_lows {
                Some(ChartKind::SymmetricTriangle)
            } else {
                None
            };
            if let Some(kind) = kind {
                let last = w[4].index;
                let height = h1.price.max(h2.price) - l1.price.min(l2.price);
                let (neckline, target, below) = match kind {
                    ChartKind::DescendingTriangle => (l2.price, l2.price - height, true),
                    _ => (h2.price, h2.price + height, false),
                };
                out.push(ChartPattern {
                    kind,
                    pivots: w.iter().map(|s| s.index).collect(),
                    neckline,
                    target,
                    confirmed_at: confirm(last, neckline, below),
                });
            }
        }
    }
    out.sort_by_key(|p| (*p.pivots.last().unwrap_or(&0), p.pivots[0]));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pivot(index: usize, price: f64, kind: SwingKind) -> Swing {
        Swing {
            index,
            price,
            kind,
            confirmed_at: index + 1,
        }
    }

    #[test]
    fn head_and_shoulders_with_a_sloping_neckline_and_triangles() {
        use SwingKind::*;
        let close: Vec<f64> = (0..12)
            .map(|i| if i == 10 { 90.0 } else { 100.0 })
            .collect();
        let bars = Bars::new(&close, &close, &close, &close, None).unwrap();
        // Shoulders 110 and 110.5, head 120, troughs 100 (bar 2) and 102 (bar 6).
        let swings = [
            pivot(1, 110.0, High),
            pivot(2, 100.0, Low),
            pivot(4, 120.0, High),
            pivot(6, 102.0, Low),
            pivot(8, 110.5, High),
        ];
        let found = chart_patterns(bars, &swings, 0.01).unwrap();
        let hs = found
            .iter()
            .find(|p| p.kind == ChartKind::HeadAndShoulders)
            .unwrap();
        // Neckline slope 0.5 per bar: 103 at bar 8; 101 at the head, so height 19.
        assert!((hs.neckline - 103.0).abs() < 1e-12);
        assert!((hs.target - 84.0).abs() < 1e-12);
        assert_eq!(hs.confirmed_at, Some(9)); // close 100 < 103
        // Highs 110, 120, 110.5 and lows 100, 102 are no triangle (the highs rise then fall).
        let tri = [
            pivot(0, 110.0, High),
            pivot(1, 100.0, Low),
            pivot(2, 110.2, High),
            pivot(3, 104.0, Low),
            pivot(4, 109.9, High),
        ];
        let found = chart_patterns(bars, &tri, 0.01).unwrap();
        assert!(found.iter().any(|p| p.kind == ChartKind::AscendingTriangle));
        assert!(
            found
                .iter()
                .all(|p| p.kind != ChartKind::DescendingTriangle)
        );
    }
}
