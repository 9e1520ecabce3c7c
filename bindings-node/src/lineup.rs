//! `lineup` namespace: slates, the optimizer (a Promise via AsyncTask, or sync) and upload
//! files. Rules are a plain object with camelCase or snake_case keys.

use std::sync::Arc;

use edgekit::lineup::{self, Contest, LineupError, Rules, Site, Sport};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::work::{Async, work};
use serde_json::Value;

use crate::convert::{Plain, plain};
use crate::errors::{Code, to_js};

fn parse<T: std::str::FromStr<Err = LineupError>>(
    text: &str,
) -> std::result::Result<T, Error<Code>> {
    text.parse().map_err(to_js)
}

/// A site's player pool with its roster template.
#[napi(namespace = "lineup")]
pub struct Slate {
    pub(crate) inner: Arc<lineup::Slate>,
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

    /// A slate from the app's own player rows (`{ id, name, positions, team, salary,
    /// projection, opponent?, game?, std?, floor?, ceiling?, ownership?, minExposure?,
    /// maxExposure?, battingOrder? }`), checked as a salary file is (errors name the record,
    /// from 1).
    #[edgekit_macros::boundary]
    #[napi(
        writable = true,
        configurable = true,
        factory,
        ts_args_type = "records: Array<PlayerRecord>, options?: Partial<SlateOptions> | null"
    )]
    pub fn from_records(
        records: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> std::result::Result<Slate, Error<Code>> {
        let o: lineup::SlateOptions = crate::convert::options("lineup.Slate.fromRecords", options)?;
        let records: Vec<lineup::PlayerRecord> =
            crate::convert::required("lineup.Slate.fromRecords", "records", records)?;
        let slate =
            lineup::Slate::from_records(records, o.site, o.sport, o.contest).map_err(to_js)?;
        Ok(Slate {
            inner: Arc::new(slate),
        })
    }

    /// Merges a projections CSV (text) by ID or name; returns `{ matched, unmatched, missing }`.
    #[edgekit_macros::boundary]
    #[napi(ts_return_type = "MergeReport")]
    pub fn merge_projections(&mut self, text: String) -> std::result::Result<Plain, Error<Code>> {
        let report = Arc::make_mut(&mut self.inner)
            .merge_projections_str(&text)
            .map_err(to_js)?;
        Ok(Plain::of(&report))
    }

    /// Players as objects (id, name, positions, team, opponent, game, salary, projection, ...).
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "Array<Player>")]
    pub fn players(&self) -> Plain {
        Plain::of(&self.inner.players)
    }

    /// The roster template: site, sport, contest, slots, salary_cap and the site's rules.
    #[edgekit_macros::boundary]
    #[napi(getter, ts_return_type = "Roster")]
    pub fn roster(&self) -> Plain {
        Plain::of(&self.inner.roster)
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

pub(crate) fn lineups(
    function: &str,
    given: Unknown<'_>,
) -> std::result::Result<Vec<lineup::Lineup>, Error<Code>> {
    crate::convert::required(function, "lineups", given)
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
) -> std::result::Result<Async<Vec<lineup::Lineup>, Plain>, Error<Code>> {
    let job = task(slate, "lineup.optimize", options)?;
    Ok(work("lineup.optimize", move || job.run(), plain))
}

/// `optimize` on the calling thread.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, options?: OptimizeOptions | undefined | null",
    ts_return_type = "Array<Lineup>"
)]
pub fn optimize_sync(
    slate: &Slate,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let found = task(slate, "lineup.optimizeSync", options)?
        .run()
        .map_err(to_js)?;
    Ok(Plain::of(&found))
}

fn late_swap_task(
    slate: &Slate,
    entries: Unknown<'_>,
    started: Vec<String>,
    rules: Option<Unknown<'_>>,
) -> std::result::Result<OptimizeJob, Error<Code>> {
    Ok(OptimizeJob {
        slate: Arc::clone(&slate.inner),
        rules: crate::convert::argument("lineup.lateSwap", "rules", rules)?,
        method: lineup::Method::Search,
        job: Job::LateSwap {
            entries: lineups("lineup.lateSwap", entries)?,
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
    entries: Unknown<'_>,
    started: Vec<String>,
    rules: Option<Unknown<'_>>,
) -> std::result::Result<Async<Vec<lineup::Lineup>, Plain>, Error<Code>> {
    let job = late_swap_task(slate, entries, started, rules)?;
    Ok(work("lineup.lateSwap", move || job.run(), plain))
}

/// `lateSwap` on the calling thread.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, entries: Array<Lineup>, started: Array<string>, rules?: Record<string, unknown> | null",
    ts_return_type = "Array<Lineup>"
)]
pub fn late_swap_sync(
    slate: &Slate,
    entries: Unknown<'_>,
    started: Vec<String>,
    rules: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let found = late_swap_task(slate, entries, started, rules)?
        .run()
        .map_err(to_js)?;
    Ok(Plain::of(&found))
}

/// The site's upload CSV: the slot header, one row of IDs per lineup.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, lineups: Array<Lineup>"
)]
pub fn upload_csv(slate: &Slate, lineups: Unknown<'_>) -> std::result::Result<String, Error<Code>> {
    Ok(lineup::upload_csv(
        &slate.inner,
        &self::lineups("lineup.uploadCsv", lineups)?,
    ))
}

