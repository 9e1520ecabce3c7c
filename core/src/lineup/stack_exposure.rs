//! Stack exposure caps (pydfs-lineup-optimizer's `max_exposure` and `max_exposure_per_team` on a
//! stack): the lineups so far meeting each stack with each team (or game), and, once a team's
//! share is spent, the rebuilt problem without that choice and with every lineup meeting it
//! refused: the search prunes a partial lineup as soon as it meets the choice; the MILP holds a
//! team or game stack's choice to fewer players than the stack needs, and cuts off each optimum
//! meeting any other kind.

use std::collections::HashMap;

use super::problem::{ForbiddenStack, Problem};

/// Lineups so far that met each stack with each team or game (by the choice's key).
pub(super) struct StackUses {
    uses: Vec<HashMap<u16, usize>>,
}

impl StackUses {
    pub fn new(base: &Problem) -> StackUses {
        StackUses {
            uses: vec![HashMap::new(); base.stacks.len()],
        }
    }

    /// Whether any stack of the problem has an exposure cap.
    pub fn needed(base: &Problem) -> bool {
        base.stacks
            .iter()
            .any(|s| s.caps.iter().any(Option::is_some))
    }

    /// Counts a lineup (items of `base`) for every team or game it meets each stack with.
    pub fn add(&mut self, base: &Problem, items: &[u32]) {
        let persons: Vec<u32> = items
            .iter()
            .map(|&it| base.items[it as usize].person)
            .collect();
        for (spec, uses) in base.stacks.iter().zip(&mut self.uses) {
            let mut met: Vec<u16> = (0..spec.choices.len())
                .filter(|&c| spec.caps[c].is_some() && spec.met(c, &persons))
                .map(|c| spec.keys[c])
                .collect();
            met.sort_unstable();
            met.dedup();
            for key in met {
                *uses.entry(key).or_default() += 1;
            }
        }
    }

    /// The (stack, key) choices whose exposure is spent under `cap` (a share to a count).
    pub fn spent(&self, base: &Problem, cap: &impl Fn(Option<f64>) -> usize) -> Vec<(usize, u16)> {
        let mut out = Vec::new();
        for (k, (spec, uses)) in base.stacks.iter().zip(&self.uses).enumerate() {
            for (c, &key) in spec.keys.iter().enumerate() {
                let used = uses.get(&key).copied().unwrap_or(0);
                if spec.caps[c].is_some() && used >= cap(spec.caps[c]) && !out.contains(&(k, key)) {
                    out.push((k, key));
                }
            }
        }
        out
    }
}

/// Moves the spent choices of `problem`'s stacks to its forbidden list.
pub(super) fn forbid(problem: &mut Problem, spent: &[(usize, u16)]) {
    for &(k, key) in spent {
        let spec = &mut problem.stacks[k];
        let slots = spec.slots();
        let interchangeable = spec.kinds.len() == 1;
        let mut c = 0;
        while c < spec.choices.len() {
            if spec.keys[c] == key {
                let masks = spec.choices.remove(c);
                spec.keys.remove(c);
                spec.caps.remove(c);
                problem.forbidden_stacks.push(ForbiddenStack {
                    slots,
                    masks,
                    interchangeable,
                });
            } else {
                c += 1;
            }
        }
    }
}
