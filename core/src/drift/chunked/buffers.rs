//! The owned rows a [`super::ChunkMonitor`] holds between batches: named feature columns, or
//! a binary classifier's outputs. Missing numbers save as JSON `null`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::monitor::RowBuffer;
use crate::drift::estimation::{BinaryOutputs, MulticlassOutputs, RegressionOutputs};
use crate::drift::{Column, ColumnValues, DriftError};

/// Numbers with NaN (and ±∞, which the column readers count as missing too) as `null`.
mod missing_as_null {
    use super::*;

    pub fn serialize<S: Serializer>(values: &[f64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(values.iter().map(|v| v.is_finite().then_some(*v)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let values: Vec<Option<f64>> = Vec::deserialize(d)?;
        Ok(values.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Values {
    Numbers(#[serde(with = "missing_as_null")] Vec<f64>),
    Labels(Vec<Option<String>>),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Numbers(v) => v.len(),
            Values::Labels(v) => v.len(),
        }
    }

    fn same_kind(&self, other: &Values) -> bool {
        matches!(
            (self, other),
            (Values::Numbers(_), Values::Numbers(_)) | (Values::Labels(_), Values::Labels(_))
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Buffered {
    name: String,
    categorical: bool,
    values: Values,
}

/// Named columns, owned: the rows of a column-reading calculator's open chunk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnBuffer {
    columns: Vec<Buffered>,
}

impl ColumnBuffer {
    /// The columns of `data` named in `names`, in that order, copied.
    pub(crate) fn copy(data: &[Column<'_>], names: &[&str]) -> Result<Self, DriftError> {
        let columns = names
            .iter()
            .map(|&name| {
                let column = data.iter().find(|c| c.name == name).ok_or_else(|| {
                    DriftError::Undefined(format!("the data has no column {name:?}"))
                })?;
                Ok(Buffered {
                    name: name.to_owned(),
                    categorical: column.categorical,
                    values: match column.values {
                        ColumnValues::Numbers(x) => Values::Numbers(x.to_vec()),
                        ColumnValues::Labels(l) => Values::Labels(l.to_vec()),
                    },
                })
            })
            .collect::<Result<Vec<_>, DriftError>>()?;
        Ok(ColumnBuffer { columns })
    }

    /// The columns, borrowed as calculators read them.
    pub(crate) fn view(&self) -> Vec<Column<'_>> {
        self.columns
            .iter()
            .map(|c| Column {
                name: &c.name,
                categorical: c.categorical,
                values: match &c.values {
                    Values::Numbers(x) => ColumnValues::Numbers(x),
                    Values::Labels(l) => ColumnValues::Labels(l),
                },
            })
            .collect()
    }
}

impl RowBuffer for ColumnBuffer {
    fn len(&self) -> usize {
        self.columns.first().map_or(0, |c| c.values.len())
    }

    fn append(&mut self, other: &Self) -> Result<(), DriftError> {
        if self.columns.is_empty() {
            self.columns = other.columns.clone();
            return Ok(());
        }
        for (mine, theirs) in self.columns.iter().zip(&other.columns) {
            if mine.name != theirs.name
                || mine.categorical != theirs.categorical
                || !mine.values.same_kind(&theirs.values)
            {
                return Err(DriftError::Undefined(format!(
                    "column {:?} changed kind between batches (numbers, labels or categorical \
                     codes)",
                    mine.name
                )));
            }
        }
        for (mine, theirs) in self.columns.iter_mut().zip(&other.columns) {
            match (&mut mine.values, &theirs.values) {
                (Values::Numbers(a), Values::Numbers(b)) => a.extend_from_slice(b),
                (Values::Labels(a), Values::Labels(b)) => a.extend_from_slice(b),
                _ => unreachable!("kinds checked"),
            }
        }
        Ok(())
    }

    fn truncate(&mut self, len: usize) {
        for c in &mut self.columns {
            match &mut c.values {
                Values::Numbers(v) => v.truncate(len),
                Values::Labels(v) => v.truncate(len),
            }
        }
    }

    fn gather(&self, positions: &[usize]) -> Self {
        let columns = self
            .columns
            .iter()
            .map(|c| Buffered {
                name: c.name.clone(),
                categorical: c.categorical,
                values: match &c.values {
                    Values::Numbers(v) => {
                        Values::Numbers(positions.iter().map(|&i| v[i]).collect())
                    }
                    Values::Labels(v) => {
                        Values::Labels(positions.iter().map(|&i| v[i].clone()).collect())
                    }
                },
            })
            .collect();
        ColumnBuffer { columns }
    }

    fn retain(&mut self, keep: &[bool]) {
        for c in &mut self.columns {
            match &mut c.values {
                Values::Numbers(v) => retain_flagged(v, keep),
                Values::Labels(v) => retain_flagged(v, keep),
            }
        }
    }

    fn is_consistent(&self) -> bool {
        let n = self.len();
        self.columns.iter().all(|c| c.values.len() == n)
    }
}

fn retain_flagged<T>(values: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    values.retain(|_| *flags.next().unwrap_or(&true));
}

/// A binary classifier's outputs, owned: scores, predicted labels and targets (NaN where not
/// known; `targets` says whether any batch brought a target column).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BinaryBuffer {
    y_pred_proba: Vec<f64>,
    y_pred: Vec<f64>,
    #[serde(with = "missing_as_null")]
    y_true: Vec<f64>,
    targets: bool,
}

impl BinaryBuffer {
    /// The outputs, checked as an analysis is (targets optional) and copied.
    pub(crate) fn copy(data: BinaryOutputs<'_>) -> Result<Self, DriftError> {
        let n = data.check(false)?;
        Ok(BinaryBuffer {
            y_pred_proba: data.y_pred_proba.to_vec(),
            y_pred: data.y_pred.to_vec(),
            y_true: data
                .y_true
                .map_or_else(|| vec![f64::NAN; n], <[f64]>::to_vec),
            targets: data.y_true.is_some(),
        })
    }

    /// The outputs, borrowed as calculators read them.
    pub(crate) fn view(&self) -> BinaryOutputs<'_> {
        BinaryOutputs {
            y_pred_proba: &self.y_pred_proba,
            y_pred: &self.y_pred,
            y_true: self.targets.then_some(&self.y_true[..]),
        }
    }
}

impl RowBuffer for BinaryBuffer {
    fn len(&self) -> usize {
        self.y_pred_proba.len()
    }

    fn append(&mut self, other: &Self) -> Result<(), DriftError> {
        self.y_pred_proba.extend_from_slice(&other.y_pred_proba);
        self.y_pred.extend_from_slice(&other.y_pred);
        self.y_true.extend_from_slice(&other.y_true);
        self.targets |= other.targets;
        Ok(())
    }

    fn truncate(&mut self, len: usize) {
        self.y_pred_proba.truncate(len);
        self.y_pred.truncate(len);
        self.y_true.truncate(len);
        self.targets &= !self.y_true.iter().all(|t| t.is_nan());
    }

    fn gather(&self, positions: &[usize]) -> Self {
        let pick = |v: &[f64]| positions.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        BinaryBuffer {
            y_pred_proba: pick(&self.y_pred_proba),
            y_pred: pick(&self.y_pred),
            y_true: pick(&self.y_true),
            targets: self.targets,
        }
    }

    fn retain(&mut self, keep: &[bool]) {
        retain_flagged(&mut self.y_pred_proba, keep);
        retain_flagged(&mut self.y_pred, keep);
        retain_flagged(&mut self.y_true, keep);
    }

    fn is_consistent(&self) -> bool {
        let n = self.len();
        let binary = |v: f64| v == 0.0 || v == 1.0;
        self.y_pred.len() == n
            && self.y_true.len() == n
            && self.y_pred_proba.iter().all(|p| (0.0..=1.0).contains(p))
            && self.y_pred.iter().all(|&v| binary(v))
            && self.y_true.iter().all(|&v| binary(v) || v.is_nan())
    }
}

/// A multiclass classifier's outputs, owned: one probability column per class, predicted and
/// true class indexes (NaN where a target is not known).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MulticlassBuffer {
    classes: Vec<String>,
    y_pred_proba: Vec<Vec<f64>>,
    y_pred: Vec<f64>,
    #[serde(with = "missing_as_null")]
    y_true: Vec<f64>,
    targets: bool,
}

impl MulticlassBuffer {
    /// The outputs, checked as an analysis is (targets optional) and copied.
    pub(crate) fn copy(data: MulticlassOutputs<'_>) -> Result<Self, DriftError> {
        let n = data.check(false)?;
        Ok(MulticlassBuffer {
            classes: data.classes.to_vec(),
            y_pred_proba: data.y_pred_proba.iter().map(|c| c.to_vec()).collect(),
            y_pred: data.y_pred.to_vec(),
            y_true: data
                .y_true
                .map_or_else(|| vec![f64::NAN; n], <[f64]>::to_vec),
            targets: data.y_true.is_some(),
        })
    }

    /// The probability columns, borrowed (for [`MulticlassBuffer::view`]).
    pub(crate) fn probabilities(&self) -> Vec<&[f64]> {
        self.y_pred_proba.iter().map(Vec::as_slice).collect()
    }

    /// The outputs, borrowed as calculators read them.
    pub(crate) fn view<'a>(&'a self, probabilities: &'a [&'a [f64]]) -> MulticlassOutputs<'a> {
        MulticlassOutputs {
            classes: &self.classes,
            y_pred_proba: probabilities,
            y_pred: &self.y_pred,
            y_true: self.targets.then_some(&self.y_true[..]),
        }
    }
}

impl RowBuffer for MulticlassBuffer {
    fn len(&self) -> usize {
        self.y_pred.len()
    }

