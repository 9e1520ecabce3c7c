//! Stack rules compiled for the search: a stack becomes requirement slots ("QB of team T",
//! "WR|TE of team T", "any player of T's opponent") grouped into interchangeable kinds, and one
//! choice per team, game or (baseball) team and batting-order window, each giving the slots
//! every person may fill. The automaton adds the requirement slots as optional-fill state.

use super::error::LineupError;
use super::problem::{Compiler, NO_TEAM, Person, rule_err};
use super::rules::Stack;

/// A stack rule with its choices (teams or games); a lineup must satisfy one choice.
#[derive(Debug, Clone)]
pub(crate) struct StackSpec {
    /// Most players the stack needs from any one team.
    pub per_team: usize,
    /// Requirement-slot masks grouped by kind (identical requirements are interchangeable).
    pub kinds: Vec<u32>,
    /// Per choice, per person: the requirement slots the person may fill.
    pub choices: Vec<Vec<u32>>,
    /// Per choice, the team (or game) it stacks; batting-order windows share their team's.
    pub keys: Vec<u16>,
    /// Per choice, its exposure cap (a share of the run).
    pub caps: Vec<Option<f64>>,
}

impl StackSpec {
    /// The requirement slots, as one mask.
    pub fn slots(&self) -> u32 {
        self.kinds.iter().fold(0, |m, k| m | k)
    }

    /// Whether the persons of a lineup meet `choice`.
    pub fn met(&self, choice: usize, persons: &[u32]) -> bool {
        meets(self.slots(), &self.choices[choice], persons)
    }
}

/// Whether `persons` fill every requirement slot in `slots`, each slot by a distinct person
/// whose mask (`masks[person]`) holds it: a bipartite matching over at most 16 slots.
pub(crate) fn meets(slots: u32, masks: &[u32], persons: &[u32]) -> bool {
    fn augment(
        person: usize,
        persons: &[u32],
        masks: &[u32],
        holder: &mut [usize; 32],
        visited: &mut u32,
    ) -> bool {
        let mask = masks[persons[person] as usize];
        for r in (0..32).filter(|r| mask & (1 << r) != 0) {
            if *visited & (1 << r) != 0 {
                continue;
            }
            *visited |= 1 << r;
            if holder[r] == usize::MAX || augment(holder[r], persons, masks, holder, visited) {
                holder[r] = person;
                return true;
            }
        }
        false
    }
    let mut holder = [usize::MAX; 32];
    let mut matched = 0;
    for k in 0..persons.len() {
        let mut visited = !slots;
        matched += usize::from(augment(k, persons, masks, &mut holder, &mut visited));
    }
    matched >= slots.count_ones() as usize
}

