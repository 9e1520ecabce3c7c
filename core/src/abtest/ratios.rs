//! Risk ratio `p_b / p_a` and odds ratio of two proportions with their log-scale intervals, as
//! statsmodels `confint_proportions_2indep(compare="ratio" | "odds-ratio")` methods "log",
//! "log-adjusted", "logit", "logit-adjusted" and "score" (Miettinen & Nurminen 1985: the score
//! test with the variance correction `N / (N − 1)`, inverted to full precision).

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::AbtestError;
use super::alternative::check_unit;
use super::proportions::named_options;
use crate::stats::dist::norm_ppf;

named_options!(
    /// Interval method for [`risk_ratio`].
    RiskRatioInterval, "method", "\"log\", \"log-adjusted\" or \"score\"", {
    /// Katz log interval.
    Log = "log",
    /// Log interval after adding ½ to successes and trials (works with zero counts).
    LogAdjusted = "log-adjusted",
    /// Miettinen-Nurminen score interval (works with zero counts: a zero `x_b` gives a lower
    /// bound of 0, a zero `x_a` an infinite upper bound).
    Score = "score",
});

named_options!(
    /// Interval method for [`odds_ratio`].
    OddsRatioInterval, "method", "\"logit\", \"logit-adjusted\" or \"score\"", {
    /// Woolf logit interval.
    Logit = "logit",
    /// Woolf interval after adding ½ to every cell (Haldane-Anscombe; works with zero cells).
    LogitAdjusted = "logit-adjusted",
    /// Miettinen-Nurminen score interval.
    Score = "score",
});

/// A ratio estimate with its interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct RatioEstimate {
    /// The ratio the interval is built around: on the observed counts for "log"/"logit", on
    /// the ½-adjusted counts for the "-adjusted" methods (finite even with zero counts).
    pub estimate: f64,
    /// Two-sided confidence interval.
    #[cfg_attr(feature = "typescript", ts(type = "[number | null, number | null]"))]
    pub ci: (f64, f64),
}

fn counts(x_a: i64, n_a: i64, x_b: i64, n_b: i64) -> Result<[f64; 4], AbtestError> {
    for (x, n, xs, ns) in [(x_a, n_a, "x_a", "n_a"), (x_b, n_b, "x_b", "n_b")] {
        if n <= 0 || x < 0 || x > n {
            return Err(AbtestError::InvalidCount(format!(
                "{xs} = {x}, {ns} = {n}: need {ns} > 0 and 0 ≤ {xs} ≤ {ns}"
            )));
        }
    }
    Ok([x_a as f64, n_a as f64, x_b as f64, n_b as f64])
}

fn log_interval(log_estimate: f64, variance: f64, confidence: f64) -> (f64, f64) {
    let half = norm_ppf(0.5 + confidence / 2.0) * variance.sqrt();
    ((log_estimate - half).exp(), (log_estimate + half).exp())
}

fn zero_cell(what: &str, adjusted: &str) -> AbtestError {
    AbtestError::Undefined(format!(
        "a zero count makes the {what} interval undefined; use method=\"{adjusted}\""
    ))
}

/// Risk ratio `p_b / p_a` with a log-scale interval.
///
/// ```
/// use edgekit::abtest::{risk_ratio, RiskRatioInterval};
///
/// let r = risk_ratio(20, 200, 30, 200, RiskRatioInterval::Log, 0.95)?;
/// assert!((r.estimate - 1.5).abs() < 1e-12 && r.ci.0 < 1.5 && 1.5 < r.ci.1);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn risk_ratio(
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    method: RiskRatioInterval,
    confidence: f64,
) -> Result<RatioEstimate, AbtestError> {
    let confidence = check_unit("confidence", confidence)?;
    let [xa, na, xb, nb] = counts(x_a, n_a, x_b, n_b)?;
    let add = match method {
        RiskRatioInterval::Log => 0.0,
        RiskRatioInterval::LogAdjusted => 0.5,
        RiskRatioInterval::Score => return score_estimate([xa, na, xb, nb], confidence, false),
    };
    if add == 0.0 && (xa == 0.0 || xb == 0.0) {
        return Err(zero_cell("log", "log-adjusted"));
    }
    let (xa_, na_, xb_, nb_) = (xa + add, na + add, xb + add, nb + add);
    let variance = 1.0 / xb_ - 1.0 / nb_ + 1.0 / xa_ - 1.0 / na_;
    let ratio = (xb_ / nb_) / (xa_ / na_);
    Ok(RatioEstimate {
        estimate: ratio,
        ci: log_interval(ratio.ln(), variance, confidence),
    })
}

