//! Daily-fantasy lineups (issue 3, in progress): the sites' roster templates as data and their
//! salary CSVs read into a [`Slate`] with every malformed row named by line, and a user's
//! projections CSV merged by ID or name. The optimizer
//! (an exact best-first search over roster shapes, with good_lp for the rules it cannot
//! express) is next; see docs/lineup.md.

mod error;
mod roster;
mod slate;

pub use error::LineupError;
pub use roster::{Contest, Roster, Site, Slot, Sport};
pub use slate::{MergeReport, Player, Projection, Slate};
