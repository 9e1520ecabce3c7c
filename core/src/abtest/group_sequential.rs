//! Group-sequential designs with Lan & DeMets (1983) alpha spending: O'Brien-Fleming-type
//! `α₁(t) = 2 − 2Φ(z_{1−α₁/2} / √t)` per tail (two-sided designs spend `α₁ = α/2` in each
//! tail, as gsDesign and rpact do, giving the textbook 4.877, 3.357, 2.680, 2.290, 2.031 for
//! five equal looks at α = 0.05) and Pocock-type `α(t) = α ln(1 + (e − 1) t)`. Boundaries come from the
//! Armitage-McPherson-Rowe recursion for the density of the z statistic on the continuation
//! region (Jennison & Turnbull 2000, ch. 19), integrated by Simpson's rule on a fine grid, and
//! are solved so each look spends exactly `α(t_k) − α(t_{k−1})`.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::alternative::check_unit;
use super::proportions::named_options;
use super::{AbtestError, Alternative};
use crate::stats::dist::{norm_cdf, norm_ppf, norm_sf};

named_options!(
    /// The alpha-spending function.
    Spending, "spending", "\"obrien-fleming\" or \"pocock\"", {
    /// Lan-DeMets O'Brien-Fleming type: spends almost nothing early.
    ObrienFleming = "obrien-fleming",
    /// Lan-DeMets Pocock type: spends nearly evenly.
    Pocock = "pocock",
});

/// Options for [`group_sequential`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GroupSequentialOptions {
    /// Overall type I error (default 0.05; two-sided designs split it between the tails).
    pub alpha: f64,
    /// The spending function (default O'Brien-Fleming).
    pub spending: Spending,
    /// Two-sided (default) or one-sided efficacy boundaries for `b − a`.
    pub alternative: Alternative,
}

impl Default for GroupSequentialOptions {
    fn default() -> Self {
        GroupSequentialOptions {
            alpha: 0.05,
            spending: Spending::ObrienFleming,
            alternative: Alternative::TwoSided,
        }
    }
}

/// One look of a design, with the decision when its z statistic is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase", rename = "GroupSequentialLook")
)]
pub struct Look {
    /// Information fraction `t_k` in `(0, 1]`.
    pub information: f64,
    /// Efficacy boundary on |z| (two-sided), on z ("larger") or on −z ("smaller").
    pub boundary: f64,
    /// The nominal p-value threshold equivalent to the boundary.
    pub nominal_alpha: f64,
    /// Alpha spent up to and including this look, `α(t_k)`.
    pub cumulative_alpha: f64,
    /// The observed z statistic, if this look has happened.
    pub z: Option<f64>,
    /// Whether the observed z crossed the boundary.
    pub crossed: bool,
}

/// A group-sequential design and, for the looks already taken, the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct GroupSequentialResult {
    /// Every planned look.
    pub looks: Vec<Look>,
    /// The first look whose z crossed its boundary (0-based), if any: stop and reject H0.
    pub stopped_at: Option<usize>,
    /// `"reject"` (a boundary was crossed), `"continue"` (looks remain) or `"accept"` (the
    /// final look did not cross: H0 is not rejected).
    #[cfg_attr(feature = "typescript", ts(type = "'reject' | 'continue' | 'accept'"))]
    pub decision: String,
}

fn spent(spending: Spending, alpha: f64, t: f64, two_sided: bool) -> f64 {
    match spending {
        Spending::ObrienFleming => {
            let per_tail = if two_sided { alpha / 2.0 } else { alpha };
            let tail = 2.0 * norm_sf(norm_ppf(1.0 - per_tail / 2.0) / t.sqrt());
            if two_sided { 2.0 * tail } else { tail }
        }
        Spending::Pocock => alpha * (1.0 + (std::f64::consts::E - 1.0) * t).ln(),
    }
}

/// The density of the z statistic on the continuation region after a look, on a grid.
struct Density {
    grid: Vec<f64>,
    weights: Vec<f64>,
}

