//! Isotonic regression (pool adjacent violators), as scikit-learn's `IsotonicRegression(
//! increasing=True, out_of_bounds="clip")`: the calibration NannyML's CBPE fits on reference
//! scores and targets.

use serde::{Deserialize, Serialize};

use crate::drift::DriftError;

/// A fitted non-decreasing step-linear map: `x` and `y` are its knots (scikit-learn's
/// `X_thresholds_`, `y_thresholds_`); inputs beyond the knots are clipped to them.
///
/// ```
/// use edgekit::drift::Isotonic;
///
/// let fitted = Isotonic::fit(&[0.1, 0.2, 0.3, 0.4], &[0.0, 1.0, 0.0, 1.0])?;
/// assert_eq!(fitted.predict(0.25), 0.5); // the violators 1, 0 pool to their mean
/// assert_eq!(fitted.predict(0.0), 0.0);  // clipped to the first knot
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Isotonic {
    x: Vec<f64>,
    y: Vec<f64>,
}

/// Indices of `x` in ascending order, ties in input order: a radix sort of keys that put the
/// float's order in the high 64 bits and the index in the low ones.
fn sorted_order(x: &[f64]) -> Vec<usize> {
    use voracious_radix_sort::RadixSort;
    if u32::try_from(x.len()).is_err() {
        let mut order: Vec<usize> = (0..x.len()).collect();
        order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
        return order;
    }
    let ordered = |v: f64| {
        let bits = v.to_bits();
        if bits >> 63 == 1 {
            !bits
        } else {
            bits | 1 << 63
        }
    };
    let mut keys: Vec<u128> = x
        .iter()
        .enumerate()
        .map(|(i, &v)| (u128::from(ordered(v)) << 64) | i as u128)
        .collect();
    keys.voracious_sort();
    keys.iter().map(|&k| (k as u64) as usize).collect()
}

impl Isotonic {
    /// Fits on finite `(x, y)` pairs.
    pub fn fit(x: &[f64], y: &[f64]) -> Result<Self, DriftError> {
        if x.len() != y.len() {
            return Err(DriftError::LengthMismatch {
                first: "x",
                first_len: x.len(),
                second: "y",
                second_len: y.len(),
            });
        }
        if x.is_empty() {
            return Err(DriftError::Empty { argument: "x" });
        }
        for (argument, values) in [("x", x), ("y", y)] {
            if let Some(index) = values.iter().position(|v| !v.is_finite()) {
                return Err(DriftError::NotFinite {
                    argument,
                    index,
                    value: values[index],
                });
            }
        }
        let order = sorted_order(x);
        // One point per distinct x: the mean of its y, weighted by its count.
        let (mut knots, mut means, mut weights) = (Vec::new(), Vec::new(), Vec::new());
        for run in order.chunk_by(|&a, &b| x[a] == x[b]) {
            knots.push(x[run[0]]);
            means.push(run.iter().map(|&i| y[i]).sum::<f64>() / run.len() as f64);
            weights.push(run.len() as f64);
        }
        let fitted = pool_adjacent_violators(&means, &weights);
        // Interior knots on a flat stretch add nothing to the interpolation.
        let n = knots.len();
        let keep = |i: usize| {
            i == 0 || i + 1 == n || fitted[i] != fitted[i - 1] || fitted[i] != fitted[i + 1]
        };
        let (x, y) = (0..n)
            .filter(|&i| keep(i))
            .map(|i| (knots[i], fitted[i]))
            .unzip();
        Ok(Isotonic { x, y })
    }

    /// The calibrated value of `v` (NaN stays NaN).
    pub fn predict(&self, v: f64) -> f64 {
        let (first, last) = (self.x[0], self.x[self.x.len() - 1]);
        if v.is_nan() {
            return v;
        }
        let v = v.clamp(first, last);
        // numpy.interp: the knot interval holding v, then its line.
        let j = self.x.partition_point(|&k| k <= v).saturating_sub(1);
        if j + 1 >= self.x.len() {
            return self.y[self.x.len() - 1];
        }
        let slope = (self.y[j + 1] - self.y[j]) / (self.x[j + 1] - self.x[j]);
        slope * (v - self.x[j]) + self.y[j]
    }

    /// Knots of the fitted map, `(x, y)`.
    pub fn knots(&self) -> (&[f64], &[f64]) {
        (&self.x, &self.y)
    }

    /// Non-empty, finite, sorted knots (a saved state checked before use).
    pub fn is_consistent(&self) -> bool {
        !self.x.is_empty()
            && self.x.len() == self.y.len()
            && self.x.iter().chain(&self.y).all(|v| v.is_finite())
            && self.x.windows(2).all(|w| w[0] < w[1])
    }
}

/// The non-decreasing sequence closest to `values` in weighted least squares: blocks of
/// adjacent violators are pooled into their weighted mean until none remain.
fn pool_adjacent_violators(values: &[f64], weights: &[f64]) -> Vec<f64> {
    // Each block: (weighted mean, total weight, number of points).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(values.len());
    for (&v, &w) in values.iter().zip(weights) {
        blocks.push((v, w, 1));
        while blocks.len() > 1 {
            let (m2, w2, n2) = blocks[blocks.len() - 1];
            let (m1, w1, n1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let total = w1 + w2;
            *blocks.last_mut().expect("two blocks") = ((m1 * w1 + m2 * w2) / total, total, n1 + n2);
        }
    }
    blocks
        .into_iter()
        .flat_map(|(m, _, n)| std::iter::repeat_n(m, n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitted_values_never_decrease_and_keep_the_mean() {
        let x: Vec<f64> = (0..200).map(|i| ((i * 37) % 101) as f64 / 100.0).collect();
        let y: Vec<f64> = (0..200).map(|i| ((i * 13) % 7 < 3) as u8 as f64).collect();
        let fitted = Isotonic::fit(&x, &y).unwrap();
        let predictions: Vec<f64> = x.iter().map(|&v| fitted.predict(v)).collect();
        let mut sorted = x.clone();
        sorted.sort_by(f64::total_cmp);
        let along: Vec<f64> = sorted.iter().map(|&v| fitted.predict(v)).collect();
        assert!(along.windows(2).all(|w| w[0] <= w[1] + 1e-15));
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!((mean(&predictions) - mean(&y)).abs() < 1e-12);
    }

    #[test]
    fn bad_input_is_refused() {
        assert!(Isotonic::fit(&[], &[]).is_err());
        assert!(Isotonic::fit(&[1.0], &[1.0, 2.0]).is_err());
        assert!(Isotonic::fit(&[f64::NAN], &[1.0]).is_err());
    }
}
