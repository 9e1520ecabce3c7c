//! `edgekit.ltp`: the KCU LTP engine. Bars arrive as (open, high, low, close, volume-or-None)
//! float columns; structured values (levels, analyses, profiles) are read and results handed
//! back through `convert`, in the dashboard's dict shapes.

use std::collections::BTreeMap;

use edgekit::ltp::{self, Direction, KeyLevel, LevelResult, LtpError, MtfAnalysis, PatienceResult};
use edgekit::patterns::Bars;
use numpy::PyReadonlyArray1;
use pyo3::prelude::*;

use crate::{convert, errors, input};

type Any<'py> = Bound<'py, PyAny>;
/// (open, high, low, close, volume or None).
type BarTuple<'py> = (Any<'py>, Any<'py>, Any<'py>, Any<'py>, Option<Any<'py>>);
/// (symbol, price, daily, intraday, [(timeframe, bars)], patience or None).
type SymbolTuple<'py> = (
    String,
    f64,
    Any<'py>,
    Any<'py>,
    Vec<(String, Any<'py>)>,
    Option<Any<'py>>,
);

/// Borrowed float columns of one set of bars.
pub struct Columns<'py> {
    ohlc: [PyReadonlyArray1<'py, f64>; 4],
    volume: Option<PyReadonlyArray1<'py, f64>>,
}

/// `Bars::new` or `Bars::finite`.
type BarsCheck<'a> = fn(
    &'a [f64],
    &'a [f64],
    &'a [f64],
    &'a [f64],
    Option<&'a [f64]>,
) -> Result<Bars<'a>, edgekit::patterns::PatternError>;

impl<'py> Columns<'py> {
    pub fn extract(t: &Bound<'py, PyAny>, name: &str) -> PyResult<Self> {
        let (o, h, l, c, v): BarTuple<'py> = t.extract().map_err(|_| {
            errors::input_type(format!(
                "{name} must be (open, high, low, close, volume or None) columns"
            ))
        })?;
        Ok(Columns {
            ohlc: [
                input::float_array(&o, &format!("{name}.open"))?,
                input::float_array(&h, &format!("{name}.high"))?,
                input::float_array(&l, &format!("{name}.low"))?,
                input::float_array(&c, &format!("{name}.close"))?,
            ],
            volume: v
                .map(|v| input::float_array(&v, &format!("{name}.volume")))
                .transpose()?,
        })
    }

    pub fn bars(&self, name: &str) -> Result<Bars<'_>, LtpError> {
        self.read(name, Bars::new)
    }

    /// Bars for the dashboard's chart helpers, which read contradictory but finite bars as
    /// given ([`Bars::finite`]).
    pub fn finite_bars(&self, name: &str) -> Result<Bars<'_>, LtpError> {
        self.read(name, Bars::finite)
    }

    fn read<'a>(&'a self, name: &str, check: BarsCheck<'a>) -> Result<Bars<'a>, LtpError> {
        let [o, h, l, c] = &self.ohlc;
        check(
            input::as_slice(o),
            input::as_slice(h),
            input::as_slice(l),
            input::as_slice(c),
            self.volume.as_ref().map(input::as_slice),
        )
        .map_err(LtpError::bars(name))
    }
}

