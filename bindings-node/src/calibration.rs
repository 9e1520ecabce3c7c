//! `calibration`: reliability curves, calibration maps and split conformal prediction from
//! core, over `Float64Array`s and number arrays. Options, defaults and limits are core's.

use std::collections::BTreeMap;
use std::sync::Arc;

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, to_js};
use crate::input::{float_values, whole};

/// Options of `reliabilityCurve` (defaults: core's `ReliabilityOptions`).
#[napi(object, namespace = "calibration")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ReliabilityOptions {
    /// Bins (default 5, scikit-learn's).
    pub n_bins: Option<f64>,
    /// Equal widths (default) or equal counts.
    #[napi(ts_type = "'uniform' | 'quantile'")]
    pub strategy: Option<String>,
}

/// Observed frequency against mean predicted probability per non-empty bin (scikit-learn's
/// `calibration_curve` binning), with counts, edges, ECE, MCE and the Brier score.
#[edgekit_macros::boundary]
#[napi(
    namespace = "calibration",
    ts_args_type = "yTrue: Float64Array | ArrayLike<number>, yProb: Float64Array | ArrayLike<number>, options?: ReliabilityOptions",
    ts_return_type = "ReliabilityCurve"
)]
pub fn reliability_curve(
    y_true: Unknown<'_>,
    y_prob: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let options: drift::ReliabilityOptions =
        crate::convert::options("calibration.reliabilityCurve", options)?;
    let y = float_values(y_true, "yTrue")?;
    let p = float_values(y_prob, "yProb")?;
    drift::reliability_curve(&y, &p, &options)
        .map(|c| Plain::of(&c))
        .map_err(to_js)
}

fn not_fitted(what: &str) -> Error<Code> {
    to_js(DriftError::Undefined(format!(
        "fit the {what} before using it"
    )))
}

/// Options of `Calibrator`.
#[napi(object, namespace = "calibration")]
#[allow(dead_code)] // declares the TypeScript shape
pub struct CalibratorOptions {
    /// Platt scaling (default) or isotonic regression.
    #[napi(ts_type = "'sigmoid' | 'isotonic'")]
    pub method: Option<String>,
}

/// A calibration map from scores to probabilities: `new Calibrator({ method }).fit(scores,
/// yTrue)`, then `predict(scores)`.
#[napi(namespace = "calibration")]
pub struct Calibrator {
    method: drift::CalibrationMethod,
    fitted: Option<Arc<drift::Calibrator>>,
}

#[edgekit_macros::boundary]
#[napi(namespace = "calibration")]
impl Calibrator {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options?: CalibratorOptions")]
    pub fn new(options: Option<Unknown<'_>>) -> std::result::Result<Self, Error<Code>> {
        #[derive(serde::Deserialize, Default)]
        #[serde(default, deny_unknown_fields)]
        struct Options {
            method: drift::CalibrationMethod,
        }
        let options: Options =
            crate::convert::argument("calibration.Calibrator", "options", options)?;
        Ok(Self {
            method: options.method,
            fitted: None,
        })
    }

    /// Fits on reference scores and 0/1 targets; returns the calibrator.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "scores: Float64Array | ArrayLike<number>, yTrue: Float64Array | ArrayLike<number>",
        ts_return_type = "this"
    )]
    pub fn fit<'scope>(
        &mut self,
        this: This<'scope>,
        scores: Unknown<'_>,
        y_true: Unknown<'_>,
    ) -> std::result::Result<Object<'scope>, Error<Code>> {
        let s = float_values(scores, "scores")?;
        let y = float_values(y_true, "yTrue")?;
        let fitted = drift::Calibrator::fit(&s, &y, self.method).map_err(to_js)?;
        self.fitted = Some(Arc::new(fitted));
        Ok(this.object)
    }

    /// Calibrated probabilities.
    #[edgekit_macros::boundary]
    #[napi(ts_args_type = "scores: Float64Array | ArrayLike<number>")]
    pub fn predict(&self, scores: Unknown<'_>) -> std::result::Result<Float64Array, Error<Code>> {
        let fitted = self
            .fitted
            .as_ref()
            .ok_or_else(|| not_fitted("calibrator"))?;
        let s = float_values(scores, "scores")?;
        fitted.predict(&s).map(Float64Array::from).map_err(to_js)
    }

    /// Platt's `[a, b]` in `1 / (1 + exp(a·s + b))` (null for isotonic or before `fit`).
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "[number, number] | null")]
    pub fn sigmoid_parameters(&self) -> Option<Vec<f64>> {
        self.fitted
            .as_ref()
            .and_then(|f| f.sigmoid_parameters())
            .map(|(a, b)| vec![a, b])
    }

    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "'sigmoid' | 'isotonic'")]
    pub fn method(&self) -> &'static str {
        match self.method {
            drift::CalibrationMethod::Sigmoid => "sigmoid",
            drift::CalibrationMethod::Isotonic => "isotonic",
        }
    }

    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        Ok(self
            .fitted
            .as_ref()
            .ok_or_else(|| not_fitted("calibrator"))?
            .to_json())
    }

    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let fitted = drift::Calibrator::from_json(&text).map_err(to_js)?;
        Ok(Self {
            method: fitted.method(),
            fitted: Some(Arc::new(fitted)),
        })
    }
}

