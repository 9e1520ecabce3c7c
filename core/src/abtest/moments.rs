//! Sufficient statistics that merge: per group, the count, means and centred second moments of
//! a few columns and the co-moments of chosen pairs (a metric with its pre-period covariate, a
//! ratio's numerator with its denominator). A distributed engine computes them per partition
//! and merges them pairwise (Chan, Golub & LeVeque 1979), which is exact in exact arithmetic
//! and, unlike raw sums of squares, loses no digits when the mean is large against the spread.
//! Every mean test then runs on the totals ([`Moments::summary`], [`Moments::paired`]).

use serde::{Deserialize, Serialize};

use super::adjusted::PairedSummary;
use super::error::AbtestError;
use super::means::GroupSummary;

/// A running sum with Neumaier's compensation (Kahan's, safe when a term outweighs the sum).
#[derive(Debug, Clone, Copy, Default)]
struct Neumaier {
    sum: f64,
    compensation: f64,
}

impl Neumaier {
    #[inline]
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        self.compensation += if self.sum.abs() >= x.abs() {
            (self.sum - t) + x
        } else {
            (x - t) + self.sum
        };
        self.sum = t;
    }

    fn total(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// Most columns in one [`Moments`].
pub const MAX_MOMENT_COLUMNS: usize = 1_024;

/// Count, means, centred second moments and co-moments of some columns over one group's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moments {
    /// Rows.
    pub n: u64,
    /// Mean of each column.
    pub mean: Vec<f64>,
    /// Σ (x − mean)² of each column.
    pub m2: Vec<f64>,
    /// Column pairs `(y, x)` whose co-moments are kept.
    pub pairs: Vec<(usize, usize)>,
    /// Σ (y − ȳ)(x − x̄) of each pair.
    pub co: Vec<f64>,
}

impl Moments {
    /// No rows of `columns` columns.
    fn empty(columns: usize, pairs: &[(usize, usize)]) -> Moments {
        Moments {
            n: 0,
            mean: vec![0.0; columns],
            m2: vec![0.0; columns],
            pairs: pairs.to_vec(),
            co: vec![0.0; pairs.len()],
        }
    }

