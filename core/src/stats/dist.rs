//! Distribution functions for the engines, on statrs, for parameters the caller validated.
//!
//! Tail probabilities use the survival functions directly so small p-values keep their
//! relative precision (`1 - cdf` would round them to 0).

use statrs::distribution::{Beta, ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};

/// Refines statrs' quantile `x` of `dist` at `p` by Newton steps on the CDF (on the survival
/// function above the median, where `1 - cdf` would lose the digits that matter). statrs'
/// inverses are good to about 1e-9 for some shapes; two or three steps reach double precision.
fn polish(
    p: f64,
    mut x: f64,
    cdf: impl Fn(f64) -> f64,
    sf: impl Fn(f64) -> f64,
    pdf: impl Fn(f64) -> f64,
) -> f64 {
    if !x.is_finite() || p <= 0.0 || p >= 1.0 {
        return x;
    }
    for _ in 0..6 {
        let error = if p > 0.5 {
            (1.0 - p) - sf(x)
        } else {
            cdf(x) - p
        };
        let density = pdf(x);
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

/// [`polish`] with a distribution's own statrs functions.
fn polish_with<D: ContinuousCDF<f64, f64> + Continuous<f64, f64>>(dist: &D, p: f64, x: f64) -> f64 {
    polish(p, x, |v| dist.cdf(v), |v| dist.sf(v), |v| dist.pdf(v))
}

/// `P(Z <= z)` for a standard normal `Z`, from libm's `erfc` (statrs' normal tail carries
/// ~1e-10 relative error; libm's `erfc` is within an ulp or two).
pub fn norm_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// `P(Z > z)` for a standard normal `Z`.
pub fn norm_sf(z: f64) -> f64 {
    0.5 * libm::erfc(z / std::f64::consts::SQRT_2)
}

fn norm_pdf(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// The standard normal quantile at probability `p` in `(0, 1)`.
pub fn norm_ppf(p: f64) -> f64 {
    let start = Normal::standard().inverse_cdf(p);
    polish(p, start, norm_cdf, norm_sf, norm_pdf)
}

fn students_t(df: f64) -> StudentsT {
    StudentsT::new(0.0, 1.0, df).unwrap_or_else(|_| panic!("degrees of freedom {df} must be > 0"))
}

/// `P(T <= t)` for Student's t with `df > 0` degrees of freedom.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    t_sf(-t, df)
}

/// `P(T > t)` for Student's t with `df > 0` degrees of freedom.
pub fn t_sf(t: f64, df: f64) -> f64 {
    if df < LARGE_DF {
        return students_t(df).sf(t);
    }
    if t < 0.0 {
        return 1.0 - t_sf(-t, df);
    }
    upper_tail_large_df(t, df)
}

/// From here on the t tail is computed below rather than by statrs, whose tail loses digits
/// as the degrees of freedom grow (measured against scipy: 5e-11 relative at 10^4, 9e-10 at
/// 10^6, 4e-8 at 10^7) because it forms ln B(ν/2, ½) as a difference of huge ln Γ values.
const LARGE_DF: f64 = 100.0;

/// `ln Γ(a + ½) − ln Γ(a)` for `a ≥ 50` by its asymptotic series (error below 1e-18).
fn ln_gamma_half_ratio(a: f64) -> f64 {
    let r = 1.0 / a;
    let r2 = r * r;
    0.5 * a.ln() - r / 8.0 + r * r2 / 192.0 - r * r2 * r2 / 640.0
        + 17.0 * r * r2 * r2 * r2 / 14336.0
}

/// The continued fraction of the regularised incomplete beta `I_x(a, b)` (DLMF 8.17.22),
/// evaluated by the modified Lentz method.
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    let mut h = d;
    for m in 1..200_000 {
        let m = m as f64;
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

/// `P(T > t)` for `t ≥ 0` and `df ≥ 100`.
///
/// For very large `ν` and moderate `t`, the expansion of the t tail around the normal,
/// `Φc(t) + φ(t)·[(t³ + t)/(4ν) + (3t⁷ − 7t⁵ − 5t³ − 3t)/(96ν²)]`, whose next term is of
/// relative order `t¹²/(400ν³)` (coefficients fitted to 80-digit mpmath tails at ν = 10¹²,
/// where they come out as these integers). Elsewhere `½ · I_x(ν/2, ½)` with `x = ν/(ν + t²)`,
/// the prefactor `x^a (1−x)^b / B(a, b)` formed in logarithms with an accurate `ln B(a, ½)`.
fn upper_tail_large_df(t: f64, df: f64) -> f64 {
    if df >= 1e6 && 12.0 * t.ln() < (4e-11_f64).ln() + 3.0 * df.ln() {
        let t2 = t * t;
        let density = norm_pdf(t);
        let first = t * (t2 + 1.0) / (4.0 * df);
        let second = t * (((3.0 * t2 - 7.0) * t2 - 5.0) * t2 - 3.0) / (96.0 * df * df);
        return norm_sf(t) + density * (first + second);
    }
    let (a, b) = (0.5 * df, 0.5);
    let ln_x = -(t * t / df).ln_1p();
    let ln_one_minus_x = 2.0 * t.ln() - (df + t * t).ln();
    let ln_beta = 0.5 * std::f64::consts::PI.ln() - ln_gamma_half_ratio(a);
    let ln_front = a * ln_x + b * ln_one_minus_x - ln_beta;
    let x = (-(t * t / df).ln_1p()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        0.5 * (ln_front - a.ln()).exp() * beta_continued_fraction(a, b, x)
    } else {
        let complement = (ln_front - b.ln()).exp() * beta_continued_fraction(b, a, 1.0 - x);
        0.5 * (1.0 - complement)
    }
}

/// Student's t quantile at probability `p` in `(0, 1)`.
pub fn t_ppf(p: f64, df: f64) -> f64 {
    let dist = students_t(df);
    if df <= 30.0 {
        return polish(
            p,
            dist.inverse_cdf(p),
            |v| t_cdf(v, df),
            |v| t_sf(v, df),
            |v| dist.pdf(v),
        );
    }
    // statrs' inverse is wrong from about 10^7 degrees of freedom, does not return at 2·10^7,
    // and is slow everywhere (a search). Hill's (1970) Cornish-Fisher series instead: its
    // error is about z^10/df^5 (measured against scipy: 3e-14 relative at df = 1000 for
    // |z| ≤ 3.3, 1e-5 at df = 30), so large df need no Newton steps, small df two or three.
    let z = norm_ppf(p);
    let z2 = z * z;
    let terms = [
        (z2 + 1.0) / 4.0,
        ((5.0 * z2 + 16.0) * z2 + 3.0) / 96.0,
        (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / 384.0,
        ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) / 92160.0,
    ];
    let start = z + z * terms.iter().rev().fold(0.0, |sum, term| (sum + term) / df);
    if z2 * z2 * z2 * z2 * z2 <= 1e-13 * df.powi(5) {
        return start;
    }
    polish(p, start, |v| t_cdf(v, df), |v| t_sf(v, df), |v| dist.pdf(v))
}

/// `P(X > x)` for a chi-square variable with `df > 0` degrees of freedom.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    ChiSquared::new(df)
        .unwrap_or_else(|_| panic!("degrees of freedom {df} must be > 0"))
        .sf(x)
}

/// The Beta(`a`, `b`) quantile at probability `p` in `[0, 1]`, for `a, b > 0`.
pub fn beta_ppf(p: f64, a: f64, b: f64) -> f64 {
    if a + b > LARGE_BETA {
        return large_beta_ppf(p, a, b);
    }
    let dist = Beta::new(a, b).unwrap_or_else(|_| panic!("beta shapes ({a}, {b}) must be > 0"));
    polish_with(&dist, p, dist.inverse_cdf(p)).clamp(0.0, 1.0)
}

/// Past this total of shapes statrs' beta inverse stops converging in reasonable time (at
/// 2^26 it runs for minutes), and the limits below are accurate to ~1e-7 relative.
const LARGE_BETA: f64 = 1e7;

/// The beta quantile for `a + b > LARGE_BETA`: normal when both shapes are large (skewness
/// below 0.07), else the gamma limit of the small shape, `Beta(a, b) ≈ Gamma(a) / (a + b)`.
fn large_beta_ppf(p: f64, a: f64, b: f64) -> f64 {
    let total = a + b;
    if a.min(b) >= 1000.0 {
        let mean = a / total;
        let sd = (a * b / (total * total * (total + 1.0))).sqrt();
        return (mean + sd * norm_ppf(p)).clamp(0.0, 1.0);
    }
    let gamma_ppf = |q: f64, shape: f64| {
        let dist = statrs::distribution::Gamma::new(shape, 1.0)
            .unwrap_or_else(|_| panic!("gamma shape {shape} must be > 0"));
        polish_with(&dist, q, dist.inverse_cdf(q)) / total
    };
    if a <= b {
        gamma_ppf(p, a).clamp(0.0, 1.0)
    } else {
        (1.0 - gamma_ppf(1.0 - p, b)).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_beta_quantiles_match_the_closed_form_and_finish() {
        // Beta(1, b) has ppf(p) = 1 − (1 − p)^(1/b); statrs' inverse hangs for b ≳ 2^26.
        for b in [2e7, 1e9, 2f64.powi(31)] {
            for p in [0.025f64, 0.5, 0.975] {
                let want = -((-p).ln_1p() / b).exp_m1();
                let got = beta_ppf(p, 1.0, b);
                assert!(
                    (got - want).abs() <= 1e-6 * want,
                    "b = {b}, p = {p}: {got} vs {want}"
                );
                let mirrored = beta_ppf(1.0 - p, b, 1.0);
                assert!((mirrored - (1.0 - want)).abs() <= 1e-12);
            }
        }
        // Both shapes large: the mean sits in the middle of the interval.
        let (low, high) = (beta_ppf(0.025, 5e6, 6e6), beta_ppf(0.975, 5e6, 6e6));
        assert!(low < 5.0 / 11.0 && 5.0 / 11.0 < high && high - low < 1e-3);
    }

    #[test]
    fn t_tails_match_scipy_from_100_to_a_trillion_degrees_of_freedom() {
        // scipy.stats.t.sf(t, df), scipy 1.17.1 (Boost's incomplete beta).
        let cases: [(f64, f64, f64); 58] = [
            (0.0, 100.0, 0.5),
            (0.1, 100.0, 0.4602722655479256),
            (1.0, 100.0, 0.15986207789206167),
            (1.7, 100.0, 0.04611966350150963),
            (2.5, 100.0, 0.007022894562038586),
            (5.0, 100.0, 1.225086706751901e-06),
            (10.0, 100.0, 4.950844492297065e-17),
            (40.0, 100.0, 1.2310538010700354e-63),
            (0.0, 1000.0, 0.5),
            (0.1, 1000.0, 0.46018218451180204),
            (1.0, 1000.0, 0.15877620904233627),
            (1.7, 1000.0, 0.04472094347962005),
            (2.5, 1000.0, 0.0062892839005454036),
            (5.0, 1000.0, 3.3836281823243174e-07),
            (10.0, 1000.0, 8.335351479300069e-23),
            (40.0, 1000.0, 5.239426077586636e-210),
            (0.0, 10000.0, 0.5),
            (0.1, 10000.0, 0.4601731650155375),
            (1.0, 10000.0, 0.15866735216521458),
            (1.7, 10000.0, 0.04458101136385251),
            (2.5, 10000.0, 0.006217609775291849),
            (5.0, 10000.0, 2.9151633068313295e-07),
            (10.0, 10000.0, 9.81640371433191e-24),
            (0.0, 100000.0, 0.5),
            (0.1, 100000.0, 0.46017226295336316),
            (1.0, 100000.0, 0.1586564637820551),
            (1.7, 100000.0, 0.04456701762433149),
            (2.5, 100000.0, 0.0062104595962795255),
            (5.0, 100000.0, 2.8713508393208397e-07),
            (10.0, 100000.0, 7.816507650103626e-24),
            (0.0, 1000000.0, 0.5),
            (0.1, 1000000.0, 0.4601721727460216),
            (1.0, 1000000.0, 0.15865537491678916),
            (1.7, 1000000.0, 0.04456561824517442),
            (2.5, 1000000.0, 0.006209744751081627),
            (5.0, 1000000.0, 2.8669989354453723e-07),
            (10.0, 1000000.0, 7.63930538408909e-24),
            (0.0, 10000000.0, 0.5),
            (0.1, 10000000.0, 0.4601721637252762),
            (1.0, 10000000.0, 0.15865526602999303),
            (1.7, 10000000.0, 0.044565478307206724),
            (2.5, 10000000.0, 0.006209673268289235),
            (5.0, 10000000.0, 2.866564037504268e-07),
            (10.0, 10000000.0, 7.621796145136799e-24),
            (0.0, 20000000.0, 0.5),
            (0.1, 20000000.0, 0.46017216322412363),
            (1.0, 20000000.0, 0.158655259980725),
            (1.7, 20000000.0, 0.04456547053287487),
            (2.5, 20000000.0, 0.006209669297032201),
            (5.0, 20000000.0, 2.866539878066085e-07),
            (10.0, 20000000.0, 7.620824525940696e-24),
            (0.0, 1000000000000.0, 0.5),
            (0.1, 1000000000000.0, 0.46017216272298106),
            (1.0, 1000000000000.0, 0.15865525393157806),
            (1.7, 1000000000000.0, 0.04456546275869856),
            (2.5, 1000000000000.0, 0.006209665325855559),
            (5.0, 1000000000000.0, 2.866515719275125e-07),
            (10.0, 1000000000000.0, 7.619853043589437e-24),
        ];
        for (t, df, want) in cases {
            let got = t_sf(t, df);
            assert!(
                (got - want).abs() <= 1e-10 * want,
                "t {t} df {df}: {got:e} vs {want:e}"
            );
            let lower = t_cdf(-t, df);
            assert!((lower - want).abs() <= 1e-10 * want, "cdf(-{t}) df {df}");
        }
    }

    #[test]
    fn t_quantiles_match_scipy_across_degrees_of_freedom() {
        // scipy.stats.t.ppf(p, df), scipy 1.17.1. statrs' t CDF (regularised incomplete beta)
        // carries ~1e-11 relative error near df = 1e5, and the quantile inherits it: 1e-10.
        let cases = [
            (3.0, 3.182_446_305_283_707_8, -10.214_531_852_407_385),
            (31.0, 2.039513446396408, -3.3748992804233016),
            (50.0, 2.008559112100761, -3.2614090557983184),
            (99.5, 1.9840936109906238, -3.1741694469120163),
            (500.0, 1.9647198374673676, -3.106611624321629),
            (1e3, 1.962_339_080_826_408_3, -3.098_402_163_912_923_3),
            (1e5, 1.959_987_707_534_609_5, -3.090_313_809_427_238),
            (1e7, 1.959_964_221_767_205, -3.090_233_121_180_912),
            (2e7, 1.959_964_103_153_622, -3.090_232_713_674_313_3),
            (1e12, 1.959_963_984_542_426_2, -3.090_232_306_175_964),
        ];
        for (df, upper, lower) in cases {
            for (p, want) in [(0.975, upper), (0.001, lower)] {
                let got = t_ppf(p, df);
                assert!(
                    (got - want).abs() <= 1e-10 * want.abs(),
                    "df {df} p {p}: {got} vs {want}"
                );
            }
        }
    }
}
