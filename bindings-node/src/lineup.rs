//! `lineup` namespace: slates, the optimizer (a Promise via AsyncTask, or sync) and upload
//! files. Rules are a plain object with camelCase or snake_case keys.

use std::sync::Arc;

use edgekit::lineup::{self, Contest, LineupError, Rules, Site, Sport};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, work};
use serde_json::Value;

use crate::errors::{Code, invalid_type, to_js};

fn parse<T: std::str::FromStr<Err = LineupError>>(
    text: &str,
) -> std::result::Result<T, Error<Code>> {
    text.parse().map_err(to_js)
}

fn to_value<T: serde::Serialize>(value: &T) -> std::result::Result<Value, Error<Code>> {
    serde_json::to_value(value).map_err(|e| invalid_type(e.to_string()))
}

/// A site's player pool with its roster template.
#[napi(namespace = "lineup")]
pub struct Slate {
    inner: Arc<lineup::Slate>,
}

#[edgekit_macros::boundary]
#[napi(namespace = "lineup")]
impl Slate {
    /// Reads a salary CSV file as the site exports it; the contest (`classic`/`showdown`) is
    /// detected unless given.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_csv(
        path: String,
        site: Option<String>,
        sport: Option<String>,
        contest: Option<String>,
    ) -> std::result::Result<Slate, Error<Code>> {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::new(Code::INVALID_INPUT, format!("{path}: {e}")))?;
        Self::from_csv_text(text, site, sport, contest)
    }

    /// [`Slate.fromCsv`] on CSV text.
    #[edgekit_macros::boundary]
    #[napi(writable = true, configurable = true, factory)]
    pub fn from_csv_text(
        text: String,
        site: Option<String>,
        sport: Option<String>,
        contest: Option<String>,
    ) -> std::result::Result<Slate, Error<Code>> {
        let contest: Option<Contest> = contest.as_deref().map(parse).transpose()?;
        let slate = lineup::Slate::from_csv_str(
            &text,
            parse::<Site>(site.as_deref().unwrap_or("draftkings"))?,
            parse::<Sport>(sport.as_deref().unwrap_or("nfl"))?,
            contest,
        )
        .map_err(to_js)?;
        Ok(Slate {
            inner: Arc::new(slate),
        })
    }

    /// Merges a projections CSV (text) by ID or name; returns `{ matched, unmatched, missing }`.
    #[edgekit_macros::boundary]
    #[napi(
        ts_return_type = "{ matched: number; unmatched: Array<[number, string]>; missing: number }"
    )]
    pub fn merge_projections(&mut self, text: String) -> std::result::Result<Value, Error<Code>> {
        let report = Arc::make_mut(&mut self.inner)
            .merge_projections_str(&text)
            .map_err(to_js)?;
        to_value(&report)
    }

    /// Players as objects (id, name, positions, team, opponent, game, salary, projection, ...).
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "Array<Record<string, unknown>>")]
    pub fn players(&self) -> std::result::Result<Value, Error<Code>> {
        to_value(&self.inner.players)
    }

    /// The roster template: site, sport, contest, slots, salary_cap and the site's rules.
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "Record<string, unknown>")]
    pub fn roster(&self) -> std::result::Result<Value, Error<Code>> {
        to_value(&self.inner.roster)
    }

    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn site(&self) -> &'static str {
        self.inner.roster.site.as_str()
    }

    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn contest(&self) -> &'static str {
        self.inner.roster.contest.as_str()
    }

    #[edgekit_macros::boundary]
    #[napi(getter)]
    pub fn length(&self) -> u32 {
        self.inner.players.len() as u32
    }
}

/// One player of a lineup.
#[napi(object, namespace = "lineup")]
#[derive(serde::Serialize, serde::Deserialize)]
pub struct LineupPlayer {
    pub slot: String,
    pub id: String,
    pub name: String,
    pub team: String,
    pub position: String,
    pub salary: u32,
    pub projection: f64,
    /// Index of the row in `slate.players`.
    pub row: u32,
}

/// A lineup: players in slot order.
#[napi(object, namespace = "lineup")]
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Lineup {
    pub projection: f64,
    pub salary: u32,
    pub players: Vec<LineupPlayer>,
}

fn to_js_lineups(lineups: Vec<lineup::Lineup>) -> std::result::Result<Vec<Lineup>, Error<Code>> {
    lineups
        .iter()
        .map(|l| serde_json::from_value(to_value(l)?).map_err(|e| invalid_type(e.to_string())))
        .collect()
}

