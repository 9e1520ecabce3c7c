//! Situational trends in game logs: a loader for the spreadspoke NFL results with closing
//! lines, one row per team per game with situational fields computed from earlier games only,
//! systems (ANDs of filters) graded SU/ATS/O-U with Wilson intervals and exact binomial
//! p-values against the break-even rate, and mining with Benjamini-Hochberg q-values over
//! every system tried and out-of-sample records beside in-sample ones.

mod analyze;
mod log;
mod mine;
mod rows;
mod systems;

pub use analyze::{GameAnalysis, SystemMatch, analyze_games};
pub use log::{Game, GameColumns, GameLog, Team};
pub use mine::{
    AnalyzeOptions, EvaluateOptions, MineOptions, MineResult, MinedSystem, WalkForwardOptions,
    WalkForwardStep, mine, walk_forward,
};
pub use rows::{Outcome, TeamRow, team_rows};
pub use systems::{FIELDS, Filter, Market, Record, record, select};
