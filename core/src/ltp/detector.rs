//! Layer 1: the dashboard's detector pipeline (`ltp-detector.ts`): key levels from daily and
//! 5-minute bars, one analysis per timeframe, and the symbol's setup, for one symbol or many.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::{LtpError, finite};
use super::levels::{LevelFormula, LevelResult, PROXIMITY_THRESHOLD, level_unchecked};
use super::scores::{
    Direction, EmaPosition, KeyLevel, Momentum, MtfAnalysis, PatienceResult, Structure, TrendState,
    ema_9_21_unchecked, generate_coach_note, js_round, patience_unchecked, score_patience_quality,
    score_trend_alignment, trade_unchecked,
};
use crate::patterns::Bars;

/// The timeframe labels the dashboard analyses.
pub const TIMEFRAMES: [&str; 7] = ["2m", "5m", "15m", "1h", "4h", "daily", "weekly"];

/// The timeframes `analyzeMTF` walks, in its order.
pub const DASHBOARD_TIMEFRAMES: [&str; 5] = ["5m", "15m", "1h", "4h", "daily"];

/// The dashboard's key levels: previous day's high/low/close and the 200-day SMA from `daily`,
/// VWAP, opening range (first three bars), high/low of day and EMA 9/21 from the session's
/// 5-minute `intraday` bars. Intraday bars without volume give a VWAP of 0, as the dashboard's
/// data layer (volume defaults to 0) does.
///
/// ```
/// use edgekit::{ltp::key_levels, patterns::Bars};
///
/// let daily = Bars::new(&[10.0, 11.0], &[12.0, 13.0], &[9.0, 10.0], &[11.0, 12.0], None)?;
/// let intraday = Bars::new(&[12.0], &[12.5], &[11.5], &[12.2], Some(&[100.0]))?;
/// let levels = key_levels(daily, intraday);
/// let kinds: Vec<_> = levels.iter().map(|l| l.kind.as_str()).collect();
/// assert_eq!(kinds, ["pdh", "pdl", "pdc", "vwap", "hod", "lod"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn key_levels(daily: Bars, intraday: Bars) -> Vec<KeyLevel> {
    let mut levels = Vec::with_capacity(11);
    let days = daily.len();
    if days >= 2 {
        let p = days - 2;
        levels.push(KeyLevel::new("pdh", daily.high[p], "daily", 80.0));
        levels.push(KeyLevel::new("pdl", daily.low[p], "daily", 80.0));
        levels.push(KeyLevel::new("pdc", daily.close[p], "daily", 70.0));
    }
    let n = intraday.len();
    if n > 0 {
        let (vwap, hod, lod) = intraday_summary(intraday);
        levels.push(KeyLevel::new("vwap", vwap, "intraday", 75.0));
        if n >= 3 {
            let high = intraday.high[..3].iter().copied().fold(f64::MIN, f64::max);
            let low = intraday.low[..3].iter().copied().fold(f64::MAX, f64::min);
            levels.push(KeyLevel::new("orb_high", high, "intraday", 85.0));
            levels.push(KeyLevel::new("orb_low", low, "intraday", 85.0));
        }
        levels.push(KeyLevel::new("hod", hod, "intraday", 70.0));
        levels.push(KeyLevel::new("lod", lod, "intraday", 70.0));
        if n >= 21 {
            let (ema9, ema21) = ema_9_21_unchecked(intraday.close);
            levels.push(KeyLevel::new("ema_9", ema9, "intraday", 65.0));
            levels.push(KeyLevel::new("ema_21", ema21, "intraday", 70.0));
        }
    }
    if days >= 200 {
        let sum = daily.close[days - 200..].iter().fold(0.0, |a, b| a + b);
        levels.push(KeyLevel::new("sma_200", sum / 200.0, "daily", 95.0));
    }
    levels
}

/// VWAP (0 without volume), high and low of the session in one pass.
fn intraday_summary(bars: Bars) -> (f64, f64, f64) {
    let (mut tpv, mut total) = (0.0, 0.0);
    let (mut hod, mut lod) = (f64::MIN, f64::MAX);
    for i in 0..bars.len() {
        if let Some(v) = bars.volume {
            tpv += (bars.high[i] + bars.low[i] + bars.close[i]) / 3.0 * v[i];
            total += v[i];
        }
        hod = hod.max(bars.high[i]);
        lod = lod.min(bars.low[i]);
    }
    let vwap = if total > 0.0 { tpv / total } else { 0.0 };
    (vwap, hod, lod)
}

