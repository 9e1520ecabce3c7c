//! The infeasibility report: when no lineup exists, a smallest set of rules that together leave
//! none (a deletion filter over the user's and the site's rules).

use super::error::LineupError;
use super::milp;
use super::optimizer::Optimizer;
use super::problem::{Problem, SiteRules};
use super::rules::{Rules, Stack};
use super::search::{Accepted, Search};

/// Nodes per rule-set probe while naming the rules of an infeasible run.
const PROBE_BUDGET: usize = 200_000;

impl Optimizer<'_> {
    /// Names a smallest set of rules that together leave no lineup (deletion filter: drop each
    /// rule in turn and keep it dropped when the rest are still infeasible).
    pub(super) fn infeasible(&self, n: usize) -> LineupError {
        type Drop = Box<dyn Fn(&mut Rules, &mut SiteRules, &mut Dropped)>;
        let r = &self.rules;
        let roster = &self.slate.roster;
        let mut parts: Vec<(String, Drop)> = Vec::new();
        parts.push((
            format!("salary cap {}", roster.salary_cap),
            Box::new(|_, s, _| s.salary_cap = false),
        ));
        if let Some(m) = r.max_salary {
            parts.push((
                format!("max_salary {m}"),
                Box::new(|r, _, _| r.max_salary = None),
            ));
        }
        if let Some(m) = r.min_salary {
            parts.push((
                format!("min_salary {m}"),
                Box::new(|r, _, _| r.min_salary = None),
            ));
        }
        for (k, lock) in r.locks.iter().enumerate() {
            let name = format!("lock {}", lock.player());
            parts.push((name, Box::new(move |_, _, d| d.locks.push(k))));
        }
        if !r.excludes.is_empty() {
            parts.push(("excludes".into(), Box::new(|r, _, _| r.excludes.clear())));
        }
        if !r.exclude_teams.is_empty() {
            parts.push((
                "exclude_teams".into(),
                Box::new(|r, _, _| r.exclude_teams.clear()),
            ));
        }
        if let Some(m) = r.max_per_team {
            parts.push((
                format!("max_per_team {m}"),
                Box::new(|r, _, _| r.max_per_team = None),
            ));
        }
        if let Some(m) = r.min_teams {
            parts.push((
                format!("min_teams {m}"),
                Box::new(|r, _, _| r.min_teams = None),
            ));
        }
        if let Some(m) = r.max_teams {
            parts.push((
                format!("max_teams {m}"),
                Box::new(|r, _, _| r.max_teams = None),
            ));
        }
        for (k, name) in r.stacks.iter().map(Stack::label).enumerate() {
            parts.push((
                format!("stacks[{k}] ({name})"),
                Box::new(move |_, _, d| d.stacks.push(k)),
            ));
        }
        for k in 0..r.restrict_opposing.len() {
            parts.push((
                format!("restrict_opposing[{k}]"),
                Box::new(move |_, _, d| d.restrict_opposing.push(k)),
            ));
        }
        for k in 0..r.restrict_same_team.len() {
            parts.push((
                format!("restrict_same_team[{k}]"),
                Box::new(move |_, _, d| d.restrict_same_team.push(k)),
            ));
        }
        if let Some(s) = &r.position_spacing {
            parts.push((
                format!("position_spacing {}", s.spacing),
                Box::new(|r, _, _| r.position_spacing = None),
            ));
        }
        if let Some(m) = r.min_starters {
            parts.push((
                format!("min_starters {m}"),
                Box::new(|r, _, _| r.min_starters = None),
            ));
        }
        for k in 0..r.groups.len() {
            parts.push((
                format!("groups[{k}]"),
                Box::new(move |_, _, d| d.groups.push(k)),
            ));
        }
        if r.max_total_ownership.is_some() {
            parts.push((
                "max_total_ownership".into(),
                Box::new(|r, _, _| r.max_total_ownership = None),
            ));
        }
        if r.max_product_ownership.is_some() {
            parts.push((
                "max_product_ownership".into(),
                Box::new(|r, _, _| r.max_product_ownership = None),
            ));
        }
        if roster.min_games > 1 {
            parts.push((
                format!("site: players from at least {} games", roster.min_games),
                Box::new(|_, s, _| s.min_games = false),
            ));
        }
        if let Some(m) = roster.max_per_team {
            parts.push((
                format!("site: at most {m} players per team"),
                Box::new(|_, s, _| s.max_per_team = false),
            ));
        }
        if roster.min_teams > 1 {
            parts.push((
                format!("site: players from at least {} teams", roster.min_teams),
                Box::new(|_, s, _| s.min_teams = false),
            ));
        }
        let mut rules = r.clone();
        let mut site = SiteRules::default();
        let mut dropped = Dropped::default();
        let mut kept = Vec::new();
        let feasible = |rules: &Rules, site: &SiteRules, dropped: &Dropped| -> bool {
            let mut rules = rules.clone();
            dropped.remove_from(&mut rules);
            let Ok(problem) = Problem::build(self.slate, &rules, *site, None) else {
                return true;
            };
            let mut search = Search::new(problem);
            let acc = Accepted::new(search.problem.persons.len(), None);
            match search.next(&acc, PROBE_BUDGET) {
                Ok(found) => found.is_some(),
                // The MILP settles what the search could not within its budget.
                Err(_) => !matches!(milp::best(&search.problem, &acc), Ok(None)),
            }
        };
        for (name, drop) in &parts {
            let (mut r2, mut s2, mut d2) = (rules.clone(), site, dropped.clone());
            drop(&mut r2, &mut s2, &mut d2);
            if feasible(&r2, &s2, &d2) {
                kept.push(name.clone());
            } else {
                (rules, site, dropped) = (r2, s2, d2);
            }
        }
        if kept.is_empty() {
            kept.push(format!("the {} roster", self.slate.roster.slots.len()));
        }
        LineupError::Infeasible {
            rules: kept,
            message: format!("no lineup exists, so none of the {n} asked for"),
        }
    }
}

/// The list rules the infeasibility report has dropped, by index (list rules have no neutral
/// value: an empty position list means every position).
#[derive(Clone, Default)]
struct Dropped {
    locks: Vec<usize>,
    stacks: Vec<usize>,
    restrict_opposing: Vec<usize>,
    restrict_same_team: Vec<usize>,
    groups: Vec<usize>,
}

impl Dropped {
    fn remove_from(&self, rules: &mut Rules) {
        fn keep<T>(list: &mut Vec<T>, dropped: &[usize]) {
            let mut k = 0;
            list.retain(|_| {
                k += 1;
                !dropped.contains(&(k - 1))
            });
        }
        keep(&mut rules.locks, &self.locks);
        keep(&mut rules.stacks, &self.stacks);
        keep(&mut rules.restrict_opposing, &self.restrict_opposing);
        keep(&mut rules.restrict_same_team, &self.restrict_same_team);
        keep(&mut rules.groups, &self.groups);
    }
}
