//! Blockwise central moments with a deterministic merge.

use rayon::prelude::*;

use super::{NanPolicy, StatsError};

/// Values per block: small enough to stay in L1/L2 between the two passes over it.
pub(crate) const BLOCK: usize = 4096;
/// Below this many values the blocks are scanned on the calling thread.
const PARALLEL_THRESHOLD: usize = 1 << 17;
const LANES: usize = 8;

/// Count, mean, central-moment sums `M2..M4` (Pébay's notation), min and max of finite values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Moments {
    pub count: u64,
    pub mean: f64,
    pub m2: f64,
    pub m3: f64,
    pub m4: f64,
    pub min: f64,
    pub max: f64,
}

impl Moments {
    const EMPTY: Moments = Moments {
        count: 0,
        mean: 0.0,
        m2: 0.0,
        m3: 0.0,
        m4: 0.0,
        min: f64::INFINITY,
        max: f64::NEG_INFINITY,
    };

    /// Moments of a block known to hold only finite values, by an exact two-pass sum.
    fn of_finite(xs: &[f64]) -> Moments {
        if xs.is_empty() {
            return Moments::EMPTY;
        }
        let mut sum = [0.0; LANES];
        let mut lo = [f64::INFINITY; LANES];
        let mut hi = [f64::NEG_INFINITY; LANES];
        let lanes = xs.chunks_exact(LANES);
        let tail = lanes.remainder();
        for c in lanes {
            for i in 0..LANES {
                sum[i] += c[i];
                lo[i] = lo[i].min(c[i]);
                hi[i] = hi[i].max(c[i]);
            }
        }
        for (i, &x) in tail.iter().enumerate() {
            sum[i] += x;
            lo[i] = lo[i].min(x);
            hi[i] = hi[i].max(x);
        }
        let n = xs.len() as f64;
        let mean = sum.iter().sum::<f64>() / n;

        let (mut s1, mut s2, mut s3, mut s4) =
            ([0.0; LANES], [0.0; LANES], [0.0; LANES], [0.0; LANES]);
        let lanes = xs.chunks_exact(LANES);
        for c in lanes {
            for i in 0..LANES {
                let d = c[i] - mean;
                let d2 = d * d;
                s1[i] += d;
                s2[i] += d2;
                s3[i] += d2 * d;
                s4[i] += d2 * d2;
            }
        }
        for (i, &x) in tail.iter().enumerate() {
            let d = x - mean;
            let d2 = d * d;
            s1[i] += d;
            s2[i] += d2;
            s3[i] += d2 * d;
            s4[i] += d2 * d2;
        }
        // Corrected two-pass (Björck): the residual sum of deviations measures the rounding
        // error of the first-pass mean; shift the mean by it and re-centre the power sums,
        // which is exact algebra: sum((d - c)^k) in terms of sum(d^j).
        let (s1, s2, s3, s4): (f64, f64, f64, f64) = (
            s1.iter().sum(),
            s2.iter().sum(),
            s3.iter().sum(),
            s4.iter().sum(),
        );
        let c = s1 / n;
        let nc2 = n * c * c;
        Moments {
            count: xs.len() as u64,
            mean: mean + c,
            m2: s2 - nc2,
            m3: s3 - 3.0 * c * s2 + 2.0 * nc2 * c,
            m4: s4 - 4.0 * c * s3 + 6.0 * c * c * s2 - 3.0 * nc2 * c * c,
            min: lo.iter().copied().fold(f64::INFINITY, f64::min),
            max: hi.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        }
    }

    /// Combines the moments of two disjoint samples (Chan et al. 1979; Pébay 2008, eq. 2.1–2.4).
    pub fn merge(self, other: Moments) -> Moments {
        if other.count == 0 {
            return self;
        }
        if self.count == 0 {
            return other;
        }
        let (na, nb) = (self.count as f64, other.count as f64);
        let n = na + nb;
        let delta = other.mean - self.mean;
        let dn = delta / n;
        let dn2 = dn * dn;
        let m2 = self.m2 + other.m2 + delta * dn * na * nb;
        let m3 = self.m3
            + other.m3
            + delta * dn2 * na * nb * (na - nb)
            + 3.0 * dn * (na * other.m2 - nb * self.m2);
        let m4 = self.m4
            + other.m4
            + delta * dn2 * dn * na * nb * (na * na - na * nb + nb * nb)
            + 6.0 * dn2 * (na * na * other.m2 + nb * nb * self.m2)
            + 4.0 * dn * (na * other.m3 - nb * self.m3);
        Moments {
            count: self.count + other.count,
            mean: self.mean + nb * dn,
            m2,
            m3,
            m4,
            min: self.min.min(other.min),
            max: self.max.max(other.max),
        }
    }
}

