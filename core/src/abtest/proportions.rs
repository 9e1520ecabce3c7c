//! Two independent proportions: z, chi-square, Fisher, Barnard and Boschloo tests with intervals
//! for `p_b − p_a`.
//!
//! Follows statsmodels (`proportions_ztest`, `test_proportions_2indep`,
//! `confint_proportions_2indep`, `proportion_confint`) and scipy (`chi2_contingency`,
//! `fisher_exact`). The score interval is Miettinen & Nurminen (1985) with their small-sample
//! variance correction `N / (N − 1)`; Newcombe (1998) method 10 combines Wilson intervals.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::alternative::{
    bounds, check_unit, normal_critical, one_side, p_normal, relative_effect, two_sided_level,
};
use super::unconditional::{barnard, boschloo};
use super::{AbtestError, Alternative, TestResult};
use crate::stats::dist::{beta_ppf, chi2_sf, norm_ppf};

macro_rules! named_options {
    ($(#[$doc:meta])* $name:ident, $argument:literal, $expected:literal, { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// The option's name as the Python and Node faces spell it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = AbtestError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(AbtestError::UnknownOption {
                        argument: $argument,
                        value: other.to_owned(),
                        expected: $expected,
                    }),
                }
            }
        }
    };
}
pub(crate) use named_options;

named_options!(
    /// The test of `p_a = p_b`.
    ProportionTest, "method",
    "\"z-pooled\", \"z-unpooled\", \"chi2\", \"chi2-yates\", \"fisher\", \"barnard\", \"barnard-unpooled\" or \"boschloo\"", {
    /// z test with the pooled variance under the null (statsmodels `proportions_ztest`).
    ZPooled = "z-pooled",
    /// z test with each group's own variance (statsmodels `test_proportions_2indep`, "wald").
    ZUnpooled = "z-unpooled",
    /// Pearson chi-square on the 2×2 table (two-sided only; equals z-pooled squared).
    ChiSquare = "chi2",
    /// Pearson chi-square with Yates' continuity correction (scipy `chi2_contingency`).
    ChiSquareYates = "chi2-yates",
    /// Fisher's exact test; the statistic is the sample odds ratio (scipy `fisher_exact`).
    Fisher = "fisher",
    /// Barnard's unconditional exact test with the pooled Wald statistic (scipy
    /// `barnard_exact`); the statistic is z for `p_b − p_a`.
    Barnard = "barnard",
    /// Barnard's test with the unpooled Wald statistic (`barnard_exact(pooled=False)`).
    BarnardUnpooled = "barnard-unpooled",
    /// Boschloo's unconditional exact test (scipy `boschloo_exact`); the statistic is Fisher's
    /// one-sided p-value. Uniformly more powerful than Fisher's test.
    Boschloo = "boschloo",
});

named_options!(
    /// Confidence interval method for the difference `p_b − p_a`.
    DiffInterval, "ci_method",
    "\"wald\", \"agresti-caffo\", \"newcomb\" or \"score\"", {
    /// Unpooled normal approximation.
    Wald = "wald",
    /// Wald after adding one success and one failure to each group (Agresti & Caffo 2000).
    AgrestiCaffo = "agresti-caffo",
    /// Newcombe's hybrid of two Wilson intervals.
    Newcomb = "newcomb",
    /// Miettinen-Nurminen score interval (inverts the score test).
    Score = "score",
});

named_options!(
    /// Confidence interval method for one proportion.
    ProportionInterval, "method",
    "\"normal\", \"wilson\", \"agresti-coull\", \"clopper-pearson\" or \"jeffreys\"", {
    /// Normal approximation (Wald).
    Normal = "normal",
    /// Wilson score interval.
    Wilson = "wilson",
    /// Agresti-Coull interval.
    AgrestiCoull = "agresti-coull",
    /// Exact Clopper-Pearson interval from beta quantiles.
    ClopperPearson = "clopper-pearson",
    /// Bayesian interval under the Jeffreys prior Beta(1/2, 1/2).
    Jeffreys = "jeffreys",
});

/// Options for [`two_proportions`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TwoProportionsOptions {
    /// Alternative hypothesis about `p_b − p_a` (default two-sided).
    pub alternative: Alternative,
    /// The test (default pooled z).
    pub method: ProportionTest,
    /// The interval for `p_b − p_a` (default Wald).
    pub ci_method: DiffInterval,
    /// Confidence level of the intervals (default 0.95).
    pub confidence: f64,
}

