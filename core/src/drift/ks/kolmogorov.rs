//! The two-sided one-sample Kolmogorov distribution `P(Dₙ ≥ x)` for finite `n`, choosing
//! among exact and asymptotic methods as Simard & L'Ecuyer (2011) recommend and scipy's
//! `kstwo` does: Ruben-Gambino closed forms at the ends, Durbin's matrix (Marsaglia, Tsang &
//! Wang 2003), Pomeranz's recursion (1974), twice the one-sided Smirnov tail, and the
//! Pelz-Good (1976) expansion for large `n`.

use std::f64::consts::PI;

use super::smirnov::smirnov_sf;

/// Scaling step that keeps the matrix powers and recursions inside `f64` range.
const SCALE_EXPONENT: i32 = 128;

/// `P(Dₙ ≥ x)` for the two-sided one-sample KS statistic of `n` values: scipy's `kstwo.sf(x, n)`.
///
/// ```
/// let p = edgekit::drift::kstwo_sf(10, 0.3);
/// assert!((p - 0.270_535_574_8).abs() < 1e-9);
/// ```
pub fn kstwo_sf(n: u64, x: f64) -> f64 {
    if x >= 1.0 {
        return 0.0;
    }
    if x <= 0.0 {
        return 1.0;
    }
    let nf = n as f64;
    let t = nf * x;
    if t <= 1.0 {
        if t <= 0.5 {
            return 1.0;
        }
        // Ruben-Gambino: P(Dₙ < x) = n!/nⁿ (2t − 1)ⁿ for 1/2n ≤ x ≤ 1/n.
        let cdf = if n <= 140 {
            (1..=n).fold(1.0, |acc, i| {
                acc * (i as f64 * (1.0 / nf) * (2.0 * t - 1.0))
            })
        } else {
            (log_factorial_over_power(nf) + nf * (2.0 * t - 1.0).ln()).exp()
        };
        return (1.0 - cdf).clamp(0.0, 1.0);
    }
    if t >= nf - 1.0 {
        return (2.0 * (1.0 - x).powf(nf)).clamp(0.0, 1.0);
    }
    if x >= 0.5 {
        return (2.0 * smirnov_sf(n, x)).clamp(0.0, 1.0);
    }
    let nx_squared = t * x;
    if n <= 140 {
        if nx_squared <= 0.754693 {
            return (1.0 - durbin_matrix_cdf(n, x)).clamp(0.0, 1.0);
        }
        if nx_squared <= 4.0 {
            return (1.0 - pomeranz_cdf(n, x)).clamp(0.0, 1.0);
        }
        return (2.0 * smirnov_sf(n, x)).clamp(0.0, 1.0);
    }
    if nx_squared >= 370.0 {
        return 0.0;
    }
    if nx_squared >= 2.2 {
        return (2.0 * smirnov_sf(n, x)).clamp(0.0, 1.0);
    }
    let cdf = if n <= 100_000 && nf * x.powf(1.5) <= 1.4 {
        durbin_matrix_cdf(n, x)
    } else {
        pelz_good_cdf(nf, x)
    };
    (1.0 - cdf).clamp(0.0, 1.0)
}

/// `ln(n! / nⁿ)` by Stirling's series with the `n ln n` removed up front.
fn log_factorial_over_power(n: f64) -> f64 {
    // B_{2j} / (2j (2j − 1)) for j = 8 down to 1, evaluated in 1/n².
    const COEFFICIENTS: [f64; 8] = [
        -3617.0 / 122_400.0,
        1.0 / 156.0,
        -691.0 / 360_360.0,
        1.0 / 1188.0,
        -1.0 / 1680.0,
        1.0 / 1260.0,
        -1.0 / 360.0,
        1.0 / 12.0,
    ];
    let r = 1.0 / n;
    let series = COEFFICIENTS.iter().fold(0.0, |acc, c| acc * (r / n) + c);
    n.ln() / 2.0 - n + (2.0 * PI).ln() / 2.0 + r * series
}

