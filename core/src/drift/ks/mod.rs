//! Two-sample Kolmogorov-Smirnov test, as scipy's `ks_2samp` computes it: exact lattice-path
//! p-values while both samples have at most 10,000 values (`method = "auto"`), otherwise the
//! exact one-sample Kolmogorov distribution at `n = round(n₁n₂ / (n₁ + n₂))` (two-sided) or
//! Hodges' approximation (one-sided).

mod binomial;
mod kolmogorov;
mod lattice;
mod smirnov;

pub use kolmogorov::kstwo_sf;
pub use smirnov::smirnov_sf;

use serde::{Deserialize, Serialize};

use super::DriftError;
use super::result::DriftResult;
use super::sample::sorted_pair;

/// Largest sample for which `method = "auto"` computes exact p-values (scipy's `MAX_AUTO_N`).
pub const KS_EXACT_MAX_N: usize = 10_000;

/// How the KS p-value is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KsMethod {
    /// Exact up to [`KS_EXACT_MAX_N`] values per sample, asymptotic beyond.
    #[default]
    Auto,
    /// Exact lattice-path counting (falls back to asymptotic when `lcm(n₁, n₂)` overflows `i32`).
    Exact,
    /// The asymptotic distribution.
    #[serde(alias = "asymptotic")]
    Asymp,
}

impl KsMethod {
    /// Parses `"auto"`, `"exact"` or `"asymp"`.
    pub fn parse(name: &str) -> Result<Self, DriftError> {
        super::by_serde_name("method", name, "\"auto\", \"exact\" or \"asymp\"")
    }
}

/// Which difference of the empirical CDFs the KS test looks at (scipy's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KsAlternative {
    /// `max |F_ref − F_cur|`.
    #[default]
    TwoSided,
    /// `max (F_cur − F_ref)`, scipy's `"less"`: the current sample tends to be larger.
    Less,
    /// `max (F_ref − F_cur)`, scipy's `"greater"`: the current sample tends to be smaller.
    Greater,
}

impl KsAlternative {
    /// Parses `"two-sided"`, `"less"` or `"greater"`.
    pub fn parse(name: &str) -> Result<Self, DriftError> {
        super::by_serde_name(
            "alternative",
            name,
            "\"two-sided\", \"less\" or \"greater\"",
        )
    }
}

/// Options of [`ks_2samp`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KsOptions {
    /// Exact, asymptotic or automatic p-values.
    pub method: KsMethod,
    /// Two-sided or one-sided.
    pub alternative: KsAlternative,
    /// Drift is declared when the p-value is below this (Evidently's default 0.05).
    pub threshold: f64,
}

impl Default for KsOptions {
    fn default() -> Self {
        Self {
            method: KsMethod::Auto,
            alternative: KsAlternative::TwoSided,
            threshold: 0.05,
        }
    }
}

/// Two-sample Kolmogorov-Smirnov test of `reference` against `current`.
///
/// The statistic is the largest gap between the two empirical CDFs; `pvalue` matches
/// `scipy.stats.ks_2samp(reference, current, alternative, method)`.
///
/// ```
/// use edgekit::drift::{ks_2samp, KsOptions};
///
/// let reference = [0.1, 0.4, 0.7, 1.1, 1.5, 2.0];
/// let current = [1.9, 2.4, 2.8, 3.3, 3.9, 4.2];
/// let result = ks_2samp(&reference, &current, &KsOptions::default())?;
/// assert!((result.statistic - 5.0 / 6.0).abs() < 1e-12);
/// assert!(result.pvalue.unwrap() < 0.05 && result.drifted);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn ks_2samp(
    reference: &[f64],
    current: &[f64],
    options: &KsOptions,
) -> Result<DriftResult, DriftError> {
    super::result::check_pvalue_threshold(options.threshold)?;
    let (a, b) = sorted_pair(reference, current)?;
    let (statistic, pvalue) = ks_sorted(&a, &b, options.method, options.alternative);
    Ok(DriftResult::from_pvalue(
        "ks",
        statistic,
        pvalue,
        options.threshold,
    ))
}

/// The KS statistic and p-value of two sorted, finite, non-empty samples.
pub(crate) fn ks_sorted(
    a: &[f64],
    b: &[f64],
    method: KsMethod,
    alternative: KsAlternative,
) -> (f64, f64) {
    let (max_gap, min_gap) = cdf_gaps(a, b);
    ks_from_gaps(
        max_gap,
        min_gap,
        a.len() as u64,
        b.len() as u64,
        method,
        alternative,
    )
}

/// The KS statistic and p-value from the extreme CDF gaps of samples of `n1` and `n2` values.
pub(crate) fn ks_from_gaps(
    max_gap: f64,
    min_gap: f64,
    n1: u64,
    n2: u64,
    method: KsMethod,
    alternative: KsAlternative,
) -> (f64, f64) {
    let below = (-min_gap).clamp(0.0, 1.0);
    let d = match alternative {
        KsAlternative::Less => below,
        KsAlternative::Greater => max_gap,
        KsAlternative::TwoSided => {
            if below > max_gap {
                below
            } else {
                max_gap
            }
        }
    };
    let g = gcd(n1, n2);
    let mut exact = match method {
        KsMethod::Auto => n1.max(n2) as usize <= KS_EXACT_MAX_N,
        KsMethod::Exact => ((n1 / g) as f64) < i32::MAX as f64 / (n2 / g) as f64,
        KsMethod::Asymp => false,
    };
    let mut statistic = d;
    let mut pvalue = f64::NAN;
    if exact {
        let lcm = (n1 / g) * n2;
        let h = (d * lcm as f64).round_ties_even() as u64;
        statistic = h as f64 / lcm as f64;
        pvalue = if h == 0 {
            1.0
        } else {
            lattice::path_tail_probability(n1, n2, g, h, alternative == KsAlternative::TwoSided)
        };
        if !(0.0..=1.0).contains(&pvalue) {
            exact = false;
        }
    }
    if !exact {
        let (m, n) = if n1 >= n2 {
            (n1 as f64, n2 as f64)
        } else {
            (n2 as f64, n1 as f64)
        };
        let en = m * n / (m + n);
        pvalue = match alternative {
            KsAlternative::TwoSided => kolmogorov::kstwo_sf(en.round_ties_even() as u64, statistic),
            _ => {
                let z = en.sqrt() * statistic;
                (-2.0 * z * z - 2.0 * z * (m + 2.0 * n) / (m * n * (m + n)).sqrt() / 3.0).exp()
            }
        };
    }
    (statistic, pvalue.clamp(0.0, 1.0))
}

