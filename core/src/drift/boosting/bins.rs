//! Feature binning: every value becomes a small bin index before the trees are grown, so a
//! split search reads one histogram per feature instead of sorting rows. Numbers are cut
//! between distinct values (each distinct value its own bin while there are at most
//! `max_bin` of them, else bins of about equal counts); categories get one bin each. The last
//! index of every feature is its missing bin.

use serde::{Deserialize, Serialize};

/// LightGBM's `min_data_in_bin`: a numeric bin closes once it holds this many training rows.
const MIN_DATA_IN_BIN: usize = 3;
/// LightGBM's `bin_construct_sample_cnt`: bins are cut on at most this many rows.
const BIN_SAMPLE: usize = 200_000;

/// How one feature's values map to bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum FeatureBins {
    /// Bin `i` holds the values in `(cuts[i - 1], cuts[i]]`; the last bin has no upper bound.
    Numeric {
        cuts: Vec<f64>,
        /// Whether training saw missing values; if not, a missing value is read as 0, as
        /// LightGBM reads it.
        missing_seen: bool,
    },
    /// Bin `i` holds category code `codes[i]` (ascending); any other code, a negative one or a
    /// missing value falls in the missing bin, which a categorical split always sends right.
    Categorical { codes: Vec<u32> },
}

/// A category code, or `None` for values that are not one (negative, fractional, missing).
pub(crate) fn category_code(value: f64) -> Option<u32> {
    (value >= 0.0 && value < f64::from(u32::MAX) && value.fract() == 0.0).then_some(value as u32)
}

/// Values this close to 0 count as 0 (LightGBM's `kZeroThreshold`).
const ZERO: f64 = 1e-35;

fn midpoint(a: f64, b: f64) -> f64 {
    let mid = a / 2.0 + b / 2.0;
    if mid.is_finite() { mid } else { a }
}

/// Cuts splitting sorted `(value, count)` runs into at most `bins` bins: between distinct
/// values while they fit (a bin closing once it holds [`MIN_DATA_IN_BIN`] rows), else into
/// bins of about equal counts where a value heavier than a bin's share is a bin of its own.
fn cuts_between(runs: &[(f64, usize)], bins: usize) -> Vec<f64> {
    let mut cuts = Vec::new();
    if runs.len() < 2 || bins < 2 {
        return cuts;
    }
    if runs.len() <= bins {
        let mut in_bin = 0;
        for i in 0..runs.len() - 1 {
            in_bin += runs[i].1;
            if in_bin >= MIN_DATA_IN_BIN {
                cuts.push(midpoint(runs[i].0, runs[i + 1].0));
                in_bin = 0;
            }
        }
        return cuts;
    }
    let total: usize = runs.iter().map(|r| r.1).sum();
    let share = total as f64 / bins as f64;
    let heavy: Vec<bool> = runs.iter().map(|r| r.1 as f64 >= share).collect();
    let heavy_rows: usize = runs
        .iter()
        .zip(&heavy)
        .filter(|(_, h)| **h)
        .map(|(r, _)| r.1)
        .sum();
    let mut rest_bins = bins - heavy.iter().filter(|h| **h).count();
    let mut rest_rows = total - heavy_rows;
    let mut share = rest_rows as f64 / rest_bins.max(1) as f64;
    let mut in_bin = 0usize;
    for i in 0..runs.len() - 1 {
        if !heavy[i] {
            rest_rows -= runs[i].1;
        }
        in_bin += runs[i].1;
        let close = heavy[i]
            || in_bin as f64 >= share
            || (heavy[i + 1] && in_bin as f64 >= (share * 0.5).max(1.0));
        if close {
            cuts.push(midpoint(runs[i].0, runs[i + 1].0));
            if cuts.len() + 1 >= bins {
                break;
            }
            in_bin = 0;
            if !heavy[i] {
                rest_bins = rest_bins.saturating_sub(1);
                share = rest_rows as f64 / rest_bins.max(1) as f64;
            }
        }
    }
    cuts
}