pub(crate) fn direction(s: &str) -> PyResult<Direction> {
    s.parse().map_err(errors::to_py)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn calculate_ltp_score(
    py: Python<'_>,
    level: f64,
    trend: f64,
    patience: f64,
) -> PyResult<Bound<'_, PyAny>> {
    let score = ltp::calculate_ltp_score(level, trend, patience).map_err(errors::to_py)?;
    convert::plain(py, &score)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn calculate_ema(data: &Bound<'_, PyAny>, period: usize) -> PyResult<f64> {
    let data = input::float_array(data, "data")?;
    ltp::calculate_ema(input::as_slice(&data), period).map_err(errors::to_py)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn calculate_vwap(bars: &Bound<'_, PyAny>) -> PyResult<f64> {
    let columns = Columns::extract(bars, "bars")?;
    ltp::calculate_vwap(columns.finite_bars("bars").map_err(errors::to_py)?).map_err(errors::to_py)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn detect_patience_candle(
    bars: &Bound<'_, PyAny>,
    level_price: f64,
    max_candle_size: f64,
) -> PyResult<(bool, u32)> {
    let columns = Columns::extract(bars, "bars")?;
    let bars = columns.bars("bars").map_err(errors::to_py)?;
    let r =
        ltp::detect_patience_candle(bars, level_price, max_candle_size).map_err(errors::to_py)?;
    Ok((r.detected, r.count))
}

#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (price, levels, threshold, level_formula=None))]
fn score_level_proximity<'py>(
    py: Python<'py>,
    price: f64,
    levels: &Bound<'py, PyAny>,
    threshold: f64,
    level_formula: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let levels: Vec<KeyLevel> = convert::argument(FN_LEVEL, "levels", levels)?;
    let formula = level_formula_of(FN_LEVEL, level_formula)?;
    let result =
        ltp::score_level_proximity(price, &levels, threshold, formula).map_err(errors::to_py)?;
    convert::plain(py, &result)
}

/// The level formula named by a string (`"corrected"`, the default, or `"dashboard"`); core
/// owns the names.
fn level_formula_of(
    function: &str,
    name: Option<&Bound<'_, PyAny>>,
) -> PyResult<ltp::LevelFormula> {
    match name {
        None => Ok(ltp::LevelFormula::default()),
        Some(name) if name.is_none() => Ok(ltp::LevelFormula::default()),
        Some(name) => convert::argument(function, "level_formula", name),
    }
}

const FN_LEVEL: &str = "ltp.score_level_proximity";

#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (analyses, direction_name, weights=None))]
fn score_trend_alignment(
    analyses: &Bound<'_, PyAny>,
    direction_name: &str,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    const NAME: &str = "ltp.score_trend_alignment";
    let analyses: Vec<MtfAnalysis> = convert::argument(NAME, "analyses", analyses)?;
    let weights: Option<BTreeMap<String, f64>> = weights
        .map(|w| convert::argument(NAME, "weights", w))
        .transpose()?;
    ltp::score_trend_alignment(&analyses, direction(direction_name)?, weights.as_ref())
        .map_err(errors::to_py)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn score_patience_quality(detected: bool, count: u32) -> PyResult<f64> {
    Ok(ltp::score_patience_quality(PatienceResult {
        detected,
        count,
    }))
}

#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (price, level, direction_name))]
fn calculate_trade_params<'py>(
    py: Python<'py>,
    price: f64,
    level: Option<&Bound<'py, PyAny>>,
    direction_name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let level: Option<KeyLevel> = level
        .map(|l| convert::argument("ltp.calculate_trade_params", "level", l))
        .transpose()?;
    let params = ltp::calculate_trade_params(price, level.as_ref(), direction(direction_name)?)
        .map_err(errors::to_py)?;
    convert::plain(py, &params)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn get_ltp_grade(score: f64) -> PyResult<&'static str> {
    if score.is_nan() {
        return Err(errors::invalid_input("score is NaN".into()));
    }
    Ok(ltp::get_ltp_grade(score))
}

#[edgekit_macros::boundary]
#[pyfunction]
fn generate_coach_note(
    level_result: &Bound<'_, PyAny>,
    trend_score: f64,
    detected: bool,
    count: u32,
    direction_name: &str,
) -> PyResult<String> {
    let level: LevelResult =
        convert::argument("ltp.generate_coach_note", "level_result", level_result)?;
    Ok(ltp::generate_coach_note(
        &level,
        trend_score,
        PatienceResult { detected, count },
        direction(direction_name)?,
    ))
}

#[edgekit_macros::boundary]
#[pyfunction]
fn key_levels<'py>(
    py: Python<'py>,
    daily: &Bound<'py, PyAny>,
    intraday: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (d, i) = (
        Columns::extract(daily, "daily")?,
        Columns::extract(intraday, "intraday")?,
    );
    let levels = ltp::key_levels(
        d.bars("daily").map_err(errors::to_py)?,
        i.bars("intraday").map_err(errors::to_py)?,
    );
    convert::plain(py, &levels)
}

#[edgekit_macros::boundary]
#[pyfunction]
fn analyze_timeframe<'py>(
    py: Python<'py>,
    bars: &Bound<'py, PyAny>,
    timeframe: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let columns = Columns::extract(bars, "bars")?;
    let bars = columns.bars(timeframe).map_err(errors::to_py)?;
    convert::plain(
        py,
        &ltp::analyze_timeframe(bars, timeframe).map_err(errors::to_py)?,
    )
}

