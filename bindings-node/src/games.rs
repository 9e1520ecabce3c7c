//! Game logs: loading, situational systems, mining.

use edgekit::patterns::games::{self, Filter, MineOptions, TeamRow, WalkForwardOptions};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::errors::{Code, JsResult, to_js};

fn filters(texts: &[String]) -> JsResult<Vec<Filter>> {
    texts
        .iter()
        .map(|t| t.parse::<Filter>().map_err(to_js))
        .collect()
}

/// Options for `GameLog.evaluate`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
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
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
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

/// Options for `GameLog.walkForward`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
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

/// Options for `GameLog.analyzeGames`.
#[napi(object)]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values
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
    #[napi(
        ts_args_type = "system: Array<string>, options?: EvaluateOptions | undefined | null",
        ts_return_type = "SystemRecord"
    )]
    pub fn evaluate(
        &self,
        system: Vec<String>,
        options: Option<Unknown<'_>>,
    ) -> std::result::Result<Plain, Error<Code>> {
        let o: games::EvaluateOptions = crate::convert::options("GameLog.evaluate", options)?;
        let filters = filters(&system)?;
        let selected = games::select(&self.rows, &filters, o.seasons);
        games::record(&self.rows, &selected, o.market, o.odds)
            .map(|r| Plain::of(&r))
            .map_err(to_js)
    }

    /// Every AND of up to `maxFilters` filters from `space`, graded on the training seasons
    /// with Benjamini-Hochberg q-values, and on the test seasons beside.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "space: Array<string>, options: MineOptionsJs",
        ts_return_type = "MineResult"
    )]
    pub fn mine(
        &self,
        space: Vec<String>,
        options: Unknown<'_>,
    ) -> std::result::Result<Plain, Error<Code>> {
        let options: MineOptions = crate::convert::options("GameLog.mine", Some(options))?;
        let space = filters(&space)?;
        games::mine(&self.rows, &space, &options)
            .map(|found| Plain::of(&found))
            .map_err(to_js)
    }

    /// Mines on seasons before each tested season and pools the selected systems' records in
    /// sample and in that season.
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "space: Array<string>, options: WalkForwardOptionsJs",
        ts_return_type = "Array<WalkForwardStep>"
    )]
    pub fn walk_forward(
        &self,
        space: Vec<String>,
        options: Unknown<'_>,
    ) -> std::result::Result<Plain, Error<Code>> {
        let options: WalkForwardOptions =
            crate::convert::options("GameLog.walkForward", Some(options))?;
        let space = filters(&space)?;
        games::walk_forward(&self.rows, &space, &options)
            .map(|steps| Plain::of(&steps))
            .map_err(to_js)
    }

    /// For every unplayed game, each side's applicable systems with their records and a
    /// confidence (posterior probability of beating break-even out of sample).
    #[edgekit_macros::boundary]
    #[napi(
        ts_args_type = "systems: Array<Array<string>>, options: AnalyzeOptions",
        ts_return_type = "Array<GameAnalysis>"
    )]
    pub fn analyze_games(
        &self,
        systems: Vec<Vec<String>>,
        options: Unknown<'_>,
    ) -> std::result::Result<Plain, Error<Code>> {
        let o: games::AnalyzeOptions =
            crate::convert::options("GameLog.analyzeGames", Some(options))?;
        let systems: Vec<Vec<Filter>> = systems
            .iter()
            .map(|s| filters(s))
            .collect::<JsResult<_>>()?;
        games::analyze_games(
            &self.log, &self.rows, &systems, o.train, o.test, o.market, o.odds,
        )
        .map(|found| Plain::of(&found))
        .map_err(to_js)
    }
}
