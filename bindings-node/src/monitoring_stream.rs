//! `monitoring.ChunkMonitor`: a fitted calculator fed batch by batch (core's `ChunkMonitor`).
//! Made by `calculator.monitor()` on any fitted chunked calculator (univariate,
//! reconstruction and domain-classifier drift, CBPE and realized performance of every model
//! kind, DLE); it reads batches with its calculator's column names.

use std::sync::{Arc, Mutex, MutexGuard};

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::drift::report::borrowed;
use crate::errors::{Code, JsResult, to_js};
use crate::monitoring::{Data, Layout, data, rows_for_js};
use crate::monitoring_dle::{Columns as DleColumns, Owned as DleOwned, read as read_dle};
use crate::monitoring_multiclass::{
    MulticlassColumns, OwnedMulticlass, from_saved_multiclass, multiclass_outputs, saved_multiclass,
};
use crate::monitoring_outputs::{OutputColumns, OwnedOutputs, from_saved, outputs, saved};
use crate::work::{Async, work};

/// A monitor of one calculator kind.
pub(crate) enum Monitored {
    Univariate(drift::UnivariateMonitor),
    Reconstruction(drift::ReconstructionMonitor),
    Domain(drift::DomainClassifierMonitor),
    Cbpe(drift::CbpeMonitor),
    Realized(drift::RealizedMonitor),
    MulticlassCbpe(drift::MulticlassCbpeMonitor),
    MulticlassRealized(drift::MulticlassRealizedMonitor),
    Regression(drift::RegressionMonitor),
    Dle(drift::DleMonitor),
}

/// Every arm of `Monitored`, the monitor bound to `$m`.
macro_rules! each {
    ($monitored:expr, $m:ident => $body:expr) => {
        match $monitored {
            Monitored::Univariate($m) => $body,
            Monitored::Reconstruction($m) => $body,
            Monitored::Domain($m) => $body,
            Monitored::Cbpe($m) => $body,
            Monitored::Realized($m) => $body,
            Monitored::MulticlassCbpe($m) => $body,
            Monitored::MulticlassRealized($m) => $body,
            Monitored::Regression($m) => $body,
            Monitored::Dle($m) => $body,
        }
    };
}

/// How batches are read: feature columns, or a binary classifier's output columns.
pub(crate) enum Reader {
    Columns(Layout),
    Outputs(OutputColumns),
    Multiclass(MulticlassColumns),
    Dle(DleColumns),
}

enum Batch {
    Columns(Data),
    Outputs(Box<OwnedOutputs>),
    Multiclass(Box<OwnedMulticlass>),
    Dle(Box<DleOwned>),
}

impl Monitored {
    /// A monitor of a fitted calculator, or why the calculator cannot be streamed.
    pub(crate) fn of<C: drift::Chunked + Clone>(
        fitted: &C,
        kind: fn(drift::ChunkMonitor<C>) -> Monitored,
    ) -> JsResult<Monitored> {
        drift::ChunkMonitor::new(fitted.clone())
            .map(kind)
            .map_err(to_js)
    }

