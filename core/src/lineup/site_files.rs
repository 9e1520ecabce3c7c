//! The sites' salary files as exported: DraftKings', FanDuel's and Yahoo's columns read into
//! players (every malformed field named by line), DraftKings' `Game Info` parsed for the game
//! and its start, and the player pool found inside an entries file.

use std::collections::HashMap;

use super::error::LineupError;
use super::roster::Site;
use super::slate::{Player, Projection, site_name};

/// Column positions found in a header (case-sensitive, as the sites write them).
pub(crate) struct Header(pub(crate) HashMap<String, usize>);

impl Header {
    fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.0.get(*n).copied())
    }

    fn need(&self, name: &str, site: Site, expected: &'static str) -> Result<usize, LineupError> {
        self.find(&[name])
            .ok_or_else(|| LineupError::MissingColumn {
                column: name.to_owned(),
                site: site_name(site),
                expected,
            })
    }
}

const DK_COLUMNS: &str = "Position, Name + ID, Name, ID, Roster Position, Salary, Game Info, TeamAbbrev, AvgPointsPerGame";
const FD_COLUMNS: &str = "Id, Position, Nickname (or First Name + Last Name), FPPG, Salary, Game, Team, Opponent, Injury Indicator";
const YAHOO_COLUMNS: &str =
    "ID, First Name, Last Name, Position, Team, Opponent, Game, Salary, FPPG";

pub(crate) fn salary(line: usize, column: &str, text: &str) -> Result<u32, LineupError> {
    let cleaned = text.trim().trim_start_matches('$').replace(',', "");
    cleaned.parse::<u32>().map_err(|_| LineupError::BadValue {
        line,
        column: column.to_owned(),
        value: text.to_owned(),
        reason: "a salary must be a whole, non-negative number".into(),
    })
}

pub(crate) fn points(line: usize, column: &str, text: &str) -> Result<f64, LineupError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0.0);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(LineupError::BadValue {
            line,
            column: column.to_owned(),
            value: text.to_owned(),
            reason: "points must be a finite number".into(),
        }),
    }
}

/// The player pool inside an entries file (DraftKings' `DKEntries.csv`, FanDuel's entries
/// export) or beside DraftKings' upload template: the block to the right of the entries whose header row holds the salary file's
/// columns, as a salary CSV of its own, and the line before its header. `None` for a file
/// that is not an entries file.
pub(crate) fn embedded_pool(text: &str) -> Result<Option<(String, usize)>, LineupError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let is_entries = match records.next() {
        // An entries file, or the salary file DraftKings exports with the upload template
        // (slot names and an `Instructions` column) to the left of the pool.
        Some(Ok(first)) => first
            .iter()
            .any(|c| matches!(c.trim(), "Entry ID" | "entry_id" | "Instructions")),
        _ => false,
    };
    if !is_entries {
        return Ok(None);
    }
    let csv_error = |line: usize, e: csv::Error| LineupError::Csv {
        line,
        message: e.to_string(),
    };
    let mut block: Option<(usize, usize, usize)> = None; // (first column, width, header line)
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for (k, record) in records.enumerate() {
        let line = k + 2;
        let record = record.map_err(|e| csv_error(line, e))?;
        match block {
            None => {
                let Some(key) = record
                    .iter()
                    .position(|c| matches!(c.trim(), "TeamAbbrev" | "FPPG"))
                else {
                    continue;
                };
                // The header is the run of filled cells around the key column.
                let start = (0..key)
                    .rev()
                    .find(|&c| record[c].trim().is_empty())
                    .map_or(0, |c| c + 1);
                let end = (key..record.len())
                    .find(|&c| record[c].trim().is_empty())
                    .unwrap_or(record.len());
                writer
                    .write_record(record.iter().skip(start).take(end - start))
                    .map_err(|e| csv_error(line, e))?;
                block = Some((start, end - start, line));
            }
            Some((start, width, _)) => {
                if record.get(start).is_none_or(|c| c.trim().is_empty()) {
                    break;
                }
                let cells = (start..start + width).map(|c| record.get(c).unwrap_or(""));
                writer.write_record(cells).map_err(|e| csv_error(line, e))?;
            }
        }
    }
    let Some((_, _, header_line)) = block else {
        return Err(LineupError::MissingColumn {
            column: "TeamAbbrev (DraftKings) or FPPG (FanDuel)".into(),
            site: "entries",
            expected: "the player pool to the right of the entries, under the salary file's header",
        });
    };
    let bytes = writer.into_inner().map_err(|e| LineupError::Csv {
        line: header_line,
        message: e.to_string(),
    })?;
    let pool = String::from_utf8(bytes).map_err(|e| LineupError::Csv {
        line: header_line,
        message: e.to_string(),
    })?;
    Ok(Some((pool, header_line - 1)))
}

