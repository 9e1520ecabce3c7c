//! Runs of lineups: the k-best loop with portfolio rules (exposure counted over the run or after
//! each lineup, repeating players), seeded randomized projections and progressive bumps.

use super::error::LineupError;
use super::milp;
use super::output::Lineup;
use super::problem::{Problem, SiteRules};
use super::rules::{ExposureStrategy, Lock, Rules};
use super::search::{Accepted, Search, retire_exhausted};
use super::slate::Slate;
use super::stack_exposure::{self, StackUses};

/// Nodes one lineup may pop before the search gives up (it is exact, so only rule sets that
/// leave valid lineups rare among far better invalid ones get near this).
pub(super) const NODE_BUDGET: usize = 1_000_000;
/// Nodes a lineup may pop before the search is rebuilt without the players whose exposure is
/// used up.
const RETIRE_BUDGET: usize = 20_000;
/// Bound tables a lineup may build before the same rebuild (stack choices waking up one after
/// another is the other sign of a bound inflated by a used-up star).
const RETIRE_TABLES: usize = 32;

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
    if let Some(p) = &rules.progressive {
        if !(p.scale.is_finite() && (0.0..=1.0).contains(&p.scale)) {
            return Err(bad(
                "progressive.scale",
                format!("{} is not a fraction in [0, 1]", p.scale),
            ));
        }
        if rules.randomness.is_some() {
            return Err(bad(
                "progressive",
                "progressive bumps and randomness both rewrite the projections: choose one".into(),
            ));
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
        let stack_caps = StackUses::needed(&base);
        let mut stack_uses = StackUses::new(&base);
        if stack_caps {
            for l in previous {
                if let Some(items) = base.items_of(l) {
                    stack_uses.add(&base, &items);
                }
            }
        }
        let mut spent_now: Vec<(usize, u16)> = Vec::new();
        let mut out: Vec<Lineup> = Vec::with_capacity(n);
        let mut rng = fastrand::Rng::with_seed(seed.unwrap_or(0));
        let randomized = self.rules.randomness.is_some();
        let after_each = self.rules.exposure_strategy == Some(ExposureStrategy::AfterEach);
        let progressive = self.rules.progressive.map(|p| p.scale);
        // Per person, the lineups in a row (the latest) without him: his progressive bump.
        let mut left_out = vec![0u32; base.persons.len()];
        let mut locks_now: Option<Vec<u32>> = None;
        let mut engine: Option<Engine> = None;
        while out.len() < n {
            let due = min_exposure_due(&min_needs, &acc, total - acc.lineups.len());
            let each_lineup = randomized || after_each || progressive.is_some();
            let spent = if !stack_caps {
                Vec::new()
            } else if after_each {
                stack_uses.spent(&base, &after_each_cap(acc.lineups.len()))
            } else {
                stack_uses.spent(&base, &total_cap(total))
            };
            if each_lineup || locks_now.as_ref() != Some(&due) || spent != spent_now {
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
                let points = if randomized {
                    Some(self.perturbed(&mut rng))
                } else {
                    progressive.map(|scale| bumped(slate, &base, &left_out, scale))
                };
                let mut problem = if points.is_none() && due.is_empty() {
                    base.clone()
                } else {
                    Problem::build(slate, &rules, SiteRules::default(), points.as_deref())?
                };
                if after_each {
                    let cap = after_each_cap(acc.lineups.len());
                    let counts = self.person_caps(&base, &cap);
                    apply_counts(&mut problem, &counts, &self.rules, &cap);
                } else {
                    apply_counts(&mut problem, &max_counts, &self.rules, &total_cap(total));
                }
                retire_exhausted(&mut problem, &acc);
                stack_exposure::forbid(&mut problem, &spent);
                spent_now = spent;
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
                    if stack_caps {
                        stack_uses.add(&base, &items);
                    }
                    if progressive.is_some() {
                        for n in &mut left_out {
                            *n += 1;
                        }
                        for &it in &items {
                            left_out[base.items[it as usize].person as usize] = 0;
                        }
                    }
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
        for (k, stack) in self.rules.stacks.iter().enumerate() {
            if stack.has_exposure_caps() {
                names.push(format!("stacks[{k}] max_exposure ({})", stack.label()));
            }
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

    /// Each person's exposure cap: the run's and his own (as a fraction), the lower.
    fn person_exposure(&self, base: &Problem, q: usize) -> Option<f64> {
        let mut cap = self.rules.max_exposure;
        for &it in &base.persons[q].items {
            let p = &self.slate.players[base.items[it as usize].player as usize];
            if let Some(e) = p.extra.max_exposure {
                let e = e.clamp(0.0, 1.0);
                cap = Some(cap.map_or(e, |c| c.min(e)));
            }
        }
        cap
    }

    /// Each person's lineup cap under `cap` (an exposure fraction to a count).
    fn person_caps(&self, base: &Problem, cap: &dyn Fn(Option<f64>) -> usize) -> Vec<usize> {
        (0..base.persons.len())
            .map(|q| cap(self.person_exposure(base, q)))
            .collect()
    }

    /// Lineup counts per person over a run of `n`: most allowed, fewest required.
    pub(super) fn exposure_limits(
        &self,
        base: &Problem,
        n: usize,
    ) -> Result<(Vec<usize>, Vec<usize>), LineupError> {
        let max = self.person_caps(base, &total_cap(n));
        let mut min = vec![0usize; base.persons.len()];
        for (q, person) in base.persons.iter().enumerate() {
            for &it in &person.items {
                let p = &self.slate.players[base.items[it as usize].player as usize];
                if let Some(e) = p.extra.min_exposure {
                    min[q] = min[q].max(((e.clamp(0.0, 1.0) * n as f64) - 1e-9).ceil() as usize);
                }
            }
            let limit = max[q];
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
}

/// Exposure caps as counts over a run of `n` lineups (the `total` strategy).
pub(super) fn total_cap(n: usize) -> impl Fn(Option<f64>) -> usize {
    move |e| e.map_or(usize::MAX, |e| ((e * n as f64) + 1e-9).floor() as usize)
}

/// Exposure caps as counts before the lineup after `k` (the `after_each` strategy): a share of
/// `used / k` at or above the cap sits out, so `used` must stay below `e × k`.
fn after_each_cap(k: usize) -> impl Fn(Option<f64>) -> usize {
    move |e| match e {
        Some(e) if k > 0 && e < 1.0 => ((e * k as f64) - 1e-9).ceil().max(0.0) as usize,
        _ => usize::MAX,
    }
}

/// Every slate row's projection with its person's progressive bump (rows outside the problem
/// keep theirs).
fn bumped(slate: &Slate, base: &Problem, left_out: &[u32], scale: f64) -> Vec<f64> {
    let mut points: Vec<f64> = slate.players.iter().map(|p| p.projection).collect();
    for item in &base.items {
        let row = item.player as usize;
        let bump = scale * f64::from(left_out[item.person as usize]);
        points[row] = slate.players[row].projection * (1.0 + bump);
    }
    points
}

pub(super) fn apply_counts(
    problem: &mut Problem,
    max_counts: &[usize],
    rules: &Rules,
    cap: &dyn Fn(Option<f64>) -> usize,
) {
    for (person, &m) in problem.persons.iter_mut().zip(max_counts) {
        person.max_count = m;
    }
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
