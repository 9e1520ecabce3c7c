//! Sequential designs: group-sequential boundaries and the mixture SPRT.

use edgekit::abtest::{self, GroupSummary};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use super::decisions::GroupStats;
use super::{Nullable, nullable, parse};
use crate::errors::{Code, to_js};

/// Options for `groupSequential`.
#[napi(object)]
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
#[napi]
pub fn group_sequential(
    information: Vec<f64>,
    z: Option<Vec<f64>>,
    options: Option<GroupSequentialOptions>,
) -> std::result::Result<GroupSequentialResult, Error<Code>> {
    let defaults = abtest::GroupSequentialOptions::default();
    let options = match options {
        None => defaults,
        Some(o) => abtest::GroupSequentialOptions {
            alpha: o.alpha.unwrap_or(defaults.alpha),
            spending: parse(o.spending, defaults.spending)?,
            alternative: parse(o.alternative, defaults.alternative)?,
        },
    };
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
#[napi]
pub fn msprt(
    a: GroupStats,
    b: GroupStats,
    options: Option<MsprtOptions>,
) -> std::result::Result<MsprtResult, Error<Code>> {
    let defaults = abtest::MsprtOptions::default();
    let options = match options {
        None => defaults,
        Some(o) => {
            let previous_ci = match o.previous_ci.as_deref() {
                None => None,
                Some(&[low, high]) => Some((low, high)),
                Some(other) => {
                    return Err(Error::new(
                        Code::INVALID_INPUT,
                        format!("previousCi must hold 2 numbers, got {}", other.len()),
                    ));
                }
            };
            abtest::MsprtOptions {
                mixing_variance: o.mixing_variance,
                tuning: o.tuning.unwrap_or(defaults.tuning),
                relative: o.relative.unwrap_or(defaults.relative),
                confidence: o.confidence.unwrap_or(defaults.confidence),
                previous_pvalue: o.previous_pvalue,
                previous_ci,
            }
        }
    };
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