/// Options of the conformal predictors (defaults: core's `ConformalOptions`).
#[napi(object, namespace = "calibration")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct ConformalOptions {
    /// Miscoverage (default 0.1): cover with probability at least `1 − alpha`.
    pub alpha: Option<f64>,
    /// ConformalClassifier only: one threshold per class (Mondrian).
    pub class_conditional: Option<bool>,
}

/// Prediction intervals.
#[napi(object, namespace = "calibration")]
pub struct Intervals {
    pub lower: Float64Array,
    pub upper: Float64Array,
}

/// Split conformal regression intervals `ŷ ± q` (per group with `groups`).
#[napi(namespace = "calibration")]
pub struct ConformalRegressor {
    options: drift::ConformalOptions,
    fitted: Option<Arc<drift::ConformalRegressor>>,
}

impl ConformalRegressor {
    fn fitted(&self) -> JsResult<&drift::ConformalRegressor> {
        self.fitted
            .as_deref()
            .ok_or_else(|| not_fitted("regressor"))
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "calibration")]
impl ConformalRegressor {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options?: ConformalOptions")]
    pub fn new(options: Option<Unknown<'_>>) -> std::result::Result<Self, Error<Code>> {
        let options: drift::ConformalOptions =
            crate::convert::options("calibration.ConformalRegressor", options)?;
        options.check().map_err(to_js)?;
        Ok(Self {
            options,
            fitted: None,
        })
    }

    /// Fits on calibration targets and the model's predictions for them (and their groups).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "yTrue: Float64Array | ArrayLike<number>, yPred: Float64Array | ArrayLike<number>, groups?: string[]",
        ts_return_type = "this"
    )]
    pub fn fit<'scope>(
        &mut self,
        this: This<'scope>,
        y_true: Unknown<'_>,
        y_pred: Unknown<'_>,
        groups: Option<Vec<String>>,
    ) -> std::result::Result<Object<'scope>, Error<Code>> {
        let y = float_values(y_true, "yTrue")?;
        let p = float_values(y_pred, "yPred")?;
        let fitted = drift::ConformalRegressor::fit(&y, &p, groups.as_deref(), self.options)
            .map_err(to_js)?;
        self.fitted = Some(Arc::new(fitted));
        Ok(this.object)
    }

    /// Intervals for new predictions.
    #[edgekit_macros::boundary]
    #[napi(ts_args_type = "yPred: Float64Array | ArrayLike<number>, groups?: string[]")]
    pub fn predict(
        &self,
        y_pred: Unknown<'_>,
        groups: Option<Vec<String>>,
    ) -> std::result::Result<Intervals, Error<Code>> {
        let p = float_values(y_pred, "yPred")?;
        let intervals = self
            .fitted()?
            .predict(&p, groups.as_deref())
            .map_err(to_js)?;
        Ok(Intervals {
            lower: intervals.lower.into(),
            upper: intervals.upper.into(),
        })
    }

    /// Coverage and mean width on a holdout.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "yTrue: Float64Array | ArrayLike<number>, yPred: Float64Array | ArrayLike<number>, groups?: string[]",
        ts_return_type = "Coverage"
    )]
    pub fn evaluate(
        &self,
        y_true: Unknown<'_>,
        y_pred: Unknown<'_>,
        groups: Option<Vec<String>>,
    ) -> std::result::Result<Plain, Error<Code>> {
        let y = float_values(y_true, "yTrue")?;
        let p = float_values(y_pred, "yPred")?;
        self.fitted()?
            .evaluate(&y, &p, groups.as_deref())
            .map(|c| Plain::of(&c))
            .map_err(to_js)
    }

    /// `q` per group (`{ "": q }` without groups).
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn half_widths(&self) -> std::result::Result<BTreeMap<String, f64>, Error<Code>> {
        Ok(self.fitted()?.half_widths().clone())
    }

    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        Ok(self.fitted()?.to_json())
    }

    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let fitted = drift::ConformalRegressor::from_json(&text).map_err(to_js)?;
        Ok(Self {
            options: drift::ConformalOptions {
                alpha: fitted.alpha(),
            },
            fitted: Some(Arc::new(fitted)),
        })
    }
}

/// Row-major probabilities from one array per class.
fn probability_rows(columns: Vec<Unknown<'_>>) -> JsResult<(Vec<f64>, usize)> {
    let classes = columns.len();
    let columns = columns
        .into_iter()
        .enumerate()
        .map(|(k, c)| float_values(c, &format!("proba[{k}]")))
        .collect::<JsResult<Vec<_>>>()?;
    let rows = columns.first().map_or(0, |c| c.len());
    if let Some((k, c)) = columns.iter().enumerate().find(|(_, c)| c.len() != rows) {
        return Err(to_js(DriftError::Undefined(format!(
            "proba[{k}] has {} values but proba[0] has {rows}",
            c.len()
        ))));
    }
    let mut values = Vec::with_capacity(rows * classes);
    for r in 0..rows {
        values.extend(columns.iter().map(|c| c[r]));
    }
    Ok((values, classes))
}

