use crate::ErrorCode;

/// Why a [`lineup`](crate::lineup) function refused its input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LineupError {
    /// A salary file without a column the site's format needs.
    #[error("line 1: no {column:?} column; a {site} salary file has {expected}")]
    MissingColumn {
        /// The missing column.
        column: String,
        /// The site.
        site: &'static str,
        /// The columns the format needs.
        expected: &'static str,
    },
    /// A field that cannot be read.
    #[error("line {line}: {column} = {value:?}: {reason}")]
    BadValue {
        /// 1-based line in the file (the header is line 1).
        line: usize,
        /// The column.
        column: String,
        /// The field as written.
        value: String,
        /// What is wrong.
        reason: String,
    },
    /// The same player ID (and roster slot) twice.
    #[error("line {line}: ID {id} already appeared on line {first_line}")]
    DuplicateId {
        /// 1-based line of the repeat.
        line: usize,
        /// The ID.
        id: String,
        /// Its first line.
        first_line: usize,
    },
    /// A position the site's roster for this sport does not have.
    #[error(
        "line {line}: position {position:?} is not a {site} {sport} position (expected one of {expected})"
    )]
    UnknownPosition {
        /// 1-based line.
        line: usize,
        /// The position.
        position: String,
        /// The site.
        site: &'static str,
        /// The sport.
        sport: &'static str,
        /// Known positions.
        expected: String,
    },
    /// A site, sport or contest name that is not known, or a combination without a roster.
    #[error("{0}")]
    Unsupported(String),
    /// A file the CSV reader cannot read (bad quoting, ragged rows, not UTF-8).
    #[error("line {line}: {message}")]
    Csv {
        /// 1-based line.
        line: usize,
        /// The reader's message.
        message: String,
    },
}

impl LineupError {
    /// The stable category of this error.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidInput
    }
}
