//! `monitoring.CBPE`: NannyML's confidence-based performance estimation for binary
//! (`problemType: 'classification_binary'`) and multiclass
//! (`problemType: 'classification_multiclass'`) classifiers, over column objects.

use std::sync::Arc;

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, to_js};
use crate::monitoring::rows_for_js;
use crate::monitoring_multiclass::{
    MulticlassColumns, OwnedMulticlass, Problem, from_saved_multiclass, multiclass_columns,
    multiclass_outputs, problem, saved_multiclass, saved_problem,
};
use crate::monitoring_outputs::{
    COLUMN_KEYS, OutputColumns, OwnedOutputs, from_saved, output_columns, outputs, saved,
};
use crate::monitoring_stream::{ChunkMonitor, Monitored, Reader};
use crate::work::{Async, work};

const FUNCTION: &str = "monitoring.CBPE";

/// Options of `CBPE` (defaults: core's `CbpeOptions`).
#[napi(object, namespace = "monitoring")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct CbpeOptions {
    #[napi(
        ts_type = "Array<'roc_auc' | 'f1' | 'precision' | 'recall' | 'specificity' | 'accuracy' | 'confusion_matrix'>"
    )]
    pub metrics: Option<Vec<String>>,
    /// Binary: the column of probabilities of class 1. Multiclass: one column per class, in
    /// the order of `classes`.
    #[napi(ts_type = "string | string[]")]
    pub y_pred_proba: Value,
    /// Multiclass: the class names, as the label columns hold them.
    pub classes: Option<Vec<String>>,
    /// The column of predicted labels (binary: 0/1; multiclass: class names); needed by every
    /// metric but roc_auc (multiclass: always).
    pub y_pred: Option<String>,
    /// The column of targets (binary: 0/1; multiclass: class names; null or NaN while
    /// unknown).
    pub y_true: String,
    #[napi(ts_type = "'classification_binary' | 'classification_multiclass'")]
    pub problem_type: String,
    pub timestamp_column_name: Option<String>,
    pub chunk_size: Option<f64>,
    pub chunk_number: Option<f64>,
    #[napi(ts_type = "'min' | 'h' | 'D' | 'W' | 'M' | 'Q' | 'Y'")]
    pub chunk_period: Option<String>,
    #[napi(ts_type = "'keep' | 'drop' | 'append'")]
    pub incomplete: Option<String>,
    /// Thresholds by metric name (as `ReconstructionOptions.threshold`).
    #[napi(ts_type = "Record<string, ReconstructionOptions['threshold']>")]
    pub thresholds: Option<serde_json::Map<String, Value>>,
    /// How the confusion matrix is normalized (undefined: counts).
    #[napi(ts_type = "'true' | 'pred' | 'all' | null")]
    pub normalize_confusion_matrix: Option<String>,
    /// Warning thresholds by name (none by default): a second band whose crossing, inside
    /// the alert thresholds, gives a cell `severity: 'warning'`.
    #[napi(ts_type = "Record<string, ReconstructionOptions['threshold']>")]
    pub warning_thresholds: Option<serde_json::Map<String, Value>>,
    /// Calibrate: undefined decides as NannyML does; true or false forces it.
    pub calibrate: Option<bool>,
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
}

/// The columns the estimator reads, by kind.
#[derive(Clone)]
enum Columns {
    Binary(OutputColumns),
    Multiclass(MulticlassColumns),
}

/// A fitted estimator of either kind, shared with the thread pool.
#[derive(Clone)]
enum Fitted {
    Binary(Arc<drift::Cbpe>),
    Multiclass(Arc<drift::MulticlassCbpe>),
}

/// Outputs read for either kind.
enum Owned {
    Binary(OwnedOutputs),
    Multiclass(OwnedMulticlass),
}

