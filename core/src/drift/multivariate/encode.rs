//! NannyML's preprocessing for multivariate drift, fitted on the reference: missing values
//! imputed (continuous columns by their mean or median, categorical ones by their most
//! frequent category), categories replaced by their share of the reference rows (a
//! normalized count encoding; unseen categories become 0), then every column standardized.

use std::collections::HashMap;

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::drift::{Column, ColumnValues, DriftError};

/// How missing values of continuous columns are filled (scikit-learn's `SimpleImputer`
/// strategies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ContinuousImputer {
    /// The reference mean (NannyML's default).
    #[default]
    Mean,
    /// The reference median.
    Median,
    /// The most frequent reference value (the smallest of ties).
    MostFrequent,
}

/// A fitted column: how its values become one number before standardization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum ColumnEncoder {
    Continuous {
        name: String,
        fill: f64,
    },
    Categorical {
        name: String,
        /// Share of the imputed reference rows per category.
        shares: HashMap<String, f64>,
        /// The most frequent reference category, which missing values take.
        fill: String,
    },
}

/// The fitted preprocessing of a multivariate drift calculator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Encoder {
    pub columns: Vec<ColumnEncoder>,
    pub means: Vec<f64>,
    pub scales: Vec<f64>,
}

/// A category's key: the label, or the number as Rust prints it (stable between fit and use).
fn category(values: &ColumnValues<'_>, row: usize) -> Option<String> {
    match values {
        ColumnValues::Labels(labels) => labels[row].clone(),
        ColumnValues::Numbers(x) => x[row].is_finite().then(|| format!("{}", x[row])),
    }
}

fn is_categorical(column: &Column<'_>) -> bool {
    column.categorical || matches!(column.values, ColumnValues::Labels(_))
}

fn column_len(column: &Column<'_>) -> usize {
    match column.values {
        ColumnValues::Numbers(x) => x.len(),
        ColumnValues::Labels(l) => l.len(),
    }
}

