//! The rules a user puts on lineups, as plain data (serde), so Python dicts and JS objects map
//! onto them one to one. Every field is optional; an empty `Rules` keeps only the site's rules.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Rules for a run of lineups. Players are named by site ID or by name (case and punctuation
/// ignored), teams by abbreviation, positions as the site writes them.
///
/// ```
/// use edgekit::lineup::{Rules, Stack};
///
/// let rules: Rules = serde_json::from_str(r#"{
///     "max_exposure": 0.5,
///     "max_repeating": 6,
///     "stacks": [{"type": "positions", "positions": ["QB", "WR|TE", "WR|TE"]}]
/// }"#).unwrap();
/// assert!(matches!(rules.stacks[0], Stack::Positions { .. }));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Lowest total salary a lineup may use.
    pub min_salary: Option<u32>,
    /// Highest total salary (below the site's cap).
    pub max_salary: Option<u32>,
    /// Players every lineup must contain, optionally in a given slot ("CPT", "FLEX").
    pub locks: Vec<Lock>,
    /// Players no lineup may contain.
    pub excludes: Vec<String>,
    /// Teams no lineup may contain.
    pub exclude_teams: Vec<String>,
    /// Most players from one team (tightens the site's own limit).
    pub max_per_team: Option<usize>,
    /// Fewest distinct teams.
    pub min_teams: Option<usize>,
    /// Most distinct teams.
    pub max_teams: Option<usize>,
    /// Stacks every lineup must contain (all of them).
    pub stacks: Vec<Stack>,
    /// Position pairs that may not face each other (e.g. no offense against your own DST), or
    /// only up to `max_allowed` opponents each.
    pub restrict_opposing: Vec<OpposingRestriction>,
    /// Position pairs that may not come from one team (e.g. no QB with his own RB; no two RBs
    /// of one team).
    pub restrict_same_team: Vec<SameTeamRestriction>,
    /// Player groups with a minimum and/or maximum count, or a dependency.
    pub groups: Vec<Group>,
    /// Baseball: teammates at these positions come from a few consecutive batting-order spots,
    /// whether stacked or not (pydfs-lineup-optimizer's `set_spacing_for_positions`).
    pub position_spacing: Option<PositionSpacing>,
    /// Fewest confirmed starters (players whose `confirmed_starter` is true) in a lineup
    /// (pydfs-lineup-optimizer's `set_min_starters`).
    pub min_starters: Option<usize>,
    /// Most lineups (fraction of `n`, 0–1) any one player may appear in.
    pub max_exposure: Option<f64>,
    /// Most lineups (fraction of `n`) any one team may appear in, with one player or more
    /// (pydfs-lineup-optimizer's team exposures).
    pub max_team_exposure: Option<f64>,
    /// Per-team caps (fractions of `n`), over `max_team_exposure` for the teams named.
    pub team_exposures: Vec<TeamExposure>,
    /// Most lineups (fraction of `n`) any player may be the captain/MVP in (single-game
    /// contests; the slots with a points multiplier).
    pub max_captain_exposure: Option<f64>,
    /// Most lineups (fraction of `n`) any player may fill a plain FLEX/UTIL slot in
    /// (single-game contests).
    pub max_flex_exposure: Option<f64>,
    /// Most players any two lineups may share (default: roster size − 1, i.e. distinct).
    pub max_repeating: Option<usize>,
    /// How exposure caps count (default `total`).
    pub exposure_strategy: Option<ExposureStrategy>,
    /// Seeded random perturbation of projections, drawn afresh for each lineup.
    pub randomness: Option<Randomness>,
    /// Progressive projection bumps: a player left out of a lineup gains `scale` × his
    /// projection for the next one, cumulatively, until a lineup uses him (pydfs-lineup-
    /// optimizer's `ProgressiveFantasyPointsStrategy`). Lineups report real projections.
    pub progressive: Option<Progressive>,
    /// Highest sum of the players' projected ownerships (percent; e.g. `120`): a cap on how
    /// chalky a lineup may be. Needs every player's `ownership`.
    pub max_total_ownership: Option<f64>,
    /// Highest product of the players' ownerships as fractions (e.g. `1e-8`), the chance that
    /// a random field lineup holds the same players; ownerships below 0.0001 % count as
    /// 0.0001 %. Needs every player's `ownership`.
    pub max_product_ownership: Option<f64>,
    /// Optimize leverage instead of raw points: each player's projection less a penalty on
    /// ownership. The lineups report their real projections.
    pub ownership_penalty: Option<OwnershipPenalty>,
    /// Drop players projected at zero or below (default true).
    pub drop_zero_projections: Option<bool>,
    /// Injury statuses to drop (default `["O", "IR", "IL", "D", "OUT", "NA", "SUS", "INJ"]`; add `"Q"` to drop
    /// questionable players).
    pub drop_injury: Option<Vec<String>>,
}

