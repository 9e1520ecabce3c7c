//! The greedy choice of the set of entries that earns the most.
//!
//! Adding an entry to the set earns its own prize and costs the set what its entries lose by
//! finishing one place lower when the new entry beats them. Each step adds, from a random
//! sample of the candidates (the stochastic greedy of Mirzasoleiman et al. 2015, "Lazier than
//! lazy greedy"), the one whose exact gain is largest. Gains are evaluated lazily (Minoux
//! 1978): a gain from an earlier step bounds the gain now whenever prizes fall with the place by
//! diminishing steps, so only sampled candidates whose old gain tops the best exact one found
//! are evaluated again. (Prize tables with flat stretches break the bound a little at the
//! stretches' ends.) The chosen entry's gain is always exact, so the reported marginal profits
//! add up to the set's expected profit.

use rayon::prelude::*;

use super::Setup;
use super::outcomes::stream_seed;
use super::payouts::ContestSpec;
use super::simulate::{BLOCK, Entries, Records};
use crate::lineup::rules::Rules;
use crate::lineup::slate::Slate;

/// Candidates evaluated in one pass over the simulations.
const BATCH: usize = 16;
/// The stochastic greedy's ε: each step looks at a random `(candidates / n) · ln(1 / ε)` of
/// the candidates, which keeps within `1 − 1/e − ε` of the best set in expectation for
/// submodular objectives (Mirzasoleiman et al. 2015, "Lazier than lazy greedy").
const EPSILON: f64 = 0.01;

/// Candidates looked at per step.
fn sample_size(candidates: usize, n: usize) -> usize {
    ((candidates as f64 / n.max(1) as f64) * (1.0 / EPSILON).ln()).ceil() as usize
}

/// Entries of a list sorted from high to low that are strictly above `x`, by a binary search
/// without data-dependent branches (the list is short and the outcome unpredictable).
#[inline]
fn count_above(list: &[f32], x: f32) -> usize {
    let mut base = 0;
    let mut size = list.len();
    if size == 0 {
        return 0;
    }
    while size > 1 {
        let half = size / 2;
        base = if list[base + half] > x {
            base + half
        } else {
            base
        };
        size -= half;
    }
    base + usize::from(list[base] > x)
}

/// The greedy's state: each simulation's chosen entries, best first, in flat arrays of
/// `capacity` places per simulation, with the running sum (from the bottom up) of what each
/// entry would lose by dropping one place, so a candidate's gain in a simulation costs one
/// binary search.
struct Greedy<'a> {
    records: &'a Records,
    contest: &'a ContestSpec,
    capacity: usize,
    len: usize,
    scores: Vec<f32>,
    ahead: Vec<u32>,
    level: Vec<u32>,
    /// `capacity + 1` per simulation: `loss_below[i]` = Σ over places ≥ i of the drop.
    loss_below: Vec<f64>,
}

impl<'a> Greedy<'a> {
    fn new(records: &'a Records, contest: &'a ContestSpec, capacity: usize) -> Self {
        let sims = records.simulations;
        Greedy {
            records,
            contest,
            capacity,
            len: 0,
            scores: vec![0.0; sims * capacity],
            ahead: vec![0; sims * capacity],
            level: vec![0; sims * capacity],
            loss_below: vec![0.0; sims * (capacity + 1)],
        }
    }

    /// What adding each of `batch` (tracked entries) adds to the set's prizes, summed over the
    /// simulations: one pass for the whole batch, so each simulation's list is read once.
    fn gains(&self, batch: &[usize]) -> Vec<f64> {
        let r = self.records;
        let parts: Vec<Vec<f64>> = (0..r.blocks())
            .into_par_iter()
            .map(|b| {
                let mut sums = vec![0.0; batch.len()];
                for k in 0..r.block_len(b) {
                    for (sum, &c) in sums.iter_mut().zip(batch) {
                        *sum += self.gain_at(b, k, c);
                    }
                }
                sums
            })
            .collect();
        let mut total = vec![0.0; batch.len()];
        for part in parts {
            for (t, p) in total.iter_mut().zip(part) {
                *t += p;
            }
        }
        total
    }

