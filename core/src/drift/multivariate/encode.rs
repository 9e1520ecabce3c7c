//! NannyML's preprocessing for multivariate drift, fitted on the reference: missing values
//! imputed (continuous columns by their mean or median, categorical ones by their most
//! frequent category), categories replaced by their share of the reference rows (a
//! normalized count encoding; unseen categories become 0), then every column standardized.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
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
        /// Share of the imputed reference rows per category (ordered, so a saved calculator's
        /// JSON is the same every time).
        shares: BTreeMap<String, f64>,
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

/// A numeric category's key: the number as Rust prints it, which parses back to the same
/// bits (so a saved calculator reads its categories back exactly).
fn number_key(v: f64) -> String {
    format!("{v}")
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
) -> Result<(ColumnEncoder, f64), DriftError> {
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
        let (sum, count) = finite_sum(x);
        if count == 0 {
            return Err(no_values());
        }
        // The mean needs no copy; the median and mode sort one.
        let finite = || -> Vec<f64> { x.iter().copied().filter(|v| v.is_finite()).collect() };
        let fill = match imputer {
            ContinuousImputer::Mean => sum / count as f64,
            ContinuousImputer::Median => {
                let mut finite = finite();
                finite.sort_by(f64::total_cmp);
                let m = finite.len() / 2;
                if finite.len() % 2 == 1 {
                    finite[m]
                } else {
                    (finite[m - 1] + finite[m]) / 2.0
                }
            }
            ContinuousImputer::MostFrequent => {
                let mut finite = finite();
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
        // The imputed column's sum, without imputing it.
        let encoded_sum = sum + (rows - count) as f64 * fill;
        return Ok((
            ColumnEncoder::Continuous {
                name: column.name.to_owned(),
                fill,
            },
            encoded_sum,
        ));
    }
    // Counted by reference to the input (no string per row); keys are made once per category.
    let (mut counts, missing): (HashMap<String, usize>, usize) = match column.values {
        ColumnValues::Labels(labels) => {
            let mut by_label: HashMap<&str, usize> = HashMap::new();
            for label in labels.iter().flatten() {
                *by_label.entry(label).or_default() += 1;
            }
            let present = by_label.values().sum::<usize>();
            let counts = by_label
                .into_iter()
                .map(|(k, n)| (k.to_owned(), n))
                .collect();
            (counts, rows - present)
        }
        ColumnValues::Numbers(x) => {
            let mut by_bits: HashMap<u64, usize> = HashMap::new();
            for v in x.iter().filter(|v| v.is_finite()) {
                *by_bits.entry(v.to_bits()).or_default() += 1;
            }
            let present = by_bits.values().sum::<usize>();
            let counts = by_bits
                .into_iter()
                .map(|(bits, n)| (number_key(f64::from_bits(bits)), n))
                .collect();
            (counts, rows - present)
        }
    };
    // Most frequent, the smallest label among ties (scikit-learn's `most_frequent`).
    let fill = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(c, _)| c.clone())
        .ok_or_else(no_values)?;
    *counts.get_mut(&fill).expect("fill is a counted category") += missing;
    // In label order from here on: sums and saved state must not depend on hashing.
    let counts: BTreeMap<String, usize> = counts.into_iter().collect();
    // Each row encodes to its category's share: the sum is Σ count · share.
    let encoded_sum = counts
        .values()
        .map(|&n| n as f64 * (n as f64 / rows as f64))
        .sum();
    let shares = counts
        .into_iter()
        .map(|(c, n)| (c, n as f64 / rows as f64))
        .collect();
    Ok((
        ColumnEncoder::Categorical {
            name: column.name.to_owned(),
            shares,
            fill,
        },
        encoded_sum,
    ))
}

impl ColumnEncoder {
    pub fn name(&self) -> &str {
        match self {
            ColumnEncoder::Continuous { name, .. } | ColumnEncoder::Categorical { name, .. } => {
                name
            }
        }
    }

    /// This encoder applied to `column` (checked to be of the kind it was fitted on).
    fn prepare<'a>(&'a self, column: &Column<'a>) -> Result<Prepared<'a>, DriftError> {
        Ok(match self {
            ColumnEncoder::Continuous { fill, name } => {
                let ColumnValues::Numbers(x) = column.values else {
                    return Err(DriftError::Undefined(format!(
                        "column {name:?} was continuous in the reference but holds labels here"
                    )));
                };
                Prepared::Continuous { x, fill: *fill }
            }
            ColumnEncoder::Categorical { shares, fill, .. } => {
                let missing = shares.get(fill).copied().unwrap_or(0.0);
                match column.values {
                    ColumnValues::Labels(labels) => Prepared::Labels {
                        labels,
                        shares,
                        missing,
                    },
                    ColumnValues::Numbers(x) => Prepared::Codes {
                        x,
                        shares: shares
                            .iter()
                            .filter_map(|(k, &share)| {
                                k.parse::<f64>().ok().map(|v| (v.to_bits(), share))
                            })
                            .collect(),
                        missing,
                    },
                }
            }
        })
    }
}

/// A fitted column encoder bound to the column it encodes.
pub(crate) enum Prepared<'a> {
    Continuous {
        x: &'a [f64],
        fill: f64,
    },
    Labels {
        labels: &'a [Option<String>],
        shares: &'a BTreeMap<String, f64>,
        missing: f64,
    },
    Codes {
        x: &'a [f64],
        shares: HashMap<u64, f64>,
        missing: f64,
    },
}

