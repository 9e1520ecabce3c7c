//! Multivariate maximum mean discrepancy (Gretton et al. 2012) as alibi-detect's `MMDDrift`:
//! a Gaussian RBF kernel whose bandwidth comes from the median heuristic on the reference's
//! pairwise squared distances, the unbiased MMD² (kernel diagonal zeroed), and a permutation
//! p-value — the share of permuted statistics at or above the observed one — here seeded.
//!
//! Each permutation needs the quadratic form `gᵀKg` of its reference indicator `g`; all of them
//! come out of one blocked product `K·G` over the upper triangle of kernel blocks, each block
//! computed once and never stored, so 10⁴ pooled rows and 10³ permutations run in about a
//! second and a hundred megabytes.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::kernel::{BLOCK, Blocks, multiply};
use crate::drift::DriftError;
use crate::limits::{check_count, check_work};

/// Most permutation columns held at once: `rows × columns` f64 stays near 128 MB.
const PERMUTATION_CELLS: usize = 16 << 20;
/// Rows per side of an MMD test.
pub const MAX_MMD_ROWS: u64 = 200_000;
/// Pooled rows² / 2 × (permutations + the kernel's cost) in multiply-adds: about a minute on
/// two cores.
pub const MAX_MMD_WORK: u64 = 2_000_000_000_000;
/// One kernel entry (distance and `exp`) costs about as much as this many multiply-adds of the
/// permutation product; it is paid once per batch of permutations.
const KERNEL_COST: usize = 256;

/// Options of [`MmdDrift`], named as alibi-detect names them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct MmdDriftOptions {
    /// Drift when the permutation p-value is below this (alibi-detect: 0.05).
    pub p_val: f64,
    /// Permutations of the pooled rows (alibi-detect: 100).
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub n_permutations: u64,
    /// Kernel bandwidth; `None` takes the median heuristic on the reference.
    pub sigma: Option<f64>,
    /// Seed of the permutations.
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub seed: u64,
}

impl Default for MmdDriftOptions {
    fn default() -> Self {
        Self {
            p_val: 0.05,
            n_permutations: 100,
            sigma: None,
            seed: 0,
        }
    }
}

impl MmdDriftOptions {
    /// Refuses a `p_val` outside (0, 1), a permutation count outside its limit and a
    /// non-positive `sigma` (what [`MmdDrift::fit`] checks before it reads the data).
    pub fn check(&self) -> Result<(), DriftError> {
        if !(self.p_val > 0.0 && self.p_val < 1.0) {
            return Err(DriftError::OutOfRange {
                argument: "p_val",
                value: self.p_val,
                range: "(0, 1)",
            });
        }
        check_count(
            "n_permutations",
            self.n_permutations,
            1,
            crate::limits::MAX_RESAMPLES,
        )?;
        match self.sigma {
            Some(s) if !(s.is_finite() && s > 0.0) => Err(DriftError::OutOfRange {
                argument: "sigma",
                value: s,
                range: "(0, ∞)",
            }),
            _ => Ok(()),
        }
    }
}

/// What [`MmdDrift::test`] found, with alibi-detect's names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct MmdDriftResult {
    /// `p_val < threshold`.
    pub is_drift: bool,
    /// Share of permuted MMD² at or above the observed one.
    pub p_val: f64,
    /// The significance level the p-value is held to.
    pub threshold: f64,
    /// The observed unbiased MMD².
    pub distance: f64,
    /// The permuted MMD² exceeded by a share `threshold` of the permutations: drift is likely
    /// once `distance` passes it.
    pub distance_threshold: f64,
    /// The kernel bandwidth used.
    pub sigma: f64,
}

/// A reference sample of rows, ready to be tested against current samples.
///
/// ```
/// use edgekit::drift::{MmdDrift, MmdDriftOptions};
/// // Two columns whose correlation flips: each column alone keeps its distribution.
/// let rows = |sign: f64| -> Vec<f64> {
///     (0..200).flat_map(|i| {
///         let a = ((i * 37 % 200) as f64 / 100.0) - 1.0;
///         [a, sign * a + 0.1 * ((i * 11 % 7) as f64 - 3.0)]
///     }).collect()
/// };
/// let detector = MmdDrift::fit(&rows(1.0), 2, MmdDriftOptions::default())?;
/// assert!(!detector.test(&rows(1.0))?.is_drift);
/// assert!(detector.test(&rows(-1.0))?.is_drift);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MmdDrift {
    columns: usize,
    reference: Vec<f64>,
    sigma: f64,
    options: MmdDriftOptions,
}

