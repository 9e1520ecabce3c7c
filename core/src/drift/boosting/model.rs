//! The boosting loop: start from the average (LightGBM's `boost_from_average`), then add one
//! tree per round fitted to the loss's gradients, until `n_estimators` trees or a round finds
//! no split.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::BoostingOptions;
use super::bins::Binned;
use super::tree::{Tree, grow};
use crate::drift::DriftError;

/// The loss the trees minimize.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Objective {
    /// Squared error; predictions are the fitted values.
    Regression,
    /// Log loss on 0/1 targets; predictions are probabilities of 1.
    Binary,
}

/// A fitted boosted-trees model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct GradientBoosting {
    objective: Objective,
    features: usize,
    init: f64,
    trees: Vec<Tree>,
}

/// Rows per parallel task when predicting or computing gradients.
const ROWS_PER_TASK: usize = 4096;
/// Rows copied row-major at a time when predicting.
const PREDICT_BLOCK: usize = 64;

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl GradientBoosting {
    /// Fits on `columns` (one slice per feature, all of one length; categorical features hold
    /// non-negative integer codes) and `target`.
    pub fn fit(
        columns: &[&[f64]],
        categorical: &[bool],
        target: &[f64],
        objective: Objective,
        options: &BoostingOptions,
    ) -> Result<Self, DriftError> {
        Self::fit_with_predictions(columns, categorical, target, objective, options).map(|f| f.0)
    }

    /// [`GradientBoosting::fit`], with the model's predictions for the training rows (the
    /// same bits [`GradientBoosting::predict`] gives for them: every split on a bin is the
    /// same split on the value, and the trees are summed in the same order).
    pub fn fit_with_predictions(
        columns: &[&[f64]],
        categorical: &[bool],
        target: &[f64],
        objective: Objective,
        options: &BoostingOptions,
    ) -> Result<(Self, Vec<f64>), DriftError> {
        options.validate()?;
        let n = target.len();
        if n == 0 {
            return Err(DriftError::Empty { argument: "target" });
        }
        if columns.is_empty() {
            return Err(DriftError::Empty {
                argument: "features",
            });
        }
        debug_assert_eq!(columns.len(), categorical.len());
        debug_assert!(columns.iter().all(|c| c.len() == n));
        if let Some(index) = target.iter().position(|v| !v.is_finite()) {
            return Err(DriftError::NotFinite {
                argument: "target",
                index,
                value: target[index],
            });
        }
        let data = Binned::fit(columns, categorical, options.max_bin as usize);
        let mean = target.iter().sum::<f64>() / n as f64;
        let init = match objective {
            Objective::Regression => mean,
            Objective::Binary => {
                let p = mean.clamp(1e-15, 1.0 - 1e-15);
                (p / (1.0 - p)).ln()
            }
        };
        let mut scores = vec![init; n];
        let mut grad = vec![0.0; n];
        let mut hess = vec![0.0; n];
        let (mut order, mut scratch) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut trees = Vec::new();
        for _ in 0..options.n_estimators {
            grad.par_chunks_mut(ROWS_PER_TASK)
                .zip(hess.par_chunks_mut(ROWS_PER_TASK))
                .zip(
                    scores
                        .par_chunks(ROWS_PER_TASK)
                        .zip(target.par_chunks(ROWS_PER_TASK)),
                )
                .for_each(|((g, h), (s, y))| {
                    for i in 0..g.len() {
                        match objective {
                            Objective::Regression => {
                                g[i] = s[i] - y[i];
                                h[i] = 1.0;
                            }
                            Objective::Binary => {
                                let p = sigmoid(s[i]);
                                g[i] = p - y[i];
                                h[i] = (p * (1.0 - p)).max(f64::MIN_POSITIVE);
                            }
                        }
                    }
                });
            let grown = grow(&data, &grad, &hess, options, &mut order, &mut scratch);
            if grown.tree.is_stump() {
                break;
            }
            for (rows, value) in &grown.leaves {
                for &row in rows {
                    scores[row as usize] += value;
                }
            }
            trees.push(grown.tree);
        }
        if objective == Objective::Binary {
            scores.iter_mut().for_each(|p| *p = sigmoid(*p));
        }
        let model = GradientBoosting {
            objective,
            features: columns.len(),
            init,
            trees,
        };
        Ok((model, scores))
    }

    /// Predictions for the rows of `columns` (laid out as in `fit`): fitted values, or
    /// probabilities of 1 for [`Objective::Binary`].
    pub fn predict(&self, columns: &[&[f64]]) -> Vec<f64> {
        debug_assert_eq!(columns.len(), self.features);
        let n = columns.first().map_or(0, |c| c.len());
        let features = self.features;
        let mut out = vec![0.0; n];
        out.par_chunks_mut(ROWS_PER_TASK)
            .enumerate()
            .for_each(|(task, out)| {
                // Rows a block at a time, copied row-major so that a tree walk reads one
                // row's features from one cache line or two.
                let mut block = vec![0.0; PREDICT_BLOCK * features];
                for (b, out) in out.chunks_mut(PREDICT_BLOCK).enumerate() {
                    let first = task * ROWS_PER_TASK + b * PREDICT_BLOCK;
                    for (f, column) in columns.iter().enumerate() {
                        for (i, &v) in column[first..first + out.len()].iter().enumerate() {
                            block[i * features + f] = v;
                        }
                    }
                    // Tree by tree over the block: the tree stays in L1 and the rows' walks,
                    // independent of each other, overlap in the pipeline.
                    out.fill(self.init);
                    for tree in &self.trees {
                        for (i, slot) in out.iter_mut().enumerate() {
                            let row = &block[i * features..(i + 1) * features];
                            *slot += tree.predict(|f| row[f]);
                        }
                    }
                    if self.objective == Objective::Binary {
                        out.iter_mut().for_each(|p| *p = sigmoid(*p));
                    }
                }
            });
        out
    }

    /// Features the model reads.
    pub fn features(&self) -> usize {
        self.features
    }

    /// Whether a loaded model is safe to predict with: finite values, features in range,
    /// every child after its parent (so every walk ends at a leaf).
    pub fn is_consistent(&self) -> bool {
        use super::tree::Node;
        self.init.is_finite()
            && self.trees.iter().all(|tree| {
                let len = tree.nodes.len();
                tree.nodes.iter().enumerate().all(|(at, node)| match node {
                    Node::Leaf { value } => value.is_finite(),
                    Node::Below {
                        feature,
                        threshold,
                        left,
                        right,
                        ..
                    } => {
                        !threshold.is_nan()
                            && (*feature as usize) < self.features
                            && [*left, *right]
                                .iter()
                                .all(|&c| (c as usize) > at && (c as usize) < len)
                    }
                    Node::In {
                        feature,
                        left,
                        right,
                        ..
                    } => {
                        (*feature as usize) < self.features
                            && [*left, *right]
                                .iter()
                                .all(|&c| (c as usize) > at && (c as usize) < len)
                    }
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_learns_a_step_and_an_interaction() {
        let n = 2_000;
        let x: Vec<f64> = (0..n).map(|i| (i % 100) as f64).collect();
        let c: Vec<f64> = (0..n).map(|i| ((i / 7) % 3) as f64).collect();
        let y: Vec<f64> = x
            .iter()
            .zip(&c)
            .map(|(&x, &c)| if x < 50.0 { 1.0 } else { 5.0 } + if c == 2.0 { 10.0 } else { 0.0 })
            .collect();
        let model = GradientBoosting::fit(
            &[&x, &c],
            &[false, true],
            &y,
            Objective::Regression,
            &BoostingOptions::default(),
        )
        .unwrap();
        let fitted = model.predict(&[&x, &c]);
        let worst = fitted
            .iter()
            .zip(&y)
            .map(|(f, y)| (f - y).abs())
            .fold(0.0, f64::max);
        // After 100 rounds at rate 0.1 the residual is (0.9)^100 of the signal.
        assert!(worst < 1e-3, "{worst}");
    }

    #[test]
    fn training_predictions_are_the_predictions_of_the_fitted_model() {
        let n = 3_000;
        let x: Vec<f64> = (0..n)
            .map(|i| {
                if i % 17 == 0 {
                    f64::NAN
                } else {
                    ((i * 7919) % 1000) as f64 / 7.0
                }
            })
            .collect();
        let c: Vec<f64> = (0..n).map(|i| ((i * 31) % 6) as f64).collect();
        let y: Vec<f64> = x
            .iter()
            .zip(&c)
            .map(|(x, c)| c + if x.is_nan() { 2.0 } else { x.sin() * 3.0 })
            .collect();
        for objective in [Objective::Regression, Objective::Binary] {
            let target: Vec<f64> = match objective {
                Objective::Regression => y.clone(),
                Objective::Binary => y.iter().map(|&v| f64::from(v > 3.0)).collect(),
            };
            let (model, fitted) = GradientBoosting::fit_with_predictions(
                &[&x, &c],
                &[false, true],
                &target,
                objective,
                &BoostingOptions::default(),
            )
            .unwrap();
            assert_eq!(model.predict(&[&x, &c]), fitted);
        }
    }

    #[test]
    fn binary_probabilities_separate_the_classes() {
        let n = 1_000;
        let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let y: Vec<f64> = x.iter().map(|&x| f64::from(x >= 600.0)).collect();
        let model = GradientBoosting::fit(
            &[&x],
            &[false],
            &y,
            Objective::Binary,
            &BoostingOptions::default(),
        )
        .unwrap();
        // Bins hold about four values each here, so the cut lies within a few of 600.
        let p = model.predict(&[&[100.0, 590.0, 610.0, 900.0, f64::NAN]]);
        assert!(
            p[0] < 0.01 && p[1] < 0.01 && p[2] > 0.99 && p[3] > 0.99,
            "{p:?}"
        );
        // No missing value in training: a missing one reads as 0, the low class.
        assert!(p[4] < 0.01);
    }

    #[test]
    fn missing_values_go_where_they_gain_most() {
        let n = 1_000;
        let x: Vec<f64> = (0..n)
            .map(|i| {
                if i % 4 == 0 {
                    f64::NAN
                } else {
                    (i % 50) as f64
                }
            })
            .collect();
        let y: Vec<f64> = x
            .iter()
            .map(|&x| if x.is_nan() || x > 40.0 { 3.0 } else { 0.0 })
            .collect();
        let model = GradientBoosting::fit(
            &[&x],
            &[false],
            &y,
            Objective::Regression,
            &BoostingOptions::default(),
        )
        .unwrap();
        let p = model.predict(&[&[f64::NAN, 10.0, 45.0]]);
        assert!((p[0] - 3.0).abs() < 1e-3 && p[1].abs() < 1e-3 && (p[2] - 3.0).abs() < 1e-3);
    }

    #[test]
    fn a_constant_target_stops_after_no_split() {
        let x: Vec<f64> = (0..100).map(f64::from).collect();
        let model = GradientBoosting::fit(
            &[&x],
            &[false],
            &[2.5; 100],
            Objective::Regression,
            &BoostingOptions::default(),
        )
        .unwrap();
        assert_eq!(model.trees.len(), 0);
        assert_eq!(model.predict(&[&[7.0]]), vec![2.5]);
    }

    #[test]
    fn options_out_of_range_are_refused() {
        let bad = BoostingOptions {
            num_leaves: 1,
            ..Default::default()
        };
        assert!(bad.validate().is_err());
        let bad = BoostingOptions {
            learning_rate: f64::NAN,
            ..Default::default()
        };
        assert!(bad.validate().is_err());
    }
}
