//! Mann-Whitney U test, as `scipy.stats.mannwhitneyu(b, a)`: midranks with the tie-corrected
//! normal approximation (and continuity correction), or the exact null distribution when a
//! sample is small and there are no ties (scipy's `method="auto"` rule).

use std::str::FromStr;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::proportions::named_options;
use super::{AbtestError, Alternative};
use crate::stats::dist::norm_sf;
use crate::stats::moments::check_finite;

named_options!(
    /// How the p-value of a rank test is computed.
    RankMethod, "method", "\"auto\", \"exact\" or \"asymptotic\"", {
    /// Exact when one sample has at most 8 values and there are no ties, else asymptotic.
    Auto = "auto",
    /// The exact permutation distribution of U (no ties assumed).
    Exact = "exact",
    /// Normal approximation with tie correction.
    Asymptotic = "asymptotic",
});

/// Options for [`mann_whitney`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MannWhitneyOptions {
    /// Alternative: "larger" means b tends to exceed a (default two-sided).
    pub alternative: Alternative,
    /// Exact, asymptotic or automatic choice (default auto).
    pub method: RankMethod,
    /// Continuity correction in the normal approximation (default true, as scipy).
    pub use_continuity: bool,
}

impl Default for MannWhitneyOptions {
    fn default() -> Self {
        MannWhitneyOptions {
            alternative: Alternative::TwoSided,
            method: RankMethod::Auto,
            use_continuity: true,
        }
    }
}

/// Result of a rank test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct RankTestResult {
    /// `"exact"` or `"asymptotic"`: the method actually used.
    #[cfg_attr(feature = "typescript", ts(type = "'exact' | 'asymptotic'"))]
    pub method: String,
    /// U of the treatment group: pairs with `b > a`, ties counting one half.
    pub statistic: f64,
    /// p-value under the stated alternative.
    pub pvalue: f64,
    /// The standardised statistic, for the asymptotic method.
    pub z: Option<f64>,
    /// `P(b > a) + ½ P(b = a)`, the common-language effect size `U / (n_a n_b)`.
    pub probability_of_superiority: f64,
    /// The alternative hypothesis.
    pub alternative: Alternative,
}

/// Mann-Whitney U test of control `a` against treatment `b`.
///
/// ```
/// use edgekit::abtest::{mann_whitney, MannWhitneyOptions};
///
/// let r = mann_whitney(&[1.0, 2.0, 3.0, 4.0], &[3.5, 5.0, 6.0, 7.0], &MannWhitneyOptions::default())?;
/// assert_eq!(r.statistic, 15.0);
/// assert_eq!(r.method, "exact");
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn mann_whitney(
    a: &[f64],
    b: &[f64],
    options: &MannWhitneyOptions,
) -> Result<RankTestResult, AbtestError> {
    for (values, argument) in [(a, "a"), (b, "b")] {
        if values.is_empty() {
            return Err(AbtestError::TooFew {
                argument,
                needed: 1,
                got: 0,
            });
        }
        check_finite(values, argument)?;
    }
    let (n_a, n_b) = (a.len() as f64, b.len() as f64);
    let (rank_sum_b, tie_term) = ranks_of_b(a, b);
    let u_b = rank_sum_b - n_b * (n_b + 1.0) / 2.0;
    let u_a = n_a * n_b - u_b;
    let (u, factor) = match options.alternative {
        Alternative::Larger => (u_b, 1.0),
        Alternative::Smaller => (u_a, 1.0),
        Alternative::TwoSided => (u_a.max(u_b), 2.0),
    };
    let exact = match options.method {
        RankMethod::Exact => true,
        RankMethod::Asymptotic => false,
        RankMethod::Auto => (a.len() <= 8 || b.len() <= 8) && tie_term == 0.0,
    };
    let (pvalue, z) = if exact {
        (factor * exact_sf(u, a.len(), b.len())?, None)
    } else {
        let n = n_a + n_b;
        let s = (n_a * n_b / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)))).sqrt();
        let numerator = u - n_a * n_b / 2.0 - if options.use_continuity { 0.5 } else { 0.0 };
        if s == 0.0 {
            // Every value tied: U sits at its mean and nothing is evidence.
            (1.0, None)
        } else {
            let z = numerator / s;
            (factor * norm_sf(z), Some(z))
        }
    };
    Ok(RankTestResult {
        method: if exact { "exact" } else { "asymptotic" }.to_owned(),
        statistic: u_b,
        pvalue: pvalue.min(1.0),
        z,
        probability_of_superiority: u_b / (n_a * n_b),
        alternative: options.alternative,
    })
}