/// One symbol's columns, extracted while holding the GIL.
struct Symbol<'py> {
    symbol: String,
    price: f64,
    daily: Columns<'py>,
    intraday: Columns<'py>,
    timeframes: Vec<(String, Columns<'py>)>,
    patience: Option<Columns<'py>>,
}

/// Many symbols: each a tuple (symbol, price, daily, intraday, [(timeframe, bars)], patience).
/// Returns `{"setups", "errors"}`: one setup (None where the dashboard returns null, or where
/// the symbol's inputs are bad) per symbol, and one error per bad symbol; a bad symbol never
/// fails the others.
#[edgekit_macros::boundary]
#[pyfunction]
#[pyo3(signature = (symbols, level_formula=None))]
fn analyze_symbols<'py>(
    py: Python<'py>,
    symbols: &Bound<'py, PyAny>,
    level_formula: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let formula = level_formula_of("ltp.analyze_symbols", level_formula)?;
    let mut owned: Vec<Result<Symbol<'_>, ltp::SymbolError>> = Vec::new();
    for (index, item) in symbols.try_iter()?.enumerate() {
        let item = item?;
        let (symbol, price, daily, intraday, frames, patience): SymbolTuple<'_> = item.extract()?;
        let extracted = (|| -> PyResult<Symbol<'_>> {
            Ok(Symbol {
                daily: Columns::extract(&daily, &format!("{symbol} daily"))?,
                intraday: Columns::extract(&intraday, &format!("{symbol} intraday"))?,
                timeframes: frames
                    .iter()
                    .map(|(tf, b)| {
                        Ok((tf.clone(), Columns::extract(b, &format!("{symbol} {tf}"))?))
                    })
                    .collect::<PyResult<_>>()?,
                patience: patience
                    .map(|p| Columns::extract(&p, &format!("{symbol} patience")))
                    .transpose()?,
                symbol: symbol.clone(),
                price,
            })
        })();
        owned.push(extracted.map_err(|e| symbol_error(py, index, &symbol, &e)));
    }
    // In input order: each symbol's validated bars, or what is wrong with them.
    let inputs: Vec<Result<ltp::SymbolInput, ltp::SymbolError>> = owned
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let s = s.as_ref().map_err(Clone::clone)?;
            let name = |what: &str| format!("{} {what}", s.symbol);
            let bars = || -> Result<ltp::SymbolInput, ltp::LtpError> {
                let mut timeframes = Vec::with_capacity(s.timeframes.len());
                for (tf, columns) in &s.timeframes {
                    timeframes.push((tf.as_str(), columns.bars(&name(tf))?));
                }
                Ok(ltp::SymbolInput {
                    symbol: &s.symbol,
                    price: s.price,
                    daily: s.daily.bars(&name("daily"))?,
                    intraday: s.intraday.bars(&name("intraday"))?,
                    timeframes,
                    patience: s
                        .patience
                        .as_ref()
                        .map(|p| p.bars(&name("patience")))
                        .transpose()?,
                })
            };
            bars().map_err(|error| ltp::SymbolError::new(index, &s.symbol, error))
        })
        .collect();
    let good: Vec<ltp::SymbolInput> = inputs
        .iter()
        .filter_map(|i| i.as_ref().ok().cloned())
        .collect();
    let mut analysed =
        crate::boundary::detach(py, || ltp::analyze_symbols_each(&good, formula)).into_iter();
    let batch = ltp::SetupBatch::of(inputs.iter().enumerate().map(|(index, input)| {
        let input = input.as_ref().map_err(Clone::clone)?;
        let result = analysed.next().expect("one analysis per good input");
        result.map_err(|error| ltp::SymbolError::new(index, input.symbol, error))
    }));
    convert::plain(py, &batch)
}