    fn append(&mut self, other: &Self) -> Result<(), DriftError> {
        if self.classes.is_empty() {
            *self = other.clone();
            return Ok(());
        }
        if self.classes != other.classes {
            return Err(DriftError::Undefined(format!(
                "the batch's classes {:?} are not the stream's {:?}",
                other.classes, self.classes
            )));
        }
        for (mine, theirs) in self.y_pred_proba.iter_mut().zip(&other.y_pred_proba) {
            mine.extend_from_slice(theirs);
        }
        self.y_pred.extend_from_slice(&other.y_pred);
        self.y_true.extend_from_slice(&other.y_true);
        self.targets |= other.targets;
        Ok(())
    }

    fn truncate(&mut self, len: usize) {
        for c in &mut self.y_pred_proba {
            c.truncate(len);
        }
        self.y_pred.truncate(len);
        self.y_true.truncate(len);
        self.targets &= !self.y_true.iter().all(|t| t.is_nan());
    }

    fn gather(&self, positions: &[usize]) -> Self {
        let pick = |v: &[f64]| positions.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        MulticlassBuffer {
            classes: self.classes.clone(),
            y_pred_proba: self.y_pred_proba.iter().map(|c| pick(c)).collect(),
            y_pred: pick(&self.y_pred),
            y_true: pick(&self.y_true),
            targets: self.targets,
        }
    }

