//! `lineup` entries files: DraftKings' and FanDuel's files for editing entries, read against
//! the slate, late-swapped at a time and written back as the upload (core's `EntriesFile`).

use std::sync::Arc;

use edgekit::lineup;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{Plain, plain};
use crate::errors::{Code, to_js};
use crate::lineup::{Slate, lineups};
use crate::work::{Async, work};

/// An entries file (DraftKings' `DKEntries.csv`, FanDuel's entries export, as text) read
/// against the slate (`Slate.fromCsv` reads the slate from the same file's player pool).
#[edgekit_macros::boundary]
#[napi(namespace = "lineup", ts_return_type = "EntriesFile")]
pub fn read_entries_csv(slate: &Slate, text: String) -> std::result::Result<Plain, Error<Code>> {
    lineup::EntriesFile::read(&slate.inner, &text)
        .map(|file| Plain::of(&file))
        .map_err(to_js)
}

/// Options of `lateSwapEntries`.
#[napi(object, namespace = "lineup")]
#[allow(dead_code)] // declares the TypeScript shape; core reads the values (LateSwapRequest)
pub struct LateSwapOptions {
    /// The time of the swap: a Date, ISO 8601 text with an offset, DraftKings'
    /// `"01/18/2019 08:30PM ET"` or Unix seconds. Games starting by then have started.
    #[napi(ts_type = "Date | string | number")]
    pub now: Option<Value>,
    /// Games (`"NYG@DAL"`) or teams already started (FanDuel's files carry no times).
    pub started: Option<Vec<String>>,
    /// Rules (camelCase or snake_case keys; see docs/lineup.md).
    pub rules: Option<Value>,
}

type SwapResult = std::result::Result<lineup::EntriesFile, lineup::LineupError>;

fn swap_task(
    slate: &Slate,
    function: &str,
    file: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<impl FnOnce() -> SwapResult + Send + 'static, Error<Code>> {
    let file: lineup::EntriesFile = crate::convert::required(function, "entries", file)?;
    let request: lineup::LateSwapRequest = crate::convert::options(function, options)?;
    let slate = Arc::clone(&slate.inner);
    Ok(move || {
        let started: Vec<&str> = request.started.iter().map(String::as_str).collect();
        lineup::Optimizer::new(&slate, request.rules.clone())?.late_swap_entries(
            &file,
            request.now,
            &started,
        )
    })
}

/// Late swap of an entries file, off the JS thread: players whose games have started (by
/// `now` and the file's Game Info times, `In Progress` or `(LOCKED)` marks, or `started`) keep
/// their slots, the rest is re-chosen; reservations are filled. Resolves with the entries file,
/// each entry's `locked` players listed, for `entriesCsv`.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, entries: EntriesFile, options?: LateSwapOptions | undefined | null",
    ts_return_type = "Promise<EntriesFile>"
)]
pub fn late_swap_entries(
    slate: &Slate,
    entries: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Async<lineup::EntriesFile, Plain>, Error<Code>> {
    let function = "lineup.lateSwapEntries";
    let job = swap_task(slate, function, entries, options)?;
    Ok(work(function, job, plain))
}

/// `lateSwapEntries` on the calling thread.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, entries: EntriesFile, options?: LateSwapOptions | undefined | null",
    ts_return_type = "EntriesFile"
)]
pub fn late_swap_entries_sync(
    slate: &Slate,
    entries: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> std::result::Result<Plain, Error<Code>> {
    let job = swap_task(slate, "lineup.lateSwapEntriesSync", entries, options)?;
    job().map(|file| Plain::of(&file)).map_err(to_js)
}

/// The entries file with `lineups` placed into its entries in order.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "entries: EntriesFile, lineups: Array<Lineup>",
    ts_return_type = "EntriesFile"
)]
pub fn fill_entries(
    entries: Unknown<'_>,
    lineups: Unknown<'_>,
) -> std::result::Result<Plain, Error<Code>> {
    let function = "lineup.fillEntries";
    let file: lineup::EntriesFile = crate::convert::required(function, "entries", entries)?;
    let lineups = self::lineups(function, lineups)?;
    lineup::fill_entries(&file, &lineups)
        .map(|file| Plain::of(&file))
        .map_err(to_js)
}

/// The upload that edits these entries: the entry columns as read (Entry ID, contest, fee),
/// then each lineup's IDs in slot order.
#[edgekit_macros::boundary]
#[napi(
    namespace = "lineup",
    ts_args_type = "slate: Slate, entries: EntriesFile"
)]
pub fn entries_csv(
    slate: &Slate,
    entries: Unknown<'_>,
) -> std::result::Result<String, Error<Code>> {
    let file: lineup::EntriesFile =
        crate::convert::required("lineup.entriesCsv", "entries", entries)?;
    Ok(file.to_csv(&slate.inner))
}

/// Unix seconds of a time as the sites print it (`"01/18/2019 07:00PM ET"`, US Eastern) or as
/// ISO 8601 with an offset.
#[edgekit_macros::boundary]
#[napi(namespace = "lineup")]
pub fn parse_time(text: String) -> std::result::Result<f64, Error<Code>> {
    lineup::parse_time(&text).map(|t| t as f64).map_err(to_js)
}
