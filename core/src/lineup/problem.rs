//! A slate and its rules compiled for the search: players grouped into persons (a DraftKings
//! showdown player's CPT and FLEX rows are one person), each with the ways it can be used
//! (items: a slot set, integer salary units, integer points), and the rules the search checks
//! one lineup at a time.

use std::collections::HashMap;

use super::error::LineupError;
use super::rules::{OWNERSHIP_FLOOR, PenaltyKind, Rules};
use super::slate::{Slate, name_key};
use super::stacks::StackSpec;

/// Points are integers in 1/10,000 of a point, so sums are exact and ties are ties.
pub(crate) const POINT_SCALE: f64 = 10_000.0;
/// |projection × multiplier| above this is refused (keeps the i32 table far from overflow).
const MAX_POINTS: f64 = 5_000.0;
/// Salary grids finer than this many units under the cap are refused.
const MAX_SALARY_UNITS: u32 = 100_000;
pub(crate) const NO_TEAM: u16 = u16::MAX;

/// One way to use a person: a player row placed in one of a set of slots.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub player: u32,
    pub person: u32,
    pub slot_mask: u32,
    pub salary: u32,
    pub points: i32,
    pub multiplier: f64,
    /// Most lineups this item may be in (captain-only / flex-only exposure).
    pub max_count: usize,
    /// Projected ownership, percent (0 when no ownership rule is set).
    pub ownership: f64,
    /// ln of the ownership fraction, floored at [`OWNERSHIP_FLOOR`].
    pub log_ownership: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub items: Vec<u32>,
    pub team: u16,
    pub opponent: u16,
    pub game: u16,
    pub positions: u64,
    /// Baseball batting-order spot, 1–9.
    pub batting_order: Option<u8>,
    /// A confirmed starter.
    pub starter: bool,
    pub locked: bool,
    pub groups: u32,
    pub max_count: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct GroupSpec {
    pub min: usize,
    pub max: usize,
    pub depends_on: Option<u32>,
}

/// Everything the search needs, built once per run (again when projections are perturbed).
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub items: Vec<Item>,
    pub persons: Vec<Person>,
    /// Slot masks of the roster's slot kinds (identical slots grouped).
    pub slot_kinds: Vec<u32>,
    pub slot_count: usize,
    pub cap_units: u32,
    /// Largest unused salary allowed, in units (cap − min salary).
    pub max_unused: u32,
    /// Per-team limits: (positions counted, most from one team). The user's counts everyone.
    pub team_limits: Vec<(u64, usize)>,
    pub min_teams: usize,
    pub max_teams: usize,
    pub min_games: usize,
    /// (positions mask, opposing positions mask, opponents allowed each): players at the first
    /// positions face at most that many at the second.
    pub opposing: Vec<(u64, u64, usize)>,
    /// (positions mask, teammates' positions mask) pairs that may not share a team.
    pub same_team: Vec<(u64, u64)>,
    /// (positions mask, batting-order spots): teammates at those positions within the spots.
    pub spacing: Option<(u64, u8)>,
    /// Each team's exposure cap (fraction of the run), by team index; empty without one.
    pub team_exposure: Vec<Option<f64>>,
    /// Each team's cap in lineups for this run (set with the other counts); empty without one.
    pub team_max_count: Vec<usize>,
    pub groups: Vec<GroupSpec>,
    pub stacks: Vec<StackSpec>,
    /// Stack choices a lineup may not meet (their exposure spent).
    pub forbidden_stacks: Vec<ForbiddenStack>,
    /// Highest total ownership, percent.
    pub max_total_ownership: Option<f64>,
    /// Highest sum of ln(ownership fraction).
    pub max_log_ownership: Option<f64>,
}

/// Which of the site's own rules are in force (the infeasibility report may drop them).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SiteRules {
    pub salary_cap: bool,
    pub min_games: bool,
    pub max_per_team: bool,
    pub min_teams: bool,
}

impl Default for SiteRules {
    fn default() -> Self {
        SiteRules {
            salary_cap: true,
            min_games: true,
            max_per_team: true,
            min_teams: true,
        }
    }
}

