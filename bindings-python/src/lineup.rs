//! `edgekit.lineup`: slates, the optimizer and upload files. Rules and results cross as JSON
//! text (the Python wrapper turns them into dataclasses); the slate stays on the Rust side.

use std::sync::Arc;

use edgekit::lineup::{self, Contest, Lineup, LineupError, Rules, Site, Slate, Sport};
use pyo3::prelude::*;

use crate::errors;

fn parse<T: std::str::FromStr<Err = LineupError>>(text: &str) -> PyResult<T> {
    text.parse().map_err(errors::to_py)
}

fn json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| errors::invalid_input(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| errors::invalid_input(format!("{what}: {e}")))
}

/// A site's player pool with its roster template.
#[pyclass(name = "Slate", module = "edgekit._edgekit.lineup", frozen)]
pub struct PySlate {
    inner: Arc<Slate>,
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

    /// A copy with a projections CSV merged in, and the merge report as JSON.
    fn with_projections(&self, text: &str) -> PyResult<(PySlate, String)> {
        let mut slate = (*self.inner).clone();
        let report = slate.merge_projections_str(text).map_err(errors::to_py)?;
        Ok((
            PySlate {
                inner: Arc::new(slate),
            },
            json(&report)?,
        ))
    }

    fn players_json(&self) -> PyResult<String> {
        json(&self.inner.players)
    }

    fn roster_json(&self) -> PyResult<String> {
        json(&self.inner.roster)
    }

    fn __len__(&self) -> usize {
        self.inner.players.len()
    }
}

/// Lineups (JSON) for a slate under rules (JSON); the GIL is released while it runs.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, n, rules=None, seed=None, method=None))]
fn optimize(
    py: Python<'_>,
    slate: &PySlate,
    n: usize,
    rules: Option<&str>,
    seed: Option<u64>,
    method: Option<&str>,
) -> PyResult<String> {
    let rules: Rules = match rules {
        Some(text) => from_json(text, "rules")?,
        None => Rules::default(),
    };
    let method = match method {
        None | Some("search") => lineup::Method::Search,
        Some("milp") => lineup::Method::Milp,
        Some(other) => {
            return Err(errors::invalid_input(format!(
                "method {other:?}: expected \"search\" or \"milp\""
            )));
        }
    };
    let slate = Arc::clone(&slate.inner);
    let lineups = crate::boundary::detach(py, || {
        lineup::Optimizer::new(&slate, rules)?
            .method(method)
            .optimize(n, seed)
    })
    .map_err(errors::to_py)?;
    json(&lineups)
}

/// A portfolio (JSON) chosen on simulated outcomes; the GIL is released while it runs.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, n, rules=None, seed=0, options=None))]
fn portfolio(
    py: Python<'_>,
    slate: &PySlate,
    n: usize,
    rules: Option<&str>,
    seed: u64,
    options: Option<&str>,
) -> PyResult<String> {
    let rules: Rules = match rules {
        Some(text) => from_json(text, "rules")?,
        None => Rules::default(),
    };
    let options: lineup::PortfolioOptions = match options {
        Some(text) => from_json(text, "options")?,
        None => Default::default(),
    };
    let slate = Arc::clone(&slate.inner);
    let chosen =
        crate::boundary::detach(py, || lineup::portfolio(&slate, n, &rules, seed, &options))
            .map_err(errors::to_py)?;
    json(&chosen)
}

/// Late swap (JSON lineups in and out): started games keep their players, the rest re-chosen,
/// entries swapped in order as one portfolio.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (slate, entries, started, rules=None))]
fn late_swap(
    py: Python<'_>,
    slate: &PySlate,
    entries: &str,
    started: Vec<String>,
    rules: Option<&str>,
) -> PyResult<String> {
    let rules: Rules = match rules {
        Some(text) => from_json(text, "rules")?,
        None => Rules::default(),
    };
    let entries: Vec<Lineup> = from_json(entries, "entries")?;
    let slate = Arc::clone(&slate.inner);
    let started: Vec<&str> = started.iter().map(String::as_str).collect();
    let swapped = crate::boundary::detach(py, || {
        lineup::Optimizer::new(&slate, rules)?.late_swap(&entries, &started)
    })
    .map_err(errors::to_py)?;
    json(&swapped)
}

/// The site's upload CSV for lineups (JSON) of this slate.
#[edgekit_macros::boundary]
#[pyfunction]
fn upload_csv(slate: &PySlate, lineups: &str) -> PyResult<String> {
    let lineups: Vec<Lineup> = from_json(lineups, "lineups")?;
    Ok(lineup::upload_csv(&slate.inner, &lineups))
}

/// One row per player: lineup, slot, id, name, team, position, salary, projection.
#[edgekit_macros::boundary]
#[pyfunction]
fn readable_csv(lineups: &str) -> PyResult<String> {
    let lineups: Vec<Lineup> = from_json(lineups, "lineups")?;
    Ok(lineup::readable_csv(&lineups))
}

/// Lineups (JSON) read back from an upload or DraftKings entries CSV.
#[edgekit_macros::boundary]
#[pyfunction]
fn read_upload_csv(slate: &PySlate, text: &str) -> PyResult<String> {
    json(&lineup::read_upload_csv(&slate.inner, text).map_err(errors::to_py)?)
}

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "lineup")?;
    module.add_class::<PySlate>()?;
    module.add_function(wrap_pyfunction!(optimize, &module)?)?;
    module.add_function(wrap_pyfunction!(portfolio, &module)?)?;
    module.add_function(wrap_pyfunction!(late_swap, &module)?)?;
    module.add_function(wrap_pyfunction!(upload_csv, &module)?)?;
    module.add_function(wrap_pyfunction!(readable_csv, &module)?)?;
    module.add_function(wrap_pyfunction!(read_upload_csv, &module)?)?;
    parent.add_submodule(&module)?;
    Ok(())
}
