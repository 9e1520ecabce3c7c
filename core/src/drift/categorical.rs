//! Tests between two categorical samples, following Evidently's drift tests: chi-square
//! goodness of fit of the current counts to the reference shares, the G-test (the same with the
//! log-likelihood statistic), a pooled two-proportion z test of the first category against the
//! rest, Fisher's exact test for two categories, and total variation distance with a seeded
//! permutation p-value.

use super::DriftError;
use super::categories::{CategoryCounts, Sample};
use super::result::{DriftResult, check_pvalue_threshold};
use crate::abtest::{self, ProportionTest, TwoProportionsOptions};
use crate::limits::{MAX_RESAMPLE_WORK, MAX_RESAMPLES, check_count, check_work};
use crate::stats::dist::{chi2_sf, norm_sf};

/// Chi-square goodness of fit of the current counts to the reference shares (scipy `chisquare`
/// with `f_exp = reference_count · n_current / n_reference`; Evidently's `chisquare`).
///
/// A category seen only in the current sample has no expected count: the statistic is infinite
/// and the p-value 0 (drift). One category in all gives statistic 0 and p-value 1.
///
/// ```
/// let labels = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// let (a, b) = (labels(&["x", "x", "y", "y"]), labels(&["x", "y", "y", "y"]));
/// let result = edgekit::drift::chisquare(a.as_slice(), b.as_slice(), 0.05)?;
/// assert!((result.statistic - 1.0).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn chisquare<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    goodness_of_fit(
        "chisquare",
        reference.into(),
        current.into(),
        threshold,
        chisquare_term,
    )
}

/// G-test: `2 Σ obs ln(obs / exp)` against the reference shares, chi-square with k − 1 degrees
/// of freedom (scipy `power_divergence(lambda_="log-likelihood")`). Evidently passes unscaled
/// reference counts, which scipy refuses unless both samples have the same size; the expected
/// counts here are scaled as in [`chisquare`].
///
/// ```
/// let result = edgekit::drift::g_test(&[1.0, 1.0, 2.0, 2.0], &[1.0, 1.0, 2.0, 2.0], 0.1)?;
/// assert_eq!(result.statistic, 0.0);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn g_test<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    goodness_of_fit(
        "g_test",
        reference.into(),
        current.into(),
        threshold,
        g_term,
    )
}

fn goodness_of_fit(
    test: &str,
    reference: Sample<'_>,
    current: Sample<'_>,
    threshold: f64,
    term: impl Fn(f64, f64) -> f64,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(threshold)?;
    let counts = CategoryCounts::count(reference, current)?;
    Ok(goodness_of_fit_counts(test, &counts, threshold, term))
}

pub(crate) fn chisquare_term(o: f64, e: f64) -> f64 {
    (o - e).powi(2) / e
}

pub(crate) fn g_term(o: f64, e: f64) -> f64 {
    if o == 0.0 {
        0.0
    } else {
        2.0 * o * (o / e).ln()
    }
}

pub(crate) fn goodness_of_fit_counts(
    test: &str,
    counts: &CategoryCounts,
    threshold: f64,
    term: impl Fn(f64, f64) -> f64,
) -> DriftResult {
    let (nr, nc) = counts.totals();
    let scale = nc as f64 / nr as f64;
    let mut statistic = 0.0;
    for (&r, &c) in counts.reference.iter().zip(&counts.current) {
        let expected = r as f64 * scale;
        statistic += if expected == 0.0 {
            f64::INFINITY
        } else {
            term(c as f64, expected)
        };
    }
    let df = counts.labels.len() as f64 - 1.0;
    let pvalue = if df == 0.0 {
        statistic = 0.0;
        1.0
    } else if statistic.is_infinite() {
        0.0
    } else {
        chi2_sf(statistic, df)
    };
    DriftResult::from_pvalue(test, statistic, pvalue, threshold)
}

/// Pooled two-proportion z test of the share of the first (smallest) category, reference
/// minus current (Evidently's `z`); both samples one and the same category gives p-value 1.
///
/// ```
/// let result = edgekit::drift::z_test(&[0.0, 0.0, 1.0, 1.0], &[0.0, 1.0, 1.0, 1.0], 0.05)?;
/// assert!((result.pvalue.unwrap() - 0.4652088184521418).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn z_test<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(threshold)?;
    let counts = CategoryCounts::count(reference.into(), current.into())?;
    Ok(z_counts(&counts, threshold))
}

pub(crate) fn z_counts(counts: &CategoryCounts, threshold: f64) -> DriftResult {
    if counts.labels.len() == 1 {
        return DriftResult::from_pvalue("z", 0.0, 1.0, threshold);
    }
    let (nr, nc) = counts.totals();
    let (nr, nc) = (nr as f64, nc as f64);
    // Evidently codes the first category 0 and the rest 1, so p is the share of the rest.
    let p1 = (nr - counts.reference[0] as f64) / nr;
    let p2 = (nc - counts.current[0] as f64) / nc;
    let pooled = (p1 * nr + p2 * nc) / (nr + nc);
    let z = (p1 - p2) / (pooled * (1.0 - pooled) * (1.0 / nr + 1.0 / nc)).sqrt();
    DriftResult::from_pvalue("z", z, 2.0 * norm_sf(z.abs()), threshold)
}

