//! The finite automaton the search walks while it decides player by player: which roster slots
//! are still open and how far each stack has come.
//!
//! A player who fits several slots (NBA `PG/SG` into PG, SG, G or UTIL) could go to any of them,
//! so a state is the *set* of open-slot masks reachable so far (a subset construction). Every
//! lineup then has exactly one path, and a set of players is accepted exactly when some
//! assignment of them to slots fills the roster. Stacks are optional-fill automata of the same
//! kind over their requirement slots ("QB of team T", "WR|TE of team T"), collapsed to one
//! accepting state once met.

use rustc_hash::FxHashMap as HashMap;

pub(crate) const DEAD: u32 = u32::MAX;

/// Which slots an item fills and which stack requirements its person meets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ItemKind {
    pub slot_mask: u32,
    pub stack_masks: Vec<u32>,
}

pub(crate) struct Automaton<'a> {
    slot_kinds: &'a [u32],
    stack_kinds: Vec<&'a [u32]>,
    keys: Vec<Box<[u32]>>,
    ids: HashMap<Box<[u32]>, u32>,
    memo: HashMap<(u32, u32), u32>,
    kinds: Vec<ItemKind>,
    kind_ids: HashMap<ItemKind, u32>,
    pruned: HashMap<(u32, u32), u32>,
    caps: Vec<Vec<u32>>,
    cap_ids: HashMap<Vec<u32>, u32>,
}

/// Removes one slot of kind `kind` from the open set `m` (the lowest, so identical slots are
/// never told apart).
fn fill(m: u32, kind: u32) -> u32 {
    let open = m & kind;
    m & !(open & open.wrapping_neg())
}

impl<'a> Automaton<'a> {
    pub fn new(slot_kinds: &'a [u32], stack_kinds: Vec<&'a [u32]>) -> Self {
        let mut a = Automaton {
            slot_kinds,
            stack_kinds,
            keys: Vec::new(),
            ids: HashMap::default(),
            memo: HashMap::default(),
            kinds: Vec::new(),
            kind_ids: HashMap::default(),
            pruned: HashMap::default(),
            caps: Vec::new(),
            cap_ids: HashMap::default(),
        };
        let all_slots = slot_kinds.iter().fold(0, |m, k| m | k);
        let mut key = vec![1, all_slots];
        for kinds in &a.stack_kinds {
            key.push(1);
            key.push(kinds.iter().fold(0, |m, k| m | k));
        }
        a.intern(key);
        a
    }

    /// The start state (all slots open, no stack met).
    pub fn start(&self) -> u32 {
        0
    }

    pub fn kind(&mut self, kind: ItemKind) -> u32 {
        let next = self.kinds.len() as u32;
        *self.kind_ids.entry(kind.clone()).or_insert_with(|| {
            self.kinds.push(kind);
            next
        })
    }

    fn intern(&mut self, key: Vec<u32>) -> u32 {
        if let Some(&id) = self.ids.get(key.as_slice()) {
            return id;
        }
        let id = self.keys.len() as u32;
        let key: Box<[u32]> = key.into_boxed_slice();
        self.keys.push(key.clone());
        self.ids.insert(key, id);
        id
    }

    /// Every slot filled and every stack met.
    pub fn accepting(&self, state: u32) -> bool {
        let key = &self.keys[state as usize];
        let mut at = 0;
        while at < key.len() {
            let len = key[at] as usize;
            if len != 1 || key[at + 1] != 0 {
                return false;
            }
            at += 1 + len;
        }
        true
    }

    /// Interns a capacity vector: per slot kind, then per stack requirement kind, how many of
    /// its slots the players still to come could fill.
    pub fn caps(&mut self, caps: Vec<u32>) -> u32 {
        let next = self.caps.len() as u32;
        *self.cap_ids.entry(caps.clone()).or_insert_with(|| {
            self.caps.push(caps);
            next
        })
    }

