//! Column-by-column drift report between a reference (raw columns or a fitted [`Profile`]) and
//! current data, choosing each column's test as Evidently does by default.
//!
//! Evidently's defaults: with at most 1,000 reference values, KS for numerical columns with
//! more than 5 distinct values (pooled), else chi-square (more than 2) or the z test; with more
//! reference values, normed Wasserstein (numerical, more than 5 distinct) or Jensen-Shannon.
//! NaN and ±∞ are missing values, dropped before testing as Evidently drops them, and reported
//! as a signal of their own; so are current categories the reference never had.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::DriftError;
use super::binned::{Binning, divergence, hellinger_counts};
use super::categorical::{
    chisquare_term, fisher_counts, g_term, goodness_of_fit_counts, tvd_counts, z_counts,
};
use super::profile::{Column, ColumnKind, ColumnProfile, NumericSummary, Profile, check_names};
use super::result::DriftResult;
use super::weighted;
use crate::abtest::{self, Correction, GroupSummary, MeansOptions};
use crate::stats::dist::norm_sf;

/// The reference of a report.
#[derive(Debug, Clone, Copy)]
pub enum Reference<'a> {
    /// Raw columns.
    Columns(&'a [Column<'a>]),
    /// A fitted profile.
    Profile(&'a Profile),
}

/// What a report does with a column present in one sample only (a renamed column, a new
/// feature): such a column cannot be tested, and skipping it silently would hide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Unmatched {
    /// Refuse the report, naming the columns (the default).
    #[default]
    Error,
    /// Report them in `reference_only` / `current_only` and test the others.
    Report,
}

/// Options of [`report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportOptions {
    /// Test per column name (Evidently's names: "ks", "wasserstein", "psi", ...).
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub tests: HashMap<String, String>,
    /// Test for every numerical column without its own.
    pub numerical_test: Option<String>,
    /// Test for every categorical column without its own.
    pub categorical_test: Option<String>,
    /// Threshold per column name.
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub thresholds: HashMap<String, f64>,
    /// Threshold for every column without its own (default: the test's own).
    pub threshold: Option<f64>,
    /// Correction of the p-values across columns ("bonferroni", "holm", "bh", ...).
    pub correction: Option<String>,
    /// Dataset drift when at least this share of columns drifts (default 0.5).
    pub drift_share: f64,
    /// Significance of the two-proportion z test on the missing-value rates (default 0.05).
    pub missing_threshold: f64,
    /// Unseen categories drift when their share of current rows exceeds this (default 0).
    pub unseen_threshold: f64,
    /// Columns to test (default: every column in both samples).
    pub columns: Option<Vec<String>>,
    /// A column in one sample only: an error naming it (default), or reported in the
    /// report's `reference_only` / `current_only` — never skipped silently.
    pub unmatched: Unmatched,
    /// Seed of randomized tests (TVD permutations).
    pub seed: u64,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            tests: HashMap::new(),
            numerical_test: None,
            categorical_test: None,
            thresholds: HashMap::new(),
            threshold: None,
            correction: None,
            drift_share: 0.5,
            missing_threshold: 0.05,
            unseen_threshold: 0.0,
            columns: None,
            unmatched: Unmatched::Error,
            seed: 0,
        }
    }
}

/// One column's row of a [`DriftReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ColumnDrift {
    /// The column.
    pub column: String,
    /// Numerical or categorical.
    pub kind: ColumnKind,
    /// The test run (Evidently's name).
    pub test: String,
    /// Its statistic or distance.
    pub statistic: f64,
    /// Its p-value (hypothesis tests).
    pub pvalue: Option<f64>,
    /// The p-value after the cross-column correction, when one is asked for.
    pub adjusted_pvalue: Option<f64>,
    /// The threshold in force.
    pub threshold: f64,
    /// Whether the test declares drift.
    pub drifted: bool,
    /// Share of missing values in the reference.
    pub reference_missing: f64,
    /// Share of missing values in the current data.
    pub current_missing: f64,
    /// Whether the missing-value rate moved (two-proportion z test).
    pub missing_drifted: bool,
    /// Current categories absent from the reference (categorical columns).
    pub unseen_categories: Vec<String>,
    /// Share of current values in unseen categories.
    pub unseen_share: f64,
    /// Whether unseen categories exceed `unseen_threshold`.
    pub unseen_drifted: bool,
    /// Why the column could not be tested (then `drifted` is false and the statistic NaN-free 0).
    pub error: Option<String>,
}