/// Moments of one block starting at `offset` in the caller's array, after validation.
fn scan_block(
    block: &[f64],
    offset: usize,
    policy: NanPolicy,
    argument: &'static str,
) -> Result<Moments, StatsError> {
    // Any NaN or infinity makes the plain sum non-finite; only then look value by value.
    let quick: f64 = block.iter().sum();
    if quick.is_finite() {
        return Ok(Moments::of_finite(block));
    }
    let mut kept = [0.0; BLOCK];
    let mut len = 0;
    for (i, &x) in block.iter().enumerate() {
        if x.is_nan() {
            if policy == NanPolicy::Raise {
                return Err(StatsError::NaN {
                    argument,
                    index: offset + i,
                });
            }
        } else if x.is_infinite() {
            return Err(StatsError::Infinite {
                argument,
                index: offset + i,
                value: x,
            });
        } else {
            kept[len] = x;
            len += 1;
        }
    }
    let kept = &kept[..len];
    if !kept.iter().sum::<f64>().is_finite() {
        return Err(StatsError::Overflow {
            argument,
            what: "sum",
        });
    }
    Ok(Moments::of_finite(kept))
}

/// Validates `values` and returns their moments; blocks are merged left to right in order,
/// so the result does not depend on the number of threads.
pub(crate) fn moments(
    values: &[f64],
    policy: NanPolicy,
    argument: &'static str,
) -> Result<Moments, StatsError> {
    let scan = |(i, block): (usize, &[f64])| scan_block(block, i * BLOCK, policy, argument);
    let blocks: Vec<Result<Moments, StatsError>> = if values.len() >= PARALLEL_THRESHOLD {
        values.par_chunks(BLOCK).enumerate().map(scan).collect()
    } else {
        values.chunks(BLOCK).enumerate().map(scan).collect()
    };
    let mut total = Moments::EMPTY;
    for block in blocks {
        total = total.merge(block?);
    }
    for (value, what) in [
        (total.mean, "mean"),
        (total.m2, "variance"),
        (total.m3, "third central moment"),
        (total.m4, "fourth central moment"),
    ] {
        if !value.is_finite() {
            return Err(StatsError::Overflow { argument, what });
        }
    }
    Ok(total)
}

/// The first NaN or infinity in `values`, as the error `moments` would give under `raise`.
pub(crate) fn check_finite(values: &[f64], argument: &'static str) -> Result<(), StatsError> {
    match values.iter().position(|x| !x.is_finite()) {
        None => Ok(()),
        Some(index) if values[index].is_nan() => Err(StatsError::NaN { argument, index }),
        Some(index) => Err(StatsError::Infinite {
            argument,
            index,
            value: values[index],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(xs: &[f64]) -> (f64, f64, f64, f64) {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let m = |k: i32| xs.iter().map(|x| (x - mean).powi(k)).sum::<f64>();
        (mean, m(2), m(3), m(4))
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn merge_of_blocks_equals_moments_of_the_whole() {
        let xs: Vec<f64> = (0..10_007)
            .map(|i| ((i * 7919) % 1013) as f64 / 17.0 + (i % 5) as f64)
            .collect();
        let got = moments(&xs, NanPolicy::Raise, "x").unwrap();
        let (mean, m2, m3, m4) = naive(&xs);
        assert_eq!(got.count, xs.len() as u64);
        assert!(close(got.mean, mean, 1e-13));
        assert!(close(got.m2, m2, 1e-12));
        assert!(close(got.m3, m3, 1e-10));
        assert!(close(got.m4, m4, 1e-12));
    }

    #[test]
    fn merge_with_empty_is_identity() {
        let a = Moments::of_finite(&[1.0, 2.0, 4.0]);
        assert_eq!(a.merge(Moments::EMPTY), a);
        assert_eq!(Moments::EMPTY.merge(a), a);
    }

    #[test]
    fn parallel_and_sequential_paths_agree_bit_for_bit() {
        let xs: Vec<f64> = (0..(PARALLEL_THRESHOLD + 12_345))
            .map(|i| ((i as f64) * 0.618_033_988_75).fract() * 100.0)
            .collect();
        let parallel = moments(&xs, NanPolicy::Raise, "x").unwrap();
        let mut sequential = Moments::EMPTY;
        for block in xs.chunks(BLOCK) {
            sequential = sequential.merge(Moments::of_finite(block));
        }
        assert_eq!(parallel, sequential);
    }

    #[test]
    fn huge_finite_values_report_overflow_not_nan() {
        let err = moments(&[1e300, 1e300, -1e300], NanPolicy::Raise, "x").unwrap_err();
        assert!(matches!(err, StatsError::Overflow { .. }), "{err}");
        let err = moments(&[1e200, -1e200, 3e200], NanPolicy::Raise, "x").unwrap_err();
        assert!(matches!(err, StatsError::Overflow { .. }), "{err}");
    }
}
