//! Exact best-first k-best search over the bound table.
//!
//! A node is a partial decision (players 0..i decided, an automaton state, salary left). Its
//! priority is the points taken plus the table's best completion, which is achievable under the
//! table's rules, so lineups leave the queue in exactly descending order. Popping a node dives
//! along the best completion, pushing each branch not taken with its own exact bound (the
//! k-shortest-paths scheme of Lawler and Eppstein on the decision DAG). Rules the table does not
//! encode (team limits, opposing positions, groups, exposure, repeating players) only remove
//! branches, so the bounds stay valid upper bounds and the first complete lineup popped that
//! passes every rule is optimal.

use std::collections::BinaryHeap;
use std::collections::HashSet;

use super::problem::{NO_TEAM, Person, Problem, spaced_apart};
use super::table::{FEASIBLE_MIN, MAX_ITEMS, NONE, Table};

/// Queued nodes at most (about 100 MB); past it the lineup goes to the MILP instead.
const HEAP_LIMIT: usize = 1_200_000;
/// Rounding room on the ownership caps (sums of decimals read from a CSV).
pub(crate) const OWNERSHIP_SLACK: f64 = 1e-9;
/// Most players in a roster.
pub(crate) const MAX_SLOTS: usize = 12;

#[derive(Debug, Clone)]
struct Node {
    bound: i32,
    score: i32,
    step: u16,
    entry: u32,
    salary: u32,
    sub: u32,
    stamp: u32,
    taken: u8,
    /// Items taken (problems are limited to 65,535 items).
    items: [u16; MAX_SLOTS],
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.bound == other.bound
    }
}
impl Eq for Node {}
impl PartialOrd for Node {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Node {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bound.cmp(&other.bound)
    }
}

/// The lineups accepted so far and what they imply for the next ones.
pub(crate) struct Accepted {
    /// Persons of each accepted lineup, sorted.
    pub lineups: Vec<Vec<u32>>,
    /// Sorted items of each accepted lineup (no lineup twice).
    pub seen: HashSet<Vec<u32>>,
    /// Accepted lineups containing each person.
    pub with_person: Vec<Vec<u32>>,
    /// Lineups each person is in.
    pub count: Vec<usize>,
    /// Lineups each item (a player in a slot set, e.g. a captain) is in.
    pub item_count: Vec<usize>,
    /// Lineups each team (by index) is in, with one player or more.
    pub team_count: Vec<usize>,
    /// Most persons two lineups may share (None: lineups need only differ).
    pub max_repeating: Option<usize>,
}

impl Accepted {
    pub fn new(persons: usize, max_repeating: Option<usize>) -> Self {
        Accepted {
            lineups: Vec::new(),
            seen: HashSet::new(),
            with_person: vec![Vec::new(); persons],
            count: vec![0; persons],
            item_count: Vec::new(),
            team_count: Vec::new(),
            max_repeating,
        }
    }

    pub fn add(&mut self, problem: &Problem, items: &[u32]) {
        let mut key = items.to_vec();
        key.sort_unstable();
        let mut persons: Vec<u32> = items
            .iter()
            .map(|&it| problem.items[it as usize].person)
            .collect();
        persons.sort_unstable();
        if self.item_count.len() < problem.items.len() {
            self.item_count.resize(problem.items.len(), 0);
        }
        for &it in items {
            self.item_count[it as usize] += 1;
        }
        let mut teams: Vec<u16> = persons
            .iter()
            .map(|&q| problem.persons[q as usize].team)
            .filter(|&t| t != NO_TEAM)
            .collect();
        teams.sort_unstable();
        teams.dedup();
        for t in teams {
            if self.team_count.len() <= t as usize {
                self.team_count.resize(t as usize + 1, 0);
            }
            self.team_count[t as usize] += 1;
        }
        let index = self.lineups.len() as u32;
        for &q in &persons {
            self.with_person[q as usize].push(index);
            self.count[q as usize] += 1;
        }
        self.lineups.push(persons);
        self.seen.insert(key);
    }
}

/// Drops from `problem` the players and slot uses whose exposure the accepted lineups have used
/// up, so bound tables built from it stay tight (a star at his exposure cap otherwise inflates
/// every bound by his points). Exact: an exhausted use can never come back. True if any went.
pub(crate) fn retire_exhausted(problem: &mut Problem, acc: &Accepted) -> bool {
    let mut changed = false;
    let team_max = std::mem::take(&mut problem.team_max_count);
    for (q, person) in problem.persons.iter_mut().enumerate() {
        let before = person.items.len();
        if acc.count[q] >= person.max_count || team_spent(&team_max, acc, person) {
            person.items.clear();
        } else {
            let items = &problem.items;
            person.items.retain(|&it| {
                acc.item_count
                    .get(it as usize)
                    .is_none_or(|&c| c < items[it as usize].max_count)
            });
        }
        changed |= person.items.len() != before;
    }
    problem.team_max_count = team_max;
    changed
}

