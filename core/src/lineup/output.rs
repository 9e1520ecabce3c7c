//! Lineups as results: players in slot order, the site's upload CSV, a readable CSV and JSON,
//! and reading an upload CSV (or DraftKings entries file) back against the slate.

use serde::{Deserialize, Serialize};

use super::error::LineupError;
use super::problem::Problem;
use super::slate::Slate;

/// One player in a lineup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct LineupPlayer {
    /// Slot label ("QB", "FLEX", "CPT").
    pub slot: String,
    /// Site ID of the row used (a showdown captain's CPT row).
    pub id: String,
    /// Name.
    pub name: String,
    /// Team.
    pub team: String,
    /// Positions as listed ("PG/SG").
    pub position: String,
    /// Salary of the row.
    pub salary: u32,
    /// Projected points in this slot (multiplier applied).
    pub projection: f64,
    /// Index of the row in `Slate::players`.
    pub row: usize,
}

/// A lineup: players in the roster's slot order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Lineup {
    /// Players in slot order.
    pub players: Vec<LineupPlayer>,
    /// Total projected points (slot multipliers applied).
    pub projection: f64,
    /// Total salary.
    pub salary: u32,
}

impl Lineup {
    /// Site IDs in slot order.
    pub fn player_ids(&self) -> Vec<&str> {
        self.players.iter().map(|p| p.id.as_str()).collect()
    }

    pub(crate) fn from_items(slate: &Slate, problem: &Problem, items: &[u32]) -> Lineup {
        let uses: Vec<(usize, u32, f64)> = items
            .iter()
            .map(|&it| {
                let item = &problem.items[it as usize];
                (item.player as usize, item.slot_mask, item.multiplier)
            })
            .collect();
        Self::assemble(slate, &uses).expect("the search only returns fillable lineups")
    }

    /// A lineup from slate rows already in the roster's slot order.
    pub(crate) fn from_rows(slate: &Slate, rows: &[u32]) -> Lineup {
        let uses: Vec<(usize, u32, f64)> = rows
            .iter()
            .enumerate()
            .map(|(j, &r)| (r as usize, 1u32 << j, slate.roster.slots[j].multiplier))
            .collect();
        Self::assemble(slate, &uses).expect("one row per slot fills the roster")
    }

    /// Places rows (with the slots each may take) into the roster's slots and totals them.
    fn assemble(slate: &Slate, uses: &[(usize, u32, f64)]) -> Option<Lineup> {
        let slots = &slate.roster.slots;
        let mut holder: Vec<Option<usize>> = vec![None; slots.len()];
        fn place(
            u: usize,
            uses: &[(usize, u32, f64)],
            holder: &mut [Option<usize>],
            seen: &mut [bool],
        ) -> bool {
            for j in 0..holder.len() {
                if uses[u].1 & (1 << j) == 0 || seen[j] {
                    continue;
                }
                seen[j] = true;
                if holder[j].is_none_or(|v| place(v, uses, holder, seen)) {
                    holder[j] = Some(u);
                    return true;
                }
            }
            false
        }
        for u in 0..uses.len() {
            let mut seen = vec![false; slots.len()];
            if !place(u, uses, &mut holder, &mut seen) {
                return None;
            }
        }
        let mut players = Vec::with_capacity(slots.len());
        for (j, h) in holder.iter().enumerate() {
            let u = (*h)?;
            let (row, _, _) = uses[u];
            let p = &slate.players[row];
            players.push(LineupPlayer {
                slot: slots[j].name.to_owned(),
                id: p.id.clone(),
                name: p.name.clone(),
                team: p.team.clone(),
                position: p.positions.join("/"),
                salary: p.salary,
                projection: p.projection * slots[j].multiplier,
                row,
            });
        }
        Some(Lineup {
            projection: players.iter().map(|p| p.projection).sum(),
            salary: players.iter().map(|p| p.salary).sum(),
            players,
        })
    }

    /// A lineup from site IDs (or `Name (ID)` cells as DraftKings entries files write them) in
    /// the roster's slot order, checked against the slate. Totals use the slate's projections.
    pub fn from_ids(slate: &Slate, ids: &[&str]) -> Result<Lineup, LineupError> {
        let slots = &slate.roster.slots;
        if ids.len() != slots.len() {
            return Err(LineupError::Unsupported(format!(
                "a lineup has {} players, not {}",
                slots.len(),
                ids.len()
            )));
        }
        let mut uses = Vec::with_capacity(ids.len());
        for (j, raw) in ids.iter().enumerate() {
            let id = extract_id(raw);
            let row = slate
                .players
                .iter()
                .position(|p| {
                    p.id == id
                        && p.roster_slot
                            .as_deref()
                            .is_none_or(|rs| rs == slots[j].name)
                })
                .ok_or_else(|| {
                    LineupError::Unsupported(format!(
                        "slot {} ({}): no player with ID {id:?} on the slate",
                        j + 1,
                        slots[j].name
                    ))
                })?;
            let p = &slate.players[row];
            if p.roster_slot.is_none()
                && !p
                    .positions
                    .iter()
                    .any(|pos| slots[j].accepts.contains(&pos.as_str()))
            {
                return Err(LineupError::Unsupported(format!(
                    "slot {} ({}): {} ({}) cannot play it",
                    j + 1,
                    slots[j].name,
                    p.name,
                    p.positions.join("/")
                )));
            }
            uses.push((row, 1u32 << j, slots[j].multiplier));
        }
        Self::assemble(slate, &uses)
            .ok_or_else(|| LineupError::Unsupported("the players do not fill the roster".into()))
    }
}

