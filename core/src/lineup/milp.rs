//! The same problem as a mixed-integer programme (good_lp over the pure-Rust microlp solver):
//! the fallback when the search's node budget runs out, and the independent exact check the
//! tests hold the search to. Variables: item-in-slot assignments, team/game indicators for the
//! "at least k teams/games" rules, and per stack choice an assignment of players to its
//! requirement slots.

use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolverModel, Variable, microlp,
    variable,
};

use super::error::LineupError;

use super::problem::{NO_TEAM, Problem, spaced_apart};
use super::search::{Accepted, faces};

/// The best lineup (its items) under `problem` and the lineups accepted so far, `None` when none
/// exists.
pub(crate) fn best(problem: &Problem, acc: &Accepted) -> Result<Option<Vec<u32>>, LineupError> {
    // A stack choice whose exposure is spent is no linear constraint (not meeting a matching);
    // each optimum that meets one is cut off and the model solved again.
    let mut cuts: Vec<Vec<u32>> = Vec::new();
    while cuts.len() <= MAX_STACK_CUTS {
        match solve(problem, acc, &cuts)? {
            Some(items) if problem.meets_forbidden_stack(&items) => cuts.push(items),
            found => return Ok(found),
        }
    }
    Err(LineupError::Solver(format!(
        "more than {MAX_STACK_CUTS} optima met stacks whose exposure is spent"
    )))
}

/// Optima the MILP may cut off for meeting a spent stack before it gives up.
const MAX_STACK_CUTS: usize = 500;

