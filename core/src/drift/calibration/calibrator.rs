//! Calibration maps fitted on a reference's scores and targets: Platt's sigmoid and isotonic
//! regression, as scikit-learn's `CalibratedClassifierCV(method="sigmoid" | "isotonic")`
//! fits them on a held-out set.

use serde::{Deserialize, Serialize};

use crate::drift::{DriftError, Isotonic};

/// Which map [`Calibrator::fit`] fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum CalibrationMethod {
    /// Platt scaling: `1 / (1 + exp(a·s + b))`, two parameters; right when the scores are
    /// monotone and the miscalibration is sigmoid-shaped, and for small references.
    #[default]
    Sigmoid,
    /// A non-decreasing step-linear map (pool adjacent violators); any monotone distortion,
    /// given enough reference rows (scikit-learn advises ≫ 1,000).
    Isotonic,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "lowercase")]
enum Map {
    Sigmoid { a: f64, b: f64 },
    Isotonic { fitted: Isotonic },
}

/// A fitted calibration map from scores (probabilities or raw margins) to probabilities.
///
/// ```
/// use edgekit::drift::{CalibrationMethod, Calibrator};
/// // An overconfident model: it says 0.9 where 70 % come true.
/// let scores = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
/// let truth = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0];
/// let calibrator = Calibrator::fit(&scores, &truth, CalibrationMethod::Isotonic)?;
/// assert!((calibrator.predict_one(0.9) - 0.7).abs() < 1e-12);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibrator {
    map: Map,
}

fn check(scores: &[f64], y_true: &[f64]) -> Result<(), DriftError> {
    if scores.len() != y_true.len() {
        return Err(DriftError::LengthMismatch {
            first: "scores",
            first_len: scores.len(),
            second: "y_true",
            second_len: y_true.len(),
        });
    }
    crate::drift::sample::check_finite(scores, "scores")?;
    if let Some(i) = y_true.iter().position(|&y| y != 0.0 && y != 1.0) {
        return Err(DriftError::Undefined(format!(
            "y_true[{i}] = {} is not a binary target (0 or 1)",
            y_true[i]
        )));
    }
    Ok(())
}

/// `log(1 + eᶻ)` without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Platt's fit with his smoothed targets and scikit-learn's start, solved by Newton's method
/// with a backtracking line search to the exact optimum of the (convex) loss; scikit-learn's
/// L-BFGS stops within `gtol = 1e-6` of it.
fn platt(scores: &[f64], y_true: &[f64]) -> (f64, f64) {
    let largest = scores.iter().fold(0.0f64, |m, s| m.max(s.abs()));
    // scikit-learn rescales large margins; the optimum is the same, the steps better behaved.
    let scale = if largest >= 30.0 { largest } else { 1.0 };
    let f: Vec<f64> = scores.iter().map(|s| s / scale).collect();
    let negatives = y_true.iter().filter(|&&y| y <= 0.0).count() as f64;
    let positives = y_true.len() as f64 - negatives;
    let (hi, lo) = (
        (positives + 1.0) / (positives + 2.0),
        1.0 / (negatives + 2.0),
    );
    let targets: Vec<f64> = y_true
        .iter()
        .map(|&y| if y > 0.0 { hi } else { lo })
        .collect();
    let loss = |a: f64, b: f64| -> f64 {
        f.iter()
            .zip(&targets)
            .map(|(&x, &t)| {
                let z = -(a * x + b);
                softplus(z) - t * z
            })
            .sum()
    };
    let (mut a, mut b) = (0.0, ((negatives + 1.0) / (positives + 1.0)).ln());
    let mut current = loss(a, b);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (&x, &t) in f.iter().zip(&targets) {
            let p = sigmoid(-(a * x + b));
            let (r, w) = (t - p, p * (1.0 - p));
            ga += r * x;
            gb += r;
            haa += w * x * x;
            hab += w * x;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        let (da, db) = if det > 1e-300 * haa.max(hbb).max(1.0) {
            ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det)
        } else {
            // Constant scores: only the intercept is identified.
            (0.0, if hbb > 0.0 { gb / hbb } else { 0.0 })
        };
        let mut step = 1.0;
        let mut improved = false;
        while step > 1e-10 {
            let (na, nb) = (a - step * da, b - step * db);
            let candidate = loss(na, nb);
            if candidate <= current {
                improved = candidate < current;
                (a, b, current) = (na, nb, candidate);
                break;
            }
            step *= 0.5;
        }
        let size = (da * da + db * db).sqrt() * step;
        if !improved || size <= 1e-13 * (1.0 + (a * a + b * b).sqrt()) {
            break;
        }
    }
    (a / scale, b)
}

