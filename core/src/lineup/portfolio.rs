//! Portfolio mode: choose `n` lineups that maximise the expected best score of the set over
//! simulated outcomes, rather than the `n` highest projections.
//!
//! Outcomes are drawn (seeded) from each player's projection and spread (`std`, else the
//! floor–ceiling range as a 10th–90th percentile band, else a default fraction of the projection)
//! with a one-factor-per-team model: every player loads on his team's game factor, QBs and pass
//! catchers (WR/TE) also on the team's passing factor, and a defense loads negatively on its
//! opponent's game factor. Candidates are an exact run of lineups under the rules; the expected
//! maximum over a set is monotone submodular, so the greedy choice (each step adding the lineup
//! with the largest gain) is within 1 − 1/e of the best set (Nemhauser, Wolsey & Fisher 1978).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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
            default_std: 0.35,
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

fn normal(rng: &mut fastrand::Rng) -> f64 {
    // Box–Muller; u1 in (0, 1] keeps the log finite.
    let u1 = 1.0 - rng.f64();
    let u2 = rng.f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
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
    let (t, s) = (options.team_correlation, options.stack_correlation);
    if !(t.is_finite() && s.is_finite() && t >= 0.0 && s >= 0.0 && t + s <= 1.0) {
        return Err(bad(format!(
            "team_correlation {t} and stack_correlation {s} must be ≥ 0 with a sum ≤ 1"
        )));
    }
    if !(options.default_std.is_finite() && options.default_std >= 0.0) {
        return Err(bad(format!(
            "default_std {} must be ≥ 0",
            options.default_std
        )));
    }
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
    let candidates = match optimizer.optimize(wanted, None) {
        Ok(c) => c,
        // Fewer lineups exist than asked for: take them all.
        Err(LineupError::Infeasible { .. }) => {
            let mut all = Vec::new();
            let mut k = wanted;
            while all.is_empty() && k > 1 {
                k /= 2;
                if let Ok(c) = optimizer.optimize(k, None) {
                    all = c;
                }
            }
            if all.is_empty() {
                optimizer.optimize(1, None)?
            } else {
                all
            }
        }
        Err(e) => return Err(e),
    };

    // Simulated points per slate row, keyed by person (name + team) so a showdown captain and
    // his FLEX row share one draw.
    let sims = options.simulations;
    let mut person_of_row = Vec::with_capacity(slate.players.len());
    let mut persons: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for p in &slate.players {
        let next = persons.len();
        person_of_row.push(
            *persons
                .entry((p.name.as_str(), p.team.as_str()))
                .or_insert(next),
        );
    }
    let mut teams: Vec<&str> = slate.players.iter().map(|p| p.team.as_str()).collect();
    teams.sort_unstable();
    teams.dedup();
    let team_index = |name: &str| teams.binary_search(&name).ok();
    let mut rng = fastrand::Rng::with_seed(seed);
    // factors[s][2·team + 0] = game factor, [.. + 1] = passing factor.
    let factors: Vec<Vec<f64>> = (0..sims)
        .map(|_| (0..2 * teams.len()).map(|_| normal(&mut rng)).collect())
        .collect();
    let mut draws = vec![0.0f64; persons.len() * sims];
    let mut seen = vec![false; persons.len()];
    for (row, p) in slate.players.iter().enumerate() {
        let id = person_of_row[row];
        if seen[id] {
            continue;
        }
        seen[id] = true;
        let std = match (p.extra.std, p.extra.floor, p.extra.ceiling) {
            (Some(sd), _, _) => sd.max(0.0),
            (None, Some(lo), Some(hi)) if hi > lo => (hi - lo) / (2.0 * 1.281_551_565_5),
            _ => options.default_std * p.projection.abs(),
        };
        let passing = p
            .positions
            .iter()
            .any(|x| matches!(x.as_str(), "QB" | "WR" | "TE"));
        let defense = p
            .positions
            .iter()
            .any(|x| matches!(x.as_str(), "DST" | "D" | "DEF"));
        let own = team_index(&p.team);
        let opp = p.opponent.as_deref().and_then(team_index);
        let (a, b) = (t.sqrt(), if passing { s.sqrt() } else { 0.0 });
        let c = (1.0 - t - if passing { s } else { 0.0 }).max(0.0).sqrt();
        let mut own_rng =
            fastrand::Rng::with_seed(seed ^ (0x9e37_79b9_7f4a_7c15u64.wrapping_mul(id as u64 + 1)));
        for (k, f) in factors.iter().enumerate() {
            let game = match (defense, own, opp) {
                (true, _, Some(o)) => -f[2 * o],
                (false, Some(o), _) => f[2 * o],
                _ => 0.0,
            };
            let pass = own.map_or(0.0, |o| f[2 * o + 1]);
            let z = a * game + b * pass + c * normal(&mut own_rng);
            draws[id * sims + k] = p.projection + std * z;
        }
    }

    // Score of a lineup in every simulation.
    let simulate = |l: &Lineup| -> Vec<f64> {
        let mut total = vec![0.0; sims];
        for p in &l.players {
            let id = person_of_row[p.row];
            let multiplier = if slate.players[p.row].projection != 0.0 {
                p.projection / slate.players[p.row].projection
            } else {
                1.0
            };
            for (t, d) in total.iter_mut().zip(&draws[id * sims..(id + 1) * sims]) {
                *t += multiplier * d;
            }
        }
        total
    };
    let mut candidates = candidates;
    let mut scores: Vec<Vec<f64>> = candidates.par_iter().map(simulate).collect();

    // Greedy on the expected maximum, honouring exposure and repeating-player limits.
    let cap = rules
        .max_exposure
        .map_or(usize::MAX, |e| ((e * n as f64) + 1e-9).floor() as usize);
    let people = |l: &Lineup| -> Vec<usize> {
        let mut v: Vec<usize> = l.players.iter().map(|p| person_of_row[p.row]).collect();
        v.sort_unstable();
        v
    };
    let mut candidate_people: Vec<Vec<usize>> = candidates.iter().map(people).collect();
    let mut used = vec![0usize; persons.len()];
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
