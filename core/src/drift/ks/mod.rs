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
    Asymp,
}

impl KsMethod {
    /// Parses `"auto"`, `"exact"` or `"asymp"`.
    pub fn parse(name: &str) -> Result<Self, DriftError> {
        match name {
            "auto" => Ok(Self::Auto),
            "exact" => Ok(Self::Exact),
            "asymp" | "asymptotic" => Ok(Self::Asymp),
            _ => Err(DriftError::UnknownOption {
                argument: "method",
                value: name.to_string(),
                expected: "\"auto\", \"exact\" or \"asymp\"",
            }),
        }
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
        match name {
            "two-sided" => Ok(Self::TwoSided),
            "less" => Ok(Self::Less),
            "greater" => Ok(Self::Greater),
            _ => Err(DriftError::UnknownOption {
                argument: "alternative",
                value: name.to_string(),
                expected: "\"two-sided\", \"less\" or \"greater\"",
            }),
        }
    }
}

/// Options of [`ks_2samp`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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
    let (mut i, mut j) = (0usize, 0usize);
    let (mut max_gap, mut max_at) = (i64::MIN, (0usize, 0usize));
    let (mut min_gap, mut min_at) = (i64::MAX, (0usize, 0usize));
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x < y {
            i += 1;
            while i < a.len() && a[i] == x {
                i += 1;
            }
        } else if y < x {
            j += 1;
            while j < b.len() && b[j] == y {
                j += 1;
            }
        } else {
            i += 1;
            while i < a.len() && a[i] == x {
                i += 1;
            }
            j += 1;
            while j < b.len() && b[j] == y {
                j += 1;
            }
        }
        let gap = i as i64 * nb - j as i64 * na;
        if gap > max_gap {
            (max_gap, max_at) = (gap, (i, j));
        }
        if gap < min_gap {
            (min_gap, min_at) = (gap, (i, j));
        }
    }
    // Past the end of one sample the gap moves monotonically to 0 at (n_a, n_b).
    for at in [(i, j), (a.len(), b.len())] {
        let gap = at.0 as i64 * nb - at.1 as i64 * na;
        if gap > max_gap {
            (max_gap, max_at) = (gap, at);
        }
        if gap < min_gap {
            (min_gap, min_at) = (gap, at);
        }
    }
    let float_gap = |(i, j): (usize, usize)| i as f64 / na as f64 - j as f64 / nb as f64;
    (float_gap(max_at), float_gap(min_at))
}

pub(crate) fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}
