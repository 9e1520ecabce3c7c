//! Reference profiles: everything the report needs from a reference sample, fitted once,
//! serialized (JSON or compact binary) and merged across chunks.
//!
//! A numeric column keeps its distinct values with their counts while there are at most
//! `capacity` of them — then every test is exact. Beyond that it keeps the distinct values whose
//! seeded hash is among the `capacity` smallest, each with its full count (a bottom-k sample of
//! the distinct values). The choice depends only on the value, so `fit(a ∪ b) =
//! merge(fit(a), fit(b))` exactly, whatever the chunking. With mostly distinct values the
//! sampled CDF is within `√(ln(2/α) / 2k)` of the reference's (DKW) with probability `1 − α`:
//! 0.0043 at α = 0.05 for the default k = 2¹⁷, which bounds the error of the KS statistic.
//! Count, mean, variance, minimum and maximum stay exact in both modes. Label columns keep
//! every category's count.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::DriftError;

/// Default number of distinct values a numeric column keeps exactly.
pub const PROFILE_CAPACITY: usize = 1 << 17;

/// One column of input data.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    /// The column's name.
    pub name: &'a str,
    /// The values: numbers (NaN and ±∞ count as missing) or labels.
    pub values: ColumnValues<'a>,
    /// Treat numbers as category codes (Evidently's `categorical_features`); labels always are.
    pub categorical: bool,
}

/// The values of a [`Column`].
#[derive(Debug, Clone, Copy)]
pub enum ColumnValues<'a> {
    /// Numbers; NaN and infinities are missing values.
    Numbers(&'a [f64]),
    /// Labels, with `None` for missing.
    Labels(&'a [Option<String>]),
}

/// Numerical or categorical, as the report treats a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum ColumnKind {
    /// Continuous values.
    Numerical,
    /// Categories.
    Categorical,
}

impl ColumnKind {
    /// `"numerical"` or `"categorical"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnKind::Numerical => "numerical",
            ColumnKind::Categorical => "categorical",
        }
    }
}

/// Distinct numeric values with counts (all of them, or a bottom-k hash sample) and exact moments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumericSummary {
    /// Distinct values kept, ascending.
    pub values: Vec<f64>,
    /// Count of each kept value.
    pub counts: Vec<u64>,
    /// Largest (hash, value bits) kept; `None` while every distinct value is kept.
    pub cutoff: Option<(u64, u64)>,
    /// Number of (non-missing) values summarised.
    pub count: u64,
    /// Their sum and sum of squared deviations from the mean (merged with Chan et al.'s formula).
    pub mean: f64,
    /// Sum of squared deviations from the mean.
    pub m2: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

impl NumericSummary {
    /// Whether every distinct value is kept (then every statistic from it is exact).
    pub fn is_exact(&self) -> bool {
        self.cutoff.is_none()
    }

    /// Number of distinct values kept.
    pub fn distinct(&self) -> usize {
        self.values.len()
    }

