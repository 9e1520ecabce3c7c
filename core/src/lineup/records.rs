//! A slate from in-memory players, as an app's database holds them (a Prisma query, a
//! DataFrame), validated exactly as the salary-CSV path validates its rows: the same errors,
//! with the record numbered from 1 where a file names its line.

use serde::{Deserialize, Serialize};

use super::error::LineupError;
use super::roster::{Contest, Site, Sport};
use super::slate::{Player, Projection, Slate};

/// One player record. `positions` is a list or a site's `"PG/SG"` text; `game` is derived
/// from `team` and `opponent` (`"A@B"`, alphabetical) when absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase", optional_fields = nullable)
)]
pub struct PlayerRecord {
    /// The site's ID (what the upload file needs): text or a whole number.
    #[serde(deserialize_with = "id_text")]
    #[cfg_attr(feature = "typescript", ts(type = "string | number"))]
    pub id: String,
    /// Display name.
    pub name: String,
    /// Positions the player is listed at.
    #[serde(deserialize_with = "position_list")]
    #[cfg_attr(feature = "typescript", ts(type = "string | Array<string>"))]
    pub positions: Vec<String>,
    /// Team abbreviation.
    pub team: String,
    /// Opponent's abbreviation.
    #[serde(default)]
    pub opponent: Option<String>,
    /// Game key, e.g. `"NYG@DAL"`.
    #[serde(default)]
    pub game: Option<String>,
    /// Salary.
    pub salary: f64,
    /// Projected points.
    pub projection: f64,
    /// Injury status (O, IR, Q, D ...).
    #[serde(default)]
    pub injury: Option<String>,
    /// DraftKings showdown: the roster slot this row is for ("CPT" or "FLEX").
    #[serde(default)]
    pub roster_slot: Option<String>,
    /// Low outcome.
    #[serde(default)]
    pub floor: Option<f64>,
    /// High outcome.
    #[serde(default)]
    pub ceiling: Option<f64>,
    /// Standard deviation of the points.
    #[serde(default)]
    pub std: Option<f64>,
    /// Projected ownership, 0–100.
    #[serde(default)]
    pub ownership: Option<f64>,
    /// Least share of lineups to use the player in, 0–1.
    #[serde(default)]
    pub min_exposure: Option<f64>,
    /// Most share of lineups to use the player in, 0–1.
    #[serde(default)]
    pub max_exposure: Option<f64>,
    /// Baseball: the spot in the batting order, 1–9.
    #[serde(default)]
    pub batting_order: Option<f64>,
    /// The player is a confirmed starter.
    #[serde(default)]
    pub confirmed_starter: Option<bool>,
    /// When the player's game starts: ISO 8601 with an offset, the sites' `09/08/2019 04:25PM
    /// ET`, or Unix seconds (see [`parse_time`](super::parse_time)).
    #[serde(default, deserialize_with = "time_value")]
    #[cfg_attr(feature = "typescript", ts(type = "string | number | null"))]
    pub starts_at: Option<i64>,
    /// The game is under way or over.
    #[serde(default)]
    pub game_started: Option<bool>,
}

/// Which contest a slate is for, as an options object (`{ site, sport, contest }`): the
/// site defaults to DraftKings, the sport to the NFL, the contest is detected when absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(
    feature = "typescript",
    derive(ts_rs::TS),
    ts(rename_all = "camelCase")
)]
pub struct SlateOptions {
    /// The site.
    pub site: Site,
    /// The sport.
    pub sport: Sport,
    /// The contest; detected from the players when `None`.
    pub contest: Option<Contest>,
}

impl Default for SlateOptions {
    fn default() -> Self {
        SlateOptions {
            site: Site::DraftKings,
            sport: Sport::Nfl,
            contest: None,
        }
    }
}

fn id_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(String),
        Number(i64),
    }
    match Id::deserialize(d)
        .map_err(|_| serde::de::Error::custom("id must be text or a whole number"))?
    {
        Id::Text(t) => Ok(t),
        Id::Number(n) => Ok(n.to_string()),
    }
}

pub(crate) fn time_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Time {
        Text(String),
        Seconds(f64),
    }
    match Option::<Time>::deserialize(d).map_err(|_| {
        serde::de::Error::custom("starts_at must be a time (text) or Unix seconds (a number)")
    })? {
        None => Ok(None),
        Some(Time::Text(t)) => super::times::parse_time(&t)
            .map(Some)
            .map_err(serde::de::Error::custom),
        Some(Time::Seconds(s)) if s.is_finite() && s.fract() == 0.0 && s.abs() < 1e15 => {
            Ok(Some(s as i64))
        }
        Some(Time::Seconds(s)) => Err(serde::de::Error::custom(format!(
            "starts_at {s} is not whole Unix seconds"
        ))),
    }
}

