use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::{DriftDetector, check_option, check_value};
use crate::drift::DriftError;
use crate::drift::ks::{KsAlternative, KsMethod, cdf_gaps, ks_from_gaps};

/// KSWIN: a two-sample KS test between the newest `stat_size` values of a sliding window and
/// `stat_size` values drawn (seeded) from the rest; drift when `p ≤ alpha` and `D > 0.1`
/// (Raab, Heusinger & Schleif 2020; River's `KSWIN` parameters and rule — the draws come from
/// this crate's generator, so detection indices are River's only in distribution).
///
/// ```
/// use edgekit::drift::{DriftDetector, Kswin};
/// let mut kswin = Kswin::new(0.005, 100, 30, 42)?;
/// let stream: Vec<f64> = (0..1000).map(|i| if i < 500 { (i % 7) as f64 } else { 10.0 + (i % 7) as f64 }).collect();
/// let fired = kswin.update_many(&stream)?;
/// assert!(fired[0] >= 500 && fired[0] < 540);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kswin {
    alpha: f64,
    window_size: usize,
    stat_size: usize,
    seed: u64,
    window: VecDeque<f64>,
    /// Generator state, so a restored detector draws what the original would have.
    rng_state: u64,
    /// Extreme CDF gaps of the last test (the p-value follows from them).
    gaps: (f64, f64),
    drift: bool,
    #[serde(skip)]
    scratch: Scratch,
}

impl Default for Kswin {
    fn default() -> Self {
        Self::new(0.005, 100, 30, 0).expect("River's defaults are valid")
    }
}

impl Kswin {
    /// River's parameters; `seed` makes the draws reproducible.
    pub fn new(
        alpha: f64,
        window_size: usize,
        stat_size: usize,
        seed: u64,
    ) -> Result<Self, DriftError> {
        check_option("alpha", alpha, (0.0..=1.0).contains(&alpha), "[0, 1]")?;
        crate::limits::check_count("window_size", window_size, 2, crate::limits::MAX_WINDOW)?;
        check_option(
            "stat_size",
            stat_size as f64,
            stat_size >= 1 && stat_size <= window_size / 2,
            "[1, window_size / 2]",
        )?;
        Ok(Self {
            alpha,
            window_size,
            stat_size,
            seed,
            window: VecDeque::with_capacity(window_size),
            rng_state: seed,
            gaps: (0.0, 0.0),
            drift: false,
            scratch: Scratch::default(),
        })
    }

    /// The p-value of the last test (1 before the window first fills).
    pub fn p_value(&self) -> f64 {
        let (max_gap, min_gap) = self.gaps;
        let n = self.stat_size as u64;
        ks_from_gaps(
            max_gap,
            min_gap,
            n,
            n,
            KsMethod::Auto,
            KsAlternative::TwoSided,
        )
        .1
    }

    fn test(&mut self) -> bool {
        let older = self.window_size - self.stat_size;
        let mut rng = fastrand::Rng::with_seed(self.rng_state);
        // A sample of `stat_size` distinct positions among the older values (partial shuffle
        // of a reused index buffer).
        let scratch = &mut self.scratch;
        scratch.positions.clear();
        scratch.positions.extend(0..older);
        for i in 0..self.stat_size {
            let j = rng.usize(i..older);
            scratch.positions.swap(i, j);
        }
        self.rng_state = rng.u64(..);
        scratch.drawn.clear();
        scratch.drawn.extend(
            scratch.positions[..self.stat_size]
                .iter()
                .map(|&p| self.window[p]),
        );
        if scratch.recent.len() != self.stat_size {
            // After a restore the derived buffer is empty: rebuild it once.
            scratch.recent.clear();
            scratch
                .recent
                .extend(self.window.iter().skip(older).copied());
            scratch.recent.sort_unstable_by(f64::total_cmp);
        }
        insertion_sort(&mut scratch.drawn);
        let (max_gap, min_gap) = cdf_gaps(&scratch.drawn, &scratch.recent);
        self.gaps = (max_gap, min_gap);
        let statistic = max_gap.max(-min_gap);
        // Both windows hold `stat_size` values, so D = h / stat_size and the exact p-value
        // depends on h alone: a table computed once replaces a lattice count per update.
        let n = self.stat_size;
        if self.scratch.pvalues.len() != n + 1 {
            self.scratch.pvalues = (0..=n)
                .map(|h| {
                    let d = h as f64 / n as f64;
                    ks_from_gaps(
                        d,
                        0.0,
                        n as u64,
                        n as u64,
                        KsMethod::Auto,
                        KsAlternative::TwoSided,
                    )
                    .1
                })
                .collect();
        }
        let h = (statistic * n as f64).round() as usize;
        if statistic > 0.1 && self.scratch.pvalues[h.min(n)] <= self.alpha {
            self.window.drain(..older);
            true
        } else {
            false
        }
    }
}

/// Sorts a short slice in place (faster than the general sort for the 30-value windows).
fn insertion_sort(values: &mut [f64]) {
    for i in 1..values.len() {
        let v = values[i];
        let mut j = i;
        while j > 0 && values[j - 1] > v {
            values[j] = values[j - 1];
            j -= 1;
        }
        values[j] = v;
    }
}

/// Buffers reused across tests (not part of the saved state); `recent` holds the newest
/// `stat_size` values, sorted.
#[derive(Debug, Clone, Default)]
struct Scratch {
    pvalues: Vec<f64>,
    positions: Vec<usize>,
    drawn: Vec<f64>,
    recent: Vec<f64>,
}

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl DriftDetector for Kswin {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_value(x)?;
        if self.drift {
            self.scratch.recent.clear();
            self.window.clear();
            self.gaps = (0.0, 0.0);
            self.drift = false;
        }
        if self.window.len() == self.window_size {
            self.window.pop_front();
        }
        // Keep the newest `stat_size` values sorted as they slide: one removal, one insertion.
        let recent = &mut self.scratch.recent;
        if self.window.len() >= self.stat_size && recent.len() == self.stat_size {
            let leaving = self.window[self.window.len() - self.stat_size];
            let at = recent.partition_point(|&v| v.total_cmp(&leaving).is_lt());
            recent.remove(at);
        } else if recent.len() != self.window.len().min(self.stat_size) {
            recent.clear();
        }
        if recent.len() < self.stat_size && (recent.len() == self.window.len().min(self.stat_size))
        {
            let at = recent.partition_point(|&v| v.total_cmp(&x).is_lt());
            recent.insert(at, x);
        }
        self.window.push_back(x);
        self.drift = self.window.len() >= self.window_size && self.test();
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }
}
