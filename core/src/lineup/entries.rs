//! Entries files: the CSV a site gives for editing entries already made (DraftKings'
//! `DKEntries.csv`, FanDuel's entries export). Each row is an entry — its ID, contest and fee in
//! the leading columns, its lineup in the slot columns, blank for a reservation — and the
//! player pool sits to the right. Read against the slate, filled or late-swapped, and written
//! back with the leading columns untouched, the file uploads as edits of those very entries.
//! pydfs-lineup-optimizer reads the same files (`import_lineups`); this keeps what it drops.

use serde::{Deserialize, Serialize};

use super::error::LineupError;
use super::output::{Lineup, csv_field, extract_id, roster_csv, strip_locked};
use super::slate::Slate;

/// One entry of an entries file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Entry {
    /// 1-based line in the file.
    pub line: usize,
    /// The site's entry ID (`Entry ID`, `entry_id`).
    pub entry_id: String,
    /// `Contest Name`, when the file has it.
    pub contest_name: Option<String>,
    /// `Contest ID`, when the file has it.
    pub contest_id: Option<String>,
    /// `Entry Fee` as written (`$5`), when the file has it.
    pub entry_fee: Option<String>,
    /// The leading cells as in the file, written back unchanged.
    pub info: Vec<String>,
    /// The entry's lineup; `None` for a reservation (blank slots).
    pub lineup: Option<Lineup>,
    /// IDs of the players DraftKings marked ` (LOCKED)`: their games have started.
    pub locked: Vec<String>,
}

/// An entries file: its leading column names and its entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct EntriesFile {
    /// The columns before the slots, as named in the file.
    pub columns: Vec<String>,
    /// The entries in file order.
    pub entries: Vec<Entry>,
}

fn normalized(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

impl EntriesFile {
    /// Reads an entries file against the slate (which [`Slate::from_csv_str`] reads from the
    /// same file's player pool). Rows without an entry ID (the pool's) are skipped; an entry
    /// with some slots blank and others filled is refused with its line.
    ///
    /// ```
    /// use edgekit::lineup::{EntriesFile, Site, Slate, Sport};
    ///
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
    ///     "/../examples/data/lineup/dk_nba_entries_2019-01-18_bobbymay.csv")).unwrap();
    /// let slate = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None)?;
    /// let file = EntriesFile::read(&slate, &text)?;
    /// assert_eq!(file.columns, ["Entry ID", "Contest Name", "Contest ID", "Entry Fee"]);
    /// assert_eq!(file.entries.len(), 9);
    /// assert_eq!(file.entries[0].entry_fee.as_deref(), Some("$0.25"));
    /// # Ok::<(), edgekit::lineup::LineupError>(())
    /// ```
    pub fn read(slate: &Slate, text: &str) -> Result<EntriesFile, LineupError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => {
                return Err(LineupError::Csv {
                    line: 1,
                    message: e.to_string(),
                });
            }
            None => {
                return Err(LineupError::Csv {
                    line: 1,
                    message: "the file is empty".into(),
                });
            }
        };
        let names: Vec<&str> = slate.roster.slots.iter().map(|s| s.name).collect();
        let start = (0..header.len())
            .find(|&c| {
                names
                    .iter()
                    .enumerate()
                    .all(|(k, n)| header.get(c + k).is_some_and(|h| h.trim() == *n))
            })
            .ok_or_else(|| LineupError::MissingColumn {
                column: names.join(","),
                site: "entries",
                expected: "the entry columns, then the roster's slot labels as consecutive columns",
            })?;
        let columns: Vec<String> = (0..start).map(|c| header[c].trim().to_owned()).collect();
        let find = |wanted: &[&str]| {
            columns
                .iter()
                .position(|c| wanted.contains(&normalized(c).as_str()))
        };
        let id_col =
            find(&["entry_id", "entryid", "entry"]).ok_or_else(|| LineupError::MissingColumn {
                column: "Entry ID".into(),
                site: "entries",
                expected: "Entry ID (DraftKings) or entry_id (FanDuel) before the slots",
            })?;
        let (name_col, contest_col, fee_col) = (
            find(&["contest_name"]),
            find(&["contest_id"]),
            find(&["entry_fee"]),
        );
        let mut entries = Vec::new();
        for (k, record) in records.enumerate() {
            let line = k + 2;
            let record = record.map_err(|e| LineupError::Csv {
                line,
                message: e.to_string(),
            })?;
            let cell = |c: usize| record.get(c).unwrap_or("").trim();
            let entry_id = cell(id_col);
            if entry_id.is_empty() {
                continue;
            }
            crate::limits::check_count(
                "entries",
                entries.len() + 1,
                0,
                crate::limits::MAX_LINEUPS,
            )?;
            let slots: Vec<&str> = (start..start + names.len()).map(cell).collect();
            let filled = slots.iter().filter(|s| !s.is_empty()).count();
            let (lineup, locked) = if filled == 0 {
                (None, Vec::new())
            } else if filled < slots.len() {
                return Err(LineupError::Csv {
                    line,
                    message: format!(
                        "entry {entry_id} fills {filled} of its {} slots: fill all or none",
                        slots.len()
                    ),
                });
            } else {
                let locked = slots
                    .iter()
                    .filter(|s| strip_locked(s).1)
                    .map(|s| extract_id(s).to_owned())
                    .collect();
                let lineup = Lineup::from_ids(slate, &slots).map_err(|e| LineupError::Csv {
                    line,
                    message: format!("entry {entry_id}: {e}"),
                })?;
                (Some(lineup), locked)
            };
            let optional =
                |c: Option<usize>| c.map(cell).filter(|s| !s.is_empty()).map(str::to_owned);
            entries.push(Entry {
                line,
                entry_id: entry_id.to_owned(),
                contest_name: optional(name_col),
                contest_id: optional(contest_col),
                entry_fee: optional(fee_col),
                info: (0..start).map(|c| cell(c).to_owned()).collect(),
                lineup,
                locked,
            });
        }
        Ok(EntriesFile { columns, entries })
    }

    /// The upload that edits these entries: the leading columns as read, then each entry's
    /// lineup as IDs (a reservation still without a lineup keeps its slots blank).
    pub fn to_csv(&self, slate: &Slate) -> String {
        let header = self
            .columns
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",");
        roster_csv(
            slate,
            &header,
            "",
            self.entries.iter().map(|e| e.lineup.as_ref()),
            |k, out| {
                for (j, c) in self.entries[k].info.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    out.push_str(&csv_field(c));
                }
            },
            |_, _| {},
        )
    }
}