impl Fitted {
    fn estimate(&self, data: &Owned) -> std::result::Result<Vec<drift::EstimatedRow>, DriftError> {
        match (self, data) {
            (Fitted::Binary(f), Owned::Binary(d)) => {
                let mut labels = Vec::new();
                f.estimate(d.borrowed(&mut labels), d.timestamps.as_deref())
            }
            (Fitted::Multiclass(f), Owned::Multiclass(d)) => {
                d.with(|outputs| f.estimate(outputs, d.timestamps.as_deref()))
            }
            _ => unreachable!("data are read by the estimator's own kind"),
        }
    }
}

fn estimated_plain(rows: Vec<drift::EstimatedRow>) -> JsResult<Plain> {
    Ok(rows_for_js(&rows))
}

/// Confidence-based performance estimation (NannyML's `CBPE`) for binary and multiclass
/// classifiers: `new CBPE({ metrics, yPredProba, yPred, yTrue, problemType, ... }).fit(reference)`,
/// then `estimate(data)` for each chunk's estimated metrics with their sampling error band,
/// thresholds, alert and (where targets arrived) realized value. A multiclass model names its
/// `classes` and one `yPredProba` column per class; its metrics are macro averages, and the
/// `confusion_matrix` metric gives `row.confusionMatrix`, one cell per (true, predicted) pair.
#[napi(namespace = "monitoring", js_name = "CBPE")]
pub struct Cbpe {
    options: drift::CbpeOptions,
    columns: Columns,
    fitted: Option<Fitted>,
}

impl Cbpe {
    fn fitted(&self) -> JsResult<Fitted> {
        self.fitted.clone().ok_or_else(|| {
            to_js(DriftError::Undefined(
                "fit the estimator on reference data before estimate()".into(),
            ))
        })
    }

    fn read(&self, data: &Object<'_>, targets_required: bool) -> JsResult<Owned> {
        Ok(match &self.columns {
            Columns::Binary(c) => Owned::Binary(outputs(data, c, targets_required)?),
            Columns::Multiclass(c) => {
                Owned::Multiclass(multiclass_outputs(data, c, targets_required)?)
            }
        })
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "monitoring")]
impl Cbpe {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options: CbpeOptions")]
    pub fn new(options: Unknown<'_>) -> std::result::Result<Self, Error<Code>> {
        let (options, own): (drift::CbpeOptions, _) =
            crate::convert::options_and(FUNCTION, Some(options), &COLUMN_KEYS)?;
        let columns = match problem(FUNCTION, &own, &[Problem::Binary, Problem::Multiclass])? {
            Problem::Multiclass => Columns::Multiclass(multiclass_columns(FUNCTION, &own)?),
            _ => {
                let columns = output_columns(FUNCTION, &own, Some(&options.metrics))?;
                if columns.y_pred_proba.is_none() {
                    return Err(to_js(DriftError::Undefined(format!(
                        "{FUNCTION}: yPredProba is required (CBPE estimates from the probabilities)"
                    ))));
                }
                Columns::Binary(columns)
            }
        };
        options.check().map_err(to_js)?;
        Ok(Self {
            options,
            columns,
            fitted: None,
        })
    }

