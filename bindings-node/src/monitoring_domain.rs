//! `monitoring.DomainClassifierCalculator`: NannyML's domain classifier drift over column
//! objects — per chunk, boosted trees trained in core tell the chunk's rows from the
//! reference's, and their cross-validated ROC AUC is the drift score.

use std::sync::{Arc, RwLock};

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::drift::report::borrowed;
use crate::errors::{Code, JsResult, invalid_type, to_js};
use crate::monitoring::{Data, Layout, data, rows_for_js};
use crate::monitoring_dle::{Slot, fit_in_background, names, text};
use crate::monitoring_stream::{ChunkMonitor, Monitored, Reader};
use crate::work::{Async, work};

const FUNCTION: &str = "monitoring.DomainClassifierCalculator";

/// Options of `DomainClassifierCalculator` (defaults: core's `DomainClassifierOptions`).
#[napi(object, namespace = "monitoring")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct DomainClassifierOptions {
    /// The feature columns.
    pub feature_column_names: Vec<String>,
    /// The column of timestamps (ms since the epoch, `Date`s or ISO-8601 strings).
    pub timestamp_column_name: Option<String>,
    /// Numeric columns that hold category codes (text columns always are categorical).
    pub categorical: Option<Vec<String>>,
    pub chunk_size: Option<f64>,
    pub chunk_number: Option<f64>,
    #[napi(ts_type = "'min' | 'h' | 'D' | 'W' | 'M' | 'Q' | 'Y'")]
    pub chunk_period: Option<String>,
    #[napi(ts_type = "'keep' | 'drop' | 'append'")]
    pub incomplete: Option<String>,
    /// Cross-validation folds (default 5).
    pub cv_folds_num: Option<f64>,
    /// LightGBM's hyperparameters of the classifier (as `DleOptions.hyperparameters`).
    #[napi(ts_type = "DleOptions['hyperparameters']")]
    pub hyperparameters: Option<serde_json::Map<String, Value>>,
    /// Alert thresholds (default: constant, 0.45 and 0.65).
    #[napi(ts_type = "ReconstructionOptions['threshold']")]
    pub threshold: Option<serde_json::Map<String, Value>>,
    /// A warning band (none by default).
    #[napi(ts_type = "ReconstructionOptions['threshold']")]
    pub warning_threshold: Option<serde_json::Map<String, Value>>,
}

const OWN_KEYS: [&str; 3] = [
    "feature_column_names",
    "timestamp_column_name",
    "categorical",
];

fn rows_plain(rows: Vec<drift::DomainClassifierRow>) -> JsResult<Plain> {
    Ok(rows_for_js(&rows))
}

/// Multivariate drift by a domain classifier (NannyML's `DomainClassifierCalculator`): `new
/// DomainClassifierCalculator({ featureColumnNames, ... }).fit(reference)`, then
/// `calculate(data)`: per chunk, the cross-validated ROC AUC of telling it from the reference
/// (0.5: indistinguishable), thresholds and an alert. The fitted calculator keeps the encoded
/// reference, which every chunk's classifier trains on; it is immutable once fitted.
#[napi(namespace = "monitoring")]
pub struct DomainClassifierCalculator {
    options: drift::DomainClassifierOptions,
    layout: Layout,
    fitted: Slot<drift::DomainClassifier>,
}

impl DomainClassifierCalculator {
    fn fitted(&self) -> JsResult<Arc<drift::DomainClassifier>> {
        self.fitted
            .read()
            .ok()
            .and_then(|slot| slot.clone())
            .ok_or_else(|| {
                to_js(DriftError::Undefined(
                    "fit the calculator on reference data before calculate()".into(),
                ))
            })
    }