/// Whether `person`'s team has used up its exposure (a held or locked player is exempt).
pub(crate) fn team_spent(team_max: &[usize], acc: &Accepted, person: &Person) -> bool {
    !person.locked
        && team_max.get(person.team as usize).is_some_and(|&m| {
            acc.team_count
                .get(person.team as usize)
                .copied()
                .unwrap_or(0)
                >= m
        })
}

/// One stack choice (a team or game per stack rule) with its table, built when needed.
struct Sub {
    choice: Vec<usize>,
    bound: i32,
    table: Option<Table>,
    last_used: u64,
    /// Nodes of this choice in the queue (a table nobody waits for is dropped first).
    queued: usize,
}

/// Bytes of bound tables kept at once; the least recently used are dropped past it and rebuilt
/// (identically) if one of their nodes comes back.
const TABLE_BYTES: usize = 112 << 20;

pub(crate) struct Search {
    pub problem: Problem,
    order: Vec<u32>,
    subs: Vec<Sub>,
    /// Subs not yet in the queue, by bound ascending (pop from the back).
    pending: Vec<u32>,
    heap: BinaryHeap<Node>,
    pub nodes: usize,
    /// Bound tables built (or rebuilt after eviction) so far.
    builds: usize,
    clock: u64,
}

impl Search {
    pub fn new(problem: Problem) -> Search {
        let problem_ref = &problem;
        let mut order: Vec<u32> = (0..problem_ref.persons.len() as u32).collect();
        let signature = |q: u32| -> Vec<u32> {
            problem_ref.persons[q as usize]
                .items
                .iter()
                .map(|&it| problem_ref.items[it as usize].slot_mask)
                .collect()
        };
        let best = |q: u32| -> i32 {
            problem_ref.persons[q as usize]
                .items
                .iter()
                .map(|&it| problem_ref.items[it as usize].points)
                .max()
                .unwrap_or(0)
        };
        order.sort_by_cached_key(|&q| (signature(q), std::cmp::Reverse(best(q)), q));

        // Every combination of stack choices is one sub-problem. A stack that needs more
        // players from one team than the team limit allows has no choice at all (found here,
        // not by a search that would try every lineup).
        let mut choices: Vec<Vec<usize>> = vec![Vec::new()];
        for s in &problem_ref.stacks {
            let choosable = if problem_ref
                .team_limits
                .iter()
                .any(|&(counted, m)| counted == u64::MAX && s.per_team > m)
            {
                0
            } else {
                s.choices.len()
            };
            choices = choices
                .into_iter()
                .flat_map(|c| {
                    (0..choosable).map(move |k| {
                        let mut c = c.clone();
                        c.push(k);
                        c
                    })
                })
                .collect();
        }
        let mut subs: Vec<Sub> = if choices.len() == 1 {
            let table = Table::build(problem_ref, &order, &choices[0]);
            vec![Sub {
                bound: table.best(problem_ref.cap_units),
                choice: choices.pop().unwrap_or_default(),
                table: Some(table),
                last_used: 0,
                queued: 0,
            }]
        } else {
            use rayon::prelude::*;
            // Bounds first (tables dropped), then tables again only for choices that can compete.
            choices
                .into_par_iter()
                .map(|choice| {
                    let bound =
                        Table::build(problem_ref, &order, &choice).best(problem_ref.cap_units);
                    Sub {
                        choice,
                        bound,
                        table: None,
                        last_used: 0,
                        queued: 0,
                    }
                })
                .collect()
        };
        subs.retain(|s| s.bound > FEASIBLE_MIN);
        let mut pending: Vec<u32> = (0..subs.len() as u32).collect();
        pending.sort_by_key(|&k| (subs[k as usize].bound, std::cmp::Reverse(k)));
        Search {
            problem,
            order,
            subs,
            pending,
            heap: BinaryHeap::new(),
            nodes: 0,
            builds: 0,
            clock: 0,
        }
    }

    /// Starts over without the players and slot uses whose exposure `acc` has used up (see
    /// [`retire_exhausted`]); false, and nothing rebuilt, if there were none.
    pub fn retire(&mut self, acc: &Accepted) -> bool {
        let mut problem = self.problem.clone();
        let changed = retire_exhausted(&mut problem, acc);
        if changed {
            *self = Search::new(problem);
        }
        changed
    }