impl Default for TwoProportionsOptions {
    fn default() -> Self {
        TwoProportionsOptions {
            alternative: Alternative::TwoSided,
            method: ProportionTest::ZPooled,
            ci_method: DiffInterval::Wald,
            confidence: 0.95,
        }
    }
}

/// Successes `x` out of `n` trials, validated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    x: f64,
    n: f64,
}

impl Group {
    fn new(x: i64, n: i64, x_name: &str, n_name: &str) -> Result<Group, AbtestError> {
        if n <= 0 {
            return Err(AbtestError::InvalidCount(format!(
                "{n_name} = {n}: a group needs at least one trial"
            )));
        }
        if x < 0 {
            return Err(AbtestError::InvalidCount(format!(
                "{x_name} = {x} is negative"
            )));
        }
        if x > n {
            return Err(AbtestError::InvalidCount(format!(
                "{x_name} = {x} exceeds {n_name} = {n}: more successes than trials"
            )));
        }
        Ok(Group {
            x: x as f64,
            n: n as f64,
        })
    }

    fn p(self) -> f64 {
        self.x / self.n
    }

    fn counts(self) -> (usize, usize) {
        (self.x as usize, self.n as usize)
    }

    fn variance(self) -> f64 {
        let p = self.p();
        p * (1.0 - p) / self.n
    }
}

/// Compares the success rates of control `a` (`x_a` of `n_a`) and treatment `b`.
///
/// The effect is `p_b − p_a`; `relative_effect` is `(p_b − p_a) / p_a` with a delta-method
/// interval.
///
/// # Errors
/// Negative counts, `n = 0`, `x > n`, a confidence outside `(0, 1)`, a chi-square test with a
/// one-sided alternative, or data where every trial in both groups succeeded (or failed), which
/// leaves nothing to compare.
///
/// ```
/// use edgekit::abtest::{two_proportions, TwoProportionsOptions};
///
/// let r = two_proportions(200, 1000, 250, 1000, &TwoProportionsOptions::default())?;
/// assert!((r.effect - 0.05).abs() < 1e-15);
/// assert!(r.pvalue < 0.01);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn two_proportions(
    x_a: i64,
    n_a: i64,
    x_b: i64,
    n_b: i64,
    options: &TwoProportionsOptions,
) -> Result<TestResult, AbtestError> {
    let plan = Plan::new(options)?;
    let a = Group::new(x_a, n_a, "x_a", "n_a")?;
    let b = Group::new(x_b, n_b, "x_b", "n_b")?;
    let found = plan.run(a, b)?;
    let bernoulli = |g: Group| (g.p(), g.p() * (1.0 - g.p()), g.n);
    let (relative_effect, relative_ci) = relative_effect(
        b.p() - a.p(),
        bernoulli(a),
        bernoulli(b),
        options.confidence,
        options.alternative,
    );
    Ok(TestResult {
        method: options.method.as_str().to_owned(),
        statistic: found.statistic,
        pvalue: found.pvalue,
        df: found.df,
        effect: found.effect,
        ci: found.ci,
        relative_effect,
        relative_ci,
        alternative: options.alternative,
        confidence: options.confidence,
    })
}

/// What a test finds in one pair of groups.
pub(crate) struct Found {
    pub statistic: f64,
    pub pvalue: f64,
    pub df: Option<f64>,
    pub effect: f64,
    pub ci: (f64, f64),
}

/// The validated options and the interval's critical value, shared by every row of a batch.
pub(crate) struct Plan {
    options: TwoProportionsOptions,
    q: f64,
}

impl Plan {
    pub(crate) fn new(options: &TwoProportionsOptions) -> Result<Plan, AbtestError> {
        let confidence = check_unit("confidence", options.confidence)?;
        let alternative = options.alternative;
        if matches!(
            options.ci_method,
            DiffInterval::Newcomb | DiffInterval::Score
        ) {
            two_sided_level(confidence, alternative)?;
        }
        let chi_square = matches!(
            options.method,
            ProportionTest::ChiSquare | ProportionTest::ChiSquareYates
        );
        if chi_square && alternative != Alternative::TwoSided {
            return Err(AbtestError::UnknownOption {
                argument: "alternative",
                value: alternative.as_str().to_owned(),
                expected: "\"two-sided\" with a chi-square test (use z-pooled for one-sided)",
            });
        }
        Ok(Plan {
            options: options.clone(),
            q: normal_critical(confidence, alternative),
        })
    }

    /// Counts for one row, validated with the row's argument names.
    pub(crate) fn groups(
        x_a: i64,
        n_a: i64,
        x_b: i64,
        n_b: i64,
    ) -> Result<(Group, Group), AbtestError> {
        Ok((
            Group::new(x_a, n_a, "x_a", "n_a")?,
            Group::new(x_b, n_b, "x_b", "n_b")?,
        ))
    }

