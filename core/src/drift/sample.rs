//! Boundary checks and sorting shared by the batch tests.

use super::DriftError;

/// Refuses empty samples and the first NaN or infinity, naming the argument.
pub(crate) fn check_finite(values: &[f64], argument: &'static str) -> Result<(), DriftError> {
    if values.is_empty() {
        return Err(DriftError::Empty { argument });
    }
    // A single fused pass: the common case (all finite) costs one read of the data.
    if values.iter().all(|v| v.is_finite()) {
        return Ok(());
    }
    let index = values.iter().position(|v| !v.is_finite()).unwrap_or(0);
    Err(DriftError::NotFinite {
        argument,
        index,
        value: values[index],
    })
}

/// Checks both samples of a test: finite values, at least `needed` in each.
pub(crate) fn check_pair(
    reference: &[f64],
    current: &[f64],
    needed: usize,
) -> Result<(), DriftError> {
    for (values, argument) in [(reference, "reference"), (current, "current")] {
        check_finite(values, argument)?;
        if values.len() < needed {
            return Err(DriftError::TooFew {
                argument,
                needed,
                got: values.len(),
            });
        }
    }
    Ok(())
}

/// A sorted copy of a checked sample.
pub(crate) fn sorted_copy(values: &[f64], argument: &'static str) -> Result<Vec<f64>, DriftError> {
    check_finite(values, argument)?;
    let mut sorted = values.to_vec();
    sort_floats(&mut sorted);
    Ok(sorted)
}

/// Sorts finite floats ascending (radix sort: linear in the length). Where -0.0 and 0.0 land
/// relative to each other does not matter: they compare equal, so merges treat them as ties.
pub(crate) fn sort_floats(values: &mut [f64]) {
    use voracious_radix_sort::RadixSort;
    values.voracious_sort();
}

/// Sorted copies of two samples, sorted in parallel when they are large.
pub(crate) fn sorted_pair(a: &[f64], b: &[f64]) -> Result<(Vec<f64>, Vec<f64>), DriftError> {
    if a.len() + b.len() < 1 << 16 {
        return Ok((sorted_copy(a, "reference")?, sorted_copy(b, "current")?));
    }
    let (ra, rb) = rayon::join(|| sorted_copy(a, "reference"), || sorted_copy(b, "current"));
    Ok((ra?, rb?))
}

/// The distinct values of two sorted samples in ascending order, each with how many times it
/// occurs in `a` and in `b`: the walk behind every ECDF-based statistic.
pub(crate) struct PooledRuns<'a> {
    a: &'a [f64],
    b: &'a [f64],
    i: usize,
    j: usize,
}

/// One distinct pooled value: `(value, ties in a, ties in b)`.
pub(crate) type Run = (f64, usize, usize);

impl<'a> PooledRuns<'a> {
    pub(crate) fn new(a: &'a [f64], b: &'a [f64]) -> Self {
        Self { a, b, i: 0, j: 0 }
    }

    /// Values of `a` and of `b` consumed so far (the ECDF counts after the last run).
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.i, self.j)
    }
}

impl Iterator for PooledRuns<'_> {
    type Item = Run;

    fn next(&mut self) -> Option<Run> {
        let value = match (self.a.get(self.i), self.b.get(self.j)) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) => x,
            (None, Some(&y)) => y,
            (None, None) => return None,
        };
        let (start_i, start_j) = (self.i, self.j);
        while self.i < self.a.len() && self.a[self.i] == value {
            self.i += 1;
        }
        while self.j < self.b.len() && self.b[self.j] == value {
            self.j += 1;
        }
        Some((value, self.i - start_i, self.j - start_j))
    }
}

/// Neumaier's compensated sum: long sums of terms of mixed size keep their digits.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Compensated {
    pub(crate) sum: f64,
    pub(crate) compensation: f64,
}

impl Compensated {
    pub(crate) fn add(&mut self, v: f64) {
        let t = self.sum + v;
        self.compensation += if self.sum.abs() >= v.abs() {
            (self.sum - t) + v
        } else {
            (v - t) + self.sum
        };
        self.sum = t;
    }

    pub(crate) fn total(&self) -> f64 {
        self.sum + self.compensation
    }
}
