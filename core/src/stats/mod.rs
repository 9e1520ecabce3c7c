//! Shared numerics: summaries and quantiles used by every engine.
//!
//! - [`describe`] follows `scipy.stats.describe` (sample variance with `ddof = 1`, biased
//!   skewness and Fisher kurtosis by default) and `numpy.quantile`'s default `"linear"`
//!   method (Hyndman & Fan type 7).
//! - Moments are computed in one pass over memory: each 4,096-value block is summed exactly
//!   twice while it sits in cache, and blocks are combined with the pairwise update formulas
//!   of Chan, Golub & LeVeque (1979) extended to third and fourth moments by Pébay (2008).
//!   Blocks are fixed by position and merged left to right, so the result is bit-for-bit the
//!   same on one thread or many.

mod describe;
pub(crate) mod dist;
mod error;
pub(crate) mod moments;
pub(crate) mod noncentral;
mod quantile;
pub(crate) mod sampling;
pub(crate) mod seed;

pub use describe::{Describe, DescribeOptions, NanPolicy, Quantile, describe};
pub use error::StatsError;
pub use quantile::quantiles_sorted;
