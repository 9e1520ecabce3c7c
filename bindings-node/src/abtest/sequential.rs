//! Sequential designs: group-sequential boundaries and the mixture SPRT.

use edgekit::abtest::{self, GroupSummary};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use super::decisions::GroupStats;
use super::{Nullable, nullable};
use crate::errors::{Code, to_js};

/// Options for `groupSequential`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct GroupSequentialOptions {
    pub alpha: Option<f64>,
    #[napi(ts_type = "'obrien-fleming' | 'pocock'")]
    pub spending: Option<String>,
    #[napi(ts_type = "'two-sided' | 'larger' | 'smaller'")]
    pub alternative: Option<String>,
}

/// One look of a group-sequential design.
#[napi(object)]
pub struct GroupSequentialLook {
    pub information: f64,
    pub boundary: f64,
    pub nominal_alpha: f64,
    pub cumulative_alpha: f64,
    #[napi(ts_type = "number | null")]
    pub z: Nullable,
    pub crossed: bool,
}

/// A design and the decision so far.
#[napi(object)]
pub struct GroupSequentialResult {
    pub looks: Vec<GroupSequentialLook>,
    #[napi(ts_type = "number | null")]
    pub stopped_at: Nullable,
    #[napi(ts_type = "'reject' | 'continue' | 'accept'")]
    pub decision: String,
}

/// Lan-DeMets group-sequential boundaries at the information fractions, and the decision for
/// the z statistics observed so far.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "information: Array<number>, z?: Array<number> | undefined | null, options?: GroupSequentialOptions | undefined | null"
)]
pub fn group_sequential(
    information: Vec<f64>,
    z: Option<Vec<f64>>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<GroupSequentialResult, Error<Code>> {
    let options: abtest::GroupSequentialOptions = crate::convert::options::<
        abtest::GroupSequentialOptions,
    >("abtest.groupSequential", options)?;
    let r =
        abtest::group_sequential(&information, &z.unwrap_or_default(), &options).map_err(to_js)?;
    Ok(GroupSequentialResult {
        looks: r
            .looks
            .into_iter()
            .map(|l| GroupSequentialLook {
                information: l.information,
                boundary: l.boundary,
                nominal_alpha: l.nominal_alpha,
                cumulative_alpha: l.cumulative_alpha,
                z: nullable(l.z),
                crossed: l.crossed,
            })
            .collect(),
        stopped_at: nullable(r.stopped_at.map(|k| k as f64)),
        decision: r.decision,
    })
}

/// Options for `msprt`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct MsprtOptions {
    /// τ² of the normal mixture over effects; default derived from `tuning` (gbstats' ρ).
    pub mixing_variance: Option<f64>,
    pub tuning: Option<f64>,
    pub relative: Option<bool>,
    pub confidence: Option<f64>,
    /// The previous look's p-value and interval: the running minimum / intersection is kept.
    pub previous_pvalue: Option<f64>,
    pub previous_ci: Option<Vec<f64>>,
}

/// One look of the mixture SPRT.
#[napi(object)]
pub struct MsprtResult {
    pub effect: f64,
    pub likelihood_ratio: f64,
    pub pvalue: f64,
    pub ci: Vec<f64>,
    pub mixing_variance: f64,
    pub reject: bool,
}

/// Mixture SPRT (Johari et al. 2017) at one look from group summaries.
#[edgekit_macros::boundary]
#[napi(ts_args_type = "a: GroupStats, b: GroupStats, options?: MsprtOptions | undefined | null")]
pub fn msprt(
    a: GroupStats,
    b: GroupStats,
    options: Option<Unknown<'_>>,
) -> std::result::Result<MsprtResult, Error<Code>> {
    let options: abtest::MsprtOptions = crate::convert::options("abtest.msprt", options)?;
    let summary = |g: GroupStats| GroupSummary {
        n: g.n,
        mean: g.mean,
        variance: g.variance,
    };
    abtest::msprt(&summary(a), &summary(b), &options)
        .map(|r| MsprtResult {
            effect: r.effect,
            likelihood_ratio: r.likelihood_ratio,
            pvalue: r.pvalue,
            ci: vec![r.ci.0, r.ci.1],
            mixing_variance: r.mixing_variance,
            reject: r.reject,
        })
        .map_err(to_js)
}
