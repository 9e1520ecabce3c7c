//! Monitoring over time, as NannyML lays it out: rows split into chunks (by size, count or
//! calendar period), a metric per chunk with its sampling error band, thresholds set from the
//! reference chunks (mean ± k standard deviations, or constants) and an alert where a chunk
//! leaves them.

mod buffers;
mod calendar;
mod chunking;
mod monitor;
mod severity;
mod table;
mod threshold;

pub use buffers::{
    BinaryBuffer, ColumnBuffer, FeatureOutputBuffer, MulticlassBuffer, RegressionBuffer,
};
pub use calendar::{CalendarPeriod, parse_timestamp};
pub use chunking::{Chunk, ChunkPlan, Chunking, Incomplete, split_chunks};
pub use monitor::{ChunkMonitor, Chunked, RowBuffer};
pub(crate) use severity::warning_bounds;
pub use severity::{Severity, WarningBounds, severity};
pub use table::{ChunkInfo, DataPeriod, MetricCell, SAMPLING_ERROR_RANGE};
pub use threshold::{BeyondLimit, ChunkThreshold, alerts, performance_alerts};
