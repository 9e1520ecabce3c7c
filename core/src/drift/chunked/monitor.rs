//! A fitted chunked calculator fed as a stream: batches arrive as a service sees them, the
//! monitor keeps the rows of the chunk still open and, as each chunk fills (by size) or its
//! calendar period ends, computes that chunk's row exactly as the calculator would over all
//! the data at once. Pushing any split of the rows in order and then flushing gives the
//! calculator's own table, row for row.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::calendar;
use super::chunking::{Chunking, Incomplete};
use super::table::ChunkInfo;
use crate::drift::DriftError;

/// Rows held by a monitor until their chunk closes: the columns a calculator reads, owned.
pub trait RowBuffer: Clone + Default + Serialize + DeserializeOwned {
    /// Rows held.
    fn len(&self) -> usize;
    /// Whether no row is held.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Appends `other`'s rows, refusing (and changing nothing) when its columns differ.
    fn append(&mut self, other: &Self) -> Result<(), DriftError>;
    /// Keeps the first `len` rows.
    fn truncate(&mut self, len: usize);
    /// The rows at `positions`, in that order.
    fn gather(&self, positions: &[usize]) -> Self;
    /// Keeps the rows where `keep` is true.
    fn retain(&mut self, keep: &[bool]);
    /// Whether the columns agree in length (checked when a saved monitor is loaded).
    fn is_consistent(&self) -> bool;
}

/// A fitted calculator whose results come chunk by chunk, so a [`ChunkMonitor`] can feed it.
pub trait Chunked: Sized {
    /// What a batch holds (the calculator's `calculate` input).
    type Data<'a>;
    /// The rows held between batches.
    type Buffer: RowBuffer;
    /// One chunk's result.
    type Row: Clone + Serialize;

    /// How the calculator chunks.
    fn chunking(&self) -> Chunking;
    /// A batch checked against the fitted calculator and copied.
    fn buffer(&self, data: Self::Data<'_>) -> Result<Self::Buffer, DriftError>;
    /// The reference chunks followed by those of `rows`, as `calculate` gives them.
    fn analyse(
        &self,
        rows: &Self::Buffer,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<Self::Row>, DriftError>;
    /// The reference chunks' rows.
    fn reference_rows(&self) -> Vec<Self::Row>;
    /// The row's chunk.
    fn chunk(row: &mut Self::Row) -> &mut ChunkInfo;
    /// A row as a saved monitor keeps it.
    fn store_row(&self, row: &Self::Row) -> serde_json::Value;
    /// A row saved by [`Chunked::store_row`], checked.
    fn restore_row(&self, saved: serde_json::Value) -> Result<Self::Row, DriftError>;
    /// The calculator as JSON.
    fn to_json(&self) -> String;
    /// A saved calculator, checked.
    fn from_json(text: &str) -> Result<Self, DriftError>;
}

/// A fitted chunked calculator fed batch by batch (see the module doc): the reference
/// chunks' rows, then one row per chunk closed so far, and the rows of the open chunk.
///
/// Chunks by `chunk_size` (rows in arrival order) or `chunk_period` (timestamps required;
/// a row whose period already closed is refused). `chunk_number` and the default chunking
/// need every row before the first chunk can close, so a monitor refuses them, as it refuses
/// `incomplete = "append"` (the last full chunk has been reported by the time the leftover
/// is known).
///
/// ```
/// use edgekit::drift::{ChunkMonitor, Column, ColumnValues, UnivariateDrift, UnivariateOptions};
///
/// let reference: Vec<f64> = (0..1000).map(|i| (i % 37) as f64).collect();
/// let column = |values| vec![Column { name: "x", values: ColumnValues::Numbers(values), categorical: false }];
/// let options = UnivariateOptions { chunk_size: Some(250), ..Default::default() };
/// let fitted = UnivariateDrift::fit(&column(&reference), None, &options)?;
/// let mut monitor = ChunkMonitor::new(fitted)?;
/// let shifted: Vec<f64> = reference.iter().map(|v| v + 10.0).collect();
/// for batch in shifted.chunks(100) {
///     monitor.push(&column(batch), None)?;
/// }
/// assert_eq!(monitor.analysis_rows().len(), 4);
/// assert!(monitor.analysis_rows()[0].cells[0].alert);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ChunkMonitor<C: Chunked> {
    calculator: C,
    reference_chunks: usize,
    rows: Vec<C::Row>,
    pending: C::Buffer,
    /// The open rows' timestamps (empty while the stream has none).
    timestamps: Vec<i64>,
    /// Whether the stream carries timestamps (set by its first batch).
    timed: Option<bool>,
    /// Rows in the chunks closed so far (where the next chunk starts).
    closed_rows: usize,
    /// The last period closed (period chunking).
    closed_period: Option<i64>,
}

/// The saved form: the calculator as its own JSON, so loading checks it as it checks itself.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved<B> {
    calculator: serde_json::Value,
    rows: Vec<serde_json::Value>,
    pending: B,
    timestamps: Vec<i64>,
    timed: Option<bool>,
    closed_rows: usize,
    closed_period: Option<i64>,
}

