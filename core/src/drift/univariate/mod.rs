//! Univariate drift per chunk (NannyML 0.13's `UnivariateDriftCalculator`): every column of
//! the reference fitted once per method (Jensen-Shannon, Kolmogorov-Smirnov, Wasserstein,
//! Hellinger for continuous columns; Jensen-Shannon, chi-squared, L-infinity, Hellinger for
//! categorical ones), then each chunk's distance to the reference, with thresholds from the
//! reference chunks' distances and an alert.
//!
//! Unlike NannyML, Kolmogorov-Smirnov and Wasserstein are always exact: NannyML switches to
//! 10,000-bin approximations for references of 10,000 rows or more.

mod methods;
mod reference;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use methods::UnivariateMethod;
use reference::{ChunkValues, Reference, is_categorical, present};

use crate::drift::chunked::{
    BeyondLimit, CalendarPeriod, ChunkInfo, ChunkPlan, ChunkThreshold, Chunking, DataPeriod,
    Incomplete, Severity, WarningBounds, performance_alerts, severity, split_chunks,
    warning_bounds,
};
use crate::drift::{Column, ColumnValues, DriftError};

fn default_methods() -> Vec<UnivariateMethod> {
    vec![UnivariateMethod::JensenShannon]
}

/// NannyML's default threshold for every method: the reference chunks' mean + 3 standard
/// deviations, no lower threshold.
pub fn default_univariate_threshold() -> ChunkThreshold {
    ChunkThreshold::StandardDeviation {
        std_lower_multiplier: None,
        std_upper_multiplier: Some(3.0),
    }
}

/// Options of [`UnivariateDrift::fit`], named as NannyML names them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UnivariateOptions {
    /// Methods for continuous columns (default `["jensen_shannon"]`).
    #[serde(default = "default_methods")]
    pub continuous_methods: Vec<UnivariateMethod>,
    /// Methods for categorical columns (default `["jensen_shannon"]`).
    #[serde(default = "default_methods")]
    pub categorical_methods: Vec<UnivariateMethod>,
    /// Rows per chunk.
    pub chunk_size: Option<u64>,
    /// Number of chunks.
    pub chunk_number: Option<u64>,
    /// Calendar period per chunk (needs timestamps).
    pub chunk_period: Option<CalendarPeriod>,
    /// The rows left after the last full chunk.
    pub incomplete: Incomplete,
    /// Thresholds by method name (default: reference mean + 3 standard deviations, no lower).
    pub thresholds: HashMap<UnivariateMethod, ChunkThreshold>,
    /// Warning thresholds by method name (none by default): a second band, set from the
    /// reference chunks as `thresholds` are, whose crossing gives `severity: "warning"`.
    pub warning_thresholds: HashMap<UnivariateMethod, ChunkThreshold>,
}

impl Default for UnivariateOptions {
    fn default() -> Self {
        UnivariateOptions {
            continuous_methods: default_methods(),
            categorical_methods: default_methods(),
            chunk_size: None,
            chunk_number: None,
            chunk_period: None,
            incomplete: Incomplete::Keep,
            thresholds: HashMap::new(),
            warning_thresholds: HashMap::new(),
        }
    }
}

impl UnivariateOptions {
    /// Checks the options (each method fits its kind of column, thresholds valid, at most one
    /// chunking) before any data is read; returns the chunking.
    pub fn check(&self) -> Result<Chunking, DriftError> {
        for (methods, continuous) in [
            (&self.continuous_methods, true),
            (&self.categorical_methods, false),
        ] {
            let kind = if continuous {
                "continuous_methods"
            } else {
                "categorical_methods"
            };
            if methods.is_empty() {
                return Err(DriftError::Undefined(format!(
                    "{kind} is empty; name at least one method"
                )));
            }
            if let Some(m) = methods.iter().find(|m| {
                if continuous {
                    !m.continuous()
                } else {
                    !m.categorical()
                }
            }) {
                return Err(DriftError::Undefined(format!(
                    "{kind}: {} does not apply to {} columns",
                    m.name(),
                    if continuous {
                        "continuous"
                    } else {
                        "categorical"
                    }
                )));
            }
        }
        for threshold in self
            .thresholds
            .values()
            .chain(self.warning_thresholds.values())
        {
            threshold.validate()?;
        }
        Chunking::from_arguments(
            self.chunk_size,
            self.chunk_number,
            self.chunk_period,
            self.incomplete,
        )
    }
}

