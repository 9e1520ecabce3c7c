//! Contest simulation and lineup choice by return (issue 19): simulate the slate with
//! correlated outcomes ([`OutcomeModel`]), simulate the field from projected ownership
//! ([`FieldModel`]), pay each simulated finish by the contest's prize table ([`ContestSpec`],
//! ties split as the sites split them), and report each entry's ROI, cash, top-1 % and win
//! rates and finishing places — for lineups the user brings ([`simulate_contest`]) or for the
//! set chosen to earn the most from a candidate pool ([`select_by_roi`],
//! [`contest_portfolio`]). The model follows what the open DFS simulators (chanzer0's
//! NFL/NBA/MLB-DFS-Tools) and the paid ones describe: correlated normal outcomes, an
//! ownership-drawn field with stacks and a salary floor, rank-and-pay per simulation.

mod builder;
mod correlation;
mod field;
mod greedy;
mod outcomes;
mod payouts;
mod pool;
mod select;
pub(crate) mod simulate;

use serde::{Deserialize, Serialize};

pub use correlation::{
    MAX_CORRELATION_GROUP, MAX_CORRELATION_PLAYERS, MAX_CORRELATION_RULES, OutcomeCorrelations,
    PlayerCorrelation, PositionCorrelation, outcome_correlations,
};
pub use field::{FieldModel, FieldOwnership, FieldSummary};
pub use outcomes::OutcomeModel;
pub use payouts::{ContestSpec, MAX_FIELD_SIZE, PrizeRange};
pub use select::{EntryStats, PortfolioStats};

use super::error::LineupError;
use super::output::Lineup;
use super::rules::Rules;
use super::slate::Slate;
use outcomes::stream_seed;

/// Most tracked lineups × simulations in one call: each pair keeps 10 bytes (600 MB at the
/// bound), so 5,000 candidates over 10,000 simulated slates fit.
pub const MAX_CONTEST_RECORDS: u64 = 60_000_000;

/// How a contest is simulated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ContestOptions {
    /// Simulated slates (default 1,000).
    pub simulations: usize,
    /// Candidate pool of [`contest_portfolio`] (0: 20 per lineup wanted, at least 1,000).
    pub candidates: usize,
    /// Player outcomes.
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub outcomes: OutcomeModel,
    /// The field.
    #[serde(deserialize_with = "crate::contract::null_as_default")]
    pub field: FieldModel,
}

impl Default for ContestOptions {
    fn default() -> Self {
        ContestOptions {
            simulations: 1_000,
            candidates: 0,
            outcomes: OutcomeModel::default(),
            field: FieldModel::default(),
        }
    }
}

/// One of the user's entries and its simulated results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ContestEntry {
    /// The lineup.
    pub lineup: Lineup,
    /// Its results within the set (it competes with the set's other entries too).
    pub stats: EntryStats,
    /// What it added to the set's expected profit when chosen (selection only).
    pub marginal_profit: Option<f64>,
}

/// A simulated contest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct ContestResult {
    /// The user's entries (in the order chosen, or as given).
    pub entries: Vec<ContestEntry>,
    /// The set's results.
    pub portfolio: PortfolioStats,
    /// The simulated field.
    pub field: FieldSummary,
    /// Simulated slates.
    pub simulations: usize,
    /// Candidate lineups considered (selection) or simulated.
    pub candidates: usize,
}

/// The parts every call shares: checked options, the outcome model, the field.
struct Setup {
    contest: ContestSpec,
    outcomes: outcomes::Outcomes,
    field: simulate::Entries,
    summary: FieldSummary,
}

fn setup(
    slate: &Slate,
    contest: &ContestSpec,
    entries: usize,
    tracked: usize,
    seed: u64,
    options: &ContestOptions,
) -> Result<Setup, LineupError> {
    let contest = contest.checked()?;
    crate::limits::check_count(
        "simulations",
        options.simulations,
        1,
        crate::limits::MAX_RESAMPLES.min(1_000_000),
    )?;
    crate::limits::check_count("entries", entries, 1, contest.max_entries as u64)?;
    let opponents = contest.field_size - entries;
    check_tracked(slate, options, opponents, tracked)?;
    let outcomes = options.outcomes.outcomes(slate)?;
    let (field, summary) = field::sample_field(
        slate,
        &outcomes.person_of_row,
        &options.field,
        opponents,
        stream_seed(seed, FIELD_STREAM),
    )?;
    let field = simulate::field_entries(slate, &outcomes, &field);
    Ok(Setup {
        contest,
        outcomes,
        field,
        summary,
    })
}

