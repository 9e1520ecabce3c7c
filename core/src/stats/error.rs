use crate::ErrorCode;

/// Why a [`stats`](crate::stats) function refused its input.
///
/// Messages name the argument and the first offending position so a caller can fix the data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// No values to summarise (after dropping NaNs when `nan_policy` is `omit`).
    #[error("{argument} is empty{detail}")]
    Empty {
        /// The argument's name.
        argument: &'static str,
        /// Extra context, e.g. that every value was NaN.
        detail: &'static str,
    },
    /// A NaN where `nan_policy` is `raise`.
    #[error(
        "{argument}[{index}] is NaN; clean the data or set the NaN policy to \"omit\" to skip missing values"
    )]
    NaN {
        /// The argument's name.
        argument: &'static str,
        /// Position of the first NaN.
        index: usize,
    },
    /// An infinite value (never allowed: it has no mean or variance).
    #[error("{argument}[{index}] is {value}; only finite values can be summarised")]
    Infinite {
        /// The argument's name.
        argument: &'static str,
        /// Position of the first infinite value.
        index: usize,
        /// The value itself (`inf` or `-inf`).
        value: f64,
    },
    /// Finite values whose sums or powers exceed the range of `f64`.
    #[error(
        "{argument} overflows f64 when its {what} is computed (values too large in magnitude); rescale the data"
    )]
    Overflow {
        /// The argument's name.
        argument: &'static str,
        /// Which quantity overflowed.
        what: &'static str,
    },
    /// A quantile probability outside `[0, 1]` or not a number.
    #[error("quantiles[{index}] = {value} is not a probability in [0, 1]")]
    InvalidProbability {
        /// Position in the requested probabilities.
        index: usize,
        /// The bad probability.
        value: f64,
    },
    /// A `nan_policy` string that is not `raise` or `omit`.
    #[error("NaN policy {0:?} is unknown; expected \"raise\" or \"omit\"")]
    UnknownNanPolicy(String),
}

impl StatsError {
    /// The stable category of this error.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidInput
    }
}
