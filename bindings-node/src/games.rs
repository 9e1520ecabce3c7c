//! Game logs: loading, situational systems, mining.

use crate::input::{count_or, integer, small};
use edgekit::patterns::games::{
    self, Filter, Market, MineOptions, Record, TeamRow, WalkForwardOptions,
};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::abtest::{Nullable, nullable};
use crate::errors::{Code, JsResult, to_js};

fn filters(texts: &[String]) -> JsResult<Vec<Filter>> {
    texts
        .iter()
        .map(|t| t.parse::<Filter>().map_err(to_js))
        .collect()
}

fn market(text: Option<String>) -> JsResult<Market> {
    text.as_deref().unwrap_or("ats").parse().map_err(to_js)
}

/// A system's record.
#[napi(object)]
pub struct SystemRecord {
    pub wins: u32,
    pub losses: u32,
    pub pushes: u32,
    #[napi(ts_type = "number | null")]
    pub win_rate: Nullable,
    #[napi(ts_type = "number | null")]
    pub avg_margin: Nullable,
    #[napi(ts_type = "number | null")]
    pub avg_ats_margin: Nullable,
    pub units: f64,
    #[napi(ts_type = "number | null")]
    pub roi: Nullable,
    pub wilson: Vec<f64>,
    pub break_even: f64,
    pub pvalue: f64,
}

impl From<&Record> for SystemRecord {
    fn from(r: &Record) -> Self {
        SystemRecord {
            wins: r.wins,
            losses: r.losses,
            pushes: r.pushes,
            win_rate: nullable(r.win_rate),
            avg_margin: nullable(r.avg_margin),
            avg_ats_margin: nullable(r.avg_ats_margin),
            units: r.units,
            roi: nullable(r.roi),
            wilson: vec![r.wilson.0, r.wilson.1],
            break_even: r.break_even,
            pvalue: r.pvalue,
        }
    }
}

/// Options for `GameLog.evaluate`.
#[napi(object)]
pub struct EvaluateOptions {
    #[napi(ts_type = "'su' | 'ats' | 'ou'")]
    pub market: Option<String>,
    /// American odds (default −110).
    pub odds: Option<f64>,
    /// `[first, last]` seasons.
    pub seasons: Option<Vec<i32>>,
}

/// Options for `GameLog.mine`.
#[napi(object)]
pub struct MineOptionsJs {
    pub max_filters: Option<f64>,
    /// `[first, last]` training seasons.
    pub train: Vec<i32>,
    /// `[first, last]` test seasons.
    pub test: Vec<i32>,
    #[napi(ts_type = "'su' | 'ats' | 'ou'")]
    pub market: Option<String>,
    pub odds: Option<f64>,
    pub min_games: Option<f64>,
}

/// A mined system.
#[napi(object)]
pub struct MinedSystemJs {
    pub filters: Vec<String>,
    pub train: SystemRecord,
    pub qvalue: f64,
    pub test: SystemRecord,
}

/// What mining found.
#[napi(object)]
pub struct MineResultJs {
    pub tried: u32,
    pub systems: Vec<MinedSystemJs>,
}

/// Options for `GameLog.walkForward`.
#[napi(object)]
pub struct WalkForwardOptionsJs {
    pub max_filters: Option<f64>,
    pub train_from: f64,
    /// `[first, last]` seasons tested one at a time.
    pub test: Vec<i32>,
    #[napi(ts_type = "'su' | 'ats' | 'ou'")]
    pub market: Option<String>,
    pub odds: Option<f64>,
    pub min_games: Option<f64>,
    /// Default 0.1.
    pub q_max: Option<f64>,
}

/// One walk-forward step: pooled records as [wins, losses].
#[napi(object)]
pub struct WalkForwardStepJs {
    pub season: i32,
    pub tried: u32,
    pub selected: u32,
    pub in_sample: Vec<u32>,
    pub out_of_sample: Vec<u32>,
}

/// A system applying to one side of an upcoming game.
#[napi(object)]
pub struct SystemMatchJs {
    pub filters: Vec<String>,
    pub train: SystemRecord,
    pub test: SystemRecord,
    /// P(true win rate > break-even) from the out-of-sample record, uniform prior.
    pub confidence: f64,
}

/// One side of one upcoming game.
#[napi(object)]
pub struct GameAnalysisJs {
    pub game: u32,
    /// Days since 1970-01-01.
    pub day: i32,
    pub team: String,
    pub opponent: String,
    pub systems: Vec<SystemMatchJs>,
}

