//! Game results with closing lines, loaded from the spreadspoke NFL files.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::patterns::PatternError;

/// One team's identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    /// Franchise id, e.g. "KC" (a franchise keeps one id across names and cities).
    pub id: String,
    /// Conference, e.g. "AFC" (current alignment).
    pub conference: String,
    /// Division, e.g. "AFC West" (empty where the file has none).
    pub division: String,
}

/// One game. Scores are `None` for games not yet played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Game {
    /// Days since 1970-01-01.
    pub day: i32,
    /// Season (the year it started).
    pub season: i32,
    /// Week as the file writes it ("1" … "18", "Wildcard", "Division", "Conference", "Superbowl").
    pub week: String,
    /// A playoff game.
    pub playoff: bool,
    /// Index into [`GameLog::teams`].
    pub home: usize,
    /// Index into [`GameLog::teams`].
    pub away: usize,
    /// Home points.
    pub score_home: Option<f64>,
    /// Away points.
    pub score_away: Option<f64>,
    /// The favourite: `Some(team index)`, `None` for a pick'em or no line.
    pub favorite: Option<usize>,
    /// The favourite's spread (≤ 0), `None` when there is no line; 0 for a pick'em.
    pub spread: Option<f64>,
    /// The over/under line.
    pub total: Option<f64>,
    /// Played at a neutral site.
    pub neutral: bool,
}

/// A season of games (or many), in date order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GameLog {
    /// Teams referenced by index.
    pub teams: Vec<Team>,
    /// Games in date order.
    pub games: Vec<Game>,
    /// Rows of the file left out, with the reason (unplayed fixtures whose team the loader
    /// cannot identify); played games are never left out.
    pub skipped: Vec<(usize, String)>,
}

/// Splits one CSV line (quoted fields with doubled quotes allowed).
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(ch),
        }
    }
    fields.push(field);
    fields
}

/// Header and rows; lines may end in `\n`, `\r\n` or a bare `\r` (nfl_teams.csv uses `\r`).
/// The header and rows of a CSV text. Short rows are padded with empty fields to the header's
/// width: a truncated or hand-edited line is read with those values missing (an unplayed
/// fixture, or an error naming the line) instead of indexing past its end.
fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = text.split(['\n', '\r']).filter(|l| !l.trim().is_empty());
    let header = lines.next().map(split_csv).unwrap_or_default();
    let width = header.len();
    let rows = lines
        .map(|line| {
            let mut row = split_csv(line);
            if row.len() < width {
                row.resize(width, String::new());
            }
            row
        })
        .collect();
    (header, rows)
}

fn parse_date(text: &str) -> Option<i32> {
    let parts: Vec<&str> = text.split('/').collect();
    if parts.len() != 3 {
        return None;
    }
    let (m, d, y) = (
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1..=9999).contains(&y) {
        return None;
    }
    Some(crate::patterns::timeframes::days_from_civil(y, m, d))
}

/// Names and favourite ids the files use that `nfl_teams.csv` does not list, mapped to the
/// franchise id it does list.
const ALIASES: &[(&str, &str)] = &[
    ("Las Vegas Raiders", "OAK"),
    ("Las Vegas", "OAK"),
    ("LVR", "OAK"),
    ("LV", "OAK"),
    ("Washington Commanders", "WAS"),
    ("Washington Football Team", "WAS"),
    ("New England", "NE"),
    ("Tampa Bay", "TB"),
    ("NJY", "NYJ"),
];

/// Columns of a game table from any source (one entry per game). Team names are used as ids;
/// `favorite` names the favoured team (empty or "PICK" for none), `spread` is the favourite's
/// line (≤ 0), dates are days since 1970-01-01.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GameColumns {
    /// Days since 1970-01-01.
    pub day: Vec<i32>,
    /// Season.
    pub season: Vec<i32>,
    /// Home team.
    pub home: Vec<String>,
    /// Away team.
    pub away: Vec<String>,
    /// Home points (`None`: not played).
    pub score_home: Vec<Option<f64>>,
    /// Away points.
    pub score_away: Vec<Option<f64>>,
    /// Favourite's name, "PICK" or "" (no line).
    pub favorite: Vec<String>,
    /// Favourite's spread.
    pub spread: Vec<Option<f64>>,
    /// Over/under line.
    pub total: Vec<Option<f64>>,
    /// Week labels (optional: empty means none).
    pub week: Vec<String>,
    /// Playoff flags (optional).
    pub playoff: Vec<bool>,
    /// Neutral-site flags (optional).
    pub neutral: Vec<bool>,
}

