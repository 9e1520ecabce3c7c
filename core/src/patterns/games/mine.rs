//! Mining: every AND of up to `max_filters` filters from a declared search space, graded on
//! training seasons in parallel (bitsets: one AND and three popcounts per system), with
//! Benjamini-Hochberg q-values over everything tried, and each system's record on later
//! seasons beside its training record.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::rows::{Outcome, TeamRow};
use super::systems::{
    Filter, Market, Record, Tally, binomial_upper, break_even, check_odds, record_from,
};
use crate::patterns::PatternError;

/// A mined system with its training and test records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct MinedSystem {
    /// The filters, as written.
    pub filters: Vec<String>,
    /// Record on the training seasons.
    pub train: Record,
    /// Benjamini-Hochberg q-value of the training p-value among all systems tried.
    pub qvalue: f64,
    /// Record on the test seasons.
    pub test: Record,
}

/// What a mining run found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct MineResult {
    /// Systems tried (the size of the search: the q-values' denominator).
    pub tried: usize,
    /// Systems with at least `min_games` training bets, by training p-value.
    pub systems: Vec<MinedSystem>,
}

type Bits = Vec<u64>;

fn bitset(rows: &[TeamRow], keep: impl Fn(usize) -> bool) -> Bits {
    let mut bits = vec![0u64; rows.len().div_ceil(64)];
    for i in (0..rows.len()).filter(|&i| keep(i)) {
        bits[i / 64] |= 1 << (i % 64);
    }
    bits
}

fn count(a: &Bits, b: &Bits, c: &Bits) -> u32 {
    a.iter()
        .zip(b)
        .zip(c)
        .map(|((x, y), z)| (x & y & z).count_ones())
        .sum()
}

fn indices(bits: &Bits) -> Vec<usize> {
    let mut out = Vec::new();
    for (w, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            out.push(w * 64 + word.trailing_zeros() as usize);
            word &= word - 1;
        }
    }
    out
}

/// Benjamini-Hochberg adjusted p-values, in the given order.
fn bh(pvalues: &[f64]) -> Vec<f64> {
    let m = pvalues.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| pvalues[b].total_cmp(&pvalues[a]));
    let mut q = vec![1.0; m];
    let mut running = 1.0f64;
    for (rank_from_top, &i) in order.iter().enumerate() {
        let rank = m - rank_from_top;
        running = running.min(pvalues[i] * m as f64 / rank as f64);
        q[i] = running.min(1.0);
    }
    q
}

/// Options for [`mine`]: `train` and `test` are required, the rest default as documented.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MineOptions {
    /// Up to this many filters per system (1 to 3; default 2).
    #[serde(default = "defaults::max_filters")]
    pub max_filters: usize,
    /// Training seasons `[first, last]`.
    pub train: (i32, i32),
    /// Test seasons `[first, last]` (after the training ones, for an honest test).
    pub test: (i32, i32),
    /// Market graded (default against the spread).
    #[serde(default)]
    pub market: Market,
    /// American odds (default −110).
    #[serde(default = "defaults::odds")]
    pub odds: f64,
    /// Training bets a system needs to be reported (default 50).
    #[serde(default = "defaults::min_games")]
    pub min_games: u32,
}

/// Enumerates and grades every system from `space`.
pub fn mine(
    rows: &[TeamRow],
    space: &[Filter],
    options: &MineOptions,
) -> Result<MineResult, PatternError> {
    mine_keeping(rows, space, options, |_| true)
}