/// Sum of the midranks of `b` in the pooled sample, and `Σ (t³ − t)` over tie groups.
fn ranks_of_b(a: &[f64], b: &[f64]) -> (f64, f64) {
    let mut pooled: Vec<(f64, bool)> = a
        .iter()
        .map(|&x| (x, false))
        .chain(b.iter().map(|&x| (x, true)))
        .collect();
    if pooled.len() > 1 << 16 {
        pooled.par_sort_unstable_by(|x, y| x.0.total_cmp(&y.0));
    } else {
        pooled.sort_unstable_by(|x, y| x.0.total_cmp(&y.0));
    }
    let (mut rank_sum, mut tie_term) = (0.0, 0.0);
    let mut start = 0;
    while start < pooled.len() {
        let mut end = start + 1;
        while end < pooled.len() && pooled[end].0 == pooled[start].0 {
            end += 1;
        }
        let t = (end - start) as f64;
        let midrank = (start + end + 1) as f64 / 2.0;
        let in_b = pooled[start..end].iter().filter(|p| p.1).count() as f64;
        rank_sum += midrank * in_b;
        tie_term += t * t * t - t;
        start = end;
    }
    (rank_sum, tie_term)
}

/// `P(U ≥ u)` under the null for sample sizes `m` and `n`, from the exact counts: the
/// coefficients of the Gaussian binomial `[m + n choose m]_q`, built by multiplying by
/// `(1 − q^(n+i))` and dividing by `(1 − q^i)` for `i = 1..=m`.
fn exact_sf(u: f64, m: usize, n: usize) -> Result<f64, AbtestError> {
    let (m, n) = (m.min(n), m.max(n));
    let total_ln = ln_choose(m + n, m);
    if total_ln > 87.0 {
        return Err(AbtestError::Undefined(format!(
            "the exact distribution of U for samples of {m} and {n} has more than 1e38 arrangements; use method=\"asymptotic\""
        )));
    }
    let degree = m * n;
    // Multiplying by (1 − q^s) leaves negative coefficients until the division: signed.
    let mut counts = vec![0i128; degree + 1];
    counts[0] = 1;
    for i in 1..=m {
        let shift = n + i;
        for k in (shift..=degree).rev() {
            counts[k] -= counts[k - shift];
        }
        for k in i..=degree {
            counts[k] += counts[k - i];
        }
    }
    let total: i128 = counts.iter().sum();
    let from = u.ceil().max(0.0) as usize;
    let tail: i128 = counts.iter().skip(from).sum();
    Ok(tail as f64 / total as f64)
}

fn ln_choose(n: usize, k: usize) -> f64 {
    (1..=k).map(|i| ((n - k + i) as f64 / i as f64).ln()).sum()
}

/// Midranks of `values` (average ranks of ties), 1-based.
pub(crate) fn midranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_unstable_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + end + 1) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Options for [`brunner_munzel`]. The faces name the distribution `"t"` or `"normal"`
/// (scipy's `distribution`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BrunnerMunzelOptions {
    /// Alternative: "larger" means b tends to exceed a (default two-sided).
    pub alternative: Alternative,
    /// `true` (default, as scipy): Student's t with Welch-like degrees of freedom; `false`:
    /// the normal distribution.
    #[serde(rename = "distribution", with = "t_or_normal")]
    pub t_distribution: bool,
}

