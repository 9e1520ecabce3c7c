//! Risk ratio `p_b / p_a` and odds ratio of two proportions with their log-scale intervals, as
//! statsmodels `confint_proportions_2indep(compare="ratio" | "odds-ratio")` methods "log",
//! "log-adjusted", "logit" and "logit-adjusted".

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::AbtestError;
use super::alternative::check_unit;
use super::proportions::named_options;
use crate::stats::dist::norm_ppf;

named_options!(
    /// Interval method for [`risk_ratio`].
    RiskRatioInterval, "method", "\"log\" or \"log-adjusted\"", {
    /// Katz log interval.
    Log = "log",
    /// Log interval after adding ½ to successes and trials (works with zero counts).
    LogAdjusted = "log-adjusted",
});

named_options!(
    /// Interval method for [`odds_ratio`].
    OddsRatioInterval, "method", "\"logit\" or \"logit-adjusted\"", {
    /// Woolf logit interval.
    Logit = "logit",
    /// Woolf interval after adding ½ to every cell (Haldane-Anscombe; works with zero cells).
    LogitAdjusted = "logit-adjusted",
});

/// A ratio estimate with its interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatioEstimate {
    /// The ratio the interval is built around: on the observed counts for "log"/"logit", on
    /// the ½-adjusted counts for the "-adjusted" methods (finite even with zero counts).
    pub estimate: f64,
    /// Two-sided confidence interval.
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