    /// Population standard deviation (numpy's `std`).
    pub fn std(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            (self.m2 / self.count as f64).sqrt()
        }
    }

    /// Summarises finite values (the caller removes missing ones).
    pub(crate) fn from_values(values: &[f64], capacity: usize, seed: u64) -> Self {
        if values.len() / 4 > capacity
            && let Some(summary) = Self::sampled_directly(values, capacity, seed)
        {
            return summary;
        }
        Self::from_all_values(values, capacity, seed)
    }

    /// Sorts every value, counts the distinct ones, then keeps the smallest keys.
    fn from_all_values(values: &[f64], capacity: usize, seed: u64) -> Self {
        let mut sorted = values.to_vec();
        super::sample::sort_floats(&mut sorted);
        let (mut distinct, mut counts) = (Vec::new(), Vec::new());
        for &v in &sorted {
            let v = if v == 0.0 { 0.0 } else { v };
            if distinct.last() == Some(&v) {
                *counts.last_mut().expect("pushed with the value") += 1;
            } else {
                distinct.push(v);
                counts.push(1u64);
            }
        }
        let count = values.len() as u64;
        let (mean, m2) = if distinct.is_empty() {
            (0.0, 0.0)
        } else {
            let mean = values.iter().sum::<f64>() / count as f64;
            (mean, values.iter().map(|v| (v - mean) * (v - mean)).sum())
        };
        let mut summary = Self {
            min: sorted.first().copied().unwrap_or(f64::NAN),
            max: sorted.last().copied().unwrap_or(f64::NAN),
            values: distinct,
            counts,
            cutoff: None,
            count,
            mean,
            m2,
        };
        summary.shrink(capacity, seed);
        summary
    }

    /// The sampled summary without sorting every value: hash all values, keep those among the
    /// `capacity` smallest keys (counted with multiplicity), and accept the result when those
    /// are `capacity` distinct values — then they are exactly the `capacity` smallest distinct
    /// keys, as the full path would keep. With repeated values among them, `None` (full path).
    fn sampled_directly(values: &[f64], capacity: usize, seed: u64) -> Option<Self> {
        let key = |v: f64| (value_hash(v, seed), if v == 0.0 { 0 } else { v.to_bits() });
        // Hashes are uniform, so the capacity-th smallest lies near capacity/n of the range:
        // one pass keeps the values below a generous bound, the selection runs on those.
        let share = (capacity as f64 * 1.25 + 64.0) / values.len() as f64;
        let bound = if share >= 1.0 {
            u64::MAX
        } else {
            (share * u64::MAX as f64) as u64
        };
        let mut candidates: Vec<((u64, u64), f64)> = values
            .iter()
            .filter_map(|&v| {
                let k = key(v);
                (k.0 <= bound).then_some((k, v))
            })
            .collect();
        if candidates.len() < capacity {
            return None;
        }
        let (_, nth, _) = candidates.select_nth_unstable_by_key(capacity - 1, |c| c.0);
        let limit = nth.0;
        let mut kept: Vec<f64> = candidates[..capacity]
            .iter()
            .map(|c| if c.1 == 0.0 { 0.0 } else { c.1 })
            .collect();
        super::sample::sort_floats(&mut kept);
        if kept.windows(2).any(|w| w[0] == w[1]) {
            return None;
        }
        let count = values.len() as u64;
        let mean = values.iter().sum::<f64>() / count as f64;
        let m2 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
        let (min, max) = values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        Some(Self {
            counts: vec![1; kept.len()],
            values: kept,
            cutoff: Some(limit),
            count,
            mean,
            m2,
            min,
            max,
        })
    }

    /// Keeps only the `capacity` distinct values with the smallest hashes.
    fn shrink(&mut self, capacity: usize, seed: u64) {
        if let Some(limit) = self.cutoff {
            self.retain(|k| k <= limit, seed);
        }
        if self.values.len() <= capacity {
            return;
        }
        let mut keys: Vec<(u64, u64)> = self
            .values
            .iter()
            .map(|&v| (value_hash(v, seed), v.to_bits()))
            .collect();
        let (_, nth, _) = keys.select_nth_unstable(capacity - 1);
        let limit = *nth;
        self.cutoff = Some(limit);
        self.retain(|k| k <= limit, seed);
    }

    fn retain(&mut self, keep: impl Fn((u64, u64)) -> bool, seed: u64) {
        let (mut values, mut counts) = (Vec::new(), Vec::new());
        for (&v, &c) in self.values.iter().zip(&self.counts) {
            if keep((value_hash(v, seed), v.to_bits())) {
                values.push(v);
                counts.push(c);
            }
        }
        self.values = values;
        self.counts = counts;
    }

    fn merge(&self, other: &Self, capacity: usize, seed: u64) -> Self {
        let (mut values, mut counts) = (
            Vec::with_capacity(self.values.len() + other.values.len()),
            Vec::new(),
        );
        let (mut i, mut j) = (0, 0);
        while i < self.values.len() || j < other.values.len() {
            let take_left = j == other.values.len()
                || (i < self.values.len() && self.values[i] <= other.values[j]);
            let (v, c) = if take_left {
                i += 1;
                (self.values[i - 1], self.counts[i - 1])
            } else {
                j += 1;
                (other.values[j - 1], other.counts[j - 1])
            };
            if values.last() == Some(&v) {
                *counts.last_mut().expect("pushed with the value") += c;
            } else {
                values.push(v);
                counts.push(c);
            }
        }
        let count = self.count + other.count;
        let (mean, m2) = if self.count == 0 {
            (other.mean, other.m2)
        } else if other.count == 0 {
            (self.mean, self.m2)
        } else {
            let (na, nb) = (self.count as f64, other.count as f64);
            let delta = other.mean - self.mean;
            let mean = self.mean + delta * nb / (na + nb);
            (
                mean,
                self.m2 + other.m2 + delta * delta * na * nb / (na + nb),
            )
        };
        let mut merged = Self {
            values,
            counts,
            cutoff: match (self.cutoff, other.cutoff) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            count,
            mean,
            m2,
            min: self.min.min(other.min),
            max: self.max.max(other.max),
        };
        merged.shrink(capacity, seed);
        merged
    }
}

