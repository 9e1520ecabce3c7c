//! Sequential designs: group-sequential boundaries and the mixture SPRT.

use crate::convert::Plain;
use edgekit::abtest::{self, GroupSummary};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use super::decisions::GroupStats;
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

/// Lan-DeMets group-sequential boundaries at the information fractions, and the decision for
/// the z statistics observed so far.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "information: Array<number>, z?: Array<number> | undefined | null, options?: GroupSequentialOptions | undefined | null",
    ts_return_type = "GroupSequentialResult"
)]
pub fn group_sequential(
    information: Vec<f64>,
    z: Option<Vec<f64>>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: abtest::GroupSequentialOptions = crate::convert::options::<
        abtest::GroupSequentialOptions,
    >("abtest.groupSequential", options)?;
    let r =
        abtest::group_sequential(&information, &z.unwrap_or_default(), &options).map_err(to_js)?;
    Ok(Plain::of(&r))
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

/// Mixture SPRT (Johari et al. 2017) at one look from group summaries.
#[edgekit_macros::boundary]
#[napi(
    ts_args_type = "a: GroupStats, b: GroupStats, options?: MsprtOptions | undefined | null",
    ts_return_type = "MsprtResult"
)]
pub fn msprt(
    a: GroupStats,
    b: GroupStats,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: abtest::MsprtOptions = crate::convert::options("abtest.msprt", options)?;
    let summary = |g: GroupStats| GroupSummary {
        n: g.n,
        mean: g.mean,
        variance: g.variance,
    };
    abtest::msprt(&summary(a), &summary(b), &options)
        .map(|r| Plain::of(&r))
        .map_err(to_js)
}