/// Checks a timeframe label against [`TIMEFRAMES`].
pub fn check_timeframe(timeframe: &str) -> Result<(), LtpError> {
    if TIMEFRAMES.contains(&timeframe) {
        Ok(())
    } else {
        Err(LtpError::UnknownTimeframe(timeframe.to_owned()))
    }
}

/// `analyzeTimeframe` on the bars the dashboard would have fetched: fewer than 21 bars give
/// neutral/range/mixed/weak; else trend from close vs EMA 9 vs EMA 21, structure of the last
/// five bars, EMA position and momentum since the first close.
///
/// ```
/// use edgekit::{ltp::{analyze_timeframe, TrendState}, patterns::Bars};
///
/// let close: Vec<f64> = (0..30).map(|i| 100.0 + i as f64).collect();
/// let high: Vec<f64> = close.iter().map(|c| c + 0.5).collect();
/// let low: Vec<f64> = close.iter().map(|c| c - 0.5).collect();
/// let a = analyze_timeframe(Bars::new(&close, &high, &low, &close, None)?, "1h")?;
/// assert_eq!(a.trend, TrendState::Bullish);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn analyze_timeframe(bars: Bars, timeframe: &str) -> Result<MtfAnalysis, LtpError> {
    check_timeframe(timeframe)?;
    Ok(timeframe_unchecked(bars, timeframe))
}

fn timeframe_unchecked(bars: Bars, timeframe: &str) -> MtfAnalysis {
    let mut analysis = MtfAnalysis {
        timeframe: timeframe.to_owned(),
        trend: TrendState::Neutral,
        structure: Structure::Range,
        ema_position: EmaPosition::Mixed,
        momentum: Momentum::Weak,
        orb_status: None,
        vwap_position: None,
    };
    let n = bars.len();
    if n < 21 {
        return analysis;
    }
    let closes = bars.close;
    let price = closes[n - 1];
    let (ema9, ema21) = ema_9_21_unchecked(closes);
    if price > ema9 && ema9 > ema21 {
        analysis.trend = TrendState::Bullish;
    } else if price < ema9 && ema9 < ema21 {
        analysis.trend = TrendState::Bearish;
    }
    let (highs, lows) = (&bars.high[n - 5..], &bars.low[n - 5..]);
    let rising = |xs: &[f64]| xs.windows(2).all(|w| w[1] >= w[0]);
    let falling = |xs: &[f64]| xs.windows(2).all(|w| w[1] <= w[0]);
    if rising(highs) && rising(lows) {
        analysis.structure = Structure::Uptrend;
    } else if falling(highs) && falling(lows) {
        analysis.structure = Structure::Downtrend;
    }
    if price > ema9 && price > ema21 {
        analysis.ema_position = EmaPosition::AboveAll;
    } else if price < ema9 && price < ema21 {
        analysis.ema_position = EmaPosition::BelowAll;
    }
    let change = ((price - closes[0]) / closes[0] * 100.0).abs();
    if change > 2.0 {
        analysis.momentum = Momentum::Strong;
    } else if change > 1.0 {
        analysis.momentum = Momentum::Moderate;
    }
    analysis
}

/// Where a Layer 1 setup stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum SetupStage {
    /// Scored, not ready.
    Forming,
    /// Confluence ≥ 70 with a patience candle.
    Ready,
    /// Part of the dashboard's type; its detector never sets it.
    Triggered,
}

impl SetupStage {
    /// "forming", "ready" or "triggered".
    pub fn as_str(self) -> &'static str {
        match self {
            SetupStage::Forming => "forming",
            SetupStage::Ready => "ready",
            SetupStage::Triggered => "triggered",
        }
    }
}

