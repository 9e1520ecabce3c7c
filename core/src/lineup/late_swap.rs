//! Late swap: re-optimizing entries after some games have started, as DraftKings allows.
//! Players of started games stay in their slots, other players of those games are out, every
//! other slot is re-chosen. Entries are swapped in order as one portfolio, the way
//! pydfs-lineup-optimizer's `optimize_lineups` does: each new lineup is optimal given the ones
//! swapped before it, differs from them (or shares at most `max_repeating` players), and max
//! exposure counts over all the entries swapped.

use std::collections::HashMap;

use super::error::LineupError;
use super::milp;
use super::optimizer::{Method, NODE_BUDGET, Optimizer, apply_counts};
use super::output::Lineup;
use super::problem::{Problem, SiteRules};
use super::rules::Lock;
use super::search::{Search, retire_exhausted};

impl Optimizer<'_> {
    /// Late swap: re-optimizes the entries after some games have started. `started` names games
    /// ("NYG@DAL") or teams ("DAL"). Entries come from [`read_upload_csv`] (which reads DraftKings
    /// entries files) and are swapped in order: each is optimal given the ones before, distinct
    /// from them, with exposure limits over all the entries. An entry whose games have all
    /// started comes back as it was. Minimum exposures and randomness do not apply here.
    ///
    /// ```
    /// use edgekit::lineup::{Optimizer, Rules, Site, Slate, Sport};
    ///
    /// let slate = Slate::from_csv_path(
    ///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv"),
    ///     Site::DraftKings, Sport::Nfl, None)?;
    /// let optimizer = Optimizer::new(&slate, Rules::default())?;
    /// let entries = optimizer.optimize(2, None)?;
    /// // Nothing has started: both entries are re-optimized, distinct from each other.
    /// let swapped = optimizer.late_swap(&entries, &[])?;
    /// assert_eq!(swapped[0].projection, entries[0].projection);
    /// assert_ne!(swapped[0].player_ids(), swapped[1].player_ids());
    /// # Ok::<(), edgekit::lineup::LineupError>(())
    /// ```
    ///
    /// [`read_upload_csv`]: super::read_upload_csv
    pub fn late_swap(
        &self,
        entries: &[Lineup],
        started: &[&str],
    ) -> Result<Vec<Lineup>, LineupError> {
        self.late_swap_after(&[], entries, started)
    }

    /// [`late_swap`](Self::late_swap) continuing a portfolio: the `previous` lineups (already
    /// swapped or final) count for distinctness, repeating players and exposure.
    pub fn late_swap_after(
        &self,
        previous: &[Lineup],
        entries: &[Lineup],
        started: &[&str],
    ) -> Result<Vec<Lineup>, LineupError> {
        let slate = self.slate;
        let has_started = |row: usize| -> bool {
            let p = &slate.players[row];
            started.iter().any(|s| {
                p.game.as_deref().is_some_and(|g| g.eq_ignore_ascii_case(s))
                    || p.team.eq_ignore_ascii_case(s)
                    || p.opponent
                        .as_deref()
                        .is_some_and(|o| o.eq_ignore_ascii_case(s))
            })
        };
        for entry in entries {
            if entry.players.len() != slate.roster.slots.len() {
                return Err(LineupError::Unsupported(format!(
                    "an entry has {} players; the roster has {} slots",
                    entry.players.len(),
                    slate.roster.slots.len()
                )));
            }
            for p in &entry.players {
                if p.row >= slate.players.len() || slate.players[p.row].id != p.id {
                    return Err(LineupError::Unsupported(format!(
                        "entry player {} ({}) is not on this slate",
                        p.name, p.id
                    )));
                }
            }
        }
        let open = |e: &Lineup| e.players.iter().any(|p| !has_started(p.row));
        let mut base = Problem::build(slate, &self.rules, SiteRules::default(), None)?;
        let total = previous.len() + entries.iter().filter(|e| open(e)).count();
        let (max_counts, _) = self.exposure_limits(&base, total.max(1))?;
        apply_counts(&mut base, &max_counts, &self.rules, total);
        let mut acc = self.accepted(&base, previous)?;
        let person_of_row: HashMap<usize, u32> = base
            .items
            .iter()
            .map(|it| (it.player as usize, it.person))
            .collect();
        let person_started: Vec<bool> = base
            .persons
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .any(|&it| has_started(base.items[it as usize].player as usize))
            })
            .collect();

        let mut out = Vec::with_capacity(entries.len());
        for (k, entry) in entries.iter().enumerate() {
            if !open(entry) {
                out.push(entry.clone());
                continue;
            }
            let mut problem = base.clone();
            let mut held: Vec<u32> = Vec::new();
            for (j, p) in entry.players.iter().enumerate() {
                if !has_started(p.row) {
                    continue;
                }
                let Some(&q) = person_of_row.get(&p.row) else {
                    return Err(LineupError::Rule {
                        rule: "late_swap".into(),
                        message: format!(
                            "entry {}: started player {} ({}) is out of the pool (rules, zero \
                             projection or injury status) but cannot be swapped",
                            k + 1,
                            p.name,
                            p.id
                        ),
                    });
                };
                hold(&mut problem, q, p.row, j);
                held.push(q);
            }
            for (q, person) in problem.persons.iter_mut().enumerate() {
                if person_started[q] && !held.contains(&(q as u32)) {
                    person.items.clear();
                }
            }
            retire_exhausted(&mut problem, &acc);
            let found = match self.method {
                Method::Search => {
                    let mut search = Search::new(problem);
                    let found = match search.next(&acc, NODE_BUDGET) {
                        Ok(found) => found,
                        Err(_) => milp::best(&search.problem, &acc)?,
                    };
                    problem = search.problem;
                    found
                }
                Method::Milp => milp::best(&problem, &acc)?,
            };
            let Some(items) = found else {
                return Err(self.entry_infeasible(k, entry, &has_started, !acc.lineups.is_empty()));
            };
            acc.add(&problem, &items);
            out.push(Lineup::from_items(slate, &problem, &items));
        }
        Ok(out)
    }

    /// Names why entry `k` has no swap: its own rules and started players (a deletion filter
    /// over them), or, if those allow one, the portfolio rules with the entries before it.
    fn entry_infeasible(
        &self,
        k: usize,
        entry: &Lineup,
        has_started: &dyn Fn(usize) -> bool,
        after_others: bool,
    ) -> LineupError {
        let mut rules = self.rules.clone();
        for p in entry.players.iter().filter(|p| has_started(p.row)) {
            rules.locks.push(Lock::InSlot {
                player: p.id.clone(),
                slot: p.slot.clone(),
            });
        }
        for (row, player) in self.slate.players.iter().enumerate() {
            if has_started(row) && !entry.players.iter().any(|p| p.row == row) {
                rules.excludes.push(player.id.clone());
            }
        }
        let alone = Optimizer::new(self.slate, rules).and_then(|o| o.optimize(1, None));
        match alone {
            Err(LineupError::Infeasible { rules, message }) => LineupError::Infeasible {
                rules,
                message: format!("entry {}: {message}", k + 1),
            },
            Err(other) => other,
            Ok(_) => {
                let mut rules = self.portfolio_rules();
                if after_others {
                    rules.push("entries swapped before it".into());
                }
                LineupError::Infeasible {
                    rules,
                    message: format!(
                        "entry {}: every swap that keeps its started players repeats or \
                         over-exposes the entries before it",
                        k + 1
                    ),
                }
            }
        }
    }
}

/// Keeps person `q` in slot `j` with row `row` only, exempt from exposure caps (it cannot move).
fn hold(problem: &mut Problem, q: u32, row: usize, j: usize) {
    let person = &mut problem.persons[q as usize];
    person.locked = true;
    person.max_count = usize::MAX;
    let items = &mut problem.items;
    person.items.retain(|&it| {
        let item = &items[it as usize];
        item.player as usize == row && item.slot_mask & (1 << j) != 0
    });
    for &it in &person.items {
        items[it as usize].slot_mask = 1 << j;
        items[it as usize].max_count = usize::MAX;
    }
}
