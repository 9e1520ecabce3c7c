//! Split conformal prediction: a held-out calibration set's nonconformity scores give a
//! threshold that covers a new point with probability at least `1 − alpha` whenever the
//! calibration and new points are exchangeable (Vovk et al. 2005; Lei et al. 2018). The
//! threshold is the `⌈(n + 1)(1 − alpha)⌉`-th smallest score; with `groups` (Mondrian
//! conformal prediction), one threshold per group, so the guarantee holds within each group.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::drift::DriftError;
use crate::drift::sample::check_finite;
use crate::limits::check_count;

/// Options of the conformal predictors.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct ConformalOptions {
    /// Miscoverage: intervals and sets cover with probability at least `1 − alpha`.
    pub alpha: f64,
}

impl ConformalOptions {
    /// Refuses an `alpha` outside (0, 1).
    pub fn check(&self) -> Result<(), DriftError> {
        check_alpha(self.alpha)
    }
}

impl Default for ConformalOptions {
    fn default() -> Self {
        Self { alpha: 0.1 }
    }
}

/// Empirical coverage on a holdout.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Coverage {
    /// Share of holdout points inside their interval or set.
    pub coverage: f64,
    /// Mean interval width (regression) or set size (classification).
    pub mean_size: f64,
    /// Holdout points.
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub n: u64,
}

/// Prediction intervals, one `[lower, upper]` per point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Intervals {
    /// Lower ends.
    pub lower: Vec<f64>,
    /// Upper ends.
    pub upper: Vec<f64>,
}

fn check_alpha(alpha: f64) -> Result<(), DriftError> {
    if alpha > 0.0 && alpha < 1.0 {
        Ok(())
    } else {
        Err(DriftError::OutOfRange {
            argument: "alpha",
            value: alpha,
            range: "(0, 1)",
        })
    }
}

/// The `⌈(n + 1)(1 − alpha)⌉`-th smallest of `scores`, or an error naming how many points
/// the level needs.
fn conformal_quantile(mut scores: Vec<f64>, alpha: f64, group: &str) -> Result<f64, DriftError> {
    let n = scores.len();
    let rank = ((n as f64 + 1.0) * (1.0 - alpha)).ceil() as usize;
    if rank > n {
        let needed = (1.0 / alpha).ceil() as usize - 1;
        return Err(DriftError::Undefined(format!(
            "alpha = {alpha} needs at least {needed} calibration points{group}, got {n}; \
             with fewer the interval is unbounded"
        )));
    }
    let index = rank.max(1) - 1;
    Ok(*scores.select_nth_unstable_by(index, f64::total_cmp).1)
}

fn finite(argument: &'static str, values: &[f64]) -> Result<(), DriftError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(DriftError::NotFinite {
            argument,
            index,
            value: values[index],
        }),
        None => Ok(()),
    }
}

fn paired(first: &'static str, a: usize, second: &'static str, b: usize) -> Result<(), DriftError> {
    if a == b {
        Ok(())
    } else {
        Err(DriftError::LengthMismatch {
            first,
            first_len: a,
            second,
            second_len: b,
        })
    }
}

/// Thresholds per group (one entry, keyed "", without groups).
fn thresholds_by_group(
    scores: Vec<f64>,
    groups: Option<&[String]>,
    alpha: f64,
) -> Result<BTreeMap<String, f64>, DriftError> {
    let mut by_group: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    match groups {
        None => {
            by_group.insert(String::new(), scores);
        }
        Some(groups) => {
            paired("groups", groups.len(), "scores", scores.len())?;
            for (g, s) in groups.iter().zip(scores) {
                by_group.entry(g.clone()).or_default().push(s);
            }
        }
    }
    by_group
        .into_iter()
        .map(|(g, s)| {
            let label = if g.is_empty() && groups.is_none() {
                String::new()
            } else {
                format!(" in group {g:?}")
            };
            conformal_quantile(s, alpha, &label).map(|q| (g, q))
        })
        .collect()
}

/// Split conformal regression: `|y − ŷ|` on a calibration set gives a half-width `q`, and a
/// new prediction's interval is `ŷ ± q` (per group with `groups`).
///
/// ```
/// use edgekit::drift::{ConformalOptions, ConformalRegressor};
/// let y: Vec<f64> = (0..99).map(|i| i as f64).collect();
/// let predicted: Vec<f64> = y.iter().map(|v| v + if (*v as i64) % 2 == 0 { 1.0 } else { -2.0 }).collect();
/// let fitted = ConformalRegressor::fit(&y, &predicted, None, ConformalOptions { alpha: 0.1 })?;
/// assert_eq!(fitted.half_width(None), Some(2.0));
/// let intervals = fitted.predict(&[10.0], None)?;
/// assert_eq!((intervals.lower[0], intervals.upper[0]), (8.0, 12.0));
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformalRegressor {
    alpha: f64,
    half_widths: BTreeMap<String, f64>,
    grouped: bool,
}

