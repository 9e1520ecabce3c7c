//! `edgekit.lineup`: slates, the optimizer and upload files. Rules, options and lineups are
//! read and handed back through `convert` (core's serde shapes); the slate stays on the Rust
//! side.

use std::sync::Arc;

use edgekit::lineup::{self, Contest, Lineup, LineupError, Rules, Site, Slate, Sport};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{convert, errors};

fn parse<T: std::str::FromStr<Err = LineupError>>(text: &str) -> PyResult<T> {
    text.parse().map_err(errors::to_py)
}

fn rules(function: &str, rules: Option<&Bound<'_, PyAny>>) -> PyResult<Rules> {
    match rules {
        Some(r) if !r.is_none() => convert::argument(function, "rules", r),
        _ => Ok(Rules::default()),
    }
}

/// A site's player pool with its roster template.
#[pyclass(name = "Slate", module = "edgekit._edgekit.lineup", frozen)]
pub struct PySlate {
    pub(crate) inner: Arc<Slate>,
}

#[edgekit_macros::boundary]
#[pymethods]
impl PySlate {
    #[staticmethod]
    #[pyo3(signature = (text, site, sport, contest=None))]
    fn from_csv_text(text: &str, site: &str, sport: &str, contest: Option<&str>) -> PyResult<Self> {
        let contest: Option<Contest> = contest.map(parse).transpose()?;
        let slate =
            Slate::from_csv_str(text, parse::<Site>(site)?, parse::<Sport>(sport)?, contest)
                .map_err(errors::to_py)?;
        Ok(PySlate {
            inner: Arc::new(slate),
        })
    }

    /// A slate from player records (dicts; see ``edgekit.lineup.Slate.from_records``).
    #[staticmethod]
    #[pyo3(signature = (records, site, sport, contest=None))]
    fn from_records(
        records: &Bound<'_, PyAny>,
        site: &str,
        sport: &str,
        contest: Option<&str>,
    ) -> PyResult<Self> {
        let contest: Option<Contest> = contest.map(parse).transpose()?;
        let records: Vec<lineup::PlayerRecord> =
            convert::argument("lineup.Slate.from_records", "records", records)?;
        let slate = Slate::from_records(
            records,
            parse::<Site>(site)?,
            parse::<Sport>(sport)?,
            contest,
        )
        .map_err(errors::to_py)?;
        Ok(PySlate {
            inner: Arc::new(slate),
        })
    }

    /// A copy with a projections CSV merged in, and the merge report.
    fn with_projections<'py>(
        &self,
        py: Python<'py>,
        text: &str,
    ) -> PyResult<(PySlate, Bound<'py, PyAny>)> {
        let mut slate = (*self.inner).clone();
        let report = slate.merge_projections_str(text).map_err(errors::to_py)?;
        let report = convert::plain(py, &report)?;
        Ok((
            PySlate {
                inner: Arc::new(slate),
            },
            report,
        ))
    }

    fn players<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::plain(py, &self.inner.players)
    }

    fn roster<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::plain(py, &self.inner.roster)
    }

    fn __len__(&self) -> usize {
        self.inner.players.len()
    }
}

/// Lineups for a slate under rules; the GIL is released while it runs.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, n, rules=None, seed=None, method=None))]
fn optimize<'py>(
    py: Python<'py>,
    slate: &PySlate,
    n: usize,
    rules: Option<&Bound<'py, PyAny>>,
    seed: Option<u64>,
    method: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let rules = self::rules("lineup.optimize", rules)?;
    let method: lineup::Method = match method {
        None => lineup::Method::default(),
        Some(name) => edgekit::contract::parse_name("lineup.optimize", "method", name)
            .map_err(errors::to_py)?,
    };
    let slate = Arc::clone(&slate.inner);
    let lineups = crate::boundary::detach(py, || {
        lineup::Optimizer::new(&slate, rules)?
            .method(method)
            .optimize(n, seed)
    })
    .map_err(errors::to_py)?;
    convert::plain(py, &lineups)
}

