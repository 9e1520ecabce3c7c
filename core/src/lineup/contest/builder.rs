//! The field sampler: one valid lineup at a time, drawn slot by slot by (calibrated) ownership,
//! within the salary and projection floors, optionally seeded with a stack.

use rayon::prelude::*;

use super::field::{Field, FieldModel};
use super::outcomes::{game_key, stream_seed};
use crate::lineup::error::LineupError;
use crate::lineup::roster::Contest;
use crate::lineup::slate::Slate;

struct Pool {
    rows: Vec<u32>,
    cumulative: Vec<f64>,
    min_salary: u32,
    max_salary: u32,
}

impl Pool {
    fn draw(&self, rng: &mut fastrand::Rng) -> u32 {
        let total = *self.cumulative.last().unwrap_or(&0.0);
        let u = rng.f64() * total;
        let k = self.cumulative.partition_point(|&c| c <= u);
        self.rows[k.min(self.rows.len() - 1)]
    }
}

/// Tries at one field lineup before the field is declared impossible.
const ATTEMPTS: usize = 2_000;

/// The sampler's fixed parts.
pub(crate) struct Builder<'a> {
    slate: &'a Slate,
    person_of_row: &'a [u32],
    /// Slots each row may fill (bit per slot).
    slot_mask: Vec<u32>,
    pools: Vec<Pool>,
    fill_order: Vec<usize>,
    cap: u32,
    floor: u32,
    /// Least projection of a field lineup, plain and stack-built.
    least_points: f64,
    least_stacked_points: f64,
    team_of_row: Vec<u16>,
    game_of_row: Vec<u16>,
    teams: usize,
    counted_for_team: Vec<bool>,
    stack_rate: f64,
    stack_size: usize,
    anchors: Vec<u32>,
    anchor_cumulative: Vec<f64>,
    partners: Vec<u32>,
    partner_weight: Vec<f64>,
    team_partner_weight: Vec<f64>,
}

fn has(positions: &[String], any: &[&str]) -> bool {
    positions.iter().any(|p| any.contains(&p.as_str()))
}