pub(super) fn rule_err(rule: impl Into<String>, message: impl Into<String>) -> LineupError {
    LineupError::Rule {
        rule: rule.into(),
        message: message.into(),
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Resolves player references (ID or name) to slate rows.
pub(crate) struct PlayerIndex<'a> {
    slate: &'a Slate,
    by_name: HashMap<String, Vec<usize>>,
}

impl<'a> PlayerIndex<'a> {
    pub fn new(slate: &'a Slate) -> Self {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in slate.players.iter().enumerate() {
            by_name.entry(name_key(&p.name)).or_default().push(i);
        }
        PlayerIndex { slate, by_name }
    }

    /// Rows a reference names: an ID (one row) or a name (all rows of that person).
    pub fn rows(&self, rule: &str, reference: &str) -> Result<Vec<usize>, LineupError> {
        let by_id: Vec<usize> = (0..self.slate.players.len())
            .filter(|&i| self.slate.players[i].id == reference)
            .collect();
        if !by_id.is_empty() {
            return Ok(by_id);
        }
        let rows = self
            .by_name
            .get(&name_key(reference))
            .cloned()
            .unwrap_or_default();
        let teams: std::collections::BTreeSet<&str> = rows
            .iter()
            .map(|&i| self.slate.players[i].team.as_str())
            .collect();
        match teams.len() {
            0 => Err(rule_err(
                rule,
                format!("no player with ID or name {reference:?} on the slate"),
            )),
            1 => Ok(rows),
            _ => Err(rule_err(
                rule,
                format!("{reference:?} names players on several teams; use the ID"),
            )),
        }
    }
}

/// Names resolved while compiling: positions to bits, teams and games to ids.
pub(super) struct Compiler<'a> {
    pub slate: &'a Slate,
    pub positions: HashMap<&'a str, u32>,
    pub teams: HashMap<String, u16>,
    pub games: HashMap<String, u16>,
}

impl<'a> Compiler<'a> {
    pub fn position_mask(&self, rule: &str, spec: &str) -> Result<u64, LineupError> {
        let mut mask = 0u64;
        for p in spec
            .split(['|', '/', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let bit = self.positions.get(p).ok_or_else(|| {
                rule_err(
                    rule,
                    format!(
                        "position {p:?} is not on this roster (expected one of {})",
                        self.slate.roster.positions.join(", ")
                    ),
                )
            })?;
            mask |= 1 << bit;
        }
        Ok(mask)
    }

    pub fn positions_mask(&self, rule: &str, list: &[String]) -> Result<u64, LineupError> {
        if list.is_empty() {
            return Ok(u64::MAX);
        }
        list.iter()
            .try_fold(0, |m, p| Ok(m | self.position_mask(rule, p)?))
    }

    pub fn team(&self, rule: &str, name: &str) -> Result<u16, LineupError> {
        self.teams
            .get(&name.to_ascii_uppercase())
            .copied()
            .ok_or_else(|| rule_err(rule, format!("team {name:?} is not on the slate")))
    }
}

impl Problem {
    /// Compiles a slate under rules. `points` overrides each row's projection (randomized runs).
    pub fn build(
        slate: &Slate,
        rules: &Rules,
        site: SiteRules,
        points: Option<&[f64]>,
    ) -> Result<Problem, LineupError> {
        let roster = &slate.roster;
        let mut compiler = Compiler {
            slate,
            positions: roster
                .positions
                .iter()
                .enumerate()
                .map(|(i, p)| (*p, i as u32))
                .collect(),
            teams: HashMap::new(),
            games: HashMap::new(),
        };
        for p in &slate.players {
            let n = compiler.teams.len() as u16;
            compiler
                .teams
                .entry(p.team.to_ascii_uppercase())
                .or_insert(n);
            if let Some(o) = &p.opponent {
                let n = compiler.teams.len() as u16;
                compiler.teams.entry(o.to_ascii_uppercase()).or_insert(n);
            }
            if let Some(g) = &p.game {
                let n = compiler.games.len() as u16;
                compiler.games.entry(g.clone()).or_insert(n);
            }
        }
        let index = PlayerIndex::new(slate);

        // Rows removed by hygiene and excludes.
        let mut dropped = vec![false; slate.players.len()];
        let drop_zero = rules.drop_zero_projections.unwrap_or(true);
        let default_injury = ["O", "IR", "IL", "D", "OUT", "NA", "SUS", "INJ"];
        let injury: Vec<String> = match &rules.drop_injury {
            Some(list) => list.iter().map(|s| s.to_ascii_uppercase()).collect(),
            None => default_injury.iter().map(|s| s.to_string()).collect(),
        };
        for (i, p) in slate.players.iter().enumerate() {
            let proj = points.map_or(p.projection, |pts| pts[i]);
            if (drop_zero && p.projection <= 0.0) || !proj.is_finite() {
                dropped[i] = true;
            }
            if let Some(status) = &p.injury
                && injury.iter().any(|s| s.eq_ignore_ascii_case(status.trim()))
            {
                dropped[i] = true;
            }
        }
        for (k, name) in rules.excludes.iter().enumerate() {
            for r in index.rows(&format!("excludes[{k}]"), name)? {
                dropped[r] = true;
            }
        }
        for (k, team) in rules.exclude_teams.iter().enumerate() {
            let t = compiler.team(&format!("exclude_teams[{k}]"), team)?;
            for (i, p) in slate.players.iter().enumerate() {
                if compiler.teams[&p.team.to_ascii_uppercase()] == t {
                    dropped[i] = true;
                }
            }
        }

        // Slot kinds: identical slots (label, positions, multiplier) are interchangeable.
        let mut slot_kinds: Vec<u32> = Vec::new();
        let mut kind_of_slot = Vec::new();
        for (j, s) in roster.slots.iter().enumerate() {
            let same = (0..j).find(|&k| roster.slots[k] == *s);
            match same {
                Some(k) => {
                    let kind = kind_of_slot[k];
                    slot_kinds[kind] |= 1 << j;
                    kind_of_slot.push(kind);
                }
                None => {
                    kind_of_slot.push(slot_kinds.len());
                    slot_kinds.push(1 << j);
                }
            }
        }

        // Locks: rows (and slot restrictions) per locked person.
        let mut lock_slot: HashMap<usize, Option<u32>> = HashMap::new();
        for (k, lock) in rules.locks.iter().enumerate() {
            let rule = format!("locks[{k}]");
            let rows = index.rows(&rule, lock.player())?;
            let slot_mask = match lock {
                super::rules::Lock::InSlot { slot, .. } => {
                    let mask = roster
                        .slots
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| s.name.eq_ignore_ascii_case(slot))
                        .fold(0u32, |m, (j, _)| m | 1 << j);
                    if mask == 0 {
                        return Err(rule_err(rule, format!("no slot {slot:?} on this roster")));
                    }
                    Some(mask)
                }
                super::rules::Lock::Player(_) => None,
            };
            if rows.iter().all(|&r| dropped[r]) {
                return Err(rule_err(
                    rule,
                    format!("{:?} is excluded (rules or pool hygiene)", lock.player()),
                ));
            }
            for r in rows {
                lock_slot.insert(r, slot_mask);
            }
        }