fn from_js_lineups(lineups: &[Lineup]) -> std::result::Result<Vec<lineup::Lineup>, Error<Code>> {
    lineups
        .iter()
        .map(|l| {
            serde_json::from_value(to_value(l)?).map_err(|e| invalid_type(format!("lineups: {e}")))
        })
        .collect()
}

pub struct OptimizeJob {
    slate: Arc<lineup::Slate>,
    rules: Rules,
    method: lineup::Method,
    job: Job,
}

enum Job {
    Optimize {
        n: usize,
        seed: Option<u64>,
    },
    LateSwap {
        entries: Vec<lineup::Lineup>,
        started: Vec<String>,
    },
}

impl OptimizeJob {
    fn run(&self) -> std::result::Result<Vec<lineup::Lineup>, LineupError> {
        let optimizer =
            lineup::Optimizer::new(&self.slate, self.rules.clone())?.method(self.method);
        match &self.job {
            Job::Optimize { n, seed } => optimizer.optimize(*n, *seed),
            Job::LateSwap { entries, started } => {
                let started: Vec<&str> = started.iter().map(String::as_str).collect();
                optimizer.late_swap(entries, &started)
            }
        }
    }
}

/// Options of `optimize`.
#[napi(object, namespace = "lineup")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values (OptimizeRequest)
pub struct OptimizeOptions {
    /// Lineups wanted (default 1).
    pub n: Option<f64>,
    /// Rules (camelCase or snake_case keys; see docs/lineup.md).
    pub rules: Option<Value>,
    /// Seed of randomized projections.
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
    /// `"search"` (default) or `"milp"` (a MILP per lineup, for cross-checks).
    #[napi(ts_type = "'search' | 'milp'")]
    pub method: Option<String>,
}

fn task(
    slate: &Slate,
    function: &str,
    options: Option<Unknown<'_>>,
) -> std::result::Result<OptimizeJob, Error<Code>> {
    let request: lineup::OptimizeRequest = crate::convert::options(function, options)?;
    Ok(OptimizeJob {
        slate: Arc::clone(&slate.inner),
        rules: request.rules,
        method: request.method,
        job: Job::Optimize {
            n: request.n,
            seed: request.seed,
        },
    })
}

/// The `n` best lineups in decreasing projection, each optimal under the rules given the ones
/// before it; runs off the JS thread. Rejects with `code` `EDGEKIT_INFEASIBLE` when the rules
/// leave no lineup (the message names the conflicting rules).
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, options?: OptimizeOptions | undefined | null",
    ts_return_type = "Promise<Array<Lineup>>"
)]
pub fn optimize(
    slate: &Slate,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<Vec<lineup::Lineup>, Vec<Lineup>>, Error<Code>> {
    let job = task(slate, "lineup.optimize", options)?;
    Ok(work("lineup.optimize", move || job.run(), to_js_lineups))
}

/// `optimize` on the calling thread.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, options?: OptimizeOptions | undefined | null"
)]
pub fn optimize_sync(
    slate: &Slate,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Vec<Lineup>, Error<Code>> {
    to_js_lineups(
        task(slate, "lineup.optimizeSync", options)?
            .run()
            .map_err(to_js)?,
    )
}

fn late_swap_task(
    slate: &Slate,
    entries: Vec<Lineup>,
    started: Vec<String>,
    rules: Option<Unknown<'_>>,
) -> std::result::Result<OptimizeJob, Error<Code>> {
    Ok(OptimizeJob {
        slate: Arc::clone(&slate.inner),
        rules: crate::convert::argument("lineup.lateSwap", "rules", rules)?,
        method: lineup::Method::Search,
        job: Job::LateSwap {
            entries: from_js_lineups(&entries)?,
            started,
        },
    })
}

/// Late swap, off the JS thread: entries re-optimized after the `started` games (keys like
/// "NYG@DAL" or teams) began. Their players keep their slots, others from those games are out;
/// entries are swapped in order as one portfolio (each optimal given the ones before, distinct,
/// exposure over all of them).
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, entries: Array<Lineup>, started: Array<string>, rules?: Record<string, unknown> | null",
    ts_return_type = "Promise<Array<Lineup>>"
)]
pub fn late_swap(
    slate: &Slate,
    entries: Vec<Lineup>,
    started: Vec<String>,
    rules: Option<Unknown<'_>>,
) -> std::result::Result<Async<Vec<lineup::Lineup>, Vec<Lineup>>, Error<Code>> {
    let job = late_swap_task(slate, entries, started, rules)?;
    Ok(work("lineup.lateSwap", move || job.run(), to_js_lineups))
}

