//! Late swap: re-optimizing entries after some games have started, as DraftKings allows.
//! Players of started games stay in their slots, other players of those games are out, every
//! other slot is re-chosen. Entries are swapped in order as one portfolio, the way
//! pydfs-lineup-optimizer's `optimize_lineups` does: each new lineup is optimal given the ones
//! swapped before it, differs from them (or shares at most `max_repeating` players), and max
//! exposure counts over all the entries swapped.

use std::collections::HashMap;

use super::entries::EntriesFile;
use super::error::LineupError;
use super::milp;
use super::optimizer::{Method, NODE_BUDGET, Optimizer, apply_counts, total_cap};
use super::output::{Lineup, LineupPlayer};
use super::problem::{Problem, SiteRules};
use super::rules::Lock;
use super::search::{Search, retire_exhausted};
use super::slate::Slate;

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
        let has_started = started_rows(self.slate, None, started);
        let entries: Vec<Option<&Lineup>> = entries.iter().map(Some).collect();
        self.swap(previous, &entries, &has_started)
    }

    /// Late swap of an entries file at time `now` (Unix seconds, see
    /// [`parse_time`](super::parse_time)): a player's game has started when its start time
    /// (DraftKings' `Game Info`) is at or before `now`, when the file lists it as under way,
    /// when the file marks one of its players ` (LOCKED)`, or when `started` names it (FanDuel's
    /// files carry no start times). Reservations (entries without a lineup) are filled from
    /// the games not yet started. Entries keep their IDs, contests and fees for the upload
    /// ([`EntriesFile::to_csv`]).
    ///
    /// ```
    /// use edgekit::lineup::{parse_time, EntriesFile, Optimizer, Rules, Site, Slate, Sport};
    ///
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
    ///     "/../examples/data/lineup/dk_nba_entries_2019-01-18_bobbymay.csv")).unwrap();
    /// let slate = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None)?;
    /// let file = EntriesFile::read(&slate, &text)?;
    /// // At 8:30 PM ET the 7:00 and 8:00 PM games are under way.
    /// let now = parse_time("01/18/2019 08:30PM ET")?;
    /// let swapped = Optimizer::new(&slate, Rules::default())?.late_swap_entries(&file, Some(now), &[])?;
    /// // Five of the first entry's players are in those games: they stay in their slots.
    /// let first = swapped.entries[0].lineup.as_ref().unwrap();
    /// assert_eq!(swapped.entries[0].locked.len(), 5);
    /// assert_eq!(first.players[1].name, "Tyler Johnson"); // MIA@DET, 7:00 PM
    /// assert!(swapped.to_csv(&slate).starts_with("Entry ID,Contest Name,Contest ID,Entry Fee,PG,"));
    /// # Ok::<(), edgekit::lineup::LineupError>(())
    /// ```
    pub fn late_swap_entries(
        &self,
        file: &EntriesFile,
        now: Option<i64>,
        started: &[&str],
    ) -> Result<EntriesFile, LineupError> {
        let slate = self.slate;
        // A game with a player marked (LOCKED) has started, whatever the clock says.
        let mut started: Vec<String> = started.iter().map(|s| (*s).to_owned()).collect();
        for e in &file.entries {
            for id in &e.locked {
                if let Some(p) = slate.players.iter().find(|p| &p.id == id) {
                    started.push(p.game.clone().unwrap_or_else(|| p.team.clone()));
                }
            }
        }
        let started: Vec<&str> = started.iter().map(String::as_str).collect();
        let has_started = started_rows(slate, now, &started);
        let entries: Vec<Option<&Lineup>> =
            file.entries.iter().map(|e| e.lineup.as_ref()).collect();
        let swapped = self.swap(&[], &entries, &has_started)?;
        let mut out = file.clone();
        for (e, l) in out.entries.iter_mut().zip(swapped) {
            e.locked = l
                .players
                .iter()
                .filter(|p| has_started(p.row))
                .map(|p| p.id.clone())
                .collect();
            e.lineup = Some(l);
        }
        Ok(out)
    }

    /// Late swap of `entries` (a `None` is a reservation: every slot open) after `previous`.
    fn swap(
        &self,
        previous: &[Lineup],
        entries: &[Option<&Lineup>],
        has_started: &dyn Fn(usize) -> bool,
    ) -> Result<Vec<Lineup>, LineupError> {
        let slate = self.slate;
        for entry in entries.iter().flatten() {
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
        let open =
            |e: &Option<&Lineup>| e.is_none_or(|e| e.players.iter().any(|p| !has_started(p.row)));
        let mut base = Problem::build(slate, &self.rules, SiteRules::default(), None)?;
        let total = previous.len() + entries.iter().filter(|e| open(e)).count();
        let (max_counts, _) = self.exposure_limits(&base, total.max(1))?;
        apply_counts(&mut base, &max_counts, &self.rules, &total_cap(total));
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
            if let Some(e) = entry
                && !open(entry)
            {
                out.push((*e).clone());
                continue;
            }
            let players = entry.map_or(&[][..], |e| &e.players[..]);
            let mut problem = base.clone();
            let mut held: Vec<u32> = Vec::new();
            for (j, p) in players.iter().enumerate() {
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
                return Err(self.entry_infeasible(
                    k,
                    players,
                    has_started,
                    !acc.lineups.is_empty(),
                ));
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
        players: &[LineupPlayer],
        has_started: &dyn Fn(usize) -> bool,
        after_others: bool,
    ) -> LineupError {
        let mut rules = self.rules.clone();
        for p in players.iter().filter(|p| has_started(p.row)) {
            rules.locks.push(Lock::InSlot {
                player: p.id.clone(),
                slot: p.slot.clone(),
            });
        }
        for (row, player) in self.slate.players.iter().enumerate() {
            if has_started(row) && !players.iter().any(|p| p.row == row) {
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

/// Whether a slate row's game has started: by name in `started` (a game key or a team), by its
/// start time at or before `now`, or because the file lists it as under way.
fn started_rows<'a>(
    slate: &'a Slate,
    now: Option<i64>,
    started: &'a [&'a str],
) -> impl Fn(usize) -> bool + 'a {
    move |row: usize| {
        let p = &slate.players[row];
        p.game_started
            || now.is_some_and(|t| p.starts_at.is_some_and(|s| s <= t))
            || started.iter().any(|s| {
                p.game.as_deref().is_some_and(|g| g.eq_ignore_ascii_case(s))
                    || p.team.eq_ignore_ascii_case(s)
                    || p.opponent
                        .as_deref()
                        .is_some_and(|o| o.eq_ignore_ascii_case(s))
            })
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