/// The row count shared by all `columns`.
pub(crate) fn rows(columns: &[Column<'_>], argument: &'static str) -> Result<usize, DriftError> {
    let Some(first) = columns.first() else {
        return Err(DriftError::Empty { argument });
    };
    let n = column_len(first);
    for c in columns {
        if column_len(c) != n {
            return Err(DriftError::Undefined(format!(
                "{argument}: column {:?} has {} rows but {:?} has {n}",
                c.name,
                column_len(c),
                first.name
            )));
        }
    }
    if n == 0 {
        return Err(DriftError::Empty { argument });
    }
    Ok(n)
}

fn fit_column(
    column: &Column<'_>,
    rows: usize,
    imputer: ContinuousImputer,
) -> Result<ColumnEncoder, DriftError> {
    let no_values = || {
        DriftError::Undefined(format!(
            "reference column {:?} has no values to fit on",
            column.name
        ))
    };
    if !is_categorical(column) {
        let ColumnValues::Numbers(x) = column.values else {
            unreachable!("labels are categorical")
        };
        let mut finite: Vec<f64> = x.iter().copied().filter(|v| v.is_finite()).collect();
        if finite.is_empty() {
            return Err(no_values());
        }
        let fill = match imputer {
            ContinuousImputer::Mean => finite.iter().sum::<f64>() / finite.len() as f64,
            ContinuousImputer::Median => {
                finite.sort_by(f64::total_cmp);
                let m = finite.len() / 2;
                if finite.len() % 2 == 1 {
                    finite[m]
                } else {
                    (finite[m - 1] + finite[m]) / 2.0
                }
            }
            ContinuousImputer::MostFrequent => {
                finite.sort_by(f64::total_cmp);
                let mut best = (0, finite[0]);
                for run in finite.chunk_by(|a, b| a == b) {
                    if run.len() > best.0 {
                        best = (run.len(), run[0]);
                    }
                }
                best.1
            }
        };
        return Ok(ColumnEncoder::Continuous {
            name: column.name.to_owned(),
            fill,
        });
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut missing = 0;
    for row in 0..rows {
        match category(&column.values, row) {
            Some(c) => *counts.entry(c).or_default() += 1,
            None => missing += 1,
        }
    }
    // Most frequent, the smallest label among ties (scikit-learn's `most_frequent`).
    let fill = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(c, _)| c.clone())
        .ok_or_else(no_values)?;
    *counts.get_mut(&fill).expect("fill is a counted category") += missing;
    let shares = counts
        .into_iter()
        .map(|(c, n)| (c, n as f64 / rows as f64))
        .collect();
    Ok(ColumnEncoder::Categorical {
        name: column.name.to_owned(),
        shares,
        fill,
    })
}

impl ColumnEncoder {
    pub fn name(&self) -> &str {
        match self {
            ColumnEncoder::Continuous { name, .. } | ColumnEncoder::Categorical { name, .. } => {
                name
            }
        }
    }

    fn encode_into(&self, column: &Column<'_>, out: &mut [f64]) -> Result<(), DriftError> {
        match self {
            ColumnEncoder::Continuous { fill, name } => {
                let ColumnValues::Numbers(x) = column.values else {
                    return Err(DriftError::Undefined(format!(
                        "column {name:?} was continuous in the reference but holds labels here"
                    )));
                };
                for (o, &v) in out.iter_mut().zip(x) {
                    *o = if v.is_finite() { v } else { *fill };
                }
            }
            ColumnEncoder::Categorical { shares, fill, .. } => {
                let fill_share = shares.get(fill).copied().unwrap_or(0.0);
                for (row, o) in out.iter_mut().enumerate() {
                    *o = match category(&column.values, row) {
                        Some(c) => shares.get(&c).copied().unwrap_or(0.0),
                        None => fill_share,
                    };
                }
            }
        }
        Ok(())
    }
}

/// scikit-learn's test for a constant feature, whose scale is then 1.
fn is_constant(variance: f64, mean: f64, n: usize) -> bool {
    let eps = f64::EPSILON;
    let n = n as f64;
    variance <= n * eps * variance + (n * mean * eps).powi(2)
}

impl Encoder {
    /// Fits imputation, encoding and scaling on the reference `columns`; returns the encoder
    /// and the standardized reference (rows × columns).
    pub fn fit(
        columns: &[Column<'_>],
        imputer: ContinuousImputer,
    ) -> Result<(Self, Array2<f64>), DriftError> {
        let n = rows(columns, "reference")?;
        let mut names: Vec<&str> = columns.iter().map(|c| c.name).collect();
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(DriftError::Undefined(format!(
                "column {:?} given twice",
                w[0]
            )));
        }
        let encoders = columns
            .iter()
            .map(|c| fit_column(c, n, imputer))
            .collect::<Result<Vec<_>, _>>()?;
        let mut encoder = Encoder {
            columns: encoders,
            means: Vec::new(),
            scales: Vec::new(),
        };
        let mut data = encoder.encode(columns, n)?;
        for mut column in data.columns_mut() {
            let mean = column.sum() / n as f64;
            let variance = column.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64;
            let scale = if is_constant(variance, mean, n) {
                1.0
            } else {
                variance.sqrt()
            };
            column.mapv_inplace(|v| (v - mean) / scale);
            encoder.means.push(mean);
            encoder.scales.push(scale);
        }
        Ok((encoder, data))
    }

    /// Every part finite and sized alike, scales positive, fills among the categories.
    pub fn is_consistent(&self) -> bool {
        let columns = self.columns.iter().all(|c| match c {
            ColumnEncoder::Continuous { fill, .. } => fill.is_finite(),
            ColumnEncoder::Categorical { shares, fill, .. } => {
                shares.contains_key(fill) && shares.values().all(|s| s.is_finite())
            }
        });
        columns
            && self.means.iter().all(|m| m.is_finite())
            && self.scales.iter().all(|&s| s.is_finite() && s > 0.0)
    }

    /// Imputed and encoded values (rows × columns), not yet scaled.
    fn encode(&self, columns: &[Column<'_>], n: usize) -> Result<Array2<f64>, DriftError> {
        let mut data = Array2::<f64>::zeros((self.columns.len(), n));
        for (fitted, mut out) in self.columns.iter().zip(data.rows_mut()) {
            let column = columns
                .iter()
                .find(|c| c.name == fitted.name())
                .ok_or_else(|| {
                    DriftError::Undefined(format!("column {:?} is missing", fitted.name()))
                })?;
            fitted.encode_into(column, out.as_slice_mut().expect("rows are contiguous"))?;
        }
        // Stored column by column while encoding; rows × columns from here on.
        Ok(data.reversed_axes().as_standard_layout().into_owned())
    }

    /// The standardized values of `columns` (matched to the reference by name; extra columns
    /// are ignored), rows × columns.
    pub fn transform(&self, columns: &[Column<'_>]) -> Result<Array2<f64>, DriftError> {
        let n = rows(columns, "data")?;
        let mut data = self.encode(columns, n)?;
        for ((mut column, &mean), &scale) in data
            .columns_mut()
            .into_iter()
            .zip(&self.means)
            .zip(&self.scales)
        {
            column.mapv_inplace(|v| (v - mean) / scale);
        }
        Ok(data)
    }
}