/// Every `step`-th row of `n`, enough to keep at most [`BIN_SAMPLE`] rows.
fn sample_step(n: usize) -> usize {
    n.div_ceil(BIN_SAMPLE).max(1)
}

impl FeatureBins {
    /// Cuts a numeric feature's bins from its training values.
    pub fn numeric(values: &[f64], max_bin: usize) -> Self {
        let step = sample_step(values.len());
        let mut sample: Vec<f64> = values
            .iter()
            .step_by(step)
            .copied()
            .filter(|v| !v.is_nan())
            .collect();
        let missing_seen = values.iter().any(|v| v.is_nan());
        sample.sort_unstable_by(f64::total_cmp);
        let runs: Vec<(f64, usize)> = sample
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len()))
            .collect();
        let cuts = if runs.len() <= max_bin {
            cuts_between(&runs, runs.len())
        } else {
            // Negative and positive values are binned apart around a bin of their own for
            // zero (LightGBM's), their bins shared in proportion to their counts.
            let negative = runs.partition_point(|r| r.0 < -ZERO);
            let positive = runs.partition_point(|r| r.0 <= ZERO);
            let count = |runs: &[(f64, usize)]| runs.iter().map(|r| r.1).sum::<usize>();
            let (below, above) = (count(&runs[..negative]), count(&runs[positive..]));
            let budget = max_bin - 1;
            let below_bins = if below == 0 {
                0
            } else {
                ((below as f64 / (below + above) as f64 * budget as f64) as usize).max(1)
            };
            let mut cuts = cuts_between(&runs[..negative], below_bins);
            if negative > 0 {
                cuts.push(-ZERO);
            }
            if positive < runs.len() {
                cuts.push(ZERO);
            }
            cuts.extend(cuts_between(&runs[positive..], budget - below_bins));
            cuts
        };
        FeatureBins::Numeric { cuts, missing_seen }
    }

    /// One bin per category code seen in training; past `max_bin` codes only the most frequent
    /// keep a bin (the rest share the missing bin).
    pub fn categorical(values: &[f64], max_bin: usize) -> Self {
        let mut codes: Vec<u32> = values.iter().filter_map(|&v| category_code(v)).collect();
        codes.sort_unstable();
        let mut runs: Vec<(u32, usize)> = codes
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len()))
            .collect();
        if runs.len() > max_bin {
            runs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            runs.truncate(max_bin);
            runs.sort_unstable();
        }
        FeatureBins::Categorical {
            codes: runs.into_iter().map(|(code, _)| code).collect(),
        }
    }

    /// Value bins; the missing bin's index is this count.
    pub fn len(&self) -> usize {
        match self {
            FeatureBins::Numeric { cuts, .. } => cuts.len() + 1,
            FeatureBins::Categorical { codes } => codes.len(),
        }
    }

    pub fn is_categorical(&self) -> bool {
        matches!(self, FeatureBins::Categorical { .. })
    }

    /// The bin of one value.
    pub fn bin(&self, value: f64) -> usize {
        match self {
            FeatureBins::Numeric { cuts, missing_seen } => {
                let value = if value.is_nan() {
                    if *missing_seen {
                        return cuts.len() + 1;
                    }
                    0.0
                } else {
                    value
                };
                cuts.partition_point(|&cut| cut < value)
            }
            FeatureBins::Categorical { codes } => category_code(value)
                .and_then(|code| codes.binary_search(&code).ok())
                .unwrap_or(codes.len()),
        }
    }

    /// The upper bound of a numeric bin (the split threshold "value ≤ bound goes left").
    pub fn upper(&self, bin: usize) -> f64 {
        match self {
            FeatureBins::Numeric { cuts, .. } => cuts.get(bin).copied().unwrap_or(f64::INFINITY),
            FeatureBins::Categorical { .. } => f64::NAN,
        }
    }

    /// The category code of a categorical bin.
    pub fn code(&self, bin: usize) -> u32 {
        match self {
            FeatureBins::Categorical { codes } => codes[bin],
            FeatureBins::Numeric { .. } => u32::MAX,
        }
    }

    /// Whether a missing value goes with the non-missing bins of a split rather than its own
    /// branch (LightGBM reads it as 0 when training saw none).
    pub fn missing_as_zero(&self) -> bool {
        matches!(
            self,
            FeatureBins::Numeric {
                missing_seen: false,
                ..
            }
        )
    }
}