impl GameLog {
    /// A log from columns; rows are sorted by day. Errors name the 0-based row.
    pub fn from_columns(c: &GameColumns) -> Result<GameLog, PatternError> {
        let n = c.day.len();
        let lengths = [
            ("season", c.season.len()),
            ("home", c.home.len()),
            ("away", c.away.len()),
            ("score_home", c.score_home.len()),
            ("score_away", c.score_away.len()),
            ("favorite", c.favorite.len()),
            ("spread", c.spread.len()),
            ("total", c.total.len()),
        ];
        for (name, len) in lengths {
            if len != n {
                return Err(PatternError::LengthMismatch {
                    first: "day",
                    first_len: n,
                    second: name,
                    second_len: len,
                });
            }
        }
        for (name, len) in [
            ("week", c.week.len()),
            ("playoff", c.playoff.len()),
            ("neutral", c.neutral.len()),
        ] {
            if len != 0 && len != n {
                return Err(PatternError::LengthMismatch {
                    first: "day",
                    first_len: n,
                    second: name,
                    second_len: len,
                });
            }
        }
        let mut log = GameLog::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut team = |name: &str, log: &mut GameLog| {
            *index.entry(name.to_owned()).or_insert_with(|| {
                log.teams.push(Team {
                    id: name.to_owned(),
                    conference: String::new(),
                    division: String::new(),
                });
                log.teams.len() - 1
            })
        };
        for i in 0..n {
            let bad = |reason: String| PatternError::InvalidGameRow { row: i, reason };
            for v in [c.score_home[i], c.score_away[i], c.spread[i], c.total[i]]
                .into_iter()
                .flatten()
            {
                if !v.is_finite() {
                    return Err(bad(format!("{v} is not a finite number")));
                }
            }
            if c.home[i].is_empty() || c.away[i].is_empty() || c.home[i] == c.away[i] {
                return Err(bad(format!(
                    "home {:?} and away {:?} must be two named teams",
                    c.home[i], c.away[i]
                )));
            }
            let (home, away) = (team(&c.home[i], &mut log), team(&c.away[i], &mut log));
            let favorite = match c.favorite[i].as_str() {
                "" | "PICK" => None,
                name if name == c.home[i] => Some(home),
                name if name == c.away[i] => Some(away),
                name => return Err(bad(format!("favourite {name:?} is not playing"))),
            };
            log.games.push(Game {
                day: c.day[i],
                season: c.season[i],
                week: c.week.get(i).cloned().unwrap_or_default(),
                playoff: c.playoff.get(i).copied().unwrap_or(false),
                home,
                away,
                score_home: c.score_home[i],
                score_away: c.score_away[i],
                favorite,
                spread: if c.favorite[i] == "PICK" {
                    Some(0.0)
                } else {
                    c.spread[i]
                },
                total: c.total[i],
                neutral: c.neutral.get(i).copied().unwrap_or(false),
            });
        }
        log.games.sort_by_key(|g| g.day);
        Ok(log)
    }