/// The result of [`report`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct DriftReport {
    /// One row per tested column.
    pub columns: Vec<ColumnDrift>,
    /// Number of columns whose test declares drift.
    pub drifted_columns: usize,
    /// `drifted_columns` over the number of tested columns.
    pub share_drifted: f64,
    /// Whether `share_drifted ≥ drift_share`.
    pub dataset_drift: bool,
    /// The share threshold in force.
    pub drift_share: f64,
    /// Columns of the reference only (with `unmatched = report`), untested.
    pub reference_only: Vec<String>,
    /// Columns of the current sample only (with `unmatched = report`), untested.
    pub current_only: Vec<String>,
}

/// Evidently's default threshold of a test.
fn default_threshold(test: &str) -> f64 {
    match test {
        "ks" | "chisquare" | "z" | "t_test" | "mannw" | "es" => 0.05,
        _ => 0.1,
    }
}

const TESTS: &str = "\"ks\", \"wasserstein\", \"psi\", \"kl_div\", \"jensenshannon\", \"hellinger\", \"chisquare\", \"z\", \"g_test\", \"fisher_exact\", \"TVD\", \"t_test\", \"mannw\", \"anderson\", \"cramer_von_mises\", \"es\", \"ed\" or \"empirical_mmd\"";

/// Accepts Evidently's test names and this crate's function names.
fn canonical(test: &str) -> Result<&'static str, DriftError> {
    Ok(match test {
        "ks" | "ks_2samp" => "ks",
        "wasserstein" => "wasserstein",
        "psi" => "psi",
        "kl_div" | "kl_divergence" => "kl_div",
        "jensenshannon" | "jensen_shannon" => "jensenshannon",
        "hellinger" => "hellinger",
        "chisquare" => "chisquare",
        "z" | "z_test" => "z",
        "g_test" => "g_test",
        "fisher_exact" => "fisher_exact",
        "TVD" | "tvd" => "TVD",
        "t_test" => "t_test",
        "mannw" | "mann_whitney" => "mannw",
        "anderson" | "anderson_darling" => "anderson",
        "cramer_von_mises" => "cramer_von_mises",
        "es" | "epps_singleton" => "es",
        "ed" | "energy_distance" => "ed",
        "empirical_mmd" | "mmd" => "empirical_mmd",
        other => {
            return Err(DriftError::UnknownOption {
                argument: "test",
                value: other.to_string(),
                expected: TESTS,
            });
        }
    })
}

/// Evidently's default test for a column.
fn default_test(
    kind: ColumnKind,
    reference: &ColumnProfile,
    pooled_distinct: usize,
) -> &'static str {
    let reference_values = reference.rows - reference.missing;
    match (reference_values <= 1000, kind) {
        (true, ColumnKind::Numerical) if pooled_distinct > 5 => "ks",
        (true, _) => {
            if pooled_distinct > 2 {
                "chisquare"
            } else {
                "z"
            }
        }
        (false, ColumnKind::Numerical) if pooled_distinct > 5 => "wasserstein",
        (false, _) => "jensenshannon",
    }
}

fn pooled_distinct(a: &ColumnProfile, b: &ColumnProfile) -> usize {
    match (&a.numeric, &b.numeric) {
        (Some(x), Some(y)) if x.is_exact() && y.is_exact() => weighted::distinct_union(x, y),
        (Some(_), Some(_)) => usize::MAX,
        _ => weighted::column_categories(a, b)
            .map(|c| c.labels.len())
            .unwrap_or(usize::MAX),
    }
}