impl<'a> Builder<'a> {
    pub fn new(
        slate: &'a Slate,
        person_of_row: &'a [u32],
        model: &FieldModel,
        weights: &[f64],
        optimal: f64,
    ) -> Result<Builder<'a>, LineupError> {
        let roster = &slate.roster;
        let slots = &roster.slots;
        let bad = |message: String| LineupError::Rule {
            rule: "field".into(),
            message,
        };
        let slot_mask: Vec<u32> = slate
            .players
            .iter()
            .map(|p| {
                slots.iter().enumerate().fold(0u32, |m, (j, s)| {
                    let fits = match &p.roster_slot {
                        Some(rs) => rs == s.name,
                        None => p.positions.iter().any(|x| s.accepts.contains(&x.as_str())),
                    };
                    if fits { m | 1 << j } else { m }
                })
            })
            .collect();
        let mut pools = Vec::with_capacity(slots.len());
        for (j, s) in slots.iter().enumerate() {
            let rows: Vec<u32> = (0..slate.players.len() as u32)
                .filter(|&r| slot_mask[r as usize] & (1 << j) != 0 && weights[r as usize] > 0.0)
                .collect();
            if rows.is_empty() {
                return Err(bad(format!(
                    "no player with projected ownership can fill slot {} ({}); merge an ownership column",
                    j + 1,
                    s.name
                )));
            }
            let mut total = 0.0;
            let cumulative = rows
                .iter()
                .map(|&r| {
                    total += weights[r as usize];
                    total
                })
                .collect();
            let salary = |r: &u32| slate.players[*r as usize].salary;
            pools.push(Pool {
                min_salary: rows.iter().map(salary).min().unwrap_or(0),
                max_salary: rows.iter().map(salary).max().unwrap_or(0),
                rows,
                cumulative,
            });
        }
        let mut fill_order: Vec<usize> = (0..slots.len()).collect();
        fill_order.sort_by_key(|&j| pools[j].rows.len());
        let cap = roster.salary_cap;
        let share = model.min_salary_share;
        if !(share.is_finite() && (0.0..=1.0).contains(&share)) {
            return Err(bad(format!("min_salary_share {share} must lie in [0, 1]")));
        }
        let floor = (share * f64::from(cap)).floor() as u32;
        let off = model.max_off_optimal;
        if !(off.is_finite() && (0.0..=1.0).contains(&off)) {
            return Err(bad(format!("max_off_optimal {off} must lie in [0, 1]")));
        }
        let mut team_names: Vec<String> = slate
            .players
            .iter()
            .map(|p| p.team.to_ascii_uppercase())
            .collect();
        team_names.sort_unstable();
        team_names.dedup();
        let team_of_row: Vec<u16> = slate
            .players
            .iter()
            .map(|p| {
                team_names
                    .binary_search(&p.team.to_ascii_uppercase())
                    .unwrap_or(0) as u16
            })
            .collect();
        let mut game_names: Vec<String> = slate.players.iter().filter_map(game_key).collect();
        game_names.sort_unstable();
        game_names.dedup();
        let game_of_row: Vec<u16> = slate
            .players
            .iter()
            .map(|p| {
                game_key(p)
                    .and_then(|g| game_names.binary_search(&g).ok())
                    .map_or(u16::MAX, |g| g as u16)
            })
            .collect();
        let counted_for_team = slate
            .players
            .iter()
            .map(|p| {
                roster.team_limit_positions.is_empty()
                    || has(&p.positions, roster.team_limit_positions)
            })
            .collect();
        let traits = roster.sport.traits();
        let (anchor_pos, partner_pos) = (traits.stack_anchors, traits.stack_partners);
        let single_game = roster.contest == Contest::Showdown;
        let stack_rate = model.stack_rate.unwrap_or(if single_game {
            0.0
        } else {
            traits.field_stack_rate
        });
        if !(stack_rate.is_finite() && (0.0..=1.0).contains(&stack_rate)) {
            return Err(bad(format!("stack_rate {stack_rate} must lie in [0, 1]")));
        }
        if stack_rate > 0.0 && traits.individual {
            return Err(bad(format!(
                "stack_rate {stack_rate}: {} has no teams to stack",
                roster.sport.as_str()
            )));
        }
        let stack_size = model.stack_size.unwrap_or(traits.stack_size);
        if stack_rate > 0.0 && !(2..=slots.len()).contains(&stack_size) {
            return Err(bad(format!(
                "stack_size {stack_size} must lie in 2..={} when stack_rate > 0",
                slots.len()
            )));
        }
        let usable = |r: usize| slot_mask[r] != 0 && weights[r] > 0.0;
        let anchors: Vec<u32> = (0..slate.players.len())
            .filter(|&r| usable(r) && has(&slate.players[r].positions, anchor_pos))
            .map(|r| r as u32)
            .collect();
        let mut total = 0.0;
        let anchor_cumulative = anchors
            .iter()
            .map(|&r| {
                total += weights[r as usize];
                total
            })
            .collect();
        let partners: Vec<u32> = (0..slate.players.len())
            .filter(|&r| {
                usable(r)
                    && (partner_pos.is_empty() || has(&slate.players[r].positions, partner_pos))
            })
            .map(|r| r as u32)
            .collect();
        let partner_weight = partners.iter().map(|&r| weights[r as usize]).collect();
        let mut team_partner_weight = vec![0.0; team_names.len()];
        for &r in &partners {
            team_partner_weight[team_of_row[r as usize] as usize] += weights[r as usize];
        }
        if stack_rate > 0.0 && partners.is_empty() {
            return Err(bad(format!(
                "stack_rate {stack_rate}: no {} player has projected ownership",
                partner_pos.join("/")
            )));
        }
        Ok(Builder {
            slate,
            person_of_row,
            slot_mask,
            pools,
            fill_order,
            cap,
            floor,
            least_points: optimal * (1.0 - off),
            least_stacked_points: optimal * (1.0 - (1.25 * off).min(1.0)),
            team_of_row,
            game_of_row,
            teams: team_names.len(),
            counted_for_team,
            stack_rate,
            stack_size,
            anchors,
            anchor_cumulative,
            partners,
            partner_weight,
            team_partner_weight,
        })
    }

    /// Salary bounds of the open slots other than `skip`.
    fn rest_bounds(&self, filled: &[u32], skip: usize) -> (u32, u32) {
        let mut lo = 0;
        let mut hi = 0;
        for (j, &r) in filled.iter().enumerate() {
            if r == u32::MAX && j != skip {
                lo += self.pools[j].min_salary;
                hi += self.pools[j].max_salary;
            }
        }
        (lo, hi)
    }

    /// Whether `row` may go into slot `j` of the lineup being built.
    fn fits(&self, filled: &[u32], spent: u32, j: usize, row: u32) -> bool {
        let person = self.person_of_row[row as usize];
        if filled
            .iter()
            .any(|&r| r != u32::MAX && self.person_of_row[r as usize] == person)
        {
            return false;
        }
        let salary = spent + self.slate.players[row as usize].salary;
        let (lo, hi) = self.rest_bounds(filled, j);
        salary + lo <= self.cap && salary + hi >= self.floor
    }

    /// The first open slot, in fill order, that `row` can take.
    fn open_slot_for(&self, filled: &[u32], row: u32) -> Option<usize> {
        self.fill_order
            .iter()
            .copied()
            .find(|&j| filled[j] == u32::MAX && self.slot_mask[row as usize] & (1 << j) != 0)
    }

    fn place(&self, filled: &mut [u32], spent: &mut u32, row: u32) -> bool {
        match self.open_slot_for(filled, row) {
            Some(j) if self.fits(filled, *spent, j, row) => {
                filled[j] = row;
                *spent += self.slate.players[row as usize].salary;
                true
            }
            _ => false,
        }
    }

    /// Seeds a lineup with a stack; false when the draw cannot be placed.
    fn stack(&self, rng: &mut fastrand::Rng, filled: &mut [u32], spent: &mut u32) -> bool {
        let team = if self.anchors.is_empty() {
            let total: f64 = self.team_partner_weight.iter().sum();
            let mut u = rng.f64() * total;
            let mut pick = 0;
            for (t, w) in self.team_partner_weight.iter().enumerate() {
                if u < *w {
                    pick = t;
                    break;
                }
                u -= w;
            }
            pick as u16
        } else {
            let total = *self.anchor_cumulative.last().unwrap_or(&0.0);
            let u = rng.f64() * total;
            let k = self
                .anchor_cumulative
                .partition_point(|&c| c <= u)
                .min(self.anchors.len() - 1);
            let anchor = self.anchors[k];
            if !self.place(filled, spent, anchor) {
                return false;
            }
            self.team_of_row[anchor as usize]
        };
        let wanted = self.stack_size - usize::from(!self.anchors.is_empty());
        let mut candidates: Vec<(u32, f64)> = self
            .partners
            .iter()
            .zip(&self.partner_weight)
            .filter(|(r, _)| self.team_of_row[**r as usize] == team)
            .map(|(&r, &w)| (r, w))
            .collect();
        // A drawn partner that cannot go in (his slot taken, or he is already in as captain)
        // leaves the draw; the stack fails only when no candidate is left.
        let mut placed = 0;
        while placed < wanted {
            let total: f64 = candidates.iter().map(|c| c.1).sum();
            if total <= 0.0 {
                return false;
            }
            let mut u = rng.f64() * total;
            let mut k = candidates.len() - 1;
            for (i, c) in candidates.iter().enumerate() {
                if u < c.1 {
                    k = i;
                    break;
                }
                u -= c.1;
            }
            let (row, _) = candidates.swap_remove(k);
            placed += usize::from(self.place(filled, spent, row));
        }
        true
    }

    /// Fills the open slots in fill order; false on a dead end.
    fn fill(&self, rng: &mut fastrand::Rng, filled: &mut [u32], spent: &mut u32) -> bool {
        for &j in &self.fill_order {
            if filled[j] != u32::MAX {
                continue;
            }
            let pool = &self.pools[j];
            let mut chosen = None;
            for _ in 0..48 {
                let row = pool.draw(rng);
                if self.fits(filled, *spent, j, row) {
                    chosen = Some(row);
                    break;
                }
            }
            if chosen.is_none() {
                // Rejection failed: draw among the rows that fit.
                let mut total = 0.0;
                let mut fitting = Vec::new();
                let mut previous = 0.0;
                for (k, &row) in pool.rows.iter().enumerate() {
                    let w = pool.cumulative[k] - previous;
                    previous = pool.cumulative[k];
                    if self.fits(filled, *spent, j, row) {
                        total += w;
                        fitting.push((row, total));
                    }
                }
                if fitting.is_empty() {
                    return false;
                }
                let u = rng.f64() * total;
                let k = fitting.partition_point(|c| c.1 <= u).min(fitting.len() - 1);
                chosen = Some(fitting[k].0);
            }
            let row = chosen.unwrap_or(u32::MAX);
            filled[j] = row;
            *spent += self.slate.players[row as usize].salary;
        }
        true
    }

    /// The site's team and game rules; `team_count` is scratch space of two counters per team.
    fn valid(&self, filled: &[u32], team_count: &mut [u8]) -> bool {
        let roster = &self.slate.roster;
        team_count.fill(0);
        let (limited, present) = team_count.split_at_mut(self.teams);
        let mut teams = 0;
        let mut games: Vec<u16> = Vec::with_capacity(filled.len());
        for &r in filled {
            let t = self.team_of_row[r as usize] as usize;
            if present[t] == 0 {
                present[t] = 1;
                teams += 1;
            }
            if self.counted_for_team[r as usize] {
                limited[t] += 1;
                if roster
                    .max_per_team
                    .is_some_and(|m| usize::from(limited[t]) > m)
                {
                    return false;
                }
            }
            let g = self.game_of_row[r as usize];
            if g != u16::MAX && !games.contains(&g) {
                games.push(g);
            }
        }
        teams >= roster.min_teams && games.len() >= roster.min_games
    }

    pub fn points(&self, filled: &[u32]) -> f64 {
        filled
            .iter()
            .zip(&self.slate.roster.slots)
            .map(|(&r, s)| s.multiplier * self.slate.players[r as usize].projection)
            .sum()
    }

    /// One field lineup (rows in slot order) and whether it was stack-built.
    fn lineup(&self, rng: &mut fastrand::Rng, out: &mut [u32]) -> Option<bool> {
        let mut team_count = vec![0u8; 2 * self.teams];
        // Decided once, so the floors' different pass rates do not tilt the stacked share.
        let stacked = self.stack_rate > 0.0 && rng.f64() < self.stack_rate;
        for _ in 0..ATTEMPTS {
            out.fill(u32::MAX);
            let mut spent = 0;
            if stacked && !self.stack(rng, out, &mut spent) {
                continue;
            }
            if self.fill(rng, out, &mut spent)
                && self.valid(out, &mut team_count)
                && self.points(out)
                    >= if stacked {
                        self.least_stacked_points
                    } else {
                        self.least_points
                    }
            {
                return Some(stacked);
            }
        }
        None
    }

    pub fn field(&self, entries: usize, seed: u64) -> Result<Field, LineupError> {
        let width = self.slate.roster.slots.len();
        let chunks: Vec<(Vec<u32>, usize)> = (0..entries.div_ceil(256))
            .into_par_iter()
            .map(|c| {
                let start = c * 256;
                let end = (start + 256).min(entries);
                let mut rows = vec![u32::MAX; (end - start) * width];
                let mut stacked = 0;
                for (i, out) in rows.chunks_mut(width).enumerate() {
                    let mut rng = fastrand::Rng::with_seed(stream_seed(seed, (start + i) as u64));
                    match self.lineup(&mut rng, out) {
                        Some(s) => stacked += usize::from(s),
                        None => return (Vec::new(), 0),
                    }
                }
                (rows, stacked)
            })
            .collect();
        let mut rows = Vec::with_capacity(entries * width);
        let mut stacked = 0;
        for (c, (part, s)) in chunks.into_iter().enumerate() {
            if part.is_empty() && c * 256 < entries {
                return Err(LineupError::Rule {
                    rule: "field".into(),
                    message: format!(
                        "no valid lineup spending at least {} of {} within {:.1} points of the optimal in {ATTEMPTS} tries from the projected ownership; lower min_salary_share, raise max_off_optimal or change the stack settings",
                        self.floor, self.cap, self.least_points
                    ),
                });
            }
            rows.extend(part);
            stacked += s;
        }
        Ok(Field {
            rows,
            width,
            stacked,
        })
    }
}