impl Calibrator {
    /// Fits the map on reference `scores` and binary targets `y_true` (0 or 1).
    pub fn fit(
        scores: &[f64],
        y_true: &[f64],
        method: CalibrationMethod,
    ) -> Result<Self, DriftError> {
        check(scores, y_true)?;
        let map = match method {
            CalibrationMethod::Sigmoid => {
                let (a, b) = platt(scores, y_true);
                Map::Sigmoid { a, b }
            }
            CalibrationMethod::Isotonic => Map::Isotonic {
                fitted: Isotonic::fit(scores, y_true)?,
            },
        };
        Ok(Self { map })
    }

    /// The method fitted.
    pub fn method(&self) -> CalibrationMethod {
        match self.map {
            Map::Sigmoid { .. } => CalibrationMethod::Sigmoid,
            Map::Isotonic { .. } => CalibrationMethod::Isotonic,
        }
    }

    /// Platt's `(a, b)` in `1 / (1 + exp(a·s + b))`; `None` for an isotonic map.
    pub fn sigmoid_parameters(&self) -> Option<(f64, f64)> {
        match self.map {
            Map::Sigmoid { a, b } => Some((a, b)),
            Map::Isotonic { .. } => None,
        }
    }

    /// The calibrated probability of one finite score.
    pub fn predict_one(&self, score: f64) -> f64 {
        match &self.map {
            Map::Sigmoid { a, b } => sigmoid(-(a * score + b)),
            Map::Isotonic { fitted } => fitted.predict(score),
        }
    }

    /// Calibrated probabilities of `scores`, into `out` (same length).
    pub fn predict_into(&self, scores: &[f64], out: &mut [f64]) -> Result<(), DriftError> {
        if scores.len() != out.len() {
            return Err(DriftError::LengthMismatch {
                first: "scores",
                first_len: scores.len(),
                second: "out",
                second_len: out.len(),
            });
        }
        if let Some(index) = scores.iter().position(|s| !s.is_finite()) {
            return Err(DriftError::NotFinite {
                argument: "scores",
                index,
                value: scores[index],
            });
        }
        out.iter_mut()
            .zip(scores)
            .for_each(|(o, &s)| *o = self.predict_one(s));
        Ok(())
    }

    /// Calibrated probabilities of `scores`.
    pub fn predict(&self, scores: &[f64]) -> Result<Vec<f64>, DriftError> {
        let mut out = vec![0.0; scores.len()];
        self.predict_into(scores, &mut out)?;
        Ok(out)
    }

    /// The map as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }

    /// Reads [`to_json`](Self::to_json) output.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let saved: Self = serde_json::from_str(text)
            .map_err(|e| DriftError::Undefined(format!("not a saved calibrator: {e}")))?;
        let sound = match &saved.map {
            Map::Sigmoid { a, b } => a.is_finite() && b.is_finite(),
            Map::Isotonic { fitted } => fitted.is_consistent(),
        };
        if !sound {
            return Err(DriftError::Undefined(
                "not a saved calibrator: its parameters are not finite or not ordered".into(),
            ));
        }
        Ok(saved)
    }
}