    fn retain(&mut self, keep: &[bool]) {
        for c in &mut self.y_pred_proba {
            retain_flagged(c, keep);
        }
        retain_flagged(&mut self.y_pred, keep);
        retain_flagged(&mut self.y_true, keep);
    }

    fn is_consistent(&self) -> bool {
        let n = self.len();
        self.y_pred_proba.len() == self.classes.len()
            && self.y_pred_proba.iter().all(|c| c.len() == n)
            && self.y_true.len() == n
    }
}

/// A regression model's outputs, owned: predictions and targets (NaN where not known).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegressionBuffer {
    #[serde(with = "missing_as_null")]
    y_pred: Vec<f64>,
    #[serde(with = "missing_as_null")]
    y_true: Vec<f64>,
    targets: bool,
}

impl RegressionBuffer {
    /// The outputs, copied (the calculator checks them first).
    pub(crate) fn copy(data: RegressionOutputs<'_>) -> Self {
        RegressionBuffer {
            y_pred: data.y_pred.to_vec(),
            y_true: data
                .y_true
                .map_or_else(|| vec![f64::NAN; data.y_pred.len()], <[f64]>::to_vec),
            targets: data.y_true.is_some(),
        }
    }

    /// The outputs, borrowed as calculators read them.
    pub(crate) fn view(&self) -> RegressionOutputs<'_> {
        RegressionOutputs {
            y_pred: &self.y_pred,
            y_true: self.targets.then_some(&self.y_true[..]),
        }
    }
}

impl RowBuffer for RegressionBuffer {
    fn len(&self) -> usize {
        self.y_pred.len()
    }

    fn append(&mut self, other: &Self) -> Result<(), DriftError> {
        self.y_pred.extend_from_slice(&other.y_pred);
        self.y_true.extend_from_slice(&other.y_true);
        self.targets |= other.targets;
        Ok(())
    }

    fn truncate(&mut self, len: usize) {
        self.y_pred.truncate(len);
        self.y_true.truncate(len);
        self.targets &= !self.y_true.iter().all(|t| t.is_nan());
    }

    fn gather(&self, positions: &[usize]) -> Self {
        let pick = |v: &[f64]| positions.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        RegressionBuffer {
            y_pred: pick(&self.y_pred),
            y_true: pick(&self.y_true),
            targets: self.targets,
        }
    }

    fn retain(&mut self, keep: &[bool]) {
        retain_flagged(&mut self.y_pred, keep);
        retain_flagged(&mut self.y_true, keep);
    }

    fn is_consistent(&self) -> bool {
        self.y_true.len() == self.y_pred.len()
    }
}

/// Feature columns with a regression model's outputs (DLE's batches).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeatureOutputBuffer {
    pub(crate) features: ColumnBuffer,
    pub(crate) outputs: RegressionBuffer,
}

impl RowBuffer for FeatureOutputBuffer {
    fn len(&self) -> usize {
        self.outputs.len()
    }

    fn append(&mut self, other: &Self) -> Result<(), DriftError> {
        self.features.append(&other.features)?;
        self.outputs.append(&other.outputs)
    }

    fn truncate(&mut self, len: usize) {
        self.features.truncate(len);
        self.outputs.truncate(len);
    }

    fn gather(&self, positions: &[usize]) -> Self {
        FeatureOutputBuffer {
            features: self.features.gather(positions),
            outputs: self.outputs.gather(positions),
        }
    }

    fn retain(&mut self, keep: &[bool]) {
        self.features.retain(keep);
        self.outputs.retain(keep);
    }

    fn is_consistent(&self) -> bool {
        self.features.is_consistent()
            && self.outputs.is_consistent()
            && self.features.len() == self.outputs.len()
    }
}
