//! The sites' roster templates as data: slots with the positions each accepts, the salary cap
//! and the site's own rules (DraftKings' two-game minimum, FanDuel's four per team and three
//! teams). Adding a site or sport is adding a table row.

use serde::{Deserialize, Serialize};

use super::error::LineupError;
use super::templates::{TEMPLATES, Template};

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
    /// Women's basketball.
    Wnba,
    /// Golf (PGA Tour): one tournament, no teams.
    Golf,
    /// Mixed martial arts: each "game" is a fight.
    Mma,
    /// Stock-car racing: one race, no teams.
    Nascar,
    /// College football.
    Cfb,
    /// Canadian football.
    Cfl,
    /// League of Legends.
    Lol,
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
named!(Sport {
    Nfl => "nfl", Nba => "nba", Mlb => "mlb", Nhl => "nhl", Soccer => "soccer", Tennis => "tennis",
    Wnba => "wnba", Golf => "golf" | "pga", Mma => "mma" | "ufc", Nascar => "nascar",
    Cfb => "cfb" | "ncaaf", Cfl => "cfl", Lol => "lol" | "league_of_legends",
});
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
    pub positions: Vec<&'static str>,
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
        TEMPLATES
            .iter()
            .find(|t| (t.site, t.sport, t.contest) == (site, sport, contest))
            .map(Roster::from_template)
            .ok_or_else(|| {
                LineupError::Unsupported(format!(
                    "no {} {} {} roster yet",
                    site.as_str(),
                    sport.as_str(),
                    contest.as_str()
                ))
            })
    }

    /// Every (site, sport, contest) with a template, in table order.
    ///
    /// ```
    /// use edgekit::lineup::{Contest, Roster, Site, Sport};
    ///
    /// assert!(Roster::supported().contains(&(Site::DraftKings, Sport::Golf, Contest::Classic)));
    /// ```
    pub fn supported() -> Vec<(Site, Sport, Contest)> {
        TEMPLATES
            .iter()
            .map(|t| (t.site, t.sport, t.contest))
            .collect()
    }

    /// Every roster template, in table order (an app's site/sport picker).
    ///
    /// ```
    /// use edgekit::lineup::{Roster, Sport};
    ///
    /// let golf: Vec<_> = Roster::all().into_iter().filter(|r| r.sport == Sport::Golf).collect();
    /// assert!(golf.iter().all(|r| r.slots.iter().all(|s| s.name == "G")));
    /// ```
    pub fn all() -> Vec<Roster> {
        TEMPLATES.iter().map(Roster::from_template).collect()
    }

    fn from_template(t: &Template) -> Roster {
        let slots: Vec<Slot> = t
            .slots
            .iter()
            .flat_map(|s| {
                std::iter::repeat_n(
                    Slot {
                        name: s.name,
                        accepts: s.accepts,
                        multiplier: s.multiplier,
                    },
                    s.count,
                )
            })
            .collect();
        // Every position a slot accepts, in first-seen order.
        let mut positions: Vec<&'static str> = Vec::new();
        for p in slots.iter().flat_map(|s| s.accepts) {
            if !positions.contains(p) {
                positions.push(p);
            }
        }
        Roster {
            site: t.site,
            sport: t.sport,
            contest: t.contest,
            slots,
            salary_cap: t.salary_cap,
            min_games: t.min_games,
            min_teams: t.min_teams,
            max_per_team: t.max_per_team,
            team_limit_positions: t.team_limit_positions,
            positions,
        }
    }
}