/// What one symbol's analysis needs: the quote, daily bars, the session's 5-minute bars, bars per
/// timeframe (the dashboard walks [`DASHBOARD_TIMEFRAMES`]) and, optionally, the 5-minute bars
/// for the patience check (the dashboard fetches the last 12; by default `intraday` is used,
/// which gives the same answer whenever it has 3 or more bars).
#[derive(Debug, Clone)]
pub struct SymbolInput<'a> {
    /// Ticker.
    pub symbol: &'a str,
    /// Last price.
    pub price: f64,
    /// Daily bars, oldest first.
    pub daily: Bars<'a>,
    /// Today's 5-minute bars.
    pub intraday: Bars<'a>,
    /// (timeframe label, bars) in the order to analyse.
    pub timeframes: Vec<(&'a str, Bars<'a>)>,
    /// Bars for the patience check, if not `intraday`.
    pub patience: Option<Bars<'a>>,
}

/// A scored setup (`DetectedSetup`), field for field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct DetectedSetup {
    /// Ticker.
    pub symbol: String,
    /// Bullish when more timeframes are bullish than bearish.
    pub direction: Direction,
    /// Forming or ready.
    pub setup_stage: SetupStage,
    /// round(0.35·L + 0.35·T + 0.3·P).
    pub confluence_score: f64,
    /// L.
    pub level_score: f64,
    /// T.
    pub trend_score: f64,
    /// P.
    pub patience_score: f64,
    /// Equal to `trend_score`.
    pub mtf_score: f64,
    /// Best level's type (None when empty).
    pub primary_level_type: Option<String>,
    /// Best level's price (None when 0, as JavaScript's `|| null`).
    pub primary_level_price: Option<f64>,
    /// Patience candles counted.
    pub patience_candles: u32,
    /// Entry.
    pub suggested_entry: Option<f64>,
    /// Stop.
    pub suggested_stop: Option<f64>,
    /// 1R.
    pub target_1: Option<f64>,
    /// 2R.
    pub target_2: Option<f64>,
    /// 3R.
    pub target_3: Option<f64>,
    /// Reward/risk at target 2.
    pub risk_reward: Option<f64>,
    /// The coach note.
    pub coach_note: String,
}

/// `analyzeSymbol`: `None` when there are no levels or no timeframes, as the dashboard. The
/// level score follows `formula` ([`LevelFormula::Dashboard`] reproduces the dashboard).
///
/// ```
/// use edgekit::{ltp::{analyze_symbol, LevelFormula, SymbolInput}, patterns::Bars};
///
/// let daily = Bars::new(&[99.0, 100.0], &[101.0, 100.5], &[98.0, 99.5], &[100.0, 100.2], None)?;
/// let input = SymbolInput { symbol: "SPY", price: 100.9, daily, intraday: daily,
///                           timeframes: vec![("daily", daily)], patience: None };
/// let setup = analyze_symbol(&input, LevelFormula::Corrected)?.expect("levels exist");
/// assert_eq!(setup.primary_level_type.as_deref(), Some("pdh"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn analyze_symbol(
    input: &SymbolInput,
    formula: LevelFormula,
) -> Result<Option<DetectedSetup>, LtpError> {
    finite(|| format!("{}: price", input.symbol), input.price)?;
    for (tf, _) in &input.timeframes {
        check_timeframe(tf)?;
    }
    symbol_checked(input, formula)
}