    /// The moments of every group: row `i` of `columns` belongs to group `groups[i]` (below
    /// `n_groups`; a negative code leaves the row out). Two passes per column, as a two-pass
    /// variance is computed. `names` name the columns in errors.
    ///
    /// ```
    /// use edgekit::abtest::Moments;
    ///
    /// let y = [1.0, 2.0, 3.0, 10.0, 20.0];
    /// let x = [1.0, 1.0, 2.0, 5.0, 5.0];
    /// let groups = [0, 0, 0, 1, 1];
    /// let m = Moments::by_group(&[&y, &x], &["y", "x"], &[(0, 1)], &groups, 2)?;
    /// assert_eq!((m[0].n, m[0].mean[0], m[0].m2[0]), (3, 2.0, 2.0));
    /// let whole = Moments::by_group(&[&y, &x], &["y", "x"], &[(0, 1)], &[0; 5], 1)?.remove(0);
    /// let merged = m[0].merge(&m[1])?;
    /// assert!((merged.m2[0] - whole.m2[0]).abs() < 1e-12 && (merged.co[0] - whole.co[0]).abs() < 1e-12);
    /// # Ok::<(), edgekit::abtest::AbtestError>(())
    /// ```
    pub fn by_group(
        columns: &[&[f64]],
        names: &[&str],
        pairs: &[(usize, usize)],
        groups: &[i64],
        n_groups: usize,
    ) -> Result<Vec<Moments>, AbtestError> {
        let k = columns.len();
        if k == 0 || k > MAX_MOMENT_COLUMNS {
            return Err(AbtestError::InvalidCount(format!(
                "{k} columns: give between 1 and {MAX_MOMENT_COLUMNS}"
            )));
        }
        if names.len() != k {
            return Err(AbtestError::InvalidCount(format!(
                "{} names for {k} columns",
                names.len()
            )));
        }
        let rows = groups.len();
        for (column, name) in columns.iter().zip(names) {
            if column.len() != rows {
                return Err(AbtestError::InvalidCount(format!(
                    "column {name:?} has {} values for {rows} group codes",
                    column.len()
                )));
            }
        }
        if let Some(&(y, x)) = pairs.iter().find(|&&(y, x)| y >= k || x >= k) {
            return Err(AbtestError::InvalidCount(format!(
                "pair ({y}, {x}) names a column beyond the {k} given"
            )));
        }
        crate::limits::check_count("n_groups", n_groups, 1, rows.max(1) as u64)
            .map_err(|e| AbtestError::InvalidCount(e.to_string()))?;
        if let Some(&g) = groups.iter().find(|&&g| g >= n_groups as i64) {
            return Err(AbtestError::InvalidCount(format!(
                "group code {g} is not below n_groups = {n_groups}"
            )));
        }
        for (column, name) in columns.iter().zip(names) {
            if let Some(i) = column
                .iter()
                .zip(groups)
                .position(|(v, &g)| g >= 0 && !v.is_finite())
            {
                return Err(AbtestError::InvalidCount(format!(
                    "column {name:?} holds {} at row {i}: drop or fill missing and infinite values first",
                    column[i]
                )));
            }
        }
        // Compensated sums (Neumaier): the means, which every later step subtracts, keep their
        // last bits whatever the partitioning, so a cluster's merge and one process agree to
        // rounding of the result, not of the row count.
        let mut out = vec![Moments::empty(k, pairs); n_groups];
        for &g in groups.iter().filter(|&&g| g >= 0) {
            out[g as usize].n += 1;
        }
        let mut sums = vec![Neumaier::default(); n_groups];
        for (c, column) in columns.iter().enumerate() {
            sums.iter_mut().for_each(|s| *s = Neumaier::default());
            for (&v, &g) in column.iter().zip(groups) {
                if g >= 0 {
                    sums[g as usize].add(v);
                }
            }
            for (m, s) in out.iter_mut().zip(&sums) {
                m.mean[c] = s.total() / m.n.max(1) as f64;
            }
        }
        for (c, column) in columns.iter().enumerate() {
            sums.iter_mut().for_each(|s| *s = Neumaier::default());
            for (&v, &g) in column.iter().zip(groups) {
                if g >= 0 {
                    let d = v - out[g as usize].mean[c];
                    sums[g as usize].add(d * d);
                }
            }
            for (m, s) in out.iter_mut().zip(&sums) {
                m.m2[c] = s.total();
            }
        }
        for (p, &(y, x)) in pairs.iter().enumerate() {
            sums.iter_mut().for_each(|s| *s = Neumaier::default());
            for ((&vy, &vx), &g) in columns[y].iter().zip(columns[x]).zip(groups) {
                if g >= 0 {
                    let m = &out[g as usize];
                    sums[g as usize].add((vy - m.mean[y]) * (vx - m.mean[x]));
                }
            }
            for (m, s) in out.iter_mut().zip(&sums) {
                m.co[p] = s.total();
            }
        }
        Ok(out)
    }

    /// The moments of both groups' rows together (Chan, Golub & LeVeque's update).
    pub fn merge(&self, other: &Moments) -> Result<Moments, AbtestError> {
        if self.mean.len() != other.mean.len()
            || self.m2.len() != self.mean.len()
            || other.m2.len() != other.mean.len()
            || self.pairs != other.pairs
            || self.co.len() != self.pairs.len()
            || other.co.len() != other.pairs.len()
        {
            return Err(AbtestError::InvalidCount(
                "moments of different columns or pairs cannot be merged".into(),
            ));
        }
        if other.n == 0 {
            return Ok(self.clone());
        }
        if self.n == 0 {
            return Ok(other.clone());
        }
        let n = self
            .n
            .checked_add(other.n)
            .ok_or_else(|| AbtestError::InvalidCount("row count overflows".into()))?;
        let (na, nb, nn) = (self.n as f64, other.n as f64, n as f64);
        let delta: Vec<f64> = other
            .mean
            .iter()
            .zip(&self.mean)
            .map(|(b, a)| b - a)
            .collect();
        let weight = na * nb / nn;
        Ok(Moments {
            n,
            mean: self
                .mean
                .iter()
                .zip(&delta)
                .map(|(a, d)| a + d * nb / nn)
                .collect(),
            m2: self
                .m2
                .iter()
                .zip(&other.m2)
                .zip(&delta)
                .map(|((a, b), d)| a + b + d * d * weight)
                .collect(),
            pairs: self.pairs.clone(),
            co: self
                .co
                .iter()
                .zip(&other.co)
                .zip(&self.pairs)
                .map(|((a, b), &(y, x))| a + b + delta[y] * delta[x] * weight)
                .collect(),
        })
    }

