//! The sites' roster templates as data: slots with the positions each accepts, the salary cap
//! and the site's own rules (DraftKings' two-game minimum, FanDuel's four per team and three
//! teams). Adding a site or sport is adding a table row.

use serde::{Deserialize, Serialize};

use super::error::LineupError;

/// A fantasy site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Site {
    /// DraftKings.
    DraftKings,
    /// FanDuel.
    FanDuel,
    /// Yahoo.
    Yahoo,
}

/// A sport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Sport {
    /// American football.
    Nfl,
    /// Basketball.
    Nba,
    /// Baseball.
    Mlb,
    /// Hockey.
    Nhl,
    /// Association football.
    Soccer,
    /// Tennis (each "team" is one player, each "game" a match).
    Tennis,
}

/// Classic (full slate) or single-game (DraftKings showdown/captain, FanDuel single game).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum Contest {
    /// Full roster over many games.
    Classic,
    /// One game: a captain/MVP slot with a points multiplier.
    Showdown,
}

macro_rules! named {
    ($ty:ident { $($variant:ident => $($name:literal)|+),* $(,)? }) => {
        impl $ty {
            /// The lower-case name.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => named!(@first $($name)|+)),* }
            }
        }

        impl std::str::FromStr for $ty {
            type Err = LineupError;

            fn from_str(s: &str) -> Result<Self, LineupError> {
                match s.to_ascii_lowercase().as_str() {
                    $($($name)|+ => Ok($ty::$variant),)*
                    other => Err(LineupError::Unsupported(format!(
                        "{} {other:?} is unknown; expected one of {}",
                        stringify!($ty).to_ascii_lowercase(),
                        [$(named!(@first $($name)|+)),*].join(", ")
                    ))),
                }
            }
        }
    };
    (@first $first:literal $(| $rest:literal)*) => { $first };
}

named!(Site { DraftKings => "draftkings" | "dk", FanDuel => "fanduel" | "fd", Yahoo => "yahoo" });
named!(Sport { Nfl => "nfl", Nba => "nba", Mlb => "mlb", Nhl => "nhl", Soccer => "soccer", Tennis => "tennis" });
named!(Contest { Classic => "classic", Showdown => "showdown" | "captain" | "single_game" | "single-game" });

/// One roster slot: its label and the positions it accepts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Slot {
    /// The label in the upload file ("QB", "FLEX", "CPT"...).
    pub name: &'static str,
    /// Positions allowed in it.
    pub accepts: &'static [&'static str],
    /// Points multiplier (1.5 for DraftKings' captain, 2 for FanDuel's MVP).
    pub multiplier: f64,
}

/// A site's roster for one sport and contest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Roster {
    /// The site.
    pub site: Site,
    /// The sport.
    pub sport: Sport,
    /// The contest.
    pub contest: Contest,
    /// Slots in upload order.
    pub slots: Vec<Slot>,
    /// Salary cap.
    pub salary_cap: u32,
    /// Fewest distinct games in a lineup (DraftKings classic: 2).
    pub min_games: usize,
    /// Fewest distinct teams (FanDuel: 3).
    pub min_teams: usize,
    /// Most players from one team (FanDuel: 4), if the site limits it.
    pub max_per_team: Option<usize>,
    /// Positions that count toward `max_per_team` (empty: all). Baseball sites limit hitters
    /// only; a team's pitcher does not count.
    pub team_limit_positions: &'static [&'static str],
    /// Every position a player file may list.
    pub positions: &'static [&'static str],
}