/// One method on one column in one chunk (NannyML's `(column, method)` column group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct UnivariateCell {
    /// The column.
    pub column: String,
    /// The method.
    pub method: UnivariateMethod,
    /// The distance (chi2: the statistic); `None` where the chunk has no values.
    pub value: Option<f64>,
    /// Upper alert threshold.
    pub upper_threshold: Option<f64>,
    /// Lower alert threshold.
    pub lower_threshold: Option<f64>,
    /// The value lies outside the thresholds (chi2: its p-value is below 0.05).
    pub alert: bool,
    /// Lower bound of the warning band (`None`: open, or no warning thresholds set).
    #[serde(default)]
    pub warning_lower_threshold: Option<f64>,
    /// Upper bound of the warning band.
    #[serde(default)]
    pub warning_upper_threshold: Option<f64>,
    /// `critical` where the cell alerts, `warning` where it leaves only the warning band.
    #[serde(default)]
    pub severity: Option<Severity>,
}

/// One chunk of a [`UnivariateDrift`] result: the chunk, then a cell per column and method
/// (continuous columns first, each in the order given, methods in the order asked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct UnivariateRow {
    /// The chunk.
    pub chunk: ChunkInfo,
    /// One cell per column and method.
    pub cells: Vec<UnivariateCell>,
}

/// A fitted univariate drift calculator: serializable, immutable, shared freely between
/// threads.
///
/// ```
/// use edgekit::drift::{Column, ColumnValues, UnivariateDrift, UnivariateOptions};
///
/// let reference: Vec<f64> = (0..1000).map(|i| (i % 37) as f64).collect();
/// let shifted: Vec<f64> = reference.iter().map(|v| v + 10.0).collect();
/// let column = |values| vec![Column { name: "x", values: ColumnValues::Numbers(values), categorical: false }];
/// let options = UnivariateOptions { chunk_size: Some(250), ..Default::default() };
/// let fitted = UnivariateDrift::fit(&column(&reference), None, &options)?;
/// let rows = fitted.calculate(&column(&shifted), None)?;
/// assert!(!rows[0].cells[0].alert && rows[4].cells[0].alert);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnivariateDrift {
    columns: Vec<(String, bool)>,
    methods: Vec<Vec<UnivariateMethod>>,
    references: Vec<Reference>,
    thresholds: Vec<Vec<(Option<f64>, Option<f64>)>>,
    #[serde(default)]
    warnings: Vec<Vec<WarningBounds>>,
    chunking: Chunking,
    reference_rows: Vec<UnivariateRow>,
}

