//! Runs of lineups: the k-best loop with portfolio rules (exposure, repeating players), seeded
//! randomized projections, and the infeasibility report that names the conflicting rules.

use super::error::LineupError;
use super::milp;
use super::output::Lineup;
use super::problem::{Problem, SiteRules};
use super::rules::{Lock, Rules, Stack};
use super::search::{Accepted, Search, retire_exhausted};
use super::slate::Slate;

/// Nodes one lineup may pop before the search gives up (it is exact, so only rule sets that
/// leave valid lineups rare among far better invalid ones get near this).
pub(super) const NODE_BUDGET: usize = 1_000_000;
/// Nodes a lineup may pop before the search is rebuilt without the players whose exposure is
/// used up.
const RETIRE_BUDGET: usize = 20_000;
/// Bound tables a lineup may build before the same rebuild (stack choices waking up one after
/// another is the other sign of a bound inflated by a used-up star).
const RETIRE_TABLES: usize = 32;
/// Nodes per rule-set probe while naming the rules of an infeasible run.
const PROBE_BUDGET: usize = 200_000;

/// Builds lineups for a slate under rules.
///
/// ```
/// use edgekit::lineup::{Optimizer, Rules, Site, Slate, Sport};
///
/// let slate = Slate::from_csv_path(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv"),
///     Site::DraftKings, Sport::Nfl, None)?;
/// let lineups = Optimizer::new(&slate, Rules::default())?.optimize(3, None)?;
/// assert_eq!(lineups.len(), 3);
/// assert!(lineups[0].projection >= lineups[1].projection);
/// assert_eq!(lineups[0].players[0].slot, "CPT");
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub struct Optimizer<'s> {
    pub(super) slate: &'s Slate,
    pub(super) rules: Rules,
    pub(super) method: Method,
}

/// How each lineup is found. Both are exact; the search is the fast one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// The best-first search over the bound table (falls back to the MILP for a lineup whose
    /// search exceeds its node budget).
    #[default]
    Search,
    /// A mixed-integer programme per lineup (good_lp + microlp), for cross-checks.
    Milp,
}

enum Engine {
    Search(Box<Search>),
    Milp(Box<Problem>),
}

/// The `n` best lineups for a slate under rules; see [`Optimizer`].
pub fn optimize(
    slate: &Slate,
    n: usize,
    rules: &Rules,
    seed: Option<u64>,
) -> Result<Vec<Lineup>, LineupError> {
    Optimizer::new(slate, rules.clone())?.optimize(n, seed)
}

fn bad(rule: &str, message: String) -> LineupError {
    LineupError::Rule {
        rule: rule.into(),
        message,
    }
}

fn validate(rules: &Rules) -> Result<(), LineupError> {
    let teams = rules
        .team_exposures
        .iter()
        .enumerate()
        .map(|(k, t)| (format!("team_exposures[{k}]"), Some(t.max_exposure)));
    for (name, e) in
        std::iter::once(("max_team_exposure".to_owned(), rules.max_team_exposure)).chain(teams)
    {
        if let Some(e) = e
            && !(0.0..=1.0).contains(&e)
        {
            return Err(bad(&name, format!("{e} is not a fraction in [0, 1]")));
        }
    }
    if let Some(e) = rules.max_exposure
        && !(0.0..=1.0).contains(&e)
    {
        return Err(bad(
            "max_exposure",
            format!("{e} is not a fraction in [0, 1]"),
        ));
    }
    for (name, e) in [
        ("max_captain_exposure", rules.max_captain_exposure),
        ("max_flex_exposure", rules.max_flex_exposure),
    ] {
        if let Some(e) = e
            && !(0.0..=1.0).contains(&e)
        {
            return Err(bad(name, format!("{e} is not a fraction in [0, 1]")));
        }
    }
    if let Some(r) = &rules.randomness {
        if !matches!(r.mode.as_str(), "std" | "range") {
            return Err(bad(
                "randomness.mode",
                format!("{:?}: expected \"std\" or \"range\"", r.mode),
            ));
        }
        if !(r.scale.is_finite() && r.scale >= 0.0) {
            return Err(bad(
                "randomness.scale",
                format!("{} must be finite and non-negative", r.scale),
            ));
        }
    }
    Ok(())
}