/// Runs one test on a column pair.
fn run_test(
    test: &str,
    kind: ColumnKind,
    a: &ColumnProfile,
    b: &ColumnProfile,
    threshold: f64,
    seed: u64,
) -> Result<DriftResult, DriftError> {
    let numeric = match (&a.numeric, &b.numeric) {
        (Some(x), Some(y)) => Some((x, y)),
        _ => None,
    };
    let categories = || weighted::column_categories(a, b);
    let raw = |x: &NumericSummary,
               y: &NumericSummary|
     -> Result<(Vec<f64>, Vec<f64>), DriftError> {
        match (weighted::expand(x), weighted::expand(y)) {
            (Some(rx), Some(ry)) => Ok((rx, ry)),
            _ => Err(DriftError::Undefined(format!(
                "the {test} test needs raw values; this reference profile is sampled or holds more than {} values",
                weighted::EXPAND_LIMIT
            ))),
        }
    };
    let need_numbers = || {
        DriftError::Undefined(format!(
            "the {test} test needs numbers, the column holds labels"
        ))
    };
    match test {
        "ks" => numeric
            .map(|(x, y)| weighted::ks(x, y, threshold))
            .ok_or_else(need_numbers),
        "wasserstein" => numeric
            .map(|(x, y)| weighted::wasserstein(x, y, threshold))
            .ok_or_else(need_numbers),
        "psi" | "kl_div" | "jensenshannon" => {
            let (r, c) = match (kind, numeric) {
                (ColumnKind::Numerical, Some((x, y))) => {
                    weighted::numeric_shares(x, y, Binning::Sturges)?
                }
                _ => super::binned::count_shares(&categories()?),
            };
            Ok(divergence(test, r, c, threshold))
        }
        "hellinger" => match (kind, numeric) {
            (ColumnKind::Numerical, Some((x, y))) => {
                let (rx, ry) = raw(x, y)?;
                super::binned::hellinger(rx.as_slice(), ry.as_slice(), threshold)
            }
            _ => Ok(hellinger_counts(&categories()?, threshold)),
        },
        "chisquare" => Ok(goodness_of_fit_counts(
            "chisquare",
            &categories()?,
            threshold,
            chisquare_term,
        )),
        "g_test" => Ok(goodness_of_fit_counts(
            "g_test",
            &categories()?,
            threshold,
            g_term,
        )),
        "z" => Ok(z_counts(&categories()?, threshold)),
        "fisher_exact" => fisher_counts(&categories()?, threshold),
        "TVD" => Ok(tvd_counts(&categories()?, threshold, 1000, seed)),
        "t_test" => {
            let (x, y) = numeric.ok_or_else(need_numbers)?;
            let summary = |s: &NumericSummary| GroupSummary {
                n: s.count as f64,
                mean: s.mean,
                variance: s.m2 / (s.count as f64 - 1.0),
            };
            if x.count < 2 || y.count < 2 {
                return Err(DriftError::TooFew {
                    argument: "values per sample",
                    needed: 2,
                    got: x.count.min(y.count) as usize,
                });
            }
            let options = MeansOptions {
                equal_var: true,
                ..MeansOptions::default()
            };
            let r = abtest::t_test(&summary(x), &summary(y), &options)
                .map_err(|e| DriftError::Undefined(e.to_string()))?;
            Ok(DriftResult::from_pvalue(
                "t_test",
                -r.statistic,
                r.pvalue,
                threshold,
            ))
        }
        "mannw" | "anderson" | "cramer_von_mises" | "es" | "ed" | "empirical_mmd" => {
            let (x, y) = numeric.ok_or_else(need_numbers)?;
            let (rx, ry) = raw(x, y)?;
            let mut result = match test {
                "mannw" => super::mann_whitney(
                    &rx,
                    &ry,
                    &super::MannWhitneyDriftOptions {
                        threshold,
                        ..Default::default()
                    },
                )?,
                "anderson" => super::anderson_darling(&rx, &ry, threshold)?,
                "cramer_von_mises" => super::cramer_von_mises(&rx, &ry, threshold)?,
                "es" => super::epps_singleton(&rx, &ry, threshold)?,
                "empirical_mmd" => super::mmd(
                    &rx,
                    &ry,
                    &super::MmdOptions {
                        threshold,
                        seed,
                        ..Default::default()
                    },
                )?,
                _ => super::energy_distance(&rx, &ry, threshold)?,
            };
            result.test = test.to_string();
            Ok(result)
        }
        _ => unreachable!("canonical names only"),
    }
}