    /// Loads `spreadspoke_scores.csv` with its `nfl_teams.csv`. A played game naming an
    /// unknown team, or with an unreadable date, score or line, is an error naming the line.
    pub fn from_spreadspoke(scores: &str, teams: &str) -> Result<GameLog, PatternError> {
        let bad = |line: usize, reason: String| PatternError::InvalidGame { line, reason };
        let (team_header, team_rows) = table(teams);
        let column = |header: &[String], name: &str, file: &'static str| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| bad(1, format!("{file} has no column {name:?}")))
        };
        let (t_name, t_id, t_conf, t_div) = (
            column(&team_header, "team_name", "nfl_teams.csv")?,
            column(&team_header, "team_id", "nfl_teams.csv")?,
            column(&team_header, "team_conference", "nfl_teams.csv")?,
            column(&team_header, "team_division", "nfl_teams.csv")?,
        );
        let mut log = GameLog::default();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for row in &team_rows {
            let id = row[t_id].clone();
            let index = *by_id.entry(id.clone()).or_insert_with(|| {
                log.teams.push(Team {
                    id: id.clone(),
                    conference: row[t_conf].clone(),
                    division: row[t_div].clone(),
                });
                log.teams.len() - 1
            });
            if log.teams[index].division.is_empty() && !row[t_div].is_empty() {
                log.teams[index].division = row[t_div].clone();
            }
            by_name.insert(row[t_name].clone(), index);
        }
        let resolve = |key: &str| {
            by_name
                .get(key)
                .or_else(|| by_id.get(key))
                .copied()
                .or_else(|| {
                    ALIASES
                        .iter()
                        .find(|(alias, _)| *alias == key)
                        .and_then(|(_, id)| by_id.get(*id).copied())
                })
        };
        let (header, rows) = table(scores);
        let col = |name: &str| column(&header, name, "spreadspoke_scores.csv");
        let c = [
            col("schedule_date")?,
            col("schedule_season")?,
            col("schedule_week")?,
            col("schedule_playoff")?,
            col("team_home")?,
            col("score_home")?,
            col("score_away")?,
            col("team_away")?,
            col("team_favorite_id")?,
            col("spread_favorite")?,
            col("over_under_line")?,
            col("stadium_neutral")?,
        ];
        for (k, row) in rows.iter().enumerate() {
            let line = k + 2;
            let field = |i: usize| row.get(c[i]).map(String::as_str).unwrap_or("").trim();
            let number = |i: usize, what: &str| -> Result<Option<f64>, PatternError> {
                let text = field(i);
                if text.is_empty() {
                    return Ok(None);
                }
                text.parse::<f64>()
                    .map(Some)
                    .map_err(|_| bad(line, format!("{what} {text:?} is not a number")))
            };
            let score_home = number(5, "score_home")?;
            let score_away = number(6, "score_away")?;
            let played = score_home.is_some() && score_away.is_some();
            let (home, away) = (resolve(field(4)), resolve(field(7)));
            let (Some(home), Some(away)) = (home, away) else {
                let unknown = if home.is_none() { field(4) } else { field(7) };
                if played {
                    return Err(bad(
                        line,
                        format!("team {unknown:?} is not in nfl_teams.csv"),
                    ));
                }
                log.skipped.push((
                    line,
                    format!("unplayed fixture with unknown team {unknown:?}"),
                ));
                continue;
            };
            let day = parse_date(field(0))
                .ok_or_else(|| bad(line, format!("date {:?} is not M/D/YYYY", field(0))))?;
            let season = field(1)
                .parse()
                .map_err(|_| bad(line, format!("season {:?} is not a year", field(1))))?;
            let favorite_text = field(8);
            let favorite = match favorite_text {
                "" | "PICK" => None,
                id => Some(resolve(id).ok_or_else(|| {
                    bad(line, format!("favourite id {id:?} is not in nfl_teams.csv"))
                })?),
            };
            if let Some(f) = favorite
                && f != home
                && f != away
            {
                return Err(bad(
                    line,
                    format!("favourite {favorite_text:?} is not playing"),
                ));
            }
            let spread = number(9, "spread_favorite")?;
            log.games.push(Game {
                day,
                season,
                week: field(2).to_owned(),
                playoff: field(3).eq_ignore_ascii_case("true"),
                home,
                away,
                score_home,
                score_away,
                favorite,
                spread: if favorite_text == "PICK" {
                    Some(0.0)
                } else {
                    spread
                },
                total: number(10, "over_under_line")?,
                neutral: field(11).eq_ignore_ascii_case("true"),
            });
        }
        log.games.sort_by_key(|g| g.day);
        Ok(log)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_quoted_fields() {
        assert_eq!(parse_date("1/1/1970"), Some(0));
        assert_eq!(parse_date("9/2/1966"), Some(-1217));
        assert_eq!(parse_date("2/29/2024"), Some(19_782));
        assert_eq!(
            split_csv("a,\"b, c\",\"d\"\"e\",,"),
            vec!["a", "b, c", "d\"e", "", ""]
        );
    }
}
