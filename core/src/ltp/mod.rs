//! KCU Level-Trend-Patience setups.
//!
//! Layer 1 ([`scores`](self) and the detector) reproduces the trading-coach dashboard's
//! TypeScript engine (`ltp-engine.ts`, `ltp-detector.ts` in n8kahl/kcu-coach-dashboard)
//! operation for operation, JavaScript rounding included, so the Node addon is a drop-in.
//! Bars are the pattern engine's validated [`Bars`](crate::patterns::Bars).

mod detector;
mod error;
mod scores;

pub use detector::{
    DASHBOARD_TIMEFRAMES, DetectedSetup, SetupStage, SymbolInput, TIMEFRAMES, analyze_symbol,
    analyze_symbols, analyze_timeframe, check_timeframe, key_levels,
};
pub use error::LtpError;
pub use scores::{
    Direction, EmaPosition, KeyLevel, LevelResult, LtpScore, Momentum, MtfAnalysis, PatienceResult,
    Structure, TradeParams, TrendState, calculate_ema, calculate_ltp_score, calculate_trade_params,
    calculate_vwap, default_trend_weights, detect_patience_candle, generate_coach_note,
    get_ltp_grade, js_round, score_level_proximity, score_patience_quality, score_trend_alignment,
};
