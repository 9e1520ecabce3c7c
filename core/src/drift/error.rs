use crate::ErrorCode;

/// Why a [`drift`](crate::drift) function refused its input.
///
/// Messages name the argument (and the first offending position) so a caller can fix the data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DriftError {
    /// A sample with no values.
    #[error("{argument} is empty; drift needs at least one value in each sample")]
    Empty {
        /// The argument's name.
        argument: &'static str,
    },
    /// A NaN or infinite value where only finite numbers are accepted.
    #[error(
        "{argument}[{index}] is {value}; drift tests need finite values (report missing values separately)"
    )]
    NotFinite {
        /// The argument's name.
        argument: &'static str,
        /// Position of the first bad value.
        index: usize,
        /// The value itself.
        value: f64,
    },
    /// Too few values for the statistic.
    #[error("{argument} needs at least {needed} values, got {got}")]
    TooFew {
        /// The argument's name.
        argument: &'static str,
        /// The minimum.
        needed: usize,
        /// What was given.
        got: usize,
    },
    /// A numeric option outside its range.
    #[error("{argument} = {value} must lie in {range}")]
    OutOfRange {
        /// The option's name.
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
    /// The statistic is undefined for these data (e.g. both samples constant).
    #[error("{0}")]
    Undefined(String),
    /// A count outside its documented [`limits`](crate::limits).
    #[error(transparent)]
    Limit(#[from] crate::limits::LimitError),
}

impl DriftError {
    /// The stable category of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            DriftError::Limit(_) => ErrorCode::LimitExceeded,
            _ => ErrorCode::InvalidInput,
        }
    }
}