/// `file` with new lineups in its entries, in order: the `n`-th lineup goes to the `n`-th entry
/// (entries past the lineups keep theirs; more lineups than entries is refused). Written with
/// [`EntriesFile::to_csv`], it uploads as edits of those entries.
pub fn fill_entries(file: &EntriesFile, lineups: &[Lineup]) -> Result<EntriesFile, LineupError> {
    if lineups.len() > file.entries.len() {
        return Err(LineupError::Unsupported(format!(
            "{} lineups for {} entries",
            lineups.len(),
            file.entries.len()
        )));
    }
    let mut out = file.clone();
    for (e, l) in out.entries.iter_mut().zip(lineups) {
        e.lineup = Some(l.clone());
        e.locked.retain(|id| l.players.iter().any(|p| &p.id == id));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lineup::{Site, Sport};

    const PATH: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/lineup/dk_nba_entries_2019-01-18_bobbymay.csv"
    );

    #[test]
    fn the_pool_and_the_entries_come_out_of_one_file() {
        let text = std::fs::read_to_string(PATH).unwrap();
        let slate = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None).unwrap();
        assert_eq!(slate.players.len(), 241 - 7);
        assert_eq!(slate.players[0].name, "Anthony Davis");
        assert_eq!(slate.players[0].line, 9);
        let file = EntriesFile::read(&slate, &text).unwrap();
        assert_eq!(file.entries.len(), 9);
        let e = &file.entries[0];
        assert_eq!(e.entry_id, "1375294759");
        assert_eq!(e.contest_id.as_deref(), Some("68196406"));
        let l = e.lineup.as_ref().unwrap();
        assert_eq!(l.players[0].name, "Shai Gilgeous-Alexander");
        assert_eq!(l.players[7].id, "11971860");
        let back = file.to_csv(&slate);
        let again = EntriesFile::read(&slate, &back).unwrap();
        for (a, b) in file.entries.iter().zip(&again.entries) {
            assert_eq!((&a.info, &a.lineup), (&b.info, &b.lineup));
        }
    }

    #[test]
    fn new_lineups_fill_the_entries_in_order() {
        let text = std::fs::read_to_string(PATH).unwrap();
        let slate = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None).unwrap();
        let file = EntriesFile::read(&slate, &text).unwrap();
        let lineups =
            crate::lineup::optimize(&slate, 10, &crate::lineup::Rules::default(), None).unwrap();
        assert!(fill_entries(&file, &lineups).is_err());
        let filled = fill_entries(&file, &lineups[..9]).unwrap();
        let back = EntriesFile::read(&slate, &filled.to_csv(&slate)).unwrap();
        let ids: Vec<_> = back.entries.iter().map(|e| e.entry_id.clone()).collect();
        let before: Vec<_> = file.entries.iter().map(|e| e.entry_id.clone()).collect();
        assert_eq!(ids, before);
        for (e, l) in back.entries.iter().zip(&lineups) {
            assert_eq!(e.lineup.as_ref(), Some(l));
        }
    }

    #[test]
    fn mangled_files_give_entries_or_a_refusal() {
        let text = std::fs::read_to_string(PATH).unwrap();
        let slate = Slate::from_csv_str(&text, Site::DraftKings, Sport::Nba, None).unwrap();
        let mut rng = fastrand::Rng::with_seed(3);
        let junk = [
            "",
            ",",
            "\"",
            "\n",
            "(LOCKED)",
            " (",
            ")",
            "é",
            "Entry ID",
            "TeamAbbrev",
            ":",
        ];
        for _ in 0..300 {
            let mut bytes: Vec<char> = text.chars().collect();
            for _ in 0..rng.usize(1..6) {
                let at = rng.usize(..bytes.len());
                match rng.u8(..3) {
                    0 => bytes.truncate(at),
                    1 => {
                        let end = (at + rng.usize(..40)).min(bytes.len());
                        bytes.drain(at..end);
                    }
                    _ => {
                        let piece = junk[rng.usize(..junk.len())];
                        for (k, c) in piece.chars().enumerate() {
                            bytes.insert(at + k, c);
                        }
                    }
                }
                if bytes.is_empty() {
                    break;
                }
            }
            let mangled: String = bytes.into_iter().collect();
            let _ = EntriesFile::read(&slate, &mangled);
            let _ = Slate::from_csv_str(&mangled, Site::DraftKings, Sport::Nba, None);
        }
    }
}