const fn slot(name: &'static str, accepts: &'static [&'static str]) -> Slot {
    Slot {
        name,
        accepts,
        multiplier: 1.0,
    }
}

/// Slots from (label, accepted positions, how many) in upload order.
fn slots(spec: &[(&'static str, &'static [&'static str], usize)]) -> Vec<Slot> {
    spec.iter()
        .flat_map(|&(name, accepts, count)| std::iter::repeat_n(slot(name, accepts), count))
        .collect()
}

/// The classic football roster every site shares, with its own defense slot.
fn football(defense: Slot) -> Vec<Slot> {
    const FLEX: &[&str] = &["RB", "WR", "TE"];
    let mut roster = slots(&[
        ("QB", &["QB"], 1),
        ("RB", &["RB"], 2),
        ("WR", &["WR"], 3),
        ("TE", &["TE"], 1),
        ("FLEX", FLEX, 1),
    ]);
    roster.push(defense);
    roster
}

/// The outer match admits showdown for four sports only; this keeps the inner one total.
fn unreachable_showdown(sport: Sport) -> Result<&'static [&'static str], LineupError> {
    Err(LineupError::Unsupported(format!(
        "DraftKings showdown for {}",
        sport.as_str()
    )))
}

impl Roster {
    /// The roster template of a site, sport and contest.
    ///
    /// ```
    /// use edgekit::lineup::{Contest, Roster, Site, Sport};
    ///
    /// let r = Roster::of(Site::DraftKings, Sport::Nfl, Contest::Classic)?;
    /// let names: Vec<_> = r.slots.iter().map(|s| s.name).collect();
    /// assert_eq!(names, ["QB", "RB", "RB", "WR", "WR", "WR", "TE", "FLEX", "DST"]);
    /// assert_eq!((r.salary_cap, r.min_games), (50_000, 2));
    /// # Ok::<(), edgekit::lineup::LineupError>(())
    /// ```
    pub fn of(site: Site, sport: Sport, contest: Contest) -> Result<Roster, LineupError> {
        use Contest::*;
        use Site::*;
        use Sport::*;
        const NFL_DK: &[&str] = &["QB", "RB", "WR", "TE", "DST"];
        // FanDuel dropped kickers from classic NFL in 2020; single-game rosters keep them.
        const NFL_FD: &[&str] = &["QB", "RB", "WR", "TE", "D"];
        const NFL_FD_SINGLE: &[&str] = &["QB", "RB", "WR", "TE", "D", "K"];
        const NFL_YAHOO: &[&str] = &["QB", "RB", "WR", "TE", "DEF"];
        const NBA: &[&str] = &["PG", "SG", "SF", "PF", "C"];
        const MLB_DK: &[&str] = &["SP", "RP", "C", "1B", "2B", "3B", "SS", "OF"];
        const MLB_FD: &[&str] = &["P", "C", "1B", "2B", "3B", "SS", "OF"];
        const NHL_DK: &[&str] = &["C", "W", "LW", "RW", "D", "G"];
        const NHL_FD: &[&str] = &["C", "W", "D", "G"];
        let (slots, cap, min_games, min_teams, max_team, positions): (
            Vec<Slot>,
            u32,
            usize,
            usize,
            Option<usize>,
            &'static [&'static str],
        ) = match (site, sport, contest) {
            (DraftKings, Nfl, Classic) => {
                (football(slot("DST", &["DST"])), 50_000, 2, 1, None, NFL_DK)
            }
            (DraftKings, Nfl | Nba | Mlb | Nhl, Showdown) => {
                // Both teams must appear: at most five of the six from one team.
                let any: &'static [&'static str] = match sport {
                    Nfl => &["QB", "RB", "WR", "TE", "DST", "K"],
                    Nba => NBA,
                    Mlb => MLB_DK,
                    Nhl => NHL_DK,
                    Soccer | Tennis => unreachable_showdown(sport)?,
                };
                let mut slots = vec![Slot {
                    name: "CPT",
                    accepts: any,
                    multiplier: 1.5,
                }];
                let flex = if sport == Nba { "UTIL" } else { "FLEX" };
                slots.extend((0..5).map(|_| slot(flex, any)));
                (slots, 50_000, 1, 2, Some(5), any)
            }
            // DraftKings' upload template order; players from at least three teams.
            (DraftKings, Soccer, Classic) => (
                slots(&[
                    ("F", &["F"], 2),
                    ("M", &["M"], 2),
                    ("D", &["D"], 2),
                    ("GK", &["GK"], 1),
                    ("UTIL", &["F", "M", "D"], 1),
                ]),
                50_000,
                1,
                3,
                None,
                &["F", "M", "D", "GK"],
            ),
            (DraftKings, Tennis, Classic) => {
                (slots(&[("P", &["P"], 6)]), 50_000, 1, 1, None, &["P"])
            }
            (DraftKings, Nba, Classic) => (
                slots(&[
                    ("PG", &["PG"], 1),
                    ("SG", &["SG"], 1),
                    ("SF", &["SF"], 1),
                    ("PF", &["PF"], 1),
                    ("C", &["C"], 1),
                    ("G", &["PG", "SG"], 1),
                    ("F", &["SF", "PF"], 1),
                    ("UTIL", NBA, 1),
                ]),
                50_000,
                2,
                1,
                None,
                NBA,
            ),
            (DraftKings, Mlb, Classic) => (
                slots(&[
                    ("P", &["SP", "RP"], 2),
                    ("C", &["C"], 1),
                    ("1B", &["1B"], 1),
                    ("2B", &["2B"], 1),
                    ("3B", &["3B"], 1),
                    ("SS", &["SS"], 1),
                    ("OF", &["OF"], 3),
                ]),
                50_000,
                2,
                1,
                Some(5),
                MLB_DK,
            ),
            (DraftKings, Nhl, Classic) => (
                slots(&[
                    ("C", &["C"], 2),
                    ("W", &["W", "LW", "RW"], 3),
                    ("D", &["D"], 2),
                    ("G", &["G"], 1),
                    ("UTIL", &["C", "W", "LW", "RW", "D"], 1),
                ]),
                50_000,
                2,
                3,
                None,
                NHL_DK,
            ),
            (FanDuel, Nfl, Classic) => {
                (football(slot("DEF", &["D"])), 60_000, 1, 3, Some(4), NFL_FD)
            }
            (FanDuel, Nfl | Nba, Showdown) => {
                let any: &'static [&'static str] = if sport == Nfl { NFL_FD_SINGLE } else { NBA };
                let (names, multipliers): (&[&str], &[f64]) = if sport == Nfl {
                    (
                        &["MVP", "AnyFLEX", "AnyFLEX", "AnyFLEX", "AnyFLEX"],
                        &[1.5, 1.0, 1.0, 1.0, 1.0],
                    )
                } else {
                    (
                        &["MVP", "STAR", "PRO", "UTIL", "UTIL"],
                        &[2.0, 1.5, 1.2, 1.0, 1.0],
                    )
                };
                let slots = names
                    .iter()
                    .zip(multipliers)
                    .map(|(&name, &multiplier)| Slot {
                        name,
                        accepts: any,
                        multiplier,
                    })
                    .collect();
                (slots, 60_000, 1, 1, None, any)
            }
            (FanDuel, Nba, Classic) => (
                slots(&[
                    ("PG", &["PG"], 2),
                    ("SG", &["SG"], 2),
                    ("SF", &["SF"], 2),
                    ("PF", &["PF"], 2),
                    ("C", &["C"], 1),
                ]),
                60_000,
                1,
                3,
                Some(4),
                NBA,
            ),
            (FanDuel, Mlb, Classic) => (
                slots(&[
                    ("P", &["P"], 1),
                    ("C/1B", &["C", "1B"], 1),
                    ("2B", &["2B"], 1),
                    ("3B", &["3B"], 1),
                    ("SS", &["SS"], 1),
                    ("OF", &["OF"], 3),
                    ("UTIL", &["C", "1B", "2B", "3B", "SS", "OF"], 1),
                ]),
                35_000,
                1,
                3,
                Some(4),
                MLB_FD,
            ),
            (FanDuel, Nhl, Classic) => (
                slots(&[
                    ("C", &["C"], 2),
                    ("W", &["W"], 2),
                    ("D", &["D"], 2),
                    ("UTIL", &["C", "W", "D"], 2),
                    ("G", &["G"], 1),
                ]),
                55_000,
                1,
                3,
                Some(4),
                NHL_FD,
            ),
            (Yahoo, Nfl, Classic) => (
                football(slot("DEF", &["DEF"])),
                200,
                2,
                3,
                Some(6),
                NFL_YAHOO,
            ),
            (Yahoo, Nba, Classic) => (
                slots(&[
                    ("PG", &["PG"], 1),
                    ("SG", &["SG"], 1),
                    ("G", &["PG", "SG"], 1),
                    ("SF", &["SF"], 1),
                    ("PF", &["PF"], 1),
                    ("F", &["SF", "PF"], 1),
                    ("C", &["C"], 1),
                    ("UTIL", NBA, 1),
                ]),
                200,
                2,
                3,
                Some(6),
                NBA,
            ),
            _ => {
                return Err(LineupError::Unsupported(format!(
                    "no {} {} {} roster yet",
                    site.as_str(),
                    sport.as_str(),
                    contest.as_str()
                )));
            }
        };
        const HITTERS: &[&str] = &["C", "1B", "2B", "3B", "SS", "OF"];
        let team_limit_positions = if sport == Mlb && contest == Classic {
            HITTERS
        } else {
            &[]
        };
        Ok(Roster {
            site,
            sport,
            contest,
            slots,
            salary_cap: cap,
            min_games,
            min_teams,
            max_per_team: max_team,
            team_limit_positions,
            positions,
        })
    }
}