/// `(max, min)` over the pooled values of `F_a − F_b`, each CDF evaluated as scipy does
/// (`searchsorted(..., side="right") / n`). The extremes are found on the exact integer gap
/// `i·n_b − j·n_a` (no division per value); the float gaps are then formed once, as scipy forms
/// them, from the extreme positions.
pub(crate) fn cdf_gaps(a: &[f64], b: &[f64]) -> (f64, f64) {
    let (na, nb) = (a.len() as i64, b.len() as i64);
    let extremes = if a.len() + b.len() < 1 << 18 {
        gap_extremes(a, b, (0, 0), (na, nb))
    } else {
        // Split the pooled range at values of `a` so that ties never straddle two chunks, and
        // walk the chunks on all cores; each knows its starting ECDF counts.
        use rayon::prelude::*;
        let chunks = 16usize;
        let mut cuts = vec![(0usize, 0usize)];
        for k in 1..chunks {
            let value = a[k * a.len() / chunks];
            let i = a.partition_point(|&v| v < value);
            let j = b.partition_point(|&v| v < value);
            if (i, j) != *cuts.last().expect("starts with (0, 0)") {
                cuts.push((i, j));
            }
        }
        cuts.push((a.len(), b.len()));
        cuts.par_windows(2)
            .map(|w| gap_extremes(&a[w[0].0..w[1].0], &b[w[0].1..w[1].1], w[0], (na, nb)))
            .reduce(Extremes::empty, |x, y| x.combine(y))
    };
    let float_gap = |(i, j): (usize, usize)| i as f64 / na as f64 - j as f64 / nb as f64;
    (float_gap(extremes.max_at), float_gap(extremes.min_at))
}

/// The largest and smallest exact gaps `i·n_b − j·n_a` and where they occur.
#[derive(Clone, Copy)]
struct Extremes {
    max: i64,
    max_at: (usize, usize),
    min: i64,
    min_at: (usize, usize),
}

impl Extremes {
    fn empty() -> Self {
        Self {
            max: i64::MIN,
            max_at: (0, 0),
            min: i64::MAX,
            min_at: (0, 0),
        }
    }

    fn see(&mut self, gap: i64, at: (usize, usize)) {
        if gap > self.max {
            (self.max, self.max_at) = (gap, at);
        }
        if gap < self.min {
            (self.min, self.min_at) = (gap, at);
        }
    }

    /// Keeps the earlier position on ties, as a left-to-right walk does.
    fn combine(self, other: Self) -> Self {
        let mut out = self;
        if other.max > out.max || (other.max == out.max && other.max_at < out.max_at) {
            (out.max, out.max_at) = (other.max, other.max_at);
        }
        if other.min < out.min || (other.min == out.min && other.min_at < out.min_at) {
            (out.min, out.min_at) = (other.min, other.min_at);
        }
        out
    }
}

/// Walks the distinct values of the sorted `a` and `b` (whose ECDF counts start at `start`),
/// tracking the exact gap after each one.
fn gap_extremes(a: &[f64], b: &[f64], start: (usize, usize), (na, nb): (i64, i64)) -> Extremes {
    let mut extremes = Extremes::empty();
    let (mut i, mut j) = (0usize, 0usize);
    let at = |i: usize, j: usize| (start.0 + i, start.1 + j);
    let gap = |(i, j): (usize, usize)| i as i64 * nb - j as i64 * na;
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x <= y {
            i += 1;
            while i < a.len() && a[i] == x {
                i += 1;
            }
        }
        if y <= x {
            j += 1;
            while j < b.len() && b[j] == y {
                j += 1;
            }
        }
        extremes.see(gap(at(i, j)), at(i, j));
    }
    // Past the end of one sample the gap moves monotonically: its extremes are the two ends.
    extremes.see(gap(at(i, j)), at(i, j));
    extremes.see(gap(at(a.len(), b.len())), at(a.len(), b.len()));
    extremes
}

pub(crate) fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_gaps_equal_one_walk() {
        let mut rng = fastrand::Rng::with_seed(12);
        // Rounded values: many ties, some straddling the chunk cuts.
        let mut a: Vec<f64> = (0..200_000).map(|_| (rng.f64() * 500.0).round()).collect();
        let mut b: Vec<f64> = (0..150_000)
            .map(|_| (rng.f64() * 520.0 - 10.0).round())
            .collect();
        a.sort_unstable_by(f64::total_cmp);
        b.sort_unstable_by(f64::total_cmp);
        let (na, nb) = (a.len() as i64, b.len() as i64);
        let one = gap_extremes(&a, &b, (0, 0), (na, nb));
        let float_gap = |(i, j): (usize, usize)| i as f64 / na as f64 - j as f64 / nb as f64;
        assert_eq!(
            cdf_gaps(&a, &b),
            (float_gap(one.max_at), float_gap(one.min_at))
        );
    }
}
