//! Quantiles by numpy's default `"linear"` method (Hyndman & Fan 1996, definition 7).
//!
//! Order statistics of large unsorted inputs are found without copying them: a sorted,
//! deterministic sample brackets each needed rank (Floyd & Rivest 1975), one parallel pass
//! counts the values below each bracket and gathers the few inside it, and a selection in
//! that small bucket finishes the job. When a bracket misses its rank the exact copy-and-select
//! runs instead, so the answer is exact either way.

use rayon::prelude::*;

use super::StatsError;
use super::seed::position_hash;

/// Below this many values the order statistics come from a copy and a selection.
const SAMPLED_THRESHOLD: usize = 1 << 16;
/// Values in the bracketing sample.
const SAMPLE_SIZE: usize = 1 << 15;
/// Values per task in the counting pass: one block stays in L2 while every bracket reads it.
const PASS_BLOCK: usize = 1 << 14;
/// Beyond this many rank groups a full parallel sort is cheaper than one pass per bracket.
const MAX_BRACKETS: usize = 16;

/// Checks that every probability lies in `[0, 1]`.
pub(crate) fn validate_probabilities(probabilities: &[f64]) -> Result<(), StatsError> {
    match probabilities.iter().position(|p| !(0.0..=1.0).contains(p)) {
        Some(index) => Err(StatsError::InvalidProbability {
            index,
            value: probabilities[index],
        }),
        None => Ok(()),
    }
}

/// Where probability `p` falls among `n` sorted values: the lower rank and the weight of the
/// next one, with the virtual index `(n - 1)·p` as numpy computes it.
fn position(n: usize, p: f64) -> (usize, f64) {
    let virtual_index = (n - 1) as f64 * p;
    let lower = (virtual_index.floor() as usize).min(n - 1);
    (lower, virtual_index - lower as f64)
}

/// Linear interpolation written as numpy's `_lerp`, which interpolates from the nearer end so
/// that `t = 1` returns `b` exactly.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if a == b {
        a
    } else if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// Interpolates each probability from a lookup of order statistics by rank.
fn interpolate(n: usize, probabilities: &[f64], rank_value: impl Fn(usize) -> f64) -> Vec<f64> {
    probabilities
        .iter()
        .map(|&p| {
            let (lower, t) = position(n, p);
            let upper = if t > 0.0 {
                (lower + 1).min(n - 1)
            } else {
                lower
            };
            lerp(rank_value(lower), rank_value(upper), t)
        })
        .collect()
}

/// Quantiles of already sorted, finite values at the given probabilities.
///
/// ```
/// use edgekit::stats::quantiles_sorted;
///
/// let q = quantiles_sorted(&[1.0, 2.0, 3.0, 4.0], &[0.0, 0.5, 0.9])?;
/// assert_eq!(q, vec![1.0, 2.5, 3.7]);
/// # Ok::<(), edgekit::stats::StatsError>(())
/// ```
pub fn quantiles_sorted(sorted: &[f64], probabilities: &[f64]) -> Result<Vec<f64>, StatsError> {
    if sorted.is_empty() {
        return Err(StatsError::Empty {
            argument: "sorted",
            detail: "",
        });
    }
    validate_probabilities(probabilities)?;
    Ok(interpolate(sorted.len(), probabilities, |rank| {
        sorted[rank]
    }))
}

/// The values of an unsorted sample that the quantile routines read: `values` may hold NaNs
/// (skipped), the other values are finite; `count`, `min` and `max` describe the non-NaN ones.
#[derive(Clone, Copy)]
pub(crate) struct Sample<'a> {
    pub values: &'a [f64],
    pub count: usize,
    pub min: f64,
    pub max: f64,
}

/// Quantiles of an unsorted sample at validated probabilities; `sample.values` is not modified.
pub(crate) fn quantiles_unsorted(sample: Sample<'_>, probabilities: &[f64]) -> Vec<f64> {
    let n = sample.count;
    let mut ranks: Vec<usize> = Vec::with_capacity(2 * probabilities.len());
    for &p in probabilities {
        let (lower, t) = position(n, p);
        ranks.push(lower);
        if t > 0.0 && lower + 1 < n {
            ranks.push(lower + 1);
        }
    }
    ranks.sort_unstable();
    ranks.dedup();
    let values = order_statistics(sample, &ranks);
    interpolate(n, probabilities, |rank| {
        values[ranks
            .binary_search(&rank)
            .expect("every needed rank was selected")]
    })
}

/// The values of the given sorted, distinct ranks.
fn order_statistics(sample: Sample<'_>, ranks: &[usize]) -> Vec<f64> {
    let last = sample.count - 1;
    let inner: Vec<usize> = ranks
        .iter()
        .copied()
        .filter(|&r| r != 0 && r != last)
        .collect();
    let inner_values = if inner.is_empty() {
        Vec::new()
    } else if sample.count < SAMPLED_THRESHOLD {
        by_copy(sample, &inner)
    } else {
        bracketed(sample, &inner, SAMPLE_SIZE).unwrap_or_else(|| by_copy(sample, &inner))
    };
    let mut inner_values = inner_values.into_iter();
    ranks
        .iter()
        .map(|&r| match r {
            0 => sample.min,
            r if r == last => sample.max,
            _ => inner_values.next().expect("one value per inner rank"),
        })
        .collect()
}

