//! `monitoring.UnivariateDriftCalculator`: NannyML's univariate drift per chunk over column
//! objects (text columns and the numeric ones named in `categorical` are categorical).

use std::sync::Arc;

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::drift::report::borrowed;
use crate::errors::{Code, JsResult, to_js};
use crate::monitoring::{Layout, data, layout_and, rows_for_js};
use crate::monitoring_stream::{ChunkMonitor, Monitored, Reader};
use crate::work::{Async, work};

const FUNCTION: &str = "monitoring.UnivariateDriftCalculator";

/// Options of `UnivariateDriftCalculator` (defaults: core's `UnivariateOptions`).
#[napi(object, namespace = "monitoring")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
pub struct UnivariateOptions {
    /// The columns to watch.
    pub column_names: Vec<String>,
    /// The column of timestamps (ms since the epoch, `Date`s or ISO-8601 strings).
    pub timestamp_column_name: Option<String>,
    /// Numeric columns that hold category codes (text columns always are categorical).
    pub categorical: Option<Vec<String>>,
    /// Methods for continuous columns (default `['jensen_shannon']`).
    #[napi(
        ts_type = "Array<'jensen_shannon' | 'kolmogorov_smirnov' | 'wasserstein' | 'hellinger'>"
    )]
    pub continuous_methods: Option<Vec<String>>,
    /// Methods for categorical columns (default `['jensen_shannon']`).
    #[napi(ts_type = "Array<'jensen_shannon' | 'chi2' | 'l_infinity' | 'hellinger'>")]
    pub categorical_methods: Option<Vec<String>>,
    pub chunk_size: Option<f64>,
    pub chunk_number: Option<f64>,
    #[napi(ts_type = "'min' | 'h' | 'D' | 'W' | 'M' | 'Q' | 'Y'")]
    pub chunk_period: Option<String>,
    #[napi(ts_type = "'keep' | 'drop' | 'append'")]
    pub incomplete: Option<String>,
    /// Thresholds by method name (as `ReconstructionOptions.threshold`).
    #[napi(ts_type = "Record<string, ReconstructionOptions['threshold']>")]
    pub thresholds: Option<serde_json::Map<String, Value>>,
    /// Warning thresholds by name (none by default): a second band whose crossing, inside
    /// the alert thresholds, gives a cell `severity: 'warning'`.
    #[napi(ts_type = "Record<string, ReconstructionOptions['threshold']>")]
    pub warning_thresholds: Option<serde_json::Map<String, Value>>,
}

fn rows_plain(rows: Vec<drift::UnivariateRow>) -> JsResult<Plain> {
    Ok(rows_for_js(&rows))
}

/// Drift of each column per chunk (NannyML's `UnivariateDriftCalculator`): `new
/// UnivariateDriftCalculator({ columnNames, continuousMethods, categoricalMethods, ... })
/// .fit(reference)`, then `calculate(data)`: per chunk, `cells` with each column's and method's
/// value, thresholds (default: the reference chunks' mean + 3 sd) and alert.
#[napi(namespace = "monitoring")]
pub struct UnivariateDriftCalculator {
    options: drift::UnivariateOptions,
    layout: Layout,
    fitted: Option<Arc<drift::UnivariateDrift>>,
}

impl UnivariateDriftCalculator {
    fn fitted(&self) -> JsResult<Arc<drift::UnivariateDrift>> {
        self.fitted.clone().ok_or_else(|| {
            to_js(DriftError::Undefined(
                "fit the calculator on reference data before calculate()".into(),
            ))
        })
    }
}

#[edgekit_macros::boundary]
#[napi(namespace = "monitoring")]
impl UnivariateDriftCalculator {
    #[edgekit_macros::boundary]
    #[napi(constructor, ts_args_type = "options: UnivariateOptions")]
    pub fn new(options: Unknown<'_>) -> std::result::Result<Self, Error<Code>> {
        let (options, layout) = layout_and::<drift::UnivariateOptions>(FUNCTION, Some(options))?;
        options.check().map_err(to_js)?;
        Ok(Self {
            options,
            layout,
            fitted: None,
        })
    }

    /// Fits on the reference columns; returns the calculator.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "reference: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[] | Date[]>",
        ts_return_type = "this"
    )]
    pub fn fit<'scope>(
        &mut self,
        this: This<'scope>,
        reference: Object<'_>,
    ) -> std::result::Result<Object<'scope>, Error<Code>> {
        let data = data(&reference, &self.layout)?;
        let fitted = drift::UnivariateDrift::fit(
            &borrowed(&data.columns),
            data.timestamps.as_deref(),
            &self.options,
        )
        .map_err(to_js)?;
        self.fitted = Some(Arc::new(fitted));
        Ok(this.object)
    }

    /// The reference chunks and the chunks of `data`.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[] | Date[]>",
        ts_return_type = "Array<UnivariateRow>"
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
        ts_args_type = "data: Record<string, Float64Array | ArrayLike<number> | ArrayBuffer | (string | null)[] | Date[]>",
        ts_return_type = "Promise<Array<UnivariateRow>>"
    )]
    pub fn calculate_async(
        &self,
        data: Object<'_>,
    ) -> std::result::Result<Async<Vec<drift::UnivariateRow>, Plain>, Error<Code>> {
        let fitted = self.fitted()?;
        let data = self::data(&data, &self.layout)?;
        Ok(work(
            "monitoring.UnivariateDriftCalculator.calculateAsync",
            move || fitted.calculate(&borrowed(&data.columns), data.timestamps.as_deref()),
            rows_plain,
        ))
    }

    /// A `ChunkMonitor` fed batch by batch with this fitted calculator.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn monitor(&self) -> std::result::Result<ChunkMonitor, Error<Code>> {
        let monitored = Monitored::of(self.fitted()?.as_ref(), Monitored::Univariate)?;
        Ok(ChunkMonitor::new(
            monitored,
            Reader::Columns(self.layout.clone()),
        ))
    }

    /// The fitted calculator as JSON (with its column layout).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        let fitted: Value = serde_json::from_str(&self.fitted()?.to_json())
            .map_err(|e| crate::errors::invalid_type(e.to_string()))?;
        let mut saved = self.layout.saved("columnNames");
        saved["fitted"] = fitted;
        Ok(saved.to_string())
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let bad = |e: String| {
            to_js(DriftError::Undefined(format!(
                "not a saved UnivariateDriftCalculator: {e}"
            )))
        };
        let saved: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        let fitted = saved
            .get("fitted")
            .ok_or_else(|| bad("no fitted state".into()))?;
        let fitted = drift::UnivariateDrift::from_json(&fitted.to_string()).map_err(to_js)?;
        let layout = Layout::from_saved(&saved, "columnNames", "UnivariateDriftCalculator")?;
        Ok(Self {
            options: drift::UnivariateOptions::default(),
            layout,
            fitted: Some(Arc::new(fitted)),
        })
    }
}