/// An error from the pool's own text, with its lines numbered as in the whole file.
pub(crate) fn shift_lines(e: LineupError, by: usize) -> LineupError {
    match e {
        LineupError::BadValue {
            line,
            column,
            value,
            reason,
        } => LineupError::BadValue {
            line: line + by,
            column,
            value,
            reason,
        },
        LineupError::DuplicateId {
            line,
            id,
            first_line,
        } => LineupError::DuplicateId {
            line: line + by,
            id,
            first_line: first_line + by,
        },
        LineupError::UnknownPosition {
            line,
            position,
            site,
            sport,
            expected,
        } => LineupError::UnknownPosition {
            line: line + by,
            position,
            site,
            sport,
            expected,
        },
        LineupError::Csv { line, message } => LineupError::Csv {
            line: line + by,
            message,
        },
        other => other,
    }
}

/// DraftKings writes these in `Game Info` once a game is under way or over.
fn is_under_way(info: &str) -> bool {
    ["In Progress", "Final", "Live"]
        .iter()
        .any(|s| info.eq_ignore_ascii_case(s))
}

/// "NYG@DAL 09/08/2019 04:25PM ET" → ("NYG@DAL", away, home); soccer's "VID vs CHE 12:55PM ET"
/// → ("VID vs CHE", "VID", "CHE"); tennis matchups keep their spaces.
fn game_key(info: &str) -> Option<(String, String, String)> {
    let key = super::times::split_game_info(info).0;
    let (away, home) = key.split_once('@').or_else(|| key.split_once(" vs "))?;
    let (away, home) = (away.trim(), home.trim());
    if away.is_empty() || home.is_empty() {
        return None;
    }
    Some((key.to_owned(), away.to_owned(), home.to_owned()))
}

type Rows = [(usize, csv::StringRecord)];

pub(crate) fn field(record: &csv::StringRecord, i: usize) -> &str {
    record.get(i).unwrap_or("").trim()
}

pub(crate) fn draftkings(h: &Header, rows: &Rows) -> Result<Vec<Player>, LineupError> {
    let site = Site::DraftKings;
    let [pos, name, id, roster, sal, game, team, avg] = [
        "Position",
        "Name",
        "ID",
        "Roster Position",
        "Salary",
        "Game Info",
        "TeamAbbrev",
        "AvgPointsPerGame",
    ]
    .map(|c| h.need(c, site, DK_COLUMNS));
    let (pos, name, id, roster, sal, game, team, avg) =
        (pos?, name?, id?, roster?, sal?, game?, team?, avg?);
    // In a file with captain rows every row is for one named slot (League of Legends' TOP,
    // JNG...; showdown's FLEX), so each keeps it; elsewhere a row lists every slot it may fill.
    let captains = rows.iter().any(|(_, r)| field(r, roster) == "CPT");
    rows.iter()
        .map(|(line, r)| {
            let line = *line;
            let team_name = field(r, team).to_owned();
            let parsed = game_key(field(r, game));
            let opponent = parsed.as_ref().map(|(_, away, home)| {
                if *away == team_name {
                    home.clone()
                } else {
                    away.clone()
                }
            });
            let slot = field(r, roster);
            let info = field(r, game);
            Ok(Player {
                id: field(r, id).to_owned(),
                name: field(r, name).to_owned(),
                positions: field(r, pos).split('/').map(str::to_owned).collect(),
                team: team_name,
                opponent,
                game: parsed.map(|(k, _, _)| k),
                salary: salary(line, "Salary", field(r, sal))?,
                projection: points(line, "AvgPointsPerGame", field(r, avg))?,
                injury: None,
                roster_slot: (matches!(slot, "CPT" | "FLEX" | "UTIL")
                    || (captains && !slot.is_empty() && !slot.contains('/')))
                .then(|| slot.to_owned()),
                starts_at: super::times::game_info_time(info),
                game_started: is_under_way(info),
                line,
                extra: Projection::default(),
            })
        })
        .collect()
}

