//! Adjusted p-values for a family of tests, as statsmodels `multipletests`, and the per-test
//! confidence level that makes a family of intervals simultaneous (Bonferroni, Šidák) or
//! controls the false coverage rate of the selected ones (Benjamini & Yekutieli 2005).

use std::str::FromStr;

use super::AbtestError;
use super::alternative::check_unit;
use super::proportions::named_options;

named_options!(
    /// Multiple-testing correction.
    Correction, "method",
    "\"bonferroni\", \"holm\", \"sidak\", \"holm-sidak\", \"hochberg\", \"hommel\", \"bh\" or \"by\"", {
    /// Family-wise error: `min(1, m·p)`.
    Bonferroni = "bonferroni",
    /// Holm's step-down Bonferroni.
    Holm = "holm",
    /// Šidák: `1 − (1 − p)^m`.
    Sidak = "sidak",
    /// Holm's step-down with Šidák steps.
    HolmSidak = "holm-sidak",
    /// Hochberg's step-up (statsmodels "simes-hochberg").
    Hochberg = "hochberg",
    /// Hommel's closed procedure.
    Hommel = "hommel",
    /// Benjamini-Hochberg false discovery rate (statsmodels "fdr_bh").
    Bh = "bh",
    /// Benjamini-Yekutieli FDR under any dependence (statsmodels "fdr_by").
    By = "by",
});

named_options!(
    /// How [`adjusted_confidence`] widens a family of intervals.
    IntervalCorrection, "method", "\"bonferroni\", \"sidak\" or \"fcr\"", {
    /// All `m` intervals cover at once with probability ≥ c: level `1 − (1 − c)/m`.
    Bonferroni = "bonferroni",
    /// The same for independent tests, slightly narrower: level `c^(1/m)`.
    Sidak = "sidak",
    /// False coverage rate ≤ 1 − c over the `selected` intervals reported (e.g. those BH
    /// found significant): level `1 − selected·(1 − c)/m`.
    Fcr = "fcr",
});

// named_options! declares these enums, so their default cannot be a derive.
#[allow(clippy::derivable_impls)]
impl Default for Correction {
    /// Holm's, statsmodels' default.
    fn default() -> Self {
        Correction::Holm
    }
}

#[allow(clippy::derivable_impls)]
impl Default for IntervalCorrection {
    fn default() -> Self {
        IntervalCorrection::Bonferroni
    }
}

/// Options of [`adjust_pvalues`] as the faces take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdjustOptions {
    /// The correction (default Holm's).
    pub method: Correction,
}

/// Options of [`adjusted_confidence`] as the faces take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdjustedConfidenceOptions {
    /// How the family is widened (default Bonferroni).
    pub method: IntervalCorrection,
    /// For `fcr`: how many intervals are reported.
    pub selected: Option<usize>,
}

/// The confidence level to use for each of `m` intervals so the family meets `confidence`:
/// pass the result as `confidence` to any test.
///
/// ```
/// use edgekit::abtest::{adjusted_confidence, IntervalCorrection};
///
/// let each = adjusted_confidence(0.95, 10, IntervalCorrection::Bonferroni, None)?;
/// assert!((each - 0.995).abs() < 1e-15);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn adjusted_confidence(
    confidence: f64,
    m: usize,
    method: IntervalCorrection,
    selected: Option<usize>,
) -> Result<f64, AbtestError> {
    let confidence = check_unit("confidence", confidence)?;
    if m == 0 {
        return Err(AbtestError::TooFew {
            argument: "m",
            needed: 1,
            got: 0,
        });
    }
    let mf = m as f64;
    Ok(match method {
        IntervalCorrection::Bonferroni => 1.0 - (1.0 - confidence) / mf,
        IntervalCorrection::Sidak => confidence.powf(1.0 / mf),
        IntervalCorrection::Fcr => {
            let r = selected.ok_or_else(|| {
                AbtestError::Undefined(
                    "method \"fcr\" needs `selected`: how many intervals are reported".to_owned(),
                )
            })?;
            if r == 0 || r > m {
                return Err(AbtestError::InvalidCount(format!(
                    "selected = {r} must lie in 1..={m} (the number of tests)"
                )));
            }
            1.0 - r as f64 * (1.0 - confidence) / mf
        }
    })
}