/// A portfolio chosen on simulated outcomes; the GIL is released while it runs. Options are
/// core's `lineup::PortfolioOptions`.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, n, rules=None, seed=0, **options))]
fn portfolio<'py>(
    py: Python<'py>,
    slate: &PySlate,
    n: usize,
    rules: Option<&Bound<'py, PyAny>>,
    seed: u64,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let rules = self::rules("lineup.portfolio", rules)?;
    let options: lineup::PortfolioOptions = convert::options("lineup.portfolio", options)?;
    let slate = Arc::clone(&slate.inner);
    let chosen =
        crate::boundary::detach(py, || lineup::portfolio(&slate, n, &rules, seed, &options))
            .map_err(errors::to_py)?;
    convert::plain(py, &chosen)
}

/// Late swap: started games keep their players, the rest re-chosen, entries swapped in order
/// as one portfolio.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, entries, started, rules=None))]
fn late_swap<'py>(
    py: Python<'py>,
    slate: &PySlate,
    entries: &Bound<'py, PyAny>,
    started: Vec<String>,
    rules: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let rules = self::rules("lineup.late_swap", rules)?;
    let entries: Vec<Lineup> = convert::argument("lineup.late_swap", "entries", entries)?;
    let slate = Arc::clone(&slate.inner);
    let started: Vec<&str> = started.iter().map(String::as_str).collect();
    let swapped = crate::boundary::detach(py, || {
        lineup::Optimizer::new(&slate, rules)?.late_swap(&entries, &started)
    })
    .map_err(errors::to_py)?;
    convert::plain(py, &swapped)
}

/// Every roster template (site, sport, contest, slots, cap and the site's rules).
#[edgekit_macros::boundary]
#[pyfunction]
fn rosters(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    convert::plain(py, &lineup::Roster::all())
}

/// The site's upload CSV for lineups of this slate.
#[edgekit_macros::boundary]
#[pyfunction]
fn upload_csv(slate: &PySlate, lineups: &Bound<'_, PyAny>) -> PyResult<String> {
    let lineups: Vec<Lineup> = convert::argument("lineup.export_csv", "lineups", lineups)?;
    Ok(lineup::upload_csv(&slate.inner, &lineups))
}

/// One row per player: lineup, slot, id, name, team, position, salary, projection.
#[edgekit_macros::boundary]
#[pyfunction]
fn readable_csv(lineups: &Bound<'_, PyAny>) -> PyResult<String> {
    let lineups: Vec<Lineup> = convert::argument("lineup.export_readable_csv", "lineups", lineups)?;
    Ok(lineup::readable_csv(&lineups))
}

/// Lineups read back from an upload or DraftKings entries CSV.
#[edgekit_macros::boundary]
#[pyfunction]
fn read_upload_csv<'py>(
    py: Python<'py>,
    slate: &PySlate,
    text: &str,
) -> PyResult<Bound<'py, PyAny>> {
    convert::plain(
        py,
        &lineup::read_upload_csv(&slate.inner, text).map_err(errors::to_py)?,
    )
}

fn contest(function: &str, contest: &Bound<'_, PyAny>) -> PyResult<lineup::ContestSpec> {
    let raw: lineup::ContestSpec = convert::argument(function, "contest", contest)?;
    raw.checked().map_err(errors::to_py)
}

/// A contest (a dict of core's `ContestSpec`) from a prize-table CSV.
#[edgekit_macros::boundary]
#[pyfunction]
fn read_payouts<'py>(
    py: Python<'py>,
    text: &str,
    field_size: usize,
    entry_fee: f64,
    max_entries: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let contest = lineup::ContestSpec::from_payout_csv(text, field_size, entry_fee, max_entries)
        .map_err(errors::to_py)?;
    convert::plain(py, &contest)
}

/// Simulates the contest with the lineups entered together; the GIL is released. Options are
/// core's `lineup::ContestOptions`.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, contest, lineups, seed=0, **options))]
fn simulate_contest<'py>(
    py: Python<'py>,
    slate: &PySlate,
    contest: &Bound<'py, PyAny>,
    lineups: &Bound<'py, PyAny>,
    seed: u64,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let function = "lineup.simulate_contest";
    let contest = self::contest(function, contest)?;
    let lineups: Vec<Lineup> = convert::argument(function, "lineups", lineups)?;
    let options: lineup::ContestOptions = convert::options(function, options)?;
    let slate = Arc::clone(&slate.inner);
    let result = crate::boundary::detach(py, || {
        lineup::simulate_contest(&slate, &contest, &lineups, seed, &options)
    })
    .map_err(errors::to_py)?;
    convert::plain(py, &result)
}