impl Compiler<'_> {
    /// Compiles stack rule `k` against the persons: its requirement slots and, per choice (a
    /// team, a game, or a team and batting-order window), the slots each person may fill.
    pub fn stack(
        &self,
        k: usize,
        stack: &Stack,
        persons: &[Person],
    ) -> Result<StackSpec, LineupError> {
        let rule = format!("stacks[{k}]");
        // Requirement slots as (is own team or opponent or either side, positions), in order.
        #[derive(Clone, Copy, PartialEq)]
        enum Side {
            Own,
            Opponent,
            TeamA,
            TeamB,
            Either,
        }
        let mut reqs: Vec<(Side, u64)> = Vec::new();
        let by_game = matches!(stack, Stack::Game { .. });
        let mut allowed: Vec<u16> = Vec::new();
        // Batting-order windows (first spot, spots) the own side must come from.
        let mut windows: Vec<Option<(u8, u8)>> = vec![None];
        match stack {
            Stack::Team {
                size,
                positions,
                teams,
                bring_back,
                bring_back_positions,
                spacing,
                ..
            } => {
                if let Some(s) = *spacing {
                    if s == 0 {
                        return Err(rule_err(rule, "spacing must be at least 1"));
                    }
                    if !persons.iter().any(|p| p.batting_order.is_some()) {
                        return Err(rule_err(
                            rule,
                            "spacing needs batting orders: merge a projections file with a batting_order column",
                        ));
                    }
                    let s = s.min(9) as u8;
                    let starts = if s == 9 { 1 } else { 9 };
                    windows = (1..=starts).map(|w| Some((w, s))).collect();
                }
                let own = self.positions_mask(&rule, positions)?;
                let opp = self.positions_mask(&rule, bring_back_positions)?;
                reqs.extend(std::iter::repeat_n((Side::Own, own), *size));
                reqs.extend(std::iter::repeat_n((Side::Opponent, opp), *bring_back));
                for t in teams {
                    allowed.push(self.team(&rule, t)?);
                }
            }
            Stack::Positions {
                positions,
                teams,
                bring_back,
                ..
            } => {
                for p in positions {
                    reqs.push((Side::Own, self.position_mask(&rule, p)?));
                }
                for p in bring_back {
                    reqs.push((Side::Opponent, self.position_mask(&rule, p)?));
                }
                for t in teams {
                    allowed.push(self.team(&rule, t)?);
                }
            }
            Stack::Game {
                size,
                min_from_each_team,
                games,
                ..
            } => {
                if 2 * min_from_each_team > *size {
                    return Err(rule_err(
                        rule,
                        format!(
                            "{min_from_each_team} from each team needs a stack of at least {}",
                            2 * min_from_each_team
                        ),
                    ));
                }
                reqs.extend(std::iter::repeat_n(
                    (Side::TeamA, u64::MAX),
                    *min_from_each_team,
                ));
                reqs.extend(std::iter::repeat_n(
                    (Side::TeamB, u64::MAX),
                    *min_from_each_team,
                ));
                reqs.extend(std::iter::repeat_n(
                    (Side::Either, u64::MAX),
                    size - 2 * min_from_each_team,
                ));
                for g in games {
                    allowed.push(*self.games.get(g).ok_or_else(|| {
                        rule_err(&rule, format!("game {g:?} is not on the slate"))
                    })?);
                }
            }
        }
        if reqs.is_empty() {
            return Err(rule_err(rule, "a stack needs at least one player"));
        }
        if reqs.len() > 16 {
            return Err(rule_err(rule, "a stack of more than 16 players"));
        }
        let mut kinds: Vec<u32> = Vec::new();
        let mut kind_reqs: Vec<(Side, u64)> = Vec::new();
        for (j, r) in reqs.iter().enumerate() {
            match kind_reqs.iter().position(|k| k == r) {
                Some(k) => kinds[k] |= 1 << j,
                None => {
                    kind_reqs.push(*r);
                    kinds.push(1 << j);
                }
            }
        }
        // Choices: every team (or game) present in the pool, restricted to `allowed`.
        let mut candidates: Vec<u16> = persons
            .iter()
            .map(|p| if by_game { p.game } else { p.team })
            .filter(|&t| t != NO_TEAM)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        if !allowed.is_empty() {
            candidates.retain(|t| allowed.contains(t));
        }
        let in_window = |p: &Person, window: Option<(u8, u8)>| match window {
            None => true,
            Some((first, spots)) => p.batting_order.is_some_and(|o| (o + 9 - first) % 9 < spots),
        };
        let cap_of = |c: u16| -> Option<f64> {
            let names = if by_game { &self.games } else { &self.teams };
            let name = names
                .iter()
                .find(|(_, id)| **id == c)
                .map(|(n, _)| n.as_str())?;
            stack.exposure_cap(name)
        };
        let mut choices = Vec::new();
        let mut keys = Vec::new();
        let mut caps = Vec::new();
        for (&c, window) in candidates
            .iter()
            .flat_map(|c| windows.iter().map(move |w| (c, *w)))
        {
            // For games, the two sides are the teams of the game's players, in id order.
            let sides: Vec<u16> = if by_game {
                let mut s: Vec<u16> = persons
                    .iter()
                    .filter(|p| p.game == c)
                    .map(|p| p.team)
                    .collect();
                s.sort_unstable();
                s.dedup();
                s
            } else {
                Vec::new()
            };
            let masks: Vec<u32> = persons
                .iter()
                .map(|p| {
                    reqs.iter()
                        .enumerate()
                        .filter(|(_, (side, pos))| {
                            p.positions & pos != 0
                                && match side {
                                    Side::Own => p.team == c && in_window(p, window),
                                    Side::Opponent => p.opponent == c,
                                    Side::TeamA => p.game == c && sides.first() == Some(&p.team),
                                    Side::TeamB => p.game == c && sides.get(1) == Some(&p.team),
                                    Side::Either => p.game == c,
                                }
                        })
                        .fold(0u32, |m, (j, _)| m | 1 << j)
                })
                .collect();
            // A choice fewer players could fill than the stack needs is no choice.
            if masks.iter().filter(|&&m| m != 0).count() >= reqs.len() {
                choices.push(masks);
                keys.push(c);
                caps.push(cap_of(c));
            }
        }
        let count = |s: Side| reqs.iter().filter(|r| r.0 == s).count();
        let per_team = count(Side::Own)
            .max(count(Side::Opponent))
            .max(count(Side::TeamA))
            .max(count(Side::TeamB));
        self.check_stack_caps(&rule, stack)?;
        Ok(StackSpec {
            per_team,
            kinds,
            choices,
            keys,
            caps,
        })
    }

    /// Exposure caps lie in [0, 1] and name teams on the slate.
    fn check_stack_caps(&self, rule: &str, stack: &Stack) -> Result<(), LineupError> {
        let (cap, per_team) = stack.exposure_caps();
        let shares = cap
            .into_iter()
            .chain(per_team.into_iter().flat_map(|m| m.values().copied()));
        for share in shares {
            if !(0.0..=1.0).contains(&share) {
                return Err(rule_err(
                    rule,
                    format!("max_exposure {share} must lie in [0, 1]"),
                ));
            }
        }
        for team in per_team.into_iter().flat_map(|m| m.keys()) {
            self.team(rule, team)?;
        }
        Ok(())
    }
}
