//! Feature columns as the boosted trees read them: numbers as they are (NaN and ±∞ missing),
//! categories as codes in sorted order, missing values as a category of their own (NannyML
//! fills them with `"NML_missing_value"` before ordinal encoding), categories unseen in the
//! reference as missing codes (which every categorical split sends right, as LightGBM sends
//! an unseen category).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::drift::multivariate::rows;
use crate::drift::{Column, ColumnValues, DriftError};

/// One fitted feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum FeatureColumn {
    Continuous {
        name: String,
    },
    /// Category `categories[i]` has code `i`; a missing value has code `categories.len()`.
    Categorical {
        name: String,
        /// Labels, or numbers written as Rust writes them (which parse back exactly).
        categories: Vec<String>,
        numbers: bool,
    },
}

impl FeatureColumn {
    pub fn name(&self) -> &str {
        match self {
            FeatureColumn::Continuous { name, .. } | FeatureColumn::Categorical { name, .. } => {
                name
            }
        }
    }
}

/// The fitted encoding of every feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FeatureEncoder {
    pub columns: Vec<FeatureColumn>,
}

fn categorical(column: &Column<'_>) -> bool {
    column.categorical || matches!(column.values, ColumnValues::Labels(_))
}

/// A finite float ordered by value, to sort unseen numeric categories.
#[derive(Clone, Copy, PartialEq)]
struct OrderedBits(f64);

impl Eq for OrderedBits {}

