//! `ltp` namespace, continued: the detector's analysis over many symbols packed into shared
//! columns (`edgekit/ltp` packs the dashboard's `Bar[]` objects), failing fast or one result per
//! symbol, on the JS thread or off it.

use edgekit::ltp;
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::Plain;
use crate::errors::{Code, to_js};
use crate::ltp::level_formula_of;
use crate::work::{Async, work};

/// Many symbols' bars packed into shared columns. Per symbol, in order: daily bars, intraday
/// (5-minute) bars, one set per entry of `timeframes`, then its patience bars when
/// `withPatience`; `offsets` holds every set's start and, last, the total (so
/// `symbols.length · sets + 1` values).
#[napi(object, namespace = "ltp")]
pub struct PackedSymbols {
    pub symbols: Vec<String>,
    pub prices: Float64Array,
    pub timeframes: Vec<String>,
    pub with_patience: bool,
    pub offsets: Uint32Array,
    pub o: Float64Array,
    pub h: Float64Array,
    pub l: Float64Array,
    pub c: Float64Array,
    pub v: Float64Array,
    /// The level score's formula: `'corrected'` (default) or `'dashboard'`.
    #[napi(ts_type = "LevelFormula | undefined | null")]
    pub level_formula: Option<String>,
}

impl PackedSymbols {
    /// The batch as core reads it, in place.
    fn borrowed(&self) -> ltp::PackedSymbols<'_> {
        ltp::PackedSymbols {
            symbols: &self.symbols,
            prices: &self.prices,
            timeframes: &self.timeframes,
            with_patience: self.with_patience,
            offsets: &self.offsets,
            columns: [&self.o, &self.h, &self.l, &self.c, &self.v],
        }
    }
}

/// A batch copied out of its typed arrays, so the analysis can run while JS goes on.
struct OwnedBatch {
    symbols: Vec<String>,
    prices: Vec<f64>,
    timeframes: Vec<String>,
    with_patience: bool,
    offsets: Vec<u32>,
    columns: [Vec<f64>; 5],
}

impl OwnedBatch {
    fn of(batch: PackedSymbols) -> Self {
        OwnedBatch {
            columns: [&batch.o, &batch.h, &batch.l, &batch.c, &batch.v].map(|c| c.to_vec()),
            prices: batch.prices.to_vec(),
            offsets: batch.offsets.to_vec(),
            symbols: batch.symbols,
            timeframes: batch.timeframes,
            with_patience: batch.with_patience,
        }
    }

    fn borrowed(&self) -> ltp::PackedSymbols<'_> {
        ltp::PackedSymbols {
            symbols: &self.symbols,
            prices: &self.prices,
            timeframes: &self.timeframes,
            with_patience: self.with_patience,
            offsets: &self.offsets,
            columns: self.columns.each_ref().map(Vec::as_slice),
        }
    }
}

/// `analyzeSymbol` for many symbols from packed columns, in parallel; the first bad symbol
/// fails the call (`analyzeSymbolsEach` reports each in its own slot).
#[edgekit_macros::boundary]
#[napi(
    js_name = "analyzeSymbols",
    namespace = "ltp",
    ts_return_type = "Array<DetectedSetup | null>"
)]
pub fn analyze_symbols(batch: PackedSymbols) -> std::result::Result<Plain, Error<Code>> {
    let formula = level_formula_of("ltp.analyzeSymbols", batch.level_formula.clone())?;
    batch
        .borrowed()
        .analyze(formula)
        .map(|found| Plain::verbatim(&found))
        .map_err(to_js)
}

/// `analyzeSymbols` off the JS thread: a Promise of the setups.
#[edgekit_macros::boundary]
#[napi(
    js_name = "analyzeSymbolsAsync",
    namespace = "ltp",
    ts_return_type = "Promise<Array<DetectedSetup | null>>"
)]
pub fn analyze_symbols_async(
    batch: PackedSymbols,
) -> std::result::Result<Async<Vec<Option<ltp::DetectedSetup>>, Plain>, Error<Code>> {
    let formula = level_formula_of("ltp.analyzeSymbolsAsync", batch.level_formula.clone())?;
    let owned = OwnedBatch::of(batch);
    Ok(work(
        "ltp.analyzeSymbolsAsync",
        move || owned.borrowed().analyze(formula),
        |found| Ok(Plain::verbatim(&found)),
    ))
}

/// `analyzeSymbols` with one result per symbol: `{ setups, errors }`, where a bad symbol's
/// setup is null and its error is listed; only a broken layout fails the call.
#[edgekit_macros::boundary]
#[napi(
    js_name = "analyzeSymbolsEach",
    namespace = "ltp",
    ts_return_type = "SetupBatch"
)]
pub fn analyze_symbols_each(batch: PackedSymbols) -> std::result::Result<Plain, Error<Code>> {
    let formula = level_formula_of("ltp.analyzeSymbolsEach", batch.level_formula.clone())?;
    let results = batch.borrowed().analyze_each(formula).map_err(to_js)?;
    let names = batch.symbols.iter().map(String::as_str);
    Ok(Plain::verbatim(&ltp::SetupBatch::gather(names, results)))
}

/// `analyzeSymbolsEach` off the JS thread.
#[edgekit_macros::boundary]
#[napi(
    js_name = "analyzeSymbolsEachAsync",
    namespace = "ltp",
    ts_return_type = "Promise<SetupBatch>"
)]
pub fn analyze_symbols_each_async(
    batch: PackedSymbols,
) -> std::result::Result<Async<ltp::SetupBatch, Plain>, Error<Code>> {
    let formula = level_formula_of("ltp.analyzeSymbolsEachAsync", batch.level_formula.clone())?;
    let owned = OwnedBatch::of(batch);
    Ok(work(
        "ltp.analyzeSymbolsEachAsync",
        move || {
            let results = owned.borrowed().analyze_each(formula)?;
            let names = owned.symbols.iter().map(String::as_str);
            Ok::<_, ltp::LtpError>(ltp::SetupBatch::gather(names, results))
        },
        |found| Ok(Plain::verbatim(&found)),
    ))
}
