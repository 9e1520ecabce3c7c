//! The exact bound table: for each step of the player order, each live automaton state and each
//! amount of salary left, the most points the remaining players can add and still complete a
//! valid lineup. It is a knapsack dynamic programme over (player, state, salary units), so a
//! search node's bound is achievable, not just optimistic, under the roster, cap, locks and stacks.

use super::automaton::{Automaton, DEAD, ItemKind};
use super::problem::Problem;

/// "No completion": far below any real total and safe from i32 overflow over a roster's adds.
pub(crate) const NEG: i32 = -1_500_000_000;
/// Values at or below this are infeasible (real totals stay above −6·10^8).
pub(crate) const FEASIBLE_MIN: i32 = -750_000_000;
pub(crate) const NONE: u32 = u32::MAX;
/// Items per person: a FanDuel NBA single-game player can be MVP, STAR, PRO or UTIL.
pub(crate) const MAX_ITEMS: usize = 4;

/// One live state at one step.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Start of this entry's stored values in `values`.
    pub row: u32,
    /// Salary left below which no completion exists.
    pub lo: u32,
    /// Values stored from `lo` on; past them the row repeats its last one.
    pub len: u32,
    /// Entry index at the next step after skipping the player (NONE: not allowed).
    pub skip: u32,
    /// Entry index at the next step after taking item k of the player.
    pub take: [u32; MAX_ITEMS],
}

/// Rows keep only the salaries where they change: nothing below the cheapest completion, and
/// one value for the flat run at the top (a state needing few players stops gaining from more
/// salary). That stores a sixth to an eighth of the full (state × salary) grid.
pub(crate) struct Table {
    pub values: Vec<i32>,
    pub layers: Vec<Vec<Entry>>,
}

