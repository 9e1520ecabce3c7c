//! Correlations the user sets: by position (teammates, or a player and an opposing player, as
//! chanzer0's DFS tools take them) and by named pair. With any set, outcomes are drawn from the
//! exact multivariate normal of each group of persons that can move together (a game, joined
//! to others by named pairs): the factor model's correlation for every pair not overridden,
//! the user's where set. A matrix written pair by pair is often not a valid correlation matrix,
//! so each group's is repaired by clipping negative eigenvalues to zero and rescaling to a unit
//! diagonal (Rebonato & Jäckel 1999, the spectral method); the largest change is reported.

use linfa_linalg::eigh::Eigh;
use ndarray::Array2;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::outcomes::{Loading, OutcomeModel, Outcomes, game_key, normal};
use crate::lineup::error::LineupError;
use crate::lineup::slate::Slate;

/// Most persons whose outcomes are drawn jointly: the repair costs `n³` once and every
/// simulated slate `n²`.
pub const MAX_CORRELATION_GROUP: usize = 2_000;

/// Most correlation entries of each kind in one model.
pub const MAX_CORRELATION_RULES: u64 = 100_000;

/// The correlation of two positions' points: of teammates, or of a player and an opposing
/// player.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct PositionCorrelation {
    /// One player's position ("QB").
    pub a: String,
    /// The other's ("WR").
    pub b: String,
    /// The other plays for the first one's opponent (default: his teammate).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", ts(as = "Option<bool>", optional))]
    pub opponent: bool,
    /// Correlation of their fantasy points, in [−1, 1].
    pub value: f64,
}

/// The correlation of two named players' points (a name or the site's ID each; a showdown
/// captain is the same person as his FLEX row).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct PlayerCorrelation {
    /// One player: name or ID.
    pub a: String,
    /// The other.
    pub b: String,
    /// Correlation of their fantasy points, in [−1, 1].
    pub value: f64,
}

/// Persons drawn jointly: `z[persons[i]] = Σ_j factor[i·n + j] · e_j` with `e` standard normal.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub persons: Vec<u32>,
    pub factor: Vec<f64>,
}

/// The joint draw of every person.
#[derive(Debug, Clone)]
pub(crate) struct Joint {
    /// Groups of two or more persons.
    pub groups: Vec<Group>,
    /// Persons who move alone.
    pub alone: Vec<u32>,
    /// Each person's group and row in it (`None`: alone).
    pub place: Vec<Option<(u32, u32)>>,
    /// Largest change the repair made to any correlation.
    pub largest_repair: f64,
}

fn rule_error(rule: &str, message: String) -> LineupError {
    LineupError::Rule {
        rule: format!("outcomes.{rule}"),
        message,
    }
}

fn check_value(rule: &str, k: usize, value: f64) -> Result<(), LineupError> {
    if value.is_finite() && (-1.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(rule_error(
            &format!("{rule}[{k}]"),
            format!("correlation {value} must lie in [-1, 1]"),
        ))
    }
}

/// Each person's index by every row ID and by name (`None` where two persons share a name).
fn person_names<'s>(slate: &'s Slate, outcomes: &Outcomes) -> FxHashMap<&'s str, Option<u32>> {
    let mut names: FxHashMap<&str, Option<u32>> = FxHashMap::default();
    for (row, p) in slate.players.iter().enumerate() {
        let person = outcomes.person_of_row[row];
        names.insert(p.id.as_str(), Some(person));
        names
            .entry(p.name.as_str())
            .and_modify(|seen| {
                if *seen != Some(person) {
                    *seen = None;
                }
            })
            .or_insert(Some(person));
    }
    names
}

