//! Exact two-sample Kolmogorov-Smirnov tail probabilities by counting lattice paths
//! (Hodges 1958), in the form that carries the probability of having left the band
//! rather than of staying inside it, so small p-values keep their digits (Viehmann 2021).

/// `P(D ≥ h / lcm(m, n))` under the null: the share of the `C(m + n, n)` equally likely paths
/// from (0, 0) to (m, n) that touch `n·x − m·y ≥ h·g` (and, when `two_sided`, also
/// `m·y − n·x ≥ h·g`), where `g = gcd(m, n)`.
pub(super) fn path_tail_probability(m: u64, n: u64, g: u64, h: u64, two_sided: bool) -> f64 {
    let (m, n) = if m < n { (n, m) } else { (m, n) };
    let (mg, ng) = ((m / g) as i64, (n / g) as i64);
    let (n, h) = (n as i64, h as i64);
    // Column x holds, for the y inside the band, the share of paths to (x, y) that have
    // already touched a boundary; cells outside the band count as 1.
    let upper = |x: i64| -> i64 {
        if two_sided {
            (-(-(ng * x + h)).div_euclid(mg)).min(n + 1)
        } else {
            n + 1
        }
    };
    let lower = |x: i64| -> i64 { ((ng * x - h).div_euclid(mg) + 1).clamp(0, n) };
    let mut low = 0i64;
    let mut high = upper(0);
    let capacity = if two_sided {
        ((2 * high + 2) as usize).min(n as usize + 1)
    } else {
        n as usize + 1
    };
    let mut column = vec![1.0f64; capacity.max(1)];
    column[..high as usize].iter_mut().for_each(|v| *v = 0.0);
    let mut length = high - low;
    for x in 1..=(m as i64) {
        let (previous_low, previous_length) = (low, length);
        low = lower(x);
        high = upper(x);
        if high <= low {
            return 1.0;
        }
        // The cell below the band (y = low − 1) is outside: every path through it has left.
        let mut below = if low == 0 { 0.0 } else { 1.0 };
        let xf = x as f64;
        for offset in 0..(high - low) {
            let y = offset + low;
            let left = column[(offset + low - previous_low) as usize];
            below = (left * xf + below * y as f64) / (xf + y as f64);
            column[offset as usize] = below;
        }
        length = high - low;
        if previous_length > length {
            let end = (previous_length as usize).min(column.len());
            column[length as usize..end]
                .iter_mut()
                .for_each(|v| *v = 1.0);
        }
    }
    column[(high - low - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute force over all C(m+n, n) arrangements for tiny samples.
    fn brute(m: u64, n: u64, h: u64, two_sided: bool) -> f64 {
        let total = m + n;
        let g = gcd(m, n);
        let (mut hit, mut all) = (0u64, 0u64);
        for mask in 0u64..(1 << total) {
            if mask.count_ones() as u64 != n {
                continue;
            }
            all += 1;
            let (mut x, mut y) = (0i64, 0i64);
            let mut touched = false;
            for step in 0..total {
                if mask >> step & 1 == 1 {
                    y += 1
                } else {
                    x += 1
                }
                let gap = n as i64 * x - m as i64 * y;
                if gap >= (h * g) as i64 || (two_sided && -gap >= (h * g) as i64) {
                    touched = true;
                }
            }
            hit += u64::from(touched);
        }
        hit as f64 / all as f64
    }

    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }

    #[test]
    fn matches_brute_force_enumeration() {
        for (m, n) in [(5, 3), (4, 4), (6, 4), (7, 2), (3, 8)] {
            let lcm = m * n / gcd(m, n);
            for h in 1..=lcm {
                for two_sided in [true, false] {
                    let dp = path_tail_probability(m, n, gcd(m, n), h, two_sided);
                    let exact = brute(m, n, h, two_sided);
                    assert!(
                        (dp - exact).abs() < 1e-12,
                        "m={m} n={n} h={h} {two_sided}: {dp} vs {exact}"
                    );
                }
            }
        }
    }
}