        // Persons: a showdown player's rows share one person (by name and team).
        let mut person_of_key: HashMap<(String, String), u32> = HashMap::new();
        let mut persons: Vec<Person> = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        let mut unit = if site.salary_cap {
            roster.salary_cap
        } else {
            0
        };
        let cap = match (site.salary_cap, rules.max_salary) {
            (true, Some(m)) => m.min(roster.salary_cap),
            (true, None) => roster.salary_cap,
            (false, _) => u32::MAX,
        };
        let ownership = ownership_rules(slate, rules, &dropped)?;
        for (i, p) in slate.players.iter().enumerate() {
            if dropped[i] {
                continue;
            }
            let proj = points.map_or(p.projection, |pts| pts[i]);
            let owned = ownership.shares.get(i).copied().unwrap_or(0.0);
            let log_owned = (owned / 100.0).max(OWNERSHIP_FLOOR).ln();
            let penalty = match rules.ownership_penalty {
                Some(pen) => match pen.kind {
                    PenaltyKind::Linear => pen.weight * owned,
                    PenaltyKind::Log => pen.weight * log_owned,
                },
                None => 0.0,
            };
            let mut positions = 0u64;
            for pos in &p.positions {
                if let Some(&b) = compiler.positions.get(pos.as_str()) {
                    positions |= 1 << b;
                }
            }
            let accepts = |j: usize| -> bool {
                let s = &roster.slots[j];
                match &p.roster_slot {
                    Some(rs) => s.name == rs,
                    None => p
                        .positions
                        .iter()
                        .any(|pos| s.accepts.contains(&pos.as_str())),
                }
            };
            // One item per distinct multiplier among the slots that accept the row.
            let mut by_multiplier: Vec<(f64, u32)> = Vec::new();
            for j in (0..roster.slots.len()).filter(|&j| accepts(j)) {
                let m = roster.slots[j].multiplier;
                match by_multiplier.iter_mut().find(|(x, _)| *x == m) {
                    Some((_, mask)) => *mask |= 1 << j,
                    None => by_multiplier.push((m, 1 << j)),
                }
            }
            if let Some(Some(lock_mask)) = lock_slot.get(&i) {
                for (_, mask) in &mut by_multiplier {
                    *mask &= lock_mask;
                }
                by_multiplier.retain(|(_, m)| *m != 0);
            }
            if by_multiplier.is_empty() {
                continue;
            }
            let key = (name_key(&p.name), p.team.to_ascii_uppercase());
            let person = if p.roster_slot.is_some() {
                *person_of_key.entry(key).or_insert(persons.len() as u32)
            } else {
                persons.len() as u32
            };
            if person as usize == persons.len() {
                let team = compiler.teams[&p.team.to_ascii_uppercase()];
                persons.push(Person {
                    items: Vec::new(),
                    team,
                    opponent: p
                        .opponent
                        .as_ref()
                        .map_or(NO_TEAM, |o| compiler.teams[&o.to_ascii_uppercase()]),
                    game: p.game.as_ref().map_or(NO_TEAM, |g| compiler.games[g]),
                    positions,
                    batting_order: p.extra.batting_order,
                    starter: p.extra.confirmed_starter == Some(true),
                    locked: false,
                    groups: 0,
                    max_count: usize::MAX,
                });
            }
            if lock_slot.contains_key(&i) {
                persons[person as usize].locked = true;
            }
            for (multiplier, slot_mask) in by_multiplier {
                let value = proj * multiplier - penalty;
                if value.abs() > MAX_POINTS {
                    return Err(LineupError::BadValue {
                        line: p.line,
                        column: "projection".into(),
                        value: proj.to_string(),
                        reason: format!("points beyond ±{MAX_POINTS} are not supported"),
                    });
                }
                unit = gcd(unit, p.salary);
                persons[person as usize].items.push(items.len() as u32);
                items.push(Item {
                    player: i as u32,
                    person,
                    slot_mask,
                    salary: p.salary,
                    points: (value * POINT_SCALE).round() as i32,
                    multiplier,
                    max_count: usize::MAX,
                    ownership: owned,
                    log_ownership: log_owned,
                });
            }
        }
        // A locked showdown person keeps only the rows the lock names.
        for person in &mut persons {
            if person.locked {
                let locked_rows: Vec<u32> = person
                    .items
                    .iter()
                    .copied()
                    .filter(|&it| lock_slot.contains_key(&(items[it as usize].player as usize)))
                    .collect();
                person.items = locked_rows;
            }
        }