    /// Drops the open-slot sets the remaining players cannot fill (DEAD if none is left).
    pub fn prune(&mut self, state: u32, caps: u32) -> u32 {
        if state == DEAD {
            return DEAD;
        }
        if let Some(&s) = self.pruned.get(&(state, caps)) {
            return s;
        }
        let key = self.keys[state as usize].clone();
        let cap = self.caps[caps as usize].clone();
        let fits = |m: u32, kinds: &[u32], cap: &[u32]| {
            kinds
                .iter()
                .zip(cap)
                .all(|(&k, &c)| (m & k).count_ones() <= c)
        };
        let mut out = Vec::with_capacity(key.len());
        let mut at = 0;
        let mut cap_at = 0;
        let mut dead = false;
        for part in 0..=self.stack_kinds.len() {
            let kinds: &[u32] = if part == 0 {
                self.slot_kinds
            } else {
                self.stack_kinds[part - 1]
            };
            let len = key[at] as usize;
            let set: Vec<u32> = key[at + 1..at + 1 + len]
                .iter()
                .copied()
                .filter(|&m| fits(m, kinds, &cap[cap_at..cap_at + kinds.len()]))
                .collect();
            at += 1 + len;
            cap_at += kinds.len();
            if set.is_empty() {
                dead = true;
                break;
            }
            out.push(set.len() as u32);
            out.extend_from_slice(&set);
        }
        let s = if dead { DEAD } else { self.intern(out) };
        self.pruned.insert((state, caps), s);
        s
    }

    pub fn step(&mut self, state: u32, kind: u32) -> u32 {
        if let Some(&next) = self.memo.get(&(state, kind)) {
            return next;
        }
        let next = self.compute(state, kind);
        self.memo.insert((state, kind), next);
        next
    }

    fn compute(&mut self, state: u32, kind: u32) -> u32 {
        let key = self.keys[state as usize].clone();
        let kind = &self.kinds[kind as usize];
        let mut out = Vec::with_capacity(key.len() + 4);
        let len = key[0] as usize;
        let mut slots: Vec<u32> = Vec::new();
        for &m in &key[1..1 + len] {
            for &k in self.slot_kinds {
                if m & k & kind.slot_mask != 0 {
                    slots.push(fill(m, k));
                }
            }
        }
        if slots.is_empty() {
            return DEAD;
        }
        slots.sort_unstable();
        slots.dedup();
        out.push(slots.len() as u32);
        out.extend_from_slice(&slots);
        let mut at = 1 + len;
        for (r, kinds) in self.stack_kinds.iter().enumerate() {
            let len = key[at] as usize;
            let set = &key[at + 1..at + 1 + len];
            at += 1 + len;
            let need = kind.stack_masks[r];
            if need == 0 || set == [0] {
                out.push(len as u32);
                out.extend_from_slice(set);
                continue;
            }
            let mut next: Vec<u32> = set.to_vec();
            for &m in set {
                for &k in kinds.iter() {
                    if m & k & need != 0 {
                        next.push(fill(m, k));
                    }
                }
            }
            if next.contains(&0) {
                next = vec![0];
            } else {
                // Keep the minimal open sets: a superset of another open set is never better.
                next.sort_unstable();
                next.dedup();
                let minimal: Vec<u32> = next
                    .iter()
                    .copied()
                    .filter(|&m| !next.iter().any(|&o| o != m && o & !m == 0))
                    .collect();
                next = minimal;
            }
            out.push(next.len() as u32);
            out.extend_from_slice(&next);
        }
        self.intern(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guard_forward_pair_fills_g_and_f_or_the_natural_slots() {
        // PG, SG, G(PG|SG): bits 0, 1, 2.
        let slot_kinds = [0b001, 0b010, 0b100];
        let mut a = Automaton::new(&slot_kinds, vec![]);
        let pg = a.kind(ItemKind {
            slot_mask: 0b101,
            stack_masks: vec![],
        });
        let combo = a.kind(ItemKind {
            slot_mask: 0b111,
            stack_masks: vec![],
        });
        let s = a.step(a.start(), pg);
        let s = a.step(s, pg);
        let done = a.step(s, combo);
        assert!(a.accepting(done));
        // A third pure PG has nowhere to go.
        assert_eq!(a.step(s, pg), DEAD);
    }

    #[test]
    fn a_stack_is_met_once_its_requirements_are_filled_and_stays_met() {
        let slot_kinds = [0b111];
        let stack = [0b01, 0b10]; // QB, WR|TE
        let mut a = Automaton::new(&slot_kinds, vec![&stack]);
        let qb = a.kind(ItemKind {
            slot_mask: 0b111,
            stack_masks: vec![0b01],
        });
        let wr = a.kind(ItemKind {
            slot_mask: 0b111,
            stack_masks: vec![0b10],
        });
        let other = a.kind(ItemKind {
            slot_mask: 0b111,
            stack_masks: vec![0],
        });
        let s = a.step(a.start(), wr);
        let s = a.step(s, other);
        assert!(!a.accepting(s));
        let s = a.step(s, qb);
        assert!(a.accepting(s));
    }
}