fn check_rows(argument: &'static str, values: &[f64], columns: usize) -> Result<usize, DriftError> {
    if values.is_empty() {
        return Err(DriftError::Empty { argument });
    }
    if !values.len().is_multiple_of(columns) {
        return Err(DriftError::Undefined(format!(
            "{argument} has {} values, not a whole number of rows of {columns} columns",
            values.len()
        )));
    }
    if let Some(index) = values.iter().position(|v| !v.is_finite()) {
        return Err(DriftError::Undefined(format!(
            "{argument} row {}, column {} is {}; MMD needs finite values (impute or drop missing \
             values first)",
            index / columns,
            index % columns,
            values[index]
        )));
    }
    let rows = values.len() / columns;
    if rows < 2 {
        return Err(DriftError::TooFew {
            argument,
            needed: 2,
            got: rows,
        });
    }
    check_count(argument, rows, 2, MAX_MMD_ROWS)?;
    Ok(rows)
}

/// The alibi-detect median: of the reference's n² squared distances sorted (diagonal zeros
/// included), the one at `n + (n² − n) / 2 − 1` — the lower middle of the distinct pairs.
/// Found by a two-pass radix select on the bit patterns, so no n²/2 array is held.
fn median_pair_distance(blocks: &Blocks) -> f64 {
    let n = blocks.rows;
    let pairs = n * (n - 1) / 2;
    let rank = (pairs - 1) / 2;
    // Non-negative f64 order like their bits; the top 16 pick one of 2¹⁶ buckets.
    let bucket = |d: f64| (d.to_bits() >> 48) as usize;
    // Every distance of row i to the rows before it, handed to `visit`.
    let each_pair = |i: usize, visit: &mut dyn FnMut(f64)| {
        let (bi, a) = (i / BLOCK, i % BLOCK);
        let mut row = [0.0; BLOCK];
        for bj in 0..=bi {
            blocks.distances(bi, a, bj, &mut row);
            let (j0, j1) = blocks.span(bj);
            let end = (j1 - j0).min(i - j0);
            row[..end].iter().for_each(|&d| visit(d));
        }
    };
    // Rows dealt round-robin to a fixed number of groups: balanced and thread-count free.
    const GROUPS: usize = 16;
    let counts = (0..GROUPS)
        .into_par_iter()
        .map(|g| {
            let mut counts = vec![0u64; 1 << 16];
            for i in (g..n).step_by(GROUPS) {
                each_pair(i, &mut |d| counts[bucket(d)] += 1);
            }
            counts
        })
        .reduce(
            || vec![0u64; 1 << 16],
            |mut a, b| {
                a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                a
            },
        );
    let mut before = 0u64;
    let mut target = 0;
    for (b, &c) in counts.iter().enumerate() {
        if before + c > rank as u64 {
            target = b;
            break;
        }
        before += c;
    }
    let mut candidates: Vec<f64> = (0..GROUPS)
        .into_par_iter()
        .flat_map_iter(|g| {
            let mut kept = Vec::new();
            for i in (g..n).step_by(GROUPS) {
                each_pair(i, &mut |d| {
                    if bucket(d) == target {
                        kept.push(d)
                    }
                });
            }
            kept
        })
        .collect();
    let index = rank - before as usize;
    *candidates.select_nth_unstable_by(index, f64::total_cmp).1
}