/// Simpson's weights for `points` (odd) equally spaced nodes on `[low, high]`.
fn simpson(low: f64, high: f64, points: usize) -> (Vec<f64>, Vec<f64>) {
    let h = (high - low) / (points - 1) as f64;
    let grid = (0..points).map(|i| low + i as f64 * h).collect();
    let weights = (0..points)
        .map(|i| {
            let w = if i == 0 || i == points - 1 {
                1.0
            } else if i % 2 == 1 {
                4.0
            } else {
                2.0
            };
            w * h / 3.0
        })
        .collect();
    (grid, weights)
}

const GRID_POINTS: usize = 1601;
/// Where a one-sided design's open lower region is cut: the density there is below 1e-30.
const FLOOR: f64 = -12.0;

/// Probability of leaving the continuation region at the next look with boundary `c`.
fn exit_probability(previous: Option<&Density>, scale: (f64, f64), c: f64, two_sided: bool) -> f64 {
    let (root_now, root_before) = scale;
    let spread = (root_now * root_now - root_before * root_before).sqrt();
    let exit_from = |z: f64| {
        let mean = z * root_before;
        let upper = norm_sf((c * root_now - mean) / spread);
        if two_sided {
            upper + norm_cdf((-c * root_now - mean) / spread)
        } else {
            upper
        }
    };
    match previous {
        None => exit_from(0.0),
        Some(d) => d
            .grid
            .iter()
            .zip(&d.weights)
            .map(|(&z, &w)| w * exit_from(z))
            .sum(),
    }
}