impl ConformalRegressor {
    /// Fits on calibration targets `y_true` and the model's predictions `y_pred` for them,
    /// optionally with a group label per point.
    pub fn fit(
        y_true: &[f64],
        y_pred: &[f64],
        groups: Option<&[String]>,
        options: ConformalOptions,
    ) -> Result<Self, DriftError> {
        check_alpha(options.alpha)?;
        paired("y_true", y_true.len(), "y_pred", y_pred.len())?;
        check_finite(y_true, "y_true")?;
        check_finite(y_pred, "y_pred")?;
        let scores = y_true
            .iter()
            .zip(y_pred)
            .map(|(y, p)| (y - p).abs())
            .collect();
        Ok(Self {
            alpha: options.alpha,
            half_widths: thresholds_by_group(scores, groups, options.alpha)?,
            grouped: groups.is_some(),
        })
    }

    /// The miscoverage level fitted for.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The half-width for `group` (`None` without groups).
    pub fn half_width(&self, group: Option<&str>) -> Option<f64> {
        self.half_widths.get(group.unwrap_or("")).copied()
    }

    /// Every group's half-width.
    pub fn half_widths(&self) -> &BTreeMap<String, f64> {
        &self.half_widths
    }

    fn widths(&self, n: usize, groups: Option<&[String]>) -> Result<Vec<f64>, DriftError> {
        match (self.grouped, groups) {
            (false, None) => Ok(vec![self.half_widths[""]; n]),
            (false, Some(_)) => Err(DriftError::Undefined(
                "groups given, but the regressor was fitted without groups".into(),
            )),
            (true, None) => Err(DriftError::Undefined(
                "the regressor was fitted per group: give each prediction's group".into(),
            )),
            (true, Some(groups)) => {
                paired("groups", groups.len(), "y_pred", n)?;
                groups
                    .iter()
                    .map(|g| {
                        self.half_widths.get(g).copied().ok_or_else(|| {
                            DriftError::Undefined(format!("group {g:?} has no calibration points"))
                        })
                    })
                    .collect()
            }
        }
    }

    /// Intervals `ŷ ± q` for new predictions.
    pub fn predict(
        &self,
        y_pred: &[f64],
        groups: Option<&[String]>,
    ) -> Result<Intervals, DriftError> {
        finite("y_pred", y_pred)?;
        let widths = self.widths(y_pred.len(), groups)?;
        Ok(Intervals {
            lower: y_pred.iter().zip(&widths).map(|(p, w)| p - w).collect(),
            upper: y_pred.iter().zip(&widths).map(|(p, w)| p + w).collect(),
        })
    }

    /// Coverage and mean width of the intervals on a holdout.
    pub fn evaluate(
        &self,
        y_true: &[f64],
        y_pred: &[f64],
        groups: Option<&[String]>,
    ) -> Result<Coverage, DriftError> {
        paired("y_true", y_true.len(), "y_pred", y_pred.len())?;
        check_finite(y_true, "y_true")?;
        let intervals = self.predict(y_pred, groups)?;
        let n = y_true.len();
        let inside = (0..n)
            .filter(|&i| intervals.lower[i] <= y_true[i] && y_true[i] <= intervals.upper[i])
            .count();
        let width: f64 = (0..n)
            .map(|i| intervals.upper[i] - intervals.lower[i])
            .sum();
        Ok(Coverage {
            coverage: inside as f64 / n as f64,
            mean_size: width / n as f64,
            n: n as u64,
        })
    }

    /// The regressor as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    /// Reads [`to_json`](Self::to_json) output.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let saved: Self = serde_json::from_str(text)
            .map_err(|e| DriftError::Undefined(format!("not a saved conformal regressor: {e}")))?;
        check_alpha(saved.alpha)?;
        let sound = !saved.half_widths.is_empty()
            && saved
                .half_widths
                .values()
                .all(|w| w.is_finite() && *w >= 0.0)
            && (saved.grouped || saved.half_widths.contains_key(""));
        if !sound {
            return Err(DriftError::Undefined(
                "not a saved conformal regressor: its half-widths are unusable".into(),
            ));
        }
        Ok(saved)
    }
}

/// Split conformal classification with the LAC score `1 − p̂(true class)` (Sadinle et al.
/// 2019): a new point's set holds every class with `1 − p̂ ≤ q`. Class-conditional (Mondrian)
/// fitting gives each class its own `q` from the calibration points of that class, so every
/// class is covered at `1 − alpha`, the rare ones included.
///
/// ```
/// use edgekit::drift::{ConformalClassifier, ConformalOptions};
/// // Three classes, probabilities row by row.
/// let proba: Vec<f64> = (0..60).flat_map(|i| match i % 3 {
///     0 => [0.8, 0.1, 0.1], 1 => [0.2, 0.6, 0.2], _ => [0.1, 0.3, 0.6],
/// }).collect();
/// let labels: Vec<usize> = (0..60).map(|i| if i % 10 == 0 { (i % 3 + 1) % 3 } else { i % 3 }).collect();
/// let fitted = ConformalClassifier::fit(&proba, 3, &labels, false, ConformalOptions { alpha: 0.2 })?;
/// let sets = fitted.predict_sets(&[0.8, 0.1, 0.1])?;
/// assert_eq!(sets, vec![true, false, false]);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformalClassifier {
    alpha: f64,
    classes: usize,
    /// One threshold (marginal) or one per class.
    thresholds: Vec<f64>,
}

