//! Deterministic inputs shared by the criterion benchmarks.

/// `n` values from a seeded SplitMix64 stream mapped to a skewed, heavy-tailed shape
/// (a product of uniforms), so sorting and selection see realistic data.
pub fn skewed_values(n: usize, seed: u64) -> Vec<f64> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n).map(|_| next() * next() * 100.0 - 20.0).collect()
}
