use crate::ErrorCode;

/// Why a [`lineup`](crate::lineup) function refused its input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LineupError {
    /// A salary file without a column the site's format needs.
    #[error("line 1: no {column:?} column; {site} files have {expected}")]
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
    /// A rule that cannot be applied: an unknown player, team or position, a bad number.
    #[error("rule {rule}: {message}")]
    Rule {
        /// The rule, as the user wrote it (e.g. `locks[0]`).
        rule: String,
        /// What is wrong.
        message: String,
    },
    /// No lineup satisfies the rules together; `rules` is a smallest conflicting set found by
    /// dropping rules one at a time.
    #[error("infeasible: no lineup satisfies {} together{}", rules.join(" + "), if message.is_empty() { String::new() } else { format!(" ({message})") })]
    Infeasible {
        /// The conflicting rules, by name.
        rules: Vec<String>,
        /// More detail, e.g. the lineup at which a portfolio rule ran out.
        message: String,
    },
    /// The MILP solver (the search's fallback) failed for a reason other than infeasibility.
    #[error("the MILP solver failed: {0}")]
    Solver(String),
    /// A file the CSV reader cannot read (bad quoting, ragged rows, not UTF-8).
    #[error("line {line}: {message}")]
    Csv {
        /// 1-based line.
        line: usize,
        /// The reader's message.
        message: String,
    },
    /// A count outside its documented [`limits`](crate::limits).
    #[error(transparent)]
    Limit(#[from] crate::limits::LimitError),
}

impl LineupError {
    /// The stable category of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            LineupError::Infeasible { .. } => ErrorCode::Infeasible,
            LineupError::Limit(_) => ErrorCode::LimitExceeded,
            _ => ErrorCode::InvalidInput,
        }
    }
}
