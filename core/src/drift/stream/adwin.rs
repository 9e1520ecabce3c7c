use serde::{Deserialize, Serialize};

use super::{DriftDetector, check_option, check_value};
use crate::drift::DriftError;

/// ADWIN: keeps a window of recent values in an exponential histogram and drops its oldest part
/// whenever two sub-windows' means differ by more than a Hoeffding-style bound
/// (Bifet & Gavaldà 2007, ADWIN2). Same cuts and detection indices as River's `ADWIN`.
///
/// ```
/// use edgekit::drift::{Adwin, DriftDetector};
/// let mut adwin = Adwin::default();
/// let stream: Vec<f64> = (0..2000).map(|i| if i < 1000 { 0.0 } else { 1.0 }).collect();
/// let fired = adwin.update_many(&stream)?;
/// assert!(fired[0] >= 1000 && fired[0] < 1100);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adwin {
    delta: f64,
    clock: u32,
    max_buckets: usize,
    min_window_length: f64,
    grace_period: f64,
    #[serde(flatten)]
    window: Window,
    drift: bool,
}

/// The exponential histogram: row `i` holds up to `max_buckets + 1` (total, variance) summaries
/// of `2^i` values each, oldest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct Window {
    total: f64,
    variance: f64,
    width: f64,
    tick: u64,
    rows: Vec<Vec<(f64, f64)>>,
}

impl Default for Adwin {
    fn default() -> Self {
        Self::new(0.002, 32, 5, 5, 10).expect("River's defaults are valid")
    }
}

impl Adwin {
    /// River's parameters: confidence `delta`, check every `clock` updates, `max_buckets` per
    /// row, sub-windows of at least `min_window_length`, no checks before `grace_period` values.
    pub fn new(
        delta: f64,
        clock: u32,
        max_buckets: usize,
        min_window_length: u32,
        grace_period: u32,
    ) -> Result<Self, DriftError> {
        check_option("delta", delta, delta > 0.0 && delta < 1.0, "(0, 1)")?;
        check_option("clock", clock as f64, clock >= 1, "[1, ∞)")?;
        crate::limits::check_count("max_buckets", max_buckets, 1, crate::limits::MAX_BINS)?;
        Ok(Self {
            delta,
            clock,
            max_buckets,
            min_window_length: min_window_length as f64,
            grace_period: grace_period as f64,
            window: Window::default(),
            drift: false,
        })
    }

    /// Number of values in the window.
    pub fn width(&self) -> f64 {
        self.window.width
    }

    /// Mean of the window (0 when empty).
    pub fn estimation(&self) -> f64 {
        if self.window.width == 0.0 {
            0.0
        } else {
            self.window.total / self.window.width
        }
    }

    /// Sum of squared deviations from the window's mean, divided by the width.
    pub fn variance(&self) -> f64 {
        if self.window.width == 0.0 {
            0.0
        } else {
            self.window.variance / self.window.width
        }
    }

    fn insert(&mut self, x: f64) {
        let w = &mut self.window;
        if w.rows.is_empty() {
            w.rows.push(Vec::with_capacity(self.max_buckets + 1));
        }
        w.rows[0].push((x, 0.0));
        w.width += 1.0;
        if w.width > 1.0 {
            let gap = x - w.total / (w.width - 1.0);
            w.variance += (w.width - 1.0) * gap * gap / w.width;
        }
        w.total += x;
        // A full row merges its two oldest summaries into one of the next row.
        let mut row = 0;
        while w.rows[row].len() == self.max_buckets + 1 {
            let size = (1u64 << row) as f64;
            let (t0, v0) = w.rows[row][0];
            let (t1, v1) = w.rows[row][1];
            let (m0, m1) = (t0 / size, t1 / size);
            let merged = (t0 + t1, v0 + v1 + size * 0.5 * (m0 - m1) * (m0 - m1));
            if row + 1 == w.rows.len() {
                w.rows.push(Vec::with_capacity(self.max_buckets + 1));
            }
            w.rows[row + 1].push(merged);
            w.rows[row].drain(..2);
            row += 1;
        }
    }

    fn drop_oldest(&mut self) {
        let w = &mut self.window;
        let last = w.rows.len() - 1;
        let size = (1u64 << last) as f64;
        let (total, variance) = w.rows[last][0];
        let mean = total / size;
        w.width -= size;
        w.total -= total;
        let rest = w.total / w.width;
        w.variance -= variance + size * w.width * (mean - rest) * (mean - rest) / (size + w.width);
        w.rows[last].remove(0);
        if w.rows[last].is_empty() {
            w.rows.pop();
        }
    }

    fn cut_found(&self, n0: f64, n1: f64, gap: f64) -> bool {
        let w = &self.window;
        let delta_prime = (2.0 * w.width.ln() / self.delta).ln();
        let m =
            1.0 / (n0 - self.min_window_length + 1.0) + 1.0 / (n1 - self.min_window_length + 1.0);
        let epsilon =
            (2.0 * m * (w.variance / w.width) * delta_prime).sqrt() + 2.0 / 3.0 * delta_prime * m;
        gap.abs() > epsilon
    }

    fn detect(&mut self) -> bool {
        self.window.tick += 1;
        if !self.window.tick.is_multiple_of(self.clock as u64)
            || self.window.width <= self.grace_period
        {
            return false;
        }
        let mut detected = false;
        'shrink: loop {
            let (mut n0, mut n1) = (0.0, self.window.width);
            let (mut u0, mut u1) = (0.0, self.window.total);
            // Walk the cut point from the oldest summary to the newest.
            for row in (0..self.window.rows.len()).rev() {
                let size = (1u64 << row) as f64;
                let count = self.window.rows[row].len();
                for k in 0..count {
                    n0 += size;
                    n1 -= size;
                    let total = self.window.rows[row][k].0;
                    u0 += total;
                    u1 -= total;
                    if row == 0 && k == count - 1 {
                        break 'shrink;
                    }
                    let gap = u0 / n0 - u1 / n1;
                    if n1 >= self.min_window_length
                        && n0 >= self.min_window_length
                        && self.cut_found(n0, n1, gap)
                    {
                        detected = true;
                        if self.window.width > 0.0 {
                            self.drop_oldest();
                        }
                        continue 'shrink;
                    }
                }
            }
            break;
        }
        detected
    }
}

impl DriftDetector for Adwin {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_value(x)?;
        if self.drift {
            self.window = Window::default();
        }
        self.insert(x);
        self.drift = self.detect();
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }
}