/// The setup of inputs whose price and timeframes are checked; a price so large that the
/// trade levels overflow is refused.
fn symbol_checked(
    input: &SymbolInput,
    formula: LevelFormula,
) -> Result<Option<DetectedSetup>, LtpError> {
    let levels = key_levels(input.daily, input.intraday);
    if levels.is_empty() || input.timeframes.is_empty() {
        return Ok(None);
    }
    let analyses: Vec<MtfAnalysis> = input
        .timeframes
        .iter()
        .map(|(tf, bars)| timeframe_unchecked(*bars, tf))
        .collect();
    let count = |t: TrendState| analyses.iter().filter(|a| a.trend == t).count();
    let direction = if count(TrendState::Bullish) > count(TrendState::Bearish) {
        Direction::Bullish
    } else {
        Direction::Bearish
    };
    let level: LevelResult = level_unchecked(input.price, &levels, PROXIMITY_THRESHOLD, formula);
    let trend = score_trend_alignment(&analyses, direction, None).unwrap_or(0.0);
    let patience_bars = input.patience.unwrap_or(input.intraday);
    let patience = match &level.level {
        Some(l) => patience_unchecked(patience_bars.open, patience_bars.close, l.price, 0.5),
        None => PatienceResult {
            detected: false,
            count: 0,
        },
    };
    let patience_score = score_patience_quality(patience);
    let confluence = js_round(level.score * 0.35 + trend * 0.35 + patience_score * 0.3);
    let stage = if confluence >= 70.0 && patience.detected {
        SetupStage::Ready
    } else {
        SetupStage::Forming
    };
    let trade = trade_unchecked(input.price, level.level.as_ref(), direction);
    trade.check(&format!("{}: price", input.symbol), input.price)?;
    let note = generate_coach_note(&level, trend, patience, direction);
    Ok(Some(DetectedSetup {
        symbol: input.symbol.to_owned(),
        direction,
        setup_stage: stage,
        confluence_score: confluence,
        level_score: level.score,
        trend_score: trend,
        patience_score,
        mtf_score: trend,
        primary_level_type: level
            .level
            .as_ref()
            .map(|l| l.kind.clone())
            .filter(|k| !k.is_empty()),
        primary_level_price: level.level.as_ref().map(|l| l.price).filter(|&p| p != 0.0),
        patience_candles: patience.count,
        suggested_entry: trade.suggested_entry,
        suggested_stop: trade.suggested_stop,
        target_1: trade.target_1,
        target_2: trade.target_2,
        target_3: trade.target_3,
        risk_reward: trade.risk_reward,
        coach_note: note,
    }))
}

/// One symbol's problem in a batch: its position, name, stable error code and message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct SymbolError {
    /// Position of the symbol in the batch.
    pub index: usize,
    /// The symbol.
    pub symbol: String,
    /// The error's stable code (`EDGEKIT_INVALID_INPUT`, ...).
    pub code: String,
    /// What is wrong, naming the input.
    pub message: String,
}

impl SymbolError {
    /// The error of symbol `index`.
    pub fn new(index: usize, symbol: &str, error: impl Into<crate::Error>) -> Self {
        let error = error.into();
        SymbolError {
            index,
            symbol: symbol.to_owned(),
            code: error.code().as_str().to_owned(),
            message: error.to_string(),
        }
    }
}

/// A batch's setups, one per symbol in order (`None` where there is none or where the symbol's
/// inputs are bad, as the dashboard's detector returns `null` for a symbol it cannot analyse),
/// and what was wrong with each bad symbol.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub struct SetupBatch {
    /// One entry per symbol, in order.
    pub setups: Vec<Option<DetectedSetup>>,
    /// The symbols that could not be analysed, in order.
    pub errors: Vec<SymbolError>,
}

impl SetupBatch {
    /// Gathers per-symbol results (`symbols[i]` names result `i`).
    pub fn gather<'a>(
        symbols: impl IntoIterator<Item = &'a str>,
        results: Vec<Result<Option<DetectedSetup>, LtpError>>,
    ) -> Self {
        let named = symbols
            .into_iter()
            .zip(results)
            .enumerate()
            .map(|(index, (symbol, r))| r.map_err(|error| SymbolError::new(index, symbol, error)));
        Self::of(named)
    }

    /// Gathers per-symbol results whose errors are already named.
    pub fn of(
        results: impl IntoIterator<Item = Result<Option<DetectedSetup>, SymbolError>>,
    ) -> Self {
        let mut batch = SetupBatch::default();
        for result in results {
            match result {
                Ok(setup) => batch.setups.push(setup),
                Err(error) => {
                    batch.setups.push(None);
                    batch.errors.push(error);
                }
            }
        }
        batch
    }
}

/// [`analyze_symbol`] over many symbols in parallel, one result per symbol in input order: a
/// bad symbol never fails the others.
pub fn analyze_symbols_each(
    inputs: &[SymbolInput],
    formula: LevelFormula,
) -> Vec<Result<Option<DetectedSetup>, LtpError>> {
    inputs
        .par_iter()
        .map(|input| analyze_symbol(input, formula))
        .collect()
}

/// [`analyze_symbol`] over many symbols in parallel, in input order; the first bad symbol fails
/// the batch ([`analyze_symbols_each`] reports each in its own slot).
pub fn analyze_symbols(
    inputs: &[SymbolInput],
    formula: LevelFormula,
) -> Result<Vec<Option<DetectedSetup>>, LtpError> {
    analyze_symbols_each(inputs, formula).into_iter().collect()
}
