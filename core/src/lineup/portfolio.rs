//! Portfolio mode: choose `n` lineups that maximise the expected best score of the set over
//! simulated outcomes, rather than the `n` highest projections.
//!
//! Outcomes are drawn (seeded) by the contest simulator's [`OutcomeModel`]: each player's
//! projection plus his spread (`std`, else the floor–ceiling range as a 10th–90th percentile band,
//! else a default fraction of the projection) times a normal correlated through his team's game
//! script, its passing game (QBs and pass catchers) and the game's pace; a defense, pitcher or
//! goalie loads negatively on the opposing offense. Candidates are an exact run of lineups under
//! the rules; the expected
//! maximum over a set is monotone submodular, so the greedy choice (each step adding the lineup
//! with the largest gain) is within 1 − 1/e of the best set (Nemhauser, Wolsey & Fisher 1978).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::contest::OutcomeModel;
use super::contest::simulate::lineup_entry;
use super::error::LineupError;
use super::optimizer::Optimizer;
use super::output::Lineup;
use super::rules::Rules;
use super::slate::Slate;

/// How outcomes are simulated and how many candidates are considered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PortfolioOptions {
    /// Simulated slates.
    pub simulations: usize,
    /// Candidate lineups (an exact run of this many under the rules); 0 means max(10·n, 300).
    pub candidates: usize,
    /// Share of a player's variance from his team's game factor.
    pub team_correlation: f64,
    /// Extra share for QBs and pass catchers from the team's passing factor.
    pub stack_correlation: f64,
    /// Share from the game's pace, common to both teams.
    pub game_correlation: f64,
    /// Standard deviation as a fraction of the projection for players without std or range.
    pub default_std: f64,
}

impl Default for PortfolioOptions {
    fn default() -> Self {
        PortfolioOptions {
            simulations: 2_000,
            candidates: 0,
            team_correlation: 0.15,
            stack_correlation: 0.25,
            game_correlation: 0.05,
            default_std: 0.35,
        }
    }
}

impl PortfolioOptions {
    /// The outcome model these options describe (the contest simulator's, see [`OutcomeModel`]).
    pub fn outcome_model(&self) -> OutcomeModel {
        OutcomeModel {
            team_correlation: self.team_correlation,
            stack_correlation: self.stack_correlation,
            game_correlation: self.game_correlation,
            default_std: self.default_std,
            ..OutcomeModel::default()
        }
    }
}

/// One chosen lineup with its simulated score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase", rename = "PortfolioEntry")
)]
pub struct PortfolioLineup {
    /// The lineup.
    pub lineup: Lineup,
    /// Mean simulated score.
    pub mean: f64,
    /// Standard deviation of the simulated score.
    pub std: f64,
    /// 90th percentile of the simulated score.
    pub p90: f64,
    /// How much it raised the portfolio's expected best score when chosen.
    pub gain: f64,
}

/// The chosen lineups, in the order the greedy picked them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase", rename = "PortfolioResult")
)]
pub struct Portfolio {
    /// Lineups in pick order.
    pub lineups: Vec<PortfolioLineup>,
    /// Expected best score of the set over the simulations.
    pub expected_best: f64,
    /// Candidates considered.
    pub candidates: usize,
}

