//! A slate's saved state (the compact binary form of [`crate::state`]): its site, sport,
//! contest and players, projections merged in included. Loading rebuilds the roster from its
//! template and checks the players as reading a file does.

use serde::{Deserialize, Serialize};

use super::error::LineupError;
use super::roster::{Contest, Site, Sport};
use super::slate::{Player, Slate};
use crate::state::{self, StateError};

#[derive(Serialize)]
struct Saving<'a> {
    site: Site,
    sport: Sport,
    contest: Contest,
    players: &'a [Player],
}

#[derive(Deserialize)]
struct Saved {
    site: Site,
    sport: Sport,
    contest: Contest,
    players: Vec<Player>,
}

const KIND: &str = "Slate";

impl Slate {
    /// The slate in edgekit's compact binary form (what Python's pickle and Dask move).
    ///
    /// ```
    /// use edgekit::lineup::{Site, Slate, Sport};
    ///
    /// let slate = Slate::from_csv_path(
    ///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nba_classic_2018-12-03_draftfast.csv"),
    ///     Site::DraftKings, Sport::Nba, None)?;
    /// let back = Slate::from_bytes(&slate.to_bytes()?)?;
    /// assert_eq!(back, slate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_bytes(&self) -> Result<Vec<u8>, StateError> {
        state::to_bytes(
            KIND,
            &Saving {
                site: self.roster.site,
                sport: self.roster.sport,
                contest: self.roster.contest,
                players: &self.players,
            },
        )
    }

    /// Reads [`Slate::to_bytes`] output.
    pub fn from_bytes(bytes: &[u8]) -> Result<Slate, LineupError> {
        let saved: Saved = state::from_bytes(KIND, bytes).map_err(|e| LineupError::Rule {
            rule: "state".into(),
            message: e.0,
        })?;
        Slate::assemble(saved.players, saved.site, saved.sport, Some(saved.contest))
    }
}