/// Options for `GameLog.analyzeGames`.
#[napi(object)]
pub struct AnalyzeOptions {
    pub train: Vec<i32>,
    pub test: Vec<i32>,
    #[napi(ts_type = "'su' | 'ats' | 'ou'")]
    pub market: Option<String>,
    pub odds: Option<f64>,
}

/// An unplayed fixture the loader left out.
#[napi(object)]
pub struct SkippedRow {
    pub line: u32,
    pub reason: String,
}

fn pair(values: &[i32], name: &str) -> JsResult<(i32, i32)> {
    match values {
        [a, b] => Ok((*a, *b)),
        _ => Err(Error::new(
            Code::INVALID_INPUT,
            format!(
                "{name} must be [first, last] seasons, got {} values",
                values.len()
            ),
        )),
    }
}

/// Columns of a game table (one entry per game); team names are the ids.
#[napi(object)]
pub struct GameColumnsJs {
    /// Days since 1970-01-01.
    pub day: Vec<i32>,
    pub season: Vec<i32>,
    pub home: Vec<String>,
    pub away: Vec<String>,
    /// `null` for games not yet played.
    pub score_home: Vec<Option<f64>>,
    pub score_away: Vec<Option<f64>>,
    /// The favourite's name, 'PICK' or '' (no line).
    pub favorite: Option<Vec<String>>,
    /// The favourite's spread (≤ 0).
    pub spread: Option<Vec<Option<f64>>>,
    pub total: Option<Vec<Option<f64>>>,
    pub week: Option<Vec<String>>,
    pub playoff: Option<Vec<bool>>,
    pub neutral: Option<Vec<bool>>,
}

/// A game log with one row per team per game.
#[napi]
pub struct GameLog {
    log: games::GameLog,
    rows: Vec<TeamRow>,
}