impl<'s> Optimizer<'s> {
    /// Checks the rules against the slate (unknown players, teams, positions are refused here).
    pub fn new(slate: &'s Slate, rules: Rules) -> Result<Self, LineupError> {
        validate(&rules)?;
        Problem::build(slate, &rules, SiteRules::default(), None)?;
        Ok(Optimizer {
            slate,
            rules,
            method: Method::Search,
        })
    }

    /// Chooses how lineups are found (default: the search).
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// The `n` best lineups in decreasing projection, each optimal under the rules given the
    /// lineups before it. `seed` drives randomized projections (ignored without them).
    pub fn optimize(&self, n: usize, seed: Option<u64>) -> Result<Vec<Lineup>, LineupError> {
        self.extend(&[], n, seed)
    }

    /// `n` more lineups continuing a portfolio: the `previous` lineups (from this slate) count
    /// for distinctness, repeating players and exposure (fractions of `previous.len() + n`).
    pub fn extend(
        &self,
        previous: &[Lineup],
        n: usize,
        seed: Option<u64>,
    ) -> Result<Vec<Lineup>, LineupError> {
        self.run(previous, n, seed, true)
    }

    /// Up to `n` lineups as [`optimize`](Self::optimize) finds them, fewer when fewer exist
    /// under the rules (none when none do) instead of an error.
    pub fn optimize_up_to(&self, n: usize, seed: Option<u64>) -> Result<Vec<Lineup>, LineupError> {
        self.run(&[], n, seed, false)
    }

    fn run(
        &self,
        previous: &[Lineup],
        n: usize,
        seed: Option<u64>,
        all_or_nothing: bool,
    ) -> Result<Vec<Lineup>, LineupError> {
        crate::limits::check_count(
            "n + previous lineups",
            n.saturating_add(previous.len()),
            0,
            crate::limits::MAX_LINEUPS,
        )?;
        if n == 0 {
            return Ok(Vec::new());
        }
        let slate = self.slate;
        let base = Problem::build(slate, &self.rules, SiteRules::default(), None)?;
        let total = n + previous.len();
        let (max_counts, min_needs) = self.exposure_limits(&base, total)?;
        let mut acc = self.accepted(&base, previous)?;
        let mut out: Vec<Lineup> = Vec::with_capacity(n);
        let mut rng = fastrand::Rng::with_seed(seed.unwrap_or(0));
        let randomized = self.rules.randomness.is_some();
        let mut locks_now: Option<Vec<u32>> = None;
        let mut engine: Option<Engine> = None;
        while out.len() < n {
            let due = min_exposure_due(&min_needs, &acc, total - acc.lineups.len());
            if randomized || locks_now.as_ref() != Some(&due) {
                let mut rules = self.rules.clone();
                for &q in &due {
                    for &it in &base.persons[q as usize].items {
                        let row = base.items[it as usize].player as usize;
                        rules
                            .locks
                            .push(Lock::Player(slate.players[row].id.clone()));
                    }
                }
                // The base problem serves as long as no lock or perturbation changes it.
                let mut problem = if randomized {
                    let points = self.perturbed(&mut rng);
                    Problem::build(slate, &rules, SiteRules::default(), Some(&points))?
                } else if due.is_empty() {
                    base.clone()
                } else {
                    Problem::build(slate, &rules, SiteRules::default(), None)?
                };
                apply_counts(&mut problem, &max_counts, &self.rules, total);
                retire_exhausted(&mut problem, &acc);
                engine = Some(match self.method {
                    Method::Search => Engine::Search(Box::new(Search::new(problem))),
                    Method::Milp => Engine::Milp(Box::new(problem)),
                });
                locks_now = Some(due);
            }
            let found = match engine.as_mut().expect("built above") {
                Engine::Search(s) => {
                    if out.is_empty() && !s.table_feasible() {
                        if all_or_nothing {
                            return Err(self.infeasible(n));
                        }
                        break;
                    }
                    match s.next_within(&acc, RETIRE_BUDGET, RETIRE_TABLES) {
                        Ok(found) => found,
                        Err(_) => {
                            // A slow lineup after exposure caps bite: rebuild without the
                            // players used up, then give the search its full budget.
                            s.retire(&acc);
                            match s.next(&acc, NODE_BUDGET) {
                                Ok(found) => found,
                                Err(_) => milp::best(&s.problem, &acc)?,
                            }
                        }
                    }
                }
                Engine::Milp(p) => milp::best(p, &acc)?,
            };
            match found {
                Some(items) => {
                    acc.add(&base, &items);
                    out.push(Lineup::from_items(slate, &base, &items));
                }
                None if !all_or_nothing => break,
                None if acc.lineups.is_empty() => return Err(self.infeasible(n)),
                None => {
                    return Err(LineupError::Infeasible {
                        rules: self.portfolio_rules(),
                        message: format!(
                            "only {} of the {n} lineups asked for exist under them",
                            out.len()
                        ),
                    });
                }
            }
        }
        if randomized {
            out.sort_by(|a, b| b.projection.total_cmp(&a.projection));
        }
        Ok(out)
    }

