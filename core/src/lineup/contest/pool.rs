//! The candidate pool a contest set is chosen from.

use rayon::prelude::*;

use crate::lineup::error::LineupError;
use crate::lineup::optimizer::Optimizer;
use crate::lineup::output::Lineup;
use crate::lineup::roster::{Contest, Sport};
use crate::lineup::rules::{OwnershipPenalty, PenaltyKind, Rules, Stack};
use crate::lineup::slate::Slate;

/// Up to `n` best lineups under `rules`, fewer when fewer exist; none when none do.
fn best(slate: &Slate, rules: Rules, n: usize) -> Result<Vec<Lineup>, LineupError> {
    let optimizer = match Optimizer::new(slate, rules) {
        Ok(o) => o,
        Err(LineupError::Infeasible { .. }) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    optimizer.optimize_up_to(n, None)
}

/// The stack each team's run is built around, from the sport's traits (none where players
/// compete alone).
fn team_stack(sport: Sport, team: &str) -> Option<Stack> {
    let traits = sport.traits();
    if traits.individual || traits.stack_size < 2 {
        return None;
    }
    let teams = vec![team.to_owned()];
    let partners: Vec<String> = traits
        .stack_partners
        .iter()
        .map(|p| p.to_string())
        .collect();
    Some(if traits.stack_anchors.is_empty() {
        Stack::Team {
            size: traits.stack_size,
            positions: partners,
            teams,
            bring_back: 0,
            bring_back_positions: Vec::new(),
            spacing: None,
            max_exposure: None,
            max_exposure_per_team: Default::default(),
        }
    } else {
        // The anchor, then stack_size − 1 partners.
        let mut positions = vec![traits.stack_anchors.join("|")];
        positions.extend(std::iter::repeat_n(
            partners.join("|"),
            traits.stack_size - 1,
        ));
        Stack::Positions {
            positions,
            teams,
            bring_back: Vec::new(),
            max_exposure: None,
            max_exposure_per_team: Default::default(),
        }
    })
}

/// About `wanted` distinct candidate lineups under `rules`: 40 % the exact best, 40 % the best
/// built on each team's stack (a QB and a pass catcher in football, four hitters in baseball,
/// three skaters in hockey, two players in basketball, two attackers in soccer, three players
/// in League of Legends; single-game slates and sports played alone skip this part), 20 %
/// from three runs penalising ownership (0.05, 0.15 and 0.3 points per percent owned; skipped
/// when no player has projected ownership). Exposure, repeating and randomness rules are left
/// to the choice among them.
///
/// ```
/// use edgekit::lineup::{candidate_pool, Rules, Site, Slate, Sport};
///
/// let slate = Slate::from_csv_path(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nba_classic_2018-12-03_draftfast.csv"),
///     Site::DraftKings, Sport::Nba, None)?;
/// let pool = candidate_pool(&slate, &Rules::default(), 200)?;
/// assert!(pool.len() > 150 && pool.len() <= 200);
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub fn candidate_pool(
    slate: &Slate,
    rules: &Rules,
    wanted: usize,
) -> Result<Vec<Lineup>, LineupError> {
    crate::limits::check_count("candidates", wanted, 1, crate::limits::MAX_LINEUPS)?;
    let mut base = rules.clone();
    base.max_exposure = None;
    base.max_captain_exposure = None;
    base.max_flex_exposure = None;
    base.max_repeating = None;
    base.randomness = None;
    // Checked once here, so a rule error is reported as such rather than as an empty pool.
    Optimizer::new(slate, base.clone())?;
    let mut runs: Vec<(Rules, usize)> = Vec::new();
    let single_game = slate.roster.contest == Contest::Showdown;
    let owned = slate
        .players
        .iter()
        .any(|p| p.extra.ownership.is_some_and(|o| o > 0.0));
    let stacks = !single_game && !slate.roster.sport.traits().individual;
    let stacked_share = if stacks { wanted * 2 / 5 } else { 0 };
    let leverage_share = if owned { wanted / 5 } else { 0 };
    runs.push((base.clone(), wanted - stacked_share - leverage_share));
    if stacked_share > 0 {
        let mut teams: Vec<&str> = slate.players.iter().map(|p| p.team.as_str()).collect();
        teams.sort_unstable();
        teams.dedup();
        let each = stacked_share.div_ceil(teams.len().max(1));
        for team in teams {
            let mut r = base.clone();
            r.stacks.extend(team_stack(slate.roster.sport, team));
            runs.push((r, each));
        }
    }
    if leverage_share > 0 {
        for weight in [0.05, 0.15, 0.3] {
            let mut r = base.clone();
            r.ownership_penalty = Some(OwnershipPenalty {
                weight,
                kind: PenaltyKind::Linear,
            });
            runs.push((r, leverage_share.div_ceil(3)));
        }
    }
    let exact_share = runs[0].1;
    let found: Vec<Result<Vec<Lineup>, LineupError>> = runs
        .into_par_iter()
        .map(|(r, k)| best(slate, r, k))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut pool = Vec::with_capacity(wanted);
    let mut add = |pool: &mut Vec<Lineup>, l: Lineup| {
        let mut rows: Vec<usize> = l.players.iter().map(|p| p.row).collect();
        rows.sort_unstable();
        if pool.len() < wanted && seen.insert(rows) {
            pool.push(l);
        }
    };
    for run in found {
        for l in run? {
            add(&mut pool, l);
        }
    }
    // Runs overlap: top the pool up from further down the exact sequence (the k-best sequence
    // is the same for any k, so the first lineups repeat and are skipped).
    let mut k = exact_share;
    while pool.len() < wanted && k < crate::limits::MAX_LINEUPS as usize {
        let more = (k + wanted - pool.len()).min(crate::limits::MAX_LINEUPS as usize);
        let found = best(slate, base.clone(), more)?;
        let exhausted = found.len() < more;
        for l in found.into_iter().skip(k) {
            add(&mut pool, l);
        }
        k = more;
        if exhausted {
            break;
        }
    }
    if pool.is_empty() {
        // The exact run alone names the conflicting rules.
        Optimizer::new(slate, base)?.optimize(1, None)?;
    }
    Ok(pool)
}
