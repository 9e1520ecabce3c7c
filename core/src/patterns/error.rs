use crate::ErrorCode;

/// Why a [`patterns`](crate::patterns) function refused its input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PatternError {
    /// Columns that must pair up have different lengths.
    #[error("{first} has {first_len} values but {second} has {second_len}")]
    LengthMismatch {
        /// First column's name.
        first: &'static str,
        /// Its length.
        first_len: usize,
        /// Second column's name.
        second: &'static str,
        /// Its length.
        second_len: usize,
    },
    /// A value that is NaN or infinite.
    #[error("{column}[{row}] is {value}: bars must be finite")]
    NotFinite {
        /// The column.
        column: &'static str,
        /// The row.
        row: usize,
        /// The value.
        value: f64,
    },
    /// A bar whose high, low, open and close contradict each other.
    #[error("bar {row}: {reason}")]
    InvalidBar {
        /// The row.
        row: usize,
        /// What is wrong, with the values.
        reason: String,
    },
    /// An option outside its range (a period of 0, ...).
    #[error("{argument} = {value} must be {range}")]
    OutOfRange {
        /// The option's name.
        argument: &'static str,
        /// The bad value.
        value: f64,
        /// The allowed range.
        range: &'static str,
    },
    /// A timeframe string that is not understood.
    #[error(
        "timeframe {0:?} is unknown; expected e.g. \"1m\", \"5m\", \"1h\", \"4h\", \"1d\", \"1w\""
    )]
    UnknownTimeframe(String),
    /// A computation that needs volume got bars without it.
    #[error("these bars have no volume; VWAP needs it")]
    MissingVolume,
    /// A game file row that cannot be read.
    #[error("game file line {line}: {reason}")]
    InvalidGame {
        /// 1-based line in the file.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A game given as columns that cannot be used.
    #[error("game row {row}: {reason}")]
    InvalidGameRow {
        /// 0-based row.
        row: usize,
        /// What is wrong.
        reason: String,
    },
    /// A system filter that cannot be parsed.
    #[error("filter {filter:?}: {reason}")]
    InvalidFilter {
        /// The filter text.
        filter: String,
        /// What is wrong.
        reason: String,
    },
    /// A pattern name that is not known.
    #[error("unknown candle pattern {0:?}; see edgekit::patterns::CANDLE_PATTERNS")]
    UnknownPattern(String),
    /// A candle setting name (or range type) TA-Lib does not have.
    #[error("candle setting {0} is unknown; see edgekit::patterns::CANDLE_SETTING_NAMES")]
    UnknownSetting(String),
    /// A per-game series the change-point search refused (empty, NaN, bad options).
    #[error("{0}")]
    InvalidSeries(String),
    /// A count outside its documented [`limits`](crate::limits).
    #[error(transparent)]
    Limit(#[from] crate::limits::LimitError),
}

impl PatternError {
    /// The stable category of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            PatternError::Limit(_) => ErrorCode::LimitExceeded,
            _ => ErrorCode::InvalidInput,
        }
    }
}