    /// The lineups of a portfolio so far, as the search counts them (distinctness, repeating
    /// players, exposure).
    pub(super) fn accepted(
        &self,
        base: &Problem,
        previous: &[Lineup],
    ) -> Result<Accepted, LineupError> {
        let mut acc = Accepted::new(base.persons.len(), self.rules.max_repeating);
        for (k, l) in previous.iter().enumerate() {
            let items = base.items_of(l).ok_or_else(|| {
                LineupError::Unsupported(format!(
                    "previous lineup {} uses players the rules exclude or another slate's",
                    k + 1
                ))
            })?;
            acc.add(base, &items);
        }
        Ok(acc)
    }

    pub(super) fn portfolio_rules(&self) -> Vec<String> {
        let mut names = Vec::new();
        if let Some(e) = self.rules.max_exposure {
            names.push(format!("max_exposure {e}"));
        }
        if let Some(r) = self.rules.max_repeating {
            names.push(format!("max_repeating {r}"));
        }
        if let Some(e) = self.rules.max_team_exposure {
            names.push(format!("max_team_exposure {e}"));
        }
        if !self.rules.team_exposures.is_empty() {
            names.push("team_exposures".into());
        }
        if self
            .slate
            .players
            .iter()
            .any(|p| p.extra.max_exposure.is_some())
        {
            names.push("players' max_exposure".into());
        }
        if names.is_empty() {
            names.push("distinct lineups".into());
        }
        names
    }

    /// Lineup counts per person: most allowed, fewest required.
    pub(super) fn exposure_limits(
        &self,
        base: &Problem,
        n: usize,
    ) -> Result<(Vec<usize>, Vec<usize>), LineupError> {
        let mut max = vec![usize::MAX; base.persons.len()];
        let mut min = vec![0usize; base.persons.len()];
        let cap = |e: f64| ((e * n as f64) + 1e-9).floor() as usize;
        for (q, person) in base.persons.iter().enumerate() {
            let mut limit = self.rules.max_exposure.map_or(usize::MAX, cap);
            for &it in &person.items {
                let p = &self.slate.players[base.items[it as usize].player as usize];
                if let Some(e) = p.extra.max_exposure {
                    limit = limit.min(cap(e.clamp(0.0, 1.0)));
                }
                if let Some(e) = p.extra.min_exposure {
                    min[q] = min[q].max(((e.clamp(0.0, 1.0) * n as f64) - 1e-9).ceil() as usize);
                }
            }
            max[q] = limit;
            let name =
                &self.slate.players[base.items[person.items[0] as usize].player as usize].name;
            if person.locked && limit < n {
                return Err(LineupError::Infeasible {
                    rules: vec![format!("lock {name}"), "max_exposure".into()],
                    message: format!(
                        "{name} is locked into all {n} lineups but may appear in {limit}"
                    ),
                });
            }
            if min[q] > limit {
                return Err(LineupError::Infeasible {
                    rules: vec![format!("{name}'s min_exposure"), "max_exposure".into()],
                    message: format!(
                        "{name} must appear in {} lineups but may appear in {limit}",
                        min[q]
                    ),
                });
            }
        }
        let needed: usize = min.iter().sum();
        if needed > n * base.slot_count {
            return Err(LineupError::Infeasible {
                rules: vec!["players' min_exposure".into()],
                message: format!(
                    "{needed} player appearances required, {n} lineups hold {}",
                    n * base.slot_count
                ),
            });
        }
        Ok((max, min))
    }