impl PartialOrd for OrderedBits {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedBits {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

fn number_key(v: f64) -> String {
    format!("{v}")
}

impl FeatureEncoder {
    /// Fits on the reference columns.
    pub fn fit(columns: &[Column<'_>]) -> Result<Self, DriftError> {
        rows(columns, "features")?;
        let mut seen = std::collections::HashSet::new();
        for c in columns {
            if !seen.insert(c.name) {
                return Err(DriftError::Undefined(format!(
                    "feature {:?} is named twice",
                    c.name
                )));
            }
        }
        let columns = columns
            .iter()
            .map(|column| {
                let name = column.name.to_owned();
                if !categorical(column) {
                    return FeatureColumn::Continuous { name };
                }
                match column.values {
                    ColumnValues::Labels(labels) => {
                        let mut categories: Vec<&str> =
                            labels.iter().flatten().map(String::as_str).collect();
                        categories.sort_unstable();
                        categories.dedup();
                        FeatureColumn::Categorical {
                            name,
                            categories: categories.into_iter().map(str::to_owned).collect(),
                            numbers: false,
                        }
                    }
                    ColumnValues::Numbers(x) => {
                        // `+ 0.0` turns −0 into 0: one category, as pandas sees it.
                        let mut values: Vec<f64> = x
                            .iter()
                            .filter(|v| v.is_finite())
                            .map(|v| v + 0.0)
                            .collect();
                        values.sort_unstable_by(f64::total_cmp);
                        values.dedup();
                        FeatureColumn::Categorical {
                            name,
                            categories: values.into_iter().map(number_key).collect(),
                            numbers: true,
                        }
                    }
                }
            })
            .collect();
        Ok(FeatureEncoder { columns })
    }

    /// Which encoded features are categorical.
    pub fn categorical(&self) -> Vec<bool> {
        self.columns
            .iter()
            .map(|c| matches!(c, FeatureColumn::Categorical { .. }))
            .collect()
    }

    /// The encoded values of `columns` (matched by name; extra columns are ignored), one
    /// vector per fitted feature.
    pub fn encode(&self, columns: &[Column<'_>]) -> Result<(Vec<Vec<f64>>, usize), DriftError> {
        self.encode_with(columns, Unseen::Missing)
    }

    /// As [`FeatureEncoder::encode`], with `unseen` deciding the codes of categories the
    /// reference lacks.
    pub fn encode_with(
        &self,
        columns: &[Column<'_>],
        unseen: Unseen,
    ) -> Result<(Vec<Vec<f64>>, usize), DriftError> {
        let n = rows(columns, "features")?;
        let encoded = self
            .columns
            .iter()
            .map(|fitted| {
                let column = columns
                    .iter()
                    .find(|c| c.name == fitted.name())
                    .ok_or_else(|| {
                        DriftError::Undefined(format!("feature {:?} is missing", fitted.name()))
                    })?;
                encode_column(fitted, column, unseen)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((encoded, n))
    }

    /// Names unique, categories sorted and unique.
    pub fn is_consistent(&self) -> bool {
        let mut names = std::collections::HashSet::new();
        self.columns.iter().all(|c| {
            names.insert(c.name())
                && match c {
                    FeatureColumn::Continuous { .. } => true,
                    FeatureColumn::Categorical {
                        categories,
                        numbers,
                        ..
                    } => {
                        (*numbers || categories.windows(2).all(|w| w[0] < w[1]))
                            && (!*numbers || categories.iter().all(|c| c.parse::<f64>().is_ok()))
                    }
                }
        })
    }
}

/// What a category the reference lacks becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unseen {
    /// A missing code (what a model trained on the reference alone can do with it).
    Missing,
    /// A code of its own after the reference's (for a model trained on both, as the domain
    /// classifier is), and missing values stay missing (NaN) rather than a category.
    Extend,
}

/// Codes past `known` for the values `fresh` holds, in their sorted order.
fn extended<K: Ord + Clone>(fresh: impl Iterator<Item = K>, known: usize) -> Vec<(K, f64)> {
    let mut keys: Vec<K> = fresh.collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .enumerate()
        .map(|(i, k)| (k, (known + i) as f64))
        .collect()
}

fn encode_column(
    fitted: &FeatureColumn,
    column: &Column<'_>,
    unseen: Unseen,
) -> Result<Vec<f64>, DriftError> {
    let kind_changed = |was: &str| {
        DriftError::Undefined(format!(
            "feature {:?} held {was} in the reference but not here",
            fitted.name()
        ))
    };
    match (fitted, column.values) {
        (FeatureColumn::Continuous { .. }, ColumnValues::Numbers(x)) => Ok(x
            .iter()
            .map(|&v| if v.is_finite() { v } else { f64::NAN })
            .collect()),
        (FeatureColumn::Continuous { .. }, ColumnValues::Labels(_)) => Err(kind_changed("numbers")),
        (
            FeatureColumn::Categorical {
                categories,
                numbers: false,
                ..
            },
            ColumnValues::Labels(labels),
        ) => {
            let mut codes: HashMap<&str, f64> = categories
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i as f64))
                .collect();
            let mut missing = categories.len() as f64;
            if unseen == Unseen::Extend {
                let fresh = labels
                    .iter()
                    .flatten()
                    .map(String::as_str)
                    .filter(|l| !codes.contains_key(l));
                codes.extend(extended(fresh, categories.len()));
                missing = f64::NAN;
            }
            Ok(labels
                .iter()
                .map(|label| match label {
                    Some(l) => codes.get(l.as_str()).copied().unwrap_or(f64::NAN),
                    None => missing,
                })
                .collect())
        }
        (
            FeatureColumn::Categorical {
                categories,
                numbers: true,
                ..
            },
            ColumnValues::Numbers(x),
        ) => {
            let mut codes: HashMap<u64, f64> = categories
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.parse::<f64>().ok().map(|v| (v.to_bits(), i as f64)))
                .collect();
            let mut missing = categories.len() as f64;
            if unseen == Unseen::Extend {
                // Sorted by value (total order on the bits of non-negative and negative alike).
                let fresh = x
                    .iter()
                    .filter(|v| v.is_finite())
                    .map(|v| v + 0.0)
                    .filter(|v| !codes.contains_key(&v.to_bits()))
                    .map(OrderedBits);
                let fresh = extended(fresh, categories.len());
                codes.extend(fresh.into_iter().map(|(k, code)| (k.0.to_bits(), code)));
                missing = f64::NAN;
            }
            Ok(x.iter()
                .map(|v| {
                    if v.is_finite() {
                        codes.get(&(v + 0.0).to_bits()).copied().unwrap_or(f64::NAN)
                    } else {
                        missing
                    }
                })
                .collect())
        }
        (FeatureColumn::Categorical { numbers: true, .. }, ColumnValues::Labels(_)) => {
            Err(kind_changed("numbers"))
        }
        (FeatureColumn::Categorical { numbers: false, .. }, ColumnValues::Numbers(_)) => {
            Err(kind_changed("labels"))
        }
    }
}