    /// [`Greedy::gains`] of one entry on one thread (for many candidates at once).
    fn gain_serial(&self, c: usize) -> f64 {
        let r = self.records;
        let mut sum = 0.0;
        for b in 0..r.blocks() {
            for k in 0..r.block_len(b) {
                sum += self.gain_at(b, k, c);
            }
        }
        sum
    }

    /// The gain of entry `c` in simulation `k` of block `b`.
    #[inline]
    fn gain_at(&self, b: usize, k: usize, c: usize) -> f64 {
        let r = self.records;
        let i = r.at(b, c) + k;
        let above = r.above[i];
        if above as usize >= self.contest.paid_places() {
            return 0.0;
        }
        let sim = b * BLOCK + k;
        let start = sim * self.capacity;
        let scores = &self.scores[start..start + self.len];
        let x = r.score[i];
        let ahead = count_above(scores, x);
        let mut level = 0;
        let mut gain = 0.0;
        while ahead + level < self.len && scores[ahead + level] == x {
            let (a, l) = (
                self.ahead[start + ahead + level] as usize,
                self.level[start + ahead + level] as usize,
            );
            gain -= self.contest.prize_for(a, l) - self.contest.prize_for(a, l + 1);
            level += 1;
        }
        gain + self
            .contest
            .prize_for(above as usize + ahead, usize::from(r.tied[i]) + level)
            - self.loss_below[sim * (self.capacity + 1) + ahead + level]
    }

    /// Adds tracked entry `c` to the set.
    fn add(&mut self, c: usize) {
        assert!(
            self.len < self.capacity,
            "the greedy adds at most its capacity"
        );
        let r = self.records;
        let (capacity, len, contest) = (self.capacity, self.len, self.contest);
        self.scores
            .par_chunks_mut(BLOCK * capacity)
            .zip(self.ahead.par_chunks_mut(BLOCK * capacity))
            .zip(self.level.par_chunks_mut(BLOCK * capacity))
            .zip(self.loss_below.par_chunks_mut(BLOCK * (capacity + 1)))
            .enumerate()
            .for_each(|(b, (((scores, aheads), levels), losses))| {
                let base = r.at(b, c);
                for (k, loss) in losses.chunks_mut(capacity + 1).enumerate() {
                    let range = k * capacity..(k + 1) * capacity;
                    let (scores, aheads, levels) = (
                        &mut scores[range.clone()],
                        &mut aheads[range.clone()],
                        &mut levels[range],
                    );
                    let i = base + k;
                    let x = r.score[i];
                    let ahead = count_above(&scores[..len], x);
                    let mut level = 0;
                    while ahead + level < len && scores[ahead + level] == x {
                        levels[ahead + level] += 1;
                        level += 1;
                    }
                    let at = ahead + level;
                    for a in &mut aheads[at..len] {
                        *a += 1;
                    }
                    scores.copy_within(at..len, at + 1);
                    aheads.copy_within(at..len, at + 1);
                    levels.copy_within(at..len, at + 1);
                    scores[at] = x;
                    aheads[at] = r.above[i] + ahead as u32;
                    levels[at] = u32::from(r.tied[i]) + level as u32;
                    loss[len + 1] = 0.0;
                    for j in (0..=len).rev() {
                        let (a, l) = (aheads[j] as usize, levels[j] as usize);
                        loss[j] =
                            loss[j + 1] + contest.prize_for(a, l) - contest.prize_for(a + 1, l);
                    }
                }
            });
        self.len += 1;
    }
}

