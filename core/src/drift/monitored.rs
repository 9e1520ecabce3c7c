//! The chunked calculators a [`ChunkMonitor`] can feed: each says what a batch holds, how it is
//! checked and kept, and answers for a chunk's rows with its own `calculate`/`estimate`.

use crate::drift::chunked::{
    BinaryBuffer, ChunkInfo, ChunkMonitor, Chunked, Chunking, ColumnBuffer, FeatureOutputBuffer,
    MulticlassBuffer, RegressionBuffer,
};
use crate::drift::{
    BinaryOutputs, Cbpe, Column, DleRow, DomainClassifier, DomainClassifierRow, DriftError,
    EstimatedRow, MulticlassCbpe, MulticlassOutputs, MulticlassPerformance, RealizedPerformance,
    RealizedRow, ReconstructionDrift, ReconstructionRow, RegressionOutputs, RegressionPerformance,
    RegressionRow, UnivariateDrift, UnivariateRow, estimation::Dle,
};

/// A batch of feature columns.
pub type Features<'a> = &'a [Column<'a>];
/// A batch of feature columns with a regression model's outputs (DLE).
pub type FeaturesAndOutputs<'a> = (&'a [Column<'a>], RegressionOutputs<'a>);

/// A plain row (its type reads itself back) as a saved monitor keeps it.
fn store_plain<R: serde::Serialize>(row: &R) -> serde_json::Value {
    serde_json::to_value(row).expect("plain data serializes")
}

fn restore_plain<R: serde::de::DeserializeOwned>(
    saved: serde_json::Value,
) -> Result<R, DriftError> {
    serde_json::from_value(saved)
        .map_err(|e| DriftError::Undefined(format!("not a saved chunk row: {e}")))
}

/// `Chunked` for a calculator with `chunking`, `reference_rows`, `to_json`/`from_json` and
/// (unless its rows read themselves back) `store_row`/`restore_row`.
macro_rules! chunked {
    ($calculator:ty, $data:ident, $buffer:ty, $row:ty, saved: $saved:tt,
     buffer: |$me:ident, $batch:ident| $make:expr,
     analyse: |$it:ident, $rows:ident, $stamps:ident| $analyse:expr) => {
        impl Chunked for $calculator {
            type Data<'a> = $data<'a>;
            type Buffer = $buffer;
            type Row = $row;

            fn chunking(&self) -> Chunking {
                <$calculator>::chunking(self)
            }

            fn buffer(&self, $batch: $data<'_>) -> Result<$buffer, DriftError> {
                let $me = self;
                $make
            }

            fn analyse(
                &self,
                $rows: &$buffer,
                $stamps: Option<&[i64]>,
            ) -> Result<Vec<$row>, DriftError> {
                let $it = self;
                $analyse
            }

            fn reference_rows(&self) -> Vec<$row> {
                <$calculator>::reference_rows(self).to_vec()
            }

            fn chunk(row: &mut $row) -> &mut ChunkInfo {
                &mut row.chunk
            }

            fn store_row(&self, row: &$row) -> serde_json::Value {
                chunked!(@store $saved, self, row)
            }

            fn restore_row(&self, saved: serde_json::Value) -> Result<$row, DriftError> {
                chunked!(@restore $saved, self, saved)
            }

            fn to_json(&self) -> String {
                <$calculator>::to_json(self)
            }

            fn from_json(text: &str) -> Result<Self, DriftError> {
                <$calculator>::from_json(text)
            }
        }
    };
    (@store plain, $self:ident, $row:ident) => { store_plain($row) };
    (@store own, $self:ident, $row:ident) => { $self.store_row($row) };
    (@restore plain, $self:ident, $saved:ident) => { restore_plain($saved) };
    (@restore own, $self:ident, $saved:ident) => { $self.restore_row($saved) };
}

chunked!(UnivariateDrift, Features, ColumnBuffer, UnivariateRow, saved: plain,
    buffer: |me, data| {
        me.bind(data)?;
        let names: Vec<&str> = me.columns().iter().map(|(n, _)| n.as_str()).collect();
        ColumnBuffer::copy(data, &names)
    },
    analyse: |me, rows, stamps| me.calculate(&rows.view(), stamps));

chunked!(ReconstructionDrift, Features, ColumnBuffer, ReconstructionRow, saved: plain,
    buffer: |me, data| {
        me.check_columns(data)?;
        ColumnBuffer::copy(data, &me.column_names())
    },
    analyse: |me, rows, stamps| me.calculate(&rows.view(), stamps));

chunked!(DomainClassifier, Features, ColumnBuffer, DomainClassifierRow, saved: plain,
    buffer: |me, data| {
        me.check_columns(data)?;
        ColumnBuffer::copy(data, &me.feature_names())
    },
    analyse: |me, rows, stamps| me.calculate(&rows.view(), stamps));

chunked!(Cbpe, BinaryOutputs, BinaryBuffer, EstimatedRow, saved: own,
    buffer: |_me, data| BinaryBuffer::copy(data),
    analyse: |me, rows, stamps| me.estimate(rows.view(), stamps));

chunked!(RealizedPerformance, BinaryOutputs, BinaryBuffer, RealizedRow, saved: own,
    buffer: |_me, data| {
        needs_targets(data.y_true.is_some())?;
        BinaryBuffer::copy(data)
    },
    analyse: |me, rows, stamps| me.calculate(rows.view(), stamps));

chunked!(MulticlassCbpe, MulticlassOutputs, MulticlassBuffer, EstimatedRow, saved: own,
buffer: |me, data| {
    same_classes(data.classes, me.classes())?;
    MulticlassBuffer::copy(data)
},
analyse: |me, rows, stamps| {
    let probabilities = rows.probabilities();
    me.estimate(rows.view(&probabilities), stamps)
});

chunked!(MulticlassPerformance, MulticlassOutputs, MulticlassBuffer, RealizedRow, saved: own,
buffer: |me, data| {
    needs_targets(data.y_true.is_some())?;
    same_classes(data.classes, me.classes())?;
    MulticlassBuffer::copy(data)
},
analyse: |me, rows, stamps| {
    let probabilities = rows.probabilities();
    me.calculate(rows.view(&probabilities), stamps)
});

chunked!(RegressionPerformance, RegressionOutputs, RegressionBuffer, RegressionRow, saved: own,
    buffer: |me, data| {
        me.check_outputs(data)?;
        Ok(RegressionBuffer::copy(data))
    },
    analyse: |me, rows, stamps| me.calculate(rows.view(), stamps));

chunked!(Dle, FeaturesAndOutputs, FeatureOutputBuffer, DleRow, saved: own,
    buffer: |me, data| {
        let (features, outputs) = data;
        me.check_batch(features, outputs)?;
        Ok(FeatureOutputBuffer {
            features: ColumnBuffer::copy(features, &me.feature_names())?,
            outputs: RegressionBuffer::copy(outputs),
        })
    },
    analyse: |me, rows, stamps| me.estimate(&rows.features.view(), rows.outputs.view(), stamps));

fn needs_targets(given: bool) -> Result<(), DriftError> {
    if given {
        Ok(())
    } else {
        Err(DriftError::Undefined(
            "realized performance needs targets (y_true)".into(),
        ))
    }
}

fn same_classes(given: &[String], fitted: &[String]) -> Result<(), DriftError> {
    if given == fitted {
        Ok(())
    } else {
        Err(DriftError::Undefined(format!(
            "the data's classes {given:?} are not the fitted classes {fitted:?}"
        )))
    }
}

/// A monitor of univariate drift per column.
pub type UnivariateMonitor = ChunkMonitor<UnivariateDrift>;
/// A monitor of PCA reconstruction drift.
pub type ReconstructionMonitor = ChunkMonitor<ReconstructionDrift>;
/// A monitor of domain-classifier drift.
pub type DomainClassifierMonitor = ChunkMonitor<DomainClassifier>;
/// A monitor of a binary classifier's estimated performance.
pub type CbpeMonitor = ChunkMonitor<Cbpe>;
/// A monitor of a binary classifier's realized performance.
pub type RealizedMonitor = ChunkMonitor<RealizedPerformance>;
/// A monitor of a multiclass classifier's estimated performance.
pub type MulticlassCbpeMonitor = ChunkMonitor<MulticlassCbpe>;
/// A monitor of a multiclass classifier's realized performance.
pub type MulticlassRealizedMonitor = ChunkMonitor<MulticlassPerformance>;
/// A monitor of a regression model's realized performance.
pub type RegressionMonitor = ChunkMonitor<RegressionPerformance>;
/// A monitor of a regression model's estimated performance (DLE).
pub type DleMonitor = ChunkMonitor<Dle>;