/// A Python exception raised while reading symbol `index`, as a batch error (its `code`
/// attribute when it is an `EdgekitError`).
fn symbol_error(py: Python<'_>, index: usize, symbol: &str, error: &PyErr) -> ltp::SymbolError {
    let value = error.value(py);
    let code = value
        .getattr("code")
        .and_then(|c| c.extract::<String>())
        .unwrap_or_else(|_| "EDGEKIT_INVALID_TYPE".to_owned());
    ltp::SymbolError {
        index,
        symbol: symbol.to_owned(),
        code,
        message: value.to_string(),
    }
}

pub fn register(parent: &Bound<'_, PyModule>) -> PyResult<()> {
    let module = PyModule::new(parent.py(), "ltp")?;
    module.add_function(wrap_pyfunction!(calculate_ltp_score, &module)?)?;
    module.add_function(wrap_pyfunction!(calculate_ema, &module)?)?;
    module.add_function(wrap_pyfunction!(calculate_vwap, &module)?)?;
    module.add_function(wrap_pyfunction!(detect_patience_candle, &module)?)?;
    module.add_function(wrap_pyfunction!(score_level_proximity, &module)?)?;
    module.add_function(wrap_pyfunction!(score_trend_alignment, &module)?)?;
    module.add_function(wrap_pyfunction!(score_patience_quality, &module)?)?;
    module.add_function(wrap_pyfunction!(calculate_trade_params, &module)?)?;
    module.add_function(wrap_pyfunction!(get_ltp_grade, &module)?)?;
    module.add_function(wrap_pyfunction!(generate_coach_note, &module)?)?;
    module.add_function(wrap_pyfunction!(key_levels, &module)?)?;
    module.add_function(wrap_pyfunction!(analyze_timeframe, &module)?)?;
    module.add_function(wrap_pyfunction!(analyze_symbols, &module)?)?;
    register_tracker(&module)?;
    crate::ltp_chart::register(&module)?;
    crate::ltp_fvg::register(&module)?;
    crate::ltp_gamma::register(&module)?;
    crate::ltp_swings::register(&module)?;
    parent.add_submodule(&module)?;
    Ok(())
}

/// Events as `TrackerEvent` records, with symbol names in place of ids.
fn events<'py>(
    py: Python<'py>,
    tracker: &ltp::Tracker,
    events: &[ltp::Event],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(convert::records(py, "TrackerEvent", &tracker.named(events))?.into_any())
}

/// The streaming setup tracker (state, events, save/restore); the wrapper converts JSON.
#[pyclass(module = "edgekit._edgekit.ltp", name = "_Tracker", frozen)]
pub struct Tracker(crate::boundary::Shared<ltp::Tracker>);

impl From<ltp::Tracker> for Tracker {
    fn from(tracker: ltp::Tracker) -> Self {
        Tracker(crate::boundary::Shared::new(tracker))
    }
}

#[edgekit_macros::boundary]
#[pymethods]
impl Tracker {
    #[new]
    #[pyo3(signature = (profile=None))]
    fn new(profile: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let profile: ltp::Profile = match profile {
            Some(p) => convert::argument("ltp.Tracker", "profile", p)?,
            None => ltp::Profile::default(),
        };
        Ok(Tracker::from(
            ltp::Tracker::new(profile).map_err(errors::to_py)?,
        ))
    }

