//! A slate: the player pool of one contest, read from the site's own salary CSV.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::LineupError;
use super::roster::{Contest, Roster, Site, Sport};
use super::site_files::{Header, draftkings, embedded_pool, fanduel, field, shift_lines, yahoo};

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
    /// The player is a confirmed starter (the `min_starters` rule counts them).
    pub confirmed_starter: Option<bool>,
}

/// A contest's player pool with its roster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slate {
    /// The roster template in force.
    pub roster: Roster,
    /// Players in file order.
    pub players: Vec<Player>,
}

pub(crate) fn site_name(site: Site) -> &'static str {
    match site {
        Site::DraftKings => "DraftKings",
        Site::FanDuel => "FanDuel",
        Site::Yahoo => "Yahoo",
    }
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
        let contest = contest.unwrap_or_else(|| detect(site, sport, &players));
        let roster = Roster::of(site, sport, contest)?;
        // Sites name the plain single-game slots FLEX or UTIL from one season to the next; a
        // row names the roster's own.
        let flex = |n: &str| matches!(n, "FLEX" | "UTIL");
        if let Some(own) = roster.slots.iter().map(|s| s.name).find(|n| flex(n)) {
            for p in &mut players {
                if let Some(rs) = &mut p.roster_slot
                    && flex(rs)
                {
                    *rs = own.to_owned();
                }
            }
        }
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
                expected: "id or name, projection [, team, floor, ceiling, std, ownership, min_exposure, max_exposure, batting_order, confirmed_starter]",
            });
        };
        if id_col.is_none() && name_col.is_none() {
            return Err(LineupError::MissingColumn {
                column: "id".into(),
                site: "projections",
                expected: "id or name, projection [, team, floor, ceiling, std, ownership, min_exposure, max_exposure, batting_order, confirmed_starter]",
            });
        }
        let order_col = find(&["batting_order", "order", "roster_order", "lineup_order"]);
        let starter_col = find(&["confirmed_starter", "is_confirmed_starter", "starter"]);
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
            if let Some(c) = starter_col {
                extra.confirmed_starter = match field(&r, c).trim().to_ascii_lowercase().as_str() {
                    "" => None,
                    "1" | "true" | "yes" | "y" | "x" | "confirmed" => Some(true),
                    "0" | "false" | "no" | "n" => Some(false),
                    _ => {
                        return Err(LineupError::BadValue {
                            line,
                            column: "confirmed_starter".into(),
                            value: field(&r, c).to_owned(),
                            reason: "must be yes/no, true/false, 1/0 or blank".into(),
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

fn detect(site: Site, sport: Sport, players: &[Player]) -> Contest {
    let single_game = || {
        let mut games = players.iter().filter_map(|p| p.game.as_deref());
        let first = games.next();
        first.is_some() && games.all(|g| Some(g) == first)
    };
    match site {
        // League of Legends' classic has a captain too.
        Site::DraftKings
            if players
                .iter()
                .any(|p| p.roster_slot.as_deref() == Some("CPT"))
                && !Roster::of(site, sport, Contest::Classic)
                    .is_ok_and(|r| r.slots.iter().any(|s| s.name == "CPT")) =>
        {
            Contest::Showdown
        }
        Site::FanDuel if single_game() => Contest::Showdown,
        _ => Contest::Classic,
    }
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
