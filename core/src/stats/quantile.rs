//! Quantiles by numpy's default `"linear"` method (Hyndman & Fan 1996, definition 7).

use super::StatsError;

/// Below this many values a selection runs on the calling thread.
const PARALLEL_THRESHOLD: usize = 1 << 16;

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
    Ok(probabilities
        .iter()
        .map(|&p| {
            let (lower, t) = position(sorted.len(), p);
            let upper = (lower + 1).min(sorted.len() - 1);
            lerp(sorted[lower], sorted[upper], t)
        })
        .collect())
}

/// Quantiles of finite, unsorted values; `values` is reordered in place.
///
/// Only the order statistics the probabilities need are selected: the middle rank first,
/// then the ranks left and right of it on the two partitions (in parallel when large), so
/// the work is `O(n log k)` for `k` ranks instead of a full sort.
pub(crate) fn quantiles_unsorted(values: &mut [f64], probabilities: &[f64]) -> Vec<f64> {
    let n = values.len();
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
    let mut order_statistics = vec![0.0; ranks.len()];
    select_ranks(values, &ranks, 0, &mut order_statistics);

    let value_at = |rank: usize| {
        order_statistics[ranks
            .binary_search(&rank)
            .expect("every needed rank was selected")]
    };
    probabilities
        .iter()
        .map(|&p| {
            let (lower, t) = position(n, p);
            let upper = if t > 0.0 {
                (lower + 1).min(n - 1)
            } else {
                lower
            };
            lerp(value_at(lower), value_at(upper), t)
        })
        .collect()
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
    if left.len() + right.len() >= PARALLEL_THRESHOLD {
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

    #[test]
    fn selection_matches_interpolating_a_full_sort() {
        let mut values: Vec<f64> = (0..200_003)
            .map(|i| (((i as u64) * 2_654_435_761) % 1_000_003) as f64 / 7.0)
            .collect();
        let probabilities = [0.0, 0.001, 0.25, 0.5, 0.5, 0.75, 0.999_9, 1.0];
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let expected = quantiles_sorted(&sorted, &probabilities).unwrap();
        assert_eq!(quantiles_unsorted(&mut values, &probabilities), expected);
    }

    #[test]
    fn single_value_has_every_quantile_equal_to_it() {
        assert_eq!(
            quantiles_unsorted(&mut [3.5], &[0.0, 0.3, 1.0]),
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