    /// Whether any lineup satisfies the table's rules (roster, cap, locks, stacks).
    pub fn table_feasible(&self) -> bool {
        !self.subs.is_empty()
    }

    fn activate(&mut self) {
        while let Some(&k) = self.pending.last() {
            let sub = &self.subs[k as usize];
            if self.heap.peek().is_some_and(|top| top.bound > sub.bound) {
                break;
            }
            self.pending.pop();
            self.ensure_table(k);
            let table = self.subs[k as usize].table.as_ref().expect("ensured");
            self.push(Node {
                bound: table.best(self.problem.cap_units),
                score: 0,
                step: 0,
                entry: 0,
                salary: self.problem.cap_units,
                sub: k,
                stamp: 0,
                taken: 0,
                items: [0; MAX_SLOTS],
            });
        }
    }

    fn push(&mut self, node: Node) {
        self.subs[node.sub as usize].queued += 1;
        self.heap.push(node);
    }

    /// Makes sure sub `k`'s table is built, dropping least recently used ones past the budget.
    fn ensure_table(&mut self, k: u32) {
        self.clock += 1;
        self.subs[k as usize].last_used = self.clock;
        if self.subs[k as usize].table.is_some() {
            return;
        }
        let table = Table::build(&self.problem, &self.order, &self.subs[k as usize].choice);
        self.builds += 1;
        let mut bytes: usize = table.bytes()
            + self
                .subs
                .iter()
                .filter_map(|s| s.table.as_ref())
                .map(Table::bytes)
                .sum::<usize>();
        while bytes > TABLE_BYTES {
            let Some(victim) = (0..self.subs.len())
                .filter(|&v| v != k as usize && self.subs[v].table.is_some())
                .min_by_key(|&v| (self.subs[v].queued > 0, self.subs[v].last_used))
            else {
                break;
            };
            bytes -= self.subs[victim].table.take().map_or(0, |t| t.bytes());
        }
        self.subs[k as usize].table = Some(table);
    }

    /// The next best lineup (its items) that passes every rule, or `None` when none is left.
    /// Errs with the node count when `budget` nodes are popped first.
    pub fn next(&mut self, acc: &Accepted, budget: usize) -> Result<Option<Vec<u32>>, usize> {
        self.next_within(acc, budget, usize::MAX)
    }

    /// [`next`](Self::next) that also gives up after building `tables` bound tables.
    pub fn next_within(
        &mut self,
        acc: &Accepted,
        budget: usize,
        tables: usize,
    ) -> Result<Option<Vec<u32>>, usize> {
        let n = self.order.len() as u32;
        let stamp_now = acc.lineups.len() as u32;
        let mut popped = 0usize;
        let builds_before = self.builds;
        loop {
            self.activate();
            if self.builds - builds_before > tables {
                return Err(popped);
            }
            let Some(mut node) = self.heap.pop() else {
                return Ok(None);
            };
            self.subs[node.sub as usize].queued -= 1;
            popped += 1;
            self.nodes += 1;
            if popped > budget || self.heap.len() > HEAP_LIMIT {
                self.push(node);
                return Err(popped);
            }
            if node.stamp < stamp_now {
                if !self.still_valid(&node, acc) {
                    continue;
                }
                node.stamp = stamp_now;
            }
            self.ensure_table(node.sub);
            // Dive.
            loop {
                if u32::from(node.step) == n {
                    let items: Vec<u32> = node.items[..node.taken as usize]
                        .iter()
                        .map(|&x| u32::from(x))
                        .collect();
                    if self.complete_ok(&items, acc) {
                        return Ok(Some(items));
                    }
                    break;
                }
                let table = self.subs[node.sub as usize].table.as_ref().expect("active");
                let i = node.step as usize;
                let q = self.order[i];
                let entry = &table.layers[i][node.entry as usize];
                let mut best: Option<Node> = None;
                let mut branches: [Option<Node>; MAX_ITEMS + 1] = Default::default();
                if entry.skip != NONE {
                    let v = table.value(i + 1, entry.skip, node.salary);
                    if v > FEASIBLE_MIN {
                        let mut c = node.clone();
                        c.step += 1;
                        c.entry = entry.skip;
                        c.bound = node.score + v;
                        branches[0] = Some(c);
                    }
                }
                let person = &self.problem.persons[q as usize];
                let mut allowed = None;
                for (k, &it) in person.items.iter().enumerate() {
                    if entry.take[k] == NONE {
                        continue;
                    }
                    let item = &self.problem.items[it as usize];
                    if item.salary > node.salary
                        || acc
                            .item_count
                            .get(it as usize)
                            .is_some_and(|&c| c >= item.max_count)
                        || !self.ownership_ok(&node, item)
                    {
                        continue;
                    }
                    let left = node.salary - item.salary;
                    let v = table.value(i + 1, entry.take[k], left);
                    if v <= FEASIBLE_MIN {
                        continue;
                    }
                    if *allowed.get_or_insert_with(|| self.take_ok(&node, q, acc)) {
                        let mut c = node.clone();
                        c.step += 1;
                        c.entry = entry.take[k];
                        c.salary = left;
                        c.score = node.score + item.points;
                        c.bound = c.score + v;
                        c.items[c.taken as usize] = it as u16;
                        c.taken += 1;
                        branches[k + 1] = Some(c);
                    }
                }
                for b in branches.into_iter().flatten() {
                    match &best {
                        Some(x) if x.bound >= b.bound => self.push(b),
                        _ => {
                            if let Some(x) = best.replace(b) {
                                self.push(x);
                            }
                        }
                    }
                }
                let Some(b) = best else { break };
                if self.heap.peek().is_some_and(|top| top.bound > b.bound)
                    || self
                        .pending
                        .last()
                        .is_some_and(|&k| self.subs[k as usize].bound > b.bound)
                {
                    self.push(b);
                    break;
                }
                node = b;
            }
        }
    }

