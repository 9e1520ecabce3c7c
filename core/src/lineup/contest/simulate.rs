//! The contest simulation: for each simulated slate, every field lineup and every tracked
//! lineup is scored, the field is sorted once, and each tracked lineup's place against the
//! field (entries strictly ahead, entries level) is recorded. The records are kept in blocks of
//! [`BLOCK`] simulations, each block holding every tracked lineup's run of simulations
//! contiguously, so blocks fill in parallel and one lineup's results read in long runs.

use rayon::prelude::*;

use super::field::Field;
use super::outcomes::Outcomes;
use crate::lineup::output::Lineup;
use crate::lineup::slate::Slate;

/// Simulations per block of records.
pub(crate) const BLOCK: usize = 64;

/// A lineup as (person, points multiplier) pairs in a fixed order, so two lineups holding the
/// same players score exactly the same total.
pub(crate) type Entry = Vec<(u32, f64)>;

/// A field lineup (rows in slot order) as an entry.
pub(crate) fn field_entry(slate: &Slate, outcomes: &Outcomes, rows: &[u32]) -> Entry {
    let slots = &slate.roster.slots;
    let mut e: Entry = rows
        .iter()
        .zip(slots)
        .map(|(&r, s)| (outcomes.person_of_row[r as usize], s.multiplier))
        .collect();
    e.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    e
}

/// A lineup from the optimizer as an entry (its slot labels give the multipliers).
pub(crate) fn lineup_entry(slate: &Slate, outcomes: &Outcomes, lineup: &Lineup) -> Entry {
    let slots = &slate.roster.slots;
    let mut e: Entry = lineup
        .players
        .iter()
        .map(|p| {
            let multiplier = slots
                .iter()
                .find(|s| s.name == p.slot)
                .map_or(1.0, |s| s.multiplier);
            (outcomes.person_of_row[p.row], multiplier)
        })
        .collect();
    e.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    e
}

/// Every tracked lineup's score and place against the field in every simulation.
pub(crate) struct Records {
    pub tracked: usize,
    pub simulations: usize,
    /// Score, `[block][lineup][k]`.
    pub score: Vec<f32>,
    /// Field entries strictly ahead.
    pub above: Vec<u32>,
    /// Field entries level (saturating).
    pub tied: Vec<u16>,
}

impl Records {
    pub fn blocks(&self) -> usize {
        self.simulations.div_ceil(BLOCK)
    }

    /// Simulations in block `b`.
    pub fn block_len(&self, b: usize) -> usize {
        (self.simulations - b * BLOCK).min(BLOCK)
    }

    /// Offset of lineup `c`'s run in block `b`.
    #[inline]
    pub fn at(&self, b: usize, c: usize) -> usize {
        (b * self.tracked + c) * BLOCK
    }
}

/// Counts of a sorted list's entries at or below any value, by a table of equal-width buckets
/// over the list's range: a bucket lookup and a short forward scan instead of a binary search
/// whose every step misses the cache.
struct RankIndex {
    low: f64,
    scale: f64,
    /// `starts[k]`: entries below bucket k's lower edge.
    starts: Vec<u32>,
}

impl RankIndex {
    fn new() -> Self {
        RankIndex {
            low: 0.0,
            scale: 0.0,
            starts: Vec::new(),
        }
    }

    fn build(&mut self, sorted: &[f64]) {
        self.starts.clear();
        let (Some(&low), Some(&high)) = (sorted.first(), sorted.last()) else {
            return;
        };
        let buckets = (sorted.len() / 4).clamp(1, 1 << 20);
        self.low = low;
        self.scale = if high > low {
            buckets as f64 / (high - low)
        } else {
            0.0
        };
        let mut i = 0;
        for k in 0..buckets {
            let edge = low + k as f64 / self.scale.max(f64::MIN_POSITIVE);
            while i < sorted.len() && sorted[i] < edge {
                i += 1;
            }
            self.starts.push(i as u32);
        }
    }