impl MmdDrift {
    /// Keeps `reference` (row-major, `columns` values per row) and fixes the bandwidth.
    pub fn fit(
        reference: &[f64],
        columns: usize,
        options: MmdDriftOptions,
    ) -> Result<Self, DriftError> {
        check_count("columns", columns, 1, 1 << 20)?;
        let rows = check_rows("reference", reference, columns)?;
        options.check()?;
        let sigma = match options.sigma {
            Some(s) => s,
            None => {
                check_work(
                    "reference",
                    rows,
                    rows * columns,
                    crate::limits::MAX_RESAMPLE_WORK,
                )?;
                let median = median_pair_distance(&Blocks::new(reference, columns));
                if !(median > 0.0 && median.is_finite()) {
                    return Err(DriftError::Undefined(format!(
                        "the median squared distance between reference rows is {median}; \
                         the median heuristic needs spread (pass sigma, or rescale the values)"
                    )));
                }
                (0.5 * median).sqrt()
            }
        };
        Ok(Self {
            columns,
            reference: reference.to_vec(),
            sigma,
            options,
        })
    }

    /// Columns per row.
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// The kernel bandwidth.
    pub fn sigma(&self) -> f64 {
        self.sigma
    }

    /// The options fitted with.
    pub fn options(&self) -> &MmdDriftOptions {
        &self.options
    }

    /// Rows in the reference.
    pub fn reference_rows(&self) -> usize {
        self.reference.len() / self.columns
    }

    /// The detector as JSON (reference rows included).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    /// Reads [`to_json`](Self::to_json) output, checking it as `fit` checks its input.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let saved: Self = serde_json::from_str(text)
            .map_err(|e| DriftError::Undefined(format!("not a saved MMD detector: {e}")))?;
        let options = MmdDriftOptions {
            sigma: Some(saved.sigma),
            ..saved.options
        };
        let checked = Self::fit(&saved.reference, saved.columns, options)?;
        Ok(Self {
            options: saved.options,
            ..checked
        })
    }

    /// Tests `current` (row-major, the reference's column count) against the reference.
    pub fn test(&self, current: &[f64]) -> Result<MmdDriftResult, DriftError> {
        let m = check_rows("current", current, self.columns)?;
        let n = self.reference.len() / self.columns;
        let permutations = self.options.n_permutations as usize;
        let pooled_rows = n + m;
        let pairs = pooled_rows * pooled_rows / 2;
        let total = permutations + 1;
        let batch = (PERMUTATION_CELLS / pooled_rows).clamp(16, 1024).min(total);
        let work = total + KERNEL_COST * total.div_ceil(batch);
        check_work("n_permutations", work, pairs, MAX_MMD_WORK)?;
        let pooled: Vec<f64> = self.reference.iter().chain(current).copied().collect();
        let pooled = Blocks::new(&pooled, self.columns);
        let gamma = 1.0 / (2.0 * self.sigma * self.sigma);
        if !gamma.is_finite() {
            return Err(DriftError::Undefined(
                "sigma is too small for f64".to_owned(),
            ));
        }
        // Column 0 is the observed split; the others are seeded random splits of n rows.
        let mut rng = fastrand::Rng::with_seed(self.options.seed);
        let mut forms = Vec::with_capacity(total);
        let mut reference_sums = Vec::with_capacity(total);
        let mut row_sums = Vec::new();
        let mut order: Vec<usize> = (0..pooled_rows).collect();
        let mut start = 0;
        while start < total {
            let width = batch.min(total - start);
            let mut indicators = vec![0.0; pooled_rows * width];
            for p in 0..width {
                if start + p == 0 {
                    (0..n).for_each(|i| indicators[i * width] = 1.0);
                    continue;
                }
                // alibi-detect shuffles all pooled rows and calls the first n the reference.
                for i in 0..n {
                    let j = rng.usize(i..pooled_rows);
                    order.swap(i, j);
                }
                order[..n]
                    .iter()
                    .for_each(|&i| indicators[i * width + p] = 1.0);
            }
            let (batch_forms, sums) = kernel_forms(&pooled, gamma, &indicators, width);
            if row_sums.is_empty() {
                row_sums = sums;
            }
            let mut batch_sums = vec![0.0; width];
            for (g, &r) in indicators.chunks_exact(width).zip(&row_sums) {
                batch_sums
                    .iter_mut()
                    .zip(g)
                    .for_each(|(s, &gv)| *s += gv * r);
            }
            forms.extend(batch_forms);
            reference_sums.extend(batch_sums);
            start += width;
        }
        let all: f64 = row_sums.iter().sum();
        let (nf, mf) = (n as f64, m as f64);
        let statistic = |q: f64, r: f64| {
            q / (nf * (nf - 1.0)) + (all - 2.0 * r + q) / (mf * (mf - 1.0))
                - 2.0 * (r - q) / (nf * mf)
        };
        let distance = statistic(forms[0], reference_sums[0]);
        let mut permuted: Vec<f64> = (1..total)
            .map(|p| statistic(forms[p], reference_sums[p]))
            .collect();
        if !distance.is_finite() || permuted.iter().any(|v| !v.is_finite()) {
            return Err(DriftError::Undefined(
                "the MMD statistic overflows f64 for these values; rescale them".to_owned(),
            ));
        }
        let at_or_above = permuted.iter().filter(|&&v| distance <= v).count();
        let p_val = at_or_above as f64 / permutations as f64;
        permuted.sort_unstable_by(|a, b| b.total_cmp(a));
        let index = ((self.options.p_val * permutations as f64) as usize).min(permutations - 1);
        Ok(MmdDriftResult {
            is_drift: p_val < self.options.p_val,
            p_val,
            threshold: self.options.p_val,
            distance,
            distance_threshold: permuted[index],
            sigma: self.sigma,
        })
    }
}