fn position_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Positions {
        Text(String),
        List(Vec<String>),
    }
    match Positions::deserialize(d)
        .map_err(|_| serde::de::Error::custom("positions must be a list or \"PG/SG\" text"))?
    {
        Positions::Text(t) => Ok(t.split('/').map(|p| p.trim().to_owned()).collect()),
        Positions::List(list) => Ok(list),
    }
}

impl Slate {
    /// A slate from player records (see [`PlayerRecord`]), checked as a salary file is.
    ///
    /// ```
    /// use edgekit::contract::argument;
    /// use edgekit::lineup::{PlayerRecord, Site, Slate, Sport};
    /// let records: Vec<PlayerRecord> = argument("lineup.from_records", "records", serde_json::json!([
    ///     {"id": 1, "name": "A", "positions": "QB", "team": "DAL", "opponent": "NYG",
    ///      "salary": 6000, "projection": 20.5},
    /// ]))?;
    /// let slate = Slate::from_records(records, Site::DraftKings, Sport::Nfl, None)?;
    /// assert_eq!(slate.players[0].game.as_deref(), Some("DAL@NYG"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_records(
        records: Vec<PlayerRecord>,
        site: Site,
        sport: Sport,
        contest: Option<Contest>,
    ) -> Result<Slate, LineupError> {
        let players = records
            .into_iter()
            .enumerate()
            .map(|(i, r)| player(r, i + 1))
            .collect::<Result<Vec<_>, _>>()?;
        Slate::assemble(players, site, sport, contest)
    }
}

fn player(r: PlayerRecord, line: usize) -> Result<Player, LineupError> {
    let bad = |column: &str, value: f64, reason: &str| LineupError::BadValue {
        line,
        column: column.to_owned(),
        value: value.to_string(),
        reason: reason.to_owned(),
    };
    let text = |column: &str, value: &str| {
        if value.trim().is_empty() {
            Err(LineupError::BadValue {
                line,
                column: column.to_owned(),
                value: value.to_owned(),
                reason: "must not be empty".into(),
            })
        } else {
            Ok(())
        }
    };
    text("id", &r.id)?;
    text("name", &r.name)?;
    text("team", &r.team)?;
    if r.positions.is_empty() || r.positions.iter().any(|p| p.is_empty()) {
        return Err(LineupError::BadValue {
            line,
            column: "positions".into(),
            value: r.positions.join("/"),
            reason: "must list at least one position".into(),
        });
    }
    if !(r.salary.is_finite()
        && r.salary.fract() == 0.0
        && (0.0..=f64::from(u32::MAX)).contains(&r.salary))
    {
        return Err(bad("salary", r.salary, "must be a whole number ≥ 0"));
    }
    if !r.projection.is_finite() {
        return Err(bad("projection", r.projection, "must be a finite number"));
    }
    let optional = [
        ("floor", r.floor),
        ("ceiling", r.ceiling),
        ("std", r.std),
        ("ownership", r.ownership),
        ("min_exposure", r.min_exposure),
        ("max_exposure", r.max_exposure),
    ];
    for (column, value) in optional {
        if let Some(v) = value.filter(|v| !v.is_finite()) {
            return Err(bad(column, v, "must be a finite number"));
        }
    }
    let batting_order = match r.batting_order {
        None => None,
        Some(x) if x.fract() == 0.0 && (1.0..=9.0).contains(&x) => Some(x as u8),
        Some(x) => {
            return Err(bad(
                "batting_order",
                x,
                "must be a whole number from 1 to 9",
            ));
        }
    };
    let game = r.game.or_else(|| {
        r.opponent.as_ref().map(|o| {
            let (a, b) = if r.team <= *o {
                (&r.team, o)
            } else {
                (o, &r.team)
            };
            format!("{a}@{b}")
        })
    });
    Ok(Player {
        id: r.id,
        name: r.name,
        positions: r.positions,
        team: r.team,
        opponent: r.opponent,
        game,
        salary: r.salary as u32,
        projection: r.projection,
        injury: r.injury,
        roster_slot: r.roster_slot,
        starts_at: r.starts_at,
        game_started: r.game_started.unwrap_or(false),
        line,
        extra: Projection {
            floor: r.floor,
            ceiling: r.ceiling,
            std: r.std,
            ownership: r.ownership,
            min_exposure: r.min_exposure,
            max_exposure: r.max_exposure,
            batting_order,
            confirmed_starter: r.confirmed_starter,
        },
    })
}