        let min_salary = rules.min_salary.unwrap_or(0);
        if min_salary > 0 {
            unit = gcd(unit, min_salary);
        }
        if site.salary_cap {
            unit = gcd(unit, cap);
        }
        let unit = unit.max(1);
        let cap_units = if site.salary_cap {
            cap / unit
        } else {
            let top: u32 = {
                let mut s: Vec<u32> = items.iter().map(|it| it.salary).collect();
                s.sort_unstable_by(|a, b| b.cmp(a));
                s.iter().take(roster.slots.len()).sum()
            };
            top / unit
        };
        if cap_units > MAX_SALARY_UNITS {
            return Err(rule_err(
                "salary",
                format!(
                    "salaries share no unit above ${unit}; {cap_units} salary steps under the cap is more than the \
                     {MAX_SALARY_UNITS} the exact search tabulates"
                ),
            ));
        }
        for it in &mut items {
            it.salary /= unit;
        }
        let max_unused = cap_units.saturating_sub(min_salary.div_ceil(unit));
        if min_salary > cap && site.salary_cap {
            return Err(rule_err(
                "min_salary",
                format!("{min_salary} is above the salary cap {cap}"),
            ));
        }

        let opposing = rules
            .restrict_opposing
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let rule = format!("restrict_opposing[{k}]");
                Ok((
                    compiler.positions_mask(&rule, &r.positions)?,
                    compiler.positions_mask(&rule, &r.opposing)?,
                    r.max_allowed,
                ))
            })
            .collect::<Result<Vec<_>, LineupError>>()?;
        let mut team_exposure = Vec::new();
        if rules.max_team_exposure.is_some() || !rules.team_exposures.is_empty() {
            team_exposure = vec![rules.max_team_exposure; compiler.teams.len()];
            for (k, t) in rules.team_exposures.iter().enumerate() {
                let index = compiler.team(&format!("team_exposures[{k}]"), &t.team)?;
                team_exposure[index as usize] = Some(t.max_exposure);
            }
        }
        let same_team = rules
            .restrict_same_team
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let rule = format!("restrict_same_team[{k}]");
                Ok((
                    compiler.positions_mask(&rule, &r.positions)?,
                    compiler.positions_mask(&rule, &r.teammates)?,
                ))
            })
            .collect::<Result<Vec<_>, LineupError>>()?;

        let person_of_row = |rows: &[usize]| -> Vec<u32> {
            let mut out: Vec<u32> = rows
                .iter()
                .filter_map(|&r| items.iter().find(|it| it.player as usize == r))
                .map(|it| it.person)
                .collect();
            out.dedup();
            out
        };
        let starters_group = usize::from(rules.min_starters.is_some());
        if rules.groups.len() + starters_group > 32 {
            return Err(rule_err(
                "groups",
                "at most 32 groups (min_starters takes one)",
            ));
        }
        let mut groups = Vec::new();
        for (k, g) in rules.groups.iter().enumerate() {
            let rule = format!("groups[{k}]");
            for name in &g.players {
                for person in person_of_row(&index.rows(&rule, name)?) {
                    persons[person as usize].groups |= 1 << k;
                }
            }
            let depends_on = match &g.depends_on {
                Some(name) => Some(
                    *person_of_row(&index.rows(&rule, name)?)
                        .first()
                        .ok_or_else(|| rule_err(&rule, format!("{name:?} is not in the pool")))?,
                ),
                None => None,
            };
            let (min, max) = (g.min.unwrap_or(0), g.max.unwrap_or(usize::MAX));
            if min > max {
                return Err(rule_err(rule, format!("min {min} is above max {max}")));
            }
            groups.push(GroupSpec {
                min,
                max,
                depends_on,
            });
        }

        if let Some(n) = rules.min_starters {
            if n > roster.slots.len() {
                return Err(rule_err(
                    "min_starters",
                    format!("{n} is more than the {} roster slots", roster.slots.len()),
                ));
            }
            let k = groups.len();
            for person in persons.iter_mut().filter(|p| p.starter) {
                person.groups |= 1 << k;
            }
            groups.push(GroupSpec {
                min: n,
                max: usize::MAX,
                depends_on: None,
            });
        }
        let spacing = match &rules.position_spacing {
            None => None,
            Some(s) => {
                if s.spacing == 0 {
                    return Err(rule_err("position_spacing", "spacing must be at least 1"));
                }
                if !persons.iter().any(|p| p.batting_order.is_some()) {
                    return Err(rule_err(
                        "position_spacing",
                        "needs batting orders: merge a projections file with a batting_order column",
                    ));
                }
                let mask = compiler.positions_mask("position_spacing", &s.positions)?;
                Some((mask, s.spacing.min(9) as u8))
            }
        };

        let stacks = rules
            .stacks
            .iter()
            .enumerate()
            .map(|(k, s)| compiler.stack(k, s, &persons))
            .collect::<Result<Vec<_>, LineupError>>()?;

        if items.len() > usize::from(u16::MAX) {
            return Err(LineupError::Unsupported(format!(
                "{} player-slot items; the optimizer handles up to 65,535",
                items.len()
            )));
        }
        let slot_count = roster.slots.len();
        let mut team_limits = Vec::new();
        if let Some(m) = rules.max_per_team {
            team_limits.push((u64::MAX, m));
        }
        if let Some(m) = roster.max_per_team.filter(|_| site.max_per_team) {
            let counted = roster
                .team_limit_positions
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>();
            team_limits.push((compiler.positions_mask("site team limit", &counted)?, m));
        }
        Ok(Problem {
            items,
            persons,
            slot_kinds,
            slot_count,
            cap_units,
            max_unused,
            team_limits,
            min_teams: rules.min_teams.unwrap_or(0).max(if site.min_teams {
                roster.min_teams
            } else {
                0
            }),
            max_teams: rules.max_teams.unwrap_or(usize::MAX),
            // One game is no rule: a golf or NASCAR field has no games at all.
            min_games: if site.min_games && roster.min_games > 1 {
                roster.min_games
            } else {
                0
            },
            opposing,
            same_team,
            spacing,
            team_exposure,
            team_max_count: Vec::new(),
            groups,
            stacks,
            forbidden_stacks: Vec::new(),
            max_total_ownership: ownership.max_total,
            max_log_ownership: ownership.max_log,
        })
    }
}