/// Every roster template (site, sport, contest, slots, salaryCap and the site's rules).
#[edgekit_macros::boundary]
#[napi(namespace = "lineup", ts_return_type = "Array<Roster>")]
pub fn rosters() -> Plain {
    Plain::of(&lineup::Roster::all())
}

/// One row per player: lineup, slot, id, name, team, position, salary, projection.
#[edgekit_macros::boundary]
#[napi(namespace = "lineup", ts_args_type = "lineups: Array<Lineup>")]
pub fn readable_csv(lineups: Unknown<'_>) -> std::result::Result<String, Error<Code>> {
    Ok(lineup::readable_csv(&self::lineups(
        "lineup.readableCsv",
        lineups,
    )?))
}

/// Lineups read back from an upload CSV or a DraftKings entries CSV (text).
#[edgekit_macros::boundary]
#[napi(namespace = "lineup", ts_return_type = "Array<Lineup>")]
pub fn read_upload_csv(slate: &Slate, text: String) -> std::result::Result<Plain, Error<Code>> {
    lineup::read_upload_csv(&slate.inner, &text)
        .map(|found| Plain::of(&found))
        .map_err(to_js)
}

pub struct PortfolioJob {
    slate: Arc<lineup::Slate>,
    rules: Rules,
    n: usize,
    seed: u64,
    options: lineup::PortfolioOptions,
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
    /// `{ simulations, candidates, teamCorrelation, stackCorrelation, gameCorrelation, defaultStd }`.
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
) -> std::result::Result<Async<lineup::Portfolio, Plain>, Error<Code>> {
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
        plain,
    ))
}

/// A contest from a prize-table CSV (text): a `place` column (`1`, `4-5`, `4th - 5th`) or
/// `first`/`last` columns, and a `prize` column (`$` and thousands separators allowed).
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "text: string, contest: { fieldSize: number, entryFee?: number, maxEntries?: number }",
    ts_return_type = "ContestSpec"
)]
pub fn read_payout_csv(
    text: String,
    contest: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let request: lineup::PayoutTableRequest =
        crate::convert::options("lineup.readPayoutCsv", contest)?;
    lineup::ContestSpec::from_payout_csv(
        &text,
        request.field_size,
        request.entry_fee,
        request.max_entries,
    )
    .map(|c| Plain::of(&c))
    .map_err(to_js)
}

/// Options of `simulateContest`.
#[napi(object, namespace = "lineup")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values (SimulateContestRequest)
pub struct SimulateContestArgs {
    /// The contest (from `readPayoutCsv`, or `{ fieldSize, entryFee, maxEntries, payouts }`).
    pub contest: Value,
    /// Seed of the field and the simulated slates (default 0).
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
    /// `{ simulations, outcomes: { teamCorrelation, stackCorrelation, gameCorrelation,
    /// defaultStd, positionCorrelations, playerCorrelations }, field: { stackRate, stackSize,
    /// minSalaryShare, maxOffOptimal, calibrationRounds } }`.
    pub options: Option<Value>,
}

/// Options of `contestPortfolio` and `selectByRoi`.
#[napi(object, namespace = "lineup")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values (ContestPortfolioRequest)
pub struct ContestPortfolioArgs {
    /// The contest.
    pub contest: Value,
    /// Entries wanted (default 20).
    pub n: Option<f64>,
    /// Rules of the candidates and of the set's exposure.
    pub rules: Option<Value>,
    /// Seed (default 0).
    #[napi(ts_type = "number | bigint")]
    pub seed: Option<crate::input::Seed>,
    /// As `simulateContest`'s, plus `candidates` (the pool's size for `contestPortfolio`).
    pub options: Option<Value>,
}

/// Simulates a contest with `lineups` entered together, off the JS thread: each entry's
/// expected payout, ROI, cash, top-1 % and win rates and finishes, the set's profit, the field.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, lineups: Array<Lineup>, args: SimulateContestArgs",
    ts_return_type = "Promise<ContestResult>"
)]
pub fn simulate_contest(
    slate: &Slate,
    lineups: Unknown<'_>,
    args: Option<Unknown<'_>>,
) -> std::result::Result<Async<lineup::ContestResult, Plain>, Error<Code>> {
    let function = "lineup.simulateContest";
    let request: lineup::SimulateContestRequest = crate::convert::options(function, args)?;
    let contest = request.contest().map_err(to_js)?;
    let lineups = self::lineups(function, lineups)?;
    let slate = Arc::clone(&slate.inner);
    Ok(work(
        function,
        move || {
            lineup::simulate_contest(&slate, &contest, &lineups, request.seed, &request.options)
        },
        plain,
    ))
}