/// Picks `n` candidates greedily by gain in expected profit, under the exposure and
/// repeating-player limits; each pick with its marginal profit. Fewer when no candidate fits
/// with the picks made.
pub(super) fn choose(
    slate: &Slate,
    setup: &Setup,
    records: &Records,
    tracked: &Entries,
    n: usize,
    rules: &Rules,
    seed: u64,
) -> Vec<(usize, f64)> {
    let fee = setup.contest.entry_fee;
    let persons = setup.outcomes.persons();
    let cap = |e: f64| ((e.clamp(0.0, 1.0) * n as f64) + 1e-9).floor() as usize;
    let mut limit = vec![rules.max_exposure.map_or(usize::MAX, cap); persons];
    for (row, p) in slate.players.iter().enumerate() {
        if let Some(e) = p.extra.max_exposure {
            let q = setup.outcomes.person_of_row[row] as usize;
            limit[q] = limit[q].min(cap(e));
        }
    }
    let people: Vec<Vec<u32>> = (0..tracked.len())
        .map(|c| {
            let mut v: Vec<u32> = tracked.entry(c).map(|x| x.0).collect();
            v.dedup();
            v
        })
        .collect();
    let allowed = |chosen: &[(usize, f64)], used: &[usize], c: usize| {
        people[c]
            .iter()
            .all(|&q| used[q as usize] < limit[q as usize])
            && rules.max_repeating.is_none_or(|r| {
                chosen.iter().all(|&(o, _)| {
                    people[c]
                        .iter()
                        .filter(|q| people[o].binary_search(q).is_ok())
                        .count()
                        <= r
                })
            })
    };
    let sims = records.simulations as f64;
    let mut used = vec![0usize; persons];
    let mut state = Greedy::new(records, &setup.contest, n);
    // bound[c]: candidate c's gain (a sum over the simulations), exact at step stamp[c] and an
    // upper bound after it.
    let mut bound: Vec<f64> = (0..tracked.len())
        .into_par_iter()
        .map(|c| state.gain_serial(c))
        .collect();
    let mut stamp = vec![0usize; tracked.len()];
    let mut alive: Vec<usize> = (0..tracked.len()).collect();
    let sample = sample_size(tracked.len(), n);
    let mut chosen: Vec<(usize, f64)> = Vec::with_capacity(n);
    let beats = |g: f64, c: usize, best: Option<(f64, usize)>| {
        best.is_none_or(|(bg, bc)| g > bg || (g == bg && c < bc))
    };
    while chosen.len() < n {
        let step = chosen.len();
        alive.retain(|&c| allowed(&chosen, &used, c));
        // The first step's gains are all exact already: look at every candidate.
        let mut pool: Vec<usize> = if step == 0 || alive.len() <= sample {
            alive.clone()
        } else {
            let mut rng = fastrand::Rng::with_seed(stream_seed(seed, step as u64));
            let mut pick = alive.clone();
            for i in 0..sample {
                let j = rng.usize(i..pick.len());
                pick.swap(i, j);
            }
            pick.truncate(sample);
            pick
        };
        pool.sort_by(|&a, &b| bound[b].total_cmp(&bound[a]).then(a.cmp(&b)));
        let mut best: Option<(f64, usize)> = None;
        let mut next = 0;
        while next < pool.len() {
            // The rest of the pool cannot beat the best exact gain found.
            if !beats(bound[pool[next]], pool[next], best) {
                break;
            }
            let mut batch = Vec::with_capacity(BATCH);
            while next < pool.len()
                && batch.len() < BATCH
                && beats(bound[pool[next]], pool[next], best)
            {
                let c = pool[next];
                next += 1;
                if stamp[c] == step {
                    if beats(bound[c], c, best) {
                        best = Some((bound[c], c));
                    }
                } else {
                    batch.push(c);
                }
            }
            for (&c, g) in batch.iter().zip(state.gains(&batch)) {
                bound[c] = g;
                stamp[c] = step;
                if beats(g, c, best) {
                    best = Some((g, c));
                }
            }
        }
        let Some((g, c)) = best else {
            // No candidate fits with the picks so far under the limits.
            break;
        };
        for &q in &people[c] {
            used[q as usize] += 1;
        }
        state.add(c);
        chosen.push((c, g / sims - fee));
    }
    chosen
}