fn solve(
    problem: &Problem,
    acc: &Accepted,
    cuts: &[Vec<u32>],
) -> Result<Option<Vec<u32>>, LineupError> {
    let mut vars = ProblemVariables::new();
    // u[item] binary picks an item; y[item][slot kind] continuous places it. Identical slots
    // (RB, RB) are one kind filled by a count, and for integral picks the placement is a
    // bipartite b-matching, whose polytope is integral: the branch and bound branches on picks
    // only, never on which of a PG/SG's slots he takes.
    let mut pick: Vec<Option<Variable>> = Vec::with_capacity(problem.items.len());
    let mut assign: Vec<Vec<(usize, Variable)>> = Vec::with_capacity(problem.items.len());
    let mut placement = Vec::new();
    for (it, item) in problem.items.iter().enumerate() {
        let person = &problem.persons[item.person as usize];
        let banned = acc.count[item.person as usize] >= person.max_count
            || super::search::team_spent(&problem.team_max_count, acc, person)
            || acc.item_count.get(it).is_some_and(|&c| c >= item.max_count);
        let mut row = Vec::new();
        let mut u = None;
        if !banned && person.items.contains(&(it as u32)) {
            let kinds: Vec<usize> = (0..problem.slot_kinds.len())
                .filter(|&k| item.slot_mask & problem.slot_kinds[k] != 0)
                .collect();
            let v = vars.add(variable().binary());
            u = Some(v);
            if let [k] = kinds[..] {
                row.push((k, v));
            } else {
                let mut placed = Expression::from(0.0);
                for k in kinds {
                    let y = vars.add(variable().min(0.0).max(1.0));
                    placed += y;
                    row.push((k, y));
                }
                placement.push(placed.eq(v));
            }
        }
        pick.push(u);
        assign.push(row);
    }
    let used =
        |it: usize| -> Expression { pick[it].map_or(Expression::from(0.0), Expression::from) };
    let person_used = |q: usize| -> Expression {
        problem.persons[q]
            .items
            .iter()
            .map(|&it| used(it as usize))
            .sum()
    };
    let objective: Expression = problem
        .items
        .iter()
        .enumerate()
        .map(|(it, item)| item.points as f64 * used(it))
        .sum();
    let mut constraints = placement;
    for (k, &kind) in problem.slot_kinds.iter().enumerate() {
        let filled: Expression = assign
            .iter()
            .flat_map(|row| row.iter().filter(|(s, _)| *s == k).map(|(_, v)| *v))
            .sum();
        constraints.push(filled.eq(kind.count_ones() as f64));
    }
    let salary: Expression = problem
        .items
        .iter()
        .enumerate()
        .map(|(it, item)| item.salary as f64 * used(it))
        .sum();
    constraints.push(salary.clone().leq(problem.cap_units as f64));
    constraints
        .push(salary.geq((problem.cap_units - problem.max_unused.min(problem.cap_units)) as f64));
    if let Some(cap) = problem.max_total_ownership {
        let total: Expression = problem
            .items
            .iter()
            .enumerate()
            .map(|(it, item)| item.ownership * used(it))
            .sum();
        constraints.push(total.leq(cap + super::search::OWNERSHIP_SLACK));
    }
    if let Some(cap) = problem.max_log_ownership {
        let logs: Expression = problem
            .items
            .iter()
            .enumerate()
            .map(|(it, item)| item.log_ownership * used(it))
            .sum();
        constraints.push(logs.leq(cap + super::search::OWNERSHIP_SLACK));
    }
    for (q, person) in problem.persons.iter().enumerate() {
        let x = person_used(q);
        constraints.push(if person.locked { x.eq(1) } else { x.leq(1) });
    }

    // Teams and games.
    let teams: Vec<u16> = {
        let mut t: Vec<u16> = problem.persons.iter().map(|p| p.team).collect();
        t.sort_unstable();
        t.dedup();
        t
    };
    let members_at = |team: u16, counted: u64| -> Expression {
        (0..problem.persons.len())
            .filter(|&q| {
                problem.persons[q].team == team && problem.persons[q].positions & counted != 0
            })
            .map(person_used)
            .sum()
    };
    let members = |team: u16| members_at(team, u64::MAX);
    for &(counted, m) in &problem.team_limits {
        if m < problem.slot_count {
            for &t in &teams {
                constraints.push(members_at(t, counted).leq(m as f64));
            }
        }
    }
    if problem.min_teams > 1 {
        let mut present = Expression::from(0.0);
        for &t in &teams {
            let z = vars.add(variable().binary());
            constraints.push(Expression::from(z).leq(members(t)));
            present += z;
        }
        constraints.push(present.geq(problem.min_teams as f64));
    }
    if problem.max_teams < problem.slot_count {
        let mut present = Expression::from(0.0);
        for &t in &teams {
            let z = vars.add(variable().binary());
            for q in (0..problem.persons.len()).filter(|&q| problem.persons[q].team == t) {
                constraints.push(person_used(q).leq(z));
            }
            present += z;
        }
        constraints.push(present.leq(problem.max_teams as f64));
    }
    if problem.min_games > 1 {
        let mut games: Vec<u16> = problem.persons.iter().map(|p| p.game).collect();
        games.sort_unstable();
        games.dedup();
        let mut present = Expression::from(0.0);
        for g in games.into_iter().filter(|&g| g != NO_TEAM) {
            let z = vars.add(variable().binary());
            let in_game: Expression = (0..problem.persons.len())
                .filter(|&q| problem.persons[q].game == g)
                .map(person_used)
                .sum();
            constraints.push(Expression::from(z).leq(in_game));
            present += z;
        }
        constraints.push(present.geq(problem.min_games as f64));
    }

    // Each player at a rule's first positions faces at most `allowed` at its second:
    // Σ opposing · used ≤ allowed + M · (1 − used(first)).
    for &(x, y, allowed) in &problem.opposing {
        for (a, pa) in problem.persons.iter().enumerate() {
            if pa.positions & x == 0 {
                continue;
            }
            let facing: Vec<usize> = (0..problem.persons.len())
                .filter(|&b| {
                    let pb = &problem.persons[b];
                    b != a && pb.positions & y != 0 && faces(pa, pb)
                })
                .collect();
            if facing.len() <= allowed {
                continue;
            }
            let m = (facing.len() - allowed) as f64;
            let sum: Expression = facing.iter().map(|&b| person_used(b)).sum();
            constraints.push((sum + m * person_used(a)).leq(allowed as f64 + m));
        }
    }
    // Position pairs that may not share a team; teammates spaced too far apart.
    for (a, pa) in problem.persons.iter().enumerate() {
        for (b, pb) in problem.persons.iter().enumerate().skip(a + 1) {
            let clash = pa.team == pb.team
                && pa.team != NO_TEAM
                && problem.same_team.iter().any(|&(x, y)| {
                    (pa.positions & x != 0 && pb.positions & y != 0)
                        || (pb.positions & x != 0 && pa.positions & y != 0)
                })
                || spaced_apart(problem.spacing, pa, pb);
            if clash {
                constraints.push((person_used(a) + person_used(b)).leq(1));
            }
        }
    }

    // Groups.
    for (k, g) in problem.groups.iter().enumerate() {
        let count: Expression = (0..problem.persons.len())
            .filter(|&q| problem.persons[q].groups & (1 << k) != 0)
            .map(person_used)
            .sum();
        if g.max < problem.slot_count {
            constraints.push(count.clone().leq(g.max as f64));
        }
        if g.min > 0 {
            match g.depends_on {
                Some(d) => constraints.push(count.geq(g.min as f64 * person_used(d as usize))),
                None => constraints.push(count.geq(g.min as f64)),
            }
        }
    }

    // Stacks: one choice met, each requirement slot filled by a distinct player of the lineup.
    for stack in &problem.stacks {
        let mut any = Expression::from(0.0);
        let requirement_slots = stack.kinds.iter().fold(0u32, |m, k| m | k);
        for masks in &stack.choices {
            let z = vars.add(variable().binary());
            any += z;
            let mut fill: Vec<Expression> = vec![Expression::from(0.0); 32];
            for (q, &mask) in masks.iter().enumerate() {
                if mask == 0 {
                    continue;
                }
                let mut mine = Expression::from(0.0);
                for r in (0..32).filter(|r| mask & (1 << r) != 0) {
                    let w = vars.add(variable().binary());
                    fill[r] += w;
                    mine += w;
                }
                constraints.push(mine.leq(person_used(q)));
            }
            for r in (0..32).filter(|r| requirement_slots & (1 << r) != 0) {
                constraints.push(fill[r].clone().geq(z));
            }
        }
        constraints.push(any.geq(1));
    }

    // Spent stack choices of interchangeable slots: fewer of their players than slots.
    for f in problem
        .forbidden_stacks
        .iter()
        .filter(|f| f.interchangeable)
    {
        let members: Expression = f
            .masks
            .iter()
            .enumerate()
            .filter(|&(_, &m)| m != 0)
            .map(|(q, _)| person_used(q))
            .sum();
        constraints.push(members.leq(f64::from(f.slots.count_ones()) - 1.0));
    }

    // Earlier lineups.
    for persons in &acc.lineups {
        let shared: Expression = persons.iter().map(|&q| person_used(q as usize)).sum();
        if let Some(limit) = acc.max_repeating {
            constraints.push(shared.leq(limit as f64));
        }
    }
    for items in acc.seen.iter().chain(cuts) {
        let shared: Expression = items.iter().map(|&it| used(it as usize)).sum();
        constraints.push(shared.leq((items.len() - 1) as f64));
    }

    let mut model = vars.maximise(objective).using(microlp);
    for c in constraints {
        model = model.with(c);
    }
    let solution = match model.solve() {
        Ok(s) => s,
        Err(ResolutionError::Infeasible) => return Ok(None),
        Err(e) => return Err(LineupError::Solver(e.to_string())),
    };
    let items: Vec<u32> = (0..problem.items.len())
        .filter(|&it| pick[it].is_some_and(|v| solution.value(v) > 0.5))
        .map(|it| it as u32)
        .collect();
    Ok(Some(items))
}