/// Adjusted p-values in the order given.
///
/// ```
/// use edgekit::abtest::{adjust_pvalues, Correction};
///
/// let q = adjust_pvalues(&[0.01, 0.04, 0.03], Correction::Bh)?;
/// assert_eq!(q, vec![0.03, 0.04, 0.04]);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn adjust_pvalues(pvalues: &[f64], method: Correction) -> Result<Vec<f64>, AbtestError> {
    if let Some(i) = pvalues.iter().position(|p| !(0.0..=1.0).contains(p)) {
        return Err(AbtestError::OutOfRange {
            argument: "pvalues",
            value: pvalues[i],
            range: "[0, 1]",
        });
    }
    let m = pvalues.len();
    if m == 0 {
        return Ok(Vec::new());
    }
    let mf = m as f64;
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| pvalues[i].total_cmp(&pvalues[j]));
    let sorted: Vec<f64> = order.iter().map(|&i| pvalues[i]).collect();

    let adjusted_sorted: Vec<f64> = match method {
        Correction::Bonferroni => sorted.iter().map(|p| (p * mf).min(1.0)).collect(),
        Correction::Sidak => sorted.iter().map(|p| sidak(*p, mf)).collect(),
        Correction::Holm => running_max(
            sorted
                .iter()
                .enumerate()
                .map(|(i, p)| ((mf - i as f64) * p).min(1.0)),
        ),
        Correction::HolmSidak => running_max(
            sorted
                .iter()
                .enumerate()
                .map(|(i, p)| sidak(*p, mf - i as f64)),
        ),
        Correction::Hochberg => running_min_from_end(
            sorted
                .iter()
                .enumerate()
                .map(|(i, p)| ((mf - i as f64) * p).min(1.0)),
        ),
        Correction::Bh => running_min_from_end(
            sorted
                .iter()
                .enumerate()
                .map(|(i, p)| (p * mf / (i + 1) as f64).min(1.0)),
        ),
        Correction::By => {
            let harmonic: f64 = (1..=m).map(|i| 1.0 / i as f64).sum();
            running_min_from_end(
                sorted
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p * mf * harmonic / (i + 1) as f64).min(1.0)),
            )
        }
        Correction::Hommel => hommel(&sorted),
    };
    let mut adjusted = vec![0.0; m];
    for (rank, &i) in order.iter().enumerate() {
        adjusted[i] = adjusted_sorted[rank];
    }
    Ok(adjusted)
}

fn sidak(p: f64, m: f64) -> f64 {
    // 1 − (1 − p)^m without cancellation for small p.
    -(m * (-p).ln_1p()).exp_m1()
}

fn running_max(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut best = f64::NEG_INFINITY;
    values
        .map(|v| {
            best = best.max(v);
            best
        })
        .collect()
}

fn running_min_from_end(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut out: Vec<f64> = values.collect();
    for i in (0..out.len().saturating_sub(1)).rev() {
        out[i] = out[i].min(out[i + 1]);
    }
    out
}

/// Hommel's adjusted p-values (Wright 1992) for ascending `sorted` p-values, in O(m²).
fn hommel(sorted: &[f64]) -> Vec<f64> {
    let m = sorted.len();
    let mut adjusted = sorted.to_vec();
    for size in (2..=m).rev() {
        let tail = &sorted[m - size..];
        let c = tail
            .iter()
            .enumerate()
            .map(|(i, p)| size as f64 * p / (i + 1) as f64)
            .fold(f64::INFINITY, f64::min);
        for value in adjusted[m - size..].iter_mut() {
            *value = value.max(c);
        }
        for (value, p) in adjusted[..m - size].iter_mut().zip(sorted) {
            *value = value.max((size as f64 * p).min(c));
        }
    }
    adjusted
        .iter()
        .zip(sorted)
        .map(|(a, p)| a.max(*p).min(1.0))
        .collect()
}

#[cfg(test)]
mod interval_tests {
    use super::*;
    use crate::abtest::{TwoProportionsOptions, two_proportions};

    #[test]
    fn bonferroni_intervals_exclude_zero_exactly_when_adjusted_pvalues_reject() {
        let tables = [
            (200, 1000, 250, 1000),
            (200, 1000, 228, 1000),
            (50, 400, 71, 410),
        ];
        let m = tables.len();
        let each = adjusted_confidence(0.95, m, IntervalCorrection::Bonferroni, None).unwrap();
        let options = TwoProportionsOptions {
            method: crate::abtest::ProportionTest::ZUnpooled,
            confidence: each,
            ..Default::default()
        };
        let results: Vec<_> = tables
            .iter()
            .map(|&(xa, na, xb, nb)| two_proportions(xa, na, xb, nb, &options).unwrap())
            .collect();
        let pvalues: Vec<f64> = results.iter().map(|r| r.pvalue).collect();
        let adjusted = adjust_pvalues(&pvalues, Correction::Bonferroni).unwrap();
        for (r, q) in results.iter().zip(adjusted) {
            let excludes_zero = r.ci.0 > 0.0 || r.ci.1 < 0.0;
            assert_eq!(excludes_zero, q < 0.05, "{r:?} {q}");
        }
        let sidak = adjusted_confidence(0.95, m, IntervalCorrection::Sidak, None).unwrap();
        assert!(sidak < each && (sidak.powi(m as i32) - 0.95).abs() < 1e-15);
        assert!(adjusted_confidence(0.95, m, IntervalCorrection::Fcr, None).is_err());
        let fcr = adjusted_confidence(0.95, m, IntervalCorrection::Fcr, Some(1)).unwrap();
        assert!((fcr - each).abs() < 1e-15);
    }
}