/// Chooses `n` of the candidates by expected profit in the contest; the GIL is released.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, contest, candidates, n, rules=None, seed=0, **options))]
#[allow(clippy::too_many_arguments)] // the Python signature, flattened
fn select_by_roi<'py>(
    py: Python<'py>,
    slate: &PySlate,
    contest: &Bound<'py, PyAny>,
    candidates: &Bound<'py, PyAny>,
    n: usize,
    rules: Option<&Bound<'py, PyAny>>,
    seed: u64,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let function = "lineup.select_by_roi";
    let contest = self::contest(function, contest)?;
    let candidates: Vec<Lineup> = convert::argument(function, "candidates", candidates)?;
    let rules = self::rules(function, rules)?;
    let options: lineup::ContestOptions = convert::options(function, options)?;
    let slate = Arc::clone(&slate.inner);
    let result = crate::boundary::detach(py, || {
        lineup::select_by_roi(&slate, &contest, &candidates, n, &rules, seed, &options)
    })
    .map_err(errors::to_py)?;
    convert::plain(py, &result)
}

/// A candidate pool built under the rules and `n` entries chosen from it by expected profit;
/// the GIL is released.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, contest, n, rules=None, seed=0, **options))]
fn contest_portfolio<'py>(
    py: Python<'py>,
    slate: &PySlate,
    contest: &Bound<'py, PyAny>,
    n: usize,
    rules: Option<&Bound<'py, PyAny>>,
    seed: u64,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let function = "lineup.contest_portfolio";
    let contest = self::contest(function, contest)?;
    let rules = self::rules(function, rules)?;
    let options: lineup::ContestOptions = convert::options(function, options)?;
    let slate = Arc::clone(&slate.inner);
    let result = crate::boundary::detach(py, || {
        lineup::contest_portfolio(&slate, &contest, n, &rules, seed, &options)
    })
    .map_err(errors::to_py)?;
    convert::plain(py, &result)
}

/// A simulated field: (lineups, summary); the GIL is released. Options are core's
/// `lineup::FieldModel`.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, entries, seed=0, **model))]
fn sample_field<'py>(
    py: Python<'py>,
    slate: &PySlate,
    entries: usize,
    seed: u64,
    model: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let model: lineup::FieldModel = convert::options("lineup.sample_field", model)?;
    let slate = Arc::clone(&slate.inner);
    let field = crate::boundary::detach(py, || lineup::sample_field(&slate, &model, entries, seed))
        .map_err(errors::to_py)?;
    convert::plain(py, &field)
}

/// The correlations the contest simulator draws between `players` (names or IDs); options are
/// core's `lineup::OutcomeModel`. The GIL is released.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, players, **outcomes))]
fn outcome_correlations<'py>(
    py: Python<'py>,
    slate: &PySlate,
    players: &Bound<'py, PyAny>,
    outcomes: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let function = "lineup.outcome_correlations";
    let players: Vec<String> = convert::argument(function, "players", players)?;
    let model: lineup::OutcomeModel = convert::options(function, outcomes)?;
    let slate = Arc::clone(&slate.inner);
    let result = crate::boundary::detach(py, || {
        lineup::outcome_correlations(&slate, &players, &model)
    })
    .map_err(errors::to_py)?;
    convert::plain(py, &result)
}

/// About `n` distinct candidate lineups under the rules; the GIL is released.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, n, rules=None))]
fn candidate_pool<'py>(
    py: Python<'py>,
    slate: &PySlate,
    n: usize,
    rules: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let rules = self::rules("lineup.candidate_pool", rules)?;
    let slate = Arc::clone(&slate.inner);
    let pool = crate::boundary::detach(py, || lineup::candidate_pool(&slate, &rules, n))
        .map_err(errors::to_py)?;
    convert::plain(py, &pool)
}

/// The upload CSV of a contest result with each entry's simulated results after its slots.
#[edgekit_macros::boundary]
#[pyfunction]
fn contest_csv(slate: &PySlate, result: &Bound<'_, PyAny>) -> PyResult<String> {
    let result: lineup::ContestResult = convert::argument("lineup.contest_csv", "result", result)?;
    Ok(lineup::contest_csv(&slate.inner, &result))
}