/// `n` lineups maximising the expected best score over simulated outcomes (seeded).
///
/// ```
/// use edgekit::lineup::{portfolio, PortfolioOptions, Rules, Site, Slate, Sport};
///
/// let slate = Slate::from_csv_path(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv"),
///     Site::DraftKings, Sport::Nfl, None)?;
/// let options = PortfolioOptions { simulations: 500, ..Default::default() };
/// let p = portfolio(&slate, 5, &Rules::default(), 7, &options)?;
/// assert_eq!(p.lineups.len(), 5);
/// assert!(p.expected_best >= p.lineups[0].mean);
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub fn portfolio(
    slate: &Slate,
    n: usize,
    rules: &Rules,
    seed: u64,
    options: &PortfolioOptions,
) -> Result<Portfolio, LineupError> {
    let bad = |message: String| LineupError::Rule {
        rule: "portfolio".into(),
        message,
    };
    if !(1..=100_000).contains(&options.simulations) {
        return Err(bad(format!(
            "simulations {} not in 1..=100000",
            options.simulations
        )));
    }
    crate::limits::check_count("n", n, 0, crate::limits::MAX_LINEUPS)?;
    crate::limits::check_count(
        "candidates",
        options.candidates,
        0,
        crate::limits::MAX_LINEUPS,
    )?;
    options.outcome_model().check()?;
    if n == 0 {
        return Ok(Portfolio {
            lineups: Vec::new(),
            expected_best: 0.0,
            candidates: 0,
        });
    }
    // Candidates: an exact run under the rules — exposure and repeating limits included, so the
    // pool is as diverse as the portfolio must be — and the limits again on the chosen n.
    let mut lineup_rules = rules.clone();
    lineup_rules.randomness = None;
    let wanted = if options.candidates == 0 {
        (10 * n).clamp(300, crate::limits::MAX_LINEUPS as usize)
    } else {
        options.candidates.max(n)
    };
    // Every candidate is scored in every simulation.
    crate::limits::check_work(
        "simulations",
        options.simulations,
        wanted,
        crate::limits::MAX_RESAMPLE_WORK / 10,
    )?;
    let optimizer = Optimizer::new(slate, lineup_rules)?;
    // Fewer lineups may exist than asked for: take them all.
    let candidates = optimizer.optimize_up_to(wanted, None)?;
    if candidates.is_empty() {
        return Err(optimizer.infeasible(n));
    }

    // Simulated points of every person (a showdown captain and his FLEX row are one), from the
    // contest simulator's outcome model, one seeded stream per simulation.
    let sims = options.simulations;
    let outcomes = options.outcome_model().outcomes(slate)?;
    let persons = outcomes.persons();
    let mut points = vec![0.0f64; persons * sims];
    points
        .par_chunks_mut(persons.max(1))
        .enumerate()
        .for_each_init(Vec::new, |factors, (k, row)| {
            outcomes.draw(seed, k as u64, row, factors)
        });
    let person_of_row = &outcomes.person_of_row;

    // Score of a lineup in every simulation.
    let simulate = |l: &Lineup| -> Vec<f64> {
        let entry = lineup_entry(slate, &outcomes, l);
        (0..sims)
            .map(|k| {
                let at = &points[k * persons..(k + 1) * persons];
                entry.iter().map(|&(q, m)| m * at[q as usize]).sum()
            })
            .collect()
    };
    let mut candidates = candidates;
    let mut scores: Vec<Vec<f64>> = candidates.par_iter().map(simulate).collect();

    // Greedy on the expected maximum, honouring exposure and repeating-player limits.
    let cap = rules
        .max_exposure
        .map_or(usize::MAX, |e| ((e * n as f64) + 1e-9).floor() as usize);
    let people = |l: &Lineup| -> Vec<usize> {
        let mut v: Vec<usize> = l
            .players
            .iter()
            .map(|p| person_of_row[p.row] as usize)
            .collect();
        v.sort_unstable();
        v
    };
    let mut candidate_people: Vec<Vec<usize>> = candidates.iter().map(people).collect();
    let mut used = vec![0usize; persons];
    let mut chosen: Vec<usize> = Vec::with_capacity(n);
    let mut best = vec![f64::NEG_INFINITY; sims];
    let mut current = 0.0;
    let mut out = Vec::with_capacity(n);
    while chosen.len() < n {
        let allowed = |c: usize| -> bool {
            !chosen.contains(&c)
                && candidate_people[c].iter().all(|&q| used[q] < cap)
                && rules.max_repeating.is_none_or(|r| {
                    chosen.iter().all(|&o| {
                        candidate_people[c]
                            .iter()
                            .filter(|q| candidate_people[o].binary_search(q).is_ok())
                            .count()
                            <= r
                    })
                })
        };
        let pick = (0..candidates.len())
            .into_par_iter()
            .filter(|&c| allowed(c))
            .map(|c| {
                let value: f64 = scores[c]
                    .iter()
                    .zip(&best)
                    .map(|(&x, &b)| x.max(b))
                    .sum::<f64>()
                    / sims as f64;
                (value, c)
            })
            .reduce_with(|x, y| {
                if y.0 > x.0 || (y.0 == x.0 && y.1 < x.1) {
                    y
                } else {
                    x
                }
            });
        let (value, c) = match pick {
            Some(found) => found,
            None => {
                // The candidates ran out under the limits: the exact optimizer continues the
                // chosen lineups (it knows the limits over all n) and its next lineup joins.
                let so_far: Vec<Lineup> = chosen.iter().map(|&c| candidates[c].clone()).collect();
                let next = Optimizer::new(slate, rules.clone())?
                    .extend(&so_far, n - chosen.len(), None)?
                    .swap_remove(0);
                let sim = simulate(&next);
                let value =
                    sim.iter().zip(&best).map(|(&x, &b)| x.max(b)).sum::<f64>() / sims as f64;
                candidates.push(next);
                candidate_people.push(people(&candidates[candidates.len() - 1]));
                scores.push(sim);
                (value, candidates.len() - 1)
            }
        };
        for &q in &candidate_people[c] {
            used[q] += 1;
        }
        for (b, &x) in best.iter_mut().zip(&scores[c]) {
            *b = b.max(x);
        }
        let gain = if chosen.is_empty() {
            value
        } else {
            value - current
        };
        current = value;
        chosen.push(c);
        let mut sorted = scores[c].clone();
        sorted.sort_by(f64::total_cmp);
        let mean = sorted.iter().sum::<f64>() / sims as f64;
        let var = sorted.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / sims as f64;
        let p90 = sorted[((0.9 * sims as f64).ceil() as usize).clamp(1, sims) - 1];
        out.push(PortfolioLineup {
            lineup: candidates[c].clone(),
            mean,
            std: var.sqrt(),
            p90,
            gain,
        });
    }
    Ok(Portfolio {
        lineups: out,
        expected_best: current,
        candidates: candidates.len(),
    })
}
