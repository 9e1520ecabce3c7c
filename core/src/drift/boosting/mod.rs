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

pub(crate) use features::{FeatureEncoder, Unseen};
pub(crate) use model::{GradientBoosting, Objective};

/// Most boosting rounds one model trains.
pub const MAX_ESTIMATORS: u64 = 10_000;
/// Most leaves of one tree.
pub const MAX_LEAVES: u64 = 131_072;

/// Hyperparameters of the boosted trees, named and defaulted as LightGBM's scikit-learn
/// estimators (`LGBMRegressor`, `LGBMClassifier`) name them.
///
/// Read from a LightGBM hyperparameter map as NannyML users write one: LightGBM's aliases
/// (`min_data_in_leaf`, `lambda_l2`, `num_iterations`, ...) are accepted, keys that do not
/// change the model (`n_jobs`, `random_state`, `verbose`, `importance_type`, ...) are
/// ignored, and `boosting_type`, `objective`, `class_weight`, `subsample` and
/// `colsample_bytree` are accepted at the values that train what this learner trains
/// (`"gbdt"`, none, none, 1, 1); any other key is refused by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// The fields under their LightGBM names and aliases.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Named {
    #[serde(
        alias = "num_iterations",
        alias = "num_boost_round",
        alias = "num_trees"
    )]
    n_estimators: u64,
    #[serde(alias = "eta", alias = "shrinkage_rate")]
    learning_rate: f64,
    #[serde(alias = "max_leaves", alias = "num_leaf")]
    num_leaves: u64,
    max_depth: i64,
    #[serde(
        alias = "min_data_in_leaf",
        alias = "min_data_per_leaf",
        alias = "min_data"
    )]
    min_child_samples: u64,
    #[serde(alias = "min_sum_hessian_in_leaf", alias = "min_hessian")]
    min_child_weight: f64,
    #[serde(alias = "min_gain_to_split")]
    min_split_gain: f64,
    #[serde(alias = "lambda_l1", alias = "l1_regularization")]
    reg_alpha: f64,
    #[serde(alias = "lambda_l2", alias = "l2_regularization")]
    reg_lambda: f64,
    #[serde(alias = "max_bins")]
    max_bin: u64,
}

impl Default for Named {
    fn default() -> Self {
        let d = BoostingOptions::default();
        Named {
            n_estimators: d.n_estimators,
            learning_rate: d.learning_rate,
            num_leaves: d.num_leaves,
            max_depth: d.max_depth,
            min_child_samples: d.min_child_samples,
            min_child_weight: d.min_child_weight,
            min_split_gain: d.min_split_gain,
            reg_alpha: d.reg_alpha,
            reg_lambda: d.reg_lambda,
            max_bin: d.max_bin,
        }
    }
}

/// LightGBM keys that do not change the fitted model.
const IGNORED: &[&str] = &[
    "n_jobs",
    "num_threads",
    "random_state",
    "seed",
    "verbose",
    "verbosity",
    "silent",
    "importance_type",
    "subsample_for_bin",
    "bin_construct_sample_cnt",
    "subsample_freq",
    "bagging_freq",
    "deterministic",
    "force_col_wise",
    "force_row_wise",
];

/// LightGBM keys accepted at the one value this learner trains with.
fn fixed(key: &str, value: &serde_json::Value) -> Option<Result<(), String>> {
    use serde_json::Value;
    let ok = match key {
        "boosting_type" | "boosting" | "boost" => value.is_null() || value.as_str() == Some("gbdt"),
        "objective" | "class_weight" => value.is_null(),
        "subsample" | "bagging_fraction" | "colsample_bytree" | "feature_fraction" => {
            value.is_null() || value.as_f64() == Some(1.0)
        }
        _ => return None,
    };
    Some(if ok {
        Ok(())
    } else {
        let shown = match value {
            Value::String(s) => format!("{s:?}"),
            other => other.to_string(),
        };
        Err(format!(
            "LightGBM's {key} = {shown} is not available: edgekit's trees are plain gradient \
             boosting on every row and feature, their objective set by the estimator"
        ))
    })
}

impl<'de> Deserialize<'de> for BoostingOptions {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut map = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        map.retain(|key, _| !IGNORED.contains(&key.as_str()));
        let mut refused = None;
        map.retain(|key, value| match fixed(key, value) {
            None => true,
            Some(Ok(())) => false,
            Some(Err(why)) => {
                refused.get_or_insert(why);
                false
            }
        });
        if let Some(why) = refused {
            return Err(D::Error::custom(why));
        }
        let named: Named =
            serde_json::from_value(serde_json::Value::Object(map)).map_err(D::Error::custom)?;
        Ok(BoostingOptions {
            n_estimators: named.n_estimators,
            learning_rate: named.learning_rate,
            num_leaves: named.num_leaves,
            max_depth: named.max_depth,
            min_child_samples: named.min_child_samples,
            min_child_weight: named.min_child_weight,
            min_split_gain: named.min_split_gain,
            reg_alpha: named.reg_alpha,
            reg_lambda: named.reg_lambda,
            max_bin: named.max_bin,
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nannyml_hyperparameter_map_reads_with_aliases_and_no_op_keys() {
        let nannyml = serde_json::json!({
            "boosting_type": "gbdt", "class_weight": null, "colsample_bytree": 1.0,
            "importance_type": "split", "learning_rate": 0.1, "max_depth": -1,
            "min_child_samples": 20, "min_child_weight": 0.001, "min_split_gain": 0.0,
            "n_estimators": 100, "n_jobs": -1, "num_leaves": 31, "objective": null,
            "random_state": 13, "reg_alpha": 0.0, "reg_lambda": 0.0, "silent": "warn",
            "subsample": 1.0, "subsample_for_bin": 200000, "subsample_freq": 0
        });
        let read: BoostingOptions = serde_json::from_value(nannyml).unwrap();
        assert_eq!(read, BoostingOptions::default());
        let aliased: BoostingOptions =
            serde_json::from_value(serde_json::json!({"min_data_in_leaf": 5, "lambda_l2": 2.0}))
                .unwrap();
        assert_eq!((aliased.min_child_samples, aliased.reg_lambda), (5, 2.0));
        let err = serde_json::from_value::<BoostingOptions>(serde_json::json!({"subsample": 0.8}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("subsample = 0.8"), "{err}");
        let err = serde_json::from_value::<BoostingOptions>(serde_json::json!({"num_leafs": 8}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("num_leafs"), "{err}");
    }
}