/// A locked player, by ID or name, optionally to one slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Lock {
    /// Anywhere in the lineup.
    Player(String),
    /// In the named slot.
    InSlot {
        /// ID or name.
        player: String,
        /// Slot label ("CPT", "FLEX", "UTIL"...).
        slot: String,
    },
}

impl Lock {
    /// The player named.
    pub fn player(&self) -> &str {
        match self {
            Lock::Player(p) | Lock::InSlot { player: p, .. } => p,
        }
    }
}

/// A stack: several players who score together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Stack {
    /// At least `size` players from one team (of `teams`, if given), with positions in
    /// `positions` (any, if empty), plus `bring_back` players (positions in `bring_back_positions`)
    /// from that team's opponent. Baseball: with `spacing`, the `size` players come from
    /// `spacing` consecutive spots of the batting order (wrapping from 9 to 1, as
    /// pydfs-lineup-optimizer does); players without a `batting_order` do not count.
    Team {
        /// Players from the team.
        size: usize,
        /// Positions that count (empty: all).
        #[serde(default)]
        positions: Vec<String>,
        /// Teams allowed to be the stack (empty: all).
        #[serde(default)]
        teams: Vec<String>,
        /// Opposing players required.
        #[serde(default)]
        bring_back: usize,
        /// Positions that count as bring-back (empty: all).
        #[serde(default)]
        bring_back_positions: Vec<String>,
        /// Batting-order window the stack's players come from (1–9 spots; none: any).
        #[serde(default)]
        spacing: Option<usize>,
        /// Most lineups (a share of the run) that may meet the stack with any one team; once a
        /// team's share is spent, later lineups do not meet it with that team at all
        /// (pydfs-lineup-optimizer's `max_exposure` on a stack).
        #[serde(default)]
        max_exposure: Option<f64>,
        /// Per-team shares overriding `max_exposure` (pydfs' `max_exposure_per_team`).
        #[serde(default)]
        max_exposure_per_team: BTreeMap<String, f64>,
    },
    /// One player per entry from a single team, each entry a position or alternatives `"WR|TE"`
    /// (e.g. `["QB", "WR|TE", "WR|TE"]`), plus optional bring-back from the opponent.
    Positions {
        /// Required positions from one team.
        positions: Vec<String>,
        /// Teams allowed to be the stack (empty: all).
        #[serde(default)]
        teams: Vec<String>,
        /// Opposing positions required (each entry one player, alternatives with `|`).
        #[serde(default)]
        bring_back: Vec<String>,
        /// Most lineups (a share of the run) that may meet the stack with any one team (see
        /// [`Stack::Team`]).
        #[serde(default)]
        max_exposure: Option<f64>,
        /// Per-team shares overriding `max_exposure`.
        #[serde(default)]
        max_exposure_per_team: BTreeMap<String, f64>,
    },
    /// At least `size` players from one game, at least `min_from_each_team` from each side.
    Game {
        /// Players from the game.
        size: usize,
        /// Minimum from each of its two teams.
        #[serde(default)]
        min_from_each_team: usize,
        /// Games allowed (e.g. "NYG@DAL"; empty: all).
        #[serde(default)]
        games: Vec<String>,
        /// Most lineups (a share of the run) that may meet the stack with any one game.
        #[serde(default)]
        max_exposure: Option<f64>,
    },
}

impl Stack {
    /// The stack's exposure caps: the share for every team (or game) and the per-team shares.
    pub fn exposure_caps(&self) -> (Option<f64>, Option<&BTreeMap<String, f64>>) {
        match self {
            Stack::Team {
                max_exposure,
                max_exposure_per_team,
                ..
            }
            | Stack::Positions {
                max_exposure,
                max_exposure_per_team,
                ..
            } => (*max_exposure, Some(max_exposure_per_team)),
            Stack::Game { max_exposure, .. } => (*max_exposure, None),
        }
    }

    /// The stack's exposure cap for a team or game named `choice` (a share of the run), if any.
    pub fn exposure_cap(&self, choice: &str) -> Option<f64> {
        let (cap, per_team) = self.exposure_caps();
        per_team
            .and_then(|m| m.iter().find(|(team, _)| team.eq_ignore_ascii_case(choice)))
            .map(|(_, &share)| share)
            .or(cap)
    }

    /// Whether any exposure cap is set.
    pub fn has_exposure_caps(&self) -> bool {
        let (cap, per_team) = self.exposure_caps();
        cap.is_some() || per_team.is_some_and(|m| !m.is_empty())
    }

    /// A short description for messages ("positions stack QB + WR|TE with bring-back WR").
    pub fn label(&self) -> String {
        match self {
            Stack::Team {
                size,
                bring_back,
                spacing,
                ..
            } => {
                let mut label = format!("team stack of {size}");
                if let Some(s) = spacing {
                    label += &format!(" within {s} batting spots");
                }
                if *bring_back > 0 {
                    label += &format!(" + {bring_back} bring-back");
                }
                label
            }
            Stack::Positions {
                positions,
                bring_back,
                ..
            } if !bring_back.is_empty() => format!(
                "positions stack {} with bring-back {}",
                positions.join(" + "),
                bring_back.join(" + ")
            ),
            Stack::Positions { positions, .. } => {
                format!("positions stack {}", positions.join(" + "))
            }
            Stack::Game { size, .. } => format!("game stack of {size}"),
        }
    }
}

