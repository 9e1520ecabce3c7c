//! Random variates for seeded Monte Carlo: standard normal (Marsaglia's polar method), gamma
//! (Marsaglia & Tsang 2000, with the `U^{1/a}` boost below shape 1) and beta (ratio of gammas).

/// A standard normal variate.
pub(crate) fn standard_normal(rng: &mut fastrand::Rng) -> f64 {
    loop {
        let (u, v) = (2.0 * rng.f64() - 1.0, 2.0 * rng.f64() - 1.0);
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * (-2.0 * s.ln() / s).sqrt();
        }
    }
}

/// A Gamma(`shape`, 1) variate for `shape > 0`.
pub(crate) fn gamma(rng: &mut fastrand::Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        let boost = (1.0 - rng.f64()).powf(1.0 / shape);
        return gamma(rng, shape + 1.0) * boost;
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let z = standard_normal(rng);
        let v = (1.0 + c * z).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = 1.0 - rng.f64();
        if u.ln() < 0.5 * z * z + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// A Beta(`a`, `b`) variate for `a, b > 0`.
pub(crate) fn beta(rng: &mut fastrand::Rng, a: f64, b: f64) -> f64 {
    let x = gamma(rng, a);
    let y = gamma(rng, b);
    x / (x + y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_draws_have_the_right_mean_and_variance() {
        let mut rng = fastrand::Rng::with_seed(3);
        for (a, b) in [(0.5, 0.5), (2.0, 7.5), (300.5, 1200.0)] {
            let draws: Vec<f64> = (0..200_000).map(|_| beta(&mut rng, a, b)).collect();
            let n = draws.len() as f64;
            let mean = draws.iter().sum::<f64>() / n;
            let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
            let (want_mean, want_var) = (a / (a + b), a * b / ((a + b).powi(2) * (a + b + 1.0)));
            assert!(
                (mean - want_mean).abs() < 5.0 * (want_var / n).sqrt(),
                "{a} {b} mean"
            );
            assert!(
                (var / want_var - 1.0).abs() < 0.02,
                "{a} {b} var {var} vs {want_var}"
            );
        }
    }
}