fn missing_pvalue(a: &ColumnProfile, b: &ColumnProfile) -> f64 {
    let (ma, na, mb, nb) = (
        a.missing as f64,
        a.rows as f64,
        b.missing as f64,
        b.rows as f64,
    );
    let pooled = (ma + mb) / (na + nb);
    if pooled == 0.0 || pooled == 1.0 {
        return 1.0;
    }
    let z = (ma / na - mb / nb) / (pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb)).sqrt();
    2.0 * norm_sf(z.abs())
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Tests every column of `current` against the reference and summarises dataset drift.
///
/// ```
/// use edgekit::drift::{report, Column, ColumnValues, Reference, ReportOptions};
///
/// let old: Vec<f64> = (0..2000).map(|i| (i % 100) as f64).collect();
/// let new: Vec<f64> = (0..2000).map(|i| (i % 100) as f64 + 30.0).collect();
/// let reference = [Column { name: "x", values: ColumnValues::Numbers(&old), categorical: false }];
/// let current = [Column { name: "x", values: ColumnValues::Numbers(&new), categorical: false }];
/// let found = report(Reference::Columns(&reference), &current, &ReportOptions::default())?;
/// assert_eq!(found.columns[0].test, "wasserstein");
/// assert!(found.dataset_drift);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn report(
    reference: Reference<'_>,
    current: &[Column<'_>],
    options: &ReportOptions,
) -> Result<DriftReport, DriftError> {
    checked_correction(options)?;
    check_names(current.iter().map(|c| c.name))?;
    let fitted;
    let reference = match reference {
        Reference::Profile(profile) => profile,
        Reference::Columns(columns) => {
            fitted = Profile::fit(columns, Some(usize::MAX), 0)?;
            &fitted
        }
    };
    let wanted: Vec<Column<'_>> = current
        .iter()
        .filter(|c| {
            options
                .columns
                .as_ref()
                .is_none_or(|names| names.iter().any(|n| n == c.name))
        })
        .copied()
        .collect();
    let current = Profile::fit(&wanted, Some(usize::MAX), 0)?;
    report_profiles(reference, &current, options)
}

/// The options' correction, after checking the share and the test names.
fn checked_correction(options: &ReportOptions) -> Result<Option<Correction>, DriftError> {
    if !(options.drift_share > 0.0 && options.drift_share <= 1.0) {
        return Err(DriftError::OutOfRange {
            argument: "drift_share",
            value: options.drift_share,
            range: "(0, 1]",
        });
    }
    let correction = options
        .correction
        .as_deref()
        .map(|name| {
            name.parse::<Correction>()
                .map_err(|e| DriftError::Undefined(e.to_string()))
        })
        .transpose()?;
    for test in options
        .tests
        .values()
        .chain(&options.numerical_test)
        .chain(&options.categorical_test)
    {
        canonical(test)?;
    }
    Ok(correction)
}

/// [`report`] with the current sample as a profile too: what a distributed fit gives
/// (`edgekit.dask`), each side fitted where its rows live and merged. Equal to [`report`] on
/// the raw current columns when the current profile is exact (at most `capacity` distinct
/// values per numeric column); beyond, within the sampled profile's documented bound.
///
/// ```
/// use edgekit::drift::{report, report_profiles, Column, ColumnValues, Profile, Reference, ReportOptions};
///
/// let old: Vec<f64> = (0..2000).map(|i| (i % 100) as f64).collect();
/// let new: Vec<f64> = (0..2000).map(|i| (i % 100) as f64 + 30.0).collect();
/// let reference = [Column { name: "x", values: ColumnValues::Numbers(&old), categorical: false }];
/// let current = [Column { name: "x", values: ColumnValues::Numbers(&new), categorical: false }];
/// let (a, b) = (Profile::fit(&reference, None, 0)?, Profile::fit(&current, None, 0)?);
/// let options = ReportOptions::default();
/// assert_eq!(report_profiles(&a, &b, &options)?, report(Reference::Profile(&a), &current, &options)?);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn report_profiles(
    reference: &Profile,
    current: &Profile,
    options: &ReportOptions,
) -> Result<DriftReport, DriftError> {
    let correction = checked_correction(options)?;
    let wanted: Vec<&ColumnProfile> = current
        .columns
        .iter()
        .filter(|c| {
            options
                .columns
                .as_ref()
                .is_none_or(|names| names.contains(&c.name))
        })
        .collect();
    if let Some(names) = &options.columns {
        for name in names {
            if current.column(name).is_none() || reference.column(name).is_none() {
                return Err(DriftError::Undefined(format!(
                    "column {name:?} is not in both samples"
                )));
            }
        }
    }
    let (reference_only, current_only) = if options.columns.is_some() {
        (Vec::new(), Vec::new())
    } else {
        let reference_only: Vec<String> = reference
            .columns
            .iter()
            .filter(|r| current.column(&r.name).is_none())
            .map(|r| r.name.clone())
            .collect();
        let current_only: Vec<String> = current
            .columns
            .iter()
            .filter(|c| reference.column(&c.name).is_none())
            .map(|c| c.name.clone())
            .collect();
        (reference_only, current_only)
    };
    if options.unmatched == Unmatched::Error
        && !(reference_only.is_empty() && current_only.is_empty())
    {
        let list = |names: &[String]| {
            if names.is_empty() {
                "none".to_owned()
            } else {
                names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        return Err(DriftError::Undefined(format!(
            "columns in one sample only cannot be tested: reference only {}, current only {} \
             (rename them, choose `columns`, or set `unmatched` to \"report\")",
            list(&reference_only),
            list(&current_only)
        )));
    }
    let mut rows: Vec<ColumnDrift> = wanted
        .par_iter()
        .filter_map(|b| {
            let a = reference.column(&b.name)?;
            Some(column_row(a, b, options))
        })
        .collect::<Result<_, _>>()?;

    if let Some(method) = correction {
        let tested: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].pvalue.is_some() && rows[i].error.is_none())
            .collect();
        let pvalues: Vec<f64> = tested
            .iter()
            .map(|&i| rows[i].pvalue.unwrap_or(1.0))
            .collect();
        if !pvalues.is_empty() {
            let adjusted = abtest::adjust_pvalues(&pvalues, method)
                .map_err(|e| DriftError::Undefined(e.to_string()))?;
            for (&i, p) in tested.iter().zip(adjusted) {
                rows[i].adjusted_pvalue = Some(p);
                rows[i].drifted = p < rows[i].threshold;
            }
        }
    }
    let drifted_columns = rows.iter().filter(|r| r.drifted).count();
    let share_drifted = if rows.is_empty() {
        0.0
    } else {
        drifted_columns as f64 / rows.len() as f64
    };
    Ok(DriftReport {
        columns: rows,
        drifted_columns,
        share_drifted,
        dataset_drift: !wanted.is_empty() && share_drifted >= options.drift_share,
        drift_share: options.drift_share,
        reference_only,
        current_only,
    })
}