/// Training rows as bin indices, one column per feature.
pub(crate) struct Binned {
    pub bins: Vec<FeatureBins>,
    pub columns: Vec<Vec<u8>>,
    pub rows: usize,
}

impl Binned {
    /// Bins `columns` (all of one length) with bins cut on them.
    pub fn fit(columns: &[&[f64]], categorical: &[bool], max_bin: usize) -> Self {
        use rayon::prelude::*;
        let rows = columns.first().map_or(0, |c| c.len());
        let (bins, columns): (Vec<FeatureBins>, Vec<Vec<u8>>) = columns
            .par_iter()
            .zip(categorical)
            .map(|(values, &is_categorical)| {
                let bins = if is_categorical {
                    FeatureBins::categorical(values, max_bin)
                } else {
                    FeatureBins::numeric(values, max_bin)
                };
                // max_bin ≤ 255 keeps every index, the missing bin included, within a byte.
                let column = values.iter().map(|&v| bins.bin(v) as u8).collect();
                (bins, column)
            })
            .unzip();
        Binned {
            bins,
            columns,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_distinct_values_get_a_bin_each_once_they_hold_three_rows() {
        let values = [1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 5.0, 5.0, 5.0];
        let bins = FeatureBins::numeric(&values, 255);
        // 3 holds one row, so it shares a bin with 5.
        assert_eq!(
            bins,
            FeatureBins::Numeric {
                cuts: vec![1.5, 2.5],
                missing_seen: false
            }
        );
        assert_eq!(bins.bin(1.0), 0);
        assert_eq!(bins.bin(1.5), 0);
        assert_eq!(bins.bin(1.6), 1);
        assert_eq!(bins.bin(100.0), 2);
        // No missing values in training: missing reads as 0, the first bin.
        assert_eq!(bins.bin(f64::NAN), 0);
    }

    #[test]
    fn many_distinct_values_get_bins_of_about_equal_counts() {
        let values: Vec<f64> = (1..=10_000).map(|i| f64::from(i) * 0.5).collect();
        let bins = FeatureBins::numeric(&values, 100);
        assert!(bins.len() <= 100 && bins.len() >= 95, "{}", bins.len());
        let mut counts = vec![0usize; bins.len()];
        for &v in &values {
            counts[bins.bin(v)] += 1;
        }
        // The first bin holds zero and below (empty here), LightGBM's zero bin.
        assert_eq!(counts[0], 0);
        assert!(
            counts[1..].iter().all(|&c| (90..=110).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn missing_values_seen_in_training_get_their_own_bin() {
        let bins = FeatureBins::numeric(&[1.0, f64::NAN, 2.0, 3.0, 4.0, 5.0, 6.0], 255);
        assert_eq!(bins.bin(f64::NAN), bins.len());
        let categories = FeatureBins::categorical(&[3.0, 1.0, 3.0, -1.0, f64::NAN], 255);
        assert_eq!(categories, FeatureBins::Categorical { codes: vec![1, 3] });
        assert_eq!(categories.bin(3.0), 1);
        assert_eq!(categories.bin(7.0), 2);
        assert_eq!(categories.bin(-1.0), 2);
    }

    #[test]
    fn past_max_bin_the_most_frequent_categories_keep_a_bin() {
        let values: Vec<f64> = (0..10u32)
            .flat_map(|code| std::iter::repeat_n(f64::from(code), code as usize + 1))
            .collect();
        let bins = FeatureBins::categorical(&values, 3);
        assert_eq!(
            bins,
            FeatureBins::Categorical {
                codes: vec![7, 8, 9]
            }
        );
    }
}
