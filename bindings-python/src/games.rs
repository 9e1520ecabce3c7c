//! `edgekit.patterns` game logs: loading, situational systems, mining.

use edgekit::patterns::games::{
    self, Filter, GameLog, MineOptions, Outcome, TeamRow, WalkForwardOptions,
};
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::{convert, errors};

/// A game log with one row per team per game (see ``GameLog.from_csv``).
#[pyclass(module = "edgekit.patterns", name = "GameLog", frozen)]
pub(crate) struct PyGameLog {
    pub(crate) log: GameLog,
    rows: Vec<TeamRow>,
}

impl From<GameLog> for PyGameLog {
    fn from(log: GameLog) -> Self {
        let rows = games::team_rows(&log);
        PyGameLog { log, rows }
    }
}

fn parse_filters(filters: &[String]) -> PyResult<Vec<Filter>> {
    filters
        .iter()
        .map(|f| f.parse::<Filter>().map_err(errors::to_py))
        .collect()
}

fn outcome(o: Option<Outcome>) -> f64 {
    match o {
        Some(Outcome::Win) => 1.0,
        Some(Outcome::Loss) => -1.0,
        Some(Outcome::Push) => 0.0,
        None => f64::NAN,
    }
}

#[edgekit_macros::boundary]
#[pymethods]
impl PyGameLog {
    /// from_spreadspoke(scores_csv, teams_csv)
    /// --
    ///
    /// From the texts of spreadspoke_scores.csv and nfl_teams.csv.
    #[staticmethod]
    fn from_spreadspoke(py: Python<'_>, scores_csv: &str, teams_csv: &str) -> PyResult<Self> {
        let log = crate::boundary::detach(py, || GameLog::from_spreadspoke(scores_csv, teams_csv))
            .map_err(errors::to_py)?;
        let rows = games::team_rows(&log);
        Ok(PyGameLog { log, rows })
    }

    /// from_csv(path, format="spreadspoke", teams=None)
    /// --
    ///
    /// Loads the spreadspoke NFL file; ``teams`` defaults to nfl_teams.csv beside it.
    #[staticmethod]
    #[pyo3(signature = (path, format = "spreadspoke", teams = None))]
    fn from_csv(
        py: Python<'_>,
        path: std::path::PathBuf,
        format: &str,
        teams: Option<std::path::PathBuf>,
    ) -> PyResult<Self> {
        if format != "spreadspoke" {
            return Err(errors::invalid_input(format!(
                "format {format:?} is unknown; expected \"spreadspoke\""
            )));
        }
        let teams = teams.unwrap_or_else(|| path.with_file_name("nfl_teams.csv"));
        let read = |p: &std::path::Path| {
            std::fs::read_to_string(p)
                .map_err(|e| errors::invalid_input(format!("cannot read {}: {e}", p.display())))
        };
        let (scores, teams) = (read(&path)?, read(&teams)?);
        Self::from_spreadspoke(py, &scores, &teams)
    }

    /// _from_columns(day, season, home, away, score_home, score_away, favorite, spread, total, week, playoff, neutral)
    /// --
    ///
    /// See ``edgekit.patterns.game_log``.
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    fn _from_columns(
        day: Vec<i32>,
        season: Vec<i32>,
        home: Vec<String>,
        away: Vec<String>,
        score_home: Vec<Option<f64>>,
        score_away: Vec<Option<f64>>,
        favorite: Vec<String>,
        spread: Vec<Option<f64>>,
        total: Vec<Option<f64>>,
        week: Vec<String>,
        playoff: Vec<bool>,
        neutral: Vec<bool>,
    ) -> PyResult<Self> {
        let columns = games::GameColumns {
            day,
            season,
            home,
            away,
            score_home,
            score_away,
            favorite,
            spread,
            total,
            week,
            playoff,
            neutral,
        };
        let log = GameLog::from_columns(&columns).map_err(errors::to_py)?;
        let rows = games::team_rows(&log);
        Ok(PyGameLog { log, rows })
    }

    /// Number of games.
    #[getter]
    fn games(&self) -> usize {
        self.log.games.len()
    }

    /// Franchise ids, in the order rows refer to them.
    #[getter]
    fn teams(&self) -> Vec<String> {
        self.log.teams.iter().map(|t| t.id.clone()).collect()
    }

    /// File lines left out, with the reason (unplayed fixtures with unknown teams).
    #[getter]
    fn skipped(&self) -> Vec<(usize, String)> {
        self.log.skipped.clone()
    }