    pub(crate) fn run(&self, a: Group, b: Group) -> Result<Found, AbtestError> {
        let alternative = self.options.alternative;
        let total_x = a.x + b.x;
        let total_n = a.n + b.n;
        if total_x == 0.0 || total_x == total_n {
            return Err(AbtestError::Undefined(format!(
                "every trial in both groups {}: the rates cannot be compared",
                if total_x == 0.0 {
                    "failed"
                } else {
                    "succeeded"
                }
            )));
        }
        let effect = b.p() - a.p();
        let (statistic, pvalue, df) = match self.options.method {
            ProportionTest::ZPooled => {
                let pooled = total_x / total_n;
                let se = (pooled * (1.0 - pooled) * (1.0 / a.n + 1.0 / b.n)).sqrt();
                let z = effect / se;
                (z, p_normal(z, alternative), None)
            }
            ProportionTest::ZUnpooled => {
                let se = (a.variance() + b.variance()).sqrt();
                if se == 0.0 {
                    return Err(AbtestError::Undefined(
                        "each group's rate is 0 or 1, so the unpooled variance is 0; use z-pooled or fisher"
                            .to_owned(),
                    ));
                }
                let z = effect / se;
                (z, p_normal(z, alternative), None)
            }
            ProportionTest::ChiSquare | ProportionTest::ChiSquareYates => {
                let yates = self.options.method == ProportionTest::ChiSquareYates;
                let statistic = chi_square_2x2(a, b, yates);
                (statistic, chi2_sf(statistic, 1.0), Some(1.0))
            }
            ProportionTest::Fisher => {
                let odds_ratio = (b.x * (a.n - a.x)) / ((b.n - b.x) * a.x);
                (odds_ratio, fisher_pvalue(a, b, alternative), None)
            }
            ProportionTest::Barnard | ProportionTest::BarnardUnpooled => {
                let pooled = self.options.method == ProportionTest::Barnard;
                let (z, p) = barnard(a.counts(), b.counts(), pooled, alternative)?;
                (z, p, None)
            }
            ProportionTest::Boschloo => {
                let (fisher, p) = boschloo(a.counts(), b.counts(), alternative)?;
                (fisher, p, None)
            }
        };
        Ok(Found {
            statistic,
            pvalue,
            df,
            effect,
            ci: diff_interval(a, b, self.options.ci_method, self.q, alternative),
        })
    }
}

/// Pearson's chi-square of the table `[[x_b, n_b − x_b], [x_a, n_a − x_a]]`, optionally with
/// Yates' correction (each |observed − expected| reduced by at most 0.5, as scipy does).
fn chi_square_2x2(a: Group, b: Group, yates: bool) -> f64 {
    let total = a.n + b.n;
    let successes = a.x + b.x;
    let cells = [
        (b.x, b.n * successes / total),
        (b.n - b.x, b.n * (total - successes) / total),
        (a.x, a.n * successes / total),
        (a.n - a.x, a.n * (total - successes) / total),
    ];
    cells
        .iter()
        .map(|&(observed, expected)| {
            let gap = (observed - expected).abs();
            let gap = if yates { gap - gap.min(0.5) } else { gap };
            gap * gap / expected
        })
        .sum()
}

/// Fisher's exact p-value for the treatment row's successes, whose distribution under the
/// null is hypergeometric. Log weights come from the ratio of successive probabilities, so
/// tiny p-values keep their relative precision; the two-sided p-value sums every table at
/// most as likely as the observed one (within a relative 1e-7, as scipy).
fn fisher_pvalue(a: Group, b: Group, alternative: Alternative) -> f64 {
    let (total, successes, draws) = (a.n + b.n, a.x + b.x, b.n);
    let low = (draws - (total - successes)).max(0.0) as usize;
    let high = successes.min(draws) as usize;
    let observed = b.x as usize - low;
    let mut log_weight = Vec::with_capacity(high - low + 1);
    let mut current = 0.0;
    log_weight.push(current);
    for k in low..high {
        let k = k as f64;
        current += ((successes - k) * (draws - k)).ln()
            - ((k + 1.0) * (total - successes - draws + k + 1.0)).ln();
        log_weight.push(current);
    }
    let log_total = log_sum_exp(log_weight.iter().copied());
    let tail = |keep: &dyn Fn(usize, f64) -> bool| {
        let kept = log_weight
            .iter()
            .enumerate()
            .filter(|&(i, &w)| keep(i, w))
            .map(|(_, &w)| w);
        (log_sum_exp(kept) - log_total).exp().min(1.0)
    };
    match alternative {
        Alternative::Larger => tail(&|i, _| i >= observed),
        Alternative::Smaller => tail(&|i, _| i <= observed),
        Alternative::TwoSided => {
            let threshold = log_weight[observed] + 1e-7_f64.ln_1p();
            tail(&|_, w| w <= threshold)
        }
    }
}

