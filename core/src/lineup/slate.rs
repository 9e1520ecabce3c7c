//! A slate: the player pool of one contest, read from the site's own salary CSV.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::LineupError;
use super::roster::{Contest, Roster, Site, Sport};

/// One player (for DraftKings showdown, one row: the captain and flex rows of a player are two
/// entries with their own IDs and salaries).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Player {
    /// The site's ID (what the upload file needs).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Positions the player is listed at ("RB", or "PG/SG").
    pub positions: Vec<String>,
    /// Team abbreviation.
    pub team: String,
    /// Opponent, when the file says.
    pub opponent: Option<String>,
    /// Game key, e.g. "NYG@DAL".
    pub game: Option<String>,
    /// Salary.
    pub salary: u32,
    /// Points: the file's average until a projection is merged.
    pub projection: f64,
    /// Injury status (FanDuel's `Injury Indicator`: O, IR, Q, D...).
    pub injury: Option<String>,
    /// DraftKings showdown: the roster slot this row is for ("CPT" or "FLEX").
    pub roster_slot: Option<String>,
    /// When the player's game starts, in Unix seconds (DraftKings' `Game Info`, a record's
    /// `starts_at`); late swap locks the player from then on.
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub starts_at: Option<i64>,
    /// The file lists the game as under way or over (`In Progress`, `Final`).
    pub game_started: bool,
    /// 1-based line in the source file.
    pub line: usize,
    /// Projection details merged from a projections file.
    #[serde(flatten)]
    pub extra: Projection,
}

/// What a projections file may add beyond the projection itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct Projection {
    /// Low outcome (e.g. 10th percentile).
    pub floor: Option<f64>,
    /// High outcome (e.g. 90th percentile).
    pub ceiling: Option<f64>,
    /// Standard deviation of the points.
    pub std: Option<f64>,
    /// Projected ownership, 0–100.
    pub ownership: Option<f64>,
    /// Least share of lineups to use the player in, 0–1.
    pub min_exposure: Option<f64>,
    /// Most share of lineups to use the player in, 0–1.
    pub max_exposure: Option<f64>,
    /// Baseball: the player's spot in the batting order, 1–9 (spaced team stacks use it).
    pub batting_order: Option<u8>,
}

/// A contest's player pool with its roster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slate {
    /// The roster template in force.
    pub roster: Roster,
    /// Players in file order.
    pub players: Vec<Player>,
}

/// Column positions found in a header (case-sensitive, as the sites write them).
struct Header(HashMap<String, usize>);

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

fn site_name(site: Site) -> &'static str {
    match site {
        Site::DraftKings => "DraftKings",
        Site::FanDuel => "FanDuel",
        Site::Yahoo => "Yahoo",
    }
}

const DK_COLUMNS: &str = "Position, Name + ID, Name, ID, Roster Position, Salary, Game Info, TeamAbbrev, AvgPointsPerGame";
const FD_COLUMNS: &str = "Id, Position, Nickname (or First Name + Last Name), FPPG, Salary, Game, Team, Opponent, Injury Indicator";
const YAHOO_COLUMNS: &str =
    "ID, First Name, Last Name, Position, Team, Opponent, Game, Salary, FPPG";

fn salary(line: usize, column: &str, text: &str) -> Result<u32, LineupError> {
    let cleaned = text.trim().trim_start_matches('$').replace(',', "");
    cleaned.parse::<u32>().map_err(|_| LineupError::BadValue {
        line,
        column: column.to_owned(),
        value: text.to_owned(),
        reason: "a salary must be a whole, non-negative number".into(),
    })
}