fn class_labels(labels: Unknown<'_>) -> JsResult<Vec<usize>> {
    let values = float_values(labels, "labels")?;
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| whole(v, &format!("labels[{i}]")).map(|v| v as usize))
        .collect()
}

/// Split conformal prediction sets (LAC score `1 − p̂`), marginal or class-conditional.
/// Probabilities come as one array per class: `[pClass0, pClass1, ...]`.
#[napi(namespace = "calibration")]
pub struct ConformalClassifier {
    options: drift::ConformalOptions,
    class_conditional: bool,
    fitted: Option<Arc<drift::ConformalClassifier>>,
}

impl ConformalClassifier {
    fn fitted(&self) -> JsResult<&drift::ConformalClassifier> {
        self.fitted
            .as_deref()
            .ok_or_else(|| not_fitted("classifier"))
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "calibration")]
impl ConformalClassifier {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options?: ConformalOptions")]
    pub fn new(options: Option<Unknown<'_>>) -> std::result::Result<Self, Error<Code>> {
        let (options, own): (drift::ConformalOptions, _) = crate::convert::options_and(
            "calibration.ConformalClassifier",
            options,
            &["class_conditional"],
        )?;
        options.check().map_err(to_js)?;
        let class_conditional = match own.get("class_conditional") {
            None | Some(serde_json::Value::Null) => false,
            Some(serde_json::Value::Bool(b)) => *b,
            Some(_) => {
                return Err(crate::errors::invalid_type(
                    "calibration.ConformalClassifier: classConditional must be a boolean",
                ));
            }
        };
        Ok(Self {
            options,
            class_conditional,
            fitted: None,
        })
    }

    /// Fits on calibration probabilities (one array per class) and class indices.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "proba: Array<Float64Array | ArrayLike<number>>, labels: ArrayLike<number>",
        ts_return_type = "this"
    )]
    pub fn fit<'scope>(
        &mut self,
        this: This<'scope>,
        proba: Vec<Unknown<'_>>,
        labels: Unknown<'_>,
    ) -> std::result::Result<Object<'scope>, Error<Code>> {
        let (values, classes) = probability_rows(proba)?;
        let labels = class_labels(labels)?;
        let fitted = drift::ConformalClassifier::fit(
            &values,
            classes,
            &labels,
            self.class_conditional,
            self.options,
        )
        .map_err(to_js)?;
        self.fitted = Some(Arc::new(fitted));
        Ok(this.object)
    }

    /// Each row's set, as the class indices it holds.
    #[edgekit_macros::boundary]
    #[napi(ts_args_type = "proba: Array<Float64Array | ArrayLike<number>>")]
    pub fn predict_sets(
        &self,
        proba: Vec<Unknown<'_>>,
    ) -> std::result::Result<Vec<Vec<u32>>, Error<Code>> {
        let fitted = self.fitted()?;
        let (values, classes) = probability_rows(proba)?;
        if classes != fitted.classes() {
            return Err(to_js(DriftError::Undefined(format!(
                "proba has {classes} classes but the classifier was fitted on {}",
                fitted.classes()
            ))));
        }
        let sets = fitted.predict_sets(&values).map_err(to_js)?;
        Ok(sets
            .chunks(classes)
            .map(|row| (0..classes as u32).filter(|&k| row[k as usize]).collect())
            .collect())
    }

    /// Coverage and mean set size on a holdout.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "proba: Array<Float64Array | ArrayLike<number>>, labels: ArrayLike<number>",
        ts_return_type = "Coverage"
    )]
    pub fn evaluate(
        &self,
        proba: Vec<Unknown<'_>>,
        labels: Unknown<'_>,
    ) -> std::result::Result<Plain, Error<Code>> {
        let fitted = self.fitted()?;
        let (values, classes) = probability_rows(proba)?;
        if classes != fitted.classes() {
            return Err(to_js(DriftError::Undefined(format!(
                "proba has {classes} classes but the classifier was fitted on {}",
                fitted.classes()
            ))));
        }
        let labels = class_labels(labels)?;
        fitted
            .evaluate(&values, &labels)
            .map(|c| Plain::of(&c))
            .map_err(to_js)
    }

    /// The threshold on `1 − p̂`: one, or one per class.
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn thresholds(&self) -> std::result::Result<Vec<f64>, Error<Code>> {
        Ok(self.fitted()?.thresholds().to_vec())
    }

    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        Ok(self.fitted()?.to_json())
    }

    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let fitted = drift::ConformalClassifier::from_json(&text).map_err(to_js)?;
        Ok(Self {
            options: drift::ConformalOptions {
                alpha: fitted.alpha(),
            },
            class_conditional: fitted.thresholds().len() > 1,
            fitted: Some(Arc::new(fitted)),
        })
    }
}
