//! A column's reference as each method needs it: Doane bins and shares (and the sorted values
//! for the exact statistics) of a continuous column, category counts of a categorical one.

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use super::methods::{self, UnivariateMethod};
use crate::drift::{Column, ColumnValues, DriftError};

/// A column's reference, as each method needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) enum Reference {
    Continuous {
        edges: Vec<f64>,
        shares: Vec<f64>,
        /// Sorted values, kept where Kolmogorov-Smirnov or Wasserstein needs them.
        sorted: Vec<f64>,
    },
    Categorical {
        categories: Vec<String>,
        counts: Vec<f64>,
    },
}

/// Per chunk, per column, per method: the value and whether chi2's p-value alerts.
pub(super) type ChunkValues = Vec<Vec<Vec<(Option<f64>, bool)>>>;

/// A chunk's (or the reference's) values without the missing ones: the numbers, or each
/// distinct label with its count (numbers in a categorical column are labelled by their
/// decimal form). Labels are counted on borrowed text, so no row allocates.
pub(super) enum Present {
    Numbers(Vec<f64>),
    Labels(Vec<(String, f64)>),
}

pub(super) fn present(column: &Column<'_>, rows: impl Iterator<Item = usize>) -> Present {
    match column.values {
        ColumnValues::Numbers(x) if !column.categorical => {
            Present::Numbers(rows.map(|i| x[i]).filter(|v| v.is_finite()).collect())
        }
        ColumnValues::Numbers(x) => {
            let mut counted: FxHashMap<u64, f64> = FxHashMap::default();
            for v in rows.map(|i| x[i]).filter(|v| v.is_finite()) {
                // +0.0 and -0.0 are one category.
                *counted.entry((v + 0.0).to_bits()).or_default() += 1.0;
            }
            Present::Labels(
                counted
                    .into_iter()
                    .map(|(bits, n)| (f64::from_bits(bits).to_string(), n))
                    .collect(),
            )
        }
        ColumnValues::Labels(l) => {
            let mut counted: FxHashMap<&str, f64> = FxHashMap::default();
            for label in rows.filter_map(|i| l[i].as_deref()) {
                *counted.entry(label).or_default() += 1.0;
            }
            Present::Labels(
                counted
                    .into_iter()
                    .map(|(label, n)| (label.to_owned(), n))
                    .collect(),
            )
        }
    }
}

pub(super) fn is_categorical(column: &Column<'_>) -> bool {
    column.categorical || matches!(column.values, ColumnValues::Labels(_))
}

impl Reference {
    pub(super) fn fit(values: Present, methods: &[UnivariateMethod]) -> Result<Self, DriftError> {
        Ok(match values {
            Present::Numbers(mut x) => {
                if x.is_empty() {
                    return Err(DriftError::Empty {
                        argument: "reference column",
                    });
                }
                let edges = methods::doane_edges(&x);
                let shares = methods::histogram_shares(&x, &edges);
                let exact = methods.iter().any(|m| {
                    matches!(
                        m,
                        UnivariateMethod::KolmogorovSmirnov | UnivariateMethod::Wasserstein
                    )
                });
                if exact {
                    x.sort_by(f64::total_cmp);
                } else {
                    x.clear();
                }
                Reference::Continuous {
                    edges,
                    shares,
                    sorted: x,
                }
            }
            Present::Labels(mut counted) => {
                if counted.is_empty() {
                    return Err(DriftError::Empty {
                        argument: "reference column",
                    });
                }
                counted.sort_by(|a, b| a.0.cmp(&b.0));
                let (categories, counts) = counted.into_iter().unzip();
                Reference::Categorical { categories, counts }
            }
        })
    }

    /// The method's value on a chunk's present values, numbers sorted (`None` if it has none), and, for chi2,
    /// whether its p-value alerts.
    pub(super) fn measure(
        &self,
        method: UnivariateMethod,
        values: &Present,
    ) -> (Option<f64>, bool) {
        match (self, values) {
            (
                Reference::Continuous {
                    edges,
                    shares,
                    sorted,
                },
                Present::Numbers(x),
            ) => {
                if x.is_empty() {
                    return (None, false);
                }
                let value = match method {
                    UnivariateMethod::Wasserstein => methods::wasserstein(sorted, x),
                    UnivariateMethod::KolmogorovSmirnov => methods::ks_statistic(sorted, x),
                    _ => {
                        let chunk = methods::histogram_shares(x, edges);
                        let (p, q) = methods::with_leftover(shares, chunk);
                        if method == UnivariateMethod::Hellinger {
                            methods::hellinger(&p, &q)
                        } else {
                            methods::jensen_shannon(&p, &q)
                        }
                    }
                };
                (Some(value), false)
            }
            (Reference::Categorical { categories, counts }, Present::Labels(labels)) => {
                if labels.is_empty() {
                    return (None, false);
                }
                let n: f64 = labels.iter().map(|(_, c)| c).sum();
                let mut chunk = vec![0.0; categories.len()];
                let mut unseen: Vec<(&str, f64)> = Vec::new();
                for (label, count) in labels {
                    match categories.binary_search(label) {
                        Ok(k) => chunk[k] += count,
                        Err(_) => unseen.push((label, *count)),
                    }
                }
                // Labels were counted in a hash map: a fixed order keeps sums the same bits.
                unseen.sort_by(|a, b| a.0.cmp(b.0));
                let unseen: Vec<f64> = unseen.into_iter().map(|(_, c)| c).collect();
                let total: f64 = counts.iter().sum();
                let reference: Vec<f64> = counts.iter().map(|c| c / total).collect();
                let shares: Vec<f64> = chunk.iter().map(|c| c / n).collect();
                match method {
                    UnivariateMethod::Chi2 => {
                        let mut a = counts.clone();
                        let mut b = chunk;
                        for &count in &unseen {
                            a.push(0.0);
                            b.push(count);
                        }
                        let (statistic, p) = methods::chi2_contingency(&a, &b);
                        (Some(statistic), p < 0.05)
                    }
                    UnivariateMethod::LInfinity => {
                        let seen = reference
                            .iter()
                            .zip(&shares)
                            .map(|(a, b)| (a - b).abs())
                            .fold(0.0, f64::max);
                        let new = unseen.iter().map(|c| c / n).fold(0.0, f64::max);
                        (Some(seen.max(new)), false)
                    }
                    _ => {
                        let (p, q) = methods::with_leftover(&reference, shares);
                        let value = if method == UnivariateMethod::Hellinger {
                            methods::hellinger(&p, &q)
                        } else {
                            methods::jensen_shannon(&p, &q)
                        };
                        (Some(value), false)
                    }
                }
            }
            _ => (None, false),
        }
    }
}