fn points(line: usize, column: &str, text: &str) -> Result<f64, LineupError> {
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
/// export): the block to the right of the entries whose header row holds the salary file's
/// columns, as a salary CSV of its own, and the line before its header. `None` for a file
/// that is not an entries file.
fn embedded_pool(text: &str) -> Result<Option<(String, usize)>, LineupError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let is_entries = match records.next() {
        Some(Ok(first)) => first
            .iter()
            .any(|c| matches!(c.trim(), "Entry ID" | "entry_id")),
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
fn shift_lines(e: LineupError, by: usize) -> LineupError {
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

/// "NYG@DAL 09/08/2019 04:25PM ET" → ("NYG@DAL", away, home).
fn game_key(info: &str) -> Option<(String, String, String)> {
    let key = info.split_whitespace().next()?;
    let (away, home) = key.split_once('@')?;
    Some((key.to_owned(), away.to_owned(), home.to_owned()))
}

impl Slate {
    /// Reads a site's salary CSV as exported. The contest is detected (DraftKings: `CPT`
    /// roster positions; FanDuel: a single game) unless given.
    ///
    /// ```
    /// use edgekit::lineup::{Site, Slate, Sport, Contest};
    ///
    /// let csv = "Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame\n\
    ///            QB,A (1),A,1,QB,6000,NYG@DAL 09/08/2019 04:25PM ET,DAL,20.5\n";
    /// let slate = Slate::from_csv_str(csv, Site::DraftKings, Sport::Nfl, None)?;
    /// assert_eq!(slate.roster.contest, Contest::Classic);
    /// assert_eq!(slate.players[0].opponent.as_deref(), Some("NYG"));
    /// # Ok::<(), edgekit::lineup::LineupError>(())
    /// ```
    pub fn from_csv_str(
        text: &str,
        site: Site,
        sport: Sport,
        contest: Option<Contest>,
    ) -> Result<Slate, LineupError> {
        if let Some((pool, offset)) = embedded_pool(text)? {
            return Slate::from_csv_str(&pool, site, sport, contest)
                .map(|mut slate| {
                    for p in &mut slate.players {
                        p.line += offset;
                    }
                    slate
                })
                .map_err(|e| shift_lines(e, offset));
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = Header(
            reader
                .headers()
                .map_err(|e| LineupError::Csv {
                    line: 1,
                    message: e.to_string(),
                })?
                .iter()
                .enumerate()
                .map(|(i, h)| (h.trim().to_owned(), i))
                .collect(),
        );
        let mut rows = Vec::new();
        for (k, record) in reader.records().enumerate() {
            let line = k + 2;
            let record = record.map_err(|e| LineupError::Csv {
                line: e.position().map_or(line, |p| p.line() as usize),
                message: e.to_string(),
            })?;
            rows.push((line, record));
        }
        let players = match site {
            Site::DraftKings => draftkings(&header, &rows)?,
            Site::FanDuel => fanduel(&header, &rows, site)?,
            Site::Yahoo => yahoo(&header, &rows)?,
        };
        Slate::assemble(players, site, sport, contest)
    }

    /// The slate of `players` (from a file or from records): the contest detected unless
    /// given, every position known to the roster, every ID (per roster slot) once.
    pub(crate) fn assemble(
        mut players: Vec<Player>,
        site: Site,
        sport: Sport,
        contest: Option<Contest>,
    ) -> Result<Slate, LineupError> {
        let contest = contest.unwrap_or_else(|| detect(site, &players));
        let roster = Roster::of(site, sport, contest)?;
        for p in &mut players {
            for pos in &p.positions {
                if !roster.positions.contains(&pos.as_str()) {
                    return Err(LineupError::UnknownPosition {
                        line: p.line,
                        position: pos.clone(),
                        site: site_name(site),
                        sport: sport.as_str(),
                        expected: roster.positions.join(", "),
                    });
                }
            }
        }
        let mut seen: HashMap<(String, Option<String>), usize> = HashMap::new();
        for p in &players {
            if let Some(&first_line) = seen.get(&(p.id.clone(), p.roster_slot.clone())) {
                return Err(LineupError::DuplicateId {
                    line: p.line,
                    id: p.id.clone(),
                    first_line,
                });
            }
            seen.insert((p.id.clone(), p.roster_slot.clone()), p.line);
        }
        Ok(Slate { roster, players })
    }

    /// [`Slate::from_csv_str`] on a file.
    pub fn from_csv_path(
        path: impl AsRef<std::path::Path>,
        site: Site,
        sport: Sport,
        contest: Option<Contest>,
    ) -> Result<Slate, LineupError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| LineupError::Csv {
            line: 0,
            message: format!("{}: {e}", path.display()),
        })?;
        Slate::from_csv_str(&text, site, sport, contest)
    }
}

/// How a projections file matched the slate.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct MergeReport {
    /// Rows applied.
    pub matched: usize,
    /// (line, key) of rows that match no player in the slate.
    pub unmatched: Vec<(usize, String)>,
    /// Slate players the file did not mention (their projection is unchanged).
    pub missing: usize,
}

/// A comparable name: lower case, letters and digits only, without Jr/Sr/II/III/IV/V suffixes.
pub(crate) fn name_key(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let suffix = |w: &str| matches!(w, "jr" | "sr" | "ii" | "iii" | "iv" | "v");
    let keep = match words.split_last() {
        Some((last, rest)) if suffix(last) && !rest.is_empty() => rest,
        _ => &words[..],
    };
    keep.join(" ")
}

impl Slate {
    /// Merges a projections CSV: rows match players by an `id` column when the file has one,
    /// else by name (case, punctuation and Jr/II suffixes ignored; a `team` column separates
    /// namesakes). `projection` (or `proj`, `fpts`, `points`) replaces the file's average;
    /// optional `floor`, `ceiling`, `std`, `ownership`, `min_exposure`, `max_exposure`. Every
    /// row of a player (DraftKings showdown's CPT and FLEX rows) gets the same values; the
    /// captain multiplier is the roster's. A name matching two players without a team to
    /// tell them apart is refused with the line.
    ///
    /// ```
    /// use edgekit::lineup::{Site, Slate, Sport};
    ///
    /// let csv = "Position,Name + ID,Name,ID,Roster Position,Salary,Game Info,TeamAbbrev,AvgPointsPerGame\n\
    ///            QB,A J. Smith Jr. (1),A.J. Smith Jr.,1,QB,6000,NYG@DAL 09/08/2019 04:25PM ET,DAL,20.5\n";
    /// let mut slate = Slate::from_csv_str(csv, Site::DraftKings, Sport::Nfl, None)?;
    /// let report = slate.merge_projections_str("name,projection,ceiling\nAJ Smith,22.5,35\n")?;
    /// assert_eq!((report.matched, slate.players[0].projection), (1, 22.5));
    /// assert_eq!(slate.players[0].extra.ceiling, Some(35.0));
    /// # Ok::<(), edgekit::lineup::LineupError>(())
    /// ```
    pub fn merge_projections_str(&mut self, text: &str) -> Result<MergeReport, LineupError> {
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = normalized_headers(&mut reader)?;
        let find = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| headers.iter().position(|h| h == n))
        };
        let id_col = find(&["id", "player_id", "playerid", "dk_id", "fd_id"]);
        let name_col = find(&["name", "player", "player_name", "nickname"]);
        let team_col = find(&["team", "teamabbrev"]);
        let projection_col = find(&["projection", "proj", "fpts", "points", "projected_points"]);
        let Some(projection_col) = projection_col else {
            return Err(LineupError::MissingColumn {
                column: "projection".into(),
                site: "projections",
                expected: "id or name, projection [, team, floor, ceiling, std, ownership, min_exposure, max_exposure, batting_order]",
            });
        };
        if id_col.is_none() && name_col.is_none() {
            return Err(LineupError::MissingColumn {
                column: "id".into(),
                site: "projections",
                expected: "id or name, projection [, team, floor, ceiling, std, ownership, min_exposure, max_exposure, batting_order]",
            });
        }
        let order_col = find(&["batting_order", "order", "roster_order", "lineup_order"]);
        let optional = [
            "floor",
            "ceiling",
            "std",
            "ownership",
            "min_exposure",
            "max_exposure",
        ]
        .map(|n| (n, find(&[n])));
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in self.players.iter().enumerate() {
            by_id.entry(p.id.as_str()).or_default().push(i);
            by_name.entry(name_key(&p.name)).or_default().push(i);
        }
        let mut report = MergeReport::default();
        let mut updates: Vec<(Vec<usize>, f64, Projection)> = Vec::new();
        for (k, record) in reader.records().enumerate() {
            let line = k + 2;
            let r = record.map_err(|e| LineupError::Csv {
                line,
                message: e.to_string(),
            })?;
            let number = |col: usize, name: &str| -> Result<Option<f64>, LineupError> {
                let t = field(&r, col);
                if t.is_empty() {
                    return Ok(None);
                }
                match t.trim_end_matches('%').parse::<f64>() {
                    Ok(x) if x.is_finite() => Ok(Some(x)),
                    _ => Err(LineupError::BadValue {
                        line,
                        column: name.to_owned(),
                        value: t.to_owned(),
                        reason: "must be a finite number".into(),
                    }),
                }
            };
            let Some(projection) = number(projection_col, "projection")? else {
                continue;
            };
            let (key, rows) = match (id_col, name_col) {
                (Some(c), _) if !field(&r, c).is_empty() => {
                    let id = field(&r, c);
                    (id.to_owned(), by_id.get(id).cloned().unwrap_or_default())
                }
                (_, Some(c)) => {
                    let name = field(&r, c);
                    let mut rows = by_name.get(&name_key(name)).cloned().unwrap_or_default();
                    if let Some(t) = team_col.map(|t| field(&r, t)).filter(|t| !t.is_empty()) {
                        rows.retain(|&i| self.players[i].team.eq_ignore_ascii_case(t));
                    }
                    let distinct: std::collections::BTreeSet<&str> = rows
                        .iter()
                        .map(|&i| self.players[i].name.as_str())
                        .collect();
                    let teams: std::collections::BTreeSet<&str> = rows
                        .iter()
                        .map(|&i| self.players[i].team.as_str())
                        .collect();
                    if teams.len() > 1 || distinct.len() > 1 {
                        return Err(LineupError::BadValue {
                            line,
                            column: "name".into(),
                            value: name.to_owned(),
                            reason: format!(
                                "matches players on {}; add a team column",
                                teams.into_iter().collect::<Vec<_>>().join(" and ")
                            ),
                        });
                    }
                    (name.to_owned(), rows)
                }
                _ => continue,
            };
            if rows.is_empty() {
                report.unmatched.push((line, key));
                continue;
            }
            let mut extra = Projection::default();
            for (name, col) in optional {
                let value = match col {
                    Some(c) => number(c, name)?,
                    None => None,
                };
                match name {
                    "floor" => extra.floor = value,
                    "ceiling" => extra.ceiling = value,
                    "std" => extra.std = value,
                    "ownership" => extra.ownership = value,
                    "min_exposure" => extra.min_exposure = value,
                    _ => extra.max_exposure = value,
                }
            }
            if let Some(c) = order_col {
                extra.batting_order = match number(c, "batting_order")? {
                    None => None,
                    Some(x) if x.fract() == 0.0 && (1.0..=9.0).contains(&x) => Some(x as u8),
                    Some(_) => {
                        return Err(LineupError::BadValue {
                            line,
                            column: "batting_order".into(),
                            value: field(&r, c).to_owned(),
                            reason: "must be a whole number from 1 to 9".into(),
                        });
                    }
                };
            }
            report.matched += 1;
            updates.push((rows, projection, extra));
        }
        let mut touched = vec![false; self.players.len()];
        for (rows, projection, extra) in updates {
            for i in rows {
                let player = &mut self.players[i];
                player.projection = projection;
                // A salary file's own batting order (FanDuel MLB) stays unless the file has one.
                let order = extra.batting_order.or(player.extra.batting_order);
                player.extra = extra.clone();
                if order_col.is_none() {
                    player.extra.batting_order = order;
                }
                touched[i] = true;
            }
        }
        report.missing = touched.iter().filter(|t| !**t).count();
        Ok(report)
    }
}