#[edgekit_macros::boundary]
#[napi]
impl GameLog {
    /// From the texts of spreadspoke_scores.csv and nfl_teams.csv.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_spreadspoke(
        scores_csv: String,
        teams_csv: String,
    ) -> std::result::Result<GameLog, Error<Code>> {
        let log = games::GameLog::from_spreadspoke(&scores_csv, &teams_csv).map_err(to_js)?;
        let rows = games::team_rows(&log);
        Ok(GameLog { log, rows })
    }

    /// From the spreadspoke file; `teams` defaults to nfl_teams.csv beside it.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_csv(
        path: String,
        teams: Option<String>,
    ) -> std::result::Result<GameLog, Error<Code>> {
        let path = std::path::PathBuf::from(path);
        let teams = teams.map_or_else(|| path.with_file_name("nfl_teams.csv"), Into::into);
        let read = |p: &std::path::Path| {
            std::fs::read_to_string(p).map_err(|e| {
                Error::new(
                    Code::INVALID_INPUT,
                    format!("cannot read {}: {e}", p.display()),
                )
            })
        };
        GameLog::from_spreadspoke(read(&path)?, read(&teams)?)
    }

    /// From columns of any league (see `GameColumnsJs`).
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_columns(columns: GameColumnsJs) -> std::result::Result<GameLog, Error<Code>> {
        let n = columns.day.len();
        let c = games::GameColumns {
            day: columns.day,
            season: columns.season,
            home: columns.home,
            away: columns.away,
            score_home: columns.score_home,
            score_away: columns.score_away,
            favorite: columns.favorite.unwrap_or_else(|| vec![String::new(); n]),
            spread: columns.spread.unwrap_or_else(|| vec![None; n]),
            total: columns.total.unwrap_or_else(|| vec![None; n]),
            week: columns.week.unwrap_or_default(),
            playoff: columns.playoff.unwrap_or_default(),
            neutral: columns.neutral.unwrap_or_default(),
        };
        let log = games::GameLog::from_columns(&c).map_err(to_js)?;
        let rows = games::team_rows(&log);
        Ok(GameLog { log, rows })
    }

    /// Number of games.
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn games(&self) -> u32 {
        self.log.games.len() as u32
    }

    /// Number of team rows (two per game).
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn rows(&self) -> u32 {
        self.rows.len() as u32
    }

    /// Unplayed fixtures left out, with the reason.
    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn skipped(&self) -> Vec<SkippedRow> {
        self.log
            .skipped
            .iter()
            .map(|(line, reason)| SkippedRow {
                line: *line as u32,
                reason: reason.clone(),
            })
            .collect()
    }

    /// The record of a system (an AND of filters such as `site == away`, `favorite`,
    /// `rest_days >= 10`, `opp.prev_su == loss`).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn evaluate(
        &self,
        system: Vec<String>,
        options: Option<EvaluateOptions>,
    ) -> std::result::Result<SystemRecord, Error<Code>> {
        let filters = filters(&system)?;
        let (market, odds, seasons) = match options {
            None => (Market::Ats, -110.0, None),
            Some(o) => (
                self::market(o.market)?,
                o.odds.unwrap_or(-110.0),
                o.seasons.map(|s| pair(&s, "seasons")).transpose()?,
            ),
        };
        let selected = games::select(&self.rows, &filters, seasons);
        games::record(&self.rows, &selected, market, odds)
            .map(|r| SystemRecord::from(&r))
            .map_err(to_js)
    }

    /// Every AND of up to `maxFilters` filters from `space`, graded on the training seasons
    /// with Benjamini-Hochberg q-values, and on the test seasons beside.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn mine(
        &self,
        space: Vec<String>,
        options: MineOptionsJs,
    ) -> std::result::Result<MineResultJs, Error<Code>> {
        let space = filters(&space)?;
        let options = MineOptions {
            max_filters: count_or(options.max_filters, 2, "maxFilters")?,
            train: pair(&options.train, "train")?,
            test: pair(&options.test, "test")?,
            market: market(options.market)?,
            odds: options.odds.unwrap_or(-110.0),
            min_games: options.min_games.map_or(Ok(50), |v| small(v, "minGames"))?,
        };
        let found = games::mine(&self.rows, &space, &options).map_err(to_js)?;
        Ok(MineResultJs {
            tried: found.tried as u32,
            systems: found
                .systems
                .iter()
                .map(|s| MinedSystemJs {
                    filters: s.filters.clone(),
                    train: SystemRecord::from(&s.train),
                    qvalue: s.qvalue,
                    test: SystemRecord::from(&s.test),
                })
                .collect(),
        })
    }

    /// Mines on seasons before each tested season and pools the selected systems' records in
    /// sample and in that season.
    #[edgekit_macros::boundary]
    #[napi]
    pub fn walk_forward(
        &self,
        space: Vec<String>,
        options: WalkForwardOptionsJs,
    ) -> std::result::Result<Vec<WalkForwardStepJs>, Error<Code>> {
        let space = filters(&space)?;
        let options = WalkForwardOptions {
            max_filters: count_or(options.max_filters, 2, "maxFilters")?,
            train_from: i32::try_from(integer(
                options.train_from,
                i64::from(i32::MIN),
                "trainFrom",
            )?)
            .map_err(|_| crate::errors::invalid_type("trainFrom must be a season year"))?,
            test: pair(&options.test, "test")?,
            market: market(options.market)?,
            odds: options.odds.unwrap_or(-110.0),
            min_games: options.min_games.map_or(Ok(50), |v| small(v, "minGames"))?,
            q_max: options.q_max.unwrap_or(0.1),
        };
        let steps = games::walk_forward(&self.rows, &space, &options).map_err(to_js)?;
        Ok(steps
            .into_iter()
            .map(|s| WalkForwardStepJs {
                season: s.season,
                tried: s.tried as u32,
                selected: s.selected as u32,
                in_sample: vec![s.in_sample.0, s.in_sample.1],
                out_of_sample: vec![s.out_of_sample.0, s.out_of_sample.1],
            })
            .collect())
    }

    /// For every unplayed game, each side's applicable systems with their records and a
    /// confidence (posterior probability of beating break-even out of sample).
    #[edgekit_macros::boundary]
    #[napi]
    pub fn analyze_games(
        &self,
        systems: Vec<Vec<String>>,
        options: AnalyzeOptions,
    ) -> std::result::Result<Vec<GameAnalysisJs>, Error<Code>> {
        let systems: Vec<Vec<Filter>> = systems
            .iter()
            .map(|s| filters(s))
            .collect::<JsResult<_>>()?;
        let found = games::analyze_games(
            &self.log,
            &self.rows,
            &systems,
            pair(&options.train, "train")?,
            pair(&options.test, "test")?,
            market(options.market)?,
            options.odds.unwrap_or(-110.0),
        )
        .map_err(to_js)?;
        Ok(found
            .into_iter()
            .map(|side| GameAnalysisJs {
                game: side.game as u32,
                day: side.day,
                team: side.team,
                opponent: side.opponent,
                systems: side
                    .systems
                    .iter()
                    .map(|m| SystemMatchJs {
                        filters: m.filters.clone(),
                        train: SystemRecord::from(&m.train),
                        test: SystemRecord::from(&m.test),
                        confidence: m.confidence,
                    })
                    .collect(),
            })
            .collect())
    }
}