/// Chooses `n` of `candidates` that together earn the most in the contest, off the JS thread.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, candidates: Array<Lineup>, args: ContestPortfolioArgs",
    ts_return_type = "Promise<ContestResult>"
)]
pub fn select_by_roi(
    slate: &Slate,
    candidates: Unknown<'_>,
    args: Option<Unknown<'_>>,
) -> std::result::Result<Async<lineup::ContestResult, Plain>, Error<Code>> {
    let function = "lineup.selectByRoi";
    let request: lineup::ContestPortfolioRequest = crate::convert::options(function, args)?;
    let contest = request.contest().map_err(to_js)?;
    let candidates = self::lineups(function, candidates)?;
    let slate = Arc::clone(&slate.inner);
    Ok(work(
        function,
        move || {
            lineup::select_by_roi(
                &slate,
                &contest,
                &candidates,
                request.n,
                &request.rules,
                request.seed,
                &request.options,
            )
        },
        plain,
    ))
}

/// A candidate pool built under the rules and `n` entries chosen from it by expected profit,
/// off the JS thread.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, args: ContestPortfolioArgs",
    ts_return_type = "Promise<ContestResult>"
)]
pub fn contest_portfolio(
    slate: &Slate,
    args: Option<Unknown<'_>>,
) -> std::result::Result<Async<lineup::ContestResult, Plain>, Error<Code>> {
    let function = "lineup.contestPortfolio";
    let request: lineup::ContestPortfolioRequest = crate::convert::options(function, args)?;
    let contest = request.contest().map_err(to_js)?;
    let slate = Arc::clone(&slate.inner);
    Ok(work(
        function,
        move || {
            lineup::contest_portfolio(
                &slate,
                &contest,
                request.n,
                &request.rules,
                request.seed,
                &request.options,
            )
        },
        plain,
    ))
}

/// A simulated field, off the JS thread: `{ lineups, summary }`.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, args?: { entries?: number, seed?: number | bigint, field?: Record<string, unknown> } | null",
    ts_return_type = "Promise<FieldSample>"
)]
pub fn sample_field(
    slate: &Slate,
    args: Option<Unknown<'_>>,
) -> std::result::Result<Async<lineup::FieldSample, Plain>, Error<Code>> {
    let request: lineup::FieldRequest = crate::convert::options("lineup.sampleField", args)?;
    let slate = Arc::clone(&slate.inner);
    Ok(work(
        "lineup.sampleField",
        move || lineup::sample_field(&slate, &request.field, request.entries, request.seed),
        plain,
    ))
}

/// The correlations the contest simulator draws between `players` (names or IDs) under the
/// outcome model (`{ teamCorrelation, ..., positionCorrelations: [{ a, b, opponent, value }],
/// playerCorrelations: [{ a, b, value }] }`).
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, args: { players: Array<string>, outcomes?: Partial<OutcomeModel> | null }",
    ts_return_type = "OutcomeCorrelations"
)]
pub fn outcome_correlations(
    slate: &Slate,
    args: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let request: lineup::CorrelationsRequest =
        crate::convert::options("lineup.outcomeCorrelations", args)?;
    lineup::outcome_correlations(&slate.inner, &request.players, &request.outcomes)
        .map(|c| Plain::of(&c))
        .map_err(to_js)
}

/// About `n` distinct candidate lineups under the rules, off the JS thread.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, args?: OptimizeOptions | undefined | null",
    ts_return_type = "Promise<Array<Lineup>>"
)]
pub fn candidate_pool(
    slate: &Slate,
    args: Option<Unknown<'_>>,
) -> std::result::Result<Async<Vec<lineup::Lineup>, Plain>, Error<Code>> {
    let request: lineup::OptimizeRequest = crate::convert::options("lineup.candidatePool", args)?;
    let slate = Arc::clone(&slate.inner);
    Ok(work(
        "lineup.candidatePool",
        move || lineup::candidate_pool(&slate, &request.rules, request.n),
        plain,
    ))
}

/// The upload CSV of a contest result's entries with each one's simulated results after its
/// slots (`readUploadCsv` reads the lineups back).
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, result: ContestResult"
)]
pub fn contest_csv(slate: &Slate, result: Unknown<'_>) -> std::result::Result<String, Error<Code>> {
    let result: lineup::ContestResult =
        crate::convert::required("lineup.contestCsv", "result", result)?;
    Ok(lineup::contest_csv(&slate.inner, &result))
}