/// For each column `g` of `indicators` (pooled rows × `width`, row-major), `gᵀKg` with the
/// kernel's diagonal zeroed; also the kernel's row sums. Blocks `(I, J)` with `I ≤ J` are
/// independent tasks whose results are added in a fixed order, so the answer does not depend
/// on the thread count.
fn kernel_forms(
    pooled: &Blocks,
    gamma: f64,
    indicators: &[f64],
    width: usize,
) -> (Vec<f64>, Vec<f64>) {
    let blocks = pooled.count();
    let pairs: Vec<(usize, usize)> = (0..blocks)
        .flat_map(|i| (i..blocks).map(move |j| (i, j)))
        .collect();
    let parts: Vec<(Vec<f64>, Vec<f64>, Vec<f64>)> = pairs
        .par_iter()
        .map_init(
            || (vec![0.0; BLOCK * BLOCK], vec![0.0; BLOCK * width]),
            |(kernel, product), &(bi, bj)| {
                let (i0, i1) = pooled.span(bi);
                let (j0, j1) = pooled.span(bj);
                let (h, w) = (i1 - i0, j1 - j0);
                pooled.kernel(bi, bj, gamma, kernel);
                let sums_i: Vec<f64> = kernel
                    .chunks_exact(BLOCK)
                    .take(h)
                    .map(|row| row[..w].iter().sum())
                    .collect();
                let mut sums_j = vec![0.0; w];
                if bi != bj {
                    for row in kernel.chunks_exact(BLOCK).take(h) {
                        sums_j.iter_mut().zip(row).for_each(|(s, k)| *s += k);
                    }
                }
                multiply(
                    kernel,
                    BLOCK,
                    (h, w),
                    &indicators[j0 * width..j1 * width],
                    width,
                    product,
                );
                let weight = if bi == bj { 1.0 } else { 2.0 };
                let mut forms = vec![0.0; width];
                for a in 0..h {
                    let g = &indicators[(i0 + a) * width..(i0 + a + 1) * width];
                    let c_row = &product[a * width..(a + 1) * width];
                    for ((f, &gv), &cv) in forms.iter_mut().zip(g).zip(c_row) {
                        *f += gv * cv;
                    }
                }
                forms.iter_mut().for_each(|f| *f *= weight);
                (forms, sums_i, sums_j)
            },
        )
        .collect();
    let mut forms = vec![0.0; width];
    let mut row_sums = vec![0.0; pooled.rows];
    for (&(bi, bj), (f, sums_i, sums_j)) in pairs.iter().zip(&parts) {
        forms.iter_mut().zip(f).for_each(|(a, b)| *a += b);
        let i0 = bi * BLOCK;
        row_sums[i0..i0 + sums_i.len()]
            .iter_mut()
            .zip(sums_i)
            .for_each(|(a, b)| *a += b);
        if bi != bj {
            let j0 = bj * BLOCK;
            row_sums[j0..j0 + sums_j.len()]
                .iter_mut()
                .zip(sums_j)
                .for_each(|(a, b)| *a += b);
        }
    }
    (forms, row_sums)
}
