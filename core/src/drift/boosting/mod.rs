//! Gradient-boosted trees for the monitors that learn a model of their own: direct loss
//! estimation (a regressor of each row's loss) and the domain classifier (a classifier telling
//! reference rows from a chunk's). NannyML trains LightGBM with its default hyperparameters
//! for both, so this is a histogram learner after LightGBM (Ke et al., "LightGBM: A Highly
//! Efficient Gradient Boosting Decision Tree", NeurIPS 2017) with LightGBM's defaults and
//! parameter names: features cut into at most 255 bins, trees grown leaf-wise to 31 leaves,
//! split gain `G²/(H + λ)`, missing values sent to the side that gains most, categorical
//! features split one-against-rest (few categories) or by sorted mean gradient.
//!
//! Why not a crate: linfa has no boosting and its trees are classifiers only; perpetual
//! needs a nightly compiler; forust-ml (its stable predecessor, no longer developed) has no
//! categorical splits or minimum leaf size and, on NannyML's car-price data, put DLE's MAE
//! 25 (1.3 sampling errors) from NannyML's on the drifted chunks. Training is deterministic
//! (no row or column sampling), so there is no seed.

mod bins;
mod features;
mod model;
mod split;
mod tree;

use serde::{Deserialize, Serialize};

use crate::drift::DriftError;
use crate::limits::LimitError;

pub(crate) use features::FeatureEncoder;
pub(crate) use model::{GradientBoosting, Objective};

/// Most boosting rounds one model trains.
pub const MAX_ESTIMATORS: u64 = 10_000;
/// Most leaves of one tree.
pub const MAX_LEAVES: u64 = 131_072;

/// Hyperparameters of the boosted trees, named and defaulted as LightGBM's scikit-learn
/// estimators (`LGBMRegressor`, `LGBMClassifier`) name them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct BoostingOptions {
    /// Boosting rounds (trees), default 100.
    pub n_estimators: u64,
    /// Shrinkage of every tree's output, default 0.1.
    pub learning_rate: f64,
    /// Most leaves per tree, default 31.
    pub num_leaves: u64,
    /// Deepest a leaf may be; 0 or less (LightGBM's −1, the default) for no limit.
    pub max_depth: i64,
    /// Fewest rows in a leaf, default 20.
    pub min_child_samples: u64,
    /// Smallest sum of hessians in a leaf, default 0.001.
    pub min_child_weight: f64,
    /// Gain a split must add, default 0.
    pub min_split_gain: f64,
    /// L1 regularization of leaf outputs, default 0.
    pub reg_alpha: f64,
    /// L2 regularization of leaf outputs, default 0.
    pub reg_lambda: f64,
    /// Most bins per feature, default 255 (at most 255).
    pub max_bin: u64,
}

impl Default for BoostingOptions {
    fn default() -> Self {
        BoostingOptions {
            n_estimators: 100,
            learning_rate: 0.1,
            num_leaves: 31,
            max_depth: -1,
            min_child_samples: 20,
            min_child_weight: 1e-3,
            min_split_gain: 0.0,
            reg_alpha: 0.0,
            reg_lambda: 0.0,
            max_bin: 255,
        }
    }
}

impl BoostingOptions {
    /// Checks every option before any data is read.
    pub fn validate(&self) -> Result<(), DriftError> {
        let limit = |argument, value: u64, min, max| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(DriftError::Limit(LimitError::new(
                    argument, value, min, max,
                )))
            }
        };
        limit("n_estimators", self.n_estimators, 1, MAX_ESTIMATORS)?;
        limit("num_leaves", self.num_leaves, 2, MAX_LEAVES)?;
        limit("max_bin", self.max_bin, 2, 255)?;
        limit(
            "min_child_samples",
            self.min_child_samples,
            0,
            u64::from(u32::MAX),
        )?;
        let positive = |argument, value: f64| {
            if value.is_finite() && value > 0.0 {
                Ok(())
            } else {
                Err(DriftError::OutOfRange {
                    argument,
                    value,
                    range: "(0, ∞)",
                })
            }
        };
        let non_negative = |argument, value: f64| {
            if value.is_finite() && value >= 0.0 {
                Ok(())
            } else {
                Err(DriftError::OutOfRange {
                    argument,
                    value,
                    range: "[0, ∞)",
                })
            }
        };
        positive("learning_rate", self.learning_rate)?;
        non_negative("min_child_weight", self.min_child_weight)?;
        non_negative("min_split_gain", self.min_split_gain)?;
        non_negative("reg_alpha", self.reg_alpha)?;
        non_negative("reg_lambda", self.reg_lambda)
    }
}