/// SplitMix64 of the value's bits: the sampling key, a function of the value alone.
fn value_hash(v: f64, seed: u64) -> u64 {
    let bits = if v == 0.0 { 0 } else { v.to_bits() };
    let mut z = bits ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One column of [`Profile::describe`]: what the profile keeps of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ColumnSummary {
    /// The column's name.
    pub column: String,
    /// `"numeric"` or `"categorical"`.
    pub kind: &'static str,
    /// Rows seen.
    pub rows: u64,
    /// Missing values among them.
    pub missing: u64,
    /// Distinct values (numbers) or categories kept.
    pub distinct: Option<usize>,
    /// Whether the numbers are kept exactly (false once sampled).
    pub exact: bool,
}

impl ColumnProfile {
    /// What the profile keeps of this column.
    pub fn summary(&self) -> ColumnSummary {
        ColumnSummary {
            column: self.name.clone(),
            kind: self.kind().as_str(),
            rows: self.rows,
            missing: self.missing,
            distinct: self
                .numeric
                .as_ref()
                .map(|n| n.distinct())
                .or(self.labels.as_ref().map(|l| l.len())),
            exact: self.numeric.as_ref().is_none_or(|n| n.is_exact()),
        }
    }
}

/// The profile of one reference column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// The column's name.
    pub name: String,
    /// Rows seen, missing ones included.
    pub rows: u64,
    /// Missing values (NaN, ±∞, None).
    pub missing: u64,
    /// Whether numbers are category codes.
    pub categorical: bool,
    /// Numbers: distinct values and moments.
    pub numeric: Option<NumericSummary>,
    /// Labels: each category's count.
    pub labels: Option<BTreeMap<String, u64>>,
}

impl ColumnProfile {
    pub(crate) fn fit(column: &Column<'_>, capacity: usize, seed: u64) -> Self {
        match column.values {
            ColumnValues::Numbers(values) => {
                let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
                Self {
                    name: column.name.to_string(),
                    rows: values.len() as u64,
                    missing: (values.len() - finite.len()) as u64,
                    categorical: column.categorical,
                    numeric: Some(NumericSummary::from_values(&finite, capacity, seed)),
                    labels: None,
                }
            }
            ColumnValues::Labels(values) => {
                let mut counts = BTreeMap::new();
                let mut missing = 0;
                for v in values {
                    match v {
                        Some(label) => *counts.entry(label.clone()).or_insert(0u64) += 1,
                        None => missing += 1,
                    }
                }
                Self {
                    name: column.name.to_string(),
                    rows: values.len() as u64,
                    missing,
                    categorical: true,
                    numeric: None,
                    labels: Some(counts),
                }
            }
        }
    }

    /// Numerical or categorical: labels and declared category codes are categorical, other
    /// numbers numerical (Evidently's default column mapping).
    pub fn kind(&self) -> ColumnKind {
        if self.categorical || self.numeric.is_none() {
            ColumnKind::Categorical
        } else {
            ColumnKind::Numerical
        }
    }

    fn merge(&self, other: &Self, capacity: usize, seed: u64) -> Result<Self, DriftError> {
        let numeric = match (&self.numeric, &other.numeric) {
            (Some(a), Some(b)) => Some(a.merge(b, capacity, seed)),
            (None, None) => None,
            _ => {
                return Err(DriftError::Undefined(format!(
                    "column {:?} holds numbers in one profile and labels in the other",
                    self.name
                )));
            }
        };
        let labels = match (&self.labels, &other.labels) {
            (Some(a), Some(b)) => {
                let mut merged = a.clone();
                for (k, v) in b {
                    *merged.entry(k.clone()).or_insert(0) += v;
                }
                Some(merged)
            }
            _ => None,
        };
        Ok(Self {
            name: self.name.clone(),
            rows: self.rows + other.rows,
            missing: self.missing + other.missing,
            categorical: self.categorical || other.categorical,
            numeric,
            labels,
        })
    }
}