/// The ownership rules, checked: each kept row's ownership (percent) when any rule needs it.
struct OwnershipRules {
    shares: Vec<f64>,
    max_total: Option<f64>,
    max_log: Option<f64>,
}

fn ownership_rules(
    slate: &Slate,
    rules: &Rules,
    dropped: &[bool],
) -> Result<OwnershipRules, LineupError> {
    let mut out = OwnershipRules {
        shares: Vec::new(),
        max_total: None,
        max_log: None,
    };
    if let Some(cap) = rules.max_total_ownership {
        if !(cap.is_finite() && cap > 0.0) {
            return Err(rule_err(
                "max_total_ownership",
                format!("{cap} must be a positive percentage"),
            ));
        }
        out.max_total = Some(cap);
    }
    if let Some(cap) = rules.max_product_ownership {
        if !(cap > 0.0 && cap <= 1.0) {
            return Err(rule_err(
                "max_product_ownership",
                format!("{cap} must lie in (0, 1]"),
            ));
        }
        out.max_log = Some(cap.ln());
    }
    let rule = match (
        rules.max_total_ownership,
        rules.max_product_ownership,
        rules.ownership_penalty,
    ) {
        (Some(_), _, _) => "max_total_ownership",
        (_, Some(_), _) => "max_product_ownership",
        (_, _, Some(pen)) => {
            if !(pen.weight.is_finite() && pen.weight >= 0.0) {
                return Err(rule_err(
                    "ownership_penalty.weight",
                    format!("{} must be a finite number ≥ 0", pen.weight),
                ));
            }
            "ownership_penalty"
        }
        _ => return Ok(out),
    };
    let mut shares = Vec::with_capacity(slate.players.len());
    for (i, p) in slate.players.iter().enumerate() {
        let share = p.extra.ownership;
        match share {
            Some(v) if (0.0..=100.0).contains(&v) => shares.push(v),
            _ if dropped[i] => shares.push(0.0),
            Some(v) => {
                return Err(rule_err(
                    rule,
                    format!(
                        "{} has ownership {v}; ownership is a percentage, 0–100",
                        p.name
                    ),
                ));
            }
            None => {
                return Err(rule_err(
                    rule,
                    format!(
                        "needs every player's projected ownership; {} ({}) has none",
                        p.name, p.id
                    ),
                ));
            }
        }
    }
    out.shares = shares;
    Ok(out)
}