/// A simulated field: its lineups and its summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct FieldSample {
    /// The field's lineups.
    pub lineups: Vec<Lineup>,
    /// What the field looks like.
    pub summary: FieldSummary,
}

/// A simulated field of `entries` lineups (seeded), as [`simulate_contest`] draws it for a
/// contest of `entries` opponents with the same seed.
///
/// ```
/// use edgekit::lineup::{sample_field, FieldModel, Site, Slate, Sport};
///
/// let mut slate = Slate::from_csv_path(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nba_classic_2018-12-03_draftfast.csv"),
///     Site::DraftKings, Sport::Nba, None)?;
/// for p in &mut slate.players {
///     p.extra.ownership = Some((p.projection / f64::from(p.salary) * 3000.0).clamp(0.0, 60.0));
/// }
/// let field = sample_field(&slate, &FieldModel::default(), 500, 1)?;
/// assert_eq!(field.lineups.len(), 500);
/// assert!(field.lineups.iter().all(|l| l.salary >= 49_000 && l.salary <= 50_000));
/// assert!(field.summary.mean_projection <= field.summary.optimal_projection);
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub fn sample_field(
    slate: &Slate,
    model: &FieldModel,
    entries: usize,
    seed: u64,
) -> Result<FieldSample, LineupError> {
    crate::limits::check_count("entries", entries, 0, MAX_FIELD_SIZE)?;
    let outcomes = OutcomeModel::default().outcomes(slate)?;
    let (field, summary) = field::sample_field(
        slate,
        &outcomes.person_of_row,
        model,
        entries,
        stream_seed(seed, FIELD_STREAM),
    )?;
    let lineups = (0..field.len())
        .map(|i| Lineup::from_rows(slate, field.lineup(i)))
        .collect();
    Ok(FieldSample { lineups, summary })
}

/// Seed streams of the field and of the simulated slates.
const FIELD_STREAM: u64 = 0xf1e1d;
const SLATE_STREAM: u64 = 0x5105;
const GREEDY_STREAM: u64 = 0x6eed;

/// The work and memory of tracking `tracked` lineups against `opponents` stay within the limits.
fn check_tracked(
    slate: &Slate,
    options: &ContestOptions,
    opponents: usize,
    tracked: usize,
) -> Result<(), LineupError> {
    crate::limits::check_work(
        "simulations",
        options.simulations,
        tracked,
        MAX_CONTEST_RECORDS,
    )?;
    crate::limits::check_work(
        "simulations",
        options.simulations,
        (opponents + tracked) * slate.roster.slots.len(),
        crate::limits::MAX_RESAMPLE_WORK,
    )?;
    Ok(())
}

/// The user's lineups as entries, and their records against the field over the simulations.
fn track(
    slate: &Slate,
    setup: &Setup,
    lineups: &[Lineup],
    seed: u64,
    options: &ContestOptions,
) -> (simulate::Entries, simulate::Records) {
    let tracked = simulate::Entries::new(
        slate.roster.slots.len(),
        lineups
            .iter()
            .map(|l| simulate::lineup_entry(slate, &setup.outcomes, l)),
    );
    let records = simulate::simulate(
        &setup.outcomes,
        &setup.field,
        &tracked,
        options.simulations,
        stream_seed(seed, SLATE_STREAM),
    );
    (tracked, records)
}

/// Lineups must come from this slate: each player's row must hold his ID.
fn check_lineups(slate: &Slate, lineups: &[Lineup], what: &str) -> Result<(), LineupError> {
    for (i, l) in lineups.iter().enumerate() {
        if l.players.len() != slate.roster.slots.len()
            || l.players
                .iter()
                .any(|p| slate.players.get(p.row).is_none_or(|row| row.id != p.id))
        {
            return Err(LineupError::Rule {
                rule: format!("{what}[{i}]"),
                message:
                    "not a lineup of this slate (read it with Lineup::from_ids or read_upload_csv)"
                        .into(),
            });
        }
    }
    Ok(())
}