fn column_row(
    a: &ColumnProfile,
    b: &ColumnProfile,
    options: &ReportOptions,
) -> Result<ColumnDrift, DriftError> {
    let kind = a.kind();
    let mut row = ColumnDrift {
        column: b.name.clone(),
        kind,
        test: String::new(),
        statistic: 0.0,
        pvalue: None,
        adjusted_pvalue: None,
        threshold: 0.0,
        drifted: false,
        reference_missing: share(a.missing, a.rows),
        current_missing: share(b.missing, b.rows),
        missing_drifted: a.rows > 0
            && b.rows > 0
            && missing_pvalue(a, b) < options.missing_threshold,
        unseen_categories: Vec::new(),
        unseen_share: 0.0,
        unseen_drifted: false,
        error: None,
    };
    if kind == ColumnKind::Categorical
        && let Ok(counts) = weighted::column_categories(a, b)
    {
        let mut unseen = 0;
        for ((label, &r), &c) in counts
            .labels
            .iter()
            .zip(&counts.reference)
            .zip(&counts.current)
        {
            if r == 0 && c > 0 {
                row.unseen_categories.push(label.clone());
                unseen += c;
            }
        }
        row.unseen_share = share(unseen, b.rows - b.missing);
        row.unseen_drifted = row.unseen_share > options.unseen_threshold;
    }
    let requested = options.tests.get(&b.name).or(match kind {
        ColumnKind::Numerical => options.numerical_test.as_ref(),
        ColumnKind::Categorical => options.categorical_test.as_ref(),
    });
    let test = match requested {
        Some(name) => canonical(name)?,
        None => default_test(kind, a, pooled_distinct(a, b)),
    };
    row.test = test.to_string();
    row.threshold = options
        .thresholds
        .get(&b.name)
        .copied()
        .or(options.threshold)
        .unwrap_or_else(|| default_threshold(test));
    let empty = |p: &ColumnProfile| p.rows == p.missing;
    let outcome = if empty(a) || empty(b) {
        Err(DriftError::Undefined(
            "no non-missing values in one of the samples".into(),
        ))
    } else {
        run_test(test, kind, a, b, row.threshold, options.seed)
    };
    match outcome {
        Ok(result) => {
            row.statistic = result.statistic;
            row.pvalue = result.pvalue;
            row.drifted = result.drifted;
        }
        Err(e) => row.error = Some(e.to_string()),
    }
    Ok(row)
}