/// Odds ratio `[p_b/(1−p_b)] / [p_a/(1−p_a)]` with a logit-scale interval.
pub fn odds_ratio(
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    method: OddsRatioInterval,
    confidence: f64,
) -> Result<RatioEstimate, AbtestError> {
    let confidence = check_unit("confidence", confidence)?;
    let [xa, na, xb, nb] = counts(x_a, n_a, x_b, n_b)?;
    let add = match method {
        OddsRatioInterval::Logit => 0.0,
        OddsRatioInterval::LogitAdjusted => 0.5,
        OddsRatioInterval::Score => return score_estimate([xa, na, xb, nb], confidence, true),
    };
    let cells = [xb + add, nb - xb + add, xa + add, na - xa + add];
    if cells.contains(&0.0) {
        return Err(zero_cell("logit", "logit-adjusted"));
    }
    let variance: f64 = cells.iter().map(|c| 1.0 / c).sum();
    let ratio = (cells[0] * cells[3]) / (cells[1] * cells[2]);
    Ok(RatioEstimate {
        estimate: ratio,
        ci: log_interval(ratio.ln(), variance, confidence),
    })
}

/// The Miettinen-Nurminen score statistic for `H0: ratio = r` (risk ratio `p_b / p_a`, or the
/// odds ratio), as statsmodels `score_test_proportions_2indep` with `correction=True`.
fn score_z([xa, na, xb, nb]: [f64; 4], r: f64, odds: bool) -> f64 {
    let (total, successes) = (na + nb, xa + xb);
    let (pa, pb) = (xa / na, xb / nb);
    let correction = total / (total - 1.0);
    if odds {
        let (p0, p1) = if r == 1.0 {
            (successes / total, successes / total)
        } else {
            let a = na * (r - 1.0);
            let b = nb * r + na - successes * (r - 1.0);
            let c = -successes;
            let p0 = (-b + (b * b - 4.0 * a * c).sqrt()) / (2.0 * a);
            (p0, p0 * r / (1.0 + p0 * (r - 1.0)))
        };
        // As statsmodels: keep the restricted rates off 0 and 1, where the variance explodes.
        let (p0, p1) = (p0.clamp(1e-10, 1.0 - 1e-10), p1.clamp(1e-10, 1.0 - 1e-10));
        let variance = (1.0 / (p1 * (1.0 - p1) * nb) + 1.0 / (p0 * (1.0 - p0) * na)) * correction;
        ((pb - p1) / (p1 * (1.0 - p1)) - (pa - p0) / (p0 * (1.0 - p0))) / variance.sqrt()
    } else {
        let p0 = if r == 1.0 {
            successes / total
        } else {
            let a = total * r;
            let b = -(nb * r + xb + na + xa * r);
            // The smaller root of a·p² + b·p + successes, written without cancellation.
            2.0 * successes / (-b + (b * b - 4.0 * a * successes).max(0.0).sqrt())
        };
        let p1 = p0 * r;
        let variance = (p1 * (1.0 - p1) / nb + r * r * p0 * (1.0 - p0) / na) * correction;
        (pb - r * pa) / variance.sqrt()
    }
}

/// Inverts the score test: the ratios whose two-sided score test does not reject. The
/// statistic decreases in the ratio, so each bound is found by bisection on `ln r`.
fn score_estimate(
    counts: [f64; 4],
    confidence: f64,
    odds: bool,
) -> Result<RatioEstimate, AbtestError> {
    let [xa, na, xb, nb] = counts;
    let what = if odds { "odds ratio" } else { "risk ratio" };
    if xa + xb == 0.0 || (odds && xa + xb == na + nb) {
        return Err(AbtestError::Undefined(format!(
            "no successes{} in either group: the {what} is undefined",
            if odds { " or no failures" } else { "" }
        )));
    }
    let estimate = if odds {
        (xb * (na - xa)) / ((nb - xb) * xa)
    } else {
        (xb / nb) / (xa / na)
    };
    let q = norm_ppf(0.5 + confidence / 2.0);
    let z = |log_r: f64| score_z(counts, log_r.exp(), odds);
    let start = if estimate.is_finite() && estimate > 0.0 {
        estimate.ln()
    } else {
        0.0
    };
    // Bisection for z(ln r) = target between a point on the inside and one beyond it.
    let solve = |target: f64, direction: f64| {
        let mut inside = start;
        let mut step = 1.0;
        let mut outside = start + direction * step;
        loop {
            let value = z(outside);
            let beyond = if direction < 0.0 {
                value >= target
            } else {
                value <= target
            };
            if beyond {
                break;
            }
            if outside.abs() > 700.0 {
                return if direction < 0.0 { 0.0 } else { f64::INFINITY };
            }
            inside = outside;
            step *= 2.0;
            outside = start + direction * step;
        }
        for _ in 0..200 {
            let mid = 0.5 * (inside + outside);
            if mid == inside || mid == outside {
                break;
            }
            let value = z(mid);
            let beyond = if direction < 0.0 {
                value >= target
            } else {
                value <= target
            };
            if beyond {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        (0.5 * (inside + outside)).exp()
    };
    let low = if xb == 0.0 || (odds && xa == na) {
        0.0
    } else {
        solve(q, -1.0)
    };
    let high = if xa == 0.0 || (odds && xb == nb) {
        f64::INFINITY
    } else {
        solve(-q, 1.0)
    };
    Ok(RatioEstimate {
        estimate,
        ci: (low, high),
    })
}
