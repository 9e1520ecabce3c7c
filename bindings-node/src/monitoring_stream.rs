//! `monitoring.ChunkMonitor`: a fitted calculator fed batch by batch (core's `ChunkMonitor`).
//! Made by `calculator.monitor()` on a fitted `UnivariateDriftCalculator`,
//! `DataReconstructionDriftCalculator`, or binary `CBPE` / `PerformanceCalculator`; it reads
//! batches with its calculator's column names.

use std::sync::{Arc, Mutex, MutexGuard};

use edgekit::drift::{self, DriftError};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::Plain;
use crate::drift::report::borrowed;
use crate::errors::{Code, JsResult, to_js};
use crate::monitoring::{Data, Layout, data, rows_for_js};
use crate::monitoring_outputs::{OutputColumns, OwnedOutputs, from_saved, outputs, saved};
use crate::work::{Async, work};

/// A monitor of one calculator kind.
pub(crate) enum Monitored {
    Univariate(drift::UnivariateMonitor),
    Reconstruction(drift::ReconstructionMonitor),
    Cbpe(drift::CbpeMonitor),
    Realized(drift::RealizedMonitor),
}

/// How batches are read: feature columns, or a binary classifier's output columns.
pub(crate) enum Reader {
    Columns(Layout),
    Outputs(OutputColumns),
}

enum Batch {
    Columns(Data),
    Outputs(Box<OwnedOutputs>),
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
            Monitored::Cbpe(_) => "CBPE",
            Monitored::Realized(_) => "PerformanceCalculator",
        }
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
            (Monitored::Cbpe(m), Batch::Outputs(o)) => {
                m.push(o.borrowed(&mut zeros), o.timestamps.as_deref())
            }
            (Monitored::Realized(m), Batch::Outputs(o)) => {
                m.push(o.borrowed(&mut zeros), o.timestamps.as_deref())
            }
            _ => unreachable!("batches are read by the monitor's own reader"),
        }
    }

    fn flush(&mut self) -> std::result::Result<(), DriftError> {
        match self {
            Monitored::Univariate(m) => m.flush(),
            Monitored::Reconstruction(m) => m.flush(),
            Monitored::Cbpe(m) => m.flush(),
            Monitored::Realized(m) => m.flush(),
        }
    }

    fn rows(&self) -> Plain {
        match self {
            Monitored::Univariate(m) => rows_for_js(m.rows()),
            Monitored::Reconstruction(m) => rows_for_js(m.rows()),
            Monitored::Cbpe(m) => rows_for_js(m.rows()),
            Monitored::Realized(m) => rows_for_js(m.rows()),
        }
    }

    fn pending_rows(&self) -> usize {
        match self {
            Monitored::Univariate(m) => m.pending_rows(),
            Monitored::Reconstruction(m) => m.pending_rows(),
            Monitored::Cbpe(m) => m.pending_rows(),
            Monitored::Realized(m) => m.pending_rows(),
        }
    }

    fn to_json(&self) -> String {
        match self {
            Monitored::Univariate(m) => m.to_json(),
            Monitored::Reconstruction(m) => m.to_json(),
            Monitored::Cbpe(m) => m.to_json(),
            Monitored::Realized(m) => m.to_json(),
        }
    }

    fn from_json(kind: &str, text: &str) -> std::result::Result<Monitored, DriftError> {
        Ok(match kind {
            "UnivariateDriftCalculator" => {
                Monitored::Univariate(drift::ChunkMonitor::from_json(text)?)
            }
            "DataReconstructionDriftCalculator" => {
                Monitored::Reconstruction(drift::ChunkMonitor::from_json(text)?)
            }
            "CBPE" => Monitored::Cbpe(drift::ChunkMonitor::from_json(text)?),
            "PerformanceCalculator" => Monitored::Realized(drift::ChunkMonitor::from_json(text)?),
            other => {
                return Err(DriftError::Undefined(format!(
                    "not a saved ChunkMonitor: kind {other:?}"
                )));
            }
        })
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
        Ok(match self.reader.as_ref() {
            Reader::Columns(layout) => Batch::Columns(data(batch, layout)?),
            Reader::Outputs(columns) => {
                let targets = matches!(*self.lock(), Monitored::Realized(_));
                Batch::Outputs(Box::new(outputs(batch, columns, targets)?))
            }
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
        ts_return_type = "Array<UnivariateRow> | Array<ReconstructionRow> | Array<EstimatedRow> | Array<RealizedRow>"
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
        ts_return_type = "'UnivariateDriftCalculator' | 'DataReconstructionDriftCalculator' | 'CBPE' | 'PerformanceCalculator'"
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
            Reader::Columns(layout) => serde_json::json!({
                "columnNames": layout.column_names,
                "timestampColumnName": layout.timestamp_column_name,
                "categorical": layout.categorical,
                "fitted": serde_json::from_str::<Value>(&monitor).unwrap_or(Value::Null),
            }),
            Reader::Outputs(columns) => {
                serde_json::from_str(&saved(columns, &monitor)).unwrap_or(Value::Null)
            }
        };
        saved["kind"] = Value::from(state.kind());
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
        let (reader, monitor) = match kind {
            "UnivariateDriftCalculator" | "DataReconstructionDriftCalculator" => {
                let strings = |key: &str| -> JsResult<Vec<String>> {
                    serde_json::from_value(saved.get(key).cloned().unwrap_or(Value::Null))
                        .map_err(|e| bad(format!("{key}: {e}")))
                };
                let layout = Layout {
                    column_names: strings("columnNames")?,
                    timestamp_column_name: saved
                        .get("timestampColumnName")
                        .and_then(Value::as_str)
                        .map(String::from),
                    categorical: strings("categorical")?,
                };
                let monitor = saved
                    .get("fitted")
                    .ok_or_else(|| bad("no monitor state".into()))?;
                (Reader::Columns(layout), monitor.to_string())
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