fn propagate(previous: Option<&Density>, scale: (f64, f64), c: f64, two_sided: bool) -> Density {
    let (root_now, root_before) = scale;
    let spread = (root_now * root_now - root_before * root_before).sqrt();
    let low = if two_sided { -c } else { FLOOR };
    let (grid, mut weights) = simpson(low, c, GRID_POINTS);
    let gauss = |x: f64| (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
    for (y, w) in grid.iter().zip(weights.iter_mut()) {
        let density = match previous {
            None => gauss(*y),
            Some(d) => {
                d.grid
                    .iter()
                    .zip(&d.weights)
                    .map(|(&z, &dw)| dw * gauss((y * root_now - z * root_before) / spread))
                    .sum::<f64>()
                    * root_now
                    / spread
            }
        };
        *w *= density;
    }
    Density { grid, weights }
}

/// Boundaries of a group-sequential design at `information` fractions (increasing, the last
/// normally 1), and decisions for the z statistics observed so far (`z.len()` ≤ looks; z of
/// `b − a`, e.g. from [`welch`](super::welch) or [`two_proportions`](super::two_proportions)).
///
/// ```
/// use edgekit::abtest::{group_sequential, GroupSequentialOptions};
///
/// let r = group_sequential(&[0.2, 0.4, 0.6, 0.8, 1.0], &[1.1, 2.9, 3.1], &Default::default())?;
/// assert!((r.looks[0].boundary - 4.877).abs() < 1e-3); // O'Brien-Fleming type, α = 0.05
/// assert_eq!(r.stopped_at, Some(2));
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn group_sequential(
    information: &[f64],
    z: &[f64],
    options: &GroupSequentialOptions,
) -> Result<GroupSequentialResult, AbtestError> {
    let alpha = check_unit("alpha", options.alpha)?;
    if information.is_empty() {
        return Err(AbtestError::TooFew {
            argument: "information",
            needed: 1,
            got: 0,
        });
    }
    let mut last = 0.0;
    for &t in information {
        if !(t > last && t <= 1.0) {
            return Err(AbtestError::OutOfRange {
                argument: "information",
                value: t,
                range: "(0, 1], strictly increasing",
            });
        }
        last = t;
    }
    if z.len() > information.len() {
        return Err(AbtestError::LengthMismatch {
            first: "z",
            first_len: z.len(),
            second: "information",
            second_len: information.len(),
        });
    }
    if let Some(i) = z.iter().position(|v| !v.is_finite()) {
        return Err(AbtestError::OutOfRange {
            argument: "z",
            value: z[i],
            range: "finite numbers",
        });
    }
    let two_sided = options.alternative == Alternative::TwoSided;
    let mut looks = Vec::with_capacity(information.len());
    let mut density: Option<Density> = None;
    let mut spent_before = 0.0;
    let mut t_before: f64 = 0.0;
    for &t in information {
        let cumulative = spent(options.spending, alpha, t, two_sided);
        let target = cumulative - spent_before;
        let scale = (t.sqrt(), t_before.sqrt());
        // Exit probability falls as the boundary rises: bisect on c.
        let (mut low, mut high) = (0.0, 40.0);
        for _ in 0..200 {
            let mid = 0.5 * (low + high);
            if mid == low || mid == high {
                break;
            }
            if exit_probability(density.as_ref(), scale, mid, two_sided) > target {
                low = mid;
            } else {
                high = mid;
            }
        }
        let boundary = 0.5 * (low + high);
        let nominal_alpha = if two_sided {
            2.0 * norm_sf(boundary)
        } else {
            norm_sf(boundary)
        };
        looks.push(Look {
            information: t,
            boundary,
            nominal_alpha,
            cumulative_alpha: cumulative,
            z: None,
            crossed: false,
        });
        density = Some(propagate(density.as_ref(), scale, boundary, two_sided));
        spent_before = cumulative;
        t_before = t;
    }
    let mut stopped_at = None;
    for (k, &value) in z.iter().enumerate() {
        let look = &mut looks[k];
        look.z = Some(value);
        let toward = match options.alternative {
            Alternative::TwoSided => value.abs(),
            Alternative::Larger => value,
            Alternative::Smaller => -value,
        };
        look.crossed = toward >= look.boundary;
        if look.crossed && stopped_at.is_none() {
            stopped_at = Some(k);
        }
    }
    let decision = if stopped_at.is_some() {
        "reject"
    } else if z.len() == information.len() {
        "accept"
    } else {
        "continue"
    };
    Ok(GroupSequentialResult {
        looks,
        stopped_at,
        decision: decision.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_look_is_the_fixed_horizon_test() {
        let r = group_sequential(&[1.0], &[], &Default::default()).unwrap();
        assert!((r.looks[0].boundary - 1.959_963_984_540_054).abs() < 1e-9);
        let one = GroupSequentialOptions {
            alternative: Alternative::Larger,
            ..Default::default()
        };
        let r = group_sequential(&[1.0], &[], &one).unwrap();
        assert!((r.looks[0].boundary - 1.644_853_626_951_472_2).abs() < 1e-9);
    }

    #[test]
    fn boundaries_spend_exactly_the_planned_alpha() {
        // Simulated under H0 with a seeded Brownian motion: the rejection rate is alpha.
        let options = GroupSequentialOptions {
            spending: Spending::Pocock,
            ..Default::default()
        };
        let info = [0.25, 0.5, 0.75, 1.0];
        let design = group_sequential(&info, &[], &options).unwrap();
        let mut rng = fastrand::Rng::with_seed(11);
        let normal = |rng: &mut fastrand::Rng| {
            let (u, v) = (rng.f64().max(1e-300), rng.f64());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        };
        let runs = 200_000;
        let mut rejected = 0;
        for _ in 0..runs {
            let (mut sum, mut before) = (0.0, 0.0);
            for look in &design.looks {
                sum += normal(&mut rng) * (look.information - before).sqrt();
                before = look.information;
                if (sum / look.information.sqrt()).abs() >= look.boundary {
                    rejected += 1;
                    break;
                }
            }
        }
        let rate = rejected as f64 / runs as f64;
        let se = (0.05 * 0.95 / runs as f64).sqrt();
        assert!((rate - 0.05).abs() < 4.0 * se, "rejection rate {rate}");
    }
}