/// Players at `positions` may not face players at `opposing` (e.g. DST vs QB/RB/WR/TE), or
/// face at most `max_allowed` of them each (pydfs-lineup-optimizer's
/// `restrict_positions_for_opposing_team(..., max_allowed)`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpposingRestriction {
    /// Positions of the first player.
    pub positions: Vec<String>,
    /// Positions the first player may not face.
    pub opposing: Vec<String>,
    /// Opposing players at those positions each first player may face (default 0).
    #[serde(default)]
    pub max_allowed: usize,
}

/// A player at `positions` and a different teammate at `teammates` may not be in one lineup
/// (pydfs-lineup-optimizer's `restrict_positions_for_same_team`, e.g. `QB` with `RB`, or `RB`
/// with `RB`: at most one running back per team).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SameTeamRestriction {
    /// Positions of the first player.
    pub positions: Vec<String>,
    /// Positions of teammates the first player may not have.
    pub teammates: Vec<String>,
}

/// Teammates at `positions` must come from `spacing` consecutive batting-order spots, wrapping
/// from 9 to 1: two of them `d` spots apart are allowed together only when `min(d, 9 − d)` is
/// below `spacing`. Players without a `batting_order` are not limited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionSpacing {
    /// Positions the rule covers (empty: all).
    #[serde(default)]
    pub positions: Vec<String>,
    /// Consecutive batting-order spots (1–9; 9 allows any).
    pub spacing: usize,
}

/// The most lineups (a fraction of `n`) one team may appear in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamExposure {
    /// Team abbreviation.
    pub team: String,
    /// Fraction of the lineups, 0–1.
    pub max_exposure: f64,
}

/// A group of players: between `min` and `max` of them in each lineup; with `depends_on`, the
/// group's minimum applies only when that player is in the lineup.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Group {
    /// IDs or names.
    pub players: Vec<String>,
    /// Fewest from the group.
    pub min: Option<usize>,
    /// Most from the group.
    pub max: Option<usize>,
    /// The group's minimum applies only to lineups with this player.
    pub depends_on: Option<String>,
}

/// How projections are perturbed for each lineup (pydfs' "randomness"): each player's points are
/// drawn uniformly from ±`scale`·std around the projection (`mode = "std"`; players without a std
/// use 15 % of their projection), or uniformly from floor–ceiling (`mode = "range"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Randomness {
    /// `"std"` or `"range"`.
    #[serde(default = "default_mode")]
    pub mode: String,
    /// Width in standard deviations (std mode).
    #[serde(default = "default_scale")]
    pub scale: f64,
}

/// How exposure caps (`max_exposure`, players' `max_exposure`, team, captain and flex caps)
/// count, as pydfs-lineup-optimizer's exposure strategies do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExposureStrategy {
    /// A cap of `e` allows `floor(e × n)` lineups of the run; the best lineups use them first.
    #[default]
    Total,
    /// Before each lineup, whoever's share of the lineups so far is at or above his cap sits
    /// it out (caps of 1 never bind): exposure spreads through the run, which is then no
    /// longer in decreasing projection, and a share may end slightly above its cap.
    #[serde(alias = "afterEach")]
    AfterEach,
}

/// [`Rules::progressive`]: the bump per lineup a player sits out.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progressive {
    /// Fraction of the projection gained per lineup left out (default 0.01, pydfs' default).
    #[serde(default = "default_progressive_scale")]
    pub scale: f64,
}

fn default_progressive_scale() -> f64 {
    0.01
}

/// The ownership penalty of [`Rules::ownership_penalty`]: the objective becomes the sum of
/// `projection − weight × ownership` (percent, `kind = "linear"`), or of `projection + weight ×
/// ln(1 / ownership fraction)` (`kind = "log"`: a bonus growing as ownership falls, the
/// geometric-mean form: the lineup's total is its points less `weight` × the log of the
/// product of its ownerships). A captain's multiplier applies to points, not to the penalty.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnershipPenalty {
    /// Points given up per unit of ownership (≥ 0).
    pub weight: f64,
    /// `linear` (per percent owned) or `log` (per unit of −ln ownership).
    #[serde(default)]
    pub kind: PenaltyKind,
}

/// The form of an [`OwnershipPenalty`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PenaltyKind {
    /// `weight × ownership %`.
    #[default]
    Linear,
    /// `weight × ln(ownership fraction)` (the product of ownerships, in logs).
    Log,
}

/// Ownership below this fraction counts as this much in the product rule and the log penalty
/// (so a 0 %-owned player neither breaks the logs nor wins every lineup alone).
pub const OWNERSHIP_FLOOR: f64 = 1e-6;

fn default_mode() -> String {
    "std".into()
}

fn default_scale() -> f64 {
    1.0
}