impl Problem {
    /// The items a lineup uses (each player's row in its slot), if all are in this problem.
    pub fn items_of(&self, lineup: &super::output::Lineup) -> Option<Vec<u32>> {
        lineup
            .players
            .iter()
            .enumerate()
            .map(|(j, p)| {
                self.items
                    .iter()
                    .position(|it| it.player as usize == p.row && it.slot_mask & (1 << j) != 0)
                    .map(|it| it as u32)
            })
            .collect()
    }
}

/// Whether two teammates break a [`Problem::spacing`] rule: both at its positions, with batting
/// orders at least `spots` apart around the 9-spot order.
pub(crate) fn spaced_apart(spacing: Option<(u64, u8)>, a: &Person, b: &Person) -> bool {
    let Some((mask, spots)) = spacing else {
        return false;
    };
    let (Some(x), Some(y)) = (a.batting_order, b.batting_order) else {
        return false;
    };
    if a.team != b.team || a.team == NO_TEAM || a.positions & mask == 0 || b.positions & mask == 0 {
        return false;
    }
    let d = x.abs_diff(y);
    d.min(9 - d) >= spots
}

impl Problem {
    /// Whether a lineup of these items meets a stack choice whose exposure is spent.
    pub fn meets_forbidden_stack(&self, items: &[u32]) -> bool {
        if self.forbidden_stacks.is_empty() {
            return false;
        }
        let persons: Vec<u32> = items
            .iter()
            .map(|&it| self.items[it as usize].person)
            .collect();
        self.forbidden_stacks.iter().any(|f| f.met(&persons))
    }
}

/// A stack choice a lineup may not meet.
#[derive(Debug, Clone)]
pub(crate) struct ForbiddenStack {
    /// The requirement slots.
    pub slots: u32,
    /// Each person's fillable requirement slots.
    pub masks: Vec<u32>,
    /// Whether the slots are interchangeable (a team or game stack): then meeting the choice
    /// is having as many of its persons as slots, a linear rule.
    pub interchangeable: bool,
}

impl ForbiddenStack {
    pub fn met(&self, persons: &[u32]) -> bool {
        super::stacks::meets(self.slots, &self.masks, persons)
    }
}
