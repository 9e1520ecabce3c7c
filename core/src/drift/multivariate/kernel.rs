//! Gaussian kernel blocks over row-major samples, written so the compiler vectorizes them:
//! each block's rows are kept column-major, distances accumulate one column at a time over a
//! contiguous run of rows, and `exp` is a branch-free polynomial the loop can inline.

/// Rows per kernel block.
pub(super) const BLOCK: usize = 256;

/// `e^x` for `x ≤ 0`, within 2 ulp of `f64::exp` above −708 (below it the kernel value is
/// under 10⁻³⁰⁷ and is returned as `e^−708`). Cody–Waite reduction `x = k·ln 2 + r`,
/// `|r| ≲ ln 2 / 2`, and the degree-13 Taylor polynomial of `e^r` (truncation < 2·10⁻¹⁸).
#[inline(always)]
pub(super) fn exp_nonpositive(x: f64) -> f64 {
    const LOG2E: f64 = std::f64::consts::LOG2_E;
    // fdlibm's split of ln 2: the high part's last 32 bits are zero.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    // 1.5 · 2⁵²: adding it rounds to an integer held in the low mantissa bits.
    const SHIFTER: f64 = 6_755_399_441_055_744.0;
    let x = x.clamp(-708.0, 0.0);
    let shifted = x * LOG2E + SHIFTER;
    let k = shifted - SHIFTER;
    // k·LN2_HI is exact (LN2_HI ends in zero bits), so r carries no cancellation error.
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut p: f64 = 1.0 / 6_227_020_800.0;
    for c in [
        1.0 / 479_001_600.0,
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
        1.0,
        1.0,
    ] {
        p = p * r + c;
    }
    // k sits in the low bits of `shifted` as a two's-complement offset from SHIFTER's bits.
    let k_int = shifted.to_bits().wrapping_sub(SHIFTER.to_bits());
    let scale = f64::from_bits(k_int.wrapping_add(1023) << 52);
    p * scale
}

/// `c = a · b` for row-major `a` (`h × w`, rows `a_stride` apart), `b` (`w × width`) and `c`
/// (`h × width`), by the `gemm` crate's runtime-dispatched (AVX2/FMA, AVX-512) kernels.
pub(super) fn multiply(
    a: &[f64],
    a_stride: usize,
    (h, w): (usize, usize),
    b: &[f64],
    width: usize,
    c: &mut [f64],
) {
    assert!(h > 0 && w > 0 && width > 0 && w <= a_stride);
    assert!(a.len() >= (h - 1) * a_stride + w && b.len() >= w * width && c.len() >= h * width);
    // SAFETY: the asserts keep every element gemm reads or writes inside the three slices, and
    // `c` is borrowed mutably, so it aliases neither input.
    unsafe {
        gemm::gemm(
            h,
            width,
            w,
            c.as_mut_ptr(),
            1,
            width as isize,
            false,
            a.as_ptr(),
            1,
            a_stride as isize,
            b.as_ptr(),
            1,
            width as isize,
            0.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}

/// A row-major sample regrouped into blocks of [`BLOCK`] rows, each block column-major.
pub(super) struct Blocks {
    pub columns: usize,
    pub rows: usize,
    transposed: Vec<f64>,
}

impl Blocks {
    pub fn new(values: &[f64], columns: usize) -> Self {
        let rows = values.len() / columns;
        let mut transposed = vec![0.0; rows.div_ceil(BLOCK) * BLOCK * columns];
        for (i, row) in values.chunks_exact(columns).enumerate() {
            let (block, offset) = (i / BLOCK, i % BLOCK);
            for (c, &v) in row.iter().enumerate() {
                transposed[(block * columns + c) * BLOCK + offset] = v;
            }
        }
        Self {
            columns,
            rows,
            transposed,
        }
    }

    pub fn count(&self) -> usize {
        self.rows.div_ceil(BLOCK)
    }

    /// Rows `[start, end)` of block `b`.
    pub fn span(&self, b: usize) -> (usize, usize) {
        (b * BLOCK, ((b + 1) * BLOCK).min(self.rows))
    }

    #[inline(always)]
    fn column(&self, b: usize, c: usize) -> &[f64; BLOCK] {
        let start = (b * self.columns + c) * BLOCK;
        self.transposed[start..start + BLOCK]
            .try_into()
            .expect("a block column holds BLOCK values")
    }

    /// Squared distances from row `a` of block `bi` to every row of block `bj`.
    #[inline(always)]
    pub fn distances(&self, bi: usize, a: usize, bj: usize, out: &mut [f64; BLOCK]) {
        out.fill(0.0);
        for c in 0..self.columns {
            let x = self.column(bi, c)[a];
            for (o, &y) in out.iter_mut().zip(self.column(bj, c)) {
                let d = x - y;
                *o += d * d;
            }
        }
    }

    /// The kernel block `exp(−γ‖xᵢ − yⱼ‖²)` of blocks `bi` × `bj` into `out` (row-major,
    /// `BLOCK` wide), zero where a row meets itself.
    pub fn kernel(&self, bi: usize, bj: usize, gamma: f64, out: &mut [f64]) {
        let (i0, i1) = self.span(bi);
        let mut row = [0.0; BLOCK];
        for a in 0..i1 - i0 {
            self.distances(bi, a, bj, &mut row);
            let target = &mut out[a * BLOCK..(a + 1) * BLOCK];
            for (k, &d) in target.iter_mut().zip(&row) {
                *k = exp_nonpositive(-gamma * d);
            }
            if bi == bj {
                target[a] = 0.0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_matches_std_within_two_ulp() {
        let mut worst = 0.0f64;
        for i in 0..2_000_000 {
            let x = -(i as f64) * 708.0 / 2_000_000.0 - (i % 7) as f64 * 1e-9;
            let (ours, std) = (exp_nonpositive(x), x.max(-708.0).exp());
            worst = worst.max(((ours - std) / std).abs());
        }
        assert!(worst < 4.5e-16, "worst relative error {worst:e}");
        assert_eq!(exp_nonpositive(0.0), 1.0);
        assert_eq!(exp_nonpositive(-1e-300), 1.0);
        assert!(exp_nonpositive(-1e9) > 0.0 && exp_nonpositive(-1e9) < 1e-300);
    }

    #[test]
    fn blocks_give_every_distance() {
        let values: Vec<f64> = (0..300 * 3).map(|i| (i as f64 * 0.37).sin()).collect();
        let blocks = Blocks::new(&values, 3);
        let mut out = [0.0; BLOCK];
        blocks.distances(1, 5, 0, &mut out);
        let row = |i: usize| &values[i * 3..i * 3 + 3];
        let direct: f64 = row(BLOCK + 5)
            .iter()
            .zip(row(17))
            .map(|(a, b)| (a - b) * (a - b))
            .sum();
        assert!((out[17] - direct).abs() < 1e-15);
    }
}
