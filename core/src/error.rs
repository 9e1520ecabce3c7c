#[cfg(feature = "abtest")]
use crate::abtest::AbtestError;
use crate::contract::OptionsError;
#[cfg(feature = "drift")]
use crate::drift::DriftError;
use crate::limits::LimitError;
#[cfg(feature = "lineup")]
use crate::lineup::LineupError;
#[cfg(feature = "ltp")]
use crate::ltp::LtpError;
#[cfg(feature = "patterns")]
use crate::patterns::PatternError;
use crate::state::StateError;
use crate::stats::StatsError;

/// Any error an edgekit engine can report.
///
/// Each engine keeps its own enum; this one wraps them so a service can hold one error type,
/// and [`Error::code`] gives the stable code the Python and Node faces expose.
///
/// ```
/// use edgekit::{stats, Error, ErrorCode};
///
/// let err: Error = stats::describe(&[], &Default::default()).unwrap_err().into();
/// assert_eq!(err.code(), ErrorCode::InvalidInput);
/// assert_eq!(err.code().as_str(), "EDGEKIT_INVALID_INPUT");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error from the [`stats`](crate::stats) module.
    #[error(transparent)]
    Stats(#[from] StatsError),
    /// A count outside its documented [`limits`](crate::limits).
    #[error(transparent)]
    Limit(#[from] LimitError),
    /// Options that do not fit their [`contract`](crate::contract).
    #[error(transparent)]
    Options(#[from] OptionsError),
    /// Bytes that are not a saved [`state`](crate::state) of the kind asked for.
    #[error(transparent)]
    State(#[from] StateError),
    /// An error from the [`abtest`](crate::abtest) module.
    #[cfg(feature = "abtest")]
    #[error(transparent)]
    Abtest(#[from] AbtestError),
    /// An error from the [`drift`](crate::drift) module.
    #[cfg(feature = "drift")]
    #[error(transparent)]
    Drift(#[from] DriftError),
    /// An error from the [`patterns`](crate::patterns) module.
    #[cfg(feature = "patterns")]
    #[error(transparent)]
    Patterns(#[from] PatternError),
    /// An error from the [`lineup`](crate::lineup) module.
    #[cfg(feature = "lineup")]
    #[error(transparent)]
    Lineup(#[from] LineupError),
    /// An error from the [`ltp`](crate::ltp) module.
    #[cfg(feature = "ltp")]
    #[error(transparent)]
    Ltp(#[from] LtpError),
}

impl Error {
    /// The rules an infeasible problem names as conflicting (a lineup rule set nothing can
    /// meet); empty for every other error. Both faces expose them (`InfeasibleError.rules`,
    /// `error.rules`).
    pub fn rules(&self) -> &[String] {
        match self {
            #[cfg(feature = "lineup")]
            Error::Lineup(LineupError::Infeasible { rules, .. }) => rules,
            _ => &[],
        }
    }

    /// The stable, machine-readable category of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Stats(e) => e.code(),
            Error::Limit(_) => ErrorCode::LimitExceeded,
            Error::Options(e) => e.code,
            Error::State(e) => e.code(),
            #[cfg(feature = "abtest")]
            Error::Abtest(e) => e.code(),
            #[cfg(feature = "drift")]
            Error::Drift(e) => e.code(),
            #[cfg(feature = "patterns")]
            Error::Patterns(e) => e.code(),
            #[cfg(feature = "ltp")]
            Error::Ltp(e) => e.code(),
            #[cfg(feature = "lineup")]
            Error::Lineup(e) => e.code(),
        }
    }
}

/// Stable error categories shared by every face.
///
/// Python maps them to exception classes (`InvalidInputError`, ...), Node sets them as the
/// thrown error's `code` property. New engines add categories; existing strings never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The data or an option is unusable: empty, NaN, infinite, out of range, mismatched.
    InvalidInput,
    /// An argument of the wrong type, or an option name the function does not have.
    InvalidType,
    /// The input is valid but no answer satisfies it (a lineup rule set nothing can meet).
    Infeasible,
    /// A count (resamples, window, bins, lineups ...) beyond its documented limit; see
    /// [`limits`](crate::limits).
    LimitExceeded,
    /// A bug in edgekit caught at a binding's boundary (a panic): one call failed, the host
    /// process goes on. Core never returns it; the bindings do.
    Internal,
}

impl ErrorCode {
    /// The code string, e.g. `"EDGEKIT_INVALID_INPUT"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "EDGEKIT_INVALID_INPUT",
            ErrorCode::InvalidType => "EDGEKIT_INVALID_TYPE",
            ErrorCode::Infeasible => "EDGEKIT_INFEASIBLE",
            ErrorCode::LimitExceeded => "EDGEKIT_LIMIT_EXCEEDED",
            ErrorCode::Internal => "EDGEKIT_INTERNAL",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
