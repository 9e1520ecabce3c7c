//! The chunked calculators a [`ChunkMonitor`] can feed: each says what a batch holds, how it is
//! checked and kept, and answers for a chunk's rows with its own `calculate`/`estimate`.

use crate::drift::chunked::{
    BinaryBuffer, ChunkInfo, ChunkMonitor, Chunked, Chunking, ColumnBuffer,
};
use crate::drift::{
    BinaryOutputs, Cbpe, Column, DriftError, EstimatedRow, RealizedPerformance, RealizedRow,
    ReconstructionDrift, ReconstructionRow, UnivariateDrift, UnivariateRow,
};

impl Chunked for UnivariateDrift {
    type Data<'a> = &'a [Column<'a>];
    type Buffer = ColumnBuffer;
    type Row = UnivariateRow;

    fn chunking(&self) -> Chunking {
        UnivariateDrift::chunking(self)
    }

    fn buffer(&self, data: &[Column<'_>]) -> Result<ColumnBuffer, DriftError> {
        self.bind(data)?;
        let names: Vec<&str> = self.columns().iter().map(|(n, _)| n.as_str()).collect();
        ColumnBuffer::copy(data, &names)
    }

    fn analyse(
        &self,
        rows: &ColumnBuffer,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<UnivariateRow>, DriftError> {
        self.calculate(&rows.view(), timestamps)
    }

    fn reference_rows(&self) -> Vec<UnivariateRow> {
        UnivariateDrift::reference_rows(self).to_vec()
    }

    fn chunk(row: &mut UnivariateRow) -> &mut ChunkInfo {
        &mut row.chunk
    }

    fn store_row(&self, row: &UnivariateRow) -> serde_json::Value {
        serde_json::to_value(row).expect("plain data serializes")
    }

    fn restore_row(&self, saved: serde_json::Value) -> Result<UnivariateRow, DriftError> {
        serde_json::from_value(saved)
            .map_err(|e| DriftError::Undefined(format!("not a saved chunk row: {e}")))
    }

    fn to_json(&self) -> String {
        UnivariateDrift::to_json(self)
    }

    fn from_json(text: &str) -> Result<Self, DriftError> {
        UnivariateDrift::from_json(text)
    }
}

impl Chunked for ReconstructionDrift {
    type Data<'a> = &'a [Column<'a>];
    type Buffer = ColumnBuffer;
    type Row = ReconstructionRow;

    fn chunking(&self) -> Chunking {
        ReconstructionDrift::chunking(self)
    }

    fn buffer(&self, data: &[Column<'_>]) -> Result<ColumnBuffer, DriftError> {
        self.check_columns(data)?;
        ColumnBuffer::copy(data, &self.column_names())
    }

    fn analyse(
        &self,
        rows: &ColumnBuffer,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<ReconstructionRow>, DriftError> {
        self.calculate(&rows.view(), timestamps)
    }

    fn reference_rows(&self) -> Vec<ReconstructionRow> {
        ReconstructionDrift::reference_rows(self).to_vec()
    }

    fn chunk(row: &mut ReconstructionRow) -> &mut ChunkInfo {
        &mut row.chunk
    }

    fn store_row(&self, row: &ReconstructionRow) -> serde_json::Value {
        serde_json::to_value(row).expect("plain data serializes")
    }

    fn restore_row(&self, saved: serde_json::Value) -> Result<ReconstructionRow, DriftError> {
        serde_json::from_value(saved)
            .map_err(|e| DriftError::Undefined(format!("not a saved chunk row: {e}")))
    }

    fn to_json(&self) -> String {
        ReconstructionDrift::to_json(self)
    }

    fn from_json(text: &str) -> Result<Self, DriftError> {
        ReconstructionDrift::from_json(text)
    }
}

impl Chunked for Cbpe {
    type Data<'a> = BinaryOutputs<'a>;
    type Buffer = BinaryBuffer;
    type Row = EstimatedRow;

    fn chunking(&self) -> Chunking {
        Cbpe::chunking(self)
    }

    fn buffer(&self, data: BinaryOutputs<'_>) -> Result<BinaryBuffer, DriftError> {
        BinaryBuffer::copy(data)
    }

    fn analyse(
        &self,
        rows: &BinaryBuffer,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<EstimatedRow>, DriftError> {
        self.estimate(rows.view(), timestamps)
    }

    fn reference_rows(&self) -> Vec<EstimatedRow> {
        Cbpe::reference_rows(self)
    }

    fn chunk(row: &mut EstimatedRow) -> &mut ChunkInfo {
        &mut row.chunk
    }

    fn store_row(&self, row: &EstimatedRow) -> serde_json::Value {
        Cbpe::store_row(self, row)
    }

    fn restore_row(&self, saved: serde_json::Value) -> Result<EstimatedRow, DriftError> {
        Cbpe::restore_row(self, saved)
    }

    fn to_json(&self) -> String {
        Cbpe::to_json(self)
    }

    fn from_json(text: &str) -> Result<Self, DriftError> {
        Cbpe::from_json(text)
    }
}

impl Chunked for RealizedPerformance {
    type Data<'a> = BinaryOutputs<'a>;
    type Buffer = BinaryBuffer;
    type Row = RealizedRow;

    fn chunking(&self) -> Chunking {
        RealizedPerformance::chunking(self)
    }

    fn buffer(&self, data: BinaryOutputs<'_>) -> Result<BinaryBuffer, DriftError> {
        if data.y_true.is_none() {
            return Err(DriftError::Undefined(
                "realized performance needs targets (y_true)".into(),
            ));
        }
        BinaryBuffer::copy(data)
    }

    fn analyse(
        &self,
        rows: &BinaryBuffer,
        timestamps: Option<&[i64]>,
    ) -> Result<Vec<RealizedRow>, DriftError> {
        self.calculate(rows.view(), timestamps)
    }

    fn reference_rows(&self) -> Vec<RealizedRow> {
        RealizedPerformance::reference_rows(self)
    }

    fn chunk(row: &mut RealizedRow) -> &mut ChunkInfo {
        &mut row.chunk
    }

    fn store_row(&self, row: &RealizedRow) -> serde_json::Value {
        RealizedPerformance::store_row(self, row)
    }

    fn restore_row(&self, saved: serde_json::Value) -> Result<RealizedRow, DriftError> {
        RealizedPerformance::restore_row(self, saved)
    }

    fn to_json(&self) -> String {
        RealizedPerformance::to_json(self)
    }

    fn from_json(text: &str) -> Result<Self, DriftError> {
        RealizedPerformance::from_json(text)
    }
}

/// A monitor of univariate drift per column.
pub type UnivariateMonitor = ChunkMonitor<UnivariateDrift>;
/// A monitor of PCA reconstruction drift.
pub type ReconstructionMonitor = ChunkMonitor<ReconstructionDrift>;
/// A monitor of a binary classifier's estimated performance.
pub type CbpeMonitor = ChunkMonitor<Cbpe>;
/// A monitor of a binary classifier's realized performance.
pub type RealizedMonitor = ChunkMonitor<RealizedPerformance>;
