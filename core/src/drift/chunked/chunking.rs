//! Splitting rows into chunks, as NannyML's chunkers do: by size, by count, by calendar period
//! of a timestamp column, or into about ten chunks by default. Rows are ordered by timestamp
//! first when one is given.

use serde::{Deserialize, Serialize};

use super::calendar::{self, CalendarPeriod};
use crate::drift::DriftError;
use crate::limits::{LimitError, MAX_WINDOW, check_count};

/// What to do with the rows left over after the last full chunk of a size or count split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Incomplete {
    /// They form a last, smaller chunk (NannyML's default).
    #[default]
    Keep,
    /// They are left out.
    Drop,
    /// They join the last full chunk.
    Append,
}

/// How rows are split into chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum Chunking {
    /// Chunks of `size` consecutive rows.
    Size {
        /// Rows per chunk.
        size: usize,
        /// The leftover rows.
        incomplete: Incomplete,
    },
    /// `number` chunks of `rows / number` rows each.
    Number {
        /// How many chunks.
        number: usize,
        /// The leftover rows.
        incomplete: Incomplete,
    },
    /// One chunk per calendar period of the timestamps.
    Period {
        /// The period.
        period: CalendarPeriod,
    },
    /// NannyML's default: ten chunks of `rows / 10` rows, the leftover kept.
    Default,
}

impl Chunking {
    /// The chunking NannyML's `chunk_size` / `chunk_number` / `chunk_period` arguments ask
    /// for; at most one may be given (NannyML silently takes the first).
    ///
    /// ```
    /// use edgekit::drift::{Chunking, Incomplete};
    ///
    /// let c = Chunking::from_arguments(Some(5000), None, None, Incomplete::Keep)?;
    /// assert_eq!(c, Chunking::Size { size: 5000, incomplete: Incomplete::Keep });
    /// assert!(Chunking::from_arguments(Some(10), Some(3), None, Incomplete::Keep).is_err());
    /// # Ok::<(), edgekit::drift::DriftError>(())
    /// ```
    pub fn from_arguments(
        chunk_size: Option<u64>,
        chunk_number: Option<u64>,
        chunk_period: Option<CalendarPeriod>,
        incomplete: Incomplete,
    ) -> Result<Self, DriftError> {
        let given = [
            chunk_size.is_some(),
            chunk_number.is_some(),
            chunk_period.is_some(),
        ];
        if given.iter().filter(|&&g| g).count() > 1 {
            return Err(DriftError::Undefined(
                "give at most one of chunk_size, chunk_number and chunk_period".into(),
            ));
        }
        Ok(match (chunk_size, chunk_number, chunk_period) {
            (Some(size), _, _) => Chunking::Size {
                size: check_count("chunk_size", size, 1, MAX_WINDOW)?,
                incomplete,
            },
            (_, Some(number), _) => Chunking::Number {
                number: check_count("chunk_number", number, 1, MAX_WINDOW)?,
                incomplete,
            },
            (_, _, Some(period)) => Chunking::Period { period },
            _ => Chunking::Default,
        })
    }
}

/// One chunk: rows `start_index..=end_index` of the data in timestamp order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct Chunk {
    /// NannyML's key: `[start:end]` for size and count chunks, the period's label otherwise.
    pub key: String,
    /// Position among the chunks.
    pub chunk_index: usize,
    /// First row (in timestamp order).
    pub start_index: usize,
    /// Last row, inclusive.
    pub end_index: usize,
    /// First timestamp (ns since the epoch): the chunk's earliest row, or its period's start.
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub start_date: Option<i64>,
    /// Last timestamp: the chunk's latest row, or its period's last nanosecond.
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub end_date: Option<i64>,
}

impl Chunk {
    /// The chunk's rows, as positions in timestamp order.
    pub fn rows(&self) -> std::ops::Range<usize> {
        self.start_index..self.end_index + 1
    }

    /// Rows in the chunk.
    pub fn len(&self) -> usize {
        self.end_index + 1 - self.start_index
    }