/// `true` ↔ `"t"`, `false` ↔ `"normal"`.
mod t_or_normal {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &bool, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if *t { "t" } else { "normal" })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
        match String::deserialize(deserializer)?.as_str() {
            "t" => Ok(true),
            "normal" => Ok(false),
            other => Err(D::Error::custom(format!(
                "distribution {other:?} is unknown; expected \"t\" or \"normal\""
            ))),
        }
    }
}

impl Default for BrunnerMunzelOptions {
    fn default() -> Self {
        BrunnerMunzelOptions {
            alternative: Alternative::TwoSided,
            t_distribution: true,
        }
    }
}

/// Result of the Brunner-Munzel test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct BrunnerMunzelResult {
    /// The statistic, positive when b tends to exceed a.
    pub statistic: f64,
    /// p-value under the alternative.
    pub pvalue: f64,
    /// Degrees of freedom of the t approximation.
    pub df: Option<f64>,
    /// Estimated `P(b > a) + ½ P(b = a)`.
    pub probability_of_superiority: f64,
}

/// Brunner-Munzel test of stochastic equality, robust to unequal variances and shapes (as
/// `scipy.stats.brunnermunzel(b, a)`, with the statistic oriented so that positive means `b`
/// tends to exceed `a`).
///
/// ```
/// use edgekit::abtest::{brunner_munzel, BrunnerMunzelOptions};
///
/// let a = [1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 4.0, 1.0, 1.0];
/// let b = [3.0, 3.0, 4.0, 3.0, 1.0, 2.0, 3.0, 1.0, 1.0, 5.0, 4.0];
/// let r = brunner_munzel(&a, &b, &BrunnerMunzelOptions::default())?;
/// assert!(r.statistic > 0.0 && r.pvalue < 0.01);
/// # Ok::<(), edgekit::abtest::AbtestError>(())
/// ```
pub fn brunner_munzel(
    a: &[f64],
    b: &[f64],
    options: &BrunnerMunzelOptions,
) -> Result<BrunnerMunzelResult, AbtestError> {
    for (values, argument) in [(a, "a"), (b, "b")] {
        if values.len() < 2 {
            return Err(AbtestError::TooFew {
                argument,
                needed: 2,
                got: values.len(),
            });
        }
        check_finite(values, argument)?;
    }
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let pooled: Vec<f64> = a.iter().chain(b).copied().collect();
    let ranks = midranks(&pooled);
    let (within_a, within_b) = (midranks(a), midranks(b));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (pooled_a, pooled_b) = (&ranks[..a.len()], &ranks[a.len()..]);
    let spread = |pooled: &[f64], within: &[f64], n: f64| {
        let (mp, mw) = (mean(pooled), mean(within));
        pooled
            .iter()
            .zip(within)
            .map(|(p, w)| (p - w - mp + mw).powi(2))
            .sum::<f64>()
            / (n - 1.0)
    };
    let (sa, sb) = (
        spread(pooled_a, &within_a, na),
        spread(pooled_b, &within_b, nb),
    );
    let scale = na * sa + nb * sb;
    let (mean_a, mean_b) = (mean(pooled_a), mean(pooled_b));
    if scale == 0.0 {
        return Err(AbtestError::Undefined(
            "the groups do not overlap or are constant, so the Brunner-Munzel variance is 0"
                .to_owned(),
        ));
    }
    let statistic = na * nb * (mean_b - mean_a) / ((na + nb) * scale.sqrt());
    let (pvalue, df) = if options.t_distribution {
        let df = scale * scale / ((na * sa).powi(2) / (na - 1.0) + (nb * sb).powi(2) / (nb - 1.0));
        (
            crate::abtest::alternative::p_t(statistic, df, options.alternative),
            Some(df),
        )
    } else {
        (
            crate::abtest::alternative::p_normal(statistic, options.alternative),
            None,
        )
    };
    Ok(BrunnerMunzelResult {
        statistic,
        pvalue,
        df,
        probability_of_superiority: (mean_b - (nb + 1.0) / 2.0) / na,
    })
}