impl Table {
    /// Builds the table for one stack choice (`choice[r]` = index into stack r's choices).
    pub fn build(problem: &Problem, order: &[u32], choice: &[usize]) -> Table {
        let stack_kinds: Vec<&[u32]> = problem.stacks.iter().map(|s| s.kinds.as_slice()).collect();
        let mut automaton = Automaton::new(&problem.slot_kinds, stack_kinds);
        let n = order.len();
        // Item kinds per step.
        let kinds: Vec<Vec<u32>> = order
            .iter()
            .map(|&q| {
                let person = &problem.persons[q as usize];
                let stack_masks: Vec<u32> = problem
                    .stacks
                    .iter()
                    .zip(choice)
                    .map(|(s, &c)| s.choices[c][q as usize])
                    .collect();
                person
                    .items
                    .iter()
                    .map(|&it| {
                        automaton.kind(ItemKind {
                            slot_mask: problem.items[it as usize].slot_mask,
                            stack_masks: stack_masks.clone(),
                        })
                    })
                    .collect()
            })
            .collect();

        // What the players from step i on can still fill, per slot kind and stack requirement
        // kind (capped at the kind's size so the vectors repeat and intern well).
        let mut kind_masks: Vec<u32> = problem.slot_kinds.clone();
        let slot_kinds = kind_masks.len();
        for s in &problem.stacks {
            kind_masks.extend_from_slice(&s.kinds);
        }
        let mut counts = vec![0u32; kind_masks.len()];
        let mut caps = vec![0u32; n + 1];
        let cap_of = |counts: &[u32], automaton: &mut Automaton| {
            let v = counts
                .iter()
                .zip(&kind_masks)
                .map(|(&c, k)| c.min(k.count_ones()))
                .collect();
            automaton.caps(v)
        };
        caps[n] = cap_of(&counts, &mut automaton);
        for i in (0..n).rev() {
            let q = order[i] as usize;
            let person = &problem.persons[q];
            let slot_mask = person
                .items
                .iter()
                .fold(0, |m, &it| m | problem.items[it as usize].slot_mask);
            let mut at = slot_kinds;
            let mut stack_masks = Vec::with_capacity(problem.stacks.len());
            for (s, &c) in problem.stacks.iter().zip(choice) {
                stack_masks.push((at, s.kinds.len(), s.choices[c][q]));
                at += s.kinds.len();
            }
            for (k, count) in counts.iter_mut().enumerate() {
                let fits = if k < slot_kinds {
                    slot_mask & kind_masks[k] != 0
                } else {
                    stack_masks.iter().any(|&(from, len, m)| {
                        (from..from + len).contains(&k) && m & kind_masks[k] != 0
                    })
                };
                *count += u32::from(fits);
            }
            caps[i] = cap_of(&counts, &mut automaton);
        }

        // Forward: states reachable at each step, pruned of what the rest cannot fill.
        let mut live: Vec<Vec<u32>> = Vec::with_capacity(n + 1);
        let start = automaton.start();
        live.push(vec![automaton.prune(start, caps[0])]);
        live[0].retain(|&s| s != DEAD);
        for i in 0..n {
            let locked = problem.persons[order[i] as usize].locked;
            let mut next: Vec<u32> = Vec::new();
            for &s in &live[i] {
                if !locked {
                    next.push(s);
                }
                for &k in &kinds[i] {
                    let t = automaton.step(s, k);
                    next.push(t);
                }
            }
            for s in &mut next {
                *s = automaton.prune(*s, caps[i + 1]);
            }
            next.sort_unstable();
            next.dedup();
            next.retain(|&s| s != DEAD);
            live.push(next);
        }
        // Backward: keep states that can still reach an accepting one.
        let mut co: Vec<Vec<u32>> = vec![Vec::new(); n + 1];
        co[n] = live[n]
            .iter()
            .copied()
            .filter(|&s| automaton.accepting(s))
            .collect();
        for i in (0..n).rev() {
            let locked = problem.persons[order[i] as usize].locked;
            let next = &co[i + 1];
            let keep: Vec<u32> = live[i]
                .iter()
                .copied()
                .filter(|&s| {
                    (!locked && next.binary_search(&automaton.prune(s, caps[i + 1])).is_ok())
                        || kinds[i].iter().any(|&k| {
                            let t = automaton.step(s, k);
                            next.binary_search(&automaton.prune(t, caps[i + 1])).is_ok()
                        })
                })
                .collect();
            co[i] = keep;
        }

        let width = problem.cap_units as usize + 1;
        let mut layers: Vec<Vec<Entry>> = Vec::with_capacity(n + 1);
        for i in 0..=n {
            let layer = co[i]
                .iter()
                .map(|&s| {
                    let mut e = Entry {
                        row: 0,
                        lo: 0,
                        len: 0,
                        skip: NONE,
                        take: [NONE; MAX_ITEMS],
                    };
                    if i < n {
                        let next = &co[i + 1];
                        if !problem.persons[order[i] as usize].locked {
                            let t = automaton.prune(s, caps[i + 1]);
                            e.skip = next.binary_search(&t).map_or(NONE, |x| x as u32);
                        }
                        for (k, &kind) in kinds[i].iter().enumerate() {
                            let t = automaton.step(s, kind);
                            let t = automaton.prune(t, caps[i + 1]);
                            e.take[k] = next.binary_search(&t).map_or(NONE, |x| x as u32);
                        }
                    }
                    e
                })
                .collect();
            layers.push(layer);
        }
        // The knapsack runs on full-width rows of two layers at a time; each finished layer is
        // stored trimmed.
        let mut values: Vec<i32> = Vec::new();
        let mut next_full: Vec<i32> = vec![NEG; layers[n].len() * width];
        if !layers[n].is_empty() {
            let unused = (problem.max_unused as usize).min(width - 1);
            next_full[..=unused].fill(0);
        }
        store_layer(&mut values, &mut layers[n], &next_full, width);
        let mut here_full: Vec<i32> = Vec::new();
        for i in (0..n).rev() {
            let person = &problem.persons[order[i] as usize];
            here_full.clear();
            here_full.resize(layers[i].len() * width, NEG);
            for (e, row) in layers[i].iter().zip(here_full.chunks_exact_mut(width)) {
                let next_row = |x: u32| &next_full[x as usize * width..][..width];
                if e.skip != NONE {
                    row.copy_from_slice(next_row(e.skip));
                }
                for (k, &it) in person.items.iter().enumerate() {
                    if e.take[k] == NONE {
                        continue;
                    }
                    let item = &problem.items[it as usize];
                    // Below the next state's cheapest completion there is nothing to add.
                    let from = layers[i + 1][e.take[k] as usize].lo as usize;
                    let w = item.salary as usize;
                    if w + from >= width {
                        continue;
                    }
                    let src = &next_row(e.take[k])[from..width - w];
                    let p = item.points;
                    for (dst, &v) in row[w + from..].iter_mut().zip(src) {
                        *dst = (*dst).max(v + p);
                    }
                }
            }
            store_layer(&mut values, &mut layers[i], &here_full, width);
            std::mem::swap(&mut next_full, &mut here_full);
        }
        values.shrink_to_fit();
        Table { values, layers }
    }

    /// Memory held.
    pub fn bytes(&self) -> usize {
        self.values.len() * 4
            + self
                .layers
                .iter()
                .map(|l| l.len() * std::mem::size_of::<Entry>())
                .sum::<usize>()
    }

    /// The best completion from entry `e` of step `i` with `salary` units left.
    #[inline]
    pub fn value(&self, i: usize, e: u32, salary: u32) -> i32 {
        let entry = &self.layers[i][e as usize];
        if salary < entry.lo || entry.len == 0 {
            return NEG;
        }
        let at = (salary - entry.lo).min(entry.len - 1);
        self.values[(entry.row + at) as usize]
    }

    /// The best lineup value (or `FEASIBLE_MIN` and below when none exists).
    pub fn best(&self, cap_units: u32) -> i32 {
        if self.layers[0].is_empty() {
            return NEG;
        }
        self.value(0, 0, cap_units)
    }
}

/// Appends a layer's full-width rows to `values`, trimmed: from the first feasible salary to
/// the start of the row's final flat run.
fn store_layer(values: &mut Vec<i32>, layer: &mut [Entry], full: &[i32], width: usize) {
    for (e, row) in layer.iter_mut().zip(full.chunks_exact(width)) {
        let lo = row.iter().position(|&v| v > FEASIBLE_MIN).unwrap_or(width);
        let last = row[width - 1];
        let flat_from = width - row.iter().rev().take_while(|&&v| v == last).count();
        e.row = values.len() as u32;
        e.lo = lo as u32;
        if lo < width {
            let end = flat_from.max(lo) + 1;
            values.extend_from_slice(&row[lo..end]);
            e.len = (end - lo) as u32;
        }
    }
}
