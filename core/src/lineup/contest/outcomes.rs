//! Simulated fantasy points: every person on the slate (a showdown captain and his FLEX row are
//! one person) scores `projection + std · z`, where `z` is standard normal and correlated through
//! shared factors, drawn afresh for each simulated slate from a seed of its own so a run is the
//! same on any number of threads.
//!
//! The factors: each team's game script (`team_correlation` of a player's variance), its passing
//! game (`stack_correlation` more for QBs and pass catchers), and each game's pace, shared by
//! both teams (`game_correlation`). A defense, a pitcher or a goalie loads negatively on the
//! opposing team's script and on the game's pace. Implied correlations: QB–WR of one team
//! `team + stack + game`; teammates `team + game`; opposing skill players `game`; a defense
//! and an opposing player `−(team + game)`. In sports played alone (golf, MMA, NASCAR, tennis) a fight or match
//! is one factor its two sides load on with opposite signs (opponents: `−team`), and players in
//! a field (golf, NASCAR) share nothing. Which positions score against the opponent and which
//! share a passing game is each sport's row in `lineup/sports.rs`.

use serde::{Deserialize, Serialize};

use super::correlation::{Joint, PlayerCorrelation, PositionCorrelation};
use crate::lineup::error::LineupError;
use crate::lineup::slate::Slate;

/// Correlations and spreads of the simulated points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct OutcomeModel {
    /// Share of a player's variance from his team's game script.
    pub team_correlation: f64,
    /// Extra share for QBs and pass catchers from the team's passing game.
    pub stack_correlation: f64,
    /// Share from the game's pace, common to both teams.
    pub game_correlation: f64,
    /// Standard deviation as a fraction of the projection when a player has no `std` and no
    /// floor–ceiling range (a range is read as the 10th–90th percentiles).
    pub default_std: f64,
    /// Correlations by position that replace the model's for those pairs (later entries win).
    pub position_correlations: Vec<PositionCorrelation>,
    /// Correlations of named players, over everything else.
    pub player_correlations: Vec<PlayerCorrelation>,
}

impl Default for OutcomeModel {
    fn default() -> Self {
        OutcomeModel {
            team_correlation: 0.15,
            stack_correlation: 0.25,
            game_correlation: 0.05,
            default_std: 0.35,
            position_correlations: Vec::new(),
            player_correlations: Vec::new(),
        }
    }
}

/// Ratio of the 10th–90th percentile range of a normal distribution to its standard deviation.
const RANGE_TO_STD: f64 = 2.0 * 1.281_551_565_544_600_5;

/// One person's place in the factor model.
#[derive(Debug, Clone)]
pub(crate) struct Loading {
    pub mean: f64,
    pub std: f64,
    /// Index of the team whose script the person loads on, and the sign of the loading.
    pub team: Option<(usize, f64)>,
    /// Index of the team whose passing game the person loads on.
    pub passing: Option<usize>,
    /// Index of the game, and the sign.
    pub game: Option<(usize, f64)>,
    /// Weight of the person's own noise.
    pub own: f64,
}

/// The slate reduced to persons and factors.
#[derive(Debug, Clone)]
pub(crate) struct Outcomes {
    /// Person of each slate row.
    pub person_of_row: Vec<u32>,
    /// First slate row of each person.
    pub first_row: Vec<usize>,
    pub loadings: Vec<Loading>,
    /// The joint draw, when the user set correlations.
    joint: Option<Joint>,
    pub teams: usize,
    pub games: usize,
    team_weight: f64,
    stack_weight: f64,
    game_weight: f64,
}

/// The game a row plays in: its `game` field, else its team and opponent in order.
pub(crate) fn game_key(p: &crate::lineup::slate::Player) -> Option<String> {
    match (&p.game, &p.opponent) {
        (Some(g), _) if !g.is_empty() => Some(g.split_whitespace().next().unwrap_or(g).to_owned()),
        (_, Some(o)) => {
            let (a, b) = if p.team <= *o {
                (&p.team, o)
            } else {
                (o, &p.team)
            };
            Some(format!("{a}@{b}"))
        }
        _ => None,
    }
}

impl OutcomeModel {
    /// Checks the model: shares ≥ 0 summing to at most 1, `default_std` ≥ 0.
    pub fn check(&self) -> Result<(), LineupError> {
        let (t, s, g) = (
            self.team_correlation,
            self.stack_correlation,
            self.game_correlation,
        );
        if !([t, s, g].iter().all(|x| x.is_finite() && *x >= 0.0) && t + s + g <= 1.0) {
            return Err(LineupError::Rule {
                rule: "outcomes".into(),
                message: format!(
                    "team_correlation {t}, stack_correlation {s} and game_correlation {g} must be ≥ 0 with a sum ≤ 1"
                ),
            });
        }
        if !(self.default_std.is_finite() && self.default_std >= 0.0) {
            return Err(LineupError::Rule {
                rule: "outcomes".into(),
                message: format!("default_std {} must be ≥ 0", self.default_std),
            });
        }
        Ok(())
    }