/// Where FanDuel's and Yahoo's files keep the fields they share.
struct Listed {
    id: usize,
    position: usize,
    team: usize,
    salary: usize,
    points: usize,
    opponent: Option<usize>,
    game: Option<usize>,
    injury: Option<usize>,
    /// FanDuel MLB's `Batting Order` (0 or blank: not in a posted lineup).
    batting_order: Option<usize>,
}

impl Listed {
    fn player(
        &self,
        r: &csv::StringRecord,
        line: usize,
        name: String,
    ) -> Result<Player, LineupError> {
        let optional =
            |i: Option<usize>| i.map(|i| field(r, i).to_owned()).filter(|s| !s.is_empty());
        let batting_order = match self.batting_order.map(|i| field(r, i)) {
            None | Some("" | "0") => None,
            Some(t) => match t.parse::<u8>() {
                Ok(o @ 1..=9) => Some(o),
                _ => {
                    return Err(LineupError::BadValue {
                        line,
                        column: "Batting Order".into(),
                        value: t.to_owned(),
                        reason: "must be a whole number from 0 (none) to 9".into(),
                    });
                }
            },
        };
        Ok(Player {
            id: field(r, self.id).to_owned(),
            name,
            positions: field(r, self.position)
                .split('/')
                .map(str::to_owned)
                .collect(),
            team: field(r, self.team).to_owned(),
            opponent: optional(self.opponent),
            game: optional(self.game),
            salary: salary(line, "Salary", field(r, self.salary))?,
            projection: points(line, "FPPG", field(r, self.points))?,
            injury: optional(self.injury),
            roster_slot: None,
            starts_at: None,
            game_started: false,
            line,
            extra: Projection {
                batting_order,
                ..Projection::default()
            },
        })
    }
}

pub(crate) fn fanduel(h: &Header, rows: &Rows, site: Site) -> Result<Vec<Player>, LineupError> {
    let need = |c: &str| h.need(c, site, FD_COLUMNS);
    let (id, position, salary, points, team) = (
        need("Id")?,
        need("Position")?,
        need("Salary")?,
        need("FPPG")?,
        need("Team")?,
    );
    let listed = Listed {
        id,
        position,
        team,
        salary,
        points,
        opponent: h.find(&["Opponent"]),
        game: h.find(&["Game"]),
        injury: h.find(&["Injury Indicator"]),
        batting_order: h.find(&["Batting Order"]),
    };
    let nickname = h.find(&["Nickname"]);
    let (first, last) = (h.find(&["First Name"]), h.find(&["Last Name"]));
    if nickname.is_none() && (first.is_none() || last.is_none()) {
        return Err(LineupError::MissingColumn {
            column: "Nickname".into(),
            site: "FanDuel",
            expected: FD_COLUMNS,
        });
    }
    rows.iter()
        .map(|(line, r)| {
            let name = match nickname {
                Some(n) if !field(r, n).is_empty() => field(r, n).to_owned(),
                _ => format!(
                    "{} {}",
                    first.map_or("", |i| field(r, i)),
                    last.map_or("", |i| field(r, i))
                )
                .trim()
                .to_owned(),
            };
            listed.player(r, *line, name)
        })
        .collect()
}

pub(crate) fn yahoo(h: &Header, rows: &Rows) -> Result<Vec<Player>, LineupError> {
    let need = |c: &str| h.need(c, Site::Yahoo, YAHOO_COLUMNS);
    // Checked in the order the format lists them, so the first missing one is reported.
    // Yahoo's exports before 2016 spell the column "Id".
    let id = match h.find(&["Id"]) {
        Some(i) if h.find(&["ID"]).is_none() => i,
        _ => need("ID")?,
    };
    let (first, last, position, team, salary, points) = (
        need("First Name")?,
        need("Last Name")?,
        need("Position")?,
        need("Team")?,
        need("Salary")?,
        need("FPPG")?,
    );
    let listed = Listed {
        id,
        position,
        team,
        salary,
        points,
        opponent: h.find(&["Opponent"]),
        game: h.find(&["Game"]),
        injury: h.find(&["Injury Status"]),
        batting_order: None,
    };
    rows.iter()
        .map(|(line, r)| {
            let name = format!("{} {}", field(r, first), field(r, last))
                .trim()
                .to_owned();
            listed.player(r, *line, name)
        })
        .collect()
}