fn log_sum_exp(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = values.clone().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + values.map(|v| (v - max).exp()).sum::<f64>().ln()
}

/// Confidence interval for `p_b − p_a` with critical value `q` (see [`normal_critical`]).
fn diff_interval(
    a: Group,
    b: Group,
    method: DiffInterval,
    q: f64,
    alternative: Alternative,
) -> (f64, f64) {
    let effect = b.p() - a.p();
    match method {
        DiffInterval::Wald => bounds(effect, (a.variance() + b.variance()).sqrt(), q, alternative),
        DiffInterval::AgrestiCaffo => {
            let plus = |g: Group| Group {
                x: g.x + 1.0,
                n: g.n + 2.0,
            };
            let (a, b) = (plus(a), plus(b));
            bounds(
                b.p() - a.p(),
                (a.variance() + b.variance()).sqrt(),
                q,
                alternative,
            )
        }
        DiffInterval::Newcomb => {
            let (la, ua) = wilson(a, q);
            let (lb, ub) = wilson(b, q);
            let (pa, pb) = (a.p(), b.p());
            let low = effect - ((pb - lb).powi(2) + (ua - pa).powi(2)).sqrt();
            let high = effect + ((ub - pb).powi(2) + (pa - la).powi(2)).sqrt();
            one_side((low, high), alternative)
        }
        DiffInterval::Score => one_side(score_interval(a, b, q), alternative),
    }
}

/// The Miettinen-Nurminen score statistic for `H0: p_b − p_a = delta`.
fn score_z(a: Group, b: Group, delta: f64) -> f64 {
    let total = a.n + b.n;
    let (p0, p1) = restricted_mle(a, b, delta);
    let variance = (p1 * (1.0 - p1) / b.n + p0 * (1.0 - p0) / a.n) * total / (total - 1.0);
    (b.p() - a.p() - delta) / variance.sqrt()
}

/// Maximum-likelihood rates `(p_a, p_b)` under the constraint `p_b − p_a = delta`: the root
/// in `[0, 1]` of the likelihood equation's cubic, in the trigonometric form of Miettinen &
/// Nurminen (1985, appendix).
fn restricted_mle(a: Group, b: Group, delta: f64) -> (f64, f64) {
    if delta == 0.0 {
        let pooled = (a.x + b.x) / (a.n + b.n);
        return (pooled, pooled);
    }
    let (n0, x0, n1) = (a.n, a.x, b.n);
    let total = n0 + n1;
    let successes = a.x + b.x;
    let l3 = total;
    let l2 = (n1 + 2.0 * n0) * delta - total - successes;
    let l1 = (x0 * delta - total - 2.0 * x0) * delta + successes;
    let l0 = x0 * delta * (1.0 - delta);
    let shift = l2 / (3.0 * l3);
    let q = shift.powi(3) - l1 * l2 / (6.0 * l3 * l3) + l0 / (2.0 * l3);
    let p = q.signum() * (shift * shift - l1 / (3.0 * l3)).max(0.0).sqrt();
    let p0 = if p == 0.0 {
        -shift
    } else {
        let angle = (std::f64::consts::PI + (q / p.powi(3)).clamp(-1.0, 1.0).acos()) / 3.0;
        2.0 * p * angle.cos() - shift
    };
    let p0 = p0.clamp(0.0, 1.0);
    (p0, (p0 + delta).clamp(0.0, 1.0))
}