/// Simulates a contest with the user's `lineups` entered together (seeded): each entry's ROI,
/// cash, top-1 % and win rates and finishing places, and the set's profit.
///
/// ```
/// use edgekit::lineup::{optimize, simulate_contest, ContestOptions, ContestSpec, Rules, Site, Slate, Sport};
///
/// let mut slate = Slate::from_csv_path(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv"),
///     Site::DraftKings, Sport::Nfl, None)?;
/// for p in &mut slate.players {
///     // Ownership rising with projected points per dollar (a stand-in for real projections).
///     p.extra.ownership = Some((p.projection / f64::from(p.salary) * 4000.0).min(60.0));
/// }
/// let contest = ContestSpec::from_payout_csv("place,prize\n1,100\n2,50\n3-10,20\n", 100, 5.0, 5)?;
/// let lineups = optimize(&slate, 3, &Rules::default(), None)?;
/// let options = ContestOptions { simulations: 200, ..Default::default() };
/// let result = simulate_contest(&slate, &contest, &lineups, 7, &options)?;
/// assert_eq!(result.entries.len(), 3);
/// assert_eq!(result.field.entries, 97);
/// assert!(result.portfolio.cost == 15.0 && result.portfolio.expected_payout <= 350.0);
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub fn simulate_contest(
    slate: &Slate,
    contest: &ContestSpec,
    lineups: &[Lineup],
    seed: u64,
    options: &ContestOptions,
) -> Result<ContestResult, LineupError> {
    check_lineups(slate, lineups, "lineups")?;
    let setup = setup(slate, contest, lineups.len(), lineups.len(), seed, options)?;
    let (_, records) = track(slate, &setup, lineups, seed, options);
    let members: Vec<usize> = (0..lineups.len()).collect();
    let (stats, portfolio) = select::joint_stats(&records, &members, &setup.contest);
    Ok(ContestResult {
        entries: lineups
            .iter()
            .zip(stats)
            .map(|(l, s)| ContestEntry {
                lineup: l.clone(),
                stats: s,
                marginal_profit: None,
            })
            .collect(),
        portfolio,
        field: setup.summary,
        simulations: options.simulations,
        candidates: lineups.len(),
    })
}

/// Chooses `n` of the `candidates` that together earn the most in the contest (seeded),
/// honouring `rules.max_exposure` and `rules.max_repeating` over the chosen set; reports each
/// pick's marginal profit.
pub fn select_by_roi(
    slate: &Slate,
    contest: &ContestSpec,
    candidates: &[Lineup],
    n: usize,
    rules: &Rules,
    seed: u64,
    options: &ContestOptions,
) -> Result<ContestResult, LineupError> {
    check_lineups(slate, candidates, "candidates")?;
    crate::limits::check_count(
        "candidates",
        candidates.len(),
        1,
        crate::limits::MAX_LINEUPS,
    )?;
    // The greedy keeps 20 bytes per chosen entry and simulation: bounded like the records.
    crate::limits::check_work(
        "simulations",
        options.simulations,
        n.saturating_mul(2),
        MAX_CONTEST_RECORDS,
    )?;
    let mut candidates = candidates.to_vec();
    let setup = setup(slate, contest, n, candidates.len(), seed, options)?;
    let opponents = setup.contest.field_size - n;
    let mut attempts = 0;
    let (records, picks) = loop {
        check_tracked(slate, options, opponents, candidates.len())?;
        let (tracked, records) = track(slate, &setup, &candidates, seed, options);
        let picks = greedy::choose(
            slate,
            &setup,
            &records,
            &tracked,
            n,
            rules,
            stream_seed(seed, GREEDY_STREAM),
        );
        if picks.len() == n {
            break (records, picks);
        }
        // The exposure or repeating limits left the greedy short: the exact optimizer
        // continues its picks under the limits over all n, and the choice runs again with
        // those lineups among the candidates.
        let so_far: Vec<Lineup> = picks.iter().map(|&(c, _)| candidates[c].clone()).collect();
        let more = super::optimizer::Optimizer::new(slate, rules.clone())?.extend(
            &so_far,
            n - so_far.len(),
            None,
        )?;
        attempts += 1;
        let before = candidates.len();
        for l in more {
            if !candidates.contains(&l) {
                candidates.push(l);
            }
        }
        if attempts == 3 || candidates.len() == before {
            return Err(LineupError::Infeasible {
                rules: vec!["max_exposure or max_repeating".into()],
                message: format!(
                    "the choice by return found {} of {n} lineups that fit together among {} candidates",
                    picks.len(),
                    candidates.len()
                ),
            });
        }
    };
    let members: Vec<usize> = picks.iter().map(|p| p.0).collect();
    let (stats, portfolio) = select::joint_stats(&records, &members, &setup.contest);
    Ok(ContestResult {
        entries: picks
            .iter()
            .zip(stats)
            .map(|(&(c, gain), s)| ContestEntry {
                lineup: candidates[c].clone(),
                stats: s,
                marginal_profit: Some(gain),
            })
            .collect(),
        portfolio,
        field: setup.summary,
        simulations: options.simulations,
        candidates: candidates.len(),
    })
}