    /// Fits on the reference columns (targets required); returns the estimator.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "reference: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "this"
    )]
    pub fn fit<'scope>(
        &mut self,
        this: This<'scope>,
        reference: Object<'_>,
    ) -> std::result::Result<Object<'scope>, Error<Code>> {
        let fitted = match self.read(&reference, true)? {
            Owned::Binary(d) => {
                let mut labels = Vec::new();
                let f = drift::Cbpe::fit(
                    d.borrowed(&mut labels),
                    d.timestamps.as_deref(),
                    &self.options,
                );
                Fitted::Binary(Arc::new(f.map_err(to_js)?))
            }
            Owned::Multiclass(d) => {
                let f = d.with(|o| {
                    drift::MulticlassCbpe::fit(o, d.timestamps.as_deref(), &self.options)
                });
                Fitted::Multiclass(Arc::new(f.map_err(to_js)?))
            }
        };
        self.fitted = Some(fitted);
        Ok(this.object)
    }

    /// The reference chunks and the chunks of `data` (targets optional).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Array<EstimatedRow>"
    )]
    pub fn estimate(&self, data: Object<'_>) -> std::result::Result<Plain, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self.read(&data, false)?;
        Ok(rows_for_js(&fitted.estimate(&data).map_err(to_js)?))
    }

    /// `estimate` on the libuv thread pool (a Promise).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Promise<Array<EstimatedRow>>"
    )]
    pub fn estimate_async(
        &self,
        data: Object<'_>,
    ) -> std::result::Result<Async<Vec<drift::EstimatedRow>, Plain>, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self.read(&data, false)?;
        Ok(work(
            "monitoring.CBPE.estimateAsync",
            move || fitted.estimate(&data),
            estimated_plain,
        ))
    }

    /// Whether the probabilities are calibrated before estimating (multiclass: whether any
    /// class's is; null before `fit`).
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn needs_calibration(&self) -> Option<bool> {
        self.fitted.as_ref().map(|f| match f {
            Fitted::Binary(f) => f.is_calibrated(),
            Fitted::Multiclass(f) => f.calibrated_classes().contains(&true),
        })
    }

    /// Multiclass: whether each class's probability is calibrated, in the order of `classes`
    /// (null for a binary model or before `fit`).
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn calibrated_classes(&self) -> Option<Vec<bool>> {
        match &self.fitted {
            Some(Fitted::Multiclass(f)) => Some(f.calibrated_classes()),
            _ => None,
        }
    }

    /// The problem type.
    #[edgekit_macros::boundary]
    #[napi(
        getter,
        ts_return_type = "'classification_binary' | 'classification_multiclass'"
    )]
    pub fn problem_type(&self) -> &'static str {
        match self.columns {
            Columns::Binary(_) => Problem::Binary.name(),
            Columns::Multiclass(_) => Problem::Multiclass.name(),
        }
    }

    /// A `ChunkMonitor` fed batch by batch with this fitted estimator.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn monitor(&self) -> std::result::Result<ChunkMonitor, Error<Code>> {
        Ok(match (self.fitted()?, &self.columns) {
            (Fitted::Binary(fitted), Columns::Binary(columns)) => ChunkMonitor::new(
                Monitored::of(fitted.as_ref(), Monitored::Cbpe)?,
                Reader::Outputs(columns.clone()),
            ),
            (Fitted::Multiclass(fitted), Columns::Multiclass(columns)) => ChunkMonitor::new(
                Monitored::of(fitted.as_ref(), Monitored::MulticlassCbpe)?,
                Reader::Multiclass(columns.clone()),
            ),
            _ => unreachable!("an estimator reads the columns of its own kind"),
        })
    }

    /// The fitted estimator as JSON (with its column names).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        Ok(match (&self.columns, self.fitted()?) {
            (Columns::Binary(c), Fitted::Binary(f)) => saved(c, &f.to_json()),
            (Columns::Multiclass(c), Fitted::Multiclass(f)) => saved_multiclass(c, &f.to_json()),
            _ => unreachable!("fitted by its own kind"),
        })
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let (columns, fitted) = if saved_problem(&text) == Problem::Multiclass {
            let (columns, fitted) = from_saved_multiclass(&text, "CBPE estimator")?;
            let fitted = drift::MulticlassCbpe::from_json(&fitted).map_err(to_js)?;
            (
                Columns::Multiclass(columns),
                Fitted::Multiclass(Arc::new(fitted)),
            )
        } else {
            let (columns, fitted) = from_saved(&text, "CBPE estimator")?;
            let fitted = drift::Cbpe::from_json(&fitted).map_err(to_js)?;
            (Columns::Binary(columns), Fitted::Binary(Arc::new(fitted)))
        };
        Ok(Self {
            options: drift::CbpeOptions::default(),
            columns,
            fitted: Some(fitted),
        })
    }
}