    fn persons_of<'a, T: Copy + Into<u32>>(
        &'a self,
        items: &'a [T],
    ) -> impl Iterator<Item = u32> + 'a {
        items
            .iter()
            .map(|&it| self.problem.items[it.into() as usize].person)
    }

    /// Rules that only grow with more players: can person `q` join `node`'s players?
    fn take_ok(&self, node: &Node, q: u32, acc: &Accepted) -> bool {
        let p = &self.problem;
        let person = &p.persons[q as usize];
        if acc.count[q as usize] >= person.max_count || team_spent(&p.team_max_count, acc, person) {
            return false;
        }
        let items = &node.items[..node.taken as usize];
        if p.forbidden_stacks.iter().any(|f| f.masks[q as usize] != 0) {
            // The lineup so far did not meet a spent stack choice; with q it may.
            let mut persons = [0u32; MAX_SLOTS + 1];
            for (out, other) in persons.iter_mut().zip(self.persons_of(items)) {
                *out = other;
            }
            persons[items.len()] = q;
            let persons = &persons[..=items.len()];
            if p.forbidden_stacks
                .iter()
                .any(|f| f.masks[q as usize] != 0 && f.met(persons))
            {
                return false;
            }
        }
        // Teammates counted per team limit (at most two: the user's and the site's).
        let mut same_team = [0usize; 2];
        let mut teams = [NO_TEAM; MAX_SLOTS + 1];
        let mut team_count = 0;
        let mut group_counts = [0usize; 32];
        for other in self.persons_of(items) {
            let o = &p.persons[other as usize];
            if o.team == person.team {
                for (k, &(counted, _)) in p.team_limits.iter().enumerate() {
                    same_team[k] += usize::from(o.positions & counted != 0);
                }
            }
            if !teams[..team_count].contains(&o.team) {
                teams[team_count] = o.team;
                team_count += 1;
            }
            if o.team == person.team && person.team != NO_TEAM {
                for &(a, b) in &p.same_team {
                    if (person.positions & a != 0 && o.positions & b != 0)
                        || (o.positions & a != 0 && person.positions & b != 0)
                    {
                        return false;
                    }
                }
                if spaced_apart(p.spacing, person, o) {
                    return false;
                }
            }
            let mut g = o.groups & person.groups;
            while g != 0 {
                group_counts[g.trailing_zeros() as usize] += 1;
                g &= g - 1;
            }
        }
        for (k, &(counted, m)) in p.team_limits.iter().enumerate() {
            if person.positions & counted != 0 && same_team[k] + 1 > m {
                return false;
            }
        }
        if !p.opposing.is_empty() && !self.opposing_ok(items, person) {
            return false;
        }
        if !teams[..team_count].contains(&person.team) && team_count + 1 > p.max_teams {
            return false;
        }
        let mut g = person.groups;
        while g != 0 {
            let k = g.trailing_zeros() as usize;
            if group_counts[k] + 1 > p.groups[k].max {
                return false;
            }
            g &= g - 1;
        }
        if let Some(limit) = acc.max_repeating {
            for &l in &acc.with_person[q as usize] {
                let lineup = &acc.lineups[l as usize];
                let shared = 1 + self
                    .persons_of(items)
                    .filter(|x| lineup.binary_search(x).is_ok())
                    .count();
                if shared > limit {
                    return false;
                }
            }
        }
        true
    }

    /// The opposing-position limits, which only grow with more players: may `person` join
    /// the players of `items`? Each player at a rule's first positions faces at most
    /// `max_allowed` players at its second.
    fn opposing_ok(&self, items: &[u16], person: &Person) -> bool {
        let p = &self.problem;
        for &(a, b, allowed) in &p.opposing {
            if person.positions & a != 0 {
                let facing = self
                    .persons_of(items)
                    .filter(|&o| {
                        let o = &p.persons[o as usize];
                        o.positions & b != 0 && faces(person, o)
                    })
                    .count();
                if facing > allowed {
                    return false;
                }
            }
            if person.positions & b != 0 {
                for x in self.persons_of(items) {
                    let first = &p.persons[x as usize];
                    if first.positions & a == 0 || !faces(first, person) {
                        continue;
                    }
                    let facing = 1 + self
                        .persons_of(items)
                        .filter(|&y| {
                            let o = &p.persons[y as usize];
                            y != x && o.positions & b != 0 && faces(first, o)
                        })
                        .count();
                    if facing > allowed {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// The total-ownership cap, which only grows with more players: may `item` join `node`?
    fn ownership_ok(&self, node: &Node, item: &super::problem::Item) -> bool {
        let Some(cap) = self.problem.max_total_ownership else {
            return true;
        };
        let taken: f64 = node.items[..node.taken as usize]
            .iter()
            .map(|&it| self.problem.items[usize::from(it)].ownership)
            .sum();
        taken + item.ownership <= cap + OWNERSHIP_SLACK
    }

    /// Re-checks a queued node against lineups accepted since it was queued.
    fn still_valid(&self, node: &Node, acc: &Accepted) -> bool {
        let items = &node.items[..node.taken as usize];
        for &it in items {
            let item = &self.problem.items[usize::from(it)];
            if acc
                .item_count
                .get(usize::from(it))
                .is_some_and(|&c| c >= item.max_count)
            {
                return false;
            }
        }
        for q in self.persons_of(items) {
            let person = &self.problem.persons[q as usize];
            if acc.count[q as usize] >= person.max_count
                || team_spent(&self.problem.team_max_count, acc, person)
            {
                return false;
            }
        }
        if let Some(limit) = acc.max_repeating {
            let mut persons: Vec<u32> = self.persons_of(items).collect();
            persons.sort_unstable();
            for lineup in &acc.lineups[node.stamp as usize..] {
                let shared = persons
                    .iter()
                    .filter(|x| lineup.binary_search(x).is_ok())
                    .count();
                if shared > limit {
                    return false;
                }
            }
        }
        true
    }

    /// Rules only a complete lineup can answer.
    fn complete_ok(&self, items: &[u32], acc: &Accepted) -> bool {
        let p = &self.problem;
        let mut teams: Vec<u16> = Vec::with_capacity(MAX_SLOTS);
        let mut games: Vec<u16> = Vec::with_capacity(MAX_SLOTS);
        let mut group_counts = [0usize; 32];
        let mut persons: Vec<u32> = Vec::with_capacity(MAX_SLOTS);
        for q in self.persons_of(items) {
            let o = &p.persons[q as usize];
            persons.push(q);
            if !teams.contains(&o.team) {
                teams.push(o.team);
            }
            if o.game != NO_TEAM && !games.contains(&o.game) {
                games.push(o.game);
            }
            let mut g = o.groups;
            while g != 0 {
                group_counts[g.trailing_zeros() as usize] += 1;
                g &= g - 1;
            }
        }
        if teams.len() < p.min_teams || games.len() < p.min_games {
            return false;
        }
        if let Some(cap) = p.max_log_ownership {
            let logs: f64 = items
                .iter()
                .map(|&it| p.items[it as usize].log_ownership)
                .sum();
            if logs > cap + OWNERSHIP_SLACK {
                return false;
            }
        }
        for (k, g) in p.groups.iter().enumerate() {
            let applies = g.depends_on.is_none_or(|d| persons.contains(&d));
            if applies && group_counts[k] < g.min {
                return false;
            }
        }
        // take_ok refuses each step that meets a spent stack choice; this is the whole lineup's
        // check, for lineups completed without that step.
        if p.forbidden_stacks.iter().any(|f| f.met(&persons)) {
            return false;
        }
        let mut key = items.to_vec();
        key.sort_unstable();
        !acc.seen.contains(&key)
    }
}

/// Whether two persons play against each other.
pub(crate) fn faces(x: &Person, y: &Person) -> bool {
    (x.opponent == y.team && y.team != NO_TEAM) || (y.opponent == x.team && x.team != NO_TEAM)
}