impl<C: Chunked> ChunkMonitor<C> {
    /// A monitor with no rows pushed yet; refuses chunkings a stream cannot follow.
    pub fn new(calculator: C) -> Result<Self, DriftError> {
        match calculator.chunking() {
            Chunking::Size {
                incomplete: Incomplete::Append,
                ..
            } => {
                return Err(DriftError::Undefined(
                    "a monitor cannot append leftover rows to a chunk it has already reported: \
                     use incomplete \"keep\" or \"drop\""
                        .into(),
                ));
            }
            Chunking::Number { .. } | Chunking::Default => {
                return Err(DriftError::Undefined(
                    "a monitor chunks a stream by chunk_size or chunk_period: chunk_number and \
                     the default chunking need every row before the first chunk closes"
                        .into(),
                ));
            }
            Chunking::Size { .. } | Chunking::Period { .. } => {}
        }
        let rows = calculator.reference_rows();
        Ok(ChunkMonitor {
            reference_chunks: rows.len(),
            rows,
            pending: C::Buffer::default(),
            timestamps: Vec::new(),
            timed: None,
            closed_rows: 0,
            closed_period: None,
            calculator,
        })
    }
}

impl<C: Chunked> ChunkMonitor<C> {
    /// Takes a batch of rows (with their timestamps, ns since the epoch, if the stream has
    /// them) and closes every chunk it completes. A batch that fails leaves the monitor as it
    /// was.
    pub fn push(
        &mut self,
        data: C::Data<'_>,
        timestamps: Option<&[i64]>,
    ) -> Result<(), DriftError> {
        let batch = self.calculator.buffer(data)?;
        self.check_timestamps(batch.len(), timestamps)?;
        let (before, timed) = (self.pending.len(), self.timed);
        self.pending.append(&batch)?;
        self.timestamps.extend_from_slice(timestamps.unwrap_or(&[]));
        self.timed = Some(timestamps.is_some());
        let closed = self.close_ready(before);
        if closed.is_err() {
            self.pending.truncate(before);
            self.timestamps.truncate(before);
            self.timed = timed;
        }
        closed
    }

