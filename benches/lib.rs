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

/// `n` OHLC bars from a deterministic random walk (prices rounded to cents, so equal opens
/// and closes occur as in real data): `[open, high, low, close]`.
pub fn walk_bars(n: usize, seed: u64) -> [Vec<f64>; 4] {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let cents = |x: f64| (x * 100.0).round() / 100.0;
    let mut price = 100.0;
    let mut bars: [Vec<f64>; 4] = Default::default();
    for _ in 0..n {
        let open = cents(price * (1.0 + 0.004 * (uniform() - 0.5)));
        let close = cents(open * (1.0 + 0.02 * (uniform() - 0.5)));
        let high = cents(open.max(close) * (1.0 + 0.006 * uniform()));
        let low = cents(open.min(close) * (1.0 - 0.006 * uniform()));
        for (column, value) in bars.iter_mut().zip([open, high, low, close]) {
            column.push(value);
        }
        price = close;
    }
    bars
}

/// `rows` × `columns` values driven by five shared factors plus noise (columns correlate, as
/// a model's features do), column-major; `shift` tilts the factor loadings of the second half
/// of the columns (drift in the joint distribution).
pub fn factor_columns(rows: usize, columns: usize, seed: u64, shift: f64) -> Vec<Vec<f64>> {
    let factors: Vec<Vec<f64>> = (0..5).map(|k| skewed_values(rows, seed * 31 + k)).collect();
    (0..columns)
        .map(|j| {
            let noise = skewed_values(rows, seed * 977 + 100 + j as u64);
            let tilt = if j >= columns / 2 { shift } else { 0.0 };
            (0..rows)
                .map(|i| {
                    let loading = |k: usize| ((j * 7 + k * 3) % 5) as f64 / 5.0 + 0.2;
                    let signal: f64 = (0..5).map(|k| loading(k) * factors[k][i]).sum();
                    signal + tilt * factors[(j + 1) % 5][i] + 0.5 * noise[i]
                })
                .collect()
        })
        .collect()
}