/// An entries file (DraftKings' `DKEntries.csv`, FanDuel's entries export) read against the
/// slate: `{columns, entries}`.
#[edgekit_macros::boundary]
#[pyfunction]
fn read_entries<'py>(py: Python<'py>, slate: &PySlate, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let file = lineup::EntriesFile::read(&slate.inner, text).map_err(errors::to_py)?;
    convert::plain(py, &file)
}

/// Late swap of an entries file; `request` is core's `LateSwapRequest` (`now`, `started`,
/// `rules`). The GIL is released.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, file, **request))]
fn late_swap_entries<'py>(
    py: Python<'py>,
    slate: &PySlate,
    file: &Bound<'py, PyAny>,
    request: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let function = "lineup.late_swap";
    let file: lineup::EntriesFile = convert::argument(function, "entries", file)?;
    let request: lineup::LateSwapRequest = convert::options(function, request)?;
    let slate = Arc::clone(&slate.inner);
    let swapped = crate::boundary::detach(py, || {
        let started: Vec<&str> = request.started.iter().map(String::as_str).collect();
        lineup::Optimizer::new(&slate, request.rules.clone())?.late_swap_entries(
            &file,
            request.now,
            &started,
        )
    })
    .map_err(errors::to_py)?;
    convert::plain(py, &swapped)
}

/// New lineups placed into an entries file's entries, in order.
#[edgekit_macros::boundary]
#[pyfunction]
fn fill_entries<'py>(
    py: Python<'py>,
    file: &Bound<'py, PyAny>,
    lineups: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let file: lineup::EntriesFile = convert::argument("lineup.fill_entries", "entries", file)?;
    let lineups: Vec<Lineup> = convert::argument("lineup.fill_entries", "lineups", lineups)?;
    convert::plain(
        py,
        &lineup::fill_entries(&file, &lineups).map_err(errors::to_py)?,
    )
}

/// The upload that edits an entries file's entries.
#[edgekit_macros::boundary]
#[pyfunction]
fn entries_csv(slate: &PySlate, file: &Bound<'_, PyAny>) -> PyResult<String> {
    let file: lineup::EntriesFile = convert::argument("lineup.entries_csv", "entries", file)?;
    Ok(file.to_csv(&slate.inner))
}

/// Unix seconds of a time as the sites print it or as ISO 8601 with an offset.
#[edgekit_macros::boundary]
#[pyfunction]
fn parse_time(text: &str) -> PyResult<i64> {
    lineup::parse_time(text).map_err(errors::to_py)
}

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "lineup")?;
    module.add_class::<PySlate>()?;
    module.add_function(wrap_pyfunction!(optimize, &module)?)?;
    module.add_function(wrap_pyfunction!(portfolio, &module)?)?;
    module.add_function(wrap_pyfunction!(late_swap, &module)?)?;
    module.add_function(wrap_pyfunction!(upload_csv, &module)?)?;
    module.add_function(wrap_pyfunction!(rosters, &module)?)?;
    module.add_function(wrap_pyfunction!(readable_csv, &module)?)?;
    module.add_function(wrap_pyfunction!(read_upload_csv, &module)?)?;
    module.add_function(wrap_pyfunction!(read_payouts, &module)?)?;
    module.add_function(wrap_pyfunction!(simulate_contest, &module)?)?;
    module.add_function(wrap_pyfunction!(select_by_roi, &module)?)?;
    module.add_function(wrap_pyfunction!(contest_portfolio, &module)?)?;
    module.add_function(wrap_pyfunction!(sample_field, &module)?)?;
    module.add_function(wrap_pyfunction!(outcome_correlations, &module)?)?;
    module.add_function(wrap_pyfunction!(candidate_pool, &module)?)?;
    module.add_function(wrap_pyfunction!(contest_csv, &module)?)?;
    module.add_function(wrap_pyfunction!(read_entries, &module)?)?;
    module.add_function(wrap_pyfunction!(late_swap_entries, &module)?)?;
    module.add_function(wrap_pyfunction!(fill_entries, &module)?)?;
    module.add_function(wrap_pyfunction!(entries_csv, &module)?)?;
    module.add_function(wrap_pyfunction!(parse_time, &module)?)?;
    parent.add_submodule(&module)?;
    Ok(())
}