/// [`mine`], building full records only for systems whose q-value passes `keep` (the
/// q-values still count every system tried).
fn mine_keeping(
    rows: &[TeamRow],
    space: &[Filter],
    options: &MineOptions,
    keep: impl Fn(f64) -> bool + Sync,
) -> Result<MineResult, PatternError> {
    if !(1..=3).contains(&options.max_filters) {
        return Err(PatternError::OutOfRange {
            argument: "max_filters",
            value: options.max_filters as f64,
            range: "1, 2 or 3",
        });
    }
    // Systems tried grow as the cube of the search space: bound them before building them.
    let n = space.len() as u128;
    let systems = match options.max_filters {
        1 => n,
        2 => n + n * n.saturating_sub(1) / 2,
        _ => n + n * n.saturating_sub(1) / 2 + n * n.saturating_sub(1) * n.saturating_sub(2) / 6,
    };
    if systems > u128::from(crate::limits::MAX_SYSTEMS) {
        return Err(crate::limits::LimitError::new(
            "systems",
            systems,
            1,
            crate::limits::MAX_SYSTEMS,
        )
        .because(format!(
            "{} filters combined up to {} at a time; shrink the search space",
            space.len(),
            options.max_filters
        ))
        .into());
    }
    let outcome = |i: usize| match options.market {
        Market::Su => rows[i].su,
        Market::Ats => rows[i].ats,
        Market::Ou => rows[i].ou,
    };
    let in_seasons =
        |(a, b): (i32, i32)| bitset(rows, |i| rows[i].season >= a && rows[i].season <= b);
    let (train, test) = (in_seasons(options.train), in_seasons(options.test));
    let wins = bitset(rows, |i| outcome(i) == Some(Outcome::Win));
    let losses = bitset(rows, |i| outcome(i) == Some(Outcome::Loss));
    let masks: Vec<Bits> = space
        .par_iter()
        .map(|f| bitset(rows, |i| f.passes(&rows[i], &rows[rows[i].opponent_row])))
        .collect();
    let mut combos: Vec<Vec<usize>> = (0..space.len()).map(|a| vec![a]).collect();
    if options.max_filters >= 2 {
        for a in 0..space.len() {
            for b in a + 1..space.len() {
                combos.push(vec![a, b]);
                if options.max_filters >= 3 {
                    for c in b + 1..space.len() {
                        combos.push(vec![a, b, c]);
                    }
                }
            }
        }
    }
    check_odds(options.odds)?;
    let p0 = break_even(options.market, options.odds);
    let and = |a: &Bits, b: &Bits| -> Bits { a.iter().zip(b).map(|(x, y)| x & y).collect() };
    let tally = |mask: &Bits| {
        let mut t = Tally::default();
        for i in indices(mask) {
            t.add(&rows[i], options.market);
        }
        t
    };
    // One pass per system: its rows, and its training wins and losses by popcount.
    let graded: Vec<(Bits, f64, bool)> = combos
        .par_iter()
        .map(|combo| {
            let mut full = masks[combo[0]].clone();
            for &f in &combo[1..] {
                for (m, x) in full.iter_mut().zip(&masks[f]) {
                    *m &= x;
                }
            }
            let (w, l) = (count(&full, &wins, &train), count(&full, &losses, &train));
            let enough = w + l >= options.min_games;
            let p = if enough {
                binomial_upper(w, w + l, p0)
            } else {
                1.0
            };
            (full, p, enough)
        })
        .collect();
    let q = bh(&graded.iter().map(|g| g.1).collect::<Vec<_>>());
    let mut systems: Vec<MinedSystem> = combos
        .par_iter()
        .zip(graded.par_iter())
        .zip(q.par_iter())
        .filter(|((_, (_, _, enough)), q)| *enough && keep(**q))
        .map(|((combo, (full, _, _)), &qvalue)| MinedSystem {
            filters: combo.iter().map(|&f| space[f].text.clone()).collect(),
            train: record_from(&tally(&and(full, &train)), options.market, options.odds),
            qvalue,
            test: record_from(&tally(&and(full, &test)), options.market, options.odds),
        })
        .collect();
    systems.sort_by(|a, b| {
        a.train
            .pvalue
            .total_cmp(&b.train.pvalue)
            .then(a.filters.cmp(&b.filters))
    });
    Ok(MineResult {
        tried: combos.len(),
        systems,
    })
}

