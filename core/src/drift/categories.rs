//! Category counts shared by the categorical tests and by binned distances on categories.

use std::collections::HashMap;

use super::DriftError;
use super::sample::check_finite;

/// A sample for tests that accept categories.
///
/// Categorical tests treat every distinct value as a category whatever the variant; binned
/// distances bin `Numbers` and count `Codes` and `Labels`.
#[derive(Debug, Clone, Copy)]
pub enum Sample<'a> {
    /// Numeric values; finite only.
    Numbers(&'a [f64]),
    /// Numeric category codes (e.g. 0/1 labels, integer ids); finite only.
    Codes(&'a [f64]),
    /// Text labels.
    Labels(&'a [String]),
}

impl<'a> From<&'a [f64]> for Sample<'a> {
    fn from(values: &'a [f64]) -> Self {
        Sample::Numbers(values)
    }
}

impl<'a> From<&'a [String]> for Sample<'a> {
    fn from(values: &'a [String]) -> Self {
        Sample::Labels(values)
    }
}

impl<'a, const N: usize> From<&'a [f64; N]> for Sample<'a> {
    fn from(values: &'a [f64; N]) -> Self {
        Sample::Numbers(values)
    }
}

/// Counts of each category in the reference and the current sample, categories sorted
/// (numbers ascending, labels lexicographically).
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryCounts {
    /// Category names (numbers printed as Rust prints `f64`).
    pub labels: Vec<String>,
    /// Reference count per category.
    pub reference: Vec<u64>,
    /// Current count per category.
    pub current: Vec<u64>,
}

impl CategoryCounts {
    /// Counts two samples of the same kind; refuses empty samples, NaN and infinities.
    pub fn count(reference: Sample<'_>, current: Sample<'_>) -> Result<Self, DriftError> {
        match (reference, current) {
            (Sample::Numbers(a) | Sample::Codes(a), Sample::Numbers(b) | Sample::Codes(b)) => {
                check_finite(a, "reference")?;
                check_finite(b, "current")?;
                // -0.0 and 0.0 are one category.
                let key = |v: f64| if v == 0.0 { 0u64 } else { v.to_bits() };
                let (keys, reference, current) =
                    tally(a.iter().map(|&v| key(v)), b.iter().map(|&v| key(v)));
                let mut rows: Vec<(f64, u64, u64)> = keys
                    .into_iter()
                    .zip(reference.into_iter().zip(current))
                    .map(|(k, (r, c))| (f64::from_bits(k), r, c))
                    .collect();
                rows.sort_by(|x, y| x.0.total_cmp(&y.0));
                Ok(Self {
                    labels: rows.iter().map(|r| r.0.to_string()).collect(),
                    reference: rows.iter().map(|r| r.1).collect(),
                    current: rows.iter().map(|r| r.2).collect(),
                })
            }
            (Sample::Labels(a), Sample::Labels(b)) => {
                for (values, argument) in [(a, "reference"), (b, "current")] {
                    if values.is_empty() {
                        return Err(DriftError::Empty { argument });
                    }
                }
                let (keys, reference, current) =
                    tally(a.iter().map(String::as_str), b.iter().map(String::as_str));
                let mut rows: Vec<(&str, u64, u64)> = keys
                    .into_iter()
                    .zip(reference.into_iter().zip(current))
                    .map(|(k, (r, c))| (k, r, c))
                    .collect();
                rows.sort_by(|x, y| x.0.cmp(y.0));
                Ok(Self {
                    labels: rows.iter().map(|r| r.0.to_string()).collect(),
                    reference: rows.iter().map(|r| r.1).collect(),
                    current: rows.iter().map(|r| r.2).collect(),
                })
            }
            _ => Err(DriftError::Undefined(
                "reference and current must both be numbers or both be labels".to_string(),
            )),
        }
    }

    /// Total reference and current counts.
    pub fn totals(&self) -> (u64, u64) {
        (self.reference.iter().sum(), self.current.iter().sum())
    }
}

fn tally<K: std::hash::Hash + Eq + Copy>(
    reference: impl Iterator<Item = K>,
    current: impl Iterator<Item = K>,
) -> (Vec<K>, Vec<u64>, Vec<u64>) {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut keys = Vec::new();
    let (mut ref_counts, mut cur_counts) = (Vec::new(), Vec::new());
    for (which, values) in [
        (0, Box::new(reference) as Box<dyn Iterator<Item = K>>),
        (1, Box::new(current)),
    ] {
        for key in values {
            let slot = *index.entry(key).or_insert_with(|| {
                keys.push(key);
                ref_counts.push(0);
                cur_counts.push(0);
                keys.len() - 1
            });
            if which == 0 {
                ref_counts[slot] += 1;
            } else {
                cur_counts[slot] += 1;
            }
        }
    }
    (keys, ref_counts, cur_counts)
}