/// Fisher's exact test on the 2×2 table of two categories (scipy `fisher_exact`, two-sided;
/// Evidently's `fisher_exact`, without its equal-sample-size requirement). The statistic is the
/// odds ratio `(cur₁ · ref₀) / (cur₀ · ref₁)` for the larger category `1`.
///
/// ```
/// let result = edgekit::drift::fisher_exact(&[0.0, 0.0, 0.0, 1.0], &[1.0, 1.0, 1.0, 0.0], 0.1)?;
/// assert!((result.pvalue.unwrap() - 0.48571428571428565).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn fisher_exact<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(threshold)?;
    let counts = CategoryCounts::count(reference.into(), current.into())?;
    fisher_counts(&counts, threshold)
}

pub(crate) fn fisher_counts(
    counts: &CategoryCounts,
    threshold: f64,
) -> Result<DriftResult, DriftError> {
    if counts.labels.len() > 2 {
        return Err(DriftError::Undefined(format!(
            "fisher_exact needs at most two categories, found {}",
            counts.labels.len()
        )));
    }
    let (nr, nc) = counts.totals();
    let (ones_ref, ones_cur) = if counts.labels.len() == 2 {
        (counts.reference[1], counts.current[1])
    } else {
        (0, 0)
    };
    let options = TwoProportionsOptions {
        method: ProportionTest::Fisher,
        ..TwoProportionsOptions::default()
    };
    let result = abtest::two_proportions(
        ones_ref as i64,
        nr as i64,
        ones_cur as i64,
        nc as i64,
        &options,
    )
    .map_err(|e| DriftError::Undefined(e.to_string()))?;
    Ok(DriftResult::from_pvalue(
        "fisher_exact",
        result.statistic,
        result.pvalue,
        threshold,
    ))
}

/// Total variation distance `½ Σ |r − c|` of the category shares, with a two-sided permutation
/// p-value: the share of `permutations` seeded relabellings of the pooled sample whose distance
/// reaches the observed one (Evidently's `TVD` test, 1,000 permutations).
///
/// ```
/// let result = edgekit::drift::tvd(&[0.0, 0.0, 1.0, 1.0], &[0.0, 1.0, 1.0, 1.0], 0.05, 1000, 7)?;
/// assert!((result.statistic - 0.25).abs() < 1e-12);
/// assert!(result.pvalue.unwrap() > 0.5);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn tvd<'a>(
    reference: impl Into<Sample<'a>>,
    current: impl Into<Sample<'a>>,
    threshold: f64,
    permutations: usize,
    seed: u64,
) -> Result<DriftResult, DriftError> {
    check_pvalue_threshold(threshold)?;
    let permutations = check_count("permutations", permutations, 1, MAX_RESAMPLES)?;
    let counts = CategoryCounts::count(reference.into(), current.into())?;
    let (nr, nc) = counts.totals();
    check_work(
        "permutations",
        permutations,
        (nr + nc) as usize,
        MAX_RESAMPLE_WORK,
    )?;
    Ok(tvd_counts(&counts, threshold, permutations, seed))
}

pub(crate) fn tvd_counts(
    counts: &CategoryCounts,
    threshold: f64,
    permutations: usize,
    seed: u64,
) -> DriftResult {
    let (nr, nc) = counts.totals();
    let distance = |r: &[u64], c: &[u64]| -> f64 {
        0.5 * r
            .iter()
            .zip(c)
            .map(|(&r, &c)| (r as f64 / nr as f64 - c as f64 / nc as f64).abs())
            .sum::<f64>()
    };
    let observed = distance(&counts.reference, &counts.current);
    // The pooled sample as category codes; each permutation deals the first nr to the reference.
    let mut pooled: Vec<u32> = Vec::with_capacity((nr + nc) as usize);
    for (k, (&r, &c)) in counts.reference.iter().zip(&counts.current).enumerate() {
        pooled.extend(std::iter::repeat_n(k as u32, (r + c) as usize));
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let k = counts.labels.len();
    let (mut r, mut c) = (vec![0u64; k], vec![0u64; k]);
    let mut reached = 0usize;
    for _ in 0..permutations {
        // Partial Fisher-Yates: only the reference's share needs drawing.
        for i in 0..nr as usize {
            let j = rng.usize(i..pooled.len());
            pooled.swap(i, j);
        }
        r.iter_mut().for_each(|v| *v = 0);
        pooled[..nr as usize]
            .iter()
            .for_each(|&code| r[code as usize] += 1);
        for (cv, (&rv, (&ar, &ac))) in c
            .iter_mut()
            .zip(r.iter().zip(counts.reference.iter().zip(&counts.current)))
        {
            *cv = ar + ac - rv;
        }
        if observed <= distance(&r, &c) {
            reached += 1;
        }
    }
    let pvalue = reached as f64 / permutations as f64;
    DriftResult::from_pvalue("tvd", observed, pvalue, threshold)
}