impl UnivariateDrift {
    /// Fits on the reference columns (continuous ones are numbers not marked categorical; NaN
    /// and missing labels are left out), with their timestamps if the chunking needs them.
    pub fn fit(
        columns: &[Column<'_>],
        timestamps: Option<&[i64]>,
        options: &UnivariateOptions,
    ) -> Result<Self, DriftError> {
        let chunking = options.check()?;
        let rows = rows_of(&columns.iter().collect::<Vec<_>>())?;
        // Continuous columns first, then categorical ones, each in the order given.
        let mut order: Vec<usize> = (0..columns.len()).collect();
        order.sort_by_key(|&j| is_categorical(&columns[j]));
        let columns: Vec<&Column<'_>> = order.iter().map(|&j| &columns[j]).collect();
        let methods: Vec<Vec<UnivariateMethod>> = columns
            .iter()
            .map(|c| {
                if is_categorical(c) {
                    options.categorical_methods.clone()
                } else {
                    options.continuous_methods.clone()
                }
            })
            .collect();
        let references = columns
            .par_iter()
            .zip(&methods)
            .map(|(c, m)| Reference::fit(present(c, 0..rows), m))
            .collect::<Result<Vec<_>, _>>()?;
        let mut fitted = UnivariateDrift {
            columns: columns
                .iter()
                .map(|c| (c.name.to_owned(), is_categorical(c)))
                .collect(),
            methods,
            references,
            thresholds: Vec::new(),
            warnings: Vec::new(),
            chunking,
            reference_rows: Vec::new(),
        };
        let plan = split_chunks(rows, timestamps, chunking)?;
        let values = fitted.values(&columns, &plan);
        fitted.thresholds = fitted
            .methods
            .iter()
            .enumerate()
            .map(|(j, methods)| {
                methods
                    .iter()
                    .enumerate()
                    .map(|(k, &method)| {
                        if method == UnivariateMethod::Chi2 {
                            return Ok((None, None)); // chi2 alerts on its p-value
                        }
                        let threshold = options
                            .thresholds
                            .get(&method)
                            .copied()
                            .unwrap_or_else(default_univariate_threshold);
                        let reference: Vec<Option<f64>> =
                            values.iter().map(|chunk| chunk[j][k].0).collect();
                        threshold.bounds_beyond(&reference, method.limits(), BeyondLimit::Clamp)
                    })
                    .collect::<Result<Vec<_>, DriftError>>()
            })
            .collect::<Result<Vec<_>, DriftError>>()?;
        fitted.warnings = fitted
            .methods
            .iter()
            .enumerate()
            .map(|(j, methods)| {
                methods
                    .iter()
                    .enumerate()
                    .map(|(k, &method)| {
                        let reference: Vec<Option<f64>> =
                            values.iter().map(|chunk| chunk[j][k].0).collect();
                        let asked = options.warning_thresholds.get(&method);
                        // chi2 alerts on its p-value: no band of its statistic warns.
                        let asked = asked.filter(|_| method != UnivariateMethod::Chi2);
                        warning_bounds(asked, &reference, method.limits())
                    })
                    .collect::<Result<Vec<_>, DriftError>>()
            })
            .collect::<Result<Vec<_>, DriftError>>()?;
        fitted.reference_rows = fitted.rows(&plan, values, DataPeriod::Reference);
        Ok(fitted)
    }

    /// The reference chunks followed by the chunks of `data` (the fitted columns, by name).
    pub fn calculate(
        &self,
        data: &[Column<'_>],
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<UnivariateRow>, DriftError> {
        let columns = self.bind(data)?;
        let rows = rows_of(&columns)?;
        let plan = split_chunks(rows, timestamps, self.chunking)?;
        let values = self.values(&columns, &plan);
        let mut out = self.reference_rows.clone();
        out.extend(self.rows(&plan, values, DataPeriod::Analysis));
        Ok(out)
    }

    /// The fitted columns found in `data` by name, each of the kind it had in the reference.
    pub(crate) fn bind<'d, 'a>(
        &self,
        data: &'d [Column<'a>],
    ) -> Result<Vec<&'d Column<'a>>, DriftError> {
        self.columns
            .iter()
            .map(|(name, categorical)| {
                let column = data.iter().find(|c| c.name == name).ok_or_else(|| {
                    DriftError::Undefined(format!("the data has no column {name:?}"))
                })?;
                if is_categorical(column) != *categorical {
                    return Err(DriftError::Undefined(format!(
                        "column {name:?} was {} in the reference",
                        if *categorical {
                            "categorical"
                        } else {
                            "continuous"
                        }
                    )));
                }
                Ok(column)
            })
            .collect::<Result<Vec<_>, DriftError>>()
    }

    /// The reference chunks' rows.
    pub(crate) fn reference_rows(&self) -> &[UnivariateRow] {
        &self.reference_rows
    }

    pub(crate) fn chunking(&self) -> Chunking {
        self.chunking
    }

    /// The columns, in result order, with whether each is categorical.
    pub fn columns(&self) -> &[(String, bool)] {
        &self.columns
    }

    /// A saved calculator, checked for consistency before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let fitted: Self = serde_json::from_str(text).map_err(|e| {
            DriftError::Undefined(format!("not a saved univariate drift calculator: {e}"))
        })?;
        let n = fitted.columns.len();
        let consistent = n > 0
            && fitted.methods.len() == n
            && fitted.references.len() == n
            && fitted.thresholds.len() == n
            && fitted
                .thresholds
                .iter()
                .zip(&fitted.methods)
                .all(|(t, m)| t.len() == m.len())
            && fitted.references.iter().all(|r| match r {
                Reference::Continuous { edges, shares, .. } => {
                    edges.len() >= 2 && shares.len() + 1 == edges.len()
                }
                Reference::Categorical { categories, counts } => {
                    !categories.is_empty() && categories.len() == counts.len()
                }
            });
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved univariate drift calculator: its parts do not fit together".into(),
            ));
        }
        Ok(fitted)
    }

    /// The calculator as JSON, for [`UnivariateDrift::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    /// Each chunk's (value, p-value alert) per column and method.
    fn values(&self, columns: &[&Column<'_>], plan: &ChunkPlan) -> ChunkValues {
        plan.chunks
            .par_iter()
            .map(|chunk| {
                columns
                    .iter()
                    .zip(&self.references)
                    .zip(&self.methods)
                    .map(|((column, reference), methods)| {
                        let mut values = present(column, chunk.rows().map(|p| plan.row(p)));
                        // Sorted once here for every method (the exact statistics need it; the
                        // binned ones ignore order).
                        if let reference::Present::Numbers(x) = &mut values {
                            x.sort_by(f64::total_cmp);
                        }
                        methods
                            .iter()
                            .map(|&m| reference.measure(m, &values))
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    fn rows(
        &self,
        plan: &ChunkPlan,
        values: ChunkValues,
        period: DataPeriod,
    ) -> Vec<UnivariateRow> {
        plan.chunks
            .iter()
            .zip(values)
            .map(|(chunk, per_column)| {
                let mut cells = Vec::new();
                for (j, measured) in per_column.into_iter().enumerate() {
                    for (k, (value, p_alert)) in measured.into_iter().enumerate() {
                        let method = self.methods[j][k];
                        let (lower, upper) = self.thresholds[j][k];
                        let alert = if method == UnivariateMethod::Chi2 {
                            p_alert
                        } else {
                            performance_alerts(value, lower, upper)
                        };
                        let warning = self
                            .warnings
                            .get(j)
                            .and_then(|w| w.get(k))
                            .copied()
                            .flatten();
                        cells.push(UnivariateCell {
                            column: self.columns[j].0.clone(),
                            method,
                            value,
                            upper_threshold: upper,
                            lower_threshold: lower,
                            alert,
                            warning_lower_threshold: warning.and_then(|w| w.0),
                            warning_upper_threshold: warning.and_then(|w| w.1),
                            severity: severity(alert, value, warning),
                        });
                    }
                }
                UnivariateRow {
                    chunk: ChunkInfo::new(chunk, period),
                    cells,
                }
            })
            .collect()
    }
}

/// The common length of the columns.
fn rows_of(columns: &[&Column<'_>]) -> Result<usize, DriftError> {
    let first = columns.first().ok_or(DriftError::Empty {
        argument: "columns",
    })?;
    let len = |c: &Column<'_>| match c.values {
        ColumnValues::Numbers(x) => x.len(),
        ColumnValues::Labels(l) => l.len(),
    };
    let n = len(first);
    if let Some(c) = columns.iter().find(|c| len(c) != n) {
        return Err(DriftError::LengthMismatch {
            first: "column",
            first_len: len(c),
            second: "the first column",
            second_len: n,
        });
    }
    if n == 0 {
        return Err(DriftError::Empty {
            argument: "columns",
        });
    }
    Ok(n)
}