    /// Size, mean and sample variance of column `c`, for the t tests, gbstats' Bayesian and
    /// the sequential tests.
    pub fn summary(&self, c: usize) -> Result<GroupSummary, AbtestError> {
        let (Some(&mean), Some(&m2)) = (self.mean.get(c), self.m2.get(c)) else {
            return Err(AbtestError::InvalidCount(format!(
                "column {c} is beyond the {} kept",
                self.mean.len()
            )));
        };
        let n = self.n as f64;
        let summary = GroupSummary {
            n,
            mean,
            variance: if self.n > 1 { m2 / (n - 1.0) } else { 0.0 },
        };
        summary.check("moments")?;
        Ok(summary)
    }

    /// The pair `p`'s summary, for CUPED and ratio metrics.
    pub fn paired(&self, p: usize) -> Result<PairedSummary, AbtestError> {
        let Some(&(y, x)) = self.pairs.get(p) else {
            return Err(AbtestError::InvalidCount(format!(
                "pair {p} is beyond the {} kept",
                self.pairs.len()
            )));
        };
        let n = self.n as f64;
        let d = (n - 1.0).max(1.0);
        PairedSummary {
            n,
            mean_y: self.mean[y],
            mean_x: self.mean[x],
            var_y: self.m2[y] / d,
            var_x: self.m2[x] / d,
            cov: self.co[p] / d,
        }
        .checked("moments")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_moments_keep_the_digits_raw_sums_lose() {
        // Values 1e9 + small noise: Σx² − (Σx)²/n cancels to garbage, the pairwise merge not.
        let values: Vec<f64> = (0..1000).map(|i| 1e9 + ((i * 37) % 11) as f64).collect();
        let pre: Vec<f64> = values.iter().map(|v| (v - 1e9) * 2.0 + 1.0).collect();
        let whole = Moments::by_group(&[&values, &pre], &["v", "pre"], &[(0, 1)], &[0; 1000], 1)
            .unwrap()
            .remove(0);
        let groups: Vec<i64> = (0..1000).map(|i| (i % 7) as i64).collect();
        let parts =
            Moments::by_group(&[&values, &pre], &["v", "pre"], &[(0, 1)], &groups, 7).unwrap();
        let merged = parts[1..]
            .iter()
            .try_fold(parts[0].clone(), |acc, m| acc.merge(m))
            .unwrap();
        assert_eq!(merged.n, 1000);
        // The means themselves carry rounding of ~1e-7 at 1e9 (one unit in the last place),
        // which bounds any two algorithms' agreement; raw sums are off by whole units.
        assert!((merged.m2[0] / whole.m2[0] - 1.0).abs() < 1e-8);
        assert!((merged.co[0] / whole.co[0] - 1.0).abs() < 1e-8);
        let (sum, sum_sq) = values
            .iter()
            .fold((0.0, 0.0), |(s, q), v| (s + v, q + v * v));
        let raw = sum_sq - sum * sum / 1000.0;
        assert!(
            (raw / whole.m2[0] - 1.0).abs() > 1e-3,
            "{raw} vs {}",
            whole.m2[0]
        );
        let s = merged.paired(0).unwrap();
        assert!((s.cov - 2.0 * s.var_y).abs() < 1e-7 * s.var_y);
    }

    #[test]
    fn bad_inputs_are_refused() {
        let v = [1.0, 2.0];
        assert!(Moments::by_group(&[&v], &["v"], &[], &[0, 1], 1).is_err());
        assert!(Moments::by_group(&[&v], &["v"], &[(0, 1)], &[0, 0], 1).is_err());
        assert!(Moments::by_group(&[&v], &[], &[], &[0, 0], 1).is_err());
        let nan = Moments::by_group(&[&[1.0, f64::NAN]], &["revenue"], &[], &[0, 0], 1);
        assert!(
            nan.unwrap_err()
                .to_string()
                .contains("\"revenue\" holds NaN")
        );
        // A left-out row may hold anything.
        assert_eq!(
            Moments::by_group(&[&[1.0, f64::NAN]], &["v"], &[], &[0, -1], 1).unwrap()[0].n,
            1
        );
        let a = Moments::by_group(&[&v], &["v"], &[], &[0, 0], 1).unwrap();
        let b = Moments::by_group(&[&v, &v], &["v", "w"], &[], &[0, 0], 1).unwrap();
        assert!(a[0].merge(&b[0]).is_err());
    }
}