    fn kind(&self) -> &'static str {
        match self {
            Monitored::Univariate(_) => "UnivariateDriftCalculator",
            Monitored::Reconstruction(_) => "DataReconstructionDriftCalculator",
            Monitored::Domain(_) => "DomainClassifierCalculator",
            Monitored::Cbpe(_) | Monitored::MulticlassCbpe(_) => "CBPE",
            Monitored::Realized(_)
            | Monitored::MulticlassRealized(_)
            | Monitored::Regression(_) => "PerformanceCalculator",
            Monitored::Dle(_) => "DLE",
        }
    }

    /// The name a saved monitor records (the calculator and its kind of model).
    fn tag(&self) -> &'static str {
        match self {
            Monitored::Univariate(_) => "univariate",
            Monitored::Reconstruction(_) => "reconstruction",
            Monitored::Domain(_) => "domain_classifier",
            Monitored::Cbpe(_) => "cbpe",
            Monitored::Realized(_) => "realized",
            Monitored::MulticlassCbpe(_) => "cbpe_multiclass",
            Monitored::MulticlassRealized(_) => "realized_multiclass",
            Monitored::Regression(_) => "realized_regression",
            Monitored::Dle(_) => "dle",
        }
    }

    /// Whether batches must carry targets.
    fn needs_targets(&self) -> bool {
        matches!(
            self,
            Monitored::Realized(_) | Monitored::MulticlassRealized(_) | Monitored::Regression(_)
        )
    }

    fn push(&mut self, batch: &Batch) -> std::result::Result<(), DriftError> {
        let mut zeros = Vec::new();
        match (self, batch) {
            (Monitored::Univariate(m), Batch::Columns(d)) => {
                m.push(&borrowed(&d.columns), d.timestamps.as_deref())
            }
            (Monitored::Reconstruction(m), Batch::Columns(d)) => {
                m.push(&borrowed(&d.columns), d.timestamps.as_deref())
            }
            (Monitored::Domain(m), Batch::Columns(d)) => {
                m.push(&borrowed(&d.columns), d.timestamps.as_deref())
            }
            (Monitored::Cbpe(m), Batch::Outputs(o)) => {
                m.push(o.borrowed(&mut zeros), o.timestamps.as_deref())
            }
            (Monitored::Realized(m), Batch::Outputs(o)) => {
                m.push(o.borrowed(&mut zeros), o.timestamps.as_deref())
            }
            (Monitored::Regression(m), Batch::Outputs(o)) => {
                m.push(regression_outputs(o), o.timestamps.as_deref())
            }
            (Monitored::MulticlassCbpe(m), Batch::Multiclass(o)) => {
                o.with(|outputs| m.push(outputs, o.timestamps.as_deref()))
            }
            (Monitored::MulticlassRealized(m), Batch::Multiclass(o)) => {
                o.with(|outputs| m.push(outputs, o.timestamps.as_deref()))
            }
            (Monitored::Dle(m), Batch::Dle(d)) => m.push(
                (&borrowed(&d.features), d.outputs()),
                d.timestamps.as_deref(),
            ),
            _ => unreachable!("batches are read by the monitor's own reader"),
        }
    }

    fn flush(&mut self) -> std::result::Result<(), DriftError> {
        each!(self, m => m.flush())
    }

    fn rows(&self) -> Plain {
        each!(self, m => rows_for_js(m.rows()))
    }

    fn pending_rows(&self) -> usize {
        each!(self, m => m.pending_rows())
    }

    fn to_json(&self) -> String {
        each!(self, m => m.to_json())
    }

    fn from_json(tag: &str, text: &str) -> std::result::Result<Monitored, DriftError> {
        use drift::ChunkMonitor as M;
        Ok(match tag {
            "univariate" => Monitored::Univariate(M::from_json(text)?),
            "reconstruction" => Monitored::Reconstruction(M::from_json(text)?),
            "domain_classifier" => Monitored::Domain(M::from_json(text)?),
            "cbpe" => Monitored::Cbpe(M::from_json(text)?),
            "realized" => Monitored::Realized(M::from_json(text)?),
            "cbpe_multiclass" => Monitored::MulticlassCbpe(M::from_json(text)?),
            "realized_multiclass" => Monitored::MulticlassRealized(M::from_json(text)?),
            "realized_regression" => Monitored::Regression(M::from_json(text)?),
            "dle" => Monitored::Dle(M::from_json(text)?),
            other => {
                return Err(DriftError::Undefined(format!(
                    "not a saved ChunkMonitor: kind {other:?}"
                )));
            }
        })
    }
}

fn regression_outputs(data: &OwnedOutputs) -> drift::RegressionOutputs<'_> {
    drift::RegressionOutputs {
        y_pred: data.y_pred.as_deref().unwrap_or(&[]),
        y_true: data.y_true.as_deref(),
    }
}

/// A fitted calculator fed batch by batch: `push(batch)` takes rows as they come (any
/// number), closes each chunk as it fills (`chunkSize`) or as its calendar period ends
/// (`chunkPeriod`: a row of a later period closes it) and keeps its row; `flush()` closes the
/// open chunk now; `rows()` is the calculator's result over everything closed so far. Pushing
/// a column object's rows in order, in any batches, then flushing gives exactly what
/// `calculate` (`estimate` for CBPE) gives over all of them. `chunkNumber` and the default
/// chunking need every row first, and `incomplete: 'append'` would change a chunk already
/// reported, so a monitor refuses them; with `chunkPeriod`, rows of a closed period are
/// refused. A refused batch leaves the monitor as it was. `toJson()` saves the closed chunks
/// and the open rows; `ChunkMonitor.fromJson()` carries on from them.
#[napi(namespace = "monitoring")]
pub struct ChunkMonitor {
    state: Arc<Mutex<Monitored>>,
    reader: Arc<Reader>,
}

impl ChunkMonitor {
    pub(crate) fn new(monitored: Monitored, reader: Reader) -> Self {
        ChunkMonitor {
            state: Arc::new(Mutex::new(monitored)),
            reader: Arc::new(reader),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Monitored> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn read(&self, batch: &Object<'_>) -> JsResult<Batch> {
        let targets = self.lock().needs_targets();
        Ok(match self.reader.as_ref() {
            Reader::Columns(layout) => Batch::Columns(data(batch, layout)?),
            Reader::Outputs(columns) => Batch::Outputs(Box::new(outputs(batch, columns, targets)?)),
            Reader::Multiclass(columns) => {
                Batch::Multiclass(Box::new(multiclass_outputs(batch, columns, targets)?))
            }
            Reader::Dle(columns) => Batch::Dle(Box::new(read_dle(batch, columns, targets)?)),
        })
    }
}

fn done(_: ()) -> JsResult<()> {
    Ok(())
}

#[edgekit_macros::boundary]
#[napi(namespace = "monitoring")]
impl ChunkMonitor {
    /// Takes a batch of rows (a column object, as `calculate` takes) and closes every chunk
    /// it completes.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "batch: Record<string, Float64Array | ArrayLike<number | null> | ArrayBuffer | (string | null)[] | Date[]>"
    )]
    pub fn push(&self, batch: Object<'_>) -> std::result::Result<(), Error<Code>> {
        let batch = self.read(&batch)?;
        self.lock().push(&batch).map_err(to_js)
    }

