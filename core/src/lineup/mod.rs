//! Daily-fantasy lineups (issue 3): the sites' roster templates as data, their salary CSVs read
//! into a [`Slate`] (every malformed row named by line), a user's projections merged by ID or
//! name, and exact optimal lineups — one or hundreds, in decreasing projection — under
//! pydfs-lineup-optimizer's rule families.
//!
//! The optimizer is an exact best-first k-best search (Lawler's and Eppstein's k-best scheme on
//! the decision DAG) over a knapsack bound table indexed by (player order, open-slot automaton
//! state, salary units); stacks are extra automaton state, one table per stack choice. Rules the
//! table does not encode prune the search without loosening its bounds, so every lineup returned
//! is optimal under the rules in force for it. See docs/lineup.md.

mod automaton;
mod contest;
mod entries;
mod error;
mod infeasible;
mod late_swap;
mod milp;
mod optimizer;
mod output;
mod portfolio;
mod problem;
mod records;
mod requests;
mod roster;
mod rules;
mod saved;
mod search;
mod site_files;
mod slate;
mod sports;
mod stack_exposure;
mod stacks;
mod table;
mod templates;
mod times;

pub use contest::{
    ContestEntry, ContestOptions, ContestResult, ContestSpec, EntryStats, FieldModel,
    FieldOwnership, FieldSample, FieldSummary, MAX_CONTEST_RECORDS, MAX_CORRELATION_GROUP,
    MAX_CORRELATION_PLAYERS, MAX_CORRELATION_RULES, MAX_FIELD_SIZE, OutcomeCorrelations,
    OutcomeModel, PlayerCorrelation, PortfolioStats, PositionCorrelation, PrizeRange,
    candidate_pool, contest_csv, contest_portfolio, outcome_correlations, sample_field,
    select_by_roi, simulate_contest,
};
pub use entries::{EntriesFile, Entry, fill_entries};
pub use error::LineupError;
pub use optimizer::{Method, Optimizer, optimize};
pub use output::{Lineup, LineupPlayer, read_upload_csv, readable_csv, upload_csv};
pub use portfolio::{Portfolio, PortfolioLineup, PortfolioOptions, portfolio};
pub use records::{PlayerRecord, SlateOptions};
pub use requests::{
    ContestPortfolioRequest, CorrelationsRequest, FieldRequest, LateSwapRequest, OptimizeRequest,
    PayoutTableRequest, PortfolioRequest, SimulateContestRequest,
};
pub use roster::{Contest, Roster, Site, Slot, Sport};
pub use rules::{
    ExposureStrategy, Group, Lock, OWNERSHIP_FLOOR, OpposingRestriction, OwnershipPenalty,
    PenaltyKind, PositionSpacing, Progressive, Randomness, Rules, SameTeamRestriction, Stack,
    TeamExposure,
};
pub use slate::{MergeReport, Player, Projection, Slate};
pub use times::parse_time;
