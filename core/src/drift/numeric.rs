//! Distances and location tests between two numeric samples: Wasserstein (normed by the
//! reference's standard deviation, as Evidently does), energy distance (scipy), Welch's or
//! Student's t and Mann-Whitney U (scipy's `ttest_ind`, `mannwhitneyu`).

use serde::{Deserialize, Serialize};

use super::DriftError;
use super::result::{DriftResult, check_pvalue_threshold, check_score_threshold};
use super::sample::{PooledRuns, check_pair, sorted_pair};
use crate::abtest::{self, Alternative, MannWhitneyOptions, MeansOptions};

/// `∫ |F_ref − F_cur|^order dx` over the pooled support of two sorted samples, scipy's
/// `_cdf_distance` before its final root.
fn cdf_distance(a: &[f64], b: &[f64], squared: bool) -> f64 {
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let mut runs = PooledRuns::new(a, b);
    let mut total = 0.0;
    let mut previous: Option<(f64, f64)> = None;
    while let Some((value, _, _)) = runs.next() {
        if let Some((left, gap)) = previous {
            let width = value - left;
            total += if squared {
                gap * gap * width
            } else {
                gap * width
            };
        }
        let (i, j) = runs.counts();
        previous = Some((value, (i as f64 / na - j as f64 / nb).abs()));
    }
    total
}

/// Population standard deviation (numpy's `std`, ddof = 0), two-pass.
fn population_std(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt()
}

/// Wasserstein-1 distance divided by `max(std(reference), 0.001)`: Evidently's `wasserstein`
/// drift score (default threshold 0.1, i.e. a tenth of a reference standard deviation).
///
/// ```
/// let reference = [0.0, 1.0, 2.0, 3.0];
/// let current = [1.0, 2.0, 3.0, 4.0];
/// let result = edgekit::drift::wasserstein(&reference, &current, 0.1)?;
/// assert!((result.statistic - 1.0 / 1.25f64.sqrt()).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn wasserstein(
    reference: &[f64],
    current: &[f64],
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    check_score_threshold(threshold)?;
    let (a, b) = sorted_pair(reference, current)?;
    let norm = population_std(reference).max(0.001);
    let score = cdf_distance(&a, &b, false) / norm;
    Ok(DriftResult::from_score("wasserstein", score, threshold))
}

/// Energy distance `√2 · (∫ (F_ref − F_cur)² dx)^½`, scipy's `energy_distance` (Evidently `ed`,
/// default threshold 0.1).
///
/// ```
/// let result = edgekit::drift::energy_distance(&[0.0, 1.0], &[0.0, 1.0], 0.1)?;
/// assert_eq!(result.statistic, 0.0);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn energy_distance(
    reference: &[f64],
    current: &[f64],
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    check_score_threshold(threshold)?;
    let (a, b) = sorted_pair(reference, current)?;
    let score = 2f64.sqrt() * cdf_distance(&a, &b, true).sqrt();
    Ok(DriftResult::from_score("energy", score, threshold))
}

/// Options of [`t_test`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TTestOptions {
    /// `false`: Welch's test (default); `true`: Student's pooled test (Evidently's `t_test`).
    pub equal_var: bool,
    /// Drift when the two-sided p-value is below this (default 0.05).
    pub threshold: f64,
}

impl Default for TTestOptions {
    fn default() -> Self {
        Self {
            equal_var: false,
            threshold: 0.05,
        }
    }
}

fn abtest_error(error: abtest::AbtestError) -> DriftError {
    DriftError::Undefined(error.to_string())
}

/// Two-sided t test of equal means, scipy's `ttest_ind(reference, current, equal_var)`.
///
/// ```
/// use edgekit::drift::{t_test, TTestOptions};
/// let result = t_test(&[1.0, 2.0, 3.0, 4.0], &[2.0, 3.0, 4.0, 5.0], &TTestOptions::default())?;
/// assert!((result.statistic + 1.0954451150103321).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn t_test(
    reference: &[f64],
    current: &[f64],
    options: &TTestOptions,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(options.threshold)?;
    check_pair(reference, current, 2)?;
    let means = MeansOptions {
        equal_var: options.equal_var,
        ..MeansOptions::default()
    };
    // abtest reports current − reference; scipy's statistic is reference − current.
    let result = abtest::welch(reference, current, &means).map_err(abtest_error)?;
    Ok(DriftResult::from_pvalue(
        "t_test",
        -result.statistic,
        result.pvalue,
        options.threshold,
    ))
}

/// Options of [`mann_whitney`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MannWhitneyDriftOptions {
    /// scipy's alternative about the reference: `"less"` (Evidently's `mannw`), `"greater"`,
    /// `"two-sided"`.
    pub alternative: super::KsAlternative,
    /// Drift when the p-value is below this (default 0.05).
    pub threshold: f64,
}

impl Default for MannWhitneyDriftOptions {
    fn default() -> Self {
        Self {
            alternative: super::KsAlternative::Less,
            threshold: 0.05,
        }
    }
}

/// Mann-Whitney U test, scipy's `mannwhitneyu(reference, current, alternative)` with its
/// automatic exact/asymptotic choice; the statistic is U of the reference.
///
/// ```
/// use edgekit::drift::{mann_whitney, MannWhitneyDriftOptions};
/// let result = mann_whitney(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0], &MannWhitneyDriftOptions::default())?;
/// assert_eq!(result.statistic, 0.0);
/// assert!((result.pvalue.unwrap() - 0.05).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn mann_whitney(
    reference: &[f64],
    current: &[f64],
    options: &MannWhitneyDriftOptions,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(options.threshold)?;
    check_pair(reference, current, 1)?;
    // scipy's "less" (reference tends to be smaller) is abtest's "larger" (current exceeds).
    let alternative = match options.alternative {
        super::KsAlternative::Less => Alternative::Larger,
        super::KsAlternative::Greater => Alternative::Smaller,
        super::KsAlternative::TwoSided => Alternative::TwoSided,
    };
    let rank = MannWhitneyOptions {
        alternative,
        ..MannWhitneyOptions::default()
    };
    let result = abtest::mann_whitney(reference, current, &rank).map_err(abtest_error)?;
    let u_reference = (reference.len() * current.len()) as f64 - result.statistic;
    Ok(DriftResult::from_pvalue(
        "mann_whitney",
        u_reference,
        result.pvalue,
        options.threshold,
    ))
}