/// Exact order statistics from a copy of the non-NaN values: selections for a few ranks, a
/// parallel sort for many.
fn by_copy(sample: Sample<'_>, ranks: &[usize]) -> Vec<f64> {
    let mut kept: Vec<f64> = if sample.count == sample.values.len() {
        sample.values.to_vec()
    } else {
        sample
            .values
            .iter()
            .copied()
            .filter(|x| !x.is_nan())
            .collect()
    };
    if ranks.len() > 2 * MAX_BRACKETS {
        kept.par_sort_unstable_by(f64::total_cmp);
        return ranks.iter().map(|&r| kept[r]).collect();
    }
    let mut out = vec![0.0; ranks.len()];
    select_ranks(&mut kept, ranks, 0, &mut out);
    out
}

/// Adjacent ranks (such as the two around one quantile) share one bracket.
fn rank_groups(ranks: &[usize]) -> Vec<&[usize]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..=ranks.len() {
        if i == ranks.len() || ranks[i] > ranks[i - 1] + 1 {
            groups.push(&ranks[start..i]);
            start = i;
        }
    }
    groups
}

/// A deterministic sample of up to `size` non-NaN values: one per stride, at a hashed offset
/// within the stride so that periodic data cannot line up with it.
fn sorted_sample(values: &[f64], size: usize) -> Vec<f64> {
    let stride = (values.len() / size).max(1);
    let mut sample: Vec<f64> = (0..values.len() / stride)
        .map(|i| values[i * stride + position_hash(i as u64) as usize % stride])
        .filter(|x| !x.is_nan())
        .collect();
    sample.sort_unstable_by(f64::total_cmp);
    sample
}

/// Order statistics through sample brackets, or `None` when a bracket missed its ranks.
fn bracketed(sample: Sample<'_>, ranks: &[usize], sample_size: usize) -> Option<Vec<f64>> {
    let groups = rank_groups(ranks);
    if groups.len() > MAX_BRACKETS {
        return None;
    }
    let drawn = sorted_sample(sample.values, sample_size);
    if drawn.is_empty() {
        return None;
    }
    let s = drawn.len() as f64;
    // Six standard deviations of a sample rank either side: a miss is a one-in-a-billion event.
    let margin = 3.0 * s.sqrt() + 2.0;
    let scale = s / sample.count as f64;
    let brackets: Vec<(f64, f64)> = groups
        .iter()
        .map(|g| {
            let low = (g[0] as f64 * scale - margin).floor();
            let high = (g[g.len() - 1] as f64 * scale + margin).ceil();
            (
                if low < 0.0 {
                    f64::NEG_INFINITY
                } else {
                    drawn[low as usize]
                },
                if high >= s {
                    f64::INFINITY
                } else {
                    drawn[high as usize]
                },
            )
        })
        .collect();

    let per_block: Vec<(Vec<usize>, Vec<Vec<f64>>)> = sample
        .values
        .par_chunks(PASS_BLOCK)
        .map_init(
            || vec![0.0; PASS_BLOCK],
            |scratch, block| {
                brackets
                    .iter()
                    .map(|&(low, high)| count_and_gather(block, low, high, scratch))
                    .unzip()
            },
        )
        .collect();
    // Gathered per block and concatenated once: a tree of merges would copy every bucket at
    // each of its levels.
    let below: Vec<usize> = (0..brackets.len())
        .map(|j| per_block.iter().map(|(b, _)| b[j]).sum())
        .collect();
    let buckets: Vec<Vec<f64>> = (0..brackets.len())
        .map(|j| {
            let len = per_block.iter().map(|(_, g)| g[j].len()).sum();
            let mut bucket = Vec::with_capacity(len);
            for (_, gathered) in &per_block {
                bucket.extend_from_slice(&gathered[j]);
            }
            bucket
        })
        .collect();

    let selected: Option<Vec<Vec<f64>>> = groups
        .par_iter()
        .zip(below)
        .zip(buckets)
        .map(|((group, below), mut bucket)| {
            let covers = below <= group[0] && group[group.len() - 1] < below + bucket.len();
            covers.then(|| {
                let mut found = vec![0.0; group.len()];
                select_ranks(&mut bucket, group, below, &mut found);
                found
            })
        })
        .collect();
    selected.map(|per_group| per_group.concat())
}

/// Counts the values of `block` below `low` and returns those in `[low, high]` (NaNs are in
/// neither). Branch-free: every value is written to `scratch` and the length advances only
/// for values inside, because a branch on a comparison that is true for about half the
/// values at random costs more than the whole pass.
fn count_and_gather(block: &[f64], low: f64, high: f64, scratch: &mut [f64]) -> (usize, Vec<f64>) {
    let mut below = 0;
    let mut len = 0;
    for (&x, slot_index) in block.iter().zip(0..) {
        below += usize::from(x < low);
        scratch[len] = x;
        len += usize::from((x >= low) & (x <= high));
        debug_assert!(len <= slot_index + 1);
    }
    (below, scratch[..len].to_vec())
}

