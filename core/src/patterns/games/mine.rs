//! Mining: every AND of up to `max_filters` filters from a declared search space, graded on
//! training seasons in parallel (bitsets: one AND and three popcounts per system), with
//! Benjamini-Hochberg q-values over everything tried, and each system's record on later
//! seasons beside its training record.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::rows::{Outcome, TeamRow};
use super::systems::{Filter, Market, Record, record};
use crate::patterns::PatternError;

/// A mined system with its training and test records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// Options for [`mine`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MineOptions {
    /// Up to this many filters per system (1 to 3).
    pub max_filters: usize,
    /// Training seasons `[first, last]`.
    pub train: (i32, i32),
    /// Test seasons `[first, last]` (after the training ones, for an honest test).
    pub test: (i32, i32),
    /// Market graded.
    pub market: Market,
    /// American odds (−110).
    pub odds: f64,
    /// Training bets a system needs to be reported.
    pub min_games: u32,
}

/// Enumerates and grades every system from `space`.
pub fn mine(
    rows: &[TeamRow],
    space: &[Filter],
    options: &MineOptions,
) -> Result<MineResult, PatternError> {
    if !(1..=3).contains(&options.max_filters) {
        return Err(PatternError::OutOfRange {
            argument: "max_filters",
            value: options.max_filters as f64,
            range: "1, 2 or 3",
        });
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
    let break_even_p = |w: u32, l: u32| {
        let win = if options.odds < 0.0 {
            100.0 / -options.odds
        } else {
            options.odds / 100.0
        };
        let p0 = if options.market == Market::Su {
            0.5
        } else {
            1.0 / (1.0 + win)
        };
        super::systems::binomial_upper(w, w + l, p0)
    };
    // Training p-values for every combination (bets below the minimum count as p = 1).
    let graded: Vec<(Bits, f64)> = combos
        .par_iter()
        .map(|combo| {
            let mut mask = train.clone();
            for &f in combo {
                for (m, x) in mask.iter_mut().zip(&masks[f]) {
                    *m &= x;
                }
            }
            let ones = vec![u64::MAX; mask.len()];
            let (w, l) = (count(&mask, &wins, &ones), count(&mask, &losses, &ones));
            let p = if w + l >= options.min_games {
                break_even_p(w, l)
            } else {
                1.0
            };
            let mut full = masks[combo[0]].clone();
            for &f in &combo[1..] {
                for (m, x) in full.iter_mut().zip(&masks[f]) {
                    *m &= x;
                }
            }
            (full, p)
        })
        .collect();
    let q = bh(&graded.iter().map(|g| g.1).collect::<Vec<_>>());
    let mut systems: Vec<MinedSystem> = combos
        .par_iter()
        .zip(graded.par_iter())
        .zip(q.par_iter())
        .filter_map(|((combo, (full, _)), &qvalue)| {
            let select = |seasons: &Bits| -> Vec<usize> {
                let both: Bits = full.iter().zip(seasons).map(|(a, b)| a & b).collect();
                indices(&both)
            };
            let train_rows = select(&train);
            let train_record = record(rows, &train_rows, options.market, options.odds).ok()?;
            if train_record.wins + train_record.losses < options.min_games {
                return None;
            }
            let test_record = record(rows, &select(&test), options.market, options.odds).ok()?;
            Some(MinedSystem {
                filters: combo.iter().map(|&f| space[f].text.clone()).collect(),
                train: train_record,
                qvalue,
                test: test_record,
            })
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

/// Options for [`walk_forward`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalkForwardOptions {
    /// Up to this many filters per system.
    pub max_filters: usize,
    /// First training season.
    pub train_from: i32,
    /// Test seasons `[first, last]`: each season Y is tested with systems mined on
    /// `train_from ..= Y − 1`.
    pub test: (i32, i32),
    /// Market graded.
    pub market: Market,
    /// American odds.
    pub odds: f64,
    /// Training bets a system needs.
    pub min_games: u32,
    /// Systems with a training q-value at most this are "selected" and bet in season Y.
    pub q_max: f64,
}

/// One walk-forward step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
            let found = mine(
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
