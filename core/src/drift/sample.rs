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