    /// Closes the open chunk now: the leftover rows of a size chunking form a last, smaller
    /// chunk (or are dropped, as `incomplete` says); the current period closes, and later rows
    /// of it are refused.
    pub fn flush(&mut self) -> Result<(), DriftError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let all: Vec<usize> = (0..self.pending.len()).collect();
        match self.calculator.chunking() {
            Chunking::Size {
                incomplete: Incomplete::Drop,
                ..
            } => {}
            Chunking::Period { period } => {
                let rows = self.analyse_groups(std::slice::from_ref(&all), false)?;
                self.closed_period = self
                    .timestamps
                    .iter()
                    .map(|&t| calendar::ordinal(period, t))
                    .max();
                self.commit(rows, all.len());
            }
            _ => {
                let rows = self.analyse_groups(std::slice::from_ref(&all), true)?;
                self.commit(rows, all.len());
            }
        }
        self.pending = C::Buffer::default();
        self.timestamps.clear();
        Ok(())
    }

    /// The reference chunks' rows followed by every closed chunk's (the calculator's table).
    pub fn rows(&self) -> &[C::Row] {
        &self.rows
    }

    /// The closed chunks' rows.
    pub fn analysis_rows(&self) -> &[C::Row] {
        &self.rows[self.reference_chunks..]
    }

    /// Rows waiting in the open chunk.
    pub fn pending_rows(&self) -> usize {
        self.pending.len()
    }

    /// The fitted calculator.
    pub fn calculator(&self) -> &C {
        &self.calculator
    }

    /// The monitor as JSON (the calculator, the closed chunks and the open rows), for
    /// [`ChunkMonitor::from_json`].
    pub fn to_json(&self) -> String {
        let saved = Saved {
            calculator: serde_json::from_str(&self.calculator.to_json())
                .expect("a calculator saves as JSON"),
            rows: self
                .analysis_rows()
                .iter()
                .map(|r| self.calculator.store_row(r))
                .collect(),
            pending: self.pending.clone(),
            timestamps: self.timestamps.clone(),
            timed: self.timed,
            closed_rows: self.closed_rows,
            closed_period: self.closed_period,
        };
        serde_json::to_string(&saved).expect("plain data serializes")
    }

    /// A saved monitor, its calculator and open rows checked before use.
    pub fn from_json(text: &str) -> Result<Self, DriftError> {
        let saved: Saved<C::Buffer> = serde_json::from_str(text)
            .map_err(|e| DriftError::Undefined(format!("not a saved chunk monitor: {e}")))?;
        let calculator = C::from_json(&saved.calculator.to_string())?;
        let mut monitor = ChunkMonitor::new(calculator)?;
        let stamps = match saved.timed {
            Some(true) => saved.pending.len(),
            _ => 0,
        };
        let consistent = saved.pending.is_consistent()
            && saved.timestamps.len() == stamps
            && (saved.timed.is_some() || (saved.pending.is_empty() && saved.rows.is_empty()));
        if !consistent {
            return Err(DriftError::Undefined(
                "not a saved chunk monitor: its open rows do not fit together".into(),
            ));
        }
        for row in saved.rows {
            let row = monitor.calculator.restore_row(row)?;
            monitor.rows.push(row);
        }
        monitor.pending = saved.pending;
        monitor.timestamps = saved.timestamps;
        monitor.timed = saved.timed;
        monitor.closed_rows = saved.closed_rows;
        monitor.closed_period = saved.closed_period;
        Ok(monitor)
    }

    fn check_timestamps(&self, rows: usize, timestamps: Option<&[i64]>) -> Result<(), DriftError> {
        if let Some(t) = timestamps
            && t.len() != rows
        {
            return Err(DriftError::LengthMismatch {
                first: "timestamps",
                first_len: t.len(),
                second: "rows",
                second_len: rows,
            });
        }
        if let Some(timed) = self.timed
            && timed != timestamps.is_some()
        {
            return Err(DriftError::Undefined(format!(
                "the stream's first batch came {} timestamps; every batch must",
                if timed { "with" } else { "without" }
            )));
        }
        if let Chunking::Period { period } = self.calculator.chunking() {
            let Some(t) = timestamps else {
                return Err(DriftError::Undefined(
                    "chunk_period needs a timestamp column".into(),
                ));
            };
            if let Some(closed) = self.closed_period
                && let Some(row) = t
                    .iter()
                    .position(|&t| calendar::ordinal(period, t) <= closed)
            {
                let ordinal = calendar::ordinal(period, t[row]);
                return Err(DriftError::Undefined(format!(
                    "row {row} belongs to period {}, which has closed (the stream is at {})",
                    calendar::label(period, ordinal),
                    calendar::label(period, closed)
                )));
            }
        }
        Ok(())
    }

    /// Closes the chunks the open rows complete: every full chunk of a size chunking, every
    /// period before the latest one seen.
    fn close_ready(&mut self, before: usize) -> Result<(), DriftError> {
        match self.calculator.chunking() {
            Chunking::Size { size, .. } => {
                let full = self.pending.len() / size;
                if full == 0 {
                    return Ok(());
                }
                let groups: Vec<Vec<usize>> = (0..full)
                    .map(|c| (c * size..(c + 1) * size).collect())
                    .collect();
                let rows = self.analyse_groups(&groups, true)?;
                self.commit(rows, full * size);
                let keep: Vec<bool> = (0..self.pending.len()).map(|i| i >= full * size).collect();
                self.drop_closed(&keep);
            }
            Chunking::Period { period } => {
                let ordinal = |t: i64| calendar::ordinal(period, t);
                // The rows held before this batch share one period (every push closes the
                // earlier ones), so a batch wholly inside it closes nothing: only the batch's
                // rows are read, not every open row on every push.
                let open = self.timestamps.first().map(|&t| ordinal(t));
                if self.timestamps[before..]
                    .iter()
                    .all(|&t| Some(ordinal(t)) == open)
                {
                    return Ok(());
                }
                let ordinals: Vec<i64> = self.timestamps.iter().map(|&t| ordinal(t)).collect();
                let Some(&latest) = ordinals.iter().max() else {
                    return Ok(());
                };
                let mut closing: Vec<i64> =
                    ordinals.iter().copied().filter(|&o| o < latest).collect();
                closing.sort_unstable();
                closing.dedup();
                if closing.is_empty() {
                    return Ok(());
                }
                let groups: Vec<Vec<usize>> = closing
                    .iter()
                    .map(|&o| (0..ordinals.len()).filter(|&i| ordinals[i] == o).collect())
                    .collect();
                let rows = self.analyse_groups(&groups, false)?;
                self.commit(rows, groups.iter().map(Vec::len).sum());
                self.closed_period = closing.last().copied();
                let keep: Vec<bool> = ordinals.iter().map(|&o| o == latest).collect();
                self.drop_closed(&keep);
            }
            Chunking::Number { .. } | Chunking::Default => unreachable!("refused by new"),
        }
        Ok(())
    }

    /// Each group's chunk row, numbered and placed after the chunks closed so far (`keyed`:
    /// the key names the rows, as size chunks' keys do).
    fn analyse_groups(
        &self,
        groups: &[Vec<usize>],
        keyed: bool,
    ) -> Result<Vec<C::Row>, DriftError> {
        let mut start = self.closed_rows;
        let closed_chunks = self.rows.len() - self.reference_chunks;
        let mut out = Vec::with_capacity(groups.len());
        for (index, group) in (closed_chunks..).zip(groups) {
            let rows = self.pending.gather(group);
            let stamps: Option<Vec<i64>> = (self.timed == Some(true))
                .then(|| group.iter().map(|&i| self.timestamps[i]).collect());
            let mut table = self.calculator.analyse(&rows, stamps.as_deref())?;
            if table.len() != self.reference_chunks + 1 {
                return Err(DriftError::Undefined(format!(
                    "a chunk of {} rows did not make one chunk",
                    group.len()
                )));
            }
            let mut row = table.pop().expect("one chunk");
            let chunk = C::chunk(&mut row);
            let end = start + group.len() - 1;
            chunk.chunk_index = index;
            chunk.start_index = start;
            chunk.end_index = end;
            if keyed {
                chunk.key = format!("[{start}:{end}]");
            }
            out.push(row);
            start = end + 1;
        }
        Ok(out)
    }

    fn commit(&mut self, rows: Vec<C::Row>, row_count: usize) {
        self.rows.extend(rows);
        self.closed_rows += row_count;
    }

    fn drop_closed(&mut self, keep: &[bool]) {
        self.pending.retain(keep);
        let mut flags = keep.iter();
        self.timestamps.retain(|_| *flags.next().unwrap_or(&true));
    }
}
