//! The candle measures and TA-Lib's rolling averages, computed in TA-Lib's order of
//! operations so every threshold comparison lands on the same side as TA-Lib's.

use super::settings::{CandleSetting, RangeType};
use crate::patterns::Bars;

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
    pub fn body_top(&self, i: usize) -> f64 {
        if self.c(i) >= self.o(i) {
            self.c(i)
        } else {
            self.o(i)
        }
    }
    pub fn body_bottom(&self, i: usize) -> f64 {
        if self.c(i) >= self.o(i) {
            self.o(i)
        } else {
            self.c(i)
        }
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
    pub fn range(&self, setting: &CandleSetting, i: usize) -> f64 {
        match setting.range_type {
            RangeType::RealBody => self.body(i),
            RangeType::HighLow => self.h(i) - self.l(i),
            RangeType::Shadows => self.upper(i) + self.lower(i),
        }
    }
}

/// A setting's running total over the `avg_period` candles before candle `i − offset`.
pub(crate) struct Average {
    setting: CandleSetting,
    offset: usize,
    total: f64,
    trailing: usize,
}

impl Average {
    pub fn new(candle: &Candle, setting: CandleSetting, offset: usize, start: usize) -> Self {
        let trailing = start - offset - setting.avg_period;
        let mut total = 0.0;
        for i in trailing..start - offset {
            total += candle.range(&setting, i);
        }
        Average {
            setting,
            offset,
            total,
            trailing,
        }
    }

    /// The setting's threshold for candle `i − offset`.
    pub fn at(&self, candle: &Candle, i: usize) -> f64 {
        let s = &self.setting;
        let mean = if s.avg_period != 0 {
            self.total / s.avg_period as f64
        } else {
            candle.range(s, i - self.offset)
        };
        let divisor = if s.range_type == RangeType::Shadows {
            2.0
        } else {
            1.0
        };
        s.factor * mean / divisor
    }

    pub fn advance(&mut self, candle: &Candle, i: usize) {
        let s = self.setting;
        self.total += candle.range(&s, i - self.offset) - candle.range(&s, self.trailing);
        self.trailing += 1;
    }
}

/// Runs `test` on every bar from the lookback on (earlier bars are 0, as in TA-Lib); the
/// averages are `(setting, offset)` pairs, passed to `test` in that order.
pub(crate) fn scan(
    bars: Bars,
    candles_back: usize,
    averages: &[(CandleSetting, usize)],
    test: impl Fn(&Candle, usize, &[Average]) -> i32,
) -> Vec<i32> {
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
    let mut running: Vec<Average> = averages
        .iter()
        .map(|&(s, offset)| Average::new(&candle, s, offset, lookback))
        .collect();
    for (i, slot) in out.iter_mut().enumerate().skip(lookback) {
        *slot = test(&candle, i, &running);
        for average in &mut running {
            average.advance(&candle, i);
        }
    }
    out
}
