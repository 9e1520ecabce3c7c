//! The candle measures and TA-Lib's rolling averages, computed in TA-Lib's order of
//! operations so every threshold comparison lands on the same side as TA-Lib's.

use std::sync::OnceLock;

use super::settings::{CandleSetting, RangeType};
use crate::patterns::Bars;

/// Bars with the candle ranges the averages need, each computed once on first use and shared
/// by every pattern scanned over the same bars.
pub(crate) struct Measures<'a> {
    pub bars: Bars<'a>,
    body: OnceLock<Vec<f64>>,
    high_low: OnceLock<Vec<f64>>,
    shadows: OnceLock<Vec<f64>>,
}

impl<'a> Measures<'a> {
    pub fn new(bars: Bars<'a>) -> Self {
        Measures {
            bars,
            body: OnceLock::new(),
            high_low: OnceLock::new(),
            shadows: OnceLock::new(),
        }
    }

    /// Every candle's range of this type, as [`Candle::range`] computes it.
    pub fn column(&self, range_type: RangeType) -> &[f64] {
        let b = self.bars;
        let ohlc = || b.open.iter().zip(b.high).zip(b.low).zip(b.close);
        match range_type {
            RangeType::RealBody => self.body.get_or_init(|| {
                b.open
                    .iter()
                    .zip(b.close)
                    .map(|(&o, &c)| (c - o).abs())
                    .collect()
            }),
            RangeType::HighLow => self
                .high_low
                .get_or_init(|| b.high.iter().zip(b.low).map(|(&h, &l)| h - l).collect()),
            // upper + lower shadow, as Candle::upper + Candle::lower
            RangeType::Shadows => self.shadows.get_or_init(|| {
                ohlc()
                    .map(|(((&o, &h), &l), &c)| (h - c.max(o)) + (c.min(o) - l))
                    .collect()
            }),
        }
    }
}

/// Per-candle measures over validated bars.
pub(crate) struct Candle<'a>(pub Bars<'a>);

impl Candle<'_> {
    pub fn o(&self, i: usize) -> f64 {
        self.0.open[i]
    }
    pub fn h(&self, i: usize) -> f64 {
        self.0.high[i]
    }
    pub fn l(&self, i: usize) -> f64 {
        self.0.low[i]
    }
    pub fn c(&self, i: usize) -> f64 {
        self.0.close[i]
    }
    /// +1 for a white (close ≥ open) candle, −1 for black.
    pub fn color(&self, i: usize) -> i32 {
        if self.c(i) >= self.o(i) { 1 } else { -1 }
    }
    pub fn body(&self, i: usize) -> f64 {
        (self.c(i) - self.o(i)).abs()
    }
    // max/min equal TA-Lib's `close >= open ? close : open` on finite values, without a
    // branch to mispredict on every other candle.
    pub fn body_top(&self, i: usize) -> f64 {
        self.c(i).max(self.o(i))
    }
    pub fn body_bottom(&self, i: usize) -> f64 {
        self.c(i).min(self.o(i))
    }
    pub fn upper(&self, i: usize) -> f64 {
        self.h(i) - self.body_top(i)
    }
    pub fn lower(&self, i: usize) -> f64 {
        self.body_bottom(i) - self.l(i)
    }
    /// Real bodies do not overlap, `i` above `j`.
    pub fn body_gap_up(&self, i: usize, j: usize) -> bool {
        self.o(i).min(self.c(i)) > self.o(j).max(self.c(j))
    }
    pub fn body_gap_down(&self, i: usize, j: usize) -> bool {
        self.o(i).max(self.c(i)) < self.o(j).min(self.c(j))
    }
    /// Whole candles do not overlap.
    pub fn gap_up(&self, i: usize, j: usize) -> bool {
        self.l(i) > self.h(j)
    }
    pub fn gap_down(&self, i: usize, j: usize) -> bool {
        self.h(i) < self.l(j)
    }
}

/// A setting's running total over the `avg_period` candles before candle `i − offset`.
pub(crate) struct Average<'a> {
    ranges: &'a [f64],
    factor: f64,
    period: usize,
    period_f64: f64,
    /// 1 / TA-Lib's divisor (2 for shadows): halving is exact, so this equals the division.
    scale: f64,
    offset: usize,
    total: f64,
    trailing: usize,
}

impl<'a> Average<'a> {
    pub fn new(m: &'a Measures, setting: CandleSetting, offset: usize, start: usize) -> Self {
        let ranges = m.column(setting.range_type);
        let trailing = start - offset - setting.avg_period;
        let mut total = 0.0;
        for &r in &ranges[trailing..start - offset] {
            total += r;
        }
        Average {
            ranges,
            factor: setting.factor,
            period: setting.avg_period,
            period_f64: setting.avg_period as f64,
            scale: if setting.range_type == RangeType::Shadows {
                0.5
            } else {
                1.0
            },
            offset,
            total,
            trailing,
        }
    }

    /// The setting's threshold for candle `i − offset`.
    #[inline]
    pub fn at(&self, _candle: &Candle, i: usize) -> f64 {
        let mean = if self.period != 0 {
            self.total / self.period_f64
        } else {
            self.ranges[i - self.offset]
        };
        self.factor * mean * self.scale
    }

    #[inline]
    pub fn advance(&mut self, i: usize) {
        self.total += self.ranges[i - self.offset] - self.ranges[self.trailing];
        self.trailing += 1;
    }
}

/// Runs `test` on every bar from the lookback on (earlier bars are 0, as in TA-Lib); the
/// averages are `(setting, offset)` pairs, passed to `test` in that order.
pub(crate) fn scan<const K: usize>(
    m: &Measures,
    candles_back: usize,
    averages: &[(CandleSetting, usize); K],
    test: impl Fn(&Candle, usize, &[Average; K]) -> i32,
) -> Vec<i32> {
    let bars = m.bars;
    let n = bars.len();
    let mut out = vec![0; n];
    let lookback = averages
        .iter()
        .map(|(s, _)| s.avg_period)
        .max()
        .unwrap_or(0)
        + candles_back;
    if n <= lookback {
        return out;
    }
    let candle = Candle(bars);
    // A fixed-size array: the averages' fields stay in registers and each `a[k]` is checked
    // at compile time.
    let mut running: [Average; K] =
        std::array::from_fn(|k| Average::new(m, averages[k].0, averages[k].1, lookback));
    for (i, slot) in out.iter_mut().enumerate().skip(lookback) {
        *slot = test(&candle, i, &running);
        for average in &mut running {
            average.advance(i);
        }
    }
    out
}
