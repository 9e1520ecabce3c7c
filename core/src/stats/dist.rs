//! Distribution functions for the engines, on statrs, for parameters the caller validated.
//!
//! Tail probabilities use the survival functions directly so small p-values keep their
//! relative precision (`1 - cdf` would round them to 0).

use statrs::distribution::{Beta, ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};

/// Refines statrs' quantile `x` of `dist` at `p` by Newton steps on the CDF (on the survival
/// function above the median, where `1 - cdf` would lose the digits that matter). statrs'
/// inverses are good to about 1e-9 for some shapes; two or three steps reach double precision.
fn polish<D: ContinuousCDF<f64, f64> + Continuous<f64, f64>>(dist: &D, p: f64, mut x: f64) -> f64 {
    if !x.is_finite() || p <= 0.0 || p >= 1.0 {
        return x;
    }
    for _ in 0..4 {
        let error = if p > 0.5 {
            (1.0 - p) - dist.sf(x)
        } else {
            dist.cdf(x) - p
        };
        let density = dist.pdf(x);
        if density <= 0.0 || !density.is_finite() {
            break;
        }
        let step = error / density;
        x -= step;
        if step.abs() <= 4.0 * f64::EPSILON * x.abs() {
            break;
        }
    }
    x
}

fn standard_normal() -> Normal {
    Normal::standard()
}

/// `P(Z <= z)` for a standard normal `Z`.
pub fn norm_cdf(z: f64) -> f64 {
    standard_normal().cdf(z)
}

/// `P(Z > z)` for a standard normal `Z`.
pub fn norm_sf(z: f64) -> f64 {
    standard_normal().sf(z)
}

/// The standard normal quantile at probability `p` in `(0, 1)`.
pub fn norm_ppf(p: f64) -> f64 {
    let dist = standard_normal();
    polish(&dist, p, dist.inverse_cdf(p))
}

fn students_t(df: f64) -> StudentsT {
    StudentsT::new(0.0, 1.0, df).unwrap_or_else(|_| panic!("degrees of freedom {df} must be > 0"))
}

/// `P(T <= t)` for Student's t with `df > 0` degrees of freedom.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    students_t(df).cdf(t)
}

/// `P(T > t)` for Student's t with `df > 0` degrees of freedom.
pub fn t_sf(t: f64, df: f64) -> f64 {
    students_t(df).sf(t)
}

/// Student's t quantile at probability `p` in `(0, 1)`.
pub fn t_ppf(p: f64, df: f64) -> f64 {
    let dist = students_t(df);
    polish(&dist, p, dist.inverse_cdf(p))
}

/// `P(X > x)` for a chi-square variable with `df > 0` degrees of freedom.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    ChiSquared::new(df)
        .unwrap_or_else(|_| panic!("degrees of freedom {df} must be > 0"))
        .sf(x)
}

/// The Beta(`a`, `b`) quantile at probability `p` in `[0, 1]`, for `a, b > 0`.
pub fn beta_ppf(p: f64, a: f64, b: f64) -> f64 {
    let dist = Beta::new(a, b).unwrap_or_else(|_| panic!("beta shapes ({a}, {b}) must be > 0"));
    polish(&dist, p, dist.inverse_cdf(p)).clamp(0.0, 1.0)
}
