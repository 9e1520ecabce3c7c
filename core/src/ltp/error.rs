use crate::ErrorCode;
use crate::patterns::PatternError;

/// Why an [`ltp`](crate::ltp) function refused its input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LtpError {
    /// Bars that failed validation (a NaN, a high below the close, mismatched columns...).
    #[error("{input}: {source}")]
    InvalidBars {
        /// Which bars: "daily", "intraday", "5m", ...
        input: String,
        /// What is wrong, with the row.
        source: PatternError,
    },
    /// A price, level or weight that is NaN or infinite.
    #[error("{argument} is {value}: it must be finite")]
    NotFinite {
        /// The argument (with its index when it is one of many).
        argument: String,
        /// The bad value.
        value: f64,
    },
    /// Columns of one batch of rows with different lengths.
    #[error("symbols has {rows} rows but {column} has {len}")]
    ColumnLength {
        /// The column's name.
        column: &'static str,
        /// Its length.
        len: usize,
        /// The number of rows (symbols given).
        rows: usize,
    },
    /// An option outside its range.
    #[error("{argument} = {value} must be {range}")]
    OutOfRange {
        /// The option's name.
        argument: String,
        /// The bad value.
        value: f64,
        /// The allowed range.
        range: &'static str,
    },
    /// A timeframe label the engine does not know.
    #[error(
        "timeframe {0:?} is unknown; expected one of \"2m\", \"5m\", \"15m\", \"1h\", \"4h\", \"daily\", \"weekly\""
    )]
    UnknownTimeframe(String),
    /// A direction other than bullish or bearish.
    #[error("direction {0:?} is unknown; expected \"bullish\" or \"bearish\"")]
    UnknownDirection(String),
    /// A streamed bar that is not a valid bar.
    #[error("{symbol}: bar at {timestamp}: {reason}")]
    InvalidBar {
        /// The symbol.
        symbol: String,
        /// The bar's timestamp.
        timestamp: i64,
        /// What is wrong, with the values.
        reason: String,
    },
    /// A timeframe trend other than bullish, bearish or neutral.
    #[error("trend {0:?} is unknown; expected \"bullish\", \"bearish\" or \"neutral\"")]
    UnknownTrend(String),
    /// A bar for a symbol that arrived out of time order.
    #[error("{symbol}: bar at {timestamp} is not after the previous bar at {previous}")]
    OutOfOrder {
        /// The symbol.
        symbol: String,
        /// The late bar's timestamp.
        timestamp: i64,
        /// The previous bar's timestamp.
        previous: i64,
    },
    /// Saved tracker state that cannot be read.
    #[error("tracker state cannot be read: {0}")]
    InvalidState(String),
}

impl LtpError {
    /// The stable category of this error.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidInput
    }

    /// Names the bars a validation error came from, for `map_err`.
    ///
    /// ```
    /// use edgekit::{ltp::LtpError, patterns::Bars};
    ///
    /// let err = Bars::new(&[1.0], &[0.5], &[0.4], &[1.0], None).map_err(LtpError::bars("daily")).unwrap_err();
    /// assert!(err.to_string().starts_with("daily: bar 0"));
    /// ```
    pub fn bars(input: &str) -> impl FnOnce(PatternError) -> LtpError + '_ {
        move |source| LtpError::InvalidBars {
            input: input.to_owned(),
            source,
        }
    }
}

pub(crate) fn finite(argument: impl FnOnce() -> String, value: f64) -> Result<f64, LtpError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(LtpError::NotFinite {
            argument: argument(),
            value,
        })
    }
}

/// The rows of equal-length, all-finite columns, or an error naming the first column whose
/// length differs or the first non-finite value (as `{rows}[i].{column}`: "bars[3].high").
pub(crate) fn finite_rows(
    rows: &str,
    columns: &[(&'static str, &[f64])],
) -> Result<usize, LtpError> {
    let n = columns.first().map_or(0, |(_, column)| column.len());
    for &(name, column) in columns {
        if column.len() != n {
            return Err(LtpError::ColumnLength {
                column: name,
                len: column.len(),
                rows: n,
            });
        }
        if let Some(i) = column.iter().position(|x| !x.is_finite()) {
            return Err(LtpError::NotFinite {
                argument: format!("{rows}[{i}].{name}"),
                value: column[i],
            });
        }
    }
    Ok(n)
}