    /// Never true: a chunk holds at least one row.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// Rows split into chunks: `order[i]` is the input row at position `i` of timestamp order
/// (`None` when the rows are already in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkPlan {
    /// Input row of each ordered position, when a timestamp reorders the rows.
    pub order: Option<Vec<usize>>,
    /// The chunks, in order.
    pub chunks: Vec<Chunk>,
}

impl ChunkPlan {
    /// The input row at ordered position `position`.
    pub fn row(&self, position: usize) -> usize {
        self.order.as_ref().map_or(position, |o| o[position])
    }
}

/// Splits `rows` rows (with their `timestamps` in ns since the epoch, if any) into chunks.
///
/// Rows are put in timestamp order first (a stable sort: equal timestamps keep their input
/// order). Period chunking needs timestamps.
///
/// ```
/// use edgekit::drift::{Chunking, Incomplete, split_chunks};
///
/// let plan = split_chunks(10, None, Chunking::Size { size: 4, incomplete: Incomplete::Append })?;
/// let keys: Vec<_> = plan.chunks.iter().map(|c| c.key.as_str()).collect();
/// assert_eq!(keys, ["[0:3]", "[4:9]"]);
/// # Ok::<(), edgekit::drift::DriftError>(())
/// ```
pub fn split_chunks(
    rows: usize,
    timestamps: Option<&[i64]>,
    chunking: Chunking,
) -> Result<ChunkPlan, DriftError> {
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
    if rows == 0 {
        return Err(DriftError::Empty { argument: "data" });
    }
    let order = timestamps.and_then(|t| {
        if t.windows(2).all(|w| w[0] <= w[1]) {
            return None;
        }
        let mut order: Vec<usize> = (0..rows).collect();
        order.sort_by_key(|&i| t[i]);
        Some(order)
    });
    let sorted =
        |position: usize| timestamps.map(|t| t[order.as_ref().map_or(position, |o| o[position])]);
    let chunks = match chunking {
        Chunking::Size { size, incomplete } => by_size(rows, size, incomplete, &sorted)?,
        Chunking::Number { number, incomplete } => {
            let size = rows / number;
            if size == 0 {
                return Err(too_many_chunks("chunk_number", number, rows));
            }
            by_size(rows, size, incomplete, &sorted)?
        }
        Chunking::Default => {
            let size = rows / 10;
            if size == 0 {
                return Err(DriftError::TooFew {
                    argument: "data (default chunking makes ten chunks)",
                    needed: 10,
                    got: rows,
                });
            }
            by_size(rows, size, Incomplete::Keep, &sorted)?
        }
        Chunking::Period { period } => {
            let Some(_) = timestamps else {
                return Err(DriftError::Undefined(
                    "chunk_period needs a timestamp column".into(),
                ));
            };
            by_period(rows, period, &|p| sorted(p).unwrap_or_default())
        }
    };
    Ok(ChunkPlan { order, chunks })
}

fn too_many_chunks(argument: &'static str, chunks: usize, rows: usize) -> DriftError {
    LimitError::new(argument, chunks, 1, rows as u64).into()
}

fn by_size(
    rows: usize,
    size: usize,
    incomplete: Incomplete,
    timestamp: &dyn Fn(usize) -> Option<i64>,
) -> Result<Vec<Chunk>, DriftError> {
    let make = |start: usize, end: usize| {
        // Timestamps are sorted, so the first and last rows hold the chunk's extremes.
        Chunk {
            key: format!("[{start}:{end}]"),
            chunk_index: 0,
            start_index: start,
            end_index: end,
            start_date: timestamp(start),
            end_date: timestamp(end),
        }
    };
    let full = rows / size;
    let mut chunks: Vec<Chunk> = (0..full)
        .map(|i| make(i * size, (i + 1) * size - 1))
        .collect();
    if full * size < rows {
        match incomplete {
            Incomplete::Keep => chunks.push(make(full * size, rows - 1)),
            Incomplete::Drop => {}
            Incomplete::Append => match chunks.last_mut() {
                Some(last) => *last = make(last.start_index, rows - 1),
                None => chunks.push(make(0, rows - 1)),
            },
        }
    }
    if chunks.is_empty() {
        return Err(too_many_chunks("chunk_size", size, rows));
    }
    for (i, c) in chunks.iter_mut().enumerate() {
        c.chunk_index = i;
    }
    Ok(chunks)
}