    fn fit_data(
        options: &drift::DomainClassifierOptions,
        data: &Data,
    ) -> std::result::Result<drift::DomainClassifier, DriftError> {
        drift::DomainClassifier::fit(
            &borrowed(&data.columns),
            data.timestamps.as_deref(),
            options,
        )
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "monitoring")]
impl DomainClassifierCalculator {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options: DomainClassifierOptions")]
    pub fn new(options: Unknown<'_>) -> std::result::Result<Self, Error<Code>> {
        let (options, own): (drift::DomainClassifierOptions, _) =
            crate::convert::options_and(FUNCTION, Some(options), &OWN_KEYS)?;
        options.check().map_err(to_js)?;
        let features = names(FUNCTION, &own, "feature_column_names", "featureColumnNames")?;
        if features.is_empty() {
            return Err(to_js(DriftError::Undefined(format!(
                "{FUNCTION}: featureColumnNames must name at least one column"
            ))));
        }
        Ok(Self {
            options,
            layout: Layout {
                column_names: features,
                timestamp_column_name: text(
                    FUNCTION,
                    &own,
                    "timestamp_column_name",
                    "timestampColumnName",
                )?,
                categorical: names(FUNCTION, &own, "categorical", "categorical")?,
            },
            fitted: Arc::new(RwLock::new(None)),
        })
    }

    /// Fits on the reference columns; returns the calculator.
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
        let data = data(&reference, &self.layout)?;
        let fitted = Self::fit_data(&self.options, &data).map_err(to_js)?;
        *self
            .fitted
            .write()
            .map_err(|_| invalid_type("the calculator's state is poisoned"))? =
            Some(Arc::new(fitted));
        Ok(this.object)
    }

    /// `fit` on the libuv thread pool: a Promise that resolves once the calculator is fitted.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "reference: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Promise<void>"
    )]
    pub fn fit_async(
        &self,
        reference: Object<'_>,
    ) -> std::result::Result<Async<(), ()>, Error<Code>> {
        let data = data(&reference, &self.layout)?;
        let options = self.options.clone();
        Ok(fit_in_background(
            "monitoring.DomainClassifierCalculator.fitAsync",
            &self.fitted,
            data,
            move |data| Self::fit_data(&options, data),
        ))
    }

    /// The reference chunks and the chunks of `data`.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Array<DomainClassifierRow>"
    )]
    pub fn calculate(&self, data: Object<'_>) -> std::result::Result<Plain, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self::data(&data, &self.layout)?;
        let rows = fitted
            .calculate(&borrowed(&data.columns), data.timestamps.as_deref())
            .map_err(to_js)?;
        Ok(rows_for_js(&rows))
    }

    /// `calculate` on the libuv thread pool (a Promise).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number | null> | (string | null)[] | Date[]>",
        ts_return_type = "Promise<Array<DomainClassifierRow>>"
    )]
    pub fn calculate_async(
        &self,
        data: Object<'_>,
    ) -> std::result::Result<Async<Vec<drift::DomainClassifierRow>, Plain>, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self::data(&data, &self.layout)?;
        Ok(work(
            "monitoring.DomainClassifierCalculator.calculateAsync",
            move || fitted.calculate(&borrowed(&data.columns), data.timestamps.as_deref()),
            rows_plain,
        ))
    }

    /// The fitted (lower, upper) thresholds; null before `fit` (a side may be null: open).
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "[number | null, number | null] | null")]
    pub fn thresholds(&self) -> Option<Vec<Option<f64>>> {
        self.fitted().ok().map(|f| {
            let (lower, upper) = f.thresholds();
            vec![lower, upper]
        })
    }

    /// A `ChunkMonitor` fed batch by batch with this fitted calculator.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn monitor(&self) -> std::result::Result<ChunkMonitor, Error<Code>> {
        Ok(ChunkMonitor::new(
            Monitored::of(self.fitted()?.as_ref(), Monitored::Domain)?,
            Reader::Columns(self.layout.clone()),
        ))
    }

    /// The fitted calculator as JSON (with its column layout).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        let fitted: Value = serde_json::from_str(&self.fitted()?.to_json())
            .map_err(|e| invalid_type(e.to_string()))?;
        let mut saved = self.layout.saved("featureColumnNames");
        saved["fitted"] = fitted;
        Ok(saved.to_string())
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let bad = |e: String| {
            to_js(DriftError::Undefined(format!(
                "not a saved DomainClassifierCalculator: {e}"
            )))
        };
        let saved: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        let fitted = saved
            .get("fitted")
            .ok_or_else(|| bad("no fitted state".into()))?;
        let fitted = drift::DomainClassifier::from_json(&fitted.to_string()).map_err(to_js)?;
        Ok(Self {
            options: drift::DomainClassifierOptions::default(),
            layout: Layout::from_saved(&saved, "featureColumnNames", "DomainClassifierCalculator")?,
            fitted: Arc::new(RwLock::new(Some(Arc::new(fitted)))),
        })
    }
}