    /// `push` on the libuv thread pool (a Promise); calls take turns on the monitor.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "batch: Record<string, Float64Array | ArrayLike<number | null> | ArrayBuffer | (string | null)[] | Date[]>",
        ts_return_type = "Promise<void>"
    )]
    pub fn push_async(&self, batch: Object<'_>) -> std::result::Result<Async<(), ()>, Error<Code>> {
        let batch = self.read(&batch)?;
        let state = Arc::clone(&self.state);
        Ok(work(
            "monitoring.ChunkMonitor.pushAsync",
            move || {
                state
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(&batch)
            },
            done,
        ))
    }

    /// Closes the open chunk now: with `chunkSize`, the leftover rows form a last, smaller
    /// chunk (or are dropped with `incomplete: 'drop'`); with `chunkPeriod`, the current period
    /// closes and later rows of it are refused.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn flush(&self) -> std::result::Result<(), Error<Code>> {
        self.lock().flush().map_err(to_js)
    }

    /// The reference chunks and every closed chunk, as the calculator's rows.
    #[edgekit_macros::boundary]
    #[napi(
        ts_return_type = "Array<UnivariateRow> | Array<ReconstructionRow> | Array<DomainClassifierRow> | Array<EstimatedRow> | Array<RealizedRow> | Array<DleRow>"
    )]
    pub fn rows(&self) -> std::result::Result<Plain, Error<Code>> {
        Ok(self.lock().rows())
    }

    /// Rows waiting in the open chunk.
    #[napi(getter)]
    pub fn pending_rows(&self) -> f64 {
        self.lock().pending_rows() as f64
    }

    /// The calculator's class name.
    #[napi(
        getter,
        ts_return_type = "'UnivariateDriftCalculator' | 'DataReconstructionDriftCalculator' | 'DomainClassifierCalculator' | 'CBPE' | 'PerformanceCalculator' | 'DLE'"
    )]
    pub fn kind(&self) -> &'static str {
        self.lock().kind()
    }

    /// The monitor as JSON: the column names, the fitted calculator, the closed chunks and
    /// the open rows.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn to_json(&self) -> std::result::Result<String, Error<Code>> {
        let state = self.lock();
        let monitor = state.to_json();
        let mut saved: Value = match self.reader.as_ref() {
            Reader::Columns(layout) => layout.saved("columnNames"),
            Reader::Outputs(columns) => {
                serde_json::from_str(&saved(columns, "null")).unwrap_or(Value::Null)
            }
            Reader::Multiclass(columns) => {
                serde_json::from_str(&saved_multiclass(columns, "null")).unwrap_or(Value::Null)
            }
            Reader::Dle(columns) => {
                let mut out = columns.layout.saved("columnNames");
                out["yPred"] = Value::from(columns.y_pred.clone());
                out["yTrue"] = Value::from(columns.y_true.clone());
                out
            }
        };
        saved["fitted"] = serde_json::from_str(&monitor).unwrap_or(Value::Null);
        saved["kind"] = Value::from(state.tag());
        Ok(saved.to_string())
    }

    /// Reads `toJson()` output.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_json(text: String) -> std::result::Result<Self, Error<Code>> {
        let bad = |e: String| {
            to_js(DriftError::Undefined(format!(
                "not a saved ChunkMonitor: {e}"
            )))
        };
        let saved: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        let kind = saved
            .get("kind")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("no kind".into()))?;
        let layout = || Layout::from_saved(&saved, "columnNames", "ChunkMonitor");
        let name = |key: &str| -> JsResult<String> {
            saved
                .get(key)
                .and_then(Value::as_str)
                .map(String::from)
                .ok_or_else(|| bad(format!("no {key}")))
        };
        let (reader, monitor) = match kind {
            "univariate" | "reconstruction" | "domain_classifier" => {
                let monitor = saved
                    .get("fitted")
                    .ok_or_else(|| bad("no monitor state".into()))?;
                (Reader::Columns(layout()?), monitor.to_string())
            }
            "dle" => {
                let monitor = saved
                    .get("fitted")
                    .ok_or_else(|| bad("no monitor state".into()))?;
                let columns = DleColumns {
                    layout: layout()?,
                    y_pred: name("yPred")?,
                    y_true: name("yTrue")?,
                };
                (Reader::Dle(columns), monitor.to_string())
            }
            "cbpe_multiclass" | "realized_multiclass" => {
                let (columns, monitor) = from_saved_multiclass(&text, "ChunkMonitor")?;
                (Reader::Multiclass(columns), monitor)
            }
            _ => {
                let (columns, monitor) = from_saved(&text, "ChunkMonitor")?;
                (Reader::Outputs(columns), monitor)
            }
        };
        let monitored = Monitored::from_json(kind, &monitor).map_err(to_js)?;
        Ok(ChunkMonitor::new(monitored, reader))
    }
}