/// `lateSwap` on the calling thread.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, entries: Array<Lineup>, started: Array<string>, rules?: Record<string, unknown> | null"
)]
pub fn late_swap_sync(
    slate: &Slate,
    entries: Vec<Lineup>,
    started: Vec<String>,
    rules: Option<Unknown<'_>>,
) -> std::result::Result<Vec<Lineup>, Error<Code>> {
    to_js_lineups(
        late_swap_task(slate, entries, started, rules)?
            .run()
            .map_err(to_js)?,
    )
}

/// The site's upload CSV: the slot header, one row of IDs per lineup.
#[edgekit_macros::boundary]
#[napi(namespace = "lineup")]
pub fn upload_csv(slate: &Slate, lineups: Vec<Lineup>) -> std::result::Result<String, Error<Code>> {
    Ok(lineup::upload_csv(
        &slate.inner,
        &from_js_lineups(&lineups)?,
    ))
}

/// One row per player: lineup, slot, id, name, team, position, salary, projection.
#[edgekit_macros::boundary]
#[napi(namespace = "lineup")]
pub fn readable_csv(lineups: Vec<Lineup>) -> std::result::Result<String, Error<Code>> {
    Ok(lineup::readable_csv(&from_js_lineups(&lineups)?))
}

/// Lineups read back from an upload CSV or a DraftKings entries CSV (text).
#[edgekit_macros::boundary]
#[napi(namespace = "lineup")]
pub fn read_upload_csv(
    slate: &Slate,
    text: String,
) -> std::result::Result<Vec<Lineup>, Error<Code>> {
    to_js_lineups(lineup::read_upload_csv(&slate.inner, &text).map_err(to_js)?)
}

pub struct PortfolioJob {
    slate: Arc<lineup::Slate>,
    rules: Rules,
    n: usize,
    seed: u64,
    options: lineup::PortfolioOptions,
}

/// One lineup of a portfolio with its simulated score.
#[napi(object, namespace = "lineup")]
#[derive(serde::Deserialize)]
pub struct PortfolioEntry {
    pub lineup: Lineup,
    pub mean: f64,
    pub std: f64,
    pub p90: f64,
    /// Rise of the expected best score when it was chosen.
    pub gain: f64,
}

/// Lineups in pick order, the set's expected best score and the candidates considered.
#[napi(object, namespace = "lineup")]
#[derive(serde::Deserialize)]
pub struct PortfolioResult {
    pub lineups: Vec<PortfolioEntry>,
    #[serde(rename = "expected_best")]
    pub expected_best: f64,
    pub candidates: u32,
}

/// Options of `portfolio`.
#[napi(object, namespace = "lineup")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values (PortfolioRequest)
pub struct PortfolioArgs {
    /// Lineups wanted (default 20).
    pub n: Option<f64>,
    /// Rules (camelCase or snake_case keys).
    pub rules: Option<Value>,
    /// Seed of the simulations (default 0).
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
    /// `{ simulations, candidates, teamCorrelation, stackCorrelation, defaultStd }`.
    pub options: Option<Value>,
}

/// `n` lineups maximising the expected best score over seeded simulated outcomes, off the JS
/// thread. Resolves to `{ lineups: [{ lineup, mean, std, p90, gain }], expectedBest, candidates }`.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, args?: PortfolioArgs | undefined | null",
    ts_return_type = "Promise<PortfolioResult>"
)]
pub fn portfolio(
    slate: &Slate,
    args: Option<Unknown<'_>>,
) -> std::result::Result<Async<lineup::Portfolio, PortfolioResult>, Error<Code>> {
    let request: lineup::PortfolioRequest = crate::convert::options("lineup.portfolio", args)?;
    let job = PortfolioJob {
        slate: Arc::clone(&slate.inner),
        rules: request.rules,
        n: request.n,
        seed: request.seed,
        options: request.options,
    };
    Ok(work(
        "lineup.portfolio",
        move || lineup::portfolio(&job.slate, job.n, &job.rules, job.seed, &job.options),
        |p| serde_json::from_value(to_value(&p)?).map_err(|e| invalid_type(e.to_string())),
    ))
}
