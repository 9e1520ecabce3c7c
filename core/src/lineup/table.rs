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
    /// Start of this entry's row in `values`.
    pub row: u32,
    /// Entry index at the next step after skipping the player (NONE: not allowed).
    pub skip: u32,
    /// Entry index at the next step after taking item k of the player.
    pub take: [u32; MAX_ITEMS],
}

pub(crate) struct Table {
    pub width: usize,
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
        let mut rows = 0u32;
        for i in 0..=n {
            let layer = co[i]
                .iter()
                .map(|&s| {
                    let mut e = Entry {
                        row: rows,
                        skip: NONE,
                        take: [NONE; MAX_ITEMS],
                    };
                    rows += 1;
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
        let mut values = vec![NEG; rows as usize * width];
        if let Some(accept) = layers[n].first() {
            let row = accept.row as usize * width;
            let unused = (problem.max_unused as usize).min(width - 1);
            values[row..=row + unused].fill(0);
        }
        for i in (0..n).rev() {
            let person = &problem.persons[order[i] as usize];
            let split = layers[i + 1]
                .first()
                .map_or(values.len(), |e| e.row as usize * width);
            let (here, next) = values.split_at_mut(split);
            for e in &layers[i] {
                let row = &mut here[e.row as usize * width..][..width];
                let at = |x: u32| (layers[i + 1][x as usize].row as usize * width) - split;
                if e.skip != NONE {
                    row.copy_from_slice(&next[at(e.skip)..][..width]);
                }
                for (k, &it) in person.items.iter().enumerate() {
                    if e.take[k] == NONE {
                        continue;
                    }
                    let item = &problem.items[it as usize];
                    let w = item.salary as usize;
                    if w >= width {
                        continue;
                    }
                    let src = &next[at(e.take[k])..][..width - w];
                    let p = item.points;
                    for (dst, &v) in row[w..].iter_mut().zip(src) {
                        *dst = (*dst).max(v + p);
                    }
                }
            }
        }
        Table {
            width,
            values,
            layers,
        }
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
        self.values[self.layers[i][e as usize].row as usize * self.width + salary as usize]
    }

    /// The best lineup value (or `FEASIBLE_MIN` and below when none exists).
    pub fn best(&self, cap_units: u32) -> i32 {
        if self.layers[0].is_empty() {
            return NEG;
        }
        self.value(0, 0, cap_units)
    }
}