    fn profile<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::plain(py, self.0.lock().profile())
    }

    fn symbols(&self) -> Vec<String> {
        self.0.lock().symbols().to_vec()
    }

    fn set_levels(&self, symbol: &str, levels: &Bound<'_, PyAny>) -> PyResult<()> {
        let levels: Vec<KeyLevel> = convert::argument("ltp.Tracker.set_levels", "levels", levels)?;
        self.0
            .lock()
            .set_levels(symbol, levels)
            .map_err(errors::to_py)
    }

    #[allow(clippy::too_many_arguments)]
    fn update<'py>(
        &self,
        py: Python<'py>,
        symbol: &str,
        t: i64,
        o: f64,
        h: f64,
        l: f64,
        c: f64,
        v: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let bar = ltp::Bar { t, o, h, l, c, v };
        let mut tracker = self.0.lock();
        let fired = tracker.update(symbol, &bar).map_err(errors::to_py)?;
        events(py, &tracker, &fired)
    }

    /// Bars in time order for many symbols: `symbols` names each row.
    #[allow(clippy::too_many_arguments)]
    fn update_many<'py>(
        &self,
        py: Python<'py>,
        symbols: Vec<String>,
        t: numpy::PyReadonlyArray1<'_, i64>,
        o: &Bound<'_, PyAny>,
        h: &Bound<'_, PyAny>,
        l: &Bound<'_, PyAny>,
        c: &Bound<'_, PyAny>,
        v: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let columns = [
            input::float_array(o, "open")?,
            input::float_array(h, "high")?,
            input::float_array(l, "low")?,
            input::float_array(c, "close")?,
            input::float_array(v, "volume")?,
        ];
        let t = t
            .as_slice()
            .map_err(|e| errors::invalid_input(e.to_string()))?;
        let [o, h, l, c, v] = columns.each_ref().map(input::as_slice);
        let ids: Vec<u32> = {
            let mut tracker = self.0.lock();
            symbols.iter().map(|s| tracker.symbol_id(s)).collect()
        };
        let fired = crate::boundary::detach(py, || {
            let mut out = Vec::new();
            self.0
                .lock()
                .update_columns(&ids, t, o, h, l, c, Some(v), &mut out)
                .map(|()| out)
        })
        .map_err(errors::to_py)?;
        events(py, &self.0.lock(), &fired)
    }

    fn evaluation<'py>(&self, py: Python<'py>, symbol: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.0.lock().evaluation(symbol) {
            Some(evaluation) => convert::record(py, "Evaluation", evaluation),
            None => Ok(py.None().into_bound(py)),
        }
    }

    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
        pyo3::types::PyBytes::new(py, &self.0.lock().to_bytes())
    }

    #[staticmethod]
    fn from_bytes(bytes: &[u8]) -> PyResult<Self> {
        Ok(Tracker::from(
            ltp::Tracker::from_bytes(bytes).map_err(errors::to_py)?,
        ))
    }

    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&*self.0.lock()).map_err(|e| errors::invalid_input(e.to_string()))
    }

    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let tracker: ltp::Tracker = serde_json::from_str(text)
            .map_err(|e| errors::to_py(LtpError::InvalidState(e.to_string())))?;
        Ok(Tracker::from(tracker))
    }
}

#[edgekit_macros::boundary]
#[pyfunction]
fn default_profile(py: Python<'_>, forex_hourly: bool) -> PyResult<Bound<'_, PyAny>> {
    convert::plain(
        py,
        &if forex_hourly {
            ltp::Profile::forex_hourly()
        } else {
            ltp::Profile::default()
        },
    )
}

pub fn register_tracker(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Tracker>()?;
    module.add_function(wrap_pyfunction!(default_profile, module)?)?;
    Ok(())
}
