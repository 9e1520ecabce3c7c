//! Patterns on price bars: a validated columnar [`Bars`] view, TA-Lib's candlestick
//! patterns bar for bar ([`candles`], Nison 1991 as TA-Lib 0.6 encodes it), and the
//! indicators the patterns and the LTP engine share (SMA, EMA, Wilder's ATR and RSI, rolling
//! extremes), each matching TA-Lib's function of the same name.

mod bars;
mod breakouts;
mod candles;
mod chart;
mod error;
pub mod games;
mod indicators;
mod regimes;
mod streaks;
mod structure;
mod structure_options;
pub(crate) mod timeframes;

pub use bars::Bars;
pub use breakouts::{Breakout, breakouts};
pub use candles::{
    CANDLE_SETTING_NAMES, CandleSetting, CandleSettingOverride, CandleSettingOverrides,
    CandleSettings, RangeType, candle, candle_patterns, candles,
};
pub use chart::{ChartKind, ChartPattern, chart_patterns};
pub use error::PatternError;
pub use indicators::{EmaOptions, EmaSeed, WILDER_PERIOD, atr, ema, highest, lowest, rsi, sma};
pub use regimes::{Regime, regimes};
pub use streaks::{Cutoff, RunsTest, runs_test};
pub use structure::{
    FairValueGap, Level, Swing, SwingKind, Trend, fair_value_gaps, fractal_swings, inside_bars,
    levels, narrow_range, trend_structure, zigzag,
};
pub use structure_options::{
    BreakoutOptions, ChartOptions, LevelOptions, NarrowRangeOptions, ResampleOptions, RunsOptions,
    SessionOptions, SwingMethod, SwingOptions,
};
pub use timeframes::{Resampled, Session, Timeframe, parse_utc, resample, session_vwap};