/// "Patrick Mahomes (11191729)" → "11191729"; a bare ID stays as it is.
/// The ID in a cell: `ID`, DraftKings' `Name (ID)` (with ` (LOCKED)` after it once the game
/// started) or FanDuel's `ID:Name`.
pub(crate) fn extract_id(cell: &str) -> &str {
    let t = strip_locked(cell).0;
    match (t.rfind('('), t.ends_with(')')) {
        (Some(open), true) => t[open + 1..t.len() - 1].trim(),
        _ => t.split_once(':').map_or(t, |(id, _)| id.trim()),
    }
}

/// A cell without DraftKings' ` (LOCKED)` mark, and whether it had one.
pub(crate) fn strip_locked(cell: &str) -> (&str, bool) {
    let t = cell.trim();
    let marked = t.len() >= 8 && t.is_char_boundary(t.len() - 8) && {
        let tail = &t[t.len() - 8..];
        tail.eq_ignore_ascii_case("(LOCKED)")
    };
    if marked {
        (t[..t.len() - 8].trim_end(), true)
    } else {
        (t, false)
    }
}

pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The site's upload CSV: one header of slot labels, one row of IDs per lineup.
///
/// ```
/// use edgekit::lineup::{optimize, upload_csv, read_upload_csv, Rules, Site, Slate, Sport};
///
/// let slate = Slate::from_csv_path(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/lineup/dk_nfl_showdown_2019-01-05_IND@HOU_draftfast.csv"),
///     Site::DraftKings, Sport::Nfl, None)?;
/// let lineups = optimize(&slate, 2, &Rules::default(), None)?;
/// let text = upload_csv(&slate, &lineups);
/// assert!(text.starts_with("CPT,FLEX,FLEX,FLEX,FLEX,FLEX\n"));
/// assert_eq!(read_upload_csv(&slate, &text)?, lineups);
/// # Ok::<(), edgekit::lineup::LineupError>(())
/// ```
pub fn upload_csv(slate: &Slate, lineups: &[Lineup]) -> String {
    roster_csv(
        slate,
        "",
        "",
        lineups.iter().map(Some),
        |_, _| {},
        |_, _| {},
    )
}

/// Every roster CSV edgekit writes (uploads, contest results, entries files): per row the
/// cells `before(k, out)` writes, then the row's player IDs in slot order (blank cells for a
/// row without a lineup), then what `after(k, out)` appends, starting with its comma. The
/// headers are comma-separated and may be empty.
pub(crate) fn roster_csv<'l>(
    slate: &Slate,
    before_header: &str,
    after_header: &str,
    rows: impl ExactSizeIterator<Item = Option<&'l Lineup>>,
    mut before: impl FnMut(usize, &mut String),
    mut after: impl FnMut(usize, &mut String),
) -> String {
    let width = slate.roster.slots.len();
    let row_guess = width * 10 + before_header.len() + after_header.len() + 2;
    let mut out = String::with_capacity((rows.len() + 1) * row_guess);
    let lead = !before_header.is_empty();
    out.push_str(before_header);
    for (k, slot) in slate.roster.slots.iter().enumerate() {
        if lead || k > 0 {
            out.push(',');
        }
        out.push_str(slot.name);
    }
    if !after_header.is_empty() {
        out.push(',');
        out.push_str(after_header);
    }
    out.push('\n');
    for (k, lineup) in rows.enumerate() {
        before(k, &mut out);
        for j in 0..width {
            if lead || j > 0 {
                out.push(',');
            }
            if let Some(p) = lineup.and_then(|l| l.players.get(j)) {
                out.push_str(&csv_field(&p.id));
            }
        }
        after(k, &mut out);
        out.push('\n');
    }
    out
}

/// Reads an upload CSV (or a DraftKings entries CSV, whose slot columns hold `Name (ID)`) back
/// into lineups: the first columns named like the roster's slots, in order.
pub fn read_upload_csv(slate: &Slate, text: &str) -> Result<Vec<Lineup>, LineupError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| LineupError::Csv {
            line: 1,
            message: e.to_string(),
        })?
        .clone();
    let names: Vec<&str> = slate.roster.slots.iter().map(|s| s.name).collect();
    let start = (0..headers.len())
        .find(|&c| {
            names
                .iter()
                .enumerate()
                .all(|(k, n)| headers.get(c + k).is_some_and(|h| h.trim() == *n))
        })
        .ok_or_else(|| LineupError::MissingColumn {
            column: names.join(","),
            site: "upload",
            expected: "the roster's slot labels as consecutive columns",
        })?;
    let mut out = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let line = k + 2;
        let record = record.map_err(|e| LineupError::Csv {
            line,
            message: e.to_string(),
        })?;
        let ids: Vec<&str> = (start..start + names.len())
            .map(|c| record.get(c).unwrap_or(""))
            .collect();
        if ids.iter().all(|s| s.trim().is_empty()) {
            continue;
        }
        out.push(Lineup::from_ids(slate, &ids).map_err(|e| LineupError::Csv {
            line,
            message: e.to_string(),
        })?);
    }
    Ok(out)
}

/// A readable CSV: one row per player (`lineup, slot, id, name, team, position, salary,
/// projection`), lineups numbered from 1.
pub fn readable_csv(lineups: &[Lineup]) -> String {
    let mut out = String::from("lineup,slot,id,name,team,position,salary,projection\n");
    for (k, l) in lineups.iter().enumerate() {
        for p in &l.players {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                k + 1,
                csv_field(&p.slot),
                csv_field(&p.id),
                csv_field(&p.name),
                csv_field(&p.team),
                csv_field(&p.position),
                p.salary,
                p.projection
            ));
        }
    }
    out
}