fn detect(site: Site, players: &[Player]) -> Contest {
    let single_game = || {
        let mut games = players.iter().filter_map(|p| p.game.as_deref());
        let first = games.next();
        first.is_some() && games.all(|g| Some(g) == first)
    };
    match site {
        Site::DraftKings
            if players
                .iter()
                .any(|p| p.roster_slot.as_deref() == Some("CPT")) =>
        {
            Contest::Showdown
        }
        Site::FanDuel if single_game() => Contest::Showdown,
        _ => Contest::Classic,
    }
}

type Rows = [(usize, csv::StringRecord)];

fn field(record: &csv::StringRecord, i: usize) -> &str {
    record.get(i).unwrap_or("").trim()
}

fn draftkings(h: &Header, rows: &Rows) -> Result<Vec<Player>, LineupError> {
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
                roster_slot: matches!(slot, "CPT" | "FLEX" | "UTIL").then(|| slot.to_owned()),
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

fn fanduel(h: &Header, rows: &Rows, site: Site) -> Result<Vec<Player>, LineupError> {
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

fn yahoo(h: &Header, rows: &Rows) -> Result<Vec<Player>, LineupError> {
    let need = |c: &str| h.need(c, Site::Yahoo, YAHOO_COLUMNS);
    // Checked in the order the format lists them, so the first missing one is reported.
    let (id, first, last, position, team, salary, points) = (
        need("ID")?,
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

/// A CSV's column names, trimmed, lower case, spaces and dashes as underscores, so
/// `Min Rank`, `min-rank` and `min_rank` name the same column.
pub(crate) fn normalized_headers<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
) -> Result<Vec<String>, LineupError> {
    Ok(reader
        .headers()
        .map_err(|e| LineupError::Csv {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase().replace([' ', '-'], "_"))
        .collect())
}