/// Puts into `out[i]` the value of absolute rank `ranks[i]`, for `values` holding ranks
/// `base..base + values.len()` of the whole.
fn select_ranks(values: &mut [f64], ranks: &[usize], base: usize, out: &mut [f64]) {
    if ranks.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let local = ranks[mid] - base;
    let (left, nth, right) = values.select_nth_unstable_by(local, f64::total_cmp);
    out[mid] = *nth;
    let (out_left, out_rest) = out.split_at_mut(mid);
    let out_right = &mut out_rest[1..];
    let (ranks_left, ranks_right) = (&ranks[..mid], &ranks[mid + 1..]);
    let right_base = base + local + 1;
    if left.len() + right.len() >= SAMPLED_THRESHOLD {
        rayon::join(
            || select_ranks(left, ranks_left, base, out_left),
            || select_ranks(right, ranks_right, right_base, out_right),
        );
    } else {
        select_ranks(left, ranks_left, base, out_left);
        select_ranks(right, ranks_right, right_base, out_right);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(values: &[f64]) -> Sample<'_> {
        let kept = values.iter().filter(|x| !x.is_nan());
        Sample {
            values,
            count: kept.clone().count(),
            min: kept.clone().copied().fold(f64::INFINITY, f64::min),
            max: kept.copied().fold(f64::NEG_INFINITY, f64::max),
        }
    }

    fn sorted_finite(values: &[f64]) -> Vec<f64> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
        sorted.sort_by(f64::total_cmp);
        sorted
    }

    const PROBABILITIES: [f64; 9] = [0.0, 0.001, 0.25, 0.5, 0.5, 0.75, 0.9, 0.999_9, 1.0];

    #[test]
    fn large_inputs_match_interpolating_a_full_sort() {
        let values: Vec<f64> = (0..200_003)
            .map(|i| (((i as u64) * 2_654_435_761) % 1_000_003) as f64 / 7.0)
            .collect();
        let expected = quantiles_sorted(&sorted_finite(&values), &PROBABILITIES).unwrap();
        assert_eq!(quantiles_unsorted(whole(&values), &PROBABILITIES), expected);
    }

    #[test]
    fn many_ties_sorted_input_and_skipped_nans_are_exact() {
        let ties: Vec<f64> = (0..300_000).map(|i| (i % 5) as f64).collect();
        let ascending: Vec<f64> = (0..150_000).map(|i| i as f64 * 0.5).collect();
        let mut with_nans: Vec<f64> = (0..180_000).map(|i| ((i * 7919) % 10_007) as f64).collect();
        for i in (0..with_nans.len()).step_by(13) {
            with_nans[i] = f64::NAN;
        }
        for values in [ties, ascending, with_nans] {
            let expected = quantiles_sorted(&sorted_finite(&values), &PROBABILITIES).unwrap();
            assert_eq!(quantiles_unsorted(whole(&values), &PROBABILITIES), expected);
        }
    }

    #[test]
    fn brackets_are_exact_whenever_they_cover_and_decline_otherwise() {
        let values: Vec<f64> = (0..100_000)
            .map(|i: u64| ((i * 104_729) % 99_991) as f64)
            .collect();
        let sorted = sorted_finite(&values);
        let ranks: Vec<usize> = vec![1, 2, 500, 50_000, 50_001, 99_998];
        // A tiny sample makes misses likely; whatever it returns must be exact.
        for sample_size in [3, 10, 100, 10_000] {
            if let Some(found) = bracketed(whole(&values), &ranks, sample_size) {
                let exact: Vec<f64> = ranks.iter().map(|&r| sorted[r]).collect();
                assert_eq!(found, exact, "sample of {sample_size}");
            }
        }
        assert!(bracketed(whole(&values), &ranks, 10_000).is_some());
    }

    #[test]
    fn many_quantiles_take_the_sorting_path() {
        let values: Vec<f64> = (0..70_000).map(|i| ((i * 31) % 1000) as f64).collect();
        let probabilities: Vec<f64> = (0..=100).map(|i| i as f64 / 100.0).collect();
        let expected = quantiles_sorted(&sorted_finite(&values), &probabilities).unwrap();
        assert_eq!(quantiles_unsorted(whole(&values), &probabilities), expected);
    }

    #[test]
    fn single_value_has_every_quantile_equal_to_it() {
        assert_eq!(
            quantiles_unsorted(whole(&[3.5]), &[0.0, 0.3, 1.0]),
            vec![3.5; 3]
        );
    }

    #[test]
    fn probabilities_outside_unit_interval_are_rejected() {
        for bad in [-0.1, 1.5, f64::NAN] {
            let err = quantiles_sorted(&[1.0], &[0.5, bad]).unwrap_err();
            assert!(matches!(
                err,
                StatsError::InvalidProbability { index: 1, .. }
            ));
        }
    }
}