/// Builds a candidate pool under `rules` (the exact best lineups, the best stacked on each
/// team, ownership-leveraged runs — see [`candidate_pool`] — and the optimizer's own `n`
/// lineups under every rule) and chooses `n` by [`select_by_roi`].
pub fn contest_portfolio(
    slate: &Slate,
    contest: &ContestSpec,
    n: usize,
    rules: &Rules,
    seed: u64,
    options: &ContestOptions,
) -> Result<ContestResult, LineupError> {
    crate::limits::check_count(
        "n",
        n,
        1,
        contest.max_entries.min(crate::limits::MAX_LINEUPS as usize) as u64,
    )?;
    let wanted = if options.candidates == 0 {
        (20 * n).max(1_000)
    } else {
        options.candidates.max(n)
    };
    let mut candidates = pool::candidate_pool(slate, rules, wanted)?;
    // The optimizer's own n lineups under every rule are a set the greedy can always fall back
    // on; without them exposure caps can leave it short.
    for l in super::optimizer::Optimizer::new(slate, rules.clone())?.optimize(n, None)? {
        if !candidates.contains(&l) {
            candidates.push(l);
        }
    }
    select_by_roi(slate, contest, &candidates, n, rules, seed, options)
}

pub use pool::candidate_pool;

/// The upload CSV of a contest result's entries with each entry's simulated results after its
/// slots (expected payout, ROI, cash, top-1 % and win rates, mean finish, marginal profit).
/// [`read_upload_csv`](super::read_upload_csv) reads the lineups back.
///
/// ```
/// use edgekit::lineup::{contest_csv, optimize, read_upload_csv, simulate_contest, ContestOptions, ContestSpec, Rules, Site, Slate, Sport};
///
/// let mut slate = Slate::from_csv_path(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv"),
///     Site::DraftKings, Sport::Nfl, None)?;
/// for p in &mut slate.players {
///     p.extra.ownership = Some((p.projection / f64::from(p.salary) * 4000.0).min(60.0));
/// }
/// let contest = ContestSpec::from_payout_csv("place,prize\n1,100\n2-5,20\n", 50, 5.0, 5)?;
/// let lineups = optimize(&slate, 2, &Rules::default(), None)?;
/// let options = ContestOptions { simulations: 100, ..Default::default() };
/// let result = simulate_contest(&slate, &contest, &lineups, 1, &options)?;
/// let text = contest_csv(&slate, &result);
/// assert!(text.starts_with("CPT,FLEX,FLEX,FLEX,FLEX,FLEX,Expected payout,ROI,"));
/// assert_eq!(read_upload_csv(&slate, &text)?, lineups);
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub fn contest_csv(slate: &Slate, result: &ContestResult) -> String {
    use std::fmt::Write;
    super::output::roster_csv(
        slate,
        "",
        "Expected payout,ROI,Cash rate,Top 1% rate,Win rate,Mean finish,Marginal profit",
        result.entries.iter().map(|e| Some(&e.lineup)),
        |_, _| {},
        |k, out| {
            let e = &result.entries[k];
            let s = &e.stats;
            // Writing to a String cannot fail.
            let _ = write!(
                out,
                ",{:.2},{:.4},{:.4},{:.4},{:.4},{:.1},",
                s.expected_payout, s.roi, s.cash_rate, s.top1_rate, s.win_rate, s.mean_finish,
            );
            if let Some(m) = e.marginal_profit {
                let _ = write!(out, "{m:.2}");
            }
        },
    )
}
