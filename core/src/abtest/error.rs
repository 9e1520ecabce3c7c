use crate::ErrorCode;
use crate::stats::StatsError;

/// Why an [`abtest`](crate::abtest) function refused its input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AbtestError {
    /// A count or size that cannot be: negative, zero trials, more successes than trials.
    #[error("{0}")]
    InvalidCount(String),
    /// Options that contradict each other or leave something out.
    #[error("{0}")]
    Options(String),
    /// A probability-like setting outside its range (confidence, alpha, power, p-values).
    #[error("{argument} = {value} must lie in {range}")]
    OutOfRange {
        /// The argument's name.
        argument: &'static str,
        /// The bad value.
        value: f64,
        /// The allowed range, e.g. `(0, 1)`.
        range: &'static str,
    },
    /// A string option that is not one of the accepted names.
    #[error("{argument} {value:?} is unknown; expected {expected}")]
    UnknownOption {
        /// The option's name.
        argument: &'static str,
        /// What was given.
        value: String,
        /// The accepted names.
        expected: &'static str,
    },
    /// Too few observations for the statistic.
    #[error("{argument} needs at least {needed} values, got {got}")]
    TooFew {
        /// The argument's name.
        argument: &'static str,
        /// The minimum.
        needed: usize,
        /// What was given.
        got: usize,
    },
    /// Arrays that must pair up have different lengths.
    #[error("{first} has {first_len} values but {second} has {second_len}")]
    LengthMismatch {
        /// First argument's name.
        first: &'static str,
        /// Its length.
        first_len: usize,
        /// Second argument's name.
        second: &'static str,
        /// Its length.
        second_len: usize,
    },
    /// The statistic is undefined for these data (e.g. no variance in either group).
    #[error("{0}")]
    Undefined(String),
    /// Bad values in a data array (NaN, infinity, empty).
    #[error(transparent)]
    Data(#[from] StatsError),
    /// A count outside its documented [`limits`](crate::limits).
    #[error(transparent)]
    Limit(#[from] crate::limits::LimitError),
}

impl AbtestError {
    /// The stable category of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            AbtestError::Limit(_) => ErrorCode::LimitExceeded,
            _ => ErrorCode::InvalidInput,
        }
    }
}