/// Bounds where the score statistic equals `±q`, by bisection (the statistic decreases in
/// `delta`); an observed difference at ±1 is its own bound.
fn score_interval(a: Group, b: Group, q: f64) -> (f64, f64) {
    let effect = b.p() - a.p();
    let solve = |mut inside: f64, mut outside: f64, target: f64| {
        for _ in 0..200 {
            let mid = 0.5 * (inside + outside);
            if mid == inside || mid == outside {
                break;
            }
            let z = score_z(a, b, mid);
            if (z - target).abs() <= f64::EPSILON * target.abs() {
                return mid;
            }
            let beyond = if target > 0.0 { z > target } else { z < target };
            if beyond {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        0.5 * (inside + outside)
    };
    let low = if effect <= -1.0 {
        -1.0
    } else {
        solve(effect, -1.0, q)
    };
    let high = if effect >= 1.0 {
        1.0
    } else {
        solve(effect, 1.0, -q)
    };
    (low, high)
}

/// Wilson score interval with critical value `z`.
fn wilson(g: Group, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let p = g.p();
    let denominator = 1.0 + z2 / g.n;
    let center = (p + z2 / (2.0 * g.n)) / denominator;
    let half = z * (p * (1.0 - p) / g.n + z2 / (4.0 * g.n * g.n)).sqrt() / denominator;
    (center - half, center + half)
}

/// Confidence interval for one proportion `x / n` (two-sided, as statsmodels
/// `proportion_confint`; the normal, Wilson and Agresti-Coull bounds are clipped to `[0, 1]`).
///
/// ```
/// use edgekit::abtest::{proportion_ci, ProportionInterval};
///
/// let (low, high) = proportion_ci(12, 40, ProportionInterval::Wilson, 0.95)?;
/// assert!(low < 0.3 && 0.3 < high);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn proportion_ci(
    x: i64,
    n: i64,
    method: ProportionInterval,
    confidence: f64,
) -> Result<(f64, f64), AbtestError> {
    let g = Group::new(x, n, "x", "n")?;
    let confidence = check_unit("confidence", confidence)?;
    let tail = (1.0 - confidence) / 2.0;
    let z = norm_ppf(1.0 - tail);
    let p = g.p();
    let clip = |(low, high): (f64, f64)| (low.clamp(0.0, 1.0), high.clamp(0.0, 1.0));
    Ok(match method {
        ProportionInterval::Normal => {
            let half = z * g.variance().sqrt();
            clip((p - half, p + half))
        }
        ProportionInterval::Wilson => clip(wilson(g, z)),
        ProportionInterval::AgrestiCoull => {
            let n = g.n + z * z;
            let center = (g.x + z * z / 2.0) / n;
            let half = z * (center * (1.0 - center) / n).sqrt();
            clip((center - half, center + half))
        }
        ProportionInterval::ClopperPearson => (
            if g.x == 0.0 {
                0.0
            } else {
                beta_ppf(tail, g.x, g.n - g.x + 1.0)
            },
            if g.x == g.n {
                1.0
            } else {
                beta_ppf(1.0 - tail, g.x + 1.0, g.n - g.x)
            },
        ),
        ProportionInterval::Jeffreys => (
            beta_ppf(tail, g.x + 0.5, g.n - g.x + 0.5),
            beta_ppf(1.0 - tail, g.x + 0.5, g.n - g.x + 0.5),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(x: i64, n: i64) -> Group {
        Group::new(x, n, "x", "n").unwrap()
    }

    #[test]
    fn score_interval_bounds_solve_the_score_equation() {
        // statsmodels' root bracketing fails on this table; the bounds must still be roots.
        let (a, b) = (group(2, 20), group(9, 21));
        let q = norm_ppf(0.975);
        let (low, high) = score_interval(a, b, q);
        assert!(low < b.p() - a.p() && b.p() - a.p() < high);
        assert!((score_z(a, b, low) - q).abs() < 1e-9);
        assert!((score_z(a, b, high) + q).abs() < 1e-9);
    }

    #[test]
    fn fisher_tails_sum_hypergeometric_probabilities() {
        // Table [[3, 1], [1, 3]]: P(X >= 3) = (16 + 1) / 70 with C(4,k)·C(4,4-k) weights.
        let (a, b) = (group(1, 4), group(3, 4));
        let larger = fisher_pvalue(a, b, Alternative::Larger);
        assert!((larger - 17.0 / 70.0).abs() < 1e-15);
        let two_sided = fisher_pvalue(a, b, Alternative::TwoSided);
        assert!((two_sided - 34.0 / 70.0).abs() < 1e-15);
        let smaller = fisher_pvalue(a, b, Alternative::Smaller);
        assert!((smaller - 69.0 / 70.0).abs() < 1e-15);
    }

    #[test]
    fn chi_square_without_correction_is_the_pooled_z_squared() {
        let options = TwoProportionsOptions::default();
        let z = two_proportions(45, 300, 62, 310, &options)
            .unwrap()
            .statistic;
        let chi2 = two_proportions(
            45,
            300,
            62,
            310,
            &TwoProportionsOptions {
                method: ProportionTest::ChiSquare,
                ..options
            },
        )
        .unwrap()
        .statistic;
        assert!((chi2 - z * z).abs() < 1e-12 * chi2);
    }
}