/// `P(Dₙ < x)` from the k-th diagonal entry of Hⁿ (Durbin 1968, Marsaglia-Tsang-Wang form).
fn durbin_matrix_cdf(n: u64, d: f64) -> f64 {
    let nd = n as f64 * d;
    if nd <= 0.5 {
        return 0.0;
    }
    let k = nd.ceil() as usize;
    let h = k as f64 - nd;
    let m = 2 * k - 1;
    let mut first_column = vec![0.0; m];
    let mut inverse_factorials = vec![0.0; m];
    let mut factorial = 1.0;
    for j in 1..=m {
        inverse_factorials[j - 1] = factorial;
        factorial /= j as f64;
        first_column[j - 1] = (1.0 - h.powi(j as i32)) * factorial;
    }
    let corner = (2.0 * h - 1.0).max(0.0).powi(m as i32) - 2.0 * h.powi(m as i32);
    first_column[m - 1] = (1.0 + corner) * factorial;

    let mut matrix = vec![0.0; m * m];
    for col in 1..m {
        for row in (col - 1)..m {
            matrix[row * m + col] = inverse_factorials[row + 1 - col];
        }
    }
    for row in 0..m {
        matrix[row * m] = first_column[row];
        matrix[(m - 1) * m + row] = first_column[m - 1 - row];
    }

    let big = 2f64.powi(SCALE_EXPONENT);
    let mut power = identity(m);
    let mut power_exponent = 0i64;
    let mut matrix_exponent = 0i64;
    let mut remaining = n;
    while remaining > 0 {
        if remaining % 2 == 1 {
            power = multiply(&power, &matrix, m);
            power_exponent += matrix_exponent;
        }
        matrix = multiply(&matrix, &matrix, m);
        matrix_exponent *= 2;
        if matrix[(k - 1) * m + (k - 1)].abs() > big {
            matrix.iter_mut().for_each(|v| *v /= big);
            matrix_exponent += SCALE_EXPONENT as i64;
        }
        remaining /= 2;
    }
    let mut p = power[(k - 1) * m + (k - 1)];
    let nf = n as f64;
    let small = 1.0 / big;
    for i in 1..=n {
        p = i as f64 * p / nf;
        if p.abs() < small {
            p *= big;
            power_exponent -= SCALE_EXPONENT as i64;
        }
    }
    scale_by_power_of_two(p, power_exponent)
}

fn identity(m: usize) -> Vec<f64> {
    let mut out = vec![0.0; m * m];
    (0..m).for_each(|i| out[i * m + i] = 1.0);
    out
}

fn multiply(a: &[f64], b: &[f64], m: usize) -> Vec<f64> {
    let mut out = vec![0.0; m * m];
    for i in 0..m {
        let row = &mut out[i * m..(i + 1) * m];
        for l in 0..m {
            let factor = a[i * m + l];
            if factor == 0.0 {
                continue;
            }
            let other = &b[l * m..(l + 1) * m];
            row.iter_mut()
                .zip(other)
                .for_each(|(o, &v)| *o += factor * v);
        }
    }
    out
}

fn scale_by_power_of_two(value: f64, exponent: i64) -> f64 {
    if exponent == 0 {
        return value;
    }
    let clamped = exponent.clamp(-2200, 2200) as i32;
    libm::ldexp(value, clamped)
}

/// `P(Dₙ < x)` by Pomeranz's recursion: 2n + 1 convolutions with Poisson-like weights,
/// keeping only the band of each row that can be non-zero.
fn pomeranz_cdf(n: u64, x: f64) -> f64 {
    let n = n as i64;
    let nf = n as f64;
    let t = nf * x;
    let ll = t.floor() as i64;
    let f = t - ll as f64;
    let g = f.min(1.0 - f);
    let ceil_f = i64::from(f > 0.0);
    let round_f = i64::from(f > 0.5);
    let powers = (2 * (ll + 1)) as usize;
    let mut g_power = vec![1.0; powers];
    let mut two_g_power = vec![1.0; powers];
    let mut rest_power = vec![1.0; powers];
    for m in 1..powers {
        let mf = m as f64;
        g_power[m] = g_power[m - 1] * (g / nf) / mf;
        two_g_power[m] = two_g_power[m - 1] * (2.0 * g / nf) / mf;
        rest_power[m] = rest_power[m - 1] * ((1.0 - 2.0 * g) / nf) / mf;
    }
    let band = |i: i64| -> (i64, i64) {
        let (j1, j2) = if i == 0 {
            (-ll - ceil_f - 1, ll + ceil_f - 1)
        } else {
            let (half, odd) = ((i + 1) / 2, (i + 1) % 2);
            if odd == 0 {
                if half == n + 1 {
                    (n - ll - ceil_f - 1, n + ll + ceil_f - 1)
                } else {
                    (half - 1 - ll - round_f - 1, half + ll - 1 + ceil_f - 1)
                }
            } else {
                (half - 1 - ll - 1, half + ll + round_f - 1)
            }
        };
        ((j1 + 2).max(0), j2.min(n))
    };

    let big = 2f64.powi(SCALE_EXPONENT);
    let small = 1.0 / big;
    let mut previous = vec![0.0; powers];
    let mut current = vec![0.0; powers];
    current[0] = 1.0;
    let (mut previous_start, mut current_start) = (0i64, 0i64);
    let mut exponent = 0i64;
    let (mut j1, _) = band(0);
    for i in 1..(2 * n + 2) {
        let k1 = j1;
        std::mem::swap(&mut previous, &mut current);
        std::mem::swap(&mut previous_start, &mut current_start);
        current.iter_mut().for_each(|v| *v = 0.0);
        let (next_j1, j2) = band(i);
        j1 = next_j1;
        let weights = if i == 1 || i == 2 * n + 1 {
            &g_power
        } else if i % 2 == 1 {
            &two_g_power
        } else {
            &rest_power
        };
        let width = j2 - k1 + 1;
        if width > 0 {
            // Slices end at the row's length, as numpy's do.
            let start = (k1 - previous_start) as usize;
            let source = &previous[start..(start + width as usize).min(previous.len())];
            let weights = &weights[..(width as usize).min(weights.len())];
            if source.is_empty() {
                continue;
            }
            let skip = (j1 - k1) as usize;
            let count = (j2 - j1 + 1).max(0) as usize;
            for (out_index, out) in current.iter_mut().take(count).enumerate() {
                let target = out_index + skip;
                let low = (target + 1).saturating_sub(weights.len());
                let high = target.min(source.len().saturating_sub(1));
                *out = (low..=high).map(|s| source[s] * weights[target - s]).sum();
            }
            let max = current.iter().cloned().fold(0.0, f64::max);
            if max > 0.0 && max < small {
                current.iter_mut().for_each(|v| *v *= big);
                exponent -= SCALE_EXPONENT as i64;
            }
            current_start = previous_start + j1 - k1;
        }
    }
    let mut answer = current[(n - current_start) as usize];
    for m in 1..=n {
        if answer.abs() > big {
            answer *= small;
            exponent += SCALE_EXPONENT as i64;
        }
        answer *= m as f64;
    }
    scale_by_power_of_two(answer, exponent)
}