/// Options for [`walk_forward`]: `train_from` and `test` are required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WalkForwardOptions {
    /// Up to this many filters per system (default 2).
    #[serde(default = "defaults::max_filters")]
    pub max_filters: usize,
    /// First training season.
    pub train_from: i32,
    /// Test seasons `[first, last]`: each season Y is tested with systems mined on
    /// `train_from ..= Y − 1`.
    pub test: (i32, i32),
    /// Market graded (default against the spread).
    #[serde(default)]
    pub market: Market,
    /// American odds (default −110).
    #[serde(default = "defaults::odds")]
    pub odds: f64,
    /// Training bets a system needs (default 50).
    #[serde(default = "defaults::min_games")]
    pub min_games: u32,
    /// Systems with a training q-value at most this are "selected" and bet in season Y
    /// (default 0.1).
    #[serde(default = "defaults::q_max")]
    pub q_max: f64,
}

/// Options of [`crate::patterns::games::record`] as the faces' `evaluate` takes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluateOptions {
    /// Market graded.
    pub market: Market,
    /// American odds.
    pub odds: f64,
    /// Only these seasons `[first, last]` (all when none).
    pub seasons: Option<(i32, i32)>,
}

impl Default for EvaluateOptions {
    fn default() -> Self {
        EvaluateOptions {
            market: Market::default(),
            odds: defaults::odds(),
            seasons: None,
        }
    }
}

/// Options of [`crate::patterns::games::analyze_games`]: `train` and `test` are required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeOptions {
    /// Training seasons `[first, last]`.
    pub train: (i32, i32),
    /// Test seasons `[first, last]`.
    pub test: (i32, i32),
    /// Market graded (default against the spread).
    #[serde(default)]
    pub market: Market,
    /// American odds (default −110).
    #[serde(default = "defaults::odds")]
    pub odds: f64,
}

/// The documented defaults, one function each for serde.
mod defaults {
    pub fn max_filters() -> usize {
        2
    }
    pub fn odds() -> f64 {
        -110.0
    }
    pub fn min_games() -> u32 {
        50
    }
    pub fn q_max() -> f64 {
        0.1
    }
}

/// One walk-forward step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct WalkForwardStep {
    /// The season tested.
    pub season: i32,
    /// Systems tried that year.
    pub tried: usize,
    /// Systems selected (q ≤ q_max).
    pub selected: usize,
    /// Their pooled training record: wins, losses.
    pub in_sample: (u32, u32),
    /// Their pooled record in the tested season: wins, losses.
    pub out_of_sample: (u32, u32),
}

/// Rolls [`mine`] forward a season at a time and reports, side by side, how the systems it
/// would have selected did in sample and in the next season.
pub fn walk_forward(
    rows: &[TeamRow],
    space: &[Filter],
    options: &WalkForwardOptions,
) -> Result<Vec<WalkForwardStep>, PatternError> {
    if !(options.q_max > 0.0 && options.q_max <= 1.0) {
        return Err(PatternError::OutOfRange {
            argument: "q_max",
            value: options.q_max,
            range: "(0, 1]",
        });
    }
    (options.test.0..=options.test.1)
        .map(|season| {
            let found = mine_keeping(
                rows,
                space,
                &MineOptions {
                    max_filters: options.max_filters,
                    train: (options.train_from, season - 1),
                    test: (season, season),
                    market: options.market,
                    odds: options.odds,
                    min_games: options.min_games,
                },
                |q| q <= options.q_max,
            )?;
            let chosen: Vec<&MinedSystem> = found
                .systems
                .iter()
                .filter(|s| s.qvalue <= options.q_max)
                .collect();
            let pool = |f: &dyn Fn(&MinedSystem) -> (u32, u32)| {
                chosen.iter().fold((0, 0), |(w, l), s| {
                    let (a, b) = f(s);
                    (w + a, l + b)
                })
            };
            Ok(WalkForwardStep {
                season,
                tried: found.tried,
                selected: chosen.len(),
                in_sample: pool(&|s| (s.train.wins, s.train.losses)),
                out_of_sample: pool(&|s| (s.test.wins, s.test.losses)),
            })
        })
        .collect()
}