    /// rows()
    /// --
    ///
    /// The team rows as a dict of columns (pandas.DataFrame(log.rows()) works): outcomes
    /// are +1 win/cover/over, −1 loss/under, 0 push, NaN when ungraded.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.rows;
        let nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
        let d = PyDict::new(py);
        let team = |i: usize| self.log.teams[i].id.clone();
        d.set_item("team", r.iter().map(|x| team(x.team)).collect::<Vec<_>>())?;
        d.set_item(
            "opponent",
            r.iter().map(|x| team(x.opponent)).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "season",
            r.iter()
                .map(|x| x.season)
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item("site", r.iter().map(|x| x.site).collect::<Vec<_>>())?;
        d.set_item(
            "favorite",
            r.iter()
                .map(|x| x.favorite)
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "line",
            r.iter()
                .map(|x| nan(x.line))
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "total",
            r.iter()
                .map(|x| nan(x.total))
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "margin",
            r.iter()
                .map(|x| nan(x.margin))
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "ats_margin",
            r.iter()
                .map(|x| nan(x.ats_margin))
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "su",
            r.iter()
                .map(|x| outcome(x.su))
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "ats",
            r.iter()
                .map(|x| outcome(x.ats))
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "ou",
            r.iter()
                .map(|x| outcome(x.ou))
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "rest_days",
            r.iter()
                .map(|x| nan(x.rest_days))
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "su_streak",
            r.iter()
                .map(|x| x.su_streak)
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "ats_streak",
            r.iter()
                .map(|x| x.ats_streak)
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        d.set_item(
            "division_game",
            r.iter()
                .map(|x| x.division_game)
                .collect::<Vec<_>>()
                .into_pyarray(py),
        )?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "GameLog(games={}, teams={}, skipped={})",
            self.log.games.len(),
            self.log.teams.len(),
            self.log.skipped.len()
        )
    }
}

/// _evaluate(log, filters, **options)
/// --
///
/// See ``edgekit.patterns.evaluate``.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (log, filters, **options))]
fn _evaluate<'py>(
    py: Python<'py>,
    log: &PyGameLog,
    filters: Vec<String>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let o: games::EvaluateOptions = convert::options("patterns.evaluate", options)?;
    let filters = parse_filters(&filters)?;
    let selected = games::select(&log.rows, &filters, o.seasons);
    let r = games::record(&log.rows, &selected, o.market, o.odds).map_err(errors::to_py)?;
    convert::record(py, "BetRecord", &r)
}

/// _check_filters(filters)
/// --
///
/// Parses filters, raising on the first bad one.
#[edgekit_macros::boundary]
#[pyfunction]
fn _check_filters(filters: Vec<String>) -> PyResult<()> {
    parse_filters(&filters).map(|_| ())
}

/// _mine(log, space, **options)
/// --
///
/// See ``edgekit.patterns.mine``.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (log, space, **options))]
fn _mine<'py>(
    py: Python<'py>,
    log: &PyGameLog,
    space: Vec<String>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options: MineOptions = convert::options("patterns.mine", options)?;
    let space = parse_filters(&space)?;
    let rows = &log.rows;
    let found = crate::boundary::detach(py, || games::mine(rows, &space, &options))
        .map_err(errors::to_py)?;
    convert::record(py, "MineResult", &found)
}

/// _walk_forward(log, space, **options)
/// --
///
/// See ``edgekit.patterns.walk_forward``.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (log, space, **options))]
fn _walk_forward<'py>(
    py: Python<'py>,
    log: &PyGameLog,
    space: Vec<String>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let options: WalkForwardOptions = convert::options("patterns.walk_forward", options)?;
    let space = parse_filters(&space)?;
    let rows = &log.rows;
    let steps = crate::boundary::detach(py, || games::walk_forward(rows, &space, &options))
        .map_err(errors::to_py)?;
    convert::records(py, "WalkForwardStep", &steps)
}

/// _analyze_games(log, systems, **options)
/// --
///
/// See ``edgekit.patterns.analyze_games``.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (log, systems, **options))]
fn _analyze_games<'py>(
    py: Python<'py>,
    log: &PyGameLog,
    systems: Vec<Vec<String>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let o: games::AnalyzeOptions = convert::options("patterns.analyze_games", options)?;
    let systems: Vec<Vec<Filter>> = systems
        .iter()
        .map(|s| parse_filters(s))
        .collect::<PyResult<_>>()?;
    let (games_log, rows) = (&log.log, &log.rows);
    let found = crate::boundary::detach(py, || {
        games::analyze_games(games_log, rows, &systems, o.train, o.test, o.market, o.odds)
    })
    .map_err(errors::to_py)?;
    convert::records(py, "GameAnalysis", &found)
}

pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(_analyze_games, module)?)?;
    module.add_function(wrap_pyfunction!(_walk_forward, module)?)?;
    module.add_class::<PyGameLog>()?;
    module.add_function(wrap_pyfunction!(_evaluate, module)?)?;
    module.add_function(wrap_pyfunction!(_check_filters, module)?)?;
    module.add_function(wrap_pyfunction!(_mine, module)?)?;
    Ok(())
}
