//! Incremental building blocks of the tracker: EMA and Wilder ATR updated one value at a time
//! (TA-Lib's seeding, as `patterns::ema`/`patterns::atr`), and candles of a higher timeframe
//! built from the input bars.

use serde::{Deserialize, Serialize};

/// An EMA seeded with the mean of its first `period` values (TA-Lib's `EMA`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollingEma {
    period: usize,
    seen: usize,
    sum: f64,
    value: f64,
}

impl RollingEma {
    pub fn new(period: usize) -> Self {
        RollingEma {
            period,
            seen: 0,
            sum: 0.0,
            value: 0.0,
        }
    }

    pub fn push(&mut self, x: f64) {
        self.seen += 1;
        if self.seen < self.period {
            self.sum += x;
        } else if self.seen == self.period {
            self.value = (self.sum + x) / self.period as f64;
        } else {
            self.value += (x - self.value) * (2.0 / (self.period as f64 + 1.0));
        }
    }

    /// The current value once `period` values have been seen.
    pub fn value(&self) -> Option<f64> {
        (self.seen >= self.period).then_some(self.value)
    }
}

/// Wilder's ATR (TA-Lib's `ATR`): the mean of the first `period` true ranges, then smoothed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RollingAtr {
    period: usize,
    previous_close: Option<f64>,
    ranges: usize,
    sum: f64,
    value: f64,
}

impl RollingAtr {
    pub fn new(period: usize) -> Self {
        RollingAtr {
            period,
            previous_close: None,
            ranges: 0,
            sum: 0.0,
            value: 0.0,
        }
    }

    pub fn push(&mut self, high: f64, low: f64, close: f64) {
        if let Some(pc) = self.previous_close {
            let tr = (high - low).max((high - pc).abs()).max((low - pc).abs());
            self.ranges += 1;
            let n = self.period as f64;
            if self.ranges < self.period {
                self.sum += tr;
            } else if self.ranges == self.period {
                self.value = (self.sum + tr) / n;
            } else {
                self.value = (self.value * (n - 1.0) + tr) / n;
            }
        }
        self.previous_close = Some(close);
    }

    pub fn value(&self) -> Option<f64> {
        (self.ranges >= self.period).then_some(self.value)
    }
}

/// One candle of a higher timeframe.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Candle {
    /// Bucket start, UTC seconds.
    pub t: i64,
    /// Open.
    pub o: f64,
    /// High.
    pub h: f64,
    /// Low.
    pub l: f64,
    /// Close.
    pub c: f64,
    /// Volume.
    pub v: f64,
}

impl Candle {
    pub fn body(&self) -> f64 {
        (self.c - self.o).abs()
    }
}

/// Builds candles of one timeframe: a bucket completes with the bar that reaches its end, or
/// when a bar of a later bucket arrives first (a gap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregator {
    key: i64,
    partial: Option<Candle>,
}

impl Aggregator {
    pub fn new() -> Self {
        Aggregator {
            key: i64::MIN,
            partial: None,
        }
    }

    /// Adds a bar of bucket `key` (starting at `start`, ending at `end`, UTC seconds) that ends
    /// at `bar_end`; returns the candles this completes, oldest first.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        key: i64,
        start: i64,
        end: i64,
        bar: &Candle,
        bar_end: i64,
    ) -> [Option<Candle>; 2] {
        let mut done = [None, None];
        if self.key != key {
            done[0] = self.partial.take();
            self.key = key;
        }
        match &mut self.partial {
            Some(p) => {
                p.h = p.h.max(bar.h);
                p.l = p.l.min(bar.l);
                p.c = bar.c;
                p.v += bar.v;
            }
            None => self.partial = Some(Candle { t: start, ..*bar }),
        }
        if bar_end >= end {
            done[1] = self.partial.take();
        }
        done
    }
}
