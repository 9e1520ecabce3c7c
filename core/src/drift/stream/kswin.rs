use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::{DriftDetector, check_option, check_value};
use crate::drift::DriftError;
use crate::drift::ks::{KsAlternative, KsMethod, ks_sorted};

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
    p_value: f64,
    drift: bool,
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
        check_option(
            "stat_size",
            stat_size as f64,
            stat_size >= 1 && 2 * stat_size <= window_size,
            "[1, window_size / 2]",
        )?;
        Ok(Self {
            alpha,
            window_size,
            stat_size,
            seed,
            window: VecDeque::with_capacity(window_size),
            rng_state: seed,
            p_value: 0.0,
            drift: false,
        })
    }

    /// The p-value of the last test (0 before the window first fills).
    pub fn p_value(&self) -> f64 {
        self.p_value
    }

    fn test(&mut self) -> bool {
        let older = self.window_size - self.stat_size;
        let mut rng = fastrand::Rng::with_seed(self.rng_state);
        // A sample of `stat_size` distinct positions among the older values (partial shuffle).
        let mut positions: Vec<usize> = (0..older).collect();
        for i in 0..self.stat_size {
            let j = rng.usize(i..older);
            positions.swap(i, j);
        }
        self.rng_state = rng.u64(..);
        let mut drawn: Vec<f64> = positions[..self.stat_size]
            .iter()
            .map(|&p| self.window[p])
            .collect();
        let mut recent: Vec<f64> = self.window.iter().skip(older).copied().collect();
        drawn.sort_unstable_by(f64::total_cmp);
        recent.sort_unstable_by(f64::total_cmp);
        let (statistic, p_value) =
            ks_sorted(&drawn, &recent, KsMethod::Auto, KsAlternative::TwoSided);
        self.p_value = p_value;
        if p_value <= self.alpha && statistic > 0.1 {
            self.window.drain(..older);
            true
        } else {
            false
        }
    }
}

impl DriftDetector for Kswin {
    fn update(&mut self, x: f64) -> Result<bool, DriftError> {
        check_value(x)?;
        if self.drift {
            self.window.clear();
            self.p_value = 0.0;
            self.drift = false;
        }
        if self.window.len() == self.window_size {
            self.window.pop_front();
        }
        self.window.push_back(x);
        self.drift = self.window.len() >= self.window_size && self.test();
        Ok(self.drift)
    }

    fn drift_detected(&self) -> bool {
        self.drift
    }
}