/// The person named or identified `who`; errors name `rule`.
fn resolve(
    names: &FxHashMap<&str, Option<u32>>,
    rule: &str,
    who: &str,
) -> Result<u32, LineupError> {
    match names.get(who) {
        Some(Some(person)) => Ok(*person),
        Some(None) => Err(rule_error(
            rule,
            format!("two players are named '{who}'; name one by its ID"),
        )),
        None => Err(rule_error(
            rule,
            format!("no player is named or has the ID '{who}'"),
        )),
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// The factor model's correlation of two distinct persons.
fn implied(outcomes: &Outcomes, a: &Loading, b: &Loading) -> f64 {
    let (t, s, g) = outcomes.shares();
    let mut c = 0.0;
    if let (Some((x, sx)), Some((y, sy))) = (a.team, b.team)
        && x == y
    {
        c += sx * sy * t;
    }
    if let (Some(x), Some(y)) = (a.passing, b.passing)
        && x == y
    {
        c += s;
    }
    if let (Some((x, sx)), Some((y, sy))) = (a.game, b.game)
        && x == y
    {
        c += sx * sy * g;
    }
    c
}

impl OutcomeModel {
    /// Whether the user set any correlation.
    pub(crate) fn has_user_correlations(&self) -> bool {
        !(self.position_correlations.is_empty() && self.player_correlations.is_empty())
    }

    /// The joint draw of the slate's persons under the user's correlations.
    pub(crate) fn joint(&self, slate: &Slate, outcomes: &Outcomes) -> Result<Joint, LineupError> {
        for (what, len) in [
            ("position_correlations", self.position_correlations.len()),
            ("player_correlations", self.player_correlations.len()),
        ] {
            if len as u64 > MAX_CORRELATION_RULES {
                return Err(rule_error(
                    what,
                    format!("{len} entries, over the bound of {MAX_CORRELATION_RULES}"),
                ));
            }
        }
        let persons = outcomes.persons();
        let row_of = |person: usize| &slate.players[outcomes.first_row[person]];
        // Positions named by the rules, as bits of each person.
        let mut position_bit: FxHashMap<&str, u64> = FxHashMap::default();
        for (k, rule) in self.position_correlations.iter().enumerate() {
            check_value("position_correlations", k, rule.value)?;
            for name in [&rule.a, &rule.b] {
                if !slate
                    .players
                    .iter()
                    .any(|p| p.positions.iter().any(|x| x == name))
                {
                    return Err(rule_error(
                        &format!("position_correlations[{k}]"),
                        format!("no player on the slate plays {name}"),
                    ));
                }
                let next = position_bit.len();
                if next == 64 && !position_bit.contains_key(name.as_str()) {
                    return Err(rule_error(
                        &format!("position_correlations[{k}]"),
                        "more than 64 positions are named".into(),
                    ));
                }
                position_bit.entry(name.as_str()).or_insert(1u64 << next);
            }
        }
        let bits: Vec<u64> = (0..persons)
            .map(|i| {
                row_of(i)
                    .positions
                    .iter()
                    .filter_map(|x| position_bit.get(x.as_str()))
                    .fold(0, |acc, b| acc | b)
            })
            .collect();
        let rules: Vec<(u64, u64, bool, f64)> = self
            .position_correlations
            .iter()
            .map(|r| {
                (
                    position_bit[r.a.as_str()],
                    position_bit[r.b.as_str()],
                    r.opponent,
                    r.value,
                )
            })
            .collect();
        let names = person_names(slate, outcomes);
        let mut pairs: FxHashMap<(u32, u32), f64> = FxHashMap::default();
        for (k, rule) in self.player_correlations.iter().enumerate() {
            check_value("player_correlations", k, rule.value)?;
            let at = format!("player_correlations[{k}]");
            let (a, b) = (
                resolve(&names, &at, &rule.a)?,
                resolve(&names, &at, &rule.b)?,
            );
            if a == b {
                return Err(rule_error(
                    &format!("player_correlations[{k}]"),
                    format!("'{}' and '{}' are the same player", rule.a, rule.b),
                ));
            }
            pairs.insert((a.min(b), a.max(b)), rule.value);
        }

        // Groups: a game (else a team), joined by the named pairs.
        let mut keys: FxHashMap<String, usize> = FxHashMap::default();
        let mut parent: Vec<usize> = (0..persons).collect();
        for i in 0..persons {
            let p = row_of(i);
            let key = game_key(p).or_else(|| (!p.team.is_empty()).then(|| format!("@{}", p.team)));
            if let Some(key) = key {
                let first = *keys.entry(key).or_insert(i);
                let (x, y) = (find(&mut parent, first), find(&mut parent, i));
                parent[y] = x;
            }
        }
        for &(a, b) in pairs.keys() {
            let (x, y) = (find(&mut parent, a as usize), find(&mut parent, b as usize));
            parent[y] = x;
        }
        let mut members: FxHashMap<usize, Vec<u32>> = FxHashMap::default();
        for i in 0..persons {
            let root = find(&mut parent, i);
            members.entry(root).or_default().push(i as u32);
        }
        let mut roots: Vec<usize> = members.keys().copied().collect();
        roots.sort_unstable();

        let mut joint = Joint {
            groups: Vec::new(),
            alone: Vec::new(),
            place: vec![None; persons],
            largest_repair: 0.0,
        };
        for root in roots {
            let group = members.remove(&root).unwrap_or_default();
            if group.len() == 1 {
                joint.alone.push(group[0]);
                continue;
            }
            if group.len() > MAX_CORRELATION_GROUP {
                return Err(rule_error(
                    "player_correlations",
                    format!(
                        "{} players would move together, over the bound of {MAX_CORRELATION_GROUP}",
                        group.len()
                    ),
                ));
            }
            let relation = |i: usize, j: usize| -> Option<bool> {
                let (p, q) = (row_of(i), row_of(j));
                if !p.team.is_empty() && p.team == q.team {
                    Some(false)
                } else if p.opponent.as_deref() == Some(q.team.as_str())
                    || q.opponent.as_deref() == Some(p.team.as_str())
                {
                    Some(true)
                } else {
                    None
                }
            };
            let n = group.len();
            let matrix = Array2::from_shape_fn((n, n), |(x, y)| {
                if x == y {
                    return 1.0;
                }
                let (i, j) = (group[x] as usize, group[y] as usize);
                if let Some(v) = pairs.get(&(i.min(j) as u32, i.max(j) as u32)) {
                    return *v;
                }
                let mut c = implied(outcomes, &outcomes.loadings[i], &outcomes.loadings[j]);
                if let Some(opponent) = relation(i, j) {
                    let (bi, bj) = (bits[i], bits[j]);
                    for &(a, b, against, value) in &rules {
                        if against == opponent
                            && ((bi & a != 0 && bj & b != 0) || (bi & b != 0 && bj & a != 0))
                        {
                            c = value;
                        }
                    }
                }
                c
            });
            let (factor, repair) = repaired_factor(&matrix)?;
            joint.largest_repair = joint.largest_repair.max(repair);
            joint.groups.push(Group {
                persons: group,
                factor,
            });
        }
        for (g, group) in joint.groups.iter().enumerate() {
            for (i, &person) in group.persons.iter().enumerate() {
                joint.place[person as usize] = Some((g as u32, i as u32));
            }
        }
        Ok(joint)
    }
}

/// A factor `F` with `F·Fᵀ` the nearest valid correlation matrix to `matrix` by the spectral
/// method, and the largest change made to any entry.
fn repaired_factor(matrix: &Array2<f64>) -> Result<(Vec<f64>, f64), LineupError> {
    let n = matrix.nrows();
    let (values, vectors) = matrix.eigh().map_err(|e| {
        rule_error(
            "position_correlations",
            format!("the correlation matrix could not be decomposed: {e}"),
        )
    })?;
    let roots: Vec<f64> = values.iter().map(|v| v.max(0.0).sqrt()).collect();
    let mut factor = vec![0.0; n * n];
    for i in 0..n {
        let row = &mut factor[i * n..(i + 1) * n];
        for (j, out) in row.iter_mut().enumerate() {
            *out = vectors[(i, j)] * roots[j];
        }
        let norm = row.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 1e-12 {
            row.iter_mut().for_each(|x| *x /= norm);
        } else {
            row.iter_mut().for_each(|x| *x = 0.0);
            row[i] = 1.0;
        }
    }
    let mut largest = 0.0f64;
    for i in 0..n {
        for j in 0..i {
            let c: f64 = (0..n).map(|k| factor[i * n + k] * factor[j * n + k]).sum();
            largest = largest.max((c - matrix[(i, j)]).abs());
        }
    }
    Ok((factor, largest))
}

impl Joint {
    /// Standard-normal `z` of every person in one simulated slate.
    pub fn draw(&self, rng: &mut fastrand::Rng, z: &mut [f64], scratch: &mut Vec<f64>) {
        for &person in &self.alone {
            z[person as usize] = normal(rng);
        }
        for group in &self.groups {
            let n = group.persons.len();
            scratch.clear();
            scratch.extend((0..n).map(|_| normal(rng)));
            for (i, &person) in group.persons.iter().enumerate() {
                let row = &group.factor[i * n..(i + 1) * n];
                z[person as usize] = row.iter().zip(scratch.iter()).map(|(f, e)| f * e).sum();
            }
        }
    }

    /// The correlation drawn between two persons.
    pub fn correlation(&self, a: u32, b: u32) -> f64 {
        if a == b {
            return 1.0;
        }
        match (self.place[a as usize], self.place[b as usize]) {
            (Some((g, i)), Some((h, j))) if g == h => {
                let group = &self.groups[g as usize];
                let n = group.persons.len();
                let (i, j) = (i as usize, j as usize);
                group.factor[i * n..(i + 1) * n]
                    .iter()
                    .zip(&group.factor[j * n..(j + 1) * n])
                    .map(|(x, y)| x * y)
                    .sum()
            }
            _ => 0.0,
        }
    }
}

/// The correlations the contest simulator draws between players' points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct OutcomeCorrelations {
    /// The players asked for, as given.
    pub players: Vec<String>,
    /// `correlations[i][j]`: between players `i` and `j`.
    pub correlations: Vec<Vec<f64>>,
    /// Largest change the repair made to any correlation on the slate (0 when the matrix the
    /// rules describe is valid, or no rule was set).
    pub largest_repair: f64,
}

/// Most players in one [`outcome_correlations`] call.
pub const MAX_CORRELATION_PLAYERS: u64 = 2_000;

/// The correlations of `players` (names or IDs) under `model`, as the contest simulator draws
/// them: the factor model's, the user's position and player correlations over them, repaired.
///
/// ```
/// use edgekit::lineup::{outcome_correlations, OutcomeModel, PositionCorrelation, Site, Slate, Sport};
///
/// let slate = Slate::from_csv_path(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nba_classic_2018-12-03_draftfast.csv"),
///     Site::DraftKings, Sport::Nba, None)?;
/// let team = &slate.players[0].team;
/// let pair: Vec<String> = ["PG", "C"].iter()
///     .map(|pos| slate.players.iter().find(|p| &p.team == team && p.positions.contains(&pos.to_string())).unwrap().id.clone())
///     .collect();
/// let model = OutcomeModel {
///     position_correlations: vec![PositionCorrelation { a: "PG".into(), b: "C".into(), opponent: false, value: 0.3 }],
///     ..OutcomeModel::default()
/// };
/// let c = outcome_correlations(&slate, &pair, &model)?;
/// assert!((c.correlations[0][1] - 0.3).abs() < 1e-9);
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub fn outcome_correlations(
    slate: &Slate,
    players: &[String],
    model: &OutcomeModel,
) -> Result<OutcomeCorrelations, LineupError> {
    crate::limits::check_count("players", players.len(), 1, MAX_CORRELATION_PLAYERS)?;
    let outcomes = model.outcomes(slate)?;
    let names = person_names(slate, &outcomes);
    let persons = players
        .iter()
        .map(|who| resolve(&names, "players", who))
        .collect::<Result<Vec<u32>, _>>()?;
    let correlation = |a: u32, b: u32| match outcomes.joint() {
        Some(joint) => joint.correlation(a, b),
        None if a == b => 1.0,
        None => implied(
            &outcomes,
            &outcomes.loadings[a as usize],
            &outcomes.loadings[b as usize],
        ),
    };
    Ok(OutcomeCorrelations {
        players: players.to_vec(),
        correlations: persons
            .iter()
            .map(|&a| persons.iter().map(|&b| correlation(a, b)).collect())
            .collect(),
        largest_repair: outcomes.joint().map_or(0.0, |j| j.largest_repair),
    })
}