/// A reference profile: one [`ColumnProfile`] per column.
///
/// ```
/// use edgekit::drift::{Column, ColumnValues, Profile};
///
/// let first = [1.0, 2.0, 2.0];
/// let second = [3.0, f64::NAN];
/// let whole = [1.0, 2.0, 2.0, 3.0, f64::NAN];
/// let fit = |v: &[f64]| Profile::fit(&[Column { name: "x", values: ColumnValues::Numbers(v), categorical: false }], None, 0);
/// let merged = fit(&first)?.merge(&fit(&second)?)?;
/// assert_eq!(merged, fit(&whole)?);
/// assert_eq!(Profile::from_bytes(&merged.to_bytes()?)?, merged);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Distinct values kept exactly per numeric column.
    pub capacity: usize,
    /// Seed of the sampling hash.
    pub seed: u64,
    /// The columns, in input order.
    pub columns: Vec<ColumnProfile>,
}

/// Options of [`Profile::fit`] as the faces take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProfileOptions {
    /// Distinct values kept exactly per numeric column (default [`PROFILE_CAPACITY`]).
    pub capacity: usize,
    /// Seed of the sampling hash.
    pub seed: u64,
}

impl Default for ProfileOptions {
    fn default() -> Self {
        ProfileOptions {
            capacity: PROFILE_CAPACITY,
            seed: 0,
        }
    }
}

impl Profile {
    /// Fits a profile (columns in parallel). `capacity` defaults to [`PROFILE_CAPACITY`].
    pub fn fit(
        columns: &[Column<'_>],
        capacity: Option<usize>,
        seed: u64,
    ) -> Result<Self, DriftError> {
        use rayon::prelude::*;
        let capacity = capacity.unwrap_or(PROFILE_CAPACITY);
        if capacity == 0 {
            return Err(DriftError::OutOfRange {
                argument: "capacity",
                value: 0.0,
                range: "[1, ∞)",
            });
        }
        check_names(columns.iter().map(|c| c.name))?;
        let columns = columns
            .par_iter()
            .map(|c| ColumnProfile::fit(c, capacity, seed))
            .collect();
        Ok(Self {
            capacity,
            seed,
            columns,
        })
    }

    /// The profile of both chunks together; columns are matched by name and must agree in
    /// kind, capacity and seed.
    pub fn merge(&self, other: &Profile) -> Result<Profile, DriftError> {
        if self.capacity != other.capacity || self.seed != other.seed {
            return Err(DriftError::Undefined(format!(
                "profiles fitted with different capacity/seed ({}/{} vs {}/{}) cannot be merged",
                self.capacity, self.seed, other.capacity, other.seed
            )));
        }
        let names = |p: &Profile| p.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        if names(self) != names(other) {
            return Err(DriftError::Undefined(format!(
                "profiles have different columns: {:?} vs {:?}",
                names(self),
                names(other)
            )));
        }
        use rayon::prelude::*;
        let columns = self
            .columns
            .par_iter()
            .zip(&other.columns)
            .map(|(a, b)| a.merge(b, self.capacity, self.seed))
            .collect::<Result<_, _>>()?;
        Ok(Profile {
            capacity: self.capacity,
            seed: self.seed,
            columns,
        })
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&ColumnProfile> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Compact binary form (postcard).
    pub fn to_bytes(&self) -> Result<Vec<u8>, DriftError> {
        postcard::to_allocvec(self)
            .map_err(|e| DriftError::Undefined(format!("profile serialization failed: {e}")))
    }

    /// Reads [`Profile::to_bytes`] output.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DriftError> {
        postcard::from_bytes(bytes)
            .map_err(|e| DriftError::Undefined(format!("not a serialized profile: {e}")))
    }
}

pub(crate) fn check_names<'a>(names: impl Iterator<Item = &'a str>) -> Result<(), DriftError> {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(DriftError::Undefined(format!(
                "column {name:?} appears twice"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_direct_sample_equals_the_full_path() {
        let mut rng = fastrand::Rng::with_seed(3);
        let values: Vec<f64> = (0..50_000).map(|_| rng.f64() * 10.0 - 5.0).collect();
        let direct = NumericSummary::sampled_directly(&values, 1000, 9).expect("distinct values");
        let full = NumericSummary::from_all_values(&values, 1000, 9);
        assert_eq!(
            (&direct.values, &direct.counts, direct.cutoff),
            (&full.values, &full.counts, full.cutoff)
        );
        assert!(
            (direct.mean - full.mean).abs() < 1e-12 && (direct.m2 - full.m2).abs() < 1e-9 * full.m2
        );
        // Repeated values fall back to the full path.
        let repeated: Vec<f64> = (0..50_000).map(|i| (i % 3000) as f64).collect();
        assert!(NumericSummary::sampled_directly(&repeated, 1000, 9).is_none());
    }
}