fn check_probabilities(proba: &[f64], classes: usize) -> Result<usize, DriftError> {
    check_count("classes", classes, 2, 1 << 20)?;
    if !proba.len().is_multiple_of(classes) {
        return Err(DriftError::Undefined(format!(
            "probabilities hold {} values, not a whole number of rows of {classes} classes",
            proba.len()
        )));
    }
    if let Some(i) = proba.iter().position(|p| !(0.0..=1.0).contains(p)) {
        return Err(DriftError::Undefined(format!(
            "probabilities row {}, class {} is {}, not a probability in [0, 1]",
            i / classes,
            i % classes,
            proba[i]
        )));
    }
    Ok(proba.len() / classes)
}

impl ConformalClassifier {
    /// Fits on calibration probabilities (row-major, `classes` per row) and true class
    /// indices; `class_conditional` fits one threshold per class.
    pub fn fit(
        proba: &[f64],
        classes: usize,
        labels: &[usize],
        class_conditional: bool,
        options: ConformalOptions,
    ) -> Result<Self, DriftError> {
        check_alpha(options.alpha)?;
        let rows = check_probabilities(proba, classes)?;
        paired("labels", labels.len(), "probability rows", rows)?;
        if rows == 0 {
            return Err(DriftError::Empty { argument: "labels" });
        }
        if let Some(i) = labels.iter().position(|&l| l >= classes) {
            return Err(DriftError::Undefined(format!(
                "labels[{i}] = {} is not a class index below {classes}",
                labels[i]
            )));
        }
        let score = |i: usize| 1.0 - proba[i * classes + labels[i]];
        let thresholds = if class_conditional {
            (0..classes)
                .map(|c| {
                    let scores: Vec<f64> =
                        (0..rows).filter(|&i| labels[i] == c).map(score).collect();
                    conformal_quantile(scores, options.alpha, &format!(" of class {c}"))
                })
                .collect::<Result<_, _>>()?
        } else {
            vec![conformal_quantile(
                (0..rows).map(score).collect(),
                options.alpha,
                "",
            )?]
        };
        Ok(Self {
            alpha: options.alpha,
            classes,
            thresholds,
        })
    }

    /// The miscoverage level fitted for.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Classes per row.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The threshold on `1 − p̂`: one, or one per class when fitted class-conditionally.
    pub fn thresholds(&self) -> &[f64] {
        &self.thresholds
    }

    /// Membership of each class in each row's set, row-major (`rows × classes`).
    pub fn predict_sets(&self, proba: &[f64]) -> Result<Vec<bool>, DriftError> {
        check_probabilities(proba, self.classes)?;
        Ok(proba
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let q = self.thresholds[if self.thresholds.len() == 1 {
                    0
                } else {
                    i % self.classes
                }];
                1.0 - p <= q
            })
            .collect())
    }

    /// Coverage and mean set size on a holdout.
    pub fn evaluate(&self, proba: &[f64], labels: &[usize]) -> Result<Coverage, DriftError> {
        let sets = self.predict_sets(proba)?;
        let rows = sets.len() / self.classes;
        paired("labels", labels.len(), "probability rows", rows)?;
        if rows == 0 {
            return Err(DriftError::Empty { argument: "labels" });
        }
        if let Some(i) = labels.iter().position(|&l| l >= self.classes) {
            return Err(DriftError::Undefined(format!(
                "labels[{i}] = {} is not a class index below {}",
                labels[i], self.classes
            )));
        }
        let covered = (0..rows)
            .filter(|&i| sets[i * self.classes + labels[i]])
            .count();
        let size = sets.iter().filter(|&&s| s).count();
        Ok(Coverage {
            coverage: covered as f64 / rows as f64,
            mean_size: size as f64 / rows as f64,
            n: rows as u64,
        })
    }

    /// The classifier as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    /// Reads [`to_json`](Self::to_json) output.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let saved: Self = serde_json::from_str(text)
            .map_err(|e| DriftError::Undefined(format!("not a saved conformal classifier: {e}")))?;
        check_alpha(saved.alpha)?;
        check_count("classes", saved.classes, 2, 1 << 20)?;
        let sound = (saved.thresholds.len() == 1 || saved.thresholds.len() == saved.classes)
            && saved.thresholds.iter().all(|t| t.is_finite());
        if !sound {
            return Err(DriftError::Undefined(
                "not a saved conformal classifier: its thresholds do not fit its classes".into(),
            ));
        }
        Ok(saved)
    }
}