    pub(crate) fn outcomes(&self, slate: &Slate) -> Result<Outcomes, LineupError> {
        self.check()?;
        let mut persons: std::collections::HashMap<(&str, &str), u32> = Default::default();
        let mut person_of_row = Vec::with_capacity(slate.players.len());
        let mut first_row = Vec::new();
        for (row, p) in slate.players.iter().enumerate() {
            let next = persons.len() as u32;
            let id = *persons
                .entry((p.name.as_str(), p.team.as_str()))
                .or_insert(next);
            if id == next {
                first_row.push(row);
            }
            person_of_row.push(id);
        }
        let mut teams: Vec<&str> = slate.players.iter().map(|p| p.team.as_str()).collect();
        teams.sort_unstable();
        teams.dedup();
        let mut games: Vec<String> = slate.players.iter().filter_map(game_key).collect();
        games.sort_unstable();
        games.dedup();
        let team_index = |name: &str| teams.binary_search(&name).ok();
        let (t, s, g) = (
            self.team_correlation,
            self.stack_correlation,
            self.game_correlation,
        );
        let traits = slate.roster.sport.traits();
        let loadings = first_row
            .iter()
            .map(|&row| {
                let p = &slate.players[row];
                // A captain row's projection already is the person's; multipliers apply later.
                let std = match (p.extra.std, p.extra.floor, p.extra.ceiling) {
                    (Some(sd), _, _) => sd.max(0.0),
                    (None, Some(lo), Some(hi)) if hi > lo => (hi - lo) / RANGE_TO_STD,
                    _ => self.default_std * p.projection.abs(),
                };
                let against = slate.roster.sport.is_against_opponent(&p.positions);
                let passing = !against
                    && p.positions
                        .iter()
                        .any(|x| traits.passing.contains(&x.as_str()));
                let own = team_index(&p.team);
                let opp = p.opponent.as_deref().and_then(team_index);
                let (team, game) = if traits.individual {
                    // Head to head, the match is one factor the two sides load on with
                    // opposite signs; alone in a field, a player shares nothing.
                    let side = match (own, opp) {
                        (Some(o), Some(q)) => Some((o.min(q), if o < q { 1.0 } else { -1.0 })),
                        _ => None,
                    };
                    (side, None)
                } else {
                    let team = if against {
                        opp.map(|o| (o, -1.0))
                    } else {
                        own.map(|o| (o, 1.0))
                    };
                    let game = game_key(p)
                        .and_then(|k| games.binary_search(&k).ok())
                        .map(|k| (k, if against { -1.0 } else { 1.0 }));
                    (team, game)
                };
                let shared = if team.is_some() { t } else { 0.0 }
                    + if passing && own.is_some() { s } else { 0.0 }
                    + if game.is_some() { g } else { 0.0 };
                Loading {
                    mean: p.projection,
                    std,
                    team,
                    passing: if passing { own } else { None },
                    game,
                    own: (1.0 - shared).max(0.0).sqrt(),
                }
            })
            .collect();
        let mut outcomes = Outcomes {
            person_of_row,
            first_row,
            loadings,
            joint: None,
            teams: teams.len(),
            games: games.len(),
            team_weight: t.sqrt(),
            stack_weight: s.sqrt(),
            game_weight: g.sqrt(),
        };
        if self.has_user_correlations() {
            outcomes.joint = Some(self.joint(slate, &outcomes)?);
        }
        Ok(outcomes)
    }
}

/// A standard normal draw (Box–Muller; `1 − u` keeps the log finite).
#[inline]
pub(crate) fn normal(rng: &mut fastrand::Rng) -> f64 {
    let u1 = 1.0 - rng.f64();
    let u2 = rng.f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// The seed of simulation `index` of a run seeded `seed` (SplitMix64 of the pair).
pub(crate) fn stream_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15u64.wrapping_mul(index.wrapping_add(1)));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Outcomes {
    pub fn persons(&self) -> usize {
        self.loadings.len()
    }

    /// Variance shares of the team, passing and game factors.
    pub fn shares(&self) -> (f64, f64, f64) {
        (
            self.team_weight * self.team_weight,
            self.stack_weight * self.stack_weight,
            self.game_weight * self.game_weight,
        )
    }

    /// The joint draw under the user's correlations, if any.
    pub fn joint(&self) -> Option<&Joint> {
        self.joint.as_ref()
    }

    /// Points of every person in simulation `index`, written into `points` (one per person);
    /// `factors` is scratch space.
    pub fn draw(&self, seed: u64, index: u64, points: &mut [f64], factors: &mut Vec<f64>) {
        let mut rng = fastrand::Rng::with_seed(stream_seed(seed, index));
        if let Some(joint) = &self.joint {
            joint.draw(&mut rng, points, factors);
            for (out, l) in points.iter_mut().zip(&self.loadings) {
                *out = l.mean + l.std * *out;
            }
            return;
        }
        factors.clear();
        factors.extend((0..2 * self.teams + self.games).map(|_| normal(&mut rng)));
        let (team_f, rest) = factors.split_at(self.teams);
        let (pass_f, game_f) = rest.split_at(self.teams);
        for (out, l) in points.iter_mut().zip(&self.loadings) {
            let mut z = l.own * normal(&mut rng);
            if let Some((t, sign)) = l.team {
                z += sign * self.team_weight * team_f[t];
            }
            if let Some(t) = l.passing {
                z += self.stack_weight * pass_f[t];
            }
            if let Some((g, sign)) = l.game {
                z += sign * self.game_weight * game_f[g];
            }
            *out = l.mean + l.std * z;
        }
    }
}