/// `P(Dₙ < x)` by the Pelz-Good expansion in `z = x√n` up to the `n^{-3/2}` term.
fn pelz_good_cdf(n: f64, x: f64) -> f64 {
    let z = n.sqrt() * x;
    let (z2, z3, z4, z6) = (z * z, z.powi(3), z.powi(4), z.powi(6));
    let pi2 = PI * PI;
    let pi4 = pi2 * pi2;
    let pi6 = pi4 * pi2;
    let q_log = -pi2 / 8.0 / z2;
    if q_log < -708.0 {
        return 0.0;
    }
    let q = q_log.exp();
    let k1a = -z2;
    let k1b = pi2 / 4.0;
    let k2a = 6.0 * z6 + 2.0 * z4;
    let k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0;
    let k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
    let k3d = pi6 * (5.0 - 30.0 * z2) / 64.0;
    let k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0;
    let k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0;
    let k3a = -30.0 * z6 - 90.0 * z.powi(8);

    // Σ over odd m = 2k − 1 of c(m) q^{m²}, by Horner in q⁸ᵏ.
    let mut terms = [0.0f64; 4];
    let max_k = (16.0 * z / PI).ceil() as i64;
    for k in (1..=max_k).rev() {
        let m = (2 * k - 1) as f64;
        let (m2, m4, m6) = (m * m, m.powi(4), m.powi(6));
        let q_power = q.powf(8.0 * k as f64);
        let coefficients = [
            1.0,
            k1a + k1b * m2,
            k2a + k2b * m2 + k2c * m4,
            k3a + k3b * m2 + k3c * m4 + k3d * m6,
        ];
        for (t, c) in terms.iter_mut().zip(coefficients) {
            *t = *t * q_power + c;
        }
    }
    let root_two_pi = (2.0 * PI).sqrt();
    let denominators = [z, 6.0 * z4, 72.0 * z.powi(7), 6480.0 * z.powi(10)];
    for (t, d) in terms.iter_mut().zip(denominators) {
        *t = *t * q * root_two_pi / d;
    }
    // The second sum runs over all integers k with q' = exp(−π² / 2z²).
    let q2 = (-pi2 / 2.0 / z2).exp();
    let (mut k2_extra, mut k3_extra) = (0.0, 0.0);
    let root3_z = 3f64.sqrt() * z;
    for k in (1..=max_k).rev() {
        let kf = k as f64;
        let k_squared = kf * kf;
        let q_power = q2.powf(k_squared);
        k2_extra += k_squared * q_power;
        let k_pi = PI * kf;
        k3_extra += (root3_z + k_pi) * (root3_z - k_pi) * k_squared * q_power;
    }
    terms[2] += k2_extra * pi2 * root_two_pi / (-36.0 * z3);
    terms[3] += k3_extra * pi2 * root_two_pi / (216.0 * z6);
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| t / n.powf(i as f64 / 2.0))
        .sum()
}