    /// Projections drawn for one lineup.
    fn perturbed(&self, rng: &mut fastrand::Rng) -> Vec<f64> {
        let r = self.rules.randomness.as_ref().expect("randomized");
        self.slate
            .players
            .iter()
            .map(|p| {
                let u = rng.f64();
                match (r.mode.as_str(), p.extra.floor, p.extra.ceiling) {
                    ("range", Some(lo), Some(hi)) if hi >= lo => lo + (hi - lo) * u,
                    _ => {
                        let std = p.extra.std.unwrap_or(0.15 * p.projection.abs());
                        p.projection + r.scale * std * (2.0 * u - 1.0)
                    }
                }
            })
            .collect()
    }

    /// Names a smallest set of rules that together leave no lineup (deletion filter: drop each
    /// rule in turn and keep it dropped when the rest are still infeasible).
    pub(super) fn infeasible(&self, n: usize) -> LineupError {
        type Drop = Box<dyn Fn(&mut Rules, &mut SiteRules)>;
        let r = &self.rules;
        let roster = &self.slate.roster;
        let mut parts: Vec<(String, Drop)> = Vec::new();
        parts.push((
            format!("salary cap {}", roster.salary_cap),
            Box::new(|_, s| s.salary_cap = false),
        ));
        if let Some(m) = r.max_salary {
            parts.push((
                format!("max_salary {m}"),
                Box::new(|r, _| r.max_salary = None),
            ));
        }
        if let Some(m) = r.min_salary {
            parts.push((
                format!("min_salary {m}"),
                Box::new(|r, _| r.min_salary = None),
            ));
        }
        for (k, lock) in r.locks.iter().enumerate() {
            let name = format!("lock {}", lock.player());
            parts.push((
                name,
                Box::new(move |r, _| r.locks[k] = Lock::Player(String::new())),
            ));
        }
        if !r.excludes.is_empty() {
            parts.push(("excludes".into(), Box::new(|r, _| r.excludes.clear())));
        }
        if !r.exclude_teams.is_empty() {
            parts.push((
                "exclude_teams".into(),
                Box::new(|r, _| r.exclude_teams.clear()),
            ));
        }
        if let Some(m) = r.max_per_team {
            parts.push((
                format!("max_per_team {m}"),
                Box::new(|r, _| r.max_per_team = None),
            ));
        }
        if let Some(m) = r.min_teams {
            parts.push((
                format!("min_teams {m}"),
                Box::new(|r, _| r.min_teams = None),
            ));
        }
        if let Some(m) = r.max_teams {
            parts.push((
                format!("max_teams {m}"),
                Box::new(|r, _| r.max_teams = None),
            ));
        }
        for (k, name) in r.stacks.iter().map(Stack::label).enumerate() {
            parts.push((
                format!("stacks[{k}] ({name})"),
                Box::new(move |r, _| r.stacks[k] = NOTHING_STACK.clone()),
            ));
        }
        for k in 0..r.restrict_opposing.len() {
            parts.push((
                format!("restrict_opposing[{k}]"),
                // An empty position list means every position: no limit is a limit never met.
                Box::new(move |r, _| r.restrict_opposing[k].max_allowed = usize::MAX),
            ));
        }
        for k in 0..r.restrict_same_team.len() {
            parts.push((
                format!("restrict_same_team[{k}]"),
                Box::new(move |r, _| r.restrict_same_team[k].positions = vec![DROPPED.into()]),
            ));
        }
        for k in 0..r.groups.len() {
            parts.push((
                format!("groups[{k}]"),
                Box::new(move |r, _| r.groups[k] = Default::default()),
            ));
        }
        if r.max_total_ownership.is_some() {
            parts.push((
                "max_total_ownership".into(),
                Box::new(|r, _| r.max_total_ownership = None),
            ));
        }
        if r.max_product_ownership.is_some() {
            parts.push((
                "max_product_ownership".into(),
                Box::new(|r, _| r.max_product_ownership = None),
            ));
        }
        if roster.min_games > 1 {
            parts.push((
                format!("site: players from at least {} games", roster.min_games),
                Box::new(|_, s| s.min_games = false),
            ));
        }
        if let Some(m) = roster.max_per_team {
            parts.push((
                format!("site: at most {m} players per team"),
                Box::new(|_, s| s.max_per_team = false),
            ));
        }
        if roster.min_teams > 1 {
            parts.push((
                format!("site: players from at least {} teams", roster.min_teams),
                Box::new(|_, s| s.min_teams = false),
            ));
        }
        let mut rules = r.clone();
        let mut site = SiteRules::default();
        let mut kept = Vec::new();
        let feasible = |rules: &Rules, site: &SiteRules| -> bool {
            let mut rules = rules.clone();
            rules.locks.retain(|l| !l.player().is_empty());
            rules.stacks.retain(|s| *s != *NOTHING_STACK);
            rules
                .restrict_same_team
                .retain(|x| x.positions.first().is_none_or(|p| p != DROPPED));
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
            let (mut r2, mut s2) = (rules.clone(), site);
            drop(&mut r2, &mut s2);
            if feasible(&r2, &s2) {
                kept.push(name.clone());
            } else {
                rules = r2;
                site = s2;
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

static NOTHING_STACK: std::sync::LazyLock<Stack> = std::sync::LazyLock::new(|| Stack::Positions {
    positions: Vec::new(),
    teams: Vec::new(),
    bring_back: Vec::new(),
});

pub(super) fn apply_counts(
    problem: &mut Problem,
    max_counts: &[usize],
    rules: &Rules,
    total: usize,
) {
    for (person, &m) in problem.persons.iter_mut().zip(max_counts) {
        person.max_count = m;
    }
    let cap =
        |e: Option<f64>| e.map_or(usize::MAX, |e| ((e * total as f64) + 1e-9).floor() as usize);
    let single_game = problem.items.iter().any(|i| i.multiplier > 1.0);
    let (captain, flex) = if single_game {
        (
            cap(rules.max_captain_exposure),
            cap(rules.max_flex_exposure),
        )
    } else {
        (usize::MAX, usize::MAX)
    };
    for item in &mut problem.items {
        item.max_count = if item.multiplier > 1.0 { captain } else { flex };
    }
    problem.team_max_count = problem.team_exposure.iter().map(|&e| cap(e)).collect();
}

/// Persons who must be locked into the next lineup to reach their minimum exposure: those whose
/// remaining need equals the lineups left (pydfs forces them first; waiting keeps the early,
/// best lineups free and still meets every minimum).
fn min_exposure_due(min_needs: &[usize], acc: &Accepted, lineups_left: usize) -> Vec<u32> {
    min_needs
        .iter()
        .enumerate()
        .filter(|&(q, &need)| need > 0 && need.saturating_sub(acc.count[q]) >= lineups_left)
        .map(|(q, _)| q as u32)
        .collect()
}

/// Marks a rule the infeasibility report has dropped.
const DROPPED: &str = "\u{0}dropped";