impl Prepared<'_> {
    /// The encoded values of rows `start..start + out.len()`.
    fn encode_into(&self, start: usize, out: &mut [f64]) {
        let rows = start..start + out.len();
        match self {
            Prepared::Continuous { x, fill } => {
                for (o, &v) in out.iter_mut().zip(&x[rows]) {
                    *o = if v.is_finite() { v } else { *fill };
                }
            }
            Prepared::Labels {
                labels,
                shares,
                missing,
            } => {
                for (o, label) in out.iter_mut().zip(&labels[rows]) {
                    *o = match label {
                        Some(l) => shares.get(l.as_str()).copied().unwrap_or(0.0),
                        None => *missing,
                    };
                }
            }
            Prepared::Codes { x, shares, missing } => {
                for (o, v) in out.iter_mut().zip(&x[rows]) {
                    *o = if v.is_finite() {
                        shares.get(&v.to_bits()).copied().unwrap_or(0.0)
                    } else {
                        *missing
                    };
                }
            }
        }
    }
}

/// Rows per block of the cache-blocked loops: a block of every feature stays in L2.
pub(crate) const BLOCK: usize = 512;

/// A fitted encoder bound to the data it encodes, block by block.
pub(crate) struct Bound<'a> {
    encoder: &'a Encoder,
    columns: Vec<Prepared<'a>>,
    /// Rows of the data.
    pub rows: usize,
}

impl Bound<'_> {
    /// The standardized values of rows `start..start + width`, feature `j` at
    /// `out[j * BLOCK..j * BLOCK + width]`.
    pub fn block(&self, start: usize, width: usize, out: &mut [f64]) {
        for (j, column) in self.columns.iter().enumerate() {
            let feature = &mut out[j * BLOCK..j * BLOCK + width];
            column.encode_into(start, feature);
            let (mean, scale) = (self.encoder.means[j], self.encoder.scales[j]);
            if scale == 1.0 {
                feature.iter_mut().for_each(|v| *v -= mean);
            } else {
                // A multiply by the reciprocal: within an ulp of scikit-learn's division, at a
                // fraction of its cost.
                let inverse = 1.0 / scale;
                feature.iter_mut().for_each(|v| *v = (*v - mean) * inverse);
            }
        }
    }
}

/// Sum and count of the finite values, in four independent lanes (a single running sum waits
/// on each addition; four keep the adder busy).
fn finite_sum(x: &[f64]) -> (f64, usize) {
    let (mut sums, mut counts) = ([0.0; 4], [0usize; 4]);
    let chunks = x.chunks_exact(4);
    let tail = chunks.remainder();
    for chunk in chunks {
        for lane in 0..4 {
            let v = chunk[lane];
            let finite = v.is_finite();
            sums[lane] += if finite { v } else { 0.0 };
            counts[lane] += usize::from(finite);
        }
    }
    for &v in tail.iter().filter(|v| v.is_finite()) {
        sums[0] += v;
        counts[0] += 1;
    }
    (
        (sums[0] + sums[1]) + (sums[2] + sums[3]),
        counts.iter().sum(),
    )
}

/// scikit-learn's test for a constant feature, whose scale is then 1.
fn is_constant(variance: f64, mean: f64, n: usize) -> bool {
    let eps = f64::EPSILON;
    let n = n as f64;
    variance <= n * eps * variance + (n * mean * eps).powi(2)
}

impl Encoder {
    /// Fits imputation, encoding and centring on the reference `columns` in one pass over
    /// them; the scales start at 1, for [`Encoder::set_scales`] once the centred data's
    /// second moments are known.
    pub fn fit(columns: &[Column<'_>], imputer: ContinuousImputer) -> Result<Self, DriftError> {
        let n = rows(columns, "reference")?;
        let mut names: Vec<&str> = columns.iter().map(|c| c.name).collect();
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(DriftError::Undefined(format!(
                "column {:?} given twice",
                w[0]
            )));
        }
        let (encoders, sums): (Vec<_>, Vec<f64>) = columns
            .par_iter()
            .map(|c| fit_column(c, n, imputer))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .unzip();
        Ok(Encoder {
            columns: encoders,
            means: sums.iter().map(|s| s / n as f64).collect(),
            scales: vec![1.0; sums.len()],
        })
    }

    /// Scales from the centred reference's sums of squares (`n` times the variance), as
    /// scikit-learn's StandardScaler sets them (1 for a constant feature).
    pub fn set_scales(&mut self, squares: impl Iterator<Item = f64>, n: usize) {
        self.scales = squares
            .zip(&self.means)
            .map(|(squares, &mean)| {
                let variance = squares / n as f64;
                if is_constant(variance, mean, n) {
                    1.0
                } else {
                    variance.sqrt()
                }
            })
            .collect();
    }

    /// The encoder bound to `columns` (matched to the reference by name; extra columns are
    /// ignored).
    pub fn bind<'a>(&'a self, columns: &[Column<'a>]) -> Result<Bound<'a>, DriftError> {
        let rows = rows(columns, "data")?;
        let prepared = self
            .columns
            .iter()
            .map(|fitted| {
                let column = columns
                    .iter()
                    .find(|c| c.name == fitted.name())
                    .ok_or_else(|| {
                        DriftError::Undefined(format!("column {:?} is missing", fitted.name()))
                    })?;
                fitted.prepare(column)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Bound {
            encoder: self,
            columns: prepared,
            rows,
        })
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
}