fn by_period(rows: usize, period: CalendarPeriod, timestamp: &dyn Fn(usize) -> i64) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut start = 0;
    while start < rows {
        let ordinal = calendar::ordinal(period, timestamp(start));
        let mut end = start;
        while end + 1 < rows && calendar::ordinal(period, timestamp(end + 1)) == ordinal {
            end += 1;
        }
        chunks.push(Chunk {
            key: calendar::label(period, ordinal),
            chunk_index: chunks.len(),
            start_index: start,
            end_index: end,
            start_date: Some(calendar::start(period, ordinal)),
            end_date: Some(calendar::end(period, ordinal)),
        });
        start = end + 1;
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(plan: &ChunkPlan) -> Vec<String> {
        plan.chunks.iter().map(|c| c.key.clone()).collect()
    }

    #[test]
    fn size_chunks_handle_the_leftover_three_ways() {
        let split = |incomplete| {
            split_chunks(
                7,
                None,
                Chunking::Size {
                    size: 3,
                    incomplete,
                },
            )
        };
        assert_eq!(
            keys(&split(Incomplete::Keep).unwrap()),
            ["[0:2]", "[3:5]", "[6:6]"]
        );
        assert_eq!(keys(&split(Incomplete::Drop).unwrap()), ["[0:2]", "[3:5]"]);
        assert_eq!(
            keys(&split(Incomplete::Append).unwrap()),
            ["[0:2]", "[3:6]"]
        );
    }

    #[test]
    fn count_and_default_chunks_use_the_floor_size() {
        let plan = split_chunks(
            23,
            None,
            Chunking::Number {
                number: 5,
                incomplete: Incomplete::Keep,
            },
        );
        assert_eq!(plan.unwrap().chunks.len(), 6);
        let plan = split_chunks(105, None, Chunking::Default).unwrap();
        assert_eq!(plan.chunks.len(), 11);
        assert!(split_chunks(9, None, Chunking::Default).is_err());
        assert!(
            split_chunks(
                3,
                None,
                Chunking::Number {
                    number: 4,
                    incomplete: Incomplete::Keep
                }
            )
            .is_err()
        );
    }

    #[test]
    fn rows_are_put_in_timestamp_order() {
        let day = 86_400_000_000_000;
        let t = [3 * day, day, 2 * day + 5, 40 * day];
        let plan = split_chunks(
            4,
            Some(&t),
            Chunking::Period {
                period: CalendarPeriod::Month,
            },
        )
        .unwrap();
        assert_eq!(plan.order, Some(vec![1, 2, 0, 3]));
        assert_eq!(keys(&plan), ["1970-01", "1970-02"]);
        assert_eq!(plan.chunks[0].rows(), 0..3);
        assert_eq!(plan.chunks[1].start_date, Some(31 * day));
        let sized = split_chunks(
            4,
            Some(&t),
            Chunking::Size {
                size: 2,
                incomplete: Incomplete::Keep,
            },
        )
        .unwrap();
        assert_eq!(sized.chunks[0].start_date, Some(day));
        assert_eq!(sized.chunks[0].end_date, Some(2 * day + 5));
    }

    #[test]
    fn at_most_one_chunking_argument() {
        assert!(
            Chunking::from_arguments(None, Some(2), Some(CalendarPeriod::Day), Incomplete::Keep)
                .is_err()
        );
        assert!(Chunking::from_arguments(Some(0), None, None, Incomplete::Keep).is_err());
        assert_eq!(
            Chunking::from_arguments(None, None, None, Incomplete::Drop).unwrap(),
            Chunking::Default
        );
    }
}