    /// Entries of `sorted` (the list the index was built on) at most `x`.
    #[inline]
    fn count_at_most(&self, sorted: &[f64], x: f64) -> usize {
        if sorted.is_empty() || x < self.low {
            return 0;
        }
        let k = (((x - self.low) * self.scale) as usize).min(self.starts.len() - 1);
        let mut i = self.starts[k] as usize;
        while i < sorted.len() && sorted[i] <= x {
            i += 1;
        }
        i
    }
}

/// Simulates `simulations` slates (seeded) and records each tracked entry against the field.
pub(crate) fn simulate(
    outcomes: &Outcomes,
    field: &Entries,
    tracked: &Entries,
    simulations: usize,
    seed: u64,
) -> Records {
    use voracious_radix_sort::RadixSort;
    let blocks = simulations.div_ceil(BLOCK);
    let per_block = tracked.len() * BLOCK;
    let mut score = vec![0f32; blocks * per_block];
    let mut above = vec![0u32; blocks * per_block];
    let mut tied = vec![0u16; blocks * per_block];
    let opponents = field.len();
    score
        .par_chunks_mut(per_block.max(1))
        .zip(above.par_chunks_mut(per_block.max(1)))
        .zip(tied.par_chunks_mut(per_block.max(1)))
        .enumerate()
        .for_each(|(b, ((score, above), tied))| {
            let mut points = vec![0.0; outcomes.persons()];
            let mut factors = Vec::new();
            let mut field_scores = vec![0.0f64; opponents];
            let mut tracked_scores = vec![0.0f64; tracked.len()];
            let mut index = RankIndex::new();
            let sims = (simulations - b * BLOCK).min(BLOCK);
            for k in 0..sims {
                outcomes.draw(seed, (b * BLOCK + k) as u64, &mut points, &mut factors);
                field.scores(&points, &mut field_scores);
                field_scores.voracious_sort();
                index.build(&field_scores);
                tracked.scores(&points, &mut tracked_scores);
                for (c, &x) in tracked_scores.iter().enumerate() {
                    let at_most = index.count_at_most(&field_scores, x);
                    let mut level = 0;
                    while level < at_most && field_scores[at_most - 1 - level] == x {
                        level += 1;
                    }
                    let i = c * BLOCK + k;
                    score[i] = x as f32;
                    above[i] = (opponents - at_most) as u32;
                    tied[i] = level.min(usize::from(u16::MAX)) as u16;
                }
            }
        });
    Records {
        tracked: tracked.len(),
        simulations,
        score,
        above,
        tied,
    }
}

/// Many entries of one width in flat arrays (the field).
pub(crate) struct Entries {
    width: usize,
    persons: Vec<u32>,
    multipliers: Vec<f64>,
}

impl Entries {
    /// Entries of `width` pairs each, flattened.
    pub fn new(width: usize, entries: impl IntoIterator<Item = Entry>) -> Entries {
        let mut persons = Vec::new();
        let mut multipliers = Vec::new();
        for e in entries {
            debug_assert_eq!(e.len(), width);
            for (p, m) in e {
                persons.push(p);
                multipliers.push(m);
            }
        }
        Entries {
            width,
            persons,
            multipliers,
        }
    }

    /// The entry at `i`.
    pub fn entry(&self, i: usize) -> impl Iterator<Item = (u32, f64)> + '_ {
        let w = self.width;
        self.persons[i * w..(i + 1) * w]
            .iter()
            .copied()
            .zip(self.multipliers[i * w..(i + 1) * w].iter().copied())
    }

    pub fn len(&self) -> usize {
        self.persons.len() / self.width.max(1)
    }

    /// Every entry's points, summed in each entry's fixed order.
    fn scores(&self, points: &[f64], out: &mut [f64]) {
        let w = self.width;
        for ((o, persons), multipliers) in out
            .iter_mut()
            .zip(self.persons.chunks_exact(w))
            .zip(self.multipliers.chunks_exact(w))
        {
            *o = persons
                .iter()
                .zip(multipliers)
                .map(|(&p, &m)| m * points[p as usize])
                .sum();
        }
    }
}

/// The field's entries from its rows.
pub(crate) fn field_entries(slate: &Slate, outcomes: &Outcomes, field: &Field) -> Entries {
    Entries::new(
        slate.roster.slots.len(),
        (0..field.len()).map(|i| field_entry(slate, outcomes, field.lineup(i))),
    )
}
